/* ekyc-cli-read-chip.c — `ekyc-cli read-chip`: open the card's chip with the MRZ key, read its
 * data groups, verify them; print the fields, the checks and the time of each step
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Exit codes as read-card: 0 read and every check passed, 1 read but a check failed (for
 * example passive authentication without a trusted CSCA), 2 could not read.
 */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "ekyc-cli-private.h"

typedef struct {
  const char *name;
  gboolean    passed;
  char       *detail;
} Check;

static void
check_clear (gpointer data)
{
  g_free (((Check *) data)->detail);
}

static void
add_check (GArray *checks, const char *name, gboolean passed, char *detail)
{
  Check c = { name, passed, detail };

  g_array_append_val (checks, c);
}

static char *
mrz_iso (int y, int m, int d)
{
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* The checks the chip allows beyond passive authentication: the MRZ's own check digits and
 * DG13 agreeing with DG1. */
static GArray *
run_checks (const EkycChipDocument *doc)
{
  GArray *checks = g_array_new (FALSE, FALSE, sizeof (Check));

  g_array_set_clear_func (checks, check_clear);
  add_check (checks, "passive-authentication", doc->passive.result == EKYC_CHIP_PA_OK,
             g_strdup_printf ("%s: %s", ekyc_chip_passive_result_name (doc->passive.result),
                              doc->passive.detail != NULL ? doc->passive.detail : ""));
  if (doc->chip_auth != EKYC_CHIP_CHECK_NOT_RUN)
    add_check (checks, "chip-authentication", doc->chip_auth == EKYC_CHIP_CHECK_PASSED,
               g_strdup (doc->chip_auth_detail));
  if (doc->active_auth != EKYC_CHIP_CHECK_NOT_RUN)
    add_check (checks, "active-authentication", doc->active_auth == EKYC_CHIP_CHECK_PASSED,
               g_strdup (doc->active_auth_detail));
  add_check (checks, "mrz-check-digits", doc->mrz != NULL && doc->mrz->valid,
             g_strdup (doc->mrz == NULL ? "no DG1"
                       : doc->mrz->valid ? "all check digits pass"
                       : "a check digit fails"));
  if (doc->vn != NULL && doc->mrz != NULL)
    {
      g_autofree char *birth = mrz_iso (doc->mrz->birth_year, doc->mrz->birth_month,
                                        doc->mrz->birth_day);
      gboolean id_ok = doc->vn->id_number != NULL &&
                       g_str_equal (doc->vn->id_number, doc->mrz->vn_id_number);
      gboolean birth_ok = doc->vn->date_of_birth_iso != NULL &&
                          g_str_equal (doc->vn->date_of_birth_iso, birth);

      add_check (checks, "dg13-matches-dg1", id_ok && birth_ok,
                 g_strdup (id_ok && birth_ok ? "ID number and date of birth agree"
                           : !id_ok ? "the ID numbers of DG13 and DG1 differ"
                           : "the dates of birth of DG13 and DG1 differ"));
    }
  return checks;
}

static gboolean
all_passed (GArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    if (!g_array_index (checks, Check, i).passed)
      return FALSE;
  return TRUE;
}

static void
member (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static const char *
format_name (EkycChipImageFormat format)
{
  return format == EKYC_CHIP_IMAGE_JPEG ? "jpeg"
       : format == EKYC_CHIP_IMAGE_JPEG2000 ? "jpeg2000" : NULL;
}

static void
print_json (const EkycChipDocument *doc, GArray *checks, const char *reader)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const EkycChipVnData *vn = doc->vn;
  g_autofree char *mrz_birth = NULL, *mrz_expiry = NULL;
  char sex[2] = { 0 };

  if (doc->mrz != NULL)
    {
      mrz_birth = mrz_iso (doc->mrz->birth_year, doc->mrz->birth_month, doc->mrz->birth_day);
      mrz_expiry = mrz_iso (doc->mrz->expiry_year, doc->mrz->expiry_month, doc->mrz->expiry_day);
      sex[0] = doc->mrz->sex == 'X' ? '\0' : doc->mrz->sex;
    }
  json_builder_begin_object (b);
  member (b, "id_number", vn && vn->id_number ? vn->id_number
                          : doc->mrz && doc->mrz->vn_id_number[0] ? doc->mrz->vn_id_number : NULL);
  member (b, "old_id_number", vn ? vn->old_id_number : NULL);
  member (b, "full_name", vn ? vn->full_name : NULL);
  member (b, "date_of_birth", vn && vn->date_of_birth_iso ? vn->date_of_birth_iso : mrz_birth);
  member (b, "sex", sex[0] ? sex : NULL);
  member (b, "nationality", vn ? vn->nationality : NULL);
  member (b, "place_of_origin", vn ? vn->place_of_origin : NULL);
  member (b, "place_of_residence", vn ? vn->place_of_residence : NULL);
  member (b, "date_of_expiry", vn && vn->expiry_date_iso ? vn->expiry_date_iso : mrz_expiry);
  member (b, "issue_date", vn ? vn->issue_date_iso : NULL);
  member (b, "ethnicity", vn ? vn->ethnicity : NULL);
  member (b, "religion", vn ? vn->religion : NULL);
  member (b, "identifying_marks", vn ? vn->identifying_marks : NULL);
  member (b, "father_name", vn ? vn->father_name : NULL);
  member (b, "mother_name", vn ? vn->mother_name : NULL);
  member (b, "spouse_name", vn ? vn->spouse_name : NULL);
  json_builder_set_member_name (b, "mrz");
  json_builder_begin_array (b);
  for (guint i = 0; doc->mrz != NULL && i < doc->mrz->n_lines; i++)
    json_builder_add_string_value (b, doc->mrz->lines[i]);
  json_builder_end_array (b);
  member (b, "reader", reader);
  member (b, "access", ekyc_chip_access_name (doc->access));
  member (b, "access_detail", doc->access_detail);
  member (b, "lds_version", doc->lds_version);
  json_builder_set_member_name (b, "files");
  json_builder_begin_object (b);
  for (int i = 0; i < EKYC_CHIP_N_FILES; i++)
    if (doc->files[i] != NULL)
      {
        json_builder_set_member_name (b, ekyc_chip_file_name ((EkycChipFile) i));
        json_builder_add_int_value (b, (gint64) g_bytes_get_size (doc->files[i]));
      }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "portrait");
  if (doc->portrait.image != NULL)
    {
      json_builder_begin_object (b);
      member (b, "format", format_name (doc->portrait.format));
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, (gint64) g_bytes_get_size (doc->portrait.image));
      json_builder_set_member_name (b, "width");
      json_builder_add_int_value (b, doc->portrait.width);
      json_builder_set_member_name (b, "height");
      json_builder_add_int_value (b, doc->portrait.height);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "passive_authentication");
  json_builder_begin_object (b);
  member (b, "result", ekyc_chip_passive_result_name (doc->passive.result));
  member (b, "detail", doc->passive.detail);
  member (b, "hash_algorithm", doc->passive.hash_algorithm);
  member (b, "signer", doc->passive.signer_subject);
  member (b, "csca", doc->passive.csca_subject);
  json_builder_end_object (b);
  /* "not-performed" is its own answer, never a pass: what DG14 offers is in the detail */
  json_builder_set_member_name (b, "chip_authentication");
  json_builder_begin_object (b);
  member (b, "result", doc->chip_auth == EKYC_CHIP_CHECK_PASSED ? "passed"
                       : doc->chip_auth == EKYC_CHIP_CHECK_FAILED ? "failed" : "not-performed");
  member (b, "detail", doc->chip_auth_detail != NULL ? doc->chip_auth_detail : "no DG14");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < checks->len; i++)
    {
      const Check *c = &g_array_index (checks, Check, i);

      json_builder_begin_object (b);
      member (b, "name", c->name);
      json_builder_set_member_name (b, "passed");
      json_builder_add_boolean_value (b, c->passed);
      member (b, "detail", c->detail);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "timings_ms");
  json_builder_begin_object (b);
  {
    double io = 0, total = 0;

    for (int i = 0; i < EKYC_CHIP_N_STEPS; i++)
      {
        json_builder_set_member_name (b, ekyc_chip_step_name ((EkycChipStep) i));
        json_builder_add_double_value (b, doc->ms[i]);
        total += doc->ms[i];
        if (i != EKYC_CHIP_STEP_PARSE && i != EKYC_CHIP_STEP_VERIFY)
          io += doc->ms[i];
      }
    json_builder_set_member_name (b, "parse_and_verify");
    json_builder_add_double_value (b, total - io);
    json_builder_set_member_name (b, "total");
    json_builder_add_double_value (b, total);
  }
  json_builder_end_object (b);
  json_builder_end_object (b);
  ekyc_cli_print_json (b);
}

