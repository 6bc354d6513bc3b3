/* test-file-async.c: QnetFile asynchronous forms raise the same events
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "file-test-common.h"

typedef struct
{
  QnetTestRecorder *rec;
  GAsyncResult *result;   /* (owned) (nullable) */
  gboolean done;
  guint events_at_callback;
  GThread *callback_thread;
} Wait;

static void
wait_init (Wait             *w,
           QnetTestRecorder *rec)
{
  memset (w, 0, sizeof *w);
  w->rec = rec;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  g_assert_false (w->done);
  w->result = g_object_ref (result);
  w->done = TRUE;
  w->callback_thread = g_thread_self ();
  if (w->rec != NULL)
    w->events_at_callback = qnet_test_recorder_get_events (w->rec)->len;
}

/* Waits for the callback and checks that every event of the operation was
 * raised before it ran. */
static GAsyncResult *
wait_result (Wait *w)
{
  qnet_test_wait_for_flag (&w->done, FILE_TEST_TIMEOUT_MS);
  if (w->rec != NULL)
    g_assert_cmpuint (w->events_at_callback, ==, qnet_test_recorder_get_events (w->rec)->len);
  g_assert_true (w->callback_thread == g_thread_self ());
  return w->result;
}

static void
wait_clear (Wait *w)
{
  g_clear_object (&w->result);
  w->done = FALSE;
}

/* The same scenario, blocking or asynchronous; returns the results joined
 * into one string to compare too. */
static char *
run_scenario (const char       *dir,
              gboolean          async,
              QnetTestRecorder *rec)
{
  g_autofree char *path = g_build_filename (dir, async ? "async.txt" : "blocking.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autofree guint8 *payload = g_malloc (40000);
  g_autoptr(GBytes) bytes = NULL;
  GString *results = g_string_new (NULL);
  QnetFile *file = qnet_file_new (NULL);
  Wait w;
  gboolean ok;

  for (guint i = 0; i < 40000; i++)
    payload[i] = (guint8) ('a' + i % 26);
  bytes = g_bytes_new (payload, 40000);
  qnet_test_recorder_attach (rec, file);
  wait_init (&w, rec);

#define STEP(blocking_call, async_start, finish_expr)                                              \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (!async)                                                                                    \
      {                                                                                            \
        blocking_call;                                                                             \
      }                                                                                            \
    else                                                                                           \
      {                                                                                            \
        async_start;                                                                               \
        wait_result (&w);                                                                          \
        finish_expr;                                                                               \
        wait_clear (&w);                                                                           \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

  /* A failed open */
  {
    g_autoptr(GError) error = NULL;

    STEP (ok = qnet_file_open (file, missing, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error),
          qnet_file_open_async (file, missing, QNET_FILE_OPEN_READ, 0, NULL, NULL, on_done, &w),
          ok = qnet_file_open_finish (file, w.result, &error));
    g_assert_false (ok);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  {
    g_autoptr(GError) error = NULL;

    STEP (ok = qnet_file_open (file, path, FILE_RW_FLAGS, 0600, "ISO-8859-1", NULL, &error),
          qnet_file_open_async (file, path, FILE_RW_FLAGS, 0600, "ISO-8859-1", NULL, on_done, &w),
          ok = qnet_file_open_finish (file, w.result, &error));
    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_true (qnet_file_is_open (file));
    g_assert_cmpstr (qnet_file_get_filename (file), ==, path);
  }

  {
    g_autoptr(GError) error = NULL;

    STEP (ok = qnet_file_write (file, "caf\xc3\xa9\nline two\n", NULL, &error),
          qnet_file_write_async (file, "caf\xc3\xa9\nline two\n", NULL, on_done, &w),
          ok = qnet_file_write_finish (file, w.result, &error));
    g_assert_no_error (error);
    g_assert_true (ok);
  }

  {
    g_autoptr(GError) error = NULL;

    STEP (ok = qnet_file_write_bytes (file, bytes, NULL, &error),
          qnet_file_write_bytes_async (file, bytes, NULL, on_done, &w),
          ok = qnet_file_write_bytes_finish (file, w.result, &error));
    g_assert_no_error (error);
    g_assert_true (ok);
  }

  {
    g_autoptr(GError) error = NULL;

    STEP (ok = qnet_file_sync (file, NULL, &error),
          qnet_file_sync_async (file, NULL, on_done, &w),
          ok = qnet_file_sync_finish (file, w.result, &error));
    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_true (qnet_file_set_position (file, 0, &error));
  }

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      STEP (text = qnet_file_read_line (file, FALSE, NULL, &error),
            qnet_file_read_line_async (file, FALSE, NULL, on_done, &w),
            text = qnet_file_read_line_finish (file, w.result, &error));
      g_assert_no_error (error);
      g_string_append_printf (results, "line:%s|", text);

      if (i == 0)
        {
          g_autofree char *chars = NULL;

          STEP (chars = qnet_file_read (file, 5, NULL, &error),
                qnet_file_read_async (file, 5, NULL, on_done, &w),
                chars = qnet_file_read_finish (file, w.result, &error));
          g_assert_no_error (error);
          g_string_append_printf (results, "read:%s|", chars);
        }
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) rest = NULL;

    STEP (rest = qnet_file_read_bytes (file, -1, NULL, &error),
          qnet_file_read_bytes_async (file, -1, NULL, on_done, &w),
          rest = qnet_file_read_bytes_finish (file, w.result, &error));
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (rest, bytes));
    g_string_append_printf (results, "bytes:%" G_GSIZE_FORMAT "|", g_bytes_get_size (rest));
  }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *none = NULL;

    STEP (none = qnet_file_read_line (file, TRUE, NULL, &error),
          qnet_file_read_line_async (file, TRUE, NULL, on_done, &w),
          none = qnet_file_read_line_finish (file, w.result, &error));
    g_assert_no_error (error);
    g_assert_null (none);
  }

  {
    g_autoptr(GError) error = NULL;

    STEP (ok = qnet_file_close (file, NULL, &error),
          qnet_file_close_async (file, NULL, on_done, &w),
          ok = qnet_file_close_finish (file, w.result, &error));
    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_false (qnet_file_is_open (file));
    g_assert_null (qnet_file_get_filename (file));
  }

