/* ekyc-application.c — the process: settings, the engine, the signed-in user, app-wide actions
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-application.h"
#include "ekyc-application-private.h"
#include "ekyc-preferences-window.h"
#include "ekyc-sync-service.h"
#include "ekyc-window.h"

struct _EkycApplication
{
  AdwApplication parent_instance;

  GSettings  *settings;
  EkycEngine *engine;
  char       *engine_error;
  gboolean    engine_loading;
  char       *source;        /* from --source; NULL follows the setting */
  char       *setting_source;
  gboolean    signed_in;
  gboolean    supervisor;
  char       *user_name;
  GObject    *store;       /* EkycStore, NULL when it did not open */
  GObject    *session;     /* EkycSession while signed in */
  char       *store_error;
  EkycSyncService *sync;   /* NULL without a store */
  GObject    *policy;      /* EkycPolicy: the store's, read at start and after each change */
  EkycApplicationRetention *retention;  /* NULL without a store */
};

G_DEFINE_FINAL_TYPE (EkycApplication, ekyc_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_ENGINE_READY,
  PROP_SIGNED_IN,
  PROP_SUPERVISOR,
  PROP_USER_NAME,
  PROP_SOURCE,
  PROP_LOCKED,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

void
ekyc_application_bind_translations (void)
{
  const char *dir = g_getenv ("EKYC_LOCALEDIR");

  if (dir != NULL)
    {
      /* The engine binds the shared domain to LOCALEDIR once, on its first translated message:
       * let it do so now (an empty buffer is its cheapest error), then point the domain here. */
      (void) ekyc_image_new_from_encoded (NULL, 0, NULL);
    }
  bindtextdomain (GETTEXT_PACKAGE, dir ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

EkycApplication *
ekyc_application_new (void)
{
  return g_object_new (EKYC_TYPE_APPLICATION,
                       "application-id", EKYC_APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/vn/ekyc/Ekyc",
                       NULL);
}

static void open_sync (EkycApplication *self);
static void replace_session (EkycApplication *self, GObject *session);
static void reload_policy (EkycApplication *self);
static void set_session (EkycApplication *self, gboolean signed_in, gboolean supervisor,
                         const char *user);

static void
load_engine_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  EkycEngine *engine = ekyc_engine_new (NULL, &error);

  if (engine == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, engine, (GDestroyNotify) ekyc_engine_free);
}

static void
engine_loaded (GObject *object, GAsyncResult *result, gpointer data)
{
  EkycApplication *self = EKYC_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  self->engine = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->engine == NULL)
    {
      g_warning ("The face models did not load: %s", error->message);
      self->engine_error = g_strdup (error->message);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE_READY]);
  g_application_release (G_APPLICATION (self));
}

static void
ekyc_application_startup (GApplication *app)
{
  EkycApplication *self = EKYC_APPLICATION (app);

  G_APPLICATION_CLASS (ekyc_application_parent_class)->startup (app);
  {
    g_autoptr(GError) error = NULL;

    self->store = _ekyc_application_open_store (&error);
    if (self->store == NULL)
      {
        /* The flow still works; nothing can be saved, and there are no accounts to sign in. */
        g_warning ("The case store did not open: %s", error->message);
        self->store_error = g_strdup (error->message);
        set_session (self, TRUE, FALSE, _("Teller (no case store)"));
      }
    else
      {
        open_sync (self);
        self->retention = _ekyc_application_retention_start (self->store);
        reload_policy (self);
        g_signal_connect_object (self->store, "settings-changed", G_CALLBACK (reload_policy),
                                 self, G_CONNECT_SWAPPED);
      }
  }

}

static void
server_url_changed (EkycApplication *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "sync-server-url");

  ekyc_sync_service_set_server_url (self->sync, url);
}

/* The outbox lives in the store's file; the token is kept as the store key is. */
static void
open_sync (EkycApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->sync = ekyc_sync_service_new (_ekyc_application_store_path (self->store),
                                      g_getenv ("EKYC_STORE_NO_KEYRING") == NULL, &error);
  if (self->sync == NULL)
    {
      g_warning ("Syncing is off: %s", error->message);
      return;
    }
  _ekyc_application_evidence_attach (self->store, G_OBJECT (self->sync));
  g_signal_connect_object (self->settings, "changed::sync-server-url",
                           G_CALLBACK (server_url_changed), self, G_CONNECT_SWAPPED);
  server_url_changed (self);
}

