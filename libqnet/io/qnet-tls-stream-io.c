/* qnet-tls-stream-io.c: QnetTlsStream's transport and plaintext I/O
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GnuTLS's pull and push functions over the base stream, the pending
 * ciphertext, waiting on the base stream, non-blocking plaintext reads and
 * writes, and the pollable sources of the two halves.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-tls-stream-private.h"

/* Ciphertext kept while the base stream cannot take it: a handshake
 * flight, or the last record written plus alerts. Past this the peer has
 * stopped reading while GnuTLS keeps producing, and we fail instead of
 * growing. */
#define QNET_TLS_MAX_PENDING_OUTPUT (1024 * 1024)
/* Plaintext one non-blocking write encrypts at most, so that one call
 * does not hold the main loop for long. */
#define QNET_TLS_MAX_WRITE_PER_CALL (256 * 1024)

/* ---- Transport -------------------------------------------------------- */

static void
set_transport_error (GError **slot,
                     GError  *error)
{
  g_clear_error (slot);
  *slot = error;
}

static ssize_t
tls_pull (gnutls_transport_ptr_t ptr,
          void                  *buffer,
          size_t                 len)
{
  QnetTlsStream *self = ptr;
  GError *error = NULL;
  gssize n;

  if (self->initial_input != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (self->initial_input, &size);
      gsize chunk = MIN (len, size - self->initial_offset);

      memcpy (buffer, data + self->initial_offset, chunk);
      self->initial_offset += chunk;
      if (self->initial_offset >= size)
        {
          g_clear_pointer (&self->initial_input, g_bytes_unref);
          self->initial_offset = 0;
        }
      return chunk;
    }

  if (self->in_error != NULL)
    {
      gnutls_transport_set_errno (self->session, EIO);
      return -1;
    }

  n = g_pollable_input_stream_read_nonblocking (self->base_in, buffer, len, NULL, &error);
  if (n >= 0)
    return n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (error);
      gnutls_transport_set_errno (self->session, EAGAIN);
      return -1;
    }

  set_transport_error (&self->in_error, error);
  gnutls_transport_set_errno (self->session, EIO);
  return -1;
}

static int
tls_pull_timeout (gnutls_transport_ptr_t ptr,
                  unsigned int           ms)
{
  QnetTlsStream *self = ptr;

  /* The session is non-blocking: answer for now, never wait (the
   * callers wait on the base stream's sources instead). */
  if (self->initial_input != NULL || self->in_error != NULL)
    return 1;
  return g_pollable_input_stream_is_readable (self->base_in) ? 1 : 0;
}

/* Called with out_lock held. Appends what the base stream did not take. */
static gboolean
queue_output_locked (QnetTlsStream *self,
                     const guint8  *data,
                     gsize          len)
{
  if (self->out_pending->len - self->out_offset + len > QNET_TLS_MAX_PENDING_OUTPUT)
    {
      set_transport_error (&self->out_error,
                           g_error_new (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                                        _("The peer does not read what is sent to it")));
      return FALSE;
    }
  g_byte_array_append (self->out_pending, data, len);
  return TRUE;
}

/* GnuTLS hands over whole records (and handshake messages); what the base
 * stream does not take now is kept, so GnuTLS never sees EAGAIN on a
 * write (it would then insist on being called again with the same data,
 * which GOutputStream callers do not promise). */
static ssize_t
tls_vec_push (gnutls_transport_ptr_t ptr,
              const giovec_t        *iov,
              int                    iovcnt)
{
  QnetTlsStream *self = ptr;
  G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->out_lock);
  GOutputVector stack_vectors[16];
  g_autofree GOutputVector *heap_vectors = NULL;
  GOutputVector *vectors = stack_vectors;
  GError *error = NULL;
  gsize total = 0;
  gsize skip = 0;

  if (self->out_error != NULL)
    {
      gnutls_transport_set_errno (self->session, EPIPE);
      return -1;
    }

  if (iovcnt > (int) G_N_ELEMENTS (stack_vectors))
    vectors = heap_vectors = g_new (GOutputVector, iovcnt);
  for (int i = 0; i < iovcnt; i++)
    {
      vectors[i].buffer = iov[i].iov_base;
      vectors[i].size = iov[i].iov_len;
      total += iov[i].iov_len;
    }

  /* Keep the order: nothing goes past queued ciphertext. */
  if (self->out_pending->len == self->out_offset)
    {
      GPollableReturn ret;

      ret = g_pollable_output_stream_writev_nonblocking (self->base_out, vectors, iovcnt, &skip,
                                                         NULL, &error);
      if (ret == G_POLLABLE_RETURN_FAILED)
        {
          set_transport_error (&self->out_error, error);
          gnutls_transport_set_errno (self->session, EPIPE);
          return -1;
        }
      if (ret == G_POLLABLE_RETURN_WOULD_BLOCK)
        skip = 0;
    }

  /* Queue what the base stream did not take. */
  for (int i = 0; i < iovcnt; i++)
    {
      gsize len = iov[i].iov_len;

      if (skip >= len)
        {
          skip -= len;
          continue;
        }
      if (!queue_output_locked (self, (const guint8 *) iov[i].iov_base + skip, len - skip))
        {
          gnutls_transport_set_errno (self->session, EPIPE);
          return -1;
        }
      skip = 0;
    }

  return total;
}

