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
 * HTTP message I/O (qnet-http-client-io.c) or of the connector, whose
 * completion calls the next step. Caller mistakes are found before
 * anything is sent. Every failure goes through request_fail(), which
 * closes the connection (its state is unknown) and returns the error on
 * the call, which raises `operation-failed` once.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-http-client-private.h"
#include "io/qnet-address.h"
#include "io/qnet-connector.h"

/* A redirect's body is read (and dropped) to keep the connection when it
 * is at most this long; a longer one closes the connection instead. */
#define QNET_HTTP_MAX_DISCARD (1024 * 1024)

typedef struct {
  QnetHttpClient      *self;          /* (owned) */
  QnetSocketCall      *call;          /* (owned until returned) */
  QnetHttpRequestKind  kind;
  char                *method;        /* (owned) */
  QnetUrl             *url;           /* (owned): the current target */
  QnetHttpHeaderList   user_headers;
  GBytes              *body;          /* (owned) (nullable) */
  GInputStream        *body_stream;   /* (owned) (nullable) */
  gsize                chunk_size;
  QnetHttpHeaderList   trailers;
  GOutputStream       *out;           /* (owned) (nullable) */

  guint                redirects;
  guint                interim;
  gboolean             cross_origin;  /* credentials are not sent any more */
  gboolean             reused;        /* sent on a connection kept from before */
  gboolean             retried;
  gboolean             touched;       /* the connection was used: close it on failure */
  gboolean             request_close; /* the request said Connection: close */

  char                *conn_key;      /* (owned): what the connection must reach */
  char                *connect_target;/* (owned): host or path, for connect events */
  QnetConnector       *connector;     /* (owned) (nullable) */
  gboolean             connect_starting;
  gboolean             connect_finished;

  QnetHttpHead        *head;          /* (owned) (nullable): the response head */
  QnetHttpFraming      framing;
  QnetHttpResponse    *response;      /* (owned) (nullable) */
  guint64              upload_total;  /* chunk data sent */
} RequestOp;

static void request_connection (RequestOp *op);
static void request_send       (RequestOp *op);
static void request_read_head  (RequestOp *op);

static void
request_op_free (RequestOp *op)
{
  g_clear_pointer (&op->connector, qnet_connector_unref);
  g_free (op->method);
  g_clear_pointer (&op->url, qnet_url_free);
  _qnet_http_header_list_clear (&op->user_headers);
  _qnet_http_header_list_clear (&op->trailers);
  g_clear_pointer (&op->body, g_bytes_unref);
  g_clear_object (&op->body_stream);
  g_clear_object (&op->out);
  g_free (op->conn_key);
  g_free (op->connect_target);
  g_clear_pointer (&op->head, qnet_http_head_free);
  g_clear_object (&op->response);
  g_clear_object (&op->self);
  g_free (op);
}

static QnetSocket *
op_socket (RequestOp *op)
{
  return QNET_SOCKET (op->self);
}

static QnetEmitter *
op_emitter (RequestOp *op)
{
  return QNET_EMITTER (op->self);
}

static QnetHttpClientPrivate *
op_priv (RequestOp *op)
{
  return _qnet_http_client_get_private (op->self);
}

static GCancellable *
op_cancellable (RequestOp *op)
{
  return op->call->cancellable;
}

/* Closes the connection, which can no longer carry a request. */
static void
request_drop_connection (RequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);

  priv->conn_reusable = FALSE;
  g_clear_pointer (&priv->conn_key, g_free);
  _qnet_socket_close_internal (op_socket (op));
}

static void
request_fail (RequestOp *op,
              GError    *error)
{
  QnetSocketCall *call = g_steal_pointer (&op->call);

  if (op->touched)
    request_drop_connection (op);
  op_priv (op)->busy = FALSE;
  request_op_free (op);
  _qnet_socket_call_return_error (call, error);
}

static void
request_succeed (RequestOp *op)
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

