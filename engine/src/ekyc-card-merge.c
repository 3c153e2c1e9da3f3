/* ekyc-card-merge.c — one card from its sides: QR × MRZ × printed fields, and the cross-checks
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each field takes the value of the most trustworthy source that has it: the QR code (exact
 * text with diacritics, and error-corrected), then the MRZ (check digits; no diacritics), then the
 * printed text (OCR). Where two sources read a field differently the check "agree-FIELD" fails:
 * a card whose printed text, QR and MRZ disagree has been altered or misread, and a person must
 * look. Names and places compare without case; a difference in diacritics alone is the OCR's
 * (the QR keeps them exactly) and is not held against the card.
 *
 * The chip (ekyc_card_reading_merge_with_chip()) is a fourth source above them all, but only
 * once passive authentication proved its data is the issuing state's: an unverified chip is
 * compared with the card ("chip-agrees-*") and never wins a field.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-card-qr.h"
#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-card-read.h"
#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-id-number.h"
#include "ekyc-card-agree-private.h"
#include "ekyc-card-names-private.h"
#include "ekyc-card-text-private.h"
#include "ekyc-i18n-private.h"

#define MIN_AGE 14

static char *
iso (const EkycCardDate *d)
{
  return g_strdup_printf ("%04d-%02d-%02d", d->year, d->month, d->day);
}

static gboolean
parse_iso (const char *text, EkycCardDate *d)
{
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  *d = (EkycCardDate) { atoi (text), atoi (text + 5), atoi (text + 8) };
  return ekyc_card_date_is_valid (d);
}

static void
add_check (EkycCardReading *r, const char *name, gboolean passed, char *detail)
{
  EkycCardCheck check = { name, passed, detail };

  g_array_append_val (r->checks, check);
  r->all_passed &= passed;
}

static void
offer (EkycCardReading *r, EkycCardReadField f, EkycCardSource source, const char *value)
{
  if (value == NULL || value[0] == '\0' || r->fields[f].by_source[source] != NULL)
    return;
  r->fields[f].by_source[source] = g_strdup (value);
}

/* ---- the sources ------------------------------------------------------------------------ */

static void
offer_qr (EkycCardReading *r, const EkycCardQr *qr)
{
  g_autofree char *birth = iso (&qr->birth_date);
  g_autofree char *issue = iso (&qr->issue_date);
  char sex[2] = { (char) qr->sex, 0 };

  offer (r, EKYC_CARD_READ_FIELD_ID_NUMBER, EKYC_CARD_SOURCE_QR, qr->id_number);
  offer (r, EKYC_CARD_READ_FIELD_OLD_ID_NUMBER, EKYC_CARD_SOURCE_QR, qr->old_id_number);
  offer (r, EKYC_CARD_READ_FIELD_FULL_NAME, EKYC_CARD_SOURCE_QR, qr->full_name);
  offer (r, EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, EKYC_CARD_SOURCE_QR, birth);
  if (qr->sex != EKYC_ID_SEX_UNKNOWN)
    offer (r, EKYC_CARD_READ_FIELD_SEX, EKYC_CARD_SOURCE_QR, sex);
  offer (r, EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE, EKYC_CARD_SOURCE_QR, qr->residence);
  offer (r, EKYC_CARD_READ_FIELD_ISSUE_DATE, EKYC_CARD_SOURCE_QR, issue);
}

/* A payload the parser refused still says something: its fields, split by hand, so that the
 * checks can name what is wrong (the "qr-payload" check fails with the parser's reason). */
static void
offer_rejected_qr (EkycCardReading *r, const char *payload)
{
  g_autofree char *nfc = g_utf8_normalize (payload, -1, G_NORMALIZE_NFC);
  g_auto(GStrv) f = g_strsplit (nfc != NULL ? nfc : "", "|", 8);
  EkycCardDate d;

  if (g_strv_length (f) != 7)
    return;
  for (guint i = 0; f[i] != NULL; i++)
    g_strstrip (f[i]);
  offer (r, EKYC_CARD_READ_FIELD_ID_NUMBER, EKYC_CARD_SOURCE_QR, f[0]);
  offer (r, EKYC_CARD_READ_FIELD_OLD_ID_NUMBER, EKYC_CARD_SOURCE_QR, f[1]);
  offer (r, EKYC_CARD_READ_FIELD_FULL_NAME, EKYC_CARD_SOURCE_QR, f[2]);
  if (ekyc_card_date_parse_ddmmyyyy (f[3], -1, &d))
    {
      g_autofree char *text = iso (&d);
      offer (r, EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, EKYC_CARD_SOURCE_QR, text);
    }
  {
    g_autofree char *sex = g_utf8_casefold (f[4], -1);
    offer (r, EKYC_CARD_READ_FIELD_SEX, EKYC_CARD_SOURCE_QR,
           g_str_equal (sex, "nam") ? "M" : g_str_equal (sex, "nữ") ? "F" : NULL);
  }
  offer (r, EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE, EKYC_CARD_SOURCE_QR, f[5]);
  if (ekyc_card_date_parse_ddmmyyyy (f[6], -1, &d))
    {
      g_autofree char *text = iso (&d);
      offer (r, EKYC_CARD_READ_FIELD_ISSUE_DATE, EKYC_CARD_SOURCE_QR, text);
    }
}

