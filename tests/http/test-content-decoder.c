/* test-content-decoder.c: the streaming gzip/deflate decoder (io/qnet-content-decoder)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every case is fed whole, byte by byte and split at every offset (for
 * the small inputs), and must give the same output and verdict.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <zlib.h>

#include "libqnet/qnet-error.h"
#include "io/qnet-content-decoder.h"
#include "proto/qnet-limits.h"

static GBytes *
compress_with (const void *data,
               gsize       len,
               int         window_bits)
{
  z_stream zs;
  gsize bound;
  guint8 *out;
  int ret;

  memset (&zs, 0, sizeof zs);
  g_assert_cmpint (deflateInit2 (&zs, 9, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY), ==, Z_OK);
  bound = deflateBound (&zs, (uLong) len) + 64;
  out = g_malloc (bound);
  zs.next_in = (Bytef *) data;
  zs.avail_in = (uInt) len;
  zs.next_out = out;
  zs.avail_out = (uInt) bound;
  ret = deflate (&zs, Z_FINISH);
  g_assert_cmpint (ret, ==, Z_STREAM_END);
  bound = zs.total_out;
  deflateEnd (&zs);
  return g_bytes_new_take (out, bound);
}

static GBytes *
gzip (const void *data, gsize len)
{
  return compress_with (data, len, 16 + MAX_WBITS);
}

static GBytes *
zlib (const void *data, gsize len)
{
  return compress_with (data, len, MAX_WBITS);
}

static GBytes *
raw_deflate (const void *data, gsize len)
{
  return compress_with (data, len, -MAX_WBITS);
}

/* Decodes @in fed in pieces of @step bytes (0: whole; G_MAXSIZE: split
 * once at @split). */
static GBytes *
decode_split (const QnetHttpCoding  *codings,
              guint                  n_codings,
              gint64                 max_output,
              GBytes                *in,
              gsize                  split,
              gsize                  step,
              GError               **error)
{
  g_autoptr(QnetContentDecoder) decoder = qnet_content_decoder_new (codings, n_codings, max_output, error);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize len;
  const guint8 *p = g_bytes_get_data (in, &len);

  if (decoder == NULL)
    return NULL;

  if (step > 0)
    {
      for (gsize off = 0; off < len; off += step)
        if (!qnet_content_decoder_feed (decoder, p + off, MIN (step, len - off), out, error))
          return NULL;
    }
  else
    {
      if (!qnet_content_decoder_feed (decoder, p, split, out, error) ||
          !qnet_content_decoder_feed (decoder, p + split, len - split, out, error))
        return NULL;
    }
  if (!qnet_content_decoder_finish (decoder, out, error))
    return NULL;
  g_assert_cmpuint (qnet_content_decoder_get_total_in (decoder), ==, len);
  g_assert_cmpuint (qnet_content_decoder_get_total_out (decoder), ==, out->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Every split of @in must decode to @expected (or fail with @code when
 * @expected is NULL). */
static void
check_all_splits (const QnetHttpCoding *codings,
                  guint                 n_codings,
                  GBytes               *in,
                  GBytes               *expected,
                  gint                  code)
{
  gsize len = g_bytes_get_size (in);

  for (gsize split = 0; split <= len; split++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = decode_split (codings, n_codings, -1, in, split, 0, &error);

      if (expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (g_bytes_equal (out, expected));
        }
      else
        {
          g_assert_error (error, QNET_HTTP_ERROR, code);
          g_assert_null (out);
        }
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) out = decode_split (codings, n_codings, -1, in, 0, 1, &error);

    if (expected != NULL)
      {
        g_assert_no_error (error);
        g_assert_true (g_bytes_equal (out, expected));
      }
    else
      g_assert_error (error, QNET_HTTP_ERROR, code);
  }
}

static const char text[] = "The quick brown fox jumps over the lazy dog. The quick brown fox, again.\n";

static void
test_gzip (void)
{
  QnetHttpCoding codings[] = { QNET_HTTP_CODING_GZIP };
  g_autoptr(GBytes) plain = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) packed = gzip (text, sizeof text - 1);

  check_all_splits (codings, 1, packed, plain, 0);
}

static void
test_deflate_zlib_and_raw (void)
{
  QnetHttpCoding codings[] = { QNET_HTTP_CODING_DEFLATE };
  g_autoptr(GBytes) plain = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) wrapped = zlib (text, sizeof text - 1);
  g_autoptr(GBytes) raw = raw_deflate (text, sizeof text - 1);

  check_all_splits (codings, 1, wrapped, plain, 0);
  check_all_splits (codings, 1, raw, plain, 0);
}

static void
test_stacked (void)
{
  /* Content-Encoding: deflate, gzip: gzip was applied last. */
  QnetHttpCoding codings[] = { QNET_HTTP_CODING_DEFLATE, QNET_HTTP_CODING_GZIP };
  g_autoptr(GBytes) plain = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) inner = zlib (text, sizeof text - 1);
  g_autoptr(GBytes) outer = gzip (g_bytes_get_data (inner, NULL), g_bytes_get_size (inner));

  check_all_splits (codings, 2, outer, plain, 0);
}

