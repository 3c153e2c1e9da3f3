/* ekyc-card-fields.c — printed fields found by their labels in the OCR lines of a card
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A card's values sit right of their label ("Ngày sinh / Date of birth: 23/06/1986") or on the
 * lines below it (the name, addresses). Finding the labels in the OCR text, rather than reading
 * fixed boxes, keeps the reader working on cards printed with other fonts and spacing. Labels
 * are matched on folded text (no diacritics, lower case) with one typo allowed per long word.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ekyc-card-fields-private.h"
#include "ekyc-card-ocr-private.h"
#include "ekyc-card-text-private.h"

#define NO_FIELD (-1)
/* Words the OCR is this sure of (0..100), set apart on a value's line, are the rest of it */
#define REST_OF_LINE_SURE 80

typedef struct {
  int            field;       /* EkycCardReadField or NO_FIELD (a marker that only votes) */
  EkycCardSide   side;        /* the side it is printed on, or UNKNOWN */
  EkycCardLayout layout;      /* the layout it belongs to, or UNKNOWN */
  int            max_lines;   /* value lines below the label (0: same line only) */
  const char    *label;       /* folded words */
  gboolean       english;     /* the English twin: found on other countries' cards too */
} Label;

/* Longer labels first: "ngay thang nam sinh" must win over "ngay thang nam". */
static const Label labels[] = {
  { EKYC_CARD_READ_FIELD_FULL_NAME, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 1,
    "ho chu dem va ten khai sinh" },
  { EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 0,
    "ngay thang nam het han" },
  { EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 0,
    "ngay thang nam sinh" },
  { EKYC_CARD_READ_FIELD_ISSUE_DATE, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 0,
    "ngay thang nam cap" },
  { EKYC_CARD_READ_FIELD_ISSUE_DATE, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CCCD_2021, 0,
    "ngay thang nam" },
  { EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 2,
    "noi dang ky khai sinh" },
  { EKYC_CARD_READ_FIELD_ID_NUMBER, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 1,
    "so dinh danh ca nhan" },
  { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, 3,
    "noi thuong tru" },
  { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 3,
    "noi cu tru" },
  { EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, 0,
    "co gia tri den" },
  /* its last word lost ("Có giá rị" then the date) */
  { EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, 0,
    "co gia tri" },
  { EKYC_CARD_READ_FIELD_FULL_NAME, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_UNKNOWN, 1, "ho va ten" },
  { EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, 0,
    "ngay sinh" },
  { EKYC_CARD_READ_FIELD_SEX, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_UNKNOWN, 0, "gioi tinh" },
  { EKYC_CARD_READ_FIELD_NATIONALITY, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_UNKNOWN, 0,
    "quoc tich" },
  { EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, 2,
    "que quan" },
  /* markers */
  { NO_FIELD, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, 0, "can cuoc cong dan" },
  /* the title's first word lost (blur, the emblem beside it) */
  { NO_FIELD, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, 0, "cuoc cong dan" },
  { NO_FIELD, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, 0, "citizen identity card" },
  { NO_FIELD, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 0, "identity card" },
  { NO_FIELD, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_UNKNOWN, 0, "cong hoa xa hoi" },
  { NO_FIELD, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_UNKNOWN, 0, "socialist republic" },
  { NO_FIELD, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CCCD_2021, 0, "dac diem nhan dang" },
  { NO_FIELD, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CCCD_2021, 0, "ngon tro" },
  { NO_FIELD, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CCCD_2021, 0, "canh sat" },
  { NO_FIELD, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 0, "bo cong an" },
  { NO_FIELD, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_UNKNOWN, 0, "public security" },
  /* English twins, after every Vietnamese label: a value under a label whose Vietnamese part
   * was misread is still found, and a twin on its own line is not taken for a value */
  { EKYC_CARD_READ_FIELD_ID_NUMBER, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 1,
    "personal identification number", TRUE },
  { EKYC_CARD_READ_FIELD_FULL_NAME, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_UNKNOWN, 1, "full name",
    TRUE },
  { EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_UNKNOWN, 0,
    "date of birth", TRUE },
  { EKYC_CARD_READ_FIELD_SEX, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_UNKNOWN, 0, "sex", TRUE },
  { EKYC_CARD_READ_FIELD_NATIONALITY, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_UNKNOWN, 0,
    "nationality", TRUE },
  { EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN, EKYC_CARD_SIDE_FRONT, EKYC_CARD_LAYOUT_CCCD_2021, 2,
    "place of origin", TRUE },
  { EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 2,
    "place of birth", TRUE },
  { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE, EKYC_CARD_SIDE_UNKNOWN, EKYC_CARD_LAYOUT_UNKNOWN, 3,
    "place of residence", TRUE },
  { EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, EKYC_CARD_SIDE_UNKNOWN, EKYC_CARD_LAYOUT_UNKNOWN, 0,
    "date of expiry", TRUE },
  { EKYC_CARD_READ_FIELD_ISSUE_DATE, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CAN_CUOC_2024, 0,
    "date of issue", TRUE },
  { EKYC_CARD_READ_FIELD_ISSUE_DATE, EKYC_CARD_SIDE_BACK, EKYC_CARD_LAYOUT_CCCD_2021, 0,
    "date month year", TRUE },
};

/* A segment: the words of one OCR line between wide gaps. */
typedef struct {
  GPtrArray *words;      /* EkycOcrWord *, borrowed or in @split */
  GPtrArray *split;      /* EkycOcrWord * made by splitting "tính/Sex:" at its slash */
  char     **folded;     /* per word */
  int       *owner;      /* per word: index in labels[] of the label covering it, or -1 */
  int        x0, y0, x1, y1;
  int        height;
} Segment;

static void
free_word (gpointer data)
{
  EkycOcrWord *w = data;

  g_free (w->text);
  g_free (w);
}

/* Adds @w to @s, as three words when a slash joins two ("tính/Sex:" → "tính", "/", "Sex:"):
 * labels are matched word by word. */
static void
segment_add_word (Segment *s, EkycOcrWord *w)
{
  const char *slash = strchr (w->text, '/');
  glong n = g_utf8_strlen (w->text, -1);

  if (slash == NULL || slash == w->text || slash[1] == '\0' || n < 3
      || g_ascii_isdigit (slash[1]) || g_ascii_isdigit (slash[-1]))
    {
      g_ptr_array_add (s->words, w);
      return;
    }
  {
    glong before = g_utf8_pointer_to_offset (w->text, slash);
    int width = w->x1 - w->x0;
    int xs = w->x0 + (int) (width * before / n), xe = w->x0 + (int) (width * (before + 1) / n);
    const char *parts[3] = { NULL, "/", slash + 1 };
    int x0s[3] = { w->x0, xs, xe }, x1s[3] = { xs, xe, w->x1 };
    g_autofree char *head = g_strndup (w->text, (gsize) (slash - w->text));

    parts[0] = head;
    for (int i = 0; i < 3; i++)
      {
        EkycOcrWord *part = g_new0 (EkycOcrWord, 1);

        *part = *w;
        part->text = g_strdup (parts[i]);
        part->x0 = x0s[i];
        part->x1 = MAX (x0s[i] + 1, x1s[i]);
        g_ptr_array_add (s->split, part);
        g_ptr_array_add (s->words, part);
      }
  }
}

