/* ekyc-card-read-card.c — both sides of a card at once: two threads, OCR only where needed
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Tesseract over a whole side is most of the time of a card read (0.4–0.6 s of CPU a side on
 * this machine), the outline, QR and MRZ together about 0.2 s. So the sides are scanned for
 * their codes first, both at once; a card whose QR parses and whose MRZ passes its check digits
 * needs the print of one side only (the side with the QR holds the one field no code has), and
 * that side is OCR'd alone. Otherwise both are, each on its own thread and Tesseract engine.
 * A side whose print cannot be read (blur, glare) does not sink a card whose other side is
 * Vietnamese by its codes (or a front by its printed citizen number): the card is read from
 * that side, with the check "side-unreadable" failed.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>

#include "ekyc/ekyc-card-qr.h"
#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-id-number.h"
#include "ekyc-card-frame-private.h"
#include "ekyc-card-read-private.h"
#include "ekyc-i18n-private.h"

typedef struct {
  const EkycImage     *frame;        /* the photo or scan as given */
  EkycImage           *picture;      /* what is read: the card cut out of it, upright (owned) */
  EkycCardFrameMap     map;          /* from the picture back to the frame */
  double               ms_frame;
  const EkycImage     *image;        /* the picture */
  EkycCardSideReading *side;
  EkycOcr            **ocr;          /* the engine this job OCRs with; made on first use */
  const char          *tessdata_dir;
  guint                needed;       /* the fields the print must give (see read-private.h) */
  GError              *error;
} Job;

static gpointer
scan_job (gpointer data)
{
  Job *job = data;
  gint64 start = g_get_monotonic_time ();

  job->picture = _ekyc_card_frame_for_reading (job->frame, &job->map, &job->error);
  job->ms_frame = (g_get_monotonic_time () - start) / 1000.0;
  if (job->picture == NULL)
    return NULL;
  job->image = job->picture;
  job->side = _ekyc_card_scan_side_codes (job->image, &job->error);
  return NULL;
}

static gpointer
mrz_job (gpointer data)
{
  Job *job = data;

  _ekyc_card_scan_side_mrz_upright (job->side, job->image);
  return NULL;
}

static gpointer
look_upside_down_job (gpointer data)
{
  Job *job = data;

  _ekyc_card_scan_side_finish (job->side, job->image, TRUE);
  return NULL;
}

static gpointer
print_job (gpointer data)
{
  Job *job = data;

  if (*job->ocr == NULL)
    *job->ocr = _ekyc_ocr_new (job->tessdata_dir, "vie", &job->error);
  if (*job->ocr == NULL
      || !_ekyc_card_read_printed (*job->ocr, job->side, job->image, job->needed, &job->error))
    g_clear_pointer (&job->side, ekyc_card_side_reading_free);
  return NULL;
}

/* Runs @func on @jobs[1] in a thread and on @jobs[0] here, when both are @wanted. */
static void
run_jobs (GThreadFunc func, Job *jobs, const gboolean *wanted)
{
  GThread *thread = NULL;

  if (wanted[0] && wanted[1])
    thread = g_thread_try_new ("ekyc-card-side", func, &jobs[1], NULL);
  if (wanted[0])
    func (&jobs[0]);
  if (thread != NULL)
    g_thread_join (thread);
  else if (wanted[1])
    func (&jobs[1]);
}

static gboolean
qr_parses (const EkycCardSideReading *side, const EkycCardDate *today)
{
  g_autoptr(EkycCardQr) qr = NULL;

  if (side->qr_payload == NULL)
    return FALSE;
  qr = ekyc_card_qr_parse ((const guint8 *) side->qr_payload, strlen (side->qr_payload), today,
                           NULL, NULL);
  return qr != NULL;
}

/* Căn cước cards (the 2024 layout, QR on the back beside the MRZ) are issued from 1 July 2024
 * (Law on Identification 2023, art. 46); CCCD cards (2021 layout, QR on the front) before. */
static const EkycCardDate first_can_cuoc = { 2024, 7, 1 };

/* Which photos to look at for an MRZ first: where a QR parses, its issue date tells the layout,
 * so whether the QR's photo is a front (2021: the MRZ is on the other photo) or a back (2024:
 * the MRZ is beside the QR). Both when no QR parses. */
