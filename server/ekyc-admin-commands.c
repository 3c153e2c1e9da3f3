/* ekyc-admin-commands.c — the operator's commands that go through ekyc-server: one table row per
 * command, mapping options to the route's path, query or JSON body
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ekyc-admin talks HTTP to ekyc-server with the operator's token (--server, --token-file, or
 * EKYC_SERVER_URL and EKYC_ADMIN_TOKEN_FILE) rather than opening the database: the server is the
 * one place that validates and applies the business rules, it works the same over sqlite and
 * PostgreSQL and behind a load balancer, and the database's credentials stay on the servers.
 * Only `price` is computed locally (it needs no data).
 */
#define G_LOG_DOMAIN "ekyc-admin"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "ekyc-admin-private.h"
#include "ekyc-business-error.h"
#include "ekyc-pricing.h"

typedef enum {
  IN_BODY,      /* a JSON string member */
  IN_BODY_INT,  /* a JSON integer member */
  IN_PATH,      /* replaces {field} in the path */
  IN_QUERY,     /* ?field=value */
} ArgPlace;

typedef struct {
  const char *option;   /* without the leading "--" */
  const char *field;
  ArgPlace    place;
  gboolean    required;
} AdminArg;

#define MAX_ARGS 11

typedef struct {
  const char *group;
  const char *verb;     /* NULL for one-word commands */
  const char *method;
  const char *path;
  const char *summary;
  AdminArg    args[MAX_ARGS];
} AdminCommand;

