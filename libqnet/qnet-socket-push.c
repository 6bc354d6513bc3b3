/* qnet-socket-push.c: QnetSocket push mode, readiness queries, and the
 * buffered-read API for subclasses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-socket-private.h"

static const QnetSocketResultSpec wait_spec = {
  QNET_SOCKET_RESULT_WAIT, 0, FALSE, FALSE, QNET_EVENT_SOURCE_SOCKET,
};

/* ---- Push mode ----------------------------------------------------------------- */

static void
push_progress (gpointer data,
               gsize    n,
               gsize    total,
               gint64   total_to_read)
{
  _qnet_emitter_emit (QNET_EMITTER (data), QNET_EVENT_PACKET_READ,
                      (gint64) n, (gint64) total, total_to_read);
}

static void
push_deliver (gpointer  data,
              GBytes   *bytes)
{
  QnetSocket *self = data;

  /* The record left the buffer: it is delivered even if a handler of the
   * event stopped push mode. */
  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_SOCKET_DATA_READ, bytes);
  _qnet_socket_emit_received (self, bytes);
}

static void
push_ended (gpointer      data,
            const GError *error)
{
  g_autoptr(QnetSocket) self = g_object_ref (data);
  g_autoptr(GError) wrapped = NULL;

  if (error != NULL)
    wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ACTION_RECEIVE, error);

  _qnet_socket_close_internal (self);
  if (wrapped != NULL)
    _qnet_emitter_operation_failed (QNET_EMITTER (self), "start_receiving", wrapped);
  _qnet_socket_receiving_ended (self);
}

/**
 * qnet_socket_start_receiving:
 * @self: a connected #QnetSocket
 * @error: return location for a #GError
 *
 * Turns push mode on: from the thread-default main context of this call,
 * data is read as it arrives (each read raising `packet-read`) and
 * delivered by [signal@Qnet.Socket::received], in records of
 * [property@Qnet.Socket:expect] bytes, or as it came when that is 0. The
 * receive methods fail while it is on. It ends with
 * [method@Qnet.Socket.stop_receiving], a close, or the peer closing (then
 * `channel-closed`; an incomplete record is dropped) or failing (then
 * `channel-closed` and `operation-failed`). While on, the socket keeps a
 * reference on itself.
 *
 * Returns: %TRUE when push mode is on
 *
 * Since: 1.0
 */
