/* qnet-http-client-request.c: QnetHttpClient's request machine
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One request, from the caller's arguments to the final response:
 *
 *   validate ─► connection (reuse, or connect [► CONNECT tunnel] [► TLS])
 *     ─► send head [and body, or chunks from a stream]
 *     ─► read head ─► 1xx: read the next head (capped)
 *     ─► 3xx with Location: http-redirect, discard the body, next target
 *     ─► final: read the body ─► http-response-complete
 *
 * Each step is a function that starts an asynchronous operation of the
 * HTTP message I/O (qnet-http-client-io.c) or of the socket's connect, whose
 * completion calls the next step. Caller mistakes are found before
 * anything is sent. Every failure goes through _qnet_http_request_fail(), which
 * closes the connection (its state is unknown) and returns the error on
 * the call, which raises `operation-failed` once.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-http-client-request-private.h"

static void request_read_head  (QnetHttpRequestOp *op);

static void
request_op_free (QnetHttpRequestOp *op)
{
  g_free (op->method);
  g_clear_pointer (&op->url, qnet_url_free);
  _qnet_http_header_list_clear (&op->user_headers);
  _qnet_http_header_list_clear (&op->trailers);
  g_clear_pointer (&op->body, g_bytes_unref);
  g_clear_object (&op->body_stream);
  g_clear_object (&op->out);
  g_free (op->conn_key);
  g_free (op->safe_url);
  g_free (op->host_header);
  g_free (op->origin_target);
  if (op->head_borrowed)
    op->head = NULL;
  g_clear_pointer (&op->head, qnet_http_head_free);
  g_clear_object (&op->response);
  g_clear_object (&op->self);
  g_free (op);
}

/* Takes @head (nullable). */
void
_qnet_http_request_set_head (QnetHttpRequestOp *op,
                             QnetHttpHead      *head)
{
  if (op->head_borrowed)
    op->head = NULL;
  op->head_borrowed = FALSE;
  g_clear_pointer (&op->head, qnet_http_head_free);
  op->head = head;
}

/* Closes the connection, which can no longer carry a request. */
void
_qnet_http_request_drop_connection (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);

  priv->conn_reusable = FALSE;
  g_clear_pointer (&priv->conn_key, g_free);
  _qnet_socket_close_internal (op_socket (op));
}

void
_qnet_http_request_fail (QnetHttpRequestOp *op,
                         GError            *error)
{
  QnetSocketCall *call = g_steal_pointer (&op->call);

  if (op->touched)
    _qnet_http_request_drop_connection (op);
  op_priv (op)->busy = FALSE;
  request_op_free (op);
  _qnet_socket_call_return_error (call, error);
}

void
_qnet_http_request_succeed (QnetHttpRequestOp *op)
{
  QnetSocketCall *call = g_steal_pointer (&op->call);

  op_priv (op)->busy = FALSE;
  if (op->kind == QNET_HTTP_REQUEST_CONNECT)
    {
      request_op_free (op);
      _qnet_socket_call_return_int (call, TRUE);
      return;
    }
  {
    QnetHttpResponse *response = g_steal_pointer (&op->response);

    request_op_free (op);
    _qnet_socket_call_return_pointer (call, response, g_object_unref);
  }
}

/* ---- Targets ------------------------------------------------------------------- */

gboolean
_qnet_http_scheme_is_secure (const char *scheme)
{
  return g_strcmp0 (scheme, "https") == 0 || g_strcmp0 (scheme, "https+unix") == 0;
}

static gboolean
scheme_is_supported (const char *scheme)
{
  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0 ||
         g_strcmp0 (scheme, "http+unix") == 0 || g_strcmp0 (scheme, "https+unix") == 0;
}

/* Percent-encodes what a caller's path may hold but a request target may
 * not (blanks, controls other than CR/LF/NUL, bytes over 0x7e and the
 * characters RFC 3986 never allows), keeping existing escapes. CR, LF and
 * NUL (a NUL cannot be in a C string; an embedded one cut it) are refused. */
