/* ekyc-cli-eval-cards.c — `ekyc-cli eval-cards`: read-card over a synthetic set, per difficulty
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reads a set written by tools/synth-cards (index.csv + NNNN.json ground truth) and reports,
 * per difficulty: the QR read rate, the MRZ read rate (every check digit valid; and all lines
 * equal to the truth), the exact-match rate of every field in the merged result and
 * in the printed text alone (OCR), side and layout classification, the corner error of the card
 * outline, the rate of cards passing every check, and the time per card.
 */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ekyc-cli-private.h"

typedef struct {
  char   *difficulty;
  int     n, read, qr, all_checks, sides_right, layout_right;
  int     mrz_valid, mrz_exact; /* check digits all valid; and every line as the truth's */
  int     exact[EKYC_CARD_READ_N_FIELDS];
  int     printed_exact[EKYC_CARD_READ_N_FIELDS];
  int     printed_total[EKYC_CARD_READ_N_FIELDS];
  GArray *ms;            /* double, per card */
  GArray *cpu_ms;        /* double, per card: CPU time of the read (all threads) */
  GArray *corner_error;  /* double, px: mean over the 4 corners, per side found */
  int     corners_missed;
} Level;

static void
level_free (Level *level)
{
  g_free (level->difficulty);
  g_array_unref (level->ms);
  g_array_unref (level->cpu_ms);
  g_array_unref (level->corner_error);
  g_free (level);
}

static Level *
level_for (GPtrArray *levels, const char *difficulty)
{
  Level *level;

  for (guint i = 0; i < levels->len; i++)
    if (g_str_equal (((Level *) g_ptr_array_index (levels, i))->difficulty, difficulty))
      return g_ptr_array_index (levels, i);
  level = g_new0 (Level, 1);
  level->difficulty = g_strdup (difficulty);
  level->ms = g_array_new (FALSE, FALSE, sizeof (double));
  level->cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  level->corner_error = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (levels, level);
  return level;
}