static void
choose_mrz_sides (Job *jobs, const gboolean *scanned, const EkycCardDate *today, gboolean *look)
{
  for (int i = 0; i < 2; i++)
    look[i] = scanned[i];
  if (!scanned[0] || !scanned[1])
    return;
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(EkycCardQr) qr = NULL;
      const EkycCardSideReading *side = jobs[i].side;
      gboolean back;

      if (side->qr_payload == NULL)
        continue;
      qr = ekyc_card_qr_parse ((const guint8 *) side->qr_payload, strlen (side->qr_payload), today,
                               NULL, NULL);
      if (qr == NULL)
        continue;
      back = ekyc_card_date_compare (&qr->issue_date, &first_can_cuoc) >= 0;
      look[i] = back;
      look[1 - i] = !back;
      return;
    }
}

static gboolean
mrz_of_viet_nam (const EkycCardSideReading *side)
{
  return side->mrz != NULL && side->mrz->valid && g_str_equal (side->mrz->issuing_state, "VNM");
}

/* A front whose print shows a Vietnamese card (its codes unread): two field labels or more, or a
 * citizen number of a known province. */
static gboolean
print_of_viet_nam (const EkycCardSideReading *side)
{
  const char *number = side->printed[EKYC_CARD_READ_FIELD_ID_NUMBER].value;
  EkycIdNumber id;

  if (side->side != EKYC_CARD_SIDE_FRONT)
    return FALSE;
  return side->n_labels >= 2
         || (number != NULL && ekyc_id_number_parse (number, &id, NULL) && id.province_name != NULL);
}

/* Which sides the print must be read on; see the file comment. */
static void
choose_sides_to_print (EkycCardSideReading **sides, const EkycCardDate *today,
                       EkycCardReadFlags flags, gboolean *wanted, guint *needed_out)
{
  int qr_side = -1, mrz_side = -1, other;

  for (int i = 0; i < 2; i++)
    wanted[i] = sides[i] != NULL;
  if ((flags & EKYC_CARD_READ_ALL_PRINTED) || sides[0] == NULL || sides[1] == NULL)
    return;
  for (int i = 0; i < 2; i++)
    {
      if (qr_side < 0 && qr_parses (sides[i], today))
        qr_side = i;
      if (mrz_side < 0 && mrz_of_viet_nam (sides[i]))
        mrz_side = i;
    }
  if (qr_side < 0 || mrz_side < 0)
    return;
  other = 1 - qr_side;
  /* the side left unread must at least show a card's outline */
  if (!sides[other]->detection.found)
    return;
  if (qr_side == mrz_side)
    {
      /* a 2024 back (QR beside the MRZ): the other photo is its front */
      if (sides[other]->side == EKYC_CARD_SIDE_BACK)
        return;
      sides[qr_side]->layout = sides[other]->layout = EKYC_CARD_LAYOUT_CAN_CUOC_2024;
      sides[other]->side = EKYC_CARD_SIDE_FRONT;
      _ekyc_card_side_crop_portrait (sides[other]);
    }
  else
    {
      sides[qr_side]->layout = sides[other]->layout = EKYC_CARD_LAYOUT_CCCD_2021;
      sides[qr_side]->side = EKYC_CARD_SIDE_FRONT;
    }
  wanted[other] = FALSE;
  /* the codes give every field but the place of origin, printed on the QR's side */
  *needed_out = 1u << EKYC_CARD_READ_FIELD_PLACE_OF_ORIGIN;
}

