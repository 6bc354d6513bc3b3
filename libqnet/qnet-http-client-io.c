/* qnet-http-client-io.c: HTTP message I/O on a connected QnetSocket
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Heads are parsed by proto/qnet-http-head, chunked bodies by
 * proto/qnet-http-chunked, codings undone by io/qnet-content-decoder;
 * this file only moves bytes between the socket's read-ahead buffer and
 * those parsers, and makes the facts into events.
 *
 * Every operation is a loop (`*_run`) that goes as far as it can without
 * waiting; a network read or a write that has to wait returns to the main
 * loop and its completion resumes the loop. A completion that arrives
 * before the call that started it returned (data was there) only records
 * its result: the running loop picks it up, so a long body never deepens
 * the stack. A loop that moved more than QNET_HTTP_IO_BUDGET bytes
 * without waiting yields to the main loop once, so that one fast download
 * does not starve other sources of its context.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-http-client-private.h"

/* Bytes a loop moves before it yields to the main loop. */
#define QNET_HTTP_IO_BUDGET (4 * 1024 * 1024)
/* The most one network read of a body asks for. */
#define QNET_HTTP_IO_READ_MAX QNET_STREAM_IO_CHUNK_SIZE

/* ---- Header lists -------------------------------------------------------------- */

void
_qnet_http_header_list_init (QnetHttpHeaderList *list)
{
  list->names = g_ptr_array_new_with_free_func (g_free);
  list->values = g_ptr_array_new_with_free_func (g_free);
}

void
_qnet_http_header_list_clear (QnetHttpHeaderList *list)
{
  g_clear_pointer (&list->names, g_ptr_array_unref);
  g_clear_pointer (&list->values, g_ptr_array_unref);
}

void
_qnet_http_header_list_remove (QnetHttpHeaderList *list,
                               const char         *name)
{
  guint i = 0;

  while (i < list->names->len)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (list->names, i), name) == 0)
        {
          g_ptr_array_remove_index (list->names, i);
          g_ptr_array_remove_index (list->values, i);
        }
      else
        i++;
    }
}

void
_qnet_http_header_list_set (QnetHttpHeaderList *list,
                            const char         *name,
                            const char         *value,
                            gboolean            replace)
{
  if (replace)
    {
      for (guint i = 0; i < list->names->len; i++)
        {
          if (g_ascii_strcasecmp (g_ptr_array_index (list->names, i), name) != 0)
            continue;

          /* Keep the position of the first one, with the new spelling. */
          g_free (list->names->pdata[i]);
          list->names->pdata[i] = g_strdup (name);
          g_free (list->values->pdata[i]);
          list->values->pdata[i] = g_strdup (value);
          for (guint j = list->names->len; j-- > i + 1;)
            {
              if (g_ascii_strcasecmp (g_ptr_array_index (list->names, j), name) == 0)
                {
                  g_ptr_array_remove_index (list->names, j);
                  g_ptr_array_remove_index (list->values, j);
                }
            }
          return;
        }
    }

  g_ptr_array_add (list->names, g_strdup (name));
  g_ptr_array_add (list->values, g_strdup (value));
}

const char *
_qnet_http_header_list_get (QnetHttpHeaderList *list,
                            const char         *name)
{
  for (guint i = 0; i < list->names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (list->names, i), name) == 0)
      return g_ptr_array_index (list->values, i);
  return NULL;
}

QnetHttpHeaderPair *
_qnet_http_header_list_pairs (QnetHttpHeaderList *list)
{
  QnetHttpHeaderPair *pairs = g_new0 (QnetHttpHeaderPair, list->names->len + 1);

  for (guint i = 0; i < list->names->len; i++)
    {
      pairs[i].name = g_ptr_array_index (list->names, i);
      pairs[i].value = g_ptr_array_index (list->values, i);
    }
  return pairs;
}

