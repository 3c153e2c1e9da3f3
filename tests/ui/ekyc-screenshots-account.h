/* ekyc-screenshots-account.h — the Account page and Preferences > Server for docs/screenshots
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-window.h"

G_BEGIN_DECLS

typedef void (*ScreenshotFunc) (GtkWidget *widget, const char *name);

/* Starts ekyc-server, enrols the app, lets it sync and shoots the two pages. */
void screenshots_account (EkycApplication *app, EkycWindow *window, ScreenshotFunc shoot);

G_END_DECLS
