/* ekyc-store-audit.c — the append-only audit log: a keyed hash chain, listing, verification
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Row n's hash is a keyed BLAKE2b (the store key's audit subkey) over row n-1's hash and row n's
 * sequence, time, actor, action, case and detail. Triggers refuse UPDATE and DELETE from any
 * connection; someone who drops them from outside cannot rebuild the chain without the key, so
 * ekyc_store_verify_audit() finds the first changed, inserted or removed row. What it cannot see
 * is the removal of the newest rows (nothing after them to break).
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "ekyc-store-private.h"

static void
append_int64 (GByteArray *out, gint64 value)
{
  guint64 le = GUINT64_TO_LE ((guint64) value);
  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
}

static void
append_text (GByteArray *out, const char *text)
{
  guint32 length = text ? (guint32) strlen (text) : G_MAXUINT32;
  guint32 le = GUINT32_TO_LE (length);

  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
  if (text != NULL)
    g_byte_array_append (out, (const guint8 *) text, length);
}

static void
chain_hash (EkycStore    *self,
            const guint8  prev[EKYC_STORE_HASH_BYTES],
            gint64        seq,
            gint64        at,
            const char   *actor,
            const char   *action,
            const char   *case_id,
            const char   *detail,
            guint8        out[EKYC_STORE_HASH_BYTES])
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  g_byte_array_append (data, prev, EKYC_STORE_HASH_BYTES);
  append_int64 (data, seq);
  append_int64 (data, at);
  append_text (data, actor);
  append_text (data, action);
  append_text (data, case_id);
  append_text (data, detail);
  _ekyc_store_key_hash_audit (self->key, data->data, data->len, out);
}

gboolean
_ekyc_store_audit_append (EkycStore   *self,
                          const char  *actor,
                          const char  *action,
                          const char  *case_id,
                          const char  *detail,
                          GError     **error)
{
  guint8 prev[EKYC_STORE_HASH_BYTES] = { 0 };
  guint8 hash[EKYC_STORE_HASH_BYTES];
  gint64 seq = 1;
  gint64 at = g_get_real_time ();
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_rec_mutex_lock (&self->lock);
  stmt = _ekyc_store_prepare (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      if (sqlite3_column_bytes (stmt, 1) == EKYC_STORE_HASH_BYTES)
        memcpy (prev, sqlite3_column_blob (stmt, 1), EKYC_STORE_HASH_BYTES);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, rc, error);
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  chain_hash (self, prev, seq, at, actor, action, case_id, detail, hash);
  stmt = _ekyc_store_prepare (self,
                              "INSERT INTO audit (seq, at, actor, action, case_id, detail, hash)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, seq);
      sqlite3_bind_int64 (stmt, 2, at);
      sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, case_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, detail, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 7, hash, sizeof hash, SQLITE_STATIC);
      ok = _ekyc_store_step_done (self, stmt, error);
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
ekyc_store_verify_audit (EkycStore     *self,
                         guint         *n_entries,
                         GCancellable  *cancellable,
                         GError       **error)
{
  guint8 prev[EKYC_STORE_HASH_BYTES] = { 0 };
  sqlite3_stmt *stmt;
  gint64 expected_seq = 1;
  gint64 bad_seq = 0;
  int rc;

  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  stmt = _ekyc_store_prepare (self,
                              "SELECT seq, at, actor, action, case_id, detail, hash FROM audit"
                              " ORDER BY seq",
                              error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint8 hash[EKYC_STORE_HASH_BYTES];
      gint64 seq = sqlite3_column_int64 (stmt, 0);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      chain_hash (self, prev, seq, sqlite3_column_int64 (stmt, 1),
                  (const char *) sqlite3_column_text (stmt, 2),
                  (const char *) sqlite3_column_text (stmt, 3),
                  (const char *) sqlite3_column_text (stmt, 4),
                  (const char *) sqlite3_column_text (stmt, 5), hash);
      if (seq != expected_seq || sqlite3_column_bytes (stmt, 6) != EKYC_STORE_HASH_BYTES
          || sodium_memcmp (hash, sqlite3_column_blob (stmt, 6), EKYC_STORE_HASH_BYTES) != 0)
        {
          bad_seq = seq;
          break;
        }
      memcpy (prev, hash, sizeof hash);
      expected_seq++;
    }
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (bad_seq != 0)
    {
      g_set_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_TAMPERED,
                   _("The audit log was changed outside the app: entry %lld does not follow "
                     "from the entries before it."),
                   (long long) bad_seq);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  if (n_entries != NULL)
    *n_entries = (guint) (expected_seq - 1);
  return TRUE;
}

GListModel *
ekyc_store_list_audit (EkycStore    *self,
                       EkycSession  *session,
                       const char   *case_id,
                       GError      **error)
{
  g_autoptr(GListStore) entries = NULL;
  sqlite3_stmt *stmt;
  gboolean supervisor;
  int rc;

  g_return_val_if_fail (EKYC_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_ekyc_store_check_session (self, session, FALSE, error))
    return NULL;
  supervisor = ekyc_session_get_role (session) == EKYC_ROLE_SUPERVISOR;

  entries = g_list_store_new (EKYC_TYPE_AUDIT_ENTRY);
  g_rec_mutex_lock (&self->lock);
  stmt = _ekyc_store_prepare (self,
                              "SELECT seq, at, actor, action, case_id, detail FROM audit"
                              " WHERE (?1 IS NULL OR case_id = ?1) AND (?2 OR case_id IS NOT NULL)"
                              " ORDER BY seq",
                              error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, supervisor);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) at = _ekyc_store_datetime_from_usec (sqlite3_column_int64 (stmt, 1));
      g_autoptr(EkycAuditEntry) entry =
        _ekyc_audit_entry_new (sqlite3_column_int64 (stmt, 0), at,
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 4),
                               (const char *) sqlite3_column_text (stmt, 5));
      g_list_store_append (entries, entry);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, rc, error);
      g_rec_mutex_unlock (&self->lock);
      return NULL;
    }
  g_rec_mutex_unlock (&self->lock);
  return G_LIST_MODEL (g_steal_pointer (&entries));
}
