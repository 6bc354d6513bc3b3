/* test-socket-tls-client.c: QnetSocket as a TLS client of gnutls-serv and nginx
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every case runs against both servers: trusted through set_ca_file,
 * untrusted (self-signed, wrong host name, expired) failing with
 * QNET_TLS_ERROR_CERTIFICATE and the OpenSSL-style code, accepted through
 * accept-certificate, and client certificates required by the server.
 * Plus the exact event sequence of a TLS connect (blocking and
 * asynchronous forms identical), TLS 1.2, shutdown_ssl, and truncation.
 */

#include "config.h"

#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "socket-tls-test.h"

/* ---- Connecting ------------------------------------------------------------- */

typedef struct {
  gboolean      done;
  GAsyncResult *result;
} AsyncWait;

static void
async_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  AsyncWait *wait = data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

/* connect_ssl to @dest in the blocking or the asynchronous form. */
static gboolean
connect_ssl (QnetSocket  *sock,
             const char  *dest,
             gboolean     async,
             GError     **error)
{
  AsyncWait wait = { FALSE, NULL };
  gboolean ok;

  if (!async)
    return qnet_socket_connect_ssl (sock, dest, STLS_TIMEOUT_MS, NULL, error);

  qnet_socket_connect_ssl_async (sock, dest, STLS_TIMEOUT_MS, NULL, async_ready, &wait);
  test_wait (&wait.done);
  ok = qnet_socket_connect_ssl_finish (sock, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

static char *
peer_dest (StlsPeer *peer)
{
  return g_strdup_printf ("127.0.0.1:%u", stls_peer_get_port (peer));
}

static void
report (QnetSocket *sock,
        const char *what)
{
  g_test_message ("%s: negotiated %s %s", what, qnet_socket_get_cipher_version (sock),
                  qnet_socket_get_cipher_name (sock));
}

/* The keys of operation-failed for @error. */
static char *
failed_event (const char   *operation,
              const GError *error)
{
  return g_strdup_printf ("operation-failed(operation=%s, domain=%s, code=%d, message=%s)\n",
                          operation, g_quark_to_string (error->domain), error->code, error->message);
}

/* ---- Trusted ---------------------------------------------------------------- */

static void
run_trusted (StlsPeerKind kind)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (kind, "server.pem", "server-key.pem", NULL, FALSE);
  g_autofree char *dest = peer_dest (peer);

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetTlsCertificate) peer_cert = NULL;
      g_autoptr(QnetTlsCertificate) expected = stls_load_certificate ("server.pem");
      g_autofree char *events = NULL;
      g_autofree char *want = NULL;

      g_assert_true (qnet_socket_get_verify_peer (sock));
      g_assert_null (qnet_socket_get_cipher_name (sock));
      g_assert_null (qnet_socket_verify_peer_certificate (sock));
      stls_trust_test_ca (sock);
      qnet_test_recorder_attach (rec, sock);

      g_assert_true (connect_ssl (sock, dest, async, &error));
      g_assert_no_error (error);
      g_assert_true (qnet_socket_get_is_secure (sock));
      g_assert_cmpstr (qnet_socket_get_cipher_version (sock), ==, "TLS1.3");
      g_assert_cmpstr (qnet_socket_get_cipher_name (sock), ==, STLS_TLS13_CIPHER);
      g_assert_cmpstr (qnet_socket_verify_peer_certificate (sock), ==, "X509_V_OK");
      peer_cert = qnet_socket_get_peer_certificate (sock);
      g_assert_nonnull (peer_cert);
      g_assert_true (qnet_tls_certificate_is_same (peer_cert, expected));
      report (sock, stls_peer_get_name (peer));

      /* The identity was the address connected to (the certificate has
       * 127.0.0.1 among its names). */
      events = test_describe_events (rec);
      want = g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, address=127.0.0.1, port=%u)\n"
                              "connected()\n"
                              "start-ssl()\n"
                              "ssl-established(cipher=" STLS_TLS13_CIPHER ", cipher_version=TLS1.3)\n",
                              stls_peer_get_port (peer));
      g_assert_cmpstr (events, ==, want);

      qnet_test_recorder_clear (rec);
      stls_peer_exchange (peer, sock);

      /* Plaintext byte counts. */
      {
        QnetEvent *sent = qnet_test_recorder_find (rec, "packet-sent", 0);
        QnetEvent *read = qnet_test_recorder_find (rec, "packet-read", 0);

        g_assert_nonnull (sent);
        g_assert_nonnull (read);
        if (kind == STLS_PEER_GNUTLS_SERV)
          {
            g_assert_cmpint (qnet_test_event_get_int (sent, "sent"), ==, strlen ("ping over QnetSocket TLS\n"));
            g_assert_cmpint (qnet_test_event_get_int (read, "total_to_read"), ==,
                             strlen ("ping over QnetSocket TLS\n"));
          }
        else
          g_assert_cmpint (qnet_test_event_get_int (sent, "sent"), ==,
                           strlen ("GET /hello.txt HTTP/1.0\r\nHost: localhost\r\n\r\n"));
      }

      if (kind == STLS_PEER_GNUTLS_SERV)
        {
          g_assert_true (qnet_socket_shutdown_ssl (sock, NULL, &error));
          g_assert_no_error (error);
          /* The TCP connection stays; sending is over. */
          g_assert_true (qnet_socket_is_open (sock));
          g_assert_false (qnet_socket_send (sock, "late\n", NULL, &error));
          g_assert_nonnull (error);
          g_clear_error (&error);
        }
      qnet_socket_close (sock);
      g_assert_false (qnet_socket_get_is_secure (sock));
    }
}

