/* ekyc-store-error.c — the store's error domain
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include "ekyc-store-error.h"

G_DEFINE_QUARK (ekyc-store-error-quark, ekyc_store_error)