GVariant *
_qnet_http_header_list_to_variant (QnetHttpHeaderList *list)
{
  GVariantBuilder builder;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < list->names->len; i++)
    {
      const char *name = g_ptr_array_index (list->names, i);
      guint n = 0;

      if (g_hash_table_contains (seen, name))
        continue;
      g_hash_table_add (seen, (gpointer) name);

      for (guint j = i; j < list->names->len; j++)
        if (strcmp (g_ptr_array_index (list->names, j), name) == 0)
          n++;

      if (n == 1)
        {
          g_variant_builder_add (&builder, "{sv}", name,
                                 g_variant_new_string (g_ptr_array_index (list->values, i)));
        }
      else
        {
          GVariantBuilder values;

          g_variant_builder_init (&values, G_VARIANT_TYPE_STRING_ARRAY);
          for (guint j = i; j < list->names->len; j++)
            if (strcmp (g_ptr_array_index (list->names, j), name) == 0)
              g_variant_builder_add (&values, "s", g_ptr_array_index (list->values, j));
          g_variant_builder_add (&builder, "{sv}", name, g_variant_builder_end (&values));
        }
    }
  return g_variant_builder_end (&builder);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_ascii_strcasecmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
_qnet_http_header_list_add_table (QnetHttpHeaderList  *list,
                                  GHashTable          *headers,
                                  gboolean             replace,
                                  GError             **error)
{
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) names = NULL;

  if (headers == NULL)
    return TRUE;

  /* A stable order (the table has none): sorted by name. */
  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, headers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (key == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("A header name is missing"));
          return FALSE;
        }
      if (!qnet_http_check_header_name (key, error) ||
          !qnet_http_check_header_value (value != NULL ? value : "", error))
        return FALSE;
      g_ptr_array_add (names, key);
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *v = g_hash_table_lookup (headers, name);

      _qnet_http_header_list_set (list, name, v != NULL ? v : "", replace);
    }
  return TRUE;
}

/* ---- Errors ------------------------------------------------------------------------ */

/* Makes an error of the stream I/O layer the socket's, closing the
 * socket when the connection is gone. */
static GError *
socket_error (QnetSocket       *sock,
              QnetSocketAction  action,
              GError           *error)
{
  GError *wrapped;

  _qnet_socket_close_if_broken (sock);
  wrapped = _qnet_socket_wrap_error (sock, action, error);
  g_error_free (error);
  return wrapped;
}

static GError *
not_open_error (QnetSocket *sock)
{
  return _qnet_socket_not_open_error (sock);
}

/* ---- Writing ------------------------------------------------------------------------ */

/* A write follows the socket's own send (_qnet_socket_send_start): over
 * TLS it completes when its ciphertext is written too. */
typedef struct {
  QnetSocket        *sock;         /* (owned) */
  GBytes            *bytes;        /* (owned) */
  GCancellable      *cancellable;  /* (owned) (nullable) */
  QnetHttpWriteDone  done;
  gpointer           user_data;
} WriteOp;

static void
write_finish (WriteOp *op,
              GError  *error)
{
  g_autoptr(QnetSocket) sock = op->sock;
  QnetHttpWriteDone done = op->done;
  gpointer user_data = op->user_data;

  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_clear_object (&op->cancellable);
  g_free (op);
  _qnet_socket_tls_send_ended (sock);

  if (error != NULL)
    {
      done (user_data, socket_error (sock, QNET_SOCKET_ACTION_SEND, error));
      return;
    }
  done (user_data, NULL);
}

static void
write_flushed (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GError *error = NULL;

  _qnet_socket_tls_flush_finish (QNET_SOCKET (source), result, &error);
  write_finish (data, error);
}

static void
write_done (gpointer  data,
            GError   *error)
{
  WriteOp *op = data;

  if (error == NULL && _qnet_socket_tls_flush_async (op->sock, op->cancellable, write_flushed, op))
    return;
  write_finish (op, error);
}

