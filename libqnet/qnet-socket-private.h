/* qnet-socket-private.h: QnetSocket internals, shared by its files and subclasses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-error.h"
#include "qnet-socket.h"
#include "qnet-emitter-private.h"
#include "io/qnet-address.h"
#include "io/qnet-stream-io.h"

G_BEGIN_DECLS

typedef struct _ConnectOp ConnectOp;

/* Called by close for operations that wait outside the stream I/O layer. */
typedef void (*QnetSocketCloseHook) (gpointer data);

typedef struct {
  QnetSocketCloseHook hook;
  gpointer            data;
} CloseHook;

/* The instance data, shared by the socket's files. */
typedef struct
{
  QnetSocketState    state;
  gint               timeout_ms;
  gint               connect_timeout_ms;
  char              *charset;            /* (owned) */
  gboolean           no_delay;
  guint64            high_watermark;
  guint64            low_watermark;
  guint64            expect;
  gboolean           secure;

  GSocket           *socket;             /* (owned) (nullable): bound, listening or connected */
  GSocketConnection *connection;         /* (owned) (nullable) */
  GIOStream         *stream;             /* (owned) (nullable): what reads and writes use */
  QnetStreamIO      *io;                 /* (owned) (nullable) */
  GSocketAddress    *local_address;      /* (owned) (nullable) */
  GSocketAddress    *remote_address;     /* (owned) (nullable) */
  gint               fd;
  char              *peer_host;          /* (owned) (nullable): the name connected to */
  char              *local_host;         /* (owned) (nullable): the name bound to */
  char              *unix_path;          /* (owned) (nullable): socket file to remove on close */
  dev_t              unix_dev;
  ino_t              unix_ino;

  ConnectOp         *connect_op;         /* (nullable) (not owned) */
  gboolean           closing;
  gboolean           receiving;          /* holds a reference on self */
  gboolean           accepting;          /* holds a reference on self */
  GSource           *accept_source;      /* (owned) (nullable) */
  GList             *close_hooks;        /* (element-type CloseHook) (owned) */

  /* TLS (qnet-socket-tls.c); when secure, stream is a QnetTlsStream. */
  QnetTlsCertificate *tls_certificate;   /* (owned) (nullable) */
  QnetTlsPrivateKey  *tls_private_key;   /* (owned) (nullable) */
  char               *tls_ca_file;       /* (owned) (nullable) */
  char               *tls_server_name;   /* (owned) (nullable) */
  gboolean            tls_verify_peer;
  gboolean            tls_require_client_certificate;
  gboolean            tls_require_close_notify;  /* every read, not only until-close ones */
  guint               tls_sends;         /* sends in flight: they flush their own ciphertext */
  gpointer            tls_op;            /* (nullable) (not owned): a handshake running */
  gboolean            tls_nodelay_held;  /* TCP_NODELAY on from a handshake to the first write */
} QnetSocketPrivate;

typedef enum {
  QNET_SOCKET_PROP_0,
  QNET_SOCKET_PROP_STATE,
  QNET_SOCKET_PROP_TIMEOUT,
  QNET_SOCKET_PROP_CONNECT_TIMEOUT,
  QNET_SOCKET_PROP_CHARSET,
  QNET_SOCKET_PROP_NO_DELAY,
  QNET_SOCKET_PROP_FD,
  QNET_SOCKET_PROP_LOCAL_ADDRESS,
  QNET_SOCKET_PROP_REMOTE_ADDRESS,
  QNET_SOCKET_PROP_IS_SECURE,
  QNET_SOCKET_PROP_WRITE_HIGH_WATERMARK,
  QNET_SOCKET_PROP_WRITE_LOW_WATERMARK,
  QNET_SOCKET_PROP_EXPECT,
  QNET_SOCKET_N_PROPS
} QnetSocketProp;

/* The TLS properties, installed and handled by qnet-socket-tls.c; their
 * ids follow the others. */
typedef enum {
  QNET_SOCKET_PROP_CERTIFICATE = QNET_SOCKET_N_PROPS,
  QNET_SOCKET_PROP_PRIVATE_KEY,
  QNET_SOCKET_PROP_VERIFY_PEER,
  QNET_SOCKET_PROP_SERVER_NAME,
  QNET_SOCKET_PROP_REQUIRE_CLIENT_CERTIFICATE,
  QNET_SOCKET_PROP_CA_FILE,
  QNET_SOCKET_TLS_N_PROPS
} QnetSocketTlsProp;

