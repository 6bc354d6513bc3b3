/* test-trace.c: process-wide tracing to files and UNIX sockets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "qnet-test-emitter.h"
#include "qnet-test-utils.h"

static void
emit_sample (QnetTestEmitter *e,
             guint            n)
{
  for (guint i = 0; i < n; i++)
    _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_PACKET_READ,
                        (gint64) 100, (gint64) (100 * (i + 1)), (gint64) -1);
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_CONNECTING,
                      (gint64) G_SOCKET_FAMILY_IPV4, "ipv4", "localhost", "127.0.0.1", (gint64) 80);
}

static char **
read_lines (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (contents, "\n"));
  contents[strlen (contents) - 1] = '\0';
  return g_strsplit (contents, "\n", -1);
}

static void
check_line_format (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *obj, *meta;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (obj, "event"));
  g_assert_true (json_object_has_member (obj, "source"));
  g_assert_true (json_object_has_member (obj, "id"));
  meta = json_object_get_object_member (obj, "qnet");
  g_assert_nonnull (meta);
  g_assert_cmpint (json_object_get_int_member (meta, "pid"), ==, getpid ());
  g_assert_nonnull (json_object_get_string_member (meta, "name"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (meta, "time"), "Z"));
  g_assert_cmpint (json_object_get_int_member (meta, "mono_us"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (meta, "type"), ==, "QnetTestEmitter");
}

static void
test_file (void)
{
  g_autofree char *dir = qnet_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "trace.jsonl", NULL);
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_false (qnet_trace_is_active ());
  g_assert_true (qnet_trace_start (path, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_trace_is_active ());
  emit_sample (e, 3);
  qnet_trace_stop ();
  g_assert_false (qnet_trace_is_active ());

  lines = read_lines (path);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(QnetEvent) ev = qnet_event_new_from_json (lines[i], &error);

      g_assert_no_error (error);
      check_line_format (lines[i]);
      /* The writer's direct path and the hash path write the same line. */
      {
        g_autofree char *again = qnet_event_to_json (ev);
        g_assert_cmpstr (again, ==, lines[i]);
      }
      g_assert_cmpuint (qnet_event_get_id (ev), ==, qnet_emitter_get_id (QNET_EMITTER (e)));
      g_assert_cmpstr (qnet_event_get_name (ev), ==, i < 3 ? "packet-read" : "connecting");
      if (i < 3)
        g_assert_cmpint (qnet_test_event_get_int (ev, "total_read"), ==, 100 * (i + 1));
    }
  g_assert_true (g_str_has_prefix (lines[0],
                                   "{\"event\":1,\"source\":1,\"id\":"));

  /* Events after stop go nowhere. */
  emit_sample (e, 1);
  g_strfreev (lines);
  lines = read_lines (path);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);

  qnet_test_rmdir_recursive (dir);
}

static void
test_bad_destination (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (qnet_trace_start ("/nonexistent-dir/x/trace.jsonl", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (qnet_trace_start ("unix:/nonexistent-dir/socket", &error));
  g_assert_nonnull (error);
  g_assert_false (qnet_trace_is_active ());
}

static int
listen_unix (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_strlcpy (addr.sun_path, path, sizeof addr.sun_path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (fd, 4), ==, 0);
  return fd;
}

static GString *
read_until_eof (int fd)
{
  GString *s = g_string_new (NULL);
  char buf[65536];
  gssize n;

  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (s, buf, n);
  return s;
}

static void
test_unix_socket (void)
{
  g_autofree char *dir = qnet_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "socket", NULL);
  g_autofree char *dest = g_strconcat ("unix:", path, NULL);
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) got = NULL;
  g_auto(GStrv) lines = NULL;
  int lfd = listen_unix (path);
  int cfd;

  g_assert_true (qnet_trace_start (dest, &error));
  g_assert_no_error (error);
  emit_sample (e, 2);
  qnet_trace_flush ();
  cfd = accept (lfd, NULL, NULL);
  g_assert_cmpint (cfd, >=, 0);
  qnet_trace_stop ();

  got = read_until_eof (cfd);
  lines = g_strsplit (got->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4); /* 3 lines and "" */
  g_assert_cmpstr (lines[3], ==, "");
  for (guint i = 0; i < 3; i++)
    check_line_format (lines[i]);

  close (cfd);
  close (lfd);
  qnet_test_rmdir_recursive (dir);
}

