/* ekyc-chip-read.c — one whole read: PACE or BAC, the LDS files, parsing, verification, with
 * progress and the time of each step
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-chip-private.h"
#include "ekyc-i18n-private.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
report (const EkycChipReadOptions *options, EkycChipStep step, gsize done, gsize total)
{
  if (options->progress != NULL)
    options->progress (step, done, total, options->progress_data);
}

/* EF.CardAccess sits in the master file, outside the eMRTD application. */
static GBytes *
read_card_access (EkycChipCard *card, GError **error)
{
  static const guint8 mf[] = { 0x3F, 0x00 };
  EkycChipApdu select_mf = { 0x00, 0xA4, 0x00, 0x0C, mf, 2, -1, FALSE };
  guint16 sw;

  /* READ BINARY with short file identifier 1C, offset 0, for chips without SELECT by FID. */
  EkycChipApdu read_sfi = { 0x00, 0xB0, 0x9C, 0x00, NULL, 0, 0, FALSE };
  g_autoptr(GByteArray) data = g_byte_array_new ();
  GBytes *file;
  EkycTlv tlv;

  /* Not every chip implements SELECT MF; its status does not matter. */
  if (!_ekyc_chip_card_send (card, &select_mf, NULL, &sw, error))
    return NULL;
  file = _ekyc_chip_read_file (card, 0x011C, EKYC_CHIP_STEP_ACCESS, NULL, NULL, error);
  if (file != NULL || (error != NULL && *error != NULL))
    return file;
  if (!_ekyc_chip_card_send (card, &read_sfi, data, &sw, error))
    return NULL;
  if ((sw != 0x9000 && sw != 0x6282) ||
      !ekyc_tlv_read (data->data, data->len, &tlv, NULL))
    return NULL;
  g_byte_array_set_size (data, (guint) (tlv.header_length + tlv.length));
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
is_fatal (const GError *error)
{
  return g_error_matches (error, EKYC_ERROR, EKYC_ERROR_CHIP_REMOVED);
}

static gboolean
open_chip (EkycChipCard *card, const EkycChipKey *key, const EkycChipReadOptions *options,
           EkycChipDocument *document, GError **error)
{
  g_autoptr(GError) pace_error = NULL;
  g_autoptr(GBytes) card_access = NULL;
  g_autofree char *card_access_problem = NULL;

  if (!options->skip_pace)
    {
      /* A card taken off while EF.CardAccess is read is not a chip without PACE: the read
       * stops there. Another failure to read it (an answer that makes no sense) is not "no
       * PACE" either: BAC is tried, and the access detail says why PACE was not. */
      card_access = read_card_access (card, &pace_error);
      if (pace_error != NULL && is_fatal (pace_error))
        {
          g_propagate_error (error, g_steal_pointer (&pace_error));
          return FALSE;
        }
      if (pace_error != NULL)
        card_access_problem = g_strdup (pace_error->message);
      g_clear_error (&pace_error);
      if (card_access != NULL)
        {
          document->files[EKYC_CHIP_FILE_CARD_ACCESS] = g_bytes_ref (card_access);
          if (_ekyc_chip_pace (card, key, card_access, &document->access_detail, &pace_error))
            {
              if (!_ekyc_chip_select_application (card, error))
                return FALSE;
              document->access = EKYC_CHIP_ACCESS_PACE;
              return TRUE;
            }
          g_debug ("PACE failed: %s", pace_error->message);
          if (is_fatal (pace_error) || options->skip_bac)
            {
              g_propagate_error (error, g_steal_pointer (&pace_error));
              return FALSE;
            }
          _ekyc_chip_card_stop_sm (card);
        }
      else if (options->skip_bac)
        {
          _ekyc_i18n_init ();
          g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_ACCESS_DENIED,
                       _("The chip does not offer PACE and BAC was not allowed."));
          return FALSE;
        }
    }
  if (!_ekyc_chip_select_application (card, error))
    return FALSE;
  if (!_ekyc_chip_bac (card, key, error))
    return FALSE;
  document->access = EKYC_CHIP_ACCESS_BAC;
  document->access_detail =
    pace_error != NULL ? g_strdup_printf ("BAC (after PACE failed: %s)", pace_error->message)
    : card_access_problem != NULL
    ? g_strdup_printf ("BAC (EF.CardAccess could not be read: %s)", card_access_problem)
    : g_strdup (card_access == NULL && !options->skip_pace ? "BAC (the chip offers no PACE)"
                : "BAC");
  return TRUE;
}

