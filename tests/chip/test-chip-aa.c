/* test-chip-aa.c — active authentication: a chip that signs the challenge with the DG15 key
 * passes; a clone without that key, or one that will not sign, fails
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "ekyc/ekyc.h"
#include "ekyc-chip-private.h"
#include "chip-lds-builder.h"
#include "test-utils.h"

/* The chip's side of INTERNAL AUTHENTICATE: ECDSA-SHA256 over the challenge, plain r‖s. */
static gboolean
signing_chip (const guint8 *command, gsize length, GByteArray *response, gpointer user_data,
              GError **error)
{
  EVP_PKEY *key = user_data;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  guint8 der[128], plain[64] = { 0 };
  const guint8 *p = der;
  size_t n = sizeof der;
  ECDSA_SIG *sig;
  const BIGNUM *r, *s;
  static const guint8 sw[] = { 0x90, 0x00 };

  g_assert_cmpuint (length, ==, 14);
  g_assert_true (command[1] == 0x88 && command[4] == 8);
  g_assert_true (EVP_DigestSignInit (ctx, NULL, EVP_sha256 (), NULL, key) == 1);
  g_assert_true (EVP_DigestSign (ctx, der, &n, command + 5, 8) == 1);
  EVP_MD_CTX_free (ctx);
  sig = d2i_ECDSA_SIG (NULL, &p, (long) n);
  ECDSA_SIG_get0 (sig, &r, &s);
  BN_bn2binpad (r, plain, 32);
  BN_bn2binpad (s, plain + 32, 32);
  ECDSA_SIG_free (sig);
  g_byte_array_append (response, plain, 64);
  g_byte_array_append (response, sw, 2);
  return TRUE;
}

static gboolean
refusing_chip (const guint8 *command, gsize length, GByteArray *response, gpointer user_data,
               GError **error)
{
  static const guint8 sw[] = { 0x6D, 0x00 };

  g_byte_array_append (response, sw, 2);
  return TRUE;
}

static EVP_PKEY *
load_key (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "aa-key.pem", NULL);
  FILE *f = fopen (path, "r");
  EVP_PKEY *key;

  g_assert_nonnull (f);
  key = PEM_read_PrivateKey (f, NULL, NULL, NULL);
  fclose (f);
  g_assert_nonnull (key);
  return key;
}

static EkycChipCheck
run (const char *dir, EkycChipTransmitFunc transmit, EVP_PKEY *key)
{
  g_autoptr(EkycChipCard) card = ekyc_chip_card_new_for_transmit (transmit, key, NULL, FALSE);
  GBytes **files = ekyc_test_chip_load_files (dir);
  g_autoptr(EkycChipDocument) doc = ekyc_chip_document_new_from_files (files, NULL, NULL);
  EkycChipCheck result;

  g_assert_nonnull (doc);
  g_assert_nonnull (doc->files[EKYC_CHIP_FILE_DG (15)]);
  _ekyc_chip_active_auth (card, doc);
  result = doc->active_auth;
  g_assert_nonnull (doc->active_auth_detail);
  ekyc_test_chip_files_free (files);
  return result;
}

static void
test_active_authentication (void)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  g_autofree char *genuine = g_dir_make_tmp ("ekyc-aa-XXXXXX", NULL);
  g_autofree char *other = g_dir_make_tmp ("ekyc-aa-XXXXXX", NULL);
  EVP_PKEY *key, *other_key;

  spec.with_dg15 = TRUE;
  g_assert_true (ekyc_test_chip_build (&spec, genuine, NULL));
  g_assert_true (ekyc_test_chip_build (&spec, other, NULL));
  key = load_key (genuine);
  other_key = load_key (other);

  g_assert_cmpint (run (genuine, signing_chip, key), ==, EKYC_CHIP_CHECK_PASSED);
  /* A clone: the genuine chip's files, another chip's key. */
  g_assert_cmpint (run (genuine, signing_chip, other_key), ==, EKYC_CHIP_CHECK_FAILED);
  g_assert_cmpint (run (genuine, refusing_chip, NULL), ==, EKYC_CHIP_CHECK_FAILED);
  EVP_PKEY_free (key);
  EVP_PKEY_free (other_key);
  ekyc_test_chip_remove (genuine);
  ekyc_test_chip_remove (other);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/chip/active-authentication/clone-fails", test_active_authentication);
  return g_test_run ();
}
