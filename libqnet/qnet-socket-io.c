/* qnet-socket-io.c: QnetSocket reading and writing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-socket-private.h"

/* recv(-1) and recv_bytes(-1) hold the whole stream in memory: a peer that
 * never stops gets an error rather than exhausting it. */
#define QNET_SOCKET_RECV_ALL_MAX ((gsize) G_MAXINT32)

/* ---- Text ---------------------------------------------------------------------- */

static gboolean
charset_is_utf8 (const char *charset)
{
  return g_ascii_strcasecmp (charset, "UTF-8") == 0 || g_ascii_strcasecmp (charset, "UTF8") == 0;
}

static char *
bytes_to_text (QnetSocket  *self,
               GBytes      *data,
               GError     **error)
{
  const char *charset = qnet_socket_get_charset (self);
  gsize len;
  const char *raw = g_bytes_get_data (data, &len);
  GError *local_error = NULL;
  char *text;

  if (charset_is_utf8 (charset))
    {
      if (len > 0 && !g_utf8_validate_len (raw, len, NULL))
        {
          g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_ENCODING,
                       _("Could not receive from %s: %s"),
                       qnet_emitter_get_label (QNET_EMITTER (self)),
                       _("the text is not valid UTF-8"));
          return NULL;
        }
      return g_strndup (raw != NULL ? raw : "", len);
    }

  text = g_convert (raw != NULL ? raw : "", len, "UTF-8", charset, NULL, NULL, &local_error);
  if (text == NULL)
    {
      g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_ENCODING,
                   _("Could not receive from %s: %s"),
                   qnet_emitter_get_label (QNET_EMITTER (self)), local_error->message);
      g_error_free (local_error);
      return NULL;
    }
  return text;
}

static GBytes *
text_to_bytes (QnetSocket  *self,
               const char  *text,
               GError     **error)
{
  const char *charset = qnet_socket_get_charset (self);
  GError *local_error = NULL;
  gsize written;
  char *converted;

  if (charset_is_utf8 (charset))
    return g_bytes_new (text, strlen (text));

  converted = g_convert (text, -1, charset, "UTF-8", NULL, &written, &local_error);
  if (converted == NULL)
    {
      g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_ENCODING,
                   _("Could not send to %s: %s"),
                   qnet_emitter_get_label (QNET_EMITTER (self)), local_error->message);
      g_error_free (local_error);
      return NULL;
    }
  return g_bytes_new_take (converted, written);
}

static gint64
decode_int (const guint8 *p,
            guint         width,
            gboolean      is_signed,
            gboolean      le)
{
  guint64 v = 0;

  for (guint i = 0; i < width; i++)
    v = (v << 8) | p[le ? width - 1 - i : i];

  if (!is_signed)
    return (gint64) v;

  switch (width)
    {
    case 1:
      return (gint8) v;
    case 2:
      return (gint16) v;
    case 4:
      return (gint32) v;
    default:
      return (gint64) v;
    }
}

/* ---- Errors of the stream I/O layer --------------------------------------------- */

GError *
_qnet_socket_io_error (QnetSocket       *self,
                       QnetSocketAction  action,
                       GError           *error)
{
  GError *wrapped;

  _qnet_socket_close_if_broken (self);
  wrapped = _qnet_socket_wrap_error (self, action, error);
  g_error_free (error);
  return wrapped;
}

/* ---- Receiving ----------------------------------------------------------------- */

GError *
_qnet_socket_check_read (QnetSocket   *self,
                         QnetReadMode  mode)
{
  QnetStreamIO *io = _qnet_socket_get_io (self);

  if (io == NULL || qnet_stream_io_is_closed (io))
    return _qnet_socket_not_open_error (self);
  return _qnet_socket_tls_check_read (self, mode);
}

void
_qnet_socket_io_read (QnetSocket            *self,
                      const QnetReadRequest *request,
                      gint                   timeout_ms,
                      GCancellable          *cancellable,
                      QnetReadProgressFunc   progress,
                      QnetReadDoneFunc       done,
                      gpointer               user_data)
{
  qnet_stream_io_read (_qnet_socket_get_io (self), request,
                       _qnet_socket_get_effective_timeout (self, timeout_ms),
                       cancellable, progress, done, user_data);
}

