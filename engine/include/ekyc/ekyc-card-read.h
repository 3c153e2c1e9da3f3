/* ekyc-card-read.h — reading a Vietnamese ID card: printed fields, QR, MRZ slot, portrait, verdict
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Two steps. ekyc_card_reader_read_side() looks at one photo: finds and rectifies the card, tells
 * front from back and the layout (2021 CCCD or 2024 Căn cước), reads the printed fields by
 * finding their printed labels with OCR (not by fixed pixel positions), decodes the QR code and
 * crops the portrait. ekyc_card_reading_merge() then merges one or two sides, and an MRZ reading
 * when there is one, into one value per field with its confidence and winning source, and runs
 * the cross-checks, each a named reason.
 */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-card-dates.h"
#include "ekyc-card-detect.h"
#include "ekyc-chip.h"
#include "ekyc-engine.h"
#include "ekyc-face.h"
#include "ekyc-image.h"
#include "ekyc-mrz.h"

EKYC_BEGIN_DECLS

/* EkycCardSide is in ekyc-card-detect.h (the detector tells front from back). */

typedef enum {
  EKYC_CARD_LAYOUT_UNKNOWN,
  EKYC_CARD_LAYOUT_CCCD_2021,     /* CĂN CƯỚC CÔNG DÂN (Thông tư 06/2021/TT-BCA) */
  EKYC_CARD_LAYOUT_CAN_CUOC_2024, /* CĂN CƯỚC (Thông tư 16/2024/TT-BCA) */
} EkycCardLayout;

/* The fields, in the order of `ekyc-cli read-card --json`. */
typedef enum {
  EKYC_CARD_READ_FIELD_ID_NUMBER,
  EKYC_CARD_READ_FIELD_OLD_ID_NUMBER,
  EKYC_CARD_READ_FIELD_FULL_NAME,
  EKYC_CARD_READ_FIELD_DATE_OF_BIRTH,      /* YYYY-MM-DD */
  EKYC_CARD_READ_FIELD_SEX,                /* "M" or "F" */
  EKYC_CARD_READ_FIELD_NATIONALITY,
  EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN,    /* 2024: "Nơi đăng ký khai sinh" */
  EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
  EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY,     /* YYYY-MM-DD, or "none" for "Không thời hạn" */
  EKYC_CARD_READ_FIELD_ISSUE_DATE,
  EKYC_CARD_READ_N_FIELDS,
} EkycCardReadField;

typedef enum {
  EKYC_CARD_SOURCE_NONE,
  EKYC_CARD_SOURCE_QR,
  EKYC_CARD_SOURCE_MRZ,
  EKYC_CARD_SOURCE_PRINTED,  /* OCR of the printed text */
  EKYC_CARD_SOURCE_COMPUTED, /* expiry from birth and issue dates under the card law */
  EKYC_CARD_SOURCE_DERIVED,  /* nationality of a Vietnamese ID card */
  EKYC_CARD_SOURCE_CHIP,     /* the chip (DG13, DG1); wins only after passive authentication */
  EKYC_CARD_N_SOURCES,
} EkycCardSource;

/**
 * EkycCardValue:
 * One field: the value (UTF-8, NFC; %NULL when unknown), a confidence in 0..1 and the source it
 * came from. In a merged reading @by_source keeps what every source said.
 */
typedef struct {
  char          *value;
  float          confidence;
  EkycCardSource source;
  char          *by_source[EKYC_CARD_N_SOURCES];
} EkycCardValue;

/**
 * EkycCardSideReading:
 * What one photo shows. Free with ekyc_card_side_reading_free().
 */
