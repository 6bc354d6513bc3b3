/* test-event.c: QnetEvent, the event table and the JSON trace format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "qnet-test-emitter.h"
#include "qnet-test-utils.h"

static void
test_code_names (void)
{
  QnetEventCode code = 0;
  GEnumClass *klass = g_type_class_ref (QNET_TYPE_EVENT_CODE);

  g_assert_cmpstr (qnet_event_code_to_name (QNET_EVENT_PACKET_READ), ==, "PACKET_READ");
  g_assert_cmpstr (qnet_event_code_to_name (QNET_EVENT_HTTP_FOOTERS_SENT), ==, "HTTP_FOOTERS_SENT");
  g_assert_cmpstr (qnet_event_code_to_name (QNET_EVENT_FTP_TRANSFER_COMPLETE), ==, "FTP_TRANSFER_COMPLETE");
  g_assert_null (qnet_event_code_to_name (0));
  g_assert_null (qnet_event_code_to_name (32));
  g_assert_null (qnet_event_code_to_name (99));
  g_assert_null (qnet_event_code_to_name (107));
  g_assert_cmpstr (qnet_event_code_to_signal_name (QNET_EVENT_HOSTNAME_RESOLVED), ==, "hostname-resolved");
  g_assert_true (qnet_event_code_from_signal_name ("incoming-connection", &code));
  g_assert_cmpint (code, ==, QNET_EVENT_INCOMING_CONNECTION);
  g_assert_false (qnet_event_code_from_signal_name ("no-such-event", &code));

  /* Every value of the registered enum has a table entry whose signal name
   * is the enum nick, and the codes match EVENTS.md's numbering. */
  g_assert_cmpuint (klass->n_values, ==, 31 + 7);
  for (guint i = 0; i < klass->n_values; i++)
    {
      GEnumValue *v = &klass->values[i];

      g_assert_cmpstr (qnet_event_code_to_signal_name (v->value), ==, v->value_nick);
      g_assert_true (qnet_event_code_from_signal_name (v->value_nick, &code));
      g_assert_cmpint (code, ==, v->value);
    }
  g_type_class_unref (klass);
}

static QnetEvent *
make_event (void)
{
  GVariantBuilder b, h;
  const char *vals[] = { "a=1", "b=2", NULL };

  g_variant_builder_init (&h, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&h, "{sv}", "http_version", g_variant_new_string ("1.1"));
  g_variant_builder_add (&h, "{sv}", "status_code", g_variant_new_int64 (200));
  g_variant_builder_add (&h, "{sv}", "set-cookie", g_variant_new_strv (vals, -1));

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "event", g_variant_new_int64 (QNET_EVENT_HTTP_MESSAGE_RECEIVED));
  g_variant_builder_add (&b, "{sv}", "source", g_variant_new_int64 (2));
  g_variant_builder_add (&b, "{sv}", "id", g_variant_new_int64 (7));
  g_variant_builder_add (&b, "{sv}", "headers", g_variant_builder_end (&h));
  g_variant_builder_add (&b, "{sv}", "data",
                         g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "\0\x01\xff\"", 4, 1));
  g_variant_builder_add (&b, "{sv}", "text", g_variant_new_string ("quote \" back\\slash\nnl\x01"));

  return _qnet_event_new (QNET_EVENT_HTTP_MESSAGE_RECEIVED, QNET_EVENT_SOURCE_HTTP_CLIENT, 7,
                          G_GINT64_CONSTANT (1795280400123456), 123456789, 4242,
                          g_variant_builder_end (&b), g_variant_new_string ("my-arg"),
                          "QnetHttpClient", "127.0.0.1:8080");
}

