/* test-file-events.c: QnetFile operations and the exact events they raise
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "file-test-common.h"

static void
assert_open_event (QnetEvent  *event,
                   const char *name,
                   const char *path,
                   gint64      flags,
                   gint64      mode,
                   const char *encoding)
{
  g_assert_nonnull (event);
  g_assert_cmpstr (qnet_event_get_name (event), ==, name);
  g_assert_cmpstr (qnet_test_event_get_string (event, "filename"), ==, path);
  g_assert_cmpint (qnet_test_event_get_int (event, "flags"), ==, flags);
  g_assert_cmpint (qnet_test_event_get_int (event, "mode"), ==, mode);
  g_assert_cmpstr (qnet_test_event_get_string (event, "encoding"), ==, encoding);
}

static void
test_write_sequence (FileFixture   *fx,
                     gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "out.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x01\x02\x03", 3);
  QnetTestRecorder *rec;
  QnetFile *file = file_test_new_recorded (NULL, &rec);
  guint64 id = qnet_emitter_get_id (QNET_EMITTER (file));
  GPtrArray *events;

  g_assert_true (qnet_file_open (file, path, FILE_WRITE_FLAGS, 0640, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_file_is_open (file));
  g_assert_cmpstr (qnet_file_get_filename (file), ==, path);
  g_assert_cmpstr (qnet_emitter_get_label (QNET_EMITTER (file)), ==, path);

  g_assert_true (qnet_file_write (file, "hello", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_file_print (file, " world\n", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_file_write_bytes (file, bytes, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_file_close (file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (qnet_file_is_open (file));
  g_assert_null (qnet_file_get_filename (file));
  g_object_unref (file);

  qnet_test_recorder_assert_names (
    rec, "open-file,file-opened,data-written,data-written,data-written,channel-closed,deleted");
  events = qnet_test_recorder_get_events (rec);
  for (guint i = 0; i < events->len; i++)
    {
      QnetEvent *event = g_ptr_array_index (events, i);

      g_assert_cmpint (qnet_event_get_source (event), ==, QNET_EVENT_SOURCE_FILE);
      g_assert_cmpint (qnet_test_event_get_int (event, "source"), ==, QNET_EVENT_SOURCE_FILE);
      g_assert_cmpint (qnet_event_get_id (event), ==, id);
      g_assert_cmpint (qnet_test_event_get_int (event, "id"), ==, (gint64) id);
      g_assert_cmpint (qnet_test_event_get_int (event, "event"), ==, qnet_event_get_code (event));
      g_assert_cmpstr (qnet_event_get_type_name (event), ==, "QnetFile");
      g_assert_cmpstr (qnet_event_get_label (event), ==, path);
    }
  assert_open_event (g_ptr_array_index (events, 0), "open-file", path, FILE_WRITE_FLAGS, 0640,
                     "UTF-8");
  assert_open_event (g_ptr_array_index (events, 1), "file-opened", path, FILE_WRITE_FLAGS, 0640,
                     "UTF-8");
  g_assert_cmpint (qnet_event_get_code (g_ptr_array_index (events, 0)), ==, QNET_EVENT_OPEN_FILE);
  g_assert_cmpint (qnet_event_get_code (g_ptr_array_index (events, 1)), ==, QNET_EVENT_FILE_OPENED);
  file_test_assert_io_event (g_ptr_array_index (events, 2), "data-written", 5, 5, 5);
  file_test_assert_io_event (g_ptr_array_index (events, 3), "data-written", 7, 7, 7);
  file_test_assert_io_event (g_ptr_array_index (events, 4), "data-written", 3, 3, 3);
  g_assert_cmpint (qnet_event_get_code (g_ptr_array_index (events, 5)), ==,
                   QNET_EVENT_CHANNEL_CLOSED);
  g_assert_cmpint (qnet_event_get_code (g_ptr_array_index (events, 6)), ==, QNET_EVENT_DELETED);
  /* channel-closed and deleted carry only the common keys */
  g_assert_false (qnet_test_event_has_key (g_ptr_array_index (events, 5), "filename"));

  file_test_assert_contents (path, "hello world\n\x01\x02\x03", 15);
  qnet_test_recorder_free (rec);
}

