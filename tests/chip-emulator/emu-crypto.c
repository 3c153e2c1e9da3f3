/* emu-crypto.c — the chip emulator's BAC and PACE cryptography on OpenSSL 3 (see emu-crypto.h)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "emu-crypto.h"

#include <string.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

void
emu_derive_key (const guint8 seed[16], guint32 counter, guint8 key[16])
{
  guint8 input[20], digest[SHA_DIGEST_LENGTH];

  memcpy (input, seed, 16);
  input[16] = counter >> 24;
  input[17] = counter >> 16;
  input[18] = counter >> 8;
  input[19] = counter;
  SHA1 (input, sizeof input, digest);
  for (guint i = 0; i < 16; i++)
    {
      guint8 b = digest[i] & 0xFE;
      /* odd parity: the low bit makes the number of ones odd */
      key[i] = b | (__builtin_popcount (b) % 2 == 0 ? 1 : 0);
    }
}

void
emu_derive_3des_key (const guint8 *secret, gsize secret_length, guint32 counter, guint8 key[16])
{
  emu_derive_aes_key (secret, secret_length, counter, 16, key);
  for (guint i = 0; i < 16; i++)
    {
      guint8 b = key[i] & 0xFE;

      key[i] = b | (__builtin_popcount (b) % 2 == 0 ? 1 : 0);
    }
}

static gboolean
des_ede (const char *mode, const guint8 key[16], gboolean encrypt,
         const guint8 *in, gsize len, guint8 *out)
{
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  EVP_CIPHER *cipher = EVP_CIPHER_fetch (NULL, mode, NULL);
  guint8 iv[8] = { 0 };
  int n = 0, m = 0;
  gboolean ok;

  ok = ctx != NULL && cipher != NULL && len % 8 == 0
       && EVP_CipherInit_ex2 (ctx, cipher, key, iv, encrypt ? 1 : 0, NULL)
       && EVP_CIPHER_CTX_set_padding (ctx, 0)
       && EVP_CipherUpdate (ctx, out, &n, in, (int) len)
       && EVP_CipherFinal_ex (ctx, out + n, &m)
       && (gsize) (n + m) == len;
  EVP_CIPHER_free (cipher);
  EVP_CIPHER_CTX_free (ctx);
  return ok;
}

gboolean
emu_des3_cbc (const guint8 key[16], gboolean encrypt, const guint8 *in, gsize len, guint8 *out)
{
  return des_ede ("DES-EDE-CBC", key, encrypt, in, len, out);
}

gboolean
emu_retail_mac (const guint8 key[16], const guint8 *data, gsize len, guint8 mac[8])
{
  guint8 single[16], h[8] = { 0 };

  if (len == 0 || len % 8 != 0)
    return FALSE;
  /* DES with Ka is EDE with Ka ‖ Ka: CBC over every block with Ka alone, then the last block
   * through E(Ka) ∘ D(Kb) ∘ E(Ka), which is EDE with Ka ‖ Kb. */
  memcpy (single, key, 8);
  memcpy (single + 8, key, 8);
  for (gsize off = 0; off < len; off += 8)
    {
      guint8 x[8];

      for (guint i = 0; i < 8; i++)
        x[i] = h[i] ^ data[off + i];
      if (!des_ede ("DES-EDE-ECB", off + 8 < len ? single : key, TRUE, x, 8, h))
        return FALSE;
    }
  memcpy (mac, h, 8);
  return TRUE;
}

void
emu_derive_aes_key (const guint8 *secret, gsize secret_length, guint32 counter,
                    gsize key_length, guint8 *key)
{
  g_autofree guint8 *input = g_malloc (secret_length + 4);
  guint8 digest[SHA256_DIGEST_LENGTH];

  g_assert (key_length == 16 || key_length == 24 || key_length == 32);
  memcpy (input, secret, secret_length);
  input[secret_length] = counter >> 24;
  input[secret_length + 1] = counter >> 16;
  input[secret_length + 2] = counter >> 8;
  input[secret_length + 3] = counter;
  if (key_length == 16)
    SHA1 (input, secret_length + 4, digest);
  else
    SHA256 (input, secret_length + 4, digest);
  memcpy (key, digest, key_length);
}

