/* qnet-file.c: a file whose every operation is an event
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qnet-enum-types.h"
#include "qnet-error.h"
#include "qnet-file-private.h"

/**
 * QnetFile:
 *
 * A file on disk (or a device or FIFO) that reports what it does as
 * events, like the `File` class of the Qore language.
 *
 * ```c
 * g_autoptr(QnetFile) file = qnet_file_new (NULL);
 * g_autoptr(GError) error = NULL;
 *
 * g_signal_connect (file, "data-written", G_CALLBACK (on_data_written), NULL);
 * if (!qnet_file_open (file, "/tmp/hello.txt",
 *                      QNET_FILE_OPEN_WRITE | QNET_FILE_OPEN_CREATE | QNET_FILE_OPEN_TRUNCATE,
 *                      0644, NULL, NULL, &error) ||
 *     !qnet_file_write (file, "Hello\n", NULL, &error))
 *   g_printerr ("%s\n", error->message);
 * ```
 *
 * Every operation raises the events of Qore's file class: `open-file`
 * before the file is opened (also when that then fails), `file-opened`
 * after, `data-read` after every `read(2)` that returned data,
 * `data-written` after every `write(2)`, `channel-closed` when the open
 * descriptor is closed for any reason (close, re-open, disposal), and
 * `deleted` when the object is disposed. Every operation that returns a
 * [struct@GLib.Error] also raises `operation-failed`. See
 * [class@Qnet.Emitter] for the three ways to receive them.
 *
 * ## Blocking and asynchronous forms
 *
 * Each operation that may block on the disk has a blocking form and an
 * `_async`/`_finish` pair. The asynchronous form does the I/O in a worker
 * thread, records what happened there, and raises the very same events,
 * in the same order, on the thread-default main context of the caller,
 * before its callback runs. One operation runs at a time per file: another
 * call while one is in progress (including from an event handler) fails
 * with %G_IO_ERROR_PENDING.
 *
 * ## Text
 *
 * A file has a character encoding ([property@Qnet.File:encoding], UTF-8
 * by default). [method@Qnet.File.read], [method@Qnet.File.read_line],
 * [method@Qnet.File.write] and [method@Qnet.File.print] convert between
 * it and the UTF-8 of the API; the byte and integer methods do not.
 * Sizes given to [method@Qnet.File.read] count characters, as in Qore
 * since 0.8.13; a character is never split. Bytes that do not decode
 * fail with %QNET_FILE_ERROR_ENCODING and consume nothing. A
 * byte-order mark (UTF-16, UTF-32) is written only at the start of a
 * file and honoured when reading from anywhere in it.
 *
 * ## Reading ahead and failed reads
 *
 * Text and line reads read the file in blocks and keep what they did
 * not return in a read-ahead buffer that the next read uses first;
 * [method@Qnet.File.get_position] accounts for it, and writing or
 * seeking drops it, so the position is always the one the caller
 * expects. A read that fails consumes nothing: the bytes it had read
 * stay in the buffer and the position does not move.
 *
 * Since: 1.0
 */

G_DEFINE_FINAL_TYPE (QnetFile, qnet_file, QNET_TYPE_EMITTER)

enum
{
  PROP_0,
  PROP_ENCODING,
  PROP_FILENAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Owner-thread state */

void
_qnet_file_set_filename (QnetFile   *self,
                   const char *filename)
{
  if (g_strcmp0 (self->filename, filename) == 0)
    return;
  g_free (self->filename);
  self->filename = g_strdup (filename);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILENAME]);
}

void
_qnet_file_store_encoding (QnetFile   *self,
                     const char *encoding)
{
  g_autofree char *name = _qnet_file_canonical_encoding (encoding);

  if (g_strcmp0 (self->encoding, name) == 0)
    return;
  g_free (self->encoding);
  self->encoding = g_steal_pointer (&name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
}

/* GObject */

static void
qnet_file_dispose (GObject *object)
{
  QnetFile *self = QNET_FILE (object);

  _qnet_file_close_on_dispose (self);

  G_OBJECT_CLASS (qnet_file_parent_class)->dispose (object);
}

static void
qnet_file_finalize (GObject *object)
{
  QnetFile *self = QNET_FILE (object);

  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->rbuf, g_byte_array_unref);
  _qnet_file_codec_clear (&self->codec);

  G_OBJECT_CLASS (qnet_file_parent_class)->finalize (object);
}