#undef STEP

  g_object_unref (file);
  return g_string_free (results, FALSE);
}

static void
test_same_events (FileFixture   *fx,
                  gconstpointer  data)
{
  QnetTestRecorder *blocking = qnet_test_recorder_new ();
  QnetTestRecorder *async = qnet_test_recorder_new ();
  g_autofree char *blocking_results = run_scenario (fx->dir, FALSE, blocking);
  g_autofree char *async_results = run_scenario (fx->dir, TRUE, async);
  g_autofree char *blocking_summary = file_test_recorder_summary (blocking);
  g_autofree char *blocking_path = g_build_filename (fx->dir, "blocking.txt", NULL);
  g_autofree char *async_path = g_build_filename (fx->dir, "async.txt", NULL);
  g_autoptr(GBytes) blocking_bytes = file_test_get (blocking_path);
  g_autoptr(GBytes) async_bytes = file_test_get (async_path);

  g_assert_cmpstr (blocking_results, ==, "line:caf\xc3\xa9|read:line |line:two|bytes:40000|");
  g_test_message ("blocking events:\n%s", blocking_summary);
  g_assert_cmpstr (async_results, ==, blocking_results);
  g_assert_true (g_bytes_equal (blocking_bytes, async_bytes));

  qnet_test_recorder_assert_names (
    blocking, "open-file,operation-failed,open-file,file-opened,data-written,data-written,"
              "data-read,data-read,data-read,channel-closed,deleted");

  /* Identical but for the file names (and ids, left out of the summary). */
  {
    g_autofree char *async_summary = file_test_recorder_summary (async);
    GString *a = g_string_new (async_summary);
    GString *b = g_string_new (blocking_summary);

    g_string_replace (a, "async.txt", "FILE", 0);
    g_string_replace (b, "blocking.txt", "FILE", 0);
    g_assert_cmpstr (a->str, ==, b->str);
    g_string_free (a, TRUE);
    g_string_free (b, TRUE);
  }

  qnet_test_recorder_free (blocking);
  qnet_test_recorder_free (async);
}

