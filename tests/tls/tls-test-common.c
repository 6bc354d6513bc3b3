/* tls-test-common.c: fixtures, loopback connections and peers for the TLS tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>

#include <qnet.h>

#include "qnet-test-utils.h"
#include "qnet-tls-certificate-private.h"
#include "qnet-tls-private-key-private.h"
#include "tls-test-common.h"
#include "qnet-test-spawn.h"

char *
tls_test_data_path (const char *name)
{
  return g_build_filename (QNET_TEST_DATA_DIR, "tls", name, NULL);
}

GBytes *
tls_test_data_bytes (const char *name)
{
  g_autofree char *path = tls_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
tls_test_set_certificate (QnetTlsStream *tls,
                          const char    *cert_name,
                          const char    *key_name)
{
  g_autofree char *cert_path = tls_test_data_path (cert_name);
  g_autofree char *key_path = tls_test_data_path (key_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTlsCertificate) cert = NULL;
  g_autoptr(QnetTlsPrivateKey) key = NULL;
  gnutls_x509_crt_t chain[8];
  guint n;

  cert = qnet_tls_certificate_new_from_file (cert_path, &error);
  g_assert_no_error (error);
  key = qnet_tls_private_key_new_from_file (key_path, TLS_TEST_KEY_PASSWORD, &error);
  g_assert_no_error (error);

  n = _qnet_tls_certificate_get_x509_chain (cert, chain, G_N_ELEMENTS (chain));
  g_assert_cmpuint (n, >=, 1);
  qnet_tls_stream_set_certificate (tls, chain, n, _qnet_tls_private_key_get_x509 (key), &error);
  g_assert_no_error (error);
}

guint16
tls_test_free_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

GSocketConnection *
tls_test_connect (const char *host,
                  guint16     port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *conn;

  g_socket_client_set_timeout (client, 5);
  conn = g_socket_client_connect_to_host (client, host, port, NULL, &error);
  g_assert_no_error (error);
  return conn;
}

void
tls_test_socket_pair (GSocketConnection **client,
                      GSocketConnection **server)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);

  /* The kernel completes the connection before accept() runs. */
  *client = tls_test_connect ("127.0.0.1",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  *server = g_socket_listener_accept (listener, NULL, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
}

void
tls_test_wait (gboolean *flag)
{
  qnet_test_wait_for_flag (flag, TLS_TEST_TIMEOUT_MS);
}

TlsTestPair *
tls_test_pair_new_bare (void)
{
  TlsTestPair *pair = g_new0 (TlsTestPair, 1);
  g_autoptr(GError) error = NULL;

  tls_test_socket_pair (&pair->client_conn, &pair->server_conn);
  pair->client = qnet_tls_stream_new (G_IO_STREAM (pair->client_conn), QNET_TLS_STREAM_CLIENT,
                                      NULL, &error);
  g_assert_no_error (error);
  pair->server = qnet_tls_stream_new (G_IO_STREAM (pair->server_conn), QNET_TLS_STREAM_SERVER,
                                      NULL, &error);
  g_assert_no_error (error);
  return pair;
}

TlsTestPair *
tls_test_pair_new (void)
{
  TlsTestPair *pair = tls_test_pair_new_bare ();
  g_autofree char *ca = tls_test_data_path ("ca.pem");
  g_autoptr(GError) error = NULL;

  qnet_tls_stream_set_server_identity (pair->client, "localhost");
  qnet_tls_stream_set_ca_file (pair->client, ca, &error);
  g_assert_no_error (error);
  tls_test_set_certificate (pair->server, "server.pem", "server-key.pem");
  return pair;
}

void
tls_test_pair_free (TlsTestPair *pair)
{
  g_clear_object (&pair->client);
  g_clear_object (&pair->server);
  g_clear_object (&pair->client_conn);
  g_clear_object (&pair->server_conn);
  g_free (pair);
}

typedef struct {
  gboolean done;
  GError  *error;
} HandshakeResult;

static void
handshake_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HandshakeResult *res = user_data;

  qnet_tls_stream_handshake_finish (QNET_TLS_STREAM (source), result, &res->error);
  res->done = TRUE;
}

