/* qnet-socket-tls.c: QnetSocket over TLS: client, server, STARTTLS, settings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The TLS session is a QnetTlsStream (io/) over the connected
 * GSocketConnection. A handshake runs as its own small state machine on
 * the thread-default main context of the call (the blocking forms run it
 * on their private context, like every socket operation), raising
 * `start-ssl` before it and `ssl-established` after it; once it
 * succeeded, the TLS stream replaces the connection as the stream every
 * read and write goes through, so every socket event keeps working and
 * counts plaintext bytes. A failed handshake closes the connection.
 */

#include "config.h"

#include <gnutls/x509.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-socket-private.h"
#include "qnet-tls-certificate-private.h"
#include "qnet-tls-private-key-private.h"
#include "io/qnet-tls-stream.h"
/* qnet_tls_stream_flush_async(): pending ciphertext after a write. */
#include "io/qnet-tls-stream-private.h"

/* The longest certificate chain given to the TLS session. */
#define QNET_SOCKET_TLS_MAX_CHAIN 16
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

/* The TLS session of a secure socket, or NULL. (transfer none) */
static QnetTlsStream *
get_tls (QnetSocket *self)
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

/* Checks that @path holds at least one certificate (PEM, or one DER). */
static gboolean
check_ca_file (const char  *path,
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

  if (path != NULL && !check_ca_file (path, error))
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
  tls = get_tls (self);
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
  tls = get_tls (self);
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
  tls = get_tls (self);
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
  tls = get_tls (self);
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
  tls = get_tls (self);
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
  QnetTlsStream *tls = get_tls (self);

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

/* A failed flush broke the connection (unless it only timed out or was
 * cancelled): close it, as a failed write does. */
static gboolean
flush_error_is_fatal (const GError *error)
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
  if (flush_error_is_fatal (error) && get_priv (self)->stream == G_IO_STREAM (source))
    _qnet_socket_close_internal (self);
  g_task_return_error (task, error);
}

gboolean
_qnet_socket_tls_flush_async (QnetSocket          *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  QnetTlsStream *tls = get_tls (self);
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
  if (get_priv (self)->stream != G_IO_STREAM (source) || !flush_error_is_fatal (error))
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
  QnetTlsStream *tls = get_tls (self);
  GWeakRef *ref;

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

/* ---- The handshake -------------------------------------------------------------- */

typedef void (*TlsDoneFunc) (QnetSocket *self,
                             GError     *error,
                             gpointer    data);

typedef struct {
  QnetSocket     *self;               /* (owned) */
  QnetTlsStream  *tls;                /* (owned) */
  QnetStreamIO   *io;                 /* (not owned): the socket's when it started */
  GCancellable   *cancellable;        /* (owned): the caller's, and close */
  GCancellable   *user_cancellable;   /* (owned) (nullable) */
  gulong          user_handler;
  gboolean        closed;             /* the socket was closed meanwhile */
  TlsDoneFunc     done;
  gpointer        data;
} TlsOp;

static void
tls_op_free (TlsOp *op)
{
  if (op->user_handler != 0)
    g_cancellable_disconnect (op->user_cancellable, op->user_handler);
  g_clear_object (&op->user_cancellable);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->tls);
  g_clear_object (&op->self);
  g_free (op);
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      data)
{
  TlsOp *op = data;

  g_cancellable_cancel (op->cancellable);
}

static void
tls_op_closed (gpointer data)
{
  TlsOp *op = data;

  op->closed = TRUE;
  g_cancellable_cancel (op->cancellable);
}

/* "Could not start TLS with example.com:443: …", keeping the codes that
 * tell what happened. */
