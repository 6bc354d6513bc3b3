/* test-http-nginx.c: QnetHttpClient against a real nginx on loopback
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * nginx is started by the test on a free port with a generated
 * configuration (tests/servers/qnet-test-nginx.c): GET, HEAD, keep-alive
 * across many requests, 301/302 from `return`, 404, gzip-compressed
 * chunked responses, a large static file (to memory and to a stream),
 * and HTTPS with the test CA. A missing nginx fails the test.
 */

#include "config.h"

#include <string.h>

#include "http-test-common.h"
#include "qnet-test-nginx.h"

#define NGINX_CONF \
  "access_log off;\n" \
  "keepalive_requests 100000;\n" \
  "location = /moved { return 301 /index.html; }\n" \
  "location = /found { return 302 /sub/page.txt; }\n" \
  "location /gz/ { gzip on; gzip_types text/plain; gzip_min_length 0; gzip_comp_level 6; }\n"

#define LARGE_SIZE (8 * 1024 * 1024)

typedef struct {
  QnetTestNginx    *nginx;
  QnetTestRecorder *rec;
  QnetHttpClient   *client;
  GBytes           *large;
  GString          *text;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *sub = NULL;
  guint8 *large = g_malloc (LARGE_SIZE);

  f->nginx = qnet_test_nginx_start (NGINX_CONF, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->nginx);

  for (gsize i = 0; i < LARGE_SIZE; i++)
    large[i] = (guint8) (i * 2654435761u >> 24);
  f->large = g_bytes_new_take (large, LARGE_SIZE);
  f->text = g_string_new (NULL);
  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (f->text, "%u: the same words again and again\n", i);

  sub = g_build_filename (qnet_test_nginx_get_docroot (f->nginx), "sub", NULL);
  g_mkdir_with_parents (sub, 0700);
  g_free (sub);
  sub = g_build_filename (qnet_test_nginx_get_docroot (f->nginx), "gz", NULL);
  g_mkdir_with_parents (sub, 0700);
  qnet_test_nginx_add_file (f->nginx, "index.html", "<html>hello nginx</html>\n", -1);
  qnet_test_nginx_add_file (f->nginx, "sub/page.txt", "a page\n", -1);
  qnet_test_nginx_add_file (f->nginx, "large.bin", g_bytes_get_data (f->large, NULL), LARGE_SIZE);
  qnet_test_nginx_add_file (f->nginx, "gz/words.txt", f->text->str, (gssize) f->text->len);

  url = g_strdup_printf ("http://127.0.0.1:%u/", qnet_test_nginx_get_port (f->nginx));
  f->client = qnet_http_client_new (url);
  qnet_socket_set_timeout (QNET_SOCKET (f->client), HTTP_TEST_TIMEOUT_MS);
  f->rec = qnet_test_recorder_new ();
  qnet_test_recorder_attach (f->rec, f->client);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  qnet_test_recorder_free (f->rec);
  g_bytes_unref (f->large);
  g_string_free (f->text, TRUE);
  qnet_test_nginx_stop (f->nginx);
}

/* packet-read: source 1 up to http-message-received (the head), source 2
 * after it (the body); the body ones add up to the wire size. */
static gint64
check_packet_sources (QnetTestRecorder *rec)
{
  GPtrArray *events = qnet_test_recorder_get_events (rec);
  gboolean in_body = FALSE;
  gint64 body_bytes = 0;

  for (guint i = 0; i < events->len; i++)
    {
      QnetEvent *event = g_ptr_array_index (events, i);
      const char *name = qnet_event_get_name (event);

      if (strcmp (name, "http-message-received") == 0)
        in_body = TRUE;
      else if (strcmp (name, "http-send-message") == 0)
        in_body = FALSE;
      else if (strcmp (name, "packet-read") == 0)
        {
          g_assert_cmpint (qnet_event_get_source (event), ==,
                           in_body ? QNET_EVENT_SOURCE_HTTP_CLIENT : QNET_EVENT_SOURCE_SOCKET);
          if (in_body)
            body_bytes += qnet_test_event_get_int (event, "read");
        }
    }
  return body_bytes;
}

