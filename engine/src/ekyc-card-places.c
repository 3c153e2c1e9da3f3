/* ekyc-card-places.c — addresses read from a card, put right with the official names
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An address printed on a card ends with its province, one of a short public list: the 63
 * provinces and cities before the 2025 merger and the 34 after it (Nghị quyết 202/2025/QH15).
 * So the last part of an address that is one OCR slip from a province name is that name, as
 * officially spelt, and what OCR adds after it (a speck read as "4" or "sử") is not part of the
 * address. The administrative words that open a part ("Huyện", "Phường", "Thị trấn"…) are a
 * closed list too. The province found, its district and ward are put right with the General
 * Statistics Office's list (ekyc-card-places-units.c), and the province itself is told by them
 * when OCR lost part of it ("Nghệ" for "Nghệ An"). Nothing here knows any card's truth: only
 * the law's names.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>

#include "ekyc-card-places-private.h"
#include "ekyc-card-places-spelling.h"
#include "ekyc-card-text-private.h"

/* Both lists in one: the 63 of 2008–2025 and the 34 of 2025 (all but "Huế" are in the 63). */
static const char *const provinces[] = {
  "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
  "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng",
  "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
  "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
  "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
  "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
  "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
  "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Thành phố Hồ Chí Minh",
  "Hồ Chí Minh", "TP. Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
  "Huế", "Thành phố Huế",
};

/* Words that open a part of an address, as spelt; matched without their marks. */
static const char *const unit_words[] = {
  "Thành phố", "Thị trấn", "Thị xã", "Phường", "Huyện", "Quận", "Xã", "Thôn", "Xóm", "Khối",
  "Ấp", "Tổ", "Số", "Khu phố", "Tỉnh",
};

gboolean
_ekyc_card_place_opens_with_unit (const char *part)
{
  g_autofree char *folded = _ekyc_card_fold (part);

  for (guint i = 0; i < G_N_ELEMENTS (unit_words); i++)
    {
      g_autofree char *word = _ekyc_card_fold (unit_words[i]);
      gsize n = strlen (word);

      if (strncmp (folded, word, n) == 0 && (folded[n] == ' ' || folded[n] == '\0'))
        return TRUE;
    }
  return FALSE;
}

/* The number of letters and digits in @folded (spaces not counted). */
static guint
n_letters (const char *folded)
{
  guint n = 0;

  for (const char *p = folded; *p; p++)
    n += *p != ' ';
  return n;
}

/* The province @part is, allowing one OCR slip (two where the read or the name has eight
 * letters or more) and no tie between two names; NULL if none. */
static const char *
province_for (const char *part)
{
  g_autofree char *folded = _ekyc_card_fold (part);
  guint best = G_MAXUINT;
  const char *found = NULL;
  gboolean tie = FALSE;

  if (n_letters (folded) < 3)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    {
      g_autofree char *name = _ekyc_card_fold (provinces[i]);
      guint cap = MAX (n_letters (folded), n_letters (name)) >= 8 ? 2 : 1;
      guint d = _ekyc_card_edit_distance (folded, name, cap);

      if (d > cap)
        continue;
      if (d < best)
        {
          best = d;
          found = provinces[i];
          tie = FALSE;
        }
      else if (d == best)
        tie = TRUE;
    }
  return tie ? NULL : found;
}

/* "Huyên Tuy Phước" → "Huyện Tuy Phước": the opening unit word spelt right, when more words
 * follow it (a lone "Tổ" or a place called "Quan Hóa" stays as read: only a unit word that is
 * followed by a name or number is one). In capitals when the address is. */
static char *
fix_unit_word (const char *part, gboolean upper)
{
  g_auto(GStrv) words = g_strsplit (part, " ", -1);
  guint n = g_strv_length (words);

  for (guint i = 0; i < G_N_ELEMENTS (unit_words); i++)
    {
      g_auto(GStrv) unit = g_strsplit (unit_words[i], " ", -1);
      guint k = g_strv_length (unit);
      gboolean same = n > k;

      for (guint j = 0; j < k && same; j++)
        {
          g_autofree char *a = _ekyc_card_fold (words[j]);
          g_autofree char *b = _ekyc_card_fold (unit[j]);
          g_autofree char *lower = g_utf8_strdown (words[j], -1);
          g_autofree char *unit_lower = g_utf8_strdown (unit[j], -1);

          same = g_str_equal (a, b);
          /* "Quan" as read, with no mark at all, may be a name: only a marked misreading of
           * a marked unit word is put right */
          same = same && (g_str_equal (lower, unit_lower) || !g_str_equal (lower, a));
        }
      if (same)
        {
          g_autofree char *unit_upper = g_utf8_strup (unit_words[i], -1);
          GString *out = g_string_new (upper ? unit_upper : unit_words[i]);

          for (guint j = k; j < n; j++)
            g_string_append_printf (out, " %s", words[j]);
          return g_string_free (out, FALSE);
        }
    }
  return g_strdup (part);
}

