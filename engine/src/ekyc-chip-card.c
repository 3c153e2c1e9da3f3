/* ekyc-chip-card.c — APDUs to the card: plain or under secure messaging, SELECT and READ BINARY
 * in chunks, the eMRTD application
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-chip-private.h"
#include "ekyc-i18n-private.h"

/* Largest READ BINARY under secure messaging: 223 bytes keep the protected answer (padding,
 * DO'87', DO'99', DO'8E') within a short APDU's 256. */
#define CHUNK_SHORT    0xDF
#define CHUNK_EXTENDED 0x800
#define MAX_FILE_SIZE  (1024 * 1024)

EkycChipCard *
ekyc_chip_card_new_for_transmit (EkycChipTransmitFunc transmit, gpointer user_data,
                                 GDestroyNotify destroy, gboolean extended_length)
{
  EkycChipCard *card;

  g_return_val_if_fail (transmit != NULL, NULL);

  card = g_new0 (EkycChipCard, 1);
  card->transmit = transmit;
  card->user_data = user_data;
  card->destroy = destroy;
  card->extended_length = extended_length;
  card->reader = g_strdup ("custom");
  return card;
}

const char *
ekyc_chip_card_get_reader (const EkycChipCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);
  return card->reader;
}

void
ekyc_chip_card_free (EkycChipCard *card)
{
  if (card == NULL)
    return;
  if (card->destroy != NULL)
    card->destroy (card->user_data);
  _ekyc_chip_sm_clear (&card->sm);
  g_free (card->reader);
  g_free (card);
}

void
_ekyc_chip_card_start_sm (EkycChipCard *card, EkycChipCipher cipher, const guint8 *kenc,
                          const guint8 *kmac, const guint8 *ssc, gsize ssc_length)
{
  _ekyc_chip_sm_init (&card->sm, cipher, kenc, kmac, ssc, ssc_length);
  card->secure = TRUE;
}

void
_ekyc_chip_card_stop_sm (EkycChipCard *card)
{
  _ekyc_chip_sm_clear (&card->sm);
  card->secure = FALSE;
}

gboolean
_ekyc_chip_card_random (EkycChipCard *card, guint8 *out, gsize length)
{
  if (card->fixed_random != NULL)
    {
      if (card->fixed_random_length < length)
        return FALSE;
      memcpy (out, card->fixed_random, length);
      card->fixed_random += length;
      card->fixed_random_length -= length;
      return TRUE;
    }
  return _ekyc_chip_random (out, length);
}

static gboolean
garbage (GError **error)
{
  _ekyc_i18n_init ();
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_COMMUNICATION,
               _("The card gave an answer that makes no sense. Put it back on the reader and "
                 "try again."));
  return FALSE;
}

gboolean
_ekyc_chip_card_send (EkycChipCard *card, const EkycChipApdu *apdu, GByteArray *data,
                      guint16 *sw, GError **error)
{
  g_autoptr(GByteArray) command = g_byte_array_new ();
  g_autoptr(GByteArray) response = g_byte_array_new ();

  if (card->secure)
    {
      if (!_ekyc_chip_sm_wrap (&card->sm, apdu, command))
        return garbage (error);
    }
  else
    _ekyc_chip_apdu_encode (apdu, command);
  if (!card->transmit (command->data, command->len, response, card->user_data, error))
    return FALSE;
  if (response->len < 2)
    return garbage (error);
  if (card->secure)
    {
      g_autoptr(GByteArray) plain = g_byte_array_new ();

      if (!_ekyc_chip_sm_unwrap (&card->sm, response->data, response->len, plain, sw, error))
        return FALSE;
      if (data != NULL)
        g_byte_array_append (data, plain->data, plain->len);
      return TRUE;
    }
  *sw = (guint16) (response->data[response->len - 2] << 8 | response->data[response->len - 1]);
  if (data != NULL)
    g_byte_array_append (data, response->data, response->len - 2);
  return TRUE;
}

static gboolean
status_error (GError **error, const char *what, guint16 sw)
{
  _ekyc_i18n_init ();
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_COMMUNICATION,
               _("The chip refused to %s (status %04X). Put the card back on the reader and try "
                 "again."), what, sw);
  return FALSE;
}