static void
test_gzip_members (void)
{
  QnetHttpCoding codings[] = { QNET_HTTP_CODING_GZIP };
  g_autoptr(GBytes) a = gzip ("first ", 6);
  g_autoptr(GBytes) b = gzip ("second", 6);
  g_autoptr(GByteArray) both = g_byte_array_new ();
  g_autoptr(GBytes) in = NULL;
  g_autoptr(GBytes) expected = g_bytes_new_static ("first second", 12);

  g_byte_array_append (both, g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  g_byte_array_append (both, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  in = g_byte_array_free_to_bytes (g_steal_pointer (&both));
  check_all_splits (codings, 1, in, expected, 0);
}

static void
test_errors (void)
{
  QnetHttpCoding gz[] = { QNET_HTTP_CODING_GZIP };
  QnetHttpCoding df[] = { QNET_HTTP_CODING_DEFLATE };
  g_autoptr(GBytes) packed = gzip (text, sizeof text - 1);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (packed, 0, g_bytes_get_size (packed) - 5);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("this is not compressed at all", 29);
  g_autoptr(GBytes) wrapped = zlib (text, sizeof text - 1);
  g_autoptr(GByteArray) trailing = g_byte_array_new ();
  g_autoptr(GBytes) with_trailing = NULL;
  g_autoptr(GBytes) one_byte = g_bytes_new_static ("x", 1);

  check_all_splits (gz, 1, truncated, NULL, QNET_HTTP_ERROR_DECODE);
  check_all_splits (gz, 1, garbage, NULL, QNET_HTTP_ERROR_DECODE);
  /* Data after the end of a deflate stream. */
  g_byte_array_append (trailing, g_bytes_get_data (wrapped, NULL), g_bytes_get_size (wrapped));
  g_byte_array_append (trailing, (const guint8 *) "xx", 2);
  with_trailing = g_byte_array_free_to_bytes (g_steal_pointer (&trailing));
  check_all_splits (df, 1, with_trailing, NULL, QNET_HTTP_ERROR_DECODE);
  /* One byte: not even a header. */
  check_all_splits (df, 1, one_byte, NULL, QNET_HTTP_ERROR_DECODE);

  /* An empty body carries no stream: accepted. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetContentDecoder) decoder = qnet_content_decoder_new (gz, 1, -1, &error);
    g_autoptr(GByteArray) out = g_byte_array_new ();

    g_assert_true (qnet_content_decoder_finish (decoder, out, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (out->len, ==, 0);
  }

  /* Three layers are refused. */
  {
    QnetHttpCoding three[] = { QNET_HTTP_CODING_GZIP, QNET_HTTP_CODING_GZIP, QNET_HTTP_CODING_GZIP };
    g_autoptr(GError) error = NULL;
    QnetContentDecoder *decoder = qnet_content_decoder_new (three, 3, -1, &error);

    g_assert_null (decoder);
    g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE);
  }
}

static void
test_caps (void)
{
  QnetHttpCoding gz[] = { QNET_HTTP_CODING_GZIP };
  QnetHttpCoding two[] = { QNET_HTTP_CODING_GZIP, QNET_HTTP_CODING_GZIP };
  gsize big = 32 * 1024 * 1024;
  g_autofree guint8 *zeros = g_malloc0 (big);
  g_autoptr(GBytes) single = gzip (zeros, big);
  g_autoptr(GBytes) nested = gzip (g_bytes_get_data (single, NULL), g_bytes_get_size (single));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;

  /* One layer of zeros (about 1030:1) stays under the ratio cap. */
  out = decode_split (gz, 1, -1, single, 0, 4096, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (out), ==, big);
  g_clear_pointer (&out, g_bytes_unref);

  /* The absolute cap, checked while decoding. */
  out = decode_split (gz, 1, 1000000, single, 0, 4096, &error);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE);
  g_clear_error (&error);

  /* Two layers of zeros: stopped by the ratio, early. */
  {
    g_autoptr(QnetContentDecoder) decoder = qnet_content_decoder_new (two, 2, -1, &error);
    g_autoptr(GByteArray) sink = g_byte_array_new ();

    g_assert_false (qnet_content_decoder_feed (decoder, g_bytes_get_data (nested, NULL),
                                               g_bytes_get_size (nested), sink, &error));
    g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE);
    g_assert_cmpuint (qnet_content_decoder_get_total_out (decoder), <,
                      QNET_HTTP_DECODE_RATIO_MIN_OUTPUT + 2 * 64 * 1024);
    /* Failed stays failed. */
    g_clear_error (&error);
    g_assert_false (qnet_content_decoder_feed (decoder, (const guint8 *) "x", 1, sink, &error));
    g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE);
  }
}

static void
test_identity (void)
{
  g_autoptr(GBytes) plain = g_bytes_new_static (text, sizeof text - 1);

  check_all_splits (NULL, 0, plain, plain, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/decoder/gzip", test_gzip);
  g_test_add_func ("/http/decoder/deflate", test_deflate_zlib_and_raw);
  g_test_add_func ("/http/decoder/stacked", test_stacked);
  g_test_add_func ("/http/decoder/gzip-members", test_gzip_members);
  g_test_add_func ("/http/decoder/errors", test_errors);
  g_test_add_func ("/http/decoder/caps", test_caps);
  g_test_add_func ("/http/decoder/identity", test_identity);

  return g_test_run ();
}
