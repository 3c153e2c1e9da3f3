/* ekyc-liveness-panel.c — the active liveness challenge over the selfie preview
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "ekyc-liveness-panel.h"

struct _EkycLivenessPanel
{
  AdwBin               parent_instance;

  EkycLivenessSession *session;
  double               timeout;

  GtkWidget           *box;
  GtkLabel            *progress_label;
  GtkLabel            *instruction_label;
  GtkLevelBar         *time_bar;
  GtkLabel            *time_label;
};

G_DEFINE_FINAL_TYPE (EkycLivenessPanel, ekyc_liveness_panel, ADW_TYPE_BIN)

static void
update (EkycLivenessPanel *self)
{
  EkycLivenessSession *s = self->session;
  EkycLivenessState state;
  gboolean running;

  gtk_widget_set_visible (GTK_WIDGET (self), s != NULL);
  if (s == NULL)
    return;
  state = ekyc_liveness_session_get_state (s);
  running = state == EKYC_LIVENESS_STATE_CHALLENGE;
  gtk_label_set_label (self->instruction_label, ekyc_liveness_session_get_message (s));
  if (state == EKYC_LIVENESS_STATE_WAITING || running)
    {
      /* Translators: progress of the liveness challenges, e.g. "Challenge 1 of 3" */
      g_autofree char *progress =
        g_strdup_printf (_("Challenge %u of %u"),
                         ekyc_liveness_session_get_challenge_index (s) + 1,
                         ekyc_liveness_session_get_n_challenges (s));

      gtk_label_set_label (self->progress_label, progress);
    }
  else
    gtk_label_set_label (self->progress_label, state == EKYC_LIVENESS_STATE_PASSED
                                               ? _("Liveness passed") : state == EKYC_LIVENESS_STATE_FAILED
                                               ? _("Liveness failed") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->time_bar), running);
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), running);
  if (running)
    {
      double left = ekyc_liveness_session_get_time_left (s);
      int seconds = (int) ceil (left);
      /* Translators: the countdown of one liveness challenge */
      g_autofree char *text = g_strdup_printf (ngettext ("%d second left", "%d seconds left",
                                                         seconds), seconds);

      gtk_level_bar_set_value (self->time_bar, self->timeout > 0
                                               ? CLAMP (left / self->timeout, 0, 1) : 0);
      gtk_label_set_label (self->time_label, text);
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self), "liveness-passed");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "liveness-failed");
  if (state == EKYC_LIVENESS_STATE_PASSED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "liveness-passed");
  else if (state == EKYC_LIVENESS_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "liveness-failed");
}

static void
ekyc_liveness_panel_dispose (GObject *object)
{
  EkycLivenessPanel *self = EKYC_LIVENESS_PANEL (object);

  ekyc_liveness_panel_set_session (self, NULL);
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_LIVENESS_PANEL);
  G_OBJECT_CLASS (ekyc_liveness_panel_parent_class)->dispose (object);
}

static void
ekyc_liveness_panel_class_init (EkycLivenessPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ekyc_liveness_panel_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/ekyc/Ekyc/ekyc-liveness-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycLivenessPanel, box);
  gtk_widget_class_bind_template_child (widget_class, EkycLivenessPanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, EkycLivenessPanel, instruction_label);
  gtk_widget_class_bind_template_child (widget_class, EkycLivenessPanel, time_bar);
  gtk_widget_class_bind_template_child (widget_class, EkycLivenessPanel, time_label);
  gtk_widget_class_set_css_name (widget_class, "livenesspanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
ekyc_liveness_panel_init (EkycLivenessPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ekyc_liveness_panel_new (void)
{
  return g_object_new (EKYC_TYPE_LIVENESS_PANEL, NULL);
}

void
ekyc_liveness_panel_set_session (EkycLivenessPanel *self, EkycLivenessSession *session)
{
  g_return_if_fail (EKYC_IS_LIVENESS_PANEL (self));
  g_return_if_fail (session == NULL || EKYC_IS_LIVENESS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_object_get (session, "challenge-timeout", &self->timeout, NULL);
      g_signal_connect_swapped (session, "notify", G_CALLBACK (update), self);
    }
  update (self);
}

EkycLivenessSession *
ekyc_liveness_panel_get_session (EkycLivenessPanel *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_PANEL (self), NULL);
  return self->session;
}

const char *
ekyc_liveness_panel_get_text (EkycLivenessPanel *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_PANEL (self), NULL);
  return gtk_label_get_label (self->instruction_label);
}
