/* ekyc-mrz.c — parse a machine readable zone, check its digits, repair OCR slips it can prove
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Layouts, from ICAO Doc 9303 (8th ed.) Part 4 (TD3), Part 5 (TD1), Part 6 (TD2); positions
 * count from 1 as ICAO does (the code counts from 0):
 *
 *   TD1 line 1: 1–2 document code, 3–5 issuing state, 6–14 document number, 15 its check digit,
 *               16–30 optional data
 *       line 2: 1–6 birth YYMMDD, 7 check, 8 sex, 9–14 expiry YYMMDD, 15 check, 16–18
 *               nationality, 19–29 optional data, 30 composite check over line 1 6–30,
 *               line 2 1–7, 9–15 and 19–29
 *       line 3: name
 *   TD2 line 1: 1–2 code, 3–5 state, 6–36 name
 *       line 2: 1–9 number, 10 check, 11–13 nationality, 14–19 birth, 20 check, 21 sex, 22–27
 *               expiry, 28 check, 29–35 optional data, 36 composite over 1–10, 14–20, 22–35
 *   TD3 line 1: as TD2 with the name in 6–44
 *       line 2: as TD2 up to 28, then 29–42 personal number, 43 its check digit (`<` or 0 when
 *               the number is empty), 44 composite over 1–10, 14–20, 22–43
 * A TD1/TD2 document number longer than 9 characters puts `<` in the check position and goes
 * on in the optional data, followed by its check digit (Part 5 note j; specimen in Part 11,
 * Appendix D.2: I<UTOD23145890<7349<<<<<<<<<<< is number D23145890734, check 9). Visas
 * (code V, MRV-A/MRV-B, Part 7) have optional data instead of the last checks.
 *
 * The Vietnamese citizen ID card (CCCD chip card, issued from 2021), TD1 with code "ID" and
 * state "VNM":
 *
 *   IDVNM NNNNNNNNN C PPPPPPPPPPPP << K     line 1: N = last 9 digits of the personal ID
 *                                            number P (12 digits), C = check of N, K = check
 *                                            of the 12 digits P (ICAO weights)
 *   YYMMDD c S YYMMDD c VNM <<<<<<<<<<< c    line 2: plain TD1, optional data empty
 *   SURNAME<<GIVEN<NAMES<<<<<<<<<<<<<<<     line 3: the name without diacritics
 *
 * No official text describes positions 16–30; the layout above is what real cards print. It
 * holds, check digits included, on every sample found in public code (mock and test data of
 * Vietnamese eKYC SDKs and OCR projects on GitHub, e.g. ftech-ai's FEKYC demo and a VNCCCDSDK
 * test suite; their lines are not copied here, as they may be real people's). Digit 4 of the
 * 12 codes century and sex (0/1 = 1900s male/female, 2/3 = 2000s …) and digits 5–6 the year of
 * birth (Decree 137/2015/NĐ-CP art. 13), which line 2 must agree with. The composite check
 * covers line 1 from position 6, so the 12 digits are protected twice.
 */
#define G_LOG_DOMAIN "ekyc-mrz"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-mrz.h"
#include "ekyc-i18n-private.h"

#define MAX_LINES 3
#define MAX_LEN   44
#define MAX_SPAN  64

typedef struct {
  guint8 line;
  guint8 col;
} Pos;

/* The characters a check digit covers, in order: not always contiguous (long document numbers,
 * composite checks). */
typedef struct {
  Pos   pos[MAX_SPAN];
  guint n;
} Span;

typedef struct {
  char          l[MAX_LINES][MAX_LEN + 1];
  guint         n_lines;
  guint         len;
  EkycMrzFormat format;
  gboolean      visa;
  gboolean      vn;
  GArray       *repairs;

  Span          doc;           /* document number, joined when it overflows */
  Pos           doc_check;
  gsize         opt_start, opt_len; /* optional data left after an overflow (line 1 or 2) */
  guint         opt_line;
  Span          opt;           /* TD3 personal number, VN 12-digit number */
  Pos           opt_check;
  gboolean      has_opt_check;
  Span          composite;
  Pos           composite_check;
  gboolean      has_composite;
  Span          composite_only; /* mixed characters that only the composite check covers */
} Parser;

static int
char_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c == '<')
    return 0;
  return -1;
}

int
ekyc_mrz_check_digit (const char *s, gsize len)
{
  static const int weights[3] = { 7, 3, 1 };
  int sum = 0;

  g_return_val_if_fail (s != NULL || len == 0, -1);

  for (gsize i = 0; i < len; i++)
    {
      int v = char_value (s[i]);
      if (v < 0)
        return -1;
      sum = (sum + v * weights[i % 3]) % 10;
    }
  return sum;
}