static gboolean
scheme_is_secure (const char *scheme)
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
static QnetUrl *
resolve_target (QnetHttpClient  *self,
                const char      *path,
                GError         **error)
{
  QnetHttpClientPrivate *priv = _qnet_http_client_get_private (self);
  g_autofree char *encoded = NULL;
  QnetUrl *url;

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
  return url;
}

/* What the connection for @op->url must reach. */
static char *
connection_key (RequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  const QnetUrl *url = op->url;
  gboolean secure = scheme_is_secure (url->scheme);

  if (qnet_url_is_unix (url))
    return g_strdup_printf ("%s:%s", secure ? "unixs" : "unix", url->unix_path);
  if (priv->proxy_url != NULL)
    return g_strdup_printf ("%s:%s:%d/%s:%d", secure ? "tunnel" : "proxy",
                            priv->proxy_url->host, priv->proxy_url->port, url->host, url->port);
  return g_strdup_printf ("%s://%s:%d", secure ? "https" : "http", url->host, url->port);
}

static gboolean
via_http_proxy (RequestOp *op)
{
  return op_priv (op)->proxy_url != NULL && !qnet_url_is_unix (op->url) &&
         !scheme_is_secure (op->url->scheme);
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

static char *
proxy_credentials (RequestOp *op)
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
build_headers (RequestOp          *op,
               QnetHttpHeaderList *list)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  g_autofree char *host = qnet_url_get_host_header (op->url);
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
      g_autofree char *auth = proxy_credentials (op);

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

/* ---- Connecting ------------------------------------------------------------------ */

static void
connector_lookup (gpointer    data,
                  const char *name,
                  const char *service)
{
  RequestOp *op = data;

  _qnet_socket_set_state (op_socket (op), QNET_SOCKET_STATE_HOST_LOOKUP);
  _qnet_emitter_emit (op_emitter (op), QNET_EVENT_HOSTNAME_LOOKUP, name, service);
}

static void
connector_resolved (gpointer      data,
                    GInetAddress *address,
                    guint16       port)
{
  RequestOp *op = data;
  g_autofree char *text = g_inet_address_to_string (address);
  GSocketFamily family = g_inet_address_get_family (address);

  _qnet_emitter_emit (op_emitter (op), QNET_EVENT_HOSTNAME_RESOLVED,
                      text, (gint64) family, qnet_address_family_to_string (family), (gint64) port);
}

static void
connector_connecting (gpointer        data,
                      GSocketAddress *address)
{
  RequestOp *op = data;
  GSocketFamily family = g_socket_address_get_family (address);
  gint port;
  g_autofree char *text = qnet_socket_address_to_string (address, &port);

  _qnet_socket_set_state (op_socket (op), QNET_SOCKET_STATE_CONNECTING);
  _qnet_emitter_emit (op_emitter (op), QNET_EVENT_CONNECTING,
                      (gint64) family, qnet_address_family_to_string (family),
                      op->connect_target, text, (gint64) port);
}

static const QnetConnectorCallbacks connector_callbacks = {
  connector_lookup,
  connector_resolved,
  connector_connecting,
};

static gint
connect_error_io_code (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return error->code;
  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_NOT_FOUND ? G_IO_ERROR_HOST_NOT_FOUND : G_IO_ERROR_FAILED;
  return G_IO_ERROR_FAILED;
}

static void request_connected (RequestOp *op);

static void
connect_done (QnetConnector *connector,
              gpointer       data,
              GSocket       *socket,
              GError        *error)
{
  RequestOp *op = data;
  QnetSocket *sock = op_socket (op);

  op->connect_finished = TRUE;
  if (!op->connect_starting)
    g_clear_pointer (&op->connector, qnet_connector_unref);

  if (socket == NULL)
    {
      GError *wrapped = _qnet_socket_wrap_error (sock, QNET_SOCKET_ACTION_CONNECT, error);

      if (error->domain == G_RESOLVER_ERROR)
        wrapped->code = QNET_SOCKET_ERROR_LOOKUP;
      _qnet_socket_set_state (sock, QNET_SOCKET_STATE_UNCONNECTED);
      _qnet_emitter_emit (op_emitter (op), QNET_EVENT_CONNECT_FAILED,
                          op->connect_target, wrapped->message, (gint64) connect_error_io_code (error));
      g_error_free (error);
      request_fail (op, wrapped);
      return;
    }

  {
    g_autoptr(GSocketConnection) connection = g_socket_connection_factory_create_connection (socket);

    g_object_unref (socket);
    _qnet_socket_attach_connection (sock, connection);
  }
  _qnet_emitter_emit (op_emitter (op), QNET_EVENT_CONNECTED);
  request_connected (op);
}

/* Connects to the server (or the proxy) of @op->url. */
static void
request_connect (RequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  QnetSocket *sock = op_socket (op);
  g_autoptr(QnetAddress) target = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;
  QnetConnector *connector;

  if (qnet_url_is_unix (op->url))
    target = qnet_address_new_unix (op->url->unix_path, &error);
  else
    {
      const QnetUrl *server = priv->proxy_url != NULL ? priv->proxy_url : op->url;
      g_autofree char *service = g_strdup_printf ("%d", server->port);

      target = qnet_address_new_inet (server->host, service, G_SOCKET_FAMILY_INVALID, &error);
    }
  if (target == NULL)
    {
      request_fail (op, error);
      return;
    }

  request_drop_connection (op);
  op->touched = TRUE;
  op->reused = FALSE;

  label = qnet_address_to_string (target);
  _qnet_emitter_set_label (op_emitter (op), label);
  g_free (op->connect_target);
  op->connect_target = g_strdup (target->kind == QNET_ADDRESS_UNIX ? target->path : target->host);

  op->connect_starting = TRUE;
  op->connect_finished = FALSE;
  connector = qnet_connector_connect (target, qnet_socket_get_connect_timeout (sock),
                                      op_cancellable (op), &connector_callbacks, connect_done, op);
  op->connect_starting = FALSE;
  if (op->connect_finished)
    qnet_connector_unref (connector);
  else
    op->connector = connector;
}

/* ---- TLS and tunnels --------------------------------------------------------------- */

static void
tls_done (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  RequestOp *op = data;
  GError *error = NULL;

  if (!_qnet_socket_start_tls_finish (QNET_SOCKET (source), result, &error))
    {
      request_fail (op, error);
      return;
    }
  if (op->kind == QNET_HTTP_REQUEST_CONNECT)
    {
      op_priv (op)->conn_reusable = TRUE;
      request_succeed (op);
      return;
    }
  request_send (op);
}

/* TLS with the socket's settings (verify-peer, ca-file, certificate,
 * accept-certificate): start-ssl, the handshake, ssl-established. The
 * certificate must match the URL's host (also through a proxy tunnel)
 * unless QnetSocket:server-name says otherwise. */
static void
request_start_tls (RequestOp *op)
{
  QnetSocket *sock = op_socket (op);
  const char *identity = NULL;

  if (qnet_socket_get_server_name (sock) == NULL && !qnet_url_is_unix (op->url))
    identity = op->url->host;
  _qnet_socket_start_tls_async (sock, identity, qnet_socket_get_connect_timeout (sock),
                                op_cancellable (op), tls_done, op);
}

static void
tunnel_body_done (gpointer            data,
                  QnetHttpBodyResult *result,
                  GError             *error)
{
  RequestOp *op = data;
  guint status = qnet_http_head_get_status_code (op->head);

  g_clear_error (&error);
  request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_PROXY,
                                 _("The proxy refused the tunnel to %s:%d: %u %s"),
                                 op->url->host, op->url->port, status,
                                 qnet_http_head_get_reason (op->head) != NULL
                                 ? qnet_http_head_get_reason (op->head) : ""));
}

