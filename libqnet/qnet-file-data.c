/* qnet-file-data.c: reading and writing text, bytes and integers with QnetFile
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-file-private.h"

/**
 * qnet_file_read:
 * @self: a file
 * @size: the number of characters to read, or -1 to read to the end
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads text: up to @size characters (not bytes, as in Qore since
 * 0.8.13), decoded from the file's encoding. Fewer are returned at the
 * end of the file, and an empty string when nothing is left. A character
 * is never split; what was read beyond it stays in the read-ahead buffer
 * for the next read.
 *
 * Bytes that are not valid in the encoding, a character cut by the end
 * of the file, or a NUL character (read such files with
 * [method@Qnet.File.read_bytes]) fail with %QNET_FILE_ERROR_ENCODING and
 * consume nothing.
 *
 * Returns: (transfer full): the text, in UTF-8, or %NULL on error
 *
 * Since: 1.0
 */
char *
qnet_file_read (QnetFile      *self,
                gssize         size,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), NULL);
  g_return_val_if_fail (size >= -1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  op = _qnet_file_op_new (self, QNET_FILE_OP_READ, "read", cancellable);
  op->size = size;
  if (!_qnet_file_op_run (op, error))
    return NULL;
  return g_steal_pointer (&op->result_text);
}

/**
 * qnet_file_read_async:
 * @self: a file
 * @size: the number of characters to read, or -1 to read to the end
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the text was read
 * @user_data: data for @callback
 *
 * Reads text asynchronously; see [method@Qnet.File.read].
 *
 * Since: 1.0
 */
void
qnet_file_read_async (QnetFile            *self,
                      gssize               size,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  QnetFileOp *op;

  g_return_if_fail (QNET_IS_FILE (self));
  g_return_if_fail (size >= -1);

  op = _qnet_file_op_new (self, QNET_FILE_OP_READ, "read", cancellable);
  op->size = size;
  _qnet_file_op_start_async (op, qnet_file_read_async, callback, user_data);
}

/**
 * qnet_file_read_finish:
 * @self: a file
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.File.read_async].
 *
 * Returns: (transfer full): the text, in UTF-8, or %NULL on error
 *
 * Since: 1.0
 */
char *
qnet_file_read_finish (QnetFile      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, qnet_file_read_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * qnet_file_read_bytes:
 * @self: a file
 * @size: the number of bytes to read, or -1 to read to the end
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads up to @size bytes, in blocks of 16 KiB (one
 * [signal@Qnet.File::data-read] per block, with cumulative totals, as in
 * Qore). Fewer bytes are returned at the end of the file, and empty
 * bytes when nothing is left. One call returns at most 2 GiB.
 *
 * Returns: (transfer full): the bytes read, or %NULL on error
 *
 * Since: 1.0
 */
GBytes *
qnet_file_read_bytes (QnetFile      *self,
                      gssize         size,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), NULL);
  g_return_val_if_fail (size >= -1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  op = _qnet_file_op_new (self, QNET_FILE_OP_READ_BYTES, "read_bytes", cancellable);
  op->size = size;
  if (!_qnet_file_op_run (op, error))
    return NULL;
  return g_steal_pointer (&op->result_bytes);
}

/**
 * qnet_file_read_bytes_async:
 * @self: a file
 * @size: the number of bytes to read, or -1 to read to the end
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the bytes were read
 * @user_data: data for @callback
 *
 * Reads bytes asynchronously; see [method@Qnet.File.read_bytes].
 *
 * Since: 1.0
 */
void
qnet_file_read_bytes_async (QnetFile            *self,
                            gssize               size,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QnetFileOp *op;

  g_return_if_fail (QNET_IS_FILE (self));
  g_return_if_fail (size >= -1);

  op = _qnet_file_op_new (self, QNET_FILE_OP_READ_BYTES, "read_bytes", cancellable);
  op->size = size;
  _qnet_file_op_start_async (op, qnet_file_read_bytes_async, callback, user_data);
}

/**
 * qnet_file_read_bytes_finish:
 * @self: a file
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.File.read_bytes_async].
 *
 * Returns: (transfer full): the bytes read, or %NULL on error
 *
 * Since: 1.0
 */
