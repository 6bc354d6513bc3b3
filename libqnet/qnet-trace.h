/* qnet-trace.h: process-wide event tracing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <glib.h>

#include "qnet-version.h"

G_BEGIN_DECLS

QNET_AVAILABLE_IN_1_0
gboolean qnet_trace_start             (const char  *destination,
                                       GError     **error);
QNET_AVAILABLE_IN_1_0
void     qnet_trace_stop              (void);
QNET_AVAILABLE_IN_1_0
gboolean qnet_trace_is_active         (void);
QNET_AVAILABLE_IN_1_0
guint64  qnet_trace_get_dropped_count (void);
QNET_AVAILABLE_IN_1_0
void     qnet_trace_flush             (void);
QNET_AVAILABLE_IN_1_0
char    *qnet_trace_get_default_socket_path (void);

G_END_DECLS
