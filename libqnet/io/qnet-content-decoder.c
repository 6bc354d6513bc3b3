/* qnet-content-decoder.c: streaming gzip/deflate decoding of HTTP bodies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <zlib.h>

#include "libqnet/qnet-error.h"
#include "proto/qnet-limits.h"
#include "qnet-content-decoder.h"

/* Output produced by one inflate() call: the caps are checked after each,
 * so a bomb is stopped within this many bytes of crossing them. */
#define QNET_DECODER_STEP (64 * 1024)

typedef enum {
  LAYER_FORMAT_GZIP,     /* RFC 1952, members may follow each other */
  LAYER_FORMAT_DEFLATE,  /* RFC 1950 zlib stream, or raw RFC 1951 */
} LayerFormat;

typedef struct {
  LayerFormat format;
  z_stream    zs;
  gboolean    initialised;
  gboolean    ended;       /* the current stream reached its end */
  gboolean    any_input;
  guint8      sniff[2];    /* deflate: the first bytes, to tell zlib from raw */
  guint       n_sniff;
  guint8     *step;        /* (owned) (nullable) output of one inflate() call */
} Layer;

struct _QnetContentDecoder {
  Layer       layers[QNET_HTTP_MAX_CONTENT_CODINGS]; /* [0] is undone first */
  guint       n_layers;
  gint64      max_output;
  guint64     total_in;
  guint64     total_out;
  gboolean    failed;
};

static void
decode_error (GError    **error,
              const char *message)
{
  g_set_error_literal (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE, message);
}

QnetContentDecoder *
qnet_content_decoder_new (const QnetHttpCoding  *codings,
                          guint                  n_codings,
                          gint64                 max_output,
                          GError               **error)
{
  QnetContentDecoder *self;

  if (n_codings > QNET_HTTP_MAX_CONTENT_CODINGS)
    {
      g_set_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_DECODE,
                   _("More than %d stacked codings"), QNET_HTTP_MAX_CONTENT_CODINGS);
      return NULL;
    }

  self = g_new0 (QnetContentDecoder, 1);
  self->n_layers = n_codings;
  self->max_output = max_output;

  for (guint i = 0; i < n_codings; i++)
    {
      /* The last coding applied is undone first. */
      QnetHttpCoding coding = codings[n_codings - 1 - i];
      Layer *layer = &self->layers[i];

      switch (coding)
        {
        case QNET_HTTP_CODING_GZIP:
          layer->format = LAYER_FORMAT_GZIP;
          if (inflateInit2 (&layer->zs, 16 + MAX_WBITS) != Z_OK)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                   _("Could not set up the gzip decoder"));
              qnet_content_decoder_free (self);
              return NULL;
            }
          layer->initialised = TRUE;
          break;
        case QNET_HTTP_CODING_DEFLATE:
        default:
          /* Set up once the first two bytes tell which kind it is. */
          layer->format = LAYER_FORMAT_DEFLATE;
          break;
        }
    }

  return self;
}

void
qnet_content_decoder_free (QnetContentDecoder *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_layers; i++)
    {
      if (self->layers[i].initialised)
        inflateEnd (&self->layers[i].zs);
      g_free (self->layers[i].step);
    }
  g_free (self);
}

guint64
qnet_content_decoder_get_total_in (QnetContentDecoder *self)
{
  return self->total_in;
}

guint64
qnet_content_decoder_get_total_out (QnetContentDecoder *self)
{
  return self->total_out;
}

/* The caps, checked as the final output grows. */
static gboolean
check_caps (QnetContentDecoder  *self,
            GError             **error)
{
  if (self->max_output >= 0 && self->total_out > (guint64) self->max_output)
    {
      g_autofree char *size = g_format_size ((guint64) self->max_output);
      g_autofree char *message = g_strdup_printf (_("The decoded body is larger than %s"), size);

      decode_error (error, message);
      return FALSE;
    }
  if (self->total_out > QNET_HTTP_DECODE_RATIO_MIN_OUTPUT &&
      self->total_out / QNET_HTTP_MAX_DECODE_RATIO > self->total_in)
    {
      decode_error (error, _("The compressed body expands beyond any plausible ratio "
                             "(a decompression bomb)"));
      return FALSE;
    }
  return TRUE;
}

/* A deflate layer decides between zlib and raw deflate from its first
 * two bytes (RFC 1950 §2.2: CM = 8 and a header checksum). */
