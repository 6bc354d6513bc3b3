/* test-http-hostile.c: QnetHttpClient against hostile and broken servers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every case of the list, each against a scripted loopback server
 * replaying exact bytes. Each must end in the documented error (or the
 * documented acceptance), raise `operation-failed` once, leave nothing
 * half-read on a connection that could be reused, and never crash.
 */

#include "config.h"

#include <string.h>

#include "http-test-common.h"

typedef struct {
  HttpTestServer   *server;
  QnetTestRecorder *rec;
  QnetHttpClient   *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = http_test_server_new ();
  f->rec = qnet_test_recorder_new ();
  f->client = http_test_client_new (f->server, f->rec);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  qnet_test_recorder_free (f->rec);
  http_test_server_free (f->server);
}

/* Serves @response (exact bytes, then close) to one request and returns
 * the client's error, asserting it is @domain/@code and reported once. */
static void
expect_error_len (Fixture    *f,
                  const void *response,
                  gsize       len,
                  GQuark      domain,
                  gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) reply = NULL;
  HttpTestScript *script = http_test_script_new ();

  http_test_script_read_request (script);
  http_test_script_send_len (script, response, len);
  http_test_script_close (script);
  http_test_server_add_script (f->server, script);

  reply = qnet_http_client_get (f->client, "/", NULL, NULL, &error);
  g_assert_error (error, domain, code);
  g_assert_null (reply);
  http_test_assert_failed_once (f->rec, "get", error);
  g_assert_false (qnet_http_client_is_connected (f->client));
}

static void
expect_error (Fixture    *f,
              const char *response,
              GQuark      domain,
              gint        code)
{
  expect_error_len (f, response, strlen (response), domain, code);
}

static QnetHttpResponse *
expect_success (Fixture    *f,
                const char *response)
{
  g_autoptr(GError) error = NULL;
  QnetHttpResponse *reply;

  http_test_server_add_script (f->server, http_test_script_new_reply (response, 1));
  reply = qnet_http_client_get (f->client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

#define CHUNKED_HEAD "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"

/* A chunked body error: BAD_CHUNK, and http-chunked-end all the same. */
static void
expect_bad_chunk (Fixture    *f,
                  const char *body)
{
  g_autofree char *response = g_strconcat (CHUNKED_HEAD, body, NULL);

  expect_error (f, response, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CHUNK);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-chunked-start"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-chunked-end"), ==, 1);
  /* http-chunked-end comes before the failure is reported. */
  {
    g_autofree char *names = http_test_names_without_packets (f->rec);

    g_assert_true (g_str_has_suffix (names, "http-chunked-end,channel-closed,operation-failed"));
  }
}

/* ---- Chunked bodies ------------------------------------------------------------- */

static void
test_chunk_size_17_digits (Fixture *f, gconstpointer data)
{
  expect_bad_chunk (f, "00000000000000001\r\nx\r\n0\r\n\r\n");
}

static void
test_chunk_size_negative (Fixture *f, gconstpointer data)
{
  expect_bad_chunk (f, "-1\r\nx\r\n0\r\n\r\n");
}

static void
test_chunk_size_hex_prefix (Fixture *f, gconstpointer data)
{
  expect_bad_chunk (f, "0x5\r\nhello\r\n0\r\n\r\n");
}

static void
test_chunk_size_leading_space (Fixture *f, gconstpointer data)
{
  expect_bad_chunk (f, " 5\r\nhello\r\n0\r\n\r\n");
}

static void
test_chunk_size_illegal (Fixture *f, gconstpointer data)
{
  expect_bad_chunk (f, "ILLEGAL\r\nhello\r\n0\r\n\r\n");
}

static void
test_chunk_data_without_crlf (Fixture *f, gconstpointer data)
{
  expect_bad_chunk (f, "5\r\nhelloXX0\r\n\r\n");
}

static void
test_chunk_extension_1mib (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) body = g_string_new ("5;ext=");

  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (body, 'a');
  g_string_append (body, "\r\nhello\r\n0\r\n\r\n");
  expect_bad_chunk (f, body->str);
}

/* Cut off by close: an error, not success; the data that came before was
 * delivered. */
