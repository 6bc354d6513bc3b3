/* qnet-tls-certificate.c: an X.509 certificate (and its issuers)
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

/* Certificates one PEM text or peer chain may hold: a leaf and its
 * intermediates, never a whole CA bundle. */
#define QNET_TLS_CERTIFICATE_MAX_CHAIN 16
/* Certificate files are read whole; real ones are a few KiB. */
#define QNET_TLS_CERTIFICATE_MAX_FILE (4 * 1024 * 1024)

/**
 * QnetTlsCertificate:
 *
 * An immutable X.509 certificate, with the issuer certificates that came
 * with it: what a TLS server (or a client that authenticates itself)
 * presents to its peer through `QnetSocket:certificate`, and what the
 * socket's `accept-certificate` signal shows of an untrusted peer.
 *
 * A PEM text may hold several certificates: the first is this
 * certificate, each following one must be the issuer of the one before it
 * (as web servers expect their chain file), and is reachable with
 * [method@Qnet.TlsCertificate.get_issuer].
 *
 * ```python
 * cert = Qnet.TlsCertificate.new_from_file("/etc/ssl/example/chain.pem")
 * print(cert.get_subject_name(), cert.get_not_valid_after().format_iso8601())
 * issuer = cert.get_issuer()
 * ```
 *
 * Since: 1.0
 */

struct _QnetTlsCertificate
{
  GObject             parent_instance;

