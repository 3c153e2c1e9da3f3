/* ekyc-card-frame.c — finding the card in a frame of any size and any quarter turn
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The detector (ekyc-cv-card.cpp) looks for a card lying across the picture, in a copy about
 * 640 px wide, and refines its edges on the picture itself. Cameras and scanners give other
 * pictures: a 640 × 480 webcam frame, a 4032 × 3024 phone photo, a phone held upright (the card's
 * long sides up and down), a card small on an A4 scan, a scan cut to the card's very edge. Here
 * a frame over DETECT_LONG_SIDE px is scaled down first (the edges refined on the smaller copy
 * are within a pixel or two of the frame's: the reader rectifies from the frame itself); the
 * frame is looked at turned a quarter turn too when the first look found no whole card (and
 * always on a frame taller than wide, the better of the two kept); and a frame shaped like a
 * card is given a grey border, so that a card cut out to its edge has an outline to be found.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ekyc/ekyc-card-detect.h"
#include "ekyc/ekyc-error.h"
#include "ekyc-card-frame-private.h"
#include "ekyc-i18n-private.h"
#include "ekyc-image-private.h"

/* Detection works on frames at most this long (the detector's own copy is 640 px wide). */
#define DETECT_LONG_SIDE 1600
/* A whole card found with this confidence ends the search (correct finds: 0.8–1.0) */
#define GOOD_CONFIDENCE  0.75
/* A frame is a card cut out when its aspect is within this factor of a card's, either way */
#define CUT_OUT_ASPECT   1.11
/* ...and is given a border of this fraction of its long side */
#define CUT_OUT_PAD      0.05
/* A card cut out fills its frame: a find narrower than this is an inner feature */
#define CUT_OUT_FILLS    0.8
/* The frame's own outline is a card only with a card's marks: a back's MRZ (its pitch score, as
 * in ekyc-card-detect.c), or a front's red emblem at its top-left (fronts 80–90; a face photo's
 * corner far less) */
#define MRZ_PITCH_BACK   0.55
#define EMBLEM_RED_FRONT 50.0
/* The reader reads a card at most this long (the factory's 1280 × 720 photos: 770–1150 px) */
#define READ_LONG_SIDE   1200
/* ...with this margin around it, as a fraction of its long side */
#define READ_MARGIN      0.12
/* A frame read whole is turned level when the portrait found in it is rolled this much */
#define MIN_ROLL         2.0

static double
distance (EkycPoint a, EkycPoint b)
{
  return hypot (a.x - b.x, a.y - b.y);
}

static void
map_point (const EkycCardFrameMap *map, EkycPoint *p)
{
  double u = p->x, v = p->y;

  p->x = (float) (map->m[0] * u + map->m[1] * v + map->m[2]);
  p->y = (float) (map->m[3] * u + map->m[4] * v + map->m[5]);
}

/* A picture of @frame: @crop (x, y, w, h) scaled to @width × @height, a border |@pad| wide (>0:
 * the edge repeated, <0: grey), turned @turns × 90° clockwise; @map receives the way back. */
static EkycImage *
make_picture (const EkycImage *frame, const int crop[4], int width, int height, int pad,
              int turns, EkycCardFrameMap *map, GError **error)
{
  EkycCvView view;
  g_autofree char *message = NULL;
  guint8 *bgr = NULL;
  int ow, oh, border = ABS (pad), pw = width + 2 * border, ph = height + 2 * border;
  double sx = (double) crop[2] / width, sy = (double) crop[3] / height;
  /* output (u, v) → padded picture (a, b) = A (u, v, 1) */
  double a[6];

  switch (turns & 3)
    {
    case 1: a[0] = 0, a[1] = 1, a[2] = 0, a[3] = -1, a[4] = 0, a[5] = ph; break;
    case 2: a[0] = -1, a[1] = 0, a[2] = pw, a[3] = 0, a[4] = -1, a[5] = ph; break;
    case 3: a[0] = 0, a[1] = -1, a[2] = pw, a[3] = 1, a[4] = 0, a[5] = 0; break;
    default: a[0] = 1, a[1] = 0, a[2] = 0, a[3] = 0, a[4] = 1, a[5] = 0; break;
    }
  /* (a, b) → frame: x = crop x + (a − pad) sx */
  map->m[0] = sx * a[0], map->m[1] = sx * a[1], map->m[2] = crop[0] + sx * (a[2] - border);
  map->m[3] = sy * a[3], map->m[4] = sy * a[4], map->m[5] = crop[1] + sy * (a[5] - border);
  _ekyc_image_get_view (frame, &view);
  if (!_ekyc_cv_frame_transform (&view, crop, width, height, pad, turns, &bgr, &ow, &oh,
                                 &message))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s", message);
      return NULL;
    }
  return ekyc_image_new_from_memory (bgr, ow, oh, (gsize) ow * 3, EKYC_PIXEL_FORMAT_BGR, g_free,
                                     bgr, error);
}