void
tls_test_pair_handshake (TlsTestPair *pair,
                         GError     **client_error,
                         GError     **server_error)
{
  HandshakeResult client = { FALSE, NULL };
  HandshakeResult server = { FALSE, NULL };

  qnet_tls_stream_handshake_async (pair->server, TLS_TEST_TIMEOUT_MS, G_PRIORITY_DEFAULT, NULL,
                                   handshake_done_cb, &server);
  qnet_tls_stream_handshake_async (pair->client, TLS_TEST_TIMEOUT_MS, G_PRIORITY_DEFAULT, NULL,
                                   handshake_done_cb, &client);
  tls_test_wait (&client.done);
  tls_test_wait (&server.done);

  if (client.error != NULL)
    g_propagate_error (client_error, client.error);
  if (server.error != NULL)
    g_propagate_error (server_error, server.error);
}

typedef struct {
  gboolean    done;
  GByteArray *data;
  gsize       max;
  gboolean    exact;
  guint8      buffer[16384];
  GError     *error;
} ReadState;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ReadState *state = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &state->error);

  if (n <= 0)
    {
      state->done = TRUE;
      return;
    }
  g_byte_array_append (state->data, state->buffer, n);
  if (state->data->len >= state->max)
    {
      g_assert_cmpuint (state->data->len, ==, state->max);
      state->done = TRUE;
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), state->buffer,
                             MIN (sizeof (state->buffer), state->max - state->data->len),
                             G_PRIORITY_DEFAULT, NULL, read_cb, state);
}

static GBytes *
read_async_until (GInputStream *stream,
                  gsize         max,
                  GError      **error)
{
  ReadState *state = g_new0 (ReadState, 1);
  GBytes *result;

  state->data = g_byte_array_new ();
  state->max = max;
  g_input_stream_read_async (stream, state->buffer, MIN (sizeof (state->buffer), max),
                             G_PRIORITY_DEFAULT, NULL, read_cb, state);
  tls_test_wait (&state->done);

  if (state->error != NULL)
    g_propagate_error (error, state->error);
  result = g_byte_array_free_to_bytes (state->data);
  g_free (state);
  return result;
}

GBytes *
tls_test_read_all (GInputStream *stream,
                   gsize         max,
                   GError      **error)
{
  return read_async_until (stream, max, error);
}

GBytes *
tls_test_read_exactly (GInputStream *stream,
                       gsize         len,
                       GError      **error)
{
  GBytes *bytes = read_async_until (stream, len, error);

  if (error == NULL || *error == NULL)
    g_assert_cmpuint (g_bytes_get_size (bytes), ==, len);
  return bytes;
}

typedef struct {
  gboolean done;
  GError  *error;
} WriteState;

static void
write_all_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  WriteState *state = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &state->error);
  state->done = TRUE;
}

void
tls_test_write_all (GOutputStream *stream,
                    const void    *data,
                    gsize          len,
                    GError       **error)
{
  WriteState state = { FALSE, NULL };

  g_output_stream_write_all_async (stream, data, len, G_PRIORITY_DEFAULT, NULL, write_all_cb,
                                   &state);
  tls_test_wait (&state.done);
  if (state.error != NULL)
    g_propagate_error (error, state.error);
}

/* ---- Peers -------------------------------------------------------------- */

struct _TlsTestPeer
{
  GSubprocess *process;
  guint16      port;
  gboolean     exited;
};

static void
peer_exited_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *exited = TRUE;
}

TlsTestPeer *
tls_test_peer_spawn (const char * const *argv)
{
  TlsTestPeer *peer = g_new0 (TlsTestPeer, 1);
  g_autoptr(GError) error = NULL;

  peer->process = qnet_test_spawn_peer (argv,
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                          | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                        &error);
  /* A missing peer program is a failure, never a skip. */
  g_assert_no_error (error);
  g_subprocess_wait_async (peer->process, NULL, peer_exited_cb, &peer->exited);
  return peer;
}

