/* test-emitter.c: the one emit helper, its fast path and the three forms
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-test-emitter.h"
#include "qnet-test-utils.h"

static void
test_ids (void)
{
  g_autoptr(QnetTestEmitter) a = qnet_test_emitter_new ();
  g_autoptr(QnetTestEmitter) b = qnet_test_emitter_new ();
  guint64 id_a = qnet_emitter_get_id (QNET_EMITTER (a));
  guint64 id_b = qnet_emitter_get_id (QNET_EMITTER (b));
  guint64 prop_id = 0;

  g_assert_cmpuint (id_a, >=, 1);
  g_assert_cmpuint (id_b, ==, id_a + 1);
  g_object_get (a, "id", &prop_id, NULL);
  g_assert_cmpuint (prop_id, ==, id_a);
  g_assert_cmpstr (qnet_emitter_get_label (QNET_EMITTER (a)), ==, "test-emitter");
  g_assert_cmpint (qnet_emitter_get_source (QNET_EMITTER (a)), ==, QNET_EVENT_SOURCE_SOCKET);
}

typedef struct {
  GString        *log;
  QnetEventQueue *queue;
  gint64          read, total, to_read;
} Ctx;

static void
on_packet_read (QnetEmitter *emitter,
                gint64       read,
                gint64       total_read,
                gint64       total_to_read,
                Ctx         *ctx)
{
  /* The queue already has the record when the typed signal runs. */
  g_string_append_printf (ctx->log, "typed(q=%u),", ctx->queue ? qnet_event_queue_get_length (ctx->queue) : 0);
  ctx->read = read;
  ctx->total = total_read;
  ctx->to_read = total_to_read;
}

static void
on_event (QnetEmitter *emitter,
          QnetEvent   *event,
          Ctx         *ctx)
{
  g_string_append_printf (ctx->log, "event(%s),", qnet_event_get_name (event));
}

static void
test_three_forms_in_order (void)
{
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(QnetEventQueue) queue = qnet_event_queue_new ();
  g_autoptr(QnetEvent) record = NULL;
  Ctx ctx = { g_string_new (NULL), queue, 0, 0, 0 };

  qnet_emitter_set_event_queue (QNET_EMITTER (e), queue, NULL, FALSE);
  g_signal_connect (e, "packet-read", G_CALLBACK (on_packet_read), &ctx);
  g_signal_connect (e, "event::packet-read", G_CALLBACK (on_event), &ctx);
  g_signal_connect (e, "event::packet-sent", G_CALLBACK (on_event), &ctx);

  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_PACKET_READ,
                      (gint64) 512, (gint64) 1536, (gint64) 4096);

  g_assert_cmpstr (ctx.log->str, ==, "typed(q=1),event(packet-read),");
  g_assert_cmpint (ctx.read, ==, 512);
  g_assert_cmpint (ctx.total, ==, 1536);
  g_assert_cmpint (ctx.to_read, ==, 4096);

  record = qnet_event_queue_try_pop (queue);
  g_assert_nonnull (record);
  g_assert_cmpint (qnet_event_get_code (record), ==, QNET_EVENT_PACKET_READ);
  g_assert_cmpint (qnet_test_event_get_int (record, "event"), ==, 1);
  g_assert_cmpint (qnet_test_event_get_int (record, "source"), ==, 1);
  g_assert_cmpint (qnet_test_event_get_int (record, "id"), ==, (gint64) qnet_emitter_get_id (QNET_EMITTER (e)));
  g_assert_cmpint (qnet_test_event_get_int (record, "read"), ==, 512);
  g_assert_cmpint (qnet_test_event_get_int (record, "total_read"), ==, 1536);
  g_assert_cmpint (qnet_test_event_get_int (record, "total_to_read"), ==, 4096);
  g_assert_cmpuint (g_variant_n_children (qnet_event_get_hash (record)), ==, 6);
  g_assert_cmpstr (qnet_event_get_type_name (record), ==, "QnetTestEmitter");
  g_assert_cmpstr (qnet_event_get_label (record), ==, "test-emitter");
  g_assert_null (qnet_event_get_arg (record));
  g_assert_cmpint (qnet_event_get_timestamp (record), >, 0);
  g_assert_cmpint (qnet_event_get_monotonic_time (record), >, 0);
  g_assert_null (qnet_event_queue_try_pop (queue));

  /* The detail filters: event::packet-read does not see packet-sent's
   * detail, but event::packet-sent does. */
  g_string_truncate (ctx.log, 0);
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_PACKET_SENT,
                      (gint) 5, (gint64) 10, (gint64) 10, (gint64) 10);
  g_assert_cmpstr (ctx.log->str, ==, "event(packet-sent),");

  qnet_emitter_set_event_queue (QNET_EMITTER (e), NULL, NULL, FALSE);
  g_string_free (ctx.log, TRUE);
}

