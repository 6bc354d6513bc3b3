/* main.c: qnet-demo-http-server, the demo HTTP server as a program
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * qnet-demo-http-server [ADDRESS]   (default "127.0.0.1:0", a free port)
 *
 * Prints "listening on http://127.0.0.1:PORT/" on stdout once it accepts
 * connections (tests read that line), then serves until it is killed or
 * its stdin is closed.
 */

#include <stdio.h>

#include "qnet-demo-http-server.h"

static gboolean
stdin_closed (GIOChannel   *channel,
              GIOCondition  condition,
              gpointer      data)
{
  char buf[256];
  gsize n = 0;

  if (g_io_channel_read_chars (channel, buf, sizeof buf, &n, NULL) == G_IO_STATUS_NORMAL && n > 0)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(QnetDemoHttpServer) server = qnet_demo_http_server_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
  g_autoptr(GError) error = NULL;

  if (!qnet_demo_http_server_start (server, argc > 1 ? argv[1] : "127.0.0.1:0", &error))
    {
      g_printerr ("qnet-demo-http-server: %s\n", error->message);
      return 1;
    }
  printf ("listening on http://127.0.0.1:%u/\n", qnet_demo_http_server_get_port (server));
  fflush (stdout);

  g_io_channel_set_encoding (in, NULL, NULL);
  g_io_add_watch (in, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed, loop);
  g_main_loop_run (loop);
  return 0;
}
