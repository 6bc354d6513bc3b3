/* test-http-head.c: HTTP/1.1 head parser
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-error.h"
#include "qnet-http-head.h"
#include "qnet-limits.h"

#include "proto-test-utils.h"

typedef struct {
  const char *name;
  ProtoMachineKind kind;
  const char *input;
  gsize len;
  ProtoVerdict verdict;
  int code;           /* QNET_HTTP_ERROR code when verdict is ERROR */
  const char *head;   /* expected GVariant text of the head, or NULL */
  const char *last;   /* expected last transcript line, or NULL */
} HeadCase;

#define RESP PROTO_MACHINE_HEAD_RESPONSE
#define REQ PROTO_MACHINE_HEAD_REQUEST
#define TRL PROTO_MACHINE_HEAD_TRAILER

/* Inputs are string literals; sizeof keeps embedded NULs. */
#define Y(n, k, in, h, l) { n, k, in, sizeof (in) - 1, PROTO_VERDICT_DONE, 0, h, l }
#define N(n, k, in, c) { n, k, in, sizeof (in) - 1, PROTO_VERDICT_ERROR, QNET_HTTP_ERROR_##c, NULL, NULL }
#define M(n, k, in) { n, k, in, sizeof (in) - 1, PROTO_VERDICT_NEED_MORE, 0, NULL, NULL }

