/* qi-cli.c: command-line options and the modes without a window
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * `--text` (and the fallback when no display can be opened) prints every
 * event as one aligned line as it arrives, from the same sources the
 * window uses; `--export-har FILE` writes the HTTP exchanges of the loaded
 * traces (and of the demo, with --demo) and exits.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "qi-cli.h"
#include "qi-demo.h"
#include "qi-event-store.h"
#include "qi-format.h"
#include "qi-har.h"
#include "qi-sources.h"

void
qi_options_init (QiOptions *options)
{
  memset (options, 0, sizeof *options);
  options->listen = TRUE;
}

void
qi_options_clear (QiOptions *options)
{
  g_clear_pointer (&options->listen_path, g_free);
  g_clear_pointer (&options->export_har, g_free);
  g_clear_pointer (&options->files, g_strfreev);
}

static gboolean
listen_cb (const char  *option_name,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  QiOptions *options = data;

  options->listen = TRUE;
  options->listen_given = TRUE;
  g_free (options->listen_path);
  options->listen_path = value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
  return TRUE;
}

static gboolean
no_listen_cb (const char  *option_name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  QiOptions *options = data;

  options->listen = FALSE;
  return TRUE;
}

gboolean
qi_options_parse (QiOptions   *options,
                  int         *argc,
                  char      ***argv,
                  GError     **error)
{
  g_autofree char *socket_path = qnet_trace_get_default_socket_path ();
  g_autofree char *listen_help = g_strdup_printf (_("Accept live taps on PATH (default %s; on unless --no-listen)"), socket_path);
  const GOptionEntry entries[] = {
    { "demo", 'd', 0, G_OPTION_ARG_NONE, &options->demo,
      N_("Run the built-in loopback demo in this process"), NULL },
    { "listen", 'l', G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, listen_cb,
      listen_help, N_("PATH") },
    { "no-listen", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, no_listen_cb,
      N_("Do not accept live taps"), NULL },
    { "text", 't', 0, G_OPTION_ARG_NONE, &options->text,
      N_("Print the event stream as text instead of opening a window"), NULL },
    { "export-har", 'e', 0, G_OPTION_ARG_FILENAME, &options->export_har,
      N_("Write the HTTP exchanges of the loaded traces as HAR 1.2 to FILE and exit"), N_("FILE") },
    { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &options->duration,
      N_("With --text or --export-har: stop after SECONDS"), N_("SECONDS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Show the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->files,
      NULL, N_("[TRACE.jsonl…]") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  GOptionGroup *group = g_option_group_new ("qnet-inspector", "", "", options, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  g_option_context_set_summary (context, _("Shows the events of libqnet objects on live timelines: from this process (--demo), from programs run with QNET_TRACE=inspector, and from trace files."));
  return g_option_context_parse (context, argc, argv, error);
}

/* Shared by both modes: fill a store from the files given. */
static gboolean
load_files (QiEventStore *store,
            QiOptions    *options)
{
  gboolean ok = TRUE;

  for (guint i = 0; options->files != NULL && options->files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->files[i]);
      g_autoptr(GError) error = NULL;

      if (!qi_trace_file_load (store, file, NULL, &error))
        {
          g_printerr (_("qnet-inspector: cannot load %s: %s\n"), options->files[i], error->message);
          ok = FALSE;
        }
    }
  return ok;
}

typedef struct {
  QiEventStore *store;
  GMainLoop    *loop;
  gint64        origin;
  gboolean      have_origin;
  guint         printed;
} TextRun;

static void
print_new (QiEventStore  *store,
           QiStoreChange *change,
           TextRun       *run)
{
  for (guint i = change->first_event; i < change->first_event + change->n_events; i++)
    {
      g_autofree char *line = NULL;

      if (!run->have_origin)
        {
          run->origin = qi_event_store_get_record (store, i)->t;
          run->have_origin = TRUE;
        }
      line = qi_format_text_line (store, i, run->origin);
      fputs (line, stdout);
      fputc ('\n', stdout);
      run->printed++;
    }
  fflush (stdout);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
qi_cli_run_text (QiOptions *options,
                 gboolean   automatic)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(QiLiveTap) tap = NULL;
  g_autoptr(QiDemo) demo = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  TextRun run = { store, loop, 0, FALSE, 0 };
  gboolean files_ok;
  gboolean keep_running;

  if (automatic)
    g_printerr (_("qnet-inspector: no display available, printing the event stream as text instead (see --text)\n"));

  g_signal_connect (store, "changed", G_CALLBACK (print_new), &run);
  fputs (qi_format_text_header (), stdout);
  fputc ('\n', stdout);

  files_ok = load_files (store, options);
  qi_event_store_flush (store);

  /* Only files, nothing live asked for: print them and stop. */
  keep_running = options->demo || options->listen_given || options->duration > 0 ||
                 options->files == NULL || options->files[0] == NULL;
  if (!keep_running)
    return files_ok ? 0 : 1;

  if (options->listen)
    {
      g_autoptr(GError) error = NULL;

      tap = qi_live_tap_new (store);
      if (!qi_live_tap_listen (tap, options->listen_path, &error))
        g_printerr (_("qnet-inspector: not listening for live taps: %s\n"), error->message);
      else
        g_printerr (_("qnet-inspector: listening on %s (run programs with QNET_TRACE=inspector)\n"),
                    qi_live_tap_get_path (tap));
    }
  if (options->demo)
    {
      demo = qi_demo_new (store);
      qi_demo_start (demo);
    }
  if (options->duration > 0)
    g_timeout_add ((guint) (options->duration * 1000), quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  g_main_loop_run (loop);

  if (demo != NULL)
    qi_demo_stop (demo);
  g_clear_object (&demo);
  qi_event_store_flush (store);
  if (tap != NULL)
    qi_live_tap_stop (tap);
  return files_ok ? 0 : 1;
}

int
qi_cli_export_har (QiOptions *options)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(GError) error = NULL;
  gboolean files_ok = load_files (store, options);
  guint n = 0;

  if (options->demo)
    {
      g_autoptr(QiDemo) demo = qi_demo_new (store);
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

      qi_demo_start (demo);
      g_timeout_add ((guint) ((options->duration > 0 ? options->duration : 5.0) * 1000), quit_cb, loop);
      g_main_loop_run (loop);
      qi_demo_stop (demo);
    }
  qi_event_store_flush (store);

  if (!qi_har_write (store, options->export_har, &n, &error))
    {
      g_printerr (_("qnet-inspector: cannot write %s: %s\n"), options->export_har, error->message);
      return 1;
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "qnet-inspector: wrote %u HTTP exchange to %s\n",
                           "qnet-inspector: wrote %u HTTP exchanges to %s\n", n),
              n, options->export_har);
  return files_ok ? 0 : 1;
}