static void
test_absent_optional (void)
{
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(QnetTestRecorder) rec = NULL;
  QnetEvent *ev;

  rec = qnet_test_recorder_new ();
  qnet_test_recorder_attach (rec, e);

  /* total_to_read unknown (-1) and a UNIX connecting without a port. */
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_PACKET_READ,
                      (gint64) 10, (gint64) 10, (gint64) -1);
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_CONNECTING,
                      (gint64) G_SOCKET_FAMILY_UNIX, "unix", "/tmp/sock", "/tmp/sock", (gint64) -1);
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_HOSTNAME_RESOLVED,
                      "::1", (gint64) G_SOCKET_FAMILY_IPV6, "ipv6", (gint64) 80);
  qnet_test_recorder_assert_names (rec, "packet-read,connecting,hostname-resolved");

  ev = qnet_test_recorder_find (rec, "packet-read", 0);
  g_assert_false (qnet_test_event_has_key (ev, "total_to_read"));
  ev = qnet_test_recorder_find (rec, "connecting", 0);
  g_assert_false (qnet_test_event_has_key (ev, "port"));
  g_assert_cmpstr (qnet_test_event_get_string (ev, "typename"), ==, "unix");
  g_assert_cmpstr (qnet_test_event_get_string (ev, "target"), ==, "/tmp/sock");
  ev = qnet_test_recorder_find (rec, "hostname-resolved", 0);
  g_assert_cmpint (qnet_test_event_get_int (ev, "port"), ==, 80);
  g_assert_cmpint (qnet_test_event_get_int (ev, "type"), ==, G_SOCKET_FAMILY_IPV6);
}

static void
on_connecting (QnetEmitter *e,
               gint64       type,
               const char  *type_name,
               const char  *target,
               const char  *address,
               gint64       port,
               gint64      *out_port)
{
  g_assert_cmpstr (type_name, ==, "unix");
  *out_port = port;
}

static void
test_typed_absent_is_minus_one (void)
{
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  gint64 port = 0;

  g_signal_connect (e, "connecting", G_CALLBACK (on_connecting), &port);
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_CONNECTING,
                      (gint64) G_SOCKET_FAMILY_UNIX, "unix", "/p", "/p", (gint64) -1);
  g_assert_cmpint (port, ==, -1);
}

static void
count_cb (gpointer instance, ...)
{
}

