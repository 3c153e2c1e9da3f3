/* synth-render.c — draws the front and back of a synthetic card with Cairo and Pango
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Layouts approximate the public descriptions of Thông tư 06/2021/TT-BCA (CĂN CƯỚC CÔNG DÂN) and
 * Thông tư 16/2024/TT-BCA (CĂN CƯỚC): emblem 12 mm, portrait 20 × 30 mm, QR 18 mm on the 2024
 * back. Drawing units are millimetres; nothing here copies a real card's artwork: the emblem,
 * chip, stamp and background print are simple stand-ins.
 */
#define G_LOG_DOMAIN "synth-cards"

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "synth-render.h"

#define PX_PER_MM (SYNTH_CARD_WIDTH_PX / SYNTH_CARD_WIDTH_MM)

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

typedef struct { double r, g, b; } Rgb;

static const Rgb red_title = { 0.80, 0.07, 0.12 };
static const Rgb violet_blue = { 0.17, 0.16, 0.50 };

static const char *label_families[] = {
  "Liberation Sans", "DejaVu Sans", "Noto Sans", "DejaVu Sans Condensed", "Liberation Serif",
  "Noto Serif", "DejaVu Serif",
};
static const char *value_families[] = {
  "Liberation Sans", "DejaVu Sans", "Noto Sans", "DejaVu Sans Condensed", "Liberation Sans",
  "Noto Serif",
};

/* --other-look: families no default card uses (display cuts, monospaced, condensed serif),
 * greyer ink and a card tint further from the usual; for held-out checks of a reader. */
static const char *other_label_families[] = {
  "Noto Sans Display", "Noto Serif Display", "DejaVu Sans Mono", "Liberation Mono",
  "DejaVu Serif Condensed",
};
static const char *other_value_families[] = {
  "Noto Sans Display", "Noto Serif Display", "DejaVu Sans Mono", "Liberation Mono",
  "DejaVu Serif Condensed", "Liberation Serif", "DejaVu Serif",
};

/* Does fontconfig have @name (one of a font's family names: "DejaVu Sans Condensed" is a second
 * name of a "DejaVu Sans" face), rather than a fallback for it? */
gboolean
synth_render_family_installed (const char *name)
{
  FcPattern *pattern = FcPatternCreate ();
  FcPattern *match;
  FcResult result;
  FcChar8 *family;
  gboolean found = FALSE;

  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) name);
  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  for (int i = 0; match != NULL && !found
                  && FcPatternGetString (match, FC_FAMILY, i, &family) == FcResultMatch; i++)
    found = g_ascii_strcasecmp ((const char *) family, name) == 0;
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  return found;
}

/* A font family the cards are drawn in that fontconfig does not have (Pango would draw the card
 * in a fallback, and a set would not be the same set on another machine), or NULL. */
const char *
synth_render_missing_family (void)
{
  const char *const *lists[] = { label_families, value_families, other_label_families,
                                 other_value_families };
  const gsize lengths[] = { G_N_ELEMENTS (label_families), G_N_ELEMENTS (value_families),
                            G_N_ELEMENTS (other_label_families),
                            G_N_ELEMENTS (other_value_families) };

  for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
    for (gsize i = 0; i < lengths[l]; i++)
      if (!synth_render_family_installed (lists[l][i]))
        return lists[l][i];
  return NULL;
}

SynthStyle *
synth_style_new_other (GRand *rand)
{
  SynthStyle *style = g_new0 (SynthStyle, 1);

  g_return_val_if_fail (rand != NULL, NULL);
  style->label_family = g_strdup (other_label_families[g_rand_int_range (rand, 0,
                                                        G_N_ELEMENTS (other_label_families))]);
  style->value_family = g_strdup (other_value_families[g_rand_int_range (rand, 0,
                                                        G_N_ELEMENTS (other_value_families))]);
  style->hue_shift = g_rand_double_range (rand, -4, 4);
  style->ink = g_rand_double_range (rand, 0.1, 0.4);
  style->phase = g_rand_double_range (rand, 0, 2 * G_PI);
  return style;
}