void
_qnet_http_write (QnetSocket        *sock,
                  GBytes            *bytes,
                  gint               timeout_ms,
                  GCancellable      *cancellable,
                  QnetHttpWriteDone  done,
                  gpointer           user_data)
{
  QnetStreamIO *io = _qnet_socket_get_io (sock);
  GError *tls_error;
  WriteOp *op;

  if (io == NULL || qnet_stream_io_is_closed (io))
    {
      done (user_data, not_open_error (sock));
      return;
    }
  if ((tls_error = _qnet_socket_tls_check_write (sock)) != NULL)
    {
      done (user_data, tls_error);
      return;
    }

  op = g_new0 (WriteOp, 1);
  op->sock = g_object_ref (sock);
  op->bytes = g_bytes_ref (bytes);
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->done = done;
  op->user_data = user_data;
  _qnet_socket_tls_send_started (sock);
  qnet_stream_io_write (io, bytes, _qnet_socket_get_effective_timeout (sock, timeout_ms),
                        cancellable, write_done, op);
}

typedef struct {
  QnetSocket        *sock;        /* (owned) */
  GBytes            *body;        /* (owned) (nullable) */
  gint               timeout_ms;
  GCancellable      *cancellable; /* (owned) (nullable) */
  QnetHttpWriteDone  done;
  gpointer           user_data;
} SendOp;

static void
send_op_free (SendOp *op)
{
  g_clear_object (&op->sock);
  g_clear_pointer (&op->body, g_bytes_unref);
  g_clear_object (&op->cancellable);
  g_free (op);
}

static void
send_body_written (gpointer  data,
                   GError   *error)
{
  SendOp *op = data;
  QnetHttpWriteDone done = op->done;
  gpointer user_data = op->user_data;

  if (error == NULL)
    _qnet_emitter_emit (QNET_EMITTER (op->sock), QNET_EVENT_SOCKET_DATA_SENT, op->body);
  send_op_free (op);
  done (user_data, error);
}

static void
send_head_written (gpointer  data,
                   GError   *error)
{
  SendOp *op = data;

  if (error != NULL || op->body == NULL || g_bytes_get_size (op->body) == 0)
    {
      QnetHttpWriteDone done = op->done;
      gpointer user_data = op->user_data;

      send_op_free (op);
      done (user_data, error);
      return;
    }
  _qnet_http_write (op->sock, op->body, op->timeout_ms, op->cancellable, send_body_written, op);
}

void
_qnet_http_send_message (QnetSocket          *sock,
                         QnetEventSource      source,
                         const char          *first_line,
                         QnetHttpHeaderList  *headers,
                         GBytes              *head,
                         GBytes              *body,
                         gint                 timeout_ms,
                         GCancellable        *cancellable,
                         QnetHttpWriteDone    done,
                         gpointer             user_data)
{
  SendOp *op;

  if (_qnet_emitter_is_observed (QNET_EMITTER (sock), QNET_EVENT_HTTP_SEND_MESSAGE))
    {
      g_autoptr(GVariant) variant = g_variant_ref_sink (_qnet_http_header_list_to_variant (headers));

      _qnet_emitter_emit_full (QNET_EMITTER (sock), source, QNET_EVENT_HTTP_SEND_MESSAGE,
                               first_line, variant);
    }

  op = g_new0 (SendOp, 1);
  op->sock = g_object_ref (sock);
  op->body = body != NULL ? g_bytes_ref (body) : NULL;
  op->timeout_ms = timeout_ms;
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->done = done;
  op->user_data = user_data;
  _qnet_http_write (sock, head, timeout_ms, cancellable, send_head_written, op);
}

/* ---- Reading: shared by heads and bodies ----------------------------------------- */

/* One network read's result, recorded by its completion. */
typedef struct {
  gboolean  pending;    /* a read was started and has not completed */
  gboolean  completed;  /* it completed: @data / @error are set */
  GBytes   *data;       /* (owned) (nullable) */
  GError   *error;      /* (owned) (nullable) */
} ReadSlot;

