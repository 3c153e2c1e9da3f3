/* ekyc-chip.h — read and verify the chip of an ICAO 9303 document (the Vietnamese CCCD) over
 * PC/SC: BAC or PACE, the LDS (DG1, DG2, DG13…), passive authentication
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-mrz.h"

EKYC_BEGIN_DECLS

/* ---- the card and its transport ------------------------------------------------------------ */

/**
 * EkycChipCard:
 * A connection to one contactless card: through pcsc-lite (ekyc_chip_card_open()) or through
 * any function that carries APDUs (ekyc_chip_card_new_for_transmit(), used by tests). Not
 * thread-safe: one thread at a time. Free with ekyc_chip_card_free().
 */
typedef struct _EkycChipCard EkycChipCard;

/**
 * EkycChipTransmitFunc:
 * Sends @command (a whole APDU) and appends the card's answer, status word included, to
 * @response. Returns %FALSE with @error set when nothing came back (e.g. the card left:
 * %EKYC_ERROR_CHIP_REMOVED).
 */
typedef gboolean (*EkycChipTransmitFunc) (const guint8 *command, gsize length,
                                          GByteArray *response, gpointer user_data,
                                          GError **error);

/**
 * ekyc_chip_list_readers:
 * The names of the PC/SC readers pcscd knows, in its order.
 * Errors: %EKYC_ERROR_CHIP_NO_READER when pcscd is not running or has no reader.
 * Returns: (transfer full): a %NULL-terminated array (free with g_strfreev()), never empty.
 */
EKYC_API char **ekyc_chip_list_readers (GError **error);

/**
 * ekyc_chip_card_open:
 * Connects to the card on @reader (nullable: the first reader that has a card, else the first
 * reader), waiting up to @timeout_ms for a card to be put on it (0: do not wait).
 * Extended-length APDUs are used when the card's ATR says it takes them.
 * Errors: %EKYC_ERROR_CHIP_NO_READER (no pcscd, no reader, or no reader named @reader),
 * %EKYC_ERROR_CHIP_NO_CARD (nothing on the reader before the timeout),
 * %EKYC_ERROR_CHIP_COMMUNICATION (the card does not answer).
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycChipCard *ekyc_chip_card_open (const char *reader, guint timeout_ms,
                                            GError **error);

/**
 * ekyc_chip_card_new_for_transmit:
 * A card reached through @transmit (e.g. a scripted chip in a test). @destroy frees
 * @user_data with the card. @extended_length: the transport carries extended APDUs.
 * Returns: (transfer full)
 */
EKYC_API EkycChipCard *ekyc_chip_card_new_for_transmit (EkycChipTransmitFunc transmit,
                                                        gpointer user_data,
                                                        GDestroyNotify destroy,
                                                        gboolean extended_length);

/* The reader's name (PC/SC) or "custom". (transfer none) */
EKYC_API const char *ekyc_chip_card_get_reader (const EkycChipCard *card);
EKYC_API void        ekyc_chip_card_free       (EkycChipCard *card);

/* ---- the access key ------------------------------------------------------------------------ */

/**
 * EkycChipKey:
 * What the MRZ gives to open the chip (BAC key seed, PACE MRZ password): the document number
 * as printed (without `<` fillers; on the CCCD the last 9 digits of the ID number) and the
 * dates of birth and expiry as YYMMDD.
 */
typedef struct {
  char document_number[32];
  char birth_date[7];
  char expiry_date[7];
} EkycChipKey;

/**
 * ekyc_chip_key_parse:
 * Parses "DOCNO:YYMMDD:YYMMDD" (upper-cased; `<` fillers dropped).
 * Errors: %EKYC_ERROR_INVALID_ARGUMENT naming what is wrong.
 */
EKYC_API gboolean ekyc_chip_key_parse (const char *text, EkycChipKey *key, GError **error);
/* The key of a parsed MRZ (document number, birth and expiry dates). */
EKYC_API void     ekyc_chip_key_from_mrz (const EkycMrz *mrz, EkycChipKey *key);

/* ---- what the chip holds ------------------------------------------------------------------- */

