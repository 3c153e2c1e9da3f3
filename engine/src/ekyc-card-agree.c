/* ekyc-card-agree.c — is a printed value that differs from the codes' a misreading?
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The QR and the MRZ are error-checked; the print is OCR. A printed value that differs from
 * theirs is either the OCR's doing or a card whose print was altered. Only positive evidence of
 * another value fails a card: a part of an address the codes do not hold, a name word that is a
 * syllable and not theirs, another date or number. What OCR is known to do — a label (its own
 * or the next field's) read into the value, parts of an address out of order or missing, a
 * letter lost at the end of the line, a word that no Vietnamese syllable can be, one digit or
 * the sex read with low confidence — is named and not held against the card.
 * Confidence alone never explains a whole other value: a tampered print reads as surely as any.
 * No rule knows a card or a generator: only the spelling of Vietnamese and the labels' words.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>

#include "ekyc-card-agree-private.h"
#include "ekyc-card-names-private.h"
#include "ekyc-card-text-private.h"

/* Under this mean confidence a reading is doubtful: a sex, or a digit, may be misread. */
#define LOW_CONFIDENCE 0.5f

/* Words of the cards' labels, folded and without spaces, that are no part of an address (a
 * place may hold "Nam", "Thường" or "Sinh": only whole label phrases and English words count). */
static const char *const label_words[] = {
  "noicutru", "noithuongtru", "noidangky", "dangkykhai", "khaisinh", "quequan", "cogiatri",
  "place", "residen", "birth", "origin", "expiry", "dateof", "nationality", "fullname",
};
/* Labels of the fields printed after an address: what follows them is another value. */
static const char *const next_labels[] = {
  "noidangky", "dangkykhai", "quequan", "birth", "origin", "cogiatri", "expiry", "dateof",
};

/* The English labels whole, folded and without spaces: a part of an address that is a piece of
 * one (a label cut by a comma the OCR saw) is the label's, not the address's. */
static const char *const english_labels[] = {
  "placeofresidence", "placeoforigin", "placeofbirth", "dateofbirth", "dateofexpiry",
  "nationality", "fullname",
};

