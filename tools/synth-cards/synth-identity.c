/* synth-identity.c — fictional, self-consistent Vietnamese citizens and their card data
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Rules followed (public sources, see tools/synth-cards/README.md):
 *  - the 12-digit number: province code of the birth registration (Thông tư 07/2016/TT-BCA,
 *    annex 1), then century/sex (0/1 male/female 1900s, 2/3 2000s), the birth year's last two
 *    digits, six random digits;
 *  - a card is renewed at 25, 40 and 60; one issued within two years before such an age is
 *    valid until the next one; from 58 on it has no expiry ("Không thời hạn");
 *  - the QR payload of the chip-based cards: number|old number|name|ddmmyyyy|Nam/Nữ|residence|
 *    ddmmyyyy of issue;
 *  - ICAO 9303 TD1 with the full 12-digit number in the first optional-data field, followed by
 *    "<<" and the number's own check digit (the layout engine/src/ekyc-mrz.c documents).
 */
#define G_LOG_DOMAIN "synth-cards"

#include "config.h"

#include <string.h>

#include "synth-identity.h"

typedef struct {
  const char *code;
  const char *name;          /* as printed at the end of an address */
  const char *places[6];     /* "Ward|District", NULL-terminated */
} Province;

/* Codes checked against Thông tư 07/2016/TT-BCA, annex 1 (63 provinces before the 2025 merger). */
static const Province provinces[] = {
  { "001", "Hà Nội", { "Phường Dịch Vọng|Quận Cầu Giấy", "Phường Láng Hạ|Quận Đống Đa",
                       "Phường Ngọc Hà|Quận Ba Đình", "Xã Kim Chung|Huyện Đông Anh" } },
  { "019", "Thái Nguyên", { "Phường Hoàng Văn Thụ|Thành phố Thái Nguyên",
                            "Phường Ba Hàng|Thành phố Phổ Yên" } },
  { "022", "Quảng Ninh", { "Phường Hồng Hải|Thành phố Hạ Long",
                           "Phường Cẩm Trung|Thành phố Cẩm Phả", "Xã Quảng Minh|Huyện Hải Hà" } },
  { "027", "Bắc Ninh", { "Phường Suối Hoa|Thành phố Bắc Ninh", "Phường Đình Bảng|Thành phố Từ Sơn",
                         "Xã Phật Tích|Huyện Tiên Du" } },
  { "031", "Hải Phòng", { "Phường Máy Tơ|Quận Ngô Quyền", "Phường Trại Chuối|Quận Hồng Bàng",
                          "Xã An Hồng|Huyện An Dương" } },
  { "034", "Thái Bình", { "Phường Kỳ Bá|Thành phố Thái Bình", "Xã Vũ Hội|Huyện Vũ Thư" } },
  { "036", "Nam Định", { "Phường Trần Hưng Đạo|Thành phố Nam Định", "Xã Hải Minh|Huyện Hải Hậu",
                         "Xã Giao Thiện|Huyện Giao Thủy" } },
  { "038", "Thanh Hóa", { "Phường Điện Biên|Thành phố Thanh Hóa", "Xã Hoằng Đạt|Huyện Hoằng Hóa",
                          "Phường Bắc Sơn|Thị xã Bỉm Sơn" } },
  { "040", "Nghệ An", { "Phường Hưng Bình|Thành phố Vinh", "Xã Diễn Kim|Huyện Diễn Châu",
                        "Xã Nam Giang|Huyện Nam Đàn" } },
  { "042", "Hà Tĩnh", { "Phường Trần Phú|Thành phố Hà Tĩnh", "Xã Thạch Long|Huyện Thạch Hà" } },
  { "046", "Thừa Thiên Huế", { "Phường Phú Hội|Thành phố Huế", "Phường Hương Sơ|Thành phố Huế" } },
  { "048", "Đà Nẵng", { "Phường Hải Châu I|Quận Hải Châu", "Phường An Hải Bắc|Quận Sơn Trà",
                        "Xã Hòa Phú|Huyện Hòa Vang", "Phường Hòa Khánh Bắc|Quận Liên Chiểu" } },
  { "049", "Quảng Nam", { "Phường Minh An|Thành phố Hội An", "Phường An Mỹ|Thành phố Tam Kỳ",
                          "Xã Điện Thắng Bắc|Thị xã Điện Bàn" } },
  { "052", "Bình Định", { "Phường Lê Lợi|Thành phố Quy Nhơn", "Xã Phước Hòa|Huyện Tuy Phước" } },
  { "056", "Khánh Hòa", { "Phường Lộc Thọ|Thành phố Nha Trang", "Phường Cam Lợi|Thành phố Cam Ranh",
                          "Xã Ninh Phụng|Thị xã Ninh Hòa" } },
  { "066", "Đắk Lắk", { "Phường Tân Lợi|Thành phố Buôn Ma Thuột", "Xã Cư Né|Huyện Krông Búk" } },
  { "068", "Lâm Đồng", { "Phường 1|Thành phố Đà Lạt", "Phường Lộc Sơn|Thành phố Bảo Lộc",
                         "Xã Hiệp Thạnh|Huyện Đức Trọng" } },
  { "074", "Bình Dương", { "Phường Phú Cường|Thành phố Thủ Dầu Một", "Phường Dĩ An|Thành phố Dĩ An",
                           "Phường Thuận Giao|Thành phố Thuận An" } },
  { "075", "Đồng Nai", { "Phường Tân Hiệp|Thành phố Biên Hòa", "Xã Long Thọ|Huyện Nhơn Trạch",
                         "Phường Xuân An|Thành phố Long Khánh" } },
  { "077", "Bà Rịa - Vũng Tàu", { "Phường 7|Thành phố Vũng Tàu", "Phường Phước Hiệp|Thành phố Bà Rịa",
                                  "Xã Phước Hưng|Huyện Long Điền" } },
  { "079", "TP. Hồ Chí Minh", { "Phường Bến Nghé|Quận 1", "Phường 12|Quận Tân Bình",
                                "Phường Tân Phong|Quận 7", "Phường Hiệp Bình Chánh|Thành phố Thủ Đức",
                                "Xã Bình Hưng|Huyện Bình Chánh" } },
  { "089", "An Giang", { "Phường Mỹ Long|Thành phố Long Xuyên", "Phường Châu Phú A|Thành phố Châu Đốc",
                         "Xã Mỹ Hội Đông|Huyện Chợ Mới" } },
  { "092", "Cần Thơ", { "Phường Tân An|Quận Ninh Kiều", "Phường An Thới|Quận Bình Thủy",
                        "Xã Thới Hưng|Huyện Cờ Đỏ" } },
  { "096", "Cà Mau", { "Phường 5|Thành phố Cà Mau", "Xã Tân Hưng Đông|Huyện Cái Nước" } },
};

