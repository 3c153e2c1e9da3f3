/* ekyc-card-places-spelling.c — one spelling for Vietnamese place names, to compare them
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The official list writes "Thanh Thuỷ" and "Hòa Vang", cards and people "Thanh Thủy" and
 * "Hoà Vang": the same name with the tone mark over one vowel or the next. Compared in one
 * placement, the two are one name.
 */
#include "config.h"

#include <string.h>

#include "ekyc-card-places-spelling.h"

static gboolean
is_tone (gunichar c)
{
  return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

static gboolean
is_letter_or_mark (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

/* In the NFD characters of one word, [start, end): a tone over the last vowel of a final
 * "oa", "oe" or "uy" moved to the vowel before it. */
static void
move_tone (gunichar *s, glong start, glong end)
{
  glong n = end - start;
  gunichar *w = s + start;
  gunichar first, second, pre;

  /* o a TONE | u y TONE, nothing else after */
  if (n < 3 || !is_tone (w[n - 1]))
    return;
  first = g_unichar_tolower (w[n - 3]);
  second = g_unichar_tolower (w[n - 2]);
  if (!((first == 'o' && (second == 'a' || second == 'e')) || (first == 'u' && second == 'y')))
    return;
  pre = n >= 4 ? g_unichar_tolower (w[n - 4]) : 0;
  if (first == 'u' && pre == 'q')
    return;
  if (g_unichar_ismark (pre))
    return;   /* "ươ", "ô": another vowel's mark before the pair, not this pattern */
  {
    gunichar tone = w[n - 1];

    w[n - 1] = w[n - 2];
    w[n - 2] = tone;
  }
}

char *
_ekyc_place_spelling (const char *name)
{
  g_autofree char *nfd = NULL;
  g_autofree gunichar *chars = NULL;
  g_autofree char *joined = NULL;
  glong n = 0, start = -1;
  GString *out;

  g_return_val_if_fail (name != NULL, NULL);

  nfd = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_strdup ("");
  chars = g_utf8_to_ucs4_fast (nfd, -1, &n);
  for (glong i = 0; i <= n; i++)
    {
      gboolean in_word = i < n && is_letter_or_mark (chars[i]);

      if (in_word && start < 0)
        start = i;
      else if (!in_word && start >= 0)
        {
          move_tone (chars, start, i);
          start = -1;
        }
    }
  joined = g_ucs4_to_utf8 (chars, n, NULL, NULL, NULL);
  out = g_string_new (NULL);
  {
    g_autofree char *nfc = g_utf8_normalize (joined != NULL ? joined : "", -1, G_NORMALIZE_NFC);
    g_auto(GStrv) words = g_strsplit_set (nfc != NULL ? nfc : "", " \t\n", -1);

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (words[i][0] == '\0')
          continue;
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  }
  return g_string_free (out, FALSE);
}
