/* ekyc-application-async.c — the application's store calls off the main thread: signing in
 * (Argon2id), saving a case (JPEG encoding and the sqlite transaction), the case list, loading,
 * viewing and reviewing a case, exporting cases. The window calls these; the blocking forms stay
 * for tests and tools.
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-application.h"
#include "ekyc-application-private.h"

/* ---- one shape for every call: a task that hands on what the store's call gave ---- */

/* How the store's result becomes the call's: the store's finish gives a value (NULL on error,
 * freed with @free_value) or a flag (FALSE on error); @then, when set, acts on the value first
 * on the main thread and returns FALSE when it ended the task itself. */
typedef gpointer (*FinishValue) (GObject *store, GAsyncResult *result, GError **error);
typedef gboolean (*FinishFlag)  (GObject *store, GAsyncResult *result, GError **error);

typedef struct {
  FinishValue      finish_value;
  FinishFlag       finish_flag;
  GDestroyNotify   free_value;
  gboolean       (*then) (GTask *task, gpointer value);
} Forward;

typedef struct {
  GTask         *task;
  const Forward *how;
} Forwarding;

/* The store's callback data: @task, ended as @how says when the store's call finishes. */
static gpointer
forward_to (GTask *task, const Forward *how)
{
  Forwarding *forwarding = g_new (Forwarding, 1);

  forwarding->task = g_object_ref (task);
  forwarding->how = how;
  return forwarding;
}

static void
forward_result (GObject *store, GAsyncResult *result, gpointer data)
{
  Forwarding *forwarding = data;
  g_autoptr(GTask) task = forwarding->task;
  const Forward *how = forwarding->how;
  GError *error = NULL;
  gpointer value;

  g_free (forwarding);
  if (how->finish_flag != NULL)
    value = how->finish_flag (store, result, &error) ? GINT_TO_POINTER (TRUE) : NULL;
  else
    value = how->finish_value (store, result, &error);
  if (value == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (how->then != NULL && !how->then (task, value))
    {
      if (how->free_value != NULL)
        how->free_value (value);
      return;
    }
  g_task_return_pointer (task, value, how->free_value);
}

/* A task for @source_tag; NULL (the task ended with the reason) when there is no store or
 * nobody is signed in. */
static GTask *
start_store_task (EkycApplication *self, gpointer source_tag, GCancellable *cancellable,
                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  if (!_ekyc_application_check_store (self, &error))
    {
      g_task_return_error (task, error);
      return NULL;
    }
  return g_steal_pointer (&task);
}

static gpointer
finish_task (EkycApplication *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- signing in ---- */

static gboolean
sign_in_then (GTask *task, gpointer session)
{
  /* A sign-in that was cancelled (the window closed) does not sign anyone in. */
  if (g_task_return_error_if_cancelled (task))
    return FALSE;
  _ekyc_application_set_session (g_task_get_source_object (task), session,
                                 _ekyc_application_session_is_supervisor (session),
                                 g_task_get_task_data (task));
  return TRUE;
}

static const Forward sign_in_forward = {
  .finish_value = (FinishValue) _ekyc_application_store_sign_in_finish,
  .free_value = g_object_unref,
  .then = sign_in_then,
};

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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ekyc_application_sign_in_async);
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
                                         cancellable, forward_result,
                                         forward_to (task, &sign_in_forward));
}

gboolean
ekyc_application_sign_in_finish (EkycApplication *self, GAsyncResult *result, GError **error)
{
  g_autoptr(GObject) session = finish_task (self, result, ekyc_application_sign_in_async,
                                            error);

  return session != NULL;
}

/* ---- saving a verification as a case ---- */

static gboolean
saved_then (GTask *task, gpointer case_id)
{
  EkycSyncService *sync = ekyc_application_get_sync (g_task_get_source_object (task));

  if (sync != NULL)
    ekyc_sync_service_kick (sync);
  return TRUE;
}

static const Forward save_forward = {
  .finish_value = (FinishValue) _ekyc_application_store_save_finish,
  .free_value = g_free,
  .then = saved_then,
};

void
ekyc_application_save_verification_async (EkycApplication     *self,
                                          EkycVerification    *verification,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (EKYC_IS_VERIFICATION (verification));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_store_task (self, ekyc_application_save_verification_async, cancellable,
                           callback, user_data);
  if (task != NULL)
    _ekyc_application_store_save_async (_ekyc_application_get_store (self),
                                        _ekyc_application_get_session (self), verification,
                                        cancellable, forward_result,
                                        forward_to (task, &save_forward));
}

