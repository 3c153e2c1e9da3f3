/* ekyc-chip-pcsc.c — the card through pcsc-lite: list readers, wait for a card, transmit
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every PC/SC failure becomes one of the chip error codes with a message that says what to do:
 * no pcscd or no reader, no card, the card left the reader.
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <PCSC/winscard.h>
#include <PCSC/pcsclite.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-error.h"
#include "ekyc-chip-private.h"
#include "ekyc-i18n-private.h"

typedef struct {
  SCARDCONTEXT context;
  SCARDHANDLE  handle;
  DWORD        protocol;
} Pcsc;

static void
pcsc_free (gpointer data)
{
  Pcsc *p = data;

  if (p->handle != 0)
    SCardDisconnect (p->handle, SCARD_LEAVE_CARD);
  if (p->context != 0)
    SCardReleaseContext (p->context);
  g_free (p);
}

static gboolean
pcsc_error (GError **error, LONG rv, const char *doing)
{
  _ekyc_i18n_init ();
  switch (rv)
    {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_NO_READER,
                   _("The smart card service (pcscd) is not running. Start it, then plug in "
                     "the card reader."));
      break;
    case SCARD_E_NO_READERS_AVAILABLE:
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_NO_READER,
                   _("No card reader is connected. Plug in a contactless reader and try "
                     "again."));
      break;
    case SCARD_E_TIMEOUT:
    case SCARD_E_NO_SMARTCARD:
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_NO_CARD,
                   _("No card is on the reader. Lay the ID card flat on the reader and keep it "
                     "there until the reading ends."));
      break;
    case SCARD_W_REMOVED_CARD:
    case SCARD_W_RESET_CARD:
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_REMOVED,
                   _("The card was taken off the reader during the reading. Put it back and "
                     "keep it still until the reading ends."));
      break;
    default:
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_COMMUNICATION,
                   _("The card reader failed (%s: %s). Put the card back on the reader and try "
                     "again."), doing, pcsc_stringify_error (rv));
      break;
    }
  return FALSE;
}

/* Whether the card has left the reader. A card pulled during an exchange rarely shows as
 * SCARD_W_REMOVED_CARD on that exchange: PC/SC (Part 5, SCardTransmit) passes on what the reader
 * driver saw — a transmission error, or with some drivers (vsmartcard-vpcd) an empty answer —
 * and only pcscd's next presence poll marks the reader empty. So after a failed exchange, ask
 * the reader's state for up to a second. */
static gboolean
pcsc_card_left (Pcsc *p)
{
  char name[MAX_READERNAME + 1];
  DWORD name_length = sizeof name, state = 0, protocol = 0, atr_length = MAX_ATR_SIZE;
  BYTE atr[MAX_ATR_SIZE];
  LONG rv = SCardStatus (p->handle, name, &name_length, &state, &protocol, atr, &atr_length);

  if (rv == SCARD_W_REMOVED_CARD || rv == SCARD_E_NO_SMARTCARD)
    return TRUE;
  if (rv != SCARD_S_SUCCESS)
    return FALSE;
  for (int poll = 0; poll < 10; poll++)
    {
      SCARD_READERSTATE reader = { .szReader = name, .dwCurrentState = SCARD_STATE_UNAWARE };

      if (SCardGetStatusChange (p->context, 0, &reader, 1) != SCARD_S_SUCCESS)
        return FALSE;
      if (reader.dwEventState & SCARD_STATE_EMPTY)
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

static gboolean
pcsc_transmit (const guint8 *command, gsize length, GByteArray *response, gpointer user_data,
               GError **error)
{
  Pcsc *p = user_data;
  g_autofree guint8 *buf = g_malloc (MAX_BUFFER_SIZE_EXTENDED);
  const SCARD_IO_REQUEST *pci = p->protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
  g_autoptr(GByteArray) cmd = g_byte_array_new ();

  g_byte_array_append (cmd, command, (guint) length);
  for (int round = 0; round < 64; round++)
    {
      DWORD n = MAX_BUFFER_SIZE_EXTENDED;
      LONG rv = SCardTransmit (p->handle, pci, cmd->data, cmd->len, NULL, buf, &n);

      if (rv != SCARD_S_SUCCESS || n < 2)
        {
          if (rv != SCARD_W_REMOVED_CARD && rv != SCARD_W_RESET_CARD && pcsc_card_left (p))
            rv = SCARD_W_REMOVED_CARD;
          if (rv != SCARD_S_SUCCESS)
            return pcsc_error (error, rv, "SCardTransmit");
          g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_COMMUNICATION,
                       _("The card gave an empty answer. Put it back on the reader and try "
                         "again."));
          return FALSE;
        }
      /* T=0 style continuations: 61xx (more data: GET RESPONSE), 6Cxx (resend with Le=xx). */
      if (buf[n - 2] == 0x61)
        {
          const guint8 get_response[] = { 0x00, 0xC0, 0x00, 0x00, buf[n - 1] };

          g_byte_array_append (response, buf, (guint) n - 2);
          g_byte_array_set_size (cmd, 0);
          g_byte_array_append (cmd, get_response, sizeof get_response);
          continue;
        }
      if (buf[n - 2] == 0x6C && cmd->len >= 5)
        {
          cmd->data[cmd->len - 1] = buf[n - 1];
          continue;
        }
      g_byte_array_append (response, buf, (guint) n);
      return TRUE;
    }
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_COMMUNICATION,
               _("The card keeps asking for more exchanges. Put it back on the reader and try "
                 "again."));
  return FALSE;
}

