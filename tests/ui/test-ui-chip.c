/* test-ui-chip.c — the verification flow with the card's chip, in the real window: a private
 * pcscd with a vpcd reader, and the chip emulator holding a chip made for the synthetic card
 * (its data, its MRZ, its holder's photo as DG2, signed under a test CSCA)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "chip-lds-builder.h"
#include "ekyc-chip-panel.h"
#include "ekyc-store.h"
#include "pcsc-stack.h"
#include "test-utils.h"
#include "ui-test-utils.h"

static EkycApplication *app;
static EkycWindow *window;
static EkycTestPcsc *pcsc;
static char *work_dir, *front, *back, *selfie, *portrait;
static JsonObject *card;
static JsonParser *card_parser;

/* "1996-02-14" → "14/02/1996"; "…" → "960214" with @yymmdd */
static char *
card_date (const char *member, gboolean yymmdd)
{
  const char *iso = json_object_get_string_member (card, member);

  g_assert_nonnull (iso);
  if (yymmdd)
    return g_strdup_printf ("%.2s%.2s%.2s", iso + 2, iso + 5, iso + 8);
  return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

/* A chip for the synthetic card (with @full_name in DG13 instead of the card's when given; with
 * chip and active authentication keys in DG14 and DG15 when @with_keys), written into
 * WORK_DIR/@name. */
static char *
build_card_chip (const char *name, const char *full_name, gboolean with_keys)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  JsonArray *mrz = json_object_get_array_member (card, "mrz");
  const char *line1 = json_array_get_string_element (mrz, 0);
  const char *line3 = json_array_get_string_element (mrz, 2);
  g_autofree char *document_number = g_strndup (line1 + 5, 9);
  g_auto(GStrv) names = g_strsplit (line3, "<<", 2);
  g_autofree char *given = g_strdelimit (g_strdup (names[1]), "<", ' ');
  g_autofree char *birth = card_date ("date_of_birth", TRUE);
  g_autofree char *expiry = card_date ("date_of_expiry", TRUE);
  g_autofree char *birth_text = card_date ("date_of_birth", FALSE);
  g_autofree char *expiry_text = card_date ("date_of_expiry", FALSE);
  g_autofree char *issue_text = card_date ("issue_date", FALSE);
  const char *sex = json_object_get_string_member (card, "sex");
  g_autoptr(GError) error = NULL;
  char *dir = g_build_filename (work_dir, name, NULL);

  spec.document_number = document_number;
  spec.id_number = json_object_get_string_member (card, "id_number");
  spec.surname = names[0];
  spec.given_names = g_strstrip (given);
  spec.birth_yymmdd = birth;
  spec.expiry_yymmdd = expiry;
  spec.sex = sex[0];
  spec.full_name = full_name ? full_name : json_object_get_string_member (card, "full_name");
  spec.date_of_birth = birth_text;
  spec.sex_text = sex[0] == 'F' ? "Nữ" : "Nam";
  spec.nationality = json_object_get_string_member (card, "nationality");
  spec.place_of_origin = json_object_get_string_member (card, "place_of_origin");
  spec.place_of_residence = json_object_get_string_member (card, "place_of_residence");
  spec.issue_date = issue_text;
  spec.expiry_date = expiry_text;
  spec.old_id_number = json_object_get_string_member_with_default (card, "old_id_number", NULL);
  spec.portrait_path = portrait;
  spec.pace_parameter_id = 13;
  spec.with_dg14 = spec.with_dg15 = with_keys;
  g_assert_true (ekyc_test_chip_build (&spec, dir, &error));
  g_assert_no_error (error);
  return dir;
}

static gboolean
chip_step_over (gpointer data)
{
  EkycChipPanelState state = ekyc_chip_panel_get_state (ekyc_window_get_chip_panel (window));

  return state == EKYC_CHIP_PANEL_DONE || state == EKYC_CHIP_PANEL_NOT_READ;
}

static EkycCheck *
find_check (EkycVerification *v, const char *id)
{
  GPtrArray *checks = ekyc_verification_get_checks (v);

  for (guint i = 0; i < checks->len; i++)
    if (g_str_equal (((EkycCheck *) g_ptr_array_index (checks, i))->id, id))
      return g_ptr_array_index (checks, i);
  g_error ("no check %s", id);
  return NULL;
}

