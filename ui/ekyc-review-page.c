/* ekyc-review-page.c — the supervisor's queue: evidence side by side, approve or reject with a note
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-case-row.h"
#include "ekyc-case-sync-status.h"
#include "ekyc-review-page.h"

struct _EkycReviewPage
{
  AdwBin         parent_instance;

  GListModel    *queue;
  GObject       *kase;
  EkycSyncService *sync;

  GtkStack      *queue_stack;
  AdwStatusPage *empty_page;
  GtkListBox    *queue_list;
  GtkWidget     *detail_box;
  GtkLabel      *title_label;
  GtkWidget     *card_box;
  GtkPicture    *card_face;
  GtkWidget     *chip_box;
  GtkPicture    *chip_face;
  GtkWidget     *selfie_box;
  GtkPicture    *selfie_face;
  GtkWidget     *chip_proof_box;
  GtkImage      *chip_proof_icon;
  GtkLabel      *chip_title_label;
  GtkLabel      *chip_proof_label;
  GtkLabel      *reasons_label;
  GtkWidget     *sync_box;
  GtkLabel      *sync_result_label;
  GtkLabel      *sync_evidence_label;
  GtkTextView   *note_view;
  GtkLabel      *error_label;
  GtkSpinner    *spinner;
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (EkycReviewPage, ekyc_review_page, ADW_TYPE_BIN)

enum { CASE_SELECTED, REVIEW, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_actions (EkycReviewPage *self)
{
  g_autofree char *note = ekyc_review_page_dup_note (self);
  gboolean ok = !self->busy && self->kase != NULL && note != NULL && *g_strstrip (note) != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.approve", ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reject", ok);
}

static void
review_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycReviewPage *self = EKYC_REVIEW_PAGE (widget);
  g_autofree char *note = ekyc_review_page_dup_note (self);

  g_strstrip (note);
  if (self->busy)
    return;
  if (self->kase == NULL || *note == '\0')
    {
      ekyc_review_page_set_error (self, _("Write a note that explains the decision."));
      return;
    }
  g_signal_emit (self, signals[REVIEW], 0, self->kase,
                 g_str_equal (action_name, "review.approve"), note);
}

static GtkWidget *
create_row (gpointer item, gpointer data)
{
  return ekyc_case_row_new (G_OBJECT (item), NULL);
}

static void
row_selected (GtkListBox *box, GtkListBoxRow *row, EkycReviewPage *self)
{
  g_autoptr(GObject) kase = NULL;

  if (row == NULL || self->queue == NULL)
    return;
  kase = g_list_model_get_item (self->queue, gtk_list_box_row_get_index (row));
  if (kase != NULL)
    g_signal_emit (self, signals[CASE_SELECTED], 0, kase);
}

static void
ekyc_review_page_dispose (GObject *object)
{
  EkycReviewPage *self = EKYC_REVIEW_PAGE (object);

  g_clear_object (&self->queue);
  g_clear_object (&self->kase);
  g_clear_object (&self->sync);
  /* AdwBin unparents its child itself: let it go before the template is torn down. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_REVIEW_PAGE);
  G_OBJECT_CLASS (ekyc_review_page_parent_class)->dispose (object);
}

static void
ekyc_review_page_class_init (EkycReviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ekyc_review_page_dispose;

  signals[CASE_SELECTED] = g_signal_new ("case-selected", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_OBJECT);
  /* (case, approved, note): the supervisor decided. */
  signals[REVIEW] = g_signal_new ("review", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                                  G_TYPE_OBJECT, G_TYPE_BOOLEAN, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/ekyc/Ekyc/ekyc-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, card_box);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, card_face);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, chip_box);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, chip_face);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, selfie_box);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, selfie_face);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, chip_proof_box);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, chip_proof_icon);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, chip_title_label);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, chip_proof_label);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, sync_box);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, sync_result_label);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, sync_evidence_label);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, note_view);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, EkycReviewPage, spinner);
  gtk_widget_class_install_action (widget_class, "review.approve", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "review.reject", NULL, review_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "review.approve", NULL);
}

static void
ekyc_review_page_init (EkycReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->queue_list, "row-selected", G_CALLBACK (row_selected), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (update_actions), self);
  update_actions (self);
}

