/* qnet-http-client-io.c: HTTP message I/O on a connected QnetSocket
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Heads are parsed by proto/qnet-http-head, chunked bodies by
 * proto/qnet-http-chunked, codings undone by io/qnet-content-decoder;
 * this file only moves bytes between the socket's read-ahead buffer and
 * those parsers, and makes the facts into events.
 *
 * This file has the header lists, writing and the reading of heads; the
 * bodies are qnet-http-client-body.c. Every reading operation is a loop
 * (`*_run`) that goes as far as it can without waiting; a network read
 * that has to wait returns to the main loop and its completion resumes
 * the loop. A completion that arrives before the call that started it
 * returned (data was there) only records its result: the running loop
 * picks it up, so a long message never deepens the stack.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-http-client-private.h"

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

/* ---- Writing ------------------------------------------------------------------------ */

/* Writes go through the socket's own write (_qnet_socket_io_write): over
 * TLS one completes when its ciphertext is written too. */

typedef struct {
  QnetSocket        *sock;        /* (owned) */
  QnetEventSource    source;
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
    _qnet_emitter_emit_full (QNET_EMITTER (op->sock), op->source, QNET_EVENT_SOCKET_DATA_SENT, op->body);
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
  _qnet_socket_io_write (op->sock, op->body, op->timeout_ms, op->cancellable, send_body_written, op);
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
  op->source = source;
  op->body = body != NULL ? g_bytes_ref (body) : NULL;
  op->timeout_ms = timeout_ms;
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->done = done;
  op->user_data = user_data;
  _qnet_socket_io_write (sock, head, timeout_ms, cancellable, send_head_written, op);
}

/* ---- Reading: shared by heads and bodies ----------------------------------------- */

void
_qnet_http_read_slot_clear (QnetHttpReadSlot *slot)
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
  QnetHttpReadSlot    slot;
  gboolean            running;
  gboolean            keep_raw;
  gboolean            any_byte;    /* QNET_HTTP_HEAD_DETECT: bytes were seen */
} HeadOp;

static void head_op_run (HeadOp *op);

static void
head_op_free (HeadOp *op)
{
  _qnet_http_read_slot_clear (&op->slot);
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
              head_op_finish (op, NULL, _qnet_socket_io_error (op->sock, QNET_SOCKET_ACTION_RECEIVE, error),
                              !started);
              return;
            }
        }

      io = _qnet_socket_get_io (op->sock);
      if (io == NULL || qnet_stream_io_is_closed (io))
        {
          head_op_finish (op, NULL, _qnet_socket_not_open_error (op->sock), !head_op_started (op));
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
        GError *check_error = _qnet_socket_check_read (op->sock, QNET_READ_FILL);

        if (check_error != NULL)
          {
            head_op_finish (op, NULL, check_error, !head_op_started (op));
            return;
          }
        request.mode = QNET_READ_FILL;
        request.size = QNET_STREAM_IO_BUFFER_SIZE;
        op->slot.pending = TRUE;
        op->slot.completed = FALSE;
        _qnet_socket_io_read (op->sock, &request, op->timeout_ms, op->cancellable,
                              head_op_progress, head_op_read_done, op);
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
