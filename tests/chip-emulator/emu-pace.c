/* emu-pace.c — the chip's side of PACE with the MRZ password (ICAO 9303 Part 11 4.4 and 9.2.1,
 * BSI TR-03110 Part 3 A.3 and B.1): generic mapping on an elliptic curve (ECDH-GM), AES secure
 * messaging after it.
 *
 *   MSE:Set AT            00 22 C1 A4  80 protocol OID, 83 password reference (01: MRZ),
 *                                      84 domain parameter id (optional)
 *   GENERAL AUTHENTICATE  10 86 00 00  7C { }                → 7C { 80 z = E(Kπ, s) }
 *                         10 86 00 00  7C { 81 PK.map.IFD }   → 7C { 82 PK.map.IC }
 *                         10 86 00 00  7C { 83 PK.eph.IFD }   → 7C { 84 PK.eph.IC }
 *                         00 86 00 00  7C { 85 T.IFD }        → 7C { 86 T.IC }
 *
 * Kπ = KDF (SHA-1 (MRZ_information), 3); G' = s·G + SK.map.IC·PK.map.IFD; K = x (SK.eph.IC ·
 * PK.eph.IFD); KSenc = KDF (K, 1), KSmac = KDF (K, 2); T.IC = CMAC (KSmac, 7F49 { 06 OID,
 * 86 PK.eph.IFD }), T.IFD the same over PK.eph.IC; secure messaging starts with SSC = 0.
 * Written from the specifications, not from the reader.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "emu-chip-private.h"

#include <string.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>

/* id-PACE-ECDH-GM-AES-CBC-CMAC-128/-192/-256: 0.4.0.127.0.7.2.2.4.2.{2,3,4} */
static const guint8 pace_ecdh_gm_prefix[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04,
                                              0x02 };

struct _EmuPace {
  int        step;            /* GENERAL AUTHENTICATE steps answered so far */
  guint8     oid[16];
  gsize      oid_length;
  gsize      key_length;      /* 16, 24 or 32 */
  EC_GROUP  *group;           /* the standard domain parameters, then the mapped ones */
  BIGNUM    *nonce;           /* s */
  BIGNUM    *sk_map, *sk_eph;
  EC_POINT  *pk_map, *pk_eph, *pk_eph_ifd;
  guint8     ks_enc[32], ks_mac[32];
};

void
emu_pace_free (EmuPace *pace)
{
  if (pace == NULL)
    return;
  EC_GROUP_free (pace->group);
  BN_clear_free (pace->nonce);
  BN_clear_free (pace->sk_map);
  BN_clear_free (pace->sk_eph);
  EC_POINT_free (pace->pk_map);
  EC_POINT_free (pace->pk_eph);
  EC_POINT_free (pace->pk_eph_ifd);
  OPENSSL_cleanse (pace, sizeof *pace);
  g_free (pace);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmuPace, emu_pace_free)

/* The standardized domain parameters (9303-11 9.5.1, table 6). */
static int
curve_of_parameter_id (int id)
{
  switch (id)
    {
    case 8: return NID_X9_62_prime192v1;
    case 9: return NID_brainpoolP192r1;
    case 10: return NID_secp224r1;
    case 11: return NID_brainpoolP224r1;
    case 12: return NID_X9_62_prime256v1;
    case 13: return NID_brainpoolP256r1;
    case 14: return NID_brainpoolP320r1;
    case 15: return NID_secp384r1;
    case 16: return NID_brainpoolP384r1;
    case 17: return NID_brainpoolP512r1;
    case 18: return NID_secp521r1;
    default: return NID_undef;
    }
}

/* A DER INTEGER's value of at most 4 bytes, or -1. */
static int
small_integer (const guint8 *value, gsize len)
{
  int v = 0;

  if (len == 0 || len > 4)
    return -1;
  for (gsize i = 0; i < len; i++)
    v = (v << 8) | value[i];
  return v;
}

/* EF.CardAccess = SET OF SecurityInfo; PACEInfo ::= SEQUENCE { protocol OBJECT IDENTIFIER
 * (id-PACE-…), version INTEGER, parameterId INTEGER OPTIONAL } (9303-11 9.2.1). */
