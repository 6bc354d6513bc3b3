/* test-http-client-features.c: QnetHttpClient against scripted loopback
 * servers, continued
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Authentication, proxies, UNIX sockets, streaming in both directions,
 * content decoding, caller input checks, timeouts and cancellation,
 * bodies without framing, methods, default headers, URLs, properties.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "http-test-common.h"

#define CL_RESPONSE "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
#define CHUNKED_RESPONSE \
  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" \
  "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Checksum: abc\r\n\r\n"

/* ---- Authentication and proxies ------------------------------------------------------- */

static void
test_basic_auth (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://alice:pa%%3Ass@127.0.0.1:%u/", http_test_server_get_port (server));
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  QnetHttpResponse *response;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 2));
  client = qnet_http_client_new (url);
  qnet_socket_set_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);

  response = qnet_http_client_get (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (response);

  qnet_http_client_set_username (client, "bob");
  qnet_http_client_set_password (client, "hunter2");
  response = qnet_http_client_get (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (response);

  http_test_server_wait_idle (server);
  first = http_test_server_get_request (server, 0);
  second = http_test_server_get_request (server, 1);
  /* "alice:pa:ss" and "bob:hunter2" */
  g_assert_nonnull (strstr (first, "Authorization: Basic YWxpY2U6cGE6c3M=\r\n"));
  g_assert_nonnull (strstr (second, "Authorization: Basic Ym9iOmh1bnRlcjI=\r\n"));
}

static void
test_http_proxy (void)
{
  g_autoptr(HttpTestServer) proxy = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy_url = g_strdup_printf ("http://puser:ppass@127.0.0.1:%u", http_test_server_get_port (proxy));
  g_autofree char *request = NULL;

  http_test_server_add_script (proxy, http_test_script_new_reply (CL_RESPONSE, 1));
  client = qnet_http_client_new ("http://example.invalid:8080/base/");
  qnet_socket_set_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);
  g_assert_true (qnet_http_client_set_proxy_url (client, proxy_url, &error));
  g_assert_no_error (error);

  response = qnet_http_client_get (client, "page?id=7", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);

  http_test_server_wait_idle (proxy);
  request = http_test_server_get_request (proxy, 0);
  g_assert_true (g_str_has_prefix (request, "GET http://example.invalid:8080/base/page?id=7 HTTP/1.1\r\n"
                                            "Host: example.invalid:8080\r\n"));
  /* base64 ("puser:ppass") */
  g_assert_nonnull (strstr (request, "Proxy-Authorization: Basic cHVzZXI6cHBhc3M=\r\n"));
}

static void
test_https_proxy_tunnel_refused (void)
{
  g_autoptr(HttpTestServer) proxy = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy_url = g_strdup_printf ("http://127.0.0.1:%u", http_test_server_get_port (proxy));
  g_autofree char *request = NULL;
  QnetEvent *event;

  http_test_server_add_script (proxy,
    http_test_script_new_reply ("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                "Proxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 6\r\n\r\ndenied", 1));
  client = qnet_http_client_new ("https://secure.example.invalid/");
  qnet_socket_set_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);
  qnet_test_recorder_attach (rec, client);
  qnet_http_client_set_proxy_url (client, proxy_url, NULL);
  qnet_http_client_set_proxy_username (client, "u");
  qnet_http_client_set_proxy_password (client, "p");

  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_PROXY);
  http_test_assert_failed_once (rec, "get", error);

  event = qnet_test_recorder_find (rec, "http-send-message", 0);
  g_assert_cmpstr (qnet_test_event_get_string (event, "message"), ==,
                   "CONNECT secure.example.invalid:443 HTTP/1.1");
  http_test_server_wait_idle (proxy);
  request = http_test_server_get_request (proxy, 0);
  g_assert_cmpstr (request, ==, "CONNECT secure.example.invalid:443 HTTP/1.1\r\n"
                                "Host: secure.example.invalid:443\r\n"
                                "Proxy-Authorization: Basic dTpw\r\n\r\n");
  g_assert_false (qnet_http_client_is_connected (client));
}

/* ---- UNIX sockets ------------------------------------------------------------------ */