static void
test_capture_only_when_enabled (void)
{
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  g_autoptr(GBytes) data = g_bytes_new_static ("hello", 5);
  g_autoptr(QnetEventQueue) queue = qnet_event_queue_new ();
  g_autoptr(QnetEvent) ev = NULL;
  gsize len;
  const guint8 *payload;

  qnet_test_recorder_attach (rec, e);
  g_assert_false (_qnet_emitter_is_observed (QNET_EMITTER (e), QNET_EVENT_SOCKET_DATA_READ));
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_SOCKET_DATA_READ, data);
  qnet_test_recorder_assert_names (rec, "");

  qnet_emitter_set_event_queue (QNET_EMITTER (e), queue, g_variant_new_int32 (42), TRUE);
  g_assert_true (qnet_emitter_get_capture_data (QNET_EMITTER (e)));
  g_assert_true (_qnet_emitter_is_observed (QNET_EMITTER (e), QNET_EVENT_SOCKET_DATA_READ));
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_SOCKET_DATA_READ, data);
  qnet_test_recorder_assert_names (rec, "socket-data-read");

  ev = qnet_event_queue_try_pop (queue);
  g_assert_nonnull (ev);
  g_assert_cmpint (g_variant_get_int32 (qnet_event_get_arg (ev)), ==, 42);
  {
    /* JSON straight from the facts equals JSON from the built hash. */
    g_autofree char *direct = qnet_event_to_json (ev);
    g_autofree char *via_hash = NULL;

    g_assert_nonnull (qnet_event_get_hash (ev));
    via_hash = qnet_event_to_json (ev);
    g_assert_cmpstr (direct, ==, via_hash);
    g_assert_nonnull (strstr (direct, "\"data\":{\"base64\":\"aGVsbG8=\"}"));
  }
  {
    g_autoptr(GVariant) v = qnet_event_lookup (ev, "data");
    g_assert_true (g_variant_is_of_type (v, G_VARIANT_TYPE_BYTESTRING));
    payload = g_variant_get_fixed_array (v, &len, 1);
    g_assert_cmpmem (payload, len, "hello", 5);
  }

  /* Detaching drops the queue and the argument. */
  qnet_emitter_set_event_queue (QNET_EMITTER (e), NULL, g_variant_new_int32 (1), FALSE);
  g_assert_null (qnet_emitter_get_event_queue (QNET_EMITTER (e)));
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_PACKET_READ, (gint64) 1, (gint64) 1, (gint64) 1);
  g_assert_cmpuint (qnet_event_queue_get_length (queue), ==, 0);
  (void) count_cb;
}

static void
test_fast_path_unobserved (void)
{
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();

  g_assert_false (_qnet_emitter_is_observed (QNET_EMITTER (e), QNET_EVENT_PACKET_READ));
  g_signal_connect (e, "event::packet-sent", G_CALLBACK (count_cb), NULL);
  /* A handler for another detail does not make packet-read observed. */
  g_assert_false (_qnet_emitter_is_observed (QNET_EMITTER (e), QNET_EVENT_PACKET_READ));
  g_assert_true (_qnet_emitter_is_observed (QNET_EMITTER (e), QNET_EVENT_PACKET_SENT));
  qnet_test_recorder_attach (rec, e);
  g_assert_true (_qnet_emitter_is_observed (QNET_EMITTER (e), QNET_EVENT_PACKET_READ));
}

static void
on_deleted_event (QnetEmitter *e,
                  QnetEvent   *event,
                  GPtrArray   *names)
{
  g_ptr_array_add (names, g_strdup (qnet_event_get_name (event)));
}

static void
test_deleted_on_dispose (void)
{
  QnetTestEmitter *e = qnet_test_emitter_new ();
  g_autoptr(QnetEventQueue) queue = qnet_event_queue_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QnetEvent) ev = NULL;
  guint64 id = qnet_emitter_get_id (QNET_EMITTER (e));

  qnet_emitter_set_event_queue (QNET_EMITTER (e), queue, NULL, FALSE);
  g_signal_connect (e, "event", G_CALLBACK (on_deleted_event), names);
  g_object_unref (e);

  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "deleted");
  ev = qnet_event_queue_try_pop (queue);
  g_assert_nonnull (ev);
  g_assert_cmpint (qnet_event_get_code (ev), ==, QNET_EVENT_DELETED);
  g_assert_cmpint (qnet_test_event_get_int (ev, "id"), ==, (gint64) id);
  g_assert_cmpuint (g_variant_n_children (qnet_event_get_hash (ev)), ==, 3);
  g_assert_null (qnet_event_queue_try_pop (queue));
}

static void
on_op_failed (QnetEmitter *e,
              const char  *operation,
              const char  *domain,
              gint64       code,
              const char  *message,
              GString     *out)
{
  g_string_printf (out, "%s|%s|%" G_GINT64_FORMAT "|%s", operation, domain, code, message);
}