static const AdminCommand commands[] = {
  { "customer", "add", "POST", "/v1/admin/customers", N_("add a customer (bank, insurer…)"),
    { { "id", "id", IN_BODY, TRUE }, { "name", "name", IN_BODY, TRUE } } },
  { "customer", "list", "GET", "/v1/admin/customers", N_("list customers and their contract status"),
    { { NULL } } },
  { "unit", "add", "POST", "/v1/admin/units",
    N_("add a contracting unit (--kind regional-company, it-centre or agent)"),
    { { "id", "id", IN_BODY, TRUE }, { "name", "name", IN_BODY, TRUE },
      { "kind", "kind", IN_BODY, TRUE }, { "parent", "parent", IN_BODY, FALSE } } },
  { "unit", "list", "GET", "/v1/admin/units", N_("list contracting units"), { { NULL } } },
  { "manager", "add", "POST", "/v1/admin/managers", N_("add an account manager (--role am or kam)"),
    { { "id", "id", IN_BODY, TRUE }, { "name", "name", IN_BODY, TRUE },
      { "role", "role", IN_BODY, TRUE }, { "unit", "unit", IN_BODY, TRUE } } },
  { "manager", "list", "GET", "/v1/admin/managers", N_("list account managers"), { { NULL } } },
  { "holiday", "add", "POST", "/v1/admin/holidays", N_("add a public holiday (not a working day)"),
    { { "date", "date", IN_BODY, TRUE }, { "name", "name", IN_BODY, FALSE } } },
  { "holiday", "list", "GET", "/v1/admin/holidays", N_("list public holidays"), { { NULL } } },
  { "contract", "declare", "POST", "/v1/admin/contracts",
    N_("record a signed contract and its declaration (registration steps 1–2)"),
    { { "id", "id", IN_BODY, TRUE }, { "customer", "customer", IN_BODY, TRUE },
      { "unit", "unit", IN_BODY, TRUE }, { "manager", "manager", IN_BODY, FALSE },
      { "start", "start_date", IN_BODY, TRUE }, { "end", "end_date", IN_BODY, TRUE },
      { "plan", "plan", IN_BODY, FALSE }, { "pricing", "pricing", IN_BODY, FALSE },
      { "negotiated-vnd", "negotiated_monthly_vnd", IN_BODY_INT, FALSE },
      { "signed-at", "signed_at", IN_BODY, FALSE }, { "at", "at", IN_BODY, FALSE } } },
  { "contract", "activate", "POST", "/v1/admin/contracts/{id}/activate",
    N_("operations configures the service and issues the account to the unit (step 3)"),
    { { "id", "id", IN_PATH, TRUE }, { "at", "at", IN_BODY, FALSE } } },
  { "contract", "renew", "POST", "/v1/admin/contracts/{id}/renew",
    N_("record a renewal signed and entered by the unit (renewal steps 1–2)"),
    { { "id", "id", IN_PATH, TRUE }, { "end", "end_date", IN_BODY, TRUE },
      { "signed-at", "signed_at", IN_BODY, FALSE }, { "at", "at", IN_BODY, FALSE } } },
  { "contract", "cancel", "POST", "/v1/admin/contracts/{id}/cancel",
    N_("record a cancellation asked and entered by the unit (cancellation steps 1–2)"),
    { { "id", "id", IN_PATH, TRUE }, { "signed-at", "signed_at", IN_BODY, FALSE },
      { "at", "at", IN_BODY, FALSE } } },
  { "contract", "apply", "POST", "/v1/admin/contracts/{id}/apply",
    N_("operations applies the open registration, renewal or cancellation (step 3)"),
    { { "id", "id", IN_PATH, TRUE }, { "at", "at", IN_BODY, FALSE } } },
  { "contract", "inform", "POST", "/v1/admin/contracts/{id}/inform",
    N_("the unit has told the customer (step 4)"),
    { { "id", "id", IN_PATH, TRUE }, { "at", "at", IN_BODY, FALSE } } },
  { "contract", "show", "GET", "/v1/admin/contracts/{id}", N_("a contract, its status and steps"),
    { { "id", "id", IN_PATH, TRUE } } },
  { "contract", "list", "GET", "/v1/admin/contracts", N_("list contracts"),
    { { "customer", "customer", IN_QUERY, FALSE } } },
  { "device", "code", "POST", "/v1/admin/enrolment-codes",
    N_("make a one-time enrolment code for a branch's device"),
    { { "customer", "customer", IN_BODY, TRUE }, { "branch", "branch", IN_BODY, FALSE },
      { "ttl-seconds", "ttl_seconds", IN_BODY_INT, FALSE } } },
  { "device", "list", "GET", "/v1/admin/devices", N_("list enrolled devices"),
    { { "customer", "customer", IN_QUERY, FALSE } } },
  { "device", "revoke", "POST", "/v1/admin/devices/{id}/revoke", N_("revoke a device's token"),
    { { "id", "id", IN_PATH, TRUE } } },
  { "bill", NULL, "GET", "/v1/admin/bills", N_("a customer's bill for a month"),
    { { "customer", "customer", IN_QUERY, TRUE }, { "month", "month", IN_QUERY, TRUE } } },
  { "commissions", NULL, "GET", "/v1/admin/commissions",
    N_("commissions of agents (40 %) and AM/KAM (35 %) for a month"),
    { { "month", "month", IN_QUERY, TRUE } } },
  { "ticket", "open", "POST", "/v1/admin/tickets",
    N_("record a support call (--category consulting, technical or complaint)"),
    { { "customer", "customer", IN_BODY, TRUE }, { "category", "category", IN_BODY, TRUE },
      { "subject", "subject", IN_BODY, TRUE }, { "description", "description", IN_BODY, FALSE } } },
  { "ticket", "list", "GET", "/v1/admin/tickets", N_("list tickets"),
    { { "customer", "customer", IN_QUERY, FALSE }, { "state", "state", IN_QUERY, FALSE } } },
  { "ticket", "show", "GET", "/v1/admin/tickets/{id}", N_("a ticket and its history"),
    { { "id", "id", IN_PATH, TRUE } } },
  { "ticket", "start", "POST", "/v1/admin/tickets/{id}/start",
    N_("not solved at once: promise a call-back time"),
    { { "id", "id", IN_PATH, TRUE }, { "callback-at", "callback_at", IN_BODY, TRUE },
      { "note", "note", IN_BODY, FALSE } } },
  { "ticket", "resolve", "POST", "/v1/admin/tickets/{id}/resolve",
    N_("solved: the customer is called back with the answer"),
    { { "id", "id", IN_PATH, TRUE }, { "answer", "answer", IN_BODY, FALSE } } },
  { "ticket", "close", "POST", "/v1/admin/tickets/{id}/close",
    N_("the customer is satisfied"),
    { { "id", "id", IN_PATH, TRUE }, { "note", "note", IN_BODY, FALSE } } },
  { "ticket", "reopen", "POST", "/v1/admin/tickets/{id}/reopen",
    N_("the customer is not satisfied"),
    { { "id", "id", IN_PATH, TRUE }, { "note", "note", IN_BODY, FALSE } } },
  { "overdue", NULL, "GET", "/v1/admin/overdue",
    N_("process steps past their deadline, and the reminder sent to their unit"),
    { { NULL } } },
  { "notices", NULL, "POST", "/v1/admin/renewal-notices",
    N_("place due renewal notices and overdue-step reminders in the outbox now (the server "
       "also does it hourly)"),
    { { NULL } } },
  /* Before "outbox": a command without a verb matches any arguments. */
  { "outbox", "sent", "POST", "/v1/admin/outbox/sent",
    N_("a message was delivered: it leaves the pending list"),
    { { "id", "id", IN_BODY, TRUE } } },
  { "outbox", NULL, "GET", "/v1/admin/outbox",
    N_("messages for customers and units (--state pending: not delivered yet)"),
    { { "contract", "contract", IN_QUERY, FALSE }, { "state", "state", IN_QUERY, FALSE } } },
};

