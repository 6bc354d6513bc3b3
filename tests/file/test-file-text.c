/* test-file-text.c: QnetFile text: encodings, characters, lines
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "file-test-common.h"

static QnetFile *
open_with (const char  *path,
           const char  *encoding,
           GError     **error)
{
  QnetFile *file = qnet_file_new (encoding);

  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, error));
  return file;
}

static void
test_utf8_characters (FileFixture   *fx,
                      gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "utf8.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = NULL;
  g_autofree char *three = NULL;
  g_autofree char *one = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *end = NULL;

  /* 1-, 2-, 3- and 4-byte characters */
  file_test_put (path, "a\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e" "b", -1);
  file = open_with (path, NULL, &error);
  g_assert_no_error (error);

  /* Sizes count characters. */
  three = qnet_file_read (file, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (three, ==, "a\xc3\xa9\xe2\x82\xac");
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 6);

  one = qnet_file_read (file, 1, NULL, &error);
  g_assert_cmpstr (one, ==, "\xf0\x9d\x84\x9e");
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 10);

  rest = qnet_file_read (file, -1, NULL, &error);
  g_assert_cmpstr (rest, ==, "b");
  end = qnet_file_read (file, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (end, ==, "");
}

static void
test_characters_across_blocks (FileFixture   *fx,
                               gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "blocks.txt");
  GString *content = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  QnetTestRecorder *rec = qnet_test_recorder_new ();

  /* A 3-byte character across the first 16 KiB block boundary. */
  for (guint i = 0; i < 16383; i++)
    g_string_append_c (content, 'x');
  g_string_append (content, "\xe2\x82\xac" "yz");
  file_test_put (path, content->str, (gssize) content->len);

  file = open_with (path, NULL, &error);
  g_assert_no_error (error);
  qnet_test_recorder_attach (rec, file);

  first = qnet_file_read (file, 16384, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (first), ==, 16386);
  g_assert_cmpstr (first + 16383, ==, "\xe2\x82\xac");
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 16386);
  qnet_test_recorder_assert_names (rec, "data-read,data-read");
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-read", 0), "data-read", 16384,
                             16384, -1);
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-read", 1), "data-read", 4, 16388,
                             -1);

  /* The rest comes from the read-ahead buffer: no read(2), no event. */
  second = qnet_file_read (file, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "yz");
  qnet_test_recorder_assert_names (rec, "data-read,data-read");

  g_string_free (content, TRUE);
  qnet_test_recorder_free (rec);
}

static void
test_latin1_read (FileFixture   *fx,
                  gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "latin1.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = NULL;
  g_autofree char *two = NULL;
  g_autofree char *rest = NULL;
  QnetTestRecorder *rec;

  file_test_put (path, "caf\xe9 \xff\xe0", -1);
  file = file_test_new_recorded (NULL, &rec);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, "iso-8859-1", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_file_get_encoding (file), ==, "ISO-8859-1");
  g_assert_cmpstr (qnet_test_event_get_string (qnet_test_recorder_find (rec, "open-file", 0),
                                               "encoding"),
                   ==, "ISO-8859-1");

  two = qnet_file_read (file, 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (two, ==, "caf\xc3\xa9");
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 4);
  rest = qnet_file_read (file, -1, NULL, &error);
  g_assert_cmpstr (rest, ==, " \xc3\xbf\xc3\xa0");
  g_assert_no_error (error);
  qnet_test_recorder_free (rec);
}

