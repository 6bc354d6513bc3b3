/* qnet-stream-io.h: buffered non-blocking reading and writing (internal, layer 1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A QnetStreamIO reads and writes a GIOStream through its pollable halves
 * (a GSocketConnection, or a TLS stream wrapping one) without ever
 * blocking: every operation tries at once and otherwise waits on pollable
 * sources attached to the thread-default main context of its caller, with
 * an inactivity timeout and a GCancellable. Blocking callers run the same
 * operations on a private context (qnet-sync.h).
 *
 * Reading goes through a read-ahead buffer that the owner can peek,
 * consume, and hand over (STARTTLS). Large reads bypass it and land
 * directly in the result. At most one read operation runs at a time; push
 * mode (receiving) is one too.
 *
 * Writing goes through one ordered queue of buffers: a write operation
 * completes when its buffer was written whole (partial writes are
 * continued), an enqueued buffer is written in the background from the
 * main loop, and the queue level is reported against two watermarks.
 *
 * Facts are reported through callbacks, never signals. After every
 * callback the operation re-checks its state: the owner may close the
 * QnetStreamIO (or drop its reference) from a handler.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The read-ahead buffer's normal size. */
#define QNET_STREAM_IO_BUFFER_SIZE  (64 * 1024)
/* The most one network read asks for when it fills a result directly. */
#define QNET_STREAM_IO_CHUNK_SIZE   (256 * 1024)

typedef struct _QnetStreamIO QnetStreamIO;

typedef enum {
  /* @size bytes. When the peer closes after at least one byte, the
   * shorter result is returned (as Qore's recv); with none,
   * QNET_SOCKET_ERROR_CLOSED. */
  QNET_READ_EXACT,
  /* @size bytes, or QNET_SOCKET_ERROR_CLOSED (fixed-size integers). */
  QNET_READ_EXACT_STRICT,
  /* What is buffered, else what one network read returns: at most @size
   * bytes; QNET_SOCKET_ERROR_CLOSED at end of stream. */
  QNET_READ_SOME,
  /* Until the peer closes, at most @size bytes (then
   * QNET_SOCKET_ERROR_RECORD_TOO_LARGE); QNET_SOCKET_ERROR_CLOSED when
   * nothing at all arrived. */
  QNET_READ_ALL,
  /* Through the first @delimiter (included), at most @size bytes (then
   * QNET_SOCKET_ERROR_RECORD_TOO_LARGE, nothing consumed). */
  QNET_READ_UNTIL,
  /* One network read into the read-ahead buffer, which may grow to @size
   * bytes (then QNET_SOCKET_ERROR_RECORD_TOO_LARGE). No data returned. */
  QNET_READ_FILL,
  /* Waits until data is buffered or the stream is readable (end of
   * stream included). No data returned, nothing read. */
  QNET_READ_WAIT,
} QnetReadMode;

typedef struct {
  QnetReadMode  mode;
  gsize         size;
  const char   *delimiter;      /* QNET_READ_UNTIL (copied) */
  gsize         delimiter_len;
} QnetReadRequest;

/* One network read returned @n bytes. @total: the bytes this request has
 * so far (capped at its size); @total_to_read: its size, or -1. */
typedef void (*QnetReadProgressFunc) (gpointer  user_data,
                                      gsize     n,
                                      gsize     total,
                                      gint64    total_to_read);
/* @data (transfer full) (nullable): the result (NULL for FILL and WAIT
 * and on error); @error (transfer full) (nullable). On
 * G_IO_ERROR_TIMED_OUT and G_IO_ERROR_CANCELLED nothing is lost: what
 * the request had read is back in the read-ahead buffer. */
typedef void (*QnetReadDoneFunc)     (gpointer  user_data,
                                      GBytes   *data,
                                      GError   *error);
/* @error (transfer full) (nullable). */
typedef void (*QnetWriteDoneFunc)    (gpointer  user_data,
                                      GError   *error);
/* Push mode: one delivery (transfer none). */
typedef void (*QnetReceiveFunc)      (gpointer  user_data,
                                      GBytes   *data);
/* Push mode ended by end of stream (@error NULL) or an error (transfer
 * none). Not called when stopped by the owner. */
typedef void (*QnetReceiveEndFunc)   (gpointer      user_data,
                                      const GError *error);

typedef struct {
  /* One network write took @n bytes of a buffer of @total_to_send bytes,
   * of which @total_sent are now written. */
  void (*sent)         (gpointer      user_data,
                        gsize         n,
                        gsize         total_sent,
                        gsize         total_to_send);
  /* The bytes waiting to be written rose above the high watermark. */
  void (*throttled)    (gpointer      user_data,
                        gsize         queued);
  /* They fell to the low watermark or below, after throttled. */
  void (*unthrottled)  (gpointer      user_data,
                        gsize         queued);
  /* A write failed while only enqueued buffers (no caller waiting) were
   * pending; the queue is dropped. */
  void (*write_failed) (gpointer      user_data,
                        const GError *error);
} QnetStreamIOCallbacks;

