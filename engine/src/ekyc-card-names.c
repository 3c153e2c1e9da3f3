/* ekyc-card-names.c — a printed name's words put right where OCR made them no Vietnamese syllable
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every word of a Vietnamese name is one syllable: an initial consonant from a short list, one
 * to three vowels, and a final from another short list. A display face's capitals misread
 * ("GIANG" read "GTANG", "LINH" read "LIXH", "PHẠM" read "PHXM", "LONG" read "LNG") or run
 * together ("TẠTHI") make words no syllable can be. Only those are touched: such a word becomes
 * the one common name syllable it is a single letter away from (a letter for a letter first:
 * OCR swaps a letter more often than it drops one), or the name syllables it splits into. A word
 * that is a syllable stays as read, common or not: a rare name is not corrected into a common one.
 * The list is the common syllables of Vietnamese family, middle and given names, not any card's.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>

#include "ekyc-card-names-private.h"
#include "ekyc-card-text-private.h"

static const char *const name_syllables[] = {
  /* family names */
  "NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "HUỲNH", "PHAN", "VŨ", "VÕ", "ĐẶNG", "BÙI", "ĐỖ",
  "HỒ", "NGÔ", "DƯƠNG", "LÝ", "ĐINH", "ĐOÀN", "LÂM", "TRỊNH", "TRƯƠNG", "LƯƠNG", "HÀ", "TẠ",
  "CAO", "CHU", "QUÁCH", "TÔ", "LƯU", "THÁI", "KIỀU", "VƯƠNG", "PHÙNG", "TĂNG", "TRIỆU", "ĐÀM",
  "KHÚC", "LẠI", "NÔNG", "MẠC", "HỨA", "DIỆP", "TÔN", "LÃ", "GIANG", "ÂU", "BẠCH", "ĐÀO",
  "NGHIÊM", "ÔNG", "THÂN", "TỐNG", "TỪ", "QUAN", "LỤC", "MÃ", "KHỔNG", "VI", "LA", "MAI",
  "TIÊU", "HẦU", "LỮ", "KIM", "LỤC", "MẠC", "NINH", "PHÍ", "TẤT", "TIẾT", "YÊN",
  /* middle and given names */
  "AN", "ANH", "ÁNH", "ÂN", "BA", "BÁ", "BẢO", "BẰNG", "BÍCH", "BÌNH", "BẮC", "CẢNH", "CHÂU",
  "CHI", "CHIẾN", "CHINH", "CHÍNH", "CÔNG", "CÚC", "CƯỜNG", "DANH", "DIỄM", "DIỆU", "DU", "DUNG",
  "DŨNG", "DUY", "DUYÊN", "ĐẠI", "ĐAN", "ĐĂNG", "ĐẠO", "ĐẠT", "ĐIỀN", "ĐIỆP", "ĐÌNH", "ĐỊNH",
  "ĐOAN", "ĐÔNG", "ĐỨC", "GẤM", "GIA", "HẠ", "HẢI", "HÂN", "HẠNH", "HÀO", "HẢO", "HẰNG", "HẬU",
  "HIỀN", "HIỂN", "HIỆP", "HIẾU", "HOA", "HÒA", "HOÀI", "HOÀN", "HỌC", "HỒNG", "HỢP", "HUÂN",
  "HUỆ", "HÙNG", "HUY", "HUYỀN", "HƯNG", "HƯƠNG", "HƯỜNG", "HỮU", "KHA", "KHẢI", "KHANG",
  "KHANH", "KHÁNH", "KHẮC", "KHOA", "KHÔI", "KHUÊ", "KHUYÊN", "KIÊN", "KIỆT", "LAN", "LỆ",
  "LIÊN", "LIỄU", "LINH", "LOAN", "LỘC", "LỢI", "LONG", "LUÂN", "LỤA", "LY", "MẠNH", "MẪN",
  "MINH", "MỸ", "MY", "NAM", "NGA", "NGÂN", "NGHĨA", "NGỌC", "NGUYÊN", "NHÃ", "NHÀN", "NHÂN",
  "NHẬT", "NHI", "NHIÊN", "NHUNG", "NHƯ", "OANH", "PHÁT", "PHI", "PHONG", "PHÚ", "PHÚC",
  "PHƯƠNG", "PHƯỢNG", "QUANG", "QUÂN", "QUẾ", "QUỐC", "QUÝ", "QUYÊN", "QUYẾT", "QUỲNH", "SANG",
  "SÁNG", "SĨ", "SƠN", "SƯƠNG", "TÀI", "TÂM", "TÂN", "THẠCH", "THẢO", "THANH", "THÀNH", "THẮNG",
  "THẾ", "THI", "THỊ", "THIÊN", "THIỆN", "THỊNH", "THOA", "THOẠI", "THƠ", "THU", "THUẬN",
  "THỦY", "THÙY", "THÚY", "THƯ", "THƯƠNG", "TIÊN", "TIẾN", "TÍN", "TÌNH", "TỐ", "TOÀN", "TRÂM",
  "TRANG", "TRÍ", "TRINH", "TRỌNG", "TRUNG", "TRƯỜNG", "TÚ", "TUẤN", "TÙNG", "TUYỀN", "TUYẾT",
  "TƯỜNG", "UYÊN", "VĂN", "VÂN", "VIỆT", "VINH", "VĨNH", "VY", "XUÂN", "XUYẾN", "YẾN",
};

/* Initial consonants, longest first */
static const char *const onsets[] = {
  "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
  "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
};
/* Finals, longest first */
static const char *const codas[] = { "ch", "ng", "nh", "c", "m", "n", "p", "t" };

