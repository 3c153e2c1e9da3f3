/* ekyc-mrz-read.c — the MRZ of a photo: find it, read it, let the check digits choose
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The OpenCV side (engine/cv/ekyc-cv-mrz.cpp) returns candidate readings, each character with
 * its likeliest alternatives. Here each cell first takes its likeliest character of the class
 * the layout puts there (a letter in the name, a digit in a date), then each candidate is
 * parsed; where check digits fail, the next choices of the classifier are tried one character
 * at a time, and a change is kept only when it raises the number of passing checks and no other
 * change that is nearly as likely does the same. The candidate with the most passing checks
 * wins. The card is tried first (rectified), then the whole picture, then both upside down.
 */
#define G_LOG_DOMAIN "ekyc-mrz"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-mrz-read.h"
#include "ekyc-card-names-private.h"
#include "ekyc-i18n-private.h"
#include "ekyc-image-private.h"
#include "ekyc-mrz-read-private.h"

/* Alternatives below this probability are not tried. */
#define MIN_ALTERNATIVE_PROB 0.02
/* A second change is "nearly as likely" within this probability ratio. */
#define AMBIGUITY_RATIO 4.0
#define MAX_ALTERNATIVE_REPAIRS 3

typedef struct {
  EkycMrz       *mrz;       /* NULL: no candidate parsed yet */
  int            score;
  float          confidence;
  guint          n_alternative_repairs, n_uncertain;
  EkycMrzSource  source;
  double         corners[8];
} Best;

/* Passing checks (with the CCCD ID number's consistency as one more), or -1 if unparsable;
 * *@valid (nullable) tells whether every check passes. */
static int
score_lines (char lines[3][45], int n_lines, const GDate *today, EkycMrz **out,
             gboolean *valid)
{
  const char *ptrs[3] = { lines[0], lines[1], lines[2] };
  EkycMrz *mrz = ekyc_mrz_parse_at (ptrs, (gsize) n_lines, today, NULL);
  int score = 0;

  if (out != NULL)
    *out = mrz;
  if (valid != NULL)
    *valid = mrz != NULL && mrz->valid;
  if (mrz == NULL)
    return -1;
  for (int i = 0; i < EKYC_MRZ_N_CHECKS; i++)
    score += mrz->checks[i].present && mrz->checks[i].valid;
  score += mrz->vn_id_status == EKYC_MRZ_VN_ID_OK;
  if (out == NULL)
    ekyc_mrz_free (mrz);
  return score;
}

/* Tries the classifier's next choices where they raise the score; see the file comment. */
static int
repair_with_alternatives (const EkycCvMrzText *text, char lines[3][45], guint chosen[3][44],
                          const GDate *today, int score, guint *n_repairs)
{
  for (int round = 0; round < MAX_ALTERNATIVE_REPAIRS; round++)
    {
      int best_score = score, best_l = -1, best_c = -1, best_k = -1;
      double best_prob = 0, runner_up = 0;

      for (int l = 0; l < text->n_lines; l++)
        for (int c = 0; c < text->n_chars; c++)
          for (int k = 0; k < EKYC_CV_MRZ_NBEST; k++)
            {
              char saved = lines[l][c];
              double prob = text->prob[l][c][k];
              int s;

              if ((guint) k == chosen[l][c] || prob < MIN_ALTERNATIVE_PROB)
                continue;
              lines[l][c] = text->alt[l][c][k];
              s = score_lines (lines, text->n_lines, today, NULL, NULL);
              lines[l][c] = saved;
              if (s > best_score || (s == best_score && s > score && prob > best_prob))
                {
                  runner_up = s > best_score ? 0 : best_prob;
                  best_score = s, best_l = l, best_c = c, best_k = k, best_prob = prob;
                }
              else if (s == best_score && s > score)
                runner_up = MAX (runner_up, prob);
            }
      if (best_l < 0 || runner_up * AMBIGUITY_RATIO > best_prob)
        break;
      lines[best_l][best_c] = text->alt[best_l][best_c][best_k];
      chosen[best_l][best_c] = (guint) best_k;
      score = best_score;
      (*n_repairs)++;
    }
  return score;
}

