/* qnet-trace.c: process-wide tracing to a file or a listening inspector
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "qnet-event-private.h"
#include "qnet-trace.h"
#include "qnet-trace-private.h"

/* The buffer between emitting threads and the writer thread. Bounded so a
 * slow or vanished consumer can never grow the traced program's memory:
 * past it, events are dropped and counted. */
#define QNET_TRACE_MAX_PENDING 65536
/* A consumer that accepts nothing for this long ends the trace, so that
 * stopping (also at exit) is bounded. */
#define QNET_TRACE_SEND_TIMEOUT_S 10
/* How many lines the writer serialises before one write(2). */
#define QNET_TRACE_BATCH 256

gint _qnet_trace_enabled = 0;

typedef struct
{
  GMutex    mutex;
  GCond     cond;         /* signalled when events arrive or on stop */
  GCond     drained;      /* signalled when the writer emptied the buffer */
  GQueue    pending;      /* (owned) (element-type QnetEvent) */
  GThread  *thread;       /* (owned) (nullable) */
  int       fd;
  gboolean  is_socket;
  gboolean  stopping;
  gboolean  busy;         /* the writer holds a batch outside the lock */
  gboolean  broken;       /* the destination failed; drop everything */
  guint64   dropped;      /* total dropped since start */
  guint64   dropped_reported;
} QnetTrace;

static QnetTrace trace = { .fd = -1 };
static GMutex control_mutex;  /* serialises start/stop */

/**
 * qnet_trace_get_default_socket_path:
 *
 * Returns the path of the UNIX socket a running qnet-inspector listens on
 * by default: `$XDG_RUNTIME_DIR/qnet-inspector/socket`. `QNET_TRACE=inspector`
 * sends the trace there.
 *
 * Returns: (transfer full) (type filename): the path
 *
 * Since: 1.0
 */
char *
qnet_trace_get_default_socket_path (void)
{
  return g_build_filename (g_get_user_runtime_dir (), "qnet-inspector", "socket", NULL);
}