/* Front, back (the chip step runs), selfie; returns the verification on the result page. */
static EkycVerification *
run_flow_with_chip (const char *chip_dir)
{
  g_autofree char *trust = chip_dir ? g_build_filename (chip_dir, "trust", NULL) : NULL;
  GSettings *settings = ekyc_application_get_settings (app);
  EkycChipPanel *panel = ekyc_window_get_chip_panel (window);

  g_settings_set_string (settings, "chip-trust-directory", trust ? trust : "");
  gtk_widget_activate_action (GTK_WIDGET (window), "flow.restart", NULL);
  ui_test_settle (50);
  g_assert_cmpint (ekyc_chip_panel_get_state (panel), ==, EKYC_CHIP_PANEL_IDLE);
  g_assert_cmpuint (ui_test_import (window, front), ==, 1);
  g_assert_cmpuint (ui_test_import (window, back), ==, 2);
  /* the back's MRZ opened the chip step */
  g_assert_cmpint (ekyc_chip_panel_get_state (panel), !=, EKYC_CHIP_PANEL_IDLE);
  g_assert_true (ui_test_wait (chip_step_over, NULL, 120));
  g_test_message ("chip step: %s", ekyc_chip_panel_get_message (panel));
  g_assert_cmpuint (ui_test_import (window, selfie), ==, 3);
  return ekyc_result_page_get_verification (ekyc_window_get_result_page (window));
}

static void
test_matching_chip_is_verified_and_wins (void)
{
  g_autofree char *chip = build_card_chip ("matching", NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GObject) listed = NULL;
  g_autoptr(EkycCase) kase = NULL;
  const char *full_name = json_object_get_string_member (card, "full_name");
  EkycVerification *v;
  EkycCaseCheck *chip_check = NULL;
  GPid emulator = ekyc_test_pcsc_start_emulator (pcsc, chip, 0, FALSE);

  ekyc_test_pcsc_wait_card (pcsc, TRUE);
  v = run_flow_with_chip (chip);
  ekyc_test_pcsc_stop_child (&emulator);
  ekyc_test_pcsc_wait_card (pcsc, FALSE);

  g_assert_cmpint (ekyc_chip_panel_get_state (ekyc_window_get_chip_panel (window)), ==,
                   EKYC_CHIP_PANEL_DONE);
  g_assert_true (ekyc_verification_get_chip_verified (v));
  g_test_message ("chip: %s", find_check (v, "chip")->detail);
  g_test_message ("chip-agreement: %s", find_check (v, "chip-agreement")->detail);
  g_assert_cmpint (find_check (v, "chip")->outcome, ==, EKYC_VERDICT_PASS);
  g_assert_cmpstr (find_check (v, "chip")->title, ==, "Chip verified");
  g_assert_cmpint (find_check (v, "chip-agreement")->outcome, ==, EKYC_VERDICT_PASS);
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_FULL_NAME), ==, full_name);
  g_assert_cmpint (ekyc_verification_get_field_source (v, EKYC_CARD_FIELD_FULL_NAME), ==,
                   EKYC_CARD_SOURCE_CHIP);
  g_assert_cmpint (ekyc_verification_get_field_source (v, EKYC_CARD_FIELD_ID_NUMBER), ==,
                   EKYC_CARD_SOURCE_CHIP);
  /* the chip's photo is the reference face: the selfie was compared with it */
  g_assert_nonnull (ekyc_verification_get_reference_face (v));
  g_assert_true (ekyc_verification_get_reference_face (v)
                 != ekyc_verification_get_face (v, EKYC_STEP_FRONT));
  g_assert_nonnull (strstr (find_check (v, "face-match")->detail, "chip"));

  /* saved with the chip's evidence, the chip-won fields and the chip's verdict */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "flow.save", NULL));
  g_assert_true (ui_test_wait_idle (window, 60));
  cases = ekyc_application_query_cases (app, full_name, -1, -1, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), >=, 1);
  listed = g_list_model_get_item (cases, 0);
  kase = EKYC_CASE (ekyc_application_load_case (app, listed, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ekyc_case_get_evidence (kase, EKYC_EVIDENCE_CHIP_PORTRAIT, NULL));
  g_assert_nonnull (ekyc_case_get_evidence (kase, EKYC_EVIDENCE_CHIP_SOD, NULL));
  g_assert_cmpint (ekyc_case_get_field_source (kase, EKYC_FIELD_FULL_NAME), ==,
                   EKYC_FIELD_SOURCE_CHIP);
  g_assert_cmpint (ekyc_case_get_check_outcome (kase, "chip"), ==, EKYC_CHECK_OUTCOME_PASSED);
  for (guint i = 0; i < ekyc_case_get_checks (kase)->len; i++)
    if (g_str_equal (((EkycCaseCheck *) g_ptr_array_index (ekyc_case_get_checks (kase), i))->name,
                     "chip"))
      chip_check = g_ptr_array_index (ekyc_case_get_checks (kase), i);
  g_assert_nonnull (chip_check);
  g_assert_nonnull (strstr (chip_check->detail, "CSCA"));
  ekyc_test_remove_tree (chip);
}

