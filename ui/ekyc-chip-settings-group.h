/* ekyc-chip-settings-group.h — Preferences' chip settings: which PC/SC reader reads the card's
 * chip, and the folder of CSCA certificates that passive authentication trusts
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EKYC_TYPE_CHIP_SETTINGS_GROUP (ekyc_chip_settings_group_get_type ())
G_DECLARE_FINAL_TYPE (EkycChipSettingsGroup, ekyc_chip_settings_group, EKYC,
                      CHIP_SETTINGS_GROUP, AdwPreferencesGroup)

/**
 * EkycChipSettingsGroup:
 * Edits "chip-reader" (a choice among the readers pcscd lists now, "any reader" first; a saved
 * reader that is not connected stays a choice) and "chip-trust-directory" (a folder chooser;
 * empty is the default folder, ekyc_chip_settings_default_trust_directory(), shown as such).
 * Without pcscd or without a reader the choice is "any reader" and a note says why.
 */
void        ekyc_chip_settings_group_set_settings (EkycChipSettingsGroup *self,
                                                   GSettings             *settings);
/* Lists the readers again (in a worker: PC/SC may take a moment). */
void        ekyc_chip_settings_group_refresh      (EkycChipSettingsGroup *self);
/* TRUE while the readers are being listed. */
gboolean    ekyc_chip_settings_group_get_listing  (EkycChipSettingsGroup *self);
/* The reader choices as shown, "any reader" first. (transfer full) */
GStrv       ekyc_chip_settings_group_dup_choices  (EkycChipSettingsGroup *self);
/* Why no reader can be chosen (pcscd absent, no reader), or NULL. (transfer none) */
const char *ekyc_chip_settings_group_get_note     (EkycChipSettingsGroup *self);
/* What choosing a folder in the chooser does (NULL: back to the default). */
void        ekyc_chip_settings_group_set_trust_directory (EkycChipSettingsGroup *self,
                                                          const char            *path);
/* The rows, for tests and keyboard focus. */
GtkWidget  *ekyc_chip_settings_group_get_reader_row (EkycChipSettingsGroup *self);
GtkWidget  *ekyc_chip_settings_group_get_trust_row  (EkycChipSettingsGroup *self);

/* The CSCA folder used when "chip-trust-directory" is empty: $EKYC_CSCA_DIR (as for ekyc-cli),
 * else <user data dir>/ekyc/csca. */
const char *ekyc_chip_settings_default_trust_directory (void);
/* The CSCA folder that @settings says, or the default one. (transfer full) */
char       *ekyc_chip_settings_dup_trust_directory     (GSettings *settings);

G_END_DECLS
