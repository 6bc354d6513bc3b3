/* qnet-error.h: error domains of libqnet
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <glib.h>

#include "qnet-version.h"

G_BEGIN_DECLS

/**
 * QNET_SOCKET_ERROR:
 *
 * Error domain for socket operations. Errors in this domain are from the
 * [error@Qnet.SocketError] enumeration.
 *
 * Since: 1.0
 */
#define QNET_SOCKET_ERROR (qnet_socket_error_quark ())

/**
 * QNET_TLS_ERROR:
 *
 * Error domain for TLS. Errors in this domain are from the
 * [error@Qnet.TlsError] enumeration.
 *
 * Since: 1.0
 */
#define QNET_TLS_ERROR (qnet_tls_error_quark ())

/**
 * QNET_HTTP_ERROR:
 *
 * Error domain for the HTTP client. Errors in this domain are from the
 * [error@Qnet.HttpError] enumeration.
 *
 * Since: 1.0
 */
#define QNET_HTTP_ERROR (qnet_http_error_quark ())

/**
 * QNET_FTP_ERROR:
 *
 * Error domain for the FTP client. Errors in this domain are from the
 * [error@Qnet.FtpError] enumeration.
 *
 * Since: 1.0
 */
#define QNET_FTP_ERROR (qnet_ftp_error_quark ())

/**
 * QNET_FILE_ERROR:
 *
 * Error domain for files. Errors in this domain are from the
 * [error@Qnet.FileError] enumeration.
 *
 * Since: 1.0
 */
#define QNET_FILE_ERROR (qnet_file_error_quark ())

