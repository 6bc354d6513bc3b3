/* qnet-content-decoder.h: streaming gzip/deflate decoding of HTTP bodies (internal, layer 1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A QnetContentDecoder undoes the content and transfer codings of one
 * HTTP body (RFC 9110 §8.4.1) as its bytes arrive: the caller pushes wire
 * bytes in pieces of any size and gets the decoded bytes of each piece
 * appended to a GByteArray, so a body is never held whole unless the
 * caller wants it. At most QNET_HTTP_MAX_CONTENT_CODINGS layers are
 * stacked. Two caps stop decompression bombs early, while decoding, not
 * after: the decoded total may not exceed @max_output (when set), and once
 * it passes QNET_HTTP_DECODE_RATIO_MIN_OUTPUT it may not exceed
 * QNET_HTTP_MAX_DECODE_RATIO times the wire bytes fed so far. Decoding
 * works in bounded steps, so one feed never produces more than the caps
 * allow plus one step.
 *
 * `gzip` accepts concatenated members (RFC 1952 §2.2); `deflate` accepts
 * a zlib stream (RFC 1950, as RFC 9110 means) and, as browsers do, a raw
 * deflate stream from servers that got it wrong. Data after the end of
 * a stream is an error.
 *
 * Errors are QNET_HTTP_ERROR_DECODE.
 */

#pragma once

#include <glib.h>

#include "proto/qnet-http-framing.h"

G_BEGIN_DECLS

typedef struct _QnetContentDecoder QnetContentDecoder;

/* @codings in the order the sender applied them (as
 * qnet_http_get_codings() lists them); they are undone last to first.
 * @max_output: the most decoded bytes accepted, or -1 for no absolute
 * cap (the ratio cap still applies). NULL with G_IO_ERROR_NOT_SUPPORTED
 * if zlib cannot be set up, QNET_HTTP_ERROR_DECODE for too many codings. */
QnetContentDecoder *qnet_content_decoder_new           (const QnetHttpCoding *codings,
                                                        guint                 n_codings,
                                                        gint64                max_output,
                                                        GError              **error);
void                qnet_content_decoder_free          (QnetContentDecoder   *self);
/* Decodes @len wire bytes, appending the output to @out. */
gboolean            qnet_content_decoder_feed          (QnetContentDecoder   *self,
                                                        const guint8         *in,
                                                        gsize                 len,
                                                        GByteArray           *out,
                                                        GError              **error);
/* The body ended: fails if a stream is incomplete. An empty body is
 * accepted (nothing to decode). */
gboolean            qnet_content_decoder_finish        (QnetContentDecoder   *self,
                                                        GByteArray           *out,
                                                        GError              **error);
guint64             qnet_content_decoder_get_total_in  (QnetContentDecoder   *self);
guint64             qnet_content_decoder_get_total_out (QnetContentDecoder   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetContentDecoder, qnet_content_decoder_free)

G_END_DECLS