gboolean
qnet_socket_start_receiving (QnetSocket  *self,
                             GError     **error)
{
  QnetStreamIO *io;
  GError *local_error = NULL;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);

  io = _qnet_socket_get_io (self);
  if (io == NULL || qnet_stream_io_is_closed (io))
    {
      local_error = _qnet_socket_not_open_error (self);
    }
  else if (!qnet_stream_io_is_receiving (io) &&
           (local_error = _qnet_socket_tls_check_read (self, QNET_READ_ALL)) != NULL)
    {
      /* A TLS handshake runs. */
    }
  else if (!qnet_stream_io_is_receiving (io))
    {
      if (qnet_stream_io_start_receiving (io, (gsize) qnet_socket_get_expect (self),
                                          push_progress, push_deliver, push_ended, self,
                                          &local_error))
        _qnet_socket_mark_receiving (self);
      else
        {
          GError *wrapped = g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED,
                                         _("Could not receive from %s: %s"),
                                         qnet_emitter_get_label (QNET_EMITTER (self)),
                                         local_error->message);

          g_error_free (local_error);
          local_error = wrapped;
        }
    }

  if (local_error != NULL)
    {
      _qnet_emitter_operation_failed (QNET_EMITTER (self), "start_receiving", local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * qnet_socket_stop_receiving:
 * @self: a #QnetSocket
 *
 * Turns push mode off; data that arrives stays for the receive methods.
 * Safe to call from a [signal@Qnet.Socket::received] handler.
 *
 * Since: 1.0
 */
void
qnet_socket_stop_receiving (QnetSocket *self)
{
  QnetStreamIO *io;

  g_return_if_fail (QNET_IS_SOCKET (self));

  io = _qnet_socket_get_io (self);
  if (io != NULL)
    qnet_stream_io_stop_receiving (io);
  _qnet_socket_receiving_ended (self);
}

/**
 * qnet_socket_is_receiving:
 * @self: a #QnetSocket
 *
 * Tells whether push mode ([method@Qnet.Socket.start_receiving]) is on.
 *
 * Returns: whether push mode is on
 *
 * Since: 1.0
 */
gboolean
qnet_socket_is_receiving (QnetSocket *self)
{
  QnetStreamIO *io;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);

  io = _qnet_socket_get_io (self);
  return io != NULL && qnet_stream_io_is_receiving (io);
}

/* ---- Queries ------------------------------------------------------------------- */

static void
is_data_available_start (QnetSocket     *self,
                         QnetSocketCall *call,
                         gint            timeout_ms)
{
  QnetReadRequest request = { 0, };

  request.mode = QNET_READ_WAIT;
  _qnet_socket_recv_start (self, call, &request, timeout_ms, &wait_spec);
}

/**
 * qnet_socket_is_data_available:
 * @self: a connected #QnetSocket
 * @timeout_ms: how long to wait in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Tells whether data can be received without waiting (buffered data, data
 * on the connection, or the peer's end of stream), waiting up to
 * @timeout_ms for it (Qore's `Socket::isDataAvailable()`). Nothing is read.
 *
 * Returns: %TRUE when data is available, %FALSE when not within
 *   @timeout_ms or on error
 *
 * Since: 1.0
 */
gboolean
qnet_socket_is_data_available (QnetSocket    *self,
                               gint           timeout_ms,
                               GCancellable  *cancellable,
                               GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "is_data_available", cancellable);
  is_data_available_start (self, call, timeout_ms);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_is_data_available_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: how long to wait, as for
 *   [method@Qnet.Socket.is_data_available]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: data for @callback
 *
 * Starts waiting for data; see [method@Qnet.Socket.is_data_available].
 *
 * Since: 1.0
 */
void
qnet_socket_is_data_available_async (QnetSocket          *self,
                                     gint                 timeout_ms,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "is_data_available", cancellable, callback, user_data,
                                      qnet_socket_is_data_available_async);
  is_data_available_start (self, call, timeout_ms);
}

/**
 * qnet_socket_is_data_available_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.is_data_available_async].
 *
 * Returns: %TRUE when data is available
 *
 * Since: 1.0
 */
gboolean
qnet_socket_is_data_available_finish (QnetSocket    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_is_data_available_async, error) != 0;
}

static void
drained_done (gpointer  data,
              GError   *error)
{
  QnetSocketCall *call = data;
  g_autoptr(QnetSocket) self = g_object_ref (call->self);

  if (error == NULL)
    {
      _qnet_socket_call_return_int (call, TRUE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_error_free (error);
      _qnet_socket_call_return_int (call, FALSE);
      return;
    }

  _qnet_socket_call_return_error (call, _qnet_socket_io_error (self, QNET_SOCKET_ACTION_SEND, error));
}

static void
is_write_finished_start (QnetSocket     *self,
                         QnetSocketCall *call,
                         gint            timeout_ms)
{
  QnetStreamIO *io = _qnet_socket_get_io (self);

  if (io == NULL || qnet_stream_io_is_closed (io))
    {
      _qnet_socket_call_return_error (call, _qnet_socket_not_open_error (self));
      return;
    }
  qnet_stream_io_wait_drained (io, _qnet_socket_get_effective_timeout (self, timeout_ms),
                               call->cancellable, drained_done, call);
}

/**
 * qnet_socket_is_write_finished:
 * @self: a connected #QnetSocket
 * @timeout_ms: how long to wait in milliseconds for the write queue to
 *   drain: -1 for [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Tells whether everything sent or queued was written (Qore's
 * `Socket::isWriteFinished()`), writing the queue meanwhile.
 *
 * Returns: %TRUE when the write queue is empty, %FALSE when it did not
 *   drain within @timeout_ms or on error
 *
 * Since: 1.0
 */
gboolean
qnet_socket_is_write_finished (QnetSocket    *self,
                               gint           timeout_ms,
                               GCancellable  *cancellable,
                               GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "is_write_finished", cancellable);
  is_write_finished_start (self, call, timeout_ms);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_is_write_finished_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: how long to wait, as for
 *   [method@Qnet.Socket.is_write_finished]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: data for @callback
 *
 * Starts waiting for the write queue to drain; see
 * [method@Qnet.Socket.is_write_finished].
 *
 * Since: 1.0
 */
void
qnet_socket_is_write_finished_async (QnetSocket          *self,
                                     gint                 timeout_ms,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "is_write_finished", cancellable, callback, user_data,
                                      qnet_socket_is_write_finished_async);
  is_write_finished_start (self, call, timeout_ms);
}

