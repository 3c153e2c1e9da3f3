/* emu-ca.c — the chip's side of chip authentication (ICAO 9303 Part 11 6.2, BSI TR-03110
 * Part 3 A.4), the AES variant, under the secure messaging of BAC or PACE:
 *
 *   MSE:Set AT            00 22 41 A4  80 id-CA-ECDH-AES-CBC-CMAC-…, 84 key id (optional)
 *   GENERAL AUTHENTICATE  00 86 00 00  7C { 80 PK.IFD }  → 7C { }
 *
 * K = x (SK.chip · PK.IFD) with the static key DG14 publishes (ca-key.pem); KSenc = KDF (K, 1),
 * KSmac = KDF (K, 2), SSC = 0. The answer to GENERAL AUTHENTICATE is still protected with the old
 * keys; every command after it uses the new ones. Written from the specifications.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "emu-chip-private.h"

#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/param_build.h>

/* id-CA-ECDH-AES-CBC-CMAC-{128,192,256} = 0.4.0.127.0.7.2.2.3.2.{2,3,4} */
static const guint8 id_ca_ecdh[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03, 0x02 };

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
  if (oid == NULL || oid_len != sizeof id_ca_ecdh + 1
      || memcmp (oid, id_ca_ecdh, sizeof id_ca_ecdh) != 0 || !dg14_offers (chip, oid, oid_len))
    return SW_WRONG_DATA;
  switch (oid[oid_len - 1])
    {
    case 2: chip->ca_key_length = 16; break;
    case 3: chip->ca_key_length = 24; break;
    case 4: chip->ca_key_length = 32; break;
    default: return SW_WRONG_DATA;
    }
  return SW_OK;
}

/* The terminal's ephemeral public point as a key on the chip key's curve (the point is checked
 * to lie on it). */
static EVP_PKEY *
peer_key (EVP_PKEY *chip_key, const guint8 *point, gsize len)
{
  char group[64];
  OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new ();
  OSSL_PARAM *params = NULL;
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name (NULL, "EC", NULL);
  EVP_PKEY *peer = NULL;

  if (bld != NULL && ctx != NULL
      && EVP_PKEY_get_utf8_string_param (chip_key, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                         sizeof group, NULL) == 1
      && OSSL_PARAM_BLD_push_utf8_string (bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0) == 1
      && OSSL_PARAM_BLD_push_octet_string (bld, OSSL_PKEY_PARAM_PUB_KEY, point, len) == 1
      && (params = OSSL_PARAM_BLD_to_param (bld)) != NULL
      && EVP_PKEY_fromdata_init (ctx) == 1)
    {
      if (EVP_PKEY_fromdata (ctx, &peer, EVP_PKEY_PUBLIC_KEY, params) != 1)
        peer = NULL;
    }
  OSSL_PARAM_free (params);
  OSSL_PARAM_BLD_free (bld);
  EVP_PKEY_CTX_free (ctx);
  return peer;
}

guint
emu_ca_general_authenticate (EmuChip *chip, const Command *c, GByteArray *out)
{
  const guint8 *pos = c->data, *dynamic, *point;
  gsize dynamic_len, point_len, secret_len = 0;
  gsize key_length = chip->ca_key_length;
  guint tag;
  EVP_PKEY *peer;
  EVP_PKEY_CTX *ctx = NULL;
  guint8 secret[66];
  static const guint8 empty[] = { 0x7C, 0x00 };
  gboolean ok;

  chip->ca_key_length = 0;
  if (c->p1 != 0 || c->p2 != 0)
    return SW_WRONG_P1P2;
  if (!emu_read_tlv (&pos, c->data + c->lc, &tag, &dynamic, &dynamic_len) || tag != 0x7C
      || (pos = dynamic, !emu_read_tlv (&pos, dynamic + dynamic_len, &tag, &point, &point_len))
      || tag != 0x80 || point_len < 1 || point[0] != 0x04)
    return SW_WRONG_DATA;
  peer = peer_key (chip->ca_key, point, point_len);
  if (peer == NULL)
    return SW_WRONG_DATA;
  secret_len = sizeof secret;
  ok = (ctx = EVP_PKEY_CTX_new_from_pkey (NULL, chip->ca_key, NULL)) != NULL
       && EVP_PKEY_derive_init (ctx) == 1
       && EVP_PKEY_derive_set_peer (ctx, peer) == 1
       && EVP_PKEY_derive (ctx, secret, &secret_len) == 1;
  EVP_PKEY_CTX_free (ctx);
  EVP_PKEY_free (peer);
  if (!ok)
    return SW_WRONG_DATA;
  memset (&chip->next_sm, 0, sizeof chip->next_sm);
  chip->next_sm.aes = TRUE;
  chip->next_sm.key_length = key_length;
  emu_derive_aes_key (secret, secret_len, 1, key_length, chip->next_sm.kenc);
  emu_derive_aes_key (secret, secret_len, 2, key_length, chip->next_sm.kmac);
  OPENSSL_cleanse (secret, sizeof secret);
  chip->sm_switch_pending = TRUE;
  g_byte_array_append (out, empty, sizeof empty);
  return SW_OK;
}
