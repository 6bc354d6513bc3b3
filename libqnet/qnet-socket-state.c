/* qnet-socket-state.c: QnetSocket connection state, attaching and closing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-socket-private.h"

static inline QnetSocketPrivate *
get_priv (QnetSocket *self)
{
  return _qnet_socket_get_private (self);
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
  _qnet_socket_notify (self, QNET_SOCKET_PROP_STATE);
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
  _qnet_socket_tls_inherit (self, connection);
}

void
_qnet_socket_apply_no_delay (QnetSocket *self)
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
  _qnet_socket_tls_written (self);
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
  g_autoptr(GError) wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ACTION_SEND, error);

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
  _qnet_socket_apply_no_delay (self);

  g_object_freeze_notify (G_OBJECT (self));
  _qnet_socket_notify (self, QNET_SOCKET_PROP_FD);
  _qnet_socket_notify (self, QNET_SOCKET_PROP_LOCAL_ADDRESS);
  _qnet_socket_notify (self, QNET_SOCKET_PROP_REMOTE_ADDRESS);
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
  _qnet_socket_notify (self, QNET_SOCKET_PROP_FD);
  _qnet_socket_notify (self, QNET_SOCKET_PROP_LOCAL_ADDRESS);
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
      _qnet_socket_notify (self, QNET_SOCKET_PROP_IS_SECURE);
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
remove_unix_file (const char *path,
                  dev_t       dev,
                  ino_t       ino)
{
  struct stat st;

  /* Only the file bind created: not one that replaced it meanwhile. */
  if (lstat (path, &st) == 0 && S_ISSOCK (st.st_mode) && st.st_dev == dev && st.st_ino == ino)
    unlink (path);
}

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
run_close_hooks (GList *hooks)
{
  for (GList *l = hooks; l != NULL; l = l->next)
    {
      CloseHook *entry = l->data;

      entry->hook (entry->data);
    }
  g_list_free_full (hooks, g_free);
}

void
_qnet_socket_close_internal (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetStreamIO *io;
  GIOStream *stream;
  GSocketConnection *connection;
  GSocket *socket;
  GList *hooks;
  char *unix_path;
  dev_t unix_dev;
  ino_t unix_ino;
  gboolean drop_receiving;
  gboolean drop_accepting;
  gboolean was_secure;

  if (priv->closing)
    return;

  if (priv->connect_op != NULL)
    _qnet_socket_connect_op_cancel (priv->connect_op);

  if (priv->socket == NULL)
    return;

  priv->closing = TRUE;
  g_object_ref (self);

  _qnet_socket_set_state (self, QNET_SOCKET_STATE_CLOSING);

  /* Stop what runs from the main loop. */
  if (priv->io != NULL)
    qnet_stream_io_stop_receiving (priv->io);
  drop_receiving = priv->receiving;
  priv->receiving = FALSE;
  if (priv->accept_source != NULL)
    {
      g_source_destroy (priv->accept_source);
      g_clear_pointer (&priv->accept_source, g_source_unref);
    }
  drop_accepting = priv->accepting;
  priv->accepting = FALSE;

  /* Detach the channel first: to handlers of channel-closed the socket is
   * closed (they may even connect it again); pending operations still
   * hold the old channel, and fail right after the event. */
  io = g_steal_pointer (&priv->io);
  stream = g_steal_pointer (&priv->stream);
  connection = g_steal_pointer (&priv->connection);
  socket = g_steal_pointer (&priv->socket);
  hooks = g_steal_pointer (&priv->close_hooks);
  unix_path = g_steal_pointer (&priv->unix_path);
  unix_dev = priv->unix_dev;
  unix_ino = priv->unix_ino;
  g_clear_object (&priv->local_address);
  g_clear_object (&priv->remote_address);
  priv->fd = -1;
  was_secure = priv->secure;
  priv->secure = FALSE;
  priv->closing = FALSE;

  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_CHANNEL_CLOSED);

  /* Pending operations fail now (their calls raise operation-failed). */
  if (io != NULL)
    qnet_stream_io_close (io);
  run_close_hooks (hooks);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  g_socket_close (socket, NULL);
  if (unix_path != NULL)
    remove_unix_file (unix_path, unix_dev, unix_ino);

  g_clear_pointer (&io, qnet_stream_io_unref);
  g_clear_object (&stream);
  g_clear_object (&connection);
  g_clear_object (&socket);
  g_free (unix_path);

  g_object_freeze_notify (G_OBJECT (self));
  _qnet_socket_notify (self, QNET_SOCKET_PROP_FD);
  _qnet_socket_notify (self, QNET_SOCKET_PROP_LOCAL_ADDRESS);
  _qnet_socket_notify (self, QNET_SOCKET_PROP_REMOTE_ADDRESS);
  if (was_secure)
    _qnet_socket_notify (self, QNET_SOCKET_PROP_IS_SECURE);
  /* Unless a handler started something new meanwhile. */
  if (priv->state == QNET_SOCKET_STATE_CLOSING)
    _qnet_socket_set_state (self, QNET_SOCKET_STATE_UNCONNECTED);
  g_object_thaw_notify (G_OBJECT (self));

  if (drop_accepting)
    g_object_unref (self);
  if (drop_receiving)
    g_object_unref (self);
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
