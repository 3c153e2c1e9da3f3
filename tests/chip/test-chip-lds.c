/* test-chip-lds.c — the LDS parsers: DG13 (Vietnamese fields, diacritics, reordered, missing and
 * unknown fields, bad input), DG2 (the portrait inside ISO 19794-5), DG1
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>

#include "ekyc/ekyc.h"
#include "ekyc/ekyc-chip.h"
#include "chip-lds-builder.h"
#include "test-utils.h"

static void
test_dg13_all_fields (void)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  g_autoptr(GBytes) dg13 = ekyc_test_chip_build_dg13 (&spec);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycChipVnData) vn = ekyc_chip_parse_dg13 (g_bytes_get_data (dg13, NULL),
                                                       g_bytes_get_size (dg13), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (vn->id_number, ==, "079090123456");
  g_assert_cmpstr (vn->full_name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (vn->date_of_birth, ==, "15/01/1990");
  g_assert_cmpstr (vn->date_of_birth_iso, ==, "1990-01-15");
  g_assert_cmpstr (vn->sex, ==, "Nam");
  g_assert_cmpstr (vn->nationality, ==, "Việt Nam");
  g_assert_cmpstr (vn->ethnicity, ==, "Kinh");
  g_assert_cmpstr (vn->religion, ==, "Không");
  g_assert_cmpstr (vn->place_of_origin, ==, spec.place_of_origin);
  g_assert_cmpstr (vn->place_of_residence, ==, spec.place_of_residence);
  g_assert_cmpstr (vn->identifying_marks, ==, spec.identifying_marks);
  g_assert_cmpstr (vn->issue_date_iso, ==, "2021-08-10");
  g_assert_cmpstr (vn->expiry_date_iso, ==, "2030-01-15");
  g_assert_cmpstr (vn->father_name, ==, "Nguyễn Văn Bình");
  g_assert_cmpstr (vn->mother_name, ==, "Trần Thị Cúc");
  g_assert_cmpstr (vn->spouse_name, ==, "Lê Thị Dung");
  g_assert_cmpstr (vn->old_id_number, ==, "025123456");
}

/* Hand-made DG13: fields out of order, father and mother as two strings in one SEQUENCE, an
 * unknown field 20, decomposed diacritics (normalised to NFC), no expiry date. */
static void
test_dg13_variants (void)
{
  static const guint8 dg13[] = {
    0x6D, 0x34,
      0x30, 0x0B, 0x02, 0x01, 0x02, 0x0C, 0x06, 'L', 'e', ' ', 'A', 0xCC, 0x82,  /* "Le Â" decomposed */
      0x30, 0x0A, 0x02, 0x01, 0x0D, 0x0C, 0x01, 'B', 0x0C, 0x02, 'C', 'D',
      0x30, 0x07, 0x02, 0x01, 0x14, 0x0C, 0x02, 'z', 'z',
      0x30, 0x10, 0x02, 0x01, 0x01, 0x0C, 0x0B, '0', '0', '1', '2', '3', '4', '5', '6', '7',
      '8', '9',
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycChipVnData) vn = ekyc_chip_parse_dg13 (dg13, sizeof dg13, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (vn->full_name, ==, "Le Â");
  g_assert_cmpstr (vn->father_name, ==, "B");
  g_assert_cmpstr (vn->mother_name, ==, "CD");
  g_assert_cmpstr (vn->id_number, ==, "00123456789");
  g_assert_null (vn->expiry_date);
  g_assert_null (vn->expiry_date_iso);
}

static void
test_dg13_bad_input (void)
{
  static const guint8 wrong_tag[] = { 0x6C, 0x02, 0x30, 0x00 };
  static const guint8 lying[] = { 0x6D, 0x10, 0x30, 0x05, 0x02, 0x01, 0x02 };
  static const guint8 no_fields[] = { 0x6D, 0x04, 0x04, 0x02, 0x41, 0x42 };
  static const guint8 lying_child[] = { 0x6D, 0x07, 0x30, 0x05, 0x02, 0x01, 0x02, 0x0C, 0x09 };
  const struct { const guint8 *data; gsize size; } cases[] = {
    { wrong_tag, sizeof wrong_tag }, { lying, sizeof lying }, { no_fields, sizeof no_fields },
    { lying_child, sizeof lying_child },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *copy = g_memdup2 (cases[i].data, cases[i].size);
      g_autoptr(EkycChipVnData) vn = ekyc_chip_parse_dg13 (copy, cases[i].size, &error);

      g_assert_null (vn);
      g_assert_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_DATA_INVALID);
    }
}

