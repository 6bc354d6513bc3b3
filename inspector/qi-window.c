/* qi-window.c: the inspector window
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Owns the session: the event store, the filtered list the table shows,
 * the time axis, and the sources (live tap, demo, files). Widgets only
 * draw what those models say; the window keeps their selections in step.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qi-demo.h"
#include "qi-details.h"
#include "qi-format.h"
#include "qi-har.h"
#include "qi-legend.h"
#include "qi-request-bar.h"
#include "qi-ruler.h"
#include "qi-sources.h"
#include "qi-window.h"

#define DEMO_INITIAL_SPAN_US (8 * G_USEC_PER_SEC)

struct _QiWindow
{
  GtkApplicationWindow parent_instance;

  QiEventStore       *store;
  QiEventList        *list;
  QiTimeAxis         *axis;
  GtkSingleSelection *selection;
  QiLiveTap          *tap;
  QiDemo             *demo;
  guint               n_loading;
  gboolean            syncing;
  gboolean            demo_view_pending;
  gboolean            fit_after_load;
  guint               status_source;
  gint64              last_table_scroll;

  /* template */
  GtkLabel           *status_label;
  GtkRevealer        *request_revealer;
  QiRequestBar       *request_bar;
  GtkRevealer        *banner_revealer;
  GtkLabel           *banner_label;
  QiLegend           *legend;
  QiRuler            *ruler;
  QiTimeline         *timeline;
  GtkScrolledWindow  *timeline_scroller;
  GtkSearchEntry     *search_entry;
  GtkButton          *object_chip;
  GtkButton          *range_chip;
  GtkSpinner         *busy_spinner;
  GtkLabel           *count_label;
  GtkColumnView      *table;
  GtkScrolledWindow  *table_scroller;
  QiDetails          *details;
};

G_DEFINE_FINAL_TYPE (QiWindow, qi_window, GTK_TYPE_APPLICATION_WINDOW)

typedef enum {
  COLUMN_TIME,
  COLUMN_PROCESS,
  COLUMN_OBJECT,
  COLUMN_SOURCE,
  COLUMN_EVENT,
  COLUMN_SUMMARY,
} Column;

static void
show_banner (QiWindow   *self,
             const char *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
banner_close_cb (QiWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
do_update_status (QiWindow *self)
{
  GString *status = g_string_new (NULL);
  guint n_events = qi_event_store_get_n_events (self->store);
  guint n_objects = qi_event_store_get_n_objects (self->store);
  guint n_processes = qi_event_store_get_n_processes (self->store);
  guint64 dropped = qi_event_store_get_n_dropped (self->store);
  guint64 malformed = qi_event_store_get_n_malformed (self->store);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *count = NULL;

  g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_events), n_events);
  g_string_append (status, " · ");
  g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE, "%u object", "%u objects", n_objects), n_objects);
  g_string_append (status, " · ");
  g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE, "%u process", "%u processes", n_processes), n_processes);
  if (self->tap != NULL && qi_live_tap_get_path (self->tap) != NULL)
    {
      guint live = qi_live_tap_get_n_connections (self->tap);

      g_string_append (status, " · ");
      if (live > 0)
        g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE, "%u live tap", "%u live taps", live), live);
      else
        g_string_append (status, _("waiting for live taps"));
    }
  if (self->n_loading > 0)
    g_string_append_printf (status, " · %s", _("loading…"));
  if (dropped > 0)
    {
      g_string_append (status, " · ");
      g_string_append_printf (status, _("%llu dropped"), (unsigned long long) dropped);
    }
  if (malformed > 0)
    {
      g_string_append (status, " · ");
      g_string_append_printf (status, _("%llu malformed lines"), (unsigned long long) malformed);
    }
  gtk_label_set_text (self->status_label, status->str);
  g_string_free (status, TRUE);

  if (qi_event_list_is_filtered (self->list))
    count = g_strdup_printf (_("%u of %u"), shown, n_events);
  else
    count = g_strdup_printf ("%u", shown);
  gtk_label_set_text (self->count_label, count);
}

static gboolean
status_cb (gpointer data)
{
  QiWindow *self = data;

  self->status_source = 0;
  do_update_status (self);
  return G_SOURCE_REMOVE;
}

/* The counts change with every flush: show them a few times a second,
 * not every frame (each change of the title's width relayouts the window). */
static void
update_status (QiWindow *self)
{
  if (self->status_source == 0)
    self->status_source = g_timeout_add (250, status_cb, self);
}

