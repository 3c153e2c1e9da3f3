/* ekyc-business-error.c — the error domain of the business rules
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include "ekyc-business-error.h"

G_DEFINE_QUARK (ekyc-business-error-quark, ekyc_business_error)

const char *
ekyc_business_error_code_name (int code)
{
  switch (code)
    {
    case EKYC_BUSINESS_ERROR_INVALID_INPUT:
      return "invalid-input";
    case EKYC_BUSINESS_ERROR_INVALID_TRANSITION:
      return "invalid-transition";
    case EKYC_BUSINESS_ERROR_NOT_FOUND:
      return "not-found";
    default:
      return "failed";
    }
}
