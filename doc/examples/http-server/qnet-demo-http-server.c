/* qnet-demo-http-server.c: a small HTTP/1.1 server built from QnetSocket's HTTP helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "qnet-demo-http-server.h"

/* Bounds: an idle connection is closed after this long, a request body
 * larger than the helpers' cap is refused by them. */
#define DEMO_IDLE_TIMEOUT_MS 30000
#define DEMO_MAX_BYTES (64 * 1024 * 1024)

struct _QnetDemoHttpServer {
  QnetSocket             *listener;     /* (owned) */
  gulong                  incoming_id;
  GList                  *connections;  /* (element-type Connection) (owned) */
  QnetDemoConnectionFunc  func;
  gpointer                func_data;
  guint                   n_connections;
  guint                   n_requests;
  guint16                 port;
  gboolean                stopping;
};

typedef struct {
  QnetDemoHttpServer *server;        /* (not owned): the server outlives it */
  QnetSocket         *socket;        /* (owned) */
  GCancellable       *cancellable;   /* (owned) */
  GVariant           *head;          /* (owned) (nullable): the request being served */
  gboolean            close_after;
} Connection;

static void connection_read_next (Connection *conn);

/* Each connection always has exactly one operation pending; its
 * completion ends the connection when it failed or the server stops. */
static void
connection_end (Connection *conn)
{
  conn->server->connections = g_list_remove (conn->server->connections, conn);
  g_cancellable_cancel (conn->cancellable);
  qnet_socket_close (conn->socket);
  g_clear_object (&conn->socket);
  g_clear_object (&conn->cancellable);
  g_clear_pointer (&conn->head, g_variant_unref);
  g_free (conn);
}

static const char *
head_string (GVariant   *head,
             const char *key)
{
  const char *value = NULL;

  if (!g_variant_lookup (head, key, "&s", &value))
    return NULL;
  return value;
}

static const char *
reason_for (guint status)
{
  switch (status)
    {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default:  return "Status";
    }
}

static void
response_sent (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Connection *conn = data;
  g_autoptr(GError) error = NULL;

  if (!qnet_socket_send_http_response_finish (QNET_SOCKET (source), result, &error) || conn->close_after ||
      conn->server->stopping)
    {
      connection_end (conn);
      return;
    }
  connection_read_next (conn);
}

static void
respond (Connection *conn,
         guint       status,
         GHashTable *headers,
         GBytes     *body)
{
  g_autoptr(GHashTable) owned = headers;
  g_autoptr(GBytes) owned_body = body;

  if (conn->close_after)
    {
      if (owned == NULL)
        owned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (owned, g_strdup ("Connection"), g_strdup ("close"));
    }
  qnet_socket_send_http_response_async (conn->socket, status, reason_for (status), "1.1", owned, owned_body,
                                        conn->cancellable, response_sent, conn);
}

static GHashTable *
headers_new (const char *content_type)
{
  GHashTable *headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (content_type != NULL)
    g_hash_table_insert (headers, g_strdup ("Content-Type"), g_strdup (content_type));
  g_hash_table_insert (headers, g_strdup ("Server"), g_strdup ("qnet-demo-http-server"));
  return headers;
}

static GBytes *
text (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

/* /chunked/N/S: the helpers frame nothing when Transfer-Encoding is
 * given, so the body is written in chunked form here. */
static GBytes *
chunked_body (guint n,
              guint size)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (out, "%x\r\n", size);
      for (guint j = 0; j < size; j++)
        g_string_append_c (out, (char) ('a' + i % 26));
      g_string_append (out, "\r\n");
    }
  g_string_append_printf (out, "0\r\nX-Chunks: %u\r\n\r\n", n);
  return g_string_free_to_bytes (out);
}

/* "PREFIX/A/B" with two decimal numbers. */
static gboolean
parse_pair (const char *path,
            const char *prefix,
            guint64    *a,
            guint64    *b)
{
  g_auto(GStrv) parts = NULL;

  if (!g_str_has_prefix (path, prefix))
    return FALSE;
  parts = g_strsplit (path + strlen (prefix), "/", 3);
  return g_strv_length (parts) == 2 &&
         g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT32, a, NULL) &&
         g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, b, NULL);
}