static void
segment_free (Segment *s)
{
  g_ptr_array_unref (s->words);
  g_ptr_array_unref (s->split);
  for (guint i = 0; s->folded[i] != NULL; i++)
    g_free (s->folded[i]);
  g_free (s->folded);
  g_free (s->owner);
  g_free (s);
}

static Segment *
segment_new (void)
{
  Segment *s = g_new0 (Segment, 1);

  s->words = g_ptr_array_new ();
  s->split = g_ptr_array_new_with_free_func (free_word);
  s->x0 = s->y0 = G_MAXINT;
  s->x1 = s->y1 = G_MININT;
  return s;
}

static void
segment_finish (Segment *s)
{
  GArray *heights = g_array_new (FALSE, FALSE, sizeof (int));

  s->folded = g_new0 (char *, s->words->len + 1);
  s->owner = g_new (int, s->words->len);
  for (guint i = 0; i < s->words->len; i++)
    {
      EkycOcrWord *w = g_ptr_array_index (s->words, i);
      int h = w->y1 - w->y0;

      s->folded[i] = _ekyc_card_fold (w->text);
      s->owner[i] = -1;
      s->x0 = MIN (s->x0, w->x0);
      s->y0 = MIN (s->y0, w->y0);
      s->x1 = MAX (s->x1, w->x1);
      s->y1 = MAX (s->y1, w->y1);
      g_array_append_val (heights, h);
    }
  /* median word height: a word with a tall diacritic does not make the line tall */
  for (guint i = 1; i < heights->len; i++)
    for (guint j = i; j > 0 && g_array_index (heights, int, j) < g_array_index (heights, int, j - 1); j--)
      {
        int t = g_array_index (heights, int, j);
        g_array_index (heights, int, j) = g_array_index (heights, int, j - 1);
        g_array_index (heights, int, j - 1) = t;
      }
  s->height = heights->len ? MAX (1, g_array_index (heights, int, heights->len / 2)) : 1;
  g_array_unref (heights);
}

static int
compare_segments (gconstpointer a, gconstpointer b)
{
  const Segment *sa = *(Segment *const *) a, *sb = *(Segment *const *) b;

  return sa->y0 != sb->y0 ? sa->y0 - sb->y0 : sa->x0 - sb->x0;
}

/* Specks, print patterns and QR modules read as text: "„", "~ử", "»". */
static gboolean
is_noise (const EkycOcrWord *w)
{
  int alnum = 0;

  for (const char *p = w->text; *p; p = g_utf8_next_char (p))
    alnum += g_unichar_isalnum (g_utf8_get_char (p));
  if (alnum == 0)
    return strpbrk (w->text, "/:-") == NULL;
  return w->confidence < 25 && alnum <= 2;
}

static int
count_digits (const char *text)
{
  int n = 0;

  for (; *text; text++)
    n += g_ascii_isdigit (*text);
  return n;
}

/* The median height of a line's words (a tall diacritic does not make the line taller). */
static int
word_height (const EkycOcrLine *line)
{
  g_autofree int *h = g_new (int, line->words->len + 1);
  guint n = line->words->len;

  for (guint i = 0; i < n; i++)
    {
      const EkycOcrWord *w = &g_array_index (line->words, EkycOcrWord, i);
      h[i] = w->y1 - w->y0;
      for (guint j = i; j > 0 && h[j] < h[j - 1]; j--)
        {
          int t = h[j];
          h[j] = h[j - 1];
          h[j - 1] = t;
        }
    }
  return n ? MAX (1, h[n / 2]) : 1;
}

/* Splits lines at gaps wider than about twice the words' height (two columns read as one
 * line: "Có giá trị đến: 25/10/2027" beside the second line of the address). */
static GPtrArray *
make_segments (GPtrArray *lines)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);

  for (guint i = 0; i < lines->len; i++)
    {
      EkycOcrLine *line = g_ptr_array_index (lines, i);
      int height = word_height (line);
      Segment *s = NULL;
      int last_x1 = 0;
      gboolean last_was_date = FALSE;

      for (guint j = 0; j < line->words->len; j++)
        {
          EkycOcrWord *w = &g_array_index (line->words, EkycOcrWord, j);

          if (is_noise (w))
            continue;

          if (s == NULL || w->x0 - last_x1 > 9 * height / 5
              || (last_was_date && count_digits (w->text) == 0))
            {
              if (s != NULL)
                segment_finish (s);
              s = segment_new ();
              g_ptr_array_add (segments, s);
            }
          segment_add_word (s, w);
          last_x1 = w->x1;
          /* a date ends its value: what follows belongs to the next column's line (a whole
           * date even when the next column's line starts with a house number) */
          last_was_date = count_digits (w->text) >= 6;
          if (count_digits (w->text) == 8 && g_utf8_strlen (w->text, -1) <= 12)
            {
              segment_finish (s);
              s = NULL;
              continue;
            }
        }
      if (s != NULL)
        segment_finish (s);
    }
  g_ptr_array_sort (segments, compare_segments);
  return segments;
}

/* The edit distance of an OCR word to a label token, capped at 2 (garbled); a short token read
 * otherwise is garbled ("ký" read "kí" or "kứ"): only ever the one middle word let through. */
static guint
token_distance (const char *word, const char *token)
{
  gsize n = strlen (token);

  if (g_str_equal (word, token))
    return 0;
  if (n < 3)
    return 2;
  return _ekyc_card_edit_distance (word, token, 1);
}

/* Finds @label's words in @s starting at a word no label owns, one OCR slip allowed per word of
 * three letters or more and one per eight letters of the label (or one middle word anything,
 * see below); returns the first index or -1. */
static int
match_label (const Segment *s, const char *label, guint *n_out)
{
  g_auto(GStrv) tokens = g_strsplit (label, " ", -1);
  guint n = g_strv_length (tokens);
  guint budget = MAX (1, (guint) strlen (label) / 8);

  for (guint i = 0; i + n <= s->words->len; i++)
    {
      guint used = 0;
      gboolean ok = TRUE, wild = FALSE;

      for (guint t = 0; t < n && ok; t++)
        {
          guint d = s->owner[i + t] < 0 ? token_distance (s->folded[i + t], tokens[t]) : 99;

          /* a label of four words or more with one middle word garbled ("Có giá uị đến"),
           * the others exact */
          if (d > 1 && d < 99 && n >= 4 && t > 0 && t + 1 < n && !wild)
            {
              wild = TRUE;
              continue;
            }
          used += d;
          ok = d <= 1 && used <= budget;
        }
      ok = ok && (!wild || used == 0);
      if (ok)
        {
          *n_out = n;
          return (int) i;
        }
    }
  return -1;
}