SynthStyle *
synth_style_new_random (GRand *rand)
{
  SynthStyle *style = g_new0 (SynthStyle, 1);

  g_return_val_if_fail (rand != NULL, NULL);
  style->label_family = g_strdup (label_families[g_rand_int_range (rand, 0,
                                                  G_N_ELEMENTS (label_families))]);
  style->value_family = g_strdup (value_families[g_rand_int_range (rand, 0,
                                                  G_N_ELEMENTS (value_families))]);
  style->hue_shift = g_rand_double_range (rand, -1, 1);
  style->ink = g_rand_double_range (rand, 0, 0.25);
  style->phase = g_rand_double_range (rand, 0, 2 * G_PI);
  return style;
}

void
synth_style_free (SynthStyle *style)
{
  if (style == NULL)
    return;
  g_free (style->label_family);
  g_free (style->value_family);
  g_free (style->mrz_family);
  g_free (style);
}

static Rgb
ink (const SynthStyle *style)
{
  return (Rgb) { style->ink * 0.6, style->ink * 0.6, style->ink * 0.75 };
}

/* Units are millimetres: glyph positions must not be rounded to whole units. */
static PangoLayout *
new_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  pango_layout_context_changed (layout);
  return layout;
}

/* Draws one line of text with its baseline at y; squeezes it horizontally to max_width when
 * longer (max_width ≤ 0: no limit). Returns the width drawn, in mm. */
