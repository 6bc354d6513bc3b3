/* test-http-client.c: QnetHttpClient against scripted loopback servers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Exact event sequences, keep-alive, redirects, interim responses and
 * status errors (the rest is test-http-client-features.c). The servers
 * send each response with one write, so the client reads it with one
 * network read and the sequences are exact.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "http-test-common.h"

#define CL_RESPONSE "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
#define CHUNKED_RESPONSE \
  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" \
  "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Checksum: abc\r\n\r\n"

/* ---- Exact event sequences ----------------------------------------------------- */

static void
test_get_content_length_events (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autofree char *expected_request = NULL;
  QnetEvent *event;
  GBytes *body;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (server, rec);

  response = qnet_http_client_get (client, "/index.html?x=1", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);

  qnet_test_recorder_assert_names (rec,
    "connecting,connected,http-send-message,packet-sent,packet-read,"
    "http-message-received,http-content-length,http-response-complete");

  /* Sources: HTTP events 2, socket events 1, one id for all. */
  for (guint i = 0; i < qnet_test_recorder_get_events (rec)->len; i++)
    {
      QnetEvent *e = g_ptr_array_index (qnet_test_recorder_get_events (rec), i);
      const char *name = qnet_event_get_name (e);
      gboolean http = g_str_has_prefix (name, "http-");

      g_assert_cmpint (qnet_event_get_source (e), ==,
                       http ? QNET_EVENT_SOURCE_HTTP_CLIENT : QNET_EVENT_SOURCE_SOCKET);
      g_assert_cmpuint (qnet_event_get_id (e), ==, qnet_emitter_get_id (QNET_EMITTER (client)));
    }

  event = qnet_test_recorder_find (rec, "http-send-message", 0);
  g_assert_cmpstr (qnet_test_event_get_string (event, "message"), ==, "GET /index.html?x=1 HTTP/1.1");
  {
    g_autoptr(GVariant) headers = qnet_event_lookup (event, "headers");
    g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", http_test_server_get_port (server));
    const char *value = NULL;

    g_assert_true (g_variant_lookup (headers, "Host", "&s", &value));
    g_assert_cmpstr (value, ==, host);
    g_assert_true (g_variant_lookup (headers, "Accept-Encoding", "&s", &value));
    g_assert_cmpstr (value, ==, "gzip, deflate");
    g_assert_true (g_variant_lookup (headers, "User-Agent", "&s", &value));
    g_assert_true (g_str_has_prefix (value, "libqnet/"));
  }

  event = qnet_test_recorder_find (rec, "http-message-received", 0);
  {
    g_autoptr(GVariant) headers = qnet_event_lookup (event, "headers");
    const char *value = NULL;
    gint64 code = 0;

    g_assert_true (g_variant_lookup (headers, "status_code", "x", &code));
    g_assert_cmpint (code, ==, 200);
    g_assert_true (g_variant_lookup (headers, "status_message", "&s", &value));
    g_assert_cmpstr (value, ==, "OK");
    g_assert_true (g_variant_lookup (headers, "http_version", "&s", &value));
    g_assert_cmpstr (value, ==, "1.1");
    g_assert_true (g_variant_lookup (headers, "content-type", "&s", &value));
    g_assert_cmpstr (value, ==, "text/plain");
  }
  event = qnet_test_recorder_find (rec, "packet-read", 0);
  g_assert_cmpint (qnet_event_get_source (event), ==, QNET_EVENT_SOURCE_SOCKET);
  g_assert_cmpint (qnet_test_event_get_int (event, "read"), ==, strlen (CL_RESPONSE));
  g_assert_cmpint (qnet_test_event_get_int (qnet_test_recorder_find (rec, "http-content-length", 0), "len"), ==, 5);
  event = qnet_test_recorder_find (rec, "http-response-complete", 0);
  g_assert_cmpint (qnet_test_event_get_int (event, "status_code"), ==, 200);
  g_assert_cmpint (qnet_test_event_get_int (event, "body_size"), ==, 5);
  g_assert_cmpint (qnet_test_event_get_int (event, "wire_size"), ==, 5);

  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
  g_assert_cmpstr (qnet_http_response_get_status_message (response), ==, "OK");
  g_assert_cmpstr (qnet_http_response_get_http_version (response), ==, "1.1");
  body = qnet_http_response_get_body (response);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hello", 5);
  {
    g_autofree char *type = qnet_http_response_get_header (response, "CONTENT-TYPE");

    g_assert_cmpstr (type, ==, "text/plain");
  }
  g_assert_cmpint (qnet_http_response_get_content_length (response), ==, 5);
  g_assert_true (qnet_http_client_get_last_response (client) == response);
  g_assert_true (qnet_http_client_is_connected (client));

  http_test_server_wait_idle (server);
  request = http_test_server_get_request (server, 0);
  expected_request = g_strdup_printf ("GET /index.html?x=1 HTTP/1.1\r\n"
                                      "Host: 127.0.0.1:%u\r\n"
                                      "User-Agent: libqnet/" PACKAGE_VERSION "\r\n"
                                      "Accept: */*\r\n"
                                      "Accept-Encoding: gzip, deflate\r\n"
                                      "\r\n", http_test_server_get_port (server));
  g_assert_cmpstr (request, ==, expected_request);
}