/* The elementary files the reader knows; DGn is EKYC_CHIP_FILE_DG1 + n − 1. */
typedef enum {
  EKYC_CHIP_FILE_CARD_ACCESS,  /* EF.CardAccess (PACE parameters), outside the application */
  EKYC_CHIP_FILE_COM,          /* EF.COM: LDS version and the list of data groups */
  EKYC_CHIP_FILE_SOD,          /* EF.SOD: the signed hashes of the data groups */
  EKYC_CHIP_FILE_DG1,
  EKYC_CHIP_FILE_DG16 = EKYC_CHIP_FILE_DG1 + 15,
  EKYC_CHIP_N_FILES,
} EkycChipFile;

#define EKYC_CHIP_FILE_DG(n) ((EkycChipFile) (EKYC_CHIP_FILE_DG1 + (n) - 1))

/* "EF.COM", "DG1"… (static) */
EKYC_API const char *ekyc_chip_file_name (EkycChipFile file);

typedef enum {
  EKYC_CHIP_ACCESS_NONE,  /* not opened (or files given directly) */
  EKYC_CHIP_ACCESS_BAC,
  EKYC_CHIP_ACCESS_PACE,
} EkycChipAccess;

typedef enum {
  EKYC_CHIP_IMAGE_UNKNOWN,
  EKYC_CHIP_IMAGE_JPEG,
  EKYC_CHIP_IMAGE_JPEG2000,
} EkycChipImageFormat;

/* DG2: the first facial image of the first biometric template. */
typedef struct {
  GBytes              *image;    /* the encoded image (JPEG or JPEG 2000 bytes), or NULL */
  EkycChipImageFormat  format;
  int                  width, height; /* from the ISO 19794-5 header; 0 when absent */
} EkycChipPortrait;

/**
 * EkycChipVnData:
 * DG13 of the Vietnamese CCCD (the card's own data; layout in docs/chip-dg13.md). Strings are
 * UTF-8 (NFC) as the chip stores them, %NULL when the chip has no such field. Dates as the card
 * writes them (dd/mm/yyyy) and, where they parse, also as ISO "YYYY-MM-DD".
 */
typedef struct {
  char *id_number;           /* 1: the 12-digit personal ID number */
  char *full_name;           /* 2 */
  char *date_of_birth;       /* 3 */
  char *sex;                 /* 4: "Nam" / "Nữ" */
  char *nationality;         /* 5 */
  char *ethnicity;           /* 6 */
  char *religion;            /* 7 */
  char *place_of_origin;     /* 8 */
  char *place_of_residence;  /* 9 */
  char *identifying_marks;   /* 10 */
  char *issue_date;          /* 11 */
  char *expiry_date;         /* 12 (on cards without expiry: "Không thời hạn") */
  char *father_name;         /* 13, first name */
  char *mother_name;         /* 13, second name */
  char *spouse_name;         /* 14 */
  char *old_id_number;       /* 15: the 9-digit CMND number, when the person had one */
  char *date_of_birth_iso, *issue_date_iso, *expiry_date_iso;
} EkycChipVnData;

/* What one check found. */
typedef enum {
  EKYC_CHIP_CHECK_NOT_RUN,   /* not attempted (e.g. the chip has no DG15) */
  EKYC_CHIP_CHECK_PASSED,
  EKYC_CHIP_CHECK_FAILED,
} EkycChipCheck;

/**
 * EkycChipPassiveResult:
 * Passive authentication (ICAO 9303 Part 11 §5.1) as separate findings, so that "the data was
 * changed" and "we do not know this country's CSCA" are never the same answer.
 */
