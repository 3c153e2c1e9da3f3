/* ekyc-verification-private.h — what the decision rules read of a verification
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-verification.h"

G_BEGIN_DECLS

/* What the chip gave (ekyc-verification-chip.c). */
typedef struct {
  EkycChipDocument *document;
  char             *problem;     /* why it was not read */
  EkycImage        *face;        /* the aligned face of its DG2 portrait */
  EkycFaceAnalysis *analysis;    /* of the DG2 portrait; NULL when no face was found */
  char             *face_error;
  EkycCardReading  *reading;     /* the last merge with the chip: its chip-* checks */
} EkycVerificationChip;

EkycVerificationChip *_ekyc_verification_chip (EkycVerification *self);
void _ekyc_verification_chip_clear (EkycVerificationChip *chip);
/* Merges the sides again (with the chip) and emits "changed". */
void _ekyc_verification_remerge (EkycVerification *self);
void _ekyc_verification_add_chip_checks (EkycVerification *self, const EkycDecisionPolicy *policy,
                                         GPtrArray *checks);
void _ekyc_verification_add_check (GPtrArray *checks, const char *id, const char *title,
                                   EkycVerdict outcome, char *detail);

void _ekyc_verification_add_checks (EkycVerification *self, const EkycDecisionPolicy *policy,
                                    GPtrArray *checks);

const EkycFaceAnalysis *_ekyc_verification_analysis (EkycVerification *self, EkycStep step);
const char *_ekyc_verification_face_error (EkycVerification *self, EkycStep step);
const char *_ekyc_verification_card_problem (EkycVerification *self, gboolean *read);
gboolean    _ekyc_verification_back (EkycVerification *self, gboolean *card_found);
gboolean    _ekyc_verification_active (EkycVerification *self, gboolean *passed,
                                       const char **detail);
float       _ekyc_verification_liveness_threshold (EkycVerification *self);
/* Takes @value (transfer full) as the field the card gave (and its value until edited). */
void        _ekyc_verification_set_read_field (EkycVerification *self, EkycCardField field,
                                               char *value);

/* ekyc-verification-card.c: one card side through the card reader and, on a back, the MRZ
 * reader; for worker threads. (transfer full) (nullable) */
EkycCardSideReading *_ekyc_verification_read_side (EkycImage *image, GError **error);
/* Merges the sides read (and the chip, nullable) into the fields, their sources in @sources;
 * @problem (transfer full) says what disagrees or why nothing was read; @reading_out
 * (transfer full, optional) the merged reading. Returns whether the card's ID number was read. */
gboolean    _ekyc_verification_merge_sides (EkycVerification          *self,
                                            const EkycCardSideReading *front,
                                            const EkycCardSideReading *back,
                                            const EkycChipDocument    *chip,
                                            EkycCardSource            *sources,
                                            char                     **problem,
                                            EkycCardReading          **reading_out);

G_END_DECLS
