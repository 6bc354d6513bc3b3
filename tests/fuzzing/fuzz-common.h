/* fuzz-common.h: what every fuzz target shares
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each fuzz_*.c implements LLVMFuzzerTestOneInput. With -Dfuzzing=true it
 * links libFuzzer (clang, -fsanitize=fuzzer,address,undefined); otherwise
 * driver.c provides main() and replays files, so the same targets run as
 * ordinary meson tests over the corpora in tests/data/.
 *
 * The targets do not only look for crashes: they run the parsers through
 * the pipelines of tests/proto/proto-test-utils.c (whose assertions abort)
 * and compare transcripts fed whole, byte by byte and split at an offset
 * taken from the input, so any dependence on how bytes arrive is a crash.
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Aborts (a finding) when two transcripts differ. */
static inline void
fuzz_assert_same (const char *what,
                  const char *a,
                  const char *b)
{
  if (g_strcmp0 (a, b) != 0)
    {
      g_printerr ("%s differs:\n--- expected\n%s\n--- got\n%s\n", what, a, b);
      g_abort ();
    }
}
