/* qnet-file-io.c: the operations of QnetFile (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every public operation of QnetFile builds a QnetFileOp and runs it here.
 * The core functions (file_core_*) do the I/O and report what happened as
 * facts: the blocking form raises each fact as an event at once, on the
 * caller's thread; the asynchronous form runs the core in a worker thread,
 * records the facts, and raises them on the caller's thread-default main
 * context before the callback runs. One operation runs at a time per file
 * (self->busy), so the core owns the I/O state while it runs.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-file-private.h"

typedef enum
{
  FACT_CHANNEL_CLOSED,
  FACT_OPEN_FILE,
  FACT_FILE_OPENED,
  FACT_DATA_READ,
  FACT_DATA_WRITTEN,
} FactKind;

/* What happened during an operation, to be raised as an event. */
typedef struct
{
  FactKind kind;
  gint64 a;
  gint64 b;
  gint64 c;
} Fact;

QnetFileOp *
_qnet_file_op_new (QnetFile     *self,
             QnetFileOpKind    kind,
             const char   *name,
             GCancellable *cancellable)
{
  QnetFileOp *op = g_new0 (QnetFileOp, 1);

  op->self = g_object_ref (self);
  op->kind = kind;
  op->name = name;
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->encoding = g_strdup (self->encoding);
  return op;
}

void
_qnet_file_op_free (gpointer data)
{
  QnetFileOp *op = data;

  g_clear_object (&op->self);
  g_clear_object (&op->cancellable);
  g_clear_pointer (&op->facts, g_array_unref);
  g_clear_pointer (&op->encoding, g_free);
  g_clear_pointer (&op->path, g_free);
  g_clear_pointer (&op->text, g_free);
  g_clear_pointer (&op->data, g_bytes_unref);
  g_clear_pointer (&op->result_text, g_free);
  g_clear_pointer (&op->result_bytes, g_bytes_unref);
  g_clear_error (&op->error);
  g_free (op);
}

/* Events */

static void
file_emit_fact (QnetFileOp     *op,
                const Fact *fact)
{
  QnetEmitter *emitter = QNET_EMITTER (op->self);

  switch (fact->kind)
    {
    case FACT_CHANNEL_CLOSED:
      _qnet_emitter_emit (emitter, QNET_EVENT_CHANNEL_CLOSED);
      break;
    case FACT_OPEN_FILE:
      _qnet_emitter_set_label (emitter, op->path);
      _qnet_emitter_emit (emitter, QNET_EVENT_OPEN_FILE, op->path, (gint64) op->flags,
                          (gint64) op->mode, op->encoding);
      break;
    case FACT_FILE_OPENED:
      _qnet_emitter_emit (emitter, QNET_EVENT_FILE_OPENED, op->path, (gint64) op->flags,
                          (gint64) op->mode, op->encoding);
      break;
    case FACT_DATA_READ:
      _qnet_emitter_emit (emitter, QNET_EVENT_DATA_READ, fact->a, fact->b, fact->c);
      break;
    case FACT_DATA_WRITTEN:
      _qnet_emitter_emit (emitter, QNET_EVENT_DATA_WRITTEN, fact->a, fact->b, fact->c);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Raises an event now (blocking form) or records it for the owner's
 * context (asynchronous form). */
static void
file_op_fact (QnetFileOp   *op,
              FactKind  kind,
              gint64    a,
              gint64    b,
              gint64    c)
{
  Fact fact = { kind, a, b, c };

  if (op->deferred)
    g_array_append_val (op->facts, fact);
  else
    file_emit_fact (op, &fact);
}

/* Errors */

static gboolean file_set_errno_error (GError    **error,
                                      int         error_number,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (3, 4);

/* A G_IO_ERROR for @error_number; the message is @format and its
 * arguments (the path and g_strerror() of the same errno, by convention). */
static gboolean
file_set_errno_error (GError    **error,
                      int         error_number,
                      const char *format,
                      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (error_number), message);
  return FALSE;
}

static gboolean
file_check_open (QnetFile *self,
                 GError  **error)
{
  if (self->fd >= 0)
    return TRUE;
  g_set_error_literal (error, QNET_FILE_ERROR, QNET_FILE_ERROR_NOT_OPEN, _("The file is not open"));
  return FALSE;
}

static gboolean
file_check_readable (QnetFile *self,
                     GError  **error)
{
  if (!file_check_open (self, error))
    return FALSE;
  if ((self->flags & QNET_FILE_OPEN_READ) != 0)
    return TRUE;
  g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ, _("“%s” is not open for reading"),
               self->path);
  return FALSE;
}

static gboolean
file_check_writable (QnetFile *self,
                     GError  **error)
{
  if (!file_check_open (self, error))
    return FALSE;
  if ((self->flags & QNET_FILE_OPEN_WRITE) != 0)
    return TRUE;
  g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_WRITE, _("“%s” is not open for writing"),
               self->path);
  return FALSE;
}

