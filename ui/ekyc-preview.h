/* ekyc-preview.h — the live picture with its guide: a card outline or a face oval, and a message
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  EKYC_PREVIEW_GUIDE_NONE,
  EKYC_PREVIEW_GUIDE_CARD,
  EKYC_PREVIEW_GUIDE_FACE,
} EkycPreviewGuide;

#define EKYC_TYPE_PREVIEW (ekyc_preview_get_type ())
G_DECLARE_FINAL_TYPE (EkycPreview, ekyc_preview, EKYC, PREVIEW, GtkWidget)

GtkWidget    *ekyc_preview_new           (void);
GdkPaintable *ekyc_preview_get_paintable (EkycPreview *self);
void          ekyc_preview_set_paintable (EkycPreview *self, GdkPaintable *paintable);
void          ekyc_preview_set_guide     (EkycPreview *self, EkycPreviewGuide guide);
/* The guide turns green when the subject is well placed and sharp. */
void          ekyc_preview_set_guide_ok  (EkycPreview *self, gboolean ok);
gboolean      ekyc_preview_get_guide_ok  (EkycPreview *self);
/* Mirror the picture (a selfie camera shows the user as in a mirror). */
void          ekyc_preview_set_mirrored  (EkycPreview *self, gboolean mirrored);

G_END_DECLS