static void
queue_changed (GListModel *model, guint pos, guint removed, guint added, EkycReviewPage *self)
{
  gtk_stack_set_visible_child_name (self->queue_stack,
                                    g_list_model_get_n_items (model) > 0 ? "list" : "empty");
}

/* (transfer full) (nullable): the "id" of a case object. */
static char *
dup_case_id (GObject *kase)
{
  char *id = NULL;

  if (kase != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (kase), "id"))
    g_object_get (kase, "id", &id, NULL);
  return id;
}

/* Position of the case with @id in @queue, or -1. */
static int
find_case (GListModel *queue, const char *id)
{
  guint n = queue ? g_list_model_get_n_items (queue) : 0;

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (queue, i);
      g_autofree char *item_id = dup_case_id (item);

      if (g_strcmp0 (item_id, id) == 0)
        return (int) i;
    }
  return -1;
}

/* Whether the case's result and evidence reached the central server: read from @current (the
 * newest copy of the shown case: its sync state changes while it is shown) and app/sync. */
static void
show_sync (EkycReviewPage *self, GObject *current)
{
  g_autofree char *result = NULL, *evidence = NULL;

  gtk_widget_set_visible (self->sync_box, current != NULL);
  if (current == NULL)
    return;
  result = ekyc_case_describe_result_sync (current, self->sync);
  evidence = ekyc_case_describe_evidence (current, self->sync);
  gtk_label_set_label (self->sync_result_label, result);
  gtk_label_set_label (self->sync_evidence_label, evidence);
}

void
ekyc_review_page_set_sync_service (EkycReviewPage *self, EkycSyncService *sync)
{
  g_return_if_fail (EKYC_IS_REVIEW_PAGE (self));
  g_return_if_fail (sync == NULL || EKYC_IS_SYNC_SERVICE (sync));

  g_set_object (&self->sync, sync);
  show_sync (self, self->kase);
}

const char *
ekyc_review_page_get_sync_text (EkycReviewPage *self, gboolean evidence)
{
  g_return_val_if_fail (EKYC_IS_REVIEW_PAGE (self), NULL);
  if (!gtk_widget_get_visible (self->sync_box))
    return NULL;
  return gtk_label_get_label (evidence ? self->sync_evidence_label : self->sync_result_label);
}

void
ekyc_review_page_set_queue (EkycReviewPage *self, GListModel *queue, const char *empty_reason)
{
  g_autofree char *shown_id = NULL;
  int shown_at;

  g_return_if_fail (EKYC_IS_REVIEW_PAGE (self));
  g_return_if_fail (queue == NULL || G_IS_LIST_MODEL (queue));

  shown_id = dup_case_id (self->kase);
  if (self->queue != NULL)
    g_signal_handlers_disconnect_by_data (self->queue, self);
  g_set_object (&self->queue, queue);
  gtk_list_box_bind_model (self->queue_list, queue, create_row, NULL, NULL);
  adw_status_page_set_description (self->empty_page, empty_reason);
  if (queue != NULL)
    {
      g_signal_connect (queue, "items-changed", G_CALLBACK (queue_changed), self);
      queue_changed (queue, 0, 0, 0, self);
    }
  else
    gtk_stack_set_visible_child_name (self->queue_stack, "empty");
  /* The queue is queried again after every save and sync: a case still waiting stays shown and
   * selected, with the note being written, instead of the page going blank under the
   * supervisor. */
  shown_at = find_case (queue, shown_id);
  if (shown_at >= 0)
    {
      g_autoptr(GObject) current = g_list_model_get_item (queue, (guint) shown_at);

      g_signal_handlers_block_by_func (self->queue_list, row_selected, self);
      gtk_list_box_select_row (self->queue_list,
                               gtk_list_box_get_row_at_index (self->queue_list, shown_at));
      g_signal_handlers_unblock_by_func (self->queue_list, row_selected, self);
      show_sync (self, current);
    }
  else
    ekyc_review_page_show_case (self, NULL, NULL, NULL, NULL);
}

