/* qnet-socket-tls-private.h: what QnetSocket's TLS files share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * qnet-socket-tls.c (settings, queries, reads and writes),
 * qnet-socket-tls-handshake.c (the handshake and close_notify machines)
 * and qnet-socket-tls-calls.c (the public operations). What the rest of
 * the socket and subclasses use is in qnet-socket-private.h.
 */

#pragma once

#include "qnet-socket-private.h"
#include "io/qnet-tls-stream.h"

G_BEGIN_DECLS

/* The TLS session of a secure socket, or NULL. (transfer none) */
QnetTlsStream  *_qnet_socket_get_tls                    (QnetSocket          *self);
/* Checks that @path holds at least one certificate (PEM, or one DER). */
gboolean        _qnet_socket_tls_check_ca_file          (const char          *path,
                                                         GError             **error);
/* A failed flush or close_notify broke the connection, unless it only
 * timed out or was cancelled. */
gboolean        _qnet_socket_tls_error_is_fatal         (const GError        *error);
/* Raises accept-certificate: TRUE when a handler accepted @peer. */
gboolean        _qnet_socket_tls_emit_accept_certificate (QnetSocket         *self,
                                                         QnetTlsCertificate  *peer,
                                                         const char          *code);

/* Certificate, key and CA file usable for @mode (a server needs an
 * identity); the errors name the target. */
gboolean        _qnet_socket_tls_check_settings         (QnetSocket          *self,
                                                         QnetTlsStreamMode    mode,
                                                         GError             **error);

/* How a handshake ends: @error (transfer full) is NULL on success. */
typedef void (*QnetSocketTlsDone) (QnetSocket *self,
                                   GError     *error,
                                   gpointer    data);

/* Starts TLS on the connected socket @self; @done runs exactly once (it
 * may run before this returns). @server_identity: client side, NULL for
 * the default (server-name, the host connected to, the numeric address,
 * "localhost" over UNIX). @timeout_ms: -1 for the timeout property. */
void            _qnet_socket_tls_start                  (QnetSocket          *self,
                                                         QnetTlsStreamMode    mode,
                                                         const char          *server_identity,
                                                         gint                 timeout_ms,
                                                         GCancellable        *cancellable,
                                                         QnetSocketTlsDone    done,
                                                         gpointer             data);
/* A QnetSocketTlsDone that ends the QnetSocketCall @data (TRUE or the
 * error). */
void            _qnet_socket_tls_call_done              (QnetSocket          *self,
                                                         GError              *error,
                                                         gpointer             data);
/* shutdown_ssl: writes what is queued, then close_notify; ends @call. */
void            _qnet_socket_tls_shutdown_start         (QnetSocket          *self,
                                                         QnetSocketCall      *call);

G_END_DECLS
