/* ekyc-card-text.c — cleaning OCR text of card fields: folding, dates, numbers, names
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Tesseract's errors on printed cards are few and regular: a slash read as 1 or I, O for 0,
 * the tilde lost when it sits on a circumflex (Ễ → Ê). Each cleaner here knows the field's
 * shape and repairs only what the shape proves.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>

#include "ekyc/ekyc-id-number.h"
#include "ekyc-card-names-private.h"
#include "ekyc-card-text-private.h"

char *
_ekyc_card_fold (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);
  gboolean space = TRUE;

  for (const char *p = nfd; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (c == 0x0110 || c == 0x0111)
        c = 'd';
      c = g_unichar_tolower (c);
      if (g_unichar_isalnum (c) || c == '<')
        {
          g_string_append_unichar (out, c);
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

guint
_ekyc_card_edit_distance (const char *a, const char *b, guint cap)
{
  glong la, lb;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, &la);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, &lb);
  g_autofree guint *row = NULL;

  if ((guint) ABS (la - lb) > cap)
    return cap + 1;
  row = g_new (guint, lb + 1);
  for (glong j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= la; i++)
    {
      guint diag = row[0], best;

      row[0] = (guint) i;
      best = row[0];
      for (glong j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint v = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (ua[i - 1] != ub[j - 1]));

          diag = up;
          row[j] = v;
          best = MIN (best, v);
        }
      if (best > cap)
        return cap + 1;
    }
  return MIN (row[lb], cap + 1);
}

static int
digit_of (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  switch (c)
    {
    case 'O': case 'o': case 'D': case 'Q': return 0;
    case 'I': case 'l': case '|': case 'i': case '!': return 1;
    case 'Z': case 'z': return 2;
    case 'S': case 's': return 5;
    case 'G': case 'b': return 6;
    case 'B': return 8;
    case 'g': case 'q': return 9;
    default: return -1;
    }
}

char *
_ekyc_card_text_id_number (const char *text)
{
  GString *run = g_string_new (NULL);
  char *found = NULL;

  if (text == NULL)
    {
      g_string_free (run, TRUE);
      return NULL;
    }
  /* The longest run of digits (letters that look like digits count inside a run of digits). */
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;
      int d = c ? digit_of (c) : -1;
      gboolean is_digit = c >= '0' && c <= '9';

      if (d >= 0 && (is_digit || run->len > 0 || (p[1] != '\0' && g_ascii_isdigit (p[1]))))
        g_string_append_c (run, (char) ('0' + d));
      else if (c == ' ' && run->len > 0 && run->len < 12 && p[1] != '\0' && g_ascii_isdigit (p[1]))
        ; /* a space inside the number */
      else
        {
          if (run->len == 12 && found == NULL)
            found = g_strdup (run->str);
          g_string_truncate (run, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (run, TRUE);
  /* every province code is 001 … 096: a first digit other than 0 is a 0 misread (a display
   * face's 0 read as 8 or 9) when 0 there gives a province of the table */
  if (found != NULL && found[0] != '0')
    {
      EkycIdNumber id;
      char first = found[0];

      found[0] = '0';
      if (!ekyc_id_number_parse (found, &id, NULL) || id.province_name == NULL)
        found[0] = first;
    }
  return found;
}

static gboolean
date_from_digits (const char *d, EkycCardDate *date)
{
  EkycCardDate v;

  if (strlen (d) != 8)
    return FALSE;
  v.day = (d[0] - '0') * 10 + (d[1] - '0');
  v.month = (d[2] - '0') * 10 + (d[3] - '0');
  v.year = atoi (d + 4);
  if (v.year < 1900 || v.year > 2200 || !ekyc_card_date_is_valid (&v))
    return FALSE;
  *date = v;
  return TRUE;
}

/* Is @c a separator as printed ('/') or as misread (1, 7)? Returns 2 for a real slash, 1 for a
 * digit that may be one, 0 otherwise. */
static int
separator_score (char c)
{
  return c == '/' ? 2 : (c == '1' || c == '7') ? 1 : 0;
}

static gboolean
date_parse (const char *text, gboolean retried, EkycCardDate *date)
{
  GString *s = g_string_new (NULL);
  int best_score = -1;
  EkycCardDate best = { 0 };

  if (text == NULL)
    {
      g_string_free (s, TRUE);
      return FALSE;
    }
  /* digits and slashes only; I, l and | between digits are slashes, O is 0 */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* a letter stands for a digit only inside a run of digits: "1BI12", not "birth" */
      gboolean in_digits = (s->len > 0 && p > text && (g_ascii_isdigit (p[-1]) || p[-1] == '/'))
                           || g_ascii_isdigit (p[1]);

      if (c >= '0' && c <= '9')
        g_string_append_c (s, (char) c);
      else if (!in_digits && g_unichar_isalpha (c) && c != 'I' && c != 'l')
        {
          if (s->len >= 8)
            break;
        }
      else if (c == 'O' || c == 'o' || c == 'D' || c == 'Q')
        g_string_append_c (s, '0');
      else if ((c == '(' || c == ')') && (in_digits || p[1] == ')'))
        {
          /* a display face's 0, thick sides and hairline ends: "()9", "(9" */
          g_string_append_c (s, '0');
          if (c == '(' && p[1] == ')')
            p++;
        }
      else if (c == 'B')
        g_string_append_c (s, '8');
      else if (c == 'S' || c == 's')
        g_string_append_c (s, '5');
      else if (c == 'Z' || c == 'z')
        g_string_append_c (s, '2');
      else if (c == 'G' || c == 'b')
        g_string_append_c (s, '6');
      else if (s->len > 0 && (c == 'I' || c == 'l' || c == '|' || c == '/' || c == '-'
                              || c == '.'))
        g_string_append_c (s, '/');
      else if (c == ' ')
        continue;
      else if (s->len >= 8)
        break;
    }
  /* dd S mm S yyyy, where each S is a slash, a slash read as 1 or 7, or missing */
  for (gsize start = 0; start < s->len; start++)
    for (int variant = 0; variant < 4; variant++)
      {
        gboolean has1 = (variant & 1) != 0, has2 = (variant & 2) != 0;
        gsize len = 8 + has1 + has2;
        const char *p = s->str + start;
        char d[9];
        int score = 0, k = 0;
        gboolean ok = TRUE;
        EkycCardDate v;

        if (start + len > s->len)
          continue;
        for (gsize i = 0; i < len && ok; i++)
          {
            gboolean sep = (has1 && i == 2) || (has2 && i == (gsize) (has1 ? 5 : 4));
            if (sep)
              {
                int sc = separator_score (p[i]);
                ok = sc > 0;
                score += sc;
              }
            else if (g_ascii_isdigit (p[i]))
              d[k++] = p[i];
            else
              ok = FALSE;
          }
        /* a date is not glued to more digits */
        if (!ok || (start + len < s->len && g_ascii_isdigit (p[len]))
            || (start > 0 && g_ascii_isdigit (p[-1])))
          continue;
        d[8] = '\0';
        if (!date_from_digits (d, &v))
          continue;
        score = score * 2 + (has1 + has2);
        if (score > best_score)
          {
            best_score = score;
            best = v;
          }
      }
  /* "16/11/12039": a slash read twice, as itself and as a 1 */
  if (best_score < 0 && !retried)
    for (gsize i = 0; i + 1 < s->len && best_score < 0; i++)
      if ((s->str[i] == '/' && (s->str[i + 1] == '1' || s->str[i + 1] == '7'))
          || ((s->str[i] == '1' || s->str[i] == '7') && s->str[i + 1] == '/'))
        {
          g_autofree char *fixed = g_strdup (s->str);
          memmove (fixed + i + (s->str[i] == '/'), fixed + i + 1 + (s->str[i] == '/'),
                   strlen (fixed + i + 1 + (s->str[i] == '/')) + 1);
          if (date_parse (fixed, TRUE, &best))
            best_score = 0;
        }
  /* "04/06/2625": a year no card holds; one digit misread as a look-alike (0 as 6 or 8 in a
   * monospaced font) is put right when exactly one change gives a valid date */
  if (best_score < 0 && !retried)
    {
      static const char *const alike[10] = { "68", "7", "", "8", "", "6", "0", "1", "036", "0" };
      EkycCardDate found = { 0 };
      int n_found = 0;

      for (gsize i = 0; i < s->len && n_found < 2; i++)
        {
          if (!g_ascii_isdigit (s->str[i]))
            continue;
          for (const char *a = alike[s->str[i] - '0']; *a && n_found < 2; a++)
            {
              g_autofree char *changed = g_strdup (s->str);
              EkycCardDate v;

              changed[i] = *a;
              if (date_parse (changed, TRUE, &v) && v.year <= 2100
                  && (n_found == 0 || memcmp (&v, &found, sizeof v) != 0))
                {
                  found = v;
                  n_found++;
                }
            }
        }
      if (n_found == 1)
        {
          best = found;
          best_score = 0;
        }
    }
  g_string_free (s, TRUE);
  if (best_score < 0)
    return FALSE;
  *date = best;
  return TRUE;
}

