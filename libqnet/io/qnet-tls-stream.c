/* qnet-tls-stream.c: a TLS session over a base GIOStream, with GnuTLS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-tls-stream-private.h"
#include "qnet-tls-verify.h"

/* Ciphertext kept while the base stream cannot take it: a handshake
 * flight, or the last record written plus alerts. Past this the peer has
 * stopped reading while GnuTLS keeps producing, and we fail instead of
 * growing. */
#define QNET_TLS_MAX_PENDING_OUTPUT (1024 * 1024)
/* Plaintext one non-blocking write encrypts at most, so that one call
 * does not hold the main loop for long. */
#define QNET_TLS_MAX_WRITE_PER_CALL (256 * 1024)
/* Non-fatal GnuTLS results in a row (interrupted calls, warning alerts,
 * refused renegotiations) before a read or a handshake step gives up. */
#define QNET_TLS_MAX_RETRIES 32
/* A CA file is read whole; CA bundles are well below this. */
#define QNET_TLS_MAX_CA_FILE (16 * 1024 * 1024)
/* Certificates in the own chain. */
#define QNET_TLS_MAX_CHAIN 16

typedef enum {
  HANDSHAKE_IDLE,
  HANDSHAKE_RUNNING,
  HANDSHAKE_FINISHING,   /* verified; the last flight is being written */
  HANDSHAKE_DONE,
  HANDSHAKE_FAILED,
} HandshakeState;

typedef enum {
  STEP_DONE,
  STEP_WANT_READ,
  STEP_WANT_WRITE,
  STEP_FAILED,
} StepResult;

struct _QnetTlsStream
{
  GIOStream parent_instance;

  GIOStream             *base;       /* (owned) */
  GPollableInputStream  *base_in;    /* (unowned): owned by base */
  GPollableOutputStream *base_out;   /* (unowned): owned by base */
  GInputStream          *in;         /* (owned) */
  GOutputStream         *out;        /* (owned) */
  QnetTlsStreamMode      mode;

  /* Configuration. */
  const QnetTlsStreamCallbacks *callbacks;  /* (unowned) (nullable) */
  gpointer                      callbacks_data;
  char                  *server_identity;   /* (owned) (nullable): brackets stripped */
  gboolean               verify_peer;
  gboolean               system_trust;
  GBytes                *ca_data;           /* (owned) (nullable) */
  gnutls_x509_crt_fmt_t  ca_format;
  GPtrArray             *own_chain;         /* (owned) (nullable) (element-type GBytes): DER */
  gnutls_x509_privkey_t  own_key;           /* (owned) (nullable) */
  QnetTlsClientAuth      client_auth;
  char                  *priority;          /* (owned) (nullable) */
  gboolean               require_close_notify;

  /* Session. */
  gnutls_session_t                 session;  /* (owned) (nullable) */
  gnutls_certificate_credentials_t creds;    /* (owned) (nullable): NULL = shared defaults */
  HandshakeState         handshake_state;
  GError                *handshake_error;    /* (owned) (nullable) */
  char                  *cipher_name;        /* (owned) (nullable) */
  char                  *protocol_version;   /* (owned) (nullable) */
  const char            *verify_code;        /* (unowned) (nullable): static */
  gboolean               certificate_accepted;
  GPtrArray             *peer_chain;         /* (owned) (nullable) (element-type GBytes) */
  char                  *requested_server_name; /* (owned) (nullable) */

  /* Transport. */
  GBytes                *initial_input;      /* (owned) (nullable) */
  gsize                  initial_offset;
  GError                *in_error;           /* (owned) (nullable): base read error */
  GMutex                 out_lock;           /* guards the three below */
  GByteArray            *out_pending;        /* (owned): ciphertext not yet written */
  gsize                  out_offset;
  GError                *out_error;          /* (owned) (nullable): base write error */

  gboolean               read_closed;        /* end of stream reached */
  gboolean               got_close_notify;
  gboolean               truncated;
  gboolean               write_closed;       /* close_notify sent */
  gboolean               closing;
};

G_DEFINE_FINAL_TYPE (QnetTlsStream, qnet_tls_stream, G_TYPE_IO_STREAM)

/* ---- Credentials ------------------------------------------------------ */

/* A client with no configuration of its own shares these: the system
 * trust store is parsed once per process. */
static gnutls_certificate_credentials_t
get_shared_client_credentials (void)
{
  static gsize once = 0;
  static gnutls_certificate_credentials_t shared = NULL;

  if (g_once_init_enter (&once))
    {
      gnutls_certificate_credentials_t creds = NULL;

      if (gnutls_certificate_allocate_credentials (&creds) == 0)
        gnutls_certificate_set_x509_system_trust (creds);
      shared = creds;
      g_once_init_leave (&once, 1);
    }

  return shared;
}

static gboolean
uses_shared_credentials (QnetTlsStream *self)
{
  return self->mode == QNET_TLS_STREAM_CLIENT && self->system_trust && self->ca_data == NULL
         && self->own_chain == NULL;
}

static gboolean
set_gnutls_error (GError    **error,
                  GQuark      domain,
                  gint        code,
                  const char *what,
                  int         gnutls_ret)
{
  g_set_error (error, domain, code, "%s: %s", what, gnutls_strerror (gnutls_ret));
  return FALSE;
}

