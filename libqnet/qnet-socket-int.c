/* qnet-socket-int.c: QnetSocket fixed-size integers, sending
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Qore's sendi1..8 and their LSB forms (the receiving ones are
 * qnet-socket-int-recv.c). Each is a thin wrapper over the byte send of
 * qnet-socket-io.c, so they raise the same events.
 */

#include "config.h"

#include "qnet-socket-private.h"

/* One helper per form, parameterised by width and byte order; every
 * public function is one call of these. */
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

static gboolean
send_int (QnetSocket    *self,
          const char    *operation,
          guint64        value,
          guint          width,
          gboolean       le,
          GCancellable  *cancellable,
          GError       **error)
{
  QnetSocketCall *call = _qnet_socket_call_new_sync (self, operation, cancellable);

  send_int_start (self, call, value, width, le);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

static void
send_int_async (QnetSocket          *self,
                const char          *operation,
                guint64              value,
                guint                width,
                gboolean             le,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             source_tag)
{
  QnetSocketCall *call = _qnet_socket_call_new_async (self, operation, cancellable, callback, user_data,
                                                      source_tag);

  send_int_start (self, call, value, width, le);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return send_int (self, "send_i8", (guint64) value, 1, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  send_int_async (self, "send_i8", (guint64) value, 1, FALSE, cancellable, callback, user_data,
                  qnet_socket_send_i8_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return send_int (self, "send_i16", (guint64) value, 2, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  send_int_async (self, "send_i16", (guint64) value, 2, FALSE, cancellable, callback, user_data,
                  qnet_socket_send_i16_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return send_int (self, "send_i32", (guint64) value, 4, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  send_int_async (self, "send_i32", (guint64) value, 4, FALSE, cancellable, callback, user_data,
                  qnet_socket_send_i32_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return send_int (self, "send_i64", (guint64) value, 8, FALSE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  send_int_async (self, "send_i64", (guint64) value, 8, FALSE, cancellable, callback, user_data,
                  qnet_socket_send_i64_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return send_int (self, "send_i16_le", (guint64) value, 2, TRUE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  send_int_async (self, "send_i16_le", (guint64) value, 2, TRUE, cancellable, callback, user_data,
                  qnet_socket_send_i16_le_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return send_int (self, "send_i32_le", (guint64) value, 4, TRUE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  send_int_async (self, "send_i32_le", (guint64) value, 4, TRUE, cancellable, callback, user_data,
                  qnet_socket_send_i32_le_async);
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
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return send_int (self, "send_i64_le", (guint64) value, 8, TRUE, cancellable, error);
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
  g_return_if_fail (QNET_IS_SOCKET (self));

  send_int_async (self, "send_i64_le", (guint64) value, 8, TRUE, cancellable, callback, user_data,
                  qnet_socket_send_i64_le_async);
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
