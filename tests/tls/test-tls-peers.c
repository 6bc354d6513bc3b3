/* test-tls-peers.c: QnetTlsStream against gnutls-serv and gnutls-cli
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The peers run as separate programs on free loopback ports, started and
 * stopped by each test. A missing program fails the test.
 */

#include "config.h"

#include <string.h>

#include <qnet.h>

#include "qnet-tls-certificate-private.h"
#include "tls-test-common.h"

/* ---- client side: gnutls-serv ------------------------------------------- */

typedef struct {
  const char *identity;     /* server identity, nullable */
  const char *ca;           /* CA fixture, nullable */
  const char *client_cert;  /* own certificate fixture, nullable */
  const char *client_key;
  gboolean    async;
  const QnetTlsStreamCallbacks *callbacks;
  gpointer    callbacks_data;
  const char *connect_host; /* default "127.0.0.1" */
} ClientOptions;

typedef struct {
  gboolean done;
  GError  *error;
} AsyncState;

static void
handshake_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncState *state = user_data;

  qnet_tls_stream_handshake_finish (QNET_TLS_STREAM (source), result, &state->error);
  state->done = TRUE;
}

/* Connects to @port and runs the handshake; returns the stream even when
 * the handshake failed (then *error is set). */
static QnetTlsStream *
connect_client (guint16              port,
                const ClientOptions *options,
                GError             **error)
{
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) local_error = NULL;
  QnetTlsStream *tls;

  conn = tls_test_connect (options->connect_host != NULL ? options->connect_host : "127.0.0.1",
                           port);
  tls = qnet_tls_stream_new (G_IO_STREAM (conn), QNET_TLS_STREAM_CLIENT, NULL, &local_error);
  g_assert_no_error (local_error);

  qnet_tls_stream_set_server_identity (tls, options->identity);
  if (options->ca != NULL)
    {
      g_autofree char *ca = tls_test_data_path (options->ca);

      qnet_tls_stream_set_ca_file (tls, ca, &local_error);
      g_assert_no_error (local_error);
    }
  if (options->client_cert != NULL)
    tls_test_set_certificate (tls, options->client_cert, options->client_key);
  if (options->callbacks != NULL)
    qnet_tls_stream_set_callbacks (tls, options->callbacks, options->callbacks_data);

  if (options->async)
    {
      AsyncState state = { FALSE, NULL };

      qnet_tls_stream_handshake_async (tls, TLS_TEST_TIMEOUT_MS, G_PRIORITY_DEFAULT, NULL,
                                       handshake_cb, &state);
      tls_test_wait (&state.done);
      if (state.error != NULL)
        g_propagate_error (error, state.error);
    }
  else
    qnet_tls_stream_handshake (tls, TLS_TEST_TIMEOUT_MS, NULL, error);

  return tls;
}

/* Sends a line to the echo server and reads it back with the blocking API. */
static void
assert_echo (QnetTlsStream *tls,
             const char    *line)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (tls));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (tls));
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) got = g_byte_array_new ();
  gsize len = strlen (line);

  g_output_stream_write_all (out, line, len, NULL, NULL, &error);
  g_assert_no_error (error);

  while (got->len < len)
    {
      guint8 buffer[256];
      gssize n = g_input_stream_read (in, buffer, MIN (sizeof (buffer), len - got->len), NULL,
                                      &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_byte_array_append (got, buffer, n);
    }
  g_assert_cmpmem (got->data, got->len, line, len);
}

static void
report_negotiated (QnetTlsStream *tls,
                   const char    *what)
{
  g_test_message ("%s: negotiated %s %s", what, qnet_tls_stream_get_protocol_version (tls),
                  qnet_tls_stream_get_cipher_name (tls));
}

static void
test_serv_trusted (void)
{
  g_autoptr(TlsTestPeer) serv = tls_test_gnutls_serv_start ("server.pem", "server-key.pem", NULL);

  for (guint async = 0; async < 2; async++)
    {
      ClientOptions options = { .identity = "localhost", .ca = "ca.pem", .async = async };
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &options,
                                                     &error);

      g_assert_no_error (error);
      g_assert_cmpstr (qnet_tls_stream_get_verify_code (tls), ==, "X509_V_OK");
      g_assert_cmpstr (qnet_tls_stream_get_protocol_version (tls), ==, "TLS1.3");
      g_assert_true (g_str_has_prefix (qnet_tls_stream_get_cipher_name (tls), "TLS_"));
      report_negotiated (tls, async ? "gnutls-serv async" : "gnutls-serv sync");
      assert_echo (tls, "ping over TLS\n");

      qnet_tls_stream_close_notify (tls, TLS_TEST_TIMEOUT_MS, NULL, &error);
      g_assert_no_error (error);
      g_io_stream_close (G_IO_STREAM (tls), NULL, &error);
      g_assert_no_error (error);
    }
}

