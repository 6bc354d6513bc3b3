/* qnet-socket-tls-handshake.c: QnetSocket's TLS handshakes and close_notify
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A handshake runs as its own small state machine on the thread-default
 * main context of the call (the blocking forms run it on their private
 * context, like every socket operation): the settings are checked, a
 * QnetTlsStream is made over the connection (with the read-ahead bytes,
 * for STARTTLS), `start-ssl` is raised, the handshake runs (a close of the
 * socket cancels it), and on success the TLS stream becomes the socket's
 * stream and `ssl-established` is raised. A failed handshake closes the
 * connection. Also here: close_notify (shutdown_ssl), and the entry point
 * for subclasses.
 */

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <gnutls/x509.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-socket-tls-private.h"
#include "qnet-tls-certificate-private.h"
#include "qnet-tls-private-key-private.h"

/* The longest certificate chain given to the TLS session. */
#define QNET_SOCKET_TLS_MAX_CHAIN 16

static inline QnetSocketPrivate *
get_priv (QnetSocket *self)
{
  return _qnet_socket_get_private (self);
}

/* ---- The handshake -------------------------------------------------------------- */

typedef struct {
  QnetSocket     *self;               /* (owned) */
  QnetTlsStream  *tls;                /* (owned) */
  QnetStreamIO   *io;                 /* (not owned): the socket's when it started */
  GCancellable   *cancellable;        /* (owned): the caller's, and close */
  GCancellable   *user_cancellable;   /* (owned) (nullable) */
  gulong          user_handler;
  gboolean        closed;             /* the socket was closed meanwhile */
  QnetSocketTlsDone done;
  gpointer        data;
} TlsOp;

static void
tls_op_free (TlsOp *op)
{
  if (op->user_handler != 0)
    g_cancellable_disconnect (op->user_cancellable, op->user_handler);
  g_clear_object (&op->user_cancellable);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->tls);
  g_clear_object (&op->self);
  g_free (op);
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      data)
{
  TlsOp *op = data;

  g_cancellable_cancel (op->cancellable);
}

static void
tls_op_closed (gpointer data)
{
  TlsOp *op = data;

  op->closed = TRUE;
  g_cancellable_cancel (op->cancellable);
}

/* "Could not start TLS with example.com:443: …", keeping the codes that
 * tell what happened. */
static GError *
tls_error_new (QnetSocket   *self,
               const GError *inner)
{
  GQuark domain = QNET_TLS_ERROR;
  gint code = QNET_TLS_ERROR_HANDSHAKE;

  if (inner->domain == QNET_TLS_ERROR || inner->domain == QNET_SOCKET_ERROR ||
      g_error_matches (inner, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (inner, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      domain = inner->domain;
      code = inner->code;
    }
  return g_error_new (domain, code, _("Could not start TLS with %s: %s"),
                      qnet_emitter_get_label (QNET_EMITTER (self)), inner->message);
}

static gboolean
tls_accept_certificate (gpointer    data,
                        GBytes     *peer_der,
                        const char *code)
{
  TlsOp *op = data;
  g_autoptr(GPtrArray) chain = qnet_tls_stream_get_peer_certificates (op->tls);
  g_autoptr(QnetTlsCertificate) peer = NULL;
  gboolean accepted = FALSE;

  if (chain != NULL && chain->len > 0)
    peer = _qnet_tls_certificate_new_from_der_chain (chain, NULL);
  if (peer == NULL && peer_der != NULL)
    peer = qnet_tls_certificate_new_from_der (peer_der, NULL);
  /* A certificate we cannot even parse is never accepted. */
  if (peer == NULL)
    return FALSE;

  accepted = _qnet_socket_tls_emit_accept_certificate (op->self, peer, code);
  return accepted && !op->closed;
}

static const QnetTlsStreamCallbacks tls_callbacks = {
  tls_accept_certificate,
  NULL,
};

/* The name the server's certificate must match, for a client handshake. */
static char *
default_server_identity (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (priv->tls_server_name != NULL)
    return g_strdup (priv->tls_server_name);
  if (priv->peer_host != NULL)
    return g_strdup (priv->peer_host);
  if (priv->remote_address != NULL && G_IS_INET_SOCKET_ADDRESS (priv->remote_address))
    return g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (priv->remote_address)));
  return g_strdup ("localhost");
}

