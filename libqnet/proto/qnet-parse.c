/* qnet-parse.c: shared bits of the layer-0 parsers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-parse.h"

#define IS_ALPHA(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_HEX(c) (IS_DIGIT (c) || ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F'))
#define IS_TCHAR_PUNCT(c) \
  ((c) == '!' || (c) == '#' || (c) == '$' || (c) == '%' || (c) == '&' || (c) == '\'' || \
   (c) == '*' || (c) == '+' || (c) == '-' || (c) == '.' || (c) == '^' || (c) == '_' || \
   (c) == '`' || (c) == '|' || (c) == '~')
#define IS_SUB_DELIM(c) \
  ((c) == '!' || (c) == '$' || (c) == '&' || (c) == '\'' || (c) == '(' || (c) == ')' || \
   (c) == '*' || (c) == '+' || (c) == ',' || (c) == ';' || (c) == '=')

#define CLS(c) \
  ((IS_ALPHA (c) || IS_DIGIT (c) || IS_TCHAR_PUNCT (c) ? QNET_CHAR_TCHAR : 0) | \
   ((c) == '\t' || ((c) >= 0x20 && (c) != 0x7f) ? QNET_CHAR_FIELD : 0) | \
   (IS_HEX (c) ? QNET_CHAR_HEX : 0) | \
   (IS_DIGIT (c) ? QNET_CHAR_DIGIT : 0) | \
   ((c) >= 0x21 && (c) <= 0x7e ? QNET_CHAR_TARGET : 0) | \
   (IS_ALPHA (c) || IS_DIGIT (c) || (c) == '-' || (c) == '.' || (c) == '_' || (c) == '~' ? \
      QNET_CHAR_UNRESERVED : 0) | \
   (IS_SUB_DELIM (c) ? QNET_CHAR_SUB_DELIM : 0))

#define R4(b) CLS (b), CLS ((b) + 1), CLS ((b) + 2), CLS ((b) + 3)
#define R16(b) R4 (b), R4 ((b) + 4), R4 ((b) + 8), R4 ((b) + 12)
#define R64(b) R16 (b), R16 ((b) + 16), R16 ((b) + 32), R16 ((b) + 48)

const guint8 qnet_char_classes[256] = {
  R64 (0), R64 (64), R64 (128), R64 (192),
};

static const char * const status_names[] = {
  "need-more",
  "event",
  "done",
};

/**
 * qnet_parse_status_to_string:
 * @status: a #QnetParseStatus
 *
 * Returns: (transfer none): a printable name for @status
 */
const char *
qnet_parse_status_to_string (QnetParseStatus status)
{
  if (status == QNET_PARSE_ERROR)
    return "error";
  if (status >= 0 && (gsize) status < G_N_ELEMENTS (status_names))
    return status_names[status];
  return "invalid";
}

/**
 * qnet_http_is_token:
 * @s: a string
 * @len: length of @s, or -1 if it is nul-terminated
 *
 * Checks the token grammar of RFC 9110 §5.6.2 (methods, field names,
 * coding names): one or more tchar.
 *
 * Returns: %TRUE if @s is a non-empty token
 */
gboolean
qnet_http_is_token (const char *s,
                    gssize      len)
{
  gsize n = len < 0 ? strlen (s) : (gsize) len;

  if (n == 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!qnet_char_is_tchar ((guint8) s[i]))
      return FALSE;
  return TRUE;
}
