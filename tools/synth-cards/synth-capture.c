/* synth-capture.c — "photographs" a rendered card: background, pose, light, optics, sensor, JPEG
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Order of the simulated effects follows the light path: desk, card and its shadow (pose through
 * a pinhole camera), glare on the laminate, uneven light and white balance, lens blur, sensor
 * noise, then JPEG. The warp and the blur are OpenCV's (synth-cv.cpp), the rest is plain C.
 */
#define G_LOG_DOMAIN "synth-cards"

#include "config.h"

#include <gio/gio.h>
#include <math.h>

#include "synth-capture.h"
#include "synth-cv.h"
#include "synth-render.h"

typedef struct {
  double tilt_max, roll_max;      /* degrees */
  double scale_min, scale_max;    /* card width / frame width */
  double blur_min, blur_max;      /* Gaussian sigma, px */
  double noise_min, noise_max;    /* sensor noise sigma, 8-bit levels */
  double glare_chance, glare_min, glare_max;
  double bright_min, bright_max, light_gradient, white_balance;
  int    quality_min, quality_max;
} Grade;

static const Grade grades[] = {
  [SYNTH_DIFFICULTY_CLEAN] = { 0, 0, 0.60, 0.90, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 92, 95 },
  [SYNTH_DIFFICULTY_EASY] = { 15, 8, 0.60, 0.90, 0, 0.9, 0, 3, 0.3, 0.15, 0.45, 0.85, 1.15, 0.15,
                              0.03, 70, 95 },
  [SYNTH_DIFFICULTY_HARD] = { 30, 20, 0.35, 0.90, 0.4, 1.6, 3, 9, 0.7, 0.35, 0.85, 0.6, 1.35, 0.4,
                              0.06, 40, 75 },
};

const char *
synth_difficulty_to_string (SynthDifficulty difficulty)
{
  static const char *names[] = { "clean", "easy", "hard" };

  g_return_val_if_fail (difficulty <= SYNTH_DIFFICULTY_HARD, NULL);
  return names[difficulty];
}

/* Per-pixel randomness: xorshift64*, seeded from the card's GRand (GRand per pixel is slow). */
typedef struct { guint64 state; } Fast;

static Fast
fast_new (GRand *rand)
{
  guint64 high = g_rand_int (rand);
  guint64 low = g_rand_int (rand);

  return (Fast) { (high << 32 | low) | 1 };
}

