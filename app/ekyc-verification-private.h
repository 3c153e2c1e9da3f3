/* ekyc-verification-private.h — what the decision rules read of a verification
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-verification.h"

G_BEGIN_DECLS

void _ekyc_verification_add_checks (EkycVerification *self, const EkycDecisionPolicy *policy,
                                    GPtrArray *checks);

const EkycFaceAnalysis *_ekyc_verification_analysis (EkycVerification *self, EkycStep step);
const char *_ekyc_verification_face_error (EkycVerification *self, EkycStep step);
const char *_ekyc_verification_card_problem (EkycVerification *self, gboolean *read);
gboolean    _ekyc_verification_back (EkycVerification *self, gboolean *card_found);
gboolean    _ekyc_verification_active (EkycVerification *self, gboolean *passed,
                                       const char **detail);
float       _ekyc_verification_liveness_threshold (EkycVerification *self);

G_END_DECLS
