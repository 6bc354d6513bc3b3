/* qnet-socket-http.c: QnetSocket's HTTP helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Enough HTTP/1.1 on a connected QnetSocket to write a small server or a
 * hand-made client: send a request or a response, read a head, read the
 * body that follows it. Parsing is proto/'s, the I/O is the HTTP message
 * I/O of qnet-http-client-io.c; the events (`http-send-message`,
 * `http-message-received`, `http-headers-read`) carry source 1, as Qore's
 * `Socket::sendHTTPMessage()` and `Socket::readHTTPHeader()` do.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-http-client-private.h"

/* The head read last by qnet_socket_read_http_header(), for the body. */
#define LAST_HEAD_KEY "qnet-socket-http-last-head"

static GQuark
last_head_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string (LAST_HEAD_KEY);
  return quark;
}

/* Errors of malformed messages become QNET_SOCKET_ERROR_HTTP. */
static GError *
helper_error (GError *error)
{
  GError *mapped;

  if (error->domain != QNET_HTTP_ERROR)
    return error;
  mapped = g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_HTTP, error->message);
  g_error_free (error);
  return mapped;
}

/* ---- Sending ------------------------------------------------------------------ */

static void
send_done (gpointer  data,
           GError   *error)
{
  QnetSocketCall *call = data;

  if (error != NULL)
    _qnet_socket_call_return_error (call, error);
  else
    _qnet_socket_call_return_int (call, TRUE);
}

/* Adds Content-Length for @body unless the caller framed the message. */
static void
add_framing (QnetHttpHeaderList *list,
             GBytes             *body,
             gboolean            always)
{
  g_autofree char *length = NULL;

  if (_qnet_http_header_list_get (list, "Transfer-Encoding") != NULL ||
      _qnet_http_header_list_get (list, "Content-Length") != NULL)
    return;
  if (body == NULL && !always)
    return;
  length = g_strdup_printf ("%" G_GSIZE_FORMAT, body != NULL ? g_bytes_get_size (body) : 0);
  _qnet_http_header_list_set (list, "Content-Length", length, FALSE);
}

static void
send_start (QnetSocket     *self,
            QnetSocketCall *call,
            gboolean        response,
            const char     *method,
            const char     *path,
            guint           status_code,
            const char     *reason,
            const char     *http_version,
            GHashTable     *headers,
            GBytes         *body)
{
  QnetHttpHeaderList list;
  g_autofree QnetHttpHeaderPair *pairs = NULL;
  g_autofree char *first_line = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GBytes) head_bytes = NULL;
  GError *error = NULL;
  gboolean ok;

  if (http_version == NULL)
    http_version = "1.1";
  if (!response && (path == NULL || *path == '\0'))
    path = "/";

  _qnet_http_header_list_init (&list);
  if (!_qnet_http_header_list_add_table (&list, headers, FALSE, &error))
    {
      _qnet_http_header_list_clear (&list);
      _qnet_socket_call_return_error (call, error);
      return;
    }
  add_framing (&list, body,
               response && status_code >= 200 && status_code != 204 && status_code != 304);
  pairs = _qnet_http_header_list_pairs (&list);

  if (response)
    {
      ok = qnet_http_write_response_head (head, http_version, status_code, reason,
                                          pairs, list.names->len, &error);
      if (ok)
        first_line = qnet_http_format_status_line (http_version, status_code, reason, NULL);
    }
  else
    {
      ok = qnet_http_write_request_head (head, method, path, http_version,
                                         pairs, list.names->len, &error);
      if (ok)
        first_line = qnet_http_format_request_line (method, path, http_version, NULL);
    }
  if (!ok)
    {
      _qnet_http_header_list_clear (&list);
      _qnet_socket_call_return_error (call, error);
      return;
    }

  if (_qnet_socket_get_io (self) == NULL)
    {
      _qnet_http_header_list_clear (&list);
      _qnet_socket_call_return_error (call, _qnet_socket_not_open_error (self));
      return;
    }

  head_bytes = g_string_free_to_bytes (g_steal_pointer (&head));
  _qnet_http_send_message (self, QNET_EVENT_SOURCE_SOCKET, first_line, &list, head_bytes, body,
                           -1, call->cancellable, send_done, call);
  _qnet_http_header_list_clear (&list);
}

