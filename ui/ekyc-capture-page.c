/* ekyc-capture-page.c — one capture step of the flow: card front, card back or selfie
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-capture-page.h"
#include "ekyc-liveness-panel.h"
#include "ekyc-preview.h"

struct _EkycCapturePage
{
  AdwBin       parent_instance;

  EkycStep     step;
  gboolean     busy;
  char        *problem;
  char        *hint;

  GtkLabel    *step_label;
  GtkLabel    *title_label;
  GtkLabel    *instructions_label;
  GtkStack    *picture_stack;
  EkycPreview *preview;
  AdwStatusPage *placeholder;
  EkycLivenessPanel *liveness_panel;
  GtkLabel    *hint_label;
  GtkSpinner  *spinner;
  GtkRevealer *problem_revealer;
  GtkLabel    *problem_label;
  GtkWidget   *continue_button;
  GtkWidget   *skip_button;
};

G_DEFINE_FINAL_TYPE (EkycCapturePage, ekyc_capture_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STEP, PROP_BUSY, PROP_PAINTABLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CAPTURE, IMPORT, SKIP, CONTINUE, RETRY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_texts (EkycCapturePage *self)
{
  /* Translators: the steps of the verification */
  g_autofree char *step = g_strdup_printf (_("Step %d of 4"), self->step + 1);

  gtk_label_set_label (self->step_label, step);
  switch (self->step)
    {
    case EKYC_STEP_FRONT:
      gtk_label_set_label (self->title_label, _("Front of the ID card"));
      gtk_label_set_label (self->instructions_label,
                           _("Place the front of the card inside the frame, flat and without "
                             "glare. The QR code must be visible."));
      ekyc_preview_set_guide (self->preview, EKYC_PREVIEW_GUIDE_CARD);
      break;
    case EKYC_STEP_BACK:
      gtk_label_set_label (self->title_label, _("Back of the ID card"));
      gtk_label_set_label (self->instructions_label,
                           _("Turn the card over and place the back inside the frame."));
      ekyc_preview_set_guide (self->preview, EKYC_PREVIEW_GUIDE_CARD);
      break;
    case EKYC_STEP_SELFIE:
      gtk_label_set_label (self->title_label, _("Selfie and liveness"));
      gtk_label_set_label (self->instructions_label,
                           _("Ask the customer to look at the camera with their face inside the "
                             "oval, then to follow the instructions."));
      ekyc_preview_set_guide (self->preview, EKYC_PREVIEW_GUIDE_FACE);
      ekyc_preview_set_mirrored (self->preview, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_widget_set_visible (self->skip_button, self->step == EKYC_STEP_BACK);
}

static void
update_actions (EkycCapturePage *self)
{
  gboolean has_picture = ekyc_preview_get_paintable (self->preview) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.capture", !self->busy && has_picture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.import", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.skip", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.continue", !self->busy);
  gtk_stack_set_visible_child_name (self->picture_stack, has_picture ? "preview" : "placeholder");
}

static void
action_emit (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycCapturePage *self = EKYC_CAPTURE_PAGE (widget);

  if (g_str_equal (action_name, "page.capture"))
    g_signal_emit (self, signals[CAPTURE], 0);
  else if (g_str_equal (action_name, "page.import"))
    g_signal_emit (self, signals[IMPORT], 0);
  else if (g_str_equal (action_name, "page.skip"))
    g_signal_emit (self, signals[SKIP], 0);
  else if (g_str_equal (action_name, "page.continue"))
    g_signal_emit (self, signals[CONTINUE], 0);
  else if (g_str_equal (action_name, "page.retry"))
    g_signal_emit (self, signals[RETRY], 0);
}

