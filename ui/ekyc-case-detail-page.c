/* ekyc-case-detail-page.c — one saved case, all of it: decision, review, fields and edits,
 * evidence, scores, checks, sync and its audit history
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-audit-entry.h"
#include "ekyc-case.h"
#include "ekyc-case-detail-page.h"
#include "ekyc-case-sync-status.h"
#include "ekyc-policy.h"
#include "ekyc-verification.h"

struct _EkycCaseDetailPage
{
  AdwBin               parent_instance;

  EkycCase            *kase;
  EkycSyncService     *sync;
  gboolean             supervisor;
  GPtrArray           *rows;       /* rows added to the groups, removed on the next case */

  GtkWidget           *back_button;
  GtkLabel            *title_label;
  GtkSpinner          *spinner;
  GtkWidget           *review_button;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkLabel            *subtitle_label;
  GtkWidget           *decision_box;
  GtkLabel            *decision_label;
  GtkLabel            *reasons_label;
  GtkLabel            *decided_label;
  AdwActionRow        *review_row;
  GtkWidget           *faces_box;
  GtkWidget           *card_box;
  GtkPicture          *card_face;
  GtkWidget           *chip_box;
  GtkPicture          *chip_face;
  GtkWidget           *selfie_box;
  GtkPicture          *selfie_face;
  GtkWidget           *evidence_note_box;
  GtkLabel            *evidence_note_label;
  AdwActionRow        *similarity_row;
  AdwActionRow        *liveness_row;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *checks_group;
  AdwActionRow        *sync_result_row;
  AdwActionRow        *sync_evidence_row;
  AdwPreferencesGroup *history_group;
};

G_DEFINE_FINAL_TYPE (EkycCaseDetailPage, ekyc_case_detail_page, ADW_TYPE_BIN)