static GError *
tls_error_new (QnetSocket   *self,
               const GError *inner)
{
  GQuark domain = QNET_TLS_ERROR;
  gint code = QNET_TLS_ERROR_HANDSHAKE;

  if (inner->domain == QNET_TLS_ERROR || inner->domain == QNET_SOCKET_ERROR ||
      g_error_matches (inner, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (inner, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      domain = inner->domain;
      code = inner->code;
    }
  return g_error_new (domain, code, _("Could not start TLS with %s: %s"),
                      qnet_emitter_get_label (QNET_EMITTER (self)), inner->message);
}

static gboolean
tls_accept_certificate (gpointer    data,
                        GBytes     *peer_der,
                        const char *code)
{
  TlsOp *op = data;
  g_autoptr(GPtrArray) chain = qnet_tls_stream_get_peer_certificates (op->tls);
  g_autoptr(QnetTlsCertificate) peer = NULL;
  gboolean accepted = FALSE;

  if (chain != NULL && chain->len > 0)
    peer = _qnet_tls_certificate_new_from_der_chain (chain, NULL);
  if (peer == NULL && peer_der != NULL)
    peer = qnet_tls_certificate_new_from_der (peer_der, NULL);
  /* A certificate we cannot even parse is never accepted. */
  if (peer == NULL)
    return FALSE;

  g_signal_emit (op->self, tls_signals[SIGNAL_ACCEPT_CERTIFICATE], 0, peer, code, &accepted);
  return accepted && !op->closed;
}

static const QnetTlsStreamCallbacks tls_callbacks = {
  tls_accept_certificate,
  NULL,
};

/* The name the server's certificate must match, for a client handshake. */
static char *
default_server_identity (QnetSocket *self)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (priv->tls_server_name != NULL)
    return g_strdup (priv->tls_server_name);
  if (priv->peer_host != NULL)
    return g_strdup (priv->peer_host);
  if (priv->remote_address != NULL && G_IS_INET_SOCKET_ADDRESS (priv->remote_address))
    return g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (priv->remote_address)));
  return g_strdup ("localhost");
}

/* "Could not start TLS with example.com:443: …" (without a target before
 * the socket connected). */
static GError *
settings_error (QnetSocket *self,
                gint        code,
                const char *reason)
{
  const char *label = qnet_emitter_get_label (QNET_EMITTER (self));

  if (label == NULL || *label == '\0' || get_priv (self)->connection == NULL)
    return g_error_new (QNET_TLS_ERROR, code, _("Could not start TLS: %s"), reason);
  return g_error_new (QNET_TLS_ERROR, code, _("Could not start TLS with %s: %s"), label, reason);
}

/* Settings errors are found before the TLS session exists: dropping a
 * session closes the connection under it. */
