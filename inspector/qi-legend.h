/* qi-legend.h: event family colours, doubling as the family filter
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define QI_TYPE_LEGEND (qi_legend_get_type ())
G_DECLARE_FINAL_TYPE (QiLegend, qi_legend, QI, LEGEND, GtkWidget)

GtkWidget *qi_legend_new             (void);
guint      qi_legend_get_family_mask (QiLegend *self);
void       qi_legend_set_family_mask (QiLegend *self,
                                      guint     mask);

G_END_DECLS
