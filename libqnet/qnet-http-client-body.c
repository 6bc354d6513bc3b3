/* qnet-http-client-body.c: reading HTTP bodies on a connected QnetSocket
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The three framings of RFC 9112 §6.3 (Content-Length, chunked, until
 * close), with the codings undone by io/qnet-content-decoder and the
 * result delivered to memory, to a GOutputStream, or nowhere (a
 * redirect's body). Like the head reader (qnet-http-client-io.c), the
 * operation is a loop that goes as far as it can without waiting and is
 * resumed by completions; a loop that moved more than QNET_HTTP_IO_BUDGET
 * bytes without waiting yields to the main loop once, so that one fast
 * download does not starve other sources of its context. Bytes already
 * in the socket's read-ahead buffer are used where they lie (no network
 * read, so no `packet-read`); a body kept in memory whole, undecoded,
 * with a Content-Length is read with one request straight into its final
 * buffer.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-http-client-private.h"

/* Bytes a loop moves before it yields to the main loop. */
#define QNET_HTTP_IO_BUDGET (4 * 1024 * 1024)
/* The most one network read of a body asks for. */
#define QNET_HTTP_IO_READ_MAX QNET_STREAM_IO_CHUNK_SIZE

/* ---- Reading a body ------------------------------------------------------------ */

void
_qnet_http_body_result_clear (QnetHttpBodyResult *result)
{
  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_pointer (&result->trailers, qnet_http_head_free);
  result->body_size = 0;
  result->wire_size = 0;
}

typedef struct {
  QnetSocket         *sock;         /* (owned) */
  QnetHttpBodySpec    spec;         /* spec.out (owned) */
  gint                timeout_ms;
  GCancellable       *cancellable;  /* (owned) (nullable) */
  QnetHttpBodyDone    done;
  gpointer            user_data;

  QnetChunkedDecoder *chunked;      /* (owned) (nullable) */
  QnetContentDecoder *decoder;      /* (owned) (nullable) */
  GByteArray         *memory;       /* (owned) (nullable): the body kept in memory */
  GByteArray         *decoded;      /* (owned): one piece's decoded output */
  GBytes             *whole;        /* (owned) (nullable): the body read whole (no copy) */
  QnetHttpHead       *trailers;     /* (owned) (nullable) */
  guint64             wire;         /* body bytes received */
  guint64             delivered;    /* decoded bytes delivered */
  guint64             net_total;    /* bytes read from the network for this body */

  QnetHttpReadSlot    slot;
  gboolean            read_whole;   /* the pending read is the whole body */
  GBytes             *writing;      /* (owned) (nullable): pending stream write */
  gsize               write_offset; /* of writing, for a pollable stream */
  GSource            *write_source; /* (owned) (nullable): waiting for the stream */
  gboolean            write_pending;
  gboolean            write_completed;
  GError             *write_error;  /* (owned) (nullable) */
  gboolean            running;
  gboolean            at_eof;       /* UNTIL_CLOSE: the peer closed */
  gsize               moved;        /* bytes since the loop last waited */
  GSource            *yield_source; /* (owned) (nullable) */
} BodyOp;

static void body_op_run (BodyOp *op);

static void
body_op_free (BodyOp *op)
{
  _qnet_http_read_slot_clear (&op->slot);
  if (op->yield_source != NULL)
    {
      g_source_destroy (op->yield_source);
      g_source_unref (op->yield_source);
    }
  g_clear_pointer (&op->chunked, qnet_chunked_decoder_free);
  g_clear_pointer (&op->decoder, qnet_content_decoder_free);
  g_clear_pointer (&op->memory, g_byte_array_unref);
  g_clear_pointer (&op->decoded, g_byte_array_unref);
  g_clear_pointer (&op->whole, g_bytes_unref);
  g_clear_pointer (&op->trailers, qnet_http_head_free);
  g_clear_pointer (&op->writing, g_bytes_unref);
  g_clear_error (&op->write_error);
  if (op->write_source != NULL)
    {
      g_source_destroy (op->write_source);
      g_source_unref (op->write_source);
    }
  if (op->spec.framing.body == QNET_HTTP_BODY_UNTIL_CLOSE)
    _qnet_socket_set_tls_require_close_notify (op->sock, FALSE);
  g_clear_object (&op->spec.out);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->sock);
  g_free (op);
}

