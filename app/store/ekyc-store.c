/* ekyc-store.c — the store object: opening, the connection, settings, policy, session checks
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "ekyc-store-private.h"
#include "ekyc-store-thread.h"

G_DEFINE_FINAL_TYPE (EkycStore, ekyc_store, G_TYPE_OBJECT)

enum {
  CASE_CHANGED,
  SETTINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_BOXED_TYPE (EkycCaseQuery, ekyc_case_query, ekyc_case_query_copy, ekyc_case_query_free)

EkycCaseQuery *
ekyc_case_query_new (void)
{
  EkycCaseQuery *query = g_new0 (EkycCaseQuery, 1);

  query->decision = -1;
  query->review_state = -1;
  query->sync_state = -1;
  return query;
}

EkycCaseQuery *
ekyc_case_query_copy (const EkycCaseQuery *query)
{
  EkycCaseQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_memdup2 (query, sizeof *query);
  copy->text = g_strdup (query->text);
  copy->from = query->from ? g_date_time_ref (query->from) : NULL;
  copy->to = query->to ? g_date_time_ref (query->to) : NULL;
  copy->ids = g_strdupv (query->ids);
  return copy;
}

void
ekyc_case_query_free (EkycCaseQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->text);
  g_clear_pointer (&query->from, g_date_time_unref);
  g_clear_pointer (&query->to, g_date_time_unref);
  g_strfreev (query->ids);
  g_free (query);
}

static void
ekyc_store_finalize (GObject *object)
{
  EkycStore *self = EKYC_STORE (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->key, _ekyc_store_key_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->path);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ekyc_store_parent_class)->finalize (object);
}

static void
ekyc_store_class_init (EkycStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ekyc_store_finalize;

  signals[CASE_CHANGED] = g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SETTINGS_CHANGED] = g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
ekyc_store_init (EkycStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
}

void
_ekyc_store_set_sqlite_error (EkycStore *self, int rc, GError **error)
{
  int primary = rc & 0xff;

  g_debug ("sqlite: %s (%d)", self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), rc);
  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_FULL,
                           _("The disk is full: nothing was saved. Free some space and try "
                             "again."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_CORRUPT,
                           _("The case database is damaged. Restore it from a backup or ask "
                             "your administrator."));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID,
                           _("The database refused a change that breaks its rules."));
      break;
    default:
      g_set_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_IO,
                   _("The case database could not be used: %s."), sqlite3_errstr (rc));
      break;
    }
}

gboolean
_ekyc_store_exec (EkycStore *self, const char *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
_ekyc_store_prepare (EkycStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _ekyc_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

gboolean
_ekyc_store_step_done (EkycStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ekyc_store_begin (EkycStore *self, GError **error)
{
  return _ekyc_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_ekyc_store_commit (EkycStore *self, GError **error)
{
  return _ekyc_store_exec (self, "COMMIT", error);
}

void
_ekyc_store_rollback (EkycStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

typedef struct {
  EkycStore *store;
  char      *case_id;
} EmitData;

static void
emit_data_free (EmitData *data)
{
  g_object_unref (data->store);
  g_free (data->case_id);
  g_free (data);
}

static gboolean
emit_in_context (gpointer user_data)
{
  EmitData *data = user_data;

  if (data->case_id != NULL)
    g_signal_emit (data->store, signals[CASE_CHANGED], 0, data->case_id);
  else
    g_signal_emit (data->store, signals[SETTINGS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
emit_later (EkycStore *self, const char *case_id)
{
  EmitData *data = g_new0 (EmitData, 1);

  data->store = g_object_ref (self);
  data->case_id = g_strdup (case_id);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_in_context, data,
                              (GDestroyNotify) emit_data_free);
}

void
_ekyc_store_emit_case_changed (EkycStore *self, const char *case_id)
{
  emit_later (self, case_id);
}

void
_ekyc_store_emit_settings_changed (EkycStore *self)
{
  emit_later (self, NULL);
}

gboolean
_ekyc_store_check_session (EkycStore    *self,
                           EkycSession  *session,
                           gboolean      supervisor,
                           GError      **error)
{
  if (session == NULL || _ekyc_session_get_store (session) != self)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED,
                           _("Sign in first."));
      return FALSE;
    }
  if (ekyc_session_get_signed_out (session) || ekyc_session_get_locked (session))
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_LOCKED,
                           _("The session is locked: unlock it with your password."));
      return FALSE;
    }
  if (supervisor && ekyc_session_get_role (session) != EKYC_ROLE_SUPERVISOR)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED,
                           _("Only a supervisor may do this."));
      return FALSE;
    }
  return TRUE;
}

char *
ekyc_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ekyc", "cases.db", NULL);
}

static gboolean
configure_connection (EkycStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  /* The first read of the file: a file that is not a database fails here. */
  stmt = _ekyc_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return _ekyc_store_exec (self,
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA synchronous = FULL;"
                           "PRAGMA secure_delete = ON;",
                           error);
}

