/* test-http-chunked.c: chunked transfer coding decoder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-error.h"
#include "qnet-http-chunked.h"
#include "qnet-limits.h"

#include "proto-test-utils.h"

typedef struct {
  const char *name;
  const char *input;
  gsize len;
  ProtoVerdict verdict;
  int code;                /* QNET_HTTP_ERROR code when verdict is ERROR */
  const char *transcript;  /* the whole expected transcript, or NULL */
} ChunkedCase;

#define Y(n, in, t) { n, in, sizeof (in) - 1, PROTO_VERDICT_DONE, 0, t }
#define N(n, in, c) { n, in, sizeof (in) - 1, PROTO_VERDICT_ERROR, QNET_HTTP_ERROR_##c, NULL }
#define M(n, in) { n, in, sizeof (in) - 1, PROTO_VERDICT_NEED_MORE, 0, NULL }

static const ChunkedCase chunked_cases[] = {
  Y ("basic", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
     "chunk-size 5 total 0 line 1\n"
     "data 5\n"
     "chunk-end 5 total 5\n"
     "chunk-size 6 total 5 line 1\n"
     "data 6\n"
     "chunk-end 6 total 11\n"
     "chunk-size 0 total 11 line 1\n"
     "end total 11\n"
     "body 11 \"hello world\"\n"
     "done at 26 trailing 0\n"),
  Y ("empty-body", "0\r\n\r\n",
     "chunk-size 0 total 0 line 1\n"
     "end total 0\n"
     "done at 5 trailing 0\n"),
  Y ("hex-digits", "A\r\n0123456789\r\na\r\nabcdefghij\r\n0\r\n\r\n",
     "chunk-size 10 total 0 line 1\n"
     "data 10\n"
     "chunk-end 10 total 10\n"
     "chunk-size 10 total 10 line 1\n"
     "data 10\n"
     "chunk-end 10 total 20\n"
     "chunk-size 0 total 20 line 1\n"
     "end total 20\n"
     "body 20 \"0123456789abcdefghij\"\n"
     "done at 35 trailing 0\n"),
  Y ("leading-zeros", "0005\r\nhello\r\n000\r\n\r\n",
     "chunk-size 5 total 0 line 4\n"
     "data 5\n"
     "chunk-end 5 total 5\n"
     "chunk-size 0 total 5 line 3\n"
     "end total 5\n"
     "body 5 \"hello\"\n"
     "done at 20 trailing 0\n"),
  Y ("sixteen-digits", "0000000000000005\r\nhello\r\n0\r\n\r\n",
     "chunk-size 5 total 0 line 16\n"
     "data 5\n"
     "chunk-end 5 total 5\n"
     "chunk-size 0 total 5 line 1\n"
     "end total 5\n"
     "body 5 \"hello\"\n"
     "done at 30 trailing 0\n"),
  Y ("extensions", "5;name=value;flag\r\nhello\r\n0;last=\"a b\"\r\n\r\n",
     "chunk-size 5 total 0 line 17\n"
     "data 5\n"
     "chunk-end 5 total 5\n"
     "chunk-size 0 total 5 line 12\n"
     "end total 5\n"
     "body 5 \"hello\"\n"
     "done at 42 trailing 0\n"),
  Y ("bws-before-extension", "5 \t;x\r\nhello\r\n0\r\n\r\n",
     "chunk-size 5 total 0 line 5\n"
     "data 5\n"
     "chunk-end 5 total 5\n"
     "chunk-size 0 total 5 line 1\n"
     "end total 5\n"
     "body 5 \"hello\"\n"
     "done at 19 trailing 0\n"),
  Y ("blanks-after-size", "5  \r\nhello\r\n0\r\n\r\n",
     "chunk-size 5 total 0 line 3\n"
     "data 5\n"
     "chunk-end 5 total 5\n"
     "chunk-size 0 total 5 line 1\n"
     "end total 5\n"
     "body 5 \"hello\"\n"
     "done at 17 trailing 0\n"),
  Y ("binary-data", "4\r\n\r\n\r\n\r\n0\r\n\r\n",
     "chunk-size 4 total 0 line 1\n"
     "data 4\n"
     "chunk-end 4 total 4\n"
     "chunk-size 0 total 4 line 1\n"
     "end total 4\n"
     "body 4 \"\\r\\n\\r\\n\"\n"
     "done at 14 trailing 0\n"),
  Y ("trailers", "3\r\nabc\r\n0\r\nExpires: never\r\nX-Sum: 1\r\nx-sum: 2\r\n\r\n",
     "chunk-size 3 total 0 line 1\n"
     "data 3\n"
     "chunk-end 3 total 3\n"
     "chunk-size 0 total 3 line 1\n"
     "end total 3\n"
     "trailers {'expires': <'never'>, 'x-sum': <['1', '2']>}\n"
     "body 3 \"abc\"\n"
     "done at 49 trailing 0\n"),
  Y ("trailing-bytes", "1\r\nx\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n",
     "chunk-size 1 total 0 line 1\n"
     "data 1\n"
     "chunk-end 1 total 1\n"
     "chunk-size 0 total 1 line 1\n"
     "end total 1\n"
     "body 1 \"x\"\n"
     "done at 11 trailing 17\n"),
  /* Generated (NULL input): an extension of exactly the limit. */
  { "extension-4096", NULL, 0, PROTO_VERDICT_DONE, 0, NULL },

  /* Size line: strict grammar. */
  N ("size-17-digits", "00000000000000005\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-17-digits-f", "fffffffffffffffff\r\n", BAD_CHUNK),
  N ("size-over-int64", "8000000000000000\r\n", BAD_CHUNK),
  N ("size-max-uint64", "ffffffffffffffff\r\n", BAD_CHUNK),
  N ("size-negative", "-1\r\n", BAD_CHUNK),
  N ("size-0x-prefix", "0x5\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-leading-space", " 5\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-leading-tab", "\t5\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-illegal", "ILLEGAL\r\n", BAD_CHUNK),
  N ("size-plus", "+5\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-empty", "\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-letters-after", "5g\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-space-inside", "1 0\r\n0123456789abcdef\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-lf-only", "5\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-cr-cr", "5\r\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("size-nul", "5\0\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("last-lf-only", "0\n\n", BAD_CHUNK),
  N ("extension-control", "5;a\x01\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("extension-nul", "5;a\0\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("extension-lf", "5;a\nhello\r\n0\r\n\r\n", BAD_CHUNK),

  /* Data must be followed by CRLF. */
  N ("data-no-crlf", "5\r\nhelloXX0\r\n\r\n", BAD_CHUNK),
  N ("data-too-long", "3\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
  N ("data-lf-only", "5\r\nhello\n0\r\n\r\n", BAD_CHUNK),
  N ("data-cr-only", "5\r\nhello\r0\r\n\r\n", BAD_CHUNK),

  /* Trailers follow the head rules. */
  N ("trailer-nul", "0\r\nX: a\0b\r\n\r\n", BAD_CHUNK),
  N ("trailer-no-colon", "0\r\nX-Checksum\r\n\r\n", BAD_CHUNK),
  N ("trailer-bare-cr", "0\r\nX: a\rb\r\n\r\n", BAD_CHUNK),
  N ("trailer-fold-first", "0\r\n X: a\r\n\r\n", BAD_CHUNK),
  N ("trailer-space-before-colon", "0\r\nX : a\r\n\r\n", BAD_CHUNK),

  /* Truncated bodies: need more, never success. */
  M ("truncated-empty", ""),
  M ("truncated-size", "5"),
  M ("truncated-size-cr", "5\r"),
  M ("truncated-data", "5\r\nhel"),
  M ("truncated-after-data", "5\r\nhello"),
  M ("truncated-after-chunk", "5\r\nhello\r\n"),
  M ("truncated-last-chunk", "5\r\nhello\r\n0\r\n"),
  M ("truncated-trailers", "0\r\nX: y\r\n"),
  M ("truncated-huge-chunk", "7fffffffffffffff\r\nabc"),
};

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

static char *
run (const guint8 *data,
     gsize         len)
{
  char *t = proto_assert_split_invariant (PROTO_MACHINE_CHUNKED, NULL, data, len, 8192);

  g_test_message ("transcript:\n%s", t);
  return t;
}

static GString *
extension_chunk (gsize ext_len)
{
  GString *s = g_string_new ("5;");

  /* ";" counts as part of the extension bytes. */
  for (gsize i = 1; i < ext_len; i++)
    g_string_append_c (s, (char) ('a' + i % 26));
  g_string_append (s, "\r\nhello\r\n0\r\n\r\n");
  return s;
}

static void
test_chunked_case (gconstpointer data)
{
  const ChunkedCase *c = data;
  g_autoptr(GString) generated = NULL;
  g_autofree char *t = NULL;

  if (c->input == NULL)
    {
      generated = extension_chunk (QNET_HTTP_MAX_CHUNK_EXTENSION);
      t = run ((const guint8 *) generated->str, generated->len);
    }
  else
    {
      t = run ((const guint8 *) c->input, c->len);
    }

  g_assert_cmpint (proto_transcript_verdict (t), ==, c->verdict);
  if (c->verdict == PROTO_VERDICT_ERROR)
    assert_error_code (t, c->code);
  if (c->transcript != NULL)
    g_assert_cmpstr (t, ==, c->transcript);
}

static void
test_extension_over_limit (void)
{
  g_autoptr(GString) s = extension_chunk (QNET_HTTP_MAX_CHUNK_EXTENSION + 1);
  g_autofree char *t = run ((const guint8 *) s->str, s->len);

  assert_error_code (t, QNET_HTTP_ERROR_BAD_CHUNK);
}

/* The hostile case of issue 5: a 1 MiB chunk extension, rejected after
 * QNET_HTTP_MAX_CHUNK_EXTENSION bytes without waiting for the rest. */
static void
test_extension_1mib (void)
{
  g_autoptr(GString) s = extension_chunk (1024 * 1024);
  g_autofree char *t = proto_assert_split_invariant (PROTO_MACHINE_CHUNKED, NULL,
                                                     (const guint8 *) s->str, s->len, 0);

  assert_error_code (t, QNET_HTTP_ERROR_BAD_CHUNK);
  g_assert_nonnull (strstr (t, "at 4097:"));
}

static void
test_trailer_limits (void)
{
  GString *s = g_string_new ("0\r\n");
  g_autofree char *t = NULL;
  g_autofree char *t2 = NULL;

  for (guint i = 0; i <= QNET_HTTP_MAX_TRAILER_FIELDS; i++)
    g_string_append_printf (s, "T%u: v\r\n", i);
  g_string_append (s, "\r\n");
  t = run ((const guint8 *) s->str, s->len);
  assert_error_code (t, QNET_HTTP_ERROR_HEADER_TOO_LARGE);

  g_string_assign (s, "0\r\nX: ");
  while (s->len < QNET_HTTP_MAX_TRAILER_LINE + 100)
    g_string_append_c (s, 'x');
  g_string_append (s, "\r\n\r\n");
  t2 = proto_assert_split_invariant (PROTO_MACHINE_CHUNKED, NULL, (const guint8 *) s->str, s->len, 0);
  assert_error_code (t2, QNET_HTTP_ERROR_HEADER_TOO_LARGE);
  g_string_free (s, TRUE);
}

/* Many small chunks: totals add up, the data path stays per event. */
static void
test_many_chunks (void)
{
  GString *s = g_string_new (NULL);
  g_autofree char *t = NULL;
  g_autofree char *expected_end = NULL;
  guint64 total = 0;

  for (guint i = 1; i <= 300; i++)
    {
      g_string_append_printf (s, "%x\r\n", i);
      for (guint k = 0; k < i; k++)
        g_string_append_c (s, (char) ('a' + k % 26));
      g_string_append (s, "\r\n");
      total += i;
    }
  g_string_append (s, "0\r\n\r\n");
  t = proto_assert_split_invariant (PROTO_MACHINE_CHUNKED, NULL, (const guint8 *) s->str, s->len, 0);
  expected_end = g_strdup_printf ("end total %" G_GUINT64_FORMAT "\n", total);
  g_assert_nonnull (strstr (t, expected_end));
  g_assert_cmpint (proto_transcript_verdict (t), ==, PROTO_VERDICT_DONE);
  g_string_free (s, TRUE);
}

static void
test_events_api (void)
{
  static const guint8 body[] = "3;x\r\nabc\r\n0\r\nT: 1\r\n\r\nrest";
  g_autoptr(QnetChunkedDecoder) d = qnet_chunked_decoder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetHttpHead) trailers = NULL;
  QnetChunkedEvent ev;
  gsize consumed, pos = 0;

  g_assert_cmpint (qnet_chunked_decoder_get_state (d), ==, QNET_CHUNKED_STATE_SIZE_START);
  g_assert_cmpint (qnet_chunked_decoder_feed (d, body, 0, &consumed, &ev, &error), ==, QNET_PARSE_NEED_MORE);
  g_assert_cmpuint (consumed, ==, 0);
  g_assert_cmpint (ev.type, ==, QNET_CHUNKED_EVENT_NONE);

  g_assert_cmpint (qnet_chunked_decoder_feed (d, body, sizeof body - 1, &consumed, &ev, &error), ==, QNET_PARSE_EVENT);
  g_assert_no_error (error);
  g_assert_cmpint (ev.type, ==, QNET_CHUNKED_EVENT_SIZE);
  g_assert_cmpuint (ev.size, ==, 3);
  g_assert_cmpuint (ev.total, ==, 0);
  g_assert_cmpuint (ev.line_len, ==, 3);
  g_assert_cmpuint (consumed, ==, 5);
  pos += consumed;

  g_assert_cmpint (qnet_chunked_decoder_feed (d, body + pos, sizeof body - 1 - pos, &consumed, &ev, &error), ==, QNET_PARSE_EVENT);
  g_assert_cmpint (ev.type, ==, QNET_CHUNKED_EVENT_DATA);
  g_assert_true (ev.data == body + 5);
  g_assert_cmpuint (ev.data_len, ==, 3);
  g_assert_cmpuint (ev.total, ==, 3);
  g_assert_cmpuint (qnet_chunked_decoder_get_total (d), ==, 3);
  pos += consumed;

  g_assert_cmpint (qnet_chunked_decoder_feed (d, body + pos, sizeof body - 1 - pos, &consumed, &ev, &error), ==, QNET_PARSE_EVENT);
  g_assert_cmpint (ev.type, ==, QNET_CHUNKED_EVENT_CHUNK_END);
  g_assert_cmpuint (ev.size, ==, 3);
  g_assert_cmpuint (ev.total, ==, 3);
  pos += consumed;

  g_assert_cmpint (qnet_chunked_decoder_feed (d, body + pos, sizeof body - 1 - pos, &consumed, &ev, &error), ==, QNET_PARSE_EVENT);
  g_assert_cmpint (ev.type, ==, QNET_CHUNKED_EVENT_SIZE);
  g_assert_cmpuint (ev.size, ==, 0);
  g_assert_cmpuint (ev.total, ==, 3);
  pos += consumed;

  g_assert_cmpint (qnet_chunked_decoder_feed (d, body + pos, sizeof body - 1 - pos, &consumed, &ev, &error), ==, QNET_PARSE_DONE);
  g_assert_cmpint (ev.type, ==, QNET_CHUNKED_EVENT_END);
  g_assert_nonnull (ev.trailers);
  g_assert_cmpstr (qnet_http_head_get_header (ev.trailers, "t"), ==, "1");
  pos += consumed;
  g_assert_cmpstr ((const char *) body + pos, ==, "rest");
  g_assert_cmpint (qnet_chunked_decoder_get_state (d), ==, QNET_CHUNKED_STATE_DONE);
  g_assert_true (qnet_chunked_decoder_finish (d, &error));
  g_assert_no_error (error);

  /* Feeding a finished decoder repeats the end and consumes nothing. */
  g_assert_cmpint (qnet_chunked_decoder_feed (d, body + pos, 4, &consumed, &ev, &error), ==, QNET_PARSE_DONE);
  g_assert_cmpuint (consumed, ==, 0);
  g_assert_cmpint (ev.type, ==, QNET_CHUNKED_EVENT_END);

  trailers = qnet_chunked_decoder_steal_trailers (d);
  g_assert_nonnull (trailers);
  g_assert_null (qnet_chunked_decoder_steal_trailers (d));

  /* Reset: ready for the next body. */
  qnet_chunked_decoder_reset (d);
  g_assert_cmpuint (qnet_chunked_decoder_get_total (d), ==, 0);
  g_assert_cmpint (qnet_chunked_decoder_feed (d, (const guint8 *) "0\r\n\r\n", 5, &consumed, &ev, &error), ==, QNET_PARSE_EVENT);
  g_assert_cmpint (qnet_chunked_decoder_feed (d, (const guint8 *) "\r\n", 2, &consumed, &ev, &error), ==, QNET_PARSE_DONE);
  g_assert_null (ev.trailers);
}

static void
test_errors_stick (void)
{
  g_autoptr(QnetChunkedDecoder) d = qnet_chunked_decoder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  QnetChunkedEvent ev;
  gsize consumed;

  g_assert_cmpint (qnet_chunked_decoder_feed (d, (const guint8 *) "zz", 2, &consumed, &ev, &error), ==, QNET_PARSE_ERROR);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CHUNK);
  g_assert_cmpuint (consumed, ==, 0);
  g_assert_cmpint (qnet_chunked_decoder_get_state (d), ==, QNET_CHUNKED_STATE_ERROR);
  g_assert_cmpint (qnet_chunked_decoder_feed (d, (const guint8 *) "5\r\n", 3, &consumed, &ev, &error2), ==, QNET_PARSE_ERROR);
  g_assert_error (error2, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CHUNK);
  g_assert_false (qnet_chunked_decoder_finish (d, &error3));
  g_assert_error (error3, QNET_HTTP_ERROR, QNET_HTTP_ERROR_BAD_CHUNK);
}

static void
test_finish_truncated (void)
{
  g_autoptr(QnetChunkedDecoder) d = qnet_chunked_decoder_new ();
  g_autoptr(GError) error = NULL;
  QnetChunkedEvent ev;
  gsize consumed;

  g_assert_cmpint (qnet_chunked_decoder_feed (d, (const guint8 *) "5\r\nab", 5, &consumed, &ev, &error), ==, QNET_PARSE_EVENT);
  g_assert_false (qnet_chunked_decoder_finish (d, &error));
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED);
}