static void
tunnel_head_done (gpointer      data,
                  QnetHttpHead *head,
                  GError       *error,
                  gboolean      nothing_read)
{
  RequestOp *op = data;
  guint status;

  if (error != NULL)
    {
      request_fail (op, error);
      return;
    }

  status = qnet_http_head_get_status_code (head);
  if (status >= 100 && status < 200)
    {
      qnet_http_head_free (head);
      if (++op->interim > QNET_HTTP_MAX_INTERIM_RESPONSES)
        {
          request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_TOO_MANY_INTERIM,
                                         _("More than %d interim responses"),
                                         QNET_HTTP_MAX_INTERIM_RESPONSES));
          return;
        }
      _qnet_http_read_head (op_socket (op), QNET_HTTP_HEAD_RESPONSE, QNET_EVENT_SOURCE_HTTP_CLIENT, -1,
                            op_cancellable (op), tunnel_head_done, op);
      return;
    }

  g_clear_pointer (&op->head, qnet_http_head_free);
  op->head = head;
  op->interim = 0;

  if (status >= 200 && status < 300)
    {
      request_start_tls (op);
      return;
    }

  /* Refused: read what the proxy says (bounded) for a clean error. */
  {
    QnetHttpBodySpec spec;
    GError *framing_error = NULL;

    memset (&spec, 0, sizeof spec);
    if (!qnet_http_framing_for_response (&spec.framing, head, "CONNECT", &framing_error))
      {
        g_clear_error (&framing_error);
        spec.framing.body = QNET_HTTP_BODY_NONE;
      }
    if (spec.framing.body == QNET_HTTP_BODY_UNTIL_CLOSE ||
        (spec.framing.body == QNET_HTTP_BODY_CONTENT_LENGTH &&
         spec.framing.content_length > QNET_HTTP_MAX_DISCARD))
      spec.framing.body = QNET_HTTP_BODY_NONE;
    spec.source = QNET_EVENT_SOURCE_HTTP_CLIENT;
    spec.discard = TRUE;
    spec.max_memory = QNET_HTTP_MAX_DISCARD;
    _qnet_http_read_body (op_socket (op), &spec, -1, op_cancellable (op), tunnel_body_done, op);
  }
}

