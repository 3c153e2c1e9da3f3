/* ekyc-store.h — the cases, users, audit log and settings, in one encrypted sqlite file
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One sqlite file (default g_get_user_data_dir()/ekyc/cases.db) in WAL mode with foreign keys,
 * its schema versioned by PRAGMA user_version and migrated forward on open. Evidence images and
 * ID numbers are sealed with libsodium secretbox; ID numbers are also kept as a keyed hash so an
 * exact search works. The key lives in the Secret Service (libsecret) or, when there is none, in a
 * 0600 file beside the database (KEY_FILE, with a warning).
 *
 * Every call that acts for someone takes the EkycSession from ekyc_store_sign_in() and checks
 * its role here: only a supervisor reviews, changes the policy or settings, creates users after
 * the first, or exports. Each case is saved in one transaction, and every action is appended to
 * the audit log (a hash chain keyed with the store key; sqlite triggers refuse UPDATE and DELETE).
 *
 * Threads: every sync call may run on any thread (one connection behind a mutex); the _async
 * forms run the sync call in a GTask thread and call back on the caller's thread-default main
 * context. Signals are emitted on the main context of the thread that opened the store.
 * Errors: EKYC_STORE_ERROR (translated messages) or G_IO_ERROR_CANCELLED.
 */
#pragma once

#include <gio/gio.h>

#include "ekyc-audit-entry.h"
#include "ekyc-case.h"
#include "ekyc-policy.h"
#include "ekyc-session.h"
#include "ekyc-store-error.h"

G_BEGIN_DECLS

/* The current schema version (PRAGMA user_version). */
#define EKYC_STORE_SCHEMA_VERSION 2
#define EKYC_STORE_DEFAULT_RETENTION_DAYS 365
#define EKYC_STORE_MAX_LOCK_TIMEOUT (120 * 60)  /* seconds */

typedef enum {
  EKYC_STORE_FLAGS_NONE       = 0,
  EKYC_STORE_FLAGS_NO_KEYRING = 1 << 0,  /* skip the Secret Service: key file only (tests) */
} EkycStoreFlags;

typedef enum {
  EKYC_STORE_KEY_SOURCE_KEYRING,
  EKYC_STORE_KEY_SOURCE_KEY_FILE,
} EkycStoreKeySource;

/**
 * EkycCaseQuery:
 * What a case list shows. Integer filters take -1 for "any".
 * @text: (nullable): a name fragment (case- and accent-insensitive: "nguyen van" finds
 *   "Nguyễn Văn An") or, when it is 9 or 12 digits, an exact ID number.
 * @from, @to: (nullable): created at or after @from, and before @to.
 * @decision: an EkycDecision or -1. @review_state: an EkycReviewState or -1.
 * @sync_state: an EkycSyncState or -1.
 * @ids: (nullable): only the cases with these ids (an empty vector: none), besides the other
 *   filters; for a list whose filters also run outside the store (the evidence upload state).
 * @limit: at most this many (0 = no limit), newest first, after skipping @offset.
 */
typedef struct {
  char      *text;
  GDateTime *from;
  GDateTime *to;
  int        decision;
  int        review_state;
  int        sync_state;
  char     **ids;
  guint      limit;
  guint      offset;
} EkycCaseQuery;

#define EKYC_TYPE_CASE_QUERY (ekyc_case_query_get_type ())
GType          ekyc_case_query_get_type (void) G_GNUC_CONST;
EkycCaseQuery *ekyc_case_query_new      (void);  /* every filter "any" */
EkycCaseQuery *ekyc_case_query_copy     (const EkycCaseQuery *query);
void           ekyc_case_query_free     (EkycCaseQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycCaseQuery, ekyc_case_query_free)

#define EKYC_TYPE_STORE (ekyc_store_get_type ())
G_DECLARE_FINAL_TYPE (EkycStore, ekyc_store, EKYC, STORE, GObject)

/* Signals:
 * "case-changed" (const char *case_id): a case was saved, reviewed, purged or synced.
 * "settings-changed": the policy, retention or lock timeout changed. */

/* (transfer full): g_get_user_data_dir()/ekyc/cases.db */
char         *ekyc_store_default_path   (void);

/* Opens (creating it and its folder, mode 0700, when missing) and migrates the database at @path
 * (NULL: the default path). Fails with EKYC_STORE_ERROR_CORRUPT, _TOO_NEW, _KEY or _IO. */