/**
 * qnet_socket_send_http_message:
 * @self: a connected #QnetSocket
 * @method: the request method, e.g. `"GET"`
 * @path: (nullable): the request target, already percent-encoded (%NULL
 *   for `/`)
 * @http_version: (nullable): `"1.0"` or `"1.1"` (%NULL for `"1.1"`)
 * @headers: (nullable) (element-type utf8 utf8): header fields to send
 * @body: (nullable): the body
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends an HTTP request (Qore's `Socket::sendHTTPMessage()`). A
 * `Content-Length` is added for @body unless @headers frame the message
 * themselves (`Content-Length` or `Transfer-Encoding`). Raises
 * `http-send-message` (source 1) with the request line and the headers as
 * sent, then `packet-sent` for the head and for the body, which are
 * written as two buffers.
 *
 * A method, path or header with CR, LF, NUL or other invalid characters
 * is refused with %G_IO_ERROR_INVALID_ARGUMENT before anything is sent.
 *
 * Returns: %TRUE when the message was written
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_http_message (QnetSocket    *self,
                               const char    *method,
                               const char    *path,
                               const char    *http_version,
                               GHashTable    *headers,
                               GBytes        *body,
                               GCancellable  *cancellable,
                               GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (method != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_http_message", cancellable);
  send_start (self, call, FALSE, method, path, 0, NULL, http_version, headers, body);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_http_message_async:
 * @self: a connected #QnetSocket
 * @method: the request method
 * @path: (nullable): the request target (%NULL for `/`)
 * @http_version: (nullable): `"1.0"` or `"1.1"` (%NULL for `"1.1"`)
 * @headers: (nullable) (element-type utf8 utf8): header fields to send
 * @body: (nullable): the body
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the message was written
 * @user_data: data for @callback
 *
 * Starts sending a request; see [method@Qnet.Socket.send_http_message].
 *
 * Since: 1.0
 */
void
qnet_socket_send_http_message_async (QnetSocket          *self,
                                     const char          *method,
                                     const char          *path,
                                     const char          *http_version,
                                     GHashTable          *headers,
                                     GBytes              *body,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (method != NULL);

  call = _qnet_socket_call_new_async (self, "send_http_message", cancellable, callback, user_data,
                                      qnet_socket_send_http_message_async);
  send_start (self, call, FALSE, method, path, 0, NULL, http_version, headers, body);
}

/**
 * qnet_socket_send_http_message_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_http_message_async].
 *
 * Returns: %TRUE when the message was written
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_http_message_finish (QnetSocket    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_http_message_async, error) != 0;
}

/**
 * qnet_socket_send_http_response:
 * @self: a connected #QnetSocket
 * @status_code: the status code, 100 to 599
 * @reason: (nullable): the reason phrase, e.g. `"OK"`
 * @http_version: (nullable): `"1.0"` or `"1.1"` (%NULL for `"1.1"`)
 * @headers: (nullable) (element-type utf8 utf8): header fields to send
 * @body: (nullable): the body
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends an HTTP response (Qore's `Socket::sendHTTPResponse()`). A
 * `Content-Length` (0 without @body) is added unless @headers frame the
 * message or the status has no body (1xx, 204, 304). Raises
 * `http-send-message` (source 1) with the status line, then `packet-sent`.
 * Invalid input is refused with %G_IO_ERROR_INVALID_ARGUMENT before
 * anything is sent.
 *
 * Returns: %TRUE when the response was written
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_http_response (QnetSocket    *self,
                                guint          status_code,
                                const char    *reason,
                                const char    *http_version,
                                GHashTable    *headers,
                                GBytes        *body,
                                GCancellable  *cancellable,
                                GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_http_response", cancellable);
  send_start (self, call, TRUE, NULL, NULL, status_code, reason, http_version, headers, body);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_http_response_async:
 * @self: a connected #QnetSocket
 * @status_code: the status code, 100 to 599
 * @reason: (nullable): the reason phrase
 * @http_version: (nullable): `"1.0"` or `"1.1"` (%NULL for `"1.1"`)
 * @headers: (nullable) (element-type utf8 utf8): header fields to send
 * @body: (nullable): the body
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response was written
 * @user_data: data for @callback
 *
 * Starts sending a response; see [method@Qnet.Socket.send_http_response].
 *
 * Since: 1.0
 */
void
qnet_socket_send_http_response_async (QnetSocket          *self,
                                      guint                status_code,
                                      const char          *reason,
                                      const char          *http_version,
                                      GHashTable          *headers,
                                      GBytes              *body,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "send_http_response", cancellable, callback, user_data,
                                      qnet_socket_send_http_response_async);
  send_start (self, call, TRUE, NULL, NULL, status_code, reason, http_version, headers, body);
}

/**
 * qnet_socket_send_http_response_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_http_response_async].
 *
 * Returns: %TRUE when the response was written
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_http_response_finish (QnetSocket    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_http_response_async, error) != 0;
}

/* ---- Reading a head --------------------------------------------------------- */

