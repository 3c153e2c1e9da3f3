/* ekyc-chip-bac.c — Basic Access Control (ICAO 9303 Part 11 §4.3): GET CHALLENGE, EXTERNAL
 * AUTHENTICATE, the session keys and the send sequence counter
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-error.h"
#include "ekyc-chip-crypto-private.h"
#include "ekyc-chip-private.h"
#include "ekyc-i18n-private.h"

gboolean
_ekyc_chip_access_denied (GError **error)
{
  _ekyc_i18n_init ();
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_ACCESS_DENIED,
               _("The chip did not accept the key from the card's MRZ. Check the document "
                 "number, the date of birth and the date of expiry."));
  return FALSE;
}

static gboolean
bac_garbage (GError **error)
{
  _ekyc_i18n_init ();
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_COMMUNICATION,
               _("The chip's answer to Basic Access Control is not valid. Put the card back on "
                 "the reader and try again."));
  return FALSE;
}

gboolean
_ekyc_chip_bac (EkycChipCard *card, const EkycChipKey *key, GError **error)
{
  g_autoptr(GString) info = g_string_new (NULL);
  g_autoptr(GByteArray) challenge = g_byte_array_new ();
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  g_autoptr(GByteArray) mac_input = g_byte_array_new ();
  guint8 hash[20], kenc[16], kmac[16], s[32], cmd[40], r[32], mac[8], seed[16], ssc[8];
  guint8 ksenc[16], ksmac[16];
  EkycChipApdu get_challenge = { 0x00, 0x84, 0x00, 0x00, NULL, 0, 8, FALSE };
  EkycChipApdu external_auth = { 0x00, 0x82, 0x00, 0x00, cmd, sizeof cmd, 40, FALSE };
  guint16 sw = 0;
  gboolean ok = FALSE;

  _ekyc_chip_card_stop_sm (card);
  if (!_ekyc_chip_mrz_information (key->document_number, key->birth_date, key->expiry_date,
                                   info))
    return _ekyc_chip_access_denied (error);
  _ekyc_chip_sha1 ((const guint8 *) info->str, info->len, hash);
  _ekyc_chip_kdf (hash, 16, EKYC_CHIP_KDF_ENC, EKYC_CHIP_CIPHER_3DES, kenc);
  _ekyc_chip_kdf (hash, 16, EKYC_CHIP_KDF_MAC, EKYC_CHIP_CIPHER_3DES, kmac);

  if (!_ekyc_chip_card_send (card, &get_challenge, challenge, &sw, error))
    goto out;
  if (sw != 0x9000 || challenge->len != 8)
    {
      bac_garbage (error);
      goto out;
    }
  /* S = RND.IFD ‖ RND.IC ‖ K.IFD */
  if (!_ekyc_chip_card_random (card, s, 8) || !_ekyc_chip_card_random (card, s + 16, 16))
    goto out;
  memcpy (s + 8, challenge->data, 8);
  g_byte_array_append (mac_input, cmd, 0);
  if (!_ekyc_chip_cbc (EKYC_CHIP_CIPHER_3DES, kenc, TRUE, NULL, s, 32, cmd))
    goto out;
  g_byte_array_append (mac_input, cmd, 32);
  _ekyc_chip_pad (mac_input, 8);
  if (!_ekyc_chip_mac (EKYC_CHIP_CIPHER_3DES, kmac, mac_input->data, mac_input->len, cmd + 32))
    goto out;

  if (!_ekyc_chip_card_send (card, &external_auth, answer, &sw, error))
    goto out;
  if (sw != 0x9000)
    {
      _ekyc_chip_access_denied (error);
      goto out;
    }
  if (answer->len != 40)
    {
      bac_garbage (error);
      goto out;
    }
  g_byte_array_set_size (mac_input, 0);
  g_byte_array_append (mac_input, answer->data, 32);
  _ekyc_chip_pad (mac_input, 8);
  if (!_ekyc_chip_mac (EKYC_CHIP_CIPHER_3DES, kmac, mac_input->data, mac_input->len, mac) ||
      !_ekyc_chip_equal (mac, answer->data + 32, 8) ||
      !_ekyc_chip_cbc (EKYC_CHIP_CIPHER_3DES, kenc, FALSE, NULL, answer->data, 32, r) ||
      !_ekyc_chip_equal (r, challenge->data, 8) || !_ekyc_chip_equal (r + 8, s, 8))
    {
      bac_garbage (error);
      goto out;
    }
  /* R = RND.IC ‖ RND.IFD ‖ K.IC; K_seed = K.IFD ⊕ K.IC; SSC = RND.IC[4..8] ‖ RND.IFD[4..8] */
  for (int i = 0; i < 16; i++)
    seed[i] = s[16 + i] ^ r[16 + i];
  _ekyc_chip_kdf (seed, 16, EKYC_CHIP_KDF_ENC, EKYC_CHIP_CIPHER_3DES, ksenc);
  _ekyc_chip_kdf (seed, 16, EKYC_CHIP_KDF_MAC, EKYC_CHIP_CIPHER_3DES, ksmac);
  memcpy (ssc, r + 4, 4);
  memcpy (ssc + 4, s + 4, 4);
  _ekyc_chip_card_start_sm (card, EKYC_CHIP_CIPHER_3DES, ksenc, ksmac, ssc, 8);
  ok = TRUE;

out:
  OPENSSL_cleanse (hash, sizeof hash);
  OPENSSL_cleanse (kenc, sizeof kenc);
  OPENSSL_cleanse (kmac, sizeof kmac);
  OPENSSL_cleanse (s, sizeof s);
  OPENSSL_cleanse (r, sizeof r);
  OPENSSL_cleanse (seed, sizeof seed);
  OPENSSL_cleanse (ksenc, sizeof ksenc);
  OPENSSL_cleanse (ksmac, sizeof ksmac);
  if (!ok && error != NULL && *error == NULL)
    bac_garbage (error);
  return ok;
}
