/* ekyc-verification.c — one verification in progress: card sides, selfie, fields, checks, decision
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-verification"
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "ekyc-verification-private.h"

typedef struct {
  EkycImage        *image;
  EkycImage        *face;
  EkycFaceAnalysis *analysis;   /* NULL when no face was analysed */
  char             *face_error;
  gboolean          analysed;
} StepState;

struct _EkycVerification
{
  GObject   parent_instance;

  StepState steps[3];
  char     *fields[EKYC_N_CARD_FIELDS];
  char     *originals[EKYC_N_CARD_FIELDS];
  EkycCardSource sources[EKYC_N_CARD_FIELDS];
  EkycVerificationChip chip;
  char     *card_problem;       /* why the card gave no fields, or disagrees; NULL when fine */
  EkycCardSideReading *sides[2]; /* the front and the back as the card reader saw them */
  gboolean  card_read;
  gboolean  card_found_on_back;
  EkycEngine *engine;         /* borrowed: the engine outlives every verification */
  double    match_threshold;
  float     liveness_threshold;

  gboolean  active_done;
  gboolean  active_passed;
  char     *active_detail;

  GPtrArray       *checks;
  EkycVerdict decision;
};

G_DEFINE_FINAL_TYPE (EkycVerification, ekyc_verification, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
ekyc_check_free (EkycCheck *check)
{
  g_free (check->id);
  g_free (check->title);
  g_free (check->detail);
  g_free (check);
}

static void
step_state_clear (StepState *s)
{
  g_clear_pointer (&s->image, ekyc_image_unref);
  g_clear_pointer (&s->face, ekyc_image_unref);
  g_clear_pointer (&s->analysis, g_free);
  g_clear_pointer (&s->face_error, g_free);
  s->analysed = FALSE;
}

static void
ekyc_verification_finalize (GObject *object)
{
  EkycVerification *self = EKYC_VERIFICATION (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->steps); i++)
    step_state_clear (&self->steps[i]);
  for (guint i = 0; i < EKYC_N_CARD_FIELDS; i++)
    {
      g_free (self->fields[i]);
      g_free (self->originals[i]);
    }
  g_free (self->card_problem);
  g_clear_pointer (&self->sides[0], ekyc_card_side_reading_free);
  g_clear_pointer (&self->sides[1], ekyc_card_side_reading_free);
  g_free (self->active_detail);
  _ekyc_verification_chip_clear (&self->chip);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (ekyc_verification_parent_class)->finalize (object);
}