static void
test_trusted_gnutls (void)
{
  run_trusted (STLS_PEER_GNUTLS_SERV);
}

static void
test_trusted_nginx (void)
{
  run_trusted (STLS_PEER_NGINX);
}

/* connect_inet_ssl by name: the identity is the host name. */
static void
run_inet_by_name (StlsPeerKind kind)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (kind, "server.pem", "server-key.pem", NULL, FALSE);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", stls_peer_get_port (peer));

  stls_trust_test_ca (sock);
  g_assert_true (qnet_socket_connect_inet_ssl (sock, "localhost", port, G_SOCKET_FAMILY_IPV4,
                                               STLS_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_socket_verify_peer_certificate (sock), ==, "X509_V_OK");
  stls_peer_exchange (peer, sock);
}

static void
test_inet_by_name_gnutls (void)
{
  run_inet_by_name (STLS_PEER_GNUTLS_SERV);
}

static void
test_inet_by_name_nginx (void)
{
  run_inet_by_name (STLS_PEER_NGINX);
}

/* TLS 1.2: an ECDHE_RSA suite (the fixtures' server key is RSA). */
static void
run_tls12 (StlsPeerKind kind)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (kind, "server.pem", "server-key.pem", NULL, TRUE);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = peer_dest (peer);
  QnetEvent *established;

  stls_trust_test_ca (sock);
  qnet_test_recorder_attach (rec, sock);
  g_assert_true (connect_ssl (sock, dest, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_socket_get_cipher_version (sock), ==, "TLS1.2");
  g_assert_true (g_str_has_prefix (qnet_socket_get_cipher_name (sock), "TLS_ECDHE_RSA_WITH_"));
  established = qnet_test_recorder_find (rec, "ssl-established", 0);
  g_assert_nonnull (established);
  g_assert_cmpstr (qnet_test_event_get_string (established, "cipher"), ==, qnet_socket_get_cipher_name (sock));
  g_assert_cmpstr (qnet_test_event_get_string (established, "cipher_version"), ==, "TLS1.2");
  report (sock, stls_peer_get_kind (peer) == STLS_PEER_NGINX ? "nginx TLS 1.2" : "gnutls-serv TLS 1.2");
  stls_peer_exchange (peer, sock);
}

static void
test_tls12_gnutls (void)
{
  run_tls12 (STLS_PEER_GNUTLS_SERV);
}

static void
test_tls12_nginx (void)
{
  run_tls12 (STLS_PEER_NGINX);
}

/* ---- Untrusted peers ---------------------------------------------------------- */

typedef struct {
  guint               calls;
  gboolean            accept;
  char               *code;
  QnetTlsCertificate *peer;
} AcceptRecord;

static gboolean
on_accept_certificate (QnetSocket         *sock,
                       QnetTlsCertificate *peer,
                       const char         *code,
                       gpointer            data)
{
  AcceptRecord *rec = data;

  g_assert_true (QNET_IS_TLS_CERTIFICATE (peer));
  rec->calls++;
  g_free (rec->code);
  rec->code = g_strdup (code);
  g_set_object (&rec->peer, peer);
  return rec->accept;
}

