/* qnet-http-client-connect.c: QnetHttpClient's connection: reuse, connect,
 * proxy tunnel, TLS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A kept connection is reused when it reaches the same place and the
 * server neither closed it nor sent anything unasked meanwhile. A new one
 * is made with the socket's own connect (qnet-socket-connect.c), raising
 * its events (hostname-lookup, hostname-resolved, connecting, connected
 * or connect-failed) under the client's id; an https target goes through a
 * `CONNECT` tunnel when a proxy is set, then TLS (start-ssl,
 * ssl-established) with the socket's TLS settings.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-http-client-request-private.h"
#include "io/qnet-address.h"

/* ---- Connecting ------------------------------------------------------------------ */

static void request_connected (QnetHttpRequestOp *op);

static void
connect_done (gpointer  data,
              GError   *error)
{
  QnetHttpRequestOp *op = data;

  if (error != NULL)
    {
      _qnet_http_request_fail (op, error);
      return;
    }
  request_connected (op);
}

/* Connects to the server (or the proxy) of @op->url through the socket's
 * own connect (its events; qnet_socket_close() cancels it). */
static void
request_connect (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  QnetAddress *target = NULL;
  GError *error = NULL;

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
      _qnet_http_request_fail (op, error);
      return;
    }

  _qnet_http_request_drop_connection (op);
  op->touched = TRUE;
  op->reused = FALSE;

  _qnet_socket_connect_address (op_socket (op), target, -1, op_cancellable (op), connect_done, op);
}

/* ---- TLS and tunnels --------------------------------------------------------------- */

static void
tls_done (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  QnetHttpRequestOp *op = data;
  GError *error = NULL;

  if (!_qnet_socket_start_tls_finish (QNET_SOCKET (source), result, &error))
    {
      _qnet_http_request_fail (op, error);
      return;
    }
  if (op->kind == QNET_HTTP_REQUEST_CONNECT)
    {
      op_priv (op)->conn_reusable = TRUE;
      _qnet_http_request_succeed (op);
      return;
    }
  _qnet_http_request_send (op);
}

/* TLS with the socket's settings (verify-peer, ca-file, certificate,
 * accept-certificate): start-ssl, the handshake, ssl-established. The
 * certificate must match the URL's host (also through a proxy tunnel)
 * unless QnetSocket:server-name says otherwise. */
static void
request_start_tls (QnetHttpRequestOp *op)
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
  QnetHttpRequestOp *op = data;
  guint status = qnet_http_head_get_status_code (op->head);

  g_clear_error (&error);
  _qnet_http_request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_PROXY,
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
  QnetHttpRequestOp *op = data;
  guint status;

  if (error != NULL)
    {
      _qnet_http_request_fail (op, error);
      return;
    }

  status = qnet_http_head_get_status_code (head);
  if (status >= 100 && status < 200)
    {
      qnet_http_head_free (head);
      if (++op->interim > QNET_HTTP_MAX_INTERIM_RESPONSES)
        {
          _qnet_http_request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_TOO_MANY_INTERIM,
                                         _("More than %d interim responses"),
                                         QNET_HTTP_MAX_INTERIM_RESPONSES));
          return;
        }
      _qnet_http_read_head (op_socket (op), QNET_HTTP_HEAD_RESPONSE, QNET_EVENT_SOURCE_HTTP_CLIENT, -1,
                            op_cancellable (op), tunnel_head_done, op);
      return;
    }

  _qnet_http_request_set_head (op, head);
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
  QnetHttpRequestOp *op = data;

  if (error != NULL)
    {
      _qnet_http_request_fail (op, error);
      return;
    }
  _qnet_http_read_head (op_socket (op), QNET_HTTP_HEAD_RESPONSE, QNET_EVENT_SOURCE_HTTP_CLIENT, -1,
                        op_cancellable (op), tunnel_head_done, op);
}

/* HTTPS through a proxy: CONNECT host:port, then TLS on the tunnel. */
static void
request_tunnel (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  QnetHttpHeaderList list;
  g_autofree QnetHttpHeaderPair *pairs = NULL;
  g_autofree char *authority = g_strdup_printf (strchr (op->url->host, ':') != NULL ? "[%s]:%d" : "%s:%d",
                                                op->url->host, op->url->port);
  g_autofree char *auth = _qnet_http_request_proxy_credentials (op);
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
      _qnet_http_request_fail (op, error);
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
request_connected (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);

  g_free (priv->conn_key);
  priv->conn_key = g_strdup (op->conn_key);

  if (_qnet_http_scheme_is_secure (op->url->scheme))
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
      _qnet_http_request_succeed (op);
      return;
    }
  _qnet_http_request_send (op);
}

/* A kept connection is used if it reaches the same place and the server
 * did not close it (or send anything unasked) meanwhile. */
static gboolean
connection_is_reusable (QnetHttpRequestOp *op)
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

void
_qnet_http_request_connection (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);

  if (connection_is_reusable (op))
    {
      priv->conn_reusable = FALSE;  /* in use */
      op->touched = TRUE;
      op->reused = TRUE;
      if (op->kind == QNET_HTTP_REQUEST_CONNECT)
        {
          priv->conn_reusable = TRUE;
          _qnet_http_request_succeed (op);
          return;
        }
      _qnet_http_request_send (op);
      return;
    }

  request_connect (op);
}

/* A failure before any response byte on a reused connection: the server
 * closed it as we used it. Send once more on a fresh one. */
gboolean
_qnet_http_request_retry (QnetHttpRequestOp *op)
{
  if (!op->reused || op->retried || op->body_stream != NULL)
    return FALSE;
  op->retried = TRUE;
  _qnet_http_request_drop_connection (op);
  request_connect (op);
  return TRUE;
}
