/* qnet-trace-private.h: the trace tap as seen by the emitter (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-event.h"

G_BEGIN_DECLS

/* Non-zero while a trace is running; read with g_atomic_int_get(). */
extern gint _qnet_trace_enabled;

static inline gboolean
_qnet_trace_is_enabled (void)
{
  return g_atomic_int_get (&_qnet_trace_enabled) != 0;
}

/* Hands @event to the writer thread; never blocks (drops and counts when
 * the buffer is full). */
void _qnet_trace_record        (QnetEvent *event);

/* Starts tracing from $QNET_TRACE once per process. */
void _qnet_trace_init_from_env (void);

G_END_DECLS