typedef struct {
  QnetSocketCall       *call;
  QnetSocketResultSpec  spec;
} RecvOp;

static void
recv_progress (gpointer data,
               gsize    n,
               gsize    total,
               gint64   total_to_read)
{
  RecvOp *op = data;

  _qnet_emitter_emit_full (QNET_EMITTER (op->call->self), op->spec.source, QNET_EVENT_PACKET_READ,
                           (gint64) n, (gint64) total, total_to_read);
}

static void
recv_done (gpointer  data,
           GBytes   *bytes,
           GError   *error)
{
  RecvOp *op = data;
  QnetSocketCall *call = op->call;
  QnetSocketResultSpec spec = op->spec;
  g_autoptr(QnetSocket) self = g_object_ref (call->self);
  GError *result_error = NULL;

  g_free (op);

  if (error != NULL)
    {
      if (spec.kind == QNET_SOCKET_RESULT_WAIT &&
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          g_error_free (error);
          _qnet_socket_call_return_int (call, FALSE);
          return;
        }

      _qnet_socket_call_return_error (call, _qnet_socket_io_error (self, QNET_SOCKET_ACTION_RECEIVE, error));
      return;
    }

  /* The peer's end of stream was seen: the socket closes now. */
  _qnet_socket_close_if_broken (self);

  if (bytes != NULL)
    _qnet_emitter_emit_full (QNET_EMITTER (self), spec.source, QNET_EVENT_SOCKET_DATA_READ, bytes);

  switch (spec.kind)
    {
    case QNET_SOCKET_RESULT_BYTES:
      _qnet_socket_call_return_pointer (call, bytes, (GDestroyNotify) g_bytes_unref);
      return;

    case QNET_SOCKET_RESULT_STRING:
      {
        char *text = bytes_to_text (self, bytes, &result_error);

        g_bytes_unref (bytes);
        if (text == NULL)
          _qnet_socket_call_return_error (call, result_error);
        else
          _qnet_socket_call_return_pointer (call, text, g_free);
      }
      return;

    case QNET_SOCKET_RESULT_INT:
      {
        gsize len;
        const guint8 *p = g_bytes_get_data (bytes, &len);
        gint64 value;

        g_assert (len == spec.int_width);
        value = decode_int (p, spec.int_width, spec.int_signed, spec.int_le);
        g_bytes_unref (bytes);
        _qnet_socket_call_return_int (call, value);
      }
      return;

    case QNET_SOCKET_RESULT_NONE:
    case QNET_SOCKET_RESULT_WAIT:
    default:
      g_clear_pointer (&bytes, g_bytes_unref);
      _qnet_socket_call_return_int (call, TRUE);
      return;
    }
}

void
_qnet_socket_recv_start (QnetSocket                 *self,
                         QnetSocketCall             *call,
                         const QnetReadRequest      *request,
                         gint                        timeout_ms,
                         const QnetSocketResultSpec *spec)
{
  QnetStreamIO *io = _qnet_socket_get_io (self);
  GError *check_error;
  RecvOp *op;

  if ((check_error = _qnet_socket_check_read (self, request->mode)) != NULL)
    {
      _qnet_socket_call_return_error (call, check_error);
      return;
    }
  if (request->size > QNET_SOCKET_RECV_ALL_MAX && request->mode != QNET_READ_SOME)
    {
      /* Beyond what one buffer holds: say so rather than fail later. */
      _qnet_socket_call_return_error (call, g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_RECORD_TOO_LARGE,
                                                         _("Could not receive from %s: %s"),
                                                         qnet_emitter_get_label (QNET_EMITTER (self)),
                                                         _("the requested size is too large")));
      return;
    }
  if (qnet_stream_io_is_reading (io))
    {
      _qnet_socket_call_return_error (call, g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED,
                                                         _("Could not receive from %s: %s"),
                                                         qnet_emitter_get_label (QNET_EMITTER (self)),
                                                         qnet_stream_io_is_receiving (io)
                                                         ? _("the socket is receiving in push mode")
                                                         : _("another receive is in progress")));
      return;
    }

  op = g_new0 (RecvOp, 1);
  op->call = call;
  op->spec = *spec;
  _qnet_socket_io_read (self, request, timeout_ms, call->cancellable, recv_progress, recv_done, op);
}

