/* ekyc-chip-crypto-private.h — the chip's cryptography (ICAO 9303 Part 11), all from OpenSSL 3
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The block ciphers of secure messaging. */
typedef enum {
  EKYC_CHIP_CIPHER_3DES,    /* two-key 3DES-CBC, retail MAC (BAC; PACE-3DES) */
  EKYC_CHIP_CIPHER_AES128,  /* AES-CBC, AES-CMAC (PACE) */
  EKYC_CHIP_CIPHER_AES192,
  EKYC_CHIP_CIPHER_AES256,
} EkycChipCipher;

#define EKYC_CHIP_MAX_KEY 32

guint    _ekyc_chip_cipher_key_length   (EkycChipCipher cipher);
guint    _ekyc_chip_cipher_block_length (EkycChipCipher cipher);

/* ICAO 9303 Part 11 §9.7.1 key derivation: keydata = H(@seed || counter), H = SHA-1 for 3DES and
 * AES-128, SHA-256 for AES-192/256; 3DES keys get odd DES parity. @out holds the key length. */
void     _ekyc_chip_kdf (const guint8 *seed, gsize seed_length, guint32 counter,
                         EkycChipCipher cipher, guint8 *out);
/* KDF counters. */
#define EKYC_CHIP_KDF_ENC 1
#define EKYC_CHIP_KDF_MAC 2
#define EKYC_CHIP_KDF_PI  3

/* The MRZ information (document number, birth date, expiry date, each followed by its check
 * digit) as Part 11 §9.7.2 builds it. @document_number is as printed, without fillers; a number
 * shorter than 9 is padded with '<'. FALSE when a field has characters outside the MRZ set or a
 * date is not 6 digits. */
gboolean _ekyc_chip_mrz_information (const char *document_number, const char *birth_yymmdd,
                                     const char *expiry_yymmdd, GString *out);
/* SHA-1 of @data into @out (20 bytes). */
void     _ekyc_chip_sha1 (const guint8 *data, gsize length, guint8 out[20]);
/* Digest by OpenSSL name ("SHA256"…) into @out (up to EVP_MAX_MD_SIZE); 0 when unknown. */
guint    _ekyc_chip_digest (const char *name, const guint8 *data, gsize length, guint8 *out);

/* ISO/IEC 9797-1 padding method 2 to @block bytes (0x80 then zeros), appended in place. */
void     _ekyc_chip_pad (GByteArray *data, guint block);
/* Removes that padding; FALSE when it is not there. */
gboolean _ekyc_chip_unpad (const guint8 *data, gsize length, gsize *unpadded_length);

/* CBC without padding (@length a multiple of the block), @iv NULL for zeros. */
gboolean _ekyc_chip_cbc (EkycChipCipher cipher, const guint8 *key, gboolean encrypt,
                         const guint8 *iv, const guint8 *in, gsize length, guint8 *out);
/* One block in ECB (AES secure messaging's IV is E(KSenc, SSC)). */
gboolean _ekyc_chip_ecb_block (EkycChipCipher cipher, const guint8 *key, const guint8 *in,
                               guint8 *out);
/* The 8-byte MAC of already padded @data: retail MAC (ISO 9797-1 algorithm 3, DES) for 3DES,
 * CMAC truncated to 8 bytes for AES. */
gboolean _ekyc_chip_mac (EkycChipCipher cipher, const guint8 *key, const guint8 *data,
                         gsize length, guint8 out[8]);
/* Random bytes from OpenSSL's DRBG. */
gboolean _ekyc_chip_random (guint8 *out, gsize length);
/* Constant-time comparison. */
gboolean _ekyc_chip_equal (const guint8 *a, const guint8 *b, gsize length);

G_END_DECLS
