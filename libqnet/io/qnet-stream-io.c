/* qnet-stream-io.c: buffered non-blocking reading and writing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "libqnet/qnet-error.h"
#include "qnet-stream-io.h"

/* Requests at least this large read straight into their result when the
 * read-ahead buffer is empty (no copy, no over-read). */
#define QNET_STREAM_IO_DIRECT_MIN   (32 * 1024)
/* An exact-size result is allocated whole up to this size, else grown as
 * data arrives (the size is the caller's, not the peer's). */
#define QNET_STREAM_IO_PREALLOC_MAX (16 * 1024 * 1024)
/* Bytes moved per dispatch before yielding to the main loop, so a fast
 * peer cannot starve other sources. */
#define QNET_STREAM_IO_STEP_BUDGET  (4 * 1024 * 1024)
/* Writes started by handlers of the `sent` fact run nested flushes; past
 * this depth they fail (G_IO_ERROR_WOULD_RECURSE) instead of recursing. */
#define QNET_STREAM_IO_MAX_FLUSH_DEPTH 4

/* read_nonblocking() and write_nonblocking(): nothing can be done now. */
#define WOULD_BLOCK (-2)

typedef struct _ReadOp ReadOp;
typedef struct _WriteOp WriteOp;

typedef struct {
  GBytes       *bytes;   /* (owned) */
  const guint8 *data;
  gsize         len;
  gsize         off;
  WriteOp      *op;      /* (nullable) (not owned): who waits for it */
} WriteEntry;

struct _ReadOp {
  grefcount             ref;
  QnetStreamIO         *io;             /* (owned) */
  QnetReadMode          mode;
  gsize                 size;
  char                 *delimiter;      /* (owned) (nullable) */
  gsize                 delimiter_len;
  gsize                 scanned;        /* UNTIL: buffer bytes already searched */
  GByteArray           *out;            /* (owned) (nullable) */
  gboolean              network_read;   /* FILL: a network read happened */
  gint                  timeout_ms;
  GCancellable         *cancellable;    /* (owned) (nullable) */
  GMainContext         *context;        /* (owned) */
  GSource              *source;         /* (owned) (nullable) */
  GSource              *deadline;       /* (owned) (nullable) */
  QnetReadProgressFunc  progress;
  QnetReadDoneFunc      done;
  gpointer              user_data;
  gboolean              finished;
};

struct _WriteOp {
  grefcount          ref;
  QnetStreamIO      *io;                /* (owned) */
  WriteEntry        *entry;             /* (nullable) (not owned): NULL when draining */
  gint               timeout_ms;
  gint64             started;           /* monotonic µs */
  GCancellable      *cancellable;       /* (owned) (nullable) */
  GMainContext      *context;           /* (owned) */
  GSource           *source;            /* (owned) (nullable) */
  GSource           *deadline;          /* (owned) (nullable) */
  QnetWriteDoneFunc  done;
  gpointer           user_data;
  gboolean           finished;
};

typedef struct {
  gsize                 expect;
  GSource              *source;         /* (owned) */
  gboolean              kicked;         /* the source's ready time was set */
  guint8               *spare;          /* (owned) (nullable): a chunk for the next direct read */
  QnetReadProgressFunc  progress;
  QnetReceiveFunc       deliver;
  QnetReceiveEndFunc    ended;
  gpointer              user_data;
  guint64               total;
} Receiver;

struct _QnetStreamIO
{
  grefcount                    ref;
  GIOStream                   *stream;   /* (owned) (nullable after close) */
  GPollableInputStream        *in;       /* (not owned) */
  GPollableOutputStream       *out;      /* (not owned) */
  /* A plain socket connection's descriptor, read and written directly
   * (no GError per EAGAIN); -1 for other streams (TLS), which go through
   * their pollable halves. */
  gint                         fd;
  const QnetStreamIOCallbacks *callbacks;
  gpointer                     user_data;

  /* Read-ahead buffer: data is buf[start, end). */
  guint8                      *buf;
  gsize                        start;
  gsize                        end;
  gsize                        cap;

  ReadOp                      *read_op;  /* (owned) (nullable) */
  Receiver                    *receiver; /* (owned) (nullable) */

  GQueue                       queue;    /* (element-type WriteEntry) (owned) */
  GList                       *write_ops; /* (element-type WriteOp) (owned) */
  gsize                        queued;
  gsize                        high;
  gsize                        low;
  gint64                       last_write_progress;
  GSource                     *bg_source; /* (owned) (nullable) */
  guint                        flush_depth;

  guint                        throttled : 1;
  guint                        eof : 1;
  guint                        broken : 1;
  guint                        closed : 1;
};

/* ---- Small helpers --------------------------------------------------------- */

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs deadline_funcs = {
  NULL, NULL, deadline_dispatch, NULL, NULL, NULL,
};

static GSource *
deadline_new (GMainContext *context,
              GSourceFunc   callback,
              gpointer      data)
{
  GSource *source = g_source_new (&deadline_funcs, sizeof (GSource));

  g_source_set_callback (source, callback, data, NULL);
  g_source_set_static_name (source, "[qnet] io timeout");
  g_source_attach (source, context);
  return source;
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static GError *
not_open_error (void)
{
  return g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                              _("The socket is not open"));
}

static GError *
closed_error (void)
{
  return g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED,
                              _("The peer closed the connection"));
}

static GError *
timed_out_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("Timed out"));
}

static GError *
cancelled_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
}

static GError *
too_large_error (gsize max)
{
  return g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_RECORD_TOO_LARGE,
                      _("The record exceeds %llu bytes"), (unsigned long long) max);
}

static inline gsize
buffered (QnetStreamIO *self)
{
  return self->end - self->start;
}

/* Makes room for @want more bytes at the end of the buffer without
 * growing it past @limit (at least QNET_STREAM_IO_BUFFER_SIZE). Returns the
 * free space. */
