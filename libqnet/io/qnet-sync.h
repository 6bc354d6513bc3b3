/* qnet-sync.h: blocking calls over asynchronous machinery (internal, layer 1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A blocking form runs the same state machine as its asynchronous form,
 * on a private GMainContext pushed as the thread-default one, so both
 * raise identical events. Contexts are cached per thread and per nesting
 * depth (a handler may make a blocking call inside another one; each
 * level iterates only its own sources).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Pushes this thread's private context for the next nesting level as the
 * thread-default context and returns it (transfer none). */
GMainContext *qnet_sync_context_push (void);
/* Iterates @context until *@done is TRUE (at once if it already is). */
void          qnet_sync_context_run  (GMainContext   *context,
                                      const gboolean *done);
/* Pops @context (from qnet_sync_context_push). */
void          qnet_sync_context_pop  (GMainContext   *context);

G_END_DECLS
