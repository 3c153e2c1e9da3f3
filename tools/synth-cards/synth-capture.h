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

G_END_DECLS
