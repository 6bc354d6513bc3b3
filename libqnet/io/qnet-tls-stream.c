/* qnet-tls-stream.c: a TLS session over a base GIOStream, with GnuTLS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The object, its GIOStream side, configuration and queries. The session
 * and handshake are in qnet-tls-stream-handshake.c, the transport and the
 * plaintext I/O in qnet-tls-stream-io.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-tls-stream-private.h"

/* A CA file is read whole; CA bundles are well below this. */
#define QNET_TLS_MAX_CA_FILE (16 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (QnetTlsStream, qnet_tls_stream, G_TYPE_IO_STREAM)

/* ---- GIOStream -------------------------------------------------------- */

static GInputStream *
qnet_tls_stream_get_input_stream (GIOStream *stream)
{
  return QNET_TLS_STREAM (stream)->in;
}

static GOutputStream *
qnet_tls_stream_get_output_stream (GIOStream *stream)
{
  return QNET_TLS_STREAM (stream)->out;
}

/* The part of closing that never waits: close_notify as far as the base
 * stream takes it now, then the plaintext halves. */
static void
close_without_waiting (QnetTlsStream *self)
{
  if (self->handshake_state == HANDSHAKE_DONE && !self->write_closed
      && qnet_tls_stream_queue_close_notify (self, NULL))
    qnet_tls_stream_flush_nonblocking (self, NULL);

  /* Whatever is left will not be written. */
  g_mutex_lock (&self->out_lock);
  g_byte_array_set_size (self->out_pending, 0);
  self->out_offset = 0;
  g_mutex_unlock (&self->out_lock);

  self->closing = TRUE;
  g_input_stream_close (self->in, NULL, NULL);
  g_output_stream_close (self->out, NULL, NULL);
}

static gboolean
qnet_tls_stream_close_fn (GIOStream     *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  QnetTlsStream *self = QNET_TLS_STREAM (stream);

  close_without_waiting (self);
  return g_io_stream_close (self->base, cancellable, error);
}

static void
base_closed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
qnet_tls_stream_close_async (GIOStream           *stream,
                             int                  io_priority,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  QnetTlsStream *self = QNET_TLS_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, qnet_tls_stream_close_async);
  close_without_waiting (self);
  g_io_stream_close_async (self->base, io_priority, cancellable, base_closed_cb, task);
}

static gboolean
qnet_tls_stream_close_finish (GIOStream     *stream,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
qnet_tls_stream_finalize (GObject *object)
{
  QnetTlsStream *self = QNET_TLS_STREAM (object);

  g_clear_object (&self->in);
  g_clear_object (&self->out);
  g_clear_pointer (&self->session, gnutls_deinit);
  g_clear_pointer (&self->creds, gnutls_certificate_free_credentials);
  g_clear_pointer (&self->own_key, gnutls_x509_privkey_deinit);
  g_clear_pointer (&self->own_chain, g_ptr_array_unref);
  g_clear_pointer (&self->ca_data, g_bytes_unref);
  g_clear_pointer (&self->peer_chain, g_ptr_array_unref);
  g_clear_pointer (&self->initial_input, g_bytes_unref);
  g_clear_pointer (&self->out_pending, g_byte_array_unref);
  g_clear_error (&self->in_error);
  g_clear_error (&self->out_error);
  g_clear_error (&self->handshake_error);
  g_free (self->server_identity);
  g_free (self->priority);
  g_free (self->cipher_name);
  g_free (self->protocol_version);
  g_free (self->requested_server_name);
  g_mutex_clear (&self->out_lock);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (qnet_tls_stream_parent_class)->finalize (object);
}

static void
qnet_tls_stream_class_init (QnetTlsStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->finalize = qnet_tls_stream_finalize;

  stream_class->get_input_stream = qnet_tls_stream_get_input_stream;
  stream_class->get_output_stream = qnet_tls_stream_get_output_stream;
  stream_class->close_fn = qnet_tls_stream_close_fn;
  stream_class->close_async = qnet_tls_stream_close_async;
  stream_class->close_finish = qnet_tls_stream_close_finish;
}

static void
qnet_tls_stream_init (QnetTlsStream *self)
{
  self->verify_peer = TRUE;
  self->system_trust = TRUE;
  self->out_pending = g_byte_array_new ();
  g_mutex_init (&self->out_lock);
}

QnetTlsStream *
qnet_tls_stream_new (GIOStream         *base,
                     QnetTlsStreamMode  mode,
                     GBytes            *initial_input,
                     GError           **error)
{
  QnetTlsStream *self;
  GInputStream *in;
  GOutputStream *out;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in = g_io_stream_get_input_stream (base);
  out = g_io_stream_get_output_stream (base);
  if (!G_IS_POLLABLE_INPUT_STREAM (in)
      || !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (in))
      || !G_IS_POLLABLE_OUTPUT_STREAM (out)
      || !g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (out)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("TLS needs a connection that can be polled"));
      return NULL;
    }

  self = g_object_new (QNET_TYPE_TLS_STREAM, NULL);
  self->base = g_object_ref (base);
  self->base_in = G_POLLABLE_INPUT_STREAM (in);
  self->base_out = G_POLLABLE_OUTPUT_STREAM (out);
  self->mode = mode;
  if (initial_input != NULL && g_bytes_get_size (initial_input) > 0)
    self->initial_input = g_bytes_ref (initial_input);
  self->in = qnet_tls_input_stream_new (self);
  self->out = qnet_tls_output_stream_new (self);

  return self;
}

