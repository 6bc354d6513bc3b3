/* qnet-http-framing.c: message body length and codings (RFC 9112 §6)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The decision of RFC 9112 §6.3, in its order:
 *  1. a response to HEAD, a 1xx, 204 or 304 response, and a 2xx response
 *     to CONNECT have no body (a Content-Length there describes the body
 *     of another response; it is still validated and reported);
 *  2. Transfer-Encoding wins over Content-Length; when both are present
 *     the message smells of smuggling, so Content-Length is ignored and
 *     the connection is not reused (§6.3 item 3). The final coding must be
 *     chunked; a response whose final coding is not chunked is read until
 *     close, a request is rejected (§6.3 item 4). `chunked` twice or not
 *     last is rejected;
 *  3. Content-Length: every value of every field must be the same decimal
 *     number (identical duplicates, "42, 42" too, are accepted as RFC 9110
 *     §8.6 allows; different ones, signs, blanks inside, non-digits and
 *     values over QNET_HTTP_MAX_BODY_LENGTH are rejected);
 *  4. otherwise a response is read until close, a request has no body.
 * An HTTP/1.0 message with Transfer-Encoding is decoded, but the
 * connection is closed after it (§6.1, last paragraph).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-http-framing.h"

/**
 * qnet_http_body_kind_to_string:
 * @kind: a #QnetHttpBodyKind
 *
 * Returns: (transfer none): a printable name for @kind
 */
const char *
qnet_http_body_kind_to_string (QnetHttpBodyKind kind)
{
  switch (kind)
    {
    case QNET_HTTP_BODY_NONE:
      return "none";
    case QNET_HTTP_BODY_CONTENT_LENGTH:
      return "content-length";
    case QNET_HTTP_BODY_CHUNKED:
      return "chunked";
    case QNET_HTTP_BODY_UNTIL_CLOSE:
      return "until-close";
    default:
      return "invalid";
    }
}

/**
 * qnet_http_coding_to_string:
 * @coding: a #QnetHttpCoding
 *
 * Returns: (transfer none): the coding name
 */
const char *
qnet_http_coding_to_string (QnetHttpCoding coding)
{
  switch (coding)
    {
    case QNET_HTTP_CODING_GZIP:
      return "gzip";
    case QNET_HTTP_CODING_DEFLATE:
      return "deflate";
    default:
      return "invalid";
    }
}

/* Iterates the elements of a comma-separated list (RFC 9110 §5.6.1):
 * returns the next element with surrounding blanks removed (possibly empty,
 * for ", ," or a trailing comma), or FALSE at the end. *cursor becomes
 * NULL after the last element. */
static gboolean
next_element (const char **cursor,
              const char **start,
              gsize       *len)
{
  const char *p = *cursor;
  const char *end;

  if (p == NULL)
    return FALSE;
  while (*p == ' ' || *p == '\t')
    p++;
  *start = p;
  while (*p != '\0' && *p != ',')
    p++;
  end = p;
  while (end > *start && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  *len = end - *start;
  *cursor = *p == ',' ? p + 1 : NULL;
  return TRUE;
}

static gboolean
parse_decimal (const char *s,
               gsize       len,
               gint64     *out)
{
  guint64 v = 0;

  if (len == 0 || len > QNET_HTTP_MAX_CONTENT_LENGTH_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        return FALSE;
      v = v * 10 + (guint64) (s[i] - '0');
    }
  if (v > (guint64) QNET_HTTP_MAX_BODY_LENGTH)
    return FALSE;
  *out = (gint64) v;
  return TRUE;
}

/**
 * qnet_http_parse_content_length:
 * @head: a #QnetHttpHead
 * @length: (out): the length, or -1 if there is no Content-Length
 * @error: return location for a #GError
 *
 * Reads every Content-Length field of @head: each must hold one decimal
 * number or a list of the same number. Fails with
 * %QNET_HTTP_ERROR_BAD_CONTENT_LENGTH on a malformed, too large or
 * conflicting value.
 *
 * Returns: %TRUE on success (also when there is no Content-Length)
 */
gboolean
qnet_http_parse_content_length (const QnetHttpHead  *head,
                                gint64              *length,
                                GError             **error)
{
  gint64 found = -1;

  for (guint i = 0; i < qnet_http_head_get_n_fields (head); i++)
    {
      const char *cursor, *start;
      gsize len;

      if (g_ascii_strcasecmp (qnet_http_head_get_field_name (head, i), "Content-Length") != 0)
        continue;

      cursor = qnet_http_head_get_field_value (head, i);
      while (next_element (&cursor, &start, &len))
        {
          gint64 v;

          if (!parse_decimal (start, len, &v))
            {
              g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH,
                                   _("Invalid Content-Length"));
              return FALSE;
            }
          if (found >= 0 && v != found)
            {
              g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH,
                                   _("Conflicting Content-Length values"));
              return FALSE;
            }
          found = v;
        }
    }

  *length = found;
  return TRUE;
}

