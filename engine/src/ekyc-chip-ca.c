/* ekyc-chip-ca.c — chip authentication (ICAO 9303 Part 11 §6.2, BSI TR-03110 Part 3 A.4):
 * an ECDH or DH agreement with the static key whose public half DG14 holds, then secure
 * messaging under new keys, so only a chip that has the private key can go on answering
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every variant of id-CA = 0.4.0.127.0.7.2.2.3.{1 DH, 2 ECDH}.{1 3DES, 2–4 AES-128/192/256}:
 *  - AES: MSE:Set AT (00 22 41 A4: 80 the protocol's OID, 84 key id) and GENERAL AUTHENTICATE
 *    (00 86 00 00: 7C { 80 ephemeral public key });
 *  - 3DES: MSE:Set KAT (00 22 41 A6: 91 ephemeral public key, 84 key id), nothing more;
 * both under the current session. Then KSenc = KDF (K, 1), KSmac = KDF (K, 2), SSC = 0 (8 bytes
 * for 3DES, 16 for AES), with K the x coordinate of SK.eph · PK.chip for ECDH, and for DH
 * PK.chip ^ SK.eph mod p as an octet string as long as p. Public keys travel as ECDH points
 * (04 ‖ x ‖ y) or DH values y (as long as p). The keys are proven by one more exchange under
 * them: EF.COM is read again and must come back the same. The agreements are OpenSSL's
 * (EVP_PKEY_derive).
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/dh.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-chip-crypto-private.h"
#include "ekyc-chip-private.h"

/* Up to 4096-bit DH (the largest ICAO lists) or P-521 points. */
#define MAX_PUBLIC_KEY 512
#define MAX_SECRET     512

/* id-CA = 0.4.0.127.0.7.2.2.3, id-PK = 0.4.0.127.0.7.2.2.1; then .1 DH or .2 ECDH (and for
 * id-CA one more arc, the cipher) */
static const guint8 id_ca[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03 };
static const guint8 id_pk[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x01 };
#define AGREEMENT_DH   1
#define AGREEMENT_ECDH 2

typedef struct {
  EkycTlv  oid;             /* ChipAuthenticationInfo's protocol */
  int      agreement;       /* AGREEMENT_DH or AGREEMENT_ECDH */
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
 *                   ChipAuthenticationPublicKeyInfo { id-PK-DH | id-PK-ECDH,
 *                                                     SubjectPublicKeyInfo, keyId? }, … } }
 * — the first protocol offered, and the first public key of its agreement whose key id agrees. */
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
  /* the protocol first: it says which public key to look for */
  ekyc_tlv_iter_init (&iter, set.value, set.length);
  while (!offer->have_protocol && ekyc_tlv_iter_next (&iter, &info, NULL))
    {
      EkycTlvIter fields;
      EkycTlv oid, second, third;

      ekyc_tlv_iter_init (&fields, info.value, info.length);
      if (info.tag != 0x30 || !ekyc_tlv_iter_next (&fields, &oid, NULL) || oid.tag != 0x06 ||
          !ekyc_tlv_iter_next (&fields, &second, NULL))
        continue;
      if (oid.length == sizeof id_ca + 2 && memcmp (oid.value, id_ca, sizeof id_ca) == 0 &&
          (oid.value[8] == AGREEMENT_DH || oid.value[8] == AGREEMENT_ECDH) &&
          oid.value[9] >= 1 && oid.value[9] <= 4 && small_integer (&second) == 1)
        {
          offer->oid = oid;
          offer->agreement = oid.value[8];
          protocol_key_id = ekyc_tlv_iter_next (&fields, &third, NULL) ? small_integer (&third)
                                                                       : -1;
          offer->have_protocol = TRUE;
        }
    }
  if (!offer->have_protocol)
    return FALSE;
  ekyc_tlv_iter_init (&iter, set.value, set.length);
  while (!offer->have_key && ekyc_tlv_iter_next (&iter, &info, NULL))
    {
      EkycTlvIter fields;
      EkycTlv oid, second, third;

      ekyc_tlv_iter_init (&fields, info.value, info.length);
      if (info.tag != 0x30 || !ekyc_tlv_iter_next (&fields, &oid, NULL) || oid.tag != 0x06 ||
          !ekyc_tlv_iter_next (&fields, &second, NULL))
        continue;
      public_key_id = ekyc_tlv_iter_next (&fields, &third, NULL) ? small_integer (&third) : -1;
      if (oid.length == sizeof id_pk + 1 && memcmp (oid.value, id_pk, sizeof id_pk) == 0 &&
          oid.value[8] == offer->agreement && second.tag == 0x30 &&
          (protocol_key_id < 0 || public_key_id < 0 || protocol_key_id == public_key_id))
        {
          offer->public_key = second;
          offer->have_key = TRUE;
        }
    }
  offer->key_id = protocol_key_id >= 0 ? protocol_key_id : public_key_id;
  return offer->have_key;
}