static inline guint64
fast_next (Fast *f)
{
  f->state ^= f->state >> 12;
  f->state ^= f->state << 25;
  f->state ^= f->state >> 27;
  return f->state * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [−1, 1). */
static inline double
fast_uniform (Fast *f)
{
  return (double) (fast_next (f) >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

/* About N(0, 1): the sum of four uniform 16-bit numbers, centred and scaled (Irwin–Hall). */
static inline double
fast_gaussian (Fast *f)
{
  guint64 r = fast_next (f);
  double sum = (double) (r & 0xffff) + (double) ((r >> 16) & 0xffff)
               + (double) ((r >> 32) & 0xffff) + (double) (r >> 48);
  return (sum / 65536.0 - 2.0) * 1.7320508;
}

static inline guint8
clamp_byte (double v)
{
  return (guint8) (v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
}

/* ---- backgrounds ------------------------------------------------------------------------ */

static void
fill_plain (guint8 *data, int stride, int fw, int fh, GRand *rand)
{
  static const double desks[][3] = {
    { 0.86, 0.86, 0.84 }, { 0.36, 0.37, 0.39 }, { 0.55, 0.42, 0.30 }, { 0.14, 0.14, 0.16 },
    { 0.60, 0.66, 0.71 }, { 0.20, 0.36, 0.26 }, { 0.78, 0.72, 0.62 }, { 0.70, 0.74, 0.78 },
  };
  const double *base = desks[g_rand_int_range (rand, 0, G_N_ELEMENTS (desks))];
  double gx = g_rand_double_range (rand, -0.15, 0.15), gy = g_rand_double_range (rand, -0.15, 0.15);
  double ph = g_rand_double_range (rand, 0, 6.3);
  Fast fast = fast_new (rand);

  for (int y = 0; y < fh; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < fw; x++)
        {
          double k = 1 + gx * (x / (double) fw - 0.5) + gy * (y / (double) fh - 0.5)
                     + 0.03 * sin (x * 0.011 + ph) * sin (y * 0.013 - ph);
          double grain = 4 * fast_uniform (&fast);
          for (int c = 0; c < 3; c++)
            row[4 * x + c] = clamp_byte (255 * base[2 - c] * k + grain);
          row[4 * x + 3] = 255;
        }
    }
}

static void
fill_wood (guint8 *data, int stride, int fw, int fh, GRand *rand)
{
  double light[3] = { g_rand_double_range (rand, 0.62, 0.80), 0, 0 };
  double dark[3];
  double angle = g_rand_boolean (rand) ? g_rand_double_range (rand, -0.3, 0.3)
                                       : G_PI / 2 + g_rand_double_range (rand, -0.3, 0.3);
  double ca = cos (angle), sa = sin (angle), freq = g_rand_double_range (rand, 0.03, 0.09);
  double ph = g_rand_double_range (rand, 0, 6.3), warp = g_rand_double_range (rand, 10, 40);
  Fast fast = fast_new (rand);

  light[1] = light[0] * 0.72;
  light[2] = light[0] * 0.45;
  for (int c = 0; c < 3; c++)
    dark[c] = light[c] * g_rand_double_range (rand, 0.70, 0.85);
  for (int y = 0; y < fh; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < fw; x++)
        {
          double u = x * ca + y * sa, v = -x * sa + y * ca;
          /* growth rings stretched along the grain, bent slowly, plus fine fibre streaks */
          double bend = warp * sin (u * 0.0025 + ph) + 0.4 * warp * sin (u * 0.0061 + 2 * ph);
          double t = (v + bend) * freq * (1 + 0.35 * sin (u * 0.0013 + ph));
          double g = 0.5 + 0.5 * sin (t + 1.5 * sin (t * 0.37));
          double streak = sin ((v + bend) * 1.7) * sin ((v + bend) * 0.53 + ph);
          double n = 3 * fast_uniform (&fast) + 6 * streak;
          g = g * g * g;
          for (int c = 0; c < 3; c++)
            row[4 * x + c] = clamp_byte (255 * (light[2 - c] * (1 - g) + dark[2 - c] * g) + n);
          row[4 * x + 3] = 255;
        }
    }
}

static void
fill_paper (cairo_surface_t *frame, guint8 *data, int stride, int fw, int fh, GRand *rand)
{
  double white = g_rand_double_range (rand, 0.88, 0.98), warm = g_rand_double_range (rand, 0, 0.04);
  Fast fast = fast_new (rand);
  cairo_t *cr;

  for (int y = 0; y < fh; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < fw; x++)
        {
          double n = 2.5 * fast_uniform (&fast);
          row[4 * x + 0] = clamp_byte (255 * (white - warm) + n);
          row[4 * x + 1] = clamp_byte (255 * (white - warm / 2) + n);
          row[4 * x + 2] = clamp_byte (255 * white + n);
          row[4 * x + 3] = 255;
        }
    }
  cairo_surface_mark_dirty (frame);
  cr = cairo_create (frame);
  /* fibres, and sometimes the faint lines of a printed page under the card */
  cairo_set_line_width (cr, 0.6);
  for (int i = 0; i < 400; i++)
    {
      double x = g_rand_double_range (rand, 0, fw), y = g_rand_double_range (rand, 0, fh);
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.08);
      cairo_move_to (cr, x, y);
      cairo_rel_line_to (cr, g_rand_double_range (rand, -12, 12), g_rand_double_range (rand, -12, 12));
      cairo_stroke (cr);
    }
  if (g_rand_boolean (rand))
    {
      double pitch = g_rand_double_range (rand, 18, 30);
      cairo_set_source_rgba (cr, 0.2, 0.2, 0.25, 0.18);
      for (double y = g_rand_double_range (rand, 10, 40); y < fh; y += pitch)
        {
          double x = 60;
          while (x < fw - 60)
            {
              double word = g_rand_double_range (rand, 15, 70);
              cairo_rectangle (cr, x, y, MIN (word, fw - 60 - x), pitch * 0.35);
              x += word + g_rand_double_range (rand, 6, 12);
            }
        }
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (frame);
}

/* Other looks (--other-look): a checked tablecloth, a dark desk with pens and papers, a grid
 * of keys. */
static void
fill_other (cairo_surface_t *frame, int fw, int fh, GRand *other)
{
  cairo_t *cr = cairo_create (frame);
  int kind = g_rand_int_range (other, 0, 3);
  double r = g_rand_double_range (other, 0.2, 0.9), g = g_rand_double_range (other, 0.2, 0.9);
  double b = g_rand_double_range (other, 0.2, 0.9);

  if (kind == 0)
    {
      double pitch = g_rand_double_range (other, 25, 70);
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.93);
      cairo_paint (cr);
      cairo_set_source_rgba (cr, r, g, b, 0.55);
      for (double x = 0; x < fw; x += 2 * pitch)
        cairo_rectangle (cr, x, 0, pitch, fh);
      cairo_fill (cr);
      for (double y = 0; y < fh; y += 2 * pitch)
        cairo_rectangle (cr, 0, y, fw, pitch);
      cairo_fill (cr);
    }
  else if (kind == 1)
    {
      cairo_set_source_rgb (cr, r * 0.3, g * 0.3, b * 0.3);
      cairo_paint (cr);
      for (int i = 0; i < 12; i++)
        {
          double x = g_rand_double_range (other, -100, fw);
          double y = g_rand_double_range (other, -100, fh);
          cairo_save (cr);
          cairo_translate (cr, x, y);
          cairo_rotate (cr, g_rand_double_range (other, 0, G_PI));
          cairo_set_source_rgb (cr, g_rand_double (other), g_rand_double (other),
                                g_rand_double (other));
          if (g_rand_boolean (other))
            cairo_rectangle (cr, 0, 0, g_rand_double_range (other, 150, 400),
                             g_rand_double_range (other, 6, 14));        /* a pen */
          else
            cairo_rectangle (cr, 0, 0, g_rand_double_range (other, 150, 300),
                             g_rand_double_range (other, 150, 300));     /* a sheet */
          cairo_fill (cr);
          cairo_restore (cr);
        }
    }
  else
    {
      double pitch = g_rand_double_range (other, 40, 60);
      cairo_set_source_rgb (cr, 0.12, 0.12, 0.13);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.30 + r * 0.1, 0.30 + r * 0.1, 0.32 + r * 0.1);
      for (double y = 4; y < fh; y += pitch)
        for (double x = 4 + fmod (y, pitch / 2); x < fw; x += pitch)
          cairo_rectangle (cr, x, y, pitch - 8, pitch - 8);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (frame);
}

