/* qi-demo-http.c: the HTTP part of the demo
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A small HTTP/1.1 server built from QnetSocket (its HTTP helpers) on
 * 127.0.0.1, any free port, answering:
 *   /hello   200 with a Content-Length body
 *   /stream  200 with a chunked body (four chunks)
 *   /old     302 to /hello
 *   other    404
 * and keeping connections alive; a persistent QnetHttpClient sends one
 * request per step over one connection (plain, chunked, redirected, 404),
 * and a second client asks a closed port (connect-failed).
 *
 * It also provides qi_demo_http_request() for the request bar.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "qi-demo-private.h"

#define DEMO_HTTP_TIMEOUT_MS 5000

static void http_serve_next (QiDemo     *self,
                             QnetSocket *conn);

typedef struct _ServeCall ServeCall;

struct _ServeCall {
  QiDemo     *demo;   /* (owned) */
  QnetSocket *conn;   /* (owned) */
  char       *method;
  char       *path;
  guint       chunk;   /* the next chunk of /stream */
};

static void
serve_call_free (ServeCall *call)
{
  g_object_unref (call->demo);
  g_object_unref (call->conn);
  g_free (call->method);
  g_free (call->path);
  g_free (call);
}

static const char * const stream_pieces[] = {
  "Streaming ", "from the qnet ", "demo server, ", "in four chunks.\n",
};

static void send_next_chunk (ServeCall *call);

static gboolean
next_chunk_cb (gpointer data)
{
  send_next_chunk (data);
  return G_SOURCE_REMOVE;
}

static void
chunk_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ServeCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!qnet_socket_send_finish (QNET_SOCKET (object), result, &error))
    {
      serve_call_free (call);
      return;
    }
  if (call->chunk > G_N_ELEMENTS (stream_pieces))
    {
      http_serve_next (call->demo, call->conn);   /* keep-alive: the next request */
      serve_call_free (call);
      return;
    }
  /* a pause between chunks: the receiving phase shows on the lane */
  g_timeout_add (70, next_chunk_cb, call);
}

/* The chunked body, one chunk at a time (the head went out already). */
static void
send_next_chunk (ServeCall *call)
{
  g_autofree char *text = NULL;

  if (call->chunk < G_N_ELEMENTS (stream_pieces))
    text = g_strdup_printf ("%zx\r\n%s\r\n", strlen (stream_pieces[call->chunk]), stream_pieces[call->chunk]);
  else
    text = g_strdup ("0\r\n\r\n");
  call->chunk++;
  qnet_socket_send_async (call->conn, text, call->demo->cancellable, chunk_sent_cb, call);
}

static void
http_responded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ServeCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!qnet_socket_send_http_response_finish (QNET_SOCKET (object), result, &error))
    {
      serve_call_free (call);
      return;
    }
  if (g_str_equal (call->path, "/stream"))
    {
      g_timeout_add (70, next_chunk_cb, call);
      return;
    }
  http_serve_next (call->demo, call->conn);   /* keep-alive: the next request */
  serve_call_free (call);
}

/* Answers after a short think, so that waiting shows on the lanes. */
static gboolean
respond_cb (gpointer data)
{
  ServeCall *call = data;
  g_autoptr(GHashTable) headers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) reply = NULL;
  guint status = 200;
  const char *reason = "OK";

  g_hash_table_insert (headers, (char *) "Server", (char *) "qnet-inspector-demo");
  if (g_str_equal (call->path, "/hello"))
    {
      g_hash_table_insert (headers, (char *) "Content-Type", (char *) "text/plain; charset=utf-8");
      reply = g_bytes_new_static ("Hello from the qnet demo server.\n", 33);
    }
  else if (g_str_equal (call->path, "/stream"))
    {
      g_hash_table_insert (headers, (char *) "Content-Type", (char *) "text/plain; charset=utf-8");
      g_hash_table_insert (headers, (char *) "Transfer-Encoding", (char *) "chunked");
    }
  else if (g_str_equal (call->path, "/old"))
    {
      status = 302;
      reason = "Found";
      g_hash_table_insert (headers, (char *) "Location", (char *) "/hello");
    }
  else
    {
      status = 404;
      reason = "Not Found";
      g_hash_table_insert (headers, (char *) "Content-Type", (char *) "text/plain; charset=utf-8");
      reply = g_bytes_new_static ("Not found.\n", 11);
    }
  qnet_socket_send_http_response_async (call->conn, status, reason, "1.1", headers, reply,
                                        call->demo->cancellable, http_responded_cb, call);
  return G_SOURCE_REMOVE;
}

static void
http_body_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ServeCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = qnet_socket_read_http_body_finish (QNET_SOCKET (object), result, NULL, &error);

  if (error != NULL || !call->demo->running)
    {
      serve_call_free (call);
      return;
    }
  g_timeout_add (40 + g_random_int_range (0, 80), respond_cb, call);
}