static void
set_result (EkycChipDocument *document, EkycChipCheck check, char *detail)
{
  document->chip_auth = check;
  g_free (document->chip_auth_detail);
  document->chip_auth_detail = detail;
}

/* An ephemeral key with the chip key's domain parameters (curve, or p, q, g), its public key
 * as the chip takes it (04 ‖ x ‖ y, or y as long as p) and the shared secret (x, or the DH
 * value as long as p). */
static gboolean
agree (EVP_PKEY *chip_key, GByteArray *public_key, guint8 *secret, gsize *secret_length)
{
  EVP_PKEY_CTX *gen = EVP_PKEY_CTX_new_from_pkey (NULL, chip_key, NULL);
  EVP_PKEY_CTX *derive = NULL;
  EVP_PKEY *ephemeral = NULL;
  guint8 encoded[MAX_PUBLIC_KEY];
  size_t encoded_length = 0;
  gboolean ok;

  ok = gen != NULL && EVP_PKEY_keygen_init (gen) == 1 && EVP_PKEY_keygen (gen, &ephemeral) == 1
       && EVP_PKEY_get_octet_string_param (ephemeral, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                           encoded, sizeof encoded, &encoded_length) == 1
       && (derive = EVP_PKEY_CTX_new_from_pkey (NULL, ephemeral, NULL)) != NULL
       && EVP_PKEY_derive_init (derive) == 1
       && EVP_PKEY_derive_set_peer (derive, chip_key) == 1
       && (EVP_PKEY_get_base_id (chip_key) == EVP_PKEY_EC
           || EVP_PKEY_CTX_set_dh_pad (derive, 1) == 1)
       && EVP_PKEY_derive (derive, secret, secret_length) == 1;
  if (ok)
    g_byte_array_append (public_key, encoded, (guint) encoded_length);
  EVP_PKEY_CTX_free (derive);
  EVP_PKEY_free (ephemeral);
  EVP_PKEY_CTX_free (gen);
  ERR_clear_error ();
  return ok;
}

/* The protocol's name, e.g. "id-CA-DH-AES-CBC-CMAC-192", and its cipher. */
static const char *
protocol_name (const CaOffer *offer, EkycChipCipher *cipher)
{
  static const char *const names[2][4] = {
    { "id-CA-DH-3DES-CBC-CBC", "id-CA-DH-AES-CBC-CMAC-128", "id-CA-DH-AES-CBC-CMAC-192",
      "id-CA-DH-AES-CBC-CMAC-256" },
    { "id-CA-ECDH-3DES-CBC-CBC", "id-CA-ECDH-AES-CBC-CMAC-128", "id-CA-ECDH-AES-CBC-CMAC-192",
      "id-CA-ECDH-AES-CBC-CMAC-256" },
  };
  static const EkycChipCipher ciphers[] = { EKYC_CHIP_CIPHER_3DES, EKYC_CHIP_CIPHER_AES128,
                                            EKYC_CHIP_CIPHER_AES192, EKYC_CHIP_CIPHER_AES256 };
  guint n = offer->oid.value[offer->oid.length - 1];

  g_assert (n >= 1 && n <= 4);
  *cipher = ciphers[n - 1];
  return names[offer->agreement == AGREEMENT_ECDH][n - 1];
}

/* The chip key of DG14, of the offer's kind (EC for ECDH, DH or X9.42 DH for DH). */
static EVP_PKEY *
offered_key (const CaOffer *offer)
{
  const unsigned char *p = offer->public_key.value - offer->public_key.header_length;
  EVP_PKEY *key = d2i_PUBKEY (NULL, &p, (long) (offer->public_key.header_length +
                                                offer->public_key.length));
  int type;

  ERR_clear_error ();
  if (key == NULL)
    return NULL;
  type = EVP_PKEY_get_base_id (key);
  if (offer->agreement == AGREEMENT_ECDH ? type == EVP_PKEY_EC
      : type == EVP_PKEY_DH || type == EVP_PKEY_DHX)
    return key;
  EVP_PKEY_free (key);
  return NULL;
}

