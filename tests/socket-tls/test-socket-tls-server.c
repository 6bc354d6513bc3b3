/* test-socket-tls-server.c: QnetSocket as a TLS server for gnutls-cli and curl
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * accept_ssl and upgrade_server_to_ssl used by gnutls-cli (a line
 * exchange, client certificates, STARTTLS) and by curl (an HTTP exchange:
 * curl must print the exact body), and STARTTLS with QnetSocket on both
 * sides in one main loop.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "socket-tls-test.h"

#define HTTP_BODY "Served by QnetSocket over TLS: 0123456789 abcdefghijklmnopqrstuvwxyz\n"

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

static QnetSocket *
accept_ssl (QnetSocket  *server,
            gboolean     async,
            GError     **error)
{
  AsyncWait wait = { FALSE, NULL };
  QnetSocket *conn;

  if (!async)
    return qnet_socket_accept_ssl (server, STLS_TIMEOUT_MS, NULL, error);

  qnet_socket_accept_ssl_async (server, STLS_TIMEOUT_MS, NULL, async_ready, &wait);
  test_wait (&wait.done);
  conn = qnet_socket_accept_ssl_finish (server, wait.result, error);
  g_object_unref (wait.result);
  return conn;
}

/* The connection's events are recorded from incoming-connection on: the
 * handler attaches @data (a recorder) to the new socket. */
static void
on_incoming (QnetSocket *server,
             QnetSocket *conn,
             gpointer    data)
{
  qnet_test_recorder_attach (data, conn);
}

static guint16
peer_port (QnetSocket *conn)
{
  GSocketAddress *remote = qnet_socket_get_remote_address (conn);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote));
}

static char *
replace (const char *text,
         const char *needle,
         const char *replacement)
{
  g_auto(GStrv) parts = g_strsplit (text, needle, -1);

  return g_strjoinv (replacement, parts);
}

/* Event descriptions with the peer's port and the connection's id (they
 * change from run to run) replaced by PORT and ID. */
static char *
describe (QnetTestRecorder *rec,
          QnetSocket       *conn)
{
  g_autofree char *events = test_describe_events (rec);
  g_autofree char *port = g_strdup_printf ("peer_port=%u", peer_port (conn));
  g_autofree char *id = g_strdup_printf ("connection_id=%" G_GUINT64_FORMAT,
                                         qnet_emitter_get_id (QNET_EMITTER (conn)));
  g_autofree char *step = replace (events, port, "peer_port=PORT");

  return replace (step, id, "connection_id=ID");
}

static StlsProgram *
start_gnutls_cli (guint16     port,
                  gboolean    with_client_cert,
                  gboolean    starttls)
{
  g_autofree char *port_arg = g_strdup_printf ("--port=%u", port);
  g_autofree char *ca_path = tls_test_data_path ("ca.pem");
  g_autofree char *ca_arg = g_strdup_printf ("--x509cafile=%s", ca_path);
  g_autofree char *cert_path = tls_test_data_path ("client.pem");
  g_autofree char *cert_arg = g_strdup_printf ("--x509certfile=%s", cert_path);
  g_autofree char *key_path = tls_test_data_path ("client-key.pem");
  g_autofree char *key_arg = g_strdup_printf ("--x509keyfile=%s", key_path);
  const char *argv[10] = { "gnutls-cli", "--logfile=/dev/null", port_arg, ca_arg, NULL, };
  guint n = 4;

  if (starttls)
    argv[n++] = "--starttls";
  if (with_client_cert)
    {
      argv[n++] = cert_arg;
      argv[n++] = key_arg;
    }
  /* The server listens on 127.0.0.1 only: "localhost" reaches it (the
   * certificate's name, also sent as SNI) after ::1 refused. */
  argv[n++] = "localhost";
  argv[n] = NULL;
  return stls_program_spawn (argv);
}

/* ---- accept_ssl with gnutls-cli ------------------------------------------------ */

