/* test-ui-review-page.c — the supervisor's queue keeps the case being reviewed when it is
 * queried again (after every save and every sync)
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-case.h"
#include "ekyc-review-page.h"
#include "test-utils.h"
#include "ui-test-utils.h"

static void
count_selection (EkycReviewPage *page, GObject *kase, guint *count)
{
  (*count)++;
}

static GListStore *
queue_of (EkycCase **cases, guint n)
{
  GListStore *queue = g_list_store_new (EKYC_TYPE_CASE);

  for (guint i = 0; i < n; i++)
    g_list_store_append (queue, cases[i]);
  return queue;
}

static int
selected_index (EkycReviewPage *page)
{
  GtkListBox *list = GTK_LIST_BOX (ui_test_find_child (GTK_WIDGET (page), GTK_TYPE_LIST_BOX));
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);

  return row ? gtk_list_box_row_get_index (row) : -1;
}

/* The supervisor chose the second case and is writing a note when the queue is queried again
 * with a new case first: the same case stays shown and selected, the note stays, and the case is
 * not loaded again. When the case left the queue (another supervisor decided it), the page shows
 * no case. */
static void
test_refresh_keeps_shown_case (void)
{
  g_autoptr(EkycCase) a = ekyc_case_new ("ngan");
  g_autoptr(EkycCase) b = ekyc_case_new ("ngan");
  g_autoptr(EkycCase) c = ekyc_case_new ("ngan");
  g_autoptr(EkycCase) b_loaded = NULL;
  EkycCase *first[] = { a, b }, *second[] = { c, a, b }, *third[] = { c, a };
  g_autoptr(GListStore) q1 = queue_of (first, 2), q2 = queue_of (second, 3);
  g_autoptr(GListStore) q3 = queue_of (third, 2);
  EkycReviewPage *page = g_object_ref_sink (g_object_new (EKYC_TYPE_REVIEW_PAGE, NULL));
  GtkListBox *list = GTK_LIST_BOX (ui_test_find_child (GTK_WIDGET (page), GTK_TYPE_LIST_BOX));
  g_autofree char *note = NULL;
  guint selections = 0;

  g_signal_connect (page, "case-selected", G_CALLBACK (count_selection), &selections);
  ekyc_review_page_set_queue (page, G_LIST_MODEL (q1), "empty");
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpuint (selections, ==, 1);
  /* The window shows the case it loaded from the store: another object with the same id. */
  b_loaded = g_object_new (EKYC_TYPE_CASE, "id", ekyc_case_get_id (b), "teller", "ngan", NULL);
  g_assert_cmpstr (ekyc_case_get_id (b_loaded), ==, ekyc_case_get_id (b));
  ekyc_review_page_show_case (page, G_OBJECT (b_loaded), NULL, NULL, "similarity low");
  ekyc_review_page_set_note (page, "Đã gọi khách hàng");

  ekyc_review_page_set_queue (page, G_LIST_MODEL (q2), "empty");
  g_assert_true (ekyc_review_page_get_case (page) == G_OBJECT (b_loaded));
  g_assert_cmpint (selected_index (page), ==, 2);
  note = ekyc_review_page_dup_note (page);
  g_assert_cmpstr (note, ==, "Đã gọi khách hàng");
  g_assert_cmpuint (selections, ==, 1);

  ekyc_review_page_set_queue (page, G_LIST_MODEL (q3), "empty");
  g_assert_null (ekyc_review_page_get_case (page));
  g_assert_cmpint (selected_index (page), ==, -1);
  g_clear_pointer (&note, g_free);
  note = ekyc_review_page_dup_note (page);
  g_assert_cmpstr (note, ==, "");
  g_assert_cmpuint (selections, ==, 1);
  g_object_unref (page);
}

int
main (int argc, char *argv[])
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/review/refresh-keeps-shown-case", test_refresh_keeps_shown_case);
  return g_test_run ();
}
