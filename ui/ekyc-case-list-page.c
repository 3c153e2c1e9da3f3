/* ekyc-case-list-page.c — the cases: search by name, ID number or date; filters
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-case-list-page.h"
#include "ekyc-case-row.h"
#include "ekyc-case-sync-status.h"

struct _EkycCaseListPage
{
  AdwBin          parent_instance;

  GListModel     *cases;          /* the store's answer, filtered by the evidence state */
  GtkCustomFilter *evidence_match;
  GHashTable     *evidence;       /* case id → EkycSyncEvidenceState; NULL: not known */

  GtkSearchEntry *search_entry;
  GtkDropDown    *decision_filter;
  GtkDropDown    *review_filter;
  GtkDropDown    *sync_filter;
  GtkDropDown    *evidence_filter;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkListBox     *list_box;
  GtkSpinner     *spinner;
};

G_DEFINE_FINAL_TYPE (EkycCaseListPage, ekyc_case_list_page, ADW_TYPE_BIN)

enum { QUERY_CHANGED, CASE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
filters_changed (EkycCaseListPage *self)
{
  g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

static EkycSyncEvidenceState
evidence_state (EkycCaseListPage *self, GObject *kase)
{
  g_autofree char *id = NULL;

  if (self->evidence == NULL || !g_object_class_find_property (G_OBJECT_GET_CLASS (kase), "id"))
    return EKYC_SYNC_EVIDENCE_STATE_NONE;
  g_object_get (kase, "id", &id, NULL);
  return id ? GPOINTER_TO_UINT (g_hash_table_lookup (self->evidence, id))
            : EKYC_SYNC_EVIDENCE_STATE_NONE;
}

static GtkWidget *
create_row (gpointer item, gpointer data)
{
  EkycCaseListPage *self = data;

  return ekyc_case_row_new (G_OBJECT (item),
                            ekyc_case_evidence_label (evidence_state (self, G_OBJECT (item))));
}

/* The evidence state lives beside the store (app/sync): this filter runs here, on the store's
 * answer to the other filters. */
static gboolean
evidence_matches (gpointer item, gpointer data)
{
  static const EkycSyncEvidenceState wanted[] = {
    EKYC_SYNC_EVIDENCE_STATE_NONE,
    EKYC_SYNC_EVIDENCE_STATE_KEPT,
    EKYC_SYNC_EVIDENCE_STATE_UPLOADED,
    EKYC_SYNC_EVIDENCE_STATE_PENDING,
    EKYC_SYNC_EVIDENCE_STATE_FAILED,
  };
  EkycCaseListPage *self = data;
  guint selected = gtk_drop_down_get_selected (self->evidence_filter);

  if (selected == 0 || selected >= G_N_ELEMENTS (wanted))
    return TRUE;
  return evidence_state (self, G_OBJECT (item)) == wanted[selected];
}

static void
evidence_filter_changed (EkycCaseListPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->evidence_match), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
row_activated (GtkListBox *box, GtkListBoxRow *row, EkycCaseListPage *self)
{
  g_autoptr(GObject) kase = NULL;

  if (self->cases == NULL)
    return;
  kase = g_list_model_get_item (self->cases, gtk_list_box_row_get_index (row));
  if (kase != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, kase);
}

static void
ekyc_case_list_page_dispose (GObject *object)
{
  EkycCaseListPage *self = EKYC_CASE_LIST_PAGE (object);

  g_clear_object (&self->cases);
  g_clear_object (&self->evidence_match);
  g_clear_pointer (&self->evidence, g_hash_table_unref);
  /* AdwBin unparents its child itself: let it go before the template is torn down. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_CASE_LIST_PAGE);
  G_OBJECT_CLASS (ekyc_case_list_page_parent_class)->dispose (object);
}

static void
ekyc_case_list_page_class_init (EkycCaseListPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ekyc_case_list_page_dispose;

  /* The search text or a filter changed: the owner queries again. */
  signals[QUERY_CHANGED] = g_signal_new ("query-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  signals[CASE_ACTIVATED] = g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/ekyc/Ekyc/ekyc-case-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycCaseListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseListPage, decision_filter);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseListPage, review_filter);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseListPage, sync_filter);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseListPage, evidence_filter);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseListPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseListPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, EkycCaseListPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, evidence_filter_changed);
}

static void
ekyc_case_list_page_init (EkycCaseListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->evidence_match = gtk_custom_filter_new (evidence_matches, self, NULL);
  g_signal_connect (self->list_box, "row-activated", G_CALLBACK (row_activated), self);
}

static void
items_changed (GListModel *model, guint pos, guint removed, guint added, EkycCaseListPage *self)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (model) > 0 ? "list" : "empty");
}

void
ekyc_case_list_page_set_model (EkycCaseListPage *self, GListModel *cases,
                               const char *empty_reason)
{
  g_return_if_fail (EKYC_IS_CASE_LIST_PAGE (self));
  g_return_if_fail (cases == NULL || G_IS_LIST_MODEL (cases));

  if (self->cases != NULL)
    g_signal_handlers_disconnect_by_data (self->cases, self);
  g_clear_object (&self->cases);
  if (cases != NULL)
    {
      GtkFilter *filter = g_object_ref (GTK_FILTER (self->evidence_match));

      self->cases = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (cases), filter));
    }
  cases = self->cases;
  gtk_list_box_bind_model (self->list_box, cases, create_row, self, NULL);
  adw_status_page_set_description (self->empty_page,
                                   empty_reason ? empty_reason
                                   : _("No case matches the search and filters."));
  if (cases != NULL)
    {
      g_signal_connect (cases, "items-changed", G_CALLBACK (items_changed), self);
      items_changed (cases, 0, 0, 0, self);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

const char *
ekyc_case_list_page_get_search (EkycCaseListPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

guint
ekyc_case_list_page_get_decision_filter (EkycCaseListPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST_PAGE (self), 0);
  return gtk_drop_down_get_selected (self->decision_filter);
}

guint
ekyc_case_list_page_get_review_filter (EkycCaseListPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST_PAGE (self), 0);
  return gtk_drop_down_get_selected (self->review_filter);
}

