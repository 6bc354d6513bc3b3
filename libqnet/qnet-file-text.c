/* qnet-file-text.c: character encodings of QnetFile (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A QnetFile holds text in its encoding; the API speaks UTF-8. Conversions
 * go through iconv (g_iconv), UTF-8 files are only validated. Decoding is
 * careful never to split a character: a read of N characters stops exactly
 * after the Nth one, however many bytes each takes, so the rest of the
 * bytes stay in the file's read-ahead buffer for the next call.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-file-private.h"

/* The longest input one character can take in any encoding iconv knows
 * (UTF-32 with a byte-order mark is 8, GB18030 is 4, ISO-2022 escape
 * sequences before a character stay below this). */
#define QNET_FILE_MAX_CHAR_BYTES 16

/* Input handed to iconv in one call when no character limit applies, so
 * the output buffer stays small. */
#define QNET_FILE_DECODE_CHUNK (64 * 1024)

static gboolean
is_utf8_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

char *
_qnet_file_canonical_encoding (const char *encoding)
{
  if (encoding == NULL || *encoding == '\0' || is_utf8_name (encoding))
    return g_strdup ("UTF-8");
  return g_ascii_strup (encoding, -1);
}

/* Converts @text with a fresh state of @cd (reset first) into a new array,
 * ending in the initial shift state. */
static GByteArray *
encode_with (GIConv      cd,
             const char *text,
             gsize       len,
             int        *error_number)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  char *in = (char *) text;
  gsize in_left = len;
  gsize done = 0;
  gsize room;
  char *outp;
  gsize out_left;
  gsize r;

  g_iconv (cd, NULL, NULL, NULL, NULL);
  *error_number = 0;

  /* Every round consumes input or fails: E2BIG with no progress at all
   * cannot happen with room for a whole character, and is an error. */
  while (in_left > 0)
    {
      gsize before = in_left;

      room = in_left * 4 + QNET_FILE_MAX_CHAR_BYTES;
      g_byte_array_set_size (out, done + room);
      outp = (char *) out->data + done;
      out_left = room;
      r = g_iconv (cd, &in, &in_left, &outp, &out_left);
      *error_number = errno;
      done += room - out_left;
      g_byte_array_set_size (out, done);

      if (r != (gsize) -1)
        break;
      if (*error_number != E2BIG || (in_left == before && out_left == room))
        return NULL;
    }

  /* Back to the initial shift state (ISO-2022 and the like). */
  room = QNET_FILE_MAX_CHAR_BYTES * 2;
  g_byte_array_set_size (out, done + room);
  outp = (char *) out->data + done;
  out_left = room;
  r = g_iconv (cd, NULL, NULL, &outp, &out_left);
  *error_number = errno;
  done += room - out_left;
  g_byte_array_set_size (out, done);
  if (r == (gsize) -1)
    return NULL;

  *error_number = 0;
  return g_steal_pointer (&out);
}

gboolean
_qnet_file_codec_init (QnetFileCodec *codec,
                       const char    *encoding,
                       GError       **error)
{
  g_autofree char *name = _qnet_file_canonical_encoding (encoding);
  GIConv to_utf8;
  GIConv from_utf8;
  g_autoptr(GByteArray) one = NULL;
  g_autoptr(GByteArray) two = NULL;
  g_autoptr(GByteArray) probe = NULL;
  int error_number = 0;

  memset (codec, 0, sizeof *codec);

  if (is_utf8_name (name))
    {
      codec->name = g_steal_pointer (&name);
      codec->is_utf8 = TRUE;
      codec->ascii_compatible = TRUE;
      codec->bom_len = 0;
      return TRUE;
    }

  to_utf8 = g_iconv_open ("UTF-8", name);
  from_utf8 = g_iconv_open (name, "UTF-8");
  if (to_utf8 == (GIConv) -1 || from_utf8 == (GIConv) -1)
    {
      if (to_utf8 != (GIConv) -1)
        g_iconv_close (to_utf8);
      if (from_utf8 != (GIConv) -1)
        g_iconv_close (from_utf8);
      g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING,
                   _("Unknown character encoding “%s”"), encoding);
      return FALSE;
    }
  g_iconv_close (to_utf8);

  /* What a fresh encoder writes once per conversion (a byte-order mark):
   * the difference between encoding "a" twice and "aa" once. */
  one = encode_with (from_utf8, "a", 1, &error_number);
  two = encode_with (from_utf8, "aa", 2, &error_number);
  probe = encode_with (from_utf8, "\n\rA", 3, &error_number);
  g_iconv_close (from_utf8);

  if (one == NULL || two == NULL || probe == NULL)
    {
      g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING,
                   _("Character encoding “%s” cannot represent ASCII text"), encoding);
      return FALSE;
    }

  if (2 * one->len > two->len && 2 * one->len - two->len <= one->len
      && memcmp (one->data, two->data, 2 * one->len - two->len) == 0)
    codec->bom_len = 2 * one->len - two->len;
  else
    codec->bom_len = 0;

  codec->ascii_compatible =
    probe->len == codec->bom_len + 3 && memcmp (probe->data + codec->bom_len, "\n\rA", 3) == 0;
  codec->name = g_steal_pointer (&name);
  codec->is_utf8 = FALSE;

  return TRUE;
}