  gnutls_x509_crt_t   crt;            /* (owned) */
  GBytes             *der;            /* (owned) */
  QnetTlsCertificate *issuer;         /* (owned) (nullable) */
  char               *subject_name;   /* (owned) */
  char               *issuer_name;    /* (owned) */
  GDateTime          *not_valid_before;  /* (owned) (nullable) */
  GDateTime          *not_valid_after;   /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (QnetTlsCertificate, qnet_tls_certificate, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBJECT_NAME,
  PROP_ISSUER_NAME,
  PROP_NOT_VALID_BEFORE,
  PROP_NOT_VALID_AFTER,
  PROP_ISSUER,
  PROP_DER,
  PROP_PEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
qnet_tls_certificate_finalize (GObject *object)
{
  QnetTlsCertificate *self = QNET_TLS_CERTIFICATE (object);

  g_clear_pointer (&self->crt, gnutls_x509_crt_deinit);
  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_object (&self->issuer);
  g_clear_pointer (&self->subject_name, g_free);
  g_clear_pointer (&self->issuer_name, g_free);
  g_clear_pointer (&self->not_valid_before, g_date_time_unref);
  g_clear_pointer (&self->not_valid_after, g_date_time_unref);

  G_OBJECT_CLASS (qnet_tls_certificate_parent_class)->finalize (object);
}

static void
qnet_tls_certificate_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  QnetTlsCertificate *self = QNET_TLS_CERTIFICATE (object);

  switch (prop_id)
    {
    case PROP_SUBJECT_NAME:
      g_value_set_string (value, self->subject_name);
      break;
    case PROP_ISSUER_NAME:
      g_value_set_string (value, self->issuer_name);
      break;
    case PROP_NOT_VALID_BEFORE:
      g_value_set_boxed (value, self->not_valid_before);
      break;
    case PROP_NOT_VALID_AFTER:
      g_value_set_boxed (value, self->not_valid_after);
      break;
    case PROP_ISSUER:
      g_value_set_object (value, self->issuer);
      break;
    case PROP_DER:
      g_value_set_boxed (value, self->der);
      break;
    case PROP_PEM:
      g_value_take_string (value, qnet_tls_certificate_get_pem (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_tls_certificate_class_init (QnetTlsCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qnet_tls_certificate_finalize;
  object_class->get_property = qnet_tls_certificate_get_property;

  /**
   * QnetTlsCertificate:subject-name:
   *
   * The subject's distinguished name, RFC 4514 style
   * (`CN=example.com,O=Example`).
   *
   * Since: 1.0
   */
  properties[PROP_SUBJECT_NAME] =
    g_param_spec_string ("subject-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetTlsCertificate:issuer-name:
   *
   * The issuer's distinguished name, RFC 4514 style.
   *
   * Since: 1.0
   */
  properties[PROP_ISSUER_NAME] =
    g_param_spec_string ("issuer-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetTlsCertificate:not-valid-before:
   *
   * The start of the validity period (UTC), or %NULL when the
   * certificate does not carry a readable one.
   *
   * Since: 1.0
   */
  properties[PROP_NOT_VALID_BEFORE] =
    g_param_spec_boxed ("not-valid-before", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetTlsCertificate:not-valid-after:
   *
   * The end of the validity period (UTC), or %NULL when the certificate
   * does not carry a readable one.
   *
   * Since: 1.0
   */
  properties[PROP_NOT_VALID_AFTER] =
    g_param_spec_boxed ("not-valid-after", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetTlsCertificate:issuer:
   *
   * The issuer's certificate, when it came with this one (the next
   * certificate of a PEM chain, or of the chain a peer sent).
   *
   * Since: 1.0
   */
  properties[PROP_ISSUER] =
    g_param_spec_object ("issuer", NULL, NULL, QNET_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetTlsCertificate:der:
   *
   * The certificate in DER encoding.
   *
   * Since: 1.0
   */
  properties[PROP_DER] =
    g_param_spec_boxed ("der", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetTlsCertificate:pem:
   *
   * The certificate (without its issuers) in PEM encoding.
   *
   * Since: 1.0
   */
  properties[PROP_PEM] =
    g_param_spec_string ("pem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qnet_tls_certificate_init (QnetTlsCertificate *self)
{
}

static char *
dn_to_string (gnutls_x509_crt_t crt,
              gboolean          issuer)
{
  gnutls_datum_t dn = { NULL, 0 };
  char *result;
  int ret;

  if (issuer)
    ret = gnutls_x509_crt_get_issuer_dn3 (crt, &dn, 0);
  else
    ret = gnutls_x509_crt_get_dn3 (crt, &dn, 0);
  if (ret < 0 || dn.data == NULL)
    return g_strdup ("");

  /* DNs may carry any bytes; keep the property a valid UTF-8 string. */
  result = g_utf8_make_valid ((const char *) dn.data, dn.size);
  gnutls_free (dn.data);
  return result;
}

static GDateTime *
time_to_date_time (time_t t)
{
  if (t == (time_t) -1)
    return NULL;
  return g_date_time_new_from_unix_utc ((gint64) t);
}

/* Takes @crt; @issuer may be NULL. */
static QnetTlsCertificate *
certificate_new_take (gnutls_x509_crt_t    crt,
                      QnetTlsCertificate  *issuer,
                      GError             **error)
{
  g_autoptr(QnetTlsCertificate) self = NULL;
  gnutls_datum_t der = { NULL, 0 };
  int ret;

  ret = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der);
  if (ret < 0)
    {
      gnutls_x509_crt_deinit (crt);
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("Could not encode the certificate: %s"), gnutls_strerror (ret));
      return NULL;
    }

  self = g_object_new (QNET_TYPE_TLS_CERTIFICATE, NULL);
  self->crt = crt;
  self->der = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);
  self->issuer = issuer != NULL ? g_object_ref (issuer) : NULL;
  self->subject_name = dn_to_string (crt, FALSE);
  self->issuer_name = dn_to_string (crt, TRUE);
  self->not_valid_before = time_to_date_time (gnutls_x509_crt_get_activation_time (crt));
  self->not_valid_after = time_to_date_time (gnutls_x509_crt_get_expiration_time (crt));

  return g_steal_pointer (&self);
}

/* Builds the certificate of @list[0] with the rest as its issuers; takes
 * every element of @list. */
static QnetTlsCertificate *
certificate_new_from_list (gnutls_x509_crt_t *list,
                           guint              n_list,
                           GError           **error)
{
  g_autoptr(QnetTlsCertificate) issuer = NULL;
  guint i = n_list;

  while (i-- > 0)
    {
      QnetTlsCertificate *cert = certificate_new_take (list[i], issuer, error);

      list[i] = NULL;
      if (cert == NULL)
        {
          while (i-- > 0)
            g_clear_pointer (&list[i], gnutls_x509_crt_deinit);
          return NULL;
        }
      g_clear_object (&issuer);
      issuer = cert;
    }

  return g_steal_pointer (&issuer);
}

static void
free_crt_list (gnutls_x509_crt_t *list,
               unsigned int       n_list)
{
  for (unsigned int i = 0; i < n_list; i++)
    if (list[i] != NULL)
      gnutls_x509_crt_deinit (list[i]);
  gnutls_free (list);
}

static QnetTlsCertificate *
new_from_pem_data (const char  *pem,
                   gsize        length,
                   GError     **error)
{
  gnutls_x509_crt_t *list = NULL;
  unsigned int n_list = 0;
  gnutls_datum_t datum;
  QnetTlsCertificate *result;
  int ret;

  if (g_strstr_len (pem, length, "-----BEGIN ") == NULL)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("The text is not in PEM format"));
      return NULL;
    }

  datum.data = (unsigned char *) pem;
  datum.size = length;
  ret = gnutls_x509_crt_list_import2 (&list, &n_list, &datum, GNUTLS_X509_FMT_PEM,
                                      GNUTLS_X509_CRT_LIST_FAIL_IF_UNSORTED);
  if (ret == GNUTLS_E_CERTIFICATE_LIST_UNSORTED)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("The certificates do not form a chain: "
                     "each one must be followed by its issuer"));
      return NULL;
    }
  if (ret < 0 || n_list == 0)
    {
      if (ret >= 0 || ret == GNUTLS_E_NO_CERTIFICATE_FOUND
          || ret == GNUTLS_E_BASE64_UNEXPECTED_HEADER_ERROR)
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                     _("No certificate found in the PEM data"));
      else
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                     _("Could not parse the PEM certificate: %s"), gnutls_strerror (ret));
      free_crt_list (list, n_list);
      return NULL;
    }
  if (n_list > QNET_TLS_CERTIFICATE_MAX_CHAIN)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("The PEM data holds more than %d certificates"),
                   QNET_TLS_CERTIFICATE_MAX_CHAIN);
      free_crt_list (list, n_list);
      return NULL;
    }

  result = certificate_new_from_list (list, n_list, error);
  gnutls_free (list);
  return result;
}

static gnutls_x509_crt_t
import_der (const guint8  *data,
            gsize          size,
            GError       **error)
{
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum;
  int ret;

  if (size == 0 || size > G_MAXUINT)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("Could not parse the DER certificate: %s"),
                   size == 0 ? _("no data") : _("too large"));
      return NULL;
    }

  ret = gnutls_x509_crt_init (&crt);
  if (ret >= 0)
    {
      datum.data = (unsigned char *) data;
      datum.size = size;
      ret = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER);
    }
  if (ret < 0)
    {
      g_clear_pointer (&crt, gnutls_x509_crt_deinit);
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("Could not parse the DER certificate: %s"), gnutls_strerror (ret));
      return NULL;
    }
  return crt;
}

