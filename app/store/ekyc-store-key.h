/* ekyc-store-key.h — the store's secret: where it lives, sealing, keyed hashes
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One 32-byte master key per database, kept in the Secret Service (libsecret, attribute "path")
 * or in a 0600 file "<database>.key". Three subkeys are derived from it (crypto_kdf): one seals
 * personal data (secretbox, a random nonce per value), one hashes ID numbers for exact search,
 * one chains the audit log.
 */
#pragma once

#include <glib.h>

#include "ekyc-store.h"

G_BEGIN_DECLS

#define EKYC_STORE_HASH_BYTES 32

typedef struct _EkycStoreKey EkycStoreKey;

/* Loads the key of the database at @db_path, creating one when none exists yet. */
EkycStoreKey *_ekyc_store_key_load       (const char          *db_path,
                                          EkycStoreFlags       flags,
                                          GCancellable        *cancellable,
                                          GError             **error);
void          _ekyc_store_key_free       (EkycStoreKey *key);
EkycStoreKeySource _ekyc_store_key_get_source (const EkycStoreKey *key);

/* nonce ‖ secretbox(plaintext). (transfer full) */
GBytes       *_ekyc_store_key_seal       (const EkycStoreKey *key,
                                          const guint8       *plaintext,
                                          gsize               length);
/* NULL with EKYC_STORE_ERROR_KEY when @sealed was not sealed with this key or was altered. */
GBytes       *_ekyc_store_key_open       (const EkycStoreKey *key,
                                          const guint8       *sealed,
                                          gsize               length,
                                          GError            **error);
/* Keyed hash of an ID number (digits only), for exact lookup. */
void          _ekyc_store_key_hash_id    (const EkycStoreKey *key,
                                          const char         *id_number,
                                          guint8              out[EKYC_STORE_HASH_BYTES]);
/* The audit chain's keyed hash of @data. */
void          _ekyc_store_key_hash_audit (const EkycStoreKey *key,
                                          const guint8       *data,
                                          gsize               length,
                                          guint8              out[EKYC_STORE_HASH_BYTES]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycStoreKey, _ekyc_store_key_free)

G_END_DECLS
