/* test-socket-connect.c: QnetSocket connecting, with exact event sequences
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "socket-test.h"

/* A peer that accepts and waits for the client to close. */
static void
peer_wait_close (GSocket  *conn,
                 guint     index,
                 gpointer  data)
{
  g_autoptr(GBytes) rest = test_sock_read_to_eof (conn);

  g_assert_cmpuint (g_bytes_get_size (rest), ==, 0);
}

static void
on_state (QnetSocket *sock,
          GParamSpec *pspec,
          GString    *states)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (QNET_TYPE_SOCKET_STATE);
  GEnumValue *value = g_enum_get_value (klass, qnet_socket_get_state (sock));

  g_string_append_printf (states, "%s%s", states->len > 0 ? "," : "", value->value_nick);
}

typedef struct {
  char    *events;   /* test_describe_events() */
  char    *states;   /* the state changes */
  GError  *error;
  gboolean ok;
  gint64   elapsed_ms;
} ConnectRun;

static void
connect_run_clear (ConnectRun *run)
{
  g_free (run->events);
  g_free (run->states);
  g_clear_error (&run->error);
}

/* Connects a new socket to @dest in the blocking or the asynchronous form,
 * recording its events and state changes, then closes it. */
static void
run_connect_events (const char   *dest,
                    gint          timeout_ms,
                    gboolean      async,
                    GCancellable *cancellable,
                    ConnectRun   *run)
{
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  GString *states = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();

  qnet_test_recorder_attach (rec, sock);
  g_signal_connect (sock, "notify::state", G_CALLBACK (on_state), states);

  if (async)
    {
      g_autoptr(GAsyncResult) result = NULL;

      qnet_socket_connect_to_async (sock, dest, timeout_ms, cancellable, test_async_ready, &result);
      run->ok = qnet_socket_connect_to_finish (sock, test_async_wait (&result), &run->error);
    }
  else
    {
      run->ok = qnet_socket_connect_to (sock, dest, timeout_ms, cancellable, &run->error);
    }
  run->elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_true (run->ok == (run->error == NULL));
  g_assert_true (qnet_socket_is_open (sock) == run->ok);
  g_assert_cmpint (qnet_socket_get_state (sock), ==,
                   run->ok ? QNET_SOCKET_STATE_CONNECTED : QNET_SOCKET_STATE_UNCONNECTED);

  g_signal_handlers_disconnect_by_data (sock, states);
  run->events = test_describe_events (rec);
  run->states = g_string_free (states, FALSE);

  /* Every event of the connect carries source 1 and the socket's id. */
  for (guint i = 0; i < qnet_test_recorder_get_events (rec)->len; i++)
    {
      QnetEvent *event = g_ptr_array_index (qnet_test_recorder_get_events (rec), i);

      g_assert_cmpint (qnet_event_get_source (event), ==, QNET_EVENT_SOURCE_SOCKET);
      g_assert_cmpuint (qnet_event_get_id (event), ==, qnet_emitter_get_id (QNET_EMITTER (sock)));
    }

  qnet_socket_close (sock);
}

/* "localhost" resolves to ::1 then 127.0.0.1; the peer listens on
 * 127.0.0.1 only and [::1]:port refuses, so both addresses are tried. */
static void
test_connect_by_name (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_wait_close, NULL);
      guint16 port = test_peer_get_port (peer);
      g_autoptr(GSocket) refusing = test_refusing_socket (G_SOCKET_FAMILY_IPV6, port, NULL);
      g_autofree char *dest = g_strdup_printf ("localhost:%u", port);
      g_autofree char *expected = NULL;
      ConnectRun run = { 0, };

      run_connect_events (dest, 5000, async, NULL, &run);
      g_assert_no_error (run.error);

      expected = g_strdup_printf ("hostname-lookup(name=localhost, service=%1$u)\n"
                                  "hostname-resolved(address=::1, type=10, typename=ipv6, port=%1$u)\n"
                                  "hostname-resolved(address=127.0.0.1, type=2, typename=ipv4, port=%1$u)\n"
                                  "connecting(type=10, typename=ipv6, target=localhost, address=::1, port=%1$u)\n"
                                  "connecting(type=2, typename=ipv4, target=localhost, address=127.0.0.1, port=%1$u)\n"
                                  "connected()\n",
                                  port);
      g_assert_cmpstr (run.events, ==, expected);
      g_assert_cmpstr (run.states, ==, "host-lookup,connecting,connected");

      if (async == 0)
        g_test_message ("connect by name:\n%s", run.events);

      connect_run_clear (&run);
      test_peer_join (peer);
    }
}