static void
print_text (const EkycChipDocument *doc, GArray *checks)
{
  const EkycChipVnData *vn = doc->vn;
  const struct { const char *label; const char *value; } rows[] = {
    { N_("ID number"), vn ? vn->id_number : NULL },
    { N_("Full name"), vn ? vn->full_name : NULL },
    { N_("Date of birth"), vn ? vn->date_of_birth : NULL },
    { N_("Sex"), vn ? vn->sex : NULL },
    { N_("Nationality"), vn ? vn->nationality : NULL },
    { N_("Ethnicity"), vn ? vn->ethnicity : NULL },
    { N_("Religion"), vn ? vn->religion : NULL },
    { N_("Place of origin"), vn ? vn->place_of_origin : NULL },
    { N_("Place of residence"), vn ? vn->place_of_residence : NULL },
    { N_("Identifying marks"), vn ? vn->identifying_marks : NULL },
    { N_("Date of issue"), vn ? vn->issue_date : NULL },
    { N_("Date of expiry"), vn ? vn->expiry_date : NULL },
    { N_("Father"), vn ? vn->father_name : NULL },
    { N_("Mother"), vn ? vn->mother_name : NULL },
    { N_("Spouse"), vn ? vn->spouse_name : NULL },
    { N_("Old ID number"), vn ? vn->old_id_number : NULL },
  };

  g_print (_("Access: %s\n"), doc->access_detail != NULL ? doc->access_detail : "-");
  for (guint i = 0; doc->mrz != NULL && i < doc->mrz->n_lines; i++)
    g_print ("MRZ %u: %s\n", i + 1, doc->mrz->lines[i]);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i].value != NULL)
      g_print ("%-20s %s\n", _(rows[i].label), rows[i].value);
  if (doc->portrait.image != NULL)
    g_print (_("Portrait: %s, %zu bytes\n"), format_name (doc->portrait.format),
             g_bytes_get_size (doc->portrait.image));
  for (guint i = 0; i < checks->len; i++)
    {
      const Check *c = &g_array_index (checks, Check, i);
      g_print ("[%s] %s: %s\n", c->passed ? "PASS" : "FAIL", c->name, c->detail);
    }
  if (doc->chip_auth == EKYC_CHIP_CHECK_NOT_RUN && doc->chip_auth_detail != NULL)
    g_print ("[----] chip-authentication-not-performed: %s\n", doc->chip_auth_detail);
  g_print (_("Timings (ms):"));
  for (int i = 0; i < EKYC_CHIP_N_STEPS; i++)
    g_print (" %s %.1f", ekyc_chip_step_name ((EkycChipStep) i), doc->ms[i]);
  g_print ("\n");
}

