/* qnet-enums.h: public enumerations of libqnet
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * QnetEventCode:
 * @QNET_EVENT_PACKET_READ: data was read from the network
 * @QNET_EVENT_PACKET_SENT: data was sent on the network
 * @QNET_EVENT_HTTP_CONTENT_LENGTH: a response announced a `Content-Length`
 * @QNET_EVENT_HTTP_CHUNKED_START: a chunked body is about to be read
 * @QNET_EVENT_HTTP_CHUNKED_END: a chunked body ended (also on failure)
 * @QNET_EVENT_HTTP_REDIRECT: a redirect response was received
 * @QNET_EVENT_CHANNEL_CLOSED: a socket or file descriptor was closed
 * @QNET_EVENT_DELETED: the object was disposed
 * @QNET_EVENT_FTP_SEND_MESSAGE: an FTP command is about to be sent
 * @QNET_EVENT_FTP_MESSAGE_RECEIVED: an FTP reply was received
 * @QNET_EVENT_HOSTNAME_LOOKUP: a host name is about to be resolved
 * @QNET_EVENT_HOSTNAME_RESOLVED: a host name resolved to one address
 * @QNET_EVENT_HTTP_SEND_MESSAGE: an HTTP message is about to be sent
 * @QNET_EVENT_HTTP_MESSAGE_RECEIVED: an HTTP header block was received
 * @QNET_EVENT_HTTP_FOOTERS_RECEIVED: a chunked trailer section was received
 * @QNET_EVENT_HTTP_CHUNKED_DATA_RECEIVED: a chunk was received
 * @QNET_EVENT_HTTP_CHUNK_SIZE: a chunk-size line was received
 * @QNET_EVENT_CONNECTING: a connection attempt starts
 * @QNET_EVENT_CONNECTED: a connection attempt succeeded
 * @QNET_EVENT_START_SSL: a TLS handshake starts
 * @QNET_EVENT_SSL_ESTABLISHED: a TLS handshake succeeded
 * @QNET_EVENT_OPEN_FILE: a file is about to be opened
 * @QNET_EVENT_FILE_OPENED: a file was opened
 * @QNET_EVENT_DATA_READ: data was read from a file
 * @QNET_EVENT_DATA_WRITTEN: data was written to a file
 * @QNET_EVENT_HTTP_CHUNKED_DATA_READ: chunk payload was read (data capture)
 * @QNET_EVENT_HTTP_CHUNKED_DATA_SENT: a chunk was sent (data capture)
 * @QNET_EVENT_HTTP_FOOTERS_SENT: trailers were sent (data capture)
 * @QNET_EVENT_SOCKET_DATA_READ: bytes returned by a receive call (data capture)
 * @QNET_EVENT_SOCKET_DATA_SENT: bytes sent by a send call (data capture)
 * @QNET_EVENT_HTTP_HEADERS_READ: raw text of a header block (data capture)
 * @QNET_EVENT_CONNECT_FAILED: every connection attempt failed
 * @QNET_EVENT_INCOMING_CONNECTION: a listening socket accepted a connection
 * @QNET_EVENT_THROTTLED: the write queue rose above the high watermark
 * @QNET_EVENT_UNTHROTTLED: the write queue drained below the low watermark
 * @QNET_EVENT_OPERATION_FAILED: a public operation failed with a #GError
 * @QNET_EVENT_HTTP_RESPONSE_COMPLETE: a whole HTTP response was read
 * @QNET_EVENT_FTP_TRANSFER_COMPLETE: an FTP data transfer finished
 *
 * The code of an event. Codes 1 to 31 are those of the Qore language's
 * `EVENT_*` constants; codes from 100 are libqnet extensions.
 *
 * Since: 1.0
 */
typedef enum {
  QNET_EVENT_PACKET_READ = 1,
  QNET_EVENT_PACKET_SENT = 2,
  QNET_EVENT_HTTP_CONTENT_LENGTH = 3,
  QNET_EVENT_HTTP_CHUNKED_START = 4,
  QNET_EVENT_HTTP_CHUNKED_END = 5,
  QNET_EVENT_HTTP_REDIRECT = 6,
  QNET_EVENT_CHANNEL_CLOSED = 7,
  QNET_EVENT_DELETED = 8,
  QNET_EVENT_FTP_SEND_MESSAGE = 9,
  QNET_EVENT_FTP_MESSAGE_RECEIVED = 10,
  QNET_EVENT_HOSTNAME_LOOKUP = 11,
  QNET_EVENT_HOSTNAME_RESOLVED = 12,
  QNET_EVENT_HTTP_SEND_MESSAGE = 13,
  QNET_EVENT_HTTP_MESSAGE_RECEIVED = 14,
  QNET_EVENT_HTTP_FOOTERS_RECEIVED = 15,
  QNET_EVENT_HTTP_CHUNKED_DATA_RECEIVED = 16,
  QNET_EVENT_HTTP_CHUNK_SIZE = 17,
  QNET_EVENT_CONNECTING = 18,
  QNET_EVENT_CONNECTED = 19,
  QNET_EVENT_START_SSL = 20,
  QNET_EVENT_SSL_ESTABLISHED = 21,
  QNET_EVENT_OPEN_FILE = 22,
  QNET_EVENT_FILE_OPENED = 23,
  QNET_EVENT_DATA_READ = 24,
  QNET_EVENT_DATA_WRITTEN = 25,
  QNET_EVENT_HTTP_CHUNKED_DATA_READ = 26,
  QNET_EVENT_HTTP_CHUNKED_DATA_SENT = 27,
  QNET_EVENT_HTTP_FOOTERS_SENT = 28,
  QNET_EVENT_SOCKET_DATA_READ = 29,
  QNET_EVENT_SOCKET_DATA_SENT = 30,
  QNET_EVENT_HTTP_HEADERS_READ = 31,
  QNET_EVENT_CONNECT_FAILED = 100,
  QNET_EVENT_INCOMING_CONNECTION = 101,
  QNET_EVENT_THROTTLED = 102,
  QNET_EVENT_UNTHROTTLED = 103,
  QNET_EVENT_OPERATION_FAILED = 104,
  QNET_EVENT_HTTP_RESPONSE_COMPLETE = 105,
  QNET_EVENT_FTP_TRANSFER_COMPLETE = 106,
} QnetEventCode;