static gboolean
check_settings (QnetSocket         *self,
                QnetTlsStreamMode   mode,
                GError            **error)
{
  QnetSocketPrivate *priv = get_priv (self);
  const char *reason = NULL;
  gint code = QNET_TLS_ERROR_INVALID_KEY;

  if (mode == QNET_TLS_STREAM_SERVER &&
      (priv->tls_certificate == NULL || priv->tls_private_key == NULL))
    {
      code = QNET_TLS_ERROR_FAILED;
      reason = _("a TLS server needs a certificate and a private key");
    }
  else if (priv->tls_certificate != NULL && priv->tls_private_key == NULL)
    reason = _("the certificate has no private key");
  else if (priv->tls_certificate == NULL && priv->tls_private_key != NULL)
    reason = _("the private key has no certificate");
  else if (priv->tls_certificate != NULL &&
           !qnet_tls_private_key_matches (priv->tls_private_key, priv->tls_certificate))
    reason = _("the private key does not belong to the certificate");

  if (reason != NULL)
    {
      g_propagate_error (error, settings_error (self, code, reason));
      return FALSE;
    }

  if (priv->tls_ca_file != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!check_ca_file (priv->tls_ca_file, &local_error))
        {
          g_propagate_error (error, settings_error (self, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                                                    local_error->message));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
configure (QnetSocket         *self,
           QnetTlsStream      *tls,
           QnetTlsStreamMode   mode,
           const char         *server_identity,
           GError            **error)
{
  QnetSocketPrivate *priv = get_priv (self);

  if (mode == QNET_TLS_STREAM_CLIENT)
    qnet_tls_stream_set_server_identity (tls, server_identity);
  else
    qnet_tls_stream_set_client_auth (tls, priv->tls_require_client_certificate
                                          ? QNET_TLS_CLIENT_AUTH_REQUIRE : QNET_TLS_CLIENT_AUTH_NONE);
  qnet_tls_stream_set_verify_peer (tls, priv->tls_verify_peer);
  qnet_tls_stream_set_require_close_notify (tls, priv->tls_require_close_notify);

  if (priv->tls_ca_file != NULL && !qnet_tls_stream_set_ca_file (tls, priv->tls_ca_file, error))
    return FALSE;

  if (priv->tls_certificate != NULL)
    {
      gnutls_x509_crt_t chain[QNET_SOCKET_TLS_MAX_CHAIN];
      guint n = _qnet_tls_certificate_get_x509_chain (priv->tls_certificate, chain, G_N_ELEMENTS (chain));

      if (!qnet_tls_stream_set_certificate (tls, chain, n,
                                            _qnet_tls_private_key_get_x509 (priv->tls_private_key),
                                            error))
        return FALSE;
    }
  return TRUE;
}

static void
tls_op_fail (TlsOp  *op,
             GError *inner)
{
  QnetSocket *self = g_object_ref (op->self);
  TlsDoneFunc done = op->done;
  gpointer data = op->data;
  GError *error;

  if (op->closed && g_error_matches (inner, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&inner);
      inner = g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                   _("The socket was closed"));
    }
  error = tls_error_new (self, inner);
  g_error_free (inner);

  /* The session is unusable now: the connection goes (channel-closed),
   * unless a handler closed it already. */
  if (!op->closed && get_priv (self)->io == op->io)
    _qnet_socket_close_internal (self);
  tls_op_free (op);

  done (self, error, data);
  g_object_unref (self);
}

static void
handshake_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  TlsOp *op = data;
  QnetSocket *self = g_object_ref (op->self);
  QnetSocketPrivate *priv = get_priv (self);
  TlsDoneFunc done;
  gpointer done_data;
  GError *error = NULL;
  g_autoptr(QnetTlsStream) tls = g_object_ref (op->tls);

  if (priv->tls_op == op)
    priv->tls_op = NULL;
  _qnet_socket_remove_close_hook (self, op);

  if (!qnet_tls_stream_handshake_finish (op->tls, result, &error))
    {
      tls_op_fail (op, error);
      g_object_unref (self);
      return;
    }
  if (op->closed || priv->io != op->io)
    {
      op->closed = TRUE;
      tls_op_fail (op, g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                            _("The socket was closed")));
      g_object_unref (self);
      return;
    }

  done = op->done;
  done_data = op->data;
  tls_op_free (op);

  /* From now on every read and write is TLS. */
  _qnet_socket_replace_stream (self, G_IO_STREAM (tls), TRUE);
  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_SSL_ESTABLISHED,
                      qnet_tls_stream_get_cipher_name (tls),
                      qnet_tls_stream_get_protocol_version (tls));

  done (self, NULL, done_data);
  g_object_unref (self);
}

/* Starts TLS on the connected socket @self; @done runs exactly once (it
 * may run before this returns). @timeout_ms: -1 for the timeout
 * property. */
static void
tls_op_start (QnetSocket        *self,
              QnetTlsStreamMode  mode,
              const char        *server_identity,
              gint               timeout_ms,
              GCancellable      *cancellable,
              TlsDoneFunc        done,
              gpointer           data)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetStreamIO *io = priv->io;
  g_autofree char *identity = NULL;
  g_autoptr(GBytes) read_ahead = NULL;
  GError *error = NULL;
  const char *busy = NULL;
  TlsOp *op;

  if (io == NULL || qnet_stream_io_is_closed (io) || priv->connection == NULL)
    {
      done (self, g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                               _("Could not start TLS: %s"), _("the socket is not connected")),
            data);
      return;
    }

  if (priv->secure)
    busy = _("the connection already runs TLS");
  else if (priv->tls_op != NULL)
    busy = _("a TLS handshake is in progress");
  else if (qnet_stream_io_is_receiving (io))
    busy = _("the socket is receiving in push mode");
  else if (qnet_stream_io_is_reading (io))
    busy = _("a receive is in progress");
  else if (qnet_stream_io_get_queued (io) > 0)
    busy = _("data is still waiting to be written");
  if (busy != NULL)
    {
      done (self, g_error_new (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED,
                               _("Could not start TLS with %s: %s"),
                               qnet_emitter_get_label (QNET_EMITTER (self)), busy),
            data);
      return;
    }

  if (!check_settings (self, mode, &error))
    {
      done (self, error, data);
      return;
    }

  if (mode == QNET_TLS_STREAM_CLIENT)
    identity = server_identity != NULL ? g_strdup (server_identity) : default_server_identity (self);
  if (timeout_ms < 0)
    timeout_ms = priv->timeout_ms;

  op = g_new0 (TlsOp, 1);
  op->self = g_object_ref (self);
  op->io = io;
  op->done = done;
  op->data = data;
  op->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (cancellable);
      op->user_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled), op, NULL);
    }

  /* STARTTLS: what was read ahead belongs to the handshake. */
  read_ahead = _qnet_socket_steal_read_buffer (self);
  op->tls = qnet_tls_stream_new (priv->stream, mode, read_ahead, &error);
  if (op->tls == NULL || !configure (self, op->tls, mode, identity, &error))
    {
      tls_op_fail (op, error);
      return;
    }
  qnet_tls_stream_set_callbacks (op->tls, &tls_callbacks, op);

  priv->tls_op = op;
  _qnet_socket_add_close_hook (self, tls_op_closed, op);

  _qnet_emitter_emit (QNET_EMITTER (self), QNET_EVENT_START_SSL);

  /* A handler may have closed the socket (the close hook marked op). */
  if (op->closed || priv->io != io)
    {
      if (priv->tls_op == op)
        priv->tls_op = NULL;
      _qnet_socket_remove_close_hook (self, op);
      op->closed = TRUE;
      tls_op_fail (op, g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                                            _("The socket was closed")));
      return;
    }

  qnet_tls_stream_handshake_async (op->tls, timeout_ms, G_PRIORITY_DEFAULT, op->cancellable,
                                   handshake_done, op);
}

