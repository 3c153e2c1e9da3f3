/* emu-ca.c — the chip's side of chip authentication (ICAO 9303 Part 11 6.2, BSI TR-03110
 * Part 3 A.4) under the secure messaging of BAC or PACE, every variant of
 * id-CA-{DH,ECDH}-{3DES-CBC-CBC,AES-CBC-CMAC-128,-192,-256} that DG14 offers:
 *
 *   AES:   MSE:Set AT            00 22 41 A4  80 the protocol's OID, 84 key id (optional)
 *          GENERAL AUTHENTICATE  00 86 00 00  7C { 80 PK.IFD }  → 7C { }
 *   3DES:  MSE:Set KAT           00 22 41 A6  91 PK.IFD, 84 key id (optional)
 *
 * With the static key DG14 publishes (ca-key.pem): for ECDH, PK.IFD is a point 04 ‖ x ‖ y on
 * the chip key's curve and K = x (SK.chip · PK.IFD); for DH, PK.IFD is y (as long as p) in the
 * chip key's group and K = PK.IFD ^ SK.chip mod p, as long as p. KSenc = KDF (K, 1),
 * KSmac = KDF (K, 2) (3DES: SHA-1, 16 bytes, DES parity; AES: 9303-11 9.7.1), SSC = 0. The
 * answer to the last command is still protected with the old keys; every command after it uses
 * the new ones. Written from the specifications.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "emu-chip-private.h"

#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/dh.h>

/* id-CA = 0.4.0.127.0.7.2.2.3; then 1 (DH) or 2 (ECDH), then 1 (3DES) or 2–4 (AES-128/192/256) */
static const guint8 id_ca[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03 };