/* The read-ahead buffer */

static inline gsize
file_buffered (QnetFile *self)
{
  return self->rbuf->len - self->rpos;
}

static inline const guint8 *
file_buffered_data (QnetFile *self)
{
  /* An empty GByteArray has no data pointer: no offset on NULL. */
  return self->rbuf->data != NULL ? self->rbuf->data + self->rpos : self->rbuf->data;
}

static void
file_consume (QnetFile *self,
              gsize     n)
{
  g_assert (n <= file_buffered (self));
  self->rpos += n;
  if (self->rpos == self->rbuf->len)
    {
      g_byte_array_set_size (self->rbuf, 0);
      self->rpos = 0;
    }
}

static void
file_drop_read_ahead (QnetFile *self)
{
  g_byte_array_set_size (self->rbuf, 0);
  self->rpos = 0;
}

/* Moves the descriptor back over what was read ahead, so a write or a
 * position query sees the caller's position. Unseekable files (pipes)
 * keep their read-ahead: writing does not touch it. */
static gboolean
file_unread_ahead (QnetFile *self,
                   GError  **error)
{
  gsize n = file_buffered (self);

  if (n == 0)
    return TRUE;
  if (lseek (self->fd, -(off_t) n, SEEK_CUR) < 0)
    {
      if (errno == ESPIPE)
        return TRUE;
      g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_OPERATION,
                   _("Cannot seek in “%s”: %s"), self->path, g_strerror (errno));
      return FALSE;
    }
  file_drop_read_ahead (self);
  return TRUE;
}

static gboolean
file_too_large_error (QnetFile *self,
                      GError  **error)
{
  g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ,
               _("Cannot read more than %llu bytes of “%s” at once"),
               (unsigned long long) QNET_FILE_MAX_READ, self->path);
  return FALSE;
}

/* One read(2) of at most @request bytes, appended to the read-ahead.
 * Raises data-read. Returns the number of bytes read, 0 at the end of the
 * file, -1 on error. */
static gssize
file_fill (QnetFileOp  *op,
           gsize    request,
           gint64  *total_read,
           gint64   total_to_read,
           GError **error)
{
  QnetFile *self = op->self;
  gsize old;
  gssize n;

  if (g_cancellable_set_error_if_cancelled (op->cancellable, error))
    return -1;
  if (file_buffered (self) + request > QNET_FILE_MAX_READ)
    {
      file_too_large_error (self, error);
      return -1;
    }

  if (self->rpos > 0)
    {
      g_byte_array_remove_range (self->rbuf, 0, (guint) self->rpos);
      self->rpos = 0;
    }

  old = self->rbuf->len;
  g_byte_array_set_size (self->rbuf, (guint) (old + request));
  do
    n = read (self->fd, self->rbuf->data + old, request);
  while (n < 0 && errno == EINTR);
  g_byte_array_set_size (self->rbuf, (guint) (old + MAX (n, 0)));

  if (n < 0)
    {
      file_set_errno_error (error, errno, _("Error reading “%s”: %s"),
                            self->path, g_strerror (errno));
      return -1;
    }
  if (n > 0)
    {
      *total_read += n;
      file_op_fact (op, FACT_DATA_READ, (gint64) n, *total_read, total_to_read);
    }
  return n;
}

/* Text */

static const QnetFileCodec *
file_get_codec (QnetFileOp  *op,
                GError **error)
{
  QnetFile *self = op->self;

  if (self->codec.name != NULL && g_strcmp0 (self->codec.name, op->encoding) == 0)
    return &self->codec;

  _qnet_file_codec_clear (&self->codec);
  if (!_qnet_file_codec_init (&self->codec, op->encoding, error))
    return NULL;
  return &self->codec;
}

/* The caller's position: the descriptor's minus what was read ahead. */
static gint64
file_logical_position (QnetFile *self,
                       GError  **error)
{
  off_t pos = lseek (self->fd, 0, SEEK_CUR);

  if (pos < 0)
    {
      g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_OPERATION,
                   _("Cannot get the position in “%s”: %s"), self->path, g_strerror (errno));
      return -1;
    }
  return (gint64) pos - (gint64) file_buffered (self);
}

