/* ekyc-i18n-private.h — bind the engine's message catalogue before the first translated message
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

void _ekyc_i18n_init (void);
