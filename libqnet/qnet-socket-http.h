/* qnet-socket-http.h: QnetSocket's HTTP helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <gio/gio.h>

#include "qnet-socket.h"
#include "qnet-version.h"

G_BEGIN_DECLS

QNET_AVAILABLE_IN_1_0
gboolean   qnet_socket_send_http_message         (QnetSocket           *self,
                                                  const char           *method,
                                                  const char           *path,
                                                  const char           *http_version,
                                                  GHashTable           *headers,
                                                  GBytes               *body,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
QNET_AVAILABLE_IN_1_0
void       qnet_socket_send_http_message_async   (QnetSocket           *self,
                                                  const char           *method,
                                                  const char           *path,
                                                  const char           *http_version,
                                                  GHashTable           *headers,
                                                  GBytes               *body,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
QNET_AVAILABLE_IN_1_0
gboolean   qnet_socket_send_http_message_finish  (QnetSocket           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

QNET_AVAILABLE_IN_1_0
gboolean   qnet_socket_send_http_response        (QnetSocket           *self,
                                                  guint                 status_code,
                                                  const char           *reason,
                                                  const char           *http_version,
                                                  GHashTable           *headers,
                                                  GBytes               *body,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
QNET_AVAILABLE_IN_1_0
void       qnet_socket_send_http_response_async  (QnetSocket           *self,
                                                  guint                 status_code,
                                                  const char           *reason,
                                                  const char           *http_version,
                                                  GHashTable           *headers,
                                                  GBytes               *body,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
QNET_AVAILABLE_IN_1_0
gboolean   qnet_socket_send_http_response_finish (QnetSocket           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

QNET_AVAILABLE_IN_1_0
GVariant  *qnet_socket_read_http_header          (QnetSocket           *self,
                                                  gint                  timeout_ms,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
QNET_AVAILABLE_IN_1_0
void       qnet_socket_read_http_header_async    (QnetSocket           *self,
                                                  gint                  timeout_ms,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
QNET_AVAILABLE_IN_1_0
GVariant  *qnet_socket_read_http_header_finish   (QnetSocket           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

QNET_AVAILABLE_IN_1_0
GBytes    *qnet_socket_read_http_body            (QnetSocket           *self,
                                                  const char           *request_method,
                                                  gint                  timeout_ms,
                                                  GVariant            **trailers,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
QNET_AVAILABLE_IN_1_0
void       qnet_socket_read_http_body_async      (QnetSocket           *self,
                                                  const char           *request_method,
                                                  gint                  timeout_ms,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
QNET_AVAILABLE_IN_1_0
GBytes    *qnet_socket_read_http_body_finish     (QnetSocket           *self,
                                                  GAsyncResult         *result,
                                                  GVariant            **trailers,
                                                  GError              **error);

G_END_DECLS
