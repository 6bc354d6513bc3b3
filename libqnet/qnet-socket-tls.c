/* qnet-socket-tls.c: QnetSocket over TLS: settings, queries, reads and writes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The TLS session is a QnetTlsStream (io/) over the connected
 * GSocketConnection; once its handshake succeeded
 * (qnet-socket-tls-handshake.c) it replaces the connection as the stream
 * every read and write goes through, so every socket event keeps working
 * and counts plaintext bytes. This file holds the TLS properties and the
 * accept-certificate signal, the queries, and what reads and writes need
 * over TLS: the close_notify policy and writing out ciphertext the
 * session held back. The public operations are in qnet-socket-tls-calls.c.
 */

#include "config.h"

#include <gnutls/x509.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-socket-tls-private.h"
#include "qnet-tls-certificate-private.h"
/* qnet_tls_stream_flush_async(): pending ciphertext after a write. */
#include "io/qnet-tls-stream.h"

/* A CA file larger than this is refused (the TLS session's own limit). */
#define QNET_SOCKET_TLS_MAX_CA_FILE (16 * 1024 * 1024)

enum {
  SIGNAL_ACCEPT_CERTIFICATE,
  N_TLS_SIGNALS
};

static GParamSpec *tls_properties[QNET_SOCKET_TLS_N_PROPS];
static guint tls_signals[N_TLS_SIGNALS];

static inline QnetSocketPrivate *
get_priv (QnetSocket *self)
{
  return _qnet_socket_get_private (self);
}

QnetTlsStream *
_qnet_socket_get_tls (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (!priv->secure || priv->stream == NULL || !QNET_IS_TLS_STREAM (priv->stream))
    return NULL;
  return QNET_TLS_STREAM (priv->stream);
}

static void
notify_tls (QnetSocket        *self,
            QnetSocketTlsProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), tls_properties[prop]);
}

gboolean
_qnet_socket_tls_emit_accept_certificate (QnetSocket         *self,
                                          QnetTlsCertificate *peer,
                                          const char         *code)
{
  gboolean accepted = FALSE;

  g_signal_emit (self, tls_signals[SIGNAL_ACCEPT_CERTIFICATE], 0, peer, code, &accepted);
  return accepted;
}

/* ---- Object plumbing ------------------------------------------------------------ */