static const HeadCase head_cases[] = {
  /* Responses that must parse. */
  Y ("response/basic", RESP,
     "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'content-type': <'text/plain'>, 'content-length': <'5'>}",
     "done at 64 trailing 0"),
  Y ("response/http10-no-reason", RESP, "HTTP/1.0 204\r\n\r\n",
     "{'http_version': <'1.0'>, 'status_code': <int64 204>}", NULL),
  Y ("response/empty-reason", RESP, "HTTP/1.1 200 \r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>}", NULL),
  Y ("response/blank-reason", RESP, "HTTP/1.1 200 \t \r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>}", NULL),
  Y ("response/reason-with-spaces", RESP, "HTTP/1.1 404 \t Not  Found \r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 404>, 'status_message': <'Not  Found'>}", NULL),
  Y ("response/reason-obs-text", RESP, "HTTP/1.1 200 Gr\xfc\xdf" "e\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'Grüße'>}", NULL),
  Y ("response/repeated-header", RESP,
     "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-A: 1\r\nset-cookie: b=2\r\nSET-COOKIE: c=3\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'set-cookie': <['a=1', 'b=2', 'c=3']>, 'x-a': <'1'>}", NULL),
  Y ("response/ows-trimmed", RESP, "HTTP/1.1 200 OK\r\nX:   a  b \t\r\nY:\t\tc\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'x': <'a  b'>, 'y': <'c'>}", NULL),
  Y ("response/empty-value", RESP, "HTTP/1.1 200 OK\r\nX:\r\nY:   \r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'x': <''>, 'y': <''>}", NULL),
  Y ("response/obs-fold", RESP, "HTTP/1.1 200 OK\r\nX: a\r\n  b \r\n\tc\r\nY: d\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'x': <'a b c'>, 'y': <'d'>}", NULL),
  Y ("response/obs-fold-blank-line", RESP, "HTTP/1.1 200 OK\r\nX: a\r\n   \r\nY: d\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'x': <'a'>, 'y': <'d'>}", NULL),
  Y ("response/obs-fold-empty-value", RESP, "HTTP/1.1 200 OK\r\nX:\r\n b\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'x': <'b'>}", NULL),
  Y ("response/lf-only", RESP, "HTTP/1.1 301 Moved\nLocation: /x\n\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 301>, 'status_message': <'Moved'>, "
     "'location': <'/x'>}", NULL),
  Y ("response/leading-empty-lines", RESP, "\r\n\n\r\nHTTP/1.1 200 OK\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>}", NULL),
  Y ("response/latin1-value", RESP, "HTTP/1.1 200 OK\r\nX: caf\xe9\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'x': <'café'>}", NULL),
  Y ("response/utf8-value", RESP, "HTTP/1.1 200 OK\r\nX: caf\xc3\xa9\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'x': <'café'>}", NULL),
  Y ("response/reserved-names-dropped", RESP,
     "HTTP/1.1 200 OK\r\nStatus_Code: evil\r\nHTTP_Version: 9\r\nstatus_message: x\r\nPath: p\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'path': <'p'>}", NULL),
  Y ("response/token-chars-in-name", RESP, "HTTP/1.1 200 OK\r\n!#$%&'*+-.^_`|~09azAZ: v\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "\"!#$%&'*+-.^_`|~09azaz\": <'v'>}", NULL),
  Y ("response/body-follows", RESP, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'content-length': <'5'>}", "done at 38 trailing 5"),
  Y ("response/status-100", RESP, "HTTP/1.1 100 Continue\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 100>, 'status_message': <'Continue'>}", NULL),
  Y ("response/status-599", RESP, "HTTP/1.1 599 X\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 599>, 'status_message': <'X'>}", NULL),
  Y ("response/colon-in-value", RESP, "HTTP/1.1 200 OK\r\nLocation: http://a:1/b\r\n\r\n",
     "{'http_version': <'1.1'>, 'status_code': <int64 200>, 'status_message': <'OK'>, "
     "'location': <'http://a:1/b'>}", NULL),

  /* Responses that must be rejected. */
  N ("response/http09", RESP, "<html><body>hello</body></html>\r\n\r\n", BAD_RESPONSE),
  N ("response/http09-no-newline", RESP, "hello", BAD_RESPONSE),
  N ("response/lowercase-http", RESP, "http/1.1 200 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/http2", RESP, "HTTP/2 200 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/http12", RESP, "HTTP/1.2 200 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/http110", RESP, "HTTP/1.10 200 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/http09-version", RESP, "HTTP/0.9 200 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/leading-space", RESP, " HTTP/1.1 200 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/status-negative", RESP, "HTTP/1.1 -12 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/status-one-digit", RESP, "HTTP/1.1 2 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/status-one-digit-eol", RESP, "HTTP/1.1 2\r\n\r\n", BAD_RESPONSE),
  N ("response/status-two-digits", RESP, "HTTP/1.1 20 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/status-four-digits", RESP, "HTTP/1.1 2000 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/status-100-digits", RESP,
     "HTTP/1.1 2000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 OK\r\n\r\n",
     BAD_RESPONSE),
  N ("response/status-below-100", RESP, "HTTP/1.1 099 X\r\n\r\n", BAD_RESPONSE),
  N ("response/status-above-599", RESP, "HTTP/1.1 600 X\r\n\r\n", BAD_RESPONSE),
  N ("response/status-hex", RESP, "HTTP/1.1 2a0 X\r\n\r\n", BAD_RESPONSE),
  N ("response/status-missing", RESP, "HTTP/1.1\r\n\r\n", BAD_RESPONSE),
  N ("response/status-double-space", RESP, "HTTP/1.1  200 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/status-line-nul", RESP, "HTTP/1.1 200 O\0K\r\n\r\n", BAD_RESPONSE),
  N ("response/status-line-nul-in-version", RESP, "HTTP/1\0.1 200 OK\r\n\r\n", BAD_RESPONSE),
  N ("response/status-line-bare-cr", RESP, "HTTP/1.1 200 O\rK\r\n\r\n", BAD_RESPONSE),
  N ("response/status-line-cr-end", RESP, "HTTP/1.1 200 OK\r\rContent-Length: 0\r\n\r\n", BAD_RESPONSE),
  N ("response/status-line-control", RESP, "HTTP/1.1 200 O\x01K\r\n\r\n", BAD_RESPONSE),
  N ("response/header-nul-value", RESP, "HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n", BAD_RESPONSE),
  N ("response/header-nul-name", RESP, "HTTP/1.1 200 OK\r\nX\0Y: ab\r\n\r\n", BAD_RESPONSE),
  N ("response/header-bare-cr", RESP, "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n", BAD_RESPONSE),
  N ("response/header-bare-cr-eol", RESP, "HTTP/1.1 200 OK\r\nX: ab\r\r\n\r\n", BAD_RESPONSE),
  N ("response/header-bare-cr-name", RESP, "HTTP/1.1 200 OK\r\nX\r: ab\r\n\r\n", BAD_RESPONSE),
  N ("response/end-bare-cr", RESP, "HTTP/1.1 200 OK\r\nX: ab\r\n\rX\r\n", BAD_RESPONSE),
  N ("response/header-control-value", RESP, "HTTP/1.1 200 OK\r\nX: a\x7f" "b\r\n\r\n", BAD_RESPONSE),
  N ("response/header-escape-value", RESP, "HTTP/1.1 200 OK\r\nX: a\x1b[0m\r\n\r\n", BAD_RESPONSE),
  N ("response/header-no-colon", RESP, "HTTP/1.1 200 OK\r\nContent-Length 5\r\n\r\n", BAD_RESPONSE),
  N ("response/header-no-colon-word", RESP, "HTTP/1.1 200 OK\r\nFoo\r\n\r\n", BAD_RESPONSE),
  N ("response/header-space-before-colon", RESP, "HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\n", BAD_RESPONSE),
  N ("response/header-tab-before-colon", RESP, "HTTP/1.1 200 OK\r\nContent-Length\t: 5\r\n\r\n", BAD_RESPONSE),
  N ("response/header-empty-name", RESP, "HTTP/1.1 200 OK\r\n: 5\r\n\r\n", BAD_RESPONSE),
  N ("response/header-bad-name-char", RESP, "HTTP/1.1 200 OK\r\nX(Y): 5\r\n\r\n", BAD_RESPONSE),
  N ("response/header-bad-name-obs-text", RESP, "HTTP/1.1 200 OK\r\nX\xe9: 5\r\n\r\n", BAD_RESPONSE),
  N ("response/header-bad-name-start", RESP, "HTTP/1.1 200 OK\r\n@X: 5\r\n\r\n", BAD_RESPONSE),
  N ("response/fold-first-line", RESP, "HTTP/1.1 200 OK\r\n X: 5\r\n\r\n", BAD_RESPONSE),

  /* Truncated: need more, never success. */
  M ("response/empty", RESP, ""),
  M ("response/truncated-status", RESP, "HTTP/1.1 20"),
  M ("response/truncated-headers", RESP, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"),
  M ("response/truncated-value", RESP, "HTTP/1.1 200 OK\r\nContent-Type: text"),
  M ("response/truncated-final-cr", RESP, "HTTP/1.1 200 OK\r\nX: y\r\n\r"),
  M ("response/only-empty-lines", RESP, "\r\n\r\n\r\n"),

  /* Requests. */
  Y ("request/basic", REQ, "GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n",
     "{'http_version': <'1.1'>, 'method': <'GET'>, 'path': <'/index.html?q=1'>, "
     "'host': <'example.com'>, 'accept': <'*/*'>}", NULL),
  Y ("request/asterisk", REQ, "OPTIONS * HTTP/1.0\r\n\r\n",
     "{'http_version': <'1.0'>, 'method': <'OPTIONS'>, 'path': <'*'>}", NULL),
  Y ("request/absolute-form", REQ, "GET http://a.example:8080/b?c HTTP/1.1\r\n\r\n",
     "{'http_version': <'1.1'>, 'method': <'GET'>, 'path': <'http://a.example:8080/b?c'>}", NULL),
  Y ("request/leading-crlf", REQ, "\r\nPOST /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
     "{'http_version': <'1.1'>, 'method': <'POST'>, 'path': <'/x'>, 'content-length': <'0'>}", NULL),
  Y ("request/extension-method", REQ, "M-SEARCH * HTTP/1.1\r\n\r\n",
     "{'http_version': <'1.1'>, 'method': <'M-SEARCH'>, 'path': <'*'>}", NULL),
  Y ("request/reserved-names-dropped", REQ, "GET / HTTP/1.1\r\nMethod: x\r\nPath: y\r\nStatus_Code: z\r\n\r\n",
     "{'http_version': <'1.1'>, 'method': <'GET'>, 'path': <'/'>, 'status_code': <'z'>}", NULL),
  N ("request/http09", REQ, "GET /\r\n\r\n", BAD_RESPONSE),
  N ("request/double-space", REQ, "GET  / HTTP/1.1\r\n\r\n", BAD_RESPONSE),
  N ("request/space-in-target", REQ, "GET /a b HTTP/1.1\r\n\r\n", BAD_RESPONSE),
  N ("request/trailing-space", REQ, "GET / HTTP/1.1 \r\n\r\n", BAD_RESPONSE),
  N ("request/bad-method", REQ, "G(T / HTTP/1.1\r\n\r\n", BAD_RESPONSE),
  N ("request/leading-space", REQ, " GET / HTTP/1.1\r\n\r\n", BAD_RESPONSE),
  N ("request/obs-text-target", REQ, "GET /caf\xe9 HTTP/1.1\r\n\r\n", BAD_RESPONSE),
  N ("request/nul-target", REQ, "GET /a\0 HTTP/1.1\r\n\r\n", BAD_RESPONSE),
  N ("request/http2", REQ, "GET / HTTP/2.0\r\n\r\n", BAD_RESPONSE),
  N ("request/lowercase-version", REQ, "GET / http/1.1\r\n\r\n", BAD_RESPONSE),
  N ("request/obs-fold", REQ, "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", BAD_RESPONSE),
  N ("request/header-no-colon", REQ, "GET / HTTP/1.1\r\nHost\r\n\r\n", BAD_RESPONSE),
  N ("request/bare-cr", REQ, "GET / HTTP/1.1\rHost: a\r\n\r\n", BAD_RESPONSE),
  M ("request/truncated", REQ, "GET / HTTP/1.1\r\nHost: a\r\n"),

  /* Trailer sections (fields only). */
  Y ("trailer/empty", TRL, "\r\n", "@a{sv} {}", "done at 2 trailing 0"),
  Y ("trailer/fields", TRL, "Expires: never\r\nX-Sum: 1\r\nx-sum: 2\r\n\r\nNEXT",
     "{'expires': <'never'>, 'x-sum': <['1', '2']>}", "done at 38 trailing 4"),
  Y ("trailer/reserved-names-kept", TRL, "Status_Code: 1\r\n\r\n", "{'status_code': <'1'>}", NULL),
  Y ("trailer/obs-fold", TRL, "X: a\r\n b\r\n\r\n", "{'x': <'a b'>}", NULL),
  N ("trailer/nul", TRL, "X: a\0\r\n\r\n", BAD_RESPONSE),
  N ("trailer/fold-first", TRL, " X: a\r\n\r\n", BAD_RESPONSE),
  N ("trailer/no-colon", TRL, "X\r\n\r\n", BAD_RESPONSE),
  M ("trailer/truncated", TRL, "X: a\r\n"),
};

static char *
find_line (const char *transcript,
           const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (transcript, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i] + strlen (prefix));
  return NULL;
}