static char *
squeeze (const char *text)
{
  g_autofree char *folded = _ekyc_card_fold (text);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
has_any (const char *squeezed, const char *const *words, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (strstr (squeezed, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The fewest edits that turn @needle into some substring of @hay (Unicode characters); a "?" in
 * @needle stands for any character. */
static guint
substring_distance (const char *needle, const char *hay)
{
  glong m, n;
  g_autofree gunichar *a = g_utf8_to_ucs4_fast (needle, -1, &m);
  g_autofree gunichar *b = g_utf8_to_ucs4_fast (hay, -1, &n);
  g_autofree guint *prev = g_new0 (guint, n + 1);
  g_autofree guint *row = g_new0 (guint, n + 1);
  guint best = G_MAXUINT;

  for (glong i = 1; i <= m; i++)
    {
      row[0] = (guint) i;
      for (glong j = 1; j <= n; j++)
        {
          guint sub = prev[j - 1] + (a[i - 1] != b[j - 1] && a[i - 1] != '?');
          guint del = prev[j] + 1, ins = row[j - 1] + 1;

          row[j] = MIN (sub, MIN (del, ins));
        }
      memcpy (prev, row, (n + 1) * sizeof (guint));
    }
  for (glong j = 0; j <= n; j++)
    best = MIN (best, prev[j]);
  return m == 0 ? 0 : best;
}

/* Is @squeezed a piece of an English label, of four letters or more? A letter outside the
 * Vietnamese and English alphabets ("ø", "ƒ") is OCR's and may stand for any, a digit for the
 * letter it looks like ("PL4CE 0F"); other marks ("‹", "'") are dropped. One slip per five
 * letters is allowed. */
static gboolean
is_label_piece (const char *squeezed)
{
  GString *piece = g_string_new (NULL);
  g_autofree char *text = NULL;
  gboolean found = FALSE;

  for (const char *p = squeezed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && g_ascii_isdigit (c))
        g_string_append_c (piece, "oiz3asbtbg"[c - '0']);   /* the letter a digit was read for */
      else if (c < 128 && g_ascii_isalnum (c))
        g_string_append_c (piece, g_ascii_tolower ((char) c));
      else if (g_unichar_isalpha (c))
        g_string_append_c (piece, '?');
    }
  text = g_string_free (piece, FALSE);
  if (strlen (text) < 4)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (english_labels) && !found; i++)
    found = substring_distance (text, english_labels[i]) <= strlen (text) / 5;
  return found;
}

/* Does @squeezed (folded) hold a letter no Vietnamese word is written with ("ø", "ƒ", "ß")?
 * Then the OCR garbled that part past reading: it is no evidence of another value. */
static gboolean
has_foreign_letter (const char *squeezed)
{
  for (const char *p = squeezed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 128 && g_unichar_isalpha (c))
        return TRUE;
    }
  return FALSE;
}

static gboolean
count_letters (const char *squeezed, guint *letters, guint *digits)
{
  *letters = *digits = 0;
  for (const char *p = squeezed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      *digits += g_unichar_isdigit (c) != 0;
      *letters += g_unichar_isalpha (c) != 0;
    }
  return *letters + *digits > 0;
}

/* An address: every comma-separated part of the print that is not a label must be found in
 * the codes' address, a slip per five characters; parts after the next field's label are that
 * field's. */
static gboolean
address_explained (const char *codes, const char *printed, char **why)
{
  g_auto(GStrv) parts = g_strsplit (printed, ",", -1);
  g_autofree char *hay = squeeze (codes);
  gboolean labelled = FALSE, cut = FALSE;
  guint found = 0, missing = 0, garbled = 0;
  int last_found = -1;
  gboolean reordered = FALSE;
  g_autofree char *unmatched = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *s = squeeze (parts[i]);
      guint letters, digits, d;

      if (!count_letters (s, &letters, &digits))
        continue;
      if (has_any (s, label_words, G_N_ELEMENTS (label_words)) || is_label_piece (s))
        {
          labelled = TRUE;
          if (has_any (s, next_labels, G_N_ELEMENTS (next_labels)))
            {
              cut = parts[i + 1] != NULL;
              break;
            }
          continue;
        }
      if (has_foreign_letter (s))
        {
          garbled++;
          continue;
        }
      d = substring_distance (s, hay);
      if (d <= (letters + digits) / 5)
        {
          /* where it sits in the codes' address, to tell parts out of order */
          const char *at = strstr (hay, s);

          found++;
          if (at != NULL)
            {
              reordered |= (int) (at - hay) < last_found;
              last_found = MAX (last_found, (int) (at - hay));
            }
        }
      else if (letters + digits <= 2)
        continue;                  /* a speck, a stray letter */
      else
        {
          missing++;
          if (unmatched == NULL)
            unmatched = g_strstrip (g_strdup (parts[i]));
        }
    }
  if (missing > 0)
    {
      *why = g_strdup_printf ("“%s” is not in it", unmatched);
      return FALSE;
    }
  if (found == 0)
    *why = g_strdup (labelled ? "the printed text holds only label words"
                              : "nothing of the printed text could be read");
  else
    *why = g_strdup_printf ("every part of the printed text is in it%s%s%s%s",
                            labelled ? "; label words read into it" : "",
                            garbled ? "; a part garbled past Vietnamese letters" : "",
                            cut ? "; the next field's value run into it" : "",
                            reordered ? "; parts out of order" : "; read in part");
  return TRUE;
}

/* A name, word by word: a word lost, a speck added, the last word's end cut off, a word that is
 * no syllable (OCR's) are explained; a syllable that is another one is not. */
