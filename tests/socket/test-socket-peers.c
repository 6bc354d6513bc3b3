/* test-socket-peers.c: QnetSocket against real programs: nginx and curl
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-test-nginx.h"
#include "socket-test.h"

#define CURL_PATH "/usr/bin/curl"

static GBytes *
make_body (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ("0123456789abcdefghijklmnopqrstuvwxyz\n"[i % 37]);
  return g_bytes_new_take (data, size);
}

/* A raw HTTP/1.0 request with send, the reply with recv until nginx
 * closes; then HTTP/1.1 with a record read for the head and an exact read
 * for the body. */
static void
test_peers_nginx_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTestNginx) nginx = qnet_test_nginx_start (NULL, &error);
  g_autoptr(GBytes) body = make_body (300 * 1000);
  g_autofree char *dest = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (nginx);
  qnet_test_nginx_add_file (nginx, "small.txt", "hello from nginx\n", -1);
  qnet_test_nginx_add_file (nginx, "big.txt", g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  dest = g_strdup_printf ("127.0.0.1:%u", qnet_test_nginx_get_port (nginx));

  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();
    g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
    g_autofree char *reply = NULL;
    const char *blank;

    qnet_test_recorder_attach (rec, sock);
    g_assert_true (qnet_socket_connect_to (sock, dest, 5000, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (qnet_socket_send (sock, "GET /small.txt HTTP/1.0\r\nHost: localhost\r\n\r\n", NULL, &error));
    g_assert_no_error (error);
    reply = qnet_socket_recv (sock, -1, 5000, NULL, &error);
    g_assert_no_error (error);

    g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 200 OK\r\n"));
    g_assert_nonnull (strstr (reply, "\r\nContent-Length: 17\r\n"));
    blank = strstr (reply, "\r\n\r\n");
    g_assert_nonnull (blank);
    g_assert_cmpstr (blank + 4, ==, "hello from nginx\n");

    /* nginx closed the HTTP/1.0 connection: so did the socket. */
    g_assert_false (qnet_socket_is_open (sock));
    g_assert_cmpuint (qnet_test_recorder_count (rec, "packet-sent"), ==, 1);
    g_assert_cmpuint (qnet_test_recorder_count (rec, "packet-read"), >=, 1);
    g_assert_cmpuint (qnet_test_recorder_count (rec, "channel-closed"), ==, 1);
  }

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(GBytes) head = NULL;
      g_autoptr(GBytes) received = NULL;
      g_autofree char *head_text = NULL;
      g_autofree char *length_header = g_strdup_printf ("\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n",
                                                         g_bytes_get_size (body));

      g_assert_true (qnet_socket_connect_to (sock, dest, 5000, NULL, &error));
      g_assert_true (qnet_socket_send (sock, "GET /big.txt HTTP/1.1\r\nHost: localhost\r\n\r\n", NULL, &error));
      g_assert_no_error (error);

      head = qnet_socket_recv_until (sock, "\r\n\r\n", 64 * 1024, 5000, NULL, &error);
      g_assert_no_error (error);
      head_text = g_strndup (g_bytes_get_data (head, NULL), g_bytes_get_size (head));
      g_assert_true (g_str_has_prefix (head_text, "HTTP/1.1 200 OK\r\n"));
      g_assert_nonnull (strstr (head_text, length_header));

      if (async)
        {
          g_autoptr(GAsyncResult) result = NULL;

          qnet_socket_recv_bytes_async (sock, g_bytes_get_size (body), 5000, NULL, test_async_ready, &result);
          received = qnet_socket_recv_bytes_finish (sock, test_async_wait (&result), &error);
        }
      else
        received = qnet_socket_recv_bytes (sock, g_bytes_get_size (body), 5000, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (received, body));

      /* Keep-alive: the connection stays open. */
      g_assert_true (qnet_socket_is_open (sock));
      g_assert_false (qnet_socket_is_data_available (sock, 0, NULL, &error));
      qnet_socket_close (sock);
    }
}

/* The server side, used by curl: bind, listen, accept, read the request,
 * send a raw HTTP response; curl must receive it intact. */
static void
test_peers_curl_server (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) listener = qnet_socket_new ();
      g_autoptr(QnetSocket) conn = NULL;
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) curl = NULL;
      g_autoptr(GBytes) request = NULL;
      g_autoptr(GBytes) body = make_body (200 * 1000 + 7);
      g_autoptr(GBytes) curl_out = NULL;
      g_autofree char *url = NULL;
      g_autofree char *request_text = NULL;
      g_autofree char *host_header = NULL;
      g_autofree char *head = NULL;
      GByteArray *expected;
      g_autoptr(GBytes) expected_bytes = NULL;

      g_assert_true (g_file_test (CURL_PATH, G_FILE_TEST_IS_EXECUTABLE));

      g_assert_true (qnet_socket_bind (listener, "127.0.0.1:0", TRUE, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (qnet_socket_listen (listener, 4, &error));
      g_assert_no_error (error);
      qnet_test_recorder_attach (rec, listener);

      url = g_strdup_printf ("http://127.0.0.1:%d/some/path?x=1", qnet_socket_get_port (listener));
      curl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                               CURL_PATH, "--silent", "--show-error", "--http1.1", "--max-time", "10",
                               "--dump-header", "-", "--output", "-", url, NULL);
      g_assert_no_error (error);

      if (async)
        {
          g_autoptr(GAsyncResult) result = NULL;

          qnet_socket_accept_async (listener, 10000, NULL, test_async_ready, &result);
          conn = qnet_socket_accept_finish (listener, test_async_wait (&result), &error);
        }
      else
        conn = qnet_socket_accept (listener, 10000, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (conn);
      qnet_test_recorder_assert_names (rec, "incoming-connection");

      request = qnet_socket_recv_until (conn, "\r\n\r\n", 64 * 1024, 10000, NULL, &error);
      g_assert_no_error (error);
      request_text = g_strndup (g_bytes_get_data (request, NULL), g_bytes_get_size (request));
      g_assert_true (g_str_has_prefix (request_text, "GET /some/path?x=1 HTTP/1.1\r\n"));
      host_header = g_strdup_printf ("\r\nHost: 127.0.0.1:%d\r\n", qnet_socket_get_port (listener));
      g_assert_nonnull (strstr (request_text, host_header));

      head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                              "Content-Type: application/octet-stream\r\n"
                              "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                              "Connection: close\r\n"
                              "\r\n", g_bytes_get_size (body));
      g_assert_true (qnet_socket_send (conn, head, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (qnet_socket_send_bytes (conn, body, NULL, &error));
      g_assert_no_error (error);
      qnet_socket_close (conn);

      g_assert_true (g_subprocess_communicate (curl, NULL, NULL, &curl_out, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (curl));
      g_assert_cmpint (g_subprocess_get_exit_status (curl), ==, 0);

      expected = g_byte_array_new ();
      g_byte_array_append (expected, (const guint8 *) head, strlen (head));
      g_byte_array_append (expected, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      expected_bytes = g_byte_array_free_to_bytes (expected);
      g_assert_true (g_bytes_equal (curl_out, expected_bytes));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/socket/peers/nginx-client", test_peers_nginx_client);
  g_test_add_func ("/socket/peers/curl-server", test_peers_curl_server);

  return g_test_run ();
}
