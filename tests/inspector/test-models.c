/* test-models.c: the inspector's models, headless
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "qi-event-list.h"
#include "qi-event-store.h"
#include "qi-format.h"
#include "qi-har.h"
#include "qi-payload.h"
#include "qi-sources.h"
#include "qi-time-axis.h"
#include "qi-trace-parser.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static QiEventStore *
load_fixture (void)
{
  g_autofree char *path = fixture_path ("sample-session.jsonl");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  QiEventStore *store = qi_event_store_new ();
  guint n = 0;

  g_assert_true (qi_trace_file_load (store, file, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 66);
  return store;
}

static guint
find_object (QiEventStore *store,
             guint64       id)
{
  for (guint i = 0; i < qi_event_store_get_n_objects (store); i++)
    if (qi_event_store_get_object (store, i)->id == id)
      return i;
  g_assert_not_reached ();
  return 0;
}

/* Parser ---------------------------------------------------------------- */

static void
test_parser_valid (void)
{
  QiTraceLine line;
  g_autoptr(GError) error = NULL;
  const char *text =
    "{ \"event\" : 14, \"source\":2, \"id\":9, \"headers\":{\"status_code\":200,"
    "\"x-list\":[\"a\",\"b\"],\"x-esc\":\"caf\\u00e9 \\ud83d\\ude00\\n\\\"q\\\"\"},"
    "\"neg\":-42,\"f\":1.5e3,\"t\":true,\"n\":null,"
    "\"qnet\":{\"name\":\"http-message-received\",\"time\":\"2026-11-21T17:00:00.250000Z\","
    "\"mono_us\":77,\"pid\":12,\"type\":\"QnetHttpClient\",\"label\":\"h:1\",\"extra\":[1,{}]}}";
  g_autoptr(GVariant) hash = NULL;
  g_autoptr(GVariant) headers = NULL;
  const char *s = NULL;
  gint64 x = 0;
  double d = 0;
  gboolean b = FALSE;

  qi_trace_line_init (&line);
  g_assert_true (qi_trace_line_parse (&line, text, strlen (text), &error));
  g_assert_no_error (error);
  g_assert_true (line.has_code);
  g_assert_cmpint (line.code, ==, 14);
  g_assert_cmpint (line.source, ==, 2);
  g_assert_cmpuint (line.id, ==, 9);
  g_assert_cmpstr (line.name->str, ==, "http-message-received");
  g_assert_cmpstr (line.type->str, ==, "QnetHttpClient");
  g_assert_cmpstr (line.label->str, ==, "h:1");
  g_assert_cmpint (line.mono, ==, 77);
  g_assert_cmpint (line.pid, ==, 12);

  hash = g_variant_ref_sink (qi_payload_to_variant (line.payload->data,
                                                    line.payload->data + line.payload->len));
  g_assert_true (g_variant_lookup (hash, "neg", "x", &x));
  g_assert_cmpint (x, ==, -42);
  g_assert_true (g_variant_lookup (hash, "f", "d", &d));
  g_assert_cmpfloat (d, ==, 1500.0);
  g_assert_true (g_variant_lookup (hash, "t", "b", &b));
  g_assert_true (b);
  headers = g_variant_lookup_value (hash, "headers", G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (headers);
  g_assert_true (g_variant_lookup (headers, "status_code", "x", &x));
  g_assert_cmpint (x, ==, 200);
  g_assert_true (g_variant_lookup (headers, "x-esc", "&s", &s));
  g_assert_cmpstr (s, ==, "café 😀\n\"q\"");
  {
    g_autoptr(GVariant) list = g_variant_lookup_value (headers, "x-list", G_VARIANT_TYPE_STRING_ARRAY);

    g_assert_nonnull (list);
    g_assert_cmpuint (g_variant_n_children (list), ==, 2);
  }
  qi_trace_line_clear (&line);
}

static void
test_parser_malformed (void)
{
  static const char * const bad[] = {
    "",
    "{",
    "[1]",
    "{\"event\":}",
    "{\"event\":1,}",
    "{\"a\":\"\\x\"}",
    "{\"a\":\"\xff\xfe\"}",
    "{\"a\":1} trailing",
    "{\"a\":\"\\u0000\"}",
    "{\"a\":\"\\ud800\"}",
    "{\"a\":\"\\udc00\"}",
    "{\"a\":\"unterminated}",
    "{\"a\":tru}",
    "{\"a\":-}",
    "{\"a\":[1,2}",
    "{\"a\":\"tab\there\"}",
    "{\"event\":\"1\",\"id\":1}",
    "{\"qnet\":{\"pid\":\"x\"}}",
  };
  const char *good = "{\"event\":1,\"source\":1,\"id\":2,\"read\":5,\"qnet\":{\"name\":\"packet-read\"}}";
  QiTraceLine line;
  GString *deep = g_string_new ("{\"a\":");

  qi_trace_line_init (&line);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (qi_trace_line_parse (&line, bad[i], strlen (bad[i]), &error))
        g_error ("accepted malformed line %u: %s", i, bad[i]);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  /* every proper prefix of a valid line is rejected */
  for (gsize cut = 0; cut < strlen (good); cut++)
    g_assert_false (qi_trace_line_parse (&line, good, cut, NULL));
  g_assert_true (qi_trace_line_parse (&line, good, strlen (good), NULL));

  /* nesting is capped */
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  g_assert_false (qi_trace_line_parse (&line, deep->str, deep->len, NULL));
  g_string_free (deep, TRUE);
  qi_trace_line_clear (&line);
}

static void
test_parser_iso8601 (void)
{
  gint64 us = 0;

  g_assert_true (qi_parse_iso8601_us ("1970-01-01T00:00:01.000002Z", 27, &us));
  g_assert_cmpint (us, ==, 1000002);
  g_assert_true (qi_parse_iso8601_us ("2026-11-21T17:00:00.123456Z", 27, &us));
  g_assert_cmpint (us, ==, G_GINT64_CONSTANT (1795280400123456));
  g_assert_true (qi_parse_iso8601_us ("2026-11-21T18:00:00+01:00", 25, &us));
  g_assert_cmpint (us, ==, G_GINT64_CONSTANT (1795280400000000));
  g_assert_false (qi_parse_iso8601_us ("yesterday", 9, &us));
}

/* Store ----------------------------------------------------------------- */

static void
test_store_fixture (void)
{
  g_autoptr(QiEventStore) store = load_fixture ();
  guint http = find_object (store, 3);
  QiObject *obj = qi_event_store_get_object (store, http);
  g_autofree char *title = qi_event_store_dup_object_title (store, http);
  g_autofree char *process = qi_event_store_dup_process_title (store, obj->process);
  const QiRecord *first, *second;
  gint64 begin, end;

  g_assert_cmpuint (qi_event_store_get_n_events (store), ==, 66);
  g_assert_cmpuint (qi_event_store_get_n_objects (store), ==, 5);
  g_assert_cmpuint (qi_event_store_get_n_processes (store), ==, 1);
  g_assert_cmpuint (qi_event_store_get_n_malformed (store), ==, 0);
  g_assert_cmpstr (title, ==, "QnetHttpClient #3 · 127.0.0.1:8080");
  g_assert_cmpstr (process, ==, "Process 4242 (sample-session.jsonl)");
  g_assert_cmpuint (obj->events->len, ==, 37);
  g_assert_cmpint (obj->bytes_out, ==, 131 + 40 + 37 + 37);
  g_assert_cmpint (obj->bytes_in, ==, 180 + 1024 + 120 + 30 + 90 + 100);

  /* times: wall-clock aligned, µs apart as the monotonic clock says */
  first = qi_event_store_get_record (store, g_array_index (obj->events, guint32, 0));
  second = qi_event_store_get_record (store, g_array_index (obj->events, guint32, 1));
  g_assert_cmpint (first->t, ==, G_GINT64_CONSTANT (1795280400000000));
  g_assert_cmpint (second->t - first->t, ==, 1500);
  g_assert_true (qi_event_store_get_range (store, &begin, &end));
  g_assert_cmpint (end - begin, ==, 83100);

  /* decoded views */
  {
    guint index = g_array_index (obj->events, guint32, 7);   /* message-received 200 */
    g_autofree char *summary = qi_event_store_dup_summary (store, index);
    g_autoptr(GVariant) hash = qi_event_store_dup_hash (store, index);
    g_autofree char *json = qi_event_store_dup_json (store, index);
    gint64 id = 0;

    g_assert_cmpstr (qi_event_store_get_event_name (store, index), ==, "http-message-received");
    g_assert_true (g_str_has_prefix (summary, "HTTP/1.1 200 OK"));
    g_assert_true (g_variant_lookup (hash, "id", "x", &id));
    g_assert_cmpint (id, ==, 3);
    g_assert_true (g_str_has_prefix (json, "{\"event\":14,\"source\":2,\"id\":3,\"headers\":{"));
    g_assert_nonnull (strstr (json, "\"set-cookie\":[\"a=1; Path=/; HttpOnly\",\"b=2; Secure\"]"));
  }
}

static void
test_store_metadata_lines (void)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  guint32 origin = qi_event_store_add_origin (store, QI_ORIGIN_LIVE, "test");
  const char *dropped = "{\"qnet\":{\"name\":\"trace-dropped\",\"dropped\":17,\"time\":\"2026-11-21T17:00:00.000000Z\",\"mono_us\":1,\"pid\":99}}";
  const char *later = "{\"qnet\":{\"name\":\"trace-dropped\",\"dropped\":20,\"pid\":99}}";
  const char *no_id = "{\"event\":1,\"source\":1}";
  g_autoptr(GError) error = NULL;

  g_assert_true (qi_event_store_append_json (store, origin, dropped, strlen (dropped), NULL));
  g_assert_true (qi_event_store_append_json (store, origin, later, strlen (later), NULL));
  g_assert_cmpuint (qi_event_store_get_n_events (store), ==, 0);
  g_assert_cmpuint (qi_event_store_get_n_dropped (store), ==, 20);
  g_assert_false (qi_event_store_append_json (store, origin, no_id, strlen (no_id), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (qi_event_store_get_n_malformed (store), ==, 1);
}

static void
count_cb (gpointer  instance,
          gpointer  arg,
          guint    *count)
{
  (*count)++;
}

static void
count0_cb (gpointer  instance,
           guint    *count)
{
  (*count)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_store_batching (void)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(QiEventList) list = qi_event_list_new (store);
  guint32 origin = qi_event_store_add_origin (store, QI_ORIGIN_LIVE, "burst");
  guint changed = 0, items_changed = 0;

  g_signal_connect (store, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &items_changed);

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *line =
        g_strdup_printf ("{\"event\":1,\"source\":1,\"id\":%u,\"read\":10,\"total_read\":%u,"
                         "\"qnet\":{\"name\":\"packet-read\",\"mono_us\":%u,\"pid\":7,\"type\":\"QnetSocket\"}}",
                         1 + i % 4, i * 10, 1000 + i);

      g_assert_true (qi_event_store_append_json (store, origin, line, strlen (line), NULL));
    }
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* one frame later: one flush, one items-changed */
  {
    gint64 until = g_get_monotonic_time () + 100 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (items_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5000);
  g_assert_cmpuint (qi_event_store_get_n_objects (store), ==, 4);
  g_assert_cmpuint (qi_event_store_get_object (store, 0)->events->len, ==, 1250);

  /* memory stays compact */
  g_assert_cmpuint (qi_event_store_get_memory_size (store) / 5000, <, 1024);
}

static void
test_store_order (void)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(QiEventList) list = qi_event_list_new (store);
  guint32 a = qi_event_store_add_origin (store, QI_ORIGIN_FILE, "a");
  guint32 b = qi_event_store_add_origin (store, QI_ORIGIN_FILE, "b");
  const guint32 *order;
  guint n;
  static const int times_a[] = { 10, 30, 50, 70 };
  static const int times_b[] = { 20, 40, 60 };

  for (guint i = 0; i < G_N_ELEMENTS (times_a); i++)
    {
      g_autofree char *line = g_strdup_printf ("{\"event\":7,\"source\":1,\"id\":1,\"qnet\":{\"time\":\"2026-01-01T00:00:00.0000%02dZ\",\"pid\":1}}", times_a[i]);

      g_assert_true (qi_event_store_append_json (store, a, line, strlen (line), NULL));
    }
  qi_event_store_flush (store);
  for (guint i = 0; i < G_N_ELEMENTS (times_b); i++)
    {
      g_autofree char *line = g_strdup_printf ("{\"event\":7,\"source\":1,\"id\":1,\"qnet\":{\"time\":\"2026-01-01T00:00:00.0000%02dZ\",\"pid\":1}}", times_b[i]);

      g_assert_true (qi_event_store_append_json (store, b, line, strlen (line), NULL));
    }
  qi_event_store_flush (store);

  order = qi_event_store_get_order (store, &n);
  g_assert_cmpuint (n, ==, 7);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (qi_event_store_get_record (store, order[i - 1])->t, <,
                     qi_event_store_get_record (store, order[i])->t);
  /* two origins: two process groups, one object each */
  g_assert_cmpuint (qi_event_store_get_n_processes (store), ==, 2);
  g_assert_cmpuint (qi_event_store_get_n_objects (store), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
  g_assert_cmpuint (qi_event_list_get_event (list, 1), ==, 4);
  g_assert_cmpuint (qi_event_list_find_event (list, 4), ==, 1);
}

static void
test_store_save_reload (void)
{
  g_autoptr(QiEventStore) store = load_fixture ();
  g_autoptr(QiEventStore) again = qi_event_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qi-save-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "session.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const guint32 *order_a, *order_b;
  guint na, nb;

  g_assert_no_error (error);
  g_assert_true (qi_event_store_save (store, path, &error));
  g_assert_no_error (error);
  g_assert_true (qi_trace_file_load (again, file, NULL, &error));
  g_assert_no_error (error);

  order_a = qi_event_store_get_order (store, &na);
  order_b = qi_event_store_get_order (again, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_autofree char *ja = qi_event_store_dup_json (store, order_a[i]);
      g_autofree char *jb = qi_event_store_dup_json (again, order_b[i]);

      g_assert_cmpstr (ja, ==, jb);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* Spans ------------------------------------------------------------------ */

static char *
spans_string (QiEventStore *store,
              guint64       id)
{
  QiObject *obj = qi_event_store_get_object (store, find_object (store, id));
  GString *out = g_string_new (NULL);
  gint64 begin, end;
  static const char * const kinds[] = { "dns", "connect", "tls", "send", "wait", "receive",
                                        "chunked", "ftp", "file" };
  static const char * const status[] = { "open", "ok", "failed" };

  qi_event_store_get_range (store, &begin, &end);
  for (guint i = 0; i < obj->spans->len; i++)
    {
      const QiSpan *span = &g_array_index (obj->spans, QiSpan, i);

      g_string_append_printf (out, "%s%s:%.1f-%.1f:%s", i ? " " : "", kinds[span->kind],
                              (span->begin - begin) / 1000.0, (span->end - begin) / 1000.0,
                              status[span->status]);
    }
  return g_string_free (out, FALSE);
}

static void
test_spans_http (void)
{
  g_autoptr(QiEventStore) store = load_fixture ();
  g_autofree char *plain = spans_string (store, 3);
  g_autofree char *tls = spans_string (store, 4);

  g_assert_cmpstr (plain, ==,
                   "dns:0.0-1.5:ok connect:2.0-3.0:ok "
                   "send:4.0-4.5:ok wait:4.5-9.2:ok receive:9.2-11.2:ok "
                   "send:20.0-20.1:ok wait:20.1-25.1:ok receive:25.1-26.5:ok chunked:25.2-26.4:ok "
                   "send:30.0-30.1:ok wait:30.1-32.1:ok receive:32.1-32.3:ok "
                   "send:33.0-33.1:ok wait:33.1-35.1:ok receive:35.1-35.3:ok");
  g_assert_cmpstr (tls, ==,
                   "connect:41.0-42.0:ok tls:42.1-47.0:ok "
                   "send:47.5-47.6:ok wait:47.6-52.1:ok receive:52.1-52.2:ok");
}

static void
test_spans_failures_ftp_file (void)
{
  g_autoptr(QiEventStore) store = load_fixture ();
  g_autofree char *refused = spans_string (store, 5);
  g_autofree char *ftp = spans_string (store, 6);
  g_autofree char *file = spans_string (store, 7);
  QiTiming timing;

  g_assert_cmpstr (refused, ==, "connect:55.0-55.4:failed");
  g_assert_cmpstr (ftp, ==, "ftp:61.0-62.0:ok ftp:63.0-64.0:ok ftp:65.0-70.0:ok ftp:71.0-72.0:failed");
  g_assert_cmpstr (file, ==, "file:80.0-83.0:ok");

  qi_event_store_get_timing (store, find_object (store, 3), &timing);
  g_assert_cmpint (timing.dns, ==, 1500);
  g_assert_cmpint (timing.connect, ==, 1000);
  g_assert_cmpint (timing.tls, ==, -1);
  g_assert_cmpint (timing.send, ==, 500 + 100 + 100 + 100);
  g_assert_cmpint (timing.wait, ==, 4700 + 5000 + 2000 + 2000);
  g_assert_cmpint (timing.receive, ==, 2000 + 1400 + 200 + 200);
  g_assert_cmpint (timing.bytes_out, ==, 245);
  g_assert_cmpuint (timing.n_events, ==, 37);
  g_assert_cmpuint (timing.n_failed, ==, 0);

  qi_event_store_get_timing (store, find_object (store, 5), &timing);
  g_assert_cmpuint (timing.n_failed, ==, 1);
}

static void
test_spans_open_and_closed_early (void)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  guint32 origin = qi_event_store_add_origin (store, QI_ORIGIN_LIVE, "x");
  static const char * const lines[] = {
    "{\"event\":11,\"source\":1,\"id\":1,\"name\":\"h\",\"qnet\":{\"mono_us\":0,\"time\":\"2026-01-01T00:00:00.000000Z\",\"pid\":1}}",
    "{\"event\":18,\"source\":1,\"id\":1,\"address\":\"::1\",\"port\":1,\"qnet\":{\"mono_us\":100,\"pid\":1}}",
    "{\"event\":18,\"source\":1,\"id\":1,\"address\":\"127.0.0.1\",\"port\":1,\"qnet\":{\"mono_us\":200,\"pid\":1}}",
    "{\"event\":19,\"source\":1,\"id\":1,\"qnet\":{\"mono_us\":300,\"pid\":1}}",
    "{\"event\":20,\"source\":1,\"id\":1,\"qnet\":{\"mono_us\":400,\"pid\":1}}",
    "{\"event\":7,\"source\":1,\"id\":1,\"qnet\":{\"mono_us\":500,\"pid\":1}}",
    "{\"event\":22,\"source\":4,\"id\":2,\"filename\":\"/nope\",\"qnet\":{\"mono_us\":600,\"pid\":1}}",
    "{\"event\":104,\"source\":4,\"id\":2,\"operation\":\"open\",\"message\":\"No such file\",\"qnet\":{\"mono_us\":700,\"pid\":1}}",
    "{\"event\":13,\"source\":2,\"id\":3,\"message\":\"GET / HTTP/1.1\",\"headers\":{},\"qnet\":{\"mono_us\":800,\"pid\":1}}",
  };
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_assert_true (qi_event_store_append_json (store, origin, lines[i], strlen (lines[i]), NULL));
  a = spans_string (store, 1);
  b = spans_string (store, 2);
  c = spans_string (store, 3);
  /* DNS ends at the first attempt; a second attempt fails the first; the
   * TLS handshake cut by a close failed */
  g_assert_cmpstr (a, ==, "dns:0.0-0.1:ok connect:0.1-0.2:failed connect:0.2-0.3:ok tls:0.4-0.5:failed");
  g_assert_cmpstr (b, ==, "file:0.6-0.7:failed");
  g_assert_cmpstr (c, ==, "send:0.8-0.8:open");
}

/* List filters ----------------------------------------------------------- */

static void
test_list_filters (void)
{
  g_autoptr(QiEventStore) store = load_fixture ();
  g_autoptr(QiEventList) list = qi_event_list_new (store);
  GListModel *model = G_LIST_MODEL (list);
  gint64 begin, end;
  guint items_changed = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &items_changed);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 66);
  g_assert_false (qi_event_list_is_filtered (list));

  qi_event_list_set_family_mask (list, 1u << QI_FAMILY_FTP);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 11);
  g_assert_cmpuint (items_changed, ==, 1);
  qi_event_list_set_family_mask (list, (1u << QI_FAMILY_FTP) | (1u << QI_FAMILY_ERROR));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
  qi_event_list_set_family_mask (list, QI_FAMILY_MASK_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 66);

  qi_event_list_set_object (list, find_object (store, 7));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  {
    g_autoptr(QiEventItem) item = g_list_model_get_item (model, 0);

    g_assert_cmpstr (qi_event_store_get_event_name (store, qi_event_item_get_index (item)), ==, "open-file");
    g_assert_cmpuint (qi_event_list_find_event (list, qi_event_item_get_index (item)), ==, 0);
  }
  g_assert_null (g_list_model_get_item (model, 6));
  qi_event_list_set_object (list, QI_NO_OBJECT);

  qi_event_list_set_text (list, "  REDIRECT ");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  qi_event_list_set_text (list, "not found");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  qi_event_list_set_text (list, "example.test");     /* object titles match too */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 9);
  qi_event_list_set_text (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 66);

  qi_event_store_get_range (store, &begin, &end);
  qi_event_list_set_time_range (list, begin, begin + 10000);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 9);
  /* an event outside the range is not in the list */
  g_assert_cmpuint (qi_event_list_find_event (list, 60), ==, G_MAXUINT);
  qi_event_list_clear_time_range (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 66);
}

