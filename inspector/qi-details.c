/* qi-details.c: every key of the selected event, and its object's timing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qi-details.h"
#include "qi-format.h"

/* Header tables are capped: a hostile peer can send a thousand fields. */
#define MAX_ROWS 400

struct _QiDetails
{
  GtkWidget     parent_instance;

  QiEventStore *store;    /* (owned) (nullable) */
  guint         event;
  guint         object;

  GtkWidget    *scroller;
  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  GtkWidget    *keys_heading;
  GtkGrid      *keys_grid;
  GtkWidget    *headers_heading;
  GtkGrid      *headers_grid;
  GtkWidget    *timing_heading;
  GtkLabel     *object_label;
  GtkGrid      *timing_grid;
  GtkWidget    *filter_button;
};

G_DEFINE_FINAL_TYPE (QiDetails, qi_details, GTK_TYPE_WIDGET)

enum {
  FILTER_OBJECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text,
      gboolean    key)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), !key);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_focusable (label, FALSE);
  if (key)
    gtk_widget_add_css_class (label, "dim-label");
  else
    {
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "monospace");
    }
  return label;
}

static void
add_row (GtkGrid    *grid,
         int         row,
         const char *key,
         const char *value)
{
  gtk_grid_attach (grid, cell (key, TRUE), 0, row, 1, 1);
  gtk_grid_attach (grid, cell (value, FALSE), 1, row, 1, 1);
}

static char *
format_value (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **strv = g_variant_get_strv (value, NULL);

      return g_strjoinv ("\n", (char **) strv);
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      gsize len;
      const guint8 *data = g_variant_get_fixed_array (value, &len, 1);
      GString *out = g_string_new (NULL);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%lu byte",
                                                "%lu bytes", len), (unsigned long) len);
      if (len > 0)
        g_string_append (out, ":");
      for (gsize i = 0; i < MIN (len, 48); i++)
        g_string_append_printf (out, " %02x", data[i]);
      if (len > 48)
        g_string_append (out, " …");
      return g_string_free (out, FALSE);
    }
  return g_variant_print (value, FALSE);
}

static gboolean
is_pseudo_header (const char *key)
{
  return g_str_equal (key, "http_version") || g_str_equal (key, "status_code") ||
         g_str_equal (key, "status_message") || g_str_equal (key, "method") ||
         g_str_equal (key, "path");
}

static int
fill_headers (QiDetails *self,
              GVariant  *headers,
              int        row)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  /* the message line's parts first */
  for (int pass = 0; pass < 2; pass++)
    {
      g_variant_iter_init (&iter, headers);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (is_pseudo_header (key) == (pass == 0) && row < MAX_ROWS)
            {
              g_autofree char *text = format_value (value);

              add_row (self->headers_grid, row++, key, text);
            }
          g_variant_unref (value);
        }
    }
  return row;
}

static void
add_timing_row (QiDetails  *self,
                int         row,
                const char *name,
                gint64      us,
                gint64      max)
{
  g_autofree char *text = qi_format_duration (us);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), max > 0 ? (double) us / max : 0);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_grid_attach (self->timing_grid, cell (name, TRUE), 0, row, 1, 1);
  gtk_grid_attach (self->timing_grid, bar, 1, row, 1, 1);
  gtk_grid_attach (self->timing_grid, cell (text, FALSE), 2, row, 1, 1);
}

static void
fill_timing (QiDetails *self)
{
  QiTiming timing;
  g_autofree char *title = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *events = NULL;
  g_autofree char *total = NULL;
  struct { const char *name; gint64 us; } phases[] = {
    { N_("DNS lookup"), 0 }, { N_("Initial connection"), 0 }, { N_("TLS handshake"), 0 },
    { N_("Request sent"), 0 }, { N_("Waiting (TTFB)"), 0 }, { N_("Content download"), 0 },
    { N_("Chunked body"), 0 }, { N_("FTP commands"), 0 }, { N_("File open"), 0 },
  };
  gint64 max = 1;
  int row = 0;

  clear_grid (self->timing_grid);
  if (self->store == NULL || self->object == QI_NO_OBJECT ||
      self->object >= qi_event_store_get_n_objects (self->store))
    {
      gtk_widget_set_visible (self->timing_heading, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->object_label), FALSE);
      gtk_widget_set_visible (self->filter_button, FALSE);
      return;
    }

  qi_event_store_get_timing (self->store, self->object, &timing);
  phases[0].us = timing.dns;
  phases[1].us = timing.connect;
  phases[2].us = timing.tls;
  phases[3].us = timing.send;
  phases[4].us = timing.wait;
  phases[5].us = timing.receive;
  phases[6].us = timing.chunked;
  phases[7].us = timing.ftp;
  phases[8].us = timing.file;
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    max = MAX (max, phases[i].us);

  title = qi_event_store_dup_object_title (self->store, self->object);
  gtk_label_set_text (self->object_label, title);
  gtk_widget_set_visible (self->timing_heading, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->object_label), TRUE);
  gtk_widget_set_visible (self->filter_button, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    if (phases[i].us >= 0)
      add_timing_row (self, row++, _(phases[i].name), phases[i].us, max);

  total = qi_format_duration (timing.total);
  in = qi_format_bytes (timing.bytes_in);
  out = qi_format_bytes (timing.bytes_out);
  events = g_strdup_printf ("%u", timing.n_events);
  gtk_grid_attach (self->timing_grid, cell (_("First to last event"), TRUE), 0, row, 1, 1);
  gtk_grid_attach (self->timing_grid, cell (total, FALSE), 1, row++, 2, 1);
  gtk_grid_attach (self->timing_grid, cell (_("Bytes in"), TRUE), 0, row, 1, 1);
  gtk_grid_attach (self->timing_grid, cell (in, FALSE), 1, row++, 2, 1);
  gtk_grid_attach (self->timing_grid, cell (_("Bytes out"), TRUE), 0, row, 1, 1);
  gtk_grid_attach (self->timing_grid, cell (out, FALSE), 1, row++, 2, 1);
  gtk_grid_attach (self->timing_grid, cell (_("Events"), TRUE), 0, row, 1, 1);
  gtk_grid_attach (self->timing_grid, cell (events, FALSE), 1, row++, 2, 1);
  if (timing.n_failed > 0)
    {
      g_autofree char *failed = g_strdup_printf ("%u", timing.n_failed);

      gtk_grid_attach (self->timing_grid, cell (_("Failed phases"), TRUE), 0, row, 1, 1);
      gtk_grid_attach (self->timing_grid, cell (failed, FALSE), 1, row++, 2, 1);
    }
}