typedef enum {
  SLOT_ANY,     /* mixed: document numbers, optional data */
  SLOT_LETTER,  /* letters and `<`: codes, nationality, name */
  SLOT_DIGIT,   /* digits and `<`: dates, check digits */
  SLOT_SEX,     /* M, F, X or `<` */
} Slot;

/* What position @c of line @l may hold, by the layout (TD1 3 × 30, TD2 2 × 36, TD3 2 × 44;
 * a Vietnamese card's numbers are digits). @line0: the first line as chosen so far. */
static Slot
slot_at (int n_lines, int n_chars, const char *line0, int l, int c)
{
  gboolean td1 = n_lines == 3 && n_chars == 30;

  if (l == 0 && c < 5)
    return SLOT_LETTER;
  if (td1)
    {
      gboolean vn = memcmp (line0, "IDVNM", 5) == 0;

      if (l == 0)
        return vn && c != 27 && c != 28 ? SLOT_DIGIT : SLOT_ANY;
      if (l == 2)
        return SLOT_LETTER;
      if (c == 7)
        return SLOT_SEX;
      if (c < 15 || c == 29)
        return SLOT_DIGIT;
      return c < 18 ? SLOT_LETTER : SLOT_ANY;
    }
  if (n_lines != 2 || (n_chars != 36 && n_chars != 44))
    return SLOT_ANY;
  if (l == 0)
    return SLOT_LETTER;
  if (c == 20)
    return SLOT_SEX;
  if (c >= 10 && c < 13)
    return SLOT_LETTER;
  if (c == 9 || (c >= 13 && c < 20) || (c >= 21 && c < 28))
    return SLOT_DIGIT;
  /* a visa's last positions are optional data, not checks */
  if (line0[0] != 'V' && (c == n_chars - 1 || (n_chars == 44 && c == 42)))
    return SLOT_DIGIT;
  return SLOT_ANY;
}

static gboolean
slot_allows (Slot slot, char ch)
{
  switch (slot)
    {
    case SLOT_LETTER: return ch == '<' || g_ascii_isupper (ch);
    case SLOT_DIGIT: return ch == '<' || g_ascii_isdigit (ch);
    case SLOT_SEX: return ch == '<' || ch == 'M' || ch == 'F' || ch == 'X';
    case SLOT_ANY: default: return TRUE;
    }
}

/* A word of a Vietnamese name (cells @from to @to of the name line) that is no Vietnamese
 * syllable ("IHANG", "NGGYEN", "OINH": an MRZ in another face than OCR-B): the one cell whose
 * alternative makes it one, the likeliest such alternative. */
static void
choose_name_syllable (const EkycCvMrzText *text, char lines[3][45], guint chosen[3][44],
                      int from, int to)
{
  char word[45];
  float best_prob = 0;
  int best_c = -1;
  guint best_j = 0;

  if (to - from < 1 || to - from > 7)
    return;
  for (int c = from; c < to; c++)
    word[c - from] = g_ascii_tolower (lines[2][c]);
  word[to - from] = '\0';
  if (_ekyc_card_name_is_syllable (word))
    return;
  for (int c = from; c < to; c++)
    for (guint j = 0; j < EKYC_CV_MRZ_NBEST; j++)
      {
        char saved = word[c - from], alt = text->alt[2][c][j];

        if (j == chosen[2][c] || !g_ascii_isupper (alt)
            || text->prob[2][c][j] < MIN_ALTERNATIVE_PROB || text->prob[2][c][j] <= best_prob)
          continue;
        word[c - from] = g_ascii_tolower (alt);
        if (_ekyc_card_name_is_syllable (word))
          {
            best_prob = text->prob[2][c][j];
            best_c = c;
            best_j = j;
          }
        word[c - from] = saved;
      }
  if (best_c < 0)
    return;
  chosen[2][best_c] = best_j;
  lines[2][best_c] = text->alt[2][best_c][best_j];
}

/* Where the classifier doubts, what a Vietnamese card (TD1, "IDVNM") must hold: the nationality
 * VNM (the card is a citizen's; no check digit covers it: "WNM"), and each word of the name a
 * syllable ("HQANG" in DejaVu Sans Mono is HOANG; QUANG keeps its Q). Only to an alternative the
 * classifier gave. */
