/* qnet-test-nginx.c: a throw-away nginx on a free loopback port, for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "qnet-test-nginx.h"
#include "qnet-test-spawn.h"

#define NGINX_PATH "/usr/sbin/nginx"
/* How long nginx may take to accept its first connection. */
#define NGINX_START_TIMEOUT_US (10 * G_USEC_PER_SEC)
/* Ports picked and lost to a race before giving up. */
#define NGINX_START_ATTEMPTS 5

struct _QnetTestNginx
{
  char        *dir;       /* (owned) */
  char        *docroot;   /* (owned) */
  GSubprocess *process;   /* (owned) (nullable) */
  guint16      port;
};

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static guint16
pick_free_port (GError **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_bind (socket, any, TRUE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
can_connect (guint16 port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  return socket != NULL && g_socket_connect (socket, address, NULL, NULL);
}

/* The listen directive's options and the TLS directives of @tls. */
static char *
tls_directives (const QnetTestNginxTls *tls)
{
  GString *s;

  if (tls == NULL)
    return g_strdup ("");

  s = g_string_new (NULL);
  g_string_append_printf (s,
                          "ssl_certificate %s;\n"
                          "    ssl_certificate_key %s;\n"
                          "    ssl_protocols %s;\n"
                          "    ssl_session_cache off;\n",
                          tls->certificate, tls->private_key,
                          tls->protocols != NULL ? tls->protocols : "TLSv1.2 TLSv1.3");
  if (tls->client_ca != NULL)
    g_string_append_printf (s,
                            "    ssl_client_certificate %s;\n"
                            "    ssl_verify_client on;\n",
                            tls->client_ca);
  return g_string_free (s, FALSE);
}

static gboolean
write_config (QnetTestNginx           *nginx,
              const char              *extra,
              const QnetTestNginxTls  *tls,
              GError                 **error)
{
  g_autofree char *conf_path = g_build_filename (nginx->dir, "nginx.conf", NULL);
  g_autofree char *tmp = g_build_filename (nginx->dir, "tmp", NULL);
  g_autofree char *tls_conf = tls_directives (tls);
  g_autofree char *conf = NULL;

  if (g_mkdir_with_parents (tmp, 0700) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create %s", tmp);
      return FALSE;
    }

  conf = g_strdup_printf ("pid %1$s/nginx.pid;\n"
                          "error_log %1$s/error.log;\n"
                          "worker_rlimit_nofile 1024;\n"
                          "events { worker_connections 256; }\n"
                          "http {\n"
                          "  access_log %1$s/access.log;\n"
                          "  client_body_temp_path %1$s/tmp/body;\n"
                          "  proxy_temp_path %1$s/tmp/proxy;\n"
                          "  fastcgi_temp_path %1$s/tmp/fastcgi;\n"
                          "  uwsgi_temp_path %1$s/tmp/uwsgi;\n"
                          "  scgi_temp_path %1$s/tmp/scgi;\n"
                          "  types { text/html html; text/plain txt; }\n"
                          "  default_type application/octet-stream;\n"
                          "  keepalive_timeout 30s;\n"
                          "  server {\n"
                          "    listen 127.0.0.1:%2$u%5$s;\n"
                          "    server_name localhost;\n"
                          "    root %3$s;\n"
                          "    %6$s"
                          "    %4$s\n"
                          "  }\n"
                          "}\n",
                          nginx->dir, (guint) nginx->port, nginx->docroot,
                          extra != NULL ? extra : "",
                          tls != NULL ? " ssl" : "", tls_conf);
  return g_file_set_contents (conf_path, conf, -1, error);
}

static gboolean
start_once (QnetTestNginx           *nginx,
            const char              *extra,
            const QnetTestNginxTls  *tls,
            GError                 **error)
{
  g_autofree char *conf_path = g_build_filename (nginx->dir, "nginx.conf", NULL);
  g_autofree char *error_log = g_build_filename (nginx->dir, "error.log", NULL);
  gint64 deadline;

  nginx->port = pick_free_port (error);
  if (nginx->port == 0 || !write_config (nginx, extra, tls, error))
    return FALSE;

  {
    const char *argv[] = { NGINX_PATH, "-p", nginx->dir, "-c", conf_path, "-e", error_log,
                           "-g", "daemon off; master_process off;", NULL };

    nginx->process = qnet_test_spawn_peer (argv,
                                           G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                           error);
  }
  if (nginx->process == NULL)
    return FALSE;

  deadline = g_get_monotonic_time () + NGINX_START_TIMEOUT_US;
  while (g_get_monotonic_time () < deadline)
    {
      if (can_connect (nginx->port))
        return TRUE;
      /* GLib reaps it if it exited (a lost port race, or a bad config). */
      if (g_subprocess_get_identifier (nginx->process) == NULL)
        break;
      g_usleep (20 * 1000);
    }

  {
    g_autofree char *log = NULL;

    g_file_get_contents (error_log, &log, NULL, NULL);
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nginx did not start on port %u: %s",
                 nginx->port, log != NULL ? log : "(no log)");
  }
  g_subprocess_force_exit (nginx->process);
  g_subprocess_wait (nginx->process, NULL, NULL);
  g_clear_object (&nginx->process);
  return FALSE;
}

static QnetTestNginx *
nginx_start (const char              *extra_server_conf,
             const QnetTestNginxTls  *tls,
             GError                 **error)
{
  QnetTestNginx *nginx;
  g_autoptr(GError) last = NULL;

  if (!g_file_test (NGINX_PATH, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is missing", NGINX_PATH);
      return NULL;
    }

  nginx = g_new0 (QnetTestNginx, 1);
  nginx->dir = g_dir_make_tmp ("qnet-nginx-XXXXXX", error);
  if (nginx->dir == NULL)
    {
      g_free (nginx);
      return NULL;
    }
  nginx->docroot = g_build_filename (nginx->dir, "www", NULL);
  g_mkdir_with_parents (nginx->docroot, 0700);

  for (guint i = 0; i < NGINX_START_ATTEMPTS; i++)
    {
      g_clear_error (&last);
      if (start_once (nginx, extra_server_conf, tls, &last))
        return nginx;
    }

  g_propagate_error (error, g_steal_pointer (&last));
  qnet_test_nginx_stop (nginx);
  return NULL;
}

QnetTestNginx *
qnet_test_nginx_start (const char  *extra_server_conf,
                       GError     **error)
{
  return nginx_start (extra_server_conf, NULL, error);
}

QnetTestNginx *
qnet_test_nginx_start_tls (const char              *extra_server_conf,
                           const QnetTestNginxTls  *tls,
                           GError                 **error)
{
  g_return_val_if_fail (tls != NULL && tls->certificate != NULL && tls->private_key != NULL, NULL);

  return nginx_start (extra_server_conf, tls, error);
}

guint16
qnet_test_nginx_get_port (QnetTestNginx *nginx)
{
  return nginx->port;
}

const char *
qnet_test_nginx_get_docroot (QnetTestNginx *nginx)
{
  return nginx->docroot;
}

void
qnet_test_nginx_add_file (QnetTestNginx *nginx,
                          const char    *name,
                          const void    *data,
                          gssize         len)
{
  g_autofree char *path = g_build_filename (nginx->docroot, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

void
qnet_test_nginx_stop (QnetTestNginx *nginx)
{
  if (nginx == NULL)
    return;

  if (nginx->process != NULL)
    {
      g_subprocess_send_signal (nginx->process, SIGTERM);
      g_subprocess_wait (nginx->process, NULL, NULL);
      g_clear_object (&nginx->process);
    }
  remove_tree (nginx->dir);
  g_free (nginx->docroot);
  g_free (nginx->dir);
  g_free (nginx);
}