enum { BACK, REVIEW, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const decision_classes[] = { "decision-pass", "decision-review",
                                                "decision-fail" };

/* A time of the case as people read it: local, in the list's format. */
static char *
format_time (GDateTime *at)
{
  g_autoptr(GDateTime) local = NULL;

  if (at == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (at);
  /* Translators: a case's date and time in the list, see g_date_time_format() */
  return g_date_time_format (local, _("%d/%m/%Y %H:%M"));
}

static const char *
field_title (const char *name)
{
  static const struct { const char *name, *title; } titles[] = {
    { EKYC_FIELD_ID_NUMBER, N_("ID number") },
    { EKYC_FIELD_FULL_NAME, N_("Full name") },
    { EKYC_FIELD_BIRTH_DATE, N_("Date of birth") },
    { EKYC_FIELD_SEX, N_("Sex") },
    { EKYC_FIELD_NATIONALITY, N_("Nationality") },
    { EKYC_FIELD_PLACE_OF_ORIGIN, N_("Place of origin") },
    { EKYC_FIELD_RESIDENCE, N_("Place of residence") },
    { EKYC_FIELD_ISSUE_DATE, N_("Date of issue") },
    { EKYC_FIELD_EXPIRY_DATE, N_("Valid until") },
    { EKYC_FIELD_OLD_ID_NUMBER, N_("Old ID number") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].name, name))
      return _(titles[i].title);
  return name;
}

static GtkWidget *
add_row (EkycCaseDetailPage *self, AdwPreferencesGroup *group, const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names, notes and details are people's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (row), "group", group);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
clear_rows (EkycCaseDetailPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "group"), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
suffix_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The teller's last edit of @name, or NULL. */
static const EkycFieldEdit *
last_edit (EkycCase *kase, const char *name)
{
  GPtrArray *edits = ekyc_case_get_edits (kase);
  const EkycFieldEdit *found = NULL;

  for (guint i = 0; edits != NULL && i < edits->len; i++)
    {
      const EkycFieldEdit *edit = g_ptr_array_index (edits, i);

      if (g_strcmp0 (edit->field, name) == 0)
        found = edit;
    }
  return found;
}

static void
show_fields (EkycCaseDetailPage *self)
{
  g_auto(GStrv) names = ekyc_case_dup_field_names (self->kase);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = ekyc_case_get_field (self->kase, names[i]);
      const char *original = ekyc_case_get_field_original (self->kase, names[i]);
      const EkycFieldEdit *edit = last_edit (self->kase, names[i]);
      EkycFieldSource source = ekyc_case_get_field_source (self->kase, names[i]);
      gboolean edited = edit != NULL || source == EKYC_FIELD_SOURCE_TELLER;
      g_autofree char *shown = NULL, *who = NULL;
      GtkWidget *row, *note;

      if (edited && original != NULL && g_strcmp0 (original, value) != 0)
        /* Translators: a field the teller changed: what the card said → what it is now */
        shown = g_strdup_printf (_("%s → %s"), original, value);
      else
        shown = g_strdup (value);
      row = add_row (self, self->fields_group, field_title (names[i]), shown);
      gtk_widget_set_name (row, names[i]);
      if (edited)
        {
          g_autofree char *when = edit ? format_time (edit->at) : NULL;

          who = edit ? g_strdup_printf (_("Edited by %s, %s"), edit->user, when)
                     : g_strdup (_("Entered by the teller"));
          gtk_widget_add_css_class (row, "edited");
          note = suffix_label (who, "caption");
        }
      else
        note = suffix_label (ekyc_field_source_to_label (source), "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), note);
      g_object_set_data (G_OBJECT (row), "note", note);
    }
  if (names[0] == NULL)
    add_row (self, self->fields_group, _("No field was read from the card."), NULL);
}

static const char *
outcome_icon (EkycCheckOutcome outcome)
{
  switch (outcome)
    {
    case EKYC_CHECK_OUTCOME_PASSED: return "emblem-ok-symbolic";
    case EKYC_CHECK_OUTCOME_FAILED: return "dialog-error-symbolic";
    case EKYC_CHECK_OUTCOME_REVIEW: return "dialog-warning-symbolic";
    case EKYC_CHECK_OUTCOME_NOT_RUN:
    default: return "content-loading-symbolic";
    }
}

static void
show_checks (EkycCaseDetailPage *self)
{
  GPtrArray *checks = ekyc_case_get_checks (self->kase);

  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      const EkycCaseCheck *check = g_ptr_array_index (checks, i);
      const char *css = check->outcome == EKYC_CHECK_OUTCOME_PASSED ? "decision-pass"
                        : check->outcome == EKYC_CHECK_OUTCOME_FAILED ? "decision-fail"
                        : check->outcome == EKYC_CHECK_OUTCOME_REVIEW ? "decision-review"
                        : "dim-label";
      GtkWidget *row = add_row (self, self->checks_group,
                                ekyc_verification_check_title (check->name), check->detail);
      GtkWidget *icon = gtk_image_new_from_icon_name (outcome_icon (check->outcome));
      GtkWidget *outcome = gtk_label_new (ekyc_check_outcome_to_label (check->outcome));

      gtk_widget_add_css_class (icon, css);
      gtk_widget_add_css_class (outcome, css);
      gtk_widget_add_css_class (outcome, "heading");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), outcome);
      gtk_widget_set_name (row, check->name);
    }
  if (checks == NULL || checks->len == 0)
    add_row (self, self->checks_group, _("No check was recorded."), NULL);
}

/* Each reason in words: a check the case failed with its own detail, else the policy's
 * sentence for the reason code. */
static char *
describe_reasons (EkycCase *kase)
{
  const char * const *reasons = ekyc_case_get_reasons (kase);
  GPtrArray *checks = ekyc_case_get_checks (kase);
  GString *text = g_string_new (NULL);

  for (guint i = 0; reasons[i] != NULL; i++)
    {
      g_autofree char *line = NULL;

      for (guint c = 0; line == NULL && checks != NULL && c < checks->len; c++)
        {
          const EkycCaseCheck *check = g_ptr_array_index (checks, c);

          if (g_str_equal (check->name, reasons[i]) && check->detail != NULL)
            line = g_strdup_printf ("%s: %s", ekyc_verification_check_title (check->name),
                                    check->detail);
        }
      if (line == NULL)
        line = ekyc_policy_describe_reason (reasons[i]);
      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", line);
    }
  return g_string_free (text, FALSE);
}

static void
show_decision (EkycCaseDetailPage *self)
{
  EkycDecision decision = ekyc_case_get_decision (self->kase);
  g_autofree char *reasons = describe_reasons (self->kase);
  g_autofree char *when = format_time (ekyc_case_get_created_at (self->kase));
  g_autofree char *decided = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (decision_classes); i++)
    gtk_widget_remove_css_class (self->decision_box, decision_classes[i]);
  if (decision != EKYC_DECISION_NONE)
    gtk_widget_add_css_class (self->decision_box, decision_classes[decision - 1]);
  gtk_label_set_label (self->decision_label, ekyc_decision_to_label (decision));
  gtk_label_set_label (self->reasons_label, reasons);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_label), *reasons != '\0');
  decided = g_strdup_printf (_("Decided on %s; teller: %s."), when,
                             ekyc_case_get_teller (self->kase));
  gtk_label_set_label (self->decided_label, decided);
}

