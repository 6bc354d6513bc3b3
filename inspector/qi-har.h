/* qi-har.h: HTTP exchanges of a store as HAR 1.2
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "qi-event-store.h"

G_BEGIN_DECLS

JsonNode *qi_har_build        (QiEventStore  *store,
                               guint         *n_entries);
char     *qi_har_to_string    (QiEventStore  *store,
                               guint         *n_entries);
gboolean  qi_har_write        (QiEventStore  *store,
                               const char    *path,
                               guint         *n_entries,
                               GError       **error);

G_END_DECLS