static gboolean
name_explained (const char *codes, const char *printed, char **why)
{
  g_autofree char *fc = _ekyc_card_fold (codes);
  g_autofree char *fp = _ekyc_card_fold (printed);
  g_auto(GStrv) wc = g_strsplit (fc, " ", -1);
  g_auto(GStrv) all = g_strsplit (fp, " ", -1);
  g_autoptr(GPtrArray) wp = g_ptr_array_new ();
  guint nc = g_strv_length (wc), j = 0, garbled = 0, cut = 0, lost;

  /* specks: single letters or non-syllables of two letters */
  for (guint i = 0; all[i] != NULL; i++)
    if (strlen (all[i]) > 2 || (all[i][0] != '\0' && _ekyc_card_name_is_syllable (all[i])
                                && strlen (all[i]) == 2))
      g_ptr_array_add (wp, all[i]);
  if (wp->len == 0)
    {
      *why = g_strdup ("nothing of the printed name could be read");
      return TRUE;
    }
  if (wp->len > nc)
    {
      *why = g_strdup ("the printed name has more words");
      return FALSE;
    }
  /* each printed word is the next codes' word (in order, words may be lost) */
  for (guint i = 0; i < wp->len; i++)
    {
      const char *w = g_ptr_array_index (wp, i);
      gboolean last = i + 1 == wp->len;
      gboolean matched = FALSE;

      for (; j < nc && !matched; j++)
        {
          if (g_str_equal (w, wc[j]))
            matched = TRUE;
          else if (last && j + 1 == nc && g_str_has_prefix (wc[j], w)
                   && strlen (wc[j]) - strlen (w) == 1)
            {
              matched = TRUE;      /* the line's last letter lost at the card's edge */
              cut++;
            }
          else if (!_ekyc_card_name_is_syllable (w) && _ekyc_card_edit_distance (w, wc[j], 2) <= 2)
            {
              matched = TRUE;      /* no Vietnamese syllable: a garbled reading of this one */
              garbled++;
            }
          else if (wp->len - i >= nc - j)
            break;                 /* no word can be lost here: this one differs */
        }
      if (!matched)
        {
          *why = g_strdup_printf ("“%s” is not one of its words", w);
          return FALSE;
        }
    }
  lost = nc - wp->len;
  *why = g_strdup_printf ("the printed name is its words%s%s%s",
                          lost ? ", a word lost" : "", cut ? ", the last letter cut off" : "",
                          garbled ? ", a word misread as no syllable" : "");
  return TRUE;
}

/* Dates and numbers: one digit apart, read with low confidence. One digit is also what a
 * forger changes (a year of birth, an expiry), so a sure reading of another digit fails. */
static gboolean
digits_explained (const char *codes, const char *printed, float confidence, char **why)
{
  guint d = _ekyc_card_edit_distance (codes, printed, 3);

  if (strlen (codes) == strlen (printed) && d == 1 && confidence < LOW_CONFIDENCE)
    {
      *why = g_strdup_printf ("one digit apart, read with low confidence (%.2f)", confidence);
      return TRUE;
    }
  *why = g_strdup_printf ("%s%u character%s apart", d > 3 ? "over " : "", MIN (d, 3),
                          d == 1 ? "" : "s");
  return FALSE;
}

gboolean
_ekyc_card_print_explained (EkycCardReadField f, const char *codes, const char *printed,
                            float confidence, char **why)
{
  g_return_val_if_fail (codes != NULL && printed != NULL && why != NULL, FALSE);

  *why = NULL;
  switch (f)
    {
    case EKYC_CARD_READ_FIELD_FULL_NAME:
      return name_explained (codes, printed, why);
    case EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE:
    case EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN:
      return address_explained (codes, printed, why);
    case EKYC_CARD_READ_FIELD_NATIONALITY:
      {
        g_autofree char *a = squeeze (codes), *b = squeeze (printed);

        /* "Việt", "XVWtNam": strokes of the same word, not another country's name */
        if ((b[0] != '\0' && g_str_has_prefix (a, b) && strlen (b) >= 3)
            || _ekyc_card_edit_distance (a, b, 3) <= 3)
          {
            *why = g_strdup ("the printed nationality is a garbled reading of it");
            return TRUE;
          }
        *why = g_strdup ("another nationality");
        return FALSE;
      }
    case EKYC_CARD_READ_FIELD_ID_NUMBER:
    case EKYC_CARD_READ_FIELD_DATE_OF_BIRTH:
    case EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY:
    case EKYC_CARD_READ_FIELD_ISSUE_DATE:
      return digits_explained (codes, printed, confidence, why);
    case EKYC_CARD_READ_FIELD_SEX:
      /* "Nam" and "Nữ" are two short words: only a doubtful reading is the OCR's */
      if (confidence < LOW_CONFIDENCE)
        {
          *why = g_strdup_printf ("the printed sex was read with low confidence (%.2f)",
                                  confidence);
          return TRUE;
        }
      *why = g_strdup ("the other sex");
      return FALSE;
    case EKYC_CARD_READ_FIELD_OLD_ID_NUMBER:
    case EKYC_CARD_READ_N_FIELDS:
    default:
      *why = g_strdup ("another value");
      return FALSE;
    }
}
