/* ekyc-result-page.c — the last step: fields, both faces, every check and the decision
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "ekyc-image-texture.h"
#include "ekyc-result-page.h"

struct _EkycResultPage
{
  AdwBin              parent_instance;

  EkycVerification   *verification;
  EkycDecisionPolicy  policy;
  GPtrArray          *check_rows;
  GtkWidget          *field_rows[EKYC_N_CARD_FIELDS];
  gboolean            filling;

  GtkWidget          *decision_box;
  GtkLabel           *decision_label;
  GtkLabel           *reasons_label;
  GtkPicture         *card_face;
  GtkPicture         *selfie_face;
  AdwActionRow       *similarity_row;
  AdwActionRow       *liveness_row;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *checks_group;
  GtkLabel           *saved_label;
};

G_DEFINE_FINAL_TYPE (EkycResultPage, ekyc_result_page, ADW_TYPE_BIN)

static const char *
outcome_icon (EkycVerdict outcome)
{
  switch (outcome)
    {
    case EKYC_VERDICT_PASS: return "emblem-ok-symbolic";
    case EKYC_VERDICT_REVIEW: return "dialog-question-symbolic";
    case EKYC_VERDICT_NOT_CHECKED: return "content-loading-symbolic";
    default: return "dialog-error-symbolic";
    }
}

static const char *
outcome_css (EkycVerdict outcome)
{
  switch (outcome)
    {
    case EKYC_VERDICT_PASS: return "decision-pass";
    case EKYC_VERDICT_REVIEW: return "decision-review";
    case EKYC_VERDICT_NOT_CHECKED: return "dim-label";
    default: return "decision-fail";
    }
}

static void
set_picture (GtkPicture *picture, EkycImage *image)
{
  g_autoptr(GdkTexture) texture = image ? ekyc_texture_new_for_image (image) : NULL;

  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

static void
show_checks (EkycResultPage *self)
{
  GPtrArray *checks = ekyc_verification_get_checks (self->verification);
  EkycVerdict decision = ekyc_verification_get_decision (self->verification);
  g_autofree char *reasons = ekyc_verification_dup_reasons (self->verification);
  static const char *classes[] = { "decision-pass", "decision-review", "decision-fail" };
  guint not_checked = 0;

  for (guint i = 0; i < self->check_rows->len; i++)
    adw_preferences_group_remove (self->checks_group, g_ptr_array_index (self->check_rows, i));
  g_ptr_array_set_size (self->check_rows, 0);
  for (guint i = 0; i < checks->len; i++)
    {
      EkycCheck *c = g_ptr_array_index (checks, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (outcome_icon (c->outcome));
      GtkWidget *outcome = gtk_label_new (ekyc_verdict_title (c->outcome));

      not_checked += c->outcome == EKYC_VERDICT_NOT_CHECKED;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), c->detail);
      gtk_widget_add_css_class (icon, outcome_css (c->outcome));
      gtk_widget_add_css_class (outcome, outcome_css (c->outcome));
      gtk_widget_add_css_class (outcome, "heading");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), outcome);
      gtk_widget_set_name (row, c->id);
      adw_preferences_group_add (self->checks_group, row);
      g_ptr_array_add (self->check_rows, row);
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->decision_box, classes[i]);
  gtk_widget_add_css_class (self->decision_box, classes[decision]);
  gtk_label_set_label (self->decision_label, ekyc_verdict_title (decision));
  /* "Every check passed" would be untrue when a check the policy does not require was not done
   * (no chip reader, a still image instead of the live challenges). */
  gtk_label_set_label (self->reasons_label,
                       reasons && *reasons ? reasons
                       : not_checked > 0 ? _("Every required check passed.")
                       : _("Every check passed."));

  for (EkycCardField f = 0; f < EKYC_N_CARD_FIELDS; f++)
    {
      gboolean edited = ekyc_verification_get_original (self->verification, f) != NULL
                        && ekyc_verification_field_edited (self->verification, f);
      const char *original = ekyc_verification_get_original (self->verification, f);
      g_autofree char *tip = edited ? g_strdup_printf (_("The card says: %s"), original) : NULL;

      if (edited)
        gtk_widget_add_css_class (self->field_rows[f], "edited");
      else
        gtk_widget_remove_css_class (self->field_rows[f], "edited");
      gtk_widget_set_tooltip_text (self->field_rows[f], tip);
    }
}

static void
show_scores (EkycResultPage *self)
{
  double similarity = ekyc_verification_get_similarity (self->verification);
  double threshold = ekyc_verification_get_match_threshold (self->verification);
  double live = ekyc_verification_get_liveness_score (self->verification);
  g_autofree char *sim_text = NULL, *live_text = NULL;

  sim_text = isnan (similarity) ? g_strdup (_("Not measured"))
             : g_strdup_printf (_("%.2f (threshold %.2f)"), similarity, threshold);
  live_text = isnan (live) ? g_strdup (_("Not measured")) : g_strdup_printf ("%.2f", live);
  adw_action_row_set_subtitle (self->similarity_row, sim_text);
  adw_action_row_set_subtitle (self->liveness_row, live_text);
}