static void
test_chunked_cut_off (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) reply = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  HttpTestScript *script = http_test_script_new ();

  http_test_script_read_request (script);
  http_test_script_send (script, CHUNKED_HEAD "5\r\nhello\r\n6\r\n, wor");
  http_test_script_close (script);
  http_test_server_add_script (f->server, script);

  reply = qnet_http_client_send_to_stream (f->client, "GET", "/", NULL, NULL, out, NULL, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED);
  g_assert_null (reply);
  http_test_assert_failed_once (f->rec, "send_to_stream", error);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-chunked-data-received"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-chunked-end"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-response-complete"), ==, 0);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 10);
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), 10, "hello, wor", 10);
}

static void
test_trailer_with_nul (Fixture *f, gconstpointer data)
{
  static const char response[] = CHUNKED_HEAD "5\r\nhello\r\n0\r\nX-T: a\0b\r\n\r\n";

  expect_error_len (f, response, sizeof response - 1, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CHUNK);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-chunked-end"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-footers-received"), ==, 0);
}

/* Content-Length next to chunked: chunked wins, and the connection is
 * not reused after it. */
static void
test_content_length_and_chunked (Fixture *f, gconstpointer data)
{
  g_autoptr(QnetHttpResponse) reply = NULL;
  g_autoptr(QnetHttpResponse) second = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  reply = expect_success (f, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5\r\nhello\r\n0\r\n\r\n");
  body = qnet_http_response_get_body (reply);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hello", 5);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-content-length"), ==, 0);
  g_assert_false (qnet_http_client_is_connected (f->client));

  http_test_server_add_script (f->server,
    http_test_script_new_reply ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 1));
  second = qnet_http_client_get (f->client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (http_test_server_get_n_connections (f->server), ==, 2);
}

/* ---- Content-Length --------------------------------------------------------------- */

static void
test_conflicting_content_lengths (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH);
}

static void
test_identical_content_lengths (Fixture *f, gconstpointer data)
{
  g_autoptr(QnetHttpResponse) reply = NULL;
  GBytes *body;

  reply = expect_success (f, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
  body = qnet_http_response_get_body (reply);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hello", 5);
  g_assert_true (qnet_http_client_is_connected (f->client));
}

static void
test_negative_content_length (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH);
}

static void
test_non_numeric_content_length (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nhello",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH);
}

static void
test_body_shorter_than_content_length (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-content-length"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-response-complete"), ==, 0);
}

