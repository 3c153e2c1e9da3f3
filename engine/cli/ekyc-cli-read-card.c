/* ekyc-cli-read-card.c — `ekyc-cli read-card`: the card's fields from QR, MRZ and print, checked
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reads each photo with ekyc_card_reader_read_side() (card outline, side and layout, printed
 * fields found by their labels, QR code, MRZ), merges them with ekyc_card_reading_merge() and prints
 * the fields with their sources and the checks. Exit 0: every check passed; 1: read, but a
 * check failed; 2: could not read.
 */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ekyc-cli-private.h"

void
ekyc_cli_card_free (EkycCliCard *card)
{
  if (card == NULL)
    return;
  ekyc_card_reading_free (card->reading);
  ekyc_card_side_reading_free (card->sides[0]);
  ekyc_card_side_reading_free (card->sides[1]);
  g_free (card);
}

static gboolean
parse_iso_date (const char *text, EkycCardDate *date)
{
  EkycCardDate d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  d = (EkycCardDate) { atoi (text), atoi (text + 5), atoi (text + 8) };
  if (!ekyc_card_date_is_valid (&d))
    return FALSE;
  *date = d;
  return TRUE;
}

gboolean
ekyc_cli_today (const char *text, EkycCardDate *date, GError **error)
{
  if (text == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      *date = (EkycCardDate) { g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now) };
      return TRUE;
    }
  if (!parse_iso_date (text, date))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--today must be a date written YYYY-MM-DD"));
      return FALSE;
    }
  return TRUE;
}

static EkycCardSideReading *
read_photo (EkycCardReader *reader, const char *path, EkycCliCard *card, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, error);
  EkycCardSideReading *side;

  card->ms_load += ekyc_cli_ms_since (start);
  if (image == NULL)
    return NULL;
  side = ekyc_card_reader_read_side (reader, image, error);
  return side;
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static void
add_side_times (EkycCliCard *card)
{
  for (int i = 0; i < 2; i++)
    if (card->sides[i] != NULL)
      {
        card->ms_detect += card->sides[i]->ms_detect;
        card->ms_qr += card->sides[i]->ms_qr;
        card->ms_mrz += card->sides[i]->ms_mrz;
        card->ms_ocr += card->sides[i]->ms_ocr;
      }
}

/* Both photos through ekyc_card_reader_read_card(): two threads, OCR only where needed. */
static gboolean
read_both (EkycCardReader *reader, const char *const *paths, EkycCardReadFlags flags,
           const EkycCardDate *today, EkycCliCard *card, const char **failed_input,
           GError **error)
{
  static const char *const given[3] = { "front", "back", "front and back" };
  g_autoptr(EkycImage) first = NULL;
  g_autoptr(EkycImage) second = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start;
  guint failed = 2;

  first = ekyc_image_new_from_file (paths[0], error);
  if (first == NULL)
    {
      *failed_input = given[0];
      return FALSE;
    }
  if (paths[1] != NULL && (second = ekyc_image_new_from_file (paths[1], error)) == NULL)
    {
      *failed_input = given[1];
      return FALSE;
    }
  card->ms_load += ekyc_cli_ms_since (start);
  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  card->reading = ekyc_card_reader_read_card (reader, first, second, flags, today,
                                              card->sides, &failed, error);
  card->ms_cpu = cpu_ms () - cpu_start;
  card->ms_total = ekyc_cli_ms_since (start);
  if (card->reading == NULL)
    {
      *failed_input = given[MIN (failed, 2)];
      return FALSE;
    }
  for (int i = 0; i < 2; i++)
    if (card->sides[i] != NULL)
      card->side_names[i] = card->sides[i]->side != EKYC_CARD_SIDE_UNKNOWN
                            ? ekyc_card_side_name (card->sides[i]->side) : given[i];
  add_side_times (card);
  return TRUE;
}

