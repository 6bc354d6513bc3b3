/* test-http-framing.c: body framing decision (RFC 9112 §6.3), codings,
 * keep-alive; run through the whole client pipeline (head, framing, body)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-error.h"
#include "qnet-http-framing.h"
#include "qnet-http-head.h"
#include "qnet-limits.h"

#include "proto-test-utils.h"

typedef struct {
  const char *name;
  ProtoMachineKind kind;
  const char *method;
  const char *input;
  const char *framing;   /* expected "framing ..." line, or NULL */
  const char *last;      /* expected last line (verdict), or NULL */
  int code;              /* QNET_HTTP_ERROR code if an error is expected, else -1 */
} FramingCase;

#define RESP PROTO_MACHINE_RESPONSE
#define REQ PROTO_MACHINE_REQUEST

static const FramingCase framing_cases[] = {
  /* Content-Length */
  { "content-length", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    "content-length length 5 keep-alive 1 codings none", "done at 43 trailing 0", -1 },
  { "content-length-zero", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nNEXT",
    "content-length length 0 keep-alive 1 codings none", "done at 38 trailing 4", -1 },
  { "content-length-extra-bytes", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhello",
    "content-length length 2 keep-alive 1 codings none", "done at 40 trailing 3", -1 },
  { "content-length-truncated", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello",
    "content-length length 10 keep-alive 1 codings none", "need-more at 44", -1 },
  { "content-length-duplicates-identical", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
    "content-length length 5 keep-alive 1 codings none", NULL, -1 },
  { "content-length-list-identical", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 5, 5 ,5\r\n\r\nhello",
    "content-length length 5 keep-alive 1 codings none", NULL, -1 },
  { "content-length-leading-zeros", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 005\r\n\r\nhello",
    "content-length length 5 keep-alive 1 codings none", NULL, -1 },
  { "content-length-max", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n\r\n",
    "content-length length 9223372036854775807 keep-alive 1 codings none", NULL, -1 },
  { "content-length-conflicting", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", NULL, NULL,
    QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-conflicting-list", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!", NULL, NULL,
    QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-negative", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", NULL, NULL, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-plus", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello", NULL, NULL, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-non-numeric", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", NULL, NULL, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-trailing-garbage", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nhello", NULL, NULL, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-inner-space", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 1 0\r\n\r\n", NULL, NULL, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-empty", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", NULL, NULL, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-empty-element", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\r\nhello", NULL, NULL, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-overflow", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775808\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-20-digits", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551621\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "content-length-hex", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 0x5\r\n\r\nhello", NULL, NULL, QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },

  /* No body */
  { "head-request", RESP, "HEAD",
    "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n",
    "none length 1000 keep-alive 1 codings none", "done at 41 trailing 0", -1 },
  { "head-request-chunked", RESP, "HEAD",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
    "none length -1 keep-alive 1 codings none", NULL, -1 },
  { "status-204", RESP, "DELETE",
    "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n",
    "none length -1 keep-alive 1 codings none", "done at 27 trailing 17", -1 },
  { "status-304", RESP, "GET",
    "HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n",
    "none length 50 keep-alive 1 codings none", NULL, -1 },
  { "status-304-bad-length", RESP, "GET",
    "HTTP/1.1 304 Not Modified\r\nContent-Length: x\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "status-101", RESP, "GET",
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x00",
    "none length -1 keep-alive 1 codings none", NULL, -1 },
  { "interim-then-final", RESP, "POST",
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    "content-length length 2 keep-alive 1 codings none", NULL, -1 },
  { "connect-2xx", RESP, "CONNECT",
    "HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01",
    "none length -1 keep-alive 1 codings none", "done at 39 trailing 3", -1 },
  { "connect-407", RESP, "CONNECT",
    "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 1\r\n\r\nx",
    "content-length length 1 keep-alive 1 codings none", NULL, -1 },

  /* Transfer-Encoding */
  { "chunked", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 1 codings none", NULL, -1 },
  { "chunked-case", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: ChUnKeD\r\n\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 1 codings none", NULL, -1 },
  { "chunked-and-content-length", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 0 codings none", "done at 78 trailing 0", -1 },
  { "chunked-and-bad-content-length", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Length: -7\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 0 codings none", NULL, -1 },
  { "gzip-chunked", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 1 codings gzip", NULL, -1 },
  { "te-two-fields", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: deflate\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 1 codings deflate", NULL, -1 },
  { "te-identity-dropped", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 1 codings none", NULL, -1 },
  { "te-gzip-until-close", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc",
    "until-close length -1 keep-alive 0 codings gzip", "done at 47 trailing 0", -1 },
  { "te-http10", RESP, "GET",
    "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 0 codings none", NULL, -1 },
  { "te-chunked-twice", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_BAD_RESPONSE },
  { "te-chunked-not-last", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_BAD_RESPONSE },
  { "te-chunked-then-field", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_BAD_RESPONSE },
  { "te-unknown", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: compress, chunked\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_BAD_RESPONSE },
  { "te-only-identity", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_BAD_RESPONSE },
  { "te-empty", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding:\r\n\r\n", NULL, NULL, QNET_HTTP_ERROR_BAD_RESPONSE },
  { "te-not-token", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: \"chunked\"\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_BAD_RESPONSE },
  { "te-too-many-codings", RESP, "GET",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, deflate, gzip, chunked\r\n\r\n", NULL, NULL,
    QNET_HTTP_ERROR_DECODE },

  /* Read until close */
  { "until-close", RESP, "GET",
    "HTTP/1.1 200 OK\r\n\r\nall of this",
    "until-close length -1 keep-alive 0 codings none", "done at 30 trailing 0", -1 },
  { "until-close-empty", RESP, "GET",
    "HTTP/1.0 200 OK\r\n\r\n",
    "until-close length -1 keep-alive 0 codings none", "done at 19 trailing 0", -1 },

  /* Keep-alive */
  { "http10-default-close", RESP, "GET",
    "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 0 codings none", NULL, -1 },
  { "http10-keep-alive", RESP, "GET",
    "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 1 codings none", NULL, -1 },
  { "http11-close", RESP, "GET",
    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 0 codings none", NULL, -1 },
  { "http11-close-in-list", RESP, "GET",
    "HTTP/1.1 200 OK\r\nConnection: foo, CLOSE\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 0 codings none", NULL, -1 },

  /* Content codings */
  { "content-encoding-gzip", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 1 codings gzip", NULL, -1 },
  { "content-encoding-x-gzip", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Encoding: X-GZIP\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 1 codings gzip", NULL, -1 },
  { "content-encoding-two", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Encoding: deflate, gzip\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 1 codings deflate gzip", NULL, -1 },
  { "content-encoding-identity", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 1 codings none", NULL, -1 },
  { "content-encoding-with-transfer", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: deflate, chunked\r\n\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 1 codings gzip deflate", NULL, -1 },
  { "content-encoding-three", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip, gzip\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 1 codings-error 9", NULL, -1 },
  { "content-encoding-three-fields", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Encoding: gzip\r\nContent-Encoding: gzip\r\n"
    "Content-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 1 codings-error 9", NULL, -1 },
  { "content-encoding-stacked-with-transfer", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 1 codings-error 9", NULL, -1 },
  { "content-encoding-unknown", RESP, "GET",
    "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 0\r\n\r\n",
    "content-length length 0 keep-alive 1 codings-error 9", NULL, -1 },

  /* Requests (server side) */
  { "request-no-body", REQ, NULL,
    "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\n",
    "none length -1 keep-alive 1 codings none", "done at 27 trailing 17", -1 },
  { "request-content-length", REQ, NULL,
    "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
    "content-length length 3 keep-alive 1 codings none", "done at 41 trailing 0", -1 },
  { "request-chunked", REQ, NULL,
    "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 1 codings none", NULL, -1 },
  { "request-chunked-and-length", REQ, NULL,
    "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 10\r\n\r\n0\r\n\r\n",
    "chunked length -1 keep-alive 0 codings none", NULL, -1 },
  { "request-te-not-chunked", REQ, NULL,
    "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nabc", NULL, NULL, QNET_HTTP_ERROR_BAD_RESPONSE },
  { "request-conflicting-length", REQ, NULL,
    "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", NULL, NULL,
    QNET_HTTP_ERROR_BAD_CONTENT_LENGTH },
  { "request-http10-close", REQ, NULL,
    "GET / HTTP/1.0\r\n\r\n", "none length -1 keep-alive 0 codings none", NULL, -1 },
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
test_framing_case (gconstpointer data)
{
  const FramingCase *c = data;
  g_autofree char *t = proto_assert_split_invariant (c->kind, c->method, (const guint8 *) c->input,
                                                     strlen (c->input), G_MAXSIZE);
  g_autofree char *last = proto_transcript_last_line (t);

  g_test_message ("transcript:\n%s", t);
  if (c->framing != NULL)
    {
      g_autofree char *framing = find_line (t, "framing ");

      g_assert_cmpstr (framing, ==, c->framing);
    }
  if (c->last != NULL)
    g_assert_cmpstr (last, ==, c->last);
  if (c->code >= 0)
    {
      g_autofree char *expected = g_strdup_printf ("error qnet-http-error-quark %d at ", c->code);

      g_assert_true (g_str_has_prefix (last, expected));
    }
  else
    {
      g_assert_false (g_str_has_prefix (last, "error "));
    }
}

static QnetHttpHead *
parse (QnetHttpHeadKind  kind,
       const char       *text)
{
  g_autoptr(QnetHttpHeadParser) parser = qnet_http_head_parser_new (kind);
  gsize consumed;

  g_assert_cmpint (qnet_http_head_parser_feed (parser, (const guint8 *) text, strlen (text), &consumed, NULL),
                   ==, QNET_PARSE_DONE);
  return qnet_http_head_parser_steal_head (parser);
}

static void
test_api (void)
{
  g_autoptr(QnetHttpHead) head = parse (QNET_HTTP_HEAD_RESPONSE,
                                        "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n"
                                        "Content-Encoding: gzip\r\nTransfer-Encoding: deflate, chunked\r\n\r\n");
  g_autoptr(QnetHttpHead) plain = parse (QNET_HTTP_HEAD_RESPONSE, "HTTP/1.1 200 OK\r\n\r\n");
  g_autoptr(GError) error = NULL;
  QnetHttpFraming framing;
  QnetHttpCoding codings[QNET_HTTP_MAX_CONTENT_CODINGS];
  guint n = 99;
  gint64 length = 0;

  g_assert_true (qnet_http_framing_for_response (&framing, head, "GET", &error));
  g_assert_no_error (error);
  g_assert_cmpint (framing.body, ==, QNET_HTTP_BODY_CHUNKED);
  g_assert_false (framing.keep_alive);
  g_assert_cmpuint (framing.n_transfer_codings, ==, 1);
  g_assert_cmpint (framing.transfer_codings[0], ==, QNET_HTTP_CODING_DEFLATE);

  g_assert_true (qnet_http_get_codings (head, &framing, codings, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (codings[0], ==, QNET_HTTP_CODING_GZIP);
  g_assert_cmpint (codings[1], ==, QNET_HTTP_CODING_DEFLATE);
  /* Without a framing only Content-Encoding counts. */
  g_assert_true (qnet_http_get_codings (head, NULL, codings, &n, &error));
  g_assert_cmpuint (n, ==, 1);

  g_assert_true (qnet_http_parse_content_length (head, &length, &error));
  g_assert_cmpint (length, ==, 7);
  g_assert_true (qnet_http_parse_content_length (plain, &length, &error));
  g_assert_cmpint (length, ==, -1);

  g_assert_true (qnet_http_head_is_keep_alive (plain));

  g_assert_cmpstr (qnet_http_body_kind_to_string (QNET_HTTP_BODY_NONE), ==, "none");
  g_assert_cmpstr (qnet_http_body_kind_to_string (QNET_HTTP_BODY_CONTENT_LENGTH), ==, "content-length");
  g_assert_cmpstr (qnet_http_body_kind_to_string (QNET_HTTP_BODY_CHUNKED), ==, "chunked");
  g_assert_cmpstr (qnet_http_body_kind_to_string (QNET_HTTP_BODY_UNTIL_CLOSE), ==, "until-close");
  g_assert_cmpstr (qnet_http_body_kind_to_string (17), ==, "invalid");
  g_assert_cmpstr (qnet_http_coding_to_string (QNET_HTTP_CODING_GZIP), ==, "gzip");
  g_assert_cmpstr (qnet_http_coding_to_string (QNET_HTTP_CODING_DEFLATE), ==, "deflate");
  g_assert_cmpstr (qnet_http_coding_to_string (17), ==, "invalid");
}

/* QNET_HTTP_MAX_INTERIM_RESPONSES interim responses pass, one more fails
 * (the pipeline in proto-test-utils.c applies the limit as the client
 * will). */
static void
test_interim_limit (void)
{
  for (guint extra = 0; extra <= 1; extra++)
    {
      GString *s = g_string_new (NULL);
      g_autofree char *t = NULL;
      g_autofree char *last = NULL;

      for (guint i = 0; i < QNET_HTTP_MAX_INTERIM_RESPONSES + extra; i++)
        g_string_append (s, "HTTP/1.1 102 Processing\r\n\r\n");
      g_string_append (s, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
      t = proto_assert_split_invariant (RESP, "GET", (const guint8 *) s->str, s->len, 0);
      last = proto_transcript_last_line (t);
      if (extra == 0)
        g_assert_true (g_str_has_prefix (last, "done "));
      else
        g_assert_true (g_str_has_prefix (last, "error qnet-http-error-quark 10 "));
      g_string_free (s, TRUE);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (framing_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proto/framing/%s", framing_cases[i].name);

      g_test_add_data_func (path, &framing_cases[i], test_framing_case);
    }
  g_test_add_func ("/proto/framing/api", test_api);
  g_test_add_func ("/proto/framing/interim-limit", test_interim_limit);

  return g_test_run ();
}
