/* test-tls-stream.c: QnetTlsStream against itself and against hostile peers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Both ends run in this process over loopback TCP: asynchronously in one
 * main loop, or the server in a thread with the blocking API. The hostile
 * peers are scripted servers in a thread.
 */

#include "config.h"

#include <string.h>

#include <qnet.h>

#include "qnet-tls-certificate-private.h"
#include "qnet-tls-private-key-private.h"
#include "qnet-tls-stream-private.h"
#include "tls-test-common.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct {
  gboolean done;
  GError  *error;
} AsyncResultState;

static void
handshake_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncResultState *state = user_data;

  qnet_tls_stream_handshake_finish (QNET_TLS_STREAM (source), result, &state->error);
  state->done = TRUE;
}

static gboolean
handshake_async_wait (QnetTlsStream *tls,
                      gint           timeout_ms,
                      GCancellable  *cancellable,
                      GError       **error)
{
  AsyncResultState state = { FALSE, NULL };

  qnet_tls_stream_handshake_async (tls, timeout_ms, G_PRIORITY_DEFAULT, cancellable, handshake_cb,
                                   &state);
  tls_test_wait (&state.done);
  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }
  return TRUE;
}

static void
close_notify_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncResultState *state = user_data;

  qnet_tls_stream_close_notify_finish (QNET_TLS_STREAM (source), result, &state->error);
  state->done = TRUE;
}

static void
close_notify_async_wait (QnetTlsStream *tls)
{
  AsyncResultState state = { FALSE, NULL };

  qnet_tls_stream_close_notify_async (tls, TLS_TEST_TIMEOUT_MS, G_PRIORITY_DEFAULT, NULL,
                                      close_notify_cb, &state);
  tls_test_wait (&state.done);
  g_assert_no_error (state.error);
}

static GInputStream *
in_of (QnetTlsStream *tls)
{
  return g_io_stream_get_input_stream (G_IO_STREAM (tls));
}

static GOutputStream *
out_of (QnetTlsStream *tls)
{
  return g_io_stream_get_output_stream (G_IO_STREAM (tls));
}

static void
assert_bytes_str (GBytes     *bytes,
                  const char *expected)
{
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected,
                   strlen (expected));
}

static QnetTlsStream *
client_for_port (guint16     port,
                 const char *identity)
{
  g_autoptr(GSocketConnection) conn = tls_test_connect ("127.0.0.1", port);
  g_autoptr(GError) error = NULL;
  QnetTlsStream *tls = qnet_tls_stream_new (G_IO_STREAM (conn), QNET_TLS_STREAM_CLIENT, NULL,
                                            &error);

  g_assert_no_error (error);
  qnet_tls_stream_set_server_identity (tls, identity);
  return tls;
}

/* ---- both ends ours ------------------------------------------------------ */

static void
test_async_echo (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(GBytes) peer = NULL;
  g_autoptr(GBytes) server_der = tls_test_data_bytes ("server.der");

  g_assert_false (qnet_tls_stream_is_handshaken (pair->client));
  g_assert_null (qnet_tls_stream_get_cipher_name (pair->client));
  g_assert_null (qnet_tls_stream_get_verify_code (pair->client));

  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);

  g_assert_true (qnet_tls_stream_is_handshaken (pair->client));
  g_assert_true (qnet_tls_stream_is_handshaken (pair->server));
  g_assert_cmpstr (qnet_tls_stream_get_protocol_version (pair->client), ==, "TLS1.3");
  g_assert_cmpstr (qnet_tls_stream_get_protocol_version (pair->server), ==, "TLS1.3");
  g_assert_true (g_str_has_prefix (qnet_tls_stream_get_cipher_name (pair->client), "TLS_"));
  g_assert_cmpstr (qnet_tls_stream_get_cipher_name (pair->client), ==,
                   qnet_tls_stream_get_cipher_name (pair->server));
  g_test_message ("negotiated %s %s", qnet_tls_stream_get_protocol_version (pair->client),
                  qnet_tls_stream_get_cipher_name (pair->client));

  /* Verified against the CA file, for "localhost", sent as SNI. */
  g_assert_cmpstr (qnet_tls_stream_get_verify_code (pair->client), ==, "X509_V_OK");
  g_assert_false (qnet_tls_stream_get_certificate_accepted (pair->client));
  g_assert_cmpstr (qnet_tls_stream_get_requested_server_name (pair->server), ==, "localhost");
  peer = qnet_tls_stream_get_peer_certificate (pair->client);
  g_assert_true (g_bytes_equal (peer, server_der));
  /* The server asked for no client certificate. */
  g_assert_null (qnet_tls_stream_get_verify_code (pair->server));
  g_assert_null (qnet_tls_stream_get_peer_certificate (pair->server));

  tls_test_write_all (out_of (pair->client), "hello", 5, &error);
  g_assert_no_error (error);
  got = tls_test_read_exactly (in_of (pair->server), 5, &error);
  g_assert_no_error (error);
  assert_bytes_str (got, "hello");

  tls_test_write_all (out_of (pair->server), "HELLO", 5, &error);
  g_assert_no_error (error);
  back = tls_test_read_exactly (in_of (pair->client), 5, &error);
  g_assert_no_error (error);
  assert_bytes_str (back, "HELLO");

  /* close_notify ends the server's reading cleanly. */
  close_notify_async_wait (pair->client);
  rest = tls_test_read_all (in_of (pair->server), 1024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (rest), ==, 0);
  g_assert_true (qnet_tls_stream_got_close_notify (pair->server));
  g_assert_false (qnet_tls_stream_was_truncated (pair->server));

  /* Writing after close_notify fails. */
  g_output_stream_write (out_of (pair->client), "x", 1, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

static void
test_tls12 (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autoptr(GError) error = NULL;

  qnet_tls_stream_set_priority (pair->server, "NORMAL:-VERS-ALL:+VERS-TLS1.2", &error);
  g_assert_no_error (error);
  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);

  g_assert_cmpstr (qnet_tls_stream_get_protocol_version (pair->client), ==, "TLS1.2");
  /* An RSA server key: an ECDHE_RSA suite, IANA-named. */
  g_assert_true (g_str_has_prefix (qnet_tls_stream_get_cipher_name (pair->client),
                                   "TLS_ECDHE_RSA_WITH_"));
  g_assert_cmpstr (qnet_tls_stream_get_cipher_name (pair->client), ==,
                   qnet_tls_stream_get_cipher_name (pair->server));
  g_test_message ("negotiated %s %s", qnet_tls_stream_get_protocol_version (pair->client),
                  qnet_tls_stream_get_cipher_name (pair->client));
}

