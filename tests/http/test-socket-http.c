/* test-socket-http.c: QnetSocket's HTTP helpers, and curl as the client
 * of the demo server built from them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "http-test-common.h"
#include "qnet-demo-http-server.h"
#include "qnet-test-spawn.h"

/* ---- curl against the demo server ----------------------------------------------- */

typedef struct {
  gboolean  done;
  char     *out;
  char     *err;
  gint      status;
} CurlRun;

static void
curl_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  CurlRun *run = data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->done = TRUE;
}

/* Runs curl with @args (NULL-terminated) while the demo server serves
 * from this thread's main context; returns its stdout. */
static char *
run_curl (gint       *status,
          const char *first_arg,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CurlRun run = { FALSE, NULL, NULL, -1 };
  const char *arg = first_arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "curl");
  g_ptr_array_add (argv, (gpointer) "--silent");
  g_ptr_array_add (argv, (gpointer) "--show-error");
  g_ptr_array_add (argv, (gpointer) "--max-time");
  g_ptr_array_add (argv, (gpointer) "10");
  g_ptr_array_add (argv, (gpointer) "--noproxy");
  g_ptr_array_add (argv, (gpointer) "*");
  va_start (args, first_arg);
  while (arg != NULL)
    {
      g_ptr_array_add (argv, (gpointer) arg);
      arg = va_arg (args, const char *);
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = qnet_test_spawn_peer ((const char * const *) argv->pdata,
                                  G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  /* curl is a required peer: missing is a failure, not a skip. */
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, curl_done, &run);
  qnet_test_wait_for_flag (&run.done, HTTP_TEST_TIMEOUT_MS * 2);
  if (status != NULL)
    *status = run.status;
  else if (run.status != 0)
    g_error ("curl failed (%d): %s", run.status, run.err);
  g_free (run.err);
  return run.out;
}

typedef struct {
  QnetDemoHttpServer *server;
  QnetTestRecorder   *rec;      /* records the server's connection sockets */
} DemoFixture;

static void
on_connection (QnetDemoHttpServer *server,
               QnetSocket         *connection,
               gpointer            data)
{
  DemoFixture *f = data;

  qnet_test_recorder_attach (f->rec, connection);
}

