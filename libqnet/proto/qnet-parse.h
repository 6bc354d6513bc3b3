/* qnet-parse.h: what every layer-0 push parser returns, and character classes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * QnetParseStatus:
 * @QNET_PARSE_ERROR: the input is invalid; the error is set and the parser
 *   stays failed (feeding it again repeats the error)
 * @QNET_PARSE_NEED_MORE: every byte given was consumed and the message is
 *   not complete yet; if the input ends here, the message is truncated
 * @QNET_PARSE_EVENT: the parser stopped after reporting an event; the bytes
 *   after `*consumed` have not been looked at and must be fed again
 * @QNET_PARSE_DONE: the message (or section) is complete; the bytes after
 *   `*consumed` belong to what follows it
 *
 * The result of a `*_feed()` call. Every parser consumes bytes in order and
 * reports through `consumed` how many it used, so feeding the same bytes
 * whole, byte by byte or split anywhere gives the same results.
 */
typedef enum {
  QNET_PARSE_ERROR = -1,
  QNET_PARSE_NEED_MORE = 0,
  QNET_PARSE_EVENT,
  QNET_PARSE_DONE,
} QnetParseStatus;

const char *qnet_parse_status_to_string (QnetParseStatus status);

/* Character classes of RFC 9110 §5.6.2 and RFC 3986 §2, as one table. */
enum {
  QNET_CHAR_TCHAR      = 1 << 0, /* token character (RFC 9110 §5.6.2) */
  QNET_CHAR_FIELD      = 1 << 1, /* field-vchar, SP or HTAB: allowed in a field value */
  QNET_CHAR_HEX        = 1 << 2, /* HEXDIG */
  QNET_CHAR_DIGIT      = 1 << 3, /* DIGIT */
  QNET_CHAR_TARGET     = 1 << 4, /* visible US-ASCII: allowed in a request target */
  QNET_CHAR_UNRESERVED = 1 << 5, /* ALPHA / DIGIT / "-" / "." / "_" / "~" */
  QNET_CHAR_SUB_DELIM  = 1 << 6, /* "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=" */
};

extern const guint8 qnet_char_classes[256];

#define qnet_char_is(c, cls) ((qnet_char_classes[(guint8) (c)] & (cls)) != 0)

static inline gboolean
qnet_char_is_tchar (guint8 c)
{
  return qnet_char_is (c, QNET_CHAR_TCHAR);
}

static inline gboolean
qnet_char_is_field (guint8 c)
{
  return qnet_char_is (c, QNET_CHAR_FIELD);
}

static inline int
qnet_char_hex_value (guint8 c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

gboolean qnet_http_is_token (const char *s,
                             gssize      len);

/* G_IO_ERROR / G_IO_ERROR_INVALID_ARGUMENT without linking GIO (layer 0 is
 * <glib.h> only): GIO defines its quark with G_DEFINE_QUARK
 * (g-io-error-quark, g_io_error), i.e. from this very string, so both
 * quarks are the same; tests/proto asserts both equalities. Used for
 * caller mistakes (CR/LF/NUL in a header), never for peer errors. */
#define QNET_PROTO_IO_ERROR (g_quark_from_static_string ("g-io-error-quark"))
#define QNET_PROTO_IO_ERROR_INVALID_ARGUMENT 13

G_END_DECLS