static void
check_chunked_response (QnetHttpResponse *response)
{
  GBytes *body = qnet_http_response_get_body (response);
  g_autofree char *checksum = qnet_http_response_get_trailer (response, "x-checksum");

  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hello, world", 12);
  g_assert_cmpstr (checksum, ==, "abc");
  g_assert_nonnull (qnet_http_response_get_trailers (response));
  g_assert_cmpint (qnet_http_response_get_body_size (response), ==, 12);
  g_assert_cmpint (qnet_http_response_get_wire_size (response), ==, 12);
}

#define CHUNKED_EVENTS \
  "connecting,connected,http-send-message,packet-sent,packet-read," \
  "http-message-received,http-chunked-start," \
  "http-chunk-size,http-chunked-data-received," \
  "http-chunk-size,http-chunked-data-received," \
  "http-chunk-size,http-footers-received,http-chunked-end,http-response-complete"

static void
test_get_chunked_events (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  QnetEvent *event;

  http_test_server_add_script (server, http_test_script_new_reply (CHUNKED_RESPONSE, 1));
  client = http_test_client_new (server, rec);

  response = qnet_http_client_get (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_chunked_response (response);

  qnet_test_recorder_assert_names (rec, CHUNKED_EVENTS);

  event = qnet_test_recorder_find (rec, "http-chunk-size", 0);
  g_assert_cmpint (qnet_test_event_get_int (event, "size"), ==, 5);
  g_assert_cmpint (qnet_test_event_get_int (event, "total_read"), ==, 0);
  event = qnet_test_recorder_find (rec, "http-chunked-data-received", 0);
  g_assert_cmpint (qnet_test_event_get_int (event, "read"), ==, 5);
  g_assert_cmpint (qnet_test_event_get_int (event, "total_read"), ==, 5);
  event = qnet_test_recorder_find (rec, "http-chunk-size", 1);
  g_assert_cmpint (qnet_test_event_get_int (event, "size"), ==, 7);
  g_assert_cmpint (qnet_test_event_get_int (event, "total_read"), ==, 5);
  event = qnet_test_recorder_find (rec, "http-chunked-data-received", 1);
  g_assert_cmpint (qnet_test_event_get_int (event, "read"), ==, 7);
  g_assert_cmpint (qnet_test_event_get_int (event, "total_read"), ==, 12);
  event = qnet_test_recorder_find (rec, "http-chunk-size", 2);
  g_assert_cmpint (qnet_test_event_get_int (event, "size"), ==, 0);
  g_assert_cmpint (qnet_test_event_get_int (event, "total_read"), ==, 12);
  event = qnet_test_recorder_find (rec, "http-footers-received", 0);
  {
    g_autoptr(GVariant) headers = qnet_event_lookup (event, "headers");
    const char *value = NULL;

    g_assert_true (g_variant_lookup (headers, "x-checksum", "&s", &value));
    g_assert_cmpstr (value, ==, "abc");
  }
}

static void
test_get_chunked_capture (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) data = NULL;
  QnetEvent *event;

  http_test_server_add_script (server, http_test_script_new_reply (CHUNKED_RESPONSE, 1));
  client = http_test_client_new (server, rec);
  g_object_set (client, "capture-data", TRUE, NULL);

  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  check_chunked_response (response);

  qnet_test_recorder_assert_names (rec,
    "connecting,connected,http-send-message,packet-sent,packet-read,"
    "http-headers-read,http-message-received,http-chunked-start,"
    "http-chunk-size,http-chunked-data-read,http-chunked-data-received,"
    "http-chunk-size,http-chunked-data-read,http-chunked-data-received,"
    "http-chunk-size,http-footers-received,http-chunked-end,http-response-complete");

  event = qnet_test_recorder_find (rec, "http-headers-read", 0);
  g_assert_cmpstr (qnet_test_event_get_string (event, "data"), ==,
                   "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
  event = qnet_test_recorder_find (rec, "http-chunked-data-read", 1);
  data = qnet_event_lookup (event, "data");
  g_assert_cmpmem (g_variant_get_data (data), g_variant_get_size (data), ", world", 7);
}

static void
test_get_async_events (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  http_test_server_add_script (server, http_test_script_new_reply (CHUNKED_RESPONSE, 1));
  client = http_test_client_new (server, rec);

  qnet_http_client_get_async (client, "/", NULL, NULL, http_test_store_result, &result);
  response = qnet_http_client_get_finish (client, http_test_wait_result (&result), &error);
  g_assert_no_error (error);
  check_chunked_response (response);
  qnet_test_recorder_assert_names (rec, CHUNKED_EVENTS);
}

/* ---- Keep-alive ----------------------------------------------------------------- */

static void
test_keep_alive (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 3));
  client = http_test_client_new (server, rec);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(QnetHttpResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = qnet_http_client_get (client, "/", NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
    }
  g_assert_cmpuint (qnet_test_recorder_count (rec, "connecting"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "channel-closed"), ==, 0);
  http_test_server_wait_idle (server);
  g_assert_cmpuint (http_test_server_get_n_connections (server), ==, 1);
  g_assert_cmpuint (http_test_server_get_n_requests (server), ==, 3);
}