static char *
encode_path (const char  *path,
             GError     **error)
{
  static const char hex[] = "0123456789ABCDEF";
  GString *out = g_string_sized_new (strlen (path) + 8);

  for (const guint8 *p = (const guint8 *) path; *p != '\0'; p++)
    {
      if (*p == '\r' || *p == '\n')
        {
          g_autofree char *shown = g_strescape (path, NULL);

          g_string_free (out, TRUE);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Invalid character in the request path “%s”"), shown);
          return NULL;
        }
      if (*p <= 0x20 || *p >= 0x7f || strchr ("\"<>\\^`{|}", *p) != NULL)
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
      else
        g_string_append_c (out, (char) *p);
    }
  return g_string_free (out, FALSE);
}

/* The URL a request goes to: @path against the client's URL. */
/* *@cached: the result is (now) the client's cached resolution of @path. */
static QnetUrl *
resolve_target (QnetHttpClient  *self,
                const char      *path,
                gboolean        *cached,
                GError         **error)
{
  QnetHttpClientPrivate *priv = _qnet_http_client_get_private (self);
  g_autofree char *encoded = NULL;
  QnetUrl *url;

  *cached = FALSE;
  if (path != NULL && priv->cache_path != NULL && strcmp (path, priv->cache_path) == 0)
    {
      *cached = TRUE;
      return qnet_url_copy (priv->cache_url);
    }

  if (path != NULL)
    {
      encoded = encode_path (path, error);
      if (encoded == NULL)
        return NULL;
    }

  if (priv->url == NULL && priv->url_string != NULL)
    {
      /* Report the invalid URL the caller set. */
      QnetUrl *bad = qnet_url_parse (priv->url_string, error);

      g_assert (bad == NULL);
      return NULL;
    }

  if (priv->url == NULL)
    {
      if (encoded != NULL && (g_str_has_prefix (encoded, "http://") || g_str_has_prefix (encoded, "https://") ||
                              g_str_has_prefix (encoded, "http+unix://") ||
                              g_str_has_prefix (encoded, "https+unix://")))
        url = qnet_url_parse (encoded, error);
      else
        {
          g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL,
                               _("No URL to send the request to"));
          return NULL;
        }
    }
  else if (encoded == NULL || encoded[0] == '\0' || strcmp (encoded, "*") == 0)
    url = qnet_url_copy (priv->url);
  else
    url = qnet_url_resolve (priv->url, encoded, error);

  if (url == NULL)
    return NULL;

  if (!scheme_is_supported (url->scheme))
    {
      g_set_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_UNSUPPORTED_SCHEME,
                   _("Unsupported URL scheme “%s”"), url->scheme);
      qnet_url_free (url);
      return NULL;
    }

  if (url->path == NULL || url->path[0] == '\0')
    {
      g_autofree char *with_path = g_strdup (priv->default_path);

      g_free (url->path);
      url->path = g_steal_pointer (&with_path);
    }

  if (path != NULL)
    {
      _qnet_http_client_clear_cache (self);
      priv->cache_path = g_strdup (path);
      priv->cache_url = qnet_url_copy (url);
      *cached = TRUE;
    }
  return url;
}

/* What the connection for @op->url must reach. */
static char *
connection_key (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  const QnetUrl *url = op->url;
  gboolean secure = _qnet_http_scheme_is_secure (url->scheme);

  if (qnet_url_is_unix (url))
    return g_strdup_printf ("%s:%s", secure ? "unixs" : "unix", url->unix_path);
  if (priv->proxy_url != NULL)
    return g_strdup_printf ("%s:%s:%d/%s:%d", secure ? "tunnel" : "proxy",
                            priv->proxy_url->host, priv->proxy_url->port, url->host, url->port);
  return g_strdup_printf ("%s://%s:%d", secure ? "https" : "http", url->host, url->port);
}

static gboolean
via_http_proxy (QnetHttpRequestOp *op)
{
  return op_priv (op)->proxy_url != NULL && !qnet_url_is_unix (op->url) &&
         !_qnet_http_scheme_is_secure (op->url->scheme);
}