GBytes *
qnet_file_read_bytes_finish (QnetFile      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, qnet_file_read_bytes_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * qnet_file_read_line:
 * @self: a file
 * @include_eol: whether the returned line keeps its end-of-line characters
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads one line of text. In encodings where ASCII bytes mean ASCII
 * characters (UTF-8, ISO-8859-*…) a line ends with LF, CR LF or a lone
 * CR, as Qore detects them; in others (UTF-16, UTF-32) with LF, and a CR
 * before it is dropped with it when @include_eol is %FALSE. The last line
 * may have no end-of-line. The file is read in blocks; what follows the
 * line stays in the read-ahead buffer. A line longer than 64 MiB fails
 * with %QNET_FILE_ERROR_READ.
 *
 * Returns: (transfer full) (nullable): the line, in UTF-8, or %NULL at the
 *   end of the file (with @error unset) or on error
 *
 * Since: 1.0
 */
char *
qnet_file_read_line (QnetFile      *self,
                     gboolean       include_eol,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  op = _qnet_file_op_new (self, QNET_FILE_OP_READ_LINE, "read_line", cancellable);
  op->include_eol = include_eol;
  if (!_qnet_file_op_run (op, error))
    return NULL;
  return g_steal_pointer (&op->result_text);
}

/**
 * qnet_file_read_line_async:
 * @self: a file
 * @include_eol: whether the returned line keeps its end-of-line characters
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the line was read
 * @user_data: data for @callback
 *
 * Reads one line of text asynchronously; see [method@Qnet.File.read_line].
 *
 * Since: 1.0
 */
void
qnet_file_read_line_async (QnetFile            *self,
                           gboolean             include_eol,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  QnetFileOp *op;

  g_return_if_fail (QNET_IS_FILE (self));

  op = _qnet_file_op_new (self, QNET_FILE_OP_READ_LINE, "read_line", cancellable);
  op->include_eol = include_eol;
  _qnet_file_op_start_async (op, qnet_file_read_line_async, callback, user_data);
}

/**
 * qnet_file_read_line_finish:
 * @self: a file
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.File.read_line_async].
 *
 * Returns: (transfer full) (nullable): the line, or %NULL at the end of
 *   the file (with @error unset) or on error
 *
 * Since: 1.0
 */
char *
qnet_file_read_line_finish (QnetFile      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, qnet_file_read_line_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Writing */

static QnetFileOp *
file_op_new_write (QnetFile     *self,
                   const char   *name,
                   const char   *text,
                   GCancellable *cancellable)
{
  QnetFileOp *op = _qnet_file_op_new (self, QNET_FILE_OP_WRITE, name, cancellable);

  op->text = g_strdup (text);
  return op;
}

/**
 * qnet_file_write:
 * @self: a file
 * @text: the text to write, in UTF-8
 * @cancellable: (nullable): a #GCancellable, checked before each `write(2)`
 * @error: return location for a #GError
 *
 * Writes text, converted to the file's encoding. A short write is
 * retried until all is written, each `write(2)` raising
 * [signal@Qnet.File::data-written]. Text the encoding cannot represent
 * fails with %QNET_FILE_ERROR_ENCODING before anything is written; a
 * file not opened for writing fails with %QNET_FILE_ERROR_WRITE; system
 * errors use %G_IO_ERROR (%G_IO_ERROR_NO_SPACE when the disk is full),
 * after the events of what was written.
 *
 * Returns: %TRUE if everything was written
 *
 * Since: 1.0
 */
gboolean
qnet_file_write (QnetFile      *self,
                 const char    *text,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = file_op_new_write (self, "write", text, cancellable);
  return _qnet_file_op_run (op, error);
}

/**
 * qnet_file_write_async:
 * @self: a file
 * @text: the text to write, in UTF-8
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the text was written
 * @user_data: data for @callback
 *
 * Writes text asynchronously; see [method@Qnet.File.write].
 *
 * Since: 1.0
 */
void
qnet_file_write_async (QnetFile            *self,
                       const char          *text,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (QNET_IS_FILE (self));
  g_return_if_fail (text != NULL);

  _qnet_file_op_start_async (file_op_new_write (self, "write", text, cancellable),
                       qnet_file_write_async, callback, user_data);
}

/**
 * qnet_file_write_finish:
 * @self: a file
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.File.write_async].
 *
 * Returns: %TRUE if everything was written
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_finish (QnetFile      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, qnet_file_write_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * qnet_file_print:
 * @self: a file
 * @text: the text to write, in UTF-8
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes text, like [method@Qnet.File.write] (Qore's `File::print()`;
 * there is no formatting: format the text first). PyGObject names this
 * method `print_()`.
 *
 * Returns: %TRUE if everything was written
 *
 * Since: 1.0
 */
gboolean
qnet_file_print (QnetFile      *self,
                 const char    *text,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = file_op_new_write (self, "print", text, cancellable);
  return _qnet_file_op_run (op, error);
}

static QnetFileOp *
file_op_new_write_bytes (QnetFile     *self,
                         const char   *name,
                         GBytes       *bytes,
                         GCancellable *cancellable)
{
  QnetFileOp *op = _qnet_file_op_new (self, QNET_FILE_OP_WRITE_BYTES, name, cancellable);

  op->data = g_bytes_ref (bytes);
  return op;
}

/**
 * qnet_file_write_bytes:
 * @self: a file
 * @bytes: the bytes to write
 * @cancellable: (nullable): a #GCancellable, checked before each `write(2)`
 * @error: return location for a #GError
 *
 * Writes bytes as they are; see [method@Qnet.File.write] for the events
 * and errors.
 *
 * Returns: %TRUE if everything was written
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_bytes (QnetFile      *self,
                       GBytes        *bytes,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = file_op_new_write_bytes (self, "write_bytes", bytes, cancellable);
  return _qnet_file_op_run (op, error);
}

/**
 * qnet_file_write_bytes_async:
 * @self: a file
 * @bytes: the bytes to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the bytes were written
 * @user_data: data for @callback
 *
 * Writes bytes asynchronously; see [method@Qnet.File.write_bytes].
 *
 * Since: 1.0
 */
void
qnet_file_write_bytes_async (QnetFile            *self,
                             GBytes              *bytes,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (QNET_IS_FILE (self));
  g_return_if_fail (bytes != NULL);

  _qnet_file_op_start_async (file_op_new_write_bytes (self, "write_bytes", bytes, cancellable),
                       qnet_file_write_bytes_async, callback, user_data);
}

/**
 * qnet_file_write_bytes_finish:
 * @self: a file
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.File.write_bytes_async].
 *
 * Returns: %TRUE if everything was written
 *
 * Since: 1.0
 */
gboolean
qnet_file_write_bytes_finish (QnetFile      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, qnet_file_write_bytes_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