static void
offer_mrz (EkycCardReading *r, const EkycMrz *mrz)
{
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", mrz->surname, mrz->given_names));
  char sex[2] = { mrz->sex == 'M' || mrz->sex == 'F' ? mrz->sex : 0, 0 };

  for (guint i = 0; i < mrz->n_lines && i < 3; i++)
    r->mrz_lines[i] = g_strdup (mrz->lines[i]);
  offer (r, EKYC_CARD_READ_FIELD_ID_NUMBER, EKYC_CARD_SOURCE_MRZ,
         mrz->vn_id_number[0] ? mrz->vn_id_number : NULL);
  offer (r, EKYC_CARD_READ_FIELD_FULL_NAME, EKYC_CARD_SOURCE_MRZ, name);
  if (mrz->birth_year > 0 && mrz->birth_month > 0 && mrz->birth_day > 0)
    {
      EkycCardDate d = { mrz->birth_year, mrz->birth_month, mrz->birth_day };
      g_autofree char *text = iso (&d);
      offer (r, EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, EKYC_CARD_SOURCE_MRZ, text);
    }
  if (mrz->expiry_year > 0 && mrz->expiry_month > 0 && mrz->expiry_day > 0)
    {
      EkycCardDate d = { mrz->expiry_year, mrz->expiry_month, mrz->expiry_day };
      g_autofree char *text = iso (&d);
      offer (r, EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, EKYC_CARD_SOURCE_MRZ, text);
    }
  else if (mrz->valid && mrz->n_lines == 3 && strlen (mrz->lines[1]) >= 14
           && strncmp (mrz->lines[1] + 8, "<<<<<<", 6) == 0)
    /* a TD1 card valid for life ("Không thời hạn") leaves its expiry field empty */
    offer (r, EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, EKYC_CARD_SOURCE_MRZ, "none");
  offer (r, EKYC_CARD_READ_FIELD_SEX, EKYC_CARD_SOURCE_MRZ, sex[0] ? sex : NULL);
  if (g_str_equal (mrz->nationality, "VNM"))
    offer (r, EKYC_CARD_READ_FIELD_NATIONALITY, EKYC_CARD_SOURCE_MRZ, "Việt Nam");
}

static void
offer_printed (EkycCardReading *r, const EkycCardSideReading *side, float *confidence)
{
  if (side == NULL)
    return;
  for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
    if (side->printed[f].value != NULL && r->fields[f].by_source[EKYC_CARD_SOURCE_PRINTED] == NULL)
      {
        offer (r, (EkycCardReadField) f, EKYC_CARD_SOURCE_PRINTED, side->printed[f].value);
        confidence[f] = side->printed[f].confidence;
      }
}

/* The MRZ's name found on a line of the front's print where the print's name was not read (its
 * label too small or blurred to be read): the name with its marks, which the MRZ lacks. */
static void
offer_name_as_printed (EkycCardReading *r, const EkycCardSideReading *const sides[2],
                       float *confidence)
{
  EkycCardValue *v = &r->fields[EKYC_CARD_READ_FIELD_FULL_NAME];

  if (v->by_source[EKYC_CARD_SOURCE_PRINTED] != NULL || v->by_source[EKYC_CARD_SOURCE_MRZ] == NULL)
    return;
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *name = NULL;

      if (sides[i] == NULL || sides[i]->side == EKYC_CARD_SIDE_BACK)
        continue;
      name = _ekyc_card_name_in_lines (sides[i]->page_lines, v->by_source[EKYC_CARD_SOURCE_MRZ]);
      if (name == NULL || !_ekyc_card_text_is_upper_case (name))
        continue;
      offer (r, EKYC_CARD_READ_FIELD_FULL_NAME, EKYC_CARD_SOURCE_PRINTED, name);
      /* the letters two sources agree on; only the marks are the print's alone */
      confidence[EKYC_CARD_READ_FIELD_FULL_NAME] = 0.9f;
      return;
    }
}