static gpointer
reader_thread (gpointer data)
{
  return read_until_eof (GPOINTER_TO_INT (data));
}

static void
test_dropped_when_full (void)
{
  g_autofree char *dir = qnet_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "socket", NULL);
  g_autofree char *dest = g_strconcat ("unix:", path, NULL);
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) got = NULL;
  int lfd = listen_unix (path);
  guint64 dropped;
  GThread *reader;
  guint64 reported = 0;
  guint events = 0;
  gint64 start;
  int cfd;

  g_assert_true (qnet_trace_start (dest, &error));
  g_assert_no_error (error);

  /* Nobody reads: the socket buffer fills, then the bounded buffer, and
   * the emitter must go on at full speed, dropping. */
  start = g_get_monotonic_time ();
  emit_sample (e, 200000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  dropped = qnet_trace_get_dropped_count ();
  g_assert_cmpuint (dropped, >, 0);

  cfd = accept (lfd, NULL, NULL);
  g_assert_cmpint (cfd, >=, 0);
  reader = g_thread_new ("reader", reader_thread, GINT_TO_POINTER (cfd));
  qnet_trace_stop ();
  got = g_thread_join (reader);

  /* Walk the lines in place (g_strsplit on megabytes is quadratic under
   * AddressSanitizer, whose strstr measures the whole rest each time). */
  for (const char *line = got->str, *end; *line != '\0'; line = end + 1)
    {
      end = memchr (line, '\n', got->len - (gsize) (line - got->str));
      g_assert_nonnull (end);
      if (g_strstr_len (line, end - line, "\"name\":\"trace-dropped\"") != NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *meta;

          json_parser_load_from_data (parser, line, end - line, &error);
          g_assert_no_error (error);
          meta = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "qnet");
          reported = json_object_get_int_member (meta, "dropped");
        }
      else
        events++;
    }
  /* Every event is either in the trace or counted as dropped. */
  g_assert_cmpuint (reported, ==, qnet_trace_get_dropped_count ());
  g_assert_cmpuint (events + reported, ==, 200001);

  close (cfd);
  close (lfd);
  qnet_test_rmdir_recursive (dir);
}

static void
test_env_variable (void)
{
  g_autofree char *dir = qnet_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "env.jsonl", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  g_subprocess_launcher_setenv (launcher, "QNET_TRACE", path, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self, "--emit-child", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (child, NULL, &error);
  g_assert_no_error (error);

  lines = read_lines (path);
  /* Three packet-read, one connecting and, at exit, nothing more: the
   * emitter is leaked on purpose so the trace holds exactly the sample. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(QnetEvent) ev = qnet_event_new_from_json (lines[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (qnet_event_get_name (ev), ==, i < 3 ? "packet-read" : "connecting");
      g_assert_cmpint (qnet_event_get_pid (ev), !=, getpid ());
    }
  qnet_test_rmdir_recursive (dir);
}

int
main (int argc, char *argv[])
{
  if (argc == 2 && g_strcmp0 (argv[1], "--emit-child") == 0)
    {
      QnetTestEmitter *e = qnet_test_emitter_new ();

      emit_sample (e, 3);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace/file", test_file);
  g_test_add_func ("/trace/bad-destination", test_bad_destination);
  g_test_add_func ("/trace/unix-socket", test_unix_socket);
  g_test_add_func ("/trace/dropped-when-full", test_dropped_when_full);
  g_test_add_func ("/trace/env-variable", test_env_variable);

  return g_test_run ();
}