static void
qnet_file_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  QnetFile *self = QNET_FILE (object);

  switch (prop_id)
    {
    case PROP_ENCODING:
      g_value_set_string (value, self->encoding);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_file_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  QnetFile *self = QNET_FILE (object);

  switch (prop_id)
    {
    case PROP_ENCODING:
      _qnet_file_store_encoding (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_file_class_init (QnetFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qnet_file_dispose;
  object_class->finalize = qnet_file_finalize;
  object_class->get_property = qnet_file_get_property;
  object_class->set_property = qnet_file_set_property;

  /**
   * QnetFile:encoding: (getter get_encoding)
   *
   * The character encoding of the file's text, e.g. `"UTF-8"` (the
   * default) or `"ISO-8859-1"`: any name iconv knows. Names are kept in
   * upper case and the aliases of UTF-8 become `"UTF-8"`.
   *
   * Setting the property accepts any name and never fails; an unknown
   * name makes the next text operation and [method@Qnet.File.open] fail
   * with %QNET_FILE_ERROR_INVALID_ENCODING. Use
   * [method@Qnet.File.set_encoding] to be told at once.
   *
   * Since: 1.0
   */
  properties[PROP_ENCODING] =
    g_param_spec_string ("encoding", NULL, NULL, "UTF-8",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                           G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetFile:filename: (getter get_filename)
   *
   * The path of the open file as it was given to [method@Qnet.File.open],
   * or %NULL when no file is open.
   *
   * Since: 1.0
   */
  properties[PROP_FILENAME] =
    g_param_spec_string ("filename", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QnetFile::open-file:
   * @self: the file
   * @filename: the path as given
   * @flags: the [flags@Qnet.FileOpenFlags] used (%QNET_FILE_OPEN_READ when
   *   none were given)
   * @mode: the permission bits given for a new file
   * @encoding: the character encoding of the file
   *
   * Raised just before a file is opened, also when opening it then fails
   * (Qore's `EVENT_OPEN_FILE`). Re-opening raises
   * [signal@Qnet.Emitter::channel-closed] for the previous file first.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_OPEN_FILE, G_TYPE_NONE);

  /**
   * QnetFile::file-opened:
   * @self: the file
   * @filename: the path as given
   * @flags: the [flags@Qnet.FileOpenFlags] used
   * @mode: the permission bits given for a new file
   * @encoding: the character encoding of the file
   *
   * Raised after a file was opened (Qore's `EVENT_FILE_OPENED`); not when
   * opening failed.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_FILE_OPENED, G_TYPE_NONE);

  /**
   * QnetFile::data-read:
   * @self: the file
   * @read: the number of bytes this `read(2)` returned
   * @total_read: the bytes read by this operation so far
   * @total_to_read: the bytes the operation asked for, or -1 when that is
   *   not known in advance (reading to the end, text and line reads)
   *
   * Raised after every `read(2)` that returned data (Qore's
   * `EVENT_DATA_READ`). Byte reads read 16 KiB blocks; text and line
   * reads read blocks ahead, so data they return from the read-ahead
   * buffer raises nothing again.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_DATA_READ, G_TYPE_NONE);

  /**
   * QnetFile::data-written:
   * @self: the file
   * @written: the number of bytes this `write(2)` wrote
   * @total_written: the bytes written by this operation so far
   * @total_to_write: the bytes the operation writes in all
   *
   * Raised after every `write(2)` (Qore's `EVENT_DATA_WRITTEN`). A short
   * write is retried until everything is written, and each `write(2)`
   * raises one event.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_DATA_WRITTEN, G_TYPE_NONE);
}

static void
qnet_file_init (QnetFile *self)
{
  self->fd = -1;
  self->rbuf = g_byte_array_new ();
  self->encoding = g_strdup ("UTF-8");
  _qnet_emitter_set_default_source (QNET_EMITTER (self), QNET_EVENT_SOURCE_FILE);
}

/* Public API */

/**
 * qnet_file_new:
 * @encoding: (nullable): the character encoding of the file's text, or
 *   %NULL for UTF-8
 *
 * Creates a file object with no file open. The encoding is not checked
 * here (see [property@Qnet.File:encoding]).
 *
 * Returns: (transfer full): a new [class@Qnet.File]
 *
 * Since: 1.0
 */
QnetFile *
qnet_file_new (const char *encoding)
{
  return g_object_new (QNET_TYPE_FILE, "encoding", encoding, NULL);
}

/**
 * qnet_file_get_encoding:
 * @self: a file
 *
 * Gets the character encoding of the file's text.
 *
 * Returns: (transfer none): the canonical encoding name
 *
 * Since: 1.0
 */
const char *
qnet_file_get_encoding (QnetFile *self)
{
  g_return_val_if_fail (QNET_IS_FILE (self), NULL);

  return self->encoding;
}

/**
 * qnet_file_set_encoding:
 * @self: a file
 * @encoding: (nullable): a character encoding name, or %NULL for UTF-8
 * @error: return location for a #GError
 *
 * Sets the character encoding of the file's text after checking that it
 * is known, unlike setting [property@Qnet.File:encoding]. Unknown names
 * fail with %QNET_FILE_ERROR_INVALID_ENCODING and leave the encoding as
 * it was. It takes effect with the next text operation.
 *
 * Returns: %TRUE if the encoding was set
 *
 * Since: 1.0
 */
gboolean
qnet_file_set_encoding (QnetFile    *self,
                        const char  *encoding,
                        GError     **error)
{
  QnetFileCodec codec;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_qnet_file_codec_init (&codec, encoding, &local_error))
    {
      _qnet_emitter_operation_failed (QNET_EMITTER (self), "set_encoding", local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _qnet_file_codec_clear (&codec);
  _qnet_file_store_encoding (self, encoding);
  return TRUE;
}

/**
 * qnet_file_get_filename:
 * @self: a file
 *
 * Gets the path of the open file.
 *
 * Returns: (transfer none) (nullable) (type filename): the path given to
 *   [method@Qnet.File.open], or %NULL when no file is open
 *
 * Since: 1.0
 */
const char *
qnet_file_get_filename (QnetFile *self)
{
  g_return_val_if_fail (QNET_IS_FILE (self), NULL);

  return self->filename;
}

/**
 * qnet_file_is_open:
 * @self: a file
 *
 * Tells whether a file is open.
 *
 * Returns: %TRUE if a file is open
 *
 * Since: 1.0
 */
gboolean
qnet_file_is_open (QnetFile *self)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);

  return g_atomic_int_get (&self->fd) >= 0;
}

static QnetFileOp *
file_op_new_open (QnetFile          *self,
                  const char        *path,
                  QnetFileOpenFlags  flags,
                  int                mode,
                  const char        *encoding,
                  GCancellable      *cancellable)
{
  QnetFileOp *op = _qnet_file_op_new (self, QNET_FILE_OP_OPEN, "open", cancellable);

  op->path = g_strdup (path);
  op->flags = flags == 0 ? QNET_FILE_OPEN_READ : flags;
  op->mode = mode;
  if (encoding != NULL)
    {
      g_free (op->encoding);
      op->encoding = g_strdup (encoding);
    }
  return op;
}

/**
 * qnet_file_open:
 * @self: a file
 * @path: (type filename): the path of the file
 * @flags: how to open it; no flags at all means %QNET_FILE_OPEN_READ
 * @mode: the permission bits of a file that @flags create (e.g. `0644`),
 *   modified by the umask
 * @encoding: (nullable): the character encoding of the file's text, or
 *   %NULL to keep [property@Qnet.File:encoding]
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens a file, closing the one that is open first (which raises
 * [signal@Qnet.Emitter::channel-closed]). Raises
 * [signal@Qnet.File::open-file] before `open(2)` and
 * [signal@Qnet.File::file-opened] after it succeeded.
 *
 * Errors from the system use %G_IO_ERROR (%G_IO_ERROR_NOT_FOUND,
 * %G_IO_ERROR_PERMISSION_DENIED, %G_IO_ERROR_EXISTS with
 * %QNET_FILE_OPEN_EXCLUSIVE, %G_IO_ERROR_IS_DIRECTORY…); an unknown
 * @encoding fails with %QNET_FILE_ERROR_INVALID_ENCODING and
 * %QNET_FILE_OPEN_TRUNCATE or %QNET_FILE_OPEN_APPEND without
 * %QNET_FILE_OPEN_WRITE with %G_IO_ERROR_INVALID_ARGUMENT, both before
 * anything else happens.
 *
 * Returns: %TRUE if the file was opened
 *
 * Since: 1.0
 */
gboolean
qnet_file_open (QnetFile          *self,
                const char        *path,
                QnetFileOpenFlags  flags,
                int                mode,
                const char        *encoding,
                GCancellable      *cancellable,
                GError           **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail ((flags & ~QNET_FILE_OPEN_ALL_FLAGS) == 0, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = file_op_new_open (self, path, flags, mode, encoding, cancellable);
  return _qnet_file_op_run (op, error);
}

/**
 * qnet_file_open_async:
 * @self: a file
 * @path: (type filename): the path of the file
 * @flags: how to open it; no flags at all means %QNET_FILE_OPEN_READ
 * @mode: the permission bits of a file that @flags create
 * @encoding: (nullable): the character encoding of the file's text, or
 *   %NULL to keep [property@Qnet.File:encoding]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the file was opened or failed to
 * @user_data: data for @callback
 *
 * Opens a file asynchronously; see [method@Qnet.File.open]. The events
 * are the same, raised on the thread-default main context of the caller
 * before @callback runs.
 *
 * Since: 1.0
 */
void
qnet_file_open_async (QnetFile            *self,
                      const char          *path,
                      QnetFileOpenFlags    flags,
                      int                  mode,
                      const char          *encoding,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (QNET_IS_FILE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail ((flags & ~QNET_FILE_OPEN_ALL_FLAGS) == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _qnet_file_op_start_async (file_op_new_open (self, path, flags, mode, encoding, cancellable),
                       qnet_file_open_async, callback, user_data);
}

/**
 * qnet_file_open_finish:
 * @self: a file
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.File.open_async].
 *
 * Returns: %TRUE if the file was opened
 *
 * Since: 1.0
 */
gboolean
qnet_file_open_finish (QnetFile      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, qnet_file_open_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * qnet_file_close:
 * @self: a file
 * @cancellable: (nullable): a #GCancellable; closing happens even when it
 *   is cancelled
 * @error: return location for a #GError
 *
 * Closes the open file, raising [signal@Qnet.Emitter::channel-closed].
 * Closing a file that is not open does nothing and succeeds. When
 * `close(2)` reports an error (data may not have reached the disk) the
 * file is closed all the same and the error is returned.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_close (QnetFile      *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = _qnet_file_op_new (self, QNET_FILE_OP_CLOSE, "close", cancellable);
  return _qnet_file_op_run (op, error);
}

/**
 * qnet_file_close_async:
 * @self: a file
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the file is closed
 * @user_data: data for @callback
 *
 * Closes the open file asynchronously; see [method@Qnet.File.close].
 *
 * Since: 1.0
 */
void
qnet_file_close_async (QnetFile            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (QNET_IS_FILE (self));

  _qnet_file_op_start_async (_qnet_file_op_new (self, QNET_FILE_OP_CLOSE, "close", cancellable),
                       qnet_file_close_async, callback, user_data);
}

/**
 * qnet_file_close_finish:
 * @self: a file
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.File.close_async].
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_close_finish (QnetFile      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, qnet_file_close_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * qnet_file_sync:
 * @self: a file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Flushes the file's data to the disk (`fsync(2)`). Fails with
 * %QNET_FILE_ERROR_OPERATION where that is not possible (pipes,
 * devices).
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_sync (QnetFile      *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = _qnet_file_op_new (self, QNET_FILE_OP_SYNC, "sync", cancellable);
  return _qnet_file_op_run (op, error);
}

/**
 * qnet_file_sync_async:
 * @self: a file
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the data is on the disk
 * @user_data: data for @callback
 *
 * Flushes the file's data to the disk asynchronously; see
 * [method@Qnet.File.sync].
 *
 * Since: 1.0
 */
void
qnet_file_sync_async (QnetFile            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (QNET_IS_FILE (self));

  _qnet_file_op_start_async (_qnet_file_op_new (self, QNET_FILE_OP_SYNC, "sync", cancellable),
                       qnet_file_sync_async, callback, user_data);
}

/**
 * qnet_file_sync_finish:
 * @self: a file
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.File.sync_async].
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_sync_finish (QnetFile      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, qnet_file_sync_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Position, size, locks */

/**
 * qnet_file_set_position:
 * @self: a file
 * @offset: the new position, in bytes from the start of the file
 * @error: return location for a #GError
 *
 * Moves to @offset (and drops the read-ahead buffer). A negative offset
 * fails with %G_IO_ERROR_INVALID_ARGUMENT, an unseekable file with
 * %QNET_FILE_ERROR_OPERATION.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_set_position (QnetFile  *self,
                        gint64     offset,
                        GError   **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = _qnet_file_op_new (self, QNET_FILE_OP_SET_POSITION, "set_position", NULL);
  op->offset = offset;
  return _qnet_file_op_run (op, error);
}

/**
 * qnet_file_get_position:
 * @self: a file
 * @error: return location for a #GError
 *
 * Gets the position where the next read or write happens, in bytes from
 * the start of the file (data in the read-ahead buffer counts as not yet
 * read).
 *
 * Returns: the position, or -1 on error
 *
 * Since: 1.0
 */
gint64
qnet_file_get_position (QnetFile  *self,
                        GError   **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  op = _qnet_file_op_new (self, QNET_FILE_OP_GET_POSITION, "get_position", NULL);
  if (!_qnet_file_op_run (op, error))
    return -1;
  return op->result_int;
}

/**
 * qnet_file_get_size:
 * @self: a file
 * @error: return location for a #GError
 *
 * Gets the size of the open file (`fstat(2)`).
 *
 * Returns: the size in bytes, or -1 on error
 *
 * Since: 1.0
 */
gint64
qnet_file_get_size (QnetFile  *self,
                    GError   **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  op = _qnet_file_op_new (self, QNET_FILE_OP_GET_SIZE, "get_size", NULL);
  if (!_qnet_file_op_run (op, error))
    return -1;
  return op->result_int;
}

/**
 * qnet_file_lock:
 * @self: a file
 * @exclusive: %TRUE for an exclusive (write) lock, which needs the file
 *   open for writing; %FALSE for a shared (read) lock, which needs it open
 *   for reading
 * @error: return location for a #GError
 *
 * Locks the whole file with an advisory `fcntl(2)` record lock, without
 * waiting: when another open file holds a conflicting lock it fails at
 * once with %QNET_FILE_ERROR_LOCK (so do other failures). On Linux the
 * lock belongs to this open file (an "open file description" lock): other
 * [class@Qnet.File] objects of the same process conflict with it too, and
 * closing another descriptor of the same file does not release it. Other
 * processes see it as a POSIX record lock. Locking again changes the
 * lock's kind; closing the file releases it.
 *
 * Returns: %TRUE if the file is locked
 *
 * Since: 1.0
 */
gboolean
qnet_file_lock (QnetFile  *self,
                gboolean   exclusive,
                GError   **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = _qnet_file_op_new (self, QNET_FILE_OP_LOCK, "lock", NULL);
  op->exclusive = exclusive;
  return _qnet_file_op_run (op, error);
}

/**
 * qnet_file_unlock:
 * @self: a file
 * @error: return location for a #GError
 *
 * Releases the lock taken by [method@Qnet.File.lock]; unlocking a file
 * that is not locked succeeds.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_file_unlock (QnetFile  *self,
                  GError   **error)
{
  g_autoptr(QnetFileOp) op = NULL;

  g_return_val_if_fail (QNET_IS_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = _qnet_file_op_new (self, QNET_FILE_OP_UNLOCK, "unlock", NULL);
  return _qnet_file_op_run (op, error);
}