static void
ekyc_capture_page_dispose (GObject *object)
{
  /* AdwBin unparents its child itself: let it go before the template is torn down. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_CAPTURE_PAGE);
  G_OBJECT_CLASS (ekyc_capture_page_parent_class)->dispose (object);
}

static void
ekyc_capture_page_finalize (GObject *object)
{
  g_free (EKYC_CAPTURE_PAGE (object)->problem);
  g_free (EKYC_CAPTURE_PAGE (object)->hint);
  G_OBJECT_CLASS (ekyc_capture_page_parent_class)->finalize (object);
}

static void
ekyc_capture_page_get_property (GObject *object, guint prop_id, GValue *value,
                                GParamSpec *pspec)
{
  EkycCapturePage *self = EKYC_CAPTURE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STEP: g_value_set_int (value, self->step); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_PAINTABLE: g_value_set_object (value, ekyc_capture_page_get_paintable (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_capture_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  EkycCapturePage *self = EKYC_CAPTURE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STEP:
      self->step = g_value_get_int (value);
      update_texts (self);
      break;
    case PROP_BUSY:
      ekyc_capture_page_set_busy (self, g_value_get_boolean (value));
      break;
    case PROP_PAINTABLE:
      ekyc_capture_page_set_paintable (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_capture_page_class_init (EkycCapturePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekyc_capture_page_dispose;
  object_class->finalize = ekyc_capture_page_finalize;
  object_class->get_property = ekyc_capture_page_get_property;
  object_class->set_property = ekyc_capture_page_set_property;

  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, EKYC_STEP_FRONT, EKYC_STEP_SELFIE, EKYC_STEP_FRONT,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CAPTURE] = g_signal_new ("capture", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SKIP] = g_signal_new ("skip", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONTINUE] = g_signal_new ("continue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The teller asks to start the camera or source again after it failed. */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (EKYC_TYPE_PREVIEW);
  g_type_ensure (EKYC_TYPE_LIVENESS_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/ekyc/Ekyc/ekyc-capture-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, step_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, instructions_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, picture_stack);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, preview);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, placeholder);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, liveness_panel);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, EkycCapturePage, skip_button);

  gtk_widget_class_install_action (widget_class, "page.capture", NULL, action_emit);
  gtk_widget_class_install_action (widget_class, "page.import", NULL, action_emit);
  gtk_widget_class_install_action (widget_class, "page.skip", NULL, action_emit);
  gtk_widget_class_install_action (widget_class, "page.continue", NULL, action_emit);
  gtk_widget_class_install_action (widget_class, "page.retry", NULL, action_emit);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "page.capture", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "page.import", NULL);
}

static void
ekyc_capture_page_init (EkycCapturePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ekyc_capture_page_set_placeholder (self, _("No picture"),
                                     _("Starting the camera…"));
  update_texts (self);
  update_actions (self);
}

EkycStep
ekyc_capture_page_get_step (EkycCapturePage *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAGE (self), EKYC_STEP_FRONT);
  return self->step;
}

void
ekyc_capture_page_set_paintable (EkycCapturePage *self, GdkPaintable *paintable)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAGE (self));

  if (ekyc_preview_get_paintable (self->preview) == paintable)
    return;
  ekyc_preview_set_paintable (self->preview, paintable);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAINTABLE]);
}

GdkPaintable *
ekyc_capture_page_get_paintable (EkycCapturePage *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAGE (self), NULL);
  return ekyc_preview_get_paintable (self->preview);
}

static const char *
busy_text (EkycCapturePage *self)
{
  return self->step == EKYC_STEP_SELFIE ? _("Comparing the faces…") : _("Reading the card…");
}

static void
show_hint (EkycCapturePage *self)
{
  const char *text = self->busy ? busy_text (self) : self->hint;

  gtk_label_set_label (self->hint_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), text != NULL && *text != '\0');
}

void
ekyc_capture_page_set_hint (EkycCapturePage *self, const char *hint)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAGE (self));
  g_free (self->hint);
  self->hint = g_strdup (hint);
  show_hint (self);
}

const char *
ekyc_capture_page_get_hint (EkycCapturePage *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAGE (self), NULL);
  return gtk_label_get_label (self->hint_label);
}

void
ekyc_capture_page_set_guide_ok (EkycCapturePage *self, gboolean ok)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAGE (self));
  ekyc_preview_set_guide_ok (self->preview, ok);
}

void
ekyc_capture_page_set_liveness (EkycCapturePage *self, EkycLivenessSession *session)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAGE (self));
  ekyc_liveness_panel_set_session (self->liveness_panel, session);
}

EkycLivenessSession *
ekyc_capture_page_get_liveness (EkycCapturePage *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAGE (self), NULL);
  return ekyc_liveness_panel_get_session (self->liveness_panel);
}

const char *
ekyc_capture_page_get_challenge (EkycCapturePage *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAGE (self), NULL);
  if (ekyc_liveness_panel_get_session (self->liveness_panel) == NULL)
    return NULL;
  return ekyc_liveness_panel_get_text (self->liveness_panel);
}

void
ekyc_capture_page_set_busy (EkycCapturePage *self, gboolean busy)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAGE (self));

  busy = !!busy;
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  show_hint (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
ekyc_capture_page_get_busy (EkycCapturePage *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAGE (self), FALSE);
  return self->busy;
}

void
ekyc_capture_page_set_problem (EkycCapturePage *self, const char *problem, gboolean can_continue)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAGE (self));

  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_label (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (self->continue_button, can_continue);
  gtk_revealer_set_reveal_child (self->problem_revealer, problem != NULL);
}

const char *
ekyc_capture_page_get_problem (EkycCapturePage *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAGE (self), NULL);
  return self->problem;
}

void
ekyc_capture_page_set_placeholder (EkycCapturePage *self, const char *title,
                                   const char *description)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAGE (self));
  adw_status_page_set_title (self->placeholder, title);
  adw_status_page_set_description (self->placeholder, description);
}

const char *
ekyc_capture_page_get_placeholder (EkycCapturePage *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAGE (self), NULL);
  if (ekyc_preview_get_paintable (self->preview) != NULL)
    return NULL;
  return adw_status_page_get_title (self->placeholder);
}
