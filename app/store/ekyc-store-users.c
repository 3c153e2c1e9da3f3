/* ekyc-store-users.c — local users: Argon2id passwords, the first supervisor, signing in
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "ekyc-store-private.h"
#include "ekyc-store-thread.h"

#define MIN_PASSWORD_CHARS 8
#define MAX_USERNAME_CHARS 64

gboolean
ekyc_store_needs_first_user (EkycStore *self)
{
  sqlite3_stmt *stmt;
  gboolean empty = TRUE;

  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  stmt = _ekyc_store_prepare (self, "SELECT 1 FROM users LIMIT 1", NULL);
  if (stmt != NULL)
    {
      empty = sqlite3_step (stmt) != SQLITE_ROW;
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);
  return empty;
}

static gboolean
valid_username (const char *username)
{
  glong length;

  if (username == NULL || !g_utf8_validate (username, -1, NULL))
    return FALSE;
  length = g_utf8_strlen (username, -1);
  if (length < 1 || length > MAX_USERNAME_CHARS)
    return FALSE;
  for (const char *p = username; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isalnum (c) && c != '.' && c != '_' && c != '-')
        return FALSE;
    }
  return TRUE;
}

gboolean
ekyc_store_create_user (EkycStore     *self,
                        EkycSession   *session,
                        const char    *username,
                        const char    *display_name,
                        const char    *password,
                        EkycRole       role,
                        GCancellable  *cancellable,
                        GError       **error)
{
  char hash[crypto_pwhash_STRBYTES];
  const char *actor;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (EKYC_IS_STORE (self), FALSE);
  g_return_val_if_fail (session == NULL || EKYC_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!valid_username (username))
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID,
                           _("A user name has 1 to 64 letters, digits, dots, dashes or "
                             "underscores."));
      return FALSE;
    }
  if (password == NULL || !g_utf8_validate (password, -1, NULL)
      || g_utf8_strlen (password, -1) < MIN_PASSWORD_CHARS)
    {
      g_set_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID,
                   _("The password must have at least %d characters."), MIN_PASSWORD_CHARS);
      return FALSE;
    }
  if (role != EKYC_ROLE_TELLER && role != EKYC_ROLE_SUPERVISOR)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID,
                           _("Unknown role."));
      return FALSE;
    }

  /* Hash before taking the lock: Argon2id takes a while and needs no database. */
  if (crypto_pwhash_str (hash, password, strlen (password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_IO,
                           _("Not enough memory to protect the password."));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_rec_mutex_lock (&self->lock);
  if (!_ekyc_store_begin (self, error))
    goto out;
  if (ekyc_store_needs_first_user (self))
    {
      if (session != NULL || role != EKYC_ROLE_SUPERVISOR)
        {
          g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED,
                               _("The first user must be a supervisor."));
          goto out;
        }
      actor = username;
    }
  else
    {
      if (!_ekyc_store_check_session (self, session, TRUE, error))
        goto out;
      actor = ekyc_session_get_username (session);
    }

  stmt = _ekyc_store_prepare (self,
                              "INSERT INTO users (username, display_name, role, password_hash,"
                              " created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, display_name && *display_name ? display_name : username, -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ekyc_enum_to_string (EKYC_TYPE_ROLE, role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT || sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_USER_EXISTS,
                           _("A user of that name exists already."));
      goto out;
    }
  if (rc != SQLITE_DONE)
    {
      _ekyc_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto out;
    }
  ok = _ekyc_store_audit_append (self, actor, "user-created", NULL,
                                 ekyc_enum_to_string (EKYC_TYPE_ROLE, role), error)
       && _ekyc_store_commit (self, error);

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  if (!ok)
    _ekyc_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);
  sodium_memzero (hash, sizeof hash);
  return ok;
}

typedef struct {
  EkycSession *session;
  char        *username;
  char        *display_name;
  char        *password;
  EkycRole     role;
} UserArgs;

static void
user_args_free (UserArgs *args)
{
  g_clear_object (&args->session);
  g_free (args->username);
  g_free (args->display_name);
  if (args->password != NULL)
    sodium_memzero (args->password, strlen (args->password));
  g_free (args->password);
  g_free (args);
}

static gpointer
create_user_in_thread (EkycStore *self, gpointer data, GCancellable *cancellable, GError **error)
{
  UserArgs *args = data;

  return GINT_TO_POINTER (ekyc_store_create_user (self, args->session, args->username,
                                                  args->display_name, args->password,
                                                  args->role, cancellable, error));
}