static void
accept_record_clear (AcceptRecord *rec)
{
  g_clear_pointer (&rec->code, g_free);
  g_clear_object (&rec->peer);
}

/* A server with @cert: rejected with @code, then accepted by a handler
 * (which sees the certificate and the code), then accepted with
 * verify-peer off (no handler call). @server_name: QnetSocket:server-name
 * (nullable). */
static void
run_untrusted (StlsPeerKind  kind,
               const char   *cert,
               const char   *server_name,
               const char   *code)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (kind, cert, "server-key.pem", NULL, FALSE);
  g_autoptr(QnetTlsCertificate) expected = stls_load_certificate (cert);
  g_autofree char *dest = peer_dest (peer);

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *events = NULL;
      g_autofree char *want = NULL;
      g_autofree char *failed = NULL;

      stls_trust_test_ca (sock);
      qnet_socket_set_server_name (sock, server_name);
      qnet_test_recorder_attach (rec, sock);

      g_assert_false (connect_ssl (sock, dest, async, &error));
      g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE);
      /* The message says why. */
      g_assert_nonnull (strstr (error->message, code));
      g_assert_nonnull (strstr (error->message, "not trusted"));
      g_test_message ("%s, %s: %s", stls_peer_get_name (peer), cert, error->message);
      g_assert_false (qnet_socket_is_open (sock));
      g_assert_false (qnet_socket_get_is_secure (sock));

      failed = failed_event ("connect_ssl", error);
      events = test_describe_events (rec);
      want = g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, address=127.0.0.1, port=%u)\n"
                              "connected()\n"
                              "start-ssl()\n"
                              "channel-closed()\n"
                              "%s",
                              stls_peer_get_port (peer), failed);
      g_assert_cmpstr (events, ==, want);
    }

  /* A handler that refuses changes nothing; one that accepts wins. */
  for (guint accept = 0; accept <= 1; accept++)
    {
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(GError) error = NULL;
      AcceptRecord rec = { 0, accept, NULL, NULL };

      stls_trust_test_ca (sock);
      qnet_socket_set_server_name (sock, server_name);
      g_signal_connect (sock, "accept-certificate", G_CALLBACK (on_accept_certificate), &rec);

      if (!accept)
        {
          g_assert_false (connect_ssl (sock, dest, FALSE, &error));
          g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE);
          g_assert_cmpuint (rec.calls, ==, 1);
          accept_record_clear (&rec);
          continue;
        }

      g_assert_true (connect_ssl (sock, dest, TRUE, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rec.calls, ==, 1);
      g_assert_cmpstr (rec.code, ==, code);
      g_assert_nonnull (rec.peer);
      g_assert_true (qnet_tls_certificate_is_same (rec.peer, expected));
      /* The code stays what the verification said. */
      g_assert_cmpstr (qnet_socket_verify_peer_certificate (sock), ==, code);
      stls_peer_exchange (peer, sock);
      accept_record_clear (&rec);
    }

  /* verify-peer off: no question asked, the code is still known. */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();
    g_autoptr(GError) error = NULL;
    AcceptRecord rec = { 0, FALSE, NULL, NULL };

    stls_trust_test_ca (sock);
    qnet_socket_set_server_name (sock, server_name);
    qnet_socket_set_verify_peer (sock, FALSE);
    g_signal_connect (sock, "accept-certificate", G_CALLBACK (on_accept_certificate), &rec);
    g_assert_true (connect_ssl (sock, dest, FALSE, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (rec.calls, ==, 0);
    g_assert_cmpstr (qnet_socket_verify_peer_certificate (sock), ==, code);
    stls_peer_exchange (peer, sock);
  }
}