static void
test_accept_gnutls_cli (void)
{
  g_autofree char *sync_events = NULL;

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) server = stls_listen ();
      g_autoptr(QnetTestRecorder) server_rec = qnet_test_recorder_new ();
      g_autoptr(QnetTestRecorder) conn_rec = qnet_test_recorder_new ();
      g_autoptr(StlsProgram) cli = start_gnutls_cli (qnet_socket_get_port (server), FALSE, FALSE);
      g_autoptr(QnetSocket) conn = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) line = NULL;
      g_autofree char *server_events = NULL;
      g_autofree char *conn_events = NULL;
      gint status;

      qnet_test_recorder_attach (server_rec, server);
      g_signal_connect (server, "incoming-connection", G_CALLBACK (on_incoming), conn_rec);

      conn = accept_ssl (server, async, &error);
      g_assert_no_error (error);
      g_assert_nonnull (conn);
      g_assert_true (qnet_socket_get_is_secure (conn));
      g_assert_cmpstr (qnet_socket_get_cipher_version (conn), ==, "TLS1.3");
      g_assert_cmpstr (qnet_socket_get_cipher_name (conn), ==, STLS_TLS13_CIPHER);
      /* No client certificate was asked for. */
      g_assert_null (qnet_socket_verify_peer_certificate (conn));
      g_assert_null (qnet_socket_get_peer_certificate (conn));
      g_test_message ("gnutls-cli -> accept_ssl%s: %s %s", async ? "_async" : "",
                      qnet_socket_get_cipher_version (conn), qnet_socket_get_cipher_name (conn));

      server_events = describe (server_rec, conn);
      g_assert_cmpstr (server_events, ==, "incoming-connection(peer_address=127.0.0.1, peer_port=PORT, connection_id=ID)\n");

      /* Both ways, plaintext counted. */
      stls_program_write (cli, "hello from gnutls-cli\n");
      line = qnet_socket_recv_until (conn, "\n", 1024, STLS_TIMEOUT_MS, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (line, NULL), g_bytes_get_size (line), "hello from gnutls-cli\n", 22);
      g_assert_true (qnet_socket_send (conn, "hello from QnetSocket\n", NULL, &error));
      g_assert_no_error (error);
      stls_program_wait_output (cli, "hello from QnetSocket\n");

      g_assert_true (qnet_socket_shutdown_ssl (conn, NULL, &error));
      g_assert_no_error (error);
      qnet_socket_close (conn);
      stls_program_close_stdin (cli);
      stls_program_wait_exit (cli, &status);

      conn_events = test_describe_events (conn_rec);
      g_assert_cmpstr (conn_events, ==,
                       "start-ssl()\n"
                       "ssl-established(cipher=" STLS_TLS13_CIPHER ", cipher_version=TLS1.3)\n"
                       "packet-read(read=22, total_read=22)\n"
                       "packet-sent(socket=FD, sent=22, total_sent=22, total_to_send=22)\n"
                       "channel-closed()\n");
      if (async == 0)
        sync_events = g_strconcat (server_events, conn_events, NULL);
      else
        {
          g_autofree char *async_events = g_strconcat (server_events, conn_events, NULL);

          g_assert_cmpstr (async_events, ==, sync_events);
        }
    }
}

/* A client certificate required: gnutls-cli with one is seen; without
 * one the handshake fails, the connection is dropped, accept_ssl fails. */