typedef struct {
  GSocketConnection *conn;
  GBytes            *received;
  GError            *error;
  char              *cipher;
} ThreadServer;

/* The blocking API, in a thread: handshake, read until close_notify, echo
 * it back, send close_notify. */
static gpointer
sync_server_thread (gpointer data)
{
  ThreadServer *ts = data;
  g_autoptr(QnetTlsStream) tls = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  gsize written;

  tls = qnet_tls_stream_new (G_IO_STREAM (ts->conn), QNET_TLS_STREAM_SERVER, NULL, &ts->error);
  if (tls == NULL)
    return NULL;
  tls_test_set_certificate (tls, "server.pem", "server-key.pem");
  if (!qnet_tls_stream_handshake (tls, TLS_TEST_TIMEOUT_MS, NULL, &ts->error))
    return NULL;
  ts->cipher = g_strdup (qnet_tls_stream_get_cipher_name (tls));

  for (guint i = 0; i < 1000; i++)
    {
      guint8 chunk[4096];
      gssize n = g_input_stream_read (in_of (tls), chunk, sizeof (chunk), NULL, &ts->error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, n);
    }
  if (!qnet_tls_stream_got_close_notify (tls))
    return NULL;

  if (!g_output_stream_write_all (out_of (tls), buffer->data, buffer->len, &written, NULL,
                                  &ts->error))
    return NULL;
  if (!qnet_tls_stream_close_notify (tls, TLS_TEST_TIMEOUT_MS, NULL, &ts->error))
    return NULL;
  ts->received = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  return NULL;
}

static void
test_sync_thread (void)
{
  GSocketConnection *client_conn = NULL;
  ThreadServer ts = { NULL, NULL, NULL, NULL };
  g_autoptr(QnetTlsStream) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = tls_test_data_path ("ca.pem");
  g_autofree char *message = g_strnfill (100000, 'm');
  g_autoptr(GByteArray) echoed = g_byte_array_new ();
  GThread *thread;
  gsize written;

  tls_test_socket_pair (&client_conn, &ts.conn);
  thread = g_thread_new ("tls-sync-server", sync_server_thread, &ts);

  client = qnet_tls_stream_new (G_IO_STREAM (client_conn), QNET_TLS_STREAM_CLIENT, NULL, &error);
  g_assert_no_error (error);
  qnet_tls_stream_set_server_identity (client, "127.0.0.1");
  qnet_tls_stream_set_ca_file (client, ca, &error);
  g_assert_no_error (error);
  qnet_tls_stream_handshake (client, TLS_TEST_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  /* The IP literal matched the certificate's iPAddress name. */
  g_assert_cmpstr (qnet_tls_stream_get_verify_code (client), ==, "X509_V_OK");
  /* A second call returns at once. */
  g_assert_true (qnet_tls_stream_handshake (client, 0, NULL, &error));

  g_output_stream_write_all (out_of (client), message, strlen (message), &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, strlen (message));
  qnet_tls_stream_close_notify (client, TLS_TEST_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 1000; i++)
    {
      guint8 chunk[4096];
      gssize n = g_input_stream_read (in_of (client), chunk, sizeof (chunk), NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      g_byte_array_append (echoed, chunk, n);
    }
  g_assert_true (qnet_tls_stream_got_close_notify (client));
  g_assert_cmpmem (echoed->data, echoed->len, message, strlen (message));

  g_thread_join (thread);
  g_assert_no_error (ts.error);
  g_assert_cmpuint (g_bytes_get_size (ts.received), ==, strlen (message));
  g_assert_cmpstr (ts.cipher, ==, qnet_tls_stream_get_cipher_name (client));

  g_bytes_unref (ts.received);
  g_free (ts.cipher);
  g_object_unref (ts.conn);
  g_object_unref (client_conn);
}

static void
write_all_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncResultState *state = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &state->error);
  state->done = TRUE;
}