void
ekyc_admin_print_command_list (FILE *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s%s", commands[i].group,
                                               commands[i].verb ? " " : "",
                                               commands[i].verb ? commands[i].verb : "");
      fprintf (out, "  %-18s %s\n", name, _(commands[i].summary));
    }
}

static const AdminCommand *
find_command (int argc, char **argv, int *consumed)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[0], commands[i].group))
        continue;
      if (commands[i].verb == NULL)
        {
          *consumed = 1;
          return &commands[i];
        }
      if (argc > 1 && g_str_equal (argv[1], commands[i].verb))
        {
          *consumed = 2;
          return &commands[i];
        }
    }
  return NULL;
}

gboolean
ekyc_admin_is_server_command (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (group, commands[i].group))
      return TRUE;
  return FALSE;
}

static void
print_command_help (const AdminCommand *command)
{
  g_print (_("Usage: ekyc-admin %s%s%s [OPTIONS]\n%s\n\nOptions:\n"), command->group,
           command->verb ? " " : "", command->verb ? command->verb : "", _(command->summary));
  for (guint a = 0; a < MAX_ARGS && command->args[a].option != NULL; a++)
    g_print ("  --%-16s %s\n", command->args[a].option,
             command->args[a].required ? _("(required)") : _("(optional)"));
  g_print (_("  --server URL        the server (default $EKYC_SERVER_URL or http://127.0.0.1:8080)\n"
             "  --token-file FILE   the operator's token (default $EKYC_ADMIN_TOKEN_FILE)\n"
             "  --json              print the server's JSON\n"));
}

/* --- text output --- */

static void
print_value (JsonNode *node, int indent);

static void
print_scalar (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    g_print ("—");
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    g_print ("%s", json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    g_print ("%s", json_node_get_boolean (node) ? _("yes") : _("no"));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    g_print ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    g_print ("%g", json_node_get_double (node));
}

static void
print_object (JsonObject *object, int indent, gboolean first_dashed)
{
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean first = TRUE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (object, l->data);
      int pad = indent;

      if (first && first_dashed)
        {
          g_print ("%*s- ", indent - 2, "");
          pad = 0;
        }
      else
        g_print ("%*s", pad, "");
      first = FALSE;
      g_print ("%s:", (const char *) l->data);
      if (JSON_NODE_HOLDS_VALUE (member) || JSON_NODE_HOLDS_NULL (member))
        {
          g_print (" ");
          print_scalar (member);
          g_print ("\n");
        }
      else
        {
          g_print ("\n");
          print_value (member, indent + 2);
        }
    }
}

static void
print_value (JsonNode *node, int indent)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    print_object (json_node_get_object (node), indent, FALSE);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) == 0)
        g_print ("%*s%s\n", indent, "", _("(none)"));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            print_object (json_node_get_object (element), indent + 2, TRUE);
          else
            {
              g_print ("%*s- ", indent, "");
              print_scalar (element);
              g_print ("\n");
            }
        }
    }
  else
    {
      g_print ("%*s", indent, "");
      print_scalar (node);
      g_print ("\n");
    }
}