static gsize
make_room (QnetStreamIO *self,
           gsize         want,
           gsize         limit)
{
  gsize len = buffered (self);

  if (self->cap - self->end >= want)
    return self->cap - self->end;

  if (self->start > 0)
    {
      memmove (self->buf, self->buf + self->start, len);
      self->start = 0;
      self->end = len;
      if (self->cap - self->end >= want)
        return self->cap - self->end;
    }

  limit = MAX (limit, QNET_STREAM_IO_BUFFER_SIZE);
  if (self->cap < limit)
    {
      gsize new_cap = MAX (self->cap * 2, QNET_STREAM_IO_BUFFER_SIZE);

      while (new_cap < len + want && new_cap < limit)
        new_cap *= 2;
      new_cap = MIN (new_cap, limit);
      self->buf = g_realloc (self->buf, new_cap);
      self->cap = new_cap;
    }

  return self->cap - self->end;
}

static GError *
errno_error (int errsv)
{
  return g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
}

/* Returns the byte count, 0 at end of stream, WOULD_BLOCK, or -1 with
 * @error. */
static gssize
read_nonblocking (QnetStreamIO  *self,
                  guint8        *buffer,
                  gsize          count,
                  GError       **error)
{
  GError *local_error = NULL;
  gssize n;

  if (self->fd >= 0)
    {
      do
        n = recv (self->fd, buffer, count, MSG_DONTWAIT);
      while (n < 0 && errno == EINTR);
      if (n >= 0)
        return n;
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        return WOULD_BLOCK;
      g_propagate_error (error, errno_error (errno));
      return -1;
    }

  n = g_pollable_input_stream_read_nonblocking (self->in, buffer, count, NULL, &local_error);
  if (n >= 0)
    return n;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (local_error);
      return WOULD_BLOCK;
    }
  g_propagate_error (error, local_error);
  return -1;
}

/* Returns the byte count (> 0), WOULD_BLOCK, or -1 with @error. */
static gssize
write_nonblocking (QnetStreamIO  *self,
                   const guint8  *buffer,
                   gsize          count,
                   GError       **error)
{
  GError *local_error = NULL;
  gssize n;

  if (self->fd >= 0)
    {
      do
        n = send (self->fd, buffer, count, MSG_DONTWAIT | MSG_NOSIGNAL);
      while (n < 0 && errno == EINTR);
      if (n > 0)
        return n;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return WOULD_BLOCK;
      g_propagate_error (error, n < 0 ? errno_error (errno)
                                      : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE,
                                                             _("The stream accepted no data")));
      return -1;
    }

  n = g_pollable_output_stream_write_nonblocking (self->out, buffer, count, NULL, &local_error);
  if (n > 0)
    return n;
  if (n < 0 && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (local_error);
      return WOULD_BLOCK;
    }
  if (local_error == NULL)
    local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE,
                                       _("The stream accepted no data"));
  g_propagate_error (error, local_error);
  return -1;
}

/* A source that dispatches when the stream is ready for @condition (or
 * @cancellable fires): a descriptor source for a plain socket, the
 * pollable half's source otherwise. The callbacks get @data. */
static GSource *
wait_source_new (QnetStreamIO        *self,
                 GIOCondition         condition,
                 GCancellable        *cancellable,
                 GUnixFDSourceFunc    fd_func,
                 GPollableSourceFunc  pollable_func,
                 gpointer             data,
                 const char          *name,
                 GMainContext        *context)
{
  GSource *source;

  if (self->fd >= 0)
    {
      source = g_unix_fd_source_new (self->fd, condition);
      g_source_set_callback (source, G_SOURCE_FUNC (fd_func), data, NULL);
    }
  else
    {
      source = condition == G_IO_IN ? g_pollable_input_stream_create_source (self->in, NULL)
                                    : g_pollable_output_stream_create_source (self->out, NULL);
      g_source_set_callback (source, G_SOURCE_FUNC (pollable_func), data, NULL);
    }

  if (cancellable != NULL)
    {
      GSource *cancel = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancel);
      g_source_add_child_source (source, cancel);
      g_source_unref (cancel);
    }

  g_source_set_static_name (source, name);
  g_source_attach (source, context);
  return source;
}

/* ---- Object ---------------------------------------------------------------- */

static void
set_stream (QnetStreamIO *self,
            GIOStream    *stream)
{
  g_set_object (&self->stream, stream);
  self->in = stream != NULL ? G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stream)) : NULL;
  self->out = stream != NULL ? G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (stream)) : NULL;
  self->fd = G_IS_SOCKET_CONNECTION (stream)
             ? g_socket_get_fd (g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream))) : -1;
}

QnetStreamIO *
qnet_stream_io_new (GIOStream                   *stream,
                    const QnetStreamIOCallbacks *callbacks,
                    gpointer                     user_data)
{
  QnetStreamIO *self;

  g_return_val_if_fail (G_IS_IO_STREAM (stream), NULL);
  g_return_val_if_fail (G_IS_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stream)), NULL);
  g_return_val_if_fail (G_IS_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (stream)), NULL);
  g_return_val_if_fail (callbacks != NULL, NULL);

  self = g_new0 (QnetStreamIO, 1);
  g_ref_count_init (&self->ref);
  set_stream (self, stream);
  self->callbacks = callbacks;
  self->user_data = user_data;
  g_queue_init (&self->queue);
  self->high = 1024 * 1024;
  self->low = 256 * 1024;
  return self;
}

QnetStreamIO *
qnet_stream_io_ref (QnetStreamIO *self)
{
  g_ref_count_inc (&self->ref);
  return self;
}

static void
write_entry_free (WriteEntry *entry)
{
  g_bytes_unref (entry->bytes);
  g_free (entry);
}

void
qnet_stream_io_unref (QnetStreamIO *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref))
    return;

  /* Operations and the receiver hold references: none is left here. */
  g_assert (self->read_op == NULL && self->write_ops == NULL);
  if (self->receiver != NULL)
    {
      clear_source (&self->receiver->source);
      g_free (self->receiver);
    }
  clear_source (&self->bg_source);
  g_queue_clear_full (&self->queue, (GDestroyNotify) write_entry_free);
  g_clear_object (&self->stream);
  g_free (self->buf);
  g_free (self);
}

