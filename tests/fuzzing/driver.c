/* driver.c: replays fuzz inputs without libFuzzer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: fuzz_xxx FILE|DIR...  Runs LLVMFuzzerTestOneInput once on every
 * file given and on every file of every directory given (sorted by name).
 * Running no input at all is a failure, so a missing corpus cannot pass.
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

static gboolean
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }
  /* A private copy of exactly @len bytes, so that ASan and valgrind see
   * any read past the end. */
  {
    g_autofree guint8 *copy = g_memdup2 (contents, len);

    LLVMFuzzerTestOneInput (copy, len);
  }
  return TRUE;
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
  guint n_run = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            {
              g_printerr ("%s: %s\n", argv[i], error->message);
              return 1;
            }
          while ((name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (names, g_strdup (name));
          g_ptr_array_sort (names, compare_names);
          for (guint k = 0; k < names->len; k++)
            {
              g_autofree char *path = g_build_filename (argv[i], g_ptr_array_index (names, k), NULL);

              if (!run_file (path))
                return 1;
              n_run++;
            }
        }
      else
        {
          if (!run_file (argv[i]))
            return 1;
          n_run++;
        }
    }

  if (n_run == 0)
    {
      g_printerr ("usage: %s FILE|DIR...: no input was run\n", argv[0]);
      return 1;
    }
  g_print ("%u inputs run\n", n_run);
  return 0;
}