static void
test_accept_client_certificate (void)
{
  {
    g_autoptr(QnetSocket) server = stls_listen ();
    g_autoptr(StlsProgram) cli = NULL;
    g_autoptr(QnetSocket) conn = NULL;
    g_autoptr(QnetTlsCertificate) peer = NULL;
    g_autoptr(QnetTlsCertificate) expected = stls_load_certificate ("client.pem");
    g_autoptr(GBytes) line = NULL;
    g_autoptr(GError) error = NULL;

    qnet_socket_set_require_client_certificate (server, TRUE);
    stls_trust_test_ca (server);
    cli = start_gnutls_cli (qnet_socket_get_port (server), TRUE, FALSE);
    conn = accept_ssl (server, FALSE, &error);
    g_assert_no_error (error);
    g_assert_true (qnet_socket_get_require_client_certificate (conn));
    g_assert_cmpstr (qnet_socket_verify_peer_certificate (conn), ==, "X509_V_OK");
    peer = qnet_socket_get_peer_certificate (conn);
    g_assert_nonnull (peer);
    g_assert_true (qnet_tls_certificate_is_same (peer, expected));
    g_assert_cmpstr (qnet_tls_certificate_get_subject_name (peer), ==, "CN=libqnet test client,O=libqnet tests");

    stls_program_write (cli, "signed line\n");
    line = qnet_socket_recv_until (conn, "\n", 1024, STLS_TIMEOUT_MS, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (line), ==, strlen ("signed line\n"));
    qnet_socket_close (conn);
  }

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) server = stls_listen ();
      g_autoptr(QnetTestRecorder) server_rec = qnet_test_recorder_new ();
      g_autoptr(QnetTestRecorder) conn_rec = qnet_test_recorder_new ();
      g_autoptr(StlsProgram) cli = NULL;
      g_autoptr(QnetSocket) conn = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *conn_events = NULL;
      QnetEvent *failed;

      qnet_socket_set_require_client_certificate (server, TRUE);
      stls_trust_test_ca (server);
      qnet_test_recorder_attach (server_rec, server);
      g_signal_connect (server, "incoming-connection", G_CALLBACK (on_incoming), conn_rec);
      cli = start_gnutls_cli (qnet_socket_get_port (server), FALSE, FALSE);
      conn = accept_ssl (server, async, &error);
      g_assert_null (conn);
      g_assert_nonnull (error);
      g_assert_true (error->domain == QNET_TLS_ERROR);
      g_assert_true (error->code == QNET_TLS_ERROR_HANDSHAKE || error->code == QNET_TLS_ERROR_CERTIFICATE);
      g_test_message ("accept_ssl, no client certificate: %s", error->message);

      /* The connection was closed and dropped; the listener reports. */
      conn_events = test_describe_events (conn_rec);
      g_assert_cmpstr (conn_events, ==, "start-ssl()\nchannel-closed()\ndeleted()\n");
      g_assert_cmpuint (qnet_test_recorder_count (server_rec, "incoming-connection"), ==, 1);
      failed = qnet_test_recorder_find (server_rec, "operation-failed", 0);
      g_assert_nonnull (failed);
      g_assert_cmpstr (qnet_test_event_get_string (failed, "operation"), ==, "accept_ssl");
      g_assert_cmpstr (qnet_test_event_get_string (failed, "message"), ==, error->message);
      g_assert_true (qnet_socket_is_open (server));
    }
}

/* Without certificate and key a TLS server cannot start; no connection
 * is taken. */
static void
test_accept_needs_identity (void)
{
  g_autoptr(QnetSocket) server = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetSocket) conn = NULL;

  g_assert_true (qnet_socket_bind (server, "127.0.0.1:0", TRUE, NULL, &error));
  g_assert_true (qnet_socket_listen (server, 4, &error));
  conn = qnet_socket_accept_ssl (server, 0, NULL, &error);
  g_assert_null (conn);
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED);
  g_clear_error (&error);

  /* With an identity and nobody connecting: NULL, no error, as accept. */
  stls_use_identity (server, "server.pem", "server-key.pem");
  conn = qnet_socket_accept_ssl (server, 50, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (conn);
}

/* ---- curl: an HTTP exchange ------------------------------------------------------ */

static StlsProgram *
start_curl (guint16 port)
{
  g_autofree char *ca_path = tls_test_data_path ("ca.pem");
  g_autofree char *resolve = g_strdup_printf ("localhost:%u:127.0.0.1", port);
  g_autofree char *url = g_strdup_printf ("https://localhost:%u/greeting?x=1", port);
  const char *argv[] = { "curl", "--silent", "--show-error", "--max-time", "10", "--cacert", ca_path,
                         "--resolve", resolve, url, NULL };

  return stls_program_spawn (argv);
}

/* Serves one request on @conn (TLS already on). */
static void
serve_http (QnetSocket *conn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) head = NULL;
  g_autoptr(GHashTable) headers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) body = g_bytes_new_static (HTTP_BODY, strlen (HTTP_BODY));
  const char *method = NULL;
  const char *path = NULL;

  head = qnet_socket_read_http_header (conn, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (head, "method", "&s", &method));
  g_assert_true (g_variant_lookup (head, "path", "&s", &path));
  g_assert_cmpstr (method, ==, "GET");
  g_assert_cmpstr (path, ==, "/greeting?x=1");

  g_hash_table_insert (headers, (gpointer) "Content-Type", (gpointer) "text/plain");
  g_hash_table_insert (headers, (gpointer) "Connection", (gpointer) "close");
  g_assert_true (qnet_socket_send_http_response (conn, 200, "OK", "1.1", headers, body, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_shutdown_ssl (conn, NULL, &error));
  g_assert_no_error (error);
  qnet_socket_close (conn);
}