/* OCR-B confusions, by the class a position must hold. */
static char
to_digit (char c)
{
  switch (c)
    {
    case 'O': case 'Q': case 'D': case 'U': return '0';
    case 'I': case 'L': return '1';
    case 'Z': return '2';
    case 'A': return '4';
    case 'S': return '5';
    case 'G': return '6';
    case 'T': return '7';
    case 'B': return '8';
    default: return 0;
    }
}

static char
to_letter (char c)
{
  switch (c)
    {
    case '0': return 'O';
    case '1': return 'I';
    case '2': return 'Z';
    case '4': return 'A';
    case '5': return 'S';
    case '6': return 'G';
    case '7': return 'T';
    case '8': return 'B';
    default: return 0;
    }
}

/* What a character of a mixed field (letters and digits) may have been misread from. */
static const char *
confusions (char c)
{
  switch (c)
    {
    case '0': return "OQD";
    case 'O': case 'Q': case 'D': return "0";
    case '1': return "I";
    case 'I': return "1";
    case '2': return "Z";
    case 'Z': return "2";
    case '4': return "A";
    case 'A': return "4";
    case '5': return "S";
    case 'S': return "5";
    case '6': return "G";
    case 'G': return "6";
    case '7': return "T";
    case 'T': return "7";
    case '8': return "B";
    case 'B': return "8";
    default: return "";
    }
}

static char *
at (Parser *p, Pos pos)
{
  g_assert (pos.line < p->n_lines && pos.col < p->len);
  return &p->l[pos.line][pos.col];
}

static Pos
mkpos (guint line, guint col)
{
  return (Pos) { (guint8) line, (guint8) col };
}

static void
span_add (Span *s, guint line, guint start, guint len)
{
  for (guint i = 0; i < len; i++)
    {
      g_assert (s->n < MAX_SPAN);
      s->pos[s->n++] = mkpos (line, start + i);
    }
}

static int
span_check (Parser *p, const Span *s)
{
  static const int weights[3] = { 7, 3, 1 };
  int sum = 0;

  for (guint i = 0; i < s->n; i++)
    sum = (sum + char_value (*at (p, s->pos[i])) * weights[i % 3]) % 10;
  return sum;
}

static void
record_repair (Parser *p, Pos pos, char to)
{
  EkycMrzRepair r = { pos.line, pos.col, *at (p, pos), to };

  g_array_append_val (p->repairs, r);
  *at (p, pos) = to;
}

typedef enum {
  CLASS_DIGIT, /* digits and `<` */
  CLASS_ALPHA, /* letters and `<` */
} CharClass;

/* Repairs the characters of one field whose class is known. With @strict, a character of the
 * wrong class that has no look-alike is an error naming @what; otherwise it stays. */
static gboolean
class_repair (Parser *p, guint line, guint start, guint len, CharClass cls, gboolean strict,
              const char *what, GError **error)
{
  for (guint i = start; i < start + len; i++)
    {
      char c = p->l[line][i];
      char to;

      if (c == '<')
        continue;
      if (cls == CLASS_DIGIT && g_ascii_isdigit (c))
        continue;
      if (cls == CLASS_ALPHA && g_ascii_isupper (c))
        continue;
      to = cls == CLASS_DIGIT ? to_digit (c) : to_letter (c);
      if (to != 0)
        record_repair (p, mkpos (line, i), to);
      else if (strict)
        {
          g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID,
                       cls == CLASS_DIGIT
                       /* Translators: the last %s is a field, e.g. "date of birth" */
                       ? _("Line %u, column %u: “%c” cannot be in the %s, which holds digits.")
                       : _("Line %u, column %u: “%c” cannot be in the %s, which holds letters."),
                       line + 1, i + 1, c, what);
          return FALSE;
        }
    }
  return TRUE;
}

static int
found_value (Parser *p, Pos check)
{
  char c = *at (p, check);
  return g_ascii_isdigit (c) ? c - '0' : -1;
}

static gboolean
composite_passes (Parser *p)
{
  return p->has_composite && span_check (p, &p->composite) == found_value (p, p->composite_check);
}

/* Tries each single look-alike substitution among @suspects (characters of @field, never the
 * check digit) and applies it when exactly one makes the check pass and, where the document has
 * a composite check, that one too. The composite guards against a misread check digit: a
 * "repair" of the data to fit it would leave the composite failing (unless the check digit is
 * off by exactly 5). Returns FALSE when several would fit: nothing is changed (ambiguous). */
