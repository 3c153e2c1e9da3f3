/* ekyc-card-read.c — one side of a card: find, rectify, OCR by labels, side and layout, QR, portrait
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-card-read.h"
#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-id-number.h"
#include "ekyc/ekyc-qr-decode.h"
#include "ekyc-card-fields-private.h"
#include "ekyc-card-frame-private.h"
#include "ekyc-card-line-private.h"
#include "ekyc-card-ocr-private.h"
#include "ekyc-card-read-private.h"
#include "ekyc-card-text-private.h"
#include "ekyc-i18n-private.h"
#include "ekyc-mrz-read-private.h"

/* Sparse text: labels and values as separate lines, whatever the layout. */
#define PSM_SPARSE 11
/* One line: a value read again alone. */
#define PSM_LINE 7
/* A value line is read again on its own at this scale of the 1000 px card (marks need pixels). */
#define REREAD_SCALE 2.0
/* ...and that reading kept when Tesseract is this much surer of it */
#define REREAD_MARGIN 0.02f
/* ...or taken word by word, unless it is this much less sure of the line (strokes of the
 * pattern read as "^" in place of a garbled label word) */
#define WORDS_MARGIN 0.15f
/* A name's word read again, its marks whole, gives way to the page's only when Tesseract is this
 * much surer of the page's: its word confidences at 1× and 2× compare poorly (THỦ 0.85 at 1×,
 * THU 0.76 at 2×, as printed), and a mark is the whole difference between two names. */
#define NAME_PAGE_MARGIN 0.25f
/* A one-line value read again is read as cut after its label, then up to a wide gap (the next
 * column's text left out, when there is one), and that stretched wider */
static const struct { gboolean cut; double stretch; } value_looks[] = {
  { FALSE, 1.0 }, { TRUE, 1.0 }, { TRUE, 2.0 }, { TRUE, 3.0 },
};
/* A line the page OCR read in pieces, read again whole with more words (those it lost between
 * the pieces) and at least this sure, is taken whole */
#define JOINED_SURE 0.8f
/* An address's house number is read again alone at this scale, digits and slash only */
#define HOUSE_NUMBER_SCALE 3.0
/* A one-line value the page OCR is less sure of than this is read again alone */
#define DOUBTFUL 0.6f
/* A card side shows at least this many labels and titles: fewer, and the outline may be wrong. */
#define FEW_LABELS 3
/* A portrait cut out of the picture by its own outline is this wide (about 15 px a mm) */
#define PORTRAIT_WIDTH 300


EkycCardReader *
ekyc_card_reader_new (const char *tessdata_dir, GError **error)
{
  g_autoptr(EkycOcr) ocr = NULL;
  EkycCardReader *reader;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  ocr = _ekyc_ocr_new (tessdata_dir, "vie", error);
  if (ocr == NULL)
    return NULL;
  reader = g_new0 (EkycCardReader, 1);
  reader->ocr = g_steal_pointer (&ocr);
  reader->tessdata_dir = g_strdup (tessdata_dir);
  return reader;
}

void
ekyc_card_reader_free (EkycCardReader *reader)
{
  if (reader == NULL)
    return;
  _ekyc_ocr_free (reader->ocr);
  _ekyc_ocr_free (reader->second_ocr);
  g_free (reader->tessdata_dir);
  g_free (reader);
}

static void
value_clear (EkycCardValue *v)
{
  g_clear_pointer (&v->value, g_free);
  for (int s = 0; s < EKYC_CARD_N_SOURCES; s++)
    g_clear_pointer (&v->by_source[s], g_free);
}

void
ekyc_card_side_reading_free (EkycCardSideReading *side)
{
  if (side == NULL)
    return;
  for (int i = 0; i < EKYC_CARD_READ_N_FIELDS; i++)
    value_clear (&side->printed[i]);
  g_clear_pointer (&side->rectified, ekyc_image_unref);
  g_clear_pointer (&side->portrait, ekyc_image_unref);
  g_free (side->qr_payload);
  ekyc_mrz_free (side->mrz);
  g_strfreev (side->page_lines);
  g_free (side);
}

void
ekyc_card_side_reading_set_mrz (EkycCardSideReading *side, EkycMrz *mrz)
{
  g_return_if_fail (side != NULL);
  ekyc_mrz_free (side->mrz);
  side->mrz = mrz;
}

/* This thread's CPU time in ms, for EKYC_CARD_DEBUG=time */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
debug_cpu (const char *step, double since)
{
  if (g_strcmp0 (g_getenv ("EKYC_CARD_DEBUG"), "time") == 0)
    g_printerr ("cpu %-12s %7.1f ms\n", step, thread_cpu_ms () - since);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A crop of @image (BGR from ekyc_card_rectify) as a new image. */
static EkycImage *
crop (const EkycImage *image, int x0, int y0, int x1, int y1)
{
  int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
  gsize stride = ekyc_image_get_stride (image);
  const guint8 *px = ekyc_image_get_pixels (image);
  int bpp = (int) (stride / (gsize) w) >= 3 ? 3 : 1;
  guint8 *out;

  x0 = CLAMP (x0, 0, w - 1);
  y0 = CLAMP (y0, 0, h - 1);
  x1 = CLAMP (x1, x0 + 1, w);
  y1 = CLAMP (y1, y0 + 1, h);
  if (ekyc_image_get_format (image) != EKYC_PIXEL_FORMAT_BGR)
    return NULL;
  bpp = 3;
  out = g_malloc ((gsize) (x1 - x0) * (y1 - y0) * bpp);
  for (int y = y0; y < y1; y++)
    memcpy (out + (gsize) (y - y0) * (x1 - x0) * bpp, px + y * stride + (gsize) x0 * bpp,
            (gsize) (x1 - x0) * bpp);
  return ekyc_image_new_from_memory (out, x1 - x0, y1 - y0, (gsize) (x1 - x0) * bpp,
                                     EKYC_PIXEL_FORMAT_BGR, g_free, out, NULL);
}

/* The card image the OCR reads: the rectified card, the right way up (a card the detector saw
 * upside down is turned: its own top-left is the corner seen bottom right, so the MRZ, the
 * print and the portrait are where an upright card has them), or the whole photo fitted to
 * 1000 px when no card edge was found (a flat scan, or a cut card). */
static EkycImage *
card_image (const EkycImage *image, EkycCardSideReading *side, GError **error)
{
  if (side->detection.found)
    {
      EkycCardDetection upright = side->detection;

      if (upright.upside_down)
        for (int i = 0; i < 4; i++)
          upright.corners[i] = side->detection.corners[(i + 2) % 4];
      return ekyc_card_rectify (image, &upright, EKYC_CARD_RECTIFIED_WIDTH, error);
    }
  {
    int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
    int ow = EKYC_CARD_RECTIFIED_WIDTH, oh = MAX (1, (int) lround ((double) h * ow / w));
    EkycCardDetection whole = { .found = TRUE };

    /* rectifying the full frame to its own aspect is a plain resize to BGR */
    whole.corners[0] = (EkycPoint) { 0, 0 };
    whole.corners[1] = (EkycPoint) { (float) w, 0 };
    whole.corners[2] = (EkycPoint) { (float) w, (float) h };
    whole.corners[3] = (EkycPoint) { 0, (float) h };
    (void) oh;
    return ekyc_card_rectify (image, &whole, ow, error);
  }
}

/* The portrait itself, set upright, when the outline @det found on @image stands up as a
 * portrait does (20 × 30 mm): the card around it is then read whole, and the left of the whole
 * picture is no crop of its photo. NULL when @det is no such outline. */
static EkycImage *
portrait_of_find (const EkycImage *image, const EkycCardDetection *det)
{
  double corners[8], top, side;
  int k = _ekyc_card_upright_top_left (det), w = PORTRAIT_WIDTH;

  for (int i = 0; i < 4; i++)
    {
      corners[2 * i] = det->corners[(k + i) % 4].x;
      corners[2 * i + 1] = det->corners[(k + i) % 4].y;
    }
  top = hypot (corners[2] - corners[0], corners[3] - corners[1]);
  side = hypot (corners[6] - corners[0], corners[7] - corners[1]);
  if (top < 8 || side < 1.2 * top || side > 2.0 * top)
    return NULL;
  return _ekyc_card_warp (image, corners, w, (int) lround (w * side / top), NULL);
}

/* The texts of @lines (EkycOcrLine), NULL-terminated. (transfer full) */
static char **
page_lines (GPtrArray *lines)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **out;

  for (guint i = 0; i < lines->len; i++)
    g_strv_builder_add (builder, ((EkycOcrLine *) g_ptr_array_index (lines, i))->text);
  out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return out;
}