void
emu_pace_load_infos (EmuChip *chip, GBytes *card_access)
{
  gsize size;
  const guint8 *pos = g_bytes_get_data (card_access, &size), *end = pos + size, *set, *info;
  gsize set_len, info_len;
  guint tag;

  if (!emu_read_tlv (&pos, end, &tag, &set, &set_len) || tag != 0x31)
    return;
  pos = set;
  while (emu_read_tlv (&pos, set + set_len, &tag, &info, &info_len))
    {
      const guint8 *p = info, *oid, *version, *id;
      gsize oid_len, version_len, id_len;
      EmuPaceInfo pace = { { 0 }, 0, 0 };

      if (tag != 0x30 || !emu_read_tlv (&p, info + info_len, &tag, &oid, &oid_len) || tag != 0x06
          || oid_len > sizeof pace.oid || oid_len < 8 || memcmp (oid, pace_ecdh_gm_prefix, 7) != 0
          || !emu_read_tlv (&p, info + info_len, &tag, &version, &version_len) || tag != 0x02
          || small_integer (version, version_len) != 2)
        continue;  /* not a PACEInfo of version 2 */
      if (p < info + info_len)
        {
          if (!emu_read_tlv (&p, info + info_len, &tag, &id, &id_len) || tag != 0x02)
            continue;
          pace.parameter_id = small_integer (id, id_len);
        }
      memcpy (pace.oid, oid, oid_len);
      pace.oid_length = oid_len;
      g_array_append_val (chip->pace_infos, pace);
    }
}

/* The key length of a supported PACE protocol OID (ECDH-GM with AES), or 0. */
static gsize
key_length_of (const guint8 *oid, gsize len)
{
  if (len != sizeof pace_ecdh_gm_prefix + 1
      || memcmp (oid, pace_ecdh_gm_prefix, sizeof pace_ecdh_gm_prefix) != 0)
    return 0;
  switch (oid[len - 1])
    {
    case 2: return 16;
    case 3: return 24;
    case 4: return 32;
    default: return 0;
    }
}

guint
emu_pace_set_at (EmuChip *chip, const Command *c)
{
  const guint8 *pos = c->data, *end = c->data + c->lc, *value, *oid = NULL;
  gsize len, oid_len = 0;
  guint tag;
  int password = -1, parameter_id = -1;
  const EmuPaceInfo *chosen = NULL;
  g_autoptr(EmuPace) pace = NULL;
  int nid;

  g_clear_pointer (&chip->pace, emu_pace_free);
  if (c->p1 != 0xC1 || c->p2 != 0xA4)
    return SW_WRONG_P1P2;  /* only "set authentication template for mutual authentication" */
  if (chip->authenticated)
    return SW_NO_CHALLENGE;  /* chip authentication is not offered */
  while (pos < end)
    {
      if (!emu_read_tlv (&pos, end, &tag, &value, &len))
        return SW_WRONG_DATA;
      if (tag == 0x80)
        oid = value, oid_len = len;
      else if (tag == 0x83 && len == 1)
        password = value[0];
      else if (tag == 0x84)
        parameter_id = small_integer (value, len);
      /* 7F4C (a terminal's CHAT) and others: not needed with the MRZ password */
    }
  if (chip->refuse_pace)
    return SW_REF_NOT_FOUND;
  if (oid == NULL || password < 0)
    return SW_WRONG_DATA;
  for (guint i = 0; i < chip->pace_infos->len; i++)
    {
      const EmuPaceInfo *info = &g_array_index (chip->pace_infos, EmuPaceInfo, i);

      if (info->oid_length == oid_len && memcmp (info->oid, oid, oid_len) == 0
          && (parameter_id < 0 || parameter_id == info->parameter_id))
        {
          chosen = info;
          break;
        }
    }
  /* the protocol must be one EF.CardAccess lists; the password the MRZ (a CAN is not set) */
  if (chosen == NULL || key_length_of (oid, oid_len) == 0)
    return SW_WRONG_DATA;
  if (password != 0x01)
    return SW_REF_NOT_FOUND;
  nid = curve_of_parameter_id (chosen->parameter_id);
  if (nid == NID_undef)
    return SW_WRONG_DATA;
  pace = g_new0 (EmuPace, 1);
  pace->group = EC_GROUP_new_by_curve_name (nid);
  if (pace->group == NULL)
    return SW_WRONG_DATA;
  memcpy (pace->oid, oid, oid_len);
  pace->oid_length = oid_len;
  pace->key_length = key_length_of (oid, oid_len);
  chip->pace = g_steal_pointer (&pace);
  return SW_OK;
}