static const char *family_names[] = {
  "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
  "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai", "Trịnh",
  "Đoàn", "Cao", "Tạ", "Lương", "Châu",
};
static const char *male_middle[] = {
  "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Ngọc", "Quốc", "Gia",
  "Đình", "Trọng", "Tiến", "Hoàng",
};
static const char *female_middle[] = {
  "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bảo", "Phương", "Minh", "Mỹ", "Hồng", "Diệu",
  "Khánh", "Thùy",
};
static const char *male_given[] = {
  "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khoa", "Khánh", "Long", "Minh",
  "Nam", "Nghĩa", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh",
  "Hiếu", "Lộc", "Phước", "Thịnh", "Duy", "Kiên", "Đông", "Hưng", "Lực", "Nhân", "Quyết", "Trí",
};
static const char *female_given[] = {
  "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Huyền", "Lan", "Linh",
  "Loan", "Mai", "My", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thủy",
  "Trang", "Trinh", "Uyên", "Vân", "Xuân", "Yến", "Nguyệt", "Diễm", "Hiền", "Thư", "Ánh", "Khuê",
};
static const char *streets[] = {
  "Trần Phú", "Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung",
  "Nguyễn Huệ", "Điện Biên Phủ", "Hùng Vương", "Trần Hưng Đạo", "Phan Chu Trinh", "Lê Duẩn",
  "Ngô Quyền", "Bà Triệu", "Võ Thị Sáu", "Nguyễn Văn Cừ", "Lạc Long Quân", "Âu Cơ",
};
static const char *villages[] = {
  "Thôn Đông", "Thôn Thượng", "Thôn Hạ", "Thôn An Phú", "Xóm 3", "Ấp Tân Lập", "Ấp 2", "Khối 4",
};
static const char *marks_kind[] = { "Nốt ruồi", "Sẹo chấm", "Sẹo" };
static const char *marks_where[] = {
  "trên sau đuôi mắt trái", "trên sau đuôi mắt phải", "dưới trước mép trái", "dưới trước mép phải",
  "trên trước cánh mũi trái", "dưới sau cánh mũi phải", "trên trước đầu mày trái",
  "dưới sau dái tai phải",
};