static char *
safe_url (const QnetUrl *url)
{
  return qnet_url_to_string (url, QNET_URL_OMIT_PASSWORD | QNET_URL_OMIT_FRAGMENT);
}

/* The strings every request to @op->url needs, made once per URL (and
 * kept with the client's cached resolution of the path). */
void
_qnet_http_request_describe_target (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  gboolean use_cache = op->url_cached && priv->cache_url != NULL;

  g_free (op->safe_url);
  g_free (op->host_header);
  g_free (op->origin_target);
  g_free (op->conn_key);

  if (use_cache && priv->cache_safe_url != NULL)
    {
      op->safe_url = g_strdup (priv->cache_safe_url);
      op->host_header = g_strdup (priv->cache_host);
      op->origin_target = g_strdup (priv->cache_target);
      op->conn_key = g_strdup (priv->cache_conn_key);
      return;
    }

  op->safe_url = safe_url (op->url);
  op->host_header = qnet_url_get_host_header (op->url);
  op->origin_target = qnet_url_get_request_target (op->url);
  op->conn_key = connection_key (op);
  if (use_cache)
    {
      priv->cache_safe_url = g_strdup (op->safe_url);
      priv->cache_host = g_strdup (op->host_header);
      priv->cache_target = g_strdup (op->origin_target);
      priv->cache_conn_key = g_strdup (op->conn_key);
    }
}

/* ---- Building the request -------------------------------------------------------- */

static char *
basic_credentials (const char *user,
                   const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, password != NULL ? password : "");
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strdup_printf ("Basic %s", encoded);
}

char *
_qnet_http_request_proxy_credentials (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);

  if (priv->proxy_username != NULL)
    return basic_credentials (priv->proxy_username, priv->proxy_password);
  if (priv->proxy_url != NULL && priv->proxy_url->user != NULL)
    return basic_credentials (priv->proxy_url->user, priv->proxy_url->password);
  return NULL;
}

static gboolean
method_expects_body (const char *method)
{
  return strcmp (method, "POST") == 0 || strcmp (method, "PUT") == 0 || strcmp (method, "PATCH") == 0;
}

/* The head of the request for @op->url, in @headers' order. */
static void
build_headers (QnetHttpRequestOp  *op,
               QnetHttpHeaderList *list)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  const char *host = op->host_header;
  gboolean http10 = g_strcmp0 (priv->http_version, "1.0") == 0;

  _qnet_http_header_list_set (list, "Host", host, FALSE);
  if (priv->user_agent != NULL)
    _qnet_http_header_list_set (list, "User-Agent", priv->user_agent, FALSE);
  _qnet_http_header_list_set (list, "Accept", "*/*", FALSE);
  if (priv->decode_content)
    _qnet_http_header_list_set (list, "Accept-Encoding", "gzip, deflate", FALSE);
  if (!priv->persistent)
    _qnet_http_header_list_set (list, "Connection", "close", FALSE);
  else if (http10)
    _qnet_http_header_list_set (list, "Connection", "keep-alive", FALSE);

  /* Defaults the application set replace (or, without value, remove). */
  for (guint i = 0; i < priv->default_headers.names->len; i++)
    {
      const char *name = g_ptr_array_index (priv->default_headers.names, i);
      const char *value = g_ptr_array_index (priv->default_headers.values, i);

      if (value == NULL)
        _qnet_http_header_list_remove (list, name);
      else
        _qnet_http_header_list_set (list, name, value, TRUE);
    }

  if (!op->cross_origin)
    {
      g_autofree char *auth = NULL;

      if (priv->username != NULL)
        auth = basic_credentials (priv->username, priv->password);
      else if (op->url->user != NULL)
        auth = basic_credentials (op->url->user, op->url->password);
      if (auth != NULL)
        _qnet_http_header_list_set (list, "Authorization", auth, TRUE);
    }

  if (via_http_proxy (op))
    {
      g_autofree char *auth = _qnet_http_request_proxy_credentials (op);

      if (auth != NULL)
        _qnet_http_header_list_set (list, "Proxy-Authorization", auth, TRUE);
    }

  /* The caller's headers replace everything above. */
  for (guint i = 0; i < op->user_headers.names->len; i++)
    _qnet_http_header_list_set (list, g_ptr_array_index (op->user_headers.names, i),
                                g_ptr_array_index (op->user_headers.values, i), TRUE);

  /* Framing is ours. */
  if (op->body_stream != NULL)
    {
      _qnet_http_header_list_remove (list, "Content-Length");
      _qnet_http_header_list_set (list, "Transfer-Encoding", "chunked", TRUE);
      if (op->trailers.names->len > 0)
        {
          g_autofree char *names = NULL;
          GString *joined = g_string_new (NULL);

          for (guint i = 0; i < op->trailers.names->len; i++)
            {
              if (i > 0)
                g_string_append (joined, ", ");
              g_string_append (joined, g_ptr_array_index (op->trailers.names, i));
            }
          names = g_string_free (joined, FALSE);
          _qnet_http_header_list_set (list, "Trailer", names, TRUE);
        }
    }
  else
    {
      _qnet_http_header_list_remove (list, "Transfer-Encoding");
      if (op->body != NULL || method_expects_body (op->method))
        {
          g_autofree char *length = g_strdup_printf ("%" G_GSIZE_FORMAT,
                                                     op->body != NULL ? g_bytes_get_size (op->body) : 0);

          _qnet_http_header_list_set (list, "Content-Length", length, TRUE);
        }
      else
        _qnet_http_header_list_remove (list, "Content-Length");
    }

  op->request_close = FALSE;
  {
    const char *connection = _qnet_http_header_list_get (list, "Connection");

    if (connection != NULL && g_ascii_strcasecmp (connection, "close") == 0)
      op->request_close = TRUE;
    if (http10 && (connection == NULL || g_ascii_strcasecmp (connection, "keep-alive") != 0))
      op->request_close = TRUE;
  }
}