EkycStore    *ekyc_store_open           (const char     *path,
                                         EkycStoreFlags  flags,
                                         GCancellable   *cancellable,
                                         GError        **error);
void          ekyc_store_open_async     (const char          *path,
                                         EkycStoreFlags       flags,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
EkycStore    *ekyc_store_open_finish    (GAsyncResult  *result,
                                         GError       **error);

const char   *ekyc_store_get_path       (EkycStore *self);
EkycStoreKeySource ekyc_store_get_key_source (EkycStore *self);

/* --- users and sessions --- */

/* TRUE until the first user exists: the UI then asks for the first supervisor. */
gboolean      ekyc_store_needs_first_user (EkycStore *self);
/* Creates a user. With no user yet, @session must be NULL and @role SUPERVISOR; afterwards
 * @session must be a supervisor's. Passwords: at least 8 characters (EKYC_STORE_ERROR_INVALID).
 * User names: 1–64 characters, letters, digits, '.', '_', '-'. */
gboolean      ekyc_store_create_user    (EkycStore     *self,
                                         EkycSession   *session,
                                         const char    *username,
                                         const char    *display_name,
                                         const char    *password,
                                         EkycRole       role,
                                         GCancellable  *cancellable,
                                         GError       **error);
void          ekyc_store_create_user_async (EkycStore           *self,
                                            EkycSession         *session,
                                            const char          *username,
                                            const char          *display_name,
                                            const char          *password,
                                            EkycRole             role,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      ekyc_store_create_user_finish (EkycStore     *self,
                                             GAsyncResult  *result,
                                             GError       **error);
/* Checks the password (Argon2id) and returns a session with the store's lock timeout.
 * Fails with EKYC_STORE_ERROR_SIGN_IN_FAILED ("Wrong user name or password."). */
EkycSession  *ekyc_store_sign_in        (EkycStore     *self,
                                         const char    *username,
                                         const char    *password,
                                         GCancellable  *cancellable,
                                         GError       **error);
void          ekyc_store_sign_in_async  (EkycStore           *self,
                                         const char          *username,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
EkycSession  *ekyc_store_sign_in_finish (EkycStore     *self,
                                         GAsyncResult  *result,
                                         GError       **error);

/* --- cases --- */

/* Saves @kase (insert or replace: fields, edits, checks, evidence, scores, decision) in one
 * transaction and appends "case-created"/"case-updated" to the audit log. A REVIEW decision puts
 * a case that has no review yet in the review queue. Any signed-in role. Fails with
 * EKYC_STORE_ERROR_FULL when the disk is full (nothing of the case is saved). */
gboolean      ekyc_store_save_case      (EkycStore     *self,
                                         EkycSession   *session,
                                         EkycCase      *kase,
                                         GCancellable  *cancellable,
                                         GError       **error);
void          ekyc_store_save_case_async  (EkycStore           *self,
                                           EkycSession         *session,
                                           EkycCase            *kase,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      ekyc_store_save_case_finish (EkycStore     *self,
                                           GAsyncResult  *result,
                                           GError       **error);
/* The full case with its evidence. EKYC_STORE_ERROR_NOT_FOUND when there is none. */
EkycCase     *ekyc_store_load_case      (EkycStore     *self,
                                         EkycSession   *session,
                                         const char    *case_id,
                                         GCancellable  *cancellable,
                                         GError       **error);
void          ekyc_store_load_case_async  (EkycStore           *self,
                                           EkycSession         *session,
                                           const char          *case_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
EkycCase     *ekyc_store_load_case_finish (EkycStore     *self,
                                           GAsyncResult  *result,
                                           GError       **error);
/* Loads the full case, as ekyc_store_load_case(), for a person to look at, and appends
 * "case-viewed" (by @session's user) to the audit log: seeing a case is access to personal data.
 * Nothing is shown when the entry cannot be written (EKYC_STORE_ERROR_FULL, _IO). Any signed-in
 * role. Blocking, any thread (the app runs it in a worker with ekyc_store_list_audit()). */
EkycCase     *ekyc_store_view_case      (EkycStore     *self,
                                         EkycSession   *session,
                                         const char    *case_id,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* (transfer full): a GListStore of EkycCase (without evidence bytes), newest first. */
GListModel   *ekyc_store_query_cases    (EkycStore           *self,
                                         EkycSession         *session,
                                         const EkycCaseQuery *query,
                                         GCancellable        *cancellable,
                                         GError             **error);
void          ekyc_store_query_cases_async  (EkycStore           *self,
                                             EkycSession         *session,
                                             const EkycCaseQuery *query,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GListModel   *ekyc_store_query_cases_finish (EkycStore     *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* A supervisor approves (@verdict APPROVED) or rejects (REJECTED) a case in the review queue,
 * with a mandatory @note (EKYC_STORE_ERROR_INVALID when empty; _NOT_ALLOWED for a teller or a
 * case that is not pending). */
gboolean      ekyc_store_review_case    (EkycStore        *self,
                                         EkycSession      *session,
                                         const char       *case_id,
                                         EkycReviewState   verdict,
                                         const char       *note,
                                         GCancellable     *cancellable,
                                         GError          **error);
void          ekyc_store_review_case_async  (EkycStore           *self,
                                             EkycSession         *session,
                                             const char          *case_id,
                                             EkycReviewState      verdict,
                                             const char          *note,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      ekyc_store_review_case_finish (EkycStore     *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* For the sync outbox (acts as "system"). */
gboolean      ekyc_store_set_sync_state (EkycStore      *self,
                                         const char     *case_id,
                                         EkycSyncState   state,
                                         GError        **error);

/* Supervisor only: writes the cases matching @query (NULL: all) with their fields, ID numbers in
 * clear, checks, decision and review, as a JSON array to @destination. */
gboolean      ekyc_store_export_cases   (EkycStore           *self,
                                         EkycSession         *session,
                                         const EkycCaseQuery *query,
                                         GFile               *destination,
                                         GCancellable        *cancellable,
                                         GError             **error);
void          ekyc_store_export_cases_async  (EkycStore           *self,
                                              EkycSession         *session,
                                              const EkycCaseQuery *query,
                                              GFile               *destination,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      ekyc_store_export_cases_finish (EkycStore     *self,
                                              GAsyncResult  *result,
                                              GError       **error);

/* --- policy and settings (reading: anyone; changing: supervisor) --- */

EkycPolicy   *ekyc_store_load_policy    (EkycStore *self, GError **error);  /* (transfer full) */
gboolean      ekyc_store_save_policy    (EkycStore     *self,
                                         EkycSession   *session,
                                         EkycPolicy    *policy,
                                         GError       **error);
guint         ekyc_store_get_retention_days (EkycStore *self);
gboolean      ekyc_store_set_retention_days (EkycStore    *self,
                                             EkycSession  *session,
                                             guint         days,
                                             GError      **error);
/* The inactivity lock in seconds (1 to EKYC_STORE_MAX_LOCK_TIMEOUT; 0 is refused with
 * EKYC_STORE_ERROR_INVALID). Every session of this store follows it, open ones included. */
guint         ekyc_store_get_lock_timeout   (EkycStore *self);
gboolean      ekyc_store_set_lock_timeout   (EkycStore    *self,
                                             EkycSession  *session,
                                             guint         seconds,
                                             GError      **error);

/* --- retention --- */

/* Deletes the evidence images and sealed ID numbers of cases created more than retention-days
 * before @now (NULL: the clock), keeps the case rows (name, decision, review) and the audit trail,
 * and appends "evidence-purged". Returns the number of cases purged, or -1 with @error. */
int           ekyc_store_purge_expired  (EkycStore     *self,
                                         GDateTime     *now,
                                         GCancellable  *cancellable,
                                         GError       **error);
void          ekyc_store_purge_expired_async  (EkycStore           *self,
                                               GDateTime           *now,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
int           ekyc_store_purge_expired_finish (EkycStore     *self,
                                               GAsyncResult  *result,
                                               GError       **error);

/* --- audit --- */

/* (transfer full): a GListStore of EkycAuditEntry, oldest first; of one case when @case_id is
 * not NULL. A teller sees only the entries of cases; a supervisor sees all. */
GListModel   *ekyc_store_list_audit     (EkycStore     *self,
                                         EkycSession   *session,
                                         const char    *case_id,
                                         GError       **error);
/* Recomputes the hash chain. FALSE with EKYC_STORE_ERROR_TAMPERED (naming the first bad
 * sequence number) when a row was changed, inserted, reordered or removed from the middle. */
gboolean      ekyc_store_verify_audit   (EkycStore     *self,
                                         guint         *n_entries,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_END_DECLS