/* Does @folded hold @words (both _ekyc_card_fold()ed) as whole words? */
static gboolean
has_words (const char *folded, const char *words)
{
  gsize n = strlen (words);

  for (const char *p = strstr (folded, words); p != NULL; p = strstr (p + 1, words))
    if ((p == folded || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
      return TRUE;
  return FALSE;
}

/* The place of origin found on a line of the print where its label was not read (small print,
 * blurred): the one line (after its last colon: a garbled label may open it) that the official
 * list confirms whole, ward, district and province, and that is not in the residence (as read:
 * a printed residence may have run on into the origin, whose label it did not know). On a card
 * only the two places are whole addresses; a place in both is left unread. */
static void
offer_origin_from_lines (EkycCardReading *r, const EkycCardSideReading *const sides[2],
                         float *confidence)
{
  const EkycCardValue *home = &r->fields[EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE];
  const char *residence = home->by_source[EKYC_CARD_SOURCE_QR] != NULL
                          ? home->by_source[EKYC_CARD_SOURCE_QR]
                          : home->by_source[EKYC_CARD_SOURCE_PRINTED];
  g_autofree char *home_folded = NULL;
  g_autofree char *found = NULL;

  if (r->fields[EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN].by_source[EKYC_CARD_SOURCE_PRINTED] != NULL
      || residence == NULL)
    return;
  home_folded = _ekyc_card_fold (residence);
  for (int i = 0; i < 2; i++)
    for (guint k = 0; sides[i] != NULL && sides[i]->page_lines != NULL
                      && sides[i]->page_lines[k] != NULL; k++)
      {
        const char *line = sides[i]->page_lines[k];
        const char *colon = strrchr (line, ':');
        g_autofree char *place = NULL;
        g_autofree char *folded = NULL;
        guint confirmed;

        if (colon != NULL)
          line = colon + 1;
        place = _ekyc_card_text_place_counted (line, &confirmed);
        if (place == NULL || confirmed < 3)
          continue;
        folded = _ekyc_card_fold (place);
        if (has_words (home_folded, folded))
          continue;
        if (found != NULL && !g_str_equal (found, place))
          return;                /* two places: which is the origin is not told */
        if (found == NULL)
          found = g_steal_pointer (&place);
      }
  if (found == NULL)
    return;
  offer (r, EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN, EKYC_CARD_SOURCE_PRINTED, found);
  /* the list confirms every unit; which line it is, is only told by the residence */
  confidence[EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN] = 0.7f;
}

static const char *
chip_sex (const char *text)
{
  g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;

  if (folded == NULL)
    return NULL;
  if (g_str_equal (folded, "nam") || g_str_equal (folded, "m"))
    return "M";
  if (g_str_equal (folded, "nữ") || g_str_equal (folded, "f"))
    return "F";
  return NULL;
}

/* DG13 first (exact text with diacritics), then DG1 for what DG13 lacks. */
static void
offer_chip (EkycCardReading *r, const EkycChipDocument *chip)
{
  const EkycChipVnData *vn = chip->vn;
  const EkycCardSource c = EKYC_CARD_SOURCE_CHIP;

  if (vn != NULL)
    {
      g_autofree char *expiry_folded = vn->expiry_date != NULL
                                       ? g_utf8_casefold (vn->expiry_date, -1) : NULL;

      offer (r, EKYC_CARD_READ_FIELD_ID_NUMBER, c, vn->id_number);
      offer (r, EKYC_CARD_READ_FIELD_OLD_ID_NUMBER, c, vn->old_id_number);
      offer (r, EKYC_CARD_READ_FIELD_FULL_NAME, c, vn->full_name);
      offer (r, EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, c, vn->date_of_birth_iso);
      offer (r, EKYC_CARD_READ_FIELD_SEX, c, chip_sex (vn->sex));
      offer (r, EKYC_CARD_READ_FIELD_NATIONALITY, c, vn->nationality);
      offer (r, EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN, c, vn->place_of_origin);
      offer (r, EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE, c, vn->place_of_residence);
      offer (r, EKYC_CARD_READ_FIELD_ISSUE_DATE, c, vn->issue_date_iso);
      if (expiry_folded != NULL && g_str_has_prefix (expiry_folded, "không"))
        offer (r, EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, c, "none");
      else
        offer (r, EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, c, vn->expiry_date_iso);
    }
  if (chip->mrz != NULL && chip->mrz->valid)
    {
      const EkycMrz *mrz = chip->mrz;
      g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", mrz->surname,
                                                           mrz->given_names));
      char sex[2] = { mrz->sex == 'M' || mrz->sex == 'F' ? mrz->sex : 0, 0 };

      offer (r, EKYC_CARD_READ_FIELD_ID_NUMBER, c,
             mrz->vn_id_number[0] ? mrz->vn_id_number : NULL);
      offer (r, EKYC_CARD_READ_FIELD_FULL_NAME, c, name);
      if (mrz->birth_year > 0 && mrz->birth_month > 0 && mrz->birth_day > 0)
        {
          EkycCardDate d = { mrz->birth_year, mrz->birth_month, mrz->birth_day };
          g_autofree char *text = iso (&d);
          offer (r, EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, c, text);
        }
      if (mrz->expiry_year > 0 && mrz->expiry_month > 0 && mrz->expiry_day > 0)
        {
          EkycCardDate d = { mrz->expiry_year, mrz->expiry_month, mrz->expiry_day };
          g_autofree char *text = iso (&d);
          offer (r, EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, c, text);
        }
      offer (r, EKYC_CARD_READ_FIELD_SEX, c, sex[0] ? sex : NULL);
    }
}

/* ---- agreement ---------------------------------------------------------------------------- */

static gboolean
is_text_field (EkycCardReadField f)
{
  return f == EKYC_CARD_READ_FIELD_FULL_NAME || f == EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN
         || f == EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE || f == EKYC_CARD_READ_FIELD_NATIONALITY;
}

