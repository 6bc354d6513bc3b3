/* qi-ruler.h: the time ruler above the lanes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "qi-time-axis.h"

G_BEGIN_DECLS

#define QI_TYPE_RULER (qi_ruler_get_type ())
G_DECLARE_FINAL_TYPE (QiRuler, qi_ruler, QI, RULER, GtkWidget)

GtkWidget *qi_ruler_new      (void);
void       qi_ruler_set_axis (QiRuler    *self,
                              QiTimeAxis *axis);

G_END_DECLS
