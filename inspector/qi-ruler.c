/* qi-ruler.c: the time ruler above the lanes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Tick labels adapt to the zoom (1-2-5 steps, seconds since the start of
 * the session); dragging the ruler pans, the selected range shows its
 * duration.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "qi-format.h"
#include "qi-ruler.h"
#include "qi-timeline.h"

struct _QiRuler
{
  GtkWidget   parent_instance;

  QiTimeAxis *axis;        /* (owned) (nullable) */
  gulong      changed_id;
  gulong      selection_id;
  double      pan_begin;
  double      pan_end;
};

G_DEFINE_FINAL_TYPE (QiRuler, qi_ruler, GTK_TYPE_WIDGET)

static double
lanes_width (QiRuler *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - QI_TIMELINE_LABEL_WIDTH, 1);
}

static void
qi_ruler_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  QiRuler *self = QI_RULER (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double left = QI_TIMELINE_LABEL_WIDTH;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg, tick, faint;
  double vb, ve;
  gint64 step, t, sel_b, sel_e;

  if (self->axis == NULL)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  tick = fg;
  tick.alpha *= 0.45;
  faint = fg;
  faint.alpha *= 0.035;

  gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (0, 0, left, height));
  gtk_snapshot_append_color (snapshot, &tick, &GRAPHENE_RECT_INIT (0, height - 1, width, 1));
  gtk_snapshot_append_color (snapshot, &tick, &GRAPHENE_RECT_INIT (left - 1, 0, 1, height));

  qi_time_axis_get_visible (self->axis, &vb, &ve);
  step = qi_time_axis_get_tick_step (self->axis, width - left, 100);

  /* minor ticks: a fifth of a step */
  if (step >= 5)
    for (t = qi_time_axis_get_first_tick (self->axis, step); t <= ve; t += step / 5)
      {
        double x = left + qi_time_axis_normalize (self->axis, t) * lanes_width (self);

        if (x >= left)
          gtk_snapshot_append_color (snapshot, &tick, &GRAPHENE_RECT_INIT (floor (x), height - 4, 1, 3));
      }

  for (t = qi_time_axis_get_first_tick (self->axis, step); t <= ve; t += step)
    {
      double x = left + qi_time_axis_normalize (self->axis, t) * lanes_width (self);
      g_autofree char *label = NULL;
      int lw, lh;

      if (x < left)
        continue;
      gtk_snapshot_append_color (snapshot, &tick, &GRAPHENE_RECT_INIT (floor (x), height - 9, 1, 8));
      label = qi_time_axis_format_tick (self->axis, t, step);
      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      if (x + 4 + lw > width)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor (x) + 4, (height - 9 - lh) / 2 + 1));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }

  /* left column: the title of the lanes */
  {
    int lw, lh;
    GdkRGBA dim = fg;

    dim.alpha *= 0.7;
    pango_layout_set_text (layout, _("Objects by process"), -1);
    pango_layout_get_pixel_size (layout, &lw, &lh);
    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (8, (height - lh) / 2));
    gtk_snapshot_append_layout (snapshot, layout, &dim);
    gtk_snapshot_restore (snapshot);
  }

  /* the selected range and its duration */
  if (qi_time_axis_get_selection (self->axis, &sel_b, &sel_e))
    {
      double x0 = MAX (left + qi_time_axis_normalize (self->axis, sel_b) * lanes_width (self), left);
      double x1 = MIN (left + qi_time_axis_normalize (self->axis, sel_e) * lanes_width (self), width);
      GdkRGBA fill = { 0.21, 0.52, 0.89, 0.85 };
      GdkRGBA white = { 1, 1, 1, 1 };
      g_autofree char *duration = qi_format_duration (sel_e - sel_b);
      int lw, lh;

      if (x1 > x0)
        {
          pango_layout_set_text (layout, duration, -1);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (x0, 0, MAX (x1 - x0, lw + 8), height - 1));
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0 + 4, (height - lh) / 2));
          gtk_snapshot_append_layout (snapshot, layout, &white);
          gtk_snapshot_restore (snapshot);
        }
    }
}

static void
qi_ruler_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = 30;
  else
    *minimum = *natural = QI_TIMELINE_LABEL_WIDTH + 100;
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              QiRuler        *self)
{
  if (self->axis != NULL)
    qi_time_axis_get_visible (self->axis, &self->pan_begin, &self->pan_end);
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               QiRuler        *self)
{
  double shift;

  if (self->axis == NULL)
    return;
  shift = -dx / lanes_width (self) * (self->pan_end - self->pan_begin);
  qi_time_axis_set_follow_live (self->axis, FALSE);
  qi_time_axis_set_visible (self->axis, self->pan_begin + shift, self->pan_end + shift);
}

void
qi_ruler_set_axis (QiRuler    *self,
                   QiTimeAxis *axis)
{
  g_return_if_fail (QI_IS_RULER (self));

  g_clear_signal_handler (&self->changed_id, self->axis);
  g_clear_signal_handler (&self->selection_id, self->axis);
  g_set_object (&self->axis, axis);
  if (axis != NULL)
    {
      self->changed_id = g_signal_connect_swapped (axis, "changed", G_CALLBACK (gtk_widget_queue_draw), self);
      self->selection_id = g_signal_connect_swapped (axis, "selection-changed", G_CALLBACK (gtk_widget_queue_draw), self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
qi_ruler_dispose (GObject *object)
{
  qi_ruler_set_axis (QI_RULER (object), NULL);
  G_OBJECT_CLASS (qi_ruler_parent_class)->dispose (object);
}

static void
qi_ruler_class_init (QiRulerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = qi_ruler_dispose;
  widget_class->snapshot = qi_ruler_snapshot;
  widget_class->measure = qi_ruler_measure;
  gtk_widget_class_set_css_name (widget_class, "ruler");
}

static void
qi_ruler_init (QiRuler *self)
{
  GtkGesture *gesture = gtk_gesture_drag_new ();

  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Drag to pan the timeline"));
}

GtkWidget *
qi_ruler_new (void)
{
  return g_object_new (QI_TYPE_RULER, NULL);
}
