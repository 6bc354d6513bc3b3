/* qnet-http-client-methods.c: QnetHttpClient's request methods
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The blocking, asynchronous and finish forms of every request method;
 * each fills a QnetHttpRequestArgs and starts the one request machine
 * (qnet-http-client-request.c) on a QnetSocketCall.
 */

#include "config.h"

#include "qnet-http-client-private.h"

/* ---- The shared implementation: every method is one of these ------------- */

static QnetHttpResponse *
request_sync (QnetHttpClient            *self,
              const char                *operation,
              const QnetHttpRequestArgs *args,
              GCancellable              *cancellable,
              GError                   **error)
{
  QnetSocketCall *call = _qnet_socket_call_new_sync (self, operation, cancellable);

  _qnet_http_client_request_start (self, call, args);
  return _qnet_socket_call_wait_pointer (call, error);
}

static void
request_async (QnetHttpClient            *self,
               const char                *operation,
               const QnetHttpRequestArgs *args,
               GCancellable              *cancellable,
               GAsyncReadyCallback        callback,
               gpointer                   user_data,
               gpointer                   source_tag)
{
  QnetSocketCall *call = _qnet_socket_call_new_async (self, operation, cancellable, callback, user_data,
                                                      source_tag);

  _qnet_http_client_request_start (self, call, args);
}

/* send() and the convenience methods (get, head, post...): @method, the
 * response body into memory. */
static QnetHttpRequestArgs
memory_args (const char *method,
             const char *path,
             GHashTable *headers,
             GBytes     *body)
{
  const QnetHttpRequestArgs args = {
    .kind = QNET_HTTP_REQUEST_MEMORY,
    .method = method,
    .path = path,
    .headers = headers,
    .body = body,
  };

  return args;
}

static QnetHttpResponse *
method_sync (QnetHttpClient  *self,
             const char      *operation,
             const char      *method,
             const char      *path,
             GHashTable      *headers,
             GBytes          *body,
             GCancellable    *cancellable,
             GError         **error)
{
  const QnetHttpRequestArgs args = memory_args (method, path, headers, body);

  return request_sync (self, operation, &args, cancellable, error);
}

static void
method_async (QnetHttpClient      *self,
              const char          *operation,
              const char          *method,
              const char          *path,
              GHashTable          *headers,
              GBytes              *body,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  const QnetHttpRequestArgs args = memory_args (method, path, headers, body);

  request_async (self, operation, &args, cancellable, callback, user_data, source_tag);
}

/* ---- The public methods ---------------------------------------------------- */

/**
 * qnet_http_client_send:
 * @self: a #QnetHttpClient
 * @method: the request method, e.g. `"GET"` (a token; CR, LF and NUL are refused)
 * @path: (nullable): the path (and query) to request, resolved against [property@Qnet.HttpClient:url]; an absolute `http://` or `https://` URL is used as is; %NULL for the URL's own path or [property@Qnet.HttpClient:default-path]
 * @headers: (nullable) (element-type utf8 utf8): request headers; they replace the client's defaults of the same name
 * @body: (nullable): the request body
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a request and reads the response, body included, into memory.
 *
 * The client connects when needed (reusing its connection when it is
 * open to the same server and the last response allowed it), sends the
 * request, skips 1xx interim responses, follows redirects (up to
 * [property@Qnet.HttpClient:max-redirects]) and reads the body, decoding
 * gzip and deflate when [property@Qnet.HttpClient:decode-content] is set.
 * Every step raises its event; see the class description for the order.
 *
 * A status of 400 or more fails with %QNET_HTTP_ERROR_STATUS unless
 * [property@Qnet.HttpClient:error-passthru] is set; the response, body
 * included, stays in [property@Qnet.HttpClient:last-response]. Input with
 * CR, LF or NUL in the method, path or headers is refused with
 * %G_IO_ERROR_INVALID_ARGUMENT before anything is sent.
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_send (QnetHttpClient      *self,
                       const char          *method,
                       const char          *path,
                       GHashTable          *headers,
                       GBytes              *body,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return method_sync (self, "send", method, path, headers, body, cancellable, error);
}

/**
 * qnet_http_client_send_async:
 * @self: a #QnetHttpClient
 * @method: the request method, e.g. `"GET"` (a token; CR, LF and NUL are refused)
 * @path: (nullable): the path (and query) to request, resolved against [property@Qnet.HttpClient:url]; an absolute `http://` or `https://` URL is used as is; %NULL for the URL's own path or [property@Qnet.HttpClient:default-path]
 * @headers: (nullable) (element-type utf8 utf8): request headers; they replace the client's defaults of the same name
 * @body: (nullable): the request body
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.send].
 *
 * Since: 1.0
 */
void
qnet_http_client_send_async (QnetHttpClient      *self,
                             const char          *method,
                             const char          *path,
                             GHashTable          *headers,
                             GBytes              *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));
  g_return_if_fail (method != NULL);

  method_async (self, "send", method, path, headers, body, cancellable, callback, user_data,
                qnet_http_client_send_async);
}

