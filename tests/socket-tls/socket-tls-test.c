/* socket-tls-test.c: helpers shared by the QnetSocket TLS tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "socket-tls-test.h"
#include "qnet-test-spawn.h"

/* ---- Fixtures --------------------------------------------------------------- */

QnetTlsCertificate *
stls_load_certificate (const char *name)
{
  g_autofree char *path = tls_test_data_path (name);
  g_autoptr(GError) error = NULL;
  QnetTlsCertificate *cert = qnet_tls_certificate_new_from_file (path, &error);

  g_assert_no_error (error);
  return cert;
}

void
stls_use_identity (QnetSocket *sock,
                   const char *cert,
                   const char *key)
{
  g_autofree char *key_path = tls_test_data_path (key);
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTlsCertificate) certificate = stls_load_certificate (cert);
  g_autoptr(QnetTlsPrivateKey) private_key = NULL;

  private_key = qnet_tls_private_key_new_from_file (key_path, TLS_TEST_KEY_PASSWORD, &error);
  g_assert_no_error (error);
  qnet_socket_set_certificate (sock, certificate);
  qnet_socket_set_private_key (sock, private_key);
  g_assert_true (qnet_socket_get_certificate (sock) == certificate);
  g_assert_true (qnet_socket_get_private_key (sock) == private_key);
}

void
stls_trust_test_ca (QnetSocket *sock)
{
  g_autofree char *ca = tls_test_data_path ("ca.pem");
  g_autoptr(GError) error = NULL;

  g_assert_true (qnet_socket_set_ca_file (sock, ca, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_socket_get_ca_file (sock), ==, ca);
}

QnetSocket *
stls_listen (void)
{
  g_autoptr(GError) error = NULL;
  QnetSocket *server = qnet_socket_new ();

  g_assert_true (qnet_socket_bind (server, "127.0.0.1:0", TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_socket_listen (server, 16, &error));
  g_assert_no_error (error);
  stls_use_identity (server, "server.pem", "server-key.pem");
  return server;
}

/* ---- Server programs -------------------------------------------------------- */

struct _StlsPeer
{
  StlsPeerKind   kind;
  TlsTestPeer   *serv;    /* (owned) (nullable) */
  QnetTestNginx *nginx;   /* (owned) (nullable) */
};

StlsPeer *
stls_peer_start (StlsPeerKind  kind,
                 const char   *cert,
                 const char   *key,
                 const char   *client_ca,
                 gboolean      tls12_only)
{
  StlsPeer *peer = g_new0 (StlsPeer, 1);

  peer->kind = kind;
  if (kind == STLS_PEER_GNUTLS_SERV)
    {
      g_autofree char *ca_path = client_ca != NULL ? tls_test_data_path (client_ca) : NULL;
      g_autofree char *ca_arg = ca_path != NULL ? g_strdup_printf ("--x509cafile=%s", ca_path) : NULL;
      const char *extra[6] = { NULL, };
      guint n = 0;

      if (client_ca != NULL)
        {
          extra[n++] = "--require-client-cert";
          extra[n++] = "--verify-client-cert";
          extra[n++] = ca_arg;
        }
      if (tls12_only)
        extra[n++] = "--priority=NORMAL:-VERS-TLS1.3";
      peer->serv = tls_test_gnutls_serv_start (cert, key, extra);
    }
  else
    {
      g_autofree char *cert_path = tls_test_data_path (cert);
      g_autofree char *key_path = tls_test_data_path (key);
      g_autofree char *ca_path = client_ca != NULL ? tls_test_data_path (client_ca) : NULL;
      QnetTestNginxTls tls = { cert_path, key_path, ca_path, tls12_only ? "TLSv1.2" : NULL };
      g_autoptr(GError) error = NULL;

      peer->nginx = qnet_test_nginx_start_tls (NULL, &tls, &error);
      g_assert_no_error (error);
      qnet_test_nginx_add_file (peer->nginx, "hello.txt", STLS_HELLO_BODY, -1);
    }
  return peer;
}

guint16
stls_peer_get_port (StlsPeer *peer)
{
  return peer->kind == STLS_PEER_GNUTLS_SERV ? tls_test_peer_get_port (peer->serv)
                                             : qnet_test_nginx_get_port (peer->nginx);
}

StlsPeerKind
stls_peer_get_kind (StlsPeer *peer)
{
  return peer->kind;
}

const char *
stls_peer_get_name (StlsPeer *peer)
{
  return peer->kind == STLS_PEER_GNUTLS_SERV ? "gnutls-serv" : "nginx";
}

void
stls_peer_kill (StlsPeer *peer)
{
  g_assert_true (peer->kind == STLS_PEER_GNUTLS_SERV);
  g_subprocess_send_signal (tls_test_peer_get_process (peer->serv), SIGKILL);
  tls_test_peer_wait_exit (peer->serv);
}

void
stls_peer_free (StlsPeer *peer)
{
  if (peer == NULL)
    return;
  g_clear_pointer (&peer->serv, tls_test_peer_stop);
  g_clear_pointer (&peer->nginx, qnet_test_nginx_stop);
  g_free (peer);
}

guint
stls_peer_exchange (StlsPeer   *peer,
                    QnetSocket *sock)
{
  g_autoptr(GError) error = NULL;

  if (peer->kind == STLS_PEER_GNUTLS_SERV)
    {
      const char *line = "ping over QnetSocket TLS\n";
      g_autoptr(GBytes) echo = NULL;

      g_assert_true (qnet_socket_send (sock, line, NULL, &error));
      g_assert_no_error (error);
      echo = qnet_socket_recv_bytes (sock, (gssize) strlen (line), STLS_TIMEOUT_MS, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (echo, NULL), g_bytes_get_size (echo), line, strlen (line));
      return 0;
    }
  else
    {
      g_autoptr(GBytes) response = NULL;
      g_autofree char *text = NULL;
      guint status = 0;
      gsize len;
      const char *data;

      g_assert_true (qnet_socket_send (sock, "GET /hello.txt HTTP/1.0\r\nHost: localhost\r\n\r\n",
                                       NULL, &error));
      g_assert_no_error (error);
      /* Until nginx closes: it ends with close_notify, so this is no
       * truncation. */
      response = qnet_socket_recv_bytes (sock, -1, STLS_TIMEOUT_MS, NULL, &error);
      g_assert_no_error (error);
      data = g_bytes_get_data (response, &len);
      text = g_strndup (data, len);
      g_assert_true (g_str_has_prefix (text, "HTTP/1.1 "));
      status = (guint) g_ascii_strtoull (text + strlen ("HTTP/1.1 "), NULL, 10);
      if (status == 200)
        g_assert_true (g_str_has_suffix (text, "\r\n\r\n" STLS_HELLO_BODY));
      g_assert_false (qnet_socket_is_open (sock));
      return status;
    }
}

/* ---- Client programs -------------------------------------------------------- */

struct _StlsProgram
{
  GSubprocess *process;
  GString     *output;
  gboolean     output_done;
  gboolean     exited;
  char         buffer[4096];
};

static void
program_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  StlsProgram *program = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0)
    {
      program->output_done = TRUE;
      return;
    }
  g_string_append_len (program->output, program->buffer, n);
  g_input_stream_read_async (G_INPUT_STREAM (source), program->buffer, sizeof (program->buffer),
                             G_PRIORITY_DEFAULT, NULL, program_read_cb, program);
}

