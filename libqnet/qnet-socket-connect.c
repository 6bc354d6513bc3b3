/* qnet-socket-connect.c: QnetSocket connecting, and the queries
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-socket-private.h"
#include "io/qnet-address.h"
#include "io/qnet-connector.h"

static inline QnetSocketPrivate *
get_priv (QnetSocket *self)
{
  return _qnet_socket_get_private (self);
}

/* ---- Connecting -------------------------------------------------------------- */

struct _ConnectOp
{
  QnetSocket     *self;          /* (owned) */
  QnetSocketCall *call;          /* (owned) until returned; NULL for _qnet_socket_connect_address() */
  QnetSocketConnectDone done;    /* without @call */
  gpointer        user_data;
  char           *target;        /* (owned): host or path as given */
  QnetConnector  *connector;     /* (owned) (nullable) */
  GCancellable   *cancellable;   /* (owned): the call's, and close */
  GCancellable   *user_cancellable;
  gulong          user_handler;
  gboolean        starting;
  gboolean        finished;
  gboolean        tls;           /* connect_*_ssl: the handshake follows */
  gint            timeout_ms;    /* the effective limit (-1: none) */
  gint64          started;       /* monotonic time of the start */
};

static void
connect_op_free (ConnectOp *op)
{
  if (op->user_handler != 0)
    g_cancellable_disconnect (op->user_cancellable, op->user_handler);
  g_clear_object (&op->user_cancellable);
  g_clear_pointer (&op->connector, qnet_connector_unref);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->self);
  g_free (op->target);
  g_free (op);
}

void
_qnet_socket_connect_op_cancel (ConnectOp *op)
{
  g_cancellable_cancel (op->cancellable);
}

static void
on_connect_user_cancelled (GCancellable *cancellable,
                           gpointer      data)
{
  ConnectOp *op = data;

  g_cancellable_cancel (op->cancellable);
}

static void
connector_lookup (gpointer    data,
                  const char *name,
                  const char *service)
{
  ConnectOp *op = data;
  QnetSocket *self = op->self;

  _qnet_socket_set_state (self, QNET_SOCKET_STATE_HOST_LOOKUP);
  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_HOSTNAME_LOOKUP, name, service);
}

static void
connector_resolved (gpointer      data,
                    GInetAddress *address,
                    guint16       port)
{
  ConnectOp *op = data;
  QnetSocket *self = op->self;
  g_autofree char *text = g_inet_address_to_string (address);
  GSocketFamily family = g_inet_address_get_family (address);

  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_HOSTNAME_RESOLVED,
                      text, (gint64) family, qnet_address_family_to_string (family), (gint64) port);
}

static void
connector_connecting (gpointer        data,
                      GSocketAddress *address)
{
  ConnectOp *op = data;
  QnetSocket *self = op->self;
  GSocketFamily family = g_socket_address_get_family (address);
  gint port;
  g_autofree char *text = qnet_socket_address_to_string (address, &port);

  _qnet_socket_set_state (self, QNET_SOCKET_STATE_CONNECTING);
  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_CONNECTING,
                      (gint64) family, qnet_address_family_to_string (family),
                      op->target, text, (gint64) port);
}

static const QnetConnectorCallbacks connector_callbacks = {
  connector_lookup,
  connector_resolved,
  connector_connecting,
};

/* The GIOErrorEnum reported by connect-failed for @error. */
static gint
connect_error_io_code (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return error->code;
  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_NOT_FOUND ? G_IO_ERROR_HOST_NOT_FOUND : G_IO_ERROR_FAILED;
  return G_IO_ERROR_FAILED;
}

