/* test-chip-cli.c — `ekyc-cli read-chip` on saved chip files: its exit codes (0 verified, 1 read
 * but a check failed, 2 could not read) and its JSON
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ekyc/ekyc.h"
#include "chip-lds-builder.h"
#include "test-utils.h"

static char *chip_dir;

static int
run_cli (const char *const *args, char **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("EKYC_CLI"));
  g_ptr_array_add (argv, "read-chip");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static JsonObject *
parse (const char *text, JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_verified_files_exit_0 (void)
{
  g_autofree char *trust = g_build_filename (chip_dir, "trust", NULL);
  const char *args[] = { "--files", chip_dir, "--trust-dir", trust, "--json", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_cmpint (run_cli (args, &out), ==, 0);
  root = parse (out, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "full_name"), ==, "Nguyễn Văn An");
  g_assert_cmpstr (json_object_get_string_member (root, "date_of_birth"), ==, "1990-01-15");
  g_assert_cmpstr (json_object_get_string_member (root, "id_number"), ==, "079090123456");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (root, "passive_authentication"), "result"),
                   ==, "ok");
}

static void
test_without_csca_exit_1 (void)
{
  const char *args[] = { "--files", chip_dir, "--json", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_unsetenv ("EKYC_CSCA_DIR");
  g_assert_cmpint (run_cli (args, &out), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (parse (out, parser),
                                                    "passive_authentication"), "result"),
                   ==, "csca-missing");
}

static void
test_cannot_read_exit_2 (void)
{
  g_autofree char *empty = g_dir_make_tmp ("ekyc-empty-XXXXXX", NULL);
  const char *no_files[] = { "--files", empty, "--json", NULL };
  const char *bad_key[] = { "--mrz-key", "123:45:67", "--json", NULL };
  const char *no_key[] = { NULL };
  g_autofree char *out1 = NULL, *out2 = NULL, *out3 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpint (run_cli (no_files, &out1), ==, 2);
  g_assert_cmpint (run_cli (bad_key, &out2), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (parse (out2, parser), "error"), "code"),
                   ==, "invalid-argument");
  g_assert_cmpint (run_cli (no_key, &out3), ==, 2);
  g_rmdir (empty);
}

int
main (int argc, char **argv)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  g_autoptr(GError) error = NULL;
  int result;

  ekyc_test_init (&argc, &argv);
  chip_dir = g_dir_make_tmp ("ekyc-chip-cli-XXXXXX", &error);
  g_assert_true (ekyc_test_chip_build (&spec, chip_dir, &error));
  g_test_add_func ("/chip/cli/verified-files-exit-0", test_verified_files_exit_0);
  g_test_add_func ("/chip/cli/without-csca-exit-1", test_without_csca_exit_1);
  g_test_add_func ("/chip/cli/cannot-read-exit-2", test_cannot_read_exit_2);
  result = g_test_run ();
  ekyc_test_chip_remove (chip_dir);
  g_free (chip_dir);
  return result;
}