static void
show_progress (EkycChipStep step, gsize done, gsize total, gpointer user_data)
{
  if (total > 1)
    g_printerr ("\r%-10s %zu/%zu", ekyc_chip_step_name (step), done, total);
  if (done == total && total > 1)
    g_printerr ("\n");
}

static gboolean
save_files (const EkycChipDocument *doc, const char *dir, GError **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s", dir);
      return FALSE;
    }
  for (int i = 0; i < EKYC_CHIP_N_FILES; i++)
    if (doc->files[i] != NULL)
      {
        g_autofree char *path = g_build_filename (dir, ekyc_chip_file_name ((EkycChipFile) i),
                                                  NULL);
        if (!g_file_set_contents (path, g_bytes_get_data (doc->files[i], NULL),
                                  (gssize) g_bytes_get_size (doc->files[i]), error))
          return FALSE;
      }
  return TRUE;
}

/* Loads the files a previous read (--save-files) or a test wrote: EF.COM, DG1… by name. */
static EkycChipDocument *
document_from_dir (const char *dir, const EkycChipReadOptions *options, GError **error)
{
  GBytes *files[EKYC_CHIP_N_FILES] = { NULL };
  EkycChipDocument *doc;
  gboolean any = FALSE;

  for (int i = 0; i < EKYC_CHIP_N_FILES; i++)
    {
      g_autofree char *path = g_build_filename (dir, ekyc_chip_file_name ((EkycChipFile) i), NULL);
      char *contents;
      gsize length;

      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          files[i] = g_bytes_new_take (contents, length);
          any = TRUE;
        }
    }
  if (!any)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_FILE_NOT_FOUND,
                   _("No chip files (EF.COM, DG1, EF.SOD…) in %s."), dir);
      return NULL;
    }
  doc = ekyc_chip_document_new_from_files (files, options, error);
  for (int i = 0; i < EKYC_CHIP_N_FILES; i++)
    g_clear_pointer (&files[i], g_bytes_unref);
  return doc;
}

