/* qnet-http-client.c: Qore's HTTPClient on GLib, every HTTP event a signal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * This file holds the object, its properties, signals and public methods;
 * the request machine is qnet-http-client-request.c and the HTTP message
 * I/O qnet-http-client-io.c.
 */

#include "config.h"

#include "qnet-http-client-private.h"

/**
 * QnetHttpClient:
 *
 * An HTTP/1.1 client over one persistent connection, Qore's `HTTPClient`:
 * every step of a request is an event, raised as a typed signal, through
 * the generic [signal@Qnet.Emitter::event] signal and into the attached
 * event queue, all with the client's one id (it *is* the
 * [class@Qnet.Socket] it talks through).
 *
 * ```c
 * g_autoptr(QnetHttpClient) client = qnet_http_client_new ("http://localhost:8080/");
 * g_autoptr(QnetHttpResponse) response = NULL;
 * g_autoptr(GError) error = NULL;
 *
 * g_signal_connect (client, "http-message-received", G_CALLBACK (on_head), NULL);
 * g_signal_connect (client, "packet-read", G_CALLBACK (on_progress), NULL);
 *
 * response = qnet_http_client_get (client, "/index.html", NULL, NULL, &error);
 * if (response != NULL)
 *   g_print ("%u: %zu bytes\n", qnet_http_response_get_status_code (response),
 *            g_bytes_get_size (qnet_http_response_get_body (response)));
 * ```
 *
 * ## Events of a request
 *
 * A `GET` with a chunked response on a fresh connection raises, in order:
 * `hostname-lookup` and `hostname-resolved` (host names only),
 * `connecting`, `connected` (and `start-ssl`, `ssl-established` for
 * `https`), `http-send-message` (source 2), `packet-sent`, `packet-read`
 * for each network read of the head (source 1), `http-message-received`
 * (source 2), `http-chunked-start`, then per chunk `http-chunk-size`,
 * `http-chunked-data-read` (with [property@Qnet.Emitter:capture-data]) and
 * `http-chunked-data-received`, the final `http-chunk-size` (size 0),
 * `http-footers-received` when trailers came, `http-chunked-end`, and
 * `http-response-complete`; `packet-read` with source 2 reports each
 * network read of the body. A `Content-Length` body raises
 * `http-content-length` before it is read. A redirect raises
 * `http-message-received`, `http-redirect`, the events of its discarded
 * body, and the events of the next request. `http-chunked-end` is raised
 * also when reading a chunked body failed. A failing request raises
 * `operation-failed` once, with the method name (`"get"`).
 *
 * ## Connections
 *
 * The connection is kept open after a response that allows it
 * ([property@Qnet.HttpClient:persistent], `Connection: close`, the body's
 * framing) and reused by the next request to the same server; a
 * connection the server closed in the meantime is replaced, and a request
 * that finds its reused connection closed before any byte of a response
 * arrived is sent again once on a fresh one (unless its body was a
 * stream). A timeout, a cancellation or any error closes the connection.
 * One request runs at a time.
 *
 * `http+unix://<percent-encoded socket path>/path` URLs reach a server on
 * a UNIX socket. With [property@Qnet.HttpClient:proxy-url], `http`
 * requests go to the proxy in absolute form and `https` ones through a
 * `CONNECT` tunnel, with `Proxy-Authorization` from the proxy URL or the
 * proxy credentials.
 *
 * ## Redirects
 *
 * A 3xx response other than 304 with a `Location` is followed (unless
 * [property@Qnet.HttpClient:redirect-passthru]): relative locations are
 * resolved, 301, 302 and 303 turn a `POST` (303: anything but `HEAD`) into
 * a `GET` without body, 307 and 308 repeat the method and body. Only
 * `http` and `https` targets are followed; `Authorization` and `Cookie`
 * headers and the credentials of the URL and properties are not sent to
 * another origin. More than [property@Qnet.HttpClient:max-redirects]
 * redirects fail with %QNET_HTTP_ERROR_MAX_REDIRECTS, a redirect without a
 * usable `Location` with %QNET_HTTP_ERROR_REDIRECT.
 *
 * ## Hostile servers
 *
 * Every length a server controls is capped (64 KiB per header line,
 * 256 KiB and 1000 fields per head, 16 hex digits per chunk size, 4 KiB of
 * chunk extensions, 20 interim responses, 2 stacked codings, a decoded
 * size and expansion ratio); a malformed response is a #GError in the
 * %QNET_HTTP_ERROR domain, never a crash.
 *
 * Since: 1.0
 */

