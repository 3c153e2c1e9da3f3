/* ekyc-chip-pace.c — PACE with the MRZ password (ICAO 9303 Part 11 §4.4): EF.CardAccess, ECDH
 * generic mapping on the standardized curves, AES secure messaging
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The elliptic-curve arithmetic is OpenSSL's (EC_POINT_mul); this file only follows the
 * protocol: decrypt the nonce s with K_pi, map G^ = s·G + H with H = SK_map·PK_map,IC, agree on
 * K = SK_DH·PK_DH,IC over G^, derive KSenc/KSmac from x(K), exchange the CMAC tokens.
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-chip-crypto-private.h"
#include "ekyc-chip-private.h"
#include "ekyc-i18n-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EC_GROUP, EC_GROUP_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EC_POINT, EC_POINT_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIGNUM, BN_clear_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BN_CTX, BN_CTX_free)

/* id-PACE-ECDH-GM-AES-CBC-CMAC-{128,192,256}: 0.4.0.127.0.7.2.2.4.2.{2,3,4} */
static const guint8 pace_ecdh_gm_prefix[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04,
                                              0x02 };

/* ICAO 9303 Part 11 Table 6: standardized domain parameters. */
static const struct {
  int         id;
  int         nid;
  const char *name;
} curves[] = {
  { 8, NID_X9_62_prime192v1, "NIST P-192" },
  { 9, NID_brainpoolP192r1, "brainpoolP192r1" },
  { 10, NID_secp224r1, "NIST P-224" },
  { 11, NID_brainpoolP224r1, "brainpoolP224r1" },
  { 12, NID_X9_62_prime256v1, "NIST P-256" },
  { 13, NID_brainpoolP256r1, "brainpoolP256r1" },
  { 14, NID_brainpoolP320r1, "brainpoolP320r1" },
  { 15, NID_secp384r1, "NIST P-384" },
  { 16, NID_brainpoolP384r1, "brainpoolP384r1" },
  { 17, NID_brainpoolP512r1, "brainpoolP512r1" },
  { 18, NID_secp521r1, "NIST P-521" },
};

typedef struct {
  guint8         oid[16];
  gsize          oid_length;
  EkycChipCipher cipher;
  int            parameter_id;
  int            nid;
  const char    *curve_name;
} PaceInfo;

/* The first PACEInfo of EF.CardAccess this reader supports. */
static gboolean
pace_info_parse (const guint8 *data, gsize length, PaceInfo *out)
{
  EkycTlv set, info;
  EkycTlvIter iter;

  if (!ekyc_tlv_expect (data, length, 0x31, &set, NULL))
    return FALSE;
  ekyc_tlv_iter_init (&iter, set.value, set.length);
  while (ekyc_tlv_iter_next (&iter, &info, NULL))
    {
      EkycTlvIter fields;
      EkycTlv oid, version, parameter;

      if (info.tag != 0x30)
        continue;
      ekyc_tlv_iter_init (&fields, info.value, info.length);
      if (!ekyc_tlv_iter_next (&fields, &oid, NULL) || oid.tag != 0x06 ||
          oid.length != sizeof pace_ecdh_gm_prefix + 1 ||
          memcmp (oid.value, pace_ecdh_gm_prefix, sizeof pace_ecdh_gm_prefix) != 0 ||
          oid.value[oid.length - 1] < 2 || oid.value[oid.length - 1] > 4 ||
          !ekyc_tlv_iter_next (&fields, &version, NULL) || version.tag != 0x02 ||
          !ekyc_tlv_iter_next (&fields, &parameter, NULL) || parameter.tag != 0x02 ||
          parameter.length != 1)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (curves); i++)
        if (curves[i].id == parameter.value[0])
          {
            memcpy (out->oid, oid.value, oid.length);
            out->oid_length = oid.length;
            out->cipher = oid.value[oid.length - 1] == 2 ? EKYC_CHIP_CIPHER_AES128
                        : oid.value[oid.length - 1] == 3 ? EKYC_CHIP_CIPHER_AES192
                        : EKYC_CHIP_CIPHER_AES256;
            out->parameter_id = curves[i].id;
            out->nid = curves[i].nid;
            out->curve_name = curves[i].name;
            return TRUE;
          }
    }
  return FALSE;
}