/* A decoder for one text read; when the encoding has a byte-order mark
 * and the read does not start at the beginning, the file's first bytes
 * tell the decoder the byte order. */
static gboolean
file_decoder_init (QnetFileOp           *op,
                   QnetFileDecoder  *decoder,
                   GError          **error)
{
  QnetFile *self = op->self;
  const QnetFileCodec *codec = file_get_codec (op, error);
  gint64 pos;

  if (codec == NULL || !_qnet_file_decoder_init (decoder, codec, error))
    return FALSE;

  if (codec->bom_len == 0)
    return TRUE;

  pos = file_logical_position (self, NULL);
  if (pos > 0)
    {
      guint8 head[16];
      gssize n;

      do
        n = pread (self->fd, head, MIN (codec->bom_len, sizeof head), 0);
      while (n < 0 && errno == EINTR);
      if (n > 0)
        _qnet_file_decoder_prime (decoder, head, (gsize) n);
    }
  return TRUE;
}

static gboolean
file_decode_error (QnetFileOp                *op,
                   QnetFileDecodeStatus   status,
                   GError               **error)
{
  if (status == QNET_FILE_DECODE_INCOMPLETE)
    g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING,
                 _("“%s” ends in the middle of a %s character"), op->self->path, op->encoding);
  else
    g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING,
                 _("“%s” holds bytes that are not valid %s text"), op->self->path, op->encoding);
  return FALSE;
}

/* Core operations: they run on the caller's thread (blocking form) or in a
 * worker thread (asynchronous form) and touch only the I/O state. */

static void
file_close_fd (QnetFileOp  *op,
               GError **error)
{
  QnetFile *self = op->self;
  int fd = self->fd;
  int r;
  int error_number;

  if (fd < 0)
    return;

  g_atomic_int_set (&self->fd, -1);
  file_drop_read_ahead (self);
  r = close (fd);
  error_number = errno;

  if (!op->deferred)
    _qnet_file_set_filename (self, NULL);
  file_op_fact (op, FACT_CHANNEL_CLOSED, 0, 0, 0);

  /* The descriptor is released whatever close(2) says (Linux); an error
   * means data may not have reached the disk. */
  if (r < 0 && error_number != EINTR)
    file_set_errno_error (error, error_number, _("Error closing “%s”: %s"),
                          self->path, g_strerror (error_number));
  self->flags = 0;
  g_clear_pointer (&self->path, g_free);
}

static int
file_open_flags_to_posix (QnetFileOpenFlags flags)
{
  int oflags = O_CLOEXEC | O_NOCTTY;

  if ((flags & QNET_FILE_OPEN_WRITE) != 0)
    oflags |= (flags & QNET_FILE_OPEN_READ) != 0 ? O_RDWR : O_WRONLY;
  else
    oflags |= O_RDONLY;
  if ((flags & QNET_FILE_OPEN_CREATE) != 0)
    oflags |= O_CREAT;
  if ((flags & QNET_FILE_OPEN_TRUNCATE) != 0)
    oflags |= O_TRUNC;
  if ((flags & QNET_FILE_OPEN_APPEND) != 0)
    oflags |= O_APPEND;
  if ((flags & QNET_FILE_OPEN_EXCLUSIVE) != 0)
    oflags |= O_EXCL;
  return oflags;
}

static gboolean
file_core_open (QnetFileOp  *op,
                GError **error)
{
  QnetFile *self = op->self;
  struct stat st;
  int fd;

  /* Re-opening closes the current file first (channel-closed); an error
   * closing it does not stop the new open. */
  file_close_fd (op, NULL);

  file_op_fact (op, FACT_OPEN_FILE, 0, 0, 0);

  do
    fd = open (op->path, file_open_flags_to_posix (op->flags), (mode_t) op->mode);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return file_set_errno_error (error, errno, _("Error opening file “%s”: %s"),
                                 op->path, g_strerror (errno));

  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      close (fd);
      return file_set_errno_error (error, EISDIR, _("Error opening file “%s”: %s"),
                                   op->path, g_strerror (EISDIR));
    }

  self->flags = op->flags;
  self->path = g_strdup (op->path);
  self->wrote = FALSE;
  file_drop_read_ahead (self);
  g_atomic_int_set (&self->fd, fd);
  op->opened = TRUE;

  if (!op->deferred)
    _qnet_file_set_filename (self, op->path);
  file_op_fact (op, FACT_FILE_OPENED, 0, 0, 0);
  return TRUE;
}