static void
choose_vietnamese (const EkycCvMrzText *text, char lines[3][45], guint chosen[3][44])
{
  for (int c = 15; c < 18; c++)
    for (guint j = 0; j < EKYC_CV_MRZ_NBEST && lines[1][c] != "VNM"[c - 15]; j++)
      if (text->alt[1][c][j] == "VNM"[c - 15] && text->prob[1][c][j] >= MIN_ALTERNATIVE_PROB)
        {
          chosen[1][c] = j;
          lines[1][c] = text->alt[1][c][j];
        }
  for (int c = 0, from = 0; c <= text->n_chars; c++)
    if (c == text->n_chars || lines[2][c] == '<')
      {
        choose_name_syllable (text, lines, chosen, from, c);
        from = c + 1;
      }
}

/* The classifier's likeliest character of each cell that the layout allows there; where none of
 * its choices is allowed (or likely enough), its first, for the parser's look-alike repairs. A
 * name cell read "1" (0.59) or "T" (0.40) is a "T": the parser alone would make it an "I",
 * which no check digit covers, and a wrong name would pass every check. */
void
_ekyc_mrz_choose_by_layout (const EkycCvMrzText *text, char lines[3][45], guint chosen[3][44])
{
  for (int l = 0; l < text->n_lines; l++)
    for (int c = 0; c < text->n_chars; c++)
      {
        guint k = 0;

        /* the first line's codes first, as the layout of the rest depends on them */
        Slot slot = slot_at (text->n_lines, text->n_chars, lines[0], l, c);

        if (!slot_allows (slot, text->alt[l][c][0]))
          for (guint j = 1; j < EKYC_CV_MRZ_NBEST; j++)
            if (text->prob[l][c][j] >= MIN_ALTERNATIVE_PROB &&
                slot_allows (slot, text->alt[l][c][j]))
              {
                k = j;
                break;
              }
        chosen[l][c] = k;
        lines[l][c] = text->alt[l][c][k];
        /* the one TD1 document Viet Nam issues is the citizen's card, "ID" ("IO": a D in
         * another face than OCR-B) */
        if (l == 0 && c == 4 && text->n_lines == 3 && text->n_chars == 30
            && memcmp (lines[0] + 2, "VNM", 3) == 0 && lines[0][0] == 'I')
          lines[0][1] = 'D';
      }
  if (text->n_lines == 3 && text->n_chars == 30 && memcmp (lines[0], "IDVNM", 5) == 0)
    choose_vietnamese (text, lines, chosen);
}

/* Parses one candidate; replaces @best when it does better. */
static void
consider (const EkycCvMrzText *text, EkycMrzSource source, const GDate *today, Best *best)
{
  char lines[3][45] = { { 0 } };
  guint chosen[3][44] = { { 0 } };
  guint n_repairs = 0, n_uncertain = 0;
  double prob_sum = 0;
  EkycMrz *mrz = NULL;
  gboolean valid;
  int score;

  /* Nothing beats a reading whose every check passes. */
  if (best->mrz != NULL && best->mrz->valid)
    return;
  _ekyc_mrz_choose_by_layout (text, lines, chosen);
  score = score_lines (lines, text->n_lines, today, NULL, &valid);
  g_debug ("candidate %s: %s / %s / %s: score %d", source == EKYC_MRZ_SOURCE_CARD ? "card" : "image",
           lines[0], lines[1], lines[2], score);
  if (!valid)
    score = repair_with_alternatives (text, lines, chosen, today, score, &n_repairs);
  if (score < 0 || (best->mrz != NULL && score <= best->score))
    return;
  score_lines (lines, text->n_lines, today, &mrz, NULL);
  g_assert (mrz != NULL);

  for (int l = 0; l < text->n_lines; l++)
    for (int c = 0; c < text->n_chars; c++)
      {
        prob_sum += text->prob[l][c][chosen[l][c]];
        n_uncertain += text->prob[l][c][1] * AMBIGUITY_RATIO > text->prob[l][c][0];
      }
  g_clear_pointer (&best->mrz, ekyc_mrz_free);
  best->mrz = mrz;
  best->score = score;
  best->confidence = (float) (prob_sum / (text->n_lines * text->n_chars));
  best->n_alternative_repairs = n_repairs;
  best->n_uncertain = n_uncertain;
  best->source = source;
  memcpy (best->corners, text->corners, sizeof best->corners);
}

