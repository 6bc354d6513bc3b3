/* http-test-common.c: helpers shared by the HTTP tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "http-test-common.h"

QnetHttpClient *
http_test_client_new (HttpTestServer   *server,
                      QnetTestRecorder *rec)
{
  g_autofree char *url = http_test_server_get_url (server, "/");
  QnetHttpClient *client = qnet_http_client_new (url);

  qnet_socket_set_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);
  qnet_socket_set_connect_timeout (QNET_SOCKET (client), HTTP_TEST_TIMEOUT_MS);
  if (rec != NULL)
    qnet_test_recorder_attach (rec, client);
  return client;
}

char *
http_test_names_without_packets (QnetTestRecorder *rec)
{
  GPtrArray *events = qnet_test_recorder_get_events (rec);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      const char *name = qnet_event_get_name (g_ptr_array_index (events, i));

      if (strcmp (name, "packet-read") == 0 || strcmp (name, "packet-sent") == 0)
        continue;
      if (s->len > 0)
        g_string_append_c (s, ',');
      g_string_append (s, name);
    }
  return g_string_free (s, FALSE);
}

void
http_test_store_result (GObject      *source,
                        GAsyncResult *result,
                        gpointer      data)
{
  GAsyncResult **slot = data;

  *slot = g_object_ref (result);
}

GAsyncResult *
http_test_wait_result (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) HTTP_TEST_TIMEOUT_MS * 3 * 1000;

  while (*slot == NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      if (*slot == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (200);
        }
    }
  return *slot;
}

void
http_test_assert_failed_once (QnetTestRecorder *rec,
                              const char       *operation,
                              const GError     *error)
{
  QnetEvent *event;

  g_assert_cmpuint (qnet_test_recorder_count (rec, "operation-failed"), ==, 1);
  event = qnet_test_recorder_find (rec, "operation-failed", 0);
  g_assert_cmpstr (qnet_test_event_get_string (event, "operation"), ==, operation);
  g_assert_cmpstr (qnet_test_event_get_string (event, "domain"), ==, g_quark_to_string (error->domain));
  g_assert_cmpint (qnet_test_event_get_int (event, "code"), ==, error->code);
  g_assert_cmpstr (qnet_test_event_get_string (event, "message"), ==, error->message);
}

GBytes *
http_test_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

GHashTable *
http_test_headers (const char *first_name,
                   ...)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_hash_table_insert (table, g_strdup (name), g_strdup (value));
      name = va_arg (args, const char *);
    }
  va_end (args);
  return table;
}

GBytes *
http_test_compress (const void *data,
                    gsize       len,
                    gboolean    zlib)
{
  g_autoptr(GZlibCompressor) compressor =
    g_zlib_compressor_new (zlib ? G_ZLIB_COMPRESSOR_FORMAT_ZLIB : G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}
