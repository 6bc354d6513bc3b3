/* qnet-socket.c: TCP and UNIX sockets with every socket event
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * This file holds the object, its properties and signals, the call
 * machinery shared by the blocking and asynchronous forms, connecting,
 * closing and the queries. Reading and writing are in qnet-socket-io.c,
 * binding and accepting in qnet-socket-server.c, the integer helpers in
 * qnet-socket-int.c.
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "qnet-enum-types.h"
#include "qnet-error.h"
#include "qnet-marshal.h"
#include "qnet-socket-private.h"
#include "io/qnet-address.h"
#include "io/qnet-connector.h"
#include "io/qnet-sync.h"

/**
 * QnetSocket:
 *
 * A TCP or UNIX stream socket, client or server, whose every step is an
 * event: Qore's `Socket` class with the asynchronous style of KVIrc's
 * socket class, Pony's `TCPConnectionNotify` and the Momentum event API.
 *
 * ```c
 * g_autoptr(QnetSocket) sock = qnet_socket_new ();
 * g_autoptr(GBytes) reply = NULL;
 *
 * g_signal_connect (sock, "connecting", G_CALLBACK (on_connecting), NULL);
 * g_signal_connect (sock, "packet-read", G_CALLBACK (on_packet_read), NULL);
 *
 * if (!qnet_socket_connect_to (sock, "localhost:8080", 5000, NULL, &error))
 *   return FALSE;
 * qnet_socket_send (sock, "GET / HTTP/1.0\r\n\r\n", NULL, &error);
 * reply = qnet_socket_recv_bytes (sock, -1, 5000, NULL, &error);
 * ```
 *
 * ## Addresses
 *
 * Destinations follow Qore's syntax: `"host:port"` (a name or a numeric
 * IPv4 address, any family), `"[v6addr]:port"`, `"[name]:port"` (resolved as
 * IPv6 only), and a string without a colon is a UNIX socket path. For
 * [method@Qnet.Socket.bind], `":port"` and `"port"` mean every interface. The
 * port may also be a service name (`"http"`).
 *
 * Host names are resolved with [class@Gio.Resolver]: `hostname-lookup` is
 * raised before, one `hostname-resolved` per address returned, then one
 * `connecting` per address tried until one connects (`connected`), or
 * `connect-failed` when all failed, timed out or were cancelled. Numeric
 * addresses and UNIX paths raise no lookup events.
 *
 * ## Blocking and asynchronous forms
 *
 * Every operation that can wait for the network has a blocking form and an
 * `_async`/`_finish` pair. Both run the same state machine (the blocking form
 * on a private main context), so they raise identical events. The
 * asynchronous form emits its events on the thread-default main context
 * of the call; some may be raised before the `_async` function returns.
 *
 * Timeouts are in milliseconds: the [property@Qnet.Socket:timeout] (I/O
 * inactivity) and [property@Qnet.Socket:connect-timeout] properties use -1 for
 * no limit (the default); a `timeout_ms` argument takes -1 for the
 * property, 0 for "do not wait" and a positive limit. A timeout is
 * %G_IO_ERROR_TIMED_OUT, a cancellation %G_IO_ERROR_CANCELLED; on either,
 * nothing that was read is lost (it is kept for the next receive).
 *
 * ## Receiving
 *
 * As in Qore, [method@Qnet.Socket.recv_bytes] with a positive size returns
 * that many bytes, or fewer when the peer closed the connection after
 * sending at least one; when the peer closed before sending anything the
 * call fails with %QNET_SOCKET_ERROR_CLOSED. A size of -1 reads until the
 * peer closes, 0 returns what is buffered or what the next arrival brings.
 * The fixed-size integer readers and [method@Qnet.Socket.recv_until] fail
 * with %QNET_SOCKET_ERROR_CLOSED when the peer closes before the value is
 * complete. Seeing the peer's end of stream closes the socket
 * (`channel-closed`), as does an error of the connection (for example a
 * reset); every failure raises `operation-failed`, and its message names
 * the target (`"Could not connect to 127.0.0.1:9: Connection refused"`).
 *
 * In push mode ([method@Qnet.Socket.start_receiving]) data is read from the
 * main loop as it arrives and delivered by [signal@Qnet.Socket::received], in
 * records of [property@Qnet.Socket:expect] bytes when that is not 0.
 *
 * ## Sending
 *
 * A send completes when the whole buffer was written; each partial write
 * raises `packet-sent`. [method@Qnet.Socket.queue_bytes] returns at once and
 * writes from the main loop; `throttled` and `unthrottled` report the queue
 * crossing [property@Qnet.Socket:write-high-watermark] and
 * [property@Qnet.Socket:write-low-watermark].
 *
 * ## Lifetime
 *
 * While receiving in push mode or accepting, a socket keeps a reference on
 * itself; it is released when that stops (stop, close, or the peer
 * closing). Disposing an open socket closes it (`channel-closed`, then
 * `deleted`). A UNIX socket file created by bind is removed on close.
 *
 * Since: 1.0
 */

#define QNET_SOCKET_DEFAULT_HIGH_WATERMARK (1024 * 1024)
#define QNET_SOCKET_DEFAULT_LOW_WATERMARK (256 * 1024)

typedef struct _ConnectOp ConnectOp;

typedef struct {
  QnetSocketCloseHook hook;
  gpointer            data;
} CloseHook;

typedef struct
{
  QnetSocketState    state;
  gint               timeout_ms;
  gint               connect_timeout_ms;
  char              *charset;            /* (owned) */
  gboolean           no_delay;
  guint64            high_watermark;
  guint64            low_watermark;
  guint64            expect;
  gboolean           secure;

  GSocket           *socket;             /* (owned) (nullable): bound, listening or connected */
  GSocketConnection *connection;         /* (owned) (nullable) */
  GIOStream         *stream;             /* (owned) (nullable): what reads and writes use */
  QnetStreamIO      *io;                 /* (owned) (nullable) */
  GSocketAddress    *local_address;      /* (owned) (nullable) */
  GSocketAddress    *remote_address;     /* (owned) (nullable) */
  gint               fd;
  char              *peer_host;          /* (owned) (nullable): the name connected to */
  char              *local_host;         /* (owned) (nullable): the name bound to */
  char              *unix_path;          /* (owned) (nullable): socket file to remove on close */
  dev_t              unix_dev;
  ino_t              unix_ino;

  ConnectOp         *connect_op;         /* (nullable) (not owned) */
  gboolean           closing;
  gboolean           receiving;          /* holds a reference on self */
  gboolean           accepting;          /* holds a reference on self */
  GSource           *accept_source;      /* (owned) (nullable) */
  GList             *close_hooks;        /* (element-type CloseHook) (owned) */
} QnetSocketPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (QnetSocket, qnet_socket, QNET_TYPE_EMITTER)