static double
draw_text (cairo_t *cr, const char *family, double size, gboolean bold, gboolean markup,
           const char *text, double x, double baseline, Align align, double max_width, Rgb color)
{
  PangoLayout *layout = new_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  PangoRectangle logical;
  double width, squeeze = 1.0;

  pango_font_description_set_family (font, family);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  width = (double) logical.width / PANGO_SCALE;
  if (max_width > 0 && width > max_width)
    squeeze = max_width / width;
  width *= squeeze;
  if (align == ALIGN_CENTER)
    x -= width / 2;
  else if (align == ALIGN_RIGHT)
    x -= width;

  cairo_save (cr);
  cairo_set_source_rgb (cr, color.r, color.g, color.b);
  cairo_translate (cr, x, baseline - (double) pango_layout_get_baseline (layout) / PANGO_SCALE);
  cairo_scale (cr, squeeze, 1.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  pango_font_description_free (font);
  g_object_unref (layout);
  return width;
}

static double
text_width (cairo_t *cr, const char *family, double size, gboolean bold, const char *text)
{
  PangoLayout *layout = new_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  PangoRectangle logical;

  pango_font_description_set_family (font, family);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  pango_font_description_free (font);
  g_object_unref (layout);
  return (double) logical.width / PANGO_SCALE;
}

/* "Vietnamese / <i>English</i>:" in the label font; returns the width. */
static double
draw_label (cairo_t *cr, const SynthStyle *style, const char *vi, const char *en, double x,
            double baseline, double size, Rgb color)
{
  g_autofree char *markup = g_markup_printf_escaped ("%s / <i>%s</i>:", vi, en);
  return draw_text (cr, style->label_family, size, FALSE, TRUE, markup, x, baseline, ALIGN_LEFT,
                    0, color);
}

/* Splits an address at its commas: as many leading parts as fit in first_width go to the first
 * line, the rest to the second. */
static void
split_address (cairo_t *cr, const SynthStyle *style, double size, const char *address,
               double first_width, char **first, char **rest)
{
  g_auto(GStrv) parts = g_strsplit (address, ", ", -1);
  GString *line = g_string_new (NULL);
  guint n = g_strv_length (parts), taken = 0;

  while (taken + 1 < n)
    {
      g_autofree char *candidate = line->len ? g_strdup_printf ("%s, %s", line->str, parts[taken])
                                             : g_strdup (parts[taken]);
      if (text_width (cr, style->value_family, size, TRUE, candidate) > first_width)
        break;
      g_string_assign (line, candidate);
      taken++;
    }
  *first = g_string_free (line, FALSE);
  *rest = g_strjoinv (", ", parts + taken);
}

/* ---- print: background, emblem, chip, QR, stamp ---------------------------------------- */

static void
rounded_card_path (cairo_t *cr)
{
  const double r = 3.18, w = SYNTH_CARD_WIDTH_MM, h = SYNTH_CARD_HEIGHT_MM;

  cairo_new_sub_path (cr);
  cairo_arc (cr, w - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, w - r, h - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_background (cairo_t *cr, const SynthStyle *style, gboolean back)
{
  const double w = SYNTH_CARD_WIDTH_MM, h = SYNTH_CARD_HEIGHT_MM;
  double t = style->hue_shift * 0.03;
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, w, h * 0.4);

  /* blue-green at the edges, pale yellow in the middle */
  cairo_pattern_add_color_stop_rgb (gradient, 0.0, 0.80 + t, 0.90, 0.90 - t);
  cairo_pattern_add_color_stop_rgb (gradient, 0.45, 0.96, 0.95 + t, 0.80);
  cairo_pattern_add_color_stop_rgb (gradient, 1.0, 0.78 - t, 0.89, 0.91 + t);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);

  cairo_set_line_width (cr, 0.08);
  if (!back)
    {
      /* a bronze-drum medallion */
      cairo_set_source_rgba (cr, 0.55, 0.55, 0.25, 0.22);
      for (double r = 1.5; r < 26; r += 1.1)
        {
          cairo_arc (cr, w * 0.55, h * 0.58, r, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
      for (int i = 0; i < 14; i++)
        {
          double a = i * 2 * G_PI / 14 + style->phase;
          cairo_move_to (cr, w * 0.55, h * 0.58);
          cairo_line_to (cr, w * 0.55 + 4 * cos (a), h * 0.58 + 4 * sin (a));
          cairo_stroke (cr);
        }
    }
  else
    {
      /* lotus petals */
      cairo_set_source_rgba (cr, 0.30, 0.50, 0.55, 0.20);
      for (int i = 0; i < 9; i++)
        {
          cairo_save (cr);
          cairo_translate (cr, w * 0.42, h * 0.62);
          cairo_rotate (cr, -G_PI / 2 + (i - 4) * 0.32);
          cairo_scale (cr, 14, 4.5);
          cairo_arc (cr, 1, 0, 1, 0, 2 * G_PI);
          cairo_restore (cr);
          cairo_stroke (cr);
        }
    }
  /* guilloche: crossing sine waves */
  cairo_set_source_rgba (cr, 0.25, 0.45, 0.50, 0.16);
  for (int k = 0; k < 12; k++)
    {
      double y0 = 2 + k * 4.5;
      for (double x = 0; x <= w; x += 0.5)
        {
          double y = y0 + 1.6 * sin (x * 0.35 + style->phase + k * 0.7);
          if (x == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
    }
}

static void
draw_star (cairo_t *cr, double cx, double cy, double r)
{
  for (int i = 0; i < 10; i++)
    {
      double a = -G_PI / 2 + i * G_PI / 5;
      double rr = (i % 2) ? r * 0.40 : r;
      if (i == 0)
        cairo_move_to (cr, cx + rr * cos (a), cy + rr * sin (a));
      else
        cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
    }
  cairo_close_path (cr);
}

/* A stand-in for the national emblem: red disc, gold star, ring of rice ears, cogwheel. */
static void
draw_emblem (cairo_t *cr, double cx, double cy, double r)
{
  cairo_set_source_rgb (cr, 0.93, 0.74, 0.18);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.85, 0.12, 0.12);
  cairo_arc (cr, cx, cy - r * 0.08, r * 0.68, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1.0, 0.86, 0.15);
  draw_star (cr, cx, cy - r * 0.12, r * 0.48);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.70, 0.50, 0.10);
  cairo_set_line_width (cr, r * 0.05);
  for (int i = 0; i < 16; i++)
    {
      double a = G_PI * 0.15 + i * G_PI * 0.7 / 15;
      cairo_move_to (cr, cx + r * 0.74 * cos (a + G_PI / 2), cy + r * 0.74 * sin (a + G_PI / 2));
      cairo_line_to (cr, cx + r * 0.95 * cos (a + G_PI / 2), cy + r * 0.95 * sin (a + G_PI / 2));
    }
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.80, 0.58, 0.12);
  cairo_arc (cr, cx, cy + r * 0.70, r * 0.22, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
draw_chip (cairo_t *cr, double x, double y, double w, double h)
{
  cairo_pattern_t *gold = cairo_pattern_create_linear (x, y, x + w, y + h);

  cairo_pattern_add_color_stop_rgb (gold, 0, 0.93, 0.80, 0.45);
  cairo_pattern_add_color_stop_rgb (gold, 0.5, 0.80, 0.64, 0.28);
  cairo_pattern_add_color_stop_rgb (gold, 1, 0.95, 0.84, 0.52);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - 1.2, y + 1.2, 1.2, -G_PI / 2, 0);
  cairo_arc (cr, x + w - 1.2, y + h - 1.2, 1.2, 0, G_PI / 2);
  cairo_arc (cr, x + 1.2, y + h - 1.2, 1.2, G_PI / 2, G_PI);
  cairo_arc (cr, x + 1.2, y + 1.2, 1.2, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source (cr, gold);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (gold);
  cairo_set_source_rgb (cr, 0.45, 0.35, 0.12);
  cairo_set_line_width (cr, 0.15);
  cairo_stroke (cr);
  cairo_move_to (cr, x + w * 0.33, y);
  cairo_line_to (cr, x + w * 0.33, y + h);
  cairo_move_to (cr, x + w * 0.67, y);
  cairo_line_to (cr, x + w * 0.67, y + h);
  for (int i = 1; i < 3; i++)
    {
      cairo_move_to (cr, x, y + h * i / 3);
      cairo_line_to (cr, x + w * 0.33, y + h * i / 3);
      cairo_move_to (cr, x + w * 0.67, y + h * i / 3);
      cairo_line_to (cr, x + w, y + h * i / 3);
    }
  cairo_stroke (cr);
  cairo_rectangle (cr, x + w * 0.38, y + h * 0.25, w * 0.24, h * 0.5);
  cairo_stroke (cr);
}

/* The chip symbol printed on the front (a contactless mark). */
static void
draw_chip_symbol (cairo_t *cr, double cx, double cy, Rgb color)
{
  cairo_set_source_rgb (cr, color.r, color.g, color.b);
  cairo_set_line_width (cr, 0.35);
  for (int i = 1; i <= 3; i++)
    {
      cairo_arc (cr, cx - 2, cy, i * 1.1, -G_PI / 4, G_PI / 4);
      cairo_stroke (cr);
    }
}

static gboolean
draw_qr (cairo_t *cr, const char *payload, double x, double y, double size, GError **error)
{
  QRcode *qr = QRcode_encodeData ((int) strlen (payload), (const unsigned char *) payload, 0,
                                  QR_ECLEVEL_M);
  double module;
  const int quiet = 2;

  if (qr == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot encode the QR payload (%zu bytes)",
                   strlen (payload));
      return FALSE;
    }
  module = size / (qr->width + 2 * quiet);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.07);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++)
      if (qr->data[row * qr->width + col] & 1)
        cairo_rectangle (cr, x + (col + quiet) * module, y + (row + quiet) * module,
                         module + 0.002, module + 0.002);
  cairo_fill (cr);
  QRcode_free (qr);
  return TRUE;
}

static void
draw_stamp (cairo_t *cr, double cx, double cy, double r, GRand *wobble)
{
  cairo_set_source_rgba (cr, 0.85, 0.10, 0.12, 0.55);
  cairo_set_line_width (cr, 0.35);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_arc (cr, cx, cy, r * 0.72, 0, 2 * G_PI);
  cairo_stroke (cr);
  draw_star (cr, cx, cy, r * 0.45);
  cairo_fill (cr);
  /* signature: a few loose strokes in blue ink */
  cairo_set_source_rgba (cr, 0.10, 0.15, 0.45, 0.85);
  cairo_set_line_width (cr, 0.25);
  cairo_move_to (cr, cx - r * 0.4, cy + r * 0.3);
  for (int i = 0; i < 4; i++)
    cairo_rel_curve_to (cr, 1.2, -2.5 - g_rand_double (wobble), 2.0, 2.0, 2.6 + g_rand_double (wobble),
                        -0.4);
  cairo_stroke (cr);
}

static void
draw_fingerprint_box (cairo_t *cr, const SynthStyle *style, double x, double y, double w, double h,
                      const char *vi, const char *en)
{
  cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.40);
  cairo_set_line_width (cr, 0.15);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
  /* ridges */
  cairo_set_source_rgba (cr, 0.30, 0.30, 0.35, 0.6);
  cairo_set_line_width (cr, 0.18);
  for (int i = 1; i < 9; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, x + w / 2, y + h * 0.42);
      cairo_scale (cr, i * w * 0.045, i * h * 0.032);
      cairo_arc (cr, 0, 0, 1, G_PI * 0.9, G_PI * 2.1);
      cairo_restore (cr);
      cairo_stroke (cr);
    }
  draw_text (cr, style->label_family, 1.45, FALSE, FALSE, vi, x + w / 2, y + h - 2.1,
             ALIGN_CENTER, w - 0.6, ink (style));
  draw_text (cr, style->label_family, 1.3, FALSE, TRUE, en, x + w / 2, y + h - 0.6,
             ALIGN_CENTER, w - 0.6, ink (style));
}

