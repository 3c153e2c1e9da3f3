/* test-admin-price.c — `ekyc-admin price` as an operator runs it: text, JSON, bad input
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "test-utils.h"

/* Runs ekyc-admin with @args; returns its exit status, stdout in @out. */
static int
run_admin (const char *const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("EKYC_ADMIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static JsonObject *
price_json (const char *requests, const char *pricing)
{
  const char *args[] = { "price", "--requests", requests, "--pricing", pricing, "--json", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_admin (args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_boundaries_json (void)
{
  static const struct { const char *requests; gint64 volume, graduated; guint n_lines; } cases[] = {
    { "0", 0, 0, 0 },
    { "5000", 5000000, 5000000, 1 },
    { "5001", 4750950, 5000950, 2 },
    { "10000", 9500000, 9750000, 2 },
    { "10001", 9000900, 9750900, 3 },
    { "12000", 10800000, 11550000, 3 },
    { "20001", 17000850, 18750850, 4 },
    { "30001", 24000800, 27250800, 5 },
    { "50000", 40000000, 43250000, 5 },
    { "50001", 37500750, 43250750, 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) volume = price_json (cases[i].requests, "volume");
      g_autoptr(JsonObject) graduated = price_json (cases[i].requests, "graduated");

      g_assert_cmpint (json_object_get_int_member (volume, "amount_vnd"), ==, cases[i].volume);
      g_assert_cmpint (json_object_get_int_member (graduated, "amount_vnd"), ==,
                       cases[i].graduated);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (graduated, "lines")),
                        ==, cases[i].n_lines);
      g_assert_cmpstr (json_object_get_string_member (graduated, "pricing"), ==, "graduated");
    }
}

static void
test_text_default_volume (void)
{
  const char *args[] = { "price", "--requests", "12000", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_admin (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "volume pricing: 10,800,000 VND"));
  g_assert_nonnull (strstr (out, "tier 3: 12,000 × 900 = 10,800,000 VND"));
}

static void
test_bad_input (void)
{
  const char *negative[] = { "price", "--requests", "-5", "--json", NULL };
  const char *words[] = { "price", "--requests", "many", NULL };
  const char *pricing[] = { "price", "--requests", "5", "--pricing", "tiered", NULL };
  const char *huge[] = { "price", "--requests", "99999999999999999999", NULL };
  const char *missing[] = { "price", NULL };
  const char *unknown[] = { "invoice", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_admin (negative, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "\"invalid-input\""));
  g_assert_nonnull (strstr (err, "whole number"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_admin (words, &out, &err), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_admin (pricing, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "“volume” or “graduated”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_admin (huge, &out, &err), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_admin (missing, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--requests"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_admin (unknown, &out, &err), ==, 2);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/admin/price/boundaries-json", test_boundaries_json);
  g_test_add_func ("/admin/price/text-default-volume", test_text_default_volume);
  g_test_add_func ("/admin/price/bad-input", test_bad_input);
  return g_test_run ();
}