/* A colour cast (a lamp's or a phone's white balance) and a vignette. */
static void
apply_other_light (guint8 *data, int stride, int fw, int fh, GRand *other)
{
  double cast[3], strength = g_rand_double_range (other, 0.1, 0.45);

  for (int c = 0; c < 3; c++)
    cast[c] = 1 + g_rand_double_range (other, -0.12, 0.12);
  for (int y = 0; y < fh; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < fw; x++)
        {
          double dx = x / (fw / 2.0) - 1, dy = y / (fh / 2.0) - 1;
          double k = 1 - strength * (dx * dx + dy * dy) / 2;
          for (int c = 0; c < 3; c++)
            row[4 * x + c] = clamp_byte (row[4 * x + c] * k * cast[c]);
        }
    }
}

/* ---- pose ------------------------------------------------------------------------------- */

/* Rolls the card in its plane, tilts it about an axis in that plane, projects it through a
 * pinhole camera, then scales and moves it to a random place that keeps it whole. */
static void
choose_pose (const Grade *grade, int cw, int ch, int fw, int fh, GRand *rand, double quad[8])
{
  const double corners[4][2] = { { -cw / 2.0, -ch / 2.0 }, { cw / 2.0, -ch / 2.0 },
                                 { cw / 2.0, ch / 2.0 }, { -cw / 2.0, ch / 2.0 } };
  double roll = g_rand_double_range (rand, -1, 1) * grade->roll_max * G_PI / 180;
  double tilt = g_rand_double_range (rand, 0, 1) * grade->tilt_max * G_PI / 180;
  double axis = g_rand_double_range (rand, 0, 2 * G_PI);
  double ux = cos (axis), uy = sin (axis), c = cos (tilt), s = sin (tilt);
  double distance = 1.8 * cw;
  double minx = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, miny = G_MAXDOUBLE, maxy = -G_MAXDOUBLE;
  double scale, fraction, dx, dy, margin = 6;

  for (int i = 0; i < 4; i++)
    {
      double x = corners[i][0] * cos (roll) - corners[i][1] * sin (roll);
      double y = corners[i][0] * sin (roll) + corners[i][1] * cos (roll);
      /* Rodrigues about u = (ux, uy, 0): v cosθ + (u × v) sinθ + u (u·v)(1 − cosθ) */
      double dot = ux * x + uy * y;
      double px = x * c + ux * dot * (1 - c);
      double py = y * c + uy * dot * (1 - c);
      double pz = (ux * y - uy * x) * s;
      quad[2 * i] = distance * px / (distance + pz);
      quad[2 * i + 1] = distance * py / (distance + pz);
      minx = MIN (minx, quad[2 * i]);
      maxx = MAX (maxx, quad[2 * i]);
      miny = MIN (miny, quad[2 * i + 1]);
      maxy = MAX (maxy, quad[2 * i + 1]);
    }
  fraction = g_rand_double_range (rand, grade->scale_min, grade->scale_max);
  scale = fraction * fw / (maxx - minx);
  scale = MIN (scale, (fh - 2 * margin) / (maxy - miny));
  scale = MIN (scale, (fw - 2 * margin) / (maxx - minx));
  dx = g_rand_double_range (rand, margin - minx * scale,
                            fw - margin - maxx * scale + 1e-9);
  dy = g_rand_double_range (rand, margin - miny * scale,
                            fh - margin - maxy * scale + 1e-9);
  for (int i = 0; i < 4; i++)
    {
      quad[2 * i] = quad[2 * i] * scale + dx;
      quad[2 * i + 1] = quad[2 * i + 1] * scale + dy;
    }
}