static void
program_exited_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  StlsProgram *program = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  program->exited = TRUE;
}

StlsProgram *
stls_program_spawn (const char * const *argv)
{
  StlsProgram *program = g_new0 (StlsProgram, 1);
  g_autoptr(GError) error = NULL;

  program->output = g_string_new (NULL);
  program->process = qnet_test_spawn_peer (argv,
                                           G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                           &error);
  /* A missing program is a failure, never a skip. */
  g_assert_no_error (error);
  g_input_stream_read_async (g_subprocess_get_stdout_pipe (program->process), program->buffer,
                             sizeof (program->buffer), G_PRIORITY_DEFAULT, NULL, program_read_cb,
                             program);
  g_subprocess_wait_async (program->process, NULL, program_exited_cb, program);
  return program;
}

void
stls_program_write (StlsProgram *program,
                    const char  *text)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (g_subprocess_get_stdin_pipe (program->process), text, strlen (text),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (g_subprocess_get_stdin_pipe (program->process), NULL, &error);
  g_assert_no_error (error);
}

void
stls_program_close_stdin (StlsProgram *program)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (program->process), NULL, NULL);
}

void
stls_program_signal (StlsProgram *program,
                     int          signum)
{
  g_subprocess_send_signal (program->process, signum);
}

void
stls_program_wait_output (StlsProgram *program,
                          const char  *text)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) STLS_TIMEOUT_MS * 1000;

  while (strstr (program->output->str, text) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("“%s” did not appear in the program's output: “%s”", text, program->output->str);
      if (program->output_done && program->exited)
        g_error ("the program exited before writing “%s”: “%s”", text, program->output->str);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

const char *
stls_program_wait_exit (StlsProgram *program,
                        gint        *exit_status)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) STLS_TIMEOUT_MS * 1000;

  while (!program->exited || !program->output_done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  if (exit_status != NULL)
    *exit_status = g_subprocess_get_if_exited (program->process)
                   ? g_subprocess_get_exit_status (program->process) : -1;
  return program->output->str;
}

const char *
stls_program_get_output (StlsProgram *program)
{
  return program->output->str;
}

void
stls_program_free (StlsProgram *program)
{
  gint64 deadline;

  if (program == NULL)
    return;
  if (!program->exited)
    g_subprocess_force_exit (program->process);
  deadline = g_get_monotonic_time () + (gint64) STLS_TIMEOUT_MS * 1000;
  while ((!program->exited || !program->output_done) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_object_unref (program->process);
  g_string_free (program->output, TRUE);
  g_free (program);
}