/* Is @folded (lower case, no marks, đ as d) a Vietnamese syllable's spelling: an initial
 * consonant or none, one to three vowels (a glide's i, y, o, u among them), a final or none? */
static gboolean
is_syllable (const char *folded)
{
  const char *p = folded;
  const char *onset = "";
  int vowels = 0;

  for (guint i = 0; i < G_N_ELEMENTS (onsets); i++)
    if (g_str_has_prefix (p, onsets[i]))
      {
        onset = onsets[i];
        p += strlen (onsets[i]);
        break;
      }
  while (*p != '\0' && strchr ("aeiouy", *p) != NULL)
    {
      p++;
      vowels++;
    }
  /* "gì", "gìn": the i of gi is the vowel */
  if (vowels == 0 && g_str_equal (onset, "gi"))
    vowels = 1;
  if (vowels == 0)
    return FALSE;
  if (vowels > 3)
    return FALSE;
  if (*p == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (codas); i++)
    if (g_str_equal (p, codas[i]))
      return TRUE;
  return FALSE;
}

gboolean
_ekyc_card_name_is_syllable (const char *folded)
{
  g_return_val_if_fail (folded != NULL, FALSE);
  return is_syllable (folded);
}

/* The name syllables whose letters (without marks) are @folded; NULL when none. */
static const char *
spelt (const char *folded, const char *as_read)
{
  const char *best = NULL;
  guint best_d = G_MAXUINT;

  for (guint i = 0; i < G_N_ELEMENTS (name_syllables); i++)
    {
      g_autofree char *f = _ekyc_card_fold (name_syllables[i]);
      guint d;

      if (!g_str_equal (f, folded))
        continue;
      /* several spellings ("THU", "THỦ"…): the one nearest to the marks as read */
      d = _ekyc_card_edit_distance (as_read, name_syllables[i], 8);
      if (d < best_d)
        {
          best = name_syllables[i];
          best_d = d;
        }
    }
  return best;
}

/* @word split into name syllables ("TẠTHI" → "TẠ THI"), longest first part first; NULL when it
 * does not split so. (transfer full) */
static char *
split_syllables (const char *word, int depth)
{
  glong n = g_utf8_strlen (word, -1);

  if (depth > 3)
    return NULL;
  for (glong k = n - 1; k >= 1; k--)
    {
      const char *cut = g_utf8_offset_to_pointer (word, k);
      g_autofree char *left = g_strndup (word, (gsize) (cut - word));
      g_autofree char *left_folded = _ekyc_card_fold (left);
      g_autofree char *right_folded = _ekyc_card_fold (cut);
      g_autofree char *rest = NULL;

      if (spelt (left_folded, left) == NULL)
        continue;
      if (spelt (right_folded, cut) != NULL)
        return g_strconcat (left, " ", cut, NULL);
      rest = split_syllables (cut, depth + 1);
      if (rest != NULL)
        return g_strconcat (left, " ", rest, NULL);
    }
  return NULL;
}

char *
_ekyc_card_name_word_correct (const char *word)
{
  g_autofree char *folded = _ekyc_card_fold (word);
  gsize n = strlen (folded);
  const char *best = NULL;
  g_autofree char *best_folded = NULL;
  int best_rank = G_MAXINT;
  gboolean tie = FALSE;
  char *split;

  if (n == 0 || strchr (folded, ' ') != NULL || is_syllable (folded))
    return g_strdup (word);
  split = split_syllables (word, 0);
  if (split != NULL)
    return split;
  if (n < 2)
    return g_strdup (word);
  /* one letter away: a letter for a letter ranks before a letter dropped or added,
   * but for words of three letters or fewer */
  for (guint i = 0; i < G_N_ELEMENTS (name_syllables); i++)
    {
      g_autofree char *f = _ekyc_card_fold (name_syllables[i]);
      int rank;

      if (_ekyc_card_edit_distance (folded, f, 1) > 1)
        continue;
      /* a short word has many neighbours of each kind ("LNG": LONG, ÔNG): one in all */
      rank = strlen (f) == n || n <= 3 ? 0 : 1;
      if (rank < best_rank)
        {
          best_rank = rank;
          g_free (best_folded);
          best_folded = g_steal_pointer (&f);
          tie = FALSE;
        }
      else if (rank == best_rank && !g_str_equal (f, best_folded))
        tie = TRUE;
    }
  if (best_folded == NULL || tie)
    return g_strdup (word);
  best = spelt (best_folded, word);
  return g_strdup (best != NULL ? best : word);
}

char *
_ekyc_card_name_in_lines (char **lines, const char *letters)
{
  g_autofree char *want = _ekyc_card_fold (letters);
  guint n_want;
  g_auto(GStrv) want_words = NULL;

  if (lines == NULL || want[0] == '\0')
    return NULL;
  want_words = g_strsplit (want, " ", -1);
  n_want = g_strv_length (want_words);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);
      guint n = g_strv_length (words);

      for (guint start = 0; start + n_want <= n; start++)
        {
          gboolean same = TRUE;

          for (guint k = 0; k < n_want && same; k++)
            {
              g_autofree char *folded = _ekyc_card_fold (words[start + k]);
              same = g_str_equal (folded, want_words[k]);
            }
          /* the line's words that spell the name, not the rest of the line */
          if (same)
            {
              g_autofree char *joined = NULL;
              char *saved = words[start + n_want];

              words[start + n_want] = NULL;
              joined = g_strjoinv (" ", words + start);
              words[start + n_want] = saved;
              return g_utf8_normalize (joined, -1, G_NORMALIZE_NFC);
            }
        }
    }
  return NULL;
}