/* @callbacks must outlive the object; @user_data is not referenced. */
QnetStreamIO  *qnet_stream_io_new              (GIOStream                   *stream,
                                                const QnetStreamIOCallbacks *callbacks,
                                                gpointer                     user_data);
QnetStreamIO  *qnet_stream_io_ref              (QnetStreamIO       *self);
void           qnet_stream_io_unref            (QnetStreamIO       *self);

GIOStream     *qnet_stream_io_get_stream       (QnetStreamIO       *self);
/* Replaces the stream (e.g. with a TLS stream wrapping it), keeping the
 * buffers. No operation may be pending. */
void           qnet_stream_io_set_stream       (QnetStreamIO       *self,
                                                GIOStream          *stream);
/* Fails every pending operation with QNET_SOCKET_ERROR_NOT_OPEN and stops
 * push mode (without its end callback); later operations fail the same
 * way. The stream itself is left to the owner. */
void           qnet_stream_io_close            (QnetStreamIO       *self);
gboolean       qnet_stream_io_is_closed        (QnetStreamIO       *self);
/* A read returned end of stream. */
gboolean       qnet_stream_io_is_eof           (QnetStreamIO       *self);
/* A read or a write failed: the connection cannot be used any more. */
gboolean       qnet_stream_io_is_broken        (QnetStreamIO       *self);

/* ---- Reading ------------------------------------------------------------ */

/* One request at a time (G_IO_ERROR_PENDING otherwise, also in push
 * mode). @timeout_ms: -1 none, 0 do not wait (G_IO_ERROR_TIMED_OUT at
 * once when it would have to), > 0 the longest wait without progress.
 * @done may run before this returns. */
void           qnet_stream_io_read             (QnetStreamIO          *self,
                                                const QnetReadRequest *request,
                                                gint                   timeout_ms,
                                                GCancellable          *cancellable,
                                                QnetReadProgressFunc   progress,
                                                QnetReadDoneFunc       done,
                                                gpointer               user_data);
gboolean       qnet_stream_io_is_reading       (QnetStreamIO       *self);

/* The read-ahead buffer. */
const guint8  *qnet_stream_io_peek             (QnetStreamIO       *self,
                                                gsize              *len);
void           qnet_stream_io_consume          (QnetStreamIO       *self,
                                                gsize               n);
/* Puts @len bytes back in front of the buffer. */
void           qnet_stream_io_unread           (QnetStreamIO       *self,
                                                const guint8       *data,
                                                gsize               len);
/* Empties the buffer into a GBytes (transfer full, NULL when empty), e.g.
 * to hand read-ahead bytes to a TLS stream. */
GBytes        *qnet_stream_io_steal_buffered   (QnetStreamIO       *self);

/* Push mode: reads as data arrives, from the thread-default main context
 * of this call, and delivers records of @expect bytes (0: whatever one
 * read brought). */
gboolean       qnet_stream_io_start_receiving  (QnetStreamIO         *self,
                                                gsize                 expect,
                                                QnetReadProgressFunc  progress,
                                                QnetReceiveFunc       deliver,
                                                QnetReceiveEndFunc    ended,
                                                gpointer              user_data,
                                                GError              **error);
void           qnet_stream_io_stop_receiving   (QnetStreamIO       *self);
gboolean       qnet_stream_io_is_receiving     (QnetStreamIO       *self);
void           qnet_stream_io_set_expect       (QnetStreamIO       *self,
                                                gsize               expect);

/* ---- Writing ------------------------------------------------------------ */

/* Appends @bytes to the queue and completes when it was written whole.
 * @timeout_ms as for reading; on timeout or cancellation what was not
 * written of @bytes is dropped. @done may run before this returns. */
void           qnet_stream_io_write            (QnetStreamIO       *self,
                                                GBytes             *bytes,
                                                gint                timeout_ms,
                                                GCancellable       *cancellable,
                                                QnetWriteDoneFunc   done,
                                                gpointer            user_data);
/* Appends @bytes and returns; it is written from the thread-default main
 * context of this call. */
gboolean       qnet_stream_io_enqueue          (QnetStreamIO       *self,
                                                GBytes             *bytes,
                                                GError            **error);
/* Completes when the queue is empty (G_IO_ERROR_TIMED_OUT if it is not
 * within @timeout_ms; 0 only checks). */
void           qnet_stream_io_wait_drained     (QnetStreamIO       *self,
                                                gint                timeout_ms,
                                                GCancellable       *cancellable,
                                                QnetWriteDoneFunc   done,
                                                gpointer            user_data);
gsize          qnet_stream_io_get_queued       (QnetStreamIO       *self);
void           qnet_stream_io_set_watermarks   (QnetStreamIO       *self,
                                                gsize               high,
                                                gsize               low);

G_END_DECLS
