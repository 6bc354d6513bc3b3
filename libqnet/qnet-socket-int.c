/* qnet-socket-int.c: QnetSocket fixed-size integer helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Qore's sendi1..8/recvi1..8, recvu1..4 and their LSB forms. Each is a
 * thin wrapper over the byte send and the exact-size read of
 * qnet-socket-io.c, so they raise the same events.
 */

#include "config.h"

#include "qnet-socket-private.h"

static void
send_int_start (QnetSocket     *self,
                QnetSocketCall *call,
                guint64         value,
                guint           width,
                gboolean        le)
{
  guint8 buf[8];
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < width; i++)
    {
      guint shift = 8 * (le ? i : width - 1 - i);

      buf[i] = (guint8) (value >> shift);
    }
  bytes = g_bytes_new (buf, width);
  _qnet_socket_send_start (self, call, bytes);
}

static void
recv_int_start (QnetSocket     *self,
                QnetSocketCall *call,
                gint            timeout_ms,
                guint           width,
                gboolean        is_signed,
                gboolean        le)
{
  QnetReadRequest request = { 0, };
  QnetSocketResultSpec spec = { QNET_SOCKET_RESULT_INT, width, is_signed, le,
                                QNET_EVENT_SOURCE_SOCKET };

  request.mode = QNET_READ_EXACT_STRICT;
  request.size = width;
  _qnet_socket_recv_start (self, call, &request, timeout_ms, &spec);
}

/**
 * qnet_socket_send_i8:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a byte (Qore's `Socket::sendi1()`), as
 * [method@Qnet.Socket.send_bytes] does.
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i8 (QnetSocket    *self,
                     gint8          value,
                     GCancellable  *cancellable,
                     GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_i8", cancellable);
  send_int_start (self, call, (guint64) value, 1, FALSE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_i8_async:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when sent
 * @user_data: data for @callback
 *
 * Starts sending a byte; see [method@Qnet.Socket.send_i8].
 *
 * Since: 1.0
 */
void
qnet_socket_send_i8_async (QnetSocket          *self,
                           gint8                value,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "send_i8", cancellable, callback, user_data,
                                      qnet_socket_send_i8_async);
  send_int_start (self, call, (guint64) value, 1, FALSE);
}

/**
 * qnet_socket_send_i8_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_i8_async].
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i8_finish (QnetSocket    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_i8_async, error) != 0;
}

/**
 * qnet_socket_send_i16:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a 16-bit integer in big-endian (network) byte order (Qore's `Socket::sendi2()`), as
 * [method@Qnet.Socket.send_bytes] does.
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i16 (QnetSocket    *self,
                      gint16         value,
                      GCancellable  *cancellable,
                      GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_i16", cancellable);
  send_int_start (self, call, (guint64) value, 2, FALSE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_i16_async:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when sent
 * @user_data: data for @callback
 *
 * Starts sending a 16-bit integer in big-endian (network) byte order; see [method@Qnet.Socket.send_i16].
 *
 * Since: 1.0
 */
void
qnet_socket_send_i16_async (QnetSocket          *self,
                            gint16               value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "send_i16", cancellable, callback, user_data,
                                      qnet_socket_send_i16_async);
  send_int_start (self, call, (guint64) value, 2, FALSE);
}

/**
 * qnet_socket_send_i16_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_i16_async].
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i16_finish (QnetSocket    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_i16_async, error) != 0;
}

/**
 * qnet_socket_send_i32:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a 32-bit integer in big-endian (network) byte order (Qore's `Socket::sendi4()`), as
 * [method@Qnet.Socket.send_bytes] does.
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i32 (QnetSocket    *self,
                      gint32         value,
                      GCancellable  *cancellable,
                      GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_i32", cancellable);
  send_int_start (self, call, (guint64) value, 4, FALSE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_i32_async:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when sent
 * @user_data: data for @callback
 *
 * Starts sending a 32-bit integer in big-endian (network) byte order; see [method@Qnet.Socket.send_i32].
 *
 * Since: 1.0
 */
void
qnet_socket_send_i32_async (QnetSocket          *self,
                            gint32               value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "send_i32", cancellable, callback, user_data,
                                      qnet_socket_send_i32_async);
  send_int_start (self, call, (guint64) value, 4, FALSE);
}