EkycSyncService *
ekyc_application_get_sync (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);
  return self->sync;
}

gboolean
ekyc_application_check_new_verification (EkycApplication *self, GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);
  return self->sync == NULL || ekyc_sync_service_check_new_verification (self->sync, error);
}

void
ekyc_application_load_engine (EkycApplication *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));

  if (self->engine_loading)
    return;
  self->engine_loading = TRUE;
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, engine_loaded, NULL);
  g_task_run_in_thread (task, load_engine_thread);
}

/* The models load once the window has painted its first frame, so the preview comes first. */
static void
first_frame_painted (GdkFrameClock *clock, EkycApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted, self);
  ekyc_application_load_engine (self);
}

static void
ekyc_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (ekyc_window_new (EKYC_APPLICATION (app)));
      gtk_widget_realize (GTK_WIDGET (window));
      g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                               G_CALLBACK (first_frame_painted), app, 0);
    }
  gtk_window_present (window);
}

static int
ekyc_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  EkycApplication *self = EKYC_APPLICATION (app);
  const char *source = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("ekyc %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "source", "&s", &source))
    ekyc_application_set_source (self, source);
  return -1;
}

static void
ekyc_application_dispose (GObject *object)
{
  EkycApplication *self = EKYC_APPLICATION (object);

  g_clear_object (&self->settings);
  replace_session (self, NULL);
  g_clear_object (&self->sync);
  g_clear_pointer (&self->retention, _ekyc_application_retention_stop);
  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  G_OBJECT_CLASS (ekyc_application_parent_class)->dispose (object);
}

static void
ekyc_application_finalize (GObject *object)
{
  EkycApplication *self = EKYC_APPLICATION (object);

  g_clear_pointer (&self->engine, ekyc_engine_free);
  g_free (self->engine_error);
  g_free (self->source);
  g_free (self->setting_source);
  g_free (self->user_name);
  g_free (self->store_error);
  G_OBJECT_CLASS (ekyc_application_parent_class)->finalize (object);
}

static void
ekyc_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EkycApplication *self = EKYC_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_ENGINE_READY:
      g_value_set_boolean (value, self->engine != NULL);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->signed_in);
      break;
    case PROP_SUPERVISOR:
      g_value_set_boolean (value, self->supervisor);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, ekyc_application_get_source (self));
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, ekyc_application_get_locked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_application_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SOURCE:
      ekyc_application_set_source (EKYC_APPLICATION (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* However the app ends (Ctrl+Q, the session, g_application_quit), no worker thread may still
 * run OpenCV while the process exits and its libraries unload: the windows go first (their
 * capture pipelines stop and wait for the frame being analysed), then a quit during the first
 * seconds waits for the models to finish loading. */
static void
ekyc_application_shutdown (GApplication *app)
{
  EkycApplication *self = EKYC_APPLICATION (app);
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  while (self->engine_loading && self->engine == NULL && self->engine_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&self->retention, _ekyc_application_retention_stop);
  G_APPLICATION_CLASS (ekyc_application_parent_class)->shutdown (app);
}

static void
ekyc_application_class_init (EkycApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ekyc_application_dispose;
  object_class->finalize = ekyc_application_finalize;
  object_class->get_property = ekyc_application_get_property;
  object_class->set_property = ekyc_application_set_property;
  app_class->startup = ekyc_application_startup;
  app_class->activate = ekyc_application_activate;
  app_class->shutdown = ekyc_application_shutdown;
  app_class->handle_local_options = ekyc_application_handle_local_options;

  properties[PROP_ENGINE_READY] =
    g_param_spec_boolean ("engine-ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUPERVISOR] =
    g_param_spec_boolean ("supervisor", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
quit_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkApplication *app = data;
  GList *windows = gtk_application_get_windows (app);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (app));
}

static void
about_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkApplication *app = data;
  static const char *developers[] = { "The eKYC authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("eKYC"),
                        "application-icon", EKYC_APP_ID,
                        "developer-name", _("The eKYC authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Verify a customer’s identity from the ID card and a live "
                                      "selfie, on this computer, without sending faces anywhere."),
                        "license-type", GTK_LICENSE_LGPL_2_1,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  EkycApplication *self = data;
  EkycPreferencesWindow *prefs = ekyc_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (prefs),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
sign_out_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  ekyc_application_sign_out (EKYC_APPLICATION (data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "sign-out", sign_out_activated },
};

static void
ekyc_application_init (EkycApplication *self)
{
  static const GOptionEntry options[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING, NULL,
      N_("Capture from a GStreamer source description or a video or image file"),
      N_("SOURCE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *sign_out_accels[] = { "<Control><Shift>l", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  self->settings = g_settings_new (EKYC_APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sign-out",
                                         sign_out_accels);
}

GSettings *
ekyc_application_get_settings (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);
  return self->settings;
}

EkycEngine *
ekyc_application_get_engine (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);
  return self->engine;
}

const char *
ekyc_application_get_engine_error (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);
  return self->engine_error;
}

const char *
ekyc_application_get_source (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);
  if (self->source != NULL)
    return self->source;
  g_free (self->setting_source);
  self->setting_source = g_settings_get_string (self->settings, "source");
  return self->setting_source;
}

void
ekyc_application_set_source (EkycApplication *self, const char *source)
{
  g_return_if_fail (EKYC_IS_APPLICATION (self));

  if (g_strcmp0 (self->source, source) == 0)
    return;
  g_free (self->source);
  self->source = g_strdup (source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

gboolean
ekyc_application_get_signed_in (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);
  return self->signed_in;
}

gboolean
ekyc_application_get_has_accounts (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);
  return self->store != NULL;
}

gboolean
ekyc_application_get_supervisor (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);
  return self->supervisor;
}

