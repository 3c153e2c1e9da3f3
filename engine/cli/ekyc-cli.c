/* ekyc-cli.c — ekyc-cli: the engine from the command line (verify, read-card, evaluations, bench)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>
#include <glib/gi18n.h>

#include "ekyc-cli-private.h"

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "verify", ekyc_cli_verify, N_("compare the face on a document with a selfie") },
  { "eval-faces", ekyc_cli_eval_faces, N_("score labelled face pairs: accuracy, TAR at FAR, EER") },
  { "eval-liveness", ekyc_cli_eval_liveness, N_("score labelled live/spoof images: APCER, BPCER") },
  { "bench", ekyc_cli_bench, N_("time each stage on 640×480 frames; load time; peak memory") },
  { "read-card", ekyc_cli_read_card, N_("read an ID card's QR code and check its data") },
  { "eval-cards", ekyc_cli_eval_cards, N_("read a set of synthetic cards; rates per difficulty") },
  { "read-chip", ekyc_cli_read_chip, N_("read and verify the ID card's chip (PC/SC)") },
};

static int
usage (FILE *out)
{
  fprintf (out, _("Usage: ekyc-cli COMMAND [OPTIONS]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nRun “ekyc-cli COMMAND --help” for a command's options.\n"));
  return out == stdout ? EKYC_CLI_EXIT_OK : EKYC_CLI_EXIT_ERROR;
}

EkycEngine *
ekyc_cli_load_engine (const char *model_dir, const char *embedder, double *ms_out, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  EkycEngine *engine = ekyc_engine_new_with_embedder (model_dir, embedder, error);

  if (ms_out != NULL)
    *ms_out = ekyc_cli_ms_since (start);
  return engine;
}

int
ekyc_cli_fail (gboolean json, const char *what, const GError *error)
{
  const char *code = error->domain == EKYC_ERROR ? ekyc_error_code_name (error->code) : "failed";

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
      if (what != NULL)
        {
          json_builder_set_member_name (b, "input");
          json_builder_add_string_value (b, what);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
      ekyc_cli_print_json (b);
    }
  if (what != NULL)
    g_printerr ("ekyc-cli: %s: %s [%s]\n", what, error->message, code);
  else
    g_printerr ("ekyc-cli: %s [%s]\n", error->message, code);
  return EKYC_CLI_EXIT_ERROR;
}

void
ekyc_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

double
ekyc_cli_ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

double
ekyc_cli_peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
ekyc_cli_quantile (GArray *values, double q)
{
  guint rank;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_double);
  rank = (guint) MAX (1.0, (double) values->len * q + 0.999999);
  return g_array_index (values, double, MIN (rank, values->len) - 1);
}

char *
ekyc_cli_resolve (const char *root, const char *path)
{
  if (g_path_is_absolute (path) || root == NULL)
    return g_strdup (path);
  return g_build_filename (root, path, NULL);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage (stderr);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    return usage (stdout);
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("ekyc-cli %s\n", PACKAGE_VERSION);
      return EKYC_CLI_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);
  g_printerr (_("ekyc-cli: unknown command “%s”\n"), argv[1]);
  return usage (stderr);
}
