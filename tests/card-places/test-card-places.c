/* test-card-places.c — addresses put right with the official list of administrative units
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Constructed readings of "ward, district, province" and "ward, province": a read one OCR slip
 * from the only near name of its tier under its parent is put right, a ward of another district
 * and a place the list lacks stay as read, case is put right in mixed-case fields only. Then the
 * factory's own places: every one is in the list, comes through unchanged, and comes back when
 * its district's last word loses its marks.
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "ekyc-card-places-private.h"
#include "ekyc-card-places-spelling.h"
#include "ekyc-card-places-units.h"
#include "ekyc-card-text-private.h"
#include "test-utils.h"

#define N_CARDS 16
#define SEED    "5353"

typedef struct { const char *read, *want; } Case;

static void
check_cases (const Case *cases, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *got = _ekyc_card_place_correct (cases[i].read);

      if (g_strcmp0 (got, cases[i].want) != 0)
        g_test_message ("read “%s”: want “%s”, got “%s”", cases[i].read, cases[i].want, got);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_spelling_one_tone_placement (void)
{
  static const Case cases[] = {
    { "Hoà Vang", "Hòa Vang" }, { "Thanh Thuỷ", "Thanh Thủy" }, { "Khoẻ", "Khỏe" },
    { "HOÀ BÌNH", "HÒA BÌNH" }, { "Hoàng Mai", "Hoàng Mai" }, { "Quý Lộc", "Quý Lộc" },
    { "Hòa Khánh Bắc", "Hòa Khánh Bắc" }, { " Hải Châu  I ", "Hải Châu I" },
    { "Thuỵ Phương", "Thụy Phương" }, { "Quỳ Hợp", "Quỳ Hợp" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = _ekyc_place_spelling (cases[i].read);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

/* The table the build made from the list: whole, linked, and spelt one way. */
static void
test_table_is_the_whole_list (void)
{
  int nghe_an = _ekyc_place_province_index ("Nghệ An");
  int hcm = _ekyc_place_province_index ("TP. Hồ Chí Minh");
  int hue = _ekyc_place_province_index ("Huế");
  int vinh;

  g_assert_cmpuint (_ekyc_place_n_provinces, ==, 63);
  g_assert_cmpuint (_ekyc_place_n_districts, >, 690);
  g_assert_cmpuint (_ekyc_place_n_wards, >, 10000);
  g_assert_cmpint (nghe_an, >=, 0);
  g_assert_cmpint (hcm, >=, 0);
  g_assert_cmpint (hue, ==, _ekyc_place_province_index ("Thừa Thiên Huế"));
  g_assert_cmpint (_ekyc_place_province_index ("Atlantis"), ==, -1);
  vinh = _ekyc_place_district_of ("Thành phố Vinh", nghe_an);
  g_assert_cmpint (vinh, >=, 0);
  g_assert_cmpint (_ekyc_place_province_of_district (vinh), ==, nghe_an);
  g_assert_cmpint (_ekyc_place_district_of ("Phường Vinh", nghe_an), ==, -1);
  /* every unit's parent lists it among its children */
  for (guint i = 0; i < _ekyc_place_n_wards; i++)
    {
      const EkycPlaceUnit *d = &_ekyc_place_districts[_ekyc_place_wards[i].parent];
      g_assert_cmpuint (i, >=, d->first_child);
      g_assert_cmpuint (i, <, (guint) d->first_child + d->n_children);
    }
  for (guint i = 0; i < _ekyc_place_n_districts; i++)
    {
      g_autofree char *spelt = _ekyc_place_spelling (_ekyc_place_districts[i].name);
      g_assert_cmpstr (spelt, ==, _ekyc_place_districts[i].name);
    }
}

