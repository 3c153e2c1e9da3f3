/* ekyc-result-page.h — the last step: fields, both faces, every check and the decision
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-verification.h"

G_BEGIN_DECLS

#define EKYC_TYPE_RESULT_PAGE (ekyc_result_page_get_type ())
G_DECLARE_FINAL_TYPE (EkycResultPage, ekyc_result_page, EKYC, RESULT_PAGE, AdwBin)

/* Shows @verification and re-evaluates it under @policy when the teller edits a field. */
void ekyc_result_page_set_verification (EkycResultPage           *self,
                                        EkycVerification         *verification,
                                        const EkycDecisionPolicy *policy);
EkycVerification *ekyc_result_page_get_verification (EkycResultPage *self);
/* The text of the field's entry (tests drive edits through it). */
GtkEditable *ekyc_result_page_get_field_editable (EkycResultPage *self, EkycCardField field);
/* The decision as the page shows it, for tests: "pass", "review" or "fail". */
const char  *ekyc_result_page_get_decision_name  (EkycResultPage *self);
/* Whether the case could be saved; a message otherwise. */
void         ekyc_result_page_set_saved          (EkycResultPage *self, gboolean saved,
                                                  const char *message);
/* (nullable): the save message shown under the decision, NULL when none is shown. */
const char  *ekyc_result_page_get_saved_message  (EkycResultPage *self);

G_END_DECLS
