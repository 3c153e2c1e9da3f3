/* ekyc-window-cases.c — the Cases view: the list, and one case opened from it (Enter or a
 * click), back to the list (Escape) with its search and filters as they were
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-application-private.h"
#include "ekyc-window-private.h"

struct _EkycWindowCases
{
  EkycWindow         *window;   /* owns this */
  GtkStack           *stack;    /* "list" and "case" */
  EkycCaseListPage   *list;
  EkycCaseDetailPage *detail;
  GCancellable       *cancellable; /* the case opening: a newer one (or going back) wins */
};

static EkycApplication *
application (EkycWindowCases *cases)
{
  return EKYC_APPLICATION (gtk_window_get_application (GTK_WINDOW (cases->window)));
}

typedef struct {
  EkycWindow      *window;
  EkycWindowCases *cases;
} ViewData;

static void
case_viewed (GObject *object, GAsyncResult *result, gpointer data)
{
  ViewData *vd = data;
  g_autoptr(EkycWindow) window = vd->window;
  EkycWindowCases *cases = vd->cases;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GObject) full = ekyc_application_view_case_finish (EKYC_APPLICATION (object), result,
                                                              &history, &error);
  g_autoptr(GBytes) chip_bytes = NULL;
  g_autoptr(GdkPaintable) chip = NULL;
  g_autofree char *proven = NULL;
  const char *chip_mime = NULL;
  gboolean chip_verified = FALSE;

  g_free (vd);
  _ekyc_window_store_call_end (window);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (full == NULL)
    {
      ekyc_case_detail_page_set_error (cases->detail, error->message);
      return;
    }
  if (_ekyc_application_case_chip (full, &chip_bytes, &chip_mime, &chip_verified, &proven))
    chip = _ekyc_window_chip_portrait (chip_bytes, chip_mime);
  ekyc_case_detail_page_show_case (cases->detail, full, history, chip);
}

static void
open_case (EkycWindowCases *cases, GObject *kase)
{
  ViewData *vd = g_new0 (ViewData, 1);

  g_cancellable_cancel (cases->cancellable);
  g_clear_object (&cases->cancellable);
  cases->cancellable = g_cancellable_new ();
  ekyc_case_detail_page_set_supervisor (cases->detail,
                                        ekyc_application_get_supervisor (application (cases)));
  gtk_stack_set_visible_child_name (cases->stack, "case");
  ekyc_case_detail_page_set_loading (cases->detail, kase);
  vd->window = _ekyc_window_store_call_begin (cases->window);
  vd->cases = cases;
  ekyc_application_view_case_async (application (cases), kase, cases->cancellable, case_viewed,
                                    vd);
}

static void
case_activated (EkycCaseListPage *list, GObject *kase, EkycWindowCases *cases)
{
  open_case (cases, kase);
}

/* What the list knows of a case that the page shows too: a difference means the case changed. */
static gboolean
same_state (GObject *shown, GObject *listed)
{
  static const char *const properties[] = {
    "decision", "review-state", "sync-state", "evidence-purged",
  };
  g_autofree char *shown_reviewer = NULL, *listed_reviewer = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      int a = 0, b = 0;

      g_object_get (shown, properties[i], &a, NULL);
      g_object_get (listed, properties[i], &b, NULL);
      if (a != b)
        return FALSE;
    }
  g_object_get (shown, "reviewer", &shown_reviewer, NULL);
  g_object_get (listed, "reviewer", &listed_reviewer, NULL);
  return g_strcmp0 (shown_reviewer, listed_reviewer) == 0;
}

void
_ekyc_window_cases_list_changed (EkycWindowCases *cases, GListModel *cases_read)
{
  GObject *shown = ekyc_case_detail_page_get_case (cases->detail);
  g_autofree char *id = NULL;
  guint n;

  if (shown == NULL || !_ekyc_window_cases_showing_case (cases)
      || ekyc_case_detail_page_get_loading (cases->detail))
    return;
  g_object_get (shown, "id", &id, NULL);
  n = g_list_model_get_n_items (cases_read);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) listed = g_list_model_get_item (cases_read, i);
      g_autofree char *listed_id = NULL;

      g_object_get (listed, "id", &listed_id, NULL);
      if (g_strcmp0 (listed_id, id) != 0)
        continue;
      /* Read again through the store, as a teller's opening is: the new view is audited. */
      if (!same_state (shown, listed))
        open_case (cases, listed);
      return;
    }
}

static void
back_requested (EkycCaseDetailPage *detail, EkycWindowCases *cases)
{
  _ekyc_window_cases_show_list (cases);
}

/* The review form lives on the Review page: the supervisor goes there, to this case. */
static void
review_requested (EkycCaseDetailPage *detail, GObject *kase, EkycWindowCases *cases)
{
  EkycReviewPage *review = ekyc_window_get_review_page (cases->window);
  g_autofree char *id = NULL;

  g_object_get (kase, "id", &id, NULL);
  gtk_widget_activate_action (GTK_WIDGET (cases->window), "win.show-view", "s", "review");
  if (!ekyc_review_page_select_case (review, id))
    _ekyc_window_toast (cases->window, _("The case is no longer waiting for review."));
}

EkycWindowCases *
_ekyc_window_cases_new (EkycWindow *window, GtkStack *stack, EkycCaseListPage *list,
                        EkycCaseDetailPage *detail)
{
  EkycWindowCases *cases = g_new0 (EkycWindowCases, 1);

  cases->window = window;
  cases->stack = stack;
  cases->list = list;
  cases->detail = detail;
  g_signal_connect (list, "case-activated", G_CALLBACK (case_activated), cases);
  g_signal_connect (detail, "back", G_CALLBACK (back_requested), cases);
  g_signal_connect (detail, "review", G_CALLBACK (review_requested), cases);
  return cases;
}

void
_ekyc_window_cases_free (EkycWindowCases *cases)
{
  g_signal_handlers_disconnect_by_data (cases->list, cases);
  g_signal_handlers_disconnect_by_data (cases->detail, cases);
  g_cancellable_cancel (cases->cancellable);
  g_clear_object (&cases->cancellable);
  g_free (cases);
}

void
_ekyc_window_cases_show_list (EkycWindowCases *cases)
{
  gboolean was_shown = _ekyc_window_cases_showing_case (cases);
  GObject *shown = ekyc_case_detail_page_get_case (cases->detail);
  g_autofree char *id = NULL;

  if (shown != NULL)
    g_object_get (shown, "id", &id, NULL);
  g_cancellable_cancel (cases->cancellable);
  /* No customer's data stays behind the list (nor for the next user after a sign-out). */
  ekyc_case_detail_page_set_loading (cases->detail, NULL);
  gtk_stack_set_visible_child_name (cases->stack, "list");
  /* The keyboard goes on from the case the teller came back from. */
  if (was_shown)
    ekyc_case_list_page_focus_case (cases->list, id);
}

gboolean
_ekyc_window_cases_showing_case (EkycWindowCases *cases)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (cases->stack), "case") == 0;
}