int
ekyc_cli_read_chip (int argc, char **argv)
{
  g_autofree char *reader = NULL, *mrz_key = NULL, *trust_dir = NULL, *files_dir = NULL;
  g_autofree char *save_dir = NULL, *portrait_path = NULL;
  gboolean json = FALSE, list = FALSE, no_pace = FALSE, no_bac = FALSE, no_portrait = FALSE;
  int timeout = 10;
  GOptionEntry entries[] = {
    { "reader", 'r', 0, G_OPTION_ARG_STRING, &reader, N_("PC/SC reader name (default: the "
      "first with a card)"), N_("NAME") },
    { "mrz-key", 'k', 0, G_OPTION_ARG_STRING, &mrz_key, N_("document number, date of birth, "
      "date of expiry"), "DOCNO:YYMMDD:YYMMDD" },
    { "trust-dir", 't', 0, G_OPTION_ARG_FILENAME, &trust_dir, N_("CSCA certificates "
      "(default: $EKYC_CSCA_DIR)"), N_("DIR") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("seconds to wait for a card (10)"),
      N_("SECONDS") },
    { "list-readers", 0, 0, G_OPTION_ARG_NONE, &list, N_("list the readers and exit"), NULL },
    { "no-pace", 0, 0, G_OPTION_ARG_NONE, &no_pace, N_("use BAC only"), NULL },
    { "no-bac", 0, 0, G_OPTION_ARG_NONE, &no_bac, N_("use PACE only"), NULL },
    { "no-portrait", 0, 0, G_OPTION_ARG_NONE, &no_portrait, N_("do not read DG2"), NULL },
    { "save-portrait", 0, 0, G_OPTION_ARG_FILENAME, &portrait_path, N_("write the DG2 image "
      "here"), N_("FILE") },
    { "save-files", 0, 0, G_OPTION_ARG_FILENAME, &save_dir, N_("write the raw files here"),
      N_("DIR") },
    { "files", 0, 0, G_OPTION_ARG_FILENAME, &files_dir, N_("verify saved files instead of a "
      "card"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— read and verify the ID "
                                                              "card's chip"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycChipDocument) doc = NULL;
  g_autoptr(GArray) checks = NULL;
  g_autoptr(EkycChipCard) card = NULL;
  EkycChipReadOptions options = { 0 };
  EkycChipKey key;
  gint64 start;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekyc_cli_fail (json, NULL, error);
  if (list)
    {
      g_auto(GStrv) readers = ekyc_chip_list_readers (&error);

      if (readers == NULL)
        return ekyc_cli_fail (json, NULL, error);
      for (guint i = 0; readers[i] != NULL; i++)
        g_print ("%s\n", readers[i]);
      return EKYC_CLI_EXIT_OK;
    }
  if (trust_dir == NULL && g_getenv ("EKYC_CSCA_DIR") != NULL)
    trust_dir = g_strdup (g_getenv ("EKYC_CSCA_DIR"));
  options.trust_dir = trust_dir;
  options.skip_pace = no_pace;
  options.skip_bac = no_bac;
  options.skip_dg2 = no_portrait;
  if (!json && isatty (2))
    options.progress = show_progress;

  if (files_dir != NULL)
    doc = document_from_dir (files_dir, &options, &error);
  else
    {
      if (mrz_key == NULL)
        {
          g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--mrz-key DOCNO:YYMMDD:YYMMDD is required (from the MRZ on "
                                 "the back of the card)"));
          return ekyc_cli_fail (json, NULL, error);
        }
      if (!ekyc_chip_key_parse (mrz_key, &key, &error))
        return ekyc_cli_fail (json, "mrz-key", error);
      start = g_get_monotonic_time ();
      card = ekyc_chip_card_open (reader, (guint) MAX (timeout, 0) * 1000, &error);
      if (card == NULL)
        return ekyc_cli_fail (json, reader, error);
      {
        double connect_ms = ekyc_cli_ms_since (start);

        doc = ekyc_chip_read (card, &key, &options, &error);
        if (doc != NULL)
          doc->ms[EKYC_CHIP_STEP_CONNECT] = connect_ms;
      }
    }
  if (doc == NULL)
    return ekyc_cli_fail (json, files_dir, error);

  if (save_dir != NULL && !save_files (doc, save_dir, &error))
    return ekyc_cli_fail (json, save_dir, error);
  if (portrait_path != NULL && doc->portrait.image != NULL &&
      !g_file_set_contents (portrait_path, g_bytes_get_data (doc->portrait.image, NULL),
                            (gssize) g_bytes_get_size (doc->portrait.image), &error))
    return ekyc_cli_fail (json, portrait_path, error);

  checks = run_checks (doc);
  if (json)
    print_json (doc, checks, card != NULL ? ekyc_chip_card_get_reader (card) : NULL);
  else
    print_text (doc, checks);
  return all_passed (checks) ? EKYC_CLI_EXIT_OK : EKYC_CLI_EXIT_NO_MATCH;
}
