/* test-tls-certificate.c: QnetTlsCertificate and QnetTlsPrivateKey parsing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <qnet.h>

#include "qnet-tls-certificate-private.h"
#include "qnet-tls-private-key-private.h"
#include "tls-test-common.h"

#define SERVER_SUBJECT "CN=localhost,O=libqnet tests"
#define CA_SUBJECT     "CN=libqnet Test CA,O=libqnet tests"

static QnetTlsCertificate *
load_cert (const char *name)
{
  g_autofree char *path = tls_test_data_path (name);
  g_autoptr(GError) error = NULL;
  QnetTlsCertificate *cert = qnet_tls_certificate_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_true (QNET_IS_TLS_CERTIFICATE (cert));
  return cert;
}

static void
assert_date (GDateTime  *dt,
             const char *expected_iso8601)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (dt);
  text = g_date_time_format_iso8601 (dt);
  g_assert_cmpstr (text, ==, expected_iso8601);
}

static void
assert_server_certificate (QnetTlsCertificate *cert)
{
  g_auto(GStrv) names = NULL;

  g_assert_cmpstr (qnet_tls_certificate_get_subject_name (cert), ==, SERVER_SUBJECT);
  g_assert_cmpstr (qnet_tls_certificate_get_issuer_name (cert), ==, CA_SUBJECT);
  assert_date (qnet_tls_certificate_get_not_valid_before (cert), "2024-01-01T00:00:00Z");
  assert_date (qnet_tls_certificate_get_not_valid_after (cert), "2124-01-01T00:00:00Z");
  names = qnet_tls_certificate_get_dns_names (cert);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "localhost");
}

static void
test_certificate_pem (void)
{
  g_autoptr(GBytes) pem = tls_test_data_bytes ("server.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTlsCertificate) cert = NULL;
  g_autoptr(QnetTlsCertificate) again = NULL;
  g_autoptr(QnetTlsCertificate) bounded = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *padded = NULL;
  gsize size;
  const char *text = g_bytes_get_data (pem, &size);

  /* Nul-terminated copy, length -1. */
  padded = g_strndup (text, size);
  cert = qnet_tls_certificate_new_from_pem (padded, -1, &error);
  g_assert_no_error (error);
  assert_server_certificate (cert);
  g_assert_null (qnet_tls_certificate_get_issuer (cert));
  g_assert_cmpuint (qnet_tls_certificate_get_chain_length (cert), ==, 1);

  /* The exported PEM parses back to the same certificate. */
  exported = qnet_tls_certificate_get_pem (cert);
  g_assert_true (g_str_has_prefix (exported, "-----BEGIN CERTIFICATE-----"));
  again = qnet_tls_certificate_new_from_pem (exported, -1, &error);
  g_assert_no_error (error);
  g_assert_true (qnet_tls_certificate_is_same (cert, again));

  /* An explicit length: what follows it is not looked at. */
  g_free (padded);
  padded = g_strdup_printf ("%.*sGARBAGE-----BEGIN CERTIFICATE-----\nxx", (int) size, text);
  bounded = qnet_tls_certificate_new_from_pem (padded, size, &error);
  g_assert_no_error (error);
  g_assert_true (qnet_tls_certificate_is_same (cert, bounded));
}

static void
test_certificate_der (void)
{
  g_autoptr(GBytes) der = tls_test_data_bytes ("server.der");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTlsCertificate) cert = NULL;
  g_autoptr(QnetTlsCertificate) from_pem = load_cert ("server.pem");
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *expected = NULL;

  cert = qnet_tls_certificate_new_from_der (der, &error);
  g_assert_no_error (error);
  assert_server_certificate (cert);
  g_assert_true (qnet_tls_certificate_is_same (cert, from_pem));

  exported = qnet_tls_certificate_get_der (from_pem);
  g_assert_true (g_bytes_equal (exported, der));

  /* The fingerprint is the digest of the file's DER bytes. */
  fingerprint = qnet_tls_certificate_get_fingerprint (from_pem, G_CHECKSUM_SHA256);
  expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, der);
  g_assert_cmpstr (fingerprint, ==, expected);
  g_assert_cmpuint (strlen (fingerprint), ==, 64);
}

