/* qi-sources.h: where events come from: trace files and live taps
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * (In-process emitters are watched with qi_event_store_watch_emitter().)
 */

#pragma once

#include <gio/gio.h>

#include "qi-event-store.h"

G_BEGIN_DECLS

/* Trace files ----------------------------------------------------------- */

void      qi_trace_file_load_async   (QiEventStore         *store,
                                      GFile                *file,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  qi_trace_file_load_finish  (QiEventStore         *store,
                                      GAsyncResult         *result,
                                      guint                *n_events,
                                      GError              **error);
gboolean  qi_trace_file_load         (QiEventStore         *store,
                                      GFile                *file,
                                      guint                *n_events,
                                      GError              **error);

/* Parses a whole buffer of JSON Lines into @store (used by the above). */
guint     qi_trace_parse_buffer      (QiEventStore         *store,
                                      guint32               origin,
                                      const char           *data,
                                      gsize                 len);

/* Live tap -------------------------------------------------------------- */

#define QI_LIVE_TAP_MAX_CONNECTIONS 64

#define QI_TYPE_LIVE_TAP (qi_live_tap_get_type ())
G_DECLARE_FINAL_TYPE (QiLiveTap, qi_live_tap, QI, LIVE_TAP, GObject)

QiLiveTap  *qi_live_tap_new                (QiEventStore  *store);
gboolean    qi_live_tap_listen             (QiLiveTap     *self,
                                            const char    *path,
                                            GError       **error);
void        qi_live_tap_stop               (QiLiveTap     *self);
const char *qi_live_tap_get_path           (QiLiveTap     *self);
guint       qi_live_tap_get_n_connections  (QiLiveTap     *self);
guint64     qi_live_tap_get_n_lines        (QiLiveTap     *self);

G_END_DECLS
