/* qnet-http-client.c: Qore's HTTPClient on GLib, every HTTP event a signal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * This file holds the object, its properties, signals and public methods;
 * the request machine is qnet-http-client-request.c and the HTTP message
 * I/O qnet-http-client-io.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

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

enum {
  PROP_0,
  PROP_URL,
  PROP_PROXY_URL,
  PROP_HTTP_VERSION,
  PROP_MAX_REDIRECTS,
  PROP_DEFAULT_PATH,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_PROXY_USERNAME,
  PROP_PROXY_PASSWORD,
  PROP_USER_AGENT,
  PROP_REDIRECT_PASSTHRU,
  PROP_ERROR_PASSTHRU,
  PROP_DECODE_CONTENT,
  PROP_PERSISTENT,
  PROP_LAST_RESPONSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_RESPONSE]);
}

/* Replaces a string field; TRUE when it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
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
    case PROP_URL:
      g_value_set_string (value, priv->url_string);
      break;
    case PROP_PROXY_URL:
      g_value_set_string (value, priv->proxy_url_string);
      break;
    case PROP_HTTP_VERSION:
      g_value_set_string (value, priv->http_version);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, priv->max_redirects);
      break;
    case PROP_DEFAULT_PATH:
      g_value_set_string (value, priv->default_path);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, priv->username);
      break;
    case PROP_PASSWORD:
      g_value_set_string (value, priv->password);
      break;
    case PROP_PROXY_USERNAME:
      g_value_set_string (value, priv->proxy_username);
      break;
    case PROP_PROXY_PASSWORD:
      g_value_set_string (value, priv->proxy_password);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, priv->user_agent);
      break;
    case PROP_REDIRECT_PASSTHRU:
      g_value_set_boolean (value, priv->redirect_passthru);
      break;
    case PROP_ERROR_PASSTHRU:
      g_value_set_boolean (value, priv->error_passthru);
      break;
    case PROP_DECODE_CONTENT:
      g_value_set_boolean (value, priv->decode_content);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, priv->persistent);
      break;
    case PROP_LAST_RESPONSE:
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
    case PROP_URL:
      /* An invalid URL is kept and reported by the next request. */
      qnet_http_client_set_url (self, g_value_get_string (value), NULL);
      break;
    case PROP_PROXY_URL:
      qnet_http_client_set_proxy_url (self, g_value_get_string (value), NULL);
      break;
    case PROP_HTTP_VERSION:
      qnet_http_client_set_http_version (self, g_value_get_string (value));
      break;
    case PROP_MAX_REDIRECTS:
      qnet_http_client_set_max_redirects (self, g_value_get_uint (value));
      break;
    case PROP_DEFAULT_PATH:
      qnet_http_client_set_default_path (self, g_value_get_string (value));
      break;
    case PROP_USERNAME:
      qnet_http_client_set_username (self, g_value_get_string (value));
      break;
    case PROP_PASSWORD:
      qnet_http_client_set_password (self, g_value_get_string (value));
      break;
    case PROP_PROXY_USERNAME:
      qnet_http_client_set_proxy_username (self, g_value_get_string (value));
      break;
    case PROP_PROXY_PASSWORD:
      qnet_http_client_set_proxy_password (self, g_value_get_string (value));
      break;
    case PROP_USER_AGENT:
      qnet_http_client_set_user_agent (self, g_value_get_string (value));
      break;
    case PROP_REDIRECT_PASSTHRU:
      qnet_http_client_set_redirect_passthru (self, g_value_get_boolean (value));
      break;
    case PROP_ERROR_PASSTHRU:
      qnet_http_client_set_error_passthru (self, g_value_get_boolean (value));
      break;
    case PROP_DECODE_CONTENT:
      qnet_http_client_set_decode_content (self, g_value_get_boolean (value));
      break;
    case PROP_PERSISTENT:
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
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:proxy-url:
   *
   * An HTTP proxy, `http://[user:password@]host:port`, or %NULL for none.
   *
   * Since: 1.0
   */
  properties[PROP_PROXY_URL] =
    g_param_spec_string ("proxy-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:http-version:
   *
   * The HTTP version requests use, `"1.0"` or `"1.1"`.
   *
   * Since: 1.0
   */
  properties[PROP_HTTP_VERSION] =
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
  properties[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL, 0, G_MAXUINT, QNET_HTTP_DEFAULT_MAX_REDIRECTS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:default-path:
   *
   * The path requested when neither the request nor the URL gives one.
   *
   * Since: 1.0
   */
  properties[PROP_DEFAULT_PATH] =
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
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:password:
   *
   * The password for basic authentication.
   *
   * Since: 1.0
   */
  properties[PROP_PASSWORD] =
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
  properties[PROP_PROXY_USERNAME] =
    g_param_spec_string ("proxy-username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:proxy-password:
   *
   * The password for the proxy's basic authentication.
   *
   * Since: 1.0
   */
  properties[PROP_PROXY_PASSWORD] =
    g_param_spec_string ("proxy-password", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:user-agent:
   *
   * The `User-Agent` sent with every request, or %NULL to send none.
   *
   * Since: 1.0
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, "libqnet/" PACKAGE_VERSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetHttpClient:redirect-passthru:
   *
   * Return redirect responses instead of following them.
   *
   * Since: 1.0
   */
  properties[PROP_REDIRECT_PASSTHRU] =
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
  properties[PROP_ERROR_PASSTHRU] =
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
  properties[PROP_DECODE_CONTENT] =
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
  properties[PROP_PERSISTENT] =
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
  properties[PROP_LAST_RESPONSE] =
    g_param_spec_object ("last-response", NULL, NULL, QNET_TYPE_HTTP_RESPONSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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

/**
 * qnet_http_client_get_url:
 * @self: a #QnetHttpClient
 *
 * Returns: (nullable): the base URL as set
 *
 * Since: 1.0
 */
const char *
qnet_http_client_get_url (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->url_string;
}

/**
 * qnet_http_client_set_url:
 * @self: a #QnetHttpClient
 * @url: (nullable): the base URL
 * @error: return location for a #GError
 *
 * Sets [property@Qnet.HttpClient:url]. The URL is stored even when it is
 * invalid (the next request then fails with the same error).
 *
 * Returns: %TRUE if @url is a valid URL with a supported scheme
 *
 * Since: 1.0
 */
gboolean
qnet_http_client_set_url (QnetHttpClient  *self,
                          const char      *url,
                          GError         **error)
{
  QnetHttpClientPrivate *priv;
  g_autoptr(QnetUrl) parsed = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = get_priv (self);
  if (url != NULL)
    {
      parsed = qnet_url_parse (url, error);
      ok = parsed != NULL;
    }

  g_clear_pointer (&priv->url, qnet_url_free);
  priv->url = g_steal_pointer (&parsed);
  if (set_string (&priv->url_string, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  return ok;
}

/**
 * qnet_http_client_get_proxy_url:
 * @self: a #QnetHttpClient
 *
 * Returns: (nullable): the proxy URL, or %NULL
 *
 * Since: 1.0
 */
const char *
qnet_http_client_get_proxy_url (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->proxy_url_string;
}

/**
 * qnet_http_client_set_proxy_url:
 * @self: a #QnetHttpClient
 * @proxy_url: (nullable): `http://[user:password@]host:port`, or %NULL
 * @error: return location for a #GError
 *
 * Sets [property@Qnet.HttpClient:proxy-url]; the connection is replaced
 * by the next request.
 *
 * Returns: %TRUE if @proxy_url is valid
 *
 * Since: 1.0
 */
gboolean
qnet_http_client_set_proxy_url (QnetHttpClient  *self,
                                const char      *proxy_url,
                                GError         **error)
{
  QnetHttpClientPrivate *priv;
  g_autoptr(QnetUrl) parsed = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = get_priv (self);
  if (proxy_url != NULL)
    {
      parsed = qnet_url_parse (proxy_url, error);
      ok = parsed != NULL;
      if (ok && g_strcmp0 (parsed->scheme, "http") != 0)
        {
          g_set_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_UNSUPPORTED_SCHEME,
                       _("Unsupported proxy scheme “%s” (only http proxies are supported)"),
                       parsed->scheme);
          g_clear_pointer (&parsed, qnet_url_free);
          ok = FALSE;
        }
    }

  g_clear_pointer (&priv->proxy_url, qnet_url_free);
  priv->proxy_url = g_steal_pointer (&parsed);
  if (set_string (&priv->proxy_url_string, proxy_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROXY_URL]);
  return ok;
}

/**
 * qnet_http_client_get_http_version:
 * @self: a #QnetHttpClient
 *
 * Returns: `"1.0"` or `"1.1"`
 *
 * Since: 1.0
 */
const char *
qnet_http_client_get_http_version (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->http_version;
}

/**
 * qnet_http_client_set_http_version:
 * @self: a #QnetHttpClient
 * @http_version: `"1.0"` or `"1.1"`
 *
 * Sets [property@Qnet.HttpClient:http-version].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_http_version (QnetHttpClient *self,
                                   const char     *http_version)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));
  g_return_if_fail (g_strcmp0 (http_version, "1.0") == 0 || g_strcmp0 (http_version, "1.1") == 0);

  if (set_string (&get_priv (self)->http_version, http_version))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTTP_VERSION]);
}

/**
 * qnet_http_client_get_max_redirects:
 * @self: a #QnetHttpClient
 *
 * Returns: the most redirects a request follows
 *
 * Since: 1.0
 */
guint
qnet_http_client_get_max_redirects (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), 0);

  return get_priv (self)->max_redirects;
}

/**
 * qnet_http_client_set_max_redirects:
 * @self: a #QnetHttpClient
 * @max_redirects: the most redirects a request follows
 *
 * Sets [property@Qnet.HttpClient:max-redirects].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_max_redirects (QnetHttpClient *self,
                                    guint           max_redirects)
{
  QnetHttpClientPrivate *priv;

  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  priv = get_priv (self);
  if (priv->max_redirects == max_redirects)
    return;
  priv->max_redirects = max_redirects;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REDIRECTS]);
}

/**
 * qnet_http_client_get_default_path:
 * @self: a #QnetHttpClient
 *
 * Returns: the default path
 *
 * Since: 1.0
 */
const char *
qnet_http_client_get_default_path (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->default_path;
}

/**
 * qnet_http_client_set_default_path:
 * @self: a #QnetHttpClient
 * @default_path: (nullable): the path used when none is given (%NULL for
 *   `/`)
 *
 * Sets [property@Qnet.HttpClient:default-path].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_default_path (QnetHttpClient *self,
                                   const char     *default_path)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  if (set_string (&get_priv (self)->default_path, default_path != NULL ? default_path : "/"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_PATH]);
}

/**
 * qnet_http_client_get_username:
 * @self: a #QnetHttpClient
 *
 * Returns: (nullable): the user name for basic authentication, or %NULL
 *
 * Since: 1.0
 */
const char *
qnet_http_client_get_username (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->username;
}

/**
 * qnet_http_client_set_username:
 * @self: a #QnetHttpClient
 * @username: (nullable): the user name, or %NULL
 *
 * Sets [property@Qnet.HttpClient:username].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_username (QnetHttpClient *self,
                               const char     *username)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  if (set_string (&get_priv (self)->username, username))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
}

/**
 * qnet_http_client_get_password:
 * @self: a #QnetHttpClient
 *
 * Returns: (nullable): the password for basic authentication, or %NULL
 *
 * Since: 1.0
 */
const char *
qnet_http_client_get_password (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->password;
}

/**
 * qnet_http_client_set_password:
 * @self: a #QnetHttpClient
 * @password: (nullable): the password, or %NULL
 *
 * Sets [property@Qnet.HttpClient:password].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_password (QnetHttpClient *self,
                               const char     *password)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  if (set_string (&get_priv (self)->password, password))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSWORD]);
}

/**
 * qnet_http_client_get_proxy_username:
 * @self: a #QnetHttpClient
 *
 * Returns: (nullable): the user name for the proxy, or %NULL
 *
 * Since: 1.0
 */
const char *
qnet_http_client_get_proxy_username (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->proxy_username;
}

/**
 * qnet_http_client_set_proxy_username:
 * @self: a #QnetHttpClient
 * @username: (nullable): the proxy user name, or %NULL
 *
 * Sets [property@Qnet.HttpClient:proxy-username].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_proxy_username (QnetHttpClient *self,
                                     const char     *username)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  if (set_string (&get_priv (self)->proxy_username, username))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROXY_USERNAME]);
}

/**
 * qnet_http_client_get_proxy_password:
 * @self: a #QnetHttpClient
 *
 * Returns: (nullable): the password for the proxy, or %NULL
 *
 * Since: 1.0
 */
const char *
qnet_http_client_get_proxy_password (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->proxy_password;
}

/**
 * qnet_http_client_set_proxy_password:
 * @self: a #QnetHttpClient
 * @password: (nullable): the proxy password, or %NULL
 *
 * Sets [property@Qnet.HttpClient:proxy-password].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_proxy_password (QnetHttpClient *self,
                                     const char     *password)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  if (set_string (&get_priv (self)->proxy_password, password))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROXY_PASSWORD]);
}

/**
 * qnet_http_client_get_user_agent:
 * @self: a #QnetHttpClient
 *
 * Returns: (nullable): the `User-Agent` value, or %NULL
 *
 * Since: 1.0
 */
const char *
qnet_http_client_get_user_agent (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->user_agent;
}

/**
 * qnet_http_client_set_user_agent:
 * @self: a #QnetHttpClient
 * @user_agent: (nullable): the `User-Agent` value, or %NULL
 *
 * Sets [property@Qnet.HttpClient:user-agent].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_user_agent (QnetHttpClient *self,
                                 const char     *user_agent)
{
  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  if (set_string (&get_priv (self)->user_agent, user_agent))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_AGENT]);
}

/**
 * qnet_http_client_get_redirect_passthru:
 * @self: a #QnetHttpClient
 *
 * Returns: %TRUE if redirects are returned instead of followed
 *
 * Since: 1.0
 */
gboolean
qnet_http_client_get_redirect_passthru (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), FALSE);

  return get_priv (self)->redirect_passthru;
}

/**
 * qnet_http_client_set_redirect_passthru:
 * @self: a #QnetHttpClient
 * @passthru: the new value
 *
 * Sets [property@Qnet.HttpClient:redirect-passthru].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_redirect_passthru (QnetHttpClient *self,
                                        gboolean        passthru)
{
  QnetHttpClientPrivate *priv;

  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  priv = get_priv (self);
  passthru = !!passthru;
  if (priv->redirect_passthru == passthru)
    return;
  priv->redirect_passthru = passthru;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECT_PASSTHRU]);
}

/**
 * qnet_http_client_get_error_passthru:
 * @self: a #QnetHttpClient
 *
 * Returns: %TRUE if error statuses are returned instead of failing
 *
 * Since: 1.0
 */
gboolean
qnet_http_client_get_error_passthru (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), FALSE);

  return get_priv (self)->error_passthru;
}

