/* ekyc-verification-checks.c — the rules that turn a verification's facts into checks
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-verification"
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "ekyc-verification-private.h"

static void
add (GPtrArray *checks, const char *id, const char *title, EkycVerdict outcome,
     char *detail)
{
  EkycCheck *c = g_new0 (EkycCheck, 1);

  c->id = g_strdup (id);
  c->title = g_strdup (title);
  c->outcome = outcome;
  c->detail = detail;
  g_ptr_array_add (checks, c);
}

void
_ekyc_verification_add_check (GPtrArray *checks, const char *id, const char *title,
                              EkycVerdict outcome, char *detail)
{
  add (checks, id, title, outcome, detail);
}

/* Dates as the result page shows them, dd/mm/yyyy (the card's own QR form has no slashes). */
static gboolean
parse_date (const char *text, EkycCardDate *out)
{
  char digits[9];
  guint n = 0;

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) && n < 8)
        digits[n++] = *p;
      else if (*p != '/' && *p != '.' && *p != '-' && *p != ' ')
        return FALSE;
    }
  return n == 8 && ekyc_card_date_parse_ddmmyyyy (digits, 8, out);
}

static void
add_card_checks (EkycVerification *self, GPtrArray *checks)
{
  gboolean read = FALSE;
  const char *problem = _ekyc_verification_card_problem (self, &read);
  const char *number = ekyc_verification_get_field (self, EKYC_CARD_FIELD_ID_NUMBER);
  const char *sex = ekyc_verification_get_field (self, EKYC_CARD_FIELD_SEX);
  EkycCardDate birth = { 0 }, issue = { 0 }, now;
  g_autoptr(GDateTime) dt = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  EkycCardExpiry expiry;
  GString *edited = g_string_new (NULL);

  if (ekyc_verification_get_image (self, EKYC_STEP_FRONT) == NULL)
    add (checks, "card-read", _("Card read"), EKYC_VERDICT_FAIL,
         g_strdup (_("The front of the card was not captured.")));
  else if (!read)
    add (checks, "card-read", _("Card read"), EKYC_VERDICT_REVIEW,
         g_strdup_printf (_("%s The fields were typed by the teller."),
                          problem ? problem : ""));
  else if (problem != NULL)
    add (checks, "card-read", _("Card read"), EKYC_VERDICT_REVIEW, g_strdup (problem));
  else
    add (checks, "card-read", _("Card read"), EKYC_VERDICT_PASS,
         g_strdup (_("The card’s QR code was read and is consistent.")));

  parse_date (ekyc_verification_get_field (self, EKYC_CARD_FIELD_BIRTH_DATE), &birth);
  if (number == NULL || *number == '\0')
    add (checks, "id-number", _("ID number"), EKYC_VERDICT_FAIL,
         g_strdup (_("No ID number.")));
  else if (!ekyc_id_number_validate (number, ekyc_card_date_is_valid (&birth) ? &birth : NULL,
                                     g_strcmp0 (sex, "M") == 0 ? EKYC_ID_SEX_MALE
                                     : g_strcmp0 (sex, "F") == 0 ? EKYC_ID_SEX_FEMALE
                                     : EKYC_ID_SEX_UNKNOWN,
                                     NULL, &error))
    add (checks, "id-number", _("ID number"), EKYC_VERDICT_FAIL, g_strdup (error->message));
  else
    add (checks, "id-number", _("ID number"), EKYC_VERDICT_PASS,
         g_strdup (_("The number agrees with the date of birth and sex.")));

  now.year = g_date_time_get_year (dt);
  now.month = g_date_time_get_month (dt);
  now.day = g_date_time_get_day_of_month (dt);
  if (!parse_date (ekyc_verification_get_field (self, EKYC_CARD_FIELD_ISSUE_DATE), &issue)
      || !ekyc_card_date_is_valid (&birth)
      || !ekyc_card_compute_expiry (&birth, &issue, ekyc_card_law_for_issue_date (&issue),
                                    &expiry, NULL))
    add (checks, "card-validity", _("Card validity"), EKYC_VERDICT_REVIEW,
         g_strdup (_("The dates of birth and issue are missing or invalid.")));
  else if (ekyc_card_is_expired_on (&expiry, &now))
    add (checks, "card-validity", _("Card validity"), EKYC_VERDICT_FAIL,
         g_strdup (_("The card has expired.")));
  else
    add (checks, "card-validity", _("Card validity"), EKYC_VERDICT_PASS,
         g_strdup (_("The card is valid today.")));

  for (EkycCardField f = 0; f < EKYC_N_CARD_FIELDS; f++)
    if (ekyc_verification_get_original (self, f) != NULL && ekyc_verification_field_edited (self, f))
      g_string_append_printf (edited, "%s%s", edited->len ? ", " : "", ekyc_card_field_title (f));
  if (edited->len > 0)
    add (checks, "field-edits", _("Teller edits"), EKYC_VERDICT_REVIEW,
         g_strdup_printf (_("Changed from what the card says: %s."), edited->str));
  g_string_free (edited, TRUE);
}