static void
connect_done (QnetConnector *connector,
              gpointer       data,
              GSocket       *socket,
              GError        *error)
{
  ConnectOp *op = data;
  QnetSocketCall *call = g_steal_pointer (&op->call);
  QnetSocket *self = op->self;
  QnetSocketPrivate *priv = get_priv (self);

  op->finished = TRUE;
  if (priv->connect_op == op)
    priv->connect_op = NULL;

  if (socket != NULL)
    {
      g_autoptr(GSocketConnection) connection = g_socket_connection_factory_create_connection (socket);

      g_object_unref (socket);
      _qnet_socket_attach_connection (self, connection);
      _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_CONNECTED);
      if (op->tls)
        {
          /* What is left of the connect's limit bounds the handshake. */
          gint left = op->timeout_ms;

          if (op->timeout_ms > 0)
            left = (gint) CLAMP (op->timeout_ms - (g_get_monotonic_time () - op->started) / 1000,
                                 1, op->timeout_ms);
          _qnet_socket_tls_connected (self, call, left);
        }
      else if (call != NULL)
        _qnet_socket_call_return_int (call, TRUE);
      else
        op->done (op->user_data, NULL);
    }
  else
    {
      GError *wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ACTION_CONNECT, error);

      if (error->domain == G_RESOLVER_ERROR)
        wrapped->code = QNET_SOCKET_ERROR_LOOKUP;

      _qnet_socket_set_state (self, QNET_SOCKET_STATE_UNCONNECTED);
      _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_CONNECT_FAILED,
                          op->target, wrapped->message, (gint64) connect_error_io_code (error));
      g_error_free (error);
      if (call != NULL)
        _qnet_socket_call_return_error (call, wrapped);
      else
        op->done (op->user_data, wrapped);
    }

  if (!op->starting)
    connect_op_free (op);
}

/* Takes @target. Ends @call, or without one calls @done. */
static void
connect_start (QnetSocket            *self,
               QnetSocketCall        *call,
               QnetSocketConnectDone  done,
               gpointer               user_data,
               GCancellable          *cancellable,
               QnetAddress           *target,
               gint                   timeout_ms,
               gboolean               tls)
{
  QnetSocketPrivate *priv = get_priv (self);
  g_autofree char *label = qnet_address_to_string (target);
  QnetConnector *connector;
  ConnectOp *op;

  if (priv->connect_op != NULL)
    {
      GError *error = g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED,
                                   _("Could not connect to %s: %s"), label,
                                   _("a connection attempt is in progress"));

      qnet_address_free (target);
      if (call != NULL)
        _qnet_socket_call_return_error (call, error);
      else
        done (user_data, error);
      return;
    }

  /* As in Qore, connecting an open socket closes it first. */
  _qnet_socket_close_internal (self);

  _qnet_emitter_set_label (QNET_EMITTER (self), label);
  g_free (priv->peer_host);
  priv->peer_host = target->kind == QNET_ADDRESS_INET && target->numeric == NULL
                    ? g_strdup (target->host) : NULL;

  op = g_new0 (ConnectOp, 1);
  op->self = g_object_ref (self);
  op->call = call;
  op->done = done;
  op->user_data = user_data;
  op->target = g_strdup (target->kind == QNET_ADDRESS_UNIX ? target->path : target->host);
  op->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (cancellable);
      op->user_handler = g_cancellable_connect (cancellable,
                                                G_CALLBACK (on_connect_user_cancelled), op, NULL);
    }
  priv->connect_op = op;

  if (timeout_ms < 0)
    timeout_ms = priv->connect_timeout_ms;
  op->tls = tls;
  op->timeout_ms = timeout_ms;
  op->started = g_get_monotonic_time ();

  op->starting = TRUE;
  connector = qnet_connector_connect (target, timeout_ms, op->cancellable, &connector_callbacks,
                                      connect_done, op);
  op->starting = FALSE;

  qnet_address_free (target);

  if (op->finished)
    {
      qnet_connector_unref (connector);
      connect_op_free (op);
      return;
    }
  op->connector = connector;
}

/* The public forms: connects @call to @target (transfer full), or when
 * it is NULL returns @error (transfer full), why @name is no address. */
static void
connect_call_start (QnetSocket     *self,
                    QnetSocketCall *call,
                    QnetAddress    *target,
                    GError         *error,
                    const char     *name,
                    gint            timeout_ms,
                    gboolean        tls)
{
  if (target == NULL)
    {
      GError *wrapped = g_error_new (error->domain, error->code, _("Could not connect to %s: %s"),
                                     name, error->message);

      g_error_free (error);
      _qnet_socket_call_return_error (call, wrapped);
      return;
    }
  connect_start (self, call, NULL, NULL, call->cancellable, target, timeout_ms, tls);
}

void
_qnet_socket_connect_address (QnetSocket            *self,
                              QnetAddress           *target,
                              gint                   timeout_ms,
                              GCancellable          *cancellable,
                              QnetSocketConnectDone  done,
                              gpointer               user_data)
{
  connect_start (self, NULL, done, user_data, cancellable, target, timeout_ms, FALSE);
}