/**
 * qnet_http_client_send_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.send_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_send_finish (QnetHttpClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_send_async, error);
}

/**
 * qnet_http_client_get:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a `GET` request; see [method@Qnet.HttpClient.send].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_get (QnetHttpClient      *self,
                      const char          *path,
                      GHashTable          *headers,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return method_sync (self, "get", "GET", path, headers, NULL, cancellable, error);
}

/**
 * qnet_http_client_get_async:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.get].
 *
 * Since: 1.0
 */
void
qnet_http_client_get_async (QnetHttpClient      *self,
                            const char          *path,
                            GHashTable          *headers,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  method_async (self, "get", "GET", path, headers, NULL, cancellable, callback, user_data,
                qnet_http_client_get_async);
}

/**
 * qnet_http_client_get_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.get_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_get_finish (QnetHttpClient  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_get_async, error);
}

/**
 * qnet_http_client_head:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a `HEAD` request (the response has no body); see [method@Qnet.HttpClient.send].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_head (QnetHttpClient      *self,
                       const char          *path,
                       GHashTable          *headers,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return method_sync (self, "head", "HEAD", path, headers, NULL, cancellable, error);
}

/**
 * qnet_http_client_head_async:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.head].
 *
 * Since: 1.0
 */
void
qnet_http_client_head_async (QnetHttpClient      *self,
                             const char          *path,
                             GHashTable          *headers,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  method_async (self, "head", "HEAD", path, headers, NULL, cancellable, callback, user_data,
                qnet_http_client_head_async);
}

/**
 * qnet_http_client_head_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.head_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_head_finish (QnetHttpClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_head_async, error);
}

/**
 * qnet_http_client_post:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @body: (nullable): the request body
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a `POST` request; see [method@Qnet.HttpClient.send].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_post (QnetHttpClient      *self,
                       const char          *path,
                       GBytes              *body,
                       GHashTable          *headers,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return method_sync (self, "post", "POST", path, headers, body, cancellable, error);
}

/**
 * qnet_http_client_post_async:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @body: (nullable): the request body
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.post].
 *
 * Since: 1.0
 */
void
qnet_http_client_post_async (QnetHttpClient      *self,
                             const char          *path,
                             GBytes              *body,
                             GHashTable          *headers,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  method_async (self, "post", "POST", path, headers, body, cancellable, callback, user_data,
                qnet_http_client_post_async);
}

/**
 * qnet_http_client_post_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.post_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_post_finish (QnetHttpClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_post_async, error);
}

/**
 * qnet_http_client_put:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @body: (nullable): the request body
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a `PUT` request; see [method@Qnet.HttpClient.send].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_put (QnetHttpClient      *self,
                      const char          *path,
                      GBytes              *body,
                      GHashTable          *headers,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return method_sync (self, "put", "PUT", path, headers, body, cancellable, error);
}

/**
 * qnet_http_client_put_async:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @body: (nullable): the request body
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.put].
 *
 * Since: 1.0
 */
void
qnet_http_client_put_async (QnetHttpClient      *self,
                            const char          *path,
                            GBytes              *body,
                            GHashTable          *headers,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  method_async (self, "put", "PUT", path, headers, body, cancellable, callback, user_data,
                qnet_http_client_put_async);
}

/**
 * qnet_http_client_put_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.put_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_put_finish (QnetHttpClient  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_put_async, error);
}

/**
 * qnet_http_client_delete:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a `DELETE` request; see [method@Qnet.HttpClient.send].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_delete (QnetHttpClient      *self,
                         const char          *path,
                         GHashTable          *headers,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return method_sync (self, "delete", "DELETE", path, headers, NULL, cancellable, error);
}

/**
 * qnet_http_client_delete_async:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.delete].
 *
 * Since: 1.0
 */
void
qnet_http_client_delete_async (QnetHttpClient      *self,
                               const char          *path,
                               GHashTable          *headers,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  method_async (self, "delete", "DELETE", path, headers, NULL, cancellable, callback, user_data,
                qnet_http_client_delete_async);
}

/**
 * qnet_http_client_delete_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.delete_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_delete_finish (QnetHttpClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_delete_async, error);
}

/**
 * qnet_http_client_patch:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @body: (nullable): the request body
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a `PATCH` request; see [method@Qnet.HttpClient.send].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_patch (QnetHttpClient      *self,
                        const char          *path,
                        GBytes              *body,
                        GHashTable          *headers,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return method_sync (self, "patch", "PATCH", path, headers, body, cancellable, error);
}

/**
 * qnet_http_client_patch_async:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @body: (nullable): the request body
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.patch].
 *
 * Since: 1.0
 */
void
qnet_http_client_patch_async (QnetHttpClient      *self,
                              const char          *path,
                              GBytes              *body,
                              GHashTable          *headers,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  method_async (self, "patch", "PATCH", path, headers, body, cancellable, callback, user_data,
                qnet_http_client_patch_async);
}