GIOStream *
qnet_stream_io_get_stream (QnetStreamIO *self)
{
  return self->stream;
}

void
qnet_stream_io_set_stream (QnetStreamIO *self,
                           GIOStream    *stream)
{
  g_return_if_fail (G_IS_IO_STREAM (stream));
  g_return_if_fail (self->read_op == NULL && self->receiver == NULL && self->write_ops == NULL);
  g_return_if_fail (g_queue_is_empty (&self->queue));

  set_stream (self, stream);
}

gboolean
qnet_stream_io_is_closed (QnetStreamIO *self)
{
  return self->closed;
}

gboolean
qnet_stream_io_is_eof (QnetStreamIO *self)
{
  return self->eof;
}

gboolean
qnet_stream_io_is_broken (QnetStreamIO *self)
{
  return self->broken;
}

/* ---- The read-ahead buffer ----------------------------------------------- */

const guint8 *
qnet_stream_io_peek (QnetStreamIO *self,
                     gsize        *len)
{
  *len = buffered (self);
  return self->buf != NULL ? self->buf + self->start : NULL;
}

void
qnet_stream_io_consume (QnetStreamIO *self,
                        gsize         n)
{
  g_return_if_fail (n <= buffered (self));

  self->start += n;
  if (self->start == self->end)
    self->start = self->end = 0;
}

void
qnet_stream_io_unread (QnetStreamIO *self,
                       const guint8 *data,
                       gsize         len)
{
  gsize have = buffered (self);

  if (len == 0)
    return;

  if (self->start >= len)
    {
      self->start -= len;
      memcpy (self->buf + self->start, data, len);
      return;
    }

  if (self->cap < have + len)
    {
      gsize new_cap = MAX (self->cap, QNET_STREAM_IO_BUFFER_SIZE);

      while (new_cap < have + len)
        new_cap *= 2;
      self->buf = g_realloc (self->buf, new_cap);
      self->cap = new_cap;
    }
  memmove (self->buf + len, self->buf + self->start, have);
  memcpy (self->buf, data, len);
  self->start = 0;
  self->end = have + len;
}

GBytes *
qnet_stream_io_steal_buffered (QnetStreamIO *self)
{
  GBytes *bytes;

  if (buffered (self) == 0)
    return NULL;
  bytes = g_bytes_new (self->buf + self->start, buffered (self));
  self->start = self->end = 0;
  return bytes;
}

/* ---- Read operations ------------------------------------------------------- */

static ReadOp *
read_op_ref (ReadOp *op)
{
  g_ref_count_inc (&op->ref);
  return op;
}

static void
read_op_unref (ReadOp *op)
{
  if (!g_ref_count_dec (&op->ref))
    return;

  g_assert (op->finished);
  g_free (op->delimiter);
  if (op->out != NULL)
    g_byte_array_unref (op->out);
  g_clear_object (&op->cancellable);
  g_main_context_unref (op->context);
  qnet_stream_io_unref (op->io);
  g_free (op);
}

/* Ends @op once: sources go, the io forgets it, then the owner hears. */
static void
read_op_finish (ReadOp *op,
                GBytes *data,
                GError *error)
{
  QnetStreamIO *io = op->io;

  if (op->finished)
    {
      g_clear_pointer (&data, g_bytes_unref);
      g_clear_error (&error);
      return;
    }
  op->finished = TRUE;
  clear_source (&op->source);
  clear_source (&op->deadline);
  if (io->read_op == op)
    io->read_op = NULL;

  op->done (op->user_data, data, error);
  read_op_unref (op);  /* the io's reference */
}

/* Fails @op; for a timeout or a cancellation, what it holds goes back to
 * the buffer so nothing is lost. */
static void
read_op_fail (ReadOp  *op,
              GError  *error,
              gboolean put_back)
{
  if (put_back && op->out != NULL && op->out->len > 0 && !op->io->closed)
    {
      qnet_stream_io_unread (op->io, op->out->data, op->out->len);
      g_byte_array_set_size (op->out, 0);
    }
  read_op_finish (op, NULL, error);
}

static void
read_op_succeed (ReadOp *op)
{
  GBytes *data = NULL;

  if (op->out != NULL && op->mode == QNET_READ_SOME && op->out->len < QNET_STREAM_IO_DIRECT_MIN)
    {
      /* A small result of a read sized for a chunk: do not keep the chunk. */
      data = g_bytes_new (op->out->data, op->out->len);
      g_clear_pointer (&op->out, g_byte_array_unref);
    }
  else if (op->out != NULL)
    {
      data = g_byte_array_free_to_bytes (op->out);
      op->out = NULL;
    }
  read_op_finish (op, data, NULL);
}

static void
out_append_buffered (ReadOp *op,
                     gsize   n)
{
  QnetStreamIO *io = op->io;

  if (n == 0)
    return;
  g_byte_array_append (op->out, io->buf + io->start, (guint) n);
  qnet_stream_io_consume (io, n);
}

/* Completes @op from the buffer when it can. Returns TRUE when @op is
 * finished. */
