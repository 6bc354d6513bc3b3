/* qnet-tls-input-stream.c: the plaintext input half of QnetTlsStream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qnet-tls-stream-private.h"

struct _QnetTlsInputStream
{
  GInputStream parent_instance;

  GWeakRef tls;   /* QnetTlsStream: it owns this stream */
};

static void qnet_tls_input_stream_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QnetTlsInputStream, qnet_tls_input_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      qnet_tls_input_stream_pollable_init))

static QnetTlsStream *
get_tls (QnetTlsInputStream *self,
         GError            **error)
{
  QnetTlsStream *tls = g_weak_ref_get (&self->tls);

  if (tls == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The TLS connection is gone"));
  return tls;
}

static gssize
qnet_tls_input_stream_read (GInputStream  *stream,
                            void          *buffer,
                            gsize          count,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_INPUT_STREAM (stream), error);

  if (tls == NULL)
    return -1;

  for (;;)
    {
      GError *local_error = NULL;
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;

      n = qnet_tls_stream_read_nonblocking (tls, buffer, count, &local_error);
      if (n >= 0 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          return n;
        }
      g_error_free (local_error);

      /* Waits as long as the base stream's own timeout allows. */
      if (!qnet_tls_stream_wait (tls, G_IO_IN, -1, cancellable, error))
        return -1;
    }
}

static gboolean
qnet_tls_input_stream_close (GInputStream  *stream,
                             GCancellable  *cancellable,
                             GError       **error)
{
  /* Closing the read half sends nothing; the GIOStream closes the base. */
  return TRUE;
}

static void
qnet_tls_input_stream_close_async (GInputStream        *stream,
                                   int                  io_priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, qnet_tls_input_stream_close_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
qnet_tls_input_stream_close_finish (GInputStream  *stream,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
qnet_tls_input_stream_can_poll (GPollableInputStream *pollable)
{
  return TRUE;
}

static gboolean
qnet_tls_input_stream_is_readable (GPollableInputStream *pollable)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_INPUT_STREAM (pollable), NULL);

  /* Gone: a read fails at once. */
  return tls == NULL || qnet_tls_stream_is_ready (tls, G_IO_IN);
}

static GSource *
qnet_tls_input_stream_create_source (GPollableInputStream *pollable,
                                     GCancellable         *cancellable)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_INPUT_STREAM (pollable), NULL);

  if (tls == NULL)
    {
      g_autoptr(GSource) ready = g_timeout_source_new (0);

      return g_pollable_source_new_full (pollable, ready, cancellable);
    }
  return qnet_tls_stream_create_source (tls, G_IO_IN, G_OBJECT (pollable), cancellable);
}

static gssize
qnet_tls_input_stream_read_nonblocking (GPollableInputStream  *pollable,
                                        void                  *buffer,
                                        gsize                  count,
                                        GError               **error)
{
  g_autoptr(QnetTlsStream) tls = get_tls (QNET_TLS_INPUT_STREAM (pollable), error);

  if (tls == NULL)
    return -1;
  return qnet_tls_stream_read_nonblocking (tls, buffer, count, error);
}

static void
qnet_tls_input_stream_finalize (GObject *object)
{
  QnetTlsInputStream *self = QNET_TLS_INPUT_STREAM (object);

  g_weak_ref_clear (&self->tls);

  G_OBJECT_CLASS (qnet_tls_input_stream_parent_class)->finalize (object);
}

static void
qnet_tls_input_stream_class_init (QnetTlsInputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = qnet_tls_input_stream_finalize;

  stream_class->read_fn = qnet_tls_input_stream_read;
  stream_class->close_fn = qnet_tls_input_stream_close;
  stream_class->close_async = qnet_tls_input_stream_close_async;
  stream_class->close_finish = qnet_tls_input_stream_close_finish;
}

static void
qnet_tls_input_stream_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = qnet_tls_input_stream_can_poll;
  iface->is_readable = qnet_tls_input_stream_is_readable;
  iface->create_source = qnet_tls_input_stream_create_source;
  iface->read_nonblocking = qnet_tls_input_stream_read_nonblocking;
}

static void
qnet_tls_input_stream_init (QnetTlsInputStream *self)
{
  g_weak_ref_init (&self->tls, NULL);
}

GInputStream *
qnet_tls_input_stream_new (QnetTlsStream *tls)
{
  QnetTlsInputStream *self = g_object_new (QNET_TYPE_TLS_INPUT_STREAM, NULL);

  g_weak_ref_set (&self->tls, tls);
  return G_INPUT_STREAM (self);
}