static gboolean
file_core_read_bytes (QnetFileOp  *op,
                      GError **error)
{
  QnetFile *self = op->self;
  gint64 total = 0;
  gsize take;

  if (!file_check_readable (self, error))
    return FALSE;

  if (op->size == 0)
    {
      op->result_bytes = g_bytes_new (NULL, 0);
      return TRUE;
    }
  if (op->size > 0 && (gsize) op->size > QNET_FILE_MAX_READ)
    return file_too_large_error (self, error);

  /* Each round reads more or ends: bounded by the size asked for, or by
   * QNET_FILE_MAX_READ when reading to the end. */
  while (op->size < 0 || file_buffered (self) < (gsize) op->size)
    {
      gsize request = op->size < 0
                        ? QNET_FILE_BLOCK_SIZE
                        : MIN ((gsize) QNET_FILE_BLOCK_SIZE, (gsize) op->size - file_buffered (self));
      gssize n = file_fill (op, request, &total, (gint64) op->size, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
    }

  take = op->size < 0 ? file_buffered (self) : MIN (file_buffered (self), (gsize) op->size);
  if (self->rpos == 0 && take == self->rbuf->len)
    {
      op->result_bytes = g_byte_array_free_to_bytes (self->rbuf);
      self->rbuf = g_byte_array_new ();
    }
  else
    {
      op->result_bytes = g_bytes_new (file_buffered_data (self), take);
      file_consume (self, take);
    }
  return TRUE;
}

static gboolean
file_core_read_text (QnetFileOp  *op,
                     GError **error)
{
  QnetFile *self = op->self;
  QnetFileDecoder decoder = { NULL, (GIConv) -1 };
  g_autoptr(GString) out = NULL;
  gsize consumed = 0;
  gint64 chars = 0;
  gint64 total = 0;
  gboolean eof = FALSE;
  gboolean ok = FALSE;

  if (!file_check_readable (self, error) || !file_decoder_init (op, &decoder, error))
    goto out;

  out = g_string_new (NULL);

  /* Each round decodes buffered bytes or reads more; reading is bounded
   * by QNET_FILE_MAX_READ in file_fill(). */
  while (op->size < 0 || chars < op->size)
    {
      gsize avail = file_buffered (self) - consumed;

      if (avail > 0)
        {
          gsize used = 0;
          gint64 n_chars = 0;
          QnetFileDecodeStatus status =
            _qnet_file_decoder_decode (&decoder, file_buffered_data (self) + consumed, avail,
                                       op->size < 0 ? -1 : op->size - chars, out, &used, &n_chars);

          consumed += used;
          chars += n_chars;
          if (status == QNET_FILE_DECODE_INVALID)
            {
              file_decode_error (op, status, error);
              goto out;
            }
          if (out->len > QNET_FILE_MAX_READ)
            {
              file_too_large_error (self, error);
              goto out;
            }
          if (status == QNET_FILE_DECODE_OK && (op->size >= 0 && chars >= op->size))
            break;
          if (used > 0 && status == QNET_FILE_DECODE_OK)
            continue;
        }

      if (eof)
        {
          if (file_buffered (self) > consumed)
            {
              file_decode_error (op, QNET_FILE_DECODE_INCOMPLETE, error);
              goto out;
            }
          break;
        }

      {
        gssize n = file_fill (op, QNET_FILE_BLOCK_SIZE, &total, -1, error);

        if (n < 0)
          goto out;
        if (n == 0)
          eof = TRUE;
      }
    }

  file_consume (self, consumed);
  op->result_text = g_string_free (g_steal_pointer (&out), FALSE);
  ok = TRUE;

out:
  _qnet_file_decoder_clear (&decoder);
  return ok;
}

/* Finds the first CR or LF in @p[from, len). */
static gssize
find_eol (const guint8 *p,
          gsize         from,
          gsize         len)
{
  for (gsize i = from; i < len; i++)
    if (p[i] == '\n' || p[i] == '\r')
      return (gssize) i;
  return -1;
}

/* Lines of ASCII-compatible encodings end in LF, CR LF or CR (found in the
 * raw bytes, then the line is decoded). */
static gboolean
file_read_line_ascii (QnetFileOp           *op,
                      QnetFileDecoder  *decoder,
                      GError          **error)
{
  QnetFile *self = op->self;
  gsize scan = 0;
  gint64 total = 0;
  gboolean eof = FALSE;

  /* Each round finds the end of the line or reads more; bounded by
   * QNET_FILE_MAX_LINE. */
  for (;;)
    {
      const guint8 *p = file_buffered_data (self);
      gsize avail = file_buffered (self);
      gssize i = find_eol (p, scan, avail);
      gsize line_len = 0;
      gsize eol_len = 0;

      if (i >= 0 && !(p[i] == '\r' && (gsize) i + 1 == avail && !eof))
        {
          eol_len = (p[i] == '\r' && (gsize) i + 1 < avail && p[i + 1] == '\n') ? 2 : 1;
          line_len = (gsize) i + eol_len;
        }
      else if (i >= 0)
        scan = (gsize) i; /* a CR at the end of the buffer: is LF next? */
      else if (eof)
        {
          if (avail == 0)
            return TRUE; /* end of file: no line */
          line_len = avail;
        }
      else
        scan = avail;

      if (line_len > 0)
        {
          g_autoptr(GString) out = g_string_sized_new (line_len + 1);
          gsize used = 0;
          gint64 n_chars = 0;
          QnetFileDecodeStatus status =
            _qnet_file_decoder_decode (decoder, p, line_len, -1, out, &used, &n_chars);

          if (status != QNET_FILE_DECODE_OK || used != line_len)
            return file_decode_error (op, status == QNET_FILE_DECODE_OK ? QNET_FILE_DECODE_INVALID
                                                                        : status, error);
          if (!op->include_eol)
            g_string_truncate (out, out->len - eol_len);
          file_consume (self, line_len);
          op->result_text = g_string_free (g_steal_pointer (&out), FALSE);
          return TRUE;
        }

      if (avail >= QNET_FILE_MAX_LINE)
        {
          g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ,
                       _("A line of “%s” is longer than %llu bytes"), self->path,
                       (unsigned long long) QNET_FILE_MAX_LINE);
          return FALSE;
        }

      {
        gssize n = file_fill (op, QNET_FILE_BLOCK_SIZE, &total, -1, error);

        if (n < 0)
          return FALSE;
        if (n == 0)
          eof = TRUE;
      }
    }
}

