/* qnet-socket.c: TCP and UNIX sockets with every socket event
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * This file holds the object, its properties and signals, the call
 * machinery shared by the blocking and asynchronous forms, connecting,
 * closing and the queries. Reading and writing are in qnet-socket-io.c,
 * binding and accepting in qnet-socket-server.c, the integer helpers in
 * qnet-socket-int.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qnet-enum-types.h"
#include "qnet-error.h"
#include "qnet-marshal.h"
#include "qnet-socket-private.h"

/**
 * QnetSocket:
 *
 * A TCP or UNIX stream socket, client or server, whose every step is an
 * event: Qore's `Socket` class with the asynchronous style of KVIrc's
 * socket class, Pony's `TCPConnectionNotify` and the Momentum event API.
 *
 * ```c
 * g_autoptr(QnetSocket) sock = qnet_socket_new ();
 * g_autoptr(GBytes) reply = NULL;
 *
 * g_signal_connect (sock, "connecting", G_CALLBACK (on_connecting), NULL);
 * g_signal_connect (sock, "packet-read", G_CALLBACK (on_packet_read), NULL);
 *
 * if (!qnet_socket_connect_to (sock, "localhost:8080", 5000, NULL, &error))
 *   return FALSE;
 * qnet_socket_send (sock, "GET / HTTP/1.0\r\n\r\n", NULL, &error);
 * reply = qnet_socket_recv_bytes (sock, -1, 5000, NULL, &error);
 * ```
 *
 * ## Addresses
 *
 * Destinations follow Qore's syntax: `"host:port"` (a name or a numeric
 * IPv4 address, any family), `"[v6addr]:port"`, `"[name]:port"` (resolved as
 * IPv6 only), and a string without a colon is a UNIX socket path. For
 * [method@Qnet.Socket.bind], `":port"` and `"port"` mean every interface. The
 * port may also be a service name (`"http"`).
 *
 * Host names are resolved with [class@Gio.Resolver]: `hostname-lookup` is
 * raised before, one `hostname-resolved` per address returned, then one
 * `connecting` per address tried until one connects (`connected`), or
 * `connect-failed` when all failed, timed out or were cancelled. Numeric
 * addresses and UNIX paths raise no lookup events.
 *
 * ## Blocking and asynchronous forms
 *
 * Every operation that can wait for the network has a blocking form and an
 * `_async`/`_finish` pair. Both run the same state machine (the blocking form
 * on a private main context), so they raise identical events. The
 * asynchronous form emits its events on the thread-default main context
 * of the call; some may be raised before the `_async` function returns.
 *
 * Timeouts are in milliseconds: the [property@Qnet.Socket:timeout] (I/O
 * inactivity) and [property@Qnet.Socket:connect-timeout] properties use -1 for
 * no limit (the default); a `timeout_ms` argument takes -1 for the
 * property, 0 for "do not wait" and a positive limit. A timeout is
 * %G_IO_ERROR_TIMED_OUT, a cancellation %G_IO_ERROR_CANCELLED; on either,
 * nothing that was read is lost (it is kept for the next receive).
 *
 * ## Receiving
 *
 * As in Qore, [method@Qnet.Socket.recv_bytes] with a positive size returns
 * that many bytes, or fewer when the peer closed the connection after
 * sending at least one; when the peer closed before sending anything the
 * call fails with %QNET_SOCKET_ERROR_CLOSED. A size of -1 reads until the
 * peer closes, 0 returns what is buffered or what the next arrival brings.
 * The fixed-size integer readers and [method@Qnet.Socket.recv_until] fail
 * with %QNET_SOCKET_ERROR_CLOSED when the peer closes before the value is
 * complete. Seeing the peer's end of stream closes the socket
 * (`channel-closed`), as does an error of the connection (for example a
 * reset); every failure raises `operation-failed`, and its message names
 * the target (`"Could not connect to 127.0.0.1:9: Connection refused"`).
 *
 * In push mode ([method@Qnet.Socket.start_receiving]) data is read from the
 * main loop as it arrives and delivered by [signal@Qnet.Socket::received], in
 * records of [property@Qnet.Socket:expect] bytes when that is not 0.
 *
 * ## Sending
 *
 * A send completes when the whole buffer was written; each partial write
 * raises `packet-sent`. [method@Qnet.Socket.queue_bytes] returns at once and
 * writes from the main loop; `throttled` and `unthrottled` report the queue
 * crossing [property@Qnet.Socket:write-high-watermark] and
 * [property@Qnet.Socket:write-low-watermark].
 *
 * ## TLS
 *
 * [method@Qnet.Socket.connect_ssl] (and its `inet` and `unix` forms)
 * connects and runs a TLS client handshake, [method@Qnet.Socket.accept_ssl]
 * accepts and runs the server's, and [method@Qnet.Socket.upgrade_client_to_ssl]
 * and [method@Qnet.Socket.upgrade_server_to_ssl] start TLS on a plain
 * connection (STARTTLS). `start-ssl` is raised before a handshake and
 * `ssl-established` after a successful one; a failed handshake closes the
 * connection and raises `operation-failed`. Over TLS every event keeps its
 * meaning: `packet-read` and `packet-sent` count plaintext bytes
 * (handshake records raise none). From the start of a handshake until the
 * first write after it, `TCP_NODELAY` is on whatever
 * [property@Qnet.Socket:no-delay] says: the handshake's last flight is
 * not acknowledged yet when that first record (a request, typically) is
 * written, and Nagle's algorithm would hold it back for the peer's
 * delayed acknowledgement.
 *
 * A client verifies the server's certificate against the system trust
 * store and [method@Qnet.Socket.set_ca_file], and its name against the
 * host name connected to (or [property@Qnet.Socket:server-name]), which is
 * also sent as SNI. An untrusted peer fails with
 * %QNET_TLS_ERROR_CERTIFICATE unless a
 * [signal@Qnet.Socket::accept-certificate] handler accepts it;
 * [method@Qnet.Socket.verify_peer_certificate] tells the OpenSSL-style code.
 *
 * A peer that closes the connection without close_notify did not
 * authenticate the end of its data. Where the caller reads until the peer
 * closes ([method@Qnet.Socket.recv] and [method@Qnet.Socket.recv_bytes]
 * with a size of -1, and push mode) that fails with
 * %QNET_TLS_ERROR_TRUNCATED and the receive returns no data, so a
 * truncated message never passes for a complete one. Other receives see an
 * ordinary end of stream: a positive size may return fewer bytes (visibly
 * short), the others fail with %QNET_SOCKET_ERROR_CLOSED.
 * [method@Qnet.Socket.shutdown_ssl] sends close_notify and waits until it
 * is written; [method@Qnet.Socket.close] sends it as far as the connection
 * takes it at once.
 *
 * ## Lifetime
 *
 * While receiving in push mode or accepting, a socket keeps a reference on
 * itself; it is released when that stops (stop, close, or the peer
 * closing). Disposing an open socket closes it (`channel-closed`, then
 * `deleted`). A UNIX socket file created by bind is removed on close.
 *
 * Since: 1.0
 */