/**
 * qnet_http_client_set_error_passthru:
 * @self: a #QnetHttpClient
 * @passthru: the new value
 *
 * Sets [property@Qnet.HttpClient:error-passthru].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_error_passthru (QnetHttpClient *self,
                                     gboolean        passthru)
{
  QnetHttpClientPrivate *priv;

  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  priv = get_priv (self);
  passthru = !!passthru;
  if (priv->error_passthru == passthru)
    return;
  priv->error_passthru = passthru;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_PASSTHRU]);
}

/**
 * qnet_http_client_get_decode_content:
 * @self: a #QnetHttpClient
 *
 * Returns: %TRUE if gzip and deflate bodies are decoded
 *
 * Since: 1.0
 */
gboolean
qnet_http_client_get_decode_content (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), FALSE);

  return get_priv (self)->decode_content;
}

/**
 * qnet_http_client_set_decode_content:
 * @self: a #QnetHttpClient
 * @decode: the new value
 *
 * Sets [property@Qnet.HttpClient:decode-content].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_decode_content (QnetHttpClient *self,
                                     gboolean        decode)
{
  QnetHttpClientPrivate *priv;

  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  priv = get_priv (self);
  decode = !!decode;
  if (priv->decode_content == decode)
    return;
  priv->decode_content = decode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECODE_CONTENT]);
}

/**
 * qnet_http_client_get_persistent:
 * @self: a #QnetHttpClient
 *
 * Returns: %TRUE if the connection is kept between requests
 *
 * Since: 1.0
 */
