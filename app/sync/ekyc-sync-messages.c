/* ekyc-sync-messages.c — the server's error codes in the user's language
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-sync"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ekyc-sync-messages.h"

typedef struct {
  const char *code;
  const char *message;
} CodeMessage;

static const CodeMessage code_messages[] = {
  { "no_token", N_("This device is not enrolled with the server. A supervisor enrols it in "
                   "Preferences with a code from the operator.") },
  { "unknown_token", N_("The server does not know this device. A supervisor enrols it again in "
                        "Preferences with a new code from the operator.") },
  { "revoked_token", N_("The operator revoked this device’s access. A supervisor enrols it again "
                        "in Preferences with a new code; saved cases wait on this computer.") },
  { "bad_code", N_("The enrolment code is unknown, already used or expired. Ask the operator for "
                   "a new one (technical support: 0896 151 617).") },
  { "wrong_customer", N_("This device belongs to another customer: the server refused the "
                         "items. Call technical support: 0896 151 617.") },
  { "foreign_id", N_("A case of this branch has an id the server holds for another customer; it "
                     "was set aside. Call technical support: 0896 151 617.") },
  { "body_too_large", N_("The server refused a sync that was too large; its items were set "
                         "aside.") },
  { "batch_too_large", N_("The server refused a sync that was too large; its items were set "
                          "aside.") },
  { "result_too_large", N_("A case result was too large for the server and was set aside.") },
  { "storage_unavailable", N_("The server cannot store data right now; the app will try again "
                              "later.") },
  { "unknown_customer", N_("The server does not know this device’s customer. Call technical "
                           "support: 0896 151 617.") },
  { "invalid_transition", N_("The ticket cannot change to that state now.") },
  /* Evidence uploads (docs/api.md, "Evidence"). */
  { "evidence_policy_off", N_("The customer’s policy keeps evidence images in the branch: they "
                              "were not sent and stay on this computer.") },
  { "unknown_case", N_("The server does not hold this case for this customer, so its images were "
                       "not sent; they stay on this computer. Call technical support: "
                       "0896 151 617.") },
  { "evidence_conflict", N_("The server already holds a different image for this case; the "
                            "image on this computer was kept and not sent. Call technical "
                            "support: 0896 151 617.") },
  { "evidence_too_large", N_("An evidence image is larger than the server accepts (2 MiB); it "
                             "stays on this computer.") },
  { "not_an_image", N_("An evidence image is damaged (not a JPEG picture) and was not sent; it "
                       "stays on this computer.") },
  { "bad_kind", N_("The server does not take this kind of evidence image; it stays on this "
                   "computer. Update the app.") },
  { "content_type", N_("The server did not accept the format this app sent. Update the app or "
                       "call technical support: 0896 151 617.") },
  { "unknown_evidence", N_("The server holds no such evidence image.") },
  /* What the app sent could not be read: a fault of the app, not of the user. */
  { "bad_uuid", N_("The app sent an item with a malformed id; it was set aside. Call technical "
                   "support: 0896 151 617.") },
  { "malformed_json", N_("The server could not read what this app sent. Update the app or call "
                         "technical support: 0896 151 617.") },
  { "wrong_type", N_("The server could not read what this app sent. Update the app or call "
                     "technical support: 0896 151 617.") },
  { "missing_field", N_("The app left out something the server needs. Update the app or call "
                        "technical support: 0896 151 617.") },
  { "out_of_range", N_("The app sent a value the server does not accept (check this "
                       "computer’s date and time). The items were set aside.") },
  { "invalid_input", N_("The server did not accept what was entered; check it and try again.") },
  { "conflict", N_("That is already on the server (the same identifier is in use).") },
  { "not_found", N_("The server does not have what the app asked for; it may be out of date. "
                    "Update the app.") },
  { "method_not_allowed", N_("The server does not take this request; update the app.") },
  { "internal", N_("The server failed to answer; the app will try again later.") },
};

/* Codes only the operator's routes answer: the app never receives them (tests check that every
 * code of the server is in one list or the other). */
static const char *const operator_codes[] = {
  "admin_disabled", "bad_admin_token", "exists", "unknown_device", NULL,
};

gboolean
ekyc_sync_error_code_is_known (const char *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (code_messages); i++)
    if (g_str_equal (code, code_messages[i].code))
      return TRUE;
  return g_strv_contains (operator_codes, code);
}

char *
ekyc_sync_describe_error_code (const char *code, const char *server_message, guint status)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (code_messages); i++)
    if (g_str_equal (code, code_messages[i].code))
      return g_strdup (_(code_messages[i].message));
  if (server_message != NULL && *server_message != '\0')
    return g_strdup_printf (_("The server refused the request: %s"), server_message);
  if (status >= 500)
    return g_strdup_printf (_("The server failed (HTTP %u); the app will try again later."),
                            status);
  return g_strdup_printf (_("The server answered HTTP %u."), status);
}

char *
ekyc_sync_describe_error_reply (const char *body, gsize length, guint status)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *error = NULL;

  if (body != NULL && json_parser_load_from_data (parser, body, length, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root)
      && json_object_has_member (json_node_get_object (root), "error"))
    {
      JsonNode *node = json_object_get_member (json_node_get_object (root), "error");
      if (JSON_NODE_HOLDS_OBJECT (node))
        error = json_node_get_object (node);
    }
  return ekyc_sync_describe_error_code (
    error ? json_object_get_string_member_with_default (error, "code", NULL) : NULL,
    error ? json_object_get_string_member_with_default (error, "message", NULL) : NULL, status);
}