/**
 * qnet_http_head_is_keep_alive:
 * @head: a request or response #QnetHttpHead
 *
 * The persistence rule of RFC 9112 §9.3 for the head alone: HTTP/1.1
 * unless `Connection: close`, HTTP/1.0 only with `Connection: keep-alive`.
 *
 * Returns: %TRUE if the connection may be kept open
 */
gboolean
qnet_http_head_is_keep_alive (const QnetHttpHead *head)
{
  if (qnet_http_head_header_has_token (head, "Connection", "close"))
    return FALSE;
  if (qnet_http_head_get_version_minor (head) == 0)
    return qnet_http_head_header_has_token (head, "Connection", "keep-alive");
  return TRUE;
}

static gboolean
coding_from_name (const char     *name,
                  gsize           len,
                  QnetHttpCoding *coding,
                  gboolean       *identity)
{
  *identity = FALSE;
  if ((len == 4 && g_ascii_strncasecmp (name, "gzip", 4) == 0) ||
      (len == 6 && g_ascii_strncasecmp (name, "x-gzip", 6) == 0))
    *coding = QNET_HTTP_CODING_GZIP;
  else if (len == 7 && g_ascii_strncasecmp (name, "deflate", 7) == 0)
    *coding = QNET_HTTP_CODING_DEFLATE;
  else if (len == 8 && g_ascii_strncasecmp (name, "identity", 8) == 0)
    *identity = TRUE;
  else
    return FALSE;
  return TRUE;
}

/* Length of the coding name at the start of an element (parameters after
 * ';' are ignored); 0 if it is not a token. */
static gsize
coding_name_len (const char *start,
                 gsize       len)
{
  gsize n = 0;

  while (n < len && start[n] != ';' && start[n] != ' ' && start[n] != '\t')
    n++;
  return qnet_http_is_token (start, n) ? n : 0;
}

/* Parses Transfer-Encoding. *present is FALSE without the field; *chunked
 * tells whether chunked is the final coding; other codings go to @framing. */