static JsonObject *
load_truth (const char *path, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s is not a JSON object"),
                   path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* The truth's value of @field in read-card's form (no expiry: "none"). */
static const char *
truth_value (JsonObject *truth, EkycCardReadField field)
{
  const char *name = ekyc_card_read_field_name (field);
  const char *value = json_object_get_string_member_with_default (truth, name, NULL);

  if (value == NULL && field == EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY)
    return "none";
  return value;
}

/* Scores the MRZ the card's back gave against the truth's lines. */
static void
score_mrz (Level *level, JsonObject *truth, const EkycCliCard *card)
{
  JsonArray *want = json_object_get_array_member (truth, "mrz");
  const EkycMrz *mrz = NULL;
  gboolean exact;

  for (int i = 0; i < 2 && mrz == NULL; i++)
    if (card->sides[i] != NULL)
      mrz = card->sides[i]->mrz;
  if (mrz == NULL || !mrz->valid)
    return;
  level->mrz_valid++;
  exact = want != NULL && json_array_get_length (want) == mrz->n_lines;
  for (guint i = 0; exact && i < mrz->n_lines; i++)
    exact = g_strcmp0 (json_array_get_string_element (want, i), mrz->lines[i]) == 0;
  level->mrz_exact += exact;
}

/* --misses: each field a card got wrong, on stderr (to see what fails, not only how often). */
static gboolean print_misses;
/* ...and each side whose outline was not found or is this far off (px, mean of the corners) */
#define CORNERS_OFF 10.0

static void
score_corners (Level *level, JsonObject *truth, const char *member,
               const EkycCardSideReading *side, const char *json_path)
{
  JsonArray *want = json_object_get_array_member (truth, member);
  double sum = 0;

  if (want == NULL || json_array_get_length (want) != 4)
    return;
  if (side == NULL || !side->detection.found)
    {
      level->corners_missed++;
      if (print_misses)
        g_printerr ("%s: %s: not found\n", json_path, member);
      return;
    }
  /* the detector's corners start at the card's top-left as seen, or at the opposite corner
   * (upside_down; a card seen a quarter turned starts with either long side): the outline's
   * error is that of the nearer start, the way up is scored by the fields */
  {
    double starts[2] = { 0, 0 };

    for (guint k = 0; k < 2; k++)
      for (guint i = 0; i < 4; i++)
        {
          JsonArray *p = json_array_get_array_element (want, (i + 2 * k) % 4);
          double dx = side->detection.corners[i].x - json_array_get_double_element (p, 0);
          double dy = side->detection.corners[i].y - json_array_get_double_element (p, 1);
          starts[k] += sqrt (dx * dx + dy * dy) / 4;
        }
    sum = MIN (starts[0], starts[1]);
  }
  if (print_misses && sum > CORNERS_OFF)
    g_printerr ("%s: %s: %.0f px off\n", json_path, member, sum);
  g_array_append_val (level->corner_error, sum);
}

/* Printed fields worth reporting: those a card prints (the old number is only in the QR). */
static gboolean
is_printed_field (int f)
{
  return f != EKYC_CARD_READ_FIELD_OLD_ID_NUMBER;
}

/* One card: reads it and scores it into its level. FALSE with @error on a broken data set. */
static gboolean
eval_card (EkycCardReader *reader, EkycCardReadFlags flags, const char *dir, char **row,
           const int *col, const EkycCardDate *today, GPtrArray *levels, GError **error)
{
  g_autofree char *front = g_build_filename (dir, row[col[1]], NULL);
  g_autofree char *back = g_build_filename (dir, row[col[2]], NULL);
  g_autofree char *json = g_build_filename (dir, row[col[3]], NULL);
  g_autoptr(JsonObject) truth = load_truth (json, error);
  g_autoptr(EkycCliCard) card = NULL;
  g_autoptr(GError) read_error = NULL;
  const char *failed = NULL;
  gint64 start = g_get_monotonic_time ();
  Level *level = level_for (levels, row[col[0]]);
  const char *layout;
  double ms;

  if (truth == NULL)
    return FALSE;
  card = ekyc_cli_read_card_files (reader, front, back, NULL, flags, today, &failed, &read_error);
  ms = ekyc_cli_ms_since (start);
  level->n++;
  g_array_append_val (level->ms, ms);
  if (card == NULL)
    {
      if (read_error->domain == EKYC_ERROR && ekyc_cli_is_file_error (read_error->code))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&read_error), "%s (%s): ", json,
                                      failed);
          return FALSE;
        }
      g_printerr ("%s: %s: %s\n", json, failed, read_error->message);
      level->corners_missed += 2;
      for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
        level->printed_total[f] += truth_value (truth, f) != NULL;
      return TRUE;
    }
  level->read++;
  g_array_append_val (level->cpu_ms, card->ms_cpu);
  level->qr += card->reading->qr_payload != NULL;
  score_mrz (level, truth, card);
  level->all_checks += card->reading->all_passed;
  level->sides_right += card->sides[0] != NULL && card->sides[1] != NULL
                        && card->sides[0]->side == EKYC_CARD_SIDE_FRONT
                        && card->sides[1]->side == EKYC_CARD_SIDE_BACK;
  layout = json_object_get_string_member_with_default (truth, "layout", "");
  level->layout_right += g_str_equal (layout, ekyc_card_layout_name (card->reading->layout));
  score_corners (level, truth, "front_corners", card->sides[0], json);
  score_corners (level, truth, "back_corners", card->sides[1], json);
  for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
    {
      const char *want = truth_value (truth, f);
      const char *printed = NULL;

      for (int i = 0; i < 2 && printed == NULL; i++)
        if (card->sides[i] != NULL)
          printed = card->sides[i]->printed[f].value;

      level->exact[f] += g_strcmp0 (want, card->reading->fields[f].value) == 0;
      if (print_misses && g_strcmp0 (want, card->reading->fields[f].value) != 0)
        g_printerr ("%s: %s merged: want “%s”, got “%s”\n", json, ekyc_card_read_field_name (f),
                    want, card->reading->fields[f].value);
      if (want != NULL)
        {
          level->printed_total[f]++;
          level->printed_exact[f] += g_strcmp0 (want, printed) == 0;
          if (print_misses && is_printed_field (f) && g_strcmp0 (want, printed) != 0)
            g_printerr ("%s: %s printed: want “%s”, got “%s”\n", json,
                        ekyc_card_read_field_name (f), want, printed);
        }
    }
  return TRUE;
}

