/* test-file-errors.c: QnetFile errors: clear GErrors, events, nothing lost
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file-test-common.h"

#define DENIED_PATH_ENV "QNET_TEST_FILE_DENIED_PATH"

static void
test_missing (FileFixture   *fx,
              gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "does-not-exist.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  QnetEvent *open_file;

  g_assert_false (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (qnet_file_is_open (file));
  g_assert_null (qnet_file_get_filename (file));

  /* open-file is raised, file-opened is not. */
  qnet_test_recorder_assert_names (rec, "open-file,operation-failed");
  open_file = qnet_test_recorder_find (rec, "open-file", 0);
  g_assert_cmpstr (qnet_test_event_get_string (open_file, "filename"), ==, path);
  g_assert_cmpint (qnet_test_event_get_int (open_file, "flags"), ==, QNET_FILE_OPEN_READ);
  file_test_assert_failed_event (rec, 0, "open", G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (qnet_test_event_get_string (qnet_test_recorder_find (rec, "operation-failed", 0),
                                               "message"),
                   ==, error->message);
  qnet_test_recorder_free (rec);
}

static void
test_permission_denied (FileFixture   *fx,
                        gconstpointer  data)
{
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      const char *denied = g_getenv (DENIED_PATH_ENV);
      g_autoptr(GError) error = NULL;
      QnetTestRecorder *rec;
      g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);

      g_assert_nonnull (denied);
      /* root ignores file modes: become nobody first */
      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      g_assert_false (qnet_file_open (file, denied, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, denied));
      g_clear_error (&error);
      g_assert_false (qnet_file_open (file, denied, QNET_FILE_OPEN_WRITE, 0, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      qnet_test_recorder_assert_names (rec, "open-file,operation-failed,open-file,operation-failed");
      file_test_assert_failed_event (rec, 1, "open", G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      qnet_test_recorder_free (rec);
      return;
    }

  path = file_fixture_path (fx, "secret.txt");
  file_test_put (path, "secret", -1);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  g_assert_cmpint (g_chmod (fx->dir, 0755), ==, 0);
  g_setenv (DENIED_PATH_ENV, path, TRUE);
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv (DENIED_PATH_ENV);
  g_test_trap_assert_passed ();
}

typedef struct
{
  const char *operation;
  gboolean (*call) (QnetFile *file, GError **error);
} NotOpenCase;

static gboolean
call_read (QnetFile *f, GError **e)
{
  g_autofree char *s = qnet_file_read (f, 1, NULL, e);

  return s != NULL;
}

static gboolean
call_read_bytes (QnetFile *f, GError **e)
{
  g_autoptr(GBytes) b = qnet_file_read_bytes (f, 1, NULL, e);

  return b != NULL;
}

static gboolean
call_read_line (QnetFile *f, GError **e)
{
  g_autofree char *s = qnet_file_read_line (f, TRUE, NULL, e);

  return s != NULL;
}

static gboolean
call_read_u8 (QnetFile *f, GError **e)
{
  guint8 v = 1;
  gboolean ok = qnet_file_read_u8 (f, &v, NULL, e);

  g_assert_cmpuint (v, ==, 0);
  return ok;
}

static gboolean
call_read_i64_le (QnetFile *f, GError **e)
{
  return qnet_file_read_i64_le (f, NULL, NULL, e);
}

static gboolean
call_write (QnetFile *f, GError **e)
{
  return qnet_file_write (f, "x", NULL, e);
}

static gboolean
call_print (QnetFile *f, GError **e)
{
  return qnet_file_print (f, "x", NULL, e);
}

static gboolean
call_write_bytes (QnetFile *f, GError **e)
{
  g_autoptr(GBytes) b = g_bytes_new_static ("x", 1);

  return qnet_file_write_bytes (f, b, NULL, e);
}

static gboolean
call_write_i32 (QnetFile *f, GError **e)
{
  return qnet_file_write_i32 (f, 1, NULL, e);
}

static gboolean
call_sync (QnetFile *f, GError **e)
{
  return qnet_file_sync (f, NULL, e);
}

static gboolean
call_set_position (QnetFile *f, GError **e)
{
  return qnet_file_set_position (f, 0, e);
}

static gboolean
call_get_position (QnetFile *f, GError **e)
{
  return qnet_file_get_position (f, e) >= 0;
}

static gboolean
call_get_size (QnetFile *f, GError **e)
{
  return qnet_file_get_size (f, e) >= 0;
}

static gboolean
call_lock (QnetFile *f, GError **e)
{
  return qnet_file_lock (f, FALSE, e);
}

static gboolean
call_unlock (QnetFile *f, GError **e)
{
  return qnet_file_unlock (f, e);
}

static void
test_not_open (void)
{
  const NotOpenCase cases[] = {
    { "read", call_read },
    { "read_bytes", call_read_bytes },
    { "read_line", call_read_line },
    { "read_u8", call_read_u8 },
    { "read_i64_le", call_read_i64_le },
    { "write", call_write },
    { "print", call_print },
    { "write_bytes", call_write_bytes },
    { "write_i32", call_write_i32 },
    { "sync", call_sync },
    { "set_position", call_set_position },
    { "get_position", call_get_position },
    { "get_size", call_get_size },
    { "lock", call_lock },
    { "unlock", call_unlock },
  };
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].operation);
      g_assert_false (cases[i].call (file, &error));
      g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_NOT_OPEN);
      g_assert_cmpuint (qnet_test_recorder_count (rec, "operation-failed"), ==, i + 1);
      file_test_assert_failed_event (rec, i, cases[i].operation, QNET_FILE_ERROR,
                                     QNET_FILE_ERROR_NOT_OPEN);
    }
  g_assert_cmpuint (qnet_test_recorder_get_events (rec)->len, ==, G_N_ELEMENTS (cases));
  qnet_test_recorder_free (rec);
}

