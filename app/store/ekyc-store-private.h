/* ekyc-store-private.h — what the store's files share: the connection, the key, helpers
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sqlite3.h>

#include "ekyc-store.h"
#include "ekyc-store-key.h"

G_BEGIN_DECLS

struct _EkycStore
{
  GObject       parent_instance;

  char         *path;
  EkycStoreFlags flags;
  sqlite3      *db;
  GRecMutex     lock;       /* one connection: every use holds it, a transaction included */
  EkycStoreKey *key;
  GMainContext *context;    /* where signals are emitted */

  /* Tests only: called inside the save transaction, between its steps. */
  void        (*save_hook) (const char *step, gpointer data);
  gpointer      save_hook_data;
};

/* Maps the connection's last error to a translated EKYC_STORE_ERROR (FULL, CORRUPT, IO). */
void      _ekyc_store_set_sqlite_error (EkycStore *self, int rc, GError **error);
gboolean  _ekyc_store_exec             (EkycStore *self, const char *sql, GError **error);
sqlite3_stmt *_ekyc_store_prepare      (EkycStore *self, const char *sql, GError **error);
/* Steps a statement that returns no rows. */
gboolean  _ekyc_store_step_done        (EkycStore *self, sqlite3_stmt *stmt, GError **error);
gboolean  _ekyc_store_begin            (EkycStore *self, GError **error);
gboolean  _ekyc_store_commit           (EkycStore *self, GError **error);
void      _ekyc_store_rollback         (EkycStore *self);
void      _ekyc_store_emit_case_changed (EkycStore *self, const char *case_id);
void      _ekyc_store_emit_settings_changed (EkycStore *self);

/* The session may act (same store, not locked or signed out); with @supervisor, it must also be
 * a supervisor's. */
gboolean  _ekyc_store_check_session    (EkycStore    *self,
                                        EkycSession  *session,
                                        gboolean      supervisor,
                                        GError      **error);

/* Settings table. */
char     *_ekyc_store_get_setting      (EkycStore *self, const char *key);
gboolean  _ekyc_store_put_setting      (EkycStore *self, const char *key, const char *value,
                                        GError **error);

/* Schema (ekyc-store-schema.c): creates or migrates to EKYC_STORE_SCHEMA_VERSION. */
gboolean  _ekyc_store_migrate          (EkycStore *self, GError **error);
/* Lowercase, without diacritics, for accent-insensitive name search ("Nguyễn" → "nguyen"). */
char     *_ekyc_store_fold_name        (const char *name);

/* Sync outbox (ekyc-store-sync.c): the tables and triggers at open; queueing a new case inside
 * the caller's save transaction. */
gboolean  _ekyc_store_sync_prepare     (EkycStore *self, GError **error);
gboolean  _ekyc_store_sync_queue_case  (EkycStore   *self,
                                        const char  *case_id,
                                        gint64       created_at_usec,
                                        const char  *decision,
                                        gboolean     has_similarity,
                                        double       similarity,
                                        gboolean     has_liveness,
                                        double       liveness,
                                        const char  *reasons,
                                        GError     **error);

/* Audit (ekyc-store-audit.c): appends inside the caller's transaction. */
gboolean  _ekyc_store_audit_append     (EkycStore   *self,
                                        const char  *actor,
                                        const char  *action,
                                        const char  *case_id,
                                        const char  *detail,
                                        GError     **error);

/* Users (ekyc-store-users.c). */
gboolean  _ekyc_store_check_password   (EkycStore    *self,
                                        const char   *username,
                                        const char   *password,
                                        GError      **error);

/* Sessions (ekyc-session.c). */
EkycSession *_ekyc_session_new         (EkycStore   *store,
                                        const char  *username,
                                        const char  *display_name,
                                        EkycRole     role,
                                        guint        lock_timeout);
EkycStore   *_ekyc_session_get_store   (EkycSession *session);

/* Audit entries (ekyc-audit-entry.c). */
EkycAuditEntry *_ekyc_audit_entry_new  (gint64      sequence,
                                        GDateTime  *at,
                                        const char *actor,
                                        const char *action,
                                        const char *case_id,
                                        const char *detail);

/* Tests: a hook called at each step of a case's save transaction, and raw SQL. */
void      _ekyc_store_set_save_hook    (EkycStore *self,
                                        void     (*hook) (const char *step, gpointer data),
                                        gpointer   data);
gboolean  _ekyc_store_exec_for_test    (EkycStore *self, const char *sql, GError **error);

/* Runs @func (a sync call packed by the caller) in a GTask thread. */
typedef gpointer (*EkycStoreThreadFunc) (EkycStore *self, gpointer data, GCancellable *c,
                                         GError **error);

G_END_DECLS

G_BEGIN_DECLS
/* Times are stored as microseconds since 1970 UTC. */
GDateTime *_ekyc_store_datetime_from_usec (gint64 usec);
gint64     _ekyc_store_datetime_to_usec   (GDateTime *datetime);
G_END_DECLS
