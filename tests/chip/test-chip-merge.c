/* test-chip-merge.c — the chip as the fourth source of the card verdict: a chip the tests built
 * (LDS, SOD, test CSCA) merged with a card's QR, MRZ and print by
 * ekyc_card_reading_merge_with_chip()
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <ekyc/ekyc.h>

#include "chip-lds-builder.h"
#include "test-utils.h"

static const EkycCardDate today = { 2026, 11, 26 };

#define QR_GOOD "079090123456|025123456|Nguyễn Văn An|15011990|Nam|" \
                "123 Đường Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh|10082021"

typedef struct {
  char             *dir;
  EkycChipDocument *chip;
} Fixture;

/* A chip of the default holder, read from files and passively authenticated against its CSCA;
 * @data: the DG whose first content byte the test changes after signing (0: none). */
static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *trust = NULL;
  EkycChipReadOptions options = { 0 };
  GBytes **files;
  int altered_dg = GPOINTER_TO_INT (data);

  fx->dir = g_dir_make_tmp ("ekyc-chip-merge-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_test_chip_build (&spec, fx->dir, &error));
  g_assert_no_error (error);
  files = ekyc_test_chip_load_files (fx->dir);
  if (altered_dg > 0)
    {
      EkycChipFile f = EKYC_CHIP_FILE_DG (altered_dg);
      gsize len = 0;
      const guint8 *bytes = g_bytes_get_data (files[f], &len);
      g_autofree guint8 *copy = g_memdup2 (bytes, len);
      /* the last byte: the end of DG13's last field (the old ID number's last digit) */
      copy[len - 1] = copy[len - 1] == '6' ? '7' : '6';
      g_bytes_unref (files[f]);
      files[f] = g_bytes_new (copy, len);
    }
  trust = g_build_filename (fx->dir, "trust", NULL);
  options.trust_dir = trust;
  fx->chip = ekyc_chip_document_new_from_files (files, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->chip);
  ekyc_test_chip_files_free (files);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  ekyc_chip_document_free (fx->chip);
  ekyc_test_chip_remove (fx->dir);
  g_free (fx->dir);
}

/* A front whose QR is the chip holder's and whose print reads @printed_name. */
static EkycCardSideReading *
make_front (const char *qr, const char *printed_name)
{
  EkycCardSideReading *side = g_new0 (EkycCardSideReading, 1);

  side->side = EKYC_CARD_SIDE_FRONT;
  side->layout = EKYC_CARD_LAYOUT_CCCD_2021;
  side->qr_payload = g_strdup (qr);
  side->printed[EKYC_CARD_READ_FIELD_FULL_NAME].value = g_strdup (printed_name);
  side->printed[EKYC_CARD_READ_FIELD_FULL_NAME].confidence = 0.9f;
  side->printed[EKYC_CARD_READ_FIELD_FULL_NAME].source = EKYC_CARD_SOURCE_PRINTED;
  side->printed[EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN].value =
    g_strdup ("Xã Phú Mỹ, Huyện Phú Tân, An Giang");
  side->printed[EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN].confidence = 0.8f;
  return side;
}

/* A back with the same MRZ as the chip's DG1. */
static EkycCardSideReading *
make_back (const EkycChipDocument *chip)
{
  EkycCardSideReading *side = g_new0 (EkycCardSideReading, 1);
  g_autoptr(GError) error = NULL;
  const char *lines[3];

  side->side = EKYC_CARD_SIDE_BACK;
  side->layout = EKYC_CARD_LAYOUT_CCCD_2021;
  g_assert_nonnull (chip->mrz);
  for (guint i = 0; i < 3; i++)
    lines[i] = chip->mrz->lines[i];
  side->mrz = ekyc_mrz_parse (lines, chip->mrz->n_lines, &error);
  g_assert_no_error (error);
  g_assert_true (side->mrz->valid);
  return side;
}

static const EkycCardCheck *
find_check (const EkycCardReading *r, const char *name)
{
  for (guint i = 0; i < r->checks->len; i++)
    {
      const EkycCardCheck *c = &g_array_index (r->checks, EkycCardCheck, i);

      if (g_str_equal (c->name, name))
        return c;
    }
  return NULL;
}

static void
assert_check (const EkycCardReading *r, const char *name, gboolean passed)
{
  const EkycCardCheck *c = find_check (r, name);

  if (c == NULL)
    g_error ("no check %s", name);
  g_test_message ("%s: %s (%s)", name, c->passed ? "passed" : "failed", c->detail);
  g_assert_cmpint (c->passed, ==, passed);
}

static void
test_verified_chip_agrees_and_wins (Fixture *fx, gconstpointer data)
{
  g_autoptr(EkycCardSideReading) front = make_front (QR_GOOD, "NGUYỄN VĂN AN");
  g_autoptr(EkycCardSideReading) back = make_back (fx->chip);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardReading) r =
    ekyc_card_reading_merge_with_chip (front, back, fx->chip, &today, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fx->chip->passive.result, ==, EKYC_CHIP_PA_OK);
  assert_check (r, "chip-passive-authentication", TRUE);
  assert_check (r, "chip-agrees-qr", TRUE);
  assert_check (r, "chip-agrees-mrz", TRUE);
  assert_check (r, "chip-agrees-printed", TRUE);
  assert_check (r, "agree-full-name", TRUE);
  g_assert_true (r->all_passed);
  for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
    if (r->fields[f].by_source[EKYC_CARD_SOURCE_CHIP] != NULL)
      g_assert_cmpint (r->fields[f].source, ==, EKYC_CARD_SOURCE_CHIP);
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_FULL_NAME].value, ==, "Nguyễn Văn An");
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY].value, ==, "2030-01-15");
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_OLD_ID_NUMBER].value, ==, "025123456");
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN].value, ==,
                   "Xã Phú Mỹ, Huyện Phú Tân, An Giang");
  g_assert_cmpfloat (r->fields[EKYC_CARD_READ_FIELD_ID_NUMBER].confidence, >, 0.99);
}