static void
test_operation_failed (void)
{
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(GError) error = g_error_new_literal (QNET_FILE_ERROR, QNET_FILE_ERROR_NOT_OPEN, "File is not open");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  QnetEvent *ev;

  qnet_test_recorder_attach (rec, e);
  g_signal_connect (e, "operation-failed", G_CALLBACK (on_op_failed), out);
  _qnet_emitter_set_default_source (QNET_EMITTER (e), QNET_EVENT_SOURCE_FILE);
  _qnet_emitter_operation_failed (QNET_EMITTER (e), "read", error);
  _qnet_emitter_operation_failed (QNET_EMITTER (e), "read", NULL);

  g_assert_cmpstr (out->str, ==, "read|qnet-file-error-quark|2|File is not open");
  qnet_test_recorder_assert_names (rec, "operation-failed");
  ev = qnet_test_recorder_find (rec, "operation-failed", 0);
  g_assert_cmpint (qnet_test_event_get_int (ev, "source"), ==, QNET_EVENT_SOURCE_FILE);
  g_assert_cmpstr (qnet_test_event_get_string (ev, "operation"), ==, "read");
  g_assert_cmpstr (qnet_test_event_get_string (ev, "domain"), ==, "qnet-file-error-quark");
  g_assert_cmpint (qnet_test_event_get_int (ev, "code"), ==, QNET_FILE_ERROR_NOT_OPEN);
}

static void
on_incoming (QnetEmitter     *e,
             QnetTestEmitter *conn,
             QnetTestEmitter **out)
{
  *out = conn;
}

static void
test_object_argument (void)
{
  g_autoptr(QnetTestEmitter) listener = qnet_test_emitter_new ();
  g_autoptr(QnetTestEmitter) conn = qnet_test_emitter_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  QnetTestEmitter *seen = NULL;
  QnetEvent *ev;

  qnet_test_recorder_attach (rec, listener);
  g_signal_connect (listener, "incoming-connection", G_CALLBACK (on_incoming), &seen);
  _qnet_emitter_emit (QNET_EMITTER (listener), QNET_EVENT_INCOMING_CONNECTION,
                      conn, "127.0.0.1", (gint64) 40000, (gint64) qnet_emitter_get_id (QNET_EMITTER (conn)));

  g_assert_true (seen == conn);
  ev = qnet_test_recorder_find (rec, "incoming-connection", 0);
  g_assert_cmpstr (qnet_test_event_get_string (ev, "peer_address"), ==, "127.0.0.1");
  g_assert_cmpint (qnet_test_event_get_int (ev, "peer_port"), ==, 40000);
  g_assert_cmpint (qnet_test_event_get_int (ev, "connection_id"), ==, (gint64) qnet_emitter_get_id (QNET_EMITTER (conn)));
}

static void
test_variant_argument (void)
{
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();
  GVariantBuilder b;
  g_autoptr(GVariant) headers = NULL;
  g_autoptr(GVariant) got = NULL;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "status_code", g_variant_new_int64 (200));
  headers = g_variant_ref_sink (g_variant_builder_end (&b));

  qnet_test_recorder_attach (rec, e);
  _qnet_emitter_emit_full (QNET_EMITTER (e), QNET_EVENT_SOURCE_SOCKET,
                           QNET_EVENT_HTTP_MESSAGE_RECEIVED, headers);
  got = qnet_event_lookup (qnet_test_recorder_find (rec, "http-message-received", 0), "headers");
  g_assert_true (g_variant_equal (got, headers));
  {
    QnetEvent *ev = qnet_test_recorder_find (rec, "http-message-received", 0);
    g_autofree char *direct = qnet_event_to_json (ev);
    g_autofree char *via_hash = NULL;

    g_assert_nonnull (qnet_event_get_hash (ev));
    via_hash = qnet_event_to_json (ev);
    g_assert_cmpstr (direct, ==, via_hash);
  }
  g_assert_cmpint (qnet_test_event_get_int (qnet_test_recorder_find (rec, "http-message-received", 0),
                                            "source"), ==, QNET_EVENT_SOURCE_SOCKET);
}

static void
on_forwarded (QnetEmitter *target,
              QnetEvent   *event,
              GString     *out)
{
  g_string_append_printf (out, "%s#%" G_GUINT64_FORMAT ",", qnet_event_get_name (event),
                          qnet_event_get_id (event));
}