/* Every address of a name refuses: both are tried, then connect-failed. */
static void
test_connect_by_name_all_fail (void)
{
  guint16 port;
  g_autoptr(GSocket) v4 = test_refusing_socket (G_SOCKET_FAMILY_IPV4, 0, &port);
  g_autoptr(GSocket) v6 = test_refusing_socket (G_SOCKET_FAMILY_IPV6, port, NULL);
  g_autofree char *dest = g_strdup_printf ("localhost:%u", port);
  g_autofree char *message = g_strdup_printf ("Could not connect to localhost:%u: Connection refused", port);
  g_autofree char *expected = NULL;
  ConnectRun run = { 0, };

  run_connect_events (dest, 5000, TRUE, NULL, &run);
  g_assert_error (run.error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CONNECT);
  g_assert_cmpstr (run.error->message, ==, message);
  expected = g_strdup_printf ("hostname-lookup(name=localhost, service=%1$u)\n"
                              "hostname-resolved(address=::1, type=10, typename=ipv6, port=%1$u)\n"
                              "hostname-resolved(address=127.0.0.1, type=2, typename=ipv4, port=%1$u)\n"
                              "connecting(type=10, typename=ipv6, target=localhost, address=::1, port=%1$u)\n"
                              "connecting(type=2, typename=ipv4, target=localhost, address=127.0.0.1, port=%1$u)\n"
                              "connect-failed(target=localhost, error=%2$s, error_code=%3$d)\n"
                              "operation-failed(operation=connect_to, domain=qnet-socket-error-quark, code=%4$d, message=%2$s)\n",
                              port, message, G_IO_ERROR_CONNECTION_REFUSED, QNET_SOCKET_ERROR_CONNECT);
  g_assert_cmpstr (run.events, ==, expected);
  g_assert_cmpstr (run.states, ==, "host-lookup,connecting,unconnected");
  connect_run_clear (&run);
}

static void
test_connect_ipv4 (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_wait_close, NULL);
      guint16 port = test_peer_get_port (peer);
      g_autofree char *expected = NULL;
      ConnectRun run = { 0, };

      run_connect_events (test_peer_get_dest (peer), -1, async, NULL, &run);
      g_assert_no_error (run.error);
      expected = g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, address=127.0.0.1, port=%u)\n"
                                  "connected()\n", port);
      g_assert_cmpstr (run.events, ==, expected);
      g_assert_cmpstr (run.states, ==, "connecting,connected");

      connect_run_clear (&run);
      test_peer_join (peer);
    }
}

static void
test_connect_ipv6 (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV6, NULL, 1, peer_wait_close, NULL);
      guint16 port = test_peer_get_port (peer);
      g_autofree char *expected = NULL;
      ConnectRun run = { 0, };

      run_connect_events (test_peer_get_dest (peer), -1, async, NULL, &run);
      g_assert_no_error (run.error);
      expected = g_strdup_printf ("connecting(type=10, typename=ipv6, target=::1, address=::1, port=%u)\n"
                                  "connected()\n", port);
      g_assert_cmpstr (run.events, ==, expected);

      connect_run_clear (&run);
      test_peer_join (peer);
    }
}

