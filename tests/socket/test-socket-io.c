/* test-socket-io.c: QnetSocket sending and receiving against raw peers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "qnet-socket-private.h"
#include "socket-test.h"

/* ---- Helpers ------------------------------------------------------------------ */

static QnetSocket *
connect_to_peer (TestPeer *peer)
{
  QnetSocket *sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (qnet_socket_connect_to (sock, test_peer_get_dest (peer), 5000, NULL, &error));
  g_assert_no_error (error);
  return sock;
}

static GBytes *
recv_bytes_form (QnetSocket  *sock,
                 gboolean     async,
                 gssize       size,
                 gint         timeout_ms,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    return qnet_socket_recv_bytes (sock, size, timeout_ms, NULL, error);
  qnet_socket_recv_bytes_async (sock, size, timeout_ms, NULL, test_async_ready, &result);
  return qnet_socket_recv_bytes_finish (sock, test_async_wait (&result), error);
}

static gboolean
send_form (QnetSocket  *sock,
           gboolean     async,
           const char  *text,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    return qnet_socket_send (sock, text, NULL, error);
  qnet_socket_send_async (sock, text, NULL, test_async_ready, &result);
  return qnet_socket_send_finish (sock, test_async_wait (&result), error);
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected,
              gsize       len)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, len);
}

/* ---- Peers ---------------------------------------------------------------------- */

/* Reads "hello", answers "world!", waits for the close. */
static void
peer_hello_world (GSocket  *conn,
                  guint     index,
                  gpointer  data)
{
  char buf[5];
  g_autoptr(GBytes) rest = NULL;

  test_sock_read_exact (conn, buf, 5);
  g_assert_cmpmem (buf, 5, "hello", 5);
  test_sock_write_all (conn, "world!", 6);
  rest = test_sock_read_to_eof (conn);
}

static void
peer_write_then_close (GSocket  *conn,
                       guint     index,
                       gpointer  data)
{
  const char *text = data;

  if (text != NULL)
    test_sock_write_all (conn, text, strlen (text));
}

static void
peer_wait_close (GSocket  *conn,
                 guint     index,
                 gpointer  data)
{
  /* Drain until the client closes; what it sent does not matter here. */
  g_bytes_unref (test_sock_read_to_eof (conn));
}

/* ---- Tests ---------------------------------------------------------------------- */

/* The blocking and asynchronous forms raise the same events. */
static void
test_io_send_recv (void)
{
  g_autofree char *first = NULL;

  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_hello_world, NULL);
      g_autoptr(QnetSocket) sock = qnet_socket_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *events = NULL;
      g_autofree char *expected = NULL;

      qnet_emitter_set_capture_data (QNET_EMITTER (sock), TRUE);
      qnet_test_recorder_attach (rec, sock);

      if (async)
        {
          qnet_socket_connect_to_async (sock, test_peer_get_dest (peer), 5000, NULL, test_async_ready, &result);
          g_assert_true (qnet_socket_connect_to_finish (sock, test_async_wait (&result), &error));
        }
      else
        g_assert_true (qnet_socket_connect_to (sock, test_peer_get_dest (peer), 5000, NULL, &error));
      g_assert_no_error (error);

      g_assert_true (send_form (sock, async, "hello", &error));
      g_assert_no_error (error);
      reply = recv_bytes_form (sock, async, 6, 5000, &error);
      g_assert_no_error (error);
      assert_bytes (reply, "world!", 6);
      qnet_socket_close (sock);

      events = test_describe_events (rec);
      expected = g_strdup_printf ("connecting(type=2, typename=ipv4, target=127.0.0.1, address=127.0.0.1, port=%u)\n"
                                  "connected()\n"
                                  "packet-sent(socket=FD, sent=5, total_sent=5, total_to_send=5)\n"
                                  "socket-data-sent(data=<5 bytes>)\n"
                                  "packet-read(read=6, total_read=6, total_to_read=6)\n"
                                  "socket-data-read(data=<6 bytes>)\n"
                                  "channel-closed()\n",
                                  test_peer_get_port (peer));
      g_assert_cmpstr (events, ==, expected);

      /* Same but the port: the two runs used different peers. */
      if (first == NULL)
        first = g_strdup (strchr (events, '\n'));
      else
        g_assert_cmpstr (strchr (events, '\n'), ==, first);

      test_peer_join (peer);
    }
}

/* The typed signals carry the facts as arguments. */
static void
on_packet_sent (QnetSocket *sock,
                gint        fd,
                gint64      sent,
                gint64      total_sent,
                gint64      total_to_send,
                gint64     *sum)
{
  g_assert_cmpint (fd, ==, qnet_socket_get_fd (sock));
  g_assert_cmpint (total_sent, <=, total_to_send);
  *sum += sent;
}

static void
on_packet_read (QnetSocket *sock,
                gint64      n,
                gint64      total_read,
                gint64      total_to_read,
                gint64     *sum)
{
  g_assert_cmpint (n, >, 0);
  *sum += n;
}

static void
test_io_typed_signals (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_hello_world, NULL);
  g_autoptr(QnetSocket) sock = connect_to_peer (peer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  gint64 sent = 0, read = 0;

  g_signal_connect (sock, "packet-sent", G_CALLBACK (on_packet_sent), &sent);
  g_signal_connect (sock, "packet-read", G_CALLBACK (on_packet_read), &read);
  g_assert_true (qnet_socket_send (sock, "hello", NULL, &error));
  reply = qnet_socket_recv_bytes (sock, 6, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sent, ==, 5);
  g_assert_cmpint (read, ==, 6);
  qnet_socket_close (sock);
  test_peer_join (peer);
}

/* recv_bytes (n) returns what arrived when the peer closes after some
 * bytes (as Qore's recv), closes the socket, and fails with CLOSED when
 * nothing arrived. */