typedef struct {
  EkycCardSide      side;
  EkycCardLayout    layout;
  EkycCardDetection detection;      /* found = FALSE when the photo was read as a flat scan */
  EkycImage        *rectified;      /* (nullable) the card at 1000 px wide, the right way up
                                       (turned when @detection is upside_down) */
  EkycCardValue     printed[EKYC_CARD_READ_N_FIELDS]; /* source PRINTED where read */
  int               n_labels;       /* printed labels recognised */
  char             *qr_payload;     /* (nullable) the raw QR text of this side */
  EkycImage        *portrait;       /* (nullable) the photo on the front */
  /* The MRZ slot: ekyc_card_reader_read_side() fills it with ekyc_mrz_read()'s reader when the
   * side shows an MRZ (valid or not: see EkycMrz.valid); ekyc_card_side_reading_set_mrz()
   * replaces it. */
  EkycMrz          *mrz;
  double            ms_detect, ms_ocr, ms_qr;
  double            ms_mrz;
  /* The MRZ block on @rectified, clockwise from its top-left (all 0 when not read there). */
  EkycPoint         mrz_corners[4];
  /* (nullable, NULL-terminated) the lines the page OCR read on the card, top to bottom: a value
   * whose label was not read (small print, blurred) is found there by what another source
   * says (the name the MRZ gives without its marks) */
  char            **page_lines;
} EkycCardSideReading;

typedef struct {
  const char *name;     /* stable: "id-number", "sex-century-digit", "agree-full-name"… */
  gboolean    passed;
  char       *detail;   /* English, for logs and JSON */
} EkycCardCheck;

/**
 * EkycCardReading:
 * The merged card. Free with ekyc_card_reading_free().
 */
typedef struct {
  EkycCardLayout layout;
  EkycCardValue  fields[EKYC_CARD_READ_N_FIELDS];
  char          *qr_payload;   /* (nullable) */
  char          *mrz_lines[3]; /* (nullable) */
  GArray        *checks;       /* of EkycCardCheck */
  gboolean       all_passed;
  /* the portrait as the reference face (ekyc_card_reading_embed_portrait()) */
  gboolean       has_face;
  EkycFaceDetection face;
  EkycEmbedding  face_embedding;
} EkycCardReading;

typedef struct _EkycCardReader EkycCardReader;

/**
 * ekyc_card_reader_new:
 * Loads the OCR (Tesseract `vie`) from @tessdata_dir (nullable: Tesseract's default).
 * Errors: %EKYC_ERROR_MODEL_MISSING. Returns: (transfer full). A reader is not thread-safe: use
 * one per thread.
 */
EKYC_API EkycCardReader *ekyc_card_reader_new  (const char *tessdata_dir, GError **error);
EKYC_API void            ekyc_card_reader_free (EkycCardReader *reader);

/**
 * ekyc_card_reader_read_side:
 * Reads one photo or scan of one side of a card: the card outline, the QR code, the MRZ (with
 * the reader of ekyc_mrz_read(), on the card found), the printed fields. A caller need not run
 * ekyc_mrz_read() on a card side itself.
 * Errors (%EKYC_ERROR): %EKYC_ERROR_NOT_A_CARD (no card and no card text),
 * %EKYC_ERROR_CARD_FOREIGN (a card, but not a Vietnamese ID card),
 * %EKYC_ERROR_CARD_INCOMPLETE (part of a card: cut off or cut in half),
 * %EKYC_ERROR_CARD_UNREADABLE (a Vietnamese card whose text cannot be read).
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycCardSideReading *ekyc_card_reader_read_side (EkycCardReader *reader,
                                                          const EkycImage *image, GError **error);

typedef enum {
  EKYC_CARD_READ_DEFAULT     = 0,
  /* OCR the print of every side, even where the QR and a valid MRZ already give its fields
   * (evaluation of the OCR; print × code agreement checks on every field) */
  EKYC_CARD_READ_ALL_PRINTED = 1 << 0,
} EkycCardReadFlags;

