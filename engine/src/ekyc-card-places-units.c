/* ekyc-card-places-units.c — the units of an address put right with the official list
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An address on a card names its units from the smallest to the largest: "ward, district,
 * province" (before the 2025 reform, three tiers) or "ward, province" (two tiers), after a
 * street or a village in a place of residence. The General Statistics Office's list
 * (ekyc-card-places-units.h) says which wards a district has and which districts a province
 * has, so once the province is known, a district read with an OCR slip is put right among a
 * few dozen names, not ten thousand, and a ward among the wards of that district. A name is
 * replaced only when one official name alone is that close and the read is not itself a unit
 * of that tier somewhere else (a card may name a place the list files elsewhere, or one the
 * list lacks: those stay as read). Nothing here knows any card's truth: only the list.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>

#include "ekyc-card-places-private.h"
#include "ekyc-card-places-spelling.h"
#include "ekyc-card-places-units.h"
#include "ekyc-card-text-private.h"

/* Unit words that open a part, by tier; "TP." is the short "Thành phố". */
static const char *const province_words[] = { "Thành phố", "TP.", "TP", "Tỉnh" };
static const char *const district_words[] = { "Thành phố", "TP.", "TP", "Thị xã", "Quận",
                                              "Huyện" };
static const char *const ward_words[] = { "Thị trấn", "Phường", "Xã" };

static const EkycPlaceUnit *
tier_table (EkycPlaceTier tier, guint *n)
{
  switch (tier)
    {
    case EKYC_PLACE_PROVINCE:
      *n = _ekyc_place_n_provinces;
      return _ekyc_place_provinces;
    case EKYC_PLACE_DISTRICT:
      *n = _ekyc_place_n_districts;
      return _ekyc_place_districts;
    case EKYC_PLACE_WARD:
    default:
      *n = _ekyc_place_n_wards;
      return _ekyc_place_wards;
    }
}

/* The length of the unit word that opens @part (with its space), or 0; *tier_ok tells whether
 * that word names a unit of @tier. Case is not minded ("PHƯỜNG" opens a part in capitals). */
static gsize
unit_word_length (const char *part, EkycPlaceTier tier, gboolean *tier_ok)
{
  static const struct { const char *const *words; guint n; EkycPlaceTier tier; } lists[] = {
    { ward_words, G_N_ELEMENTS (ward_words), EKYC_PLACE_WARD },
    { district_words, G_N_ELEMENTS (district_words), EKYC_PLACE_DISTRICT },
    { province_words, G_N_ELEMENTS (province_words), EKYC_PLACE_PROVINCE },
  };
  g_autofree char *lower = g_utf8_strdown (part, -1);
  gsize found = 0;

  *tier_ok = TRUE;
  /* lower and upper case of a Vietnamese letter take as many bytes: lengths carry over */
  if (strlen (lower) != strlen (part))
    return 0;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l].n; i++)
      {
        g_autofree char *word = g_utf8_strdown (lists[l].words[i], -1);
        gsize len = strlen (word);

        if (strncmp (lower, word, len) != 0
            || (lower[len] != ' ' && !(word[len - 1] == '.' && lower[len] != '\0')))
          continue;
        if (lists[l].tier == tier)
          {
            *tier_ok = TRUE;
            return lower[len] == ' ' ? len + 1 : len;
          }
        if (found == 0)
          {
            *tier_ok = FALSE;
            found = lower[len] == ' ' ? len + 1 : len;
          }
      }
  return found;
}

/* @s lower case, in the list's spelling, to compare names as written. */
static char *
spelt_lower (const char *s)
{
  g_autofree char *spelt = _ekyc_place_spelling (s);

  return g_utf8_strdown (spelt, -1);
}

/* Is @name (no unit word) written, as read, like a unit of @tier anywhere in the country? */
static gboolean
is_official_anywhere (const char *name, EkycPlaceTier tier)
{
  g_autofree char *want = spelt_lower (name);
  gsize len = strlen (want);
  guint n;
  const EkycPlaceUnit *units = tier_table (tier, &n);

  for (guint i = 0; i < n; i++)
    if (strlen (units[i].name) == len)
      {
        g_autofree char *have = g_utf8_strdown (units[i].name, -1);

        if (g_str_equal (have, want))
          return TRUE;
      }
  return FALSE;
}

