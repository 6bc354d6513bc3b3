/* qnet-http-head-parser.c: HTTP/1.1 message head push parser (RFC 9112 §2-§5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The parser is a byte-level state machine: its state after a byte depends
 * only on the bytes before it, never on how they were split into feeds, so
 * a head fed whole, byte by byte or in any pieces parses the same way and
 * fails at the same byte with the same error.
 *
 * Choices where RFC 9112 leaves one to the recipient:
 *
 * - Line ends: CRLF, or a bare LF (§2.2 allows a recipient to accept it).
 *   A CR not followed by LF is rejected anywhere (§2.2: "MUST either
 *   reject ... or replace"; rejecting is the safe choice).
 * - Empty lines before the start line are skipped (§2.2), counted in the
 *   head size limit.
 * - obs-fold (§5.2): in responses and trailers each fold is replaced by one
 *   SP, as §5.2 requires of a user agent; in requests (our server side) a
 *   fold is rejected, which §5.2 allows and which removes any chance of two
 *   hops reading the fields differently. A fold directly after the start
 *   line is whitespace before the first field and rejected (§2.2).
 * - NUL, bare CR and other control characters except HTAB are rejected in
 *   every part of the head (RFC 9110 §5.5 allows rejecting them).
 * - Only HTTP/1.0 and HTTP/1.1 are accepted; anything not starting with
 *   "HTTP/" (an HTTP/0.9 reply, garbage) is rejected after its first
 *   mismatching byte.
 * - A status code is exactly three digits in 100..599 (RFC 9110 §15); the
 *   SP and reason phrase after it may be missing ("HTTP/1.1 200").
 * - Whitespace between a field name and the colon is rejected (§5.1 MUST).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-http-head.h"
#include "qnet-http-head-private.h"
#include "qnet-limits.h"

struct _QnetHttpHeadParser {
  QnetHttpHeadKind kind;
  QnetHttpHeadState state;
  QnetHttpHead *head;    /* (owned) */
  GError *error;         /* (owned) (nullable) the error that failed the parser */
  gsize line_len;        /* bytes of the current line, without its terminator */
  gsize block_len;       /* bytes of the head so far */
  gsize max_line;
  gsize max_block;
  guint max_fields;
  guint pos;             /* position inside "HTTP/1.x" or the status code */
  guint cur_value;       /* offset of the value being built */
  gboolean folding;      /* the value being built continues the previous field */
  gboolean keep_raw;
  gboolean started;
};

static const char * const state_names[QNET_HTTP_HEAD_N_STATES] = {
  [QNET_HTTP_HEAD_STATE_START_LINE] = "start-line",
  [QNET_HTTP_HEAD_STATE_LEADING_CR] = "leading-cr",
  [QNET_HTTP_HEAD_STATE_RESPONSE_VERSION] = "response-version",
  [QNET_HTTP_HEAD_STATE_STATUS_CODE] = "status-code",
  [QNET_HTTP_HEAD_STATE_REASON] = "reason",
  [QNET_HTTP_HEAD_STATE_METHOD] = "method",
  [QNET_HTTP_HEAD_STATE_TARGET] = "target",
  [QNET_HTTP_HEAD_STATE_REQUEST_VERSION] = "request-version",
  [QNET_HTTP_HEAD_STATE_START_LINE_CR] = "start-line-cr",
  [QNET_HTTP_HEAD_STATE_FIELD_START] = "field-start",
  [QNET_HTTP_HEAD_STATE_FIELD_NAME] = "field-name",
  [QNET_HTTP_HEAD_STATE_NAME_WS] = "name-ws",
  [QNET_HTTP_HEAD_STATE_VALUE_WS] = "value-ws",
  [QNET_HTTP_HEAD_STATE_VALUE] = "value",
  [QNET_HTTP_HEAD_STATE_FOLD_WS] = "fold-ws",
  [QNET_HTTP_HEAD_STATE_FIELD_CR] = "field-cr",
  [QNET_HTTP_HEAD_STATE_END_CR] = "end-cr",
  [QNET_HTTP_HEAD_STATE_DONE] = "done",
  [QNET_HTTP_HEAD_STATE_ERROR] = "error",
};