EkycCliCard *
ekyc_cli_read_card_files (EkycCardReader *reader, const char *first, const char *second,
                          const char *payload, EkycCardReadFlags flags,
                          const EkycCardDate *today, const char **failed_input, GError **error)
{
  g_autoptr(EkycCliCard) card = g_new0 (EkycCliCard, 1);
  const char *paths[2] = { first, second };
  const char *given[2] = { "front", "back" };
  const EkycCardSideReading *front, *back;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_ms ();

  if (payload == NULL && first != NULL)
    {
      if (!read_both (reader, paths, flags, today, card, failed_input, error))
        return NULL;
      return g_steal_pointer (&card);
    }
  for (int i = 0; i < 2; i++)
    {
      if (paths[i] == NULL)
        continue;
      card->sides[i] = read_photo (reader, paths[i], card, error);
      if (card->sides[i] == NULL)
        {
          *failed_input = given[i];
          return NULL;
        }
      card->side_names[i] = card->sides[i]->side != EKYC_CARD_SIDE_UNKNOWN
                            ? ekyc_card_side_name (card->sides[i]->side) : given[i];
    }
  add_side_times (card);
  if (payload != NULL)
    {
      /* tests: the payload stands for the QR code of whichever side would carry it */
      if (card->sides[0] == NULL)
        {
          card->sides[0] = g_new0 (EkycCardSideReading, 1);
          card->sides[0]->side = EKYC_CARD_SIDE_FRONT;
          card->side_names[0] = "argument";
        }
      g_free (card->sides[0]->qr_payload);
      card->sides[0]->qr_payload = g_strdup (payload);
    }
  front = card->sides[0];
  back = card->sides[1];

  {
    gint64 merge_start = g_get_monotonic_time ();
    card->reading = ekyc_card_reading_merge (front, back, today, error);
    card->ms_merge = ekyc_cli_ms_since (merge_start);
  }
  if (card->reading == NULL)
    {
      *failed_input = "front and back";
      return NULL;
    }
  card->ms_total = ekyc_cli_ms_since (start);
  card->ms_cpu = cpu_ms () - cpu_start;
  return g_steal_pointer (&card);
}

/* ---- output -------------------------------------------------------------------------------- */

static void
add_corners (JsonBuilder *b, const EkycCardSideReading *side)
{
  if (side == NULL || !side->detection.found)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  for (int i = 0; i < 4; i++)
    {
      json_builder_begin_array (b);
      json_builder_add_double_value (b, side->detection.corners[i].x);
      json_builder_add_double_value (b, side->detection.corners[i].y);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

static void
add_photo (JsonBuilder *b, const EkycCardSideReading *side)
{
  /* the side the codes prove (an MRZ, a QR), else the detector's judgement */
  EkycCardSide shown = side->side != EKYC_CARD_SIDE_UNKNOWN || !side->detection.found
                       ? side->side : side->detection.side;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "side");
  json_builder_add_string_value (b, ekyc_card_side_name (shown));
  json_builder_set_member_name (b, "upside_down");
  if (side->detection.found)
    json_builder_add_boolean_value (b, side->detection.upside_down);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
add_ms (JsonBuilder *b, const char *name, double ms)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, ms);
}