static gboolean
is_card_aspect (double aspect)
{
  return aspect > EKYC_CARD_ASPECT * 0.85 && aspect < EKYC_CARD_ASPECT * 1.18;
}

/* The words of a line read again: their texts and confidences (0..1). */
static GPtrArray *
line_words (GPtrArray *lines, GArray *confidences)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < lines->len; i++)
    {
      EkycOcrLine *l = g_ptr_array_index (lines, i);

      for (guint j = 0; j < l->words->len; j++)
        {
          EkycOcrWord *w = &g_array_index (l->words, EkycOcrWord, j);
          float c = w->confidence / 100.0f;

          g_ptr_array_add (words, g_strdup (w->text));
          g_array_append_val (confidences, c);
        }
    }
  return words;
}

/* Reads an address line's house number again, alone, larger and with digits and the slash
 * only: in the line's reading a slash and a 1 ("217/30" read "217130") or a 5 and an 8 ("358"
 * read "388") are told apart by the letters around them as much as by their own shapes. The
 * word is cut out of the line read again (@gray, @width × @height at REREAD_SCALE, its words
 * in @lines), between its neighbours, with white room around it. */
static char *
house_number_again (EkycOcr *ocr, const guint8 *gray, int width, int height, GPtrArray *lines)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  const EkycOcrWord *w, *prev, *next;
  g_autofree guint8 *framed = NULL;
  g_autofree guint8 *big = NULL;
  g_autoptr(EkycImage) image = NULL;
  int k = -1, x0, x1, pad = MAX (2, height / 4), margin = MAX (8, height / 4), ow, bw, bh;
  float conf = 0;
  char *digits;

  for (guint i = 0; i < lines->len; i++)
    {
      EkycOcrLine *l = g_ptr_array_index (lines, i);

      for (guint j = 0; j < l->words->len; j++)
        g_ptr_array_add (words, &g_array_index (l->words, EkycOcrWord, j));
    }
  for (guint i = 0; i < MIN (2u, words->len) && k < 0; i++)
    if (g_ascii_isdigit (((EkycOcrWord *) g_ptr_array_index (words, i))->text[0]))
      k = (int) i;
  if (k < 0)
    return NULL;
  w = g_ptr_array_index (words, k);
  prev = k > 0 ? g_ptr_array_index (words, k - 1) : NULL;
  next = (guint) k + 1 < words->len ? g_ptr_array_index (words, k + 1) : NULL;
  x0 = (int) lround (w->x0 * REREAD_SCALE) - pad;
  x1 = (int) lround (w->x1 * REREAD_SCALE) + pad;
  /* none of the neighbours' strokes: a digits-only reading takes an L or a colon for a 1 */
  if (prev != NULL)
    x0 = MAX (x0, (int) lround ((prev->x1 * REREAD_SCALE + w->x0 * REREAD_SCALE) / 2));
  if (next != NULL)
    x1 = MIN (x1, (int) lround ((w->x1 * REREAD_SCALE + next->x0 * REREAD_SCALE) / 2));
  x0 = CLAMP (x0, 0, width - 1);
  x1 = CLAMP (x1, x0 + 1, width);
  ow = x1 - x0 + 2 * margin;
  framed = g_malloc ((gsize) ow * height);
  memset (framed, 255, (gsize) ow * height);
  for (int y = 0; y < height; y++)
    memcpy (framed + (gsize) y * ow + margin, gray + (gsize) y * width + x0, (gsize) (x1 - x0));
  image = ekyc_image_new_from_memory (framed, ow, height, (gsize) ow, EKYC_PIXEL_FORMAT_GRAY8,
                                      NULL, NULL, NULL);
  if (image == NULL)
    return NULL;
  big = _ekyc_ocr_gray (image, HOUSE_NUMBER_SCALE / REREAD_SCALE, &bw, &bh);
  digits = _ekyc_ocr_line_text (ocr, big, bw, bh, "0123456789/", &conf);
  if (g_getenv ("EKYC_CARD_DEBUG") != NULL)
    g_printerr ("house number again: %s (%.0f) was %s\n", digits, conf, w->text);
  return digits;
}

/* The length of @word's house number as read: digits and slashes, and a slash's look-alikes
 * between digits ("217I30", "72[7"); sets @odd when it holds a look-alike. */
static gsize
house_number_run (const char *word, gboolean *odd)
{
  gsize n = 0;

  *odd = FALSE;
  while (word[n] != '\0')
    {
      if (g_ascii_isdigit (word[n]) || word[n] == '/')
        n++;
      else if (strchr ("Iil|[]", word[n]) != NULL && n > 0 && g_ascii_isdigit (word[n + 1]))
        {
          *odd = TRUE;
          n++;
        }
      else
        break;
    }
  return n;
}