static void
show_review (EkycCaseDetailPage *self)
{
  EkycReviewState state = ekyc_case_get_review_state (self->kase);
  g_autofree char *when = format_time (ekyc_case_get_reviewed_at (self->kase));
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->review_row),
                                 ekyc_review_state_to_label (state));
  switch (state)
    {
    case EKYC_REVIEW_STATE_PENDING:
      subtitle = g_strdup (_("In the supervisor’s review queue."));
      break;
    case EKYC_REVIEW_STATE_APPROVED:
    case EKYC_REVIEW_STATE_REJECTED:
      /* Translators: the reviewer, when, and the reviewer's note */
      subtitle = g_strdup_printf (_("By %s on %s. Note: %s"),
                                  ekyc_case_get_reviewer (self->kase), when,
                                  ekyc_case_get_review_note (self->kase));
      break;
    case EKYC_REVIEW_STATE_NONE:
    default:
      subtitle = g_strdup (_("A PASS or a FAIL needs no supervisor."));
      break;
    }
  adw_action_row_set_subtitle (self->review_row, subtitle);
}

static GdkPaintable *
evidence_paintable (EkycCase *kase, EkycEvidenceKind kind)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = ekyc_case_get_evidence (kase, kind, NULL);
  GdkTexture *texture;

  if (bytes == NULL)
    return NULL;
  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    g_message ("the %s of a case does not decode: %s",
               ekyc_enum_to_string (EKYC_TYPE_EVIDENCE_KIND, kind), error->message);
  return GDK_PAINTABLE (texture);
}

static void
show_evidence (EkycCaseDetailPage *self, GdkPaintable *chip_portrait)
{
  g_autoptr(GdkPaintable) card = evidence_paintable (self->kase, EKYC_EVIDENCE_CARD_PORTRAIT);
  g_autoptr(GdkPaintable) selfie = evidence_paintable (self->kase, EKYC_EVIDENCE_SELFIE);
  gboolean purged = ekyc_case_get_evidence_purged (self->kase);
  GDateTime *purged_at = ekyc_case_get_evidence_purged_at (self->kase);
  g_autofree char *note = NULL;

  gtk_picture_set_paintable (self->card_face, card);
  gtk_picture_set_paintable (self->chip_face, chip_portrait);
  gtk_picture_set_paintable (self->selfie_face, selfie);
  gtk_widget_set_visible (self->card_box, card != NULL);
  gtk_widget_set_visible (self->chip_box, chip_portrait != NULL);
  gtk_widget_set_visible (self->selfie_box, selfie != NULL);
  gtk_widget_set_visible (self->faces_box, card != NULL || selfie != NULL
                                           || chip_portrait != NULL);
  if (purged && purged_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (purged_at);
      /* Translators: a date, see g_date_time_format() */
      g_autofree char *date = g_date_time_format (local, _("%d/%m/%Y"));

      note = g_strdup_printf (_("The evidence images were removed by the retention policy on "
                                "%s. The decision, the fields and the history stay."), date);
    }
  else if (purged)
    note = g_strdup (_("The evidence images were removed by the retention policy. The "
                       "decision, the fields and the history stay."));
  else if (card == NULL && selfie == NULL && chip_portrait == NULL)
    note = g_strdup (_("This case has no pictures of the faces."));
  gtk_label_set_label (self->evidence_note_label, note ? note : "");
  gtk_widget_set_visible (self->evidence_note_box, note != NULL);
}

static void
show_scores (EkycCaseDetailPage *self)
{
  g_autofree char *similarity = NULL, *liveness = NULL;

  similarity = ekyc_case_get_has_similarity (self->kase)
               ? g_strdup_printf ("%.2f", ekyc_case_get_similarity (self->kase))
               : g_strdup (_("Not measured"));
  liveness = ekyc_case_get_has_passive_liveness (self->kase)
             ? g_strdup_printf ("%.2f", ekyc_case_get_passive_liveness (self->kase))
             : g_strdup (_("Not measured"));
  adw_action_row_set_subtitle (self->similarity_row, similarity);
  adw_action_row_set_subtitle (self->liveness_row, liveness);
}