static void
tunnel_sent (gpointer  data,
             GError   *error)
{
  RequestOp *op = data;

  if (error != NULL)
    {
      request_fail (op, error);
      return;
    }
  _qnet_http_read_head (op_socket (op), QNET_HTTP_HEAD_RESPONSE, QNET_EVENT_SOURCE_HTTP_CLIENT, -1,
                        op_cancellable (op), tunnel_head_done, op);
}

/* HTTPS through a proxy: CONNECT host:port, then TLS on the tunnel. */
static void
request_tunnel (RequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  QnetHttpHeaderList list;
  g_autofree QnetHttpHeaderPair *pairs = NULL;
  g_autofree char *authority = g_strdup_printf (strchr (op->url->host, ':') != NULL ? "[%s]:%d" : "%s:%d",
                                                op->url->host, op->url->port);
  g_autofree char *auth = proxy_credentials (op);
  g_autofree char *first_line = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GBytes) head_bytes = NULL;
  GError *error = NULL;

  _qnet_http_header_list_init (&list);
  _qnet_http_header_list_set (&list, "Host", authority, FALSE);
  if (auth != NULL)
    _qnet_http_header_list_set (&list, "Proxy-Authorization", auth, FALSE);
  pairs = _qnet_http_header_list_pairs (&list);

  if (!qnet_http_write_request_head (head, "CONNECT", authority, priv->http_version,
                                     pairs, list.names->len, &error))
    {
      _qnet_http_header_list_clear (&list);
      request_fail (op, error);
      return;
    }
  first_line = qnet_http_format_request_line ("CONNECT", authority, priv->http_version, NULL);
  head_bytes = g_string_free_to_bytes (g_steal_pointer (&head));
  _qnet_http_send_message (op_socket (op), QNET_EVENT_SOURCE_HTTP_CLIENT, first_line, &list, head_bytes,
                           NULL, -1, op_cancellable (op), tunnel_sent, op);
  _qnet_http_header_list_clear (&list);
}

