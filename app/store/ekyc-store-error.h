/* ekyc-store-error.h — why a store call failed, for callers that branch on it
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EKYC_STORE_ERROR (ekyc_store_error_quark ())

/**
 * EkycStoreError:
 * @EKYC_STORE_ERROR_CORRUPT: the database file is damaged or not a database.
 * @EKYC_STORE_ERROR_TOO_NEW: the database was written by a newer version of the app.
 * @EKYC_STORE_ERROR_FULL: the disk (or the database's size limit) is full; nothing was saved.
 * @EKYC_STORE_ERROR_IO: another failure of the database (locked, read-only, I/O error).
 * @EKYC_STORE_ERROR_KEY: the encryption key is missing or wrong.
 * @EKYC_STORE_ERROR_SIGN_IN_FAILED: unknown user or wrong password (deliberately the same).
 * @EKYC_STORE_ERROR_NOT_ALLOWED: the session's role may not do this, or it belongs to another store.
 * @EKYC_STORE_ERROR_LOCKED: the session is locked or signed out.
 * @EKYC_STORE_ERROR_USER_EXISTS: a user of that name exists.
 * @EKYC_STORE_ERROR_NOT_FOUND: no case of that id.
 * @EKYC_STORE_ERROR_INVALID: bad input (empty note, weak password, malformed value).
 * @EKYC_STORE_ERROR_TAMPERED: the audit log's hash chain is broken.
 */
typedef enum {
  EKYC_STORE_ERROR_CORRUPT,
  EKYC_STORE_ERROR_TOO_NEW,
  EKYC_STORE_ERROR_FULL,
  EKYC_STORE_ERROR_IO,
  EKYC_STORE_ERROR_KEY,
  EKYC_STORE_ERROR_SIGN_IN_FAILED,
  EKYC_STORE_ERROR_NOT_ALLOWED,
  EKYC_STORE_ERROR_LOCKED,
  EKYC_STORE_ERROR_USER_EXISTS,
  EKYC_STORE_ERROR_NOT_FOUND,
  EKYC_STORE_ERROR_INVALID,
  EKYC_STORE_ERROR_TAMPERED,
} EkycStoreError;

GQuark ekyc_store_error_quark (void);

G_END_DECLS