/* ---- light and sensor ------------------------------------------------------------------- */

static void
add_glare (cairo_surface_t *frame, const Grade *grade, const double quad[8], GRand *rand)
{
  double w[4], sum = 0, cx = 0, cy = 0, width, rx, alpha;
  cairo_pattern_t *spot;
  cairo_t *cr;

  for (int i = 0; i < 4; i++)
    sum += w[i] = g_rand_double (rand) + 0.05;
  for (int i = 0; i < 4; i++)
    {
      cx += quad[2 * i] * w[i] / sum;
      cy += quad[2 * i + 1] * w[i] / sum;
    }
  width = hypot (quad[2] - quad[0], quad[3] - quad[1]);
  rx = width * g_rand_double_range (rand, 0.08, 0.28);
  alpha = g_rand_double_range (rand, grade->glare_min, grade->glare_max);

  cairo_surface_mark_dirty (frame);
  cr = cairo_create (frame);
  cairo_translate (cr, cx, cy);
  cairo_rotate (cr, g_rand_double_range (rand, 0, G_PI));
  cairo_scale (cr, rx, rx * g_rand_double_range (rand, 0.35, 1.0));
  spot = cairo_pattern_create_radial (0, 0, 0, 0, 0, 1);
  cairo_pattern_add_color_stop_rgba (spot, 0.0, 1, 1, 0.98, alpha);
  cairo_pattern_add_color_stop_rgba (spot, 0.4, 1, 1, 0.98, alpha * 0.75);
  cairo_pattern_add_color_stop_rgba (spot, 1.0, 1, 1, 0.98, 0);
  cairo_set_source (cr, spot);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (spot);
  cairo_destroy (cr);
  cairo_surface_flush (frame);
}

static void
apply_light (guint8 *data, int stride, int fw, int fh, const Grade *grade, GRand *rand)
{
  double bright = g_rand_double_range (rand, grade->bright_min, grade->bright_max + 1e-9);
  double angle = g_rand_double_range (rand, 0, 2 * G_PI);
  double gx = cos (angle) * grade->light_gradient, gy = sin (angle) * grade->light_gradient;
  double balance[3];

  if (grade->light_gradient == 0 && bright == 1 && grade->white_balance == 0)
    return;
  for (int c = 0; c < 3; c++)
    balance[c] = 1 + g_rand_double_range (rand, -1, 1) * grade->white_balance;
  for (int y = 0; y < fh; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < fw; x++)
        {
          double k = bright * (1 + gx * (x / (double) fw - 0.5) + gy * (y / (double) fh - 0.5));
          for (int c = 0; c < 3; c++)
            row[4 * x + c] = clamp_byte (row[4 * x + c] * k * balance[c]);
        }
    }
}