static gboolean
repair_by_check (Parser *p, const Span *field, const Span *suspects, Pos check)
{
  int want = found_value (p, check);
  Pos cand_pos = { 0, 0 };
  char cand_to = 0;
  guint n = 0;

  if (want < 0)
    return TRUE;
  for (guint i = 0; i < suspects->n; i++)
    {
      char *c = at (p, suspects->pos[i]);
      char orig = *c;

      for (const char *alt = confusions (orig); *alt != '\0'; alt++)
        {
          *c = *alt;
          if (span_check (p, field) == want && (!p->has_composite || composite_passes (p)))
            {
              cand_pos = suspects->pos[i];
              cand_to = *alt;
              n++;
            }
          *c = orig;
        }
    }
  if (n == 1)
    record_repair (p, cand_pos, cand_to);
  return n <= 1;
}

static void
fill_check (Parser *p, const Span *field, Pos check, EkycMrzCheck *out)
{
  int expected = span_check (p, field);
  char found = *at (p, check);

  out->present = TRUE;
  out->expected = (char) ('0' + expected);
  out->found = found;
  out->valid = found_value (p, check) == expected;
}

static gboolean
span_is_filler (Parser *p, const Span *s)
{
  for (guint i = 0; i < s->n; i++)
    if (*at (p, s->pos[i]) != '<')
      return FALSE;
  return TRUE;
}

/* Copies @len characters at @src without the trailing fillers; inner `<` become @inner. */
static void
copy_field (char *dest, gsize size, const char *src, gsize len, char inner)
{
  gsize n = len;

  while (n > 0 && src[n - 1] == '<')
    n--;
  g_assert (n < size);
  for (gsize i = 0; i < n; i++)
    dest[i] = src[i] == '<' ? inner : src[i];
  dest[n] = '\0';
}

static void
split_name (EkycMrz *mrz, const char *src, gsize len)
{
  gsize sep = len;

  for (gsize i = 0; i + 1 < len; i++)
    if (src[i] == '<' && src[i + 1] == '<')
      {
        sep = i;
        break;
      }
  copy_field (mrz->surname, sizeof mrz->surname, src, sep, ' ');
  g_strstrip (mrz->surname);
  if (sep + 2 < len)
    copy_field (mrz->given_names, sizeof mrz->given_names, src + sep + 2, len - sep - 2, ' ');
  g_strstrip (mrz->given_names);
}

static int
two_digits (const char *s)
{
  if (!g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]))
    return -1;
  return (s[0] - '0') * 10 + (s[1] - '0');
}

static int
compare_ymd (int y1, int m1, int d1, int y2, int m2, int d2)
{
  if (y1 != y2)
    return y1 < y2 ? -1 : 1;
  if (m1 != m2)
    return m1 < m2 ? -1 : 1;
  return d1 < d2 ? -1 : d1 > d2;
}

/* YYMMDD → numbers, 0 for an unknown (`<<`) component; the century as the header says, or
 * @century when it is not negative. */
static gboolean
read_date (const char *s, gboolean birth, const GDate *today, int century,
           int *year, int *month, int *day, GError **error)
{
  int yy = two_digits (s), mm = two_digits (s + 2), dd = two_digits (s + 4);
  int ty = g_date_get_year (today), tm = g_date_get_month (today), td = g_date_get_day (today);

  *year = 0;
  *month = mm > 0 ? mm : 0;
  *day = dd > 0 ? dd : 0;
  if (yy >= 0)
    {
      if (century >= 0)
        *year = century + yy;
      else if (birth)
        {
          *year = ty - ty % 100 + yy;
          if (compare_ymd (*year, *month, *day, ty, tm, td) > 0)
            *year -= 100;
        }
      else
        {
          *year = ty - ty % 100 + yy;
          if (*year > ty + 20)
            *year -= 100;
          else if (*year <= ty - 80)
            *year += 100;
        }
    }
  if (*month > 12 ||
      (*day > 0 && *day > g_date_get_days_in_month (*month > 0 ? *month : 1,
                                                    *year > 0 ? *year : 2000)))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID,
                   birth ? _("The date of birth “%.6s” is not a calendar date.")
                         : _("The date of expiry “%.6s” is not a calendar date."),
                   s);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_characters (guint line, const char *s, gsize len, GError **error)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];
      char shown[8];

      if (char_value (g_ascii_toupper (c)) >= 0)
        continue;
      if (c >= 0x80 && g_utf8_get_char_validated (s + i, len - i) < (gunichar) -2)
        {
          /* @s is not NUL-terminated: copy the one character's bytes. */
          gsize n = (gsize) (g_utf8_next_char (s + i) - (s + i));

          memcpy (shown, s + i, n);
          shown[n] = '\0';
        }
      else if (c < 0x20 || c >= 0x7f)
        g_snprintf (shown, sizeof shown, "\\x%02X", c);
      else
        g_snprintf (shown, sizeof shown, "%c", c);
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID,
                   _("Line %u, column %u: “%s” is not an MRZ character (A–Z, 0–9 and <)."),
                   line + 1, (guint) i + 1, shown);
      return FALSE;
    }
  return TRUE;
}