/**
 * qnet_tls_certificate_new_from_pem: (constructor)
 * @pem: PEM text holding one or more `CERTIFICATE` blocks
 * @length: the length of @pem in bytes, or -1 when it is nul-terminated
 * @error: return location for a #GError
 *
 * Parses the PEM-encoded certificate in @pem. When @pem holds several
 * certificates, the first is the result and the others become its issuer
 * chain ([method@Qnet.TlsCertificate.get_issuer]); each must be followed
 * by its issuer. Other PEM blocks (a private key) are ignored.
 *
 * Fails with %QNET_TLS_ERROR_INVALID_CERTIFICATE when no certificate
 * can be read or the certificates are not in chain order.
 *
 * Returns: (transfer full): the certificate, or %NULL on error
 *
 * Since: 1.0
 */
QnetTlsCertificate *
qnet_tls_certificate_new_from_pem (const char  *pem,
                                   gssize       length,
                                   GError     **error)
{
  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_pem_data (pem, length < 0 ? strlen (pem) : (gsize) length, error);
}

/**
 * qnet_tls_certificate_new_from_der: (constructor)
 * @der: one DER-encoded certificate
 * @error: return location for a #GError
 *
 * Parses the DER-encoded certificate in @der.
 *
 * Fails with %QNET_TLS_ERROR_INVALID_CERTIFICATE when @der is not a
 * certificate.
 *
 * Returns: (transfer full): the certificate, or %NULL on error
 *
 * Since: 1.0
 */
QnetTlsCertificate *
qnet_tls_certificate_new_from_der (GBytes  *der,
                                   GError **error)
{
  gnutls_x509_crt_t crt;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (der, &size);
  crt = import_der (data, size, error);
  if (crt == NULL)
    return NULL;
  return certificate_new_take (crt, NULL, error);
}

