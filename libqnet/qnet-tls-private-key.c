/* qnet-tls-private-key.c: an X.509 private key
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "qnet-error.h"
#include "qnet-tls-certificate-private.h"
#include "qnet-tls-private-key-private.h"

/* Key files are read whole; real ones are a few KiB. */
#define QNET_TLS_PRIVATE_KEY_MAX_FILE (1024 * 1024)

/**
 * QnetTlsPrivateKey:
 *
 * An immutable private key (RSA, ECDSA, EdDSA …) to go with a
 * [class@Qnet.TlsCertificate]: what a TLS server, or a client that
 * authenticates itself, proves it owns.
 *
 * Keys are read from PEM (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`,
 * `RSA PRIVATE KEY`, `EC PRIVATE KEY`, including OpenSSL's encrypted
 * PEM) or DER (PKCS #1 or PKCS #8, encrypted or not). A password is needed
 * for encrypted keys only.
 *
 * ```python
 * key = Qnet.TlsPrivateKey.new_from_file("server-key.pem", None)
 * cert = Qnet.TlsCertificate.new_from_file("server.pem")
 * assert key.matches(cert)
 * ```
 *
 * Since: 1.0
 */

struct _QnetTlsPrivateKey
{
  GObject               parent_instance;

  gnutls_x509_privkey_t key;   /* (owned) */
};

G_DEFINE_FINAL_TYPE (QnetTlsPrivateKey, qnet_tls_private_key, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ALGORITHM,
  PROP_BITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
qnet_tls_private_key_finalize (GObject *object)
{
  QnetTlsPrivateKey *self = QNET_TLS_PRIVATE_KEY (object);

  /* GnuTLS wipes the key material. */
  g_clear_pointer (&self->key, gnutls_x509_privkey_deinit);

  G_OBJECT_CLASS (qnet_tls_private_key_parent_class)->finalize (object);
}

static void
qnet_tls_private_key_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  QnetTlsPrivateKey *self = QNET_TLS_PRIVATE_KEY (object);

  switch (prop_id)
    {
    case PROP_ALGORITHM:
      g_value_set_string (value, qnet_tls_private_key_get_algorithm (self));
      break;
    case PROP_BITS:
      g_value_set_uint (value, qnet_tls_private_key_get_bits (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_tls_private_key_class_init (QnetTlsPrivateKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qnet_tls_private_key_finalize;
  object_class->get_property = qnet_tls_private_key_get_property;

  /**
   * QnetTlsPrivateKey:algorithm:
   *
   * The public-key algorithm, as GnuTLS names it (`"RSA"`, `"EC/ECDSA"`,
   * `"EdDSA (Ed25519)"` …).
   *
   * Since: 1.0
   */
  properties[PROP_ALGORITHM] =
    g_param_spec_string ("algorithm", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetTlsPrivateKey:bits:
   *
   * The size of the key in bits (2048 for RSA-2048, 256 for P-256).
   *
   * Since: 1.0
   */
  properties[PROP_BITS] =
    g_param_spec_uint ("bits", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qnet_tls_private_key_init (QnetTlsPrivateKey *self)
{
}

static gboolean
is_encrypted (const gnutls_datum_t  *datum,
              gnutls_x509_crt_fmt_t  format)
{
  unsigned int schema = 0;

  if (format == GNUTLS_X509_FMT_PEM
      && (g_strstr_len ((const char *) datum->data, datum->size, "ENCRYPTED") != NULL))
    return TRUE;
  return gnutls_pkcs8_info (datum, format, &schema, NULL, NULL, NULL, NULL, NULL) >= 0
         && schema != 0;
}

static QnetTlsPrivateKey *
private_key_import (const guint8           *data,
                    gsize                   size,
                    gnutls_x509_crt_fmt_t   format,
                    const char             *password,
                    GError                **error)
{
  QnetTlsPrivateKey *self;
  gnutls_x509_privkey_t key = NULL;
  gnutls_datum_t datum;
  int ret;

  if (size == 0 || size > G_MAXUINT)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
                   _("Could not parse the private key: %s"),
                   size == 0 ? _("no data") : _("too large"));
      return NULL;
    }

  datum.data = (unsigned char *) data;
  datum.size = size;

  ret = gnutls_x509_privkey_init (&key);
  if (ret >= 0)
    ret = gnutls_x509_privkey_import2 (key, &datum, format, password, 0);
  if (ret < 0)
    {
      g_clear_pointer (&key, gnutls_x509_privkey_deinit);

      if (is_encrypted (&datum, format) || ret == GNUTLS_E_DECRYPTION_FAILED)
        {
          if (password == NULL)
            g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
                         _("The private key is encrypted and no password was given"));
          else
            g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
                         _("Could not decrypt the private key: wrong password"));
        }
      else if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE
               || ret == GNUTLS_E_BASE64_UNEXPECTED_HEADER_ERROR)
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
                     _("No private key found in the data"));
      else
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
                     _("Could not parse the private key: %s"), gnutls_strerror (ret));
      return NULL;
    }

  self = g_object_new (QNET_TYPE_TLS_PRIVATE_KEY, NULL);
  self->key = key;
  return self;
}

/**
 * qnet_tls_private_key_new_from_pem: (constructor)
 * @pem: PEM text holding a private key
 * @length: the length of @pem in bytes, or -1 when it is nul-terminated
 * @password: (nullable): the password of an encrypted key
 * @error: return location for a #GError
 *
 * Parses the PEM-encoded private key in @pem (the first key block; other
 * blocks, such as certificates, are ignored).
 *
 * Fails with %QNET_TLS_ERROR_INVALID_KEY when no key can be read, when the
 * key is encrypted and @password is %NULL, or when @password is wrong.
 *
 * Returns: (transfer full): the key, or %NULL on error
 *
 * Since: 1.0
 */