static void
field_changed (GtkEditable *editable, EkycResultPage *self)
{
  EkycCardField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "field"));

  if (self->filling || self->verification == NULL)
    return;
  ekyc_verification_set_field (self->verification, field, gtk_editable_get_text (editable));
  ekyc_verification_evaluate (self->verification, &self->policy);
  show_checks (self);
}

static void
ekyc_result_page_dispose (GObject *object)
{
  EkycResultPage *self = EKYC_RESULT_PAGE (object);

  g_clear_object (&self->verification);
  /* AdwBin unparents its child itself: let it go before the template is torn down. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_RESULT_PAGE);
  G_OBJECT_CLASS (ekyc_result_page_parent_class)->dispose (object);
}

static void
ekyc_result_page_finalize (GObject *object)
{
  g_ptr_array_unref (EKYC_RESULT_PAGE (object)->check_rows);
  G_OBJECT_CLASS (ekyc_result_page_parent_class)->finalize (object);
}

static void
ekyc_result_page_class_init (EkycResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekyc_result_page_dispose;
  object_class->finalize = ekyc_result_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/ekyc/Ekyc/ekyc-result-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, decision_box);
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, decision_label);
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, card_face);
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, selfie_face);
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, similarity_row);
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, liveness_row);
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, fields_group);
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, checks_group);
  gtk_widget_class_bind_template_child (widget_class, EkycResultPage, saved_label);
}

static void
ekyc_result_page_init (EkycResultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->check_rows = g_ptr_array_new ();
  for (EkycCardField f = 0; f < EKYC_N_CARD_FIELDS; f++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ekyc_card_field_title (f));
      g_object_set_data (G_OBJECT (row), "field", GINT_TO_POINTER (f));
      gtk_widget_set_name (row, ekyc_card_field_name (f));
      g_signal_connect (row, "changed", G_CALLBACK (field_changed), self);
      adw_preferences_group_add (self->fields_group, row);
      self->field_rows[f] = row;
    }
}

void
ekyc_result_page_set_verification (EkycResultPage *self, EkycVerification *verification,
                                   const EkycDecisionPolicy *policy)
{
  g_return_if_fail (EKYC_IS_RESULT_PAGE (self));
  g_return_if_fail (EKYC_IS_VERIFICATION (verification));
  g_return_if_fail (policy != NULL);

  g_set_object (&self->verification, verification);
  self->policy = *policy;
  ekyc_verification_evaluate (verification, policy);

  self->filling = TRUE;
  for (EkycCardField f = 0; f < EKYC_N_CARD_FIELDS; f++)
    {
      const char *value = ekyc_verification_get_field (verification, f);

      gtk_editable_set_text (GTK_EDITABLE (self->field_rows[f]), value ? value : "");
    }
  self->filling = FALSE;
  set_picture (self->card_face, ekyc_verification_get_reference_face (verification));
  set_picture (self->selfie_face, ekyc_verification_get_face (verification, EKYC_STEP_SELFIE));
  show_scores (self);
  show_checks (self);
  ekyc_result_page_set_saved (self, FALSE, NULL);
}

EkycVerification *
ekyc_result_page_get_verification (EkycResultPage *self)
{
  g_return_val_if_fail (EKYC_IS_RESULT_PAGE (self), NULL);
  return self->verification;
}

GtkEditable *
ekyc_result_page_get_field_editable (EkycResultPage *self, EkycCardField field)
{
  g_return_val_if_fail (EKYC_IS_RESULT_PAGE (self), NULL);
  g_return_val_if_fail (field < EKYC_N_CARD_FIELDS, NULL);
  return GTK_EDITABLE (self->field_rows[field]);
}

const char *
ekyc_result_page_get_decision_name (EkycResultPage *self)
{
  g_return_val_if_fail (EKYC_IS_RESULT_PAGE (self), NULL);
  if (self->verification == NULL)
    return NULL;
  return ekyc_verdict_name (ekyc_verification_get_decision (self->verification));
}

const char *
ekyc_result_page_get_saved_message (EkycResultPage *self)
{
  g_return_val_if_fail (EKYC_IS_RESULT_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->saved_label)))
    return NULL;
  return gtk_label_get_label (self->saved_label);
}

void
ekyc_result_page_set_saved (EkycResultPage *self, gboolean saved, const char *message)
{
  g_return_if_fail (EKYC_IS_RESULT_PAGE (self));
  gtk_label_set_label (self->saved_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), message != NULL);
  if (saved)
    gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
}
