/* qnet-tls-stream-private.h: what QnetTlsStream's two halves use
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-tls-stream.h"

G_BEGIN_DECLS

/* The plaintext halves (qnet-tls-input-stream.c, qnet-tls-output-stream.c).
 * They keep a weak reference on their QnetTlsStream. */
#define QNET_TYPE_TLS_INPUT_STREAM (qnet_tls_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (QnetTlsInputStream, qnet_tls_input_stream, QNET, TLS_INPUT_STREAM, GInputStream)

#define QNET_TYPE_TLS_OUTPUT_STREAM (qnet_tls_output_stream_get_type ())
G_DECLARE_FINAL_TYPE (QnetTlsOutputStream, qnet_tls_output_stream, QNET, TLS_OUTPUT_STREAM, GOutputStream)

GInputStream  *qnet_tls_input_stream_new              (QnetTlsStream *tls);
GOutputStream *qnet_tls_output_stream_new             (QnetTlsStream *tls);

/* Plaintext I/O without blocking: G_IO_ERROR_WOULD_BLOCK when nothing can
 * be done now. The read returns at most one record's plaintext. */
gssize         qnet_tls_stream_read_nonblocking        (QnetTlsStream  *self,
                                                        void           *buffer,
                                                        gsize           count,
                                                        GError        **error);
gssize         qnet_tls_stream_write_nonblocking       (QnetTlsStream  *self,
                                                        const void     *buffer,
                                                        gsize           count,
                                                        GError        **error);
/* Whether an operation in @condition's direction (G_IO_IN: read, G_IO_OUT:
 * write) can make progress without touching the base stream (decrypted
 * data pending, end of stream or an error to report, nothing queued). */
gboolean       qnet_tls_stream_ready_now               (QnetTlsStream  *self,
                                                        GIOCondition    condition);
/* Like ready_now, or the base stream is readable/writable. */
gboolean       qnet_tls_stream_is_ready                (QnetTlsStream  *self,
                                                        GIOCondition    condition);
/* A source dispatching @pollable (the half, given to the
 * GPollableSourceFunc callback) when @condition is ready. */
GSource       *qnet_tls_stream_create_source           (QnetTlsStream  *self,
                                                        GIOCondition    condition,
                                                        GObject        *pollable,
                                                        GCancellable   *cancellable);
/* Blocks until the base stream is ready for @condition, @deadline
 * (monotonic µs; -1 none) passes (G_IO_ERROR_TIMED_OUT) or @cancellable
 * fires. */
gboolean       qnet_tls_stream_wait                    (QnetTlsStream  *self,
                                                        GIOCondition    condition,
                                                        gint64          deadline,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
/* Writes pending ciphertext without blocking (TRUE when none is left). */
gboolean       qnet_tls_stream_flush_nonblocking       (QnetTlsStream  *self,
                                                        GError        **error);
/* Blocking flush, and its asynchronous form (pollable sources on the
 * thread-default context). */
gboolean       qnet_tls_stream_flush                   (QnetTlsStream  *self,
                                                        gint64          deadline,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
void           qnet_tls_stream_flush_async             (QnetTlsStream       *self,
                                                        gpointer             source_object,
                                                        gint                 timeout_ms,
                                                        int                  io_priority,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean       qnet_tls_stream_flush_finish            (GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