static void
test_accept_curl (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) server = stls_listen ();
      g_autoptr(StlsProgram) curl = start_curl (qnet_socket_get_port (server));
      g_autoptr(QnetSocket) conn = NULL;
      g_autoptr(GError) error = NULL;
      const char *output;
      gint status = -1;

      conn = accept_ssl (server, async, &error);
      g_assert_no_error (error);
      g_assert_nonnull (conn);
      g_test_message ("curl -> accept_ssl%s: %s %s", async ? "_async" : "",
                      qnet_socket_get_cipher_version (conn), qnet_socket_get_cipher_name (conn));
      serve_http (conn);

      output = stls_program_wait_exit (curl, &status);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (output, ==, HTTP_BODY);
    }
}

/* A plain accept, then upgrade_server_to_ssl before anything was said. */
static void
test_upgrade_server_curl (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) server = stls_listen ();
      g_autoptr(StlsProgram) curl = start_curl (qnet_socket_get_port (server));
      g_autoptr(QnetSocket) conn = NULL;
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *events = NULL;
      const char *output;
      gint status = -1;

      conn = qnet_socket_accept (server, STLS_TIMEOUT_MS, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (conn);
      g_assert_false (qnet_socket_get_is_secure (conn));
      /* The accepted socket inherited the identity. */
      g_assert_nonnull (qnet_socket_get_certificate (conn));
      qnet_test_recorder_attach (rec, conn);

      if (async)
        {
          AsyncWait wait = { FALSE, NULL };

          qnet_socket_upgrade_server_to_ssl_async (conn, STLS_TIMEOUT_MS, NULL, async_ready, &wait);
          test_wait (&wait.done);
          g_assert_true (qnet_socket_upgrade_server_to_ssl_finish (conn, wait.result, &error));
          g_object_unref (wait.result);
        }
      else
        g_assert_true (qnet_socket_upgrade_server_to_ssl (conn, STLS_TIMEOUT_MS, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (qnet_socket_get_is_secure (conn));

      events = test_describe_events (rec);
      g_assert_cmpstr (events, ==,
                       "start-ssl()\n"
                       "ssl-established(cipher=" STLS_TLS13_CIPHER ", cipher_version=TLS1.3)\n");
      serve_http (conn);

      output = stls_program_wait_exit (curl, &status);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (output, ==, HTTP_BODY);
    }
}

/* ---- STARTTLS ---------------------------------------------------------------------- */

/* gnutls-cli --starttls: a plain exchange, then (on SIGALRM) TLS. */
static void
test_starttls_gnutls_cli (void)
{
  g_autoptr(QnetSocket) server = stls_listen ();
  g_autoptr(StlsProgram) cli = start_gnutls_cli (qnet_socket_get_port (server), FALSE, TRUE);
  g_autoptr(QnetSocket) conn = NULL;
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) line = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autofree char *events = NULL;

  conn = qnet_socket_accept (server, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (conn);
  qnet_test_recorder_attach (rec, conn);

  stls_program_write (cli, "EHLO plain\n");
  line = qnet_socket_recv_until (conn, "\n", 1024, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (line, NULL), g_bytes_get_size (line), "EHLO plain\n", 11);
  g_assert_true (qnet_socket_send (conn, "220 ready for TLS\n", NULL, &error));
  g_assert_no_error (error);
  stls_program_wait_output (cli, "220 ready for TLS\n");

  stls_program_signal (cli, SIGALRM);
  g_assert_true (qnet_socket_upgrade_server_to_ssl (conn, STLS_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("gnutls-cli --starttls -> upgrade_server_to_ssl: %s %s",
                  qnet_socket_get_cipher_version (conn), qnet_socket_get_cipher_name (conn));

  stls_program_write (cli, "secret line\n");
  secret = qnet_socket_recv_until (conn, "\n", 1024, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (secret, NULL), g_bytes_get_size (secret), "secret line\n", 12);
  g_assert_true (qnet_socket_send (conn, "secret reply\n", NULL, &error));
  g_assert_no_error (error);
  stls_program_wait_output (cli, "secret reply\n");
  qnet_socket_close (conn);

  events = test_describe_events (rec);
  g_assert_cmpstr (events, ==,
                   "packet-read(read=11, total_read=11)\n"
                   "packet-sent(socket=FD, sent=18, total_sent=18, total_to_send=18)\n"
                   "start-ssl()\n"
                   "ssl-established(cipher=" STLS_TLS13_CIPHER ", cipher_version=TLS1.3)\n"
                   "packet-read(read=12, total_read=12)\n"
                   "packet-sent(socket=FD, sent=13, total_sent=13, total_to_send=13)\n"
                   "channel-closed()\n");
}

/* QnetSocket on both sides in one main loop. The client sends its
 * command and starts its handshake at once, so the server's first read
 * takes the ClientHello too: it must reach the TLS session. */
typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} UpgradeResult;

static void
client_upgraded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  UpgradeResult *r = data;

  r->ok = qnet_socket_upgrade_client_to_ssl_finish (QNET_SOCKET (source), result, &r->error);
  r->done = TRUE;
}

static void
server_upgraded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  UpgradeResult *r = data;

  r->ok = qnet_socket_upgrade_server_to_ssl_finish (QNET_SOCKET (source), result, &r->error);
  r->done = TRUE;
}