static void
print_bill (JsonObject *bill)
{
  g_autofree char *requests = ekyc_vnd_format (json_object_get_int_member (bill, "requests"));
  g_autofree char *amount = ekyc_vnd_format (json_object_get_int_member (bill, "amount_vnd"));
  JsonArray *lines = json_object_get_array_member (bill, "lines");
  if (json_object_get_null_member (bill, "contract"))
    g_print (_("Bill of %s for %s (no contract covers the month: standard table, %s pricing)\n"),
             json_object_get_string_member (bill, "customer"),
             json_object_get_string_member (bill, "month"),
             json_object_get_string_member (bill, "pricing"));
  else
    g_print (_("Bill of %s for %s (contract %s, %s, %s pricing)\n"),
             json_object_get_string_member (bill, "customer"),
             json_object_get_string_member (bill, "month"),
             json_object_get_string_member (bill, "contract"),
             json_object_get_string_member (bill, "plan"),
             json_object_get_string_member (bill, "pricing"));
  g_print (_("%s billable requests: %s VND\n"), requests, amount);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      g_autofree char *count = ekyc_vnd_format (json_object_get_int_member (line, "requests"));
      g_autofree char *unit = ekyc_vnd_format (json_object_get_int_member (line, "unit_price_vnd"));
      g_autofree char *sum = ekyc_vnd_format (json_object_get_int_member (line, "amount_vnd"));

      if (json_object_get_int_member (line, "tier") == 0)
        g_print (_("  negotiated monthly price: %s VND\n"), sum);
      else
        g_print (_("  tier %u: %s × %s = %s VND\n"),
                 (guint) json_object_get_int_member (line, "tier"), count, unit, sum);
    }
}

/* --- running --- */

