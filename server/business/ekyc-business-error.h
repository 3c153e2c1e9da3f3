/* ekyc-business-error.h — the error domain of the business rules: one code per thing a caller acts on
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EKYC_BUSINESS_ERROR (ekyc_business_error_quark ())

/**
 * EkycBusinessError:
 * Codes of the %EKYC_BUSINESS_ERROR domain. HTTP routes map INVALID_INPUT to 400,
 * INVALID_TRANSITION to 409 and NOT_FOUND to 404; ekyc-admin prints the (translated) message.
 */
typedef enum {
  EKYC_BUSINESS_ERROR_INVALID_INPUT = 1,  /* a value out of range or malformed (month, date, count) */
  EKYC_BUSINESS_ERROR_INVALID_TRANSITION, /* the action is not allowed in the current state */
  EKYC_BUSINESS_ERROR_NOT_FOUND,          /* the named customer, unit, contract or ticket is unknown */
} EkycBusinessError;

/**
 * ekyc_business_error_quark:
 * Returns: the #GQuark of the %EKYC_BUSINESS_ERROR domain. Thread-safe.
 */
GQuark      ekyc_business_error_quark (void);

/**
 * ekyc_business_error_code_name:
 * @code: an #EkycBusinessError
 * Returns: (transfer none): a stable machine-readable name ("invalid-input",
 * "invalid-transition", "not-found"), or "failed" for an unknown code.
 */
const char *ekyc_business_error_code_name (int code);

G_END_DECLS
