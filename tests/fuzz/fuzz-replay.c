/* fuzz-replay.c — runs a fuzz target over committed corpus files, without libFuzzer
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: fuzz-replay-NAME PATH...  (a PATH is a file or a directory of files). Built with any
 * compiler, so the corpus is replayed in the ordinary test suite; a crash or failed assertion in
 * the target fails the test. Each input is copied into a buffer of exactly its size, as libFuzzer
 * does, so a sanitizer or valgrind sees any read past the end.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
run_file (const char *path, guint *count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *copy = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "fuzz-replay: %s\n", error->message);
      return FALSE;
    }
  copy = g_memdup2 (contents, length);
  printf ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  fflush (stdout);
  LLVMFuzzerTestOneInput (copy, length);
  (*count)++;
  return TRUE;
}

int
main (int argc, char **argv)
{
  guint count = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-DIR-OR-FILE...\n", argv[0]);
      return 2;
    }
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
              fprintf (stderr, "fuzz-replay: %s\n", error->message);
              return 1;
            }
          while ((name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          /* Sorted, so a failure names the same file on every run. */
          g_ptr_array_sort (names, compare_paths);
          for (guint j = 0; j < names->len; j++)
            if (!run_file (names->pdata[j], &count))
              return 1;
        }
      else if (!run_file (argv[i], &count))
        return 1;
    }
  if (count == 0)
    {
      fprintf (stderr, "fuzz-replay: no inputs\n");
      return 1;
    }
  printf ("%u inputs replayed\n", count);
  return 0;
}