/* Other encodings (UTF-16, UTF-32…): decode character by character up to
 * and including LF; a CR before it is dropped with it. */
static gboolean
file_read_line_decoded (QnetFileOp           *op,
                        QnetFileDecoder  *decoder,
                        GError          **error)
{
  QnetFile *self = op->self;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize consumed = 0;
  gint64 total = 0;
  gboolean eof = FALSE;

  /* Each round decodes one character or reads more; bounded by
   * QNET_FILE_MAX_LINE. */
  for (;;)
    {
      gsize avail = file_buffered (self) - consumed;

      if (avail > 0)
        {
          gsize used = 0;
          gint64 n_chars = 0;
          QnetFileDecodeStatus status = _qnet_file_decoder_decode (
            decoder, file_buffered_data (self) + consumed, avail, 1, out, &used, &n_chars);

          consumed += used;
          if (status == QNET_FILE_DECODE_INVALID)
            return file_decode_error (op, status, error);
          if (n_chars > 0 && out->len > 0 && out->str[out->len - 1] == '\n')
            break;
          if (used > 0)
            continue;
        }

      if (eof)
        {
          if (avail > 0)
            return file_decode_error (op, QNET_FILE_DECODE_INCOMPLETE, error);
          if (consumed == 0)
            return TRUE; /* end of file: no line */
          break;
        }

      if (consumed >= QNET_FILE_MAX_LINE)
        {
          g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ,
                       _("A line of “%s” is longer than %llu bytes"), self->path,
                       (unsigned long long) QNET_FILE_MAX_LINE);
          return FALSE;
        }

      {
        gssize n = file_fill (op, QNET_FILE_BLOCK_SIZE, &total, -1, error);

        if (n < 0)
          return FALSE;
        if (n == 0)
          eof = TRUE;
      }
    }

  if (!op->include_eol && out->len > 0 && out->str[out->len - 1] == '\n')
    {
      g_string_truncate (out, out->len - 1);
      if (out->len > 0 && out->str[out->len - 1] == '\r')
        g_string_truncate (out, out->len - 1);
    }
  file_consume (self, consumed);
  op->result_text = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

