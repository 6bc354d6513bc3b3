/* qi-demo.h: the built-in loopback workload of `qnet-inspector --demo`
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qi-event-store.h"

G_BEGIN_DECLS

#define QI_TYPE_DEMO (qi_demo_get_type ())
G_DECLARE_FINAL_TYPE (QiDemo, qi_demo, QI, DEMO, GObject)

/* One step of a round: does its work, then calls qi_demo_step_done()
 * (possibly later, from an async callback). */
typedef void (*QiDemoStepFunc) (QiDemo   *demo,
                                gpointer  data);

QiDemo     *qi_demo_new            (QiEventStore   *store);
void        qi_demo_set_max_rounds (QiDemo         *self,
                                    guint           rounds);
void        qi_demo_start          (QiDemo         *self);
void        qi_demo_stop           (QiDemo         *self);
guint       qi_demo_get_rounds_done (QiDemo        *self);
const char *qi_demo_get_workdir    (QiDemo         *self);

void        qi_demo_add_step       (QiDemo         *self,
                                    guint           delay_ms,
                                    QiDemoStepFunc  func,
                                    gpointer        data);
void        qi_demo_step_done      (QiDemo         *self);
void        qi_demo_watch          (QiDemo         *self,
                                    gpointer        emitter);

/* Implemented in qi-demo-http.c together with add_http_steps(): runs one
 * request with a QnetHttpClient watched by @store and kept in @keep (so
 * its lane stays); finishes with "200 OK"-style text. */
void        qi_demo_http_request        (QiEventStore        *store,
                                         GPtrArray           *keep,
                                         const char          *method,
                                         const char          *url,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char       *qi_demo_http_request_finish (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