/* The TCP (or UNIX) connection is up. */
static void
request_connected (RequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);

  g_free (priv->conn_key);
  priv->conn_key = g_strdup (op->conn_key);

  if (scheme_is_secure (op->url->scheme))
    {
      if (priv->proxy_url != NULL && !qnet_url_is_unix (op->url))
        request_tunnel (op);
      else
        request_start_tls (op);
      return;
    }

  if (op->kind == QNET_HTTP_REQUEST_CONNECT)
    {
      priv->conn_reusable = TRUE;
      request_succeed (op);
      return;
    }
  request_send (op);
}

/* A kept connection is used if it reaches the same place and the server
 * did not close it (or send anything unasked) meanwhile. */
static gboolean
connection_is_reusable (RequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  QnetSocket *sock = op_socket (op);
  GSocket *gsocket = _qnet_socket_get_gsocket (sock);
  QnetStreamIO *io = _qnet_socket_get_io (sock);
  gsize buffered = 0;

  if (!priv->conn_reusable || g_strcmp0 (priv->conn_key, op->conn_key) != 0 ||
      gsocket == NULL || io == NULL || qnet_stream_io_is_closed (io) ||
      qnet_stream_io_is_eof (io) || qnet_stream_io_is_broken (io))
    return FALSE;

  qnet_stream_io_peek (io, &buffered);
  if (buffered > 0)
    return FALSE;
  return g_socket_condition_check (gsocket, G_IO_IN | G_IO_HUP | G_IO_ERR) == 0;
}

static void
request_connection (RequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);

  g_free (op->conn_key);
  op->conn_key = connection_key (op);

  if (connection_is_reusable (op))
    {
      priv->conn_reusable = FALSE;  /* in use */
      op->touched = TRUE;
      op->reused = TRUE;
      if (op->kind == QNET_HTTP_REQUEST_CONNECT)
        {
          priv->conn_reusable = TRUE;
          request_succeed (op);
          return;
        }
      request_send (op);
      return;
    }

  request_connect (op);
}

/* ---- Sending ------------------------------------------------------------------------ */

/* A failure before any response byte on a reused connection: the server
 * closed it as we used it. Send once more on a fresh one. */
static gboolean
request_retry (RequestOp *op)
{
  if (!op->reused || op->retried || op->body_stream != NULL)
    return FALSE;
  op->retried = TRUE;
  request_drop_connection (op);
  request_connect (op);
  return TRUE;
}

static void upload_next (RequestOp *op);

static void
request_sent (gpointer  data,
              GError   *error)
{
  RequestOp *op = data;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) && request_retry (op))
        {
          g_error_free (error);
          return;
        }
      request_fail (op, error);
      return;
    }

  if (op->body_stream != NULL)
    {
      upload_next (op);
      return;
    }
  request_read_head (op);
}

