/* test-chip-passive.c — passive authentication against a CSCA, a document signer and an LDS the
 * test makes with OpenSSL: a good set passes; a changed DG byte, a wrong signature, an expired
 * or unknown CSCA each fail with their own reason
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "ekyc/ekyc.h"
#include "ekyc/ekyc-chip.h"
#include "chip-lds-builder.h"
#include "test-utils.h"

typedef struct {
  char    *dir;
  GBytes **files;
  char    *trust;
} Fixture;

static void
build (Fixture *f, const EkycTestChipSpec *spec)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ekyc-chip-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_test_chip_build (spec, f->dir, &error));
  g_assert_no_error (error);
  f->files = ekyc_test_chip_load_files (f->dir);
  f->trust = g_build_filename (f->dir, "trust", NULL);
}

static void
setup (Fixture *f, gconstpointer data)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();

  build (f, &spec);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  ekyc_test_chip_remove (f->dir);
  g_free (f->dir);
  g_free (f->trust);
  ekyc_test_chip_files_free (f->files);
}

static EkycChipDocument *
verify (Fixture *f, const char *trust)
{
  EkycChipReadOptions options = { .trust_dir = trust };
  g_autoptr(GError) error = NULL;
  EkycChipDocument *document = ekyc_chip_document_new_from_files (f->files, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
replace (GBytes **slot, GBytes *bytes)
{
  g_bytes_unref (*slot);
  *slot = bytes;
}

static void
test_good_chip_passes (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycChipDocument) doc = verify (f, f->trust);

  g_assert_cmpstr (ekyc_chip_passive_result_name (doc->passive.result), ==, "ok");
  g_assert_true (doc->passive.hashes_ok && doc->passive.signature_ok && doc->passive.chain_ok);
  g_assert_cmpuint (doc->passive.hashes_checked, ==, 2);  /* DG1, DG13 */
  g_assert_cmpstr (doc->passive.hash_algorithm, ==, "SHA256");
  g_assert_nonnull (strstr (doc->passive.csca_subject, "CSCA Test VN"));
  g_assert_nonnull (strstr (doc->passive.signer_subject, "DS Test VN"));
  /* And the data it vouches for. */
  g_assert_nonnull (doc->mrz);
  g_assert_true (doc->mrz->valid);
  g_assert_cmpstr (doc->mrz->document_number, ==, "090123456");
  g_assert_cmpstr (doc->mrz->vn_id_number, ==, "079090123456");
  g_assert_nonnull (doc->vn);
  g_assert_cmpstr (doc->vn->full_name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (doc->lds_version, ==, "0107");
  g_assert_true (doc->dg_present & (1u << 13));
}

static void
test_changed_dg_byte_fails (Fixture *f, gconstpointer data)
{
  gsize length;
  guint8 *bytes = g_bytes_unref_to_data (f->files[EKYC_CHIP_FILE_DG (13)], &length);
  g_autoptr(EkycChipDocument) doc = NULL;

  f->files[EKYC_CHIP_FILE_DG (13)] = NULL;
  bytes[length - 1] ^= 0x01;   /* one bit of the last field's text */
  f->files[EKYC_CHIP_FILE_DG (13)] = g_bytes_new_take (bytes, length);
  doc = verify (f, f->trust);
  g_assert_cmpint (doc->passive.result, ==, EKYC_CHIP_PA_HASH_MISMATCH);
  g_assert_cmpint (doc->passive.mismatched_dg, ==, 13);
  g_assert_false (doc->passive.hashes_ok);
  /* The signature itself is still the issuer's: the finding is the data, not the signer. */
  g_assert_true (doc->passive.signature_ok);
}

static void
test_dg_without_hash_fails (Fixture *f, gconstpointer data)
{
  static const guint8 dg11[] = { 0x6B, 0x03, 0x5C, 0x01, 0x00 };
  g_autoptr(EkycChipDocument) doc = NULL;

  f->files[EKYC_CHIP_FILE_DG (11)] = g_bytes_new_static (dg11, sizeof dg11);
  doc = verify (f, f->trust);
  g_assert_cmpint (doc->passive.result, ==, EKYC_CHIP_PA_HASH_MISSING);
  g_assert_cmpint (doc->passive.mismatched_dg, ==, 11);
}

static void
test_wrong_signature_fails (Fixture *f, gconstpointer data)
{
  gsize length;
  guint8 *bytes = g_bytes_unref_to_data (f->files[EKYC_CHIP_FILE_SOD], &length);
  g_autoptr(EkycChipDocument) doc = NULL;

  f->files[EKYC_CHIP_FILE_SOD] = NULL;
  bytes[length - 1] ^= 0x01;   /* the last byte of the ECDSA signature's s */
  f->files[EKYC_CHIP_FILE_SOD] = g_bytes_new_take (bytes, length);
  doc = verify (f, f->trust);
  g_assert_cmpstr (ekyc_chip_passive_result_name (doc->passive.result), ==, "signature-invalid");
  g_assert_true (doc->passive.hashes_ok);
  g_assert_false (doc->passive.signature_ok);
}

static void
test_unknown_csca_fails (Fixture *f, gconstpointer data)
{
  /* Another country's CSCA in the trust store, not the one that signed. */
  EkycTestChipSpec other = ekyc_test_chip_spec_default ();
  Fixture g = { 0 };
  g_autoptr(EkycChipDocument) doc = NULL;

  other.csca_name = "CSCA Test UTO";
  build (&g, &other);
  doc = verify (f, g.trust);
  g_assert_cmpstr (ekyc_chip_passive_result_name (doc->passive.result), ==, "csca-unknown");
  g_assert_true (doc->passive.hashes_ok && doc->passive.signature_ok);
  g_assert_false (doc->passive.chain_ok);
  teardown (&g, NULL);
}