/* Digits, then a slash and digits again, at most three times: "358", "217/30", "12/3/5". */
static gboolean
is_house_number (const char *text)
{
  int groups = 0;

  for (const char *p = text; *p; groups++)
    {
      if (groups > 0 && *p++ != '/')
        return FALSE;
      if (!g_ascii_isdigit (*p) || groups > 3)
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return groups > 0;
}

/* The house number of an address line's text (its first or second word, when it starts with a
 * digit), a slash's look-alikes between digits put back ("217I30" → "217/30"); NULL when there
 * is none. @k_out: the word's index, @run_out: its house number's length. (transfer full) */
static char *
house_number_of (const char *text, int *k_out, gsize *run_out)
{
  g_auto(GStrv) words = text != NULL ? g_strsplit (text, " ", -1) : NULL;
  gboolean odd;
  char *number;
  gsize run;

  for (int k = 0; words != NULL && k < 2 && words[k] != NULL; k++)
    if (g_ascii_isdigit (words[k][0]))
      {
        run = house_number_run (words[k], &odd);
        number = g_strndup (words[k], run);
        for (char *p = number; *p; p++)
          if (!g_ascii_isdigit (*p))
            *p = '/';
        if (k_out != NULL)
          *k_out = k;
        if (run_out != NULL)
          *run_out = run;
        return number;
      }
  return NULL;
}

/* The longest run of digits in @number. */
static int
longest_digit_run (const char *number)
{
  int best = 0, n = 0;

  for (const char *p = number; *p; p++)
    {
      n = g_ascii_isdigit (*p) ? n + 1 : 0;
      best = MAX (best, n);
    }
  return best;
}

/* @number with the one 1 that @other (nullable) lacks made a slash: "117122" and "11722" give
 * "117/22"; NULL when no 1, or more than one, fits (a 1 at either end is no slash). */
static char *
slash_for_lost_one (const char *number, const char *other)
{
  gsize n = strlen (number);
  char *found = NULL;

  if (other == NULL || strlen (other) + 1 != n)
    return NULL;
  for (gsize i = 1; i + 1 < n; i++)
    if (number[i] == '1' && strncmp (number, other, i) == 0
        && strcmp (number + i + 1, other + i) == 0)
      {
        if (found != NULL)
          {
            g_free (found);
            return NULL;
          }
        found = g_strdup (number);
        found[i] = '/';
      }
  return found;
}

/* The house number of an address's first line by three readings: the page's, the line's read
 * again, and the number's own (@digits). Two that agree win (the number's own with a slash
 * agrees with a reading that has a 1 in its place); when all three differ, or only two
 * were made and they differ, the line stays as it is (Tesseract's confidence in a lone digit
 * run says little: "32" for "332" at 0.73). The page's and the line's readings of a digit are
 * swayed by the letters around it ("358" read "388"); the number's own, cut out alone, may lose
 * a stroke at its edge ("8" read "3"). */
static gboolean
put_house_number (EkycCardValuePart *part, const char *page, const char *line,
                  const char *digits)
{
  g_autofree char *a = house_number_of (page, NULL, NULL);
  g_autofree char *b = house_number_of (line, NULL, NULL);
  g_autofree char *current = NULL;
  g_autofree char *slash_found = NULL;
  g_auto(GStrv) words = NULL;
  const char *chosen = NULL;
  gsize run;
  int k;

  if (digits != NULL && !is_house_number (digits))
    digits = NULL;
  if (a != NULL && b != NULL && g_str_equal (a, b))
    chosen = a;
  else if (digits != NULL && ((a != NULL && g_str_equal (a, digits))
                              || (b != NULL && g_str_equal (b, digits))))
    chosen = digits;
  else if (digits != NULL && strchr (digits, '/') != NULL)
    {
      /* the number's own reading has the slash another read as a 1 ("207/19", "207119"): they
       * agree but for the one confusion a slash between digits is known for */
      g_autofree char *slash_as_one = g_strdelimit (g_strdup (digits), "/", '1');

      if ((a != NULL && g_str_equal (a, slash_as_one))
          || (b != NULL && g_str_equal (b, slash_as_one)))
        chosen = digits;
    }
  /* no house number has a run of five digits or more ("117122"): where another reading lacks
   * just one of its 1s ("11722"), that 1 was the slash */
  if (chosen != NULL && longest_digit_run (chosen) >= 5)
    slash_found = slash_for_lost_one (chosen, g_str_equal (chosen, a ? a : "") ? b : a);
  if (slash_found != NULL)
    chosen = slash_found;
  current = house_number_of (part->text, &k, &run);
  if (chosen == NULL || current == NULL || !is_house_number (chosen)
      || g_str_equal (current, chosen))
    return FALSE;
  words = g_strsplit (part->text, " ", -1);
  {
    char *fixed = g_strconcat (chosen, words[k] + run, NULL);

    g_free (words[k]);
    words[k] = fixed;
  }
  g_free (part->text);
  part->text = g_strjoinv (" ", words);
  return TRUE;
}

/* Are @a and @b the same words but for commas ("Phổ Yên Thái Nguyên", "Phổ Yên, Thái Nguyên"),
 * @b having more of them? */
static gboolean
same_but_commas (const char *a, const char *b)
{
  g_autofree char *a_bare = g_strdup (a);
  g_autofree char *b_bare = g_strdup (b);
  g_auto(GStrv) aw = NULL;
  g_auto(GStrv) bw = NULL;
  guint a_commas = 0, b_commas = 0, i = 0, j = 0;

  for (const char *p = a; *p; p++)
    a_commas += *p == ',';
  for (const char *p = b; *p; p++)
    b_commas += *p == ',';
  aw = g_strsplit (g_strdelimit (a_bare, ",", ' '), " ", -1);
  bw = g_strsplit (g_strdelimit (b_bare, ",", ' '), " ", -1);
  /* the words in order, the empty ones a comma left between two spaces skipped */
  for (;;)
    {
      while (aw[i] != NULL && aw[i][0] == '\0')
        i++;
      while (bw[j] != NULL && bw[j][0] == '\0')
        j++;
      if (aw[i] == NULL || bw[j] == NULL)
        return aw[i] == NULL && bw[j] == NULL && b_commas > a_commas;
      if (!g_str_equal (aw[i], bw[j]))
        return FALSE;
      i++;
      j++;
    }
}

/* Does the official list confirm more (1) or less (-1) of the place @candidate than of @current
 * (its province, district, ward)? "Mỹ Long, Long Xuyên, Giang" has its province told by the
 * district, "…, V\n Giang" none; "Hòa Phú, …" has its ward, "H lòa Phú, …" not. 0 when as
 * much, or when @field is no place. */
static int
list_confirms (EkycCardReadField field, const char *candidate, const char *current)
{
  guint a, b;

  if ((field != EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN
       && field != EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE) || current == NULL)
    return 0;
  a = _ekyc_card_place_confirmed (candidate);
  b = _ekyc_card_place_confirmed (current);
  return a > b ? 1 : a < b ? -1 : 0;
}

/* Does the line read again (@line, @n words, @conf sure) replace @part's reading whole (of
 * @n_old words)? When surer by a margin, or, for pieces of one line joined, sure enough and with
 * more words or commas (those lost between the pieces); a place, unless the official list
 * confirms less of it, and whenever it confirms more and the reading is not doubtful. */
static gboolean
replaces_part (const EkycCardValuePart *part, EkycCardReadField field, const char *line, guint n,
               guint n_old, float conf)
{
  gboolean surer;
  int list;

  if (part->text == NULL)
    return TRUE;
  surer = conf > part->confidence + REREAD_MARGIN
          || (part->joined && conf >= JOINED_SURE
              && (n > n_old || same_but_commas (part->text, line)));
  list = list_confirms (field, line, part->text);
  return (surer && list >= 0) || (list > 0 && conf >= DOUBTFUL);
}

/* Reads each line of a name or a place again, alone and larger: the tilde over a circumflex, a
 * house number's digits and a hook above need the pixels the page OCR, at 1×, lacks. Where both
 * readings have the same number of words, each word is taken from the reading Tesseract is
 * surer of (ties to the closer one; a name's word from the closer one unless the page's is
 * surer by NAME_PAGE_MARGIN); otherwise the closer line may replace the page's whole
 * (replaces_part). */
static void
reread_parts (EkycOcr *ocr, EkycCardSideReading *side, EkycCardLabelled *found,
              EkycCardReadField field)
{
  gboolean changed = FALSE;

  for (int i = 0; i < found->n_parts[field]; i++)
    {
      EkycCardValuePart *part = &found->parts[field][i];
      const EkycCardValueBox *box = &part->box;
      g_autofree guint8 *gray = NULL;
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(GPtrArray) words = NULL;
      g_autoptr(GArray) confidences = g_array_new (FALSE, FALSE, sizeof (float));
      g_auto(GStrv) old_words = NULL;
      g_autofree char *house = NULL;
      g_autofree char *page_text = NULL;
      g_autofree char *line_text = NULL;
      int gw, gh;
      float conf = 0;

      if (!part->rereadable)
        continue;
      /* the line with the marks above and below its letters, and none of its neighbours' */
      gray = _ekyc_card_line_gray (side->rectified, box, REREAD_SCALE, &gw, &gh);
      if (gray == NULL)
        continue;
      lines = _ekyc_ocr_lines (ocr, gray, gw, gh, PSM_LINE, NULL, REREAD_SCALE);
      words = line_words (lines, confidences);
      /* an address's first line: its house number */
      if (field == EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE && i == 0)
        {
          page_text = g_strdup (part->text);
          house = house_number_again (ocr, gray, gw, gh, lines);
        }
      if (words->len == 0)
        continue;
      for (guint k = 0; k < confidences->len; k++)
        conf += g_array_index (confidences, float, k) / confidences->len;
      g_ptr_array_add (words, NULL);
      line_text = g_strjoinv (" ", (char **) words->pdata);
      if (g_getenv ("EKYC_CARD_DEBUG") != NULL)
        {
          g_autofree char *t = g_strjoinv (" ", (char **) words->pdata);
          g_printerr ("%s again: %s (%.0f, %u words) was %s (%.0f, %d words)\n",
                      ekyc_card_read_field_name (field), t, conf * 100, words->len - 1, part->text,
                      part->confidence * 100, part->n_words);
        }
      old_words = part->text ? g_strsplit (part->text, " ", -1) : NULL;
      if (part->text != NULL && part->n_words > 0 && (guint) part->n_words == words->len - 1
          && g_strv_length (old_words) == (guint) part->n_words
          && conf + WORDS_MARGIN >= part->confidence)
        {
          GString *merged = g_string_new (NULL);

          for (int k = 0; k < part->n_words; k++)
            {
              float c = g_array_index (confidences, float, k);
              float margin = field == EKYC_CARD_READ_FIELD_FULL_NAME ? NAME_PAGE_MARGIN : 0;
              gboolean closer = c + margin >= part->word_confidence[k];

              if (k > 0)
                g_string_append_c (merged, ' ');
              g_string_append (merged, closer ? (char *) words->pdata[k] : old_words[k]);
              part->word_confidence[k] = MAX (c, part->word_confidence[k]);
            }
          g_free (part->text);
          part->text = g_string_free (merged, FALSE);
          part->confidence = MAX (conf, part->confidence);
          changed = TRUE;
        }
      else if (replaces_part (part, field, line_text, words->len - 1,
                              old_words != NULL ? g_strv_length (old_words) : 0, conf))
        {
          g_free (part->text);
          part->text = g_strjoinv (" ", (char **) words->pdata);
          part->confidence = conf;
          part->n_words = 0;
          changed = TRUE;
        }
      if (page_text != NULL
          && put_house_number (part, page_text, line_text, house))
        changed = TRUE;
      if (changed && g_getenv ("EKYC_CARD_DEBUG") != NULL)
        g_printerr ("  now %s\n", part->text);
    }
  if (changed)
    _ekyc_card_fields_rejoin (found, field);
}

/* The ID number's line read again alone, digits only, at 1×, 2× and 3×: a digit of this font
 * the page OCR confuses with its look-alike ("3" and "5", "1" and "4") is read right at one size
 * or another. Each of the twelve digits is the one most of the readings of twelve agree on (the
 * page's, when it is one, first: it wins a tie). */
static void
vote_id_number (EkycOcr *ocr, EkycCardSideReading *side, const EkycCardValueBox *box, char **raw)
{
  static const double scales[] = { 1.0, 2.0, 3.0 };
  char *readings[G_N_ELEMENTS (scales) + 1] = { NULL };
  guint n = 0;
  char voted[13];
  gboolean page_read, changed = FALSE;

  page_read = *raw != NULL && (readings[n] = _ekyc_card_text_id_number (*raw)) != NULL;
  if (page_read)
    n++;
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      int w, h;
      float c = 0;
      g_autofree guint8 *gray = _ekyc_card_line_gray (side->rectified, box, scales[i], &w, &h);
      g_autofree char *text = gray != NULL ? _ekyc_ocr_line_text (ocr, gray, w, h, "0123456789", &c)
                                           : NULL;

      if (g_getenv ("EKYC_CARD_DEBUG") != NULL)
        g_printerr ("id_number again ×%.0f: %s was %s\n", scales[i], text, *raw);
      if (text != NULL && (readings[n] = _ekyc_card_text_id_number (text)) != NULL)
        n++;
    }
  if (n >= 2)
    {
      for (int k = 0; k < 12; k++)
        {
          int best = 0, best_count = 0;

          for (guint i = 0; i < n; i++)
            {
              int count = 0;

              for (guint j = 0; j < n; j++)
                count += readings[j][k] == readings[i][k];
              if (count > best_count)
                {
                  best = (int) i;
                  best_count = count;
                }
            }
          voted[k] = readings[best][k];
        }
      voted[12] = '\0';
      changed = !page_read || !g_str_equal (voted, readings[0]);
    }
  if (changed)
    {
      g_free (*raw);
      *raw = g_strdup (voted);
      if (g_getenv ("EKYC_CARD_DEBUG") != NULL)
        g_printerr ("  now %s\n", *raw);
    }
  for (guint i = 0; i < n; i++)
    g_free (readings[i]);
}