/* A label starts within the first words (OCR may put a speck before it). */
static gboolean
segment_is_label (const Segment *s)
{
  for (guint i = 0; i < s->words->len && i < 3; i++)
    if (s->owner[i] >= 0)
      return TRUE;
  return FALSE;
}

/* The text of words [from, to) of @s, and their mean confidence. */
static char *
join_words (const Segment *s, guint from, guint to, float *confidence)
{
  GString *text = g_string_new (NULL);
  double sum = 0;

  for (guint i = from; i < to; i++)
    {
      EkycOcrWord *w = g_ptr_array_index (s->words, i);
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, w->text);
      sum += w->confidence;
    }
  *confidence = to > from ? (float) (sum / (to - from) / 100.0) : 0;
  return g_string_free (text, FALSE);
}

static void
box_add (EkycCardValueBox *box, int x0, int y0, int x1, int y1)
{
  if (!box->found)
    *box = (EkycCardValueBox) { TRUE, x0, y0, x1, y1 };
  else
    {
      box->x0 = MIN (box->x0, x0);
      box->y0 = MIN (box->y0, y0);
      box->x1 = MAX (box->x1, x1);
      box->y1 = MAX (box->y1, y1);
    }
}

static int
owner_field (const Segment *s, guint i)
{
  return s->owner[i] >= 0 ? labels[s->owner[i]].field : NO_FIELD - 1;
}

/* labels[@l]'s words run together ("placeoforigin"), as the OCR often glues them. */
static char *
label_without_spaces (guint l)
{
  GString *w = g_string_new (NULL);

  for (const char *p = labels[l].label; *p; p++)
    if (*p != ' ')
      g_string_append_c (w, *p);
  return g_string_free (w, FALSE);
}

/* How many words from @start spell @field's English label, glued or split by the OCR ("Place
 * oƒorigin"); 0 if they do not. */
static guint
twin_length (const Segment *s, guint start, int field)
{
  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    {
      g_autofree char *want = NULL;
      GString *got = g_string_new (NULL);

      if (!labels[l].english || labels[l].field != field)
        {
          g_string_free (got, TRUE);
          continue;
        }
      want = label_without_spaces (l);   /* compared without spaces */
      for (guint k = 0; start + k < s->words->len && k < 5; k++)
        {
          const char *f = s->folded[start + k];
          for (; *f; f++)
            if (*f != ' ')
              g_string_append_c (got, *f);
          if (_ekyc_card_edit_distance (got->str, want, 2) <= 2)
            {
              g_string_free (got, TRUE);
              return k + 1;
            }
          /* the twin cut where the OCR's segment ends ("Nơi đăng ký khai sinh / Plac"): its
           * start, three letters or more, one slip per six */
          if (start + k + 1 == s->words->len && got->len >= 3 && got->len < strlen (want))
            {
              g_autofree char *head = g_strndup (want, got->len);

              if (_ekyc_card_edit_distance (got->str, head, 1) <= got->len / 6)
                {
                  g_string_free (got, TRUE);
                  return k + 1;
                }
            }
        }
      g_string_free (got, TRUE);
    }
  return 0;
}

/* The value after the label of @field ending at word @end of @s: past the English twin and the
 * colon, up to the next label. @from_out and @to_out: its words in @s, when @text is exactly
 * them joined (0 and 0 when not). */
static void
value_on_line (const Segment *s, guint end, int field, char **text, float *confidence,
               EkycCardValueBox *box, guint *from_out, guint *to_out)
{
  guint from = end, to;
  gboolean colon_seen = FALSE;

  /* "/ Date of birth:" — the slash, the twin's words (read or garbled), the colon */
  for (guint j = end; j < s->words->len && j < end + 7 && !colon_seen; j++)
    {
      EkycOcrWord *w = g_ptr_array_index (s->words, j);
      const char *colon = strpbrk (w->text, ":;");

      if (s->owner[j] >= 0 && owner_field (s, j) != field)
        break;
      if (colon != NULL)
        {
          colon_seen = TRUE;
          /* "birth:23/06/1986": the value is glued to the colon */
          from = colon[1] != '\0' && g_ascii_isdigit (colon[1]) ? j : j + 1;
        }
    }
  if (!colon_seen && from < s->words->len
      && g_str_equal (((EkycOcrWord *) g_ptr_array_index (s->words, from))->text, "/"))
    {
      guint twin = twin_length (s, from + 1, field);
      if (twin > 0)
        {
          from += 1 + twin;
          colon_seen = TRUE;
        }
    }
  if (!colon_seen)
    {
      /* no colon: skip the slash and the twin's words (owned, or lower case italic garble) */
      while (from < s->words->len)
        {
          EkycOcrWord *w = g_ptr_array_index (s->words, from);
          gunichar c = g_utf8_get_char (w->text);

          if (s->owner[from] >= 0 && owner_field (s, from) == field)
            from++;
          else if (g_str_equal (w->text, "/") && from == end)
            from++;
          else if (from > end && s->owner[from] < 0 && g_unichar_isalpha (c)
                   && !g_unichar_isupper (c))
            from++;
          else
            break;
        }
    }
  for (to = from; to < s->words->len && s->owner[to] < 0; to++)
    ;
  *text = NULL;
  *from_out = *to_out = 0;
  if (to > from)
    {
      EkycOcrWord *first = g_ptr_array_index (s->words, from);
      EkycOcrWord *last = g_ptr_array_index (s->words, to - 1);
      const char *colon = strpbrk (first->text, ":;");

      *text = join_words (s, from, to, confidence);
      if (colon != NULL && strpbrk (*text, ":;") != NULL)
        {
          char *after = g_strdup (strpbrk (*text, ":;") + 1);
          g_free (*text);
          *text = g_strstrip (after);
        }
      else
        {
          *from_out = from;
          *to_out = to;
        }
      if ((*text)[0] == '\0')
        g_clear_pointer (text, g_free);
      else
        box_add (box, first->x0, MIN (first->y0, last->y0), last->x1, MAX (first->y1, last->y1));
    }
}

/* Do the rows @y0..@y1 lie on the line of @box (overlapping by half the lower one's height)? */
static gboolean
same_line (const EkycCardValueBox *box, int y0, int y1)
{
  int overlap = MIN (box->y1, y1) - MAX (box->y0, y0);

  return 2 * overlap >= MIN (box->y1 - box->y0, y1 - y0);
}

/* Is @b the rest of the line whose part lies in @box: on its line, close after it (or close
 * before it: the OCR's pieces of a line come in any order, "thanh Hóa, Thanh Hóa" before
 * "Điện Biên"), and words the OCR is sure of ("Hoàng Văn Thụ, Thái Nguyên" … "Thái Nguyên"; not
 * the pattern's specks read as "ˆ x")? */
