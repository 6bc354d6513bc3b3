/* qnet-emitter-private.h: the one place events are made (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-emitter.h"
#include "qnet-event-private.h"

G_BEGIN_DECLS

/* Registers the typed signal of @code on @klass (the class that owns it).
 * @object_type is the type of a QNET_ARG_OBJECT argument (or G_TYPE_NONE). */
guint    _qnet_emitter_class_install_event (gpointer        klass,
                                            QnetEventCode   code,
                                            GType           object_type);

/* TRUE if anything (queue, trace, typed or generic handler, forward target)
 * would see @code from @self: the one branch callers may use to skip work
 * such as copying data for a capture event. */
gboolean _qnet_emitter_is_observed (QnetEmitter    *self,
                                    QnetEventCode   code);

/* Emits @code with the facts that follow, in the order of the event table
 * (EVENTS.md): queue push, trace tap, typed signal, `event` signal. Builds
 * nothing when nobody listens. Integer facts must be passed as gint64 (gint
 * for the socket fd), strings as const char *, GVariant, GBytes, GObject
 * as pointers; a GVariant fact must not be floating (the caller keeps its
 * reference). */
void     _qnet_emitter_emit      (QnetEmitter     *self,
                                  QnetEventCode    code,
                                  ...);
void     _qnet_emitter_emit_full (QnetEmitter     *self,
                                  QnetEventSource  source,
                                  QnetEventCode    code,
                                  ...);

/* The default source of events whose table source is 0 (7, 8, 104). */
void     _qnet_emitter_set_default_source (QnetEmitter     *self,
                                           QnetEventSource  source);
void     _qnet_emitter_set_label          (QnetEmitter     *self,
                                           const char      *label);
/* Events of @self are also delivered to @target's `event` signal and queue
 * (QnetFtpClient uses this for its two sockets). @target is not owned. */
void     _qnet_emitter_set_forward        (QnetEmitter     *self,
                                           QnetEmitter     *target);

/* Emits operation-failed for @error (does nothing if @error is NULL). */
void     _qnet_emitter_operation_failed   (QnetEmitter     *self,
                                           const char      *operation,
                                           const GError    *error);

/* Emits deleted once; subclasses' dispose closes channels first, then chains up. */

G_END_DECLS