static void
test_starttls_both_sides (void)
{
  g_autoptr(QnetSocket) server = stls_listen ();
  g_autoptr(QnetSocket) client = qnet_socket_new ();
  g_autoptr(QnetSocket) conn = NULL;
  g_autoptr(QnetTestRecorder) client_rec = qnet_test_recorder_new ();
  g_autoptr(QnetTestRecorder) conn_rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) line = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", qnet_socket_get_port (server));
  g_autofree char *client_events = NULL;
  g_autofree char *conn_events = NULL;
  g_autofree char *want = NULL;
  UpgradeResult client_result = { FALSE, FALSE, NULL };
  UpgradeResult server_result = { FALSE, FALSE, NULL };
  AsyncWait wait = { FALSE, NULL };

  stls_trust_test_ca (client);
  qnet_test_recorder_attach (client_rec, client);
  qnet_socket_connect_to_async (client, dest, STLS_TIMEOUT_MS, NULL, async_ready, &wait);
  conn = qnet_socket_accept (server, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  test_wait (&wait.done);
  g_assert_true (qnet_socket_connect_to_finish (client, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  qnet_test_recorder_attach (conn_rec, conn);

  /* Plain: a greeting. */
  g_assert_true (qnet_socket_send (conn, "* OK plain greeting\r\n", NULL, &error));
  g_assert_no_error (error);
  line = qnet_socket_recv_until (client, "\r\n", 1024, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (line), ==, strlen ("* OK plain greeting\r\n"));
  g_clear_pointer (&line, g_bytes_unref);

  /* The command, and the ClientHello right behind it. */
  g_assert_true (qnet_socket_send (client, "STARTTLS\r\n", NULL, &error));
  g_assert_no_error (error);
  qnet_socket_upgrade_client_to_ssl_async (client, STLS_TIMEOUT_MS, NULL, client_upgraded, &client_result);
  g_assert_true (qnet_socket_is_data_available (conn, STLS_TIMEOUT_MS, NULL, &error));
  g_usleep (100 * 1000);  /* lets the ClientHello arrive behind the command */
  line = qnet_socket_recv_until (conn, "\r\n", 1024, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (line, NULL), g_bytes_get_size (line), "STARTTLS\r\n", 10);
  qnet_socket_upgrade_server_to_ssl_async (conn, STLS_TIMEOUT_MS, NULL, server_upgraded, &server_result);
  test_wait (&client_result.done);
  test_wait (&server_result.done);
  g_assert_no_error (client_result.error);
  g_assert_no_error (server_result.error);
  g_assert_true (client_result.ok && server_result.ok);
  g_assert_true (qnet_socket_get_is_secure (client));
  g_assert_true (qnet_socket_get_is_secure (conn));
  /* The client checked the address it connected to. */
  g_assert_cmpstr (qnet_socket_verify_peer_certificate (client), ==, "X509_V_OK");

  /* Secure: a line each way. */
  g_assert_true (qnet_socket_send (client, "a1 LOGIN secret\r\n", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&line, g_bytes_unref);
  line = qnet_socket_recv_until (conn, "\r\n", 1024, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (line, NULL), g_bytes_get_size (line), "a1 LOGIN secret\r\n", 17);
  g_assert_true (qnet_socket_send (conn, "a1 OK\r\n", NULL, &error));
  g_assert_no_error (error);
  reply = qnet_socket_recv_until (client, "\r\n", 1024, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), "a1 OK\r\n", 7);

  /* A clean end: close_notify each way, then reads until close succeed. */
  g_assert_true (qnet_socket_shutdown_ssl (conn, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_bytes_unref);
  reply = qnet_socket_recv_bytes (client, 0, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED);
  g_clear_error (&error);
  qnet_socket_close (conn);

  client_events = test_describe_events (client_rec);
  want = g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, address=127.0.0.1, port=%u)\n"
                                    "connected()\n"
                                    "packet-read(read=21, total_read=21)\n"
                                    "packet-sent(socket=FD, sent=10, total_sent=10, total_to_send=10)\n"
                                    "start-ssl()\n"
                                    "ssl-established(cipher=" STLS_TLS13_CIPHER ", cipher_version=TLS1.3)\n"
                                    "packet-sent(socket=FD, sent=17, total_sent=17, total_to_send=17)\n"
                                    "packet-read(read=7, total_read=7)\n"
                                    "channel-closed()\n"
                                    "operation-failed(operation=recv_bytes, domain=qnet-socket-error-quark, code=%d, "
                                    "message=Could not receive from 127.0.0.1:%u: The peer closed the connection)\n",
                                    qnet_socket_get_port (server), QNET_SOCKET_ERROR_CLOSED,
                                    qnet_socket_get_port (server));
  g_assert_cmpstr (client_events, ==, want);
  /* The server's plain read took the command and the ClientHello behind
   * it (more than the command's 10 bytes in that one read): the TLS
   * session got them from the read-ahead buffer. */
  {
    QnetEvent *first_read = qnet_test_recorder_find (conn_rec, "packet-read", 0);
    gint64 n = qnet_test_event_get_int (first_read, "read");

    g_assert_cmpint (n, >, 10);
    g_test_message ("read-ahead handed to TLS: %" G_GINT64_FORMAT " bytes behind the command", n - 10);
    g_free (want);
    want = g_strdup_printf ("packet-sent(socket=FD, sent=21, total_sent=21, total_to_send=21)\n"
                            "packet-read(read=%1$" G_GINT64_FORMAT ", total_read=%1$" G_GINT64_FORMAT ")\n"
                            "start-ssl()\n"
                            "ssl-established(cipher=" STLS_TLS13_CIPHER ", cipher_version=TLS1.3)\n"
                            "packet-read(read=17, total_read=17)\n"
                            "packet-sent(socket=FD, sent=7, total_sent=7, total_to_send=7)\n"
                            "channel-closed()\n",
                            n);
  }
  conn_events = test_describe_events (conn_rec);
  g_assert_cmpstr (conn_events, ==, want);
}

/* ---- Bulk data both ways ---------------------------------------------------------- */

/* A connected pair over TLS in this process: the accepted side and a
 * client, both handshaken. */
static void
tls_pair (QnetSocket  *server,
          QnetSocket **out_client,
          QnetSocket **out_conn)
{
  g_autoptr(QnetSocket) client = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", qnet_socket_get_port (server));
  AsyncWait connected = { FALSE, NULL };
  AsyncWait accepted = { FALSE, NULL };

  stls_trust_test_ca (client);
  qnet_socket_accept_ssl_async (server, STLS_TIMEOUT_MS, NULL, async_ready, &accepted);
  qnet_socket_connect_ssl_async (client, dest, STLS_TIMEOUT_MS, NULL, async_ready, &connected);
  test_wait (&connected.done);
  test_wait (&accepted.done);
  g_assert_true (qnet_socket_connect_ssl_finish (client, connected.result, &error));
  g_assert_no_error (error);
  *out_conn = qnet_socket_accept_ssl_finish (server, accepted.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out_conn);
  g_object_unref (connected.result);
  g_object_unref (accepted.result);
  *out_client = g_steal_pointer (&client);
}

static GBytes *
pattern (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 7 + i / 251);
  return g_bytes_new_take (data, size);
}

