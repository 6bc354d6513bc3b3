/* bench-socket.c: 1 GiB through loopback with QnetSocket on both ends,
 * against a plain read()/write() loop in the same run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each variant moves QNET_BENCH_BYTES (default 1 GiB) from a writer thread
 * to a reader in the main thread over 127.0.0.1, and runs several times;
 * runs interleave the variants. Reported: the best throughput of each, the
 * median of the per-run ratios to the plain loop of the same run (robust
 * when other processes share the machine), and the CPU time of the whole
 * process per GiB (user + system, both ends). The QnetSocket reader has a
 * `packet-read` handler connected. Variants:
 *   plain     read()/write() on blocking descriptors, 256 KiB calls
 *   blocking  qnet_socket_send_bytes / qnet_socket_recv_bytes (256 KiB)
 *   async     the _async forms, chained, each end on its own main loop
 *   push      start_receiving + `received` on the reader, async writer
 * Usage: bench-socket [BYTES [RUNS]]
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib-unix.h>
#include <qnet.h>

#define DEFAULT_BYTES (G_GUINT64_CONSTANT (1) << 30)
#define DEFAULT_RUNS 3
#define CHUNK (256 * 1024)

typedef enum {
  VARIANT_PLAIN,
  VARIANT_BLOCKING,
  VARIANT_ASYNC,
  VARIANT_PUSH,
  N_VARIANTS
} Variant;

static const char *variant_names[N_VARIANTS] = { "plain", "blocking", "async", "push" };

static guint64 total_bytes;

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* ---- Plain ----------------------------------------------------------------------- */

typedef struct {
  guint16 port;
} PlainWriter;

static gpointer
plain_writer (gpointer data)
{
  PlainWriter *w = data;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, w->port);
  guint8 *buf = g_malloc0 (CHUNK);
  guint64 left = total_bytes;
  int fd;

  if (!g_socket_connect (socket, address, NULL, NULL))
    g_error ("plain writer: connect failed");
  fd = g_socket_get_fd (socket);
  /* GSocket made it non-blocking: a plain loop blocks. */
  g_unix_set_fd_nonblocking (fd, FALSE, NULL);

  while (left > 0)
    {
      gsize want = MIN (left, CHUNK);
      gsize off = 0;

      while (off < want)
        {
          ssize_t n = write (fd, buf + off, want - off);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            g_error ("plain writer: write failed: %s", g_strerror (errno));
          off += n;
        }
      left -= want;
    }
  g_socket_close (socket, NULL);
  g_free (buf);
  return NULL;
}

static double
run_plain (void)
{
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                              G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) conn = NULL;
  PlainWriter w;
  GThread *thread;
  guint8 *buf = g_malloc (CHUNK);
  guint64 got = 0;
  gint64 start, end;
  int fd;

  g_socket_bind (listener, any, TRUE, NULL);
  g_socket_listen (listener, NULL);
  bound = g_socket_get_local_address (listener, NULL);
  w.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  start = g_get_monotonic_time ();
  thread = g_thread_new ("plain-writer", plain_writer, &w);
  g_socket_set_blocking (listener, TRUE);
  conn = g_socket_accept (listener, NULL, NULL);
  fd = g_socket_get_fd (conn);
  g_unix_set_fd_nonblocking (fd, FALSE, NULL);

  for (;;)
    {
      ssize_t n = read (fd, buf, CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("plain reader: %s", g_strerror (errno));
      if (n == 0)
        break;
      got += n;
    }
  end = g_get_monotonic_time ();
  g_thread_join (thread);
  g_free (buf);

  if (got != total_bytes)
    g_error ("plain: got %" G_GUINT64_FORMAT " bytes", got);
  return (double) total_bytes / ((end - start) / 1e6) / 1e6;
}

/* ---- QnetSocket ------------------------------------------------------------------ */

typedef struct {
  guint16       port;
  gboolean      async;
  GMainContext *context;
  QnetSocket   *sock;
  GBytes       *chunk;
  guint64       left;
  gboolean      done;
} QnetWriter;

static void write_next (QnetWriter *w);

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  QnetWriter *w = data;
  g_autoptr(GError) error = NULL;

  if (!qnet_socket_send_bytes_finish (w->sock, result, &error))
    g_error ("async writer: %s", error->message);
  write_next (w);
}

