/* test-tls-verify.c: the GnuTLS status → X509_V_* table
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <qnet.h>

#include "qnet-tls-verify.h"
#include "tls-test-common.h"

static void
test_table_names (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint code = 0; code < QNET_TLS_VERIFY_N_CODES; code++)
    {
      const char *name = qnet_tls_verify_code_to_string (code);
      const char *message = qnet_tls_verify_code_get_message (code);

      g_assert_nonnull (name);
      g_assert_true (g_str_has_prefix (name, "X509_V_"));
      g_assert_false (g_hash_table_contains (seen, name));
      g_hash_table_add (seen, (gpointer) name);
      /* Indexed by code: the name leads back to the same code. */
      g_assert_cmpint (qnet_tls_verify_code_from_string (name), ==, code);
      g_assert_nonnull (message);
      g_assert_cmpuint (strlen (message), >, 0);
    }

  g_assert_cmpstr (qnet_tls_verify_code_to_string (QNET_TLS_VERIFY_OK), ==, "X509_V_OK");
  g_assert_cmpstr (qnet_tls_verify_code_to_string (QNET_TLS_VERIFY_CERT_HAS_EXPIRED), ==,
                   "X509_V_ERR_CERT_HAS_EXPIRED");
  g_assert_cmpstr (qnet_tls_verify_code_get_message (QNET_TLS_VERIFY_CERT_HAS_EXPIRED), ==,
                   "certificate has expired");
  g_assert_cmpint (qnet_tls_verify_code_from_string ("X509_V_ERR_NO_SUCH_THING"), ==,
                   QNET_TLS_VERIFY_N_CODES);
  g_assert_cmpint (qnet_tls_verify_code_from_string (NULL), ==, QNET_TLS_VERIFY_N_CODES);
}

typedef struct {
  guint              status;
  QnetTlsChainShape  shape;
  const char        *expected;
} StatusCase;

static void
test_status_mapping (void)
{
  static const StatusCase cases[] = {
    { 0, QNET_TLS_CHAIN_OTHER, "X509_V_OK" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_EXPIRED, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_CERT_HAS_EXPIRED" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_NOT_ACTIVATED, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_CERT_NOT_YET_VALID" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND, QNET_TLS_CHAIN_LEAF_SELF_SIGNED,
      "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND, QNET_TLS_CHAIN_ENDS_SELF_SIGNED,
      "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_REVOKED, QNET_TLS_CHAIN_OTHER, "X509_V_ERR_CERT_REVOKED" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNATURE_FAILURE, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_CERT_SIGNATURE_FAILURE" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_UNEXPECTED_OWNER, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_HOSTNAME_MISMATCH" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_MISMATCH, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_CERT_REJECTED" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_CA, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_INVALID_CA" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_PURPOSE_MISMATCH, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_INVALID_PURPOSE" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_INSECURE_ALGORITHM, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_CA_MD_TOO_WEAK" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_PATH_LENGTH_EXCEEDED" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_REVOCATION_DATA_SUPERSEDED, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_CRL_HAS_EXPIRED" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_REVOCATION_DATA_ISSUED_IN_FUTURE, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_CRL_NOT_YET_VALID" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_MISSING_OCSP_STATUS, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_OCSP_VERIFY_NEEDED" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_INVALID_OCSP_STATUS, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_OCSP_VERIFY_FAILED" },
    /* Precedence: the chain first, then the host name, then time. */
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_EXPIRED,
      QNET_TLS_CHAIN_LEAF_SELF_SIGNED, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_UNEXPECTED_OWNER | GNUTLS_CERT_EXPIRED,
      QNET_TLS_CHAIN_OTHER, "X509_V_ERR_HOSTNAME_MISMATCH" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_REVOKED | GNUTLS_CERT_EXPIRED, QNET_TLS_CHAIN_OTHER,
      "X509_V_ERR_CERT_REVOKED" },
    { GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNATURE_FAILURE | GNUTLS_CERT_NOT_ACTIVATED,
      QNET_TLS_CHAIN_OTHER, "X509_V_ERR_CERT_SIGNATURE_FAILURE" },
    /* Only the generic bit, or a bit this table does not know. */
    { GNUTLS_CERT_INVALID, QNET_TLS_CHAIN_OTHER, "X509_V_ERR_UNSPECIFIED" },
    { 1u << 30, QNET_TLS_CHAIN_OTHER, "X509_V_ERR_UNSPECIFIED" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      QnetTlsVerifyCode code = qnet_tls_verify_code_from_status (cases[i].status, cases[i].shape);

      g_test_message ("case %u: status 0x%x", i, cases[i].status);
      g_assert_cmpstr (qnet_tls_verify_code_to_string (code), ==, cases[i].expected);
    }
}

static QnetTlsChainShape
shape_of_file (const char *name)
{
  g_autoptr(GBytes) pem = tls_test_data_bytes (name);
  gnutls_x509_crt_t *list = NULL;
  unsigned int n = 0;
  gnutls_datum_t datum;
  gnutls_datum_t ders[4];
  QnetTlsChainShape shape;
  gsize size;
  int ret;

  datum.data = (unsigned char *) g_bytes_get_data (pem, &size);
  datum.size = size;
  ret = gnutls_x509_crt_list_import2 (&list, &n, &datum, GNUTLS_X509_FMT_PEM, 0);
  g_assert_cmpint (ret, >=, 0);
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (ders));
  for (unsigned int i = 0; i < n; i++)
    {
      ret = gnutls_x509_crt_export2 (list[i], GNUTLS_X509_FMT_DER, &ders[i]);
      g_assert_cmpint (ret, ==, 0);
    }

  shape = qnet_tls_verify_chain_shape (ders, n);

  for (unsigned int i = 0; i < n; i++)
    {
      gnutls_free (ders[i].data);
      gnutls_x509_crt_deinit (list[i]);
    }
  gnutls_free (list);
  return shape;
}

static void
test_chain_shape (void)
{
  g_assert_cmpint (shape_of_file ("selfsigned.pem"), ==, QNET_TLS_CHAIN_LEAF_SELF_SIGNED);
  g_assert_cmpint (shape_of_file ("server-chain.pem"), ==, QNET_TLS_CHAIN_ENDS_SELF_SIGNED);
  g_assert_cmpint (shape_of_file ("server.pem"), ==, QNET_TLS_CHAIN_OTHER);
  g_assert_cmpint (shape_of_file ("ca.pem"), ==, QNET_TLS_CHAIN_LEAF_SELF_SIGNED);
  g_assert_cmpint (qnet_tls_verify_chain_shape (NULL, 0), ==, QNET_TLS_CHAIN_OTHER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls/verify/table-names", test_table_names);
  g_test_add_func ("/tls/verify/status-mapping", test_status_mapping);
  g_test_add_func ("/tls/verify/chain-shape", test_chain_shape);

  return g_test_run ();
}