static void
add_noise (guint8 *data, int stride, int fw, int fh, double sigma, GRand *rand)
{
  Fast fast = fast_new (rand);

  if (sigma <= 0)
    return;
  for (int y = 0; y < fh; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < fw; x++)
        {
          /* mostly luminance noise, a little per channel */
          double luma = fast_gaussian (&fast) * sigma;
          for (int c = 0; c < 3; c++)
            row[4 * x + c] = clamp_byte (row[4 * x + c] + luma + fast_uniform (&fast) * sigma * 0.3);
        }
    }
}

static gboolean
cv_failed (GError **error, char *message)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message ? message : "OpenCV failed");
  g_free (message);
  return FALSE;
}

/* ---- scans and framing ------------------------------------------------------------------ */

typedef struct {
  double roll_max;             /* degrees: the card laid a little askew on the glass */
  double blur_min, blur_max;   /* σ at 300 dpi */
  double noise_min, noise_max;
  int    quality_min, quality_max;
} ScanGrade;

static const ScanGrade scan_grades[] = {
  [SYNTH_DIFFICULTY_CLEAN] = { 1, 0, 0, 0, 0, 92, 95 },
  [SYNTH_DIFFICULTY_EASY] = { 4, 0.3, 0.8, 0.5, 2, 80, 95 },
  [SYNTH_DIFFICULTY_HARD] = { 8, 0.6, 1.4, 1.5, 4, 60, 85 },
};

/* The white lid of a flatbed scanner behind the page: nearly white, a faint tint, the glass's
 * dust as grain. */
static void
fill_lid (guint8 *data, int stride, int fw, int fh, GRand *rand)
{
  double white = g_rand_double_range (rand, 0.93, 0.99), tint = g_rand_double_range (rand, -0.02, 0.02);
  Fast fast = fast_new (rand);

  for (int y = 0; y < fh; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < fw; x++)
        {
          double n = 1.5 * fast_uniform (&fast);
          row[4 * x + 0] = clamp_byte (255 * (white - tint) + n);
          row[4 * x + 1] = clamp_byte (255 * white + n);
          row[4 * x + 2] = clamp_byte (255 * (white + tint) + n);
          row[4 * x + 3] = 255;
        }
    }
}

/* The card flat on the glass at its real size for @dpi, turned @turn degrees and a little
 * askew; half the time against the glass's origin corner (top left), else anywhere. */
static void
place_on_glass (const ScanGrade *grade, int cw, int ch, int fw, int fh, int dpi, int turn,
                GRand *rand, double quad[8])
{
  const double corners[4][2] = { { -cw / 2.0, -ch / 2.0 }, { cw / 2.0, -ch / 2.0 },
                                 { cw / 2.0, ch / 2.0 }, { -cw / 2.0, ch / 2.0 } };
  double scale = SYNTH_CARD_WIDTH_MM / 25.4 * dpi / cw;
  double roll = (turn + g_rand_double_range (rand, -1, 1) * grade->roll_max) * G_PI / 180;
  double minx = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, miny = G_MAXDOUBLE, maxy = -G_MAXDOUBLE;
  double margin = 3 / 25.4 * dpi, dx, dy;

  for (int i = 0; i < 4; i++)
    {
      quad[2 * i] = scale * (corners[i][0] * cos (roll) - corners[i][1] * sin (roll));
      quad[2 * i + 1] = scale * (corners[i][0] * sin (roll) + corners[i][1] * cos (roll));
      minx = MIN (minx, quad[2 * i]);
      maxx = MAX (maxx, quad[2 * i]);
      miny = MIN (miny, quad[2 * i + 1]);
      maxy = MAX (maxy, quad[2 * i + 1]);
    }
  if (g_rand_boolean (rand))
    {
      dx = g_rand_double_range (rand, 1, 12) / 25.4 * dpi - minx;
      dy = g_rand_double_range (rand, 1, 12) / 25.4 * dpi - miny;
    }
  else
    {
      dx = g_rand_double_range (rand, margin - minx, fw - margin - maxx);
      dy = g_rand_double_range (rand, margin - miny, fh - margin - maxy);
    }
  for (int i = 0; i < 4; i++)
    {
      quad[2 * i] += dx;
      quad[2 * i + 1] += dy;
    }
}

/* The picture turned @turn degrees clockwise (90, 180, 270) into a new buffer; the corners
 * follow (pixel-edge coordinates). */