/* 2: identical (case aside); 1: the same letters, diacritics or a few OCR slips apart; 0: not. */
static int
agreement (EkycCardReadField f, const char *a, const char *b)
{
  g_autofree char *ca = NULL, *cb = NULL, *fa = NULL, *fb = NULL;
  glong len;

  if (!is_text_field (f))
    return g_str_equal (a, b) ? 2 : 0;
  ca = g_utf8_casefold (a, -1);
  cb = g_utf8_casefold (b, -1);
  if (g_str_equal (ca, cb))
    return 2;
  fa = _ekyc_card_fold (a);
  fb = _ekyc_card_fold (b);
  if (g_str_equal (fa, fb))
    return 1;
  len = MAX (g_utf8_strlen (fa, -1), g_utf8_strlen (fb, -1));
  /* addresses are long: a slip per 25 letters is OCR, a different word is not */
  if (f != EKYC_CARD_READ_FIELD_FULL_NAME
      && _ekyc_card_edit_distance (fa, fb, (guint) (len / 25)) <= (guint) (len / 25))
    return 1;
  /* an address the OCR read in part: its words are the other's, in the same order */
  if (f == EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE || f == EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN)
    {
      g_auto(GStrv) wa = g_strsplit (fa, " ", -1);
      g_auto(GStrv) wb = g_strsplit (fb, " ", -1);
      guint na = g_strv_length (wa), nb = g_strv_length (wb), common = 0, j = 0;
      char **shorter = na <= nb ? wa : wb, **longer = na <= nb ? wb : wa;
      guint ns = MIN (na, nb), nl = MAX (na, nb);

      for (guint i = 0; i < ns; i++)
        for (guint k = j; k < nl; k++)
          if (_ekyc_card_edit_distance (shorter[i], longer[k], 1) <= 1)
            {
              common++;
              j = k + 1;
              break;
            }
      if (ns >= 3 && common * 10 >= ns * 8 && common * 10 >= nl * 6)
        return 1;
    }
  return 0;
}

static const EkycCardSource priority[EKYC_CARD_READ_N_FIELDS][4] = {
  [EKYC_CARD_READ_FIELD_ID_NUMBER] = { EKYC_CARD_SOURCE_QR, EKYC_CARD_SOURCE_MRZ, EKYC_CARD_SOURCE_PRINTED },
  [EKYC_CARD_READ_FIELD_OLD_ID_NUMBER] = { EKYC_CARD_SOURCE_QR },
  [EKYC_CARD_READ_FIELD_FULL_NAME] = { EKYC_CARD_SOURCE_QR, EKYC_CARD_SOURCE_PRINTED, EKYC_CARD_SOURCE_MRZ },
  [EKYC_CARD_READ_FIELD_DATE_OF_BIRTH] = { EKYC_CARD_SOURCE_QR, EKYC_CARD_SOURCE_MRZ, EKYC_CARD_SOURCE_PRINTED },
  [EKYC_CARD_READ_FIELD_SEX] = { EKYC_CARD_SOURCE_QR, EKYC_CARD_SOURCE_MRZ, EKYC_CARD_SOURCE_PRINTED },
  /* the MRZ's "VNM" before the print: a squeezed "Việt Nam" is often read as strokes */
  [EKYC_CARD_READ_FIELD_NATIONALITY] = { EKYC_CARD_SOURCE_MRZ, EKYC_CARD_SOURCE_PRINTED,
                                    EKYC_CARD_SOURCE_DERIVED },
  [EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN] = { EKYC_CARD_SOURCE_PRINTED },
  [EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE] = { EKYC_CARD_SOURCE_QR, EKYC_CARD_SOURCE_PRINTED },
  [EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY] = { EKYC_CARD_SOURCE_MRZ, EKYC_CARD_SOURCE_PRINTED,
                                       EKYC_CARD_SOURCE_COMPUTED },
  [EKYC_CARD_READ_FIELD_ISSUE_DATE] = { EKYC_CARD_SOURCE_QR, EKYC_CARD_SOURCE_PRINTED },
};

static const char *
agree_check_name (EkycCardReadField f)
{
  static const char *const names[EKYC_CARD_READ_N_FIELDS] = {
    "agree-id-number", "agree-old-id-number", "agree-full-name", "agree-date-of-birth",
    "agree-sex", "agree-nationality", "agree-place-of-origin", "agree-place-of-residence",
    "agree-date-of-expiry", "agree-issue-date",
  };
  return names[f];
}