/* The table --------------------------------------------------------------- */

static const char *
source_name (guint source)
{
  switch (source)
    {
    case QNET_EVENT_SOURCE_SOCKET: return _("socket");
    case QNET_EVENT_SOURCE_HTTP_CLIENT: return _("HTTP client");
    case QNET_EVENT_SOURCE_FTP_CLIENT: return _("FTP client");
    case QNET_EVENT_SOURCE_FILE: return _("file");
    default: return "";
    }
}

static void
column_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (column) == COLUMN_TIME ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (GPOINTER_TO_INT (column) == COLUMN_TIME || GPOINTER_TO_INT (column) == COLUMN_PROCESS)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
column_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  column)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  QiEventItem *event = gtk_list_item_get_item (item);
  QiEventStore *store = qi_event_item_get_store (event);
  guint index = qi_event_item_get_index (event);
  const QiRecord *rec = qi_event_store_get_record (store, index);
  QiObject *obj = qi_event_store_get_object (store, rec->object);
  g_autofree char *text = NULL;

  for (guint f = 0; f < QI_N_FAMILIES; f++)
    {
      g_autofree char *css = g_strdup_printf ("family-%s", qi_family_get_id (f));

      gtk_widget_remove_css_class (label, css);
    }

  switch (GPOINTER_TO_INT (column))
    {
    case COLUMN_TIME:
      {
        gint64 begin, end;

        qi_event_store_get_range (store, &begin, &end);
        text = qi_format_offset (rec->t - begin);
      }
      break;
    case COLUMN_PROCESS:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, qi_event_store_get_process (store, obj->process)->pid);
      break;
    case COLUMN_OBJECT:
      text = qi_event_store_dup_object_title (store, rec->object);
      break;
    case COLUMN_SOURCE:
      text = g_strdup (source_name (rec->source));
      break;
    case COLUMN_EVENT:
      {
        g_autofree char *css = g_strdup_printf ("family-%s", qi_family_get_id (qi_code_get_family (rec->code)));

        text = g_strdup (qi_code_get_name (rec->code));
        gtk_widget_add_css_class (label, css);
      }
      break;
    case COLUMN_SUMMARY:
    default:
      text = qi_event_store_dup_summary (store, index);
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
add_column (QiWindow   *self,
            const char *title,
            Column      column,
            int         fixed_width,
            gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (column_setup), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (column_bind), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (self->table, col);
  g_object_unref (col);
}

/* GTK 4.8 has no gtk_column_view_scroll_to(): its list view has an action. */
static void
scroll_table_to (QiWindow *self,
                 guint     position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->table));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}

/* Selections kept in step ------------------------------------------------- */

static void
on_table_selected (QiWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  guint index = qi_event_list_get_event (self->list, position);

  if (self->syncing)
    return;
  self->syncing = TRUE;
  if (index != QI_NO_EVENT)
    {
      qi_timeline_set_selected_event (self->timeline, index);
      qi_details_show_event (self->details, index);
    }
  self->syncing = FALSE;
}

static void
on_timeline_selected (QiWindow *self)
{
  guint index = qi_timeline_get_selected_event (self->timeline);
  guint position;

  if (self->syncing)
    return;
  self->syncing = TRUE;
  position = index != QI_NO_EVENT ? qi_event_list_find_event (self->list, index) : G_MAXUINT;
  if (position != G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, position);
      scroll_table_to (self, position);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  qi_details_show_event (self->details, index);
  self->syncing = FALSE;
}

static void
on_timeline_object (QiWindow *self)
{
  guint object;

  g_object_get (self->timeline, "selected-object", &object, NULL);
  if (object != QI_NO_OBJECT)
    qi_details_show_object (self->details, object);
}

static void
set_object_filter (QiWindow *self,
                   guint     object)
{
  qi_event_list_set_object (self->list, object);
  if (object != QI_NO_OBJECT)
    {
      g_autofree char *title = qi_event_store_dup_object_title (self->store, object);
      g_autofree char *label = g_strdup_printf ("%s  ✕", title);

      gtk_button_set_label (self->object_chip, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->object_chip), object != QI_NO_OBJECT);
  update_status (self);
}

static void
on_filter_object (QiDetails *details,
                  guint      object,
                  QiWindow  *self)
{
  set_object_filter (self, object);
}

static void
object_chip_clicked_cb (QiWindow *self)
{
  set_object_filter (self, QI_NO_OBJECT);
}