static void
test_names (void)
{
  for (int s = 0; s < QNET_CHUNKED_N_STATES; s++)
    {
      const char *name = qnet_chunked_state_to_string ((QnetChunkedState) s);

      g_assert_cmpstr (name, !=, "invalid");
      for (int t = 0; t < s; t++)
        g_assert_cmpstr (qnet_chunked_state_to_string ((QnetChunkedState) t), !=, name);
    }
  g_assert_cmpstr (qnet_chunked_state_to_string (QNET_CHUNKED_N_STATES), ==, "invalid");
  g_assert_cmpstr (qnet_chunked_event_type_to_string (QNET_CHUNKED_EVENT_SIZE), ==, "size");
  g_assert_cmpstr (qnet_chunked_event_type_to_string (QNET_CHUNKED_EVENT_DATA), ==, "data");
  g_assert_cmpstr (qnet_chunked_event_type_to_string (QNET_CHUNKED_EVENT_CHUNK_END), ==, "chunk-end");
  g_assert_cmpstr (qnet_chunked_event_type_to_string (QNET_CHUNKED_EVENT_END), ==, "end");
  g_assert_cmpstr (qnet_chunked_event_type_to_string (QNET_CHUNKED_EVENT_NONE), ==, "none");
  g_assert_cmpstr (qnet_chunked_event_type_to_string (99), ==, "invalid");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (chunked_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proto/chunked/%s", chunked_cases[i].name);

      g_test_add_data_func (path, &chunked_cases[i], test_chunked_case);
    }
  g_test_add_func ("/proto/chunked/extension-over-limit", test_extension_over_limit);
  g_test_add_func ("/proto/chunked/extension-1mib", test_extension_1mib);
  g_test_add_func ("/proto/chunked/trailer-limits", test_trailer_limits);
  g_test_add_func ("/proto/chunked/many-chunks", test_many_chunks);
  g_test_add_func ("/proto/chunked/api/events", test_events_api);
  g_test_add_func ("/proto/chunked/api/errors-stick", test_errors_stick);
  g_test_add_func ("/proto/chunked/api/finish-truncated", test_finish_truncated);
  g_test_add_func ("/proto/chunked/api/names", test_names);

  return g_test_run ();
}
