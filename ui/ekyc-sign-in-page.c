/* ekyc-sign-in-page.c — who is at the counter: user name and password, also to unlock
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-sign-in-page.h"

struct _EkycSignInPage
{
  AdwBin         parent_instance;

  AdwStatusPage *status;
  AdwEntryRow   *user_row;
  AdwEntryRow   *password_row;
  GtkLabel      *error_label;
  GtkSpinner    *spinner;
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (EkycSignInPage, ekyc_sign_in_page, ADW_TYPE_BIN)

enum { SUBMIT, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
submit (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycSignInPage *self = EKYC_SIGN_IN_PAGE (widget);
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->busy)
    return;
  if (*user == '\0')
    {
      ekyc_sign_in_page_set_error (self, _("Enter your user name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
      return;
    }
  g_signal_emit (self, signals[SUBMIT], 0, user, password);
}

static void
user_activated (EkycSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
password_activated (EkycSignInPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.submit", NULL);
}

static void
ekyc_sign_in_page_dispose (GObject *object)
{
  /* AdwBin unparents its child itself: let it go before the template is torn down. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_SIGN_IN_PAGE);
  G_OBJECT_CLASS (ekyc_sign_in_page_parent_class)->dispose (object);
}

static void
ekyc_sign_in_page_class_init (EkycSignInPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ekyc_sign_in_page_dispose;

  /* Emitted with the user name and password when the user asks to sign in. */
  signals[SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/ekyc/Ekyc/ekyc-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycSignInPage, status);
  gtk_widget_class_bind_template_child (widget_class, EkycSignInPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, EkycSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, EkycSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, EkycSignInPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, user_activated);
  gtk_widget_class_bind_template_callback (widget_class, password_activated);
  gtk_widget_class_install_action (widget_class, "sign-in.submit", NULL, submit);
}

static void
ekyc_sign_in_page_init (EkycSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ekyc_sign_in_page_set_error (EkycSignInPage *self, const char *message)
{
  g_return_if_fail (EKYC_IS_SIGN_IN_PAGE (self));
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
ekyc_sign_in_page_set_locked (EkycSignInPage *self, const char *user_name, guint idle_minutes)
{
  g_return_if_fail (EKYC_IS_SIGN_IN_PAGE (self));

  if (user_name != NULL)
    {
      g_autofree char *why = NULL;

      if (idle_minutes == 0)
        why = g_strdup (_("The session was locked. Enter your password to continue."));
      else
        why = g_strdup_printf (ngettext ("The session was locked after %u minute without use. "
                                         "Enter your password to continue.",
                                         "The session was locked after %u minutes without use. "
                                         "Enter your password to continue.", idle_minutes),
                               idle_minutes);
      adw_status_page_set_title (self->status, _("Locked"));
      adw_status_page_set_description (self->status, why);
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), user_name);
    }
  else
    {
      adw_status_page_set_title (self->status, _("Sign in"));
      adw_status_page_set_description (self->status,
                                       _("Tellers and supervisors sign in with their own "
                                         "account."));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), user_name == NULL);
}

const char *
ekyc_sign_in_page_get_title (EkycSignInPage *self)
{
  g_return_val_if_fail (EKYC_IS_SIGN_IN_PAGE (self), NULL);
  return adw_status_page_get_title (self->status);
}

const char *
ekyc_sign_in_page_get_description (EkycSignInPage *self)
{
  g_return_val_if_fail (EKYC_IS_SIGN_IN_PAGE (self), NULL);
  return adw_status_page_get_description (self->status);
}

void
ekyc_sign_in_page_clear (EkycSignInPage *self)
{
  g_return_if_fail (EKYC_IS_SIGN_IN_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  ekyc_sign_in_page_set_error (self, NULL);
}

void
ekyc_sign_in_page_set_first_user (EkycSignInPage *self)
{
  g_return_if_fail (EKYC_IS_SIGN_IN_PAGE (self));
  adw_status_page_set_title (self->status, _("Create the supervisor account"));
  adw_status_page_set_description (self->status,
                                   _("No one uses this computer yet. Choose the user name and "
                                     "password of the first supervisor, who then adds the "
                                     "tellers."));
}

void
ekyc_sign_in_page_set_busy (EkycSignInPage *self, gboolean busy)
{
  g_return_if_fail (EKYC_IS_SIGN_IN_PAGE (self));

  self->busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit", !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !self->busy);
  if (self->busy)
    ekyc_sign_in_page_set_error (self, NULL);
}

gboolean
ekyc_sign_in_page_get_busy (EkycSignInPage *self)
{
  g_return_val_if_fail (EKYC_IS_SIGN_IN_PAGE (self), FALSE);
  return self->busy;
}

const char *
ekyc_sign_in_page_get_error (EkycSignInPage *self)
{
  g_return_val_if_fail (EKYC_IS_SIGN_IN_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

/* As the teller types and presses Enter (tests). */
void
ekyc_sign_in_page_submit (EkycSignInPage *self, const char *user, const char *password)
{
  g_return_if_fail (EKYC_IS_SIGN_IN_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.submit", NULL);
}