static void
route (Connection *conn,
       GBytes     *body)
{
  const char *method = head_string (conn->head, "method");
  const char *path = head_string (conn->head, "path");
  gboolean head_only = g_strcmp0 (method, "HEAD") == 0;
  gboolean get = g_strcmp0 (method, "GET") == 0 || head_only;
  guint64 a = 0, b = 0;

  if (path == NULL || method == NULL)
    {
      conn->close_after = TRUE;
      respond (conn, 400, headers_new ("text/plain"), text ("bad request\n"));
      return;
    }

  if (get && strcmp (path, "/hello") == 0)
    {
      GHashTable *headers = headers_new ("text/plain");
      GBytes *hello = text ("Hello from libqnet\n");

      /* HEAD: the length of what GET would send, and no body. */
      if (head_only)
        {
          g_hash_table_insert (headers, g_strdup ("Content-Length"),
                               g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (hello)));
          g_clear_pointer (&hello, g_bytes_unref);
        }
      respond (conn, 200, headers, hello);
    }
  else if (get && g_str_has_prefix (path, "/bytes/") &&
           g_ascii_string_to_unsigned (path + 7, 10, 0, DEMO_MAX_BYTES, &a, NULL))
    {
      guint8 *data = g_malloc (a > 0 ? a : 1);

      for (guint64 i = 0; i < a; i++)
        data[i] = (guint8) ('0' + i % 64);
      respond (conn, 200, headers_new ("application/octet-stream"), g_bytes_new_take (data, a));
    }
  else if (get && parse_pair (path, "/chunked/", &a, &b) && a <= 1000 && b <= 65536 && b > 0)
    {
      GHashTable *headers = headers_new ("text/plain");

      g_hash_table_insert (headers, g_strdup ("Transfer-Encoding"), g_strdup ("chunked"));
      g_hash_table_insert (headers, g_strdup ("Trailer"), g_strdup ("X-Chunks"));
      respond (conn, 200, headers, chunked_body ((guint) a, (guint) b));
    }
  else if (get && g_str_has_prefix (path, "/status/") &&
           g_ascii_string_to_unsigned (path + 8, 10, 101, 599, &a, NULL))
    {
      g_autofree char *message = g_strdup_printf ("status %u\n", (guint) a);
      gboolean no_body = a == 204 || a == 304;

      respond (conn, (guint) a, headers_new ("text/plain"), no_body ? NULL : text (message));
    }
  else if (get && g_str_has_prefix (path, "/redirect/") &&
           g_ascii_string_to_unsigned (path + 10, 10, 0, 100, &a, NULL))
    {
      GHashTable *headers = headers_new ("text/plain");

      g_hash_table_insert (headers, g_strdup ("Location"),
                           a == 0 ? g_strdup ("/hello") : g_strdup_printf ("/redirect/%u", (guint) a - 1));
      respond (conn, 302, headers, text ("redirecting\n"));
    }
  else if ((g_strcmp0 (method, "POST") == 0 || g_strcmp0 (method, "PUT") == 0) && strcmp (path, "/echo") == 0)
    {
      const char *type = head_string (conn->head, "content-type");

      respond (conn, 200, headers_new (type != NULL ? type : "application/octet-stream"), g_bytes_ref (body));
    }
  else if (get && strcmp (path, "/headers") == 0)
    {
      GString *out = g_string_new (NULL);
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, conn->head);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          g_autofree char *shown = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                                   ? g_variant_dup_string (value, NULL) : g_variant_print (value, FALSE);

          g_string_append_printf (out, "%s: %s\n", key, shown);
          g_variant_unref (value);
        }
      respond (conn, 200, headers_new ("text/plain"), g_string_free_to_bytes (out));
    }
  else if (get && strcmp (path, "/close") == 0)
    {
      conn->close_after = TRUE;
      respond (conn, 200, headers_new ("text/plain"), text ("bye\n"));
    }
  else
    {
      respond (conn, 404, headers_new ("text/plain"), text ("not found\n"));
    }
}