/* Is @folded the garbled English twin of a place label ("Place oƒ bit", "?|ace of orIgin",
 * "Ploce")? */
static gboolean
is_label_twin (const char *folded)
{
  static const char *const twins[] = { "place of origin", "place of birth", "place of residence" };
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_equal (words[i], "of") || _ekyc_card_edit_distance (words[i], "place", 1) <= 1)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
    {
      guint cap = (guint) strlen (twins[i]) * 2 / 5;
      if (_ekyc_card_edit_distance (folded, twins[i], cap) <= cap)
        return TRUE;
    }
  return FALSE;
}

/* After the province: only specks, a few letters or digits read from the print around, or the
 * next label run into the value ("Nơi thường trú", "trú / Piace of residence")? */
static gboolean
is_junk (const char *part)
{
  static const char *const label_words[] = { "tru", "place", "iace", "residence", "origin",
                                              "birth", "dang ky", "khai sinh" };
  g_autofree char *folded = _ekyc_card_fold (part);

  for (guint k = 0; k < G_N_ELEMENTS (label_words); k++)
    if (strstr (folded, label_words[k]) != NULL)
      return TRUE;
  return n_letters (folded) <= 3;
}

/* Are the words of @folded the first or the last words of @name_folded, not all of them
 * ("nghe" of "nghe an", "giang" of "an giang")? */
static gboolean
is_part_of_name (const char *folded, const char *name_folded)
{
  gsize n = strlen (folded), m = strlen (name_folded);

  if (n < 3 || n >= m)
    return FALSE;
  return (strncmp (name_folded, folded, n) == 0 && name_folded[n] == ' ')
         || (strcmp (name_folded + m - n, folded) == 0 && name_folded[m - n - 1] == ' ');
}

/* Of the provinces @part may be (one or two slips away, or part of the name lost), the only
 * one whose district the part before it is; NULL if none or several. */
static const char *
province_told_by_district (const char *part, const char *before)
{
  g_autofree char *folded = _ekyc_card_fold (part);
  const char *found = NULL;
  int found_index = -1;

  if (n_letters (folded) < 3)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    {
      g_autofree char *name = _ekyc_card_fold (provinces[i]);
      guint cap = MAX (n_letters (folded), n_letters (name)) >= 8 ? 2 : 1;
      int index;

      if (_ekyc_card_edit_distance (folded, name, cap) > cap && !is_part_of_name (folded, name))
        continue;
      index = _ekyc_place_province_index (provinces[i]);
      if (index < 0 || index == found_index || _ekyc_place_district_of (before, index) < 0)
        continue;
      if (found != NULL)
        return NULL;
      found = provinces[i];
      found_index = index;
    }
  return found;
}

/* The part of @kept that is the province, and which (*province): from the end, the first
 * that the part before it confirms as a district of it; else the last part, or the last
 * before specks, that is a province by its name alone. -1 if none. */
static int
find_province (GPtrArray *kept, const char **province)
{
  int fallback = -1;
  const char *fallback_name = NULL;
  gboolean junk_after = TRUE;

  for (int i = (int) kept->len - 1; i >= 0; i--)
    {
      const char *part = g_ptr_array_index (kept, i);
      const char *name = province_for (part);

      if (i > 0)
        {
          const char *before = g_ptr_array_index (kept, i - 1);

          if (name != NULL && _ekyc_place_district_of (before,
                                                       _ekyc_place_province_index (name)) >= 0)
            {
              *province = name;
              return i;
            }
          if (name == NULL && (name = province_told_by_district (part, before)) != NULL)
            {
              *province = name;
              return i;
            }
        }
      if (name != NULL && junk_after && fallback < 0)
        {
          fallback = i;
          fallback_name = name;
        }
      junk_after = junk_after && is_junk (part);
    }
  *province = fallback_name;
  return fallback;
}