static void
test_serv_tls12 (void)
{
  const char *const extra[] = { "--priority=NORMAL:-VERS-TLS1.3", NULL };
  g_autoptr(TlsTestPeer) serv = tls_test_gnutls_serv_start ("server.pem", "server-key.pem", extra);
  ClientOptions options = { .identity = "localhost", .ca = "ca.pem" };
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &options, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (qnet_tls_stream_get_protocol_version (tls), ==, "TLS1.2");
  g_assert_true (g_str_has_prefix (qnet_tls_stream_get_cipher_name (tls), "TLS_ECDHE_RSA_WITH_"));
  report_negotiated (tls, "gnutls-serv TLS 1.2");
  assert_echo (tls, "ping over TLS 1.2\n");
}

static void
test_serv_sni (void)
{
  /* The server insists on the name it knows: the handshake only works if
   * we sent it. */
  const char *const good[] = { "--sni-hostname=localhost", "--sni-hostname-fatal", NULL };
  const char *const bad[] = { "--sni-hostname=other.example.invalid",
                               "--sni-hostname-fatal", NULL };

  {
    g_autoptr(TlsTestPeer) serv = tls_test_gnutls_serv_start ("server.pem", "server-key.pem", good);
    ClientOptions options = { .identity = "localhost", .ca = "ca.pem" };
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &options, &error);

    g_assert_no_error (error);
    assert_echo (tls, "sni\n");
  }
  {
    g_autoptr(TlsTestPeer) serv = tls_test_gnutls_serv_start ("server.pem", "server-key.pem", bad);
    ClientOptions options = { .identity = "localhost", .ca = "ca.pem" };
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &options, &error);

    g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE);
    g_test_message ("SNI mismatch: %s", error->message);
  }
}

static void
test_serv_ip_identity (void)
{
  g_autoptr(TlsTestPeer) serv = tls_test_gnutls_serv_start ("server.pem", "server-key.pem", NULL);
  /* gnutls-serv listens on IPv6 too; the certificate names both. */
  const ClientOptions cases[] = {
    { .identity = "127.0.0.1", .ca = "ca.pem" },
    { .identity = "[::1]", .ca = "ca.pem", .connect_host = "::1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &cases[i],
                                                     &error);

      g_assert_no_error (error);
      g_assert_cmpstr (qnet_tls_stream_get_verify_code (tls), ==, "X509_V_OK");
      assert_echo (tls, "ip\n");
    }
}

static void
test_serv_identity_override (void)
{
  g_autoptr(TlsTestPeer) serv =
    tls_test_gnutls_serv_start ("wronghost.pem", "server-key.pem", NULL);
  /* Connected to 127.0.0.1, checked against the name the caller gives. */
  ClientOptions options = { .identity = "www.example.invalid", .ca = "ca.pem" };
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &options, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (qnet_tls_stream_get_verify_code (tls), ==, "X509_V_OK");
  assert_echo (tls, "override\n");
}

typedef struct {
  const char *cert;
  const char *ca;
  const char *code;
  const char *message;
} RejectCase;