static void
test_connect_unix (void)
{
  g_autofree char *dir = qnet_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "peer.sock", NULL);

  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_UNIX, path, 1, peer_wait_close, NULL);
      g_autofree char *expected = NULL;
      ConnectRun run = { 0, };

      run_connect_events (path, -1, async, NULL, &run);
      g_assert_no_error (run.error);
      /* No lookup events and no port key for a UNIX socket. */
      expected = g_strdup_printf ("connecting(type=1, typename=unix, target=%1$s, address=%1$s)\n"
                                  "connected()\n", path);
      g_assert_cmpstr (run.events, ==, expected);

      connect_run_clear (&run);
      test_peer_join (peer);
      g_unlink (path);
    }

  qnet_test_rmdir_recursive (dir);
}

static void
test_connect_refused (void)
{
  guint16 port;
  g_autoptr(GSocket) refusing = test_refusing_socket (G_SOCKET_FAMILY_IPV4, 0, &port);

  for (guint async = 0; async <= 1; async++)
    {
      g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", port);
      g_autofree char *message = g_strdup_printf ("Could not connect to 127.0.0.1:%u: Connection refused", port);
      g_autofree char *expected = NULL;
      ConnectRun run = { 0, };

      run_connect_events (dest, 5000, async, NULL, &run);
      g_assert_error (run.error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CONNECT);
      g_assert_cmpstr (run.error->message, ==, message);

      expected = g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, address=127.0.0.1, port=%1$u)\n"
                                  "connect-failed(target=127.0.0.1, error=%2$s, error_code=%3$d)\n"
                                  "operation-failed(operation=connect_to, domain=qnet-socket-error-quark, code=%4$d, message=%2$s)\n",
                                  port, message, G_IO_ERROR_CONNECTION_REFUSED, QNET_SOCKET_ERROR_CONNECT);
      g_assert_cmpstr (run.events, ==, expected);
      g_assert_cmpstr (run.states, ==, "connecting,unconnected");

      if (async == 0)
        g_test_message ("connection refused:\n%s", run.events);

      connect_run_clear (&run);
    }
}

static void
test_connect_invalid_name (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      g_autofree char *expected = NULL;
      ConnectRun run = { 0, };

      run_connect_events ("no-such-host.invalid:80", 5000, async, NULL, &run);
      g_assert_error (run.error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_LOOKUP);
      g_assert_true (g_str_has_prefix (run.error->message, "Could not connect to no-such-host.invalid:80: "));

      expected = g_strdup_printf ("hostname-lookup(name=no-such-host.invalid, service=80)\n"
                                  "connect-failed(target=no-such-host.invalid, error=%1$s, error_code=%2$d)\n"
                                  "operation-failed(operation=connect_to, domain=qnet-socket-error-quark, code=%3$d, message=%1$s)\n",
                                  run.error->message, G_IO_ERROR_HOST_NOT_FOUND, QNET_SOCKET_ERROR_LOOKUP);
      g_assert_cmpstr (run.events, ==, expected);
      g_assert_cmpstr (run.states, ==, "host-lookup,unconnected");

      connect_run_clear (&run);
    }
}