static void
test_self_signed_gnutls (void)
{
  run_untrusted (STLS_PEER_GNUTLS_SERV, "selfsigned.pem", NULL, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT");
}

static void
test_self_signed_nginx (void)
{
  run_untrusted (STLS_PEER_NGINX, "selfsigned.pem", NULL, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT");
}

static void
test_wrong_host_gnutls (void)
{
  run_untrusted (STLS_PEER_GNUTLS_SERV, "wronghost.pem", NULL, "X509_V_ERR_HOSTNAME_MISMATCH");
}

static void
test_wrong_host_nginx (void)
{
  run_untrusted (STLS_PEER_NGINX, "wronghost.pem", NULL, "X509_V_ERR_HOSTNAME_MISMATCH");
}

/* A good certificate, but server-name asks for another name. */
static void
test_server_name_mismatch_gnutls (void)
{
  run_untrusted (STLS_PEER_GNUTLS_SERV, "server.pem", "other.example.invalid", "X509_V_ERR_HOSTNAME_MISMATCH");
}

static void
test_server_name_mismatch_nginx (void)
{
  run_untrusted (STLS_PEER_NGINX, "server.pem", "other.example.invalid", "X509_V_ERR_HOSTNAME_MISMATCH");
}

static void
test_expired_gnutls (void)
{
  run_untrusted (STLS_PEER_GNUTLS_SERV, "expired.pem", NULL, "X509_V_ERR_CERT_HAS_EXPIRED");
}

static void
test_expired_nginx (void)
{
  run_untrusted (STLS_PEER_NGINX, "expired.pem", NULL, "X509_V_ERR_CERT_HAS_EXPIRED");
}

/* Without set_ca_file the test CA is unknown: the system trust store
 * alone does not know it. */
static void
test_system_trust_only (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_GNUTLS_SERV, "server.pem", "server-key.pem", NULL, FALSE);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = peer_dest (peer);

  g_assert_false (connect_ssl (sock, dest, FALSE, &error));
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"));
}

/* ---- Client certificates ------------------------------------------------------ */

static void
run_client_certificate (StlsPeerKind kind)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (kind, "server.pem", "server-key.pem", "ca.pem", FALSE);
  g_autofree char *dest = peer_dest (peer);

  /* With one (its key password-protected PKCS #8). */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();
    g_autoptr(GError) error = NULL;

    stls_trust_test_ca (sock);
    stls_use_identity (sock, "client.pem", "client-key-pkcs8-encrypted.pem");
    g_assert_true (connect_ssl (sock, dest, FALSE, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stls_peer_exchange (peer, sock), ==, kind == STLS_PEER_NGINX ? 200 : 0);
  }

  /* Without one. */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();
    g_autoptr(GError) error = NULL;

    g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();

    stls_trust_test_ca (sock);
    qnet_test_recorder_attach (rec, sock);
    if (!connect_ssl (sock, dest, FALSE, &error))
      {
        /* Refused in the handshake. */
        g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE);
        g_test_message ("%s without a client certificate: %s", stls_peer_get_name (peer), error->message);
      }
    else if (kind == STLS_PEER_NGINX)
      {
        /* nginx finishes the handshake and answers 400 ("No required SSL
         * certificate was sent"). */
        g_assert_cmpuint (stls_peer_exchange (peer, sock), ==, 400);
        g_test_message ("nginx without a client certificate: HTTP 400");
      }
    else
      {
        g_autoptr(GBytes) data = NULL;

        /* TLS 1.3: the client is done first; gnutls-serv's alert ends the
         * first read. */
        data = qnet_socket_recv_bytes (sock, 1, STLS_TIMEOUT_MS, NULL, &error);
        g_assert_null (data);
        g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED);
        g_test_message ("gnutls-serv without a client certificate, first read: %s", error->message);
        g_assert_false (qnet_socket_is_open (sock));
        {
          g_autofree char *events = test_describe_events (rec);
          g_autofree char *failed = failed_event ("recv_bytes", error);
          g_autofree char *want = g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, "
                                                   "address=127.0.0.1, port=%u)\n"
                                                   "connected()\n"
                                                   "start-ssl()\n"
                                                   "ssl-established(cipher=" STLS_TLS13_CIPHER
                                                   ", cipher_version=TLS1.3)\n"
                                                   "channel-closed()\n"
                                                   "%s",
                                                   stls_peer_get_port (peer), failed);

          g_assert_cmpstr (events, ==, want);
        }
      }
  }

  /* A certificate without its key is refused before anything is sent. */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();
    g_autoptr(QnetTlsCertificate) cert = stls_load_certificate ("client.pem");
    g_autoptr(GError) error = NULL;

    stls_trust_test_ca (sock);
    qnet_socket_set_certificate (sock, cert);
    g_assert_false (connect_ssl (sock, dest, FALSE, &error));
    g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY);
    g_assert_false (qnet_socket_is_open (sock));
  }
}

static void
test_client_certificate_gnutls (void)
{
  run_client_certificate (STLS_PEER_GNUTLS_SERV);
}

static void
test_client_certificate_nginx (void)
{
  run_client_certificate (STLS_PEER_NGINX);
}

