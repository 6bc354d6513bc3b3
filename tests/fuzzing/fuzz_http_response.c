/* fuzz_http_response.c: the client side of an HTTP/1.1 exchange
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: one control byte (request method, split offset), then the bytes a
 * server sends. Runs interim heads, the head, the framing decision and the
 * body through proto-test-utils' pipeline fed whole, byte by byte and in
 * two pieces, requiring identical transcripts; then writes a parsed head
 * back with the writer and requires the same head when parsed again.
 */

#include "config.h"

#include <string.h>

#include "qnet-http-head.h"
#include "qnet-http-writer.h"

#include "fuzz-common.h"
#include "proto-test-utils.h"

static void
round_trip (const guint8 *data,
            gsize         size)
{
  g_autoptr(QnetHttpHeadParser) parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_RESPONSE);
  g_autoptr(QnetHttpHeadParser) parser2 = qnet_http_head_parser_new (QNET_HTTP_HEAD_RESPONSE);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (QnetHttpHeaderPair));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) v1 = NULL;
  g_autoptr(GVariant) v2 = NULL;
  g_autoptr(QnetHttpHead) copy = NULL;
  QnetHttpHead *head;
  gsize consumed = 0;

  if (qnet_http_head_parser_feed (parser, data, size, &consumed, NULL) != QNET_PARSE_DONE)
    return;
  head = qnet_http_head_parser_get_head (parser);

  /* Lookups on whatever names arrived. */
  for (guint i = 0; i < qnet_http_head_get_n_fields (head); i++)
    {
      const char *name = qnet_http_head_get_field_name (head, i);
      g_autofree char *list = qnet_http_head_get_header_list (head, name);
      g_auto(GStrv) values = qnet_http_head_get_header_values (head, name);

      if (list == NULL || g_strv_length (values) != qnet_http_head_count_header (head, name) ||
          g_strcmp0 (qnet_http_head_get_header (head, name), values[0]) != 0)
        g_abort ();
      qnet_http_head_header_has_token (head, name, "close");
    }

  for (guint i = 0; i < qnet_http_head_get_n_fields (head); i++)
    {
      QnetHttpHeaderPair pair = {
        qnet_http_head_get_field_name (head, i),
        qnet_http_head_get_field_value (head, i),
      };

      g_array_append_val (pairs, pair);
    }
  if (!qnet_http_write_response_head (out, qnet_http_head_get_http_version (head),
                                      qnet_http_head_get_status_code (head),
                                      qnet_http_head_get_reason (head),
                                      (gconstpointer) pairs->data, pairs->len, &error))
    {
      g_printerr ("writer refused a parsed head: %s\n", error->message);
      g_abort ();
    }
  if (qnet_http_head_parser_feed (parser2, (const guint8 *) out->str, out->len, &consumed, &error) != QNET_PARSE_DONE ||
      consumed != out->len)
    {
      g_printerr ("written head does not parse: %s\n", error != NULL ? error->message : "incomplete");
      g_abort ();
    }

  copy = qnet_http_head_copy (head);
  v1 = g_variant_ref_sink (qnet_http_head_to_variant (copy));
  v2 = g_variant_ref_sink (qnet_http_head_to_variant (qnet_http_head_parser_get_head (parser2)));
  if (!g_variant_equal (v1, v2))
    g_abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const methods[] = { "GET", "HEAD", "CONNECT", "POST" };
  const char *method;
  guint8 control;
  g_autofree char *whole = NULL;
  g_autofree char *bytewise = NULL;

  if (size == 0)
    return 0;
  control = data[0];
  method = methods[control & 3];
  data++;
  size--;

  whole = proto_run_whole (PROTO_MACHINE_RESPONSE, method, data, size);
  bytewise = proto_run_bytewise (PROTO_MACHINE_RESPONSE, method, data, size);
  fuzz_assert_same ("byte-by-byte transcript", whole, bytewise);
  if (size > 1)
    {
      gsize cut = 1 + ((gsize) (control >> 2) * 2654435761u + size) % (size - 1);
      g_autofree char *split = proto_run_cuts (PROTO_MACHINE_RESPONSE, method, data, size, &cut, 1);

      fuzz_assert_same ("split transcript", whole, split);
    }

  round_trip (data, size);
  return 0;
}