static gboolean
is_whole (const EkycCardDetection *det)
{
  return det->found && !(det->problems & EKYC_CARD_QUALITY_CUT_OFF);
}

/* The area of the quad found, px² */
static double
card_size (const EkycCardDetection *det)
{
  double area = 0;

  for (int i = 0; i < 4; i++)
    area += det->corners[i].x * det->corners[(i + 1) % 4].y
            - det->corners[(i + 1) % 4].x * det->corners[i].y;
  return fabs (area) / 2;
}

/* Better: a card beats none, a whole card one cut off, (in a frame cut to a card) one filling
 * it an inner feature, then the higher confidence. */
static gboolean
is_better (const EkycCardDetection *a, const EkycCardDetection *b, gboolean cut_out)
{
  if (a->found != b->found)
    return a->found;
  if (is_whole (a) != is_whole (b))
    return is_whole (a);
  if (cut_out && (a->width_fraction >= CUT_OUT_FILLS) != (b->width_fraction >= CUT_OUT_FILLS))
    return a->width_fraction >= CUT_OUT_FILLS;
  /* an inner feature (the portrait, the text block) found in one look and the card in the
   * other: the card is much the larger, found nearly as surely (as the detector's own rule) */
  if (card_size (a) > 1.5 * card_size (b) && a->confidence >= 0.75 * b->confidence)
    return TRUE;
  if (card_size (b) > 1.5 * card_size (a) && b->confidence >= 0.75 * a->confidence)
    return FALSE;
  return a->confidence > b->confidence;
}

/* Whether the card found on @frame shows a card's marks: a back's MRZ, or a front's emblem. */
static gboolean
has_card_marks (const EkycImage *frame, const EkycCardDetection *det)
{
  EkycCvView view;
  EkycCvCardStats stats;
  double corners[8];
  g_autofree char *message = NULL;

  for (int i = 0; i < 4; i++)
    {
      corners[2 * i] = det->corners[i].x;
      corners[2 * i + 1] = det->corners[i].y;
    }
  _ekyc_image_get_view (frame, &view);
  if (!_ekyc_cv_card_stats (&view, corners, &stats, &message))
    return FALSE;
  return MAX (stats.mrz_pitch, stats.mrz_pitch_turned) >= MRZ_PITCH_BACK
         || MAX (stats.emblem_red, stats.emblem_red_turned) >= EMBLEM_RED_FRONT;
}

void
_ekyc_card_frame_map_detection (const EkycCardFrameMap *map, int frame_width, int frame_height,
                                EkycCardDetection *det)
{
  double along, long_side;

  g_assert (map != NULL && det != NULL);
  if (!det->found)
    return;
  for (int i = 0; i < 4; i++)
    map_point (map, &det->corners[i]);
  /* the card's size against the frame's extent along its long sides (its height for a card
   * seen a quarter turned), and in pixels: a card too small to read either way */
  long_side = (distance (det->corners[0], det->corners[1])
               + distance (det->corners[3], det->corners[2])) / 2;
  along = fabs (det->corners[1].x - det->corners[0].x)
          >= fabs (det->corners[1].y - det->corners[0].y) ? frame_width : frame_height;
  det->width_fraction = (float) (long_side / along);
  det->problems &= ~EKYC_CARD_QUALITY_TOO_SMALL;
  if (long_side < EKYC_CARD_MIN_WIDTH_PX || det->width_fraction < EKYC_CARD_MIN_WIDTH_FRACTION)
    det->problems |= EKYC_CARD_QUALITY_TOO_SMALL;
}