static gboolean
build_credentials (QnetTlsStream *self,
                   GError       **error)
{
  gnutls_certificate_credentials_t creds = NULL;
  int ret;

  if (uses_shared_credentials (self))
    {
      if (get_shared_client_credentials () == NULL)
        {
          g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                       _("Could not allocate TLS credentials"));
          return FALSE;
        }
      return TRUE;
    }

  ret = gnutls_certificate_allocate_credentials (&creds);
  if (ret < 0)
    return set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                             _("Could not allocate TLS credentials"), ret);

  /* An empty or missing system store is not an error: verification then
   * finds no issuer, and says so. */
  if (self->system_trust)
    gnutls_certificate_set_x509_system_trust (creds);

  if (self->ca_data != NULL)
    {
      gnutls_datum_t datum;
      gsize size;

      datum.data = (unsigned char *) g_bytes_get_data (self->ca_data, &size);
      datum.size = size;
      ret = gnutls_certificate_set_x509_trust_mem (creds, &datum, self->ca_format);
      if (ret < 0)
        {
          gnutls_certificate_free_credentials (creds);
          return set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                                   _("Could not load the CA certificates"), ret);
        }
    }

  if (self->own_chain != NULL)
    {
      gnutls_x509_crt_t chain[QNET_TLS_MAX_CHAIN];
      guint n = 0;

      ret = 0;
      for (n = 0; n < self->own_chain->len && ret >= 0; n++)
        {
          GBytes *der = g_ptr_array_index (self->own_chain, n);
          gnutls_datum_t datum;
          gsize size;

          datum.data = (unsigned char *) g_bytes_get_data (der, &size);
          datum.size = size;
          ret = gnutls_x509_crt_init (&chain[n]);
          if (ret < 0)
            break;
          ret = gnutls_x509_crt_import (chain[n], &datum, GNUTLS_X509_FMT_DER);
        }
      if (ret >= 0)
        ret = gnutls_certificate_set_x509_key (creds, chain, n, self->own_key);
      for (guint i = 0; i < n; i++)
        gnutls_x509_crt_deinit (chain[i]);
      if (ret < 0)
        {
          gnutls_certificate_free_credentials (creds);
          return set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                                   _("Could not use the certificate"), ret);
        }
    }

  self->creds = creds;
  return TRUE;
}

/* ---- Transport -------------------------------------------------------- */

static void
set_transport_error (GError **slot,
                     GError  *error)
{
  g_clear_error (slot);
  *slot = error;
}

static ssize_t
tls_pull (gnutls_transport_ptr_t ptr,
          void                  *buffer,
          size_t                 len)
{
  QnetTlsStream *self = ptr;
  GError *error = NULL;
  gssize n;

  if (self->initial_input != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (self->initial_input, &size);
      gsize chunk = MIN (len, size - self->initial_offset);

      memcpy (buffer, data + self->initial_offset, chunk);
      self->initial_offset += chunk;
      if (self->initial_offset >= size)
        {
          g_clear_pointer (&self->initial_input, g_bytes_unref);
          self->initial_offset = 0;
        }
      return chunk;
    }

  if (self->in_error != NULL)
    {
      gnutls_transport_set_errno (self->session, EIO);
      return -1;
    }

  n = g_pollable_input_stream_read_nonblocking (self->base_in, buffer, len, NULL, &error);
  if (n >= 0)
    return n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (error);
      gnutls_transport_set_errno (self->session, EAGAIN);
      return -1;
    }

  set_transport_error (&self->in_error, error);
  gnutls_transport_set_errno (self->session, EIO);
  return -1;
}

static int
tls_pull_timeout (gnutls_transport_ptr_t ptr,
                  unsigned int           ms)
{
  QnetTlsStream *self = ptr;

  /* The session is non-blocking: answer for now, never wait (the
   * callers wait on the base stream's sources instead). */
  if (self->initial_input != NULL || self->in_error != NULL)
    return 1;
  return g_pollable_input_stream_is_readable (self->base_in) ? 1 : 0;
}

/* Called with out_lock held. Appends what the base stream did not take. */
static gboolean
queue_output_locked (QnetTlsStream *self,
                     const guint8  *data,
                     gsize          len)
{
  if (self->out_pending->len - self->out_offset + len > QNET_TLS_MAX_PENDING_OUTPUT)
    {
      set_transport_error (&self->out_error,
                           g_error_new (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                                        _("The peer does not read what is sent to it")));
      return FALSE;
    }
  g_byte_array_append (self->out_pending, data, len);
  return TRUE;
}

/* GnuTLS hands over whole records (and handshake messages); what the base
 * stream does not take now is kept, so GnuTLS never sees EAGAIN on a
 * write (it would then insist on being called again with the same data,
 * which GOutputStream callers do not promise). */
static ssize_t
tls_vec_push (gnutls_transport_ptr_t ptr,
              const giovec_t        *iov,
              int                    iovcnt)
{
  QnetTlsStream *self = ptr;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->out_lock);
  GOutputVector stack_vectors[16];
  g_autofree GOutputVector *heap_vectors = NULL;
  GOutputVector *vectors = stack_vectors;
  GError *error = NULL;
  gsize total = 0;
  gsize skip = 0;

  if (self->out_error != NULL)
    {
      gnutls_transport_set_errno (self->session, EPIPE);
      return -1;
    }

  if (iovcnt > (int) G_N_ELEMENTS (stack_vectors))
    vectors = heap_vectors = g_new (GOutputVector, iovcnt);
  for (int i = 0; i < iovcnt; i++)
    {
      vectors[i].buffer = iov[i].iov_base;
      vectors[i].size = iov[i].iov_len;
      total += iov[i].iov_len;
    }

  /* Keep the order: nothing goes past queued ciphertext. */
  if (self->out_pending->len == self->out_offset)
    {
      GPollableReturn ret;

      ret = g_pollable_output_stream_writev_nonblocking (self->base_out, vectors, iovcnt, &skip,
                                                         NULL, &error);
      if (ret == G_POLLABLE_RETURN_FAILED)
        {
          set_transport_error (&self->out_error, error);
          gnutls_transport_set_errno (self->session, EPIPE);
          return -1;
        }
      if (ret == G_POLLABLE_RETURN_WOULD_BLOCK)
        skip = 0;
    }

  /* Queue what the base stream did not take. */
  for (int i = 0; i < iovcnt; i++)
    {
      gsize len = iov[i].iov_len;

      if (skip >= len)
        {
          skip -= len;
          continue;
        }
      if (!queue_output_locked (self, (const guint8 *) iov[i].iov_base + skip, len - skip))
        {
          gnutls_transport_set_errno (self->session, EPIPE);
          return -1;
        }
      skip = 0;
    }

  return total;
}