/* An address whose province OCR lost: when its last part is a district that only one province
 * has, with the ward before it, that province is put back at the end. -1 if not. */
static int
append_province (GPtrArray *kept, const char **province)
{
  int district;

  if (kept->len < 2)
    return -1;
  district = _ekyc_place_district_for (g_ptr_array_index (kept, kept->len - 1),
                                       g_ptr_array_index (kept, kept->len - 2));
  if (district < 0)
    return -1;
  *province = _ekyc_place_province_name (_ekyc_place_province_of_district (district));
  g_ptr_array_add (kept, g_strdup (*province));
  return (int) kept->len - 1;
}

/* The part at @at spelt as the province @province is, unless it is that name but for the
 * placement of a tone mark ("Thanh Hoá"): printed so, read so. */
static void
set_province (GPtrArray *kept, guint at, const char *province, gboolean upper)
{
  g_autofree char *read = _ekyc_place_spelling (g_ptr_array_index (kept, at));
  g_autofree char *name = upper ? g_utf8_strup (province, -1) : g_strdup (province);
  g_autofree char *name_spelt = _ekyc_place_spelling (name);

  if (g_str_equal (read, name_spelt))
    return;
  g_free (kept->pdata[at]);
  kept->pdata[at] = g_steal_pointer (&name);
}

/* Is @folded @name again, or its end ("m trung" of "cam trung": a line read twice, once cut)? */
static gboolean
is_repeat_of (const char *folded, const char *name)
{
  gsize n = strlen (folded), m = strlen (name);

  if (n == m)
    return g_str_equal (folded, name);
  return n >= 4 && n < m && g_str_equal (name + m - n, folded) && name[m - n - 1] != ' ';
}

/* "Thanh Hóa, Thanh Hóa, Điện Biên, Thanh Hóa, Thanh Hóa", "m Trung, Cẩm Trung, Cẩm Phả…":
 * lines read twice. Right before a ward the list confirms, a part that is the ward's, the
 * district's or the province's name again (or the end of it) goes, and so does a first part
 * of two letters or fewer and no digit ("ST."): no street, village or house is that. */
static void
drop_repeats_before_ward (GPtrArray *kept, guint province_at)
{
  g_autofree char *ward = _ekyc_card_fold (g_ptr_array_index (kept, province_at - 2));
  g_autofree char *district = _ekyc_card_fold (g_ptr_array_index (kept, province_at - 1));
  g_autofree char *province = _ekyc_card_fold (g_ptr_array_index (kept, province_at));
  guint ward_at = province_at - 2;

  while (ward_at > 0)
    {
      g_autofree char *folded = _ekyc_card_fold (g_ptr_array_index (kept, ward_at - 1));

      if (!is_repeat_of (folded, ward) && !is_repeat_of (folded, district)
          && !is_repeat_of (folded, province))
        break;
      g_ptr_array_remove_index (kept, ward_at - 1);
      ward_at--;
    }
  if (ward_at == 1)
    {
      g_autofree char *folded = _ekyc_card_fold (g_ptr_array_index (kept, 0));

      if (n_letters (folded) <= 2 && strpbrk (folded, "0123456789") == NULL)
        g_ptr_array_remove_index (kept, 0);
    }
}

/* @words joined by spaces in two: before word @k into *@left, from it into *@right. */
static void
join_split (char **words, guint k, char **left, char **right)
{
  char *saved = words[k];

  words[k] = NULL;
  *left = g_strjoinv (" ", words);
  words[k] = saved;
  *right = g_strjoinv (" ", words + k);
}

/* Part @at of @kept, whose words are @words, made two parts: before word @k and from it. */
static void
split_part (GPtrArray *kept, guint at, char **words, guint k)
{
  char *left, *right;

  join_split (words, k, &left, &right);
  g_free (kept->pdata[at]);
  kept->pdata[at] = left;
  g_ptr_array_insert (kept, (int) at + 1, right);
}

/* An address whose last comma the OCR lost ("Huyện Nam Đàn Nghệ An": two pieces of a line
 * joined): the last part split at the one word boundary where its end is a province and its
 * start a district of it. The province's index in @kept, or -1. */
