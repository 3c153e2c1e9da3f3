/* ekyc-store-evidence.c — a case's evidence images, opened, for the sync's evidence upload
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-store-evidence.h"
#include "ekyc-store-private.h"
#include "ekyc-sync-evidence.h"

gboolean
ekyc_store_evidence_loader (const char    *case_id,
                            GPtrArray     *images,
                            gboolean      *purged,
                            gpointer       store,
                            GCancellable  *cancellable,
                            GError       **error)
{
  EkycStore *self = store;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && images != NULL && purged != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  *purged = FALSE;
  g_rec_mutex_lock (&self->lock);
  stmt = _ekyc_store_prepare (self, "SELECT evidence_purged_at FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no such case."));
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto out;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *purged = TRUE;
      ok = TRUE;
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _ekyc_store_prepare (self, "SELECT kind, mime_type, data FROM evidence "
                              "WHERE case_id = ?1 ORDER BY kind", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GBytes) data = _ekyc_store_key_open (self->key, sqlite3_column_blob (stmt, 2),
                                                     sqlite3_column_bytes (stmt, 2), error);
      if (data == NULL)
        goto out;
      g_ptr_array_add (images, ekyc_sync_evidence_image_new (
                                 (const char *) sqlite3_column_text (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1), data));
    }
  if (rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto out;
    }
  ok = TRUE;

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