static const char http_prefix[] = "HTTP/1.";

/**
 * qnet_http_head_state_to_string:
 * @state: a #QnetHttpHeadState
 *
 * Returns: (transfer none): a printable name for @state
 */
const char *
qnet_http_head_state_to_string (QnetHttpHeadState state)
{
  if ((guint) state < QNET_HTTP_HEAD_N_STATES)
    return state_names[state];
  return "invalid";
}

static void
qnet_http_head_parser_set_state (QnetHttpHeadParser *parser,
                                 QnetHttpHeadState   state)
{
  parser->state = state;
}

static QnetHttpHeadState
initial_state (QnetHttpHeadKind kind)
{
  return kind == QNET_HTTP_HEAD_TRAILER ? QNET_HTTP_HEAD_STATE_FIELD_START
                                        : QNET_HTTP_HEAD_STATE_START_LINE;
}

/**
 * qnet_http_head_parser_new:
 * @kind: what to parse
 *
 * Creates a parser for one head of @kind; call
 * qnet_http_head_parser_reset() to parse the next one.
 *
 * Returns: (transfer full): a new parser
 */
QnetHttpHeadParser *
qnet_http_head_parser_new (QnetHttpHeadKind kind)
{
  QnetHttpHeadParser *parser = g_new0 (QnetHttpHeadParser, 1);

  parser->kind = kind;
  if (kind == QNET_HTTP_HEAD_TRAILER)
    {
      parser->max_line = QNET_HTTP_MAX_TRAILER_LINE;
      parser->max_block = QNET_HTTP_MAX_TRAILER_BLOCK;
      parser->max_fields = QNET_HTTP_MAX_TRAILER_FIELDS;
    }
  else
    {
      parser->max_line = QNET_HTTP_MAX_HEADER_LINE;
      parser->max_block = QNET_HTTP_MAX_HEADER_BLOCK;
      parser->max_fields = QNET_HTTP_MAX_HEADER_FIELDS;
    }
  parser->head = qnet_http_head_new (kind);
  qnet_http_head_parser_set_state (parser, initial_state (kind));
  return parser;
}

/**
 * qnet_http_head_parser_free:
 * @parser: (nullable): a parser
 *
 * Frees @parser and the head it holds.
 */
void
qnet_http_head_parser_free (QnetHttpHeadParser *parser)
{
  if (parser == NULL)
    return;
  qnet_http_head_free (parser->head);
  g_clear_error (&parser->error);
  g_free (parser);
}

/**
 * qnet_http_head_parser_reset:
 * @parser: a parser
 *
 * Makes @parser ready for the next head, with a new empty head (a head
 * obtained with qnet_http_head_parser_get_head() becomes invalid).
 */
void
qnet_http_head_parser_reset (QnetHttpHeadParser *parser)
{
  qnet_http_head_free (parser->head);
  parser->head = qnet_http_head_new (parser->kind);
  g_clear_error (&parser->error);
  parser->line_len = 0;
  parser->block_len = 0;
  parser->pos = 0;
  parser->cur_value = 0;
  parser->folding = FALSE;
  parser->started = FALSE;
  qnet_http_head_parser_set_state (parser, initial_state (parser->kind));
}

/**
 * qnet_http_head_parser_set_keep_raw:
 * @parser: a parser
 * @keep_raw: whether to keep the bytes of each head
 *
 * When set, the bytes consumed for the head are kept and available from
 * qnet_http_head_get_raw() (for the `http-headers-read` event).
 */
void
qnet_http_head_parser_set_keep_raw (QnetHttpHeadParser *parser,
                                    gboolean            keep_raw)
{
  parser->keep_raw = !!keep_raw;
}

