/* ekyc-store-key.c — the store's secret: where it lives, sealing, keyed hashes
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <sodium.h>

#include "ekyc-store-key.h"

enum {
  SUBKEY_SEAL = 1,
  SUBKEY_ID_HASH = 2,
  SUBKEY_AUDIT = 3,
};

#define KDF_CONTEXT "ekycstor"

struct _EkycStoreKey
{
  EkycStoreKeySource source;
  guint8 seal[crypto_secretbox_KEYBYTES];
  guint8 id_hash[crypto_generichash_KEYBYTES];
  guint8 audit[crypto_generichash_KEYBYTES];
};

static const SecretSchema *
store_key_schema (void)
{
  static const SecretSchema schema = {
    "org.ekyc.Store", SECRET_SCHEMA_NONE,
    {
      { "path", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

static EkycStoreKey *
key_from_master (const guint8 master[crypto_kdf_KEYBYTES], EkycStoreKeySource source)
{
  EkycStoreKey *key = sodium_malloc (sizeof (EkycStoreKey));

  g_assert (key != NULL);
  key->source = source;
  crypto_kdf_derive_from_key (key->seal, sizeof key->seal, SUBKEY_SEAL, KDF_CONTEXT, master);
  crypto_kdf_derive_from_key (key->id_hash, sizeof key->id_hash, SUBKEY_ID_HASH, KDF_CONTEXT,
                              master);
  crypto_kdf_derive_from_key (key->audit, sizeof key->audit, SUBKEY_AUDIT, KDF_CONTEXT, master);
  return key;
}

static gboolean
decode_master (const char *text, guint8 master[crypto_kdf_KEYBYTES])
{
  gsize length = 0;
  g_autofree guint8 *raw = NULL;

  if (text == NULL)
    return FALSE;
  raw = g_base64_decode (g_strstrip ((char *) text), &length);
  if (length != crypto_kdf_KEYBYTES)
    {
      if (raw != NULL)
        sodium_memzero (raw, length);
      return FALSE;
    }
  memcpy (master, raw, crypto_kdf_KEYBYTES);
  sodium_memzero (raw, length);
  return TRUE;
}

static EkycStoreKey *
load_key_file (const char *key_path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  guint8 master[crypto_kdf_KEYBYTES];
  EkycStoreKey *key;

  if (!g_file_get_contents (key_path, &text, &length, NULL) || !decode_master (text, master))
    {
      g_set_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_KEY,
                   _("The key file %s is damaged: the saved cases cannot be read."), key_path);
      if (text != NULL)
        sodium_memzero (text, length);
      return NULL;
    }
  sodium_memzero (text, length);
  if (g_chmod (key_path, 0600) != 0)
    g_warning ("Could not restrict the permissions of %s: %s", key_path, g_strerror (errno));
  key = key_from_master (master, EKYC_STORE_KEY_SOURCE_KEY_FILE);
  sodium_memzero (master, sizeof master);
  return key;
}

static EkycStoreKey *
create_key_file (const char *key_path, GError **error)
{
  guint8 master[crypto_kdf_KEYBYTES];
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  EkycStoreKey *key;

  randombytes_buf (master, sizeof master);
  text = g_base64_encode (master, sizeof master);
  if (!g_file_set_contents_full (key_path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_KEY,
                   _("Could not save the encryption key: %s"), local_error->message);
      sodium_memzero (master, sizeof master);
      sodium_memzero (text, strlen (text));
      return NULL;
    }
  sodium_memzero (text, strlen (text));
  key = key_from_master (master, EKYC_STORE_KEY_SOURCE_KEY_FILE);
  sodium_memzero (master, sizeof master);
  return key;
}

/* NULL without error when there is no usable Secret Service. */
static EkycStoreKey *
load_keyring (const char *db_path, GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  guint8 master[crypto_kdf_KEYBYTES];
  g_autofree char *label = NULL;
  char *stored;
  EkycStoreKey *key;

  stored = secret_password_lookup_sync (store_key_schema (), cancellable, &local_error,
                                        "path", db_path, NULL);
  if (local_error != NULL)
    {
      g_warning ("No Secret Service (%s): the store key is kept in a file beside the database",
                 local_error->message);
      return NULL;
    }
  if (stored != NULL)
    {
      gboolean ok = decode_master (stored, master);
      secret_password_free (stored);
      if (!ok)
        {
          g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_KEY,
                               _("The encryption key in the keyring is damaged: the saved cases "
                                 "cannot be read."));
          return NULL;
        }
      key = key_from_master (master, EKYC_STORE_KEY_SOURCE_KEYRING);
      sodium_memzero (master, sizeof master);
      return key;
    }

  randombytes_buf (master, sizeof master);
  stored = g_base64_encode (master, sizeof master);
  label = g_strdup_printf ("ekyc case store (%s)", db_path);
  if (!secret_password_store_sync (store_key_schema (), SECRET_COLLECTION_DEFAULT, label, stored,
                                   cancellable, &local_error, "path", db_path, NULL))
    {
      g_warning ("Could not save the store key in the Secret Service (%s): it is kept in a "
                 "file beside the database", local_error->message);
      sodium_memzero (stored, strlen (stored));
      g_free (stored);
      sodium_memzero (master, sizeof master);
      return NULL;
    }
  sodium_memzero (stored, strlen (stored));
  g_free (stored);
  key = key_from_master (master, EKYC_STORE_KEY_SOURCE_KEYRING);
  sodium_memzero (master, sizeof master);
  return key;
}