enum {
  PROP_0,
  PROP_STATE,
  PROP_TIMEOUT,
  PROP_CONNECT_TIMEOUT,
  PROP_CHARSET,
  PROP_NO_DELAY,
  PROP_FD,
  PROP_LOCAL_ADDRESS,
  PROP_REMOTE_ADDRESS,
  PROP_IS_SECURE,
  PROP_WRITE_HIGH_WATERMARK,
  PROP_WRITE_LOW_WATERMARK,
  PROP_EXPECT,
  N_PROPS
};

enum {
  SIGNAL_RECEIVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static inline QnetSocketPrivate *
get_priv (QnetSocket *self)
{
  return qnet_socket_get_instance_private (self);
}

/* ---- Calls: one state machine, two forms ----------------------------------- */

static void
call_free (QnetSocketCall *call)
{
  g_clear_object (&call->self);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->task);
  g_clear_error (&call->error);
  if (call->ptr != NULL && call->ptr_free != NULL)
    call->ptr_free (call->ptr);
  g_free (call);
}

QnetSocketCall *
_qnet_socket_call_new_sync (gpointer      self,
                            const char   *operation,
                            GCancellable *cancellable)
{
  QnetSocketCall *call = g_new0 (QnetSocketCall, 1);

  call->self = g_object_ref (self);
  call->operation = operation;
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->sync_context = qnet_sync_context_push ();
  return call;
}

QnetSocketCall *
_qnet_socket_call_new_async (gpointer             self,
                             const char          *operation,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data,
                             gpointer             source_tag)
{
  QnetSocketCall *call = g_new0 (QnetSocketCall, 1);

  call->self = g_object_ref (self);
  call->operation = operation;
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);
  g_task_set_name (call->task, operation);
  /* The result is what the machine returned, as in the blocking form. */
  g_task_set_check_cancellable (call->task, FALSE);
  return call;
}

void
_qnet_socket_call_return_pointer (QnetSocketCall *call,
                                  gpointer        ptr,
                                  GDestroyNotify  ptr_free)
{
  g_assert (!call->done);

  if (call->task != NULL)
    {
      g_task_return_pointer (call->task, ptr, ptr_free);
      call_free (call);
      return;
    }

  call->ptr = ptr;
  call->ptr_free = ptr_free;
  call->done = TRUE;
}

void
_qnet_socket_call_return_int (QnetSocketCall *call,
                              gint64          value)
{
  g_assert (!call->done);

  if (call->task != NULL)
    {
      g_task_return_pointer (call->task, g_memdup2 (&value, sizeof value), g_free);
      call_free (call);
      return;
    }

  call->value = value;
  call->done = TRUE;
}

void
_qnet_socket_call_return_error (QnetSocketCall *call,
                                GError         *error)
{
  g_assert (!call->done);

  _qnet_emitter_operation_failed (QNET_EMITTER (call->self), call->operation, error);

  if (call->task != NULL)
    {
      g_task_return_error (call->task, error);
      call_free (call);
      return;
    }

  call->error = error;
  call->done = TRUE;
}

gpointer
_qnet_socket_call_wait_pointer (QnetSocketCall  *call,
                                GError         **error)
{
  gpointer ptr;

  g_assert (call->sync_context != NULL);

  qnet_sync_context_run (call->sync_context, &call->done);
  qnet_sync_context_pop (call->sync_context);

  if (call->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&call->error));
      call_free (call);
      return NULL;
    }

  ptr = g_steal_pointer (&call->ptr);
  call_free (call);
  return ptr;
}

gint64
_qnet_socket_call_wait_int (QnetSocketCall  *call,
                            GError         **error)
{
  gint64 value;

  g_assert (call->sync_context != NULL);

  qnet_sync_context_run (call->sync_context, &call->done);
  qnet_sync_context_pop (call->sync_context);

  if (call->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&call->error));
      call_free (call);
      return 0;
    }

  value = call->value;
  call_free (call);
  return value;
}

gpointer
_qnet_socket_call_finish_pointer (gpointer       self,
                                  GAsyncResult  *result,
                                  gpointer       source_tag,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
_qnet_socket_call_finish_int (gpointer       self,
                              GAsyncResult  *result,
                              gpointer       source_tag,
                              GError       **error)
{
  g_autofree gint64 *value = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, 0);

  value = g_task_propagate_pointer (G_TASK (result), error);
  return value != NULL ? *value : 0;
}

/* ---- Errors ------------------------------------------------------------------ */

GError *
_qnet_socket_wrap_error (QnetSocket      *self,
                         QnetSocketError  code,
                         const char      *format,
                         const GError    *inner)
{
  const char *label = qnet_emitter_get_label (QNET_EMITTER (self));
  GQuark domain = QNET_SOCKET_ERROR;
  gint new_code = code;

  if (label == NULL)
    label = "";

  if (inner->domain == G_IO_ERROR &&
      (inner->code == G_IO_ERROR_CANCELLED || inner->code == G_IO_ERROR_TIMED_OUT))
    {
      domain = G_IO_ERROR;
      new_code = inner->code;
    }
  else if (inner->domain == QNET_SOCKET_ERROR)
    {
      new_code = inner->code;
    }

  return g_error_new (domain, new_code, format, label, inner->message);
}

GError *
_qnet_socket_not_open_error (QnetSocket *self)
{
  return g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                              _("The socket is not open"));
}

/* ---- State ------------------------------------------------------------------- */

void
_qnet_socket_set_state (QnetSocket      *self,
                        QnetSocketState  state)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (priv->state == state)
    return;
  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

GSocket *
_qnet_socket_get_gsocket (QnetSocket *self)
{
  return get_priv (self)->socket;
}

QnetStreamIO *
_qnet_socket_get_io (QnetSocket *self)
{
  return get_priv (self)->io;
}

GIOStream *
_qnet_socket_get_stream (QnetSocket *self)
{
  return get_priv (self)->stream;
}

GSocketConnection *
_qnet_socket_get_connection (QnetSocket *self)
{
  return get_priv (self)->connection;
}

