/* ekyc-case-row.h — one case in a list: name, ID number, date, decision, review and sync state
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A row for any case object: it reads the properties the case has ("full-name", "id-number",
 * "created", "decision-name", "review-state-name", "sync-state-name") and skips the others. */
GtkWidget *ekyc_case_row_new (GObject *kase);

G_END_DECLS
