/* ekyc-chip-panel.h — the chip step of the flow: reads the card's chip once the back gave a valid
 * MRZ, shows the progress and what came of it, and hands the chip to the verification
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-verification.h"

G_BEGIN_DECLS

typedef enum {
  EKYC_CHIP_PANEL_IDLE,      /* hidden: no MRZ yet, or a new verification */
  EKYC_CHIP_PANEL_READING,
  EKYC_CHIP_PANEL_DONE,      /* the chip was read (see the verification for what it proved) */
  EKYC_CHIP_PANEL_NOT_READ,  /* no reader, no card, the chip refused…: the flow goes on */
} EkycChipPanelState;

#define EKYC_TYPE_CHIP_PANEL (ekyc_chip_panel_get_type ())
G_DECLARE_FINAL_TYPE (EkycChipPanel, ekyc_chip_panel, EKYC, CHIP_PANEL, AdwBin)

/**
 * EkycChipPanel:
 * A bar above the flow. ekyc_chip_panel_start() offers "Read chip" for @verification and reads
 * at once, without waiting for a card (a reader that holds the card is read; no reader or no
 * card gives a message and the flow goes on); the button reads again, waiting for the card.
 * The reader and the CSCA folder come from @settings ("chip-reader", "chip-trust-directory").
 * Signal "finished": a read ended (the verification has the chip or the reason it has none).
 */
void                ekyc_chip_panel_start       (EkycChipPanel    *self,
                                                 EkycVerification *verification,
                                                 EkycEngine       *engine,
                                                 GSettings        *settings);
/* Cancels a read in progress and hides the panel. */
void                ekyc_chip_panel_reset       (EkycChipPanel *self);
/* Reads the chip again, waiting up to @timeout_ms for the card. */
void                ekyc_chip_panel_read        (EkycChipPanel *self, guint timeout_ms);
EkycChipPanelState  ekyc_chip_panel_get_state   (EkycChipPanel *self);
/* (transfer none): the text shown now. */
const char         *ekyc_chip_panel_get_message (EkycChipPanel *self);

G_END_DECLS