gint
_qnet_socket_get_effective_timeout (QnetSocket *self,
                                    gint        timeout_ms)
{
  return timeout_ms < 0 ? get_priv (self)->timeout_ms : timeout_ms;
}

void
_qnet_socket_inherit_settings (QnetSocket *self,
                               QnetSocket *connection)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetSocketPrivate *cpriv = get_priv (connection);

  cpriv->timeout_ms = priv->timeout_ms;
  cpriv->connect_timeout_ms = priv->connect_timeout_ms;
  g_free (cpriv->charset);
  cpriv->charset = g_strdup (priv->charset);
  cpriv->no_delay = priv->no_delay;
  cpriv->high_watermark = priv->high_watermark;
  cpriv->low_watermark = priv->low_watermark;
  cpriv->expect = priv->expect;
}

static void
apply_no_delay (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);
  GSocketFamily family;

  if (priv->socket == NULL || priv->connection == NULL)
    return;
  family = g_socket_get_family (priv->socket);
  if (family != G_SOCKET_FAMILY_IPV4 && family != G_SOCKET_FAMILY_IPV6)
    return;
  /* Best effort: the option only tunes latency. */
  g_socket_set_option (priv->socket, IPPROTO_TCP, TCP_NODELAY, priv->no_delay, NULL);
}

/* Facts from the stream I/O layer, made into events. */

static void
io_sent (gpointer data,
         gsize    n,
         gsize    total_sent,
         gsize    total_to_send)
{
  QnetSocket *self = data;

  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_PACKET_SENT,
                      get_priv (self)->fd, (gint64) n, (gint64) total_sent, (gint64) total_to_send);
}

static void
io_throttled (gpointer data,
              gsize    queued)
{
  _qnet_emitter_emit (QNET_EMITTER (data), QNET_EVENT_THROTTLED, (gint64) queued);
}

static void
io_unthrottled (gpointer data,
                gsize    queued)
{
  _qnet_emitter_emit (QNET_EMITTER (data), QNET_EVENT_UNTHROTTLED, (gint64) queued);
}

static void
io_write_failed (gpointer      data,
                 const GError *error)
{
  QnetSocket *self = g_object_ref (data);
  g_autoptr(GError) wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ERROR_SEND,
                                                       _("Could not send to %s: %s"), error);

  _qnet_socket_close_internal (self);
  _qnet_emitter_operation_failed (QNET_EMITTER (self), "queue_bytes", wrapped);
  g_object_unref (self);
}

static const QnetStreamIOCallbacks io_callbacks = {
  io_sent,
  io_throttled,
  io_unthrottled,
  io_write_failed,
};

void
_qnet_socket_attach_connection (QnetSocket        *self,
                                GSocketConnection *connection)
{
  QnetSocketPrivate *priv = get_priv (self);

  g_assert (priv->socket == NULL);

  priv->connection = g_object_ref (connection);
  priv->socket = g_object_ref (g_socket_connection_get_socket (connection));
  priv->stream = g_object_ref (G_IO_STREAM (connection));
  priv->io = qnet_stream_io_new (priv->stream, &io_callbacks, self);
  qnet_stream_io_set_watermarks (priv->io, priv->high_watermark, priv->low_watermark);
  g_socket_set_blocking (priv->socket, FALSE);
  priv->fd = g_socket_get_fd (priv->socket);
  priv->local_address = g_socket_get_local_address (priv->socket, NULL);
  priv->remote_address = g_socket_get_remote_address (priv->socket, NULL);
  priv->secure = FALSE;
  apply_no_delay (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_ADDRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ADDRESS]);
  _qnet_socket_set_state (self, QNET_SOCKET_STATE_CONNECTED);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_qnet_socket_attach_bound (QnetSocket *self,
                           GSocket    *socket,
                           const char *unix_path,
                           const char *host)
{
  QnetSocketPrivate *priv = get_priv (self);

  g_assert (priv->socket == NULL);

  priv->socket = g_object_ref (socket);
  priv->fd = g_socket_get_fd (socket);
  priv->local_address = g_socket_get_local_address (socket, NULL);
  g_free (priv->local_host);
  priv->local_host = g_strdup (host);

  if (unix_path != NULL)
    {
      struct stat st;

      if (stat (unix_path, &st) == 0)
        {
          priv->unix_path = g_strdup (unix_path);
          priv->unix_dev = st.st_dev;
          priv->unix_ino = st.st_ino;
        }
    }

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_ADDRESS]);
  _qnet_socket_set_state (self, QNET_SOCKET_STATE_BOUND);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_qnet_socket_replace_stream (QnetSocket *self,
                             GIOStream  *stream,
                             gboolean    secure)
{
  QnetSocketPrivate *priv = get_priv (self);

  g_return_if_fail (priv->io != NULL);

  g_set_object (&priv->stream, stream);
  qnet_stream_io_set_stream (priv->io, stream);
  if (priv->secure != secure)
    {
      priv->secure = secure;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SECURE]);
    }
}

GBytes *
_qnet_socket_steal_read_buffer (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  return priv->io != NULL ? qnet_stream_io_steal_buffered (priv->io) : NULL;
}

/* ---- Closing ----------------------------------------------------------------- */

static void
remove_unix_file (QnetSocketPrivate *priv)
{
  struct stat st;

  if (priv->unix_path == NULL)
    return;

  /* Only the file bind created: not one that replaced it meanwhile. */
  if (lstat (priv->unix_path, &st) == 0 && S_ISSOCK (st.st_mode) &&
      st.st_dev == priv->unix_dev && st.st_ino == priv->unix_ino)
    unlink (priv->unix_path);

  g_clear_pointer (&priv->unix_path, g_free);
}

static void connect_op_cancel (ConnectOp *op);

void
_qnet_socket_add_close_hook (QnetSocket          *self,
                             QnetSocketCloseHook  hook,
                             gpointer             data)
{
  QnetSocketPrivate *priv = get_priv (self);
  CloseHook *entry = g_new0 (CloseHook, 1);

  entry->hook = hook;
  entry->data = data;
  priv->close_hooks = g_list_append (priv->close_hooks, entry);
}

void
_qnet_socket_remove_close_hook (QnetSocket *self,
                                gpointer    data)
{
  QnetSocketPrivate *priv = get_priv (self);

  for (GList *l = priv->close_hooks; l != NULL; l = l->next)
    {
      CloseHook *entry = l->data;

      if (entry->data == data)
        {
          priv->close_hooks = g_list_delete_link (priv->close_hooks, l);
          g_free (entry);
          return;
        }
    }
}