static void
size_to_request (gssize           size,
                 QnetReadRequest *request)
{
  memset (request, 0, sizeof *request);
  if (size > 0)
    {
      request->mode = QNET_READ_EXACT;
      request->size = (gsize) size;
    }
  else if (size == 0)
    {
      request->mode = QNET_READ_SOME;
      request->size = G_MAXSIZE;
    }
  else
    {
      request->mode = QNET_READ_ALL;
      request->size = QNET_SOCKET_RECV_ALL_MAX;
    }
}

static const QnetSocketResultSpec bytes_spec = {
  QNET_SOCKET_RESULT_BYTES, 0, FALSE, FALSE, QNET_EVENT_SOURCE_SOCKET,
};
static const QnetSocketResultSpec string_spec = {
  QNET_SOCKET_RESULT_STRING, 0, FALSE, FALSE, QNET_EVENT_SOURCE_SOCKET,
};

/**
 * qnet_socket_recv:
 * @self: a #QnetSocket
 * @size: bytes to read: > 0 that many (fewer if the peer closes after
 *   sending some), 0 what is buffered or the next arrival, -1 until the
 *   peer closes
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives text in [property@Qnet.Socket:charset] and returns it as UTF-8
 * (Qore's `Socket::recv()`). Raises `packet-read` for every network read.
 * Fails with %QNET_SOCKET_ERROR_CLOSED when the peer closed before sending
 * anything, %QNET_SOCKET_ERROR_ENCODING when the bytes are not valid text
 * (they are consumed; use [method@Qnet.Socket.recv_bytes] for raw bytes),
 * %G_IO_ERROR_TIMED_OUT or %G_IO_ERROR_CANCELLED (then nothing is lost: the
 * bytes are kept for the next receive).
 *
 * Returns: (transfer full) (nullable): the text, or %NULL on error
 *
 * Since: 1.0
 */
char *
qnet_socket_recv (QnetSocket    *self,
                  gssize         size,
                  gint           timeout_ms,
                  GCancellable  *cancellable,
                  GError       **error)
{
  QnetSocketCall *call;
  QnetReadRequest request;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size_to_request (size, &request);
  call = _qnet_socket_call_new_sync (self, "recv", cancellable);
  _qnet_socket_recv_start (self, call, &request, timeout_ms, &string_spec);
  return _qnet_socket_call_wait_pointer (call, error);
}

/**
 * qnet_socket_recv_async:
 * @self: a #QnetSocket
 * @size: bytes to read, as for [method@Qnet.Socket.recv]
 * @timeout_ms: the longest wait without data, as for
 *   [method@Qnet.Socket.recv]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the receive completed
 * @user_data: data for @callback
 *
 * Starts receiving text; see [method@Qnet.Socket.recv].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_async (QnetSocket          *self,
                        gssize               size,
                        gint                 timeout_ms,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  QnetSocketCall *call;
  QnetReadRequest request;

  g_return_if_fail (QNET_IS_SOCKET (self));

  size_to_request (size, &request);
  call = _qnet_socket_call_new_async (self, "recv", cancellable, callback, user_data,
                                      qnet_socket_recv_async);
  _qnet_socket_recv_start (self, call, &request, timeout_ms, &string_spec);
}

/**
 * qnet_socket_recv_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_async].
 *
 * Returns: (transfer full) (nullable): the text, or %NULL on error
 *
 * Since: 1.0
 */
char *
qnet_socket_recv_finish (QnetSocket    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_socket_recv_async, error);
}

/**
 * qnet_socket_recv_bytes:
 * @self: a #QnetSocket
 * @size: bytes to read: > 0 that many (fewer if the peer closes after
 *   sending some), 0 what is buffered or the next arrival, -1 until the
 *   peer closes
 * @timeout_ms: the longest wait without data in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives bytes (Qore's `Socket::recvBinary()`), with the semantics of
 * [method@Qnet.Socket.recv]. Large reads go straight into the result.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL on error
 *
 * Since: 1.0
 */