static void
test_http_unix (void)
{
  g_autofree char *dir = qnet_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "http.sock", NULL);
  g_autofree char *escaped = g_uri_escape_string (path, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("http+unix://%s/api", escaped);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  HttpTestServer *server = http_test_server_new_unix (path);
  QnetEvent *event;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = qnet_http_client_new (url);
  qnet_socket_set_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);
  qnet_test_recorder_attach (rec, client);

  response = qnet_http_client_get (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
  event = qnet_test_recorder_find (rec, "connecting", 0);
  g_assert_cmpstr (qnet_test_event_get_string (event, "typename"), ==, "unix");
  g_assert_cmpstr (qnet_test_event_get_string (event, "address"), ==, path);
  g_assert_cmpint (qnet_test_recorder_count (rec, "hostname-lookup"), ==, 0);

  http_test_server_wait_idle (server);
  request = http_test_server_get_request (server, 0);
  g_assert_true (g_str_has_prefix (request, "GET /api HTTP/1.1\r\nHost: localhost\r\n"));
  g_clear_object (&client);
  http_test_server_free (server);
  qnet_test_rmdir_recursive (dir);
}

/* ---- Streaming ------------------------------------------------------------------ */

static void
test_send_to_stream (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GString) big = g_string_new ("HTTP/1.1 200 OK\r\nContent-Length: 300000\r\n\r\n");
  g_autoptr(GBytes) written = NULL;

  for (guint i = 0; i < 300000; i++)
    g_string_append_c (big, (char) ('a' + i % 26));
  http_test_server_add_script (server, http_test_script_new_reply (big->str, 1));
  client = http_test_client_new (server, NULL);

  response = qnet_http_client_send_to_stream (client, "GET", "/big", NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (qnet_http_response_get_body (response));
  g_assert_cmpint (qnet_http_response_get_body_size (response), ==, 300000);
  g_output_stream_close (out, NULL, NULL);
  written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                   big->str + big->len - 300000, 300000);
}

static void
test_chunked_upload (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data ("0123456789abcdef", 16, NULL);
  g_autoptr(GVariant) trailers = NULL;
  g_autofree char *request = NULL;
  GVariantBuilder builder;
  QnetEvent *event;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "X-Sum", g_variant_new_string ("42"));
  trailers = g_variant_ref_sink (g_variant_builder_end (&builder));

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (server, rec);
  g_object_set (client, "capture-data", TRUE, NULL);

  response = qnet_http_client_send_chunked (client, "PUT", "/file", NULL, in, 6, trailers, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);

  http_test_server_wait_idle (server);
  request = http_test_server_get_request (server, 0);
  g_assert_true (g_str_has_prefix (request, "PUT /file HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (request, "Transfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n"));
  g_assert_true (g_str_has_suffix (request, "\r\n\r\n6\r\n012345\r\n6\r\n6789ab\r\n4\r\ncdef\r\n0\r\nX-Sum: 42\r\n\r\n"));

  g_assert_cmpuint (qnet_test_recorder_count (rec, "http-chunked-data-sent"), ==, 3);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "http-footers-sent"), ==, 1);
  event = qnet_test_recorder_find (rec, "http-chunked-data-sent", 2);
  {
    g_autoptr(GVariant) data = qnet_event_lookup (event, "data");

    g_assert_cmpmem (g_variant_get_data (data), g_variant_get_size (data), "cdef", 4);
  }
}

/* ---- Content decoding ------------------------------------------------------------- */

static void
check_decoding (gboolean zlib,
                gboolean chunked)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(QnetHttpResponse) raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GByteArray) reply = g_byte_array_new ();
  g_autofree char *head = NULL;
  HttpTestScript *script;
  GBytes *body;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (plain, "line %u\n", i);
  packed = http_test_compress (plain->str, plain->len, zlib);

  if (chunked)
    {
      gsize len;
      const guint8 *p = g_bytes_get_data (packed, &len);
      gsize half = len / 2;
      g_autofree char *c1 = g_strdup_printf ("%zx\r\n", half);
      g_autofree char *c2 = g_strdup_printf ("\r\n%zx\r\n", len - half);

      head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\nTransfer-Encoding: chunked\r\n\r\n",
                              zlib ? "deflate" : "gzip");
      g_byte_array_append (reply, (const guint8 *) head, strlen (head));
      g_byte_array_append (reply, (const guint8 *) c1, strlen (c1));
      g_byte_array_append (reply, p, half);
      g_byte_array_append (reply, (const guint8 *) c2, strlen (c2));
      g_byte_array_append (reply, p + half, len - half);
      g_byte_array_append (reply, (const guint8 *) "\r\n0\r\n\r\n", 7);
    }
  else
    {
      head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\nContent-Length: %zu\r\n\r\n",
                              zlib ? "deflate" : "gzip", g_bytes_get_size (packed));
      g_byte_array_append (reply, (const guint8 *) head, strlen (head));
      g_byte_array_append (reply, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed));
    }

  for (guint i = 0; i < 2; i++)
    {
      script = http_test_script_new ();
      http_test_script_read_request (script);
      http_test_script_send_len (script, reply->data, reply->len);
      http_test_script_close (script);
      http_test_server_add_script (server, script);
    }
  client = http_test_client_new (server, NULL);

  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  body = qnet_http_response_get_body (response);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), plain->str, plain->len);
  g_assert_cmpint (qnet_http_response_get_wire_size (response), ==, g_bytes_get_size (packed));
  g_assert_cmpint (qnet_http_response_get_body_size (response), ==, plain->len);

  /* Without decoding, the body is delivered as received. */
  qnet_http_client_set_decode_content (client, FALSE);
  raw = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  body = qnet_http_response_get_body (raw);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   g_bytes_get_data (packed, NULL), g_bytes_get_size (packed));
  http_test_server_wait_idle (server);
  {
    g_autofree char *second = http_test_server_get_request (server, 1);

    g_assert_null (strstr (second, "Accept-Encoding"));
  }
}

