/* qnet-event.h: one immutable event record
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <glib-object.h>

#include "qnet-enums.h"
#include "qnet-version.h"

G_BEGIN_DECLS

#define QNET_TYPE_EVENT (qnet_event_get_type ())

QNET_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (QnetEvent, qnet_event, QNET, EVENT, GObject)

QNET_AVAILABLE_IN_1_0
QnetEventCode    qnet_event_get_code           (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
QnetEventSource  qnet_event_get_source         (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
guint64          qnet_event_get_id             (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
const char      *qnet_event_get_name           (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
gint64           qnet_event_get_timestamp      (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
gint64           qnet_event_get_monotonic_time (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
GVariant        *qnet_event_get_hash           (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
GVariant        *qnet_event_get_arg            (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
const char      *qnet_event_get_type_name      (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
const char      *qnet_event_get_label          (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
gint64           qnet_event_get_pid            (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
GVariant        *qnet_event_lookup             (QnetEvent     *self,
                                                const char    *key);
QNET_AVAILABLE_IN_1_0
char            *qnet_event_to_json            (QnetEvent     *self);
QNET_AVAILABLE_IN_1_0
QnetEvent       *qnet_event_new_from_json      (const char    *line,
                                                GError       **error);

QNET_AVAILABLE_IN_1_0
const char      *qnet_event_code_to_name       (QnetEventCode  code);
QNET_AVAILABLE_IN_1_0
const char      *qnet_event_code_to_signal_name (QnetEventCode code);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_event_code_from_signal_name (const char    *signal_name,
                                                   QnetEventCode *code);

G_END_DECLS
