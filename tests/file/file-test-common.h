/* file-test-common.h: helpers shared by the QnetFile tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "qnet-test-utils.h"

#define FILE_TEST_TIMEOUT_MS 10000

#define FILE_WRITE_FLAGS \
  (QNET_FILE_OPEN_WRITE | QNET_FILE_OPEN_CREATE | QNET_FILE_OPEN_TRUNCATE)
#define FILE_RW_FLAGS (FILE_WRITE_FLAGS | QNET_FILE_OPEN_READ)

/* A temporary directory per test with a path helper. */
typedef struct
{
  char *dir;
} FileFixture;

static inline void
file_fixture_setup (FileFixture   *fx,
                    gconstpointer  data)
{
  fx->dir = qnet_test_make_tmpdir ();
}

static inline void
file_fixture_teardown (FileFixture   *fx,
                       gconstpointer  data)
{
  qnet_test_rmdir_recursive (fx->dir);
  g_free (fx->dir);
}

static inline char *
file_fixture_path (FileFixture *fx,
                   const char  *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

/* Creates @path holding exactly @len bytes of @data. */
static inline void
file_test_put (const char *path,
               const void *data,
               gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* The bytes of @path, as a GBytes. */
static inline GBytes *
file_test_get (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static inline void
file_test_assert_contents (const char *path,
                           const void *expected,
                           gsize       expected_len)
{
  g_autoptr(GBytes) bytes = file_test_get (path);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  g_assert_cmpmem (data, len, expected, expected_len);
}

/* A QnetFile with a recorder attached. */
static inline QnetFile *
file_test_new_recorded (const char        *encoding,
                        QnetTestRecorder **rec)
{
  QnetFile *file = qnet_file_new (encoding);

  *rec = qnet_test_recorder_new ();
  qnet_test_recorder_attach (*rec, file);
  return file;
}

/* "name{key=value;…}" for every event but the keys that differ between two
 * objects (id). */
static inline char *
file_test_event_summary (QnetEvent *event)
{
  GVariant *hash = qnet_event_get_hash (event);
  GString *s = g_string_new (qnet_event_get_name (event));
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_string_append_c (s, '{');
  g_variant_iter_init (&iter, hash);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (strcmp (key, "id") != 0)
        {
          g_autofree char *printed = g_variant_print (value, FALSE);

          g_string_append_printf (s, "%s=%s;", key, printed);
        }
      g_variant_unref (value);
    }
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

/* All recorded events as summaries, one per line. */
static inline char *
file_test_recorder_summary (QnetTestRecorder *rec)
{
  GPtrArray *events = qnet_test_recorder_get_events (rec);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *one = file_test_event_summary (g_ptr_array_index (events, i));

      g_string_append (s, one);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* Asserts the three keys of a data-read or data-written event. */
static inline void
file_test_assert_io_event (QnetEvent  *event,
                           const char *name,
                           gint64      n,
                           gint64      total,
                           gint64      total_to)
{
  gboolean read = strcmp (name, "data-read") == 0;

  g_assert_nonnull (event);
  g_assert_cmpstr (qnet_event_get_name (event), ==, name);
  g_assert_cmpint (qnet_test_event_get_int (event, read ? "read" : "written"), ==, n);
  g_assert_cmpint (qnet_test_event_get_int (event, read ? "total_read" : "total_written"), ==,
                   total);
  g_assert_cmpint (qnet_test_event_get_int (event, read ? "total_to_read" : "total_to_write"), ==,
                   total_to);
}

/* Asserts the operation-failed event @n. */
static inline void
file_test_assert_failed_event (QnetTestRecorder *rec,
                               guint             n,
                               const char       *operation,
                               GQuark            domain,
                               gint              code)
{
  QnetEvent *event = qnet_test_recorder_find (rec, "operation-failed", n);

  g_assert_nonnull (event);
  g_assert_cmpstr (qnet_test_event_get_string (event, "operation"), ==, operation);
  g_assert_cmpstr (qnet_test_event_get_string (event, "domain"), ==, g_quark_to_string (domain));
  g_assert_cmpint (qnet_test_event_get_int (event, "code"), ==, code);
  g_assert_true (strlen (qnet_test_event_get_string (event, "message")) > 0);
}
