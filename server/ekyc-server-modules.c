/* ekyc-server-modules.c — the list of server modules: their tables and their routes
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A new module adds one line to each function (tables in dependency order: customers first). */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include "ekyc-server-business.h"
#include "ekyc-server-core.h"
#include "ekyc-server-devices.h"
#include "ekyc-server-evidence.h"
#include "ekyc-server-health.h"
#include "ekyc-server-modules.h"
#include "ekyc-server-sync.h"

void
ekyc_server_modules_register_migrations (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  ekyc_core_register_migrations ();
  ekyc_devices_register_migrations ();
  ekyc_sync_register_migrations ();
  ekyc_business_register_migrations ();
  ekyc_evidence_register_migrations ();
}

void
ekyc_server_modules_register_routes (EkycServer *server)
{
  ekyc_health_register_routes (server);
  ekyc_devices_register_routes (server);
  ekyc_sync_register_routes (server);
  ekyc_business_register_routes (server);
  ekyc_evidence_register_routes (server);
}
