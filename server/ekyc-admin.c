/* ekyc-admin.c — ekyc-admin: the operator's tool for prices, customers, contracts, bills, tickets
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-admin"
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "ekyc-admin-private.h"
#include "ekyc-business-error.h"

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "price", ekyc_admin_price, N_("what a month of N verification requests costs") },
  { "evidence-policy", ekyc_admin_evidence_policy,
    N_("show or set (--upload on|off) whether a customer's evidence images leave the branch") },
};

static int
usage (FILE *out)
{
  fprintf (out, _("Usage: ekyc-admin COMMAND [OPTIONS]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-18s %s\n", commands[i].name, _(commands[i].summary));
  ekyc_admin_print_command_list (out);
  fprintf (out, _("\nRun “ekyc-admin COMMAND --help” for a command's options.\n"));
  return out == stdout ? EKYC_ADMIN_EXIT_OK : EKYC_ADMIN_EXIT_USAGE;
}

int
ekyc_admin_fail (gboolean json, const GError *error)
{
  const char *code = error->domain == EKYC_BUSINESS_ERROR
                     ? ekyc_business_error_code_name (error->code) : "failed";

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
      json_builder_end_object (b);
      json_builder_end_object (b);
      ekyc_admin_print_json (b);
    }
  g_printerr ("ekyc-admin: %s [%s]\n", error->message, code);
  return EKYC_ADMIN_EXIT_ERROR;
}

int
ekyc_admin_usage_error (const char *command, const GError *error)
{
  g_printerr ("ekyc-admin %s: %s\n", command, error->message);
  g_printerr (_("Run “ekyc-admin %s --help” for its options.\n"), command);
  return EKYC_ADMIN_EXIT_USAGE;
}

void
ekyc_admin_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

gboolean
ekyc_admin_parse_count (const char *option, const char *text, guint64 *value, GError **error)
{
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL))
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("%s needs a whole number of 0 or more, not “%s”."), option,
                   text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
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
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    return usage (stdout);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);
  if (ekyc_admin_is_server_command (argv[1]))
    return ekyc_admin_run_server_command (argc - 1, argv + 1);
  g_printerr (_("ekyc-admin: unknown command “%s”\n"), argv[1]);
  return usage (stderr);
}
