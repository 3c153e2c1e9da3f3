/* emu-aa.c — the chip's side of active authentication (ICAO 9303 Part 11 6.1): INTERNAL
 * AUTHENTICATE (00 88 00 00, an 8-byte challenge) signed with the private key whose public half
 * is DG15. ECDSA keys sign SHA-256 of the challenge and answer r ‖ s as plain integers of the
 * order's size (BSI TR-03111 5.2.1); RSA keys sign with ISO/IEC 9796-2 digital signature
 * scheme 1 (partial message recovery, SHA-1, trailer BC), the challenge as the non-recoverable
 * part M2. A chip without the key (no aa-key.pem) does not know the command.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "emu-chip-private.h"

#include <string.h>
#include <openssl/ecdsa.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

static gboolean
sign_ecdsa (EVP_PKEY *key, const guint8 *challenge, gsize len, GByteArray *out)
{
  EVP_MD_CTX *md = EVP_MD_CTX_new ();
  guint8 der[160];
  const guint8 *p = der;
  size_t der_len = sizeof der;
  ECDSA_SIG *sig = NULL;
  const BIGNUM *r, *s;
  int half = (EVP_PKEY_get_bits (key) + 7) / 8;
  g_autofree guint8 *plain = g_malloc0 (2 * half);
  gboolean ok;

  ok = md != NULL
       && EVP_DigestSignInit_ex (md, NULL, "SHA256", NULL, NULL, key, NULL) == 1
       && EVP_DigestSign (md, der, &der_len, challenge, len) == 1
       && (sig = d2i_ECDSA_SIG (NULL, &p, (long) der_len)) != NULL;
  if (ok)
    {
      ECDSA_SIG_get0 (sig, &r, &s);
      ok = BN_bn2binpad (r, plain, half) == half && BN_bn2binpad (s, plain + half, half) == half;
    }
  if (ok)
    g_byte_array_append (out, plain, 2 * half);
  ECDSA_SIG_free (sig);
  EVP_MD_CTX_free (md);
  return ok;
}

/* ISO/IEC 9796-2 scheme 1, partial recovery: J = 6A ‖ M1 ‖ SHA-1 (M1 ‖ M2) ‖ BC, with M1 the
 * chip's random bytes filling the modulus; the signature is J^d mod n. */
static gboolean
sign_rsa_9796 (EVP_PKEY *key, const guint8 *challenge, gsize len, GByteArray *out)
{
  gsize k = (gsize) EVP_PKEY_get_size (key);
  gsize m1_len = k - 2 - SHA_DIGEST_LENGTH;
  g_autofree guint8 *j = g_malloc (k);
  g_autofree guint8 *sig = g_malloc (k);
  g_autofree guint8 *m = g_malloc (m1_len + len);
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new (key, NULL);
  size_t sig_len = k;
  gboolean ok;

  j[0] = 0x6A;
  if (k < 64 || RAND_bytes (j + 1, (int) m1_len) != 1)
    {
      EVP_PKEY_CTX_free (ctx);
      return FALSE;
    }
  memcpy (m, j + 1, m1_len);
  memcpy (m + m1_len, challenge, len);
  SHA1 (m, m1_len + len, j + 1 + m1_len);
  j[k - 1] = 0xBC;
  ok = ctx != NULL
       && EVP_PKEY_sign_init (ctx) == 1
       && EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_NO_PADDING) == 1
       && EVP_PKEY_sign (ctx, sig, &sig_len, j, k) == 1;
  if (ok)
    g_byte_array_append (out, sig, sig_len);
  EVP_PKEY_CTX_free (ctx);
  return ok;
}

guint
emu_aa_internal_authenticate (EmuChip *chip, const Command *c, GByteArray *out)
{
  gboolean ok;

  if (chip->aa_key == NULL)
    return SW_WRONG_INS;
  if (!chip->authenticated)
    return SW_NOT_ALLOWED;
  if (c->p1 != 0 || c->p2 != 0)
    return SW_WRONG_P1P2;
  if (c->lc != 8 || c->ne == 0)
    return SW_WRONG_LENGTH;
  if (EVP_PKEY_base_id (chip->aa_key) == EVP_PKEY_EC)
    ok = sign_ecdsa (chip->aa_key, c->data, c->lc, out);
  else if (EVP_PKEY_base_id (chip->aa_key) == EVP_PKEY_RSA)
    ok = sign_rsa_9796 (chip->aa_key, c->data, c->lc, out);
  else
    ok = FALSE;
  return ok ? SW_OK : SW_UNKNOWN;
}