static void
test_json_round_trip (void)
{
  g_autoptr(QnetEvent) event = make_event ();
  g_autoptr(QnetEvent) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = qnet_event_to_json (event);
  g_autofree char *json2 = NULL;

  g_assert_cmpstr (json, ==,
                   "{\"event\":14,\"source\":2,\"id\":7,"
                   "\"headers\":{\"http_version\":\"1.1\",\"status_code\":200,\"set-cookie\":[\"a=1\",\"b=2\"]},"
                   "\"data\":{\"base64\":\"AAH/Ig==\"},"
                   "\"text\":\"quote \\\" back\\\\slash\\nnl\\u0001\","
                   "\"qnet\":{\"name\":\"http-message-received\",\"time\":\"2026-11-21T17:00:00.123456Z\","
                   "\"mono_us\":123456789,\"pid\":4242,\"type\":\"QnetHttpClient\","
                   "\"label\":\"127.0.0.1:8080\",\"arg\":\"my-arg\"}}");

  back = qnet_event_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpint (qnet_event_get_code (back), ==, QNET_EVENT_HTTP_MESSAGE_RECEIVED);
  g_assert_cmpint (qnet_event_get_source (back), ==, QNET_EVENT_SOURCE_HTTP_CLIENT);
  g_assert_cmpuint (qnet_event_get_id (back), ==, 7);
  g_assert_cmpstr (qnet_event_get_name (back), ==, "http-message-received");
  g_assert_cmpint (qnet_event_get_timestamp (back), ==, G_GINT64_CONSTANT (1795280400123456));
  g_assert_cmpint (qnet_event_get_monotonic_time (back), ==, 123456789);
  g_assert_cmpint (qnet_event_get_pid (back), ==, 4242);
  g_assert_cmpstr (qnet_event_get_type_name (back), ==, "QnetHttpClient");
  g_assert_cmpstr (qnet_event_get_label (back), ==, "127.0.0.1:8080");
  g_assert_cmpstr (g_variant_get_string (qnet_event_get_arg (back), NULL), ==, "my-arg");
  g_assert_true (g_variant_equal (qnet_event_get_hash (back), qnet_event_get_hash (event)));

  json2 = qnet_event_to_json (back);
  g_assert_cmpstr (json, ==, json2);
}

static void
test_json_rejects (void)
{
  const char *bad[] = {
    "",
    "not json",
    "[1,2,3]",
    "{\"source\":1,\"id\":1}",
    "{\"event\":1,\"id\":1}",
    "{\"event\":1,\"source\":1}",
    "{\"event\":\"1\",\"source\":1,\"id\":1}",
    "{\"event\":99,\"source\":1,\"id\":1}",
    "{\"event\":1,\"source\":9,\"id\":1}",
    "{\"event\":1,\"source\":1,\"id\":-5}",
    "{\"event\":1,\"source\":1,\"id\":1,\"x\":null}",
    "{\"event\":1,\"source\":1,\"id\":1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetEvent) event = qnet_event_new_from_json (bad[i], &error);

      g_assert_null (event);
      g_assert_nonnull (error);
    }
}

static void
test_json_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetEvent) event =
    qnet_event_new_from_json ("{\"event\":7,\"source\":4,\"id\":3}\n", &error);
  g_autoptr(GVariant) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (qnet_event_get_name (event), ==, "channel-closed");
  g_assert_cmpint (qnet_test_event_get_int (event, "id"), ==, 3);
  g_assert_null (qnet_event_get_label (event));
  g_assert_null (qnet_event_get_arg (event));
  missing = qnet_event_lookup (event, "read");
  g_assert_null (missing);
}

static void
test_properties (void)
{
  g_autoptr(QnetEvent) event = make_event ();
  g_autoptr(GVariant) hash = NULL;
  g_autofree char *name = NULL;
  QnetEventCode code;
  guint64 id;

  g_object_get (event, "code", &code, "id", &id, "name", &name, "hash", &hash, NULL);
  g_assert_cmpint (code, ==, QNET_EVENT_HTTP_MESSAGE_RECEIVED);
  g_assert_cmpuint (id, ==, 7);
  g_assert_cmpstr (name, ==, "http-message-received");
  g_assert_true (g_variant_is_of_type (hash, G_VARIANT_TYPE_VARDICT));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event/code-names", test_code_names);
  g_test_add_func ("/event/json/round-trip", test_json_round_trip);
  g_test_add_func ("/event/json/rejects", test_json_rejects);
  g_test_add_func ("/event/json/minimal", test_json_minimal);
  g_test_add_func ("/event/properties", test_properties);

  return g_test_run ();
}