static void
show_sync (EkycCaseDetailPage *self)
{
  g_autofree char *result = NULL, *evidence = NULL;

  if (self->kase == NULL)
    return;
  result = ekyc_case_describe_result_sync (G_OBJECT (self->kase), self->sync);
  evidence = ekyc_case_describe_evidence (G_OBJECT (self->kase), self->sync);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sync_result_row), result);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sync_evidence_row), evidence);
}

static void
show_history (EkycCaseDetailPage *self, GListModel *history)
{
  guint n = history ? g_list_model_get_n_items (history) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkycAuditEntry) entry = g_list_model_get_item (history, i);
      g_autofree char *when = format_time (ekyc_audit_entry_get_at (entry));
      g_autofree char *detail = ekyc_audit_entry_dup_detail_label (entry);
      g_autofree char *subtitle = NULL;

      subtitle = detail && *detail
                 ? g_strdup_printf ("%s · %s · %s", when, ekyc_audit_entry_get_actor (entry),
                                    detail)
                 : g_strdup_printf ("%s · %s", when, ekyc_audit_entry_get_actor (entry));
      add_row (self, self->history_group, ekyc_audit_entry_get_action_label (entry), subtitle);
    }
  if (n == 0)
    add_row (self, self->history_group, _("The audit log holds nothing on this case."), NULL);
}

static void
update_review_button (EkycCaseDetailPage *self)
{
  gboolean can = ekyc_case_detail_page_get_can_review (self);

  gtk_widget_set_visible (self->review_button, can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.review", can);
}

static void
back_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
review_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycCaseDetailPage *self = EKYC_CASE_DETAIL_PAGE (widget);

  if (ekyc_case_detail_page_get_can_review (self))
    g_signal_emit (self, signals[REVIEW], 0, self->kase);
}

static void
ekyc_case_detail_page_dispose (GObject *object)
{
  EkycCaseDetailPage *self = EKYC_CASE_DETAIL_PAGE (object);

  g_clear_object (&self->kase);
  g_clear_object (&self->sync);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  /* AdwBin unparents its child itself: let it go before the template is torn down. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_CASE_DETAIL_PAGE);
  G_OBJECT_CLASS (ekyc_case_detail_page_parent_class)->dispose (object);
}

static void
ekyc_case_detail_page_class_init (EkycCaseDetailPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ekyc_case_detail_page_dispose;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REVIEW] = g_signal_new ("review", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/ekyc/Ekyc/ekyc-case-detail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, review_button);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, decision_box);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, decision_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, decided_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, review_row);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, faces_box);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, card_box);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, card_face);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, chip_box);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, chip_face);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, selfie_box);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, selfie_face);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, evidence_note_box);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, evidence_note_label);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, similarity_row);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, liveness_row);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, fields_group);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, checks_group);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, sync_result_row);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, sync_evidence_row);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseDetailPage, history_group);
  gtk_widget_class_install_action (widget_class, "case.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "case.review", NULL, review_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "case.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "case.back", NULL);
}

static void
ekyc_case_detail_page_init (EkycCaseDetailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  update_review_button (self);
}

void
ekyc_case_detail_page_set_loading (EkycCaseDetailPage *self, GObject *listed)
{
  g_autofree char *name = NULL;

  g_return_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self));
  g_return_if_fail (listed == NULL || G_IS_OBJECT (listed));

  if (listed != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (listed), "full-name"))
    g_object_get (listed, "full-name", &name, NULL);
  g_clear_object (&self->kase);
  clear_rows (self);
  gtk_label_set_label (self->title_label,
                       listed == NULL ? "" : name && *name ? name : _("(no name)"));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), listed != NULL);
  /* Nothing of the case before it is shown (and its viewing recorded). */
  gtk_widget_set_visible (GTK_WIDGET (self->stack), FALSE);
  update_review_button (self);
  /* Escape (the page's binding) works at once, and Tab goes on from the top. */
  if (listed != NULL)
    gtk_widget_grab_focus (self->back_button);
}