static void
test_forward (void)
{
  g_autoptr(QnetTestEmitter) child = qnet_test_emitter_new ();
  QnetTestEmitter *parent = qnet_test_emitter_new ();
  g_autoptr(QnetEventQueue) queue = qnet_event_queue_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *expected = NULL;

  _qnet_emitter_set_forward (QNET_EMITTER (child), QNET_EMITTER (parent));
  g_assert_false (_qnet_emitter_is_observed (QNET_EMITTER (child), QNET_EVENT_PACKET_READ));
  qnet_emitter_set_event_queue (QNET_EMITTER (parent), queue, NULL, FALSE);
  g_assert_true (_qnet_emitter_is_observed (QNET_EMITTER (child), QNET_EVENT_PACKET_READ));
  g_signal_connect (parent, "event", G_CALLBACK (on_forwarded), out);

  _qnet_emitter_emit (QNET_EMITTER (child), QNET_EVENT_PACKET_READ, (gint64) 1, (gint64) 1, (gint64) -1);
  expected = g_strdup_printf ("packet-read#%" G_GUINT64_FORMAT ",", qnet_emitter_get_id (QNET_EMITTER (child)));
  g_assert_cmpstr (out->str, ==, expected);
  g_assert_cmpuint (qnet_event_queue_get_length (queue), ==, 1);

  /* The target going away clears the forward (weak pointer). */
  g_signal_handlers_disconnect_by_func (parent, on_forwarded, out);
  qnet_emitter_set_event_queue (QNET_EMITTER (parent), NULL, NULL, FALSE);
  g_object_unref (parent);
  _qnet_emitter_emit (QNET_EMITTER (child), QNET_EVENT_PACKET_READ, (gint64) 1, (gint64) 1, (gint64) -1);
  g_assert_false (_qnet_emitter_is_observed (QNET_EMITTER (child), QNET_EVENT_PACKET_READ));
}

static void
drop_in_handler (QnetEmitter *e,
                 gint64 a, gint64 b, gint64 c,
                 gpointer data)
{
  /* A handler dropping the last reference must not crash the emitter. */
  g_object_unref (e);
}

static void
test_handler_drops_object (void)
{
  QnetTestEmitter *e = qnet_test_emitter_new ();
  g_autoptr(QnetTestRecorder) rec = qnet_test_recorder_new ();

  qnet_test_recorder_attach (rec, e);
  g_signal_connect (e, "packet-read", G_CALLBACK (drop_in_handler), NULL);
  _qnet_emitter_emit (QNET_EMITTER (e), QNET_EVENT_PACKET_READ, (gint64) 1, (gint64) 1, (gint64) 1);
  /* packet-read reached the generic handler after the typed one dropped the
   * object; dispose then raised deleted. */
  qnet_test_recorder_assert_names (rec, "packet-read,deleted");
}

static void
test_property_notify (void)
{
  g_autoptr(QnetTestEmitter) e = qnet_test_emitter_new ();
  g_autoptr(QnetEventQueue) queue = qnet_event_queue_new ();
  g_autoptr(QnetEventQueue) got = NULL;
  gboolean capture = TRUE;

  g_object_set (e, "event-queue", queue, "capture-data", TRUE, NULL);
  g_object_get (e, "event-queue", &got, "capture-data", &capture, NULL);
  g_assert_true (got == queue);
  g_assert_true (capture);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/emitter/ids", test_ids);
  g_test_add_func ("/emitter/three-forms-in-order", test_three_forms_in_order);
  g_test_add_func ("/emitter/absent-optional-keys", test_absent_optional);
  g_test_add_func ("/emitter/typed-absent-is-minus-one", test_typed_absent_is_minus_one);
  g_test_add_func ("/emitter/capture-only-when-enabled", test_capture_only_when_enabled);
  g_test_add_func ("/emitter/fast-path-unobserved", test_fast_path_unobserved);
  g_test_add_func ("/emitter/deleted-on-dispose", test_deleted_on_dispose);
  g_test_add_func ("/emitter/operation-failed", test_operation_failed);
  g_test_add_func ("/emitter/object-argument", test_object_argument);
  g_test_add_func ("/emitter/variant-argument", test_variant_argument);
  g_test_add_func ("/emitter/forward", test_forward);
  g_test_add_func ("/emitter/handler-drops-object", test_handler_drops_object);
  g_test_add_func ("/emitter/properties", test_property_notify);

  return g_test_run ();
}