static void
test_chip_name_differs_is_not_pass (void)
{
  g_autofree char *chip = build_card_chip ("other-name", "NGUYỄN THỊ HẰNG", FALSE);
  EkycVerification *v;
  EkycCheck *agreement;
  GPid emulator = ekyc_test_pcsc_start_emulator (pcsc, chip, 0, FALSE);

  ekyc_test_pcsc_wait_card (pcsc, TRUE);
  v = run_flow_with_chip (chip);
  ekyc_test_pcsc_stop_child (&emulator);
  ekyc_test_pcsc_wait_card (pcsc, FALSE);

  g_assert_true (ekyc_verification_get_chip_verified (v));
  agreement = find_check (v, "chip-agreement");
  g_test_message ("chip-agreement: %s", agreement->detail);
  g_assert_cmpint (agreement->outcome, ==, EKYC_VERDICT_FAIL);
  g_assert_nonnull (strstr (agreement->detail, "full_name"));
  g_assert_nonnull (strstr (agreement->detail, "NGUYỄN THỊ HẰNG"));
  /* the verified chip's name wins over the card's */
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_FULL_NAME), ==,
                   "NGUYỄN THỊ HẰNG");
  g_assert_cmpint (ekyc_verification_get_decision (v), !=, EKYC_VERDICT_PASS);
  g_assert_cmpstr (ekyc_result_page_get_decision_name (ekyc_window_get_result_page (window)), ==,
                   "fail");
  ekyc_test_remove_tree (chip);
}

static void
set_chip_required (gboolean required)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) policy = ekyc_application_dup_policy (app);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) checks = NULL;
  const char * const *current = ekyc_policy_get_required_checks (EKYC_POLICY (policy));

  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    if (!g_str_equal (current[i], "chip"))
      g_strv_builder_add (builder, current[i]);
  if (required)
    g_strv_builder_add (builder, "chip");
  checks = g_strv_builder_end (builder);
  ekyc_policy_set_required_checks (EKYC_POLICY (policy), (const char * const *) checks);
  g_assert_true (ekyc_application_save_policy (app, policy, &error));
  g_assert_no_error (error);
}

/* A reader without a card: a message, the flow goes on, the policy decides. */
static void
test_no_card_goes_on_without_chip (void)
{
  EkycVerification *v = run_flow_with_chip (NULL);
  EkycDecisionPolicy policy;

  g_assert_cmpint (ekyc_chip_panel_get_state (ekyc_window_get_chip_panel (window)), ==,
                   EKYC_CHIP_PANEL_NOT_READ);
  g_assert_null (ekyc_verification_get_chip (v));
  g_assert_nonnull (ekyc_verification_get_chip_problem (v));
  /* Not read and not required: "Not checked", never a pass. */
  g_assert_cmpint (find_check (v, "chip")->outcome, ==, EKYC_VERDICT_NOT_CHECKED);
  /* The supervisor's policy requires the chip: the same case now goes to review. */
  set_chip_required (TRUE);
  ekyc_application_get_policy (app, &policy);
  ekyc_verification_evaluate (v, &policy);
  g_assert_cmpint (find_check (v, "chip")->outcome, ==, EKYC_VERDICT_REVIEW);
  set_chip_required (FALSE);
}