/* "Could not start TLS with example.com:443: …" (without a target before
 * the socket connected). */
static GError *
settings_error (QnetSocket *self,
                gint        code,
                const char *reason)
{
  const char *label = qnet_emitter_get_label (QNET_EMITTER (self));

  if (label == NULL || *label == '\0' || get_priv (self)->connection == NULL)
    return g_error_new (QNET_TLS_ERROR, code, _("Could not start TLS: %s"), reason);
  return g_error_new (QNET_TLS_ERROR, code, _("Could not start TLS with %s: %s"), label, reason);
}

/* Settings errors are found before the TLS session exists: dropping a
 * session closes the connection under it. */
gboolean
_qnet_socket_tls_check_settings (QnetSocket         *self,
                                 QnetTlsStreamMode   mode,
                                 GError            **error)
{
  QnetSocketPrivate *priv = get_priv (self);
  const char *reason = NULL;
  gint code = QNET_TLS_ERROR_INVALID_KEY;

  if (mode == QNET_TLS_STREAM_SERVER &&
      (priv->tls_certificate == NULL || priv->tls_private_key == NULL))
    {
      code = QNET_TLS_ERROR_FAILED;
      reason = _("a TLS server needs a certificate and a private key");
    }
  else if (priv->tls_certificate != NULL && priv->tls_private_key == NULL)
    reason = _("the certificate has no private key");
  else if (priv->tls_certificate == NULL && priv->tls_private_key != NULL)
    reason = _("the private key has no certificate");
  else if (priv->tls_certificate != NULL &&
           !qnet_tls_private_key_matches (priv->tls_private_key, priv->tls_certificate))
    reason = _("the private key does not belong to the certificate");

  if (reason != NULL)
    {
      g_propagate_error (error, settings_error (self, code, reason));
      return FALSE;
    }

  if (priv->tls_ca_file != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!_qnet_socket_tls_check_ca_file (priv->tls_ca_file, &local_error))
        {
          g_propagate_error (error, settings_error (self, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                                                    local_error->message));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
configure (QnetSocket         *self,
           QnetTlsStream      *tls,
           QnetTlsStreamMode   mode,
           const char         *server_identity,
           GError            **error)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (mode == QNET_TLS_STREAM_CLIENT)
    qnet_tls_stream_set_server_identity (tls, server_identity);
  else
    qnet_tls_stream_set_client_auth (tls, priv->tls_require_client_certificate
                                          ? QNET_TLS_CLIENT_AUTH_REQUIRE : QNET_TLS_CLIENT_AUTH_NONE);
  qnet_tls_stream_set_verify_peer (tls, priv->tls_verify_peer);
  qnet_tls_stream_set_require_close_notify (tls, priv->tls_require_close_notify);

  if (priv->tls_ca_file != NULL && !qnet_tls_stream_set_ca_file (tls, priv->tls_ca_file, error))
    return FALSE;

  if (priv->tls_certificate != NULL)
    {
      gnutls_x509_crt_t chain[QNET_SOCKET_TLS_MAX_CHAIN];
      guint n = _qnet_tls_certificate_get_x509_chain (priv->tls_certificate, chain, G_N_ELEMENTS (chain));

      if (!qnet_tls_stream_set_certificate (tls, chain, n,
                                            _qnet_tls_private_key_get_x509 (priv->tls_private_key),
                                            error))
        return FALSE;
    }
  return TRUE;
}

/* The last flight of a handshake is still unacknowledged when the first
 * record after it is written (a client's request right after its
 * Finished): with Nagle's algorithm that record would wait for the peer's
 * delayed acknowledgement, 40 ms on Linux. So TCP_NODELAY is on from the
 * start of a handshake until the first write after it
 * (_qnet_socket_tls_written() restores QnetSocket:no-delay). */
static void
hold_nodelay (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);
  GSocketFamily family;

  if (priv->no_delay || priv->socket == NULL)
    return;
  family = g_socket_get_family (priv->socket);
  if (family != G_SOCKET_FAMILY_IPV4 && family != G_SOCKET_FAMILY_IPV6)
    return;
  /* Best effort, as QnetSocket:no-delay: it only tunes latency. */
  if (g_socket_set_option (priv->socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL))
    priv->tls_nodelay_held = TRUE;
}

