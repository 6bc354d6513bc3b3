/* fuzz_url.c: URL parsing, serialisation and reference resolution
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: a URL (up to its first NUL). Oracles: a parsed URL serialises to
 * text that parses to the same URL and the same text again (same origin
 * too); its request target is acceptable to the request writer; resolving
 * a relative reference against it succeeds; resolving the input against
 * the RFC 3986 example base never crashes; error messages are UTF-8.
 */

#include "config.h"

#include <string.h>

#include "qnet-http-writer.h"
#include "qnet-url.h"

#include "fuzz-common.h"

static void
check_error (const GError *error)
{
  if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
    g_abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetUrl) url = NULL;
  g_autofree char *resolved = NULL;

  url = qnet_url_parse (text, &error);
  if (url != NULL)
    {
      g_autofree char *s1 = qnet_url_to_string (url, QNET_URL_DEFAULT);
      g_autofree char *s2 = NULL;
      g_autofree char *safe = qnet_url_to_string (url, QNET_URL_OMIT_PASSWORD | QNET_URL_OMIT_FRAGMENT);
      g_autofree char *target = qnet_url_get_request_target (url);
      g_autofree char *host = qnet_url_get_host_header (url);
      g_autoptr(QnetUrl) url2 = qnet_url_parse (s1, &error);
      g_autoptr(QnetUrl) copy = qnet_url_copy (url);
      g_autoptr(QnetUrl) next = NULL;

      if (url2 == NULL)
        {
          g_printerr ("serialised URL does not parse: %s: %s\n", s1, error->message);
          g_abort ();
        }
      s2 = qnet_url_to_string (url2, QNET_URL_DEFAULT);
      fuzz_assert_same ("serialised URL", s1, s2);
      if (!qnet_url_same_origin (url, url2) || !qnet_url_same_origin (copy, url))
        g_abort ();
      if (!qnet_http_check_target (target, &error))
        {
          g_printerr ("request target refused: %s\n", error->message);
          g_abort ();
        }
      if (host[0] == '\0' || safe == NULL)
        g_abort ();

      next = qnet_url_resolve (url, "../next/./x?y=1#z", &error);
      if (next == NULL)
        {
          g_printerr ("resolution against %s failed: %s\n", s1, error->message);
          g_abort ();
        }
    }
  else
    {
      check_error (error);
    }
  g_clear_error (&error);

  resolved = qnet_uri_resolve ("http://a/b/c/d;p?q", text, &error);
  if (resolved != NULL)
    {
      g_autoptr(QnetUrl) r = qnet_url_parse (resolved, NULL);

      (void) r;
    }
  else
    {
      check_error (error);
    }
  return 0;
}