static void
test_failure_before_callback (FileFixture   *fx,
                              gconstpointer  data)
{
  g_autofree char *missing = file_fixture_path (fx, "nope.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  Wait w;

  wait_init (&w, rec);
  qnet_file_open_async (file, missing, 0, 0, NULL, NULL, on_done, &w);
  /* Nothing is raised inside the call: all comes from the main loop. */
  qnet_test_recorder_assert_names (rec, "");
  g_assert_false (qnet_file_open_finish (file, wait_result (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (w.events_at_callback, ==, 2);
  qnet_test_recorder_assert_names (rec, "open-file,operation-failed");
  file_test_assert_failed_event (rec, 0, "open", G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  wait_clear (&w);
  g_clear_error (&error);

  /* An operation on a closed file fails the same way. */
  qnet_file_read_bytes_async (file, 10, NULL, on_done, &w);
  g_assert_null (qnet_file_read_bytes_finish (file, wait_result (&w), &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_NOT_OPEN);
  qnet_test_recorder_assert_names (rec, "open-file,operation-failed,operation-failed");
  file_test_assert_failed_event (rec, 1, "read_bytes", QNET_FILE_ERROR, QNET_FILE_ERROR_NOT_OPEN);
  wait_clear (&w);
  qnet_test_recorder_free (rec);
}

static void
test_pending (FileFixture   *fx,
              gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "busy.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second_error = NULL;
  g_autoptr(GBytes) got = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  Wait w;
  Wait second;

  file_test_put (path, "0123456789", -1);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ | QNET_FILE_OPEN_WRITE, 0, NULL,
                                 NULL, &error));
  qnet_test_recorder_clear (rec);
  wait_init (&w, NULL);
  wait_init (&second, NULL);

  qnet_file_read_bytes_async (file, 4, NULL, on_done, &w);
  /* While it runs, every other operation is refused. */
  g_assert_false (qnet_file_write (file, "x", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  qnet_file_close_async (file, NULL, on_done, &second);
  g_assert_true (qnet_file_is_open (file));

  got = qnet_file_read_bytes_finish (file, wait_result (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), "0123", 4);
  g_assert_false (qnet_file_close_finish (file, wait_result (&second), &second_error));
  g_assert_error (second_error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_true (qnet_file_is_open (file));

  qnet_test_recorder_assert_names (rec, "operation-failed,operation-failed,operation-failed,"
                                        "data-read");
  file_test_assert_failed_event (rec, 0, "write", G_IO_ERROR, G_IO_ERROR_PENDING);
  file_test_assert_failed_event (rec, 1, "get_position", G_IO_ERROR, G_IO_ERROR_PENDING);
  file_test_assert_failed_event (rec, 2, "close", G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 4);
  g_assert_no_error (error);
  wait_clear (&w);
  wait_clear (&second);
  qnet_test_recorder_free (rec);
}

static void
test_cancelled (FileFixture   *fx,
                gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "c.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  Wait w;

  file_test_put (path, "abc", -1);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  qnet_test_recorder_clear (rec);
  wait_init (&w, rec);
  g_cancellable_cancel (cancellable);

  qnet_file_read_line_async (file, TRUE, cancellable, on_done, &w);
  g_assert_null (qnet_file_read_line_finish (file, wait_result (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  qnet_test_recorder_assert_names (rec, "operation-failed");
  file_test_assert_failed_event (rec, 0, "read_line", G_IO_ERROR, G_IO_ERROR_CANCELLED);
  wait_clear (&w);
  g_clear_error (&error);

  /* Closing goes ahead even when cancelled. */
  qnet_file_close_async (file, cancellable, on_done, &w);
  g_assert_true (qnet_file_close_finish (file, wait_result (&w), &error));
  g_assert_no_error (error);
  qnet_test_recorder_assert_names (rec, "operation-failed,channel-closed");
  wait_clear (&w);
  qnet_test_recorder_free (rec);
}

/* Events are raised on the thread-default context of the thread that
 * started the operation, even when that is not the main thread. */
typedef struct
{
  char *path;
  GThread *thread;
  guint events_elsewhere;
  guint events_here;
  gboolean ok;
} ThreadRun;

static void
count_thread (QnetEmitter *emitter,
              QnetEvent   *event,
              ThreadRun   *run)
{
  if (g_thread_self () == run->thread)
    run->events_here++;
  else
    run->events_elsewhere++;
}

static gpointer
thread_main (gpointer data)
{
  ThreadRun *run = data;
  GMainContext *context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  QnetFile *file;
  Wait w;

  g_main_context_push_thread_default (context);
  run->thread = g_thread_self ();
  file = qnet_file_new (NULL);
  g_signal_connect (file, "event", G_CALLBACK (count_thread), run);
  wait_init (&w, NULL);

  qnet_file_open_async (file, run->path, QNET_FILE_OPEN_READ, 0, NULL, NULL, on_done, &w);
  run->ok = qnet_file_open_finish (file, wait_result (&w), &error);
  wait_clear (&w);
  qnet_file_read_bytes_async (file, -1, NULL, on_done, &w);
  bytes = qnet_file_read_bytes_finish (file, wait_result (&w), &error);
  run->ok = run->ok && bytes != NULL && g_bytes_get_size (bytes) == 5;
  wait_clear (&w);
  g_object_unref (file);

  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return NULL;
}

static void
test_caller_context (FileFixture   *fx,
                     gconstpointer  data)
{
  ThreadRun run = { 0 };
  GThread *thread;

  run.path = file_fixture_path (fx, "ctx.txt");
  file_test_put (run.path, "hello", -1);
  thread = g_thread_new ("file-test-context", thread_main, &run);
  g_thread_join (thread);

  g_assert_true (run.ok);
  /* open-file, file-opened, data-read, channel-closed, deleted */
  g_assert_cmpuint (run.events_here, ==, 5);
  g_assert_cmpuint (run.events_elsewhere, ==, 0);
  g_free (run.path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/file/async/" path, FileFixture, NULL, file_fixture_setup, func, \
              file_fixture_teardown)

  ADD ("same-events-as-blocking", test_same_events);
  ADD ("failure-before-callback", test_failure_before_callback);
  ADD ("pending", test_pending);
  ADD ("cancelled", test_cancelled);
  ADD ("caller-context", test_caller_context);

  return g_test_run ();
}