/**
 * QnetSocketError:
 * @QNET_SOCKET_ERROR_FAILED: generic failure
 * @QNET_SOCKET_ERROR_CONNECT: could not connect (Qore `SOCKET-CONNECT-ERROR`)
 * @QNET_SOCKET_ERROR_LOOKUP: the host name could not be resolved
 * @QNET_SOCKET_ERROR_BIND: could not bind (`SOCKET-BIND-ERROR`)
 * @QNET_SOCKET_ERROR_LISTEN: could not listen
 * @QNET_SOCKET_ERROR_ACCEPT: could not accept
 * @QNET_SOCKET_ERROR_SEND: sending failed (`SOCKET-SEND-ERROR`)
 * @QNET_SOCKET_ERROR_RECV: receiving failed (`SOCKET-RECV-ERROR`)
 * @QNET_SOCKET_ERROR_CLOSED: the peer closed the connection (`SOCKET-CLOSED`)
 * @QNET_SOCKET_ERROR_NOT_OPEN: the socket is not open (`SOCKET-NOT-OPEN`)
 * @QNET_SOCKET_ERROR_INVALID_ADDRESS: the address string is not valid
 * @QNET_SOCKET_ERROR_ENCODING: text could not be converted to or from the socket's charset
 * @QNET_SOCKET_ERROR_HTTP: an HTTP message read by a socket helper is malformed
 * @QNET_SOCKET_ERROR_RECORD_TOO_LARGE: a record exceeded the caller's maximum size
 *
 * Error codes in the %QNET_SOCKET_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum {
  QNET_SOCKET_ERROR_FAILED,
  QNET_SOCKET_ERROR_CONNECT,
  QNET_SOCKET_ERROR_LOOKUP,
  QNET_SOCKET_ERROR_BIND,
  QNET_SOCKET_ERROR_LISTEN,
  QNET_SOCKET_ERROR_ACCEPT,
  QNET_SOCKET_ERROR_SEND,
  QNET_SOCKET_ERROR_RECV,
  QNET_SOCKET_ERROR_CLOSED,
  QNET_SOCKET_ERROR_NOT_OPEN,
  QNET_SOCKET_ERROR_INVALID_ADDRESS,
  QNET_SOCKET_ERROR_ENCODING,
  QNET_SOCKET_ERROR_HTTP,
  QNET_SOCKET_ERROR_RECORD_TOO_LARGE,
} QnetSocketError;

/**
 * QnetTlsError:
 * @QNET_TLS_ERROR_FAILED: generic TLS failure
 * @QNET_TLS_ERROR_HANDSHAKE: the handshake failed
 * @QNET_TLS_ERROR_CERTIFICATE: the peer's certificate is not trusted
 * @QNET_TLS_ERROR_TRUNCATED: the peer closed without sending close_notify
 * @QNET_TLS_ERROR_INVALID_CERTIFICATE: certificate data could not be parsed
 * @QNET_TLS_ERROR_INVALID_KEY: private key data could not be parsed or decrypted
 * @QNET_TLS_ERROR_NOT_SECURE: a TLS operation was asked of a plain connection
 *
 * Error codes in the %QNET_TLS_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum {
  QNET_TLS_ERROR_FAILED,
  QNET_TLS_ERROR_HANDSHAKE,
  QNET_TLS_ERROR_CERTIFICATE,
  QNET_TLS_ERROR_TRUNCATED,
  QNET_TLS_ERROR_INVALID_CERTIFICATE,
  QNET_TLS_ERROR_INVALID_KEY,
  QNET_TLS_ERROR_NOT_SECURE,
} QnetTlsError;

/**
 * QnetHttpError:
 * @QNET_HTTP_ERROR_FAILED: generic failure
 * @QNET_HTTP_ERROR_STATUS: the server answered with a status of 400 or more
 * @QNET_HTTP_ERROR_MAX_REDIRECTS: more redirects than `max-redirects`
 *   (`HTTP-CLIENT-MAXIMUM-REDIRECTS-EXCEEDED`)
 * @QNET_HTTP_ERROR_REDIRECT: a redirect could not be followed
 * @QNET_HTTP_ERROR_BAD_RESPONSE: the response head is malformed
 * @QNET_HTTP_ERROR_HEADER_TOO_LARGE: a header line or block exceeds the limits
 * @QNET_HTTP_ERROR_BAD_CHUNK: the chunked body is malformed
 * @QNET_HTTP_ERROR_BAD_CONTENT_LENGTH: the `Content-Length` is invalid or ambiguous
 * @QNET_HTTP_ERROR_TRUNCATED: the body ended before its announced end
 * @QNET_HTTP_ERROR_DECODE: a content coding could not be decoded
 * @QNET_HTTP_ERROR_TOO_MANY_INTERIM: too many 1xx interim responses
 * @QNET_HTTP_ERROR_INVALID_URL: the URL is malformed
 * @QNET_HTTP_ERROR_UNSUPPORTED_SCHEME: the URL scheme is not supported
 * @QNET_HTTP_ERROR_PROXY: the proxy refused the request
 *
 * Error codes in the %QNET_HTTP_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum {
  QNET_HTTP_ERROR_FAILED,
  QNET_HTTP_ERROR_STATUS,
  QNET_HTTP_ERROR_MAX_REDIRECTS,
  QNET_HTTP_ERROR_REDIRECT,
  QNET_HTTP_ERROR_BAD_RESPONSE,
  QNET_HTTP_ERROR_HEADER_TOO_LARGE,
  QNET_HTTP_ERROR_BAD_CHUNK,
  QNET_HTTP_ERROR_BAD_CONTENT_LENGTH,
  QNET_HTTP_ERROR_TRUNCATED,
  QNET_HTTP_ERROR_DECODE,
  QNET_HTTP_ERROR_TOO_MANY_INTERIM,
  QNET_HTTP_ERROR_INVALID_URL,
  QNET_HTTP_ERROR_UNSUPPORTED_SCHEME,
  QNET_HTTP_ERROR_PROXY,
} QnetHttpError;

/**
 * QnetFtpError:
 * @QNET_FTP_ERROR_FAILED: generic failure
 * @QNET_FTP_ERROR_LOGIN: the server refused the login
 * @QNET_FTP_ERROR_BAD_REPLY: a reply is malformed or too large
 * @QNET_FTP_ERROR_RESPONSE: the server answered a command with an error code
 * @QNET_FTP_ERROR_DATA: the data connection could not be established
 * @QNET_FTP_ERROR_INVALID_URL: the URL is malformed
 *
 * Error codes in the %QNET_FTP_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum {
  QNET_FTP_ERROR_FAILED,
  QNET_FTP_ERROR_LOGIN,
  QNET_FTP_ERROR_BAD_REPLY,
  QNET_FTP_ERROR_RESPONSE,
  QNET_FTP_ERROR_DATA,
  QNET_FTP_ERROR_INVALID_URL,
} QnetFtpError;

/**
 * QnetFileError:
 * @QNET_FILE_ERROR_FAILED: generic failure
 * @QNET_FILE_ERROR_OPEN: the file could not be opened (`FILE-OPEN2-ERROR`)
 * @QNET_FILE_ERROR_NOT_OPEN: the operation needs an open file
 * @QNET_FILE_ERROR_READ: reading failed (`FILE-READ-ERROR`)
 * @QNET_FILE_ERROR_WRITE: writing failed (`FILE-WRITE-ERROR`)
 * @QNET_FILE_ERROR_OPERATION: seeking, syncing or stat failed (`FILE-OPERATION-ERROR`)
 * @QNET_FILE_ERROR_LOCK: locking failed (`FILE-LOCK-ERROR`)
 * @QNET_FILE_ERROR_INVALID_ENCODING: the encoding name is unknown
 * @QNET_FILE_ERROR_ENCODING: text could not be converted (`ENCODING-CONVERSION-ERROR`)
 *
 * Error codes in the %QNET_FILE_ERROR domain. Errors that come straight
 * from the operating system (no such file, permission denied, no space)
 * use %G_IO_ERROR, as GIO does.
 *
 * Since: 1.0
 */
typedef enum {
  QNET_FILE_ERROR_FAILED,
  QNET_FILE_ERROR_OPEN,
  QNET_FILE_ERROR_NOT_OPEN,
  QNET_FILE_ERROR_READ,
  QNET_FILE_ERROR_WRITE,
  QNET_FILE_ERROR_OPERATION,
  QNET_FILE_ERROR_LOCK,
  QNET_FILE_ERROR_INVALID_ENCODING,
  QNET_FILE_ERROR_ENCODING,
} QnetFileError;

QNET_AVAILABLE_IN_1_0
GQuark qnet_socket_error_quark (void);
QNET_AVAILABLE_IN_1_0
GQuark qnet_tls_error_quark (void);
QNET_AVAILABLE_IN_1_0
GQuark qnet_http_error_quark (void);
QNET_AVAILABLE_IN_1_0
GQuark qnet_ftp_error_quark (void);
QNET_AVAILABLE_IN_1_0
GQuark qnet_file_error_quark (void);

G_END_DECLS
