/* qnet-socket-tls-calls.c: QnetSocket's public TLS operations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * connect_ssl and its inet and unix forms (a connect, then the client
 * handshake), upgrade_client_to_ssl and upgrade_server_to_ssl (STARTTLS),
 * accept_ssl (an accept, then the server handshake on the connection) and
 * shutdown_ssl, each blocking and asynchronous over one QnetSocketCall
 * (qnet-socket-tls-handshake.c holds the machines).
 */

#include "config.h"

#include "qnet-error.h"
#include "qnet-socket-tls-private.h"

/* The TLS forms of connect check the settings before connecting. */
static gboolean
connect_settings_ok (QnetSocket     *self,
                     QnetSocketCall *call)
{
  GError *error = NULL;

  if (_qnet_socket_tls_check_settings (self, QNET_TLS_STREAM_CLIENT, &error))
    return TRUE;
  _qnet_socket_call_return_error (call, error);
  return FALSE;
}

/**
 * qnet_socket_connect_ssl:
 * @self: a #QnetSocket
 * @dest: the destination, as for [method@Qnet.Socket.connect_to]
 * @timeout_ms: the limit for the connect and the handshake together in
 *   milliseconds: -1 for [property@Qnet.Socket:connect-timeout] (when that
 *   is -1, the handshake is bounded by [property@Qnet.Socket:timeout]), 0
 *   to fail unless it completes at once
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects to @dest, then runs a TLS client handshake (Qore's
 * `Socket::connectSSL()`). Raises the events of
 * [method@Qnet.Socket.connect_to], then `start-ssl` and, on success,
 * `ssl-established` with the cipher suite and the protocol version.
 *
 * The server's certificate is verified against the system trust store and
 * [method@Qnet.Socket.set_ca_file], and must match the host name connected
 * to (or [property@Qnet.Socket:server-name]), which is also sent as SNI.
 * When it does not verify, [signal@Qnet.Socket::accept-certificate] may
 * accept it; otherwise the handshake fails with
 * %QNET_TLS_ERROR_CERTIFICATE, whose message gives the reason and the
 * OpenSSL-style code. A client certificate is presented when
 * [property@Qnet.Socket:certificate] and
 * [property@Qnet.Socket:private-key] are set. A failed handshake closes
 * the connection (`channel-closed`) and raises `operation-failed`, never
 * `ssl-established`; it fails with %QNET_TLS_ERROR_HANDSHAKE (the reason
 * in the message), %QNET_TLS_ERROR_CERTIFICATE, %G_IO_ERROR_TIMED_OUT or
 * %G_IO_ERROR_CANCELLED.
 *
 * Returns: %TRUE when connected with TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_ssl (QnetSocket    *self,
                         const char    *dest,
                         gint           timeout_ms,
                         GCancellable  *cancellable,
                         GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "connect_ssl", cancellable);
  if (connect_settings_ok (self, call))
    _qnet_socket_connect_dest_start (self, call, dest, timeout_ms, TRUE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_connect_ssl_async:
 * @self: a #QnetSocket
 * @dest: the destination, as for [method@Qnet.Socket.connect_to]
 * @timeout_ms: the limit, as for [method@Qnet.Socket.connect_ssl]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when connected with TLS, or on failure
 * @user_data: data for @callback
 *
 * Starts connecting with TLS; see [method@Qnet.Socket.connect_ssl].
 *
 * Since: 1.0
 */
void
qnet_socket_connect_ssl_async (QnetSocket          *self,
                               const char          *dest,
                               gint                 timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (dest != NULL);

  call = _qnet_socket_call_new_async (self, "connect_ssl", cancellable, callback, user_data,
                                      qnet_socket_connect_ssl_async);
  if (connect_settings_ok (self, call))
    _qnet_socket_connect_dest_start (self, call, dest, timeout_ms, TRUE);
}