char *
ekyc_application_save_verification_finish (EkycApplication *self, GAsyncResult *result,
                                           GError **error)
{
  return finish_task (self, result, ekyc_application_save_verification_async, error);
}

/* ---- the case list, one case, reviewing, exporting ---- */

static const Forward query_forward = {
  .finish_value = (FinishValue) _ekyc_application_store_query_finish,
  .free_value = g_object_unref,
};

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

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_store_task (self, ekyc_application_query_cases_async, cancellable, callback,
                           user_data);
  if (task != NULL)
    _ekyc_application_store_query_async (_ekyc_application_get_store (self),
                                         _ekyc_application_get_session (self), text, decision,
                                         review_state, sync_state, cancellable, forward_result,
                                         forward_to (task, &query_forward));
}

GListModel *
ekyc_application_query_cases_finish (EkycApplication *self, GAsyncResult *result,
                                     GError **error)
{
  return finish_task (self, result, ekyc_application_query_cases_async, error);
}

static const Forward load_forward = {
  .finish_value = (FinishValue) _ekyc_application_store_load_finish,
  .free_value = g_object_unref,
};

void
ekyc_application_load_case_async (EkycApplication     *self,
                                  GObject             *kase,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (G_IS_OBJECT (kase));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_store_task (self, ekyc_application_load_case_async, cancellable, callback,
                           user_data);
  if (task != NULL)
    _ekyc_application_store_load_async (_ekyc_application_get_store (self),
                                        _ekyc_application_get_session (self), kase, cancellable,
                                        forward_result, forward_to (task, &load_forward));
}

GObject *
ekyc_application_load_case_finish (EkycApplication *self, GAsyncResult *result, GError **error)
{
  return finish_task (self, result, ekyc_application_load_case_async, error);
}

static const Forward view_forward = {
  .finish_value = (FinishValue) _ekyc_application_store_view_finish,
  .free_value = (GDestroyNotify) g_ptr_array_unref,
};

void
ekyc_application_view_case_async (EkycApplication     *self,
                                  GObject             *kase,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (G_IS_OBJECT (kase));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_store_task (self, ekyc_application_view_case_async, cancellable, callback,
                           user_data);
  if (task != NULL)
    _ekyc_application_store_view_async (_ekyc_application_get_store (self),
                                        _ekyc_application_get_session (self), kase, cancellable,
                                        forward_result, forward_to (task, &view_forward));
}

GObject *
ekyc_application_view_case_finish (EkycApplication  *self,
                                   GAsyncResult     *result,
                                   GListModel      **history,
                                   GError          **error)
{
  g_autoptr(GPtrArray) view = finish_task (self, result, ekyc_application_view_case_async,
                                           error);

  if (view == NULL)
    return NULL;
  if (history != NULL)
    *history = g_object_ref (g_ptr_array_index (view, 1));
  return g_object_ref (g_ptr_array_index (view, 0));
}

static const Forward review_forward = {
  .finish_flag = _ekyc_application_store_review_finish,
};

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

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (G_IS_OBJECT (kase));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_store_task (self, ekyc_application_review_case_async, cancellable, callback,
                           user_data);
  if (task != NULL)
    _ekyc_application_store_review_async (_ekyc_application_get_store (self),
                                          _ekyc_application_get_session (self), kase, approve,
                                          note ? note : "", cancellable, forward_result,
                                          forward_to (task, &review_forward));
}

gboolean
ekyc_application_review_case_finish (EkycApplication *self, GAsyncResult *result,
                                     GError **error)
{
  return finish_task (self, result, ekyc_application_review_case_async, error) != NULL;
}

static const Forward export_forward = {
  .finish_flag = _ekyc_application_store_export_finish,
};

void
ekyc_application_export_cases_async (EkycApplication    *self,
                                     const char         *text,
                                     int                 decision,
                                     int                 review_state,
                                     int                 sync_state,
                                     const char * const *case_ids,
                                     GFile              *destination,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (destination));

  task = start_store_task (self, ekyc_application_export_cases_async, cancellable, callback,
                           user_data);
  if (task != NULL)
    _ekyc_application_store_export_async (_ekyc_application_get_store (self),
                                          _ekyc_application_get_session (self), text, decision,
                                          review_state, sync_state, case_ids, destination,
                                          cancellable, forward_result,
                                          forward_to (task, &export_forward));
}

gboolean
ekyc_application_export_cases_finish (EkycApplication *self, GAsyncResult *result,
                                      GError **error)
{
  return finish_task (self, result, ekyc_application_export_cases_async, error) != NULL;
}