/* Characters a one-line value can hold, for Tesseract's whitelist (NULL: any). */
static const char *
value_characters (EkycCardReadField field)
{
  switch (field)
    {
    case EKYC_CARD_READ_FIELD_DATE_OF_BIRTH:
    case EKYC_CARD_READ_FIELD_ISSUE_DATE:
      return "0123456789/";
    case EKYC_CARD_READ_FIELD_ID_NUMBER:
      return "0123456789";
    default:
      return NULL;
    }
}

/* Can @field be printed on @side? The number, name, birth, sex and nationality are on the front
 * of both layouts, the issue date on the back; the others move with the layout. */
static gboolean
printed_on (const EkycCardSideReading *side, EkycCardReadField field)
{
  switch (field)
    {
    case EKYC_CARD_READ_FIELD_ID_NUMBER:
    case EKYC_CARD_READ_FIELD_FULL_NAME:
    case EKYC_CARD_READ_FIELD_DATE_OF_BIRTH:
    case EKYC_CARD_READ_FIELD_SEX:
    case EKYC_CARD_READ_FIELD_NATIONALITY:
      return side->side != EKYC_CARD_SIDE_BACK;
    case EKYC_CARD_READ_FIELD_ISSUE_DATE:
      return side->side != EKYC_CARD_SIDE_FRONT;
    default:
      return TRUE;
    }
}

static gboolean
is_date_field (EkycCardReadField field)
{
  return field == EKYC_CARD_READ_FIELD_DATE_OF_BIRTH || field == EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY
         || field == EKYC_CARD_READ_FIELD_ISSUE_DATE;
}