void
_qnet_socket_connect_dest_start (QnetSocket     *self,
                                 QnetSocketCall *call,
                                 const char     *dest,
                                 gint            timeout_ms,
                                 gboolean        tls)
{
  GError *error = NULL;
  QnetAddress *target = qnet_address_parse (dest, FALSE, &error);

  connect_call_start (self, call, target, error, dest, timeout_ms, tls);
}

/**
 * qnet_socket_connect_to:
 * @self: a #QnetSocket
 * @dest: `"host:port"`, `"[v6addr]:port"`, `"[name]:port"` (IPv6 only) or a
 *   UNIX socket path (no colon)
 * @timeout_ms: the limit for the whole connect in milliseconds: -1 for
 *   [property@Qnet.Socket:connect-timeout], 0 to fail unless it completes at
 *   once
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects to @dest, closing the socket first if it was open (Qore's
 * `Socket::connect()`). Raises `hostname-lookup` and `hostname-resolved`
 * for host names, `connecting` before each attempt, then `connected`, or
 * `connect-failed` and `operation-failed`.
 *
 * Returns: %TRUE when connected
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_to (QnetSocket    *self,
                        const char    *dest,
                        gint           timeout_ms,
                        GCancellable  *cancellable,
                        GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "connect_to", cancellable);
  _qnet_socket_connect_dest_start (self, call, dest, timeout_ms, FALSE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_connect_to_async:
 * @self: a #QnetSocket
 * @dest: the destination, as for [method@Qnet.Socket.connect_to]
 * @timeout_ms: the limit for the whole connect, as for
 *   [method@Qnet.Socket.connect_to]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the connect completed
 * @user_data: data for @callback
 *
 * Starts connecting to @dest; see [method@Qnet.Socket.connect_to].
 *
 * Since: 1.0
 */
void
qnet_socket_connect_to_async (QnetSocket          *self,
                              const char          *dest,
                              gint                 timeout_ms,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (dest != NULL);

  call = _qnet_socket_call_new_async (self, "connect_to", cancellable, callback, user_data,
                                      qnet_socket_connect_to_async);
  _qnet_socket_connect_dest_start (self, call, dest, timeout_ms, FALSE);
}

/**
 * qnet_socket_connect_to_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.connect_to_async].
 *
 * Returns: %TRUE when connected
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_to_finish (QnetSocket    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_connect_to_async, error) != 0;
}

void
_qnet_socket_connect_inet_start (QnetSocket     *self,
                                 QnetSocketCall *call,
                                 const char     *host,
                                 const char     *service,
                                 GSocketFamily   family,
                                 gint            timeout_ms,
                                 gboolean        tls)
{
  GError *error = NULL;
  QnetAddress *target;

  if (family != G_SOCKET_FAMILY_INVALID && family != G_SOCKET_FAMILY_IPV4 &&
      family != G_SOCKET_FAMILY_IPV6)
    error = g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                                 _("The family must be IPv4, IPv6 or unspecified"));
  else if (host == NULL || *host == '\0')
    error = g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                                 _("No host given"));

  target = error == NULL ? qnet_address_new_inet (host, service, family, &error) : NULL;
  connect_call_start (self, call, target, error, host != NULL ? host : "", timeout_ms, tls);
}

/**
 * qnet_socket_connect_inet:
 * @self: a #QnetSocket
 * @host: a host name or a numeric address (IPv6 without brackets)
 * @service: a port number or a service name
 * @family: %G_SOCKET_FAMILY_IPV4 or %G_SOCKET_FAMILY_IPV6 to restrict the
 *   resolution, %G_SOCKET_FAMILY_INVALID for any
 * @timeout_ms: the limit for the whole connect, as for
 *   [method@Qnet.Socket.connect_to]
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects to @host and @service (Qore's `Socket::connectINET()`), with the
 * events of [method@Qnet.Socket.connect_to].
 *
 * Returns: %TRUE when connected
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_inet (QnetSocket     *self,
                          const char     *host,
                          const char     *service,
                          GSocketFamily   family,
                          gint            timeout_ms,
                          GCancellable   *cancellable,
                          GError        **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (service != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "connect_inet", cancellable);
  _qnet_socket_connect_inet_start (self, call, host, service, family, timeout_ms, FALSE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_connect_inet_async:
 * @self: a #QnetSocket
 * @host: a host name or a numeric address
 * @service: a port number or a service name
 * @family: the address family to restrict the resolution to, or
 *   %G_SOCKET_FAMILY_INVALID
 * @timeout_ms: the limit for the whole connect
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the connect completed
 * @user_data: data for @callback
 *
 * Starts connecting; see [method@Qnet.Socket.connect_inet].
 *
 * Since: 1.0
 */