/**
 * QnetEventSource:
 * @QNET_EVENT_SOURCE_SOCKET: raised by the socket layer
 * @QNET_EVENT_SOURCE_HTTP_CLIENT: raised by the HTTP client layer
 * @QNET_EVENT_SOURCE_FTP_CLIENT: raised by the FTP client layer
 * @QNET_EVENT_SOURCE_FILE: raised by a file
 *
 * The layer that raised an event (Qore's `SOURCE_*` constants).
 *
 * Since: 1.0
 */
typedef enum {
  QNET_EVENT_SOURCE_SOCKET = 1,
  QNET_EVENT_SOURCE_HTTP_CLIENT = 2,
  QNET_EVENT_SOURCE_FTP_CLIENT = 3,
  QNET_EVENT_SOURCE_FILE = 4,
} QnetEventSource;

/**
 * QnetSocketState:
 * @QNET_SOCKET_STATE_UNCONNECTED: not connected
 * @QNET_SOCKET_STATE_HOST_LOOKUP: resolving the host name
 * @QNET_SOCKET_STATE_CONNECTING: a connection attempt is under way
 * @QNET_SOCKET_STATE_CONNECTED: connected to a peer
 * @QNET_SOCKET_STATE_BOUND: bound to a local address
 * @QNET_SOCKET_STATE_LISTENING: listening for connections
 * @QNET_SOCKET_STATE_CLOSING: being closed
 *
 * The state of a [class@Qnet.Socket].
 *
 * Since: 1.0
 */
typedef enum {
  QNET_SOCKET_STATE_UNCONNECTED,
  QNET_SOCKET_STATE_HOST_LOOKUP,
  QNET_SOCKET_STATE_CONNECTING,
  QNET_SOCKET_STATE_CONNECTED,
  QNET_SOCKET_STATE_BOUND,
  QNET_SOCKET_STATE_LISTENING,
  QNET_SOCKET_STATE_CLOSING,
} QnetSocketState;

/**
 * QnetFtpMode:
 * @QNET_FTP_MODE_AUTO: try EPSV, then PASV, then PORT
 * @QNET_FTP_MODE_EPSV: extended passive mode only
 * @QNET_FTP_MODE_PASV: passive mode only
 * @QNET_FTP_MODE_PORT: active mode only
 *
 * How an FTP client opens data connections.
 *
 * Since: 1.0
 */
typedef enum {
  QNET_FTP_MODE_AUTO,
  QNET_FTP_MODE_EPSV,
  QNET_FTP_MODE_PASV,
  QNET_FTP_MODE_PORT,
} QnetFtpMode;

/**
 * QnetFileOpenFlags:
 * @QNET_FILE_OPEN_READ: open for reading
 * @QNET_FILE_OPEN_WRITE: open for writing
 * @QNET_FILE_OPEN_CREATE: create the file if it does not exist
 * @QNET_FILE_OPEN_TRUNCATE: truncate the file to zero length
 * @QNET_FILE_OPEN_APPEND: every write appends to the end
 * @QNET_FILE_OPEN_EXCLUSIVE: with @QNET_FILE_OPEN_CREATE, fail if the file exists
 *
 * Flags for [method@Qnet.File.open]. No flags at all means
 * @QNET_FILE_OPEN_READ.
 *
 * Since: 1.0
 */
typedef enum /*< flags >*/ {
  QNET_FILE_OPEN_READ = 1 << 0,
  QNET_FILE_OPEN_WRITE = 1 << 1,
  QNET_FILE_OPEN_CREATE = 1 << 2,
  QNET_FILE_OPEN_TRUNCATE = 1 << 3,
  QNET_FILE_OPEN_APPEND = 1 << 4,
  QNET_FILE_OPEN_EXCLUSIVE = 1 << 5,
} QnetFileOpenFlags;

G_END_DECLS