void
_qnet_socket_tls_class_init (QnetSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * QnetSocket:certificate: (getter get_certificate) (setter set_certificate)
   *
   * The socket's own certificate (with its issuers): required on the
   * server side ([method@Qnet.Socket.accept_ssl],
   * [method@Qnet.Socket.upgrade_server_to_ssl]), a client certificate on
   * the client side. It needs [property@Qnet.Socket:private-key].
   *
   * Since: 1.0
   */
  tls_properties[QNET_SOCKET_PROP_CERTIFICATE] =
    g_param_spec_object ("certificate", NULL, NULL, QNET_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:private-key: (getter get_private_key) (setter set_private_key)
   *
   * The private key of [property@Qnet.Socket:certificate].
   *
   * Since: 1.0
   */
  tls_properties[QNET_SOCKET_PROP_PRIVATE_KEY] =
    g_param_spec_object ("private-key", NULL, NULL, QNET_TYPE_TLS_PRIVATE_KEY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:verify-peer: (getter get_verify_peer) (setter set_verify_peer)
   *
   * Whether a peer certificate that does not verify fails the handshake
   * (after [signal@Qnet.Socket::accept-certificate] had its say). On by
   * default: a client checks the server's certificate against the system
   * trust store and [method@Qnet.Socket.set_ca_file], and its host name.
   * On the server side it applies to the client certificate that
   * [property@Qnet.Socket:require-client-certificate] asks for. The
   * verification code ([method@Qnet.Socket.verify_peer_certificate]) is
   * computed either way.
   *
   * Since: 1.0
   */
  tls_properties[QNET_SOCKET_PROP_VERIFY_PEER] =
    g_param_spec_boolean ("verify-peer", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:server-name: (getter get_server_name) (setter set_server_name)
   *
   * The name the server's certificate must match, also sent as SNI (unless
   * it is an IP address). %NULL (the default) uses the host name connected
   * to, else the numeric address connected to, and `"localhost"` over a
   * UNIX socket.
   *
   * Since: 1.0
   */
  tls_properties[QNET_SOCKET_PROP_SERVER_NAME] =
    g_param_spec_string ("server-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:require-client-certificate: (getter get_require_client_certificate) (setter set_require_client_certificate)
   *
   * Server side: whether the client must present a certificate. It is
   * verified against the system trust store and
   * [method@Qnet.Socket.set_ca_file] (see
   * [property@Qnet.Socket:verify-peer]) and is then
   * [method@Qnet.Socket.get_peer_certificate]. Off by default: no client
   * certificate is asked for.
   *
   * Since: 1.0
   */
  tls_properties[QNET_SOCKET_PROP_REQUIRE_CLIENT_CERTIFICATE] =
    g_param_spec_boolean ("require-client-certificate", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetSocket:ca-file: (getter get_ca_file)
   *
   * A file of CA certificates trusted in addition to the system trust
   * store, set with [method@Qnet.Socket.set_ca_file].
   *
   * Since: 1.0
   */
  tls_properties[QNET_SOCKET_PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  for (guint i = QNET_SOCKET_N_PROPS; i < QNET_SOCKET_TLS_N_PROPS; i++)
    g_object_class_install_property (object_class, i, tls_properties[i]);

  /**
   * QnetSocket::accept-certificate:
   * @self: the socket
   * @peer: the peer's certificate (with the issuers it sent)
   * @code: why it did not verify: an OpenSSL-style code such as
   *   `"X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT"`
   *
   * Raised during a handshake when the peer's certificate does not verify
   * and [property@Qnet.Socket:verify-peer] is on. Return %TRUE to accept the
   * peer anyway; the first handler that does so stops the emission. With
   * no handler, or when every handler returns %FALSE, the handshake fails
   * with %QNET_TLS_ERROR_CERTIFICATE.
   *
   * For [method@Qnet.Socket.accept_ssl] the signal is raised on the new
   * connection: connect to it from a
   * [signal@Qnet.Socket::incoming-connection] handler.
   *
   * Returns: %TRUE to accept the peer
   *
   * Since: 1.0
   */
  tls_signals[SIGNAL_ACCEPT_CERTIFICATE] =
    g_signal_new ("accept-certificate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (QnetSocketClass, accept_certificate),
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 2,
                  QNET_TYPE_TLS_CERTIFICATE,
                  G_TYPE_STRING);
}

void
_qnet_socket_tls_init (QnetSocket *self)
{
  get_priv (self)->tls_verify_peer = TRUE;
}

void
_qnet_socket_tls_finalize (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  g_clear_object (&priv->tls_certificate);
  g_clear_object (&priv->tls_private_key);
  g_clear_pointer (&priv->tls_ca_file, g_free);
  g_clear_pointer (&priv->tls_server_name, g_free);
}

gboolean
_qnet_socket_tls_get_property (QnetSocket *self,
                               guint       prop_id,
                               GValue     *value)
{
  QnetSocketPrivate *priv = get_priv (self);

  switch (prop_id)
    {
    case QNET_SOCKET_PROP_CERTIFICATE:
      g_value_set_object (value, priv->tls_certificate);
      return TRUE;
    case QNET_SOCKET_PROP_PRIVATE_KEY:
      g_value_set_object (value, priv->tls_private_key);
      return TRUE;
    case QNET_SOCKET_PROP_VERIFY_PEER:
      g_value_set_boolean (value, priv->tls_verify_peer);
      return TRUE;
    case QNET_SOCKET_PROP_SERVER_NAME:
      g_value_set_string (value, priv->tls_server_name);
      return TRUE;
    case QNET_SOCKET_PROP_REQUIRE_CLIENT_CERTIFICATE:
      g_value_set_boolean (value, priv->tls_require_client_certificate);
      return TRUE;
    case QNET_SOCKET_PROP_CA_FILE:
      g_value_set_string (value, priv->tls_ca_file);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
_qnet_socket_tls_set_property (QnetSocket   *self,
                               guint         prop_id,
                               const GValue *value)
{
  switch (prop_id)
    {
    case QNET_SOCKET_PROP_CERTIFICATE:
      qnet_socket_set_certificate (self, g_value_get_object (value));
      return TRUE;
    case QNET_SOCKET_PROP_PRIVATE_KEY:
      qnet_socket_set_private_key (self, g_value_get_object (value));
      return TRUE;
    case QNET_SOCKET_PROP_VERIFY_PEER:
      qnet_socket_set_verify_peer (self, g_value_get_boolean (value));
      return TRUE;
    case QNET_SOCKET_PROP_SERVER_NAME:
      qnet_socket_set_server_name (self, g_value_get_string (value));
      return TRUE;
    case QNET_SOCKET_PROP_REQUIRE_CLIENT_CERTIFICATE:
      qnet_socket_set_require_client_certificate (self, g_value_get_boolean (value));
      return TRUE;
    default:
      return FALSE;
    }
}

void
_qnet_socket_tls_inherit (QnetSocket *self,
                          QnetSocket *connection)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetSocketPrivate *cpriv = get_priv (connection);

  g_set_object (&cpriv->tls_certificate, priv->tls_certificate);
  g_set_object (&cpriv->tls_private_key, priv->tls_private_key);
  g_free (cpriv->tls_ca_file);
  cpriv->tls_ca_file = g_strdup (priv->tls_ca_file);
  cpriv->tls_verify_peer = priv->tls_verify_peer;
  cpriv->tls_require_client_certificate = priv->tls_require_client_certificate;
}

/* ---- Settings ------------------------------------------------------------------- */

/**
 * qnet_socket_get_certificate: (get-property certificate)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:certificate].
 *
 * Returns: (transfer none) (nullable): the socket's own certificate
 *
 * Since: 1.0
 */
QnetTlsCertificate *
qnet_socket_get_certificate (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->tls_certificate;
}

/**
 * qnet_socket_set_certificate: (set-property certificate)
 * @self: a #QnetSocket
 * @certificate: (nullable): the certificate, or %NULL for none
 *
 * Sets [property@Qnet.Socket:certificate] (Qore's
 * `Socket::setCertificate()`), used by the next handshake.
 *
 * Since: 1.0
 */
void
qnet_socket_set_certificate (QnetSocket         *self,
                             QnetTlsCertificate *certificate)
{
  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (certificate == NULL || QNET_IS_TLS_CERTIFICATE (certificate));

  if (g_set_object (&get_priv (self)->tls_certificate, certificate))
    notify_tls (self, QNET_SOCKET_PROP_CERTIFICATE);
}

/**
 * qnet_socket_get_private_key: (get-property private-key)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:private-key].
 *
 * Returns: (transfer none) (nullable): the private key
 *
 * Since: 1.0
 */
QnetTlsPrivateKey *
qnet_socket_get_private_key (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->tls_private_key;
}

/**
 * qnet_socket_set_private_key: (set-property private-key)
 * @self: a #QnetSocket
 * @key: (nullable): the private key of [property@Qnet.Socket:certificate],
 *   or %NULL for none
 *
 * Sets [property@Qnet.Socket:private-key] (Qore's
 * `Socket::setPrivateKey()`), used by the next handshake.
 *
 * Since: 1.0
 */
void
qnet_socket_set_private_key (QnetSocket        *self,
                             QnetTlsPrivateKey *key)
{
  g_return_if_fail (QNET_IS_SOCKET (self));
  g_return_if_fail (key == NULL || QNET_IS_TLS_PRIVATE_KEY (key));

  if (g_set_object (&get_priv (self)->tls_private_key, key))
    notify_tls (self, QNET_SOCKET_PROP_PRIVATE_KEY);
}

/**
 * qnet_socket_get_verify_peer: (get-property verify-peer)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:verify-peer].
 *
 * Returns: whether an untrusted peer fails the handshake
 *
 * Since: 1.0
 */
gboolean
qnet_socket_get_verify_peer (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), TRUE);
  return get_priv (self)->tls_verify_peer;
}

/**
 * qnet_socket_set_verify_peer: (set-property verify-peer)
 * @self: a #QnetSocket
 * @verify: whether an untrusted peer fails the handshake
 *
 * Sets [property@Qnet.Socket:verify-peer].
 *
 * Since: 1.0
 */
void
qnet_socket_set_verify_peer (QnetSocket *self,
                             gboolean    verify)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  verify = !!verify;
  if (priv->tls_verify_peer == verify)
    return;
  priv->tls_verify_peer = verify;
  notify_tls (self, QNET_SOCKET_PROP_VERIFY_PEER);
}

/**
 * qnet_socket_get_server_name: (get-property server-name)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:server-name].
 *
 * Returns: (nullable): the name the server's certificate must match, or
 *   %NULL for the name connected to
 *
 * Since: 1.0
 */
const char *
qnet_socket_get_server_name (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->tls_server_name;
}

/**
 * qnet_socket_set_server_name: (set-property server-name)
 * @self: a #QnetSocket
 * @server_name: (nullable): a host name or an IP address (IPv6 with or
 *   without brackets), or %NULL for the name connected to
 *
 * Sets [property@Qnet.Socket:server-name].
 *
 * Since: 1.0
 */
void
qnet_socket_set_server_name (QnetSocket *self,
                             const char *server_name)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  if (server_name != NULL && *server_name == '\0')
    server_name = NULL;
  if (g_strcmp0 (priv->tls_server_name, server_name) == 0)
    return;
  g_free (priv->tls_server_name);
  priv->tls_server_name = g_strdup (server_name);
  notify_tls (self, QNET_SOCKET_PROP_SERVER_NAME);
}

/**
 * qnet_socket_get_require_client_certificate: (get-property require-client-certificate)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:require-client-certificate].
 *
 * Returns: whether a TLS server asks for a client certificate
 *
 * Since: 1.0
 */
gboolean
qnet_socket_get_require_client_certificate (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  return get_priv (self)->tls_require_client_certificate;
}

/**
 * qnet_socket_set_require_client_certificate: (set-property require-client-certificate)
 * @self: a #QnetSocket
 * @require: whether a TLS server requires a client certificate
 *
 * Sets [property@Qnet.Socket:require-client-certificate]; connections
 * accepted afterwards inherit it.
 *
 * Since: 1.0
 */
void
qnet_socket_set_require_client_certificate (QnetSocket *self,
                                            gboolean    require)
{
  QnetSocketPrivate *priv;

  g_return_if_fail (QNET_IS_SOCKET (self));
  priv = get_priv (self);

  require = !!require;
  if (priv->tls_require_client_certificate == require)
    return;
  priv->tls_require_client_certificate = require;
  notify_tls (self, QNET_SOCKET_PROP_REQUIRE_CLIENT_CERTIFICATE);
}

/**
 * qnet_socket_get_ca_file: (get-property ca-file)
 * @self: a #QnetSocket
 *
 * Gets [property@Qnet.Socket:ca-file].
 *
 * Returns: (nullable) (type filename): the CA file, or %NULL
 *
 * Since: 1.0
 */
const char *
qnet_socket_get_ca_file (QnetSocket *self)
{
  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  return get_priv (self)->tls_ca_file;
}

gboolean
_qnet_socket_tls_check_ca_file (const char  *path,
                                GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gnutls_x509_trust_list_t list = NULL;
  gnutls_datum_t datum;
  int added;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (length > QNET_SOCKET_TLS_MAX_CA_FILE)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("The CA file “%s” is too large"), path);
      return FALSE;
    }

  datum.data = (unsigned char *) contents;
  datum.size = (unsigned int) length;
  if (gnutls_x509_trust_list_init (&list, 0) < 0)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                   _("Could not allocate a certificate list"));
      return FALSE;
    }
  added = gnutls_x509_trust_list_add_trust_mem (list, &datum, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
  if (added <= 0)
    added = gnutls_x509_trust_list_add_trust_mem (list, &datum, NULL, GNUTLS_X509_FMT_DER, 0, 0);
  gnutls_x509_trust_list_deinit (list, 1);

  if (added <= 0)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("The CA file “%s” holds no valid certificate"), path);
      return FALSE;
    }
  return TRUE;
}