/**
 * qnet_socket_is_write_finished_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.is_write_finished_async].
 *
 * Returns: %TRUE when the write queue is empty
 *
 * Since: 1.0
 */
gboolean
qnet_socket_is_write_finished_finish (QnetSocket    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_is_write_finished_async, error) != 0;
}

/* ---- For subclasses -------------------------------------------------------------- */

const guint8 *
_qnet_socket_peek (QnetSocket *self,
                   gsize      *len)
{
  QnetStreamIO *io = _qnet_socket_get_io (self);

  if (io == NULL)
    {
      *len = 0;
      return NULL;
    }
  return qnet_stream_io_peek (io, len);
}

void
_qnet_socket_consume (QnetSocket *self,
                      gsize       n)
{
  QnetStreamIO *io = _qnet_socket_get_io (self);

  g_return_if_fail (io != NULL || n == 0);
  if (io != NULL)
    qnet_stream_io_consume (io, n);
}

void
_qnet_socket_fill_async (QnetSocket          *self,
                         const char          *operation,
                         QnetEventSource      source,
                         gsize                max_buffer,
                         gint                 timeout_ms,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  QnetSocketResultSpec spec = { QNET_SOCKET_RESULT_NONE, 0, FALSE, FALSE, source };
  QnetReadRequest request = { 0, };
  QnetSocketCall *call;

  request.mode = QNET_READ_FILL;
  request.size = max_buffer;
  call = _qnet_socket_call_new_async (self, operation, cancellable, callback, user_data,
                                      _qnet_socket_fill_async);
  _qnet_socket_recv_start (self, call, &request, timeout_ms, &spec);
}

gboolean
_qnet_socket_fill_finish (QnetSocket    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, _qnet_socket_fill_async, error) != 0;
}

void
_qnet_socket_read_some_async (QnetSocket          *self,
                              const char          *operation,
                              QnetEventSource      source,
                              gsize                max,
                              gint                 timeout_ms,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  QnetSocketResultSpec spec = { QNET_SOCKET_RESULT_BYTES, 0, FALSE, FALSE, source };
  QnetReadRequest request = { 0, };
  QnetSocketCall *call;

  request.mode = QNET_READ_SOME;
  request.size = max;
  call = _qnet_socket_call_new_async (self, operation, cancellable, callback, user_data,
                                      _qnet_socket_read_some_async);
  _qnet_socket_recv_start (self, call, &request, timeout_ms, &spec);
}

GBytes *
_qnet_socket_read_some_finish (QnetSocket    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _qnet_socket_call_finish_pointer (self, result, _qnet_socket_read_some_async, error);
}

void
_qnet_socket_read_async (QnetSocket            *self,
                         const char            *operation,
                         QnetEventSource        source,
                         const QnetReadRequest *request,
                         gint                   timeout_ms,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  QnetSocketResultSpec spec = { QNET_SOCKET_RESULT_BYTES, 0, FALSE, FALSE, source };
  QnetSocketCall *call;

  /* Those return no bytes: _qnet_socket_fill_async(), is_data_available. */
  g_return_if_fail (request->mode != QNET_READ_FILL && request->mode != QNET_READ_WAIT);

  call = _qnet_socket_call_new_async (self, operation, cancellable, callback, user_data,
                                      _qnet_socket_read_async);
  _qnet_socket_recv_start (self, call, request, timeout_ms, &spec);
}

GBytes *
_qnet_socket_read_finish (QnetSocket    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _qnet_socket_call_finish_pointer (self, result, _qnet_socket_read_async, error);
}

void
_qnet_socket_write_async (QnetSocket          *self,
                          const char          *operation,
                          GBytes              *bytes,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  QnetSocketCall *call;

  call = _qnet_socket_call_new_async (self, operation, cancellable, callback, user_data,
                                      _qnet_socket_write_async);
  _qnet_socket_send_start (self, call, bytes);
}

gboolean
_qnet_socket_write_finish (QnetSocket    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, _qnet_socket_write_async, error) != 0;
}
