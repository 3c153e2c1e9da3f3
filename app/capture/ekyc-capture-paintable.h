/* ekyc-capture-paintable.h — the live preview as a GdkPaintable, with optional guide overlays
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ekyc-frame-analysis.h"

G_BEGIN_DECLS

#define EKYC_TYPE_CAPTURE_PAINTABLE (ekyc_capture_paintable_get_type ())
G_DECLARE_FINAL_TYPE (EkycCapturePaintable, ekyc_capture_paintable, EKYC, CAPTURE_PAINTABLE,
                      GObject)

/**
 * EkycCapturePaintable:
 * Shows the latest preview texture (put it in a GtkPicture). Its intrinsic size is the frame
 * size; it invalidates its size only when the frame size changes. Properties:
 * "texture" (GdkTexture, read-only, nullable), "mirror" (flip horizontally, as a selfie preview
 * expects), "show-overlay" (draw the card guide, or the face oval and mesh points, from the last
 * analysis: white while searching, green when the frame is good), "analysis" (the
 * #EkycFrameAnalysis the overlay is drawn from).
 */
/* Where a card should be in a @width × @height picture: an ID-1 rectangle (85.6:54) centred, as
 * large as a well-framed card (86 % of the width, at most 94 % of the height). */
void                  ekyc_capture_card_guide (double width, double height, graphene_rect_t *out);

EkycCapturePaintable *ekyc_capture_paintable_new          (void);
void                  ekyc_capture_paintable_set_texture  (EkycCapturePaintable *self,
                                                           GdkTexture           *texture);
GdkTexture           *ekyc_capture_paintable_get_texture  (EkycCapturePaintable *self);
void                  ekyc_capture_paintable_set_analysis (EkycCapturePaintable *self,
                                                           EkycFrameAnalysis    *analysis);
void                  ekyc_capture_paintable_set_mirror   (EkycCapturePaintable *self,
                                                           gboolean              mirror);
gboolean              ekyc_capture_paintable_get_mirror   (EkycCapturePaintable *self);
void                  ekyc_capture_paintable_set_show_overlay (EkycCapturePaintable *self,
                                                               gboolean              show);
gboolean              ekyc_capture_paintable_get_show_overlay (EkycCapturePaintable *self);

G_END_DECLS