gboolean
_ekyc_card_text_date (const char *text, EkycCardDate *date)
{
  return date_parse (text, FALSE, date);
}

char
_ekyc_card_text_sex (const char *text)
{
  g_autofree char *folded = _ekyc_card_fold (text);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_equal (words[i], "nam") || g_str_equal (words[i], "male"))
        return 'M';
      if (g_str_equal (words[i], "nu") || g_str_equal (words[i], "female"))
        return 'F';
    }
  /* "NữỮ", "Nama": a doubled or stray letter */
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_has_prefix (words[i], "nam") && strlen (words[i]) <= 4)
        return 'M';
      if (g_str_has_prefix (words[i], "nu") && strlen (words[i]) <= 3)
        return 'F';
    }
  /* "NẵỮ": the hooked ư of "Nữ" is in no other word of the line (folded, "nau" is one letter
   * from "nam") */
  if (strstr (text, "ữ") != NULL || strstr (text, "Ữ") != NULL)
    return 'F';
  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) == 3 && _ekyc_card_edit_distance (words[i], "nam", 1) <= 1)
      return 'M';
  return 0;
}

/* Vietnamese family names, each the only common one with its letters once the diacritics are
 * removed (so the spelling decides the diacritics). */
static const char *const family_names[] = {
  "NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "HUỲNH", "PHAN", "VŨ", "VÕ", "ĐẶNG", "BÙI", "ĐỖ",
  "HỒ", "NGÔ", "DƯƠNG", "LÝ", "ĐINH", "ĐOÀN", "LÂM", "TRỊNH", "TRƯƠNG", "LƯƠNG", "HÀ",
  "TẠ", "CAO", "CHU", "QUÁCH", "TÔ", "LƯU", "THÁI", "KIỀU", "VƯƠNG", "PHÙNG", "TĂNG",
  "TRIỆU", "ĐÀM", "KHÚC", "LẠI", "NÔNG", "MẠC", "HỨA", "DIỆP", "TÔN", "LÃ", "GIANG", "ÂU",
  "BẠCH", "ĐÀO", "NGHIÊM", "ÔNG", "THÂN", "TỐNG", "TỪ", "ƯNG", "QUAN", "LỤC", "MÃ", "KHỔNG",
  "ĐOÀN", "ĐÀO", "VI", "LA", "MAI", "TIÊU", "HẦU", "LỮ",
};