/* Reads the lines into @p: trimmed, checked, upper-cased; the format from their count and
 * length. */
static gboolean
load_lines (Parser *p, EkycMrz *mrz, const char *const *lines, const gsize *lens, gsize n_lines,
            GError **error)
{
  if (n_lines == 0)
    {
      g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID, _("The MRZ is empty."));
      return FALSE;
    }
  if (n_lines != 2 && n_lines != 3)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID,
                   _("An MRZ has 2 or 3 lines, not %lu."), (unsigned long) n_lines);
      return FALSE;
    }
  p->n_lines = (guint) n_lines;
  for (guint i = 0; i < n_lines; i++)
    {
      const char *s = lines[i];
      gsize len = lens[i];

      while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
      while (len > 0 && (s[0] == ' ' || s[0] == '\t'))
        s++, len--;
      if (!check_characters (i, s, len, error))
        return FALSE;
      if (i == 0)
        p->len = (guint) MIN (len, G_MAXUINT);
      if (n_lines == 3 ? len != 30 : (i == 0 ? len != 36 && len != 44 : len != p->len))
        {
          if (n_lines == 3)
            g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID,
                         _("Line %u has %lu characters; the lines of a "
                           "3-line MRZ (ID card, TD1) have 30."), i + 1, (unsigned long) len);
          else if (i == 0)
            g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID,
                         _("Line 1 has %lu characters; the lines of a 2-line "
                           "MRZ have 36 (TD2) or 44 (passport, TD3)."), (unsigned long) len);
          else
            g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID,
                         _("Line %u has %lu characters, but line 1 has %u."),
                         i + 1, (unsigned long) len, p->len);
          return FALSE;
        }
      for (gsize j = 0; j < len; j++)
        {
          p->l[i][j] = g_ascii_toupper (s[j]);
          if (p->l[i][j] != s[j])
            mrz->case_folded = TRUE;
        }
      p->l[i][len] = '\0';
    }
  p->format = n_lines == 3 ? EKYC_MRZ_FORMAT_TD1
            : p->len == 36 ? EKYC_MRZ_FORMAT_TD2 : EKYC_MRZ_FORMAT_TD3;
  return TRUE;
}

/* Repairs by class every field whose class is known, and finds the Vietnamese layout. */
static gboolean
repair_classes (Parser *p, GError **error)
{
  gboolean td1 = p->format == EKYC_MRZ_FORMAT_TD1;
  guint dl = 1;                        /* the line with the dates */
  guint birth = td1 ? 0 : 13, sex = td1 ? 7 : 20, expiry = td1 ? 8 : 21;
  guint nat = td1 ? 15 : 10;
  guint check_cols[4] = { birth + 6, expiry + 6, 0, 0 };
  guint n_check_cols = 2;

  if (!class_repair (p, 0, 0, 2, CLASS_ALPHA, TRUE, _("document code"), error) ||
      !class_repair (p, 0, 2, 3, CLASS_ALPHA, TRUE, _("issuing state"), error))
    return FALSE;
  if (p->l[0][0] == '<')
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID,
                   _("Line 1, column 1: an MRZ starts with the document code, not “<”."));
      return FALSE;
    }
  p->visa = p->l[0][0] == 'V' && !td1;
  p->vn = td1 && memcmp (p->l[0], "IDVNM", 5) == 0;

  if (!class_repair (p, dl, birth, 6, CLASS_DIGIT, TRUE, _("date of birth"), error) ||
      !class_repair (p, dl, expiry, 6, CLASS_DIGIT, TRUE, _("date of expiry"), error) ||
      !class_repair (p, dl, nat, 3, CLASS_ALPHA, TRUE, _("nationality"), error))
    return FALSE;
  if (td1)
    {
      if (!class_repair (p, 2, 0, 30, CLASS_ALPHA, TRUE, _("name"), error))
        return FALSE;
    }
  else if (!class_repair (p, 0, 5, p->len - 5, CLASS_ALPHA, TRUE, _("name"), error))
    return FALSE;

  /* Check digits: a digit, or `<` where ICAO allows it (long numbers, empty personal number). */
  if (td1)
    {
      check_cols[n_check_cols++] = 29;
      if (!class_repair (p, 0, 14, 1, CLASS_DIGIT, TRUE, _("document number's check digit"),
                         error))
        return FALSE;
    }
  else
    {
      check_cols[n_check_cols++] = 9;
      if (!p->visa)
        check_cols[n_check_cols++] = p->len - 1;
      if (p->format == EKYC_MRZ_FORMAT_TD3 && !p->visa &&
          !class_repair (p, 1, 42, 1, CLASS_DIGIT, TRUE, _("personal number's check digit"),
                         error))
        return FALSE;
    }
  for (guint i = 0; i < n_check_cols; i++)
    if (!class_repair (p, dl, check_cols[i], 1, CLASS_DIGIT, TRUE, _("check digit"), error))
      return FALSE;

  {
    char s = p->l[dl][sex];
    if (s != 'M' && s != 'F' && s != '<' && s != 'X')
      {
        g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID,
                     _("Line %u, column %u: the sex is “%c”; it must be M, F, X or <."),
                     dl + 1, sex + 1, s);
        return FALSE;
      }
  }

  /* On a Vietnamese card the document number and the 12-digit number are digits; a letter
   * without a look-alike in the 12 is left for vn_id_status to report. */
  if (p->vn &&
      (!class_repair (p, 0, 5, 9, CLASS_DIGIT, TRUE, _("document number"), error) ||
       !class_repair (p, 0, 15, 12, CLASS_DIGIT, FALSE, NULL, error) ||
       !class_repair (p, 0, 29, 1, CLASS_DIGIT, FALSE, NULL, error)))
    return FALSE;
  return TRUE;
}