void
qnet_socket_connect_inet_async (QnetSocket          *self,
                                const char          *host,
                                const char          *service,
                                GSocketFamily        family,
                                gint                 timeout_ms,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (service != NULL);

  call = _qnet_socket_call_new_async (self, "connect_inet", cancellable, callback, user_data,
                                      qnet_socket_connect_inet_async);
  _qnet_socket_connect_inet_start (self, call, host, service, family, timeout_ms, FALSE);
}

/**
 * qnet_socket_connect_inet_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.connect_inet_async].
 *
 * Returns: %TRUE when connected
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_inet_finish (QnetSocket    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_connect_inet_async, error) != 0;
}

void
_qnet_socket_connect_unix_start (QnetSocket     *self,
                                 QnetSocketCall *call,
                                 const char     *path,
                                 gboolean        tls)
{
  GError *error = NULL;
  QnetAddress *target = qnet_address_new_unix (path, &error);

  connect_call_start (self, call, target, error, path, -1, tls);
}

/**
 * qnet_socket_connect_unix:
 * @self: a #QnetSocket
 * @path: the path of a UNIX socket file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects to a UNIX socket (Qore's `Socket::connectUNIX()`), within
 * [property@Qnet.Socket:connect-timeout]. Raises `connecting` and
 * `connected` (no lookup events).
 *
 * Returns: %TRUE when connected
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_unix (QnetSocket    *self,
                          const char    *path,
                          GCancellable  *cancellable,
                          GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "connect_unix", cancellable);
  _qnet_socket_connect_unix_start (self, call, path, FALSE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_connect_unix_async:
 * @self: a #QnetSocket
 * @path: the path of a UNIX socket file
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the connect completed
 * @user_data: data for @callback
 *
 * Starts connecting; see [method@Qnet.Socket.connect_unix].
 *
 * Since: 1.0
 */
void
qnet_socket_connect_unix_async (QnetSocket          *self,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (path != NULL);

  call = _qnet_socket_call_new_async (self, "connect_unix", cancellable, callback, user_data,
                                      qnet_socket_connect_unix_async);
  _qnet_socket_connect_unix_start (self, call, path, FALSE);
}

/**
 * qnet_socket_connect_unix_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.connect_unix_async].
 *
 * Returns: %TRUE when connected
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_unix_finish (QnetSocket    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_connect_unix_async, error) != 0;
}

/* ---- Queries ----------------------------------------------------------------- */