gboolean
_ekyc_chip_select_application (EkycChipCard *card, GError **error)
{
  static const guint8 aid[] = { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };
  EkycChipApdu apdu = { 0x00, 0xA4, 0x04, 0x0C, aid, sizeof aid, -1, FALSE };
  guint16 sw = 0;

  if (!_ekyc_chip_card_send (card, &apdu, NULL, &sw, error))
    return FALSE;
  if (sw == 0x9000)
    return TRUE;
  if (sw == 0x6A82 || sw == 0x6A81 || sw == 0x6D00 || sw == 0x6E00 || (sw & 0xFF00) == 0x6A00)
    {
      _ekyc_i18n_init ();
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_NOT_ICAO,
                   _("This card has no passport or ID-card application (ICAO 9303). Put the "
                     "citizen ID card on the reader."));
      return FALSE;
    }
  return status_error (error, "open its ID application", sw);
}

/* READ BINARY at @offset: B0 with the offset in P1-P2 below 32 768, else B1 with DO'54'. */
static gboolean
read_binary (EkycChipCard *card, gsize offset, gsize count, GByteArray *out, guint16 *sw,
             GError **error)
{
  gboolean extended = card->extended_length && count > 0xFF;

  if (offset <= 0x7FFF)
    {
      EkycChipApdu apdu = { 0x00, 0xB0, (guint8) (offset >> 8), (guint8) offset, NULL, 0,
                            (int) count, extended };
      return _ekyc_chip_card_send (card, &apdu, out, sw, error);
    }
  else
    {
      guint8 do54[] = { 0x54, 0x03, (guint8) (offset >> 16), (guint8) (offset >> 8),
                        (guint8) offset };
      EkycChipApdu apdu = { 0x00, 0xB1, 0x00, 0x00, do54, sizeof do54, (int) count + 4,
                            extended };
      g_autoptr(GByteArray) wrapped = g_byte_array_new ();
      EkycTlv tlv;

      if (!_ekyc_chip_card_send (card, &apdu, wrapped, sw, error))
        return FALSE;
      if (wrapped->len == 0)
        return TRUE;
      if (!ekyc_tlv_expect (wrapped->data, wrapped->len, 0x53, &tlv, NULL))
        return garbage (error);
      g_byte_array_append (out, tlv.value, (guint) tlv.length);
      return TRUE;
    }
}

GBytes *
_ekyc_chip_read_file (EkycChipCard *card, guint16 fid, EkycChipStep step,
                      EkycChipProgressFunc progress, gpointer progress_data, GError **error)
{
  guint8 id[2] = { (guint8) (fid >> 8), (guint8) fid };
  EkycChipApdu select = { 0x00, 0xA4, 0x02, 0x0C, id, 2, -1, FALSE };
  g_autoptr(GByteArray) file = g_byte_array_new ();
  gsize total, chunk = card->extended_length ? CHUNK_EXTENDED : CHUNK_SHORT;
  guint16 sw = 0;
  guint header;

  if (!_ekyc_chip_card_send (card, &select, NULL, &sw, error))
    return NULL;
  if (sw == 0x6A82 || sw == 0x6A83 || sw == 0x6982)
    return NULL;   /* absent, or protected by access we do not have (e.g. EAC) */
  if (sw != 0x9000)
    return status_error (error, "open a file", sw), NULL;

  /* The first 4 bytes hold the tag and length (up to 64 KiB), which give the file's size. */
  if (!read_binary (card, 0, 4, file, &sw, error))
    return NULL;
  if ((sw != 0x9000 && sw != 0x6282) || file->len < 2)
    return status_error (error, "read a file", sw), NULL;
  header = 2;
  if (file->data[1] > 0x80)
    header += file->data[1] & 0x7F;
  if (file->data[1] == 0x80 || header > 4 || header > file->len)
    return garbage (error), NULL;
  total = 0;
  for (guint i = 2; i < header; i++)
    total = total << 8 | file->data[i];
  if (header == 2)
    total = file->data[1];
  total += header;
  if (total > MAX_FILE_SIZE)
    return garbage (error), NULL;
  if (file->len > total)
    g_byte_array_set_size (file, (guint) total);

  while (file->len < total)
    {
      gsize want = MIN (chunk, total - file->len);
      guint before = file->len;

      if (progress != NULL)
        progress (step, file->len, total, progress_data);
      if (!read_binary (card, file->len, want, file, &sw, error))
        return NULL;
      if ((sw != 0x9000 && sw != 0x6282) || file->len == before || file->len > total)
        return status_error (error, "read a file", sw), NULL;
    }
  if (progress != NULL)
    progress (step, total, total, progress_data);
  return g_byte_array_free_to_bytes (g_steal_pointer (&file));
}