static void
demo_setup (DemoFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->rec = qnet_test_recorder_new ();
  f->server = qnet_demo_http_server_new ();
  qnet_demo_http_server_set_connection_func (f->server, on_connection, f);
  g_assert_true (qnet_demo_http_server_start (f->server, "127.0.0.1:0", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_demo_http_server_get_port (f->server), >, 0);
}

static void
demo_teardown (DemoFixture   *f,
               gconstpointer  data)
{
  qnet_demo_http_server_free (f->server);
  qnet_test_recorder_free (f->rec);
}

static void
test_curl_get (DemoFixture   *f,
               gconstpointer  data)
{
  g_autofree char *url = qnet_demo_http_server_get_url (f->server, "/hello");
  g_autofree char *out = run_curl (NULL, url, NULL);
  QnetEvent *event;

  g_assert_cmpstr (out, ==, "Hello from libqnet\n");
  g_assert_cmpuint (qnet_demo_http_server_get_n_requests (f->server), ==, 1);

  /* The server side's events, from QnetSocket's helpers: source 1. */
  event = qnet_test_recorder_find (f->rec, "http-message-received", 0);
  g_assert_nonnull (event);
  g_assert_cmpint (qnet_event_get_source (event), ==, QNET_EVENT_SOURCE_SOCKET);
  {
    g_autoptr(GVariant) head = qnet_event_lookup (event, "headers");
    const char *value = NULL;

    g_assert_true (g_variant_lookup (head, "method", "&s", &value));
    g_assert_cmpstr (value, ==, "GET");
    g_assert_true (g_variant_lookup (head, "path", "&s", &value));
    g_assert_cmpstr (value, ==, "/hello");
    g_assert_true (g_variant_lookup (head, "http_version", "&s", &value));
    g_assert_cmpstr (value, ==, "1.1");
    g_assert_true (g_variant_lookup (head, "user-agent", "&s", &value));
    g_assert_true (g_str_has_prefix (value, "curl/"));
  }
  event = qnet_test_recorder_find (f->rec, "http-send-message", 0);
  g_assert_cmpint (qnet_event_get_source (event), ==, QNET_EVENT_SOURCE_SOCKET);
  g_assert_cmpstr (qnet_test_event_get_string (event, "message"), ==, "HTTP/1.1 200 OK");
  {
    g_autoptr(GVariant) headers = qnet_event_lookup (event, "headers");
    const char *value = NULL;

    g_assert_true (g_variant_lookup (headers, "Content-Length", "&s", &value));
    g_assert_cmpstr (value, ==, "19");
  }
}

static void
test_curl_keep_alive (DemoFixture   *f,
                      gconstpointer  data)
{
  g_autofree char *url1 = qnet_demo_http_server_get_url (f->server, "/hello");
  g_autofree char *url2 = qnet_demo_http_server_get_url (f->server, "/bytes/100000");
  g_autofree char *url3 = qnet_demo_http_server_get_url (f->server, "/status/204");
  g_autofree char *out = run_curl (NULL, url1, url2, url3, NULL);

  g_assert_cmpuint (strlen (out), ==, 19 + 100000);
  g_assert_true (g_str_has_prefix (out, "Hello from libqnet\n0123"));
  g_assert_cmpuint (qnet_demo_http_server_get_n_requests (f->server), ==, 3);
  g_assert_cmpuint (qnet_demo_http_server_get_n_connections (f->server), ==, 1);
}

static void
test_curl_head_and_status (DemoFixture   *f,
                           gconstpointer  data)
{
  g_autofree char *hello = qnet_demo_http_server_get_url (f->server, "/hello");
  g_autofree char *missing = qnet_demo_http_server_get_url (f->server, "/nothing");
  g_autofree char *head = run_curl (NULL, "--head", hello, NULL);
  g_autofree char *code = run_curl (NULL, "--output", "/dev/null", "--write-out", "%{http_code}", missing, NULL);
  gint status = 0;
  g_autofree char *failed = run_curl (&status, "--fail", missing, NULL);

  g_assert_true (g_str_has_prefix (head, "HTTP/1.1 200 OK\r\n"));
  g_assert_nonnull (strstr (head, "Content-Length: 19\r\n"));
  g_assert_cmpstr (code, ==, "404");
  g_assert_cmpint (status, ==, 22);
  g_assert_cmpstr (failed, ==, "");
}

static void
test_curl_post_echo (DemoFixture   *f,
                     gconstpointer  data)
{
  g_autofree char *url = qnet_demo_http_server_get_url (f->server, "/echo");
  g_autofree char *out = run_curl (NULL, "--data-binary", "payload with spaces & symbols",
                                   "--header", "Content-Type: text/x-test", url, NULL);
  g_autofree char *chunked = run_curl (NULL, "--data-binary", "sent in chunks",
                                       "--header", "Transfer-Encoding: chunked", url, NULL);

  g_assert_cmpstr (out, ==, "payload with spaces & symbols");
  g_assert_cmpstr (chunked, ==, "sent in chunks");
}

static void
test_curl_chunked_and_redirect (DemoFixture   *f,
                                gconstpointer  data)
{
  g_autofree char *chunked_url = qnet_demo_http_server_get_url (f->server, "/chunked/3/4");
  g_autofree char *redirect_url = qnet_demo_http_server_get_url (f->server, "/redirect/3");
  g_autofree char *chunked = run_curl (NULL, chunked_url, NULL);
  g_autofree char *followed = run_curl (NULL, "--location", redirect_url, NULL);
  g_autofree char *close_url = qnet_demo_http_server_get_url (f->server, "/close");
  g_autofree char *closed = run_curl (NULL, close_url, close_url, NULL);

  g_assert_cmpstr (chunked, ==, "aaaabbbbcccc");
  g_assert_cmpstr (followed, ==, "Hello from libqnet\n");
  g_assert_cmpstr (closed, ==, "bye\nbye\n");
  /* 1 + 1 (four hops on one connection) + 2 (closed after each). */
  g_assert_cmpuint (qnet_demo_http_server_get_n_connections (f->server), ==, 4);
}

/* ---- QnetHttpClient against the demo server --------------------------------------- */

static void
test_client_against_demo (DemoFixture   *f,
                          gconstpointer  data)
{
  g_autofree char *url = qnet_demo_http_server_get_url (f->server, "/");
  g_autoptr(QnetHttpClient) client = qnet_http_client_new (url);
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trailer = NULL;
  GBytes *body;

  /* Asynchronous: the server runs in this context too. */
  qnet_http_client_get_async (client, "/chunked/5/1000", NULL, NULL, http_test_store_result, &result);
  response = qnet_http_client_get_finish (client, http_test_wait_result (&result), &error);
  g_assert_no_error (error);
  body = qnet_http_response_get_body (response);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 5000);
  trailer = qnet_http_response_get_trailer (response, "X-Chunks");
  g_assert_cmpstr (trailer, ==, "5");
}

