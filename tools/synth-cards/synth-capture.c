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
fill_plain (guint8 *data, int stride, GRand *rand)
{
  static const double desks[][3] = {
    { 0.86, 0.86, 0.84 }, { 0.36, 0.37, 0.39 }, { 0.55, 0.42, 0.30 }, { 0.14, 0.14, 0.16 },
    { 0.60, 0.66, 0.71 }, { 0.20, 0.36, 0.26 }, { 0.78, 0.72, 0.62 }, { 0.70, 0.74, 0.78 },
  };
  const double *base = desks[g_rand_int_range (rand, 0, G_N_ELEMENTS (desks))];
  double gx = g_rand_double_range (rand, -0.15, 0.15), gy = g_rand_double_range (rand, -0.15, 0.15);
  double ph = g_rand_double_range (rand, 0, 6.3);
  Fast fast = fast_new (rand);

  for (int y = 0; y < SYNTH_FRAME_HEIGHT; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < SYNTH_FRAME_WIDTH; x++)
        {
          double k = 1 + gx * (x / 1280.0 - 0.5) + gy * (y / 720.0 - 0.5)
                     + 0.03 * sin (x * 0.011 + ph) * sin (y * 0.013 - ph);
          double grain = 4 * fast_uniform (&fast);
          for (int c = 0; c < 3; c++)
            row[4 * x + c] = clamp_byte (255 * base[2 - c] * k + grain);
          row[4 * x + 3] = 255;
        }
    }
}

