/* qnet-socket-server.c: QnetSocket binding, listening and accepting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include "qnet-error.h"
#include "qnet-socket-private.h"
#include "io/qnet-address.h"
#include "io/qnet-connector.h"

/* Connections accepted per main-loop dispatch while accepting, so a flood
 * of clients cannot starve other sources. */
#define QNET_SOCKET_ACCEPT_BATCH 64
/* Qore's listen() default. */
#define QNET_SOCKET_DEFAULT_BACKLOG 20

static char *
label_for_address (GSocketAddress *address)
{
  gint port;
  g_autofree char *text = qnet_socket_address_to_string (address, &port);

  if (port < 0)
    return g_steal_pointer (&text);
  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]:%d", text, port);
  return g_strdup_printf ("%s:%d", text, port);
}

static GError *
errno_error (int errsv)
{
  return g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
}

/* Binds a new socket to @address; the error carries strerror's text. */
static GSocket *
bind_address (GSocketAddress  *address,
              gboolean         reuseaddr,
              GError         **error)
{
  GSocketFamily family = g_socket_address_get_family (address);
  g_autoptr(GSocket) socket = NULL;
  struct sockaddr_storage native;
  gsize len = g_socket_address_get_native_size (address);

  socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  if (socket == NULL)
    return NULL;
  g_socket_set_blocking (socket, FALSE);

  if (family != G_SOCKET_FAMILY_UNIX)
    {
      /* Best effort: these only widen what the bind accepts. */
      g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, reuseaddr ? 1 : 0, NULL);
      if (family == G_SOCKET_FAMILY_IPV6)
        {
          GInetAddress *inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));

          /* The IPv6 wildcard also accepts IPv4 clients (dual stack). */
          if (g_inet_address_get_is_any (inet))
            g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, 0, NULL);
        }
    }

  if (!g_socket_address_to_native (address, &native, sizeof native, error))
    return NULL;
  if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native, (socklen_t) len) < 0)
    {
      int errsv = errno;

      g_propagate_error (error, errno_error (errsv));
      g_socket_close (socket, NULL);
      return NULL;
    }

  return g_steal_pointer (&socket);
}

/* Tries @addresses in turn; TRUE when one is bound. */
static gboolean
bind_first (QnetSocket  *self,
            GList       *addresses,
            guint16      port,
            gboolean     reuseaddr,
            const char  *host,
            GError     **error)
{
  GError *last = NULL;

  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (l->data, port);
      g_autoptr(GSocket) socket = bind_address (address, reuseaddr, last == NULL ? &last : NULL);

      if (socket != NULL)
        {
          g_autoptr(GSocketAddress) local = NULL;
          g_autofree char *label = NULL;

          g_clear_error (&last);
          _qnet_socket_attach_bound (self, socket, NULL, host);
          local = g_socket_get_local_address (socket, NULL);
          label = label_for_address (local != NULL ? local : address);
          _qnet_emitter_set_label (QNET_EMITTER (self), label);
          return TRUE;
        }
    }

  if (last == NULL)
    last = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND, _("No address to bind to"));
  g_propagate_error (error, last);
  return FALSE;
}

static GError *
bind_error (const char   *label,
            const GError *inner)
{
  gint code = inner->domain == QNET_SOCKET_ERROR ? inner->code : QNET_SOCKET_ERROR_BIND;

  if (inner->domain == G_IO_ERROR &&
      (inner->code == G_IO_ERROR_CANCELLED || inner->code == G_IO_ERROR_TIMED_OUT))
    return g_error_new (G_IO_ERROR, inner->code, _("Could not bind to %s: %s"), label, inner->message);
  return g_error_new (QNET_SOCKET_ERROR, code, _("Could not bind to %s: %s"), label, inner->message);
}

static gboolean
bind_unix_now (QnetSocket  *self,
               const char  *path,
               GError     **error)
{
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  g_autoptr(GSocket) socket = NULL;
  GError *local_error = NULL;

  _qnet_socket_close_internal (self);
  _qnet_emitter_set_label (QNET_EMITTER (self), path);

  socket = bind_address (address, FALSE, &local_error);
  if (socket == NULL)
    {
      g_propagate_error (error, bind_error (path, local_error));
      g_error_free (local_error);
      return FALSE;
    }
  _qnet_socket_attach_bound (self, socket, path, NULL);
  return TRUE;
}