static guint
n_letters (const char *folded)
{
  guint n = 0;

  for (const char *p = folded; *p; p++)
    n += *p != ' ';
  return n;
}

/* "ân An" for "Xuân An": the first letters of a line lost at the crop's edge; "Chuối" for "Trại
 * Chuối": its first word lost by the page OCR. The one unit among @units[@first, @first + @n)
 * whose name ends with @folded and has at most three letters more, or whole words more; -1 if
 * none or several. */
static int
ending_of (const char *folded, const EkycPlaceUnit *units, guint first, guint n)
{
  gsize len = strlen (folded);
  int found = -1;

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *have = _ekyc_card_fold (units[i].name);
      gsize have_len = strlen (have);

      if (have_len <= len || !g_str_has_suffix (have, folded)
          || (have_len > len + 3 && have[have_len - len - 1] != ' '))
        continue;
      if (found >= 0 && !g_str_equal (units[found].name, units[i].name))
        return -1;
      found = (int) i;
    }
  return found;
}

typedef struct {
  int      index;    /* in the tier's table; -1: none */
  gboolean exact;    /* the read is that name, but for case and tone placement */
} Match;

/* The unit among @units[@first, @first + @n) that @name is: written the same but for case and
 * tone placement, else the only one within a small OCR distance (its letters without marks
 * first, then with them), nearer than any other; @strict halves the distance allowed. */
static Match
match_among (const char *name, const EkycPlaceUnit *units, guint first, guint n, gboolean strict)
{
  g_autofree char *folded = _ekyc_card_fold (name);
  g_autofree char *lower = spelt_lower (name);
  guint letters = n_letters (folded);
  guint cap = letters >= 8 ? 2 : letters >= 4 ? 1 : 0;
  guint best_f = G_MAXUINT, best_m = G_MAXUINT, second_f = G_MAXUINT, second_m = G_MAXUINT;
  Match m = { -1, FALSE };

  if (strict)
    cap = letters >= 8 ? 1 : 0;
  if (letters == 0)
    return m;
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *have = g_utf8_strdown (units[i].name, -1);
      g_autofree char *have_folded = NULL;
      guint df, dm;

      if (g_str_equal (have, lower))
        {
          m.index = (int) i;
          m.exact = TRUE;
          return m;
        }
      have_folded = _ekyc_card_fold (units[i].name);
      df = _ekyc_card_edit_distance (folded, have_folded, cap);
      if (df > cap)
        continue;
      dm = _ekyc_card_edit_distance (lower, have, cap + 4);
      /* the same name twice under one parent ("Thị trấn Yên Viên", "Xã Yên Viên") is one */
      if (m.index >= 0 && g_str_equal (units[m.index].name, units[i].name))
        continue;
      if (df < best_f || (df == best_f && dm < best_m))
        {
          second_f = best_f;
          second_m = best_m;
          best_f = df;
          best_m = dm;
          m.index = (int) i;
        }
      else if (df < second_f || (df == second_f && dm < second_m))
        {
          second_f = df;
          second_m = dm;
        }
    }
  /* nearer than any other: by the letters, or by the marks when the letters are all right */
  if (m.index >= 0 && best_f >= second_f && !(best_f == 0 && second_f == 0 && best_m < second_m))
    m.index = -1;
  if (m.index < 0 && best_f == G_MAXUINT && !strict && letters >= 4)
    m.index = ending_of (folded, units, first, n);
  return m;
}

int
_ekyc_place_province_index (const char *name)
{
  static const char *const aliases[][2] = {
    { "Huế", "Thừa Thiên Huế" },   /* the city of 2025 is the province of before */
  };
  gboolean tier_ok;
  const char *bare;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, -1);

  bare = name + unit_word_length (name, EKYC_PLACE_PROVINCE, &tier_ok);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (bare, aliases[i][0]))
      bare = aliases[i][1];
  lower = spelt_lower (bare);
  for (guint i = 0; i < _ekyc_place_n_provinces; i++)
    {
      g_autofree char *have = g_utf8_strdown (_ekyc_place_provinces[i].name, -1);

      if (g_str_equal (have, lower))
        return (int) i;
    }
  return -1;
}