static void
assert_error_code (const char *transcript,
                   int         code)
{
  g_autofree char *last = proto_transcript_last_line (transcript);
  g_autofree char *expected = g_strdup_printf ("error qnet-http-error-quark %d at ", code);

  if (!g_str_has_prefix (last, expected))
    g_test_message ("transcript:\n%s", transcript);
  g_assert_true (g_str_has_prefix (last, expected));
}

static void
test_head_case (gconstpointer data)
{
  const HeadCase *c = data;
  g_autofree char *transcript = NULL;

  transcript = proto_assert_split_invariant (c->kind, NULL, (const guint8 *) c->input, c->len,
                                             G_MAXSIZE);
  g_test_message ("transcript:\n%s", transcript);
  g_assert_cmpint (proto_transcript_verdict (transcript), ==, c->verdict);

  if (c->verdict == PROTO_VERDICT_ERROR)
    assert_error_code (transcript, c->code);

  if (c->head != NULL)
    {
      g_autofree char *head = find_line (transcript, "head ");

      g_assert_cmpstr (head, ==, c->head);
    }
  else if (c->verdict != PROTO_VERDICT_DONE)
    {
      g_autofree char *head = find_line (transcript, "head ");

      g_assert_null (head);
    }

  if (c->last != NULL)
    {
      g_autofree char *last = proto_transcript_last_line (transcript);

      g_assert_cmpstr (last, ==, c->last);
    }
}

