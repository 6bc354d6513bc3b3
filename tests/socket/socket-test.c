/* socket-test.c: helpers shared by the QnetSocket tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <gio/gunixsocketaddress.h>

#include "socket-test.h"

/* Connections put into a blackhole's backlog before one stays pending. */
#define BLACKHOLE_MAX_FILLERS 16
/* How long a probe connect must stay pending to call the port a blackhole. */
#define BLACKHOLE_PROBE_MS 300

struct _TestPeer
{
  GSocket      *listener;
  GThread      *thread;
  guint         n_connections;
  TestPeerFunc  func;
  gpointer      data;
  guint16       port;
  char         *dest;
};

static GSocketAddress *
loopback_address (GSocketFamily family,
                  guint16       port)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_loopback (family);

  return g_inet_socket_address_new (inet, port);
}

static gpointer
peer_thread (gpointer data)
{
  TestPeer *peer = data;

  for (guint i = 0; i < peer->n_connections; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) conn = g_socket_accept (peer->listener, NULL, &error);

      g_assert_no_error (error);
      g_socket_set_blocking (conn, TRUE);
      g_socket_set_timeout (conn, TEST_TIMEOUT_MS / 1000);
      peer->func (conn, i, peer->data);
      g_socket_close (conn, NULL);
    }
  return NULL;
}

TestPeer *
test_peer_new (GSocketFamily  family,
               const char    *path,
               guint          n_connections,
               TestPeerFunc   func,
               gpointer       data)
{
  TestPeer *peer = g_new0 (TestPeer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  peer->listener = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = family == G_SOCKET_FAMILY_UNIX ? g_unix_socket_address_new (path)
                                           : loopback_address (family, 0);
  g_socket_bind (peer->listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (peer->listener, 64);
  g_socket_listen (peer->listener, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (peer->listener, TRUE);
  g_socket_set_timeout (peer->listener, TEST_TIMEOUT_MS / 1000);

  if (family == G_SOCKET_FAMILY_UNIX)
    peer->dest = g_strdup (path);
  else
    {
      bound = g_socket_get_local_address (peer->listener, &error);
      g_assert_no_error (error);
      peer->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      peer->dest = family == G_SOCKET_FAMILY_IPV6
                   ? g_strdup_printf ("[::1]:%u", peer->port)
                   : g_strdup_printf ("127.0.0.1:%u", peer->port);
    }

  peer->n_connections = n_connections;
  peer->func = func;
  peer->data = data;
  peer->thread = g_thread_new ("test-peer", peer_thread, peer);
  return peer;
}

guint16
test_peer_get_port (TestPeer *peer)
{
  return peer->port;
}

const char *
test_peer_get_dest (TestPeer *peer)
{
  return peer->dest;
}

void
test_peer_join (TestPeer *peer)
{
  g_thread_join (peer->thread);
  g_socket_close (peer->listener, NULL);
  g_object_unref (peer->listener);
  g_free (peer->dest);
  g_free (peer);
}

void
test_sock_read_exact (GSocket *socket,
                      void    *buffer,
                      gsize    len)
{
  gsize got = 0;

  while (got < len)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, (char *) buffer + got, len - got, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      got += n;
    }
}

GBytes *
test_sock_read_to_eof (GSocket *socket)
{
  GByteArray *all = g_byte_array_new ();
  guint8 buf[65536];

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, (char *) buf, sizeof buf, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      g_byte_array_append (all, buf, n);
    }
  return g_byte_array_free_to_bytes (all);
}

char *
test_sock_read_until (GSocket    *socket,
                      const char *delimiter)
{
  GString *s = g_string_new (NULL);

  while (strstr (s->str, delimiter) == NULL)
    {
      char c;

      test_sock_read_exact (socket, &c, 1);
      g_string_append_c (s, c);
      g_assert_cmpuint (s->len, <, 1024 * 1024);
    }
  return g_string_free (s, FALSE);
}

void
test_sock_write_all (GSocket    *socket,
                     const void *data,
                     gsize       len)
{
  gsize done = 0;

  while (done < len)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (socket, (const char *) data + done, len - done, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      done += n;
    }
}

void
test_sock_reset (GSocket *socket)
{
  struct linger linger = { 1, 0 };

  g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER,
                               &linger, sizeof linger), ==, 0);
  g_socket_close (socket, NULL);
}

