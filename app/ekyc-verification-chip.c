/* ekyc-verification-chip.c — the chip of a verification: its fields join the card's, its
 * portrait becomes the reference face, and the checks say what it proved
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-verification"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ekyc-verification-private.h"

void
_ekyc_verification_chip_clear (EkycVerificationChip *chip)
{
  g_clear_pointer (&chip->document, ekyc_chip_document_free);
  g_clear_pointer (&chip->problem, g_free);
  g_clear_pointer (&chip->face, ekyc_image_unref);
  g_clear_pointer (&chip->analysis, g_free);
  g_clear_pointer (&chip->face_error, g_free);
  g_clear_pointer (&chip->reading, ekyc_card_reading_free);
}

/* What the worker found in the portrait. */
typedef struct {
  EkycChipDocument *document;
  EkycEngine       *engine;
  EkycImage        *face;
  EkycFaceAnalysis *analysis;
  char             *face_error;
} ChipResult;

static void
chip_result_free (ChipResult *r)
{
  g_clear_pointer (&r->document, ekyc_chip_document_free);
  g_clear_pointer (&r->face, ekyc_image_unref);
  g_free (r->analysis);
  g_free (r->face_error);
  g_free (r);
}

static void
portrait_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ChipResult *r = task_data;
  const EkycChipPortrait *portrait = &r->document->portrait;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = NULL;
  gsize length = 0;
  const guint8 *bytes;

  if (portrait->image == NULL || r->engine == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  bytes = g_bytes_get_data (portrait->image, &length);
  image = ekyc_image_new_from_encoded (bytes, length, &error);
  if (image != NULL)
    {
      r->analysis = g_new0 (EkycFaceAnalysis, 1);
      if (ekyc_engine_analyze_face (r->engine, image, EKYC_FACE_SOURCE_DOCUMENT, r->analysis,
                                    &error))
        r->face = ekyc_engine_align_face (r->engine, image, &r->analysis->landmarks, NULL);
      else
        g_clear_pointer (&r->analysis, g_free);
    }
  if (error != NULL)
    /* Translators: %s says why the face was not found in the chip's photo */
    r->face_error = g_strdup_printf (_("The chip’s photo could not be used: %s"),
                                     error->message);
  g_task_return_boolean (task, TRUE);
}

void
ekyc_verification_set_chip_async (EkycVerification   *self,
                                  EkycEngine         *engine,
                                  EkycChipDocument   *document,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  ChipResult *r;

  g_return_if_fail (EKYC_IS_VERIFICATION (self));
  g_return_if_fail (document != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ekyc_verification_set_chip_async);
  r = g_new0 (ChipResult, 1);
  r->document = document;
  r->engine = engine;
  g_task_set_task_data (task, r, (GDestroyNotify) chip_result_free);
  g_task_run_in_thread (task, portrait_thread);
}

gboolean
ekyc_verification_set_chip_finish (EkycVerification *self, GAsyncResult *result,
                                   GError **error)
{
  EkycVerificationChip *chip;
  ChipResult *r;

  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  r = g_task_get_task_data (G_TASK (result));
  chip = _ekyc_verification_chip (self);
  _ekyc_verification_chip_clear (chip);
  chip->document = g_steal_pointer (&r->document);
  chip->face = g_steal_pointer (&r->face);
  chip->analysis = g_steal_pointer (&r->analysis);
  chip->face_error = g_steal_pointer (&r->face_error);
  _ekyc_verification_remerge (self);
  return TRUE;
}

void
ekyc_verification_set_chip_problem (EkycVerification *self, const char *problem)
{
  EkycVerificationChip *chip;

  g_return_if_fail (EKYC_IS_VERIFICATION (self));
  chip = _ekyc_verification_chip (self);
  if (g_strcmp0 (chip->problem, problem) == 0)
    return;
  g_free (chip->problem);
  chip->problem = g_strdup (problem);
  _ekyc_verification_remerge (self);
}

const char *
ekyc_verification_get_chip_problem (EkycVerification *self)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NULL);
  return _ekyc_verification_chip (self)->problem;
}

const EkycChipDocument *
ekyc_verification_get_chip (EkycVerification *self)
{
  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NULL);
  return _ekyc_verification_chip (self)->document;
}

gboolean
ekyc_verification_get_chip_verified (EkycVerification *self)
{
  const EkycChipDocument *document;

  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), FALSE);
  document = _ekyc_verification_chip (self)->document;
  return document != NULL && document->passive.result == EKYC_CHIP_PA_OK;
}

EkycImage *
ekyc_verification_get_reference_face (EkycVerification *self)
{
  EkycVerificationChip *chip;

  g_return_val_if_fail (EKYC_IS_VERIFICATION (self), NULL);
  chip = _ekyc_verification_chip (self);
  if (ekyc_verification_get_chip_verified (self) && chip->face != NULL)
    return chip->face;
  return ekyc_verification_get_face (self, EKYC_STEP_FRONT);
}

/* ---- the checks ---------------------------------------------------------------------------- */

static const char *
chip_check_state (EkycChipCheck check)
{
  switch (check)
    {
    case EKYC_CHIP_CHECK_PASSED: return _("passed");
    case EKYC_CHIP_CHECK_FAILED: return _("failed");
    case EKYC_CHIP_CHECK_NOT_RUN:
    default: return _("not performed");
    }
}