/* ---- Public calls --------------------------------------------------------------- */

static void
call_done (QnetSocket *self,
           GError     *error,
           gpointer    data)
{
  QnetSocketCall *call = data;

  if (error != NULL)
    _qnet_socket_call_return_error (call, error);
  else
    _qnet_socket_call_return_int (call, TRUE);
}

/* connect_*_ssl: all or nothing, the connection goes with the handshake. */
static void
connect_call_done (QnetSocket *self,
                   GError     *error,
                   gpointer    data)
{
  if (error != NULL)
    _qnet_socket_close_internal (self);
  call_done (self, error, data);
}

void
_qnet_socket_tls_connected (QnetSocket     *self,
                            QnetSocketCall *call,
                            gint            timeout_ms)
{
  tls_op_start (self, QNET_TLS_STREAM_CLIENT, NULL, timeout_ms, call->cancellable, connect_call_done,
                call);
}

/* The TLS forms of connect check the settings before connecting. */
static gboolean
connect_settings_ok (QnetSocket     *self,
                     QnetSocketCall *call)
{
  GError *error = NULL;

  if (check_settings (self, QNET_TLS_STREAM_CLIENT, &error))
    return TRUE;
  _qnet_socket_call_return_error (call, error);
  return FALSE;
}

typedef struct {
  QnetSocketCall *call;
  QnetSocket     *connection;   /* (owned) */
} AcceptData;

static void
accepted_done (QnetSocket *connection,
               GError     *error,
               gpointer    data)
{
  AcceptData *ad = data;
  QnetSocketCall *call = ad->call;
  QnetSocket *conn = ad->connection;

  g_free (ad);
  if (error != NULL)
    {
      /* The connection is closed already (channel-closed); it goes. */
      g_object_unref (conn);
      _qnet_socket_call_return_error (call, error);
      return;
    }
  _qnet_socket_call_return_pointer (call, conn, g_object_unref);
}