static void
test_latin1_round_trip (FileFixture   *fx,
                        gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "latin1-out.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded ("ISO-8859-1", &rec);
  g_autofree char *line = NULL;
  g_autofree char *back = NULL;

  g_assert_true (qnet_file_open (file, path, FILE_RW_FLAGS, 0644, NULL, NULL, &error));
  g_assert_true (qnet_file_write (file, "caf\xc3\xa9\n\xc3\xbf", NULL, &error));
  g_assert_no_error (error);
  /* One byte per character on disk, and the event counts bytes. */
  file_test_assert_contents (path, "caf\xe9\n\xff", 6);
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-written", 0), "data-written", 6,
                             6, 6);

  g_assert_true (qnet_file_set_position (file, 0, &error));
  line = qnet_file_read_line (file, FALSE, NULL, &error);
  g_assert_cmpstr (line, ==, "caf\xc3\xa9");
  back = qnet_file_read (file, -1, NULL, &error);
  g_assert_cmpstr (back, ==, "\xc3\xbf");
  g_assert_no_error (error);
  qnet_test_recorder_free (rec);
}

static void
test_utf16_round_trip (FileFixture   *fx,
                       gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "utf16.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = qnet_file_new ("UTF-16");
  g_autoptr(QnetFile) reader = NULL;
  g_autoptr(GBytes) raw = NULL;
  const guint8 *bytes;
  gsize len = 0;
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *all = NULL;

  g_assert_true (qnet_file_open (file, path, FILE_RW_FLAGS, 0644, NULL, NULL, &error));
  g_assert_true (qnet_file_write (file, "h\xc3\xa9llo\r\n", NULL, &error));
  g_assert_true (qnet_file_write (file, "w\xc3\xb6rld \xf0\x9d\x84\x9e\n", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_file_close (file, NULL, &error));

  /* One byte-order mark, at the start only: 2 + 2 * (7 + 9) bytes (the
   * clef is a surrogate pair). */
  raw = file_test_get (path);
  bytes = g_bytes_get_data (raw, &len);
  g_assert_cmpuint (len, ==, 2 + 2 * 16);
  g_assert_true ((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff));
  for (gsize i = 2; i + 1 < len; i += 2)
    g_assert_false ((bytes[i] == 0xff && bytes[i + 1] == 0xfe) ||
                    (bytes[i] == 0xfe && bytes[i + 1] == 0xff));

  /* Lines: only LF ends them; CR LF is dropped with include_eol FALSE. */
  reader = open_with (path, "UTF-16", &error);
  g_assert_no_error (error);
  l1 = qnet_file_read_line (reader, FALSE, NULL, &error);
  g_assert_cmpstr (l1, ==, "h\xc3\xa9llo");
  l2 = qnet_file_read_line (reader, TRUE, NULL, &error);
  g_assert_cmpstr (l2, ==, "w\xc3\xb6rld \xf0\x9d\x84\x9e\n");
  l3 = qnet_file_read_line (reader, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (l3);

  /* Reading from the middle still knows the byte order. */
  g_assert_true (qnet_file_set_position (reader, 2 + 2 * 7, &error));
  middle = qnet_file_read (reader, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (middle, ==, "w\xc3\xb6rld");
  g_assert_cmpint (qnet_file_get_position (reader, &error), ==, 2 + 2 * 12);

  g_assert_true (qnet_file_set_position (reader, 0, &error));
  all = qnet_file_read (reader, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (all, ==, "h\xc3\xa9llo\r\nw\xc3\xb6rld \xf0\x9d\x84\x9e\n");

  /* Appending adds no second mark. */
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_WRITE | QNET_FILE_OPEN_APPEND, 0, NULL,
                                 NULL, &error));
  g_assert_true (qnet_file_write (file, "!", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_file_set_position (reader, 0, &error));
  g_clear_pointer (&all, g_free);
  all = qnet_file_read (reader, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (all, ==, "h\xc3\xa9llo\r\nw\xc3\xb6rld \xf0\x9d\x84\x9e\n!");
}

static void
test_utf16le_lines (FileFixture   *fx,
                    gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "utf16le.txt");
  /* "ab\r\n" "c\n" "d" in UTF-16LE, no mark */
  static const char raw[] = "a\0b\0\r\0\n\0c\0\n\0d\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = NULL;
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;
  g_autofree char *l4 = NULL;

  file_test_put (path, raw, sizeof raw - 1);
  file = open_with (path, "UTF-16LE", &error);
  g_assert_no_error (error);
  l1 = qnet_file_read_line (file, TRUE, NULL, &error);
  g_assert_cmpstr (l1, ==, "ab\r\n");
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 8);
  l2 = qnet_file_read_line (file, FALSE, NULL, &error);
  g_assert_cmpstr (l2, ==, "c");
  l3 = qnet_file_read_line (file, FALSE, NULL, &error);
  g_assert_cmpstr (l3, ==, "d");
  l4 = qnet_file_read_line (file, FALSE, NULL, &error);
  g_assert_null (l4);
  g_assert_no_error (error);
}

static void
test_read_line_eols (FileFixture   *fx,
                     gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "eol.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = NULL;
  const char *with[] = { "a\r\n", "b\n", "c\r", "\n", "d" };
  const char *without[] = { "a", "b", "c", "", "d" };

  file_test_put (path, "a\r\nb\nc\r\rd", -1);
  /* A lone CR ends a line; "\r\r" is two line ends. */
  file = open_with (path, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (without); i++)
    {
      g_autofree char *line = qnet_file_read_line (file, FALSE, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, without[i]);
    }
  g_assert_null (qnet_file_read_line (file, FALSE, NULL, &error));
  g_assert_no_error (error);

  file_test_put (path, "a\r\nb\nc\r\nd", -1);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *line = qnet_file_read_line (file, TRUE, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, with[i]);
    }
  {
    g_autofree char *line = qnet_file_read_line (file, TRUE, NULL, &error);

    g_assert_cmpstr (line, ==, "c\r\n");
  }
  {
    g_autofree char *line = qnet_file_read_line (file, TRUE, NULL, &error);

    g_assert_cmpstr (line, ==, with[4]);
  }
  g_assert_null (qnet_file_read_line (file, TRUE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_read_line_blocks (FileFixture   *fx,
                       gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "long-lines.txt");
  GString *content = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = NULL;
  QnetTestRecorder *rec = qnet_test_recorder_new ();
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;

  /* Line 1 ends with CR LF split by the first block boundary (CR at
   * 16383, LF at 16384); line 2 spans the second boundary. */
  for (guint i = 0; i < 16383; i++)
    g_string_append_c (content, (char) ('a' + i % 26));
  g_string_append (content, "\r\n");
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (content, 'b');
  g_string_append (content, "\nlast");
  file_test_put (path, content->str, (gssize) content->len);

  file = open_with (path, NULL, &error);
  g_assert_no_error (error);
  qnet_test_recorder_attach (rec, file);

  l1 = qnet_file_read_line (file, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (l1), ==, 16383);
  g_assert_true (strncmp (l1, content->str, 16383) == 0);
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 16385);
  qnet_test_recorder_assert_names (rec, "data-read,data-read");
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-read", 0), "data-read", 16384,
                             16384, -1);
  /* The CR was the last byte of the block: one more block to see the LF. */
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-read", 1), "data-read", 16384,
                             32768, -1);

  /* Line 2 starts in the read-ahead buffer and needs the rest of the file. */
  l2 = qnet_file_read_line (file, TRUE, NULL, &error);
  g_assert_cmpuint (strlen (l2), ==, 20001);
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 16385 + 20001);
  qnet_test_recorder_assert_names (rec, "data-read,data-read,data-read");
  file_test_assert_io_event (qnet_test_recorder_find (rec, "data-read", 2), "data-read",
                             (gint64) content->len - 32768, (gint64) content->len - 32768, -1);
  l3 = qnet_file_read_line (file, TRUE, NULL, &error);
  g_assert_cmpstr (l3, ==, "last");
  g_assert_null (qnet_file_read_line (file, TRUE, NULL, &error));
  g_assert_no_error (error);
  qnet_test_recorder_assert_names (rec, "data-read,data-read,data-read");

  g_string_free (content, TRUE);
  qnet_test_recorder_free (rec);
}