gboolean
qnet_http_client_get_persistent (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), FALSE);

  return get_priv (self)->persistent;
}

/**
 * qnet_http_client_set_persistent:
 * @self: a #QnetHttpClient
 * @persistent: the new value
 *
 * Sets [property@Qnet.HttpClient:persistent].
 *
 * Since: 1.0
 */
void
qnet_http_client_set_persistent (QnetHttpClient *self,
                                 gboolean        persistent)
{
  QnetHttpClientPrivate *priv;

  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  priv = get_priv (self);
  persistent = !!persistent;
  if (priv->persistent == persistent)
    return;
  priv->persistent = persistent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSISTENT]);
}

/**
 * qnet_http_client_get_last_response:
 * @self: a #QnetHttpClient
 *
 * Returns: (transfer none) (nullable): the last final response received,
 *   see [property@Qnet.HttpClient:last-response]
 *
 * Since: 1.0
 */
QnetHttpResponse *
qnet_http_client_get_last_response (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), NULL);

  return get_priv (self)->last_response;
}

/**
 * qnet_http_client_add_default_header:
 * @self: a #QnetHttpClient
 * @name: a header name
 * @value: (nullable): its value, or %NULL to stop sending the header
 *
 * Sets a header every request sends, replacing a built-in default of the
 * same name (`Accept`, `User-Agent`, `Accept-Encoding`, `Connection`); a
 * request's own headers replace these in turn. A %NULL @value removes the
 * header, also a built-in one (except `Host`). A name or value with CR,
 * LF, NUL or other invalid characters is refused (a critical warning: it
 * is a programming error).
 *
 * Since: 1.0
 */