static gsize
field_length (const EC_GROUP *group)
{
  return (EC_GROUP_get_degree (group) + 7) / 8;
}

static GBytes *
encode_point (const EC_GROUP *group, const EC_POINT *point, BN_CTX *ctx)
{
  guint8 buf[1 + 2 * 66];
  size_t n = EC_POINT_point2oct (group, point, POINT_CONVERSION_UNCOMPRESSED, buf, sizeof buf,
                                 ctx);

  return n > 0 ? g_bytes_new (buf, n) : NULL;
}

/* An uncompressed point 04 ‖ x ‖ y on the curve, not at infinity. */
static EC_POINT *
decode_point (const EC_GROUP *group, const guint8 *data, gsize len, BN_CTX *ctx)
{
  EC_POINT *point;

  if (len != 1 + 2 * field_length (group) || data[0] != 0x04)
    return NULL;
  point = EC_POINT_new (group);
  if (point == NULL || EC_POINT_oct2point (group, point, data, len, ctx) != 1
      || EC_POINT_is_on_curve (group, point, ctx) != 1 || EC_POINT_is_at_infinity (group, point))
    {
      EC_POINT_free (point);
      return NULL;
    }
  return point;
}

/* A private key in [1, n − 1]. */
static BIGNUM *
random_scalar (const EC_GROUP *group, BN_CTX *ctx)
{
  BIGNUM *k = BN_new ();

  do
    {
      if (k == NULL || BN_priv_rand_range_ex (k, EC_GROUP_get0_order (group), 0, ctx) != 1)
        {
          BN_free (k);
          return NULL;
        }
    }
  while (BN_is_zero (k));
  return k;
}

/* 7C { TAG value } */
static void
append_dynamic (GByteArray *out, guint tag, const guint8 *value, gsize len)
{
  g_autoptr(GByteArray) inner = g_byte_array_new ();

  emu_append_tlv (inner, tag, value, len);
  emu_append_tlv (out, 0x7C, inner->data, inner->len);
}

static void
append_dynamic_bytes (GByteArray *out, guint tag, GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  append_dynamic (out, tag, data, len);
}

/* Step 1: the nonce s, encrypted with Kπ = KDF (K, 3). */
static guint
send_nonce (EmuChip *chip, EmuPace *pace, GByteArray *out)
{
  guint8 s[16], z[16], k_pi[32];

  if (RAND_priv_bytes (s, sizeof s) != 1)
    return SW_UNKNOWN;
  emu_derive_aes_key (chip->mrz_hash, sizeof chip->mrz_hash, 3, pace->key_length, k_pi);
  if (!emu_aes_cbc (k_pi, pace->key_length, TRUE, NULL, s, sizeof s, z))
    return SW_UNKNOWN;
  pace->nonce = BN_bin2bn (s, sizeof s, NULL);
  OPENSSL_cleanse (s, sizeof s);
  OPENSSL_cleanse (k_pi, sizeof k_pi);
  append_dynamic (out, 0x80, z, sizeof z);
  return SW_OK;
}