void
qnet_tls_stream_install_transport (QnetTlsStream *self)
{
  gnutls_transport_set_ptr (self->session, self);
  gnutls_transport_set_pull_function (self->session, tls_pull);
  gnutls_transport_set_pull_timeout_function (self->session, tls_pull_timeout);
  gnutls_transport_set_vec_push_function (self->session, tls_vec_push);
}

gboolean
qnet_tls_stream_flush_nonblocking (QnetTlsStream *self,
                                   GError       **error)
{
  G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->out_lock);

  while (self->out_pending->len > self->out_offset)
    {
      GError *local_error = NULL;
      gssize n;

      if (self->out_error != NULL)
        {
          g_propagate_error (error, g_error_copy (self->out_error));
          return FALSE;
        }

      n = g_pollable_output_stream_write_nonblocking (self->base_out,
                                                      self->out_pending->data + self->out_offset,
                                                      self->out_pending->len - self->out_offset,
                                                      NULL, &local_error);
      if (n < 0)
        {
          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            set_transport_error (&self->out_error, g_error_copy (local_error));
          g_propagate_error (error, local_error);
          return FALSE;
        }
      self->out_offset += n;
    }

  g_byte_array_set_size (self->out_pending, 0);
  self->out_offset = 0;

  if (self->out_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->out_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
qnet_tls_stream_has_pending_output (QnetTlsStream *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), FALSE);

  locker = g_mutex_locker_new (&self->out_lock);
  return self->out_pending->len > self->out_offset;
}

gboolean
qnet_tls_stream_flush (QnetTlsStream *self,
                       gint64         deadline,
                       GCancellable  *cancellable,
                       GError       **error)
{
  for (;;)
    {
      GError *local_error = NULL;

      if (qnet_tls_stream_flush_nonblocking (self, &local_error))
        return TRUE;
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_error_free (local_error);
      if (!qnet_tls_stream_wait (self, G_IO_OUT, deadline, cancellable, error))
        return FALSE;
    }
}

/* ---- Waiting ---------------------------------------------------------- */

static gboolean
flag_source_cb (gpointer data)
{
  gboolean *flag = data;

  *flag = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
pollable_flag_cb (GObject  *pollable,
                  gpointer  data)
{
  return flag_source_cb (data);
}

GSource *
qnet_tls_stream_create_base_source (QnetTlsStream *self,
                                    GIOCondition   condition,
                                    GCancellable  *cancellable)
{
  if (condition & G_IO_IN)
    return g_pollable_input_stream_create_source (self->base_in, cancellable);
  return g_pollable_output_stream_create_source (self->base_out, cancellable);
}

gboolean
qnet_tls_stream_wait (QnetTlsStream *self,
                      GIOCondition   condition,
                      gint64         deadline,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gint64 timeout_us = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (deadline >= 0)
    timeout_us = MAX (deadline - g_get_monotonic_time (), 0);

  if (G_IS_SOCKET_CONNECTION (self->base))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (self->base));
      GError *local_error = NULL;

      if (g_socket_condition_timed_wait (socket, condition, timeout_us, cancellable, &local_error))
        return TRUE;
      g_propagate_error (error, local_error);
      return FALSE;
    }
  else
    {
      g_autoptr(GMainContext) context = g_main_context_new ();
      g_autoptr(GSource) source = qnet_tls_stream_create_base_source (self, condition, cancellable);
      g_autoptr(GSource) timeout = NULL;
      gboolean ready = FALSE;
      gboolean timed_out = FALSE;

      g_source_set_callback (source, G_SOURCE_FUNC (pollable_flag_cb), &ready, NULL);
      g_source_attach (source, context);
      if (timeout_us >= 0)
        {
          timeout = g_timeout_source_new ((guint) ((timeout_us + 999) / 1000));
          g_source_set_callback (timeout, flag_source_cb, &timed_out, NULL);
          g_source_attach (timeout, context);
        }

      while (!ready && !timed_out)
        g_main_context_iteration (context, TRUE);

      g_source_destroy (source);
      if (timeout != NULL)
        g_source_destroy (timeout);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!ready)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("The operation timed out"));
          return FALSE;
        }
      return TRUE;
    }
}

