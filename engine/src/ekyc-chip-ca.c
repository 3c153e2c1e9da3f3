/* ekyc-chip-ca.c — chip authentication (ICAO 9303 Part 11 §6.2, BSI TR-03110 Part 3 A.4):
 * an ECDH agreement with the static key whose public half DG14 holds, then secure messaging
 * under new keys, so only a chip that has the private key can go on answering
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The AES variant: MSE:Set AT (00 22 41 A4: 80 id-CA-ECDH-AES-CBC-CMAC-…, 84 key id) and
 * GENERAL AUTHENTICATE (00 86 00 00: 7C { 80 ephemeral public key }), both under the current
 * session; then KSenc = KDF (K, 1), KSmac = KDF (K, 2) with K = x (SK.eph · PK.chip) and SSC = 0.
 * The keys are proven by one more exchange under them: EF.COM is read again and must come back
 * the same. The agreement is OpenSSL's (EVP_PKEY_derive). 3DES (MSE:Set KAT) and DH chip
 * authentication are reported as not performed.
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-chip-crypto-private.h"
#include "ekyc-chip-private.h"

/* id-CA-ECDH-… = 0.4.0.127.0.7.2.2.3.2.n; id-PK-ECDH = 0.4.0.127.0.7.2.2.1.2 */
static const guint8 id_ca_ecdh[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03, 0x02 };
static const guint8 id_pk_ecdh[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x01, 0x02 };

typedef struct {
  EkycTlv  oid;             /* ChipAuthenticationInfo's protocol */
  int      key_id;          /* -1: none */
  EkycTlv  public_key;      /* ChipAuthenticationPublicKeyInfo's SubjectPublicKeyInfo */
  gboolean have_protocol, have_key;
} CaOffer;

static int
small_integer (const EkycTlv *tlv)
{
  int v = 0;

  if (tlv->tag != 0x02 || tlv->length == 0 || tlv->length > 3)
    return -1;
  for (gsize i = 0; i < tlv->length; i++)
    v = (v << 8) | tlv->value[i];
  return v;
}

/* DG14 = 6E { SET { ChipAuthenticationInfo { OID, version, keyId? },
 *                   ChipAuthenticationPublicKeyInfo { id-PK-ECDH, SubjectPublicKeyInfo, keyId? },
 *                   … } } — the first ECDH offer whose key ids agree. */
static gboolean
find_offer (GBytes *dg14, CaOffer *offer)
{
  EkycTlv root, set, info;
  EkycTlvIter iter;
  int protocol_key_id = -1, public_key_id = -1;

  memset (offer, 0, sizeof *offer);
  if (!ekyc_tlv_expect (g_bytes_get_data (dg14, NULL), g_bytes_get_size (dg14), 0x6E, &root,
                        NULL) ||
      !ekyc_tlv_expect (root.value, root.length, 0x31, &set, NULL))
    return FALSE;
  ekyc_tlv_iter_init (&iter, set.value, set.length);
  while (ekyc_tlv_iter_next (&iter, &info, NULL))
    {
      EkycTlvIter fields;
      EkycTlv oid, second, third;
      gboolean has_third;

      if (info.tag != 0x30)
        continue;
      ekyc_tlv_iter_init (&fields, info.value, info.length);
      if (!ekyc_tlv_iter_next (&fields, &oid, NULL) || oid.tag != 0x06 ||
          !ekyc_tlv_iter_next (&fields, &second, NULL))
        continue;
      has_third = ekyc_tlv_iter_next (&fields, &third, NULL);
      if (!offer->have_protocol && oid.length == sizeof id_ca_ecdh + 1 &&
          memcmp (oid.value, id_ca_ecdh, sizeof id_ca_ecdh) == 0 && small_integer (&second) == 1)
        {
          offer->oid = oid;
          protocol_key_id = has_third ? small_integer (&third) : -1;
          offer->have_protocol = TRUE;
        }
      else if (!offer->have_key && oid.length == sizeof id_pk_ecdh &&
               memcmp (oid.value, id_pk_ecdh, sizeof id_pk_ecdh) == 0 && second.tag == 0x30)
        {
          offer->public_key = second;
          public_key_id = has_third ? small_integer (&third) : -1;
          offer->have_key = TRUE;
        }
    }
  offer->key_id = protocol_key_id >= 0 ? protocol_key_id : public_key_id;
  return offer->have_protocol && offer->have_key &&
         (protocol_key_id < 0 || public_key_id < 0 || protocol_key_id == public_key_id);
}

