/* test-socket-server.c: QnetSocket binding, listening and accepting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

#include "socket-test.h"

static QnetSocket *
new_listener (const char *dest)
{
  QnetSocket *sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (qnet_socket_bind (sock, dest, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qnet_socket_get_state (sock), ==, QNET_SOCKET_STATE_BOUND);
  g_assert_true (qnet_socket_listen (sock, 64, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qnet_socket_get_state (sock), ==, QNET_SOCKET_STATE_LISTENING);
  return sock;
}

/* A raw client socket connected to @family's loopback at @port. */
static GSocket *
raw_connect (GSocketFamily family,
             guint16       port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (family);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSocket *socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_set_timeout (socket, TEST_TIMEOUT_MS / 1000);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

static guint16
local_port (GSocket *socket)
{
  g_autoptr(GSocketAddress) address = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

static void
test_server_accept (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(QnetSocket) listener = new_listener ("127.0.0.1:0");
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetSocket) conn = NULL;
      g_autoptr(GSocket) client = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *events = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *label = NULL;
      gint64 start;

      qnet_test_recorder_attach (rec, listener);

      /* Nobody comes: NULL without an error, as Qore's accept. */
      start = g_get_monotonic_time ();
      if (async)
        {
          qnet_socket_accept_async (listener, 200, NULL, test_async_ready, &result);
          conn = qnet_socket_accept_finish (listener, test_async_wait (&result), &error);
          g_clear_object (&result);
        }
      else
        conn = qnet_socket_accept (listener, 200, NULL, &error);
      g_assert_null (conn);
      g_assert_no_error (error);
      g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
      g_assert_null (qnet_socket_accept (listener, 0, NULL, &error));
      g_assert_no_error (error);
      qnet_test_recorder_assert_names (rec, "");

      client = raw_connect (G_SOCKET_FAMILY_IPV4, qnet_socket_get_port (listener));
      if (async)
        {
          qnet_socket_accept_async (listener, 5000, NULL, test_async_ready, &result);
          conn = qnet_socket_accept_finish (listener, test_async_wait (&result), &error);
        }
      else
        conn = qnet_socket_accept (listener, 5000, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (conn);

      /* A fresh, connected emitter. */
      g_assert_cmpint (qnet_socket_get_state (conn), ==, QNET_SOCKET_STATE_CONNECTED);
      g_assert_cmpuint (qnet_emitter_get_id (QNET_EMITTER (conn)), !=, qnet_emitter_get_id (QNET_EMITTER (listener)));
      label = g_strdup_printf ("127.0.0.1:%u", local_port (client));
      g_assert_cmpstr (qnet_emitter_get_label (QNET_EMITTER (conn)), ==, label);

      events = test_describe_events (rec);
      expected = g_strdup_printf ("incoming-connection(peer_address=127.0.0.1, peer_port=%u, connection_id=%" G_GUINT64_FORMAT ")\n",
                                  local_port (client), qnet_emitter_get_id (QNET_EMITTER (conn)));
      g_assert_cmpstr (events, ==, expected);

      /* The two ends talk. */
      {
        g_autoptr(GBytes) data = NULL;
        char buf[4];

        g_socket_send (client, "ping", 4, NULL, &error);
        g_assert_no_error (error);
        data = qnet_socket_recv_bytes (conn, 4, 5000, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpmem (g_bytes_get_data (data, NULL), 4, "ping", 4);
        g_assert_true (qnet_socket_send (conn, "pong", NULL, &error));
        test_sock_read_exact (client, buf, 4);
        g_assert_cmpmem (buf, 4, "pong", 4);
      }
    }
}

typedef struct {
  GPtrArray *connections;
  guint      echoed;
} Accepted;

static void
echo_received (QnetSocket *conn,
               GBytes     *data,
               Accepted   *accepted)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qnet_socket_queue_bytes (conn, data, &error));
  g_assert_no_error (error);
  accepted->echoed++;
}

static void
on_incoming (QnetSocket *listener,
             QnetSocket *conn,
             Accepted   *accepted)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (QNET_IS_SOCKET (conn));
  g_signal_connect (conn, "received", G_CALLBACK (echo_received), accepted);
  g_assert_true (qnet_socket_start_receiving (conn, &error));
  g_assert_no_error (error);
  g_ptr_array_add (accepted->connections, g_object_ref (conn));
}

