/* test-store-keyring.c — the store key in a real Secret Service (gnome-keyring on a private bus,
 * started by run-with-keyring.sh)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ekyc-store.h"
#include "test-utils.h"

static void
test_key_in_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(EkycStore) store = NULL;
  g_autoptr(EkycSession) session = NULL;
  g_autoptr(EkycCase) kase = NULL;
  g_autoptr(EkycCase) loaded = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus: run through run-with-keyring.sh");
      return;
    }
  dir = g_dir_make_tmp ("ekyc-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cases.db", NULL);
  key_path = g_strconcat (path, ".key", NULL);

  store = ekyc_store_open (path, EKYC_STORE_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_store_get_key_source (store), ==, EKYC_STORE_KEY_SOURCE_KEYRING);
  g_assert_false (g_file_test (key_path, G_FILE_TEST_EXISTS));

  g_assert_true (ekyc_store_create_user (store, NULL, "sup", NULL, "password-1", EKYC_ROLE_SUPERVISOR,
                                         NULL, &error));
  session = ekyc_store_sign_in (store, "sup", "password-1", NULL, &error);
  g_assert_no_error (error);
  kase = ekyc_case_new ("sup");
  ekyc_case_set_field (kase, EKYC_FIELD_ID_NUMBER, "001090000001", EKYC_FIELD_SOURCE_QR);
  g_assert_true (ekyc_store_save_case (store, session, kase, NULL, &error));
  g_clear_object (&session);
  g_clear_object (&store);

  /* Reopened, the same key comes back from the keyring and opens the data. */
  store = ekyc_store_open (path, EKYC_STORE_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_store_get_key_source (store), ==, EKYC_STORE_KEY_SOURCE_KEYRING);
  session = ekyc_store_sign_in (store, "sup", "password-1", NULL, &error);
  g_assert_no_error (error);
  loaded = ekyc_store_load_case (store, session, ekyc_case_get_id (kase), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ekyc_case_get_id_number (loaded), ==, "001090000001");
  g_clear_object (&session);
  g_clear_object (&store);

  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/store/key/kept-in-the-secret-service", test_key_in_keyring);
  return g_test_run ();
}
