/* qi-event-list.h: the filtered, time-ordered list of events (GListModel)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "qi-event-store.h"

G_BEGIN_DECLS

#define QI_TYPE_EVENT_ITEM (qi_event_item_get_type ())
G_DECLARE_FINAL_TYPE (QiEventItem, qi_event_item, QI, EVENT_ITEM, GObject)

QiEventStore *qi_event_item_get_store (QiEventItem *self);
guint         qi_event_item_get_index (QiEventItem *self);

#define QI_TYPE_EVENT_LIST (qi_event_list_get_type ())
G_DECLARE_FINAL_TYPE (QiEventList, qi_event_list, QI, EVENT_LIST, GObject)

/* Filters of at most this many events are applied at once; larger ones in
 * slices of a few milliseconds from the main loop. */
#define QI_EVENT_LIST_SYNC_LIMIT 50000

QiEventList  *qi_event_list_new              (QiEventStore *store);
QiEventStore *qi_event_list_get_store        (QiEventList  *self);

void          qi_event_list_set_family_mask  (QiEventList  *self,
                                              guint         mask);
guint         qi_event_list_get_family_mask  (QiEventList  *self);
void          qi_event_list_set_object       (QiEventList  *self,
                                              guint         object);
guint         qi_event_list_get_object       (QiEventList  *self);
void          qi_event_list_set_text         (QiEventList  *self,
                                              const char   *text);
void          qi_event_list_set_time_range   (QiEventList  *self,
                                              gint64        begin,
                                              gint64        end);
void          qi_event_list_clear_time_range (QiEventList  *self);
gboolean      qi_event_list_is_filtered      (QiEventList  *self);
gboolean      qi_event_list_is_busy          (QiEventList  *self);

gboolean      qi_event_list_matches          (QiEventList  *self,
                                              guint         index);
guint         qi_event_list_get_event        (QiEventList  *self,
                                              guint         position);
guint         qi_event_list_find_event       (QiEventList  *self,
                                              guint         index);

G_END_DECLS