static void
read_slot_clear (ReadSlot *slot)
{
  g_clear_pointer (&slot->data, g_bytes_unref);
  g_clear_error (&slot->error);
  slot->pending = FALSE;
  slot->completed = FALSE;
}

/* ---- Reading a head ------------------------------------------------------------- */

typedef struct {
  QnetSocket         *sock;        /* (owned) */
  QnetHttpHeadParser *parser;      /* (owned) */
  QnetEventSource     source;
  gint                timeout_ms;
  GCancellable       *cancellable; /* (owned) (nullable) */
  QnetHttpHeadDone    done;
  gpointer            user_data;
  ReadSlot            slot;
  gboolean            running;
  gboolean            keep_raw;
  gboolean            any_byte;    /* QNET_HTTP_HEAD_DETECT: bytes were seen */
} HeadOp;

static void head_op_run (HeadOp *op);

static void
head_op_free (HeadOp *op)
{
  read_slot_clear (&op->slot);
  g_clear_pointer (&op->parser, qnet_http_head_parser_free);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->sock);
  g_free (op);
}

static void
head_op_finish (HeadOp       *op,
                QnetHttpHead *head,
                GError       *error,
                gboolean      nothing_read)
{
  QnetHttpHeadDone done = op->done;
  gpointer user_data = op->user_data;

  head_op_free (op);
  done (user_data, head, error, nothing_read);
}

static void
head_op_progress (gpointer data,
                  gsize    n,
                  gsize    total,
                  gint64   total_to_read)
{
  HeadOp *op = data;

  _qnet_emitter_emit_full (QNET_EMITTER (op->sock), QNET_EVENT_SOURCE_SOCKET, QNET_EVENT_PACKET_READ,
                           (gint64) n, (gint64) total, total_to_read);
}

static void
head_op_read_done (gpointer  data,
                   GBytes   *bytes,
                   GError   *error)
{
  HeadOp *op = data;

  g_clear_pointer (&bytes, g_bytes_unref);
  op->slot.completed = TRUE;
  op->slot.error = error;
  if (!op->running)
    head_op_run (op);
}

/* The head is complete: capture and message events, then the caller. */
static void
head_op_done (HeadOp *op)
{
  QnetEmitter *emitter = QNET_EMITTER (op->sock);
  QnetHttpHead *head = qnet_http_head_parser_steal_head (op->parser);

  if (_qnet_emitter_is_observed (emitter, QNET_EVENT_HTTP_HEADERS_READ))
    {
      gsize len;
      const char *raw = qnet_http_head_get_raw (head, &len);
      g_autofree char *text = raw != NULL ? g_strndup (raw, len) : NULL;

      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        {
          char *valid = g_utf8_make_valid (text, -1);

          g_free (text);
          text = valid;
        }
      _qnet_emitter_emit_full (emitter, op->source, QNET_EVENT_HTTP_HEADERS_READ, text);
    }

  if (_qnet_emitter_is_observed (emitter, QNET_EVENT_HTTP_MESSAGE_RECEIVED))
    {
      g_autoptr(GVariant) variant = g_variant_ref_sink (qnet_http_head_to_variant (head));

      _qnet_emitter_emit_full (emitter, op->source, QNET_EVENT_HTTP_MESSAGE_RECEIVED, variant);
    }

  head_op_finish (op, head, NULL, FALSE);
}

static gboolean
head_op_started (HeadOp *op)
{
  return op->parser != NULL ? qnet_http_head_parser_is_started (op->parser) : op->any_byte;
}

/* QNET_HTTP_HEAD_DETECT: a message that starts with "HTTP/" (after the
 * empty lines a recipient skips) is a response, anything else a request.
 * FALSE while the bytes seen are all a prefix of "HTTP/". */
