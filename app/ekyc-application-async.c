/* ekyc-application-async.c — the application's store calls off the main thread: signing in
 * (Argon2id), saving a case (JPEG encoding and the sqlite transaction), the case list, loading
 * and reviewing a case. The window calls these; the blocking forms stay for tests and tools.
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-application.h"
#include "ekyc-application-private.h"

static GTask *
start_task (EkycApplication *self, gpointer source_tag, GCancellable *cancellable,
            GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

static gpointer
finish_task (EkycApplication *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- signing in ---- */

static void
signed_in (GObject *store, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  EkycApplication *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gboolean supervisor = FALSE;
  g_autoptr(GObject) session = _ekyc_application_store_sign_in_finish (result, &supervisor,
                                                                       &error);

  if (session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A sign-in that was cancelled (the window closed) does not sign anyone in. */
  if (g_task_return_error_if_cancelled (task))
    return;
  _ekyc_application_set_session (self, session, supervisor, g_task_get_task_data (task));
  g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
}

void
ekyc_application_sign_in_async (EkycApplication     *self,
                                const char          *user,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (user != NULL && password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_task (self, ekyc_application_sign_in_async, cancellable, callback, user_data);
  if (*user == '\0' || *password == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("Enter your user name and password."));
      return;
    }
  if (_ekyc_application_get_store (self) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The case store did not open: %s"),
                               _ekyc_application_get_store_error (self));
      return;
    }
  g_task_set_task_data (task, g_strdup (user), g_free);
  _ekyc_application_store_sign_in_async (_ekyc_application_get_store (self), user, password,
                                         cancellable, signed_in, g_object_ref (task));
}

gboolean
ekyc_application_sign_in_finish (EkycApplication *self, GAsyncResult *result, GError **error)
{
  return finish_task (self, result, ekyc_application_sign_in_async, error) != NULL;
}

/* ---- saving a verification as a case ---- */

static void
saved (GObject *store, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  EkycApplication *self = g_task_get_source_object (task);
  GError *error = NULL;
  char *case_id = _ekyc_application_store_save_finish (result, &error);

  if (case_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (ekyc_application_get_sync (self) != NULL)
    ekyc_sync_service_kick (ekyc_application_get_sync (self));
  g_task_return_pointer (task, case_id, g_free);
}

void
ekyc_application_save_verification_async (EkycApplication     *self,
                                          EkycVerification    *verification,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (EKYC_IS_VERIFICATION (verification));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_task (self, ekyc_application_save_verification_async, cancellable, callback,
                     user_data);
  if (!_ekyc_application_check_store (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _ekyc_application_store_save_async (_ekyc_application_get_store (self),
                                      _ekyc_application_get_session (self), verification,
                                      cancellable, saved, g_object_ref (task));
}

char *
ekyc_application_save_verification_finish (EkycApplication *self, GAsyncResult *result,
                                           GError **error)
{
  return finish_task (self, result, ekyc_application_save_verification_async, error);
}

/* ---- the case list, one case, reviewing ---- */

static void
queried (GObject *store, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  GListModel *cases = _ekyc_application_store_query_finish (store, result, &error);

  if (cases == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cases, g_object_unref);
}

void
ekyc_application_query_cases_async (EkycApplication     *self,
                                    const char          *text,
                                    int                  decision,
                                    int                  review_state,
                                    int                  sync_state,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_task (self, ekyc_application_query_cases_async, cancellable, callback,
                     user_data);
  if (!_ekyc_application_check_store (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _ekyc_application_store_query_async (_ekyc_application_get_store (self),
                                       _ekyc_application_get_session (self), text, decision,
                                       review_state, sync_state, cancellable, queried,
                                       g_object_ref (task));
}

GListModel *
ekyc_application_query_cases_finish (EkycApplication *self, GAsyncResult *result,
                                     GError **error)
{
  return finish_task (self, result, ekyc_application_query_cases_async, error);
}

static void
loaded (GObject *store, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  GObject *kase = _ekyc_application_store_load_finish (store, result, &error);

  if (kase == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, kase, g_object_unref);
}

void
ekyc_application_load_case_async (EkycApplication     *self,
                                  GObject             *kase,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (G_IS_OBJECT (kase));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_task (self, ekyc_application_load_case_async, cancellable, callback, user_data);
  if (!_ekyc_application_check_store (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _ekyc_application_store_load_async (_ekyc_application_get_store (self),
                                      _ekyc_application_get_session (self), kase, cancellable,
                                      loaded, g_object_ref (task));
}

GObject *
ekyc_application_load_case_finish (EkycApplication *self, GAsyncResult *result, GError **error)
{
  return finish_task (self, result, ekyc_application_load_case_async, error);
}

static void
reviewed (GObject *store, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (!_ekyc_application_store_review_finish (store, result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
}

void
ekyc_application_review_case_async (EkycApplication     *self,
                                    GObject             *kase,
                                    gboolean             approve,
                                    const char          *note,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (G_IS_OBJECT (kase));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_task (self, ekyc_application_review_case_async, cancellable, callback,
                     user_data);
  if (!_ekyc_application_check_store (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _ekyc_application_store_review_async (_ekyc_application_get_store (self),
                                        _ekyc_application_get_session (self), kase, approve,
                                        note ? note : "", cancellable, reviewed,
                                        g_object_ref (task));
}

gboolean
ekyc_application_review_case_finish (EkycApplication *self, GAsyncResult *result,
                                     GError **error)
{
  return finish_task (self, result, ekyc_application_review_case_async, error) != NULL;
}