static void
test_connect_timeout (void)
{
  g_autoptr(TestBlackhole) hole = test_blackhole_new ();
  guint16 port = test_blackhole_get_port (hole);

  for (guint async = 0; async <= 1; async++)
    {
      g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", port);
      g_autofree char *expected = NULL;
      ConnectRun run = { 0, };

      run_connect_events (dest, 300, async, NULL, &run);
      g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_assert_cmpint (run.elapsed_ms, >=, 250);
      g_assert_cmpint (run.elapsed_ms, <, 3000);

      expected = g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, address=127.0.0.1, port=%1$u)\n"
                                  "connect-failed(target=127.0.0.1, error=%2$s, error_code=%3$d)\n"
                                  "operation-failed(operation=connect_to, domain=g-io-error-quark, code=%3$d, message=%2$s)\n",
                                  port, run.error->message, G_IO_ERROR_TIMED_OUT);
      g_assert_cmpstr (run.events, ==, expected);

      connect_run_clear (&run);
    }

  /* The property applies when the call passes -1; 0 does not wait. */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", port);
    gint64 start = g_get_monotonic_time ();

    qnet_socket_set_connect_timeout (sock, 200);
    g_assert_false (qnet_socket_connect_to (sock, dest, -1, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
    g_clear_error (&error);

    start = g_get_monotonic_time ();
    g_assert_false (qnet_socket_connect_to (sock, dest, 0, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 150 * 1000);
  }
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer data)
{
  g_usleep (100 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_connect_cancel (void)
{
  g_autoptr(TestBlackhole) hole = test_blackhole_new ();
  guint16 port = test_blackhole_get_port (hole);
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", port);

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *expected = NULL;
      GThread *thread = NULL;
      ConnectRun run = { 0, };

      if (async)
        g_timeout_add (100, cancel_cb, cancellable);
      else
        thread = g_thread_new ("cancel", cancel_thread, cancellable);

      run_connect_events (dest, 5000, async, cancellable, &run);
      if (thread != NULL)
        g_thread_join (thread);

      g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpint (run.elapsed_ms, <, 3000);
      expected = g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, address=127.0.0.1, port=%1$u)\n"
                                  "connect-failed(target=127.0.0.1, error=%2$s, error_code=%3$d)\n"
                                  "operation-failed(operation=connect_to, domain=g-io-error-quark, code=%3$d, message=%2$s)\n",
                                  port, run.error->message, G_IO_ERROR_CANCELLED);
      g_assert_cmpstr (run.events, ==, expected);
      connect_run_clear (&run);
    }

  /* Already cancelled: fails at once, before any attempt. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    ConnectRun run = { 0, };

    g_cancellable_cancel (cancellable);
    run_connect_events (dest, 5000, FALSE, cancellable, &run);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    connect_run_clear (&run);
  }
}

static void
close_on_connecting (QnetSocket *sock,
                     gint64      type,
                     const char *type_name,
                     const char *target,
                     const char *address,
                     gint64      port,
                     gpointer    data)
{
  qnet_socket_close (sock);
}

/* A handler closing the socket stops the connect, which fails cancelled. */
static void
test_connect_close_in_handler (void)
{
  g_autoptr(TestBlackhole) hole = test_blackhole_new ();
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", test_blackhole_get_port (hole));

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;

      qnet_test_recorder_attach (rec, sock);
      g_signal_connect (sock, "connecting", G_CALLBACK (close_on_connecting), NULL);

      if (async)
        {
          g_autoptr(GAsyncResult) result = NULL;

          qnet_socket_connect_to_async (sock, dest, 5000, NULL, test_async_ready, &result);
          g_assert_false (qnet_socket_connect_to_finish (sock, test_async_wait (&result), &error));
        }
      else
        g_assert_false (qnet_socket_connect_to (sock, dest, 5000, NULL, &error));

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      qnet_test_recorder_assert_names (rec, "connecting,connect-failed,operation-failed");
      g_assert_false (qnet_socket_is_open (sock));
    }
}

static void
test_connect_bad_address (void)
{
  static const char *bad[] = {
    "",                 /* empty */
    ":80",              /* no host to connect to */
    "::1:80",           /* IPv6 without brackets */
    "[::1]80",          /* no colon after the bracket */
    "[::1",             /* unterminated */
    "localhost:",       /* no port */
    "localhost:99999",  /* port out of range */
    "localhost:no-such-service-xyz",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;

      qnet_test_recorder_attach (rec, sock);
      g_assert_false (qnet_socket_connect_to (sock, bad[i], -1, NULL, &error));
      g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS);
      qnet_test_recorder_assert_names (rec, "operation-failed");
    }

  /* A service name is looked up in the services database. */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();
    g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
    g_autoptr(GError) error = NULL;

    qnet_test_recorder_attach (rec, sock);
    /* The port of "discard" (9) on 127.0.0.1 has no listener here. */
    qnet_socket_connect_to (sock, "127.0.0.1:discard", 2000, NULL, &error);
    g_assert_nonnull (error);
    g_assert_nonnull (qnet_test_recorder_find (rec, "connecting", 0));
    g_assert_cmpint (qnet_test_event_get_int (qnet_test_recorder_find (rec, "connecting", 0), "port"), ==, 9);
  }
}

