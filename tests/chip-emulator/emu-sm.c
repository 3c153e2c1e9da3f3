/* emu-sm.c — the chip emulator's secure messaging (ICAO 9303 Part 11 9.8, ISO/IEC 7816-4 10):
 * a protected command is DO87 (DO85 for an odd INS) with the encrypted data, DO97 with Le and
 * DO8E with the MAC; the answer DO87, DO99 with the status word, DO8E. The same code serves
 * BAC's 3DES session (8-byte SSC) and PACE's AES session (16-byte SSC, IV = E(Kenc, SSC)).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "emu-chip-private.h"

#include <string.h>
#include <openssl/crypto.h>

/* Any secure messaging error ends the session: the keys are gone (9303-11 9.8.4). */
static GBytes *
sm_abort (EmuChip *chip, guint sw)
{
  guint8 b[2] = { sw >> 8, sw & 0xFF };

  emu_chip_drop_session (chip);
  return g_bytes_new (b, 2);
}

/* N = pad (SSC ‖ M): the MAC input, M already holding the padded header and the data objects. */
static GByteArray *
mac_input (EmuSession *sm, const guint8 *m, gsize m_len)
{
  GByteArray *n = g_byte_array_new ();

  g_byte_array_append (n, sm->ssc, emu_session_block (sm));
  g_byte_array_append (n, m, m_len);
  emu_pad (n, emu_session_block (sm));
  return n;
}

GBytes *
emu_sm_transmit (EmuChip *chip, const guint8 *apdu, gsize len)
{
  EmuSession *sm = &chip->sm;
  gsize block = emu_session_block (sm);
  Command wrapped, plain;
  const guint8 *pos, *end, *value, *do87 = NULL, *do97 = NULL, *do8e = NULL, *start8e = NULL;
  gsize vlen, len87 = 0, len97 = 0, len8e = 0;
  gboolean odd_ins;
  guint tag;
  g_autoptr(GByteArray) m = g_byte_array_new ();
  g_autoptr(GByteArray) n = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) response = g_byte_array_new ();
  guint8 header[4], mac[8], sw_bytes[2];
  guint sw;

  if (!emu_parse_command (apdu, len, &wrapped) || (wrapped.cla & 0x0C) != 0x0C)
    return sm_abort (chip, SW_SM_MISSING);
  /* DO87 (DO85 for an odd INS), then DO97, then DO8E last */
  odd_ins = wrapped.ins % 2 == 1;
  pos = wrapped.data;
  end = wrapped.data + wrapped.lc;
  while (pos < end)
    {
      const guint8 *here = pos;

      if (do8e != NULL || !emu_read_tlv (&pos, end, &tag, &value, &vlen))
        return sm_abort (chip, SW_SM_INCORRECT);
      if (tag == (odd_ins ? 0x85u : 0x87u) && do87 == NULL && do97 == NULL)
        do87 = value, len87 = vlen;
      else if (tag == 0x97 && do97 == NULL)
        do97 = value, len97 = vlen;
      else if (tag == 0x8E)
        do8e = value, len8e = vlen, start8e = here;
      else
        return sm_abort (chip, SW_SM_INCORRECT);
    }
  if (do8e == NULL)
    return sm_abort (chip, SW_SM_MISSING);
  if (len8e != 8 || len97 > 2
      || (do87 != NULL && (len87 < block || (len87 - (odd_ins ? 0 : 1)) % block != 0)))
    return sm_abort (chip, SW_SM_INCORRECT);

  /* M = padded header ‖ DO87 ‖ DO97; the MAC covers pad (SSC ‖ M) */
  emu_session_increment_ssc (sm);
  header[0] = wrapped.cla, header[1] = wrapped.ins, header[2] = wrapped.p1, header[3] = wrapped.p2;
  g_byte_array_append (m, header, 4);
  emu_pad (m, block);
  g_byte_array_append (m, wrapped.data, start8e - wrapped.data);
  n = mac_input (sm, m->data, m->len);
  if (!emu_session_mac (sm, n->data, n->len, mac) || CRYPTO_memcmp (mac, do8e, 8) != 0)
    return sm_abort (chip, SW_SM_INCORRECT);

  /* the plain command */
  if (do87 != NULL)
    {
      gboolean indicator = !odd_ins;  /* DO87 carries the padding indicator 01 first */
      const guint8 *cryptogram = do87 + (indicator ? 1 : 0);
      gsize clen = len87 - (indicator ? 1 : 0);
      gssize plain_len;

      if (indicator && do87[0] != 0x01)
        return sm_abort (chip, SW_SM_INCORRECT);
      g_byte_array_set_size (data, clen);
      if (!emu_session_crypt (sm, FALSE, cryptogram, clen, data->data)
          || (plain_len = emu_unpad_length (data->data, clen, block)) < 0)
        return sm_abort (chip, SW_SM_INCORRECT);
      g_byte_array_set_size (data, plain_len);
    }
  plain = wrapped;
  plain.cla = wrapped.cla & ~0x0C;
  plain.data = data->data;
  plain.lc = data->len;
  plain.ne = 0;
  plain.le_is_max = FALSE;
  if (do97 != NULL)
    {
      guint le = len97 == 0 ? 0 : len97 == 1 ? do97[0] : (do97[0] << 8) | do97[1];

      plain.le_is_max = le == 0;
      plain.ne = le != 0 ? le : len97 == 2 ? 65536 : 256;
    }
  sw = emu_chip_execute (chip, &plain, out);
  if (!chip->authenticated)
    {
      /* the command ended the session (a new PACE or BAC run): answer in plain */
      sw_bytes[0] = sw >> 8, sw_bytes[1] = sw & 0xFF;
      g_byte_array_append (out, sw_bytes, 2);
      return g_bytes_new (out->data, out->len);
    }

  /* the protected response: DO87 ‖ DO99 ‖ DO8E */
  emu_session_increment_ssc (sm);
  if (out->len > 0)
    {
      g_autoptr(GByteArray) cipher = g_byte_array_new ();

      emu_pad (out, block);
      g_byte_array_set_size (cipher, out->len + 1);
      cipher->data[0] = 0x01;
      if (!emu_session_crypt (sm, TRUE, out->data, out->len, cipher->data + 1))
        return sm_abort (chip, SW_UNKNOWN);
      emu_append_tlv (response, 0x87, cipher->data, cipher->len);
    }
  sw_bytes[0] = sw >> 8, sw_bytes[1] = sw & 0xFF;
  emu_append_tlv (response, 0x99, sw_bytes, 2);
  g_clear_pointer (&n, g_byte_array_unref);
  n = mac_input (sm, response->data, response->len);
  if (!emu_session_mac (sm, n->data, n->len, mac))
    return sm_abort (chip, SW_UNKNOWN);
  emu_append_tlv (response, 0x8E, mac, 8);
  g_byte_array_append (response, sw_bytes, 2);
  /* chip authentication: the answer went out under the old keys, what follows uses the new */
  if (chip->sm_switch_pending)
    {
      chip->sm = chip->next_sm;
      chip->sm_switch_pending = FALSE;
    }
  return g_bytes_new (response->data, response->len);
}