static void
test_certificate_file (void)
{
  g_autoptr(QnetTlsCertificate) pem = load_cert ("server.pem");
  g_autoptr(QnetTlsCertificate) der = load_cert ("server.der");
  g_autoptr(QnetTlsCertificate) expired = load_cert ("expired.pem");
  g_autoptr(QnetTlsCertificate) client = load_cert ("client.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTlsCertificate) missing = NULL;
  g_autofree char *missing_path = tls_test_data_path ("no-such-file.pem");
  g_auto(GStrv) names = NULL;

  g_assert_true (qnet_tls_certificate_is_same (pem, der));
  assert_date (qnet_tls_certificate_get_not_valid_before (expired), "2001-01-01T00:00:00Z");
  assert_date (qnet_tls_certificate_get_not_valid_after (expired), "2002-01-01T00:00:00Z");
  g_assert_cmpstr (qnet_tls_certificate_get_subject_name (client), ==,
                   "CN=libqnet test client,O=libqnet tests");
  names = qnet_tls_certificate_get_dns_names (client);
  g_assert_cmpuint (g_strv_length (names), ==, 0);

  missing = qnet_tls_certificate_new_from_file (missing_path, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_certificate_chain (void)
{
  g_autoptr(QnetTlsCertificate) chain = load_cert ("server-chain.pem");
  g_autoptr(QnetTlsCertificate) ca = load_cert ("ca.pem");
  g_autoptr(QnetTlsCertificate) issuer_prop = NULL;
  g_autoptr(QnetTlsCertificate) unsorted = NULL;
  g_autoptr(QnetTlsCertificate) from_peer = NULL;
  g_autoptr(GPtrArray) ders = NULL;
  g_autoptr(GBytes) server_pem = tls_test_data_bytes ("server.pem");
  g_autoptr(GBytes) ca_pem = tls_test_data_bytes ("ca.pem");
  g_autoptr(GError) error = NULL;
  g_autofree char *reversed = NULL;
  QnetTlsCertificate *issuer;
  gnutls_x509_crt_t x509[4];

  assert_server_certificate (chain);
  g_assert_cmpuint (qnet_tls_certificate_get_chain_length (chain), ==, 2);
  issuer = qnet_tls_certificate_get_issuer (chain);
  g_assert_nonnull (issuer);
  g_assert_true (qnet_tls_certificate_is_same (issuer, ca));
  g_assert_cmpstr (qnet_tls_certificate_get_subject_name (issuer), ==, CA_SUBJECT);
  g_assert_null (qnet_tls_certificate_get_issuer (issuer));

  g_object_get (chain, "issuer", &issuer_prop, NULL);
  g_assert_true (issuer_prop == issuer);

  /* The chain as the socket layer hands it to the TLS stream. */
  g_assert_cmpuint (_qnet_tls_certificate_get_x509_chain (chain, x509, G_N_ELEMENTS (x509)), ==, 2);
  g_assert_true (x509[0] == _qnet_tls_certificate_get_x509 (chain));
  g_assert_cmpuint (_qnet_tls_certificate_get_x509_chain (chain, x509, 1), ==, 1);

  /* A peer chain (DER, leaf first) becomes the same object graph. */
  ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_ptr_array_add (ders, qnet_tls_certificate_get_der (chain));
  g_ptr_array_add (ders, qnet_tls_certificate_get_der (ca));
  from_peer = _qnet_tls_certificate_new_from_der_chain (ders, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_tls_certificate_get_chain_length (from_peer), ==, 2);
  g_assert_true (qnet_tls_certificate_is_same (qnet_tls_certificate_get_issuer (from_peer), ca));

  /* A peer chain in the wrong order keeps the leaf only. */
  g_ptr_array_set_size (ders, 0);
  g_ptr_array_add (ders, qnet_tls_certificate_get_der (ca));
  g_ptr_array_add (ders, qnet_tls_certificate_get_der (chain));
  g_clear_object (&from_peer);
  from_peer = _qnet_tls_certificate_new_from_der_chain (ders, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qnet_tls_certificate_get_chain_length (from_peer), ==, 1);

  /* PEM text in issuer-first order is refused. */
  reversed = g_strdup_printf ("%.*s%.*s", (int) g_bytes_get_size (ca_pem),
                              (const char *) g_bytes_get_data (ca_pem, NULL),
                              (int) g_bytes_get_size (server_pem),
                              (const char *) g_bytes_get_data (server_pem, NULL));
  unsorted = qnet_tls_certificate_new_from_pem (reversed, -1, &error);
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "chain"));
  g_assert_null (unsorted);
}

static void
test_certificate_properties (void)
{
  g_autoptr(QnetTlsCertificate) cert = load_cert ("server.pem");
  g_autofree char *subject = NULL;
  g_autofree char *issuer_name = NULL;
  g_autofree char *pem = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) der_getter = NULL;

  g_object_get (cert,
                "subject-name", &subject,
                "issuer-name", &issuer_name,
                "not-valid-before", &before,
                "not-valid-after", &after,
                "der", &der,
                "pem", &pem,
                NULL);
  g_assert_cmpstr (subject, ==, SERVER_SUBJECT);
  g_assert_cmpstr (issuer_name, ==, CA_SUBJECT);
  g_assert_cmpint (g_date_time_get_year (before), ==, 2024);
  g_assert_cmpint (g_date_time_get_year (after), ==, 2124);
  der_getter = qnet_tls_certificate_get_der (cert);
  g_assert_true (g_bytes_equal (der, der_getter));
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN CERTIFICATE-----"));
}