static void
ekyc_verification_class_init (EkycVerificationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ekyc_verification_finalize;
  /* Emitted when evidence, fields or the decision changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ekyc_verification_init (EkycVerification *self)
{
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_check_free);
  self->match_threshold = NAN;
  self->decision = EKYC_VERDICT_REVIEW;
}

EkycVerification *
ekyc_verification_new (void)
{
  return g_object_new (EKYC_TYPE_VERIFICATION, NULL);
}

/* What the worker thread found; applied to the object on the main thread. */
typedef struct {
  EkycStep          step;
  EkycImage        *image;
  EkycImage        *face;
  EkycFaceAnalysis *analysis;
  char             *face_error;
  EkycCardQr       *qr;
  EkycCardSideReading *side;
  char             *card_problem;
  gboolean          card_found;
  double            match_threshold;
  float             liveness_threshold;
} StepResult;

static void
step_result_free (StepResult *r)
{
  g_clear_pointer (&r->image, ekyc_image_unref);
  g_clear_pointer (&r->face, ekyc_image_unref);
  g_free (r->analysis);
  g_free (r->face_error);
  g_clear_pointer (&r->qr, ekyc_card_qr_free);
  g_clear_pointer (&r->side, ekyc_card_side_reading_free);
  g_free (r->card_problem);
  g_free (r);
}

static void
today (EkycCardDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  date->year = g_date_time_get_year (now);
  date->month = g_date_time_get_month (now);
  date->day = g_date_time_get_day_of_month (now);
}

static void
read_card_qr (StepResult *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = ekyc_qr_decode (r->image, &error);
  EkycCardQrProblem problem = EKYC_CARD_QR_PROBLEM_NONE;
  EkycCardDate now;

  if (codes == NULL)
    {
      r->card_problem = g_strdup (error->message);
      return;
    }
  if (codes->len == 0)
    {
      r->card_problem = g_strdup (_("The card’s QR code was not found or could not be read."));
      return;
    }
  today (&now);
  for (guint i = 0; i < codes->len && r->qr == NULL; i++)
    {
      EkycQrCode *code = g_ptr_array_index (codes, i);

      g_clear_error (&error);
      r->qr = ekyc_card_qr_parse (code->data, code->length, &now, &problem, &error);
    }
  if (r->qr == NULL)
    r->card_problem = g_strdup (error ? error->message : _("The QR code is not an ID card’s."));
  else if (problem != EKYC_CARD_QR_PROBLEM_NONE)
    r->card_problem = g_strdup_printf (_("The card’s QR code has a problem: %s"),
                                       ekyc_card_qr_problem_name (problem));
}

static void
analyse_face (EkycEngine *engine, StepResult *r, EkycFaceSource source)
{
  g_autoptr(GError) error = NULL;

  r->analysis = g_new0 (EkycFaceAnalysis, 1);
  if (!ekyc_engine_analyze_face (engine, r->image, source, r->analysis, &error))
    {
      g_clear_pointer (&r->analysis, g_free);
      r->face_error = g_strdup (error->message);
      return;
    }
  r->face = ekyc_engine_align_face (engine, r->image, &r->analysis->landmarks, NULL);
}

static void
submit_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  StepResult *r = task_data;
  EkycEngine *engine = g_object_get_data (G_OBJECT (task), "engine");
  g_autoptr(GError) error = NULL;

  r->match_threshold = ekyc_engine_match_threshold (engine, EKYC_DEFAULT_FMR);
  r->liveness_threshold = ekyc_engine_liveness_threshold (engine);
  switch (r->step)
    {
    case EKYC_STEP_FRONT:
      analyse_face (engine, r, EKYC_FACE_SOURCE_DOCUMENT);
      r->side = _ekyc_verification_read_side (r->image, &error);
      if (r->side == NULL)
        {
          /* Not read as a card: its QR code alone may still give the fields. */
          g_debug ("front not read: %s", error->message);
          read_card_qr (r);
          if (r->qr == NULL)
            {
              g_free (r->card_problem);
              r->card_problem = g_strdup (error->message);
            }
        }
      break;
    case EKYC_STEP_BACK:
      r->side = _ekyc_verification_read_side (r->image, &error);
      if (r->side == NULL)
        {
          EkycCardDetection det;

          g_debug ("back not read: %s", error->message);
          r->card_found = ekyc_card_detect (r->image, &det, NULL) && det.found;
        }
      else
        r->card_found = TRUE;
      break;
    case EKYC_STEP_SELFIE:
      analyse_face (engine, r, EKYC_FACE_SOURCE_SELFIE);
      break;
    default:
      g_assert_not_reached ();
    }
  g_task_return_boolean (task, TRUE);
}

void
ekyc_verification_submit_async (EkycVerification   *self,
                                EkycEngine         *engine,
                                EkycStep            step,
                                EkycImage          *image,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  StepResult *r;

  g_return_if_fail (EKYC_IS_VERIFICATION (self));
  g_return_if_fail (image != NULL);
  g_return_if_fail (step <= EKYC_STEP_SELFIE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ekyc_verification_submit_async);
  r = g_new0 (StepResult, 1);
  r->step = step;
  r->image = ekyc_image_ref (image);
  g_task_set_task_data (task, r, (GDestroyNotify) step_result_free);
  if (engine == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The face models are still loading or failed to load."));
      return;
    }
  self->engine = engine;
  g_object_set_data (G_OBJECT (task), "engine", engine);
  g_task_run_in_thread (task, submit_thread);
}

void
_ekyc_verification_set_read_field (EkycVerification *self, EkycCardField field, char *value)
{
  g_free (self->originals[field]);
  self->originals[field] = value;
  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
}

static char *
format_date (const EkycCardDate *d)
{
  if (!ekyc_card_date_is_valid (d))
    return NULL;
  return g_strdup_printf ("%02d/%02d/%04d", d->day, d->month, d->year);
}