static void
test_io_peer_close (void)
{
  {
    TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_write_then_close, (gpointer) "xyz");
    g_autoptr(QnetSocket) sock = connect_to_peer (peer);
    g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) data = NULL;
    g_autofree char *events = NULL;

    qnet_test_recorder_attach (rec, sock);
    test_peer_join (peer);  /* the peer wrote and closed */

    data = qnet_socket_recv_bytes (sock, 10, 5000, NULL, &error);
    g_assert_no_error (error);
    assert_bytes (data, "xyz", 3);
    g_assert_false (qnet_socket_is_open (sock));
    events = test_describe_events (rec);
    g_assert_cmpstr (events, ==,
                     "packet-read(read=3, total_read=3, total_to_read=10)\n"
                     "channel-closed()\n");

    /* The socket is closed now. */
    g_clear_pointer (&data, g_bytes_unref);
    data = qnet_socket_recv_bytes (sock, 10, 5000, NULL, &error);
    g_assert_null (data);
    g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  }

  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_write_then_close, NULL);
      g_autoptr(QnetSocket) sock = connect_to_peer (peer);
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = NULL;
      g_autofree char *events = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *message = g_strdup_printf ("Could not receive from %s: The peer closed the connection",
                                                  test_peer_get_dest (peer));

      qnet_test_recorder_attach (rec, sock);
      test_peer_join (peer);

      data = recv_bytes_form (sock, async, 10, 5000, &error);
      g_assert_null (data);
      g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED);
      g_assert_cmpstr (error->message, ==, message);
      events = test_describe_events (rec);
      expected = g_strdup_printf ("channel-closed()\n"
                                  "operation-failed(operation=recv_bytes, domain=qnet-socket-error-quark, code=%d, message=%s)\n",
                                  QNET_SOCKET_ERROR_CLOSED, message);
      g_assert_cmpstr (events, ==, expected);
    }
}

/* recv (-1) reads until the peer closes; recv (0) returns what is
 * buffered, or the next arrival. */
static void
test_io_recv_sizes (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_write_then_close,
                                  (gpointer) "abcdefghij");
  g_autoptr(QnetSocket) sock = connect_to_peer (peer);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *four = NULL;
  g_autofree char *two = NULL;
  g_autofree char *rest = NULL;

  test_peer_join (peer);
  qnet_test_recorder_attach (rec, sock);

  four = qnet_socket_recv (sock, 4, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (four, ==, "abcd");
  /* The first read took all ten bytes: the rest comes from the buffer. */
  qnet_test_recorder_assert_names (rec, "packet-read");
  g_assert_cmpint (qnet_test_event_get_int (qnet_test_recorder_find (rec, "packet-read", 0), "read"), ==, 10);
  g_assert_cmpint (qnet_test_event_get_int (qnet_test_recorder_find (rec, "packet-read", 0), "total_read"), ==, 4);

  two = qnet_socket_recv (sock, 0, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (two, ==, "efghij");
  qnet_test_recorder_assert_names (rec, "packet-read");

  /* Nothing more: the end of stream fails recv (-1) with CLOSED. */
  rest = qnet_socket_recv (sock, -1, 5000, NULL, &error);
  g_assert_null (rest);
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED);
  qnet_test_recorder_assert_names (rec, "packet-read,channel-closed,operation-failed");
}

static void
peer_write_slowly_then_close (GSocket  *conn,
                              guint     index,
                              gpointer  data)
{
  test_sock_write_all (conn, "KL", 2);
  g_usleep (150 * 1000);
  test_sock_write_all (conn, "M", 1);
}

static void
test_io_recv_all (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_write_slowly_then_close, NULL);
      g_autoptr(QnetSocket) sock = connect_to_peer (peer);
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) all = NULL;
      g_autofree char *events = NULL;

      qnet_test_recorder_attach (rec, sock);
      all = recv_bytes_form (sock, async, -1, 5000, &error);
      g_assert_no_error (error);
      assert_bytes (all, "KLM", 3);
      events = test_describe_events (rec);
      g_assert_cmpstr (events, ==,
                       "packet-read(read=2, total_read=2)\n"
                       "packet-read(read=1, total_read=3)\n"
                       "channel-closed()\n");
      test_peer_join (peer);
    }
}

static void
peer_send_five_wait (GSocket  *conn,
                     guint     index,
                     gpointer  data)
{
  g_autoptr(GBytes) rest = NULL;

  test_sock_write_all (conn, "12345", 5);
  rest = test_sock_read_to_eof (conn);
}

/* A receive times out against a peer that stops sending; what it had
 * read is kept for the next receive. */
static void
test_io_timeout (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_send_five_wait, NULL);
      g_autoptr(QnetSocket) sock = connect_to_peer (peer);
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = NULL;
      gint64 start;
      g_autofree char *events = NULL;
      g_autofree char *expected = NULL;

      qnet_test_recorder_attach (rec, sock);
      start = g_get_monotonic_time ();
      data = recv_bytes_form (sock, async, 10, 300, &error);
      g_assert_null (data);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 3000 * 1000);
      g_assert_true (qnet_socket_is_open (sock));
      events = test_describe_events (rec);
      expected = g_strdup_printf ("packet-read(read=5, total_read=5, total_to_read=10)\n"
                                  "operation-failed(operation=recv_bytes, domain=g-io-error-quark, code=%d, message=%s)\n",
                                  G_IO_ERROR_TIMED_OUT, error->message);
      g_assert_cmpstr (events, ==, expected);
      g_clear_error (&error);

      /* Nothing lost: the five bytes come from the buffer (no packet-read). */
      qnet_test_recorder_clear (rec);
      data = recv_bytes_form (sock, async, 5, 1000, &error);
      g_assert_no_error (error);
      assert_bytes (data, "12345", 5);
      qnet_test_recorder_assert_names (rec, "");
      g_clear_pointer (&data, g_bytes_unref);

      /* 0 does not wait; -1 uses the timeout property. */
      data = recv_bytes_form (sock, async, 1, 0, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_clear_error (&error);
      qnet_socket_set_timeout (sock, 100);
      start = g_get_monotonic_time ();
      data = recv_bytes_form (sock, async, 1, -1, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_assert_cmpint (g_get_monotonic_time () - start, >=, 80 * 1000);

      qnet_socket_close (sock);
      test_peer_join (peer);
    }
}