/* Which characters each check digit covers. */
static void
build_spans (Parser *p)
{
  if (p->format == EKYC_MRZ_FORMAT_TD1)
    {
      guint ext = 0;

      span_add (&p->doc, 0, 5, 9);
      p->doc_check = mkpos (0, 14);
      p->opt_line = 0;
      p->opt_start = 15;
      p->opt_len = 15;
      if (!p->vn && p->l[0][14] == '<' && p->l[0][15] != '<')
        {
          while (15 + ext < 30 && p->l[0][15 + ext] != '<')
            ext++;
          span_add (&p->doc, 0, 15, ext - 1);
          p->doc_check = mkpos (0, 15 + ext - 1);
          p->opt_start = 15 + ext;
          p->opt_len = 15 - ext;
        }
      if (p->vn)
        {
          span_add (&p->opt, 0, 15, 12);
          p->opt_check = mkpos (0, 29);
          p->has_opt_check = TRUE;
        }
      else
        span_add (&p->composite_only, 0, (guint) p->opt_start, (guint) p->opt_len);
      span_add (&p->composite_only, 1, 18, 11);
      span_add (&p->composite, 0, 5, 25);
      span_add (&p->composite, 1, 0, 7);
      span_add (&p->composite, 1, 8, 7);
      span_add (&p->composite, 1, 18, 11);
      p->composite_check = mkpos (1, 29);
      p->has_composite = TRUE;
      return;
    }

  span_add (&p->doc, 1, 0, 9);
  p->doc_check = mkpos (1, 9);
  p->opt_line = 1;
  p->opt_start = 28;
  p->opt_len = p->len - 28 - (p->visa ? 0 : 1);
  if (p->visa)
    return;
  if (p->format == EKYC_MRZ_FORMAT_TD3)
    {
      p->opt_len = 14;
      span_add (&p->opt, 1, 28, 14);
      p->opt_check = mkpos (1, 42);
      p->has_opt_check = TRUE;
    }
  else
    {
      guint ext = 0;

      if (p->l[1][9] == '<' && p->l[1][28] != '<')
        {
          while (28 + ext < 35 && p->l[1][28 + ext] != '<')
            ext++;
          span_add (&p->doc, 1, 28, ext - 1);
          p->doc_check = mkpos (1, 28 + ext - 1);
          p->opt_start = 28 + ext;
          p->opt_len = 7 - ext;
        }
      span_add (&p->composite_only, 1, (guint) p->opt_start, (guint) p->opt_len);
    }
  span_add (&p->composite, 1, 0, 10);
  span_add (&p->composite, 1, 13, 7);
  span_add (&p->composite, 1, 21, p->len - 22);
  p->composite_check = mkpos (1, p->len - 1);
  p->has_composite = TRUE;
}