GBytes *
qnet_socket_recv_bytes (QnetSocket    *self,
                        gssize         size,
                        gint           timeout_ms,
                        GCancellable  *cancellable,
                        GError       **error)
{
  QnetSocketCall *call;
  QnetReadRequest request;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size_to_request (size, &request);
  call = _qnet_socket_call_new_sync (self, "recv_bytes", cancellable);
  _qnet_socket_recv_start (self, call, &request, timeout_ms, &bytes_spec);
  return _qnet_socket_call_wait_pointer (call, error);
}

/**
 * qnet_socket_recv_bytes_async:
 * @self: a #QnetSocket
 * @size: bytes to read, as for [method@Qnet.Socket.recv_bytes]
 * @timeout_ms: the longest wait without data
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the receive completed
 * @user_data: data for @callback
 *
 * Starts receiving bytes; see [method@Qnet.Socket.recv_bytes].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_bytes_async (QnetSocket          *self,
                              gssize               size,
                              gint                 timeout_ms,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  QnetSocketCall *call;
  QnetReadRequest request;

  g_return_if_fail (QNET_IS_SOCKET (self));

  size_to_request (size, &request);
  call = _qnet_socket_call_new_async (self, "recv_bytes", cancellable, callback, user_data,
                                      qnet_socket_recv_bytes_async);
  _qnet_socket_recv_start (self, call, &request, timeout_ms, &bytes_spec);
}

/**
 * qnet_socket_recv_bytes_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_bytes_async].
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL on error
 *
 * Since: 1.0
 */
GBytes *
qnet_socket_recv_bytes_finish (QnetSocket    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_socket_recv_bytes_async, error);
}

static void
recv_until_start (QnetSocket     *self,
                  QnetSocketCall *call,
                  const char     *delimiter,
                  gsize           max,
                  gint            timeout_ms)
{
  QnetReadRequest request = { 0, };

  request.mode = QNET_READ_UNTIL;
  request.size = max;
  request.delimiter = delimiter;
  request.delimiter_len = strlen (delimiter);
  _qnet_socket_recv_start (self, call, &request, timeout_ms, &bytes_spec);
}

/**
 * qnet_socket_recv_until:
 * @self: a #QnetSocket
 * @delimiter: the non-empty delimiter that ends a record, e.g. `"\r\n"`
 * @max: the longest record accepted, delimiter included
 * @timeout_ms: the longest wait without data: -1 for
 *   [property@Qnet.Socket:timeout], 0 not to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads one record: everything through the first @delimiter, which is
 * included in the result. Bytes after it stay buffered for the next
 * receive. Fails with %QNET_SOCKET_ERROR_RECORD_TOO_LARGE (consuming
 * nothing) when no delimiter comes within @max bytes, and with
 * %QNET_SOCKET_ERROR_CLOSED when the peer closes first.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL on error
 *
 * Since: 1.0
 */
GBytes *
qnet_socket_recv_until (QnetSocket    *self,
                        const char    *delimiter,
                        gsize          max,
                        gint           timeout_ms,
                        GCancellable  *cancellable,
                        GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  g_return_val_if_fail (delimiter != NULL && *delimiter != '\0', NULL);
  g_return_val_if_fail (max > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  call = _qnet_socket_call_new_sync (self, "recv_until", cancellable);
  recv_until_start (self, call, delimiter, max, timeout_ms);
  return _qnet_socket_call_wait_pointer (call, error);
}

/**
 * qnet_socket_recv_until_async:
 * @self: a #QnetSocket
 * @delimiter: the delimiter that ends a record
 * @max: the longest record accepted, delimiter included
 * @timeout_ms: the longest wait without data
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the record was read
 * @user_data: data for @callback
 *
 * Starts reading one record; see [method@Qnet.Socket.recv_until].
 *
 * Since: 1.0
 */
void
qnet_socket_recv_until_async (QnetSocket          *self,
                              const char          *delimiter,
                              gsize                max,
                              gint                 timeout_ms,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (delimiter != NULL && *delimiter != '\0');
  g_return_if_fail (max > 0);

  call = _qnet_socket_call_new_async (self, "recv_until", cancellable, callback, user_data,
                                      qnet_socket_recv_until_async);
  recv_until_start (self, call, delimiter, max, timeout_ms);
}

/**
 * qnet_socket_recv_until_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.recv_until_async].
 *
 * Returns: (transfer full) (nullable): the record, or %NULL on error
 *
 * Since: 1.0
 */
GBytes *
qnet_socket_recv_until_finish (QnetSocket    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_socket_recv_until_async, error);
}

