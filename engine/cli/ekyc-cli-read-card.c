/* ekyc-cli-read-card.c — `ekyc-cli read-card`: the card's QR code, its fields and their checks
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reads the QR code on whichever side has it (front of the 2021 CCCD, back of the 2024 Căn
 * cước), parses the payload with ekyc_card_qr_parse() and runs the checks the QR alone allows.
 * A payload the parser rejects is still shown field by field (so a person sees what the card
 * says), with the rejection as a failed check.
 */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ekyc-cli-private.h"

const char *const ekyc_cli_field_names[EKYC_CLI_N_FIELDS] = {
  "id_number", "old_id_number", "full_name", "date_of_birth", "sex", "nationality",
  "place_of_origin", "place_of_residence", "date_of_expiry", "issue_date",
};

/* What the payload says, whether or not the parser accepted it. */
typedef struct {
  EkycCardQr *qr;           /* the parser's result, NULL when it rejected the payload */
  char      **split;        /* the raw fields, when the parser rejected it (NULL if not text) */
  EkycCardQrProblem problem;
  char       *message;
  EkycCardDate birth, issue;
  gboolean    has_birth, has_issue;
  EkycIdSex   sex;
} Payload;

void
ekyc_cli_card_free (EkycCliCard *card)
{
  if (card == NULL)
    return;
  for (int i = 0; i < EKYC_CLI_N_FIELDS; i++)
    g_free (card->fields[i]);
  g_free (card->qr_payload);
  ekyc_qr_code_free (card->qr);
  for (guint i = 0; card->checks != NULL && i < card->checks->len; i++)
    g_free (g_array_index (card->checks, EkycCliCheck, i).detail);
  g_clear_pointer (&card->checks, g_array_unref);
  g_free (card);
}