static void
body_op_finish (BodyOp *op,
                GError *error)
{
  QnetHttpBodyResult result = { NULL, NULL, 0, 0 };
  QnetHttpBodyDone done = op->done;
  gpointer user_data = op->user_data;

  if (op->whole != NULL)
    result.body = g_steal_pointer (&op->whole);
  else if (op->memory != NULL)
    result.body = g_byte_array_free_to_bytes (g_steal_pointer (&op->memory));
  result.trailers = g_steal_pointer (&op->trailers);
  result.body_size = op->delivered;
  result.wire_size = op->wire;

  body_op_free (op);
  done (user_data, &result, error);
  _qnet_http_body_result_clear (&result);
}

/* Writes what the caller's stream takes now: a pollable one without
 * blocking, another one synchronously in the blocking form (whose thread
 * waits anyway); nothing in the asynchronous form with a stream that
 * cannot be polled (GIO's asynchronous write, later, must do it). */
static gboolean
body_op_write_now (BodyOp        *op,
                   const guint8  *data,
                   gsize          len,
                   gsize         *written,
                   GError       **error)
{
  GOutputStream *out = op->spec.out;

  *written = 0;
  if (G_IS_POLLABLE_OUTPUT_STREAM (out) &&
      g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (out)))
    {
      while (*written < len)
        {
          GError *local_error = NULL;
          gssize n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (out),
                                                                 data + *written, len - *written,
                                                                 op->cancellable, &local_error);

          if (n > 0)
            {
              *written += (gsize) n;
              continue;
            }
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              g_error_free (local_error);
              return TRUE;
            }
          if (local_error == NULL)
            local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the body"));
          g_propagate_error (error, local_error);
          return FALSE;
        }
      return TRUE;
    }

  if (op->spec.blocking)
    {
      if (!g_output_stream_write_all (out, data, len, written, op->cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* Delivers decoded bytes to memory or to the stream (a pending write the
 * loop starts). @bytes: the same data when it is already a GBytes (no
 * copy for the stream). */
static gboolean
body_op_deliver (BodyOp        *op,
                 const guint8  *data,
                 gsize          len,
                 GBytes        *bytes,
                 GError       **error)
{
  if (len == 0)
    return TRUE;
  op->delivered += len;

  if (op->spec.out != NULL)
    {
      /* Written at once when the stream takes it without waiting (then
       * no copy); what is left waits in op->writing, in order. */
      if (op->writing == NULL)
        {
          gsize written = 0;

          if (!body_op_write_now (op, data, len, &written, error))
            return FALSE;
          if (written == len)
            return TRUE;
          data += written;
          len -= written;
          bytes = NULL;
        }
      if (op->writing != NULL)
        {
          /* Pieces of one step are gathered into one write. */
          gsize old_len;
          const guint8 *old = g_bytes_get_data (op->writing, &old_len);
          GByteArray *joined = g_byte_array_sized_new ((guint) (old_len + len));

          g_byte_array_append (joined, old, (guint) old_len);
          g_byte_array_append (joined, data, (guint) len);
          g_bytes_unref (op->writing);
          op->writing = g_byte_array_free_to_bytes (joined);
        }
      else
        {
          op->writing = bytes != NULL ? g_bytes_ref (bytes) : g_bytes_new (data, len);
        }
      return TRUE;
    }

  if (op->delivered > (guint64) op->spec.max_memory)
    {
      g_autofree char *size = g_format_size ((guint64) op->spec.max_memory);

      g_set_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE,
                   _("The body is larger than %s, the most kept in memory"), size);
      return FALSE;
    }
  if (op->memory == NULL)
    op->memory = g_byte_array_new ();
  g_byte_array_append (op->memory, data, (guint) len);
  return TRUE;
}

/* One piece of body data (after dechunking): decoded and delivered. */
static gboolean
body_op_piece (BodyOp        *op,
               const guint8  *data,
               gsize          len,
               GBytes        *bytes,
               GError       **error)
{
  op->wire += len;
  op->moved += len;
  if (op->spec.discard)
    return TRUE;
  if (op->decoder == NULL)
    return body_op_deliver (op, data, len, bytes, error);

  g_byte_array_set_size (op->decoded, 0);
  if (!qnet_content_decoder_feed (op->decoder, data, len, op->decoded, error))
    return FALSE;
  return body_op_deliver (op, op->decoded->data, op->decoded->len, NULL, error);
}

/* The body ended: the decoder must be complete too. */
static void
body_op_end (BodyOp *op)
{
  GError *error = NULL;

  if (op->decoder != NULL && !op->spec.discard)
    {
      g_byte_array_set_size (op->decoded, 0);
      if (!qnet_content_decoder_finish (op->decoder, op->decoded, &error) ||
          !body_op_deliver (op, op->decoded->data, op->decoded->len, NULL, &error))
        {
          body_op_finish (op, error);
          return;
        }
      if (op->writing != NULL)
        {
          /* Written by the loop, which ends the body afterwards. */
          body_op_run (op);
          return;
        }
    }
  body_op_finish (op, NULL);
}

static void
body_op_progress (gpointer data,
                  gsize    n,
                  gsize    total,
                  gint64   total_to_read)
{
  BodyOp *op = data;
  gint64 to_read = -1;

  op->net_total += n;
  if (op->spec.framing.body == QNET_HTTP_BODY_CONTENT_LENGTH)
    to_read = op->spec.framing.content_length;
  _qnet_emitter_emit_full (QNET_EMITTER (op->sock), op->spec.source, QNET_EVENT_PACKET_READ,
                           (gint64) n, (gint64) op->net_total, to_read);
}

static void
body_op_read_done (gpointer  data,
                   GBytes   *bytes,
                   GError   *error)
{
  BodyOp *op = data;

  op->slot.completed = TRUE;
  op->slot.data = bytes;
  op->slot.error = error;
  if (!op->running)
    body_op_run (op);
}

static void
body_op_write_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  BodyOp *op = data;

  op->write_completed = TRUE;
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &op->write_error);
  if (!op->running)
    body_op_run (op);
}

