/* qnet-file-int.c: reading and writing fixed-size integers with QnetFile
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each public function is one call of the helper for its direction,
 * which goes through the byte read and write operations of
 * qnet-file-io.c, so they raise the same events.
 */

#include "config.h"

#include <string.h>

#include "qnet-file-private.h"

/* ---- Reading ------------------------------------------------------------------ */

/* One helper per direction, parameterised by width and byte order; the
 * signedness is the type of the public function's value. */

/* Reads a @width-byte integer in big-endian (or, with @le, little-endian)
 * order into @value (nullable), an integer of @width bytes, set to 0 on
 * error. */
static gboolean
file_read_int (QnetFile      *self,
               const char    *name,
               guint          width,
               gboolean       le,
               gpointer       value,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(QnetFileOp) op = NULL;
  guint64 raw = 0;

  if (value != NULL)
    memset (value, 0, width);
  op = _qnet_file_op_new (self, QNET_FILE_OP_READ_INT, name, cancellable);
  op->int_width = width;
  if (!_qnet_file_op_run (op, error))
    return FALSE;
  for (guint i = 0; i < width; i++)
    raw |= (guint64) op->int_buf[i] << (8 * (le ? i : width - 1 - i));
  if (value == NULL)
    return TRUE;

  switch (width)
    {
    case 1:
      *(guint8 *) value = (guint8) raw;
      break;
    case 2:
      *(guint16 *) value = (guint16) raw;
      break;
    case 4:
      *(guint32 *) value = (guint32) raw;
      break;
    default:
      *(guint64 *) value = raw;
      break;
    }
  return TRUE;
}

/**
 * qnet_file_read_u8:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads an unsigned 8-bit integer. Each integer read raises one
 * [signal@Qnet.File::data-read] per `read(2)` (one, normally); when the
 * file ends before the integer does, it fails with
 * %QNET_FILE_ERROR_READ and consumes nothing.
 *
 * In Python the integer reads return the value (and raise on error); GJS
 * returns `[true, value]`.
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_u8 (QnetFile      *self,
                   guint8        *value,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_u8", 1, FALSE, value, cancellable, error);
}

/**
 * qnet_file_read_u16:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads an unsigned 16-bit big-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_u16 (QnetFile      *self,
                    guint16       *value,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_u16", 2, FALSE, value, cancellable, error);
}

/**
 * qnet_file_read_u32:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads an unsigned 32-bit big-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_u32 (QnetFile      *self,
                    guint32       *value,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_u32", 4, FALSE, value, cancellable, error);
}

/**
 * qnet_file_read_i8:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a signed 8-bit integer; see [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_i8 (QnetFile      *self,
                   gint8         *value,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_i8", 1, FALSE, value, cancellable, error);
}

/**
 * qnet_file_read_i16:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a signed 16-bit big-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_i16 (QnetFile      *self,
                    gint16        *value,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_i16", 2, FALSE, value, cancellable, error);
}

/**
 * qnet_file_read_i32:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a signed 32-bit big-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_i32 (QnetFile      *self,
                    gint32        *value,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_i32", 4, FALSE, value, cancellable, error);
}

/**
 * qnet_file_read_i64:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a signed 64-bit big-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_i64 (QnetFile      *self,
                    gint64        *value,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_i64", 8, FALSE, value, cancellable, error);
}

/**
 * qnet_file_read_u16_le:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads an unsigned 16-bit little-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_u16_le (QnetFile      *self,
                       guint16       *value,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_u16_le", 2, TRUE, value, cancellable, error);
}

/**
 * qnet_file_read_u32_le:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads an unsigned 32-bit little-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_u32_le (QnetFile      *self,
                       guint32       *value,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_u32_le", 4, TRUE, value, cancellable, error);
}

/**
 * qnet_file_read_i16_le:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a signed 16-bit little-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_i16_le (QnetFile      *self,
                       gint16        *value,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_i16_le", 2, TRUE, value, cancellable, error);
}

/**
 * qnet_file_read_i32_le:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a signed 32-bit little-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_i32_le (QnetFile      *self,
                       gint32        *value,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_i32_le", 4, TRUE, value, cancellable, error);
}

/**
 * qnet_file_read_i64_le:
 * @self: a file
 * @value: (out) (optional): return location for the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a signed 64-bit little-endian integer; see
 * [method@Qnet.File.read_u8].
 *
 * Returns: (skip): %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_read_i64_le (QnetFile      *self,
                       gint64        *value,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_read_int (self, "read_i64_le", 8, TRUE, value, cancellable, error);
}

/* ---- Writing ------------------------------------------------------------------ */

/* Writes the low @width bytes of @value in big-endian (or, with @le,
 * little-endian) order. */
static gboolean
file_write_int (QnetFile      *self,
                const char    *name,
                guint64        value,
                guint          width,
                gboolean       le,
                GCancellable  *cancellable,
                GError       **error)
{
  guint8 buf[8];
  g_autoptr(QnetFileOp) op = _qnet_file_op_new (self, QNET_FILE_OP_WRITE_BYTES, name, cancellable);

  for (guint i = 0; i < width; i++)
    buf[i] = (guint8) (value >> (8 * (le ? i : width - 1 - i)));
  op->data = g_bytes_new (buf, width);
  return _qnet_file_op_run (op, error);
}

/**
 * qnet_file_write_i8:
 * @self: a file
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes an 8-bit integer (raising [signal@Qnet.File::data-written]).
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_i8 (QnetFile      *self,
                    gint8          value,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_write_int (self, "write_i8", (guint64) value, 1, FALSE, cancellable, error);
}

/**
 * qnet_file_write_i16:
 * @self: a file
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a 16-bit integer in big-endian byte order.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_i16 (QnetFile      *self,
                     gint16         value,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_write_int (self, "write_i16", (guint64) value, 2, FALSE, cancellable, error);
}

/**
 * qnet_file_write_i32:
 * @self: a file
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a 32-bit integer in big-endian byte order.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_i32 (QnetFile      *self,
                     gint32         value,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_write_int (self, "write_i32", (guint64) value, 4, FALSE, cancellable, error);
}

/**
 * qnet_file_write_i64:
 * @self: a file
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a 64-bit integer (all 8 bytes) in big-endian byte order.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_i64 (QnetFile      *self,
                     gint64         value,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_write_int (self, "write_i64", (guint64) value, 8, FALSE, cancellable, error);
}

/**
 * qnet_file_write_i16_le:
 * @self: a file
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a 16-bit integer in little-endian byte order.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_i16_le (QnetFile      *self,
                        gint16         value,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_write_int (self, "write_i16_le", (guint64) value, 2, TRUE, cancellable, error);
}

/**
 * qnet_file_write_i32_le:
 * @self: a file
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a 32-bit integer in little-endian byte order.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_i32_le (QnetFile      *self,
                        gint32         value,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_write_int (self, "write_i32_le", (guint64) value, 4, TRUE, cancellable, error);
}

/**
 * qnet_file_write_i64_le:
 * @self: a file
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a 64-bit integer (all 8 bytes) in little-endian byte order.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_i64_le (QnetFile      *self,
                        gint64         value,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return file_write_int (self, "write_i64_le", (guint64) value, 8, TRUE, cancellable, error);
}