static void
test_serv_rejected (void)
{
  static const RejectCase cases[] = {
    { "selfsigned.pem", NULL, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT",
      "The TLS certificate of localhost is not trusted: self-signed certificate "
      "(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT)" },
    { "server-chain.pem", NULL, "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN",
      "The TLS certificate of localhost is not trusted: self-signed certificate in certificate "
      "chain (X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN)" },
    { "server.pem", NULL, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
      "The TLS certificate of localhost is not trusted: unable to get local issuer certificate "
      "(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)" },
    { "wronghost.pem", "ca.pem", "X509_V_ERR_HOSTNAME_MISMATCH",
      "The TLS certificate of localhost is not trusted: hostname mismatch "
      "(X509_V_ERR_HOSTNAME_MISMATCH)" },
    { "expired.pem", "ca.pem", "X509_V_ERR_CERT_HAS_EXPIRED",
      "The TLS certificate of localhost is not trusted: certificate has expired "
      "(X509_V_ERR_CERT_HAS_EXPIRED)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TlsTestPeer) serv = tls_test_gnutls_serv_start (cases[i].cert, "server-key.pem",
                                                                NULL);

      for (guint async = 0; async < 2; async++)
        {
          ClientOptions options = { .identity = "localhost", .ca = cases[i].ca, .async = async };
          g_autoptr(GError) error = NULL;
          g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &options,
                                                         &error);

          g_test_message ("%s (%s)", cases[i].cert, async ? "async" : "sync");
          g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE);
          g_assert_cmpstr (error->message, ==, cases[i].message);
          g_assert_cmpstr (qnet_tls_stream_get_verify_code (tls), ==, cases[i].code);
          g_assert_false (qnet_tls_stream_is_handshaken (tls));
        }
    }
}

typedef struct {
  guint  calls;
  char  *code;
  char  *subject;
} AcceptState;

static gboolean
accept_cb (gpointer    user_data,
           GBytes     *peer_der,
           const char *code)
{
  AcceptState *state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTlsCertificate) cert = qnet_tls_certificate_new_from_der (peer_der, &error);

  g_assert_no_error (error);
  state->calls++;
  g_free (state->code);
  state->code = g_strdup (code);
  g_free (state->subject);
  state->subject = g_strdup (qnet_tls_certificate_get_subject_name (cert));
  return TRUE;
}

static const QnetTlsStreamCallbacks accept_callbacks = { accept_cb, NULL };

static void
test_serv_accepted_by_callback (void)
{
  g_autoptr(TlsTestPeer) serv =
    tls_test_gnutls_serv_start ("selfsigned.pem", "server-key.pem", NULL);

  for (guint async = 0; async < 2; async++)
    {
      AcceptState state = { 0, NULL, NULL };
      ClientOptions options = { .identity = "localhost", .async = async,
                                .callbacks = &accept_callbacks, .callbacks_data = &state };
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &options,
                                                     &error);

      g_assert_no_error (error);
      g_assert_cmpuint (state.calls, ==, 1);
      g_assert_cmpstr (state.code, ==, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT");
      g_assert_cmpstr (state.subject, ==, "CN=localhost,O=libqnet tests");
      g_assert_true (qnet_tls_stream_get_certificate_accepted (tls));
      assert_echo (tls, "accepted anyway\n");
      g_free (state.code);
      g_free (state.subject);
    }
}

static void
test_serv_client_certificate (void)
{
  g_autofree char *ca = tls_test_data_path ("ca.pem");
  g_autofree char *ca_arg = g_strdup_printf ("--x509cafile=%s", ca);
  const char *const extra[] = { "--require-client-cert", "--verify-client-cert", ca_arg, NULL };
  g_autoptr(TlsTestPeer) serv = tls_test_gnutls_serv_start ("server.pem", "server-key.pem", extra);

  /* With a certificate (its key password-protected). */
  {
    ClientOptions options = { .identity = "localhost", .ca = "ca.pem",
                              .client_cert = "client.pem",
                              .client_key = "client-key-pkcs8-encrypted.pem" };
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &options, &error);

    g_assert_no_error (error);
    assert_echo (tls, "with a client certificate\n");
  }

  /* Without one: refused, at the handshake or (TLS 1.3, where the client
   * is done first) on the first read. */
  {
    ClientOptions options = { .identity = "localhost", .ca = "ca.pem" };
    g_autoptr(GError) error = NULL;
    g_autoptr(QnetTlsStream) tls = connect_client (tls_test_peer_get_port (serv), &options, &error);

    if (error == NULL)
      {
        GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (tls));
        char buffer[64];
        gssize n;

        /* (Writing first could meet the closed socket before the alert.) */
        n = g_input_stream_read (in, buffer, sizeof (buffer), NULL, &error);
        g_assert_cmpint (n, ==, -1);
        g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED);
        g_test_message ("without a client certificate, first read: %s", error->message);
      }
    else
      g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE);
  }
}

/* ---- server side: gnutls-cli -------------------------------------------- */