GSocket *
test_refusing_socket (GSocketFamily  family,
                      guint16        port,
                      guint16       *out_port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = loopback_address (family, port);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  if (out_port != NULL)
    *out_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return socket;
}

struct _TestBlackhole
{
  GSocket   *listener;
  GPtrArray *fillers;
  guint16    port;
};

/* TRUE when a non-blocking connect to @address is still pending after the
 * probe time; the socket is kept in @hole either way. */
static gboolean
probe_pending (TestBlackhole  *hole,
               GSocketAddress *address)
{
  g_autoptr(GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);
  GIOCondition cond;

  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);
  g_ptr_array_add (hole->fillers, socket);

  if (g_socket_connect (socket, address, NULL, &error))
    return FALSE;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);

  g_socket_set_timeout (socket, 0);
  cond = g_socket_condition_check (socket, G_IO_OUT);
  if (cond != 0)
    return FALSE;
  g_usleep (BLACKHOLE_PROBE_MS * 1000);
  cond = g_socket_condition_check (socket, G_IO_OUT);
  return cond == 0;
}

TestBlackhole *
test_blackhole_new (void)
{
  TestBlackhole *hole = g_new0 (TestBlackhole, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) any = loopback_address (G_SOCKET_FAMILY_IPV4, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  gboolean pending = FALSE;

  hole->fillers = g_ptr_array_new_with_free_func (g_object_unref);
  hole->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (hole->listener, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (hole->listener, 0);
  g_socket_listen (hole->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (hole->listener, &error);
  g_assert_no_error (error);
  hole->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  /* Fill the backlog until a connect stays pending: the next one will. */
  for (guint i = 0; i < BLACKHOLE_MAX_FILLERS && !pending; i++)
    pending = probe_pending (hole, bound);
  g_assert_true (pending);

  return hole;
}

guint16
test_blackhole_get_port (TestBlackhole *hole)
{
  return hole->port;
}

void
test_blackhole_free (TestBlackhole *hole)
{
  g_ptr_array_unref (hole->fillers);
  g_socket_close (hole->listener, NULL);
  g_object_unref (hole->listener);
  g_free (hole);
}

char *
test_describe_events (QnetTestRecorder *rec)
{
  GPtrArray *events = qnet_test_recorder_get_events (rec);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      QnetEvent *event = g_ptr_array_index (events, i);
      GVariantIter iter;
      const char *key;
      GVariant *value;
      gboolean first = TRUE;

      g_string_append_printf (s, "%s(", qnet_event_get_name (event));
      g_variant_iter_init (&iter, qnet_event_get_hash (event));
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (g_str_equal (key, "event") || g_str_equal (key, "source") || g_str_equal (key, "id"))
            {
              g_variant_unref (value);
              continue;
            }
          g_string_append_printf (s, "%s%s=", first ? "" : ", ", key);
          first = FALSE;
          if (g_str_equal (key, "socket"))
            g_string_append (s, "FD");
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
            g_string_append_printf (s, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            g_string_append (s, g_variant_get_string (value, NULL));
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
            g_string_append_printf (s, "<%" G_GSIZE_FORMAT " bytes>", g_variant_get_size (value));
          else
            {
              g_autofree char *text = g_variant_print (value, FALSE);

              g_string_append (s, text);
            }
          g_variant_unref (value);
        }
      g_string_append (s, ")\n");
    }
  return g_string_free (s, FALSE);
}

void
test_raise_fd_limit (guint want)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  if (limit.rlim_cur >= want)
    return;
  g_assert_cmpuint (limit.rlim_max, >=, want);
  limit.rlim_cur = want;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);
}

void
test_async_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  GAsyncResult **slot = data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
async_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

GAsyncResult *
test_async_wait (GAsyncResult **slot)
{
  gboolean expired = FALSE;
  GSource *timeout = g_timeout_source_new (TEST_TIMEOUT_MS);

  g_source_set_callback (timeout, async_timeout_cb, &expired, NULL);
  g_source_attach (timeout, g_main_context_get_thread_default ());
  while (*slot == NULL && !expired)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_assert_nonnull (*slot);
  return *slot;
}