static gboolean
parse_transfer_encoding (const QnetHttpHead  *head,
                         QnetHttpFraming     *framing,
                         gboolean            *present,
                         gboolean            *chunked,
                         GError             **error)
{
  *present = FALSE;
  *chunked = FALSE;

  for (guint i = 0; i < qnet_http_head_get_n_fields (head); i++)
    {
      const char *cursor, *start;
      gsize len;

      if (g_ascii_strcasecmp (qnet_http_head_get_field_name (head, i), "Transfer-Encoding") != 0)
        continue;

      *present = TRUE;
      cursor = qnet_http_head_get_field_value (head, i);
      while (next_element (&cursor, &start, &len))
        {
          gsize name_len;
          QnetHttpCoding coding;
          gboolean identity;

          if (len == 0)
            continue;
          name_len = coding_name_len (start, len);
          if (name_len == 0)
            {
              g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE,
                                   _("Invalid Transfer-Encoding"));
              return FALSE;
            }
          /* chunked must be the last coding, applied once (RFC 9112 §7). */
          if (*chunked)
            {
              g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE,
                                   _("Transfer-Encoding lists a coding after “chunked”"));
              return FALSE;
            }
          if (name_len == 7 && g_ascii_strncasecmp (start, "chunked", 7) == 0)
            {
              *chunked = TRUE;
              continue;
            }
          if (!coding_from_name (start, name_len, &coding, &identity))
            {
              g_autofree char *name = g_strndup (start, name_len);

              g_set_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE,
                           _("Unsupported transfer coding “%s”"), name);
              return FALSE;
            }
          if (identity)
            continue;
          if (framing->n_transfer_codings >= QNET_HTTP_MAX_CONTENT_CODINGS)
            {
              g_set_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE,
                           _("More than %d stacked codings"), QNET_HTTP_MAX_CONTENT_CODINGS);
              return FALSE;
            }
          framing->transfer_codings[framing->n_transfer_codings++] = coding;
        }
    }

  if (*present && !*chunked && framing->n_transfer_codings == 0)
    {
      /* Only identity or empty elements: no coding at all. */
      g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE,
                           _("Invalid Transfer-Encoding"));
      return FALSE;
    }
  return TRUE;
}

static void
framing_init (QnetHttpFraming *framing)
{
  memset (framing, 0, sizeof *framing);
  framing->body = QNET_HTTP_BODY_NONE;
  framing->content_length = -1;
}

/**
 * qnet_http_framing_for_response:
 * @framing: (out caller-allocates): the decision
 * @head: the response head
 * @request_method: the method of the request it answers
 * @error: return location for a #GError in %QNET_HTTP_ERROR
 *
 * Decides how the body of the response @head ends (RFC 9112 §6.3; see the
 * top of this file) and whether the connection can be reused after it.
 *
 * Returns: %TRUE on success; %FALSE with %QNET_HTTP_ERROR_BAD_CONTENT_LENGTH,
 *   %QNET_HTTP_ERROR_BAD_RESPONSE (bad Transfer-Encoding) or
 *   %QNET_HTTP_ERROR_DECODE (too many codings)
 */
gboolean
qnet_http_framing_for_response (QnetHttpFraming     *framing,
                                const QnetHttpHead  *head,
                                const char          *request_method,
                                GError             **error)
{
  guint status = qnet_http_head_get_status_code (head);
  gboolean te_present, chunked;
  gboolean no_body;

  framing_init (framing);
  framing->keep_alive = qnet_http_head_is_keep_alive (head);

  no_body = (status >= 100 && status < 200) || status == 204 || status == 304 ||
            g_strcmp0 (request_method, "HEAD") == 0 ||
            (g_strcmp0 (request_method, "CONNECT") == 0 && status >= 200 && status < 300);

  if (!parse_transfer_encoding (head, framing, &te_present, &chunked, error))
    return FALSE;

  if (te_present)
    {
      if (qnet_http_head_count_header (head, "Content-Length") > 0 ||
          qnet_http_head_get_version_minor (head) == 0)
        framing->keep_alive = FALSE;
      if (no_body)
        {
          framing->n_transfer_codings = 0;
          return TRUE;
        }
      if (chunked)
        {
          framing->body = QNET_HTTP_BODY_CHUNKED;
        }
      else
        {
          framing->body = QNET_HTTP_BODY_UNTIL_CLOSE;
          framing->keep_alive = FALSE;
        }
      return TRUE;
    }

  if (!qnet_http_parse_content_length (head, &framing->content_length, error))
    return FALSE;

  if (no_body)
    framing->body = QNET_HTTP_BODY_NONE;
  else if (framing->content_length >= 0)
    framing->body = QNET_HTTP_BODY_CONTENT_LENGTH;
  else
    {
      framing->body = QNET_HTTP_BODY_UNTIL_CLOSE;
      framing->keep_alive = FALSE;
    }
  return TRUE;
}