static void
run_close_hooks (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  /* A hook removes itself (and may add none: the socket is closing). */
  while (priv->close_hooks != NULL)
    {
      CloseHook *entry = priv->close_hooks->data;
      QnetSocketCloseHook hook = entry->hook;
      gpointer data = entry->data;

      priv->close_hooks = g_list_delete_link (priv->close_hooks, priv->close_hooks);
      g_free (entry);
      hook (data);
    }
}

void
_qnet_socket_close_internal (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);
  gboolean was_receiving;
  gboolean was_accepting;

  if (priv->closing)
    return;

  if (priv->connect_op != NULL)
    connect_op_cancel (priv->connect_op);

  if (priv->socket == NULL)
    return;

  priv->closing = TRUE;
  g_object_ref (self);

  _qnet_socket_set_state (self, QNET_SOCKET_STATE_CLOSING);

  was_receiving = priv->receiving;
  was_accepting = priv->accepting;
  if (priv->io != NULL)
    qnet_stream_io_stop_receiving (priv->io);
  if (priv->accept_source != NULL)
    {
      g_source_destroy (priv->accept_source);
      g_clear_pointer (&priv->accept_source, g_source_unref);
    }

  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_CHANNEL_CLOSED);

  /* Pending operations fail now (their calls raise operation-failed). */
  if (priv->io != NULL)
    qnet_stream_io_close (priv->io);
  run_close_hooks (self);

  if (priv->stream != NULL)
    g_io_stream_close (priv->stream, NULL, NULL);
  g_socket_close (priv->socket, NULL);
  remove_unix_file (priv);

  g_clear_pointer (&priv->io, qnet_stream_io_unref);
  g_clear_object (&priv->stream);
  g_clear_object (&priv->connection);
  g_clear_object (&priv->socket);
  g_clear_object (&priv->local_address);
  g_clear_object (&priv->remote_address);
  priv->fd = -1;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_ADDRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ADDRESS]);
  if (priv->secure)
    {
      priv->secure = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SECURE]);
    }
  priv->closing = FALSE;
  _qnet_socket_set_state (self, QNET_SOCKET_STATE_UNCONNECTED);
  g_object_thaw_notify (G_OBJECT (self));

  if (was_accepting)
    _qnet_socket_accepting_stopped (self);
  if (was_receiving)
    _qnet_socket_receiving_ended (self);

  g_object_unref (self);
}

void
_qnet_socket_close_if_broken (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (priv->io != NULL &&
      (qnet_stream_io_is_eof (priv->io) || qnet_stream_io_is_broken (priv->io)))
    _qnet_socket_close_internal (self);
}

void
_qnet_socket_emit_received (QnetSocket *self,
                            GBytes     *data)
{
  g_signal_emit (self, signals[SIGNAL_RECEIVED], 0, data);
}

void
_qnet_socket_receiving_ended (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (!priv->receiving)
    return;
  priv->receiving = FALSE;
  g_object_unref (self);
}

gboolean
_qnet_socket_mark_receiving (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (priv->receiving)
    return FALSE;
  priv->receiving = TRUE;
  g_object_ref (self);
  return TRUE;
}

void
_qnet_socket_set_accept_source (QnetSocket *self,
                                GSource    *source)
{
  QnetSocketPrivate *priv = get_priv (self);

  g_assert (!priv->accepting && priv->accept_source == NULL);
  priv->accept_source = source;
  priv->accepting = TRUE;
  g_object_ref (self);
}

gboolean
_qnet_socket_is_accepting (QnetSocket *self)
{
  return get_priv (self)->accepting;
}

void
_qnet_socket_accepting_stopped (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (priv->accept_source != NULL)
    {
      g_source_destroy (priv->accept_source);
      g_clear_pointer (&priv->accept_source, g_source_unref);
    }
  if (!priv->accepting)
    return;
  priv->accepting = FALSE;
  g_object_unref (self);
}

/* ---- Object ------------------------------------------------------------------ */

static void
qnet_socket_dispose (GObject *object)
{
  QnetSocket *self = QNET_SOCKET (object);

  _qnet_socket_close_internal (self);

  G_OBJECT_CLASS (qnet_socket_parent_class)->dispose (object);
}

static void
qnet_socket_finalize (GObject *object)
{
  QnetSocket *self = QNET_SOCKET (object);
  QnetSocketPrivate *priv = get_priv (self);

  g_free (priv->charset);
  g_free (priv->peer_host);
  g_free (priv->local_host);
  g_free (priv->unix_path);

  G_OBJECT_CLASS (qnet_socket_parent_class)->finalize (object);
}