static const char *
pick (GRand *rand, const char *const *list, gsize n)
{
  return list[g_rand_int_range (rand, 0, (gint32) n)];
}
#define PICK(rand, array) pick ((rand), (array), G_N_ELEMENTS (array))

static char *
nfc (const char *s)
{
  char *normalized = g_utf8_normalize (s, -1, G_NORMALIZE_NFC);
  g_assert (normalized != NULL);
  return normalized;
}

/* Strips "Phường ", "Xã ", "Quận " … except before a number ("Phường 7", "Quận 1"). */
static const char *
short_place (const char *name)
{
  static const char *prefixes[] = {
    "Phường ", "Xã ", "Quận ", "Huyện ", "Thành phố ", "Thị xã ", "TP. ",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (name, prefixes[i]) && !g_ascii_isdigit (name[strlen (prefixes[i])]))
      return name + strlen (prefixes[i]);
  return name;
}

static const Province *
pick_province (GRand *rand)
{
  return &provinces[g_rand_int_range (rand, 0, G_N_ELEMENTS (provinces))];
}

static void
pick_place (GRand *rand, const Province *province, char **ward, char **district)
{
  gsize n = 0;
  g_auto(GStrv) parts = NULL;

  while (n < G_N_ELEMENTS (province->places) && province->places[n] != NULL)
    n++;
  parts = g_strsplit (province->places[g_rand_int_range (rand, 0, (gint32) n)], "|", 2);
  *ward = g_strdup (parts[0]);
  *district = g_strdup (parts[1]);
}

static char *
make_origin (GRand *rand, const Province *province)
{
  g_autofree char *ward = NULL;
  g_autofree char *district = NULL;

  pick_place (rand, province, &ward, &district);
  return g_strdup_printf ("%s, %s, %s", short_place (ward), short_place (district),
                          short_place (province->name));
}

static char *
make_residence (GRand *rand, const Province *province)
{
  g_autofree char *ward = NULL;
  g_autofree char *district = NULL;
  g_autofree char *street = NULL;

  pick_place (rand, province, &ward, &district);
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      street = g_strdup_printf ("Số %d %s", g_rand_int_range (rand, 1, 400), PICK (rand, streets));
      break;
    case 1:
      street = g_strdup_printf ("%d/%d %s", g_rand_int_range (rand, 1, 300),
                                g_rand_int_range (rand, 1, 40), PICK (rand, streets));
      break;
    case 2:
      street = g_strdup_printf ("Tổ %d", g_rand_int_range (rand, 1, 30));
      break;
    default:
      street = g_strdup (PICK (rand, villages));
      break;
    }
  return g_strdup_printf ("%s, %s, %s, %s", street, ward, district, province->name);
}

static void
random_date (GRand *rand, GDate *out, GDateYear y0, GDateMonth m0, GDateDay d0,
             GDateYear y1, GDateMonth m1, GDateDay d1)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, d0, m0, y0);
  g_date_set_dmy (&b, d1, m1, y1);
  g_date_clear (out, 1);
  g_date_set_julian (out, g_rand_int_range (rand, (gint32) g_date_get_julian (&a),
                                            (gint32) g_date_get_julian (&b) + 1));
}

/* The same day and month, `years` later (birthdays are kept to days 1–28). */
static void
date_plus_years (const GDate *date, int years, GDate *out)
{
  GDate copy = *date;

  if (years >= 0)
    g_date_add_years (&copy, (guint) years);
  else
    g_date_subtract_years (&copy, (guint) -years);
  *out = copy;
}

static void
compute_expiry (SynthIdentity *id)
{
  static const int renewal_ages[] = { 25, 40, 60 };
  GDate issue_plus_2;

  date_plus_years (&id->issue, 2, &issue_plus_2);
  id->has_expiry = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (renewal_ages); i++)
    {
      GDate milestone;

      date_plus_years (&id->birth, renewal_ages[i], &milestone);
      if (g_date_compare (&milestone, &issue_plus_2) > 0)
        {
          id->expiry = milestone;
          id->has_expiry = TRUE;
          return;
        }
    }
}

char *
synth_date_format (const GDate *date, const char *pattern)
{
  char buffer[32];

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (pattern != NULL, NULL);
  g_date_strftime (buffer, sizeof buffer, pattern, date);
  return g_strdup (buffer);
}