#define QNET_SOCKET_DEFAULT_HIGH_WATERMARK (1024 * 1024)
#define QNET_SOCKET_DEFAULT_LOW_WATERMARK (256 * 1024)


G_DEFINE_TYPE_WITH_PRIVATE (QnetSocket, qnet_socket, QNET_TYPE_EMITTER)

enum {
  SIGNAL_RECEIVED,
  N_SIGNALS
};

static GParamSpec *properties[QNET_SOCKET_N_PROPS];
static guint signals[N_SIGNALS];

static inline QnetSocketPrivate *
get_priv (QnetSocket *self)
{
  return qnet_socket_get_instance_private (self);
}

QnetSocketPrivate *
_qnet_socket_get_private (QnetSocket *self)
{
  return qnet_socket_get_instance_private (self);
}

void
_qnet_socket_emit_received (QnetSocket *self,
                            GBytes     *data)
{
  g_signal_emit (self, signals[SIGNAL_RECEIVED], 0, data);
}

void
_qnet_socket_notify (QnetSocket     *self,
                     QnetSocketProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* ---- Object ------------------------------------------------------------------ */

static void
qnet_socket_dispose (GObject *object)
{
  QnetSocket *self = QNET_SOCKET (object);

  _qnet_socket_close_internal (self);

  G_OBJECT_CLASS (qnet_socket_parent_class)->dispose (object);
}

static void
qnet_socket_finalize (GObject *object)
{
  QnetSocket *self = QNET_SOCKET (object);
  QnetSocketPrivate *priv = get_priv (self);

  g_free (priv->charset);
  g_free (priv->peer_host);
  g_free (priv->local_host);
  g_free (priv->unix_path);
  _qnet_socket_tls_finalize (self);

  G_OBJECT_CLASS (qnet_socket_parent_class)->finalize (object);
}

static void
qnet_socket_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  QnetSocket *self = QNET_SOCKET (object);
  QnetSocketPrivate *priv = get_priv (self);

  switch (prop_id)
    {
    case QNET_SOCKET_PROP_STATE:
      g_value_set_enum (value, priv->state);
      break;
    case QNET_SOCKET_PROP_TIMEOUT:
      g_value_set_int (value, priv->timeout_ms);
      break;
    case QNET_SOCKET_PROP_CONNECT_TIMEOUT:
      g_value_set_int (value, priv->connect_timeout_ms);
      break;
    case QNET_SOCKET_PROP_CHARSET:
      g_value_set_string (value, priv->charset);
      break;
    case QNET_SOCKET_PROP_NO_DELAY:
      g_value_set_boolean (value, priv->no_delay);
      break;
    case QNET_SOCKET_PROP_FD:
      g_value_set_int (value, priv->fd);
      break;
    case QNET_SOCKET_PROP_LOCAL_ADDRESS:
      g_value_set_object (value, priv->local_address);
      break;
    case QNET_SOCKET_PROP_REMOTE_ADDRESS:
      g_value_set_object (value, priv->remote_address);
      break;
    case QNET_SOCKET_PROP_IS_SECURE:
      g_value_set_boolean (value, priv->secure);
      break;
    case QNET_SOCKET_PROP_WRITE_HIGH_WATERMARK:
      g_value_set_uint64 (value, priv->high_watermark);
      break;
    case QNET_SOCKET_PROP_WRITE_LOW_WATERMARK:
      g_value_set_uint64 (value, priv->low_watermark);
      break;
    case QNET_SOCKET_PROP_EXPECT:
      g_value_set_uint64 (value, priv->expect);
      break;
    default:
      if (!_qnet_socket_tls_get_property (self, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_socket_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  QnetSocket *self = QNET_SOCKET (object);

  switch (prop_id)
    {
    case QNET_SOCKET_PROP_TIMEOUT:
      qnet_socket_set_timeout (self, g_value_get_int (value));
      break;
    case QNET_SOCKET_PROP_CONNECT_TIMEOUT:
      qnet_socket_set_connect_timeout (self, g_value_get_int (value));
      break;
    case QNET_SOCKET_PROP_CHARSET:
      qnet_socket_set_charset (self, g_value_get_string (value));
      break;
    case QNET_SOCKET_PROP_NO_DELAY:
      qnet_socket_set_no_delay (self, g_value_get_boolean (value));
      break;
    case QNET_SOCKET_PROP_WRITE_HIGH_WATERMARK:
      qnet_socket_set_write_high_watermark (self, g_value_get_uint64 (value));
      break;
    case QNET_SOCKET_PROP_WRITE_LOW_WATERMARK:
      qnet_socket_set_write_low_watermark (self, g_value_get_uint64 (value));
      break;
    case QNET_SOCKET_PROP_EXPECT:
      qnet_socket_set_expect (self, g_value_get_uint64 (value));
      break;
    default:
      if (!_qnet_socket_tls_set_property (self, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_socket_class_init (QnetSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qnet_socket_dispose;
  object_class->finalize = qnet_socket_finalize;
  object_class->get_property = qnet_socket_get_property;
  object_class->set_property = qnet_socket_set_property;

  /**
   * QnetSocket:state: (getter get_state)
   *
   * What the socket is doing: unconnected, looking a host name up,
   * connecting, connected, bound, listening, or closing.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       QNET_TYPE_SOCKET_STATE, QNET_SOCKET_STATE_UNCONNECTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:timeout: (getter get_timeout) (setter set_timeout)
   *
   * The I/O inactivity timeout in milliseconds used by sends, and by
   * receives and accepts given a `timeout_ms` of -1: the longest wait
   * without progress. -1 (the default) means no timeout.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_TIMEOUT] =
    g_param_spec_int ("timeout", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:connect-timeout: (getter get_connect_timeout) (setter set_connect_timeout)
   *
   * The limit in milliseconds for a whole connect (resolution and every
   * attempt) given a `timeout_ms` of -1. -1 (the default) means none.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_CONNECT_TIMEOUT] =
    g_param_spec_int ("connect-timeout", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:charset: (getter get_charset) (setter set_charset)
   *
   * The character set of the peer's text: [method@Qnet.Socket.send] converts
   * UTF-8 to it, [method@Qnet.Socket.recv] converts from it to UTF-8.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_CHARSET] =
    g_param_spec_string ("charset", NULL, NULL, "UTF-8",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:no-delay: (getter get_no_delay) (setter set_no_delay)
   *
   * Whether `TCP_NODELAY` is set on TCP connections (Nagle's algorithm
   * off).
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_NO_DELAY] =
    g_param_spec_boolean ("no-delay", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:fd: (getter get_fd)
   *
   * The socket's file descriptor, or -1 when it is not open.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_FD] =
    g_param_spec_int ("fd", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:local-address: (getter get_local_address)
   *
   * The local address of a bound or connected socket.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_LOCAL_ADDRESS] =
    g_param_spec_object ("local-address", NULL, NULL, G_TYPE_SOCKET_ADDRESS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:remote-address: (getter get_remote_address)
   *
   * The peer's address of a connected socket.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_REMOTE_ADDRESS] =
    g_param_spec_object ("remote-address", NULL, NULL, G_TYPE_SOCKET_ADDRESS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:is-secure: (getter get_is_secure)
   *
   * Whether the connection runs TLS.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_IS_SECURE] =
    g_param_spec_boolean ("is-secure", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:write-high-watermark: (getter get_write_high_watermark) (setter set_write_high_watermark)
   *
   * When the bytes waiting to be written rise above this,
   * [signal@Qnet.Socket::throttled] is raised. Default 1 MiB.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_WRITE_HIGH_WATERMARK] =
    g_param_spec_uint64 ("write-high-watermark", NULL, NULL, 0, G_MAXUINT64,
                         QNET_SOCKET_DEFAULT_HIGH_WATERMARK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:write-low-watermark: (getter get_write_low_watermark) (setter set_write_low_watermark)
   *
   * After [signal@Qnet.Socket::throttled], when the bytes waiting to be
   * written fall to this or below, [signal@Qnet.Socket::unthrottled] is
   * raised. Default 256 KiB.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_WRITE_LOW_WATERMARK] =
    g_param_spec_uint64 ("write-low-watermark", NULL, NULL, 0, G_MAXUINT64,
                         QNET_SOCKET_DEFAULT_LOW_WATERMARK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:expect: (getter get_expect) (setter set_expect)
   *
   * In push mode, the size of each [signal@Qnet.Socket::received] record; 0
   * (the default) delivers whatever arrived.
   *
   * Since: 1.0
   */
  properties[QNET_SOCKET_PROP_EXPECT] =
    g_param_spec_uint64 ("expect", NULL, NULL, 0, G_MAXUINT32, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, QNET_SOCKET_N_PROPS, properties);

  /**
   * QnetSocket::received:
   * @self: the socket
   * @data: the bytes
   *
   * In push mode ([method@Qnet.Socket.start_receiving]), delivers data read
   * from the main loop: records of [property@Qnet.Socket:expect] bytes, or
   * whatever arrived when that is 0. This is not an event (it carries data;
   * [signal@Qnet.Socket::packet-read] reports it).
   *
   * Since: 1.0
   */
  signals[SIGNAL_RECEIVED] =
    g_signal_new ("received",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (QnetSocketClass, received),
                  NULL, NULL,
                  _qnet_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1, G_TYPE_BYTES | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[SIGNAL_RECEIVED], G_TYPE_FROM_CLASS (klass),
                              _qnet_marshal_VOID__BOXEDv);

  /**
   * QnetSocket::packet-read:
   * @self: the socket
   * @read: bytes this network read returned
   * @total_read: bytes the current receive has so far
   * @total_to_read: bytes it asked for, or -1 when not known
   *
   * Raised after every read from the network that returned data (Qore's
   * `EVENT_PACKET_READ`). Data served from the read-ahead buffer raises
   * none.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_PACKET_READ, G_TYPE_NONE);

  /**
   * QnetSocket::packet-sent:
   * @self: the socket
   * @socket: the file descriptor
   * @sent: bytes this network write took
   * @total_sent: bytes of the current buffer written so far
   * @total_to_send: the size of the current buffer
   *
   * Raised after every successful network write; a partial write raises
   * one and the rest is written after it (Qore's `EVENT_PACKET_SENT`).
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_PACKET_SENT, G_TYPE_NONE);

  /**
   * QnetSocket::hostname-lookup:
   * @self: the socket
   * @name: the host name
   * @service: (nullable): the port or service, as given
   *
   * Raised before a host name is resolved; never for numeric addresses
   * or UNIX paths.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HOSTNAME_LOOKUP, G_TYPE_NONE);

  /**
   * QnetSocket::hostname-resolved:
   * @self: the socket
   * @address: one address the name resolved to
   * @type: its family (`AF_INET`, `AF_INET6`)
   * @typename: `"ipv4"` or `"ipv6"`
   * @port: the port
   *
   * Raised once per address the resolver returned, before the first
   * connection attempt.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HOSTNAME_RESOLVED, G_TYPE_NONE);

  /**
   * QnetSocket::http-send-message:
   * @self: the socket
   * @message: the request or status line, without CRLF
   * @headers: the headers as sent (`a{sv}`)
   *
   * Raised before an HTTP message is written.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_SEND_MESSAGE, G_TYPE_NONE);

  /**
   * QnetSocket::http-message-received:
   * @self: the socket
   * @headers: the parsed header block (`a{sv}`)
   *
   * Raised after a complete HTTP header block was read, before the body.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_MESSAGE_RECEIVED, G_TYPE_NONE);

  /**
   * QnetSocket::connecting:
   * @self: the socket
   * @type: the address family (`AF_INET`, `AF_INET6`, `AF_UNIX`)
   * @typename: `"ipv4"`, `"ipv6"` or `"unix"`
   * @target: the host name or path as given
   * @address: the numeric address (or path) tried
   * @port: the port, or -1 for a UNIX socket
   *
   * Raised before each connection attempt, once per address tried.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_CONNECTING, G_TYPE_NONE);

  /**
   * QnetSocket::connected:
   * @self: the socket
   *
   * Raised once, when a connection attempt succeeded (before any TLS
   * handshake).
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_CONNECTED, G_TYPE_NONE);

  /**
   * QnetSocket::start-ssl:
   * @self: the socket
   *
   * Raised before a TLS handshake starts.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_START_SSL, G_TYPE_NONE);

  /**
   * QnetSocket::ssl-established:
   * @self: the socket
   * @cipher: the negotiated cipher suite
   * @cipher_version: the protocol version, e.g. `"TLS1.3"`
   *
   * Raised after a successful TLS handshake.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_SSL_ESTABLISHED, G_TYPE_NONE);

  /**
   * QnetSocket::socket-data-read:
   * @self: the socket
   * @data: the bytes the receive returned
   *
   * Raised after each completed receive, and for each push-mode delivery,
   * with its bytes; only when [property@Qnet.Emitter:capture-data] is set.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_SOCKET_DATA_READ, G_TYPE_NONE);

  /**
   * QnetSocket::socket-data-sent:
   * @self: the socket
   * @data: the bytes the send wrote
   *
   * Raised after each completed send with its bytes; only when
   * [property@Qnet.Emitter:capture-data] is set.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_SOCKET_DATA_SENT, G_TYPE_NONE);

  /**
   * QnetSocket::http-headers-read:
   * @self: the socket
   * @data: the raw header block
   *
   * Raised with the raw text of each HTTP header block read; only when
   * [property@Qnet.Emitter:capture-data] is set.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_HEADERS_READ, G_TYPE_NONE);

  /**
   * QnetSocket::connect-failed:
   * @self: the socket
   * @target: the host name or path as given
   * @error: the error message
   * @error_code: the #GIOErrorEnum code of the cause
   *
   * Raised when every address failed, or the connect timed out or was
   * cancelled.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_CONNECT_FAILED, G_TYPE_NONE);

  /**
   * QnetSocket::incoming-connection:
   * @self: the listening socket
   * @connection: the accepted connection, a new socket
   *
   * Raised when a listening socket accepted a connection, by
   * [method@Qnet.Socket.accept] and, from the main loop, while
   * [method@Qnet.Socket.start_accepting] is on. The event's keys are
   * `peer_address`, `peer_port` and `connection_id`. Keep a reference on
   * @connection to use it after the handler returns.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_INCOMING_CONNECTION, G_TYPE_FROM_CLASS (klass));

  /**
   * QnetSocket::throttled:
   * @self: the socket
   * @queued: the bytes waiting to be written
   *
   * Raised when the bytes waiting to be written rise above
   * [property@Qnet.Socket:write-high-watermark].
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_THROTTLED, G_TYPE_NONE);

  /**
   * QnetSocket::unthrottled:
   * @self: the socket
   * @queued: the bytes waiting to be written
   *
   * Raised after [signal@Qnet.Socket::throttled] when the bytes waiting fall
   * to [property@Qnet.Socket:write-low-watermark] or below.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_UNTHROTTLED, G_TYPE_NONE);

  /* TLS properties and the accept-certificate signal. */
  _qnet_socket_tls_class_init (klass);
}

static void
qnet_socket_init (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  priv->state = QNET_SOCKET_STATE_UNCONNECTED;
  priv->timeout_ms = -1;
  priv->connect_timeout_ms = -1;
  priv->charset = g_strdup ("UTF-8");
  priv->high_watermark = QNET_SOCKET_DEFAULT_HIGH_WATERMARK;
  priv->low_watermark = QNET_SOCKET_DEFAULT_LOW_WATERMARK;
  priv->fd = -1;
  _qnet_socket_tls_init (self);
}

/**
 * qnet_socket_new:
 *
 * Creates an unconnected socket.
 *
 * Returns: (transfer full): a new #QnetSocket
 *
 * Since: 1.0
 */
QnetSocket *
qnet_socket_new (void)
{
  return g_object_new (QNET_TYPE_SOCKET, NULL);
}

/* ---- Properties -------------------------------------------------------------- */

/**
 * qnet_socket_get_state: (get-property state)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:state].
 *
 * Returns: what the socket is doing
 *
 * Since: 1.0
 */
QnetSocketState
qnet_socket_get_state (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), QNET_SOCKET_STATE_UNCONNECTED);
  return get_priv (self)->state;
}

/**
 * qnet_socket_get_timeout: (get-property timeout)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:timeout].
 *
 * Returns: the I/O inactivity timeout in milliseconds (-1: none)
 *
 * Since: 1.0
 */
gint
qnet_socket_get_timeout (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), -1);
  return get_priv (self)->timeout_ms;
}

/**
 * qnet_socket_set_timeout: (set-property timeout)
 * @self: a #QnetSocket
 * @timeout_ms: the I/O inactivity timeout in milliseconds, -1 for none
 *
 * Sets [property@Qnet.Socket:timeout].
 *
 * Since: 1.0
 */
void
qnet_socket_set_timeout (QnetSocket *self,
                         gint        timeout_ms)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  timeout_ms = MAX (timeout_ms, -1);
  if (priv->timeout_ms == timeout_ms)
    return;
  priv->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[QNET_SOCKET_PROP_TIMEOUT]);
}

/**
 * qnet_socket_get_connect_timeout: (get-property connect-timeout)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:connect-timeout].
 *
 * Returns: the connect timeout in milliseconds (-1: none)
 *
 * Since: 1.0
 */
gint
qnet_socket_get_connect_timeout (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), -1);
  return get_priv (self)->connect_timeout_ms;
}

