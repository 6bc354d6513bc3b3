/* qi-timeline.h: one lane per object, marks on a shared time axis
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "qi-event-store.h"
#include "qi-time-axis.h"

G_BEGIN_DECLS

#define QI_TIMELINE_LABEL_WIDTH 300
#define QI_TIMELINE_LANE_HEIGHT 26
#define QI_TIMELINE_GROUP_HEIGHT 24

#define QI_TYPE_TIMELINE (qi_timeline_get_type ())
G_DECLARE_FINAL_TYPE (QiTimeline, qi_timeline, QI, TIMELINE, GtkWidget)

GtkWidget  *qi_timeline_new                (void);
void        qi_timeline_set_model          (QiTimeline   *self,
                                            QiEventStore *store,
                                            QiTimeAxis   *axis);
guint       qi_timeline_get_selected_event (QiTimeline   *self);
void        qi_timeline_set_selected_event (QiTimeline   *self,
                                            guint         index);
guint       qi_timeline_get_n_lanes        (QiTimeline   *self);
guint       qi_timeline_get_lane_object    (QiTimeline   *self,
                                            guint         lane);
gboolean    qi_timeline_get_lane_y         (QiTimeline   *self,
                                            guint         object,
                                            double       *y);
guint       qi_timeline_hit_test           (QiTimeline   *self,
                                            double        x,
                                            double        y);
gboolean    qi_timeline_get_event_position (QiTimeline   *self,
                                            guint         index,
                                            double       *x,
                                            double       *y);
guint       qi_timeline_get_last_node_count (QiTimeline  *self);

G_END_DECLS
