/* ekyc-sync-messages.h — the server's error codes in the user's language
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The server writes its messages in its own locale; the branch reads them in the app's. Each
 * error code of docs/api.md and docs/api-business.md gets a translated sentence that says what
 * the user can do; an unknown code keeps the server's own message.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* (transfer full): the message for an error reply (@body: its JSON, may be NULL or not JSON). */
char *ekyc_sync_describe_error_reply (const char *body, gsize length, guint status);
/* (transfer full): the message for @code, or @server_message when the code is unknown. */
char *ekyc_sync_describe_error_code  (const char *code, const char *server_message,
                                      guint status);
/* Whether @code is one the app knows: a message of its own, or one only operator routes answer. */
gboolean ekyc_sync_error_code_is_known (const char *code);

G_END_DECLS
