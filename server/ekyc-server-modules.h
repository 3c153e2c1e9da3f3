/* ekyc-server-modules.h — the list of server modules: their tables and their routes
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-server.h"

G_BEGIN_DECLS

/* Registers every module's migrations (once per process; later calls do nothing). */
void ekyc_server_modules_register_migrations (void);
/* Adds every module's routes to @server. */
void ekyc_server_modules_register_routes (EkycServer *server);

G_END_DECLS
