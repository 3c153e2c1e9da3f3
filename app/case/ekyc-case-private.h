/* ekyc-case-private.h — what the store needs to rebuild a saved case
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "ekyc-case.h"

G_BEGIN_DECLS

EkycCase *_ekyc_case_new_with_id       (const char *id, GDateTime *created_at, const char *teller);
/* Restores a field as saved: current value and source, and the reader's original. */
void      _ekyc_case_restore_field     (EkycCase        *self,
                                        const char      *name,
                                        const char      *value,
                                        EkycFieldSource  source,
                                        const char      *original,
                                        EkycFieldSource  original_source);
gboolean  _ekyc_case_get_field_info    (EkycCase         *self,
                                        guint             index,
                                        const char      **name,
                                        const char      **value,
                                        EkycFieldSource  *source,
                                        const char      **original,
                                        EkycFieldSource  *original_source);
void      _ekyc_case_restore_edit      (EkycCase *self, const EkycFieldEdit *edit);
void      _ekyc_case_set_review        (EkycCase        *self,
                                        EkycReviewState  state,
                                        const char      *reviewer,
                                        const char      *note,
                                        GDateTime       *at);
void      _ekyc_case_set_sync_state    (EkycCase *self, EkycSyncState state);
void      _ekyc_case_set_evidence_purged (EkycCase *self, gboolean purged);
/* Also sets evidence-purged (to @at != NULL). */
void      _ekyc_case_set_evidence_purged_at (EkycCase *self, GDateTime *at);
void      _ekyc_case_clear_similarity  (EkycCase *self);
void      _ekyc_case_clear_passive_liveness (EkycCase *self);

G_END_DECLS