static void
test_certificate_garbage (void)
{
  static const char *const bad_pem[] = {
    "",
    "hello, world",
    "-----BEGIN CERTIFICATE-----\n!!!! not base64 !!!!\n-----END CERTIFICATE-----\n",
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    "-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
  };
  g_autoptr(GBytes) key_pem = tls_test_data_bytes ("server-key.pem");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) random_der = NULL;
  g_autoptr(GBytes) truncated_der = NULL;
  g_autoptr(GBytes) der = tls_test_data_bytes ("server.der");
  g_autofree char *key_text = NULL;
  guint8 noise[512];

  for (guint i = 0; i < G_N_ELEMENTS (bad_pem); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetTlsCertificate) cert =
        qnet_tls_certificate_new_from_pem (bad_pem[i], -1, &error);

      g_test_message ("bad PEM %u", i);
      g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE);
      g_assert_null (cert);
    }

  /* A PEM file with a key and no certificate. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsCertificate) cert = NULL;

    key_text = g_strndup (g_bytes_get_data (key_pem, NULL), g_bytes_get_size (key_pem));
    cert = qnet_tls_certificate_new_from_pem (key_text, -1, &error);
    g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE);
    g_assert_cmpstr (error->message, ==, "No certificate found in the PEM data");
    g_assert_null (cert);
  }

  for (guint i = 0; i < sizeof (noise); i++)
    noise[i] = (guint8) g_test_rand_int_range (0, 256);
  random_der = g_bytes_new (noise, sizeof (noise));
  truncated_der = g_bytes_new_from_bytes (der, 0, g_bytes_get_size (der) / 2);

  {
    GBytes *bad_der[] = { empty, random_der, truncated_der };

    for (guint i = 0; i < G_N_ELEMENTS (bad_der); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(QnetTlsCertificate) cert = qnet_tls_certificate_new_from_der (bad_der[i], &error);

        g_test_message ("bad DER %u", i);
        g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE);
        g_assert_true (g_str_has_prefix (error->message, "Could not parse the DER certificate"));
        g_assert_null (cert);
      }
  }

  /* A key file read as a certificate file. */
  {
    g_autofree char *path = tls_test_data_path ("server-key.der");
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsCertificate) cert = qnet_tls_certificate_new_from_file (path, &error);

    g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE);
    g_assert_true (g_str_has_prefix (error->message, path));
    g_assert_null (cert);
  }
}