/**
 * qnet_socket_set_connect_timeout: (set-property connect-timeout)
 * @self: a #QnetSocket
 * @timeout_ms: the connect timeout in milliseconds, -1 for none
 *
 * Sets [property@Qnet.Socket:connect-timeout].
 *
 * Since: 1.0
 */
void
qnet_socket_set_connect_timeout (QnetSocket *self,
                                 gint        timeout_ms)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  timeout_ms = MAX (timeout_ms, -1);
  if (priv->connect_timeout_ms == timeout_ms)
    return;
  priv->connect_timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[QNET_SOCKET_PROP_CONNECT_TIMEOUT]);
}

/**
 * qnet_socket_get_charset: (get-property charset)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:charset].
 *
 * Returns: the character set of the peer's text
 *
 * Since: 1.0
 */
const char *
qnet_socket_get_charset (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->charset;
}

/**
 * qnet_socket_set_charset: (set-property charset)
 * @self: a #QnetSocket
 * @charset: (nullable): a character set name known to iconv, e.g.
 *   `"ISO-8859-1"`; %NULL for UTF-8
 *
 * Sets [property@Qnet.Socket:charset]. An unknown name makes text sends
 * and receives fail with %QNET_SOCKET_ERROR_ENCODING.
 *
 * Since: 1.0
 */
