/* ekyc-eval-csv.h — readers for the evaluation CSV files (face pairs, liveness labels)
 * SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Both readers accept RFC 4180 CSV: a header row, comma-separated fields, fields optionally
 * enclosed in double quotes (which may then hold commas, line breaks and "" for a quote),
 * LF or CRLF line ends, an optional UTF-8 byte order mark, blank lines (skipped) and a last
 * line without a line end. Every row must have as many fields as the header. Column names
 * are matched case-insensitively, column order is free and unknown columns are ignored.
 * Field values are stripped of surrounding blanks.
 *
 * Errors: a file that cannot be read gives the G_FILE_ERROR of g_file_get_contents(); bad
 * content gives EKYC_EVAL_CSV_ERROR (== G_IO_ERROR) / G_IO_ERROR_INVALID_DATA with a message
 * naming the file, the line number and what is wrong ("FILE, line N: ...").
 */

/**
 * EKYC_EVAL_CSV_ERROR:
 *
 * The error domain of content errors. It is the very quark of G_IO_ERROR, obtained by name so
 * that this code links without GIO (compare it with G_IO_ERROR freely when GIO is linked); the
 * code is always G_IO_ERROR_INVALID_DATA (from <gio/gio.h>, which needs no linking to use).
 */
#define EKYC_EVAL_CSV_ERROR (ekyc_eval_csv_error_quark ())

/**
 * ekyc_eval_csv_error_quark:
 *
 * Returns: the quark of EKYC_EVAL_CSV_ERROR, equal to G_IO_ERROR
 */
GQuark ekyc_eval_csv_error_quark (void);

/**
 * EkycPairRow:
 * @img1: path of the first image, as written in the file
 * @img2: path of the second image
 * @genuine: %TRUE when both images show the same person
 * @fold: cross-validation fold (>= 1), 0 when the file has no `fold` column
 */
typedef struct
{
  char *img1;
  char *img2;
  gboolean genuine;
  int fold;
} EkycPairRow;

/**
 * ekyc_pair_row_free:
 * @row: (nullable): a row
 *
 * Frees @row and its strings.
 */
void ekyc_pair_row_free (EkycPairRow *row);

/**
 * ekyc_eval_read_pairs:
 * @csv_path: the CSV file
 * @error: return location for a #GError
 *
 * Reads a face-verification pairs file. Columns, by name: `img1`, `img2`, `label` (1, true or
 * same for a genuine pair; 0, false or different for an impostor pair; case-insensitive) and
 * optionally `fold` (an integer >= 1). A required column that is missing or a column named
 * twice is an error, and so is an empty image path.
 *
 * Returns: (transfer full) (element-type EkycPairRow): the rows in file order, owning them
 *   (the array frees them), or %NULL with @error set
 */
GPtrArray *ekyc_eval_read_pairs (const char *csv_path,
                                 GError    **error);

/**
 * EkycLabelRow:
 * @image: path of the image (or video), as written in the file
 * @bona_fide: %TRUE for a live person, %FALSE for a presentation attack
 */
typedef struct
{
  char *image;
  gboolean bona_fide;
} EkycLabelRow;

/**
 * ekyc_label_row_free:
 * @row: (nullable): a row
 *
 * Frees @row and its string.
 */
void ekyc_label_row_free (EkycLabelRow *row);

/**
 * ekyc_eval_read_labels:
 * @csv_path: the CSV file
 * @error: return location for a #GError
 *
 * Reads a liveness labels file. Columns, by name: the media path — the first present of
 * `image`, `path`, `file`, `video` — and `label`: live, real or 1 for bona fide; spoof, fake
 * or 0 for an attack (case-insensitive).
 *
 * Returns: (transfer full) (element-type EkycLabelRow): the rows in file order, owning them
 *   (the array frees them), or %NULL with @error set
 */
GPtrArray *ekyc_eval_read_labels (const char *csv_path,
                                  GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycPairRow, ekyc_pair_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycLabelRow, ekyc_label_row_free)

G_END_DECLS
