/* ekyc-server-health.c — /healthz (is the database reachable) and /metrics (Prometheus text)
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-server-health.h"
#include "ekyc-server-metrics.h"

static void
handle_healthz (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows = ekyc_storage_query (storage, "SELECT 1", EKYC_SQL_NO_PARAMS,
                                                        &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, rows ? "ok" : "unavailable");
  json_builder_set_member_name (builder, "database");
  json_builder_add_string_value (builder, ekyc_storage_get_backend_name (storage));
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_end_object (builder);
  if (rows == NULL)
    g_warning ("health check: %s", error->message);
  ekyc_request_reply_json (request, rows ? SOUP_STATUS_OK : SOUP_STATUS_SERVICE_UNAVAILABLE,
                           json_builder_get_root (builder));
}

static void
handle_metrics (EkycRequest *request, gpointer user_data)
{
  g_autofree char *text =
    ekyc_metrics_render (ekyc_server_get_metrics (ekyc_request_get_server (request)));
  ekyc_request_reply_text (request, SOUP_STATUS_OK, "text/plain; version=0.0.4", text);
}

void
ekyc_health_register_routes (EkycServer *server)
{
  ekyc_server_add_route (server, "GET", "/healthz", EKYC_ROUTE_PUBLIC, handle_healthz, NULL);
  ekyc_server_add_route (server, "GET", "/metrics", EKYC_ROUTE_PUBLIC, handle_metrics, NULL);
}