static void
tls_op_fail (TlsOp  *op,
             GError *inner)
{
  QnetSocket *self = g_object_ref (op->self);
  QnetSocketTlsDone done = op->done;
  gpointer data = op->data;
  GError *error;

  if (op->closed && g_error_matches (inner, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&inner);
      inner = g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                   _("The socket was closed"));
    }
  error = tls_error_new (self, inner);
  g_error_free (inner);
  get_priv (self)->tls_nodelay_held = FALSE;

  /* The session is unusable now: the connection goes (channel-closed),
   * unless a handler closed it already. */
  if (!op->closed && get_priv (self)->io == op->io)
    _qnet_socket_close_internal (self);
  tls_op_free (op);

  done (self, error, data);
  g_object_unref (self);
}

static void
handshake_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  TlsOp *op = data;
  QnetSocket *self = g_object_ref (op->self);
  QnetSocketPrivate *priv = get_priv (self);
  QnetSocketTlsDone done;
  gpointer done_data;
  GError *error = NULL;
  g_autoptr(QnetTlsStream) tls = g_object_ref (op->tls);

  if (priv->tls_op == op)
    priv->tls_op = NULL;
  _qnet_socket_remove_close_hook (self, op);

  if (!qnet_tls_stream_handshake_finish (op->tls, result, &error))
    {
      tls_op_fail (op, error);
      g_object_unref (self);
      return;
    }
  if (op->closed || priv->io != op->io)
    {
      op->closed = TRUE;
      tls_op_fail (op, g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                            _("The socket was closed")));
      g_object_unref (self);
      return;
    }

  done = op->done;
  done_data = op->data;
  tls_op_free (op);

  /* From now on every read and write is TLS. */
  _qnet_socket_replace_stream (self, G_IO_STREAM (tls), TRUE);
  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_SSL_ESTABLISHED,
                      qnet_tls_stream_get_cipher_name (tls),
                      qnet_tls_stream_get_protocol_version (tls));

  done (self, NULL, done_data);
  g_object_unref (self);
}