static void
qnet_socket_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  QnetSocket *self = QNET_SOCKET (object);
  QnetSocketPrivate *priv = get_priv (self);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, priv->state);
      break;
    case PROP_TIMEOUT:
      g_value_set_int (value, priv->timeout_ms);
      break;
    case PROP_CONNECT_TIMEOUT:
      g_value_set_int (value, priv->connect_timeout_ms);
      break;
    case PROP_CHARSET:
      g_value_set_string (value, priv->charset);
      break;
    case PROP_NO_DELAY:
      g_value_set_boolean (value, priv->no_delay);
      break;
    case PROP_FD:
      g_value_set_int (value, priv->fd);
      break;
    case PROP_LOCAL_ADDRESS:
      g_value_set_object (value, priv->local_address);
      break;
    case PROP_REMOTE_ADDRESS:
      g_value_set_object (value, priv->remote_address);
      break;
    case PROP_IS_SECURE:
      g_value_set_boolean (value, priv->secure);
      break;
    case PROP_WRITE_HIGH_WATERMARK:
      g_value_set_uint64 (value, priv->high_watermark);
      break;
    case PROP_WRITE_LOW_WATERMARK:
      g_value_set_uint64 (value, priv->low_watermark);
      break;
    case PROP_EXPECT:
      g_value_set_uint64 (value, priv->expect);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_socket_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  QnetSocket *self = QNET_SOCKET (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      qnet_socket_set_timeout (self, g_value_get_int (value));
      break;
    case PROP_CONNECT_TIMEOUT:
      qnet_socket_set_connect_timeout (self, g_value_get_int (value));
      break;
    case PROP_CHARSET:
      qnet_socket_set_charset (self, g_value_get_string (value));
      break;
    case PROP_NO_DELAY:
      qnet_socket_set_no_delay (self, g_value_get_boolean (value));
      break;
    case PROP_WRITE_HIGH_WATERMARK:
      qnet_socket_set_write_high_watermark (self, g_value_get_uint64 (value));
      break;
    case PROP_WRITE_LOW_WATERMARK:
      qnet_socket_set_write_low_watermark (self, g_value_get_uint64 (value));
      break;
    case PROP_EXPECT:
      qnet_socket_set_expect (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_socket_class_init (QnetSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qnet_socket_dispose;
  object_class->finalize = qnet_socket_finalize;
  object_class->get_property = qnet_socket_get_property;
  object_class->set_property = qnet_socket_set_property;

  /**
   * QnetSocket:state: (getter get_state)
   *
   * What the socket is doing: unconnected, looking a host name up,
   * connecting, connected, bound, listening, or closing.
   *
   * Since: 1.0
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       QNET_TYPE_SOCKET_STATE, QNET_SOCKET_STATE_UNCONNECTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:timeout: (getter get_timeout) (setter set_timeout)
   *
   * The I/O inactivity timeout in milliseconds used by sends, and by
   * receives and accepts given a `timeout_ms` of -1: the longest wait
   * without progress. -1 (the default) means no timeout.
   *
   * Since: 1.0
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_int ("timeout", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:connect-timeout: (getter get_connect_timeout) (setter set_connect_timeout)
   *
   * The limit in milliseconds for a whole connect (resolution and every
   * attempt) given a `timeout_ms` of -1. -1 (the default) means none.
   *
   * Since: 1.0
   */
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_int ("connect-timeout", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:charset: (getter get_charset) (setter set_charset)
   *
   * The character set of the peer's text: [method@Qnet.Socket.send] converts
   * UTF-8 to it, [method@Qnet.Socket.recv] converts from it to UTF-8.
   *
   * Since: 1.0
   */
  properties[PROP_CHARSET] =
    g_param_spec_string ("charset", NULL, NULL, "UTF-8",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:no-delay: (getter get_no_delay) (setter set_no_delay)
   *
   * Whether `TCP_NODELAY` is set on TCP connections (Nagle's algorithm
   * off).
   *
   * Since: 1.0
   */
  properties[PROP_NO_DELAY] =
    g_param_spec_boolean ("no-delay", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:fd: (getter get_fd)
   *
   * The socket's file descriptor, or -1 when it is not open.
   *
   * Since: 1.0
   */
  properties[PROP_FD] =
    g_param_spec_int ("fd", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:local-address: (getter get_local_address)
   *
   * The local address of a bound or connected socket.
   *
   * Since: 1.0
   */
  properties[PROP_LOCAL_ADDRESS] =
    g_param_spec_object ("local-address", NULL, NULL, G_TYPE_SOCKET_ADDRESS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:remote-address: (getter get_remote_address)
   *
   * The peer's address of a connected socket.
   *
   * Since: 1.0
   */
  properties[PROP_REMOTE_ADDRESS] =
    g_param_spec_object ("remote-address", NULL, NULL, G_TYPE_SOCKET_ADDRESS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:is-secure: (getter get_is_secure)
   *
   * Whether the connection runs TLS.
   *
   * Since: 1.0
   */
  properties[PROP_IS_SECURE] =
    g_param_spec_boolean ("is-secure", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:write-high-watermark: (getter get_write_high_watermark) (setter set_write_high_watermark)
   *
   * When the bytes waiting to be written rise above this,
   * [signal@Qnet.Socket::throttled] is raised. Default 1 MiB.
   *
   * Since: 1.0
   */
  properties[PROP_WRITE_HIGH_WATERMARK] =
    g_param_spec_uint64 ("write-high-watermark", NULL, NULL, 0, G_MAXUINT64,
                         QNET_SOCKET_DEFAULT_HIGH_WATERMARK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:write-low-watermark: (getter get_write_low_watermark) (setter set_write_low_watermark)
   *
   * After [signal@Qnet.Socket::throttled], when the bytes waiting to be
   * written fall to this or below, [signal@Qnet.Socket::unthrottled] is
   * raised. Default 256 KiB.
   *
   * Since: 1.0
   */
  properties[PROP_WRITE_LOW_WATERMARK] =
    g_param_spec_uint64 ("write-low-watermark", NULL, NULL, 0, G_MAXUINT64,
                         QNET_SOCKET_DEFAULT_LOW_WATERMARK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:expect: (getter get_expect) (setter set_expect)
   *
   * In push mode, the size of each [signal@Qnet.Socket::received] record; 0
   * (the default) delivers whatever arrived.
   *
   * Since: 1.0
   */
  properties[PROP_EXPECT] =
    g_param_spec_uint64 ("expect", NULL, NULL, 0, G_MAXUINT32, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QnetSocket::received:
   * @self: the socket
   * @data: the bytes
   *
   * In push mode ([method@Qnet.Socket.start_receiving]), delivers data read
   * from the main loop: records of [property@Qnet.Socket:expect] bytes, or
   * whatever arrived when that is 0. This is not an event (it carries data;
   * [signal@Qnet.Socket::packet-read] reports it).
   *
   * Since: 1.0
   */
  signals[SIGNAL_RECEIVED] =
    g_signal_new ("received",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (QnetSocketClass, received),
                  NULL, NULL,
                  _qnet_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1, G_TYPE_BYTES | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[SIGNAL_RECEIVED], G_TYPE_FROM_CLASS (klass),
                              _qnet_marshal_VOID__BOXEDv);

  /**
   * QnetSocket::packet-read:
   * @self: the socket
   * @read: bytes this network read returned
   * @total_read: bytes the current receive has so far
   * @total_to_read: bytes it asked for, or -1 when not known
   *
   * Raised after every read from the network that returned data (Qore's
   * `EVENT_PACKET_READ`). Data served from the read-ahead buffer raises
   * none.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_PACKET_READ, G_TYPE_NONE);

  /**
   * QnetSocket::packet-sent:
   * @self: the socket
   * @socket: the file descriptor
   * @sent: bytes this network write took
   * @total_sent: bytes of the current buffer written so far
   * @total_to_send: the size of the current buffer
   *
   * Raised after every successful network write; a partial write raises
   * one and the rest is written after it (Qore's `EVENT_PACKET_SENT`).
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_PACKET_SENT, G_TYPE_NONE);

  /**
   * QnetSocket::hostname-lookup:
   * @self: the socket
   * @name: the host name
   * @service: (nullable): the port or service, as given
   *
   * Raised before a host name is resolved; never for numeric addresses
   * or UNIX paths.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HOSTNAME_LOOKUP, G_TYPE_NONE);

  /**
   * QnetSocket::hostname-resolved:
   * @self: the socket
   * @address: one address the name resolved to
   * @type: its family (`AF_INET`, `AF_INET6`)
   * @typename: `"ipv4"` or `"ipv6"`
   * @port: the port
   *
   * Raised once per address the resolver returned, before the first
   * connection attempt.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HOSTNAME_RESOLVED, G_TYPE_NONE);

  /**
   * QnetSocket::http-send-message:
   * @self: the socket
   * @message: the request or status line, without CRLF
   * @headers: the headers as sent (`a{sv}`)
   *
   * Raised before an HTTP message is written.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_SEND_MESSAGE, G_TYPE_NONE);

  /**
   * QnetSocket::http-message-received:
   * @self: the socket
   * @headers: the parsed header block (`a{sv}`)
   *
   * Raised after a complete HTTP header block was read, before the body.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_MESSAGE_RECEIVED, G_TYPE_NONE);

  /**
   * QnetSocket::connecting:
   * @self: the socket
   * @type: the address family (`AF_INET`, `AF_INET6`, `AF_UNIX`)
   * @typename: `"ipv4"`, `"ipv6"` or `"unix"`
   * @target: the host name or path as given
   * @address: the numeric address (or path) tried
   * @port: the port, or -1 for a UNIX socket
   *
   * Raised before each connection attempt, once per address tried.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_CONNECTING, G_TYPE_NONE);

  /**
   * QnetSocket::connected:
   * @self: the socket
   *
   * Raised once, when a connection attempt succeeded (before any TLS
   * handshake).
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_CONNECTED, G_TYPE_NONE);

  /**
   * QnetSocket::start-ssl:
   * @self: the socket
   *
   * Raised before a TLS handshake starts.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_START_SSL, G_TYPE_NONE);

  /**
   * QnetSocket::ssl-established:
   * @self: the socket
   * @cipher: the negotiated cipher suite
   * @cipher_version: the protocol version, e.g. `"TLS1.3"`
   *
   * Raised after a successful TLS handshake.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_SSL_ESTABLISHED, G_TYPE_NONE);

  /**
   * QnetSocket::socket-data-read:
   * @self: the socket
   * @data: the bytes the receive returned
   *
   * Raised after each completed receive, and for each push-mode delivery,
   * with its bytes; only when [property@Qnet.Emitter:capture-data] is set.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_SOCKET_DATA_READ, G_TYPE_NONE);

  /**
   * QnetSocket::socket-data-sent:
   * @self: the socket
   * @data: the bytes the send wrote
   *
   * Raised after each completed send with its bytes; only when
   * [property@Qnet.Emitter:capture-data] is set.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_SOCKET_DATA_SENT, G_TYPE_NONE);

  /**
   * QnetSocket::http-headers-read:
   * @self: the socket
   * @data: the raw header block
   *
   * Raised with the raw text of each HTTP header block read; only when
   * [property@Qnet.Emitter:capture-data] is set.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_HEADERS_READ, G_TYPE_NONE);

  /**
   * QnetSocket::connect-failed:
   * @self: the socket
   * @target: the host name or path as given
   * @error: the error message
   * @error_code: the #GIOErrorEnum code of the cause
   *
   * Raised when every address failed, or the connect timed out or was
   * cancelled.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_CONNECT_FAILED, G_TYPE_NONE);

  /**
   * QnetSocket::incoming-connection:
   * @self: the listening socket
   * @connection: the accepted connection, a new socket
   *
   * Raised when a listening socket accepted a connection, by
   * [method@Qnet.Socket.accept] and, from the main loop, while
   * [method@Qnet.Socket.start_accepting] is on. The event's keys are
   * `peer_address`, `peer_port` and `connection_id`. Keep a reference on
   * @connection to use it after the handler returns.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_INCOMING_CONNECTION, G_TYPE_FROM_CLASS (klass));

  /**
   * QnetSocket::throttled:
   * @self: the socket
   * @queued: the bytes waiting to be written
   *
   * Raised when the bytes waiting to be written rise above
   * [property@Qnet.Socket:write-high-watermark].
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_THROTTLED, G_TYPE_NONE);

  /**
   * QnetSocket::unthrottled:
   * @self: the socket
   * @queued: the bytes waiting to be written
   *
   * Raised after [signal@Qnet.Socket::throttled] when the bytes waiting fall
   * to [property@Qnet.Socket:write-low-watermark] or below.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_UNTHROTTLED, G_TYPE_NONE);
}

static void
qnet_socket_init (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  priv->state = QNET_SOCKET_STATE_UNCONNECTED;
  priv->timeout_ms = -1;
  priv->connect_timeout_ms = -1;
  priv->charset = g_strdup ("UTF-8");
  priv->high_watermark = QNET_SOCKET_DEFAULT_HIGH_WATERMARK;
  priv->low_watermark = QNET_SOCKET_DEFAULT_LOW_WATERMARK;
  priv->fd = -1;
}

/**
 * qnet_socket_new:
 *
 * Creates an unconnected socket.
 *
 * Returns: (transfer full): a new #QnetSocket
 *
 * Since: 1.0
 */
QnetSocket *
qnet_socket_new (void)
{
  return g_object_new (QNET_TYPE_SOCKET, NULL);
}

/* ---- Properties -------------------------------------------------------------- */

/**
 * qnet_socket_get_state: (get-property state)
 * @self: a #QnetSocket
 *
 * Returns: what the socket is doing
 *
 * Since: 1.0
 */
QnetSocketState
qnet_socket_get_state (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), QNET_SOCKET_STATE_UNCONNECTED);
  return get_priv (self)->state;
}

/**
 * qnet_socket_get_timeout: (get-property timeout)
 * @self: a #QnetSocket
 *
 * Returns: the I/O inactivity timeout in milliseconds (-1: none)
 *
 * Since: 1.0
 */
gint
qnet_socket_get_timeout (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), -1);
  return get_priv (self)->timeout_ms;
}

/**
 * qnet_socket_set_timeout: (set-property timeout)
 * @self: a #QnetSocket
 * @timeout_ms: the I/O inactivity timeout in milliseconds, -1 for none
 *
 * Sets [property@Qnet.Socket:timeout].
 *
 * Since: 1.0
 */
void
qnet_socket_set_timeout (QnetSocket *self,
                         gint        timeout_ms)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  timeout_ms = MAX (timeout_ms, -1);
  if (priv->timeout_ms == timeout_ms)
    return;
  priv->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * qnet_socket_get_connect_timeout: (get-property connect-timeout)
 * @self: a #QnetSocket
 *
 * Returns: the connect timeout in milliseconds (-1: none)
 *
 * Since: 1.0
 */
gint
qnet_socket_get_connect_timeout (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), -1);
  return get_priv (self)->connect_timeout_ms;
}

/**
 * qnet_socket_set_connect_timeout: (set-property connect-timeout)
 * @self: a #QnetSocket
 * @timeout_ms: the connect timeout in milliseconds, -1 for none
 *
 * Sets [property@Qnet.Socket:connect-timeout].
 *
 * Since: 1.0
 */
void
qnet_socket_set_connect_timeout (QnetSocket *self,
                                 gint        timeout_ms)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  timeout_ms = MAX (timeout_ms, -1);
  if (priv->connect_timeout_ms == timeout_ms)
    return;
  priv->connect_timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
}

/**
 * qnet_socket_get_charset: (get-property charset)
 * @self: a #QnetSocket
 *
 * Returns: the character set of the peer's text
 *
 * Since: 1.0
 */
const char *
qnet_socket_get_charset (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->charset;
}

/**
 * qnet_socket_set_charset: (set-property charset)
 * @self: a #QnetSocket
 * @charset: (nullable): a character set name known to iconv, e.g.
 *   `"ISO-8859-1"`; %NULL for UTF-8
 *
 * Sets [property@Qnet.Socket:charset]. An unknown name makes text sends
 * and receives fail with %QNET_SOCKET_ERROR_ENCODING.
 *
 * Since: 1.0
 */
void
qnet_socket_set_charset (QnetSocket *self,
                         const char *charset)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  if (charset == NULL || *charset == '\0')
    charset = "UTF-8";
  if (g_strcmp0 (priv->charset, charset) == 0)
    return;
  g_free (priv->charset);
  priv->charset = g_strdup (charset);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARSET]);
}

/**
 * qnet_socket_get_no_delay: (get-property no-delay)
 * @self: a #QnetSocket
 *
 * Returns: whether `TCP_NODELAY` is set
 *
 * Since: 1.0
 */
gboolean
qnet_socket_get_no_delay (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  return get_priv (self)->no_delay;
}

/**
 * qnet_socket_set_no_delay: (set-property no-delay)
 * @self: a #QnetSocket
 * @no_delay: whether to set `TCP_NODELAY`
 *
 * Sets [property@Qnet.Socket:no-delay]; it applies at once to a connected
 * TCP socket and to later connections.
 *
 * Since: 1.0
 */
void
qnet_socket_set_no_delay (QnetSocket *self,
                          gboolean    no_delay)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  no_delay = !!no_delay;
  if (priv->no_delay == no_delay)
    return;
  priv->no_delay = no_delay;
  apply_no_delay (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NO_DELAY]);
}

/**
 * qnet_socket_get_fd: (get-property fd)
 * @self: a #QnetSocket
 *
 * Returns: the file descriptor, or -1 when the socket is not open
 *
 * Since: 1.0
 */
gint
qnet_socket_get_fd (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), -1);
  return get_priv (self)->fd;
}

