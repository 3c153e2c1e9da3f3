/* ekyc-session.c — a signed-in user: role, and the lock after inactivity
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekyc-session.h"
#include "ekyc-store-private.h"

struct _EkycSession
{
  GObject    parent_instance;

  EkycStore *store;
  char      *username;
  char      *display_name;
  EkycRole   role;
  gboolean   locked;
  gboolean   signed_out;
  guint      lock_timeout;     /* seconds, 0 = never */
  gint64     last_activity;    /* g_get_monotonic_time () */
  GSource   *timer;
};

G_DEFINE_FINAL_TYPE (EkycSession, ekyc_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USERNAME,
  PROP_DISPLAY_NAME,
  PROP_ROLE,
  PROP_LOCKED,
  PROP_SIGNED_OUT,
  PROP_LOCK_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_timer (EkycSession *self);

static void
stop_timer (EkycSession *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static gboolean
on_timer (gpointer user_data)
{
  EkycSession *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  if (!ekyc_session_check_idle (self, g_get_monotonic_time ()))
    schedule_timer (self);
  return G_SOURCE_REMOVE;
}

/* Fires at the deadline the last touch gives; a touch in between only moves the deadline, which
 * the timer finds when it fires and re-arms for. */
static void
schedule_timer (EkycSession *self)
{
  gint64 deadline;
  gint64 wait_ms;

  stop_timer (self);
  if (self->locked || self->signed_out || self->lock_timeout == 0)
    return;
  deadline = self->last_activity + (gint64) self->lock_timeout * G_USEC_PER_SEC;
  wait_ms = MAX (0, (deadline - g_get_monotonic_time ()) / 1000) + 1;
  self->timer = g_timeout_source_new ((guint) MIN (wait_ms, G_MAXUINT));
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_set_name (self->timer, "[ekyc] session lock");
  g_source_attach (self->timer, self->store->context);
}

static void
ekyc_session_dispose (GObject *object)
{
  EkycSession *self = EKYC_SESSION (object);

  stop_timer (self);

  G_OBJECT_CLASS (ekyc_session_parent_class)->dispose (object);
}

static void
ekyc_session_finalize (GObject *object)
{
  EkycSession *self = EKYC_SESSION (object);

  g_clear_object (&self->store);
  g_free (self->username);
  g_free (self->display_name);

  G_OBJECT_CLASS (ekyc_session_parent_class)->finalize (object);
}

static void
ekyc_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EkycSession *self = EKYC_SESSION (object);

  switch (prop_id)
    {
    case PROP_USERNAME: g_value_set_string (value, self->username); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_ROLE: g_value_set_enum (value, self->role); break;
    case PROP_LOCKED: g_value_set_boolean (value, self->locked); break;
    case PROP_SIGNED_OUT: g_value_set_boolean (value, self->signed_out); break;
    case PROP_LOCK_TIMEOUT: g_value_set_uint (value, self->lock_timeout); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_session_class_init (EkycSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ekyc_session_dispose;
  object_class->finalize = ekyc_session_finalize;
  object_class->get_property = ekyc_session_get_property;

  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, ro);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, ro);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, EKYC_TYPE_ROLE,
                                             EKYC_ROLE_TELLER, ro);
  properties[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE, ro);
  properties[PROP_SIGNED_OUT] = g_param_spec_boolean ("signed-out", NULL, NULL, FALSE, ro);
  properties[PROP_LOCK_TIMEOUT] =
    g_param_spec_uint ("lock-timeout", NULL, NULL, 0, G_MAXUINT,
                       EKYC_SESSION_DEFAULT_LOCK_TIMEOUT, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekyc_session_init (EkycSession *self)
{
  self->lock_timeout = EKYC_SESSION_DEFAULT_LOCK_TIMEOUT;
}

/* The store's setting is the only one: a supervisor's change reaches every open session, and
 * nobody can give their own session a longer one. */
static void
follow_store_lock_timeout (EkycSession *self)
{
  guint seconds = ekyc_store_get_lock_timeout (self->store);

  if (self->lock_timeout == seconds)
    return;
  self->lock_timeout = seconds;
  schedule_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCK_TIMEOUT]);
}