gboolean
qnet_tls_stream_flush_nonblocking (QnetTlsStream *self,
                                   GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->out_lock);

  while (self->out_pending->len > self->out_offset)
    {
      GError *local_error = NULL;
      gssize n;

      if (self->out_error != NULL)
        {
          g_propagate_error (error, g_error_copy (self->out_error));
          return FALSE;
        }

      n = g_pollable_output_stream_write_nonblocking (self->base_out,
                                                      self->out_pending->data + self->out_offset,
                                                      self->out_pending->len - self->out_offset,
                                                      NULL, &local_error);
      if (n < 0)
        {
          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            set_transport_error (&self->out_error, g_error_copy (local_error));
          g_propagate_error (error, local_error);
          return FALSE;
        }
      self->out_offset += n;
    }

  g_byte_array_set_size (self->out_pending, 0);
  self->out_offset = 0;

  if (self->out_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->out_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
qnet_tls_stream_has_pending_output (QnetTlsStream *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);

  locker = g_mutex_locker_new (&self->out_lock);
  return self->out_pending->len > self->out_offset;
}

/* ---- Waiting ---------------------------------------------------------- */

static gboolean
flag_source_cb (gpointer data)
{
  gboolean *flag = data;

  *flag = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
pollable_flag_cb (GObject  *pollable,
                  gpointer  data)
{
  return flag_source_cb (data);
}

static GSource *
create_base_source (QnetTlsStream *self,
                    GIOCondition   condition,
                    GCancellable  *cancellable)
{
  if (condition & G_IO_IN)
    return g_pollable_input_stream_create_source (self->base_in, cancellable);
  return g_pollable_output_stream_create_source (self->base_out, cancellable);
}

gboolean
qnet_tls_stream_wait (QnetTlsStream *self,
                      GIOCondition   condition,
                      gint64         deadline,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gint64 timeout_us = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (deadline >= 0)
    timeout_us = MAX (deadline - g_get_monotonic_time (), 0);

  if (G_IS_SOCKET_CONNECTION (self->base))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (self->base));
      GError *local_error = NULL;

      if (g_socket_condition_timed_wait (socket, condition, timeout_us, cancellable, &local_error))
        return TRUE;
      g_propagate_error (error, local_error);
      return FALSE;
    }
  else
    {
      g_autoptr(GMainContext) context = g_main_context_new ();
      g_autoptr(GSource) source = create_base_source (self, condition, cancellable);
      g_autoptr(GSource) timeout = NULL;
      gboolean ready = FALSE;
      gboolean timed_out = FALSE;

      g_source_set_callback (source, G_SOURCE_FUNC (pollable_flag_cb), &ready, NULL);
      g_source_attach (source, context);
      if (timeout_us >= 0)
        {
          timeout = g_timeout_source_new ((guint) ((timeout_us + 999) / 1000));
          g_source_set_callback (timeout, flag_source_cb, &timed_out, NULL);
          g_source_attach (timeout, context);
        }

      while (!ready && !timed_out)
        g_main_context_iteration (context, TRUE);

      g_source_destroy (source);
      if (timeout != NULL)
        g_source_destroy (timeout);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!ready)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("The operation timed out"));
          return FALSE;
        }
      return TRUE;
    }
}

/* ---- Handshake -------------------------------------------------------- */

