/* ekyc-store-sync.c — saved cases enter the sync outbox in the transaction that saves them
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The outbox (app/sync) lives in the store's database file. A new case with a decision queues
 * its result (scores and reason codes, never images or personal data) and one "decided" usage
 * event — the billable request — inside the save transaction: a save that rolls back queues
 * nothing, and saving the case again queues nothing more. Triggers keep cases.sync_state true
 * to the outbox: acknowledged (row deleted) → synced, refused for good → failed.
 */
#define G_LOG_DOMAIN "ekyc-store"
#include "config.h"

#include "ekyc-store-private.h"
#include "ekyc-sync-queue.h"

static const char triggers[] =
  "CREATE TRIGGER IF NOT EXISTS sync_outbox_case_sent AFTER DELETE ON sync_outbox"
  " WHEN old.kind = 'case' AND old.rejected IS NULL"
  " BEGIN UPDATE cases SET sync_state = 'synced' WHERE id = old.item_id; END;"
  "CREATE TRIGGER IF NOT EXISTS sync_outbox_case_refused AFTER UPDATE OF rejected ON sync_outbox"
  " WHEN new.kind = 'case' AND new.rejected IS NOT NULL"
  " BEGIN UPDATE cases SET sync_state = 'failed' WHERE id = new.item_id; END;";

gboolean
_ekyc_store_sync_prepare (EkycStore *self, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!ekyc_sync_queue_create_schema (self->db, &local))
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return _ekyc_store_exec (self, triggers, error);
}

gboolean
_ekyc_store_sync_queue_case (EkycStore   *self,
                             const char  *case_id,
                             gint64       created_at_usec,
                             const char  *decision,
                             gboolean     has_similarity,
                             double       similarity,
                             gboolean     has_liveness,
                             double       liveness,
                             const char  *reasons,
                             GError     **error)
{
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(JsonArray) codes = json_array_new ();
  g_auto(GStrv) lines = g_strsplit (reasons ? reasons : "", "\n", -1);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 captured_at = MIN (created_at_usec / G_USEC_PER_SEC, now);
  g_autoptr(GError) local = NULL;
  gboolean decided = decision != NULL && g_strcmp0 (decision, "none") != 0;

  if (has_similarity)
    json_object_set_double_member (result, "face_similarity", similarity);
  if (has_liveness)
    json_object_set_double_member (result, "passive_liveness", liveness);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      json_array_add_string_element (codes, lines[i]);
  json_object_set_array_member (result, "reasons", g_steal_pointer (&codes));

  if (!ekyc_sync_queue_case (self->db, case_id, captured_at, decided ? decision : NULL, now,
                             result, &local)
      || (decided && !ekyc_sync_queue_event (self->db, NULL, "decided", case_id, now, &local)))
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}