const char *
ekyc_cli_card_error_code (const GError *error)
{
  if (error->domain == EKYC_ERROR)
    return ekyc_error_code_name (error->code);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return EKYC_CLI_QR_NOT_FOUND;
  return "failed";
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

static char *
iso (const EkycCardDate *d)
{
  return g_strdup_printf ("%04d-%02d-%02d", d->year, d->month, d->day);
}

static void
add_check (EkycCliCard *card, const char *name, gboolean passed, char *detail)
{
  EkycCliCheck check = { name, passed, detail };

  g_array_append_val (card->checks, check);
  card->all_passed &= passed;
}

static void
set_field (EkycCliCard *card, EkycCliField field, char *value, const char *source)
{
  g_free (card->fields[field]);
  card->fields[field] = value;
  card->sources[field] = value != NULL ? source : NULL;
}

/* The parser's verdict, then the fields: from its struct, or split by hand when it refused. */
static void
parse_payload (const guint8 *data, gsize length, const EkycCardDate *today, Payload *p)
{
  g_autoptr(GError) error = NULL;

  memset (p, 0, sizeof *p);
  p->qr = ekyc_card_qr_parse (data, length, today, &p->problem, &error);
  if (p->qr != NULL)
    {
      p->birth = p->qr->birth_date;
      p->issue = p->qr->issue_date;
      p->has_birth = p->has_issue = TRUE;
      p->sex = p->qr->sex;
      return;
    }
  p->message = g_strdup (error->message);
  if (g_utf8_validate ((const char *) data, (gssize) length, NULL))
    {
      g_autofree char *nfc = g_utf8_normalize ((const char *) data, (gssize) length,
                                               G_NORMALIZE_NFC);

      p->split = g_strsplit (nfc != NULL ? nfc : "", "|", EKYC_CARD_QR_MAX_FIELDS);
      for (guint i = 0; p->split[i] != NULL; i++)
        g_strstrip (p->split[i]);
      if (g_strv_length (p->split) >= 7)
        {
          g_autofree char *sex = g_utf8_casefold (p->split[4], -1);

          p->has_birth = ekyc_card_date_parse_ddmmyyyy (p->split[3], -1, &p->birth);
          p->has_issue = ekyc_card_date_parse_ddmmyyyy (p->split[6], -1, &p->issue);
          p->sex = g_str_equal (sex, "nam") ? EKYC_ID_SEX_MALE
                 : g_str_equal (sex, "nữ") ? EKYC_ID_SEX_FEMALE : EKYC_ID_SEX_UNKNOWN;
        }
      else
        g_clear_pointer (&p->split, g_strfreev);
    }
}

static void
payload_clear (Payload *p)
{
  g_clear_pointer (&p->qr, ekyc_card_qr_free);
  g_clear_pointer (&p->split, g_strfreev);
  g_clear_pointer (&p->message, g_free);
}

static char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

static void
fill_fields (EkycCliCard *card, const Payload *p)
{
  const char *id = p->qr ? p->qr->id_number : p->split ? p->split[0] : NULL;

  set_field (card, EKYC_CLI_FIELD_ID_NUMBER, nonempty (id), "qr");
  set_field (card, EKYC_CLI_FIELD_OLD_ID_NUMBER,
             nonempty (p->qr ? p->qr->old_id_number : p->split ? p->split[1] : NULL), "qr");
  set_field (card, EKYC_CLI_FIELD_FULL_NAME,
             nonempty (p->qr ? p->qr->full_name : p->split ? p->split[2] : NULL), "qr");
  set_field (card, EKYC_CLI_FIELD_PLACE_OF_RESIDENCE,
             nonempty (p->qr ? p->qr->residence : p->split ? p->split[5] : NULL), "qr");
  set_field (card, EKYC_CLI_FIELD_DATE_OF_BIRTH, p->has_birth ? iso (&p->birth) : NULL, "qr");
  set_field (card, EKYC_CLI_FIELD_ISSUE_DATE, p->has_issue ? iso (&p->issue) : NULL, "qr");
  set_field (card, EKYC_CLI_FIELD_SEX,
             p->sex != EKYC_ID_SEX_UNKNOWN ? g_strdup_printf ("%c", p->sex) : NULL, "qr");
  /* Only Vietnamese citizens hold a card with this QR code; the QR does not say it. */
  if (p->qr != NULL)
    set_field (card, EKYC_CLI_FIELD_NATIONALITY, g_strdup ("Việt Nam"), "derived");
}

static void
run_checks (EkycCliCard *card, const Payload *p, const EkycCardDate *today)
{
  const char *id = card->fields[EKYC_CLI_FIELD_ID_NUMBER];
  EkycCardExpiry expiry = { 0 };
  gboolean has_expiry = FALSE;

  add_check (card, "qr-payload", p->qr != NULL,
             p->qr != NULL
             ? g_strdup_printf ("read on the %s%s%s", card->qr_side,
                                card->qr ? ", pass " : "",
                                card->qr ? ekyc_qr_pass_name (card->qr->pass) : "")
             : g_strdup_printf ("%s: %s", ekyc_card_qr_problem_name (p->problem), p->message));

  if (id == NULL)
    add_check (card, "id-number", FALSE, g_strdup ("no number"));
  else
    {
      EkycIdNumberProblems problems =
        ekyc_id_number_check_consistency (id, p->has_birth ? &p->birth : NULL, p->sex);
      gboolean complete = p->has_birth && p->sex != EKYC_ID_SEX_UNKNOWN;

      add_check (card, "id-number", problems == EKYC_ID_NUMBER_PROBLEM_NONE && complete,
                 problems != EKYC_ID_NUMBER_PROBLEM_NONE
                 ? ekyc_id_number_problems_to_string (problems)
                 : complete ? g_strdup ("province, century, sex and birth year agree")
                 : g_strdup ("date of birth or sex unknown"));
    }

  if (!p->has_birth || !p->has_issue)
    add_check (card, "dates-valid", FALSE,
               g_strdup (!p->has_birth ? "no valid date of birth" : "no valid date of issue"));
  else if (ekyc_card_date_compare (&p->issue, &p->birth) < 0)
    add_check (card, "dates-valid", FALSE, g_strdup ("issued before the date of birth"));
  else if (ekyc_card_date_compare (&p->issue, today) > 0)
    add_check (card, "dates-valid", FALSE, g_strdup ("issued after today"));
  else
    add_check (card, "dates-valid", TRUE, g_strdup ("birth ≤ issue ≤ today"));

  if (p->has_birth && p->has_issue)
    {
      EkycCardLaw law = ekyc_card_law_for_issue_date (&p->issue);
      int age_at_issue = ekyc_card_date_age_on (&p->birth, &p->issue);

      /* Law 26/2023 gives cards to children under 14 too; Law 33/2014 from 14 only. */
      if (law == EKYC_CARD_LAW_CAN_CUOC_2023)
        add_check (card, "issued-from-14", TRUE,
                   g_strdup_printf ("issued at %d under Law 26/2023 (no minimum age)",
                                    age_at_issue));
      else
        add_check (card, "issued-from-14", age_at_issue >= 14,
                   g_strdup_printf ("issued at %d under Law 33/2014", age_at_issue));
      has_expiry = ekyc_card_compute_expiry (&p->birth, &p->issue, law, &expiry, NULL);
    }
  else
    add_check (card, "issued-from-14", FALSE, g_strdup ("dates unknown"));

  if (has_expiry)
    {
      gboolean expired = ekyc_card_is_expired_on (&expiry, today);

      if (!expiry.no_expiry)
        set_field (card, EKYC_CLI_FIELD_DATE_OF_EXPIRY, iso (&expiry.expiry), "computed");
      add_check (card, "not-expired", !expired,
                 expiry.no_expiry ? g_strdup ("no expiry (issued from 58)")
                 : g_strdup_printf ("%s until %04d-%02d-%02d (renewal at %d)",
                                    expired ? "expired: valid" : "valid",
                                    expiry.expiry.year, expiry.expiry.month, expiry.expiry.day,
                                    expiry.renewal_age));
    }
  else
    add_check (card, "not-expired", FALSE, g_strdup ("expiry cannot be computed"));

  if (p->has_birth)
    {
      int age = ekyc_card_date_age_on (&p->birth, today);
      add_check (card, "age-14", age >= 14,
                 g_strdup_printf ("age %d on %04d-%02d-%02d", age, today->year, today->month,
                                  today->day));
    }
  else
    add_check (card, "age-14", FALSE, g_strdup ("date of birth unknown"));
}

/* Decodes @path's QR codes; TRUE with *@code_out NULL when the image has none. Prefers a code
 * the parser accepts when there are several. */
static gboolean
decode_side (const char *path, EkycCliCard *card, EkycQrCode **code_out, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, error);
  g_autoptr(GPtrArray) codes = NULL;
  guint best = 0;

  card->ms_load += ekyc_cli_ms_since (start);
  *code_out = NULL;
  if (image == NULL)
    return FALSE;
  start = g_get_monotonic_time ();
  codes = ekyc_qr_decode (image, error);
  card->ms_qr += ekyc_cli_ms_since (start);
  if (codes == NULL)
    return FALSE;
  for (guint i = codes->len; i-- > 0;)
    {
      EkycQrCode *c = g_ptr_array_index (codes, i);
      g_autoptr(EkycCardQr) qr = ekyc_card_qr_parse (c->data, c->length, NULL, NULL, NULL);
      if (qr != NULL)
        best = i;
    }
  if (codes->len > 0)
    *code_out = g_ptr_array_steal_index (codes, best);
  return TRUE;
}