typedef struct {
  GSocketListener   *listener;
  guint16            port;
  GSocketConnection *conn;
  QnetTlsStream     *tls;
  gboolean           accepted;
  gboolean           handshake_done;
  GError            *handshake_error;
  QnetTlsClientAuth  client_auth;
  const char        *cert;
} OurServer;

static void
server_handshake_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  OurServer *server = user_data;

  qnet_tls_stream_handshake_finish (QNET_TLS_STREAM (source), result, &server->handshake_error);
  server->handshake_done = TRUE;
}

static void
server_accept_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OurServer *server = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = tls_test_data_path ("ca.pem");

  server->conn = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, &error);
  g_assert_no_error (error);
  server->accepted = TRUE;

  server->tls = qnet_tls_stream_new (G_IO_STREAM (server->conn), QNET_TLS_STREAM_SERVER, NULL,
                                     &error);
  g_assert_no_error (error);
  tls_test_set_certificate (server->tls, server->cert, "server-key.pem");
  qnet_tls_stream_set_client_auth (server->tls, server->client_auth);
  qnet_tls_stream_set_ca_file (server->tls, ca, &error);
  g_assert_no_error (error);
  qnet_tls_stream_handshake_async (server->tls, TLS_TEST_TIMEOUT_MS, G_PRIORITY_DEFAULT, NULL,
                                   server_handshake_cb, server);
}

static void
our_server_start (OurServer         *server,
                  const char        *cert,
                  QnetTlsClientAuth  client_auth)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  memset (server, 0, sizeof (*server));
  server->cert = cert;
  server->client_auth = client_auth;
  server->listener = g_socket_listener_new ();
  g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_listener_accept_async (server->listener, NULL, server_accept_cb, server);
}

static void
our_server_stop (OurServer *server)
{
  g_socket_listener_close (server->listener);
  g_clear_object (&server->listener);
  g_clear_object (&server->tls);
  g_clear_object (&server->conn);
  g_clear_error (&server->handshake_error);
}

typedef struct {
  GByteArray *data;
  gboolean    eof;
  guint8      buffer[4096];
} PipeReader;

static void
pipe_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PipeReader *reader = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0)
    {
      reader->eof = TRUE;
      return;
    }
  g_byte_array_append (reader->data, reader->buffer, n);
  g_input_stream_read_async (G_INPUT_STREAM (source), reader->buffer, sizeof (reader->buffer),
                             G_PRIORITY_DEFAULT, NULL, pipe_read_cb, reader);
}

static gboolean
contains (GByteArray *data,
          const char *needle)
{
  return data->len > 0 && g_strstr_len ((const char *) data->data, data->len, needle) != NULL;
}

static TlsTestPeer *
start_gnutls_cli (guint16     port,
                  const char *ca,
                  gboolean    with_client_cert)
{
  g_autofree char *port_arg = g_strdup_printf ("--port=%u", port);
  g_autofree char *ca_path = tls_test_data_path (ca);
  g_autofree char *ca_arg = g_strdup_printf ("--x509cafile=%s", ca_path);
  g_autofree char *cert_path = tls_test_data_path ("client.pem");
  g_autofree char *cert_arg = g_strdup_printf ("--x509certfile=%s", cert_path);
  g_autofree char *key_path = tls_test_data_path ("client-key.pem");
  g_autofree char *key_arg = g_strdup_printf ("--x509keyfile=%s", key_path);
  const char *argv[] = { "gnutls-cli", "--logfile=/dev/null", port_arg, ca_arg, "localhost",
                         NULL, NULL, NULL };

  if (with_client_cert)
    {
      argv[5] = cert_arg;
      argv[6] = key_arg;
    }
  return tls_test_peer_spawn (argv);
}

