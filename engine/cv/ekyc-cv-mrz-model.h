/* ekyc-cv-mrz-model.h — the MRZ glyph classifier that tools/mrz-glyphs trains at build time
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A cell's features (ekyc-cv-mrz-line.hpp) minus the mean, projected on the principal
 * components, are compared with EKYC_MRZ_PROTOTYPES prototypes per character; the class of a
 * character scores by its nearest prototype's squared distance, divided by the distance scale
 * (the mean nearest distance on the training cells) for probabilities.
 */
#pragma once

/* A cell is resampled to this grid before classification. */
#define EKYC_MRZ_CELL_W 16
#define EKYC_MRZ_CELL_H 24
#define EKYC_MRZ_FEATURE_DIM (EKYC_MRZ_CELL_W * EKYC_MRZ_CELL_H)
/* The MRZ alphabet in class order: `0`–`9`, `A`–`Z`, `<`. */
#define EKYC_MRZ_N_CLASSES 37
#define EKYC_MRZ_PCA_DIM 48
#define EKYC_MRZ_PROTOTYPES 40

#ifdef __cplusplus
extern "C" {
#endif

extern const float _ekyc_mrz_model_mean[1][EKYC_MRZ_FEATURE_DIM];
extern const float _ekyc_mrz_model_components[EKYC_MRZ_PCA_DIM][EKYC_MRZ_FEATURE_DIM];
extern const float _ekyc_mrz_model_prototypes[EKYC_MRZ_N_CLASSES * EKYC_MRZ_PROTOTYPES]
                                             [EKYC_MRZ_PCA_DIM];
extern const float _ekyc_mrz_model_distance_scale;

#ifdef __cplusplus
}
#endif