static void
write_next (QnetWriter *w)
{
  g_autoptr(GBytes) piece = NULL;
  gsize want;

  if (w->left == 0)
    {
      w->done = TRUE;
      return;
    }
  want = MIN (w->left, CHUNK);
  piece = want == CHUNK ? g_bytes_ref (w->chunk) : g_bytes_new_from_bytes (w->chunk, 0, want);
  w->left -= want;
  qnet_socket_send_bytes_async (w->sock, piece, NULL, on_sent, w);
}

static gpointer
qnet_writer (gpointer data)
{
  QnetWriter *w = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", w->port);

  w->context = g_main_context_new ();
  g_main_context_push_thread_default (w->context);

  w->sock = qnet_socket_new ();
  if (!qnet_socket_connect_to (w->sock, dest, 5000, NULL, &error))
    g_error ("writer: %s", error->message);
  w->left = total_bytes;

  if (w->async)
    {
      write_next (w);
      while (!w->done)
        g_main_context_iteration (w->context, TRUE);
    }
  else
    {
      while (w->left > 0)
        {
          gsize want = MIN (w->left, CHUNK);
          g_autoptr(GBytes) piece = want == CHUNK ? g_bytes_ref (w->chunk)
                                                  : g_bytes_new_from_bytes (w->chunk, 0, want);

          if (!qnet_socket_send_bytes (w->sock, piece, NULL, &error))
            g_error ("writer: %s", error->message);
          w->left -= want;
        }
    }

  qnet_socket_close (w->sock);
  g_clear_object (&w->sock);
  g_main_context_pop_thread_default (w->context);
  g_main_context_unref (w->context);
  return NULL;
}

typedef struct {
  QnetSocket *sock;
  guint64     got;          /* bytes returned to the reader */
  guint64     reported;     /* bytes reported by packet-read */
  guint64     packets;
  gboolean    done;
} QnetReader;

static void
on_packet_read (QnetSocket *sock,
                gint64      n,
                gint64      total_read,
                gint64      total_to_read,
                QnetReader *r)
{
  r->reported += n;
  r->packets++;
}

static void read_next (QnetReader *r);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  QnetReader *r = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = qnet_socket_recv_bytes_finish (r->sock, result, &error);

  if (bytes == NULL)
    {
      if (!g_error_matches (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED) &&
          !g_error_matches (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN))
        g_error ("async reader: %s", error->message);
      r->done = TRUE;
      return;
    }
  r->got += g_bytes_get_size (bytes);
  if (!qnet_socket_is_open (r->sock))
    {
      r->done = TRUE;
      return;
    }
  read_next (r);
}

static void
read_next (QnetReader *r)
{
  qnet_socket_recv_bytes_async (r->sock, CHUNK, -1, NULL, on_read, r);
}

static void
on_received (QnetSocket *sock,
             GBytes     *bytes,
             QnetReader *r)
{
  r->got += g_bytes_get_size (bytes);
}

static void
on_closed (QnetSocket *sock,
           QnetReader *r)
{
  r->done = TRUE;
}