static void
print_json (const EkycCliCard *card)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const EkycCardReading *r = card->reading;

  json_builder_begin_object (b);
  for (int i = 0; i < EKYC_CARD_READ_N_FIELDS; i++)
    {
      json_builder_set_member_name (b, ekyc_card_read_field_name (i));
      if (r->fields[i].value != NULL && !(i == EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY
                                          && g_str_equal (r->fields[i].value, "none")))
        json_builder_add_string_value (b, r->fields[i].value);
      else
        json_builder_add_null_value (b);
    }
  json_builder_set_member_name (b, "qr_payload");
  if (r->qr_payload != NULL)
    json_builder_add_string_value (b, r->qr_payload);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "mrz");
  json_builder_begin_array (b);
  for (int i = 0; i < 3; i++)
    if (r->mrz_lines[i] != NULL)
      json_builder_add_string_value (b, r->mrz_lines[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->checks->len; i++)
    {
      const EkycCardCheck *c = &g_array_index (r->checks, EkycCardCheck, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, c->name);
      json_builder_set_member_name (b, "passed");
      json_builder_add_boolean_value (b, c->passed);
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, c->detail);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* corners of each side's card, clockwise from its top-left, in the photo's pixels */
  json_builder_set_member_name (b, "corners");
  json_builder_begin_object (b);
  for (int i = 0; i < 2; i++)
    if (card->sides[i] != NULL && card->side_names[i] != NULL
        && !g_str_equal (card->side_names[i], "argument"))
      {
        json_builder_set_member_name (b, card->side_names[i]);
        add_corners (b, card->sides[i]);
      }
  json_builder_end_object (b);

  /* each photo in the order given: the side it shows and whether the card was upside down
   * (null when no card outline was found: a flat scan) */
  json_builder_set_member_name (b, "photos");
  json_builder_begin_array (b);
  for (int i = 0; i < 2; i++)
    if (card->sides[i] != NULL && card->side_names[i] != NULL
        && !g_str_equal (card->side_names[i], "argument"))
      add_photo (b, card->sides[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "timings_ms");
  json_builder_begin_object (b);
  add_ms (b, "load", card->ms_load);
  add_ms (b, "detect", card->ms_detect);
  add_ms (b, "qr", card->ms_qr);
  add_ms (b, "mrz", card->ms_mrz);
  add_ms (b, "ocr", card->ms_ocr);
  add_ms (b, "merge", card->ms_merge);
  add_ms (b, "total", card->ms_total);
  add_ms (b, "cpu", card->ms_cpu);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "layout");
  json_builder_add_string_value (b, ekyc_card_layout_name (r->layout));
  json_builder_set_member_name (b, "sources");
  json_builder_begin_object (b);
  for (int i = 0; i < EKYC_CARD_READ_N_FIELDS; i++)
    {
      json_builder_set_member_name (b, ekyc_card_read_field_name (i));
      if (r->fields[i].value != NULL)
        json_builder_add_string_value (b, ekyc_card_source_name (r->fields[i].source));
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "confidence");
  json_builder_begin_object (b);
  for (int i = 0; i < EKYC_CARD_READ_N_FIELDS; i++)
    if (r->fields[i].value != NULL)
      {
        json_builder_set_member_name (b, ekyc_card_read_field_name (i));
        json_builder_add_double_value (b, (int) (r->fields[i].confidence * 1000) / 1000.0);
      }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "portrait");
  if (r->has_face)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "face_score");
      json_builder_add_double_value (b, r->face.score);
      json_builder_set_member_name (b, "embedder");
      json_builder_add_string_value (b, r->face_embedding.model);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  ekyc_cli_print_json (b);
}

static void
print_text (const EkycCliCard *card)
{
  const char *labels[EKYC_CARD_READ_N_FIELDS] = {
    N_("ID number"), N_("Old ID number"), N_("Full name"), N_("Date of birth"), N_("Sex"),
    N_("Nationality"), N_("Place of origin"), N_("Place of residence"), N_("Date of expiry"),
    N_("Date of issue"),
  };
  const EkycCardReading *r = card->reading;

  g_print (_("Card layout: %s\n"), ekyc_card_layout_name (r->layout));
  for (int i = 0; i < 2; i++)
    if (card->sides[i] != NULL && card->sides[i]->qr_payload != NULL)
      g_print (_("QR code read on the %s\n"), card->side_names[i]);
  for (int i = 0; i < 3; i++)
    if (r->mrz_lines[i] != NULL)
      g_print ("  MRZ  %s\n", r->mrz_lines[i]);
  for (int i = 0; i < EKYC_CARD_READ_N_FIELDS; i++)
    g_print ("  %-20s %s (%s, %.2f)\n", _(labels[i]), r->fields[i].value ? r->fields[i].value : "—",
             ekyc_card_source_name (r->fields[i].source), r->fields[i].confidence);
  g_print (_("Checks:\n"));
  for (guint i = 0; i < r->checks->len; i++)
    {
      const EkycCardCheck *c = &g_array_index (r->checks, EkycCardCheck, i);
      g_print ("  %-4s %-24s %s\n", c->passed ? _("ok") : _("FAIL"), c->name, c->detail);
    }
  g_print (_("%s in %.0f ms (load %.0f, detect %.0f, QR %.0f, MRZ %.0f, OCR %.0f)\n"),
           r->all_passed ? _("READ, ALL CHECKS PASSED") : _("READ, A CHECK FAILED"),
           card->ms_total, card->ms_load, card->ms_detect, card->ms_qr, card->ms_mrz,
           card->ms_ocr);
}

