/* ekyc-image-texture.h — engine images to GDK textures and back, for previews and evidence
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>
#include <ekyc/ekyc.h>

G_BEGIN_DECLS

/* (transfer full): a texture that shares @image's pixels (grey images are copied to RGB). */
GdkTexture *ekyc_texture_new_for_image (EkycImage *image);
/* (transfer full) (nullable): a copy of @texture's pixels as an engine image. */
EkycImage  *ekyc_image_new_for_texture (GdkTexture *texture, GError **error);

G_END_DECLS