/* The mixed fields: repaired only where a check digit proves it. */
static void
repair_and_check (Parser *p, EkycMrz *mrz)
{
  gboolean td1 = p->format == EKYC_MRZ_FORMAT_TD1;
  guint dl = 1, birth = td1 ? 0 : 13, expiry = td1 ? 8 : 21;
  Span dates[2] = { { .n = 0 }, { .n = 0 } };
  EkycMrzCheck *c;

  span_add (&dates[0], dl, birth, 6);
  span_add (&dates[1], dl, expiry, 6);
  fill_check (p, &dates[0], mkpos (dl, birth + 6), &mrz->checks[EKYC_MRZ_CHECK_BIRTH_DATE]);
  fill_check (p, &dates[1], mkpos (dl, expiry + 6), &mrz->checks[EKYC_MRZ_CHECK_EXPIRY_DATE]);

  c = &mrz->checks[EKYC_MRZ_CHECK_DOCUMENT_NUMBER];
  fill_check (p, &p->doc, p->doc_check, c);
  if (!c->valid && !p->vn)
    {
      c->ambiguous = !repair_by_check (p, &p->doc, &p->doc, p->doc_check);
      fill_check (p, &p->doc, p->doc_check, c);
    }

  if (p->has_opt_check)
    {
      c = &mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA];
      fill_check (p, &p->opt, p->opt_check, c);
      if (!c->valid && !p->vn)
        {
          c->ambiguous = !repair_by_check (p, &p->opt, &p->opt, p->opt_check);
          fill_check (p, &p->opt, p->opt_check, c);
        }
      /* ICAO: an unused personal number may have `<` as its check digit. */
      if (!c->valid && *at (p, p->opt_check) == '<' && span_is_filler (p, &p->opt))
        c->valid = TRUE;
    }

  if (p->has_composite)
    {
      c = &mrz->checks[EKYC_MRZ_CHECK_COMPOSITE];
      fill_check (p, &p->composite, p->composite_check, c);
      /* Only once every other check passes, so a slip elsewhere is not "fixed" here. */
      if (!c->valid && p->composite_only.n > 0 &&
          mrz->checks[EKYC_MRZ_CHECK_DOCUMENT_NUMBER].valid &&
          mrz->checks[EKYC_MRZ_CHECK_BIRTH_DATE].valid &&
          mrz->checks[EKYC_MRZ_CHECK_EXPIRY_DATE].valid &&
          (!p->has_opt_check || mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].valid))
        {
          c->ambiguous = !repair_by_check (p, &p->composite, &p->composite_only,
                                           p->composite_check);
          fill_check (p, &p->composite, p->composite_check, c);
        }
    }
}

static void
check_vn_id (Parser *p, EkycMrz *mrz, int *birth_century)
{
  const char *id = p->l[0] + 15;
  int century_code, yy;
  char sex;

  for (guint i = 0; i < 12; i++)
    if (!g_ascii_isdigit (id[i]))
      {
        mrz->vn_id_status = EKYC_MRZ_VN_ID_MISSING;
        mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].present = FALSE;
        return;
      }
  memcpy (mrz->vn_id_number, id, 12);
  mrz->vn_id_number[12] = '\0';
  if (!mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].valid)
    {
      mrz->vn_id_status = EKYC_MRZ_VN_ID_CHECK_FAILED;
      return;
    }
  if (strlen (mrz->document_number) != 9 || memcmp (mrz->document_number, id + 3, 9) != 0)
    {
      mrz->vn_id_status = EKYC_MRZ_VN_ID_NUMBER_MISMATCH;
      return;
    }
  century_code = id[3] - '0';
  sex = century_code % 2 == 0 ? 'M' : 'F';
  yy = two_digits (p->l[1]);
  if (mrz->sex != 'X' && mrz->sex != sex)
    mrz->vn_id_status = EKYC_MRZ_VN_ID_SEX_MISMATCH;
  else if (yy >= 0 && yy != two_digits (id + 4))
    mrz->vn_id_status = EKYC_MRZ_VN_ID_BIRTH_MISMATCH;
  else
    {
      mrz->vn_id_status = EKYC_MRZ_VN_ID_OK;
      *birth_century = 1900 + 100 * (century_code / 2);
    }
}