/**
 * qnet_socket_send_i32_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_i32_async].
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i32_finish (QnetSocket    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_i32_async, error) != 0;
}

/**
 * qnet_socket_send_i64:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a 64-bit integer in big-endian (network) byte order (Qore's `Socket::sendi8()`), as
 * [method@Qnet.Socket.send_bytes] does.
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i64 (QnetSocket    *self,
                      gint64         value,
                      GCancellable  *cancellable,
                      GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_i64", cancellable);
  send_int_start (self, call, (guint64) value, 8, FALSE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_i64_async:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when sent
 * @user_data: data for @callback
 *
 * Starts sending a 64-bit integer in big-endian (network) byte order; see [method@Qnet.Socket.send_i64].
 *
 * Since: 1.0
 */
void
qnet_socket_send_i64_async (QnetSocket          *self,
                            gint64               value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "send_i64", cancellable, callback, user_data,
                                      qnet_socket_send_i64_async);
  send_int_start (self, call, (guint64) value, 8, FALSE);
}

/**
 * qnet_socket_send_i64_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_i64_async].
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i64_finish (QnetSocket    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_i64_async, error) != 0;
}

/**
 * qnet_socket_send_i16_le:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a 16-bit integer in little-endian order (Qore's `Socket::sendi2LSB()`), as
 * [method@Qnet.Socket.send_bytes] does.
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i16_le (QnetSocket    *self,
                         gint16         value,
                         GCancellable  *cancellable,
                         GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_i16_le", cancellable);
  send_int_start (self, call, (guint64) value, 2, TRUE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_i16_le_async:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when sent
 * @user_data: data for @callback
 *
 * Starts sending a 16-bit integer in little-endian order; see [method@Qnet.Socket.send_i16_le].
 *
 * Since: 1.0
 */
void
qnet_socket_send_i16_le_async (QnetSocket          *self,
                               gint16               value,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "send_i16_le", cancellable, callback, user_data,
                                      qnet_socket_send_i16_le_async);
  send_int_start (self, call, (guint64) value, 2, TRUE);
}

/**
 * qnet_socket_send_i16_le_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_i16_le_async].
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i16_le_finish (QnetSocket    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_i16_le_async, error) != 0;
}

/**
 * qnet_socket_send_i32_le:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a 32-bit integer in little-endian order (Qore's `Socket::sendi4LSB()`), as
 * [method@Qnet.Socket.send_bytes] does.
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i32_le (QnetSocket    *self,
                         gint32         value,
                         GCancellable  *cancellable,
                         GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_i32_le", cancellable);
  send_int_start (self, call, (guint64) value, 4, TRUE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_i32_le_async:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when sent
 * @user_data: data for @callback
 *
 * Starts sending a 32-bit integer in little-endian order; see [method@Qnet.Socket.send_i32_le].
 *
 * Since: 1.0
 */
void
qnet_socket_send_i32_le_async (QnetSocket          *self,
                               gint32               value,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "send_i32_le", cancellable, callback, user_data,
                                      qnet_socket_send_i32_le_async);
  send_int_start (self, call, (guint64) value, 4, TRUE);
}

/**
 * qnet_socket_send_i32_le_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_i32_le_async].
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i32_le_finish (QnetSocket    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_i32_le_async, error) != 0;
}

/**
 * qnet_socket_send_i64_le:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a 64-bit integer in little-endian order (Qore's `Socket::sendi8LSB()`), as
 * [method@Qnet.Socket.send_bytes] does.
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i64_le (QnetSocket    *self,
                         gint64         value,
                         GCancellable  *cancellable,
                         GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_i64_le", cancellable);
  send_int_start (self, call, (guint64) value, 8, TRUE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_i64_le_async:
 * @self: a connected #QnetSocket
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when sent
 * @user_data: data for @callback
 *
 * Starts sending a 64-bit integer in little-endian order; see [method@Qnet.Socket.send_i64_le].
 *
 * Since: 1.0
 */
void
qnet_socket_send_i64_le_async (QnetSocket          *self,
                               gint64               value,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "send_i64_le", cancellable, callback, user_data,
                                      qnet_socket_send_i64_le_async);
  send_int_start (self, call, (guint64) value, 8, TRUE);
}