static void
draw_portrait (cairo_t *cr, cairo_surface_t *portrait, double x, double y, double w, double h)
{
  int pw = cairo_image_surface_get_width (portrait);
  int ph = cairo_image_surface_get_height (portrait);
  /* a 2:3 crop around the centre, a little taller than the face (LFW centres the face) */
  double crop_w = pw * 0.46;
  double crop_h = crop_w * h / w;
  double cx = pw / 2.0, cy = ph / 2.0 + ph * 0.02;
  double scale;

  if (crop_h > ph)
    {
      crop_h = ph;
      crop_w = crop_h * w / h;
    }
  scale = w / crop_w;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, portrait, -(cx - crop_w / 2), -(cy - crop_h / 2));
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  /* printed photos are a little washed out */
  cairo_set_source_rgba (cr, 0.95, 0.96, 0.98, 0.12);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
}

static void
draw_mrz (cairo_t *cr, const SynthStyle *style, const SynthIdentity *id)
{
  const double left = 4.8, width = 76.2;
  const char *family = style->mrz_family != NULL ? style->mrz_family : "OCR B";

  cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
  cairo_rectangle (cr, 2.5, 38.8, SYNTH_CARD_WIDTH_MM - 5, 14.0);
  cairo_fill (cr);
  for (int i = 0; i < 3; i++)
    {
      /* OCR-B at 10 characters per inch: 30 characters span 76.2 mm */
      double natural = text_width (cr, family, 3.4, FALSE, id->mrz[i]);
      double size = 3.4 * width / natural;
      draw_text (cr, family, size, FALSE, FALSE, id->mrz[i], left, 43.0 + i * 4.2, ALIGN_LEFT, 0,
                 (Rgb) { 0.05, 0.05, 0.08 });
    }
}