/* Saves the case on the result page; returns its id. */
static char *
save_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GObject) newest = NULL;
  guint n_before;

  cases = ekyc_application_query_cases (app, NULL, -1, -1, -1, &error);
  g_assert_no_error (error);
  n_before = g_list_model_get_n_items (cases);
  g_clear_object (&cases);
  ui_test_save (window);
  cases = ekyc_application_query_cases (app, NULL, -1, -1, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, n_before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (cases, i);

      if (newest == NULL
          || g_date_time_compare (ekyc_case_get_created_at (EKYC_CASE (item)),
                                  ekyc_case_get_created_at (EKYC_CASE (newest))) > 0)
        g_set_object (&newest, item);
    }
  return g_strdup (ekyc_case_get_id (EKYC_CASE (newest)));
}

/* Opens case @id from the supervisor's queue, as a click on its row does. */
static EkycReviewPage *
open_for_review (const char *id)
{
  EkycReviewPage *review = ekyc_window_get_review_page (window);
  GtkListBox *queue;
  GtkListBoxRow *row;

  ekyc_window_show_page (window, "review");
  g_assert_true (ui_test_wait_idle (window, 60));
  queue = GTK_LIST_BOX (ui_test_find_child (GTK_WIDGET (review), GTK_TYPE_LIST_BOX));
  for (int i = 0; (row = gtk_list_box_get_row_at_index (queue, i)) != NULL; i++)
    {
      gtk_list_box_select_row (queue, row);
      g_assert_true (ui_test_wait_idle (window, 60));
      g_assert_null (ekyc_review_page_get_error (review));
      if (g_str_equal (ekyc_case_get_id (EKYC_CASE (ekyc_review_page_get_case (review))), id))
        {
          ui_test_settle (100);
          return review;
        }
    }
  g_error ("case %s is not in the review queue", id);
  return NULL;
}

static GtkWidget *
review_part (EkycReviewPage *review, const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (review), EKYC_TYPE_REVIEW_PAGE,
                                                    name));
}

/* A chip read whose CSCA the trust store lacks goes to review; the supervisor sees the chip's
 * DG2 photo beside the printed portrait and the selfie, with what the chip proved. A case
 * without a chip shows no chip frame. */
static void
test_review_shows_chip_photo (void)
{
  g_autofree char *chip = build_card_chip ("review", NULL, TRUE);
  g_autofree char *chip_id = NULL, *plain_id = NULL;
  g_autoptr(GdkPixbuf) dg2 = NULL;
  g_autoptr(GError) error = NULL;
  EkycReviewPage *review;
  GdkPaintable *shown;
  const char *proof;
  EkycVerification *v;
  GPid emulator = ekyc_test_pcsc_start_emulator (pcsc, chip, 0, FALSE);

  ekyc_test_pcsc_wait_card (pcsc, TRUE);
  /* no trust directory: the chip is read, its CSCA unknown */
  v = run_flow_with_chip (NULL);
  ekyc_test_pcsc_stop_child (&emulator);
  ekyc_test_pcsc_wait_card (pcsc, FALSE);
  g_assert_nonnull (ekyc_verification_get_chip (v));
  g_assert_false (ekyc_verification_get_chip_verified (v));
  g_assert_cmpint (find_check (v, "chip")->outcome, ==, EKYC_VERDICT_REVIEW);
  g_assert_cmpint (ekyc_verification_get_decision (v), ==, EKYC_VERDICT_REVIEW);
  chip_id = save_case ();

  /* without a chip, the policy that requires one sends the case to review */
  set_chip_required (TRUE);
  v = run_flow_with_chip (NULL);
  g_assert_null (ekyc_verification_get_chip (v));
  g_assert_cmpint (ekyc_verification_get_decision (v), ==, EKYC_VERDICT_REVIEW);
  plain_id = save_case ();
  set_chip_required (FALSE);

  review = open_for_review (chip_id);
  dg2 = gdk_pixbuf_new_from_file (portrait, &error);
  g_assert_no_error (error);
  shown = gtk_picture_get_paintable (GTK_PICTURE (review_part (review, "chip_face")));
  g_assert_true (GDK_IS_TEXTURE (shown));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (shown)), ==, gdk_pixbuf_get_width (dg2));
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (shown)), ==, gdk_pixbuf_get_height (dg2));
  g_assert_true (gtk_widget_is_visible (review_part (review, "chip_face")));
  g_assert_true (gtk_widget_is_visible (review_part (review, "card_face")));
  g_assert_true (gtk_widget_is_visible (review_part (review, "selfie_face")));
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (review_part (review, "card_face"))));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (review_part (review, "chip_title_label"))), ==,
                   "Chip read, not verified");
  proof = gtk_label_get_label (GTK_LABEL (review_part (review, "chip_proof_label")));
  g_test_message ("review, chip: %s", proof);
  g_assert_nonnull (strstr (proof, "csca-missing"));
  g_assert_nonnull (strstr (proof, "Access: PACE"));
  g_assert_nonnull (strstr (proof, "Chip authentication: passed"));
  g_assert_nonnull (strstr (proof, "Active authentication: passed"));
  g_assert_true (gtk_widget_is_visible (review_part (review, "chip_proof_box")));

  review = open_for_review (plain_id);
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (review_part (review, "chip_face"))));
  g_assert_false (gtk_widget_get_visible (review_part (review, "chip_box")));
  g_assert_false (gtk_widget_get_visible (review_part (review, "chip_proof_box")));
  g_assert_true (gtk_widget_is_visible (review_part (review, "card_face")));
  g_assert_true (gtk_widget_is_visible (review_part (review, "selfie_face")));
  ekyc_window_show_page (window, "front");
  ekyc_test_remove_tree (chip);
}