static void
body_read (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Connection *conn = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = qnet_socket_read_http_body_finish (QNET_SOCKET (source), result, NULL, &error);
  const char *version;
  const char *connection;

  if (body == NULL || conn->server->stopping)
    {
      connection_end (conn);
      return;
    }

  conn->server->n_requests++;
  version = head_string (conn->head, "http_version");
  connection = head_string (conn->head, "connection");
  if (g_strcmp0 (version, "1.0") == 0)
    conn->close_after = connection == NULL || g_ascii_strcasecmp (connection, "keep-alive") != 0;
  else
    conn->close_after = connection != NULL && g_ascii_strcasecmp (connection, "close") == 0;

  route (conn, body);
}

static void
header_read (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Connection *conn = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&conn->head, g_variant_unref);
  conn->head = qnet_socket_read_http_header_finish (QNET_SOCKET (source), result, &error);
  if (conn->head == NULL || conn->server->stopping)
    {
      /* The client closed (or sent garbage): the connection ends. */
      connection_end (conn);
      return;
    }
  qnet_socket_read_http_body_async (conn->socket, NULL, -1, conn->cancellable, body_read, conn);
}

static void
connection_read_next (Connection *conn)
{
  qnet_socket_read_http_header_async (conn->socket, DEMO_IDLE_TIMEOUT_MS, conn->cancellable,
                                      header_read, conn);
}

static void
on_incoming (QnetSocket *listener,
             QnetSocket *socket,
             gpointer    data)
{
  QnetDemoHttpServer *self = data;
  Connection *conn = g_new0 (Connection, 1);

  conn->server = self;
  conn->socket = g_object_ref (socket);
  conn->cancellable = g_cancellable_new ();
  self->connections = g_list_prepend (self->connections, conn);
  self->n_connections++;

  if (self->func != NULL)
    self->func (self, socket, self->func_data);
  connection_read_next (conn);
}

QnetDemoHttpServer *
qnet_demo_http_server_new (void)
{
  QnetDemoHttpServer *self = g_new0 (QnetDemoHttpServer, 1);

  self->listener = qnet_socket_new ();
  return self;
}

gboolean
qnet_demo_http_server_start (QnetDemoHttpServer  *self,
                             const char          *address,
                             GError             **error)
{
  if (!qnet_socket_bind (self->listener, address, TRUE, NULL, error) ||
      !qnet_socket_listen (self->listener, 128, error))
    return FALSE;
  self->port = (guint16) MAX (qnet_socket_get_port (self->listener), 0);
  self->incoming_id = g_signal_connect (self->listener, "incoming-connection", G_CALLBACK (on_incoming), self);
  return qnet_socket_start_accepting (self->listener, error);
}

guint16
qnet_demo_http_server_get_port (QnetDemoHttpServer *self)
{
  return self->port;
}

char *
qnet_demo_http_server_get_url (QnetDemoHttpServer *self,
                               const char         *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

QnetSocket *
qnet_demo_http_server_get_listener (QnetDemoHttpServer *self)
{
  return self->listener;
}

void
qnet_demo_http_server_set_connection_func (QnetDemoHttpServer     *self,
                                           QnetDemoConnectionFunc  func,
                                           gpointer                user_data)
{
  self->func = func;
  self->func_data = user_data;
}

guint
qnet_demo_http_server_get_n_connections (QnetDemoHttpServer *self)
{
  return self->n_connections;
}

guint
qnet_demo_http_server_get_n_requests (QnetDemoHttpServer *self)
{
  return self->n_requests;
}

void
qnet_demo_http_server_free (QnetDemoHttpServer *self)
{
  if (self == NULL)
    return;
  if (self->incoming_id != 0)
    g_signal_handler_disconnect (self->listener, self->incoming_id);
  qnet_socket_stop_accepting (self->listener);
  qnet_socket_close (self->listener);
  g_clear_object (&self->listener);

  /* Fail the pending operations; their completions end the connections. */
  self->stopping = TRUE;
  for (GList *l = self->connections; l != NULL; l = l->next)
    {
      Connection *conn = l->data;

      g_cancellable_cancel (conn->cancellable);
      qnet_socket_close (conn->socket);
    }
  {
    gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (self->connections != NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (g_main_context_get_thread_default (), FALSE);
  }
  g_free (self);
}
