/* ekyc-credentials.h — account credentials and one-time secrets handed to contracting units
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ekyc_credentials_new_secret:
 * @n_bytes: entropy in bytes (16–64)
 * @error: a #G_IO_ERROR when the kernel's random source fails
 * Returns: (transfer full): @n_bytes from getrandom(2) as lowercase hex, or %NULL on error.
 * Thread-safe.
 */
char *ekyc_credentials_new_secret (gsize n_bytes, GError **error);

/**
 * ekyc_credentials_login_for:
 * @customer_code: the customer's code, e.g. "VCB"
 * @contract_id: the contract's identifier, e.g. "HD-2026-001"
 * Returns: (transfer full): the account login handed to the unit, lowercase ASCII, e.g.
 * "vcb.hd-2026-001".
 */
char *ekyc_credentials_login_for (const char *customer_code, const char *contract_id);

G_END_DECLS