/**
 * qnet_socket_connect_ssl_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.connect_ssl_async].
 *
 * Returns: %TRUE when connected with TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_ssl_finish (QnetSocket    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_connect_ssl_async, error) != 0;
}

/**
 * qnet_socket_connect_inet_ssl:
 * @self: a #QnetSocket
 * @host: a host name or a numeric address (IPv6 without brackets)
 * @service: a port number or a service name
 * @family: %G_SOCKET_FAMILY_IPV4 or %G_SOCKET_FAMILY_IPV6 to restrict the
 *   resolution, %G_SOCKET_FAMILY_INVALID for any
 * @timeout_ms: the limit, as for [method@Qnet.Socket.connect_ssl]
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects to @host and @service, then runs a TLS client handshake
 * (Qore's `Socket::connectINETSSL()`), with the events and the
 * verification of [method@Qnet.Socket.connect_ssl].
 *
 * Returns: %TRUE when connected with TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_inet_ssl (QnetSocket     *self,
                              const char     *host,
                              const char     *service,
                              GSocketFamily   family,
                              gint            timeout_ms,
                              GCancellable   *cancellable,
                              GError        **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (service != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "connect_inet_ssl", cancellable);
  if (connect_settings_ok (self, call))
    _qnet_socket_connect_inet_start (self, call, host, service, family, timeout_ms, TRUE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_connect_inet_ssl_async:
 * @self: a #QnetSocket
 * @host: a host name or a numeric address
 * @service: a port number or a service name
 * @family: the address family to restrict the resolution to, or
 *   %G_SOCKET_FAMILY_INVALID
 * @timeout_ms: the limit, as for [method@Qnet.Socket.connect_ssl]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when connected with TLS, or on failure
 * @user_data: data for @callback
 *
 * Starts connecting with TLS; see [method@Qnet.Socket.connect_inet_ssl].
 *
 * Since: 1.0
 */
void
qnet_socket_connect_inet_ssl_async (QnetSocket          *self,
                                    const char          *host,
                                    const char          *service,
                                    GSocketFamily        family,
                                    gint                 timeout_ms,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (service != NULL);

  call = _qnet_socket_call_new_async (self, "connect_inet_ssl", cancellable, callback, user_data,
                                      qnet_socket_connect_inet_ssl_async);
  if (connect_settings_ok (self, call))
    _qnet_socket_connect_inet_start (self, call, host, service, family, timeout_ms, TRUE);
}

/**
 * qnet_socket_connect_inet_ssl_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.connect_inet_ssl_async].
 *
 * Returns: %TRUE when connected with TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_inet_ssl_finish (QnetSocket    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_connect_inet_ssl_async, error) != 0;
}

/**
 * qnet_socket_connect_unix_ssl:
 * @self: a #QnetSocket
 * @path: the path of a UNIX socket file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects to a UNIX socket, then runs a TLS client handshake (Qore's
 * `Socket::connectUNIXSSL()`), both within
 * [property@Qnet.Socket:connect-timeout] (when that is -1, the handshake is
 * bounded by [property@Qnet.Socket:timeout]). The server's certificate
 * must match [property@Qnet.Socket:server-name], or `"localhost"` when
 * that is unset; otherwise as [method@Qnet.Socket.connect_ssl].
 *
 * Returns: %TRUE when connected with TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_unix_ssl (QnetSocket    *self,
                              const char    *path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "connect_unix_ssl", cancellable);
  if (connect_settings_ok (self, call))
    _qnet_socket_connect_unix_start (self, call, path, TRUE);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_connect_unix_ssl_async:
 * @self: a #QnetSocket
 * @path: the path of a UNIX socket file
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when connected with TLS, or on failure
 * @user_data: data for @callback
 *
 * Starts connecting with TLS; see [method@Qnet.Socket.connect_unix_ssl].
 *
 * Since: 1.0
 */
void
qnet_socket_connect_unix_ssl_async (QnetSocket          *self,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (path != NULL);

  call = _qnet_socket_call_new_async (self, "connect_unix_ssl", cancellable, callback, user_data,
                                      qnet_socket_connect_unix_ssl_async);
  if (connect_settings_ok (self, call))
    _qnet_socket_connect_unix_start (self, call, path, TRUE);
}