static void
test_large_transfer (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autoptr(GError) error = NULL;
  const gsize size = 4 * 1024 * 1024;
  g_autofree guint8 *payload = g_malloc (size);
  AsyncResultState write_state = { FALSE, NULL };

  for (gsize i = 0; i < size; i++)
    payload[i] = (guint8) (i * 7 + (i >> 12));

  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);

  /* Both directions at once, more than the socket buffers hold: writes
   * meet a full socket, queued ciphertext waits for the sources. */
  for (guint direction = 0; direction < 2; direction++)
    {
      QnetTlsStream *writer = direction == 0 ? pair->client : pair->server;
      QnetTlsStream *reader = direction == 0 ? pair->server : pair->client;
      g_autoptr(GBytes) got = NULL;

      write_state.done = FALSE;
      g_output_stream_write_all_async (out_of (writer), payload, size, G_PRIORITY_DEFAULT, NULL,
                                       write_all_cb, &write_state);
      got = tls_test_read_exactly (in_of (reader), size, &error);
      g_assert_no_error (error);
      tls_test_wait (&write_state.done);
      g_assert_no_error (write_state.error);
      g_assert_false (qnet_tls_stream_has_pending_output (writer));
      g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), payload, size);
    }
}

typedef struct {
  GByteArray *data;
  guint       dispatches;
  gboolean    done;
} SmallReads;

static gboolean
small_read_cb (GObject  *pollable,
               gpointer  user_data)
{
  SmallReads *state = user_data;
  g_autoptr(GError) error = NULL;
  guint8 buffer[2];
  gssize n;

  state->dispatches++;
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (pollable), buffer,
                                                sizeof (buffer), NULL, &error);
  if (n < 0)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
      return G_SOURCE_CONTINUE;
    }
  g_byte_array_append (state->data, buffer, n);
  if (state->data->len >= 8)
    {
      state->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* A persistent pollable source keeps firing while GnuTLS holds decrypted
 * bytes the socket no longer signals. */
static void
test_pollable_pending (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) source = NULL;
  SmallReads state = { g_byte_array_new (), 0, FALSE };

  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);

  /* One record of 8 bytes. */
  tls_test_write_all (out_of (pair->server), "abcdefgh", 8, &error);
  g_assert_no_error (error);

  source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (in_of (pair->client)),
                                                  NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (small_read_cb), &state, NULL);
  g_source_attach (source, NULL);
  tls_test_wait (&state.done);
  g_source_destroy (source);

  g_assert_cmpmem (state.data->data, state.data->len, "abcdefgh", 8);
  /* The last three reads came from GnuTLS's buffer, not the socket. */
  g_assert_cmpuint (state.dispatches, >=, 4);
  g_byte_array_unref (state.data);

  g_assert_true (g_pollable_output_stream_is_writable (
    G_POLLABLE_OUTPUT_STREAM (out_of (pair->client))));
}

static void
test_client_certificate (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = tls_test_data_path ("ca.pem");
  g_autoptr(GBytes) peer = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GBytes) client_pem = tls_test_data_bytes ("client.pem");
  g_autoptr(QnetTlsCertificate) client_cert = NULL;
  g_autoptr(GBytes) client_der = NULL;

  qnet_tls_stream_set_client_auth (pair->server, QNET_TLS_CLIENT_AUTH_REQUIRE);
  qnet_tls_stream_set_system_trust (pair->server, FALSE);
  qnet_tls_stream_set_ca_file (pair->server, ca, &error);
  g_assert_no_error (error);
  /* The client's key is the password-protected PKCS #8 one. */
  tls_test_set_certificate (pair->client, "client.pem", "client-key-pkcs8-encrypted.pem");

  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);

  g_assert_cmpstr (qnet_tls_stream_get_verify_code (pair->server), ==, "X509_V_OK");
  client_cert = qnet_tls_certificate_new_from_pem (g_bytes_get_data (client_pem, NULL),
                                                   g_bytes_get_size (client_pem), &error);
  g_assert_no_error (error);
  client_der = qnet_tls_certificate_get_der (client_cert);
  peer = qnet_tls_stream_get_peer_certificate (pair->server);
  g_assert_true (g_bytes_equal (peer, client_der));
  chain = qnet_tls_stream_get_peer_certificates (pair->server);
  g_assert_cmpuint (chain->len, ==, 1);

  tls_test_write_all (out_of (pair->client), "authenticated", 13, &error);
  g_assert_no_error (error);
  got = tls_test_read_exactly (in_of (pair->server), 13, &error);
  g_assert_no_error (error);
  assert_bytes_str (got, "authenticated");
}