static void
set_result (EkycChipDocument *document, EkycChipCheck check, char *detail)
{
  document->chip_auth = check;
  g_free (document->chip_auth_detail);
  document->chip_auth_detail = detail;
}

/* An ephemeral key on the chip key's curve, its public point (04 ‖ x ‖ y) and the shared x. */
static gboolean
agree (EVP_PKEY *chip_key, GByteArray *public_point, guint8 *secret, gsize *secret_length)
{
  EVP_PKEY_CTX *gen = EVP_PKEY_CTX_new_from_pkey (NULL, chip_key, NULL);
  EVP_PKEY_CTX *derive = NULL;
  EVP_PKEY *ephemeral = NULL;
  guint8 point[1 + 2 * 66];
  size_t point_length = 0;
  gboolean ok;

  ok = gen != NULL && EVP_PKEY_keygen_init (gen) == 1 && EVP_PKEY_keygen (gen, &ephemeral) == 1
       && EVP_PKEY_get_octet_string_param (ephemeral, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point,
                                           sizeof point, &point_length) == 1
       && (derive = EVP_PKEY_CTX_new_from_pkey (NULL, ephemeral, NULL)) != NULL
       && EVP_PKEY_derive_init (derive) == 1
       && EVP_PKEY_derive_set_peer (derive, chip_key) == 1
       && EVP_PKEY_derive (derive, secret, secret_length) == 1;
  if (ok)
    g_byte_array_append (public_point, point, (guint) point_length);
  EVP_PKEY_CTX_free (derive);
  EVP_PKEY_free (ephemeral);
  EVP_PKEY_CTX_free (gen);
  ERR_clear_error ();
  return ok;
}