static gboolean
setup_session (QnetTlsStream *self,
               GError       **error)
{
  unsigned int flags = self->mode == QNET_TLS_STREAM_CLIENT ? GNUTLS_CLIENT : GNUTLS_SERVER;
  int ret;

  if (self->mode == QNET_TLS_STREAM_SERVER && self->own_chain == NULL)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                   _("A TLS server needs a certificate and a private key"));
      return FALSE;
    }

  if (!build_credentials (self, error))
    return FALSE;

  ret = gnutls_init (&self->session, flags | GNUTLS_NONBLOCK);
  if (ret < 0)
    return set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                             _("Could not start a TLS session"), ret);

  if (self->priority != NULL)
    ret = gnutls_priority_set_direct (self->session, self->priority, NULL);
  else
    ret = gnutls_set_default_priority (self->session);
  if (ret >= 0)
    ret = gnutls_credentials_set (self->session, GNUTLS_CRD_CERTIFICATE,
                                  self->creds != NULL ? self->creds
                                                      : get_shared_client_credentials ());
  if (ret < 0)
    return set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                             _("Could not configure the TLS session"), ret);

  if (self->mode == QNET_TLS_STREAM_CLIENT && self->server_identity != NULL
      && !g_hostname_is_ip_address (self->server_identity))
    {
      g_autofree char *ascii = g_hostname_to_ascii (self->server_identity);

      if (ascii != NULL)
        gnutls_server_name_set (self->session, GNUTLS_NAME_DNS, ascii, strlen (ascii));
    }

  if (self->mode == QNET_TLS_STREAM_SERVER)
    {
      switch (self->client_auth)
        {
        case QNET_TLS_CLIENT_AUTH_NONE:
          gnutls_certificate_server_set_request (self->session, GNUTLS_CERT_IGNORE);
          break;
        case QNET_TLS_CLIENT_AUTH_REQUEST:
          gnutls_certificate_server_set_request (self->session, GNUTLS_CERT_REQUEST);
          break;
        case QNET_TLS_CLIENT_AUTH_REQUIRE:
          gnutls_certificate_server_set_request (self->session, GNUTLS_CERT_REQUIRE);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  gnutls_transport_set_ptr (self->session, self);
  gnutls_transport_set_pull_function (self->session, tls_pull);
  gnutls_transport_set_pull_timeout_function (self->session, tls_pull_timeout);
  gnutls_transport_set_vec_push_function (self->session, tls_vec_push);

  return TRUE;
}

static const char *
describe_peer (QnetTlsStream *self)
{
  if (self->mode == QNET_TLS_STREAM_SERVER)
    return _("the client");
  if (self->server_identity != NULL)
    return self->server_identity;
  return _("the server");
}

static gnutls_alert_description_t
alert_for_code (QnetTlsVerifyCode code)
{
  switch (code)
    {
    case QNET_TLS_VERIFY_CERT_HAS_EXPIRED:
    case QNET_TLS_VERIFY_CERT_NOT_YET_VALID:
      return GNUTLS_A_CERTIFICATE_EXPIRED;
    case QNET_TLS_VERIFY_CERT_REVOKED:
      return GNUTLS_A_CERTIFICATE_REVOKED;
    case QNET_TLS_VERIFY_DEPTH_ZERO_SELF_SIGNED_CERT:
    case QNET_TLS_VERIFY_SELF_SIGNED_CERT_IN_CHAIN:
    case QNET_TLS_VERIFY_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case QNET_TLS_VERIFY_INVALID_CA:
      return GNUTLS_A_UNKNOWN_CA;
    case QNET_TLS_VERIFY_OK:
    case QNET_TLS_VERIFY_PATH_LENGTH_EXCEEDED:
    case QNET_TLS_VERIFY_INVALID_PURPOSE:
    case QNET_TLS_VERIFY_UNHANDLED_CRITICAL_EXTENSION:
    case QNET_TLS_VERIFY_HOSTNAME_MISMATCH:
    case QNET_TLS_VERIFY_CERT_REJECTED:
    case QNET_TLS_VERIFY_CRL_HAS_EXPIRED:
    case QNET_TLS_VERIFY_CRL_NOT_YET_VALID:
    case QNET_TLS_VERIFY_OCSP_VERIFY_NEEDED:
    case QNET_TLS_VERIFY_OCSP_VERIFY_FAILED:
    case QNET_TLS_VERIFY_CA_MD_TOO_WEAK:
    case QNET_TLS_VERIFY_CERT_SIGNATURE_FAILURE:
    case QNET_TLS_VERIFY_UNSPECIFIED:
    case QNET_TLS_VERIFY_N_CODES:
    default:
      return GNUTLS_A_BAD_CERTIFICATE;
    }
}

/* Verifies the peer's certificate after gnutls_handshake() succeeded, and
 * asks the owner about one that does not verify. */
static gboolean
check_peer_certificate (QnetTlsStream *self,
                        GError       **error)
{
  const gnutls_datum_t *certs;
  unsigned int n_certs = 0;
  QnetTlsVerifyCode code;
  g_autoptr(GBytes) leaf = NULL;

  certs = gnutls_certificate_get_peers (self->session, &n_certs);
  if (certs == NULL || n_certs == 0)
    {
      /* A client may send none unless it was required (GnuTLS enforces
       * that); a server always sends one with certificate authentication. */
      if (self->mode == QNET_TLS_STREAM_SERVER)
        return TRUE;
      code = QNET_TLS_VERIFY_UNSPECIFIED;
    }
  else
    {
      g_autofree char *ascii = NULL;
      gnutls_typed_vdata_st data[2];
      guint n_data = 0;
      unsigned int status = 0;
      int ret;

      self->peer_chain = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      for (guint i = 0; i < n_certs; i++)
        g_ptr_array_add (self->peer_chain, g_bytes_new (certs[i].data, certs[i].size));
      leaf = g_bytes_ref (g_ptr_array_index (self->peer_chain, 0));

      if (self->mode == QNET_TLS_STREAM_CLIENT && self->server_identity != NULL)
        {
          /* A textual IP address is matched against the iPAddress names. */
          ascii = g_hostname_is_ip_address (self->server_identity)
                    ? g_strdup (self->server_identity)
                    : g_hostname_to_ascii (self->server_identity);
          if (ascii == NULL)
            ascii = g_strdup (self->server_identity);
          data[n_data].type = GNUTLS_DT_DNS_HOSTNAME;
          data[n_data].data = (unsigned char *) ascii;
          data[n_data].size = 0;
          n_data++;
        }
      data[n_data].type = GNUTLS_DT_KEY_PURPOSE_OID;
      data[n_data].data = (unsigned char *) (self->mode == QNET_TLS_STREAM_CLIENT
                                                 ? GNUTLS_KP_TLS_WWW_SERVER
                                                 : GNUTLS_KP_TLS_WWW_CLIENT);
      data[n_data].size = 0;
      n_data++;

      ret = gnutls_certificate_verify_peers (self->session, data, n_data, &status);
      if (ret < 0)
        code = QNET_TLS_VERIFY_UNSPECIFIED;
      else
        code = qnet_tls_verify_code_from_status (status,
                                                 qnet_tls_verify_chain_shape (certs, n_certs));
    }

  self->verify_code = qnet_tls_verify_code_to_string (code);

  if (code == QNET_TLS_VERIFY_OK || !self->verify_peer)
    return TRUE;

  if (leaf != NULL && self->callbacks != NULL && self->callbacks->accept_certificate != NULL)
    {
      if (self->callbacks->accept_certificate (self->callbacks_data, leaf, self->verify_code))
        {
          self->certificate_accepted = TRUE;
          return TRUE;
        }
    }

  if (leaf == NULL)
    g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE,
                 _("The TLS peer %s sent no certificate"), describe_peer (self));
  else
    g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE,
                 /* Translators: the first %s is a host name (or “the client”),
                  * the second the reason, the third a code like X509_V_ERR_CERT_HAS_EXPIRED */
                 _("The TLS certificate of %s is not trusted: %s (%s)"), describe_peer (self),
                 qnet_tls_verify_code_get_message (code), self->verify_code);

  if (self->session != NULL)
    gnutls_alert_send (self->session, GNUTLS_AL_FATAL, alert_for_code (code));
  return FALSE;
}