/**
 * qnet_http_head_parser_get_state:
 * @parser: a parser
 *
 * Returns: the current state (see qnet_http_head_state_to_string())
 */
QnetHttpHeadState
qnet_http_head_parser_get_state (const QnetHttpHeadParser *parser)
{
  return parser->state;
}

/**
 * qnet_http_head_parser_is_started:
 * @parser: a parser
 *
 * Returns: %TRUE once at least one byte of the current head was consumed
 *   (so that a connection closed before that is told apart from a
 *   truncated head)
 */
gboolean
qnet_http_head_parser_is_started (const QnetHttpHeadParser *parser)
{
  return parser->started;
}

/**
 * qnet_http_head_parser_get_head:
 * @parser: a parser
 *
 * Returns: (transfer none): the head being parsed; complete once
 *   qnet_http_head_parser_feed() returned %QNET_PARSE_DONE
 */
QnetHttpHead *
qnet_http_head_parser_get_head (QnetHttpHeadParser *parser)
{
  return parser->head;
}

/**
 * qnet_http_head_parser_steal_head:
 * @parser: a parser
 *
 * Takes the head out of @parser, which is reset for the next head.
 *
 * Returns: (transfer full): the head
 */
QnetHttpHead *
qnet_http_head_parser_steal_head (QnetHttpHeadParser *parser)
{
  QnetHttpHead *head = g_steal_pointer (&parser->head);

  qnet_http_head_parser_reset (parser);
  return head;
}

/* Fails the parser with a QNET_HTTP_ERROR; kept for later feeds. */
G_GNUC_PRINTF (3, 4)
static void
fail (QnetHttpHeadParser *parser,
      QnetHttpError       code,
      const char         *format,
      ...)
{
  va_list args;

  va_start (args, format);
  parser->error = g_error_new_valist (QNET_HTTP_ERROR, code, format, args);
  va_end (args);
  qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_ERROR);
}

static void
fail_char (QnetHttpHeadParser *parser,
           guint8              c,
           const char         *message)
{
  if (c == '\0')
    fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s", _("NUL byte in the message head"));
  else
    fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s", message);
}

static void
fail_bare_cr (QnetHttpHeadParser *parser)
{
  fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s",
        _("Carriage return not followed by a line feed in the message head"));
}

static gboolean
is_blank (guint8 c)
{
  return c == ' ' || c == '\t';
}

/* Closes the value being built: drops trailing blanks and terminates it;
 * a new field (not an obs-fold continuation) is added to the index. */
static void
end_field (QnetHttpHeadParser *parser)
{
  GString *strings = parser->head->strings;

  while (strings->len > parser->cur_value && is_blank ((guint8) strings->str[strings->len - 1]))
    g_string_truncate (strings, strings->len - 1);
  g_string_append_c (strings, '\0');

  if (!parser->folding)
    {
      QnetHttpField *field = &g_array_index (parser->head->fields, QnetHttpField,
                                             parser->head->fields->len - 1);
      field->value = parser->cur_value;
    }
  parser->folding = FALSE;
}

static void
end_reason (QnetHttpHeadParser *parser)
{
  QnetHttpHead *head = parser->head;

  if (head->reason < 0)
    return;
  while (head->strings->len > (gsize) head->reason &&
         is_blank ((guint8) head->strings->str[head->strings->len - 1]))
    g_string_truncate (head->strings, head->strings->len - 1);
  if (head->strings->len == (gsize) head->reason)
    head->reason = -1;
  else
    g_string_append_c (head->strings, '\0');
}

static void
end_start_line (QnetHttpHeadParser *parser)
{
  QnetHttpHead *head = parser->head;

  if (head->kind == QNET_HTTP_HEAD_RESPONSE)
    {
      if (parser->state == QNET_HTTP_HEAD_STATE_REASON ||
          (parser->state == QNET_HTTP_HEAD_STATE_START_LINE_CR && head->reason >= 0))
        end_reason (parser);
    }
  parser->line_len = 0;
  qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_FIELD_START);
}