EkycChipDocument *
ekyc_chip_read (EkycChipCard *card, const EkycChipKey *key, const EkycChipReadOptions *options,
                GError **error)
{
  static const struct {
    EkycChipFile file;
    guint16      fid;
    EkycChipStep step;
  } files[] = {
    { EKYC_CHIP_FILE_COM, 0x011E, EKYC_CHIP_STEP_READ_COM },
    { EKYC_CHIP_FILE_DG1, 0x0101, EKYC_CHIP_STEP_READ_DG1 },
    { EKYC_CHIP_FILE_DG1 + 1, 0x0102, EKYC_CHIP_STEP_READ_DG2 },
    { EKYC_CHIP_FILE_DG1 + 12, 0x010D, EKYC_CHIP_STEP_READ_DG13 },
    { EKYC_CHIP_FILE_DG1 + 13, 0x010E, EKYC_CHIP_STEP_READ_DG14 },
    { EKYC_CHIP_FILE_DG1 + 14, 0x010F, EKYC_CHIP_STEP_READ_DG15 },
    { EKYC_CHIP_FILE_SOD, 0x011D, EKYC_CHIP_STEP_READ_SOD },
  };
  static const EkycChipReadOptions defaults = { 0 };
  g_autoptr(EkycChipDocument) document = _ekyc_chip_document_new ();
  gint64 start;

  g_return_val_if_fail (card != NULL && key != NULL, NULL);
  if (options == NULL)
    options = &defaults;

  start = g_get_monotonic_time ();
  report (options, EKYC_CHIP_STEP_ACCESS, 0, 1);
  if (!open_chip (card, key, options, document, error))
    return NULL;
  document->ms[EKYC_CHIP_STEP_ACCESS] = ms_since (start);
  report (options, EKYC_CHIP_STEP_ACCESS, 1, 1);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      GError *local = NULL;

      if (files[i].step == EKYC_CHIP_STEP_READ_DG2 && options->skip_dg2)
        continue;
      start = g_get_monotonic_time ();
      document->files[files[i].file] =
        _ekyc_chip_read_file (card, files[i].fid, files[i].step, options->progress,
                              options->progress_data, &local);
      document->ms[files[i].step] = ms_since (start);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
    }
  if (document->files[EKYC_CHIP_FILE_DG1] == NULL)
    {
      _ekyc_chip_data_error (error, "DG1", "missing");
      return NULL;
    }

  start = g_get_monotonic_time ();
  report (options, EKYC_CHIP_STEP_PARSE, 0, 1);
  if (!_ekyc_chip_document_parse (document, error))
    return NULL;
  document->ms[EKYC_CHIP_STEP_PARSE] = ms_since (start);

  start = g_get_monotonic_time ();
  report (options, EKYC_CHIP_STEP_VERIFY, 0, 1);
  ekyc_chip_verify_passive (document, options->trust_dir, options->verify_time);
  document->ms[EKYC_CHIP_STEP_VERIFY] = ms_since (start);
  /* Chip and active authentication are card exchanges: timed apart from the verification
   * (which stays the work done beyond the I/O). */
  if (document->files[EKYC_CHIP_FILE_DG (14)] != NULL)
    {
      start = g_get_monotonic_time ();
      _ekyc_chip_chip_auth (card, document);
      document->ms[EKYC_CHIP_STEP_CHIP_AUTH] = ms_since (start);
    }
  if (document->files[EKYC_CHIP_FILE_DG (15)] != NULL)
    {
      start = g_get_monotonic_time ();
      _ekyc_chip_active_auth (card, document);
      document->ms[EKYC_CHIP_STEP_ACTIVE_AUTH] = ms_since (start);
    }
  report (options, EKYC_CHIP_STEP_VERIFY, 1, 1);
  return g_steal_pointer (&document);
}