static QnetTlsPrivateKey *
load_key (const char *name,
          const char *password)
{
  g_autofree char *path = tls_test_data_path (name);
  g_autoptr(GError) error = NULL;
  QnetTlsPrivateKey *key = qnet_tls_private_key_new_from_file (path, password, &error);

  g_assert_no_error (error);
  g_assert_true (QNET_IS_TLS_PRIVATE_KEY (key));
  return key;
}

static void
test_private_key_plain (void)
{
  g_autoptr(QnetTlsCertificate) server = load_cert ("server.pem");
  g_autoptr(QnetTlsCertificate) client = load_cert ("client.pem");
  g_autoptr(QnetTlsPrivateKey) rsa = load_key ("server-key.pem", NULL);
  g_autoptr(QnetTlsPrivateKey) rsa_der = load_key ("server-key.der", NULL);
  g_autoptr(QnetTlsPrivateKey) ec = load_key ("client-key.pem", NULL);
  g_autoptr(GBytes) pem = tls_test_data_bytes ("server-key.pem");
  g_autoptr(GBytes) der = tls_test_data_bytes ("server-key.der");
  g_autoptr(QnetTlsPrivateKey) from_pem = NULL;
  g_autoptr(QnetTlsPrivateKey) from_der = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *algorithm = NULL;
  guint bits = 0;

  g_assert_cmpstr (qnet_tls_private_key_get_algorithm (rsa), ==, "RSA");
  g_assert_cmpuint (qnet_tls_private_key_get_bits (rsa), ==, 2048);
  g_assert_true (qnet_tls_private_key_matches (rsa, server));
  g_assert_false (qnet_tls_private_key_matches (rsa, client));
  g_assert_true (qnet_tls_private_key_matches (rsa_der, server));

  g_assert_cmpstr (qnet_tls_private_key_get_algorithm (ec), ==, "EC/ECDSA");
  g_assert_cmpuint (qnet_tls_private_key_get_bits (ec), ==, 256);
  g_assert_true (qnet_tls_private_key_matches (ec, client));
  g_assert_false (qnet_tls_private_key_matches (ec, server));

  g_object_get (ec, "algorithm", &algorithm, "bits", &bits, NULL);
  g_assert_cmpstr (algorithm, ==, "EC/ECDSA");
  g_assert_cmpuint (bits, ==, 256);

  /* A password given for a key that has none is not used. */
  from_pem = qnet_tls_private_key_new_from_pem (g_bytes_get_data (pem, NULL),
                                                g_bytes_get_size (pem), "unused", &error);
  g_assert_no_error (error);
  g_assert_true (qnet_tls_private_key_matches (from_pem, server));
  from_der = qnet_tls_private_key_new_from_der (der, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qnet_tls_private_key_matches (from_der, server));
  g_assert_nonnull (_qnet_tls_private_key_get_x509 (from_der));
}

