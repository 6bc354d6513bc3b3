/* test-event-queue.c: QnetEventQueue across threads and main loops
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "qnet-test-emitter.h"
#include "qnet-test-utils.h"

static QnetEvent *
event_with_id (guint64 id)
{
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "event", g_variant_new_int64 (QNET_EVENT_CONNECTED));
  g_variant_builder_add (&b, "{sv}", "source", g_variant_new_int64 (1));
  g_variant_builder_add (&b, "{sv}", "id", g_variant_new_int64 ((gint64) id));
  return _qnet_event_new (QNET_EVENT_CONNECTED, QNET_EVENT_SOURCE_SOCKET, id, 0, 0, 0,
                          g_variant_builder_end (&b), NULL, "QnetSocket", NULL);
}

static void
test_fifo (void)
{
  g_autoptr(QnetEventQueue) q = qnet_event_queue_new ();

  for (guint i = 1; i <= 100; i++)
    {
      g_autoptr(QnetEvent) e = event_with_id (i);
      qnet_event_queue_push (q, e);
    }
  g_assert_cmpuint (qnet_event_queue_get_length (q), ==, 100);
  for (guint i = 1; i <= 100; i++)
    {
      g_autoptr(QnetEvent) e = qnet_event_queue_pop (q, -1);
      g_assert_cmpuint (qnet_event_get_id (e), ==, i);
    }
  g_assert_null (qnet_event_queue_try_pop (q));
  g_assert_cmpuint (qnet_event_queue_get_length (q), ==, 0);
}

static void
test_pop_timeout (void)
{
  g_autoptr(QnetEventQueue) q = qnet_event_queue_new ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(QnetEvent) e = qnet_event_queue_pop (q, 50);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_assert_null (e);
  g_assert_cmpint (elapsed, >=, 45 * 1000);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
}

static gpointer
producer (gpointer data)
{
  QnetEventQueue *q = data;

  for (guint i = 1; i <= 1000; i++)
    {
      g_autoptr(QnetEvent) e = event_with_id (i);
      qnet_event_queue_push (q, e);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(QnetEventQueue) q = qnet_event_queue_new ();
  GThread *t = g_thread_new ("producer", producer, q);

  for (guint i = 1; i <= 1000; i++)
    {
      g_autoptr(QnetEvent) e = qnet_event_queue_pop (q, 5000);
      g_assert_nonnull (e);
      g_assert_cmpuint (qnet_event_get_id (e), ==, i);
    }
  g_thread_join (t);
}

typedef struct {
  GPtrArray *got;
  guint      errors;
  guint      pending;
} AsyncCtx;

static void
popped_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  AsyncCtx *ctx = data;
  g_autoptr(GError) error = NULL;
  QnetEvent *e = qnet_event_queue_pop_finish (QNET_EVENT_QUEUE (source), result, &error);

  if (e != NULL)
    g_ptr_array_add (ctx->got, e);
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      ctx->errors++;
    }
  ctx->pending--;
}

static gboolean
push_later (gpointer data)
{
  QnetEventQueue *q = data;
  g_autoptr(QnetEvent) a = event_with_id (1);
  g_autoptr(QnetEvent) b = event_with_id (2);

  qnet_event_queue_push (q, a);
  qnet_event_queue_push (q, b);
  return G_SOURCE_REMOVE;
}

static void
test_pop_async (void)
{
  g_autoptr(QnetEventQueue) q = qnet_event_queue_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncCtx ctx = { g_ptr_array_new_with_free_func (g_object_unref), 0, 3 };
  gboolean done = FALSE;

  /* Two waiters are served in order; a third is cancelled. */
  qnet_event_queue_pop_async (q, NULL, popped_cb, &ctx);
  qnet_event_queue_pop_async (q, NULL, popped_cb, &ctx);
  qnet_event_queue_pop_async (q, cancellable, popped_cb, &ctx);
  g_timeout_add (20, push_later, q);

  while (ctx.got->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  while (ctx.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (ctx.got->len, ==, 2);
  g_assert_cmpuint (qnet_event_get_id (g_ptr_array_index (ctx.got, 0)), ==, 1);
  g_assert_cmpuint (qnet_event_get_id (g_ptr_array_index (ctx.got, 1)), ==, 2);
  g_assert_cmpuint (ctx.errors, ==, 1);
  g_assert_cmpuint (qnet_event_queue_get_length (q), ==, 0);

  /* Immediate completion when an event is waiting. */
  push_later (q);
  ctx.pending = 1;
  qnet_event_queue_pop_async (q, NULL, popped_cb, &ctx);
  while (ctx.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ctx.got->len, ==, 3);
  g_assert_cmpuint (qnet_event_queue_get_length (q), ==, 1);
  qnet_event_queue_clear (q);
  g_assert_cmpuint (qnet_event_queue_get_length (q), ==, 0);

  g_ptr_array_unref (ctx.got);
  (void) done;
}

static void
test_from_emitters (void)
{
  g_autoptr(QnetEventQueue) q = qnet_event_queue_new ();
  g_autoptr(QnetTestEmitter) a = qnet_test_emitter_new ();
  g_autoptr(QnetTestEmitter) b = qnet_test_emitter_new ();
  g_autoptr(QnetEvent) e1 = NULL;
  g_autoptr(QnetEvent) e2 = NULL;

  /* One queue serves several emitters, in emission order. */
  qnet_emitter_set_event_queue (QNET_EMITTER (a), q, g_variant_new_string ("a"), FALSE);
  qnet_emitter_set_event_queue (QNET_EMITTER (b), q, g_variant_new_string ("b"), FALSE);
  _qnet_emitter_emit (QNET_EMITTER (b), QNET_EVENT_PACKET_READ, (gint64) 2, (gint64) 2, (gint64) -1);
  _qnet_emitter_emit (QNET_EMITTER (a), QNET_EVENT_PACKET_READ, (gint64) 1, (gint64) 1, (gint64) -1);

  e1 = qnet_event_queue_try_pop (q);
  e2 = qnet_event_queue_try_pop (q);
  g_assert_cmpuint (qnet_event_get_id (e1), ==, qnet_emitter_get_id (QNET_EMITTER (b)));
  g_assert_cmpstr (g_variant_get_string (qnet_event_get_arg (e1), NULL), ==, "b");
  g_assert_cmpuint (qnet_event_get_id (e2), ==, qnet_emitter_get_id (QNET_EMITTER (a)));
  g_assert_cmpstr (g_variant_get_string (qnet_event_get_arg (e2), NULL), ==, "a");

  /* Replacing the queue: the old one receives nothing more. */
  {
    g_autoptr(QnetEventQueue) q2 = qnet_event_queue_new ();
    qnet_emitter_set_event_queue (QNET_EMITTER (a), q2, NULL, FALSE);
    _qnet_emitter_emit (QNET_EMITTER (a), QNET_EVENT_PACKET_READ, (gint64) 1, (gint64) 1, (gint64) -1);
    g_assert_cmpuint (qnet_event_queue_get_length (q), ==, 0);
    g_assert_cmpuint (qnet_event_queue_get_length (q2), ==, 1);
    qnet_emitter_set_event_queue (QNET_EMITTER (a), NULL, NULL, FALSE);
  }
  qnet_emitter_set_event_queue (QNET_EMITTER (b), NULL, NULL, FALSE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event-queue/fifo", test_fifo);
  g_test_add_func ("/event-queue/pop-timeout", test_pop_timeout);
  g_test_add_func ("/event-queue/threads", test_threads);
  g_test_add_func ("/event-queue/pop-async", test_pop_async);
  g_test_add_func ("/event-queue/from-emitters", test_from_emitters);

  return g_test_run ();
}
