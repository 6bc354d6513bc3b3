/* qnet-socket-call.c: one QnetSocket state machine, blocking and asynchronous
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-socket-private.h"
#include "io/qnet-sync.h"

/* ---- Calls: one state machine, two forms ----------------------------------- */

static void
call_free (QnetSocketCall *call)
{
  g_clear_object (&call->self);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->task);
  g_clear_error (&call->error);
  if (call->ptr != NULL && call->ptr_free != NULL)
    call->ptr_free (call->ptr);
  g_free (call);
}

QnetSocketCall *
_qnet_socket_call_new_sync (gpointer      self,
                            const char   *operation,
                            GCancellable *cancellable)
{
  QnetSocketCall *call = g_new0 (QnetSocketCall, 1);

  call->self = g_object_ref (self);
  call->operation = operation;
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->sync_context = qnet_sync_context_push ();
  return call;
}

QnetSocketCall *
_qnet_socket_call_new_async (gpointer             self,
                             const char          *operation,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data,
                             gpointer             source_tag)
{
  QnetSocketCall *call = g_new0 (QnetSocketCall, 1);

  call->self = g_object_ref (self);
  call->operation = operation;
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);
  g_task_set_name (call->task, operation);
  /* The result is what the machine returned, as in the blocking form. */
  g_task_set_check_cancellable (call->task, FALSE);
  return call;
}

void
_qnet_socket_call_return_pointer (QnetSocketCall *call,
                                  gpointer        ptr,
                                  GDestroyNotify  ptr_free)
{
  g_assert (!call->done);

  if (call->task != NULL)
    {
      g_task_return_pointer (call->task, ptr, ptr_free);
      call_free (call);
      return;
    }

  call->ptr = ptr;
  call->ptr_free = ptr_free;
  call->done = TRUE;
}

void
_qnet_socket_call_return_int (QnetSocketCall *call,
                              gint64          value)
{
  g_assert (!call->done);

  if (call->task != NULL)
    {
      g_task_return_pointer (call->task, g_memdup2 (&value, sizeof value), g_free);
      call_free (call);
      return;
    }

  call->value = value;
  call->done = TRUE;
}

void
_qnet_socket_call_return_error (QnetSocketCall *call,
                                GError         *error)
{
  g_assert (!call->done);

  _qnet_emitter_operation_failed (QNET_EMITTER (call->self), call->operation, error);

  if (call->task != NULL)
    {
      g_task_return_error (call->task, error);
      call_free (call);
      return;
    }

  call->error = error;
  call->done = TRUE;
}

/* Blocking form: runs until the call returned; FALSE (and @call freed)
 * with @error set when it returned an error. */
static gboolean
call_wait (QnetSocketCall  *call,
           GError         **error)
{
  g_assert (call->sync_context != NULL);

  qnet_sync_context_run (call->sync_context, &call->done);
  qnet_sync_context_pop (call->sync_context);

  if (call->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&call->error));
      call_free (call);
      return FALSE;
    }
  return TRUE;
}

gpointer
_qnet_socket_call_wait_pointer (QnetSocketCall  *call,
                                GError         **error)
{
  gpointer ptr;

  if (!call_wait (call, error))
    return NULL;
  ptr = g_steal_pointer (&call->ptr);
  call_free (call);
  return ptr;
}

gint64
_qnet_socket_call_wait_int (QnetSocketCall  *call,
                            GError         **error)
{
  gint64 value;

  if (!call_wait (call, error))
    return 0;
  value = call->value;
  call_free (call);
  return value;
}

gpointer
_qnet_socket_call_finish_pointer (gpointer       self,
                                  GAsyncResult  *result,
                                  gpointer       source_tag,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
_qnet_socket_call_finish_int (gpointer       self,
                              GAsyncResult  *result,
                              gpointer       source_tag,
                              GError       **error)
{
  g_autofree gint64 *value = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, 0);

  value = g_task_propagate_pointer (G_TASK (result), error);
  return value != NULL ? *value : 0;
}

/* ---- Errors ------------------------------------------------------------------ */

GError *
_qnet_socket_wrap_error (QnetSocket       *self,
                         QnetSocketAction  action,
                         const GError     *inner)
{
  const char *label = qnet_emitter_get_label (QNET_EMITTER (self));
  GQuark domain = QNET_SOCKET_ERROR;
  gint new_code = QNET_SOCKET_ERROR_FAILED;
  char *message = NULL;

  if (label == NULL)
    label = "";

  switch (action)
    {
    case QNET_SOCKET_ACTION_CONNECT:
      new_code = QNET_SOCKET_ERROR_CONNECT;
      message = g_strdup_printf (_("Could not connect to %s: %s"), label, inner->message);
      break;
    case QNET_SOCKET_ACTION_RECEIVE:
      new_code = QNET_SOCKET_ERROR_RECV;
      message = g_strdup_printf (_("Could not receive from %s: %s"), label, inner->message);
      break;
    case QNET_SOCKET_ACTION_SEND:
      new_code = QNET_SOCKET_ERROR_SEND;
      message = g_strdup_printf (_("Could not send to %s: %s"), label, inner->message);
      break;
    case QNET_SOCKET_ACTION_ACCEPT:
      new_code = QNET_SOCKET_ERROR_ACCEPT;
      message = g_strdup_printf (_("Could not accept on %s: %s"), label, inner->message);
      break;
    case QNET_SOCKET_ACTION_SHUTDOWN:
    default:
      new_code = QNET_SOCKET_ERROR_FAILED;
      message = g_strdup_printf (_("Could not shut %s down: %s"), label, inner->message);
      break;
    }

  if (inner->domain == G_IO_ERROR &&
      (inner->code == G_IO_ERROR_CANCELLED || inner->code == G_IO_ERROR_TIMED_OUT))
    {
      domain = G_IO_ERROR;
      new_code = inner->code;
    }
  else if (inner->domain == QNET_SOCKET_ERROR)
    {
      new_code = inner->code;
    }
  else if (inner->domain == QNET_TLS_ERROR)
    {
      /* QNET_TLS_ERROR_TRUNCATED and the TLS session's failures stay. */
      domain = QNET_TLS_ERROR;
      new_code = inner->code;
    }

  {
    GError *error = g_error_new_literal (domain, new_code, message);

    g_free (message);
    return error;
  }
}

GError *
_qnet_socket_not_open_error (QnetSocket *self)
{
  return g_error_new_literal (QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN,
                              _("The socket is not open"));
}