void
_qnet_file_codec_clear (QnetFileCodec *codec)
{
  g_clear_pointer (&codec->name, g_free);
  codec->is_utf8 = FALSE;
  codec->ascii_compatible = FALSE;
  codec->bom_len = 0;
}

gboolean
_qnet_file_decoder_init (QnetFileDecoder     *decoder,
                         const QnetFileCodec *codec,
                         GError             **error)
{
  decoder->codec = codec;
  decoder->cd = (GIConv) -1;

  if (codec->is_utf8)
    return TRUE;

  decoder->cd = g_iconv_open ("UTF-8", codec->name);
  if (decoder->cd == (GIConv) -1)
    {
      g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING,
                   _("Unknown character encoding “%s”"), codec->name);
      return FALSE;
    }

  return TRUE;
}

void
_qnet_file_decoder_clear (QnetFileDecoder *decoder)
{
  if (decoder->cd != (GIConv) -1)
    g_iconv_close (decoder->cd);
  decoder->cd = (GIConv) -1;
  decoder->codec = NULL;
}

void
_qnet_file_decoder_prime (QnetFileDecoder *decoder,
                          const guint8    *head,
                          gsize            head_len)
{
  char buf[QNET_FILE_MAX_CHAR_BYTES * 2];
  char *in = (char *) head;
  gsize in_left = head_len;
  char *outp = buf;
  gsize out_left = sizeof buf;
  gsize r;

  if (decoder->cd == (GIConv) -1 || head_len == 0)
    return;

  /* A byte-order mark is consumed without output and sets the byte order;
   * anything else means the file has no mark: start from scratch. */
  r = g_iconv (decoder->cd, &in, &in_left, &outp, &out_left);
  if (r == (gsize) -1 || in_left != 0 || out_left != sizeof buf)
    g_iconv (decoder->cd, NULL, NULL, NULL, NULL);
}

static gboolean
utf8_incomplete_tail (const char *p,
                      gsize       len)
{
  /* TRUE when @p starts a valid UTF-8 sequence that only lacks bytes. */
  gunichar c;

  if (len == 0 || len >= 4 || memchr (p, '\0', len) != NULL)
    return FALSE;
  c = g_utf8_get_char_validated (p, (gssize) len);
  return c == (gunichar) -2;
}

static QnetFileDecodeStatus
decode_utf8 (const guint8 *in,
             gsize         in_len,
             gint64        max_chars,
             GString      *out,
             gsize        *consumed,
             gint64       *n_chars)
{
  const char *start = (const char *) in;
  const char *end = NULL;
  const char *p;
  gsize valid;
  gint64 chars = 0;
  QnetFileDecodeStatus status = QNET_FILE_DECODE_OK;

  if (g_utf8_validate_len (start, in_len, &end))
    valid = in_len;
  else
    {
      valid = (gsize) (end - start);
      status = utf8_incomplete_tail (end, in_len - valid) ? QNET_FILE_DECODE_INCOMPLETE
                                                          : QNET_FILE_DECODE_INVALID;
    }

  if (max_chars < 0)
    {
      chars = (gint64) g_utf8_strlen (start, (gssize) valid);
      p = start + valid;
    }
  else
    {
      const char *limit = start + valid;

      p = start;
      while (chars < max_chars && p < limit)
        {
          p = g_utf8_next_char (p);
          chars++;
        }
      if (chars == max_chars)
        status = QNET_FILE_DECODE_OK;
    }

  g_string_append_len (out, start, p - start);
  *consumed = (gsize) (p - start);
  *n_chars = chars;
  return status;
}

/* Output bytes of one iconv round: rejects NUL (the API returns C strings,
 * a NUL would cut the text silently; read such files as bytes). */
static gboolean
account_output (GString *out,
                gsize    from,
                gint64  *chars)
{
  const char *p = out->str + from;
  gsize n = out->len - from;

  if (n == 0)
    return TRUE;
  if (memchr (p, '\0', n) != NULL)
    return FALSE;
  *chars += (gint64) g_utf8_strlen (p, (gssize) n);
  return TRUE;
}