static gboolean
file_core_read_line (QnetFileOp  *op,
                     GError **error)
{
  QnetFileDecoder decoder = { NULL, (GIConv) -1 };
  gboolean ok;

  if (!file_check_readable (op->self, error) || !file_decoder_init (op, &decoder, error))
    return FALSE;

  if (decoder.codec->ascii_compatible)
    ok = file_read_line_ascii (op, &decoder, error);
  else
    ok = file_read_line_decoded (op, &decoder, error);

  _qnet_file_decoder_clear (&decoder);
  return ok;
}

static gboolean
file_core_read_int (QnetFileOp  *op,
                    GError **error)
{
  QnetFile *self = op->self;
  gint64 total = 0;

  if (!file_check_readable (self, error))
    return FALSE;

  /* Reads exactly what is missing (no read-ahead); bounded by the width. */
  while (file_buffered (self) < op->int_width)
    {
      gssize n = file_fill (op, op->int_width - file_buffered (self), &total,
                            (gint64) op->int_width, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ,
                       _("Unexpected end of “%s”: %llu of %u bytes left"),
                       self->path, (unsigned long long) file_buffered (self), op->int_width);
          return FALSE;
        }
    }

  memcpy (op->int_buf, file_buffered_data (self), op->int_width);
  file_consume (self, op->int_width);
  return TRUE;
}

static gboolean
file_write_all (QnetFileOp        *op,
                const guint8  *data,
                gsize          len,
                GError       **error)
{
  QnetFile *self = op->self;
  gsize done = 0;

  /* Each round writes at least one byte or fails. */
  while (done < len)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (op->cancellable, error))
        return FALSE;

      do
        n = write (self->fd, data + done, len - done);
      while (n < 0 && errno == EINTR);

      if (n < 0)
        return file_set_errno_error (error, errno, _("Error writing to “%s”: %s"),
                                     self->path, g_strerror (errno));
      if (n == 0)
        {
          g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_WRITE,
                       _("Error writing to “%s”: nothing was written"), self->path);
          return FALSE;
        }

      done += (gsize) n;
      self->wrote = TRUE;
      file_op_fact (op, FACT_DATA_WRITTEN, (gint64) n, (gint64) done, (gint64) len);
    }
  return TRUE;
}

/* Whether text written now starts the file (so it gets the byte-order
 * mark of encodings that have one). */
static gboolean
file_writing_at_start (QnetFile *self)
{
  struct stat st;
  off_t pos;

  if ((self->flags & QNET_FILE_OPEN_APPEND) != 0)
    return fstat (self->fd, &st) == 0 && st.st_size == 0;
  pos = lseek (self->fd, 0, SEEK_CUR);
  if (pos < 0)
    return !self->wrote;
  return pos == 0;
}

static gboolean
file_core_write (QnetFileOp  *op,
                 GError **error)
{
  QnetFile *self = op->self;
  g_autoptr(GBytes) encoded = NULL;
  GBytes *bytes;
  gsize len = 0;
  const guint8 *data;

  if (!file_check_writable (self, error) || !file_unread_ahead (self, error))
    return FALSE;

  if (op->kind == QNET_FILE_OP_WRITE)
    {
      const QnetFileCodec *codec = file_get_codec (op, error);

      if (codec == NULL)
        return FALSE;
      encoded = _qnet_file_codec_encode (codec, op->text, strlen (op->text),
                                         codec->bom_len > 0 && file_writing_at_start (self), error);
      if (encoded == NULL)
        return FALSE;
      bytes = encoded;
    }
  else
    bytes = op->data;

  data = g_bytes_get_data (bytes, &len);
  return file_write_all (op, data, len, error);
}

static gboolean
file_core_sync (QnetFileOp  *op,
                GError **error)
{
  QnetFile *self = op->self;
  int r;

  if (!file_check_open (self, error))
    return FALSE;
  do
    r = fsync (self->fd);
  while (r < 0 && errno == EINTR);
  if (r < 0)
    {
      g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_OPERATION, _("Cannot sync “%s”: %s"),
                   self->path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
file_core_set_position (QnetFileOp  *op,
                        GError **error)
{
  QnetFile *self = op->self;
  off_t pos;

  if (!file_check_open (self, error))
    return FALSE;
  if (op->offset < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Invalid position %lld in “%s”"), (long long) op->offset, self->path);
      return FALSE;
    }
  pos = lseek (self->fd, (off_t) op->offset, SEEK_SET);
  if (pos < 0)
    {
      g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_OPERATION,
                   _("Cannot set the position in “%s”: %s"), self->path, g_strerror (errno));
      return FALSE;
    }
  file_drop_read_ahead (self);
  op->result_int = (gint64) pos;
  return TRUE;
}

static gboolean
file_core_get_size (QnetFileOp  *op,
                    GError **error)
{
  QnetFile *self = op->self;
  struct stat st;

  if (!file_check_open (self, error))
    return FALSE;
  if (fstat (self->fd, &st) < 0)
    {
      g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_OPERATION,
                   _("Cannot get the size of “%s”: %s"), self->path, g_strerror (errno));
      return FALSE;
    }
  op->result_int = (gint64) st.st_size;
  return TRUE;
}

