/* test-ui-flow.c — the verification flow driven end to end in the real window, on synthetic
 * cards and shared face photos: fields, checks, decision, edits and bad input
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-preferences-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"

typedef struct {
  UiTestCard       card;
  gboolean         ready;
  EkycApplication *app;
  EkycWindow      *window;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->ready = ui_test_card_make (&f->card, "ekyc-ui-flow", "11");
  if (!f->ready)
    return;
  /* One application for the whole program; each test starts a new verification in it. The
   * store is new: the first account that signs in is its supervisor. */
  f->window = ui_test_shared_window (&f->app);
  g_assert_true (ekyc_application_get_supervisor (f->app));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "flow.restart", NULL);
  ui_test_settle (50);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ui_test_card_clear (&f->card);
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

/* The row of check @id on the result page (named after the check) and its outcome label. */
static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
run_flow (Fixture *f)
{
  g_assert_cmpuint (ui_test_import (f->window, f->card.front), ==, 1);
  g_assert_cmpuint (ui_test_import (f->window, f->card.back), ==, 2);
  g_assert_cmpuint (ui_test_import (f->window, f->card.other_photo), ==, 3);
}

static void
test_still_selfie_gives_fields_and_cannot_pass (Fixture *f, gconstpointer data)
{
  EkycResultPage *result;
  EkycVerification *v;

  if (g_test_failed () || !f->ready)
    return;
  run_flow (f);
  result = ekyc_window_get_result_page (f->window);
  v = ekyc_result_page_get_verification (result);
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_ID_NUMBER), ==, f->card.id_number);
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_FULL_NAME), ==, f->card.full_name);
  g_assert_cmpstr (gtk_editable_get_text (ekyc_result_page_get_field_editable
                                          (result, EKYC_CARD_FIELD_FULL_NAME)), ==, f->card.full_name);
  g_assert_cmpint (find_check (v, "card-read")->outcome, ==, EKYC_VERDICT_PASS);
  g_assert_cmpint (find_check (v, "id-number")->outcome, ==, EKYC_VERDICT_PASS);
  g_assert_cmpint (find_check (v, "face-match")->outcome, ==, EKYC_VERDICT_PASS);
  /* A still photo never performs the live challenges: it cannot pass. */
  g_assert_cmpint (find_check (v, "active-liveness")->outcome, !=, EKYC_VERDICT_PASS);
  g_assert_cmpstr (ekyc_result_page_get_decision_name (result), !=, "pass");
}

static void
test_teller_edit_is_recorded_and_sends_to_review (Fixture *f, gconstpointer data)
{
  EkycResultPage *result;
  EkycVerification *v;

  if (g_test_failed () || !f->ready)
    return;
  run_flow (f);
  result = ekyc_window_get_result_page (f->window);
  v = ekyc_result_page_get_verification (result);
  gtk_editable_set_text (ekyc_result_page_get_field_editable (result, EKYC_CARD_FIELD_FULL_NAME),
                         "NGUYỄN VĂN A");
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_FULL_NAME), ==, "NGUYỄN VĂN A");
  g_assert_cmpstr (ekyc_verification_get_original (v, EKYC_CARD_FIELD_FULL_NAME), ==, f->card.full_name);
  g_assert_true (ekyc_verification_field_edited (v, EKYC_CARD_FIELD_FULL_NAME));
  g_assert_cmpint (find_check (v, "field-edits")->outcome, ==, EKYC_VERDICT_REVIEW);
  g_assert_cmpstr (ekyc_result_page_get_decision_name (result), !=, "pass");
}

