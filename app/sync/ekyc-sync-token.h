/* ekyc-sync-token.h — the device token, kept like the store key: Secret Service or a 0600 file
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The token that ekyc-server gave this device at enrolment is a secret: it lives in the Secret
 * Service (libsecret, attributes "path" of the case database and "kind" = "device-token") or,
 * without one, in "<database>.device-token" with mode 0600. Never in GSettings or a log.
 * Blocking calls: run them off the main thread when the keyring may be slow.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* (transfer full) (nullable): the token, or NULL when this device is not enrolled. */
char     *ekyc_sync_token_load  (const char *db_path, gboolean use_keyring, GError **error);
gboolean  ekyc_sync_token_save  (const char *db_path, gboolean use_keyring, const char *token,
                                 GError **error);
/* Forgets the token (after a revocation); no error when there was none. */
void      ekyc_sync_token_clear (const char *db_path, gboolean use_keyring);

G_END_DECLS