/* ---- Bind (asynchronous for host names) ------------------------------------ */

typedef struct {
  QnetSocketCall *call;
  char           *label;
  guint16         port;
  gboolean        reuseaddr;
  char           *host;
  QnetConnector  *connector;
  gboolean        starting;
  gboolean        finished;
} BindOp;

static void
bind_op_free (BindOp *op)
{
  g_clear_pointer (&op->connector, qnet_connector_unref);
  g_free (op->label);
  g_free (op->host);
  g_free (op);
}

static void
bind_lookup (gpointer    data,
             const char *name,
             const char *service)
{
  BindOp *op = data;
  QnetSocket *self = op->call->self;

  _qnet_socket_set_state (self, QNET_SOCKET_STATE_HOST_LOOKUP);
  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_HOSTNAME_LOOKUP, name, service);
}

static void
bind_resolved (gpointer      data,
               GInetAddress *address,
               guint16       port)
{
  BindOp *op = data;
  g_autofree char *text = g_inet_address_to_string (address);
  GSocketFamily family = g_inet_address_get_family (address);

  _qnet_emitter_emit (QNET_EMITTER (op->call->self), QNET_EVENT_HOSTNAME_RESOLVED,
                      text, (gint64) family, qnet_address_family_to_string (family), (gint64) port);
}

static const QnetConnectorCallbacks bind_callbacks = {
  bind_lookup,
  bind_resolved,
  NULL,
};

static void
bind_resolve_done (QnetConnector *connector,
                   gpointer       data,
                   GSocket       *socket,
                   GError        *error)
{
  BindOp *op = data;
  QnetSocketCall *call = g_steal_pointer (&op->call);
  QnetSocket *self = call->self;
  GError *bind_failure = NULL;

  op->finished = TRUE;

  if (error == NULL &&
      bind_first (self, qnet_connector_get_addresses (connector),
                  op->port, op->reuseaddr, op->host, &bind_failure))
    {
      _qnet_socket_call_return_int (call, TRUE);
    }
  else
    {
      GError *inner = error != NULL ? error : bind_failure;
      GError *wrapped = bind_error (op->label, inner);

      if (error != NULL && error->domain == G_RESOLVER_ERROR)
        wrapped->code = QNET_SOCKET_ERROR_LOOKUP;
      g_clear_error (&error);
      g_clear_error (&bind_failure);
      _qnet_socket_set_state (self, QNET_SOCKET_STATE_UNCONNECTED);
      _qnet_socket_call_return_error (call, wrapped);
    }

  if (!op->starting)
    bind_op_free (op);
}

static void
bind_inet_start (QnetSocket     *self,
                 QnetSocketCall *call,
                 QnetAddress    *target,
                 gboolean        reuseaddr)
{
  g_autofree char *label = qnet_address_to_string (target);
  GError *error = NULL;
  GList *addresses = NULL;
  BindOp *op;

  _qnet_socket_close_internal (self);
  _qnet_emitter_set_label (QNET_EMITTER (self), label);

  if (target->host == NULL || target->numeric != NULL)
    {
      /* Every interface, or a numeric address: nothing to resolve. */
      if (target->numeric != NULL)
        addresses = g_list_append (addresses, g_object_ref (target->numeric));
      else
        {
          if (target->family != G_SOCKET_FAMILY_IPV4)
            addresses = g_list_append (addresses, g_inet_address_new_any (G_SOCKET_FAMILY_IPV6));
          if (target->family != G_SOCKET_FAMILY_IPV6)
            addresses = g_list_append (addresses, g_inet_address_new_any (G_SOCKET_FAMILY_IPV4));
        }

      if (bind_first (self, addresses, target->port, reuseaddr, NULL, &error))
        _qnet_socket_call_return_int (call, TRUE);
      else
        {
          GError *wrapped = bind_error (label, error);

          g_error_free (error);
          _qnet_socket_call_return_error (call, wrapped);
        }
      g_list_free_full (addresses, g_object_unref);
      qnet_address_free (target);
      return;
    }

  op = g_new0 (BindOp, 1);
  op->call = call;
  op->label = g_strdup (label);
  op->port = target->port;
  op->reuseaddr = reuseaddr;
  op->host = g_strdup (target->host);
  op->starting = TRUE;
  op->connector = qnet_connector_resolve (target, -1, call->cancellable, &bind_callbacks,
                                          bind_resolve_done, op);
  op->starting = FALSE;
  qnet_address_free (target);

  if (op->finished)
    bind_op_free (op);
}

