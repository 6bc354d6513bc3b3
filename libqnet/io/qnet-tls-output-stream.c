/* qnet-tls-output-stream.c: the plaintext output half of QnetTlsStream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qnet-tls-stream-private.h"

struct _QnetTlsOutputStream
{
  GOutputStream parent_instance;

  GWeakRef tls;   /* QnetTlsStream: it owns this stream */
};

static void qnet_tls_output_stream_pollable_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QnetTlsOutputStream, qnet_tls_output_stream, G_TYPE_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM,
                                                      qnet_tls_output_stream_pollable_init))

static QnetTlsStream *
get_tls (QnetTlsOutputStream *self,
         GError             **error)
{
  QnetTlsStream *tls = g_weak_ref_get (&self->tls);

  if (tls == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The TLS connection is gone"));
  return tls;
}

static gssize
qnet_tls_output_stream_write (GOutputStream  *stream,
                              const void     *buffer,
                              gsize           count,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_OUTPUT_STREAM (stream), error);

  if (tls == NULL)
    return -1;

  for (;;)
    {
      GError *local_error = NULL;
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;

      n = qnet_tls_stream_write_nonblocking (tls, buffer, count, &local_error);
      if (n >= 0 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          return n;
        }
      g_error_free (local_error);

      /* Waits as long as the base stream's own timeout allows. */
      if (!qnet_tls_stream_wait (tls, G_IO_OUT, -1, cancellable, error))
        return -1;
    }
}

static gboolean
qnet_tls_output_stream_flush (GOutputStream  *stream,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_OUTPUT_STREAM (stream), error);

  if (tls == NULL)
    return FALSE;
  return qnet_tls_stream_flush (tls, -1, cancellable, error);
}

static void
qnet_tls_output_stream_flush_async (GOutputStream       *stream,
                                    int                  io_priority,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_OUTPUT_STREAM (stream), NULL);

  if (tls == NULL)
    {
      g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

      g_task_set_source_tag (task, qnet_tls_stream_flush_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               _("The TLS connection is gone"));
      return;
    }
  qnet_tls_stream_flush_async (tls, stream, -1, io_priority, cancellable, callback, user_data);
}

static gboolean
qnet_tls_output_stream_flush_finish (GOutputStream  *stream,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), FALSE);

  return qnet_tls_stream_flush_finish (result, error);
}

static gboolean
qnet_tls_output_stream_close (GOutputStream  *stream,
                              GCancellable   *cancellable,
                              GError        **error)
{
  /* GOutputStream flushes before closing; nothing else to do here
   * (close_notify is the GIOStream's business). */
  return TRUE;
}

static void
close_flushed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (qnet_tls_stream_flush_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
qnet_tls_output_stream_close_async (GOutputStream       *stream,
                                    int                  io_priority,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_OUTPUT_STREAM (stream), NULL);

  g_task_set_source_tag (task, qnet_tls_output_stream_close_async);
  if (tls == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* As the blocking close does: write out what is pending first. */
  qnet_tls_stream_flush_async (tls, stream, -1, io_priority, cancellable, close_flushed_cb,
                               g_steal_pointer (&task));
}

static gboolean
qnet_tls_output_stream_close_finish (GOutputStream  *stream,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
qnet_tls_output_stream_can_poll (GPollableOutputStream *pollable)
{
  return TRUE;
}

static gboolean
qnet_tls_output_stream_is_writable (GPollableOutputStream *pollable)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_OUTPUT_STREAM (pollable), NULL);

  /* Gone: a write fails at once. */
  return tls == NULL || qnet_tls_stream_is_ready (tls, G_IO_OUT);
}

static GSource *
qnet_tls_output_stream_create_source (GPollableOutputStream *pollable,
                                      GCancellable          *cancellable)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_OUTPUT_STREAM (pollable), NULL);

  if (tls == NULL)
    {
      g_autoptr(GSource) ready = g_timeout_source_new (0);

      return g_pollable_source_new_full (pollable, ready, cancellable);
    }
  return qnet_tls_stream_create_source (tls, G_IO_OUT, G_OBJECT (pollable), cancellable);
}

static gssize
qnet_tls_output_stream_write_nonblocking (GPollableOutputStream  *pollable,
                                          const void             *buffer,
                                          gsize                   count,
                                          GError                **error)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_OUTPUT_STREAM (pollable), error);

  if (tls == NULL)
    return -1;
  return qnet_tls_stream_write_nonblocking (tls, buffer, count, error);
}

static void
qnet_tls_output_stream_finalize (GObject *object)
{
  QnetTlsOutputStream *self = QNET_TLS_OUTPUT_STREAM (object);

  g_weak_ref_clear (&self->tls);

  G_OBJECT_CLASS (qnet_tls_output_stream_parent_class)->finalize (object);
}

static void
qnet_tls_output_stream_class_init (QnetTlsOutputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->finalize = qnet_tls_output_stream_finalize;

  stream_class->write_fn = qnet_tls_output_stream_write;
  stream_class->flush = qnet_tls_output_stream_flush;
  stream_class->flush_async = qnet_tls_output_stream_flush_async;
  stream_class->flush_finish = qnet_tls_output_stream_flush_finish;
  stream_class->close_fn = qnet_tls_output_stream_close;
  stream_class->close_async = qnet_tls_output_stream_close_async;
  stream_class->close_finish = qnet_tls_output_stream_close_finish;
}

static void
qnet_tls_output_stream_pollable_init (GPollableOutputStreamInterface *iface)
{
  iface->can_poll = qnet_tls_output_stream_can_poll;
  iface->is_writable = qnet_tls_output_stream_is_writable;
  iface->create_source = qnet_tls_output_stream_create_source;
  iface->write_nonblocking = qnet_tls_output_stream_write_nonblocking;
}

static void
qnet_tls_output_stream_init (QnetTlsOutputStream *self)
{
  g_weak_ref_init (&self->tls, NULL);
}

GOutputStream *
qnet_tls_output_stream_new (QnetTlsStream *tls)
{
  QnetTlsOutputStream *self = g_object_new (QNET_TYPE_TLS_OUTPUT_STREAM, NULL);

  g_weak_ref_set (&self->tls, tls);
  return G_OUTPUT_STREAM (self);
}
