/* ekyc-store-retention.c — purging old evidence and exporting cases
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ekyc-store-cases-private.h"
#include "ekyc-store-thread.h"

int
ekyc_store_purge_expired (EkycStore     *self,
                          GDateTime     *now,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GDateTime) clock_now = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gint64 cutoff;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;
  static const char * const purge_sql[] = {
    "DELETE FROM evidence WHERE case_id = ?1",
    "DELETE FROM case_fields WHERE case_id = ?1 AND name IN ('id-number', 'old-id-number')",
    "DELETE FROM case_edits WHERE case_id = ?1 AND field IN ('id-number', 'old-id-number')",
    "UPDATE cases SET id_number_hash = NULL, evidence_purged_at = ?2 WHERE id = ?1",
  };

  g_return_val_if_fail (EKYC_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (now == NULL)
    now = clock_now = g_date_time_new_now_utc ();
  cutoff = _ekyc_store_datetime_to_usec (now)
           - (gint64) ekyc_store_get_retention_days (self) * G_TIME_SPAN_DAY;

  g_rec_mutex_lock (&self->lock);
  if (!_ekyc_store_begin (self, error))
    goto out;
  stmt = _ekyc_store_prepare (self,
                              "SELECT id FROM cases WHERE created_at < ?1"
                              " AND evidence_purged_at IS NULL", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, cutoff);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, rc, error);
      goto out;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      for (gsize s = 0; s < G_N_ELEMENTS (purge_sql); s++)
        {
          stmt = _ekyc_store_prepare (self, purge_sql[s], error);
          if (stmt == NULL)
            goto out;
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
          if (sqlite3_bind_parameter_count (stmt) >= 2)
            sqlite3_bind_int64 (stmt, 2, _ekyc_store_datetime_to_usec (now));
          if (!_ekyc_store_step_done (self, stmt, error))
            goto out;
          g_clear_pointer (&stmt, sqlite3_finalize);
        }
      if (!_ekyc_store_audit_append (self, "system", "evidence-purged", id, NULL, error))
        goto out;
    }
  ok = _ekyc_store_commit (self, error);
  /* Deleted pages are zeroed (secure_delete); the checkpoint also clears them from the WAL. */
  if (ok)
    sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  if (!ok)
    _ekyc_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);
  if (!ok)
    return -1;
  for (guint i = 0; i < ids->len; i++)
    _ekyc_store_emit_case_changed (self, g_ptr_array_index (ids, i));
  return (int) ids->len;
}

typedef struct {
  GDateTime *now;
} PurgeArgs;

static void
purge_args_free (PurgeArgs *args)
{
  g_clear_pointer (&args->now, g_date_time_unref);
  g_free (args);
}

static gpointer
purge_in_thread (EkycStore *self, gpointer data, GCancellable *cancellable, GError **error)
{
  PurgeArgs *args = data;
  int count = ekyc_store_purge_expired (self, args->now, cancellable, error);

  return count < 0 ? NULL : GINT_TO_POINTER (count + 1);
}

void
ekyc_store_purge_expired_async (EkycStore           *self,
                                GDateTime           *now,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  PurgeArgs *args;

  g_return_if_fail (EKYC_IS_STORE (self));

  args = g_new0 (PurgeArgs, 1);
  args->now = now ? g_date_time_ref (now) : NULL;
  _ekyc_store_run_in_thread (self, ekyc_store_purge_expired_async, purge_in_thread, args,
                             (GDestroyNotify) purge_args_free, NULL, cancellable, callback,
                             user_data);
}

int
ekyc_store_purge_expired_finish (EkycStore *self, GAsyncResult *result, GError **error)
{
  gpointer count = _ekyc_store_run_finish (self, result, ekyc_store_purge_expired_async, error);

  return count == NULL ? -1 : GPOINTER_TO_INT (count) - 1;
}

