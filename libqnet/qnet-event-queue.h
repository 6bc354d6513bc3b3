/* qnet-event-queue.h: a thread-safe FIFO of events
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <gio/gio.h>

#include "qnet-event.h"
#include "qnet-version.h"

G_BEGIN_DECLS

#define QNET_TYPE_EVENT_QUEUE (qnet_event_queue_get_type ())

QNET_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (QnetEventQueue, qnet_event_queue, QNET, EVENT_QUEUE, GObject)

QNET_AVAILABLE_IN_1_0
QnetEventQueue *qnet_event_queue_new        (void);
QNET_AVAILABLE_IN_1_0
void            qnet_event_queue_push       (QnetEventQueue      *self,
                                             QnetEvent           *event);
QNET_AVAILABLE_IN_1_0
QnetEvent      *qnet_event_queue_pop        (QnetEventQueue      *self,
                                             gint                 timeout_ms);
QNET_AVAILABLE_IN_1_0
QnetEvent      *qnet_event_queue_try_pop    (QnetEventQueue      *self);
QNET_AVAILABLE_IN_1_0
void            qnet_event_queue_pop_async  (QnetEventQueue      *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
QNET_AVAILABLE_IN_1_0
QnetEvent      *qnet_event_queue_pop_finish (QnetEventQueue      *self,
                                             GAsyncResult        *result,
                                             GError             **error);
QNET_AVAILABLE_IN_1_0
guint           qnet_event_queue_get_length (QnetEventQueue      *self);
QNET_AVAILABLE_IN_1_0
void            qnet_event_queue_clear      (QnetEventQueue      *self);

G_END_DECLS