/**
 * qnet_tls_certificate_new_from_file: (constructor)
 * @path: (type filename): a file holding PEM text or one DER certificate
 * @error: return location for a #GError
 *
 * Reads a certificate from the file at @path. The format is detected: a
 * file with a PEM header is read as by
 * [ctor@Qnet.TlsCertificate.new_from_pem] (a chain file gives the
 * certificate with its issuers), any other as DER.
 *
 * Fails with a %G_IO_ERROR when the file cannot be read, or with
 * %QNET_TLS_ERROR_INVALID_CERTIFICATE.
 *
 * Returns: (transfer full): the certificate, or %NULL on error
 *
 * Since: 1.0
 */
QnetTlsCertificate *
qnet_tls_certificate_new_from_file (const char  *path,
                                    GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gnutls_x509_crt_t crt;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  if (length > QNET_TLS_CERTIFICATE_MAX_FILE)
    {
      g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE,
                   _("The certificate file “%s” is too large"), path);
      return NULL;
    }

  if (g_strstr_len (contents, length, "-----BEGIN ") != NULL)
    {
      QnetTlsCertificate *cert = new_from_pem_data (contents, length, &local_error);

      if (cert == NULL)
        g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                     local_error->message);
      return cert;
    }

  crt = import_der ((const guint8 *) contents, length, &local_error);
  if (crt == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  return certificate_new_take (crt, NULL, error);
}

/**
 * qnet_tls_certificate_get_subject_name:
 * @self: a certificate
 *
 * Gets [property@Qnet.TlsCertificate:subject-name].
 *
 * Returns: (transfer none): the subject's distinguished name
 *
 * Since: 1.0
 */
const char *
qnet_tls_certificate_get_subject_name (QnetTlsCertificate *self)
{
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  return self->subject_name;
}

/**
 * qnet_tls_certificate_get_issuer_name:
 * @self: a certificate
 *
 * Gets [property@Qnet.TlsCertificate:issuer-name].
 *
 * Returns: (transfer none): the issuer's distinguished name
 *
 * Since: 1.0
 */
const char *
qnet_tls_certificate_get_issuer_name (QnetTlsCertificate *self)
{
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  return self->issuer_name;
}

/**
 * qnet_tls_certificate_get_not_valid_before:
 * @self: a certificate
 *
 * Gets [property@Qnet.TlsCertificate:not-valid-before].
 *
 * Returns: (transfer none) (nullable): the start of the validity period
 *
 * Since: 1.0
 */
GDateTime *
qnet_tls_certificate_get_not_valid_before (QnetTlsCertificate *self)
{
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  return self->not_valid_before;
}

/**
 * qnet_tls_certificate_get_not_valid_after:
 * @self: a certificate
 *
 * Gets [property@Qnet.TlsCertificate:not-valid-after].
 *
 * Returns: (transfer none) (nullable): the end of the validity period
 *
 * Since: 1.0
 */
GDateTime *
qnet_tls_certificate_get_not_valid_after (QnetTlsCertificate *self)
{
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  return self->not_valid_after;
}

/**
 * qnet_tls_certificate_get_dns_names:
 * @self: a certificate
 *
 * Gets the DNS names of the certificate's subject alternative name
 * extension, in the order they appear.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names (possibly
 *   an empty array)
 *
 * Since: 1.0
 */
