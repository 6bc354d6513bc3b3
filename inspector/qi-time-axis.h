/* qi-time-axis.h: visible and selected time ranges, zoom and pan maths
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define QI_TIME_AXIS_MIN_SPAN 10.0   /* µs: the deepest zoom */

#define QI_TYPE_TIME_AXIS (qi_time_axis_get_type ())
G_DECLARE_FINAL_TYPE (QiTimeAxis, qi_time_axis, QI, TIME_AXIS, GObject)

QiTimeAxis *qi_time_axis_new              (void);

void        qi_time_axis_set_document     (QiTimeAxis *self,
                                           gint64      begin,
                                           gint64      end);
void        qi_time_axis_get_document     (QiTimeAxis *self,
                                           gint64     *begin,
                                           gint64     *end);
void        qi_time_axis_get_visible      (QiTimeAxis *self,
                                           double     *begin,
                                           double     *end);
void        qi_time_axis_set_visible      (QiTimeAxis *self,
                                           double      begin,
                                           double      end);
double      qi_time_axis_normalize        (QiTimeAxis *self,
                                           gint64      t);
double      qi_time_axis_time_at          (QiTimeAxis *self,
                                           double      fraction);
void        qi_time_axis_zoom             (QiTimeAxis *self,
                                           double      factor,
                                           double      anchor);
void        qi_time_axis_pan              (QiTimeAxis *self,
                                           double      fraction);
void        qi_time_axis_fit_all          (QiTimeAxis *self);
gboolean    qi_time_axis_get_follow_live  (QiTimeAxis *self);
void        qi_time_axis_set_follow_live  (QiTimeAxis *self,
                                           gboolean    follow);

gint64      qi_time_axis_get_tick_step    (QiTimeAxis *self,
                                           double      width_px,
                                           double      min_spacing_px);
gint64      qi_time_axis_get_first_tick   (QiTimeAxis *self,
                                           gint64      step);
char       *qi_time_axis_format_tick      (QiTimeAxis *self,
                                           gint64      t,
                                           gint64      step);

gboolean    qi_time_axis_get_selection    (QiTimeAxis *self,
                                           gint64     *begin,
                                           gint64     *end);
void        qi_time_axis_set_selection    (QiTimeAxis *self,
                                           gint64      begin,
                                           gint64      end);
void        qi_time_axis_clear_selection  (QiTimeAxis *self);
void        qi_time_axis_zoom_to_selection (QiTimeAxis *self);

G_END_DECLS
