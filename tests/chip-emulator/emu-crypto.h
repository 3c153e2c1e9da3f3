/* emu-crypto.h — the chip emulator's symmetric cryptography on OpenSSL 3's EVP (ICAO 9303
 * Part 11, sections 9.7 and 9.8): BAC's key derivation, two-key 3DES in CBC mode and the
 * ISO/IEC 9797-1 retail MAC; PACE's key derivation, AES in CBC mode and AES-CMAC; the
 * ISO/IEC 9797-1 padding; and one secure messaging session's cipher operations
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

/* Keys and send sequence counter of one secure messaging session (9303-11 9.8). */
typedef struct {
  gboolean aes;          /* FALSE: 3DES and retail MAC (BAC), TRUE: AES and CMAC (PACE) */
  gsize    key_length;   /* 16 for 3DES; 16, 24 or 32 for AES */
  guint8   kenc[32], kmac[32];
  guint8   ssc[16];      /* 8 bytes for 3DES, 16 for AES */
} EmuSession;

/* Kx = the first 16 bytes of SHA-1(seed ‖ counter), DES parity bits adjusted (9303-11 9.7.1). */
void       emu_derive_key   (const guint8 seed[16], guint32 counter, guint8 key[16]);
/* The KDF for AES keys (9303-11 9.7.1): SHA-1 (K ‖ counter) cut to 16 bytes for AES-128,
 * SHA-256 (K ‖ counter) cut to 24 or 32 bytes for AES-192 and AES-256. */
void       emu_derive_aes_key (const guint8 *secret, gsize secret_length, guint32 counter,
                               gsize key_length, guint8 *key);
/* The KDF for 3DES keys from a shared secret of any length (chip authentication): the first 16
 * bytes of SHA-1 (K ‖ counter), DES parity bits adjusted (9303-11 9.7.1). */
void       emu_derive_3des_key (const guint8 *secret, gsize secret_length, guint32 counter,
                                guint8 key[16]);
/* 3DES (K1 ‖ K2) in CBC mode with a zero IV; LEN is a multiple of 8. */
gboolean   emu_des3_cbc     (const guint8 key[16], gboolean encrypt,
                             const guint8 *in, gsize len, guint8 *out);
/* ISO/IEC 9797-1 MAC algorithm 3 with DES (retail MAC) over already padded DATA. */
gboolean   emu_retail_mac   (const guint8 key[16], const guint8 *data, gsize len, guint8 mac[8]);
/* AES with a KEY_LENGTH-byte key in CBC mode; IV NULL is a zero IV; LEN a multiple of 16. */
gboolean   emu_aes_cbc      (const guint8 *key, gsize key_length, gboolean encrypt,
                             const guint8 *iv, const guint8 *in, gsize len, guint8 *out);
/* AES-CMAC (NIST SP 800-38B) of DATA, the first 8 bytes. */
gboolean   emu_aes_cmac8    (const guint8 *key, gsize key_length, const guint8 *data, gsize len,
                             guint8 mac[8]);
/* ISO/IEC 9797-1 padding method 2: append 0x80, then zeros up to a multiple of BLOCK. */
void       emu_pad          (GByteArray *data, gsize block);
/* The length before method-2 padding to BLOCK, or -1 when DATA is not padded that way. */
gssize     emu_unpad_length (const guint8 *data, gsize len, gsize block);

/* The session's block size: 8 (3DES) or 16 (AES). */
gsize      emu_session_block   (const EmuSession *s);
void       emu_session_increment_ssc (EmuSession *s);
/* Encrypts or decrypts LEN bytes (a multiple of the block) with Kenc: 3DES with a zero IV, AES
 * with IV = E(Kenc, SSC) (9303-11 9.8.6.1). */
gboolean   emu_session_crypt   (const EmuSession *s, gboolean encrypt, const guint8 *in,
                                gsize len, guint8 *out);
/* The 8-byte MAC with Kmac over already padded DATA. */
gboolean   emu_session_mac     (const EmuSession *s, const guint8 *data, gsize len,
                                guint8 mac[8]);