static void
test_private_key_encrypted (void)
{
  g_autoptr(QnetTlsCertificate) client = load_cert ("client.pem");
  g_autoptr(QnetTlsPrivateKey) from_file = load_key ("client-key-pkcs8-encrypted.pem",
                                                     TLS_TEST_KEY_PASSWORD);
  g_autoptr(QnetTlsPrivateKey) from_der_file = load_key ("client-key-pkcs8-encrypted.der",
                                                         TLS_TEST_KEY_PASSWORD);
  g_autoptr(GBytes) pem = tls_test_data_bytes ("client-key-pkcs8-encrypted.pem");
  g_autoptr(GBytes) der = tls_test_data_bytes ("client-key-pkcs8-encrypted.der");
  g_autofree char *pem_text = g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));

  g_assert_true (g_str_has_prefix (pem_text, "-----BEGIN ENCRYPTED PRIVATE KEY-----"));
  g_assert_true (qnet_tls_private_key_matches (from_file, client));
  g_assert_true (qnet_tls_private_key_matches (from_der_file, client));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsPrivateKey) key =
      qnet_tls_private_key_new_from_pem (pem_text, -1, TLS_TEST_KEY_PASSWORD, &error);

    g_assert_no_error (error);
    g_assert_true (qnet_tls_private_key_matches (key, client));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsPrivateKey) key =
      qnet_tls_private_key_new_from_pem (pem_text, -1, "wrong password", &error);

    g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY);
    g_assert_cmpstr (error->message, ==, "Could not decrypt the private key: wrong password");
    g_assert_null (key);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsPrivateKey) key =
      qnet_tls_private_key_new_from_pem (pem_text, -1, NULL, &error);

    g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY);
    g_assert_cmpstr (error->message, ==, "The private key is encrypted and no password was given");
    g_assert_null (key);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsPrivateKey) key =
      qnet_tls_private_key_new_from_der (der, TLS_TEST_KEY_PASSWORD, &error);

    g_assert_no_error (error);
    g_assert_true (qnet_tls_private_key_matches (key, client));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsPrivateKey) key = qnet_tls_private_key_new_from_der (der, "", &error);

    g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY);
    g_assert_cmpstr (error->message, ==, "Could not decrypt the private key: wrong password");
    g_assert_null (key);
  }
  {
    g_autofree char *path = tls_test_data_path ("client-key-pkcs8-encrypted.pem");
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsPrivateKey) key = qnet_tls_private_key_new_from_file (path, "nope", &error);

    g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY);
    g_assert_true (g_str_has_prefix (error->message, path));
    g_assert_true (g_str_has_suffix (error->message, "wrong password"));
    g_assert_null (key);
  }
}

static void
test_private_key_garbage (void)
{
  static const char *const bad_pem[] = {
    "",
    "not a key",
    "-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----\n",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n",
  };
  g_autoptr(GBytes) cert_pem = tls_test_data_bytes ("server.pem");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) cert_der = tls_test_data_bytes ("server.der");
  g_autofree char *cert_text =
    g_strndup (g_bytes_get_data (cert_pem, NULL), g_bytes_get_size (cert_pem));

  for (guint i = 0; i < G_N_ELEMENTS (bad_pem); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetTlsPrivateKey) key =
        qnet_tls_private_key_new_from_pem (bad_pem[i], -1, NULL, &error);

      g_test_message ("bad PEM %u", i);
      g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY);
      g_assert_null (key);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsPrivateKey) key =
      qnet_tls_private_key_new_from_pem (cert_text, -1, NULL, &error);

    g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY);
    g_assert_cmpstr (error->message, ==, "No private key found in the data");
    g_assert_null (key);
  }
  {
    GBytes *bad_der[] = { empty, cert_der };

    for (guint i = 0; i < G_N_ELEMENTS (bad_der); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(QnetTlsPrivateKey) key =
          qnet_tls_private_key_new_from_der (bad_der[i], NULL, &error);

        g_test_message ("bad DER %u", i);
        g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY);
        g_assert_null (key);
      }
  }
  {
    g_autofree char *path = tls_test_data_path ("no-such-key.pem");
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsPrivateKey) key = qnet_tls_private_key_new_from_file (path, NULL, &error);

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_null (key);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls/certificate/pem", test_certificate_pem);
  g_test_add_func ("/tls/certificate/der", test_certificate_der);
  g_test_add_func ("/tls/certificate/file", test_certificate_file);
  g_test_add_func ("/tls/certificate/chain", test_certificate_chain);
  g_test_add_func ("/tls/certificate/properties", test_certificate_properties);
  g_test_add_func ("/tls/certificate/garbage", test_certificate_garbage);
  g_test_add_func ("/tls/private-key/plain", test_private_key_plain);
  g_test_add_func ("/tls/private-key/encrypted", test_private_key_encrypted);
  g_test_add_func ("/tls/private-key/garbage", test_private_key_garbage);

  return g_test_run ();
}