void
ekyc_store_create_user_async (EkycStore           *self,
                              EkycSession         *session,
                              const char          *username,
                              const char          *display_name,
                              const char          *password,
                              EkycRole             role,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  UserArgs *args;

  g_return_if_fail (EKYC_IS_STORE (self));
  g_return_if_fail (session == NULL || EKYC_IS_SESSION (session));

  args = g_new0 (UserArgs, 1);
  args->session = session ? g_object_ref (session) : NULL;
  args->username = g_strdup (username);
  args->display_name = g_strdup (display_name);
  args->password = g_strdup (password);
  args->role = role;
  _ekyc_store_run_in_thread (self, ekyc_store_create_user_async, create_user_in_thread, args,
                             (GDestroyNotify) user_args_free, NULL, cancellable, callback,
                             user_data);
}

gboolean
ekyc_store_create_user_finish (EkycStore *self, GAsyncResult *result, GError **error)
{
  return GPOINTER_TO_INT (_ekyc_store_run_finish (self, result, ekyc_store_create_user_async,
                                                  error));
}

/* A hash to verify against for unknown users, so they take as long as known ones. */
static const char *
dummy_hash (void)
{
  static char hash[crypto_pwhash_STRBYTES];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (crypto_pwhash_str (hash, "not a password", 14, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        hash[0] = '\0';
      g_once_init_leave (&done, 1);
    }
  return hash;
}

static gboolean
lookup_user (EkycStore  *self,
             const char *username,
             char      **hash,
             char      **display_name,
             EkycRole   *role)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_rec_mutex_lock (&self->lock);
  stmt = _ekyc_store_prepare (self,
                              "SELECT password_hash, display_name, role FROM users"
                              " WHERE username = ?1",
                              NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          int value = EKYC_ROLE_TELLER;

          *hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          *display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          ekyc_enum_from_string (EKYC_TYPE_ROLE, (const char *) sqlite3_column_text (stmt, 2),
                                 &value);
          *role = value;
          found = TRUE;
        }
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);
  return found;
}

static gboolean
verify_password (EkycStore   *self,
                 const char  *username,
                 const char  *password,
                 char       **display_name,
                 EkycRole    *role,
                 GError     **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  gboolean found;
  gboolean ok;

  found = username != NULL && lookup_user (self, username, &hash, &name, role);
  ok = password != NULL
       && crypto_pwhash_str_verify (found ? hash : dummy_hash (), password,
                                    strlen (password)) == 0
       && found;
  if (!ok)
    {
      g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_SIGN_IN_FAILED,
                           _("Wrong user name or password."));
      return FALSE;
    }
  if (display_name != NULL)
    *display_name = g_steal_pointer (&name);
  return TRUE;
}

gboolean
_ekyc_store_check_password (EkycStore   *self,
                            const char  *username,
                            const char  *password,
                            GError     **error)
{
  EkycRole role;

  return verify_password (self, username, password, NULL, &role, error);
}

static void
audit_sign_in (EkycStore *self, const char *username, const char *action)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_rec_mutex_lock (&self->lock);
  ok = _ekyc_store_begin (self, &error)
       && _ekyc_store_audit_append (self, valid_username (username) ? username : "?", action,
                                    NULL, NULL, &error)
       && _ekyc_store_commit (self, &error);
  if (!ok)
    {
      _ekyc_store_rollback (self);
      g_debug ("Could not record %s: %s", action, error->message);
    }
  g_rec_mutex_unlock (&self->lock);
}

EkycSession *
ekyc_store_sign_in (EkycStore     *self,
                    const char    *username,
                    const char    *password,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *display_name = NULL;
  EkycRole role = EKYC_ROLE_TELLER;

  g_return_val_if_fail (EKYC_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!verify_password (self, username, password, &display_name, &role, error))
    {
      audit_sign_in (self, username, "sign-in-failed");
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  audit_sign_in (self, username, "signed-in");
  return _ekyc_session_new (self, username, display_name, role,
                            ekyc_store_get_lock_timeout (self));
}

static gpointer
sign_in_in_thread (EkycStore *self, gpointer data, GCancellable *cancellable, GError **error)
{
  UserArgs *args = data;

  return ekyc_store_sign_in (self, args->username, args->password, cancellable, error);
}

void
ekyc_store_sign_in_async (EkycStore           *self,
                          const char          *username,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  UserArgs *args;

  g_return_if_fail (EKYC_IS_STORE (self));

  args = g_new0 (UserArgs, 1);
  args->username = g_strdup (username);
  args->password = g_strdup (password);
  _ekyc_store_run_in_thread (self, ekyc_store_sign_in_async, sign_in_in_thread, args,
                             (GDestroyNotify) user_args_free, g_object_unref, cancellable,
                             callback, user_data);
}

EkycSession *
ekyc_store_sign_in_finish (EkycStore *self, GAsyncResult *result, GError **error)
{
  return _ekyc_store_run_finish (self, result, ekyc_store_sign_in_async, error);
}