static void
request_send (RequestOp *op)
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
    target = qnet_url_get_request_target (op->url);

  if (!qnet_http_write_request_head (head, op->method, target, priv->http_version,
                                     pairs, list.names->len, &error))
    {
      _qnet_http_header_list_clear (&list);
      request_fail (op, error);
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
  RequestOp *op = data;

  if (error != NULL)
    {
      request_fail (op, error);
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
  RequestOp *op;
  GBytes    *data;  /* (owned) the chunk's payload */
} ChunkWrite;

static void
upload_chunk_sent (gpointer  data,
                   GError   *error)
{
  ChunkWrite *write = data;
  RequestOp *op = write->op;
  g_autoptr(GBytes) payload = write->data;

  g_free (write);
  if (error != NULL)
    {
      request_fail (op, error);
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
  RequestOp *op = data;
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) wire = NULL;

  if (bytes == NULL)
    {
      request_fail (op, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_autofree QnetHttpHeaderPair *pairs = _qnet_http_header_list_pairs (&op->trailers);

      if (!qnet_http_write_last_chunk (out, pairs, op->trailers.names->len, &error))
        {
          request_fail (op, error);
          return;
        }
      wire = g_string_free_to_bytes (g_steal_pointer (&out));
      _qnet_http_write (op_socket (op), wire, -1, op_cancellable (op), upload_last_sent, op);
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
    _qnet_http_write (op_socket (op), wire, -1, op_cancellable (op), upload_chunk_sent, write);
  }
}

static void
upload_next (RequestOp *op)
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
request_read_head (RequestOp *op)
{
  _qnet_http_read_head (op_socket (op), QNET_HTTP_HEAD_RESPONSE, QNET_EVENT_SOURCE_HTTP_CLIENT, -1,
                        op_cancellable (op), request_head_done, op);
}

static char *
safe_url (const QnetUrl *url)
{
  return qnet_url_to_string (url, QNET_URL_OMIT_PASSWORD | QNET_URL_OMIT_FRAGMENT);
}

/* After a response was read whole: keep the connection for the next
 * request, or close it. */
static void
request_settle_connection (RequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  QnetSocket *sock = op_socket (op);

  if (op->framing.keep_alive && priv->persistent && !op->request_close && qnet_socket_is_open (sock))
    priv->conn_reusable = TRUE;
  else
    request_drop_connection (op);
}

static void
request_complete_event (RequestOp          *op,
                        QnetHttpBodyResult *result)
{
  _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT,
                           QNET_EVENT_HTTP_RESPONSE_COMPLETE,
                           (gint64) qnet_http_head_get_status_code (op->head),
                           (gint64) result->body_size, (gint64) result->wire_size);
}

/* Raises the events that open a body, as Qore does. */
static void
body_start_events (RequestOp *op)
{
  if (op->framing.body == QNET_HTTP_BODY_CONTENT_LENGTH)
    _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT, QNET_EVENT_HTTP_CONTENT_LENGTH,
                             op->framing.content_length);
  else if (op->framing.body == QNET_HTTP_BODY_CHUNKED)
    _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT, QNET_EVENT_HTTP_CHUNKED_START);
}

static void
body_end_events (RequestOp *op)
{
  if (op->framing.body == QNET_HTTP_BODY_CHUNKED)
    _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT, QNET_EVENT_HTTP_CHUNKED_END);
}

static void
final_body_done (gpointer            data,
                 QnetHttpBodyResult *result,
                 GError             *error)
{
  RequestOp *op = data;
  QnetHttpClientPrivate *priv = op_priv (op);
  guint status = qnet_http_head_get_status_code (op->head);

  body_end_events (op);
  if (error != NULL)
    {
      request_fail (op, error);
      return;
    }

  _qnet_http_response_set_body (op->response, result->body, (gint64) result->body_size,
                                (gint64) result->wire_size);
  _qnet_http_response_set_trailers (op->response, result->trailers);
  request_complete_event (op, result);
  request_settle_connection (op);
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
      request_fail (op, status_error);
      return;
    }
  request_succeed (op);
}

static gboolean
request_codings (RequestOp        *op,
                 QnetHttpBodySpec *spec,
                 GError          **error)
{
  if (op_priv (op)->decode_content)
    return qnet_http_get_codings (op->head, &op->framing, spec->codings, &spec->n_codings, error);

  spec->n_codings = op->framing.n_transfer_codings;
  for (guint i = 0; i < spec->n_codings; i++)
    spec->codings[i] = op->framing.transfer_codings[i];
  return TRUE;
}

static void
request_read_final_body (RequestOp *op)
{
  QnetHttpBodySpec spec;
  GError *error = NULL;
  g_autofree char *url = safe_url (op->url);

  g_clear_object (&op->response);
  op->response = _qnet_http_response_new (op->head, url, op->redirects);

  memset (&spec, 0, sizeof spec);
  spec.framing = op->framing;
  if (!request_codings (op, &spec, &error))
    {
      request_fail (op, error);
      return;
    }
  spec.source = QNET_EVENT_SOURCE_HTTP_CLIENT;
  spec.client_events = TRUE;
  spec.out = op->out;
  spec.max_memory = QNET_HTTP_MAX_DECODED_SIZE;

  body_start_events (op);
  _qnet_http_read_body (op_socket (op), &spec, -1, op_cancellable (op), final_body_done, op);
}