EkycCardReading *
ekyc_card_reader_read_card (EkycCardReader *reader, const EkycImage *first,
                            const EkycImage *second, EkycCardReadFlags flags,
                            const EkycCardDate *today, EkycCardSideReading **sides_out,
                            guint *failed_out, GError **error)
{
  Job jobs[2] = {
    { .frame = first, .ocr = &reader->ocr, .tessdata_dir = reader->tessdata_dir },
    { .frame = second, .ocr = &reader->second_ocr, .tessdata_dir = reader->tessdata_dir },
  };
  gboolean wanted[2] = { TRUE, second != NULL };
  EkycCardSideReading *sides[2] = { NULL, NULL };
  EkycCardReading *reading = NULL;
  g_autoptr(GError) lost = NULL;
  int lost_index = -1;
  guint failed = 2;

  g_return_val_if_fail (reader != NULL && first != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  _ekyc_i18n_init ();

  run_jobs (scan_job, jobs, wanted);
  for (int i = 0; i < 2; i++)
    if (wanted[i] && jobs[i].side == NULL)
      {
        failed = (guint) i;
        goto out;
      }
  /* the MRZ upright, first only on the photo the QR's layout puts it on (a fruitless look at a
   * front costs a tenth of the read); on the other photo too when that finds no valid one */
  {
    gboolean look[2], valid = FALSE;

    choose_mrz_sides (jobs, wanted, today, look);
    run_jobs (mrz_job, jobs, look);
    for (int i = 0; i < 2; i++)
      valid |= look[i] && jobs[i].side->mrz != NULL && jobs[i].side->mrz->valid;
    if (!valid)
      {
        for (int i = 0; i < 2; i++)
          look[i] = wanted[i] && !look[i];
        run_jobs (mrz_job, jobs, look);
      }
  }
  /* a valid MRZ upright on one photo: neither is looked at upside down (on a front, that look
   * finds nothing and costs a tenth of the read) */
  {
    gboolean valid_mrz = FALSE;

    for (int i = 0; i < 2; i++)
      valid_mrz |= wanted[i] && jobs[i].side->mrz != NULL && jobs[i].side->mrz->valid;
    if (valid_mrz)
      {
        for (int i = 0; i < 2; i++)
          if (wanted[i])
            _ekyc_card_scan_side_finish (jobs[i].side, jobs[i].image, FALSE);
      }
    else
      run_jobs (look_upside_down_job, jobs, wanted);
  }
  for (int i = 0; i < 2; i++)
    sides[i] = jobs[i].side;
  {
    guint needed = EKYC_CARD_ALL_FIELDS;

    choose_sides_to_print (sides, today, flags, wanted, &needed);
    jobs[0].needed = jobs[1].needed = needed;
  }
  run_jobs (print_job, jobs, wanted);
  for (int i = 0; i < 2; i++)
    if (wanted[i] && jobs[i].side == NULL)
      {
        /* one side unreadable (blur, glare), the other a Vietnamese card by its codes: read the
         * card from that side, with a failed check for a person to look at */
        if (second != NULL && jobs[1 - i].side != NULL
            && (g_error_matches (jobs[i].error, EKYC_ERROR, EKYC_ERROR_CARD_UNREADABLE)
                || g_error_matches (jobs[i].error, EKYC_ERROR, EKYC_ERROR_CARD_FOREIGN))
            && lost == NULL
            && (qr_parses (jobs[1 - i].side, today) || mrz_of_viet_nam (jobs[1 - i].side)
                || print_of_viet_nam (jobs[1 - i].side)))
          {
            lost = g_steal_pointer (&jobs[i].error);
            lost_index = i;
            continue;
          }
        failed = (guint) i;
        goto out;
      }
  reading = ekyc_card_reading_merge (jobs[0].side, jobs[1].side, today, error);
  if (reading != NULL && lost != NULL)
    {
      EkycCardCheck check = {
        .name = "side-unreadable",
        .passed = FALSE,
        .detail = g_strdup_printf ("the %s photo was not read (%s): the card was read from the "
                                   "other side alone", lost_index == 0 ? "first" : "second",
                                   lost->message),
      };

      g_array_append_val (reading->checks, check);
      reading->all_passed = FALSE;
    }

out:
  if (reading == NULL)
    {
      for (int i = 0; i < 2; i++)
        if (jobs[i].error != NULL && failed == (guint) i)
          g_propagate_error (error, g_steal_pointer (&jobs[i].error));
      if (failed_out != NULL)
        *failed_out = failed;
    }
  for (int i = 0; i < 2; i++)
    {
      g_clear_error (&jobs[i].error);
      g_clear_pointer (&jobs[i].picture, ekyc_image_unref);
      /* the card where it is in the photo given */
      if (jobs[i].side != NULL)
        {
          _ekyc_card_frame_map_detection (&jobs[i].map, ekyc_image_get_width (jobs[i].frame),
                                          ekyc_image_get_height (jobs[i].frame),
                                          &jobs[i].side->detection);
          jobs[i].side->ms_detect += jobs[i].ms_frame;
        }
      if (reading != NULL && sides_out != NULL)
        sides_out[i] = g_steal_pointer (&jobs[i].side);
      else
        g_clear_pointer (&jobs[i].side, ekyc_card_side_reading_free);
    }
  return reading;
}