/**
 * qnet_socket_get_local_address: (get-property local-address)
 * @self: a #QnetSocket
 *
 * Returns: (transfer none) (nullable): the local address
 *
 * Since: 1.0
 */
GSocketAddress *
qnet_socket_get_local_address (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->local_address;
}

/**
 * qnet_socket_get_remote_address: (get-property remote-address)
 * @self: a #QnetSocket
 *
 * Returns: (transfer none) (nullable): the peer's address
 *
 * Since: 1.0
 */
GSocketAddress *
qnet_socket_get_remote_address (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->remote_address;
}

/**
 * qnet_socket_get_is_secure: (get-property is-secure)
 * @self: a #QnetSocket
 *
 * Returns: whether the connection runs TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_get_is_secure (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  return get_priv (self)->secure;
}

/**
 * qnet_socket_get_write_high_watermark: (get-property write-high-watermark)
 * @self: a #QnetSocket
 *
 * Returns: the high watermark of the write queue, in bytes
 *
 * Since: 1.0
 */
guint64
qnet_socket_get_write_high_watermark (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  return get_priv (self)->high_watermark;
}

/**
 * qnet_socket_set_write_high_watermark: (set-property write-high-watermark)
 * @self: a #QnetSocket
 * @watermark: bytes
 *
 * Sets [property@Qnet.Socket:write-high-watermark].
 *
 * Since: 1.0
 */