TlsTestPeer *
tls_test_gnutls_serv_start (const char         *cert,
                            const char         *key,
                            const char * const *extra)
{
  g_autofree char *cert_path = tls_test_data_path (cert);
  g_autofree char *key_path = tls_test_data_path (key);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  TlsTestPeer *peer = g_new0 (TlsTestPeer, 1);
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  peer->port = tls_test_free_port ();
  g_ptr_array_add (argv, g_strdup ("gnutls-serv"));
  g_ptr_array_add (argv, g_strdup ("--echo"));
  g_ptr_array_add (argv, g_strdup ("--quiet"));
  g_ptr_array_add (argv, g_strdup_printf ("--port=%u", peer->port));
  g_ptr_array_add (argv, g_strdup_printf ("--x509certfile=%s", cert_path));
  g_ptr_array_add (argv, g_strdup_printf ("--x509keyfile=%s", key_path));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);

  peer->process = qnet_test_spawn_peer ((const char * const *) argv->pdata,
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                          | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                        &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (peer->process, NULL, peer_exited_cb, &peer->exited);

  /* Wait until it accepts a TCP connection (it listens on every address). */
  deadline = g_get_monotonic_time () + (gint64) TLS_TEST_TIMEOUT_MS * 1000;
  for (;;)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) conn = NULL;
      g_autoptr(GError) connect_error = NULL;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (peer->exited)
        g_error ("gnutls-serv exited before it accepted connections");

      g_socket_client_set_timeout (client, 1);
      conn = g_socket_client_connect_to_host (client, "127.0.0.1", peer->port, NULL,
                                              &connect_error);
      if (conn != NULL)
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("gnutls-serv did not accept connections on port %u: %s", peer->port,
                 connect_error->message);
      g_usleep (50 * 1000);
    }

  return peer;
}

guint16
tls_test_peer_get_port (TlsTestPeer *peer)
{
  return peer->port;
}

GSubprocess *
tls_test_peer_get_process (TlsTestPeer *peer)
{
  return peer->process;
}

void
tls_test_peer_wait_exit (TlsTestPeer *peer)
{
  tls_test_wait (&peer->exited);
}

void
tls_test_peer_stop (TlsTestPeer *peer)
{
  gint64 deadline;

  if (peer == NULL)
    return;

  if (!peer->exited)
    g_subprocess_send_signal (peer->process, SIGTERM);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!peer->exited)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (peer->process);
          deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  g_object_unref (peer->process);
  g_free (peer);
}

/* ---- Scripted server ---------------------------------------------------- */

struct _TlsTestScriptServer
{
  GThread *thread;
  GSocket *listener;
  guint16  port;
  GBytes  *reply;
  gboolean close_after;
  guint    hold_ms;
  gsize    received;
};

static gpointer
script_server_thread (gpointer data)
{
  TlsTestScriptServer *server = data;
  g_autoptr(GSocket) conn = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[16384];
  gssize n;
  gint64 deadline;

  conn = g_socket_accept (server->listener, NULL, &error);
  if (conn == NULL)
    return NULL;

  /* What the client sends first (its ClientHello). */
  g_socket_set_timeout (conn, TLS_TEST_TIMEOUT_MS / 1000);
  n = g_socket_receive (conn, buffer, sizeof (buffer), NULL, NULL);
  if (n > 0)
    server->received = n;

  if (server->reply != NULL && g_bytes_get_size (server->reply) > 0)
    {
      gsize size;
      const char *reply = g_bytes_get_data (server->reply, &size);
      gsize sent = 0;

      while (sent < size)
        {
          gssize w = g_socket_send (conn, reply + sent, size - sent, NULL, NULL);

          if (w <= 0)
            break;
          sent += w;
        }
    }

  if (!server->close_after)
    {
      /* Hold the connection: drain until the client closes or time is up. */
      deadline = g_get_monotonic_time () + (gint64) server->hold_ms * 1000;
      while (g_get_monotonic_time () < deadline)
        {
          if (!g_socket_condition_timed_wait (conn, G_IO_IN, 50 * 1000, NULL, NULL))
            continue;
          n = g_socket_receive (conn, buffer, sizeof (buffer), NULL, NULL);
          if (n <= 0)
            break;
        }
    }

  g_socket_close (conn, NULL);
  return NULL;
}

TlsTestScriptServer *
tls_test_script_server_start (GBytes   *reply,
                              gboolean  close_after,
                              guint     hold_ms)
{
  TlsTestScriptServer *server = g_new0 (TlsTestScriptServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                   G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (server->listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (server->listener, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (server->listener, TLS_TEST_TIMEOUT_MS / 1000);
  bound = g_socket_get_local_address (server->listener, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->reply = reply != NULL ? g_bytes_ref (reply) : NULL;
  server->close_after = close_after;
  server->hold_ms = hold_ms;
  server->thread = g_thread_new ("tls-script-server", script_server_thread, server);
  return server;
}

guint16
tls_test_script_server_get_port (TlsTestScriptServer *server)
{
  return server->port;
}

gsize
tls_test_script_server_stop (TlsTestScriptServer *server)
{
  gsize received;

  g_thread_join (server->thread);
  received = server->received;
  g_socket_close (server->listener, NULL);
  g_object_unref (server->listener);
  g_clear_pointer (&server->reply, g_bytes_unref);
  g_free (server);
  return received;
}