/**
 * qnet_http_framing_for_request:
 * @framing: (out caller-allocates): the decision
 * @head: the request head
 * @error: return location for a #GError in %QNET_HTTP_ERROR
 *
 * The request side of RFC 9112 §6.3: chunked if Transfer-Encoding ends
 * with chunked (any other final coding is an error), else Content-Length,
 * else no body.
 *
 * Returns: %TRUE on success
 */
gboolean
qnet_http_framing_for_request (QnetHttpFraming     *framing,
                               const QnetHttpHead  *head,
                               GError             **error)
{
  gboolean te_present, chunked;

  framing_init (framing);
  framing->keep_alive = qnet_http_head_is_keep_alive (head);

  if (!parse_transfer_encoding (head, framing, &te_present, &chunked, error))
    return FALSE;

  if (te_present)
    {
      if (!chunked)
        {
          g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE,
                               _("The final transfer coding of a request is not “chunked”"));
          return FALSE;
        }
      if (qnet_http_head_count_header (head, "Content-Length") > 0 ||
          qnet_http_head_get_version_minor (head) == 0)
        framing->keep_alive = FALSE;
      framing->body = QNET_HTTP_BODY_CHUNKED;
      return TRUE;
    }

  if (!qnet_http_parse_content_length (head, &framing->content_length, error))
    return FALSE;
  framing->body = framing->content_length >= 0 ? QNET_HTTP_BODY_CONTENT_LENGTH : QNET_HTTP_BODY_NONE;
  return TRUE;
}

/**
 * qnet_http_get_codings:
 * @head: the message head
 * @framing: the framing decided for it
 * @codings: (out caller-allocates) (array fixed-size=2): the codings
 * @n_codings: (out): number of entries written to @codings
 * @error: return location for a #GError
 *
 * Lists every coding the body carries, in the order the sender applied
 * them: Content-Encoding first, then the transfer codings of @framing. A
 * decoder undoes them from the last to the first. `identity` is dropped.
 * At most %QNET_HTTP_MAX_CONTENT_CODINGS are allowed in all.
 *
 * Returns: %TRUE on success; %FALSE with %QNET_HTTP_ERROR_DECODE for an
 *   unknown coding or too many of them
 */
gboolean
qnet_http_get_codings (const QnetHttpHead    *head,
                       const QnetHttpFraming *framing,
                       QnetHttpCoding        *codings,
                       guint                 *n_codings,
                       GError               **error)
{
  guint n = 0;

  for (guint i = 0; i < qnet_http_head_get_n_fields (head); i++)
    {
      const char *cursor, *start;
      gsize len;

      if (g_ascii_strcasecmp (qnet_http_head_get_field_name (head, i), "Content-Encoding") != 0)
        continue;

      cursor = qnet_http_head_get_field_value (head, i);
      while (next_element (&cursor, &start, &len))
        {
          gsize name_len;
          QnetHttpCoding coding;
          gboolean identity;

          if (len == 0)
            continue;
          name_len = coding_name_len (start, len);
          if (name_len == 0)
            {
              g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE,
                                   _("Invalid Content-Encoding"));
              return FALSE;
            }
          if (!coding_from_name (start, name_len, &coding, &identity))
            {
              g_autofree char *name = g_strndup (start, name_len);

              g_set_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE,
                           _("Unsupported content coding “%s”"), name);
              return FALSE;
            }
          if (identity)
            continue;
          if (n >= QNET_HTTP_MAX_CONTENT_CODINGS)
            {
              g_set_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE,
                           _("More than %d stacked codings"), QNET_HTTP_MAX_CONTENT_CODINGS);
              return FALSE;
            }
          codings[n++] = coding;
        }
    }

  if (framing != NULL)
    {
      for (guint i = 0; i < framing->n_transfer_codings; i++)
        {
          if (n >= QNET_HTTP_MAX_CONTENT_CODINGS)
            {
              g_set_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE,
                           _("More than %d stacked codings"), QNET_HTTP_MAX_CONTENT_CODINGS);
              return FALSE;
            }
          codings[n++] = framing->transfer_codings[i];
        }
    }

  *n_codings = n;
  return TRUE;
}
