/* file-events.c: write and read a file with QnetFile and print every event
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: file-events [PATH]
 *
 * Without PATH the file is made in a new temporary directory and removed at
 * the end. The program writes text and an integer, reads them back with the
 * blocking calls, then once more with the asynchronous ones from a main
 * loop, tries a file that does not exist, and prints each event as it is
 * raised: the same events, in the same order, for both forms.
 */

#include <stdio.h>

#include <glib/gstdio.h>
#include <qnet.h>

static void
on_event (QnetEmitter *emitter,
          QnetEvent   *event,
          gpointer     user_data)
{
  GVariant *hash = qnet_event_get_hash (event);
  GString *keys = g_string_new (NULL);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  /* The common keys (event, source, id) first, then the event's own. */
  g_variant_iter_init (&iter, hash);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autofree char *printed = g_variant_print (value, FALSE);

      g_string_append_printf (keys, " %s=%s", key, printed);
      g_variant_unref (value);
    }
  printf ("  %-17s%s\n", qnet_event_get_name (event), keys->str);
  fflush (stdout);
  g_string_free (keys, TRUE);
}

static void
fail (GError *error)
{
  g_printerr ("file-events: %s\n", error->message);
  exit (1);
}

static void
blocking_round (QnetFile   *file,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  gint32 number = 0;

  printf ("Writing %s (blocking):\n", path);
  if (!qnet_file_open (file, path,
                       QNET_FILE_OPEN_WRITE | QNET_FILE_OPEN_CREATE | QNET_FILE_OPEN_TRUNCATE,
                       0644, NULL, NULL, &error) ||
      !qnet_file_write (file, "Hello from libqnet\n", NULL, &error) ||
      !qnet_file_print (file, "Grüße, événements\n", NULL, &error) ||
      !qnet_file_write_i32 (file, 2024, NULL, &error) ||
      !qnet_file_close (file, NULL, &error))
    fail (error);

  printf ("Reading it back (blocking):\n");
  if (!qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error))
    fail (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *line = qnet_file_read_line (file, FALSE, NULL, &error);

      if (line == NULL)
        fail (error);
      printf ("  -> line \"%s\"\n", line);
    }
  if (!qnet_file_read_i32 (file, &number, NULL, &error))
    fail (error);
  printf ("  -> integer %d\n", number);
  if (!qnet_file_close (file, NULL, &error))
    fail (error);
}

typedef struct
{
  GMainLoop *loop;
  QnetFile  *file;
  GError    *error;
} AsyncRound;

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncRound *round = user_data;

  qnet_file_close_finish (round->file, result, &round->error);
  g_main_loop_quit (round->loop);
}

static void
on_bytes (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncRound *round = user_data;
  g_autoptr(GBytes) bytes = qnet_file_read_bytes_finish (round->file, result, &round->error);

  if (bytes == NULL)
    {
      g_main_loop_quit (round->loop);
      return;
    }
  printf ("  -> %" G_GSIZE_FORMAT " more bytes\n", g_bytes_get_size (bytes));
  qnet_file_close_async (round->file, NULL, on_closed, round);
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncRound *round = user_data;
  g_autofree char *line = qnet_file_read_line_finish (round->file, result, &round->error);

  if (round->error != NULL)
    {
      g_main_loop_quit (round->loop);
      return;
    }
  printf ("  -> line \"%s\"\n", line);
  qnet_file_read_bytes_async (round->file, -1, NULL, on_bytes, round);
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncRound *round = user_data;

  if (!qnet_file_open_finish (round->file, result, &round->error))
    {
      g_main_loop_quit (round->loop);
      return;
    }
  qnet_file_read_line_async (round->file, FALSE, NULL, on_line, round);
}

static void
async_round (QnetFile   *file,
             const char *path)
{
  AsyncRound round = { g_main_loop_new (NULL, FALSE), file, NULL };

  /* The I/O runs in a worker thread; the events come here, on the main
   * loop, each before the callback of its operation. */
  printf ("Reading it again (asynchronous):\n");
  qnet_file_open_async (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, on_opened, &round);
  g_main_loop_run (round.loop);
  g_main_loop_unref (round.loop);
  if (round.error != NULL)
    fail (round.error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  QnetFile *file;

  if (argc > 2)
    {
      g_printerr ("Usage: %s [PATH]\n", argv[0]);
      return 2;
    }
  if (argc == 2)
    path = g_strdup (argv[1]);
  else
    {
      tmpdir = g_dir_make_tmp ("qnet-file-events-XXXXXX", &error);
      if (tmpdir == NULL)
        fail (error);
      path = g_build_filename (tmpdir, "hello.txt", NULL);
    }

  file = qnet_file_new (NULL);
  g_signal_connect (file, "event", G_CALLBACK (on_event), NULL);

  blocking_round (file, path);
  async_round (file, path);

  missing = g_strconcat (path, ".missing", NULL);
  printf ("Opening a file that does not exist:\n");
  if (qnet_file_open (file, missing, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error))
    return 1;
  printf ("  -> error: %s\n", error->message);

  printf ("Dropping the object:\n");
  g_object_unref (file);

  if (tmpdir != NULL)
    {
      g_unlink (path);
      g_rmdir (tmpdir);
    }
  return 0;
}
