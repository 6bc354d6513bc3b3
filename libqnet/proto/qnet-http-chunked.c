/* qnet-http-chunked.c: chunked transfer coding decoder (RFC 9112 §7.1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A byte-level state machine, like the head parser: one call reports at
 * most one event and stops right after the bytes that produced it, so the
 * layer above can raise its signal, re-check its own state (a handler may
 * have cancelled the request) and feed the rest. Chunk data is reported as
 * pointers into the caller's buffer: the data path never allocates.
 *
 * Grammar (strict where smuggling lives):
 *   chunk-size  = 1*16HEXDIG   no sign, no "0x", no blanks before it
 *   [ BWS ";" chunk-ext ]      skipped, at most QNET_HTTP_MAX_CHUNK_EXTENSION
 *                              bytes, no control characters but HTAB
 *   CRLF                       exactly; a bare LF or CR is an error
 *   chunk-data CRLF            the CRLF after the data is required
 *   last-chunk = "0" [ext] CRLF, then a trailer section parsed by the head
 *   parser (QNET_HTTP_HEAD_TRAILER: same rules and limits as headers).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-http-chunked.h"
#include "qnet-limits.h"

struct _QnetChunkedDecoder {
  QnetChunkedState state;
  GError *error;                /* (owned) (nullable) */
  guint64 size;                 /* size of the current chunk */
  guint64 remaining;            /* data bytes of the current chunk not yet seen */
  guint64 total;                /* data bytes of this body so far */
  guint digits;                 /* hex digits read in the current size */
  gsize line_len;               /* bytes of the current chunk-size line */
  gsize ext_len;                /* bytes after the digits on the size line */
  QnetHttpHeadParser *trailer_parser; /* (owned) (nullable) */
  QnetHttpHead *trailers;       /* (owned) (nullable) a non-empty trailer section */
};

static const char * const state_names[QNET_CHUNKED_N_STATES] = {
  [QNET_CHUNKED_STATE_SIZE_START] = "size-start",
  [QNET_CHUNKED_STATE_SIZE] = "size",
  [QNET_CHUNKED_STATE_SIZE_WS] = "size-ws",
  [QNET_CHUNKED_STATE_EXTENSION] = "extension",
  [QNET_CHUNKED_STATE_SIZE_CR] = "size-cr",
  [QNET_CHUNKED_STATE_DATA] = "data",
  [QNET_CHUNKED_STATE_DATA_CR] = "data-cr",
  [QNET_CHUNKED_STATE_DATA_LF] = "data-lf",
  [QNET_CHUNKED_STATE_TRAILERS] = "trailers",
  [QNET_CHUNKED_STATE_DONE] = "done",
  [QNET_CHUNKED_STATE_ERROR] = "error",
};

static const char * const event_names[] = {
  [QNET_CHUNKED_EVENT_NONE] = "none",
  [QNET_CHUNKED_EVENT_SIZE] = "size",
  [QNET_CHUNKED_EVENT_DATA] = "data",
  [QNET_CHUNKED_EVENT_CHUNK_END] = "chunk-end",
  [QNET_CHUNKED_EVENT_END] = "end",
};

/**
 * qnet_chunked_state_to_string:
 * @state: a #QnetChunkedState
 *
 * Returns: (transfer none): a printable name for @state
 */
const char *
qnet_chunked_state_to_string (QnetChunkedState state)
{
  if ((guint) state < QNET_CHUNKED_N_STATES)
    return state_names[state];
  return "invalid";
}

/**
 * qnet_chunked_event_type_to_string:
 * @type: a #QnetChunkedEventType
 *
 * Returns: (transfer none): a printable name for @type
 */
const char *
qnet_chunked_event_type_to_string (QnetChunkedEventType type)
{
  if ((guint) type < G_N_ELEMENTS (event_names))
    return event_names[type];
  return "invalid";
}

static void
qnet_chunked_decoder_set_state (QnetChunkedDecoder *decoder,
                                QnetChunkedState    state)
{
  decoder->state = state;
}

/**
 * qnet_chunked_decoder_new:
 *
 * Creates a decoder for one chunked body; reset it for the next body.
 *
 * Returns: (transfer full): a new decoder
 */