static void
draw_national_header (cairo_t *cr, const SynthStyle *style, double cx, double top,
                      double max_width, Rgb color)
{
  draw_text (cr, style->label_family, 2.25, TRUE, FALSE, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             cx, top, ALIGN_CENTER, max_width, color);
  draw_text (cr, style->label_family, 2.25, TRUE, FALSE, "Độc lập - Tự do - Hạnh phúc",
             cx, top + 2.7, ALIGN_CENTER, max_width, color);
  draw_text (cr, style->label_family, 1.8, FALSE, FALSE, "SOCIALIST REPUBLIC OF VIET NAM",
             cx, top + 5.2, ALIGN_CENTER, max_width, color);
  draw_text (cr, style->label_family, 1.7, FALSE, FALSE, "Independence - Freedom - Happiness",
             cx, top + 7.5, ALIGN_CENTER, max_width, color);
}

static cairo_t *
begin_card (cairo_surface_t **surface, const SynthStyle *style, gboolean back)
{
  cairo_t *cr;
  cairo_font_options_t *options = cairo_font_options_create ();

  *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SYNTH_CARD_WIDTH_PX,
                                         SYNTH_CARD_HEIGHT_PX);
  cr = cairo_create (*surface);
  cairo_scale (cr, PX_PER_MM, PX_PER_MM);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);
  rounded_card_path (cr);
  cairo_clip (cr);
  draw_background (cr, style, back);
  return cr;
}

