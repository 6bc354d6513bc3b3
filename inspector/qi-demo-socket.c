/* qi-demo-socket.c: the TCP part of the demo
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A QnetSocket server on 127.0.0.1 (any free port) accepts one client and
 * answers each line it reads; the client connects once and keeps the
 * connection across rounds, sending a few lines per round; a third socket
 * connects to a port nobody listens on (connect-failed, every round).
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "qi-demo-private.h"

#define DEMO_SOCKET_TIMEOUT_MS 3000
#define DEMO_LINE_MAX 4096

static void server_read_next (QiDemo *self);

static void
server_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(QiDemo) self = user_data;
  g_autoptr(GError) error = NULL;

  if (qnet_socket_send_finish (QNET_SOCKET (object), result, &error))
    server_read_next (self);
}

static void
server_line_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(QiDemo) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) line = qnet_socket_recv_until_finish (QNET_SOCKET (object), result, &error);
  g_autofree char *reply = NULL;

  if (line == NULL)
    return;   /* the client went away, or the demo stopped */
  reply = g_strdup_printf ("PONG %" G_GSIZE_FORMAT " bytes\n", g_bytes_get_size (line));
  qnet_socket_send_async (QNET_SOCKET (object), reply, self->cancellable,
                          server_sent_cb, g_object_ref (self));
}

static void
server_read_next (QiDemo *self)
{
  if (self->accepted == NULL)
    return;
  qnet_socket_recv_until_async (self->accepted, "\n", DEMO_LINE_MAX, -1, self->cancellable,
                                server_line_cb, g_object_ref (self));
}

static void
accepted_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(QiDemo) self = user_data;
  g_autoptr(GError) error = NULL;
  QnetSocket *conn = qnet_socket_accept_finish (QNET_SOCKET (object), result, &error);

  if (conn == NULL)
    return;
  g_clear_object (&self->accepted);
  self->accepted = conn;
  qi_demo_watch (self, conn);
  server_read_next (self);
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(QiDemo) self = user_data;
  g_autoptr(GError) error = NULL;

  qnet_socket_connect_to_finish (QNET_SOCKET (object), result, &error);
  qi_demo_step_done (self);
}

static void
step_socket_connect (QiDemo   *self,
                     gpointer  data)
{
  g_autofree char *dest = NULL;

  if (qnet_socket_is_open (self->client))
    {
      qi_demo_step_done (self);
      return;
    }
  /* the server takes the next connection */
  qnet_socket_accept_async (self->server, DEMO_SOCKET_TIMEOUT_MS, self->cancellable,
                            accepted_cb, g_object_ref (self));
  dest = g_strdup_printf ("127.0.0.1:%u", self->port);
  qnet_socket_connect_to_async (self->client, dest, DEMO_SOCKET_TIMEOUT_MS, self->cancellable,
                                connected_cb, g_object_ref (self));
}

static void
client_reply_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(QiDemo) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = qnet_socket_recv_until_finish (QNET_SOCKET (object), result, &error);

  qi_demo_step_done (self);
}

static void
client_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(QiDemo) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!qnet_socket_send_finish (QNET_SOCKET (object), result, &error))
    {
      qi_demo_step_done (self);
      return;
    }
  qnet_socket_recv_until_async (QNET_SOCKET (object), "\n", DEMO_LINE_MAX, DEMO_SOCKET_TIMEOUT_MS,
                                self->cancellable, client_reply_cb, g_object_ref (self));
}

static void
step_socket_ping (QiDemo   *self,
                  gpointer  data)
{
  g_autofree char *line = NULL;

  if (!qnet_socket_is_open (self->client))
    {
      qi_demo_step_done (self);
      return;
    }
  line = g_strdup_printf ("PING %u the quick brown fox\n", self->line_no++);
  qnet_socket_send_async (self->client, line, self->cancellable, client_sent_cb, g_object_ref (self));
}

static void
step_socket_refused (QiDemo   *self,
                     gpointer  data)
{
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", self->closed_port);

  /* nobody listens there: connecting, then connect-failed */
  qnet_socket_connect_to_async (self->refused, dest, DEMO_SOCKET_TIMEOUT_MS, self->cancellable,
                                connected_cb, g_object_ref (self));
}

/* A port that was free a moment ago and that nobody listens on. */
guint16
qi_demo_find_closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, any, FALSE, NULL))
    return 9;   /* discard: normally closed */
  bound = g_socket_get_local_address (socket, NULL);
  return bound != NULL ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)) : 9;
}

void
qi_demo_socket_add_steps (QiDemo *self)
{
  g_autoptr(GError) error = NULL;

  self->server = qnet_socket_new ();
  self->client = qnet_socket_new ();
  self->refused = qnet_socket_new ();
  qi_demo_watch (self, self->server);
  qi_demo_watch (self, self->client);
  qi_demo_watch (self, self->refused);

  if (!qnet_socket_bind (self->server, "127.0.0.1:0", TRUE, NULL, &error) ||
      !qnet_socket_listen (self->server, 8, &error))
    {
      g_message ("qnet-inspector demo: no loopback server: %s", error->message);
      return;
    }
  self->port = (guint16) qnet_socket_get_port (self->server);
  self->closed_port = qi_demo_find_closed_port ();

  qi_demo_add_step (self, 120, step_socket_connect, NULL);
  for (guint i = 0; i < 5; i++)
    qi_demo_add_step (self, 110, step_socket_ping, NULL);
  qi_demo_add_step (self, 100, step_socket_refused, NULL);
}
