/* qnet-event-queue.c: a thread-safe, unbounded FIFO of events
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qnet-event-queue.h"

/**
 * QnetEventQueue:
 *
 * A thread-safe, unbounded first-in first-out queue of [class@Qnet.Event]s:
 * the role of the `Queue` given to `setEventQueue()` in Qore.
 *
 * Attach one to any number of emitters with
 * [method@Qnet.Emitter.set_event_queue]; every event of those emitters is
 * pushed to it, in order, before the typed signal is emitted. Consume it
 * from another thread with [method@Qnet.EventQueue.pop] or from a main loop
 * with [method@Qnet.EventQueue.pop_async].
 *
 * ```python
 * queue = Qnet.EventQueue.new()
 * f = Qnet.File.new(None)
 * f.set_event_queue(queue, None, False)
 * f.open("/tmp/x", Qnet.FileOpenFlags.WRITE | Qnet.FileOpenFlags.CREATE, 0o644, None, None)
 * while (event := queue.try_pop()) is not None:
 *     print(event.get_name(), event.get_hash())
 * ```
 *
 * Since: 1.0
 */

struct _QnetEventQueue
{
  GObject  parent_instance;

  GMutex   mutex;
  GCond    cond;
  GQueue   events;   /* (owned) (element-type QnetEvent) */
  GQueue   waiters;  /* (owned) (element-type GTask): pending pop_async calls */
};