char **
qnet_tls_certificate_get_dns_names (QnetTlsCertificate *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  builder = g_strv_builder_new ();
  /* A certificate has a handful of names; the index bound only guards
   * against a pathological extension. */
  for (unsigned int i = 0; i < 4096; i++)
    {
      char name[1024];
      size_t size = sizeof (name) - 1;
      unsigned int critical = 0;
      int ret = gnutls_x509_crt_get_subject_alt_name (self->crt, i, name, &size, &critical);

      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret == GNUTLS_SAN_DNSNAME && size < sizeof (name))
        {
          name[size] = '\0';
          if (g_utf8_validate (name, size, NULL))
            g_strv_builder_add (builder, name);
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * qnet_tls_certificate_get_pem:
 * @self: a certificate
 *
 * Encodes the certificate (without its issuers) as PEM.
 *
 * Returns: (transfer full): a `-----BEGIN CERTIFICATE-----` block
 *
 * Since: 1.0
 */
char *
qnet_tls_certificate_get_pem (QnetTlsCertificate *self)
{
  gnutls_datum_t pem = { NULL, 0 };
  char *result;

  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  if (gnutls_x509_crt_export2 (self->crt, GNUTLS_X509_FMT_PEM, &pem) < 0)
    return g_strdup ("");
  result = g_strndup ((const char *) pem.data, pem.size);
  gnutls_free (pem.data);
  return result;
}

/**
 * qnet_tls_certificate_get_der:
 * @self: a certificate
 *
 * Gets [property@Qnet.TlsCertificate:der].
 *
 * Returns: (transfer full): the DER encoding of the certificate
 *
 * Since: 1.0
 */
GBytes *
qnet_tls_certificate_get_der (QnetTlsCertificate *self)
{
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  return g_bytes_ref (self->der);
}

/**
 * qnet_tls_certificate_get_fingerprint:
 * @self: a certificate
 * @checksum_type: the digest, e.g. %G_CHECKSUM_SHA256
 *
 * Computes the fingerprint of the certificate: the digest of its DER
 * encoding.
 *
 * Returns: (transfer full): the digest in lower-case hexadecimal
 *
 * Since: 1.0
 */
char *
qnet_tls_certificate_get_fingerprint (QnetTlsCertificate *self,
                                      GChecksumType       checksum_type)
{
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  return g_compute_checksum_for_bytes (checksum_type, self->der);
}

/**
 * qnet_tls_certificate_get_issuer:
 * @self: a certificate
 *
 * Gets [property@Qnet.TlsCertificate:issuer].
 *
 * Returns: (transfer none) (nullable): the issuer's certificate, when it
 *   came with this one
 *
 * Since: 1.0
 */
QnetTlsCertificate *
qnet_tls_certificate_get_issuer (QnetTlsCertificate *self)
{
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  return self->issuer;
}

/**
 * qnet_tls_certificate_get_chain_length:
 * @self: a certificate
 *
 * Counts this certificate and the issuers that came with it.
 *
 * Returns: 1 for a lone certificate, more for a chain
 *
 * Since: 1.0
 */
guint
qnet_tls_certificate_get_chain_length (QnetTlsCertificate *self)
{
  guint n = 0;

  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), 0);

  for (QnetTlsCertificate *c = self; c != NULL; c = c->issuer)
    n++;
  return n;
}

/**
 * qnet_tls_certificate_is_same:
 * @self: a certificate
 * @other: another certificate
 *
 * Compares two certificates by their DER encoding (issuers are not
 * compared).
 *
 * Returns: whether both are the same certificate
 *
 * Since: 1.0
 */
gboolean
qnet_tls_certificate_is_same (QnetTlsCertificate *self,
                              QnetTlsCertificate *other)
{
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), FALSE);
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (other), FALSE);

  return g_bytes_equal (self->der, other->der);
}

gnutls_x509_crt_t
_qnet_tls_certificate_get_x509 (QnetTlsCertificate *self)
{
  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), NULL);

  return self->crt;
}

guint
_qnet_tls_certificate_get_x509_chain (QnetTlsCertificate *self,
                                      gnutls_x509_crt_t  *chain,
                                      guint               max)
{
  guint n = 0;

  g_return_val_if_fail (QNET_IS_TLS_CERTIFICATE (self), 0);

  for (QnetTlsCertificate *c = self; c != NULL && n < max; c = c->issuer)
    chain[n++] = c->crt;
  return n;
}

QnetTlsCertificate *
_qnet_tls_certificate_new_from_der_chain (GPtrArray  *ders,
                                          GError    **error)
{
  gnutls_x509_crt_t list[QNET_TLS_CERTIFICATE_MAX_CHAIN];
  guint n = 0;

  g_return_val_if_fail (ders != NULL && ders->len > 0, NULL);

  for (guint i = 0; i < ders->len && n < G_N_ELEMENTS (list); i++)
    {
      g_autoptr(GError) local_error = NULL;
      gsize size;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (ders, i), &size);
      gnutls_x509_crt_t crt = import_der (data, size, &local_error);

      if (crt == NULL)
        {
          /* A broken intermediate ends the chain; the leaf stays usable. */
          if (n == 0)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          break;
        }
      if (n > 0 && !gnutls_x509_crt_check_issuer (list[n - 1], crt))
        {
          gnutls_x509_crt_deinit (crt);
          break;
        }
      list[n++] = crt;
    }

  return certificate_new_from_list (list, n, error);
}