/* ---- The helpers on their own ------------------------------------------------------- */

typedef struct {
  QnetSocket *listener;
  QnetSocket *server_side;
  QnetSocket *client_side;
} Pair;

static void
on_accepted (QnetSocket *listener,
             QnetSocket *connection,
             gpointer    data)
{
  Pair *pair = data;

  pair->server_side = g_object_ref (connection);
}

static void
pair_open (Pair *pair)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = NULL;
  gboolean connected = FALSE;
  g_autoptr(GAsyncResult) result = NULL;

  pair->listener = qnet_socket_new ();
  g_assert_true (qnet_socket_bind (pair->listener, "127.0.0.1:0", TRUE, NULL, &error));
  g_assert_true (qnet_socket_listen (pair->listener, 4, &error));
  g_signal_connect (pair->listener, "incoming-connection", G_CALLBACK (on_accepted), pair);
  g_assert_true (qnet_socket_start_accepting (pair->listener, &error));
  dest = g_strdup_printf ("127.0.0.1:%d", qnet_socket_get_port (pair->listener));

  pair->client_side = qnet_socket_new ();
  qnet_socket_connect_to_async (pair->client_side, dest, 5000, NULL, http_test_store_result, &result);
  connected = qnet_socket_connect_to_finish (pair->client_side, http_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (connected);
  while (pair->server_side == NULL)
    g_main_context_iteration (NULL, TRUE);
  qnet_socket_stop_accepting (pair->listener);
}

static void
pair_close (Pair *pair)
{
  g_clear_object (&pair->client_side);
  g_clear_object (&pair->server_side);
  qnet_socket_close (pair->listener);
  g_clear_object (&pair->listener);
}

