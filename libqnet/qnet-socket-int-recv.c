/* qnet-socket-int-recv.c: QnetSocket fixed-size integers, receiving
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Qore's recvi1..8, recvu1..4 and their LSB forms (the sending ones are
 * qnet-socket-int.c). Each is a thin wrapper over the exact-size read of
 * qnet-socket-io.c, so they raise the same events.
 */

#include "config.h"

#include "qnet-socket-private.h"

/* One helper per form, parameterised by width, signedness and byte
 * order; every public function is one call of these. */
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

static gint64
recv_int (QnetSocket    *self,
          const char    *operation,
          gint           timeout_ms,
          guint          width,
          gboolean       is_signed,
          gboolean       le,
          GCancellable  *cancellable,
          GError       **error)
{
  QnetSocketCall *call = _qnet_socket_call_new_sync (self, operation, cancellable);

  recv_int_start (self, call, timeout_ms, width, is_signed, le);
  return _qnet_socket_call_wait_int (call, error);
}

static void
recv_int_async (QnetSocket          *self,
                const char          *operation,
                gint                 timeout_ms,
                guint                width,
                gboolean             is_signed,
                gboolean             le,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             source_tag)
{
  QnetSocketCall *call = _qnet_socket_call_new_async (self, operation, cancellable, callback, user_data,
                                                      source_tag);

  recv_int_start (self, call, timeout_ms, width, is_signed, le);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (gint8) recv_int (self, "recv_i8", timeout_ms, 1, TRUE, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_i8", timeout_ms, 1, TRUE, FALSE, cancellable, callback, user_data,
                  qnet_socket_recv_i8_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (guint8) recv_int (self, "recv_u8", timeout_ms, 1, FALSE, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_u8", timeout_ms, 1, FALSE, FALSE, cancellable, callback, user_data,
                  qnet_socket_recv_u8_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (gint16) recv_int (self, "recv_i16", timeout_ms, 2, TRUE, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_i16", timeout_ms, 2, TRUE, FALSE, cancellable, callback, user_data,
                  qnet_socket_recv_i16_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (guint16) recv_int (self, "recv_u16", timeout_ms, 2, FALSE, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_u16", timeout_ms, 2, FALSE, FALSE, cancellable, callback, user_data,
                  qnet_socket_recv_u16_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (gint32) recv_int (self, "recv_i32", timeout_ms, 4, TRUE, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_i32", timeout_ms, 4, TRUE, FALSE, cancellable, callback, user_data,
                  qnet_socket_recv_i32_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (guint32) recv_int (self, "recv_u32", timeout_ms, 4, FALSE, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_u32", timeout_ms, 4, FALSE, FALSE, cancellable, callback, user_data,
                  qnet_socket_recv_u32_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (gint64) recv_int (self, "recv_i64", timeout_ms, 8, TRUE, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_i64", timeout_ms, 8, TRUE, FALSE, cancellable, callback, user_data,
                  qnet_socket_recv_i64_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (gint16) recv_int (self, "recv_i16_le", timeout_ms, 2, TRUE, TRUE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_i16_le", timeout_ms, 2, TRUE, TRUE, cancellable, callback, user_data,
                  qnet_socket_recv_i16_le_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (guint16) recv_int (self, "recv_u16_le", timeout_ms, 2, FALSE, TRUE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_u16_le", timeout_ms, 2, FALSE, TRUE, cancellable, callback, user_data,
                  qnet_socket_recv_u16_le_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (gint32) recv_int (self, "recv_i32_le", timeout_ms, 4, TRUE, TRUE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_i32_le", timeout_ms, 4, TRUE, TRUE, cancellable, callback, user_data,
                  qnet_socket_recv_i32_le_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (guint32) recv_int (self, "recv_u32_le", timeout_ms, 4, FALSE, TRUE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_u32_le", timeout_ms, 4, FALSE, TRUE, cancellable, callback, user_data,
                  qnet_socket_recv_u32_le_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return (gint64) recv_int (self, "recv_i64_le", timeout_ms, 8, TRUE, TRUE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  recv_int_async (self, "recv_i64_le", timeout_ms, 8, TRUE, TRUE, cancellable, callback, user_data,
                  qnet_socket_recv_i64_le_async);
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