/* Reads the line after a label again, alone and larger, where the page's OCR found no valid
 * value there (a short "Nữ" dropped as a speck, a date with a digit lost), or a doubtful one
 * (then the new reading is kept only when Tesseract is surer of it: "ViÑÑam" at 0.17). */
static void
reread_after_label (EkycOcr *ocr, EkycCardSideReading *side, EkycCardReadField field,
                    const EkycCardValueBox *box, char **raw, float *confidence, gboolean only_surer)
{
  int w = ekyc_image_get_width (side->rectified), h = ekyc_image_get_height (side->rectified);
  int pad_y = (box->y1 - box->y0) / 2 + 2;
  g_autoptr(EkycImage) line = crop (side->rectified, box->x0, box->y0 - pad_y,
                                    MIN (w, box->x1), MIN (h, box->y1 + pad_y));
  g_autofree guint8 *gray = NULL;
  g_autofree guint8 *cut_gray = NULL;
  int gw, gh, cut;

  if (line == NULL)
    return;
  gray = _ekyc_ocr_gray (line, REREAD_SCALE, &gw, &gh);
  /* the value alone, without the next column's text the OCR ran it into */
  {
    int lh = (int) lround ((box->y1 - box->y0) * REREAD_SCALE);
    int py = (int) lround (pad_y * REREAD_SCALE);

    cut = _ekyc_card_gray_value_width (gray, gw, gh, py, gh - py, lh);
    if (cut < gw)
      {
        cut_gray = g_malloc ((gsize) cut * gh);
        for (int y = 0; y < gh; y++)
          memcpy (cut_gray + (gsize) y * cut, gray + (gsize) y * gw, (gsize) cut);
      }
  }
  /* as printed, then stretched wider: a value squeezed to fit its room ("Việt Nam", "Không thời
   * hạn" in a condensed face at a third of their width) reads as strokes until its letters
   * have their usual proportions again; a value that reads at one width is not read at more */
  for (guint i = 0; i < G_N_ELEMENTS (value_looks); i++)
    {
      g_autofree guint8 *wide = NULL;
      g_autofree char *normal = NULL;
      gboolean use_cut = value_looks[i].cut && cut_gray != NULL;
      const guint8 *src = use_cut ? cut_gray : gray;
      int sw = use_cut ? cut : gw, ww = sw;
      float conf = 0;
      char *text;

      /* nothing to cut: the look as printed was read already */
      if (value_looks[i].cut && !use_cut && value_looks[i].stretch == 1.0)
        continue;
      /* a date the page read, only doubtfully: stretched, digits that are not squeezed read
       * worse ("10/12/2021" read "10/12/2024" at ×2); a squeezed word ("Việt Nam" read "Vận")
       * is what stretching is for */
      if (only_surer && value_looks[i].stretch != 1.0 && is_date_field (field))
        continue;
      if (value_looks[i].stretch != 1.0)
        wide = _ekyc_card_gray_stretch (src, sw, gh, value_looks[i].stretch, &ww);
      text = _ekyc_ocr_line_text (ocr, wide != NULL ? wide : src, ww, gh,
                                  value_characters (field), &conf);
      if (g_getenv ("EKYC_CARD_DEBUG") != NULL)
        g_printerr ("%s again %s×%.0f: %s (%.0f) was %s\n", ekyc_card_read_field_name (field),
                    use_cut ? "cut " : "", value_looks[i].stretch, text, conf, *raw);
      normal = _ekyc_card_field_normalize (field, text);
      /* strokes read as letters make a name of a country ("Wifi SNm"); Tesseract is unsure of
       * them, and sure of a country's name it reads */
      if (normal != NULL && field == EKYC_CARD_READ_FIELD_NATIONALITY
          && !g_str_equal (normal, "Việt Nam") && conf / 100.0f < DOUBTFUL)
        g_clear_pointer (&normal, g_free);
      if (normal == NULL || (only_surer && conf / 100.0f <= *confidence))
        {
          g_free (text);
          continue;
        }
      g_free (*raw);
      *raw = text;
      *confidence = conf / 100.0f;
      return;
    }
}

static void
decode_qr (const EkycImage *image, EkycCardSideReading *side)
{
  g_autoptr(GPtrArray) codes = ekyc_qr_decode_card (image, &side->detection, NULL);

  for (guint i = 0; codes != NULL && i < codes->len && side->qr_payload == NULL; i++)
    {
      EkycQrCode *c = g_ptr_array_index (codes, i);
      side->qr_payload = g_utf8_make_valid ((const char *) c->data, (gssize) c->length);
    }
}

/* The MRZ of a card's back lies in its lower third: upright, only the lower part of the card is
 * searched, upside down only the upper part (half the pixels, and none of a front's upper text). */
#define MRZ_PART 0.48

/* Which of the MRZ looks to take: the card upright (the lower part of the card, or the whole
 * photo), upside down (the upper part, or the whole photo turned), or both in that order. */
typedef enum {
  MRZ_UPRIGHT = 1 << 0,
  MRZ_UPSIDE_DOWN = 1 << 1,
  MRZ_BOTH = MRZ_UPRIGHT | MRZ_UPSIDE_DOWN,
} MrzLooks;

/* Reads the MRZ on the card found (the reader's own block finder), or on the whole photo when
 * no card was found; fills the side's MRZ slot, unless it already holds a valid MRZ or a reading
 * at least as good (an earlier look found an MRZ whose checks failed, this one found nothing).
 * On a card the detector takes for a back, the whole photo is read too when the card gives no
 * valid MRZ: an outline found a little off rectifies the MRZ into a strip whose pitch halves
 * along the line. */
static void
read_mrz (const EkycImage *image, EkycCardSideReading *side, gboolean on_card, MrzLooks looks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) lower = NULL;
  g_autoptr(EkycImage) upper = NULL;
  EkycMrzPass passes[4];
  EkycMrzReading *reading;
  int n = 0;

  if (side->mrz != NULL && side->mrz->valid)
    return;
  if (on_card)
    {
      int w = ekyc_image_get_width (side->rectified), h = ekyc_image_get_height (side->rectified);
      int part = (int) (h * MRZ_PART);

      lower = crop (side->rectified, 0, h - part, w, h);
      upper = crop (side->rectified, 0, 0, w, part);
      if (lower != NULL && upper != NULL)
        {
          if (looks & MRZ_UPRIGHT)
            passes[n++] = (EkycMrzPass) { lower, FALSE, EKYC_MRZ_SOURCE_CARD, h - part };
          if (looks & MRZ_UPSIDE_DOWN)
            passes[n++] = (EkycMrzPass) { upper, TRUE, EKYC_MRZ_SOURCE_CARD, 0 };
        }
    }
  if (n == 0 || side->detection.side == EKYC_CARD_SIDE_BACK)
    {
      if (looks & MRZ_UPRIGHT)
        passes[n++] = (EkycMrzPass) { image, FALSE, EKYC_MRZ_SOURCE_IMAGE, 0 };
      if (looks & MRZ_UPSIDE_DOWN)
        passes[n++] = (EkycMrzPass) { image, TRUE, EKYC_MRZ_SOURCE_IMAGE, 0 };
    }
  reading = _ekyc_mrz_read_passes (passes, n, &side->detection, NULL, &error);
  if (reading == NULL)
    {
      g_debug ("no MRZ: %s", error->message);
      return;
    }
  if (side->mrz != NULL && !reading->mrz->valid)
    {
      /* two readings, neither valid: the upright one was looked at first, and stays */
      ekyc_mrz_reading_free (reading);
      return;
    }
  if (reading->source == EKYC_MRZ_SOURCE_CARD)
    memcpy (side->mrz_corners, reading->corners, sizeof side->mrz_corners);
  else
    memset (side->mrz_corners, 0, sizeof side->mrz_corners);
  ekyc_card_side_reading_set_mrz (side, g_steal_pointer (&reading->mrz));
  ekyc_mrz_reading_free (reading);
}

