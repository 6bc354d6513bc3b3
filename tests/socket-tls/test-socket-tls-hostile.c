/* test-socket-tls-hostile.c: QnetSocket TLS against hostile and stalling peers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Scripted servers (a thread answering the ClientHello with exact bytes)
 * and raw clients: garbage instead of a ServerHello, an alert, a record
 * that announces more than it sends and then stalls, silence; a client
 * that never sends its ClientHello or sends garbage to accept_ssl. Every
 * case fails with a GError within its bound, raises channel-closed and
 * operation-failed and never ssl-established; cancellation and close
 * during a handshake too.
 */

#include "config.h"

#include <string.h>

#include "socket-tls-test.h"

/* The bound given to handshakes that must time out, and the most they
 * may take beyond it. */
#define STALL_TIMEOUT_MS 400
#define STALL_SLACK_MS 2000

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

static gboolean
connect_ssl (QnetSocket  *sock,
             const char  *dest,
             gint         timeout_ms,
             gboolean     async,
             GError     **error)
{
  AsyncWait wait = { FALSE, NULL };
  gboolean ok;

  if (!async)
    return qnet_socket_connect_ssl (sock, dest, timeout_ms, NULL, error);

  qnet_socket_connect_ssl_async (sock, dest, timeout_ms, NULL, async_ready, &wait);
  test_wait (&wait.done);
  ok = qnet_socket_connect_ssl_finish (sock, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

/* The events of a connect_ssl that connected, then failed in the
 * handshake with @error. */
static char *
failed_handshake_events (guint16       port,
                         const GError *error)
{
  return g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, address=127.0.0.1, port=%u)\n"
                          "connected()\n"
                          "start-ssl()\n"
                          "channel-closed()\n"
                          "operation-failed(operation=connect_ssl, domain=%s, code=%d, message=%s)\n",
                          port, g_quark_to_string (error->domain), error->code, error->message);
}

/* A server answering the ClientHello with @reply (then closing, or
 * holding the connection): connect_ssl fails with @domain/@code, before
 * its (long) bound. */
static void
run_scripted (const void *reply,
              gsize       reply_len,
              gboolean    close_after,
              GQuark      domain,
              gint        code,
              gint        timeout_ms)
{
  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (reply, reply_len);
      TlsTestScriptServer *server = tls_test_script_server_start (bytes, close_after, STLS_TIMEOUT_MS);
      guint16 port = tls_test_script_server_get_port (server);
      g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", port);
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *events = NULL;
      g_autofree char *want = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed_ms;

      stls_trust_test_ca (sock);
      qnet_test_recorder_attach (rec, sock);
      g_assert_false (connect_ssl (sock, dest, timeout_ms, async, &error));
      elapsed_ms = (g_get_monotonic_time () - start) / 1000;
      g_assert_error (error, domain, code);
      g_test_message ("%s: %s (%" G_GINT64_FORMAT " ms)", async ? "async" : "sync", error->message, elapsed_ms);
      g_assert_false (qnet_socket_is_open (sock));

      if (timeout_ms > 0 && domain == G_IO_ERROR && code == G_IO_ERROR_TIMED_OUT)
        {
          g_assert_cmpint (elapsed_ms, >=, timeout_ms - 50);
          g_assert_cmpint (elapsed_ms, <, timeout_ms + STALL_SLACK_MS);
        }
      else
        g_assert_cmpint (elapsed_ms, <, STALL_SLACK_MS);

      events = test_describe_events (rec);
      want = failed_handshake_events (port, error);
      g_assert_cmpstr (events, ==, want);

      /* The server saw a ClientHello (a TLS handshake record). */
      g_assert_cmpuint (tls_test_script_server_stop (server), >, 5);
    }
}

static void
test_garbage_reply (void)
{
  static const char reply[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";

  run_scripted (reply, strlen (reply), TRUE, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE, STLS_TIMEOUT_MS);
  /* Garbage, and the connection held open: no waiting for more. */
  run_scripted (reply, strlen (reply), FALSE, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE, STLS_TIMEOUT_MS);
}

static void
test_binary_garbage_reply (void)
{
  guint8 reply[512];
  GRand *rand = g_rand_new_with_seed (4242);

  for (gsize i = 0; i < sizeof reply; i++)
    reply[i] = (guint8) g_rand_int_range (rand, 0, 256);
  /* Not a handshake record type, whatever follows. */
  reply[0] = 0x99;
  g_rand_free (rand);
  run_scripted (reply, sizeof reply, FALSE, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE, STLS_TIMEOUT_MS);
}

/* A fatal handshake_failure alert instead of a ServerHello. */
static void
test_alert_reply (void)
{
  static const guint8 alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 };

  run_scripted (alert, sizeof alert, FALSE, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE, STLS_TIMEOUT_MS);
}

