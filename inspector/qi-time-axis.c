/* qi-time-axis.c: visible and selected time ranges, zoom and pan maths
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Times are µs on the store's axis. Widgets never keep positions: they ask
 * for normalised ones ((t - begin) / (end - begin), 0..1 is visible) and
 * multiply by their width when they draw.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "qi-time-axis.h"

struct _QiTimeAxis
{
  GObject  parent_instance;

  gint64   doc_begin;
  gint64   doc_end;
  gboolean has_document;
  double   vis_begin;
  double   vis_end;
  gboolean follow_live;
  gboolean has_selection;
  gint64   sel_begin;
  gint64   sel_end;
};

G_DEFINE_FINAL_TYPE (QiTimeAxis, qi_time_axis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOLLOW_LIVE,
  N_PROPS
};

enum {
  CHANGED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
qi_time_axis_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  QiTimeAxis *self = QI_TIME_AXIS (object);

  switch (prop_id)
    {
    case PROP_FOLLOW_LIVE:
      g_value_set_boolean (value, self->follow_live);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qi_time_axis_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  QiTimeAxis *self = QI_TIME_AXIS (object);

  switch (prop_id)
    {
    case PROP_FOLLOW_LIVE:
      qi_time_axis_set_follow_live (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qi_time_axis_class_init (QiTimeAxisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = qi_time_axis_get_property;
  object_class->set_property = qi_time_axis_set_property;

  properties[PROP_FOLLOW_LIVE] =
    g_param_spec_boolean ("follow-live", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
}

static void
qi_time_axis_init (QiTimeAxis *self)
{
  self->vis_begin = 0;
  self->vis_end = G_USEC_PER_SEC;
}

QiTimeAxis *
qi_time_axis_new (void)
{
  return g_object_new (QI_TYPE_TIME_AXIS, NULL);
}

static double
max_span (QiTimeAxis *self)
{
  double doc = self->has_document ? (double) (self->doc_end - self->doc_begin) : 0;

  return MAX (doc * 4.0, 60.0 * G_USEC_PER_SEC);   /* at least a minute */
}

/* Keeps the window's size within [min, max] and its middle over the
 * document. */