static void
test_client_certificate_missing (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = tls_test_data_path ("ca.pem");

  qnet_tls_stream_set_client_auth (pair->server, QNET_TLS_CLIENT_AUTH_REQUIRE);
  qnet_tls_stream_set_ca_file (pair->server, ca, &error);
  g_assert_no_error (error);

  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_error (server_error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE);
  g_test_message ("server: %s", server_error->message);

  /* In TLS 1.3 the client finishes before the server judges it: the
   * refusal arrives as an alert on the first read. */
  if (client_error == NULL)
    {
      g_autoptr(GBytes) got = tls_test_read_all (in_of (pair->client), 1024, &error);

      g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED);
      g_test_message ("client read: %s", error->message);
      g_assert_cmpuint (g_bytes_get_size (got), ==, 0);
    }
  else
    g_assert_error (client_error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE);
}

static void
test_client_certificate_requested (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;

  qnet_tls_stream_set_client_auth (pair->server, QNET_TLS_CLIENT_AUTH_REQUEST);
  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);
  g_assert_null (qnet_tls_stream_get_verify_code (pair->server));
  g_assert_null (qnet_tls_stream_get_peer_certificate (pair->server));
  g_assert_null (qnet_tls_stream_get_peer_certificates (pair->server));
}

static void
test_client_certificate_untrusted (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;

  /* The server does not know the test CA. */
  qnet_tls_stream_set_client_auth (pair->server, QNET_TLS_CLIENT_AUTH_REQUIRE);
  qnet_tls_stream_set_system_trust (pair->server, FALSE);
  tls_test_set_certificate (pair->client, "client.pem", "client-key.pem");

  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_error (server_error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE);
  g_assert_cmpstr (qnet_tls_stream_get_verify_code (pair->server), ==,
                   "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
  g_assert_cmpstr (server_error->message, ==,
                   "The TLS certificate of the client is not trusted: unable to get local issuer "
                   "certificate (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)");
}

typedef struct {
  gboolean  answer;
  guint     calls;
  char     *code;
  GBytes   *der;
} AcceptState;

static gboolean
accept_certificate_cb (gpointer    user_data,
                       GBytes     *peer_der,
                       const char *code)
{
  AcceptState *state = user_data;

  state->calls++;
  g_free (state->code);
  state->code = g_strdup (code);
  g_clear_pointer (&state->der, g_bytes_unref);
  state->der = g_bytes_ref (peer_der);
  return state->answer;
}

static void
handshake_done_count_cb (gpointer user_data)
{
  AcceptState *state = user_data;

  /* Only counts; the accept test shares the state. */
  state->calls += 100;
}

static const QnetTlsStreamCallbacks accept_callbacks = {
  accept_certificate_cb,
  handshake_done_count_cb,
};

static void
test_accept_callback (void)
{
  for (guint answer = 0; answer < 2; answer++)
    {
      g_autoptr(TlsTestPair) pair = tls_test_pair_new_bare ();
      g_autoptr(GError) client_error = NULL;
      g_autoptr(GError) server_error = NULL;
      g_autoptr(GBytes) selfsigned = tls_test_data_bytes ("selfsigned.pem");
      g_autoptr(QnetTlsCertificate) cert = NULL;
      g_autoptr(GBytes) der = NULL;
      g_autoptr(GError) error = NULL;
      AcceptState state = { answer, 0, NULL, NULL };

      /* A client that trusts nothing of ours. */
      qnet_tls_stream_set_server_identity (pair->client, "localhost");
      qnet_tls_stream_set_callbacks (pair->client, &accept_callbacks, &state);
      tls_test_set_certificate (pair->server, "selfsigned.pem", "server-key.pem");

      tls_test_pair_handshake (pair, &client_error, &server_error);

      cert = qnet_tls_certificate_new_from_pem (g_bytes_get_data (selfsigned, NULL),
                                                g_bytes_get_size (selfsigned), &error);
      g_assert_no_error (error);
      der = qnet_tls_certificate_get_der (cert);
      if (client_error != NULL)
        g_test_message ("client: %s", client_error->message);
      if (server_error != NULL)
        g_test_message ("server: %s", server_error->message);
      g_assert_cmpstr (state.code, ==, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT");
      g_assert_true (g_bytes_equal (state.der, der));
      g_assert_cmpstr (qnet_tls_stream_get_verify_code (pair->client), ==,
                       "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT");

      if (answer)
        {
          g_autoptr(GBytes) got = NULL;

          g_assert_no_error (client_error);
          /* Asked once, then told the handshake is done. */
          g_assert_cmpuint (state.calls, ==, 101);
          g_assert_true (qnet_tls_stream_get_certificate_accepted (pair->client));
          tls_test_write_all (out_of (pair->client), "ok", 2, &error);
          g_assert_no_error (error);
          got = tls_test_read_exactly (in_of (pair->server), 2, &error);
          g_assert_no_error (error);
          assert_bytes_str (got, "ok");
        }
      else
        {
          g_assert_error (client_error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE);
          g_assert_cmpstr (client_error->message, ==,
                           "The TLS certificate of localhost is not trusted: self-signed "
                           "certificate (X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT)");
          g_assert_cmpuint (state.calls, ==, 1);
          g_assert_false (qnet_tls_stream_get_certificate_accepted (pair->client));
          /* Failed once, failed for good. */
          g_clear_error (&client_error);
          qnet_tls_stream_handshake (pair->client, 1000, NULL, &client_error);
          g_assert_error (client_error, QNET_TLS_ERROR, QNET_TLS_ERROR_CERTIFICATE);
        }

      g_free (state.code);
      g_clear_pointer (&state.der, g_bytes_unref);
    }
}

static void
test_verify_off (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new_bare ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autofree char *ca = tls_test_data_path ("ca.pem");
  g_autoptr(GError) error = NULL;

  qnet_tls_stream_set_server_identity (pair->client, "localhost");
  qnet_tls_stream_set_ca_file (pair->client, ca, &error);
  g_assert_no_error (error);
  tls_test_set_certificate (pair->server, "wronghost.pem", "server-key.pem");
  qnet_tls_stream_set_verify_peer (pair->client, FALSE);

  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);
  /* The result is still known. */
  g_assert_cmpstr (qnet_tls_stream_get_verify_code (pair->client), ==,
                   "X509_V_ERR_HOSTNAME_MISMATCH");
  g_assert_false (qnet_tls_stream_get_certificate_accepted (pair->client));
}

/* ---- STARTTLS ------------------------------------------------------------ */

static void
test_starttls (void)
{
  g_autoptr(GSocketConnection) client_conn = NULL;
  g_autoptr(GSocketConnection) server_conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autofree char *ca = tls_test_data_path ("ca.pem");
  TlsTestPair pair = { NULL, NULL, NULL, NULL };
  char line[64];
  gssize n;
  g_autoptr(GBytes) got = NULL;

  tls_test_socket_pair (&client_conn, &server_conn);

  /* Plain text first, on the very same connection. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (client_conn)),
                             "STARTTLS\r\n", 10, NULL, NULL, &error);
  g_assert_no_error (error);
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (server_conn)), line, 10,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (line, n, "STARTTLS\r\n", 10);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (server_conn)),
                             "220 go ahead\r\n", 14, NULL, NULL, &error);
  g_assert_no_error (error);
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (client_conn)), line, 14,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (line, n, "220 go ahead\r\n", 14);

  /* Then both sides wrap it. */
  pair.client_conn = client_conn;
  pair.server_conn = server_conn;
  pair.client = qnet_tls_stream_new (G_IO_STREAM (client_conn), QNET_TLS_STREAM_CLIENT, NULL,
                                     &error);
  g_assert_no_error (error);
  qnet_tls_stream_set_server_identity (pair.client, "localhost");
  qnet_tls_stream_set_ca_file (pair.client, ca, &error);
  g_assert_no_error (error);
  pair.server = qnet_tls_stream_new (G_IO_STREAM (server_conn), QNET_TLS_STREAM_SERVER, NULL,
                                     &error);
  g_assert_no_error (error);
  tls_test_set_certificate (pair.server, "server.pem", "server-key.pem");

  tls_test_pair_handshake (&pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);

  tls_test_write_all (out_of (pair.client), "secret", 6, &error);
  g_assert_no_error (error);
  got = tls_test_read_exactly (in_of (pair.server), 6, &error);
  g_assert_no_error (error);
  assert_bytes_str (got, "secret");

  g_object_unref (pair.client);
  g_object_unref (pair.server);
}

/* The server's line reader took the start of the ClientHello with the
 * command: those bytes go in as initial input. */
static void
test_starttls_read_ahead (void)
{
  g_autoptr(GSocketConnection) client_conn = NULL;
  g_autoptr(GSocketConnection) server_conn = NULL;
  g_autoptr(QnetTlsStream) client = NULL;
  g_autoptr(QnetTlsStream) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) initial = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autofree char *ca = tls_test_data_path ("ca.pem");
  AsyncResultState client_state = { FALSE, NULL };
  GSocket *server_socket;
  char buffer[8192];
  gsize have = 0;

  tls_test_socket_pair (&client_conn, &server_conn);
  server_socket = g_socket_connection_get_socket (server_conn);

  /* The client pipelines: command, then the handshake at once. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (client_conn)),
                             "STARTTLS\r\n", 10, NULL, NULL, &error);
  g_assert_no_error (error);
  client = qnet_tls_stream_new (G_IO_STREAM (client_conn), QNET_TLS_STREAM_CLIENT, NULL, &error);
  g_assert_no_error (error);
  qnet_tls_stream_set_server_identity (client, "localhost");
  qnet_tls_stream_set_ca_file (client, ca, &error);
  g_assert_no_error (error);
  qnet_tls_stream_handshake_async (client, TLS_TEST_TIMEOUT_MS, G_PRIORITY_DEFAULT, NULL,
                                   handshake_cb, &client_state);

  /* The server reads ahead: at least the line and a TLS record header. */
  while (have < 10 + 5)
    {
      gssize n;

      g_main_context_iteration (NULL, FALSE);
      if (!g_socket_condition_timed_wait (server_socket, G_IO_IN, 10 * 1000, NULL, NULL))
        continue;
      n = g_socket_receive (server_socket, buffer + have, sizeof (buffer) - have, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      have += n;
    }
  g_assert_cmpmem (buffer, 10, "STARTTLS\r\n", 10);
  g_assert_cmpint (buffer[10], ==, 0x16);   /* a handshake record */

  initial = g_bytes_new (buffer + 10, have - 10);
  server = qnet_tls_stream_new (G_IO_STREAM (server_conn), QNET_TLS_STREAM_SERVER, initial,
                                &error);
  g_assert_no_error (error);
  tls_test_set_certificate (server, "server.pem", "server-key.pem");
  g_assert_true (handshake_async_wait (server, TLS_TEST_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);
  tls_test_wait (&client_state.done);
  g_assert_no_error (client_state.error);

  tls_test_write_all (out_of (server), "after read-ahead", 16, &error);
  g_assert_no_error (error);
  got = tls_test_read_exactly (in_of (client), 16, &error);
  g_assert_no_error (error);
  assert_bytes_str (got, "after read-ahead");
}

/* ---- close_notify and truncation ----------------------------------------- */

static void
test_truncation (void)
{
  for (guint require = 0; require < 2; require++)
    {
      g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
      g_autoptr(GError) client_error = NULL;
      g_autoptr(GError) server_error = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) got = NULL;
      gssize n;
      char c;

      tls_test_pair_handshake (pair, &client_error, &server_error);
      g_assert_no_error (client_error);
      g_assert_no_error (server_error);
      qnet_tls_stream_set_require_close_notify (pair->client, require);

      /* The server sends a body and drops the TCP connection without
       * close_notify. */
      tls_test_write_all (out_of (pair->server), "partial body", 12, &error);
      g_assert_no_error (error);
      g_io_stream_close (G_IO_STREAM (pair->server_conn), NULL, &error);
      g_assert_no_error (error);

      got = tls_test_read_all (in_of (pair->client), 1024, &error);
      assert_bytes_str (got, "partial body");
      if (require)
        {
          g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_TRUNCATED);
          g_clear_error (&error);
        }
      else
        g_assert_no_error (error);
      g_assert_true (qnet_tls_stream_was_truncated (pair->client));
      g_assert_false (qnet_tls_stream_got_close_notify (pair->client));

      /* After that: end of stream. */
      n = g_input_stream_read (in_of (pair->client), &c, 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, 0);
    }
}

