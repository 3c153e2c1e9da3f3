/* ekyc-screenshots-case.h — one case opened from the case list, for docs/screenshots
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-screenshots-account.h"

G_BEGIN_DECLS

/* Opens the newest case of the list (as Enter on its row does), shoots its top and its end
 * (fields, checks, history), and goes back to the list. */
void screenshots_case_detail (EkycWindow *window, ScreenshotFunc shoot);

G_END_DECLS
