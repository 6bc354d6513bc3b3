/* test-http-writer.c: request/response head and chunk writer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "qnet-http-chunked.h"
#include "qnet-http-head.h"
#include "qnet-http-writer.h"
#include "qnet-parse.h"

#include "proto-test-utils.h"

/* Layer 0 names G_IO_ERROR without linking GIO; it must be the same. */
G_STATIC_ASSERT (QNET_PROTO_IO_ERROR_INVALID_ARGUMENT == G_IO_ERROR_INVALID_ARGUMENT);

static void
test_io_error_quark (void)
{
  g_assert_cmpuint (QNET_PROTO_IO_ERROR, ==, G_IO_ERROR);
}

static void
test_request_head (void)
{
  const QnetHttpHeaderPair headers[] = {
    { "Host", "example.com" },
    { "X-Mixed-Case", "a\tb  c" },
    { "Accept", "*/*" },
    { "x-empty", "" },
    { "X-Utf8", "caf\xc3\xa9" },
  };
  g_autoptr(GString) out = g_string_new ("prefix|");
  g_autoptr(GError) error = NULL;

  g_assert_true (qnet_http_write_request_head (out, "GET", "/a?b=c", "1.1", headers,
                                               G_N_ELEMENTS (headers), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==,
                   "prefix|GET /a?b=c HTTP/1.1\r\n"
                   "Host: example.com\r\n"
                   "X-Mixed-Case: a\tb  c\r\n"
                   "Accept: */*\r\n"
                   "x-empty: \r\n"
                   "X-Utf8: caf\xc3\xa9\r\n"
                   "\r\n");

  g_string_truncate (out, 0);
  g_assert_true (qnet_http_write_request_head (out, "OPTIONS", "*", "1.0", NULL, 0, &error));
  g_assert_cmpstr (out->str, ==, "OPTIONS * HTTP/1.0\r\n\r\n");
}

static void
test_response_head (void)
{
  const QnetHttpHeaderPair headers[] = {
    { "Content-Length", "5" },
    { "Set-Cookie", "a=1" },
    { "Set-Cookie", "b=2" },
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (qnet_http_write_response_head (out, "1.1", 200, "OK", headers, G_N_ELEMENTS (headers), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==,
                   "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n");

  g_string_truncate (out, 0);
  g_assert_true (qnet_http_write_response_head (out, "1.0", 204, NULL, NULL, 0, &error));
  g_assert_cmpstr (out->str, ==, "HTTP/1.0 204 \r\n\r\n");
}

static void
test_start_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *req = qnet_http_format_request_line ("POST", "/upload", "1.1", &error);
  g_autofree char *status = qnet_http_format_status_line ("1.1", 404, "Not Found", &error);
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (req, ==, "POST /upload HTTP/1.1");
  g_assert_cmpstr (status, ==, "HTTP/1.1 404 Not Found");

  bad = qnet_http_format_request_line ("GET", "/a\r\nX: y", "1.1", &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  bad = qnet_http_format_status_line ("1.1", 200, "OK\r\nX: y", &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

typedef struct {
  const char *name;
  const char *method;
  const char *target;
  const char *version;
  const char *header_name;
  const char *header_value;
} BadRequest;

static const BadRequest bad_requests[] = {
  { "method-space", "GE T", "/", "1.1", "A", "b" },
  { "method-cr", "GET\r", "/", "1.1", "A", "b" },
  { "method-lf", "GET\n", "/", "1.1", "A", "b" },
  { "method-empty", "", "/", "1.1", "A", "b" },
  { "method-null", NULL, "/", "1.1", "A", "b" },
  { "method-slash", "GET/", "/", "1.1", "A", "b" },
  { "target-cr", "GET", "/a\rb", "1.1", "A", "b" },
  { "target-lf", "GET", "/a\nb", "1.1", "A", "b" },
  { "target-crlf-injection", "GET", "/ HTTP/1.1\r\nHost: evil\r\n\r\nGET /", "1.1", "A", "b" },
  { "target-space", "GET", "/a b", "1.1", "A", "b" },
  { "target-tab", "GET", "/a\tb", "1.1", "A", "b" },
  { "target-empty", "GET", "", "1.1", "A", "b" },
  { "target-null", "GET", NULL, "1.1", "A", "b" },
  { "target-non-ascii", "GET", "/caf\xc3\xa9", "1.1", "A", "b" },
  { "target-del", "GET", "/\x7f", "1.1", "A", "b" },
  { "version-2", "GET", "/", "2.0", "A", "b" },
  { "version-crlf", "GET", "/", "1.1\r\n", "A", "b" },
  { "version-null", "GET", "/", NULL, "A", "b" },
  { "name-cr", "GET", "/", "1.1", "A\r", "b" },
  { "name-lf", "GET", "/", "1.1", "A\nB", "b" },
  { "name-colon", "GET", "/", "1.1", "A:", "b" },
  { "name-space", "GET", "/", "1.1", "A B", "b" },
  { "name-empty", "GET", "/", "1.1", "", "b" },
  { "name-null", "GET", "/", "1.1", NULL, "b" },
  { "name-non-ascii", "GET", "/", "1.1", "\xc3\xa9", "b" },
  { "value-cr", "GET", "/", "1.1", "A", "b\rc" },
  { "value-lf", "GET", "/", "1.1", "A", "b\nc" },
  { "value-crlf-injection", "GET", "/", "1.1", "A", "b\r\nSet-Cookie: evil" },
  { "value-obs-fold", "GET", "/", "1.1", "A", "b\r\n c" },
  { "value-control", "GET", "/", "1.1", "A", "b\x01" },
  { "value-del", "GET", "/", "1.1", "A", "b\x7f" },
  { "value-null", "GET", "/", "1.1", "A", NULL },
};

static void
test_bad_request (gconstpointer data)
{
  const BadRequest *c = data;
  const QnetHttpHeaderPair headers[] = {
    { "Host", "example.com" },
    { c->header_name, c->header_value },
  };
  g_autoptr(GString) out = g_string_new ("untouched");
  g_autoptr(GError) error = NULL;

  g_assert_false (qnet_http_write_request_head (out, c->method, c->target, c->version, headers,
                                                G_N_ELEMENTS (headers), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  /* Messages never carry raw line breaks. */
  g_assert_null (strchr (error->message, '\r'));
  g_assert_null (strchr (error->message, '\n'));
  /* Nothing is produced before the check. */
  g_assert_cmpstr (out->str, ==, "untouched");
}

static void
test_bad_response (void)
{
  const QnetHttpHeaderPair bad_header[] = { { "A", "b\r\nc" } };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (qnet_http_write_response_head (out, "1.1", 99, "X", NULL, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (qnet_http_write_response_head (out, "1.1", 600, "X", NULL, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (qnet_http_write_response_head (out, "1.1", 200, "O\nK", NULL, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (qnet_http_write_response_head (out, "1.1", 200, "OK", bad_header, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (qnet_http_write_response_head (out, "0.9", 200, "OK", NULL, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (out->len, ==, 0);

  /* NULL error locations are fine. */
  g_assert_false (qnet_http_check_method ("a b", NULL));
  g_assert_false (qnet_http_check_header_value ("\n", NULL));
}

/* What the writer produces, our parser reads back identically. */
static void
test_round_trip (void)
{
  const QnetHttpHeaderPair headers[] = {
    { "Host", "h" },
    { "X-A", "1" },
    { "x-a", "2" },
    { "Content-Length", "0" },
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *t = NULL;

  g_assert_true (qnet_http_write_request_head (out, "PUT", "/x/y?z", "1.1", headers, G_N_ELEMENTS (headers), &error));
  t = proto_assert_split_invariant (PROTO_MACHINE_REQUEST, NULL, (const guint8 *) out->str, out->len, G_MAXSIZE);
  g_assert_cmpstr (t, ==,
                   "head {'http_version': <'1.1'>, 'method': <'PUT'>, 'path': <'/x/y?z'>, "
                   "'host': <'h'>, 'x-a': <['1', '2']>, 'content-length': <'0'>}\n"
                   "framing content-length length 0 keep-alive 1 codings none\n"
                   "done at 67 trailing 0\n");
}

static void
test_chunk_size_line (void)
{
  char buf[QNET_HTTP_CHUNK_SIZE_LINE_MAX];

  g_assert_cmpuint (qnet_http_format_chunk_size (buf, 0), ==, 3);
  g_assert_cmpstr (buf, ==, "0\r\n");
  g_assert_cmpuint (qnet_http_format_chunk_size (buf, 15), ==, 3);
  g_assert_cmpstr (buf, ==, "f\r\n");
  g_assert_cmpuint (qnet_http_format_chunk_size (buf, 16), ==, 4);
  g_assert_cmpstr (buf, ==, "10\r\n");
  g_assert_cmpuint (qnet_http_format_chunk_size (buf, 0xdeadbeef), ==, 10);
  g_assert_cmpstr (buf, ==, "deadbeef\r\n");
  g_assert_cmpuint (qnet_http_format_chunk_size (buf, G_MAXUINT64), ==, 18);
  g_assert_cmpstr (buf, ==, "ffffffffffffffff\r\n");
}

static void
test_chunks (void)
{
  const QnetHttpHeaderPair trailers[] = { { "X-Checksum", "abc" }, { "Expires", "0" } };
  const QnetHttpHeaderPair bad_trailers[] = { { "X", "a\nb" } };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *t = NULL;
  gsize len_before;

  qnet_http_write_chunk (out, (const guint8 *) "hello", 5);
  qnet_http_write_chunk (out, (const guint8 *) "", 0);
  qnet_http_write_chunk (out, (const guint8 *) "0123456789abcdefX", 17);
  g_assert_cmpstr (out->str, ==, "5\r\nhello\r\n11\r\n0123456789abcdefX\r\n");

  len_before = out->len;
  g_assert_false (qnet_http_write_last_chunk (out, bad_trailers, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (out->len, ==, len_before);
  g_clear_error (&error);

  g_assert_true (qnet_http_write_last_chunk (out, trailers, G_N_ELEMENTS (trailers), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str + len_before, ==, "0\r\nX-Checksum: abc\r\nExpires: 0\r\n\r\n");

  /* The decoder reads it back. */
  t = proto_assert_split_invariant (PROTO_MACHINE_CHUNKED, NULL, (const guint8 *) out->str, out->len, G_MAXSIZE);
  g_assert_cmpstr (t, ==,
                   "chunk-size 5 total 0 line 1\n"
                   "data 5\n"
                   "chunk-end 5 total 5\n"
                   "chunk-size 17 total 5 line 2\n"
                   "data 17\n"
                   "chunk-end 17 total 22\n"
                   "chunk-size 0 total 22 line 1\n"
                   "end total 22\n"
                   "trailers {'x-checksum': <'abc'>, 'expires': <'0'>}\n"
                   "body 22 \"hello0123456789abcdefX\"\n"
                   "done at 67 trailing 0\n");

  g_string_truncate (out, 0);
  g_assert_true (qnet_http_write_last_chunk (out, NULL, 0, &error));
  g_assert_cmpstr (out->str, ==, "0\r\n\r\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proto/writer/io-error-quark", test_io_error_quark);
  g_test_add_func ("/proto/writer/request-head", test_request_head);
  g_test_add_func ("/proto/writer/response-head", test_response_head);
  g_test_add_func ("/proto/writer/start-lines", test_start_lines);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_requests); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proto/writer/bad-request/%s", bad_requests[i].name);

      g_test_add_data_func (path, &bad_requests[i], test_bad_request);
    }
  g_test_add_func ("/proto/writer/bad-response", test_bad_response);
  g_test_add_func ("/proto/writer/round-trip", test_round_trip);
  g_test_add_func ("/proto/writer/chunk-size-line", test_chunk_size_line);
  g_test_add_func ("/proto/writer/chunks", test_chunks);

  return g_test_run ();
}