/**
 * qnet_socket_send_i64_le_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_i64_le_async].
 *
 * Returns: %TRUE when sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_i64_le_finish (QnetSocket    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_i64_le_async, error) != 0;
}

/**
 * qnet_socket_recv_i8:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a signed byte (Qore's `Socket::recvi1()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 1 byte
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint8
qnet_socket_recv_i8 (QnetSocket    *self,
                     gint           timeout_ms,
                     GCancellable  *cancellable,
                     GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_i8", cancellable);
  recv_int_start (self, call, timeout_ms, 1, TRUE, FALSE);
  return (gint8) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_i8_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_i8]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a signed byte; see [method@Qnet.Socket.recv_i8].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_i8_async (QnetSocket          *self,
                           gint                 timeout_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_i8", cancellable, callback, user_data,
                                      qnet_socket_recv_i8_async);
  recv_int_start (self, call, timeout_ms, 1, TRUE, FALSE);
}

/**
 * qnet_socket_recv_i8_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_i8_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint8
qnet_socket_recv_i8_finish (QnetSocket    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return (gint8) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_i8_async, error);
}

/**
 * qnet_socket_recv_u8:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a unsigned byte (Qore's `Socket::recvu1()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 1 byte
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint8
qnet_socket_recv_u8 (QnetSocket    *self,
                     gint           timeout_ms,
                     GCancellable  *cancellable,
                     GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_u8", cancellable);
  recv_int_start (self, call, timeout_ms, 1, FALSE, FALSE);
  return (guint8) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_u8_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_u8]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a unsigned byte; see [method@Qnet.Socket.recv_u8].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_u8_async (QnetSocket          *self,
                           gint                 timeout_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_u8", cancellable, callback, user_data,
                                      qnet_socket_recv_u8_async);
  recv_int_start (self, call, timeout_ms, 1, FALSE, FALSE);
}

/**
 * qnet_socket_recv_u8_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_u8_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint8
qnet_socket_recv_u8_finish (QnetSocket    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return (guint8) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_u8_async, error);
}

/**
 * qnet_socket_recv_i16:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a signed 16-bit integer in big-endian (network) byte order (Qore's `Socket::recvi2()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 2 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint16
qnet_socket_recv_i16 (QnetSocket    *self,
                      gint           timeout_ms,
                      GCancellable  *cancellable,
                      GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_i16", cancellable);
  recv_int_start (self, call, timeout_ms, 2, TRUE, FALSE);
  return (gint16) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_i16_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_i16]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a signed 16-bit integer in big-endian (network) byte order; see [method@Qnet.Socket.recv_i16].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_i16_async (QnetSocket          *self,
                            gint                 timeout_ms,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_i16", cancellable, callback, user_data,
                                      qnet_socket_recv_i16_async);
  recv_int_start (self, call, timeout_ms, 2, TRUE, FALSE);
}

/**
 * qnet_socket_recv_i16_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_i16_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint16
qnet_socket_recv_i16_finish (QnetSocket    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return (gint16) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_i16_async, error);
}

/**
 * qnet_socket_recv_u16:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a unsigned 16-bit integer in big-endian (network) byte order (Qore's `Socket::recvu2()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 2 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint16
qnet_socket_recv_u16 (QnetSocket    *self,
                      gint           timeout_ms,
                      GCancellable  *cancellable,
                      GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_u16", cancellable);
  recv_int_start (self, call, timeout_ms, 2, FALSE, FALSE);
  return (guint16) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_u16_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_u16]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a unsigned 16-bit integer in big-endian (network) byte order; see [method@Qnet.Socket.recv_u16].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_u16_async (QnetSocket          *self,
                            gint                 timeout_ms,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_u16", cancellable, callback, user_data,
                                      qnet_socket_recv_u16_async);
  recv_int_start (self, call, timeout_ms, 2, FALSE, FALSE);
}

/**
 * qnet_socket_recv_u16_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_u16_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint16
qnet_socket_recv_u16_finish (QnetSocket    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return (guint16) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_u16_async, error);
}

/**
 * qnet_socket_recv_i32:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a signed 32-bit integer in big-endian (network) byte order (Qore's `Socket::recvi4()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 4 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint32
qnet_socket_recv_i32 (QnetSocket    *self,
                      gint           timeout_ms,
                      GCancellable  *cancellable,
                      GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_i32", cancellable);
  recv_int_start (self, call, timeout_ms, 4, TRUE, FALSE);
  return (gint32) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_i32_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_i32]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a signed 32-bit integer in big-endian (network) byte order; see [method@Qnet.Socket.recv_i32].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_i32_async (QnetSocket          *self,
                            gint                 timeout_ms,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_i32", cancellable, callback, user_data,
                                      qnet_socket_recv_i32_async);
  recv_int_start (self, call, timeout_ms, 4, TRUE, FALSE);
}

/**
 * qnet_socket_recv_i32_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_i32_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint32
qnet_socket_recv_i32_finish (QnetSocket    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return (gint32) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_i32_async, error);
}

/**
 * qnet_socket_recv_u32:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a unsigned 32-bit integer in big-endian (network) byte order (Qore's `Socket::recvu4()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 4 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint32
qnet_socket_recv_u32 (QnetSocket    *self,
                      gint           timeout_ms,
                      GCancellable  *cancellable,
                      GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_u32", cancellable);
  recv_int_start (self, call, timeout_ms, 4, FALSE, FALSE);
  return (guint32) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_u32_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_u32]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a unsigned 32-bit integer in big-endian (network) byte order; see [method@Qnet.Socket.recv_u32].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_u32_async (QnetSocket          *self,
                            gint                 timeout_ms,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_u32", cancellable, callback, user_data,
                                      qnet_socket_recv_u32_async);
  recv_int_start (self, call, timeout_ms, 4, FALSE, FALSE);
}

/**
 * qnet_socket_recv_u32_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_u32_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint32
qnet_socket_recv_u32_finish (QnetSocket    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return (guint32) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_u32_async, error);
}

/**
 * qnet_socket_recv_i64:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a signed 64-bit integer in big-endian (network) byte order (Qore's `Socket::recvi8()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 8 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint64
qnet_socket_recv_i64 (QnetSocket    *self,
                      gint           timeout_ms,
                      GCancellable  *cancellable,
                      GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_i64", cancellable);
  recv_int_start (self, call, timeout_ms, 8, TRUE, FALSE);
  return (gint64) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_i64_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_i64]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a signed 64-bit integer in big-endian (network) byte order; see [method@Qnet.Socket.recv_i64].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_i64_async (QnetSocket          *self,
                            gint                 timeout_ms,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_i64", cancellable, callback, user_data,
                                      qnet_socket_recv_i64_async);
  recv_int_start (self, call, timeout_ms, 8, TRUE, FALSE);
}

/**
 * qnet_socket_recv_i64_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_i64_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint64
qnet_socket_recv_i64_finish (QnetSocket    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return (gint64) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_i64_async, error);
}

/**
 * qnet_socket_recv_i16_le:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a signed 16-bit integer in little-endian byte order (Qore's `Socket::recvi2LSB()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 2 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint16
qnet_socket_recv_i16_le (QnetSocket    *self,
                         gint           timeout_ms,
                         GCancellable  *cancellable,
                         GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_i16_le", cancellable);
  recv_int_start (self, call, timeout_ms, 2, TRUE, TRUE);
  return (gint16) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_i16_le_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_i16_le]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a signed 16-bit integer in little-endian byte order; see [method@Qnet.Socket.recv_i16_le].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_i16_le_async (QnetSocket          *self,
                               gint                 timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_i16_le", cancellable, callback, user_data,
                                      qnet_socket_recv_i16_le_async);
  recv_int_start (self, call, timeout_ms, 2, TRUE, TRUE);
}

/**
 * qnet_socket_recv_i16_le_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_i16_le_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint16
qnet_socket_recv_i16_le_finish (QnetSocket    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return (gint16) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_i16_le_async, error);
}

/**
 * qnet_socket_recv_u16_le:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a unsigned 16-bit integer in little-endian byte order (Qore's `Socket::recvu2LSB()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 2 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint16
qnet_socket_recv_u16_le (QnetSocket    *self,
                         gint           timeout_ms,
                         GCancellable  *cancellable,
                         GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_u16_le", cancellable);
  recv_int_start (self, call, timeout_ms, 2, FALSE, TRUE);
  return (guint16) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_u16_le_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_u16_le]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a unsigned 16-bit integer in little-endian byte order; see [method@Qnet.Socket.recv_u16_le].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_u16_le_async (QnetSocket          *self,
                               gint                 timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_u16_le", cancellable, callback, user_data,
                                      qnet_socket_recv_u16_le_async);
  recv_int_start (self, call, timeout_ms, 2, FALSE, TRUE);
}

/**
 * qnet_socket_recv_u16_le_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_u16_le_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint16
qnet_socket_recv_u16_le_finish (QnetSocket    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return (guint16) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_u16_le_async, error);
}

/**
 * qnet_socket_recv_i32_le:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a signed 32-bit integer in little-endian byte order (Qore's `Socket::recvi4LSB()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 4 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint32
qnet_socket_recv_i32_le (QnetSocket    *self,
                         gint           timeout_ms,
                         GCancellable  *cancellable,
                         GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_i32_le", cancellable);
  recv_int_start (self, call, timeout_ms, 4, TRUE, TRUE);
  return (gint32) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_i32_le_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_i32_le]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a signed 32-bit integer in little-endian byte order; see [method@Qnet.Socket.recv_i32_le].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_i32_le_async (QnetSocket          *self,
                               gint                 timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_i32_le", cancellable, callback, user_data,
                                      qnet_socket_recv_i32_le_async);
  recv_int_start (self, call, timeout_ms, 4, TRUE, TRUE);
}

/**
 * qnet_socket_recv_i32_le_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_i32_le_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint32
qnet_socket_recv_i32_le_finish (QnetSocket    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return (gint32) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_i32_le_async, error);
}

/**
 * qnet_socket_recv_u32_le:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a unsigned 32-bit integer in little-endian byte order (Qore's `Socket::recvu4LSB()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 4 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint32
qnet_socket_recv_u32_le (QnetSocket    *self,
                         gint           timeout_ms,
                         GCancellable  *cancellable,
                         GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_u32_le", cancellable);
  recv_int_start (self, call, timeout_ms, 4, FALSE, TRUE);
  return (guint32) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_u32_le_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_u32_le]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a unsigned 32-bit integer in little-endian byte order; see [method@Qnet.Socket.recv_u32_le].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_u32_le_async (QnetSocket          *self,
                               gint                 timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_u32_le", cancellable, callback, user_data,
                                      qnet_socket_recv_u32_le_async);
  recv_int_start (self, call, timeout_ms, 4, FALSE, TRUE);
}

/**
 * qnet_socket_recv_u32_le_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_u32_le_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
guint32
qnet_socket_recv_u32_le_finish (QnetSocket    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return (guint32) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_u32_le_async, error);
}

/**
 * qnet_socket_recv_i64_le:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a signed 64-bit integer in little-endian byte order (Qore's `Socket::recvi8LSB()`). Fails with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes before all 8 bytes
 * arrived.
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint64
qnet_socket_recv_i64_le (QnetSocket    *self,
                         gint           timeout_ms,
                         GCancellable  *cancellable,
                         GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  call = _qnet_socket_call_new_sync (self, "recv_i64_le", cancellable);
  recv_int_start (self, call, timeout_ms, 8, TRUE, TRUE);
  return (gint64) _qnet_socket_call_wait_int (call, error);
}

/**
 * qnet_socket_recv_i64_le_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv_i64_le]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the value
 * @user_data: data for @callback
 *
 * Starts receiving a signed 64-bit integer in little-endian byte order; see [method@Qnet.Socket.recv_i64_le].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_i64_le_async (QnetSocket          *self,
                               gint                 timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "recv_i64_le", cancellable, callback, user_data,
                                      qnet_socket_recv_i64_le_async);
  recv_int_start (self, call, timeout_ms, 8, TRUE, TRUE);
}

/**
 * qnet_socket_recv_i64_le_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_i64_le_async].
 *
 * Returns: the value, or 0 on error
 *
 * Since: 1.0
 */
gint64
qnet_socket_recv_i64_le_finish (QnetSocket    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return (gint64) _qnet_socket_call_finish_int (self, result, qnet_socket_recv_i64_le_async, error);
}