const char *
ekyc_application_get_user_name (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);
  return self->user_name;
}

static void
session_locked_changed (EkycApplication *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/* The session locks itself after the store's timeout: the app passes that on as "locked". */
static void
replace_session (EkycApplication *self, GObject *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, session_locked_changed, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "notify::locked", G_CALLBACK (session_locked_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
set_session (EkycApplication *self, gboolean signed_in, gboolean supervisor, const char *user)
{
  self->signed_in = signed_in;
  self->supervisor = supervisor;
  g_free (self->user_name);
  self->user_name = g_strdup (user);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUPERVISOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/* The sign-in done by ekyc-application-async.c; @session NULL signs out. */
void
_ekyc_application_set_session (EkycApplication *self, GObject *session, gboolean supervisor,
                               const char *user)
{
  replace_session (self, session);
  set_session (self, session != NULL, supervisor, user);
}

GObject *
_ekyc_application_get_store (EkycApplication *self)
{
  return self->store;
}

GObject *
_ekyc_application_get_session (EkycApplication *self)
{
  return self->session;
}

const char *
_ekyc_application_get_store_error (EkycApplication *self)
{
  return self->store_error;
}

gboolean
ekyc_application_sign_in (EkycApplication *self, const char *user, const char *password,
                          GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (user != NULL && password != NULL, FALSE);

  if (*user == '\0' || *password == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter your user name and password."));
      return FALSE;
    }
  if (self->store == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The case store did not open: %s"), self->store_error);
      return FALSE;
    }
  {
    gboolean supervisor = FALSE;
    GObject *session = _ekyc_application_store_sign_in (self->store, user, password,
                                                        &supervisor, error);

    if (session == NULL)
      return FALSE;
    replace_session (self, session);
    g_object_unref (session);
    set_session (self, TRUE, supervisor, user);
  }
  return TRUE;
}

void
ekyc_application_sign_out (EkycApplication *self)
{
  g_return_if_fail (EKYC_IS_APPLICATION (self));
  if (self->store == NULL)
    return;
  replace_session (self, NULL);
  set_session (self, FALSE, FALSE, NULL);
}

gboolean
ekyc_application_get_needs_first_user (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);
  return self->store != NULL && _ekyc_application_store_needs_first_user (self->store);
}

gboolean
_ekyc_application_check_store (EkycApplication *self, GError **error)
{
  if (self->store == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The case store did not open: %s"), self->store_error);
      return FALSE;
    }
  if (self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("Sign in first."));
      return FALSE;
    }
  return TRUE;
}

gboolean
ekyc_application_save_verification (EkycApplication *self, EkycVerification *verification,
                                    char **case_id, GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (EKYC_IS_VERIFICATION (verification), FALSE);

  if (!_ekyc_application_check_store (self, error)
      || !_ekyc_application_store_save (self->store, self->session, verification, case_id,
                                        error))
    return FALSE;
  if (self->sync != NULL)
    ekyc_sync_service_kick (self->sync);
  return TRUE;
}

GListModel *
ekyc_application_query_cases (EkycApplication *self, const char *text, int decision,
                              int review_state, int sync_state, GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);

  if (!_ekyc_application_check_store (self, error))
    return NULL;
  return _ekyc_application_store_query (self->store, self->session, text, decision,
                                        review_state, sync_state, error);
}

GObject *
ekyc_application_load_case (EkycApplication *self, GObject *kase, GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_OBJECT (kase), NULL);

  if (!_ekyc_application_check_store (self, error))
    return NULL;
  return _ekyc_application_store_load (self->store, self->session, kase, error);
}

