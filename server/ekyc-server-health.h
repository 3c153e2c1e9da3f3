/* ekyc-server-health.h — /healthz and /metrics
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-server.h"

void ekyc_health_register_routes (EkycServer *server);