/* ---- Generated inputs at and over the limits ---- */

static GString *
response_with_header_value (gsize value_len)
{
  GString *s = g_string_new ("HTTP/1.1 200 OK\r\nX: ");

  /* "X: " is 3 bytes of the line. */
  for (gsize i = 0; i < value_len; i++)
    g_string_append_c (s, (char) ('a' + i % 26));
  g_string_append (s, "\r\n\r\n");
  return s;
}

static void
test_line_at_limit (void)
{
  g_autoptr(GString) s = response_with_header_value (QNET_HTTP_MAX_HEADER_LINE - 3);
  g_autofree char *t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);

  g_assert_cmpint (proto_transcript_verdict (t), ==, PROTO_VERDICT_DONE);
}

static void
test_line_over_limit (void)
{
  g_autoptr(GString) s = response_with_header_value (QNET_HTTP_MAX_HEADER_LINE - 2);
  g_autofree char *t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);

  g_assert_cmpint (proto_transcript_verdict (t), ==, PROTO_VERDICT_ERROR);
  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
}

/* The hostile case of issue 5: one 100 KiB header line. */
static void
test_line_100k (void)
{
  g_autoptr(GString) s = response_with_header_value (100 * 1024);
  g_autofree char *t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);

  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
  /* Rejected as soon as the line crosses the limit, not at its end. */
  g_assert_nonnull (strstr (t, "at 65553:"));
}