QnetChunkedDecoder *
qnet_chunked_decoder_new (void)
{
  QnetChunkedDecoder *decoder = g_new0 (QnetChunkedDecoder, 1);

  qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_SIZE_START);
  return decoder;
}

/**
 * qnet_chunked_decoder_free:
 * @decoder: (nullable): a decoder
 *
 * Frees @decoder.
 */
void
qnet_chunked_decoder_free (QnetChunkedDecoder *decoder)
{
  if (decoder == NULL)
    return;
  g_clear_error (&decoder->error);
  g_clear_pointer (&decoder->trailer_parser, qnet_http_head_parser_free);
  g_clear_pointer (&decoder->trailers, qnet_http_head_free);
  g_free (decoder);
}

/**
 * qnet_chunked_decoder_reset:
 * @decoder: a decoder
 *
 * Makes @decoder ready for the next chunked body.
 */
void
qnet_chunked_decoder_reset (QnetChunkedDecoder *decoder)
{
  g_clear_error (&decoder->error);
  g_clear_pointer (&decoder->trailers, qnet_http_head_free);
  if (decoder->trailer_parser != NULL)
    qnet_http_head_parser_reset (decoder->trailer_parser);
  decoder->size = 0;
  decoder->remaining = 0;
  decoder->total = 0;
  decoder->digits = 0;
  decoder->line_len = 0;
  decoder->ext_len = 0;
  qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_SIZE_START);
}

/**
 * qnet_chunked_decoder_get_state:
 * @decoder: a decoder
 *
 * Returns: the current state (see qnet_chunked_state_to_string())
 */
QnetChunkedState
qnet_chunked_decoder_get_state (const QnetChunkedDecoder *decoder)
{
  return decoder->state;
}

/**
 * qnet_chunked_decoder_get_total:
 * @decoder: a decoder
 *
 * Returns: chunk data bytes of the current body consumed so far
 */
guint64
qnet_chunked_decoder_get_total (const QnetChunkedDecoder *decoder)
{
  return decoder->total;
}

/**
 * qnet_chunked_decoder_steal_trailers:
 * @decoder: a decoder
 *
 * Returns: (transfer full) (nullable): the trailer fields of a finished
 *   body, or %NULL if its trailer section was empty
 */
QnetHttpHead *
qnet_chunked_decoder_steal_trailers (QnetChunkedDecoder *decoder)
{
  return g_steal_pointer (&decoder->trailers);
}

static void
fail (QnetChunkedDecoder *decoder,
      const char         *message)
{
  decoder->error = g_error_new_literal (QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CHUNK, message);
  qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_ERROR);
}

static void
end_size_line (QnetChunkedDecoder *decoder,
               QnetChunkedEvent   *event)
{
  event->type = QNET_CHUNKED_EVENT_SIZE;
  event->size = decoder->size;
  event->total = decoder->total;
  event->line_len = decoder->line_len;

  if (decoder->size == 0)
    {
      if (decoder->trailer_parser == NULL)
        decoder->trailer_parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_TRAILER);
      qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_TRAILERS);
    }
  else
    {
      decoder->remaining = decoder->size;
      qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_DATA);
    }
}

static void
start_size_line (QnetChunkedDecoder *decoder)
{
  decoder->size = 0;
  decoder->digits = 0;
  decoder->line_len = 0;
  decoder->ext_len = 0;
  qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_SIZE_START);
}

/* Counts one byte after the digits of the size line against the extension
 * limit; FALSE (and the decoder failed) when it is crossed. */
static gboolean
count_extension_byte (QnetChunkedDecoder *decoder)
{
  if (++decoder->ext_len > QNET_HTTP_MAX_CHUNK_EXTENSION)
    {
      fail (decoder, _("Chunk extension too long"));
      return FALSE;
    }
  return TRUE;
}

