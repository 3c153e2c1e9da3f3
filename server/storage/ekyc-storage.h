/* ekyc-storage.h — the server's storage: one interface, a sqlite and a PostgreSQL backend
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every server module (devices, sync, the business rules) talks to the database through this
 * interface only, with portable SQL: `?` placeholders (rewritten to $1… for PostgreSQL), text
 * parameters (both engines convert them by the column's type), epoch seconds for times,
 * `INSERT … ON CONFLICT … DO NOTHING`, `RETURNING`. A module declares its tables as numbered
 * migrations with ekyc_storage_register_migration(), with a PostgreSQL variant where the dialects
 * differ; ekyc_storage_migrate() applies the ones not yet applied, in registration order.
 *
 * One EkycStorage is one connection: use it from one thread at a time. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EKYC_STORAGE_ERROR (ekyc_storage_error_quark ())

typedef enum {
  EKYC_STORAGE_ERROR_OPEN,        /* the database cannot be opened or reached */
  EKYC_STORAGE_ERROR_QUERY,       /* a statement failed (syntax, I/O, lost connection) */
  EKYC_STORAGE_ERROR_CONSTRAINT,  /* a unique, foreign-key, not-null or check constraint */
  EKYC_STORAGE_ERROR_MIGRATION,   /* a migration failed; nothing of it was applied */
} EkycStorageError;

typedef enum {
  EKYC_STORAGE_SQLITE,
  EKYC_STORAGE_POSTGRESQL,
} EkycStorageBackend;

typedef struct _EkycStorage     EkycStorage;
typedef struct _EkycStorageRows EkycStorageRows;

GQuark ekyc_storage_error_quark (void);

/* Parameters as a literal array and its length: EKYC_SQL_PARAMS ("a", id, NULL) — a NULL
 * element binds SQL NULL. */
#define EKYC_SQL_PARAMS(...) \
  ((const char *const[]) { __VA_ARGS__ }), \
  ((guint) G_N_ELEMENTS (((const char *const[]) { __VA_ARGS__ })))
#define EKYC_SQL_NO_PARAMS NULL, 0

/**
 * ekyc_storage_register_migration:
 * @module: the owning module ("core", "devices", "sync", "business"…), static string
 * @version: 1, 2, 3… within the module, registered in increasing order
 * @sqlite_sql: the statements (several, separated by `;`), static string
 * @postgresql_sql: (nullable): the PostgreSQL variant, or NULL when @sqlite_sql is portable
 *
 * Registers a schema step. Call before the first ekyc_storage_migrate(), from the module's
 * `_register ()` function listed in ekyc-server-modules.c. Not thread-safe.
 */
void ekyc_storage_register_migration (const char *module,
                                      int         version,
                                      const char *sqlite_sql,
                                      const char *postgresql_sql);

/**
 * ekyc_storage_open:
 * @location: a file path (sqlite, created if missing, WAL journal) or a `postgresql://` or
 *   `postgres://` URI
 *
 * Returns: (transfer full): the connection, or NULL with @error (EKYC_STORAGE_ERROR_OPEN).
 */
EkycStorage *ekyc_storage_open (const char *location, GError **error);
void         ekyc_storage_free (EkycStorage *self);
EkycStorageBackend ekyc_storage_get_backend (EkycStorage *self);
/* "sqlite" or "postgresql". */
const char  *ekyc_storage_get_backend_name (EkycStorage *self);

/* Applies the registered migrations not yet applied (recorded in schema_migrations), each in
 * its own transaction; safe when several processes start at once on one PostgreSQL. */
gboolean ekyc_storage_migrate (EkycStorage *self, GError **error);

/* Transactions (not nested). ekyc_storage_rollback() never fails and may be called when no
 * transaction is open. */
gboolean ekyc_storage_begin    (EkycStorage *self, GError **error);
gboolean ekyc_storage_commit   (EkycStorage *self, GError **error);
void     ekyc_storage_rollback (EkycStorage *self);
gboolean ekyc_storage_in_transaction (EkycStorage *self);

/**
 * ekyc_storage_exec:
 * @changes: (out) (optional): rows inserted, updated or deleted
 *
 * Runs one statement that returns no rows. Statements are prepared once and cached per SQL
 * text, so pass constant SQL and vary the parameters.
 */
gboolean ekyc_storage_exec (EkycStorage       *self,
                            const char        *sql,
                            const char *const *params,
                            guint              n_params,
                            gint64            *changes,
                            GError           **error);

/* Runs one statement and returns all its rows as text (NULL for SQL NULL). */
EkycStorageRows *ekyc_storage_query (EkycStorage       *self,
                                     const char        *sql,
                                     const char *const *params,
                                     guint              n_params,
                                     GError           **error);

/* Runs several statements with no parameters (scripts, migrations). */
gboolean ekyc_storage_exec_script (EkycStorage *self, const char *sql, GError **error);

guint        ekyc_storage_rows_get_count   (EkycStorageRows *rows);
guint        ekyc_storage_rows_get_columns (EkycStorageRows *rows);
/* The text of cell (@row, @column), NULL for SQL NULL; owned by @rows. */
const char  *ekyc_storage_rows_get         (EkycStorageRows *rows, guint row, guint column);
/* The cell as an integer, @fallback for NULL or text that is not one. */
gint64       ekyc_storage_rows_get_int     (EkycStorageRows *rows, guint row, guint column,
                                            gint64 fallback);
void         ekyc_storage_rows_free        (EkycStorageRows *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycStorage, ekyc_storage_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycStorageRows, ekyc_storage_rows_free)

G_END_DECLS