void
qnet_http_client_add_default_header (QnetHttpClient *self,
                                     const char     *name,
                                     const char     *value)
{
  QnetHttpClientPrivate *priv;

  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));
  g_return_if_fail (name != NULL && qnet_http_check_header_name (name, NULL));
  g_return_if_fail (value == NULL || qnet_http_check_header_value (value, NULL));
  g_return_if_fail (g_ascii_strcasecmp (name, "Host") != 0 || value != NULL);

  priv = get_priv (self);
  /* A removed header is kept as a NULL value that hides the default. */
  _qnet_http_header_list_remove (&priv->default_headers, name);
  g_ptr_array_add (priv->default_headers.names, g_strdup (name));
  g_ptr_array_add (priv->default_headers.values, g_strdup (value));
}

/**
 * qnet_http_client_is_connected:
 * @self: a #QnetHttpClient
 *
 * Returns: %TRUE if the client's connection is open
 *
 * Since: 1.0
 */
gboolean
qnet_http_client_is_connected (QnetHttpClient *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), FALSE);

  return qnet_socket_is_open (QNET_SOCKET (self));
}

/**
 * qnet_http_client_open_connection:
 * @self: a #QnetHttpClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects to the server of [property@Qnet.HttpClient:url] (or the proxy)
 * now, with the TLS handshake for `https`, instead of at the first
 * request; an open connection to the same server is kept.
 *
 * Returns: %TRUE when connected
 *
 * Since: 1.0
 */