static double
run_qnet (Variant variant,
          guint64 *packets)
{
  g_autoptr(QnetSocket) listener = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  QnetWriter w = { 0, };
  QnetReader r = { 0, };
  GThread *thread;
  gint64 start, end;
  guint8 *fill = g_malloc0 (CHUNK);

  if (!qnet_socket_bind (listener, "127.0.0.1:0", TRUE, NULL, &error) ||
      !qnet_socket_listen (listener, 4, &error))
    g_error ("listener: %s", error->message);

  w.port = qnet_socket_get_port (listener);
  w.async = variant != VARIANT_BLOCKING;
  w.chunk = g_bytes_new_take (fill, CHUNK);

  start = g_get_monotonic_time ();
  thread = g_thread_new ("qnet-writer", qnet_writer, &w);
  r.sock = qnet_socket_accept (listener, 10000, NULL, &error);
  if (r.sock == NULL)
    g_error ("accept: %s", error != NULL ? error->message : "timed out");
  g_signal_connect (r.sock, "packet-read", G_CALLBACK (on_packet_read), &r);

  switch (variant)
    {
    case VARIANT_BLOCKING:
      for (;;)
        {
          g_autoptr(GBytes) bytes = qnet_socket_recv_bytes (r.sock, CHUNK, -1, NULL, &error);

          if (bytes == NULL)
            {
              if (!g_error_matches (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED) &&
                  !g_error_matches (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN))
                g_error ("reader: %s", error->message);
              g_clear_error (&error);
              break;
            }
          r.got += g_bytes_get_size (bytes);
          if (!qnet_socket_is_open (r.sock))
            break;
        }
      break;

    case VARIANT_ASYNC:
      read_next (&r);
      while (!r.done)
        g_main_context_iteration (NULL, TRUE);
      break;

    case VARIANT_PUSH:
      g_signal_connect (r.sock, "received", G_CALLBACK (on_received), &r);
      g_signal_connect (r.sock, "channel-closed", G_CALLBACK (on_closed), &r);
      if (!qnet_socket_start_receiving (r.sock, &error))
        g_error ("push: %s", error->message);
      while (!r.done)
        g_main_context_iteration (NULL, TRUE);
      break;

    case VARIANT_PLAIN:
    case N_VARIANTS:
    default:
      g_assert_not_reached ();
    }

  end = g_get_monotonic_time ();
  g_thread_join (thread);
  qnet_socket_close (r.sock);
  g_clear_object (&r.sock);
  g_bytes_unref (w.chunk);

  if (r.got != total_bytes || r.reported != total_bytes)
    g_error ("%s: got %" G_GUINT64_FORMAT ", packet-read reported %" G_GUINT64_FORMAT,
             variant_names[variant], r.got, r.reported);
  *packets = r.packets;
  return (double) total_bytes / ((end - start) / 1e6) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  double best[N_VARIANTS] = { 0, };
  double cpu_best[N_VARIANTS];
  g_autofree double *ratios = NULL;
  guint runs = DEFAULT_RUNS;

  total_bytes = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_BYTES;
  if (argc > 2)
    runs = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  if (total_bytes == 0 || runs == 0)
    {
      g_printerr ("usage: %s [BYTES [RUNS]]\n", argv[0]);
      return 2;
    }

  ratios = g_new0 (double, (gsize) runs * N_VARIANTS);
  for (Variant v = 0; v < N_VARIANTS; v++)
    cpu_best[v] = G_MAXDOUBLE;

  g_print ("QnetSocket loopback throughput: %" G_GUINT64_FORMAT " bytes per run, best of %u runs,\n"
           "256 KiB calls, packet-read handler connected on the reader\n\n", total_bytes, runs);

  for (guint run = 0; run < runs; run++)
    {
      double plain_mbs = 0;

      for (Variant v = 0; v < N_VARIANTS; v++)
        {
          double mbs, cpu;
          guint64 n = 0;

          cpu = cpu_seconds ();
          mbs = v == VARIANT_PLAIN ? run_plain () : run_qnet (v, &n);
          cpu = (cpu_seconds () - cpu) * (double) (G_GUINT64_CONSTANT (1) << 30) / total_bytes;
          if (v == VARIANT_PLAIN)
            plain_mbs = mbs;
          g_print ("  run %u  %-9s %9.1f MB/s  %6.3f cpu s/GiB", run + 1, variant_names[v], mbs, cpu);
          if (v != VARIANT_PLAIN)
            g_print ("  (%" G_GUINT64_FORMAT " packet-read, %.0f bytes each)",
                     n, n > 0 ? (double) total_bytes / n : 0.0);
          g_print ("\n");
          best[v] = MAX (best[v], mbs);
          cpu_best[v] = MIN (cpu_best[v], cpu);
          ratios[v * runs + run] = mbs / plain_mbs;
        }
    }

  g_print ("\n%-9s %10s %12s %14s %14s\n", "variant", "best MB/s", "best ratio",
           "median ratio", "cpu s/GiB");
  for (Variant v = 0; v < N_VARIANTS; v++)
    {
      double *r = ratios + (gsize) v * runs;

      qsort (r, runs, sizeof (double), compare_doubles);
      g_print ("%-9s %10.1f %12.3f %14.3f %14.3f\n", variant_names[v], best[v],
               best[v] / best[VARIANT_PLAIN], r[runs / 2], cpu_best[v]);
    }

  return 0;
}