static void
record_session_facts (QnetTlsStream *self)
{
  const char *suite = gnutls_ciphersuite_get (self->session);
  const char *version = gnutls_protocol_get_name (gnutls_protocol_get_version (self->session));

  if (suite != NULL)
    self->cipher_name = g_strdup (suite);
  else
    {
      /* Older names lack the "TLS_" prefix and "WITH"; make one up of the parts. */
      const char *name = gnutls_cipher_suite_get_name (gnutls_kx_get (self->session),
                                                       gnutls_cipher_get (self->session),
                                                       gnutls_mac_get (self->session));

      self->cipher_name = g_strdup_printf ("TLS_%s", name != NULL ? name : "UNKNOWN");
    }
  self->protocol_version = g_strdup (version != NULL ? version : "UNKNOWN");

  if (self->mode == QNET_TLS_STREAM_SERVER)
    {
      char name[256];
      size_t size = sizeof (name);
      unsigned int type = 0;

      if (gnutls_server_name_get (self->session, name, &size, &type, 0) == 0
          && type == GNUTLS_NAME_DNS && size < sizeof (name))
        {
          name[size] = '\0';
          if (g_utf8_validate (name, -1, NULL))
            self->requested_server_name = g_strdup (name);
        }
    }
}

static void
fail_handshake (QnetTlsStream *self,
                GError        *error)
{
  self->handshake_state = HANDSHAKE_FAILED;
  g_clear_error (&self->handshake_error);
  self->handshake_error = g_error_copy (error);
}

static void
set_handshake_gnutls_error (QnetTlsStream *self,
                            int            ret,
                            GError       **error)
{
  GError *base_error = self->in_error != NULL ? self->in_error : self->out_error;

  if (base_error != NULL && (ret == GNUTLS_E_PULL_ERROR || ret == GNUTLS_E_PUSH_ERROR
                             || ret == GNUTLS_E_AGAIN))
    g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE,
                 _("TLS handshake failed: %s"), base_error->message);
  else if (ret == GNUTLS_E_FATAL_ALERT_RECEIVED)
    g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE,
                 _("TLS handshake failed: the peer sent the alert “%s”"),
                 gnutls_alert_get_name (gnutls_alert_get (self->session)));
  else
    g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE,
                 _("TLS handshake failed: %s"), gnutls_strerror (ret));
}

/* One step of the handshake state machine, shared by both forms. */
static StepResult
handshake_step (QnetTlsStream *self,
                GError       **error)
{
  GError *local_error = NULL;
  guint retries = 0;
  int ret;

  if (self->handshake_state == HANDSHAKE_FINISHING)
    {
      /* Only the last flight may still be waiting to be written. */
      if (qnet_tls_stream_flush_nonblocking (self, &local_error))
        return STEP_DONE;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_error_free (local_error);
          return STEP_WANT_WRITE;
        }
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE, _("TLS handshake failed: %s"),
                   local_error->message);
      g_error_free (local_error);
      return STEP_FAILED;
    }

  if (!qnet_tls_stream_flush_nonblocking (self, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_error_free (local_error);
          return STEP_WANT_WRITE;
        }
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE, _("TLS handshake failed: %s"),
                   local_error->message);
      g_error_free (local_error);
      return STEP_FAILED;
    }

  for (;;)
    {
      ret = gnutls_handshake (self->session);
      if (ret == GNUTLS_E_SUCCESS)
        break;

      if (ret == GNUTLS_E_AGAIN && self->in_error == NULL && self->out_error == NULL)
        {
          /* Write out what this round produced before waiting for the peer. */
          if (!qnet_tls_stream_flush_nonblocking (self, &local_error))
            {
              if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
                {
                  g_error_free (local_error);
                  return STEP_WANT_WRITE;
                }
              g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE,
                           _("TLS handshake failed: %s"), local_error->message);
              g_error_free (local_error);
              return STEP_FAILED;
            }
          return gnutls_record_get_direction (self->session) == 1 ? STEP_WANT_WRITE
                                                                   : STEP_WANT_READ;
        }

      if ((ret == GNUTLS_E_INTERRUPTED || !gnutls_error_is_fatal (ret))
          && ret != GNUTLS_E_AGAIN && ++retries < QNET_TLS_MAX_RETRIES)
        continue;

      set_handshake_gnutls_error (self, ret, error);
      /* Tell the peer, as far as the base stream takes it now. */
      if (self->in_error == NULL && self->out_error == NULL)
        {
          gnutls_alert_send_appropriate (self->session, ret);
          qnet_tls_stream_flush_nonblocking (self, NULL);
        }
      return STEP_FAILED;
    }

  record_session_facts (self);

  if (!check_peer_certificate (self, error))
    {
      qnet_tls_stream_flush_nonblocking (self, NULL);
      return STEP_FAILED;
    }

  self->handshake_state = HANDSHAKE_FINISHING;
  return handshake_step (self, error);
}

