/* ekyc-card-detect.h — finding an ID-1 card (85.6 × 54 mm) in a photo or scan, and rectifying it
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-face.h"
#include "ekyc-image.h"

EKYC_BEGIN_DECLS

/* ID-1 width / height (ISO/IEC 7810). */
#define EKYC_CARD_ASPECT (85.6 / 54.0)
/* ekyc_card_rectify()'s default width; the height follows the aspect (1000 → 631). */
#define EKYC_CARD_RECTIFIED_WIDTH 1000

/* Card capture problems, as bit flags. */
typedef enum {
  EKYC_CARD_QUALITY_OK        = 0,
  EKYC_CARD_QUALITY_CUT_OFF   = 1 << 0, /* part of the card is outside the frame */
  EKYC_CARD_QUALITY_TOO_SMALL = 1 << 1, /* shorter than EKYC_CARD_MIN_WIDTH_PX, or than
                                           EKYC_CARD_MIN_WIDTH_FRACTION of the frame */
  EKYC_CARD_QUALITY_BLURRED   = 1 << 2, /* measured on the rectified card */
  EKYC_CARD_QUALITY_GLARE     = 1 << 3, /* saturated blobs brighter than the card's own print */
  EKYC_CARD_QUALITY_TOO_DARK  = 1 << 4,
} EkycCardQualityFlags;

/* Too small to read: a card whose long sides are shorter than this many pixels (35 % of a
 * 1280 px wide frame), or than this fraction of the frame's extent along them (a card on an A4
 * scan is 41 % of the page's width, 29 % of its height). */
#define EKYC_CARD_MIN_WIDTH_PX       448
#define EKYC_CARD_MIN_WIDTH_FRACTION 0.25

/* Which side of the card faces the camera. */
typedef enum {
  EKYC_CARD_SIDE_UNKNOWN = 0, /* no card found */
  EKYC_CARD_SIDE_FRONT,       /* no machine-readable zone: portrait, name, QR (2021) */
  EKYC_CARD_SIDE_BACK,        /* the three MRZ lines at the bottom */
} EkycCardSide;

/**
 * EkycCardDetection:
 * Where the card is and how well it was captured. Corners are clockwise from the card's top-left
 * as seen (the upper of its long sides comes first; a card held upside down keeps that order and
 * is flagged @upside_down, so ekyc_card_rectify() shows it upside down; a card seen a quarter
 * turned, its long sides up and down, starts with either long side, and @upside_down tells
 * whether its own top-left is @corners[0] or @corners[2]), in
 * pixel-edge coordinates (the image's first pixel covers [0,1] × [0,1]), sub-pixel, at the
 * intersections of the straight edges (outside the rounded corners). A corner may lie outside
 * the image when the card is cut off.
 */
typedef struct {
  gboolean             found;
  EkycPoint            corners[4];
  float                confidence;     /* 0..1 */
  EkycCardQualityFlags problems;
  float                width_fraction; /* mean long side / the image's extent along it (its
                                          width, or its height for a card seen a quarter
                                          turned) */
  float                sharpness;      /* variance of the Laplacian on the card at 500 px wide */
  float                brightness;     /* mean luma of the card, 0..255 */
  float                glare;          /* fraction of the card in saturated blobs far above its
                                          median (printed white is not glare) */
  EkycCardSide         side;           /* back when the MRZ's fixed-pitch lines are at the
                                          bottom of the card (or at the top of a card upside
                                          down), else front */
  float                side_confidence; /* 0.5..1 */
  gboolean             upside_down;    /* the card is seen turned half a turn: its own
                                          top-left is @corners[2] (a back by its MRZ at the
                                          top, a front by its red emblem at the bottom right) */
} EkycCardDetection;

/**
 * ekyc_card_detect:
 * Looks for one ID-1 card in @image (a camera frame or a scan) with classical image processing:
 * no engine or model is needed. A card not found is not an error: @out->found is %FALSE.
 * Any frame size (a frame over 1600 px long is looked at scaled down), a card lying across or
 * a quarter turned (a phone held upright), a card small on an A4 scan or a scan cut to the
 * card's edge (ekyc-card-frame.c). Thread-safe; about 15–20 ms of CPU on a 1280 × 720 frame of a
 * card lying across (BENCHMARKS.md, "Card detection", "Frames of any size and turn").
 * @out: (out caller-allocates): filled on success.
 * Returns: %FALSE only on error (%EKYC_ERROR_INVALID_ARGUMENT, %EKYC_ERROR_INTERNAL).
 */
EKYC_API gboolean ekyc_card_detect (const EkycImage *image, EkycCardDetection *out,
                                    GError **error);

/**
 * ekyc_card_rectify:
 * Warps the card of @det (found) onto a new BGR image @width wide (0: the default
 * %EKYC_CARD_RECTIFIED_WIDTH) and @width / %EKYC_CARD_ASPECT high, the card's corners at the
 * image's corners. Thread-safe.
 * Returns: (transfer full) (nullable): the card, or %NULL with %EKYC_ERROR_INVALID_ARGUMENT
 * (no card, width out of 64..4000) or %EKYC_ERROR_INTERNAL.
 */
EKYC_API EkycImage *ekyc_card_rectify (const EkycImage *image, const EkycCardDetection *det,
                                       int width, GError **error);

/* (transfer none): an untranslated machine name ("cut-off") or a translated sentence. */
EKYC_API const char *ekyc_card_quality_flag_name   (EkycCardQualityFlags flag);
EKYC_API const char *ekyc_card_quality_flag_advice (EkycCardQualityFlags flag);
/* (transfer none): "front", "back" or "unknown" (untranslated machine names; in
 * ekyc-card-read.c, declared in ekyc-card-read.h too). */
EKYC_API const char *ekyc_card_side_name           (EkycCardSide side);

EKYC_END_DECLS
