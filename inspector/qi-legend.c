/* qi-legend.c: event family colours, doubling as the family filter
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One toggle per family with its colour; turning one off hides that
 * family from the event table. A short key explains the marks.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qi-legend.h"
#include "qi-types.h"

/* A colour chip: a diamond (instants) over a bar (phases). */
#define QI_TYPE_SWATCH (qi_swatch_get_type ())
G_DECLARE_FINAL_TYPE (QiSwatch, qi_swatch, QI, SWATCH, GtkWidget)

struct _QiSwatch
{
  GtkWidget parent_instance;
  GdkRGBA   color;
  gboolean  bar;
};

G_DEFINE_FINAL_TYPE (QiSwatch, qi_swatch, GTK_TYPE_WIDGET)

static void
qi_swatch_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  QiSwatch *self = QI_SWATCH (widget);
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);

  if (self->bar)
    {
      gtk_snapshot_append_color (snapshot, &self->color, &GRAPHENE_RECT_INIT (0, h * 0.25, w, h * 0.5));
      return;
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (w / 2, h / 2));
  gtk_snapshot_rotate (snapshot, 45);
  gtk_snapshot_append_color (snapshot, &self->color, &GRAPHENE_RECT_INIT (-4.5, -4.5, 9, 9));
  gtk_snapshot_restore (snapshot);
}

static void
qi_swatch_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL && QI_SWATCH (widget)->bar ? 22 : 14;
}

static void
qi_swatch_class_init (QiSwatchClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = qi_swatch_snapshot;
  GTK_WIDGET_CLASS (klass)->measure = qi_swatch_measure;
}

static void
qi_swatch_init (QiSwatch *self)
{
}

static GtkWidget *
swatch_new (double   r,
            double   g,
            double   b,
            double   alpha,
            gboolean bar)
{
  QiSwatch *self = g_object_new (QI_TYPE_SWATCH, NULL);

  self->color = (GdkRGBA) { r, g, b, alpha };
  self->bar = bar;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  return GTK_WIDGET (self);
}

struct _QiLegend
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *toggles[QI_N_FAMILIES];
  guint      mask;
  gboolean   updating;
};

G_DEFINE_FINAL_TYPE (QiLegend, qi_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FAMILY_MASK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_toggled (GtkToggleButton *button,
            QiLegend        *self)
{
  guint mask = 0;

  if (self->updating)
    return;
  for (guint f = 0; f < QI_N_FAMILIES; f++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->toggles[f])))
      mask |= 1u << f;
  if (mask == self->mask)
    return;
  self->mask = mask;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY_MASK]);
}

guint
qi_legend_get_family_mask (QiLegend *self)
{
  return self->mask;
}

void
qi_legend_set_family_mask (QiLegend *self,
                           guint     mask)
{
  mask &= QI_FAMILY_MASK_ALL;
  if (mask == self->mask)
    return;
  self->mask = mask;
  self->updating = TRUE;
  for (guint f = 0; f < QI_N_FAMILIES; f++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->toggles[f]), (mask & (1u << f)) != 0);
  self->updating = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY_MASK]);
}

static void
qi_legend_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FAMILY_MASK:
      g_value_set_uint (value, QI_LEGEND (object)->mask);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qi_legend_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_FAMILY_MASK:
      qi_legend_set_family_mask (QI_LEGEND (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qi_legend_dispose (GObject *object)
{
  QiLegend *self = QI_LEGEND (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (qi_legend_parent_class)->dispose (object);
}

static void
qi_legend_class_init (QiLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = qi_legend_get_property;
  object_class->set_property = qi_legend_set_property;
  object_class->dispose = qi_legend_dispose;

  properties[PROP_FAMILY_MASK] =
    g_param_spec_uint ("family-mask", NULL, NULL, 0, G_MAXUINT, QI_FAMILY_MASK_ALL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "legend");
}

static GtkWidget *
key_item (GtkWidget  *swatch,
          const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
qi_legend_init (QiLegend *self)
{
  GtkWidget *key;
  double r, g, b;

  self->mask = QI_FAMILY_MASK_ALL;
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->box, "legend-box");

  for (guint f = 0; f < QI_N_FAMILIES; f++)
    {
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *tooltip = g_strdup_printf (_("Show or hide %s events in the table"),
                                                  qi_family_get_name (f));

      qi_family_get_rgb (f, &r, &g, &b);
      gtk_box_append (GTK_BOX (content), swatch_new (r, g, b, 1.0, FALSE));
      gtk_box_append (GTK_BOX (content), gtk_label_new (qi_family_get_name (f)));
      self->toggles[f] = gtk_toggle_button_new ();
      gtk_button_set_child (GTK_BUTTON (self->toggles[f]), content);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->toggles[f]), TRUE);
      gtk_widget_add_css_class (self->toggles[f], "flat");
      gtk_widget_add_css_class (self->toggles[f], "legend-chip");
      gtk_widget_set_tooltip_text (self->toggles[f], tooltip);
      g_signal_connect (self->toggles[f], "toggled", G_CALLBACK (on_toggled), self);
      gtk_box_append (GTK_BOX (self->box), self->toggles[f]);
    }

  /* what the shapes mean */
  key = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_hexpand (key, TRUE);
  gtk_widget_set_halign (key, GTK_ALIGN_END);
  gtk_widget_set_margin_end (key, 8);
  qi_span_kind_get_rgb (QI_SPAN_RECEIVE, &r, &g, &b);
  gtk_box_append (GTK_BOX (key), key_item (swatch_new (0.55, 0.55, 0.55, 1, FALSE), _("event")));
  gtk_box_append (GTK_BOX (key), key_item (swatch_new (r, g, b, 0.9, TRUE), _("phase")));
  qi_span_kind_get_rgb (QI_SPAN_WAIT, &r, &g, &b);
  gtk_box_append (GTK_BOX (key), key_item (swatch_new (r, g, b, 0.75, TRUE), _("waiting")));
  qi_family_get_rgb (QI_FAMILY_ERROR, &r, &g, &b);
  gtk_box_append (GTK_BOX (key), key_item (swatch_new (r, g, b, 1, TRUE), _("failed")));
  gtk_box_append (GTK_BOX (self->box), key);
}

GtkWidget *
qi_legend_new (void)
{
  return g_object_new (QI_TYPE_LEGEND, NULL);
}