/* A 100 KiB line that never ends is rejected too (no waiting for LF). */
static void
test_line_unterminated (void)
{
  g_autoptr(GString) s = response_with_header_value (100 * 1024);
  g_autofree char *t = NULL;

  g_string_truncate (s, s->len - 4);
  t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);
  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
}

static void
test_reason_over_limit (void)
{
  GString *s = g_string_new ("HTTP/1.1 200 ");
  g_autofree char *t = NULL;

  while (s->len < QNET_HTTP_MAX_HEADER_LINE + 10)
    g_string_append_c (s, 'r');
  g_string_append (s, "\r\n\r\n");
  t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);
  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
  g_string_free (s, TRUE);
}

static GString *
response_with_fields (guint n_fields)
{
  GString *s = g_string_new ("HTTP/1.1 200 OK\r\n");

  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (s, "X-%u: %u\r\n", i, i);
  g_string_append (s, "\r\n");
  return s;
}

static void
test_fields_at_limit (void)
{
  g_autoptr(GString) s = response_with_fields (QNET_HTTP_MAX_HEADER_FIELDS);
  g_autofree char *t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);
  g_autoptr(QnetHttpHeadParser) parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_RESPONSE);
  g_autoptr(GError) error = NULL;
  gsize consumed;

  g_assert_cmpint (proto_transcript_verdict (t), ==, PROTO_VERDICT_DONE);
  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) s->str, s->len, &consumed, &error),
                   ==, QNET_PARSE_DONE);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_http_head_get_n_fields (qnet_http_head_parser_get_head (parser)), ==,
                    QNET_HTTP_MAX_HEADER_FIELDS);
}

static void
test_fields_over_limit (void)
{
  g_autoptr(GString) s = response_with_fields (QNET_HTTP_MAX_HEADER_FIELDS + 1);
  g_autofree char *t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);

  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
}

/* The hostile case of issue 5: 5000 header lines. */
static void
test_fields_5000 (void)
{
  g_autoptr(GString) s = response_with_fields (5000);
  g_autofree char *t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);

  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
}

/* Lines under the line limit and fields under the count limit, but more
 * than QNET_HTTP_MAX_HEADER_BLOCK in all. */
static void
test_block_over_limit (void)
{
  GString *s = g_string_new ("HTTP/1.1 200 OK\r\n");
  g_autofree char *t = NULL;
  guint n = 0;

  while (s->len <= QNET_HTTP_MAX_HEADER_BLOCK)
    {
      g_string_append_printf (s, "X-%u: ", n++);
      for (guint i = 0; i < 60000; i++)
        g_string_append_c (s, 'v');
      g_string_append (s, "\r\n");
    }
  g_string_append (s, "\r\n");
  g_assert_cmpuint (n, <, QNET_HTTP_MAX_HEADER_FIELDS);
  t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);
  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
  g_assert_nonnull (strstr (t, "larger than"));
  g_string_free (s, TRUE);
}

/* Endless empty lines before a status line are bounded by the block size. */
static void
test_leading_empty_lines_bounded (void)
{
  GString *s = g_string_new (NULL);
  g_autofree char *t = NULL;

  while (s->len <= QNET_HTTP_MAX_HEADER_BLOCK)
    g_string_append (s, "\r\n");
  t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);
  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
  g_string_free (s, TRUE);
}

/* An obs-fold chain cannot grow a value past the block limit. */
static void
test_fold_chain_bounded (void)
{
  GString *s = g_string_new ("HTTP/1.1 200 OK\r\nX: a\r\n");
  g_autofree char *t = NULL;

  while (s->len <= QNET_HTTP_MAX_HEADER_BLOCK)
    g_string_append (s, " continued continued continued continued\r\n");
  g_string_append (s, "\r\n");
  t = proto_assert_split_invariant (RESP, NULL, (const guint8 *) s->str, s->len, 0);
  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
  g_string_free (s, TRUE);
}

/* ---- API ---- */