void
_qnet_socket_tls_accepted (QnetSocketCall *call,
                           QnetSocket     *connection,
                           gint            timeout_ms)
{
  AcceptData *ad = g_new0 (AcceptData, 1);

  ad->call = call;
  ad->connection = connection;
  tls_op_start (connection, QNET_TLS_STREAM_SERVER, NULL, timeout_ms, call->cancellable,
                accepted_done, ad);
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
 * Connects to a UNIX socket within [property@Qnet.Socket:connect-timeout],
 * then runs a TLS client handshake (Qore's `Socket::connectUNIXSSL()`),
 * bounded by [property@Qnet.Socket:timeout]. The server's certificate
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
  tls_op_start (self, QNET_TLS_STREAM_CLIENT, NULL, timeout_ms, cancellable, call_done, call);
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
  tls_op_start (self, QNET_TLS_STREAM_CLIENT, NULL, timeout_ms, cancellable, call_done, call);
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
  tls_op_start (self, QNET_TLS_STREAM_SERVER, NULL, timeout_ms, cancellable, call_done, call);
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
  tls_op_start (self, QNET_TLS_STREAM_SERVER, NULL, timeout_ms, cancellable, call_done, call);
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
  if (check_settings (self, QNET_TLS_STREAM_SERVER, &settings_error))
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
  if (check_settings (self, QNET_TLS_STREAM_SERVER, &error))
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

/* ---- Shutdown ------------------------------------------------------------------- */

typedef struct {
  QnetSocketCall *call;
  QnetTlsStream  *tls;     /* (owned) */
} ShutdownOp;

static void
shutdown_finish (ShutdownOp *op,
                 GError     *error)
{
  QnetSocketCall *call = op->call;
  g_autoptr(QnetSocket) self = g_object_ref (call->self);
  g_autoptr(QnetTlsStream) tls = op->tls;

  g_free (op);
  if (error == NULL)
    {
      _qnet_socket_call_return_int (call, TRUE);
      return;
    }

  {
    GQuark domain = QNET_TLS_ERROR;
    gint code = QNET_TLS_ERROR_FAILED;
    GError *wrapped;

    if (error->domain == QNET_TLS_ERROR || error->domain == QNET_SOCKET_ERROR ||
        !flush_error_is_fatal (error))
      {
        domain = error->domain;
        code = error->code;
      }
    wrapped = g_error_new (domain, code, _("Could not send close_notify to %s: %s"),
                           qnet_emitter_get_label (QNET_EMITTER (self)), error->message);
    /* A broken connection goes, as after a failed send. */
    if (flush_error_is_fatal (error) && get_priv (self)->stream == G_IO_STREAM (tls))
      _qnet_socket_close_internal (self);
    g_error_free (error);
    _qnet_socket_call_return_error (call, wrapped);
  }
}

static void
close_notify_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  GError *error = NULL;

  qnet_tls_stream_close_notify_finish (QNET_TLS_STREAM (source), result, &error);
  shutdown_finish (data, error);
}

static void
shutdown_drained (gpointer  data,
                  GError   *error)
{
  ShutdownOp *op = data;
  QnetSocket *self = op->call->self;

  if (error != NULL)
    {
      shutdown_finish (op, error);
      return;
    }
  qnet_tls_stream_close_notify_async (op->tls, _qnet_socket_get_effective_timeout (self, -1),
                                      G_PRIORITY_DEFAULT, op->call->cancellable,
                                      close_notify_done, op);
}

static void
shutdown_start (QnetSocket     *self,
                QnetSocketCall *call)
{
  QnetSocketPrivate *priv = get_priv (self);
  QnetTlsStream *tls = get_tls (self);
  ShutdownOp *op;

  if (priv->io == NULL || qnet_stream_io_is_closed (priv->io))
    {
      _qnet_socket_call_return_error (call, _qnet_socket_not_open_error (self));
      return;
    }
  if (tls == NULL)
    {
      _qnet_socket_call_return_error (call, g_error_new (QNET_TLS_ERROR, QNET_TLS_ERROR_NOT_SECURE,
                                                         _("Could not send close_notify to %s: %s"),
                                                         qnet_emitter_get_label (QNET_EMITTER (self)),
                                                         _("the connection does not run TLS")));
      return;
    }

  op = g_new0 (ShutdownOp, 1);
  op->call = call;
  op->tls = g_object_ref (tls);
  /* What was sent or queued goes out before close_notify. */
  qnet_stream_io_wait_drained (priv->io, _qnet_socket_get_effective_timeout (self, -1),
                               call->cancellable, shutdown_drained, op);
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
  shutdown_start (self, call);
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
  shutdown_start (self, call);
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

/* ---- For subclasses ------------------------------------------------------------- */

static void
task_done (QnetSocket *self,
           GError     *error,
           gpointer    data)
{
  g_autoptr(GTask) task = data;

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
_qnet_socket_start_tls_async (QnetSocket          *self,
                              const char          *server_identity,
                              gint                 timeout_ms,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (QNET_IS_SOCKET (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _qnet_socket_start_tls_async);
  g_task_set_name (task, "[qnet] start tls");
  /* The result is what the handshake returned. */
  g_task_set_check_cancellable (task, FALSE);
  tls_op_start (self, QNET_TLS_STREAM_CLIENT, server_identity, timeout_ms, cancellable, task_done, task);
}

gboolean
_qnet_socket_start_tls_finish (QnetSocket    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _qnet_socket_start_tls_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