static void
test_helpers_request_response (void)
{
  Pair pair = { NULL, };
  g_autoptr(QnetTestRecorder) client_rec = qnet_test_recorder_new ();
  g_autoptr(QnetTestRecorder) server_rec = qnet_test_recorder_new ();
  g_autoptr(GHashTable) headers = http_test_headers ("Host", "example.test", "X-Multi", "1", NULL);
  g_autoptr(GBytes) body = http_test_bytes ("request body");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GVariant) head = NULL;
  g_autoptr(GBytes) received = NULL;
  g_autoptr(GError) error = NULL;
  const char *value = NULL;
  gint64 status = 0;

  pair_open (&pair);
  qnet_test_recorder_attach (client_rec, pair.client_side);
  qnet_test_recorder_attach (server_rec, pair.server_side);

  /* Client: send a request (asynchronously: the reader is this thread). */
  qnet_socket_send_http_message_async (pair.client_side, "POST", "/submit?a=b", NULL, headers, body, NULL,
                                       http_test_store_result, &result);
  g_assert_true (qnet_socket_send_http_message_finish (pair.client_side, http_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Server: read it. */
  head = qnet_socket_read_http_header (pair.server_side, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (head, "method", "&s", &value));
  g_assert_cmpstr (value, ==, "POST");
  g_assert_true (g_variant_lookup (head, "path", "&s", &value));
  g_assert_cmpstr (value, ==, "/submit?a=b");
  g_assert_true (g_variant_lookup (head, "host", "&s", &value));
  g_assert_cmpstr (value, ==, "example.test");
  g_assert_true (g_variant_lookup (head, "content-length", "&s", &value));
  g_assert_cmpstr (value, ==, "12");
  received = qnet_socket_read_http_body (pair.server_side, NULL, 5000, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (received, NULL), g_bytes_get_size (received), "request body", 12);
  g_clear_pointer (&head, g_variant_unref);
  g_clear_pointer (&received, g_bytes_unref);

  /* Server: a chunked response with a trailer, framed by the caller. */
  {
    g_autoptr(GHashTable) response_headers = http_test_headers ("Transfer-Encoding", "chunked", NULL);
    g_autoptr(GBytes) chunked = http_test_bytes ("4\r\nabcd\r\n2\r\nef\r\n0\r\nX-T: 9\r\n\r\n");

    qnet_socket_send_http_response_async (pair.server_side, 201, "Created", NULL, response_headers, chunked,
                                          NULL, http_test_store_result, &result);
    g_assert_true (qnet_socket_send_http_response_finish (pair.server_side, http_test_wait_result (&result),
                                                          &error));
    g_assert_no_error (error);
    g_clear_object (&result);
  }

  /* Client: read the response. */
  head = qnet_socket_read_http_header (pair.client_side, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (head, "status_code", "x", &status));
  g_assert_cmpint (status, ==, 201);
  g_assert_true (g_variant_lookup (head, "status_message", "&s", &value));
  g_assert_cmpstr (value, ==, "Created");
  {
    g_autoptr(GVariant) trailers = NULL;

    received = qnet_socket_read_http_body (pair.client_side, "POST", 5000, &trailers, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (received, NULL), g_bytes_get_size (received), "abcdef", 6);
    g_assert_nonnull (trailers);
    g_assert_true (g_variant_lookup (trailers, "x-t", "&s", &value));
    g_assert_cmpstr (value, ==, "9");
  }

  /* Exact sequences, every HTTP event with source 1. */
  qnet_test_recorder_assert_names (client_rec,
                                   "http-send-message,packet-sent,packet-sent,packet-read,http-message-received");
  qnet_test_recorder_assert_names (server_rec,
                                   "packet-read,http-message-received,http-send-message,packet-sent,packet-sent");
  for (guint i = 0; i < qnet_test_recorder_get_events (client_rec)->len; i++)
    g_assert_cmpint (qnet_event_get_source (g_ptr_array_index (qnet_test_recorder_get_events (client_rec), i)),
                     ==, QNET_EVENT_SOURCE_SOCKET);
  {
    QnetEvent *event = qnet_test_recorder_find (client_rec, "http-send-message", 0);
    g_autoptr(GVariant) sent = qnet_event_lookup (event, "headers");

    g_assert_cmpstr (qnet_test_event_get_string (event, "message"), ==, "POST /submit?a=b HTTP/1.1");
    g_assert_true (g_variant_lookup (sent, "Host", "&s", &value));
    g_assert_true (g_variant_lookup (sent, "Content-Length", "&s", &value));
    g_assert_cmpstr (value, ==, "12");
  }

  pair_close (&pair);
}

static void
test_helpers_errors (void)
{
  Pair pair = { NULL, };
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) bad = http_test_headers ("X-Bad", "a\r\nb", NULL);
  g_autoptr(GVariant) head = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pair_open (&pair);
  qnet_test_recorder_attach (rec, pair.client_side);

  /* Refused before anything is sent. */
  g_assert_false (qnet_socket_send_http_message (pair.client_side, "GET", "/a b", NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (qnet_socket_send_http_message (pair.client_side, "GET", "/", NULL, bad, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (qnet_socket_send_http_response (pair.server_side, 200, "OK\r\nX: y", NULL, NULL, NULL,
                                                  NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "packet-sent"), ==, 0);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "operation-failed"), ==, 2);

  /* A body before any head. */
  body = qnet_socket_read_http_body (pair.server_side, NULL, 100, NULL, NULL, &error);
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_HTTP);
  g_clear_error (&error);

  /* A malformed head: QNET_SOCKET_ERROR_HTTP. */
  qnet_socket_send_async (pair.client_side, "HTTP/1.1 200 OK\r\nNo colon\r\n\r\n", NULL,
                          http_test_store_result, &result);
  g_assert_true (qnet_socket_send_finish (pair.client_side, http_test_wait_result (&result), &error));
  head = qnet_socket_read_http_header (pair.server_side, 5000, NULL, &error);
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_HTTP);
  g_assert_null (head);
  g_clear_error (&error);

  /* The peer closing first (on a fresh connection: the last one holds
   * the rest of the malformed head). */
  pair_close (&pair);
  pair_open (&pair);
  qnet_socket_close (pair.client_side);
  head = qnet_socket_read_http_header (pair.server_side, 5000, NULL, &error);
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED);

  pair_close (&pair);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/http/socket/curl/get", DemoFixture, NULL, demo_setup, test_curl_get, demo_teardown);
  g_test_add ("/http/socket/curl/keep-alive", DemoFixture, NULL, demo_setup, test_curl_keep_alive, demo_teardown);
  g_test_add ("/http/socket/curl/head-and-status", DemoFixture, NULL, demo_setup, test_curl_head_and_status,
              demo_teardown);
  g_test_add ("/http/socket/curl/post-echo", DemoFixture, NULL, demo_setup, test_curl_post_echo, demo_teardown);
  g_test_add ("/http/socket/curl/chunked-and-redirect", DemoFixture, NULL, demo_setup,
              test_curl_chunked_and_redirect, demo_teardown);
  g_test_add ("/http/socket/demo/client", DemoFixture, NULL, demo_setup, test_client_against_demo, demo_teardown);
  g_test_add_func ("/http/socket/helpers/request-response", test_helpers_request_response);
  g_test_add_func ("/http/socket/helpers/errors", test_helpers_errors);

  return g_test_run ();
}
