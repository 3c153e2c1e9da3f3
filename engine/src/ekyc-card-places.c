/* ekyc-card-places.c — addresses read from a card, put right with the official province names
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An address printed on a card ends with its province, one of a short public list: the 63
 * provinces and cities before the 2025 merger and the 34 after it (Nghị quyết 202/2025/QH15).
 * So the last part of an address that is one OCR slip from a province name is that name, as
 * officially spelt, and what OCR adds after it (a speck read as "4" or "sử") is not part of the
 * address. The administrative words that open a part ("Huyện", "Phường", "Thị trấn"…) are a
 * closed list too. Nothing here knows any card's truth: only the law's names.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>

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

/* The same names in the older placement of the tone mark ("Hoà" for "Hòa"): printed on some
 * cards, so read as they are, not changed. */
static const char *const older_spellings[] = {
  "Hoà Bình", "Khánh Hoà", "Thanh Hoá",
};

/* Words that open a part of an address, as spelt; matched without their marks. */
static const char *const unit_words[] = {
  "Thành phố", "Thị trấn", "Thị xã", "Phường", "Huyện", "Quận", "Xã", "Thôn", "Xóm", "Khối",
  "Ấp", "Tổ", "Số", "Khu phố", "Tỉnh",
};

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

static gboolean
is_older_spelling (const char *part)
{
  for (guint i = 0; i < G_N_ELEMENTS (older_spellings); i++)
    if (g_str_equal (part, older_spellings[i]))
      return TRUE;
  return FALSE;
}

/* "Huyên Tuy Phước" → "Huyện Tuy Phước": the opening unit word spelt right, when more words
 * follow it (a lone "Tổ" or a place called "Quan Hóa" stays as read: only a unit word that is
 * followed by a name or number is one). */
static char *
fix_unit_word (const char *part)
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
          GString *out = g_string_new (unit_words[i]);

          for (guint j = k; j < n; j++)
            g_string_append_printf (out, " %s", words[j]);
          return g_string_free (out, FALSE);
        }
    }
  return g_strdup (part);
}

/* Is @folded the garbled English twin of a place label ("Place oƒ bit", "?|ace of orIgin")? */
static gboolean
is_label_twin (const char *folded)
{
  static const char *const twins[] = { "place of origin", "place of birth", "place of residence" };
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_equal (words[i], "of") || g_str_equal (words[i], "place"))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
    {
      guint cap = (guint) strlen (twins[i]) * 2 / 5;
      if (_ekyc_card_edit_distance (folded, twins[i], cap) <= cap)
        return TRUE;
    }
  return FALSE;
}

char *
_ekyc_card_place_correct (const char *address)
{
  g_auto(GStrv) parts = NULL;
  GPtrArray *kept;
  int province_at = -1;
  GString *out;

  if (address == NULL)
    return NULL;
  parts = g_strsplit (address, ",", -1);
  kept = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;
      char *part = g_strstrip (parts[i]);

      if (part[0] == '\0')
        continue;
      folded = _ekyc_card_fold (part);
      if (kept->len == 0 && parts[i + 1] != NULL && is_label_twin (folded))
        continue;
      g_ptr_array_add (kept, fix_unit_word (part));
    }
  for (int i = (int) kept->len - 1; i >= 0 && province_at < 0; i--)
    {
      const char *part = g_ptr_array_index (kept, i);
      const char *province = province_for (part);

      if (province == NULL)
        continue;
      province_at = i;
      if (!g_str_equal (part, province) && !is_older_spelling (part))
        {
          g_free (kept->pdata[i]);
          kept->pdata[i] = g_strdup (province);
        }
    }
  /* after the province: only specks, a few letters or digits read from the print around, or
   * the next label run into the value ("Nơi thường trú", "trú / Piace of residence") */
  if (province_at >= 0)
    for (guint i = (guint) province_at + 1; i < kept->len;)
      {
        static const char *const label_words[] = { "tru", "place", "iace", "residence", "origin",
                                                    "birth", "dang ky", "khai sinh" };
        g_autofree char *folded = _ekyc_card_fold (g_ptr_array_index (kept, i));
        gboolean label = FALSE;

        for (guint k = 0; k < G_N_ELEMENTS (label_words) && !label; k++)
          label = strstr (folded, label_words[k]) != NULL;
        if (n_letters (folded) <= 3 || label)
          g_ptr_array_remove_index (kept, i);
        else
          i++;
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
