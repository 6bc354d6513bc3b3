/* test-socket-many.c: 1000 concurrent asynchronous connections, one main loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "socket-test.h"

#define N_CLIENTS 1000
/* Two descriptors per connection in this process, plus slack. */
#define FD_LIMIT (2 * N_CLIENTS + 256)

typedef struct {
  GPtrArray *server_side;  /* accepted connections */
  guint      completed;
  guint      failed;
  guint      incoming;
} Many;

typedef struct {
  Many       *many;
  QnetSocket *sock;
  char       *message;
} Client;

static void
echo (QnetSocket *conn,
      GBytes     *data,
      gpointer    user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qnet_socket_queue_bytes (conn, data, &error));
  g_assert_no_error (error);
}

static void
on_incoming (QnetSocket *listener,
             QnetSocket *conn,
             Many       *many)
{
  g_autoptr(GError) error = NULL;

  many->incoming++;
  g_signal_connect (conn, "received", G_CALLBACK (echo), NULL);
  g_assert_true (qnet_socket_start_receiving (conn, &error));
  g_assert_no_error (error);
  g_ptr_array_add (many->server_side, g_object_ref (conn));
}

static void
on_reply (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Client *client = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = qnet_socket_recv_bytes_finish (client->sock, result, &error);

  if (reply == NULL ||
      g_bytes_get_size (reply) != strlen (client->message) ||
      memcmp (g_bytes_get_data (reply, NULL), client->message, strlen (client->message)) != 0)
    client->many->failed++;
  else
    client->many->completed++;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Client *client = data;
  g_autoptr(GError) error = NULL;

  if (!qnet_socket_send_finish (client->sock, result, &error))
    {
      client->many->failed++;
      return;
    }
  qnet_socket_recv_bytes_async (client->sock, strlen (client->message), 30000, NULL, on_reply, client);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Client *client = data;
  g_autoptr(GError) error = NULL;

  if (!qnet_socket_connect_to_finish (client->sock, result, &error))
    {
      g_test_message ("connect failed: %s", error->message);
      client->many->failed++;
      return;
    }
  qnet_socket_send_async (client->sock, client->message, NULL, on_sent, client);
}

static void
test_many_connections (void)
{
  g_autoptr(QnetSocket) listener = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = NULL;
  Many many = { g_ptr_array_new_with_free_func (g_object_unref), 0, 0, 0 };
  Client *clients = g_new0 (Client, N_CLIENTS);
  gint64 start, deadline;

  test_raise_fd_limit (FD_LIMIT);

  g_assert_true (qnet_socket_bind (listener, "127.0.0.1:0", TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_listen (listener, N_CLIENTS, &error));
  g_assert_no_error (error);
  g_signal_connect (listener, "incoming-connection", G_CALLBACK (on_incoming), &many);
  g_assert_true (qnet_socket_start_accepting (listener, &error));
  g_assert_no_error (error);
  dest = g_strdup_printf ("127.0.0.1:%d", qnet_socket_get_port (listener));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      clients[i].many = &many;
      clients[i].sock = qnet_socket_new ();
      clients[i].message = g_strdup_printf ("client %u says hello", i);
      qnet_socket_connect_to_async (clients[i].sock, dest, 30000, NULL, on_connected, &clients[i]);
    }

  deadline = start + 60 * G_USEC_PER_SEC;
  while (many.completed + many.failed < N_CLIENTS)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_test_message ("%u connections, each a round trip, in %.0f ms",
                  N_CLIENTS, (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpuint (many.failed, ==, 0);
  g_assert_cmpuint (many.completed, ==, N_CLIENTS);
  g_assert_cmpuint (many.incoming, ==, N_CLIENTS);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      qnet_socket_close (clients[i].sock);
      g_object_unref (clients[i].sock);
      g_free (clients[i].message);
    }
  for (guint i = 0; i < many.server_side->len; i++)
    qnet_socket_close (g_ptr_array_index (many.server_side, i));
  g_ptr_array_unref (many.server_side);
  qnet_socket_stop_accepting (listener);
  g_free (clients);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/socket/many/connections", test_many_connections);

  return g_test_run ();
}