void
_qnet_socket_tls_start (QnetSocket         *self,
                        QnetTlsStreamMode   mode,
                        const char         *server_identity,
                        gint                timeout_ms,
                        GCancellable       *cancellable,
                        QnetSocketTlsDone   done,
                        gpointer            data)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetStreamIO *io = priv->io;
  g_autofree char *identity = NULL;
  g_autoptr(GBytes) read_ahead = NULL;
  GError *error = NULL;
  const char *busy = NULL;
  TlsOp *op;

  if (io == NULL || qnet_stream_io_is_closed (io) || priv->connection == NULL)
    {
      done (self, g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                               _("Could not start TLS: %s"), _("the socket is not connected")),
            data);
      return;
    }

  if (priv->secure)
    busy = _("the connection already runs TLS");
  else if (priv->tls_op != NULL)
    busy = _("a TLS handshake is in progress");
  else if (qnet_stream_io_is_receiving (io))
    busy = _("the socket is receiving in push mode");
  else if (qnet_stream_io_is_reading (io))
    busy = _("a receive is in progress");
  else if (qnet_stream_io_get_queued (io) > 0)
    busy = _("data is still waiting to be written");
  if (busy != NULL)
    {
      done (self, g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED,
                               _("Could not start TLS with %s: %s"),
                               qnet_emitter_get_label (QNET_EMITTER (self)), busy),
            data);
      return;
    }

  if (!_qnet_socket_tls_check_settings (self, mode, &error))
    {
      done (self, error, data);
      return;
    }

  if (mode == QNET_TLS_STREAM_CLIENT)
    identity = server_identity != NULL ? g_strdup (server_identity) : default_server_identity (self);
  if (timeout_ms < 0)
    timeout_ms = priv->timeout_ms;

  op = g_new0 (TlsOp, 1);
  op->self = g_object_ref (self);
  op->io = io;
  op->done = done;
  op->data = data;
  op->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (cancellable);
      op->user_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled), op, NULL);
    }

  /* STARTTLS: what was read ahead belongs to the handshake. */
  read_ahead = _qnet_socket_steal_read_buffer (self);
  op->tls = qnet_tls_stream_new (priv->stream, mode, read_ahead, &error);
  if (op->tls == NULL || !configure (self, op->tls, mode, identity, &error))
    {
      tls_op_fail (op, error);
      return;
    }
  qnet_tls_stream_set_callbacks (op->tls, &tls_callbacks, op);

  priv->tls_op = op;
  _qnet_socket_add_close_hook (self, tls_op_closed, op);

  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_START_SSL);

  /* A handler may have closed the socket (the close hook marked op). */
  if (op->closed || priv->io != io)
    {
      if (priv->tls_op == op)
        priv->tls_op = NULL;
      _qnet_socket_remove_close_hook (self, op);
      op->closed = TRUE;
      tls_op_fail (op, g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                            _("The socket was closed")));
      return;
    }

  hold_nodelay (self);
  qnet_tls_stream_handshake_async (op->tls, timeout_ms, G_PRIORITY_DEFAULT, op->cancellable,
                                   handshake_done, op);
}

/* ---- Ends of the public calls -------------------------------------------------- */

void
_qnet_socket_tls_call_done (QnetSocket *self,
                            GError     *error,
                            gpointer    data)
{
  QnetSocketCall *call = data;

  if (error != NULL)
    _qnet_socket_call_return_error (call, error);
  else
    _qnet_socket_call_return_int (call, TRUE);
}

/* connect_*_ssl: all or nothing, the connection goes with the handshake. */
static void
connect_call_done (QnetSocket *self,
                   GError     *error,
                   gpointer    data)
{
  if (error != NULL)
    _qnet_socket_close_internal (self);
  _qnet_socket_tls_call_done (self, error, data);
}

void
_qnet_socket_tls_connected (QnetSocket     *self,
                            QnetSocketCall *call,
                            gint            timeout_ms)
{
  _qnet_socket_tls_start (self, QNET_TLS_STREAM_CLIENT, NULL, timeout_ms, call->cancellable,
                          connect_call_done, call);
}

typedef struct {
  QnetSocketCall *call;
  QnetSocket     *connection;   /* (owned) */
} AcceptData;

static void
accepted_done (QnetSocket *connection,
               GError     *error,
               gpointer    data)
{
  AcceptData *ad = data;
  QnetSocketCall *call = ad->call;
  QnetSocket *conn = ad->connection;

  g_free (ad);
  if (error != NULL)
    {
      /* The connection is closed already (channel-closed); it goes. */
      g_object_unref (conn);
      _qnet_socket_call_return_error (call, error);
      return;
    }
  _qnet_socket_call_return_pointer (call, conn, g_object_unref);
}

void
_qnet_socket_tls_accepted (QnetSocketCall *call,
                           QnetSocket     *connection,
                           gint            timeout_ms)
{
  AcceptData *ad = g_new0 (AcceptData, 1);

  ad->call = call;
  ad->connection = connection;
  _qnet_socket_tls_start (connection, QNET_TLS_STREAM_SERVER, NULL, timeout_ms, call->cancellable,
                          accepted_done, ad);
}

/* ---- Shutdown ------------------------------------------------------------------- */