void
qnet_socket_set_write_high_watermark (QnetSocket *self,
                                      guint64     watermark)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  if (priv->high_watermark == watermark)
    return;
  priv->high_watermark = watermark;
  if (priv->io != NULL)
    qnet_stream_io_set_watermarks (priv->io, priv->high_watermark, priv->low_watermark);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRITE_HIGH_WATERMARK]);
}

/**
 * qnet_socket_get_write_low_watermark: (get-property write-low-watermark)
 * @self: a #QnetSocket
 *
 * Returns: the low watermark of the write queue, in bytes
 *
 * Since: 1.0
 */
guint64
qnet_socket_get_write_low_watermark (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  return get_priv (self)->low_watermark;
}

/**
 * qnet_socket_set_write_low_watermark: (set-property write-low-watermark)
 * @self: a #QnetSocket
 * @watermark: bytes
 *
 * Sets [property@Qnet.Socket:write-low-watermark] (used as at most the
 * high watermark).
 *
 * Since: 1.0
 */
void
qnet_socket_set_write_low_watermark (QnetSocket *self,
                                     guint64     watermark)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  if (priv->low_watermark == watermark)
    return;
  priv->low_watermark = watermark;
  if (priv->io != NULL)
    qnet_stream_io_set_watermarks (priv->io, priv->high_watermark, priv->low_watermark);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRITE_LOW_WATERMARK]);
}

/**
 * qnet_socket_get_expect: (get-property expect)
 * @self: a #QnetSocket
 *
 * Returns: the push-mode record size (0: any)
 *
 * Since: 1.0
 */