static gboolean
body_op_writable_cb (GObject  *stream,
                     gpointer  data)
{
  BodyOp *op = data;

  g_clear_pointer (&op->write_source, g_source_unref);
  body_op_run (op);
  return G_SOURCE_REMOVE;
}

typedef enum {
  WRITE_DONE,     /* op->writing went out whole */
  WRITE_WAITING,  /* the loop resumes when the stream can take more */
  WRITE_FAILED,   /* op finished with the error */
} WriteStatus;

/* Writes op->writing to the caller's stream. A pollable stream (a pipe,
 * a socket) is written without blocking, waiting on its readiness; any
 * other (a file, memory) is written synchronously by the blocking form,
 * whose thread waits anyway, and by GIO's asynchronous write (a worker
 * thread) in the asynchronous form, which must not stall its context. */
static WriteStatus
body_op_write (BodyOp *op)
{
  GOutputStream *out = op->spec.out;
  gsize len;
  const guint8 *data = g_bytes_get_data (op->writing, &len);
  GError *error = NULL;

  if (G_IS_POLLABLE_OUTPUT_STREAM (out) &&
      g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (out)))
    {
      while (op->write_offset < len)
        {
          gssize n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (out),
                                                                 data + op->write_offset,
                                                                 len - op->write_offset,
                                                                 op->cancellable, &error);

          if (n > 0)
            {
              op->write_offset += (gsize) n;
              continue;
            }
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              g_clear_error (&error);
              op->write_source = g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (out),
                                                                          op->cancellable);
              g_source_set_callback (op->write_source, G_SOURCE_FUNC (body_op_writable_cb), op, NULL);
              g_source_set_static_name (op->write_source, "[qnet] http body out");
              g_source_attach (op->write_source, g_main_context_get_thread_default ());
              return WRITE_WAITING;
            }
          if (error == NULL)
            error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the body"));
          body_op_finish (op, error);
          return WRITE_FAILED;
        }
    }
  else if (op->spec.blocking)
    {
      if (!g_output_stream_write_all (out, data, len, NULL, op->cancellable, &error))
        {
          body_op_finish (op, error);
          return WRITE_FAILED;
        }
    }
  else
    {
      op->write_pending = TRUE;
      op->write_completed = FALSE;
      g_output_stream_write_all_async (out, data, len, G_PRIORITY_DEFAULT, op->cancellable,
                                       body_op_write_done, op);
      return WRITE_WAITING;
    }

  op->write_offset = 0;
  g_clear_pointer (&op->writing, g_bytes_unref);
  return WRITE_DONE;
}

static gboolean
body_op_yield_cb (gpointer data)
{
  BodyOp *op = data;

  g_clear_pointer (&op->yield_source, g_source_unref);
  body_op_run (op);
  return G_SOURCE_REMOVE;
}

