/* emu-chip-private.h — what the chip emulator's files share: the chip's state, a parsed command
 * APDU, the status words (ISO/IEC 7816-4 5.6) and the BER-TLV helpers
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include <openssl/evp.h>

#include "emu-chip.h"
#include "emu-crypto.h"

#define SW_OK              0x9000
#define SW_END_OF_FILE     0x6282  /* end of file reached before Ne bytes */
#define SW_WRONG_KEY       0x6300  /* authentication failed */
#define SW_WRONG_LENGTH    0x6700
#define SW_LAST_OF_CHAIN   0x6883  /* last command of the chain expected */
#define SW_NO_CHAINING     0x6884  /* command chaining not supported */
#define SW_SM_MISSING      0x6987  /* expected secure messaging data objects missing */
#define SW_SM_INCORRECT    0x6988  /* secure messaging data objects incorrect */
#define SW_NOT_ALLOWED     0x6982  /* security status not satisfied */
#define SW_NO_CHALLENGE    0x6985  /* conditions of use not satisfied */
#define SW_NO_CURRENT_EF   0x6986
#define SW_WRONG_DATA      0x6A80  /* incorrect parameters in the command data field */
#define SW_NOT_FOUND       0x6A82
#define SW_WRONG_P1P2      0x6A86
#define SW_REF_NOT_FOUND   0x6A88  /* referenced data not found */
#define SW_OUT_OF_FILE     0x6B00
#define SW_WRONG_INS       0x6D00
#define SW_WRONG_CLA       0x6E00
#define SW_UNKNOWN         0x6F00

typedef struct {
  guint16  fid;
  guint8   sfi;
  gboolean in_master_file;  /* EF.CardAccess lives in the MF, the LDS in the application */
  GBytes  *content;
} EmuFile;

typedef struct _EmuPace EmuPace;

/* PACEInfo of EF.CardAccess (9303-11 9.2.1): the protocol OID and the domain parameter id. */
typedef struct {
  guint8 oid[16];
  gsize  oid_length;
  int    parameter_id;
} EmuPaceInfo;

struct _EmuChip {
  GArray     *files;          /* EmuFile */
  guint8      kenc[16], kmac[16];   /* BAC's document basic access keys */
  guint8      mrz_hash[20];   /* SHA-1 (MRZ_information): BAC's seed, PACE's K */
  GArray     *pace_infos;     /* EmuPaceInfo from EF.CardAccess */
  gboolean    refuse_pace;    /* lists PACE but answers MSE:Set AT with "not found" */
  gboolean    not_icao;       /* a card of another application: no eMRTD, no EF.CardAccess */
  EVP_PKEY   *aa_key;         /* active authentication's private key (aa-key.pem), or NULL */
  EVP_PKEY   *ca_key;         /* chip authentication's private key (ca-key.pem), or NULL */
  gsize       ca_key_length;  /* MSE:Set AT chose chip authentication with this AES key
                               * length; 0: none chosen */
  gboolean    sm_switch_pending;  /* after this answer, secure messaging goes on with next_sm */
  EmuSession  next_sm;
  gboolean    application_selected;
  int         current;        /* index into files, or -1 */
  gboolean    challenge_issued;
  guint8      rnd_ic[8];
  gboolean    authenticated;  /* BAC or PACE done: secure messaging on */
  EmuSession  sm;
  EmuPace    *pace;           /* a PACE run in progress, or NULL */
  guint       reads;
};

typedef struct {
  guint8        cla, ins, p1, p2;
  const guint8 *data;
  gsize         lc;
  gsize         ne;           /* 0: no Le field */
  gboolean      le_is_max;    /* Le field all zeros: "as much as there is" */
} Command;

/* One BER-TLV element (ISO/IEC 7816-4 5.2) at *pos, tags of one or two bytes; FALSE when it
 * runs past END. */
gboolean emu_read_tlv    (const guint8 **pos, const guint8 *end, guint *tag,
                          const guint8 **value, gsize *len);
/* Appends TAG (one or two bytes) ‖ length ‖ VALUE. */
void     emu_append_tlv  (GByteArray *out, guint tag, const guint8 *value, gsize len);
gboolean emu_parse_command (const guint8 *apdu, gsize len, Command *c);
/* Runs one plain (unwrapped) command; the answer's data goes to OUT; returns the status word. */
guint    emu_chip_execute (EmuChip *chip, const Command *c, GByteArray *out);
/* The end of a session (secure messaging error, failed PACE): back to the master file, no
 * access. */
void     emu_chip_drop_session (EmuChip *chip);

/* Secure messaging (emu-sm.c): unwraps a protected command, runs it, wraps the answer. */
GBytes  *emu_sm_transmit (EmuChip *chip, const guint8 *apdu, gsize len);

/* PACE (emu-pace.c): MSE:Set AT and the four GENERAL AUTHENTICATE steps. */
guint    emu_pace_set_at  (EmuChip *chip, const Command *c);
guint    emu_pace_general_authenticate (EmuChip *chip, const Command *c, GByteArray *out);
void     emu_pace_free    (EmuPace *pace);
/* Reads the PACEInfos of EF.CardAccess into chip->pace_infos. */
void     emu_pace_load_infos (EmuChip *chip, GBytes *card_access);

/* Chip authentication (emu-ca.c) under secure messaging: MSE:Set AT (41 A4) and GENERAL
 * AUTHENTICATE for AES, MSE:Set KAT (41 A6) for 3DES; the new keys take over after the answer. */
#define EMU_CA_MAX_SECRET 512  /* 4096-bit DH */
guint    emu_ca_set_at    (EmuChip *chip, const Command *c);
guint    emu_ca_general_authenticate (EmuChip *chip, const Command *c, GByteArray *out);
guint    emu_ca_set_kat   (EmuChip *chip, const Command *c);

/* Active authentication (emu-aa.c): INTERNAL AUTHENTICATE. */
guint    emu_aa_internal_authenticate (EmuChip *chip, const Command *c, GByteArray *out);