/* Step 2: the mapping keys; G' = s·G + SK.map.IC·PK.map.IFD becomes the generator. */
static guint
map_nonce (EmuPace *pace, const guint8 *pk_ifd, gsize len, GByteArray *out, BN_CTX *ctx)
{
  g_autoptr(GBytes) encoded = NULL;
  EC_POINT *peer = decode_point (pace->group, pk_ifd, len, ctx);
  EC_POINT *generator = NULL;
  EC_GROUP *mapped = NULL;
  guint sw = SW_WRONG_DATA;

  if (peer == NULL)
    return SW_WRONG_DATA;
  pace->sk_map = random_scalar (pace->group, ctx);
  pace->pk_map = EC_POINT_new (pace->group);
  generator = EC_POINT_new (pace->group);
  if (pace->sk_map == NULL || pace->pk_map == NULL || generator == NULL
      || EC_POINT_mul (pace->group, pace->pk_map, pace->sk_map, NULL, NULL, ctx) != 1
      || (encoded = encode_point (pace->group, pace->pk_map, ctx)) == NULL)
    goto out;
  /* the terminal must not have sent the chip's own key back */
  if (EC_POINT_cmp (pace->group, peer, pace->pk_map, ctx) == 0)
    goto out;
  if (EC_POINT_mul (pace->group, generator, pace->nonce, peer, pace->sk_map, ctx) != 1
      || EC_POINT_is_at_infinity (pace->group, generator))
    goto out;
  mapped = EC_GROUP_dup (pace->group);
  if (mapped == NULL
      || EC_GROUP_set_generator (mapped, generator, EC_GROUP_get0_order (pace->group),
                                 EC_GROUP_get0_cofactor (pace->group)) != 1)
    {
      EC_GROUP_free (mapped);
      sw = SW_UNKNOWN;
      goto out;
    }
  EC_GROUP_free (pace->group);
  pace->group = mapped;
  append_dynamic_bytes (out, 0x82, encoded);
  sw = SW_OK;
out:
  EC_POINT_free (peer);
  EC_POINT_free (generator);
  return sw;
}

/* Step 3: the ephemeral keys on the mapped parameters; K = x (SK.eph.IC · PK.eph.IFD). */
static guint
agree_keys (EmuPace *pace, const guint8 *pk_ifd, gsize len, GByteArray *out, BN_CTX *ctx)
{
  g_autoptr(GBytes) encoded = NULL;
  EC_POINT *shared = NULL;
  BIGNUM *x = BN_new ();
  guint8 k[66];
  gsize k_len = field_length (pace->group);
  guint sw = SW_WRONG_DATA;

  pace->pk_eph_ifd = decode_point (pace->group, pk_ifd, len, ctx);
  if (pace->pk_eph_ifd == NULL || x == NULL)
    goto out;
  pace->sk_eph = random_scalar (pace->group, ctx);
  pace->pk_eph = EC_POINT_new (pace->group);
  shared = EC_POINT_new (pace->group);
  if (pace->sk_eph == NULL || pace->pk_eph == NULL || shared == NULL
      || EC_POINT_mul (pace->group, pace->pk_eph, pace->sk_eph, NULL, NULL, ctx) != 1
      || (encoded = encode_point (pace->group, pace->pk_eph, ctx)) == NULL)
    {
      sw = SW_UNKNOWN;
      goto out;
    }
  /* TR-03110 A.3.4: the chip checks PK.eph.IFD ≠ PK.eph.IC */
  if (EC_POINT_cmp (pace->group, pace->pk_eph_ifd, pace->pk_eph, ctx) == 0)
    goto out;
  if (EC_POINT_mul (pace->group, shared, NULL, pace->pk_eph_ifd, pace->sk_eph, ctx) != 1
      || EC_POINT_is_at_infinity (pace->group, shared)
      || EC_POINT_get_affine_coordinates (pace->group, shared, x, NULL, ctx) != 1
      || BN_bn2binpad (x, k, (int) k_len) != (int) k_len)
    goto out;
  emu_derive_aes_key (k, k_len, 1, pace->key_length, pace->ks_enc);
  emu_derive_aes_key (k, k_len, 2, pace->key_length, pace->ks_mac);
  OPENSSL_cleanse (k, sizeof k);
  append_dynamic_bytes (out, 0x84, encoded);
  sw = SW_OK;
out:
  EC_POINT_free (shared);
  BN_clear_free (x);
  return sw;
}