/* Chunked: feeds what is buffered to the decoder, event by event. Returns
 * FALSE when @op finished (or failed). Sets *need_read when the buffer is
 * used up. */
static gboolean
body_op_feed_chunked (BodyOp   *op,
                      gboolean *need_read)
{
  QnetEmitter *emitter = QNET_EMITTER (op->sock);

  *need_read = FALSE;

  for (;;)
    {
      QnetStreamIO *io = _qnet_socket_get_io (op->sock);
      const guint8 *data;
      gsize len, consumed = 0;
      QnetChunkedEvent event;
      QnetParseStatus status;
      GError *error = NULL;

      if (io == NULL || qnet_stream_io_is_closed (io))
        {
          body_op_finish (op, _qnet_socket_not_open_error (op->sock));
          return FALSE;
        }
      if (op->writing != NULL || op->moved >= QNET_HTTP_IO_BUDGET)
        return TRUE;  /* the loop writes or yields first */

      data = qnet_stream_io_peek (io, &len);
      if (len == 0)
        {
          *need_read = TRUE;
          return TRUE;
        }

      memset (&event, 0, sizeof event);
      status = qnet_chunked_decoder_feed (op->chunked, data, len, &consumed, &event, &error);
      if (status == QNET_PARSE_ERROR)
        {
          qnet_stream_io_consume (io, consumed);
          body_op_finish (op, error);
          return FALSE;
        }

      switch (event.type)
        {
        case QNET_CHUNKED_EVENT_DATA:
          {
            /* Use the data before it leaves the buffer. */
            g_autoptr(GBytes) piece = NULL;

            if (op->spec.client_events &&
                _qnet_emitter_is_observed (emitter, QNET_EVENT_HTTP_CHUNKED_DATA_READ))
              piece = g_bytes_new (event.data, event.data_len);
            if (!body_op_piece (op, event.data, event.data_len, NULL, &error))
              {
                qnet_stream_io_consume (io, consumed);
                body_op_finish (op, error);
                return FALSE;
              }
            qnet_stream_io_consume (io, consumed);
            if (piece != NULL)
              _qnet_emitter_emit_full (emitter, QNET_EVENT_SOURCE_HTTP_CLIENT,
                                       QNET_EVENT_HTTP_CHUNKED_DATA_READ, piece);
          }
          break;

        case QNET_CHUNKED_EVENT_SIZE:
          qnet_stream_io_consume (io, consumed);
          if (op->spec.client_events)
            _qnet_emitter_emit_full (emitter, QNET_EVENT_SOURCE_HTTP_CLIENT, QNET_EVENT_HTTP_CHUNK_SIZE,
                                     (gint64) event.size, (gint64) event.total);
          break;

        case QNET_CHUNKED_EVENT_CHUNK_END:
          qnet_stream_io_consume (io, consumed);
          if (op->spec.client_events)
            _qnet_emitter_emit_full (emitter, QNET_EVENT_SOURCE_HTTP_CLIENT,
                                     QNET_EVENT_HTTP_CHUNKED_DATA_RECEIVED,
                                     (gint64) event.size, (gint64) event.total);
          break;

        case QNET_CHUNKED_EVENT_END:
          qnet_stream_io_consume (io, consumed);
          op->trailers = qnet_chunked_decoder_steal_trailers (op->chunked);
          if (op->trailers != NULL && op->spec.client_events &&
              _qnet_emitter_is_observed (emitter, QNET_EVENT_HTTP_FOOTERS_RECEIVED))
            {
              g_autoptr(GVariant) variant = g_variant_ref_sink (qnet_http_head_to_variant (op->trailers));

              _qnet_emitter_emit_full (emitter, QNET_EVENT_SOURCE_HTTP_CLIENT,
                                       QNET_EVENT_HTTP_FOOTERS_RECEIVED, variant);
            }
          body_op_end (op);
          return FALSE;

        case QNET_CHUNKED_EVENT_NONE:
        default:
          qnet_stream_io_consume (io, consumed);
          break;
        }

      if (status == QNET_PARSE_NEED_MORE)
        {
          *need_read = TRUE;
          return TRUE;
        }
    }
}

