/* ekyc-store-view.c — opening a case for a person to look at, which the audit log records
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include "ekyc-store-private.h"

EkycCase *
ekyc_store_view_case (EkycStore     *self,
                      EkycSession   *session,
                      const char    *case_id,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(EkycCase) kase = NULL;
  gboolean ok;

  g_return_val_if_fail (EKYC_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One lock for both: the entry is written only for a case that was there to be seen, and
   * nobody sees a case whose viewing could not be recorded. */
  g_rec_mutex_lock (&self->lock);
  kase = ekyc_store_load_case (self, session, case_id, cancellable, error);
  ok = kase != NULL
       && _ekyc_store_begin (self, error)
       && _ekyc_store_audit_append (self, ekyc_session_get_username (session), "case-viewed",
                                    case_id, NULL, error)
       && _ekyc_store_commit (self, error);
  if (!ok && kase != NULL)
    _ekyc_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);
  return ok ? g_steal_pointer (&kase) : NULL;
}