static void
add_face_checks (EkycVerification *self, const EkycDecisionPolicy *policy, GPtrArray *checks)
{
  const EkycVerificationChip *chip = _ekyc_verification_chip (self);
  gboolean chip_face = ekyc_verification_get_chip_verified (self) && chip->analysis != NULL;
  /* a verified chip's portrait is the reference face */
  const EkycFaceAnalysis *card = chip_face ? chip->analysis
                                 : _ekyc_verification_analysis (self, EKYC_STEP_FRONT);
  const EkycFaceAnalysis *selfie = _ekyc_verification_analysis (self, EKYC_STEP_SELFIE);
  const char *card_error = _ekyc_verification_face_error (self, EKYC_STEP_FRONT);
  const char *selfie_error = _ekyc_verification_face_error (self, EKYC_STEP_SELFIE);
  double similarity = ekyc_verification_get_similarity (self);
  double threshold = ekyc_verification_get_match_threshold (self);
  double live_threshold = policy->liveness_threshold > 0 ? policy->liveness_threshold
                          : _ekyc_verification_liveness_threshold (self);
  gboolean active_passed = FALSE;
  const char *active_detail = NULL;

  if (card == NULL || selfie == NULL)
    add (checks, "face-match", _("Face match"), EKYC_VERDICT_FAIL,
         g_strdup (card == NULL ? (card_error ? card_error : _("No portrait on the card."))
                   : (selfie_error ? selfie_error : _("No selfie."))));
  else if (similarity >= threshold && chip_face)
    add (checks, "face-match", _("Face match"), EKYC_VERDICT_PASS,
         g_strdup_printf (_("Similarity %.2f to the chip’s photo, threshold %.2f."), similarity,
                          threshold));
  else if (similarity >= threshold)
    add (checks, "face-match", _("Face match"), EKYC_VERDICT_PASS,
         g_strdup_printf (_("Similarity %.2f, threshold %.2f."), similarity, threshold));
  else if (similarity >= threshold - policy->review_margin)
    add (checks, "face-match", _("Face match"), EKYC_VERDICT_REVIEW,
         g_strdup_printf (_("Similarity %.2f is just below the threshold %.2f."),
                          similarity, threshold));
  else
    add (checks, "face-match", _("Face match"), EKYC_VERDICT_FAIL,
         g_strdup_printf (_("Similarity %.2f is below the threshold %.2f: not the same person."),
                          similarity, threshold));

  if (selfie == NULL || !selfie->has_liveness)
    add (checks, "passive-liveness", _("Liveness (passive)"), EKYC_VERDICT_FAIL,
         g_strdup (_("No selfie was analysed.")));
  else if (selfie->liveness.score >= live_threshold)
    add (checks, "passive-liveness", _("Liveness (passive)"), EKYC_VERDICT_PASS,
         g_strdup_printf (_("Score %.2f, threshold %.2f."), selfie->liveness.score,
                          live_threshold));
  else
    add (checks, "passive-liveness", _("Liveness (passive)"), EKYC_VERDICT_FAIL,
         g_strdup_printf (_("Score %.2f is below %.2f: a photo or a screen, not a live person."),
                          selfie->liveness.score, live_threshold));

  if (_ekyc_verification_active (self, &active_passed, &active_detail))
    add (checks, "active-liveness", _("Liveness (challenges)"),
         active_passed ? EKYC_VERDICT_PASS : EKYC_VERDICT_FAIL,
         g_strdup (active_detail ? active_detail : ""));
  else
    add (checks, "active-liveness", _("Liveness (challenges)"),
         policy->require_active_liveness ? EKYC_VERDICT_REVIEW : EKYC_VERDICT_NOT_CHECKED,
         g_strdup (_("The live challenges were not performed (still image or imported file).")));

  if (selfie != NULL && selfie->quality.problems != EKYC_QUALITY_OK)
    {
      GString *s = g_string_new (NULL);

      for (guint bit = 1; bit <= EKYC_QUALITY_EYES_CLOSED; bit <<= 1)
        if (selfie->quality.problems & bit)
          g_string_append_printf (s, "%s%s", s->len ? " " : "", ekyc_quality_flag_advice (bit));
      add (checks, "selfie-quality", _("Selfie quality"), EKYC_VERDICT_REVIEW,
           g_string_free (s, FALSE));
    }
}

void
_ekyc_verification_add_checks (EkycVerification *self, const EkycDecisionPolicy *policy,
                               GPtrArray *checks)
{
  gboolean card_found = FALSE;

  add_card_checks (self, checks);
  if (!_ekyc_verification_back (self, &card_found))
    add (checks, "card-back", _("Card back"), policy->require_back ? EKYC_VERDICT_REVIEW
                                                                    : EKYC_VERDICT_NOT_CHECKED,
         g_strdup (_("The back of the card was not captured.")));
  else
    add (checks, "card-back", _("Card back"), card_found ? EKYC_VERDICT_PASS : EKYC_VERDICT_REVIEW,
         g_strdup (card_found ? _("Captured.") : _("Captured, but no card was found in it.")));
  _ekyc_verification_add_chip_checks (self, policy, checks);
  add_face_checks (self, policy, checks);
}

const char *
ekyc_verification_check_title (const char *id)
{
  static const struct { const char *id, *title; } titles[] = {
    { "card-read", N_("Card read") },
    { "id-number", N_("ID number") },
    { "card-validity", N_("Card validity") },
    { "field-edits", N_("Teller edits") },
    { "face-match", N_("Face match") },
    { "passive-liveness", N_("Liveness (passive)") },
    { "active-liveness", N_("Liveness (challenges)") },
    { "selfie-quality", N_("Selfie quality") },
    { "card-back", N_("Card back") },
    { "chip", N_("Chip") },
    { "chip-agreement", N_("Chip and card") },
  };

  g_return_val_if_fail (id != NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].id, id))
      return _(titles[i].title);
  return id;
}
