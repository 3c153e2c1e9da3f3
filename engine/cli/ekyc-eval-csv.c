/* ekyc-eval-csv.c — readers for the evaluation CSV files (face pairs, liveness labels)
 * SPDX-License-Identifier: LGPL-2.1-or-later */

#include "ekyc-eval-csv.h"

#include <gio/gio.h>  /* only for GIOErrorEnum: nothing from libgio is linked */
#include <string.h>

/**
 * ekyc_eval_csv_error_quark:
 *
 * Returns: the quark of EKYC_EVAL_CSV_ERROR, equal to G_IO_ERROR
 */
GQuark
ekyc_eval_csv_error_quark (void)
{
  /* G_IO_ERROR is G_DEFINE_QUARK (g-io-error-quark, g_io_error): the same quark by name */
  return g_quark_from_static_string ("g-io-error-quark");
}

typedef struct
{
  const char *path;
  const char *p;
  const char *end;
  guint line;           /* physical line of p, 1-based */
  guint header_line;    /* line of the header row */
} CsvReader;

typedef enum
{
  CSV_RECORD,
  CSV_END,
  CSV_ERROR,
} CsvStatus;

static void set_data_error (GError    **error,
                            const char *path,
                            guint       line,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);

static void
set_data_error (GError    **error,
                const char *path,
                guint       line,
                const char *format,
                ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, EKYC_EVAL_CSV_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s, line %u: %s", path, line, what);
}

/* Loads the file, checks it is UTF-8 text and skips a byte order mark. */
static gboolean
csv_open (CsvReader   *r,
          const char  *path,
          char       **contents_out,
          GError     **error)
{
  const char *bad = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  *contents_out = contents;

  if (!g_utf8_validate (contents, len, &bad))
    {
      guint line = 1;

      for (const char *q = contents; q < bad; q++)
        if (*q == '\n')
          line++;
      set_data_error (error, path, line, "not UTF-8 text (bad byte 0x%02x)",
                      (guint) (guchar) *bad);
      return FALSE;
    }

  r->path = path;
  r->p = contents;
  r->end = contents + len;
  r->line = 1;
  r->header_line = 1;
  if (len >= 3 && memcmp (contents, "\xEF\xBB\xBF", 3) == 0)
    r->p += 3;
  return TRUE;
}