static void
test_clean_close (void)
{
  char buffer[16];
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  GPollableInputStream *server_in = G_POLLABLE_INPUT_STREAM (in_of (pair->server));
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = NULL;

  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);
  qnet_tls_stream_set_require_close_notify (pair->client, TRUE);

  /* Closing the TLS stream sends close_notify, then closes the socket. */
  tls_test_write_all (out_of (pair->server), "whole body", 10, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (pair->server), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_io_stream_is_closed (G_IO_STREAM (pair->server_conn)));

  got = tls_test_read_all (in_of (pair->client), 1024, &error);
  g_assert_no_error (error);
  assert_bytes_str (got, "whole body");
  g_assert_true (qnet_tls_stream_got_close_notify (pair->client));
  g_assert_false (qnet_tls_stream_was_truncated (pair->client));

  /* The closed side refuses I/O, also through the pollable interface. */
  g_assert_true (g_pollable_input_stream_is_readable (server_in));
  g_pollable_input_stream_read_nonblocking (server_in, buffer, sizeof (buffer), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

static void
close_async_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResultState *state = user_data;

  g_io_stream_close_finish (G_IO_STREAM (source), result, &state->error);
  state->done = TRUE;
}

static void
test_close_async (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = NULL;
  AsyncResultState state = { FALSE, NULL };

  tls_test_pair_handshake (pair, &client_error, &server_error);
  g_assert_no_error (client_error);
  g_assert_no_error (server_error);

  g_io_stream_close_async (G_IO_STREAM (pair->client), G_PRIORITY_DEFAULT, NULL, close_async_cb,
                           &state);
  tls_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_true (g_io_stream_is_closed (G_IO_STREAM (pair->client)));
  g_assert_true (g_io_stream_is_closed (G_IO_STREAM (pair->client_conn)));

  got = tls_test_read_all (in_of (pair->server), 1024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (got), ==, 0);
  g_assert_true (qnet_tls_stream_got_close_notify (pair->server));
}