void
qnet_socket_set_charset (QnetSocket *self,
                         const char *charset)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  if (charset == NULL || *charset == '\0')
    charset = "UTF-8";
  if (g_strcmp0 (priv->charset, charset) == 0)
    return;
  g_free (priv->charset);
  priv->charset = g_strdup (charset);
  g_object_notify_by_pspec (G_OBJECT (self), properties[QNET_SOCKET_PROP_CHARSET]);
}

/**
 * qnet_socket_get_no_delay: (get-property no-delay)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:no-delay].
 *
 * Returns: whether `TCP_NODELAY` is set
 *
 * Since: 1.0
 */
gboolean
qnet_socket_get_no_delay (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  return get_priv (self)->no_delay;
}

/**
 * qnet_socket_set_no_delay: (set-property no-delay)
 * @self: a #QnetSocket
 * @no_delay: whether to set `TCP_NODELAY`
 *
 * Sets [property@Qnet.Socket:no-delay]; it applies at once to a connected
 * TCP socket and to later connections.
 *
 * Since: 1.0
 */
void
qnet_socket_set_no_delay (QnetSocket *self,
                          gboolean    no_delay)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  no_delay = !!no_delay;
  if (priv->no_delay == no_delay)
    return;
  priv->no_delay = no_delay;
  _qnet_socket_apply_no_delay (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[QNET_SOCKET_PROP_NO_DELAY]);
}

