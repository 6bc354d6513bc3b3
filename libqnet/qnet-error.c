/* qnet-error.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "qnet-error.h"

/**
 * qnet_socket_error_quark:
 *
 * Gets the error domain of socket errors.
 *
 * Returns: the %QNET_SOCKET_ERROR quark
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (qnet-socket-error-quark, qnet_socket_error)

/**
 * qnet_tls_error_quark:
 *
 * Gets the error domain of TLS errors.
 *
 * Returns: the %QNET_TLS_ERROR quark
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (qnet-tls-error-quark, qnet_tls_error)

/**
 * qnet_http_error_quark:
 *
 * Gets the error domain of HTTP client errors.
 *
 * Returns: the %QNET_HTTP_ERROR quark
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (qnet-http-error-quark, qnet_http_error)

/**
 * qnet_ftp_error_quark:
 *
 * Gets the error domain of FTP client errors.
 *
 * Returns: the %QNET_FTP_ERROR quark
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (qnet-ftp-error-quark, qnet_ftp_error)

/**
 * qnet_file_error_quark:
 *
 * Gets the error domain of file errors.
 *
 * Returns: the %QNET_FILE_ERROR quark
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (qnet-file-error-quark, qnet_file_error)