/* Fills the fields of @mrz from the repaired lines. */
static gboolean
extract (Parser *p, EkycMrz *mrz, const GDate *today, GError **error)
{
  gboolean td1 = p->format == EKYC_MRZ_FORMAT_TD1;
  const char *l2 = p->l[1];
  guint birth = td1 ? 0 : 13, sex = td1 ? 7 : 20, expiry = td1 ? 8 : 21, nat = td1 ? 15 : 10;
  int birth_century = -1;
  GString *doc = g_string_sized_new (24);

  mrz->format = p->format;
  copy_field (mrz->document_code, sizeof mrz->document_code, p->l[0], 2, '<');
  copy_field (mrz->issuing_state, sizeof mrz->issuing_state, p->l[0] + 2, 3, '<');
  copy_field (mrz->nationality, sizeof mrz->nationality, l2 + nat, 3, '<');
  /* The number's fillers go, wherever they are (a short number is right-padded). */
  for (guint i = 0; i < p->doc.n; i++)
    if (*at (p, p->doc.pos[i]) != '<')
      g_string_append_c (doc, *at (p, p->doc.pos[i]));
  g_assert (doc->len < sizeof mrz->document_number);
  memcpy (mrz->document_number, doc->str, doc->len + 1);
  g_string_free (doc, TRUE);
  g_assert (p->opt_len < sizeof mrz->optional_data);
  memcpy (mrz->optional_data, p->l[p->opt_line] + p->opt_start, p->opt_len);
  mrz->optional_data[p->opt_len] = '\0';
  if (td1)
    {
      memcpy (mrz->optional_data2, l2 + 18, 11);
      mrz->optional_data2[11] = '\0';
    }
  mrz->sex = l2[sex] == '<' ? 'X' : l2[sex];
  if (td1)
    split_name (mrz, p->l[2], 30);
  else
    split_name (mrz, p->l[0] + 5, p->len - 5);

  mrz->vn_id_status = EKYC_MRZ_VN_ID_NOT_APPLICABLE;
  if (p->vn)
    check_vn_id (p, mrz, &birth_century);

  if (!read_date (l2 + birth, TRUE, today, birth_century,
                  &mrz->birth_year, &mrz->birth_month, &mrz->birth_day, error) ||
      !read_date (l2 + expiry, FALSE, today, -1,
                  &mrz->expiry_year, &mrz->expiry_month, &mrz->expiry_day, error))
    return FALSE;

  mrz->valid = mrz->vn_id_status == EKYC_MRZ_VN_ID_NOT_APPLICABLE ||
               mrz->vn_id_status == EKYC_MRZ_VN_ID_OK;
  for (guint i = 0; i < EKYC_MRZ_N_CHECKS; i++)
    if (mrz->checks[i].present && !mrz->checks[i].valid)
      mrz->valid = FALSE;
  return TRUE;
}

static int
compare_repairs (gconstpointer a, gconstpointer b)
{
  const EkycMrzRepair *ra = a, *rb = b;

  if (ra->line != rb->line)
    return ra->line < rb->line ? -1 : 1;
  return ra->column < rb->column ? -1 : ra->column > rb->column;
}

static EkycMrz *
parse_lines (const char *const *lines, const gsize *lens, gsize n_lines, const GDate *today,
             GError **error)
{
  Parser p = { .n_lines = 0 };
  g_autoptr(EkycMrz) mrz = g_new0 (EkycMrz, 1);
  g_autoptr(GArray) repairs = g_array_new (FALSE, TRUE, sizeof (EkycMrzRepair));
  GDate now;

  _ekyc_i18n_init ();
  if (today == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();

      g_date_clear (&now, 1);
      g_date_set_dmy (&now, (GDateDay) g_date_time_get_day_of_month (dt),
                      (GDateMonth) g_date_time_get_month (dt),
                      (GDateYear) g_date_time_get_year (dt));
      today = &now;
    }
  p.repairs = repairs;
  if (!load_lines (&p, mrz, lines, lens, n_lines, error) ||
      !repair_classes (&p, error))
    return NULL;
  build_spans (&p);
  repair_and_check (&p, mrz);
  if (!extract (&p, mrz, today, error))
    return NULL;

  mrz->n_lines = p.n_lines;
  for (guint i = 0; i < p.n_lines; i++)
    memcpy (mrz->lines[i], p.l[i], sizeof mrz->lines[i]);
  g_array_sort (repairs, compare_repairs);
  mrz->n_repairs = repairs->len;
  mrz->repairs = (const EkycMrzRepair *) g_array_free (g_steal_pointer (&repairs), FALSE);
  return g_steal_pointer (&mrz);
}