static gboolean
head_op_detect (HeadOp       *op,
                const guint8 *data,
                gsize         len)
{
  static const char prefix[] = "HTTP/";
  gsize i = 0, n = 0;
  QnetHttpHeadKind kind = QNET_HTTP_HEAD_RESPONSE;

  op->any_byte = TRUE;
  while (i < len && (data[i] == '\r' || data[i] == '\n'))
    i++;
  while (i < len && n < sizeof prefix - 1)
    {
      if (data[i] != (guint8) prefix[n])
        {
          kind = QNET_HTTP_HEAD_REQUEST;
          break;
        }
      i++;
      n++;
    }
  if (kind == QNET_HTTP_HEAD_RESPONSE && n < sizeof prefix - 1)
    {
      /* Still ambiguous; bounded: the leading empty lines count against
       * the head limit of the buffer fill. */
      if (len >= QNET_STREAM_IO_BUFFER_SIZE)
        kind = QNET_HTTP_HEAD_REQUEST;
      else
        return FALSE;
    }

  op->parser = qnet_http_head_parser_new (kind);
  qnet_http_head_parser_set_keep_raw (op->parser, op->keep_raw);
  return TRUE;
}

static void
head_op_run (HeadOp *op)
{
  op->running = TRUE;

  for (;;)
    {
      QnetStreamIO *io;
      const guint8 *data;
      gsize len;

      if (op->slot.pending)
        {
          if (!op->slot.completed)
            {
              op->running = FALSE;
              return;  /* resumed by head_op_read_done */
            }
          op->slot.pending = FALSE;
          op->slot.completed = FALSE;
          if (op->slot.error != NULL)
            {
              GError *error = g_steal_pointer (&op->slot.error);
              gboolean started = head_op_started (op);

              if (g_error_matches (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED))
                {
                  GError *parse_error = NULL;

                  _qnet_socket_close_if_broken (op->sock);
                  if (!started)
                    {
                      g_error_free (error);
                      head_op_finish (op, NULL,
                                      g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED,
                                                   _("Could not receive from %s: %s"),
                                                   qnet_emitter_get_label (QNET_EMITTER (op->sock)),
                                                   _("the peer closed the connection before sending a message")),
                                      TRUE);
                      return;
                    }
                  g_error_free (error);
                  if (op->parser != NULL)
                    qnet_http_head_parser_finish (op->parser, &parse_error);
                  else
                    parse_error = g_error_new_literal (QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED,
                                                       _("The connection was closed before the end of the message head"));
                  head_op_finish (op, NULL, parse_error, FALSE);
                  return;
                }
              head_op_finish (op, NULL, socket_error (op->sock, QNET_SOCKET_ACTION_RECEIVE, error),
                              !started);
              return;
            }
        }

      io = _qnet_socket_get_io (op->sock);
      if (io == NULL || qnet_stream_io_is_closed (io))
        {
          head_op_finish (op, NULL, not_open_error (op->sock), !head_op_started (op));
          return;
        }

      data = qnet_stream_io_peek (io, &len);
      if (len > 0 && op->parser == NULL && !head_op_detect (op, data, len))
        len = 0;  /* not enough to tell a request from a response yet */
      if (len > 0)
        {
          GError *error = NULL;
          gsize consumed = 0;
          QnetParseStatus status = qnet_http_head_parser_feed (op->parser, data, len, &consumed, &error);

          qnet_stream_io_consume (io, consumed);
          if (status == QNET_PARSE_ERROR)
            {
              head_op_finish (op, NULL, error, FALSE);
              return;
            }
          if (status == QNET_PARSE_DONE)
            {
              head_op_done (op);
              return;
            }
        }

      /* Everything buffered was used: one more network read. */
      {
        QnetReadRequest request = { 0, };
        GError *tls_error = _qnet_socket_tls_check_read (op->sock, QNET_READ_FILL);

        if (tls_error != NULL)
          {
            head_op_finish (op, NULL, tls_error, !head_op_started (op));
            return;
          }
        request.mode = QNET_READ_FILL;
        request.size = QNET_STREAM_IO_BUFFER_SIZE;
        op->slot.pending = TRUE;
        op->slot.completed = FALSE;
        qnet_stream_io_read (io, &request, _qnet_socket_get_effective_timeout (op->sock, op->timeout_ms),
                             op->cancellable, head_op_progress, head_op_read_done, op);
      }
    }
}