/* Which unit of @tier among @units[@first, @first + @n) the part @part is; -1 if none. A part
 * that opens with another tier's unit word is none; *exact tells whether it is written so. */
static int
part_unit (const char *part, EkycPlaceTier tier, guint first, guint n, gboolean strict,
           gboolean *exact)
{
  gboolean tier_ok;
  gsize skip = unit_word_length (part, tier, &tier_ok);
  guint n_all;
  const EkycPlaceUnit *units = tier_table (tier, &n_all);
  Match m;

  *exact = FALSE;
  if (!tier_ok || part[skip] == '\0')
    return -1;
  m = match_among (part + skip, units, first, n, strict);
  if (m.index < 0)
    return -1;
  *exact = m.exact;
  /* a real unit elsewhere, as read ("Quang Trung" of another district): not this one */
  if (!m.exact && is_official_anywhere (part + skip, tier))
    return -1;
  return m.index;
}

/* @part with its name replaced by @official, its unit word as read. */
static void
replace_name (GPtrArray *parts, guint at, EkycPlaceTier tier, const char *official,
              gboolean upper)
{
  const char *part = parts->pdata[at];
  gboolean tier_ok;
  gsize skip = unit_word_length (part, tier, &tier_ok);
  g_autofree char *name = upper ? g_utf8_strup (official, -1) : g_strdup (official);
  g_autofree char *read_spelt = _ekyc_place_spelling (part + skip);
  char *fixed;

  /* as read but for the tone placement ("Hoà"): the card's own spelling stays */
  if (g_str_equal (read_spelt, name))
    return;
  fixed = g_strdup_printf ("%.*s%s", (int) skip, part, name);
  g_free (parts->pdata[at]);
  parts->pdata[at] = fixed;
}

/* Is @folded the first or last words of @name_folded ("dong" of "dong anh" or of "ha dong"), or
 * within two slips of it? */
static gboolean
may_be_name (const char *folded, const char *name_folded)
{
  gsize n = strlen (folded), m = strlen (name_folded);

  if (n < m && ((strncmp (name_folded, folded, n) == 0 && name_folded[n] == ' ')
                || (strcmp (name_folded + m - n, folded) == 0 && name_folded[m - n - 1] == ' ')))
    return TRUE;
  return _ekyc_card_edit_distance (folded, name_folded, 2) <= 2;
}

/* The district of the province @p that @district_part may be (a word of its name lost: "Đông"
 * for "Đông Anh" or for "Hà Đông") and whose wards hold @ward_part as written; -1 if none, or
 * more than one. The ward tells the district the read alone could not. */
static int
district_told_by_ward (const char *district_part, const char *ward_part, const EkycPlaceUnit *p)
{
  gboolean tier_ok;
  gsize skip = unit_word_length (district_part, EKYC_PLACE_DISTRICT, &tier_ok);
  g_autofree char *folded = NULL;
  int found = -1;

  if (!tier_ok)
    return -1;
  folded = _ekyc_card_fold (district_part + skip);
  if (n_letters (folded) < 3)
    return -1;
  for (guint i = p->first_child; i < p->first_child + p->n_children; i++)
    {
      const EkycPlaceUnit *d = &_ekyc_place_districts[i];
      g_autofree char *name = _ekyc_card_fold (d->name);
      gboolean exact;

      if (!may_be_name (folded, name)
          || part_unit (ward_part, EKYC_PLACE_WARD, d->first_child, d->n_children, TRUE,
                        &exact) < 0
          || !exact)
        continue;
      if (found >= 0)
        return -1;
      found = (int) i;
    }
  return found;
}