static void
test_list_filter_follows_appends (void)
{
  g_autoptr(QiEventStore) store = load_fixture ();
  g_autoptr(QiEventList) list = qi_event_list_new (store);
  guint32 origin = qi_event_store_add_origin (store, QI_ORIGIN_LIVE, "more");
  const char *ftp = "{\"event\":9,\"source\":3,\"id\":1,\"command\":\"NOOP\",\"qnet\":{\"time\":\"2030-01-01T00:00:00.000000Z\",\"pid\":5}}";
  const char *file = "{\"event\":24,\"source\":4,\"id\":2,\"read\":1,\"qnet\":{\"time\":\"2030-01-01T00:00:00.000001Z\",\"pid\":5}}";

  qi_event_list_set_family_mask (list, 1u << QI_FAMILY_FTP);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 11);
  g_assert_true (qi_event_store_append_json (store, origin, ftp, strlen (ftp), NULL));
  g_assert_true (qi_event_store_append_json (store, origin, file, strlen (file), NULL));
  qi_event_store_flush (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 12);
  g_assert_cmpuint (qi_event_list_get_event (list, 11), ==, 66);
}

/* Time axis -------------------------------------------------------------- */

static void
test_axis_maths (void)
{
  g_autoptr(QiTimeAxis) axis = qi_time_axis_new ();
  double b, e, at;
  gint64 step;
  g_autofree char *label = NULL;

  qi_time_axis_set_document (axis, 1000000, 2000000);
  qi_time_axis_get_visible (axis, &b, &e);
  /* fit all: the document plus a margin */
  g_assert_cmpfloat (b, <, 1000000);
  g_assert_cmpfloat (e, >, 2000000);
  g_assert_cmpfloat_with_epsilon (qi_time_axis_normalize (axis, 1000000), 0.03 / 1.06, 1e-9);

  qi_time_axis_set_visible (axis, 1000000, 2000000);
  g_assert_cmpfloat_with_epsilon (qi_time_axis_normalize (axis, 1500000), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (qi_time_axis_time_at (axis, 0.25), 1250000, 1e-6);

  /* zoom keeps the anchor in place */
  at = qi_time_axis_time_at (axis, 0.25);
  qi_time_axis_zoom (axis, 4.0, 0.25);
  g_assert_cmpfloat_with_epsilon (qi_time_axis_time_at (axis, 0.25), at, 1e-6);
  qi_time_axis_get_visible (axis, &b, &e);
  g_assert_cmpfloat_with_epsilon (e - b, 250000, 1e-6);

  /* zooming in has a floor, zooming out a ceiling */
  qi_time_axis_zoom (axis, 1e9, 0.5);
  qi_time_axis_get_visible (axis, &b, &e);
  g_assert_cmpfloat_with_epsilon (e - b, QI_TIME_AXIS_MIN_SPAN, 1e-6);
  qi_time_axis_zoom (axis, 1e-9, 0.5);
  qi_time_axis_get_visible (axis, &b, &e);
  g_assert_cmpfloat_with_epsilon (e - b, 60000000, 1e-3);

  /* panning stops half a window past either end of the document */
  qi_time_axis_set_visible (axis, 1000000, 1100000);
  qi_time_axis_pan (axis, 100.0);
  qi_time_axis_get_visible (axis, &b, &e);
  g_assert_cmpfloat_with_epsilon (b, 2000000, 1e-6);
  qi_time_axis_pan (axis, -1000.0);
  qi_time_axis_get_visible (axis, &b, &e);
  g_assert_cmpfloat_with_epsilon (e, 1000000, 1e-6);

  /* ticks adapt to the zoom: 1 s on 1000 px, labels >= 80 px apart */
  qi_time_axis_set_visible (axis, 1000000, 2000000);
  step = qi_time_axis_get_tick_step (axis, 1000, 80);
  g_assert_cmpint (step, ==, 100000);
  label = qi_time_axis_format_tick (axis, 1200000, step);
  g_assert_cmpstr (label, ==, "0.2 s");
  qi_time_axis_zoom (axis, 10, 0.5);
  step = qi_time_axis_get_tick_step (axis, 1000, 80);
  g_assert_cmpint (step, ==, 10000);
  qi_time_axis_zoom (axis, 20, 0.5);
  step = qi_time_axis_get_tick_step (axis, 1000, 80);
  g_assert_cmpint (step, ==, 500);
  g_clear_pointer (&label, g_free);
  label = qi_time_axis_format_tick (axis, 1500500, step);
  g_assert_cmpstr (label, ==, "0.5005 s");
  g_assert_cmpint (qi_time_axis_get_tick_step (axis, 1000, 1000), ==, 5000);

  /* ticks sit on a grid that starts at the document's start */
  qi_time_axis_set_document (axis, 1000003, 2000000);
  qi_time_axis_set_visible (axis, 1200000, 1300000);
  g_assert_cmpint (qi_time_axis_get_first_tick (axis, 20000), ==, 1180003);
}

static void
test_axis_follow_and_selection (void)
{
  g_autoptr(QiTimeAxis) axis = qi_time_axis_new ();
  double b, e;
  gint64 sb = 0, se = 0;
  guint selection_changed = 0;

  g_signal_connect (axis, "selection-changed", G_CALLBACK (count0_cb), &selection_changed);
  qi_time_axis_set_document (axis, 0, 1000000);
  qi_time_axis_set_visible (axis, 0, 500000);
  qi_time_axis_set_follow_live (axis, TRUE);
  qi_time_axis_get_visible (axis, &b, &e);
  g_assert_cmpfloat (e, >=, 1000000);
  g_assert_cmpfloat_with_epsilon (e - b, 500000, 1e-6);

  /* while the newest events fit, nothing moves */
  {
    double b0, e0;

    qi_time_axis_get_visible (axis, &b0, &e0);
    qi_time_axis_set_document (axis, -10, 1000000);
    qi_time_axis_get_visible (axis, &b, &e);
    g_assert_cmpfloat (b, ==, b0);
    g_assert_cmpfloat (e, ==, e0);
  }

  qi_time_axis_set_document (axis, 0, 3000000);
  qi_time_axis_get_visible (axis, &b, &e);
  g_assert_cmpfloat (b, <=, 3000000);
  g_assert_cmpfloat (e, >=, 3000000);
  g_assert_cmpfloat_with_epsilon (e - b, 500000, 1e-6);

  /* panning by hand stops following */
  qi_time_axis_pan (axis, -0.5);
  g_assert_false (qi_time_axis_get_follow_live (axis));
  qi_time_axis_set_document (axis, 0, 4000000);
  qi_time_axis_get_visible (axis, &b, &e);
  g_assert_cmpfloat (e, <, 4000000);

  g_assert_false (qi_time_axis_get_selection (axis, NULL, NULL));
  qi_time_axis_set_selection (axis, 2000, 1000);
  g_assert_true (qi_time_axis_get_selection (axis, &sb, &se));
  g_assert_cmpint (sb, ==, 1000);
  g_assert_cmpint (se, ==, 2000);
  qi_time_axis_zoom_to_selection (axis);
  qi_time_axis_get_visible (axis, &b, &e);
  g_assert_cmpfloat (b, <=, 1000);
  g_assert_cmpfloat (e, >=, 2000);
  qi_time_axis_clear_selection (axis);
  g_assert_false (qi_time_axis_get_selection (axis, NULL, NULL));
  g_assert_cmpuint (selection_changed, ==, 2);
}

/* HAR -------------------------------------------------------------------- */

static void
assert_member_type (JsonObject  *obj,
                    const char  *name,
                    GType        type,
                    const char  *where)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    g_error ("%s: required field %s is missing", where, name);
  if (type == JSON_TYPE_OBJECT)
    g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  else if (type == JSON_TYPE_ARRAY)
    g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  else
    {
      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      if (type == G_TYPE_DOUBLE)
        g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                       json_node_get_value_type (node) == G_TYPE_INT64);
      else
        g_assert_true (json_node_get_value_type (node) == type);
    }
}