static void
bind_dest_start (QnetSocket     *self,
                 QnetSocketCall *call,
                 const char     *dest,
                 gboolean        reuseaddr)
{
  GError *error = NULL;
  QnetAddress *target = qnet_address_parse (dest, TRUE, &error);

  if (target == NULL)
    {
      GError *wrapped = bind_error (dest, error);

      g_error_free (error);
      _qnet_socket_call_return_error (call, wrapped);
      return;
    }

  if (target->kind == QNET_ADDRESS_UNIX)
    {
      if (bind_unix_now (self, target->path, &error))
        _qnet_socket_call_return_int (call, TRUE);
      else
        _qnet_socket_call_return_error (call, error);
      qnet_address_free (target);
      return;
    }

  bind_inet_start (self, call, target, reuseaddr);
}

/**
 * qnet_socket_bind:
 * @self: a #QnetSocket
 * @dest: `"host:port"`, `"[v6addr]:port"`, `":port"` or `"port"` (every
 *   interface), or a UNIX socket path (no colon and not all digits)
 * @reuseaddr: whether to set `SO_REUSEADDR`
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Binds the socket, closing it first if it was open (Qore's
 * `Socket::bind()`). A host name is resolved (`hostname-lookup`,
 * `hostname-resolved`) and the first address that binds is used; every
 * interface means the IPv6 wildcard accepting IPv4 too, or the IPv4 one.
 * Port 0 lets the system choose ([method@Qnet.Socket.get_port] tells).
 *
 * Returns: %TRUE when bound
 *
 * Since: 1.0
 */
gboolean
qnet_socket_bind (QnetSocket    *self,
                  const char    *dest,
                  gboolean       reuseaddr,
                  GCancellable  *cancellable,
                  GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "bind", cancellable);
  bind_dest_start (self, call, dest, reuseaddr);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_bind_async:
 * @self: a #QnetSocket
 * @dest: the address, as for [method@Qnet.Socket.bind]
 * @reuseaddr: whether to set `SO_REUSEADDR`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when bound
 * @user_data: data for @callback
 *
 * Starts binding; see [method@Qnet.Socket.bind].
 *
 * Since: 1.0
 */
void
qnet_socket_bind_async (QnetSocket          *self,
                        const char          *dest,
                        gboolean             reuseaddr,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (dest != NULL);

  call = _qnet_socket_call_new_async (self, "bind", cancellable, callback, user_data,
                                      qnet_socket_bind_async);
  bind_dest_start (self, call, dest, reuseaddr);
}

/**
 * qnet_socket_bind_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.bind_async].
 *
 * Returns: %TRUE when bound
 *
 * Since: 1.0
 */
gboolean
qnet_socket_bind_finish (QnetSocket    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_bind_async, error) != 0;
}

static void
bind_inet_args_start (QnetSocket     *self,
                      QnetSocketCall *call,
                      const char     *interface,
                      const char     *service,
                      gboolean        reuseaddr,
                      GSocketFamily   family)
{
  GError *error = NULL;
  QnetAddress *target = NULL;

  if (family != G_SOCKET_FAMILY_INVALID && family != G_SOCKET_FAMILY_IPV4 &&
      family != G_SOCKET_FAMILY_IPV6)
    error = g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                                 _("The family must be IPv4, IPv6 or unspecified"));
  else
    target = qnet_address_new_inet (interface, service, family, &error);

  if (target == NULL)
    {
      GError *wrapped = bind_error (interface != NULL ? interface : service, error);

      g_error_free (error);
      _qnet_socket_call_return_error (call, wrapped);
      return;
    }
  bind_inet_start (self, call, target, reuseaddr);
}