static void
range_chip_clicked_cb (QiWindow *self)
{
  qi_time_axis_clear_selection (self->axis);
}

static void
on_axis_selection (QiWindow *self)
{
  gint64 begin, end;

  if (qi_time_axis_get_selection (self->axis, &begin, &end))
    {
      g_autofree char *duration = qi_format_duration (end - begin);
      g_autofree char *label = g_strdup_printf (_("Range %s  ✕"), duration);

      qi_event_list_set_time_range (self->list, begin, end);
      gtk_button_set_label (self->range_chip, label);
      gtk_widget_set_visible (GTK_WIDGET (self->range_chip), TRUE);
    }
  else
    {
      qi_event_list_clear_time_range (self->list);
      gtk_widget_set_visible (GTK_WIDGET (self->range_chip), FALSE);
    }
  update_status (self);
}

static void
search_changed_cb (QiWindow *self)
{
  qi_event_list_set_text (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_status (self);
}

static void
on_family_mask (QiWindow *self)
{
  qi_event_list_set_family_mask (self->list, qi_legend_get_family_mask (self->legend));
  update_status (self);
}

static void
on_list_busy (QiWindow *self)
{
  gboolean busy = qi_event_list_is_busy (self->list) || self->n_loading > 0;

  gtk_spinner_set_spinning (self->busy_spinner, busy);
  update_status (self);
}

static void
on_store_changed (QiEventStore  *store,
                  QiStoreChange *change,
                  QiWindow      *self)
{
  gint64 begin, end;

  if (qi_event_store_get_range (store, &begin, &end))
    {
      qi_time_axis_set_document (self->axis, begin, end);
      if (self->demo_view_pending)
        {
          self->demo_view_pending = FALSE;
          qi_time_axis_set_visible (self->axis, begin - DEMO_INITIAL_SPAN_US / 50,
                                    begin + DEMO_INITIAL_SPAN_US - DEMO_INITIAL_SPAN_US / 50);
        }
    }
  if (qi_time_axis_get_follow_live (self->axis) && change->n_events > 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

      gint64 now = g_get_monotonic_time ();

      /* a few times a second is enough to follow; moving the adjustment to
       * the end costs far less than scrolling to an item */
      if (n > 0 && gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION &&
          now - self->last_table_scroll > G_USEC_PER_SEC / 2)
        {
          GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->table_scroller);

          self->last_table_scroll = now;
          gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj));
        }
    }
  update_status (self);
}

/* Sources ----------------------------------------------------------------- */

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(QiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_loading--;
  if (!qi_trace_file_load_finish (QI_EVENT_STORE (object), result, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the trace: %s"), error->message);

      show_banner (self, text);
    }
  else if (self->fit_after_load && self->n_loading == 0)
    {
      /* fit once the merged events are flushed */
      qi_event_store_flush (self->store);
      qi_time_axis_fit_all (self->axis);
      self->fit_after_load = FALSE;
    }
  on_list_busy (self);
}

void
qi_window_open_file (QiWindow *self,
                     GFile    *file)
{
  g_return_if_fail (QI_IS_WINDOW (self));

  self->n_loading++;
  if (!qi_time_axis_get_follow_live (self->axis))
    self->fit_after_load = TRUE;
  qi_trace_file_load_async (self->store, file, NULL, load_done_cb, g_object_ref (self));
  on_list_busy (self);
}

gboolean
qi_window_listen (QiWindow   *self,
                  const char *path)
{
  g_autoptr(GError) error = NULL;
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "listen");

  g_return_val_if_fail (QI_IS_WINDOW (self), FALSE);

  if (!qi_live_tap_listen (self->tap, path, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not accepting live taps: %s"), error->message);

      show_banner (self, text);
      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (FALSE));
      update_status (self);
      return FALSE;
    }
  {
    g_autofree char *tip = g_strdup_printf (_("Accepting live taps on %s: run a program with QNET_TRACE=inspector to see its events here"),
                                            qi_live_tap_get_path (self->tap));

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), tip);
  }
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (TRUE));
  update_status (self);
  return TRUE;
}

void
qi_window_start_demo (QiWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "demo");

  g_return_if_fail (QI_IS_WINDOW (self));

  if (self->demo == NULL)
    self->demo = qi_demo_new (self->store);
  if (qi_event_store_get_n_events (self->store) == 0)
    self->demo_view_pending = TRUE;
  qi_time_axis_set_follow_live (self->axis, TRUE);
  qi_demo_start (self->demo);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (TRUE));
}