static QnetParseStatus
feed_trailers (QnetChunkedDecoder  *decoder,
               const guint8        *in,
               gsize                len,
               gsize               *consumed,
               QnetChunkedEvent    *event)
{
  g_autoptr(GError) local_error = NULL;
  QnetParseStatus status;
  QnetHttpHead *head;

  status = qnet_http_head_parser_feed (decoder->trailer_parser, in, len, consumed, &local_error);
  if (status == QNET_PARSE_ERROR)
    {
      QnetHttpError code = local_error->code == QNET_HTTP_ERROR_HEADER_TOO_LARGE
                             ? QNET_HTTP_ERROR_HEADER_TOO_LARGE
                             : QNET_HTTP_ERROR_BAD_CHUNK;

      decoder->error = g_error_new (QNET_HTTP_ERROR, code, _("Invalid trailer section: %s"),
                                    local_error->message);
      qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_ERROR);
      return QNET_PARSE_ERROR;
    }
  if (status != QNET_PARSE_DONE)
    return status;

  head = qnet_http_head_parser_steal_head (decoder->trailer_parser);
  if (qnet_http_head_get_n_fields (head) > 0)
    decoder->trailers = head;
  else
    qnet_http_head_free (head);

  event->type = QNET_CHUNKED_EVENT_END;
  event->total = decoder->total;
  event->trailers = decoder->trailers;
  qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_DONE);
  return QNET_PARSE_DONE;
}

/**
 * qnet_chunked_decoder_feed:
 * @decoder: a decoder
 * @in: (array length=len): bytes of the body
 * @len: number of bytes in @in
 * @consumed: (out): bytes of @in used by this call
 * @event: (out caller-allocates): what happened
 * @error: return location for a #GError in %QNET_HTTP_ERROR
 *
 * Decodes until one event happens or @in runs out. %QNET_PARSE_EVENT:
 * @event says what (a chunk size, a data piece, a chunk end) and the bytes
 * after @consumed must be fed again. %QNET_PARSE_DONE: @event is
 * %QNET_CHUNKED_EVENT_END and the bytes after @consumed follow the body.
 * %QNET_PARSE_NEED_MORE: all of @in was used. Errors are
 * %QNET_HTTP_ERROR_BAD_CHUNK, or %QNET_HTTP_ERROR_HEADER_TOO_LARGE for a
 * trailer section over the limits.
 *
 * Returns: the parse status
 */