typedef struct
{
  QnetHttpClientPrivate priv;
} QnetHttpClientInstancePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (QnetHttpClient, qnet_http_client, QNET_TYPE_SOCKET)

static GParamSpec *properties[QNET_HTTP_CLIENT_N_PROPS];

void
_qnet_http_client_notify (QnetHttpClient     *self,
                          QnetHttpClientProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

QnetHttpClientPrivate *
_qnet_http_client_get_private (QnetHttpClient *self)
{
  QnetHttpClientInstancePrivate *ipriv = qnet_http_client_get_instance_private (self);

  return &ipriv->priv;
}

static inline QnetHttpClientPrivate *
get_priv (QnetHttpClient *self)
{
  return _qnet_http_client_get_private (self);
}

void
_qnet_http_client_set_last_response (QnetHttpClient   *self,
                                     QnetHttpResponse *response)
{
  QnetHttpClientPrivate *priv = get_priv (self);

  if (g_set_object (&priv->last_response, response))
    g_object_notify_by_pspec (G_OBJECT (self), properties[QNET_HTTP_CLIENT_PROP_LAST_RESPONSE]);
}

void
_qnet_http_client_clear_cache (QnetHttpClient *self)
{
  QnetHttpClientPrivate *priv = get_priv (self);

  g_clear_pointer (&priv->cache_path, g_free);
  g_clear_pointer (&priv->cache_url, qnet_url_free);
  g_clear_pointer (&priv->cache_safe_url, g_free);
  g_clear_pointer (&priv->cache_host, g_free);
  g_clear_pointer (&priv->cache_target, g_free);
  g_clear_pointer (&priv->cache_conn_key, g_free);
}

static void
qnet_http_client_finalize (GObject *object)
{
  QnetHttpClientPrivate *priv = get_priv (QNET_HTTP_CLIENT (object));

  g_clear_pointer (&priv->url, qnet_url_free);
  g_free (priv->url_string);
  g_clear_pointer (&priv->proxy_url, qnet_url_free);
  g_free (priv->proxy_url_string);
  g_free (priv->http_version);
  g_free (priv->default_path);
  g_free (priv->username);
  g_free (priv->password);
  g_free (priv->proxy_username);
  g_free (priv->proxy_password);
  g_free (priv->user_agent);
  g_free (priv->conn_key);
  _qnet_http_client_clear_cache (QNET_HTTP_CLIENT (object));
  _qnet_http_header_list_clear (&priv->default_headers);

  G_OBJECT_CLASS (qnet_http_client_parent_class)->finalize (object);
}

static void
qnet_http_client_dispose (GObject *object)
{
  QnetHttpClientPrivate *priv = get_priv (QNET_HTTP_CLIENT (object));

  g_clear_object (&priv->last_response);

  G_OBJECT_CLASS (qnet_http_client_parent_class)->dispose (object);
}

static void
qnet_http_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QnetHttpClient *self = QNET_HTTP_CLIENT (object);
  QnetHttpClientPrivate *priv = get_priv (self);

  switch (prop_id)
    {
    case QNET_HTTP_CLIENT_PROP_URL:
      g_value_set_string (value, priv->url_string);
      break;
    case QNET_HTTP_CLIENT_PROP_PROXY_URL:
      g_value_set_string (value, priv->proxy_url_string);
      break;
    case QNET_HTTP_CLIENT_PROP_HTTP_VERSION:
      g_value_set_string (value, priv->http_version);
      break;
    case QNET_HTTP_CLIENT_PROP_MAX_REDIRECTS:
      g_value_set_uint (value, priv->max_redirects);
      break;
    case QNET_HTTP_CLIENT_PROP_DEFAULT_PATH:
      g_value_set_string (value, priv->default_path);
      break;
    case QNET_HTTP_CLIENT_PROP_USERNAME:
      g_value_set_string (value, priv->username);
      break;
    case QNET_HTTP_CLIENT_PROP_PASSWORD:
      g_value_set_string (value, priv->password);
      break;
    case QNET_HTTP_CLIENT_PROP_PROXY_USERNAME:
      g_value_set_string (value, priv->proxy_username);
      break;
    case QNET_HTTP_CLIENT_PROP_PROXY_PASSWORD:
      g_value_set_string (value, priv->proxy_password);
      break;
    case QNET_HTTP_CLIENT_PROP_USER_AGENT:
      g_value_set_string (value, priv->user_agent);
      break;
    case QNET_HTTP_CLIENT_PROP_REDIRECT_PASSTHRU:
      g_value_set_boolean (value, priv->redirect_passthru);
      break;
    case QNET_HTTP_CLIENT_PROP_ERROR_PASSTHRU:
      g_value_set_boolean (value, priv->error_passthru);
      break;
    case QNET_HTTP_CLIENT_PROP_DECODE_CONTENT:
      g_value_set_boolean (value, priv->decode_content);
      break;
    case QNET_HTTP_CLIENT_PROP_PERSISTENT:
      g_value_set_boolean (value, priv->persistent);
      break;
    case QNET_HTTP_CLIENT_PROP_LAST_RESPONSE:
      g_value_set_object (value, priv->last_response);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_http_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  QnetHttpClient *self = QNET_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case QNET_HTTP_CLIENT_PROP_URL:
      /* An invalid URL is kept and reported by the next request. */
      qnet_http_client_set_url (self, g_value_get_string (value), NULL);
      break;
    case QNET_HTTP_CLIENT_PROP_PROXY_URL:
      qnet_http_client_set_proxy_url (self, g_value_get_string (value), NULL);
      break;
    case QNET_HTTP_CLIENT_PROP_HTTP_VERSION:
      qnet_http_client_set_http_version (self, g_value_get_string (value));
      break;
    case QNET_HTTP_CLIENT_PROP_MAX_REDIRECTS:
      qnet_http_client_set_max_redirects (self, g_value_get_uint (value));
      break;
    case QNET_HTTP_CLIENT_PROP_DEFAULT_PATH:
      qnet_http_client_set_default_path (self, g_value_get_string (value));
      break;
    case QNET_HTTP_CLIENT_PROP_USERNAME:
      qnet_http_client_set_username (self, g_value_get_string (value));
      break;
    case QNET_HTTP_CLIENT_PROP_PASSWORD:
      qnet_http_client_set_password (self, g_value_get_string (value));
      break;
    case QNET_HTTP_CLIENT_PROP_PROXY_USERNAME:
      qnet_http_client_set_proxy_username (self, g_value_get_string (value));
      break;
    case QNET_HTTP_CLIENT_PROP_PROXY_PASSWORD:
      qnet_http_client_set_proxy_password (self, g_value_get_string (value));
      break;
    case QNET_HTTP_CLIENT_PROP_USER_AGENT:
      qnet_http_client_set_user_agent (self, g_value_get_string (value));
      break;
    case QNET_HTTP_CLIENT_PROP_REDIRECT_PASSTHRU:
      qnet_http_client_set_redirect_passthru (self, g_value_get_boolean (value));
      break;
    case QNET_HTTP_CLIENT_PROP_ERROR_PASSTHRU:
      qnet_http_client_set_error_passthru (self, g_value_get_boolean (value));
      break;
    case QNET_HTTP_CLIENT_PROP_DECODE_CONTENT:
      qnet_http_client_set_decode_content (self, g_value_get_boolean (value));
      break;
    case QNET_HTTP_CLIENT_PROP_PERSISTENT:
      qnet_http_client_set_persistent (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_http_client_class_init (QnetHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qnet_http_client_finalize;
  object_class->dispose = qnet_http_client_dispose;
  object_class->get_property = qnet_http_client_get_property;
  object_class->set_property = qnet_http_client_set_property;

  /**
   * QnetHttpClient:url:
   *
   * The base URL: `http://`, `https://` or
   * `http+unix://<percent-encoded socket path>`, optionally with
   * `user:password@` (sent with basic authentication) and a path that
   * requests without one use. Paths given to the request methods are
   * resolved against it.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:proxy-url:
   *
   * An HTTP proxy, `http://[user:password@]host:port`, or %NULL for none.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_PROXY_URL] =
    g_param_spec_string ("proxy-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:http-version:
   *
   * The HTTP version requests use, `"1.0"` or `"1.1"`.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_HTTP_VERSION] =
    g_param_spec_string ("http-version", NULL, NULL, "1.1",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:max-redirects:
   *
   * The most redirects one request follows; 0 follows none (a redirect
   * then fails with %QNET_HTTP_ERROR_MAX_REDIRECTS).
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL, 0, G_MAXUINT, QNET_HTTP_DEFAULT_MAX_REDIRECTS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:default-path:
   *
   * The path requested when neither the request nor the URL gives one.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_DEFAULT_PATH] =
    g_param_spec_string ("default-path", NULL, NULL, "/",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:username:
   *
   * The user name for basic authentication; it takes precedence over the
   * one in the URL.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:password:
   *
   * The password for basic authentication.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:proxy-username:
   *
   * The user name for the proxy's basic authentication
   * (`Proxy-Authorization`); it takes precedence over the proxy URL's.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_PROXY_USERNAME] =
    g_param_spec_string ("proxy-username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:proxy-password:
   *
   * The password for the proxy's basic authentication.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_PROXY_PASSWORD] =
    g_param_spec_string ("proxy-password", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:user-agent:
   *
   * The `User-Agent` sent with every request, or %NULL to send none.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, "libqnet/" PACKAGE_VERSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:redirect-passthru:
   *
   * Return redirect responses instead of following them.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_REDIRECT_PASSTHRU] =
    g_param_spec_boolean ("redirect-passthru", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:error-passthru:
   *
   * Return responses with a status of 400 or more instead of failing with
   * %QNET_HTTP_ERROR_STATUS.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_ERROR_PASSTHRU] =
    g_param_spec_boolean ("error-passthru", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:decode-content:
   *
   * Ask for gzip and deflate (`Accept-Encoding`) and decode bodies so
   * encoded. When %FALSE, bodies are delivered as received (transfer
   * codings other than chunked are still undone).
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_DECODE_CONTENT] =
    g_param_spec_boolean ("decode-content", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:persistent:
   *
   * Keep the connection open between requests (`Connection: keep-alive`
   * for HTTP/1.0); when %FALSE every request sends `Connection: close` and
   * the connection is closed after the response.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_PERSISTENT] =
    g_param_spec_boolean ("persistent", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:last-response:
   *
   * The last final response received, also when the request failed
   * because of its status (%QNET_HTTP_ERROR_STATUS): the body of an error
   * page is not lost.
   *
   * Since: 1.0
   */
  properties[QNET_HTTP_CLIENT_PROP_LAST_RESPONSE] =
    g_param_spec_object ("last-response", NULL, NULL, QNET_TYPE_HTTP_RESPONSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, QNET_HTTP_CLIENT_N_PROPS, properties);

  /**
   * QnetHttpClient::http-content-length:
   * @self: the client
   * @len: the `Content-Length` of the response
   *
   * Raised when a response head with a `Content-Length` framing its body
   * was received, before the body is read (also for a redirect's body
   * that is discarded). Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_CONTENT_LENGTH, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-chunked-start:
   * @self: the client
   *
   * Raised before a `Transfer-Encoding: chunked` body is read. Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_CHUNKED_START, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-chunked-end:
   * @self: the client
   *
   * Raised after a chunked body ended, also when reading it failed.
   * Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_CHUNKED_END, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-redirect:
   * @self: the client
   * @location: the `Location` value as received
   * @status_message: (nullable): the reason phrase of the redirect
   *
   * Raised when a 3xx response (not 304) with a `Location` was received,
   * before it is followed and before the redirect limit is checked.
   * Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_REDIRECT, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-footers-received:
   * @self: the client
   * @headers: the trailer fields (`a{sv}`, lower-cased names)
   *
   * Raised after the last chunk when a non-empty trailer section followed.
   * Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_FOOTERS_RECEIVED, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-chunked-data-received:
   * @self: the client
   * @read: the size of the chunk
   * @total_read: the chunk data bytes of this body so far
   *
   * Raised after each non-empty chunk and its CRLF were read. Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_CHUNKED_DATA_RECEIVED, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-chunk-size:
   * @self: the client
   * @size: the size of the next chunk
   * @total_read: the chunk data bytes of this body so far
   *
   * Raised after each chunk-size line, including the final `0`. Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_CHUNK_SIZE, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-chunked-data-read:
   * @self: the client
   * @data: a piece of chunk payload
   *
   * Raised with each piece of chunk payload read; only when
   * [property@Qnet.Emitter:capture-data] is set. Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_CHUNKED_DATA_READ, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-chunked-data-sent:
   * @self: the client
   * @data: the payload of the chunk
   *
   * Raised with each chunk sent by [method@Qnet.HttpClient.send_chunked];
   * only when [property@Qnet.Emitter:capture-data] is set. Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_CHUNKED_DATA_SENT, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-footers-sent:
   * @self: the client
   * @headers: the trailer fields sent (`a{sv}`)
   *
   * Raised after the trailers of a chunked upload were sent; only when
   * [property@Qnet.Emitter:capture-data] is set. Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_FOOTERS_SENT, G_TYPE_NONE);

  /**
   * QnetHttpClient::http-response-complete:
   * @self: the client
   * @status_code: the status code
   * @body_size: the decoded body bytes delivered
   * @wire_size: the body bytes received
   *
   * Raised when a whole response, body included, was read (also the
   * discarded body of a redirect). Source 2.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_RESPONSE_COMPLETE, G_TYPE_NONE);
}

static void
qnet_http_client_init (QnetHttpClient *self)
{
  QnetHttpClientPrivate *priv = get_priv (self);

  priv->http_version = g_strdup ("1.1");
  priv->max_redirects = QNET_HTTP_DEFAULT_MAX_REDIRECTS;
  priv->default_path = g_strdup ("/");
  priv->user_agent = g_strdup ("libqnet/" PACKAGE_VERSION);
  priv->decode_content = TRUE;
  priv->persistent = TRUE;
  _qnet_http_header_list_init (&priv->default_headers);

  qnet_socket_set_timeout (QNET_SOCKET (self), QNET_HTTP_CLIENT_DEFAULT_TIMEOUT);
  qnet_socket_set_connect_timeout (QNET_SOCKET (self), QNET_HTTP_CLIENT_DEFAULT_CONNECT_TIMEOUT);
  /* Head and body are separate writes: without this, Nagle and delayed
   * ACKs would hold the body back (as curl, set by default). */
  qnet_socket_set_no_delay (QNET_SOCKET (self), TRUE);
}

/**
 * qnet_http_client_new:
 * @url: (nullable): the base URL (see [property@Qnet.HttpClient:url])
 *
 * Creates a client; nothing is connected until the first request or
 * [method@Qnet.HttpClient.open_connection]. An invalid @url is reported by
 * the first request.
 *
 * Returns: (transfer full): a new #QnetHttpClient
 *
 * Since: 1.0
 */
QnetHttpClient *
qnet_http_client_new (const char *url)
{
  return g_object_new (QNET_TYPE_HTTP_CLIENT, "url", url, NULL);
}