void
qi_window_stop_demo (QiWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "demo");

  if (self->demo != NULL)
    qi_demo_stop (self->demo);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (FALSE));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         QiWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    qi_window_open_file (self, l->data);
  g_slist_free (files);
  return TRUE;
}

/* Actions ----------------------------------------------------------------- */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  QiWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          qi_window_open_file (self, file);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
action_open (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Open Trace"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Open"), _("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  add_filter (GTK_FILE_CHOOSER (dialog), _("Traces (JSON Lines)"), "*.jsonl");
  add_filter (GTK_FILE_CHOOSER (dialog), _("All files"), "*");
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  QiWindow        *self)
{
  gboolean har = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "har"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ok = har ? qi_har_write (self->store, path, NULL, &error)
               : qi_event_store_save (self->store, path, &error);
      if (!ok)
        {
          g_autofree char *text = g_strdup_printf (_("Could not save %s: %s"), path, error->message);

          show_banner (self, text);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gboolean har = g_str_equal (action_name, "win.export-har");
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (har ? _("Export HTTP Exchanges as HAR") : _("Save Session"),
                                 GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Save"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     har ? "qnet-session.har" : "qnet-session.jsonl");
  g_object_set_data (G_OBJECT (dialog), "har", GINT_TO_POINTER (har));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
action_view (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QiWindow *self = QI_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    qi_time_axis_zoom (self->axis, 1.5, 0.5);
  else if (g_str_equal (action_name, "win.zoom-out"))
    qi_time_axis_zoom (self->axis, 1 / 1.5, 0.5);
  else if (g_str_equal (action_name, "win.fit-all"))
    {
      qi_time_axis_set_follow_live (self->axis, FALSE);
      qi_time_axis_fit_all (self->axis);
    }
  else if (g_str_equal (action_name, "win.zoom-to-selection"))
    qi_time_axis_zoom_to_selection (self->axis);
  else if (g_str_equal (action_name, "win.find"))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else if (g_str_equal (action_name, "win.clear"))
    {
      qi_timeline_set_selected_event (self->timeline, QI_NO_EVENT);
      qi_details_show_event (self->details, QI_NO_EVENT);
      set_object_filter (self, QI_NO_OBJECT);
      qi_time_axis_clear_selection (self->axis);
      qi_event_store_clear (self->store);
      update_status (self);
    }
}

static void
change_follow_live (GSimpleAction *action,
                    GVariant      *state,
                    gpointer       user_data)
{
  QiWindow *self = user_data;

  qi_time_axis_set_follow_live (self->axis, g_variant_get_boolean (state));
}

static void
change_request_bar (GSimpleAction *action,
                    GVariant      *state,
                    gpointer       user_data)
{
  QiWindow *self = user_data;

  g_simple_action_set_state (action, state);
  gtk_revealer_set_reveal_child (self->request_revealer, g_variant_get_boolean (state));
}

static void
change_demo (GSimpleAction *action,
             GVariant      *state,
             gpointer       user_data)
{
  QiWindow *self = user_data;

  if (g_variant_get_boolean (state))
    qi_window_start_demo (self);
  else
    qi_window_stop_demo (self);
}

static void
change_listen (GSimpleAction *action,
               GVariant      *state,
               gpointer       user_data)
{
  QiWindow *self = user_data;

  if (g_variant_get_boolean (state))
    qi_window_listen (self, NULL);
  else
    {
      qi_live_tap_stop (self->tap);
      g_simple_action_set_state (action, state);
      update_status (self);
    }
}

static void
toggle_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GVariant *state = g_action_get_state (G_ACTION (action));

  g_action_change_state (G_ACTION (action), g_variant_new_boolean (!g_variant_get_boolean (state)));
  g_variant_unref (state);
}

static const GActionEntry win_actions[] = {
  { "follow-live", toggle_action, NULL, "false", change_follow_live },
  { "show-request-bar", toggle_action, NULL, "false", change_request_bar },
  { "demo", toggle_action, NULL, "false", change_demo },
  { "listen", toggle_action, NULL, "false", change_listen },
};

static void
on_follow_live (QiWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "follow-live");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (qi_time_axis_get_follow_live (self->axis)));
}

/* Object ------------------------------------------------------------------ */

