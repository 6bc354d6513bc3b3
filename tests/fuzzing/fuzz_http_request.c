/* fuzz_http_request.c: the server side of an HTTP/1.1 exchange (the
 * QnetSocket HTTP helpers)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: one control byte (split offset), then the bytes a client sends.
 * Same oracles as fuzz_http_response.c: identical transcripts however the
 * input is split, and a parsed request written back by the writer parses
 * to the same head.
 */

#include "config.h"

#include <string.h>

#include "qnet-http-framing.h"
#include "qnet-http-head.h"
#include "qnet-http-writer.h"

#include "fuzz-common.h"
#include "proto-test-utils.h"

static void
round_trip (const guint8 *data,
            gsize         size)
{
  g_autoptr(QnetHttpHeadParser) parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_REQUEST);
  g_autoptr(QnetHttpHeadParser) parser2 = qnet_http_head_parser_new (QNET_HTTP_HEAD_REQUEST);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (QnetHttpHeaderPair));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) v1 = NULL;
  g_autoptr(GVariant) v2 = NULL;
  g_autofree char *line = NULL;
  QnetHttpHead *head;
  QnetHttpFraming framing;
  gsize consumed = 0;

  if (qnet_http_head_parser_feed (parser, data, size, &consumed, NULL) != QNET_PARSE_DONE)
    return;
  head = qnet_http_head_parser_get_head (parser);
  qnet_http_framing_for_request (&framing, head, NULL);

  for (guint i = 0; i < qnet_http_head_get_n_fields (head); i++)
    {
      QnetHttpHeaderPair pair = {
        qnet_http_head_get_field_name (head, i),
        qnet_http_head_get_field_value (head, i),
      };

      g_array_append_val (pairs, pair);
    }
  line = qnet_http_format_request_line (qnet_http_head_get_method (head), qnet_http_head_get_target (head),
                                        qnet_http_head_get_http_version (head), &error);
  if (line == NULL ||
      !qnet_http_write_request_head (out, qnet_http_head_get_method (head), qnet_http_head_get_target (head),
                                     qnet_http_head_get_http_version (head),
                                     (gconstpointer) pairs->data, pairs->len, &error))
    {
      g_printerr ("writer refused a parsed request: %s\n", error->message);
      g_abort ();
    }
  if (!g_str_has_prefix (out->str, line))
    g_abort ();
  if (qnet_http_head_parser_feed (parser2, (const guint8 *) out->str, out->len, &consumed, &error) != QNET_PARSE_DONE ||
      consumed != out->len)
    {
      g_printerr ("written request does not parse: %s\n", error != NULL ? error->message : "incomplete");
      g_abort ();
    }
  v1 = g_variant_ref_sink (qnet_http_head_to_variant (head));
  v2 = g_variant_ref_sink (qnet_http_head_to_variant (qnet_http_head_parser_get_head (parser2)));
  if (!g_variant_equal (v1, v2))
    g_abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  guint8 control;
  g_autofree char *whole = NULL;
  g_autofree char *bytewise = NULL;

  if (size == 0)
    return 0;
  control = data[0];
  data++;
  size--;

  whole = proto_run_whole (PROTO_MACHINE_REQUEST, NULL, data, size);
  bytewise = proto_run_bytewise (PROTO_MACHINE_REQUEST, NULL, data, size);
  fuzz_assert_same ("byte-by-byte transcript", whole, bytewise);
  if (size > 1)
    {
      gsize cut = 1 + ((gsize) control * 2654435761u + size) % (size - 1);
      g_autofree char *split = proto_run_cuts (PROTO_MACHINE_REQUEST, NULL, data, size, &cut, 1);

      fuzz_assert_same ("split transcript", whole, split);
    }

  round_trip (data, size);
  return 0;
}