/* Picks each field's value and confidence; one agreement check per field two sources read. */
static void
choose (EkycCardReading *r, const float *printed_confidence, gboolean chip_verified)
{
  const EkycCardSource read_sources[] = {
    EKYC_CARD_SOURCE_QR, EKYC_CARD_SOURCE_MRZ, EKYC_CARD_SOURCE_PRINTED, EKYC_CARD_SOURCE_CHIP,
  };

  /* The printed expiry one character away from the one the card law gives for the QR's dates:
   * an OCR slip (5 read as B → 8), not another date. */
  {
    EkycCardValue *e = &r->fields[EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY];
    const char *printed = e->by_source[EKYC_CARD_SOURCE_PRINTED];
    const char *computed = e->by_source[EKYC_CARD_SOURCE_COMPUTED];

    if (printed != NULL && computed != NULL && !g_str_equal (printed, computed)
        && _ekyc_card_edit_distance (printed, computed, 1) <= 1)
      {
        g_free (e->by_source[EKYC_CARD_SOURCE_PRINTED]);
        e->by_source[EKYC_CARD_SOURCE_PRINTED] = g_strdup (computed);
        r->fields[EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY].confidence = -1; /* marks the repair */
      }
  }

  for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
    {
      EkycCardValue *v = &r->fields[f];
      GString *detail = g_string_new (NULL);
      g_autoptr(GString) misread = g_string_new (NULL);
      int n_read = 0, n_agree = 0;
      gboolean disagree = FALSE, diacritics = FALSE;
      gboolean repaired = v->confidence < 0;

      if (chip_verified && v->by_source[EKYC_CARD_SOURCE_CHIP] != NULL)
        {
          v->source = EKYC_CARD_SOURCE_CHIP;
          v->value = g_strdup (v->by_source[EKYC_CARD_SOURCE_CHIP]);
        }
      for (int i = 0; v->value == NULL && i < 4 && priority[f][i] != EKYC_CARD_SOURCE_NONE; i++)
        if (v->by_source[priority[f][i]] != NULL)
          {
            v->source = priority[f][i];
            v->value = g_strdup (v->by_source[v->source]);
            break;
          }
      if (v->value == NULL)
        {
          g_string_free (detail, TRUE);
          continue;
        }
      /* a print the OCR garbled ("XVWtNam") does not outrank the codes it is a misreading of */
      if (v->source == EKYC_CARD_SOURCE_PRINTED)
        for (guint i = 0; i < G_N_ELEMENTS (read_sources); i++)
          {
            EkycCardSource s = read_sources[i];
            g_autofree char *why = NULL;

            if (s == EKYC_CARD_SOURCE_PRINTED || v->by_source[s] == NULL
                || (s == EKYC_CARD_SOURCE_CHIP && !chip_verified)
                || agreement ((EkycCardReadField) f, v->value, v->by_source[s]) > 0
                || !_ekyc_card_print_explained ((EkycCardReadField) f, v->by_source[s], v->value,
                                                printed_confidence[f], &why))
              continue;
            v->source = s;
            g_free (v->value);
            v->value = g_strdup (v->by_source[s]);
            break;
          }
      /* every read source against the winner */
      for (guint i = 0; i < G_N_ELEMENTS (read_sources); i++)
        {
          EkycCardSource s = read_sources[i];
          int a;

          if (v->by_source[s] == NULL || (s == EKYC_CARD_SOURCE_CHIP && !chip_verified))
            continue;
          n_read++;
          if (s == v->source)
            continue;
          /* the MRZ writes names without diacritics: only the letters can agree */
          a = agreement ((EkycCardReadField) f, v->value, v->by_source[s]);
          if (a == 0 && s == EKYC_CARD_SOURCE_PRINTED && v->source != EKYC_CARD_SOURCE_COMPUTED
              && v->source != EKYC_CARD_SOURCE_DERIVED)
            {
              g_autofree char *why = NULL;
              gboolean explained = _ekyc_card_print_explained ((EkycCardReadField) f, v->value,
                                                               v->by_source[s],
                                                               printed_confidence[f], &why);

              if (explained)
                {
                  /* the OCR's doing: named, not held against the card */
                  g_string_append_printf (misread, "%sprinted reads “%s”, not compared with %s "
                                          "“%s”: %s", misread->len ? "; " : "",
                                          v->by_source[s], ekyc_card_source_name (v->source),
                                          v->value, why);
                  continue;
                }
              g_string_append_printf (detail, "%s%s reads “%s”, %s reads “%s” (%s)",
                                      detail->len ? "; " : "", ekyc_card_source_name (v->source),
                                      v->value, ekyc_card_source_name (s), v->by_source[s], why);
              disagree = TRUE;
              continue;
            }
          if (a == 0)
            {
              disagree = TRUE;
              g_string_append_printf (detail, "%s%s reads “%s”, %s reads “%s”",
                                      detail->len ? "; " : "", ekyc_card_source_name (v->source),
                                      v->value, ekyc_card_source_name (s), v->by_source[s]);
            }
          else
            {
              n_agree++;
              diacritics |= a == 1 && s != EKYC_CARD_SOURCE_MRZ;
            }
        }
      switch (v->source)
        {
        case EKYC_CARD_SOURCE_QR: v->confidence = 0.97f; break;
        case EKYC_CARD_SOURCE_MRZ: v->confidence = 0.95f; break;
        case EKYC_CARD_SOURCE_PRINTED: v->confidence = printed_confidence[f] * 0.9f; break;
        case EKYC_CARD_SOURCE_COMPUTED: v->confidence = 0.8f; break;
        case EKYC_CARD_SOURCE_DERIVED: v->confidence = 0.9f; break;
        case EKYC_CARD_SOURCE_CHIP: v->confidence = 0.995f; break;
        case EKYC_CARD_SOURCE_NONE:
        case EKYC_CARD_N_SOURCES:
        default: break;
        }
      if (n_agree > 0 && !disagree)
        v->confidence = MIN (0.999f, v->confidence + 0.02f * n_agree + 0.03f);
      if (disagree)
        v->confidence *= 0.5f;
      if (f == EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY && v->by_source[EKYC_CARD_SOURCE_COMPUTED] != NULL
          && v->source != EKYC_CARD_SOURCE_COMPUTED)
        {
          /* the printed (or MRZ) expiry against the card law */
          gboolean same = g_str_equal (v->value, v->by_source[EKYC_CARD_SOURCE_COMPUTED]);
          add_check (r, "expiry-by-law", same,
                     same ? g_strdup_printf ("%s, as the card law gives for the dates of birth and "
                                             "issue%s", v->value,
                                             repaired ? " (one printed digit misread)" : "")
                          : g_strdup_printf ("the card says %s, the card law gives %s", v->value,
                                             v->by_source[EKYC_CARD_SOURCE_COMPUTED]));
        }
      if (n_read >= 2)
        {
          if (!disagree && n_agree > 0)
            g_string_append_printf (detail, "%d sources agree%s", n_agree + 1,
                                    !diacritics ? ""
                                    : v->source == EKYC_CARD_SOURCE_CHIP
                                    ? " (the printed text's diacritics differ: the chip's are kept)"
                                    : " (the printed text's diacritics differ: the QR's are kept)");
          if (misread->len > 0)
            g_string_append_printf (detail, "%s%s", detail->len ? "; " : "", misread->str);
          add_check (r, agree_check_name ((EkycCardReadField) f), !disagree,
                     g_string_free (detail, FALSE));
        }
      else
        g_string_free (detail, TRUE);
    }
}

