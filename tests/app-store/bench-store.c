/* bench-store.c — how long the store's everyday calls take on this machine (not a test)
 *   build/tests/app-store/bench-store [N_CASES]
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "ekyc-store.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static GBytes *
random_image (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_random_int ();
  return g_bytes_new_take (data, size);
}

int
main (int argc, char **argv)
{
  guint n_cases = argc > 1 ? (guint) atoi (argv[1]) : 1000;
  g_autofree char *dir = g_dir_make_tmp ("ekyc-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autoptr(GBytes) front = random_image (150 * 1024);
  g_autoptr(GBytes) selfie = random_image (80 * 1024);
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStore) store = NULL;
  g_autoptr(EkycSession) session = NULL;
  g_autoptr(EkycCaseQuery) query = ekyc_case_query_new ();
  g_autoptr(GListModel) page = NULL;
  g_autoptr(EkycCase) loaded = NULL;
  g_autofree char *last_id = NULL;
  gint64 start;
  guint n_audit = 0;

  start = g_get_monotonic_time ();
  store = ekyc_store_open (path, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);
  g_assert_no_error (error);
  g_print ("open (create, migrate):        %8.1f ms\n", ms_since (start));
  g_assert_true (ekyc_store_create_user (store, NULL, "sup", NULL, "password-1",
                                         EKYC_ROLE_SUPERVISOR, NULL, &error));
  start = g_get_monotonic_time ();
  session = ekyc_store_sign_in (store, "sup", "password-1", NULL, &error);
  g_assert_no_error (error);
  g_print ("sign in (Argon2id interactive): %8.1f ms\n", ms_since (start));

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(EkycCase) kase = ekyc_case_new ("sup");
      g_autofree char *name = g_strdup_printf ("Nguyễn Văn Số %u", i);
      g_autofree char *id = g_strdup_printf ("0010900%05u", i);
      double ms;

      ekyc_case_set_field (kase, EKYC_FIELD_FULL_NAME, name, EKYC_FIELD_SOURCE_QR);
      ekyc_case_set_field (kase, EKYC_FIELD_ID_NUMBER, id, EKYC_FIELD_SOURCE_QR);
      ekyc_case_set_field (kase, EKYC_FIELD_BIRTH_DATE, "1990-04-15", EKYC_FIELD_SOURCE_QR);
      ekyc_case_set_field (kase, EKYC_FIELD_RESIDENCE, "Số 1 Phố Huế, Hà Nội",
                           EKYC_FIELD_SOURCE_QR);
      ekyc_case_set_evidence (kase, EKYC_EVIDENCE_CARD_FRONT, "image/jpeg", front);
      ekyc_case_set_evidence (kase, EKYC_EVIDENCE_SELFIE, "image/jpeg", selfie);
      ekyc_case_set_similarity (kase, 0.6);
      ekyc_case_set_passive_liveness (kase, 0.9);
      ekyc_case_set_check (kase, "qr-payload", EKYC_CHECK_OUTCOME_PASSED, NULL);
      ekyc_case_set_decision (kase, i % 5 == 0 ? EKYC_DECISION_REVIEW : EKYC_DECISION_PASS,
                              NULL);
      start = g_get_monotonic_time ();
      g_assert_true (ekyc_store_save_case (store, session, kase, NULL, &error));
      ms = ms_since (start);
      g_array_append_val (saves, ms);
      g_free (last_id);
      last_id = g_strdup (ekyc_case_get_id (kase));
    }
  g_print ("save a case (230 kB evidence): %8.1f ms median of %u\n", median (saves), n_cases);

  query->limit = 100;
  start = g_get_monotonic_time ();
  page = ekyc_store_query_cases (store, session, query, NULL, &error);
  g_assert_no_error (error);
  g_print ("list the newest 100 cases:     %8.1f ms (of %u)\n", ms_since (start), n_cases);
  g_clear_object (&page);
  query->limit = 0;
  query->text = g_strdup ("van so 99");
  start = g_get_monotonic_time ();
  page = ekyc_store_query_cases (store, session, query, NULL, &error);
  g_print ("search a name (%u hits):        %8.1f ms\n", g_list_model_get_n_items (page),
           ms_since (start));
  g_clear_object (&page);
  g_free (query->text);
  query->text = g_strdup ("001090000500");
  start = g_get_monotonic_time ();
  page = ekyc_store_query_cases (store, session, query, NULL, &error);
  g_print ("search an ID number (%u hit):   %8.1f ms\n", g_list_model_get_n_items (page),
           ms_since (start));
  start = g_get_monotonic_time ();
  loaded = ekyc_store_load_case (store, session, last_id, NULL, &error);
  g_assert_no_error (error);
  g_print ("load a case with its evidence: %8.1f ms\n", ms_since (start));
  start = g_get_monotonic_time ();
  g_assert_true (ekyc_store_verify_audit (store, &n_audit, NULL, &error));
  g_print ("verify the audit chain:        %8.1f ms (%u entries)\n", ms_since (start), n_audit);

  g_clear_object (&session);
  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm", ".key" };
    for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_remove (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