static gboolean
quick_check (EkycStore *self, GError **error)
{
  sqlite3_stmt *stmt = _ekyc_store_prepare (self, "PRAGMA quick_check", error);
  gboolean ok;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  ok = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    {
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_CORRUPT;
      _ekyc_store_set_sqlite_error (self, rc, error);
    }
  return ok;
}

/* A sealed known value in settings proves the key opens this database's data. */
static gboolean
check_key (EkycStore *self, GError **error)
{
  static const char probe[] = "ekyc-store-key-check";
  g_autofree char *stored = _ekyc_store_get_setting (self, "key-check");
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autofree guint8 *raw = NULL;
  g_autofree char *encoded = NULL;
  gsize length = 0;

  if (stored == NULL)
    {
      sealed = _ekyc_store_key_seal (self->key, (const guint8 *) probe, sizeof probe - 1);
      encoded = g_base64_encode (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
      return _ekyc_store_put_setting (self, "key-check", encoded, error);
    }
  raw = g_base64_decode (stored, &length);
  opened = _ekyc_store_key_open (self->key, raw, length, NULL);
  if (opened == NULL)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_KEY,
                           _("This computer's encryption key does not open the case database: "
                             "the key was lost or belongs to another database."));
      return FALSE;
    }
  return TRUE;
}