static QnetFileDecodeStatus
decode_iconv (GIConv        cd,
              const guint8 *in,
              gsize         in_len,
              gint64        max_chars,
              GString      *out,
              gsize        *consumed,
              gint64       *n_chars)
{
  gsize used = 0;
  gint64 chars = 0;
  QnetFileDecodeStatus status = QNET_FILE_DECODE_OK;

  *consumed = 0;
  *n_chars = 0;

  /* Every round consumes input or returns: the loop is bounded by in_len. */
  while (used < in_len && (max_chars < 0 || chars < max_chars))
    {
      gint64 remaining = max_chars < 0 ? -1 : max_chars - chars;
      gboolean progressed = FALSE;

      if (remaining < 0 || remaining >= 4)
        {
          /* Bulk: an output of R bytes holds at most R characters. */
          gsize chunk = MIN (in_len - used, (gsize) QNET_FILE_DECODE_CHUNK);
          gsize room = remaining < 0 ? chunk * 4 + QNET_FILE_MAX_CHAR_BYTES
                                     : (gsize) MIN (remaining, (gint64) (chunk * 4 + QNET_FILE_MAX_CHAR_BYTES));
          gsize old = out->len;
          char *inp = (char *) in + used;
          gsize in_left = chunk;
          char *outp;
          gsize out_left = room;
          gsize r;
          int error_number;

          g_string_set_size (out, old + room);
          outp = out->str + old;
          r = g_iconv (cd, &inp, &in_left, &outp, &out_left);
          error_number = errno;
          g_string_set_size (out, old + (room - out_left));
          used += chunk - in_left;
          if (!account_output (out, old, &chars))
            {
              status = QNET_FILE_DECODE_INVALID;
              break;
            }
          progressed = in_left < chunk || out_left < room;

          if (r != (gsize) -1)
            continue;
          if (error_number == EILSEQ)
            {
              status = QNET_FILE_DECODE_INVALID;
              break;
            }
          if (error_number == EINVAL)
            {
              /* Incomplete at the end of this chunk: only the end of the
               * whole input makes it incomplete. */
              if (used + in_left >= in_len)
                {
                  status = QNET_FILE_DECODE_INCOMPLETE;
                  break;
                }
              if (progressed)
                continue;
            }
          else if (progressed)
            continue; /* E2BIG after some output */
        }

      /* One character: feed the shortest prefix that completes one. */
      {
        gsize limit = MIN (in_len - used, (gsize) QNET_FILE_MAX_CHAR_BYTES);
        gsize k;

        progressed = FALSE;
        for (k = 1; k <= limit; k++)
          {
            char buf[QNET_FILE_MAX_CHAR_BYTES * 2];
            char *inp = (char *) in + used;
            gsize in_left = k;
            char *outp = buf;
            gsize out_left = sizeof buf;
            gsize r = g_iconv (cd, &inp, &in_left, &outp, &out_left);
            int error_number = errno;
            gsize old = out->len;

            if (in_left < k || out_left < sizeof buf)
              {
                g_string_append_len (out, buf, sizeof buf - out_left);
                used += k - in_left;
                if (!account_output (out, old, &chars))
                  {
                    *consumed = used;
                    *n_chars = chars;
                    return QNET_FILE_DECODE_INVALID;
                  }
                progressed = TRUE;
                break;
              }
            if (r == (gsize) -1 && error_number == EILSEQ)
              {
                *consumed = used;
                *n_chars = chars;
                return QNET_FILE_DECODE_INVALID;
              }
          }

        if (!progressed)
          {
            status = in_len - used < QNET_FILE_MAX_CHAR_BYTES ? QNET_FILE_DECODE_INCOMPLETE
                                                                : QNET_FILE_DECODE_INVALID;
            break;
          }
      }
    }

  *consumed = used;
  *n_chars = chars;
  if (max_chars >= 0 && chars >= max_chars && status != QNET_FILE_DECODE_INVALID)
    status = QNET_FILE_DECODE_OK;
  return status;
}

QnetFileDecodeStatus
_qnet_file_decoder_decode (QnetFileDecoder *decoder,
                           const guint8    *in,
                           gsize            in_len,
                           gint64           max_chars,
                           GString         *out,
                           gsize           *consumed,
                           gint64          *n_chars)
{
  if (in_len == 0 || max_chars == 0)
    {
      *consumed = 0;
      *n_chars = 0;
      return QNET_FILE_DECODE_OK;
    }

  if (decoder->codec->is_utf8)
    return decode_utf8 (in, in_len, max_chars, out, consumed, n_chars);
  return decode_iconv (decoder->cd, in, in_len, max_chars, out, consumed, n_chars);
}

GBytes *
_qnet_file_codec_encode (const QnetFileCodec *codec,
                         const char          *text,
                         gsize                len,
                         gboolean             with_bom,
                         GError             **error)
{
  g_autoptr(GByteArray) out = NULL;
  GIConv cd;
  int error_number = 0;

  if (codec->is_utf8)
    {
      const char *end = NULL;

      if (!g_utf8_validate_len (text, len, &end))
        {
          g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING,
                       _("The text is not valid UTF-8 (at byte %llu)"),
                       (unsigned long long) (end - text));
          return NULL;
        }
      return g_bytes_new (text, len);
    }

  cd = g_iconv_open (codec->name, "UTF-8");
  if (cd == (GIConv) -1)
    {
      g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING,
                   _("Unknown character encoding “%s”"), codec->name);
      return NULL;
    }
  out = encode_with (cd, text, len, &error_number);
  g_iconv_close (cd);

  if (out == NULL)
    {
      if (error_number == EILSEQ && g_utf8_validate_len (text, len, NULL))
        g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING,
                     _("The text contains a character that %s cannot represent"), codec->name);
      else
        g_set_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING,
                     _("The text is not valid UTF-8"));
      return NULL;
    }

  if (!with_bom && codec->bom_len > 0 && out->len >= codec->bom_len)
    g_byte_array_remove_range (out, 0, codec->bom_len);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