/* ---- Sending ------------------------------------------------------------------------ */

static void upload_next (QnetHttpRequestOp *op);

static void
request_sent (gpointer  data,
              GError   *error)
{
  QnetHttpRequestOp *op = data;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) && _qnet_http_request_retry (op))
        {
          g_error_free (error);
          return;
        }
      _qnet_http_request_fail (op, error);
      return;
    }

  if (op->body_stream != NULL)
    {
      upload_next (op);
      return;
    }
  request_read_head (op);
}

void
_qnet_http_request_send (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  QnetHttpHeaderList list;
  g_autofree QnetHttpHeaderPair *pairs = NULL;
  g_autofree char *target = NULL;
  g_autofree char *first_line = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GBytes) head_bytes = NULL;
  GError *error = NULL;

  op->interim = 0;
  op->upload_total = 0;

  _qnet_http_header_list_init (&list);
  build_headers (op, &list);
  pairs = _qnet_http_header_list_pairs (&list);

  if (strcmp (op->method, "OPTIONS") == 0 && g_strcmp0 (op->url->path, "*") == 0)
    target = g_strdup ("*");
  else if (via_http_proxy (op))
    target = qnet_url_to_string (op->url, QNET_URL_OMIT_USERINFO | QNET_URL_OMIT_FRAGMENT);
  else
    target = g_strdup (op->origin_target);

  if (!qnet_http_write_request_head (head, op->method, target, priv->http_version,
                                     pairs, list.names->len, &error))
    {
      _qnet_http_header_list_clear (&list);
      _qnet_http_request_fail (op, error);
      return;
    }
  first_line = qnet_http_format_request_line (op->method, target, priv->http_version, NULL);
  head_bytes = g_string_free_to_bytes (g_steal_pointer (&head));

  _qnet_http_send_message (op_socket (op), QNET_EVENT_SOURCE_HTTP_CLIENT, first_line, &list, head_bytes,
                           op->body_stream == NULL ? op->body : NULL, -1, op_cancellable (op),
                           request_sent, op);
  _qnet_http_header_list_clear (&list);
}

/* ---- Chunked upload ------------------------------------------------------------------ */