static guint8 *
turn_pixels (const guint8 *data, int stride, int *fw, int *fh, int turn, double corners[8])
{
  int w = *fw, h = *fh, ow = turn == 180 ? w : h, oh = turn == 180 ? h : w;
  guint32 *out = g_new (guint32, (gsize) ow * oh);

  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      for (int x = 0; x < w; x++)
        {
          int nx = turn == 90 ? h - 1 - y : turn == 180 ? w - 1 - x : y;
          int ny = turn == 90 ? x : turn == 180 ? h - 1 - y : w - 1 - x;
          out[(gsize) ny * ow + nx] = row[x];
        }
    }
  for (int i = 0; i < 4; i++)
    {
      double x = corners[2 * i], y = corners[2 * i + 1];
      corners[2 * i] = turn == 90 ? h - y : turn == 180 ? w - x : y;
      corners[2 * i + 1] = turn == 90 ? x : turn == 180 ? h - y : w - x;
    }
  *fw = ow;
  *fh = oh;
  return (guint8 *) out;
}

/* The window of the picture that holds the card and a margin of 0–8 px (none a third of the
 * time); the corners move into it. */
static void
crop_window (int fw, int fh, GRand *rand, double corners[8], int window[4])
{
  double minx = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, miny = G_MAXDOUBLE, maxy = -G_MAXDOUBLE;
  int margin = g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 1, 9);

  for (int i = 0; i < 4; i++)
    {
      minx = MIN (minx, corners[2 * i]);
      maxx = MAX (maxx, corners[2 * i]);
      miny = MIN (miny, corners[2 * i + 1]);
      maxy = MAX (maxy, corners[2 * i + 1]);
    }
  window[0] = CLAMP ((int) floor (minx) - margin, 0, fw - 1);
  window[1] = CLAMP ((int) floor (miny) - margin, 0, fh - 1);
  window[2] = CLAMP ((int) ceil (maxx) + margin, window[0] + 1, fw) - window[0];
  window[3] = CLAMP ((int) ceil (maxy) + margin, window[1] + 1, fh) - window[1];
  for (int i = 0; i < 4; i++)
    {
      corners[2 * i] -= window[0];
      corners[2 * i + 1] -= window[1];
    }
}

gboolean
synth_capture_photograph (cairo_surface_t *card, SynthDifficulty difficulty, GRand *rand,
                          const char *path, double corners[8], GError **error)
{
  return synth_capture_photograph_other (card, difficulty, rand, NULL, path, corners, error);
}

gboolean
synth_capture_photograph_other (cairo_surface_t *card, SynthDifficulty difficulty, GRand *rand,
                                GRand *other, const char *path, double corners[8],
                                GError **error)
{
  SynthShot shot = SYNTH_SHOT_DEFAULT;

  return synth_capture_shoot (card, difficulty, rand, other, &shot, path, corners, NULL, NULL,
                              error);
}

