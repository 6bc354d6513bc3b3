/* qnet-http-framing.h: message body length and codings (RFC 9112 §6)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "qnet-http-head.h"
#include "qnet-limits.h"

G_BEGIN_DECLS

/**
 * QnetHttpBodyKind:
 * @QNET_HTTP_BODY_NONE: no body (HEAD, 1xx, 204, 304, 2xx to CONNECT; a
 *   request without Content-Length or Transfer-Encoding)
 * @QNET_HTTP_BODY_CONTENT_LENGTH: exactly `content_length` bytes
 * @QNET_HTTP_BODY_CHUNKED: chunked transfer coding (#QnetChunkedDecoder)
 * @QNET_HTTP_BODY_UNTIL_CLOSE: everything until the server closes
 *
 * How the end of a body is found (RFC 9112 §6.3).
 */
typedef enum {
  QNET_HTTP_BODY_NONE,
  QNET_HTTP_BODY_CONTENT_LENGTH,
  QNET_HTTP_BODY_CHUNKED,
  QNET_HTTP_BODY_UNTIL_CLOSE,
} QnetHttpBodyKind;

/**
 * QnetHttpCoding:
 * @QNET_HTTP_CODING_GZIP: `gzip` or `x-gzip` (RFC 9110 §8.4.1.3)
 * @QNET_HTTP_CODING_DEFLATE: `deflate`, a zlib stream (RFC 9110 §8.4.1.2)
 *
 * A content or transfer coding the receiver must undo. `identity` is
 * accepted and dropped, since it changes nothing.
 */
typedef enum {
  QNET_HTTP_CODING_GZIP,
  QNET_HTTP_CODING_DEFLATE,
} QnetHttpCoding;

/**
 * QnetHttpFraming:
 * @body: how the body ends
 * @content_length: the valid Content-Length, or -1 if there was none (or
 *   it was overridden by Transfer-Encoding, and then not looked at)
 * @keep_alive: whether the connection can carry another message after
 *   this one (HTTP version, `Connection`, and the framing: a body read
 *   until close, or Content-Length next to Transfer-Encoding, forbid it)
 * @n_transfer_codings: number of entries in @transfer_codings
 * @transfer_codings: codings listed in Transfer-Encoding before `chunked`,
 *   in the order the sender applied them
 *
 * The framing decision for one message.
 */
typedef struct {
  QnetHttpBodyKind body;
  gint64 content_length;
  gboolean keep_alive;
  guint n_transfer_codings;
  QnetHttpCoding transfer_codings[QNET_HTTP_MAX_CONTENT_CODINGS];
} QnetHttpFraming;

gboolean    qnet_http_framing_for_response    (QnetHttpFraming     *framing,
                                               const QnetHttpHead  *head,
                                               const char          *request_method,
                                               GError             **error);
gboolean    qnet_http_framing_for_request     (QnetHttpFraming     *framing,
                                               const QnetHttpHead  *head,
                                               GError             **error);
gboolean    qnet_http_head_is_keep_alive      (const QnetHttpHead  *head);
gboolean    qnet_http_parse_content_length    (const QnetHttpHead  *head,
                                               gint64              *length,
                                               GError             **error);
gboolean    qnet_http_get_codings             (const QnetHttpHead    *head,
                                               const QnetHttpFraming *framing,
                                               QnetHttpCoding        *codings,
                                               guint                 *n_codings,
                                               GError               **error);
const char *qnet_http_body_kind_to_string     (QnetHttpBodyKind     kind);
const char *qnet_http_coding_to_string        (QnetHttpCoding       coding);

G_END_DECLS