/* Whether DG14's SET of SecurityInfos holds a ChipAuthenticationInfo with protocol OID. */
static gboolean
dg14_offers (EmuChip *chip, const guint8 *oid, gsize oid_len)
{
  for (guint i = 0; i < chip->files->len; i++)
    {
      EmuFile *f = &g_array_index (chip->files, EmuFile, i);
      gsize size;
      const guint8 *pos, *end, *root, *set, *info, *value;
      gsize root_len, set_len, info_len, len;
      guint tag;

      if (f->fid != 0x010E)
        continue;
      pos = g_bytes_get_data (f->content, &size);
      end = pos + size;
      if (!emu_read_tlv (&pos, end, &tag, &root, &root_len) || tag != 0x6E
          || (pos = root, !emu_read_tlv (&pos, root + root_len, &tag, &set, &set_len))
          || tag != 0x31)
        return FALSE;
      pos = set;
      while (emu_read_tlv (&pos, set + set_len, &tag, &info, &info_len))
        {
          const guint8 *p = info;

          if (tag == 0x30 && emu_read_tlv (&p, info + info_len, &tag, &value, &len)
              && tag == 0x06 && len == oid_len && memcmp (value, oid, len) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* The key agreement arc of the chip's key: 1 DH, 2 ECDH. */
static guint8
agreement_of (EVP_PKEY *key)
{
  return EVP_PKEY_get_base_id (key) == EVP_PKEY_EC ? 2 : 1;
}

guint
emu_ca_set_at (EmuChip *chip, const Command *c)
{
  const guint8 *pos = c->data, *end = c->data + c->lc, *value, *oid = NULL;
  gsize len, oid_len = 0;
  guint tag;

  chip->ca_key_length = 0;
  if (!chip->authenticated)
    return SW_NOT_ALLOWED;
  if (chip->ca_key == NULL)
    return SW_REF_NOT_FOUND;
  while (pos < end)
    {
      if (!emu_read_tlv (&pos, end, &tag, &value, &len))
        return SW_WRONG_DATA;
      if (tag == 0x80)
        oid = value, oid_len = len;
      /* 84: the key id; this chip has one key */
    }
  if (oid == NULL || oid_len != sizeof id_ca + 2 || memcmp (oid, id_ca, sizeof id_ca) != 0
      || oid[sizeof id_ca] != agreement_of (chip->ca_key) || !dg14_offers (chip, oid, oid_len))
    return SW_WRONG_DATA;
  switch (oid[oid_len - 1])
    {
    case 2: chip->ca_key_length = 16; break;
    case 3: chip->ca_key_length = 24; break;
    case 4: chip->ca_key_length = 32; break;
    default: return SW_WRONG_DATA;  /* 3DES goes through MSE:Set KAT */
    }
  return SW_OK;
}

/* K from the terminal's ephemeral public key, taken as a key with the chip key's domain
 * parameters (OpenSSL checks that the point lies on the curve, or that y is in range). */
static gboolean
agree (EVP_PKEY *chip_key, const guint8 *public_key, gsize len, guint8 *secret,
       gsize *secret_len)
{
  EVP_PKEY *peer = EVP_PKEY_new ();
  EVP_PKEY_CTX *ctx = NULL;
  gboolean ok;

  if (agreement_of (chip_key) == 2 && (len < 1 || public_key[0] != 0x04))
    {
      EVP_PKEY_free (peer);
      return FALSE;  /* 9303-11: uncompressed points only */
    }
  ok = peer != NULL && EVP_PKEY_copy_parameters (peer, chip_key) == 1
       && EVP_PKEY_set1_encoded_public_key (peer, public_key, len) == 1
       && (ctx = EVP_PKEY_CTX_new_from_pkey (NULL, chip_key, NULL)) != NULL
       && EVP_PKEY_derive_init (ctx) == 1
       && EVP_PKEY_derive_set_peer (ctx, peer) == 1
       && (agreement_of (chip_key) == 2 || EVP_PKEY_CTX_set_dh_pad (ctx, 1) == 1)
       && EVP_PKEY_derive (ctx, secret, secret_len) == 1;
  EVP_PKEY_CTX_free (ctx);
  EVP_PKEY_free (peer);
  return ok;
}

/* The next session's keys from K; they take over after this answer. */
static void
switch_keys (EmuChip *chip, const guint8 *secret, gsize secret_len, gsize aes_key_length)
{
  memset (&chip->next_sm, 0, sizeof chip->next_sm);
  if (aes_key_length == 0)
    {
      chip->next_sm.key_length = 16;
      emu_derive_3des_key (secret, secret_len, 1, chip->next_sm.kenc);
      emu_derive_3des_key (secret, secret_len, 2, chip->next_sm.kmac);
    }
  else
    {
      chip->next_sm.aes = TRUE;
      chip->next_sm.key_length = aes_key_length;
      emu_derive_aes_key (secret, secret_len, 1, aes_key_length, chip->next_sm.kenc);
      emu_derive_aes_key (secret, secret_len, 2, aes_key_length, chip->next_sm.kmac);
    }
  chip->sm_switch_pending = TRUE;
}

guint
emu_ca_general_authenticate (EmuChip *chip, const Command *c, GByteArray *out)
{
  const guint8 *pos = c->data, *dynamic, *public_key;
  gsize dynamic_len, public_key_len, secret_len;
  gsize key_length = chip->ca_key_length;
  guint tag;
  guint8 secret[EMU_CA_MAX_SECRET];
  static const guint8 empty[] = { 0x7C, 0x00 };

  chip->ca_key_length = 0;
  if (c->p1 != 0 || c->p2 != 0)
    return SW_WRONG_P1P2;
  if (!emu_read_tlv (&pos, c->data + c->lc, &tag, &dynamic, &dynamic_len) || tag != 0x7C
      || (pos = dynamic,
          !emu_read_tlv (&pos, dynamic + dynamic_len, &tag, &public_key, &public_key_len))
      || tag != 0x80)
    return SW_WRONG_DATA;
  secret_len = sizeof secret;
  if (!agree (chip->ca_key, public_key, public_key_len, secret, &secret_len))
    return SW_WRONG_DATA;
  switch_keys (chip, secret, secret_len, key_length);
  OPENSSL_cleanse (secret, sizeof secret);
  g_byte_array_append (out, empty, sizeof empty);
  return SW_OK;
}

guint
emu_ca_set_kat (EmuChip *chip, const Command *c)
{
  const guint8 *pos = c->data, *end = c->data + c->lc, *value, *public_key = NULL;
  gsize len, public_key_len = 0, secret_len;
  guint8 oid[sizeof id_ca + 2];
  guint8 secret[EMU_CA_MAX_SECRET];
  guint tag;

  if (!chip->authenticated)
    return SW_NOT_ALLOWED;
  if (chip->ca_key == NULL)
    return SW_REF_NOT_FOUND;
  memcpy (oid, id_ca, sizeof id_ca);
  oid[sizeof id_ca] = agreement_of (chip->ca_key);
  oid[sizeof id_ca + 1] = 1;
  if (!dg14_offers (chip, oid, sizeof oid))
    return SW_REF_NOT_FOUND;  /* this chip does chip authentication with AES only */
  while (pos < end)
    {
      if (!emu_read_tlv (&pos, end, &tag, &value, &len))
        return SW_WRONG_DATA;
      if (tag == 0x91)
        public_key = value, public_key_len = len;
      /* 84: the key id; this chip has one key */
    }
  secret_len = sizeof secret;
  if (public_key == NULL || !agree (chip->ca_key, public_key, public_key_len, secret, &secret_len))
    return SW_WRONG_DATA;
  switch_keys (chip, secret, secret_len, 0);
  OPENSSL_cleanse (secret, sizeof secret);
  return SW_OK;
}