static void
apply_qr (EkycVerification *self, const EkycCardQr *qr)
{
  EkycCardExpiry expiry;

  _ekyc_verification_set_read_field (self, EKYC_CARD_FIELD_ID_NUMBER, g_strdup (qr->id_number));
  _ekyc_verification_set_read_field (self, EKYC_CARD_FIELD_OLD_ID_NUMBER, g_strdup (qr->old_id_number));
  _ekyc_verification_set_read_field (self, EKYC_CARD_FIELD_FULL_NAME, g_strdup (qr->full_name));
  _ekyc_verification_set_read_field (self, EKYC_CARD_FIELD_BIRTH_DATE, format_date (&qr->birth_date));
  _ekyc_verification_set_read_field (self, EKYC_CARD_FIELD_SEX,
                  g_strdup (qr->sex == EKYC_ID_SEX_MALE ? "M"
                            : qr->sex == EKYC_ID_SEX_FEMALE ? "F" : NULL));
  _ekyc_verification_set_read_field (self, EKYC_CARD_FIELD_RESIDENCE, g_strdup (qr->residence));
  _ekyc_verification_set_read_field (self, EKYC_CARD_FIELD_ISSUE_DATE, format_date (&qr->issue_date));
  if (ekyc_card_compute_expiry (&qr->birth_date, &qr->issue_date,
                                ekyc_card_law_for_issue_date (&qr->issue_date), &expiry, NULL))
    _ekyc_verification_set_read_field (self, EKYC_CARD_FIELD_EXPIRY_DATE,
                    expiry.no_expiry ? g_strdup (_("No expiry")) : format_date (&expiry.expiry));
}

/* The fields from the sides read so far and the chip (or @qr alone when nothing else). */
static void
merge_card (EkycVerification *self, const EkycCardQr *qr, const char *qr_problem)
{
  for (guint i = 0; i < EKYC_N_CARD_FIELDS; i++)
    {
      g_clear_pointer (&self->fields[i], g_free);
      g_clear_pointer (&self->originals[i], g_free);
      self->sources[i] = EKYC_CARD_SOURCE_NONE;
    }
  g_clear_pointer (&self->card_problem, g_free);
  g_clear_pointer (&self->chip.reading, ekyc_card_reading_free);
  if (self->sides[0] != NULL || self->sides[1] != NULL || self->chip.document != NULL)
    self->card_read = _ekyc_verification_merge_sides (self, self->sides[0], self->sides[1],
                                                      self->chip.document, self->sources,
                                                      &self->card_problem, &self->chip.reading);
  else
    {
      self->card_read = qr != NULL;
      if (qr != NULL)
        {
          apply_qr (self, qr);
          for (guint i = 0; i < EKYC_N_CARD_FIELDS; i++)
            self->sources[i] = self->fields[i] ? EKYC_CARD_SOURCE_QR : EKYC_CARD_SOURCE_NONE;
        }
      self->card_problem = g_strdup (qr_problem);
    }
}

static void
apply_card (EkycVerification *self, StepResult *r)
{
  if (r->side != NULL)
    {
      guint slot = r->side->side == EKYC_CARD_SIDE_BACK ? 1
                   : r->side->side == EKYC_CARD_SIDE_FRONT ? 0 : r->step == EKYC_STEP_BACK;

      g_clear_pointer (&self->sides[slot], ekyc_card_side_reading_free);
      self->sides[slot] = g_steal_pointer (&r->side);
    }
  else
    g_clear_pointer (&self->sides[0], ekyc_card_side_reading_free);
  merge_card (self, r->qr, r->card_problem);
}

void
_ekyc_verification_remerge (EkycVerification *self)
{
  /* without sides the QR-only fields stay: the chip joins them only through a merge */
  if (self->sides[0] != NULL || self->sides[1] != NULL || self->chip.document != NULL)
    merge_card (self, NULL, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

EkycVerificationChip *
_ekyc_verification_chip (EkycVerification *self)
{
  return &self->chip;
}

EkycCardSource
ekyc_verification_get_field_source (EkycVerification *self, EkycCardField field)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), EKYC_CARD_SOURCE_NONE);
  g_return_val_if_fail (field < EKYC_N_CARD_FIELDS, EKYC_CARD_SOURCE_NONE);
  return self->sources[field];
}

gboolean
ekyc_verification_get_chip_key (EkycVerification *self, EkycChipKey *key)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  for (int i = 1; i >= 0; i--)
    if (self->sides[i] != NULL && self->sides[i]->mrz != NULL && self->sides[i]->mrz->valid)
      {
        ekyc_chip_key_from_mrz (self->sides[i]->mrz, key);
        return TRUE;
      }
  return FALSE;
}

