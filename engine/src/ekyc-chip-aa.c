/* ekyc-chip-aa.c — active authentication (ICAO 9303 Part 11 §6.1): the chip signs a random
 * challenge with the private key whose public half is in DG15, so a copied chip fails
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ECDSA signatures are plain r‖s (BSI TR-03111); RSA signatures use ISO/IEC 9796-2 scheme 1
 * (message recovery). The hash is the one DG14's ActiveAuthenticationInfo names; chips that
 * omit it use SHA-1 (RSA trailer BC) or the key's usual size, so each candidate is tried.
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-chip-crypto-private.h"
#include "ekyc-chip-private.h"

static gboolean
verify_ecdsa_plain (EVP_PKEY *key, const guint8 *challenge, const guint8 *sig, gsize length)
{
  static const char *const hashes[] = { "SHA256", "SHA1", "SHA384", "SHA512", "SHA224" };
  ECDSA_SIG *s = ECDSA_SIG_new ();
  unsigned char *der = NULL;
  int der_length;
  gboolean ok = FALSE;

  if (length == 0 || length % 2 != 0 || length > 132 ||
      ECDSA_SIG_set0 (s, BN_bin2bn (sig, (int) length / 2, NULL),
                      BN_bin2bn (sig + length / 2, (int) length / 2, NULL)) != 1 ||
      (der_length = i2d_ECDSA_SIG (s, &der)) <= 0)
    {
      ECDSA_SIG_free (s);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (hashes) && !ok; i++)
    {
      EVP_MD_CTX *ctx = EVP_MD_CTX_new ();

      ok = EVP_DigestVerifyInit_ex (ctx, NULL, hashes[i], NULL, NULL, key, NULL) == 1 &&
           EVP_DigestVerify (ctx, der, (size_t) der_length, challenge, 8) == 1;
      EVP_MD_CTX_free (ctx);
    }
  OPENSSL_free (der);
  ECDSA_SIG_free (s);
  return ok;
}

static gboolean
verify_rsa_9796 (EVP_PKEY *key, const guint8 *challenge, const guint8 *sig, gsize length)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new (key, NULL);
  g_autofree guint8 *m = g_malloc (length + 1);
  g_autoptr(GByteArray) input = g_byte_array_new ();
  size_t n = length;
  const char *hash;
  guint8 digest[64];
  gsize t, d;
  gboolean ok;

  ok = ctx != NULL && EVP_PKEY_verify_recover_init (ctx) == 1 &&
       EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_NO_PADDING) == 1 &&
       EVP_PKEY_verify_recover (ctx, m, &n, sig, length) == 1;
  EVP_PKEY_CTX_free (ctx);
  if (!ok || n < 24 || m[0] != 0x6A)
    return FALSE;
  if (m[n - 1] == 0xBC)
    t = 1, hash = "SHA1";
  else if (m[n - 1] == 0xCC)
    {
      t = 2;
      switch (m[n - 2])
        {
        case 0x33: hash = "SHA1"; break;
        case 0x34: hash = "SHA256"; break;
        case 0x35: hash = "SHA512"; break;
        case 0x36: hash = "SHA384"; break;
        case 0x38: hash = "SHA224"; break;
        default: return FALSE;
        }
    }
  else
    return FALSE;
  d = _ekyc_chip_digest (hash, NULL, 0, digest);
  if (d == 0 || n < 1 + d + t)
    return FALSE;
  /* M1 = m[1 .. n−t−d), then the digest of M1 ‖ challenge. */
  g_byte_array_append (input, m + 1, (guint) (n - t - d - 1));
  g_byte_array_append (input, challenge, 8);
  _ekyc_chip_digest (hash, input->data, input->len, digest);
  return _ekyc_chip_equal (digest, m + n - t - d, d);
}

void
_ekyc_chip_active_auth (EkycChipCard *card, EkycChipDocument *document)
{
  GBytes *dg15 = document->files[EKYC_CHIP_FILE_DG (15)];
  g_autoptr(GByteArray) sig = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 challenge[8];
  EkycChipApdu apdu = { 0x00, 0x88, 0x00, 0x00, challenge, 8, 0, FALSE };
  const unsigned char *p;
  EVP_PKEY *key;
  EkycTlv tlv;
  guint16 sw = 0;
  gboolean ok;

  g_clear_pointer (&document->active_auth_detail, g_free);
  if (!ekyc_tlv_expect (g_bytes_get_data (dg15, NULL), g_bytes_get_size (dg15), 0x6F, &tlv, NULL))
    {
      document->active_auth = EKYC_CHIP_CHECK_FAILED;
      document->active_auth_detail = g_strdup ("DG15 is malformed");
      return;
    }
  p = tlv.value;
  key = d2i_PUBKEY (NULL, &p, (long) tlv.length);
  if (key == NULL)
    {
      ERR_clear_error ();
      document->active_auth = EKYC_CHIP_CHECK_FAILED;
      document->active_auth_detail = g_strdup ("DG15 holds no public key");
      return;
    }
  if (!_ekyc_chip_card_random (card, challenge, 8) ||
      !_ekyc_chip_card_send (card, &apdu, sig, &sw, &error) || sw != 0x9000)
    {
      document->active_auth = EKYC_CHIP_CHECK_FAILED;
      document->active_auth_detail =
        g_strdup_printf ("the chip did not sign the challenge (%s)",
                         error != NULL ? error->message : "refused");
      EVP_PKEY_free (key);
      return;
    }
  ok = EVP_PKEY_base_id (key) == EVP_PKEY_EC ? verify_ecdsa_plain (key, challenge, sig->data,
                                                                    sig->len)
     : EVP_PKEY_base_id (key) == EVP_PKEY_RSA ? verify_rsa_9796 (key, challenge, sig->data,
                                                                 sig->len)
     : FALSE;
  ERR_clear_error ();
  document->active_auth = ok ? EKYC_CHIP_CHECK_PASSED : EKYC_CHIP_CHECK_FAILED;
  document->active_auth_detail =
    g_strdup (ok ? "the chip signed a fresh challenge with the DG15 key"
              : "the challenge signature does not verify under the DG15 key: possibly a cloned "
                "chip");
  EVP_PKEY_free (key);
}