static void
peer_records (GSocket  *conn,
              guint     index,
              gpointer  data)
{
  char c;
  g_autoptr(GBytes) rest = NULL;

  test_sock_write_all (conn, "one\r\ntwo\r\nthree", 15);
  test_sock_read_exact (conn, &c, 1);
  test_sock_write_all (conn, "-end\r", 5);
  g_usleep (50 * 1000);
  test_sock_write_all (conn, "\n0123456789", 11);
  rest = test_sock_read_to_eof (conn);
}

static void
test_io_recv_until (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_records, NULL);
      g_autoptr(QnetSocket) sock = connect_to_peer (peer);
      g_autoptr(GError) error = NULL;
      GBytes *record;

      for (guint i = 0; i < 3; i++)
        {
          static const char *expected[] = { "one\r\n", "two\r\n", "three-end\r\n" };
          g_autoptr(GAsyncResult) result = NULL;

          if (i == 2)
            g_assert_true (qnet_socket_send (sock, "x", NULL, &error));
          if (async)
            {
              qnet_socket_recv_until_async (sock, "\r\n", 100, 5000, NULL, test_async_ready, &result);
              record = qnet_socket_recv_until_finish (sock, test_async_wait (&result), &error);
            }
          else
            record = qnet_socket_recv_until (sock, "\r\n", 100, 5000, NULL, &error);
          g_assert_no_error (error);
          assert_bytes (record, expected[i], strlen (expected[i]));
          g_bytes_unref (record);
        }

      /* No delimiter within the maximum: an error, and nothing consumed. */
      while (!qnet_socket_is_data_available (sock, 0, NULL, NULL))
        g_usleep (1000);
      g_usleep (50 * 1000);
      record = qnet_socket_recv_until (sock, "\r\n", 5, 1000, NULL, &error);
      g_assert_null (record);
      g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_RECORD_TOO_LARGE);
      g_clear_error (&error);
      record = qnet_socket_recv_bytes (sock, 10, 1000, NULL, &error);
      g_assert_no_error (error);
      assert_bytes (record, "0123456789", 10);
      g_bytes_unref (record);

      qnet_socket_close (sock);
      test_peer_join (peer);
    }
}

/* A listening QnetSocket and a client connected to it. */
typedef struct {
  QnetSocket *listener;
  QnetSocket *client;
  QnetSocket *server;
} Pair;

static void
pair_open (Pair *pair)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = NULL;

  pair->listener = qnet_socket_new ();
  g_assert_true (qnet_socket_bind (pair->listener, "127.0.0.1:0", TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_listen (pair->listener, 8, &error));
  g_assert_no_error (error);

  dest = g_strdup_printf ("127.0.0.1:%d", qnet_socket_get_port (pair->listener));
  pair->client = qnet_socket_new ();
  g_assert_true (qnet_socket_connect_to (pair->client, dest, 5000, NULL, &error));
  g_assert_no_error (error);
  pair->server = qnet_socket_accept (pair->listener, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pair->server);
}

static void
pair_close (Pair *pair)
{
  g_clear_object (&pair->client);
  g_clear_object (&pair->server);
  g_clear_object (&pair->listener);
}

