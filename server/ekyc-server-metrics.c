/* ekyc-server-metrics.c — counters and a latency histogram, rendered as Prometheus text
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include "ekyc-server-metrics.h"

static const double buckets[] = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5 };
#define N_BUCKETS G_N_ELEMENTS (buckets)

typedef struct {
  const char *name;
  const char *help;
  gboolean gauge;        /* else a counter */
  GPtrArray *labels;     /* label sets in first-seen order */
  GHashTable *values;    /* label set → double* */
} Family;

typedef struct {
  guint64 counts[N_BUCKETS + 1];
  double sum;
  guint64 total;
} Histogram;

/* Every HTTP thread and the sync writer's hand-back count here: one lock over it all (a few
 * hash lookups a request). */
struct _EkycMetrics {
  GMutex lock;
  GPtrArray *families;        /* Family*, in first-seen order */
  GHashTable *by_name;
  GHashTable *histograms;     /* route → Histogram */
  GPtrArray *histogram_routes;
  gint64 started;
};

static void
family_free (gpointer data)
{
  Family *family = data;
  g_ptr_array_unref (family->labels);
  g_hash_table_destroy (family->values);
  g_free (family);
}

EkycMetrics *
ekyc_metrics_new (void)
{
  EkycMetrics *self = g_new0 (EkycMetrics, 1);

  self->families = g_ptr_array_new_with_free_func (family_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->histograms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->histogram_routes = g_ptr_array_new_with_free_func (g_free);
  self->started = g_get_real_time ();
  g_mutex_init (&self->lock);
  return self;
}

void
ekyc_metrics_free (EkycMetrics *self)
{
  if (self == NULL)
    return;
  g_hash_table_destroy (self->by_name);
  g_ptr_array_unref (self->families);
  g_hash_table_destroy (self->histograms);
  g_ptr_array_unref (self->histogram_routes);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static void
add_locked (EkycMetrics *self, const char *name, const char *help, gboolean gauge,
            const char *labels, double value)
{
  Family *family;
  double *slot;
  const char *key = labels ? labels : "";

  family = g_hash_table_lookup (self->by_name, name);
  if (family == NULL)
    {
      family = g_new0 (Family, 1);
      family->name = name;
      family->help = help;
      family->gauge = gauge;
      family->labels = g_ptr_array_new_with_free_func (g_free);
      family->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_ptr_array_add (self->families, family);
      g_hash_table_insert (self->by_name, (gpointer) name, family);
    }
  slot = g_hash_table_lookup (family->values, key);
  if (slot == NULL)
    {
      char *owned = g_strdup (key);
      slot = g_new0 (double, 1);
      g_ptr_array_add (family->labels, owned);
      g_hash_table_insert (family->values, owned, slot);
    }
  *slot += value;
}

static void
count_locked (EkycMetrics *self, const char *name, const char *help, const char *labels,
              double value)
{
  add_locked (self, name, help, FALSE, labels, value);
}

void
ekyc_metrics_count (EkycMetrics *self, const char *name, const char *help, const char *labels,
                    double value)
{
  g_return_if_fail (self != NULL && name != NULL && help != NULL);

  g_mutex_lock (&self->lock);
  count_locked (self, name, help, labels, value);
  g_mutex_unlock (&self->lock);
}

void
ekyc_metrics_gauge_add (EkycMetrics *self, const char *name, const char *help, const char *labels,
                        double delta)
{
  g_return_if_fail (self != NULL && name != NULL && help != NULL);

  g_mutex_lock (&self->lock);
  add_locked (self, name, help, TRUE, labels, delta);
  g_mutex_unlock (&self->lock);
}

void
ekyc_metrics_observe_request (EkycMetrics *self, const char *route, guint status,
                              double seconds)
{
  g_autofree char *labels = g_strdup_printf ("route=\"%s\",status=\"%u\"", route, status);
  Histogram *h;
  guint i;

  g_return_if_fail (self != NULL && route != NULL);

  g_mutex_lock (&self->lock);
  count_locked (self, "ekyc_http_requests_total", "HTTP requests by route and status", labels, 1);
  h = g_hash_table_lookup (self->histograms, route);
  if (h == NULL)
    {
      char *owned = g_strdup (route);
      h = g_new0 (Histogram, 1);
      g_ptr_array_add (self->histogram_routes, owned);
      g_hash_table_insert (self->histograms, owned, h);
    }
  for (i = 0; i < N_BUCKETS && seconds > buckets[i]; i++)
    ;
  h->counts[i]++;
  h->sum += seconds;
  h->total++;
  g_mutex_unlock (&self->lock);
}

char *
ekyc_metrics_render (EkycMetrics *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  g_string_append_printf (out, "# HELP ekyc_uptime_seconds Seconds since this process started\n"
                          "# TYPE ekyc_uptime_seconds gauge\nekyc_uptime_seconds %.3f\n",
                          (g_get_real_time () - self->started) / 1e6);
  for (guint f = 0; f < self->families->len; f++)
    {
      Family *family = g_ptr_array_index (self->families, f);

      g_string_append_printf (out, "# HELP %s %s\n# TYPE %s %s\n", family->name,
                              family->help, family->name, family->gauge ? "gauge" : "counter");
      for (guint l = 0; l < family->labels->len; l++)
        {
          const char *labels = g_ptr_array_index (family->labels, l);
          double *value = g_hash_table_lookup (family->values, labels);
          if (*labels)
            g_string_append_printf (out, "%s{%s} %.17g\n", family->name, labels, *value);
          else
            g_string_append_printf (out, "%s %.17g\n", family->name, *value);
        }
    }
  g_string_append (out, "# HELP ekyc_http_request_duration_seconds Time from request headers "
                   "to the reply, by route\n# TYPE ekyc_http_request_duration_seconds histogram\n");
  for (guint r = 0; r < self->histogram_routes->len; r++)
    {
      const char *route = g_ptr_array_index (self->histogram_routes, r);
      Histogram *h = g_hash_table_lookup (self->histograms, route);
      guint64 cumulative = 0;

      for (guint i = 0; i < N_BUCKETS; i++)
        {
          cumulative += h->counts[i];
          g_string_append_printf (out, "ekyc_http_request_duration_seconds_bucket{route=\"%s\","
                                  "le=\"%g\"} %" G_GUINT64_FORMAT "\n", route, buckets[i],
                                  cumulative);
        }
      g_string_append_printf (out, "ekyc_http_request_duration_seconds_bucket{route=\"%s\","
                              "le=\"+Inf\"} %" G_GUINT64_FORMAT "\n", route, h->total);
      g_string_append_printf (out, "ekyc_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n",
                              route, h->sum);
      g_string_append_printf (out, "ekyc_http_request_duration_seconds_count{route=\"%s\"} %"
                              G_GUINT64_FORMAT "\n", route, h->total);
    }
  g_mutex_unlock (&self->lock);
  return g_string_free (out, FALSE);
}
