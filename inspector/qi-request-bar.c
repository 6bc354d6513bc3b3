/* qi-request-bar.c: run something from the inspector itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The in-process source: a TCP connect with QnetSocket, a file read with
 * QnetFile, and an HTTP(S) request with QnetHttpClient (through
 * qi_demo_http_request() in qi-demo-http.c, once libqnet has the client).
 * Every object made here is watched by the store and kept until the window
 * closes, so its lane stays.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qi-demo.h"
#include "qi-request-bar.h"

#define FILE_READ_CHUNK (64 * 1024)
#define FILE_READ_MAX (16 * 1024 * 1024)   /* a demo read, not a copy tool */
#define CONNECT_TIMEOUT_MS 10000

struct _QiRequestBar
{
  GtkWidget     parent_instance;

  QiEventStore *store;     /* (owned) (nullable) */
  GPtrArray    *objects;   /* (owned) emitters made here */
  GCancellable *cancellable;

  GtkWidget    *box;
  GtkDropDown  *kind_dropdown;
  GtkDropDown  *method_dropdown;
  GtkEntry     *target_entry;
  GtkWidget    *run_button;
  GtkLabel     *status_label;
};

G_DEFINE_FINAL_TYPE (QiRequestBar, qi_request_bar, GTK_TYPE_WIDGET)

static void
set_status (QiRequestBar *self,
            const char   *text)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), text);
}

/* File reads --------------------------------------------------------------- */

typedef struct {
  QiRequestBar *self;   /* (owned) */
  QnetFile     *file;   /* (unowned): in self->objects */
  gsize         total;
} FileRead;

static void
file_read_free (FileRead *fr)
{
  g_object_unref (fr->self);
  g_free (fr);
}

static void
file_closed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FileRead *fr = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  qnet_file_close_finish (QNET_FILE (object), result, &error);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Read %lu byte",
                                       "Read %lu bytes", fr->total), (unsigned long) fr->total);
  set_status (fr->self, text);
  file_read_free (fr);
}

static void
file_chunk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FileRead *fr = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = qnet_file_read_bytes_finish (QNET_FILE (object), result, &error);

  if (bytes != NULL && g_bytes_get_size (bytes) > 0 && fr->total < FILE_READ_MAX)
    {
      fr->total += g_bytes_get_size (bytes);
      qnet_file_read_bytes_async (fr->file, FILE_READ_CHUNK, fr->self->cancellable, file_chunk_cb, fr);
      return;
    }
  if (error != NULL)
    set_status (fr->self, error->message);
  qnet_file_close_async (fr->file, NULL, file_closed_cb, fr);
}

static void
file_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FileRead *fr = user_data;
  g_autoptr(GError) error = NULL;

  if (!qnet_file_open_finish (QNET_FILE (object), result, &error))
    {
      set_status (fr->self, error->message);
      file_read_free (fr);
      return;
    }
  qnet_file_read_bytes_async (fr->file, FILE_READ_CHUNK, fr->self->cancellable, file_chunk_cb, fr);
}

static void
run_file (QiRequestBar *self,
          const char   *path)
{
  FileRead *fr = g_new0 (FileRead, 1);
  g_autofree char *expanded = NULL;

  if (g_str_has_prefix (path, "~/"))
    path = expanded = g_build_filename (g_get_home_dir (), path + 2, NULL);
  fr->self = g_object_ref (self);
  fr->file = qnet_file_new (NULL);
  g_ptr_array_add (self->objects, fr->file);
  qi_event_store_watch_emitter (self->store, fr->file);
  set_status (self, _("Reading…"));
  qnet_file_open_async (fr->file, path, QNET_FILE_OPEN_READ, 0, NULL, self->cancellable,
                        file_opened_cb, fr);
}

/* TCP connects ------------------------------------------------------------- */

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(QiRequestBar) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!qnet_socket_connect_to_finish (QNET_SOCKET (object), result, &error))
    {
      set_status (self, error->message);
      return;
    }
  set_status (self, _("Connected; closed again"));
  qnet_socket_close (QNET_SOCKET (object));
}

