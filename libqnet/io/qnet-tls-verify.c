/* qnet-tls-verify.c: GnuTLS verification status → OpenSSL-style codes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/x509.h>

#include "qnet-tls-verify.h"

typedef struct {
  QnetTlsVerifyCode code;
  const char       *name;
  /* The GnuTLS status bit that gives this code (0: never from a bit). */
  guint             status_bit;
  /* For GNUTLS_CERT_SIGNER_NOT_FOUND: the chain shape this row is for. */
  QnetTlsChainShape shape;
  gboolean          any_shape;
  const char       *message;
} QnetTlsVerifyRow;

/* The one table. Its order is the precedence of the codes. */
static const QnetTlsVerifyRow verify_table[] = {
  { QNET_TLS_VERIFY_OK, "X509_V_OK",
    0, 0, TRUE, N_("ok") },
  { QNET_TLS_VERIFY_DEPTH_ZERO_SELF_SIGNED_CERT, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT",
    GNUTLS_CERT_SIGNER_NOT_FOUND, QNET_TLS_CHAIN_LEAF_SELF_SIGNED, FALSE,
    N_("self-signed certificate") },
  { QNET_TLS_VERIFY_SELF_SIGNED_CERT_IN_CHAIN, "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN",
    GNUTLS_CERT_SIGNER_NOT_FOUND, QNET_TLS_CHAIN_ENDS_SELF_SIGNED, FALSE,
    N_("self-signed certificate in certificate chain") },
  { QNET_TLS_VERIFY_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    GNUTLS_CERT_SIGNER_NOT_FOUND, 0, TRUE,
    N_("unable to get local issuer certificate") },
  { QNET_TLS_VERIFY_INVALID_CA, "X509_V_ERR_INVALID_CA",
    GNUTLS_CERT_SIGNER_NOT_CA, 0, TRUE,
    N_("invalid CA certificate") },
  { QNET_TLS_VERIFY_PATH_LENGTH_EXCEEDED, "X509_V_ERR_PATH_LENGTH_EXCEEDED",
    GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE, 0, TRUE,
    N_("path length constraint exceeded") },
  { QNET_TLS_VERIFY_INVALID_PURPOSE, "X509_V_ERR_INVALID_PURPOSE",
    GNUTLS_CERT_PURPOSE_MISMATCH, 0, TRUE,
    N_("unsupported certificate purpose") },
  { QNET_TLS_VERIFY_UNHANDLED_CRITICAL_EXTENSION, "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION",
    GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS, 0, TRUE,
    N_("unhandled critical extension") },
  { QNET_TLS_VERIFY_HOSTNAME_MISMATCH, "X509_V_ERR_HOSTNAME_MISMATCH",
    GNUTLS_CERT_UNEXPECTED_OWNER, 0, TRUE,
    N_("hostname mismatch") },
  { QNET_TLS_VERIFY_CERT_REJECTED, "X509_V_ERR_CERT_REJECTED",
    GNUTLS_CERT_MISMATCH, 0, TRUE,
    N_("certificate rejected") },
  { QNET_TLS_VERIFY_CERT_REVOKED, "X509_V_ERR_CERT_REVOKED",
    GNUTLS_CERT_REVOKED, 0, TRUE,
    N_("certificate revoked") },
  { QNET_TLS_VERIFY_CRL_HAS_EXPIRED, "X509_V_ERR_CRL_HAS_EXPIRED",
    GNUTLS_CERT_REVOCATION_DATA_SUPERSEDED, 0, TRUE,
    N_("CRL has expired") },
  { QNET_TLS_VERIFY_CRL_NOT_YET_VALID, "X509_V_ERR_CRL_NOT_YET_VALID",
    GNUTLS_CERT_REVOCATION_DATA_ISSUED_IN_FUTURE, 0, TRUE,
    N_("CRL is not yet valid") },
  { QNET_TLS_VERIFY_OCSP_VERIFY_NEEDED, "X509_V_ERR_OCSP_VERIFY_NEEDED",
    GNUTLS_CERT_MISSING_OCSP_STATUS, 0, TRUE,
    N_("OCSP verification needed") },
  { QNET_TLS_VERIFY_OCSP_VERIFY_FAILED, "X509_V_ERR_OCSP_VERIFY_FAILED",
    GNUTLS_CERT_INVALID_OCSP_STATUS, 0, TRUE,
    N_("OCSP verification failed") },
  { QNET_TLS_VERIFY_CA_MD_TOO_WEAK, "X509_V_ERR_CA_MD_TOO_WEAK",
    GNUTLS_CERT_INSECURE_ALGORITHM, 0, TRUE,
    N_("CA signature digest algorithm too weak") },
  { QNET_TLS_VERIFY_CERT_SIGNATURE_FAILURE, "X509_V_ERR_CERT_SIGNATURE_FAILURE",
    GNUTLS_CERT_SIGNATURE_FAILURE, 0, TRUE,
    N_("certificate signature failure") },
  { QNET_TLS_VERIFY_CERT_NOT_YET_VALID, "X509_V_ERR_CERT_NOT_YET_VALID",
    GNUTLS_CERT_NOT_ACTIVATED, 0, TRUE,
    N_("certificate is not yet valid") },
  { QNET_TLS_VERIFY_CERT_HAS_EXPIRED, "X509_V_ERR_CERT_HAS_EXPIRED",
    GNUTLS_CERT_EXPIRED, 0, TRUE,
    N_("certificate has expired") },
  { QNET_TLS_VERIFY_UNSPECIFIED, "X509_V_ERR_UNSPECIFIED",
    0, 0, TRUE,
    N_("unspecified certificate verification error") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (verify_table) == QNET_TLS_VERIFY_N_CODES);

static const QnetTlsVerifyRow *
lookup_row (QnetTlsVerifyCode code)
{
  /* The table is indexed by its codes (checked by tests/tls/test-tls-verify.c). */
  g_return_val_if_fail ((guint) code < QNET_TLS_VERIFY_N_CODES,
                        &verify_table[QNET_TLS_VERIFY_UNSPECIFIED]);
  return &verify_table[code];
}

const char *
qnet_tls_verify_code_to_string (QnetTlsVerifyCode code)
{
  return lookup_row (code)->name;
}

const char *
qnet_tls_verify_code_get_message (QnetTlsVerifyCode code)
{
  return _(lookup_row (code)->message);
}

QnetTlsVerifyCode
qnet_tls_verify_code_from_string (const char *name)
{
  if (name == NULL)
    return QNET_TLS_VERIFY_N_CODES;

  for (guint i = 0; i < G_N_ELEMENTS (verify_table); i++)
    if (g_str_equal (verify_table[i].name, name))
      return verify_table[i].code;

  return QNET_TLS_VERIFY_N_CODES;
}

QnetTlsVerifyCode
qnet_tls_verify_code_from_status (guint             status,
                                  QnetTlsChainShape shape)
{
  if (status == 0)
    return QNET_TLS_VERIFY_OK;

  for (guint i = 0; i < G_N_ELEMENTS (verify_table); i++)
    {
      const QnetTlsVerifyRow *row = &verify_table[i];

      if (row->status_bit == 0 || (status & row->status_bit) == 0)
        continue;
      if (!row->any_shape && row->shape != shape)
        continue;
      return row->code;
    }

  /* Only GNUTLS_CERT_INVALID, or a bit newer than this table. */
  return QNET_TLS_VERIFY_UNSPECIFIED;
}

static gboolean
datum_is_self_signed (const gnutls_datum_t *der)
{
  gnutls_x509_crt_t crt = NULL;
  gboolean self_signed = FALSE;

  if (gnutls_x509_crt_init (&crt) < 0)
    return FALSE;
  if (gnutls_x509_crt_import (crt, der, GNUTLS_X509_FMT_DER) >= 0)
    self_signed = gnutls_x509_crt_check_issuer (crt, crt) != 0;
  gnutls_x509_crt_deinit (crt);

  return self_signed;
}

QnetTlsChainShape
qnet_tls_verify_chain_shape (const gnutls_datum_t *chain,
                             guint                 n_chain)
{
  if (chain == NULL || n_chain == 0)
    return QNET_TLS_CHAIN_OTHER;

  if (datum_is_self_signed (&chain[0]))
    return QNET_TLS_CHAIN_LEAF_SELF_SIGNED;
  if (n_chain > 1 && datum_is_self_signed (&chain[n_chain - 1]))
    return QNET_TLS_CHAIN_ENDS_SELF_SIGNED;

  return QNET_TLS_CHAIN_OTHER;
}
