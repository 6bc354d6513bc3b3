/* qi-details.h: every key of the selected event, and its object's timing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "qi-event-store.h"

G_BEGIN_DECLS

#define QI_TYPE_DETAILS (qi_details_get_type ())
G_DECLARE_FINAL_TYPE (QiDetails, qi_details, QI, DETAILS, GtkWidget)

GtkWidget *qi_details_new         (void);
void       qi_details_set_store   (QiDetails    *self,
                                   QiEventStore *store);
void       qi_details_show_event  (QiDetails    *self,
                                   guint         index);
void       qi_details_show_object (QiDetails    *self,
                                   guint         object);
guint      qi_details_get_object  (QiDetails    *self);

G_END_DECLS