static void
test_write_read_only (FileFixture   *fx,
                      gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "ro.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("zz", 2);
  g_autofree char *text = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);

  file_test_put (path, "keep", -1);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_false (qnet_file_write (file, "new", NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (qnet_file_write_bytes (file, bytes, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_false (qnet_file_write_i16_le (file, 1, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_WRITE);
  g_clear_error (&error);
  /* An exclusive lock needs write access. */
  g_assert_false (qnet_file_lock (file, TRUE, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_LOCK);
  g_clear_error (&error);

  /* The file is still fine for reading. */
  text = qnet_file_read (file, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "keep");
  file_test_assert_contents (path, "keep", 4);
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,operation-failed,operation-failed,"
                                        "operation-failed,operation-failed,data-read");
  file_test_assert_failed_event (rec, 0, "write", QNET_FILE_ERROR, QNET_FILE_ERROR_WRITE);
  file_test_assert_failed_event (rec, 1, "write_bytes", QNET_FILE_ERROR, QNET_FILE_ERROR_WRITE);
  file_test_assert_failed_event (rec, 2, "write_i16_le", QNET_FILE_ERROR, QNET_FILE_ERROR_WRITE);
  qnet_test_recorder_free (rec);
}

static void
test_read_write_only (FileFixture   *fx,
                      gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "wo.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  guint16 v = 0;

  g_assert_true (qnet_file_open (file, path, FILE_WRITE_FLAGS, 0644, NULL, NULL, &error));
  g_assert_true (qnet_file_write (file, "data", NULL, &error));
  g_assert_null (qnet_file_read (file, -1, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ);
  g_clear_error (&error);
  g_assert_false (qnet_file_read_u16 (file, &v, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ);
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,data-written,operation-failed,"
                                        "operation-failed");
  file_test_assert_failed_event (rec, 1, "read_u16", QNET_FILE_ERROR, QNET_FILE_ERROR_READ);
  qnet_test_recorder_free (rec);
}

static void
test_dev_full (void)
{
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);

  g_assert_true (g_file_test ("/dev/full", G_FILE_TEST_EXISTS));
  g_assert_true (qnet_file_open (file, "/dev/full", QNET_FILE_OPEN_WRITE, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (qnet_file_write (file, "no room", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "/dev/full"));
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,operation-failed");
  file_test_assert_failed_event (rec, 0, "write", G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  /* The file stays open. */
  g_assert_true (qnet_file_is_open (file));
  qnet_test_recorder_free (rec);
}

static void
raise_file_size_limit (QnetFile *file,
                       gint64    written,
                       gint64    total_written,
                       gint64    total_to_write,
                       gpointer  user_data)
{
  struct rlimit limit = { RLIM_INFINITY, RLIM_INFINITY };

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

/* RLIMIT_FSIZE makes write(2) short at the limit (SIGXFSZ ignored): the
 * first write(2) stops at 100 bytes; with @raise the handler of its event
 * lifts the limit, so the retry completes; without, it fails with EFBIG. */
static void
run_short_write (FileFixture *fx,
                 gboolean     raise)
{
  g_autofree char *path = file_fixture_path (fx, "limited.bin");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  struct rlimit limit;
  guint8 data[300];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) i;
  bytes = g_bytes_new (data, sizeof data);

  g_assert_true (qnet_file_open (file, path, FILE_WRITE_FLAGS, 0644, NULL, NULL, &error));
  g_assert_no_error (error);
  if (raise)
    g_signal_connect (file, "data-written", G_CALLBACK (raise_file_size_limit), NULL);

  g_assert_true (signal (SIGXFSZ, SIG_IGN) != SIG_ERR);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = 100;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  if (raise)
    {
      g_assert_true (qnet_file_write_bytes (file, bytes, NULL, &error));
      g_assert_no_error (error);
      qnet_test_recorder_assert_names (rec, "open-file,file-opened,data-written,data-written");
      file_test_assert_io_event (qnet_test_recorder_find (rec, "data-written", 0), "data-written",
                                 100, 100, 300);
      file_test_assert_io_event (qnet_test_recorder_find (rec, "data-written", 1), "data-written",
                                 200, 300, 300);
      file_test_assert_contents (path, data, sizeof data);
    }
  else
    {
      g_assert_false (qnet_file_write_bytes (file, bytes, NULL, &error));
      g_assert_error (error, G_IO_ERROR, g_io_error_from_errno (EFBIG));
      qnet_test_recorder_assert_names (rec, "open-file,file-opened,data-written,operation-failed");
      file_test_assert_io_event (qnet_test_recorder_find (rec, "data-written", 0), "data-written",
                                 100, 100, 300);
      file_test_assert_failed_event (rec, 0, "write_bytes", G_IO_ERROR,
                                     g_io_error_from_errno (EFBIG));
      /* What was written is there, and the events said so. */
      file_test_assert_contents (path, data, 100);
    }
  qnet_test_recorder_free (rec);
}

static void
test_short_write (FileFixture   *fx,
                  gconstpointer  data)
{
  gboolean raise = GPOINTER_TO_INT (data);

  /* Resource limits are per process: run in a child. */
  if (g_test_subprocess ())
    {
      run_short_write (fx, raise);
      return;
    }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_integer_eof (FileFixture   *fx,
                  gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "short.bin");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  guint32 u32 = 7;
  guint16 u16 = 0;
  gint8 i8 = 0;

  file_test_put (path, "\x12\x34\x56", 3);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_false (qnet_file_read_u32 (file, &u32, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "end"));
  g_clear_error (&error);
  g_assert_cmpuint (u32, ==, 0);

  /* Nothing was consumed: the three bytes are still there. */
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 0);
  g_assert_true (qnet_file_read_u16 (file, &u16, NULL, &error));
  g_assert_cmpuint (u16, ==, 0x1234);
  g_assert_true (qnet_file_read_i8 (file, &i8, NULL, &error));
  g_assert_cmpint (i8, ==, 0x56);
  g_assert_false (qnet_file_read_i8 (file, &i8, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ);

  qnet_test_recorder_assert_names (rec, "open-file,file-opened,data-read,operation-failed,"
                                        "operation-failed");
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-read", 0), "data-read", 3, 3, 4);
  file_test_assert_failed_event (rec, 0, "read_u32", QNET_FILE_ERROR, QNET_FILE_ERROR_READ);
  file_test_assert_failed_event (rec, 1, "read_i8", QNET_FILE_ERROR, QNET_FILE_ERROR_READ);
  qnet_test_recorder_free (rec);
}

static void
test_open_errors (FileFixture   *fx,
                  gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "exists.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);

  file_test_put (path, "x", -1);

  /* EXCLUSIVE on an existing file */
  g_assert_false (qnet_file_open (file, path, FILE_WRITE_FLAGS | QNET_FILE_OPEN_EXCLUSIVE, 0644,
                                  NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* A directory */
  g_assert_false (qnet_file_open (file, fx->dir, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_assert_false (qnet_file_is_open (file));

  /* TRUNCATE without WRITE is refused before anything happens. */
  g_assert_false (qnet_file_open (file, path, QNET_FILE_OPEN_READ | QNET_FILE_OPEN_TRUNCATE, 0,
                                  NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  file_test_assert_contents (path, "x", 1);

  qnet_test_recorder_assert_names (rec, "open-file,operation-failed,open-file,operation-failed,"
                                        "operation-failed");
  file_test_assert_failed_event (rec, 0, "open", G_IO_ERROR, G_IO_ERROR_EXISTS);
  file_test_assert_failed_event (rec, 1, "open", G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  file_test_assert_failed_event (rec, 2, "open", G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  /* A failed open after a good one: the good one is closed first. */
  qnet_test_recorder_clear (rec);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_false (qnet_file_open (file, fx->dir, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_false (qnet_file_is_open (file));
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,channel-closed,open-file,"
                                        "operation-failed");
  qnet_test_recorder_free (rec);
}

static void
write_from_handler (QnetFile *file,
                    gint64    written,
                    gint64    total_written,
                    gint64    total_to_write,
                    GError  **nested_error)
{
  g_assert_false (qnet_file_write (file, "nested", NULL, nested_error));
}

static void
test_pending (FileFixture   *fx,
              gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "pending.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) nested_error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  gulong id;

  g_assert_true (qnet_file_open (file, path, FILE_WRITE_FLAGS, 0644, NULL, NULL, &error));
  id = g_signal_connect (file, "data-written", G_CALLBACK (write_from_handler), &nested_error);
  g_assert_true (qnet_file_write (file, "outer", NULL, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (file, id);

  /* One operation at a time: the nested call fails, the outer one is fine.
   * The recorder listens to the generic `event` signal, which comes after
   * the typed handler that made the nested call. */
  g_assert_error (nested_error, G_IO_ERROR, G_IO_ERROR_PENDING);
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,operation-failed,data-written");
  file_test_assert_failed_event (rec, 0, "write", G_IO_ERROR, G_IO_ERROR_PENDING);
  file_test_assert_contents (path, "outer", 5);

  /* The file is free again. */
  g_assert_true (qnet_file_write (file, "!", NULL, &error));
  g_assert_no_error (error);
  qnet_test_recorder_free (rec);
}

static void
test_cancelled (FileFixture   *fx,
                gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "cancel.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  g_autoptr(GBytes) bytes = NULL;

  file_test_put (path, "content", -1);
  g_cancellable_cancel (cancellable);

  g_assert_false (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_null (qnet_file_read_bytes (file, -1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* Closing is never cancelled. */
  g_assert_true (qnet_file_close (file, cancellable, &error));
  g_assert_no_error (error);

  qnet_test_recorder_assert_names (rec, "operation-failed,open-file,file-opened,operation-failed,"
                                        "channel-closed");
  file_test_assert_failed_event (rec, 0, "open", G_IO_ERROR, G_IO_ERROR_CANCELLED);
  file_test_assert_failed_event (rec, 1, "read_bytes", G_IO_ERROR, G_IO_ERROR_CANCELLED);
  qnet_test_recorder_free (rec);
}

static void
test_limits (FileFixture   *fx,
             gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "big.bin");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  int fd;

  /* A 65 MiB file without a newline (sparse: no disk space used). */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 65 * 1024 * 1024), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  qnet_test_recorder_clear (rec);

  /* More than one call may return is refused before reading anything. */
  g_assert_null (qnet_file_read_bytes (file, (gssize) G_MAXINT32 + 1, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ);
  g_clear_error (&error);
  qnet_test_recorder_assert_names (rec, "operation-failed");

  /* A line is not looked for forever. */
  g_assert_null (qnet_file_read_line (file, TRUE, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "longer"));
  g_clear_error (&error);
  g_assert_cmpuint (qnet_test_recorder_count (rec, "data-read"), ==, 64 * 1024 / 16);
  file_test_assert_failed_event (rec, 1, "read_line", QNET_FILE_ERROR, QNET_FILE_ERROR_READ);
  /* ...and consumes nothing. */
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 0);
  g_assert_no_error (error);
  qnet_test_recorder_free (rec);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/file/errors/" path, FileFixture, data, file_fixture_setup, func, \
              file_fixture_teardown)

  ADD ("missing", test_missing, NULL);
  ADD ("permission-denied", test_permission_denied, NULL);
  g_test_add_func ("/file/errors/not-open", test_not_open);
  ADD ("write-read-only", test_write_read_only, NULL);
  ADD ("read-write-only", test_read_write_only, NULL);
  g_test_add_func ("/file/errors/dev-full", test_dev_full);
  ADD ("short-write-retried", test_short_write, GINT_TO_POINTER (TRUE));
  ADD ("short-write-then-error", test_short_write, GINT_TO_POINTER (FALSE));
  ADD ("integer-eof", test_integer_eof, NULL);
  ADD ("open-errors", test_open_errors, NULL);
  ADD ("pending", test_pending, NULL);
  ADD ("cancelled", test_cancelled, NULL);
  ADD ("limits", test_limits, NULL);

  return g_test_run ();
}