static void
test_server_start_accepting (void)
{
  QnetSocket *listener = new_listener ("127.0.0.1:0");
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  Accepted accepted = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  GSocket *clients[3];
  gpointer weak = listener;

  qnet_test_recorder_attach (rec, listener);
  g_object_add_weak_pointer (G_OBJECT (listener), &weak);
  g_signal_connect (listener, "incoming-connection", G_CALLBACK (on_incoming), &accepted);
  g_assert_true (qnet_socket_start_accepting (listener, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_is_accepting (listener));

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    clients[i] = raw_connect (G_SOCKET_FAMILY_IPV4, qnet_socket_get_port (listener));

  test_iterate_until (accepted.connections->len == G_N_ELEMENTS (clients));
  g_assert_cmpuint (qnet_test_recorder_count (rec, "incoming-connection"), ==, 3);

  /* Each connection echoes from the main loop. */
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autofree char *msg = g_strdup_printf ("hello %u", i);
      char buf[16] = { 0, };
      gssize n;

      g_socket_send (clients[i], msg, strlen (msg), NULL, &error);
      g_assert_no_error (error);
      test_iterate_until (g_socket_condition_check (clients[i], G_IO_IN) != 0);
      n = g_socket_receive (clients[i], buf, sizeof buf, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (buf, n, msg, strlen (msg));
    }

  /* Accepting kept the listener alive; stopping releases it. */
  g_object_unref (listener);
  g_assert_nonnull (weak);
  qnet_socket_stop_accepting (weak);
  g_assert_null (weak);

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    g_object_unref (clients[i]);
  /* Push mode keeps each connection alive until it is closed. */
  for (guint i = 0; i < accepted.connections->len; i++)
    qnet_socket_close (g_ptr_array_index (accepted.connections, i));
  g_ptr_array_unref (accepted.connections);
}

static void
test_server_bind_forms (void)
{
  g_autoptr(GError) error = NULL;

  /* Every interface: the IPv6 wildcard, which accepts IPv4 clients too. */
  {
    g_autoptr(QnetSocket) listener = new_listener (":0");
    g_autoptr(GSocket) v4 = NULL;
    g_autoptr(QnetSocket) conn = NULL;
    GInetAddress *local = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (qnet_socket_get_local_address (listener)));

    g_assert_true (g_inet_address_get_is_any (local));
    g_assert_cmpint (g_inet_address_get_family (local), ==, G_SOCKET_FAMILY_IPV6);
    v4 = raw_connect (G_SOCKET_FAMILY_IPV4, qnet_socket_get_port (listener));
    conn = qnet_socket_accept (listener, 5000, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (conn);
  }

  /* "port" alone, and bind_inet with a family. */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();
    g_autoptr(GVariant) info = NULL;
    const char *familystr;

    g_assert_true (qnet_socket_bind (sock, "0", TRUE, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (qnet_socket_get_port (sock), >, 0);

    g_assert_true (qnet_socket_bind_inet (sock, NULL, "0", TRUE, G_SOCKET_FAMILY_IPV4, NULL, &error));
    g_assert_no_error (error);
    info = qnet_socket_get_socket_info (sock, &error);
    g_assert_true (g_variant_lookup (info, "familystr", "&s", &familystr));
    g_assert_cmpstr (familystr, ==, "ipv4");
    g_assert_true (g_str_has_prefix (qnet_emitter_get_label (QNET_EMITTER (sock)), "0.0.0.0:"));
  }

  /* A host name is resolved with events; the first address binds. */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();
    g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
    g_autoptr(GVariant) info = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    const char *hostname, *address;

    qnet_test_recorder_attach (rec, sock);
    qnet_socket_bind_async (sock, "localhost:0", TRUE, NULL, test_async_ready, &result);
    g_assert_true (qnet_socket_bind_finish (sock, test_async_wait (&result), &error));
    g_assert_no_error (error);
    qnet_test_recorder_assert_names (rec, "hostname-lookup,hostname-resolved,hostname-resolved");
    info = qnet_socket_get_socket_info (sock, &error);
    g_assert_true (g_variant_lookup (info, "hostname", "&s", &hostname));
    g_assert_cmpstr (hostname, ==, "localhost");
    g_assert_true (g_variant_lookup (info, "address", "&s", &address));
    g_assert_cmpstr (address, ==, "::1");
  }

  /* An address in use. */
  {
    g_autoptr(QnetSocket) first = new_listener ("127.0.0.1:0");
    g_autoptr(QnetSocket) second = qnet_socket_new ();
    g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
    g_autofree char *dest = g_strdup_printf ("127.0.0.1:%d", qnet_socket_get_port (first));
    g_autofree char *message = g_strdup_printf ("Could not bind to %s: Address already in use", dest);

    qnet_test_recorder_attach (rec, second);
    g_assert_false (qnet_socket_bind (second, dest, FALSE, NULL, &error));
    g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_BIND);
    g_assert_cmpstr (error->message, ==, message);
    qnet_test_recorder_assert_names (rec, "operation-failed");
    g_assert_cmpint (qnet_socket_get_state (second), ==, QNET_SOCKET_STATE_UNCONNECTED);
    g_clear_error (&error);
  }

  /* Listening needs a bound socket. */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();

    g_assert_false (qnet_socket_listen (sock, 1, &error));
    g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
    g_clear_error (&error);
    g_assert_false (qnet_socket_start_accepting (sock, &error));
    g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
    g_clear_error (&error);
  }
}