static void
test_one_slip_put_right (void)
{
  static const Case cases[] = {
    /* a ward, a district, a district's marks */
    { "Hưng Bìnk, Vinh, Nghệ An", "Hưng Bình, Vinh, Nghệ An" },
    { "Cẩm Trung, Cần Phả, Quảng Ninh", "Cẩm Trung, Cẩm Phả, Quảng Ninh" },
    { "Ba Hàng, Phố Yên, Thái Nguyên", "Ba Hàng, Phổ Yên, Thái Nguyên" },
    { "Máy Tơ, Ngô Quyên, Hải Phòng", "Máy Tơ, Ngô Quyền, Hải Phòng" },
    /* in a residence: the street stays, the unit words stay as read */
    { "Số 12 Lê Lợi, Phường Hưng Bìnk, Thành phố Vinh, Nghệ An",
      "Số 12 Lê Lợi, Phường Hưng Bình, Thành phố Vinh, Nghệ An" },
    { "Tổ 3, Xã Giao Thiên, Huyện Giao Thủy, Nam Định",
      "Tổ 3, Xã Giao Thiện, Huyện Giao Thủy, Nam Định" },
    /* the first letters of a line lost at the crop's edge */
    { "ân An, Long Khánh, Đồng Nai", "Xuân An, Long Khánh, Đồng Nai" },
    /* two tiers: a ward of the province */
    { "Phường Hiệp Bình Chánk, TP. Hồ Chí Minh", "Phường Hiệp Bình Chánh, TP. Hồ Chí Minh" },
    /* the province, part of it lost, told by its district */
    { "Hưng Bình, Vinh, Nghệ", "Hưng Bình, Vinh, Nghệ An" },
    { "Mỹ Long, Long Xuyên, Giang", "Mỹ Long, Long Xuyên, An Giang" },
    /* the province lost: the only district of that name with that ward */
    { "Mỹ Long, Long Xuyên", "Mỹ Long, Long Xuyên, An Giang" },
    /* after a province the list confirms, nothing belongs to the address */
    { "Phú Cường, Thủ Dầu Một, Bình Dương, 1405/2025", "Phú Cường, Thủ Dầu Một, Bình Dương" },
    /* lines read twice before the ward */
    { "Thanh Hóa, Thanh Hóa, Điện Biên, Thanh Hóa, Thanh Hóa", "Điện Biên, Thanh Hóa, Thanh Hóa" },
    { "m Trung, Cẩm Phả, Quảng Ninh, m Trung, Cẩm Phả, Quảng Ninh",
      "Cẩm Trung, Cẩm Phả, Quảng Ninh" },
    /* the comma before the province lost (two pieces of a line joined) */
    { "Tổ 1, Xã Nam Giang, Huyện Nam Đàn Nghệ An", "Tổ 1, Xã Nam Giang, Huyện Nam Đàn, Nghệ An" },
    /* a speck read as two letters before the ward */
    { "ST., An Mỹ, Tam Kỳ, Quảng Nam", "An Mỹ, Tam Kỳ, Quảng Nam" },
    /* a label's English twin one slip from "Place" */
    { "Ploce, Lê Lợi, Quy Nhơn, Bình Định", "Lê Lợi, Quy Nhơn, Bình Định" },
    /* ...and alone it is no place at all */
    { "Place", NULL },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_case_put_right_in_mixed_case (void)
{
  static const Case cases[] = {
    { "MỸ Long, Long Xuyên, An Giang", "Mỹ Long, Long Xuyên, An Giang" },
    /* printed in capitals: kept in capitals, marks put right */
    { "MỸ LONG, LONG XUYÊN, AN GIANG", "MỸ LONG, LONG XUYÊN, AN GIANG" },
    { "MỸ LONG, LONG XUYEN, AN GIANG", "MỸ LONG, LONG XUYÊN, AN GIANG" },
    { "PHƯỜNG MỸ LONG, THÀNH PHỐ LONG XUYÊN, AN GIANG",
      "PHƯỜNG MỸ LONG, THÀNH PHỐ LONG XUYÊN, AN GIANG" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_as_read_when_not_sure (void)
{
  static const Case cases[] = {
    /* a ward of another district, one slip from a ward of this one: the card may say so */
    { "Hương Bình, Vinh, Nghệ An", "Hương Bình, Vinh, Nghệ An" },
    { "Phường Quảng Tùng, Thành phố Vinh, Nghệ An", "Phường Quảng Tùng, Thành phố Vinh, Nghệ An" },
    /* places the list lacks */
    { "Phường Sao Mai, Thành phố Vinh, Nghệ An", "Phường Sao Mai, Thành phố Vinh, Nghệ An" },
    { "Tổ 5, Khu Alpha, Hà Nội", "Tổ 5, Khu Alpha, Hà Nội" },
    { "Xã Hòa Bình Tây, An Giang", "Xã Hòa Bình Tây, An Giang" },
    /* the older placement of the tone mark, as printed */
    { "Hoà Khánh Bắc, Liên Chiểu, Đà Nẵng", "Hoà Khánh Bắc, Liên Chiểu, Đà Nẵng" },
    { "Đông Hải, Thanh Hoá", "Đông Hải, Thanh Hoá" },
    /* a district's number is no slip away from another number */
    { "Phường 8, Quận 1, TP. Hồ Chí Minh", "Phường 8, Quận 1, TP. Hồ Chí Minh" },
    /* a street before the ward stays, short or not */
    { "Tổ 5, Phường An Mỹ, Thành phố Tam Kỳ, Quảng Nam",
      "Tổ 5, Phường An Mỹ, Thành phố Tam Kỳ, Quảng Nam" },
    { "12, Phường An Mỹ, Thành phố Tam Kỳ, Quảng Nam",
      "12, Phường An Mỹ, Thành phố Tam Kỳ, Quảng Nam" },
    /* too short to tell */
    { "Ab, Vinh, Nghệ An", "Ab, Vinh, Nghệ An" },
    /* no province: left alone */
    { "Thôn 1, Hà Nai", "Thôn 1, Hà Nai" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* ---- the factory's places ---------------------------------------------------------------- */

static char *cards_dir;

static char *
without_marks (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
without_marks_last_word (const char *part)
{
  const char *last = strrchr (part, ' ');
  g_autofree char *bare = NULL;

  last = last != NULL ? last + 1 : part;
  bare = without_marks (last);
  return g_strdup_printf ("%.*s%s", (int) (last - part), part, bare);
}

static void
test_factory_places (void)
{
  guint n_marks_lost = 0, n_marks_back = 0;

  if (cards_dir == NULL)
    {
      g_test_skip ("the card factory did not run");
      return;
    }
  for (int i = 0; i < N_CARDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04d.json", i);
      g_autofree char *path = g_build_filename (cards_dir, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *truth;
      const char *fields[] = { "place_of_origin", "place_of_residence" };

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      truth = json_node_get_object (json_parser_get_root (parser));
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const char *want = json_object_get_string_member (truth, fields[f]);
          g_autofree char *same = _ekyc_card_place_correct (want);
          g_auto(GStrv) parts = g_strsplit (want, ", ", -1);
          guint n = g_strv_length (parts);
          int province = _ekyc_place_province_index (parts[n - 1]);
          g_autofree char *bare_district = NULL;

          /* the truth comes through as it is, and the list knows its units */
          g_assert_cmpstr (same, ==, want);
          g_assert_cmpint (province, >=, 0);
          g_assert_cmpint (_ekyc_place_district_of (parts[n - 2], province), >=, 0);
          /* the district's last word read without its marks comes back */
          bare_district = without_marks_last_word (parts[n - 2]);
          if (!g_str_equal (bare_district, parts[n - 2]))
            {
              g_autofree char *read = NULL;
              g_autofree char *got = NULL;

              g_free (parts[n - 2]);
              parts[n - 2] = g_steal_pointer (&bare_district);
              read = g_strjoinv (", ", parts);
              got = _ekyc_card_place_correct (read);
              n_marks_lost++;
              if (g_strcmp0 (got, want) == 0)
                n_marks_back++;
              else
                g_test_message ("%s: “%s” came back as “%s”", name, read, got);
            }
        }
    }
  g_test_message ("districts read without marks: %u, put right: %u", n_marks_lost, n_marks_back);
  g_assert_cmpuint (n_marks_lost, >, 5);
  g_assert_cmpuint (n_marks_back, ==, n_marks_lost);
}

int
main (int argc, char **argv)
{
  g_autofree char *root = NULL;
  int status;

  ekyc_test_init (&argc, &argv);
  root = g_dir_make_tmp ("card-places-XXXXXX", NULL);
  g_assert_nonnull (root);
  cards_dir = g_build_filename (root, "clean", NULL);
  if (!ekyc_test_make_cards (cards_dir, N_CARDS, "clean", SEED))
    g_clear_pointer (&cards_dir, g_free);

  g_test_add_func ("/card-places/spelling/one-tone-placement", test_spelling_one_tone_placement);
  g_test_add_func ("/card-places/table/is-the-whole-list", test_table_is_the_whole_list);
  g_test_add_func ("/card-places/snap/one-slip-put-right", test_one_slip_put_right);
  g_test_add_func ("/card-places/snap/case-put-right-in-mixed-case",
                   test_case_put_right_in_mixed_case);
  g_test_add_func ("/card-places/snap/as-read-when-not-sure", test_as_read_when_not_sure);
  g_test_add_func ("/card-places/factory/places-in-the-list", test_factory_places);
  status = g_test_run ();

  ekyc_test_remove_tree (root);
  return status;
}