static void
reset (QiDetails *self)
{
  clear_grid (self->keys_grid);
  clear_grid (self->headers_grid);
  gtk_widget_set_visible (self->keys_heading, FALSE);
  gtk_widget_set_visible (self->headers_heading, FALSE);
}

void
qi_details_show_event (QiDetails *self,
                       guint      index)
{
  const QiRecord *rec;
  g_autoptr(GVariant) hash = NULL;
  g_autofree char *when = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *object = NULL;
  g_autofree char *process = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  gint64 begin, end;
  int row = 0, header_row = 0;

  g_return_if_fail (QI_IS_DETAILS (self));

  reset (self);
  self->event = index;
  if (self->store == NULL || index == QI_NO_EVENT || index >= qi_event_store_get_n_events (self->store))
    {
      gtk_label_set_text (self->title_label, _("Nothing selected"));
      gtk_label_set_text (self->subtitle_label,
                          _("Click a mark on the timeline or a row in the table to see every key of an event and the timing of its object."));
      self->object = QI_NO_OBJECT;
      fill_timing (self);
      return;
    }

  rec = qi_event_store_get_record (self->store, index);
  qi_event_store_get_range (self->store, &begin, &end);
  when = qi_format_wall_time (rec->t);
  offset = qi_format_offset (rec->t - begin);
  object = qi_event_store_dup_object_title (self->store, rec->object);
  process = qi_event_store_dup_process_title (self->store, qi_event_store_get_object (self->store, rec->object)->process);
  /* Translators: event details: object, process, time since the start, wall-clock time */
  subtitle = g_strdup_printf (_("%s\n%s\n%s s since the start · %s"), object, process, offset, when);
  gtk_label_set_text (self->title_label, qi_code_get_name (rec->code));
  gtk_label_set_text (self->subtitle_label, subtitle);

  hash = qi_event_store_dup_hash (self->store, index);
  gtk_widget_set_visible (self->keys_heading, TRUE);
  g_variant_iter_init (&iter, hash);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
        {
          gtk_widget_set_visible (self->headers_heading, TRUE);
          header_row = fill_headers (self, value, header_row);
          add_row (self->keys_grid, row++, key,
                   _("(see Headers below)"));
        }
      else if (row < MAX_ROWS)
        {
          g_autofree char *text = format_value (value);

          add_row (self->keys_grid, row++, key, text);
        }
      g_variant_unref (value);
    }

  self->object = rec->object;
  fill_timing (self);
}

void
qi_details_show_object (QiDetails *self,
                        guint      object)
{
  g_autofree char *title = NULL;

  g_return_if_fail (QI_IS_DETAILS (self));

  reset (self);
  self->event = QI_NO_EVENT;
  self->object = object;
  if (self->store != NULL && object < qi_event_store_get_n_objects (self->store))
    {
      QiObject *obj = qi_event_store_get_object (self->store, object);
      g_autofree char *process = qi_event_store_dup_process_title (self->store, obj->process);

      title = qi_event_store_dup_object_title (self->store, object);
      gtk_label_set_text (self->title_label, title);
      gtk_label_set_text (self->subtitle_label, process);
    }
  fill_timing (self);
}

guint
qi_details_get_object (QiDetails *self)
{
  return self->object;
}

void
qi_details_set_store (QiDetails    *self,
                      QiEventStore *store)
{
  g_return_if_fail (QI_IS_DETAILS (self));

  g_set_object (&self->store, store);
  qi_details_show_event (self, QI_NO_EVENT);
}

static void
filter_clicked_cb (QiDetails *self)
{
  if (self->object != QI_NO_OBJECT)
    g_signal_emit (self, signals[FILTER_OBJECT], 0, self->object);
}

static void
qi_details_dispose (GObject *object)
{
  QiDetails *self = QI_DETAILS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), QI_TYPE_DETAILS);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (qi_details_parent_class)->dispose (object);
}

static void
qi_details_class_init (QiDetailsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = qi_details_dispose;

  /**
   * QiDetails::filter-object:
   * @object: the object index
   *
   * The user asked to see only this object's events.
   */
  signals[FILTER_OBJECT] = g_signal_new ("filter-object", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/libqnet/Inspector/qi-details.ui");
  gtk_widget_class_bind_template_child (widget_class, QiDetails, scroller);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, keys_heading);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, keys_grid);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, headers_heading);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, headers_grid);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, timing_heading);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, object_label);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, timing_grid);
  gtk_widget_class_bind_template_child (widget_class, QiDetails, filter_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "details");
}

static void
qi_details_init (QiDetails *self)
{
  self->event = QI_NO_EVENT;
  self->object = QI_NO_OBJECT;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
qi_details_new (void)
{
  return g_object_new (QI_TYPE_DETAILS, NULL);
}
