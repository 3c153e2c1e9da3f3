/* ekyc-chip-document.c — a chip's files and what they say: parsing all of them, the access key,
 * names for JSON and logs
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-error.h"
#include "ekyc-chip-private.h"
#include "ekyc-i18n-private.h"

const char *
ekyc_chip_file_name (EkycChipFile file)
{
  static const char *const dg[] = { "DG1", "DG2", "DG3", "DG4", "DG5", "DG6", "DG7", "DG8",
                                    "DG9", "DG10", "DG11", "DG12", "DG13", "DG14", "DG15",
                                    "DG16" };

  if (file == EKYC_CHIP_FILE_CARD_ACCESS)
    return "EF.CardAccess";
  if (file == EKYC_CHIP_FILE_COM)
    return "EF.COM";
  if (file == EKYC_CHIP_FILE_SOD)
    return "EF.SOD";
  if (file >= EKYC_CHIP_FILE_DG1 && file <= EKYC_CHIP_FILE_DG16)
    return dg[file - EKYC_CHIP_FILE_DG1];
  return "unknown";
}

const char *
ekyc_chip_step_name (EkycChipStep step)
{
  static const char *const names[EKYC_CHIP_N_STEPS] = {
    "connect", "access", "read-com", "read-dg1", "read-dg2", "read-dg13", "read-dg14",
    "read-dg15", "read-sod", "parse", "verify", "chip-auth", "active-auth",
  };

  return step < EKYC_CHIP_N_STEPS ? names[step] : "unknown";
}

const char *
ekyc_chip_access_name (EkycChipAccess access)
{
  switch (access)
    {
    case EKYC_CHIP_ACCESS_BAC: return "bac";
    case EKYC_CHIP_ACCESS_PACE: return "pace";
    default: return "none";
    }
}

static gboolean
key_error (GError **error, const char *message)
{
  g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

static gboolean
copy_date (const char *text, char out[7])
{
  if (strlen (text) != 6)
    return FALSE;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  memcpy (out, text, 7);
  return TRUE;
}

gboolean
ekyc_chip_key_parse (const char *text, EkycChipKey *key, GError **error)
{
  g_auto(GStrv) parts = NULL;
  GString *number;

  g_return_val_if_fail (text != NULL && key != NULL, FALSE);

  _ekyc_i18n_init ();
  memset (key, 0, sizeof *key);
  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 3)
    return key_error (error, _("The MRZ key must be DOCUMENT-NUMBER:YYMMDD:YYMMDD (document "
                               "number, date of birth, date of expiry)."));
  number = g_string_new (NULL);
  for (const char *c = parts[0]; *c != '\0'; c++)
    if (*c != '<' && *c != ' ')
      g_string_append_c (number, g_ascii_toupper (*c));
  for (gsize i = 0; i < number->len; i++)
    if (!g_ascii_isdigit (number->str[i]) && !g_ascii_isupper (number->str[i]))
      number->len = 0;
  if (number->len == 0 || number->len >= sizeof key->document_number)
    {
      g_string_free (number, TRUE);
      return key_error (error, _("The document number of the MRZ key must be letters and "
                                 "digits."));
    }
  memcpy (key->document_number, number->str, number->len + 1);
  g_string_free (number, TRUE);
  if (!copy_date (parts[1], key->birth_date) || !copy_date (parts[2], key->expiry_date))
    return key_error (error, _("The dates of the MRZ key must be six digits, YYMMDD."));
  return TRUE;
}

void
ekyc_chip_key_from_mrz (const EkycMrz *mrz, EkycChipKey *key)
{
  g_return_if_fail (mrz != NULL && key != NULL);

  memset (key, 0, sizeof *key);
  g_strlcpy (key->document_number, mrz->document_number, sizeof key->document_number);
  g_snprintf (key->birth_date, sizeof key->birth_date, "%02d%02d%02d", mrz->birth_year % 100,
              mrz->birth_month, mrz->birth_day);
  g_snprintf (key->expiry_date, sizeof key->expiry_date, "%02d%02d%02d", mrz->expiry_year % 100,
              mrz->expiry_month, mrz->expiry_day);
}

void
ekyc_chip_document_free (EkycChipDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->access_detail);
  for (int i = 0; i < EKYC_CHIP_N_FILES; i++)
    g_clear_pointer (&document->files[i], g_bytes_unref);
  g_free (document->lds_version);
  ekyc_mrz_free (document->mrz);
  g_clear_pointer (&document->portrait.image, g_bytes_unref);
  ekyc_chip_vn_data_free (document->vn);
  g_free (document->passive.detail);
  g_free (document->passive.hash_algorithm);
  g_free (document->passive.signer_subject);
  g_free (document->passive.csca_subject);
  g_free (document->active_auth_detail);
  g_free (document->chip_auth_detail);
  g_free (document);
}

EkycChipDocument *
_ekyc_chip_document_new (void)
{
  EkycChipDocument *document = g_new0 (EkycChipDocument, 1);

  document->passive.result = EKYC_CHIP_PA_NOT_RUN;
  return document;
}

/* Parses every file present. DG1 must parse; the others are best effort (a malformed DG2 or
 * DG13 leaves its field empty; passive authentication still judges the bytes). */
gboolean
_ekyc_chip_document_parse (EkycChipDocument *document, GError **error)
{
  GBytes *file;

  if ((file = document->files[EKYC_CHIP_FILE_COM]) != NULL)
    _ekyc_chip_parse_com (g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                          &document->lds_version, &document->dg_present, NULL);
  if ((file = document->files[EKYC_CHIP_FILE_DG (1)]) != NULL)
    {
      document->mrz = _ekyc_chip_parse_dg1 (g_bytes_get_data (file, NULL),
                                            g_bytes_get_size (file), error);
      if (document->mrz == NULL)
        return FALSE;
    }
  if ((file = document->files[EKYC_CHIP_FILE_DG (2)]) != NULL)
    ekyc_chip_parse_dg2 (g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                         &document->portrait, NULL);
  if ((file = document->files[EKYC_CHIP_FILE_DG (14)]) != NULL)
    document->chip_auth_detail = _ekyc_chip_describe_dg14 (g_bytes_get_data (file, NULL),
                                                           g_bytes_get_size (file));
  if ((file = document->files[EKYC_CHIP_FILE_DG (13)]) != NULL)
    document->vn = ekyc_chip_parse_dg13 (g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                         NULL);
  return TRUE;
}

EkycChipDocument *
ekyc_chip_document_new_from_files (GBytes *const *files, const EkycChipReadOptions *options,
                                   GError **error)
{
  g_autoptr(EkycChipDocument) document = _ekyc_chip_document_new ();
  gint64 start;

  g_return_val_if_fail (files != NULL, NULL);

  for (int i = 0; i < EKYC_CHIP_N_FILES; i++)
    if (files[i] != NULL)
      document->files[i] = g_bytes_ref (files[i]);
  start = g_get_monotonic_time ();
  if (!_ekyc_chip_document_parse (document, error))
    return NULL;
  document->ms[EKYC_CHIP_STEP_PARSE] = (g_get_monotonic_time () - start) / 1000.0;
  if (options != NULL)
    {
      start = g_get_monotonic_time ();
      ekyc_chip_verify_passive (document, options->trust_dir, options->verify_time);
      document->ms[EKYC_CHIP_STEP_VERIFY] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return g_steal_pointer (&document);
}
