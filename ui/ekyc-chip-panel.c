/* ekyc-chip-panel.c — the chip step of the flow (see ekyc-chip-panel.h)
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-chip-panel.h"
#include "ekyc-chip-settings-group.h"
#include "ekyc-chip-session.h"

/* The button waits this long for the card to be put on the reader. */
#define WAIT_FOR_CARD_MS 15000

struct _EkycChipPanel
{
  AdwBin             parent_instance;

  EkycVerification  *verification;
  EkycEngine        *engine;        /* borrowed: the engine outlives the window */
  GSettings         *settings;
  EkycChipSession   *session;
  GCancellable      *cancellable;
  EkycChipPanelState state;
  char              *message;
  gint64             started_us;

  GtkImage          *icon;
  GtkLabel          *message_label;
  GtkProgressBar    *progress_bar;
  GtkButton         *read_button;
};

G_DEFINE_FINAL_TYPE (EkycChipPanel, ekyc_chip_panel, ADW_TYPE_BIN)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_state (EkycChipPanel *self, EkycChipPanelState state, const char *message)
{
  static const char *const icons[] = {
    NULL, "content-loading-symbolic", "emblem-ok-symbolic", "dialog-information-symbolic",
  };

  self->state = state;
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_widget_set_visible (GTK_WIDGET (self), state != EKYC_CHIP_PANEL_IDLE);
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), state == EKYC_CHIP_PANEL_READING);
  if (icons[state] != NULL)
    gtk_image_set_from_icon_name (self->icon, icons[state]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chip.read",
                                 state == EKYC_CHIP_PANEL_DONE
                                 || state == EKYC_CHIP_PANEL_NOT_READ);
}

/* What the teller reads when the chip was not read: what to do, and that the flow goes on. */
static char *
not_read_message (const GError *error)
{
  if (g_error_matches (error, EKYC_ERROR, EKYC_ERROR_CHIP_NO_READER))
    return g_strdup (_("No card reader is connected: the verification goes on without the "
                       "chip."));
  if (g_error_matches (error, EKYC_ERROR, EKYC_ERROR_CHIP_NO_CARD))
    return g_strdup (_("No card is on the reader. Put the card on it and press Read Chip, or "
                       "go on without the chip."));
  /* Translators: %s is the reader's reason (already translated) */
  return g_strdup_printf (_("The chip was not read: %s You may try again or go on without "
                            "it."), error->message);
}

static void
chip_set (GObject *object, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycChipPanel) self = data;
  EkycVerification *verification = EKYC_VERIFICATION (object);
  g_autoptr(GError) error = NULL;
  const EkycChipDocument *chip;
  g_autofree char *message = NULL;

  if (!ekyc_verification_set_chip_finish (verification, result, &error)
      || verification != self->verification)
    return;
  chip = ekyc_verification_get_chip (verification);
  g_debug ("chip step: %.0f ms", (g_get_monotonic_time () - self->started_us) / 1000.0);
  if (ekyc_verification_get_chip_verified (verification))
    /* Translators: %s is the country signing CA's name */
    message = g_strdup_printf (_("Chip verified: its data is signed by the issuing state "
                                 "(%s)."),
                               chip->passive.csca_subject ? chip->passive.csca_subject : "CSCA");
  else
    /* Translators: %s is a result code such as "csca-unknown" or "hash-mismatch" */
    message = g_strdup_printf (_("Chip read, but not verified (%s): the card’s print is "
                                 "used."),
                               ekyc_chip_passive_result_name (chip->passive.result));
  set_state (self, EKYC_CHIP_PANEL_DONE, message);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
chip_read (GObject *object, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycChipPanel) self = data;
  g_autoptr(GError) error = NULL;
  EkycChipDocument *document;
  g_autofree char *message = NULL;

  document = ekyc_chip_session_read_finish (EKYC_CHIP_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || EKYC_CHIP_SESSION (object) != self->session || self->verification == NULL)
    {
      g_clear_pointer (&document, ekyc_chip_document_free);
      return;
    }
  if (document == NULL)
    {
      message = not_read_message (error);
      ekyc_verification_set_chip_problem (self->verification, message);
      set_state (self, EKYC_CHIP_PANEL_NOT_READ, message);
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }
  set_state (self, EKYC_CHIP_PANEL_READING, _("Checking the chip’s photo…"));
  ekyc_verification_set_chip_async (self->verification, self->engine, document,
                                    self->cancellable, chip_set, g_object_ref (self));
}