static void
test_io_integers (void)
{
  Pair pair = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wire = NULL;
  static const guint8 expected_wire[] = {
    0x80,                                            /* i8 -128 */
    0x01, 0x02,                                      /* i16 0x0102 */
    0x01, 0x02, 0x03, 0x04,                          /* i32 */
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,  /* i64 */
    0x02, 0x01,                                      /* i16_le */
    0x04, 0x03, 0x02, 0x01,                          /* i32_le */
    0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,  /* i64_le */
  };

  pair_open (&pair);

  /* The byte orders on the wire. */
  g_assert_true (qnet_socket_send_i8 (pair.client, -128, NULL, &error));
  g_assert_true (qnet_socket_send_i16 (pair.client, 0x0102, NULL, &error));
  g_assert_true (qnet_socket_send_i32 (pair.client, 0x01020304, NULL, &error));
  g_assert_true (qnet_socket_send_i64 (pair.client, G_GINT64_CONSTANT (0x0102030405060708), NULL, &error));
  g_assert_true (qnet_socket_send_i16_le (pair.client, 0x0102, NULL, &error));
  g_assert_true (qnet_socket_send_i32_le (pair.client, 0x01020304, NULL, &error));
  g_assert_true (qnet_socket_send_i64_le (pair.client, G_GINT64_CONSTANT (0x0102030405060708), NULL, &error));
  g_assert_no_error (error);
  wire = qnet_socket_recv_bytes (pair.server, sizeof expected_wire, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (wire, NULL), g_bytes_get_size (wire), expected_wire, sizeof expected_wire);

  /* Every width and order round-trips, extremes included, blocking... */
  g_assert_true (qnet_socket_send_i8 (pair.client, -1, NULL, &error));
  g_assert_true (qnet_socket_send_i8 (pair.client, -1, NULL, &error));
  g_assert_true (qnet_socket_send_i16 (pair.client, G_MININT16, NULL, &error));
  g_assert_true (qnet_socket_send_i16 (pair.client, -1, NULL, &error));
  g_assert_true (qnet_socket_send_i32 (pair.client, G_MININT32, NULL, &error));
  g_assert_true (qnet_socket_send_i32 (pair.client, -1, NULL, &error));
  g_assert_true (qnet_socket_send_i64 (pair.client, G_MININT64, NULL, &error));
  g_assert_true (qnet_socket_send_i16_le (pair.client, G_MAXINT16, NULL, &error));
  g_assert_true (qnet_socket_send_i16_le (pair.client, -2, NULL, &error));
  g_assert_true (qnet_socket_send_i32_le (pair.client, G_MAXINT32, NULL, &error));
  g_assert_true (qnet_socket_send_i32_le (pair.client, -2, NULL, &error));
  g_assert_true (qnet_socket_send_i64_le (pair.client, G_MAXINT64, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (qnet_socket_recv_i8 (pair.server, 5000, NULL, &error), ==, -1);
  g_assert_cmpuint (qnet_socket_recv_u8 (pair.server, 5000, NULL, &error), ==, 255);
  g_assert_cmpint (qnet_socket_recv_i16 (pair.server, 5000, NULL, &error), ==, G_MININT16);
  g_assert_cmpuint (qnet_socket_recv_u16 (pair.server, 5000, NULL, &error), ==, G_MAXUINT16);
  g_assert_cmpint (qnet_socket_recv_i32 (pair.server, 5000, NULL, &error), ==, G_MININT32);
  g_assert_cmpuint (qnet_socket_recv_u32 (pair.server, 5000, NULL, &error), ==, G_MAXUINT32);
  g_assert_cmpint (qnet_socket_recv_i64 (pair.server, 5000, NULL, &error), ==, G_MININT64);
  g_assert_cmpint (qnet_socket_recv_i16_le (pair.server, 5000, NULL, &error), ==, G_MAXINT16);
  g_assert_cmpuint (qnet_socket_recv_u16_le (pair.server, 5000, NULL, &error), ==, G_MAXUINT16 - 1);
  g_assert_cmpint (qnet_socket_recv_i32_le (pair.server, 5000, NULL, &error), ==, G_MAXINT32);
  g_assert_cmpuint (qnet_socket_recv_u32_le (pair.server, 5000, NULL, &error), ==, G_MAXUINT32 - 1);
  g_assert_cmpint (qnet_socket_recv_i64_le (pair.server, 5000, NULL, &error), ==, G_MAXINT64);
  g_assert_no_error (error);

  /* ...and asynchronously. */
  {
    g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL, r7 = NULL;

    qnet_socket_send_i8_async (pair.client, 42, NULL, test_async_ready, &r1);
    qnet_socket_send_i16_async (pair.client, -300, NULL, test_async_ready, &r2);
    qnet_socket_send_i32_async (pair.client, 123456789, NULL, test_async_ready, &r3);
    qnet_socket_send_i64_async (pair.client, G_GINT64_CONSTANT (-1234567890123), NULL, test_async_ready, &r4);
    qnet_socket_send_i16_le_async (pair.client, 300, NULL, test_async_ready, &r5);
    qnet_socket_send_i32_le_async (pair.client, -123456789, NULL, test_async_ready, &r6);
    qnet_socket_send_i64_le_async (pair.client, G_GINT64_CONSTANT (1234567890123), NULL, test_async_ready, &r7);
    g_assert_true (qnet_socket_send_i8_finish (pair.client, test_async_wait (&r1), &error));
    g_assert_true (qnet_socket_send_i16_finish (pair.client, test_async_wait (&r2), &error));
    g_assert_true (qnet_socket_send_i32_finish (pair.client, test_async_wait (&r3), &error));
    g_assert_true (qnet_socket_send_i64_finish (pair.client, test_async_wait (&r4), &error));
    g_assert_true (qnet_socket_send_i16_le_finish (pair.client, test_async_wait (&r5), &error));
    g_assert_true (qnet_socket_send_i32_le_finish (pair.client, test_async_wait (&r6), &error));
    g_assert_true (qnet_socket_send_i64_le_finish (pair.client, test_async_wait (&r7), &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) r = NULL;

#define RECV_ASYNC(fn, expected) \
    G_STMT_START { \
      g_clear_object (&r); \
      qnet_socket_recv_##fn##_async (pair.server, 5000, NULL, test_async_ready, &r); \
      g_assert_cmpint (qnet_socket_recv_##fn##_finish (pair.server, test_async_wait (&r), &error), ==, (expected)); \
      g_assert_no_error (error); \
    } G_STMT_END
    RECV_ASYNC (u8, 42);
    RECV_ASYNC (i16, -300);
    RECV_ASYNC (u32, 123456789);
    RECV_ASYNC (i64, G_GINT64_CONSTANT (-1234567890123));
    RECV_ASYNC (u16_le, 300);
    RECV_ASYNC (i32_le, -123456789);
    RECV_ASYNC (i64_le, G_GINT64_CONSTANT (1234567890123));
#undef RECV_ASYNC
  }

  /* The peer closing inside a value: CLOSED, for blocking and async. */
  g_assert_true (qnet_socket_send_i16 (pair.client, 7, NULL, &error));
  qnet_socket_close (pair.client);
  g_assert_cmpint (qnet_socket_recv_i32 (pair.server, 5000, NULL, &error), ==, 0);
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_CLOSED);
  g_assert_false (qnet_socket_is_open (pair.server));

  pair_close (&pair);
}

static void
test_io_charset (void)
{
  Pair pair = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wire = NULL;
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autofree char *text = NULL;
  g_autoptr(GBytes) latin1 = g_bytes_new_static ("w\xf6rld", 5);
  g_autoptr(GBytes) invalid = g_bytes_new_static ("\xff\xfe", 2);

  pair_open (&pair);
  qnet_socket_set_charset (pair.client, "ISO-8859-1");
  g_assert_cmpstr (qnet_socket_get_charset (pair.client), ==, "ISO-8859-1");

  /* UTF-8 "héllo" leaves as ISO-8859-1. */
  g_assert_true (qnet_socket_send (pair.client, "h\xc3\xa9llo", NULL, &error));
  g_assert_no_error (error);
  wire = qnet_socket_recv_bytes (pair.server, 5, 5000, NULL, &error);
  g_assert_no_error (error);
  assert_bytes (wire, "h\xe9llo", 5);

  /* ISO-8859-1 bytes arrive as UTF-8 text. */
  g_assert_true (qnet_socket_send_bytes (pair.server, latin1, NULL, &error));
  text = qnet_socket_recv (pair.client, 5, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "w\xc3\xb6rld");

  /* The euro sign has no ISO-8859-1 form: nothing is sent. */
  qnet_test_recorder_attach (rec, pair.client);
  g_assert_false (qnet_socket_send (pair.client, "\xe2\x82\xac", NULL, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_ENCODING);
  qnet_test_recorder_assert_names (rec, "operation-failed");
  g_clear_error (&error);

  /* A UTF-8 socket refuses invalid text (the bytes are consumed). */
  g_assert_true (qnet_socket_send_bytes (pair.client, invalid, NULL, &error));
  g_clear_pointer (&text, g_free);
  text = qnet_socket_recv (pair.server, 2, 5000, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_ENCODING);
  g_assert_true (qnet_socket_is_open (pair.server));

  pair_close (&pair);
}

static void
peer_read_one_then_reset (GSocket  *conn,
                          guint     index,
                          gpointer  data)
{
  char c;

  test_sock_read_exact (conn, &c, 1);
  test_sock_reset (conn);
}

/* A reset by the peer: an error, channel-closed, no crash. */
static void
test_io_peer_reset (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_read_one_then_reset, NULL);
      g_autoptr(QnetSocket) sock = connect_to_peer (peer);
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = NULL;
      QnetEvent *failed;

      qnet_test_recorder_attach (rec, sock);
      g_assert_true (qnet_socket_send (sock, "x", NULL, &error));
      test_peer_join (peer);

      data = recv_bytes_form (sock, async, 10, 5000, &error);
      g_assert_null (data);
      g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_RECV);
      g_assert_true (g_str_has_prefix (error->message, "Could not receive from 127.0.0.1:"));
      g_assert_false (qnet_socket_is_open (sock));
      qnet_test_recorder_assert_names (rec, "packet-sent,channel-closed,operation-failed");
      failed = qnet_test_recorder_find (rec, "operation-failed", 0);
      g_assert_cmpstr (qnet_test_event_get_string (failed, "operation"), ==, "recv_bytes");
      g_assert_cmpint (qnet_test_event_get_int (failed, "code"), ==, QNET_SOCKET_ERROR_RECV);
    }
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer data)
{
  g_usleep (100 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_io_cancel (void)
{
  for (guint async = 0; async <= 1; async++)
    {
      TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_send_five_wait, NULL);
      g_autoptr(QnetSocket) sock = connect_to_peer (peer);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = NULL;
      GThread *thread = NULL;

      qnet_test_recorder_attach (rec, sock);
      if (async)
        {
          g_autoptr(GAsyncResult) result = NULL;

          g_timeout_add (100, cancel_later, cancellable);
          qnet_socket_recv_bytes_async (sock, 10, -1, cancellable, test_async_ready, &result);
          data = qnet_socket_recv_bytes_finish (sock, test_async_wait (&result), &error);
        }
      else
        {
          thread = g_thread_new ("cancel", cancel_thread, cancellable);
          data = qnet_socket_recv_bytes (sock, 10, -1, cancellable, &error);
          g_thread_join (thread);
        }
      g_assert_null (data);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_true (qnet_socket_is_open (sock));
      qnet_test_recorder_assert_names (rec, "packet-read,operation-failed");
      g_clear_error (&error);

      /* What arrived is still there. */
      data = qnet_socket_recv_bytes (sock, 5, 1000, NULL, &error);
      g_assert_no_error (error);
      assert_bytes (data, "12345", 5);

      qnet_socket_close (sock);
      test_peer_join (peer);
    }
}

static void
peer_pieces_then_close (GSocket  *conn,
                        guint     index,
                        gpointer  data)
{
  test_sock_write_all (conn, "012", 3);
  g_usleep (150 * 1000);
  test_sock_write_all (conn, "3456789", 7);
}

typedef struct {
  GPtrArray *records;
  gboolean   closed;
} PushState;

static void
on_received (QnetSocket *sock,
             GBytes     *data,
             PushState  *state)
{
  g_ptr_array_add (state->records, g_bytes_ref (data));
}

static void
on_channel_closed (QnetSocket *sock,
                   PushState  *state)
{
  state->closed = TRUE;
}

/* Push mode delivers records of `expect` bytes from the main loop and
 * keeps the socket alive until the peer closes; the incomplete rest is
 * dropped. */
static void
test_io_push_expect (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_pieces_then_close, NULL);
  QnetSocket *sock = connect_to_peer (peer);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  PushState state = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref), FALSE };
  gpointer weak = sock;

  qnet_test_recorder_attach (rec, sock);
  g_object_add_weak_pointer (G_OBJECT (sock), &weak);
  g_signal_connect (sock, "received", G_CALLBACK (on_received), &state);
  g_signal_connect (sock, "channel-closed", G_CALLBACK (on_channel_closed), &state);

  qnet_socket_set_expect (sock, 4);
  g_assert_true (qnet_socket_start_receiving (sock, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_is_receiving (sock));

  /* Receiving keeps it alive: drop our reference. */
  g_object_unref (sock);
  g_assert_nonnull (weak);
  test_wait (&state.closed);

  g_assert_cmpuint (state.records->len, ==, 2);
  assert_bytes (state.records->pdata[0], "0123", 4);
  assert_bytes (state.records->pdata[1], "4567", 4);
  /* Two reads (unless the pieces arrived together), then the close. */
  {
    guint n_reads = qnet_test_recorder_count (rec, "packet-read");
    QnetEvent *last = qnet_test_recorder_find (rec, "packet-read", n_reads - 1);

    g_assert_cmpuint (n_reads, >=, 1);
    g_assert_cmpuint (n_reads, <=, 2);
    g_assert_cmpint (qnet_test_event_get_int (last, "total_read"), ==, 10);
    g_assert_cmpint (qnet_test_event_get_int (last, "total_to_read"), ==, 4);
    g_assert_cmpuint (qnet_test_recorder_get_events (rec)->len, ==, n_reads + 2);
  }
  /* The end of stream released it. */
  g_assert_null (weak);
  g_assert_nonnull (qnet_test_recorder_find (rec, "channel-closed", 0));
  g_assert_true (qnet_test_recorder_find (rec, "deleted", 0) ==
                 g_ptr_array_index (qnet_test_recorder_get_events (rec),
                                    qnet_test_recorder_get_events (rec)->len - 1));

  g_ptr_array_unref (state.records);
  test_peer_join (peer);
}