/* ---- the chip against the card ------------------------------------------------------------ */

static void
check_chip_passive (EkycCardReading *r, const EkycChipDocument *chip)
{
  const EkycChipPassive *pa = &chip->passive;

  if (pa->result == EKYC_CHIP_PA_OK)
    add_check (r, "chip-passive-authentication", TRUE,
               g_strdup_printf ("%u data group hashes (%s) match the SOD, signed by “%s” under "
                                "the CSCA “%s”: the chip's fields win",
                                pa->hashes_checked, pa->hash_algorithm ? pa->hash_algorithm : "?",
                                pa->signer_subject ? pa->signer_subject : "?",
                                pa->csca_subject ? pa->csca_subject : "?"));
  else
    add_check (r, "chip-passive-authentication", FALSE,
               g_strdup_printf ("%s%s%s: the chip's fields do not win over the card's print",
                                ekyc_chip_passive_result_name (pa->result),
                                pa->detail ? ": " : "", pa->detail ? pa->detail : ""));
}

/* "chip-agrees-SOURCE": every field both the chip and @source read, compared. */
static void
check_chip_against (EkycCardReading *r, EkycCardSource source, const char *name)
{
  g_autoptr(GString) differ = g_string_new (NULL);
  g_autoptr(GString) agree = g_string_new (NULL);

  for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
    {
      const char *chip = r->fields[f].by_source[EKYC_CARD_SOURCE_CHIP];
      const char *other = r->fields[f].by_source[source];

      if (chip == NULL || other == NULL)
        continue;
      if (agreement ((EkycCardReadField) f, chip, other) > 0)
        g_string_append_printf (agree, "%s%s", agree->len ? ", " : "",
                                ekyc_card_read_field_name ((EkycCardReadField) f));
      else
        g_string_append_printf (differ, "%s%s: chip reads “%s”, %s reads “%s”",
                                differ->len ? "; " : "",
                                ekyc_card_read_field_name ((EkycCardReadField) f), chip,
                                ekyc_card_source_name (source), other);
    }
  if (differ->len == 0 && agree->len == 0)
    return;
  if (differ->len > 0)
    add_check (r, name, FALSE, g_strdup (differ->str));
  else
    add_check (r, name, TRUE, g_strdup_printf ("the same %s", agree->str));
}

static void
check_chip (EkycCardReading *r, const EkycChipDocument *chip)
{
  check_chip_passive (r, chip);
  check_chip_against (r, EKYC_CARD_SOURCE_QR, "chip-agrees-qr");
  check_chip_against (r, EKYC_CARD_SOURCE_MRZ, "chip-agrees-mrz");
  check_chip_against (r, EKYC_CARD_SOURCE_PRINTED, "chip-agrees-printed");
}

/* ---- the card's own rules ----------------------------------------------------------------- */