typedef struct {
  QnetSocketCall *call;
  QnetTlsStream  *tls;     /* (owned) */
} ShutdownOp;

static void
shutdown_finish (ShutdownOp *op,
                 GError     *error)
{
  QnetSocketCall *call = op->call;
  g_autoptr(QnetSocket) self = g_object_ref (call->self);
  g_autoptr(QnetTlsStream) tls = op->tls;

  g_free (op);
  if (error == NULL)
    {
      _qnet_socket_call_return_int (call, TRUE);
      return;
    }

  {
    GQuark domain = QNET_TLS_ERROR;
    gint code = QNET_TLS_ERROR_FAILED;
    GError *wrapped;

    if (error->domain == QNET_TLS_ERROR || error->domain == QNET_SOCKET_ERROR ||
        !_qnet_socket_tls_error_is_fatal (error))
      {
        domain = error->domain;
        code = error->code;
      }
    wrapped = g_error_new (domain, code, _("Could not send close_notify to %s: %s"),
                           qnet_emitter_get_label (QNET_EMITTER (self)), error->message);
    /* A broken connection goes, as after a failed send. */
    if (_qnet_socket_tls_error_is_fatal (error) && get_priv (self)->stream == G_IO_STREAM (tls))
      _qnet_socket_close_internal (self);
    g_error_free (error);
    _qnet_socket_call_return_error (call, wrapped);
  }
}

static void
close_notify_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  GError *error = NULL;

  qnet_tls_stream_close_notify_finish (QNET_TLS_STREAM (source), result, &error);
  shutdown_finish (data, error);
}

static void
shutdown_drained (gpointer  data,
                  GError   *error)
{
  ShutdownOp *op = data;
  QnetSocket *self = op->call->self;

  if (error != NULL)
    {
      shutdown_finish (op, error);
      return;
    }
  qnet_tls_stream_close_notify_async (op->tls, _qnet_socket_get_effective_timeout (self, -1),
                                      G_PRIORITY_DEFAULT, op->call->cancellable,
                                      close_notify_done, op);
}

void
_qnet_socket_tls_shutdown_start (QnetSocket     *self,
                                 QnetSocketCall *call)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetTlsStream *tls = _qnet_socket_get_tls (self);
  ShutdownOp *op;

  if (priv->io == NULL || qnet_stream_io_is_closed (priv->io))
    {
      _qnet_socket_call_return_error (call, _qnet_socket_not_open_error (self));
      return;
    }
  if (tls == NULL)
    {
      _qnet_socket_call_return_error (call, g_error_new (QNET_TLS_ERROR, QNET_TLS_ERROR_NOT_SECURE,
                                                         _("Could not send close_notify to %s: %s"),
                                                         qnet_emitter_get_label (QNET_EMITTER (self)),
                                                         _("the connection does not run TLS")));
      return;
    }

  op = g_new0 (ShutdownOp, 1);
  op->call = call;
  op->tls = g_object_ref (tls);
  /* What was sent or queued goes out before close_notify. */
  qnet_stream_io_wait_drained (priv->io, _qnet_socket_get_effective_timeout (self, -1),
                               call->cancellable, shutdown_drained, op);
}

/* ---- For subclasses ------------------------------------------------------------- */

static void
task_done (QnetSocket *self,
           GError     *error,
           gpointer    data)
{
  g_autoptr(GTask) task = data;

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
_qnet_socket_start_tls_async (QnetSocket          *self,
                              const char          *server_identity,
                              gint                 timeout_ms,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (QNET_IS_SOCKET (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _qnet_socket_start_tls_async);
  g_task_set_name (task, "[qnet] start tls");
  /* The result is what the handshake returned. */
  g_task_set_check_cancellable (task, FALSE);
  _qnet_socket_tls_start (self, QNET_TLS_STREAM_CLIENT, server_identity, timeout_ms, cancellable,
                          task_done, task);
}

gboolean
_qnet_socket_start_tls_finish (QnetSocket    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _qnet_socket_start_tls_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
