/* ekyc-capture-page.h — one capture step of the flow: card front, card back or selfie
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-liveness-session.h"
#include "ekyc-verification.h"

G_BEGIN_DECLS

#define EKYC_TYPE_CAPTURE_PAGE (ekyc_capture_page_get_type ())
G_DECLARE_FINAL_TYPE (EkycCapturePage, ekyc_capture_page, EKYC, CAPTURE_PAGE, AdwBin)

EkycStep      ekyc_capture_page_get_step      (EkycCapturePage *self);
void          ekyc_capture_page_set_paintable (EkycCapturePage *self, GdkPaintable *paintable);
GdkPaintable *ekyc_capture_page_get_paintable (EkycCapturePage *self);
/* What the live analysis says ("Move closer"); NULL hides it. While busy the page says what it
 * does instead ("Reading the card…"). */
void          ekyc_capture_page_set_hint      (EkycCapturePage *self, const char *hint);
/* (transfer none): the text the hint shows now ("" when hidden). */
const char   *ekyc_capture_page_get_hint      (EkycCapturePage *self);
void          ekyc_capture_page_set_guide_ok  (EkycCapturePage *self, gboolean ok);
/* The active liveness session whose challenge, countdown and progress show over the preview;
 * NULL hides them. */
void          ekyc_capture_page_set_liveness  (EkycCapturePage *self, EkycLivenessSession *session);
/* (transfer none) (nullable) */
EkycLivenessSession *ekyc_capture_page_get_liveness (EkycCapturePage *self);
/* (transfer none) (nullable): what the liveness panel says now, NULL without a session. */
const char   *ekyc_capture_page_get_challenge (EkycCapturePage *self);
void          ekyc_capture_page_set_busy      (EkycCapturePage *self, gboolean busy);
gboolean      ekyc_capture_page_get_busy      (EkycCapturePage *self);
/* A problem with the source or the last capture, shown over the preview; NULL clears it.
 * With @can_continue, a button lets the teller go on with what was captured. */
void          ekyc_capture_page_set_problem   (EkycCapturePage *self, const char *problem,
                                               gboolean can_continue);
const char   *ekyc_capture_page_get_problem   (EkycCapturePage *self);
/* Shown when there is no picture (no camera, source failed). */
void          ekyc_capture_page_set_placeholder (EkycCapturePage *self, const char *title,
                                                 const char *description);
/* (transfer none) (nullable): the placeholder's title while it shows instead of a picture. */
const char   *ekyc_capture_page_get_placeholder (EkycCapturePage *self);

G_END_DECLS