static cairo_surface_t *
end_card (cairo_t *cr, cairo_surface_t *surface, gboolean ok)
{
  cairo_status_t status = cairo_status (cr);

  cairo_destroy (cr);
  if (!ok || status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  return surface;
}

/* ---- 2021: CĂN CƯỚC CÔNG DÂN ---------------------------------------------------------- */

static gboolean
front_2021 (cairo_t *cr, const SynthIdentity *id, const SynthStyle *style,
            cairo_surface_t *portrait, GError **error)
{
  const double x = 25.5, right = SYNTH_CARD_WIDTH_MM - 2.5;
  Rgb black = ink (style);
  g_autofree char *birth = synth_date_format (&id->birth, "%d/%m/%Y");
  g_autofree char *expiry = id->has_expiry ? synth_date_format (&id->expiry, "%d/%m/%Y")
                                           : g_strdup ("Không thời hạn");
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;
  double w;

  draw_emblem (cr, 10.5, 8.8, 6.0);
  draw_national_header (cr, style, 44.5, 4.6, 48, black);
  if (!draw_qr (cr, id->qr_payload, 70.0, 2.4, 14.5, error))
    return FALSE;
  draw_text (cr, style->value_family, 3.7, TRUE, FALSE, "CĂN CƯỚC CÔNG DÂN", 44.5, 17.0,
             ALIGN_CENTER, 48, red_title);
  draw_text (cr, style->label_family, 2.0, TRUE, FALSE, "Citizen Identity Card", 44.5, 19.8,
             ALIGN_CENTER, 48, black);

  draw_portrait (cr, portrait, 3.5, 16.2, 20.0, 30.0);
  w = draw_text (cr, style->label_family, 1.6, FALSE, FALSE, "Có giá trị đến:", 3.5, 49.6,
                 ALIGN_LEFT, 0, black);
  draw_text (cr, style->label_family, 1.5, FALSE, TRUE, "<i>Date of expiry</i>", 3.5, 51.8,
             ALIGN_LEFT, 0, black);
  draw_text (cr, style->value_family, 1.9, TRUE, FALSE, expiry, 3.5 + w + 0.8, 49.6, ALIGN_LEFT,
             24.5 - (3.5 + w + 0.8), black);

  w = draw_label (cr, style, "Số", "No.", x + 4, 24.4, 2.0, black);
  draw_text (cr, style->value_family, 3.6, TRUE, FALSE, id->id_number, x + 5 + w, 24.6,
             ALIGN_LEFT, right - (x + 5 + w), black);
  draw_label (cr, style, "Họ và tên", "Full name", x, 28.0, 1.9, black);
  draw_text (cr, style->value_family, 3.0, TRUE, FALSE, id->full_name, x + 3, 31.6, ALIGN_LEFT,
             right - x - 3, black);
  w = draw_label (cr, style, "Ngày sinh", "Date of birth", x, 34.8, 1.9, black);
  draw_text (cr, style->value_family, 2.5, TRUE, FALSE, birth, x + w + 1, 34.8, ALIGN_LEFT, 0,
             black);
  w = draw_label (cr, style, "Giới tính", "Sex", x, 37.8, 1.9, black);
  draw_text (cr, style->value_family, 2.5, TRUE, FALSE, id->female ? "Nữ" : "Nam", x + w + 1,
             37.8, ALIGN_LEFT, 0, black);
  w = draw_label (cr, style, "Quốc tịch", "Nationality", 51.0, 37.8, 1.9, black);
  draw_text (cr, style->value_family, 2.5, TRUE, FALSE, id->nationality, 52.0 + w, 37.8,
             ALIGN_LEFT, right - 52.0 - w, black);
  w = draw_label (cr, style, "Quê quán", "Place of origin", x, 40.8, 1.9, black);
  draw_text (cr, style->value_family, 2.4, TRUE, FALSE, id->place_of_origin, right, 43.6,
             ALIGN_RIGHT, right - x, black);
  w = draw_label (cr, style, "Nơi thường trú", "Place of residence", x, 46.8, 1.9, black);
  split_address (cr, style, 2.4, id->place_of_residence, right - (x + w + 1), &first, &rest);
  draw_text (cr, style->value_family, 2.4, TRUE, FALSE, first, x + w + 1, 46.8, ALIGN_LEFT,
             right - (x + w + 1), black);
  draw_text (cr, style->value_family, 2.4, TRUE, FALSE, rest, right, 49.9, ALIGN_RIGHT,
             right - x, black);
  return TRUE;
}

static gboolean
back_2021 (cairo_t *cr, const SynthIdentity *id, const SynthStyle *style, GRand *wobble,
           GError **error)
{
  Rgb black = ink (style);
  g_autofree char *issue = synth_date_format (&id->issue, "%d/%m/%Y");
  g_autofree char *date_label = NULL;
  double w;

  draw_fingerprint_box (cr, style, 53.5, 2.8, 14.8, 19.5, "Ngón trỏ trái", "<i>Left index finger</i>");
  draw_fingerprint_box (cr, style, 69.3, 2.8, 14.8, 19.5, "Ngón trỏ phải",
                        "<i>Right index finger</i>");
  draw_label (cr, style, "Đặc điểm nhân dạng", "Personal identification", 3.5, 5.2, 1.9, black);
  draw_text (cr, style->value_family, 2.3, TRUE, FALSE, id->personal_marks, 3.5, 8.6, ALIGN_LEFT,
             48.5, black);

  draw_chip (cr, 4.0, 15.0, 12.0, 10.0);
  date_label = g_markup_printf_escaped ("Ngày, tháng, năm / <i>Date, month, year</i>: %s", issue);
  w = draw_text (cr, style->label_family, 1.8, FALSE, TRUE, date_label, 35.0, 13.6, ALIGN_CENTER,
                 32, black);
  (void) w;
  draw_text (cr, style->label_family, 1.9, TRUE, FALSE, "CỤC TRƯỞNG CỤC CẢNH SÁT", 35.0, 16.6,
             ALIGN_CENTER, 32, black);
  draw_text (cr, style->label_family, 1.9, TRUE, FALSE, "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", 35.0,
             19.0, ALIGN_CENTER, 32, black);
  draw_text (cr, style->label_family, 1.25, FALSE, FALSE,
             "DIRECTOR GENERAL OF THE POLICE DEPARTMENT", 35.0, 20.9, ALIGN_CENTER, 32, black);
  draw_text (cr, style->label_family, 1.25, FALSE, FALSE,
             "FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER", 35.0, 22.5, ALIGN_CENTER, 32, black);
  draw_stamp (cr, 30.5, 28.5, 5.0, wobble);
  draw_text (cr, style->value_family, 2.2, TRUE, FALSE, id->signer_name, 35.0, 36.2, ALIGN_CENTER,
             32, black);
  draw_mrz (cr, style, id);
  return TRUE;
}

/* ---- 2024: CĂN CƯỚC -------------------------------------------------------------------- */

static gboolean
front_2024 (cairo_t *cr, const SynthIdentity *id, const SynthStyle *style,
            cairo_surface_t *portrait, GError **error)
{
  const double x = 27.0, right = SYNTH_CARD_WIDTH_MM - 3.0;
  Rgb black = ink (style);
  g_autofree char *birth = synth_date_format (&id->birth, "%d/%m/%Y");
  double w;

  draw_emblem (cr, 10.0, 9.0, 6.0);
  draw_national_header (cr, style, 48.5, 4.8, 56, violet_blue);
  draw_chip_symbol (cr, 80.0, 16.5, violet_blue);
  draw_text (cr, style->value_family, 4.4, TRUE, FALSE, "CĂN CƯỚC", 48.5, 18.2, ALIGN_CENTER, 50,
             red_title);
  draw_text (cr, style->label_family, 2.1, TRUE, FALSE, "IDENTITY CARD", 48.5, 21.0,
             ALIGN_CENTER, 50, violet_blue);

  draw_portrait (cr, portrait, 3.5, 19.5, 20.0, 30.0);

  draw_label (cr, style, "Số định danh cá nhân", "Personal identification number", x, 26.0, 1.85,
              violet_blue);
  draw_text (cr, style->value_family, 4.0, TRUE, FALSE, id->id_number, x + 2, 30.4, ALIGN_LEFT,
             right - x - 2, black);
  draw_label (cr, style, "Họ, chữ đệm và tên khai sinh", "Full name", x, 34.2, 1.85, violet_blue);
  draw_text (cr, style->value_family, 3.0, TRUE, FALSE, id->full_name, x + 2, 37.9, ALIGN_LEFT,
             right - x - 2, black);
  w = draw_label (cr, style, "Ngày, tháng, năm sinh", "Date of birth", x, 41.8, 1.85, violet_blue);
  draw_text (cr, style->value_family, 2.6, TRUE, FALSE, birth, x + w + 1, 41.8, ALIGN_LEFT, 0,
             black);
  w = draw_label (cr, style, "Giới tính", "Sex", x, 45.6, 1.85, violet_blue);
  draw_text (cr, style->value_family, 2.6, TRUE, FALSE, id->female ? "Nữ" : "Nam", x + w + 1,
             45.6, ALIGN_LEFT, 0, black);
  w = draw_label (cr, style, "Quốc tịch", "Nationality", 54.0, 45.6, 1.85, violet_blue);
  draw_text (cr, style->value_family, 2.6, TRUE, FALSE, id->nationality, 55.0 + w, 45.6,
             ALIGN_LEFT, right - 55.0 - w, black);
  return TRUE;
}

static gboolean
back_2024 (cairo_t *cr, const SynthIdentity *id, const SynthStyle *style, GRand *wobble,
           GError **error)
{
  const double x = 3.5, right = 63.5;
  Rgb black = ink (style);
  g_autofree char *issue = synth_date_format (&id->issue, "%d/%m/%Y");
  g_autofree char *expiry = id->has_expiry ? synth_date_format (&id->expiry, "%d/%m/%Y")
                                           : g_strdup ("Không thời hạn");
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;
  double w;

  if (!draw_qr (cr, id->qr_payload, 65.8, 2.2, 18.0, error))
    return FALSE;
  w = draw_label (cr, style, "Nơi cư trú", "Place of residence", x, 5.0, 1.85, violet_blue);
  split_address (cr, style, 2.4, id->place_of_residence, right - (x + w + 1), &first, &rest);
  draw_text (cr, style->value_family, 2.4, TRUE, FALSE, first, x + w + 1, 5.0, ALIGN_LEFT,
             right - (x + w + 1), black);
  draw_text (cr, style->value_family, 2.4, TRUE, FALSE, rest, x, 8.4, ALIGN_LEFT, right - x,
             black);
  draw_label (cr, style, "Nơi đăng ký khai sinh", "Place of birth", x, 12.2, 1.85, violet_blue);
  draw_text (cr, style->value_family, 2.4, TRUE, FALSE, id->place_of_origin, x, 15.6, ALIGN_LEFT,
             right - x, black);

  draw_chip (cr, 4.5, 20.5, 12.0, 10.0);
  w = draw_label (cr, style, "Ngày, tháng, năm cấp", "Date of issue", 20.5, 22.5, 1.75,
                  violet_blue);
  draw_text (cr, style->value_family, 2.3, TRUE, FALSE, issue, 21.5 + w, 22.5, ALIGN_LEFT, 0,
             black);
  w = draw_label (cr, style, "Ngày, tháng, năm hết hạn", "Date of expiry", 20.5, 25.8, 1.75,
                  violet_blue);
  draw_text (cr, style->value_family, 2.3, TRUE, FALSE, expiry, 21.5 + w, 25.8, ALIGN_LEFT,
             SYNTH_CARD_WIDTH_MM - 3 - (21.5 + w), black);
  draw_stamp (cr, 70.0, 31.0, 4.6, wobble);
  draw_text (cr, style->label_family, 2.2, TRUE, FALSE, "BỘ CÔNG AN", 70.0, 30.2, ALIGN_CENTER, 26,
             violet_blue);
  draw_text (cr, style->label_family, 1.5, FALSE, FALSE, "MINISTRY OF PUBLIC SECURITY", 70.0, 32.6,
             ALIGN_CENTER, 26, violet_blue);
  draw_mrz (cr, style, id);
  return TRUE;
}

cairo_surface_t *
synth_render_front (const SynthIdentity *identity, const SynthStyle *style,
                    cairo_surface_t *portrait, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (identity != NULL && style != NULL && portrait != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  cr = begin_card (&surface, style, FALSE);
  if (identity->layout == SYNTH_LAYOUT_CCCD_2021)
    ok = front_2021 (cr, identity, style, portrait, error);
  else
    ok = front_2024 (cr, identity, style, portrait, error);
  surface = end_card (cr, surface, ok);
  if (surface == NULL && error != NULL && *error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot draw the card front");
  return surface;
}

cairo_surface_t *
synth_render_back (const SynthIdentity *identity, const SynthStyle *style, GError **error)
{
  g_autoptr(GRand) wobble = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (identity != NULL && style != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  wobble = g_rand_new_with_seed ((guint32) (style->phase * 1e6));
  cr = begin_card (&surface, style, TRUE);
  if (identity->layout == SYNTH_LAYOUT_CCCD_2021)
    ok = back_2021 (cr, identity, style, wobble, error);
  else
    ok = back_2024 (cr, identity, style, wobble, error);
  surface = end_card (cr, surface, ok);
  if (surface == NULL && error != NULL && *error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot draw the card back");
  return surface;
}