/* ---- Redirects -------------------------------------------------------------------- */

static void
redirect_follow (RequestOp *op)
{
  guint status = qnet_http_head_get_status_code (op->head);
  /* All Location values are the same (checked before http-redirect). */
  g_auto(GStrv) locations = qnet_http_head_get_header_values (op->head, "Location");
  const char *location = locations[0];
  GError *error = NULL;
  QnetUrl *next;
  gboolean same_origin;

  next = qnet_url_resolve (op->url, location, &error);
  if (next == NULL)
    {
      GError *wrapped = g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                     _("Could not follow the redirect to “%s”: %s"),
                                     location, error->message);

      g_error_free (error);
      request_fail (op, wrapped);
      return;
    }
  if (g_strcmp0 (next->scheme, "http") != 0 && g_strcmp0 (next->scheme, "https") != 0)
    {
      GError *scheme_error = g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                          _("Refusing to follow a redirect to a “%s” URL"),
                                          next->scheme);

      qnet_url_free (next);
      request_fail (op, scheme_error);
      return;
    }

  if (status == 307 || status == 308)
    {
      if (op->body_stream != NULL)
        {
          qnet_url_free (next);
          request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                         _("Could not follow the redirect to “%s”: %s"), location,
                                         _("a body read from a stream cannot be sent again")));
          return;
        }
    }
  else if ((status == 303 && strcmp (op->method, "HEAD") != 0) ||
           ((status == 301 || status == 302) && strcmp (op->method, "POST") == 0))
    {
      g_free (op->method);
      op->method = g_strdup ("GET");
      g_clear_pointer (&op->body, g_bytes_unref);
      g_clear_object (&op->body_stream);
      _qnet_http_header_list_remove (&op->user_headers, "Content-Type");
      _qnet_http_header_list_remove (&op->user_headers, "Content-Length");
      _qnet_http_header_list_remove (&op->user_headers, "Content-Encoding");
      _qnet_http_header_list_remove (&op->user_headers, "Transfer-Encoding");
    }

  same_origin = qnet_url_same_origin (op->url, next);
  if (!same_origin)
    {
      op->cross_origin = TRUE;
      _qnet_http_header_list_remove (&op->user_headers, "Authorization");
      _qnet_http_header_list_remove (&op->user_headers, "Cookie");
    }
  if (op->cross_origin)
    {
      g_clear_pointer (&next->user, g_free);
      g_clear_pointer (&next->password, g_free);
    }

  qnet_url_free (op->url);
  op->url = next;
  op->redirects++;
  g_clear_pointer (&op->head, qnet_http_head_free);
  op->reused = FALSE;
  op->retried = FALSE;
  request_connection (op);
}

static void
redirect_body_done (gpointer            data,
                    QnetHttpBodyResult *result,
                    GError             *error)
{
  RequestOp *op = data;

  body_end_events (op);
  if (error != NULL)
    {
      /* The redirect stands; only the connection is lost. */
      g_error_free (error);
      request_drop_connection (op);
    }
  else
    {
      request_complete_event (op, result);
      request_settle_connection (op);
    }
  redirect_follow (op);
}