static void
assert_name_values (JsonArray  *array,
                    const char *where)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *nv = json_array_get_object_element (array, i);

      g_assert_nonnull (nv);
      assert_member_type (nv, "name", G_TYPE_STRING, where);
      assert_member_type (nv, "value", G_TYPE_STRING, where);
    }
}

/* Every field HAR 1.2 requires, with its type. */
static void
check_har (JsonNode *root)
{
  JsonObject *log, *creator;
  JsonArray *entries;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  assert_member_type (json_node_get_object (root), "log", JSON_TYPE_OBJECT, "root");
  log = json_object_get_object_member (json_node_get_object (root), "log");
  assert_member_type (log, "version", G_TYPE_STRING, "log");
  g_assert_cmpstr (json_object_get_string_member (log, "version"), ==, "1.2");
  assert_member_type (log, "creator", JSON_TYPE_OBJECT, "log");
  creator = json_object_get_object_member (log, "creator");
  assert_member_type (creator, "name", G_TYPE_STRING, "creator");
  assert_member_type (creator, "version", G_TYPE_STRING, "creator");
  assert_member_type (log, "entries", JSON_TYPE_ARRAY, "log");
  entries = json_object_get_array_member (log, "entries");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonObject *request, *response, *content, *timings;
      double sum = 0;
      g_autoptr(GDateTime) dt = NULL;
      static const char * const optional_phases[] = { "blocked", "dns", "connect" };
      static const char * const required_phases[] = { "send", "wait", "receive" };

      assert_member_type (entry, "startedDateTime", G_TYPE_STRING, "entry");
      dt = g_date_time_new_from_iso8601 (json_object_get_string_member (entry, "startedDateTime"), NULL);
      g_assert_nonnull (dt);
      assert_member_type (entry, "time", G_TYPE_DOUBLE, "entry");
      assert_member_type (entry, "request", JSON_TYPE_OBJECT, "entry");
      assert_member_type (entry, "response", JSON_TYPE_OBJECT, "entry");
      assert_member_type (entry, "cache", JSON_TYPE_OBJECT, "entry");
      assert_member_type (entry, "timings", JSON_TYPE_OBJECT, "entry");

      request = json_object_get_object_member (entry, "request");
      assert_member_type (request, "method", G_TYPE_STRING, "request");
      assert_member_type (request, "url", G_TYPE_STRING, "request");
      assert_member_type (request, "httpVersion", G_TYPE_STRING, "request");
      assert_member_type (request, "cookies", JSON_TYPE_ARRAY, "request");
      assert_member_type (request, "headers", JSON_TYPE_ARRAY, "request");
      assert_member_type (request, "queryString", JSON_TYPE_ARRAY, "request");
      assert_member_type (request, "headersSize", G_TYPE_INT64, "request");
      assert_member_type (request, "bodySize", G_TYPE_INT64, "request");
      assert_name_values (json_object_get_array_member (request, "headers"), "request.headers");
      assert_name_values (json_object_get_array_member (request, "cookies"), "request.cookies");
      assert_name_values (json_object_get_array_member (request, "queryString"), "request.queryString");

      response = json_object_get_object_member (entry, "response");
      assert_member_type (response, "status", G_TYPE_INT64, "response");
      assert_member_type (response, "statusText", G_TYPE_STRING, "response");
      assert_member_type (response, "httpVersion", G_TYPE_STRING, "response");
      assert_member_type (response, "cookies", JSON_TYPE_ARRAY, "response");
      assert_member_type (response, "headers", JSON_TYPE_ARRAY, "response");
      assert_member_type (response, "content", JSON_TYPE_OBJECT, "response");
      assert_member_type (response, "redirectURL", G_TYPE_STRING, "response");
      assert_member_type (response, "headersSize", G_TYPE_INT64, "response");
      assert_member_type (response, "bodySize", G_TYPE_INT64, "response");
      assert_name_values (json_object_get_array_member (response, "headers"), "response.headers");
      assert_name_values (json_object_get_array_member (response, "cookies"), "response.cookies");
      content = json_object_get_object_member (response, "content");
      assert_member_type (content, "size", G_TYPE_INT64, "content");
      assert_member_type (content, "mimeType", G_TYPE_STRING, "content");

      timings = json_object_get_object_member (entry, "timings");
      for (guint k = 0; k < G_N_ELEMENTS (required_phases); k++)
        {
          double v;

          assert_member_type (timings, required_phases[k], G_TYPE_DOUBLE, "timings");
          v = json_object_get_double_member (timings, required_phases[k]);
          g_assert_cmpfloat (v, >=, 0);
          sum += v;
        }
      for (guint k = 0; k < G_N_ELEMENTS (optional_phases); k++)
        if (json_object_has_member (timings, optional_phases[k]))
          {
            double v = json_object_get_double_member (timings, optional_phases[k]);

            g_assert_true (v == -1 || v >= 0);
            if (v >= 0)
              sum += v;
          }
      if (json_object_has_member (timings, "ssl"))
        {
          double ssl = json_object_get_double_member (timings, "ssl");

          g_assert_true (ssl == -1 || (ssl >= 0 && ssl <= json_object_get_double_member (timings, "connect")));
        }
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (entry, "time"), sum, 1e-6);
    }
}