typedef enum {
  EKYC_CHIP_PA_OK,                 /* hashes, signature and chain to a trusted CSCA all good */
  EKYC_CHIP_PA_NOT_RUN,
  EKYC_CHIP_PA_SOD_INVALID,        /* EF.SOD missing or not a CMS SignedData with an LDS object */
  EKYC_CHIP_PA_HASH_MISMATCH,      /* a data group's hash differs from the SOD's */
  EKYC_CHIP_PA_HASH_MISSING,       /* a data group that was read has no hash in the SOD */
  EKYC_CHIP_PA_SIGNATURE_INVALID,  /* the SOD's signature does not verify under the DS cert */
  EKYC_CHIP_PA_CSCA_MISSING,       /* no trust store configured, or it holds no certificate */
  EKYC_CHIP_PA_CSCA_UNKNOWN,       /* no CSCA in the trust store issued the DS certificate */
  EKYC_CHIP_PA_CSCA_EXPIRED,       /* the issuing CSCA certificate is not valid now */
  EKYC_CHIP_PA_DS_EXPIRED,         /* the document signer certificate is not valid now */
  EKYC_CHIP_PA_CHAIN_INVALID,      /* another chain failure (bad certificate signature…) */
} EkycChipPassiveResult;

typedef struct {
  EkycChipPassiveResult result;
  char        *detail;               /* a sentence for logs and JSON (English) */
  char        *hash_algorithm;       /* "SHA256"… */
  guint        hashes_checked;       /* data groups whose hash matched */
  int          mismatched_dg;        /* the first failing DG number, 0 if none */
  char        *signer_subject;       /* the DS certificate's subject, one line */
  char        *csca_subject;         /* the CSCA that issued it, when found */
  gboolean     hashes_ok, signature_ok, chain_ok;
} EkycChipPassive;

/* The steps of a read, for progress and timings. */
typedef enum {
  EKYC_CHIP_STEP_CONNECT,
  EKYC_CHIP_STEP_ACCESS,     /* PACE or BAC */
  EKYC_CHIP_STEP_READ_COM,
  EKYC_CHIP_STEP_READ_DG1,
  EKYC_CHIP_STEP_READ_DG2,
  EKYC_CHIP_STEP_READ_DG13,
  EKYC_CHIP_STEP_READ_DG14,
  EKYC_CHIP_STEP_READ_DG15,
  EKYC_CHIP_STEP_READ_SOD,
  EKYC_CHIP_STEP_PARSE,      /* LDS parsing */
  EKYC_CHIP_STEP_VERIFY,     /* passive authentication */
  EKYC_CHIP_STEP_CHIP_AUTH,  /* chip authentication (DG14): a card exchange, timed apart */
  EKYC_CHIP_STEP_ACTIVE_AUTH,  /* active authentication (DG15): a card exchange */
  EKYC_CHIP_N_STEPS,
} EkycChipStep;

EKYC_API const char *ekyc_chip_step_name (EkycChipStep step);  /* "access", "read-dg2"… */

/**
 * EkycChipDocument:
 * Everything read from a chip and what was proven. Read-only for the caller; free with
 * ekyc_chip_document_free().
 */
typedef struct {
  EkycChipAccess   access;
  char            *access_detail;       /* e.g. "PACE ECDH-GM AES-128 brainpoolP256r1" or why
                                         * PACE was not used before BAC */
  GBytes          *files[EKYC_CHIP_N_FILES]; /* raw file contents, NULL when absent */
  char            *lds_version;         /* EF.COM, e.g. "0107" */
  guint32          dg_present;          /* EF.COM's list: bit n for DGn */
  EkycMrz         *mrz;                 /* DG1 (nullable) */
  EkycChipPortrait portrait;            /* DG2 */
  EkycChipVnData  *vn;                  /* DG13 (nullable) */
  EkycChipPassive  passive;
  EkycChipCheck    active_auth;         /* DG15 challenge-response */
  char            *active_auth_detail;
  EkycChipCheck    chip_auth;           /* DG14 chip authentication (ECDH or DH, 3DES or AES):
                                         * PASSED when the chip proved DG14's key and secure
                                         * messaging went on under the agreed keys; NOT_RUN when
                                         * not performed (no DG14, no protocol this reader knows,
                                         * files without a chip) */
  char            *chip_auth_detail;    /* what was done or what DG14 offers, e.g.
                                         * "id-CA-ECDH-AES-CBC-CMAC-128 offered, not performed";
                                         * NULL without DG14 */
  double           ms[EKYC_CHIP_N_STEPS]; /* time per step */
} EkycChipDocument;

/* ---- reading and verifying ----------------------------------------------------------------- */

