/* qnet-sync.c: blocking calls over asynchronous machinery
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "qnet-sync.h"

/* Deeper nesting than this is a runaway recursion in a handler. */
#define QNET_SYNC_MAX_DEPTH 64

typedef struct {
  GPtrArray *contexts;  /* (element-type GMainContext) (owned), one per depth */
  guint      depth;
} SyncState;

static void
sync_state_free (gpointer data)
{
  SyncState *state = data;

  g_ptr_array_unref (state->contexts);
  g_free (state);
}

static GPrivate sync_state_key = G_PRIVATE_INIT (sync_state_free);

GMainContext *
qnet_sync_context_push (void)
{
  SyncState *state = g_private_get (&sync_state_key);
  GMainContext *context;

  if (state == NULL)
    {
      state = g_new0 (SyncState, 1);
      state->contexts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_main_context_unref);
      g_private_set (&sync_state_key, state);
    }

  g_assert (state->depth < QNET_SYNC_MAX_DEPTH);

  if (state->depth == state->contexts->len)
    g_ptr_array_add (state->contexts, g_main_context_new ());
  context = g_ptr_array_index (state->contexts, state->depth);
  state->depth++;

  g_main_context_push_thread_default (context);
  return context;
}

void
qnet_sync_context_run (GMainContext   *context,
                       const gboolean *done)
{
  while (!*done)
    g_main_context_iteration (context, TRUE);
}

void
qnet_sync_context_pop (GMainContext *context)
{
  SyncState *state = g_private_get (&sync_state_key);

  g_assert (state != NULL && state->depth > 0);
  g_assert (g_ptr_array_index (state->contexts, state->depth - 1) == context);

  g_main_context_pop_thread_default (context);
  state->depth--;
}
