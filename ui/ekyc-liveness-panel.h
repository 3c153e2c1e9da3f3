/* ekyc-liveness-panel.h — the active liveness challenge over the selfie preview
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-liveness-session.h"

G_BEGIN_DECLS

#define EKYC_TYPE_LIVENESS_PANEL (ekyc_liveness_panel_get_type ())
G_DECLARE_FINAL_TYPE (EkycLivenessPanel, ekyc_liveness_panel, EKYC, LIVENESS_PANEL, AdwBin)

/**
 * EkycLivenessPanel:
 * Shows what an #EkycLivenessSession asks now (the instruction, in large type), which challenge
 * of how many, and the seconds left for it; then the verdict. Hidden without a session.
 */
GtkWidget           *ekyc_liveness_panel_new         (void);
void                 ekyc_liveness_panel_set_session (EkycLivenessPanel   *self,
                                                      EkycLivenessSession *session);
EkycLivenessSession *ekyc_liveness_panel_get_session (EkycLivenessPanel *self);
/* (transfer none): the text shown now ("Smile", "Liveness confirmed."). */
const char          *ekyc_liveness_panel_get_text    (EkycLivenessPanel *self);

G_END_DECLS