G_DEFINE_FINAL_TYPE (QnetEventQueue, qnet_event_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
qnet_event_queue_finalize (GObject *object)
{
  QnetEventQueue *self = QNET_EVENT_QUEUE (object);

  /* Pending pop_async tasks hold a reference on the queue, so none is left. */
  g_assert (g_queue_is_empty (&self->waiters));
  g_queue_clear_full (&self->events, g_object_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (qnet_event_queue_parent_class)->finalize (object);
}

static void
qnet_event_queue_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QnetEventQueue *self = QNET_EVENT_QUEUE (object);

  switch (prop_id)
    {
    case PROP_LENGTH:
      g_value_set_uint (value, qnet_event_queue_get_length (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_event_queue_class_init (QnetEventQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qnet_event_queue_finalize;
  object_class->get_property = qnet_event_queue_get_property;

  /**
   * QnetEventQueue:length: (getter get_length)
   *
   * The number of events waiting in the queue. Not notified: poll it.
   *
   * Since: 1.0
   */
  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qnet_event_queue_init (QnetEventQueue *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->events);
  g_queue_init (&self->waiters);
}

/**
 * qnet_event_queue_new:
 *
 * Creates an empty event queue.
 *
 * Returns: (transfer full): a new #QnetEventQueue
 *
 * Since: 1.0
 */
QnetEventQueue *
qnet_event_queue_new (void)
{
  return g_object_new (QNET_TYPE_EVENT_QUEUE, NULL);
}

/**
 * qnet_event_queue_push:
 * @self: a #QnetEventQueue
 * @event: the event to append
 *
 * Appends @event to the queue, waking a waiting consumer. Emitters do this
 * themselves; applications may push events of their own (for example events
 * read back from a trace). Never blocks: the queue is unbounded.
 *
 * Since: 1.0
 */
void
qnet_event_queue_push (QnetEventQueue *self,
                       QnetEvent      *event)
{
  GTask *waiter;
  gsize handler;

  g_return_if_fail (QNET_IS_EVENT_QUEUE (self));
  g_return_if_fail (QNET_IS_EVENT (event));

  g_mutex_lock (&self->mutex);
  /* An asynchronous waiter takes the event directly, in FIFO order. */
  while ((waiter = g_queue_pop_head (&self->waiters)) != NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (waiter);

      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        {
          /* Its cancel handler completes it. */
          g_object_unref (waiter);
          continue;
        }
      handler = GPOINTER_TO_SIZE (g_task_get_task_data (waiter));
      g_mutex_unlock (&self->mutex);
      if (handler != 0)
        g_cancellable_disconnect (cancellable, handler);
      g_task_return_pointer (waiter, g_object_ref (event), g_object_unref);
      g_object_unref (waiter);
      return;
    }
  g_queue_push_tail (&self->events, g_object_ref (event));
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/**
 * qnet_event_queue_pop:
 * @self: a #QnetEventQueue
 * @timeout_ms: how long to wait, in milliseconds; -1 waits forever, 0 does
 *   not wait
 *
 * Removes and returns the oldest event, waiting up to @timeout_ms for one.
 * Meant for consumer threads; in a main loop use
 * [method@Qnet.EventQueue.pop_async].
 *
 * Returns: (transfer full) (nullable): the event, or %NULL on timeout
 *
 * Since: 1.0
 */
QnetEvent *
qnet_event_queue_pop (QnetEventQueue *self,
                      gint            timeout_ms)
{
  QnetEvent *event;
  gint64 deadline = 0;

  g_return_val_if_fail (QNET_IS_EVENT_QUEUE (self), NULL);

  if (timeout_ms > 0)
    deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  g_mutex_lock (&self->mutex);
  while ((event = g_queue_pop_head (&self->events)) == NULL)
    {
      if (timeout_ms == 0)
        break;
      if (timeout_ms < 0)
        g_cond_wait (&self->cond, &self->mutex);
      else if (!g_cond_wait_until (&self->cond, &self->mutex, deadline))
        {
          event = g_queue_pop_head (&self->events);
          break;
        }
    }
  g_mutex_unlock (&self->mutex);

  return event;
}

/**
 * qnet_event_queue_try_pop:
 * @self: a #QnetEventQueue
 *
 * Removes and returns the oldest event without waiting.
 *
 * Returns: (transfer full) (nullable): the event, or %NULL if the queue is empty
 *
 * Since: 1.0
 */
QnetEvent *
qnet_event_queue_try_pop (QnetEventQueue *self)
{
  return qnet_event_queue_pop (self, 0);
}

static void
pop_cancelled_cb (GCancellable *cancellable,
                  GTask        *task)
{
  QnetEventQueue *self = g_task_get_source_object (task);
  gboolean was_waiting;

  g_mutex_lock (&self->mutex);
  was_waiting = g_queue_remove (&self->waiters, task);
  g_mutex_unlock (&self->mutex);

  if (was_waiting)
    {
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
}

/**
 * qnet_event_queue_pop_async:
 * @self: a #QnetEventQueue
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when an event is available
 * @user_data: data for @callback
 *
 * Waits, without blocking the thread-default main context, for the next
 * event. Completes at once if the queue is not empty. Several pending calls
 * are served in the order they were made.
 *
 * Since: 1.0
 */
void
qnet_event_queue_pop_async (QnetEventQueue      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QnetEvent *event;

  g_return_if_fail (QNET_IS_EVENT_QUEUE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, qnet_event_queue_pop_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->mutex);
  event = g_queue_is_empty (&self->waiters) ? g_queue_pop_head (&self->events) : NULL;
  if (event == NULL)
    g_queue_push_tail (&self->waiters, g_object_ref (task));
  g_mutex_unlock (&self->mutex);

  if (event != NULL)
    {
      g_task_return_pointer (task, event, g_object_unref);
      return;
    }

  if (cancellable != NULL)
    {
      gulong handler = g_cancellable_connect (cancellable, G_CALLBACK (pop_cancelled_cb),
                                              g_object_ref (task), g_object_unref);

      /* Remembered so that a push can disconnect it; if a push already
       * took the task, the handler finds nothing to do when it runs. */
      g_mutex_lock (&self->mutex);
      if (g_queue_find (&self->waiters, task) != NULL)
        g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize) handler), NULL);
      g_mutex_unlock (&self->mutex);
    }
}

/**
 * qnet_event_queue_pop_finish:
 * @self: a #QnetEventQueue
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Qnet.EventQueue.pop_async].
 *
 * Returns: (transfer full): the event, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED)
 *
 * Since: 1.0
 */
QnetEvent *
qnet_event_queue_pop_finish (QnetEventQueue  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (QNET_IS_EVENT_QUEUE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qnet_event_queue_pop_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * qnet_event_queue_get_length: (get-property length)
 * @self: a #QnetEventQueue
 *
 * Gets the number of events in the queue.
 *
 * Returns: the number of events waiting in the queue
 *
 * Since: 1.0
 */
guint
qnet_event_queue_get_length (QnetEventQueue *self)
{
  guint len;

  g_return_val_if_fail (QNET_IS_EVENT_QUEUE (self), 0);

  g_mutex_lock (&self->mutex);
  len = g_queue_get_length (&self->events);
  g_mutex_unlock (&self->mutex);

  return len;
}

/**
 * qnet_event_queue_clear:
 * @self: a #QnetEventQueue
 *
 * Drops every waiting event.
 *
 * Since: 1.0
 */
void
qnet_event_queue_clear (QnetEventQueue *self)
{
  GQueue dropped = G_QUEUE_INIT;

  g_return_if_fail (QNET_IS_EVENT_QUEUE (self));

  g_mutex_lock (&self->mutex);
  dropped = self->events;
  g_queue_init (&self->events);
  g_mutex_unlock (&self->mutex);

  g_queue_clear_full (&dropped, g_object_unref);
}