/* ---- Event sequences ---------------------------------------------------------- */

/* connect_ssl by name (localhost: ::1, then 127.0.0.1; gnutls-serv
 * listens on both), blocking and asynchronous: the same events. */
static void
test_events_by_name (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_GNUTLS_SERV, "server.pem", "server-key.pem", NULL, FALSE);
  guint16 port = stls_peer_get_port (peer);
  g_autofree char *dest = g_strdup_printf ("localhost:%u", port);
  g_autofree char *want = NULL;
  g_autofree char *sync_events = NULL;

  want = g_strdup_printf ("hostname-lookup(name=localhost, service=%1$u)\n"
                          "hostname-resolved(address=::1, type=10, typename=ipv6, port=%1$u)\n"
                          "hostname-resolved(address=127.0.0.1, type=2, typename=ipv4, port=%1$u)\n"
                          "connecting(type=10, typename=ipv6, target=localhost, address=::1, port=%1$u)\n"
                          "connected()\n"
                          "start-ssl()\n"
                          "ssl-established(cipher=" STLS_TLS13_CIPHER ", cipher_version=TLS1.3)\n"
                          "packet-sent(socket=FD, sent=5, total_sent=5, total_to_send=5)\n"
                          "packet-read(read=5, total_read=5, total_to_read=5)\n"
                          "channel-closed()\n",
                          port);

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) echo = NULL;
      g_autofree char *events = NULL;

      stls_trust_test_ca (sock);
      qnet_test_recorder_attach (rec, sock);
      g_assert_true (connect_ssl (sock, dest, async, &error));
      g_assert_no_error (error);
      g_assert_true (qnet_socket_send (sock, "echo\n", NULL, &error));
      g_assert_no_error (error);
      echo = qnet_socket_recv_bytes (sock, 5, STLS_TIMEOUT_MS, NULL, &error);
      g_assert_no_error (error);
      qnet_socket_close (sock);

      events = test_describe_events (rec);
      g_assert_cmpstr (events, ==, want);
      if (async == 0)
        sync_events = g_steal_pointer (&events);
      else
        g_assert_cmpstr (events, ==, sync_events);
    }
  g_test_message ("TLS connect by name:\n%s", sync_events);
}

/* The typed signals carry the same values as the event hash. */
typedef struct {
  guint start;
  char *cipher;
  char *version;
} TypedRecord;

static void
on_start_ssl (QnetSocket *sock,
              gpointer    data)
{
  TypedRecord *rec = data;

  g_assert_false (qnet_socket_get_is_secure (sock));
  rec->start++;
}

static void
on_ssl_established (QnetSocket *sock,
                    const char *cipher,
                    const char *version,
                    gpointer    data)
{
  TypedRecord *rec = data;

  /* Already secure: handlers can query the connection. */
  g_assert_true (qnet_socket_get_is_secure (sock));
  g_assert_cmpstr (qnet_socket_get_cipher_name (sock), ==, cipher);
  rec->cipher = g_strdup (cipher);
  rec->version = g_strdup (version);
}

static void
test_typed_signals (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_NGINX, "server.pem", "server-key.pem", NULL, FALSE);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = peer_dest (peer);
  TypedRecord rec = { 0, NULL, NULL };

  stls_trust_test_ca (sock);
  g_signal_connect (sock, "start-ssl", G_CALLBACK (on_start_ssl), &rec);
  g_signal_connect (sock, "ssl-established", G_CALLBACK (on_ssl_established), &rec);
  g_assert_true (connect_ssl (sock, dest, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rec.start, ==, 1);
  g_assert_cmpstr (rec.cipher, ==, STLS_TLS13_CIPHER);
  g_assert_cmpstr (rec.version, ==, "TLS1.3");
  g_free (rec.cipher);
  g_free (rec.version);
}

/* A handler of ssl-established that closes the socket: the connect still
 * reports what happened, and nothing crashes. */
static void
close_on_established (QnetSocket *sock,
                      const char *cipher,
                      const char *version,
                      gpointer    data)
{
  qnet_socket_close (sock);
}

static void
close_on_start (QnetSocket *sock,
                gpointer    data)
{
  qnet_socket_close (sock);
}