static void
upload_last_sent (gpointer  data,
                  GError   *error)
{
  QnetHttpRequestOp *op = data;

  if (error != NULL)
    {
      _qnet_http_request_fail (op, error);
      return;
    }
  if (op->trailers.names->len > 0 &&
      _qnet_emitter_is_observed (op_emitter (op), QNET_EVENT_HTTP_FOOTERS_SENT))
    {
      g_autoptr(GVariant) variant = g_variant_ref_sink (_qnet_http_header_list_to_variant (&op->trailers));

      _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT,
                               QNET_EVENT_HTTP_FOOTERS_SENT, variant);
    }
  request_read_head (op);
}

typedef struct {
  QnetHttpRequestOp *op;
  GBytes    *data;  /* (owned) the chunk's payload */
} ChunkWrite;

static void
upload_chunk_sent (gpointer  data,
                   GError   *error)
{
  ChunkWrite *write = data;
  QnetHttpRequestOp *op = write->op;
  g_autoptr(GBytes) payload = write->data;

  g_free (write);
  if (error != NULL)
    {
      _qnet_http_request_fail (op, error);
      return;
    }
  op->upload_total += g_bytes_get_size (payload);
  _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT,
                           QNET_EVENT_HTTP_CHUNKED_DATA_SENT, payload);
  upload_next (op);
}

static void
upload_read_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  QnetHttpRequestOp *op = data;
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) wire = NULL;

  if (bytes == NULL)
    {
      _qnet_http_request_fail (op, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_autofree QnetHttpHeaderPair *pairs = _qnet_http_header_list_pairs (&op->trailers);

      if (!qnet_http_write_last_chunk (out, pairs, op->trailers.names->len, &error))
        {
          _qnet_http_request_fail (op, error);
          return;
        }
      wire = g_string_free_to_bytes (g_steal_pointer (&out));
      _qnet_socket_io_write (op_socket (op), wire, -1, op_cancellable (op), upload_last_sent, op);
      return;
    }

  {
    gsize len;
    const guint8 *p = g_bytes_get_data (bytes, &len);
    ChunkWrite *write = g_new0 (ChunkWrite, 1);

    qnet_http_write_chunk (out, p, len);
    wire = g_string_free_to_bytes (g_steal_pointer (&out));
    write->op = op;
    write->data = g_steal_pointer (&bytes);
    _qnet_socket_io_write (op_socket (op), wire, -1, op_cancellable (op), upload_chunk_sent, write);
  }
}

static void
upload_next (QnetHttpRequestOp *op)
{
  g_input_stream_read_bytes_async (op->body_stream, op->chunk_size, G_PRIORITY_DEFAULT,
                                   op_cancellable (op), upload_read_done, op);
}

/* ---- Receiving ------------------------------------------------------------------------ */

static void request_head_done (gpointer      data,
                               QnetHttpHead *head,
                               GError       *error,
                               gboolean      nothing_read);

static void
request_read_head (QnetHttpRequestOp *op)
{
  _qnet_http_read_head (op_socket (op), QNET_HTTP_HEAD_RESPONSE, QNET_EVENT_SOURCE_HTTP_CLIENT, -1,
                        op_cancellable (op), request_head_done, op);
}

/* After a response was read whole: keep the connection for the next
 * request, or close it. */
void
_qnet_http_request_settle_connection (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  QnetSocket *sock = op_socket (op);

  if (op->framing.keep_alive && priv->persistent && !op->request_close && qnet_socket_is_open (sock))
    priv->conn_reusable = TRUE;
  else
    _qnet_http_request_drop_connection (op);
}

void
_qnet_http_request_complete_event (QnetHttpRequestOp  *op,
                                   QnetHttpBodyResult *result)
{
  _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT,
                           QNET_EVENT_HTTP_RESPONSE_COMPLETE,
                           (gint64) qnet_http_head_get_status_code (op->head),
                           (gint64) result->body_size, (gint64) result->wire_size);
}