static void
skip_test (gconstpointer reason)
{
  g_test_skip (reason);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *faces = NULL, *person = NULL, *other = NULL;
  const char *skip = NULL, *source;
  int status;

  ui_test_init (&argc, &argv);
  skip = ekyc_test_pcsc_unavailable ();
  work_dir = g_dir_make_tmp ("ekyc-ui-chip-XXXXXX", &error);
  g_assert_no_error (error);
  if (skip == NULL && !ekyc_test_make_cards (work_dir, 1, "clean", "11"))
    skip = "shared faces missing";
  if (skip == NULL)
    pcsc = ekyc_test_pcsc_start (work_dir, &skip);
  if (skip != NULL)
    {
      g_test_add_data_func ("/ui/chip/needs-pcsc-stack", skip, skip_test);
      status = g_test_run ();
      ekyc_test_remove_tree (work_dir);
      return status;
    }
  front = g_build_filename (work_dir, "0000-front.jpg", NULL);
  back = g_build_filename (work_dir, "0000-back.jpg", NULL);
  json = g_build_filename (work_dir, "0000.json", NULL);
  card_parser = json_parser_new ();
  g_assert_true (json_parser_load_from_file (card_parser, json, &error));
  card = json_node_get_object (json_parser_get_root (card_parser));
  /* DG2 holds the holder's photo; the selfie is another one when LFW has it */
  source = json_object_get_string_member (card, "portrait_source");
  faces = ekyc_test_shared_path ("faces", "lfw", NULL);
  portrait = g_build_filename (faces, source, NULL);
  person = g_path_get_dirname (source);
  other = g_strdup_printf ("%s/%s_0002.jpg", person, person);
  selfie = g_build_filename (faces, other, NULL);
  if (!g_file_test (selfie, G_FILE_TEST_EXISTS) || g_str_equal (other, source))
    {
      g_free (selfie);
      selfie = g_strdup (portrait);
    }

  window = ui_test_start (&app, 1000, 700);
  g_assert_true (ui_test_wait_engine (app, 120));
  g_assert_true (ekyc_application_get_needs_first_user (app));
  g_assert_true (ekyc_application_sign_in (app, "giamsat", "mat-khau-dai-1", &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/chip/matching-chip-is-verified-and-wins",
                   test_matching_chip_is_verified_and_wins);
  g_test_add_func ("/ui/chip/chip-name-differs-is-not-pass", test_chip_name_differs_is_not_pass);
  g_test_add_func ("/ui/chip/no-card-goes-on-without-chip", test_no_card_goes_on_without_chip);
  g_test_add_func ("/ui/chip/review-shows-chip-photo", test_review_shows_chip_photo);
  status = g_test_run ();
  ui_test_finish (app);
  ekyc_test_pcsc_stop (pcsc);
  g_clear_object (&card_parser);
  ekyc_test_remove_tree (work_dir);
  return status;
}
