/* fuzz_chunked.c: the chunked decoder, and the chunk writer against it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: one control byte (split offset and chunk size), then a chunked
 * body. Oracles: identical transcripts however the body is split; and any
 * bytes written as chunks by the writer decode back to the same bytes.
 */

#include "config.h"

#include <string.h>

#include "qnet-http-chunked.h"
#include "qnet-http-writer.h"

#include "fuzz-common.h"
#include "proto-test-utils.h"

static void
writer_round_trip (const guint8 *data,
                   gsize         size,
                   guint         chunk)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GByteArray) decoded = g_byte_array_new ();
  g_autoptr(QnetChunkedDecoder) decoder = qnet_chunked_decoder_new ();
  const QnetHttpHeaderPair trailer = { "X-Fuzz", "1" };
  QnetParseStatus status = QNET_PARSE_NEED_MORE;
  gsize pos = 0;

  for (gsize i = 0; i < size; i += chunk)
    qnet_http_write_chunk (out, data + i, MIN (chunk, size - i));
  if (!qnet_http_write_last_chunk (out, &trailer, 1, NULL))
    g_abort ();

  while (pos < out->len)
    {
      QnetChunkedEvent event;
      gsize used = 0;

      status = qnet_chunked_decoder_feed (decoder, (const guint8 *) out->str + pos, out->len - pos,
                                          &used, &event, NULL);
      if (status == QNET_PARSE_ERROR)
        g_abort ();
      pos += used;
      if (event.type == QNET_CHUNKED_EVENT_DATA)
        g_byte_array_append (decoded, event.data, event.data_len);
      if (status == QNET_PARSE_DONE)
        break;
    }
  if (status != QNET_PARSE_DONE || pos != out->len || decoded->len != size ||
      (size > 0 && memcmp (decoded->data, data, size) != 0))
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

  whole = proto_run_whole (PROTO_MACHINE_CHUNKED, NULL, data, size);
  bytewise = proto_run_bytewise (PROTO_MACHINE_CHUNKED, NULL, data, size);
  fuzz_assert_same ("byte-by-byte transcript", whole, bytewise);
  if (size > 1)
    {
      gsize cut = 1 + ((gsize) control * 2654435761u + size) % (size - 1);
      g_autofree char *split = proto_run_cuts (PROTO_MACHINE_CHUNKED, NULL, data, size, &cut, 1);

      fuzz_assert_same ("split transcript", whole, split);
    }

  writer_round_trip (data, size, (control % 64) + 1);
  return 0;
}