/* A CSCA of the same name but another key: the document signer certificate was not issued
 * by the trusted CSCA (a forged signer), which is a chain failure, not an unknown CSCA. */
static void
test_forged_signer_fails (Fixture *f, gconstpointer data)
{
  EkycTestChipSpec other = ekyc_test_chip_spec_default ();
  Fixture g = { 0 };
  g_autoptr(EkycChipDocument) doc = NULL;

  build (&g, &other);
  doc = verify (f, g.trust);
  g_assert_cmpstr (ekyc_chip_passive_result_name (doc->passive.result), ==, "chain-invalid");
  g_assert_false (doc->passive.chain_ok);
  teardown (&g, NULL);
}

static void
test_missing_csca_is_its_own_result (Fixture *f, gconstpointer data)
{
  g_autofree char *empty = g_build_filename (f->dir, "empty-trust", NULL);
  g_autoptr(EkycChipDocument) none = verify (f, NULL);
  g_autoptr(EkycChipDocument) empty_dir = NULL;

  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);
  empty_dir = verify (f, empty);
  g_assert_cmpstr (ekyc_chip_passive_result_name (none->passive.result), ==, "csca-missing");
  g_assert_cmpstr (ekyc_chip_passive_result_name (empty_dir->passive.result), ==, "csca-missing");
  g_assert_false (none->passive.chain_ok);
}

static void
test_expired_csca_fails (void)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  Fixture f = { 0 };
  g_autoptr(EkycChipDocument) doc = NULL;

  spec.csca_valid_from_days = -3650;
  spec.csca_valid_to_days = -1;
  build (&f, &spec);
  doc = verify (&f, f.trust);
  g_assert_cmpstr (ekyc_chip_passive_result_name (doc->passive.result), ==, "csca-expired");
  teardown (&f, NULL);
}

static void
test_expired_signer_fails (void)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  Fixture f = { 0 };
  g_autoptr(EkycChipDocument) doc = NULL;

  spec.ds_valid_from_days = -400;
  spec.ds_valid_to_days = -2;
  build (&f, &spec);
  doc = verify (&f, f.trust);
  g_assert_cmpstr (ekyc_chip_passive_result_name (doc->passive.result), ==, "ds-expired");
  teardown (&f, NULL);
}

static void
test_sod_garbage_is_sod_invalid (Fixture *f, gconstpointer data)
{
  static const guint8 junk[] = { 0x77, 0x04, 0x30, 0x02, 0x05, 0x00 };
  g_autoptr(EkycChipDocument) doc = NULL;

  replace (&f->files[EKYC_CHIP_FILE_SOD], g_bytes_new_static (junk, sizeof junk));
  doc = verify (f, f->trust);
  g_assert_cmpstr (ekyc_chip_passive_result_name (doc->passive.result), ==, "sod-invalid");
  replace (&f->files[EKYC_CHIP_FILE_SOD], NULL);
  g_clear_pointer (&doc, ekyc_chip_document_free);
  doc = verify (f, f->trust);
  g_assert_cmpstr (ekyc_chip_passive_result_name (doc->passive.result), ==, "sod-invalid");
}

static void
test_other_hashes (void)
{
  const char *hashes[] = { "SHA1", "SHA384", "SHA512" };

  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    {
      EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
      Fixture f = { 0 };
      g_autoptr(EkycChipDocument) doc = NULL;

      spec.hash = hashes[i];
      spec.curve = i == 0 ? "brainpoolP256r1" : "P-384";
      build (&f, &spec);
      doc = verify (&f, f.trust);
      g_assert_cmpstr (ekyc_chip_passive_result_name (doc->passive.result), ==, "ok");
      g_assert_cmpstr (doc->passive.hash_algorithm, ==, hashes[i]);
      teardown (&f, NULL);
    }
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add ("/chip/passive/good-chip-passes", Fixture, NULL, setup, test_good_chip_passes,
              teardown);
  g_test_add ("/chip/passive/changed-dg-byte-fails", Fixture, NULL, setup,
              test_changed_dg_byte_fails, teardown);
  g_test_add ("/chip/passive/dg-without-hash-fails", Fixture, NULL, setup,
              test_dg_without_hash_fails, teardown);
  g_test_add ("/chip/passive/wrong-signature-fails", Fixture, NULL, setup,
              test_wrong_signature_fails, teardown);
  g_test_add ("/chip/passive/unknown-csca-fails", Fixture, NULL, setup, test_unknown_csca_fails,
              teardown);
  g_test_add ("/chip/passive/forged-signer-fails", Fixture, NULL, setup, test_forged_signer_fails,
              teardown);
  g_test_add ("/chip/passive/missing-csca-is-its-own-result", Fixture, NULL, setup,
              test_missing_csca_is_its_own_result, teardown);
  g_test_add_func ("/chip/passive/expired-csca-fails", test_expired_csca_fails);
  g_test_add_func ("/chip/passive/expired-signer-fails", test_expired_signer_fails);
  g_test_add ("/chip/passive/sod-garbage-is-sod-invalid", Fixture, NULL, setup,
              test_sod_garbage_is_sod_invalid, teardown);
  g_test_add_func ("/chip/passive/sha1-sha384-sha512", test_other_hashes);
  return g_test_run ();
}