/* ---- Sending ------------------------------------------------------------------- */

/* _qnet_socket_io_write(): one write, over TLS flushed before it completes. */
typedef struct {
  QnetSocket        *self;         /* (owned) */
  GCancellable      *cancellable;  /* (owned) (nullable) */
  QnetWriteDoneFunc  done;
  gpointer           user_data;
} WriteOp;

static void
write_finish (WriteOp *op,
              GError  *error)
{
  g_autoptr(QnetSocket) self = op->self;
  QnetWriteDoneFunc done = op->done;
  gpointer user_data = op->user_data;

  g_clear_object (&op->cancellable);
  g_free (op);
  _qnet_socket_tls_send_ended (self);

  if (error != NULL)
    error = _qnet_socket_io_error (self, QNET_SOCKET_ACTION_SEND, error);
  done (user_data, error);
}

static void
write_flushed (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GError *error = NULL;

  _qnet_socket_tls_flush_finish (QNET_SOCKET (source), result, &error);
  write_finish (data, error);
}

static void
write_done (gpointer  data,
            GError   *error)
{
  WriteOp *op = data;

  /* Over TLS the write completes when its ciphertext is written too. */
  if (error == NULL &&
      _qnet_socket_tls_flush_async (op->self, op->cancellable, write_flushed, op))
    return;
  write_finish (op, error);
}

void
_qnet_socket_io_write (QnetSocket        *self,
                       GBytes            *bytes,
                       gint               timeout_ms,
                       GCancellable      *cancellable,
                       QnetWriteDoneFunc  done,
                       gpointer           user_data)
{
  QnetStreamIO *io = _qnet_socket_get_io (self);
  GError *tls_error;
  WriteOp *op;

  if (io == NULL || qnet_stream_io_is_closed (io))
    {
      done (user_data, _qnet_socket_not_open_error (self));
      return;
    }
  if ((tls_error = _qnet_socket_tls_check_write (self)) != NULL)
    {
      done (user_data, tls_error);
      return;
    }

  op = g_new0 (WriteOp, 1);
  op->self = g_object_ref (self);
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->done = done;
  op->user_data = user_data;
  _qnet_socket_tls_send_started (self);
  qnet_stream_io_write (io, bytes, _qnet_socket_get_effective_timeout (self, timeout_ms),
                        cancellable, write_done, op);
}

typedef struct {
  QnetSocketCall *call;
  GBytes         *bytes;
} SendOp;

static void
send_done (gpointer  data,
           GError   *error)
{
  SendOp *op = data;
  QnetSocketCall *call = op->call;
  g_autoptr(GBytes) bytes = op->bytes;

  g_free (op);
  if (error != NULL)
    {
      _qnet_socket_call_return_error (call, error);
      return;
    }

  _qnet_emitter_emit (QNET_EMITTER (call->self), QNET_EVENT_SOCKET_DATA_SENT, bytes);
  _qnet_socket_call_return_int (call, TRUE);
}

void
_qnet_socket_send_start (QnetSocket     *self,
                         QnetSocketCall *call,
                         GBytes         *bytes)
{
  SendOp *op = g_new0 (SendOp, 1);

  op->call = call;
  op->bytes = g_bytes_ref (bytes);
  _qnet_socket_io_write (self, bytes, -1, call->cancellable, send_done, op);
}

static void
send_text_start (QnetSocket     *self,
                 QnetSocketCall *call,
                 const char     *text)
{
  GError *error = NULL;
  g_autoptr(GBytes) bytes = text_to_bytes (self, text, &error);

  if (bytes == NULL)
    {
      _qnet_socket_call_return_error (call, error);
      return;
    }
  _qnet_socket_send_start (self, call, bytes);
}