static gboolean
write_all (int          fd,
           gboolean     is_socket,
           const char  *data,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = is_socket ? send (fd, data, len, MSG_NOSIGNAL) : write (fd, data, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
append_dropped_line (GString *out,
                     guint64  dropped)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");

  g_string_append_printf (out,
                          "{\"qnet\":{\"name\":\"trace-dropped\",\"dropped\":%" G_GUINT64_FORMAT
                          ",\"time\":\"%s\",\"mono_us\":%" G_GINT64_FORMAT ",\"pid\":%d}}\n",
                          dropped, time, g_get_monotonic_time (), (int) getpid ());
}

static gpointer
writer_thread (gpointer data)
{
  g_autoptr(GString) out = g_string_sized_new (64 * 1024);
  QnetEvent *batch[QNET_TRACE_BATCH];

  for (;;)
    {
      guint n = 0;
      guint64 dropped;
      gboolean stopping;

      g_mutex_lock (&trace.mutex);
      while (g_queue_is_empty (&trace.pending) && !trace.stopping)
        g_cond_wait (&trace.cond, &trace.mutex);
      while (n < QNET_TRACE_BATCH && (batch[n] = g_queue_pop_head (&trace.pending)) != NULL)
        n++;
      dropped = trace.dropped;
      stopping = trace.stopping;
      trace.busy = n > 0;
      g_mutex_unlock (&trace.mutex);

      g_string_truncate (out, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *line = qnet_event_to_json (batch[i]);

          g_string_append (out, line);
          g_string_append_c (out, '\n');
          g_object_unref (batch[i]);
        }
      if (dropped != trace.dropped_reported)
        {
          append_dropped_line (out, dropped);
          trace.dropped_reported = dropped;
        }

      if (out->len > 0 && !trace.broken &&
          !write_all (trace.fd, trace.is_socket, out->str, out->len))
        {
          /* The inspector went away or the disk is full: stop tracing
           * quietly rather than disturb the program. */
          g_atomic_int_set (&_qnet_trace_enabled, 0);
          trace.broken = TRUE;
        }

      g_mutex_lock (&trace.mutex);
      trace.busy = FALSE;
      if (g_queue_is_empty (&trace.pending))
        g_cond_broadcast (&trace.drained);
      if (stopping && g_queue_is_empty (&trace.pending))
        {
          g_mutex_unlock (&trace.mutex);
          break;
        }
      g_mutex_unlock (&trace.mutex);
    }

  return NULL;
}

void
_qnet_trace_record (QnetEvent *event)
{
  g_mutex_lock (&trace.mutex);
  if (trace.thread == NULL || trace.stopping || trace.broken)
    ;
  else if (trace.pending.length >= QNET_TRACE_MAX_PENDING)
    trace.dropped++;
  else
    {
      g_queue_push_tail (&trace.pending, g_object_ref (event));
      if (trace.pending.length == 1)
        g_cond_signal (&trace.cond);
    }
  g_mutex_unlock (&trace.mutex);
}

static int
open_destination (const char  *destination,
                  gboolean    *is_socket,
                  GError     **error)
{
  g_autofree char *socket_path = NULL;
  int fd;

  if (g_strcmp0 (destination, "inspector") == 0)
    socket_path = qnet_trace_get_default_socket_path ();
  else if (g_str_has_prefix (destination, "unix:"))
    socket_path = g_strdup (destination + strlen ("unix:"));

  if (socket_path != NULL)
    {
      struct sockaddr_un addr = { .sun_family = AF_UNIX };
      int saved_errno;

      if (strlen (socket_path) >= sizeof addr.sun_path)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Trace socket path is too long: %s"), socket_path);
          return -1;
        }
      strcpy (addr.sun_path, socket_path);

      /* Non-blocking connect: a busy inspector must not stall us. */
      fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
      if (fd < 0 || connect (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
        {
          saved_errno = errno;
          if (fd >= 0)
            close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not connect to trace socket %s: %s"),
                       socket_path, g_strerror (saved_errno));
          return -1;
        }
      /* The writer thread may block, for a bounded time; the traced
       * program never does. A consumer stalled longer breaks the trace. */
      fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
      {
        struct timeval tv = { .tv_sec = QNET_TRACE_SEND_TIMEOUT_S, .tv_usec = 0 };
        setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      }
      *is_socket = TRUE;
      return fd;
    }

  fd = g_open (destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open trace file %s: %s"), destination, g_strerror (saved_errno));
      return -1;
    }
  *is_socket = FALSE;
  return fd;
}

static void
trace_stop_locked (void)
{
  if (trace.thread == NULL)
    return;

  g_atomic_int_set (&_qnet_trace_enabled, 0);
  g_mutex_lock (&trace.mutex);
  trace.stopping = TRUE;
  g_cond_signal (&trace.cond);
  g_mutex_unlock (&trace.mutex);

  g_thread_join (trace.thread);
  trace.thread = NULL;

  if (trace.fd >= 0)
    close (trace.fd);
  trace.fd = -1;
  g_queue_clear_full (&trace.pending, g_object_unref);
}

/**
 * qnet_trace_start:
 * @destination: where to write: a file path (JSON Lines), `unix:PATH` (a
 *   listening qnet-inspector) or `inspector` (the default inspector socket)
 * @error: return location for a #GError
 *
 * Starts tracing every event of every emitter in this process. Events are
 * written in the trace format of the event contract by a writer thread
 * behind a bounded buffer, so tracing never blocks the traced program: when
 * the buffer is full, events are dropped, counted, and the count is written
 * to the trace as a `trace-dropped` line. A running trace is stopped first.
 *
 * The environment variable `QNET_TRACE`, with the same syntax, starts
 * tracing when the first emitter is created.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
qnet_trace_start (const char  *destination,
                  GError     **error)
{
  gboolean is_socket = FALSE;
  int fd;

  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&control_mutex);
  trace_stop_locked ();

  fd = open_destination (destination, &is_socket, error);
  if (fd < 0)
    {
      g_mutex_unlock (&control_mutex);
      return FALSE;
    }

  trace.fd = fd;
  trace.is_socket = is_socket;
  trace.stopping = FALSE;
  trace.broken = FALSE;
  trace.busy = FALSE;
  trace.dropped = 0;
  trace.dropped_reported = 0;
  trace.thread = g_thread_new ("qnet-trace", writer_thread, NULL);
  g_atomic_int_set (&_qnet_trace_enabled, 1);
  g_mutex_unlock (&control_mutex);

  return TRUE;
}

/**
 * qnet_trace_stop:
 *
 * Stops tracing after writing every event still buffered. Does nothing if
 * no trace is running.
 *
 * Since: 1.0
 */
void
qnet_trace_stop (void)
{
  g_mutex_lock (&control_mutex);
  trace_stop_locked ();
  g_mutex_unlock (&control_mutex);
}

/**
 * qnet_trace_flush:
 *
 * Waits until every event recorded so far has been written to the trace.
 *
 * Since: 1.0
 */
void
qnet_trace_flush (void)
{
  g_mutex_lock (&trace.mutex);
  while (trace.thread != NULL && !trace.broken &&
         (!g_queue_is_empty (&trace.pending) || trace.busy))
    g_cond_wait (&trace.drained, &trace.mutex);
  g_mutex_unlock (&trace.mutex);
}

/**
 * qnet_trace_is_active:
 *
 * Tells whether a trace is running.
 *
 * Returns: whether a trace is running
 *
 * Since: 1.0
 */
gboolean
qnet_trace_is_active (void)
{
  return _qnet_trace_is_enabled ();
}

/**
 * qnet_trace_get_dropped_count:
 *
 * Gets the number of events the trace dropped.
 *
 * Returns: how many events the running (or last) trace dropped because its
 *   buffer was full
 *
 * Since: 1.0
 */
guint64
qnet_trace_get_dropped_count (void)
{
  guint64 dropped;

  g_mutex_lock (&trace.mutex);
  dropped = trace.dropped;
  g_mutex_unlock (&trace.mutex);

  return dropped;
}

static void
trace_atexit (void)
{
  qnet_trace_stop ();
}

void
_qnet_trace_init_from_env (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *dest = g_getenv ("QNET_TRACE");

      if (dest != NULL && *dest != '\0')
        {
          g_autoptr(GError) error = NULL;

          if (qnet_trace_start (dest, &error))
            atexit (trace_atexit);
          else
            g_message ("QNET_TRACE: %s", error->message);
        }
      g_once_init_leave (&initialized, 1);
    }
}