static void
stop_after_first (QnetSocket *sock,
                  GBytes     *data,
                  PushState  *state)
{
  g_ptr_array_add (state->records, g_bytes_ref (data));
  qnet_socket_stop_receiving (sock);
}

/* Stopping from the handler leaves the rest for the receive methods. */
static void
test_io_push_stop (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_write_then_close, (gpointer) "abcdefgh");
  g_autoptr(QnetSocket) sock = connect_to_peer (peer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) rest = NULL;
  PushState state = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref), FALSE };

  test_peer_join (peer);
  qnet_socket_set_expect (sock, 3);
  g_signal_connect (sock, "received", G_CALLBACK (stop_after_first), &state);
  g_assert_true (qnet_socket_start_receiving (sock, &error));

  /* A receive fails while push mode is on. */
  g_assert_null (qnet_socket_recv_bytes (sock, 1, 0, NULL, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_FAILED);
  g_clear_error (&error);

  test_iterate_until (state.records->len > 0);
  g_assert_false (qnet_socket_is_receiving (sock));
  assert_bytes (state.records->pdata[0], "abc", 3);

  rest = qnet_socket_recv_bytes (sock, -1, 5000, NULL, &error);
  g_assert_no_error (error);
  assert_bytes (rest, "defgh", 5);
  g_ptr_array_unref (state.records);
}