static gboolean
is_rest_of_line (const Segment *b, const EkycCardValueBox *box)
{
  float sum = 0;
  gboolean after = b->x0 >= box->x1 && b->x0 - box->x1 <= 3 * b->height;
  gboolean before = b->x1 <= box->x0 + b->height / 2 && box->x0 - b->x1 <= 3 * b->height;

  if (!same_line (box, b->y0, b->y1) || !(after || before))
    return FALSE;
  for (guint i = 0; i < b->words->len; i++)
    sum += ((EkycOcrWord *) g_ptr_array_index (b->words, i))->confidence;
  return b->words->len > 0 && sum / b->words->len >= REST_OF_LINE_SURE;
}

/* Where the line that @b starts ends: past the segments that follow it closely on its line (a
 * line flush with the card's edge the OCR cut in two: "Xã Nam Giang, Huyện Nam Đàn" then
 * "Nghệ An"). */
static int
line_end (GPtrArray *segments, const Segment *b)
{
  EkycCardValueBox line = { TRUE, b->x0, b->y0, b->x1, b->y1 };
  gboolean grew = TRUE;

  while (grew)
    {
      grew = FALSE;
      for (guint k = 0; k < segments->len; k++)
        {
          const Segment *c = g_ptr_array_index (segments, k);

          if (c->x1 > line.x1 && c->x0 >= line.x1 - b->height / 2
              && c->x0 - line.x1 <= 3 * b->height && same_line (&line, c->y0, c->y1))
            {
              line.x1 = c->x1;
              grew = TRUE;
            }
        }
    }
  return line.x1;
}

/* Adds a line of a value to @parts. */
static void
add_part (EkycCardValuePart *parts, int *n_parts, char *text, float confidence, int x0, int y0,
          int x1, int y1, gboolean rereadable, const Segment *s, guint from, guint to)
{
  EkycCardValuePart *p;

  if (*n_parts >= EKYC_CARD_MAX_PARTS)
    {
      g_free (text);
      return;
    }
  p = &parts[(*n_parts)++];
  p->text = text;
  p->confidence = confidence;
  p->box = (EkycCardValueBox) { TRUE, x0, y0, x1, y1 };
  p->rereadable = rereadable;
  p->joined = FALSE;
  p->n_words = 0;
  /* the words' own confidences, where the text is exactly the words joined */
  if (s != NULL && to - from <= G_N_ELEMENTS (p->word_confidence))
    {
      g_auto(GStrv) words = g_strsplit (text, " ", -1);

      if (g_strv_length (words) == to - from)
        {
          for (guint i = from; i < to; i++)
            p->word_confidence[i - from] =
              ((EkycOcrWord *) g_ptr_array_index (s->words, i))->confidence / 100.0f;
          p->n_words = (int) (to - from);
        }
    }
}

/* The parts' text as one value: an address's lines joined at commas, others by spaces. */
static char *
join_parts (const EkycCardValuePart *parts, int n_parts, gboolean wraps, float *confidence)
{
  GString *text = g_string_new (NULL);
  float sum = 0;
  int n = 0;

  for (int i = 0; i < n_parts; i++)
    {
      if (parts[i].text == NULL || parts[i].text[0] == '\0')
        continue;
      if (text->len > 0 && wraps && text->str[text->len - 1] != ','
          && text->str[text->len - 1] != '-')
        g_string_append_c (text, ',');
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, parts[i].text);
      sum += parts[i].confidence;
      n++;
    }
  *confidence = n ? sum / n : 0;
  return text->len ? g_string_free (text, FALSE) : (g_string_free (text, TRUE), NULL);
}

/* Is @s the rest of @field's English label, set apart from its start ("Quê quán / Place" then
 * "origin", "of birth:"): its letters, no digit among them, within @field's English label, four
 * or more, one slip per six? */
static gboolean
is_twin_rest (const Segment *s, int field)
{
  GString *got = g_string_new (NULL);
  gboolean rest = FALSE;

  for (guint j = 0; j < s->words->len; j++)
    for (const char *f = s->folded[j]; *f; f++)
      {
        if (g_ascii_isdigit (*f))
          {
            g_string_free (got, TRUE);
            return FALSE;        /* "birth: 09/07/1975": a value follows the twin */
          }
        if (g_ascii_isalpha (*f))
          g_string_append_c (got, *f);
      }
  for (guint l = 0; l < G_N_ELEMENTS (labels) && !rest && got->len >= 4; l++)
    {
      g_autofree char *want = NULL;

      if (!labels[l].english || labels[l].field != field)
        continue;
      want = label_without_spaces (l);
      for (gsize at = 0; at + got->len <= strlen (want) && !rest; at++)
        {
          g_autofree char *piece = g_strndup (want + at, got->len);

          rest = _ekyc_card_edit_distance (got->str, piece, 1) <= got->len / 6;
        }
    }
  g_string_free (got, TRUE);
  return rest;
}

static int
compare_ints (const void *a, const void *b)
{
  return (*(const int *) a > *(const int *) b) - (*(const int *) a < *(const int *) b);
}

/* The rows of @s's line as its words lie: from the median of their tops to the median of their
 * bottoms. The segment's own box may reach into the line above or below (a mark, a speck, a
 * word of the next line run into it: a label 21 px high in a box of 48), and a value beside the
 * label is on the line of its words, not on the line above ("Quê quán" beside the nationality's
 * value). */
static void
label_line_rows (const Segment *s, int *y0, int *y1)
{
  g_autofree int *tops = g_new (int, MAX (1, s->words->len));
  g_autofree int *bottoms = g_new (int, MAX (1, s->words->len));
  guint n = s->words->len;

  if (n == 0)
    {
      *y0 = s->y0;
      *y1 = s->y1;
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const EkycOcrWord *w = g_ptr_array_index (s->words, i);

      tops[i] = w->y0;
      bottoms[i] = w->y1;
    }
  qsort (tops, n, sizeof *tops, compare_ints);
  qsort (bottoms, n, sizeof *bottoms, compare_ints);
  *y0 = tops[n / 2];
  *y1 = bottoms[n / 2];
}

/* A value, or the rest of one (within 1.5 line heights when @near), the OCR set apart from its
 * label's line ("Giới tính / Sex" then "Nam", "Ngày, tháng, năm /" then "month, year:
 * 14/10/2021", "…residence: 217/30" then "Lê Lợi"): the next segment on the label's line, close
 * to its right and no label itself; when no value was found before it, past the English twin's
 * words up to a colon if it has one. A value of lines (@wraps) may start after its twin. */