QnetTlsPrivateKey *
qnet_tls_private_key_new_from_pem (const char  *pem,
                                   gssize       length,
                                   const char  *password,
                                   GError     **error)
{
  gsize size;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = length < 0 ? strlen (pem) : (gsize) length;
  if (g_strstr_len (pem, size, "-----BEGIN ") == NULL)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
                   _("The text is not in PEM format"));
      return NULL;
    }
  return private_key_import ((const guint8 *) pem, size, GNUTLS_X509_FMT_PEM, password, error);
}

/**
 * qnet_tls_private_key_new_from_der: (constructor)
 * @der: a DER-encoded key (PKCS #8, encrypted or not, or PKCS #1)
 * @password: (nullable): the password of an encrypted key
 * @error: return location for a #GError
 *
 * Parses the DER-encoded private key in @der.
 *
 * Fails with %QNET_TLS_ERROR_INVALID_KEY as
 * [ctor@Qnet.TlsPrivateKey.new_from_pem] does.
 *
 * Returns: (transfer full): the key, or %NULL on error
 *
 * Since: 1.0
 */
QnetTlsPrivateKey *
qnet_tls_private_key_new_from_der (GBytes      *der,
                                   const char  *password,
                                   GError     **error)
{
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (der, &size);
  return private_key_import (data, size, GNUTLS_X509_FMT_DER, password, error);
}

/**
 * qnet_tls_private_key_new_from_file: (constructor)
 * @path: (type filename): a file holding a PEM or DER private key
 * @password: (nullable): the password of an encrypted key
 * @error: return location for a #GError
 *
 * Reads a private key from the file at @path; a file with a PEM header
 * is read as PEM, any other as DER.
 *
 * Fails with a %G_IO_ERROR when the file cannot be read, or with
 * %QNET_TLS_ERROR_INVALID_KEY.
 *
 * Returns: (transfer full): the key, or %NULL on error
 *
 * Since: 1.0
 */
QnetTlsPrivateKey *
qnet_tls_private_key_new_from_file (const char  *path,
                                    const char  *password,
                                    GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;
  QnetTlsPrivateKey *key = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  if (length > QNET_TLS_PRIVATE_KEY_MAX_FILE)
    g_set_error (&local_error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY,
                 _("The file is too large for a private key"));
  else
    key = private_key_import ((const guint8 *) contents, length,
                              g_strstr_len (contents, length, "-----BEGIN ") != NULL
                                ? GNUTLS_X509_FMT_PEM
                                : GNUTLS_X509_FMT_DER,
                              password, &local_error);

  /* Do not leave the key material lying around in freed memory. */
  memset (contents, 0, length);
  g_free (contents);

  if (key == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                 local_error->message);
  return key;
}

/**
 * qnet_tls_private_key_get_algorithm:
 * @self: a private key
 *
 * Gets [property@Qnet.TlsPrivateKey:algorithm].
 *
 * Returns: (transfer none): the algorithm's name
 *
 * Since: 1.0
 */
const char *
qnet_tls_private_key_get_algorithm (QnetTlsPrivateKey *self)
{
  const char *name;

  g_return_val_if_fail (QNET_IS_TLS_PRIVATE_KEY (self), NULL);

  name = gnutls_pk_algorithm_get_name (gnutls_x509_privkey_get_pk_algorithm2 (self->key, NULL));
  return name != NULL ? name : "UNKNOWN";
}

/**
 * qnet_tls_private_key_get_bits:
 * @self: a private key
 *
 * Gets [property@Qnet.TlsPrivateKey:bits].
 *
 * Returns: the key size in bits
 *
 * Since: 1.0
 */
guint
qnet_tls_private_key_get_bits (QnetTlsPrivateKey *self)
{
  unsigned int bits = 0;

  g_return_val_if_fail (QNET_IS_TLS_PRIVATE_KEY (self), 0);

  gnutls_x509_privkey_get_pk_algorithm2 (self->key, &bits);
  return bits;
}

/**
 * qnet_tls_private_key_matches:
 * @self: a private key
 * @certificate: a certificate
 *
 * Checks that @self is the private key of @certificate's public key, as a
 * server certificate and its key must be.
 *
 * Returns: whether the key belongs to the certificate
 *
 * Since: 1.0
 */
gboolean
qnet_tls_private_key_matches (QnetTlsPrivateKey  *self,
                              QnetTlsCertificate *certificate)
{
  unsigned char crt_id[64], key_id[64];
  size_t crt_id_size = sizeof (crt_id), key_id_size = sizeof (key_id);

  g_return_val_if_fail (QNET_IS_TLS_PRIVATE_KEY (self), FALSE);
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (certificate), FALSE);

  if (gnutls_x509_crt_get_key_id (_qnet_tls_certificate_get_x509 (certificate), 0, crt_id,
                                  &crt_id_size) < 0
      || gnutls_x509_privkey_get_key_id (self->key, 0, key_id, &key_id_size) < 0)
    return FALSE;

  return crt_id_size == key_id_size && memcmp (crt_id, key_id, crt_id_size) == 0;
}

gnutls_x509_privkey_t
_qnet_tls_private_key_get_x509 (QnetTlsPrivateKey *self)
{
  g_return_val_if_fail (QNET_IS_TLS_PRIVATE_KEY (self), NULL);

  return self->key;
}
