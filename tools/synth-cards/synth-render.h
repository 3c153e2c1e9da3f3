/* synth-render.h — draws the front and back of a synthetic card with Cairo and Pango
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "synth-identity.h"

G_BEGIN_DECLS

/* ID-1: 85.6 × 54 mm, drawn 1000 px wide. */
#define SYNTH_CARD_WIDTH_MM  85.6
#define SYNTH_CARD_HEIGHT_MM 54.0
#define SYNTH_CARD_WIDTH_PX  1000
#define SYNTH_CARD_HEIGHT_PX 631

/* The look of one card: fonts and small colour shifts, chosen at random so that a reader
 * cannot fit one typeface. */
typedef struct {
  char   *label_family;
  char   *value_family;
  double  hue_shift;    /* −1…1: a small tint of the background print */
  double  ink;          /* 0…0.25: how far black ink drifts towards grey */
  double  phase;        /* guilloche phase */
  char   *mrz_family;   /* NULL: OCR-B, as printed on the cards (the factory's --mrz-family) */
} SynthStyle;

SynthStyle *synth_style_new_random (GRand *rand);
/* Another look than synth_style_new_random()'s: other font families, greyer ink, a stronger
 * tint (the factory's --other-look). */
SynthStyle *synth_style_new_other  (GRand *rand);
void        synth_style_free       (SynthStyle *style);
/* A font family the cards use that is not installed, or NULL (static string). */
const char *synth_render_missing_family (void);
/* Does fontconfig have the family @name itself, not a fallback for it? */
gboolean    synth_render_family_installed (const char *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynthStyle, synth_style_free)

/* The portrait is any opaque image (it is cropped 2:3 around its centre). Both return an
 * ARGB32 surface of SYNTH_CARD_WIDTH_PX × SYNTH_CARD_HEIGHT_PX, transparent outside the rounded
 * card outline (transfer full). */
cairo_surface_t *synth_render_front (const SynthIdentity *identity, const SynthStyle *style,
                                     cairo_surface_t *portrait, GError **error);
cairo_surface_t *synth_render_back  (const SynthIdentity *identity, const SynthStyle *style,
                                     GError **error);

G_END_DECLS
