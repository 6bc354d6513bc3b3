/* qnet-test-utils.c: helpers shared by the C tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "qnet-test-utils.h"

struct _QnetTestRecorder
{
  GPtrArray *events;   /* (owned) (element-type QnetEvent) */
  GPtrArray *emitters; /* (owned) weak references, GWeakRef* */
  GArray    *handlers; /* gulong, parallel to emitters */
};

static void
on_event (QnetEmitter      *emitter,
          QnetEvent        *event,
          QnetTestRecorder *rec)
{
  g_ptr_array_add (rec->events, g_object_ref (event));
}

QnetTestRecorder *
qnet_test_recorder_new (void)
{
  QnetTestRecorder *rec = g_new0 (QnetTestRecorder, 1);

  rec->events = g_ptr_array_new_with_free_func (g_object_unref);
  rec->emitters = g_ptr_array_new ();
  rec->handlers = g_array_new (FALSE, FALSE, sizeof (gulong));
  return rec;
}

void
qnet_test_recorder_free (QnetTestRecorder *rec)
{
  for (guint i = 0; i < rec->emitters->len; i++)
    {
      GWeakRef *ref = g_ptr_array_index (rec->emitters, i);
      g_autoptr(GObject) obj = g_weak_ref_get (ref);

      if (obj != NULL)
        g_signal_handler_disconnect (obj, g_array_index (rec->handlers, gulong, i));
      g_weak_ref_clear (ref);
      g_free (ref);
    }
  g_ptr_array_unref (rec->emitters);
  g_array_unref (rec->handlers);
  g_ptr_array_unref (rec->events);
  g_free (rec);
}

void
qnet_test_recorder_attach (QnetTestRecorder *rec,
                           gpointer          emitter)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);
  gulong id;

  g_assert_true (QNET_IS_EMITTER (emitter));
  g_weak_ref_init (ref, emitter);
  id = g_signal_connect (emitter, "event", G_CALLBACK (on_event), rec);
  g_ptr_array_add (rec->emitters, ref);
  g_array_append_val (rec->handlers, id);
}

GPtrArray *
qnet_test_recorder_get_events (QnetTestRecorder *rec)
{
  return rec->events;
}

char *
qnet_test_recorder_get_names (QnetTestRecorder *rec)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < rec->events->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, qnet_event_get_name (g_ptr_array_index (rec->events, i)));
    }
  return g_string_free (s, FALSE);
}

void
qnet_test_recorder_clear (QnetTestRecorder *rec)
{
  g_ptr_array_set_size (rec->events, 0);
}

QnetEvent *
qnet_test_recorder_find (QnetTestRecorder *rec,
                         const char       *name,
                         guint             n)
{
  for (guint i = 0; i < rec->events->len; i++)
    {
      QnetEvent *e = g_ptr_array_index (rec->events, i);

      if (g_strcmp0 (qnet_event_get_name (e), name) == 0 && n-- == 0)
        return e;
    }
  return NULL;
}

guint
qnet_test_recorder_count (QnetTestRecorder *rec,
                          const char       *name)
{
  guint count = 0;

  for (guint i = 0; i < rec->events->len; i++)
    if (g_strcmp0 (qnet_event_get_name (g_ptr_array_index (rec->events, i)), name) == 0)
      count++;
  return count;
}

gint64
qnet_test_event_get_int (QnetEvent  *event,
                         const char *key)
{
  g_autoptr(GVariant) v = qnet_event_lookup (event, key);

  if (v == NULL)
    g_error ("event %s has no key “%s”", qnet_event_get_name (event), key);
  g_assert_true (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64));
  return g_variant_get_int64 (v);
}

const char *
qnet_test_event_get_string (QnetEvent  *event,
                            const char *key)
{
  const char *str = NULL;

  if (!g_variant_lookup (qnet_event_get_hash (event), key, "&s", &str))
    g_error ("event %s has no string key “%s”", qnet_event_get_name (event), key);
  return str;
}

gboolean
qnet_test_event_has_key (QnetEvent  *event,
                         const char *key)
{
  g_autoptr(GVariant) v = qnet_event_lookup (event, key);

  return v != NULL;
}

char *
qnet_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("qnet-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
qnet_test_rmdir_recursive (const char *path)
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
        qnet_test_rmdir_recursive (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

void
qnet_test_wait_for_flag (gboolean *flag,
                         guint     timeout_ms)
{
  gboolean expired = FALSE;
  GSource *source = g_timeout_source_new (timeout_ms);

  g_source_set_callback (source, timeout_cb, &expired, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());

  while (!*flag && !expired)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);

  g_source_destroy (source);
  g_source_unref (source);

  if (!*flag)
    g_error ("timed out after %u ms waiting for the test condition", timeout_ms);
}