/* A record header announcing more than the largest record allowed. */
static void
test_oversized_record (void)
{
  static const guint8 header[] = { 0x16, 0x03, 0x03, 0xff, 0xff, 0x02, 0x00, 0xff, 0xfb };

  run_scripted (header, sizeof header, FALSE, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE, STLS_TIMEOUT_MS);
}

/* Mid-handshake stall: the start of a ServerHello record, then nothing.
 * The handshake timeout ends it. */
static void
test_stall_mid_handshake (void)
{
  static const guint8 partial[] = { 0x16, 0x03, 0x03, 0x00, 0x7a, 0x02, 0x00, 0x00, 0x76, 0x03, 0x03 };

  run_scripted (partial, sizeof partial, FALSE, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, STALL_TIMEOUT_MS);
}

/* A server that reads the ClientHello and says nothing. */
static void
test_stall_silent (void)
{
  run_scripted ("", 0, FALSE, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, STALL_TIMEOUT_MS);
}

/* A server that closes at once after the ClientHello. */
static void
test_closed_during_handshake (void)
{
  run_scripted ("", 0, TRUE, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE, STLS_TIMEOUT_MS);
}

/* STARTTLS against a silent server: the timeout property bounds it when
 * the call gives -1. */
static void
test_upgrade_stall_uses_timeout_property (void)
{
  TlsTestScriptServer *server = tls_test_script_server_start (NULL, FALSE, STLS_TIMEOUT_MS);
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", tls_test_script_server_get_port (server));
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 elapsed_ms;

  g_assert_true (qnet_socket_connect_to (sock, dest, STLS_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);
  qnet_socket_set_timeout (sock, STALL_TIMEOUT_MS);
  start = g_get_monotonic_time ();
  g_assert_false (qnet_socket_upgrade_client_to_ssl (sock, -1, NULL, &error));
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (elapsed_ms, >=, STALL_TIMEOUT_MS - 50);
  g_assert_cmpint (elapsed_ms, <, STALL_TIMEOUT_MS + STALL_SLACK_MS);
  g_assert_false (qnet_socket_is_open (sock));
  tls_test_script_server_stop (server);
}

/* ---- Cancellation and close during a handshake ----------------------------------- */

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_during_handshake (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      TlsTestScriptServer *server = tls_test_script_server_start (NULL, FALSE, STLS_TIMEOUT_MS);
      guint16 port = tls_test_script_server_get_port (server);
      g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", port);
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *events = NULL;
      g_autofree char *want = NULL;
      g_autoptr(GSource) timer = g_timeout_source_new (200);
      gboolean ok = FALSE;

      stls_trust_test_ca (sock);
      qnet_test_recorder_attach (rec, sock);
      if (async)
        {
          AsyncWait wait = { FALSE, NULL };

          g_source_set_callback (timer, cancel_cb, cancellable, NULL);
          g_source_attach (timer, NULL);
          qnet_socket_connect_ssl_async (sock, dest, STLS_TIMEOUT_MS, cancellable, async_ready, &wait);
          test_wait (&wait.done);
          ok = qnet_socket_connect_ssl_finish (sock, wait.result, &error);
          g_object_unref (wait.result);
        }
      else
        {
          /* The blocking form runs its own context: cancel from a thread. */
          GThread *thread = g_thread_new ("canceller", cancel_later, cancellable);

          ok = qnet_socket_connect_ssl (sock, dest, STLS_TIMEOUT_MS, cancellable, &error);
          g_thread_join (thread);
        }

      g_assert_false (ok);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (qnet_socket_is_open (sock));
      events = test_describe_events (rec);
      want = failed_handshake_events (port, error);
      g_assert_cmpstr (events, ==, want);
      g_source_destroy (timer);
      tls_test_script_server_stop (server);
    }
}

/* close() while the asynchronous handshake waits: it fails with
 * QNET_SOCKET_ERROR_NOT_OPEN; channel-closed comes from the close. */
static gboolean
close_cb (gpointer data)
{
  qnet_socket_close (data);
  return G_SOURCE_REMOVE;
}

static void
test_close_during_handshake (void)
{
  TlsTestScriptServer *server = tls_test_script_server_start (NULL, FALSE, STLS_TIMEOUT_MS);
  guint16 port = tls_test_script_server_get_port (server);
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", port);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;
  g_autofree char *want = NULL;
  AsyncWait wait = { FALSE, NULL };

  stls_trust_test_ca (sock);
  qnet_test_recorder_attach (rec, sock);
  qnet_socket_connect_ssl_async (sock, dest, STLS_TIMEOUT_MS, NULL, async_ready, &wait);
  g_timeout_add (200, close_cb, sock);
  test_wait (&wait.done);
  g_assert_false (qnet_socket_connect_ssl_finish (sock, wait.result, &error));
  g_object_unref (wait.result);
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_assert_false (qnet_socket_is_open (sock));

  /* While the handshake ran, reads and writes were refused. */
  events = test_describe_events (rec);
  want = failed_handshake_events (port, error);
  g_assert_cmpstr (events, ==, want);
  tls_test_script_server_stop (server);
}

