/* emu-crypto.h — the chip emulator's BAC cryptography (ICAO 9303 Part 11, sections 4.3 and 9.7):
 * key derivation, two-key 3DES in CBC mode, the ISO/IEC 9797-1 retail MAC and padding, all on
 * OpenSSL 3's EVP
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

/* Kx = the first 16 bytes of SHA-1(seed ‖ counter), DES parity bits adjusted (9303-11 9.7.1). */
void       emu_derive_key   (const guint8 seed[16], guint32 counter, guint8 key[16]);
/* 3DES (K1 ‖ K2) in CBC mode with a zero IV; LEN is a multiple of 8. */
gboolean   emu_des3_cbc     (const guint8 key[16], gboolean encrypt,
                             const guint8 *in, gsize len, guint8 *out);
/* ISO/IEC 9797-1 MAC algorithm 3 with DES (retail MAC) over already padded DATA. */
gboolean   emu_retail_mac   (const guint8 key[16], const guint8 *data, gsize len, guint8 mac[8]);
/* ISO/IEC 9797-1 padding method 2: append 0x80, then zeros up to a multiple of 8. */
void       emu_pad          (GByteArray *data);
/* The length before method-2 padding, or -1 when DATA is not padded that way. */
gssize     emu_unpad_length (const guint8 *data, gsize len);
