/* ekyc-chip-crypto.c — key derivation, ciphers and MACs of ICAO 9303 Part 11, through OpenSSL 3
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Nothing here implements a cipher: DES, AES, SHA and CMAC are OpenSSL's. Single DES (for the
 * retail MAC) lives in OpenSSL 3's legacy provider, so it is computed as two-key 3DES with both
 * halves equal, which is the same function.
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "ekyc/ekyc-mrz.h"
#include "ekyc-chip-crypto-private.h"

guint
_ekyc_chip_cipher_key_length (EkycChipCipher cipher)
{
  switch (cipher)
    {
    case EKYC_CHIP_CIPHER_3DES: return 16;
    case EKYC_CHIP_CIPHER_AES128: return 16;
    case EKYC_CHIP_CIPHER_AES192: return 24;
    case EKYC_CHIP_CIPHER_AES256: return 32;
    default: g_assert_not_reached ();
    }
}

guint
_ekyc_chip_cipher_block_length (EkycChipCipher cipher)
{
  return cipher == EKYC_CHIP_CIPHER_3DES ? 8 : 16;
}

void
_ekyc_chip_sha1 (const guint8 *data, gsize length, guint8 out[20])
{
  unsigned int n = 0;

  g_assert (EVP_Digest (data, length, out, &n, EVP_sha1 (), NULL) == 1 && n == 20);
}

guint
_ekyc_chip_digest (const char *name, const guint8 *data, gsize length, guint8 *out)
{
  EVP_MD *md = EVP_MD_fetch (NULL, name, NULL);
  unsigned int n = 0;

  if (md == NULL)
    return 0;
  if (EVP_Digest (data, length, out, &n, md, NULL) != 1)
    n = 0;
  EVP_MD_free (md);
  return n;
}

static void
set_des_parity (guint8 *key, gsize length)
{
  for (gsize i = 0; i < length; i++)
    {
      guint8 b = key[i] & 0xFE;
      guint ones = (guint) __builtin_popcount (b);

      key[i] = b | ((ones & 1) ? 0 : 1);
    }
}

void
_ekyc_chip_kdf (const guint8 *seed, gsize seed_length, guint32 counter, EkycChipCipher cipher,
                guint8 *out)
{
  g_autoptr(GByteArray) d = g_byte_array_sized_new ((guint) seed_length + 4);
  guint8 c[4] = { counter >> 24, counter >> 16, counter >> 8, counter };
  guint8 hash[32];
  unsigned int n = 0;
  guint key_length = _ekyc_chip_cipher_key_length (cipher);
  const EVP_MD *md = key_length > 16 ? EVP_sha256 () : EVP_sha1 ();

  g_byte_array_append (d, seed, (guint) seed_length);
  g_byte_array_append (d, c, 4);
  g_assert (EVP_Digest (d->data, d->len, hash, &n, md, NULL) == 1);
  memcpy (out, hash, key_length);
  if (cipher == EKYC_CHIP_CIPHER_3DES)
    set_des_parity (out, key_length);
  OPENSSL_cleanse (hash, sizeof hash);
}

static gboolean
append_field (GString *out, const char *field, gsize width)
{
  gsize length = strlen (field);
  int check;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (field[i]) && !g_ascii_isupper (field[i]) && field[i] != '<')
      return FALSE;
  g_string_append (out, field);
  for (gsize i = length; i < width; i++)
    g_string_append_c (out, '<');
  check = ekyc_mrz_check_digit (out->str + out->len - MAX (length, width), MAX (length, width));
  if (check < 0)
    return FALSE;
  g_string_append_c (out, (char) ('0' + check));
  return TRUE;
}

gboolean
_ekyc_chip_mrz_information (const char *document_number, const char *birth_yymmdd,
                            const char *expiry_yymmdd, GString *out)
{
  g_assert (document_number != NULL && birth_yymmdd != NULL && expiry_yymmdd != NULL);

  if (document_number[0] == '\0' || strlen (birth_yymmdd) != 6 || strlen (expiry_yymmdd) != 6)
    return FALSE;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isdigit (birth_yymmdd[i]) || !g_ascii_isdigit (expiry_yymmdd[i]))
      return FALSE;
  g_string_truncate (out, 0);
  return append_field (out, document_number, 9) && append_field (out, birth_yymmdd, 6) &&
         append_field (out, expiry_yymmdd, 6);
}

void
_ekyc_chip_pad (GByteArray *data, guint block)
{
  guint8 b = 0x80;

  g_byte_array_append (data, &b, 1);
  b = 0;
  while (data->len % block != 0)
    g_byte_array_append (data, &b, 1);
}

gboolean
_ekyc_chip_unpad (const guint8 *data, gsize length, gsize *unpadded_length)
{
  gsize i = length;

  while (i > 0 && data[i - 1] == 0x00)
    i--;
  if (i == 0 || data[i - 1] != 0x80)
    return FALSE;
  *unpadded_length = i - 1;
  return TRUE;
}

static const EVP_CIPHER *
evp_cbc (EkycChipCipher cipher)
{
  switch (cipher)
    {
    case EKYC_CHIP_CIPHER_3DES: return EVP_des_ede_cbc ();
    case EKYC_CHIP_CIPHER_AES128: return EVP_aes_128_cbc ();
    case EKYC_CHIP_CIPHER_AES192: return EVP_aes_192_cbc ();
    case EKYC_CHIP_CIPHER_AES256: return EVP_aes_256_cbc ();
    default: g_assert_not_reached ();
    }
}

static const EVP_CIPHER *
evp_ecb (EkycChipCipher cipher)
{
  switch (cipher)
    {
    case EKYC_CHIP_CIPHER_3DES: return EVP_des_ede_ecb ();
    case EKYC_CHIP_CIPHER_AES128: return EVP_aes_128_ecb ();
    case EKYC_CHIP_CIPHER_AES192: return EVP_aes_192_ecb ();
    case EKYC_CHIP_CIPHER_AES256: return EVP_aes_256_ecb ();
    default: g_assert_not_reached ();
    }
}

static gboolean
run_cipher (const EVP_CIPHER *type, const guint8 *key, gboolean encrypt, const guint8 *iv,
            const guint8 *in, gsize length, guint8 *out)
{
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  guint8 zero_iv[16] = { 0 };
  int n1 = 0, n2 = 0;
  gboolean ok;

  if (ctx == NULL)
    return FALSE;
  ok = EVP_CipherInit_ex (ctx, type, NULL, key, iv != NULL ? iv : zero_iv, encrypt ? 1 : 0) == 1 &&
       EVP_CIPHER_CTX_set_padding (ctx, 0) == 1 &&
       EVP_CipherUpdate (ctx, out, &n1, in, (int) length) == 1 &&
       EVP_CipherFinal_ex (ctx, out + n1, &n2) == 1 && (gsize) (n1 + n2) == length;
  EVP_CIPHER_CTX_free (ctx);
  return ok;
}

gboolean
_ekyc_chip_cbc (EkycChipCipher cipher, const guint8 *key, gboolean encrypt, const guint8 *iv,
                const guint8 *in, gsize length, guint8 *out)
{
  if (length % _ekyc_chip_cipher_block_length (cipher) != 0 || length > G_MAXINT)
    return FALSE;
  if (length == 0)
    return TRUE;
  return run_cipher (evp_cbc (cipher), key, encrypt, iv, in, length, out);
}

gboolean
_ekyc_chip_ecb_block (EkycChipCipher cipher, const guint8 *key, const guint8 *in, guint8 *out)
{
  return run_cipher (evp_ecb (cipher), key, TRUE, NULL, in,
                     _ekyc_chip_cipher_block_length (cipher), out);
}

/* ISO/IEC 9797-1 MAC algorithm 3 with DES: CBC under Ka over all blocks, then the last chained
 * block through D(Kb) and E(Ka) — which is one 3DES-EDE encryption with Ka‖Kb. */