/**
 * qnet_socket_get_fd: (get-property fd)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:fd].
 *
 * Returns: the file descriptor, or -1 when the socket is not open
 *
 * Since: 1.0
 */
gint
qnet_socket_get_fd (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), -1);
  return get_priv (self)->fd;
}

/**
 * qnet_socket_get_local_address: (get-property local-address)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:local-address].
 *
 * Returns: (transfer none) (nullable): the local address
 *
 * Since: 1.0
 */
GSocketAddress *
qnet_socket_get_local_address (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->local_address;
}

/**
 * qnet_socket_get_remote_address: (get-property remote-address)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:remote-address].
 *
 * Returns: (transfer none) (nullable): the peer's address
 *
 * Since: 1.0
 */
GSocketAddress *
qnet_socket_get_remote_address (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->remote_address;
}

/**
 * qnet_socket_get_is_secure: (get-property is-secure)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:is-secure].
 *
 * Returns: whether the connection runs TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_get_is_secure (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  return get_priv (self)->secure;
}

/**
 * qnet_socket_get_write_high_watermark: (get-property write-high-watermark)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:write-high-watermark].
 *
 * Returns: the high watermark of the write queue, in bytes
 *
 * Since: 1.0
 */
guint64
qnet_socket_get_write_high_watermark (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  return get_priv (self)->high_watermark;
}