static void
test_decode_gzip (void)
{
  check_decoding (FALSE, FALSE);
}

static void
test_decode_deflate_chunked (void)
{
  check_decoding (TRUE, TRUE);
}

/* ---- Caller input ------------------------------------------------------------------ */

static void
test_invalid_input_refused (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  const char *bad_paths[] = { "/a\r\nX-Injected: 1", "/a\nb", "/a\rb" };
  const char *bad_methods[] = { "GET\r\n", "G ET", "GET\n", "" };

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (server, rec);

  for (guint i = 0; i < G_N_ELEMENTS (bad_paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetHttpResponse) response = qnet_http_client_get (client, bad_paths[i], NULL, NULL, &error);

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (response);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_methods); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetHttpResponse) response = qnet_http_client_send (client, bad_methods[i], "/", NULL, NULL,
                                                                    NULL, &error);

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (response);
    }
  {
    const char *bad[][2] = {
      { "X-Bad", "a\r\nInjected: 1" },
      { "X-Bad", "a\nb" },
      { "X-Bad", "a\rb" },
      { "X-Bad\r\nInjected", "1" },
      { "X Bad", "1" },
      { "X-Bad:", "1" },
      { "", "1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GHashTable) headers = http_test_headers (bad[i][0], bad[i][1], NULL);
        g_autoptr(QnetHttpResponse) response = qnet_http_client_get (client, "/", headers, NULL, &error);

        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
        g_assert_null (response);
      }
  }
  {
    /* A NUL in a header value ends the C string there: it cannot be
     * sent; in a trailer (a GVariant string cannot hold one either) the
     * same goes. A control character is refused. */
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) headers = http_test_headers ("X-Ctl", "a\001b", NULL);
    g_autoptr(QnetHttpResponse) response = qnet_http_client_get (client, "/", headers, NULL, &error);

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_null (response);
  }

  /* Nothing reached the network. */
  g_assert_cmpuint (http_test_server_get_n_connections (server), ==, 0);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "connecting"), ==, 0);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "http-send-message"), ==, 0);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "operation-failed"), ==,
                    G_N_ELEMENTS (bad_paths) + G_N_ELEMENTS (bad_methods) + 8);
}

/* ---- Timeouts and cancellation ------------------------------------------------------ */