/* @outer ∘ @inner: a point of @inner's picture taken through @inner, then @outer */
static EkycCardFrameMap
compose (const EkycCardFrameMap *outer, const EkycCardFrameMap *inner)
{
  const double *o = outer->m, *n = inner->m;

  return (EkycCardFrameMap) { {
    o[0] * n[0] + o[1] * n[3], o[0] * n[1] + o[1] * n[4], o[0] * n[2] + o[1] * n[5] + o[2],
    o[3] * n[0] + o[4] * n[3], o[3] * n[1] + o[4] * n[4], o[3] * n[2] + o[4] * n[5] + o[5],
  } };
}

/* One look at @base (the frame, scaled down by @to_frame): @turns quarter turns, a border of
 * kind @pad (0: none, 1: the edge repeated, -1: grey); the result in the frame. */
static gboolean
look (const EkycImage *frame, const EkycImage *base, const EkycCardFrameMap *to_frame,
      int frame_width, int frame_height, int pad, int turns, EkycCardDetection *out,
      GError **error)
{
  int w = ekyc_image_get_width (base), h = ekyc_image_get_height (base);
  int crop[4] = { 0, 0, w, h };
  int border = pad * (int) lround (CUT_OUT_PAD * MAX (w, h));
  g_autoptr(EkycImage) picture = NULL;
  EkycCardFrameMap map = { { 1, 0, 0, 0, 1, 0 } }, back;

  if (border == 0 && turns == 0)
    picture = ekyc_image_ref ((EkycImage *) base);
  else
    picture = make_picture (base, crop, w, h, border, turns, &map, error);
  if (picture == NULL || !_ekyc_card_detect_as_seen (picture, out, error))
    return FALSE;
  back = compose (to_frame, &map);
  _ekyc_card_frame_map_detection (&back, frame_width, frame_height, out);
  /* a card cut out, found in its border: its corners may lie a little outside the frame */
  if (border != 0 && out->found)
    {
      double slack = 1.5 * ABS (border) * to_frame->m[0] + 1.5 * ABS (border) * to_frame->m[1];
      gboolean outside = FALSE;

      slack = fabs (slack);
      for (int i = 0; i < 4; i++)
        outside |= out->corners[i].x < -slack || out->corners[i].y < -slack
                   || out->corners[i].x > frame_width + slack
                   || out->corners[i].y > frame_height + slack;
      if (outside)
        out->problems |= EKYC_CARD_QUALITY_CUT_OFF;
      /* in a grey border, the frame's own outline is always found: a photo shaped like a card
       * is no card without a card's marks */
      if (pad < 0 && !has_card_marks (frame, out))
        memset (out, 0, sizeof *out);
    }
  return TRUE;
}