void
_ekyc_chip_chip_auth (EkycChipCard *card, EkycChipDocument *document)
{
  GBytes *dg14 = document->files[EKYC_CHIP_FILE_DG (14)];
  g_autoptr(GByteArray) mse = g_byte_array_new ();
  g_autoptr(GByteArray) point = g_byte_array_new ();
  g_autoptr(GByteArray) inner = g_byte_array_new ();
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  g_autoptr(GBytes) com_again = NULL;
  g_autoptr(GError) error = NULL;
  EkycChipApdu set_at = { 0x00, 0x22, 0x41, 0xA4, NULL, 0, -1, FALSE };
  EkycChipApdu general = { 0x00, 0x86, 0x00, 0x00, NULL, 0, 0, FALSE };
  EkycChipCipher cipher;
  CaOffer offer;
  const unsigned char *p;
  EVP_PKEY *chip_key;
  guint8 secret[66], ksenc[EKYC_CHIP_MAX_KEY], ksmac[EKYC_CHIP_MAX_KEY], ssc[16] = { 0 };
  gsize secret_length = sizeof secret;
  guint16 sw = 0;
  const char *protocol;

  if (dg14 == NULL)
    return;
  if (!find_offer (dg14, &offer))
    {
      /* keep the parser's description of what DG14 offers */
      document->chip_auth = EKYC_CHIP_CHECK_NOT_RUN;
      return;
    }
  switch (offer.oid.value[offer.oid.length - 1])
    {
    case 2: cipher = EKYC_CHIP_CIPHER_AES128, protocol = "id-CA-ECDH-AES-CBC-CMAC-128"; break;
    case 3: cipher = EKYC_CHIP_CIPHER_AES192, protocol = "id-CA-ECDH-AES-CBC-CMAC-192"; break;
    case 4: cipher = EKYC_CHIP_CIPHER_AES256, protocol = "id-CA-ECDH-AES-CBC-CMAC-256"; break;
    default:
      set_result (document, EKYC_CHIP_CHECK_NOT_RUN,
                  g_strdup ("id-CA-ECDH-3DES-CBC-CBC offered, not performed (this reader runs "
                            "chip authentication with AES only)"));
      return;
    }
  p = offer.public_key.value - offer.public_key.header_length;
  chip_key = d2i_PUBKEY (NULL, &p, (long) (offer.public_key.header_length +
                                           offer.public_key.length));
  ERR_clear_error ();
  if (chip_key == NULL || EVP_PKEY_base_id (chip_key) != EVP_PKEY_EC)
    {
      EVP_PKEY_free (chip_key);
      set_result (document, EKYC_CHIP_CHECK_FAILED,
                  g_strdup_printf ("%s offered, but DG14 holds no usable EC public key",
                                   protocol));
      return;
    }
  if (!agree (chip_key, point, secret, &secret_length))
    {
      EVP_PKEY_free (chip_key);
      set_result (document, EKYC_CHIP_CHECK_FAILED,
                  g_strdup_printf ("%s: the key agreement failed", protocol));
      return;
    }
  EVP_PKEY_free (chip_key);

  ekyc_tlv_append (mse, 0x80, offer.oid.value, offer.oid.length);
  if (offer.key_id >= 0)
    {
      guint8 id = (guint8) offer.key_id;
      ekyc_tlv_append (mse, 0x84, &id, 1);
    }
  set_at.data = mse->data;
  set_at.length = mse->len;
  ekyc_tlv_append (inner, 0x80, point->data, point->len);
  ekyc_tlv_append (body, 0x7C, inner->data, inner->len);
  general.data = body->data;
  general.length = body->len;
  if (!_ekyc_chip_card_send (card, &set_at, NULL, &sw, &error) || sw != 0x9000 ||
      !_ekyc_chip_card_send (card, &general, answer, &sw, &error) || sw != 0x9000)
    {
      set_result (document, EKYC_CHIP_CHECK_FAILED,
                  g_strdup_printf ("%s: the chip refused it (%s)", protocol,
                                   error != NULL ? error->message : "status word not 9000"));
      OPENSSL_cleanse (secret, sizeof secret);
      return;
    }

  /* the new session, proven by reading EF.COM again under it */
  _ekyc_chip_kdf (secret, secret_length, EKYC_CHIP_KDF_ENC, cipher, ksenc);
  _ekyc_chip_kdf (secret, secret_length, EKYC_CHIP_KDF_MAC, cipher, ksmac);
  OPENSSL_cleanse (secret, sizeof secret);
  _ekyc_chip_card_start_sm (card, cipher, ksenc, ksmac, ssc, 16);
  OPENSSL_cleanse (ksenc, sizeof ksenc);
  OPENSSL_cleanse (ksmac, sizeof ksmac);
  com_again = _ekyc_chip_read_file (card, 0x011E, EKYC_CHIP_STEP_READ_COM, NULL, NULL, &error);
  if (com_again == NULL || document->files[EKYC_CHIP_FILE_COM] == NULL ||
      !g_bytes_equal (com_again, document->files[EKYC_CHIP_FILE_COM]))
    {
      set_result (document, EKYC_CHIP_CHECK_FAILED,
                  g_strdup_printf ("%s: the chip does not answer under the keys agreed with the "
                                   "DG14 key (%s): possibly a cloned chip", protocol,
                                   error != NULL ? error->message : "EF.COM differs"));
      return;
    }
  set_result (document, EKYC_CHIP_CHECK_PASSED,
              g_strdup_printf ("%s: the chip proved the DG14 key; secure messaging continued "
                               "under the new keys%s", protocol,
                               document->passive.result == EKYC_CHIP_PA_OK ? ""
                               : " (but DG14 is not vouched for by a valid EF.SOD)"));
}