static void
test_get (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = qnet_http_client_get (f->client, "/index.html", NULL, NULL, &error);
  g_autofree char *server = NULL;
  g_autofree char *names = NULL;
  GBytes *body;

  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
  body = qnet_http_response_get_body (response);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "<html>hello nginx</html>\n", 25);
  server = qnet_http_response_get_header (response, "Server");
  g_assert_true (g_str_has_prefix (server, "nginx"));
  g_assert_cmpstr (qnet_http_response_get_content_type (response), ==, "text/html");

  names = http_test_names_without_packets (f->rec);
  g_assert_cmpstr (names, ==, "connecting,connected,http-send-message,http-message-received,"
                              "http-content-length,http-response-complete");
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "packet-sent"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "packet-read"), >=, 1);
  check_packet_sources (f->rec);
}

static void
test_head (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = qnet_http_client_head (f->client, "/large.bin", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
  g_assert_cmpint (qnet_http_response_get_content_length (response), ==, LARGE_SIZE);
  g_assert_null (qnet_http_response_get_body (response));
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-content-length"), ==, 0);
  g_assert_true (qnet_http_client_is_connected (f->client));
}

static void
test_keep_alive_many (Fixture       *f,
                      gconstpointer  data)
{
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetHttpResponse) response = qnet_http_client_get (f->client, i % 2 ? "/index.html" : "/sub/page.txt",
                                                                   NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
    }
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "connecting"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-response-complete"), ==, 300);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "channel-closed"), ==, 0);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) moved = qnet_http_client_get (f->client, "/moved", NULL, NULL, &error);
  g_autoptr(QnetHttpResponse) found = NULL;
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/sub/page.txt", qnet_test_nginx_get_port (f->nginx));
  QnetEvent *event;
  GBytes *body;

  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (moved), ==, 200);
  g_assert_cmpuint (qnet_http_response_get_redirect_count (moved), ==, 1);
  body = qnet_http_response_get_body (moved);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "<html>hello nginx</html>\n", 25);
  event = qnet_test_recorder_find (f->rec, "http-redirect", 0);
  g_assert_true (g_str_has_suffix (qnet_test_event_get_string (event, "location"), "/index.html"));
  g_assert_cmpstr (qnet_test_event_get_string (event, "status_message"), ==, "Moved Permanently");

  found = qnet_http_client_get (f->client, "/found", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_http_response_get_url (found), ==, expected);
  /* The redirects' bodies were read: one connection for everything. */
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "connecting"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-redirect"), ==, 2);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = qnet_http_client_get (f->client, "/no/such/file", NULL, NULL, &error);
  QnetHttpResponse *last = qnet_http_client_get_last_response (f->client);
  GBytes *body;

  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_STATUS);
  g_assert_null (response);
  g_assert_cmpuint (qnet_http_response_get_status_code (last), ==, 404);
  body = qnet_http_response_get_body (last);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), "404 Not Found"));
  http_test_assert_failed_once (f->rec, "get", error);
  g_assert_true (qnet_http_client_is_connected (f->client));
}

static void
test_gzip_chunked (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = qnet_http_client_get (f->client, "/gz/words.txt", NULL, NULL, &error);
  g_autofree char *encoding = NULL;
  g_autofree char *transfer = NULL;
  GBytes *body;

  g_assert_no_error (error);
  encoding = qnet_http_response_get_header (response, "Content-Encoding");
  transfer = qnet_http_response_get_header (response, "Transfer-Encoding");
  g_assert_cmpstr (encoding, ==, "gzip");
  g_assert_cmpstr (transfer, ==, "chunked");
  body = qnet_http_response_get_body (response);
  g_assert_cmpuint (g_bytes_get_size (body), ==, f->text->len);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), f->text->str, f->text->len);
  g_assert_cmpint (qnet_http_response_get_wire_size (response), <, (gint64) f->text->len / 4);

  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-chunked-start"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-chunked-end"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-chunk-size"), >=, 2);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-chunk-size"), ==,
                    qnet_test_recorder_count (f->rec, "http-chunked-data-received") + 1);
  {
    QnetEvent *event = qnet_test_recorder_find (f->rec, "http-response-complete", 0);

    g_assert_cmpint (qnet_test_event_get_int (event, "body_size"), ==, (gint64) f->text->len);
    g_assert_cmpint (qnet_test_event_get_int (event, "wire_size"), ==,
                     qnet_http_response_get_wire_size (response));
  }
  check_packet_sources (f->rec);
}