static void
run_tcp (QiRequestBar *self,
         const char   *dest)
{
  QnetSocket *socket = qnet_socket_new ();

  g_ptr_array_add (self->objects, socket);
  qi_event_store_watch_emitter (self->store, socket);
  set_status (self, _("Connecting…"));
  qnet_socket_connect_to_async (socket, dest, CONNECT_TIMEOUT_MS, self->cancellable,
                                connected_cb, g_object_ref (self));
}

/* HTTP --------------------------------------------------------------------- */

static void
http_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(QiRequestBar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = qi_demo_http_request_finish (result, &error);

  set_status (self, status != NULL ? status : error->message);
}

void
qi_request_bar_run (QiRequestBar  *self,
                    QiRequestKind  kind,
                    const char    *method,
                    const char    *target)
{
  g_return_if_fail (QI_IS_REQUEST_BAR (self));

  if (self->store == NULL)
    return;
  if (target == NULL || target[0] == '\0')
    {
      set_status (self, _("Enter what to run first"));
      return;
    }

  switch (kind)
    {
    case QI_REQUEST_HTTP:
      set_status (self, _("Requesting…"));
      qi_demo_http_request (self->store, self->objects, method, target, self->cancellable,
                            http_done_cb, g_object_ref (self));
      break;
    case QI_REQUEST_TCP:
      run_tcp (self, target);
      break;
    case QI_REQUEST_FILE:
    default:
      run_file (self, target);
      break;
    }
}

static void
run_clicked_cb (QiRequestBar *self)
{
  QiRequestKind kind = gtk_drop_down_get_selected (self->kind_dropdown);
  GtkStringObject *method = gtk_drop_down_get_selected_item (self->method_dropdown);
  g_autofree char *target = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->target_entry))));

  qi_request_bar_run (self, kind, method ? gtk_string_object_get_string (method) : "GET", target);
}

static void
kind_changed_cb (QiRequestBar *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  gtk_widget_set_visible (GTK_WIDGET (self->method_dropdown), kind == QI_REQUEST_HTTP);
  switch (kind)
    {
    case QI_REQUEST_HTTP:
      gtk_entry_set_placeholder_text (self->target_entry, _("https://example.com/"));
      break;
    case QI_REQUEST_TCP:
      gtk_entry_set_placeholder_text (self->target_entry, _("host:port, [v6addr]:port or a UNIX socket path"));
      break;
    case QI_REQUEST_FILE:
    default:
      gtk_entry_set_placeholder_text (self->target_entry, _("/path/to/a/file"));
      break;
    }
  set_status (self, "");
}

void
qi_request_bar_set_store (QiRequestBar *self,
                          QiEventStore *store)
{
  g_return_if_fail (QI_IS_REQUEST_BAR (self));
  g_set_object (&self->store, store);
}

static void
qi_request_bar_dispose (GObject *object)
{
  QiRequestBar *self = QI_REQUEST_BAR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), QI_TYPE_REQUEST_BAR);
  g_ptr_array_set_size (self->objects, 0);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (qi_request_bar_parent_class)->dispose (object);
}

static void
qi_request_bar_finalize (GObject *object)
{
  QiRequestBar *self = QI_REQUEST_BAR (object);

  g_ptr_array_unref (self->objects);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (qi_request_bar_parent_class)->finalize (object);
}

static void
qi_request_bar_class_init (QiRequestBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = qi_request_bar_dispose;
  G_OBJECT_CLASS (klass)->finalize = qi_request_bar_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/libqnet/Inspector/qi-request-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, QiRequestBar, box);
  gtk_widget_class_bind_template_child (widget_class, QiRequestBar, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QiRequestBar, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QiRequestBar, target_entry);
  gtk_widget_class_bind_template_child (widget_class, QiRequestBar, run_button);
  gtk_widget_class_bind_template_child (widget_class, QiRequestBar, status_label);
  gtk_widget_class_bind_template_callback (widget_class, run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "requestbar");
}

static void
qi_request_bar_init (QiRequestBar *self)
{
  self->objects = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
