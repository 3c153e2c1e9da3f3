/* ekyc-admin-evidence.c — `ekyc-admin evidence-policy`: read or set whether a customer's evidence
 * images may leave the branch
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Like the other server commands it talks HTTP to ekyc-server with the operator's token
 * (GET/PUT /v1/admin/customers/{id}/evidence-policy). */
#define G_LOG_DOMAIN "ekyc-admin"
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ekyc-admin-private.h"

static void
print_policy (JsonObject *policy)
{
  const char *customer = json_object_get_string_member_with_default (policy, "customer", "");

  if (json_object_get_boolean_member_with_default (policy, "upload", FALSE))
    g_print (_("Customer %s: evidence images are uploaded to the server after their case "
               "syncs.\n"), customer);
  else
    g_print (_("Customer %s: evidence images stay in the branch.\n"), customer);
}

/* Sends @method to @path with @body (or none); the JSON reply's object, or NULL after printing
 * the failure. */
static JsonObject *
call_server (const char *server, const char *token, const char *method, const char *path,
             const char *body, gboolean json, int *exit_code)
{
  g_autofree char *uri = g_strconcat (server, g_str_has_suffix (server, "/") ? path + 1 : path,
                                      NULL);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  guint status;

  *exit_code = EKYC_ADMIN_EXIT_ERROR;
  if (message == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address: give one like http://127.0.0.1:8080."),
                   server);
      ekyc_admin_fail (json, error);
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", auth);
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  session = soup_session_new_with_options ("timeout", 60, "proxy-resolver", NULL, NULL);
  reply = soup_session_send_and_read (session, message, NULL, &error);
  if (reply == NULL)
    {
      g_autoptr(GError) wrapped = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                               _("Cannot reach the server at %s: %s"), server,
                                               error->message);
      ekyc_admin_fail (json, wrapped);
      return NULL;
    }
  status = soup_message_get_status (message);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   (gssize) g_bytes_get_size (reply), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autoptr(GError) bad = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                           _("The server answered %u without JSON: is %s an "
                                             "ekyc-server?"), status, server);
      ekyc_admin_fail (json, bad);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if (status >= 300)
    {
      JsonObject *err = json_object_get_object_member (object, "error");

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "error");
          json_builder_add_value (builder, json_node_copy (json_object_get_member (object,
                                                                                    "error")));
          json_builder_end_object (builder);
          ekyc_admin_print_json (builder);
        }
      g_printerr ("ekyc-admin: %s [%s, HTTP %u]\n",
                  err ? json_object_get_string_member_with_default (err, "message", "") : "",
                  err ? json_object_get_string_member_with_default (err, "code", "") : "",
                  status);
      return NULL;
    }
  *exit_code = EKYC_ADMIN_EXIT_OK;
  return json_object_ref (object);
}

int
ekyc_admin_evidence_policy (int argc, char **argv)
{
  g_autofree char *customer = NULL;
  g_autofree char *upload_text = NULL;
  g_autofree char *server = g_strdup (g_getenv ("EKYC_SERVER_URL"));
  g_autofree char *token_file = g_strdup (g_getenv ("EKYC_ADMIN_TOKEN_FILE"));
  g_autofree char *token = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) policy = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The customer"), "ID" },
    { "upload", 0, 0, G_OPTION_ARG_STRING, &upload_text,
      N_("on: upload evidence images after their case syncs; off: keep them in the branch"),
      "on|off" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The server (default $EKYC_SERVER_URL or http://127.0.0.1:8080)"), "URL" },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("The operator's token (default $EKYC_ADMIN_TOKEN_FILE)"), "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the server's JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  int exit_code = EKYC_ADMIN_EXIT_OK;

  g_option_context_set_summary (context, _("Shows or sets whether a customer's evidence images "
                                           "(card photos, portrait, selfie) are uploaded to the "
                                           "server or stay in the branch (the default)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekyc_admin_usage_error ("evidence-policy", error);
  if (customer == NULL || *customer == '\0')
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--customer ID is required."));
      return ekyc_admin_usage_error ("evidence-policy", error);
    }
  if (argc > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                   _("Unexpected argument “%s”."), argv[1]);
      return ekyc_admin_usage_error ("evidence-policy", error);
    }
  if (upload_text && !g_str_equal (upload_text, "on") && !g_str_equal (upload_text, "off"))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--upload takes on or off, not “%s”."), upload_text);
      return ekyc_admin_usage_error ("evidence-policy", error);
    }
  if (token_file == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No operator token: give --token-file FILE or set "
                             "EKYC_ADMIN_TOKEN_FILE."));
      return ekyc_admin_fail (json, error);
    }
  if (!g_file_get_contents (token_file, &token, NULL, &error))
    return ekyc_admin_fail (json, error);
  g_strstrip (token);

  escaped = g_uri_escape_string (customer, NULL, FALSE);
  path = g_strdup_printf ("/v1/admin/customers/%s/evidence-policy", escaped);
  policy = call_server (server ? server : "http://127.0.0.1:8080", token,
                        upload_text ? "PUT" : "GET", path,
                        upload_text ? (g_str_equal (upload_text, "on") ? "{\"upload\": true}"
                                                                        : "{\"upload\": false}")
                                    : NULL,
                        json, &exit_code);
  if (policy == NULL)
    return exit_code;
  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), policy);
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    print_policy (policy);
  return EKYC_ADMIN_EXIT_OK;
}