/**
 * qnet_socket_set_ca_file:
 * @self: a #QnetSocket
 * @path: (nullable) (type filename): a file of CA certificates (PEM, one
 *   or more; or one DER certificate), or %NULL for none
 * @error: return location for a #GError
 *
 * Trusts the CA certificates of @path, in addition to the system trust
 * store, for the peer certificates of the next handshakes (each handshake
 * reads the file again).
 * Fails with %QNET_TLS_ERROR_INVALID_CERTIFICATE when @path holds no
 * certificate, or a #GFileError when it cannot be read; the setting is
 * then unchanged.
 *
 * Returns: %TRUE when the file was accepted
 *
 * Since: 1.0
 */
gboolean
qnet_socket_set_ca_file (QnetSocket  *self,
                         const char  *path,
                         GError     **error)
{
  QnetSocketPrivate *priv;

  g_return_val_if_fail (QNET_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  priv = get_priv (self);

  if (path != NULL && !_qnet_socket_tls_check_ca_file (path, error))
    return FALSE;
  if (g_strcmp0 (priv->tls_ca_file, path) == 0)
    return TRUE;
  g_free (priv->tls_ca_file);
  priv->tls_ca_file = g_strdup (path);
  notify_tls (self, QNET_SOCKET_PROP_CA_FILE);
  return TRUE;
}

/* ---- Queries -------------------------------------------------------------------- */

/**
 * qnet_socket_get_cipher_name:
 * @self: a #QnetSocket
 *
 * Tells the cipher suite of the TLS connection (Qore's
 * `Socket::getSSLCipherName()`), by its IANA name, e.g.
 * `"TLS_AES_256_GCM_SHA384"` or `"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"`.
 *
 * Returns: (nullable): the cipher suite, or %NULL when the connection does
 *   not run TLS
 *
 * Since: 1.0
 */
const char *
qnet_socket_get_cipher_name (QnetSocket *self)
{
  QnetTlsStream *tls;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  tls = _qnet_socket_get_tls (self);
  return tls != NULL ? qnet_tls_stream_get_cipher_name (tls) : NULL;
}

/**
 * qnet_socket_get_cipher_version:
 * @self: a #QnetSocket
 *
 * Tells the protocol version of the TLS connection (Qore's
 * `Socket::getSSLCipherVersion()`), e.g. `"TLS1.3"`.
 *
 * Returns: (nullable): the protocol version, or %NULL when the connection
 *   does not run TLS
 *
 * Since: 1.0
 */
const char *
qnet_socket_get_cipher_version (QnetSocket *self)
{
  QnetTlsStream *tls;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  tls = _qnet_socket_get_tls (self);
  return tls != NULL ? qnet_tls_stream_get_protocol_version (tls) : NULL;
}

/**
 * qnet_socket_verify_peer_certificate:
 * @self: a #QnetSocket
 *
 * Tells how the peer's certificate verified in the handshake (Qore's
 * `Socket::verifyPeerCertificate()`): `"X509_V_OK"`, or an OpenSSL-style
 * code such as `"X509_V_ERR_CERT_HAS_EXPIRED"`,
 * `"X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT"` or
 * `"X509_V_ERR_HOSTNAME_MISMATCH"` — also when the peer was accepted by
 * [signal@Qnet.Socket::accept-certificate] or
 * [property@Qnet.Socket:verify-peer] is off.
 *
 * Returns: (nullable): the code, or %NULL when the connection does not run
 *   TLS or the peer sent no certificate (a client, when none was asked for)
 *
 * Since: 1.0
 */
const char *
qnet_socket_verify_peer_certificate (QnetSocket *self)
{
  QnetTlsStream *tls;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  tls = _qnet_socket_get_tls (self);
  return tls != NULL ? qnet_tls_stream_get_verify_code (tls) : NULL;
}

/**
 * qnet_socket_get_peer_certificate:
 * @self: a #QnetSocket
 *
 * Returns the certificate the peer presented in the handshake, with the
 * issuers it sent: the server's for a client, the client certificate for
 * a server that required one.
 *
 * Returns: (transfer full) (nullable): the peer's certificate, or %NULL
 *   when the connection does not run TLS or the peer sent none
 *
 * Since: 1.0
 */
QnetTlsCertificate *
qnet_socket_get_peer_certificate (QnetSocket *self)
{
  QnetTlsStream *tls;
  g_autoptr(GPtrArray) chain = NULL;

  g_return_val_if_fail (QNET_IS_SOCKET (self), NULL);
  tls = _qnet_socket_get_tls (self);
  if (tls == NULL)
    return NULL;
  chain = qnet_tls_stream_get_peer_certificates (tls);
  if (chain == NULL || chain->len == 0)
    return NULL;
  return _qnet_tls_certificate_new_from_der_chain (chain, NULL);
}

/* ---- Reads, writes and flushing ------------------------------------------------- */

GError *
_qnet_socket_tls_check_read (QnetSocket   *self,
                             QnetReadMode  mode)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetTlsStream *tls;

  if (priv->tls_op != NULL)
    return g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED, _("Could not receive from %s: %s"),
                        qnet_emitter_get_label (QNET_EMITTER (self)),
                        _("a TLS handshake is in progress"));

  /* Where the caller reads until the peer closes, an unauthenticated
   * close must not pass for the end of the message. */
  tls = _qnet_socket_get_tls (self);
  if (tls != NULL)
    qnet_tls_stream_set_require_close_notify (tls, priv->tls_require_close_notify ||
                                                   mode == QNET_READ_ALL);
  return NULL;
}

