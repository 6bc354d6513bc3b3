/* main.c: qnet-inspector
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The application binds the project's gettext domain (GETTEXT_PACKAGE,
 * libqnet-1): one catalogue in po/ for the library and the app.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "qi-application.h"
#include "qi-cli.h"

int
main (int   argc,
      char *argv[])
{
  QiOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("qnet Inspector"));

  qi_options_init (&options);
  if (!qi_options_parse (&options, &argc, &argv, &error))
    {
      g_printerr ("qnet-inspector: %s\n", error->message);
      qi_options_clear (&options);
      return 2;
    }
  if (options.version)
    {
      g_print ("qnet-inspector %s\n", PACKAGE_VERSION);
      qi_options_clear (&options);
      return 0;
    }

  if (options.export_har != NULL)
    status = qi_cli_export_har (&options);
  else if (options.text)
    status = qi_cli_run_text (&options, FALSE);
  else if (!gtk_init_check ())
    status = qi_cli_run_text (&options, TRUE);
  else
    {
      app = qi_application_new (&options);
      /* the options are parsed: pass only the program name on */
      status = g_application_run (G_APPLICATION (app), 1, argv);
    }

  qi_options_clear (&options);
  return status;
}