QnetSocketPrivate *_qnet_socket_get_private      (QnetSocket          *self);
void            _qnet_socket_notify              (QnetSocket          *self,
                                                  QnetSocketProp       prop);
/* Applies QnetSocket:no-delay to the connected socket. */
void            _qnet_socket_apply_no_delay      (QnetSocket          *self);
/* Cancels a connect in progress (close). */
void            _qnet_socket_connect_op_cancel   (ConnectOp           *op);

/* ---- One public call, blocking or asynchronous ------------------------------
 *
 * Every operation is a state machine that starts with a QnetSocketCall and
 * ends with exactly one _qnet_socket_call_return_*(). The asynchronous form
 * wraps a GTask; the blocking form pushes a private main context (see
 * io/qnet-sync.h), starts the same machine and iterates until it returns,
 * so both forms raise identical events. A failing call raises
 * `operation-failed` in _qnet_socket_call_return_error().
 */
typedef struct _QnetSocketCall QnetSocketCall;

struct _QnetSocketCall
{
  QnetSocket     *self;          /* (owned) */
  const char     *operation;     /* static: the method name for operation-failed */
  GCancellable   *cancellable;   /* (owned) (nullable) */
  GTask          *task;          /* (owned) (nullable): the asynchronous form */
  GMainContext   *sync_context;  /* (nullable): the blocking form's private context */
  gboolean        done;
  GError         *error;         /* blocking form result */
  gpointer        ptr;           /* blocking form result */
  GDestroyNotify  ptr_free;
  gint64          value;         /* blocking form result */
};

QnetSocketCall *_qnet_socket_call_new_sync       (gpointer             self,
                                                  const char          *operation,
                                                  GCancellable        *cancellable);
QnetSocketCall *_qnet_socket_call_new_async      (gpointer             self,
                                                  const char          *operation,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data,
                                                  gpointer             source_tag);
/* Each of these ends @call (the asynchronous form frees it). */
void            _qnet_socket_call_return_pointer (QnetSocketCall      *call,
                                                  gpointer             ptr,
                                                  GDestroyNotify       ptr_free);
void            _qnet_socket_call_return_int     (QnetSocketCall      *call,
                                                  gint64               value);
void            _qnet_socket_call_return_error   (QnetSocketCall      *call,
                                                  GError              *error);
/* Blocking form: runs until the call returned, frees it and hands over
 * its result. */
gpointer        _qnet_socket_call_wait_pointer   (QnetSocketCall      *call,
                                                  GError             **error);
gint64          _qnet_socket_call_wait_int       (QnetSocketCall      *call,
                                                  GError             **error);
/* Asynchronous form's _finish(). */
gpointer        _qnet_socket_call_finish_pointer (gpointer             self,
                                                  GAsyncResult        *result,
                                                  gpointer             source_tag,
                                                  GError             **error);
gint64          _qnet_socket_call_finish_int     (gpointer             self,
                                                  GAsyncResult        *result,
                                                  gpointer             source_tag,
                                                  GError             **error);

/* ---- Errors ------------------------------------------------------------------ */

typedef enum {
  QNET_SOCKET_ACTION_CONNECT,   /* "Could not connect to %s: %s", QNET_SOCKET_ERROR_CONNECT */
  QNET_SOCKET_ACTION_RECEIVE,   /* "Could not receive from %s: %s", QNET_SOCKET_ERROR_RECV */
  QNET_SOCKET_ACTION_SEND,      /* "Could not send to %s: %s", QNET_SOCKET_ERROR_SEND */
  QNET_SOCKET_ACTION_ACCEPT,    /* "Could not accept on %s: %s", QNET_SOCKET_ERROR_ACCEPT */
  QNET_SOCKET_ACTION_SHUTDOWN,  /* "Could not shut %s down: %s", QNET_SOCKET_ERROR_FAILED */
} QnetSocketAction;

