/* ekyc-cli-eval-cards.c — `ekyc-cli eval-cards`: read-card over a synthetic set, per difficulty
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reads a set written by tools/synth-cards (index.csv + NNNN.json ground truth) and reports,
 * per difficulty: the QR read rate, the exact-match rate of every field the QR carries (and of
 * the computed expiry), the rate of cards passing every check, and the time per card.
 */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ekyc-cli-private.h"

/* The fields compared with the ground truth: the QR's, and the expiry computed from them. */
static const EkycCliField compared[] = {
  EKYC_CLI_FIELD_ID_NUMBER, EKYC_CLI_FIELD_OLD_ID_NUMBER, EKYC_CLI_FIELD_FULL_NAME,
  EKYC_CLI_FIELD_DATE_OF_BIRTH, EKYC_CLI_FIELD_SEX, EKYC_CLI_FIELD_PLACE_OF_RESIDENCE,
  EKYC_CLI_FIELD_ISSUE_DATE, EKYC_CLI_FIELD_DATE_OF_EXPIRY,
};
#define N_COMPARED G_N_ELEMENTS (compared)

typedef struct {
  char   *difficulty;
  int     n, read, all_checks;
  int     exact[N_COMPARED];
  GArray *ms; /* double, per card */
} Level;

static void
level_free (Level *level)
{
  g_free (level->difficulty);
  g_array_unref (level->ms);
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

/* One card: reads it and scores it into its level. FALSE with @error on a broken data set. */
static gboolean
eval_card (const char *dir, char **row, const int *col, const EkycCardDate *today,
           GPtrArray *levels, GError **error)
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
  double ms;

  if (truth == NULL)
    return FALSE;
  card = ekyc_cli_read_card_files (front, back, NULL, today, &failed, &read_error);
  ms = ekyc_cli_ms_since (start);
  level->n++;
  g_array_append_val (level->ms, ms);
  if (card == NULL)
    {
      if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_prefixed_error (error, g_steal_pointer (&read_error), "%s (%s): ", json,
                                  failed);
      return FALSE;
    }
  level->read++;
  level->all_checks += card->all_passed;
  for (guint i = 0; i < N_COMPARED; i++)
    {
      const char *name = ekyc_cli_field_names[compared[i]];
      const char *want = json_object_get_string_member_with_default (truth, name, NULL);
      level->exact[i] += g_strcmp0 (want, card->fields[compared[i]]) == 0;
    }
  return TRUE;
}

/* Reads index.csv's columns difficulty, front, back, json. The factory writes them first and
 * unquoted (only its last column, the name, is quoted), so a plain split is enough. */
static gboolean
eval_index (const char *dir, const EkycCardDate *today, GPtrArray *levels, GError **error)
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
      if (!eval_card (dir, row, col, today, levels, error))
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
      json_builder_set_member_name (b, "qr_read_rate");
      json_builder_add_double_value (b, rate (level->read, level->n));
      json_builder_set_member_name (b, "field_exact_rate");
      json_builder_begin_object (b);
      for (guint f = 0; f < N_COMPARED; f++)
        {
          json_builder_set_member_name (b, ekyc_cli_field_names[compared[f]]);
          json_builder_add_double_value (b, rate (level->exact[f], level->n));
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "checks_pass_rate");
      json_builder_add_double_value (b, rate (level->all_checks, level->n));
      json_builder_set_member_name (b, "ms_per_card");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "median");
      json_builder_add_double_value (b, ekyc_cli_quantile (level->ms, 0.5));
      json_builder_set_member_name (b, "p95");
      json_builder_add_double_value (b, ekyc_cli_quantile (level->ms, 0.95));
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
  g_print (_("Rates are over all cards of a level (a card whose QR is not read counts as a miss "
             "for every field).\n"));
  g_print ("%-8s %5s %6s", _("level"), _("cards"), _("QR"));
  for (guint f = 0; f < N_COMPARED; f++)
    g_print (" %8.8s", ekyc_cli_field_names[compared[f]]);
  g_print (" %7s %8s %8s\n", _("checks"), _("ms med"), _("ms p95"));
  for (guint i = 0; i < levels->len; i++)
    {
      Level *level = g_ptr_array_index (levels, i);

      g_print ("%-8s %5d %6.3f", level->difficulty, level->n, rate (level->read, level->n));
      for (guint f = 0; f < N_COMPARED; f++)
        g_print (" %8.3f", rate (level->exact[f], level->n));
      g_print (" %7.3f %8.0f %8.0f\n", rate (level->all_checks, level->n),
               ekyc_cli_quantile (level->ms, 0.5), ekyc_cli_quantile (level->ms, 0.95));
    }
}

int
ekyc_cli_eval_cards (int argc, char **argv)
{
  g_autofree char *today_text = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("judge expiry and age on this date (default: the clock)"), N_("YYYY-MM-DD") },
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

  if (!eval_index (argv[1], &today, levels, &error))
    return ekyc_cli_fail (json, argv[1], error);
  if (json)
    print_json (levels);
  else
    print_text (levels);
  return EKYC_CLI_EXIT_OK;
}