static void
test_connection_close_honoured (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;

  http_test_server_add_script (server,
    http_test_script_new_reply ("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 1));
  client = http_test_client_new (server, rec);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(QnetHttpResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = qnet_http_client_get (client, "/", NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (qnet_http_client_is_connected (client));
    }

  http_test_assert_names_without_packets (rec,
                   "connecting,connected,http-send-message,http-message-received,http-content-length,"
                   "http-response-complete,channel-closed,"
                   "connecting,connected,http-send-message,http-message-received,http-content-length,"
                   "http-response-complete,channel-closed");
  g_assert_cmpuint (http_test_server_get_n_connections (server), ==, 2);
}

/* The server closes a kept connection between two requests: the client
 * notices and connects again. */
static void
test_server_closed_kept_connection (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (server, rec);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(QnetHttpResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = qnet_http_client_get (client, "/", NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
      http_test_server_wait_idle (server);
      /* Give the FIN time to arrive. */
      g_usleep (50 * 1000);
    }
  g_assert_cmpuint (http_test_server_get_n_connections (server), ==, 2);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "connecting"), ==, 2);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "operation-failed"), ==, 0);
}

/* The server closes a kept connection just as the next request arrives
 * (it reads it, then closes without a word): sent again on a new one. */
static void
test_retry_on_stale_connection (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  HttpTestScript *script = http_test_script_new ();

  http_test_script_read_request (script);
  http_test_script_send (script, CL_RESPONSE);
  http_test_script_read_request (script);
  http_test_script_close (script);
  http_test_server_add_script (server, script);
  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  client = http_test_client_new (server, rec);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(QnetHttpResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = qnet_http_client_get (client, "/", NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
    }
  g_assert_cmpuint (http_test_server_get_n_connections (server), ==, 2);
  g_assert_cmpuint (http_test_server_get_n_requests (server), ==, 3);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "http-send-message"), ==, 3);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "operation-failed"), ==, 0);
}

/* ---- Redirects ------------------------------------------------------------------ */