static void
test_handler_closes (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_GNUTLS_SERV, "server.pem", "server-key.pem", NULL, FALSE);
  g_autofree char *dest = peer_dest (peer);

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(GError) error = NULL;

      stls_trust_test_ca (sock);
      g_signal_connect (sock, "ssl-established", G_CALLBACK (close_on_established), NULL);
      g_assert_true (connect_ssl (sock, dest, async, &error));
      g_assert_no_error (error);
      g_assert_false (qnet_socket_is_open (sock));
    }

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;

      stls_trust_test_ca (sock);
      qnet_test_recorder_attach (rec, sock);
      g_signal_connect (sock, "start-ssl", G_CALLBACK (close_on_start), NULL);
      g_assert_false (connect_ssl (sock, dest, async, &error));
      g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
      g_assert_cmpuint (qnet_test_recorder_count (rec, "ssl-established"), ==, 0);
      g_assert_cmpuint (qnet_test_recorder_count (rec, "channel-closed"), ==, 1);
      g_assert_cmpuint (qnet_test_recorder_count (rec, "operation-failed"), ==, 1);
    }
}

/* ---- Truncation ----------------------------------------------------------------- */

/* gnutls-serv is killed after it echoed a line: the connection ends
 * without close_notify. */
static QnetSocket *
connect_then_kill (StlsPeer *peer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = peer_dest (peer);
  QnetSocket *sock = qnet_socket_new ();

  stls_trust_test_ca (sock);
  g_assert_true (connect_ssl (sock, dest, FALSE, &error));
  g_assert_no_error (error);
  /* A first echo read back: what the server sent after the handshake
   * (session tickets) is consumed, so readability below means the second
   * echo arrived. */
  stls_peer_exchange (peer, sock);
  g_assert_true (qnet_socket_send (sock, "last words\n", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_is_data_available (sock, STLS_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);
  g_usleep (50 * 1000);
  stls_peer_kill (peer);
  return sock;
}

static void
test_truncated_recv_all (void)
{
  for (guint bytes = 0; bytes <= 1; bytes++)
    {
      g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_GNUTLS_SERV, "server.pem", "server-key.pem", NULL, FALSE);
      g_autoptr(QnetSocket) sock = connect_then_kill (peer);
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *events = NULL;
      g_autofree char *want = NULL;
      g_autofree char *failed = NULL;
      const char *operation = bytes ? "recv_bytes" : "recv";

      qnet_test_recorder_attach (rec, sock);
      if (bytes)
        {
          g_autoptr(GBytes) data = qnet_socket_recv_bytes (sock, -1, STLS_TIMEOUT_MS, NULL, &error);

          g_assert_null (data);
        }
      else
        {
          g_autofree char *text = qnet_socket_recv (sock, -1, STLS_TIMEOUT_MS, NULL, &error);

          g_assert_null (text);
        }
      g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_TRUNCATED);
      g_test_message ("%s(-1): %s", operation, error->message);
      g_assert_false (qnet_socket_is_open (sock));

      /* The data was read (and reported), then the unauthenticated end
       * failed the read: it cannot pass for a complete message. */
      failed = failed_event (operation, error);
      events = test_describe_events (rec);
      want = g_strdup_printf ("packet-read(read=11, total_read=11)\n"
                              "channel-closed()\n"
                              "%s",
                              failed);
      g_assert_cmpstr (events, ==, want);
    }
}

/* Other reads see an end of stream: a sized read returns what came
 * (visibly short), the next one fails as the socket is closed. */
static void
test_truncated_sized_read (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_GNUTLS_SERV, "server.pem", "server-key.pem", NULL, FALSE);
  g_autoptr(QnetSocket) sock = connect_then_kill (peer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;

  data = qnet_socket_recv_bytes (sock, 100, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (data, NULL), g_bytes_get_size (data), "last words\n", 11);
  g_assert_false (qnet_socket_is_open (sock));
}

/* Push mode reports the truncation when the stream ends. */
static void
on_received (QnetSocket *sock,
             GBytes     *data,
             gpointer    user_data)
{
  GByteArray *got = user_data;

  g_byte_array_append (got, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
}

static void
test_truncated_push_mode (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_GNUTLS_SERV, "server.pem", "server-key.pem", NULL, FALSE);
  g_autoptr(QnetSocket) sock = connect_then_kill (peer);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GByteArray) got = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  QnetEvent *failed;

  qnet_test_recorder_attach (rec, sock);
  g_signal_connect (sock, "received", G_CALLBACK (on_received), got);
  g_assert_true (qnet_socket_start_receiving (sock, &error));
  g_assert_no_error (error);
  test_iterate_until (!qnet_socket_is_open (sock));

  g_assert_cmpmem (got->data, got->len, "last words\n", 11);
  failed = qnet_test_recorder_find (rec, "operation-failed", 0);
  g_assert_nonnull (failed);
  g_assert_cmpstr (qnet_test_event_get_string (failed, "operation"), ==, "start_receiving");
  g_assert_cmpint (qnet_test_event_get_int (failed, "code"), ==, QNET_TLS_ERROR_TRUNCATED);
  g_assert_cmpstr (qnet_test_event_get_string (failed, "domain"), ==, g_quark_to_string (QNET_TLS_ERROR));
}