/**
 * qnet_socket_bind_inet:
 * @self: a #QnetSocket
 * @interface: (nullable): a host name or numeric address of a local
 *   interface, or %NULL for every interface
 * @service: a port number (0: the system chooses) or service name
 * @reuseaddr: whether to set `SO_REUSEADDR`
 * @family: %G_SOCKET_FAMILY_IPV4, %G_SOCKET_FAMILY_IPV6, or
 *   %G_SOCKET_FAMILY_INVALID for any
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Binds to @interface and @service (Qore's `Socket::bindINET()`); see
 * [method@Qnet.Socket.bind].
 *
 * Returns: %TRUE when bound
 *
 * Since: 1.0
 */
gboolean
qnet_socket_bind_inet (QnetSocket     *self,
                       const char     *interface,
                       const char     *service,
                       gboolean        reuseaddr,
                       GSocketFamily   family,
                       GCancellable   *cancellable,
                       GError        **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (service != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "bind_inet", cancellable);
  bind_inet_args_start (self, call, interface, service, reuseaddr, family);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_bind_inet_async:
 * @self: a #QnetSocket
 * @interface: (nullable): a local interface's name or address, or %NULL
 * @service: a port number or service name
 * @reuseaddr: whether to set `SO_REUSEADDR`
 * @family: the address family, or %G_SOCKET_FAMILY_INVALID
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when bound
 * @user_data: data for @callback
 *
 * Starts binding; see [method@Qnet.Socket.bind_inet].
 *
 * Since: 1.0
 */
void
qnet_socket_bind_inet_async (QnetSocket          *self,
                             const char          *interface,
                             const char          *service,
                             gboolean             reuseaddr,
                             GSocketFamily        family,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (service != NULL);

  call = _qnet_socket_call_new_async (self, "bind_inet", cancellable, callback, user_data,
                                      qnet_socket_bind_inet_async);
  bind_inet_args_start (self, call, interface, service, reuseaddr, family);
}

/**
 * qnet_socket_bind_inet_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.bind_inet_async].
 *
 * Returns: %TRUE when bound
 *
 * Since: 1.0
 */
gboolean
qnet_socket_bind_inet_finish (QnetSocket    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_bind_inet_async, error) != 0;
}

/**
 * qnet_socket_bind_unix:
 * @self: a #QnetSocket
 * @path: the path of the socket file to create
 * @error: return location for a #GError
 *
 * Binds to a new UNIX socket file (Qore's `Socket::bindUNIX()`), closing
 * the socket first if it was open. The file is removed on close. An
 * existing file is left alone (the bind fails).
 *
 * Returns: %TRUE when bound
 *
 * Since: 1.0
 */
