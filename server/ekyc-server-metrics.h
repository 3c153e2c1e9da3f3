/* ekyc-server-metrics.h — counters and a latency histogram, rendered as Prometheus text
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

#include "ekyc-server.h"

G_BEGIN_DECLS

EkycMetrics *ekyc_metrics_new  (void);
void         ekyc_metrics_free (EkycMetrics *self);

/**
 * ekyc_metrics_count:
 * @name: a counter, e.g. "ekyc_sync_events_total" (static string)
 * @help: its one-line description (static string)
 * @labels: (nullable): Prometheus labels without braces, e.g. `result="stored"`
 *
 * Adds @value to the counter. Counters are per process; any thread may count.
 */
void ekyc_metrics_count (EkycMetrics *self, const char *name, const char *help,
                         const char *labels, double value);
/* Adds @delta (negative to lower it) to the gauge @name (static strings, like a counter's). */
void ekyc_metrics_gauge_add (EkycMetrics *self, const char *name, const char *help,
                             const char *labels, double delta);
/* One finished HTTP request: counts it by route and status and observes its duration. */
void ekyc_metrics_observe_request (EkycMetrics *self, const char *route, guint status,
                                   double seconds);
/* The text exposition format (version 0.0.4). */
char *ekyc_metrics_render (EkycMetrics *self);

G_END_DECLS