static void
test_dg2_portrait (void)
{
  g_autofree char *jpeg = ekyc_test_shared_path ("faces", "lfw", "Aaron_Sorkin",
                                                 "Aaron_Sorkin_0001.jpg", NULL);
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  g_autofree char *dir = NULL, *dg2_path = NULL, *original = NULL, *dg2 = NULL;
  g_autoptr(GError) error = NULL;
  gsize original_length, dg2_length;
  EkycChipPortrait portrait;

  if (jpeg == NULL)
    return;
  dir = g_dir_make_tmp ("ekyc-dg2-XXXXXX", &error);
  spec.portrait_path = jpeg;
  g_assert_true (ekyc_test_chip_build (&spec, dir, &error));
  dg2_path = g_build_filename (dir, "DG2", NULL);
  g_assert_true (g_file_get_contents (dg2_path, &dg2, &dg2_length, NULL));
  g_assert_true (g_file_get_contents (jpeg, &original, &original_length, NULL));
  g_assert_true (ekyc_chip_parse_dg2 ((const guint8 *) dg2, dg2_length, &portrait, &error));
  g_assert_no_error (error);
  g_assert_cmpint (portrait.format, ==, EKYC_CHIP_IMAGE_JPEG);
  g_assert_cmpint (portrait.width, ==, 480);
  g_assert_cmpmem (g_bytes_get_data (portrait.image, NULL), g_bytes_get_size (portrait.image),
                   original, original_length);
  /* The portrait decodes as an image the face engine takes. */
  {
    g_autoptr(EkycImage) image =
      ekyc_image_new_from_encoded (g_bytes_get_data (portrait.image, NULL),
                                               g_bytes_get_size (portrait.image), &error);
    g_assert_no_error (error);
    g_assert_nonnull (image);
  }
  g_bytes_unref (portrait.image);
  /* Truncated: no image. */
  g_assert_false (ekyc_chip_parse_dg2 ((const guint8 *) dg2, 40, &portrait, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_DATA_INVALID);
  ekyc_test_chip_remove (dir);
}

/* A JPEG 2000 portrait (as some chips store it) is found and labelled as such. */
static void
test_dg2_jpeg2000 (void)
{
  g_autofree char *jp2 = g_test_build_filename (G_TEST_DIST, "chip", "data", "portrait.jp2",
                                                NULL);
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ekyc-dg2-XXXXXX", &error);
  g_autofree char *dg2_path = g_build_filename (dir, "DG2", NULL);
  g_autofree char *dg2 = NULL, *original = NULL;
  gsize dg2_length, original_length;
  EkycChipPortrait portrait;

  spec.portrait_path = jp2;
  g_assert_true (ekyc_test_chip_build (&spec, dir, &error));
  g_assert_true (g_file_get_contents (dg2_path, &dg2, &dg2_length, NULL));
  g_assert_true (g_file_get_contents (jp2, &original, &original_length, NULL));
  g_assert_true (ekyc_chip_parse_dg2 ((const guint8 *) dg2, dg2_length, &portrait, &error));
  g_assert_cmpint (portrait.format, ==, EKYC_CHIP_IMAGE_JPEG2000);
  g_assert_cmpmem (g_bytes_get_data (portrait.image, NULL), g_bytes_get_size (portrait.image),
                   original, original_length);
  g_bytes_unref (portrait.image);
  ekyc_test_chip_remove (dir);
}

/* DG14: which chip authentication the chip offers is reported (from files alone it cannot be
 * performed). */
static void
test_dg14_offer (void)
{
  static const guint8 dg14[] = {
    0x6E, 0x13, 0x31, 0x11, 0x30, 0x0F, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02,
    0x03, 0x02, 0x02, 0x02, 0x01, 0x01,
  };
  static const guint8 junk[] = { 0x6E, 0x02, 0x31, 0x05 };
  GBytes *files[EKYC_CHIP_N_FILES] = { NULL };
  g_autoptr(EkycChipDocument) doc = NULL;
  g_autoptr(EkycChipDocument) bad = NULL;

  files[EKYC_CHIP_FILE_DG (14)] = g_bytes_new_static (dg14, sizeof dg14);
  doc = ekyc_chip_document_new_from_files (files, NULL, NULL);
  g_assert_cmpstr (doc->chip_auth_detail, ==,
                   "id-CA-ECDH-AES-CBC-CMAC-128 offered, not performed");
  g_assert_cmpint (doc->chip_auth, ==, EKYC_CHIP_CHECK_NOT_RUN);
  g_bytes_unref (files[EKYC_CHIP_FILE_DG (14)]);
  files[EKYC_CHIP_FILE_DG (14)] = g_bytes_new_static (junk, sizeof junk);
  bad = ekyc_chip_document_new_from_files (files, NULL, NULL);
  g_assert_cmpstr (bad->chip_auth_detail, ==, "DG14 is malformed");
  g_bytes_unref (files[EKYC_CHIP_FILE_DG (14)]);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/chip/dg13/all-fields", test_dg13_all_fields);
  g_test_add_func ("/chip/dg13/variants", test_dg13_variants);
  g_test_add_func ("/chip/dg13/bad-input", test_dg13_bad_input);
  g_test_add_func ("/chip/dg2/portrait", test_dg2_portrait);
  g_test_add_func ("/chip/dg2/jpeg2000", test_dg2_jpeg2000);
  g_test_add_func ("/chip/dg14/offer", test_dg14_offer);
  return g_test_run ();
}