EkycStoreKey *
_ekyc_store_key_load (const char      *db_path,
                      EkycStoreFlags   flags,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autofree char *key_path = g_strconcat (db_path, ".key", NULL);
  EkycStoreKey *key;
  GError *local_error = NULL;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_KEY,
                           _("The encryption library could not start."));
      return NULL;
    }

  /* A key file, once made, stays the key of this database even if a keyring appears later. */
  if (g_file_test (key_path, G_FILE_TEST_EXISTS))
    {
      key = load_key_file (key_path, error);
      if (key != NULL && !(flags & EKYC_STORE_FLAGS_NO_KEYRING))
        g_warning ("The store key is kept in %s, not in a keyring: anyone who can read that "
                   "file can read the personal data", key_path);
      return key;
    }

  if (!(flags & EKYC_STORE_FLAGS_NO_KEYRING))
    {
      key = load_keyring (db_path, cancellable, &local_error);
      if (key != NULL || local_error != NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          return key;
        }
    }

  return create_key_file (key_path, error);
}

void
_ekyc_store_key_free (EkycStoreKey *key)
{
  if (key != NULL)
    sodium_free (key);
}

EkycStoreKeySource
_ekyc_store_key_get_source (const EkycStoreKey *key)
{
  return key->source;
}

GBytes *
_ekyc_store_key_seal (const EkycStoreKey *key, const guint8 *plaintext, gsize length)
{
  gsize total = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + length;
  guint8 *out = g_malloc (total);

  randombytes_buf (out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy (out + crypto_secretbox_NONCEBYTES, plaintext, length, out, key->seal);
  return g_bytes_new_take (out, total);
}

GBytes *
_ekyc_store_key_open (const EkycStoreKey *key,
                      const guint8       *sealed,
                      gsize               length,
                      GError            **error)
{
  gsize plain_length;
  guint8 *out;

  if (length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    goto fail;
  plain_length = length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
  out = g_malloc (plain_length + 1);
  if (crypto_secretbox_open_easy (out, sealed + crypto_secretbox_NONCEBYTES,
                                  length - crypto_secretbox_NONCEBYTES, sealed,
                                  key->seal) != 0)
    {
      g_free (out);
      goto fail;
    }
  out[plain_length] = '\0';  /* text values can be read in place */
  return g_bytes_new_take (out, plain_length);

fail:
  g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_KEY,
                       _("Encrypted data in the database cannot be read with this computer's "
                         "key."));
  return NULL;
}

void
_ekyc_store_key_hash_id (const EkycStoreKey *key,
                         const char         *id_number,
                         guint8              out[EKYC_STORE_HASH_BYTES])
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = id_number; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  crypto_generichash (out, EKYC_STORE_HASH_BYTES, (const guint8 *) digits->str, digits->len,
                      key->id_hash, sizeof key->id_hash);
  sodium_memzero (digits->str, digits->len);
}

void
_ekyc_store_key_hash_audit (const EkycStoreKey *key,
                            const guint8       *data,
                            gsize               length,
                            guint8              out[EKYC_STORE_HASH_BYTES])
{
  crypto_generichash (out, EKYC_STORE_HASH_BYTES, data, length, key->audit, sizeof key->audit);
}
