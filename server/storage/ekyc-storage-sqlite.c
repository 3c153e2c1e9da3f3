/* ekyc-storage-sqlite.c — the sqlite backend: one file, WAL journal, cached statements
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-storage"
#include "config.h"

#include <sqlite3.h>

#include "ekyc-storage-private.h"
#include "ekyc-storage-sqlite-vfs.h"

typedef struct {
  sqlite3 *db;
  GHashTable *statements;  /* SQL text → sqlite3_stmt */
} SqliteImpl;

static void
set_error (GError **error, sqlite3 *db, int rc, const char *sql)
{
  int code = (rc & 0xff) == SQLITE_CONSTRAINT ? EKYC_STORAGE_ERROR_CONSTRAINT
                                              : EKYC_STORAGE_ERROR_QUERY;
  g_set_error (error, EKYC_STORAGE_ERROR, code, "%s (in: %.80s)", sqlite3_errmsg (db), sql);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
sqlite_close (EkycStorage *self)
{
  SqliteImpl *impl = self->impl;

  g_hash_table_destroy (impl->statements);
  sqlite3_close (impl->db);
  g_free (impl);
}

static sqlite3_stmt *
prepare (EkycStorage *self, const char *sql, const char *const *params, guint n_params,
         GError **error)
{
  SqliteImpl *impl = self->impl;
  sqlite3_stmt *stmt = g_hash_table_lookup (impl->statements, sql);
  int rc;

  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (impl->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          set_error (error, impl->db, rc, sql);
          return NULL;
        }
      g_hash_table_insert (impl->statements, g_strdup (sql), stmt);
    }
  if ((guint) sqlite3_bind_parameter_count (stmt) != n_params)
    {
      g_set_error (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_QUERY,
                   "%u parameters given, %d expected (in: %.80s)", n_params,
                   sqlite3_bind_parameter_count (stmt), sql);
      return NULL;
    }
  for (guint i = 0; i < n_params; i++)
    {
      rc = params[i] ? sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_STATIC)
                     : sqlite3_bind_null (stmt, i + 1);
      if (rc != SQLITE_OK)
        {
          set_error (error, impl->db, rc, sql);
          sqlite3_clear_bindings (stmt);
          return NULL;
        }
    }
  return stmt;
}

static void
release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static gboolean
sqlite_exec (EkycStorage *self, const char *sql, const char *const *params, guint n_params,
             gint64 *changes, GError **error)
{
  SqliteImpl *impl = self->impl;
  sqlite3_stmt *stmt = prepare (self, sql, params, n_params, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      set_error (error, impl->db, rc, sql);
      release (stmt);
      return FALSE;
    }
  if (changes)
    *changes = sqlite3_changes64 (impl->db);
  release (stmt);
  return TRUE;
}

static EkycStorageRows *
sqlite_query (EkycStorage *self, const char *sql, const char *const *params, guint n_params,
              GError **error)
{
  SqliteImpl *impl = self->impl;
  sqlite3_stmt *stmt = prepare (self, sql, params, n_params, error);
  EkycStorageRows *rows;
  int n_columns, rc;

  if (stmt == NULL)
    return NULL;
  n_columns = sqlite3_column_count (stmt);
  rows = _ekyc_storage_rows_new (n_columns);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < n_columns; c++)
      _ekyc_storage_rows_append (rows, (const char *) sqlite3_column_text (stmt, c));
  if (rc != SQLITE_DONE)
    {
      set_error (error, impl->db, rc, sql);
      release (stmt);
      ekyc_storage_rows_free (rows);
      return NULL;
    }
  release (stmt);
  return rows;
}

static gboolean
sqlite_exec_script (EkycStorage *self, const char *sql, GError **error)
{
  SqliteImpl *impl = self->impl;
  char *message = NULL;
  int rc = sqlite3_exec (impl->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, EKYC_STORAGE_ERROR,
                   (rc & 0xff) == SQLITE_CONSTRAINT ? EKYC_STORAGE_ERROR_CONSTRAINT
                                                    : EKYC_STORAGE_ERROR_QUERY,
                   "%s", message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static const EkycStorageBackendClass sqlite_class = {
  .name = "sqlite",
  .close = sqlite_close,
  .exec = sqlite_exec,
  .query = sqlite_query,
  .exec_script = sqlite_exec_script,
};

EkycStorage *
_ekyc_storage_sqlite_open (const char *path, GError **error)
{
  sqlite3 *db = NULL;
  EkycStorage *self;
  SqliteImpl *impl;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX, _ekyc_storage_sqlite_vfs_name ());
  char *message = NULL;

  if (rc != SQLITE_OK)
    {
      g_set_error (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_OPEN, "cannot open %s: %s", path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 10000);
  /* synchronous=FULL: an acknowledged sync survives a power cut, not only a killed process.
   * The VFS also needs it: a commit's WAL frames reach the file with its sync. */
  /* cache_size: the sync tables' indexes take inserts all over (one place per device and per
   * UUID); with sqlite's default 2 MiB cache each batch read its pages back from the kernel. */
  /* temp_store=MEMORY: the sync writer's savepoint per batch keeps the pages it changes in a
   * statement journal, which otherwise goes to a temporary file past 64 KiB — two writes a page
   * (BENCHMARKS.md, "Server and sync"). It only ever serves a rollback inside the transaction. */
  rc = sqlite3_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                     "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; "
                     "PRAGMA temp_store=MEMORY;", NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_OPEN, "cannot open %s: %s", path,
                   message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      sqlite3_close (db);
      return NULL;
    }
  impl = g_new0 (SqliteImpl, 1);
  impl->db = db;
  impl->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self = g_new0 (EkycStorage, 1);
  self->klass = &sqlite_class;
  self->backend = EKYC_STORAGE_SQLITE;
  self->impl = impl;
  return self;
}