/* ---- Plaintext I/O ---------------------------------------------------- */

static gboolean
check_established (QnetTlsStream *self,
                   GError       **error)
{
  if (self->closing)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The TLS stream is closed"));
      return FALSE;
    }
  if (self->handshake_state == HANDSHAKE_DONE)
    return TRUE;
  if (self->handshake_state == HANDSHAKE_FAILED)
    g_propagate_error (error, g_error_copy (self->handshake_error));
  else
    g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                 _("The TLS handshake has not completed"));
  return FALSE;
}

gssize
qnet_tls_stream_read_nonblocking (QnetTlsStream *self,
                                  void          *buffer,
                                  gsize          count,
                                  GError       **error)
{
  guint retries = 0;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), -1);

  if (!check_established (self, error))
    return -1;
  if (self->read_closed || count == 0)
    return 0;

  /* Anything GnuTLS queued while reading (a key update) goes out now. */
  if (qnet_tls_stream_has_pending_output (self))
    qnet_tls_stream_flush_nonblocking (self, NULL);

  for (;;)
    {
      ssize_t ret = gnutls_record_recv (self->session, buffer, MIN (count, G_MAXSSIZE));

      if (ret > 0)
        return ret;

      if (ret == 0)
        {
          self->got_close_notify = TRUE;
          self->read_closed = TRUE;
          return 0;
        }

      if (ret == GNUTLS_E_AGAIN && self->in_error == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                               g_strerror (EAGAIN));
          return -1;
        }

      if (ret == GNUTLS_E_PREMATURE_TERMINATION)
        {
          self->truncated = TRUE;
          self->read_closed = TRUE;
          if (!self->require_close_notify)
            return 0;
          g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_TRUNCATED,
                       _("The TLS peer closed the connection without sending close_notify"));
          return -1;
        }

      /* Renegotiation (TLS 1.2) is refused politely; the data goes on. */
      if (ret == GNUTLS_E_REHANDSHAKE)
        gnutls_alert_send (self->session, GNUTLS_AL_WARNING, GNUTLS_A_NO_RENEGOTIATION);

      if ((ret == GNUTLS_E_INTERRUPTED || ret == GNUTLS_E_REHANDSHAKE
           || ret == GNUTLS_E_WARNING_ALERT_RECEIVED || !gnutls_error_is_fatal (ret))
          && ret != GNUTLS_E_AGAIN && ++retries < QNET_TLS_MAX_RETRIES)
        continue;

      if (self->in_error != NULL)
        {
          /* The base stream's own error (reset, ...) tells more; report it once. */
          g_propagate_error (error, g_steal_pointer (&self->in_error));
          self->read_closed = TRUE;
          return -1;
        }

      if (ret == GNUTLS_E_FATAL_ALERT_RECEIVED)
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED,
                     _("The TLS peer sent the alert “%s”"),
                     gnutls_alert_get_name (gnutls_alert_get (self->session)));
      else
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED, _("TLS read error: %s"),
                     gnutls_strerror ((int) ret));
      self->read_closed = TRUE;
      return -1;
    }
}