/* Push mode over TLS against nginx, which ends with close_notify: the
 * whole response is delivered and the end is clean. */
static void
test_push_mode_clean_end (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_NGINX, "server.pem", "server-key.pem", NULL, FALSE);
  g_autofree char *dest = peer_dest (peer);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GByteArray) got = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  stls_trust_test_ca (sock);
  g_assert_true (connect_ssl (sock, dest, FALSE, &error));
  g_assert_no_error (error);
  qnet_test_recorder_attach (rec, sock);
  g_signal_connect (sock, "received", G_CALLBACK (on_received), got);
  g_assert_true (qnet_socket_start_receiving (sock, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_send (sock, "GET /hello.txt HTTP/1.0\r\nHost: localhost\r\n\r\n", NULL, &error));
  g_assert_no_error (error);
  test_iterate_until (!qnet_socket_is_open (sock));

  text = g_strndup ((const char *) got->data, got->len);
  g_assert_true (g_str_has_prefix (text, "HTTP/1.1 200 OK\r\n"));
  g_assert_true (g_str_has_suffix (text, "\r\n\r\n" STLS_HELLO_BODY));
  g_assert_cmpuint (qnet_test_recorder_count (rec, "channel-closed"), ==, 1);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "operation-failed"), ==, 0);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "socket-data-read"), ==, 0);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "packet-read"), >=, 1);
}

/* TCP_NODELAY is on from the handshake to the first write after it (the
 * handshake's last flight would otherwise hold that write back for the
 * peer's delayed acknowledgement), then no-delay (off) applies again. */
static gint
tcp_nodelay (QnetSocket *sock)
{
  int value = -1;
  socklen_t len = sizeof value;

  g_assert_cmpint (getsockopt (qnet_socket_get_fd (sock), IPPROTO_TCP, TCP_NODELAY, &value, &len), ==, 0);
  return value != 0;
}

static void
test_nodelay_until_first_write (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_GNUTLS_SERV, "server.pem", "server-key.pem", NULL, FALSE);
  g_autofree char *dest = peer_dest (peer);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;

  stls_trust_test_ca (sock);
  g_assert_false (qnet_socket_get_no_delay (sock));
  g_assert_true (connect_ssl (sock, dest, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tcp_nodelay (sock), ==, 1);
  stls_peer_exchange (peer, sock);
  g_assert_cmpint (tcp_nodelay (sock), ==, 0);
  g_assert_false (qnet_socket_get_no_delay (sock));

  /* With no-delay on, it stays on. */
  qnet_socket_set_no_delay (sock, TRUE);
  g_assert_cmpint (tcp_nodelay (sock), ==, 1);
  stls_peer_exchange (peer, sock);
  g_assert_cmpint (tcp_nodelay (sock), ==, 1);
}

/* ---- Misuse --------------------------------------------------------------------- */

