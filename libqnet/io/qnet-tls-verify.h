/* qnet-tls-verify.h: GnuTLS verification status → OpenSSL-style codes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Qore reports the result of a peer certificate check with OpenSSL's
 * X509_V_* names. GnuTLS reports a bit set instead. This module is the one
 * table that maps one to the other, with a human message per code.
 */

#pragma once

#include <glib.h>
#include <gnutls/gnutls.h>

G_BEGIN_DECLS

/* The codes in the order of the table; the order is also the precedence
 * when several GnuTLS status bits are set (chain building first, then
 * the chain's constraints, the host name, revocation, signatures and
 * finally the validity period, as OpenSSL's verifier reports them). */
typedef enum {
  QNET_TLS_VERIFY_OK,
  QNET_TLS_VERIFY_DEPTH_ZERO_SELF_SIGNED_CERT,
  QNET_TLS_VERIFY_SELF_SIGNED_CERT_IN_CHAIN,
  QNET_TLS_VERIFY_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
  QNET_TLS_VERIFY_INVALID_CA,
  QNET_TLS_VERIFY_PATH_LENGTH_EXCEEDED,
  QNET_TLS_VERIFY_INVALID_PURPOSE,
  QNET_TLS_VERIFY_UNHANDLED_CRITICAL_EXTENSION,
  QNET_TLS_VERIFY_HOSTNAME_MISMATCH,
  QNET_TLS_VERIFY_CERT_REJECTED,
  QNET_TLS_VERIFY_CERT_REVOKED,
  QNET_TLS_VERIFY_CRL_HAS_EXPIRED,
  QNET_TLS_VERIFY_CRL_NOT_YET_VALID,
  QNET_TLS_VERIFY_OCSP_VERIFY_NEEDED,
  QNET_TLS_VERIFY_OCSP_VERIFY_FAILED,
  QNET_TLS_VERIFY_CA_MD_TOO_WEAK,
  QNET_TLS_VERIFY_CERT_SIGNATURE_FAILURE,
  QNET_TLS_VERIFY_CERT_NOT_YET_VALID,
  QNET_TLS_VERIFY_CERT_HAS_EXPIRED,
  QNET_TLS_VERIFY_UNSPECIFIED,
  QNET_TLS_VERIFY_N_CODES
} QnetTlsVerifyCode;

/* What the peer's chain looks like; it decides which code a missing
 * issuer (GNUTLS_CERT_SIGNER_NOT_FOUND) becomes. */
typedef enum {
  QNET_TLS_CHAIN_OTHER,              /* issuer unknown: UNABLE_TO_GET_ISSUER_CERT_LOCALLY */
  QNET_TLS_CHAIN_LEAF_SELF_SIGNED,   /* one self-signed certificate: DEPTH_ZERO_SELF_SIGNED_CERT */
  QNET_TLS_CHAIN_ENDS_SELF_SIGNED,   /* an untrusted root came with it: SELF_SIGNED_CERT_IN_CHAIN */
} QnetTlsChainShape;

/* "X509_V_OK", "X509_V_ERR_CERT_HAS_EXPIRED", ... (static strings). */
const char        *qnet_tls_verify_code_to_string   (QnetTlsVerifyCode  code);
/* The human text of @code, translated ("certificate has expired"). */
const char        *qnet_tls_verify_code_get_message (QnetTlsVerifyCode  code);
/* The code named @name, or QNET_TLS_VERIFY_N_CODES when unknown. */
QnetTlsVerifyCode  qnet_tls_verify_code_from_string (const char        *name);

/* Maps a gnutls_certificate_status_t bit set (0 = trusted) to the code
 * with the highest precedence among the bits that are set. A set bit
 * that the table does not know gives QNET_TLS_VERIFY_UNSPECIFIED. */
QnetTlsVerifyCode  qnet_tls_verify_code_from_status (guint              status,
                                                     QnetTlsChainShape  shape);

/* Classifies a peer chain (DER certificates, leaf first, as
 * gnutls_certificate_get_peers() returns it). */
QnetTlsChainShape  qnet_tls_verify_chain_shape      (const gnutls_datum_t *chain,
                                                     guint                 n_chain);

G_END_DECLS
