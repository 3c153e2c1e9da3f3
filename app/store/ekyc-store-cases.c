/* ekyc-store-cases.c — saving, loading and reviewing cases, each in one transaction
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ekyc-case-private.h"
#include "ekyc-store-cases-private.h"
#include "ekyc-store-thread.h"

typedef struct {
  char            *name;
  char            *value;
  EkycFieldSource  source;
  char            *original;
  EkycFieldSource  original_source;
} SnapField;

/* Everything of a case the save needs, copied on the caller's thread. */
typedef struct {
  char          *id;
  gint64         created_at;
  char          *teller;
  char          *full_name;
  char          *id_number;
  GPtrArray     *fields;  /* SnapField */
  GPtrArray     *edits;   /* EkycFieldEdit */
  GPtrArray     *checks;  /* EkycCaseCheck */
  char          *evidence_mime[EKYC_N_EVIDENCE_KINDS];
  GBytes        *evidence[EKYC_N_EVIDENCE_KINDS];
  gboolean       has_similarity;
  double         similarity;
  gboolean       has_passive_liveness;
  double         passive_liveness;
  EkycDecision   decision;
  char          *reasons;  /* one code per line */
} CaseSnapshot;

static void
snap_field_free (SnapField *field)
{
  g_free (field->name);
  g_free (field->value);
  g_free (field->original);
  g_free (field);
}

static void
case_snapshot_free (CaseSnapshot *snap)
{
  g_free (snap->id);
  g_free (snap->teller);
  g_free (snap->full_name);
  g_free (snap->id_number);
  g_ptr_array_unref (snap->fields);
  g_ptr_array_unref (snap->edits);
  g_ptr_array_unref (snap->checks);
  for (guint i = 0; i < EKYC_N_EVIDENCE_KINDS; i++)
    {
      g_free (snap->evidence_mime[i]);
      g_clear_pointer (&snap->evidence[i], g_bytes_unref);
    }
  g_free (snap->reasons);
  g_free (snap);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaseSnapshot, case_snapshot_free)

static CaseSnapshot *
case_snapshot_new (EkycCase *kase)
{
  CaseSnapshot *snap = g_new0 (CaseSnapshot, 1);
  GPtrArray *edits = ekyc_case_get_edits (kase);
  GPtrArray *checks = ekyc_case_get_checks (kase);
  const char *name, *value, *original;
  EkycFieldSource source, original_source;

  snap->id = g_strdup (ekyc_case_get_id (kase));
  snap->created_at = _ekyc_store_datetime_to_usec (ekyc_case_get_created_at (kase));
  snap->teller = g_strdup (ekyc_case_get_teller (kase));
  snap->full_name = g_strdup (ekyc_case_get_full_name (kase));
  snap->id_number = g_strdup (ekyc_case_get_id_number (kase));
  snap->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) snap_field_free);
  for (guint i = 0; _ekyc_case_get_field_info (kase, i, &name, &value, &source, &original,
                                               &original_source); i++)
    {
      SnapField *field = g_new0 (SnapField, 1);
      field->name = g_strdup (name);
      field->value = g_strdup (value);
      field->source = source;
      field->original = g_strdup (original);
      field->original_source = original_source;
      g_ptr_array_add (snap->fields, field);
    }
  snap->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_field_edit_free);
  for (guint i = 0; i < edits->len; i++)
    g_ptr_array_add (snap->edits, ekyc_field_edit_copy (g_ptr_array_index (edits, i)));
  snap->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_case_check_free);
  for (guint i = 0; i < checks->len; i++)
    g_ptr_array_add (snap->checks, ekyc_case_check_copy (g_ptr_array_index (checks, i)));
  for (guint i = 0; i < EKYC_N_EVIDENCE_KINDS; i++)
    {
      const char *mime = NULL;
      GBytes *data = ekyc_case_get_evidence (kase, i, &mime);
      if (data != NULL)
        {
          snap->evidence[i] = g_bytes_ref (data);
          snap->evidence_mime[i] = g_strdup (mime);
        }
    }
  snap->has_similarity = ekyc_case_get_has_similarity (kase);
  snap->similarity = ekyc_case_get_similarity (kase);
  snap->has_passive_liveness = ekyc_case_get_has_passive_liveness (kase);
  snap->passive_liveness = ekyc_case_get_passive_liveness (kase);
  snap->decision = ekyc_case_get_decision (kase);
  snap->reasons = g_strjoinv ("\n", (char **) ekyc_case_get_reasons (kase));
  return snap;
}