static gboolean
file_core_lock (QnetFileOp  *op,
                GError **error)
{
  QnetFile *self = op->self;
  struct flock fl;
  int r;
  int cmd;

  if (!file_check_open (self, error))
    return FALSE;

  memset (&fl, 0, sizeof fl);
  if (op->kind == QNET_FILE_OP_UNLOCK)
    fl.l_type = F_UNLCK;
  else
    fl.l_type = op->exclusive ? F_WRLCK : F_RDLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = 0;
  fl.l_len = 0;

#ifdef F_OFD_SETLK
  cmd = F_OFD_SETLK;
#else
  cmd = F_SETLK;
#endif
  r = fcntl (self->fd, cmd, &fl);
  if (r < 0)
    {
      int error_number = errno;

      if (error_number == EAGAIN || error_number == EACCES)
        g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_LOCK,
                     _("“%s” is locked by another open file"), self->path);
      else if (error_number == EBADF)
        g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_LOCK,
                     op->exclusive ? _("Cannot lock “%s” exclusively: it is not open for writing")
                                   : _("Cannot lock “%s” shared: it is not open for reading"),
                     self->path);
      else
        g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_LOCK, _("Cannot lock “%s”: %s"),
                     self->path, g_strerror (error_number));
      return FALSE;
    }
  return TRUE;
}

static gboolean
file_core_run (QnetFileOp  *op,
               GError **error)
{
  QnetFile *self = op->self;

  /* Closing always closes; everything else honours a cancellation that
   * came before it started. */
  if (op->kind != QNET_FILE_OP_CLOSE && g_cancellable_set_error_if_cancelled (op->cancellable, error))
    return FALSE;

  switch (op->kind)
    {
    case QNET_FILE_OP_OPEN:
      return file_core_open (op, error);
    case QNET_FILE_OP_CLOSE:
      file_close_fd (op, error);
      return error == NULL || *error == NULL;
    case QNET_FILE_OP_SYNC:
      return file_core_sync (op, error);
    case QNET_FILE_OP_READ:
      return file_core_read_text (op, error);
    case QNET_FILE_OP_READ_BYTES:
      return file_core_read_bytes (op, error);
    case QNET_FILE_OP_READ_LINE:
      return file_core_read_line (op, error);
    case QNET_FILE_OP_READ_INT:
      return file_core_read_int (op, error);
    case QNET_FILE_OP_WRITE:
    case QNET_FILE_OP_WRITE_BYTES:
      return file_core_write (op, error);
    case QNET_FILE_OP_SET_POSITION:
      return file_core_set_position (op, error);
    case QNET_FILE_OP_GET_POSITION:
      if (!file_check_open (self, error))
        return FALSE;
      op->result_int = file_logical_position (self, error);
      return op->result_int >= 0;
    case QNET_FILE_OP_GET_SIZE:
      return file_core_get_size (op, error);
    case QNET_FILE_OP_LOCK:
    case QNET_FILE_OP_UNLOCK:
      return file_core_lock (op, error);
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Running operations on the owner's context */

/* Claims the file for @op and checks what must be checked on the owner's
 * thread. Nothing is raised here except by file_op_complete(). */
static gboolean
file_op_prepare (QnetFileOp  *op,
                 GError **error)
{
  QnetFile *self = op->self;

  if (self->busy)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("Another operation of this file is in progress"));
      return FALSE;
    }

  if (op->kind == QNET_FILE_OP_OPEN)
    {
      QnetFileCodec codec;

      if ((op->flags & (QNET_FILE_OPEN_TRUNCATE | QNET_FILE_OPEN_APPEND)) != 0 &&
          (op->flags & QNET_FILE_OPEN_WRITE) == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Cannot open “%s”: TRUNCATE and APPEND need WRITE"), op->path);
          return FALSE;
        }
      if (!_qnet_file_codec_init (&codec, op->encoding, error))
        return FALSE;
      _qnet_file_codec_clear (&codec);
      _qnet_file_store_encoding (self, op->encoding);
      g_free (op->encoding);
      op->encoding = g_strdup (self->encoding);
    }

  self->busy = TRUE;
  op->claimed = TRUE;
  return TRUE;
}

