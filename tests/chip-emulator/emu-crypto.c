/* emu-crypto.c — the chip emulator's BAC cryptography on OpenSSL 3 (see emu-crypto.h)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "emu-crypto.h"

#include <string.h>
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
emu_pad (GByteArray *data)
{
  const guint8 one = 0x80, zero = 0;

  g_byte_array_append (data, &one, 1);
  while (data->len % 8 != 0)
    g_byte_array_append (data, &zero, 1);
}

gssize
emu_unpad_length (const guint8 *data, gsize len)
{
  gssize i = (gssize) len - 1;

  if (len == 0 || len % 8 != 0)
    return -1;
  while (i >= 0 && data[i] == 0x00 && (gsize) i + 8 > len)
    i--;
  return i >= 0 && data[i] == 0x80 && (gsize) i + 8 >= len ? i : -1;
}
