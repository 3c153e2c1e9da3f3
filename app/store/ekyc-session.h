/* ekyc-session.h — a signed-in user: role, and the lock after inactivity
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Sessions are made only by ekyc_store_sign_in() and are passed to every store call that acts
 * for someone; the store checks the role and that the session is neither locked nor signed out.
 * Lock logic: the UI calls ekyc_session_touch() on user input; when nothing touched the session
 * for "lock-timeout" seconds it locks itself (a timer on the main context of the thread that
 * opened the store) and notifies "locked". The timeout is the store's (ekyc_store_get_lock_timeout,
 * which only a supervisor changes, audited): a session follows each change and has no setter. Unlocking needs the same user's
 * password. Use a session from its main thread only.
 */
#pragma once

#include <gio/gio.h>

#include "ekyc-case-enums.h"

G_BEGIN_DECLS

#define EKYC_SESSION_DEFAULT_LOCK_TIMEOUT 300  /* seconds */

#define EKYC_TYPE_SESSION (ekyc_session_get_type ())
G_DECLARE_FINAL_TYPE (EkycSession, ekyc_session, EKYC, SESSION, GObject)

/* Properties: "username", "display-name", "role" (read-only); "locked", "signed-out", "lock-timeout"
 * (guint seconds, the store's) (read-only, notify). */

const char *ekyc_session_get_username      (EkycSession *self);
const char *ekyc_session_get_display_name  (EkycSession *self);
EkycRole    ekyc_session_get_role          (EkycSession *self);
gboolean    ekyc_session_is_supervisor     (EkycSession *self);
gboolean    ekyc_session_get_locked        (EkycSession *self);
gboolean    ekyc_session_get_signed_out    (EkycSession *self);
guint       ekyc_session_get_lock_timeout  (EkycSession *self);

/* The user did something: restart the inactivity clock (ignored while locked). */
void        ekyc_session_touch             (EkycSession *self);
void        ekyc_session_lock              (EkycSession *self);
/* Locks when more than lock-timeout seconds passed between the last touch and @now_us
 * (g_get_monotonic_time() scale). Returns whether the session is locked. The timer calls it;
 * tests call it with a chosen clock. */
gboolean    ekyc_session_check_idle        (EkycSession *self, gint64 now_us);
/* Ends the session for good (it stays locked, every store call refuses it). */
void        ekyc_session_sign_out          (EkycSession *self);

/* Checks @password (Argon2id: slow, so async in the UI) and unlocks. Fails with
 * EKYC_STORE_ERROR_SIGN_IN_FAILED on a wrong password, EKYC_STORE_ERROR_LOCKED when signed out. */
gboolean    ekyc_session_unlock            (EkycSession   *self,
                                            const char    *password,
                                            GCancellable  *cancellable,
                                            GError       **error);
void        ekyc_session_unlock_async      (EkycSession         *self,
                                            const char          *password,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    ekyc_session_unlock_finish     (EkycSession   *self,
                                            GAsyncResult  *result,
                                            GError       **error);

G_END_DECLS