static char *
value_beside (GPtrArray *segments, guint index, int field, gboolean continues, gboolean near,
              gboolean wraps, float *confidence, EkycCardValueBox *box, int *label_x1)
{
  const Segment *s = g_ptr_array_index (segments, index);
  const Segment *next = NULL;
  guint from = 0;
  int line_y0, line_y1;

  label_line_rows (s, &line_y0, &line_y1);
  for (guint k = 0; k < segments->len; k++)
    {
      const Segment *b = g_ptr_array_index (segments, k);
      int mid = (b->y0 + b->y1) / 2;

      /* a value's rest follows at a word's gap; a value alone may sit further, past the
       * twin's colon; either has the label line's size, not a seal's or a speck's */
      if (b == s || b->x0 < s->x1 || b->x0 - s->x1 > (near ? 3 * s->height / 2 : 4 * s->height)
          || mid < line_y0 || mid > line_y1 || 5 * b->height > 8 * s->height)
        continue;
      if (next == NULL || b->x0 < next->x0)
        next = b;
    }
  if (next != NULL && is_twin_rest (next, field))
    {
      *label_x1 = next->x1;      /* the label's line ends there */
      return NULL;
    }
  if (next != NULL && !continues && wraps && segment_is_label (next))
    {
      /* the label's English twin set apart with the value's start after it ("Nơi thường trú"
       * then "Place of residence: Tổ 3"): the words after the twin (a one-line value is found
       * from the twin's own label, its box read again from the twin's colon) */
      guint end = 0;
      char *text = NULL;
      guint from_unused, to_unused;

      while (end < next->words->len && next->owner[end] < 0 && end < 2)
        end++;
      if (end >= next->words->len || owner_field (next, end) != field)
        return NULL;
      while (end < next->words->len && owner_field (next, end) == field)
        end++;
      value_on_line (next, end, field, &text, confidence, box, &from_unused, &to_unused);
      return text;
    }
  if (next == NULL || segment_is_label (next))
    return NULL;
  for (guint j = 0; j < next->words->len && j < 5 && !continues; j++)
    {
      EkycOcrWord *w = g_ptr_array_index (next->words, j);
      const char *colon = strpbrk (w->text, ":;");

      if (colon != NULL)
        {
          from = colon[1] != '\0' ? j : j + 1;
          break;
        }
    }
  if (from >= next->words->len)
    return NULL;
  {
    EkycOcrWord *first = g_ptr_array_index (next->words, from);
    EkycOcrWord *last = g_ptr_array_index (next->words, next->words->len - 1);
    char *text = join_words (next, from, next->words->len, confidence);
    const char *colon = strpbrk (text, ":;");

    if (colon != NULL && !continues)
      {
        char *after = g_strstrip (g_strdup (colon + 1));
        g_free (text);
        text = after;
      }
    if (text[0] == '\0')
      {
        g_free (text);
        return NULL;
      }
    box_add (box, first->x0, next->y0, last->x1, next->y1);
    return text;
  }
}

/* The left edge of a label's column: the label's segment, or the segments before it on its line
 * when the OCR cut the label into pieces ("Họ," "chữ đệm và tên khai sinh" "Full name:", each
 * a segment, the twin the only piece found as a label). */
static int
label_column (GPtrArray *segments, guint index)
{
  const Segment *s = g_ptr_array_index (segments, index);
  int x0 = s->x0;
  gboolean grew = TRUE;

  while (grew)
    {
      grew = FALSE;
      for (guint k = 0; k < segments->len; k++)
        {
          const Segment *b = g_ptr_array_index (segments, k);
          int mid = (b->y0 + b->y1) / 2;

          if (b->x0 < x0 && b->x1 <= x0 + s->height && b->x1 >= x0 - 4 * s->height
              && mid > s->y0 && mid < s->y1 && ABS (b->height - s->height) <= s->height / 2)
            {
              x0 = b->x0;
              grew = TRUE;
            }
        }
    }
  return x0;
}

