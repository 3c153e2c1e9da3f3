/* ekyc-chip-sm.c — secure messaging: DO'87'/'97'/'99'/'8E' over 3DES (BAC) or AES (PACE)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ICAO 9303 Part 11 §9.8. The send sequence counter is incremented before each command and
 * before each response; with AES the CBC IV is E(KSenc, SSC), with 3DES it is zero.
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-chip-sm-private.h"
#include "ekyc-i18n-private.h"

static gsize
ssc_length (const EkycChipSm *sm)
{
  return _ekyc_chip_cipher_block_length (sm->cipher);
}

void
_ekyc_chip_sm_init (EkycChipSm *sm, EkycChipCipher cipher, const guint8 *kenc,
                    const guint8 *kmac, const guint8 *ssc, gsize ssc_len)
{
  guint key_length = _ekyc_chip_cipher_key_length (cipher);

  memset (sm, 0, sizeof *sm);
  sm->cipher = cipher;
  memcpy (sm->kenc, kenc, key_length);
  memcpy (sm->kmac, kmac, key_length);
  g_assert (ssc_len == ssc_length (sm));
  memcpy (sm->ssc, ssc, ssc_len);
}

void
_ekyc_chip_sm_clear (EkycChipSm *sm)
{
  OPENSSL_cleanse (sm, sizeof *sm);
}

static void
increment_ssc (EkycChipSm *sm)
{
  for (gsize i = ssc_length (sm); i-- > 0;)
    if (++sm->ssc[i] != 0)
      break;
}

static gboolean
iv_for (const EkycChipSm *sm, guint8 iv[16])
{
  if (sm->cipher == EKYC_CHIP_CIPHER_3DES)
    {
      memset (iv, 0, 16);
      return TRUE;
    }
  return _ekyc_chip_ecb_block (sm->cipher, sm->kenc, sm->ssc, iv);
}

void
_ekyc_chip_apdu_encode (const EkycChipApdu *apdu, GByteArray *out)
{
  guint8 header[4] = { apdu->cla, apdu->ins, apdu->p1, apdu->p2 };

  g_byte_array_append (out, header, 4);
  if (apdu->length > 0)
    {
      if (apdu->extended)
        {
          guint8 lc[3] = { 0, (guint8) (apdu->length >> 8), (guint8) apdu->length };
          g_byte_array_append (out, lc, 3);
        }
      else
        {
          guint8 lc = (guint8) apdu->length;
          g_byte_array_append (out, &lc, 1);
        }
      g_byte_array_append (out, apdu->data, (guint) apdu->length);
    }
  if (apdu->le >= 0)
    {
      if (apdu->extended)
        {
          guint8 le[3] = { 0, (guint8) (apdu->le >> 8), (guint8) apdu->le };
          /* With a body, extended Le is two bytes (Lc already carried the 00 marker). */
          if (apdu->length > 0)
            g_byte_array_append (out, le + 1, 2);
          else
            g_byte_array_append (out, le, 3);
        }
      else
        {
          guint8 le = (guint8) apdu->le;
          g_byte_array_append (out, &le, 1);
        }
    }
}

gboolean
_ekyc_chip_sm_wrap (EkycChipSm *sm, const EkycChipApdu *apdu, GByteArray *out)
{
  guint block = _ekyc_chip_cipher_block_length (sm->cipher);
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) mac_input = g_byte_array_new ();
  guint8 header[4] = { apdu->cla | 0x0C, apdu->ins, apdu->p1, apdu->p2 };
  guint8 mac[8];
  EkycChipApdu protected_apdu;

  increment_ssc (sm);
  if (apdu->length > 0)
    {
      g_autoptr(GByteArray) plain = g_byte_array_new ();
      g_autoptr(GByteArray) do87 = g_byte_array_new ();
      guint8 iv[16];
      guint8 one = 0x01;

      g_byte_array_append (plain, apdu->data, (guint) apdu->length);
      _ekyc_chip_pad (plain, block);
      g_byte_array_append (do87, &one, 1);
      g_byte_array_set_size (do87, 1 + plain->len);
      if (!iv_for (sm, iv) ||
          !_ekyc_chip_cbc (sm->cipher, sm->kenc, TRUE, iv, plain->data, plain->len,
                           do87->data + 1))
        return FALSE;
      ekyc_tlv_append (body, 0x87, do87->data, do87->len);
    }
  if (apdu->le >= 0)
    {
      guint8 le[2] = { (guint8) (apdu->le >> 8), (guint8) apdu->le };

      if (apdu->extended || apdu->le > 0xFF)
        ekyc_tlv_append (body, 0x97, le, 2);
      else
        ekyc_tlv_append (body, 0x97, le + 1, 1);
    }

  g_byte_array_append (mac_input, sm->ssc, (guint) ssc_length (sm));
  g_byte_array_append (mac_input, header, 4);
  _ekyc_chip_pad (mac_input, block);
  g_byte_array_append (mac_input, body->data, body->len);
  _ekyc_chip_pad (mac_input, block);
  if (!_ekyc_chip_mac (sm->cipher, sm->kmac, mac_input->data, mac_input->len, mac))
    return FALSE;
  ekyc_tlv_append (body, 0x8E, mac, 8);

  protected_apdu = (EkycChipApdu) {
    .cla = header[0], .ins = header[1], .p1 = header[2], .p2 = header[3],
    .data = body->data, .length = body->len, .le = 0,
    .extended = apdu->extended || body->len > 0xFF,
  };
  _ekyc_chip_apdu_encode (&protected_apdu, out);
  return TRUE;
}