/**
 * qnet_socket_connect_unix_ssl_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.connect_unix_ssl_async].
 *
 * Returns: %TRUE when connected with TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_connect_unix_ssl_finish (QnetSocket    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_connect_unix_ssl_async, error) != 0;
}

/**
 * qnet_socket_upgrade_client_to_ssl:
 * @self: a connected #QnetSocket
 * @timeout_ms: the limit for the handshake in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 to fail unless it completes at once
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Starts TLS as the client on a plain connection (STARTTLS; Qore's
 * `Socket::upgradeClientToSSL()`): raises `start-ssl`, runs the handshake
 * with the verification of [method@Qnet.Socket.connect_ssl], and raises
 * `ssl-established`. Bytes already received but not yet read are part of
 * the handshake: the plain exchange before must have ended with the
 * server's last plaintext message read. No receive or send may be in
 * progress, and push mode must be off.
 *
 * Returns: %TRUE when the connection runs TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_upgrade_client_to_ssl (QnetSocket    *self,
                                   gint           timeout_ms,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "upgrade_client_to_ssl", cancellable);
  _qnet_socket_tls_start (self, QNET_TLS_STREAM_CLIENT, NULL, timeout_ms, cancellable,
                          _qnet_socket_tls_call_done, call);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_upgrade_client_to_ssl_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the limit, as for [method@Qnet.Socket.upgrade_client_to_ssl]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the handshake ended
 * @user_data: data for @callback
 *
 * Starts TLS as the client; see [method@Qnet.Socket.upgrade_client_to_ssl].
 *
 * Since: 1.0
 */
void
qnet_socket_upgrade_client_to_ssl_async (QnetSocket          *self,
                                         gint                 timeout_ms,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "upgrade_client_to_ssl", cancellable, callback, user_data,
                                      qnet_socket_upgrade_client_to_ssl_async);
  _qnet_socket_tls_start (self, QNET_TLS_STREAM_CLIENT, NULL, timeout_ms, cancellable,
                          _qnet_socket_tls_call_done, call);
}

/**
 * qnet_socket_upgrade_client_to_ssl_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.upgrade_client_to_ssl_async].
 *
 * Returns: %TRUE when the connection runs TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_upgrade_client_to_ssl_finish (QnetSocket    *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_upgrade_client_to_ssl_async, error) != 0;
}

/**
 * qnet_socket_upgrade_server_to_ssl:
 * @self: a connected #QnetSocket (usually an accepted one)
 * @timeout_ms: the limit for the handshake in milliseconds: -1 for
 *   [property@Qnet.Socket:timeout], 0 to fail unless it completes at once
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Starts TLS as the server on a plain connection (STARTTLS; Qore's
 * `Socket::upgradeServerToSSL()`) with [property@Qnet.Socket:certificate]
 * and [property@Qnet.Socket:private-key] (an accepted socket inherits them
 * from the listening one), asking for a client certificate when
 * [property@Qnet.Socket:require-client-certificate] is set. Raises
 * `start-ssl` and, on success, `ssl-established`; a failure closes the
 * connection. Bytes already received but not yet read are part of the
 * handshake.
 *
 * Returns: %TRUE when the connection runs TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_upgrade_server_to_ssl (QnetSocket    *self,
                                   gint           timeout_ms,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "upgrade_server_to_ssl", cancellable);
  _qnet_socket_tls_start (self, QNET_TLS_STREAM_SERVER, NULL, timeout_ms, cancellable,
                          _qnet_socket_tls_call_done, call);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_upgrade_server_to_ssl_async:
 * @self: a connected #QnetSocket
 * @timeout_ms: the limit, as for [method@Qnet.Socket.upgrade_server_to_ssl]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the handshake ended
 * @user_data: data for @callback
 *
 * Starts TLS as the server; see [method@Qnet.Socket.upgrade_server_to_ssl].
 *
 * Since: 1.0
 */
void
qnet_socket_upgrade_server_to_ssl_async (QnetSocket          *self,
                                         gint                 timeout_ms,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "upgrade_server_to_ssl", cancellable, callback, user_data,
                                      qnet_socket_upgrade_server_to_ssl_async);
  _qnet_socket_tls_start (self, QNET_TLS_STREAM_SERVER, NULL, timeout_ms, cancellable,
                          _qnet_socket_tls_call_done, call);
}

/**
 * qnet_socket_upgrade_server_to_ssl_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.upgrade_server_to_ssl_async].
 *
 * Returns: %TRUE when the connection runs TLS
 *
 * Since: 1.0
 */
gboolean
qnet_socket_upgrade_server_to_ssl_finish (QnetSocket    *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_upgrade_server_to_ssl_async, error) != 0;
}