/* The authentication token: CMAC (KSmac, 7F49 { 06 OID, 86 public point }), 8 bytes. */
static gboolean
token (EmuPace *pace, const EC_POINT *point, guint8 t[8], BN_CTX *ctx)
{
  g_autoptr(GBytes) encoded = encode_point (pace->group, point, ctx);
  g_autoptr(GByteArray) inner = g_byte_array_new ();
  g_autoptr(GByteArray) object = g_byte_array_new ();
  gsize len;
  const guint8 *data;

  if (encoded == NULL)
    return FALSE;
  data = g_bytes_get_data (encoded, &len);
  emu_append_tlv (inner, 0x06, pace->oid, pace->oid_length);
  emu_append_tlv (inner, 0x86, data, len);
  emu_append_tlv (object, 0x7F49, inner->data, inner->len);
  return emu_aes_cmac8 (pace->ks_mac, pace->key_length, object->data, object->len, t);
}

/* Step 4: check T.IFD, answer T.IC, and secure messaging starts under KSenc, KSmac. */
static guint
mutual_authenticate (EmuChip *chip, EmuPace *pace, const guint8 *t_ifd, gsize len,
                     GByteArray *out, BN_CTX *ctx)
{
  guint8 expected[8], t_ic[8];

  if (len != 8 || !token (pace, pace->pk_eph, expected, ctx)
      || CRYPTO_memcmp (expected, t_ifd, 8) != 0)
    return SW_WRONG_KEY;  /* the password was wrong (or the terminal's keys) */
  if (!token (pace, pace->pk_eph_ifd, t_ic, ctx))
    return SW_UNKNOWN;
  append_dynamic (out, 0x86, t_ic, sizeof t_ic);
  memset (&chip->sm, 0, sizeof chip->sm);
  chip->sm.aes = TRUE;
  chip->sm.key_length = pace->key_length;
  memcpy (chip->sm.kenc, pace->ks_enc, pace->key_length);
  memcpy (chip->sm.kmac, pace->ks_mac, pace->key_length);
  chip->authenticated = TRUE;
  return SW_OK;
}

guint
emu_pace_general_authenticate (EmuChip *chip, const Command *c, GByteArray *out)
{
  static const guint expected_tags[] = { 0, 0x81, 0x83, 0x85 };
  EmuPace *pace = chip->pace;
  const guint8 *pos, *dynamic, *value = NULL;
  gsize dynamic_len, len = 0;
  gboolean chained = (c->cla & 0x10) != 0;
  guint tag, sw;
  BN_CTX *ctx;

  if (pace == NULL || pace->step > 3)
    return SW_NO_CHALLENGE;  /* no MSE:Set AT before */
  if (c->p1 != 0 || c->p2 != 0)
    return SW_WRONG_P1P2;
  /* steps 1–3 are chained, step 4 ends the chain */
  if (chained != (pace->step < 3))
    {
      g_clear_pointer (&chip->pace, emu_pace_free);
      return SW_LAST_OF_CHAIN;
    }
  pos = c->data;
  if (!emu_read_tlv (&pos, c->data + c->lc, &tag, &dynamic, &dynamic_len) || tag != 0x7C
      || pos != c->data + c->lc)
    {
      g_clear_pointer (&chip->pace, emu_pace_free);
      return SW_WRONG_DATA;
    }
  if (pace->step == 0 ? dynamic_len != 0
      : (pos = dynamic, !emu_read_tlv (&pos, dynamic + dynamic_len, &tag, &value, &len)
         || tag != expected_tags[pace->step] || pos != dynamic + dynamic_len))
    {
      g_clear_pointer (&chip->pace, emu_pace_free);
      return SW_WRONG_DATA;
    }
  ctx = BN_CTX_new ();
  switch (pace->step)
    {
    case 0: sw = send_nonce (chip, pace, out); break;
    case 1: sw = map_nonce (pace, value, len, out, ctx); break;
    case 2: sw = agree_keys (pace, value, len, out, ctx); break;
    default: sw = mutual_authenticate (chip, pace, value, len, out, ctx); break;
    }
  BN_CTX_free (ctx);
  pace->step++;
  /* a failed step or the last one ends the run */
  if (sw != SW_OK || pace->step > 3)
    {
      g_byte_array_set_size (out, sw == SW_OK ? out->len : 0);
      g_clear_pointer (&chip->pace, emu_pace_free);
    }
  return sw;
}