/* Reads index.csv's columns difficulty, front, back, json. The factory writes them first and
 * unquoted (only its last column, the name, is quoted), so a plain split is enough. */
static gboolean
eval_index (EkycCardReader *reader, EkycCardReadFlags flags, const char *dir,
            const EkycCardDate *today, GPtrArray *levels, GError **error)
{
  static const char *const wanted[] = { "difficulty", "front", "back", "json" };
  g_autofree char *path = g_build_filename (dir, "index.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  int col[G_N_ELEMENTS (wanted)];

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  header = g_strsplit (g_strstrip (lines[0]), ",", -1);
  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    {
      col[w] = -1;
      for (guint i = 0; header[i] != NULL; i++)
        if (g_str_equal (header[i], wanted[w]))
          col[w] = (int) i;
      if (col[w] < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s has no column “%s”"), path, wanted[w]);
          return FALSE;
        }
    }
  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) row = g_strsplit (g_strstrip (lines[l]), ",", -1);
      guint n = g_strv_length (row);

      if (lines[l][0] == '\0')
        continue;
      for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
        if ((guint) col[w] >= n)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("%s, line %u: too few fields"), path, l + 1);
            return FALSE;
          }
      if (!eval_card (reader, flags, dir, row, col, today, levels, error))
        return FALSE;
    }
  return TRUE;
}

static double
rate (int k, int n)
{
  return n > 0 ? (double) k / n : 0.0;
}

static void
print_json (GPtrArray *levels)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "difficulties");
  json_builder_begin_object (b);
  for (guint i = 0; i < levels->len; i++)
    {
      Level *level = g_ptr_array_index (levels, i);

      json_builder_set_member_name (b, level->difficulty);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "cards");
      json_builder_add_int_value (b, level->n);
      json_builder_set_member_name (b, "read_rate");
      json_builder_add_double_value (b, rate (level->read, level->n));
      json_builder_set_member_name (b, "qr_read_rate");
      json_builder_add_double_value (b, rate (level->qr, level->n));
      json_builder_set_member_name (b, "mrz_valid_rate");
      json_builder_add_double_value (b, rate (level->mrz_valid, level->n));
      json_builder_set_member_name (b, "mrz_read_rate");
      json_builder_add_double_value (b, rate (level->mrz_exact, level->n));
      json_builder_set_member_name (b, "side_rate");
      json_builder_add_double_value (b, rate (level->sides_right, level->n));
      json_builder_set_member_name (b, "layout_rate");
      json_builder_add_double_value (b, rate (level->layout_right, level->n));
      json_builder_set_member_name (b, "field_exact_rate");
      json_builder_begin_object (b);
      for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
        {
          json_builder_set_member_name (b, ekyc_card_read_field_name (f));
          json_builder_add_double_value (b, rate (level->exact[f], level->n));
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "printed_exact_rate");
      json_builder_begin_object (b);
      for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
        if (is_printed_field (f))
          {
            json_builder_set_member_name (b, ekyc_card_read_field_name (f));
            json_builder_add_double_value (b, rate (level->printed_exact[f],
                                                    level->printed_total[f]));
          }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "checks_pass_rate");
      json_builder_add_double_value (b, rate (level->all_checks, level->n));
      json_builder_set_member_name (b, "corner_error_px");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "median");
      json_builder_add_double_value (b, ekyc_cli_quantile (level->corner_error, 0.5));
      json_builder_set_member_name (b, "p95");
      json_builder_add_double_value (b, ekyc_cli_quantile (level->corner_error, 0.95));
      json_builder_set_member_name (b, "sides_not_found");
      json_builder_add_int_value (b, level->corners_missed);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "ms_per_card");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "median");
      json_builder_add_double_value (b, ekyc_cli_quantile (level->ms, 0.5));
      json_builder_set_member_name (b, "p95");
      json_builder_add_double_value (b, ekyc_cli_quantile (level->ms, 0.95));
      json_builder_end_object (b);
      json_builder_set_member_name (b, "cpu_ms_per_card");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "median");
      json_builder_add_double_value (b, ekyc_cli_quantile (level->cpu_ms, 0.5));
      json_builder_set_member_name (b, "p95");
      json_builder_add_double_value (b, ekyc_cli_quantile (level->cpu_ms, 0.95));
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  ekyc_cli_print_json (b);
}

