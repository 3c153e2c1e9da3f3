/* ekyc-sync-queue.c — the outbox table itself, for writers that own the sqlite connection
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-sync"
#include "config.h"

#include <gio/gio.h>

#include "ekyc-sync-queue.h"

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS sync_outbox ("
  " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  " kind TEXT NOT NULL CHECK (kind IN ('case', 'event')),"
  " item_id TEXT NOT NULL,"
  " body TEXT NOT NULL,"
  " created_at INTEGER NOT NULL,"
  " rejected TEXT,"
  " UNIQUE (kind, item_id));"
  "CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT);"
  /* Evidence uploads (ekyc-sync-evidence.c): a case acknowledged by the server waits here for
   * its images to go out, when the customer's policy asks for them. */
  "CREATE TABLE IF NOT EXISTS sync_evidence_cases ("
  " case_id TEXT PRIMARY KEY,"
  " synced_at INTEGER NOT NULL,"
  " state TEXT NOT NULL DEFAULT 'pending'"
  "  CHECK (state IN ('pending', 'uploaded', 'kept', 'purged', 'gone', 'refused')),"
  " detail TEXT,"
  " done_at INTEGER);"
  "CREATE TABLE IF NOT EXISTS sync_evidence_uploads ("
  " case_id TEXT NOT NULL,"
  " kind TEXT NOT NULL,"
  " sha256 TEXT NOT NULL,"
  " size INTEGER NOT NULL,"
  " outcome TEXT NOT NULL,"
  " uploaded_at INTEGER NOT NULL,"
  " PRIMARY KEY (case_id, kind));"
  "CREATE TRIGGER IF NOT EXISTS sync_outbox_case_evidence AFTER DELETE ON sync_outbox"
  " WHEN old.kind = 'case' AND old.rejected IS NULL"
  " BEGIN INSERT OR IGNORE INTO sync_evidence_cases (case_id, synced_at)"
  " VALUES (old.item_id, CAST (strftime ('%s', 'now') AS INTEGER)); END;";

gboolean
ekyc_sync_queue_create_schema (sqlite3 *db, GError **error)
{
  char *message = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (sqlite3_exec (db, schema, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sync outbox: %s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_item (sqlite3 *db, const char *kind, const char *item_id, const char *body,
             GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  ok = sqlite3_prepare_v2 (db, "INSERT INTO sync_outbox (kind, item_id, body, created_at) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT (kind, item_id) DO NOTHING", -1,
                           &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sync outbox: cannot queue an item: %s",
                 sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return ok;
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
ekyc_sync_queue_case (sqlite3 *db, const char *case_id, gint64 captured_at,
                      const char *decision, gint64 decided_at, JsonObject *result,
                      GError **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *body = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (g_uuid_string_is_valid (case_id), FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, case_id);
  json_builder_set_member_name (builder, "captured_at");
  json_builder_add_int_value (builder, captured_at);
  if (decision)
    {
      json_builder_set_member_name (builder, "decision");
      json_builder_add_string_value (builder, decision);
      json_builder_set_member_name (builder, "decided_at");
      json_builder_add_int_value (builder, decided_at);
    }
  if (result)
    {
      JsonNode *node = json_node_init_object (json_node_alloc (), result);
      json_builder_set_member_name (builder, "result");
      json_builder_add_value (builder, node);
    }
  json_builder_end_object (builder);
  body = builder_to_string (builder);
  return insert_item (db, "case", case_id, body, error);
}

gboolean
ekyc_sync_queue_event (sqlite3 *db, const char *event_id, const char *kind,
                       const char *case_id, gint64 at, GError **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *new_id = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (case_id == NULL || g_uuid_string_is_valid (case_id), FALSE);

  if (event_id == NULL)
    event_id = new_id = g_uuid_string_random ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, event_id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  if (case_id)
    {
      json_builder_set_member_name (builder, "case");
      json_builder_add_string_value (builder, case_id);
    }
  json_builder_set_member_name (builder, "at");
  json_builder_add_int_value (builder, at);
  json_builder_end_object (builder);
  body = builder_to_string (builder);
  return insert_item (db, "event", event_id, body, error);
}
