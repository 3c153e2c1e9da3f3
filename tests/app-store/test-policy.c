/* test-policy.c — PASS / REVIEW / FAIL from a case's facts, and the policy's JSON
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-policy.h"
#include "test-utils.h"

static const char * const card_checks[] = {
  "qr-payload", "id-number", "dates-valid", "not-expired", "age-14", "card-back", NULL
};

/* A case where everything is good: the policy must say PASS. */
static EkycCase *
make_good_case (void)
{
  EkycCase *kase = ekyc_case_new ("teller1");

  ekyc_case_set_similarity (kase, 0.62);
  ekyc_case_set_passive_liveness (kase, 0.93);
  ekyc_case_set_active_liveness (kase, EKYC_CHECK_OUTCOME_PASSED, "turn-left,blink");
  for (guint i = 0; card_checks[i] != NULL; i++)
    ekyc_case_set_check (kase, card_checks[i], EKYC_CHECK_OUTCOME_PASSED, NULL);
  return kase;
}

static void
assert_decision (EkycPolicy *policy, EkycCase *kase, EkycDecision expected,
                 const char *expected_reason)
{
  g_auto(GStrv) reasons = NULL;
  EkycDecision decision = ekyc_policy_decide (policy, kase, &reasons);

  g_assert_cmpstr (ekyc_enum_to_string (EKYC_TYPE_DECISION, decision), ==,
                   ekyc_enum_to_string (EKYC_TYPE_DECISION, expected));
  if (expected_reason != NULL)
    g_assert_true (g_strv_contains ((const char * const *) reasons, expected_reason));
}

static void
test_policy_all_good_passes (void)
{
  g_autoptr(EkycPolicy) policy = ekyc_policy_new ();
  g_autoptr(EkycCase) kase = make_good_case ();

  assert_decision (policy, kase, EKYC_DECISION_PASS, "all-passed");
  g_assert_cmpint (ekyc_policy_apply (policy, kase), ==, EKYC_DECISION_PASS);
  g_assert_cmpint (ekyc_case_get_decision (kase), ==, EKYC_DECISION_PASS);
  g_assert_cmpstr (ekyc_case_get_reasons (kase)[0], ==, "all-passed");
}

static void
test_policy_face_thresholds (void)
{
  g_autoptr(EkycPolicy) policy = ekyc_policy_new ();
  g_autoptr(EkycCase) kase = make_good_case ();
  g_autoptr(EkycCase) uncompared = ekyc_case_new ("teller1");

  /* The engine's thresholds: 0.414 at FMR 1e-3 (match), 0.356 at 1e-2 (review). */
  ekyc_case_set_similarity (kase, 0.414);
  assert_decision (policy, kase, EKYC_DECISION_PASS, NULL);
  ekyc_case_set_similarity (kase, 0.40);
  assert_decision (policy, kase, EKYC_DECISION_REVIEW, "face-uncertain");
  ekyc_case_set_similarity (kase, 0.356);
  assert_decision (policy, kase, EKYC_DECISION_REVIEW, "face-uncertain");
  ekyc_case_set_similarity (kase, 0.2);
  assert_decision (policy, kase, EKYC_DECISION_FAIL, "face-mismatch");
  assert_decision (policy, uncompared, EKYC_DECISION_REVIEW, "face-not-compared");

  /* A supervisor's stricter policy moves the same case. */
  ekyc_case_set_similarity (kase, 0.45);
  assert_decision (policy, kase, EKYC_DECISION_PASS, NULL);
  ekyc_policy_set_match_threshold (policy, 0.473);
  assert_decision (policy, kase, EKYC_DECISION_REVIEW, "face-uncertain");
}

static void
test_policy_liveness (void)
{
  g_autoptr(EkycPolicy) policy = ekyc_policy_new ();
  g_autoptr(EkycCase) kase = make_good_case ();

  ekyc_case_set_passive_liveness (kase, 0.1);
  assert_decision (policy, kase, EKYC_DECISION_FAIL, "liveness-passive-failed");
  ekyc_policy_set_require_passive_liveness (policy, FALSE);
  assert_decision (policy, kase, EKYC_DECISION_PASS, NULL);

  ekyc_case_set_active_liveness (kase, EKYC_CHECK_OUTCOME_FAILED, "blink: timeout");
  assert_decision (policy, kase, EKYC_DECISION_FAIL, "liveness-active-failed");
  ekyc_case_set_active_liveness (kase, EKYC_CHECK_OUTCOME_NOT_RUN, NULL);
  assert_decision (policy, kase, EKYC_DECISION_REVIEW, "liveness-active-missing");
  ekyc_policy_set_require_active_liveness (policy, FALSE);
  assert_decision (policy, kase, EKYC_DECISION_PASS, NULL);
}