GIOStream *
qnet_tls_stream_get_base_stream (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), NULL);

  return self->base;
}

QnetTlsStreamMode
qnet_tls_stream_get_mode (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), QNET_TLS_STREAM_CLIENT);

  return self->mode;
}

/* ---- Configuration ---------------------------------------------------- */

#define return_if_started(self) \
  g_return_if_fail ((self)->handshake_state == HANDSHAKE_IDLE)
#define return_val_if_started(self, val) \
  g_return_val_if_fail ((self)->handshake_state == HANDSHAKE_IDLE, (val))

void
qnet_tls_stream_set_callbacks (QnetTlsStream                *self,
                               const QnetTlsStreamCallbacks *callbacks,
                               gpointer                      user_data)
{
  g_return_if_fail (QNET_IS_TLS_STREAM (self));

  self->callbacks = callbacks;
  self->callbacks_data = user_data;
}

void
qnet_tls_stream_set_server_identity (QnetTlsStream *self,
                                     const char    *host)
{
  g_return_if_fail (QNET_IS_TLS_STREAM (self));
  return_if_started (self);

  g_clear_pointer (&self->server_identity, g_free);
  if (host == NULL || *host == '\0')
    return;

  if (host[0] == '[')
    {
      gsize len = strlen (host);

      if (len > 2 && host[len - 1] == ']')
        {
          self->server_identity = g_strndup (host + 1, len - 2);
          return;
        }
    }
  self->server_identity = g_strdup (host);

  /* "example.com." names the same host; neither SNI nor the certificate
   * carry the final dot. */
  {
    gsize len = strlen (self->server_identity);

    if (len > 1 && self->server_identity[len - 1] == '.')
      self->server_identity[len - 1] = '\0';
  }
}

const char *
qnet_tls_stream_get_server_identity (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), NULL);

  return self->server_identity;
}

void
qnet_tls_stream_set_verify_peer (QnetTlsStream *self,
                                 gboolean       verify)
{
  g_return_if_fail (QNET_IS_TLS_STREAM (self));
  return_if_started (self);

  self->verify_peer = !!verify;
}

void
qnet_tls_stream_set_system_trust (QnetTlsStream *self,
                                  gboolean       use_system_trust)
{
  g_return_if_fail (QNET_IS_TLS_STREAM (self));
  return_if_started (self);

  self->system_trust = !!use_system_trust;
}

gboolean
qnet_tls_stream_set_ca_file (QnetTlsStream *self,
                             const char    *path,
                             GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gnutls_x509_crt_t *list = NULL;
  unsigned int n_list = 0;
  gnutls_x509_crt_fmt_t format;
  gnutls_datum_t datum;
  int ret;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  return_val_if_started (self, FALSE);

  file = g_file_new_for_path (path);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  if (length > QNET_TLS_MAX_CA_FILE)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("The CA file “%s” is too large"), path);
      return FALSE;
    }

  format = g_strstr_len (contents, length, "-----BEGIN ") != NULL ? GNUTLS_X509_FMT_PEM
                                                                 : GNUTLS_X509_FMT_DER;
  datum.data = (unsigned char *) contents;
  datum.size = length;
  ret = gnutls_x509_crt_list_import2 (&list, &n_list, &datum, format, 0);
  if (ret < 0 || n_list == 0)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("The CA file “%s” holds no valid certificate: %s"), path,
                   gnutls_strerror (ret < 0 ? ret : GNUTLS_E_NO_CERTIFICATE_FOUND));
      return FALSE;
    }
  for (unsigned int i = 0; i < n_list; i++)
    gnutls_x509_crt_deinit (list[i]);
  gnutls_free (list);

  g_clear_pointer (&self->ca_data, g_bytes_unref);
  self->ca_data = g_bytes_new_take (g_steal_pointer (&contents), length);
  self->ca_format = format;
  return TRUE;
}