/* Raises the events that open a body, as Qore does. */
void
_qnet_http_request_body_start_events (QnetHttpRequestOp *op)
{
  if (op->framing.body == QNET_HTTP_BODY_CONTENT_LENGTH)
    _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT, QNET_EVENT_HTTP_CONTENT_LENGTH,
                             op->framing.content_length);
  else if (op->framing.body == QNET_HTTP_BODY_CHUNKED)
    _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT, QNET_EVENT_HTTP_CHUNKED_START);
}

void
_qnet_http_request_body_end_events (QnetHttpRequestOp *op)
{
  if (op->framing.body == QNET_HTTP_BODY_CHUNKED)
    _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT, QNET_EVENT_HTTP_CHUNKED_END);
}

static void
final_body_done (gpointer            data,
                 QnetHttpBodyResult *result,
                 GError             *error)
{
  QnetHttpRequestOp *op = data;
  QnetHttpClientPrivate *priv = op_priv (op);
  guint status = qnet_http_head_get_status_code (op->head);

  _qnet_http_request_body_end_events (op);
  if (error != NULL)
    {
      _qnet_http_request_fail (op, error);
      return;
    }

  _qnet_http_response_set_body (op->response, result->body, (gint64) result->body_size,
                                (gint64) result->wire_size);
  _qnet_http_response_set_trailers (op->response, result->trailers);
  _qnet_http_request_complete_event (op, result);
  _qnet_http_request_settle_connection (op);
  _qnet_http_client_set_last_response (op->self, op->response);

  if (status >= 400 && !priv->error_passthru)
    {
      const char *reason = qnet_http_head_get_reason (op->head);
      GError *status_error = g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_STATUS,
                                          _("The server answered %u%s%s for %s"), status,
                                          reason != NULL ? " " : "", reason != NULL ? reason : "",
                                          qnet_http_response_get_url (op->response));

      /* The response was read whole: the connection is settled. */
      op->touched = FALSE;
      _qnet_http_request_fail (op, status_error);
      return;
    }
  _qnet_http_request_succeed (op);
}

static gboolean
request_codings (QnetHttpRequestOp  *op,
                 QnetHttpBodySpec   *spec,
                 GError            **error)
{
  if (op_priv (op)->decode_content)
    return qnet_http_get_codings (op->head, &op->framing, spec->codings, &spec->n_codings, error);

  spec->n_codings = op->framing.n_transfer_codings;
  for (guint i = 0; i < spec->n_codings; i++)
    spec->codings[i] = op->framing.transfer_codings[i];
  return TRUE;
}

static void
request_read_final_body (QnetHttpRequestOp *op)
{
  QnetHttpBodySpec spec;
  GError *error = NULL;
  const char *url = op->safe_url;

  /* The response takes the head; op->head stays a borrowed view of it. */
  g_clear_object (&op->response);
  op->response = _qnet_http_response_new (g_steal_pointer (&op->head), url, op->redirects);
  op->head = (QnetHttpHead *) _qnet_http_response_get_head (op->response);
  op->head_borrowed = TRUE;

  memset (&spec, 0, sizeof spec);
  spec.framing = op->framing;
  if (!request_codings (op, &spec, &error))
    {
      _qnet_http_request_fail (op, error);
      return;
    }
  spec.source = QNET_EVENT_SOURCE_HTTP_CLIENT;
  spec.client_events = TRUE;
  spec.out = op->out;
  spec.max_memory = QNET_HTTP_MAX_DECODED_SIZE;
  spec.blocking = op->call->sync_context != NULL;

  _qnet_http_request_body_start_events (op);
  _qnet_http_read_body (op_socket (op), &spec, -1, op_cancellable (op), final_body_done, op);
}

/* ---- The response head ------------------------------------------------------------ */