static void
read_header_done (gpointer      data,
                  QnetHttpHead *head,
                  GError       *error,
                  gboolean      nothing_read)
{
  QnetSocketCall *call = data;
  GVariant *variant;

  if (error != NULL)
    {
      g_object_set_qdata (G_OBJECT (call->self), last_head_quark (), NULL);
      _qnet_socket_call_return_error (call, helper_error (error));
      return;
    }

  variant = g_variant_ref_sink (qnet_http_head_to_variant (head));
  g_object_set_qdata_full (G_OBJECT (call->self), last_head_quark (), head,
                           (GDestroyNotify) qnet_http_head_free);
  _qnet_socket_call_return_pointer (call, variant, (GDestroyNotify) g_variant_unref);
}

static void
read_header_start (QnetSocket     *self,
                   QnetSocketCall *call,
                   gint            timeout_ms)
{
  _qnet_http_read_head (self, QNET_HTTP_HEAD_DETECT, QNET_EVENT_SOURCE_SOCKET, timeout_ms,
                        call->cancellable, read_header_done, call);
}

/**
 * qnet_socket_read_http_header:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads one HTTP message head, a request or a response (one that starts
 * with `HTTP/`), as Qore's `Socket::readHTTPHeader()`. Empty lines before
 * the start line are skipped. The result has the shape of the
 * `http-message-received` event: `http_version`, then `status_code` and
 * `status_message` for a response or `method` and `path` for a request,
 * then one key per header with its lower-cased name (repeated headers as
 * arrays). Raises `packet-read` per network read, `http-headers-read`
 * (with [property@Qnet.Emitter:capture-data]) and `http-message-received`,
 * all with source 1. Bytes after the head stay buffered for
 * [method@Qnet.Socket.read_http_body].
 *
 * A malformed head or one over the limits (64 KiB per line, 256 KiB and
 * 1000 fields in all) fails with %QNET_SOCKET_ERROR_HTTP; the peer
 * closing first with %QNET_SOCKET_ERROR_CLOSED.
 *
 * Returns: (transfer full) (nullable): the head as `a{sv}`, or %NULL on
 *   error
 *
 * Since: 1.0
 */
GVariant *
qnet_socket_read_http_header (QnetSocket    *self,
                              gint           timeout_ms,
                              GCancellable  *cancellable,
                              GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  call = _qnet_socket_call_new_sync (self, "read_http_header", cancellable);
  read_header_start (self, call, timeout_ms);
  return _qnet_socket_call_wait_pointer (call, error);
}

/**
 * qnet_socket_read_http_header_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the longest wait without data
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the head was read
 * @user_data: data for @callback
 *
 * Starts reading a head; see [method@Qnet.Socket.read_http_header].
 *
 * Since: 1.0
 */
void
qnet_socket_read_http_header_async (QnetSocket          *self,
                                    gint                 timeout_ms,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "read_http_header", cancellable, callback, user_data,
                                      qnet_socket_read_http_header_async);
  read_header_start (self, call, timeout_ms);
}

/**
 * qnet_socket_read_http_header_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.read_http_header_async].
 *
 * Returns: (transfer full) (nullable): the head as `a{sv}`, or %NULL on
 *   error
 *
 * Since: 1.0
 */
GVariant *
qnet_socket_read_http_header_finish (QnetSocket    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_socket_read_http_header_async, error);
}

/* ---- Reading a body ---------------------------------------------------------- */

typedef struct {
  GBytes   *body;      /* (owned) */
  GVariant *trailers;  /* (owned) (nullable) */
} BodyBox;

static void
body_box_free (BodyBox *box)
{
  g_clear_pointer (&box->body, g_bytes_unref);
  g_clear_pointer (&box->trailers, g_variant_unref);
  g_free (box);
}

static void
read_body_done (gpointer            data,
                QnetHttpBodyResult *result,
                GError             *error)
{
  QnetSocketCall *call = data;
  BodyBox *box;

  if (error != NULL)
    {
      _qnet_socket_call_return_error (call, helper_error (error));
      return;
    }

  box = g_new0 (BodyBox, 1);
  box->body = result->body != NULL ? g_steal_pointer (&result->body) : g_bytes_new (NULL, 0);
  if (result->trailers != NULL)
    box->trailers = g_variant_ref_sink (qnet_http_head_to_variant (result->trailers));
  _qnet_socket_call_return_pointer (call, box, (GDestroyNotify) body_box_free);
}