static void
test_redirect_relative (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *expected_url = NULL;
  HttpTestScript *script = http_test_script_new ();
  QnetEvent *event;

  http_test_script_read_request (script);
  http_test_script_send (script, "HTTP/1.1 302 Found\r\nLocation: ../b/c?q=1\r\nContent-Length: 3\r\n\r\nxyz");
  http_test_script_read_request (script);
  http_test_script_send (script, CL_RESPONSE);
  http_test_script_close (script);
  http_test_server_add_script (server, script);
  client = http_test_client_new (server, rec);

  response = qnet_http_client_get (client, "/a/x/y", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
  g_assert_cmpuint (qnet_http_response_get_redirect_count (response), ==, 1);
  expected_url = http_test_server_get_url (server, "/a/b/c?q=1");
  g_assert_cmpstr (qnet_http_response_get_url (response), ==, expected_url);

  http_test_assert_names_without_packets (rec,
                   "connecting,connected,http-send-message,http-message-received,http-redirect,"
                   "http-content-length,http-response-complete,"
                   "http-send-message,http-message-received,http-content-length,http-response-complete");
  event = qnet_test_recorder_find (rec, "http-redirect", 0);
  g_assert_cmpstr (qnet_test_event_get_string (event, "location"), ==, "../b/c?q=1");
  g_assert_cmpstr (qnet_test_event_get_string (event, "status_message"), ==, "Found");

  http_test_server_wait_idle (server);
  first = http_test_server_get_request (server, 0);
  second = http_test_server_get_request (server, 1);
  g_assert_true (g_str_has_prefix (first, "GET /a/x/y HTTP/1.1\r\n"));
  g_assert_true (g_str_has_prefix (second, "GET /a/b/c?q=1 HTTP/1.1\r\n"));
  /* Same connection for both. */
  g_assert_cmpuint (http_test_server_get_n_connections (server), ==, 1);
}

static void
check_redirect_method (guint        status,
                       const char  *method,
                       const char  *expected_method,
                       gboolean     expect_body)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = http_test_bytes ("payload");
  g_autoptr(GHashTable) headers = http_test_headers ("Content-Type", "text/plain", NULL);
  g_autofree char *redirect = g_strdup_printf ("HTTP/1.1 %u Moved\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n",
                                               status);
  g_autofree char *second = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s /next HTTP/1.1\r\n", expected_method);
  HttpTestScript *script = http_test_script_new ();

  http_test_script_read_request (script);
  http_test_script_send (script, redirect);
  http_test_script_read_request (script);
  http_test_script_send (script, CL_RESPONSE);
  http_test_script_close (script);
  http_test_server_add_script (server, script);
  client = http_test_client_new (server, NULL);

  response = qnet_http_client_send (client, method, "/start", headers, body, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);

  http_test_server_wait_idle (server);
  second = http_test_server_get_request (server, 1);
  g_assert_true (g_str_has_prefix (second, prefix));
  if (expect_body)
    {
      g_assert_true (g_str_has_suffix (second, "\r\n\r\npayload"));
      g_assert_nonnull (strstr (second, "Content-Type: text/plain\r\n"));
    }
  else
    {
      g_assert_null (strstr (second, "payload"));
      g_assert_null (strstr (second, "Content-Type"));
    }
}

static void
test_redirect_methods (void)
{
  check_redirect_method (301, "POST", "GET", FALSE);
  check_redirect_method (302, "POST", "GET", FALSE);
  check_redirect_method (303, "POST", "GET", FALSE);
  check_redirect_method (303, "PUT", "GET", FALSE);
  check_redirect_method (307, "POST", "POST", TRUE);
  check_redirect_method (308, "PUT", "PUT", TRUE);
  check_redirect_method (301, "PUT", "PUT", TRUE);
}

static void
test_redirect_cross_origin_drops_credentials (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(HttpTestServer) other = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) headers = http_test_headers ("Cookie", "session=1", "Authorization", "Bearer t",
                                                     "X-Keep", "yes", NULL);
  g_autofree char *location = http_test_server_get_url (other, "/landing");
  g_autofree char *redirect = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n",
                                               location);
  g_autofree char *url = g_strdup_printf ("http://user:secret@127.0.0.1:%u/", http_test_server_get_port (server));
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  http_test_server_add_script (server, http_test_script_new_reply (redirect, 1));
  http_test_server_add_script (other, http_test_script_new_reply (CL_RESPONSE, 1));
  client = qnet_http_client_new (url);
  qnet_socket_set_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);

  response = qnet_http_client_get (client, "/", headers, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_http_response_get_url (response), ==, location);

  http_test_server_wait_idle (server);
  http_test_server_wait_idle (other);
  first = http_test_server_get_request (server, 0);
  second = http_test_server_get_request (other, 0);
  /* The caller's Authorization replaces the URL's credentials. */
  g_assert_nonnull (strstr (first, "Authorization: Bearer t\r\n"));
  g_assert_nonnull (strstr (first, "Cookie: session=1\r\n"));
  g_assert_null (strstr (second, "Authorization"));
  g_assert_null (strstr (second, "Cookie"));
  g_assert_nonnull (strstr (second, "X-Keep: yes\r\n"));
}

