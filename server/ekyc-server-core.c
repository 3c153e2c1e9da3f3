/* ekyc-server-core.c — customers and the contract state answered to devices
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ekyc-server-core.h"

#define RENEWAL_NOTICE_SECONDS (30 * 24 * 3600)

static gboolean default_lookup (EkycStorage *storage, const char *customer_id, gint64 now,
                                EkycContractState *out, GError **error);

static EkycContractLookup contract_lookup = default_lookup;

void
ekyc_core_register_migrations (void)
{
  ekyc_storage_register_migration ("core", 1,
    "CREATE TABLE IF NOT EXISTS customers ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL DEFAULT '',"
    " created_at BIGINT NOT NULL DEFAULT 0,"
    " contract_status TEXT NOT NULL DEFAULT 'none',"
    " contract_ends_at BIGINT)", NULL);
}

void
ekyc_contract_set_lookup (EkycContractLookup lookup)
{
  contract_lookup = lookup ? lookup : default_lookup;
}

static gboolean
default_lookup (EkycStorage *storage, const char *customer_id, gint64 now,
                EkycContractState *out, GError **error)
{
  g_autoptr(EkycStorageRows) rows =
    ekyc_storage_query (storage, "SELECT contract_status, contract_ends_at FROM customers "
                        "WHERE id = ?", EKYC_SQL_PARAMS (customer_id), error);
  const char *status;

  if (rows == NULL)
    return FALSE;
  if (ekyc_storage_rows_get_count (rows) == 0)
    {
      out->status = g_strdup ("none");
      out->blocks_new_verifications = TRUE;
      return TRUE;
    }
  status = ekyc_storage_rows_get (rows, 0, 0);
  out->ends_at = ekyc_storage_rows_get_int (rows, 0, 1, 0);
  if ((g_strcmp0 (status, "active") == 0 || g_strcmp0 (status, "expiring") == 0) &&
      out->ends_at > 0)
    {
      if (now >= out->ends_at)
        status = "expired";
      else if (out->ends_at - now <= RENEWAL_NOTICE_SECONDS)
        status = "expiring";
    }
  out->status = g_strdup (status);
  out->renewal_notice = g_str_equal (status, "expiring");
  out->blocks_new_verifications = !g_str_equal (status, "active") &&
                                  !g_str_equal (status, "expiring");
  return TRUE;
}

gboolean
ekyc_contract_lookup (EkycStorage *storage, const char *customer_id, gint64 now,
                      EkycContractState *out, GError **error)
{
  g_return_val_if_fail (storage != NULL && customer_id != NULL && out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  return contract_lookup (storage, customer_id, now, out, error);
}

void
ekyc_contract_state_clear (EkycContractState *state)
{
  if (state)
    g_clear_pointer (&state->status, g_free);
}

static const char *
contract_message (const EkycContractState *state)
{
  if (g_strcmp0 (state->status, "expiring") == 0)
    return _("The contract ends within a month: ask your contracting unit to renew it.");
  if (g_strcmp0 (state->status, "expired") == 0)
    return _("The contract has expired: new verifications are blocked until it is renewed. "
             "Cases already captured still sync.");
  if (g_strcmp0 (state->status, "cancelled") == 0)
    return _("The contract was cancelled: new verifications are blocked. Cases already "
             "captured still sync.");
  if (g_strcmp0 (state->status, "declared") == 0)
    return _("The contract is declared but not active yet: verifications start once the "
             "operator activates it.");
  if (g_strcmp0 (state->status, "active") == 0)
    return _("The contract is active.");
  return _("No contract is on record for this customer: new verifications are blocked.");
}

JsonNode *
ekyc_contract_state_to_json (const EkycContractState *state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (state != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, state->status ? state->status : "none");
  json_builder_set_member_name (builder, "ends_at");
  if (state->ends_at > 0)
    json_builder_add_int_value (builder, state->ends_at);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "renewal_notice");
  json_builder_add_boolean_value (builder, state->renewal_notice);
  json_builder_set_member_name (builder, "blocks_new_verifications");
  json_builder_add_boolean_value (builder, state->blocks_new_verifications);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, contract_message (state));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