static void
test_server_unix (void)
{
  g_autofree char *dir = qnet_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "server.sock", NULL);
  g_autoptr(GError) error = NULL;

  for (guint form = 0; form <= 1; form++)
    {
      g_autoptr(QnetSocket) listener = qnet_socket_new ();
      g_autoptr(QnetSocket) client = qnet_socket_new ();
      g_autoptr(QnetSocket) conn = NULL;
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GVariant) info = NULL;
      g_autoptr(GBytes) data = NULL;
      const char *familystr;

      if (form == 0)
        g_assert_true (qnet_socket_bind_unix (listener, path, &error));
      else
        g_assert_true (qnet_socket_bind (listener, path, FALSE, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpint (qnet_socket_get_port (listener), ==, -1);
      g_assert_cmpstr (qnet_emitter_get_label (QNET_EMITTER (listener)), ==, path);
      g_assert_true (qnet_socket_listen (listener, 4, &error));

      g_assert_true (qnet_socket_connect_unix (client, path, NULL, &error));
      g_assert_no_error (error);
      conn = qnet_socket_accept (listener, 5000, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (conn);
      info = qnet_socket_get_peer_info (client, &error);
      g_assert_no_error (error);
      g_assert_true (g_variant_lookup (info, "familystr", "&s", &familystr));
      g_assert_cmpstr (familystr, ==, "unix");
      g_assert_false (g_variant_lookup (info, "port", "x", NULL));

      g_assert_true (qnet_socket_send (client, "unix!", NULL, &error));
      data = qnet_socket_recv_bytes (conn, 5, 5000, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (data, NULL), 5, "unix!", 5);

      /* The socket file goes with the close. */
      qnet_test_recorder_attach (rec, listener);
      qnet_socket_close (listener);
      qnet_test_recorder_assert_names (rec, "channel-closed");
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  /* An existing file is not ours to replace or remove. */
  {
    g_autoptr(QnetSocket) sock = qnet_socket_new ();

    g_assert_true (g_file_set_contents (path, "keep", -1, NULL));
    g_assert_false (qnet_socket_bind_unix (sock, path, &error));
    g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_BIND);
    qnet_socket_close (sock);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    g_unlink (path);
  }

  qnet_test_rmdir_recursive (dir);
}

static gboolean
close_later (gpointer data)
{
  qnet_socket_close (data);
  return G_SOURCE_REMOVE;
}

/* Closing the listener fails a pending accept. */
static void
test_server_close_pending_accept (void)
{
  g_autoptr(QnetSocket) listener = new_listener ("127.0.0.1:0");
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  qnet_test_recorder_attach (rec, listener);
  g_timeout_add (50, close_later, listener);
  qnet_socket_accept_async (listener, -1, NULL, test_async_ready, &result);
  g_assert_null (qnet_socket_accept_finish (listener, test_async_wait (&result), &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  qnet_test_recorder_assert_names (rec, "channel-closed,operation-failed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/socket/server/accept", test_server_accept);
  g_test_add_func ("/socket/server/start-accepting", test_server_start_accepting);
  g_test_add_func ("/socket/server/bind-forms", test_server_bind_forms);
  g_test_add_func ("/socket/server/unix", test_server_unix);
  g_test_add_func ("/socket/server/close-pending-accept", test_server_close_pending_accept);

  return g_test_run ();
}
