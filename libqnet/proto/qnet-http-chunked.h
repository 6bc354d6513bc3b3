/* qnet-http-chunked.h: chunked transfer coding decoder (RFC 9112 §7.1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "qnet-http-head.h"
#include "qnet-parse.h"

G_BEGIN_DECLS

/**
 * QnetChunkedState:
 *
 * States of a #QnetChunkedDecoder; only its set_state function assigns them.
 */
typedef enum {
  QNET_CHUNKED_STATE_SIZE_START, /* first hex digit of a chunk size */
  QNET_CHUNKED_STATE_SIZE,       /* further hex digits */
  QNET_CHUNKED_STATE_SIZE_WS,    /* blanks after the size (BWS before ';') */
  QNET_CHUNKED_STATE_EXTENSION,  /* chunk extensions, skipped */
  QNET_CHUNKED_STATE_SIZE_CR,    /* CR ending the chunk-size line */
  QNET_CHUNKED_STATE_DATA,       /* chunk data */
  QNET_CHUNKED_STATE_DATA_CR,    /* CR after the chunk data */
  QNET_CHUNKED_STATE_DATA_LF,    /* LF after the chunk data */
  QNET_CHUNKED_STATE_TRAILERS,   /* trailer section after the last chunk */
  QNET_CHUNKED_STATE_DONE,
  QNET_CHUNKED_STATE_ERROR,
  QNET_CHUNKED_N_STATES,
} QnetChunkedState;

/**
 * QnetChunkedEventType:
 * @QNET_CHUNKED_EVENT_NONE: nothing to report (the input ran out)
 * @QNET_CHUNKED_EVENT_SIZE: a chunk-size line was read, including the last
 *   (`0`) one: `size`, `total` (data bytes before this chunk) and
 *   `line_len` (`http-chunk-size`)
 * @QNET_CHUNKED_EVENT_DATA: a piece of chunk data: `data` and `data_len`
 *   point into the input given to this call, no copy (`http-chunked-data-read`)
 * @QNET_CHUNKED_EVENT_CHUNK_END: a non-empty chunk and its CRLF were
 *   consumed: `size` and `total` (data bytes including this chunk)
 *   (`http-chunked-data-received`)
 * @QNET_CHUNKED_EVENT_END: the last chunk and the trailer section were
 *   consumed: `trailers` (%NULL if the section was empty,
 *   `http-footers-received` otherwise) and `total`
 *
 * What a call to qnet_chunked_decoder_feed() reports.
 */
typedef enum {
  QNET_CHUNKED_EVENT_NONE,
  QNET_CHUNKED_EVENT_SIZE,
  QNET_CHUNKED_EVENT_DATA,
  QNET_CHUNKED_EVENT_CHUNK_END,
  QNET_CHUNKED_EVENT_END,
} QnetChunkedEventType;

typedef struct {
  QnetChunkedEventType type;
  guint64 size;                 /* SIZE, CHUNK_END: the chunk size */
  guint64 total;                /* chunk data bytes so far in this body */
  gsize line_len;               /* SIZE: the chunk-size line without CRLF */
  const guint8 *data;           /* DATA: (not owned) payload inside the input */
  gsize data_len;               /* DATA: payload length */
  const QnetHttpHead *trailers; /* END: (not owned) (nullable) trailer fields */
} QnetChunkedEvent;

typedef struct _QnetChunkedDecoder QnetChunkedDecoder;

QnetChunkedDecoder *qnet_chunked_decoder_new            (void);
void                qnet_chunked_decoder_free           (QnetChunkedDecoder  *decoder);
void                qnet_chunked_decoder_reset          (QnetChunkedDecoder  *decoder);
QnetParseStatus     qnet_chunked_decoder_feed           (QnetChunkedDecoder  *decoder,
                                                         const guint8        *in,
                                                         gsize                len,
                                                         gsize               *consumed,
                                                         QnetChunkedEvent    *event,
                                                         GError             **error);
gboolean            qnet_chunked_decoder_finish         (QnetChunkedDecoder  *decoder,
                                                         GError             **error);
QnetChunkedState    qnet_chunked_decoder_get_state      (const QnetChunkedDecoder *decoder);
guint64             qnet_chunked_decoder_get_total      (const QnetChunkedDecoder *decoder);
QnetHttpHead       *qnet_chunked_decoder_steal_trailers (QnetChunkedDecoder  *decoder);
const char         *qnet_chunked_state_to_string        (QnetChunkedState     state);
const char         *qnet_chunked_event_type_to_string   (QnetChunkedEventType type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetChunkedDecoder, qnet_chunked_decoder_free)

G_END_DECLS
