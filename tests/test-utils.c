/* test-utils.c — what every test program shares: setup and locating the shared data
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdarg.h>
#include <glib/gstdio.h>

#include "test-utils.h"

void
ekyc_test_init (int *argc, char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

char *
ekyc_test_shared_path (const char *first, ...)
{
  const char *root = g_getenv ("EKYC_SHARED_DATA");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  const char *part;
  va_list args;

  g_ptr_array_add (parts, (gpointer) (root ? root : "../shared/data"));
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("shared data missing: %s", path);
      g_test_skip (message);
      return NULL;
    }
  return g_steal_pointer (&path);
}

const char *
ekyc_test_model_dir (void)
{
  const char *dir = g_getenv ("EKYC_MODEL_DIR");
  g_assert_nonnull (dir);
  return dir;
}

gboolean
ekyc_test_run_card_factory (const char *out, const char *collection, const char *const *args)
{
  const char *shared = g_getenv ("EKYC_SHARED_DATA");
  const char *exe = g_getenv ("EKYC_SYNTH_CARDS");
  g_autofree char *faces = g_build_filename (shared ? shared : "../shared/data", "faces",
                                             collection, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (exe);
  if (!g_file_test (faces, G_FILE_TEST_IS_DIR))
    return FALSE;
  g_ptr_array_add (argv, (char *) exe);
  g_ptr_array_add (argv, "--out");
  g_ptr_array_add (argv, (char *) out);
  g_ptr_array_add (argv, "--faces");
  g_ptr_array_add (argv, faces);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("ekyc-synth-cards failed: %s\n%s", error->message, err ? err : "");
  return TRUE;
}

gboolean
ekyc_test_make_cards (const char *out, int count, const char *difficulty, const char *seed)
{
  g_autofree char *n = g_strdup_printf ("%d", count);
  const char *args[] = { "--count", n, "--difficulty", difficulty, "--layout", "mixed",
                         "--seed", seed, NULL };

  return ekyc_test_run_card_factory (out, "lfw", args);
}

void
ekyc_test_remove_tree (const char *path)
{
  if (path == NULL)
    return;
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          ekyc_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}