static void
http_head_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ServeCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) head = qnet_socket_read_http_header_finish (QNET_SOCKET (object), result, &error);

  if (head == NULL)
    {
      serve_call_free (call);   /* the client closed the connection */
      return;
    }
  if (!g_variant_lookup (head, "method", "s", &call->method))
    call->method = g_strdup ("GET");
  if (!g_variant_lookup (head, "path", "s", &call->path))
    call->path = g_strdup ("/");
  qnet_socket_read_http_body_async (call->conn, call->method, DEMO_HTTP_TIMEOUT_MS,
                                    call->demo->cancellable, http_body_cb, call);
}

static void
http_serve_next (QiDemo     *self,
                 QnetSocket *conn)
{
  ServeCall *call = g_new0 (ServeCall, 1);

  call->demo = g_object_ref (self);
  call->conn = g_object_ref (conn);
  qnet_socket_read_http_header_async (conn, -1, self->cancellable, http_head_cb, call);
}

static void
on_http_incoming (QnetSocket *server,
                  QnetSocket *conn,
                  QiDemo     *self)
{
  /* keep the server side of each connection: its lane stays */
  if (self->http_connections->len >= 16)
    g_ptr_array_remove_index (self->http_connections, 0);
  g_ptr_array_add (self->http_connections, g_object_ref (conn));
  qi_demo_watch (self, conn);
  http_serve_next (self, conn);
}

static void
http_request_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(QiDemo) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response =
    qnet_http_client_send_finish (QNET_HTTP_CLIENT (object), result, &error);

  qi_demo_step_done (self);
}

static void
step_http_get (QiDemo   *self,
               gpointer  data)
{
  const char *path = data;

  qnet_http_client_send_async (self->http_client, "GET", path, NULL, NULL, self->cancellable,
                               http_request_cb, g_object_ref (self));
}

static void
step_http_refused (QiDemo   *self,
                   gpointer  data)
{
  qnet_http_client_send_async (self->http_refused, "GET", "/", NULL, NULL, self->cancellable,
                               http_request_cb, g_object_ref (self));
}

void
qi_demo_http_add_steps (QiDemo *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *closed = NULL;

  self->http_connections = g_ptr_array_new_with_free_func (g_object_unref);
  self->http_server = qnet_socket_new ();
  qi_demo_watch (self, self->http_server);
  if (!qnet_socket_bind (self->http_server, "127.0.0.1:0", TRUE, NULL, &error) ||
      !qnet_socket_listen (self->http_server, 8, &error) ||
      !qnet_socket_start_accepting (self->http_server, &error))
    {
      g_message ("qnet-inspector demo: no loopback HTTP server: %s", error->message);
      return;
    }
  g_signal_connect (self->http_server, "incoming-connection", G_CALLBACK (on_http_incoming), self);

  /* by name: the lanes show the DNS lookup too */
  url = g_strdup_printf ("http://localhost:%d/", qnet_socket_get_port (self->http_server));
  self->http_client = qnet_http_client_new (url);
  qnet_http_client_set_persistent (self->http_client, TRUE);
  qnet_http_client_set_error_passthru (self->http_client, TRUE);
  qi_demo_watch (self, self->http_client);

  closed = g_strdup_printf ("http://127.0.0.1:%u/", qi_demo_find_closed_port ());
  self->http_refused = qnet_http_client_new (closed);
  qi_demo_watch (self, self->http_refused);

  qi_demo_add_step (self, 150, step_http_get, (gpointer) "/hello");
  qi_demo_add_step (self, 150, step_http_get, (gpointer) "/stream");
  qi_demo_add_step (self, 150, step_http_get, (gpointer) "/old");
  qi_demo_add_step (self, 150, step_http_get, (gpointer) "/missing");
  qi_demo_add_step (self, 150, step_http_refused, NULL);
}

void
qi_demo_http_dispose (QiDemo *self)
{
  if (self->http_server != NULL)
    g_signal_handlers_disconnect_by_data (self->http_server, self);
  g_clear_object (&self->http_client);
  g_clear_object (&self->http_refused);
  g_clear_pointer (&self->http_connections, g_ptr_array_unref);
  g_clear_object (&self->http_server);
}

/* The request bar --------------------------------------------------------- */

static void
request_bar_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(QnetHttpResponse) response =
    qnet_http_client_send_finish (QNET_HTTP_CLIENT (object), result, &error);

  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task,
                         g_strdup_printf ("%u %s · %" G_GINT64_FORMAT " B",
                                          qnet_http_response_get_status_code (response),
                                          qnet_http_response_get_status_message (response)
                                          ? qnet_http_response_get_status_message (response) : "",
                                          qnet_http_response_get_body_size (response)),
                         g_free);
}

void
qi_demo_http_request (QiEventStore        *store,
                      GPtrArray           *keep,
                      const char          *method,
                      const char          *url,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  QnetHttpClient *client;
  GError *error = NULL;

  g_task_set_source_tag (task, qi_demo_http_request);
  client = qnet_http_client_new (NULL);
  if (!qnet_http_client_set_url (client, url, &error))
    {
      g_object_unref (client);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  qnet_http_client_set_error_passthru (client, TRUE);
  g_ptr_array_add (keep, client);
  qi_event_store_watch_emitter (store, client);
  qnet_http_client_send_async (client, method, NULL, NULL, NULL, cancellable, request_bar_done_cb, task);
}

char *
qi_demo_http_request_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
