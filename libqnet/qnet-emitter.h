/* qnet-emitter.h: the abstract base of every event source
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <glib-object.h>

#include "qnet-event.h"
#include "qnet-event-queue.h"
#include "qnet-version.h"

G_BEGIN_DECLS

#define QNET_TYPE_EMITTER (qnet_emitter_get_type ())

QNET_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (QnetEmitter, qnet_emitter, QNET, EMITTER, GObject)

/**
 * QnetEmitterClass:
 * @parent_class: the parent class
 * @event: class handler of [signal@Qnet.Emitter::event]
 *
 * The class structure of [class@Qnet.Emitter].
 *
 * Since: 1.0
 */
struct _QnetEmitterClass
{
  GObjectClass parent_class;

  void (*event) (QnetEmitter *self,
                 QnetEvent   *event);

  /*< private >*/
  gpointer _reserved[12];
};

QNET_AVAILABLE_IN_1_0
guint64         qnet_emitter_get_id           (QnetEmitter    *self);
QNET_AVAILABLE_IN_1_0
const char     *qnet_emitter_get_label        (QnetEmitter    *self);
QNET_AVAILABLE_IN_1_0
QnetEventQueue *qnet_emitter_get_event_queue  (QnetEmitter    *self);
QNET_AVAILABLE_IN_1_0
void            qnet_emitter_set_event_queue  (QnetEmitter    *self,
                                               QnetEventQueue *queue,
                                               GVariant       *arg,
                                               gboolean        capture_data);
QNET_AVAILABLE_IN_1_0
gboolean        qnet_emitter_get_capture_data (QnetEmitter    *self);
QNET_AVAILABLE_IN_1_0
void            qnet_emitter_set_capture_data (QnetEmitter    *self,
                                               gboolean        capture_data);
QNET_AVAILABLE_IN_1_0
QnetEventSource qnet_emitter_get_source       (QnetEmitter    *self);

G_END_DECLS