static void
test_policy_card_checks (void)
{
  g_autoptr(EkycPolicy) policy = ekyc_policy_new ();
  g_autoptr(EkycCase) kase = make_good_case ();
  g_autoptr(EkycCase) partial = ekyc_case_new ("teller1");
  const char * const fewer[] = { "qr-payload", NULL };

  ekyc_case_set_check (kase, "not-expired", EKYC_CHECK_OUTCOME_FAILED, "expired 2024-01-01");
  assert_decision (policy, kase, EKYC_DECISION_FAIL, "check-failed:not-expired");

  /* A check outside the required ones sends the case to review, not to FAIL. */
  ekyc_policy_set_required_checks (policy, fewer);
  assert_decision (policy, kase, EKYC_DECISION_REVIEW, "check-failed:not-expired");

  /* A check that asked for review asks for review, required or not; it never fails the case. */
  ekyc_case_set_check (kase, "not-expired", EKYC_CHECK_OUTCOME_REVIEW, "expiry unreadable");
  assert_decision (policy, kase, EKYC_DECISION_REVIEW, "check-review:not-expired");
  ekyc_case_set_check (kase, "qr-payload", EKYC_CHECK_OUTCOME_REVIEW, "payload doubtful");
  assert_decision (policy, kase, EKYC_DECISION_REVIEW, "check-review:qr-payload");
  ekyc_case_set_check (kase, "qr-payload", EKYC_CHECK_OUTCOME_PASSED, NULL);

  /* A required check that did not run asks for review. */
  ekyc_case_set_similarity (partial, 0.9);
  ekyc_case_set_passive_liveness (partial, 0.9);
  ekyc_case_set_active_liveness (partial, EKYC_CHECK_OUTCOME_PASSED, NULL);
  assert_decision (policy, partial, EKYC_DECISION_REVIEW, "check-missing:qr-payload");
}

static void
test_policy_json_round_trip (void)
{
  g_autoptr(EkycPolicy) policy = ekyc_policy_new ();
  g_autoptr(EkycPolicy) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char * const checks[] = { "qr-payload", "chip-passive-auth", NULL };

  ekyc_policy_set_match_threshold (policy, 0.473);
  ekyc_policy_set_review_threshold (policy, 0.414);
  ekyc_policy_set_require_active_liveness (policy, FALSE);
  ekyc_policy_set_required_checks (policy, checks);
  json = ekyc_policy_to_json (policy);
  copy = ekyc_policy_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (ekyc_policy_get_match_threshold (copy), 0.473, 1e-9);
  g_assert_cmpfloat_with_epsilon (ekyc_policy_get_review_threshold (copy), 0.414, 1e-9);
  g_assert_false (ekyc_policy_get_require_active_liveness (copy));
  g_assert_true (ekyc_policy_get_require_passive_liveness (copy));
  g_assert_true (g_strv_equal (ekyc_policy_get_required_checks (copy), checks));
}

static void
test_policy_json_bad_input (void)
{
  const char *bad[] = {
    "", "not json", "[1, 2]", "{\"match-threshold\": \"high\"}",
    "{\"match-threshold\": 7}", "{\"match-threshold\": 0.3, \"review-threshold\": 0.4}",
    "{\"required-checks\": [1]}", "{\"required-checks\": \"qr\"}",
    "{\"require-active-liveness\": 1}", "{\"passive-liveness-threshold\": -0.5}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EkycPolicy) policy = ekyc_policy_new_from_json (bad[i], &error);

      g_assert_null (policy);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static void
test_policy_reasons_are_described (void)
{
  const char *codes[] = { "all-passed", "face-mismatch", "face-uncertain", "face-not-compared",
                          "liveness-passive-failed", "liveness-active-missing",
                          "check-failed:not-expired", "check-missing:qr-payload" };

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *text = ekyc_policy_describe_reason (codes[i]);
      g_assert_cmpstr (text, !=, codes[i]);
      g_assert_cmpuint (strlen (text), >, 10);
    }
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/policy/all-good-passes", test_policy_all_good_passes);
  g_test_add_func ("/policy/face-thresholds", test_policy_face_thresholds);
  g_test_add_func ("/policy/liveness", test_policy_liveness);
  g_test_add_func ("/policy/card-checks", test_policy_card_checks);
  g_test_add_func ("/policy/json-round-trip", test_policy_json_round_trip);
  g_test_add_func ("/policy/json-bad-input", test_policy_json_bad_input);
  g_test_add_func ("/policy/reasons-are-described", test_policy_reasons_are_described);
  return g_test_run ();
}