/* Parses one field at r->p into a new string; leaves r->p on the ',' or line end after it. */
static char *
csv_read_field (CsvReader *r,
                gboolean  *quoted_out,
                GError   **error)
{
  g_autoptr(GString) field = g_string_new (NULL);
  guint start_line = r->line;

  *quoted_out = FALSE;
  if (r->p < r->end && *r->p == '"')
    {
      *quoted_out = TRUE;
      r->p++;
      for (;;)
        {
          if (r->p >= r->end)
            {
              set_data_error (error, r->path, start_line,
                              "quoted field is never closed (missing '\"')");
              return NULL;
            }
          if (*r->p == '"')
            {
              if (r->p + 1 < r->end && r->p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  r->p += 2;
                  continue;
                }
              r->p++;
              break;
            }
          if (*r->p == '\n')
            r->line++;
          g_string_append_c (field, *r->p++);
        }
      while (r->p < r->end && (*r->p == ' ' || *r->p == '\t'))
        r->p++;
      if (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
        {
          set_data_error (error, r->path, r->line,
                          "unexpected '%c' after the closing quote of a field", *r->p);
          return NULL;
        }
    }
  else
    {
      while (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
        g_string_append_c (field, *r->p++);
    }
  g_strstrip (field->str);
  return g_string_free (g_steal_pointer (&field), FALSE);
}

/* Reads the next non-blank record into @fields (stripped strings); *line_out is the line it
 * starts on. */
static CsvStatus
csv_read_record (CsvReader  *r,
                 GPtrArray  *fields,
                 guint      *line_out,
                 GError    **error)
{
  for (;;)
    {
      gboolean any_quoted = FALSE;

      if (r->p >= r->end)
        return CSV_END;
      g_ptr_array_set_size (fields, 0);
      *line_out = r->line;

      for (;;)
        {
          gboolean quoted;
          char *field = csv_read_field (r, &quoted, error);

          if (field == NULL)
            return CSV_ERROR;
          g_ptr_array_add (fields, field);
          any_quoted |= quoted;
          if (r->p < r->end && *r->p == ',')
            {
              r->p++;
              continue;
            }
          /* end of the record: CRLF, LF, a lone CR or the end of the file */
          if (r->p < r->end && *r->p == '\r')
            r->p++;
          if (r->p < r->end && *r->p == '\n')
            r->p++;
          r->line++;
          break;
        }

      if (fields->len == 1 && !any_quoted && *(const char *) fields->pdata[0] == '\0')
        continue;  /* blank line */
      return CSV_RECORD;
    }
}

/* Reads the header row into @header. */
static gboolean
csv_read_header (CsvReader  *r,
                 GPtrArray  *header,
                 GError    **error)
{
  switch (csv_read_record (r, header, &r->header_line, error))
    {
    case CSV_RECORD:
      return TRUE;
    case CSV_END:
      set_data_error (error, r->path, r->line, "no header row (the file is empty or blank)");
      return FALSE;
    case CSV_ERROR:
    default:
      return FALSE;
    }
}

/* Sets *index_out to the index of the column named @name (case-insensitive), or -1 when
 * there is none; a name present twice is an error. */
static gboolean
csv_find_column (const CsvReader *r,
                 GPtrArray       *header,
                 const char      *name,
                 int             *index_out,
                 GError         **error)
{
  *index_out = -1;
  for (guint i = 0; i < header->len; i++)
    {
      if (g_ascii_strcasecmp (header->pdata[i], name) != 0)
        continue;
      if (*index_out >= 0)
        {
          set_data_error (error, r->path, r->header_line,
                          "column '%s' appears twice in the header", name);
          return FALSE;
        }
      *index_out = (int) i;
    }
  return TRUE;
}

/* Like csv_find_column() for the first present of @names; absence is an error. */
static gboolean
csv_require_column (const CsvReader    *r,
                    GPtrArray          *header,
                    const char * const *names,
                    int                *index_out,
                    GError            **error)
{
  g_autofree char *wanted = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!csv_find_column (r, header, names[i], index_out, error))
        return FALSE;
      if (*index_out >= 0)
        return TRUE;
    }
  wanted = g_strjoinv ("' or '", (char **) names);
  set_data_error (error, r->path, r->header_line,
                  "required column '%s' is missing from the header", wanted);
  return FALSE;
}

static gboolean
csv_check_field_count (const CsvReader *r,
                       GPtrArray       *header,
                       GPtrArray       *fields,
                       guint            line,
                       GError         **error)
{
  if (fields->len == header->len)
    return TRUE;
  set_data_error (error, r->path, line,
                  "%u field%s where the header has %u (truncated or malformed row)",
                  fields->len, fields->len == 1 ? "" : "s", header->len);
  return FALSE;
}

/* Returns the value at @col, or NULL with an error when it is empty. */
static const char *
csv_nonempty_value (const CsvReader *r,
                    GPtrArray       *header,
                    GPtrArray       *fields,
                    int              col,
                    guint            line,
                    GError         **error)
{
  const char *value = fields->pdata[col];

  if (*value != '\0')
    return value;
  set_data_error (error, r->path, line, "empty value in column '%s'",
                  (const char *) header->pdata[col]);
  return NULL;
}

/* Matches @value against the words of @yes and @no (case-insensitive). */
static gboolean
parse_flag (const char         *value,
            const char * const *yes,
            const char * const *no,
            gboolean           *flag_out)
{
  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, yes[i]) == 0)
      {
        *flag_out = TRUE;
        return TRUE;
      }
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, no[i]) == 0)
      {
        *flag_out = FALSE;
        return TRUE;
      }
  return FALSE;
}

/**
 * ekyc_pair_row_free:
 * @row: (nullable): a row
 *
 * Frees @row and its strings.
 */
void
ekyc_pair_row_free (EkycPairRow *row)
{
  if (row == NULL)
    return;
  g_free (row->img1);
  g_free (row->img2);
  g_free (row);
}

/**
 * ekyc_label_row_free:
 * @row: (nullable): a row
 *
 * Frees @row and its string.
 */
void
ekyc_label_row_free (EkycLabelRow *row)
{
  if (row == NULL)
    return;
  g_free (row->image);
  g_free (row);
}