static void
test_body_shorter_large (Fixture *f, gconstpointer data)
{
  /* Large enough for the whole-body read path. */
  g_autoptr(GString) response = g_string_new ("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (response, 'z');
  expect_error (f, response->str, QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED);
}

/* ---- Heads -------------------------------------------------------------------------- */

static void
test_header_line_100kib (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) response = g_string_new ("HTTP/1.1 200 OK\r\nX-Big: ");

  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (response, 'b');
  g_string_append (response, "\r\nContent-Length: 0\r\n\r\n");
  expect_error (f, response->str, QNET_HTTP_ERROR, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-message-received"), ==, 0);
}

static void
test_5000_header_lines (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) response = g_string_new ("HTTP/1.1 200 OK\r\n");

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (response, "X-H%u: v\r\n", i);
  g_string_append (response, "Content-Length: 0\r\n\r\n");
  expect_error (f, response->str, QNET_HTTP_ERROR, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
}

static void
test_header_without_colon (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 0\r\n\r\n",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_nul_in_status_line (Fixture *f, gconstpointer data)
{
  static const char response[] = "HTTP/1.1 200 O\0K\r\nContent-Length: 0\r\n\r\n";

  expect_error_len (f, response, sizeof response - 1, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_nul_in_header (Fixture *f, gconstpointer data)
{
  static const char response[] = "HTTP/1.1 200 OK\r\nX-A: b\0c\r\nContent-Length: 0\r\n\r\n";

  expect_error_len (f, response, sizeof response - 1, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_bare_cr_in_status_line (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 O\rK\r\nContent-Length: 0\r\n\r\n",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_bare_cr_in_header (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 OK\r\nX-A: b\rInjected: 1\r\nContent-Length: 0\r\n\r\n",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_status_minus_12 (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 -12 Odd\r\nContent-Length: 0\r\n\r\n", QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_status_one_digit (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 2 OK\r\nContent-Length: 0\r\n\r\n", QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_status_100_digits (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) response = g_string_new ("HTTP/1.1 ");

  for (guint i = 0; i < 100; i++)
    g_string_append_c (response, '2');
  g_string_append (response, " OK\r\nContent-Length: 0\r\n\r\n");
  expect_error (f, response->str, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_no_status_line (Fixture *f, gconstpointer data)
{
  /* An HTTP/0.9 answer: the body straight away. */
  expect_error (f, "<html><body>hello</body></html>\n", QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_headers_never_terminated (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-More: ",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED);
}

/* ---- Redirects ------------------------------------------------------------------- */

static void
test_redirect_loop (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) reply = NULL;
  HttpTestScript *script = http_test_script_new ();

  for (guint i = 0; i < 3; i++)
    {
      http_test_script_read_request (script);
      http_test_script_send (script, "HTTP/1.1 301 Moved\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n");
      http_test_script_read_request (script);
      http_test_script_send (script, "HTTP/1.1 301 Moved\r\nLocation: /a\r\nContent-Length: 0\r\n\r\n");
    }
  http_test_script_close (script);
  http_test_server_add_script (f->server, script);

  reply = qnet_http_client_get (f->client, "/a", NULL, NULL, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_MAX_REDIRECTS);
  http_test_assert_failed_once (f->rec, "get", error);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-redirect"), ==, 6);
}

static void
test_redirect_to_file (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\n\r\n",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT);
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-redirect"), ==, 1);
  g_assert_cmpuint (http_test_server_get_n_requests (f->server), ==, 1);
}

static void
test_redirect_to_ftp (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 302 Found\r\nLocation: ftp://example.invalid/x\r\nContent-Length: 0\r\n\r\n",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT);
}

static void
test_two_locations (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 302 Found\r\nLocation: /a\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT);
  /* Not followed, not announced. */
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-redirect"), ==, 0);
}

static void
test_redirect_without_location (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT);
}

static void
test_redirect_to_bad_url (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 302 Found\r\nLocation: http://exa mple/\r\nContent-Length: 0\r\n\r\n",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT);
}

/* ---- Interim responses, codings, silence, resets --------------------------------------- */

static void
test_1000_continues (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) response = g_string_new (NULL);

  for (guint i = 0; i < 1000; i++)
    g_string_append (response, "HTTP/1.1 100 Continue\r\n\r\n");
  g_string_append (response, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  expect_error (f, response->str, QNET_HTTP_ERROR, QNET_HTTP_ERROR_TOO_MANY_INTERIM);
  /* The cap (20) plus the one that crossed it. */
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "http-message-received"), ==, 21);
}

static void
test_gzip_bomb (Fixture *f, gconstpointer data)
{
  g_autofree guint8 *zeros = g_malloc0 (64 * 1024 * 1024);
  g_autoptr(GBytes) inner = http_test_compress (zeros, 64 * 1024 * 1024, FALSE);
  g_autoptr(GBytes) outer = http_test_compress (g_bytes_get_data (inner, NULL), g_bytes_get_size (inner), FALSE);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip\r\n"
                                           "Content-Length: %zu\r\n\r\n", g_bytes_get_size (outer));
  g_autoptr(GByteArray) response = g_byte_array_new ();

  g_byte_array_append (response, (const guint8 *) head, strlen (head));
  g_byte_array_append (response, g_bytes_get_data (outer, NULL), g_bytes_get_size (outer));
  /* 64 MiB of zeros in a few hundred bytes. */
  g_assert_cmpuint (g_bytes_get_size (outer), <, 4096);
  expect_error_len (f, response->data, response->len, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE);
}

static void
test_too_many_codings (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip, gzip\r\nContent-Length: 0\r\n\r\n",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE);
}

static void
test_corrupt_gzip (Fixture *f, gconstpointer data)
{
  expect_error (f, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnot gzip!!",
                QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE);
}

static void
test_never_answers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) reply = NULL;
  HttpTestScript *script = http_test_script_new ();

  http_test_script_hold (script);
  http_test_server_add_script (f->server, script);
  qnet_socket_set_timeout (QNET_SOCKET (f->client), 200);

  reply = qnet_http_client_get (f->client, "/", NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  http_test_assert_failed_once (f->rec, "get", error);
  g_assert_false (qnet_http_client_is_connected (f->client));
}

static void
test_reset_mid_body (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpResponse) reply = NULL;
  HttpTestScript *script = http_test_script_new ();

  http_test_script_read_request (script);
  http_test_script_send (script, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nsome of it");
  http_test_script_sleep (script, 100);
  http_test_script_reset (script);
  http_test_server_add_script (f->server, script);

  reply = qnet_http_client_get (f->client, "/", NULL, NULL, &error);
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_RECV);
  http_test_assert_failed_once (f->rec, "get", error);
  g_assert_false (qnet_http_client_is_connected (f->client));
  g_assert_cmpuint (qnet_test_recorder_count (f->rec, "channel-closed"), ==, 1);
}

static void
test_garbage_after_response (Fixture *f, gconstpointer data)
{
  g_autoptr(QnetHttpResponse) reply = NULL;
  g_autoptr(QnetHttpResponse) second = NULL;
  g_autoptr(GError) error = NULL;
  HttpTestScript *script = http_test_script_new ();

  /* Bytes after a complete response, unasked: the connection is not
   * trusted with the next request. */
  http_test_script_read_request (script);
  http_test_script_send (script, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokGARBAGE");
  http_test_script_hold (script);
  http_test_server_add_script (f->server, script);
  http_test_server_add_script (f->server, http_test_script_new_reply ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 1));

  reply = qnet_http_client_get (f->client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  second = qnet_http_client_get (f->client, "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (http_test_server_get_n_connections (f->server), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/http/hostile/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("chunk/size-17-digits", test_chunk_size_17_digits);
  ADD ("chunk/size-negative", test_chunk_size_negative);
  ADD ("chunk/size-hex-prefix", test_chunk_size_hex_prefix);
  ADD ("chunk/size-leading-space", test_chunk_size_leading_space);
  ADD ("chunk/size-illegal", test_chunk_size_illegal);
  ADD ("chunk/data-without-crlf", test_chunk_data_without_crlf);
  ADD ("chunk/extension-1mib", test_chunk_extension_1mib);
  ADD ("chunk/cut-off", test_chunked_cut_off);
  ADD ("chunk/trailer-nul", test_trailer_with_nul);
  ADD ("framing/content-length-and-chunked", test_content_length_and_chunked);
  ADD ("framing/conflicting-content-lengths", test_conflicting_content_lengths);
  ADD ("framing/identical-content-lengths", test_identical_content_lengths);
  ADD ("framing/negative-content-length", test_negative_content_length);
  ADD ("framing/non-numeric-content-length", test_non_numeric_content_length);
  ADD ("framing/short-body", test_body_shorter_than_content_length);
  ADD ("framing/short-body-large", test_body_shorter_large);
  ADD ("head/line-100kib", test_header_line_100kib);
  ADD ("head/5000-lines", test_5000_header_lines);
  ADD ("head/no-colon", test_header_without_colon);
  ADD ("head/nul-status-line", test_nul_in_status_line);
  ADD ("head/nul-header", test_nul_in_header);
  ADD ("head/bare-cr-status-line", test_bare_cr_in_status_line);
  ADD ("head/bare-cr-header", test_bare_cr_in_header);
  ADD ("head/status-minus-12", test_status_minus_12);
  ADD ("head/status-one-digit", test_status_one_digit);
  ADD ("head/status-100-digits", test_status_100_digits);
  ADD ("head/no-status-line", test_no_status_line);
  ADD ("head/never-terminated", test_headers_never_terminated);
  ADD ("redirect/loop", test_redirect_loop);
  ADD ("redirect/file", test_redirect_to_file);
  ADD ("redirect/ftp", test_redirect_to_ftp);
  ADD ("redirect/two-locations", test_two_locations);
  ADD ("redirect/no-location", test_redirect_without_location);
  ADD ("redirect/bad-url", test_redirect_to_bad_url);
  ADD ("interim/1000-continues", test_1000_continues);
  ADD ("coding/gzip-bomb", test_gzip_bomb);
  ADD ("coding/too-many", test_too_many_codings);
  ADD ("coding/corrupt", test_corrupt_gzip);
  ADD ("silence/never-answers", test_never_answers);
  ADD ("reset/mid-body", test_reset_mid_body);
  ADD ("garbage-after-response", test_garbage_after_response);
#undef ADD

  return g_test_run ();
}
