/* ekyc-verification-card.c — the card sides of a verification: read on a worker thread (printed
 * fields, QR, MRZ, portrait), merged into the fields the teller sees
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-verification"
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "ekyc-verification-private.h"

/* One reader for the process (it loads Tesseract once); a reader is not thread-safe, so the
 * worker threads take turns. */
static GMutex reader_lock;
static EkycCardReader *reader;
static char *reader_error;

EkycCardSideReading *
_ekyc_verification_read_side (EkycImage *image, GError **error)
{
  EkycCardSideReading *side = NULL;

  g_mutex_lock (&reader_lock);
  if (reader == NULL && reader_error == NULL)
    {
      g_autoptr(GError) local = NULL;

      reader = ekyc_card_reader_new (NULL, &local);
      if (reader == NULL)
        reader_error = g_strdup (local->message);
    }
  if (reader != NULL)
    side = ekyc_card_reader_read_side (reader, image, error);
  else
    g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_MODEL_MISSING, reader_error);
  g_mutex_unlock (&reader_lock);
  if (side == NULL || side->side != EKYC_CARD_SIDE_BACK || side->mrz != NULL)
    return side;

  /* The back's machine readable zone, read by its own reader; kept only when its check digits
   * hold (a misread MRZ would contradict the right fields). */
  {
    g_autoptr(EkycMrzReading) mrz = ekyc_mrz_read (image, NULL, NULL);

    if (mrz != NULL && mrz->mrz != NULL && mrz->mrz->valid)
      {
        ekyc_card_side_reading_set_mrz (side, g_steal_pointer (&mrz->mrz));
      }
  }
  return side;
}

/* "2001-08-14" → "14/08/2001" as the result page shows dates; other text as it is. */
static char *
display_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL)
    return NULL;
  if (g_str_equal (iso, "none"))
    return g_strdup (_("No expiry"));
  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
  return g_strdup (iso);
}

static const struct {
  EkycCardField     field;
  EkycCardReadField read;
  gboolean          date;
} field_map[] = {
  { EKYC_CARD_FIELD_ID_NUMBER, EKYC_CARD_READ_FIELD_ID_NUMBER, FALSE },
  { EKYC_CARD_FIELD_FULL_NAME, EKYC_CARD_READ_FIELD_FULL_NAME, FALSE },
  { EKYC_CARD_FIELD_BIRTH_DATE, EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, TRUE },
  { EKYC_CARD_FIELD_SEX, EKYC_CARD_READ_FIELD_SEX, FALSE },
  { EKYC_CARD_FIELD_RESIDENCE, EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE, FALSE },
  { EKYC_CARD_FIELD_ISSUE_DATE, EKYC_CARD_READ_FIELD_ISSUE_DATE, TRUE },
  { EKYC_CARD_FIELD_EXPIRY_DATE, EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY, TRUE },
  { EKYC_CARD_FIELD_OLD_ID_NUMBER, EKYC_CARD_READ_FIELD_OLD_ID_NUMBER, FALSE },
};

gboolean
_ekyc_verification_merge_sides (EkycVerification          *self,
                                const EkycCardSideReading *front,
                                const EkycCardSideReading *back,
                                const EkycChipDocument    *chip,
                                EkycCardSource            *sources,
                                char                     **problem,
                                EkycCardReading          **reading_out)
{
  g_autoptr(EkycCardReading) reading = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) failed = g_string_new (NULL);
  gboolean read;

  *problem = NULL;
  if (front == NULL && back == NULL && chip == NULL)
    return FALSE;
  reading = ekyc_card_reading_merge_with_chip (front, back, chip, NULL, &error);
  if (reading == NULL)
    {
      *problem = g_strdup (error->message);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (field_map); i++)
    {
      const char *value = reading->fields[field_map[i].read].value;

      _ekyc_verification_set_read_field (self, field_map[i].field,
                                         field_map[i].date ? display_date (value)
                                                           : g_strdup (value));
      sources[field_map[i].field] = reading->fields[field_map[i].read].source;
    }
  for (guint i = 0; reading->checks != NULL && i < reading->checks->len; i++)
    {
      const EkycCardCheck *check = &g_array_index (reading->checks, EkycCardCheck, i);

      /* Expiry is the decision's own check (card-validity), against the policy's date. */
      if (!check->passed && !g_str_equal (check->name, "not-expired"))
        g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", check->name);
    }
  if (failed->len > 0)
    /* Translators: %s lists the names of the card's failed cross-checks */
    *problem = g_strdup_printf (_("The card’s cross-checks failed: %s."),
                                failed->str);
  else if (reading->fields[EKYC_CARD_READ_FIELD_ID_NUMBER].value == NULL)
    *problem = g_strdup (_("The card’s ID number could not be read."));
  read = reading->fields[EKYC_CARD_READ_FIELD_ID_NUMBER].value != NULL;
  if (reading_out != NULL)
    *reading_out = g_steal_pointer (&reading);
  return read;
}