static void
test_bad_files_show_a_message_and_keep_the_step (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL, *missing = NULL, *empty = NULL;
  EkycCapturePage *page;

  if (g_test_failed () || !f->ready)
    return;
  text = g_build_filename (f->card.dir, "not-an-image.jpg", NULL);
  g_assert_true (g_file_set_contents (text, "hello, this is not a JPEG", -1, NULL));
  g_assert_cmpuint (ui_test_import (f->window, text), ==, 0);
  page = EKYC_CAPTURE_PAGE (ekyc_window_get_step_page (f->window, 0));
  g_assert_nonnull (ekyc_capture_page_get_problem (page));
  g_assert_nonnull (strstr (ekyc_capture_page_get_problem (page), "not-an-image.jpg"));
  g_assert_nonnull (strstr (ekyc_capture_page_get_problem (page), "not an image"));

  missing = g_build_filename (f->card.dir, "missing.png", NULL);
  g_assert_cmpuint (ui_test_import (f->window, missing), ==, 0);
  g_assert_nonnull (strstr (ekyc_capture_page_get_problem (page), "missing.png"));

  /* A scan that was never written (0 bytes) says so, not "not an image". */
  empty = g_build_filename (f->card.dir, "empty-scan.png", NULL);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpuint (ui_test_import (f->window, empty), ==, 0);
  g_test_message ("0 bytes: %s", ekyc_capture_page_get_problem (page));
  g_assert_nonnull (strstr (ekyc_capture_page_get_problem (page), "empty-scan.png"));
  g_assert_nonnull (strstr (ekyc_capture_page_get_problem (page), "0 bytes"));

  /* A photo without a card portrait: the picture is kept, the teller may go on. */
  g_assert_cmpuint (ui_test_import (f->window, f->card.back), ==, 0);
  g_assert_nonnull (ekyc_capture_page_get_problem (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.continue", NULL);
  g_assert_cmpuint (ekyc_window_get_step (f->window), ==, 1);
  g_assert_nonnull (ekyc_verification_get_image (ekyc_window_get_verification (f->window),
                                                 EKYC_STEP_FRONT));
}

static gboolean
list_loading (gpointer data)
{
  return ekyc_case_list_page_get_loading (data);
}

static void
test_case_is_saved_listed_reviewed_and_audited (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit = NULL, after = NULL;
  EkycCaseListPage *list = ekyc_window_get_case_list_page (f->window);
  EkycReviewPage *review = ekyc_window_get_review_page (f->window);
  g_autofree char *name = NULL;
  EkycResultPage *result;
  const char *decision;
  guint n_audit;

  if (g_test_failed () || !f->ready)
    return;
  run_flow (f);
  result = ekyc_window_get_result_page (f->window);
  decision = ekyc_result_page_get_decision_name (result);
  /* Saving runs in a worker: Save waits until the case is written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "flow.save", NULL));
  g_assert_true (ekyc_window_get_busy (f->window));
  g_assert_true (ui_test_wait_idle (f->window, 60));

  /* The case list finds it by the holder's name, typed in its search entry. */
  ekyc_window_show_page (f->window, "cases");
  ekyc_case_list_page_set_search (list, f->card.full_name);
  g_assert_true (ui_test_wait (list_loading, list, 10));
  g_assert_true (ui_test_wait_idle (f->window, 60));
  g_assert_false (ekyc_case_list_page_get_loading (list));
  g_assert_cmpuint (ekyc_case_list_page_get_n_cases (list), ==, 1);
  if (g_strcmp0 (decision, "review") != 0)
    {
      g_test_skip ("this card's decision is not REVIEW: nothing to review");
      return;
    }

  /* It waits in the supervisor's queue; opening it loads its evidence in a worker; approving
   * it (with the mandatory note) is audited. */
  audit = ekyc_application_list_audit (f->app, NULL, &error);
  g_assert_no_error (error);
  n_audit = g_list_model_get_n_items (audit);
  ekyc_window_show_page (f->window, "review");
  ekyc_window_select_first_review_case (f->window);
  g_assert_true (ekyc_review_page_get_busy (review));
  g_assert_true (ui_test_wait_idle (f->window, 60));
  g_assert_false (ekyc_review_page_get_busy (review));
  g_assert_null (ekyc_review_page_get_error (review));
  g_assert_nonnull (ekyc_review_page_get_case (review));
  g_object_get (ekyc_review_page_get_case (review), "full-name", &name, NULL);
  g_assert_cmpstr (name, ==, f->card.full_name);
  /* No note: the buttons do nothing. */
  gtk_widget_activate_action (GTK_WIDGET (review), "review.approve", NULL);
  g_assert_false (ekyc_window_get_busy (f->window));
  ekyc_review_page_set_note (review, "Đã đối chiếu giấy tờ gốc tại quầy.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.approve", NULL));
  g_assert_true (ekyc_review_page_get_busy (review));
  g_assert_true (ui_test_wait_idle (f->window, 60));
  g_assert_null (ekyc_review_page_get_error (review));
  g_clear_object (&audit);
  audit = ekyc_application_list_audit (f->app, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (audit), >, n_audit);
  after = ekyc_application_query_cases (f->app, f->card.full_name, -1, 2, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
}

/* Locked, a wrong password is checked in a worker too and shows the store's message. */
static void
test_wrong_password_shows_an_error (Fixture *f, gconstpointer data)
{
  EkycSignInPage *page = ekyc_window_get_sign_in_page (f->window);

  if (g_test_failed () || !f->ready)
    return;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL);
  g_assert_cmpstr (ekyc_window_get_page_name (f->window), ==, "sign-in");
  ekyc_sign_in_page_submit (page, "giamsat", "sai-mat-khau-9");
  g_assert_true (ekyc_sign_in_page_get_busy (page));
  g_assert_true (ui_test_wait_idle (f->window, 60));
  g_assert_false (ekyc_sign_in_page_get_busy (page));
  g_test_message ("wrong password: %s", ekyc_sign_in_page_get_error (page));
  g_assert_nonnull (ekyc_sign_in_page_get_error (page));
  g_assert_cmpstr (ekyc_window_get_page_name (f->window), ==, "sign-in");
  ekyc_sign_in_page_submit (page, "giamsat", "mat-khau-dai-1");
  g_assert_true (ui_test_wait_idle (f->window, 60));
  g_assert_null (ekyc_sign_in_page_get_error (page));
  g_assert_cmpstr (ekyc_window_get_page_name (f->window), !=, "sign-in");
}

static void
set_policy_value (EkycPreferencesWindow *prefs, const char *name, double value)
{
  GtkWidget *spin = ekyc_preferences_window_get_policy_control (prefs, name);

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}

static double
stored_threshold (EkycApplication *app, const char *name)
{
  g_autoptr(GObject) policy = ekyc_application_dup_policy (app);
  double value = 0;

  g_object_get (policy, name, &value, NULL);
  return value;
}

/* The supervisor raises the match threshold above this selfie's similarity in Preferences: the
 * store's policy (the one copy) changes, and the same verification is decided again under it. */
static void
test_policy_threshold_changes_the_decision (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  EkycPreferencesWindow *prefs;
  EkycVerification *v;
  double similarity, match, review;

  if (g_test_failed () || !f->ready)
    return;
  run_flow (f);
  v = ekyc_result_page_get_verification (ekyc_window_get_result_page (f->window));
  similarity = ekyc_verification_get_similarity (v);
  g_test_message ("similarity %.3f", similarity);
  g_assert_cmpint (find_check (v, "face-match")->outcome, ==, EKYC_VERDICT_PASS);
  match = stored_threshold (f->app, "match-threshold");
  review = stored_threshold (f->app, "review-threshold");
  g_assert_cmpfloat (similarity, >=, match);

  prefs = ekyc_preferences_window_new (f->app);
  gtk_window_present (GTK_WINDOW (prefs));
  set_policy_value (prefs, "match-threshold", MIN (1.0, similarity + 0.05));
  set_policy_value (prefs, "review-threshold", similarity - 0.05);
  g_assert_true (ekyc_preferences_window_save_policy (prefs, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (stored_threshold (f->app, "match-threshold"),
                                  MIN (1.0, similarity + 0.05), 1e-3);
  /* The result shown again decides under the new policy: the faces now need review. */
  ekyc_window_show_page (f->window, "result");
  v = ekyc_result_page_get_verification (ekyc_window_get_result_page (f->window));
  g_assert_cmpint (find_check (v, "face-match")->outcome, ==, EKYC_VERDICT_REVIEW);
  g_assert_cmpint (ekyc_verification_get_decision (v), !=, EKYC_VERDICT_PASS);

  /* A review threshold above the match threshold is refused with a message; nothing changes. */
  set_policy_value (prefs, "review-threshold", MIN (1.0, similarity + 0.05) + 0.01);
  g_assert_false (ekyc_preferences_window_save_policy (prefs, &error));
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpfloat_with_epsilon (stored_threshold (f->app, "review-threshold"),
                                  similarity - 0.05, 1e-3);

  /* Back to the defaults: the same verification passes the face check again. */
  set_policy_value (prefs, "review-threshold", review);
  set_policy_value (prefs, "match-threshold", match);
  g_assert_true (ekyc_preferences_window_save_policy (prefs, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (prefs));
  ekyc_window_show_page (f->window, "result");
  v = ekyc_result_page_get_verification (ekyc_window_get_result_page (f->window));
  g_assert_cmpint (find_check (v, "face-match")->outcome, ==, EKYC_VERDICT_PASS);
}

/* The worst outcome of the checks that were performed: what the decision must be. */
static EkycVerdict
worst_performed (EkycVerification *v)
{
  GPtrArray *checks = ekyc_verification_get_checks (v);
  EkycVerdict worst = EKYC_VERDICT_PASS;

  for (guint i = 0; i < checks->len; i++)
    {
      EkycCheck *c = g_ptr_array_index (checks, i);

      if (c->outcome != EKYC_VERDICT_NOT_CHECKED)
        worst = MAX (worst, c->outcome);
    }
  return worst;
}

static void
set_policy_switch (EkycPreferencesWindow *prefs, const char *name, gboolean active)
{
  GtkWidget *control = ekyc_preferences_window_get_policy_control (prefs, name);

  g_assert_true (GTK_IS_SWITCH (control));
  gtk_switch_set_active (GTK_SWITCH (control), active);
}

/* No card reader here: the chip was never read. Its row says "Not checked" (never "Passed"),
 * and, not required by the policy, it takes no part in the decision; the same for the live
 * challenges a still photo never performs once the policy stops requiring them. Required, each
 * sends the case to review. */
static void
test_checks_not_performed_say_not_checked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  EkycPreferencesWindow *prefs;
  EkycResultPage *result;
  EkycVerification *v;
  gboolean active_required, chip_required;
  GtkWidget *row;

  if (g_test_failed () || !f->ready)
    return;
  run_flow (f);
  result = ekyc_window_get_result_page (f->window);
  v = ekyc_result_page_get_verification (result);
  g_test_message ("chip: %s", find_check (v, "chip")->detail);
  g_assert_cmpint (find_check (v, "chip")->outcome, ==, EKYC_VERDICT_NOT_CHECKED);
  g_assert_cmpstr (ekyc_verdict_name (EKYC_VERDICT_NOT_CHECKED), ==, "not-checked");
  row = find_named (GTK_WIDGET (result), "chip");
  g_assert_nonnull (row);
  g_assert_true (has_label (row, ekyc_verdict_title (EKYC_VERDICT_NOT_CHECKED)));
  g_assert_false (has_label (row, ekyc_verdict_title (EKYC_VERDICT_PASS)));
  g_assert_cmpint (ekyc_verification_get_decision (v), ==, worst_performed (v));

  prefs = ekyc_preferences_window_new (f->app);
  gtk_window_present (GTK_WINDOW (prefs));
  active_required = gtk_switch_get_active (GTK_SWITCH (ekyc_preferences_window_get_policy_control
                                                       (prefs, "require-active-liveness")));
  chip_required = gtk_switch_get_active (GTK_SWITCH (ekyc_preferences_window_get_policy_control
                                                     (prefs, "require-chip")));
  g_assert_false (chip_required);
  set_policy_switch (prefs, "require-active-liveness", FALSE);
  g_assert_true (ekyc_preferences_window_save_policy (prefs, &error));
  g_assert_no_error (error);
  ekyc_window_show_page (f->window, "result");
  v = ekyc_result_page_get_verification (result);
  g_assert_cmpint (find_check (v, "active-liveness")->outcome, ==, EKYC_VERDICT_NOT_CHECKED);
  g_assert_true (has_label (find_named (GTK_WIDGET (result), "active-liveness"),
                            ekyc_verdict_title (EKYC_VERDICT_NOT_CHECKED)));
  g_assert_cmpint (ekyc_verification_get_decision (v), ==, worst_performed (v));
  g_test_message ("decision without the challenges required: %s",
                  ekyc_result_page_get_decision_name (result));

  /* The chip required: not read, it is a reason for review. */
  set_policy_switch (prefs, "require-chip", TRUE);
  g_assert_true (ekyc_preferences_window_save_policy (prefs, &error));
  g_assert_no_error (error);
  ekyc_window_show_page (f->window, "result");
  v = ekyc_result_page_get_verification (result);
  g_assert_cmpint (find_check (v, "chip")->outcome, ==, EKYC_VERDICT_REVIEW);
  g_assert_cmpint (ekyc_verification_get_decision (v), >=, EKYC_VERDICT_REVIEW);

  set_policy_switch (prefs, "require-chip", chip_required);
  set_policy_switch (prefs, "require-active-liveness", active_required);
  g_assert_true (ekyc_preferences_window_save_policy (prefs, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  g_test_add ("/ui/flow/still-selfie-gives-fields-and-cannot-pass", Fixture, NULL,
              fixture_setup, test_still_selfie_gives_fields_and_cannot_pass, fixture_teardown);
  g_test_add ("/ui/flow/teller-edit-is-recorded-and-sends-to-review", Fixture, NULL,
              fixture_setup, test_teller_edit_is_recorded_and_sends_to_review, fixture_teardown);
  g_test_add ("/ui/flow/bad-files-show-a-message-and-keep-the-step", Fixture, NULL,
              fixture_setup, test_bad_files_show_a_message_and_keep_the_step, fixture_teardown);
  g_test_add ("/ui/flow/case-is-saved-listed-reviewed-and-audited", Fixture, NULL,
              fixture_setup, test_case_is_saved_listed_reviewed_and_audited, fixture_teardown);
  g_test_add ("/ui/flow/wrong-password-shows-an-error", Fixture, NULL,
              fixture_setup, test_wrong_password_shows_an_error, fixture_teardown);
  g_test_add ("/ui/flow/policy-threshold-changes-the-decision", Fixture, NULL,
              fixture_setup, test_policy_threshold_changes_the_decision, fixture_teardown);
  g_test_add ("/ui/flow/checks-not-performed-say-not-checked", Fixture, NULL,
              fixture_setup, test_checks_not_performed_say_not_checked, fixture_teardown);
  status = g_test_run ();
  ui_test_shared_free ();
  return status;
}
