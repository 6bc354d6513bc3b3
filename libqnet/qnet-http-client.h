/* qnet-http-client.h: Qore's HTTPClient on GLib, every HTTP event a signal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <gio/gio.h>

#include "qnet-http-response.h"
#include "qnet-socket.h"
#include "qnet-version.h"

G_BEGIN_DECLS

#define QNET_TYPE_HTTP_CLIENT (qnet_http_client_get_type ())

QNET_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (QnetHttpClient, qnet_http_client, QNET, HTTP_CLIENT, QnetSocket)

/**
 * QnetHttpClientClass:
 * @parent_class: the parent class
 *
 * The class structure of [class@Qnet.HttpClient].
 *
 * Since: 1.0
 */
struct _QnetHttpClientClass
{
  QnetSocketClass parent_class;

  /*< private >*/
  gpointer _reserved[16];
};

QNET_AVAILABLE_IN_1_0
QnetHttpClient   *qnet_http_client_new                    (const char            *url);

/* Properties */

QNET_AVAILABLE_IN_1_0
const char       *qnet_http_client_get_url                (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
gboolean          qnet_http_client_set_url                (QnetHttpClient        *self,
                                                           const char            *url,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
const char       *qnet_http_client_get_proxy_url          (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
gboolean          qnet_http_client_set_proxy_url          (QnetHttpClient        *self,
                                                           const char            *proxy_url,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
const char       *qnet_http_client_get_http_version       (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_http_version       (QnetHttpClient        *self,
                                                           const char            *http_version);
QNET_AVAILABLE_IN_1_0
guint             qnet_http_client_get_max_redirects      (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_max_redirects      (QnetHttpClient        *self,
                                                           guint                  max_redirects);
QNET_AVAILABLE_IN_1_0
const char       *qnet_http_client_get_default_path       (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_default_path       (QnetHttpClient        *self,
                                                           const char            *default_path);
QNET_AVAILABLE_IN_1_0
const char       *qnet_http_client_get_username           (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_username           (QnetHttpClient        *self,
                                                           const char            *username);
QNET_AVAILABLE_IN_1_0
const char       *qnet_http_client_get_password           (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_password           (QnetHttpClient        *self,
                                                           const char            *password);
QNET_AVAILABLE_IN_1_0
const char       *qnet_http_client_get_proxy_username     (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_proxy_username     (QnetHttpClient        *self,
                                                           const char            *username);
QNET_AVAILABLE_IN_1_0
const char       *qnet_http_client_get_proxy_password     (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_proxy_password     (QnetHttpClient        *self,
                                                           const char            *password);
QNET_AVAILABLE_IN_1_0
const char       *qnet_http_client_get_user_agent         (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_user_agent         (QnetHttpClient        *self,
                                                           const char            *user_agent);
QNET_AVAILABLE_IN_1_0
gboolean          qnet_http_client_get_redirect_passthru  (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_redirect_passthru  (QnetHttpClient        *self,
                                                           gboolean               passthru);
QNET_AVAILABLE_IN_1_0
gboolean          qnet_http_client_get_error_passthru     (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_error_passthru     (QnetHttpClient        *self,
                                                           gboolean               passthru);
QNET_AVAILABLE_IN_1_0
gboolean          qnet_http_client_get_decode_content     (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_decode_content     (QnetHttpClient        *self,
                                                           gboolean               decode);
QNET_AVAILABLE_IN_1_0
gboolean          qnet_http_client_get_persistent         (QnetHttpClient        *self);
QNET_AVAILABLE_IN_1_0
void              qnet_http_client_set_persistent         (QnetHttpClient        *self,
                                                           gboolean               persistent);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse *qnet_http_client_get_last_response      (QnetHttpClient        *self);

QNET_AVAILABLE_IN_1_0
void              qnet_http_client_add_default_header     (QnetHttpClient        *self,
                                                           const char            *name,
                                                           const char            *value);
QNET_AVAILABLE_IN_1_0
gboolean          qnet_http_client_is_connected           (QnetHttpClient        *self);

/* Requests */

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_send                  (QnetHttpClient        *self,
                                                           const char            *method,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GBytes                *body,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_send_async            (QnetHttpClient        *self,
                                                           const char            *method,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GBytes                *body,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_send_finish           (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_get                   (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_get_async             (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_get_finish            (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_head                  (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_head_async            (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_head_finish           (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_post                  (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GBytes                *body,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_post_async            (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GBytes                *body,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_post_finish           (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_put                   (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GBytes                *body,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_put_async             (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GBytes                *body,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_put_finish            (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_delete                (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_delete_async          (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_delete_finish         (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_patch                 (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GBytes                *body,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_patch_async           (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GBytes                *body,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_patch_finish          (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_options               (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_options_async         (QnetHttpClient        *self,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_options_finish        (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_send_to_stream        (QnetHttpClient        *self,
                                                           const char            *method,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GBytes                *body,
                                                           GOutputStream         *out,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_send_to_stream_async  (QnetHttpClient        *self,
                                                           const char            *method,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GBytes                *body,
                                                           GOutputStream         *out,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_send_to_stream_finish (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_send_chunked          (QnetHttpClient        *self,
                                                           const char            *method,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GInputStream          *body,
                                                           gsize                  chunk_size,
                                                           GVariant              *trailers,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_send_chunked_async    (QnetHttpClient        *self,
                                                           const char            *method,
                                                           const char            *path,
                                                           GHashTable            *headers,
                                                           GInputStream          *body,
                                                           gsize                  chunk_size,
                                                           GVariant              *trailers,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
QnetHttpResponse  *qnet_http_client_send_chunked_finish   (QnetHttpClient        *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

QNET_AVAILABLE_IN_1_0
gboolean           qnet_http_client_open_connection       (QnetHttpClient        *self,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
QNET_AVAILABLE_IN_1_0
void               qnet_http_client_open_connection_async (QnetHttpClient        *self,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
QNET_AVAILABLE_IN_1_0
gboolean           qnet_http_client_open_connection_finish (QnetHttpClient      *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

G_END_DECLS