EkycMrz *
ekyc_mrz_parse_at (const char *const *lines, gsize n_lines, const GDate *today, GError **error)
{
  gsize lens[MAX_LINES];

  g_return_val_if_fail (lines != NULL || n_lines == 0, NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (gsize i = 0; i < MIN (n_lines, MAX_LINES); i++)
    {
      g_return_val_if_fail (lines[i] != NULL, NULL);
      lens[i] = strlen (lines[i]);
    }
  return parse_lines (lines, lens, n_lines, today, error);
}

EkycMrz *
ekyc_mrz_parse (const char *const *lines, gsize n_lines, GError **error)
{
  return ekyc_mrz_parse_at (lines, n_lines, NULL, error);
}

EkycMrz *
ekyc_mrz_parse_text (const char *text, gssize length, GError **error)
{
  const char *lines[MAX_LINES];
  gsize lens[MAX_LINES];
  gsize n = 0, len, start = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  while (start < len)
    {
      const char *nl = memchr (text + start, '\n', len - start);
      gsize end = nl != NULL ? (gsize) (nl - text) : len;
      gboolean blank = TRUE;

      for (gsize i = start; i < end; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
          blank = FALSE;
      if (!blank)
        {
          if (n < MAX_LINES)
            {
              lines[n] = text + start;
              lens[n] = end - start;
            }
          n++;
        }
      start = end + 1;
    }
  /* More than 3 lines: load_lines() only looks at the count. */
  return parse_lines (lines, lens, n, NULL, error);
}

gboolean
ekyc_mrz_validate (const EkycMrz *mrz, GError **error)
{
  g_return_val_if_fail (mrz != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _ekyc_i18n_init ();
  for (guint i = 0; i < EKYC_MRZ_N_CHECKS; i++)
    {
      const EkycMrzCheck *c = &mrz->checks[i];
      const char *field = NULL;

      if (!c->present || c->valid)
        continue;
      switch ((EkycMrzCheckField) i)
        {
        case EKYC_MRZ_CHECK_DOCUMENT_NUMBER: field = _("document number"); break;
        case EKYC_MRZ_CHECK_BIRTH_DATE: field = _("date of birth"); break;
        case EKYC_MRZ_CHECK_EXPIRY_DATE: field = _("date of expiry"); break;
        case EKYC_MRZ_CHECK_OPTIONAL_DATA:
          field = mrz->vn_id_status != EKYC_MRZ_VN_ID_NOT_APPLICABLE
                  ? _("12-digit ID number") : _("personal number");
          break;
        case EKYC_MRZ_CHECK_COMPOSITE: field = _("composite check"); break;
        case EKYC_MRZ_N_CHECKS: default: g_assert_not_reached ();
        }
      if (c->ambiguous)
        g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED,
                     /* Translators: %s is a field, e.g. "document number" */
                     _("The check digit of the %s fails, and more than one correction of a "
                       "misread character would fix it. Scan the document again."), field);
      else
        g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED,
                     /* Translators: %s is a field, e.g. "document number"; then two digits */
                     _("The check digit of the %s fails (it should be %c, the MRZ has %c). "
                       "Scan the document again."), field, c->expected, c->found);
      return FALSE;
    }
  switch (mrz->vn_id_status)
    {
    case EKYC_MRZ_VN_ID_NOT_APPLICABLE:
    case EKYC_MRZ_VN_ID_OK:
      break;
    case EKYC_MRZ_VN_ID_MISSING:
      g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED,
                           _("The MRZ of this Vietnamese ID card does not hold the 12-digit ID "
                             "number (line 1, positions 16–27)."));
      return FALSE;
    case EKYC_MRZ_VN_ID_CHECK_FAILED: /* reported as a check above */
      g_assert_not_reached ();
    case EKYC_MRZ_VN_ID_NUMBER_MISMATCH:
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED,
                   _("The document number %s is not the last 9 digits of the ID number %s."),
                   mrz->document_number, mrz->vn_id_number);
      return FALSE;
    case EKYC_MRZ_VN_ID_SEX_MISMATCH:
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED,
                   _("The ID number %s is that of a person of the other sex than “%c” in the "
                     "MRZ."), mrz->vn_id_number, mrz->sex);
      return FALSE;
    case EKYC_MRZ_VN_ID_BIRTH_MISMATCH:
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED,
                   _("The ID number %s gives another year of birth than the MRZ."),
                   mrz->vn_id_number);
      return FALSE;
    default:
      g_assert_not_reached ();
    }
  g_assert (mrz->valid);
  return TRUE;
}

const char *
ekyc_mrz_check_field_name (EkycMrzCheckField field)
{
  switch (field)
    {
    case EKYC_MRZ_CHECK_DOCUMENT_NUMBER: return "document-number";
    case EKYC_MRZ_CHECK_BIRTH_DATE: return "birth-date";
    case EKYC_MRZ_CHECK_EXPIRY_DATE: return "expiry-date";
    case EKYC_MRZ_CHECK_OPTIONAL_DATA: return "optional-data";
    case EKYC_MRZ_CHECK_COMPOSITE: return "composite";
    case EKYC_MRZ_N_CHECKS:
    default: return "unknown";
    }
}

const char *
ekyc_mrz_vn_id_status_name (EkycMrzVnIdStatus status)
{
  switch (status)
    {
    case EKYC_MRZ_VN_ID_NOT_APPLICABLE: return "not-applicable";
    case EKYC_MRZ_VN_ID_OK: return "ok";
    case EKYC_MRZ_VN_ID_MISSING: return "missing";
    case EKYC_MRZ_VN_ID_CHECK_FAILED: return "check-failed";
    case EKYC_MRZ_VN_ID_NUMBER_MISMATCH: return "number-mismatch";
    case EKYC_MRZ_VN_ID_SEX_MISMATCH: return "sex-mismatch";
    case EKYC_MRZ_VN_ID_BIRTH_MISMATCH: return "birth-mismatch";
    default: return "unknown";
    }
}

void
ekyc_mrz_free (EkycMrz *mrz)
{
  if (mrz == NULL)
    return;
  g_free ((gpointer) mrz->repairs);
  g_free (mrz);
}