static void
check_rules (EkycCardReading *r, const EkycCardQr *qr, const char *qr_payload,
             EkycCardQrProblem qr_problem, const char *qr_message, const EkycCardDate *today)
{
  const char *id = r->fields[EKYC_CARD_READ_FIELD_ID_NUMBER].value;
  const char *sex_text = r->fields[EKYC_CARD_READ_FIELD_SEX].value;
  EkycIdSex sex = sex_text ? (EkycIdSex) sex_text[0] : EKYC_ID_SEX_UNKNOWN;
  EkycCardDate birth, issue, expiry;
  gboolean has_birth = parse_iso (r->fields[EKYC_CARD_READ_FIELD_DATE_OF_BIRTH].value, &birth);
  gboolean has_issue = parse_iso (r->fields[EKYC_CARD_READ_FIELD_ISSUE_DATE].value, &issue);
  const char *expiry_text = r->fields[EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY].value;

  if (qr_payload != NULL)
    add_check (r, "qr-payload", qr != NULL,
               qr != NULL ? g_strdup ("the QR payload is well formed")
               : g_strdup_printf ("%s: %s", ekyc_card_qr_problem_name (qr_problem), qr_message));

  if (id == NULL)
    add_check (r, "id-number", FALSE, g_strdup ("no ID number could be read"));
  else
    {
      EkycIdNumberProblems p = ekyc_id_number_check_consistency (id, NULL, EKYC_ID_SEX_UNKNOWN);
      EkycIdNumberProblems full =
        ekyc_id_number_check_consistency (id, has_birth ? &birth : NULL, sex);
      g_autofree char *names = ekyc_id_number_problems_to_string (p);

      add_check (r, "id-number", p == EKYC_ID_NUMBER_PROBLEM_NONE,
                 p == EKYC_ID_NUMBER_PROBLEM_NONE
                 ? g_strdup_printf ("12 digits, province %.3s known", id)
                 : g_strdup_printf ("structure: %s", names));
      if (p == EKYC_ID_NUMBER_PROBLEM_NONE)
        {
          gboolean sex_ok = !(full & (EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH
                                      | EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH));
          gboolean year_ok = !(full & EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH);

          add_check (r, "id-sex-century", sex_ok && sex != EKYC_ID_SEX_UNKNOWN && has_birth,
                     sex == EKYC_ID_SEX_UNKNOWN || !has_birth
                     ? g_strdup ("sex or date of birth unknown")
                     : g_strdup_printf ("digit 4 is %c: %s", id[3],
                                        sex_ok ? "agrees with sex and century of birth"
                                               : "does not agree with sex and century of birth"));
          add_check (r, "id-birth-year", year_ok && has_birth,
                     !has_birth ? g_strdup ("date of birth unknown")
                     : g_strdup_printf ("digits 5–6 are %.2s, born %d", id + 4, birth.year));
        }
    }

  if (has_birth && has_issue)
    {
      gboolean ok = ekyc_card_date_compare (&issue, &birth) >= 0
                    && ekyc_card_date_compare (&issue, today) <= 0;
      add_check (r, "dates-valid", ok,
                 g_strdup (ok ? "birth ≤ issue ≤ today"
                           : ekyc_card_date_compare (&issue, &birth) < 0
                           ? "issued before the date of birth" : "issued after today"));
    }

  if (expiry_text != NULL && g_str_equal (expiry_text, "none"))
    add_check (r, "not-expired", TRUE, g_strdup ("no expiry (Không thời hạn)"));
  else if (parse_iso (expiry_text, &expiry))
    {
      gboolean expired = ekyc_card_date_compare (&expiry, today) < 0;
      add_check (r, "not-expired", !expired,
                 g_strdup_printf ("%s %s", expired ? "expired on" : "valid until", expiry_text));
    }
  else
    add_check (r, "not-expired", FALSE, g_strdup ("the date of expiry is unknown"));

  if (has_birth)
    {
      int age = ekyc_card_date_age_on (&birth, today);
      add_check (r, "age-14", age >= MIN_AGE,
                 g_strdup_printf ("age %d on %04d-%02d-%02d", age, today->year, today->month,
                                  today->day));
    }
  else
    add_check (r, "age-14", FALSE, g_strdup ("the date of birth is unknown"));
}

/* The expiry the card law gives for its birth and issue dates. */
static void
offer_computed_expiry (EkycCardReading *r)
{
  const EkycCardValue *b = &r->fields[EKYC_CARD_READ_FIELD_DATE_OF_BIRTH];
  const EkycCardValue *i = &r->fields[EKYC_CARD_READ_FIELD_ISSUE_DATE];
  const char *bt = b->by_source[EKYC_CARD_SOURCE_QR] ? b->by_source[EKYC_CARD_SOURCE_QR]
                   : b->by_source[EKYC_CARD_SOURCE_MRZ];
  const char *it = i->by_source[EKYC_CARD_SOURCE_QR] ? i->by_source[EKYC_CARD_SOURCE_QR]
                   : i->by_source[EKYC_CARD_SOURCE_PRINTED];
  EkycCardDate birth, issue;
  EkycCardExpiry expiry;

  if (!parse_iso (bt, &birth) || !parse_iso (it, &issue))
    return;
  if (!ekyc_card_compute_expiry (&birth, &issue, ekyc_card_law_for_issue_date (&issue), &expiry,
                                 NULL))
    return;
  if (expiry.no_expiry)
    offer (r, EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, EKYC_CARD_SOURCE_COMPUTED, "none");
  else
    {
      g_autofree char *text = iso (&expiry.expiry);
      offer (r, EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, EKYC_CARD_SOURCE_COMPUTED, text);
    }
}

EkycCardReading *
ekyc_card_reading_merge (const EkycCardSideReading *front, const EkycCardSideReading *back,
                         const EkycCardDate *today, GError **error)
{
  g_return_val_if_fail (front != NULL || back != NULL, NULL);
  return ekyc_card_reading_merge_with_chip (front, back, NULL, today, error);
}