static void
add_string_member (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_case (JsonBuilder *b, EkycCase *kase)
{
  g_auto(GStrv) names = ekyc_case_dup_field_names (kase);
  g_autofree char *created = g_date_time_format_iso8601 (ekyc_case_get_created_at (kase));
  GPtrArray *checks = ekyc_case_get_checks (kase);
  const char * const *reasons = ekyc_case_get_reasons (kase);

  json_builder_begin_object (b);
  add_string_member (b, "id", ekyc_case_get_id (kase));
  add_string_member (b, "created-at", created);
  add_string_member (b, "teller", ekyc_case_get_teller (kase));
  json_builder_set_member_name (b, "fields");
  json_builder_begin_object (b);
  for (guint i = 0; names[i] != NULL; i++)
    add_string_member (b, names[i], ekyc_case_get_field (kase, names[i]));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "similarity");
  if (ekyc_case_get_has_similarity (kase))
    json_builder_add_double_value (b, ekyc_case_get_similarity (kase));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "passive-liveness");
  if (ekyc_case_get_has_passive_liveness (kase))
    json_builder_add_double_value (b, ekyc_case_get_passive_liveness (kase));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_object (b);
  for (guint i = 0; i < checks->len; i++)
    {
      EkycCaseCheck *check = g_ptr_array_index (checks, i);
      add_string_member (b, check->name,
                         ekyc_enum_to_string (EKYC_TYPE_CHECK_OUTCOME, check->outcome));
    }
  json_builder_end_object (b);
  add_string_member (b, "decision",
                     ekyc_enum_to_string (EKYC_TYPE_DECISION, ekyc_case_get_decision (kase)));
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; reasons[i] != NULL; i++)
    json_builder_add_string_value (b, reasons[i]);
  json_builder_end_array (b);
  add_string_member (b, "review-state",
                     ekyc_enum_to_string (EKYC_TYPE_REVIEW_STATE,
                                          ekyc_case_get_review_state (kase)));
  add_string_member (b, "reviewer", ekyc_case_get_reviewer (kase));
  add_string_member (b, "review-note", ekyc_case_get_review_note (kase));
  json_builder_end_object (b);
}

gboolean
ekyc_store_export_cases (EkycStore           *self,
                         EkycSession         *session,
                         const EkycCaseQuery *query,
                         GFile               *destination,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_ekyc_store_check_session (self, session, TRUE, error))
    return FALSE;
  g_rec_mutex_lock (&self->lock);
  cases = _ekyc_store_query_locked (self, query, cancellable, error);
  g_rec_mutex_unlock (&self->lock);
  if (cases == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(EkycCase) kase = g_list_model_get_item (cases, i);
      add_case (builder, kase);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);

  if (!g_file_replace_contents (destination, json, strlen (json), NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &local_error))
    {
      g_set_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_IO,
                   _("Could not write the export: %s"), local_error->message);
      return FALSE;
    }

  detail = g_strdup_printf ("%u cases", g_list_model_get_n_items (cases));
  g_rec_mutex_lock (&self->lock);
  ok = _ekyc_store_begin (self, error)
       && _ekyc_store_audit_append (self, ekyc_session_get_username (session), "cases-exported",
                                    NULL, detail, error)
       && _ekyc_store_commit (self, error);
  if (!ok)
    _ekyc_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

typedef struct {
  EkycSession   *session;
  EkycCaseQuery *query;
  GFile         *destination;
} ExportArgs;

static void
export_args_free (ExportArgs *args)
{
  g_clear_object (&args->session);
  g_clear_pointer (&args->query, ekyc_case_query_free);
  g_clear_object (&args->destination);
  g_free (args);
}

static gpointer
export_in_thread (EkycStore *self, gpointer data, GCancellable *cancellable, GError **error)
{
  ExportArgs *args = data;

  return GINT_TO_POINTER (ekyc_store_export_cases (self, args->session, args->query,
                                                   args->destination, cancellable, error));
}

void
ekyc_store_export_cases_async (EkycStore           *self,
                               EkycSession         *session,
                               const EkycCaseQuery *query,
                               GFile               *destination,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ExportArgs *args;

  g_return_if_fail (EKYC_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (destination));

  args = g_new0 (ExportArgs, 1);
  args->session = session ? g_object_ref (session) : NULL;
  args->query = query ? ekyc_case_query_copy (query) : NULL;
  args->destination = g_object_ref (destination);
  _ekyc_store_run_in_thread (self, ekyc_store_export_cases_async, export_in_thread, args,
                             (GDestroyNotify) export_args_free, NULL, cancellable, callback,
                             user_data);
}

gboolean
ekyc_store_export_cases_finish (EkycStore *self, GAsyncResult *result, GError **error)
{
  return GPOINTER_TO_INT (_ekyc_store_run_finish (self, result, ekyc_store_export_cases_async,
                                                  error));
}