/* A new error whose message names the target (the emitter label), e.g.
 * "Could not receive from 127.0.0.1:80: Connection reset by peer". Keeps
 * G_IO_ERROR_CANCELLED, G_IO_ERROR_TIMED_OUT, and the QNET_SOCKET_ERROR and
 * QNET_TLS_ERROR codes of @inner; anything else gets the action's code. */
GError         *_qnet_socket_wrap_error          (QnetSocket          *self,
                                                  QnetSocketAction     action,
                                                  const GError        *inner);
/* "The socket is not open" for @operation (also raises nothing). */
GError         *_qnet_socket_not_open_error      (QnetSocket          *self);

/* ---- State, shared by the socket's files ---------------------------------- */

void            _qnet_socket_set_state           (QnetSocket          *self,
                                                  QnetSocketState      state);
/* Makes @connection the socket's connected stream (client connect or
 * accept); state CONNECTED. */
void            _qnet_socket_attach_connection   (QnetSocket          *self,
                                                  GSocketConnection   *connection);
/* Makes @socket the bound socket (bind); state BOUND. @unix_path: the
 * socket file bind created, removed on close. */
void            _qnet_socket_attach_bound        (QnetSocket          *self,
                                                  GSocket             *socket,
                                                  const char          *unix_path,
                                                  const char          *host);
/* Operations that wait outside the stream I/O layer (accept) register a
 * hook that close calls (after channel-closed, before the socket goes) to
 * fail them. */
void            _qnet_socket_add_close_hook      (QnetSocket          *self,
                                                  QnetSocketCloseHook  hook,
                                                  gpointer             data);
void            _qnet_socket_remove_close_hook   (QnetSocket          *self,
                                                  gpointer             data);
/* Closes whatever is open, raising channel-closed if something was. */
void            _qnet_socket_close_internal      (QnetSocket          *self);
/* Closes after the peer closed or the connection broke, if it did. */
void            _qnet_socket_close_if_broken     (QnetSocket          *self);

GSocket        *_qnet_socket_get_gsocket         (QnetSocket          *self);
QnetStreamIO   *_qnet_socket_get_io              (QnetSocket          *self);
gint            _qnet_socket_get_effective_timeout (QnetSocket        *self,
                                                  gint                 timeout_ms);
/* Copies charset, timeouts and watermarks to an accepted connection. */
void            _qnet_socket_inherit_settings    (QnetSocket          *self,
                                                  QnetSocket          *connection);
/* Emits QnetSocket::received. */
void            _qnet_socket_emit_received       (QnetSocket          *self,
                                                  GBytes              *data);
/* Push mode starts: takes a reference on self (FALSE if already on). */
gboolean        _qnet_socket_mark_receiving      (QnetSocket          *self);
/* Push mode ends (peer close, error or close): drops the self reference. */
void            _qnet_socket_receiving_ended     (QnetSocket          *self);
/* Accepting from the main loop starts: @source (owned) watches the
 * listening socket; takes a reference on self. */
void            _qnet_socket_set_accept_source   (QnetSocket          *self,
                                                  GSource             *source);
gboolean        _qnet_socket_is_accepting        (QnetSocket          *self);
/* Accepting stops (stop_accepting or close): drops the self reference. */
void            _qnet_socket_accepting_stopped   (QnetSocket          *self);

/* ---- For subclasses: the connection stream -------------------------------- */

/* The stream reads and writes go through: the connection, or a TLS stream
 * wrapping it. (transfer none) (nullable) */
GIOStream      *_qnet_socket_get_stream          (QnetSocket          *self);
/* The connected GSocketConnection. (transfer none) (nullable) */
GSocketConnection *_qnet_socket_get_connection   (QnetSocket          *self);
/* Replaces the stream (e.g. with a QnetTlsStream over the connection),
 * keeping the read-ahead buffer; no operation may be pending. */
void            _qnet_socket_replace_stream      (QnetSocket          *self,
                                                  GIOStream           *stream,
                                                  gboolean             secure);
/* Empties the read-ahead buffer (STARTTLS hands it to the TLS stream).
 * (transfer full) (nullable) */
GBytes         *_qnet_socket_steal_read_buffer   (QnetSocket          *self);

