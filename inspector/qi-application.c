/* qi-application.c: the qnet-inspector GtkApplication
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Non-unique on purpose: every run gets its own window with the sources
 * its command line asked for (a second inspector cannot take the live-tap
 * socket anyway, and says so in its window).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "qi-application.h"
#include "qi-window.h"

struct _QiApplication
{
  GtkApplication parent_instance;

  gboolean       demo;
  gboolean       listen;
  char          *listen_path;
  char         **files;
};

G_DEFINE_FINAL_TYPE (QiApplication, qi_application, GTK_TYPE_APPLICATION)

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *authors[] = { "The libqnet developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("qnet Inspector"),
                         "logo-icon-name", QNET_APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Live timelines of libqnet’s socket, HTTP, FTP and file events"),
                         "website", "https://github.com/libqnet/libqnet",
                         "license-type", GTK_LICENSE_LGPL_2_1,
                         "authors", authors,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* close the windows first: that stops their sources cleanly */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_destroy (windows->data);
      windows = next;
    }
  g_application_quit (G_APPLICATION (app));
}

/* Ctrl+C in the terminal or a kill: close the windows (which removes the
 * live-tap socket) and quit. */
static gboolean
on_signal (gpointer user_data)
{
  quit_action (NULL, NULL, user_data);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
qi_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  static const struct { const char *action; const char *accels[4]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.export-har", { "<Control>e", NULL } },
    { "win.clear", { "<Control><Shift>k", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
    { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "win.fit-all", { "<Control>0", NULL } },
    { "win.zoom-to-selection", { "<Control>z", NULL } },
    { "win.follow-live", { "<Control>l", NULL } },
    { "win.show-request-bar", { "<Control>r", NULL } },
    { "win.demo", { "<Control>d", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (qi_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  g_unix_signal_add (SIGINT, on_signal, app);
  g_unix_signal_add (SIGTERM, on_signal, app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (QNET_APP_ID);
}

static void
qi_application_activate (GApplication *application)
{
  QiApplication *self = QI_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      QiWindow *win = qi_window_new (GTK_APPLICATION (application));

      if (self->listen)
        qi_window_listen (win, self->listen_path);
      for (guint i = 0; self->files != NULL && self->files[i] != NULL; i++)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->files[i]);

          qi_window_open_file (win, file);
        }
      if (self->demo)
        qi_window_start_demo (win);
      window = GTK_WINDOW (win);
    }
  gtk_window_present (window);
}

static void
qi_application_finalize (GObject *object)
{
  QiApplication *self = QI_APPLICATION (object);

  g_free (self->listen_path);
  g_strfreev (self->files);
  G_OBJECT_CLASS (qi_application_parent_class)->finalize (object);
}

static void
qi_application_class_init (QiApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qi_application_finalize;
  G_APPLICATION_CLASS (klass)->startup = qi_application_startup;
  G_APPLICATION_CLASS (klass)->activate = qi_application_activate;
}

static void
qi_application_init (QiApplication *self)
{
}

QiApplication *
qi_application_new (const QiOptions *options)
{
  QiApplication *self = g_object_new (QI_TYPE_APPLICATION,
                                      "application-id", QNET_APP_ID,
                                      "flags", G_APPLICATION_NON_UNIQUE,
                                      "resource-base-path", "/io/github/libqnet/Inspector",
                                      NULL);

  self->demo = options->demo;
  self->listen = options->listen;
  self->listen_path = g_strdup (options->listen_path);
  self->files = g_strdupv (options->files);
  return self;
}