gboolean
qnet_socket_bind_unix (QnetSocket  *self,
                       const char  *path,
                       GError     **error)
{
  GError *local_error = NULL;
  QnetAddress *target;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = qnet_address_new_unix (path, &local_error);
  if (target != NULL)
    {
      bind_unix_now (self, path, &local_error);
      qnet_address_free (target);
    }
  else
    {
      GError *wrapped = bind_error (path, local_error);

      g_error_free (local_error);
      local_error = wrapped;
    }

  if (local_error != NULL)
    {
      _qnet_emitter_operation_failed (QNET_EMITTER (self), "bind_unix", local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * qnet_socket_listen:
 * @self: a bound #QnetSocket
 * @backlog: the length of the queue of pending connections; 0 or less for
 *   Qore's default (20)
 * @error: return location for a #GError
 *
 * Makes a bound socket listen (Qore's `Socket::listen()`); the state
 * becomes %QNET_SOCKET_STATE_LISTENING.
 *
 * Returns: %TRUE when listening
 *
 * Since: 1.0
 */
gboolean
qnet_socket_listen (QnetSocket  *self,
                    gint         backlog,
                    GError     **error)
{
  GSocket *socket;
  GError *local_error = NULL;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  socket = _qnet_socket_get_gsocket (self);
  if (qnet_socket_get_state (self) == QNET_SOCKET_STATE_LISTENING)
    return TRUE;

  if (socket == NULL || qnet_socket_get_state (self) != QNET_SOCKET_STATE_BOUND)
    {
      local_error = g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                 _("Could not listen: %s"), _("the socket is not bound"));
    }
  else
    {
      if (backlog <= 0)
        backlog = QNET_SOCKET_DEFAULT_BACKLOG;
      g_socket_set_listen_backlog (socket, backlog);
      if (listen (g_socket_get_fd (socket), backlog) < 0)
        {
          int errsv = errno;

          local_error = g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_LISTEN,
                                     _("Could not listen on %s: %s"),
                                     qnet_emitter_get_label (QNET_EMITTER (self)), g_strerror (errsv));
        }
    }

  if (local_error != NULL)
    {
      _qnet_emitter_operation_failed (QNET_EMITTER (self), "listen", local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  _qnet_socket_set_state (self, QNET_SOCKET_STATE_LISTENING);
  return TRUE;
}

/* ---- Accepting --------------------------------------------------------------- */

/* Accepts one pending connection: a new socket (transfer full), or NULL
 * with an error; *@transient tells the error is worth retrying at once (a
 * client that left before we took it) and G_IO_ERROR_WOULD_BLOCK means
 * none is waiting. */
static QnetSocket *
accept_one (QnetSocket  *self,
            gboolean    *transient,
            GError     **error)
{
  GSocket *listener = _qnet_socket_get_gsocket (self);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  QnetSocket *conn;
  GSocketAddress *peer;
  g_autofree char *label = NULL;
  g_autofree char *peer_text = NULL;
  gint peer_port;
  int fd;

  *transient = FALSE;
  fd = accept4 (g_socket_get_fd (listener), NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
  if (fd < 0)
    {
      int errsv = errno;

      *transient = errsv == ECONNABORTED || errsv == EINTR || errsv == EPROTO;
      g_propagate_error (error, errno_error (errsv));
      return NULL;
    }
  socket = g_socket_new_from_fd (fd, error);
  if (socket == NULL)
    {
      close (fd);
      return NULL;
    }

  conn = qnet_socket_new ();
  _qnet_socket_inherit_settings (self, conn);
  connection = g_socket_connection_factory_create_connection (socket);
  _qnet_socket_attach_connection (conn, connection);

  peer = qnet_socket_get_remote_address (conn);
  if (peer != NULL)
    {
      label = label_for_address (peer);
      peer_text = qnet_socket_address_to_string (peer, &peer_port);
    }
  else
    {
      peer_text = g_strdup ("");
      peer_port = -1;
    }
  _qnet_emitter_set_label (QNET_EMITTER (conn), label != NULL && *label != '\0'
                                                ? label
                                                : qnet_emitter_get_label (QNET_EMITTER (self)));

  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_INCOMING_CONNECTION,
                      conn, peer_text, (gint64) peer_port,
                      (gint64) qnet_emitter_get_id (QNET_EMITTER (conn)));
  return conn;
}

typedef struct {
  QnetSocketCall *call;
  GSource        *source;     /* (owned) */
  GSource        *deadline;   /* (owned) (nullable) */
  gboolean        tls;        /* accept_ssl: the server handshake follows */
  gint            timeout_ms; /* the effective limit (-1: none) */
  gint64          started;    /* monotonic time of the start */
} AcceptOp;

static void
accept_op_finish (AcceptOp   *op,
                  QnetSocket *conn,
                  GError     *error)
{
  QnetSocketCall *call = op->call;
  QnetSocket *self = call->self;
  gboolean tls = op->tls;
  gint left = op->timeout_ms;

  /* What is left of the accept's limit bounds the handshake. */
  if (op->timeout_ms > 0)
    left = (gint) CLAMP (op->timeout_ms - (g_get_monotonic_time () - op->started) / 1000,
                         1, op->timeout_ms);

  _qnet_socket_remove_close_hook (self, op);
  if (op->source != NULL)
    {
      g_source_destroy (op->source);
      g_source_unref (op->source);
    }
  if (op->deadline != NULL)
    {
      g_source_destroy (op->deadline);
      g_source_unref (op->deadline);
    }
  g_free (op);

  if (error != NULL)
    _qnet_socket_call_return_error (call, error);
  else if (tls && conn != NULL)
    _qnet_socket_tls_accepted (call, conn, left);
  else
    _qnet_socket_call_return_pointer (call, conn, conn != NULL ? g_object_unref : NULL);
}

static void
accept_op_closed (gpointer data)
{
  AcceptOp *op = data;
  QnetSocket *self = op->call->self;

  accept_op_finish (op, NULL, g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                           _("Could not accept on %s: %s"),
                                           qnet_emitter_get_label (QNET_EMITTER (self)),
                                           _("The socket was closed")));
}

/* TRUE when @op finished. */
static gboolean
accept_op_try (AcceptOp *op)
{
  QnetSocket *self = op->call->self;
  GError *error = NULL;
  gboolean transient;
  QnetSocket *conn;

  if (g_cancellable_set_error_if_cancelled (op->call->cancellable, &error))
    {
      GError *wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ACTION_ACCEPT, error);

      g_error_free (error);
      accept_op_finish (op, NULL, wrapped);
      return TRUE;
    }

  conn = accept_one (self, &transient, &error);
  if (conn != NULL)
    {
      accept_op_finish (op, conn, NULL);
      return TRUE;
    }

  if (transient || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (error);
      return FALSE;
    }

  {
    GError *wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ACTION_ACCEPT, error);

    g_error_free (error);
    accept_op_finish (op, NULL, wrapped);
  }
  return TRUE;
}

static gboolean
accept_op_ready (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      data)
{
  accept_op_try (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
accept_op_timeout (gpointer data)
{
  AcceptOp *op = data;

  g_clear_pointer (&op->deadline, g_source_unref);
  /* A timeout is no error: accept returns NULL, as Qore's. */
  accept_op_finish (op, NULL, NULL);
  return G_SOURCE_REMOVE;
}

void
_qnet_socket_accept_start (QnetSocket     *self,
                           QnetSocketCall *call,
                           gint            timeout_ms,
                           gboolean        tls)
{
  AcceptOp *op;

  if (qnet_socket_get_state (self) != QNET_SOCKET_STATE_LISTENING)
    {
      _qnet_socket_call_return_error (call, g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                                         _("Could not accept: %s"),
                                                         _("the socket is not listening")));
      return;
    }

  timeout_ms = _qnet_socket_get_effective_timeout (self, timeout_ms);

  op = g_new0 (AcceptOp, 1);
  op->call = call;
  op->tls = tls;
  op->timeout_ms = timeout_ms;
  op->started = g_get_monotonic_time ();
  _qnet_socket_add_close_hook (self, accept_op_closed, op);

  if (accept_op_try (op))
    return;

  if (timeout_ms == 0)
    {
      accept_op_finish (op, NULL, NULL);
      return;
    }

  op->source = g_socket_create_source (_qnet_socket_get_gsocket (self), G_IO_IN, call->cancellable);
  g_source_set_callback (op->source, G_SOURCE_FUNC (accept_op_ready), op, NULL);
  g_source_set_static_name (op->source, "[qnet] accept");
  g_source_attach (op->source, g_main_context_get_thread_default ());

  if (timeout_ms > 0)
    {
      op->deadline = g_timeout_source_new (timeout_ms);
      g_source_set_callback (op->deadline, accept_op_timeout, op, NULL);
      g_source_set_static_name (op->deadline, "[qnet] accept timeout");
      g_source_attach (op->deadline, g_main_context_get_thread_default ());
    }
}

/**
 * qnet_socket_accept:
 * @self: a listening #QnetSocket
 * @timeout_ms: how long to wait for a connection in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Accepts a connection (Qore's `Socket::accept()`), raising
 * `incoming-connection`. The new socket is connected and inherits the
 * charset, timeouts, no-delay and watermarks of @self; it is a new
 * emitter with its own id.
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL when none
 *   came within @timeout_ms (no error) or on error
 *
 * Since: 1.0
 */
QnetSocket *
qnet_socket_accept (QnetSocket    *self,
                    gint           timeout_ms,
                    GCancellable  *cancellable,
                    GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  call = _qnet_socket_call_new_sync (self, "accept", cancellable);
  _qnet_socket_accept_start (self, call, timeout_ms, FALSE);
  return _qnet_socket_call_wait_pointer (call, error);
}

/**
 * qnet_socket_accept_async:
 * @self: a listening #QnetSocket
 * @timeout_ms: how long to wait, as for [method@Qnet.Socket.accept]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the connection
 * @user_data: data for @callback
 *
 * Starts accepting one connection; see [method@Qnet.Socket.accept].
 *
 * Since: 1.0
 */
void
qnet_socket_accept_async (QnetSocket          *self,
                          gint                 timeout_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "accept", cancellable, callback, user_data,
                                      qnet_socket_accept_async);
  _qnet_socket_accept_start (self, call, timeout_ms, FALSE);
}

/**
 * qnet_socket_accept_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.accept_async].
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL on timeout
 *   or error
 *
 * Since: 1.0
 */
QnetSocket *
qnet_socket_accept_finish (QnetSocket    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_socket_accept_async, error);
}