/* The data was changed or the signature is false: a forgery. Anything else (the country's CSCA
 * is not in the trust store, a certificate expired) is for a person to judge. */
static gboolean
passive_proves_forgery (EkycChipPassiveResult result)
{
  return result == EKYC_CHIP_PA_SOD_INVALID || result == EKYC_CHIP_PA_HASH_MISMATCH
         || result == EKYC_CHIP_PA_HASH_MISSING || result == EKYC_CHIP_PA_SIGNATURE_INVALID;
}

static void
add_proof_check (EkycVerification *self, const EkycDecisionPolicy *policy, GPtrArray *checks)
{
  EkycVerificationChip *chip = _ekyc_verification_chip (self);
  const EkycChipDocument *doc = chip->document;
  g_autofree char *proven = NULL;

  if (doc == NULL)
    {
      _ekyc_verification_add_check (checks, "chip", _("Chip"),
                                    policy->require_chip ? EKYC_VERDICT_REVIEW
                                                          : EKYC_VERDICT_NOT_CHECKED,
                                    g_strdup (chip->problem ? chip->problem
                                              : _("The chip was not read.")));
      return;
    }
  /* Translators: what the chip proved; the first %s is "PACE" or "BAC", the others "passed",
   * "failed" or "not performed" */
  proven = g_strdup_printf (_("Access: %s. Chip authentication: %s. Active authentication: %s."),
                            doc->access == EKYC_CHIP_ACCESS_PACE ? "PACE"
                            : doc->access == EKYC_CHIP_ACCESS_BAC ? "BAC" : "—",
                            chip_check_state (doc->chip_auth), chip_check_state (doc->active_auth));
  if (doc->chip_auth == EKYC_CHIP_CHECK_FAILED || doc->active_auth == EKYC_CHIP_CHECK_FAILED)
    _ekyc_verification_add_check (checks, "chip", _("Chip"), EKYC_VERDICT_FAIL,
                                  g_strdup_printf (_("The chip may be a copy: it failed to "
                                                     "prove its key. %s"), proven));
  else if (doc->passive.result == EKYC_CHIP_PA_OK)
    _ekyc_verification_add_check (checks, "chip", _("Chip verified"), EKYC_VERDICT_PASS,
                                  /* Translators: %u data groups, the CSCA's name, then what else
                                   * was proven */
                                  g_strdup_printf (_("Passive authentication: %u data groups "
                                                     "signed by the issuing state (CSCA %s). %s"),
                                                   doc->passive.hashes_checked,
                                                   doc->passive.csca_subject
                                                   ? doc->passive.csca_subject : "?",
                                                   proven));
  else
    _ekyc_verification_add_check (checks, "chip", _("Chip"),
                                  passive_proves_forgery (doc->passive.result)
                                  ? EKYC_VERDICT_FAIL : EKYC_VERDICT_REVIEW,
                                  /* Translators: %s is a result code (e.g. "csca-unknown"), then
                                   * its English detail, then what else was proven */
                                  g_strdup_printf (_("Passive authentication failed (%s: %s): the "
                                                     "chip’s data is not trusted. %s"),
                                                   ekyc_chip_passive_result_name (
                                                     doc->passive.result),
                                                   doc->passive.detail ? doc->passive.detail : "",
                                                   proven));
}

/* The engine's chip-agrees-* checks: a verified chip that disagrees with the QR or the MRZ
 * means the card was altered (FAIL); with the print it may be the OCR (REVIEW). */
static void
add_agreement_check (EkycVerification *self, GPtrArray *checks)
{
  EkycVerificationChip *chip = _ekyc_verification_chip (self);
  g_autoptr(GString) differ = g_string_new (NULL);
  g_autoptr(GString) agree = g_string_new (NULL);
  gboolean code_differs = FALSE;

  if (chip->document == NULL || chip->reading == NULL)
    return;
  for (guint i = 0; i < chip->reading->checks->len; i++)
    {
      const EkycCardCheck *c = &g_array_index (chip->reading->checks, EkycCardCheck, i);
      const char *source;

      if (!g_str_has_prefix (c->name, "chip-agrees-"))
        continue;
      source = c->name + strlen ("chip-agrees-");
      if (c->passed)
        g_string_append_printf (agree, "%s%s", agree->len ? ", " : "", source);
      else
        {
          g_string_append_printf (differ, "%s%s", differ->len ? "; " : "", c->detail);
          code_differs |= !g_str_equal (source, "printed");
        }
    }
  if (differ->len > 0)
    _ekyc_verification_add_check (checks, "chip-agreement", _("Chip and card"),
                                  code_differs && ekyc_verification_get_chip_verified (self)
                                  ? EKYC_VERDICT_FAIL : EKYC_VERDICT_REVIEW,
                                  /* Translators: %s lists the fields that differ (English) */
                                  g_strdup_printf (_("The chip and the card differ: %s."),
                                                   differ->str));
  else if (agree->len > 0)
    _ekyc_verification_add_check (checks, "chip-agreement", _("Chip and card"),
                                  EKYC_VERDICT_PASS,
                                  /* Translators: %s lists sources: qr, mrz, printed */
                                  g_strdup_printf (_("Every field agrees, field by field (%s)."),
                                                   agree->str));
}

void
_ekyc_verification_add_chip_checks (EkycVerification *self, const EkycDecisionPolicy *policy,
                                    GPtrArray *checks)
{
  add_proof_check (self, policy, checks);
  add_agreement_check (self, checks);
}
