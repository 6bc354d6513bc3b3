/* qnet-tls-stream-handshake.c: QnetTlsStream's session, handshake and close_notify
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Credentials, the GnuTLS session, the handshake state machine (one step
 * function for the blocking and the asynchronous forms), the verification
 * of the peer's certificate, and sending close_notify.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-tls-stream-private.h"
#include "qnet-tls-verify.h"

typedef enum {
  STEP_DONE,
  STEP_WANT_READ,
  STEP_WANT_WRITE,
  STEP_FAILED,
} StepResult;

/* ---- Credentials ------------------------------------------------------ */

/* Credentials that only say whom to trust (no certificate of our own) are
 * shared by every stream with the same trust: parsing the system store
 * costs milliseconds per connection otherwise. At most this many distinct
 * trust configurations are kept, for the life of the process. */
#define QNET_TLS_MAX_SHARED_CREDENTIALS 32

static GMutex shared_credentials_lock;
/* (owned) (element-type utf8 gnutls_certificate_credentials_t): never freed */
static GHashTable *shared_credentials;

static gboolean
add_trust (QnetTlsStream                    *self,
           gnutls_certificate_credentials_t  creds,
           GError                          **error)
{
  /* An empty or missing system store is not an error: verification then
   * finds no issuer, and says so. A server only verifies client
   * certificates it asks for. */
  if (self->system_trust
      && (self->mode == QNET_TLS_STREAM_CLIENT || self->client_auth != QNET_TLS_CLIENT_AUTH_NONE))
    gnutls_certificate_set_x509_system_trust (creds);

  if (self->ca_data != NULL)
    {
      gnutls_datum_t datum;
      gsize size;
      int ret;

      datum.data = (unsigned char *) g_bytes_get_data (self->ca_data, &size);
      datum.size = size;
      ret = gnutls_certificate_set_x509_trust_mem (creds, &datum, self->ca_format);
      if (ret < 0)
        return qnet_tls_set_gnutls_error (error, QNET_TLS_ERROR,
                                          QNET_TLS_ERROR_INVALID_CERTIFICATE,
                                          _("Could not load the CA certificates"), ret);
    }

  return TRUE;
}

static gboolean
add_own_certificate (QnetTlsStream                    *self,
                     gnutls_certificate_credentials_t  creds,
                     GError                          **error)
{
  gnutls_x509_crt_t chain[QNET_TLS_MAX_CHAIN];
  guint n;
  int ret = 0;

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
    return qnet_tls_set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                                      _("Could not use the certificate"), ret);
  return TRUE;
}

static gnutls_certificate_credentials_t
new_credentials (QnetTlsStream  *self,
                 gboolean        with_own_certificate,
                 GError        **error)
{
  gnutls_certificate_credentials_t creds = NULL;
  int ret = gnutls_certificate_allocate_credentials (&creds);

  if (ret < 0)
    {
      qnet_tls_set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                                 _("Could not allocate TLS credentials"), ret);
      return NULL;
    }
  if (!add_trust (self, creds, error)
      || (with_own_certificate && !add_own_certificate (self, creds, error)))
    {
      gnutls_certificate_free_credentials (creds);
      return NULL;
    }
  return creds;
}

/* Sets self->creds (owned) or self->shared_creds. */
static gboolean
build_credentials (QnetTlsStream *self,
                   GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *key = NULL;
  gnutls_certificate_credentials_t creds;

  if (self->own_chain != NULL)
    {
      self->creds = new_credentials (self, TRUE, error);
      return self->creds != NULL;
    }

  digest = self->ca_data != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->ca_data)
                                 : NULL;
  key = g_strdup_printf ("%d:%d:%d:%s", self->mode, self->client_auth, self->system_trust,
                         digest != NULL ? digest : "-");

  locker = g_mutex_locker_new (&shared_credentials_lock);
  if (shared_credentials == NULL)
    shared_credentials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  creds = g_hash_table_lookup (shared_credentials, key);
  if (creds != NULL)
    {
      self->shared_creds = creds;
      return TRUE;
    }

  creds = new_credentials (self, FALSE, error);
  if (creds == NULL)
    return FALSE;
  if (g_hash_table_size (shared_credentials) < QNET_TLS_MAX_SHARED_CREDENTIALS)
    {
      g_hash_table_insert (shared_credentials, g_steal_pointer (&key), creds);
      self->shared_creds = creds;
    }
  else
    self->creds = creds;
  return TRUE;
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
    return qnet_tls_set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                                      _("Could not start a TLS session"), ret);

  if (self->priority != NULL)
    ret = gnutls_priority_set_direct (self->session, self->priority, NULL);
  else
    ret = gnutls_set_default_priority (self->session);
  if (ret >= 0)
    ret = gnutls_credentials_set (self->session, GNUTLS_CRD_CERTIFICATE,
                                  self->creds != NULL ? self->creds : self->shared_creds);
  if (ret < 0)
    return qnet_tls_set_gnutls_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
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

  qnet_tls_stream_install_transport (self);

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

  if (leaf == NULL && self->server_identity != NULL)
    g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE,
                 _("The TLS server %s sent no certificate"), self->server_identity);
  else if (leaf == NULL)
    g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE,
                 _("The TLS server sent no certificate"));
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

/* Writes out pending handshake messages: STEP_DONE when none is left. */
static StepResult
flush_step (QnetTlsStream *self,
            GError       **error)
{
  GError *local_error = NULL;

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

/* One step of the handshake state machine, shared by both forms: as far
 * as it gets without blocking, then what it waits for. */
static StepResult
handshake_step (QnetTlsStream *self,
                GError       **error)
{
  StepResult step;
  guint retries = 0;
  int ret;

  /* Verified: only the last flight may still be waiting to be written. */
  if (self->handshake_state == HANDSHAKE_FINISHING)
    return flush_step (self, error);

  step = flush_step (self, error);
  if (step != STEP_DONE)
    return step;

  for (;;)
    {
      ret = gnutls_handshake (self->session);
      if (ret == GNUTLS_E_SUCCESS)
        break;

      if (ret == GNUTLS_E_AGAIN && self->in_error == NULL && self->out_error == NULL)
        {
          /* Write out what this round produced before waiting for the peer. */
          step = flush_step (self, error);
          if (step != STEP_DONE)
            return step;
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

  data->wait_source = qnet_tls_stream_create_base_source (data->tls, condition,
                                                          g_task_get_cancellable (task));
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

/* ---- Flushing and close_notify ----------------------------------------- */

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
gboolean
qnet_tls_stream_queue_close_notify (QnetTlsStream *self,
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
          G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->out_lock);

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

  if (!qnet_tls_stream_queue_close_notify (self, error))
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
  if (!qnet_tls_stream_queue_close_notify (self, &error))
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