void
ekyc_review_page_show_case (EkycReviewPage *self, GObject *kase, GdkPaintable *card_face,
                            GdkPaintable *selfie, const char *reasons)
{
  g_autofree char *name = NULL;

  g_return_if_fail (EKYC_IS_REVIEW_PAGE (self));

  g_set_object (&self->kase, kase);
  if (kase != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (kase), "full-name"))
    g_object_get (kase, "full-name", &name, NULL);
  gtk_label_set_label (self->title_label,
                       kase == NULL ? _("Choose a case to review")
                       : name && *name ? name : _("(no name)"));
  gtk_picture_set_paintable (self->card_face, card_face);
  gtk_picture_set_paintable (self->selfie_face, selfie);
  /* a picture the case does not have leaves no empty frame; before any case, the frames show */
  gtk_widget_set_visible (self->card_box, kase == NULL || card_face != NULL);
  gtk_widget_set_visible (self->selfie_box, kase == NULL || selfie != NULL);
  ekyc_review_page_show_chip (self, NULL, FALSE, NULL);
  gtk_label_set_label (self->reasons_label, reasons ? reasons : "");
  show_sync (self, kase);
  gtk_widget_set_sensitive (self->detail_box, kase != NULL);
  ekyc_review_page_set_note (self, "");
  ekyc_review_page_set_error (self, NULL);
  update_actions (self);
}

void
ekyc_review_page_show_chip (EkycReviewPage *self, GdkPaintable *portrait, gboolean verified,
                            const char *proven)
{
  g_return_if_fail (EKYC_IS_REVIEW_PAGE (self));
  g_return_if_fail (portrait == NULL || GDK_IS_PAINTABLE (portrait));

  gtk_picture_set_paintable (self->chip_face, portrait);
  gtk_widget_set_visible (self->chip_box, portrait != NULL);
  gtk_widget_set_visible (self->chip_proof_box, portrait != NULL || proven != NULL);
  gtk_label_set_label (self->chip_title_label,
                       verified ? _("Chip verified") : _("Chip read, not verified"));
  gtk_image_set_from_icon_name (self->chip_proof_icon,
                                verified ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_label_set_label (self->chip_proof_label, proven ? proven : "");
}

GObject *
ekyc_review_page_get_case (EkycReviewPage *self)
{
  g_return_val_if_fail (EKYC_IS_REVIEW_PAGE (self), NULL);
  return self->kase;
}

char *
ekyc_review_page_dup_note (EkycReviewPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (EKYC_IS_REVIEW_PAGE (self), NULL);
  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
ekyc_review_page_set_note (EkycReviewPage *self, const char *note)
{
  g_return_if_fail (EKYC_IS_REVIEW_PAGE (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
}

void
ekyc_review_page_set_error (EkycReviewPage *self, const char *message)
{
  g_return_if_fail (EKYC_IS_REVIEW_PAGE (self));
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
ekyc_review_page_select_first (EkycReviewPage *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (EKYC_IS_REVIEW_PAGE (self));
  row = gtk_list_box_get_row_at_index (self->queue_list, 0);
  if (row != NULL)
    gtk_list_box_select_row (self->queue_list, row);
}

gboolean
ekyc_review_page_select_case (EkycReviewPage *self, const char *case_id)
{
  int index;

  g_return_val_if_fail (EKYC_IS_REVIEW_PAGE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  index = find_case (self->queue, case_id);
  if (index < 0)
    return FALSE;
  gtk_list_box_select_row (self->queue_list,
                           gtk_list_box_get_row_at_index (self->queue_list, index));
  return TRUE;
}

void
ekyc_review_page_set_busy (EkycReviewPage *self, gboolean busy)
{
  g_return_if_fail (EKYC_IS_REVIEW_PAGE (self));

  self->busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->queue_list), !self->busy);
  gtk_text_view_set_editable (self->note_view, !self->busy);
  if (self->busy)
    ekyc_review_page_set_error (self, NULL);
  update_actions (self);
}

gboolean
ekyc_review_page_get_busy (EkycReviewPage *self)
{
  g_return_val_if_fail (EKYC_IS_REVIEW_PAGE (self), FALSE);
  return self->busy;
}

const char *
ekyc_review_page_get_error (EkycReviewPage *self)
{
  g_return_val_if_fail (EKYC_IS_REVIEW_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}
