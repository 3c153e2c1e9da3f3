/* ekyc-case-row.h — one case in a list: name, ID number, date, decision, review and sync state,
 * where its evidence images are
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A row for any case object: it reads the properties the case has ("full-name", "id-number",
 * "created", "decision-name", "review-state-name", "sync-state-name") and skips the others. */
/* @evidence (nullable): where the case's evidence images are (ekyc_case_evidence_label). */
GtkWidget *ekyc_case_row_new (GObject *kase, const char *evidence);

G_END_DECLS