static void
read_body_start (QnetSocket     *self,
                 QnetSocketCall *call,
                 const char     *request_method,
                 gint            timeout_ms)
{
  g_autoptr(QnetHttpHead) head = g_object_steal_qdata (G_OBJECT (self), last_head_quark ());
  QnetHttpBodySpec spec;
  GError *error = NULL;
  gboolean ok;

  if (head == NULL)
    {
      _qnet_socket_call_return_error (call, g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_HTTP,
                                                                 _("No HTTP header was read before the body")));
      return;
    }

  memset (&spec, 0, sizeof spec);
  if (qnet_http_head_get_kind (head) == QNET_HTTP_HEAD_RESPONSE)
    ok = qnet_http_framing_for_response (&spec.framing, head, request_method, &error);
  else
    ok = qnet_http_framing_for_request (&spec.framing, head, &error);
  if (!ok)
    {
      _qnet_socket_call_return_error (call, helper_error (error));
      return;
    }

  /* Transfer codings are the message's framing and are undone; the
   * content coding is the body's and is left to the caller. */
  spec.n_codings = spec.framing.n_transfer_codings;
  for (guint i = 0; i < spec.n_codings; i++)
    spec.codings[i] = spec.framing.transfer_codings[i];
  spec.source = QNET_EVENT_SOURCE_SOCKET;
  spec.max_memory = QNET_HTTP_MAX_DECODED_SIZE;

  _qnet_http_read_body (self, &spec, timeout_ms, call->cancellable, read_body_done, call);
}

/**
 * qnet_socket_read_http_body:
 * @self: a connected #QnetSocket
 * @request_method: (nullable): for a response, the method of the request
 *   it answers (a response to `HEAD` has no body)
 * @timeout_ms: the longest wait without data: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @trailers: (out) (optional) (nullable) (transfer full): the trailer
 *   fields of a chunked body (`a{sv}`), or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the body of the message whose head
 * [method@Qnet.Socket.read_http_header] just returned, framed as RFC 9112
 * §6.3 says: none, `Content-Length` bytes, chunked (decoded, extensions
 * ignored, trailers returned), or — for a response — until the peer
 * closes. Transfer codings other than chunked (gzip, deflate) are undone;
 * a `Content-Encoding` is left as is. Raises `packet-read` (source 1) per
 * network read.
 *
 * Fails with %QNET_SOCKET_ERROR_HTTP for a malformed or truncated body.
 *
 * Returns: (transfer full) (nullable): the body (empty when the message
 *   has none), or %NULL on error
 *
 * Since: 1.0
 */
GBytes *
qnet_socket_read_http_body (QnetSocket    *self,
                            const char    *request_method,
                            gint           timeout_ms,
                            GVariant     **trailers,
                            GCancellable  *cancellable,
                            GError       **error)
{
  QnetSocketCall *call;
  BodyBox *box;
  GBytes *body;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (trailers != NULL)
    *trailers = NULL;

  call = _qnet_socket_call_new_sync (self, "read_http_body", cancellable);
  read_body_start (self, call, request_method, timeout_ms);
  box = _qnet_socket_call_wait_pointer (call, error);
  if (box == NULL)
    return NULL;

  body = g_steal_pointer (&box->body);
  if (trailers != NULL)
    *trailers = g_steal_pointer (&box->trailers);
  body_box_free (box);
  return body;
}

/**
 * qnet_socket_read_http_body_async:
 * @self: a connected #QnetSocket
 * @request_method: (nullable): for a response, the method of its request
 * @timeout_ms: the longest wait without data
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body was read
 * @user_data: data for @callback
 *
 * Starts reading a body; see [method@Qnet.Socket.read_http_body].
 *
 * Since: 1.0
 */
void
qnet_socket_read_http_body_async (QnetSocket          *self,
                                  const char          *request_method,
                                  gint                 timeout_ms,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "read_http_body", cancellable, callback, user_data,
                                      qnet_socket_read_http_body_async);
  read_body_start (self, call, request_method, timeout_ms);
}

/**
 * qnet_socket_read_http_body_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @trailers: (out) (optional) (nullable) (transfer full): the trailer
 *   fields, or %NULL
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.read_http_body_async].
 *
 * Returns: (transfer full) (nullable): the body, or %NULL on error
 *
 * Since: 1.0
 */
GBytes *
qnet_socket_read_http_body_finish (QnetSocket    *self,
                                   GAsyncResult  *result,
                                   GVariant     **trailers,
                                   GError       **error)
{
  BodyBox *box;
  GBytes *body;

  if (trailers != NULL)
    *trailers = NULL;

  box = _qnet_socket_call_finish_pointer (self, result, qnet_socket_read_http_body_async, error);
  if (box == NULL)
    return NULL;

  body = g_steal_pointer (&box->body);
  if (trailers != NULL)
    *trailers = g_steal_pointer (&box->trailers);
  body_box_free (box);
  return body;
}