/* A 12-digit number printed on the side whose first three digits are a province's code: a
 * Vietnamese citizen number, even when blur left no label readable. */
static gboolean
has_vietnamese_number (const EkycCardLabelled *found)
{
  g_autofree char *number = _ekyc_card_field_normalize (EKYC_CARD_READ_FIELD_ID_NUMBER,
                                                        found->raw[EKYC_CARD_READ_FIELD_ID_NUMBER]);
  EkycIdNumber id;

  return number != NULL && ekyc_id_number_parse (number, &id, NULL) && id.province_name != NULL;
}

static gboolean
classify_failure (const EkycCardSideReading *side, const EkycCardLabelled *found,
                  const EkycImage *image, GError **error)
{
  double aspect = (double) ekyc_image_get_width (image) / ekyc_image_get_height (image);
  gboolean vietnamese = found->n_labels + found->n_markers > 0 || has_vietnamese_number (found);

  /* an MRZ of another state (a passport page, a foreign ID card) and no Vietnamese card print */
  if (side->mrz != NULL && side->mrz->valid && !g_str_equal (side->mrz->issuing_state, "VNM")
      && side->qr_payload == NULL && found->n_labels + found->n_markers < FEW_LABELS)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CARD_FOREIGN,
                   _("This is not a Vietnamese citizen ID card (CCCD or Căn cước). "
                     "Show the customer's Vietnamese ID card."));
      return FALSE;
    }
  if (!vietnamese && found->n_mrz_lines == 0 && side->qr_payload == NULL && side->mrz == NULL)
    {
      if (found->n_words >= 8 && (side->detection.found || is_card_aspect (aspect)))
        g_set_error (error, EKYC_ERROR, EKYC_ERROR_CARD_FOREIGN,
                     _("This is not a Vietnamese citizen ID card (CCCD or Căn cước). "
                       "Show the customer's Vietnamese ID card."));
      else if (side->detection.found)
        g_set_error (error, EKYC_ERROR, EKYC_ERROR_CARD_UNREADABLE,
                     _("A card was found but its text cannot be read. Hold it closer, in "
                       "focus, without glare."));
      else
        g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_A_CARD,
                     _("No ID card was found in the picture. Place the whole card on a plain "
                       "surface and photograph it from above."));
      return FALSE;
    }
  /* text of a Vietnamese card, but no card outline of card proportions around it */
  if (!side->detection.found && !is_card_aspect (aspect) && side->qr_payload == NULL
      && found->n_labels < 6)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CARD_INCOMPLETE,
                   _("Only part of the card is in the picture (it may be cut or folded). "
                     "Photograph the whole card."));
      return FALSE;
    }
  /* ...unless a code was read whole: a card filling the frame touches its edges */
  if ((side->detection.problems & EKYC_CARD_QUALITY_CUT_OFF) && found->n_labels < 3
      && side->qr_payload == NULL && (side->mrz == NULL || !side->mrz->valid))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CARD_INCOMPLETE,
                   _("Part of the card is outside the picture. Show the whole card."));
      return FALSE;
    }
  if (side->side == EKYC_CARD_SIDE_UNKNOWN && found->n_labels == 0 && side->qr_payload == NULL)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CARD_UNREADABLE,
                   _("The card's text cannot be read. Hold it closer, in focus, without "
                     "glare."));
      return FALSE;
    }
  return TRUE;
}

/* Side and layout from the codes alone: only a back carries an MRZ; the QR is on the front of
 * a 2021 card and on the back (beside the MRZ) of a 2024 one. */
static void
side_from_codes (EkycCardSideReading *side)
{
  if (side->mrz != NULL)
    {
      side->side = EKYC_CARD_SIDE_BACK;
      if (side->mrz->valid && side->qr_payload != NULL)
        side->layout = EKYC_CARD_LAYOUT_CAN_CUOC_2024;
    }
  else if (side->qr_payload != NULL)
    {
      side->side = EKYC_CARD_SIDE_FRONT;
      side->layout = EKYC_CARD_LAYOUT_CCCD_2021;
    }
}

EkycCardSideReading *
_ekyc_card_scan_side_codes (const EkycImage *image, GError **error)
{
  g_autoptr(EkycCardSideReading) side = g_new0 (EkycCardSideReading, 1);
  gint64 start;
  double cpu = thread_cpu_ms ();

  g_assert (image != NULL);
  start = g_get_monotonic_time ();
  if (!ekyc_card_detect (image, &side->detection, error))
    return NULL;
  side->rectified = card_image (image, side, error);
  side->ms_detect = ms_since (start);
  debug_cpu ("detect", cpu);
  if (side->rectified == NULL)
    return NULL;

  cpu = thread_cpu_ms ();
  start = g_get_monotonic_time ();
  decode_qr (image, side);
  side->ms_qr = ms_since (start);
  debug_cpu ("qr", cpu);
  return g_steal_pointer (&side);
}

void
_ekyc_card_scan_side_mrz_upright (EkycCardSideReading *side, const EkycImage *image)
{
  gint64 start = g_get_monotonic_time ();
  double cpu = thread_cpu_ms ();

  g_assert (side != NULL && image != NULL);
  read_mrz (image, side, side->detection.found, MRZ_UPRIGHT);
  side->ms_mrz += ms_since (start);
  debug_cpu ("mrz", cpu);
}

EkycCardSideReading *
_ekyc_card_scan_side_upright (const EkycImage *image, GError **error)
{
  EkycCardSideReading *side = _ekyc_card_scan_side_codes (image, error);

  if (side != NULL)
    _ekyc_card_scan_side_mrz_upright (side, image);
  return side;
}

void
_ekyc_card_scan_side_finish (EkycCardSideReading *side, const EkycImage *image,
                             gboolean look_upside_down)
{
  g_assert (side != NULL && image != NULL);
  if (look_upside_down)
    {
      gint64 start = g_get_monotonic_time ();

      read_mrz (image, side, side->detection.found, MRZ_UPSIDE_DOWN);
      side->ms_mrz += ms_since (start);
    }
  side_from_codes (side);
  if (side->side == EKYC_CARD_SIDE_FRONT)
    _ekyc_card_side_crop_portrait (side);
}

EkycCardSideReading *
_ekyc_card_scan_side (const EkycImage *image, GError **error)
{
  EkycCardSideReading *side = _ekyc_card_scan_side_upright (image, error);

  if (side != NULL)
    _ekyc_card_scan_side_finish (side, image, TRUE);
  return side;
}

void
_ekyc_card_side_crop_portrait (EkycCardSideReading *side)
{
  int w, h;

  g_assert (side != NULL);
  if (side->portrait != NULL || side->rectified == NULL)
    return;
  /* The portrait is on the left of the front, on both layouts. */
  w = ekyc_image_get_width (side->rectified);
  h = ekyc_image_get_height (side->rectified);
  side->portrait = crop (side->rectified, 0, h / 6, (int) (w * 0.36), h);
}

