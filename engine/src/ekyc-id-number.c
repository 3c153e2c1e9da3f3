/* ekyc-id-number.c — the Vietnamese personal identification number (12 digits) and old CMND
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Pure string rules; see ekyc-id-number.h for the structure of the number.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-id-number.h"
#include "ekyc-i18n-private.h"

/* Codes of the province or city of birth registration: Annex I ("Bảng danh mục mã tỉnh, thành
 * phố trực thuộc trung ương nơi công dân đăng ký khai sinh") of Circular 07/2016/TT-BCA of
 * 1 February 2016, kept unchanged by Circular 59/2021/TT-BCA. Copied from the annex as reproduced
 * on thuvienphapluat.vn ("Tra cứu mã 63 tỉnh thành trên thẻ Căn cước công dân") and checked
 * against a second reproduction of the annex; the spelling (Hòa Bình, Thanh Hóa, Khánh Hòa) is
 * the annex's. The 63 provinces and cities are those of 2008–2025; the mergers of 1 July 2025
 * (34 provinces) do not renumber anyone, and numbers keep the code of the old province.
 * Sorted by code, all strings NFC (test-id-number checks both). */
static const struct {
  int         code;
  const char *name;
} provinces[] = {
  {  1, "Hà Nội" },
  {  2, "Hà Giang" },
  {  4, "Cao Bằng" },
  {  6, "Bắc Kạn" },
  {  8, "Tuyên Quang" },
  { 10, "Lào Cai" },
  { 11, "Điện Biên" },
  { 12, "Lai Châu" },
  { 14, "Sơn La" },
  { 15, "Yên Bái" },
  { 17, "Hòa Bình" },
  { 19, "Thái Nguyên" },
  { 20, "Lạng Sơn" },
  { 22, "Quảng Ninh" },
  { 24, "Bắc Giang" },
  { 25, "Phú Thọ" },
  { 26, "Vĩnh Phúc" },
  { 27, "Bắc Ninh" },
  { 30, "Hải Dương" },
  { 31, "Hải Phòng" },
  { 33, "Hưng Yên" },
  { 34, "Thái Bình" },
  { 35, "Hà Nam" },
  { 36, "Nam Định" },
  { 37, "Ninh Bình" },
  { 38, "Thanh Hóa" },
  { 40, "Nghệ An" },
  { 42, "Hà Tĩnh" },
  { 44, "Quảng Bình" },
  { 45, "Quảng Trị" },
  { 46, "Thừa Thiên Huế" },
  { 48, "Đà Nẵng" },
  { 49, "Quảng Nam" },
  { 51, "Quảng Ngãi" },
  { 52, "Bình Định" },
  { 54, "Phú Yên" },
  { 56, "Khánh Hòa" },
  { 58, "Ninh Thuận" },
  { 60, "Bình Thuận" },
  { 62, "Kon Tum" },
  { 64, "Gia Lai" },
  { 66, "Đắk Lắk" },
  { 67, "Đắk Nông" },
  { 68, "Lâm Đồng" },
  { 70, "Bình Phước" },
  { 72, "Tây Ninh" },
  { 74, "Bình Dương" },
  { 75, "Đồng Nai" },
  { 77, "Bà Rịa - Vũng Tàu" },
  { 79, "Hồ Chí Minh" },
  { 80, "Long An" },
  { 82, "Tiền Giang" },
  { 83, "Bến Tre" },
  { 84, "Trà Vinh" },
  { 86, "Vĩnh Long" },
  { 87, "Đồng Tháp" },
  { 89, "An Giang" },
  { 91, "Kiên Giang" },
  { 92, "Cần Thơ" },
  { 93, "Hậu Giang" },
  { 94, "Sóc Trăng" },
  { 95, "Bạc Liêu" },
  { 96, "Cà Mau" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (provinces) == 63);

static const struct {
  EkycIdNumberProblems problem;
  const char          *name;
} problem_names[] = {
  { EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH, "wrong-length" },
  { EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS, "not-digits" },
  { EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE, "unknown-province" },
  { EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH, "sex-mismatch" },
  { EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH, "birth-year-mismatch" },
  { EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH, "century-mismatch" },
};

const char *
ekyc_id_province_name (int code)
{
  gsize lo = 0, hi = G_N_ELEMENTS (provinces);

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (provinces[mid].code == code)
        return provinces[mid].name;
      if (provinces[mid].code < code)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* Length and digit rules shared by the 12- and 9-digit numbers. */
static EkycIdNumberProblems
check_format (const char *number, gsize expected_length)
{
  EkycIdNumberProblems problems = EKYC_ID_NUMBER_PROBLEM_NONE;
  gsize len = strlen (number);

  if (len != expected_length)
    problems |= EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (number[i]))
      {
        problems |= EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS;
        break;
      }
  return problems;
}

/* Decodes a number already known to be 12 ASCII digits. */
static void
decode (const char *number, EkycIdNumber *out)
{
  int d4;

  memcpy (out->digits, number, EKYC_ID_NUMBER_LENGTH);
  out->digits[EKYC_ID_NUMBER_LENGTH] = '\0';
  out->province_code = (number[0] - '0') * 100 + (number[1] - '0') * 10 + (number[2] - '0');
  out->province_name = ekyc_id_province_name (out->province_code);
  d4 = number[3] - '0';
  out->sex = d4 % 2 == 0 ? EKYC_ID_SEX_MALE : EKYC_ID_SEX_FEMALE;
  out->birth_century = 20 + d4 / 2;
  out->birth_year_2digits = (number[4] - '0') * 10 + (number[5] - '0');
  out->birth_year = (out->birth_century - 1) * 100 + out->birth_year_2digits;
}

gboolean
ekyc_id_number_parse (const char *text, EkycIdNumber *out, GError **error)
{
  EkycIdNumberProblems problems;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  problems = check_format (text, EKYC_ID_NUMBER_LENGTH);
  if (problems != EKYC_ID_NUMBER_PROBLEM_NONE)
    return ekyc_id_number_validate (text, NULL, EKYC_ID_SEX_UNKNOWN, NULL, error);
  decode (text, out);
  return TRUE;
}

EkycIdNumberProblems
ekyc_id_number_check_consistency (const char *number, const EkycCardDate *birth, EkycIdSex sex)
{
  EkycIdNumberProblems problems;
  EkycIdNumber id;

  g_return_val_if_fail (number != NULL, EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH);

  problems = check_format (number, EKYC_ID_NUMBER_LENGTH);
  if (problems != EKYC_ID_NUMBER_PROBLEM_NONE)
    return problems;
  decode (number, &id);
  if (id.province_name == NULL)
    problems |= EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE;
  if (sex != EKYC_ID_SEX_UNKNOWN && sex != id.sex)
    problems |= EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH;
  if (birth != NULL)
    {
      /* 1900–1999 is the 20th century: century = year / 100 + 1. */
      if (birth->year / 100 + 1 != id.birth_century)
        problems |= EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH;
      if (birth->year < 0 || birth->year % 100 != id.birth_year_2digits)
        problems |= EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH;
    }
  return problems;
}

static const char *
problem_message (EkycIdNumberProblems problem)
{
  switch (problem)
    {
    case EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH:
      return _("The number does not have 12 digits.");
    case EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS:
      return _("The number contains characters other than digits.");
    case EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE:
      return _("Its first three digits are not the code of a province or city.");
    case EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH:
      return _("Its fourth digit does not match the holder's sex.");
    case EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH:
      return _("Its fifth and sixth digits do not match the year of birth.");
    case EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH:
      return _("Its fourth digit does not match the century of birth.");
    case EKYC_ID_NUMBER_PROBLEM_NONE:
    default:
      break;
    }
  g_assert_not_reached ();
  return NULL;
}

gboolean
ekyc_id_number_validate (const char *number, const EkycCardDate *birth, EkycIdSex sex,
                         EkycIdNumberProblems *problems, GError **error)
{
  EkycIdNumberProblems found;
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  found = ekyc_id_number_check_consistency (number, birth, sex);
  if (problems != NULL)
    *problems = found;
  if (found == EKYC_ID_NUMBER_PROBLEM_NONE)
    return TRUE;

  _ekyc_i18n_init ();
  message = g_string_new (_("The personal identification number is not valid."));
  for (gsize i = 0; i < G_N_ELEMENTS (problem_names); i++)
    if (found & problem_names[i].problem)
      {
        g_string_append_c (message, ' ');
        g_string_append (message, problem_message (problem_names[i].problem));
      }
  g_string_append_c (message, ' ');
  g_string_append (message, _("Check the number and the dates against the card."));
  g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_ID_NUMBER_INVALID, message->str);
  return FALSE;
}

const char *
ekyc_id_number_problem_name (EkycIdNumberProblems problem)
{
  if (problem == EKYC_ID_NUMBER_PROBLEM_NONE)
    return "none";
  for (gsize i = 0; i < G_N_ELEMENTS (problem_names); i++)
    if (problem_names[i].problem == problem)
      return problem_names[i].name;
  return "unknown";
}

char *
ekyc_id_number_problems_to_string (EkycIdNumberProblems problems)
{
  GString *names = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (problem_names); i++)
    if (problems & problem_names[i].problem)
      {
        if (names->len > 0)
          g_string_append_c (names, ',');
        g_string_append (names, problem_names[i].name);
      }
  return g_string_free (names, FALSE);
}

EkycIdNumberProblems
ekyc_cmnd_number_check (const char *number)
{
  g_return_val_if_fail (number != NULL, EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH);

  return check_format (number, EKYC_CMND_NUMBER_LENGTH);
}