gboolean
qnet_http_client_open_connection (QnetHttpClient  *self,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  QnetHttpRequestArgs args = { QNET_HTTP_REQUEST_CONNECT, };
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  args.method = "GET";
  call = _qnet_socket_call_new_sync (self, "open_connection", cancellable);
  _qnet_http_client_request_start (self, call, &args);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_http_client_open_connection_async:
 * @self: a #QnetHttpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when connected
 * @user_data: data for @callback
 *
 * Starts connecting; see [method@Qnet.HttpClient.open_connection].
 *
 * Since: 1.0
 */
void
qnet_http_client_open_connection_async (QnetHttpClient      *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  QnetHttpRequestArgs args = { QNET_HTTP_REQUEST_CONNECT, };
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_HTTP_CLIENT (self));

  args.method = "GET";
  call = _qnet_socket_call_new_async (self, "open_connection", cancellable, callback, user_data,
                                      qnet_http_client_open_connection_async);
  _qnet_http_client_request_start (self, call, &args);
}

/**
 * qnet_http_client_open_connection_finish:
 * @self: a #QnetHttpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.HttpClient.open_connection_async].
 *
 * Returns: %TRUE when connected
 *
 * Since: 1.0
 */
gboolean
qnet_http_client_open_connection_finish (QnetHttpClient  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_http_client_open_connection_async, error) != 0;
}
