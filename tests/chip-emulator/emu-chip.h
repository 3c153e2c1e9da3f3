/* emu-chip.h — an ICAO 9303 chip answering command APDUs (ISO/IEC 7816-4): the eMRTD application,
 * SELECT and READ BINARY by file identifier and short EF identifier, BAC with 3DES and PACE
 * (generic mapping, ECDH) with AES secure messaging, active authentication (ICAO 9303 Part 11
 * sections 4.3, 4.4, 6.1 and 9.8; BSI TR-03110). Written from the specifications, not from the
 * reader.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

typedef struct _EmuChip EmuChip;

/* Loads the files make-test-chip wrote into DIR (EF.COM, DG1…DG16, EF.SOD, EF.CardAccess if
 * present); the BAC key and the PACE password come from the MRZ in DG1, as a chip's
 * personalisation would set them; the PACE protocols from EF.CardAccess; the active
 * authentication key from aa-key.pem when present. */
EmuChip *emu_chip_new         (const char *dir, GError **error);
void     emu_chip_free        (EmuChip *chip);
/* A chip that lists PACE in EF.CardAccess but refuses MSE:Set AT (BAC still works). */
void     emu_chip_set_refuse_pace (EmuChip *chip, gboolean refuse);
/* A card that is no ICAO chip (a bank card, say): SELECT of anything but the master file and
 * READ BINARY answer 6A82, so there is neither EF.CardAccess nor the eMRTD application. */
void     emu_chip_set_not_icao    (EmuChip *chip, gboolean not_icao);
/* Power on or reset: back to the master file, no access, no secure messaging. */
void     emu_chip_reset       (EmuChip *chip);
/* The response APDU (data ‖ SW1 SW2) to one command APDU. */
GBytes  *emu_chip_transmit    (EmuChip *chip, const guint8 *apdu, gsize len);
/* READ BINARY commands answered so far with access granted (to pull the card mid-read). */
guint    emu_chip_reads       (EmuChip *chip);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmuChip, emu_chip_free)