char **
ekyc_chip_list_readers (GError **error)
{
  SCARDCONTEXT context = 0;
  DWORD length = 0;
  g_autofree char *names = NULL;
  GPtrArray *out;
  LONG rv;

  rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context);
  if (rv != SCARD_S_SUCCESS)
    return pcsc_error (error, rv, "SCardEstablishContext"), NULL;
  rv = SCardListReaders (context, NULL, NULL, &length);
  if (rv == SCARD_S_SUCCESS)
    {
      names = g_malloc0 (length + 1);
      rv = SCardListReaders (context, NULL, names, &length);
    }
  SCardReleaseContext (context);
  if (rv != SCARD_S_SUCCESS)
    return pcsc_error (error, rv, "SCardListReaders"), NULL;
  out = g_ptr_array_new ();
  for (const char *n = names; n < names + length && *n != '\0'; n += strlen (n) + 1)
    g_ptr_array_add (out, g_strdup (n));
  if (out->len == 0)
    {
      g_ptr_array_free (out, TRUE);
      pcsc_error (error, SCARD_E_NO_READERS_AVAILABLE, "SCardListReaders");
      return NULL;
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* ISO 7816-4 §8.1.1.2.7: the card capabilities (compact TLV 0x73) in the ATR's historical
 * bytes; the third software function byte's bit 7 says "extended Lc and Le". */
static gboolean
atr_says_extended (const guint8 *atr, gsize length)
{
  gsize i = 1, historical;
  guint8 td;
  gboolean first = TRUE;

  if (length < 2)
    return FALSE;
  historical = atr[1] & 0x0F;
  td = atr[1];
  i = 2;
  while (TRUE)
    {
      i += ((td & 0x10) != 0) + ((td & 0x20) != 0) + ((td & 0x40) != 0);
      if (!(td & 0x80) || i >= length)
        break;
      td = atr[i++];
      first = FALSE;
    }
  (void) first;
  if (i + historical > length || historical < 2 || atr[i] != 0x80)
    return FALSE;
  for (gsize j = i + 1; j < i + historical;)
    {
      guint8 tag = atr[j] >> 4, len = atr[j] & 0x0F;

      if (j + 1 + len > i + historical)
        return FALSE;
      if (tag == 0x7 && len >= 3)
        return (atr[j + 3] & 0x40) != 0;
      j += 1 + len;
    }
  return FALSE;
}

static char *
pick_reader (SCARDCONTEXT context, const char *wanted, char **readers, guint timeout_ms,
             GError **error)
{
  guint n = g_strv_length (readers);
  g_autofree SCARD_READERSTATE *states = g_new0 (SCARD_READERSTATE, n);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean found_name = wanted == NULL;

  for (guint i = 0; i < n; i++)
    {
      states[i].szReader = readers[i];
      states[i].dwCurrentState = SCARD_STATE_UNAWARE;
      if (wanted != NULL && g_str_equal (readers[i], wanted))
        found_name = TRUE;
    }
  if (!found_name)
    {
      _ekyc_i18n_init ();
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_NO_READER,
                   _("There is no card reader named “%s”. Run “ekyc-cli read-chip "
                     "--list-readers” to see the connected readers."), wanted);
      return NULL;
    }
  while (TRUE)
    {
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      LONG rv = SCardGetStatusChange (context, 0, states, n);

      if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT)
        return pcsc_error (error, rv, "SCardGetStatusChange"), NULL;
      for (guint i = 0; i < n; i++)
        {
          if ((wanted == NULL || g_str_equal (readers[i], wanted)) &&
              (states[i].dwEventState & SCARD_STATE_PRESENT) &&
              !(states[i].dwEventState & SCARD_STATE_MUTE))
            return g_strdup (readers[i]);
          states[i].dwCurrentState = states[i].dwEventState;
        }
      if (left <= 0)
        break;
      rv = SCardGetStatusChange (context, (DWORD) MIN (left, 500), states, n);
      if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT)
        return pcsc_error (error, rv, "SCardGetStatusChange"), NULL;
    }
  pcsc_error (error, SCARD_E_NO_SMARTCARD, "waiting for a card");
  return NULL;
}

EkycChipCard *
ekyc_chip_card_open (const char *reader, guint timeout_ms, GError **error)
{
  Pcsc *p = g_new0 (Pcsc, 1);
  g_auto(GStrv) readers = NULL;
  g_autofree char *name = NULL;
  EkycChipCard *card;
  guint8 atr[MAX_ATR_SIZE];
  DWORD atr_length = sizeof atr, state = 0, protocol = 0, name_length = 0;
  LONG rv;

  readers = ekyc_chip_list_readers (error);
  if (readers == NULL)
    goto fail;
  rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &p->context);
  if (rv != SCARD_S_SUCCESS)
    {
      pcsc_error (error, rv, "SCardEstablishContext");
      goto fail;
    }
  name = pick_reader (p->context, reader, readers, timeout_ms, error);
  if (name == NULL)
    goto fail;
  rv = SCardConnect (p->context, name, SCARD_SHARE_EXCLUSIVE,
                     SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0, &p->handle, &p->protocol);
  if (rv == SCARD_E_SHARING_VIOLATION)
    rv = SCardConnect (p->context, name, SCARD_SHARE_SHARED,
                       SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0, &p->handle, &p->protocol);
  if (rv != SCARD_S_SUCCESS)
    {
      pcsc_error (error, rv, "SCardConnect");
      goto fail;
    }
  rv = SCardStatus (p->handle, NULL, &name_length, &state, &protocol, atr, &atr_length);
  if (rv != SCARD_S_SUCCESS)
    {
      pcsc_error (error, rv, "SCardStatus");
      goto fail;
    }
  card = ekyc_chip_card_new_for_transmit (pcsc_transmit, p, pcsc_free,
                                          atr_says_extended (atr, atr_length));
  g_free (card->reader);
  card->reader = g_steal_pointer (&name);
  return card;

fail:
  pcsc_free (p);
  return NULL;
}