static QnetHttpHead *
parse_response (const char *text)
{
  g_autoptr(QnetHttpHeadParser) parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_RESPONSE);
  g_autoptr(GError) error = NULL;
  gsize consumed = 0;

  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) text, strlen (text),
                                               &consumed, &error), ==, QNET_PARSE_DONE);
  g_assert_no_error (error);
  g_assert_cmpuint (consumed, ==, strlen (text));
  return qnet_http_head_parser_steal_head (parser);
}

static void
test_lookups (void)
{
  g_autoptr(QnetHttpHead) head = parse_response ("HTTP/1.1 302 Found\r\n"
                                                 "Location: /next\r\n"
                                                 "Vary: Accept\r\n"
                                                 "vary: Accept-Encoding\r\n"
                                                 "Connection: Keep-Alive, Upgrade;x=1\r\n"
                                                 "Cache-Control: no-cache\r\n\r\n");
  g_auto(GStrv) values = NULL;
  g_auto(GStrv) none = NULL;
  g_autofree char *list = NULL;
  g_autofree char *missing = NULL;

  g_assert_cmpint (qnet_http_head_get_kind (head), ==, QNET_HTTP_HEAD_RESPONSE);
  g_assert_cmpuint (qnet_http_head_get_status_code (head), ==, 302);
  g_assert_cmpstr (qnet_http_head_get_reason (head), ==, "Found");
  g_assert_cmpuint (qnet_http_head_get_version_minor (head), ==, 1);
  g_assert_cmpstr (qnet_http_head_get_http_version (head), ==, "1.1");
  g_assert_null (qnet_http_head_get_method (head));
  g_assert_null (qnet_http_head_get_target (head));
  g_assert_cmpuint (qnet_http_head_get_n_fields (head), ==, 5);
  g_assert_cmpstr (qnet_http_head_get_field_name (head, 2), ==, "vary");
  g_assert_cmpstr (qnet_http_head_get_field_value (head, 2), ==, "Accept-Encoding");

  g_assert_cmpstr (qnet_http_head_get_header (head, "LOCATION"), ==, "/next");
  g_assert_cmpstr (qnet_http_head_get_header (head, "Vary"), ==, "Accept");
  g_assert_null (qnet_http_head_get_header (head, "Content-Length"));
  g_assert_cmpuint (qnet_http_head_count_header (head, "VARY"), ==, 2);
  g_assert_cmpuint (qnet_http_head_count_header (head, "X"), ==, 0);

  list = qnet_http_head_get_header_list (head, "vary");
  g_assert_cmpstr (list, ==, "Accept, Accept-Encoding");
  missing = qnet_http_head_get_header_list (head, "nope");
  g_assert_null (missing);

  values = qnet_http_head_get_header_values (head, "Vary");
  g_assert_cmpuint (g_strv_length (values), ==, 2);
  g_assert_cmpstr (values[0], ==, "Accept");
  g_assert_cmpstr (values[1], ==, "Accept-Encoding");
  none = qnet_http_head_get_header_values (head, "nope");
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  g_assert_true (qnet_http_head_header_has_token (head, "connection", "keep-alive"));
  g_assert_true (qnet_http_head_header_has_token (head, "Connection", "UPGRADE"));
  g_assert_false (qnet_http_head_header_has_token (head, "Connection", "close"));
  g_assert_false (qnet_http_head_header_has_token (head, "Connection", "keep"));
  g_assert_true (qnet_http_head_header_has_token (head, "Cache-Control", "no-cache"));
  g_assert_false (qnet_http_head_header_has_token (head, "Pragma", "no-cache"));
}

static void
test_copy (void)
{
  g_autoptr(QnetHttpHead) head = parse_response ("HTTP/1.0 404 Not Found\r\nA: 1\r\nB: 2\r\n\r\n");
  g_autoptr(QnetHttpHead) copy = qnet_http_head_copy (head);
  g_autoptr(GVariant) v1 = g_variant_ref_sink (qnet_http_head_to_variant (head));
  g_autoptr(GVariant) v2 = NULL;

  g_clear_pointer (&head, qnet_http_head_free);
  v2 = g_variant_ref_sink (qnet_http_head_to_variant (copy));
  g_assert_true (g_variant_equal (v1, v2));
  g_assert_cmpstr (qnet_http_head_get_reason (copy), ==, "Not Found");
  g_assert_cmpuint (qnet_http_head_get_version_minor (copy), ==, 0);
}