static gboolean
sm_fail (GError **error, const char *what)
{
  _ekyc_i18n_init ();
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_COMMUNICATION,
               _("The chip's protected answer could not be checked (%s). Hold the card still on "
                 "the reader and try again."), what);
  return FALSE;
}

gboolean
_ekyc_chip_sm_unwrap (EkycChipSm *sm, const guint8 *response, gsize length, GByteArray *data,
                      guint16 *sw, GError **error)
{
  guint block = _ekyc_chip_cipher_block_length (sm->cipher);
  g_autoptr(GByteArray) mac_input = g_byte_array_new ();
  EkycTlvIter iter;
  EkycTlv tlv, do87 = { 0 }, do99 = { 0 }, do8e = { 0 };
  gboolean has87 = FALSE, has99 = FALSE, has8e = FALSE;
  GError *local = NULL;
  guint8 mac[8];

  increment_ssc (sm);
  if (length < 2)
    return sm_fail (error, "no status word");
  *sw = (guint16) (response[length - 2] << 8 | response[length - 1]);
  length -= 2;
  if (length == 0)
    {
      /* Chips answer errors (file not found, wrong state) with a bare status word: an attacker
       * gains nothing from it, but a bare success would be unauthenticated data. */
      if (*sw == 0x9000)
        return sm_fail (error, "unprotected success");
      return TRUE;
    }

  g_byte_array_append (mac_input, sm->ssc, (guint) ssc_length (sm));
  ekyc_tlv_iter_init (&iter, response, length);
  while (ekyc_tlv_iter_next (&iter, &tlv, &local))
    {
      if (tlv.tag == 0x8E)
        {
          do8e = tlv;
          has8e = TRUE;
          break;
        }
      g_byte_array_append (mac_input, tlv.value - tlv.header_length,
                           (guint) (tlv.header_length + tlv.length));
      if (tlv.tag == 0x87 && !has87)
        do87 = tlv, has87 = TRUE;
      else if (tlv.tag == 0x99 && !has99)
        do99 = tlv, has99 = TRUE;
    }
  if (local != NULL)
    {
      g_clear_error (&local);
      return sm_fail (error, "malformed objects");
    }
  if (!has8e || do8e.length != 8)
    return sm_fail (error, "no MAC");
  _ekyc_chip_pad (mac_input, block);
  if (!_ekyc_chip_mac (sm->cipher, sm->kmac, mac_input->data, mac_input->len, mac))
    return sm_fail (error, "MAC computation");
  if (!_ekyc_chip_equal (mac, do8e.value, 8))
    return sm_fail (error, "wrong MAC");
  if (has99)
    {
      if (do99.length != 2)
        return sm_fail (error, "bad status object");
      *sw = (guint16) (do99.value[0] << 8 | do99.value[1]);
    }
  if (has87)
    {
      guint8 iv[16];
      gsize plain_length;
      guint old = data->len;

      if (do87.length < 1 + block || do87.value[0] != 0x01 || (do87.length - 1) % block != 0)
        return sm_fail (error, "bad data object");
      g_byte_array_set_size (data, old + (guint) do87.length - 1);
      if (!iv_for (sm, iv) ||
          !_ekyc_chip_cbc (sm->cipher, sm->kenc, FALSE, iv, do87.value + 1, do87.length - 1,
                           data->data + old))
        return sm_fail (error, "decryption");
      if (!_ekyc_chip_unpad (data->data + old, do87.length - 1, &plain_length))
        return sm_fail (error, "bad padding");
      g_byte_array_set_size (data, old + (guint) plain_length);
    }
  return TRUE;
}