static gboolean
handshake_begin (QnetTlsStream *self,
                 GError       **error)
{
  GError *local_error = NULL;

  switch (self->handshake_state)
    {
    case HANDSHAKE_RUNNING:
    case HANDSHAKE_FINISHING:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   _("A TLS handshake is already in progress"));
      return FALSE;
    case HANDSHAKE_FAILED:
      g_propagate_error (error, g_error_copy (self->handshake_error));
      return FALSE;
    case HANDSHAKE_DONE:
      return TRUE;
    case HANDSHAKE_IDLE:
    default:
      break;
    }

  if (!setup_session (self, &local_error))
    {
      fail_handshake (self, local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  self->handshake_state = HANDSHAKE_RUNNING;
  return TRUE;
}

static void
handshake_succeeded (QnetTlsStream *self)
{
  self->handshake_state = HANDSHAKE_DONE;
  if (self->callbacks != NULL && self->callbacks->handshake_done != NULL)
    self->callbacks->handshake_done (self->callbacks_data);
}

static gint64
deadline_from_timeout (gint timeout_ms)
{
  if (timeout_ms < 0)
    return -1;
  return g_get_monotonic_time () + (gint64) timeout_ms * 1000;
}

gboolean
qnet_tls_stream_handshake (QnetTlsStream *self,
                           gint           timeout_ms,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(QnetTlsStream) keep = NULL;
  gint64 deadline;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->handshake_state == HANDSHAKE_DONE)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  keep = g_object_ref (self);
  deadline = deadline_from_timeout (timeout_ms);

  if (!handshake_begin (self, error))
    return FALSE;

  for (;;)
    {
      GError *local_error = NULL;
      StepResult step = handshake_step (self, &local_error);

      switch (step)
        {
        case STEP_DONE:
          handshake_succeeded (self);
          return TRUE;
        case STEP_FAILED:
          fail_handshake (self, local_error);
          g_propagate_error (error, local_error);
          return FALSE;
        case STEP_WANT_READ:
        case STEP_WANT_WRITE:
        default:
          break;
        }

      if (!qnet_tls_stream_wait (self, step == STEP_WANT_READ ? G_IO_IN : G_IO_OUT, deadline,
                                 cancellable, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
            {
              g_clear_error (&local_error);
              g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _("The TLS handshake timed out"));
            }
          fail_handshake (self, local_error);
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
}

/* The state of an asynchronous handshake or flush. The sources attached
 * with g_task_attach_source() hold the references on the task while it
 * waits; complete_async() destroys them when the task returns. */
typedef struct {
  QnetTlsStream *tls;             /* (owned) */
  GSource       *wait_source;     /* (owned) (nullable) */
  GSource       *timeout_source;  /* (owned) (nullable) */
  gboolean       no_wait;
  gboolean       is_handshake;
} AsyncData;

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
async_data_free (AsyncData *data)
{
  destroy_source (&data->wait_source);
  destroy_source (&data->timeout_source);
  g_clear_object (&data->tls);
  g_free (data);
}

static GTask *
new_async_task (QnetTlsStream       *self,
                gpointer             source_object,
                gint                 timeout_ms,
                int                  io_priority,
                gboolean             is_handshake,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);
  AsyncData *data = g_new0 (AsyncData, 1);

  g_task_set_priority (task, io_priority);
  data->tls = g_object_ref (self);
  data->no_wait = timeout_ms == 0;
  data->is_handshake = is_handshake;
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  return task;
}

/* Returns @error (or success) and stops both sources. */
static void
complete_async (GTask  *task,
                GError *error)
{
  AsyncData *data = g_task_get_task_data (task);

  destroy_source (&data->wait_source);
  destroy_source (&data->timeout_source);

  if (data->is_handshake)
    {
      if (error != NULL)
        fail_handshake (data->tls, error);
      else
        handshake_succeeded (data->tls);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static GError *
timed_out_error (gboolean is_handshake)
{
  if (is_handshake)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("The TLS handshake timed out"));
  return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("The operation timed out"));
}

static gboolean
async_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  AsyncData *data = g_task_get_task_data (task);

  complete_async (task, timed_out_error (data->is_handshake));
  return G_SOURCE_REMOVE;
}

static void async_run (GTask *task);

static gboolean
async_ready_cb (GObject  *pollable,
                gpointer  user_data)
{
  GTask *task = user_data;
  AsyncData *data = g_task_get_task_data (task);
  GError *error = NULL;

  destroy_source (&data->wait_source);
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    complete_async (task, error);
  else
    async_run (task);
  return G_SOURCE_REMOVE;
}

/* One round of an asynchronous handshake or flush: progress without
 * blocking, then wait on the base stream for what is missing. */
static void
async_run (GTask *task)
{
  AsyncData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GIOCondition condition;

  if (data->is_handshake)
    {
      switch (handshake_step (data->tls, &error))
        {
        case STEP_DONE:
          complete_async (task, NULL);
          return;
        case STEP_FAILED:
          complete_async (task, error);
          return;
        case STEP_WANT_READ:
          condition = G_IO_IN;
          break;
        case STEP_WANT_WRITE:
        default:
          condition = G_IO_OUT;
          break;
        }
    }
  else
    {
      if (qnet_tls_stream_flush_nonblocking (data->tls, &error))
        {
          complete_async (task, NULL);
          return;
        }
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          complete_async (task, error);
          return;
        }
      g_clear_error (&error);
      condition = G_IO_OUT;
    }

  if (data->no_wait)
    {
      complete_async (task, timed_out_error (data->is_handshake));
      return;
    }

  data->wait_source = create_base_source (data->tls, condition, g_task_get_cancellable (task));
  g_task_attach_source (task, data->wait_source, G_SOURCE_FUNC (async_ready_cb));
}

static void
async_start (GTask *task,
             gint   timeout_ms)
{
  AsyncData *data = g_task_get_task_data (task);

  if (timeout_ms > 0)
    {
      data->timeout_source = g_timeout_source_new (timeout_ms);
      g_task_attach_source (task, data->timeout_source, async_timeout_cb);
    }
  async_run (task);
}