static void
test_read_bytes_blocks (FileFixture   *fx,
                        gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "in.bin");
  g_autofree guint8 *content = g_malloc (40000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) all = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(GBytes) end = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  GPtrArray *events = qnet_test_recorder_get_events (rec);

  for (guint i = 0; i < 40000; i++)
    content[i] = (guint8) (i * 7);
  file_test_put (path, content, 40000);

  /* No flags at all means READ, and the event says so. */
  g_assert_true (qnet_file_open (file, path, 0, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_open_event (g_ptr_array_index (events, 0), "open-file", path, QNET_FILE_OPEN_READ, 0,
                     "UTF-8");

  /* To the end: 16 KiB blocks with cumulative totals, total_to_read -1. */
  qnet_test_recorder_clear (rec);
  all = qnet_file_read_bytes (file, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (all, NULL), g_bytes_get_size (all), content, 40000);
  qnet_test_recorder_assert_names (rec, "data-read,data-read,data-read");
  file_test_assert_io_event (g_ptr_array_index (events, 0), "data-read", 16384, 16384, -1);
  file_test_assert_io_event (g_ptr_array_index (events, 1), "data-read", 16384, 32768, -1);
  file_test_assert_io_event (g_ptr_array_index (events, 2), "data-read", 7232, 40000, -1);

  /* At the end: empty bytes, no event. */
  qnet_test_recorder_clear (rec);
  end = qnet_file_read_bytes (file, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (end), ==, 0);
  qnet_test_recorder_assert_names (rec, "");

  /* A sized read: totals count towards the size asked for. */
  g_assert_true (qnet_file_set_position (file, 0, &error));
  g_assert_no_error (error);
  part = qnet_file_read_bytes (file, 20000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (part, NULL), g_bytes_get_size (part), content, 20000);
  qnet_test_recorder_assert_names (rec, "data-read,data-read");
  file_test_assert_io_event (g_ptr_array_index (events, 0), "data-read", 16384, 16384, 20000);
  file_test_assert_io_event (g_ptr_array_index (events, 1), "data-read", 3616, 20000, 20000);

  /* More than is left: what is left. */
  qnet_test_recorder_clear (rec);
  rest = qnet_file_read_bytes (file, 30000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (rest, NULL), g_bytes_get_size (rest), content + 20000, 20000);
  qnet_test_recorder_assert_names (rec, "data-read,data-read");
  file_test_assert_io_event (g_ptr_array_index (events, 0), "data-read", 16384, 16384, 30000);
  file_test_assert_io_event (g_ptr_array_index (events, 1), "data-read", 3616, 20000, 30000);

  qnet_test_recorder_free (rec);
}

static void
test_reopen (FileFixture   *fx,
             gconstpointer  data)
{
  g_autofree char *a = file_fixture_path (fx, "a.txt");
  g_autofree char *b = file_fixture_path (fx, "b.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded ("iso-8859-1", &rec);
  GPtrArray *events = qnet_test_recorder_get_events (rec);

  file_test_put (a, "A", 1);
  file_test_put (b, "B", 1);

  g_assert_cmpstr (qnet_file_get_encoding (file), ==, "ISO-8859-1");
  g_assert_true (qnet_file_open (file, a, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Re-opening closes the first file first; the encoding argument sticks. */
  g_assert_true (qnet_file_open (file, b, QNET_FILE_OPEN_READ, 0, "UTF-8", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_file_get_filename (file), ==, b);
  g_assert_cmpstr (qnet_file_get_encoding (file), ==, "UTF-8");

  qnet_test_recorder_assert_names (rec, "open-file,file-opened,channel-closed,open-file,file-opened");
  assert_open_event (g_ptr_array_index (events, 1), "file-opened", a, QNET_FILE_OPEN_READ, 0,
                     "ISO-8859-1");
  g_assert_cmpstr (qnet_event_get_label (g_ptr_array_index (events, 2)), ==, a);
  assert_open_event (g_ptr_array_index (events, 3), "open-file", b, QNET_FILE_OPEN_READ, 0,
                     "UTF-8");
  g_assert_cmpstr (qnet_event_get_label (g_ptr_array_index (events, 3)), ==, b);

  /* Closing a closed file does nothing and raises nothing. */
  g_assert_true (qnet_file_close (file, NULL, &error));
  g_assert_true (qnet_file_close (file, NULL, &error));
  g_assert_no_error (error);
  qnet_test_recorder_assert_names (
    rec, "open-file,file-opened,channel-closed,open-file,file-opened,channel-closed");
  qnet_test_recorder_free (rec);
}

typedef struct
{
  GString *log;
} TypedLog;

static void
on_open_file (QnetFile   *file,
              const char *filename,
              gint64      flags,
              gint64      mode,
              const char *encoding,
              TypedLog   *log)
{
  g_string_append_printf (log->log, "open-file(%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%s) ",
                          filename, flags, mode, encoding);
}

static void
on_file_opened (QnetFile   *file,
                const char *filename,
                gint64      flags,
                gint64      mode,
                const char *encoding,
                TypedLog   *log)
{
  g_assert_true (qnet_file_is_open (file));
  g_string_append_printf (log->log, "file-opened(%" G_GINT64_FORMAT ") ", flags);
}

static void
on_data_written (QnetFile *file,
                 gint64    written,
                 gint64    total_written,
                 gint64    total_to_write,
                 TypedLog *log)
{
  g_string_append_printf (log->log,
                          "data-written(%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                          ") ",
                          written, total_written, total_to_write);
}

static void
on_data_read (QnetFile *file,
              gint64    read,
              gint64    total_read,
              gint64    total_to_read,
              TypedLog *log)
{
  g_string_append_printf (log->log,
                          "data-read(%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ") ",
                          read, total_read, total_to_read);
}

static void
on_channel_closed (QnetFile *file,
                   TypedLog *log)
{
  g_assert_false (qnet_file_is_open (file));
  g_string_append (log->log, "channel-closed ");
}

static void
on_deleted (QnetFile *file,
            TypedLog *log)
{
  g_string_append (log->log, "deleted");
}

static void
on_generic_data_read (QnetEmitter *emitter,
                      QnetEvent   *event,
                      TypedLog    *log)
{
  g_assert_cmpstr (qnet_event_get_name (event), ==, "data-read");
  g_string_append (log->log, "event::data-read ");
}

static void
test_typed_signals (FileFixture   *fx,
                    gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "typed.txt");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TypedLog log = { g_string_new (NULL) };
  g_autofree char *expected = NULL;
  QnetFile *file = qnet_file_new (NULL);

  g_signal_connect (file, "open-file", G_CALLBACK (on_open_file), &log);
  g_signal_connect (file, "file-opened", G_CALLBACK (on_file_opened), &log);
  g_signal_connect (file, "data-written", G_CALLBACK (on_data_written), &log);
  g_signal_connect (file, "data-read", G_CALLBACK (on_data_read), &log);
  g_signal_connect (file, "event::data-read", G_CALLBACK (on_generic_data_read), &log);
  g_signal_connect (file, "channel-closed", G_CALLBACK (on_channel_closed), &log);
  g_signal_connect (file, "deleted", G_CALLBACK (on_deleted), &log);

  g_assert_true (qnet_file_open (file, path, FILE_RW_FLAGS, 0600, NULL, NULL, &error));
  g_assert_true (qnet_file_write (file, "abc", NULL, &error));
  g_assert_true (qnet_file_set_position (file, 0, &error));
  text = qnet_file_read (file, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "abc");
  g_object_unref (file);

  /* The typed signal comes before the generic one. */
  expected = g_strdup_printf ("open-file(%s,%d,384,UTF-8) file-opened(%d) data-written(3,3,3) "
                              "data-read(3,3,-1) event::data-read channel-closed deleted",
                              path, FILE_RW_FLAGS, FILE_RW_FLAGS);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_free (log.log, TRUE);
}

static void
test_event_queue (FileFixture   *fx,
                  gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "queued.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetEventQueue) queue = qnet_event_queue_new ();
  g_autofree char *line = NULL;
  QnetFile *file = qnet_file_new (NULL);
  guint64 id = qnet_emitter_get_id (QNET_EMITTER (file));
  const char *expected[] = { "open-file", "file-opened", "data-written", "data-read",
                             "channel-closed", "deleted" };

  qnet_emitter_set_event_queue (QNET_EMITTER (file), queue, g_variant_new_string ("my-arg"), FALSE);
  g_assert_true (qnet_file_open (file, path, FILE_RW_FLAGS, 0644, NULL, NULL, &error));
  g_assert_true (qnet_file_write (file, "line\n", NULL, &error));
  g_assert_true (qnet_file_set_position (file, 0, &error));
  line = qnet_file_read_line (file, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "line");
  g_object_unref (file);

  g_assert_cmpuint (qnet_event_queue_get_length (queue), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(QnetEvent) event = qnet_event_queue_pop (queue, 0);
      GVariant *arg;

      g_assert_nonnull (event);
      g_assert_cmpstr (qnet_event_get_name (event), ==, expected[i]);
      g_assert_cmpint (qnet_event_get_id (event), ==, id);
      arg = qnet_event_get_arg (event);
      g_assert_nonnull (arg);
      g_assert_cmpstr (g_variant_get_string (arg, NULL), ==, "my-arg");
      if (i == 3)
        file_test_assert_io_event (event, "data-read", 5, 5, -1);
    }
  g_assert_null (qnet_event_queue_try_pop (queue));
}

static void
test_dispose (FileFixture   *fx,
              gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "d.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  QnetFile *file = file_test_new_recorded (NULL, &rec);
  QnetFile *closed = NULL;
  QnetTestRecorder *rec2;

  /* An open file is closed on disposal: channel-closed, then deleted. */
  g_assert_true (qnet_file_open (file, path, FILE_WRITE_FLAGS, 0644, NULL, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (file);
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,channel-closed,deleted");

  /* A file that is not open only says deleted. */
  closed = file_test_new_recorded (NULL, &rec2);
  g_object_unref (closed);
  qnet_test_recorder_assert_names (rec2, "deleted");

  qnet_test_recorder_free (rec);
  qnet_test_recorder_free (rec2);
}

static void
test_position_size (FileFixture   *fx,
                    gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "pos.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) two = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);

  g_assert_true (qnet_file_open (file, path, FILE_RW_FLAGS, 0644, NULL, NULL, &error));
  g_assert_cmpint (qnet_file_get_size (file, &error), ==, 0);
  g_assert_true (qnet_file_write (file, "abcdefghij", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qnet_file_get_size (file, &error), ==, 10);
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 10);
  g_assert_true (qnet_file_set_position (file, 3, &error));
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 3);
  two = qnet_file_read_bytes (file, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (two, NULL), g_bytes_get_size (two), "de", 2);
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 5);
  /* Past the end is allowed (a later write makes a hole). */
  g_assert_true (qnet_file_set_position (file, 12, &error));
  g_assert_true (qnet_file_write (file, "Z", NULL, &error));
  g_assert_cmpint (qnet_file_get_size (file, &error), ==, 13);
  g_assert_no_error (error);
  file_test_assert_contents (path, "abcdefghij\0\0Z", 13);

  /* Queries raise no events. */
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,data-written,data-read,data-written");
  qnet_test_recorder_free (rec);
}

static void
test_read_ahead_position (FileFixture   *fx,
                          gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "ahead.txt");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);

  file_test_put (path, "one\ntwo\nthree\n", -1);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ | QNET_FILE_OPEN_WRITE, 0, NULL,
                                 NULL, &error));
  g_assert_no_error (error);

  /* read_line reads a whole block, but the position is after the line. */
  first = qnet_file_read_line (file, TRUE, NULL, &error);
  g_assert_cmpstr (first, ==, "one\n");
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 4);
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,data-read");
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-read", 0), "data-read", 14, 14,
                             -1);

  /* A write goes where the caller is, not where the descriptor is. */
  g_assert_true (qnet_file_write (file, "TWO", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 7);
  rest = qnet_file_read (file, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rest, ==, "\nthree\n");
  file_test_assert_contents (path, "one\nTWO\nthree\n", 14);
  qnet_test_recorder_free (rec);
}