gboolean
synth_capture_shoot (cairo_surface_t *card, SynthDifficulty difficulty, GRand *rand,
                     GRand *other, const SynthShot *shot, const char *path, double corners[8],
                     int size[2], int *turn_out, GError **error)
{
  static const int turns[] = { 0, 90, 180, 270 };
  const Grade *grade;
  const ScanGrade *scan = NULL;
  cairo_surface_t *frame = NULL;
  g_autofree guint8 *turned = NULL;
  guint8 *data;
  int stride, fw, fh, turn, window[4];
  char *message = NULL;
  gboolean ok = FALSE;
  double shadow, blur, dots = 1;

  g_return_val_if_fail (card != NULL && rand != NULL && path != NULL && corners != NULL, FALSE);
  g_return_val_if_fail (shot != NULL && (shot->turn == -1 || (shot->turn >= 0 && shot->turn % 90 == 0)), FALSE);
  g_return_val_if_fail (shot->scan_dpi > 0 || (shot->width > 0 && shot->height > 0), FALSE);
  g_return_val_if_fail (difficulty <= SYNTH_DIFFICULTY_HARD, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  grade = &grades[difficulty];
  turn = shot->turn >= 0 ? shot->turn % 360 : turns[g_rand_int_range (rand, 0, 4)];

  if (shot->scan_dpi > 0)
    {
      /* an A4 portrait page (210 × 297 mm); the card turns on the glass, the page stays */
      scan = &scan_grades[difficulty];
      dots = shot->scan_dpi / 300.0;
      fw = (int) lround (210 / 25.4 * shot->scan_dpi);
      fh = (int) lround (297 / 25.4 * shot->scan_dpi);
    }
  else
    {
      /* a photo turned a quarter turn is taken in the frame turned the other way, then turned */
      gboolean across = turn == 90 || turn == 270;
      fw = across ? shot->height : shot->width;
      fh = across ? shot->width : shot->height;
    }
  frame = cairo_image_surface_create (CAIRO_FORMAT_RGB24, fw, fh);
  cairo_surface_flush (frame);
  data = cairo_image_surface_get_data (frame);
  stride = cairo_image_surface_get_stride (frame);
  if (scan != NULL)
    fill_lid (data, stride, fw, fh, rand);
  else
    switch (g_rand_int_range (rand, 0, 3))
      {
      case 0:
        fill_plain (data, stride, fw, fh, rand);
        break;
      case 1:
        fill_wood (data, stride, fw, fh, rand);
        break;
      default:
        fill_paper (frame, data, stride, fw, fh, rand);
        break;
      }
  /* half the other-look photos on a background of their own */
  if (scan == NULL && other != NULL && g_rand_boolean (other))
    fill_other (frame, fw, fh, other);

  cairo_surface_flush (card);
  if (scan != NULL)
    place_on_glass (scan, cairo_image_surface_get_width (card),
                    cairo_image_surface_get_height (card), fw, fh, shot->scan_dpi, turn, rand,
                    corners);
  else
    choose_pose (grade, cairo_image_surface_get_width (card),
                 cairo_image_surface_get_height (card), fw, fh, rand, corners);
  /* a scanner's light grazes the card's edge: a thin, faint shadow */
  shadow = scan != NULL ? g_rand_double_range (rand, 0.1, 0.3) : g_rand_double_range (rand, 0.15, 0.45);
  if (!synth_cv_composite (cairo_image_surface_get_data (card), cairo_image_surface_get_width (card),
                           cairo_image_surface_get_height (card),
                           cairo_image_surface_get_stride (card), data, fw, fh, stride, corners,
                           scan != NULL ? dots * g_rand_double_range (rand, -2, 2)
                                        : g_rand_double_range (rand, -6, 6),
                           scan != NULL ? dots * g_rand_double_range (rand, 0, 2)
                                        : g_rand_double_range (rand, 2, 9),
                           scan != NULL ? dots * g_rand_double_range (rand, 0.8, 1.5)
                                        : g_rand_double_range (rand, 3, 10),
                           shadow, &message))
    goto out;

  if (scan == NULL)
    {
      if (g_rand_double (rand) < grade->glare_chance)
        add_glare (frame, grade, corners, rand);
      apply_light (data, stride, fw, fh, grade, rand);
      if (other != NULL)
        apply_other_light (data, stride, fw, fh, other);
      blur = g_rand_double_range (rand, grade->blur_min, grade->blur_max + 1e-9);
    }
  else
    blur = dots * g_rand_double_range (rand, scan->blur_min, scan->blur_max + 1e-9);
  if (!synth_cv_blur (data, fw, fh, stride, blur, &message))
    goto out;
  add_noise (data, stride, fw, fh,
             scan != NULL ? g_rand_double_range (rand, scan->noise_min, scan->noise_max + 1e-9)
                          : g_rand_double_range (rand, grade->noise_min, grade->noise_max + 1e-9),
             rand);
  if (scan == NULL && turn != 0)
    {
      data = turned = turn_pixels (data, stride, &fw, &fh, turn, corners);
      stride = fw * 4;
    }
  if (shot->crop)
    {
      crop_window (fw, fh, rand, corners, window);
      data += (gsize) window[1] * stride + (gsize) window[0] * 4;
      fw = window[2];
      fh = window[3];
    }
  if (!synth_cv_write_jpeg (data, fw, fh, stride,
                            scan != NULL ? g_rand_int_range (rand, scan->quality_min,
                                                             scan->quality_max + 1)
                                         : g_rand_int_range (rand, grade->quality_min,
                                                             grade->quality_max + 1),
                            path, &message))
    goto out;
  if (size != NULL)
    size[0] = fw, size[1] = fh;
  if (turn_out != NULL)
    *turn_out = turn;
  ok = TRUE;

out:
  cairo_surface_destroy (frame);
  if (!ok)
    return cv_failed (error, message);
  return TRUE;
}