/* Bytes that can be appended in bulk without crossing a limit. */
static gsize
headroom (const QnetHttpHeadParser *parser)
{
  gsize line = parser->max_line - parser->line_len;
  gsize block = parser->max_block - parser->block_len;

  return MIN (line, block);
}

/* Appends the run of bytes of @cls starting at in[*i] (the byte at in[*i]
 * was already accounted for and appended by the caller) as long as no
 * limit is crossed; leaves *i on the last byte appended. */
static void
append_run (QnetHttpHeadParser *parser,
            const guint8       *in,
            gsize               len,
            gsize              *i,
            guint8              cls)
{
  gsize start = *i + 1;
  gsize end = start;
  gsize limit = start + MIN (headroom (parser), len - start);

  while (end < limit && qnet_char_is (in[end], cls))
    end++;
  if (end > start)
    {
      g_string_append_len (parser->head->strings, (const char *) in + start, end - start);
      parser->line_len += end - start;
      parser->block_len += end - start;
      *i = end - 1;
    }
}

/**
 * qnet_http_head_parser_feed:
 * @parser: a parser
 * @in: (array length=len): bytes received
 * @len: number of bytes in @in
 * @consumed: (out): bytes of @in that belong to the head
 * @error: return location for a #GError in %QNET_HTTP_ERROR
 *
 * Parses the next bytes of a head. On %QNET_PARSE_DONE, the bytes after
 * @consumed are the start of the body (or of the next message); on
 * %QNET_PARSE_NEED_MORE all of @in was consumed. Errors are
 * %QNET_HTTP_ERROR_BAD_RESPONSE (malformed head; also used for requests
 * and trailers) and %QNET_HTTP_ERROR_HEADER_TOO_LARGE (a limit of
 * qnet-limits.h was crossed).
 *
 * Returns: %QNET_PARSE_DONE, %QNET_PARSE_NEED_MORE or %QNET_PARSE_ERROR
 */