/* ---- hostile peers -------------------------------------------------------- */

static void
hostile_handshake (GBytes   *reply,
                   gboolean  close_after,
                   gboolean  sync,
                   gint      timeout_ms,
                   GError  **error)
{
  TlsTestScriptServer *server = tls_test_script_server_start (reply, close_after, 3000);
  g_autoptr(QnetTlsStream) client = client_for_port (tls_test_script_server_get_port (server),
                                                     "localhost");
  gsize received;

  if (sync)
    qnet_tls_stream_handshake (client, timeout_ms, NULL, error);
  else
    handshake_async_wait (client, timeout_ms, NULL, error);

  /* A closed connection ends the server's hold at once. */
  g_io_stream_close (G_IO_STREAM (client), NULL, NULL);
  received = tls_test_script_server_stop (server);
  /* It saw our ClientHello. */
  g_assert_cmpuint (received, >, 5);
}

static void
test_hostile_garbage (void)
{
  static const char http[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  guint8 noise[65536];
  g_autoptr(GBytes) text = g_bytes_new_static (http, sizeof (http) - 1);
  g_autoptr(GBytes) random = NULL;
  /* A handshake record header claiming 2^14+2048+1 bytes (over the limit). */
  static const guint8 oversized[] = { 0x16, 0x03, 0x03, 0x48, 0x01, 0x02, 0x00 };
  g_autoptr(GBytes) too_long = g_bytes_new_static (oversized, sizeof (oversized));

  for (gsize i = 0; i < sizeof (noise); i++)
    noise[i] = (guint8) g_test_rand_int_range (0, 256);
  random = g_bytes_new (noise, sizeof (noise));

  for (guint sync = 0; sync < 2; sync++)
    {
      GBytes *replies[] = { text, random, too_long };

      for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
        {
          g_autoptr(GError) error = NULL;

          hostile_handshake (replies[i], TRUE, sync, TLS_TEST_TIMEOUT_MS, &error);
          g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE);
          g_assert_true (g_str_has_prefix (error->message, "TLS handshake failed: "));
          g_test_message ("%s reply %u: %s", sync ? "sync" : "async", i, error->message);
        }
    }
}