static void
test_large_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(QnetHttpResponse) streamed = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) written = NULL;
  gint64 body_packets;

  response = qnet_http_client_get (f->client, "/large.bin", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (qnet_http_response_get_body (response), f->large));
  body_packets = check_packet_sources (f->rec);
  /* Most of the body came in later reads (the first may carry a part). */
  g_assert_cmpint (body_packets, >, LARGE_SIZE / 2);
  g_assert_cmpint (body_packets, <=, LARGE_SIZE);
  /* One read for the head at least, then several for 8 MiB. */
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "packet-read"), >, 2);

  qnet_test_recorder_clear (f->rec);
  streamed = qnet_http_client_send_to_stream (f->client, "GET", "/large.bin", NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (qnet_http_response_get_body (streamed));
  g_assert_cmpint (qnet_http_response_get_body_size (streamed), ==, LARGE_SIZE);
  g_output_stream_close (out, NULL, NULL);
  written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_bytes_equal (written, f->large));
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "connecting"), ==, 0);
}

static void
test_large_file_async (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  qnet_http_client_get_async (f->client, "/large.bin", NULL, NULL, http_test_store_result, &result);
  response = qnet_http_client_get_finish (f->client, http_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (qnet_http_response_get_body (response), f->large));
}

/* ---- HTTPS --------------------------------------------------------------------------- */

static char *
tls_path (const char *name)
{
  return g_build_filename (QNET_TEST_DATA_DIR, "tls", name, NULL);
}

static void
tls_setup (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *cert = tls_path ("server-chain.pem");
  g_autofree char *key = tls_path ("server-key.pem");
  g_autofree char *ca = tls_path ("ca.pem");
  g_autofree char *sub = NULL;
  QnetTestNginxTls tls = { cert, key, NULL, NULL };

  f->nginx = qnet_test_nginx_start_tls (NGINX_CONF, &tls, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->nginx);

  f->large = g_bytes_new_take (g_malloc0 (LARGE_SIZE), LARGE_SIZE);
  f->text = g_string_new (NULL);
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (f->text, "%u: secure words\n", i);
  sub = g_build_filename (qnet_test_nginx_get_docroot (f->nginx), "gz", NULL);
  g_mkdir_with_parents (sub, 0700);
  qnet_test_nginx_add_file (f->nginx, "index.html", "<html>hello tls</html>\n", -1);
  qnet_test_nginx_add_file (f->nginx, "large.bin", g_bytes_get_data (f->large, NULL), LARGE_SIZE);
  qnet_test_nginx_add_file (f->nginx, "gz/words.txt", f->text->str, (gssize) f->text->len);

  url = g_strdup_printf ("https://localhost:%u/", qnet_test_nginx_get_port (f->nginx));
  f->client = qnet_http_client_new (url);
  qnet_socket_set_timeout (QNET_SOCKET (f->client), HTTP_TEST_TIMEOUT_MS);
  g_assert_true (qnet_socket_set_ca_file (QNET_SOCKET (f->client), ca, &error));
  g_assert_no_error (error);
  f->rec = qnet_test_recorder_new ();
  qnet_test_recorder_attach (f->rec, f->client);
}