QnetParseStatus
qnet_http_head_parser_feed (QnetHttpHeadParser  *parser,
                            const guint8        *in,
                            gsize                len,
                            gsize               *consumed,
                            GError             **error)
{
  QnetHttpHead *head = parser->head;
  GString *strings = head->strings;
  QnetParseStatus status = QNET_PARSE_NEED_MORE;
  gsize i;

  *consumed = 0;
  if (parser->state == QNET_HTTP_HEAD_STATE_DONE)
    return QNET_PARSE_DONE;
  if (parser->state == QNET_HTTP_HEAD_STATE_ERROR)
    {
      if (error != NULL)
        *error = g_error_copy (parser->error);
      return QNET_PARSE_ERROR;
    }

  for (i = 0; i < len; i++)
    {
      guint8 c = in[i];

      parser->started = TRUE;
      if (++parser->block_len > parser->max_block)
        {
          fail (parser, QNET_HTTP_ERROR_HEADER_TOO_LARGE,
                _("The message head is larger than %u bytes"), (guint) parser->max_block);
          break;
        }
      if (c != '\r' && c != '\n' && ++parser->line_len > parser->max_line)
        {
          fail (parser, QNET_HTTP_ERROR_HEADER_TOO_LARGE,
                _("A line of the message head is longer than %u bytes"), (guint) parser->max_line);
          break;
        }

      switch (parser->state)
        {
        case QNET_HTTP_HEAD_STATE_START_LINE:
          if (c == '\r')
            {
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_LEADING_CR);
            }
          else if (c == '\n')
            {
              parser->line_len = 0;
            }
          else if (head->kind == QNET_HTTP_HEAD_RESPONSE)
            {
              if (c != (guint8) http_prefix[0])
                {
                  fail_char (parser, c, _("The response does not start with an HTTP/1.x status line"));
                  break;
                }
              parser->pos = 1;
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_RESPONSE_VERSION);
            }
          else
            {
              if (!qnet_char_is_tchar (c))
                {
                  fail_char (parser, c, _("Invalid method in the request line"));
                  break;
                }
              head->method = strings->len;
              g_string_append_c (strings, (char) c);
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_METHOD);
            }
          break;

        case QNET_HTTP_HEAD_STATE_LEADING_CR:
          if (c != '\n')
            {
              fail_bare_cr (parser);
              break;
            }
          parser->line_len = 0;
          qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_START_LINE);
          break;

        case QNET_HTTP_HEAD_STATE_RESPONSE_VERSION:
          if (parser->pos < sizeof http_prefix - 1)
            {
              if (c != (guint8) http_prefix[parser->pos])
                {
                  /* "HTTP/" itself mismatching means no status line at all
                   * (an HTTP/0.9 reply or not HTTP); after it, a version we
                   * do not speak. */
                  if (parser->pos < 5)
                    fail_char (parser, c, _("The response does not start with an HTTP/1.x status line"));
                  else
                    fail_char (parser, c, _("Unsupported HTTP version in the status line"));
                  break;
                }
              parser->pos++;
            }
          else if (parser->pos == sizeof http_prefix - 1)
            {
              if (c != '0' && c != '1')
                {
                  fail_char (parser, c, _("Unsupported HTTP version in the status line"));
                  break;
                }
              head->version_minor = c - '0';
              parser->pos++;
            }
          else
            {
              if (c != ' ')
                {
                  fail_char (parser, c, _("Unsupported HTTP version in the status line"));
                  break;
                }
              parser->pos = 0;
              head->status_code = 0;
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_STATUS_CODE);
            }
          break;

        case QNET_HTTP_HEAD_STATE_STATUS_CODE:
          if (parser->pos < 3)
            {
              if (!qnet_char_is (c, QNET_CHAR_DIGIT))
                {
                  fail_char (parser, c, _("Invalid status code in the status line"));
                  break;
                }
              head->status_code = head->status_code * 10 + (c - '0');
              parser->pos++;
              break;
            }
          if (head->status_code < 100 || head->status_code > 599)
            {
              fail_char (parser, c, _("Invalid status code in the status line"));
              break;
            }
          if (c == ' ')
            {
              head->reason = strings->len;
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_REASON);
            }
          else if (c == '\r')
            {
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_START_LINE_CR);
            }
          else if (c == '\n')
            {
              end_start_line (parser);
            }
          else
            {
              fail_char (parser, c, _("Invalid status code in the status line"));
            }
          break;

        case QNET_HTTP_HEAD_STATE_REASON:
          if (c == '\r')
            {
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_START_LINE_CR);
            }
          else if (c == '\n')
            {
              end_start_line (parser);
            }
          else if (is_blank (c) && strings->len == (gsize) head->reason)
            {
              /* Blanks before the reason text are not part of it. */
            }
          else if (qnet_char_is_field (c))
            {
              g_string_append_c (strings, (char) c);
              append_run (parser, in, len, &i, QNET_CHAR_FIELD);
            }
          else
            {
              fail_char (parser, c, _("Invalid character in the reason phrase"));
            }
          break;

        case QNET_HTTP_HEAD_STATE_METHOD:
          if (c == ' ')
            {
              g_string_append_c (strings, '\0');
              head->target = strings->len;
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_TARGET);
            }
          else if (qnet_char_is_tchar (c))
            {
              g_string_append_c (strings, (char) c);
            }
          else
            {
              fail_char (parser, c, _("Invalid method in the request line"));
            }
          break;

        case QNET_HTTP_HEAD_STATE_TARGET:
          if (c == ' ' && strings->len > (gsize) head->target)
            {
              g_string_append_c (strings, '\0');
              parser->pos = 0;
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_REQUEST_VERSION);
            }
          else if (qnet_char_is (c, QNET_CHAR_TARGET))
            {
              g_string_append_c (strings, (char) c);
              append_run (parser, in, len, &i, QNET_CHAR_TARGET);
            }
          else if ((c == '\r' || c == '\n') && strings->len > (gsize) head->target)
            {
              fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s",
                    _("The request line has no HTTP version (HTTP/0.9 is not supported)"));
            }
          else
            {
              fail_char (parser, c, _("Invalid request target in the request line"));
            }
          break;

        case QNET_HTTP_HEAD_STATE_REQUEST_VERSION:
          if (parser->pos < sizeof http_prefix - 1)
            {
              if (c != (guint8) http_prefix[parser->pos])
                {
                  /* Not even "HTTP/": a blank inside the target, or junk. */
                  if (parser->pos < 5)
                    fail_char (parser, c, _("Malformed request line"));
                  else
                    fail_char (parser, c, _("Unsupported HTTP version in the request line"));
                  break;
                }
              parser->pos++;
            }
          else if (parser->pos == sizeof http_prefix - 1)
            {
              if (c != '0' && c != '1')
                {
                  fail_char (parser, c, _("Unsupported HTTP version in the request line"));
                  break;
                }
              head->version_minor = c - '0';
              parser->pos++;
            }
          else if (c == '\r')
            {
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_START_LINE_CR);
            }
          else if (c == '\n')
            {
              end_start_line (parser);
            }
          else
            {
              fail_char (parser, c, _("Unsupported HTTP version in the request line"));
            }
          break;

        case QNET_HTTP_HEAD_STATE_START_LINE_CR:
          if (c != '\n')
            {
              fail_bare_cr (parser);
              break;
            }
          end_start_line (parser);
          break;

        case QNET_HTTP_HEAD_STATE_FIELD_START:
          if (c == '\r')
            {
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_END_CR);
            }
          else if (c == '\n')
            {
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_DONE);
            }
          else if (is_blank (c))
            {
              if (head->fields->len == 0)
                {
                  fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s",
                        _("Whitespace before the first header field"));
                  break;
                }
              if (head->kind == QNET_HTTP_HEAD_REQUEST)
                {
                  fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s",
                        _("Folded header line (obs-fold) in a request"));
                  break;
                }
              /* obs-fold: reopen the previous value, which is the last
               * string; the fold becomes one SP before the next text. */
              g_string_truncate (strings, strings->len - 1);
              parser->cur_value = g_array_index (head->fields, QnetHttpField,
                                                 head->fields->len - 1).value;
              parser->folding = TRUE;
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_FOLD_WS);
            }
          else if (qnet_char_is_tchar (c))
            {
              QnetHttpField field;

              if (head->fields->len >= parser->max_fields)
                {
                  fail (parser, QNET_HTTP_ERROR_HEADER_TOO_LARGE,
                        _("The message head has more than %u header fields"), parser->max_fields);
                  break;
                }
              field.name = strings->len;
              field.value = 0;
              g_array_append_val (head->fields, field);
              g_string_append_c (strings, (char) c);
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_FIELD_NAME);
            }
          else if (c == ':')
            {
              fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s", _("Empty header name"));
            }
          else
            {
              fail_char (parser, c, _("Invalid character in a header name"));
            }
          break;

        case QNET_HTTP_HEAD_STATE_FIELD_NAME:
          if (c == ':')
            {
              g_string_append_c (strings, '\0');
              parser->cur_value = strings->len;
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_VALUE_WS);
            }
          else if (qnet_char_is_tchar (c))
            {
              g_string_append_c (strings, (char) c);
              append_run (parser, in, len, &i, QNET_CHAR_TCHAR);
            }
          else if (is_blank (c))
            {
              /* Rejected either way (RFC 9112 §5.1); the rest of the line
               * tells whether the colon is late or missing. */
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_NAME_WS);
            }
          else if (c == '\r' || c == '\n')
            {
              fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s", _("Header line without a colon"));
            }
          else
            {
              fail_char (parser, c, _("Invalid character in a header name"));
            }
          break;

        case QNET_HTTP_HEAD_STATE_NAME_WS:
          if (c == ':')
            fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s",
                  _("Whitespace between a header name and the colon"));
          else if (c == '\r' || c == '\n')
            fail (parser, QNET_HTTP_ERROR_BAD_RESPONSE, "%s", _("Header line without a colon"));
          else if (!qnet_char_is_field (c))
            fail_char (parser, c, _("Invalid character in a header name"));
          break;

        case QNET_HTTP_HEAD_STATE_VALUE_WS:
        case QNET_HTTP_HEAD_STATE_FOLD_WS:
          if (is_blank (c))
            break;
          if (c == '\r')
            {
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_FIELD_CR);
            }
          else if (c == '\n')
            {
              end_field (parser);
              parser->line_len = 0;
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_FIELD_START);
            }
          else if (qnet_char_is_field (c))
            {
              if (parser->state == QNET_HTTP_HEAD_STATE_FOLD_WS && strings->len > parser->cur_value)
                g_string_append_c (strings, ' ');
              g_string_append_c (strings, (char) c);
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_VALUE);
              append_run (parser, in, len, &i, QNET_CHAR_FIELD);
            }
          else
            {
              fail_char (parser, c, _("Invalid character in a header value"));
            }
          break;

        case QNET_HTTP_HEAD_STATE_VALUE:
          if (c == '\r')
            {
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_FIELD_CR);
            }
          else if (c == '\n')
            {
              end_field (parser);
              parser->line_len = 0;
              qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_FIELD_START);
            }
          else if (qnet_char_is_field (c))
            {
              g_string_append_c (strings, (char) c);
              append_run (parser, in, len, &i, QNET_CHAR_FIELD);
            }
          else
            {
              fail_char (parser, c, _("Invalid character in a header value"));
            }
          break;

        case QNET_HTTP_HEAD_STATE_FIELD_CR:
          if (c != '\n')
            {
              fail_bare_cr (parser);
              break;
            }
          end_field (parser);
          parser->line_len = 0;
          qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_FIELD_START);
          break;

        case QNET_HTTP_HEAD_STATE_END_CR:
          if (c != '\n')
            {
              fail_bare_cr (parser);
              break;
            }
          qnet_http_head_parser_set_state (parser, QNET_HTTP_HEAD_STATE_DONE);
          break;

        case QNET_HTTP_HEAD_STATE_DONE:
        case QNET_HTTP_HEAD_STATE_ERROR:
        case QNET_HTTP_HEAD_N_STATES:
        default:
          g_assert_not_reached ();
        }

      if (parser->state == QNET_HTTP_HEAD_STATE_ERROR)
        break;
      if (parser->state == QNET_HTTP_HEAD_STATE_DONE)
        {
          i++;
          status = QNET_PARSE_DONE;
          break;
        }
    }

  if (parser->state == QNET_HTTP_HEAD_STATE_ERROR)
    {
      *consumed = i;
      if (error != NULL)
        *error = g_error_copy (parser->error);
      return QNET_PARSE_ERROR;
    }

  *consumed = i;
  if (parser->keep_raw && i > 0)
    {
      if (head->raw == NULL)
        head->raw = g_string_new (NULL);
      g_string_append_len (head->raw, (const char *) in, i);
    }
  return status;
}

/**
 * qnet_http_head_parser_finish:
 * @parser: a parser
 * @error: return location for a #GError
 *
 * Tells @parser that the input ended (the peer closed the connection).
 *
 * Returns: %TRUE if the head was complete; otherwise %FALSE with
 *   %QNET_HTTP_ERROR_TRUNCATED (or the error that failed the parser)
 */
gboolean
qnet_http_head_parser_finish (QnetHttpHeadParser  *parser,
                              GError             **error)
{
  if (parser->state == QNET_HTTP_HEAD_STATE_DONE)
    return TRUE;
  if (parser->state == QNET_HTTP_HEAD_STATE_ERROR)
    {
      g_propagate_error (error, g_error_copy (parser->error));
      return FALSE;
    }
  g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED,
                       _("The connection was closed before the end of the message head"));
  return FALSE;
}
