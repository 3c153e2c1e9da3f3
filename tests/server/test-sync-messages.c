/* test-sync-messages.c — every error code of the server becomes a translated sentence in the app
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ekyc-sync-messages.h"
#include "test-utils.h"

#define SERVER_WORDS "words of the server"

/* The codes a device (the app) can receive: device and public routes, and the server's own
 * answers (docs/api.md, docs/api-business.md). */
static const char *const device_codes[] = {
  "no_token", "unknown_token", "revoked_token", "bad_code", "wrong_customer", "foreign_id",
  "body_too_large", "batch_too_large", "result_too_large", "storage_unavailable",
  "unknown_customer", "invalid_transition", "invalid_input", "conflict", "not_found",
  "method_not_allowed", "internal", "bad_uuid", "malformed_json", "wrong_type", "missing_field",
  "out_of_range", "content_type",
  /* evidence uploads */
  "evidence_policy_off", "unknown_case", "evidence_conflict", "evidence_too_large",
  "not_an_image", "bad_kind", "unknown_evidence",
};

static gboolean
has_non_ascii (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      return TRUE;
  return FALSE;
}

/* Each code has its own sentence (not the server's words, not the fallback by status), in the
 * user's language. */
static void
test_each_code_has_a_translated_message (void)
{
  g_autofree char *fallback_4xx = ekyc_sync_describe_error_code (NULL, NULL, 409);
  g_autofree char *fallback_5xx = ekyc_sync_describe_error_code (NULL, NULL, 503);

  for (guint i = 0; i < G_N_ELEMENTS (device_codes); i++)
    {
      g_autofree char *message = ekyc_sync_describe_error_code (device_codes[i], SERVER_WORDS,
                                                                409);

      g_test_message ("%s: %s", device_codes[i], message);
      g_assert_true (ekyc_sync_error_code_is_known (device_codes[i]));
      g_assert_null (strstr (message, SERVER_WORDS));
      g_assert_cmpstr (message, !=, fallback_4xx);
      g_assert_cmpstr (message, !=, fallback_5xx);
      /* Vietnamese (LANGUAGE=vi, the build's catalogue) always carries diacritics. */
      g_assert_true (has_non_ascii (message));
    }
}

/* An unknown code keeps the server's words (translated frame), and nothing at all gives the
 * status. */
static void
test_unknown_code_keeps_the_server_words (void)
{
  g_autofree char *unknown = ekyc_sync_describe_error_code ("made_up_code", SERVER_WORDS, 400);
  g_autofree char *nothing = ekyc_sync_describe_error_code (NULL, NULL, 502);

  g_assert_false (ekyc_sync_error_code_is_known ("made_up_code"));
  g_assert_nonnull (strstr (unknown, SERVER_WORDS));
  g_assert_nonnull (strstr (nothing, "502"));
}

/* The reply as the server sends it: the code is read from the JSON body. */
static void
test_reply_body_is_read (void)
{
  static const char body[] = "{\"error\": {\"code\": \"evidence_conflict\", \"message\": \""
                             SERVER_WORDS "\"}}";
  g_autofree char *from_reply = ekyc_sync_describe_error_reply (body, strlen (body), 409);
  g_autofree char *from_code = ekyc_sync_describe_error_code ("evidence_conflict", NULL, 409);
  g_autofree char *not_json = ekyc_sync_describe_error_reply ("<html>", 6, 502);

  g_assert_cmpstr (from_reply, ==, from_code);
  g_assert_nonnull (strstr (not_json, "502"));
}

/* Adds to @codes every error code the server's sources answer with. */
static void
collect_server_codes (const char *path, GHashTable *codes)
{
  static const char *const patterns[] = {
    "SOUP_STATUS_[A-Z_]+,\\s*\"([a-z_]+)\"",     /* reply_error (request, STATUS, "code", … */
    "\\bcode = \"([a-z_]+)\"",                   /* _ekyc_business_reply_error () */
    "path_known \\? \"([a-z_]+)\" : \"([a-z_]+)\",", /* the router: 405 or 404 */
  };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  for (guint p = 0; p < G_N_ELEMENTS (patterns); p++)
    {
      g_autoptr(GRegex) regex = g_regex_new (patterns[p], 0, 0, &error);
      g_autoptr(GMatchInfo) match = NULL;

      g_assert_no_error (error);
      g_regex_match (regex, text, 0, &match);
      while (g_match_info_matches (match))
        {
          for (gint group = 1; group < g_match_info_get_match_count (match); group++)
            g_hash_table_add (codes, g_match_info_fetch (match, group));
          g_match_info_next (match, NULL);
        }
    }
}

/* A new code in the server must be given a message in the app (or be listed as the
 * operator's). */
static void
test_every_server_code_is_known (void)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = g_dir_open (EKYC_SERVER_SRCDIR, 0, NULL);
  const char *name;
  GHashTableIter iter;
  gpointer code;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "ekyc-server") && g_str_has_suffix (name, ".c"))
      {
        g_autofree char *path = g_build_filename (EKYC_SERVER_SRCDIR, name, NULL);
        collect_server_codes (path, codes);
      }
  /* The extraction itself still works (33 codes when this test was written). */
  g_assert_cmpuint (g_hash_table_size (codes), >=, 30);
  g_hash_table_iter_init (&iter, codes);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    {
      if (!ekyc_sync_error_code_is_known (code))
        g_error ("the server answers error code “%s”, which app/sync/ekyc-sync-messages.c does "
                 "not know", (const char *) code);
    }
  for (guint i = 0; i < G_N_ELEMENTS (device_codes); i++)
    g_assert_true (g_hash_table_contains (codes, device_codes[i]));
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  /* The build's own catalogue, in Vietnamese (the users' language). */
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, EKYC_PO_BUILDDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/sync/messages/each-code-has-a-translated-message",
                   test_each_code_has_a_translated_message);
  g_test_add_func ("/sync/messages/unknown-code-keeps-the-server-words",
                   test_unknown_code_keeps_the_server_words);
  g_test_add_func ("/sync/messages/reply-body-is-read", test_reply_body_is_read);
  g_test_add_func ("/sync/messages/every-server-code-is-known", test_every_server_code_is_known);
  return g_test_run ();
}
