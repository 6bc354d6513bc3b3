/* qi-format.h: human-readable text for events, durations and sizes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qi-event-store.h"

G_BEGIN_DECLS

char *qi_format_duration   (gint64        us);
char *qi_format_offset     (gint64        us);
char *qi_format_bytes      (gint64        bytes);
char *qi_format_wall_time  (gint64        us);
/* "   +1.234567  4242  QnetSocket #7 · 127.0.0.1:80   packet-read   512 B …" */
char *qi_format_text_line  (QiEventStore *store,
                            guint         index,
                            gint64        origin_us);
const char *qi_format_text_header (void);

G_END_DECLS