gboolean
ekyc_application_review_case (EkycApplication *self, GObject *kase, gboolean approve,
                              const char *note, GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (kase), FALSE);

  return _ekyc_application_check_store (self, error)
         && _ekyc_application_store_review (self->store, self->session, kase, approve, note,
                                            error);
}

GListModel *
ekyc_application_list_audit (EkycApplication *self, const char *case_id, GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);

  if (!_ekyc_application_check_store (self, error))
    return NULL;
  return _ekyc_application_store_audit (self->store, self->session, case_id, error);
}

void
ekyc_application_get_policy (EkycApplication *self, EkycDecisionPolicy *policy)
{
  g_autoptr(GObject) stored = NULL;

  g_return_if_fail (EKYC_IS_APPLICATION (self));
  g_return_if_fail (policy != NULL);

  stored = ekyc_application_dup_policy (self);
  _ekyc_application_decision_policy (stored, policy);
}

/* Read once here (not on every decision: a save in a worker holds the store's lock). */
static void
reload_policy (EkycApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) policy = _ekyc_application_store_load_policy (self->store, &error);

  if (policy == NULL)
    {
      /* An unreadable policy row: decide under the defaults, and say so. */
      g_warning ("The policy could not be read: %s", error->message);
      policy = _ekyc_application_store_load_policy (NULL, NULL);
    }
  g_set_object (&self->policy, policy);
}

GObject *
ekyc_application_dup_policy (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), NULL);
  if (self->policy == NULL)
    reload_policy (self);
  return _ekyc_application_policy_copy (self->policy);
}

gboolean
ekyc_application_save_policy (EkycApplication *self, GObject *policy, GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (policy), FALSE);

  if (!_ekyc_application_check_store (self, error)
      || !_ekyc_application_store_save_policy (self->store, self->session, policy, error))
    return FALSE;
  reload_policy (self);
  return TRUE;
}

gboolean
ekyc_application_get_purging (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);

  return _ekyc_application_retention_running (self->retention);
}

guint
ekyc_application_get_retention_days (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), 0);

  return _ekyc_application_store_get_retention_days (self->store);
}

gboolean
ekyc_application_set_retention_days (EkycApplication *self, guint days, GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);

  if (!_ekyc_application_check_store (self, error))
    return FALSE;
  if (days == _ekyc_application_store_get_retention_days (self->store))
    return TRUE;
  if (!_ekyc_application_store_set_retention_days (self->store, self->session, days, error))
    return FALSE;
  /* A shorter period applies now, not at the next six-hourly purge. */
  _ekyc_application_retention_purge_now (self->retention);
  return TRUE;
}

gboolean
ekyc_application_get_locked (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);

  return self->session != NULL && _ekyc_application_session_get_locked (self->session);
}

void
ekyc_application_lock (EkycApplication *self)
{
  g_return_if_fail (EKYC_IS_APPLICATION (self));

  if (self->session != NULL)
    _ekyc_application_session_lock (self->session);
}

void
ekyc_application_touch (EkycApplication *self)
{
  g_return_if_fail (EKYC_IS_APPLICATION (self));

  if (self->session != NULL)
    _ekyc_application_session_touch (self->session);
}

guint
ekyc_application_get_lock_timeout (EkycApplication *self)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), 0);

  return _ekyc_application_store_get_lock_timeout (self->store);
}

gboolean
ekyc_application_set_lock_timeout (EkycApplication *self, guint seconds, GError **error)
{
  g_return_val_if_fail (EKYC_IS_APPLICATION (self), FALSE);

  if (!_ekyc_application_check_store (self, error))
    return FALSE;
  if (seconds == _ekyc_application_store_get_lock_timeout (self->store))
    return TRUE;
  return _ekyc_application_store_set_lock_timeout (self->store, self->session, seconds, error);
}
