/* ekyc-store-schema.c — the database schema and its migrations, by PRAGMA user_version
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each migration takes the database from version N-1 to N inside one transaction; a new version
 * adds a function to migrations[] and never edits an earlier one (tests keep every earlier
 * schema's SQL and migrate it). Personal data: every field value is sealed; the ID number is
 * also kept as a keyed hash (id_number_hash) for exact search; full_name stays in clear for the
 * case list's search.
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekyc-store-private.h"

/* Version 1: cases, fields, edits, checks, evidence, users, settings, the audit log. */
static const char schema_v1[] =
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE users ("
  "  username TEXT PRIMARY KEY,"
  "  display_name TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('teller', 'supervisor')),"
  "  password_hash TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE cases ("
  "  id TEXT PRIMARY KEY,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  teller TEXT NOT NULL,"
  "  full_name TEXT,"
  "  id_number_hash BLOB,"
  "  similarity REAL,"
  "  passive_liveness REAL,"
  "  decision TEXT NOT NULL,"
  "  reasons TEXT NOT NULL,"
  "  review_state TEXT NOT NULL,"
  "  reviewer TEXT,"
  "  review_note TEXT,"
  "  reviewed_at INTEGER,"
  "  sync_state TEXT NOT NULL,"
  "  evidence_purged_at INTEGER);"
  "CREATE INDEX cases_created_at ON cases (created_at);"
  "CREATE INDEX cases_id_number_hash ON cases (id_number_hash);"
  "CREATE INDEX cases_review_state ON cases (review_state);"
  "CREATE TABLE case_fields ("
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  value BLOB NOT NULL,"
  "  source TEXT NOT NULL,"
  "  original BLOB,"
  "  original_source TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, name));"
  "CREATE TABLE case_edits ("
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  field TEXT NOT NULL,"
  "  old_value BLOB,"
  "  new_value BLOB NOT NULL,"
  "  user TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (case_id, position));"
  "CREATE TABLE case_checks ("
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  outcome TEXT NOT NULL,"
  "  detail TEXT,"
  "  PRIMARY KEY (case_id, name));"
  "CREATE TABLE evidence ("
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  mime_type TEXT NOT NULL,"
  "  data BLOB NOT NULL,"
  "  PRIMARY KEY (case_id, kind));"
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  case_id TEXT,"
  "  detail TEXT,"
  "  hash BLOB NOT NULL);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;";

static gboolean
migrate_to_1 (EkycStore *self, GError **error)
{
  return _ekyc_store_exec (self, schema_v1, error);
}

/* Version 2: accent-insensitive name search ("nguyen" finds "Nguyễn"), which SQL's LIKE
 * cannot do on Vietnamese, so the folded name is computed here for the rows v1 left. */
static gboolean
migrate_to_2 (EkycStore *self, GError **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!_ekyc_store_exec (self,
                         "ALTER TABLE cases ADD COLUMN name_folded TEXT;"
                         "CREATE INDEX cases_name_folded ON cases (name_folded);",
                         error))
    return FALSE;

  stmt = _ekyc_store_prepare (self, "SELECT id, full_name FROM cases WHERE full_name IS NOT NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (names, _ekyc_store_fold_name ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  stmt = _ekyc_store_prepare (self, "UPDATE cases SET name_folded = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (names, i), -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          _ekyc_store_set_sqlite_error (self, rc, error);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean (* const migrations[]) (EkycStore *, GError **) = {
  migrate_to_1,
  migrate_to_2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == EKYC_STORE_SCHEMA_VERSION);

static int
read_user_version (EkycStore *self, GError **error)
{
  sqlite3_stmt *stmt = _ekyc_store_prepare (self, "PRAGMA user_version", error);
  int version = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    _ekyc_store_set_sqlite_error (self, rc, error);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
_ekyc_store_migrate (EkycStore *self, GError **error)
{
  int version = read_user_version (self, error);

  if (version < 0)
    return FALSE;
  if (version > EKYC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_TOO_NEW,
                   _("The case database was written by a newer version of this app "
                     "(schema %d, this version reads up to %d). Update the app."),
                   version, EKYC_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int next = version + 1; next <= EKYC_STORE_SCHEMA_VERSION; next++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", next);

      if (!_ekyc_store_begin (self, error))
        return FALSE;
      if (!migrations[next - 1] (self, error) || !_ekyc_store_exec (self, set_version, error)
          || !_ekyc_store_commit (self, error))
        {
          _ekyc_store_rollback (self);
          g_prefix_error (error, _("Could not update the case database to schema %d: "), next);
          return FALSE;
        }
      g_debug ("Migrated the case database to schema %d", next);
    }
  return TRUE;
}

char *
_ekyc_store_fold_name (const char *name)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GString) folded = g_string_new (NULL);

  if (name == NULL)
    return NULL;
  /* NFD splits "ễ" into "e" and combining marks, which are dropped; "đ" has no decomposition. */
  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  if (normalized == NULL)
    return g_strdup ("");
  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (c == 0x0111 || c == 0x0110)  /* đ Đ */
        c = 'd';
      g_string_append_unichar (folded, g_unichar_tolower (c));
    }
  return g_string_free (g_steal_pointer (&folded), FALSE);
}