gboolean
ekyc_verification_submit_finish (EkycVerification *self, GAsyncResult *result, GError **error)
{
  StepResult *r;
  StepState *s;

  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  r = g_task_get_task_data (G_TASK (result));
  s = &self->steps[r->step];
  step_state_clear (s);
  s->image = ekyc_image_ref (r->image);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      g_signal_emit (self, signals[CHANGED], 0);
      return FALSE;
    }
  s->analysed = TRUE;
  s->analysis = g_steal_pointer (&r->analysis);
  s->face = g_steal_pointer (&r->face);
  s->face_error = g_strdup (r->face_error);
  self->match_threshold = r->match_threshold;
  self->liveness_threshold = r->liveness_threshold;
  if (r->step == EKYC_STEP_BACK)
    self->card_found_on_back = r->card_found;
  if (r->side != NULL || r->step == EKYC_STEP_FRONT)
    apply_card (self, r);
  g_signal_emit (self, signals[CHANGED], 0);

  if (r->face_error != NULL && r->step != EKYC_STEP_BACK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, r->face_error);
      return FALSE;
    }
  return TRUE;
}

EkycImage *
ekyc_verification_get_image (EkycVerification *self, EkycStep step)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NULL);
  g_return_val_if_fail (step <= EKYC_STEP_SELFIE, NULL);
  return self->steps[step].image;
}

EkycImage *
ekyc_verification_get_face (EkycVerification *self, EkycStep step)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NULL);
  g_return_val_if_fail (step <= EKYC_STEP_SELFIE, NULL);
  return self->steps[step].face;
}

const char *
ekyc_verification_get_field (EkycVerification *self, EkycCardField field)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NULL);
  g_return_val_if_fail (field < EKYC_N_CARD_FIELDS, NULL);
  return self->fields[field];
}

const char *
ekyc_verification_get_original (EkycVerification *self, EkycCardField field)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NULL);
  g_return_val_if_fail (field < EKYC_N_CARD_FIELDS, NULL);
  return self->originals[field];
}

void
ekyc_verification_set_field (EkycVerification *self, EkycCardField field, const char *value)
{
  g_return_if_fail (EKYC_IS_VERIFICATION (self));
  g_return_if_fail (field < EKYC_N_CARD_FIELDS);

  if (g_strcmp0 (self->fields[field], value) == 0)
    return;
  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
ekyc_verification_field_edited (EkycVerification *self, EkycCardField field)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), FALSE);
  g_return_val_if_fail (field < EKYC_N_CARD_FIELDS, FALSE);
  return g_strcmp0 (self->fields[field] ? self->fields[field] : "",
                    self->originals[field] ? self->originals[field] : "") != 0;
}

const char *
ekyc_card_field_title (EkycCardField field)
{
  static const char *titles[EKYC_N_CARD_FIELDS] = {
    N_("ID number"), N_("Full name"), N_("Date of birth"), N_("Sex"),
    N_("Place of residence"), N_("Date of issue"), N_("Valid until"), N_("Old ID number"),
  };

  g_return_val_if_fail (field < EKYC_N_CARD_FIELDS, NULL);
  return _(titles[field]);
}

const char *
ekyc_card_field_name (EkycCardField field)
{
  static const char *names[EKYC_N_CARD_FIELDS] = {
    "id_number", "full_name", "birth_date", "sex", "residence", "issue_date", "expiry_date",
    "old_id_number",
  };

  g_return_val_if_fail (field < EKYC_N_CARD_FIELDS, NULL);
  return names[field];
}

void
ekyc_verification_set_active_liveness (EkycVerification *self, gboolean done, gboolean passed,
                                       const char *detail)
{
  g_return_if_fail (EKYC_IS_VERIFICATION (self));

  self->active_done = done;
  self->active_passed = passed;
  g_free (self->active_detail);
  self->active_detail = g_strdup (detail);
  g_signal_emit (self, signals[CHANGED], 0);
}