GError *
_qnet_socket_tls_check_write (QnetSocket *self)
{
  if (get_priv (self)->tls_op != NULL)
    return g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED, _("Could not send to %s: %s"),
                        qnet_emitter_get_label (QNET_EMITTER (self)),
                        _("a TLS handshake is in progress"));
  return NULL;
}

void
_qnet_socket_set_tls_require_close_notify (QnetSocket *self,
                                           gboolean    require)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetTlsStream *tls = _qnet_socket_get_tls (self);

  priv->tls_require_close_notify = !!require;
  if (tls != NULL)
    qnet_tls_stream_set_require_close_notify (tls, priv->tls_require_close_notify);
}

void
_qnet_socket_tls_send_started (QnetSocket *self)
{
  get_priv (self)->tls_sends++;
}

void
_qnet_socket_tls_send_ended (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (priv->tls_sends > 0)
    priv->tls_sends--;
}

gboolean
_qnet_socket_tls_error_is_fatal (const GError *error)
{
  return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) &&
         !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
flush_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  QnetSocket *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (qnet_tls_stream_flush_finish (result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (_qnet_socket_tls_error_is_fatal (error) && get_priv (self)->stream == G_IO_STREAM (source))
    _qnet_socket_close_internal (self);
  g_task_return_error (task, error);
}

gboolean
_qnet_socket_tls_flush_async (QnetSocket          *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  QnetTlsStream *tls = _qnet_socket_get_tls (self);
  GTask *task;

  if (tls == NULL || !qnet_tls_stream_has_pending_output (tls))
    return FALSE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _qnet_socket_tls_flush_async);
  g_task_set_name (task, "[qnet] tls flush");
  qnet_tls_stream_flush_async (tls, tls, _qnet_socket_get_effective_timeout (self, -1),
                               G_PRIORITY_DEFAULT, cancellable, flush_done, task);
  return TRUE;
}