static gboolean
pace_fail (GError **error, const char *what)
{
  _ekyc_i18n_init ();
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_COMMUNICATION,
               _("PACE with the chip failed (%s)."), what);
  return FALSE;
}

/* One GENERAL AUTHENTICATE step: sends 7C{@tag: @data} and returns the value of the answer's
 * @answer_tag inside 7C. */
static gboolean
general_authenticate (EkycChipCard *card, gboolean last, guint32 tag, const guint8 *data,
                      gsize length, guint32 answer_tag, GByteArray *answer, GError **error)
{
  g_autoptr(GByteArray) inner = g_byte_array_new ();
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) response = g_byte_array_new ();
  EkycChipApdu apdu = { last ? 0x00 : 0x10, 0x86, 0x00, 0x00, NULL, 0, 0, FALSE };
  EkycTlv dyn, value;
  guint16 sw = 0;

  if (tag != 0)
    ekyc_tlv_append (inner, tag, data, length);
  ekyc_tlv_append (body, 0x7C, inner->data, inner->len);
  apdu.data = body->data;
  apdu.length = body->len;
  if (!_ekyc_chip_card_send (card, &apdu, response, &sw, error))
    return FALSE;
  if (sw == 0x6300 || (sw & 0xFFF0) == 0x63C0 || sw == 0x6982)
    return _ekyc_chip_access_denied (error);
  if (sw != 0x9000)
    return pace_fail (error, "refused step");
  if (!ekyc_tlv_expect (response->data, response->len, 0x7C, &dyn, NULL) ||
      !ekyc_tlv_find (&dyn, answer_tag, &value, NULL))
    return pace_fail (error, "malformed answer");
  g_byte_array_append (answer, value.value, (guint) value.length);
  return TRUE;
}

static BIGNUM *
random_scalar (EkycChipCard *card, const BIGNUM *order)
{
  BIGNUM *k = BN_new ();

  if (card->fixed_random != NULL)
    {
      guint8 bytes[66];
      gsize n = (gsize) BN_num_bytes (order);

      if (n > sizeof bytes || !_ekyc_chip_card_random (card, bytes, n))
        {
          BN_free (k);
          return NULL;
        }
      BN_bin2bn (bytes, (int) n, k);
      return k;
    }
  do
    {
      if (BN_priv_rand_range (k, order) != 1)
        {
          BN_free (k);
          return NULL;
        }
    }
  while (BN_is_zero (k));
  return k;
}

static GByteArray *
encode_point (const EC_GROUP *group, const EC_POINT *point, BN_CTX *ctx)
{
  GByteArray *out = g_byte_array_new ();
  size_t n = EC_POINT_point2oct (group, point, POINT_CONVERSION_UNCOMPRESSED, NULL, 0, ctx);

  g_byte_array_set_size (out, (guint) n);
  EC_POINT_point2oct (group, point, POINT_CONVERSION_UNCOMPRESSED, out->data, n, ctx);
  return out;
}

static EC_POINT *
decode_point (const EC_GROUP *group, const GByteArray *bytes, BN_CTX *ctx)
{
  EC_POINT *point = EC_POINT_new (group);

  if (EC_POINT_oct2point (group, point, bytes->data, bytes->len, ctx) != 1 ||
      EC_POINT_is_at_infinity (group, point) || EC_POINT_is_on_curve (group, point, ctx) != 1)
    {
      EC_POINT_free (point);
      return NULL;
    }
  return point;
}

/* T = MAC(KSmac, 7F49 { 06 OID, 86 public point }) */
static gboolean
auth_token (const PaceInfo *info, const guint8 *ksmac, const GByteArray *point, guint8 out[8])
{
  g_autoptr(GByteArray) inner = g_byte_array_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();

  ekyc_tlv_append (inner, 0x06, info->oid, info->oid_length);
  ekyc_tlv_append (inner, 0x86, point->data, point->len);
  ekyc_tlv_append (data, 0x7F49, inner->data, inner->len);
  return _ekyc_chip_mac (info->cipher, ksmac, data->data, data->len, out);
}