/**
 * qnet_socket_set_write_high_watermark: (set-property write-high-watermark)
 * @self: a #QnetSocket
 * @watermark: bytes
 *
 * Sets [property@Qnet.Socket:write-high-watermark].
 *
 * Since: 1.0
 */
void
qnet_socket_set_write_high_watermark (QnetSocket *self,
                                      guint64     watermark)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  if (priv->high_watermark == watermark)
    return;
  priv->high_watermark = watermark;
  if (priv->io != NULL)
    qnet_stream_io_set_watermarks (priv->io, priv->high_watermark, priv->low_watermark);
  g_object_notify_by_pspec (G_OBJECT (self), properties[QNET_SOCKET_PROP_WRITE_HIGH_WATERMARK]);
}

/**
 * qnet_socket_get_write_low_watermark: (get-property write-low-watermark)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:write-low-watermark].
 *
 * Returns: the low watermark of the write queue, in bytes
 *
 * Since: 1.0
 */
guint64
qnet_socket_get_write_low_watermark (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  return get_priv (self)->low_watermark;
}

/**
 * qnet_socket_set_write_low_watermark: (set-property write-low-watermark)
 * @self: a #QnetSocket
 * @watermark: bytes
 *
 * Sets [property@Qnet.Socket:write-low-watermark] (used as at most the
 * high watermark).
 *
 * Since: 1.0
 */