gboolean
qnet_tls_stream_set_certificate (QnetTlsStream           *self,
                                 const gnutls_x509_crt_t *chain,
                                 guint                    n_chain,
                                 gnutls_x509_privkey_t    key,
                                 GError                 **error)
{
  g_autoptr(GPtrArray) ders = NULL;
  gnutls_x509_privkey_t key_copy = NULL;
  unsigned char crt_id[64], key_id[64];
  size_t crt_id_size = sizeof (crt_id), key_id_size = sizeof (key_id);
  int ret;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);
  g_return_val_if_fail (chain != NULL && n_chain > 0, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  return_val_if_started (self, FALSE);

  if (n_chain > QNET_TLS_MAX_CHAIN)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("The certificate chain is longer than %d certificates"), QNET_TLS_MAX_CHAIN);
      return FALSE;
    }

  if (gnutls_x509_crt_get_key_id (chain[0], 0, crt_id, &crt_id_size) < 0
      || gnutls_x509_privkey_get_key_id (key, 0, key_id, &key_id_size) < 0
      || crt_id_size != key_id_size || memcmp (crt_id, key_id, crt_id_size) != 0)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
                   _("The private key does not belong to the certificate"));
      return FALSE;
    }

  ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < n_chain; i++)
    {
      gnutls_datum_t datum = { NULL, 0 };

      ret = gnutls_x509_crt_export2 (chain[i], GNUTLS_X509_FMT_DER, &datum);
      if (ret < 0)
        return qnet_tls_set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                                          _("Could not use the certificate"), ret);
      g_ptr_array_add (ders, g_bytes_new (datum.data, datum.size));
      gnutls_free (datum.data);
    }

  ret = gnutls_x509_privkey_init (&key_copy);
  if (ret >= 0)
    ret = gnutls_x509_privkey_cpy (key_copy, key);
  if (ret < 0)
    {
      g_clear_pointer (&key_copy, gnutls_x509_privkey_deinit);
      return qnet_tls_set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
                                        _("Could not use the private key"), ret);
    }

  g_clear_pointer (&self->own_chain, g_ptr_array_unref);
  g_clear_pointer (&self->own_key, gnutls_x509_privkey_deinit);
  self->own_chain = g_steal_pointer (&ders);
  self->own_key = key_copy;
  return TRUE;
}

void
qnet_tls_stream_set_client_auth (QnetTlsStream     *self,
                                 QnetTlsClientAuth  auth)
{
  g_return_if_fail (QNET_IS_TLS_STREAM (self));
  return_if_started (self);

  self->client_auth = auth;
}

gboolean
qnet_tls_stream_set_priority (QnetTlsStream *self,
                              const char    *priority,
                              GError       **error)
{
  gnutls_priority_t cache = NULL;
  const char *error_pos = NULL;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);
  return_val_if_started (self, FALSE);

  if (priority != NULL)
    {
      int ret = gnutls_priority_init (&cache, priority, &error_pos);

      if (ret < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Invalid TLS priority string at “%s”: %s"),
                       error_pos != NULL ? error_pos : priority, gnutls_strerror (ret));
          return FALSE;
        }
      gnutls_priority_deinit (cache);
    }

  g_free (self->priority);
  self->priority = g_strdup (priority);
  return TRUE;
}

void
qnet_tls_stream_set_require_close_notify (QnetTlsStream *self,
                                          gboolean       require)
{
  g_return_if_fail (QNET_IS_TLS_STREAM (self));

  self->require_close_notify = !!require;
}

/* ---- Queries ---------------------------------------------------------- */

const char *
qnet_tls_stream_get_cipher_name (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), NULL);

  return self->cipher_name;
}

const char *
qnet_tls_stream_get_protocol_version (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), NULL);

  return self->protocol_version;
}

const char *
qnet_tls_stream_get_verify_code (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), NULL);

  return self->verify_code;
}

gboolean
qnet_tls_stream_get_certificate_accepted (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);

  return self->certificate_accepted;
}

GBytes *
qnet_tls_stream_get_peer_certificate (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), NULL);

  if (self->peer_chain == NULL || self->peer_chain->len == 0)
    return NULL;
  return g_bytes_ref (g_ptr_array_index (self->peer_chain, 0));
}

GPtrArray *
qnet_tls_stream_get_peer_certificates (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), NULL);

  if (self->peer_chain == NULL)
    return NULL;
  return g_ptr_array_ref (self->peer_chain);
}

const char *
qnet_tls_stream_get_requested_server_name (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), NULL);

  return self->requested_server_name;
}

gboolean
qnet_tls_stream_got_close_notify (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);

  return self->got_close_notify;
}

gboolean
qnet_tls_stream_was_truncated (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);

  return self->truncated;
}