EkycCliCard *
ekyc_cli_read_card_files (const char *front, const char *back, const char *payload,
                          const EkycCardDate *today, const char **failed_input, GError **error)
{
  g_autoptr(EkycCliCard) card = g_new0 (EkycCliCard, 1);
  gint64 start = g_get_monotonic_time ();
  const guint8 *data;
  gsize length;
  Payload p;

  card->checks = g_array_new (FALSE, FALSE, sizeof (EkycCliCheck));
  card->all_passed = TRUE;
  if (payload != NULL)
    card->qr_side = "argument";
  else
    {
      const char *sides[] = { front, back };
      const char *names[] = { "front", "back" };

      for (int i = 0; i < 2 && card->qr == NULL && sides[i] != NULL; i++)
        {
          if (!decode_side (sides[i], card, &card->qr, error))
            {
              *failed_input = names[i];
              return NULL;
            }
          card->qr_side = names[i];
        }
      if (card->qr == NULL)
        {
          *failed_input = back != NULL ? "front and back" : "front";
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No QR code could be read on the card. Photograph the side "
                                 "with the QR code (the front of a 2021 card, the back of a "
                                 "2024 card) closer, in focus and without glare."));
          return NULL;
        }
    }
  data = payload != NULL ? (const guint8 *) payload : card->qr->data;
  length = payload != NULL ? strlen (payload) : card->qr->length;
  card->qr_payload = g_utf8_make_valid ((const char *) data, (gssize) length);

  start = g_get_monotonic_time ();
  parse_payload (data, length, today, &p);
  fill_fields (card, &p);
  run_checks (card, &p, today);
  payload_clear (&p);
  card->ms_checks = ekyc_cli_ms_since (start);
  card->ms_total = card->ms_load + card->ms_qr + card->ms_checks;
  return g_steal_pointer (&card);
}

/* ---- output -------------------------------------------------------------------------------- */