/* Connecting an open socket closes it first. */
static void
test_connect_reconnect (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 2, peer_wait_close, NULL);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;

  qnet_test_recorder_attach (rec, sock);
  g_assert_true (qnet_socket_connect_to (sock, test_peer_get_dest (peer), -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_connect_to (sock, test_peer_get_dest (peer), -1, NULL, &error));
  g_assert_no_error (error);
  qnet_socket_close (sock);
  qnet_socket_close (sock);
  qnet_test_recorder_assert_names (rec, "connecting,connected,channel-closed,connecting,connected,channel-closed");
  test_peer_join (peer);
}

static void
test_connect_info (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_wait_close, NULL);
  guint16 port = test_peer_get_port (peer);
  g_autoptr(GSocket) refusing = test_refusing_socket (G_SOCKET_FAMILY_IPV6, port, NULL);
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) peer_info = NULL;
  g_autoptr(GVariant) socket_info = NULL;
  g_autofree char *dest = g_strdup_printf ("localhost:%u", port);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 local_port;

  g_assert_false (qnet_socket_is_open (sock));
  g_assert_cmpint (qnet_socket_get_fd (sock), ==, -1);
  g_assert_cmpint (qnet_socket_get_port (sock), ==, -1);
  g_assert_null (qnet_socket_get_peer_info (sock, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);

  g_assert_true (qnet_socket_connect_to (sock, dest, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_emitter_get_label (QNET_EMITTER (sock)), ==, dest);
  g_assert_true (qnet_socket_is_open (sock));
  g_assert_cmpint (qnet_socket_get_fd (sock), >=, 0);
  g_assert_true (G_IS_INET_SOCKET_ADDRESS (qnet_socket_get_remote_address (sock)));
  g_assert_true (G_IS_INET_SOCKET_ADDRESS (qnet_socket_get_local_address (sock)));
  g_assert_false (qnet_socket_get_is_secure (sock));

  peer_info = qnet_socket_get_peer_info (sock, &error);
  g_assert_no_error (error);
  text = g_variant_print (peer_info, FALSE);
  expected = g_strdup_printf ("{'hostname': <'localhost'>, 'hostname_desc': <'ipv4[localhost]'>, "
                              "'address': <'127.0.0.1'>, 'address_desc': <'ipv4[127.0.0.1]'>, "
                              "'port': <int64 %u>, 'family': <int64 2>, 'familystr': <'ipv4'>}", port);
  g_assert_cmpstr (text, ==, expected);

  socket_info = qnet_socket_get_socket_info (sock, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (socket_info, "port", "x", &local_port));
  g_assert_cmpint (local_port, ==, qnet_socket_get_port (sock));
  g_assert_false (g_variant_lookup (socket_info, "hostname", "&s", NULL));

  qnet_socket_close (sock);
  g_assert_cmpint (qnet_socket_get_fd (sock), ==, -1);
  g_assert_null (qnet_socket_get_remote_address (sock));
  test_peer_join (peer);
}

/* Dropping the last reference of an open socket closes it, then deletes. */
static void
test_connect_dispose (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_wait_close, NULL);
  g_autoptr(QnetEventQueue) queue = qnet_event_queue_new ();
  QnetSocket *sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetEvent) e1 = NULL;
  g_autoptr(QnetEvent) e2 = NULL;
  g_autoptr(QnetEvent) e3 = NULL;
  g_autoptr(QnetEvent) e4 = NULL;

  qnet_emitter_set_event_queue (QNET_EMITTER (sock), queue, NULL, FALSE);
  g_assert_true (qnet_socket_connect_to (sock, test_peer_get_dest (peer), -1, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (sock);

  e1 = qnet_event_queue_try_pop (queue);
  e2 = qnet_event_queue_try_pop (queue);
  e3 = qnet_event_queue_try_pop (queue);
  e4 = qnet_event_queue_try_pop (queue);
  g_assert_cmpstr (qnet_event_get_name (e1), ==, "connecting");
  g_assert_cmpstr (qnet_event_get_name (e2), ==, "connected");
  g_assert_cmpstr (qnet_event_get_name (e3), ==, "channel-closed");
  g_assert_cmpstr (qnet_event_get_name (e4), ==, "deleted");
  g_assert_null (qnet_event_queue_try_pop (queue));
  test_peer_join (peer);
}

typedef struct {
  char          *dest;
  guint          reconnects;
  GAsyncResult  *result;
} Reconnect;

static void
reconnect_on_close (QnetSocket *sock,
                    QnetEvent  *event,
                    Reconnect  *re)
{
  if (re->reconnects++ > 0)
    return;
  qnet_socket_connect_to_async (sock, re->dest, 5000, NULL, test_async_ready, &re->result);
}

/* A channel-closed handler may connect the socket again, to a UNIX path
 * (completes at once) as well as over TCP. */
static void
test_connect_reconnect_from_handler (void)
{
  g_autofree char *dir = qnet_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "re.sock", NULL);

  for (guint unix_path = 0; unix_path <= 1; unix_path++)
    {
      TestPeer *peer = test_peer_new (unix_path ? G_SOCKET_FAMILY_UNIX : G_SOCKET_FAMILY_IPV4, path, 2,
                                      peer_wait_close, NULL);
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      Reconnect re = { g_strdup (test_peer_get_dest (peer)), 0, NULL };

      g_assert_true (qnet_socket_connect_to (sock, re.dest, 5000, NULL, &error));
      g_assert_no_error (error);
      qnet_test_recorder_attach (rec, sock);
      /* After the recorder's handler, so it records the close first. */
      g_signal_connect (sock, "event::channel-closed", G_CALLBACK (reconnect_on_close), &re);

      qnet_socket_close (sock);
      g_assert_true (qnet_socket_connect_to_finish (sock, test_async_wait (&re.result), &error));
      g_assert_no_error (error);
      g_assert_true (qnet_socket_is_open (sock));
      g_assert_cmpint (qnet_socket_get_state (sock), ==, QNET_SOCKET_STATE_CONNECTED);
      qnet_test_recorder_assert_names (rec, "channel-closed,connecting,connected");

      qnet_socket_close (sock);
      g_clear_object (&re.result);
      g_free (re.dest);
      test_peer_join (peer);
      g_unlink (path);
    }
  qnet_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/socket/connect/by-name", test_connect_by_name);
  g_test_add_func ("/socket/connect/by-name-all-fail", test_connect_by_name_all_fail);
  g_test_add_func ("/socket/connect/ipv4", test_connect_ipv4);
  g_test_add_func ("/socket/connect/ipv6", test_connect_ipv6);
  g_test_add_func ("/socket/connect/unix", test_connect_unix);
  g_test_add_func ("/socket/connect/refused", test_connect_refused);
  g_test_add_func ("/socket/connect/invalid-name", test_connect_invalid_name);
  g_test_add_func ("/socket/connect/timeout", test_connect_timeout);
  g_test_add_func ("/socket/connect/cancel", test_connect_cancel);
  g_test_add_func ("/socket/connect/close-in-handler", test_connect_close_in_handler);
  g_test_add_func ("/socket/connect/bad-address", test_connect_bad_address);
  g_test_add_func ("/socket/connect/reconnect", test_connect_reconnect);
  g_test_add_func ("/socket/connect/reconnect-from-handler", test_connect_reconnect_from_handler);
  g_test_add_func ("/socket/connect/info", test_connect_info);
  g_test_add_func ("/socket/connect/dispose", test_connect_dispose);

  return g_test_run ();
}