static void
test_https_chunked_get (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = qnet_http_client_get (f->client, "/gz/words.txt", NULL, NULL, &error);
  g_autofree char *names = NULL;
  QnetEvent *event;
  GBytes *body;

  g_assert_no_error (error);
  body = qnet_http_response_get_body (response);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), f->text->str, f->text->len);
  g_assert_true (qnet_socket_get_is_secure (QNET_SOCKET (f->client)));

  /* Up to the body, exact; then one chunk-size/data-received pair per
   * chunk nginx made, the final size, the end, the completion. */
  names = http_test_names_without_packets (f->rec);
  {
    GPtrArray *events = qnet_test_recorder_get_events (f->rec);
    g_autoptr(GString) all = g_string_new (NULL);

    for (guint i = 0; i < events->len; i++)
      {
        QnetEvent *e = g_ptr_array_index (events, i);

        g_string_append_printf (all, "%s%s(%d)", i > 0 ? "," : "", qnet_event_get_name (e),
                                (int) qnet_event_get_source (e));
      }
    g_test_message ("HTTPS chunked GET, every event (source): %s", all->str);
  }
  g_assert_true (g_str_has_prefix (names, "hostname-lookup,hostname-resolved"));
  g_assert_nonnull (strstr (names, "connecting,connected,start-ssl,ssl-established,http-send-message,"
                                   "http-message-received,http-chunked-start,http-chunk-size,"
                                   "http-chunked-data-received,"));
  g_assert_true (g_str_has_suffix (names, "http-chunked-data-received,http-chunk-size,http-chunked-end,"
                                          "http-response-complete"));
  event = qnet_test_recorder_find (f->rec, "ssl-established", 0);
  g_assert_true (g_str_has_prefix (qnet_test_event_get_string (event, "cipher_version"), "TLS1."));
  event = qnet_test_recorder_find (f->rec, "http-send-message", 0);
  g_assert_cmpint (qnet_event_get_source (event), ==, QNET_EVENT_SOURCE_HTTP_CLIENT);
  check_packet_sources (f->rec);
}

static void
test_https_keep_alive_and_large (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) large = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(QnetHttpResponse) response = qnet_http_client_get (f->client, "/index.html", NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
    }
  large = qnet_http_client_get (f->client, "/large.bin", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (qnet_http_response_get_body (large), f->large));
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "start-ssl"), ==, 1);
  /* "localhost" is ::1 too, where nginx does not listen: count connections. */
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "connected"), ==, 1);
}

static gboolean
accept_any (QnetSocket         *socket,
            QnetTlsCertificate *peer,
            const char         *code,
            gpointer            data)
{
  guint *calls = data;

  (*calls)++;
  return TRUE;
}

static void
test_https_untrusted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autofree char *url = g_strdup_printf ("https://localhost:%u/", qnet_test_nginx_get_port (f->nginx));
  g_autoptr(QnetHttpClient) plain = qnet_http_client_new (url);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  guint calls = 0;

  qnet_test_recorder_attach (rec, plain);
  response = qnet_http_client_get (plain, "/index.html", NULL, NULL, &error);
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE);
  g_assert_null (response);
  http_test_assert_failed_once (rec, "get", error);
  g_assert_false (qnet_http_client_is_connected (plain));

  g_clear_error (&error);
  g_signal_connect (plain, "accept-certificate", G_CALLBACK (accept_any), &calls);
  response = qnet_http_client_get (plain, "/index.html", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
}

static void
test_https_redirect_from_http (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autofree char *location = g_strdup_printf ("https://localhost:%u/index.html", qnet_test_nginx_get_port (f->nginx));
  g_autofree char *redirect = g_strdup_printf ("HTTP/1.1 301 Moved\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n",
                                               location);
  g_autofree char *url = http_test_server_get_url (server, "/");
  GBytes *body;

  http_test_server_add_script (server, http_test_script_new_reply (redirect, 1));
  g_assert_true (qnet_http_client_set_url (f->client, url, NULL));

  response = qnet_http_client_get (f->client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_http_response_get_url (response), ==, location);
  body = qnet_http_response_get_body (response);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "<html>hello tls</html>\n", 23);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "ssl-established"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "connected"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/http/nginx/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("get", test_get);
  ADD ("head", test_head);
  ADD ("keep-alive", test_keep_alive_many);
  ADD ("redirects", test_redirects);
  ADD ("not-found", test_not_found);
  ADD ("gzip-chunked", test_gzip_chunked);
  ADD ("large-file", test_large_file);
  ADD ("large-file-async", test_large_file_async);
#undef ADD
#define ADD_TLS(path, fn) g_test_add ("/http/nginx/https/" path, Fixture, NULL, tls_setup, fn, fixture_teardown)
  ADD_TLS ("chunked-get", test_https_chunked_get);
  ADD_TLS ("keep-alive-and-large", test_https_keep_alive_and_large);
  ADD_TLS ("untrusted", test_https_untrusted);
  ADD_TLS ("redirect-from-http", test_https_redirect_from_http);
#undef ADD_TLS

  return g_test_run ();
}