static gboolean
retail_mac (const guint8 *key, const guint8 *data, gsize length, guint8 out[8])
{
  guint8 ka2[16], chain[8] = { 0 }, last[8];
  g_autofree guint8 *tmp = NULL;
  gboolean ok = TRUE;

  if (length == 0 || length % 8 != 0)
    return FALSE;
  memcpy (ka2, key, 8);
  memcpy (ka2 + 8, key, 8);
  if (length > 8)
    {
      tmp = g_malloc (length - 8);
      ok = run_cipher (EVP_des_ede_cbc (), ka2, TRUE, NULL, data, length - 8, tmp);
      if (ok)
        memcpy (chain, tmp + length - 16, 8);
    }
  for (int i = 0; i < 8; i++)
    last[i] = chain[i] ^ data[length - 8 + i];
  ok = ok && run_cipher (EVP_des_ede_ecb (), key, TRUE, NULL, last, 8, out);
  OPENSSL_cleanse (ka2, sizeof ka2);
  return ok;
}

static gboolean
cmac (EkycChipCipher cipher, const guint8 *key, const guint8 *data, gsize length, guint8 out[8])
{
  EVP_MAC *mac = EVP_MAC_fetch (NULL, "CMAC", NULL);
  EVP_MAC_CTX *ctx = mac != NULL ? EVP_MAC_CTX_new (mac) : NULL;
  const char *name = cipher == EKYC_CHIP_CIPHER_AES128 ? "AES-128-CBC"
                   : cipher == EKYC_CHIP_CIPHER_AES192 ? "AES-192-CBC" : "AES-256-CBC";
  OSSL_PARAM params[] = {
    OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_CIPHER, (char *) name, 0),
    OSSL_PARAM_construct_end (),
  };
  guint8 full[16];
  size_t n = 0;
  gboolean ok;

  ok = ctx != NULL &&
       EVP_MAC_init (ctx, key, _ekyc_chip_cipher_key_length (cipher), params) == 1 &&
       EVP_MAC_update (ctx, data, length) == 1 &&
       EVP_MAC_final (ctx, full, &n, sizeof full) == 1 && n == 16;
  if (ok)
    memcpy (out, full, 8);
  EVP_MAC_CTX_free (ctx);
  EVP_MAC_free (mac);
  return ok;
}

gboolean
_ekyc_chip_mac (EkycChipCipher cipher, const guint8 *key, const guint8 *data, gsize length,
                guint8 out[8])
{
  if (cipher == EKYC_CHIP_CIPHER_3DES)
    return retail_mac (key, data, length, out);
  return cmac (cipher, key, data, length, out);
}

gboolean
_ekyc_chip_random (guint8 *out, gsize length)
{
  return RAND_bytes (out, (int) length) == 1;
}

gboolean
_ekyc_chip_equal (const guint8 *a, const guint8 *b, gsize length)
{
  return CRYPTO_memcmp (a, b, length) == 0;
}