static int
split_province_off (GPtrArray *kept, const char **province)
{
  g_auto(GStrv) words = NULL;
  guint n, found = 0, n_found = 0;
  const char *found_name = NULL;

  if (kept->len == 0)
    return -1;
  words = g_strsplit (g_ptr_array_index (kept, kept->len - 1), " ", -1);
  n = g_strv_length (words);
  for (guint k = 1; k < n; k++)
    {
      g_autofree char *left = NULL, *right = NULL;
      const char *name;

      join_split (words, k, &left, &right);
      name = province_for (right);
      if (name == NULL || _ekyc_place_district_of (left, _ekyc_place_province_index (name)) < 0)
        continue;
      found = k;
      found_name = name;
      n_found++;
    }
  if (n_found != 1)
    return -1;
  split_part (kept, kept->len - 1, words, found);
  *province = found_name;
  return (int) kept->len - 1;
}

/* The part before the province at @province_at of @kept that is two parts whose comma the OCR
 * lost ("Điện Biên thanh Hóa": two pieces of a line joined): split at the one word boundary
 * where the list confirms both, the district and its ward. TRUE when split (and snapped). */
static gboolean
split_lost_comma (GPtrArray *kept, guint province_at, int province, gboolean upper)
{
  g_auto(GStrv) words = NULL;
  guint n, found = 0, n_found = 0;

  if (province_at == 0)
    return FALSE;
  words = g_strsplit (g_ptr_array_index (kept, province_at - 1), " ", -1);
  n = g_strv_length (words);
  for (guint k = 1; k < n && n_found < 2; k++)
    {
      g_autoptr(GPtrArray) trial = g_ptr_array_new_with_free_func (g_free);
      char *left, *right;

      for (guint i = 0; i + 1 < province_at; i++)
        g_ptr_array_add (trial, g_strdup (g_ptr_array_index (kept, i)));
      join_split (words, k, &left, &right);
      g_ptr_array_add (trial, left);
      g_ptr_array_add (trial, right);
      g_ptr_array_add (trial, g_strdup (g_ptr_array_index (kept, province_at)));
      if (_ekyc_place_snap_units (trial, province_at + 1, province, upper) == 2)
        {
          found = k;
          n_found++;
        }
    }
  if (n_found != 1)
    return FALSE;
  split_part (kept, province_at - 1, words, found);
  return _ekyc_place_snap_units (kept, province_at + 1, province, upper) == 2;
}

char *
_ekyc_card_place_correct_counted (const char *address, guint *confirmed_out)
{
  g_auto(GStrv) parts = NULL;
  GPtrArray *kept;
  int province_at;
  const char *province = NULL;
  gboolean upper;
  GString *out;

  if (address == NULL)
    return NULL;
  upper = _ekyc_card_text_is_upper_case (address);
  parts = g_strsplit (address, ",", -1);
  kept = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;
      char *part = g_strstrip (parts[i]);

      if (part[0] == '\0')
        continue;
      folded = _ekyc_card_fold (part);
      if (kept->len == 0 && is_label_twin (folded))
        continue;
      g_ptr_array_add (kept, fix_unit_word (part, upper));
    }
  province_at = find_province (kept, &province);
  if (province_at < 0)
    province_at = split_province_off (kept, &province);
  if (province_at < 0)
    province_at = append_province (kept, &province);
  if (province_at >= 0)
    {
      guint confirmed;

      set_province (kept, (guint) province_at, province, upper);
      confirmed = _ekyc_place_snap_units (kept, (guint) province_at,
                                          _ekyc_place_province_index (province), upper);
      if (confirmed == 0 && split_lost_comma (kept, (guint) province_at,
                                              _ekyc_place_province_index (province), upper))
        {
          province_at++;
          confirmed = 2;
        }
      if (confirmed_out != NULL)
        *confirmed_out = 1 + confirmed;
      /* after a province the list confirms, nothing is part of the address; after one it
       * does not, only specks, a few letters or digits read from the print around, or the
       * next label run into the value ("Nơi thường trú", "trú / Piace of residence") */
      g_ptr_array_set_size (kept, (guint) province_at + 1);
      if (confirmed == 2)
        drop_repeats_before_ward (kept, (guint) province_at);
    }
  out = g_string_new (NULL);
  for (guint i = 0; i < kept->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (kept, i));
  g_ptr_array_unref (kept);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
_ekyc_card_place_correct (const char *address)
{
  return _ekyc_card_place_correct_counted (address, NULL);
}
