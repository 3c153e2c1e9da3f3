/* ekyc-still.h — one captured frame (or imported scan): pixels for the engine, texture for the UI
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>
#include <ekyc/ekyc.h>

#include "ekyc-frame-analysis.h"

G_BEGIN_DECLS

#define EKYC_TYPE_STILL (ekyc_still_get_type ())
G_DECLARE_FINAL_TYPE (EkycStill, ekyc_still, EKYC, STILL, GObject)

/**
 * EkycStill:
 * An immutable captured image. Properties (read-only): "texture" (GdkTexture), "analysis"
 * (#EkycFrameAnalysis, nullable: an imported scan that was not analysed), "automatic" (TRUE when
 * auto-capture took it), "source-name" (the file name of an import, or the source description).
 */
EkycStill         *ekyc_still_new_from_image (EkycImage *image, EkycFrameAnalysis *analysis,
                                              gboolean automatic, const char *source_name);
/* (transfer none) */
EkycImage         *ekyc_still_get_image      (EkycStill *self);
GdkTexture        *ekyc_still_get_texture    (EkycStill *self);
EkycFrameAnalysis *ekyc_still_get_analysis   (EkycStill *self);
gboolean           ekyc_still_get_automatic  (EkycStill *self);
const char        *ekyc_still_get_source_name (EkycStill *self);
/* Encodes the pixels as JPEG (for evidence). (transfer full) */
GBytes            *ekyc_still_to_jpeg        (EkycStill *self, int quality, GError **error);

G_END_DECLS