static char *
read_token (const char *path, GError **error)
{
  g_autofree char *contents = NULL;

  if (path == NULL)
    {
      g_set_error_literal (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                           _("No operator token: give --token-file FILE or set "
                             "EKYC_ADMIN_TOKEN_FILE."));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  return g_strstrip (g_steal_pointer (&contents));
}

/* Takes @message. */
static int
fail_usage (const AdminCommand *command, char *message_owned)
{
  g_autofree char *message = message_owned;

  g_printerr ("ekyc-admin %s%s%s: %s\n", command->group, command->verb ? " " : "",
              command->verb ? command->verb : "", message);
  g_printerr (_("Run “ekyc-admin %s%s%s --help” for its options.\n"), command->group,
              command->verb ? " " : "", command->verb ? command->verb : "");
  return EKYC_ADMIN_EXIT_USAGE;
}

int
ekyc_admin_run_server_command (int argc, char **argv)
{
  const AdminCommand *command;
  const char *values[MAX_ARGS] = { NULL };
  const char *server = g_getenv ("EKYC_SERVER_URL");
  const char *token_file = g_getenv ("EKYC_ADMIN_TOKEN_FILE");
  g_autoptr(GString) path = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(JsonBuilder) body = json_builder_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL, *auth = NULL, *uri = NULL, *json_text = NULL;
  gboolean json = FALSE;
  guint status;
  int consumed = 0;
  JsonNode *root;

  command = find_command (argc, argv, &consumed);
  if (command == NULL)
    {
      g_printerr (_("ekyc-admin: unknown command “%s%s%s”\n"), argv[0], argc > 1 ? " " : "",
                  argc > 1 ? argv[1] : "");
      return EKYC_ADMIN_EXIT_USAGE;
    }
  for (int i = consumed; i < argc; i++)
    {
      const char *arg = argv[i];
      guint a;

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_command_help (command);
          return EKYC_ADMIN_EXIT_OK;
        }
      if (g_str_equal (arg, "--json"))
        {
          json = TRUE;
          continue;
        }
      if (!g_str_has_prefix (arg, "--"))
        return fail_usage (command, g_strdup_printf (_("Unexpected argument “%s”."), arg));
      if (i + 1 >= argc)
        return fail_usage (command, g_strdup_printf (_("%s needs a value."), arg));
      if (g_str_equal (arg, "--server"))
        {
          server = argv[++i];
          continue;
        }
      if (g_str_equal (arg, "--token-file"))
        {
          token_file = argv[++i];
          continue;
        }
      for (a = 0; a < MAX_ARGS && command->args[a].option != NULL; a++)
        if (g_str_equal (arg + 2, command->args[a].option))
          break;
      if (a == MAX_ARGS || command->args[a].option == NULL)
        return fail_usage (command, g_strdup_printf (_("Unknown option “%s”."), arg));
      values[a] = argv[++i];
    }

  path = g_string_new (command->path);
  json_builder_begin_object (body);
  for (guint a = 0; a < MAX_ARGS && command->args[a].option != NULL; a++)
    {
      const AdminArg *arg = &command->args[a];
      g_autofree char *option = g_strdup_printf ("--%s", arg->option);

      if (values[a] == NULL)
        {
          if (arg->required)
            return fail_usage (command, g_strdup_printf (_("%s is required."), option));
          continue;
        }
      switch (arg->place)
        {
        case IN_BODY:
          json_builder_set_member_name (body, arg->field);
          json_builder_add_string_value (body, values[a]);
          break;
        case IN_BODY_INT:
          {
            guint64 number = 0;

            if (!ekyc_admin_parse_count (option, values[a], &number, &error))
              return ekyc_admin_fail (json, error);
            json_builder_set_member_name (body, arg->field);
            json_builder_add_int_value (body, (gint64) number);
          }
          break;
        case IN_PATH:
          {
            g_autofree char *placeholder = g_strdup_printf ("{%s}", arg->field);
            g_autofree char *escaped = g_uri_escape_string (values[a], NULL, FALSE);
            g_string_replace (path, placeholder, escaped, 1);
          }
          break;
        case IN_QUERY:
          {
            g_autofree char *escaped = g_uri_escape_string (values[a], NULL, FALSE);
            g_string_append_printf (query, "%s%s=%s", query->len ? "&" : "?", arg->field,
                                    escaped);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  json_builder_end_object (body);

  token = read_token (token_file, &error);
  if (token == NULL)
    return ekyc_admin_fail (json, error);
  if (server == NULL)
    server = "http://127.0.0.1:8080";
  uri = g_strdup_printf ("%s%s%s%s", server, g_str_has_suffix (server, "/") ? "" : "",
                         g_str_has_suffix (server, "/") ? path->str + 1 : path->str, query->str);
  message = soup_message_new (command->method, uri);
  if (message == NULL)
    {
      g_set_error (&error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("“%s” is not a server address: give one like http://127.0.0.1:8080."),
                   server);
      return ekyc_admin_fail (json, error);
    }
  auth = g_strdup_printf ("Bearer %s", token);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", auth);
  if (g_str_equal (command->method, "POST"))
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) node = json_builder_get_root (body);
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;

      json_generator_set_root (gen, node);
      json_text = json_generator_to_data (gen, &length);
      bytes = g_bytes_new (json_text, length);
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  /* The operator's server is reached directly: no desktop proxy settings (GSettings). */
  session = soup_session_new_with_options ("timeout", 60, "proxy-resolver", NULL, NULL);
  reply = soup_session_send_and_read (session, message, NULL, &error);
  if (reply == NULL)
    {
      g_autoptr(GError) wrapped = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                               _("Cannot reach the server at %s: %s"), server,
                                               error->message);
      return ekyc_admin_fail (json, wrapped);
    }
  status = soup_message_get_status (message);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   (gssize) g_bytes_get_size (reply), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autoptr(GError) bad = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                           _("The server answered %u without JSON: is %s an "
                                             "ekyc-server?"), status, server);
      return ekyc_admin_fail (json, bad);
    }
  root = json_parser_get_root (parser);
  if (status >= 300)
    {
      JsonObject *object = json_node_get_object (root);
      JsonObject *err = json_object_get_object_member (object, "error");
      const char *text = err ? json_object_get_string_member_with_default (err, "message", "")
                             : "";
      const char *code = err ? json_object_get_string_member_with_default (err, "code", "")
                             : "";

      if (json)
        {
          g_autoptr(JsonGenerator) gen = json_generator_new ();
          g_autofree char *out = NULL;

          json_generator_set_pretty (gen, TRUE);
          json_generator_set_root (gen, root);
          out = json_generator_to_data (gen, NULL);
          g_print ("%s\n", out);
        }
      g_printerr ("ekyc-admin: %s [%s, HTTP %u]\n", text, code, status);
      return EKYC_ADMIN_EXIT_ERROR;
    }
  if (json)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *out = NULL;

      json_generator_set_pretty (gen, TRUE);
      json_generator_set_root (gen, root);
      out = json_generator_to_data (gen, NULL);
      g_print ("%s\n", out);
    }
  else if (g_str_equal (command->group, "bill"))
    print_bill (json_node_get_object (root));
  else
    print_value (root, 0);
  return EKYC_ADMIN_EXIT_OK;
}