/* The print says another name: the chip's wins, and the check names the field. */
static void
test_printed_name_disagrees (Fixture *fx, gconstpointer data)
{
  g_autoptr(EkycCardSideReading) front = make_front (QR_GOOD, "NGUYỄN VĂN BẢO");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardReading) r =
    ekyc_card_reading_merge_with_chip (front, NULL, fx->chip, &today, &error);
  const EkycCardCheck *c;

  g_assert_no_error (error);
  assert_check (r, "chip-passive-authentication", TRUE);
  assert_check (r, "chip-agrees-qr", TRUE);
  assert_check (r, "chip-agrees-printed", FALSE);
  assert_check (r, "agree-full-name", FALSE);
  c = find_check (r, "chip-agrees-printed");
  g_assert_nonnull (strstr (c->detail, "full_name"));
  g_assert_nonnull (strstr (c->detail, "NGUYỄN VĂN BẢO"));
  g_assert_false (r->all_passed);
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_FULL_NAME].value, ==, "Nguyễn Văn An");
  g_assert_cmpint (r->fields[EKYC_CARD_READ_FIELD_FULL_NAME].source, ==, EKYC_CARD_SOURCE_CHIP);
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_FULL_NAME].by_source[EKYC_CARD_SOURCE_PRINTED],
                   ==, "NGUYỄN VĂN BẢO");
}

/* A QR with another name and ID number against a verified chip. */
static void
test_qr_disagrees (Fixture *fx, gconstpointer data)
{
  g_autoptr(EkycCardSideReading) front =
    make_front ("079090123457|025123456|Nguyễn Văn Anh|15011990|Nam|"
                "123 Đường Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh|10082021",
                "NGUYỄN VĂN AN");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardReading) r =
    ekyc_card_reading_merge_with_chip (front, NULL, fx->chip, &today, &error);
  const EkycCardCheck *c;

  g_assert_no_error (error);
  assert_check (r, "chip-agrees-qr", FALSE);
  c = find_check (r, "chip-agrees-qr");
  g_assert_nonnull (strstr (c->detail, "id_number"));
  g_assert_nonnull (strstr (c->detail, "full_name"));
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_ID_NUMBER].value, ==, "079090123456");
}

/* DG13 changed after signing: passive authentication fails, the check says so, and the print
 * and QR keep their fields. */
static void
test_unverified_chip_does_not_win (Fixture *fx, gconstpointer data)
{
  g_autoptr(EkycCardSideReading) front = make_front (QR_GOOD, "NGUYỄN VĂN AN");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardReading) r =
    ekyc_card_reading_merge_with_chip (front, NULL, fx->chip, &today, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fx->chip->passive.result, ==, EKYC_CHIP_PA_HASH_MISMATCH);
  assert_check (r, "chip-passive-authentication", FALSE);
  g_assert_nonnull (strstr (find_check (r, "chip-passive-authentication")->detail,
                            "hash-mismatch"));
  g_assert_false (r->all_passed);
  for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
    g_assert_cmpint (r->fields[f].source, !=, EKYC_CARD_SOURCE_CHIP);
  g_assert_cmpint (r->fields[EKYC_CARD_READ_FIELD_FULL_NAME].source, ==, EKYC_CARD_SOURCE_QR);
  /* the changed old ID number is seen, and blamed on the chip */
  assert_check (r, "chip-agrees-qr", FALSE);
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_OLD_ID_NUMBER].value, ==, "025123456");
  g_assert_null (find_check (r, "agree-old-id-number"));
}

/* No photo at all: the chip alone gives a reading. */
static void
test_chip_alone (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardReading) r =
    ekyc_card_reading_merge_with_chip (NULL, NULL, fx->chip, &today, &error);

  g_assert_no_error (error);
  assert_check (r, "chip-passive-authentication", TRUE);
  g_assert_null (find_check (r, "chip-agrees-qr"));
  assert_check (r, "id-number", TRUE);
  assert_check (r, "age-14", TRUE);
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_SEX].value, ==, "M");
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_DATE_OF_BIRTH].value, ==, "1990-01-15");
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add ("/chip/merge/verified-chip-agrees-and-wins", Fixture, NULL, fixture_setup,
              test_verified_chip_agrees_and_wins, fixture_teardown);
  g_test_add ("/chip/merge/printed-name-disagrees", Fixture, NULL, fixture_setup,
              test_printed_name_disagrees, fixture_teardown);
  g_test_add ("/chip/merge/qr-disagrees", Fixture, NULL, fixture_setup,
              test_qr_disagrees, fixture_teardown);
  g_test_add ("/chip/merge/unverified-chip-does-not-win", Fixture, GINT_TO_POINTER (13),
              fixture_setup, test_unverified_chip_does_not_win, fixture_teardown);
  g_test_add ("/chip/merge/chip-alone", Fixture, NULL, fixture_setup, test_chip_alone,
              fixture_teardown);
  return g_test_run ();
}