/**
 * ekyc_card_reader_read_card:
 * Reads the photos of both sides of a card (in either order; @second nullable) and merges them
 * as ekyc_card_reading_merge() does. The sides are read in two threads: first each side's
 * outline, QR and MRZ, then Tesseract over the print of the sides that still hold a field. When
 * a QR parses and a back's MRZ of Viet Nam passes every check digit, only the side that carries
 * the QR is OCR'd (it holds the one field no code has: the place of origin on a 2021 front, the
 * place of birth registration on a 2024 back), unless @flags has
 * %EKYC_CARD_READ_ALL_PRINTED. The reader keeps a second OCR engine for the second thread.
 * When one photo fails %EKYC_ERROR_CARD_UNREADABLE or %EKYC_ERROR_CARD_FOREIGN but the other's
 * QR or MRZ shows a Vietnamese card, the card is
 * read from that side alone and the check "side-unreadable" fails (that side's reading is
 * %NULL in @sides_out).
 * @sides_out: (out caller-allocates) (optional): 2 side readings (transfer full), in the order
 *   of the photos; unset on error.
 * @failed_out: (out) (optional): on error, 0 or 1 when that photo failed, 2 when the merge did.
 * Errors: those of ekyc_card_reader_read_side() and ekyc_card_reading_merge().
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycCardReading *ekyc_card_reader_read_card (EkycCardReader *reader,
                                                      const EkycImage *first,
                                                      const EkycImage *second,
                                                      EkycCardReadFlags flags,
                                                      const EkycCardDate *today,
                                                      EkycCardSideReading **sides_out,
                                                      guint *failed_out, GError **error);

/* Puts @mrz (transfer full, nullable) into @side's MRZ slot, replacing what was there. */
EKYC_API void ekyc_card_side_reading_set_mrz (EkycCardSideReading *side, EkycMrz *mrz);
EKYC_API void ekyc_card_side_reading_free    (EkycCardSideReading *side);

/**
 * ekyc_card_reading_merge:
 * Merges @front and @back (either nullable, not both) into one reading and runs the checks on
 * @today (nullable: the local date). The QR wins where it has the field (it carries exact
 * diacritics), then the MRZ (for dates, sex, numbers), then the printed text; a field two sources
 * read differently fails the check "agree-FIELD". Names compare case-insensitively.
 * Errors: %EKYC_ERROR_CARD_SAME_SIDE when both images show the same side.
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycCardReading *ekyc_card_reading_merge (const EkycCardSideReading *front,
                                                   const EkycCardSideReading *back,
                                                   const EkycCardDate *today, GError **error);

/**
 * ekyc_card_reading_merge_with_chip:
 * As ekyc_card_reading_merge() (@front and @back may both be %NULL here when @chip is given),
 * with the fields of @chip (nullable; DG13, and DG1 where DG13 lacks a field) as a fourth source.
 * When the chip passed passive authentication its value wins every field it has (it is signed
 * by the issuing state); when it did not, the check "chip-passive-authentication" fails and the
 * chip's values are kept in @by_source but never win. The checks "chip-agrees-qr",
 * "chip-agrees-mrz" and "chip-agrees-printed" compare the chip, field by field, with each other
 * source that read at least one of its fields (the detail names every field that differs).
 * The chip takes no part in the per-field "agree-FIELD" checks unless it verified.
 * Errors: those of ekyc_card_reading_merge().
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycCardReading *ekyc_card_reading_merge_with_chip (const EkycCardSideReading *front,
                                                             const EkycCardSideReading *back,
                                                             const EkycChipDocument    *chip,
                                                             const EkycCardDate        *today,
                                                             GError                   **error);

/**
 * ekyc_card_reading_embed_portrait:
 * Finds the face in @portrait (the side reading's crop) and stores it with its embedding in
 * @reading as the reference face for the selfie match.
 * Errors: those of the face engine (%EKYC_ERROR_NO_FACE…).
 */
EKYC_API gboolean ekyc_card_reading_embed_portrait (EkycCardReading *reading, EkycEngine *engine,
                                                    const EkycImage *portrait, GError **error);

EKYC_API void ekyc_card_reading_free (EkycCardReading *reading);

/* Stable names: "front", "cccd-2021", "id_number", "printed"… (transfer none) */
EKYC_API const char *ekyc_card_side_name   (EkycCardSide side);
EKYC_API const char *ekyc_card_layout_name (EkycCardLayout layout);
EKYC_API const char *ekyc_card_read_field_name  (EkycCardReadField field);
EKYC_API const char *ekyc_card_source_name (EkycCardSource source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycCardReader, ekyc_card_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycCardSideReading, ekyc_card_side_reading_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycCardReading, ekyc_card_reading_free)

EKYC_END_DECLS