/* A receive or send attempted while the handshake runs is refused; the
 * handshake goes on. */
typedef struct {
  QnetSocket *sock;
  gboolean    checked;
} BusyCheck;

static void
on_start_ssl_try_io (QnetSocket *sock,
                     gpointer    data)
{
  BusyCheck *check = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) byte = g_bytes_new_static ("x", 1);

  g_assert_false (qnet_socket_queue_bytes (sock, byte, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "handshake"));
  g_clear_error (&error);
  g_assert_false (qnet_socket_start_receiving (sock, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED);
  check->checked = TRUE;
}

static void
test_io_refused_during_handshake (void)
{
  g_autoptr(StlsPeer) peer = stls_peer_start (STLS_PEER_GNUTLS_SERV, "server.pem", "server-key.pem", NULL, FALSE);
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", stls_peer_get_port (peer));
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  BusyCheck check = { sock, FALSE };
  gulong handler;

  stls_trust_test_ca (sock);
  handler = g_signal_connect (sock, "start-ssl", G_CALLBACK (on_start_ssl_try_io), &check);
  g_assert_true (connect_ssl (sock, dest, STLS_TIMEOUT_MS, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (check.checked);
  g_signal_handler_disconnect (sock, handler);
  stls_peer_exchange (peer, sock);
}

/* ---- Hostile clients of accept_ssl -------------------------------------------------- */

static GSocket *
raw_connect (guint16 port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);
  return socket;
}

static void
test_accept_silent_client (void)
{
  g_autoptr(QnetSocket) server = stls_listen ();
  g_autoptr(GSocket) client = raw_connect (qnet_socket_get_port (server));
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(QnetSocket) conn = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed_ms;
  QnetEvent *failed;

  qnet_test_recorder_attach (rec, server);
  conn = qnet_socket_accept_ssl (server, STALL_TIMEOUT_MS, NULL, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_null (conn);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (elapsed_ms, <, STALL_TIMEOUT_MS + STALL_SLACK_MS);
  failed = qnet_test_recorder_find (rec, "operation-failed", 0);
  g_assert_nonnull (failed);
  g_assert_cmpstr (qnet_test_event_get_string (failed, "operation"), ==, "accept_ssl");
  g_assert_true (qnet_socket_is_open (server));

  /* The silent client sees its connection closed. */
  {
    char byte;

    g_socket_set_timeout (client, STLS_TIMEOUT_MS / 1000);
    g_assert_cmpint (g_socket_receive (client, &byte, 1, NULL, NULL), ==, 0);
  }
}

static void
test_accept_garbage_client (void)
{
  static const char garbage[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
  g_autoptr(QnetSocket) server = stls_listen ();
  g_autoptr(GSocket) client = raw_connect (qnet_socket_get_port (server));
  g_autoptr(QnetSocket) conn = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_socket_send (client, garbage, strlen (garbage), NULL, &error), ==, strlen (garbage));
  g_assert_no_error (error);
  conn = qnet_socket_accept_ssl (server, STLS_TIMEOUT_MS, NULL, &error);
  g_assert_null (conn);
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE);
  g_test_message ("plain HTTP to accept_ssl: %s", error->message);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/socket-tls/hostile/garbage-reply", test_garbage_reply);
  g_test_add_func ("/socket-tls/hostile/binary-garbage-reply", test_binary_garbage_reply);
  g_test_add_func ("/socket-tls/hostile/alert-reply", test_alert_reply);
  g_test_add_func ("/socket-tls/hostile/oversized-record", test_oversized_record);
  g_test_add_func ("/socket-tls/hostile/stall-mid-handshake", test_stall_mid_handshake);
  g_test_add_func ("/socket-tls/hostile/stall-silent", test_stall_silent);
  g_test_add_func ("/socket-tls/hostile/closed-during-handshake", test_closed_during_handshake);
  g_test_add_func ("/socket-tls/hostile/upgrade-stall-timeout-property", test_upgrade_stall_uses_timeout_property);
  g_test_add_func ("/socket-tls/hostile/cancel-during-handshake", test_cancel_during_handshake);
  g_test_add_func ("/socket-tls/hostile/close-during-handshake", test_close_during_handshake);
  g_test_add_func ("/socket-tls/hostile/io-refused-during-handshake", test_io_refused_during_handshake);
  g_test_add_func ("/socket-tls/hostile/accept-silent-client", test_accept_silent_client);
  g_test_add_func ("/socket-tls/hostile/accept-garbage-client", test_accept_garbage_client);

  return g_test_run ();
}
