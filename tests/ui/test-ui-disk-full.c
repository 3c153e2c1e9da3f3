/* test-ui-disk-full.c — saving a case onto a full disk: the teller is told the disk is full,
 * the captured case stays on the result page, the store keeps no half case and stays valid,
 * and Save works again once there is room
 *
 * The case store lives on a real 24 MiB tmpfs mounted in a private mount namespace (so the
 * test needs the right to mount: root, as on the CI machine; elsewhere it is skipped and says
 * why). The disk is filled with an ordinary file until the kernel answers ENOSPC.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <sched.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include "test-utils.h"
#include "ui-test-utils.h"

static char *disk_dir;        /* the tmpfs, NULL when it could not be mounted */
static char *disk_problem;    /* why not */

/* A private mount namespace (nothing leaks to the machine) with a small tmpfs for the store.
 * Must run before any thread exists: unshare (CLONE_NEWNS) refuses a process whose threads
 * share its file-system context. */
static void
mount_small_disk (void)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "ekyc-disk-full-XXXXXX", NULL);

  if (g_mkdtemp (dir) == NULL)
    {
      disk_problem = g_strdup_printf ("mkdtemp: %s", g_strerror (errno));
      return;
    }
  if (unshare (CLONE_NEWNS) != 0)
    {
      disk_problem = g_strdup_printf ("no private mount namespace (unshare: %s)",
                                      g_strerror (errno));
      g_rmdir (dir);
      return;
    }
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0
      || mount ("ekyc-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=24m,mode=0700") != 0)
    {
      disk_problem = g_strdup_printf ("cannot mount a tmpfs: %s", g_strerror (errno));
      g_rmdir (dir);
      return;
    }
  disk_dir = g_steal_pointer (&dir);
}

/* Writes @path until the disk refuses; returns the bytes written. */
static gsize
fill_disk (const char *path)
{
  static char block[64 * 1024];
  gsize total = 0;
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  memset (block, 0x5a, sizeof block);
  for (;;)
    {
      ssize_t n = write (fd, block, sizeof block);

      if (n < 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          break;
        }
      total += (gsize) n;
    }
  /* The last partial blocks too: a 1-byte write must fail as well. */
  while (write (fd, block, 1) == 1)
    total++;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
  return total;
}

static char *
integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static guint
count_cases (EkycApplication *app, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = ekyc_application_query_cases (app, name, -1, -1, -1, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (cases);
}

static void
test_save_on_full_disk_keeps_the_case_and_says_why (void)
{
  g_autofree char *filler = NULL, *store = NULL, *check = NULL;
  EkycApplication *app;
  EkycWindow *window;
  EkycResultPage *result;
  EkycVerification *v;
  UiTestCard card = { 0 };
  const char *message;

  if (disk_dir == NULL)
    {
      g_test_skip (disk_problem);
      return;
    }
  if (!ui_test_card_make (&card, "ekyc-ui-disk-full", "23"))
    return;
  window = ui_test_shared_window (&app);
  gtk_widget_activate_action (GTK_WIDGET (window), "flow.restart", NULL);
  ui_test_settle (50);
  g_assert_cmpuint (ui_test_import (window, card.front), ==, 1);
  g_assert_cmpuint (ui_test_import (window, card.back), ==, 2);
  g_assert_cmpuint (ui_test_import (window, card.other_photo), ==, 3);
  result = ekyc_window_get_result_page (window);
  v = ekyc_result_page_get_verification (result);
  g_assert_nonnull (v);

  /* The disk fills up after the customer was captured. */
  filler = g_build_filename (disk_dir, "filler", NULL);
  g_test_message ("filled the disk with %" G_GSIZE_FORMAT " bytes", fill_disk (filler));
  ui_test_save (window);
  message = ekyc_result_page_get_saved_message (result);
  g_test_message ("full disk: %s", message);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "disk is full"));
  /* Nothing captured is lost: the same case is still shown, with its pictures, and Save stays
   * available. */
  g_assert_cmpuint (ekyc_window_get_step (window), ==, 3);
  g_assert_true (ekyc_result_page_get_verification (result) == v);
  for (EkycStep step = EKYC_STEP_FRONT; step <= EKYC_STEP_SELFIE; step++)
    g_assert_nonnull (ekyc_verification_get_image (v, step));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  /* No half case became visible. */
  g_assert_cmpuint (count_cases (app, card.full_name), ==, 0);

  /* Room again: the same Save now works, once. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  ui_test_save (window);
  message = ekyc_result_page_get_saved_message (result);
  g_test_message ("after freeing space: %s", message);
  g_assert_nonnull (message);
  g_assert_null (strstr (message, "not saved"));
  g_assert_cmpuint (count_cases (app, card.full_name), ==, 1);

  store = g_build_filename (disk_dir, "cases.db", NULL);
  check = integrity_check (store);
  g_assert_cmpstr (check, ==, "ok");
  ui_test_card_clear (&card);
}

int
main (int argc, char *argv[])
{
  int status;

  mount_small_disk ();
  if (disk_dir != NULL)
    {
      g_autofree char *store = g_build_filename (disk_dir, "cases.db", NULL);

      g_setenv ("EKYC_STORE_PATH", store, TRUE);
    }
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/disk-full/save-keeps-the-case-and-says-why",
                   test_save_on_full_disk_keeps_the_case_and_says_why);
  status = g_test_run ();
  ui_test_shared_free ();
  if (disk_dir != NULL)
    {
      umount2 (disk_dir, MNT_DETACH);
      g_rmdir (disk_dir);
    }
  return status;
}