static void
test_read_line_many (FileFixture   *fx,
                     gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "many.txt");
  GString *content = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = NULL;
  QnetTestRecorder *rec = qnet_test_recorder_new ();
  guint n = 0;
  char *line;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (content, "line %u\n", i);
  file_test_put (path, content->str, (gssize) content->len);

  file = open_with (path, NULL, &error);
  qnet_test_recorder_attach (rec, file);
  while ((line = qnet_file_read_line (file, FALSE, NULL, &error)) != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("line %u", n);

      g_assert_cmpstr (line, ==, expected);
      g_free (line);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 20000);
  /* Read in blocks, not byte by byte. */
  g_assert_cmpuint (qnet_test_recorder_count (rec, "data-read"), ==,
                    (content->len + 16383) / 16384);
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, (gint64) content->len);

  g_string_free (content, TRUE);
  qnet_test_recorder_free (rec);
}

static void
test_invalid_utf8 (FileFixture   *fx,
                   gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "bad.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded (NULL, &rec);
  g_autofree char *all = NULL;
  g_autofree char *two = NULL;
  g_autoptr(GBytes) raw = NULL;

  file_test_put (path, "ab\xff\xfe" "cd", -1);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_no_error (error);

  all = qnet_file_read (file, -1, NULL, &error);
  g_assert_null (all);
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,data-read,operation-failed");
  file_test_assert_failed_event (rec, 0, "read", QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);

  /* Nothing was consumed. */
  g_assert_cmpint (qnet_file_get_position (file, &error), ==, 0);
  two = qnet_file_read (file, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (two, ==, "ab");

  g_assert_null (qnet_file_read_line (file, TRUE, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  g_clear_error (&error);

  raw = qnet_file_read_bytes (file, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), "\xff\xfe" "cd", 4);
  qnet_test_recorder_free (rec);
}

static void
test_truncated_character (FileFixture   *fx,
                          gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "cut.txt");
  g_autofree char *path16 = file_fixture_path (fx, "cut16.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = NULL;
  g_autoptr(QnetFile) file16 = NULL;
  g_autofree char *one = NULL;
  g_autofree char *a16 = NULL;

  file_test_put (path, "a\xe2\x82", -1);
  file = open_with (path, NULL, &error);
  g_assert_null (qnet_file_read (file, -1, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "middle"));
  g_clear_error (&error);
  one = qnet_file_read (file, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one, ==, "a");
  g_assert_null (qnet_file_read_line (file, TRUE, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  g_clear_error (&error);

  /* Half a UTF-16 unit at the end. */
  file_test_put (path16, "a\0b", 3);
  file16 = open_with (path16, "UTF-16LE", &error);
  a16 = qnet_file_read (file16, 1, NULL, &error);
  g_assert_cmpstr (a16, ==, "a");
  g_assert_null (qnet_file_read (file16, 1, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  g_clear_error (&error);
  g_assert_cmpint (qnet_file_get_position (file16, &error), ==, 2);
}

static void
test_nul_character (FileFixture   *fx,
                    gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "nul.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetFile) file = NULL;
  g_autoptr(QnetFile) latin = NULL;
  g_autofree char *a = NULL;

  file_test_put (path, "a\0b", 3);
  file = open_with (path, NULL, &error);
  g_assert_null (qnet_file_read (file, -1, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  g_clear_error (&error);
  a = qnet_file_read (file, 1, NULL, &error);
  g_assert_cmpstr (a, ==, "a");

  latin = open_with (path, "ISO-8859-1", &error);
  g_assert_null (qnet_file_read (latin, -1, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
}

static void
test_unrepresentable (FileFixture   *fx,
                      gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "euro.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded ("ISO-8859-1", &rec);

  g_assert_true (qnet_file_open (file, path, FILE_WRITE_FLAGS, 0644, NULL, NULL, &error));
  g_assert_true (qnet_file_write (file, "ok ", NULL, &error));
  g_assert_false (qnet_file_write (file, "5 \xe2\x82\xac", NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  g_clear_error (&error);
  /* Invalid UTF-8 from C callers is refused too. */
  g_assert_false (qnet_file_print (file, "\xc3(", NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  g_clear_error (&error);

  /* Nothing of the failed writes reached the file. */
  file_test_assert_contents (path, "ok ", 3);
  qnet_test_recorder_assert_names (rec, "open-file,file-opened,data-written,operation-failed,"
                                        "operation-failed");
  file_test_assert_failed_event (rec, 0, "write", QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  file_test_assert_failed_event (rec, 1, "print", QNET_FILE_ERROR, QNET_FILE_ERROR_ENCODING);
  qnet_test_recorder_free (rec);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_invalid_encoding (FileFixture   *fx,
                       gconstpointer  data)
{
  g_autofree char *path = file_fixture_path (fx, "enc.txt");
  g_autoptr(GError) error = NULL;
  QnetTestRecorder *rec;
  g_autoptr(QnetFile) file = file_test_new_recorded ("NO-SUCH-CHARSET", &rec);
  g_autofree char *prop = NULL;
  guint notified = 0;

  file_test_put (path, "text", -1);

  /* The constructor and the property accept any name... */
  g_assert_cmpstr (qnet_file_get_encoding (file), ==, "NO-SUCH-CHARSET");

  /* ...open checks it before anything happens. */
  g_assert_false (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING);
  g_clear_error (&error);
  g_assert_false (qnet_file_is_open (file));
  qnet_test_recorder_assert_names (rec, "operation-failed");
  file_test_assert_failed_event (rec, 0, "open", QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING);

  /* The same for an encoding given to open. */
  g_assert_false (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, "BOGUS-9", NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING);
  g_clear_error (&error);

  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_READ, 0, "utf8", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qnet_file_get_encoding (file), ==, "UTF-8");

  /* The checking setter refuses and keeps the old value. */
  g_signal_connect (file, "notify::encoding", G_CALLBACK (on_notify), &notified);
  g_assert_false (qnet_file_set_encoding (file, "NOPE", &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING);
  g_clear_error (&error);
  g_assert_cmpstr (qnet_file_get_encoding (file), ==, "UTF-8");
  g_assert_cmpuint (notified, ==, 0);
  g_assert_true (qnet_file_set_encoding (file, "latin1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);

  /* A bad name set through the property fails the next text operation. */
  g_object_set (file, "encoding", "also-bogus", NULL);
  g_object_get (file, "encoding", &prop, NULL);
  g_assert_cmpstr (prop, ==, "ALSO-BOGUS");
  g_assert_null (qnet_file_read (file, -1, NULL, &error));
  g_assert_error (error, QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING);
  g_clear_error (&error);
  file_test_assert_failed_event (rec, 2, "set_encoding", QNET_FILE_ERROR,
                                 QNET_FILE_ERROR_INVALID_ENCODING);
  file_test_assert_failed_event (rec, 3, "read", QNET_FILE_ERROR, QNET_FILE_ERROR_INVALID_ENCODING);
  qnet_test_recorder_free (rec);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/file/text/" path, FileFixture, NULL, file_fixture_setup, func, file_fixture_teardown)

  ADD ("utf8-characters", test_utf8_characters);
  ADD ("characters-across-blocks", test_characters_across_blocks);
  ADD ("latin1-read", test_latin1_read);
  ADD ("latin1-round-trip", test_latin1_round_trip);
  ADD ("utf16-round-trip", test_utf16_round_trip);
  ADD ("utf16le-lines", test_utf16le_lines);
  ADD ("read-line-eols", test_read_line_eols);
  ADD ("read-line-blocks", test_read_line_blocks);
  ADD ("read-line-many", test_read_line_many);
  ADD ("invalid-utf8", test_invalid_utf8);
  ADD ("truncated-character", test_truncated_character);
  ADD ("nul-character", test_nul_character);
  ADD ("unrepresentable", test_unrepresentable);
  ADD ("invalid-encoding", test_invalid_encoding);

  return g_test_run ();
}
