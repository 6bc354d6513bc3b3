/* bench-events.c: the cost of one event, with nobody listening, with a
 * typed handler, with a generic handler and with a queue attached
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "qnet-test-emitter.h"

static void
on_packet_read (QnetEmitter *e,
                gint64       read,
                gint64       total_read,
                gint64       total_to_read,
                gint64      *sink)
{
  *sink += read;
}

static void
on_event (QnetEmitter *e,
          QnetEvent   *event,
          gint64      *sink)
{
  *sink += 1;
}

static double
run (QnetTestEmitter *e,
     guint            n)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_PACKET_READ,
                        (gint64) 65536, (gint64) i * 65536, (gint64) -1);
  return (double) (g_get_monotonic_time () - start) * 1000.0 / n;
}

static double
best_of (QnetTestEmitter *e,
         guint            n,
         guint            rounds)
{
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < rounds; r++)
    best = MIN (best, run (e, n));
  return best;
}

int
main (int argc, char *argv[])
{
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(QnetEventQueue) queue = qnet_event_queue_new ();
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 2000000;
  gint64 sink = 0;
  gulong h;
  double none, typed, generic, queued;

  none = best_of (e, n, 5);

  h = g_signal_connect (e, "packet-read", G_CALLBACK (on_packet_read), &sink);
  typed = best_of (e, n / 10, 3);
  g_signal_handler_disconnect (e, h);

  h = g_signal_connect (e, "event::packet-read", G_CALLBACK (on_event), &sink);
  generic = best_of (e, n / 20, 3);
  g_signal_handler_disconnect (e, h);

  qnet_emitter_set_event_queue (QNET_EMITTER (e), queue, NULL, FALSE);
  queued = best_of (e, n / 20, 1);
  qnet_emitter_set_event_queue (QNET_EMITTER (e), NULL, NULL, FALSE);
  qnet_event_queue_clear (queue);

  g_print ("events per run: %u\n", n);
  g_print ("no handler (would-be event): %8.1f ns/event\n", none);
  g_print ("typed handler (packet-read): %8.1f ns/event\n", typed);
  g_print ("generic handler (event::):   %8.1f ns/event\n", generic);
  g_print ("queue attached:              %8.1f ns/event\n", queued);
  g_print ("(sink %" G_GINT64_FORMAT ")\n", sink);

  return 0;
}
