/* ekyc-sync-indicator.c — the header's sync status: items waiting to be sent, the last sync, or
 * that this computer is not connected to a central server
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-case-sync-status.h"
#include "ekyc-sync-indicator.h"

struct _EkycSyncIndicator
{
  GtkBox           parent_instance;

  GtkImage        *icon;
  GtkLabel        *label;
  EkycSyncService *service;
};

G_DEFINE_FINAL_TYPE (EkycSyncIndicator, ekyc_sync_indicator, GTK_TYPE_BOX)

/* "10:42" today, "25/11" before; NULL when never. */
static char *
format_last_sync (gint64 last_sync)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (last_sync <= 0)
    return NULL;
  then = g_date_time_new_from_unix_local (last_sync);
  if (g_date_time_get_year (then) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (now))
    return g_date_time_format (then, "%H:%M");
  return g_date_time_format (then, "%d/%m");
}

static void
update (EkycSyncIndicator *self)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  const char *error;
  guint pending;

  gtk_widget_set_visible (GTK_WIDGET (self), self->service != NULL);
  if (self->service == NULL)
    return;
  if (!ekyc_case_sync_has_server (self->service))
    {
      /* Nothing leaves this computer: no count "to send" of items that would never be sent. */
      gtk_label_set_label (self->label, _("Not connected to a central server"));
      gtk_image_set_from_icon_name (self->icon, "network-offline-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                                   _("Results stay on this computer. A supervisor connects it "
                                     "to a central server in Preferences."));
      return;
    }
  pending = ekyc_sync_service_get_pending (self->service);
  when = format_last_sync (ekyc_sync_service_get_last_sync (self->service));
  /* Short: the header also holds the view switcher. */
  if (pending > 0 && when != NULL)
    /* Translators: items waiting to be sent · the time of the last sync */
    text = g_strdup_printf (ngettext ("%u to send · %s", "%u to send · %s", pending), pending,
                            when);
  else if (pending > 0)
    text = g_strdup_printf (ngettext ("%u to send", "%u to send", pending), pending);
  else if (when != NULL)
    /* Translators: %s is the time of the last sync */
    text = g_strdup_printf (_("Sent · %s"), when);
  else
    text = g_strdup (_("Nothing to send"));
  gtk_label_set_label (self->label, text);
  error = ekyc_sync_service_get_last_error (self->service);
  gtk_image_set_from_icon_name (self->icon, error ? "dialog-warning-symbolic"
                                           : pending ? "emblem-synchronizing-symbolic"
                                                     : "emblem-ok-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), error);
}

void
ekyc_sync_indicator_set_service (EkycSyncIndicator *self, EkycSyncService *service)
{
  g_return_if_fail (EKYC_IS_SYNC_INDICATOR (self));
  g_return_if_fail (service == NULL || EKYC_IS_SYNC_SERVICE (service));

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  if (service != NULL)
    g_signal_connect_object (service, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

const char *
ekyc_sync_indicator_get_text (EkycSyncIndicator *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_label (self->label);
}

static void
ekyc_sync_indicator_dispose (GObject *object)
{
  EkycSyncIndicator *self = EKYC_SYNC_INDICATOR (object);

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  G_OBJECT_CLASS (ekyc_sync_indicator_parent_class)->dispose (object);
}

static void
ekyc_sync_indicator_class_init (EkycSyncIndicatorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ekyc_sync_indicator_dispose;
}

static void
ekyc_sync_indicator_init (EkycSyncIndicator *self)
{
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->icon = GTK_IMAGE (gtk_image_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "caption");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->label));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