static void
test_redirect_same_origin_keeps_credentials (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://user:secret@127.0.0.1:%u/", http_test_server_get_port (server));
  g_autofree char *second = NULL;
  HttpTestScript *script = http_test_script_new ();

  http_test_script_read_request (script);
  http_test_script_send (script, "HTTP/1.1 301 Moved\r\nLocation: /there\r\nContent-Length: 0\r\n\r\n");
  http_test_script_read_request (script);
  http_test_script_send (script, CL_RESPONSE);
  http_test_script_close (script);
  http_test_server_add_script (server, script);
  client = qnet_http_client_new (url);
  qnet_socket_set_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);

  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  http_test_server_wait_idle (server);
  second = http_test_server_get_request (server, 1);
  /* base64 ("user:secret") */
  g_assert_nonnull (strstr (second, "Authorization: Basic dXNlcjpzZWNyZXQ=\r\n"));
  /* The safe URL of the response has no password. */
  g_assert_null (strstr (qnet_http_response_get_url (response), "secret"));
}

static void
test_redirect_passthru (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  http_test_server_add_script (server,
    http_test_script_new_reply ("HTTP/1.1 301 Moved\r\nLocation: /x\r\nContent-Length: 4\r\n\r\nmove", 1));
  client = http_test_client_new (server, rec);
  qnet_http_client_set_redirect_passthru (client, TRUE);

  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 301);
  location = qnet_http_response_get_header (response, "location");
  g_assert_cmpstr (location, ==, "/x");
  g_assert_cmpuint (qnet_test_recorder_count (rec, "http-redirect"), ==, 0);
  g_assert_cmpuint (http_test_server_get_n_requests (server), ==, 1);
}

static void
test_redirect_limit (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  http_test_server_add_script (server,
    http_test_script_new_reply ("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n", 100));
  client = http_test_client_new (server, rec);
  qnet_http_client_set_max_redirects (client, 3);

  response = qnet_http_client_get (client, "/loop", NULL, NULL, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_MAX_REDIRECTS);
  g_assert_null (response);
  /* http-redirect before the limit check: one more than followed. */
  g_assert_cmpuint (qnet_test_recorder_count (rec, "http-redirect"), ==, 4);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "http-send-message"), ==, 4);
  http_test_assert_failed_once (rec, "get", error);
  g_assert_false (qnet_http_client_is_connected (client));
}

/* ---- Interim responses ------------------------------------------------------------ */

static void
test_interim_responses (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = http_test_bytes ("data");

  http_test_server_add_script (server,
    http_test_script_new_reply ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
                                CL_RESPONSE, 1));
  client = http_test_client_new (server, rec);

  response = qnet_http_client_post (client, "/upload", body, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 200);
  http_test_assert_names_without_packets (rec,
                   "connecting,connected,http-send-message,http-message-received,http-message-received,"
                   "http-message-received,http-content-length,http-response-complete");
}

/* ---- Status errors and passthru ------------------------------------------------------ */

static void
test_status_error (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetHttpClient) client = NULL;
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  QnetHttpResponse *last;
  GBytes *body;

  http_test_server_add_script (server,
    http_test_script_new_reply ("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nno such!\n", 2));
  client = http_test_client_new (server, rec);

  response = qnet_http_client_get (client, "/missing", NULL, NULL, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_STATUS);
  g_assert_null (response);
  http_test_assert_failed_once (rec, "get", error);
  last = qnet_http_client_get_last_response (client);
  g_assert_nonnull (last);
  g_assert_cmpuint (qnet_http_response_get_status_code (last), ==, 404);
  body = qnet_http_response_get_body (last);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "no such!\n", 9);
  /* The body was read whole: the connection is kept. */
  g_assert_true (qnet_http_client_is_connected (client));

  g_clear_error (&error);
  qnet_http_client_set_error_passthru (client, TRUE);
  response = qnet_http_client_get (client, "/missing", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_response_get_status_code (response), ==, 404);
  g_assert_cmpuint (http_test_server_get_n_connections (server), ==, 1);
}