/* Does @text hold a small letter? */
static gboolean
has_small_letters (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Does @b lie over one of the @n @parts taken (the segment itself, taken beside its label)? */
static gboolean
overlaps_part (const EkycCardValuePart *parts, int n, const Segment *b)
{
  for (int i = 0; i < n; i++)
    {
      const EkycCardValueBox *p = &parts[i].box;

      if (same_line (p, b->y0, b->y1)
          && 2 * (MIN (p->x1, b->x1) - MAX (p->x0, b->x0)) > b->x1 - b->x0)
        return TRUE;
    }
  return FALSE;
}

static void
find_value (GPtrArray *segments, guint index, guint end, const Label *label, int width,
            int right, EkycCardValuePart *parts, int *n_parts, EkycCardValueBox *box)
{
  const Segment *s = g_ptr_array_index (segments, index);
  char *same = NULL;
  float confidence = 0;
  int lines_below = 0;
  int last_y1 = s->y1, last_h = s->height;
  int col_x0 = label_column (segments, index);
  int label_x1 = s->x1;
  guint same_from, same_to;

  *n_parts = 0;
  value_on_line (s, end, label->field, &same, &confidence, box, &same_from, &same_to);
  /* a name is printed in capitals: small letters after its label are the English twin, garbled
   * past recognition ("Họ và tên Tul name"), and the name is on the line below */
  if (same != NULL && label->field == EKYC_CARD_READ_FIELD_FULL_NAME && has_small_letters (same))
    g_clear_pointer (&same, g_free);
  {
    float c = 0;
    /* the rest of a value of lines (an address) follows closely; a one-line value may be
     * split from its twin's last word ("Date" then "birth: 10/04/1980") */
    char *beside = value_beside (segments, index, label->field, same != NULL,
                                 same != NULL && label->max_lines > 0, label->max_lines > 1,
                                 &c, box, &label_x1);

    if (beside != NULL)
      same_from = same_to = 0;   /* not the label's segment's words alone */
    if (beside != NULL && same == NULL)
      {
        same = beside;
        confidence = c;
      }
    else if (beside != NULL)
      {
        char *joined = g_strconcat (same, " ", beside, NULL);

        confidence = (confidence + c) / 2;
        g_free (same);
        g_free (beside);
        same = joined;
      }
  }
  if (same != NULL)
    add_part (parts, n_parts, same, confidence, box->x0, box->y0, box->x1, box->y1,
              strpbrk (same, ":;") == NULL, same_to > same_from ? s : NULL, same_from, same_to);
  /* lines below: the first within two line heights, then each one close under the previous */
  for (guint k = index + 1; k < segments->len; k++)
    {
      const Segment *b = g_ptr_array_index (segments, k);
      int gap = b->y0 - last_y1;
      double limit = *n_parts == 0 ? 2.2 * s->height : 1.2 * MAX (s->height, last_h);
      float c = 0;
      char *part;

      if (lines_below >= label->max_lines)
        {
          const EkycCardValueBox *last = *n_parts > 0 ? &parts[*n_parts - 1].box : NULL;

          /* the lines are all taken; a piece of the last one further right (a number in a
           * display face cut in three: "0311", "⁄)/", "12265") is part of it */
          if (last == NULL || b->y0 > last->y1 || label->max_lines == 0)
            break;
          if (!same_line (last, b->y0, b->y1) || b->x0 < box->x0 || b->x0 - box->x1 > 3 * b->height
              || segment_is_label (b) || overlaps_part (parts, *n_parts, b))
            continue;
          part = join_words (b, 0, b->words->len, &c);
          add_part (parts, n_parts, part, c, b->x0, b->y0, b->x1, b->y1, TRUE, b, 0,
                    b->words->len);
          box_add (box, b->x0, b->y0, b->x1, b->y1);
          continue;
        }
      if (b->y0 <= s->y0 + s->height / 2)
        continue;                /* beside the label, another column */
      if (gap > limit)
        break;
      if (b->x1 < col_x0)
        continue;                /* left of the label's column (the portrait's side) */
      if (b->x0 < col_x0 - width / 20)
        {
          /* a line that starts in the left column ("Có giá trị đến: Không thời hạn") and runs
           * on into this one: only its words in the label's column belong here */
          guint w0 = 0;
          EkycOcrWord *first;

          if (label->max_lines < 2)
            continue;
          while (w0 < b->words->len
                 && ((EkycOcrWord *) g_ptr_array_index (b->words, w0))->x0 < col_x0 - width / 40)
            w0++;
          /* "Không thời hạn": the left column's value may end past the column's edge */
          if (w0 > 0 && w0 < b->words->len && g_str_has_suffix (b->folded[w0 - 1], "thoi")
              && g_str_equal (b->folded[w0], "han"))
            w0++;
          if (w0 == 0 || w0 >= b->words->len || gap > limit)
            continue;
          first = g_ptr_array_index (b->words, w0);
          part = join_words (b, w0, b->words->len, &c);
          /* read again from the column's edge: a word glued across it ("hạn_181/27") may
           * hold this line's start */
          add_part (parts, n_parts, part, c, MIN (first->x0, col_x0 - 2), b->y0, b->x1, b->y1,
                    TRUE, b, w0, b->words->len);
          lines_below++;
          last_y1 = b->y1;
          last_h = b->height;
          box_add (box, first->x0, b->y0, b->x1, b->y1);
          continue;
        }
      /* far right: another column (QR, chip, fingerprints); a first value line may be set
       * further right, under the label's end */
      if (b->x0 > MAX (label_x1, box->found ? box->x1 : label_x1)
                    + (*n_parts == 0 ? 5 : 3) * s->height)
        continue;
      if (*n_parts > 0 && ABS (b->x0 - col_x0) > width / 20 && ABS (b->x0 - box->x0) > width / 20
          && ABS (b->x1 - box->x1) > 3 * s->height && line_end (segments, b) < right - width / 20
          && !is_rest_of_line (b, &parts[*n_parts - 1].box))
        continue;                /* a next line is aligned left, right or to the card's edge */
      if (*n_parts == 0 && b->words->len <= 5
          && g_str_has_suffix (((EkycOcrWord *) g_ptr_array_index (b->words,
                                                                   b->words->len - 1))->text, ":"))
        {
          last_y1 = b->y1;       /* the English twin, garbled, on its own line */
          continue;
        }
      if (segment_is_label (b))
        {
          /* the English twin on its own line under the label: the value is further down */
          if (owner_field (b, 0) == label->field && *n_parts == 0)
            {
              last_y1 = b->y1;
              continue;
            }
          break;
        }
      if (label->field == EKYC_CARD_READ_FIELD_FULL_NAME && *n_parts > 0)
        break;
      /* a lone letter or two is no line of a place: a speck or the pattern at the card's edge
       * ("y" under "Nghệ An") */
      if (label->max_lines > 1 && *n_parts > 0 && b->words->len == 1
          && g_utf8_strlen (((EkycOcrWord *) g_ptr_array_index (b->words, 0))->text, -1) <= 2)
        continue;
      part = join_words (b, 0, b->words->len, &c);
      /* a piece of the line just taken (the OCR cut a sloping line in two) is no line more */
      if (*n_parts == 0 || !same_line (&parts[*n_parts - 1].box, b->y0, b->y1))
        lines_below++;
      add_part (parts, n_parts, part, c, b->x0, b->y0, b->x1, b->y1, TRUE, b, 0, b->words->len);
      last_y1 = MAX (last_y1, b->y1);
      last_h = b->height;
      box_add (box, b->x0, b->y0, b->x1, b->y1);
    }
  /* pieces of one line in reading order: a line that slopes up (a card rectified a few degrees
   * askew) has its right piece start higher, and sorted first ("Nam Định, Nam Định" before
   * "Trần Hưng Đạo,") */
  for (int i = 1; i < *n_parts; i++)
    for (int j = i; j > 0 && same_line (&parts[j - 1].box, parts[j].box.y0, parts[j].box.y1)
                    && parts[j].box.x1 <= parts[j - 1].box.x0; j--)
      {
        EkycCardValuePart t = parts[j];

        parts[j] = parts[j - 1];
        parts[j - 1] = t;
      }
  /* ...and, in a value of lines (an address), made one part, its box the whole line: the words
   * the OCR lost between the pieces ("Lộc Thọ, Nha" … "Khánh Hòa", "Trang," lost) are in the
   * box read again */
  for (int i = 1; i < *n_parts && label->max_lines > 1; i++)
    {
      EkycCardValuePart *a = &parts[i - 1], *b = &parts[i];
      EkycCardValueBox *ab = &a->box;
      char *text;

      if (!a->rereadable || !b->rereadable || !same_line (ab, b->box.y0, b->box.y1))
        continue;
      text = g_strconcat (a->text, " ", b->text, NULL);
      g_free (a->text);
      g_free (b->text);
      a->text = text;
      a->confidence = (a->confidence + b->confidence) / 2;
      a->n_words = 0;
      a->joined = TRUE;
      *ab = (EkycCardValueBox) { TRUE, MIN (ab->x0, b->box.x0), MIN (ab->y0, b->box.y0),
                                 MAX (ab->x1, b->box.x1), MAX (ab->y1, b->box.y1) };
      memmove (b, b + 1, (gsize) (*n_parts - i - 1) * sizeof *b);
      (*n_parts)--;
      i--;
    }
}

void
_ekyc_card_fields_rejoin (EkycCardLabelled *labelled, EkycCardReadField field)
{
  g_free (labelled->raw[field]);
  labelled->raw[field] = join_parts (labelled->parts[field], labelled->n_parts[field],
                                     labelled->wraps[field], &labelled->confidence[field]);
}

static void
clear_parts (EkycCardLabelled *out, int field)
{
  for (int i = 0; i < out->n_parts[field]; i++)
    g_clear_pointer (&out->parts[field][i].text, g_free);
  out->n_parts[field] = 0;
}

/* @text has no letter or digit (a colon, a slash read on its own) */
static gboolean
is_punctuation_only (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* The rest of the line after the label of @field that ends at word @end of segment @index: from
 * the colon (or the label's last word) to the next segment on the same line, or the card's edge. */
static EkycCardValueBox
after_label (GPtrArray *segments, guint index, guint end, int width)
{
  const Segment *s = g_ptr_array_index (segments, index);
  const EkycOcrWord *last = g_ptr_array_index (s->words, end - 1);
  int x0 = last->x1, right = width;
  int y0 = G_MAXINT, y1 = G_MININT;
  const Segment *value = NULL;
  gboolean value_in_segment = FALSE;

  /* the label's own words tell the line's height: a value word the OCR ran into the portrait's
   * edge above ("Tấn" 46 px tall for a 15 px date) would make the box two lines tall */
  for (guint j = 0; j < end; j++)
    if (s->owner[j] >= 0 && owner_field (s, j) == owner_field (s, end - 1))
      {
        const EkycOcrWord *w = g_ptr_array_index (s->words, j);
        y0 = MIN (y0, w->y0);
        y1 = MAX (y1, w->y1);
      }
  if (y0 >= y1)
    y0 = s->y0, y1 = s->y1;
  else
    {
      /* ...and the value's words, often printed larger, unless far taller than the label */
      int lh = y1 - y0;

      for (guint j = end; j < s->words->len; j++)
        {
          const EkycOcrWord *w = g_ptr_array_index (s->words, j);

          if (5 * (w->y1 - w->y0) <= 9 * lh)
            {
              y0 = MIN (y0, w->y0);
              y1 = MAX (y1, w->y1);
            }
        }
    }

  /* the label's segment ends with it: the value, when the page OCR saw it, is the next segment
   * on the line ("Sex:" then "Nữ", "Nationality:" then "Việt Nam" set apart), and the box
   * reaches to the one after it */
  for (guint j = end; j < s->words->len && !value_in_segment; j++)
    {
      const EkycOcrWord *w = g_ptr_array_index (s->words, j);

      if (s->owner[j] >= 0 && owner_field (s, j) == owner_field (s, end - 1))
        continue;     /* the label's English twin */
      value_in_segment = !is_punctuation_only (w->text);
    }
  for (guint j = end; j < s->words->len && j < end + 7; j++)
    {
      const EkycOcrWord *w = g_ptr_array_index (s->words, j);
      const char *colon = strpbrk (w->text, ":;");

      if (s->owner[j] >= 0 && owner_field (s, j) != owner_field (s, end - 1))
        break;
      if (colon != NULL)
        {
          glong n = g_utf8_strlen (w->text, -1), before = g_utf8_pointer_to_offset (w->text, colon);
          x0 = w->x0 + (int) ((w->x1 - w->x0) * (before + 1) / MAX (1, n));
          break;
        }
      /* the label's English twin, its colon not read, and the value set apart: the value
       * follows the twin */
      if (s->owner[j] >= 0 && !value_in_segment)
        x0 = MAX (x0, w->x1);
    }
  for (guint k = 0; k < segments->len && !value_in_segment; k++)
    {
      const Segment *b = g_ptr_array_index (segments, k);

      if (b != s && b->x0 >= x0 && b->y0 < s->y1 && b->y1 > s->y0
          && (value == NULL || b->x0 < value->x0))
        value = b;
    }
  for (guint k = 0; k < segments->len; k++)
    {
      const Segment *b = g_ptr_array_index (segments, k);

      if (b != s && b != value && b->x0 >= x0 + s->height && b->y0 < s->y1 && b->y1 > s->y0
          && (value == NULL || b->x0 >= value->x1))
        right = MIN (right, b->x0);
    }
  /* a one-line value is short ("Không thời hạn", a date, "Việt Nam"): what lies further on
   * the line is another column's text that the OCR ran into it */
  right = MIN (right, x0 + 12 * s->height);
  return (EkycCardValueBox) { right - x0 > s->height, x0, y0, right, y1 };
}

void
_ekyc_card_fields_find (GPtrArray *lines, int width, EkycCardLabelled *out)
{
  g_autoptr(GPtrArray) segments = make_segments (lines);
  int side_votes[3] = { 0 }, layout_votes[3] = { 0 };
  struct { guint segment, start, n; gboolean found; } at[G_N_ELEMENTS (labels)] = { { 0 } };
  int right = 0;

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *s = g_ptr_array_index (segments, i);
      int lt = 0;

      /* the text's right edge: the card's, or less when the picture is wider than the card
       * (no outline found); tall specks (a portrait's edge read as a letter) do not count */
      if (s->height < 3 * width / 50)
        right = MAX (right, s->x1);

      out->n_words += (int) s->words->len;
      for (guint j = 0; j < s->words->len; j++)
        {
          EkycOcrWord *w = g_ptr_array_index (s->words, j);
          const char *p = w->text;
          for (; *p; p++)
            lt += *p == '<';
        }
      if (lt >= 8)
        out->n_mrz_lines++;
    }

  if (g_getenv ("EKYC_CARD_DEBUG") != NULL)
    for (guint i = 0; i < segments->len; i++)
      {
        const Segment *s = g_ptr_array_index (segments, i);
        float c;
        g_autofree char *t = join_words (s, 0, s->words->len, &c);
        fprintf (stderr, "seg [%4d %4d %4d %4d] h%-3d %s\n", s->x0, s->y0, s->x1, s->y1,
                 s->height, t);
        if (g_str_equal (g_getenv ("EKYC_CARD_DEBUG"), "2"))
          for (guint j = 0; j < s->words->len; j++)
            {
              EkycOcrWord *w = g_ptr_array_index (s->words, j);
              fprintf (stderr, "     [%4d %4d %4d %4d] %.0f %s\n", w->x0, w->y0, w->x1, w->y1,
                       w->confidence, w->text);
            }
      }
  /* Every label, longest first, at its first place in reading order. */
  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    for (guint i = 0; i < segments->len && !at[l].found; i++)
      {
        Segment *s = g_ptr_array_index (segments, i);
        guint n = 0;
        int start = match_label (s, labels[l].label, &n);

        if (start < 0)
          continue;
        for (guint t = 0; t < n; t++)
          s->owner[start + t] = (int) l;
        at[l].segment = i;
        at[l].start = (guint) start;
        at[l].n = n;
        at[l].found = TRUE;
        if (!labels[l].english)
          {
            side_votes[labels[l].side]++;
            layout_votes[labels[l].layout]++;
          }
        if (labels[l].english)
          continue;
        if (labels[l].field == NO_FIELD)
          out->n_markers++;
        else
          out->n_labels++;
      }

  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    {
      int f = labels[l].field;
      EkycCardValueBox box = { 0 };

      if (!at[l].found || f == NO_FIELD || out->raw[f] != NULL)
        continue;
      clear_parts (out, f);
      find_value (segments, at[l].segment, at[l].start + at[l].n, &labels[l], width, right,
                  out->parts[f], &out->n_parts[f], &box);
      out->wraps[f] = labels[l].max_lines > 1;
      _ekyc_card_fields_rejoin (out, (EkycCardReadField) f);
      if (g_getenv ("EKYC_CARD_DEBUG") != NULL)
        fprintf (stderr, "label %-28s -> %s\n", labels[l].label, out->raw[f] ? out->raw[f] : "(none)");
      out->boxes[f] = box;
      if (labels[l].max_lines == 0)
        {
          /* the English twin further right on the label's line ("Quốc tịch" then "Nationality:
           * Việt Nam" set apart): the value follows the twin */
          EkycCardValueBox b = after_label (segments, at[l].segment, at[l].start + at[l].n, width);
          EkycCardValueBox *old = &out->after_label[f];

          if (!old->found || (b.found && b.y0 < old->y1 && b.y1 > old->y0 && b.x0 > old->x0))
            *old = b;
        }
    }

  /* The number: its label may be garbled ("Số / No." is short); a run of 12 digits is enough. */
  {
    g_autofree char *current = out->raw[EKYC_CARD_READ_FIELD_ID_NUMBER]
                               ? _ekyc_card_text_id_number (out->raw[EKYC_CARD_READ_FIELD_ID_NUMBER])
                               : NULL;
    for (guint i = 0; i < segments->len && current == NULL; i++)
      {
        const Segment *s = g_ptr_array_index (segments, i);
        float confidence = 0;
        g_autofree char *text = join_words (s, 0, s->words->len, &confidence);
        g_autofree char *number = NULL;

        if (strchr (text, '<') != NULL)
          continue;              /* the MRZ holds the number too, but is not the printed one */
        number = _ekyc_card_text_id_number (text);
        if (number == NULL)
          continue;
        g_free (out->raw[EKYC_CARD_READ_FIELD_ID_NUMBER]);
        out->raw[EKYC_CARD_READ_FIELD_ID_NUMBER] = g_strdup (text);
        out->confidence[EKYC_CARD_READ_FIELD_ID_NUMBER] = confidence;
        out->boxes[EKYC_CARD_READ_FIELD_ID_NUMBER] = (EkycCardValueBox) { TRUE, s->x0, s->y0, s->x1,
                                                                      s->y1 };
        current = g_steal_pointer (&number);
        if (side_votes[EKYC_CARD_SIDE_BACK] == 0)
          side_votes[EKYC_CARD_SIDE_FRONT]++;
      }
    /* no 12 digits anywhere: the longest run of 9–14 digits (a digit lost or doubled) is read
     * again alone, with room on both sides for a digit the page OCR dropped */
    if (current == NULL && !out->after_label[EKYC_CARD_READ_FIELD_ID_NUMBER].found)
      {
        const EkycOcrWord *best = NULL;
        int best_digits = 0, best_h = 0;

        for (guint i = 0; i < segments->len; i++)
          {
            const Segment *s = g_ptr_array_index (segments, i);

            for (guint j = 0; j < s->words->len; j++)
              {
                const EkycOcrWord *w = g_ptr_array_index (s->words, j);
                int digits = count_digits (w->text);
                glong n = g_utf8_strlen (w->text, -1);

                if (strpbrk (w->text, "/<") != NULL || digits < 9 || digits > 14
                    || digits * 5 < n * 4 || digits <= best_digits)
                  continue;
                best = w;
                best_digits = digits;
                best_h = s->height;
              }
          }
        if (best != NULL)
          out->after_label[EKYC_CARD_READ_FIELD_ID_NUMBER] =
            (EkycCardValueBox) { TRUE, MAX (0, best->x0 - best_h), best->y0,
                                 MIN (width, best->x1 + best_h), best->y1 };
      }
  }

  if (out->n_mrz_lines >= 2)
    side_votes[EKYC_CARD_SIDE_BACK] += 2;
  out->side = side_votes[EKYC_CARD_SIDE_FRONT] > side_votes[EKYC_CARD_SIDE_BACK]
              ? EKYC_CARD_SIDE_FRONT
              : side_votes[EKYC_CARD_SIDE_BACK] > side_votes[EKYC_CARD_SIDE_FRONT]
              ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_UNKNOWN;
  /* "identity card" is part of "citizen identity card": 2021 only when both say so */
  out->layout = layout_votes[EKYC_CARD_LAYOUT_CCCD_2021] > layout_votes[EKYC_CARD_LAYOUT_CAN_CUOC_2024]
                ? EKYC_CARD_LAYOUT_CCCD_2021
                : layout_votes[EKYC_CARD_LAYOUT_CAN_CUOC_2024] > layout_votes[EKYC_CARD_LAYOUT_CCCD_2021]
                ? EKYC_CARD_LAYOUT_CAN_CUOC_2024 : EKYC_CARD_LAYOUT_UNKNOWN;
}

void
_ekyc_card_fields_clear (EkycCardLabelled *out)
{
  for (int i = 0; i < EKYC_CARD_READ_N_FIELDS; i++)
    {
      g_clear_pointer (&out->raw[i], g_free);
      clear_parts (out, i);
    }
}

static char *
iso_date (const EkycCardDate *d)
{
  return g_strdup_printf ("%04d-%02d-%02d", d->year, d->month, d->day);
}

char *
_ekyc_card_field_normalize (EkycCardReadField field, const char *raw)
{
  EkycCardDate date;
  char sex;

  if (raw == NULL)
    return NULL;
  switch (field)
    {
    case EKYC_CARD_READ_FIELD_ID_NUMBER:
      return _ekyc_card_text_id_number (raw);
    case EKYC_CARD_READ_FIELD_OLD_ID_NUMBER:
      return NULL;
    case EKYC_CARD_READ_FIELD_FULL_NAME:
      return _ekyc_card_text_name (raw);
    case EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY:
      if (_ekyc_card_text_date (raw, &date))
        return iso_date (&date);
      return _ekyc_card_text_no_expiry (raw) ? g_strdup ("none") : NULL;
    case EKYC_CARD_READ_FIELD_DATE_OF_BIRTH:
    case EKYC_CARD_READ_FIELD_ISSUE_DATE:
      return _ekyc_card_text_date (raw, &date) ? iso_date (&date) : NULL;
    case EKYC_CARD_READ_FIELD_SEX:
      sex = _ekyc_card_text_sex (raw);
      return sex ? g_strdup_printf ("%c", sex) : NULL;
    case EKYC_CARD_READ_FIELD_NATIONALITY:
      return _ekyc_card_text_nationality (raw);
    case EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN:
      return _ekyc_card_text_origin (raw);
    case EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE:
      return _ekyc_card_text_place (raw);
    case EKYC_CARD_READ_N_FIELDS:
    default:
      return NULL;
    }
}