static void
print_json (const EkycCliCard *card)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  for (int i = 0; i < EKYC_CLI_N_FIELDS; i++)
    {
      json_builder_set_member_name (b, ekyc_cli_field_names[i]);
      if (card->fields[i] != NULL)
        json_builder_add_string_value (b, card->fields[i]);
      else
        json_builder_add_null_value (b);
    }
  json_builder_set_member_name (b, "qr_payload");
  json_builder_add_string_value (b, card->qr_payload);
  json_builder_set_member_name (b, "mrz");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < card->checks->len; i++)
    {
      const EkycCliCheck *c = &g_array_index (card->checks, EkycCliCheck, i);

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
  json_builder_set_member_name (b, "corners");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "timings_ms");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "load");
  json_builder_add_double_value (b, card->ms_load);
  json_builder_set_member_name (b, "qr");
  json_builder_add_double_value (b, card->ms_qr);
  json_builder_set_member_name (b, "checks");
  json_builder_add_double_value (b, card->ms_checks);
  json_builder_set_member_name (b, "total");
  json_builder_add_double_value (b, card->ms_total);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "sources");
  json_builder_begin_object (b);
  for (int i = 0; i < EKYC_CLI_N_FIELDS; i++)
    {
      json_builder_set_member_name (b, ekyc_cli_field_names[i]);
      if (card->sources[i] != NULL)
        json_builder_add_string_value (b, card->sources[i]);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  ekyc_cli_print_json (b);
}

static void
print_text (const EkycCliCard *card)
{
  const char *labels[EKYC_CLI_N_FIELDS] = {
    N_("ID number"), N_("Old ID number"), N_("Full name"), N_("Date of birth"), N_("Sex"),
    N_("Nationality"), N_("Place of origin"), N_("Place of residence"), N_("Date of expiry"),
    N_("Date of issue"),
  };

  if (card->qr != NULL)
    g_print (_("QR code read on the %s (pass %s)\n"), card->qr_side,
             ekyc_qr_pass_name (card->qr->pass));
  for (int i = 0; i < EKYC_CLI_N_FIELDS; i++)
    g_print ("  %-20s %s%s%s%s\n", _(labels[i]), card->fields[i] ? card->fields[i] : "—",
             card->sources[i] && !g_str_equal (card->sources[i], "qr") ? " (" : "",
             card->sources[i] && !g_str_equal (card->sources[i], "qr") ? card->sources[i] : "",
             card->sources[i] && !g_str_equal (card->sources[i], "qr") ? ")" : "");
  g_print (_("Checks:\n"));
  for (guint i = 0; i < card->checks->len; i++)
    {
      const EkycCliCheck *c = &g_array_index (card->checks, EkycCliCheck, i);
      g_print ("  %-4s %-16s %s\n", c->passed ? _("ok") : _("FAIL"), c->name, c->detail);
    }
  g_print (_("%s in %.0f ms (load %.0f, QR %.0f)\n"),
           card->all_passed ? _("READ, ALL CHECKS PASSED") : _("READ, A CHECK FAILED"),
           card->ms_total, card->ms_load, card->ms_qr);
}

/* ekyc_cli_fail() with read-card's own codes (qr-not-found). */
static int
fail (gboolean json, const char *what, const GError *error)
{
  const char *code = ekyc_cli_card_error_code (error);

  if (error->domain == EKYC_ERROR || g_str_equal (code, "failed"))
    return ekyc_cli_fail (json, what, error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, code);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, error->message);
      json_builder_set_member_name (b, "input");
      json_builder_add_string_value (b, what);
      json_builder_end_object (b);
      json_builder_end_object (b);
      ekyc_cli_print_json (b);
    }
  g_printerr ("ekyc-cli: %s: %s [%s]\n", what, error->message, code);
  return EKYC_CLI_EXIT_ERROR;
}

int
ekyc_cli_read_card (int argc, char **argv)
{
  g_autofree char *today_text = NULL, *payload = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("judge expiry and age on this date (default: the clock)"), N_("YYYY-MM-DD") },
    /* For tests: a payload in place of the photos' QR code. */
    { "qr-payload", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &payload, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FRONT [BACK] — read an ID card's QR code and check its data"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCliCard) card = NULL;
  const char *failed_input = NULL;
  EkycCardDate today;

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

  card = ekyc_cli_read_card_files (argc > 1 ? argv[1] : NULL, argc > 2 ? argv[2] : NULL,
                                   payload, &today, &failed_input, &error);
  if (card == NULL)
    return fail (json, failed_input, error);
  if (json)
    print_json (card);
  else
    print_text (card);
  return card->all_passed ? EKYC_CLI_EXIT_OK : EKYC_CLI_EXIT_NO_MATCH;
}