/* Paints the MRZ block read on the card out of the page OCR: Tesseract need not read it again
 * (three long lines, a fifth of a back's text), and no field is taken from it. White, as on a
 * page, on light paper; the paper's own gray on a tinted card, where a white block a third of
 * the card beside the tint makes Tesseract's global threshold split white from tint, and the
 * whole card, text and all, turns black (held-out look: its backs read nothing). */
#define LIGHT_PAPER 200

static void
blank_mrz (const EkycCardSideReading *side, guint8 *gray, int width, int height)
{
  float x0 = G_MAXFLOAT, y0 = G_MAXFLOAT, x1 = 0, y1 = 0, pad;
  guint8 paper;

  if (side->mrz == NULL || side->mrz_corners[2].x == 0)
    return;
  for (int i = 0; i < 4; i++)
    {
      x0 = MIN (x0, side->mrz_corners[i].x);
      y0 = MIN (y0, side->mrz_corners[i].y);
      x1 = MAX (x1, side->mrz_corners[i].x);
      y1 = MAX (y1, side->mrz_corners[i].y);
    }
  pad = (y1 - y0) / 12;
  paper = _ekyc_card_gray_paper (gray, (gsize) width * height);
  if (paper >= LIGHT_PAPER)
    paper = 255;
  for (int y = MAX (0, (int) (y0 - pad)); y < MIN (height, (int) (y1 + pad)); y++)
    {
      int a = MAX (0, (int) (x0 - pad)), b = MIN (width, (int) (x1 + pad));
      if (b > a)
        memset (gray + (gsize) y * width + a, paper, (gsize) (b - a));
    }
}

/* Where a field and its label are printed on the rectified card of a layout, as fractions of
 * its width and height, with room for a value of more lines and for the outline's slack. */
typedef struct {
  EkycCardSide      side;
  EkycCardLayout    layout;
  EkycCardReadField field;
  double            x0, y0, x1, y1;
} Band;

static const Band bands[] = {
  /* "Quê quán / Place of origin" and its value, under sex and nationality, over the residence */
  { EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN,
    0.26, 0.68, 1.00, 0.89 },
  /* "Nơi đăng ký khai sinh / Place of birth" under a residence of one to three lines, left of
   * the QR code */
  { EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CAN_CUOC_2024, EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN,
    0.02, 0.11, 0.80, 0.48 },
};

/* Reads @field alone in its layout's band of the card, when the codes told the side and layout
 * and the outline was found (the rectified image is the card). FALSE when there is no band, or
 * the label or a valid value is not found there (the page is read then). */
static gboolean
read_band (EkycOcr *ocr, EkycCardSideReading *side, EkycCardReadField field)
{
  const Band *band = NULL;
  int w = ekyc_image_get_width (side->rectified), h = ekyc_image_get_height (side->rectified);
  g_autoptr(EkycImage) part = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree guint8 *gray = NULL;
  g_autofree char *normal = NULL;
  EkycCardLabelled found;
  EkycCardValue *v = &side->printed[field];
  int bx, by, gw, gh;

  if (!side->detection.found)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (bands[i].side == side->side && bands[i].layout == side->layout && bands[i].field == field)
      band = &bands[i];
  if (band == NULL)
    return FALSE;
  bx = (int) (band->x0 * w);
  by = (int) (band->y0 * h);
  part = crop (side->rectified, bx, by, (int) (band->x1 * w), (int) (band->y1 * h));
  if (part == NULL)
    return FALSE;
  gray = _ekyc_ocr_gray (part, 1.0, &gw, &gh);
  lines = _ekyc_ocr_lines (ocr, gray, gw, gh, PSM_SPARSE, NULL, 1.0);
  /* back to the card's coordinates */
  for (guint i = 0; i < lines->len; i++)
    {
      EkycOcrLine *l = g_ptr_array_index (lines, i);

      l->x0 += bx, l->x1 += bx, l->y0 += by, l->y1 += by;
      for (guint j = 0; j < l->words->len; j++)
        {
          EkycOcrWord *wd = &g_array_index (l->words, EkycOcrWord, j);
          wd->x0 += bx, wd->x1 += bx, wd->y0 += by, wd->y1 += by;
        }
    }
  _ekyc_card_fields_find (lines, w, &found);
  if (g_getenv ("EKYC_CARD_DEBUG") != NULL)
    g_printerr ("band: %s\n", found.raw[field]);
  {
    double cpu = thread_cpu_ms ();
    reread_parts (ocr, side, &found, field);
    debug_cpu ("band reread", cpu);
  }
  normal = _ekyc_card_field_normalize (field, found.raw[field]);
  if (normal != NULL)
    {
      g_clear_pointer (&v->value, g_free);
      g_clear_pointer (&v->by_source[EKYC_CARD_SOURCE_PRINTED], g_free);
      v->value = g_steal_pointer (&normal);
      v->source = EKYC_CARD_SOURCE_PRINTED;
      v->confidence = CLAMP (found.confidence[field], 0.0f, 1.0f);
      v->by_source[EKYC_CARD_SOURCE_PRINTED] = g_strdup (v->value);
      side->n_labels = found.n_labels;
    }
  _ekyc_card_fields_clear (&found);
  return v->value != NULL;
}