static char *
family_name_for (const char *word)
{
  g_autofree char *folded = _ekyc_card_fold (word);

  for (guint i = 0; i < G_N_ELEMENTS (family_names); i++)
    {
      g_autofree char *f = _ekyc_card_fold (family_names[i]);
      if (g_str_equal (f, folded))
        return g_strdup (family_names[i]);
    }
  return NULL;
}

char *
_ekyc_card_text_name (const char *text)
{
  g_autofree char *nfc = NULL;
  g_autofree char *upper = NULL;
  g_auto(GStrv) words = NULL;
  GString *out = g_string_new (NULL);

  if (text == NULL)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  /* the label's English twin read in the name's place ("FULL RTAME") is no name */
  {
    g_autofree char *folded = _ekyc_card_fold (text);

    if (_ekyc_card_edit_distance (folded, "full name", 2) <= 2)
      {
        g_string_free (out, TRUE);
        return NULL;
      }
  }
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  upper = g_utf8_strup (nfc != NULL ? nfc : "", -1);
  words = g_strsplit (upper, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      GString *w = g_string_new (NULL);
      g_autofree char *clean = NULL;

      /* letters only: OCR noise like "|" or "." around the name goes */
      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (g_unichar_isalpha (c) || g_unichar_ismark (c))
            g_string_append_unichar (w, c);
        }
      clean = g_utf8_normalize (w->str, -1, G_NORMALIZE_NFC);
      g_string_free (w, TRUE);
      if (clean == NULL || clean[0] == '\0' || (g_utf8_strlen (clean, -1) == 1 && out->len == 0
                                                && words[i + 1] != NULL && strlen (words[i]) == 1
                                                && !g_unichar_isupper (g_utf8_get_char (words[i]))))
        continue;
      {
        /* a word no syllable can be: a letter misread, or two words run together */
        char *syllables = _ekyc_card_name_word_correct (clean);

        g_free (clean);
        clean = syllables;
      }
      if (out->len == 0)
        {
          char *family = family_name_for (clean);
          if (family != NULL)
            {
              g_free (clean);
              clean = family;
            }
        }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, clean);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* _ekyc_card_text_place(); *@confirmed: see _ekyc_card_place_correct_counted(). */