static void
test_har_fields (void)
{
  g_autoptr(QiEventStore) store = load_fixture ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *entries;
  JsonObject *first, *timings, *request, *response, *post;
  guint n = 0;

  root = qi_har_build (store, &n);
  g_assert_cmpuint (n, ==, 5);
  check_har (root);

  entries = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "log"), "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 5);
  first = json_array_get_object_element (entries, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "startedDateTime"), ==, "2026-11-21T17:00:00.000Z");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "time"), 11.2, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (first, "serverIPAddress"), ==, "127.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (first, "connection"), ==, "3");
  timings = json_object_get_object_member (first, "timings");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "dns"), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "connect"), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "blocked"), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "send"), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "wait"), 4.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "receive"), 2.0, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (timings, "ssl"), ==, -1);

  request = json_object_get_object_member (first, "request");
  g_assert_cmpstr (json_object_get_string_member (request, "method"), ==, "GET");
  g_assert_cmpstr (json_object_get_string_member (request, "url"), ==, "http://localhost:8080/index.html?lang=de&q=a%20b");
  g_assert_cmpstr (json_object_get_string_member (request, "httpVersion"), ==, "HTTP/1.1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (request, "headers")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (request, "cookies")), ==, 2);
  {
    JsonArray *query = json_object_get_array_member (request, "queryString");

    g_assert_cmpuint (json_array_get_length (query), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (query, 1), "value"), ==, "a b");
  }
  response = json_object_get_object_member (first, "response");
  g_assert_cmpint (json_object_get_int_member (response, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (response, "statusText"), ==, "OK");
  g_assert_cmpstr (json_object_get_string_member (response, "httpVersion"), ==, "HTTP/1.1");
  g_assert_cmpint (json_object_get_int_member (response, "bodySize"), ==, 1024);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (response, "content"), "mimeType"),
                   ==, "text/html; charset=utf-8");
  {
    JsonArray *cookies = json_object_get_array_member (response, "cookies");

    g_assert_cmpuint (json_array_get_length (cookies), ==, 2);
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (cookies, 0), "httpOnly"));
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (cookies, 1), "secure"));
  }

  /* the redirect, and the 404 on the same (kept-alive) connection */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (entries, 2), "response"), "redirectURL"), ==, "/new");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_array_get_object_element (entries, 3), "response"), "status"), ==, 404);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_array_get_object_element (entries, 3), "timings"), "connect"), ==, -1);

  /* TLS counts inside connect */
  post = json_array_get_object_element (entries, 4);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (post, "request"), "url"), ==, "https://example.test:8443/api");
  timings = json_object_get_object_member (post, "timings");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "connect"), 6.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "ssl"), 4.9, 1e-9);
}

