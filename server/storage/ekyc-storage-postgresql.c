/* ekyc-storage-postgresql.c — the PostgreSQL backend (libpq): `?` → $n, prepared statements
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-storage"
#include "config.h"

#include "ekyc-storage-private.h"

#ifdef HAVE_LIBPQ
#include <libpq-fe.h>

typedef struct {
  PGconn *conn;
  GHashTable *statements;  /* SQL text → prepared statement name */
  guint next_statement;
} PostgresqlImpl;

/* Several server processes take this lock while migrating one database. */
#define SCHEMA_LOCK_KEY "7461370021"

static void
set_error (GError **error, PGconn *conn, PGresult *result, const char *sql)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  int code = (state && g_str_has_prefix (state, "23")) ? EKYC_STORAGE_ERROR_CONSTRAINT
                                                       : EKYC_STORAGE_ERROR_QUERY;
  const char *message = result ? PQresultErrorMessage (result) : PQerrorMessage (conn);
  g_autofree char *trimmed = g_strstrip (g_strdup (message));

  g_set_error (error, EKYC_STORAGE_ERROR, code, "%s (in: %.80s)", trimmed, sql);
}

/* Rewrites the portable `?` placeholders to $1, $2… outside quoted strings and identifiers. */
static char *
rewrite_placeholders (const char *sql)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  char quote = 0;
  int n = 0;

  for (const char *p = sql; *p; p++)
    {
      if (quote)
        {
          if (*p == quote)
            quote = 0;
          g_string_append_c (out, *p);
        }
      else if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
        }
      else if (*p == '?')
        g_string_append_printf (out, "$%d", ++n);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
ignore_notice (void *arg, const char *message)
{
}

static void
postgresql_close (EkycStorage *self)
{
  PostgresqlImpl *impl = self->impl;

  g_hash_table_destroy (impl->statements);
  PQfinish (impl->conn);
  g_free (impl);
}

static PGresult *
run (EkycStorage *self, const char *sql, const char *const *params, guint n_params,
     GError **error)
{
  PostgresqlImpl *impl = self->impl;
  const char *name = g_hash_table_lookup (impl->statements, sql);
  PGresult *result;
  ExecStatusType status;

  if (name == NULL)
    {
      g_autofree char *rewritten = rewrite_placeholders (sql);
      g_autofree char *new_name = g_strdup_printf ("s%u", ++impl->next_statement);

      result = PQprepare (impl->conn, new_name, rewritten, 0, NULL);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          set_error (error, impl->conn, result, sql);
          PQclear (result);
          return NULL;
        }
      PQclear (result);
      name = new_name;
      g_hash_table_insert (impl->statements, g_strdup (sql), g_steal_pointer (&new_name));
    }
  result = PQexecPrepared (impl->conn, name, n_params, (const char *const *) params, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error (error, impl->conn, result, sql);
      PQclear (result);
      return NULL;
    }
  return result;
}

static gboolean
postgresql_exec (EkycStorage *self, const char *sql, const char *const *params, guint n_params,
                 gint64 *changes, GError **error)
{
  PGresult *result = run (self, sql, params, n_params, error);

  if (result == NULL)
    return FALSE;
  if (changes)
    {
      const char *tuples = PQcmdTuples (result);
      *changes = (tuples && *tuples) ? g_ascii_strtoll (tuples, NULL, 10) : 0;
    }
  PQclear (result);
  return TRUE;
}

static EkycStorageRows *
postgresql_query (EkycStorage *self, const char *sql, const char *const *params, guint n_params,
                  GError **error)
{
  PGresult *result = run (self, sql, params, n_params, error);
  EkycStorageRows *rows;
  int n_rows, n_columns;

  if (result == NULL)
    return NULL;
  n_rows = PQntuples (result);
  n_columns = PQnfields (result);
  rows = _ekyc_storage_rows_new (n_columns);
  for (int r = 0; r < n_rows; r++)
    for (int c = 0; c < n_columns; c++)
      _ekyc_storage_rows_append (rows, PQgetisnull (result, r, c) ? NULL
                                                                   : PQgetvalue (result, r, c));
  PQclear (result);
  return rows;
}

static gboolean
postgresql_exec_script (EkycStorage *self, const char *sql, GError **error)
{
  PostgresqlImpl *impl = self->impl;
  PGresult *result = PQexec (impl->conn, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    set_error (error, impl->conn, result, sql);
  PQclear (result);
  return ok;
}

static gboolean
postgresql_lock_schema (EkycStorage *self, GError **error)
{
  return postgresql_exec_script (self, "SELECT pg_advisory_lock(" SCHEMA_LOCK_KEY ")", error);
}

static void
postgresql_unlock_schema (EkycStorage *self)
{
  postgresql_exec_script (self, "SELECT pg_advisory_unlock(" SCHEMA_LOCK_KEY ")", NULL);
}

static const EkycStorageBackendClass postgresql_class = {
  .name = "postgresql",
  .close = postgresql_close,
  .exec = postgresql_exec,
  .query = postgresql_query,
  .exec_script = postgresql_exec_script,
  .lock_schema = postgresql_lock_schema,
  .unlock_schema = postgresql_unlock_schema,
};

EkycStorage *
_ekyc_storage_postgresql_open (const char *uri, GError **error)
{
  PGconn *conn = PQconnectdb (uri);
  PostgresqlImpl *impl;
  EkycStorage *self;

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (conn)));
      g_set_error (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_OPEN,
                   "cannot connect to PostgreSQL: %s", message);
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  impl = g_new0 (PostgresqlImpl, 1);
  impl->conn = conn;
  impl->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self = g_new0 (EkycStorage, 1);
  self->klass = &postgresql_class;
  self->backend = EKYC_STORAGE_POSTGRESQL;
  self->impl = impl;
  return self;
}

#else  /* !HAVE_LIBPQ */

EkycStorage *
_ekyc_storage_postgresql_open (const char *uri, GError **error)
{
  g_set_error_literal (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_OPEN,
                       "this ekyc-server was built without PostgreSQL (meson -Dpostgresql=enabled)");
  return NULL;
}

#endif
