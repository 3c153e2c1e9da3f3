/* ekyc-capture-error.c — the capture error domain
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include "ekyc-capture-error.h"

G_DEFINE_QUARK (ekyc-capture-error-quark, ekyc_capture_error)
