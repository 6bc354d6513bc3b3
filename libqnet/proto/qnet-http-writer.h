/* qnet-http-writer.h: HTTP/1.1 head and chunk writer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * QnetHttpHeaderPair:
 * @name: field name (a token)
 * @value: field value (no CR, LF or NUL)
 *
 * One header field to write, in the order given.
 */
typedef struct {
  const char *name;
  const char *value;
} QnetHttpHeaderPair;

/* "ffffffffffffffff\r\n" plus NUL. */
#define QNET_HTTP_CHUNK_SIZE_LINE_MAX 19

gboolean qnet_http_check_method          (const char                *method,
                                          GError                   **error);
gboolean qnet_http_check_target          (const char                *target,
                                          GError                   **error);
gboolean qnet_http_check_version         (const char                *http_version,
                                          GError                   **error);
gboolean qnet_http_check_header_name     (const char                *name,
                                          GError                   **error);
gboolean qnet_http_check_header_value    (const char                *value,
                                          GError                   **error);
gboolean qnet_http_check_headers         (const QnetHttpHeaderPair  *headers,
                                          gsize                      n_headers,
                                          GError                   **error);

char    *qnet_http_format_request_line   (const char                *method,
                                          const char                *target,
                                          const char                *http_version,
                                          GError                   **error);
char    *qnet_http_format_status_line    (const char                *http_version,
                                          guint                      status_code,
                                          const char                *reason,
                                          GError                   **error);
gboolean qnet_http_write_request_head    (GString                   *out,
                                          const char                *method,
                                          const char                *target,
                                          const char                *http_version,
                                          const QnetHttpHeaderPair  *headers,
                                          gsize                      n_headers,
                                          GError                   **error);
gboolean qnet_http_write_response_head   (GString                   *out,
                                          const char                *http_version,
                                          guint                      status_code,
                                          const char                *reason,
                                          const QnetHttpHeaderPair  *headers,
                                          gsize                      n_headers,
                                          GError                   **error);

gsize    qnet_http_format_chunk_size     (char                       buf[QNET_HTTP_CHUNK_SIZE_LINE_MAX],
                                          guint64                    size);
void     qnet_http_write_chunk           (GString                   *out,
                                          const guint8              *data,
                                          gsize                      len);
gboolean qnet_http_write_last_chunk      (GString                   *out,
                                          const QnetHttpHeaderPair  *trailers,
                                          gsize                      n_trailers,
                                          GError                   **error);

G_END_DECLS