/**
 * ekyc_eval_read_pairs:
 * @csv_path: the CSV file
 * @error: return location for a #GError
 *
 * Reads a face-verification pairs file (columns img1, img2, label and optionally fold).
 *
 * Returns: (transfer full) (element-type EkycPairRow): the rows, or %NULL with @error set
 */
GPtrArray *
ekyc_eval_read_pairs (const char *csv_path,
                      GError    **error)
{
  static const char * const img1_names[] = { "img1", NULL };
  static const char * const img2_names[] = { "img2", NULL };
  static const char * const label_names[] = { "label", NULL };
  static const char * const same[] = { "1", "true", "same", NULL };
  static const char * const different[] = { "0", "false", "different", NULL };
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  int c_img1, c_img2, c_label, c_fold;
  CsvReader r;
  CsvStatus status;
  guint line;

  g_return_val_if_fail (csv_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!csv_open (&r, csv_path, &contents, error)
      || !csv_read_header (&r, header, error)
      || !csv_require_column (&r, header, img1_names, &c_img1, error)
      || !csv_require_column (&r, header, img2_names, &c_img2, error)
      || !csv_require_column (&r, header, label_names, &c_label, error)
      || !csv_find_column (&r, header, "fold", &c_fold, error))
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_pair_row_free);
  while ((status = csv_read_record (&r, fields, &line, error)) == CSV_RECORD)
    {
      g_autoptr(EkycPairRow) row = g_new0 (EkycPairRow, 1);
      const char *img1, *img2, *label;

      if (!csv_check_field_count (&r, header, fields, line, error)
          || (img1 = csv_nonempty_value (&r, header, fields, c_img1, line, error)) == NULL
          || (img2 = csv_nonempty_value (&r, header, fields, c_img2, line, error)) == NULL)
        return NULL;
      row->img1 = g_strdup (img1);
      row->img2 = g_strdup (img2);

      label = fields->pdata[c_label];
      if (!parse_flag (label, same, different, &row->genuine))
        {
          set_data_error (error, r.path, line,
                          "bad label '%s' (expected 1, true or same; 0, false or different)",
                          label);
          return NULL;
        }

      if (c_fold >= 0)
        {
          const char *fold = fields->pdata[c_fold];
          gint64 value;

          if (!g_ascii_string_to_signed (fold, 10, 1, G_MAXINT, &value, NULL))
            {
              set_data_error (error, r.path, line, "bad fold '%s' (expected an integer >= 1)",
                              fold);
              return NULL;
            }
          row->fold = (int) value;
        }
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  if (status == CSV_ERROR)
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * ekyc_eval_read_labels:
 * @csv_path: the CSV file
 * @error: return location for a #GError
 *
 * Reads a liveness labels file (columns image/path/file/video and label).
 *
 * Returns: (transfer full) (element-type EkycLabelRow): the rows, or %NULL with @error set
 */
GPtrArray *
ekyc_eval_read_labels (const char *csv_path,
                       GError    **error)
{
  static const char * const image_names[] = { "image", "path", "file", "video", NULL };
  static const char * const label_names[] = { "label", NULL };
  static const char * const live[] = { "live", "real", "1", NULL };
  static const char * const spoof[] = { "spoof", "fake", "0", NULL };
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  int c_image, c_label;
  CsvReader r;
  CsvStatus status;
  guint line;

  g_return_val_if_fail (csv_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!csv_open (&r, csv_path, &contents, error)
      || !csv_read_header (&r, header, error)
      || !csv_require_column (&r, header, image_names, &c_image, error)
      || !csv_require_column (&r, header, label_names, &c_label, error))
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_label_row_free);
  while ((status = csv_read_record (&r, fields, &line, error)) == CSV_RECORD)
    {
      g_autoptr(EkycLabelRow) row = g_new0 (EkycLabelRow, 1);
      const char *image, *label;

      if (!csv_check_field_count (&r, header, fields, line, error)
          || (image = csv_nonempty_value (&r, header, fields, c_image, line, error)) == NULL)
        return NULL;
      row->image = g_strdup (image);

      label = fields->pdata[c_label];
      if (!parse_flag (label, live, spoof, &row->bona_fide))
        {
          set_data_error (error, r.path, line,
                          "bad label '%s' (expected live, real or 1; spoof, fake or 0)", label);
          return NULL;
        }
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  if (status == CSV_ERROR)
    return NULL;
  return g_steal_pointer (&rows);
}