int
synth_mrz_check_digit (const char *s, gsize n)
{
  static const int weights[] = { 7, 3, 1 };
  int sum = 0;

  g_return_val_if_fail (s != NULL, -1);
  for (gsize i = 0; i < n; i++)
    {
      int value;
      char c = s[i];

      if (c >= '0' && c <= '9')
        value = c - '0';
      else if (c >= 'A' && c <= 'Z')
        value = c - 'A' + 10;
      else
        value = 0; /* '<' */
      sum += value * weights[i % 3];
    }
  return sum % 10;
}

char *
synth_mrz_transliterate (const char *utf8)
{
  g_autofree char *decomposed = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (utf8 != NULL, NULL);
  decomposed = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFD);
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x0110 || c == 0x0111) /* Đ đ */
        g_string_append_c (out, 'D');
      else if (c == ' ' || c == '-')
        g_string_append_c (out, '<');
      else if (c < 0x80 && g_ascii_isalnum ((char) c))
        g_string_append_c (out, g_ascii_toupper ((char) c));
      /* combining marks and anything else are dropped */
    }
  return g_string_free (out, FALSE);
}

static char *
pad_filler (const char *s, gsize width)
{
  GString *out = g_string_new (s);

  if (out->len > width)
    g_string_truncate (out, width);
  while (out->len < width)
    g_string_append_c (out, '<');
  return g_string_free (out, FALSE);
}

static void
compute_mrz (SynthIdentity *id)
{
  g_autofree char *birth = synth_date_format (&id->birth, "%y%m%d");
  g_autofree char *expiry = id->has_expiry ? synth_date_format (&id->expiry, "%y%m%d")
                                           : g_strdup ("<<<<<<");
  g_autofree char *line1 = NULL;
  g_autofree char *line2 = NULL;
  g_autofree char *family = synth_mrz_transliterate (id->family_name);
  g_autofree char *given = synth_mrz_transliterate (id->given_names);
  g_autofree char *names = g_strdup_printf ("%s<<%s", family, given);
  g_autofree char *composite = NULL;
  const char *document = id->id_number + 3; /* the last 9 digits */

  /* positions 16–27 the 12 digits, 28–29 fillers, 30 their check digit, as real cards print */
  line1 = g_strdup_printf ("IDVNM%s%d%s<<%d", document, synth_mrz_check_digit (document, 9),
                           id->id_number, synth_mrz_check_digit (id->id_number, 12));
  g_assert (strlen (line1) == 30);
  line2 = g_strdup_printf ("%s%d%c%s%dVNM<<<<<<<<<<<", birth, synth_mrz_check_digit (birth, 6),
                           id->female ? 'F' : 'M', expiry, synth_mrz_check_digit (expiry, 6));
  g_assert (strlen (line2) == 29);
  /* TD1 composite: line 1 positions 6–30, line 2 positions 1–7, 9–15, 19–29 */
  composite = g_strdup_printf ("%.25s%.7s%.7s%.11s", line1 + 5, line2, line2 + 8, line2 + 18);
  g_assert (strlen (composite) == 50);
  id->mrz[0] = g_steal_pointer (&line1);
  id->mrz[1] = g_strdup_printf ("%s%d", line2, synth_mrz_check_digit (composite, 50));
  id->mrz[2] = pad_filler (names, 30);
}

static char *
upper_nfc (const char *s)
{
  g_autofree char *up = g_utf8_strup (s, -1);
  return nfc (up);
}