/* Returns FALSE when @op finished (the TLS layer refused the read). */
static gboolean
body_op_start_read (BodyOp          *op,
                    QnetReadMode     mode,
                    gsize            size)
{
  QnetReadRequest request = { 0, };
  GError *check_error = _qnet_socket_check_read (op->sock, mode);

  if (check_error != NULL)
    {
      body_op_finish (op, check_error);
      return FALSE;
    }
  request.mode = mode;
  request.size = size;
  op->slot.pending = TRUE;
  op->slot.completed = FALSE;
  op->moved = 0;
  _qnet_socket_io_read (op->sock, &request, op->timeout_ms, op->cancellable,
                        body_op_progress, body_op_read_done, op);
  return TRUE;
}

/* A network read completed: returns FALSE when @op finished. */
static gboolean
body_op_take_read (BodyOp *op)
{
  g_autoptr(GBytes) data = g_steal_pointer (&op->slot.data);
  GError *error = g_steal_pointer (&op->slot.error);
  gboolean whole = op->read_whole;
  QnetHttpBodyKind kind = op->spec.framing.body;

  op->slot.pending = FALSE;
  op->slot.completed = FALSE;
  op->read_whole = FALSE;

  if (error != NULL)
    {
      if (g_error_matches (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED))
        {
          g_clear_error (&error);
          _qnet_socket_close_if_broken (op->sock);
          if (kind == QNET_HTTP_BODY_UNTIL_CLOSE)
            {
              op->at_eof = TRUE;
              return TRUE;
            }
          if (kind == QNET_HTTP_BODY_CHUNKED)
            qnet_chunked_decoder_finish (op->chunked, &error);
          if (error == NULL)
            error = g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED,
                                 _("The connection was closed after %llu of %lld body bytes"),
                                 (unsigned long long) op->wire,
                                 (long long) op->spec.framing.content_length);
          body_op_finish (op, error);
          return FALSE;
        }
      body_op_finish (op, _qnet_socket_io_error (op->sock, QNET_SOCKET_ACTION_RECEIVE, error));
      return FALSE;
    }

  if (data == NULL)
    return TRUE;  /* a fill: the data is in the buffer */

  if (_qnet_emitter_is_observed (QNET_EMITTER (op->sock), QNET_EVENT_SOCKET_DATA_READ))
    _qnet_emitter_emit_full (QNET_EMITTER (op->sock), op->spec.source, QNET_EVENT_SOCKET_DATA_READ, data);

  if (whole)
    {
      gsize len = g_bytes_get_size (data);

      op->wire += len;
      op->delivered += len;
      op->whole = g_steal_pointer (&data);
      _qnet_socket_close_if_broken (op->sock);
      if ((gint64) len < op->spec.framing.content_length)
        {
          body_op_finish (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED,
                                           _("The connection was closed after %llu of %lld body bytes"),
                                           (unsigned long long) len,
                                           (long long) op->spec.framing.content_length));
          return FALSE;
        }
      body_op_end (op);
      return FALSE;
    }

  {
    gsize len;
    const guint8 *p = g_bytes_get_data (data, &len);

    if (!body_op_piece (op, p, len, data, &error))
      {
        body_op_finish (op, error);
        return FALSE;
      }
  }
  return TRUE;
}