/* ---- For subclasses: buffered reading with events -------------------------
 *
 * Every network read raises `packet-read` with @source (QnetHttpClient
 * passes QNET_EVENT_SOURCE_HTTP_CLIENT for body reads). End of stream and a
 * broken connection close the socket (channel-closed) before the call
 * returns; the peer's end of stream is QNET_SOCKET_ERROR_CLOSED. Errors
 * are wrapped with the target's name and raise `operation-failed` with
 * @operation. These are asynchronous; a blocking caller runs them on its
 * own private context (io/qnet-sync.h), like the public blocking forms.
 */

/* The read-ahead buffer (peek, then consume what a parser used). */
const guint8   *_qnet_socket_peek                (QnetSocket          *self,
                                                  gsize               *len);
void            _qnet_socket_consume             (QnetSocket          *self,
                                                  gsize                n);

/* One network read into the read-ahead buffer, which may grow up to
 * @max_buffer bytes (QNET_SOCKET_ERROR_RECORD_TOO_LARGE beyond). */
void            _qnet_socket_fill_async          (QnetSocket          *self,
                                                  const char          *operation,
                                                  QnetEventSource      source,
                                                  gsize                max_buffer,
                                                  gint                 timeout_ms,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        _qnet_socket_fill_finish         (QnetSocket          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* What is buffered, else what one network read returns: at most @max
 * bytes (never more than the stream offers now). */
void            _qnet_socket_read_some_async     (QnetSocket          *self,
                                                  const char          *operation,
                                                  QnetEventSource      source,
                                                  gsize                max,
                                                  gint                 timeout_ms,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GBytes         *_qnet_socket_read_some_finish    (QnetSocket          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Any read request (exact size, until close, through a delimiter...). */
void            _qnet_socket_read_async          (QnetSocket            *self,
                                                  const char            *operation,
                                                  QnetEventSource        source,
                                                  const QnetReadRequest *request,
                                                  gint                   timeout_ms,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
GBytes         *_qnet_socket_read_finish         (QnetSocket          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Writes @bytes whole (partial writes continued; `packet-sent` for each). */
void            _qnet_socket_write_async         (QnetSocket          *self,
                                                  const char          *operation,
                                                  GBytes              *bytes,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        _qnet_socket_write_finish        (QnetSocket          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* ---- Raw reads and writes (QnetSocket's forms, QnetHttpClient) -----------
 *
 * Unlike the public methods these do NOT raise `operation-failed`: the
 * caller's own public operation reports the error. They raise the
 * stream events (`packet-read` through @progress, `packet-sent`).
 */

/* Before a read: QNET_SOCKET_ERROR_NOT_OPEN, or the TLS layer's refusal
 * (_qnet_socket_tls_check_read(): a handshake runs), else NULL. */
GError         *_qnet_socket_check_read          (QnetSocket            *self,
                                                  QnetReadMode           mode);
/* One read of the stream after a successful _qnet_socket_check_read(),
 * bounded by @timeout_ms (-1: QnetSocket:timeout). @done gets the stream
 * layer's result as is (errors unwrapped, nothing closed). */
void            _qnet_socket_io_read             (QnetSocket            *self,
                                                  const QnetReadRequest *request,
                                                  gint                   timeout_ms,
                                                  GCancellable          *cancellable,
                                                  QnetReadProgressFunc   progress,
                                                  QnetReadDoneFunc       done,
                                                  gpointer               user_data);
/* Makes an error of the stream I/O layer (transfer full) the socket's:
 * closes the socket when the connection is gone (`channel-closed`), then
 * returns the error wrapped with the target's name for @action. */
GError         *_qnet_socket_io_error            (QnetSocket            *self,
                                                  QnetSocketAction       action,
                                                  GError                *error);
/* Writes @bytes whole (partial writes continued, `packet-sent` for each);
 * over TLS it completes when the ciphertext is written too (flushed,
 * bounded by the timeout property). @timeout_ms: -1 for QnetSocket:timeout.
 * @done gets NULL, or QNET_SOCKET_ERROR_NOT_OPEN / the TLS refusal
 * before anything started (called before this returns), or the write's
 * error wrapped with the target's name after a broken connection was
 * closed (`channel-closed`). */
void            _qnet_socket_io_write            (QnetSocket            *self,
                                                  GBytes                *bytes,
                                                  gint                   timeout_ms,
                                                  GCancellable          *cancellable,
                                                  QnetWriteDoneFunc      done,
                                                  gpointer               user_data);

/* ---- Internal starters shared by the public forms ------------------------- */

typedef enum {
  QNET_SOCKET_RESULT_BYTES,   /* GBytes */
  QNET_SOCKET_RESULT_STRING,  /* char *, converted from the charset */
  QNET_SOCKET_RESULT_INT,     /* gint64, from @int_width bytes */
  QNET_SOCKET_RESULT_NONE,    /* TRUE (fill) */
  QNET_SOCKET_RESULT_WAIT,    /* gboolean: data available, FALSE on timeout */
} QnetSocketResultKind;

typedef struct {
  QnetSocketResultKind kind;
  guint                int_width;   /* 1, 2, 4, 8 */
  gboolean             int_signed;
  gboolean             int_le;
  QnetEventSource      source;
} QnetSocketResultSpec;

void            _qnet_socket_recv_start          (QnetSocket                 *self,
                                                  QnetSocketCall             *call,
                                                  const QnetReadRequest      *request,
                                                  gint                        timeout_ms,
                                                  const QnetSocketResultSpec *spec);
void            _qnet_socket_send_start          (QnetSocket          *self,
                                                  QnetSocketCall      *call,
                                                  GBytes              *bytes);

/* ---- TLS internals (qnet-socket-tls.c) -------------------------------------- */

/* From the object's class_init, init, finalize and property functions. */
void            _qnet_socket_tls_class_init      (QnetSocketClass     *klass);
void            _qnet_socket_tls_init            (QnetSocket          *self);
void            _qnet_socket_tls_finalize        (QnetSocket          *self);
/* FALSE when @prop_id is not a TLS property. */
gboolean        _qnet_socket_tls_get_property    (QnetSocket          *self,
                                                  guint                prop_id,
                                                  GValue              *value);
gboolean        _qnet_socket_tls_set_property    (QnetSocket          *self,
                                                  guint                prop_id,
                                                  const GValue        *value);
/* Copies the TLS settings to an accepted connection. */
void            _qnet_socket_tls_inherit         (QnetSocket          *self,
                                                  QnetSocket          *connection);
/* Before a read of the stream: an error while a handshake runs on it,
 * else NULL. Over TLS, a peer that closes without close_notify fails a
 * read of @mode QNET_READ_ALL (and every read while
 * _qnet_socket_set_tls_require_close_notify is on) with
 * QNET_TLS_ERROR_TRUNCATED; other reads see an end of stream. Push mode
 * passes QNET_READ_ALL. */
GError         *_qnet_socket_tls_check_read      (QnetSocket          *self,
                                                  QnetReadMode         mode);
/* Before a write: an error while a handshake runs, else NULL. */
GError         *_qnet_socket_tls_check_write     (QnetSocket          *self);
/* A send (_qnet_socket_send_start) starts or ends; while one runs, the
 * writes it makes are flushed by it (below), not in the background. */
void            _qnet_socket_tls_send_started    (QnetSocket          *self);
void            _qnet_socket_tls_send_ended      (QnetSocket          *self);
/* After a write of the stream took everything queued: ciphertext the TLS
 * session could not write yet is written from the thread-default main
 * context, unless a send runs (it flushes before it completes). */
void            _qnet_socket_tls_written         (QnetSocket          *self);
/* Writes out the ciphertext the TLS session still holds, bounded by the
 * timeout property; FALSE (and @callback is not called) when there is
 * none. */
gboolean        _qnet_socket_tls_flush_async     (QnetSocket          *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        _qnet_socket_tls_flush_finish    (QnetSocket          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* A connect succeeded for a TLS form: the client handshake follows and
 * ends @call (TRUE, or the error). @timeout_ms: what is left of the
 * connect's limit (-1: the timeout property). */
void            _qnet_socket_tls_connected       (QnetSocket          *self,
                                                  QnetSocketCall      *call,
                                                  gint                 timeout_ms);
/* accept_ssl accepted @connection (transfer full): the server handshake
 * runs on it and ends @call (the connection, or the error). */
void            _qnet_socket_tls_accepted        (QnetSocketCall      *call,
                                                  QnetSocket          *connection,
                                                  gint                 timeout_ms);

/* The connect and accept starters (qnet-socket-connect.c,
 * qnet-socket-server.c), shared by the plain and the TLS forms. */
void            _qnet_socket_connect_dest_start  (QnetSocket          *self,
                                                  QnetSocketCall      *call,
                                                  const char          *dest,
                                                  gint                 timeout_ms,
                                                  gboolean             tls);
void            _qnet_socket_connect_inet_start  (QnetSocket          *self,
                                                  QnetSocketCall      *call,
                                                  const char          *host,
                                                  const char          *service,
                                                  GSocketFamily        family,
                                                  gint                 timeout_ms,
                                                  gboolean             tls);
void            _qnet_socket_connect_unix_start  (QnetSocket          *self,
                                                  QnetSocketCall      *call,
                                                  const char          *path,
                                                  gboolean             tls);
/* Connects to @target (transfer full) with the same events and effects as
 * qnet_socket_connect_to() (closes first; qnet_socket_close() cancels it;
 * the peer info keeps the host name) but does NOT raise
 * `operation-failed`: the caller's own operation reports the error.
 * @timeout_ms: -1 for QnetSocket:connect-timeout. @done gets NULL or the
 * error (after `connect-failed`), maybe before this returns. */
typedef void (*QnetSocketConnectDone) (gpointer  user_data,
                                       GError   *error);
void            _qnet_socket_connect_address     (QnetSocket            *self,
                                                  QnetAddress           *target,
                                                  gint                   timeout_ms,
                                                  GCancellable          *cancellable,
                                                  QnetSocketConnectDone  done,
                                                  gpointer               user_data);
void            _qnet_socket_accept_start        (QnetSocket          *self,
                                                  QnetSocketCall      *call,
                                                  gint                 timeout_ms,
                                                  gboolean             tls);

/* For subclasses: while on, every read over TLS (not only until-close
 * ones) fails with QNET_TLS_ERROR_TRUNCATED when the peer closes without
 * close_notify, e.g. while reading a body delimited by the close with
 * _qnet_socket_read_some_async() or the stream I/O directly. */
void            _qnet_socket_set_tls_require_close_notify (QnetSocket *self,
                                                  gboolean             require);

/* ---- For subclasses: TLS on the connected stream (qnet-socket-tls.c) ------
 *
 * Starts TLS as the client on the connected socket (after a plain
 * connect, or after a proxy's CONNECT): raises `start-ssl`, runs the
 * handshake with the socket's TLS settings (verify-peer, the CA file, the
 * system trust store, a client certificate when certificate and
 * private-key are set, accept-certificate for an untrusted peer), then
 * raises `ssl-established`; from then on every read and write of the
 * socket is TLS (packet-read and packet-sent count plaintext bytes) and
 * is-secure is TRUE. Bytes already read ahead are handed to the TLS
 * session.
 *
 * @server_identity (nullable): the host name or IP literal the
 * certificate must match, also sent as SNI (unless an IP literal); NULL
 * for QnetSocket:server-name, else the host name connected to (else the
 * numeric peer address, or "localhost" over a UNIX socket).
 * @timeout_ms: the limit for the whole handshake; -1 for
 * QnetSocket:timeout (-1 there: none).
 *
 * Unlike the public methods, it does NOT raise `operation-failed`: the
 * caller's own operation reports the error. On failure the connection is
 * closed (`channel-closed`) and the error is QNET_TLS_ERROR_HANDSHAKE,
 * QNET_TLS_ERROR_CERTIFICATE (the message says why: host, reason, code),
 * G_IO_ERROR_TIMED_OUT, G_IO_ERROR_CANCELLED, or QNET_SOCKET_ERROR_NOT_OPEN
 * (closed meanwhile / not connected) or QNET_SOCKET_ERROR_FAILED (already
 * secure, or another read, write or handshake is in progress). Messages
 * name the target: "Could not start TLS with example.com:443: …".
 * @callback runs on the thread-default main context of this call. */
void            _qnet_socket_start_tls_async     (QnetSocket          *self,
                                                  const char          *server_identity,
                                                  gint                 timeout_ms,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        _qnet_socket_start_tls_finish    (QnetSocket          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