guint
_ekyc_place_snap_units (GPtrArray *parts, guint province_at, int province, gboolean upper)
{
  const EkycPlaceUnit *p;
  gboolean exact;
  int district = -1, ward = -1;

  g_return_val_if_fail (parts != NULL && province_at < parts->len, 0);
  if (province < 0 || (guint) province >= _ekyc_place_n_provinces || province_at == 0)
    return 0;
  p = &_ekyc_place_provinces[province];

  district = part_unit (parts->pdata[province_at - 1], EKYC_PLACE_DISTRICT, p->first_child,
                        p->n_children, FALSE, &exact);
  /* not written as a district of the province: the ward before it may tell which */
  if ((district < 0 || !exact) && province_at >= 2)
    {
      int told = district_told_by_ward (parts->pdata[province_at - 1],
                                        parts->pdata[province_at - 2], p);
      if (told >= 0)
        district = told;
    }
  if (district >= 0)
    {
      const EkycPlaceUnit *d = &_ekyc_place_districts[district];

      replace_name (parts, province_at - 1, EKYC_PLACE_DISTRICT, d->name, upper);
      if (province_at < 2)
        return 1;
      ward = part_unit (parts->pdata[province_at - 2], EKYC_PLACE_WARD, d->first_child,
                        d->n_children, FALSE, &exact);
      if (ward < 0)
        return 1;
      replace_name (parts, province_at - 2, EKYC_PLACE_WARD, _ekyc_place_wards[ward].name, upper);
      return 2;
    }

  /* two tiers: a ward of the province, more strictly (many more names to be near), and not
   * a part that is a district as read */
  {
    const char *part = parts->pdata[province_at - 1];
    gboolean tier_ok;
    gsize skip = unit_word_length (part, EKYC_PLACE_WARD, &tier_ok);
    const EkycPlaceUnit *first_d = &_ekyc_place_districts[p->first_child];
    const EkycPlaceUnit *last_d = &_ekyc_place_districts[p->first_child + p->n_children - 1];
    guint first = first_d->first_child;
    guint n = last_d->first_child + last_d->n_children - first;

    if (!tier_ok || p->n_children == 0 || is_official_anywhere (part + skip, EKYC_PLACE_DISTRICT))
      return 0;
    ward = part_unit (part, EKYC_PLACE_WARD, first, n, TRUE, &exact);
    if (ward < 0)
      return 0;
    replace_name (parts, province_at - 1, EKYC_PLACE_WARD, _ekyc_place_wards[ward].name, upper);
    return 1;
  }
}

int
_ekyc_place_district_for (const char *district_part, const char *ward_part)
{
  gboolean tier_ok, exact;
  gsize skip;
  g_autofree char *lower = NULL;
  int found = -1;

  g_return_val_if_fail (district_part != NULL && ward_part != NULL, -1);

  skip = unit_word_length (district_part, EKYC_PLACE_DISTRICT, &tier_ok);
  if (!tier_ok || district_part[skip] == '\0')
    return -1;
  lower = spelt_lower (district_part + skip);
  for (guint i = 0; i < _ekyc_place_n_districts; i++)
    {
      const EkycPlaceUnit *d = &_ekyc_place_districts[i];
      g_autofree char *have = NULL;

      if (strlen (d->name) != strlen (lower))
        continue;
      have = g_utf8_strdown (d->name, -1);
      if (!g_str_equal (have, lower)
          || part_unit (ward_part, EKYC_PLACE_WARD, d->first_child, d->n_children, FALSE,
                        &exact) < 0)
        continue;
      if (found >= 0)
        return -1;
      found = (int) i;
    }
  return found;
}

int
_ekyc_place_district_of (const char *part, int province)
{
  const EkycPlaceUnit *p;
  gboolean exact;

  g_return_val_if_fail (part != NULL, -1);
  if (province < 0 || (guint) province >= _ekyc_place_n_provinces)
    return -1;
  p = &_ekyc_place_provinces[province];
  return part_unit (part, EKYC_PLACE_DISTRICT, p->first_child, p->n_children, FALSE, &exact);
}

const char *
_ekyc_place_province_name (int province)
{
  g_return_val_if_fail (province >= 0 && (guint) province < _ekyc_place_n_provinces, NULL);
  return _ekyc_place_provinces[province].name;
}

int
_ekyc_place_province_of_district (int district)
{
  g_return_val_if_fail (district >= 0 && (guint) district < _ekyc_place_n_districts, -1);
  return _ekyc_place_districts[district].parent;
}