/* Reads @image (upside down when @flip) into @best; FALSE on an OpenCV failure. */
static gboolean
read_pass (const EkycImage *image, gboolean flip, EkycMrzSource source, const GDate *today,
           Best *best, int *n_blocks, GError **error)
{
  g_autofree EkycCvMrzText *texts = g_new0 (EkycCvMrzText, EKYC_CV_MRZ_MAX_READINGS);
  g_autofree char *message = NULL;
  EkycCvView view;
  int blocks = 0, n_read = 0;

  _ekyc_image_get_view (image, &view);
  if (!_ekyc_cv_mrz_read (&view, flip, texts, EKYC_CV_MRZ_MAX_READINGS, &blocks, &n_read,
                          &message))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s", message);
      return FALSE;
    }
  *n_blocks += blocks;
  g_debug ("pass %s%s: %d blocks, %d read", source == EKYC_MRZ_SOURCE_CARD ? "card" : "image",
           flip ? " upside down" : "", blocks, n_read);
  for (int i = 0; i < n_read; i++)
    consider (&texts[i], source, today, best);
  return TRUE;
}

EkycMrzReading *
_ekyc_mrz_read_passes (const EkycMrzPass *passes, int n_passes,
                       const EkycCardDetection *detection, const GDate *today, GError **error)
{
  EkycMrzReading *reading;
  Best best = { 0 };
  int n_blocks = 0;

  g_assert (passes != NULL && detection != NULL);
  for (int p = 0; p < n_passes && (best.mrz == NULL || !best.mrz->valid); p++)
    {
      double saved[8];

      memcpy (saved, best.corners, sizeof saved);
      if (!read_pass (passes[p].image, passes[p].flip, passes[p].source, today, &best,
                      &n_blocks, error))
        goto failed;
      /* corners of a part of the card: in the card's pixels */
      if (memcmp (saved, best.corners, sizeof saved) != 0)
        for (int i = 0; i < 4; i++)
          best.corners[2 * i + 1] += passes[p].y_offset;
    }

  if (best.mrz == NULL)
    {
      if (n_blocks == 0)
        g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_MRZ_NOT_FOUND,
                             _("No machine readable zone (the 2 or 3 lines of letters, digits "
                               "and “<” signs) was found. Photograph the back of the ID card or "
                               "the passport's photo page, whole and in focus."));
      else
        g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_MRZ_UNREADABLE,
                             _("The machine readable zone could not be read. Photograph it "
                               "closer, in focus and without glare."));
      return NULL;
    }

  reading = g_new0 (EkycMrzReading, 1);
  reading->mrz = best.mrz;
  reading->source = best.source;
  for (int i = 0; i < 4; i++)
    reading->corners[i] = (EkycPoint) { (float) best.corners[2 * i],
                                        (float) best.corners[2 * i + 1] };
  reading->card = *detection;
  reading->confidence = best.confidence;
  reading->n_alternative_repairs = best.n_alternative_repairs;
  reading->n_uncertain = best.n_uncertain;
  return reading;

failed:
  g_clear_pointer (&best.mrz, ekyc_mrz_free);
  return NULL;
}

EkycMrzReading *
ekyc_mrz_read (const EkycImage *image, const GDate *today, GError **error)
{
  g_autoptr(EkycImage) card = NULL;
  EkycCardDetection detection;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _ekyc_i18n_init ();
  if (!ekyc_card_detect (image, &detection, error))
    return NULL;
  if (detection.found)
    {
      card = ekyc_card_rectify (image, &detection, EKYC_CARD_RECTIFIED_WIDTH, error);
      if (card == NULL)
        return NULL;
    }
  {
    /* the card first, then the whole image; each upright, then upside down */
    EkycMrzPass passes[4];
    int n = 0;

    for (int flip = 0; flip < 2; flip++)
      {
        if (card != NULL)
          passes[n++] = (EkycMrzPass) { card, flip, EKYC_MRZ_SOURCE_CARD, 0 };
        passes[n++] = (EkycMrzPass) { image, flip, EKYC_MRZ_SOURCE_IMAGE, 0 };
      }
    return _ekyc_mrz_read_passes (passes, n, &detection, today, error);
  }
}

void
ekyc_mrz_reading_free (EkycMrzReading *reading)
{
  if (reading == NULL)
    return;
  ekyc_mrz_free (reading->mrz);
  g_free (reading);
}
