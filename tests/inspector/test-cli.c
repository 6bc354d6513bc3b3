/* test-cli.c: qnet-inspector from the command line
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the built binary (QI_INSPECTOR_BINARY): --text, --export-har, the
 * automatic text fallback without a display, the demo in text mode, a
 * live tap in text mode, --version and a bad option.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct {
  char *out;
  char *err;
  int   status;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

static char *
fixture (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sample-session.jsonl", NULL);
}

static void
run_inspector (Run         *run,
               gboolean     with_display,
               const char  *first_arg,
               ...)
{
  const char *binary = g_getenv ("QI_INSPECTOR_BINARY");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "QNET_TRACE");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  if (!with_display)
    {
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
      g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11,wayland", TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error));
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
test_text_file (void)
{
  g_autofree char *trace = fixture ();
  Run run = { 0, };

  run_inspector (&run, TRUE, "--text", "--no-listen", trace, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* a header and one aligned line per event */
  g_assert_cmpuint (count_lines (run.out), ==, 1 + 66);
  g_assert_true (g_str_has_prefix (run.out, "      TIME (s)      PID  OBJECT"));
  g_assert_nonnull (strstr (run.out, "      0.001500     4242  QnetHttpClient #3 · 127.0.0.1:8080        hostname-resolved           127.0.0.1 (ipv4) port 8080\n"));
  g_assert_nonnull (strstr (run.out, "connect-failed              127.0.0.1:9: Connection refused\n"));
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);
}

static void
test_text_fallback_without_display (void)
{
  g_autofree char *trace = fixture ();
  Run run = { 0, };

  run_inspector (&run, FALSE, "--no-listen", trace, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "qnet-inspector: no display available, printing the event stream as text instead (see --text)\n");
  g_assert_cmpuint (count_lines (run.out), ==, 1 + 66);
  run_clear (&run);
}

static void
test_export_har (void)
{
  g_autofree char *trace = fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qi-har-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out.har", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *log;
  Run run = { 0, };

  run_inspector (&run, TRUE, "--export-har", path, trace, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "wrote 5 HTTP exchanges"));
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  log = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "log");
  g_assert_cmpstr (json_object_get_string_member (log, "version"), ==, "1.2");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (log, "entries")), ==, 5);
  run_clear (&run);

  /* an unreadable trace is an error, but the (empty) HAR is still written */
  g_unlink (path);
  run_inspector (&run, TRUE, "--export-har", path, "/nonexistent/trace.jsonl", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "cannot load /nonexistent/trace.jsonl"));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  run_clear (&run);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_demo_text (void)
{
  Run run = { 0, };

  run_inspector (&run, TRUE, "--demo", "--text", "--no-listen", "--duration", "6", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "QnetFile #"));
  g_assert_nonnull (strstr (run.out, "open-file"));
  g_assert_nonnull (strstr (run.out, "data-written"));
  g_assert_nonnull (strstr (run.out, "operation-failed"));
  g_assert_nonnull (strstr (run.out, "incoming-connection"));
  g_assert_nonnull (strstr (run.out, "connect-failed"));
  g_assert_nonnull (strstr (run.out, "http-send-message           GET /hello HTTP/1.1"));
  g_assert_nonnull (strstr (run.out, "http-chunked-start"));
  g_assert_nonnull (strstr (run.out, "http-redirect               → /hello (Found)"));
  g_assert_nonnull (strstr (run.out, "HTTP/1.1 404 Not Found"));
  g_assert_nonnull (strstr (run.out, "hostname-lookup             localhost"));
  g_assert_cmpuint (count_lines (run.out), >, 30);
  run_clear (&run);
}

/* The demo's HTTP exchanges, exported as HAR. */
static void
test_demo_har (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qi-har-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.har", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *entries;
  gboolean have_404 = FALSE, have_redirect = FALSE;
  Run run = { 0, };

  run_inspector (&run, TRUE, "--demo", "--export-har", path, "--duration", "3", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  entries = json_object_get_array_member (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "log"), "entries");
  g_assert_cmpuint (json_array_get_length (entries), >=, 5);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *response = json_object_get_object_member (json_array_get_object_element (entries, i), "response");

      have_404 |= json_object_get_int_member (response, "status") == 404;
      have_redirect |= g_str_equal (json_object_get_string_member (response, "redirectURL"), "/hello");
    }
  g_assert_true (have_404);
  g_assert_true (have_redirect);
  run_clear (&run);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_live_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qi-cli-tap-XXXXXX", &error);
  g_autofree char *socket_path = g_build_filename (dir, "socket", NULL);
  g_autofree char *listen_arg = g_strdup_printf ("--listen=%s", socket_path);
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "trace-child", NULL);
  const char *binary = g_getenv ("QI_INSPECTOR_BINARY");
  g_autoptr(GSubprocess) inspector = NULL;
  g_autoptr(GSubprocess) traced = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree char *pid = NULL;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  inspector = g_subprocess_launcher_spawn (launcher, &error,
                                           binary, "--text", listen_arg, "--duration", "3", NULL);
  g_assert_no_error (error);
  while (!g_file_test (socket_path, G_FILE_TEST_EXISTS))
    {
      g_usleep (10000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  traced = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, child, socket_path, "7", NULL);
  g_assert_no_error (error);
  /* the identifier is gone once the child is reaped */
  pid = g_strdup_printf (" %s  QnetFile #1 · ", g_subprocess_get_identifier (traced));
  g_assert_true (g_subprocess_wait_check (traced, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (inspector, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (inspector));
  g_assert_nonnull (strstr (err, "listening on"));
  {
    guint writes = 0;

    if (strstr (out, pid) == NULL)
      g_test_message ("output:\n%s\nerrors:\n%s", out, err);
    g_assert_nonnull (strstr (out, pid));
    for (const char *p = out; (p = strstr (p, "data-written")) != NULL; p++)
      writes++;
    g_assert_cmpuint (writes, ==, 7);
  }
  g_assert_false (g_file_test (socket_path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

static void
test_version_and_bad_option (void)
{
  Run run = { 0, };

  run_inspector (&run, TRUE, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "qnet-inspector " PACKAGE_VERSION "\n");
  run_clear (&run);

  run_inspector (&run, TRUE, "--no-such-option", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no-such-option"));
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/inspector/cli/text-file", test_text_file);
  g_test_add_func ("/inspector/cli/text-fallback-without-display", test_text_fallback_without_display);
  g_test_add_func ("/inspector/cli/export-har", test_export_har);
  g_test_add_func ("/inspector/cli/demo-text", test_demo_text);
  g_test_add_func ("/inspector/cli/demo-har", test_demo_har);
  g_test_add_func ("/inspector/cli/live-text", test_live_text);
  g_test_add_func ("/inspector/cli/version-and-bad-option", test_version_and_bad_option);

  return g_test_run ();
}