gssize
qnet_tls_stream_write_nonblocking (QnetTlsStream *self,
                                   const void    *buffer,
                                   gsize          count,
                                   GError       **error)
{
  gsize total = 0;

  g_return_val_if_fail (QNET_IS_TLS_STREAM (self), -1);

  if (!check_established (self, error))
    return -1;
  if (self->write_closed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                   _("The TLS session was shut down for writing"));
      return -1;
    }
  if (!qnet_tls_stream_flush_nonblocking (self, error))
    return -1;

  count = MIN (count, QNET_TLS_MAX_WRITE_PER_CALL);
  while (total < count)
    {
      ssize_t ret = gnutls_record_send (self->session, (const guint8 *) buffer + total,
                                        count - total);

      if (ret > 0)
        {
          total += ret;
          if (qnet_tls_stream_has_pending_output (self))
            break;
          continue;
        }

      if (ret == GNUTLS_E_INTERRUPTED)
        continue;

      if (total > 0)
        break;   /* report the error on the next call */

      if (self->out_error != NULL)
        {
          G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->out_lock);

          g_propagate_error (error, g_error_copy (self->out_error));
        }
      else
        g_set_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED, _("TLS write error: %s"),
                     gnutls_strerror ((int) ret));
      return -1;
    }

  return total;
}

gboolean
qnet_tls_stream_ready_now (QnetTlsStream *self,
                           GIOCondition   condition)
{
  if (self->closing || self->handshake_state != HANDSHAKE_DONE)
    return TRUE;   /* the operation fails at once */

  if (condition & G_IO_IN)
    return self->read_closed || self->in_error != NULL || self->initial_input != NULL
           || gnutls_record_check_pending (self->session) > 0;

  return self->write_closed || !qnet_tls_stream_has_pending_output (self);
}

gboolean
qnet_tls_stream_is_ready (QnetTlsStream *self,
                          GIOCondition   condition)
{
  if (qnet_tls_stream_ready_now (self, condition))
    return TRUE;
  if (condition & G_IO_IN)
    return g_pollable_input_stream_is_readable (self->base_in);
  return g_pollable_output_stream_is_writable (self->base_out);
}

typedef struct {
  GSource        source;
  QnetTlsStream *tls;        /* (owned) */
  GObject       *pollable;   /* (owned) */
  GIOCondition   condition;
} QnetTlsSource;

static gboolean
tls_source_prepare (GSource *source,
                    gint    *timeout)
{
  QnetTlsSource *tls_source = (QnetTlsSource *) source;

  *timeout = -1;
  if (qnet_tls_stream_ready_now (tls_source->tls, tls_source->condition))
    {
      *timeout = 0;
      return TRUE;
    }
  return FALSE;
}

static gboolean
tls_source_check (GSource *source)
{
  QnetTlsSource *tls_source = (QnetTlsSource *) source;

  return qnet_tls_stream_ready_now (tls_source->tls, tls_source->condition);
}

static gboolean
tls_source_dispatch (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  QnetTlsSource *tls_source = (QnetTlsSource *) source;
  GPollableSourceFunc func = (GPollableSourceFunc) callback;

  if (func == NULL)
    return G_SOURCE_REMOVE;
  return func (tls_source->pollable, user_data);
}

static void
tls_source_finalize (GSource *source)
{
  QnetTlsSource *tls_source = (QnetTlsSource *) source;

  g_clear_object (&tls_source->tls);
  g_clear_object (&tls_source->pollable);
}

static gboolean
child_source_cb (gpointer data)
{
  /* The child only wakes the parent up. */
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs tls_source_funcs = {
  tls_source_prepare,
  tls_source_check,
  tls_source_dispatch,
  tls_source_finalize,
  NULL,
  NULL,
};

GSource *
qnet_tls_stream_create_source (QnetTlsStream *self,
                               GIOCondition   condition,
                               GObject       *pollable,
                               GCancellable  *cancellable)
{
  GSource *source = g_source_new (&tls_source_funcs, sizeof (QnetTlsSource));
  QnetTlsSource *tls_source = (QnetTlsSource *) source;
  GSource *child;

  g_source_set_static_name (source, "QnetTlsSource");
  tls_source->tls = g_object_ref (self);
  tls_source->pollable = g_object_ref (pollable);
  tls_source->condition = condition;

  child = qnet_tls_stream_create_base_source (self, condition, NULL);
  g_source_set_callback (child, child_source_cb, NULL, NULL);
  g_source_add_child_source (source, child);
  g_source_unref (child);

  if (cancellable != NULL)
    {
      child = g_cancellable_source_new (cancellable);
      g_source_set_callback (child, child_source_cb, NULL, NULL);
      g_source_add_child_source (source, child);
      g_source_unref (child);
    }

  return source;
}