void
qnet_tls_stream_handshake_async (QnetTlsStream       *self,
                                 gint                 timeout_ms,
                                 int                  io_priority,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (QNET_IS_TLS_STREAM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, qnet_tls_stream_handshake_async);
  g_task_set_priority (task, io_priority);

  if (self->handshake_state == HANDSHAKE_DONE)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!handshake_begin (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_object (&task);
  task = new_async_task (self, self, timeout_ms, io_priority, TRUE, cancellable, callback,
                         user_data);
  g_task_set_source_tag (task, qnet_tls_stream_handshake_async);
  async_start (task, timeout_ms);
}

gboolean
qnet_tls_stream_handshake_finish (QnetTlsStream *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qnet_tls_stream_handshake_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
qnet_tls_stream_is_handshaken (QnetTlsStream *self)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);

  return self->handshake_state == HANDSHAKE_DONE;
}

/* ---- Plaintext I/O ---------------------------------------------------- */

static gboolean
check_established (QnetTlsStream *self,
                   GError       **error)
{
  if (self->handshake_state == HANDSHAKE_DONE)
    return TRUE;
  if (self->handshake_state == HANDSHAKE_FAILED)
    g_propagate_error (error, g_error_copy (self->handshake_error));
  else
    g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                 _("The TLS handshake has not completed"));
  return FALSE;
}

gssize
qnet_tls_stream_read_nonblocking (QnetTlsStream *self,
                                  void          *buffer,
                                  gsize          count,
                                  GError       **error)
{
  guint retries = 0;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), -1);

  if (!check_established (self, error))
    return -1;
  if (self->read_closed || count == 0)
    return 0;

  /* Anything GnuTLS queued while reading (a key update) goes out now. */
  if (qnet_tls_stream_has_pending_output (self))
    qnet_tls_stream_flush_nonblocking (self, NULL);

  for (;;)
    {
      ssize_t ret = gnutls_record_recv (self->session, buffer, MIN (count, G_MAXSSIZE));

      if (ret > 0)
        return ret;

      if (ret == 0)
        {
          self->got_close_notify = TRUE;
          self->read_closed = TRUE;
          return 0;
        }

      if (ret == GNUTLS_E_AGAIN && self->in_error == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                               g_strerror (EAGAIN));
          return -1;
        }

      if (ret == GNUTLS_E_PREMATURE_TERMINATION)
        {
          self->truncated = TRUE;
          self->read_closed = TRUE;
          if (!self->require_close_notify)
            return 0;
          g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_TRUNCATED,
                       _("The TLS peer closed the connection without sending close_notify"));
          return -1;
        }

      if ((ret == GNUTLS_E_INTERRUPTED || ret == GNUTLS_E_REHANDSHAKE
           || ret == GNUTLS_E_WARNING_ALERT_RECEIVED || !gnutls_error_is_fatal (ret))
          && ret != GNUTLS_E_AGAIN && ++retries < QNET_TLS_MAX_RETRIES)
        continue;

      if (self->in_error != NULL)
        {
          /* The base stream's own error (reset, ...) tells more; report it once. */
          g_propagate_error (error, g_steal_pointer (&self->in_error));
          self->read_closed = TRUE;
          return -1;
        }

      if (ret == GNUTLS_E_FATAL_ALERT_RECEIVED)
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                     _("The TLS peer sent the alert “%s”"),
                     gnutls_alert_get_name (gnutls_alert_get (self->session)));
      else
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED, _("TLS read error: %s"),
                     gnutls_strerror ((int) ret));
      self->read_closed = TRUE;
      return -1;
    }
}

gssize
qnet_tls_stream_write_nonblocking (QnetTlsStream *self,
                                   const void    *buffer,
                                   gsize          count,
                                   GError       **error)
{
  gsize total = 0;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), -1);

  if (!check_established (self, error))
    return -1;
  if (self->write_closed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                   _("The TLS session was shut down for writing"));
      return -1;
    }
  if (!qnet_tls_stream_flush_nonblocking (self, error))
    return -1;

  count = MIN (count, QNET_TLS_MAX_WRITE_PER_CALL);
  while (total < count)
    {
      ssize_t ret = gnutls_record_send (self->session, (const guint8 *) buffer + total,
                                        count - total);

      if (ret > 0)
        {
          total += ret;
          if (qnet_tls_stream_has_pending_output (self))
            break;
          continue;
        }

      if (ret == GNUTLS_E_INTERRUPTED)
        continue;

      if (total > 0)
        break;   /* report the error on the next call */

      if (self->out_error != NULL)
        {
          g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->out_lock);

          g_propagate_error (error, g_error_copy (self->out_error));
        }
      else
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED, _("TLS write error: %s"),
                     gnutls_strerror ((int) ret));
      return -1;
    }

  return total;
}

gboolean
qnet_tls_stream_ready_now (QnetTlsStream *self,
                           GIOCondition   condition)
{
  if (self->handshake_state != HANDSHAKE_DONE)
    return TRUE;   /* the operation fails at once */

  if (condition & G_IO_IN)
    return self->read_closed || self->in_error != NULL || self->initial_input != NULL
           || gnutls_record_check_pending (self->session) > 0;

  return self->write_closed || !qnet_tls_stream_has_pending_output (self);
}

gboolean
qnet_tls_stream_is_ready (QnetTlsStream *self,
                          GIOCondition   condition)
{
  if (qnet_tls_stream_ready_now (self, condition))
    return TRUE;
  if (condition & G_IO_IN)
    return g_pollable_input_stream_is_readable (self->base_in);
  return g_pollable_output_stream_is_writable (self->base_out);
}