typedef void (*EkycChipProgressFunc) (EkycChipStep step, gsize done, gsize total,
                                      gpointer user_data);

typedef struct {
  gboolean             skip_pace;   /* go straight to BAC */
  gboolean             skip_bac;    /* PACE only */
  gboolean             skip_dg2;    /* do not read the portrait (faster) */
  const char          *trust_dir;   /* CSCA certificates (PEM or DER files); nullable */
  gint64               verify_time; /* Unix time the certificates are checked at; 0: now */
  EkycChipProgressFunc progress;
  gpointer             progress_data;
} EkycChipReadOptions;

/**
 * ekyc_chip_read:
 * Opens the chip with @key (PACE when EF.CardAccess offers it, else or on failure BAC), reads
 * EF.COM, DG1, DG2, DG13, DG14, DG15 (those present) and EF.SOD under secure messaging, parses
 * them and runs passive authentication, chip authentication when DG14 offers it (any
 * id-CA-{DH,ECDH}-{3DES,AES}: the session then goes on under the new keys) and active authentication when DG15 is present.
 * @options is nullable (defaults). A verification that fails is not an error: see
 * #EkycChipDocument.passive.
 * Errors: %EKYC_ERROR_CHIP_NOT_ICAO, %EKYC_ERROR_CHIP_ACCESS_DENIED (the key does not open the
 * chip), %EKYC_ERROR_CHIP_REMOVED, %EKYC_ERROR_CHIP_COMMUNICATION, %EKYC_ERROR_CHIP_DATA_INVALID
 * (DG1 or EF.SOD malformed beyond use).
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycChipDocument *ekyc_chip_read (EkycChipCard *card, const EkycChipKey *key,
                                           const EkycChipReadOptions *options,
                                           GError **error);

/**
 * ekyc_chip_document_new_from_files:
 * A document from raw files (e.g. saved earlier, or built by a test): takes a reference on
 * each non-NULL entry of @files (EKYC_CHIP_N_FILES long), parses them and, when @options is
 * given, runs passive authentication. No access control is involved.
 * Errors: %EKYC_ERROR_CHIP_DATA_INVALID when DG1 is present but malformed.
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycChipDocument *ekyc_chip_document_new_from_files (GBytes *const *files,
                                                              const EkycChipReadOptions *options,
                                                              GError **error);

/**
 * ekyc_chip_verify_passive:
 * (Re)runs passive authentication of @document's files against the CSCAs in @trust_dir
 * (nullable) at @verify_time (0: now), filling @document->passive. Thread-safe for distinct
 * documents.
 */
EKYC_API void ekyc_chip_verify_passive (EkycChipDocument *document, const char *trust_dir,
                                        gint64 verify_time);

/* "ok", "hash-mismatch", "csca-unknown"… (static) */
EKYC_API const char *ekyc_chip_passive_result_name (EkycChipPassiveResult result);
EKYC_API const char *ekyc_chip_access_name (EkycChipAccess access);   /* "none", "bac", "pace" */

EKYC_API void ekyc_chip_vn_data_free   (EkycChipVnData *data);
EKYC_API void ekyc_chip_document_free  (EkycChipDocument *document);

/**
 * ekyc_chip_parse_dg13:
 * Parses DG13 of the Vietnamese CCCD (the whole file, tag 6D).
 * Errors: %EKYC_ERROR_CHIP_DATA_INVALID.
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycChipVnData *ekyc_chip_parse_dg13 (const guint8 *data, gsize length,
                                               GError **error);

/**
 * ekyc_chip_parse_dg2:
 * Finds the first facial image in DG2 (tag 75; ISO 19794-5 or ISO 39794 records) into
 * @portrait (its image is a new #GBytes the caller unrefs).
 * Errors: %EKYC_ERROR_CHIP_DATA_INVALID.
 */
EKYC_API gboolean ekyc_chip_parse_dg2 (const guint8 *data, gsize length,
                                       EkycChipPortrait *portrait, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycChipCard, ekyc_chip_card_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycChipDocument, ekyc_chip_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycChipVnData, ekyc_chip_vn_data_free)

EKYC_END_DECLS