static void
test_variant_types (void)
{
  g_autoptr(QnetHttpHead) head = parse_response ("HTTP/1.1 200 OK\r\nA: 1\r\na: 2\r\nB: x\r\n\r\n");
  g_autoptr(GVariant) v = g_variant_ref_sink (qnet_http_head_to_variant (head));
  g_autoptr(GVariant) a = NULL;
  g_autoptr(GVariant) code = NULL;
  g_autofree const char **strv = NULL;

  g_assert_true (g_variant_is_of_type (v, G_VARIANT_TYPE_VARDICT));
  code = g_variant_lookup_value (v, "status_code", G_VARIANT_TYPE_INT64);
  g_assert_nonnull (code);
  g_assert_cmpint (g_variant_get_int64 (code), ==, 200);
  a = g_variant_lookup_value (v, "a", G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_nonnull (a);
  strv = g_variant_get_strv (a, NULL);
  g_assert_cmpstr (strv[0], ==, "1");
  g_assert_cmpstr (strv[1], ==, "2");
  g_assert_null (strv[2]);
}

static void
test_parser_reuse (void)
{
  static const char two[] = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nA: b\r\n\r\n";
  g_autoptr(QnetHttpHeadParser) parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_RESPONSE);
  g_autoptr(GError) error = NULL;
  gsize consumed = 0, consumed2 = 0;

  g_assert_false (qnet_http_head_parser_is_started (parser));
  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) two, 0, &consumed, &error),
                   ==, QNET_PARSE_NEED_MORE);
  g_assert_cmpuint (consumed, ==, 0);
  g_assert_false (qnet_http_head_parser_is_started (parser));

  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) two, sizeof two - 1, &consumed, &error),
                   ==, QNET_PARSE_DONE);
  g_assert_no_error (error);
  g_assert_true (qnet_http_head_parser_is_started (parser));
  g_assert_cmpuint (consumed, ==, 25);
  g_assert_cmpint (qnet_http_head_parser_get_state (parser), ==, QNET_HTTP_HEAD_STATE_DONE);
  g_assert_cmpuint (qnet_http_head_get_status_code (qnet_http_head_parser_get_head (parser)), ==, 100);
  g_assert_true (qnet_http_head_parser_finish (parser, &error));
  g_assert_no_error (error);

  /* Feeding a finished parser consumes nothing. */
  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) two + consumed, 5, &consumed2, &error),
                   ==, QNET_PARSE_DONE);
  g_assert_cmpuint (consumed2, ==, 0);

  qnet_http_head_parser_reset (parser);
  g_assert_false (qnet_http_head_parser_is_started (parser));
  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) two + consumed,
                                               sizeof two - 1 - consumed, &consumed2, &error),
                   ==, QNET_PARSE_DONE);
  g_assert_no_error (error);
  g_assert_cmpuint (consumed + consumed2, ==, sizeof two - 1);
  g_assert_cmpstr (qnet_http_head_get_header (qnet_http_head_parser_get_head (parser), "a"), ==, "b");
  g_assert_null (qnet_http_head_get_raw (qnet_http_head_parser_get_head (parser), NULL));
}

static void
test_parser_errors_stick (void)
{
  static const char bad[] = "HTTP/1.1 200 OK\r\nX\r\n\r\n";
  g_autoptr(QnetHttpHeadParser) parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_RESPONSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  gsize consumed = 0;

  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) bad, sizeof bad - 1, &consumed, &error),
                   ==, QNET_PARSE_ERROR);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (consumed, ==, 18);
  g_assert_cmpint (qnet_http_head_parser_get_state (parser), ==, QNET_HTTP_HEAD_STATE_ERROR);

  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) "x", 1, &consumed, &error2),
                   ==, QNET_PARSE_ERROR);
  g_assert_error (error2, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);
  g_assert_cmpstr (error2->message, ==, error->message);
  g_assert_cmpuint (consumed, ==, 0);
  g_assert_false (qnet_http_head_parser_finish (parser, &error3));
  g_assert_error (error3, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_RESPONSE);

  /* A NULL error location is fine. */
  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) "x", 1, &consumed, NULL),
                   ==, QNET_PARSE_ERROR);
}