guint
ekyc_case_list_page_get_sync_filter (EkycCaseListPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST_PAGE (self), 0);
  return gtk_drop_down_get_selected (self->sync_filter);
}

void
ekyc_case_list_page_set_evidence_states (EkycCaseListPage *self, GHashTable *states)
{
  g_return_if_fail (EKYC_IS_CASE_LIST_PAGE (self));

  if (states != NULL)
    g_hash_table_ref (states);
  g_clear_pointer (&self->evidence, g_hash_table_unref);
  self->evidence = states;
}

guint
ekyc_case_list_page_get_evidence_filter (EkycCaseListPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST_PAGE (self), 0);
  return gtk_drop_down_get_selected (self->evidence_filter);
}

void
ekyc_case_list_page_set_evidence_filter (EkycCaseListPage *self, guint filter)
{
  g_return_if_fail (EKYC_IS_CASE_LIST_PAGE (self));
  gtk_drop_down_set_selected (self->evidence_filter, filter);
}

void
ekyc_case_list_page_focus_case (EkycCaseListPage *self, const char *case_id)
{
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (EKYC_IS_CASE_LIST_PAGE (self));

  ids = ekyc_case_list_page_dup_case_ids (self);
  for (guint i = 0; case_id != NULL && ids[i] != NULL; i++)
    if (g_str_equal (ids[i], case_id))
      {
        gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box,
                                                                           (int) i)));
        return;
      }
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

char **
ekyc_case_list_page_dup_case_ids (EkycCaseListPage *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (EKYC_IS_CASE_LIST_PAGE (self), NULL);

  n = self->cases ? g_list_model_get_n_items (self->cases) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) kase = g_list_model_get_item (self->cases, i);
      g_autofree char *id = NULL;

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (kase), "id"))
        g_object_get (kase, "id", &id, NULL);
      if (id != NULL)
        g_strv_builder_add (ids, id);
    }
  return g_strv_builder_end (ids);
}

char *
ekyc_case_list_page_dup_row_subtitle (EkycCaseListPage *self, guint index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (EKYC_IS_CASE_LIST_PAGE (self), NULL);
  row = gtk_list_box_get_row_at_index (self->list_box, (int) index);
  return ADW_IS_ACTION_ROW (row) ? g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)))
                                 : NULL;
}

void
ekyc_case_list_page_set_loading (EkycCaseListPage *self, gboolean loading)
{
  g_return_if_fail (EKYC_IS_CASE_LIST_PAGE (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

gboolean
ekyc_case_list_page_get_loading (EkycCaseListPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->spinner));
}

guint
ekyc_case_list_page_get_n_cases (EkycCaseListPage *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST_PAGE (self), 0);
  return self->cases ? g_list_model_get_n_items (self->cases) : 0;
}

void
ekyc_case_list_page_set_search (EkycCaseListPage *self, const char *text)
{
  g_return_if_fail (EKYC_IS_CASE_LIST_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
}
