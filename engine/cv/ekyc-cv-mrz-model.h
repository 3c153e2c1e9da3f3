/* ekyc-cv-mrz-model.h — the MRZ glyph classifier that tools/mrz-glyphs trains at build time
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A cell's features (ekyc-cv-mrz-line.hpp) minus the mean, projected on the principal
 * components, are compared with EKYC_MRZ_PROTOTYPES prototypes per character and group of
 * faces; the class of a character scores by its nearest prototype's squared distance, divided
 * by the distance scale (the mean nearest distance on the training cells) for probabilities.
 * Group 0 is OCR-B's, the face MRZs are printed in; group 1 other monospaced faces'. A line is
 * read with group 0 alone (OCR-B's 0 and O, 8 and B kept apart), then with both groups (the
 * MRZ in another face) — see EkycMrzFaces.
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
#define EKYC_MRZ_N_GROUPS 2

/* Which prototypes a line is read with. */
typedef enum {
  EKYC_MRZ_FACES_OCR_B = 1,  /* group 0 */
  EKYC_MRZ_FACES_ANY = 2,    /* groups 0 and 1 */
} EkycMrzFaces;

#ifdef __cplusplus
extern "C" {
#endif

extern const float _ekyc_mrz_model_mean[1][EKYC_MRZ_FEATURE_DIM];
extern const float _ekyc_mrz_model_components[EKYC_MRZ_PCA_DIM][EKYC_MRZ_FEATURE_DIM];
/* group-major, then classes in ekyc_mrz_alphabet order */
extern const float _ekyc_mrz_model_prototypes[EKYC_MRZ_N_GROUPS * EKYC_MRZ_N_CLASSES
                                              * EKYC_MRZ_PROTOTYPES][EKYC_MRZ_PCA_DIM];
/* indexed by EkycMrzFaces − 1 */
extern const float _ekyc_mrz_model_distance_scale[EKYC_MRZ_N_GROUPS];

#ifdef __cplusplus
}
#endif
