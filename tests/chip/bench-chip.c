/* bench-chip.c — time of the chip reader's work beyond the I/O: parsing the LDS (EF.COM, DG1,
 * DG2 with a portrait, DG13) and passive authentication (hashes, CMS signature, chain to the
 * CSCA), on a test chip made with OpenSSL
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: bench-chip [PORTRAIT.jpg] [RUNS]   (prints median and 95th percentile in ms)
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "ekyc/ekyc.h"
#include "ekyc/ekyc-chip.h"
#include "chip-lds-builder.h"

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
report (const char *what, GArray *ms)
{
  g_array_sort (ms, compare);
  g_print ("%-28s median %6.2f ms   p95 %6.2f ms   max %6.2f ms   (n=%u)\n", what,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, MIN (ms->len - 1, (guint) (ms->len * 0.95))),
           g_array_index (ms, double, ms->len - 1), ms->len);
}

int
main (int argc, char **argv)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  int runs = argc > 2 ? atoi (argv[2]) : 200;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ekyc-bench-chip-XXXXXX", &error);
  g_autofree char *trust = g_build_filename (dir, "trust", NULL);
  g_autoptr(GArray) parse = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) verify = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  GBytes *files[EKYC_CHIP_N_FILES] = { NULL };
  EkycChipReadOptions options = { .trust_dir = trust };
  gsize bytes = 0;

  spec.portrait_path = argc > 1 ? argv[1] : NULL;
  if (dir == NULL || !ekyc_test_chip_build (&spec, dir, &error))
    {
      g_printerr ("bench-chip: %s\n", error->message);
      return 2;
    }
  for (int i = 0; i < EKYC_CHIP_N_FILES; i++)
    {
      g_autofree char *path = g_build_filename (dir, ekyc_chip_file_name ((EkycChipFile) i), NULL);
      char *contents;
      gsize length;

      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          files[i] = g_bytes_new_take (contents, length);
          bytes += length;
        }
    }
  for (int r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(EkycChipDocument) doc = ekyc_chip_document_new_from_files (files, &options, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      if (doc == NULL || doc->passive.result != EKYC_CHIP_PA_OK)
        {
          g_printerr ("bench-chip: the test chip does not verify\n");
          return 1;
        }
      g_array_append_val (parse, doc->ms[EKYC_CHIP_STEP_PARSE]);
      g_array_append_val (verify, doc->ms[EKYC_CHIP_STEP_VERIFY]);
      g_array_append_val (total, ms);
    }
  g_print ("test chip: %zu bytes (portrait %s)\n", bytes,
           spec.portrait_path != NULL ? spec.portrait_path : "none");
  report ("parse (COM, DG1, DG2, DG13)", parse);
  report ("passive authentication", verify);
  report ("parse + verify", total);
  for (int i = 0; i < EKYC_CHIP_N_FILES; i++)
    g_clear_pointer (&files[i], g_bytes_unref);
  ekyc_test_chip_remove (dir);
  return 0;
}