static void
test_hostile_close (void)
{
  for (guint sync = 0; sync < 2; sync++)
    {
      g_autoptr(GError) error = NULL;

      /* The server reads the ClientHello and hangs up. */
      hostile_handshake (NULL, TRUE, sync, TLS_TEST_TIMEOUT_MS, &error);
      g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_HANDSHAKE);
      g_test_message ("%s: %s", sync ? "sync" : "async", error->message);
    }
}

static void
test_hostile_stall (void)
{
  /* Nothing at all, and the start of a record that never completes. */
  static const guint8 partial[] = { 0x16, 0x03, 0x03, 0x00, 0x40, 0x02, 0x00, 0x00 };
  g_autoptr(GBytes) partial_record = g_bytes_new_static (partial, sizeof (partial));
  GBytes *replies[] = { NULL, partial_record };

  for (guint sync = 0; sync < 2; sync++)
    for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
      {
        g_autoptr(GError) error = NULL;
        gint64 start = g_get_monotonic_time ();
        gint64 elapsed_ms;

        hostile_handshake (replies[i], FALSE, sync, 300, &error);
        elapsed_ms = (g_get_monotonic_time () - start) / 1000;
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
        g_assert_cmpstr (error->message, ==, "The TLS handshake timed out");
        g_test_message ("%s stall %u: timed out after %" G_GINT64_FORMAT " ms",
                        sync ? "sync" : "async", i, elapsed_ms);
        g_assert_cmpint (elapsed_ms, >=, 290);
        g_assert_cmpint (elapsed_ms, <, 2500);
      }
}