guint64
qnet_socket_get_expect (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  return get_priv (self)->expect;
}

/**
 * qnet_socket_set_expect: (set-property expect)
 * @self: a #QnetSocket
 * @expect: bytes per [signal@Qnet.Socket::received], 0 for any
 *
 * Sets [property@Qnet.Socket:expect]; in push mode it applies from the
 * next delivery.
 *
 * Since: 1.0
 */
void
qnet_socket_set_expect (QnetSocket *self,
                        guint64     expect)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (expect <= G_MAXUINT32);
  priv = get_priv (self);

  if (priv->expect == expect)
    return;
  priv->expect = expect;
  if (priv->io != NULL)
    qnet_stream_io_set_expect (priv->io, (gsize) expect);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPECT]);
}

/* ---- Connecting -------------------------------------------------------------- */

struct _ConnectOp
{
  QnetSocketCall *call;          /* (owned) until returned */
  char           *target;        /* (owned): host or path as given */
  QnetConnector  *connector;     /* (owned) (nullable) */
  GCancellable   *cancellable;   /* (owned): the call's, and close */
  GCancellable   *user_cancellable;
  gulong          user_handler;
  gboolean        starting;
  gboolean        finished;
};

static void
connect_op_free (ConnectOp *op)
{
  if (op->user_handler != 0)
    g_cancellable_disconnect (op->user_cancellable, op->user_handler);
  g_clear_object (&op->user_cancellable);
  g_clear_pointer (&op->connector, qnet_connector_unref);
  g_clear_object (&op->cancellable);
  g_free (op->target);
  g_free (op);
}

static void
connect_op_cancel (ConnectOp *op)
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
  QnetSocket *self = op->call->self;

  _qnet_socket_set_state (self, QNET_SOCKET_STATE_HOST_LOOKUP);
  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_HOSTNAME_LOOKUP, name, service);
}

static void
connector_resolved (gpointer      data,
                    GInetAddress *address,
                    guint16       port)
{
  ConnectOp *op = data;
  QnetSocket *self = op->call->self;
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
  QnetSocket *self = op->call->self;
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
  QnetSocket *self = call->self;
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
      _qnet_socket_call_return_int (call, TRUE);
    }
  else
    {
      QnetSocketError code = error->domain == G_RESOLVER_ERROR ? QNET_SOCKET_ERROR_LOOKUP
                                                               : QNET_SOCKET_ERROR_CONNECT;
      GError *wrapped = _qnet_socket_wrap_error (self, code, _("Could not connect to %s: %s"), error);

      _qnet_socket_set_state (self, QNET_SOCKET_STATE_UNCONNECTED);
      _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_CONNECT_FAILED,
                          op->target, wrapped->message, (gint64) connect_error_io_code (error));
      g_error_free (error);
      _qnet_socket_call_return_error (call, wrapped);
    }

  if (!op->starting)
    connect_op_free (op);
}

/* Takes @target. */
static void
connect_start (QnetSocket     *self,
               QnetSocketCall *call,
               QnetAddress    *target,
               gint            timeout_ms)
{
  QnetSocketPrivate *priv = get_priv (self);
  g_autofree char *label = qnet_address_to_string (target);
  QnetConnector *connector;
  ConnectOp *op;

  if (priv->connect_op != NULL)
    {
      _qnet_socket_call_return_error (call, g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED,
                                                         _("Could not connect to %s: %s"), label,
                                                         _("a connection attempt is in progress")));
      qnet_address_free (target);
      return;
    }

  /* As in Qore, connecting an open socket closes it first. */
  _qnet_socket_close_internal (self);

  _qnet_emitter_set_label (QNET_EMITTER (self), label);
  g_free (priv->peer_host);
  priv->peer_host = target->kind == QNET_ADDRESS_INET && target->numeric == NULL
                    ? g_strdup (target->host) : NULL;

  op = g_new0 (ConnectOp, 1);
  op->call = call;
  op->target = g_strdup (target->kind == QNET_ADDRESS_UNIX ? target->path : target->host);
  op->cancellable = g_cancellable_new ();
  if (call->cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (call->cancellable);
      op->user_handler = g_cancellable_connect (call->cancellable,
                                                G_CALLBACK (on_connect_user_cancelled), op, NULL);
    }
  priv->connect_op = op;

  if (timeout_ms < 0)
    timeout_ms = priv->connect_timeout_ms;

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

static void
connect_dest_start (QnetSocket     *self,
                    QnetSocketCall *call,
                    const char     *dest,
                    gint            timeout_ms)
{
  GError *error = NULL;
  QnetAddress *target = qnet_address_parse (dest, FALSE, &error);

  if (target == NULL)
    {
      GError *wrapped = g_error_new (error->domain, error->code, _("Could not connect to %s: %s"),
                                     dest, error->message);

      g_error_free (error);
      _qnet_socket_call_return_error (call, wrapped);
      return;
    }
  connect_start (self, call, target, timeout_ms);
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
  connect_dest_start (self, call, dest, timeout_ms);
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
  connect_dest_start (self, call, dest, timeout_ms);
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

static void
connect_inet_start (QnetSocket     *self,
                    QnetSocketCall *call,
                    const char     *host,
                    const char     *service,
                    GSocketFamily   family,
                    gint            timeout_ms)
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
  if (target == NULL)
    {
      GError *wrapped = g_error_new (error->domain, error->code, _("Could not connect to %s: %s"),
                                     host != NULL ? host : "", error->message);

      g_error_free (error);
      _qnet_socket_call_return_error (call, wrapped);
      return;
    }
  connect_start (self, call, target, timeout_ms);
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
  connect_inet_start (self, call, host, service, family, timeout_ms);
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
  connect_inet_start (self, call, host, service, family, timeout_ms);
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

static void
connect_unix_start (QnetSocket     *self,
                    QnetSocketCall *call,
                    const char     *path)
{
  GError *error = NULL;
  QnetAddress *target = qnet_address_new_unix (path, &error);

  if (target == NULL)
    {
      GError *wrapped = g_error_new (error->domain, error->code, _("Could not connect to %s: %s"),
                                     path, error->message);

      g_error_free (error);
      _qnet_socket_call_return_error (call, wrapped);
      return;
    }
  connect_start (self, call, target, -1);
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
  connect_unix_start (self, call, path);
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
  connect_unix_start (self, call, path);
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
      GError *wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ERROR_FAILED,
                                                 _("Could not shut %s down: %s"), local_error);

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
