/* ekyc-storage.c — the storage interface: backend choice, migrations, transactions, rows
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-storage"
#include "config.h"

#include <stdlib.h>

#include "ekyc-storage-private.h"

G_DEFINE_QUARK (ekyc-storage-error-quark, ekyc_storage_error)

typedef struct {
  const char *module;
  int version;
  const char *sqlite_sql;
  const char *postgresql_sql;
} Migration;

static GArray *migrations;

struct _EkycStorageRows {
  guint n_columns;
  GPtrArray *cells;
};

void
ekyc_storage_register_migration (const char *module,
                                 int         version,
                                 const char *sqlite_sql,
                                 const char *postgresql_sql)
{
  Migration m = { module, version, sqlite_sql, postgresql_sql };

  g_return_if_fail (module != NULL && version > 0 && sqlite_sql != NULL);

  if (migrations == NULL)
    migrations = g_array_new (FALSE, FALSE, sizeof (Migration));
  for (guint i = 0; i < migrations->len; i++)
    {
      const Migration *other = &g_array_index (migrations, Migration, i);
      if (g_str_equal (other->module, module) && other->version >= version)
        {
          if (other->version == version)
            return;  /* registered twice (a second server in one test process) */
          g_error ("migration %s/%d registered after %s/%d", module, version, module,
                   other->version);
        }
    }
  g_array_append_val (migrations, m);
}

EkycStorage *
ekyc_storage_open (const char *location, GError **error)
{
  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    return _ekyc_storage_postgresql_open (location, error);
  if (*location == '\0')
    {
      g_set_error_literal (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_OPEN,
                           "no database given: a file path or a postgresql:// URI");
      return NULL;
    }
  return _ekyc_storage_sqlite_open (location, error);
}

void
ekyc_storage_free (EkycStorage *self)
{
  if (self == NULL)
    return;
  self->klass->close (self);
  g_free (self);
}

EkycStorageBackend
ekyc_storage_get_backend (EkycStorage *self)
{
  g_return_val_if_fail (self != NULL, EKYC_STORAGE_SQLITE);
  return self->backend;
}

const char *
ekyc_storage_get_backend_name (EkycStorage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->klass->name;
}

gboolean
ekyc_storage_exec (EkycStorage       *self,
                   const char        *sql,
                   const char *const *params,
                   guint              n_params,
                   gint64            *changes,
                   GError           **error)
{
  g_return_val_if_fail (self != NULL && sql != NULL, FALSE);
  g_return_val_if_fail (n_params == 0 || params != NULL, FALSE);
  if (changes)
    *changes = 0;
  return self->klass->exec (self, sql, params, n_params, changes, error);
}

EkycStorageRows *
ekyc_storage_query (EkycStorage       *self,
                    const char        *sql,
                    const char *const *params,
                    guint              n_params,
                    GError           **error)
{
  g_return_val_if_fail (self != NULL && sql != NULL, NULL);
  g_return_val_if_fail (n_params == 0 || params != NULL, NULL);
  return self->klass->query (self, sql, params, n_params, error);
}

gboolean
ekyc_storage_exec_script (EkycStorage *self, const char *sql, GError **error)
{
  g_return_val_if_fail (self != NULL && sql != NULL, FALSE);
  return self->klass->exec_script (self, sql, error);
}