typedef struct {
  gsize     total;
  GChecksum *checksum;
} SlowReader;

static void
peer_slow_reader (GSocket  *conn,
                  guint     index,
                  gpointer  data)
{
  SlowReader *reader = data;
  guint8 buf[65536];

  /* Let the writer fill the queue before reading anything. */
  g_usleep (300 * 1000);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (conn, (char *) buf, sizeof buf, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      reader->total += n;
      g_checksum_update (reader->checksum, buf, n);
    }
}

typedef struct {
  guint    throttled;
  guint    unthrottled;
  gint64   throttled_queued;
  gboolean order_ok;
} ThrottleState;

static void
on_throttled (QnetSocket    *sock,
              gint64         queued,
              ThrottleState *state)
{
  g_assert_cmpint (queued, >, (gint64) qnet_socket_get_write_high_watermark (sock));
  state->throttled++;
  state->throttled_queued = queued;
}

static void
on_unthrottled (QnetSocket    *sock,
                gint64         queued,
                ThrottleState *state)
{
  g_assert_cmpint (queued, <=, (gint64) qnet_socket_get_write_low_watermark (sock));
  state->order_ok = state->throttled == 1;
  state->unthrottled++;
}

static void
test_io_throttle (void)
{
  SlowReader reader = { 0, g_checksum_new (G_CHECKSUM_SHA256) };
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_slow_reader, &reader);
  g_autoptr(QnetSocket) sock = connect_to_peer (peer);
  g_autoptr(GChecksum) sent = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  ThrottleState state = { 0, };
  const gsize chunk = 1024 * 1024;
  const guint n_chunks = 16;
  gboolean finished;

  qnet_socket_set_write_high_watermark (sock, 1024 * 1024);
  qnet_socket_set_write_low_watermark (sock, 256 * 1024);
  g_signal_connect (sock, "throttled", G_CALLBACK (on_throttled), &state);
  g_signal_connect (sock, "unthrottled", G_CALLBACK (on_unthrottled), &state);

  for (guint i = 0; i < n_chunks; i++)
    {
      guint8 *data = g_malloc (chunk);
      g_autoptr(GBytes) bytes = NULL;

      for (gsize j = 0; j < chunk; j++)
        data[j] = (guint8) (i * 31 + j * 7);
      g_checksum_update (sent, data, chunk);
      bytes = g_bytes_new_take (data, chunk);
      g_assert_true (qnet_socket_queue_bytes (sock, bytes, &error));
      g_assert_no_error (error);
    }

  /* The kernel cannot take 16 MiB at once: the queue rose above 1 MiB. */
  g_assert_cmpuint (state.throttled, ==, 1);
  g_assert_cmpuint (qnet_socket_get_queued_bytes (sock), >, 0);

  finished = qnet_socket_is_write_finished (sock, 20000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (finished);
  g_assert_cmpuint (qnet_socket_get_queued_bytes (sock), ==, 0);
  g_assert_cmpuint (state.throttled, ==, 1);
  g_assert_cmpuint (state.unthrottled, ==, 1);
  g_assert_true (state.order_ok);

  qnet_socket_close (sock);
  test_peer_join (peer);
  g_assert_cmpuint (reader.total, ==, chunk * n_chunks);
  g_assert_cmpstr (g_checksum_get_string (reader.checksum), ==, g_checksum_get_string (sent));
  g_checksum_free (reader.checksum);
}

