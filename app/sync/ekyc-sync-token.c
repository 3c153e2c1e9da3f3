/* ekyc-sync-token.c — the device token, kept like the store key: Secret Service or a 0600 file
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-sync"
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "ekyc-sync-token.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "org.ekyc.DeviceToken", SECRET_SCHEMA_NONE,
    {
      { "path", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

static char *
token_file (const char *db_path)
{
  return g_strconcat (db_path, ".device-token", NULL);
}

static char *
load_file (const char *db_path, GError **error)
{
  g_autofree char *path = token_file (db_path);
  g_autoptr(GError) local = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      if (!g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_chmod (path, 0600);
  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

char *
ekyc_sync_token_load (const char *db_path, gboolean use_keyring, GError **error)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  if (use_keyring)
    {
      g_autoptr(GError) local = NULL;
      char *stored = secret_password_lookup_sync (token_schema (), NULL, &local,
                                                  "path", db_path, NULL);
      if (stored != NULL)
        {
          char *token = g_strdup (stored);
          secret_password_free (stored);
          return token;
        }
      if (local != NULL)
        g_debug ("no Secret Service (%s): looking for the token file", local->message);
    }
  return load_file (db_path, error);
}

gboolean
ekyc_sync_token_save (const char *db_path, gboolean use_keyring, const char *token,
                      GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (db_path != NULL && token != NULL, FALSE);

  if (use_keyring)
    {
      g_autofree char *label = g_strdup_printf ("ekyc device token (%s)", db_path);

      if (secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                      NULL, &local, "path", db_path, NULL))
        {
          g_autofree char *file = token_file (db_path);
          g_unlink (file);
          return TRUE;
        }
      g_warning ("Could not keep the device token in the Secret Service (%s): it is kept in a "
                 "0600 file beside the database", local->message);
      g_clear_error (&local);
    }
  path = token_file (db_path);
  if (!g_file_set_contents_full (path, token, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not keep the device token: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

void
ekyc_sync_token_clear (const char *db_path, gboolean use_keyring)
{
  g_autofree char *path = NULL;

  g_return_if_fail (db_path != NULL);

  if (use_keyring)
    secret_password_clear_sync (token_schema (), NULL, NULL, "path", db_path, NULL);
  path = token_file (db_path);
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", path, g_strerror (errno));
}