static gboolean
read_op_try_complete (ReadOp *op)
{
  QnetStreamIO *io = op->io;
  gsize have = buffered (io);

  switch (op->mode)
    {
    case QNET_READ_EXACT:
    case QNET_READ_EXACT_STRICT:
      out_append_buffered (op, MIN (have, op->size - op->out->len));
      if (op->out->len == op->size)
        read_op_succeed (op);
      break;

    case QNET_READ_SOME:
      if (op->out->len == 0)
        out_append_buffered (op, MIN (have, op->size));
      if (op->out->len > 0)
        read_op_succeed (op);
      break;

    case QNET_READ_ALL:
      if (op->out->len > op->size || have > op->size - op->out->len)
        {
          read_op_fail (op, too_large_error (op->size), FALSE);
          break;
        }
      out_append_buffered (op, have);
      break;

    case QNET_READ_UNTIL:
      {
        /* No buffer yet: nothing to scan (and no offset on NULL). */
        const guint8 *data = io->buf != NULL ? io->buf + io->start : NULL;
        gsize from = op->scanned;
        const guint8 *hit = NULL;

        if (have >= op->delimiter_len && have - op->delimiter_len + 1 > from)
          hit = memmem (data + from, have - from, op->delimiter, op->delimiter_len);

        if (hit != NULL)
          {
            gsize len = (gsize) (hit - data) + op->delimiter_len;

            if (len > op->size)
              {
                read_op_fail (op, too_large_error (op->size), FALSE);
                break;
              }
            op->out = g_byte_array_sized_new ((guint) len);
            out_append_buffered (op, len);
            read_op_succeed (op);
            break;
          }

        if (have >= op->size)
          {
            read_op_fail (op, too_large_error (op->size), FALSE);
            break;
          }
        /* The delimiter may straddle what is here and what comes next. */
        op->scanned = have >= op->delimiter_len ? have - op->delimiter_len + 1 : 0;
      }
      break;

    case QNET_READ_FILL:
      if (op->network_read)
        read_op_finish (op, NULL, NULL);
      else if (have >= op->size)
        read_op_fail (op, too_large_error (op->size), FALSE);
      break;

    case QNET_READ_WAIT:
      if (have > 0 || io->eof || g_pollable_input_stream_is_readable (io->in))
        read_op_finish (op, NULL, NULL);
      break;

    default:
      g_assert_not_reached ();
    }

  return op->finished;
}