gboolean
_qnet_socket_tls_flush_finish (QnetSocket    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _qnet_socket_tls_flush_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A background flush (after queue_bytes) holds the socket weakly. */
static void
background_flush_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  GWeakRef *ref = data;
  g_autoptr(QnetSocket) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);

  if (qnet_tls_stream_flush_finish (result, &error) || self == NULL)
    return;
  if (get_priv (self)->stream != G_IO_STREAM (source) || !_qnet_socket_tls_error_is_fatal (error))
    return;

  {
    g_autoptr(GError) wrapped = _qnet_socket_wrap_error (self, QNET_SOCKET_ACTION_SEND, error);

    _qnet_socket_close_internal (self);
    _qnet_emitter_operation_failed (QNET_EMITTER (self), "queue_bytes", wrapped);
  }
}

void
_qnet_socket_tls_written (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetTlsStream *tls = _qnet_socket_get_tls (self);
  GWeakRef *ref;

  /* The first record after a handshake went out at once: Nagle's
   * algorithm (QnetSocket:no-delay off) applies again from here. */
  if (priv->tls_nodelay_held)
    {
      priv->tls_nodelay_held = FALSE;
      _qnet_socket_apply_no_delay (self);
    }

  /* A send flushes before it completes; here only what queue_bytes wrote
   * (or a subclass writing through the stream I/O) is left behind. */
  if (tls == NULL || priv->tls_sends > 0 || priv->io == NULL ||
      qnet_stream_io_get_queued (priv->io) > 0 || !qnet_tls_stream_has_pending_output (tls))
    return;

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  qnet_tls_stream_flush_async (tls, tls, priv->timeout_ms, G_PRIORITY_DEFAULT, NULL,
                               background_flush_done, ref);
}
