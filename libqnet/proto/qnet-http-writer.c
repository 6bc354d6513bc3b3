/* qnet-http-writer.c: HTTP/1.1 head and chunk writer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything a caller gives (method, target, version, header names and
 * values, reason phrase, trailers) is checked before a single byte is
 * written, so a rejected head leaves the output untouched: a CR, LF or
 * NUL can never smuggle a header or a second message onto the wire.
 * Mistakes are G_IO_ERROR_INVALID_ARGUMENT (see qnet-parse.h).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-http-writer.h"
#include "qnet-parse.h"

G_GNUC_PRINTF (2, 3)
static void
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  *error = g_error_new_valist (QNET_PROTO_IO_ERROR, QNET_PROTO_IO_ERROR_INVALID_ARGUMENT,
                               format, args);
  va_end (args);
}

/**
 * qnet_http_check_method:
 * @method: a request method
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @method is a token (RFC 9110 §9.1)
 */
gboolean
qnet_http_check_method (const char  *method,
                        GError     **error)
{
  if (method == NULL || !qnet_http_is_token (method, -1))
    {
      g_autofree char *shown = method != NULL ? g_strescape (method, NULL) : NULL;

      invalid (error, _("Invalid HTTP method “%s”"), shown != NULL ? shown : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * qnet_http_check_target:
 * @target: a request target (path and query, absolute URL, `*` or
 *   authority), already percent-encoded
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @target is non-empty visible US-ASCII (no blank, no
 *   control character)
 */
gboolean
qnet_http_check_target (const char  *target,
                        GError     **error)
{
  if (target == NULL || target[0] == '\0')
    {
      invalid (error, "%s", _("Empty HTTP request target"));
      return FALSE;
    }
  for (const char *p = target; *p != '\0'; p++)
    {
      if (!qnet_char_is ((guint8) *p, QNET_CHAR_TARGET))
        {
          g_autofree char *shown = g_strescape (target, NULL);

          invalid (error, _("Invalid character in the HTTP request target “%s”"), shown);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * qnet_http_check_version:
 * @http_version: `"1.0"` or `"1.1"`
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @http_version is one we speak
 */
gboolean
qnet_http_check_version (const char  *http_version,
                         GError     **error)
{
  if (g_strcmp0 (http_version, "1.0") != 0 && g_strcmp0 (http_version, "1.1") != 0)
    {
      g_autofree char *shown = http_version != NULL ? g_strescape (http_version, NULL) : NULL;

      invalid (error, _("Unsupported HTTP version “%s”"), shown != NULL ? shown : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * qnet_http_check_header_name:
 * @name: a field name
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @name is a token (RFC 9110 §5.1)
 */
gboolean
qnet_http_check_header_name (const char  *name,
                             GError     **error)
{
  if (name == NULL || !qnet_http_is_token (name, -1))
    {
      g_autofree char *shown = name != NULL ? g_strescape (name, NULL) : NULL;

      invalid (error, _("Invalid HTTP header name “%s”"), shown != NULL ? shown : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * qnet_http_check_header_value:
 * @value: a field value
 * @error: return location for a #GError
 *
 * Refuses CR, LF (a header or message injected after them) and the other
 * control characters but HTAB, which RFC 9110 §5.5 makes invalid; NUL
 * cannot occur in a C string and is refused by the callers that take
 * lengths.
 *
 * Returns: %TRUE if @value may be written
 */
gboolean
qnet_http_check_header_value (const char  *value,
                              GError     **error)
{
  if (value == NULL)
    {
      invalid (error, "%s", _("Missing HTTP header value"));
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p++)
    {
      if (!qnet_char_is_field ((guint8) *p))
        {
          g_autofree char *shown = g_strescape (value, NULL);

          if (*p == '\r' || *p == '\n')
            invalid (error, _("Line break in the HTTP header value “%s”"), shown);
          else
            invalid (error, _("Control character in the HTTP header value “%s”"), shown);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * qnet_http_check_headers:
 * @headers: (array length=n_headers): header fields
 * @n_headers: number of fields
 * @error: return location for a #GError
 *
 * Returns: %TRUE if every name and value may be written
 */
gboolean
qnet_http_check_headers (const QnetHttpHeaderPair  *headers,
                         gsize                      n_headers,
                         GError                   **error)
{
  for (gsize i = 0; i < n_headers; i++)
    {
      if (!qnet_http_check_header_name (headers[i].name, error) ||
          !qnet_http_check_header_value (headers[i].value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_status (guint        status_code,
              const char  *reason,
              GError     **error)
{
  if (status_code < 100 || status_code > 599)
    {
      invalid (error, _("Invalid HTTP status code %u"), status_code);
      return FALSE;
    }
  if (reason != NULL)
    {
      for (const char *p = reason; *p != '\0'; p++)
        {
          if (!qnet_char_is_field ((guint8) *p))
            {
              g_autofree char *shown = g_strescape (reason, NULL);

              invalid (error, _("Invalid character in the HTTP reason phrase “%s”"), shown);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static void
append_request_line (GString    *out,
                     const char *method,
                     const char *target,
                     const char *http_version)
{
  g_string_append (out, method);
  g_string_append_c (out, ' ');
  g_string_append (out, target);
  g_string_append (out, " HTTP/");
  g_string_append (out, http_version);
}

static void
append_status_line (GString    *out,
                    const char *http_version,
                    guint       status_code,
                    const char *reason)
{
  g_string_append (out, "HTTP/");
  g_string_append (out, http_version);
  g_string_append_printf (out, " %03u ", status_code);
  if (reason != NULL)
    g_string_append (out, reason);
}

static void
append_fields (GString                  *out,
               const QnetHttpHeaderPair *headers,
               gsize                     n_headers)
{
  for (gsize i = 0; i < n_headers; i++)
    {
      g_string_append (out, headers[i].name);
      g_string_append (out, ": ");
      g_string_append (out, headers[i].value);
      g_string_append (out, "\r\n");
    }
  g_string_append (out, "\r\n");
}

/**
 * qnet_http_format_request_line:
 * @method: the method
 * @target: the request target
 * @http_version: `"1.0"` or `"1.1"`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the request line without CRLF (the
 *   `message` of `http-send-message`), or %NULL on invalid input
 */
char *
qnet_http_format_request_line (const char  *method,
                               const char  *target,
                               const char  *http_version,
                               GError     **error)
{
  GString *out;

  if (!qnet_http_check_method (method, error) ||
      !qnet_http_check_target (target, error) ||
      !qnet_http_check_version (http_version, error))
    return NULL;

  out = g_string_new (NULL);
  append_request_line (out, method, target, http_version);
  return g_string_free (out, FALSE);
}

/**
 * qnet_http_format_status_line:
 * @http_version: `"1.0"` or `"1.1"`
 * @status_code: 100..599
 * @reason: (nullable): the reason phrase
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the status line without CRLF, or
 *   %NULL on invalid input
 */
char *
qnet_http_format_status_line (const char  *http_version,
                              guint        status_code,
                              const char  *reason,
                              GError     **error)
{
  GString *out;

  if (!qnet_http_check_version (http_version, error) ||
      !check_status (status_code, reason, error))
    return NULL;

  out = g_string_new (NULL);
  append_status_line (out, http_version, status_code, reason);
  return g_string_free (out, FALSE);
}

/**
 * qnet_http_write_request_head:
 * @out: where to append the head
 * @method: the method (a token)
 * @target: the request target (visible ASCII)
 * @http_version: `"1.0"` or `"1.1"`
 * @headers: (array length=n_headers) (nullable): fields, written in order
 * @n_headers: number of fields
 * @error: return location for a #GError
 *
 * Appends request line, fields and the empty line to @out. Nothing is
 * appended unless every part is valid.
 *
 * Returns: %TRUE on success; %FALSE with G_IO_ERROR_INVALID_ARGUMENT
 */
gboolean
qnet_http_write_request_head (GString                   *out,
                              const char                *method,
                              const char                *target,
                              const char                *http_version,
                              const QnetHttpHeaderPair  *headers,
                              gsize                      n_headers,
                              GError                   **error)
{
  if (!qnet_http_check_method (method, error) ||
      !qnet_http_check_target (target, error) ||
      !qnet_http_check_version (http_version, error) ||
      !qnet_http_check_headers (headers, n_headers, error))
    return FALSE;

  append_request_line (out, method, target, http_version);
  g_string_append (out, "\r\n");
  append_fields (out, headers, n_headers);
  return TRUE;
}

/**
 * qnet_http_write_response_head:
 * @out: where to append the head
 * @http_version: `"1.0"` or `"1.1"`
 * @status_code: 100..599
 * @reason: (nullable): the reason phrase
 * @headers: (array length=n_headers) (nullable): fields, written in order
 * @n_headers: number of fields
 * @error: return location for a #GError
 *
 * Appends status line, fields and the empty line to @out. Nothing is
 * appended unless every part is valid.
 *
 * Returns: %TRUE on success; %FALSE with G_IO_ERROR_INVALID_ARGUMENT
 */
gboolean
qnet_http_write_response_head (GString                   *out,
                               const char                *http_version,
                               guint                      status_code,
                               const char                *reason,
                               const QnetHttpHeaderPair  *headers,
                               gsize                      n_headers,
                               GError                   **error)
{
  if (!qnet_http_check_version (http_version, error) ||
      !check_status (status_code, reason, error) ||
      !qnet_http_check_headers (headers, n_headers, error))
    return FALSE;

  append_status_line (out, http_version, status_code, reason);
  g_string_append (out, "\r\n");
  append_fields (out, headers, n_headers);
  return TRUE;
}

/**
 * qnet_http_format_chunk_size:
 * @buf: (out caller-allocates): room for the line
 * @size: the chunk size
 *
 * Writes the chunk-size line (lower-case hex, CRLF), without allocating,
 * for callers that send the data from their own buffer.
 *
 * Returns: the length written to @buf (without the nul)
 */
gsize
qnet_http_format_chunk_size (char    buf[QNET_HTTP_CHUNK_SIZE_LINE_MAX],
                             guint64 size)
{
  static const char hex[] = "0123456789abcdef";
  char digits[16];
  gsize n = 0, len = 0;

  do
    {
      digits[n++] = hex[size & 0xf];
      size >>= 4;
    }
  while (size != 0);

  while (n > 0)
    buf[len++] = digits[--n];
  buf[len++] = '\r';
  buf[len++] = '\n';
  buf[len] = '\0';
  return len;
}

/**
 * qnet_http_write_chunk:
 * @out: where to append the chunk
 * @data: (array length=len): chunk data
 * @len: data length
 *
 * Appends one chunk: size line, data, CRLF. An empty chunk appends
 * nothing, since a chunk of size 0 would end the body (see
 * qnet_http_write_last_chunk()).
 */
void
qnet_http_write_chunk (GString      *out,
                       const guint8 *data,
                       gsize         len)
{
  char line[QNET_HTTP_CHUNK_SIZE_LINE_MAX];
  gsize n;

  if (len == 0)
    return;
  n = qnet_http_format_chunk_size (line, len);
  g_string_append_len (out, line, n);
  g_string_append_len (out, (const char *) data, len);
  g_string_append (out, "\r\n");
}

/**
 * qnet_http_write_last_chunk:
 * @out: where to append
 * @trailers: (array length=n_trailers) (nullable): trailer fields
 * @n_trailers: number of trailer fields
 * @error: return location for a #GError
 *
 * Appends the last chunk (`0` CRLF), the trailer fields and the final
 * CRLF. Nothing is appended unless every trailer is valid.
 *
 * Returns: %TRUE on success; %FALSE with G_IO_ERROR_INVALID_ARGUMENT
 */
gboolean
qnet_http_write_last_chunk (GString                   *out,
                            const QnetHttpHeaderPair  *trailers,
                            gsize                      n_trailers,
                            GError                   **error)
{
  if (!qnet_http_check_headers (trailers, n_trailers, error))
    return FALSE;

  g_string_append (out, "0\r\n");
  append_fields (out, trailers, n_trailers);
  return TRUE;
}