static void
test_har_empty (void)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = 1;

  root = qi_har_build (store, &n);
  g_assert_cmpuint (n, ==, 0);
  check_har (root);
}

/* Sources ---------------------------------------------------------------- */

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *n = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (qi_trace_file_load_finish (QI_EVENT_STORE (object), result, n, &error));
  g_assert_no_error (error);
}

static void
test_source_file_async (void)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(QiEventList) list = qi_event_list_new (store);
  g_autofree char *path = fixture_path ("sample-session.jsonl");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/trace.jsonl");
  guint n = 0;
  gboolean have_items = FALSE;

  qi_trace_file_load_async (store, file, NULL, load_done_cb, &n);
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) < 66)
    {
      g_main_context_iteration (NULL, TRUE);
      have_items = g_list_model_get_n_items (G_LIST_MODEL (list)) == 66;
      if (have_items)
        break;
    }
  g_assert_cmpuint (n, ==, 66);
  g_assert_cmpuint (qi_event_store_get_n_objects (store), ==, 5);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (qi_trace_file_load (store, missing, NULL, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }
}

static void
test_source_in_process (void)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qi-inproc-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "f.txt", NULL);
  g_autofree char *spans = NULL;
  QnetFile *file = qnet_file_new (NULL);
  QiObject *obj;
  GString *names = g_string_new (NULL);

  qi_event_store_watch_emitter (store, file);
  g_assert_true (qnet_file_open (file, path, QNET_FILE_OPEN_WRITE | QNET_FILE_OPEN_CREATE, 0600, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qnet_file_write (file, "hello\n", NULL, &error));
  g_assert_true (qnet_file_close (file, NULL, &error));
  g_object_unref (file);
  qi_event_store_flush (store);

  g_assert_cmpuint (qi_event_store_get_n_objects (store), ==, 1);
  g_assert_cmpuint (qi_event_store_get_n_processes (store), ==, 1);
  g_assert_cmpint (qi_event_store_get_process (store, 0)->pid, ==, getpid ());
  g_assert_cmpint (qi_event_store_get_process (store, 0)->kind, ==, QI_ORIGIN_IN_PROCESS);
  obj = qi_event_store_get_object (store, 0);
  g_assert_cmpstr (obj->type_name, ==, "QnetFile");
  for (guint i = 0; i < obj->events->len; i++)
    g_string_append_printf (names, "%s%s", i ? "," : "",
                            qi_event_store_get_event_name (store, g_array_index (obj->events, guint32, i)));
  g_assert_cmpstr (names->str, ==, "open-file,file-opened,data-written,channel-closed,deleted");
  g_assert_cmpint (obj->bytes_out, ==, 6);
  g_assert_cmpuint (obj->spans->len, ==, 1);
  g_assert_cmpint (g_array_index (obj->spans, QiSpan, 0).status, ==, QI_SPAN_OK);
  {
    g_autofree char *summary = qi_event_store_dup_summary (store, g_array_index (obj->events, guint32, 0));

    g_assert_true (g_str_has_prefix (summary, path));
  }
  g_string_free (names, TRUE);
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct {
  gboolean exited;
  int      status;
} ChildState;

static void
child_exited (GPid     pid,
              int      status,
              gpointer user_data)
{
  ChildState *state = user_data;

  state->status = status;
  state->exited = TRUE;
  g_spawn_close_pid (pid);
}

static guint
count_events_of_pid (QiEventStore *store,
                     GPid          pid,
                     const char   *name)
{
  guint n = 0;

  for (guint i = 0; i < qi_event_store_get_n_events (store); i++)
    {
      const QiRecord *rec = qi_event_store_get_record (store, i);
      QiObject *obj = qi_event_store_get_object (store, rec->object);

      if (qi_event_store_get_process (store, obj->process)->pid == pid &&
          (name == NULL || strcmp (qi_code_get_name (rec->code), name) == 0))
        n++;
    }
  return n;
}

static void
run_traced_child (gboolean use_env)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(QiLiveTap) tap = qi_live_tap_new (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qi-tap-XXXXXX", &error);
  g_autofree char *socket_path = g_build_filename (dir, "socket", NULL);
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "trace-child", NULL);
  g_autofree char *env_value = g_strdup_printf ("unix:%s", socket_path);
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { child, use_env ? "--env" : socket_path, "25", NULL };
  ChildState state = { FALSE, -1 };
  GPid pid;
  gint64 deadline;

  g_assert_true (qi_live_tap_listen (tap, socket_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qi_live_tap_get_path (tap), ==, socket_path);

  envp = g_environ_unsetenv (envp, "QNET_TRACE");
  if (use_env)
    envp = g_environ_setenv (envp, "QNET_TRACE", env_value, TRUE);
  g_assert_true (g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited, &state);

  /* the child writes 25 times, then reads and closes: wait for its last event */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!state.exited || count_events_of_pid (store, pid, "deleted") < 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (g_get_monotonic_time () > deadline)
        g_error ("the traced child's events did not arrive (exited %d)", state.exited);
    }
  g_assert_true (g_spawn_check_wait_status (state.status, &error));
  g_assert_no_error (error);
  qi_event_store_flush (store);

  g_assert_cmpuint (count_events_of_pid (store, pid, "data-written"), ==, 25);
  g_assert_cmpuint (count_events_of_pid (store, pid, "open-file"), ==, 2);
  g_assert_cmpuint (count_events_of_pid (store, pid, "channel-closed"), ==, 2);
  g_assert_cmpuint (qi_event_store_get_n_processes (store), ==, 1);
  g_assert_cmpint (qi_event_store_get_process (store, 0)->kind, ==, QI_ORIGIN_LIVE);
  g_assert_cmpuint (qi_event_store_get_n_malformed (store), ==, 0);
  {
    g_autofree char *title = qi_event_store_dup_process_title (store, 0);
    g_autofree char *expected = g_strdup_printf ("Process %d (live)", (int) pid);

    g_assert_cmpstr (title, ==, expected);
  }
  {
    QiObject *obj = qi_event_store_get_object (store, 0);

    g_assert_cmpstr (obj->type_name, ==, "QnetFile");
    g_assert_cmpuint (obj->spans->len, ==, 2);
  }

  qi_live_tap_stop (tap);
  g_assert_false (g_file_test (socket_path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

static void
test_source_live_tap (void)
{
  run_traced_child (FALSE);
}

static void
test_source_live_tap_env (void)
{
  run_traced_child (TRUE);
}

typedef struct {
  char     *socket_path;
  gboolean  done;
} HostileWriter;

/* Writes from a thread: the tap reads from the main loop, which the test
 * keeps iterating meanwhile. */
static gpointer
hostile_writer (gpointer data)
{
  HostileWriter *hw = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (hw->socket_path);
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_malloc (2 * 1024 * 1024);
  const char *garbage = "this is not json\n{\"event\":1}\n";
  const char *valid = "{\"event\":7,\"source\":1,\"id\":3,\"qnet\":{\"mono_us\":1,\"pid\":77}}\r\n";
  GOutputStream *out;

  conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  memset (huge, 'x', 2 * 1024 * 1024);
  g_assert_true (g_output_stream_write_all (out, garbage, strlen (garbage), NULL, NULL, &error));
  g_assert_true (g_output_stream_write_all (out, huge, 2 * 1024 * 1024, NULL, NULL, &error));
  g_assert_true (g_output_stream_write_all (out, "\n", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_write_all (out, valid, strlen (valid), NULL, NULL, &error));
  g_assert_true (g_output_stream_write_all (out, "{\"event\":7,\"id\":4", 17, NULL, NULL, &error));
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  g_atomic_int_set (&hw->done, TRUE);
  return NULL;
}

static void
test_source_live_hostile (void)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(QiLiveTap) tap = qi_live_tap_new (store);
  g_autoptr(QiLiveTap) second = qi_live_tap_new (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qi-tap-XXXXXX", &error);
  g_autofree char *socket_path = g_build_filename (dir, "socket", NULL);
  HostileWriter hw = { socket_path, FALSE };
  GThread *thread;
  gint64 deadline;

  g_assert_true (qi_live_tap_listen (tap, socket_path, &error));
  g_assert_no_error (error);

  /* a second inspector on the same socket is refused, the first is kept */
  g_assert_false (qi_live_tap_listen (second, socket_path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_clear_error (&error);

  thread = g_thread_new ("hostile-writer", hostile_writer, &hw);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!g_atomic_int_get (&hw.done) || qi_event_store_get_n_events (store) < 1 ||
         qi_live_tap_get_n_connections (tap) > 0)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_thread_join (thread);
  g_assert_cmpuint (qi_event_store_get_n_events (store), ==, 1);
  g_assert_cmpuint (qi_event_store_get_n_malformed (store), ==, 3);
  g_assert_cmpint (qi_event_store_get_process (store, 0)->pid, ==, 77);
  qi_live_tap_stop (tap);
  g_rmdir (dir);
}

static void
test_text_line (void)
{
  g_autoptr(QiEventStore) store = load_fixture ();
  gint64 begin, end;
  const guint32 *order;
  guint n;
  g_autofree char *line = NULL;

  qi_event_store_get_range (store, &begin, &end);
  order = qi_event_store_get_order (store, &n);
  line = qi_format_text_line (store, order[1], begin);
  g_assert_cmpstr (line, ==, "      0.001500     4242  QnetHttpClient #3 · 127.0.0.1:8080        hostname-resolved           127.0.0.1 (ipv4) port 8080");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/inspector/parser/valid", test_parser_valid);
  g_test_add_func ("/inspector/parser/malformed", test_parser_malformed);
  g_test_add_func ("/inspector/parser/iso8601", test_parser_iso8601);
  g_test_add_func ("/inspector/store/fixture", test_store_fixture);
  g_test_add_func ("/inspector/store/metadata-lines", test_store_metadata_lines);
  g_test_add_func ("/inspector/store/batching", test_store_batching);
  g_test_add_func ("/inspector/store/order", test_store_order);
  g_test_add_func ("/inspector/store/save-reload", test_store_save_reload);
  g_test_add_func ("/inspector/spans/http", test_spans_http);
  g_test_add_func ("/inspector/spans/failures-ftp-file", test_spans_failures_ftp_file);
  g_test_add_func ("/inspector/spans/open-and-closed-early", test_spans_open_and_closed_early);
  g_test_add_func ("/inspector/list/filters", test_list_filters);
  g_test_add_func ("/inspector/list/filter-follows-appends", test_list_filter_follows_appends);
  g_test_add_func ("/inspector/axis/maths", test_axis_maths);
  g_test_add_func ("/inspector/axis/follow-and-selection", test_axis_follow_and_selection);
  g_test_add_func ("/inspector/har/fields", test_har_fields);
  g_test_add_func ("/inspector/har/empty", test_har_empty);
  g_test_add_func ("/inspector/source/file-async", test_source_file_async);
  g_test_add_func ("/inspector/source/in-process", test_source_in_process);
  g_test_add_func ("/inspector/source/live-tap", test_source_live_tap);
  g_test_add_func ("/inspector/source/live-tap-env", test_source_live_tap_env);
  g_test_add_func ("/inspector/source/live-hostile", test_source_live_hostile);
  g_test_add_func ("/inspector/text/line", test_text_line);

  return g_test_run ();
}
