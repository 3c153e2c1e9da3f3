/* synth-capture.h — "photographs" a rendered card: background, pose, light, optics, sensor, JPEG
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define SYNTH_FRAME_WIDTH  1280
#define SYNTH_FRAME_HEIGHT 720

typedef enum {
  SYNTH_DIFFICULTY_CLEAN, /* flat, no tilt, even light, no blur or noise, JPEG 95 */
  SYNTH_DIFFICULTY_EASY,  /* tilt ≤ 15°, card 60–90 % of the frame width, mild blur/noise/glare */
  SYNTH_DIFFICULTY_HARD,  /* tilt ≤ 30°, card down to 35 %, blur, noise, glare, JPEG down to 40 */
} SynthDifficulty;

const char *synth_difficulty_to_string (SynthDifficulty difficulty);

/* How the card is captured; SYNTH_SHOT_DEFAULT is the 1280 × 720 photo of an upright card. */
typedef struct {
  int      width, height; /* the photo's frame, px (a scan's page has its own size) */
  int      turn;          /* 0, 90, 180 or 270: the card seen turned that far clockwise (a photo:
                             the whole scene, as with a phone held upright; a scan: the card
                             laid across the glass); -1: one of the four at random */
  int      scan_dpi;      /* > 0: a flatbed scan of an A4 portrait page (white lid) at this
                             resolution, the card at its real size, instead of a photo */
  gboolean crop;          /* the picture cut to the card and a margin of 0–8 px (none a third of
                             the time) */
} SynthShot;

#define SYNTH_SHOT_DEFAULT ((SynthShot) { SYNTH_FRAME_WIDTH, SYNTH_FRAME_HEIGHT, 0, 0, FALSE })

/* Places the card (ARGB32, premultiplied) in a 1280 × 720 photo and writes it as JPEG to path.
 * corners receives the card's corners in the photo (x0 y0 … x3 y3, clockwise from the card's
 * top-left; pixel-edge coordinates: the photo spans [0, 1280] × [0, 720]). All randomness comes
 * from rand. */
gboolean synth_capture_photograph (cairo_surface_t *card, SynthDifficulty difficulty, GRand *rand,
                                   const char *path, double corners[8], GError **error);

/* The same with --other-look: other backgrounds (checked cloth, a dark desk with objects, a
 * keyboard-like grid), a colour cast and a vignette, drawn from @other (never from @rand, so
 * that a default card stays what its seed made). */
gboolean synth_capture_photograph_other (cairo_surface_t *card, SynthDifficulty difficulty,
                                         GRand *rand, GRand *other, const char *path,
                                         double corners[8], GError **error);

/* The card captured as @shot says (synth_capture_photograph_other() with the default shot draws
 * the same numbers and writes the same file). @size receives the picture's width and height,
 * @turn the turn chosen (both may be NULL). */
gboolean synth_capture_shoot (cairo_surface_t *card, SynthDifficulty difficulty, GRand *rand,
                              GRand *other, const SynthShot *shot, const char *path,
                              double corners[8], int size[2], int *turn, GError **error);

G_END_DECLS