static void
peer_send_later (GSocket  *conn,
                 guint     index,
                 gpointer  data)
{
  g_autoptr(GBytes) rest = NULL;

  g_usleep (200 * 1000);
  test_sock_write_all (conn, "late", 4);
  rest = test_sock_read_to_eof (conn);
}

static void
test_io_data_available (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_send_later, NULL);
  g_autoptr(QnetSocket) sock = connect_to_peer (peer);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  qnet_test_recorder_attach (rec, sock);
  g_assert_false (qnet_socket_is_data_available (sock, 0, NULL, &error));
  g_assert_no_error (error);
  qnet_socket_is_data_available_async (sock, 5000, NULL, test_async_ready, &result);
  g_assert_true (qnet_socket_is_data_available_finish (sock, test_async_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_is_data_available (sock, 0, NULL, &error));
  /* Asking reads nothing. */
  qnet_test_recorder_assert_names (rec, "");

  data = qnet_socket_recv_bytes (sock, 4, 1000, NULL, &error);
  assert_bytes (data, "late", 4);
  g_assert_true (qnet_socket_is_write_finished (sock, 0, NULL, &error));
  g_assert_no_error (error);

  qnet_socket_close (sock);
  test_peer_join (peer);
}

/* Everything fails cleanly on a socket that is not open. */
static void
test_io_not_open (void)
{
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;

  qnet_test_recorder_attach (rec, sock);
  g_assert_null (qnet_socket_recv_bytes (sock, 1, 0, NULL, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (qnet_socket_send (sock, "x", NULL, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (qnet_socket_queue_bytes (sock, bytes, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (qnet_socket_start_receiving (sock, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (qnet_socket_is_data_available (sock, 0, NULL, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (qnet_socket_shutdown (sock, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_null (qnet_socket_accept (sock, 0, NULL, &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  g_clear_error (&error);
  qnet_socket_close (sock);

  qnet_test_recorder_assert_names (rec, "operation-failed,operation-failed,operation-failed,"
                                        "operation-failed,operation-failed,operation-failed,"
                                        "operation-failed");
}

/* A close while a receive waits fails it; the peer sees the close. */
static gboolean
close_later (gpointer data)
{
  qnet_socket_close (data);
  return G_SOURCE_REMOVE;
}

static void
test_io_close_pending (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_wait_close, NULL);
  g_autoptr(QnetSocket) sock = connect_to_peer (peer);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  qnet_test_recorder_attach (rec, sock);
  g_timeout_add (50, close_later, sock);
  qnet_socket_recv_bytes_async (sock, 10, -1, NULL, test_async_ready, &result);
  g_assert_null (qnet_socket_recv_bytes_finish (sock, test_async_wait (&result), &error));
  g_assert_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_NOT_OPEN);
  qnet_test_recorder_assert_names (rec, "channel-closed,operation-failed");
  test_peer_join (peer);
}

static void
peer_echo_until_eof (GSocket  *conn,
                     guint     index,
                     gpointer  data)
{
  char buf[4096];

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (conn, buf, sizeof buf, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      test_sock_write_all (conn, buf, n);
    }
}

/* Streams that are not plain socket connections (a TLS stream later) go
 * through their pollable halves: the same operations and events. */
static void
test_io_pollable_stream (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_echo_until_eof, NULL);
  g_autoptr(QnetSocket) sock = connect_to_peer (peer);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) queued = g_bytes_new_static ("queued", 6);
  GIOStream *base = _qnet_socket_get_stream (sock);
  g_autoptr(GIOStream) wrapper = g_simple_io_stream_new (g_io_stream_get_input_stream (base),
                                                         g_io_stream_get_output_stream (base));
  PushState state = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref), FALSE };

  _qnet_socket_replace_stream (sock, wrapper, TRUE);
  g_assert_true (qnet_socket_get_is_secure (sock));
  g_assert_true (_qnet_socket_get_stream (sock) == wrapper);
  qnet_test_recorder_attach (rec, sock);

  g_assert_true (qnet_socket_send (sock, "abc", NULL, &error));
  g_assert_no_error (error);
  data = recv_bytes_form (sock, TRUE, 3, 5000, &error);
  g_assert_no_error (error);
  assert_bytes (data, "abc", 3);
  g_clear_pointer (&data, g_bytes_unref);
  {
    g_autofree char *events = test_describe_events (rec);

    g_assert_cmpstr (events, ==,
                     "packet-sent(socket=FD, sent=3, total_sent=3, total_to_send=3)\n"
                     "packet-read(read=3, total_read=3, total_to_read=3)\n");
  }

  /* Waiting, timing out, and push mode work through pollable sources. */
  data = qnet_socket_recv_bytes (sock, 1, 100, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);
  g_signal_connect (sock, "received", G_CALLBACK (on_received), &state);
  g_assert_true (qnet_socket_start_receiving (sock, &error));
  g_assert_true (qnet_socket_queue_bytes (sock, queued, &error));
  g_assert_no_error (error);
  test_iterate_until (state.records->len > 0);
  assert_bytes (state.records->pdata[0], "queued", 6);
  qnet_socket_stop_receiving (sock);

  qnet_socket_close (sock);
  g_assert_false (qnet_socket_get_is_secure (sock));
  g_ptr_array_unref (state.records);
  test_peer_join (peer);
}

static void
peer_head_and_body (GSocket  *conn,
                    guint     index,
                    gpointer  data)
{
  g_autoptr(GBytes) rest = NULL;

  test_sock_write_all (conn, "HEAD\r\n\r\nbody-bytes", 18);
  rest = test_sock_read_to_eof (conn);
}

/* The buffered-read API a subclass (QnetHttpClient) uses: fill, peek and
 * consume a header block, then read the body; events carry its source. */
static void
test_io_private_api (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_head_and_body, NULL);
  g_autoptr(QnetSocket) sock = connect_to_peer (peer);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  const guint8 *head;
  gsize len = 0;
  const char *end = NULL;

  qnet_test_recorder_attach (rec, sock);
  while (end == NULL)
    {
      g_clear_object (&result);
      _qnet_socket_fill_async (sock, "test_fill", QNET_EVENT_SOURCE_HTTP_CLIENT, 64 * 1024, 5000, NULL,
                               test_async_ready, &result);
      g_assert_true (_qnet_socket_fill_finish (sock, test_async_wait (&result), &error));
      g_assert_no_error (error);
      head = _qnet_socket_peek (sock, &len);
      end = g_strstr_len ((const char *) head, len, "\r\n\r\n");
    }
  g_assert_cmpint (end - (const char *) head, ==, 4);
  _qnet_socket_consume (sock, 8);

  g_clear_object (&result);
  _qnet_socket_read_some_async (sock, "test_body", QNET_EVENT_SOURCE_HTTP_CLIENT, 100, 5000, NULL,
                                test_async_ready, &result);
  body = _qnet_socket_read_some_finish (sock, test_async_wait (&result), &error);
  g_assert_no_error (error);
  assert_bytes (body, "body-bytes", 10);

  /* Every packet-read of these carries source 2. */
  g_assert_cmpuint (qnet_test_recorder_count (rec, "packet-read"), >=, 1);
  for (guint i = 0; i < qnet_test_recorder_count (rec, "packet-read"); i++)
    g_assert_cmpint (qnet_event_get_source (qnet_test_recorder_find (rec, "packet-read", i)), ==,
                     QNET_EVENT_SOURCE_HTTP_CLIENT);

  /* A failure names the subclass's operation. */
  g_clear_object (&result);
  _qnet_socket_read_some_async (sock, "test_body", QNET_EVENT_SOURCE_HTTP_CLIENT, 100, 0, NULL,
                                test_async_ready, &result);
  g_assert_null (_qnet_socket_read_some_finish (sock, test_async_wait (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (qnet_test_event_get_string (qnet_test_recorder_find (rec, "operation-failed", 0),
                                               "operation"), ==, "test_body");

  qnet_socket_close (sock);
  test_peer_join (peer);
}

static void
test_io_no_delay_and_shutdown (void)
{
  TestPeer *peer = test_peer_new (G_SOCKET_FAMILY_IPV4, NULL, 1, peer_wait_close, NULL);
  g_autoptr(QnetSocket) sock = connect_to_peer (peer);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GError) error = NULL;
  int value = -1;
  socklen_t len = sizeof value;

  g_assert_false (qnet_socket_get_no_delay (sock));
  qnet_socket_set_no_delay (sock, TRUE);
  g_assert_true (qnet_socket_get_no_delay (sock));
  g_assert_cmpint (getsockopt (qnet_socket_get_fd (sock), IPPROTO_TCP, TCP_NODELAY, &value, &len), ==, 0);
  g_assert_cmpint (value, !=, 0);

  /* The peer sees the end of stream (its read_to_eof returns); the
   * socket stays open until closed, and shutdown raises no event. */
  qnet_test_recorder_attach (rec, sock);
  g_assert_true (qnet_socket_shutdown (sock, &error));
  g_assert_no_error (error);
  test_peer_join (peer);
  g_assert_true (qnet_socket_is_open (sock));
  qnet_test_recorder_assert_names (rec, "");
  qnet_socket_close (sock);
  qnet_test_recorder_assert_names (rec, "channel-closed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/socket/io/send-recv", test_io_send_recv);
  g_test_add_func ("/socket/io/typed-signals", test_io_typed_signals);
  g_test_add_func ("/socket/io/peer-close", test_io_peer_close);
  g_test_add_func ("/socket/io/recv-sizes", test_io_recv_sizes);
  g_test_add_func ("/socket/io/recv-all", test_io_recv_all);
  g_test_add_func ("/socket/io/timeout", test_io_timeout);
  g_test_add_func ("/socket/io/recv-until", test_io_recv_until);
  g_test_add_func ("/socket/io/integers", test_io_integers);
  g_test_add_func ("/socket/io/charset", test_io_charset);
  g_test_add_func ("/socket/io/peer-reset", test_io_peer_reset);
  g_test_add_func ("/socket/io/cancel", test_io_cancel);
  g_test_add_func ("/socket/io/push-expect", test_io_push_expect);
  g_test_add_func ("/socket/io/push-stop", test_io_push_stop);
  g_test_add_func ("/socket/io/throttle", test_io_throttle);
  g_test_add_func ("/socket/io/data-available", test_io_data_available);
  g_test_add_func ("/socket/io/not-open", test_io_not_open);
  g_test_add_func ("/socket/io/close-pending", test_io_close_pending);
  g_test_add_func ("/socket/io/pollable-stream", test_io_pollable_stream);
  g_test_add_func ("/socket/io/private-api", test_io_private_api);
  g_test_add_func ("/socket/io/no-delay-shutdown", test_io_no_delay_and_shutdown);

  return g_test_run ();
}