double
ekyc_verification_get_similarity (EkycVerification *self)
{
  const EkycFaceAnalysis *card, *selfie;

  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NAN);
  card = self->steps[EKYC_STEP_FRONT].analysis;
  /* the chip's portrait is the state's own photo: it replaces the printed one */
  if (ekyc_verification_get_chip_verified (self) && self->chip.analysis != NULL)
    card = self->chip.analysis;
  selfie = self->steps[EKYC_STEP_SELFIE].analysis;
  if (card == NULL || selfie == NULL)
    return NAN;
  return ekyc_embedding_similarity (&card->embedding, &selfie->embedding);
}

double
ekyc_verification_get_match_threshold (EkycVerification *self)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NAN);
  return self->match_threshold;
}

double
ekyc_verification_get_liveness_score (EkycVerification *self)
{
  const EkycFaceAnalysis *selfie;

  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NAN);
  selfie = self->steps[EKYC_STEP_SELFIE].analysis;
  return selfie != NULL && selfie->has_liveness ? selfie->liveness.score : NAN;
}

GPtrArray *
ekyc_verification_get_checks (EkycVerification *self)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NULL);
  return self->checks;
}

EkycVerdict
ekyc_verification_get_decision (EkycVerification *self)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), EKYC_VERDICT_FAIL);
  return self->decision;
}

const char *
ekyc_verdict_name (EkycVerdict outcome)
{
  switch (outcome)
    {
    case EKYC_VERDICT_PASS: return "pass";
    case EKYC_VERDICT_REVIEW: return "review";
    case EKYC_VERDICT_FAIL: return "fail";
    case EKYC_VERDICT_NOT_CHECKED: return "not-checked";
    default: return "unknown";
    }
}

const char *
ekyc_verdict_title (EkycVerdict outcome)
{
  switch (outcome)
    {
    case EKYC_VERDICT_PASS: return _("PASS");
    case EKYC_VERDICT_REVIEW: return _("REVIEW");
    case EKYC_VERDICT_FAIL: return _("FAIL");
    case EKYC_VERDICT_NOT_CHECKED: return _("Not checked");
    default: return "?";
    }
}

char *
ekyc_verification_dup_reasons (EkycVerification *self)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NULL);
  for (guint i = 0; i < self->checks->len; i++)
    {
      EkycCheck *c = g_ptr_array_index (self->checks, i);

      if (c->outcome == EKYC_VERDICT_PASS || c->outcome == EKYC_VERDICT_NOT_CHECKED)
        continue;
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append_printf (s, "%s: %s", c->title, c->detail);
    }
  return g_string_free (s, FALSE);
}

void
ekyc_verification_evaluate (EkycVerification *self, const EkycDecisionPolicy *policy)
{
  g_return_if_fail (EKYC_IS_VERIFICATION (self));
  g_return_if_fail (policy != NULL);

  if (policy->match_threshold > 0)
    self->match_threshold = policy->match_threshold;
  else if (self->engine != NULL)
    self->match_threshold = ekyc_engine_match_threshold (self->engine, policy->match_fmr);
  g_ptr_array_set_size (self->checks, 0);
  _ekyc_verification_add_checks (self, policy, self->checks);
  self->decision = EKYC_VERDICT_PASS;
  for (guint i = 0; i < self->checks->len; i++)
    {
      EkycCheck *c = g_ptr_array_index (self->checks, i);

      if (c->outcome != EKYC_VERDICT_NOT_CHECKED)
        self->decision = MAX (self->decision, c->outcome);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

const EkycFaceAnalysis *
_ekyc_verification_analysis (EkycVerification *self, EkycStep step)
{
  return self->steps[step].analysis;
}

const char *
_ekyc_verification_face_error (EkycVerification *self, EkycStep step)
{
  return self->steps[step].face_error;
}

const char *
_ekyc_verification_card_problem (EkycVerification *self, gboolean *read)
{
  *read = self->card_read;
  return self->card_problem;
}

gboolean
_ekyc_verification_back (EkycVerification *self, gboolean *card_found)
{
  *card_found = self->card_found_on_back;
  return self->steps[EKYC_STEP_BACK].image != NULL;
}

gboolean
_ekyc_verification_active (EkycVerification *self, gboolean *passed, const char **detail)
{
  *passed = self->active_passed;
  *detail = self->active_detail;
  return self->active_done;
}

float
_ekyc_verification_liveness_threshold (EkycVerification *self)
{
  return self->liveness_threshold;
}