/**
 * qnet_socket_send:
 * @self: a #QnetSocket
 * @text: UTF-8 text
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends @text converted to [property@Qnet.Socket:charset] (Qore's
 * `Socket::send()`), whole: partial writes are continued, each raising
 * `packet-sent`. The wait without progress is bounded by
 * [property@Qnet.Socket:timeout]. Fails with %QNET_SOCKET_ERROR_ENCODING
 * when @text cannot be represented in the charset (nothing is sent).
 *
 * Returns: %TRUE when everything was sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send (QnetSocket    *self,
                  const char    *text,
                  GCancellable  *cancellable,
                  GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send", cancellable);
  send_text_start (self, call, text);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_async:
 * @self: a #QnetSocket
 * @text: UTF-8 text
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when everything was sent
 * @user_data: data for @callback
 *
 * Starts sending text; see [method@Qnet.Socket.send]. Sends are written in
 * the order they were started.
 *
 * Since: 1.0
 */
void
qnet_socket_send_async (QnetSocket          *self,
                        const char          *text,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (text != NULL);

  call = _qnet_socket_call_new_async (self, "send", cancellable, callback, user_data,
                                      qnet_socket_send_async);
  send_text_start (self, call, text);
}

/**
 * qnet_socket_send_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_async].
 *
 * Returns: %TRUE when everything was sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_finish (QnetSocket    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_async, error) != 0;
}

/**
 * qnet_socket_send_bytes:
 * @self: a #QnetSocket
 * @bytes: the bytes to send
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends @bytes whole (Qore's `Socket::sendBinary()`); see
 * [method@Qnet.Socket.send].
 *
 * Returns: %TRUE when everything was sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_bytes (QnetSocket    *self,
                        GBytes        *bytes,
                        GCancellable  *cancellable,
                        GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "send_bytes", cancellable);
  _qnet_socket_send_start (self, call, bytes);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_send_bytes_async:
 * @self: a #QnetSocket
 * @bytes: the bytes to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when everything was sent
 * @user_data: data for @callback
 *
 * Starts sending bytes; see [method@Qnet.Socket.send_bytes].
 *
 * Since: 1.0
 */
void
qnet_socket_send_bytes_async (QnetSocket          *self,
                              GBytes              *bytes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (bytes != NULL);

  call = _qnet_socket_call_new_async (self, "send_bytes", cancellable, callback, user_data,
                                      qnet_socket_send_bytes_async);
  _qnet_socket_send_start (self, call, bytes);
}

/**
 * qnet_socket_send_bytes_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.send_bytes_async].
 *
 * Returns: %TRUE when everything was sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_send_bytes_finish (QnetSocket    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_send_bytes_async, error) != 0;
}

/**
 * qnet_socket_queue_bytes:
 * @self: a #QnetSocket
 * @bytes: the bytes to send
 * @error: return location for a #GError
 *
 * Appends @bytes to the write queue and returns at once; the queue is
 * written from the thread-default main context of this call, after any
 * send started before, each write raising `packet-sent`. When the bytes
 * waiting rise above [property@Qnet.Socket:write-high-watermark]
 * `throttled` is raised, and `unthrottled` when they fall to
 * [property@Qnet.Socket:write-low-watermark]. A later write error closes
 * the socket and raises `operation-failed` for `"queue_bytes"`.
 *
 * Returns: %TRUE when queued (%QNET_SOCKET_ERROR_NOT_OPEN otherwise)
 *
 * Since: 1.0
 */
gboolean
qnet_socket_queue_bytes (QnetSocket  *self,
                         GBytes      *bytes,
                         GError     **error)
{
  QnetStreamIO *io;
  GError *local_error = NULL;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  io = _qnet_socket_get_io (self);
  if (io == NULL)
    local_error = _qnet_socket_not_open_error (self);
  else if ((local_error = _qnet_socket_tls_check_write (self)) == NULL)
    qnet_stream_io_enqueue (io, bytes, &local_error);

  if (local_error != NULL)
    {
      _qnet_emitter_operation_failed (QNET_EMITTER (self), "queue_bytes", local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * qnet_socket_get_queued_bytes:
 * @self: a #QnetSocket
 *
 * Tells how many bytes sent or queued are still waiting to be written.
 *
 * Returns: the bytes waiting in the write queue
 *
 * Since: 1.0
 */
gsize
qnet_socket_get_queued_bytes (QnetSocket *self)
{
  QnetStreamIO *io;

  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);

  io = _qnet_socket_get_io (self);
  return io != NULL ? qnet_stream_io_get_queued (io) : 0;
}