static void
request_redirect (RequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  guint status = qnet_http_head_get_status_code (op->head);
  g_auto(GStrv) locations = qnet_http_head_get_header_values (op->head, "Location");
  QnetHttpBodySpec spec;

  if (locations[0] == NULL)
    {
      request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                     _("The server answered %u without a Location to redirect to"),
                                     status));
      return;
    }
  for (guint i = 1; locations[i] != NULL; i++)
    {
      if (strcmp (locations[i], locations[0]) != 0)
        {
          request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                         _("The server answered %u with conflicting Location headers"),
                                         status));
          return;
        }
    }

  _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT, QNET_EVENT_HTTP_REDIRECT,
                           locations[0], qnet_http_head_get_reason (op->head));

  if (op->redirects >= priv->max_redirects)
    {
      request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_MAX_REDIRECTS,
                                     _("More than %u redirects (the last to “%s”)"),
                                     priv->max_redirects, locations[0]));
      return;
    }

  /* Drop the body: read it when it is small enough to keep the
   * connection, else close. */
  if (op->framing.body == QNET_HTTP_BODY_UNTIL_CLOSE ||
      (op->framing.body == QNET_HTTP_BODY_CONTENT_LENGTH && op->framing.content_length > QNET_HTTP_MAX_DISCARD))
    {
      request_drop_connection (op);
      redirect_follow (op);
      return;
    }

  memset (&spec, 0, sizeof spec);
  spec.framing = op->framing;
  spec.source = QNET_EVENT_SOURCE_HTTP_CLIENT;
  spec.client_events = TRUE;
  spec.discard = TRUE;
  spec.max_memory = QNET_HTTP_MAX_DISCARD;
  body_start_events (op);
  _qnet_http_read_body (op_socket (op), &spec, -1, op_cancellable (op), redirect_body_done, op);
}

/* ---- The response head ------------------------------------------------------------ */

static void
request_head_done (gpointer      data,
                   QnetHttpHead *head,
                   GError       *error,
                   gboolean      nothing_read)
{
  RequestOp *op = data;
  QnetHttpClientPrivate *priv = op_priv (op);
  guint status;

  if (error != NULL)
    {
      if (nothing_read && op->interim == 0 &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) && request_retry (op))
        {
          g_error_free (error);
          return;
        }
      request_fail (op, error);
      return;
    }

  status = qnet_http_head_get_status_code (head);
  g_clear_pointer (&op->head, qnet_http_head_free);
  op->head = head;

  if (status >= 100 && status < 200)
    {
      if (status == 101)
        {
          request_fail (op, g_error_new_literal (QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE,
                                                 _("The server switched protocols without being asked")));
          return;
        }
      if (++op->interim > QNET_HTTP_MAX_INTERIM_RESPONSES)
        {
          request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_TOO_MANY_INTERIM,
                                         _("More than %d interim responses"),
                                         QNET_HTTP_MAX_INTERIM_RESPONSES));
          return;
        }
      request_read_head (op);
      return;
    }

  if (!qnet_http_framing_for_response (&op->framing, head, op->method, &error))
    {
      request_fail (op, error);
      return;
    }

  if (status >= 300 && status < 400 && status != 304 && !priv->redirect_passthru)
    {
      request_redirect (op);
      return;
    }

  request_read_final_body (op);
}

/* ---- Start -------------------------------------------------------------------------- */

static gboolean
copy_trailers (RequestOp  *op,
               GVariant   *trailers,
               GError    **error)
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

      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The trailer “%s” is not a string"), name);
          return FALSE;
        }
      text = g_variant_get_string (value, NULL);
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
  RequestOp *op;
  GError *error = NULL;

  if (priv->busy)
    {
      _qnet_socket_call_return_error (call, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PENDING,
                                                                 _("Another request is in progress")));
      return;
    }

  op = g_new0 (RequestOp, 1);
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
      request_fail (op, error);
      return;
    }
  if (args->body_stream != NULL && args->chunk_size == 0)
    {
      request_fail (op, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                             _("The chunk size must be at least 1")));
      return;
    }

  op->url = resolve_target (self, args->path, &error);
  if (op->url == NULL)
    {
      request_fail (op, error);
      return;
    }
  if (args->path != NULL && strcmp (args->path, "*") == 0)
    {
      g_free (op->url->path);
      op->url->path = g_strdup ("*");
      g_clear_pointer (&op->url->query, g_free);
    }

  op->body = args->body != NULL ? g_bytes_ref (args->body) : NULL;
  op->body_stream = args->body_stream != NULL ? g_object_ref (args->body_stream) : NULL;
  op->out = args->out != NULL ? g_object_ref (args->out) : NULL;

  request_connection (op);
}