typedef struct {
  GSource        source;
  QnetTlsStream *tls;        /* (owned) */
  GObject       *pollable;   /* (owned) */
  GIOCondition   condition;
} QnetTlsSource;

static gboolean
tls_source_prepare (GSource *source,
                    gint    *timeout)
{
  QnetTlsSource *tls_source = (QnetTlsSource *) source;

  *timeout = -1;
  if (qnet_tls_stream_ready_now (tls_source->tls, tls_source->condition))
    {
      *timeout = 0;
      return TRUE;
    }
  return FALSE;
}

static gboolean
tls_source_check (GSource *source)
{
  QnetTlsSource *tls_source = (QnetTlsSource *) source;

  return qnet_tls_stream_ready_now (tls_source->tls, tls_source->condition);
}

static gboolean
tls_source_dispatch (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  QnetTlsSource *tls_source = (QnetTlsSource *) source;
  GPollableSourceFunc func = (GPollableSourceFunc) callback;

  if (func == NULL)
    return G_SOURCE_REMOVE;
  return func (tls_source->pollable, user_data);
}

static void
tls_source_finalize (GSource *source)
{
  QnetTlsSource *tls_source = (QnetTlsSource *) source;

  g_clear_object (&tls_source->tls);
  g_clear_object (&tls_source->pollable);
}

static gboolean
child_source_cb (gpointer data)
{
  /* The child only wakes the parent up. */
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs tls_source_funcs = {
  tls_source_prepare,
  tls_source_check,
  tls_source_dispatch,
  tls_source_finalize,
  NULL,
  NULL,
};

GSource *
qnet_tls_stream_create_source (QnetTlsStream *self,
                               GIOCondition   condition,
                               GObject       *pollable,
                               GCancellable  *cancellable)
{
  GSource *source = g_source_new (&tls_source_funcs, sizeof (QnetTlsSource));
  QnetTlsSource *tls_source = (QnetTlsSource *) source;
  GSource *child;

  g_source_set_static_name (source, "QnetTlsSource");
  tls_source->tls = g_object_ref (self);
  tls_source->pollable = g_object_ref (pollable);
  tls_source->condition = condition;

  child = create_base_source (self, condition, NULL);
  g_source_set_callback (child, child_source_cb, NULL, NULL);
  g_source_add_child_source (source, child);
  g_source_unref (child);

  if (cancellable != NULL)
    {
      child = g_cancellable_source_new (cancellable);
      g_source_set_callback (child, child_source_cb, NULL, NULL);
      g_source_add_child_source (source, child);
      g_source_unref (child);
    }

  return source;
}

/* ---- Flushing and close_notify ----------------------------------------- */

gboolean
qnet_tls_stream_flush (QnetTlsStream *self,
                       gint64         deadline,
                       GCancellable  *cancellable,
                       GError       **error)
{
  for (;;)
    {
      GError *local_error = NULL;

      if (qnet_tls_stream_flush_nonblocking (self, &local_error))
        return TRUE;
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_error_free (local_error);
      if (!qnet_tls_stream_wait (self, G_IO_OUT, deadline, cancellable, error))
        return FALSE;
    }
}

void
qnet_tls_stream_flush_async (QnetTlsStream       *self,
                             gpointer             source_object,
                             gint                 timeout_ms,
                             int                  io_priority,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = new_async_task (self, source_object, timeout_ms, io_priority, FALSE,
                                          cancellable, callback, user_data);

  g_task_set_source_tag (task, qnet_tls_stream_flush_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  async_start (task, timeout_ms);
}

gboolean
qnet_tls_stream_flush_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qnet_tls_stream_flush_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Queues close_notify (once); the caller flushes. */
static gboolean
send_close_notify (QnetTlsStream *self,
                   GError       **error)
{
  int ret;

  if (self->handshake_state != HANDSHAKE_DONE)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                   _("No TLS session is established"));
      return FALSE;
    }
  if (self->write_closed)
    return TRUE;

  self->write_closed = TRUE;
  do
    ret = gnutls_bye (self->session, GNUTLS_SHUT_WR);
  while (ret == GNUTLS_E_INTERRUPTED);

  /* The push function never reports EAGAIN, so GNUTLS_E_AGAIN cannot
   * happen; any other failure comes from the base stream. */
  if (ret < 0)
    {
      if (self->out_error != NULL)
        {
          g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->out_lock);

          g_propagate_error (error, g_error_copy (self->out_error));
        }
      else
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                     _("Could not send close_notify: %s"), gnutls_strerror (ret));
      return FALSE;
    }

  return TRUE;
}

gboolean
qnet_tls_stream_close_notify (QnetTlsStream *self,
                              gint           timeout_ms,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!send_close_notify (self, error))
    return FALSE;

  if (qnet_tls_stream_flush (self, deadline_from_timeout (timeout_ms), cancellable, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   _("Sending the TLS close_notify timed out"));
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

static void
close_notify_flushed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (qnet_tls_stream_flush_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
qnet_tls_stream_close_notify_async (QnetTlsStream       *self,
                                    gint                 timeout_ms,
                                    int                  io_priority,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (QNET_IS_TLS_STREAM (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, qnet_tls_stream_close_notify_async);
  g_task_set_priority (task, io_priority);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!send_close_notify (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  qnet_tls_stream_flush_async (self, self, timeout_ms, io_priority, cancellable,
                               close_notify_flushed_cb, g_steal_pointer (&task));
}

gboolean
qnet_tls_stream_close_notify_finish (QnetTlsStream *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == qnet_tls_stream_close_notify_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
      && send_close_notify (self, NULL))
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
  if (!G_IS_POLLABLE_INPUT_STREAM (in) || !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (in))
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
        return set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
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
      return set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
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