gboolean
ekyc_storage_begin (EkycStorage *self, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);
  /* sqlite: take the write lock now, so a busy database waits here and not mid-transaction. */
  if (!ekyc_storage_exec (self, self->backend == EKYC_STORAGE_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN",
                          EKYC_SQL_NO_PARAMS, NULL, error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
ekyc_storage_commit (EkycStorage *self, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);
  if (!ekyc_storage_exec (self, "COMMIT", EKYC_SQL_NO_PARAMS, NULL, error))
    {
      ekyc_storage_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
ekyc_storage_rollback (EkycStorage *self)
{
  g_return_if_fail (self != NULL);
  if (!self->in_transaction)
    return;
  self->in_transaction = FALSE;
  if (!ekyc_storage_exec (self, "ROLLBACK", EKYC_SQL_NO_PARAMS, NULL, NULL))
    g_debug ("rollback failed (the transaction was already gone)");
}

gboolean
ekyc_storage_in_transaction (EkycStorage *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->in_transaction;
}

static gboolean
migration_applied (EkycStorage *self, const Migration *m, gboolean *applied, GError **error)
{
  g_autofree char *version = g_strdup_printf ("%d", m->version);
  g_autoptr(EkycStorageRows) rows =
    ekyc_storage_query (self, "SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?",
                        EKYC_SQL_PARAMS (m->module, version), error);
  if (rows == NULL)
    return FALSE;
  *applied = ekyc_storage_rows_get_count (rows) > 0;
  return TRUE;
}

static gboolean
apply_migration (EkycStorage *self, const Migration *m, GError **error)
{
  const char *sql = (self->backend == EKYC_STORAGE_POSTGRESQL && m->postgresql_sql)
                    ? m->postgresql_sql : m->sqlite_sql;
  g_autofree char *version = g_strdup_printf ("%d", m->version);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  gboolean applied = FALSE;
  g_autoptr(GError) local = NULL;

  if (!ekyc_storage_begin (self, &local))
    goto fail;
  if (!migration_applied (self, m, &applied, &local))
    goto fail;
  if (applied)
    {
      ekyc_storage_rollback (self);
      return TRUE;
    }
  if (!ekyc_storage_exec_script (self, sql, &local) ||
      !ekyc_storage_exec (self, "INSERT INTO schema_migrations (module, version, applied_at) "
                          "VALUES (?, ?, ?)", EKYC_SQL_PARAMS (m->module, version, now), NULL,
                          &local) ||
      !ekyc_storage_commit (self, &local))
    goto fail;
  g_debug ("applied migration %s/%d", m->module, m->version);
  return TRUE;

fail:
  ekyc_storage_rollback (self);
  g_set_error (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_MIGRATION,
               "migration %s/%d failed: %s", m->module, m->version, local->message);
  return FALSE;
}

gboolean
ekyc_storage_migrate (EkycStorage *self, GError **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->klass->lock_schema && !self->klass->lock_schema (self, error))
    return FALSE;
  if (!ekyc_storage_exec_script (self,
                                 "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 " module TEXT NOT NULL,"
                                 " version INTEGER NOT NULL,"
                                 " applied_at BIGINT NOT NULL,"
                                 " PRIMARY KEY (module, version))", error))
    ok = FALSE;
  for (guint i = 0; ok && migrations != NULL && i < migrations->len; i++)
    ok = apply_migration (self, &g_array_index (migrations, Migration, i), error);
  if (self->klass->unlock_schema)
    self->klass->unlock_schema (self);
  return ok;
}

EkycStorageRows *
_ekyc_storage_rows_new (guint n_columns)
{
  EkycStorageRows *rows = g_new0 (EkycStorageRows, 1);
  rows->n_columns = n_columns;
  rows->cells = g_ptr_array_new_with_free_func (g_free);
  return rows;
}

void
_ekyc_storage_rows_append (EkycStorageRows *rows, const char *cell)
{
  g_ptr_array_add (rows->cells, g_strdup (cell));
}

guint
ekyc_storage_rows_get_count (EkycStorageRows *rows)
{
  g_return_val_if_fail (rows != NULL, 0);
  return rows->n_columns ? rows->cells->len / rows->n_columns : 0;
}

guint
ekyc_storage_rows_get_columns (EkycStorageRows *rows)
{
  g_return_val_if_fail (rows != NULL, 0);
  return rows->n_columns;
}

const char *
ekyc_storage_rows_get (EkycStorageRows *rows, guint row, guint column)
{
  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (column < rows->n_columns, NULL);
  g_return_val_if_fail (row < ekyc_storage_rows_get_count (rows), NULL);
  return g_ptr_array_index (rows->cells, row * rows->n_columns + column);
}

gint64
ekyc_storage_rows_get_int (EkycStorageRows *rows, guint row, guint column, gint64 fallback)
{
  const char *text = ekyc_storage_rows_get (rows, row, column);
  char *end = NULL;
  gint64 value;

  if (text == NULL || *text == '\0')
    return fallback;
  value = g_ascii_strtoll (text, &end, 10);
  return (end && *end == '\0') ? value : fallback;
}

void
ekyc_storage_rows_free (EkycStorageRows *rows)
{
  if (rows == NULL)
    return;
  g_ptr_array_unref (rows->cells);
  g_free (rows);
}