static void
test_integers_round_trip (FileFixture   *fx,
                          gconstpointer  data)
{
  gboolean little = GPOINTER_TO_INT (data);
  g_autofree char *path = file_fixture_path (fx, little ? "le.bin" : "be.bin");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = qnet_file_new (NULL);
  static const guint8 be[] = { 0xfe, 0xff, 0x85, 0x7f, 0xff, 0xff, 0xff, 0x80, 0x01, 0x02, 0x03,
                               0x04, 0x05, 0x06, 0x07, 0x08, 0xab, 0xcd };
  static const guint8 le[] = { 0xfe, 0x85, 0xff, 0x80, 0xff, 0xff, 0xff, 0x08, 0x07, 0x06, 0x05,
                               0x04, 0x03, 0x02, 0x01, 0xcd, 0xab };
  guint8 u8 = 0;
  gint8 i8 = 0;
  guint16 u16 = 0;
  gint16 i16 = 0;
  guint32 u32 = 0;
  gint32 i32 = 0;
  gint64 i64 = 0;

  g_assert_true (qnet_file_open (file, path, FILE_RW_FLAGS, 0644, NULL, NULL, &error));
  g_assert_true (qnet_file_write_i8 (file, -2, NULL, &error));
  if (little)
    {
      g_assert_true (qnet_file_write_i16_le (file, -123, NULL, &error));
      g_assert_true (qnet_file_write_i32_le (file, -128, NULL, &error));
      g_assert_true (qnet_file_write_i64_le (file, G_GINT64_CONSTANT (0x0102030405060708), NULL,
                                             &error));
      g_assert_true (qnet_file_write_i16_le (file, (gint16) 0xabcd, NULL, &error));
      g_assert_no_error (error);
      file_test_assert_contents (path, le, sizeof le);
    }
  else
    {
      g_assert_true (qnet_file_write_i8 (file, -1, NULL, &error));
      g_assert_true (qnet_file_write_i16 (file, (gint16) 0x857f, NULL, &error));
      g_assert_true (qnet_file_write_i32 (file, -128, NULL, &error));
      /* All 8 bytes of a 64-bit integer (Qore wrote only 4). */
      g_assert_true (qnet_file_write_i64 (file, G_GINT64_CONSTANT (0x0102030405060708), NULL,
                                          &error));
      g_assert_true (qnet_file_write_i16 (file, (gint16) 0xabcd, NULL, &error));
      g_assert_no_error (error);
      file_test_assert_contents (path, be, sizeof be);
    }

  g_assert_true (qnet_file_set_position (file, 0, &error));
  if (little)
    {
      g_assert_true (qnet_file_read_i8 (file, &i8, NULL, &error));
      g_assert_cmpint (i8, ==, -2);
      g_assert_true (qnet_file_read_i16_le (file, &i16, NULL, &error));
      g_assert_cmpint (i16, ==, -123);
      g_assert_true (qnet_file_read_i32_le (file, &i32, NULL, &error));
      g_assert_cmpint (i32, ==, -128);
      g_assert_true (qnet_file_read_i64_le (file, &i64, NULL, &error));
      g_assert_cmpint (i64, ==, G_GINT64_CONSTANT (0x0102030405060708));
      g_assert_true (qnet_file_read_u16_le (file, &u16, NULL, &error));
      g_assert_cmpuint (u16, ==, 0xabcd);
      /* Unsigned views of the same bytes. */
      g_assert_true (qnet_file_set_position (file, 1, &error));
      g_assert_true (qnet_file_read_u16_le (file, &u16, NULL, &error));
      g_assert_cmpuint (u16, ==, 0xff85);
      g_assert_true (qnet_file_read_u32_le (file, &u32, NULL, &error));
      g_assert_cmpuint (u32, ==, 0xffffff80u);
    }
  else
    {
      g_assert_true (qnet_file_read_u8 (file, &u8, NULL, &error));
      g_assert_cmpuint (u8, ==, 0xfe);
      g_assert_true (qnet_file_read_i8 (file, &i8, NULL, &error));
      g_assert_cmpint (i8, ==, -1);
      g_assert_true (qnet_file_read_i16 (file, &i16, NULL, &error));
      g_assert_cmpint (i16, ==, (gint16) 0x857f);
      g_assert_true (qnet_file_read_i32 (file, &i32, NULL, &error));
      g_assert_cmpint (i32, ==, -128);
      g_assert_true (qnet_file_read_i64 (file, &i64, NULL, &error));
      g_assert_cmpint (i64, ==, G_GINT64_CONSTANT (0x0102030405060708));
      g_assert_true (qnet_file_read_u16 (file, &u16, NULL, &error));
      g_assert_cmpuint (u16, ==, 0xabcd);
      g_assert_true (qnet_file_set_position (file, 2, &error));
      g_assert_true (qnet_file_read_u16 (file, &u16, NULL, &error));
      g_assert_cmpuint (u16, ==, 0x857f);
      g_assert_true (qnet_file_read_u32 (file, &u32, NULL, &error));
      g_assert_cmpuint (u32, ==, 0xffffff80u);
    }
  g_assert_no_error (error);
}