static void
bind_sealed_text (EkycStore *self, sqlite3_stmt *stmt, int column, const char *text)
{
  g_autoptr(GBytes) sealed = NULL;
  gsize length;
  gconstpointer data;

  if (text == NULL)
    {
      sqlite3_bind_null (stmt, column);
      return;
    }
  sealed = _ekyc_store_key_seal (self->key, (const guint8 *) text, strlen (text));
  data = g_bytes_get_data (sealed, &length);
  sqlite3_bind_blob (stmt, column, data, (int) length, SQLITE_TRANSIENT);
}

/* (transfer full) (nullable): the text sealed in @column, or NULL when the column is NULL. */
static char *
column_sealed_text (EkycStore *self, sqlite3_stmt *stmt, int column, GError **error)
{
  g_autoptr(GBytes) opened = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  opened = _ekyc_store_key_open (self->key, sqlite3_column_blob (stmt, column),
                                 sqlite3_column_bytes (stmt, column), error);
  if (opened == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened));
}

static const char *
nick (GType type, int value)
{
  return ekyc_enum_to_string (type, value);
}

static int
from_nick (GType type, const char *text, int fallback)
{
  int value = fallback;

  ekyc_enum_from_string (type, text, &value);
  return value;
}

static void
run_hook (EkycStore *self, const char *step)
{
  if (self->save_hook != NULL)
    self->save_hook (step, self->save_hook_data);
}

#define STEP(expr) G_STMT_START { if (!(expr)) goto out; } G_STMT_END