static void
print_text (GPtrArray *levels)
{
  g_print (_("Exact-match rates over all cards of a level; \"printed\" is the OCR of the printed "
             "text alone, over the cards whose truth has the field.\n"));
  for (guint i = 0; i < levels->len; i++)
    {
      Level *level = g_ptr_array_index (levels, i);

      g_print (_("%s: %d cards, read %.3f, QR %.3f, sides %.3f, layout %.3f, all checks %.3f\n"),
               level->difficulty, level->n, rate (level->read, level->n),
               rate (level->qr, level->n), rate (level->sides_right, level->n),
               rate (level->layout_right, level->n), rate (level->all_checks, level->n));
      g_print (_("  MRZ: every check digit valid %.3f, valid and exact %.3f\n"),
               rate (level->mrz_valid, level->n), rate (level->mrz_exact, level->n));
      g_print ("  %-20s %8s %8s\n", _("field"), _("merged"), _("printed"));
      for (int f = 0; f < EKYC_CARD_READ_N_FIELDS; f++)
        {
          g_print ("  %-20s %8.3f", ekyc_card_read_field_name (f), rate (level->exact[f], level->n));
          if (is_printed_field (f))
            g_print (" %8.3f", rate (level->printed_exact[f], level->printed_total[f]));
          g_print ("\n");
        }
      g_print (_("  corners: median %.1f px, p95 %.1f px, %d sides not found; "
                 "time per card: median %.0f ms, p95 %.0f ms\n"),
               ekyc_cli_quantile (level->corner_error, 0.5),
               ekyc_cli_quantile (level->corner_error, 0.95), level->corners_missed,
               ekyc_cli_quantile (level->ms, 0.5), ekyc_cli_quantile (level->ms, 0.95));
      g_print (_("  CPU time per card read: median %.0f ms, p95 %.0f ms\n"),
               ekyc_cli_quantile (level->cpu_ms, 0.5), ekyc_cli_quantile (level->cpu_ms, 0.95));
    }
}

int
ekyc_cli_eval_cards (int argc, char **argv)
{
  g_autofree char *today_text = NULL, *tessdata = NULL;
  g_autoptr(EkycCardReader) reader = NULL;
  gboolean json = FALSE, full = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("read the print of both sides even where the QR code and MRZ give every field"), NULL },
    { "misses", 0, 0, G_OPTION_ARG_NONE, &print_misses,
      N_("print every field read wrong, card by card, on standard error"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("judge expiry and age on this date (default: the clock)"), N_("YYYY-MM-DD") },
    { "tessdata", 0, 0, G_OPTION_ARG_FILENAME, &tessdata,
      N_("directory of Tesseract's language data (default: Tesseract's own)"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DIR — read a synthetic card set; rates per difficulty"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify) level_free);
  EkycCardDate today;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekyc_cli_fail (json, NULL, error);
  if (argc != 2)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("give the directory the card factory wrote"));
      return ekyc_cli_fail (json, NULL, error);
    }
  if (!ekyc_cli_today (today_text, &today, &error))
    return ekyc_cli_fail (json, NULL, error);

  reader = ekyc_card_reader_new (tessdata, &error);
  if (reader == NULL)
    return ekyc_cli_fail (json, NULL, error);
  if (!eval_index (reader, full ? EKYC_CARD_READ_ALL_PRINTED : EKYC_CARD_READ_DEFAULT, argv[1],
                   &today, levels, &error))
    return ekyc_cli_fail (json, argv[1], error);
  if (json)
    print_json (levels);
  else
    print_text (levels);
  return EKYC_CLI_EXIT_OK;
}