static void
clamp_and_set (QiTimeAxis *self,
               double      begin,
               double      end)
{
  double span = end - begin;
  double mid;

  if (!isfinite (begin) || !isfinite (end))
    return;
  span = CLAMP (span, QI_TIME_AXIS_MIN_SPAN, max_span (self));
  mid = (begin + end) / 2;
  if (self->has_document)
    mid = CLAMP (mid, (double) self->doc_begin - span / 2, (double) self->doc_end + span / 2);
  begin = mid - span / 2;
  end = mid + span / 2;

  if (begin == self->vis_begin && end == self->vis_end)
    return;
  self->vis_begin = begin;
  self->vis_end = end;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Keeps the newest events in view: nothing moves while they still fit,
 * then the window slides with them. */
static void
follow (QiTimeAxis *self)
{
  double span = self->vis_end - self->vis_begin;
  double margin = span * 0.05;
  double end;

  if ((double) self->doc_end + margin <= self->vis_end && (double) self->doc_end >= self->vis_begin)
    return;
  end = (double) self->doc_end + margin;
  clamp_and_set (self, end - span, end);
}

void
qi_time_axis_set_document (QiTimeAxis *self,
                           gint64      begin,
                           gint64      end)
{
  gboolean first;

  g_return_if_fail (QI_IS_TIME_AXIS (self));

  if (end < begin)
    end = begin;
  first = !self->has_document;
  if (!first && begin == self->doc_begin && end == self->doc_end)
    return;
  self->doc_begin = begin;
  self->doc_end = end;
  self->has_document = TRUE;

  if (first)
    qi_time_axis_fit_all (self);
  else if (self->follow_live)
    follow (self);
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

void
qi_time_axis_get_document (QiTimeAxis *self,
                           gint64     *begin,
                           gint64     *end)
{
  *begin = self->has_document ? self->doc_begin : 0;
  *end = self->has_document ? self->doc_end : 0;
}

void
qi_time_axis_get_visible (QiTimeAxis *self,
                          double     *begin,
                          double     *end)
{
  *begin = self->vis_begin;
  *end = self->vis_end;
}

void
qi_time_axis_set_visible (QiTimeAxis *self,
                          double      begin,
                          double      end)
{
  g_return_if_fail (QI_IS_TIME_AXIS (self));
  clamp_and_set (self, MIN (begin, end), MAX (begin, end));
}

double
qi_time_axis_normalize (QiTimeAxis *self,
                        gint64      t)
{
  return ((double) t - self->vis_begin) / (self->vis_end - self->vis_begin);
}

double
qi_time_axis_time_at (QiTimeAxis *self,
                      double      fraction)
{
  return self->vis_begin + fraction * (self->vis_end - self->vis_begin);
}

/**
 * qi_time_axis_zoom:
 * @self: an axis
 * @factor: > 1 zooms in, < 1 zooms out
 * @anchor: the fraction of the window (0..1) that stays in place
 *
 * While following live the right edge stays anchored instead.
 */
void
qi_time_axis_zoom (QiTimeAxis *self,
                   double      factor,
                   double      anchor)
{
  double at, span, new_span;

  g_return_if_fail (QI_IS_TIME_AXIS (self));
  if (!(factor > 0) || !isfinite (factor))
    return;

  if (self->follow_live)
    anchor = 1.0;
  anchor = CLAMP (anchor, 0.0, 1.0);
  at = qi_time_axis_time_at (self, anchor);
  span = self->vis_end - self->vis_begin;
  new_span = CLAMP (span / factor, QI_TIME_AXIS_MIN_SPAN, max_span (self));
  if (self->follow_live)
    {
      double end = (double) self->doc_end + new_span * 0.05;

      clamp_and_set (self, end - new_span, end);
      return;
    }
  clamp_and_set (self, at - anchor * new_span, at + (1.0 - anchor) * new_span);
}

/* Moves the window by @fraction of its width; stops following live. */
void
qi_time_axis_pan (QiTimeAxis *self,
                  double      fraction)
{
  double span;

  g_return_if_fail (QI_IS_TIME_AXIS (self));
  if (!isfinite (fraction) || fraction == 0)
    return;
  qi_time_axis_set_follow_live (self, FALSE);
  span = self->vis_end - self->vis_begin;
  clamp_and_set (self, self->vis_begin + fraction * span, self->vis_end + fraction * span);
}

void
qi_time_axis_fit_all (QiTimeAxis *self)
{
  double span, margin;

  g_return_if_fail (QI_IS_TIME_AXIS (self));
  if (!self->has_document)
    {
      clamp_and_set (self, 0, G_USEC_PER_SEC);
      return;
    }
  span = MAX ((double) (self->doc_end - self->doc_begin), 1000.0);
  margin = span * 0.03;
  clamp_and_set (self, self->doc_begin - margin, self->doc_begin + span + margin);
}

gboolean
qi_time_axis_get_follow_live (QiTimeAxis *self)
{
  return self->follow_live;
}

void
qi_time_axis_set_follow_live (QiTimeAxis *self,
                              gboolean    follow_live)
{
  g_return_if_fail (QI_IS_TIME_AXIS (self));

  follow_live = !!follow_live;
  if (self->follow_live == follow_live)
    return;
  self->follow_live = follow_live;
  if (follow_live && self->has_document)
    follow (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
}

/**
 * qi_time_axis_get_tick_step:
 * @self: an axis
 * @width_px: the width the visible window is drawn on
 * @min_spacing_px: the least distance between two labelled ticks
 *
 * Returns: the smallest 1-2-5 step (µs) whose ticks are at least
 *   @min_spacing_px apart
 */
gint64
qi_time_axis_get_tick_step (QiTimeAxis *self,
                            double      width_px,
                            double      min_spacing_px)
{
  static const int mult[] = { 1, 2, 5 };
  double span = self->vis_end - self->vis_begin;
  gint64 pow10 = 1;

  if (width_px <= 0)
    return G_USEC_PER_SEC;
  for (int k = 0; k < 15; k++, pow10 *= 10)
    for (guint m = 0; m < G_N_ELEMENTS (mult); m++)
      {
        gint64 step = pow10 * mult[m];

        if ((double) step / span * width_px >= min_spacing_px)
          return step;
      }
  return pow10;
}

/* The first tick at or before the visible start, on the grid of @step
 * that starts at the document's start (so labels are round numbers). */
gint64
qi_time_axis_get_first_tick (QiTimeAxis *self,
                             gint64      step)
{
  gint64 origin = self->has_document ? self->doc_begin : 0;

  step = MAX (step, 1);
  return origin + (gint64) floor ((self->vis_begin - origin) / step) * step;
}

/* A tick label: seconds since the document's start, with as many decimals
 * as the step needs. */
char *
qi_time_axis_format_tick (QiTimeAxis *self,
                          gint64      t,
                          gint64      step)
{
  int decimals = 0;
  gint64 s = step;
  double seconds = (t - (self->has_document ? self->doc_begin : 0)) / 1e6;

  while (s < G_USEC_PER_SEC && decimals < 6)
    {
      s *= 10;
      decimals++;
    }

  /* no "-0 s" for a tick a hair before the start */
  if (fabs (seconds) * G_USEC_PER_SEC < step / 2.0)
    seconds = 0;
  return g_strdup_printf (_("%.*f s"), decimals, seconds);
}

gboolean
qi_time_axis_get_selection (QiTimeAxis *self,
                            gint64     *begin,
                            gint64     *end)
{
  if (begin != NULL)
    *begin = self->sel_begin;
  if (end != NULL)
    *end = self->sel_end;
  return self->has_selection;
}

void
qi_time_axis_set_selection (QiTimeAxis *self,
                            gint64      begin,
                            gint64      end)
{
  g_return_if_fail (QI_IS_TIME_AXIS (self));

  if (end < begin)
    {
      gint64 tmp = begin;

      begin = end;
      end = tmp;
    }
  if (self->has_selection && self->sel_begin == begin && self->sel_end == end)
    return;
  self->has_selection = TRUE;
  self->sel_begin = begin;
  self->sel_end = end;
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
qi_time_axis_clear_selection (QiTimeAxis *self)
{
  g_return_if_fail (QI_IS_TIME_AXIS (self));

  if (!self->has_selection)
    return;
  self->has_selection = FALSE;
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
qi_time_axis_zoom_to_selection (QiTimeAxis *self)
{
  double span;

  g_return_if_fail (QI_IS_TIME_AXIS (self));
  if (!self->has_selection)
    return;
  qi_time_axis_set_follow_live (self, FALSE);
  span = MAX ((double) (self->sel_end - self->sel_begin), QI_TIME_AXIS_MIN_SPAN);
  clamp_and_set (self, self->sel_begin - span * 0.02, self->sel_begin + span * 1.02);
}