static void
qi_window_dispose (GObject *object)
{
  QiWindow *self = QI_WINDOW (object);

  g_clear_handle_id (&self->status_source, g_source_remove);
  if (self->demo != NULL)
    qi_demo_stop (self->demo);
  g_clear_object (&self->demo);
  if (self->tap != NULL)
    qi_live_tap_stop (self->tap);
  g_clear_object (&self->tap);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->axis != NULL)
    g_signal_handlers_disconnect_by_data (self->axis, self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), QI_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->axis);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (qi_window_parent_class)->dispose (object);
}

static void
qi_window_class_init (QiWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = qi_window_dispose;

  g_type_ensure (QI_TYPE_REQUEST_BAR);
  g_type_ensure (QI_TYPE_LEGEND);
  g_type_ensure (QI_TYPE_RULER);
  g_type_ensure (QI_TYPE_TIMELINE);
  g_type_ensure (QI_TYPE_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/libqnet/Inspector/qi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QiWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, request_revealer);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, request_bar);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, ruler);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, timeline_scroller);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, object_chip);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, range_chip);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, table);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, QiWindow, details);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, object_chip_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_chip_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "win.export-har", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, action_view);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, action_view);
  gtk_widget_class_install_action (widget_class, "win.fit-all", NULL, action_view);
  gtk_widget_class_install_action (widget_class, "win.zoom-to-selection", NULL, action_view);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, action_view);
  gtk_widget_class_install_action (widget_class, "win.clear", NULL, action_view);
}

/* The app's style sheet, once per display (also for windows made without
 * the application, as the tests do). */
static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkCssProvider *css;

  if (g_object_get_data (G_OBJECT (display), "qi-css") != NULL)
    return;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/libqnet/Inspector/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "qi-css", css, g_object_unref);
}

static void
qi_window_init (QiWindow *self)
{
  GtkDropTarget *drop;

  ensure_css (GTK_WIDGET (self));

  self->store = qi_event_store_new ();
  self->list = qi_event_list_new (self->store);
  self->axis = qi_time_axis_new ();
  self->tap = qi_live_tap_new (self->store);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (self->selection));
  add_column (self, _("Time (s)"), COLUMN_TIME, 100, FALSE);
  add_column (self, _("Process"), COLUMN_PROCESS, 70, FALSE);
  add_column (self, _("Object"), COLUMN_OBJECT, 250, FALSE);
  add_column (self, _("Source"), COLUMN_SOURCE, 90, FALSE);
  add_column (self, _("Event"), COLUMN_EVENT, 170, FALSE);
  add_column (self, _("Summary"), COLUMN_SUMMARY, -1, TRUE);

  qi_timeline_set_model (self->timeline, self->store, self->axis);
  qi_ruler_set_axis (self->ruler, self->axis);
  qi_details_set_store (self->details, self->store);
  qi_request_bar_set_store (self->request_bar, self->store);

  g_signal_connect (self->store, "changed", G_CALLBACK (on_store_changed), self);
  g_signal_connect_swapped (self->axis, "selection-changed", G_CALLBACK (on_axis_selection), self);
  g_signal_connect_swapped (self->axis, "notify::follow-live", G_CALLBACK (on_follow_live), self);
  g_signal_connect_swapped (self->list, "notify::busy", G_CALLBACK (on_list_busy), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_table_selected), self);
  g_signal_connect_swapped (self->timeline, "notify::selected-event", G_CALLBACK (on_timeline_selected), self);
  g_signal_connect_swapped (self->timeline, "notify::selected-object", G_CALLBACK (on_timeline_object), self);
  g_signal_connect_swapped (self->legend, "notify::family-mask", G_CALLBACK (on_family_mask), self);
  g_signal_connect_swapped (self->tap, "notify::n-connections", G_CALLBACK (update_status), self);
  g_signal_connect (self->details, "filter-object", G_CALLBACK (on_filter_object), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  do_update_status (self);
}

QiWindow *
qi_window_new (GtkApplication *application)
{
  return g_object_new (QI_TYPE_WINDOW, "application", application, NULL);
}

QiEventStore *
qi_window_get_store (QiWindow *self)
{
  return self->store;
}

QiEventList *
qi_window_get_list (QiWindow *self)
{
  return self->list;
}

QiTimeAxis *
qi_window_get_axis (QiWindow *self)
{
  return self->axis;
}

QiTimeline *
qi_window_get_timeline (QiWindow *self)
{
  return self->timeline;
}

GtkSelectionModel *
qi_window_get_selection (QiWindow *self)
{
  return GTK_SELECTION_MODEL (self->selection);
}
