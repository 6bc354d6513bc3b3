/* qnet-http-client-properties.c: QnetHttpClient's property accessors and
 * small methods
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qnet-http-client-private.h"

static inline QnetHttpClientPrivate *
get_priv (QnetHttpClient *self)
{
  return _qnet_http_client_get_private (self);
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

/**
 * qnet_http_client_get_url:
 * @self: a #QnetHttpClient
 *
 * Gets the base URL as set.
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
  _qnet_http_client_clear_cache (self);
  if (set_string (&priv->url_string, url))
    _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_URL);
  return ok;
}

/**
 * qnet_http_client_get_proxy_url:
 * @self: a #QnetHttpClient
 *
 * Gets the proxy URL, or %NULL.
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
  _qnet_http_client_clear_cache (self);
  if (set_string (&priv->proxy_url_string, proxy_url))
    _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_PROXY_URL);
  return ok;
}

/**
 * qnet_http_client_get_http_version:
 * @self: a #QnetHttpClient
 *
 * Gets the HTTP version requests use, `"1.0"` or `"1.1"`.
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
    _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_HTTP_VERSION);
}

/**
 * qnet_http_client_get_max_redirects:
 * @self: a #QnetHttpClient
 *
 * Gets the most redirects a request follows.
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
  _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_MAX_REDIRECTS);
}

/**
 * qnet_http_client_get_default_path:
 * @self: a #QnetHttpClient
 *
 * Gets the default path.
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

  _qnet_http_client_clear_cache (self);
  if (set_string (&get_priv (self)->default_path, default_path != NULL ? default_path : "/"))
    _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_DEFAULT_PATH);
}

/**
 * qnet_http_client_get_username:
 * @self: a #QnetHttpClient
 *
 * Gets the user name for basic authentication, or %NULL.
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
    _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_USERNAME);
}

/**
 * qnet_http_client_get_password:
 * @self: a #QnetHttpClient
 *
 * Gets the password for basic authentication, or %NULL.
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
    _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_PASSWORD);
}

/**
 * qnet_http_client_get_proxy_username:
 * @self: a #QnetHttpClient
 *
 * Gets the user name for the proxy, or %NULL.
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
    _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_PROXY_USERNAME);
}

/**
 * qnet_http_client_get_proxy_password:
 * @self: a #QnetHttpClient
 *
 * Gets the password for the proxy, or %NULL.
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
    _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_PROXY_PASSWORD);
}

/**
 * qnet_http_client_get_user_agent:
 * @self: a #QnetHttpClient
 *
 * Gets the `User-Agent` value, or %NULL.
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
    _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_USER_AGENT);
}

/**
 * qnet_http_client_get_redirect_passthru:
 * @self: a #QnetHttpClient
 *
 * Tells whether 3xx responses are returned instead of followed.
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
  _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_REDIRECT_PASSTHRU);
}

/**
 * qnet_http_client_get_error_passthru:
 * @self: a #QnetHttpClient
 *
 * Tells whether error statuses are returned as responses instead of errors.
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
  _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_ERROR_PASSTHRU);
}

/**
 * qnet_http_client_get_decode_content:
 * @self: a #QnetHttpClient
 *
 * Tells whether gzip and deflate bodies are decoded.
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
  _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_DECODE_CONTENT);
}

/**
 * qnet_http_client_get_persistent:
 * @self: a #QnetHttpClient
 *
 * Tells whether connections are kept alive between requests.
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
  _qnet_http_client_notify (self, QNET_HTTP_CLIENT_PROP_PERSISTENT);
}

/**
 * qnet_http_client_get_last_response:
 * @self: a #QnetHttpClient
 *
 * Gets the last final response received, see [property@Qnet.HttpClient:last-response].
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
 * Tells whether the client holds an open connection.
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