EkycSession *
_ekyc_session_new (EkycStore  *store,
                   const char *username,
                   const char *display_name,
                   EkycRole    role,
                   guint       lock_timeout)
{
  EkycSession *self = g_object_new (EKYC_TYPE_SESSION, NULL);

  self->store = g_object_ref (store);
  self->username = g_strdup (username);
  self->display_name = g_strdup (display_name);
  self->role = role;
  self->lock_timeout = lock_timeout;
  self->last_activity = g_get_monotonic_time ();
  g_signal_connect_object (store, "settings-changed", G_CALLBACK (follow_store_lock_timeout),
                           self, G_CONNECT_SWAPPED);
  schedule_timer (self);
  return self;
}

EkycStore *
_ekyc_session_get_store (EkycSession *session)
{
  return session->store;
}

const char *
ekyc_session_get_username (EkycSession *self)
{
  g_return_val_if_fail (EKYC_IS_SESSION (self), NULL);
  return self->username;
}

const char *
ekyc_session_get_display_name (EkycSession *self)
{
  g_return_val_if_fail (EKYC_IS_SESSION (self), NULL);
  return self->display_name;
}

EkycRole
ekyc_session_get_role (EkycSession *self)
{
  g_return_val_if_fail (EKYC_IS_SESSION (self), EKYC_ROLE_TELLER);
  return self->role;
}

gboolean
ekyc_session_is_supervisor (EkycSession *self)
{
  g_return_val_if_fail (EKYC_IS_SESSION (self), FALSE);
  return self->role == EKYC_ROLE_SUPERVISOR;
}

gboolean
ekyc_session_get_locked (EkycSession *self)
{
  g_return_val_if_fail (EKYC_IS_SESSION (self), TRUE);
  return self->locked;
}

gboolean
ekyc_session_get_signed_out (EkycSession *self)
{
  g_return_val_if_fail (EKYC_IS_SESSION (self), TRUE);
  return self->signed_out;
}

guint
ekyc_session_get_lock_timeout (EkycSession *self)
{
  g_return_val_if_fail (EKYC_IS_SESSION (self), 0);
  return self->lock_timeout;
}


void
ekyc_session_touch (EkycSession *self)
{
  g_return_if_fail (EKYC_IS_SESSION (self));

  if (!self->locked)
    self->last_activity = g_get_monotonic_time ();
}

static void
set_locked (EkycSession *self, gboolean locked)
{
  if (self->locked == locked)
    return;
  self->locked = locked;
  if (locked)
    stop_timer (self);
  else
    {
      self->last_activity = g_get_monotonic_time ();
      schedule_timer (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

void
ekyc_session_lock (EkycSession *self)
{
  g_return_if_fail (EKYC_IS_SESSION (self));
  set_locked (self, TRUE);
}

gboolean
ekyc_session_check_idle (EkycSession *self, gint64 now_us)
{
  g_return_val_if_fail (EKYC_IS_SESSION (self), TRUE);

  if (!self->locked && self->lock_timeout > 0
      && now_us - self->last_activity >= (gint64) self->lock_timeout * G_USEC_PER_SEC)
    set_locked (self, TRUE);
  return self->locked;
}

void
ekyc_session_sign_out (EkycSession *self)
{
  g_return_if_fail (EKYC_IS_SESSION (self));

  if (self->signed_out)
    return;
  set_locked (self, TRUE);
  self->signed_out = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_OUT]);
}

static gboolean
refuse_if_signed_out (EkycSession *self, GError **error)
{
  if (!self->signed_out)
    return FALSE;
  g_set_error_literal (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_LOCKED,
                       _("This session has ended: sign in again."));
  return TRUE;
}

gboolean
ekyc_session_unlock (EkycSession   *self,
                     const char    *password,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (EKYC_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (refuse_if_signed_out (self, error)
      || !_ekyc_store_check_password (self->store, self->username, password, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  set_locked (self, FALSE);
  return TRUE;
}

static void
check_password_in_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  EkycSession *self = source_object;
  GError *error = NULL;

  if (_ekyc_store_check_password (self->store, self->username, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ekyc_session_unlock_async (EkycSession         *self,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (EKYC_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ekyc_session_unlock_async);
  if (refuse_if_signed_out (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, g_strdup (password), g_free);
  g_task_run_in_thread (task, check_password_in_thread);
}

gboolean
ekyc_session_unlock_finish (EkycSession   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* The lock state changes here, on the session's thread, not in the worker. */
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (self->signed_out)
    return refuse_if_signed_out (self, error), FALSE;
  set_locked (self, FALSE);
  return TRUE;
}