typedef struct {
  gboolean  done;
  GBytes   *data;
  GError   *error;
} RecvWait;

static void
recv_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  RecvWait *wait = data;

  wait->data = qnet_socket_recv_bytes_finish (QNET_SOCKET (source), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
start_reading (gpointer data)
{
  QnetSocket *client = g_object_get_data (data, "client");
  RecvWait *wait = g_object_get_data (data, "wait");
  gsize size = GPOINTER_TO_SIZE (g_object_get_data (data, "size"));

  qnet_socket_recv_bytes_async (client, (gssize) size, STLS_TIMEOUT_MS, NULL, recv_done, wait);
  return G_SOURCE_REMOVE;
}

/* Small kernel buffers: a TLS record rarely fits at once, so the TLS
 * session keeps ciphertext back after the last write of a buffer. */
static void
shrink_buffers (QnetSocket *sock)
{
  int size = 4096;

  g_assert_cmpint (setsockopt (qnet_socket_get_fd (sock), SOL_SOCKET, SO_SNDBUF, &size, sizeof size), ==, 0);
}

/* Megabytes written with queue_bytes (from the main loop, behind the
 * kernel's buffers while the reader sleeps) and with a send, through
 * small kernel buffers: every byte arrives, in order, with nothing else
 * done on the writing side (the ciphertext held back at the end of each
 * buffer is written by the socket itself). */
static void
test_bulk_queue_and_send (void)
{
  const gsize size = 2 * 1024 * 1024 + 12345;
  g_autoptr(QnetSocket) server = stls_listen ();
  g_autoptr(QnetSocket) client = NULL;
  g_autoptr(QnetSocket) conn = NULL;
  g_autoptr(GBytes) data = pattern (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) holder = g_object_new (G_TYPE_OBJECT, NULL);
  RecvWait wait = { FALSE, NULL, NULL };

  tls_pair (server, &client, &conn);
  shrink_buffers (client);
  shrink_buffers (conn);

  /* queue_bytes: the reader starts 200 ms later. */
  g_assert_true (qnet_socket_queue_bytes (conn, data, &error));
  g_assert_no_error (error);
  g_object_set_data (holder, "client", client);
  g_object_set_data (holder, "wait", &wait);
  g_object_set_data (holder, "size", GSIZE_TO_POINTER (size));
  g_timeout_add (200, start_reading, holder);
  test_wait (&wait.done);
  g_assert_no_error (wait.error);
  g_assert_true (g_bytes_equal (wait.data, data));
  g_clear_pointer (&wait.data, g_bytes_unref);

  /* A send the other way, both ends asynchronous in this loop. */
  {
    AsyncWait sent = { FALSE, NULL };

    qnet_socket_send_bytes_async (client, data, NULL, async_ready, &sent);
    wait.done = FALSE;
    qnet_socket_recv_bytes_async (conn, (gssize) size, STLS_TIMEOUT_MS, NULL, recv_done, &wait);
    test_wait (&sent.done);
    test_wait (&wait.done);
    g_assert_true (qnet_socket_send_bytes_finish (client, sent.result, &error));
    g_assert_no_error (error);
    g_object_unref (sent.result);
    g_assert_no_error (wait.error);
    g_assert_true (g_bytes_equal (wait.data, data));
    g_clear_pointer (&wait.data, g_bytes_unref);
  }
}

/* ---- UNIX sockets ------------------------------------------------------------------ */

/* connect_unix_ssl against accept_ssl over a UNIX socket: the server's
 * certificate is checked against "localhost" (no host name there), or
 * against server-name. */
static void
test_unix_sockets (void)
{
  g_autofree char *dir = qnet_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "tls.sock", NULL);

  for (guint wrong_name = 0; wrong_name <= 1; wrong_name++)
    {
      g_autoptr(QnetSocket) server = qnet_socket_new ();
      g_autoptr(QnetSocket) client = qnet_socket_new ();
      g_autoptr(QnetSocket) conn = NULL;
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) server_error = NULL;
      g_autofree char *events = NULL;
      g_autofree char *want = NULL;
      AsyncWait connected = { FALSE, NULL };
      AsyncWait accepted = { FALSE, NULL };
      gboolean ok;

      g_assert_true (qnet_socket_bind_unix (server, path, &error));
      g_assert_no_error (error);
      g_assert_true (qnet_socket_listen (server, 4, &error));
      stls_use_identity (server, "server.pem", "server-key.pem");

      stls_trust_test_ca (client);
      if (wrong_name)
        qnet_socket_set_server_name (client, "other.example.invalid");
      qnet_test_recorder_attach (rec, client);
      qnet_socket_accept_ssl_async (server, STLS_TIMEOUT_MS, NULL, async_ready, &accepted);
      qnet_socket_connect_unix_ssl_async (client, path, NULL, async_ready, &connected);
      test_wait (&connected.done);
      test_wait (&accepted.done);
      ok = qnet_socket_connect_unix_ssl_finish (client, connected.result, &error);
      conn = qnet_socket_accept_ssl_finish (server, accepted.result, &server_error);
      g_object_unref (connected.result);
      g_object_unref (accepted.result);

      if (wrong_name)
        {
          g_assert_false (ok);
          g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE);
          g_assert_nonnull (strstr (error->message, "X509_V_ERR_HOSTNAME_MISMATCH"));
          /* The client's alert (or its close) ends the server's side: in
           * its handshake, or (TLS 1.3: the client may have sent its
           * Finished before it rejected the certificate) at its first
           * read. */
          if (conn != NULL)
            {
              g_autoptr(GBytes) nothing = qnet_socket_recv_bytes (conn, 1, STLS_TIMEOUT_MS, NULL, &server_error);

              g_assert_null (nothing);
              g_assert_false (qnet_socket_is_open (conn));
            }
          g_assert_nonnull (server_error);
          g_test_message ("server side of a rejected handshake: %s", server_error->message);
          qnet_socket_close (server);
          continue;
        }

      g_assert_no_error (error);
      g_assert_no_error (server_error);
      g_assert_true (ok);
      g_assert_nonnull (conn);
      g_assert_cmpstr (qnet_socket_verify_peer_certificate (client), ==, "X509_V_OK");
      events = test_describe_events (rec);
      want = g_strdup_printf ("connecting(type=1, typename=unix, target=%1$s, address=%1$s)\n"
                              "connected()\n"
                              "start-ssl()\n"
                              "ssl-established(cipher=" STLS_TLS13_CIPHER ", cipher_version=TLS1.3)\n",
                              path);
      g_assert_cmpstr (events, ==, want);
      g_assert_true (qnet_socket_send (client, "over a UNIX socket\n", NULL, &error));
      g_assert_no_error (error);
      {
        g_autoptr(GBytes) line = qnet_socket_recv_until (conn, "\n", 100, STLS_TIMEOUT_MS, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (g_bytes_get_size (line), ==, strlen ("over a UNIX socket\n"));
      }
      qnet_socket_close (conn);
      qnet_socket_close (client);
      qnet_socket_close (server);
    }
  qnet_test_rmdir_recursive (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/socket-tls/server/accept-ssl/gnutls-cli", test_accept_gnutls_cli);
  g_test_add_func ("/socket-tls/server/accept-ssl/client-certificate", test_accept_client_certificate);
  g_test_add_func ("/socket-tls/server/accept-ssl/needs-identity", test_accept_needs_identity);
  g_test_add_func ("/socket-tls/server/accept-ssl/curl", test_accept_curl);
  g_test_add_func ("/socket-tls/server/upgrade-server/curl", test_upgrade_server_curl);
  g_test_add_func ("/socket-tls/server/starttls/gnutls-cli", test_starttls_gnutls_cli);
  g_test_add_func ("/socket-tls/server/starttls/both-sides", test_starttls_both_sides);
  g_test_add_func ("/socket-tls/server/bulk/queue-and-send", test_bulk_queue_and_send);
  g_test_add_func ("/socket-tls/server/unix-sockets", test_unix_sockets);

  return g_test_run ();
}