/**
 * qnet_socket_accept_ssl:
 * @self: a listening #QnetSocket
 * @timeout_ms: the limit for waiting for a connection and its handshake
 *   together, in milliseconds: -1 for [property@Qnet.Socket:timeout], 0 not
 *   to wait
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Accepts a connection as [method@Qnet.Socket.accept] does
 * (`incoming-connection` on @self), then runs the TLS server handshake on
 * it (Qore's `Socket::acceptSSL()`) with the certificate and key of @self,
 * which the connection inherits with the other TLS settings. `start-ssl`
 * and `ssl-established` are raised on the new connection (connect to them
 * from an `incoming-connection` handler). When the handshake fails, the
 * connection is closed and dropped and the call fails (with
 * `operation-failed` on @self).
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL when none
 *   came within @timeout_ms (no error) or on error
 *
 * Since: 1.0
 */
QnetSocket *
qnet_socket_accept_ssl (QnetSocket    *self,
                        gint           timeout_ms,
                        GCancellable  *cancellable,
                        GError       **error)
{
  QnetSocketCall *call;
  GError *settings_error = NULL;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  call = _qnet_socket_call_new_sync (self, "accept_ssl", cancellable);
  if (_qnet_socket_tls_check_settings (self, QNET_TLS_STREAM_SERVER, &settings_error))
    _qnet_socket_accept_start (self, call, timeout_ms, TRUE);
  else
    _qnet_socket_call_return_error (call, settings_error);
  return _qnet_socket_call_wait_pointer (call, error);
}

/**
 * qnet_socket_accept_ssl_async:
 * @self: a listening #QnetSocket
 * @timeout_ms: the limit, as for [method@Qnet.Socket.accept_ssl]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the connection
 * @user_data: data for @callback
 *
 * Starts accepting one TLS connection; see [method@Qnet.Socket.accept_ssl].
 *
 * Since: 1.0
 */
void
qnet_socket_accept_ssl_async (QnetSocket          *self,
                              gint                 timeout_ms,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  QnetSocketCall *call;
  GError *error = NULL;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "accept_ssl", cancellable, callback, user_data,
                                      qnet_socket_accept_ssl_async);
  if (_qnet_socket_tls_check_settings (self, QNET_TLS_STREAM_SERVER, &error))
    _qnet_socket_accept_start (self, call, timeout_ms, TRUE);
  else
    _qnet_socket_call_return_error (call, error);
}

/**
 * qnet_socket_accept_ssl_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.accept_ssl_async].
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL on timeout
 *   or error
 *
 * Since: 1.0
 */
QnetSocket *
qnet_socket_accept_ssl_finish (QnetSocket    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _qnet_socket_call_finish_pointer (self, result, qnet_socket_accept_ssl_async, error);
}

/**
 * qnet_socket_shutdown_ssl:
 * @self: a #QnetSocket running TLS
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Ends the TLS session cleanly (Qore's `Socket::shutdownSSL()`): writes
 * what is still queued, then sends close_notify, within
 * [property@Qnet.Socket:timeout]. The TCP connection stays open: the peer
 * sees the end of the TLS stream and answers with its own close_notify,
 * which ends the socket's reads. Sends fail afterwards. The socket stays
 * secure until it is closed. Fails with %QNET_TLS_ERROR_NOT_SECURE on a
 * plain connection.
 *
 * Returns: %TRUE when close_notify was sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_shutdown_ssl (QnetSocket    *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  QnetSocketCall *call;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = _qnet_socket_call_new_sync (self, "shutdown_ssl", cancellable);
  _qnet_socket_tls_shutdown_start (self, call);
  return _qnet_socket_call_wait_int (call, error) != 0;
}

/**
 * qnet_socket_shutdown_ssl_async:
 * @self: a #QnetSocket running TLS
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when close_notify was sent, or on
 *   failure
 * @user_data: data for @callback
 *
 * Starts ending the TLS session; see [method@Qnet.Socket.shutdown_ssl].
 *
 * Since: 1.0
 */
void
qnet_socket_shutdown_ssl_async (QnetSocket          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  QnetSocketCall *call;

  g_return_if_fail (QNET_IS_SOCKET (self));

  call = _qnet_socket_call_new_async (self, "shutdown_ssl", cancellable, callback, user_data,
                                      qnet_socket_shutdown_ssl_async);
  _qnet_socket_tls_shutdown_start (self, call);
}

/**
 * qnet_socket_shutdown_ssl_finish:
 * @self: a #QnetSocket
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.Socket.shutdown_ssl_async].
 *
 * Returns: %TRUE when close_notify was sent
 *
 * Since: 1.0
 */
gboolean
qnet_socket_shutdown_ssl_finish (QnetSocket    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _qnet_socket_call_finish_int (self, result, qnet_socket_shutdown_ssl_async, error) != 0;
}
