/* qnet-http-head.h: HTTP/1.1 message head push parser (RFC 9112 §2-§5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "qnet-parse.h"

G_BEGIN_DECLS

/**
 * QnetHttpHeadKind:
 * @QNET_HTTP_HEAD_RESPONSE: a status line, then header fields
 * @QNET_HTTP_HEAD_REQUEST: a request line, then header fields
 * @QNET_HTTP_HEAD_TRAILER: header fields only (the trailer section of a
 *   chunked body, RFC 9112 §7.1.2)
 *
 * What a #QnetHttpHeadParser expects.
 */
typedef enum {
  QNET_HTTP_HEAD_RESPONSE,
  QNET_HTTP_HEAD_REQUEST,
  QNET_HTTP_HEAD_TRAILER,
} QnetHttpHeadKind;

/**
 * QnetHttpHeadState:
 *
 * States of a #QnetHttpHeadParser, one per position in the grammar. Only
 * qnet_http_head_parser_set_state() (static) assigns them.
 */
typedef enum {
  QNET_HTTP_HEAD_STATE_START_LINE,      /* before the start line; empty lines are skipped */
  QNET_HTTP_HEAD_STATE_LEADING_CR,      /* CR of an empty line before the start line */
  QNET_HTTP_HEAD_STATE_RESPONSE_VERSION,/* "HTTP/1.x" of a status line */
  QNET_HTTP_HEAD_STATE_STATUS_CODE,     /* the three digits */
  QNET_HTTP_HEAD_STATE_REASON,          /* reason phrase up to the line end */
  QNET_HTTP_HEAD_STATE_METHOD,          /* method token of a request line */
  QNET_HTTP_HEAD_STATE_TARGET,          /* request target */
  QNET_HTTP_HEAD_STATE_REQUEST_VERSION, /* "HTTP/1.x" ending a request line */
  QNET_HTTP_HEAD_STATE_START_LINE_CR,   /* CR ending the start line */
  QNET_HTTP_HEAD_STATE_FIELD_START,     /* first byte of a field line, or the empty line */
  QNET_HTTP_HEAD_STATE_FIELD_NAME,      /* field name up to the colon */
  QNET_HTTP_HEAD_STATE_NAME_WS,         /* blank after a name: find out which error it is */
  QNET_HTTP_HEAD_STATE_VALUE_WS,        /* blanks after the colon */
  QNET_HTTP_HEAD_STATE_VALUE,           /* field value */
  QNET_HTTP_HEAD_STATE_FOLD_WS,         /* blanks opening an obs-fold continuation line */
  QNET_HTTP_HEAD_STATE_FIELD_CR,        /* CR ending a field line */
  QNET_HTTP_HEAD_STATE_END_CR,          /* CR of the empty line ending the head */
  QNET_HTTP_HEAD_STATE_DONE,
  QNET_HTTP_HEAD_STATE_ERROR,
  QNET_HTTP_HEAD_N_STATES,
} QnetHttpHeadState;

typedef struct _QnetHttpHead QnetHttpHead;
typedef struct _QnetHttpHeadParser QnetHttpHeadParser;

/* QnetHttpHead: the parsed head (start line and fields, original case and
 * order). Field names and values are nul-terminated and never contain NUL,
 * CR or LF; values have no leading or trailing blanks. */
QnetHttpHead     *qnet_http_head_new                (QnetHttpHeadKind    kind);
void              qnet_http_head_free               (QnetHttpHead       *head);
QnetHttpHead     *qnet_http_head_copy               (const QnetHttpHead *head);
QnetHttpHeadKind  qnet_http_head_get_kind           (const QnetHttpHead *head);
guint             qnet_http_head_get_version_minor  (const QnetHttpHead *head);
const char       *qnet_http_head_get_http_version   (const QnetHttpHead *head);
guint             qnet_http_head_get_status_code    (const QnetHttpHead *head);
const char       *qnet_http_head_get_reason         (const QnetHttpHead *head);
const char       *qnet_http_head_get_method         (const QnetHttpHead *head);
const char       *qnet_http_head_get_target         (const QnetHttpHead *head);
guint             qnet_http_head_get_n_fields       (const QnetHttpHead *head);
const char       *qnet_http_head_get_field_name     (const QnetHttpHead *head,
                                                     guint               index);
const char       *qnet_http_head_get_field_value    (const QnetHttpHead *head,
                                                     guint               index);
const char       *qnet_http_head_get_header         (const QnetHttpHead *head,
                                                     const char         *name);
char             *qnet_http_head_get_header_list    (const QnetHttpHead *head,
                                                     const char         *name);
char            **qnet_http_head_get_header_values  (const QnetHttpHead *head,
                                                     const char         *name);
guint             qnet_http_head_count_header       (const QnetHttpHead *head,
                                                     const char         *name);
gboolean          qnet_http_head_header_has_token   (const QnetHttpHead *head,
                                                     const char         *name,
                                                     const char         *token);
const char       *qnet_http_head_get_raw            (const QnetHttpHead *head,
                                                     gsize              *len);
GVariant         *qnet_http_head_to_variant         (const QnetHttpHead *head);

/* QnetHttpHeadParser: push parser producing a QnetHttpHead. */
QnetHttpHeadParser *qnet_http_head_parser_new        (QnetHttpHeadKind     kind);
void                qnet_http_head_parser_free       (QnetHttpHeadParser  *parser);
void                qnet_http_head_parser_reset      (QnetHttpHeadParser  *parser);
void                qnet_http_head_parser_set_keep_raw (QnetHttpHeadParser *parser,
                                                      gboolean             keep_raw);
QnetParseStatus     qnet_http_head_parser_feed       (QnetHttpHeadParser  *parser,
                                                      const guint8        *in,
                                                      gsize                len,
                                                      gsize               *consumed,
                                                      GError             **error);
gboolean            qnet_http_head_parser_finish     (QnetHttpHeadParser  *parser,
                                                      GError             **error);
QnetHttpHeadState   qnet_http_head_parser_get_state  (const QnetHttpHeadParser *parser);
gboolean            qnet_http_head_parser_is_started (const QnetHttpHeadParser *parser);
QnetHttpHead       *qnet_http_head_parser_get_head   (QnetHttpHeadParser  *parser);
QnetHttpHead       *qnet_http_head_parser_steal_head (QnetHttpHeadParser  *parser);
const char         *qnet_http_head_state_to_string   (QnetHttpHeadState    state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetHttpHead, qnet_http_head_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetHttpHeadParser, qnet_http_head_parser_free)

G_END_DECLS