EkycCardReading *
ekyc_card_reading_merge_with_chip (const EkycCardSideReading *front,
                                   const EkycCardSideReading *back,
                                   const EkycChipDocument    *chip,
                                   const EkycCardDate        *today,
                                   GError                   **error)
{
  g_autoptr(EkycCardReading) r = NULL;
  g_autoptr(EkycCardQr) qr = NULL;
  g_autoptr(GError) qr_error = NULL;
  const EkycCardSideReading *sides[2];
  const char *payload = NULL;
  const EkycMrz *mrz = NULL;
  EkycCardQrProblem qr_problem = EKYC_CARD_QR_PROBLEM_NONE;
  float printed_confidence[EKYC_CARD_READ_N_FIELDS] = { 0 };
  EkycCardDate now;
  gboolean chip_verified = chip != NULL && chip->passive.result == EKYC_CHIP_PA_OK;

  g_return_val_if_fail (front != NULL || back != NULL || chip != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  _ekyc_i18n_init ();

  if (front != NULL && back != NULL && front->side != EKYC_CARD_SIDE_UNKNOWN
      && front->side == back->side)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CARD_SAME_SIDE,
                   front->side == EKYC_CARD_SIDE_FRONT
                   ? _("Both pictures show the front of the card. Photograph its back too.")
                   : _("Both pictures show the back of the card. Photograph its front too."));
      return NULL;
    }
  /* the caller's order is a hint: what the pictures show decides */
  sides[0] = front;
  sides[1] = back;
  if ((front != NULL && front->side == EKYC_CARD_SIDE_BACK)
      || (back != NULL && back->side == EKYC_CARD_SIDE_FRONT))
    {
      sides[0] = back;
      sides[1] = front;
    }
  if (today == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();
      now = (EkycCardDate) { g_date_time_get_year (dt), g_date_time_get_month (dt),
                             g_date_time_get_day_of_month (dt) };
      today = &now;
    }

  r = g_new0 (EkycCardReading, 1);
  r->checks = g_array_new (FALSE, FALSE, sizeof (EkycCardCheck));
  r->all_passed = TRUE;
  for (int i = 0; i < 2; i++)
    if (sides[i] != NULL)
      {
        if (payload == NULL && sides[i]->qr_payload != NULL)
          {
            payload = sides[i]->qr_payload;
            /* the QR is on the front of a 2021 card, on the back of a 2024 one */
            if (r->layout == EKYC_CARD_LAYOUT_UNKNOWN && sides[i]->side != EKYC_CARD_SIDE_UNKNOWN)
              r->layout = sides[i]->side == EKYC_CARD_SIDE_FRONT ? EKYC_CARD_LAYOUT_CCCD_2021
                                                                  : EKYC_CARD_LAYOUT_CAN_CUOC_2024;
          }
        if (mrz == NULL && sides[i]->mrz != NULL)
          mrz = sides[i]->mrz;
      }
  for (int i = 0; i < 2 && r->layout == EKYC_CARD_LAYOUT_UNKNOWN; i++)
    if (sides[i] != NULL)
      r->layout = sides[i]->layout;

  if (payload != NULL)
    {
      r->qr_payload = g_strdup (payload);
      qr = ekyc_card_qr_parse ((const guint8 *) payload, strlen (payload), today, &qr_problem,
                               &qr_error);
      if (qr != NULL)
        offer_qr (r, qr);
      else
        offer_rejected_qr (r, payload);
    }
  if (mrz != NULL)
    {
      /* an MRZ that fails its check digits is shown, but its fields are not trusted */
      if (mrz->valid)
        offer_mrz (r, mrz);
      else
        for (guint i = 0; i < mrz->n_lines && i < 3; i++)
          r->mrz_lines[i] = g_strdup (mrz->lines[i]);
      add_check (r, "mrz-check-digits", mrz->valid,
                 g_strdup (mrz->valid ? "every MRZ check digit is valid"
                                      : "an MRZ check digit fails: its fields are not used"));
      if (!g_str_equal (mrz->issuing_state, "VNM"))
        add_check (r, "mrz-issuer", FALSE,
                   g_strdup_printf ("issued by %s, not Viet Nam", mrz->issuing_state));
    }
  offer_printed (r, sides[0], printed_confidence);
  offer_printed (r, sides[1], printed_confidence);
  offer_name_as_printed (r, sides, printed_confidence);
  offer_origin_from_lines (r, sides, printed_confidence);
  if (chip != NULL)
    offer_chip (r, chip);
  offer_computed_expiry (r);
  if (qr != NULL || (mrz != NULL && g_str_equal (mrz->issuing_state, "VNM")))
    offer (r, EKYC_CARD_READ_FIELD_NATIONALITY, EKYC_CARD_SOURCE_DERIVED, "Việt Nam");

  choose (r, printed_confidence, chip_verified);
  if (chip != NULL)
    check_chip (r, chip);
  check_rules (r, qr, payload, qr_problem, qr_error ? qr_error->message : NULL, today);
  return g_steal_pointer (&r);
}

void
ekyc_card_reading_free (EkycCardReading *reading)
{
  if (reading == NULL)
    return;
  for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
    {
      g_free (reading->fields[f].value);
      for (int s = 0; s < EKYC_CARD_N_SOURCES; s++)
        g_free (reading->fields[f].by_source[s]);
    }
  g_free (reading->qr_payload);
  for (int i = 0; i < 3; i++)
    g_free (reading->mrz_lines[i]);
  for (guint i = 0; reading->checks != NULL && i < reading->checks->len; i++)
    g_free (g_array_index (reading->checks, EkycCardCheck, i).detail);
  g_clear_pointer (&reading->checks, g_array_unref);
  g_free (reading);
}

gboolean
ekyc_card_reading_embed_portrait (EkycCardReading *reading, EkycEngine *engine,
                                  const EkycImage *portrait, GError **error)
{
  g_autofree EkycFaceDetection *faces = NULL;
  EkycFaceLandmarks landmarks;
  gsize n = 0;

  g_return_val_if_fail (reading != NULL && engine != NULL && portrait != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  _ekyc_i18n_init ();

  if (!ekyc_engine_detect_faces (engine, portrait, &faces, &n, error))
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NO_FACE,
                   _("No face was found in the card's portrait. Photograph the front of the "
                     "card without glare on the photo."));
      return FALSE;
    }
  if (!ekyc_engine_face_landmarks (engine, portrait, &faces[0], &landmarks, error)
      || !ekyc_engine_embed_face (engine, portrait, &landmarks, &reading->face_embedding, error))
    return FALSE;
  reading->face = faces[0];
  reading->has_face = TRUE;
  return TRUE;
}