void
ekyc_case_detail_page_show_case (EkycCaseDetailPage *self, GObject *kase, GListModel *history,
                                 GdkPaintable *chip_portrait)
{
  const char *name, *number;
  g_autofree char *created = NULL, *subtitle = NULL;

  g_return_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self));
  g_return_if_fail (EKYC_IS_CASE (kase));
  g_return_if_fail (history == NULL || G_IS_LIST_MODEL (history));
  g_return_if_fail (chip_portrait == NULL || GDK_IS_PAINTABLE (chip_portrait));

  g_set_object (&self->kase, EKYC_CASE (kase));
  clear_rows (self);
  name = ekyc_case_get_full_name (self->kase);
  number = ekyc_case_get_id_number (self->kase);
  created = format_time (ekyc_case_get_created_at (self->kase));
  gtk_label_set_label (self->title_label, name && *name ? name : _("(no name)"));
  /* Translators: ID number · case id · when the case was made */
  subtitle = g_strdup_printf (_("ID number %s · Case %s · %s"),
                              number ? number : "—", ekyc_case_get_id (self->kase), created);
  gtk_label_set_label (self->subtitle_label, subtitle);
  show_decision (self);
  show_review (self);
  show_evidence (self, chip_portrait);
  show_scores (self);
  show_fields (self);
  show_checks (self);
  show_sync (self);
  show_history (self, history);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "case");
  update_review_button (self);
}

void
ekyc_case_detail_page_set_error (EkycCaseDetailPage *self, const char *message)
{
  g_return_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self));

  g_clear_object (&self->kase);
  clear_rows (self);
  adw_status_page_set_description (self->error_page, message);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_review_button (self);
}

void
ekyc_case_detail_page_set_supervisor (EkycCaseDetailPage *self, gboolean supervisor)
{
  g_return_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self));
  self->supervisor = !!supervisor;
  update_review_button (self);
}

void
ekyc_case_detail_page_set_sync_service (EkycCaseDetailPage *self, EkycSyncService *sync)
{
  g_return_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self));
  g_return_if_fail (sync == NULL || EKYC_IS_SYNC_SERVICE (sync));
  g_set_object (&self->sync, sync);
  show_sync (self);
}

GObject *
ekyc_case_detail_page_get_case (EkycCaseDetailPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), NULL);
  return G_OBJECT (self->kase);
}

gboolean
ekyc_case_detail_page_get_loading (EkycCaseDetailPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->spinner));
}

gboolean
ekyc_case_detail_page_get_can_review (EkycCaseDetailPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), FALSE);
  return self->supervisor && self->kase != NULL
         && ekyc_case_get_review_state (self->kase) == EKYC_REVIEW_STATE_PENDING;
}

const char *
ekyc_case_detail_page_get_title (EkycCaseDetailPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), NULL);
  return gtk_label_get_label (self->title_label);
}

const char *
ekyc_case_detail_page_get_subtitle (EkycCaseDetailPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), NULL);
  return self->kase ? gtk_label_get_label (self->subtitle_label) : NULL;
}

const char *
ekyc_case_detail_page_get_decision (EkycCaseDetailPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), NULL);
  return self->kase ? gtk_label_get_label (self->decision_label) : NULL;
}

const char *
ekyc_case_detail_page_get_evidence_note (EkycCaseDetailPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), NULL);
  if (self->kase == NULL || !gtk_widget_get_visible (self->evidence_note_box))
    return NULL;
  return gtk_label_get_label (self->evidence_note_label);
}

const char *
ekyc_case_detail_page_get_error (EkycCaseDetailPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->stack))
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") != 0)
    return NULL;
  return adw_status_page_get_description (self->error_page);
}

char *
ekyc_case_detail_page_dup_field_text (EkycCaseDetailPage *self, const char *name)
{
  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkLabel *note;

      if (g_object_get_data (G_OBJECT (row), "group") != self->fields_group
          || g_strcmp0 (gtk_widget_get_name (row), name) != 0)
        continue;
      note = g_object_get_data (G_OBJECT (row), "note");
      return g_strdup_printf ("%s\n%s\n%s",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                              note ? gtk_label_get_label (note) : "");
    }
  return NULL;
}

char *
ekyc_case_detail_page_dup_history (EkycCaseDetailPage *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (EKYC_IS_CASE_DETAIL_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *subtitle;

      if (g_object_get_data (G_OBJECT (row), "group") != self->history_group)
        continue;
      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      g_string_append_printf (text, "%s — %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              subtitle ? subtitle : "");
    }
  return g_string_free (text, FALSE);
}