void
qnet_socket_set_write_low_watermark (QnetSocket *self,
                                     guint64     watermark)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  if (priv->low_watermark == watermark)
    return;
  priv->low_watermark = watermark;
  if (priv->io != NULL)
    qnet_stream_io_set_watermarks (priv->io, priv->high_watermark, priv->low_watermark);
  g_object_notify_by_pspec (G_OBJECT (self), properties[QNET_SOCKET_PROP_WRITE_LOW_WATERMARK]);
}

/**
 * qnet_socket_get_expect: (get-property expect)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:expect].
 *
 * Returns: the push-mode record size (0: any)
 *
 * Since: 1.0
 */
guint64
qnet_socket_get_expect (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), 0);
  return get_priv (self)->expect;
}

/**
 * qnet_socket_set_expect: (set-property expect)
 * @self: a #QnetSocket
 * @expect: bytes per [signal@Qnet.Socket::received], 0 for any
 *
 * Sets [property@Qnet.Socket:expect]; in push mode it applies from the
 * next delivery.
 *
 * Since: 1.0
 */
void
qnet_socket_set_expect (QnetSocket *self,
                        guint64     expect)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (expect <= G_MAXUINT32);
  priv = get_priv (self);

  if (priv->expect == expect)
    return;
  priv->expect = expect;
  if (priv->io != NULL)
    qnet_stream_io_set_expect (priv->io, (gsize) expect);
  g_object_notify_by_pspec (G_OBJECT (self), properties[QNET_SOCKET_PROP_EXPECT]);
}