/* Timeout 0: one attempt, no waiting for the peer. */
static void
test_hostile_no_wait (void)
{
  for (guint sync = 0; sync < 2; sync++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      hostile_handshake (NULL, FALSE, sync, 0, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 2500);
    }
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_hostile_cancel (void)
{
  TlsTestScriptServer *server = tls_test_script_server_start (NULL, FALSE, 3000);
  g_autoptr(QnetTlsStream) client = client_for_port (tls_test_script_server_get_port (server),
                                                     "localhost");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_timeout_add (100, cancel_cb, cancellable);
  handshake_async_wait (client, -1, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_io_stream_close (G_IO_STREAM (client), NULL, NULL);
  tls_test_script_server_stop (server);
}

/* ---- misuse and configuration errors ------------------------------------ */

static void
test_state_errors (void)
{
  g_autoptr(TlsTestPair) pair = tls_test_pair_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage_ca = tls_test_data_path ("server-key.pem");
  g_autofree char *missing_ca = tls_test_data_path ("no-such-ca.pem");
  g_autoptr(QnetTlsCertificate) cert = NULL;
  g_autoptr(QnetTlsPrivateKey) other_key = NULL;
  g_autofree char *cert_path = tls_test_data_path ("server.pem");
  g_autofree char *key_path = tls_test_data_path ("client-key.pem");
  gnutls_x509_crt_t chain[1];
  char c;

  /* No I/O before the handshake. */
  g_input_stream_read (in_of (pair->client), &c, 1, NULL, &error);
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED);
  g_clear_error (&error);
  qnet_tls_stream_close_notify (pair->client, 0, NULL, &error);
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED);
  g_clear_error (&error);

  /* Configuration that is refused. */
  qnet_tls_stream_set_priority (pair->client, "NOT-A-PRIORITY-STRING", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  qnet_tls_stream_set_ca_file (pair->client, garbage_ca, &error);
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_CERTIFICATE);
  g_clear_error (&error);
  qnet_tls_stream_set_ca_file (pair->client, missing_ca, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  cert = qnet_tls_certificate_new_from_file (cert_path, &error);
  g_assert_no_error (error);
  other_key = qnet_tls_private_key_new_from_file (key_path, NULL, &error);
  g_assert_no_error (error);
  chain[0] = _qnet_tls_certificate_get_x509 (cert);
  qnet_tls_stream_set_certificate (pair->client, chain, 1,
                                   _qnet_tls_private_key_get_x509 (other_key), &error);
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_INVALID_KEY);
  g_clear_error (&error);

  /* Identities: brackets go, the host is kept. */
  qnet_tls_stream_set_server_identity (pair->client, "[::1]");
  g_assert_cmpstr (qnet_tls_stream_get_server_identity (pair->client), ==, "::1");
  qnet_tls_stream_set_server_identity (pair->client, "localhost");
  g_assert_cmpstr (qnet_tls_stream_get_server_identity (pair->client), ==, "localhost");
  g_assert_true (qnet_tls_stream_get_base_stream (pair->client) == G_IO_STREAM (pair->client_conn));
  g_assert_cmpint (qnet_tls_stream_get_mode (pair->server), ==, QNET_TLS_STREAM_SERVER);
}

static void
test_server_without_certificate (void)
{
  GSocketConnection *client_conn = NULL;
  GSocketConnection *server_conn = NULL;
  g_autoptr(QnetTlsStream) server = NULL;
  g_autoptr(GError) error = NULL;

  tls_test_socket_pair (&client_conn, &server_conn);
  server = qnet_tls_stream_new (G_IO_STREAM (server_conn), QNET_TLS_STREAM_SERVER, NULL, &error);
  g_assert_no_error (error);
  qnet_tls_stream_handshake (server, 100, NULL, &error);
  g_assert_error (error, QNET_TLS_ERROR, QNET_TLS_ERROR_FAILED);
  g_object_unref (client_conn);
  g_object_unref (server_conn);
}

static void
test_not_pollable (void)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new ();
  g_autoptr(GInputStream) buffered = g_buffered_input_stream_new (memory);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GIOStream) base = NULL;
  g_autoptr(QnetTlsStream) tls = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (G_IS_POLLABLE_INPUT_STREAM (buffered)
                  && g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (buffered)));
  base = g_simple_io_stream_new (buffered, out);
  tls = qnet_tls_stream_new (base, QNET_TLS_STREAM_CLIENT, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_null (tls);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls/stream/async-echo", test_async_echo);
  g_test_add_func ("/tls/stream/tls12", test_tls12);
  g_test_add_func ("/tls/stream/sync-thread", test_sync_thread);
  g_test_add_func ("/tls/stream/large-transfer", test_large_transfer);
  g_test_add_func ("/tls/stream/pollable-pending", test_pollable_pending);
  g_test_add_func ("/tls/stream/client-certificate", test_client_certificate);
  g_test_add_func ("/tls/stream/client-certificate-missing", test_client_certificate_missing);
  g_test_add_func ("/tls/stream/client-certificate-requested", test_client_certificate_requested);
  g_test_add_func ("/tls/stream/client-certificate-untrusted", test_client_certificate_untrusted);
  g_test_add_func ("/tls/stream/accept-callback", test_accept_callback);
  g_test_add_func ("/tls/stream/verify-off", test_verify_off);
  g_test_add_func ("/tls/stream/starttls", test_starttls);
  g_test_add_func ("/tls/stream/starttls-read-ahead", test_starttls_read_ahead);
  g_test_add_func ("/tls/stream/truncation", test_truncation);
  g_test_add_func ("/tls/stream/clean-close", test_clean_close);
  g_test_add_func ("/tls/stream/close-async", test_close_async);
  g_test_add_func ("/tls/stream/hostile/garbage", test_hostile_garbage);
  g_test_add_func ("/tls/stream/hostile/close", test_hostile_close);
  g_test_add_func ("/tls/stream/hostile/stall", test_hostile_stall);
  g_test_add_func ("/tls/stream/hostile/no-wait", test_hostile_no_wait);
  g_test_add_func ("/tls/stream/hostile/cancel", test_hostile_cancel);
  g_test_add_func ("/tls/stream/state-errors", test_state_errors);
  g_test_add_func ("/tls/stream/server-without-certificate", test_server_without_certificate);
  g_test_add_func ("/tls/stream/not-pollable", test_not_pollable);

  return g_test_run ();
}