static gboolean
deflate_setup (Layer   *layer,
               GError **error)
{
  guint cmf = layer->sniff[0];
  guint flg = layer->sniff[1];
  gboolean zlib_header = (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;

  if (inflateInit2 (&layer->zs, zlib_header ? MAX_WBITS : -MAX_WBITS) != Z_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Could not set up the deflate decoder"));
      return FALSE;
    }
  layer->initialised = TRUE;
  return TRUE;
}

static gboolean layer_feed (QnetContentDecoder  *self,
                            guint                index,
                            const guint8        *in,
                            gsize                len,
                            GByteArray          *out,
                            GError             **error);

/* Hands what layer @index produced to the next layer, or to @out. */
static gboolean
layer_output (QnetContentDecoder  *self,
              guint                index,
              const guint8        *data,
              gsize                len,
              GByteArray          *out,
              GError             **error)
{
  if (len == 0)
    return TRUE;
  if (index + 1 < self->n_layers)
    return layer_feed (self, index + 1, data, len, out, error);

  g_byte_array_append (out, data, (guint) len);
  self->total_out += len;
  return check_caps (self, error);
}

/* Runs layer @index over @in in steps of at most QNET_DECODER_STEP
 * output bytes, passing each step on at once: a stacked bomb never
 * builds up between the layers. */
static gboolean
layer_feed (QnetContentDecoder  *self,
            guint                index,
            const guint8        *in,
            gsize                len,
            GByteArray          *out,
            GError             **error)
{
  Layer *layer = &self->layers[index];

  if (len == 0)
    return TRUE;
  layer->any_input = TRUE;

  if (!layer->initialised)
    {
      /* Deflate: collect the two bytes that tell the format, then feed
       * them before the rest. */
      guint8 head[2];

      while (layer->n_sniff < 2 && len > 0)
        {
          layer->sniff[layer->n_sniff++] = *in++;
          len--;
        }
      if (layer->n_sniff < 2)
        return TRUE;
      if (!deflate_setup (layer, error))
        return FALSE;
      memcpy (head, layer->sniff, sizeof head);
      if (!layer_feed (self, index, head, sizeof head, out, error))
        return FALSE;
      if (len == 0)
        return TRUE;
    }

  if (layer->step == NULL)
    layer->step = g_malloc (QNET_DECODER_STEP);

  while (len > 0 || layer->zs.avail_in > 0)
    {
      gsize produced;
      int ret;

      if (layer->zs.avail_in == 0)
        {
          uInt take = (uInt) MIN (len, (gsize) G_MAXUINT32);

          layer->zs.next_in = (Bytef *) in;
          layer->zs.avail_in = take;
          in += take;
          len -= take;
        }

      if (layer->ended)
        {
          /* gzip: another member may follow; deflate: nothing may. */
          if (layer->format != LAYER_FORMAT_GZIP || inflateReset (&layer->zs) != Z_OK)
            {
              decode_error (error, _("Data after the end of the compressed body"));
              return FALSE;
            }
          layer->ended = FALSE;
        }

      layer->zs.next_out = layer->step;
      layer->zs.avail_out = QNET_DECODER_STEP;
      ret = inflate (&layer->zs, Z_NO_FLUSH);
      produced = QNET_DECODER_STEP - layer->zs.avail_out;

      switch (ret)
        {
        case Z_OK:
          break;
        case Z_STREAM_END:
          layer->ended = TRUE;
          break;
        case Z_BUF_ERROR:
          /* No progress was possible: the input is used up. */
          if (layer->zs.avail_in == 0)
            break;
          decode_error (error, _("The compressed body is corrupt"));
          return FALSE;
        case Z_NEED_DICT:
        case Z_DATA_ERROR:
        case Z_STREAM_ERROR:
        case Z_MEM_ERROR:
        default:
          {
            g_autofree char *message = g_strdup_printf (_("The compressed body is corrupt: %s"),
                                                        layer->zs.msg != NULL ? layer->zs.msg : "?");

            decode_error (error, message);
            return FALSE;
          }
        }

      if (!layer_output (self, index, layer->step, produced, out, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
qnet_content_decoder_feed (QnetContentDecoder  *self,
                           const guint8        *in,
                           gsize                len,
                           GByteArray          *out,
                           GError             **error)
{
  if (self->failed)
    {
      decode_error (error, _("The compressed body is corrupt"));
      return FALSE;
    }
  self->total_in += len;
  if (self->n_layers == 0)
    {
      g_byte_array_append (out, in, (guint) len);
      self->total_out += len;
      return TRUE;
    }
  if (!layer_feed (self, 0, in, len, out, error))
    {
      self->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

gboolean
qnet_content_decoder_finish (QnetContentDecoder  *self,
                             GByteArray          *out,
                             GError             **error)
{
  if (self->failed)
    {
      decode_error (error, _("The compressed body is corrupt"));
      return FALSE;
    }

  for (guint i = 0; i < self->n_layers; i++)
    {
      Layer *layer = &self->layers[i];

      /* An empty body carries no stream at all. */
      if (!layer->any_input)
        continue;
      if (!layer->ended)
        {
          self->failed = TRUE;
          decode_error (error, _("The compressed body ended before its end"));
          return FALSE;
        }
    }
  return TRUE;
}