static void
progress_changed (EkycChipSession *session, GParamSpec *pspec, EkycChipPanel *self)
{
  const char *step = ekyc_chip_session_get_step (session);
  g_autofree char *message = NULL;

  if (self->state != EKYC_CHIP_PANEL_READING || session != self->session)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, ekyc_chip_session_get_fraction (session));
  /* Translators: %s is the step, e.g. "access", "read-dg2" */
  message = g_strdup_printf (_("Reading the chip… (%s)"), step ? step : "connect");
  gtk_label_set_label (self->message_label, message);
}

void
ekyc_chip_panel_read (EkycChipPanel *self, guint timeout_ms)
{
  g_autofree char *trust = NULL, *reader = NULL;
  EkycChipKey key;

  g_return_if_fail (EKYC_IS_CHIP_PANEL (self));
  if (self->verification == NULL || self->state == EKYC_CHIP_PANEL_READING)
    return;
  if (!ekyc_verification_get_chip_key (self->verification, &key))
    {
      set_state (self, EKYC_CHIP_PANEL_IDLE, NULL);
      return;
    }
  trust = ekyc_chip_settings_dup_trust_directory (self->settings);
  reader = g_settings_get_string (self->settings, "chip-reader");
  g_clear_object (&self->session);
  self->session = ekyc_chip_session_new (trust);
  g_signal_connect_object (self->session, "notify::fraction", G_CALLBACK (progress_changed),
                           self, 0);
  g_signal_connect_object (self->session, "notify::step", G_CALLBACK (progress_changed),
                           self, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_state (self, EKYC_CHIP_PANEL_READING,
             timeout_ms > 0 ? _("Put the card on the reader…") : _("Reading the chip…"));
  self->started_us = g_get_monotonic_time ();
  ekyc_chip_session_read_async (self->session, *reader ? reader : NULL, &key, timeout_ms,
                                self->cancellable, chip_read, g_object_ref (self));
  memset (&key, 0, sizeof key);
}

static void
read_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ekyc_chip_panel_read (EKYC_CHIP_PANEL (widget), WAIT_FOR_CARD_MS);
}

void
ekyc_chip_panel_reset (EkycChipPanel *self)
{
  g_return_if_fail (EKYC_IS_CHIP_PANEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->session);
  g_clear_object (&self->verification);
  set_state (self, EKYC_CHIP_PANEL_IDLE, NULL);
}

void
ekyc_chip_panel_start (EkycChipPanel    *self,
                       EkycVerification *verification,
                       EkycEngine       *engine,
                       GSettings        *settings)
{
  g_return_if_fail (EKYC_IS_CHIP_PANEL (self));
  g_return_if_fail (EKYC_IS_VERIFICATION (verification));
  g_return_if_fail (G_IS_SETTINGS (settings));

  ekyc_chip_panel_reset (self);
  self->verification = g_object_ref (verification);
  self->engine = engine;
  g_set_object (&self->settings, settings);
  /* at once, without waiting: a reader that holds the card is read, else a message */
  ekyc_chip_panel_read (self, 0);
}

EkycChipPanelState
ekyc_chip_panel_get_state (EkycChipPanel *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_PANEL (self), EKYC_CHIP_PANEL_IDLE);
  return self->state;
}

const char *
ekyc_chip_panel_get_message (EkycChipPanel *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_PANEL (self), NULL);
  return self->message;
}

static void
ekyc_chip_panel_dispose (GObject *object)
{
  EkycChipPanel *self = EKYC_CHIP_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->verification);
  g_clear_object (&self->settings);
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_CHIP_PANEL);
  G_OBJECT_CLASS (ekyc_chip_panel_parent_class)->dispose (object);
}

static void
ekyc_chip_panel_finalize (GObject *object)
{
  g_free (EKYC_CHIP_PANEL (object)->message);
  G_OBJECT_CLASS (ekyc_chip_panel_parent_class)->finalize (object);
}

static void
ekyc_chip_panel_class_init (EkycChipPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekyc_chip_panel_dispose;
  object_class->finalize = ekyc_chip_panel_finalize;
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/ekyc/Ekyc/ekyc-chip-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycChipPanel, icon);
  gtk_widget_class_bind_template_child (widget_class, EkycChipPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, EkycChipPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EkycChipPanel, read_button);
  gtk_widget_class_install_action (widget_class, "chip.read", NULL, read_activated);
}

static void
ekyc_chip_panel_init (EkycChipPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  set_state (self, EKYC_CHIP_PANEL_IDLE, NULL);
}