static void
test_finish_truncated (void)
{
  g_autoptr(QnetHttpHeadParser) parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_REQUEST);
  g_autoptr(GError) error = NULL;
  gsize consumed;

  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) "GET", 3, &consumed, &error),
                   ==, QNET_PARSE_NEED_MORE);
  g_assert_cmpuint (consumed, ==, 3);
  g_assert_false (qnet_http_head_parser_finish (parser, &error));
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED);
}

static void
test_raw_kept (void)
{
  static const char text[] = "HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody";
  g_autoptr(QnetHttpHeadParser) parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_RESPONSE);
  g_autoptr(QnetHttpHead) head = NULL;
  gsize consumed = 0, raw_len = 0;
  const char *raw;

  qnet_http_head_parser_set_keep_raw (parser, TRUE);
  for (gsize i = 0; i < sizeof text - 1 && qnet_http_head_parser_get_state (parser) != QNET_HTTP_HEAD_STATE_DONE; i += 3)
    {
      gsize used;

      qnet_http_head_parser_feed (parser, (const guint8 *) text + i, MIN (3, sizeof text - 1 - i), &used, NULL);
      consumed += used;
    }
  head = qnet_http_head_parser_steal_head (parser);
  raw = qnet_http_head_get_raw (head, &raw_len);
  g_assert_cmpuint (consumed, ==, 25);
  g_assert_cmpuint (raw_len, ==, 25);
  g_assert_cmpstr (raw, ==, "HTTP/1.1 200 OK\r\nA: b\r\n\r\n");
}

static void
test_state_names (void)
{
  for (int s = 0; s < QNET_HTTP_HEAD_N_STATES; s++)
    {
      const char *name = qnet_http_head_state_to_string ((QnetHttpHeadState) s);

      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "invalid");
      for (int t = 0; t < s; t++)
        g_assert_cmpstr (qnet_http_head_state_to_string ((QnetHttpHeadState) t), !=, name);
    }
  g_assert_cmpstr (qnet_http_head_state_to_string (QNET_HTTP_HEAD_N_STATES), ==, "invalid");
  g_assert_cmpstr (qnet_parse_status_to_string (QNET_PARSE_ERROR), ==, "error");
  g_assert_cmpstr (qnet_parse_status_to_string (QNET_PARSE_NEED_MORE), ==, "need-more");
  g_assert_cmpstr (qnet_parse_status_to_string (QNET_PARSE_EVENT), ==, "event");
  g_assert_cmpstr (qnet_parse_status_to_string (QNET_PARSE_DONE), ==, "done");
  g_assert_cmpstr (qnet_parse_status_to_string (42), ==, "invalid");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (head_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proto/http-head/%s", head_cases[i].name);

      g_test_add_data_func (path, &head_cases[i], test_head_case);
    }

  g_test_add_func ("/proto/http-head/limits/line-at-limit", test_line_at_limit);
  g_test_add_func ("/proto/http-head/limits/line-over-limit", test_line_over_limit);
  g_test_add_func ("/proto/http-head/limits/line-100k", test_line_100k);
  g_test_add_func ("/proto/http-head/limits/line-unterminated", test_line_unterminated);
  g_test_add_func ("/proto/http-head/limits/reason-over-limit", test_reason_over_limit);
  g_test_add_func ("/proto/http-head/limits/fields-at-limit", test_fields_at_limit);
  g_test_add_func ("/proto/http-head/limits/fields-over-limit", test_fields_over_limit);
  g_test_add_func ("/proto/http-head/limits/fields-5000", test_fields_5000);
  g_test_add_func ("/proto/http-head/limits/block-over-limit", test_block_over_limit);
  g_test_add_func ("/proto/http-head/limits/leading-empty-lines", test_leading_empty_lines_bounded);
  g_test_add_func ("/proto/http-head/limits/fold-chain", test_fold_chain_bounded);

  g_test_add_func ("/proto/http-head/api/lookups", test_lookups);
  g_test_add_func ("/proto/http-head/api/copy", test_copy);
  g_test_add_func ("/proto/http-head/api/variant-types", test_variant_types);
  g_test_add_func ("/proto/http-head/api/reuse", test_parser_reuse);
  g_test_add_func ("/proto/http-head/api/errors-stick", test_parser_errors_stick);
  g_test_add_func ("/proto/http-head/api/finish-truncated", test_finish_truncated);
  g_test_add_func ("/proto/http-head/api/raw-kept", test_raw_kept);
  g_test_add_func ("/proto/http-head/api/state-names", test_state_names);

  return g_test_run ();
}
