/* ekyc-screenshots-case.c — one case opened from the case list, for docs/screenshots
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-screenshots-case.h"
#include "ui-test-utils.h"

static gboolean
case_shown (gpointer page)
{
  return !ekyc_case_detail_page_get_loading (page);
}

void
screenshots_case_detail (EkycWindow *window, ScreenshotFunc shoot)
{
  EkycCaseListPage *list = ekyc_window_get_case_list_page (window);
  EkycCaseDetailPage *page = ekyc_window_get_case_detail_page (window);
  GtkListBox *box = GTK_LIST_BOX (ui_test_find_child (GTK_WIDGET (list), GTK_TYPE_LIST_BOX));
  GtkListBoxRow *row = box ? gtk_list_box_get_row_at_index (box, 0) : NULL;
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;

  if (row == NULL)
    {
      g_printerr ("no case in the list to open\n");
      return;
    }
  gtk_widget_activate (GTK_WIDGET (row));
  if (!ui_test_wait (case_shown, page, 30) || ekyc_case_detail_page_get_case (page) == NULL)
    {
      g_printerr ("the case did not open: %s\n", ekyc_case_detail_page_get_error (page));
      return;
    }
  ui_test_wait_idle (window, 30);
  shoot (GTK_WIDGET (window), "08-case-detail");

  /* The page's stack holds the case ("case", scrolled) beside the error's status page. */
  scrolled = GTK_SCROLLED_WINDOW (gtk_stack_get_child_by_name
                                  (GTK_STACK (ui_test_find_child (GTK_WIDGET (page),
                                                                  GTK_TYPE_STACK)), "case"));
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  shoot (GTK_WIDGET (window), "08-case-detail-history");
  gtk_widget_activate_action (GTK_WIDGET (page), "case.back", NULL);
}