static gboolean
accepting_ready (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      data)
{
  g_autoptr(QnetSocket) self = g_object_ref (data);

  for (guint i = 0; i < QNET_SOCKET_ACCEPT_BATCH && _qnet_socket_is_accepting (self); i++)
    {
      GError *error = NULL;
      gboolean transient;
      QnetSocket *conn = accept_one (self, &transient, &error);

      if (conn != NULL)
        {
          g_object_unref (conn);
          continue;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_error_free (error);
          break;
        }
      if (transient)
        {
          g_error_free (error);
          continue;
        }

      {
        /* Out of descriptors or worse: retrying at once would spin. */
        g_autoptr(GError) wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ACTION_ACCEPT, error);

        g_error_free (error);
        _qnet_socket_accepting_stopped (self);
        _qnet_emitter_operation_failed (QNET_EMITTER (self), "start_accepting", wrapped);
      }
      break;
    }

  return G_SOURCE_CONTINUE;
}

/**
 * qnet_socket_start_accepting:
 * @self: a listening #QnetSocket
 * @error: return location for a #GError
 *
 * Accepts connections from the thread-default main context of this call
 * as they come, raising [signal@Qnet.Socket::incoming-connection] for each
 * (keep a reference on the connection to use it). If accepting fails
 * (for example out of descriptors), it stops and `operation-failed` is
 * raised. While accepting, the socket keeps a reference on itself.
 *
 * Returns: %TRUE when accepting
 *
 * Since: 1.0
 */