static void
fill_wood (guint8 *data, int stride, GRand *rand)
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
  for (int y = 0; y < SYNTH_FRAME_HEIGHT; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < SYNTH_FRAME_WIDTH; x++)
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
fill_paper (cairo_surface_t *frame, guint8 *data, int stride, GRand *rand)
{
  double white = g_rand_double_range (rand, 0.88, 0.98), warm = g_rand_double_range (rand, 0, 0.04);
  Fast fast = fast_new (rand);
  cairo_t *cr;

  for (int y = 0; y < SYNTH_FRAME_HEIGHT; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < SYNTH_FRAME_WIDTH; x++)
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
      double x = g_rand_double_range (rand, 0, 1280), y = g_rand_double_range (rand, 0, 720);
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.08);
      cairo_move_to (cr, x, y);
      cairo_rel_line_to (cr, g_rand_double_range (rand, -12, 12), g_rand_double_range (rand, -12, 12));
      cairo_stroke (cr);
    }
  if (g_rand_boolean (rand))
    {
      double pitch = g_rand_double_range (rand, 18, 30);
      cairo_set_source_rgba (cr, 0.2, 0.2, 0.25, 0.18);
      for (double y = g_rand_double_range (rand, 10, 40); y < 720; y += pitch)
        {
          double x = 60;
          while (x < 1220)
            {
              double word = g_rand_double_range (rand, 15, 70);
              cairo_rectangle (cr, x, y, MIN (word, 1220 - x), pitch * 0.35);
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
fill_other (cairo_surface_t *frame, GRand *other)
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
      for (double x = 0; x < SYNTH_FRAME_WIDTH; x += 2 * pitch)
        cairo_rectangle (cr, x, 0, pitch, SYNTH_FRAME_HEIGHT);
      cairo_fill (cr);
      for (double y = 0; y < SYNTH_FRAME_HEIGHT; y += 2 * pitch)
        cairo_rectangle (cr, 0, y, SYNTH_FRAME_WIDTH, pitch);
      cairo_fill (cr);
    }
  else if (kind == 1)
    {
      cairo_set_source_rgb (cr, r * 0.3, g * 0.3, b * 0.3);
      cairo_paint (cr);
      for (int i = 0; i < 12; i++)
        {
          double x = g_rand_double_range (other, -100, SYNTH_FRAME_WIDTH);
          double y = g_rand_double_range (other, -100, SYNTH_FRAME_HEIGHT);
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
      for (double y = 4; y < SYNTH_FRAME_HEIGHT; y += pitch)
        for (double x = 4 + fmod (y, pitch / 2); x < SYNTH_FRAME_WIDTH; x += pitch)
          cairo_rectangle (cr, x, y, pitch - 8, pitch - 8);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (frame);
}

/* A colour cast (a lamp's or a phone's white balance) and a vignette. */
static void
apply_other_light (guint8 *data, int stride, GRand *other)
{
  double cast[3], strength = g_rand_double_range (other, 0.1, 0.45);

  for (int c = 0; c < 3; c++)
    cast[c] = 1 + g_rand_double_range (other, -0.12, 0.12);
  for (int y = 0; y < SYNTH_FRAME_HEIGHT; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < SYNTH_FRAME_WIDTH; x++)
        {
          double dx = x / 640.0 - 1, dy = y / 360.0 - 1;
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
choose_pose (const Grade *grade, int cw, int ch, GRand *rand, double quad[8])
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
  scale = fraction * SYNTH_FRAME_WIDTH / (maxx - minx);
  scale = MIN (scale, (SYNTH_FRAME_HEIGHT - 2 * margin) / (maxy - miny));
  scale = MIN (scale, (SYNTH_FRAME_WIDTH - 2 * margin) / (maxx - minx));
  dx = g_rand_double_range (rand, margin - minx * scale,
                            SYNTH_FRAME_WIDTH - margin - maxx * scale + 1e-9);
  dy = g_rand_double_range (rand, margin - miny * scale,
                            SYNTH_FRAME_HEIGHT - margin - maxy * scale + 1e-9);
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
apply_light (guint8 *data, int stride, const Grade *grade, GRand *rand)
{
  double bright = g_rand_double_range (rand, grade->bright_min, grade->bright_max + 1e-9);
  double angle = g_rand_double_range (rand, 0, 2 * G_PI);
  double gx = cos (angle) * grade->light_gradient, gy = sin (angle) * grade->light_gradient;
  double balance[3];

  if (grade->light_gradient == 0 && bright == 1 && grade->white_balance == 0)
    return;
  for (int c = 0; c < 3; c++)
    balance[c] = 1 + g_rand_double_range (rand, -1, 1) * grade->white_balance;
  for (int y = 0; y < SYNTH_FRAME_HEIGHT; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < SYNTH_FRAME_WIDTH; x++)
        {
          double k = bright * (1 + gx * (x / 1280.0 - 0.5) + gy * (y / 720.0 - 0.5));
          for (int c = 0; c < 3; c++)
            row[4 * x + c] = clamp_byte (row[4 * x + c] * k * balance[c]);
        }
    }
}

static void
add_noise (guint8 *data, int stride, double sigma, GRand *rand)
{
  Fast fast = fast_new (rand);

  if (sigma <= 0)
    return;
  for (int y = 0; y < SYNTH_FRAME_HEIGHT; y++)
    {
      guint8 *row = data + (gsize) y * stride;
      for (int x = 0; x < SYNTH_FRAME_WIDTH; x++)
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
  const Grade *grade;
  cairo_surface_t *frame = NULL;
  guint8 *data;
  int stride;
  char *message = NULL;
  gboolean ok = FALSE;
  double shadow;

  g_return_val_if_fail (card != NULL && rand != NULL && path != NULL && corners != NULL, FALSE);
  g_return_val_if_fail (difficulty <= SYNTH_DIFFICULTY_HARD, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  grade = &grades[difficulty];

  frame = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SYNTH_FRAME_WIDTH, SYNTH_FRAME_HEIGHT);
  cairo_surface_flush (frame);
  data = cairo_image_surface_get_data (frame);
  stride = cairo_image_surface_get_stride (frame);
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      fill_plain (data, stride, rand);
      break;
    case 1:
      fill_wood (data, stride, rand);
      break;
    default:
      fill_paper (frame, data, stride, rand);
      break;
    }
  /* half the other-look photos on a background of their own */
  if (other != NULL && g_rand_boolean (other))
    fill_other (frame, other);

  cairo_surface_flush (card);
  choose_pose (grade, cairo_image_surface_get_width (card), cairo_image_surface_get_height (card),
               rand, corners);
  shadow = g_rand_double_range (rand, 0.15, 0.45);
  if (!synth_cv_composite (cairo_image_surface_get_data (card), cairo_image_surface_get_width (card),
                           cairo_image_surface_get_height (card),
                           cairo_image_surface_get_stride (card), data, SYNTH_FRAME_WIDTH,
                           SYNTH_FRAME_HEIGHT, stride, corners, g_rand_double_range (rand, -6, 6),
                           g_rand_double_range (rand, 2, 9), g_rand_double_range (rand, 3, 10),
                           shadow, &message))
    goto out;

  if (g_rand_double (rand) < grade->glare_chance)
    add_glare (frame, grade, corners, rand);
  apply_light (data, stride, grade, rand);
  if (other != NULL)
    apply_other_light (data, stride, other);
  if (!synth_cv_blur (data, SYNTH_FRAME_WIDTH, SYNTH_FRAME_HEIGHT, stride,
                      g_rand_double_range (rand, grade->blur_min, grade->blur_max + 1e-9),
                      &message))
    goto out;
  add_noise (data, stride, g_rand_double_range (rand, grade->noise_min, grade->noise_max + 1e-9),
             rand);
  if (!synth_cv_write_jpeg (data, SYNTH_FRAME_WIDTH, SYNTH_FRAME_HEIGHT, stride,
                            g_rand_int_range (rand, grade->quality_min, grade->quality_max + 1),
                            path, &message))
    goto out;
  ok = TRUE;

out:
  cairo_surface_destroy (frame);
  if (!ok)
    return cv_failed (error, message);
  return TRUE;
}
