/* qi-window.h: the inspector window
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "qi-event-list.h"
#include "qi-event-store.h"
#include "qi-time-axis.h"
#include "qi-timeline.h"

G_BEGIN_DECLS

#define QI_TYPE_WINDOW (qi_window_get_type ())
G_DECLARE_FINAL_TYPE (QiWindow, qi_window, QI, WINDOW, GtkApplicationWindow)

QiWindow     *qi_window_new            (GtkApplication *application);
QiEventStore *qi_window_get_store      (QiWindow       *self);
QiEventList  *qi_window_get_list       (QiWindow       *self);
QiTimeAxis   *qi_window_get_axis       (QiWindow       *self);
QiTimeline   *qi_window_get_timeline   (QiWindow       *self);
GtkSelectionModel *qi_window_get_selection (QiWindow   *self);
void          qi_window_open_file      (QiWindow       *self,
                                        GFile          *file);
gboolean      qi_window_listen         (QiWindow       *self,
                                        const char     *path);
void          qi_window_start_demo     (QiWindow       *self);
void          qi_window_stop_demo      (QiWindow       *self);

G_END_DECLS