static void
body_op_run (BodyOp *op)
{
  op->running = TRUE;

  for (;;)
    {
      QnetStreamIO *io;
      QnetHttpBodyKind kind = op->spec.framing.body;

      /* A stream write first: nothing more is read until it is done. */
      if (op->write_pending)
        {
          if (!op->write_completed)
            {
              op->running = FALSE;
              return;
            }
          op->write_pending = FALSE;
          op->write_completed = FALSE;
          op->write_offset = 0;
          g_clear_pointer (&op->writing, g_bytes_unref);
          if (op->write_error != NULL)
            {
              body_op_finish (op, g_steal_pointer (&op->write_error));
              return;
            }
        }
      if (op->writing != NULL)
        {
          switch (body_op_write (op))
            {
            case WRITE_DONE:
              break;
            case WRITE_WAITING:
              op->running = FALSE;
              return;
            case WRITE_FAILED:
            default:
              return;
            }
          continue;
        }

      if (op->slot.pending)
        {
          if (!op->slot.completed)
            {
              op->running = FALSE;
              return;
            }
          if (!body_op_take_read (op))
            return;
          continue;
        }

      /* Done? */
      if ((kind == QNET_HTTP_BODY_CONTENT_LENGTH && op->wire >= (guint64) op->spec.framing.content_length) ||
          (kind == QNET_HTTP_BODY_UNTIL_CLOSE && op->at_eof) ||
          kind == QNET_HTTP_BODY_NONE)
        {
          body_op_end (op);
          return;
        }

      if (op->moved >= QNET_HTTP_IO_BUDGET)
        {
          /* Let the rest of the context run, then go on. */
          op->moved = 0;
          op->running = FALSE;
          op->yield_source = g_timeout_source_new (0);
          g_source_set_callback (op->yield_source, body_op_yield_cb, op, NULL);
          g_source_set_static_name (op->yield_source, "[qnet] http body");
          g_source_attach (op->yield_source, g_main_context_get_thread_default ());
          return;
        }

      io = _qnet_socket_get_io (op->sock);
      if (io == NULL || qnet_stream_io_is_closed (io))
        {
          body_op_finish (op, _qnet_socket_not_open_error (op->sock));
          return;
        }

      if (kind == QNET_HTTP_BODY_CHUNKED)
        {
          gboolean need_read;

          if (!body_op_feed_chunked (op, &need_read))
            return;
          if (need_read && !body_op_start_read (op, QNET_READ_FILL, QNET_STREAM_IO_BUFFER_SIZE))
            return;
          continue;
        }

      {
        gsize have;
        const guint8 *data = qnet_stream_io_peek (io, &have);
        guint64 remaining = kind == QNET_HTTP_BODY_CONTENT_LENGTH
                            ? (guint64) op->spec.framing.content_length - op->wire : G_MAXUINT64;

        /* In memory, undecoded, nothing yet: one read for the whole body
         * (what is buffered included), no copy. */
        if (kind == QNET_HTTP_BODY_CONTENT_LENGTH && op->spec.out == NULL && !op->spec.discard &&
            op->decoder == NULL && op->wire == 0 && remaining > QNET_STREAM_IO_BUFFER_SIZE)
          {
            op->read_whole = TRUE;
            if (!body_op_start_read (op, QNET_READ_EXACT, (gsize) remaining))
              return;
            continue;
          }

        if (have > 0)
          {
            GError *error = NULL;
            gsize n = (gsize) MIN ((guint64) have, remaining);

            if (!body_op_piece (op, data, n, NULL, &error))
              {
                qnet_stream_io_consume (io, n);
                body_op_finish (op, error);
                return;
              }
            qnet_stream_io_consume (io, n);
            continue;
          }

        /* Large reads land in their own buffer (the stream I/O reads
         * straight into it), which is delivered whole. */
        if (!body_op_start_read (op, QNET_READ_SOME,
                                 (gsize) MIN (remaining, (guint64) QNET_HTTP_IO_READ_MAX)))
          return;
      }
    }
}

void
_qnet_http_read_body (QnetSocket             *sock,
                      const QnetHttpBodySpec *spec,
                      gint                    timeout_ms,
                      GCancellable           *cancellable,
                      QnetHttpBodyDone        done,
                      gpointer                user_data)
{
  BodyOp *op = g_new0 (BodyOp, 1);
  GError *error = NULL;

  op->sock = g_object_ref (sock);
  op->spec = *spec;
  if (op->spec.out != NULL)
    g_object_ref (op->spec.out);
  op->timeout_ms = timeout_ms;
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->done = done;
  op->user_data = user_data;
  op->decoded = g_byte_array_new ();

  if (spec->framing.body == QNET_HTTP_BODY_CHUNKED)
    op->chunked = qnet_chunked_decoder_new ();
  /* A body that ends with the connection must end with close_notify
   * over TLS, or it may have been cut by an attacker. */
  if (spec->framing.body == QNET_HTTP_BODY_UNTIL_CLOSE)
    _qnet_socket_set_tls_require_close_notify (sock, TRUE);

  if (spec->n_codings > 0 && !spec->discard)
    {
      op->decoder = qnet_content_decoder_new (spec->codings, spec->n_codings,
                                              spec->out != NULL ? -1 : spec->max_memory, &error);
      if (op->decoder == NULL)
        {
          body_op_finish (op, error);
          return;
        }
    }

  if (spec->framing.body == QNET_HTTP_BODY_CONTENT_LENGTH && spec->out == NULL && !spec->discard &&
      spec->n_codings == 0 && spec->framing.content_length > spec->max_memory)
    {
      g_autofree char *size = g_format_size ((guint64) spec->max_memory);

      body_op_finish (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE,
                                       _("The body is larger than %s, the most kept in memory"), size));
      return;
    }

  body_op_run (op);
}