static const char *
aes_name (gsize key_length, const char *mode)
{
  static char name[32];

  g_snprintf (name, sizeof name, "AES-%zu-%s", key_length * 8, mode);
  return name;
}

gboolean
emu_aes_cbc (const guint8 *key, gsize key_length, gboolean encrypt, const guint8 *iv,
             const guint8 *in, gsize len, guint8 *out)
{
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  EVP_CIPHER *cipher = EVP_CIPHER_fetch (NULL, aes_name (key_length, "CBC"), NULL);
  static const guint8 zero[16] = { 0 };
  int n = 0, m = 0;
  gboolean ok;

  ok = ctx != NULL && cipher != NULL && len % 16 == 0
       && EVP_CipherInit_ex2 (ctx, cipher, key, iv != NULL ? iv : zero, encrypt ? 1 : 0, NULL)
       && EVP_CIPHER_CTX_set_padding (ctx, 0)
       && EVP_CipherUpdate (ctx, out, &n, in, (int) len)
       && EVP_CipherFinal_ex (ctx, out + n, &m)
       && (gsize) (n + m) == len;
  EVP_CIPHER_free (cipher);
  EVP_CIPHER_CTX_free (ctx);
  return ok;
}

gboolean
emu_aes_cmac8 (const guint8 *key, gsize key_length, const guint8 *data, gsize len,
               guint8 mac[8])
{
  EVP_MAC *cmac = EVP_MAC_fetch (NULL, "CMAC", NULL);
  EVP_MAC_CTX *ctx = cmac != NULL ? EVP_MAC_CTX_new (cmac) : NULL;
  char cipher[32];
  OSSL_PARAM params[2];
  guint8 full[16];
  size_t n = 0;
  gboolean ok;

  g_strlcpy (cipher, aes_name (key_length, "CBC"), sizeof cipher);
  params[0] = OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_CIPHER, cipher, 0);
  params[1] = OSSL_PARAM_construct_end ();
  ok = ctx != NULL
       && EVP_MAC_init (ctx, key, key_length, params)
       && EVP_MAC_update (ctx, data, len)
       && EVP_MAC_final (ctx, full, &n, sizeof full)
       && n == 16;
  if (ok)
    memcpy (mac, full, 8);
  EVP_MAC_CTX_free (ctx);
  EVP_MAC_free (cmac);
  return ok;
}

void
emu_pad (GByteArray *data, gsize block)
{
  const guint8 one = 0x80, zero = 0;

  g_byte_array_append (data, &one, 1);
  while (data->len % block != 0)
    g_byte_array_append (data, &zero, 1);
}

gssize
emu_unpad_length (const guint8 *data, gsize len, gsize block)
{
  gssize i = (gssize) len - 1;

  if (len == 0 || len % block != 0)
    return -1;
  while (i >= 0 && data[i] == 0x00 && (gsize) i + block > len)
    i--;
  return i >= 0 && data[i] == 0x80 && (gsize) i + block >= len ? i : -1;
}

gsize
emu_session_block (const EmuSession *s)
{
  return s->aes ? 16 : 8;
}

void
emu_session_increment_ssc (EmuSession *s)
{
  for (int i = (int) emu_session_block (s) - 1; i >= 0; i--)
    if (++s->ssc[i] != 0)
      break;
}

gboolean
emu_session_crypt (const EmuSession *s, gboolean encrypt, const guint8 *in, gsize len,
                   guint8 *out)
{
  guint8 iv[16];

  if (!s->aes)
    return emu_des3_cbc (s->kenc, encrypt, in, len, out);
  /* the IV is the SSC encrypted under Kenc: one block of CBC with a zero IV */
  return emu_aes_cbc (s->kenc, s->key_length, TRUE, NULL, s->ssc, 16, iv)
         && emu_aes_cbc (s->kenc, s->key_length, encrypt, iv, in, len, out);
}

gboolean
emu_session_mac (const EmuSession *s, const guint8 *data, gsize len, guint8 mac[8])
{
  return s->aes ? emu_aes_cmac8 (s->kmac, s->key_length, data, len, mac)
                : emu_retail_mac (s->kmac, data, len, mac);
}