static void
run_cli_session (gboolean with_client_cert)
{
  OurServer server;
  g_autoptr(TlsTestPeer) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) received = NULL;
  PipeReader reader = { g_byte_array_new (), FALSE, { 0 } };
  GSubprocess *process;
  const char *line = "hello from gnutls-cli\n";
  const char *greeting = "hello from QnetTlsStream\n";
  GInputStream *cli_out;
  gint64 deadline;

  our_server_start (&server, "server.pem",
                    with_client_cert ? QNET_TLS_CLIENT_AUTH_REQUIRE : QNET_TLS_CLIENT_AUTH_NONE);
  cli = start_gnutls_cli (server.port, "ca.pem", with_client_cert);
  process = tls_test_peer_get_process (cli);
  cli_out = g_subprocess_get_stdout_pipe (process);
  g_input_stream_read_async (cli_out, reader.buffer, sizeof (reader.buffer), G_PRIORITY_DEFAULT,
                             NULL, pipe_read_cb, &reader);

  tls_test_wait (&server.handshake_done);
  g_assert_no_error (server.handshake_error);
  report_negotiated (server.tls, with_client_cert ? "gnutls-cli with certificate" : "gnutls-cli");
  g_assert_cmpstr (qnet_tls_stream_get_requested_server_name (server.tls), ==, "localhost");

  if (with_client_cert)
    {
      g_autoptr(GPtrArray) chain = qnet_tls_stream_get_peer_certificates (server.tls);
      g_autoptr(QnetTlsCertificate) peer = NULL;

      g_assert_cmpstr (qnet_tls_stream_get_verify_code (server.tls), ==, "X509_V_OK");
      g_assert_nonnull (chain);
      peer = _qnet_tls_certificate_new_from_der_chain (chain, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (qnet_tls_certificate_get_subject_name (peer), ==,
                       "CN=libqnet test client,O=libqnet tests");
    }
  else
    g_assert_null (qnet_tls_stream_get_verify_code (server.tls));

  /* Our greeting reaches gnutls-cli's standard output. */
  tls_test_write_all (g_io_stream_get_output_stream (G_IO_STREAM (server.tls)), greeting,
                      strlen (greeting), &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + (gint64) TLS_TEST_TIMEOUT_MS * 1000;
  while (!contains (reader.data, greeting))
    {
      g_assert_false (reader.eof);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  /* Its standard input reaches us; end of input makes it close the session. */
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (process), line, strlen (line), NULL,
                             NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, &error);
  g_assert_no_error (error);

  received = tls_test_read_all (g_io_stream_get_input_stream (G_IO_STREAM (server.tls)), 4096,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (received, NULL), g_bytes_get_size (received), line,
                   strlen (line));
  /* gnutls-cli ends the session with close_notify (gnutls_bye) on end of input. */
  g_assert_true (qnet_tls_stream_got_close_notify (server.tls));
  g_assert_false (qnet_tls_stream_was_truncated (server.tls));

  tls_test_wait (&reader.eof);
  g_byte_array_unref (reader.data);
  our_server_stop (&server);
}

static void
test_cli_server (void)
{
  run_cli_session (FALSE);
}

static void
test_cli_client_certificate (void)
{
  run_cli_session (TRUE);
}

/* gnutls-cli does not trust our self-signed certificate: it aborts, and
 * our server's handshake reports the alert. */
static void
test_cli_rejects (void)
{
  OurServer server;
  g_autoptr(TlsTestPeer) cli = NULL;
  GSubprocess *process;

  our_server_start (&server, "selfsigned.pem", QNET_TLS_CLIENT_AUTH_NONE);
  cli = start_gnutls_cli (server.port, "ca.pem", FALSE);
  process = tls_test_peer_get_process (cli);

  tls_test_wait (&server.handshake_done);
  g_assert_error (server.handshake_error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE);
  g_test_message ("our server: %s", server.handshake_error->message);

  tls_test_peer_wait_exit (cli);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
  our_server_stop (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls/peers/gnutls-serv/trusted", test_serv_trusted);
  g_test_add_func ("/tls/peers/gnutls-serv/tls12", test_serv_tls12);
  g_test_add_func ("/tls/peers/gnutls-serv/sni", test_serv_sni);
  g_test_add_func ("/tls/peers/gnutls-serv/ip-identity", test_serv_ip_identity);
  g_test_add_func ("/tls/peers/gnutls-serv/identity-override", test_serv_identity_override);
  g_test_add_func ("/tls/peers/gnutls-serv/rejected", test_serv_rejected);
  g_test_add_func ("/tls/peers/gnutls-serv/accepted-by-callback", test_serv_accepted_by_callback);
  g_test_add_func ("/tls/peers/gnutls-serv/client-certificate", test_serv_client_certificate);
  g_test_add_func ("/tls/peers/gnutls-cli/server", test_cli_server);
  g_test_add_func ("/tls/peers/gnutls-cli/client-certificate", test_cli_client_certificate);
  g_test_add_func ("/tls/peers/gnutls-cli/rejects", test_cli_rejects);

  return g_test_run ();
}