gboolean
_ekyc_card_read_printed (EkycOcr *ocr, EkycCardSideReading *side, const EkycImage *image,
                         guint needed, GError **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree guint8 *gray = NULL;
  EkycCardSide code_side = side->side;
  EkycCardLayout code_layout = side->layout;
  EkycCardLabelled found;
  gint64 start;
  int gw, gh;

  double cpu = thread_cpu_ms ();

  g_assert (ocr != NULL && side != NULL && image != NULL);
  start = g_get_monotonic_time ();
  if (needed == 1u << EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN
      && read_band (ocr, side, EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN))
    {
      debug_cpu ("band ocr", cpu);
      side->ms_ocr += ms_since (start);
      return TRUE;
    }
  gray = _ekyc_ocr_gray (side->rectified, 1.0, &gw, &gh);
  blank_mrz (side, gray, gw, gh);
  lines = _ekyc_ocr_lines (ocr, gray, gw, gh, PSM_SPARSE, NULL, 1.0);
  _ekyc_card_fields_find (lines, gw, &found);
  debug_cpu ("page ocr", cpu);
  cpu = thread_cpu_ms ();
  if (found.n_labels + found.n_markers < FEW_LABELS && found.n_mrz_lines < 2
      && side->detection.found && side->mrz_corners[2].x == 0)
    {
      /* the outline found may not be the card's (the portrait's, a fingerprint box's): read
       * the whole picture, keep the better; an MRZ read on the card proves the outline */
      EkycCardDetection detection = side->detection;
      g_autoptr(EkycImage) whole = NULL;

      side->detection.found = FALSE;
      whole = card_image (image, side, NULL);
      side->detection = detection;
      if (whole != NULL)
        {
          EkycCardLabelled again;
          g_autofree guint8 *gray2 = NULL;
          g_autoptr(GPtrArray) lines2 = NULL;
          int gw2, gh2;

          gray2 = _ekyc_ocr_gray (whole, 1.0, &gw2, &gh2);
          lines2 = _ekyc_ocr_lines (ocr, gray2, gw2, gh2, PSM_SPARSE, NULL, 1.0);
          _ekyc_card_fields_find (lines2, gw2, &again);
          if (again.n_labels + again.n_markers > found.n_labels + found.n_markers)
            {
              _ekyc_card_fields_clear (&found);
              found = again;
              g_ptr_array_unref (lines);
              lines = g_steal_pointer (&lines2);
              g_clear_pointer (&side->rectified, ekyc_image_unref);
              g_clear_pointer (&side->portrait, ekyc_image_unref);
              side->rectified = g_steal_pointer (&whole);
              side->detection.found = FALSE;
              /* the outline found was the portrait's: it is the face's crop */
              side->portrait = portrait_of_find (image, &detection);
              if (side->mrz == NULL && again.side != EKYC_CARD_SIDE_FRONT)
                {
                  gint64 mrz_start = g_get_monotonic_time ();
                  read_mrz (image, side, FALSE, MRZ_BOTH);
                  side->ms_mrz += ms_since (mrz_start);
                  side_from_codes (side);
                  code_side = side->side;
                  code_layout = side->layout;
                }
            }
          else
            _ekyc_card_fields_clear (&again);
        }
    }
  g_strfreev (side->page_lines);
  side->page_lines = page_lines (lines);
  side->side = found.side;
  side->layout = found.layout != EKYC_CARD_LAYOUT_UNKNOWN ? found.layout : code_layout;
  side->n_labels = found.n_labels;
  /* Only the back carries an MRZ; a valid one outweighs the labels' votes. */
  if (side->mrz != NULL && (side->mrz->valid || side->side == EKYC_CARD_SIDE_UNKNOWN))
    side->side = EKYC_CARD_SIDE_BACK;
  if (side->side == EKYC_CARD_SIDE_UNKNOWN)
    side->side = code_side;   /* a QR alone: most likely a 2021 front */
  if (!classify_failure (side, &found, image, error))
    {
      _ekyc_card_fields_clear (&found);
      return FALSE;
    }
  {
    static const EkycCardReadField lines_again[] = {
      EKYC_CARD_READ_FIELD_FULL_NAME, EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN,
      EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
    };

    for (guint i = 0; i < G_N_ELEMENTS (lines_again); i++)
      if (printed_on (side, lines_again[i]) && (needed & (1u << lines_again[i])))
        reread_parts (ocr, side, &found, lines_again[i]);
  }
  for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
    {
      g_autofree char *normal = NULL;

      if (!found.after_label[f].found || !printed_on (side, (EkycCardReadField) f)
          || !(needed & (1u << f)))
        continue;
      normal = _ekyc_card_field_normalize ((EkycCardReadField) f, found.raw[f]);
      if (normal == NULL || found.confidence[f] < DOUBTFUL)
        reread_after_label (ocr, side, (EkycCardReadField) f, &found.after_label[f], &found.raw[f],
                            &found.confidence[f], normal != NULL);
    }
  if (found.boxes[EKYC_CARD_READ_FIELD_ID_NUMBER].found
      && printed_on (side, EKYC_CARD_READ_FIELD_ID_NUMBER)
      && (needed & (1u << EKYC_CARD_READ_FIELD_ID_NUMBER)))
    vote_id_number (ocr, side, &found.boxes[EKYC_CARD_READ_FIELD_ID_NUMBER],
                    &found.raw[EKYC_CARD_READ_FIELD_ID_NUMBER]);
  debug_cpu ("re-reads", cpu);
  for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
    {
      EkycCardValue *v = &side->printed[f];

      g_clear_pointer (&v->value, g_free);
      g_clear_pointer (&v->by_source[EKYC_CARD_SOURCE_PRINTED], g_free);
      v->value = _ekyc_card_field_normalize ((EkycCardReadField) f, found.raw[f]);
      if (v->value == NULL)
        continue;
      v->source = EKYC_CARD_SOURCE_PRINTED;
      v->confidence = CLAMP (found.confidence[f], 0.0f, 1.0f);
      v->by_source[EKYC_CARD_SOURCE_PRINTED] = g_strdup (v->value);
    }
  _ekyc_card_fields_clear (&found);
  side->ms_ocr += ms_since (start);

  if (side->side == EKYC_CARD_SIDE_FRONT)
    _ekyc_card_side_crop_portrait (side);
  else
    g_clear_pointer (&side->portrait, ekyc_image_unref);
  return TRUE;
}

EkycCardSideReading *
ekyc_card_reader_read_side (EkycCardReader *reader, const EkycImage *image, GError **error)
{
  g_autoptr(EkycCardSideReading) side = NULL;
  g_autoptr(EkycImage) picture = NULL;
  EkycCardFrameMap map;
  gint64 start;
  double ms_frame;

  g_return_val_if_fail (reader != NULL && image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  _ekyc_i18n_init ();

  /* the card cut out of the photo or scan, upright (ekyc-card-frame.c) */
  start = g_get_monotonic_time ();
  picture = _ekyc_card_frame_for_reading (image, &map, error);
  if (picture == NULL)
    return NULL;
  ms_frame = ms_since (start);
  side = _ekyc_card_scan_side (picture, error);
  if (side == NULL
      || !_ekyc_card_read_printed (reader->ocr, side, picture, EKYC_CARD_ALL_FIELDS, error))
    return NULL;
  _ekyc_card_frame_map_detection (&map, ekyc_image_get_width (image),
                                  ekyc_image_get_height (image), &side->detection);
  side->ms_detect += ms_frame;
  return g_steal_pointer (&side);
}

const char *
ekyc_card_side_name (EkycCardSide side)
{
  switch (side)
    {
    case EKYC_CARD_SIDE_FRONT: return "front";
    case EKYC_CARD_SIDE_BACK: return "back";
    case EKYC_CARD_SIDE_UNKNOWN:
    default: return "unknown";
    }
}

const char *
ekyc_card_layout_name (EkycCardLayout layout)
{
  switch (layout)
    {
    case EKYC_CARD_LAYOUT_CCCD_2021: return "cccd-2021";
    case EKYC_CARD_LAYOUT_CAN_CUOC_2024: return "cancuoc-2024";
    case EKYC_CARD_LAYOUT_UNKNOWN:
    default: return "unknown";
    }
}

const char *
ekyc_card_read_field_name (EkycCardReadField field)
{
  static const char *const names[EKYC_CARD_READ_N_FIELDS] = {
    "id_number", "old_id_number", "full_name", "date_of_birth", "sex", "nationality",
    "place_of_origin", "place_of_residence", "date_of_expiry", "issue_date",
  };

  return field >= 0 && field < EKYC_CARD_READ_N_FIELDS ? names[field] : "unknown";
}

const char *
ekyc_card_source_name (EkycCardSource source)
{
  switch (source)
    {
    case EKYC_CARD_SOURCE_QR: return "qr";
    case EKYC_CARD_SOURCE_MRZ: return "mrz";
    case EKYC_CARD_SOURCE_PRINTED: return "printed";
    case EKYC_CARD_SOURCE_COMPUTED: return "computed";
    case EKYC_CARD_SOURCE_DERIVED: return "derived";
    case EKYC_CARD_SOURCE_CHIP: return "chip";
    case EKYC_CARD_SOURCE_NONE:
    case EKYC_CARD_N_SOURCES:
    default: return "none";
    }
}