static void
test_not_secure (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_GNUTLS_SERV, "server.pem", "server-key.pem", NULL, FALSE);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = peer_dest (peer);
  g_autofree char *bad_ca = tls_test_data_path ("PASSWORD.txt");

  /* Not connected. */
  g_assert_false (qnet_socket_shutdown_ssl (sock, NULL, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (qnet_socket_upgrade_client_to_ssl (sock, -1, NULL, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);

  /* A CA file without certificates is refused, the setting unchanged. */
  g_assert_false (qnet_socket_set_ca_file (sock, bad_ca, &error));
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE);
  g_clear_error (&error);
  g_assert_null (qnet_socket_get_ca_file (sock));

  /* Plain: no TLS to shut down. */
  g_assert_true (qnet_socket_connect_to (sock, dest, STLS_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (qnet_socket_shutdown_ssl (sock, NULL, &error));
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_NOT_SECURE);
  g_clear_error (&error);
  g_assert_null (qnet_socket_get_cipher_name (sock));
  g_assert_null (qnet_socket_get_peer_certificate (sock));

  /* Secure: a second upgrade is refused and the connection stays. */
  stls_trust_test_ca (sock);
  g_assert_true (qnet_socket_upgrade_client_to_ssl (sock, STLS_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (qnet_socket_upgrade_client_to_ssl (sock, STLS_TIMEOUT_MS, NULL, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (qnet_socket_get_is_secure (sock));
  stls_peer_exchange (peer, sock);
}

/* Properties through GObject, as bindings see them. */
static void
test_properties (void)
{
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(QnetTlsCertificate) cert = stls_load_certificate ("server.pem");
  g_autoptr(QnetTlsCertificate) got_cert = NULL;
  g_autofree char *server_name = NULL;
  g_autofree char *ca_file = NULL;
  gboolean verify = FALSE;
  gboolean require = TRUE;

  g_object_set (sock, "certificate", cert, "verify-peer", FALSE, "server-name", "example.org",
                "require-client-certificate", TRUE, NULL);
  g_object_get (sock, "certificate", &got_cert, "verify-peer", &verify, "server-name", &server_name,
                "require-client-certificate", &require, "ca-file", &ca_file, NULL);
  g_assert_true (got_cert == cert);
  g_assert_false (verify);
  g_assert_cmpstr (server_name, ==, "example.org");
  g_assert_true (require);
  g_assert_null (ca_file);
  qnet_socket_set_server_name (sock, "");
  g_assert_null (qnet_socket_get_server_name (sock));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/socket-tls/client/trusted/gnutls-serv", test_trusted_gnutls);
  g_test_add_func ("/socket-tls/client/trusted/nginx", test_trusted_nginx);
  g_test_add_func ("/socket-tls/client/inet-by-name/gnutls-serv", test_inet_by_name_gnutls);
  g_test_add_func ("/socket-tls/client/inet-by-name/nginx", test_inet_by_name_nginx);
  g_test_add_func ("/socket-tls/client/tls12/gnutls-serv", test_tls12_gnutls);
  g_test_add_func ("/socket-tls/client/tls12/nginx", test_tls12_nginx);
  g_test_add_func ("/socket-tls/client/self-signed/gnutls-serv", test_self_signed_gnutls);
  g_test_add_func ("/socket-tls/client/self-signed/nginx", test_self_signed_nginx);
  g_test_add_func ("/socket-tls/client/wrong-host/gnutls-serv", test_wrong_host_gnutls);
  g_test_add_func ("/socket-tls/client/wrong-host/nginx", test_wrong_host_nginx);
  g_test_add_func ("/socket-tls/client/server-name-mismatch/gnutls-serv", test_server_name_mismatch_gnutls);
  g_test_add_func ("/socket-tls/client/server-name-mismatch/nginx", test_server_name_mismatch_nginx);
  g_test_add_func ("/socket-tls/client/expired/gnutls-serv", test_expired_gnutls);
  g_test_add_func ("/socket-tls/client/expired/nginx", test_expired_nginx);
  g_test_add_func ("/socket-tls/client/system-trust-only", test_system_trust_only);
  g_test_add_func ("/socket-tls/client/client-certificate/gnutls-serv", test_client_certificate_gnutls);
  g_test_add_func ("/socket-tls/client/client-certificate/nginx", test_client_certificate_nginx);
  g_test_add_func ("/socket-tls/client/events/by-name", test_events_by_name);
  g_test_add_func ("/socket-tls/client/events/typed-signals", test_typed_signals);
  g_test_add_func ("/socket-tls/client/events/handler-closes", test_handler_closes);
  g_test_add_func ("/socket-tls/client/truncated/recv-all", test_truncated_recv_all);
  g_test_add_func ("/socket-tls/client/truncated/sized-read", test_truncated_sized_read);
  g_test_add_func ("/socket-tls/client/truncated/push-mode", test_truncated_push_mode);
  g_test_add_func ("/socket-tls/client/push-mode/clean-end", test_push_mode_clean_end);
  g_test_add_func ("/socket-tls/client/nodelay-until-first-write", test_nodelay_until_first_write);
  g_test_add_func ("/socket-tls/client/not-secure", test_not_secure);
  g_test_add_func ("/socket-tls/client/properties", test_properties);

  return g_test_run ();
}