QnetParseStatus
qnet_chunked_decoder_feed (QnetChunkedDecoder  *decoder,
                           const guint8        *in,
                           gsize                len,
                           gsize               *consumed,
                           QnetChunkedEvent    *event,
                           GError             **error)
{
  gsize i = 0;

  memset (event, 0, sizeof *event);
  *consumed = 0;

  if (decoder->state == QNET_CHUNKED_STATE_DONE)
    {
      event->type = QNET_CHUNKED_EVENT_END;
      event->total = decoder->total;
      event->trailers = decoder->trailers;
      return QNET_PARSE_DONE;
    }

  while (i < len && decoder->state != QNET_CHUNKED_STATE_ERROR)
    {
      guint8 c = in[i];

      switch (decoder->state)
        {
        case QNET_CHUNKED_STATE_SIZE_START:
          if (qnet_char_hex_value (c) < 0)
            {
              fail (decoder, _("Invalid chunk size"));
              break;
            }
          qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_SIZE);
          G_GNUC_FALLTHROUGH;

        case QNET_CHUNKED_STATE_SIZE:
          {
            int v = qnet_char_hex_value (c);

            if (v >= 0)
              {
                if (++decoder->digits > QNET_HTTP_MAX_CHUNK_SIZE_DIGITS)
                  {
                    fail (decoder, _("Chunk size has too many digits"));
                    break;
                  }
                decoder->size = (decoder->size << 4) | (guint64) v;
                decoder->line_len++;
                i++;
                break;
              }
            if (decoder->size > (guint64) QNET_HTTP_MAX_BODY_LENGTH ||
                decoder->total > (guint64) QNET_HTTP_MAX_BODY_LENGTH - decoder->size)
              {
                fail (decoder, _("Chunk size too large"));
                break;
              }
            if (c == ' ' || c == '\t')
              qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_SIZE_WS);
            else if (c == ';')
              qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_EXTENSION);
            else if (c == '\r')
              qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_SIZE_CR);
            else
              {
                fail (decoder, c == '\n' ? _("Chunk-size line not ended by CRLF")
                                         : _("Invalid chunk size"));
                break;
              }
            if (c != '\r')
              {
                if (!count_extension_byte (decoder))
                  break;
                decoder->line_len++;
              }
            i++;
          }
          break;

        case QNET_CHUNKED_STATE_SIZE_WS:
          if (c == ';')
            qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_EXTENSION);
          else if (c == '\r')
            qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_SIZE_CR);
          else if (c != ' ' && c != '\t')
            {
              fail (decoder, _("Invalid chunk size"));
              break;
            }
          if (c != '\r')
            {
              if (!count_extension_byte (decoder))
                break;
              decoder->line_len++;
            }
          i++;
          break;

        case QNET_CHUNKED_STATE_EXTENSION:
          if (c == '\r')
            {
              qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_SIZE_CR);
              i++;
              break;
            }
          if (!qnet_char_is_field (c))
            {
              fail (decoder, _("Invalid character in a chunk extension"));
              break;
            }
          if (!count_extension_byte (decoder))
            break;
          decoder->line_len++;
          i++;
          break;

        case QNET_CHUNKED_STATE_SIZE_CR:
          if (c != '\n')
            {
              fail (decoder, _("Chunk-size line not ended by CRLF"));
              break;
            }
          i++;
          end_size_line (decoder, event);
          *consumed = i;
          return QNET_PARSE_EVENT;

        case QNET_CHUNKED_STATE_DATA:
          {
            gsize n = (gsize) MIN ((guint64) (len - i), decoder->remaining);

            event->type = QNET_CHUNKED_EVENT_DATA;
            event->data = in + i;
            event->data_len = n;
            decoder->remaining -= n;
            decoder->total += n;
            event->size = decoder->size;
            event->total = decoder->total;
            if (decoder->remaining == 0)
              qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_DATA_CR);
            *consumed = i + n;
            return QNET_PARSE_EVENT;
          }

        case QNET_CHUNKED_STATE_DATA_CR:
          if (c != '\r')
            {
              fail (decoder, _("Chunk data not followed by CRLF"));
              break;
            }
          qnet_chunked_decoder_set_state (decoder, QNET_CHUNKED_STATE_DATA_LF);
          i++;
          break;

        case QNET_CHUNKED_STATE_DATA_LF:
          if (c != '\n')
            {
              fail (decoder, _("Chunk data not followed by CRLF"));
              break;
            }
          i++;
          event->type = QNET_CHUNKED_EVENT_CHUNK_END;
          event->size = decoder->size;
          event->total = decoder->total;
          start_size_line (decoder);
          *consumed = i;
          return QNET_PARSE_EVENT;

        case QNET_CHUNKED_STATE_TRAILERS:
          {
            gsize used = 0;
            QnetParseStatus status;

            status = feed_trailers (decoder, in + i, len - i, &used, event);
            i += used;
            if (status == QNET_PARSE_ERROR)
              break;
            *consumed = i;
            return status;
          }

        case QNET_CHUNKED_STATE_DONE:
        case QNET_CHUNKED_STATE_ERROR:
        case QNET_CHUNKED_N_STATES:
        default:
          g_assert_not_reached ();
        }
    }

  *consumed = i;
  if (decoder->state == QNET_CHUNKED_STATE_ERROR)
    {
      if (error != NULL)
        *error = g_error_copy (decoder->error);
      return QNET_PARSE_ERROR;
    }
  return QNET_PARSE_NEED_MORE;
}

/**
 * qnet_chunked_decoder_finish:
 * @decoder: a decoder
 * @error: return location for a #GError
 *
 * Tells @decoder that the input ended.
 *
 * Returns: %TRUE if the body was complete; otherwise %FALSE with
 *   %QNET_HTTP_ERROR_TRUNCATED (or the error that failed the decoder)
 */
gboolean
qnet_chunked_decoder_finish (QnetChunkedDecoder  *decoder,
                             GError             **error)
{
  if (decoder->state == QNET_CHUNKED_STATE_DONE)
    return TRUE;
  if (decoder->state == QNET_CHUNKED_STATE_ERROR)
    {
      g_propagate_error (error, g_error_copy (decoder->error));
      return FALSE;
    }
  g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED,
                       _("The connection was closed before the end of the chunked body"));
  return FALSE;
}