static void
test_timeout (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  HttpTestScript *script = http_test_script_new ();
  gint64 start;

  http_test_script_read_request (script);
  http_test_script_hold (script);
  http_test_server_add_script (server, script);
  client = http_test_client_new (server, rec);
  qnet_socket_set_timeout (QNET_SOCKET (client), 300);

  start = g_get_monotonic_time ();
  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5000 * 1000);
  http_test_assert_failed_once (rec, "get", error);
  /* Not reused. */
  g_assert_false (qnet_http_client_is_connected (client));
  g_assert_cmpuint (qnet_test_recorder_count (rec, "channel-closed"), ==, 1);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_async (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(QnetHttpResponse) second = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  HttpTestScript *script = http_test_script_new ();

  http_test_script_read_request (script);
  http_test_script_send (script, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
  http_test_script_hold (script);
  http_test_server_add_script (server, script);
  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (server, rec);

  qnet_http_client_get_async (client, "/", NULL, cancellable, http_test_store_result, &result);
  g_timeout_add (200, cancel_cb, cancellable);
  response = qnet_http_client_get_finish (client, http_test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (response);
  http_test_assert_failed_once (rec, "get", error);
  g_assert_false (qnet_http_client_is_connected (client));

  /* The client is usable again, on a new connection. */
  g_clear_error (&error);
  second = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (second), ==, 200);
}

static void
test_one_request_at_a_time (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(QnetHttpResponse) response2 = NULL;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (server, NULL);

  qnet_http_client_get_async (client, "/", NULL, NULL, http_test_store_result, &result);
  qnet_http_client_get_async (client, "/", NULL, NULL, http_test_store_result, &result2);
  response2 = qnet_http_client_get_finish (client, http_test_wait_result (&result2), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  response = qnet_http_client_get_finish (client, http_test_wait_result (&result), &error);
  g_assert_no_error (error);
}

/* ---- Bodies without framing, HEAD, methods ------------------------------------------ */

static void
test_until_close_body (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  http_test_server_add_script (server,
    http_test_script_new_reply ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end", 1));
  client = http_test_client_new (server, rec);

  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  body = qnet_http_response_get_body (response);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "until the end", 13);
  g_assert_cmpstr (qnet_http_response_get_http_version (response), ==, "1.0");
  g_assert_false (qnet_http_client_is_connected (client));
  http_test_assert_names_without_packets (rec,
                   "connecting,connected,http-send-message,http-message-received,channel-closed,"
                   "http-response-complete");
}

static void
test_head_and_no_body_statuses (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  HttpTestScript *script = http_test_script_new ();
  QnetHttpResponse *response;

  http_test_script_read_request (script);
  http_test_script_send (script, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
  http_test_script_read_request (script);
  http_test_script_send (script, "HTTP/1.1 204 No Content\r\n\r\n");
  http_test_script_read_request (script);
  http_test_script_send (script, "HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n");
  http_test_script_read_request (script);
  http_test_script_send (script, CL_RESPONSE);
  http_test_script_close (script);
  http_test_server_add_script (server, script);
  client = http_test_client_new (server, rec);

  response = qnet_http_client_head (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qnet_http_response_get_content_length (response), ==, 1000);
  g_assert_cmpint (qnet_http_response_get_body_size (response), ==, 0);
  g_object_unref (response);
  response = qnet_http_client_delete (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 204);
  g_object_unref (response);
  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 304);
  g_object_unref (response);
  response = qnet_http_client_options (client, "*", NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (response);

  g_assert_cmpuint (qnet_test_recorder_count (rec, "http-content-length"), ==, 1);
  g_assert_cmpuint (http_test_server_get_n_connections (server), ==, 1);
  {
    g_autofree char *r0 = http_test_server_get_request (server, 0);
    g_autofree char *r1 = http_test_server_get_request (server, 1);
    g_autofree char *r3 = http_test_server_get_request (server, 3);

    g_assert_true (g_str_has_prefix (r0, "HEAD / HTTP/1.1\r\n"));
    g_assert_true (g_str_has_prefix (r1, "DELETE / HTTP/1.1\r\n"));
    g_assert_true (g_str_has_prefix (r3, "OPTIONS * HTTP/1.1\r\n"));
  }
}

static void
test_methods_with_bodies (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = http_test_bytes ("{\"a\":1}");
  g_autoptr(GHashTable) headers = http_test_headers ("Content-Type", "application/json", NULL);
  QnetHttpResponse *response;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 4));
  client = http_test_client_new (server, NULL);

  response = qnet_http_client_post (client, "/p", body, headers, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (response);
  response = qnet_http_client_put (client, "/p", body, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (response);
  response = qnet_http_client_patch (client, "/p", body, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (response);
  response = qnet_http_client_post (client, "/empty", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (response);

  http_test_server_wait_idle (server);
  {
    g_autofree char *r0 = http_test_server_get_request (server, 0);
    g_autofree char *r1 = http_test_server_get_request (server, 1);
    g_autofree char *r2 = http_test_server_get_request (server, 2);
    g_autofree char *r3 = http_test_server_get_request (server, 3);

    g_assert_true (g_str_has_prefix (r0, "POST /p HTTP/1.1\r\n"));
    g_assert_nonnull (strstr (r0, "Content-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}"));
    g_assert_true (g_str_has_prefix (r1, "PUT /p HTTP/1.1\r\n"));
    g_assert_true (g_str_has_suffix (r1, "Content-Length: 7\r\n\r\n{\"a\":1}"));
    g_assert_true (g_str_has_prefix (r2, "PATCH /p HTTP/1.1\r\n"));
    g_assert_true (g_str_has_suffix (r3, "Content-Length: 0\r\n\r\n"));
  }
}

static void
test_default_headers_and_options (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) headers = http_test_headers ("accept", "text/html", NULL);
  g_autofree char *request = NULL;
  QnetHttpResponse *response;

  http_test_server_add_script (server,
    http_test_script_new_reply ("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", 1));
  client = http_test_client_new (server, NULL);
  {
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", http_test_server_get_port (server));

    g_assert_true (qnet_http_client_set_url (client, url, NULL));
  }
  qnet_http_client_add_default_header (client, "X-Trace", "on");
  qnet_http_client_add_default_header (client, "Accept-Encoding", NULL);
  qnet_http_client_set_user_agent (client, "tester/1");
  qnet_http_client_set_http_version (client, "1.0");
  qnet_http_client_set_default_path (client, "/default");
  g_assert_cmpstr (qnet_http_client_get_default_path (client), ==, "/default");

  response = qnet_http_client_get (client, NULL, headers, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (response);
  http_test_server_wait_idle (server);
  request = http_test_server_get_request (server, 0);
  g_assert_true (g_str_has_prefix (request, "GET /default HTTP/1.0\r\n"));
  g_assert_nonnull (strstr (request, "User-Agent: tester/1\r\n"));
  g_assert_nonnull (strstr (request, "accept: text/html\r\n"));
  g_assert_null (strstr (request, "Accept: */*"));
  g_assert_null (strstr (request, "Accept-Encoding"));
  g_assert_nonnull (strstr (request, "Connection: keep-alive\r\n"));
  g_assert_nonnull (strstr (request, "X-Trace: on\r\n"));
  /* HTTP/1.0 with keep-alive: kept. */
  g_assert_true (qnet_http_client_is_connected (client));
}

static void
test_invalid_url (void)
{
  g_autoptr(QnetHttpClient) client = qnet_http_client_new ("ftp://example.invalid/");
  g_autoptr(QnetHttpClient) nourl = qnet_http_client_new (NULL);
  g_autoptr(QnetHttpClient) bad = qnet_http_client_new ("http://exa mple/");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;

  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_UNSUPPORTED_SCHEME);
  g_clear_error (&error);
  response = qnet_http_client_get (nourl, "/", NULL, NULL, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
  g_clear_error (&error);
  response = qnet_http_client_get (bad, "/", NULL, NULL, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_false (qnet_http_client_set_url (bad, "http://[::1/", &error));
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
}

static void
test_open_connection (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  QnetHttpResponse *response;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (server, rec);

  g_assert_false (qnet_http_client_is_connected (client));
  g_assert_true (qnet_http_client_open_connection (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_http_client_is_connected (client));
  qnet_test_recorder_assert_names (rec, "connecting,connected");

  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (response);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "connecting"), ==, 1);

  qnet_socket_close (QNET_SOCKET (client));
  g_assert_false (qnet_http_client_is_connected (client));
}

static void
test_properties (void)
{
  g_autoptr(QnetHttpClient) client = qnet_http_client_new ("http://example.invalid/");
  g_autofree char *version = NULL;
  guint max = 0;
  gboolean decode = FALSE, persistent = FALSE, redirect = TRUE, err = TRUE;
  gint timeout = 0, connect_timeout = 0;

  g_object_get (client, "http-version", &version, "max-redirects", &max, "decode-content", &decode,
                "persistent", &persistent, "redirect-passthru", &redirect, "error-passthru", &err,
                "timeout", &timeout, "connect-timeout", &connect_timeout, NULL);
  g_assert_cmpstr (version, ==, "1.1");
  g_assert_cmpuint (max, ==, 5);
  g_assert_true (decode);
  g_assert_true (persistent);
  g_assert_false (redirect);
  g_assert_false (err);
  g_assert_cmpint (timeout, ==, 300000);
  g_assert_cmpint (connect_timeout, ==, 60000);
  g_assert_cmpstr (qnet_http_client_get_url (client), ==, "http://example.invalid/");
  g_assert_true (QNET_IS_SOCKET (client));
  g_assert_null (qnet_http_client_get_last_response (client));
}

/* The resolution of a path is kept between requests; changing the URL
 * (or the default path) forgets it. */
static void
test_url_change (void)
{
  g_autoptr(HttpTestServer) a = http_test_server_new ();
  g_autoptr(HttpTestServer) b = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autofree char *url_b = http_test_server_get_url (b, "/base/");
  g_autofree char *request = NULL;
  QnetHttpResponse *response;
  GError *error = NULL;

  http_test_server_add_script (a, http_test_script_new_reply (CL_RESPONSE, 2));
  http_test_server_add_script (b, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (a, NULL);

  for (guint i = 0; i < 2; i++)
    {
      response = qnet_http_client_get (client, "page", NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_suffix (qnet_http_response_get_url (response), "/page"));
      g_object_unref (response);
    }
  g_assert_true (qnet_http_client_set_url (client, url_b, &error));
  response = qnet_http_client_get (client, "page", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (qnet_http_response_get_url (response), "/base/page"));
  g_object_unref (response);

  http_test_server_wait_idle (b);
  request = http_test_server_get_request (b, 0);
  g_assert_true (g_str_has_prefix (request, "GET /base/page HTTP/1.1\r\n"));
  g_assert_cmpuint (http_test_server_get_n_requests (a), ==, 2);
}

/* max-redirects 0: the redirect is announced, then refused. */
static void
test_no_redirects_allowed (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  http_test_server_add_script (server,
    http_test_script_new_reply ("HTTP/1.1 307 Temporary Redirect\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n", 1));
  client = http_test_client_new (server, rec);
  qnet_http_client_set_max_redirects (client, 0);

  response = qnet_http_client_get (client, "/a", NULL, NULL, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_MAX_REDIRECTS);
  g_assert_null (response);
  http_test_assert_names_without_packets (rec,
    "connecting,connected,http-send-message,http-message-received,http-redirect,channel-closed,operation-failed");
}

static void
test_cancelled_before (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  client = http_test_client_new (server, rec);
  g_cancellable_cancel (cancellable);
  response = qnet_http_client_get (client, "/", NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (response);
  http_test_assert_failed_once (rec, "get", error);
  g_assert_false (qnet_http_client_is_connected (client));
  g_assert_cmpuint (qnet_test_recorder_count (rec, "http-send-message"), ==, 0);
}

static void
test_not_persistent (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (server, rec);
  qnet_http_client_set_persistent (client, FALSE);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetHttpResponse) response = qnet_http_client_get (client, "/", NULL, NULL, &error);
      g_autofree char *request = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
      g_assert_false (qnet_http_client_is_connected (client));
      http_test_server_wait_idle (server);
      request = http_test_server_get_request (server, i);
      g_assert_nonnull (strstr (request, "Connection: close\r\n"));
    }
  g_assert_cmpuint (http_test_server_get_n_connections (server), ==, 2);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "channel-closed"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/client/auth/basic", test_basic_auth);
  g_test_add_func ("/http/client/proxy/http", test_http_proxy);
  g_test_add_func ("/http/client/proxy/connect-refused", test_https_proxy_tunnel_refused);
  g_test_add_func ("/http/client/unix", test_http_unix);
  g_test_add_func ("/http/client/stream/download", test_send_to_stream);
  g_test_add_func ("/http/client/stream/chunked-upload", test_chunked_upload);
  g_test_add_func ("/http/client/decode/gzip", test_decode_gzip);
  g_test_add_func ("/http/client/decode/deflate-chunked", test_decode_deflate_chunked);
  g_test_add_func ("/http/client/input/refused", test_invalid_input_refused);
  g_test_add_func ("/http/client/timeout", test_timeout);
  g_test_add_func ("/http/client/cancel", test_cancel_async);
  g_test_add_func ("/http/client/one-at-a-time", test_one_request_at_a_time);
  g_test_add_func ("/http/client/body/until-close", test_until_close_body);
  g_test_add_func ("/http/client/body/none", test_head_and_no_body_statuses);
  g_test_add_func ("/http/client/methods", test_methods_with_bodies);
  g_test_add_func ("/http/client/default-headers", test_default_headers_and_options);
  g_test_add_func ("/http/client/invalid-url", test_invalid_url);
  g_test_add_func ("/http/client/open-connection", test_open_connection);
  g_test_add_func ("/http/client/properties", test_properties);

  g_test_add_func ("/http/client/url-change", test_url_change);
  g_test_add_func ("/http/client/cancelled-before", test_cancelled_before);
  g_test_add_func ("/http/client/not-persistent", test_not_persistent);
  g_test_add_func ("/http/client/redirect/none-allowed", test_no_redirects_allowed);

  return g_test_run ();
}