/* The commands that hand the chip @public_key: MSE:Set KAT for 3DES; MSE:Set AT and GENERAL
 * AUTHENTICATE for AES. (Protected, a 2048-bit DH value no longer fits a short APDU: secure
 * messaging then sends the extended form.) */
static gboolean
send_public_key (EkycChipCard *card, const CaOffer *offer, EkycChipCipher cipher,
                 const GByteArray *public_key, GError **error)
{
  g_autoptr(GByteArray) mse = g_byte_array_new ();
  g_autoptr(GByteArray) inner = g_byte_array_new ();
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  EkycChipApdu set_kat = { 0x00, 0x22, 0x41, 0xA6, NULL, 0, -1, FALSE };
  EkycChipApdu set_at = { 0x00, 0x22, 0x41, 0xA4, NULL, 0, -1, FALSE };
  EkycChipApdu general = { 0x00, 0x86, 0x00, 0x00, NULL, 0, 0, FALSE };
  guint8 id = (guint8) offer->key_id;
  guint16 sw = 0;

  if (cipher == EKYC_CHIP_CIPHER_3DES)
    {
      ekyc_tlv_append (mse, 0x91, public_key->data, public_key->len);
      if (offer->key_id >= 0)
        ekyc_tlv_append (mse, 0x84, &id, 1);
      set_kat.data = mse->data;
      set_kat.length = mse->len;
      return _ekyc_chip_card_send (card, &set_kat, NULL, &sw, error) && sw == 0x9000;
    }
  ekyc_tlv_append (mse, 0x80, offer->oid.value, offer->oid.length);
  if (offer->key_id >= 0)
    ekyc_tlv_append (mse, 0x84, &id, 1);
  set_at.data = mse->data;
  set_at.length = mse->len;
  ekyc_tlv_append (inner, 0x80, public_key->data, public_key->len);
  ekyc_tlv_append (body, 0x7C, inner->data, inner->len);
  general.data = body->data;
  general.length = body->len;
  return _ekyc_chip_card_send (card, &set_at, NULL, &sw, error) && sw == 0x9000 &&
         _ekyc_chip_card_send (card, &general, answer, &sw, error) && sw == 0x9000;
}

void
_ekyc_chip_chip_auth (EkycChipCard *card, EkycChipDocument *document)
{
  GBytes *dg14 = document->files[EKYC_CHIP_FILE_DG (14)];
  g_autoptr(GByteArray) public_key = g_byte_array_new ();
  g_autoptr(GBytes) com_again = NULL;
  g_autoptr(GError) error = NULL;
  EkycChipCipher cipher;
  CaOffer offer;
  EVP_PKEY *chip_key;
  guint8 secret[MAX_SECRET], ksenc[EKYC_CHIP_MAX_KEY], ksmac[EKYC_CHIP_MAX_KEY], ssc[16] = { 0 };
  gsize secret_length = sizeof secret;
  const char *protocol;

  if (dg14 == NULL)
    return;
  if (!find_offer (dg14, &offer))
    {
      /* keep the parser's description of what DG14 offers */
      document->chip_auth = EKYC_CHIP_CHECK_NOT_RUN;
      return;
    }
  protocol = protocol_name (&offer, &cipher);
  chip_key = offered_key (&offer);
  if (chip_key == NULL)
    {
      set_result (document, EKYC_CHIP_CHECK_FAILED,
                  g_strdup_printf ("%s offered, but DG14 holds no usable %s public key",
                                   protocol, offer.agreement == AGREEMENT_ECDH ? "EC" : "DH"));
      return;
    }
  if (!agree (chip_key, public_key, secret, &secret_length))
    {
      EVP_PKEY_free (chip_key);
      set_result (document, EKYC_CHIP_CHECK_FAILED,
                  g_strdup_printf ("%s: the key agreement failed", protocol));
      return;
    }
  EVP_PKEY_free (chip_key);

  if (!send_public_key (card, &offer, cipher, public_key, &error))
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
  _ekyc_chip_card_start_sm (card, cipher, ksenc, ksmac, ssc,
                            cipher == EKYC_CHIP_CIPHER_3DES ? 8 : 16);
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