/* On the owner's context: installs what an asynchronous operation changed,
 * raises its events in order, then operation-failed if it failed, and
 * releases the file. */
static void
file_op_complete (QnetFileOp *op)
{
  QnetFile *self = op->self;

  if (op->deferred && op->claimed)
    {
      if (g_atomic_int_get (&self->fd) < 0)
        _qnet_file_set_filename (self, NULL);
      else if (op->opened)
        _qnet_file_set_filename (self, op->path);

      for (guint i = 0; i < op->facts->len; i++)
        file_emit_fact (op, &g_array_index (op->facts, Fact, i));
    }

  if (op->error != NULL)
    _qnet_emitter_operation_failed (QNET_EMITTER (self), op->name, op->error);

  if (op->claimed)
    {
      self->busy = FALSE;
      op->claimed = FALSE;
    }
}

gboolean
_qnet_file_op_run (QnetFileOp  *op,
             GError **error)
{
  if (file_op_prepare (op, &op->error))
    file_core_run (op, &op->error);
  file_op_complete (op);

  if (op->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&op->error));
      return FALSE;
    }
  return TRUE;
}

static void
file_op_return (GTask  *task,
                QnetFileOp *op)
{
  if (op->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&op->error));
      return;
    }

  switch (op->kind)
    {
    case QNET_FILE_OP_READ:
    case QNET_FILE_OP_READ_LINE:
      g_task_return_pointer (task, g_steal_pointer (&op->result_text), g_free);
      break;
    case QNET_FILE_OP_READ_BYTES:
      g_task_return_pointer (task, g_steal_pointer (&op->result_bytes),
                             (GDestroyNotify) g_bytes_unref);
      break;
    case QNET_FILE_OP_OPEN:
    case QNET_FILE_OP_CLOSE:
    case QNET_FILE_OP_SYNC:
    case QNET_FILE_OP_WRITE:
    case QNET_FILE_OP_WRITE_BYTES:
    case QNET_FILE_OP_READ_INT:
    case QNET_FILE_OP_SET_POSITION:
    case QNET_FILE_OP_GET_POSITION:
    case QNET_FILE_OP_GET_SIZE:
    case QNET_FILE_OP_LOCK:
    case QNET_FILE_OP_UNLOCK:
    default:
      g_task_return_boolean (task, TRUE);
      break;
    }
}

static void
file_op_thread (GTask        *worker,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  QnetFileOp *op = task_data;

  file_core_run (op, &op->error);
  g_task_return_boolean (worker, TRUE);
}

static void
file_op_worker_done (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QnetFileOp *op = g_task_get_task_data (task);

  file_op_complete (op);
  file_op_return (task, op);
}

/* Starts @op asynchronously: the core runs in a worker thread; the
 * completion, events included, runs on the caller's thread-default main
 * context before @callback. */
void
_qnet_file_op_start_async (QnetFileOp              *op,
                     gpointer             source_tag,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  task = g_task_new (op->self, op->cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, op->name);
  /* The result says what happened: a cancellation that came too late to
   * stop the operation must not hide data it already consumed. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, op, _qnet_file_op_free);

  op->deferred = TRUE;
  op->facts = g_array_new (FALSE, FALSE, sizeof (Fact));

  if (!file_op_prepare (op, &op->error))
    {
      file_op_complete (op);
      file_op_return (task, op);
      return;
    }

  /* The worker task has no source object: the thread pool may drop its
   * last reference in the worker thread after the callback ran, and the
   * file must never be disposed there. */
  worker = g_task_new (NULL, NULL, file_op_worker_done, g_object_ref (task));
  g_task_set_source_tag (worker, _qnet_file_op_start_async);
  g_task_set_name (worker, op->name);
  g_task_set_task_data (worker, op, NULL);
  g_task_run_in_thread (worker, file_op_thread);
}

void
_qnet_file_close_on_dispose (QnetFile *self)
{
  QnetFileOp op = { 0 };

  /* No operation can be in progress: each holds a reference. */
  if (self->fd < 0)
    return;
  op.self = self;
  op.kind = QNET_FILE_OP_CLOSE;
  op.name = "close";
  file_close_fd (&op, NULL);
}