static GVariant *
build_info (GSocketAddress *address,
            const char     *hostname)
{
  GVariantBuilder builder;
  GSocketFamily family = g_socket_address_get_family (address);
  const char *familystr = qnet_address_family_to_string (family);
  gint port;
  g_autofree char *text = qnet_socket_address_to_string (address, &port);
  g_autofree char *address_desc = g_strdup_printf ("%s[%s]", familystr, text);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (hostname != NULL && family != G_SOCKET_FAMILY_UNIX)
    {
      g_autofree char *hostname_desc = g_strdup_printf ("%s[%s]", familystr, hostname);

      g_variant_builder_add (&builder, "{sv}", "hostname", g_variant_new_string (hostname));
      g_variant_builder_add (&builder, "{sv}", "hostname_desc", g_variant_new_string (hostname_desc));
    }
  g_variant_builder_add (&builder, "{sv}", "address", g_variant_new_string (text));
  g_variant_builder_add (&builder, "{sv}", "address_desc", g_variant_new_string (address_desc));
  if (port >= 0)
    g_variant_builder_add (&builder, "{sv}", "port", g_variant_new_int64 (port));
  g_variant_builder_add (&builder, "{sv}", "family", g_variant_new_int64 (family));
  g_variant_builder_add (&builder, "{sv}", "familystr", g_variant_new_string (familystr));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * qnet_socket_get_peer_info:
 * @self: a #QnetSocket
 * @error: return location for a #GError
 *
 * Describes the peer of a connected socket (Qore's `getPeerInfo()`): an
 * `a{sv}` with `address` (numeric, or the path), `address_desc`
 * (`"ipv4[127.0.0.1]"`), `port` (not for UNIX sockets), `family` and
 * `familystr` (`"ipv4"`, `"ipv6"`, `"unix"`), plus `hostname` and
 * `hostname_desc` when the socket connected to a host name. No name
 * lookup is made.
 *
 * Returns: (transfer full): the peer information, or %NULL with
 *   %QNET_SOCKET_ERROR_NOT_OPEN
 *
 * Since: 1.0
 */
GVariant *
qnet_socket_get_peer_info (QnetSocket  *self,
                           GError     **error)
{
  QnetSocketPrivate *priv;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  priv = get_priv (self);

  if (priv->remote_address == NULL)
    {
      g_propagate_error (error, _qnet_socket_not_open_error (self));
      return NULL;
    }
  return build_info (priv->remote_address, priv->peer_host);
}

/**
 * qnet_socket_get_socket_info:
 * @self: a #QnetSocket
 * @error: return location for a #GError
 *
 * Describes the local end of a bound or connected socket (Qore's
 * `getSocketInfo()`), with the keys of [method@Qnet.Socket.get_peer_info];
 * `hostname` is present when the socket was bound to a host name.
 *
 * Returns: (transfer full): the socket information, or %NULL with
 *   %QNET_SOCKET_ERROR_NOT_OPEN
 *
 * Since: 1.0
 */
GVariant *
qnet_socket_get_socket_info (QnetSocket  *self,
                             GError     **error)
{
  QnetSocketPrivate *priv;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  priv = get_priv (self);

  if (priv->local_address == NULL)
    {
      g_propagate_error (error, _qnet_socket_not_open_error (self));
      return NULL;
    }
  return build_info (priv->local_address, priv->local_host);
}

/**
 * qnet_socket_get_port:
 * @self: a #QnetSocket
 *
 * Returns the local port of a bound or connected TCP socket, e.g. the
 * port the system chose for a bind to port 0.
 *
 * Returns: the port, or -1 for UNIX sockets and when not open
 *
 * Since: 1.0
 */
gint
qnet_socket_get_port (QnetSocket *self)
{
  QnetSocketPrivate *priv;

  g_return_val_if_fail (QNET_IS_SOCKET (self), -1);
  priv = get_priv (self);

  if (priv->local_address != NULL && G_IS_INET_SOCKET_ADDRESS (priv->local_address))
    return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (priv->local_address));
  return -1;
}

/**
 * qnet_socket_is_open:
 * @self: a #QnetSocket
 *
 * Tells whether the socket is open: bound, listening or connected.
 *
 * Returns: %TRUE when the socket is bound, listening or connected
 *
 * Since: 1.0
 */
gboolean
qnet_socket_is_open (QnetSocket *self)
{
  QnetSocketPrivate *priv;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  priv = get_priv (self);
  return priv->socket != NULL && !priv->closing;
}

/**
 * qnet_socket_shutdown:
 * @self: a #QnetSocket
 * @error: return location for a #GError
 *
 * Shuts both directions of the connection down, even if the descriptor is
 * shared with other processes (Qore's `Socket::shutdown()`). The socket
 * stays open until [method@Qnet.Socket.close]; no `channel-closed` is
 * raised.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_socket_shutdown (QnetSocket  *self,
                      GError     **error)
{
  QnetSocketPrivate *priv;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  priv = get_priv (self);

  if (priv->socket == NULL)
    local_error = _qnet_socket_not_open_error (self);
  else if (!g_socket_shutdown (priv->socket, TRUE, TRUE, &local_error))
    {
      GError *wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ACTION_SHUTDOWN, local_error);

      g_clear_error (&local_error);
      local_error = wrapped;
    }

  if (local_error != NULL)
    {
      _qnet_emitter_operation_failed (QNET_EMITTER (self), "shutdown", local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * qnet_socket_close:
 * @self: a #QnetSocket
 *
 * Closes the socket: pending operations fail with
 * %QNET_SOCKET_ERROR_NOT_OPEN, a connect in progress is cancelled, push mode
 * and accepting stop, a UNIX socket file created by bind is removed, and
 * `channel-closed` is raised if the socket was open. Closing a closed
 * socket does nothing.
 *
 * Since: 1.0
 */
void
qnet_socket_close (QnetSocket *self)
{
  g_return_if_fail (QNET_IS_SOCKET (self));

  _qnet_socket_close_internal (self);
}