gboolean
_ekyc_chip_pace (EkycChipCard *card, const EkycChipKey *key, GBytes *card_access, char **detail,
                 GError **error)
{
  g_autoptr(GString) info_text = g_string_new (NULL);
  g_autoptr(GByteArray) mse = g_byte_array_new ();
  g_autoptr(GByteArray) z = g_byte_array_new ();
  g_autoptr(GByteArray) pk_map_ic_bytes = g_byte_array_new ();
  g_autoptr(GByteArray) pk_dh_ic_bytes = g_byte_array_new ();
  g_autoptr(GByteArray) t_ic = g_byte_array_new ();
  g_autoptr(GByteArray) pk_map_bytes = NULL, pk_dh_bytes = NULL;
  g_autoptr(EC_GROUP) group = NULL;
  g_autoptr(BN_CTX) ctx = BN_CTX_new ();
  g_autoptr(BIGNUM) s_bn = NULL, sk_map = NULL, sk_dh = NULL, one = BN_new ();
  g_autoptr(EC_POINT) pk_map = NULL, pk_map_ic = NULL, h = NULL, g_hat = NULL, pk_dh = NULL,
                      pk_dh_ic = NULL, shared = NULL;
  g_autoptr(BIGNUM) shared_x = BN_new ();
  const BIGNUM *order;
  PaceInfo info;
  guint8 k[20], kpi[EKYC_CHIP_MAX_KEY], s[16], ksenc[EKYC_CHIP_MAX_KEY], ksmac[EKYC_CHIP_MAX_KEY];
  guint8 secret[66], t_ifd[8], t_ic_expected[8], ssc[16] = { 0 };
  EkycChipApdu set_at = { 0x00, 0x22, 0xC1, 0xA4, NULL, 0, -1, FALSE };
  guint16 sw = 0;
  int field_bytes;
  gboolean ok = FALSE;
  const guint8 password_ref = 0x01;   /* MRZ */

  if (!pace_info_parse (g_bytes_get_data (card_access, NULL),
                                   g_bytes_get_size (card_access), &info))
    return pace_fail (error, "no supported PACE protocol in EF.CardAccess");
  _ekyc_chip_card_stop_sm (card);
  if (!_ekyc_chip_mrz_information (key->document_number, key->birth_date, key->expiry_date,
                                   info_text))
    return _ekyc_chip_access_denied (error);
  _ekyc_chip_sha1 ((const guint8 *) info_text->str, info_text->len, k);
  _ekyc_chip_kdf (k, 20, EKYC_CHIP_KDF_PI, info.cipher, kpi);

  /* MSE:Set AT — protocol, MRZ password, domain parameters. */
  ekyc_tlv_append (mse, 0x80, info.oid, info.oid_length);
  ekyc_tlv_append (mse, 0x83, &password_ref, 1);
  {
    guint8 id = (guint8) info.parameter_id;
    ekyc_tlv_append (mse, 0x84, &id, 1);
  }
  set_at.data = mse->data;
  set_at.length = mse->len;
  if (!_ekyc_chip_card_send (card, &set_at, NULL, &sw, error))
    goto out;
  if (sw != 0x9000)
    {
      pace_fail (error, "MSE:Set AT refused");
      goto out;
    }

  /* 1. The encrypted nonce. */
  if (!general_authenticate (card, FALSE, 0, NULL, 0, 0x80, z, error))
    goto out;
  if (z->len != 16 ||
      !_ekyc_chip_cbc (info.cipher, kpi, FALSE, NULL, z->data, 16, s))
    {
      pace_fail (error, "bad nonce");
      goto out;
    }

  /* 2. Generic mapping: G^ = s·G + SK_map·PK_map,IC */
  group = EC_GROUP_new_by_curve_name (info.nid);
  if (group == NULL || ctx == NULL)
    {
      pace_fail (error, "curve unavailable");
      goto out;
    }
  order = EC_GROUP_get0_order (group);
  field_bytes = (EC_GROUP_get_degree (group) + 7) / 8;
  sk_map = random_scalar (card, order);
  pk_map = EC_POINT_new (group);
  if (sk_map == NULL || EC_POINT_mul (group, pk_map, sk_map, NULL, NULL, ctx) != 1)
    goto crypto;
  pk_map_bytes = encode_point (group, pk_map, ctx);
  if (!general_authenticate (card, FALSE, 0x81, pk_map_bytes->data, pk_map_bytes->len, 0x82,
                             pk_map_ic_bytes, error))
    goto out;
  pk_map_ic = decode_point (group, pk_map_ic_bytes, ctx);
  if (pk_map_ic == NULL)
    {
      pace_fail (error, "bad mapping key");
      goto out;
    }
  h = EC_POINT_new (group);
  g_hat = EC_POINT_new (group);
  s_bn = BN_bin2bn (s, 16, NULL);
  BN_one (one);
  if (EC_POINT_mul (group, h, NULL, pk_map_ic, sk_map, ctx) != 1 ||
      EC_POINT_mul (group, g_hat, s_bn, h, one, ctx) != 1 ||
      EC_POINT_is_at_infinity (group, g_hat))
    goto crypto;

  /* 3. Key agreement over G^. */
  sk_dh = random_scalar (card, order);
  pk_dh = EC_POINT_new (group);
  if (sk_dh == NULL || EC_POINT_mul (group, pk_dh, NULL, g_hat, sk_dh, ctx) != 1)
    goto crypto;
  pk_dh_bytes = encode_point (group, pk_dh, ctx);
  if (!general_authenticate (card, FALSE, 0x83, pk_dh_bytes->data, pk_dh_bytes->len, 0x84,
                             pk_dh_ic_bytes, error))
    goto out;
  pk_dh_ic = decode_point (group, pk_dh_ic_bytes, ctx);
  if (pk_dh_ic == NULL || EC_POINT_cmp (group, pk_dh_ic, pk_dh, ctx) == 0)
    {
      pace_fail (error, "bad agreement key");
      goto out;
    }
  shared = EC_POINT_new (group);
  if (EC_POINT_mul (group, shared, NULL, pk_dh_ic, sk_dh, ctx) != 1 ||
      EC_POINT_is_at_infinity (group, shared) ||
      EC_POINT_get_affine_coordinates (group, shared, shared_x, NULL, ctx) != 1 ||
      BN_bn2binpad (shared_x, secret, field_bytes) != field_bytes)
    goto crypto;
  _ekyc_chip_kdf (secret, (gsize) field_bytes, EKYC_CHIP_KDF_ENC, info.cipher, ksenc);
  _ekyc_chip_kdf (secret, (gsize) field_bytes, EKYC_CHIP_KDF_MAC, info.cipher, ksmac);

  /* 4. Mutual authentication with the tokens. */
  if (!auth_token (&info, ksmac, pk_dh_ic_bytes, t_ifd) ||
      !auth_token (&info, ksmac, pk_dh_bytes, t_ic_expected))
    goto crypto;
  if (!general_authenticate (card, TRUE, 0x85, t_ifd, 8, 0x86, t_ic, error))
    goto out;
  if (t_ic->len != 8 || !_ekyc_chip_equal (t_ic->data, t_ic_expected, 8))
    {
      pace_fail (error, "the chip's token is wrong");
      goto out;
    }
  _ekyc_chip_card_start_sm (card, info.cipher, ksenc, ksmac, ssc, 16);
  *detail = g_strdup_printf ("PACE ECDH-GM AES-%u %s", _ekyc_chip_cipher_key_length (info.cipher) * 8,
                             info.curve_name);
  ok = TRUE;
  goto out;

crypto:
  pace_fail (error, "elliptic-curve computation");
out:
  OPENSSL_cleanse (k, sizeof k);
  OPENSSL_cleanse (kpi, sizeof kpi);
  OPENSSL_cleanse (s, sizeof s);
  OPENSSL_cleanse (ksenc, sizeof ksenc);
  OPENSSL_cleanse (ksmac, sizeof ksmac);
  OPENSSL_cleanse (secret, sizeof secret);
  return ok;
}