SynthIdentity *
synth_identity_new_random (GRand *rand, SynthLayout layout)
{
  g_autoptr(SynthIdentity) id = g_new0 (SynthIdentity, 1);
  const Province *birth_province = pick_province (rand);
  const Province *home_province = g_rand_int_range (rand, 0, 3) == 0 ? pick_province (rand)
                                                                      : birth_province;
  GString *given = g_string_new (NULL);
  g_autofree char *given_tc = NULL;
  g_autofree char *full_tc = NULL;
  g_autofree char *issue_ddmmyyyy = NULL;
  g_autofree char *birth_ddmmyyyy = NULL;
  int age, year;
  GDate fourteenth;

  id->layout = layout;
  id->female = g_rand_boolean (rand);

  /* name: family, one or two middle names, given name */
  g_string_append (given, id->female ? PICK (rand, female_middle) : PICK (rand, male_middle));
  if (g_rand_int_range (rand, 0, 5) == 0)
    g_string_append_printf (given, " %s", id->female ? PICK (rand, female_middle)
                                                     : PICK (rand, male_middle));
  g_string_append_printf (given, " %s", id->female ? PICK (rand, female_given)
                                                   : PICK (rand, male_given));
  given_tc = g_string_free (given, FALSE);
  id->family_name = upper_nfc (PICK (rand, family_names));
  id->given_names = upper_nfc (given_tc);
  full_tc = g_strdup_printf ("%s %s", id->family_name, id->given_names);
  id->full_name = nfc (full_tc);

  /* dates: issue within the layout's period, then an age of 14 to 85 at issue */
  if (layout == SYNTH_LAYOUT_CCCD_2021)
    random_date (rand, &id->issue, 2021, G_DATE_JANUARY, 23, 2024, G_DATE_JUNE, 30);
  else
    /* before 1 July 2025, when provinces merged and addresses changed */
    random_date (rand, &id->issue, 2024, G_DATE_JULY, 1, 2025, G_DATE_JUNE, 30);
  age = g_rand_int_range (rand, 14, 86);
  year = (int) g_date_get_year (&id->issue) - age;
  g_date_clear (&id->birth, 1);
  g_date_set_dmy (&id->birth, (GDateDay) g_rand_int_range (rand, 1, 29),
                  (GDateMonth) g_rand_int_range (rand, 1, 13), (GDateYear) year);
  date_plus_years (&id->birth, 14, &fourteenth);
  if (g_date_compare (&fourteenth, &id->issue) >= 0)
    date_plus_years (&id->birth, -1, &id->birth);
  compute_expiry (id);

  /* the number: province of birth registration, century/sex, year, six random digits */
  year = (int) g_date_get_year (&id->birth);
  id->id_number = g_strdup_printf ("%s%d%02d%06d", birth_province->code,
                                   (year >= 2000 ? 2 : 0) + (id->female ? 1 : 0), year % 100,
                                   g_rand_int_range (rand, 0, 1000000));
  /* older citizens often still carry a 9-digit CMND number */
  if (year < 2006 && g_rand_int_range (rand, 0, 10) < 6)
    id->old_id_number = g_strdup_printf ("%d%08d", g_rand_int_range (rand, 0, 4),
                                         g_rand_int_range (rand, 0, 100000000));

  id->nationality = g_strdup ("Việt Nam");
  id->place_of_origin = make_origin (rand, birth_province);
  id->place_of_residence = make_residence (rand, home_province);
  id->personal_marks = g_strdup_printf ("%s C:%d%s cm %s", PICK (rand, marks_kind),
                                        g_rand_int_range (rand, 1, 4),
                                        g_rand_boolean (rand) ? ",5" : "",
                                        PICK (rand, marks_where));
  if (layout == SYNTH_LAYOUT_CCCD_2021)
    id->issuing_authority = g_strdup ("CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI");
  else
    id->issuing_authority = g_strdup ("BỘ CÔNG AN");
  id->signer_name = g_strdup_printf ("%s %s %s", PICK (rand, family_names), PICK (rand, male_middle),
                                     PICK (rand, male_given));

  birth_ddmmyyyy = synth_date_format (&id->birth, "%d%m%Y");
  issue_ddmmyyyy = synth_date_format (&id->issue, "%d%m%Y");
  id->qr_payload = g_strdup_printf ("%s|%s|%s|%s|%s|%s|%s", id->id_number,
                                    id->old_id_number ? id->old_id_number : "", id->full_name,
                                    birth_ddmmyyyy, id->female ? "Nữ" : "Nam",
                                    id->place_of_residence, issue_ddmmyyyy);
  compute_mrz (id);
  return g_steal_pointer (&id);
}

void
synth_identity_free (SynthIdentity *id)
{
  if (id == NULL)
    return;
  g_free (id->id_number);
  g_free (id->old_id_number);
  g_free (id->full_name);
  g_free (id->family_name);
  g_free (id->given_names);
  g_free (id->nationality);
  g_free (id->place_of_origin);
  g_free (id->place_of_residence);
  g_free (id->personal_marks);
  g_free (id->issuing_authority);
  g_free (id->signer_name);
  g_free (id->qr_payload);
  for (int i = 0; i < 3; i++)
    g_free (id->mrz[i]);
  g_free (id);
}