void
_qnet_http_read_head (QnetSocket       *sock,
                      QnetHttpHeadKind  kind,
                      QnetEventSource   source,
                      gint              timeout_ms,
                      GCancellable     *cancellable,
                      QnetHttpHeadDone  done,
                      gpointer          user_data)
{
  HeadOp *op = g_new0 (HeadOp, 1);

  op->sock = g_object_ref (sock);
  op->keep_raw = _qnet_emitter_is_observed (QNET_EMITTER (sock), QNET_EVENT_HTTP_HEADERS_READ);
  if (kind != QNET_HTTP_HEAD_DETECT)
    {
      op->parser = qnet_http_head_parser_new (kind);
      qnet_http_head_parser_set_keep_raw (op->parser, op->keep_raw);
    }
  op->source = source;
  op->timeout_ms = timeout_ms;
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->done = done;
  op->user_data = user_data;
  head_op_run (op);
}

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

  ReadSlot            slot;
  gboolean            read_whole;   /* the pending read is the whole body */
  GBytes             *writing;      /* (owned) (nullable): pending stream write */
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
  read_slot_clear (&op->slot);
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
          body_op_finish (op, not_open_error (op->sock));
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
                    QnetStreamIO    *io,
                    QnetReadMode     mode,
                    gsize            size)
{
  QnetReadRequest request = { 0, };
  GError *tls_error = _qnet_socket_tls_check_read (op->sock, mode);

  if (tls_error != NULL)
    {
      body_op_finish (op, tls_error);
      return FALSE;
    }
  request.mode = mode;
  request.size = size;
  op->slot.pending = TRUE;
  op->slot.completed = FALSE;
  op->moved = 0;
  qnet_stream_io_read (io, &request, _qnet_socket_get_effective_timeout (op->sock, op->timeout_ms),
                       op->cancellable, body_op_progress, body_op_read_done, op);
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
                                 _("The connection was closed after %" G_GUINT64_FORMAT
                                   " of %" G_GINT64_FORMAT " body bytes"),
                                 op->wire, op->spec.framing.content_length);
          body_op_finish (op, error);
          return FALSE;
        }
      body_op_finish (op, socket_error (op->sock, QNET_SOCKET_ACTION_RECEIVE, error));
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
                                           _("The connection was closed after %" G_GSIZE_FORMAT
                                             " of %" G_GINT64_FORMAT " body bytes"),
                                           len, op->spec.framing.content_length));
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
          g_clear_pointer (&op->writing, g_bytes_unref);
          if (op->write_error != NULL)
            {
              body_op_finish (op, g_steal_pointer (&op->write_error));
              return;
            }
        }
      if (op->writing != NULL)
        {
          gsize len;
          const guint8 *data = g_bytes_get_data (op->writing, &len);

          op->write_pending = TRUE;
          op->write_completed = FALSE;
          g_output_stream_write_all_async (op->spec.out, data, len, G_PRIORITY_DEFAULT,
                                           op->cancellable, body_op_write_done, op);
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
          body_op_finish (op, not_open_error (op->sock));
          return;
        }

      if (kind == QNET_HTTP_BODY_CHUNKED)
        {
          gboolean need_read;

          if (!body_op_feed_chunked (op, &need_read))
            return;
          if (need_read && !body_op_start_read (op, io, QNET_READ_FILL, QNET_STREAM_IO_BUFFER_SIZE))
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
            if (!body_op_start_read (op, io, QNET_READ_EXACT, (gsize) remaining))
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

        if (!body_op_start_read (op, io, QNET_READ_SOME,
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