/* At end of stream, after try_complete did not finish @op. */
static void
read_op_at_eof (ReadOp *op)
{
  switch (op->mode)
    {
    case QNET_READ_EXACT:
    case QNET_READ_ALL:
      if (op->out->len > 0)
        read_op_succeed (op);
      else
        read_op_fail (op, closed_error (), FALSE);
      break;

    case QNET_READ_EXACT_STRICT:
    case QNET_READ_SOME:
    case QNET_READ_UNTIL:
    case QNET_READ_FILL:
      read_op_fail (op, closed_error (), FALSE);
      break;

    case QNET_READ_WAIT:
      read_op_finish (op, NULL, NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean read_op_source_cb (GObject *stream,
                                   gpointer data);
static gboolean read_op_fd_cb     (gint         fd,
                                   GIOCondition condition,
                                   gpointer     data);

static gboolean
read_op_deadline_cb (gpointer data)
{
  ReadOp *op = data;

  read_op_ref (op);
  read_op_fail (op, timed_out_error (), TRUE);
  read_op_unref (op);
  return G_SOURCE_CONTINUE;
}

/* Waits for the stream (and the inactivity timeout, re-armed: we are at
 * a point of progress or at the start). */
static void
read_op_wait (ReadOp *op)
{
  QnetStreamIO *io = op->io;

  if (op->source == NULL)
    {
      op->source = wait_source_new (io, G_IO_IN, op->cancellable, read_op_fd_cb, read_op_source_cb,
                                    op, "[qnet] read", op->context);
    }

  if (op->timeout_ms > 0)
    {
      if (op->deadline == NULL)
        op->deadline = deadline_new (op->context, read_op_deadline_cb, op);
      g_source_set_ready_time (op->deadline, g_get_monotonic_time () + (gint64) op->timeout_ms * 1000);
    }
}

/* One network read for @op. Returns the byte count, 0 at end of stream,
 * -1 with @error. */
static gssize
read_op_read_network (ReadOp  *op,
                      GError **error)
{
  QnetStreamIO *io = op->io;
  gsize have = buffered (io);
  guint8 *target;
  gsize len;
  gssize n;
  gboolean direct = FALSE;

  switch (op->mode)
    {
    case QNET_READ_EXACT:
    case QNET_READ_EXACT_STRICT:
      len = op->size - op->out->len;
      direct = have == 0 && len >= QNET_STREAM_IO_DIRECT_MIN;
      len = MIN (len, QNET_STREAM_IO_CHUNK_SIZE * 4);
      break;
    case QNET_READ_SOME:
      len = MIN (op->size, QNET_STREAM_IO_CHUNK_SIZE);
      direct = have == 0 && len >= QNET_STREAM_IO_DIRECT_MIN;
      break;
    case QNET_READ_ALL:
      len = QNET_STREAM_IO_CHUNK_SIZE;
      direct = have == 0;
      break;
    case QNET_READ_UNTIL:
    case QNET_READ_FILL:
    case QNET_READ_WAIT:
    default:
      len = 0;
      break;
    }

  if (direct)
    {
      guint old = op->out->len;

      g_byte_array_set_size (op->out, old + (guint) len);
      n = read_nonblocking (io, op->out->data + old, len, error);
      g_byte_array_set_size (op->out, old + (guint) MAX (n, 0));
      return n;
    }

  len = make_room (io, 1, (op->mode == QNET_READ_UNTIL || op->mode == QNET_READ_FILL)
                          ? op->size : QNET_STREAM_IO_BUFFER_SIZE);
  if (len == 0)
    {
      /* Unreachable: try_complete fails a full buffer first. */
      g_propagate_error (error, too_large_error (op->size));
      return -1;
    }
  target = io->buf + io->end;
  n = read_nonblocking (io, target, len, error);
  if (n > 0)
    io->end += n;
  return n;
}

static void
read_op_report (ReadOp *op,
                gsize   n)
{
  QnetStreamIO *io = op->io;
  gsize total;
  gint64 total_to_read = -1;

  switch (op->mode)
    {
    case QNET_READ_EXACT:
    case QNET_READ_EXACT_STRICT:
      total = MIN (op->size, op->out->len + buffered (io));
      total_to_read = (gint64) op->size;
      break;
    case QNET_READ_SOME:
      total = MIN (op->size, op->out->len + buffered (io));
      break;
    case QNET_READ_ALL:
      total = op->out->len + buffered (io);
      break;
    case QNET_READ_UNTIL:
    case QNET_READ_FILL:
    case QNET_READ_WAIT:
    default:
      total = buffered (io);
      break;
    }

  if (op->progress != NULL)
    op->progress (op->user_data, n, total, total_to_read);
}

static void
read_op_step (ReadOp *op)
{
  QnetStreamIO *io = op->io;
  gsize moved = 0;

  read_op_ref (op);

  while (!op->finished)
    {
      GError *error = NULL;
      gssize n;

      if (g_cancellable_is_cancelled (op->cancellable))
        {
          read_op_fail (op, cancelled_error (), TRUE);
          break;
        }

      if (read_op_try_complete (op))
        break;

      if (io->eof)
        {
          read_op_at_eof (op);
          break;
        }

      if (op->mode == QNET_READ_WAIT)
        {
          if (op->timeout_ms == 0)
            read_op_fail (op, timed_out_error (), FALSE);
          else
            read_op_wait (op);
          break;
        }

      if (moved >= QNET_STREAM_IO_STEP_BUDGET)
        {
          /* The stream is readable: the source fires again at once. */
          read_op_wait (op);
          break;
        }

      n = read_op_read_network (op, &error);
      if (n > 0)
        {
          moved += n;
          op->network_read = TRUE;
          read_op_report (op, n);
          continue;
        }

      if (n == 0)
        {
          io->eof = TRUE;
          continue;
        }

      if (n == WOULD_BLOCK)
        {
          if (op->timeout_ms == 0)
            read_op_fail (op, timed_out_error (), TRUE);
          else
            read_op_wait (op);
          break;
        }

      io->broken = TRUE;
      read_op_fail (op, error, FALSE);
    }

  read_op_unref (op);
}

static gboolean
read_op_source_cb (GObject  *stream,
                   gpointer  data)
{
  read_op_step (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
read_op_fd_cb (gint         fd,
               GIOCondition condition,
               gpointer     data)
{
  read_op_step (data);
  return G_SOURCE_CONTINUE;
}

void
qnet_stream_io_read (QnetStreamIO          *self,
                     const QnetReadRequest *request,
                     gint                   timeout_ms,
                     GCancellable          *cancellable,
                     QnetReadProgressFunc   progress,
                     QnetReadDoneFunc       done,
                     gpointer               user_data)
{
  ReadOp *op;

  g_return_if_fail (self != NULL && request != NULL && done != NULL);
  g_return_if_fail (request->mode != QNET_READ_UNTIL || request->delimiter_len > 0);

  if (self->closed)
    {
      done (user_data, NULL, not_open_error ());
      return;
    }
  if (self->read_op != NULL || self->receiver != NULL)
    {
      done (user_data, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PENDING,
                                                  _("Another read is in progress")));
      return;
    }

  op = g_new0 (ReadOp, 1);
  g_ref_count_init (&op->ref);
  op->io = qnet_stream_io_ref (self);
  op->mode = request->mode;
  op->size = request->size;
  if (request->mode == QNET_READ_UNTIL)
    {
      op->delimiter = g_memdup2 (request->delimiter, request->delimiter_len);
      op->delimiter_len = request->delimiter_len;
    }
  else if (request->mode != QNET_READ_FILL && request->mode != QNET_READ_WAIT)
    {
      gsize prealloc = request->mode == QNET_READ_EXACT || request->mode == QNET_READ_EXACT_STRICT
                       ? MIN (request->size, QNET_STREAM_IO_PREALLOC_MAX) : 0;

      op->out = g_byte_array_sized_new ((guint) prealloc);
    }
  op->timeout_ms = timeout_ms;
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->context = g_main_context_ref_thread_default ();
  op->progress = progress;
  op->done = done;
  op->user_data = user_data;

  self->read_op = op;  /* takes the initial reference */

  if (op->size == 0 && op->mode != QNET_READ_WAIT)
    {
      /* Nothing to read: an empty result (FILL: a full buffer). */
      if (op->mode == QNET_READ_FILL || op->mode == QNET_READ_UNTIL)
        read_op_fail (op, too_large_error (0), FALSE);
      else
        read_op_succeed (op);
      return;
    }

  read_op_step (op);
}

gboolean
qnet_stream_io_is_reading (QnetStreamIO *self)
{
  return self->read_op != NULL || self->receiver != NULL;
}

/* ---- Push mode ------------------------------------------------------------- */

static void
receiver_free (Receiver *receiver)
{
  clear_source (&receiver->source);
  g_free (receiver->spare);
  g_free (receiver);
}

static void
receiver_kick (QnetStreamIO *self)
{
  Receiver *receiver = self->receiver;

  if (receiver != NULL && buffered (self) > 0 && !receiver->kicked)
    {
      receiver->kicked = TRUE;
      g_source_set_ready_time (receiver->source, 0);
    }
}

/* Ends push mode because of the peer; the owner hears through ended. */
static void
receiver_end (QnetStreamIO *self,
              const GError *error)
{
  Receiver *receiver = self->receiver;
  QnetReceiveEndFunc ended = receiver->ended;
  gpointer user_data = receiver->user_data;

  self->receiver = NULL;
  receiver_free (receiver);
  if (ended != NULL)
    ended (user_data, error);
}

static void
receiver_step (QnetStreamIO *self)
{
  gsize moved = 0;

  qnet_stream_io_ref (self);

  while (self->receiver != NULL && !self->closed)
    {
      Receiver *receiver = self->receiver;
      gsize have = buffered (self);
      GError *error = NULL;
      gssize n;

      if (have > 0 && (receiver->expect == 0 || have >= receiver->expect))
        {
          gsize len = receiver->expect == 0 ? have : receiver->expect;
          g_autoptr(GBytes) record = g_bytes_new (self->buf + self->start, len);

          qnet_stream_io_consume (self, len);
          receiver->deliver (receiver->user_data, record);
          continue;
        }

      if (self->eof)
        {
          receiver_end (self, NULL);
          break;
        }

      if (moved >= QNET_STREAM_IO_STEP_BUDGET)
        break;

      if (have == 0 && receiver->expect == 0)
        {
          /* Straight into the delivered buffer: no copy. */
          guint8 *data = receiver->spare != NULL ? receiver->spare : g_malloc (QNET_STREAM_IO_CHUNK_SIZE);

          receiver->spare = NULL;
          n = read_nonblocking (self, data, QNET_STREAM_IO_CHUNK_SIZE, &error);
          if (n > 0)
            {
              g_autoptr(GBytes) record = NULL;

              if ((gsize) n < QNET_STREAM_IO_CHUNK_SIZE / 2)
                data = g_realloc (data, n);
              record = g_bytes_new_take (data, n);
              moved += n;
              receiver->total += n;
              if (receiver->progress != NULL)
                receiver->progress (receiver->user_data, n, receiver->total, -1);
              if (self->receiver == receiver && !self->closed)
                receiver->deliver (receiver->user_data, record);
              else if (!self->closed)
                {
                  /* Stopped from the progress handler: keep the data for
                   * the next read. */
                  gsize len;
                  const guint8 *bytes = g_bytes_get_data (record, &len);

                  qnet_stream_io_unread (self, bytes, len);
                }
              continue;
            }
          receiver->spare = data;
        }
      else
        {
          gsize room = make_room (self, 1, MAX (receiver->expect, QNET_STREAM_IO_BUFFER_SIZE));

          n = read_nonblocking (self, self->buf + self->end, room, &error);
          if (n > 0)
            {
              self->end += n;
              moved += n;
              receiver->total += n;
              if (receiver->progress != NULL)
                receiver->progress (receiver->user_data, n, receiver->total,
                                    receiver->expect > 0 ? (gint64) receiver->expect : -1);
              continue;
            }
        }

      if (n == 0)
        {
          self->eof = TRUE;
          continue;
        }

      if (n == WOULD_BLOCK)
        break;

      self->broken = TRUE;
      receiver_end (self, error);
      g_clear_error (&error);
      break;
    }

  qnet_stream_io_unref (self);
}

static gboolean
receiver_fd_cb (gint         fd,
                GIOCondition condition,
                gpointer     data)
{
  QnetStreamIO *self = data;

  if (self->receiver != NULL && self->receiver->kicked)
    {
      self->receiver->kicked = FALSE;
      g_source_set_ready_time (self->receiver->source, -1);
    }
  receiver_step (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
receiver_source_cb (GObject  *stream,
                    gpointer  data)
{
  QnetStreamIO *self = data;

  if (self->receiver != NULL && self->receiver->kicked)
    {
      self->receiver->kicked = FALSE;
      g_source_set_ready_time (self->receiver->source, -1);
    }
  receiver_step (self);
  return G_SOURCE_CONTINUE;
}

gboolean
qnet_stream_io_start_receiving (QnetStreamIO         *self,
                                gsize                 expect,
                                QnetReadProgressFunc  progress,
                                QnetReceiveFunc       deliver,
                                QnetReceiveEndFunc    ended,
                                gpointer              user_data,
                                GError              **error)
{
  Receiver *receiver;

  g_return_val_if_fail (deliver != NULL, FALSE);

  if (self->closed)
    {
      g_propagate_error (error, not_open_error ());
      return FALSE;
    }
  if (self->receiver != NULL)
    return TRUE;
  if (self->read_op != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("Another read is in progress"));
      return FALSE;
    }

  receiver = g_new0 (Receiver, 1);
  receiver->expect = expect;
  receiver->progress = progress;
  receiver->deliver = deliver;
  receiver->ended = ended;
  receiver->user_data = user_data;
  /* The source does not own a reference: stop_receiving and close remove
   * it before the io can go. */
  receiver->source = wait_source_new (self, G_IO_IN, NULL, receiver_fd_cb, receiver_source_cb, self,
                                      "[qnet] receive", g_main_context_get_thread_default ());
  self->receiver = receiver;

  /* Buffered data or a known end of stream is delivered from the loop. */
  if (buffered (self) > 0 || self->eof)
    {
      receiver->kicked = TRUE;
      g_source_set_ready_time (receiver->source, 0);
    }

  return TRUE;
}

void
qnet_stream_io_stop_receiving (QnetStreamIO *self)
{
  if (self->receiver == NULL)
    return;
  g_clear_pointer (&self->receiver, receiver_free);
}

gboolean
qnet_stream_io_is_receiving (QnetStreamIO *self)
{
  return self->receiver != NULL;
}

void
qnet_stream_io_set_expect (QnetStreamIO *self,
                           gsize         expect)
{
  if (self->receiver == NULL)
    return;
  self->receiver->expect = expect;
  receiver_kick (self);
}

/* ---- Writing --------------------------------------------------------------- */

static WriteOp *
write_op_ref (WriteOp *op)
{
  g_ref_count_inc (&op->ref);
  return op;
}

static void
write_op_unref (WriteOp *op)
{
  if (!g_ref_count_dec (&op->ref))
    return;

  g_assert (op->finished);
  g_clear_object (&op->cancellable);
  g_main_context_unref (op->context);
  qnet_stream_io_unref (op->io);
  g_free (op);
}

static void
check_unthrottled (QnetStreamIO *self)
{
  if (self->throttled && self->queued <= self->low)
    {
      self->throttled = FALSE;
      if (self->callbacks->unthrottled != NULL)
        self->callbacks->unthrottled (self->user_data, self->queued);
    }
}

static void
check_throttled (QnetStreamIO *self)
{
  if (!self->throttled && self->queued > self->high)
    {
      self->throttled = TRUE;
      if (self->callbacks->throttled != NULL)
        self->callbacks->throttled (self->user_data, self->queued);
    }
}

/* Takes @op's entry (what is left of it) out of the queue. */
static void
write_op_drop_entry (WriteOp *op)
{
  QnetStreamIO *io = op->io;
  WriteEntry *entry = op->entry;

  if (entry == NULL)
    return;
  op->entry = NULL;
  entry->op = NULL;
  if (g_queue_remove (&io->queue, entry))
    {
      io->queued -= entry->len - entry->off;
      write_entry_free (entry);
    }
}

static void
write_op_finish (WriteOp *op,
                 GError  *error)
{
  QnetStreamIO *io = op->io;

  if (op->finished)
    {
      g_clear_error (&error);
      return;
    }
  op->finished = TRUE;
  clear_source (&op->source);
  clear_source (&op->deadline);
  if (error != NULL)
    write_op_drop_entry (op);
  op->entry = NULL;
  io->write_ops = g_list_remove (io->write_ops, op);

  op->done (op->user_data, error);
  write_op_unref (op);  /* the io's reference */
}

/* Fails every write and drops the queue after a write error. */
static void
fail_all_writes (QnetStreamIO *self,
                 const GError *error)
{
  gboolean orphans = FALSE;
  WriteEntry *entry;

  while ((entry = g_queue_pop_head (&self->queue)) != NULL)
    {
      if (entry->op != NULL)
        entry->op->entry = NULL;
      else
        orphans = TRUE;
      write_entry_free (entry);
    }
  self->queued = 0;
  clear_source (&self->bg_source);

  while (self->write_ops != NULL)
    write_op_finish (self->write_ops->data, g_error_copy (error));

  if (orphans && !self->closed && self->callbacks->write_failed != NULL)
    self->callbacks->write_failed (self->user_data, error);
}

static void
finish_drained (QnetStreamIO *self)
{
  GList *l = self->write_ops;

  clear_source (&self->bg_source);

  while (l != NULL)
    {
      WriteOp *op = l->data;

      l = l->next;
      if (op->entry == NULL && !op->finished)
        {
          /* A handler may finish others: restart from the head. */
          write_op_finish (op, NULL);
          l = self->write_ops;
        }
    }
}

typedef enum {
  FLUSH_EMPTY,    /* everything is written */
  FLUSH_BLOCKED,  /* the stream would block */
  FLUSH_YIELD,    /* the step budget is spent; the stream may be writable */
  FLUSH_STOPPED,  /* closed or failed */
  FLUSH_NESTED,   /* too many flushes are running in this stack */
} FlushResult;

static FlushResult
flush_queue (QnetStreamIO *self)
{
  FlushResult result = FLUSH_EMPTY;
  gsize moved = 0;

  if (self->closed)
    return FLUSH_STOPPED;
  if (self->flush_depth >= QNET_STREAM_IO_MAX_FLUSH_DEPTH)
    return FLUSH_NESTED;

  qnet_stream_io_ref (self);
  self->flush_depth++;

  while (!self->closed && !g_queue_is_empty (&self->queue))
    {
      WriteEntry *entry = g_queue_peek_head (&self->queue);
      WriteOp *op = NULL;
      GError *error = NULL;
      gssize n;
      gsize total;
      gsize len;

      if (moved >= QNET_STREAM_IO_STEP_BUDGET)
        {
          result = FLUSH_YIELD;
          break;
        }

      n = write_nonblocking (self, entry->data + entry->off, entry->len - entry->off, &error);
      if (n > 0)
        {
          entry->off += n;
          self->queued -= n;
          moved += n;
          self->last_write_progress = g_get_monotonic_time ();
          total = entry->off;
          len = entry->len;
          if (entry->off == entry->len)
            {
              g_queue_pop_head (&self->queue);
              op = entry->op;
              if (op != NULL)
                {
                  op->entry = NULL;
                  write_op_ref (op);
                }
              write_entry_free (entry);
            }

          if (self->callbacks->sent != NULL)
            self->callbacks->sent (self->user_data, n, total, len);

          if (op != NULL)
            {
              if (!self->closed)
                write_op_finish (op, NULL);
              write_op_unref (op);
            }
          if (!self->closed)
            check_unthrottled (self);
          continue;
        }

      if (n == WOULD_BLOCK)
        {
          result = FLUSH_BLOCKED;
          break;
        }

      self->broken = TRUE;
      fail_all_writes (self, error);
      g_error_free (error);
      result = FLUSH_STOPPED;
      break;
    }

  self->flush_depth--;

  if (self->closed)
    result = FLUSH_STOPPED;
  else if (result == FLUSH_EMPTY)
    finish_drained (self);

  qnet_stream_io_unref (self);
  return result;
}

static gboolean bg_source_cb (GObject *stream,
                              gpointer data);
static gboolean bg_fd_cb     (gint         fd,
                              GIOCondition condition,
                              gpointer     data);

static void
ensure_bg_source (QnetStreamIO *self)
{
  if (self->bg_source != NULL || g_queue_is_empty (&self->queue) || self->closed)
    return;

  /* No reference: close and unref remove the source first. */
  self->bg_source = wait_source_new (self, G_IO_OUT, NULL, bg_fd_cb, bg_source_cb, self,
                                    "[qnet] write queue", g_main_context_get_thread_default ());
}

static gboolean
bg_source_cb (GObject  *stream,
              gpointer  data)
{
  QnetStreamIO *self = data;

  flush_queue (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
bg_fd_cb (gint         fd,
          GIOCondition condition,
          gpointer     data)
{
  flush_queue (data);
  return G_SOURCE_CONTINUE;
}

static gboolean write_op_source_cb (GObject *stream,
                                    gpointer data);
static gboolean write_op_fd_cb     (gint         fd,
                                    GIOCondition condition,
                                    gpointer     data);

static gboolean
write_op_deadline_cb (gpointer data)
{
  WriteOp *op = data;
  QnetStreamIO *io = op->io;
  gint64 since = MAX (op->started, io->last_write_progress);
  gint64 due = since + (gint64) op->timeout_ms * 1000;

  if (g_get_monotonic_time () < due)
    {
      /* Progress happened meanwhile: wait for the rest of the period. */
      g_source_set_ready_time (op->deadline, due);
      return G_SOURCE_CONTINUE;
    }

  write_op_ref (op);
  write_op_finish (op, timed_out_error ());
  write_op_unref (op);
  return G_SOURCE_CONTINUE;
}

/* Drives the queue from @op's context until @op is finished. */
static void
write_op_wait (WriteOp *op,
               gboolean writable)
{
  QnetStreamIO *io = op->io;

  if (op->source == NULL)
    {
      op->source = wait_source_new (io, G_IO_OUT, op->cancellable, write_op_fd_cb, write_op_source_cb,
                                    op, "[qnet] write", op->context);
    }
  /* After a yield the stream is still writable: run again soon. */
  g_source_set_ready_time (op->source, writable ? 0 : -1);

  if (op->timeout_ms > 0 && op->deadline == NULL)
    {
      op->deadline = deadline_new (op->context, write_op_deadline_cb, op);
      g_source_set_ready_time (op->deadline, op->started + (gint64) op->timeout_ms * 1000);
    }
}

static void
write_op_step (WriteOp *op)
{
  QnetStreamIO *io = op->io;
  FlushResult result;

  write_op_ref (op);

  if (!op->finished && g_cancellable_is_cancelled (op->cancellable))
    write_op_finish (op, cancelled_error ());

  if (!op->finished)
    {
      result = flush_queue (io);

      if (!op->finished && !io->closed)
        {
          if (result == FLUSH_EMPTY)
            write_op_finish (op, NULL);
          else if (result == FLUSH_NESTED)
            write_op_finish (op, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_WOULD_RECURSE,
                                                      _("Too many nested writes")));
          else if (op->timeout_ms == 0 && result != FLUSH_YIELD)
            write_op_finish (op, timed_out_error ());
          else
            write_op_wait (op, result == FLUSH_YIELD);
        }
    }

  write_op_unref (op);
}

static gboolean
write_op_source_cb (GObject  *stream,
                    gpointer  data)
{
  write_op_step (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
write_op_fd_cb (gint         fd,
                GIOCondition condition,
                gpointer     data)
{
  write_op_step (data);
  return G_SOURCE_CONTINUE;
}

static WriteOp *
write_op_new (QnetStreamIO      *self,
              gint               timeout_ms,
              GCancellable      *cancellable,
              QnetWriteDoneFunc  done,
              gpointer           user_data)
{
  WriteOp *op = g_new0 (WriteOp, 1);

  g_ref_count_init (&op->ref);
  op->io = qnet_stream_io_ref (self);
  op->timeout_ms = timeout_ms;
  op->started = g_get_monotonic_time ();
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->context = g_main_context_ref_thread_default ();
  op->done = done;
  op->user_data = user_data;
  self->write_ops = g_list_append (self->write_ops, op);  /* takes the initial reference */
  return op;
}

static WriteEntry *
push_entry (QnetStreamIO *self,
            GBytes       *bytes)
{
  WriteEntry *entry = g_new0 (WriteEntry, 1);
  gsize len;

  entry->bytes = g_bytes_ref (bytes);
  entry->data = g_bytes_get_data (bytes, &len);
  entry->len = len;
  g_queue_push_tail (&self->queue, entry);
  self->queued += len;
  return entry;
}

void
qnet_stream_io_write (QnetStreamIO      *self,
                      GBytes            *bytes,
                      gint               timeout_ms,
                      GCancellable      *cancellable,
                      QnetWriteDoneFunc  done,
                      gpointer           user_data)
{
  WriteOp *op;

  g_return_if_fail (self != NULL && bytes != NULL && done != NULL);

  if (self->closed)
    {
      done (user_data, not_open_error ());
      return;
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      done (user_data, cancelled_error ());
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      done (user_data, NULL);
      return;
    }

  op = write_op_new (self, timeout_ms, cancellable, done, user_data);
  op->entry = push_entry (self, bytes);
  op->entry->op = op;
  write_op_ref (op);
  check_throttled (self);
  if (!op->finished)
    write_op_step (op);
  write_op_unref (op);
}

gboolean
qnet_stream_io_enqueue (QnetStreamIO  *self,
                        GBytes        *bytes,
                        GError       **error)
{
  g_return_val_if_fail (self != NULL && bytes != NULL, FALSE);

  if (self->closed)
    {
      g_propagate_error (error, not_open_error ());
      return FALSE;
    }
  if (g_bytes_get_size (bytes) == 0)
    return TRUE;

  push_entry (self, bytes);
  qnet_stream_io_ref (self);
  check_throttled (self);
  if (!self->closed && flush_queue (self) != FLUSH_EMPTY)
    ensure_bg_source (self);
  qnet_stream_io_unref (self);
  return TRUE;
}

void
qnet_stream_io_wait_drained (QnetStreamIO      *self,
                             gint               timeout_ms,
                             GCancellable      *cancellable,
                             QnetWriteDoneFunc  done,
                             gpointer           user_data)
{
  WriteOp *op;

  g_return_if_fail (self != NULL && done != NULL);

  if (self->closed)
    {
      done (user_data, not_open_error ());
      return;
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      done (user_data, cancelled_error ());
      return;
    }

  op = write_op_new (self, timeout_ms, cancellable, done, user_data);
  write_op_step (op);
}

gsize
qnet_stream_io_get_queued (QnetStreamIO *self)
{
  return self->queued;
}

void
qnet_stream_io_set_watermarks (QnetStreamIO *self,
                               gsize         high,
                               gsize         low)
{
  self->high = high;
  self->low = MIN (low, high);
}

/* ---- Closing --------------------------------------------------------------- */

void
qnet_stream_io_close (QnetStreamIO *self)
{
  WriteEntry *entry;

  if (self->closed)
    return;
  self->closed = TRUE;
  self->fd = -1;

  qnet_stream_io_ref (self);

  g_clear_pointer (&self->receiver, receiver_free);
  clear_source (&self->bg_source);

  while ((entry = g_queue_pop_head (&self->queue)) != NULL)
    {
      if (entry->op != NULL)
        entry->op->entry = NULL;
      write_entry_free (entry);
    }
  self->queued = 0;

  if (self->read_op != NULL)
    read_op_fail (self->read_op, not_open_error (), FALSE);
  while (self->write_ops != NULL)
    write_op_finish (self->write_ops->data, not_open_error ());

  self->start = self->end = 0;

  qnet_stream_io_unref (self);
}