static void
test_integer_events (FileFixture   *fx,
                     gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "ints.bin");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  guint32 u32 = 0;
  gint64 i64 = 0;

  g_assert_true (qnet_file_open (file, path, FILE_RW_FLAGS, 0644, NULL, NULL, &error));
  g_assert_true (qnet_file_write_i64 (file, -5, NULL, &error));
  g_assert_true (qnet_file_write_i32 (file, 7, NULL, &error));
  g_assert_true (qnet_file_set_position (file, 0, &error));
  g_assert_true (qnet_file_read_i64 (file, &i64, NULL, &error));
  g_assert_true (qnet_file_read_u32 (file, &u32, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (i64, ==, -5);
  g_assert_cmpuint (u32, ==, 7);

  qnet_test_recorder_assert_names (rec, "open-file,file-opened,data-written,data-written,"
                                        "data-read,data-read");
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-written", 0), "data-written", 8,
                             8, 8);
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-written", 1), "data-written", 4,
                             4, 4);
  /* Integer reads read exactly their width: one event each. */
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-read", 0), "data-read", 8, 8, 8);
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-read", 1), "data-read", 4, 4, 4);
  qnet_test_recorder_free (rec);
}

static void
test_lock_same_process (FileFixture   *fx,
                        gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "lock.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) a = qnet_file_new (NULL);
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) b = file_test_new_recorded (NULL, &rec);

  g_assert_true (qnet_file_open (a, path, FILE_RW_FLAGS, 0644, NULL, NULL, &error));
  g_assert_true (qnet_file_open (b, path, QNET_FILE_OPEN_READ | QNET_FILE_OPEN_WRITE, 0, NULL,
                                 NULL, &error));
  g_assert_no_error (error);

  g_assert_true (qnet_file_lock (a, TRUE, &error));
  g_assert_no_error (error);
  /* Another open file of the same process sees the lock. */
  g_assert_false (qnet_file_lock (b, FALSE, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_LOCK);
  g_clear_error (&error);
  g_assert_false (qnet_file_lock (b, TRUE, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_LOCK);
  g_clear_error (&error);

  /* Shared locks share. */
  g_assert_true (qnet_file_lock (a, FALSE, &error));
  g_assert_true (qnet_file_lock (b, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_file_unlock (b, &error));

  g_assert_true (qnet_file_unlock (a, &error));
  g_assert_true (qnet_file_lock (b, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_file_unlock (b, &error));
  g_assert_true (qnet_file_unlock (b, &error));
  g_assert_no_error (error);

  qnet_test_recorder_assert_names (rec, "open-file,file-opened,operation-failed,operation-failed");
  file_test_assert_failed_event (rec, 0, "lock", QNET_FILE_ERROR, QNET_FILE_ERROR_LOCK);
  qnet_test_recorder_free (rec);
}

/* In a child process: can a write lock be taken on @path? 0 = locked by
 * someone else, 1 = free, 2 = error. Only async-signal-safe calls. */
static int
child_try_lock (const char *path)
{
  struct flock fl = { 0 };
  int fd = open (path, O_RDWR | O_CLOEXEC);

  if (fd < 0)
    return 2;
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  if (fcntl (fd, F_SETLK, &fl) == 0)
    return 1;
  return (errno == EAGAIN || errno == EACCES) ? 0 : 2;
}

static int
lock_seen_by_child (const char *path)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (child_try_lock (path));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_lock_subprocess (FileFixture   *fx,
                      gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "lock2.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = qnet_file_new (NULL);

  g_assert_true (qnet_file_open (file, path, FILE_RW_FLAGS, 0644, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lock_seen_by_child (path), ==, 1);

  g_assert_true (qnet_file_lock (file, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lock_seen_by_child (path), ==, 0);

  g_assert_true (qnet_file_unlock (file, &error));
  g_assert_cmpint (lock_seen_by_child (path), ==, 1);

  /* Closing releases the lock. */
  g_assert_true (qnet_file_lock (file, TRUE, &error));
  g_assert_cmpint (lock_seen_by_child (path), ==, 0);
  g_assert_true (qnet_file_close (file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lock_seen_by_child (path), ==, 1);
}

static void
test_sync (FileFixture   *fx,
           gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "sync.txt");
  g_autofree char *fifo = file_fixture_path (fx, "fifo");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = qnet_file_new (NULL);
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) pipe_file = file_test_new_recorded (NULL, &rec);

  g_assert_true (qnet_file_open (file, path, FILE_WRITE_FLAGS, 0644, NULL, NULL, &error));
  g_assert_true (qnet_file_write (file, "x", NULL, &error));
  g_assert_true (qnet_file_sync (file, NULL, &error));
  g_assert_no_error (error);

  /* A FIFO cannot be synced; opened read-write so open() does not wait. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (qnet_file_open (pipe_file, fifo, QNET_FILE_OPEN_READ | QNET_FILE_OPEN_WRITE, 0,
                                 NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (qnet_file_sync (pipe_file, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_OPERATION);
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,operation-failed");
  file_test_assert_failed_event (rec, 0, "sync", QNET_FILE_ERROR, QNET_FILE_ERROR_OPERATION);
  qnet_test_recorder_free (rec);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/file/" path, FileFixture, data, file_fixture_setup, func, file_fixture_teardown)

  ADD ("events/write-sequence", test_write_sequence, NULL);
  ADD ("events/read-bytes-blocks", test_read_bytes_blocks, NULL);
  ADD ("events/reopen", test_reopen, NULL);
  ADD ("events/typed-signals", test_typed_signals, NULL);
  ADD ("events/event-queue", test_event_queue, NULL);
  ADD ("events/dispose", test_dispose, NULL);
  ADD ("position/size", test_position_size, NULL);
  ADD ("position/read-ahead", test_read_ahead_position, NULL);
  ADD ("integers/big-endian", test_integers_round_trip, GINT_TO_POINTER (FALSE));
  ADD ("integers/little-endian", test_integers_round_trip, GINT_TO_POINTER (TRUE));
  ADD ("integers/events", test_integer_events, NULL);
  ADD ("lock/same-process", test_lock_same_process, NULL);
  ADD ("lock/other-process", test_lock_subprocess, NULL);
  ADD ("sync", test_sync, NULL);

  return g_test_run ();
}