static void
request_head_done (gpointer      data,
                   QnetHttpHead *head,
                   GError       *error,
                   gboolean      nothing_read)
{
  QnetHttpRequestOp *op = data;
  QnetHttpClientPrivate *priv = op_priv (op);
  guint status;

  if (error != NULL)
    {
      if (nothing_read && op->interim == 0 &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) && _qnet_http_request_retry (op))
        {
          g_error_free (error);
          return;
        }
      _qnet_http_request_fail (op, error);
      return;
    }

  status = qnet_http_head_get_status_code (head);
  _qnet_http_request_set_head (op, head);

  if (status >= 100 && status < 200)
    {
      if (status == 101)
        {
          _qnet_http_request_fail (op, g_error_new_literal (QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE,
                                                 _("The server switched protocols without being asked")));
          return;
        }
      if (++op->interim > QNET_HTTP_MAX_INTERIM_RESPONSES)
        {
          _qnet_http_request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_TOO_MANY_INTERIM,
                                         _("More than %d interim responses"),
                                         QNET_HTTP_MAX_INTERIM_RESPONSES));
          return;
        }
      request_read_head (op);
      return;
    }

  if (!qnet_http_framing_for_response (&op->framing, head, op->method, &error))
    {
      _qnet_http_request_fail (op, error);
      return;
    }

  if (status >= 300 && status < 400 && status != 304 && !priv->redirect_passthru)
    {
      _qnet_http_request_redirect (op);
      return;
    }

  request_read_final_body (op);
}

/* ---- Start -------------------------------------------------------------------------- */

static gboolean
copy_trailers (QnetHttpRequestOp  *op,
               GVariant           *trailers,
               GError            **error)
{
  GVariantIter iter;
  const char *name;
  GVariant *value;

  if (trailers == NULL)
    return TRUE;
  if (!g_variant_is_of_type (trailers, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The trailers must be an a{sv} dictionary"));
      return FALSE;
    }

  g_variant_iter_init (&iter, trailers);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) owned = value;
      const char *text;

      if (!g_variant_is_of_type (owned, G_VARIANT_TYPE_STRING))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The trailer “%s” is not a string"), name);
          return FALSE;
        }
      text = g_variant_get_string (owned, NULL);
      if (!qnet_http_check_header_name (name, error) || !qnet_http_check_header_value (text, error))
        return FALSE;
      _qnet_http_header_list_set (&op->trailers, name, text, FALSE);
    }
  return TRUE;
}

void
_qnet_http_client_request_start (QnetHttpClient            *self,
                                 QnetSocketCall            *call,
                                 const QnetHttpRequestArgs *args)
{
  QnetHttpClientPrivate *priv = _qnet_http_client_get_private (self);
  QnetHttpRequestOp *op;
  GError *error = NULL;

  if (priv->busy)
    {
      _qnet_socket_call_return_error (call, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PENDING,
                                                                 _("Another request is in progress")));
      return;
    }

  op = g_new0 (QnetHttpRequestOp, 1);
  op->self = g_object_ref (self);
  op->call = call;
  op->kind = args->kind;
  op->method = g_strdup (args->method);
  op->chunk_size = args->chunk_size;
  _qnet_http_header_list_init (&op->user_headers);
  _qnet_http_header_list_init (&op->trailers);
  priv->busy = TRUE;

  /* Everything the caller gave is checked before anything is sent. */
  if (!qnet_http_check_method (args->method, &error) ||
      !_qnet_http_header_list_add_table (&op->user_headers, args->headers, TRUE, &error) ||
      !copy_trailers (op, args->trailers, &error))
    {
      _qnet_http_request_fail (op, error);
      return;
    }
  if (args->body_stream != NULL && args->chunk_size == 0)
    {
      _qnet_http_request_fail (op, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                             _("The chunk size must be at least 1")));
      return;
    }

  op->url = resolve_target (self, args->path, &op->url_cached, &error);
  if (op->url == NULL)
    {
      _qnet_http_request_fail (op, error);
      return;
    }
  if (args->path != NULL && strcmp (args->path, "*") == 0)
    {
      g_free (op->url->path);
      op->url->path = g_strdup ("*");
      g_clear_pointer (&op->url->query, g_free);
      op->url_cached = FALSE;
    }

  _qnet_http_request_describe_target (op);
  op->body = args->body != NULL ? g_bytes_ref (args->body) : NULL;
  op->body_stream = args->body_stream != NULL ? g_object_ref (args->body_stream) : NULL;
  op->out = args->out != NULL ? g_object_ref (args->out) : NULL;

  _qnet_http_request_connection (op);
}