EkycStore *
ekyc_store_open (const char      *path,
                 EkycStoreFlags   flags,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(EkycStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EKYC_TYPE_STORE, NULL);
  self->path = path ? g_strdup (path) : ekyc_store_default_path ();
  self->flags = flags;

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_IO,
                   _("Could not create the folder of the case database: %s."),
                   g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _ekyc_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_chmod (self->path, 0600);

  if (!configure_connection (self, error) || !quick_check (self, error)
      || !_ekyc_store_migrate (self, error) || !_ekyc_store_sync_prepare (self, error))
    return NULL;

  self->key = _ekyc_store_key_load (self->path, flags, cancellable, error);
  if (self->key == NULL || !check_key (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

typedef struct {
  char           *path;
  EkycStoreFlags  flags;
} OpenArgs;

static void
open_args_free (OpenArgs *args)
{
  g_free (args->path);
  g_free (args);
}

static gpointer
open_in_thread (EkycStore *unused, gpointer data, GCancellable *cancellable, GError **error)
{
  OpenArgs *args = data;

  return ekyc_store_open (args->path, args->flags, cancellable, error);
}

void
ekyc_store_open_async (const char          *path,
                       EkycStoreFlags       flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  OpenArgs *args = g_new0 (OpenArgs, 1);

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  args->path = g_strdup (path);
  args->flags = flags;
  _ekyc_store_run_in_thread (NULL, ekyc_store_open_async, open_in_thread, args,
                             (GDestroyNotify) open_args_free, g_object_unref,
                             cancellable, callback, user_data);
}

EkycStore *
ekyc_store_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
ekyc_store_get_path (EkycStore *self)
{
  g_return_val_if_fail (EKYC_IS_STORE (self), NULL);
  return self->path;
}

EkycStoreKeySource
ekyc_store_get_key_source (EkycStore *self)
{
  g_return_val_if_fail (EKYC_IS_STORE (self), EKYC_STORE_KEY_SOURCE_KEY_FILE);
  return _ekyc_store_key_get_source (self->key);
}

char *
_ekyc_store_get_setting (EkycStore *self, const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_rec_mutex_lock (&self->lock);
  stmt = _ekyc_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);
  return value;
}

gboolean
_ekyc_store_put_setting (EkycStore *self, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_rec_mutex_lock (&self->lock);
  stmt = _ekyc_store_prepare (self,
                              "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                              error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      ok = _ekyc_store_step_done (self, stmt, error);
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/* Changes a setting and audits it in one transaction. */
static gboolean
change_setting (EkycStore   *self,
                EkycSession *session,
                const char  *key,
                const char  *value,
                const char  *action,
                const char  *detail,
                GError     **error)
{
  gboolean ok;

  if (!_ekyc_store_check_session (self, session, TRUE, error))
    return FALSE;

  g_rec_mutex_lock (&self->lock);
  ok = _ekyc_store_begin (self, error)
       && _ekyc_store_put_setting (self, key, value, error)
       && _ekyc_store_audit_append (self, ekyc_session_get_username (session), action, NULL,
                                    detail, error)
       && _ekyc_store_commit (self, error);
  if (!ok)
    _ekyc_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);
  if (ok)
    _ekyc_store_emit_settings_changed (self);
  return ok;
}

EkycPolicy *
ekyc_store_load_policy (EkycStore *self, GError **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (EKYC_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  json = _ekyc_store_get_setting (self, "policy");
  if (json == NULL)
    return ekyc_policy_new ();
  return ekyc_policy_new_from_json (json, error);
}

gboolean
ekyc_store_save_policy (EkycStore    *self,
                        EkycSession  *session,
                        EkycPolicy   *policy,
                        GError      **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (EKYC_IS_POLICY (policy), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ekyc_policy_validate (policy, error))
    return FALSE;
  json = ekyc_policy_to_json (policy);
  return change_setting (self, session, "policy", json, "policy-changed", json, error);
}

static guint
get_uint_setting (EkycStore *self, const char *key, guint fallback)
{
  g_autofree char *text = _ekyc_store_get_setting (self, key);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return fallback;
  return (guint) value;
}

static gboolean
set_uint_setting (EkycStore   *self,
                  EkycSession *session,
                  const char  *key,
                  guint        value,
                  GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%u", value);
  g_autofree char *detail = g_strdup_printf ("%s=%u", key, value);

  return change_setting (self, session, key, text, "settings-changed", detail, error);
}

guint
ekyc_store_get_retention_days (EkycStore *self)
{
  g_return_val_if_fail (EKYC_IS_STORE (self), EKYC_STORE_DEFAULT_RETENTION_DAYS);
  return get_uint_setting (self, "retention-days", EKYC_STORE_DEFAULT_RETENTION_DAYS);
}

gboolean
ekyc_store_set_retention_days (EkycStore    *self,
                               EkycSession  *session,
                               guint         days,
                               GError      **error)
{
  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (days == 0)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID,
                           _("Evidence must be kept for at least one day."));
      return FALSE;
    }
  return set_uint_setting (self, session, "retention-days", days, error);
}

guint
ekyc_store_get_lock_timeout (EkycStore *self)
{
  guint seconds;

  g_return_val_if_fail (EKYC_IS_STORE (self), EKYC_SESSION_DEFAULT_LOCK_TIMEOUT);

  seconds = get_uint_setting (self, "lock-timeout", EKYC_SESSION_DEFAULT_LOCK_TIMEOUT);
  /* A row from before the bounds (or edited outside the app) never turns the lock off. */
  if (seconds == 0 || seconds > EKYC_STORE_MAX_LOCK_TIMEOUT)
    return EKYC_SESSION_DEFAULT_LOCK_TIMEOUT;
  return seconds;
}

gboolean
ekyc_store_set_lock_timeout (EkycStore    *self,
                             EkycSession  *session,
                             guint         seconds,
                             GError      **error)
{
  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Sessions always lock: no "never", and no day-long timeout that amounts to it. */
  if (seconds == 0 || seconds > EKYC_STORE_MAX_LOCK_TIMEOUT)
    {
      g_set_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID,
                   _("The session must lock after 1 to %u minutes without use."),
                   EKYC_STORE_MAX_LOCK_TIMEOUT / 60);
      return FALSE;
    }
  return set_uint_setting (self, session, "lock-timeout", seconds, error);
}

void
_ekyc_store_set_save_hook (EkycStore *self,
                           void     (*hook) (const char *step, gpointer data),
                           gpointer   data)
{
  self->save_hook = hook;
  self->save_hook_data = data;
}

gboolean
_ekyc_store_exec_for_test (EkycStore *self, const char *sql, GError **error)
{
  gboolean ok;

  g_rec_mutex_lock (&self->lock);
  ok = _ekyc_store_exec (self, sql, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

GDateTime *
_ekyc_store_datetime_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

gint64
_ekyc_store_datetime_to_usec (GDateTime *datetime)
{
  return g_date_time_to_unix (datetime) * G_USEC_PER_SEC + g_date_time_get_microsecond (datetime);
}
