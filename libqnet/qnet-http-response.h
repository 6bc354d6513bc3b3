/* qnet-http-response.h: one HTTP response received by QnetHttpClient
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <gio/gio.h>

#include "qnet-version.h"

G_BEGIN_DECLS

#define QNET_TYPE_HTTP_RESPONSE (qnet_http_response_get_type ())

QNET_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (QnetHttpResponse, qnet_http_response, QNET, HTTP_RESPONSE, GObject)

QNET_AVAILABLE_IN_1_0
guint        qnet_http_response_get_status_code     (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
const char  *qnet_http_response_get_status_message  (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
const char  *qnet_http_response_get_http_version    (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
const char  *qnet_http_response_get_url             (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
guint        qnet_http_response_get_redirect_count  (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
GVariant    *qnet_http_response_get_headers         (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
GVariant    *qnet_http_response_get_trailers        (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
GBytes      *qnet_http_response_get_body            (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
gint64       qnet_http_response_get_body_size       (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
gint64       qnet_http_response_get_wire_size       (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
char        *qnet_http_response_get_header          (QnetHttpResponse *self,
                                                     const char       *name);
QNET_AVAILABLE_IN_1_0
char       **qnet_http_response_get_header_values   (QnetHttpResponse *self,
                                                     const char       *name);
QNET_AVAILABLE_IN_1_0
char       **qnet_http_response_get_header_names    (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
char        *qnet_http_response_get_trailer         (QnetHttpResponse *self,
                                                     const char       *name);
QNET_AVAILABLE_IN_1_0
gboolean     qnet_http_response_has_header          (QnetHttpResponse *self,
                                                     const char       *name);
QNET_AVAILABLE_IN_1_0
gint64       qnet_http_response_get_content_length  (QnetHttpResponse *self);
QNET_AVAILABLE_IN_1_0
const char  *qnet_http_response_get_content_type    (QnetHttpResponse *self);

G_END_DECLS