static gboolean
write_case (EkycStore *self, const char *actor, CaseSnapshot *snap, GError **error)
{
  EkycReviewState review_state = EKYC_REVIEW_STATE_NONE;
  g_autofree char *detail = NULL;
  guint8 id_hash[EKYC_STORE_HASH_BYTES];
  g_autofree char *folded = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean existed = FALSE;
  gboolean ok = FALSE;
  int rc;

  STEP (_ekyc_store_begin (self, error));
  run_hook (self, "begin");

  STEP (stmt = _ekyc_store_prepare (self, "SELECT review_state FROM cases WHERE id = ?1", error));
  sqlite3_bind_text (stmt, 1, snap->id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      existed = TRUE;
      review_state = from_nick (EKYC_TYPE_REVIEW_STATE,
                                (const char *) sqlite3_column_text (stmt, 0),
                                EKYC_REVIEW_STATE_NONE);
    }
  else if (rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* A finished review stays; otherwise the decision says whether one is needed. */
  if (review_state == EKYC_REVIEW_STATE_NONE || review_state == EKYC_REVIEW_STATE_PENDING)
    review_state = snap->decision == EKYC_DECISION_REVIEW ? EKYC_REVIEW_STATE_PENDING
                                                          : EKYC_REVIEW_STATE_NONE;

  STEP (stmt = _ekyc_store_prepare (self,
    "INSERT INTO cases (id, created_at, updated_at, teller, full_name, name_folded,"
    " id_number_hash, similarity, passive_liveness, decision, reasons, review_state,"
    " sync_state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'pending')"
    " ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at,"
    " full_name = excluded.full_name, name_folded = excluded.name_folded,"
    " id_number_hash = excluded.id_number_hash, similarity = excluded.similarity,"
    " passive_liveness = excluded.passive_liveness, decision = excluded.decision,"
    " reasons = excluded.reasons, review_state = excluded.review_state", error));
  folded = _ekyc_store_fold_name (snap->full_name);
  sqlite3_bind_text (stmt, 1, snap->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, snap->created_at);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  sqlite3_bind_text (stmt, 4, snap->teller, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, snap->full_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, folded, -1, SQLITE_STATIC);
  if (snap->id_number != NULL && *snap->id_number != '\0')
    {
      _ekyc_store_key_hash_id (self->key, snap->id_number, id_hash);
      sqlite3_bind_blob (stmt, 7, id_hash, sizeof id_hash, SQLITE_STATIC);
    }
  if (snap->has_similarity)
    sqlite3_bind_double (stmt, 8, snap->similarity);
  if (snap->has_passive_liveness)
    sqlite3_bind_double (stmt, 9, snap->passive_liveness);
  sqlite3_bind_text (stmt, 10, nick (EKYC_TYPE_DECISION, snap->decision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, snap->reasons, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, nick (EKYC_TYPE_REVIEW_STATE, review_state), -1, SQLITE_STATIC);
  STEP (_ekyc_store_step_done (self, stmt, error));
  g_clear_pointer (&stmt, sqlite3_finalize);
  run_hook (self, "case");

  STEP (stmt = _ekyc_store_prepare (self,
    "DELETE FROM case_fields WHERE case_id = ?1;", error));
  sqlite3_bind_text (stmt, 1, snap->id, -1, SQLITE_STATIC);
  STEP (_ekyc_store_step_done (self, stmt, error));
  g_clear_pointer (&stmt, sqlite3_finalize);
  STEP (stmt = _ekyc_store_prepare (self,
    "INSERT INTO case_fields (case_id, position, name, value, source, original,"
    " original_source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error));
  for (guint i = 0; i < snap->fields->len; i++)
    {
      SnapField *field = g_ptr_array_index (snap->fields, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, snap->id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, field->name, -1, SQLITE_STATIC);
      bind_sealed_text (self, stmt, 4, field->value);
      sqlite3_bind_text (stmt, 5, nick (EKYC_TYPE_FIELD_SOURCE, field->source), -1,
                         SQLITE_STATIC);
      bind_sealed_text (self, stmt, 6, field->original);
      sqlite3_bind_text (stmt, 7, nick (EKYC_TYPE_FIELD_SOURCE, field->original_source), -1,
                         SQLITE_STATIC);
      STEP (_ekyc_store_step_done (self, stmt, error));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  run_hook (self, "fields");

  STEP (stmt = _ekyc_store_prepare (self, "DELETE FROM case_edits WHERE case_id = ?1", error));
  sqlite3_bind_text (stmt, 1, snap->id, -1, SQLITE_STATIC);
  STEP (_ekyc_store_step_done (self, stmt, error));
  g_clear_pointer (&stmt, sqlite3_finalize);
  STEP (stmt = _ekyc_store_prepare (self,
    "INSERT INTO case_edits (case_id, position, field, old_value, new_value, user, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error));
  for (guint i = 0; i < snap->edits->len; i++)
    {
      EkycFieldEdit *edit = g_ptr_array_index (snap->edits, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, snap->id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, edit->field, -1, SQLITE_STATIC);
      bind_sealed_text (self, stmt, 4, edit->old_value);
      bind_sealed_text (self, stmt, 5, edit->new_value);
      sqlite3_bind_text (stmt, 6, edit->user, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, _ekyc_store_datetime_to_usec (edit->at));
      STEP (_ekyc_store_step_done (self, stmt, error));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  STEP (stmt = _ekyc_store_prepare (self, "DELETE FROM case_checks WHERE case_id = ?1", error));
  sqlite3_bind_text (stmt, 1, snap->id, -1, SQLITE_STATIC);
  STEP (_ekyc_store_step_done (self, stmt, error));
  g_clear_pointer (&stmt, sqlite3_finalize);
  STEP (stmt = _ekyc_store_prepare (self,
    "INSERT INTO case_checks (case_id, position, name, outcome, detail)"
    " VALUES (?1, ?2, ?3, ?4, ?5)", error));
  for (guint i = 0; i < snap->checks->len; i++)
    {
      EkycCaseCheck *check = g_ptr_array_index (snap->checks, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, snap->id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, check->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, nick (EKYC_TYPE_CHECK_OUTCOME, check->outcome), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, check->detail, -1, SQLITE_STATIC);
      STEP (_ekyc_store_step_done (self, stmt, error));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  run_hook (self, "checks");

  /* Evidence absent from the snapshot (a case from a list query) is kept, not deleted. */
  STEP (stmt = _ekyc_store_prepare (self,
    "INSERT OR REPLACE INTO evidence (case_id, kind, mime_type, data) VALUES (?1, ?2, ?3, ?4)",
    error));
  for (guint i = 0; i < EKYC_N_EVIDENCE_KINDS; i++)
    {
      g_autoptr(GBytes) sealed = NULL;

      if (snap->evidence[i] == NULL)
        continue;
      sealed = _ekyc_store_key_seal (self->key, g_bytes_get_data (snap->evidence[i], NULL),
                                     g_bytes_get_size (snap->evidence[i]));
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, snap->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, nick (EKYC_TYPE_EVIDENCE_KIND, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, snap->evidence_mime[i], -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 4, g_bytes_get_data (sealed, NULL),
                         (int) g_bytes_get_size (sealed), SQLITE_STATIC);
      STEP (_ekyc_store_step_done (self, stmt, error));
      run_hook (self, "evidence");
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  detail = g_strdup_printf ("decision=%s fields=%u edits=%u checks=%u",
                            nick (EKYC_TYPE_DECISION, snap->decision), snap->fields->len,
                            snap->edits->len, snap->checks->len);
  STEP (_ekyc_store_audit_append (self, actor, existed ? "case-updated" : "case-created",
                                  snap->id, detail, error));
  if (!existed)
    STEP (_ekyc_store_sync_queue_case (self, snap->id, snap->created_at,
                                       nick (EKYC_TYPE_DECISION, snap->decision),
                                       snap->has_similarity, snap->similarity,
                                       snap->has_passive_liveness, snap->passive_liveness,
                                       snap->reasons, error));
  run_hook (self, "audit");
  STEP (_ekyc_store_commit (self, error));
  ok = TRUE;

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  if (!ok)
    _ekyc_store_rollback (self);
  return ok;
}

static gboolean
save_snapshot (EkycStore     *self,
               EkycSession   *session,
               CaseSnapshot  *snap,
               GCancellable  *cancellable,
               GError       **error)
{
  gboolean ok;

  if (!_ekyc_store_check_session (self, session, FALSE, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_rec_mutex_lock (&self->lock);
  ok = write_case (self, ekyc_session_get_username (session), snap, error);
  g_rec_mutex_unlock (&self->lock);
  if (ok)
    _ekyc_store_emit_case_changed (self, snap->id);
  return ok;
}

gboolean
ekyc_store_save_case (EkycStore     *self,
                      EkycSession   *session,
                      EkycCase      *kase,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(CaseSnapshot) snap = NULL;

  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (EKYC_IS_CASE (kase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  snap = case_snapshot_new (kase);
  return save_snapshot (self, session, snap, cancellable, error);
}

typedef struct {
  EkycSession  *session;
  CaseSnapshot *snap;
} SaveArgs;

static void
save_args_free (SaveArgs *args)
{
  g_clear_object (&args->session);
  case_snapshot_free (args->snap);
  g_free (args);
}

static gpointer
save_in_thread (EkycStore *self, gpointer data, GCancellable *cancellable, GError **error)
{
  SaveArgs *args = data;

  return GINT_TO_POINTER (save_snapshot (self, args->session, args->snap, cancellable, error));
}

void
ekyc_store_save_case_async (EkycStore           *self,
                            EkycSession         *session,
                            EkycCase            *kase,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  SaveArgs *args;

  g_return_if_fail (EKYC_IS_STORE (self));
  g_return_if_fail (EKYC_IS_CASE (kase));

  args = g_new0 (SaveArgs, 1);
  args->session = session ? g_object_ref (session) : NULL;
  args->snap = case_snapshot_new (kase);
  _ekyc_store_run_in_thread (self, ekyc_store_save_case_async, save_in_thread, args,
                             (GDestroyNotify) save_args_free, NULL, cancellable, callback,
                             user_data);
}

gboolean
ekyc_store_save_case_finish (EkycStore *self, GAsyncResult *result, GError **error)
{
  return GPOINTER_TO_INT (_ekyc_store_run_finish (self, result, ekyc_store_save_case_async,
                                                  error));
}

#define CASE_COLUMNS \
  "id, created_at, teller, similarity, passive_liveness, decision, reasons, review_state," \
  " reviewer, review_note, reviewed_at, sync_state, evidence_purged_at"

static EkycCase *
case_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) created_at = _ekyc_store_datetime_from_usec (sqlite3_column_int64 (stmt, 1));
  g_autoptr(EkycCase) kase = _ekyc_case_new_with_id ((const char *) sqlite3_column_text (stmt, 0),
                                                     created_at,
                                                     (const char *) sqlite3_column_text (stmt, 2));
  g_auto(GStrv) reasons = NULL;
  g_autoptr(GDateTime) reviewed_at = NULL;
  const char *reasons_text = (const char *) sqlite3_column_text (stmt, 6);

  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    ekyc_case_set_similarity (kase, sqlite3_column_double (stmt, 3));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    ekyc_case_set_passive_liveness (kase, sqlite3_column_double (stmt, 4));
  reasons = reasons_text && *reasons_text ? g_strsplit (reasons_text, "\n", -1)
                                          : g_new0 (char *, 1);
  ekyc_case_set_decision (kase,
                          from_nick (EKYC_TYPE_DECISION,
                                     (const char *) sqlite3_column_text (stmt, 5),
                                     EKYC_DECISION_NONE),
                          (const char * const *) reasons);
  if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
    reviewed_at = _ekyc_store_datetime_from_usec (sqlite3_column_int64 (stmt, 10));
  _ekyc_case_set_review (kase,
                         from_nick (EKYC_TYPE_REVIEW_STATE,
                                    (const char *) sqlite3_column_text (stmt, 7),
                                    EKYC_REVIEW_STATE_NONE),
                         (const char *) sqlite3_column_text (stmt, 8),
                         (const char *) sqlite3_column_text (stmt, 9), reviewed_at);
  _ekyc_case_set_sync_state (kase, from_nick (EKYC_TYPE_SYNC_STATE,
                                              (const char *) sqlite3_column_text (stmt, 11),
                                              EKYC_SYNC_STATE_PENDING));
  if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
    {
      g_autoptr(GDateTime) purged_at =
        _ekyc_store_datetime_from_usec (sqlite3_column_int64 (stmt, 12));

      _ekyc_case_set_evidence_purged_at (kase, purged_at);
    }
  return g_steal_pointer (&kase);
}

/* Fills fields, edits, checks and (when @with_evidence) evidence of @kase. */
static gboolean
read_case_parts (EkycStore *self, EkycCase *kase, gboolean with_evidence, GError **error)
{
  const char *id = ekyc_case_get_id (kase);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  STEP (stmt = _ekyc_store_prepare (self,
    "SELECT name, value, source, original, original_source FROM case_fields"
    " WHERE case_id = ?1 ORDER BY position", error));
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *value = column_sealed_text (self, stmt, 1, error);
      g_autofree char *original = NULL;

      if (value == NULL)
        goto out;
      original = column_sealed_text (self, stmt, 3, error);
      if (original == NULL && sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        goto out;
      _ekyc_case_restore_field (kase, (const char *) sqlite3_column_text (stmt, 0), value,
                                from_nick (EKYC_TYPE_FIELD_SOURCE,
                                           (const char *) sqlite3_column_text (stmt, 2),
                                           EKYC_FIELD_SOURCE_TELLER),
                                original,
                                from_nick (EKYC_TYPE_FIELD_SOURCE,
                                           (const char *) sqlite3_column_text (stmt, 4),
                                           EKYC_FIELD_SOURCE_TELLER));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  STEP (stmt = _ekyc_store_prepare (self,
    "SELECT field, old_value, new_value, user, at FROM case_edits WHERE case_id = ?1"
    " ORDER BY position", error));
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EkycFieldEdit edit = { 0 };
      g_autoptr(GDateTime) at = _ekyc_store_datetime_from_usec (sqlite3_column_int64 (stmt, 4));
      g_autofree char *old_value = column_sealed_text (self, stmt, 1, NULL);
      g_autofree char *new_value = column_sealed_text (self, stmt, 2, error);

      if (new_value == NULL)
        goto out;
      edit.field = (char *) sqlite3_column_text (stmt, 0);
      edit.old_value = old_value;
      edit.new_value = new_value;
      edit.user = (char *) sqlite3_column_text (stmt, 3);
      edit.at = at;
      _ekyc_case_restore_edit (kase, &edit);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  STEP (stmt = _ekyc_store_prepare (self,
    "SELECT name, outcome, detail FROM case_checks WHERE case_id = ?1 ORDER BY position",
    error));
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ekyc_case_set_check (kase, (const char *) sqlite3_column_text (stmt, 0),
                         from_nick (EKYC_TYPE_CHECK_OUTCOME,
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    EKYC_CHECK_OUTCOME_NOT_RUN),
                         (const char *) sqlite3_column_text (stmt, 2));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (with_evidence)
    {
      STEP (stmt = _ekyc_store_prepare (self,
        "SELECT kind, mime_type, data FROM evidence WHERE case_id = ?1", error));
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(GBytes) data = NULL;
          int kind;

          if (!ekyc_enum_from_string (EKYC_TYPE_EVIDENCE_KIND,
                                      (const char *) sqlite3_column_text (stmt, 0), &kind))
            continue;
          data = _ekyc_store_key_open (self->key, sqlite3_column_blob (stmt, 2),
                                       sqlite3_column_bytes (stmt, 2), error);
          if (data == NULL)
            goto out;
          ekyc_case_set_evidence (kase, kind, (const char *) sqlite3_column_text (stmt, 1),
                                  data);
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  ok = TRUE;

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  return ok;
}

EkycCase *
ekyc_store_load_case (EkycStore     *self,
                      EkycSession   *session,
                      const char    *case_id,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(EkycCase) kase = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (EKYC_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_ekyc_store_check_session (self, session, FALSE, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_rec_mutex_lock (&self->lock);
  stmt = _ekyc_store_prepare (self, "SELECT " CASE_COLUMNS " FROM cases WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        kase = case_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_FOUND,
                             _("There is no such case."));
      else
        _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      sqlite3_finalize (stmt);
    }
  if (kase != NULL && !read_case_parts (self, kase, TRUE, error))
    g_clear_object (&kase);
  g_rec_mutex_unlock (&self->lock);
  return g_steal_pointer (&kase);
}

typedef struct {
  EkycSession   *session;
  char          *case_id;
  EkycCaseQuery *query;
  EkycReviewState verdict;
  char          *note;
  GFile         *destination;
  GDateTime     *now;
} CallArgs;

static void
call_args_free (CallArgs *args)
{
  g_clear_object (&args->session);
  g_free (args->case_id);
  g_clear_pointer (&args->query, ekyc_case_query_free);
  g_free (args->note);
  g_clear_object (&args->destination);
  g_clear_pointer (&args->now, g_date_time_unref);
  g_free (args);
}

static CallArgs *
call_args_new (EkycSession *session)
{
  CallArgs *args = g_new0 (CallArgs, 1);

  args->session = session ? g_object_ref (session) : NULL;
  return args;
}

static gpointer
load_in_thread (EkycStore *self, gpointer data, GCancellable *cancellable, GError **error)
{
  CallArgs *args = data;

  return ekyc_store_load_case (self, args->session, args->case_id, cancellable, error);
}

void
ekyc_store_load_case_async (EkycStore           *self,
                            EkycSession         *session,
                            const char          *case_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CallArgs *args;

  g_return_if_fail (EKYC_IS_STORE (self));
  g_return_if_fail (case_id != NULL);

  args = call_args_new (session);
  args->case_id = g_strdup (case_id);
  _ekyc_store_run_in_thread (self, ekyc_store_load_case_async, load_in_thread, args,
                             (GDestroyNotify) call_args_free, g_object_unref, cancellable,
                             callback, user_data);
}

EkycCase *
ekyc_store_load_case_finish (EkycStore *self, GAsyncResult *result, GError **error)
{
  return _ekyc_store_run_finish (self, result, ekyc_store_load_case_async, error);
}

static char *
like_pattern (const char *folded)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static gboolean
looks_like_id_number (const char *text)
{
  gsize digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ')
        return FALSE;
    }
  return digits == 9 || digits == 12;
}

/* The ids as a JSON array, for sqlite's json_each (): one bound value however many ids. */
static char *
ids_to_json (const char * const *ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

GListModel *
_ekyc_store_query_locked (EkycStore           *self,
                          const EkycCaseQuery *query,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(GListStore) cases = g_list_store_new (EKYC_TYPE_CASE);
  g_autoptr(EkycCaseQuery) any = ekyc_case_query_new ();
  g_autofree char *text = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *ids_json = NULL;
  guint8 id_hash[EKYC_STORE_HASH_BYTES];
  gboolean by_id = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (query == NULL)
    query = any;
  if (query->ids != NULL)
    ids_json = ids_to_json ((const char * const *) query->ids);
  text = g_strstrip (g_strdup (query->text ? query->text : ""));
  if (*text != '\0' && looks_like_id_number (text))
    {
      by_id = TRUE;
      _ekyc_store_key_hash_id (self->key, text, id_hash);
    }
  else if (*text != '\0')
    {
      g_autofree char *folded = _ekyc_store_fold_name (text);
      pattern = like_pattern (folded);
    }

  stmt = _ekyc_store_prepare (self,
    "SELECT " CASE_COLUMNS " FROM cases"
    " WHERE (?1 IS NULL OR id_number_hash = ?1)"
    " AND (?2 IS NULL OR name_folded LIKE ?2 ESCAPE '\\')"
    " AND (?3 IS NULL OR created_at >= ?3) AND (?4 IS NULL OR created_at < ?4)"
    " AND (?5 IS NULL OR decision = ?5) AND (?6 IS NULL OR review_state = ?6)"
    " AND (?7 IS NULL OR sync_state = ?7)"
    " AND (?10 IS NULL OR id IN (SELECT value FROM json_each (?10)))"
    " ORDER BY created_at DESC, id LIMIT ?8 OFFSET ?9", error);
  if (stmt == NULL)
    return NULL;
  if (by_id)
    sqlite3_bind_blob (stmt, 1, id_hash, sizeof id_hash, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_STATIC);
  if (query->from != NULL)
    sqlite3_bind_int64 (stmt, 3, _ekyc_store_datetime_to_usec (query->from));
  if (query->to != NULL)
    sqlite3_bind_int64 (stmt, 4, _ekyc_store_datetime_to_usec (query->to));
  if (query->decision >= 0)
    sqlite3_bind_text (stmt, 5, nick (EKYC_TYPE_DECISION, query->decision), -1, SQLITE_STATIC);
  if (query->review_state >= 0)
    sqlite3_bind_text (stmt, 6, nick (EKYC_TYPE_REVIEW_STATE, query->review_state), -1,
                       SQLITE_STATIC);
  if (query->sync_state >= 0)
    sqlite3_bind_text (stmt, 7, nick (EKYC_TYPE_SYNC_STATE, query->sync_state), -1,
                       SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, query->limit > 0 ? (gint64) query->limit : -1);
  sqlite3_bind_int64 (stmt, 9, query->offset);
  if (query->ids != NULL)
    sqlite3_bind_text (stmt, 10, ids_json, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EkycCase) kase = case_from_row (stmt);

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !read_case_parts (self, kase, FALSE, error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_list_store_append (cases, kase);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&cases));
}

GListModel *
ekyc_store_query_cases (EkycStore           *self,
                        EkycSession         *session,
                        const EkycCaseQuery *query,
                        GCancellable        *cancellable,
                        GError             **error)
{
  GListModel *cases;

  g_return_val_if_fail (EKYC_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_ekyc_store_check_session (self, session, FALSE, error))
    return NULL;
  g_rec_mutex_lock (&self->lock);
  cases = _ekyc_store_query_locked (self, query, cancellable, error);
  g_rec_mutex_unlock (&self->lock);
  return cases;
}

static gpointer
query_in_thread (EkycStore *self, gpointer data, GCancellable *cancellable, GError **error)
{
  CallArgs *args = data;

  return ekyc_store_query_cases (self, args->session, args->query, cancellable, error);
}

void
ekyc_store_query_cases_async (EkycStore           *self,
                              EkycSession         *session,
                              const EkycCaseQuery *query,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CallArgs *args;

  g_return_if_fail (EKYC_IS_STORE (self));

  args = call_args_new (session);
  args->query = query ? ekyc_case_query_copy (query) : NULL;
  _ekyc_store_run_in_thread (self, ekyc_store_query_cases_async, query_in_thread, args,
                             (GDestroyNotify) call_args_free, g_object_unref, cancellable,
                             callback, user_data);
}

GListModel *
ekyc_store_query_cases_finish (EkycStore *self, GAsyncResult *result, GError **error)
{
  return _ekyc_store_run_finish (self, result, ekyc_store_query_cases_async, error);
}

gboolean
ekyc_store_review_case (EkycStore        *self,
                        EkycSession      *session,
                        const char       *case_id,
                        EkycReviewState   verdict,
                        const char       *note,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_ekyc_store_check_session (self, session, TRUE, error))
    return FALSE;
  if (verdict != EKYC_REVIEW_STATE_APPROVED && verdict != EKYC_REVIEW_STATE_REJECTED)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID,
                           _("A review either approves or rejects the case."));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (note ? note : ""));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID,
                           _("Write a note that explains the review."));
      return FALSE;
    }

  g_rec_mutex_lock (&self->lock);
  STEP (_ekyc_store_begin (self, error));
  STEP (stmt = _ekyc_store_prepare (self, "SELECT review_state FROM cases WHERE id = ?1", error));
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_FOUND,
                           _("There is no such case."));
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto out;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "pending") != 0)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED,
                           _("This case is not waiting for review."));
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  STEP (stmt = _ekyc_store_prepare (self,
    "UPDATE cases SET review_state = ?2, reviewer = ?3, review_note = ?4, reviewed_at = ?5,"
    " updated_at = ?5 WHERE id = ?1", error));
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, nick (EKYC_TYPE_REVIEW_STATE, verdict), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ekyc_session_get_username (session), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  STEP (_ekyc_store_step_done (self, stmt, error));
  STEP (_ekyc_store_audit_append (self, ekyc_session_get_username (session),
                                  verdict == EKYC_REVIEW_STATE_APPROVED ? "case-approved"
                                                                        : "case-rejected",
                                  case_id, trimmed, error));
  STEP (_ekyc_store_commit (self, error));
  ok = TRUE;

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  if (!ok)
    _ekyc_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);
  if (ok)
    _ekyc_store_emit_case_changed (self, case_id);
  return ok;
}

static gpointer
review_in_thread (EkycStore *self, gpointer data, GCancellable *cancellable, GError **error)
{
  CallArgs *args = data;

  return GINT_TO_POINTER (ekyc_store_review_case (self, args->session, args->case_id,
                                                  args->verdict, args->note, cancellable,
                                                  error));
}

void
ekyc_store_review_case_async (EkycStore           *self,
                              EkycSession         *session,
                              const char          *case_id,
                              EkycReviewState      verdict,
                              const char          *note,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CallArgs *args;

  g_return_if_fail (EKYC_IS_STORE (self));
  g_return_if_fail (case_id != NULL);

  args = call_args_new (session);
  args->case_id = g_strdup (case_id);
  args->verdict = verdict;
  args->note = g_strdup (note);
  _ekyc_store_run_in_thread (self, ekyc_store_review_case_async, review_in_thread, args,
                             (GDestroyNotify) call_args_free, NULL, cancellable, callback,
                             user_data);
}

gboolean
ekyc_store_review_case_finish (EkycStore *self, GAsyncResult *result, GError **error)
{
  return GPOINTER_TO_INT (_ekyc_store_run_finish (self, result, ekyc_store_review_case_async,
                                                  error));
}

gboolean
ekyc_store_set_sync_state (EkycStore      *self,
                           const char     *case_id,
                           EkycSyncState   state,
                           GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  STEP (_ekyc_store_begin (self, error));
  STEP (stmt = _ekyc_store_prepare (self, "UPDATE cases SET sync_state = ?2 WHERE id = ?1",
                                    error));
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, nick (EKYC_TYPE_SYNC_STATE, state), -1, SQLITE_STATIC);
  STEP (_ekyc_store_step_done (self, stmt, error));
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_FOUND,
                           _("There is no such case."));
      goto out;
    }
  STEP (_ekyc_store_audit_append (self, "system", "sync-state-changed", case_id,
                                  nick (EKYC_TYPE_SYNC_STATE, state), error));
  STEP (_ekyc_store_commit (self, error));
  ok = TRUE;

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  if (!ok)
    _ekyc_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);
  if (ok)
    _ekyc_store_emit_case_changed (self, case_id);
  return ok;
}
