/* test-corpus.c: one GTest per corpus file in tests/data/<parser>/
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The file name is the verdict (STYLE.md item 14):
 *   y_*            must be accepted (the whole message completes)
 *   n_*            must be rejected with an error
 *   n_*truncated*  must stay incomplete: "need more", never success
 *
 * http-response/  the client pipeline: interim responses, head, framing
 *                 and body (method GET, or HEAD / CONNECT when the name
 *                 contains "__HEAD" / "__CONNECT")
 * http-request/   head, request framing and body (server side)
 * chunked/        a chunked body alone
 * url/            one URL per file (no trailing newline), parsed whole
 *
 * Parser corpora are fed whole, byte by byte and split at every offset.
 */

#include "config.h"

#include <string.h>

#include "qnet-error.h"
#include "qnet-url.h"

#include "proto-test-utils.h"

typedef struct {
  const char *dir;
  int machine;            /* ProtoMachineKind, or -1 for URLs */
} Corpus;

static const Corpus corpora[] = {
  { "http-response", PROTO_MACHINE_RESPONSE },
  { "http-request", PROTO_MACHINE_REQUEST },
  { "chunked", PROTO_MACHINE_CHUNKED },
  { "url", -1 },
};

typedef struct {
  const Corpus *corpus;
  char *path;
  char *name;
} CorpusFile;

static char *
data_dir (void)
{
  if (g_getenv ("G_TEST_SRCDIR") != NULL)
    return g_test_build_filename (G_TEST_DIST, "data", NULL);
  return g_strdup (QNET_TEST_DATA_DIR);
}

static void
test_url_file (const CorpusFile *f,
               const char       *contents,
               gsize             len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetUrl) url = NULL;

  /* A URL with a NUL inside is not a C string: rejected by construction. */
  if (memchr (contents, '\0', len) != NULL)
    {
      g_assert_true (g_str_has_prefix (f->name, "n_"));
      return;
    }

  url = qnet_url_parse (contents, &error);
  if (g_str_has_prefix (f->name, "y_"))
    {
      g_autofree char *text = NULL;
      g_autoptr(QnetUrl) again = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (url);
      text = qnet_url_to_string (url, QNET_URL_DEFAULT);
      again = qnet_url_parse (text, &error);
      g_assert_no_error (error);
      g_assert_true (qnet_url_same_origin (url, again));
    }
  else
    {
      g_assert_null (url);
      g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
    }
}

static void
test_corpus_file (gconstpointer data)
{
  const CorpusFile *f = data;
  g_autofree char *contents = NULL;
  g_autofree char *transcript = NULL;
  g_autoptr(GError) error = NULL;
  const char *method = "GET";
  ProtoVerdict verdict;
  gsize len = 0;

  g_assert_true (g_file_get_contents (f->path, &contents, &len, &error));
  g_assert_no_error (error);

  if (f->corpus->machine < 0)
    {
      test_url_file (f, contents, len);
      return;
    }

  if (strstr (f->name, "__HEAD") != NULL)
    method = "HEAD";
  else if (strstr (f->name, "__CONNECT") != NULL)
    method = "CONNECT";

  transcript = proto_assert_split_invariant ((ProtoMachineKind) f->corpus->machine, method,
                                             (const guint8 *) contents, len, 4096);
  g_test_message ("transcript:\n%s", transcript);
  verdict = proto_transcript_verdict (transcript);

  if (g_str_has_prefix (f->name, "y_"))
    g_assert_cmpint (verdict, ==, PROTO_VERDICT_DONE);
  else if (strstr (f->name, "truncated") != NULL)
    g_assert_cmpint (verdict, ==, PROTO_VERDICT_NEED_MORE);
  else
    g_assert_cmpint (verdict, ==, PROTO_VERDICT_ERROR);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *root = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  guint n_files = 0;

  g_test_init (&argc, &argv, NULL);
  root = data_dir ();

  for (gsize c = 0; c < G_N_ELEMENTS (corpora); c++)
    {
      g_autofree char *dir_path = g_build_filename (root, corpora[c].dir, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      /* A missing corpus is a failure, not a skip. */
      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          if (!g_str_has_prefix (name, "y_") && !g_str_has_prefix (name, "n_"))
            {
              g_printerr ("corpus file without a y_/n_ prefix: %s/%s\n", corpora[c].dir, name);
              return 1;
            }
          g_ptr_array_add (names, g_strdup (name));
        }
      g_ptr_array_sort (names, compare_names);
      g_assert_cmpuint (names->len, >, 0);

      for (guint i = 0; i < names->len; i++)
        {
          CorpusFile *f = g_new0 (CorpusFile, 1);
          g_autofree char *test_path = NULL;

          f->corpus = &corpora[c];
          f->name = g_strdup (g_ptr_array_index (names, i));
          f->path = g_build_filename (dir_path, f->name, NULL);
          test_path = g_strdup_printf ("/proto/corpus/%s/%s", corpora[c].dir, f->name);
          g_test_add_data_func (test_path, f, test_corpus_file);
          g_ptr_array_add (files, f);
          n_files++;
        }
    }
  g_assert_cmpuint (n_files, >, 0);

  {
    int ret = g_test_run ();

    for (guint i = 0; i < files->len; i++)
      {
        CorpusFile *f = g_ptr_array_index (files, i);

        g_free (f->path);
        g_free (f->name);
        g_free (f);
      }
    return ret;
  }
}