gboolean
ekyc_card_detect (const EkycImage *image, EkycCardDetection *out, GError **error)
{
  int w, h;
  double scale, aspect;
  gboolean portrait, cut_out;
  EkycCardDetection det;
  g_autoptr(EkycImage) base = NULL;
  EkycCardFrameMap to_frame = { { 1, 0, 0, 0, 1, 0 } };
  /* as seen, then turned a quarter turn (on a frame taller than wide, both, the better kept),
   * then (a frame shaped like a card) with a border of its own edge, then a grey one, each as
   * seen and turned */
  static const struct { int pad, turns; } looks[] = {
    { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 }, { -1, 0 }, { -1, 1 },
  };

  g_return_val_if_fail (image != NULL && out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _ekyc_i18n_init ();
  w = ekyc_image_get_width (image);
  h = ekyc_image_get_height (image);
  scale = MIN (1.0, (double) DETECT_LONG_SIDE / MAX (w, h));
  portrait = h > w;
  aspect = portrait ? (double) h / w : (double) w / h;
  cut_out = aspect < EKYC_CARD_ASPECT * CUT_OUT_ASPECT && aspect > EKYC_CARD_ASPECT / CUT_OUT_ASPECT;
  if (scale < 1.0)
    {
      int crop[4] = { 0, 0, w, h };

      base = make_picture (image, crop, MAX (1, (int) lround (w * scale)),
                           MAX (1, (int) lround (h * scale)), 0, 0, &to_frame, error);
      if (base == NULL)
        return FALSE;
    }
  else
    base = ekyc_image_ref ((EkycImage *) image);

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    {
      gboolean enough = is_whole (out) && out->confidence >= GOOD_CONFIDENCE
                        && (!cut_out || out->width_fraction >= CUT_OUT_FILLS);

      if (i > 0 && enough && !(portrait && i == 1))
        break;
      if (looks[i].pad != 0 && !cut_out)
        break;
      if (!look (image, base, &to_frame, w, h, looks[i].pad, looks[i].turns,
                 i == 0 ? out : &det, error))
        return FALSE;
      /* turned, an inner feature standing up (the portrait, 20 × 30 mm) lies across like a
       * card: a find of a turned look must show a card's marks */
      if (i > 0 && looks[i].turns != 0 && det.found && !has_card_marks (image, &det))
        continue;
      if (i > 0 && is_better (&det, out, cut_out))
        *out = det;
    }
  return TRUE;
}

/* The quarter turns (0, 1 or 3) that set the card @det found upright: a card seen with its top
 * edge up or down the picture was photographed a quarter turned (a half turn is the reader's
 * own). */
static int
quarter_turns (const EkycCardDetection *det)
{
  EkycPoint top_left = det->corners[det->upside_down ? 2 : 0];
  EkycPoint top_right = det->corners[det->upside_down ? 3 : 1];
  double dx = top_right.x - top_left.x, dy = top_right.y - top_left.y;

  if (fabs (dy) <= fabs (dx))
    return 0;
  return dy > 0 ? 3 : 1;
}

int
_ekyc_card_upright_top_left (const EkycCardDetection *det)
{
  double best = -G_MAXDOUBLE;
  int k = 0;

  for (int i = 0; i < 4; i++)
    {
      EkycPoint a = det->corners[i], b = det->corners[(i + 1) % 4];
      double right = (b.x - a.x) / MAX (1e-6, hypot (b.x - a.x, b.y - a.y));

      if (right > best)
        best = right, k = i;
    }
  return k;
}

/* Is the find @det standing up the portrait of a card lying across (20 × 30 mm at 3.5 mm from
 * the left and 16 mm from the top of the 2021 front, 19.5 mm on the 2024 one)? Its card, predicted
 * from it set upright, shows the red emblem above it. A portrait's own colours can pass for a
 * turned card's emblem; the emblem where a portrait's card has it cannot. */
static gboolean
is_portrait_of_a_card (const EkycImage *frame, const EkycCardDetection *det)
{
  static const double card_mm[4][2] = { { 0, 0 }, { 85.6, 0 }, { 85.6, 54.0 }, { 0, 54.0 } };
  EkycCvView view;
  EkycCvCardStats stats;
  double corners[8];
  g_autofree char *message = NULL;
  EkycPoint tl, tr, bl;
  int k = _ekyc_card_upright_top_left (det);

  tl = det->corners[k];
  tr = det->corners[(k + 1) % 4];
  bl = det->corners[(k + 3) % 4];
  for (int i = 0; i < 4; i++)
    {
      double u = (card_mm[i][0] - 3.5) / 20.0, v = (card_mm[i][1] - 16.2) / 30.0;

      corners[2 * i] = tl.x + u * (tr.x - tl.x) + v * (bl.x - tl.x);
      corners[2 * i + 1] = tl.y + u * (tr.y - tl.y) + v * (bl.y - tl.y);
    }
  _ekyc_image_get_view (frame, &view);
  if (!_ekyc_cv_card_stats (&view, corners, &stats, &message))
    return FALSE;
  return stats.emblem_red >= EMBLEM_RED_FRONT;
}

/* The whole @frame turned by @degrees (counter-clockwise as seen) about its centre onto a canvas
 * that holds all of it, the edges' pixels repeated into the corners; @map receives the way back. */
static EkycImage *
turned_picture (const EkycImage *frame, double degrees, EkycCardFrameMap *map, GError **error)
{
  int w = ekyc_image_get_width (frame), h = ekyc_image_get_height (frame);
  double th = degrees * G_PI / 180, c = cos (th), sn = sin (th);
  int ow = (int) ceil (w * fabs (c) + h * fabs (sn)), oh = (int) ceil (w * fabs (sn) + h * fabs (c));
  /* the picture's axes in the frame: u along its rows, v down its columns */
  double ux = c, uy = sn, vx = -sn, vy = c;
  double x0 = w / 2.0 - ow / 2.0 * ux - oh / 2.0 * vx, y0 = h / 2.0 - ow / 2.0 * uy - oh / 2.0 * vy;
  double corners[8] = { x0, y0, x0 + ow * ux, y0 + ow * uy,
                        x0 + ow * ux + oh * vx, y0 + ow * uy + oh * vy,
                        x0 + oh * vx, y0 + oh * vy };

  *map = (EkycCardFrameMap) { { ux, vx, x0, uy, vy, y0 } };
  return _ekyc_card_warp (frame, corners, ow, oh, error);
}

/* The roll, in degrees, of the portrait @det standing up: the angle of its top edge (the edge
 * that runs most to the right), positive when it runs down to the right. */
static double
portrait_roll (const EkycCardDetection *det)
{
  int k = _ekyc_card_upright_top_left (det);
  EkycPoint a = det->corners[k], b = det->corners[(k + 1) % 4];

  return atan2 (b.y - a.y, b.x - a.x) * 180 / G_PI;
}

EkycImage *
_ekyc_card_frame_for_reading (const EkycImage *frame, EkycCardFrameMap *map, GError **error)
{
  int w = ekyc_image_get_width (frame), h = ekyc_image_get_height (frame);
  int crop[4] = { 0, 0, w, h }, turns = 0, sw, sh;
  double scale = 1.0;
  EkycCardDetection det;

  g_assert (frame != NULL && map != NULL);
  *map = (EkycCardFrameMap) { { 1, 0, 0, 0, 1, 0 } };
  if (!ekyc_card_detect (frame, &det, error))
    return NULL;
  turns = det.found ? quarter_turns (&det) : 0;
  /* a find standing up without a card's marks, or with the emblem above it where a portrait's
   * card has it, is an inner feature of a card lying across (the portrait, 20 × 30 mm): the
   * frame is read whole, as when no card was found */
  if (turns != 0 && (!has_card_marks (frame, &det) || is_portrait_of_a_card (frame, &det)))
    {
      /* the portrait's sides run along the card's: the frame is read turned by its roll, the
       * card's lines of text level (the page OCR reads a line a few degrees askew in pieces) */
      double roll = portrait_roll (&det);

      if (fabs (roll) >= MIN_ROLL && fabs (roll) <= 45 && MAX (w, h) <= DETECT_LONG_SIDE)
        return turned_picture (frame, roll, map, error);
      det.found = FALSE, turns = 0;
    }
  if (det.found)
    {
      double long_side = (distance (det.corners[0], det.corners[1])
                          + distance (det.corners[3], det.corners[2])) / 2;
      double margin = READ_MARGIN * long_side;
      float x0 = G_MAXFLOAT, y0 = G_MAXFLOAT, x1 = -G_MAXFLOAT, y1 = -G_MAXFLOAT;

      if (turns == 0 && MAX (w, h) <= DETECT_LONG_SIDE)
        return ekyc_image_ref ((EkycImage *) frame);
      for (int i = 0; i < 4; i++)
        {
          x0 = MIN (x0, det.corners[i].x), x1 = MAX (x1, det.corners[i].x);
          y0 = MIN (y0, det.corners[i].y), y1 = MAX (y1, det.corners[i].y);
        }
      crop[0] = CLAMP ((int) floor (x0 - margin), 0, w - 1);
      crop[1] = CLAMP ((int) floor (y0 - margin), 0, h - 1);
      crop[2] = CLAMP ((int) ceil (x1 + margin), crop[0] + 1, w) - crop[0];
      crop[3] = CLAMP ((int) ceil (y1 + margin), crop[1] + 1, h) - crop[1];
      scale = MIN (1.0, READ_LONG_SIDE / long_side);
    }
  else
    {
      double aspect = (double) h / w;

      /* no card found: a frame shaped like a card standing up is one cut out, turned */
      if (h > w && aspect < EKYC_CARD_ASPECT * CUT_OUT_ASPECT
          && aspect > EKYC_CARD_ASPECT / CUT_OUT_ASPECT)
        turns = 1;
      if (turns == 0 && MAX (w, h) <= DETECT_LONG_SIDE)
        return ekyc_image_ref ((EkycImage *) frame);
      scale = MIN (1.0, (double) DETECT_LONG_SIDE / MAX (w, h));
    }
  sw = MAX (1, (int) lround (crop[2] * scale));
  sh = MAX (1, (int) lround (crop[3] * scale));
  return make_picture (frame, crop, sw, sh, 0, turns, map, error);
}