gboolean
qnet_socket_start_accepting (QnetSocket  *self,
                             GError     **error)
{
  GSource *source;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);

  if (_qnet_socket_is_accepting (self))
    return TRUE;

  if (qnet_socket_get_state (self) != QNET_SOCKET_STATE_LISTENING)
    {
      GError *local_error = g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                         _("Could not accept: %s"),
                                         _("the socket is not listening"));

      _qnet_emitter_operation_failed (QNET_EMITTER (self), "start_accepting", local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  source = g_socket_create_source (_qnet_socket_get_gsocket (self), G_IO_IN, NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (accepting_ready), self, NULL);
  g_source_set_static_name (source, "[qnet] accepting");
  g_source_attach (source, g_main_context_get_thread_default ());
  _qnet_socket_set_accept_source (self, source);
  return TRUE;
}

/**
 * qnet_socket_stop_accepting:
 * @self: a #QnetSocket
 *
 * Stops accepting connections from the main loop. Connections that arrive
 * wait for [method@Qnet.Socket.accept] or the next
 * [method@Qnet.Socket.start_accepting].
 *
 * Since: 1.0
 */
void
qnet_socket_stop_accepting (QnetSocket *self)
{
  g_return_if_fail (QNET_IS_SOCKET (self));

  _qnet_socket_accepting_stopped (self);
}

/**
 * qnet_socket_is_accepting:
 * @self: a #QnetSocket
 *
 * Tells whether [method@Qnet.Socket.start_accepting] is on.
 *
 * Returns: whether connections are accepted from the main loop
 *
 * Since: 1.0
 */
gboolean
qnet_socket_is_accepting (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);

  return _qnet_socket_is_accepting (self);
}