/**
 * qnet_http_client_patch_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.patch_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_patch_finish (QnetHttpClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_patch_async, error);
}

/**
 * qnet_http_client_options:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send] (`"*"` is sent as is)
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends an `OPTIONS` request; see [method@Qnet.HttpClient.send].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_options (QnetHttpClient      *self,
                          const char          *path,
                          GHashTable          *headers,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return method_sync (self, "options", "OPTIONS", path, headers, NULL, cancellable, error);
}

/**
 * qnet_http_client_options_async:
 * @self: a #QnetHttpClient
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send] (`"*"` is sent as is)
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.options].
 *
 * Since: 1.0
 */
void
qnet_http_client_options_async (QnetHttpClient      *self,
                                const char          *path,
                                GHashTable          *headers,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  method_async (self, "options", "OPTIONS", path, headers, NULL, cancellable, callback, user_data,
                qnet_http_client_options_async);
}

/**
 * qnet_http_client_options_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.options_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_options_finish (QnetHttpClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_options_async, error);
}

/**
 * qnet_http_client_send_to_stream:
 * @self: a #QnetHttpClient
 * @method: the request method
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @body: (nullable): the request body
 * @out: where the (decoded) response body is written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a request and writes the response body to @out as it arrives, never holding it whole.
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_send_to_stream (QnetHttpClient      *self,
                                 const char          *method,
                                 const char          *path,
                                 GHashTable          *headers,
                                 GBytes              *body,
                                 GOutputStream       *out,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  const QnetHttpRequestArgs args = {
    .kind = QNET_HTTP_REQUEST_STREAM,
    .method = method,
    .path = path,
    .headers = headers,
    .body = body,
    .out = out
  };

  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (out != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return request_sync (self, "send_to_stream", &args, cancellable, error);
}

/**
 * qnet_http_client_send_to_stream_async:
 * @self: a #QnetHttpClient
 * @method: the request method
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @body: (nullable): the request body
 * @out: where the (decoded) response body is written
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.send_to_stream].
 *
 * Since: 1.0
 */
void
qnet_http_client_send_to_stream_async (QnetHttpClient      *self,
                                       const char          *method,
                                       const char          *path,
                                       GHashTable          *headers,
                                       GBytes              *body,
                                       GOutputStream       *out,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  const QnetHttpRequestArgs args = {
    .kind = QNET_HTTP_REQUEST_STREAM,
    .method = method,
    .path = path,
    .headers = headers,
    .body = body,
    .out = out
  };

  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (out != NULL);

  request_async (self, "send_to_stream", &args, cancellable, callback, user_data, qnet_http_client_send_to_stream_async);
}

/**
 * qnet_http_client_send_to_stream_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.send_to_stream_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_send_to_stream_finish (QnetHttpClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_send_to_stream_async, error);
}

/**
 * qnet_http_client_send_chunked:
 * @self: a #QnetHttpClient
 * @method: the request method
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @body: the request body, read to its end and sent with `Transfer-Encoding: chunked`
 * @chunk_size: the largest chunk sent, at least 1
 * @trailers: (nullable): trailer fields sent after the last chunk (`a{sv}` of strings)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a request whose body is read from a stream and sent in chunks.
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_send_chunked (QnetHttpClient      *self,
                               const char          *method,
                               const char          *path,
                               GHashTable          *headers,
                               GInputStream        *body,
                               gsize                chunk_size,
                               GVariant            *trailers,
                               GCancellable        *cancellable,
                               GError             **error)
{
  const QnetHttpRequestArgs args = {
    .kind = QNET_HTTP_REQUEST_MEMORY,
    .method = method,
    .path = path,
    .headers = headers,
    .body_stream = body,
    .chunk_size = chunk_size,
    .trailers = trailers
  };

  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return request_sync (self, "send_chunked", &args, cancellable, error);
}

/**
 * qnet_http_client_send_chunked_async:
 * @self: a #QnetHttpClient
 * @method: the request method
 * @path: (nullable): the path, as for [method@Qnet.HttpClient.send]
 * @headers: (nullable) (element-type utf8 utf8): request headers
 * @body: the request body, read to its end and sent with `Transfer-Encoding: chunked`
 * @chunk_size: the largest chunk sent, at least 1
 * @trailers: (nullable): trailer fields sent after the last chunk (`a{sv}` of strings)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was read
 * @user_data: data for @callback
 *
 * Starts the request; see [method@Qnet.HttpClient.send_chunked].
 *
 * Since: 1.0
 */
void
qnet_http_client_send_chunked_async (QnetHttpClient      *self,
                                     const char          *method,
                                     const char          *path,
                                     GHashTable          *headers,
                                     GInputStream        *body,
                                     gsize                chunk_size,
                                     GVariant            *trailers,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  const QnetHttpRequestArgs args = {
    .kind = QNET_HTTP_REQUEST_MEMORY,
    .method = method,
    .path = path,
    .headers = headers,
    .body_stream = body,
    .chunk_size = chunk_size,
    .trailers = trailers
  };

  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (body != NULL);

  request_async (self, "send_chunked", &args, cancellable, callback, user_data, qnet_http_client_send_chunked_async);
}

/**
 * qnet_http_client_send_chunked_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.send_chunked_async].
 *
 * Returns: (transfer full): the response, or %NULL on error
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_send_chunked_finish (QnetHttpClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_http_client_send_chunked_async, error);
}