static gboolean
embed_portrait (EkycCliCard *card, const char *portrait_out, gboolean face, GError **error)
{
  const EkycCardSideReading *front = NULL;

  for (int i = 0; i < 2; i++)
    if (card->sides[i] != NULL && card->sides[i]->portrait != NULL && front == NULL)
      front = card->sides[i];
  if (front == NULL)
    return TRUE;
  if (portrait_out != NULL && !ekyc_image_save_jpeg (front->portrait, portrait_out, 92, error))
    return FALSE;
  if (face)
    {
      g_autoptr(GError) face_error = NULL;
      EkycEngine *engine = ekyc_cli_load_engine (NULL, NULL, NULL, error);

      if (engine == NULL)
        return FALSE;
      if (!ekyc_card_reading_embed_portrait (card->reading, engine, front->portrait, &face_error))
        g_printerr ("ekyc-cli: portrait: %s\n", face_error->message);
      ekyc_engine_free (engine);
    }
  return TRUE;
}

int
ekyc_cli_read_card (int argc, char **argv)
{
  g_autofree char *today_text = NULL, *payload = NULL, *portrait_out = NULL;
  g_autofree char *tessdata = NULL;
  gboolean json = FALSE, face = FALSE, full = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("read the print of both sides even where the QR code and MRZ give every field"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("judge expiry and age on this date (default: the clock)"), N_("YYYY-MM-DD") },
    { "portrait", 0, 0, G_OPTION_ARG_FILENAME, &portrait_out,
      N_("save the card's portrait to this JPEG file"), N_("FILE") },
    { "face", 0, 0, G_OPTION_ARG_NONE, &face,
      N_("find the face in the portrait and embed it (loads the face models)"), NULL },
    { "tessdata", 0, 0, G_OPTION_ARG_FILENAME, &tessdata,
      N_("directory of Tesseract's language data (default: Tesseract's own)"), N_("DIR") },
    /* For tests: a payload in place of the photos' QR code. */
    { "qr-payload", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &payload, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FRONT [BACK] — read a Vietnamese ID card and check its data"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCliCard) card = NULL;
  g_autoptr(EkycCardReader) reader = NULL;
  const char *failed_input = NULL;
  EkycCardDate today;
  gint64 start = g_get_monotonic_time ();
  double ms_reader;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekyc_cli_fail (json, NULL, error);
  if ((payload == NULL && argc < 2) || argc > 3)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("give the photo of the card's front, and of its back if you have it"));
      return ekyc_cli_fail (json, NULL, error);
    }
  if (!ekyc_cli_today (today_text, &today, &error))
    return ekyc_cli_fail (json, NULL, error);

  reader = ekyc_card_reader_new (tessdata, &error);
  if (reader == NULL)
    return ekyc_cli_fail (json, NULL, error);
  ms_reader = ekyc_cli_ms_since (start);
  card = ekyc_cli_read_card_files (reader, argc > 1 ? argv[1] : NULL, argc > 2 ? argv[2] : NULL,
                                   payload,
                                   full ? EKYC_CARD_READ_ALL_PRINTED : EKYC_CARD_READ_DEFAULT,
                                   &today, &failed_input, &error);
  if (card == NULL)
    return ekyc_cli_fail (json, failed_input, error);
  card->ms_load += ms_reader;
  if (!embed_portrait (card, portrait_out, face, &error))
    return ekyc_cli_fail (json, "portrait", error);
  if (json)
    print_json (card);
  else
    print_text (card);
  return card->reading->all_passed ? EKYC_CLI_EXIT_OK : EKYC_CLI_EXIT_NO_MATCH;
}
