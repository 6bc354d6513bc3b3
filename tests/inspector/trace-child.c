/* trace-child.c: a traced process for the live-tap tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: trace-child SOCKET-PATH|--env N-WRITES
 *   With a path it calls qnet_trace_start ("unix:PATH"); with --env the
 *   tracing comes from QNET_TRACE in the environment (started when the
 *   first emitter is made). Then a QnetFile writes N-WRITES lines to a
 *   temporary file, reads them back and closes it.
 */

#include <stdlib.h>
#include <glib/gstdio.h>
#include <qnet.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  QnetFile *file;
  guint n;

  if (argc != 3)
    {
      g_printerr ("usage: trace-child SOCKET-PATH|--env N-WRITES\n");
      return 2;
    }
  n = (guint) g_ascii_strtoull (argv[2], NULL, 10);

  if (g_strcmp0 (argv[1], "--env") != 0)
    {
      g_autofree char *dest = g_strdup_printf ("unix:%s", argv[1]);

      if (!qnet_trace_start (dest, &error))
        {
          g_printerr ("trace-child: %s\n", error->message);
          return 1;
        }
    }

  dir = g_dir_make_tmp ("qi-trace-child-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("trace-child: %s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "out.txt", NULL);

  file = qnet_file_new (NULL);
  if (!qnet_file_open (file, path, QNET_FILE_OPEN_WRITE | QNET_FILE_OPEN_CREATE, 0600, NULL, NULL, &error))
    goto fail;
  for (guint i = 0; i < n; i++)
    if (!qnet_file_write (file, "a line of traced text\n", NULL, &error))
      goto fail;
  if (!qnet_file_close (file, NULL, &error))
    goto fail;
  if (!qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error))
    goto fail;
  {
    g_autofree char *text = qnet_file_read (file, -1, NULL, &error);

    if (text == NULL)
      goto fail;
  }
  if (!qnet_file_close (file, NULL, &error))
    goto fail;
  g_object_unref (file);

  qnet_trace_flush ();
  qnet_trace_stop ();
  g_unlink (path);
  g_rmdir (dir);
  return 0;

fail:
  g_printerr ("trace-child: %s\n", error->message);
  return 1;
}