/* ---- Connecting through the socket's connect ------------------------------------ */

static void
close_on_connecting (QnetSocket *sock,
                     gint64      type,
                     const char *type_name,
                     const char *target,
                     const char *address,
                     gint64      port,
                     gpointer    data)
{
  qnet_socket_close (sock);
}

/* qnet_socket_close() while the client connects (from a connecting
 * handler) cancels the connect, as it does for a QnetSocket. */
static void
test_connect_close_in_handler (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(QnetHttpClient) client = http_test_client_new (server, rec);
      g_autoptr(QnetHttpResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      g_signal_connect (client, "connecting", G_CALLBACK (close_on_connecting), NULL);
      if (async)
        {
          g_autoptr(GAsyncResult) result = NULL;

          qnet_http_client_get_async (client, "/", NULL, NULL, http_test_store_result, &result);
          response = qnet_http_client_get_finish (client, http_test_wait_result (&result), &error);
        }
      else
        response = qnet_http_client_get (client, "/", NULL, NULL, &error);

      g_assert_null (response);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      qnet_test_recorder_assert_names (rec, "connecting,connect-failed,operation-failed");
      http_test_assert_failed_once (rec, "get", error);
      g_assert_false (qnet_http_client_is_connected (client));
      g_assert_false (qnet_socket_is_open (QNET_SOCKET (client)));
    }
}

/* The peer info of a client connected by host name has that name. */
static void
test_connect_peer_info (void)
{
  g_autoptr(HttpTestServer) server = http_test_server_new ();
  g_autofree char *url = g_strdup_printf ("http://localhost:%u/", http_test_server_get_port (server));
  g_autoptr(QnetHttpClient) client = qnet_http_client_new (url);
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GVariant) info = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = NULL;
  gint64 port = 0;

  http_test_server_add_script (server, http_test_script_new_reply (CL_RESPONSE, 1));
  qnet_socket_set_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);
  qnet_socket_set_connect_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);

  response = qnet_http_client_get (client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_true (qnet_http_client_is_connected (client));

  info = qnet_socket_get_peer_info (QNET_SOCKET (client), &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (info, "hostname", "&s", &text));
  g_assert_cmpstr (text, ==, "localhost");
  g_assert_true (g_variant_lookup (info, "hostname_desc", "&s", &text));
  g_assert_cmpstr (text, ==, "ipv4[localhost]");
  g_assert_true (g_variant_lookup (info, "address", "&s", &text));
  g_assert_cmpstr (text, ==, "127.0.0.1");
  g_assert_true (g_variant_lookup (info, "port", "x", &port));
  g_assert_cmpint (port, ==, http_test_server_get_port (server));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/client/events/content-length", test_get_content_length_events);
  g_test_add_func ("/http/client/events/chunked", test_get_chunked_events);
  g_test_add_func ("/http/client/events/chunked-capture", test_get_chunked_capture);
  g_test_add_func ("/http/client/events/async", test_get_async_events);
  g_test_add_func ("/http/client/keep-alive/reuse", test_keep_alive);
  g_test_add_func ("/http/client/keep-alive/connection-close", test_connection_close_honoured);
  g_test_add_func ("/http/client/keep-alive/server-closed", test_server_closed_kept_connection);
  g_test_add_func ("/http/client/keep-alive/retry", test_retry_on_stale_connection);
  g_test_add_func ("/http/client/redirect/relative", test_redirect_relative);
  g_test_add_func ("/http/client/redirect/methods", test_redirect_methods);
  g_test_add_func ("/http/client/redirect/cross-origin", test_redirect_cross_origin_drops_credentials);
  g_test_add_func ("/http/client/redirect/same-origin", test_redirect_same_origin_keeps_credentials);
  g_test_add_func ("/http/client/redirect/passthru", test_redirect_passthru);
  g_test_add_func ("/http/client/redirect/limit", test_redirect_limit);
  g_test_add_func ("/http/client/interim", test_interim_responses);
  g_test_add_func ("/http/client/status-error", test_status_error);
  g_test_add_func ("/http/client/connect/close-in-handler", test_connect_close_in_handler);
  g_test_add_func ("/http/client/connect/peer-info", test_connect_peer_info);

  return g_test_run ();
}