static char *
text_place (const char *text, guint *confirmed)
{
  g_autofree char *nfc = NULL;
  g_auto(GStrv) words = NULL;
  GString *out = g_string_new (NULL);
  char *result;

  if (text == NULL)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  words = g_strsplit (nfc != NULL ? nfc : "", " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean alnum = FALSE;
      int n_alnum = 0, n_odd = 0;
      gsize len = strlen (words[i]);

      /* "$ố 332", "§ố": the S of "Số" read as a dollar or a section sign */
      if ((g_str_has_prefix (words[i], "$") || g_str_has_prefix (words[i], "§"))
          && g_unichar_isalpha (g_utf8_get_char (g_utf8_next_char (words[i]))))
        {
          char *fixed = g_strconcat ("S", g_utf8_next_char (words[i]), NULL);

          g_free (words[i]);
          words[i] = fixed;
          len = strlen (fixed);
        }
      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (g_unichar_isalnum (c))
            n_alnum++;
          else if (strchr (",./-", (int) c) == NULL || c > 127)
            n_odd++;
        }
      alnum = n_alnum > 0;
      /* specks around the text ("„", "|", "~4", "[E]") go; a dash between two names stays */
      if (words[i][0] == '\0' || (!alnum && (out->len == 0 || words[i + 1] == NULL))
          || (n_odd > 0 && n_alnum <= 2 && !g_unichar_isupper (g_utf8_get_char (words[i]))
              && !g_ascii_isdigit (words[i][0])))
        {
          if (len > 0 && words[i][len - 1] == ',' && out->len > 0
              && out->str[out->len - 1] != ',')
            g_string_append_c (out, ',');
          continue;
        }
      /* "Hòa_": an underline stuck to a word */
      while (len > 1 && (words[i][len - 1] == '_' || words[i][len - 1] == '|'))
        words[i][--len] = '\0';
      /* "217I30", "72[7", "48i19": the slash of a house number ("217/30") read as a capital
       * or small i, an l, a bar or a bracket: no house number has a letter between two runs
       * of digits */
      {
        gsize a = 0;

        while (g_ascii_isdigit (words[i][a]))
          a++;
        if (a > 0 && strchr ("Iil|[]", words[i][a]) != NULL && words[i][a] != '\0'
            && g_ascii_isdigit (words[i][a + 1]))
          {
            gsize b = a + 1;

            while (g_ascii_isdigit (words[i][b]))
              b++;
            if (words[i][b] == '\0' || words[i][b] == ',')
              words[i][a] = '/';
          }
      }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  /* stray marks at the ends: "- ", ".", "_", "|" */
  while (out->len > 0 && strchr ("-_|.:;'`\" ", out->str[0]) != NULL)
    g_string_erase (out, 0, 1);
  while (out->len > 0 && strchr ("-_|.:;,'`\" ", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  /* "," followed by no space, or a space before a comma */
  result = g_string_free (out, FALSE);
  {
    GString *t = g_string_new (NULL);
    for (const char *p = result; *p; p++)
      {
        if (*p == ' ' && p[1] == ',')
          continue;
        g_string_append_c (t, *p);
        if (*p == ',' && p[1] != ' ' && p[1] != '\0')
          g_string_append_c (t, ' ');
      }
    g_free (result);
    result = g_string_free (t, FALSE);
  }
  if (result[0] == '\0')
    g_clear_pointer (&result, g_free);
  if (result != NULL)
    {
      char *corrected = _ekyc_card_place_correct_counted (result, confirmed);
      g_free (result);
      result = corrected;
    }
  return result;
}

char *
_ekyc_card_text_place (const char *text)
{
  return text_place (text, NULL);
}

guint
_ekyc_card_place_confirmed (const char *text)
{
  guint confirmed = 0;
  g_autofree char *place = text_place (text, &confirmed);

  return confirmed;
}

char *
_ekyc_card_text_place_counted (const char *text, guint *confirmed)
{
  *confirmed = 0;
  return text_place (text, confirmed);
}

/* Is @word spelt in the Vietnamese alphabet: Latin letters, marks only on vowels and only the
 * language's own (the five tones, circumflex, breve, horn), Đ? Tesseract's reading of strokes
 * it cannot place has Ñ, Ï, Ÿ or Ø in it. */
static gboolean
vietnamese_spelling (const char *word)
{
  g_autofree char *nfd = g_utf8_normalize (word, -1, G_NORMALIZE_NFD);
  gunichar base = 0;

  for (const char *p = nfd; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        {
          /* grave, acute, circumflex, tilde, breve, hook, horn, dot below */
          if (strchr ("aeiouyAEIOUY", (int) (base < 128 ? base : 0)) == NULL
              || (c != 0x300 && c != 0x301 && c != 0x302 && c != 0x303 && c != 0x306
                  && c != 0x309 && c != 0x31b && c != 0x323))
            return FALSE;
          continue;
        }
      if (!(c < 128 && g_ascii_isalpha ((char) c)) && c != 0x0110 && c != 0x0111)
        return FALSE;
      base = c;
    }
  return TRUE;
}

/* A country's name as printed: words of two letters or more, each capitalised, three letters or
 * more in all ("Lào", "Hoa Kỳ"), in the Vietnamese alphabet; a squeezed "Việt Nam" read as "Íl",
 * "Ì Mạ", "lÌŸu" or "ÏÑWm" is none. */
static gboolean
looks_like_country (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  int letters = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      gunichar first = g_utf8_get_char (words[i]);

      if (words[i][0] == '\0')
        continue;
      if (!g_unichar_isupper (first) || g_utf8_strlen (words[i], -1) < 2
          || !vietnamese_spelling (words[i]))
        return FALSE;
      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        {
          if (!g_unichar_isalpha (g_utf8_get_char (p)))
            return FALSE;
          letters++;
        }
    }
  return letters >= 3;
}

char *
_ekyc_card_text_nationality (const char *text)
{
  g_autofree char *folded = _ekyc_card_fold (text);
  g_autofree char *place = NULL;

  if (folded[0] == '\0')
    return NULL;
  /* the label's English twin, garbled, ahead of the value ("Vdtioneality Việt Xam") */
  {
    const char *space = strchr (text, ' ');

    if (space != NULL)
      {
        g_autofree char *word = g_strndup (text, space - text);
        g_autofree char *first = _ekyc_card_fold (word);

        /* ...or a dash or colon read alone before it */
        if (first[0] == '\0' || (strlen (first) >= 8
                                  && _ekyc_card_edit_distance (first, "nationality", 4) <= 4))
          return _ekyc_card_text_nationality (space + 1);
      }
  }
  /* squeezed print read with two slips and its space lost (": VWtNam"): letters alone */
  {
    g_autoptr(GString) letters = g_string_new (NULL);

    for (const char *p = folded; *p != '\0'; p++)
      if (g_ascii_isalpha (*p))
        g_string_append_c (letters, *p);
    if (g_str_has_suffix (letters->str, "nam")
        && _ekyc_card_edit_distance (letters->str, "vietnam", 2) <= 2)
      return g_strdup ("Việt Nam");
  }
  if (_ekyc_card_edit_distance (folded, "viet nam", 2) <= 2
      || _ekyc_card_edit_distance (folded, "vietnam", 2) <= 1
      || g_str_has_prefix (folded, "viet nam")
      || (g_str_has_suffix (folded, " viet nam") && strstr (folded, "nam ") == NULL))
    return g_strdup ("Việt Nam");
  place = _ekyc_card_text_place (text);
  /* the English label twin, garbled ("Âalionaliyy", "Ngtionoffy": five slips; no country's
   * name is within seven), is no value; nor is a name without a vowel ("JJJ", "Jlj": the
   * squeezed print's strokes) */
  if (place == NULL || !looks_like_country (place)
      || _ekyc_card_edit_distance (folded, "nationality", 5) <= 5
      || strpbrk (folded, "aeiouy") == NULL)
    return NULL;
  return g_steal_pointer (&place);
}

char *
_ekyc_card_text_origin (const char *text)
{
  guint confirmed = 0;
  char *place = text_place (text, &confirmed);
  g_auto(GStrv) parts = NULL;
  char *rest;

  if (place == NULL || confirmed < 3)
    return place;
  parts = g_strsplit (place, ", ", -1);
  /* a village of the ward ("Thôn Đông") stays; one part more, that is no place, goes */
  if (g_strv_length (parts) != 4 || _ekyc_card_place_opens_with_unit (parts[0])
      || strpbrk (parts[0], "0123456789") != NULL)
    return place;
  rest = g_strjoinv (", ", parts + 1);
  g_free (place);
  return rest;
}

gboolean
_ekyc_card_text_no_expiry (const char *text)
{
  g_autofree char *folded = _ekyc_card_fold (text);

  return strstr (folded, "khong") != NULL || strstr (folded, "thoi han") != NULL
         || _ekyc_card_edit_distance (folded, "khong thoi han", 3) <= 3;
}

gboolean
_ekyc_card_text_is_upper_case (const char *text)
{
  gboolean letters = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      letters |= g_unichar_isupper (c);
    }
  return letters;
}
