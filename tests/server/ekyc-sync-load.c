/* ekyc-sync-load.c — load generator for ekyc-server's sync endpoint
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Enrols --devices devices of one customer (made with --database when it does not exist), then
 * either
 *   --mode throughput: --concurrency devices send batches of --events back to back, for
 *     --duration seconds; reports events ingested per second;
 *   --mode latency: every device sends a batch of --events every --interval-ms (random phase),
 *     for --duration seconds; reports the request latency quantiles.
 * Events alternate "started" and "decided" (each decided one makes a billable row), all with
 * fresh UUIDs. The devices are shared out over --threads threads, each with its own main context:
 * one context polling 500 sessions and 500 timers spends more time walking its sources than
 * sending, and the latencies it reports would be its own. It also reports how late its timers
 * fired (its own delay, not the server's). Numbers go to standard output; BENCHMARKS.md quotes
 * them. */
#include "config.h"

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "storage/ekyc-storage.h"

typedef struct Load Load;
typedef struct Worker Worker;

typedef struct {
  Load *load;
  Worker *worker;
  guint index;
  char *token;
  SoupSession *session;  /* one per device, as each branch app has its own */
  guint64 sequence;
  gboolean in_flight;
  gint64 due;            /* latency mode: when the next tick is due (monotonic) */
} Device;

struct Load {
  char *server;
  char *admin_token;
  SoupSession *session;
  gboolean throughput;
  gboolean new_connections;
  guint events_per_batch;
  guint interval_ms;
  guint32 run_id;
  gint64 started;
  gint64 deadline;
};

/* A thread, its main context, its devices and its counts (merged at the end). */
struct Worker {
  Load *load;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GPtrArray *devices;
  GArray *latencies_us;
  GArray *lateness_us;   /* how late each timer fired */
  GString *trace;        /* --trace: "sent-ms latency-ms device" lines */
  guint64 events_acked;
  guint requests_failed;
  guint skipped;
  guint outstanding;
};

static char *
batch_body (Device *device)
{
  Load *load = device->load;
  GString *body = g_string_sized_new (load->events_per_batch * 160);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_string_append (body, "{\"events\":[");
  for (guint i = 0; i < load->events_per_batch; i++)
    {
      guint64 n = device->sequence++;
      gboolean decided = n % 2 == 1;
      g_string_append_printf (body, "%s{\"id\":\"%08x-%04x-4000-8000-%012" G_GINT64_MODIFIER
                              "x\",\"kind\":\"%s\",\"case\":\"%08x-%04x-4000-9000-%012"
                              G_GINT64_MODIFIER "x\",\"at\":%" G_GINT64_FORMAT "}",
                              i ? "," : "", load->run_id, device->index, n,
                              decided ? "decided" : "started", load->run_id, device->index, n / 2,
                              now);
    }
  g_string_append (body, "]}");
  return g_string_free (body, FALSE);
}

static void send_batch (Device *device);

typedef struct {
  Device *device;
  gint64 sent;
  SoupMessage *msg;
} Request;

static void
on_reply (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Request *request = user_data;
  Device *device = request->device;
  Load *load = device->load;
  Worker *worker = device->worker;
  g_autoptr(GBytes) reply = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               NULL);
  gint64 now = g_get_monotonic_time ();

  device->in_flight = FALSE;
  worker->outstanding--;
  if (reply && soup_message_get_status (request->msg) == SOUP_STATUS_OK)
    {
      gint64 latency = now - request->sent;
      g_array_append_val (worker->latencies_us, latency);
      if (worker->trace)
        g_string_append_printf (worker->trace, "%.1f %.1f %u\n",
                                (request->sent - load->started) / 1e3, latency / 1e3,
                                device->index);
      worker->events_acked += load->events_per_batch;
    }
  else
    worker->requests_failed++;
  g_object_unref (request->msg);
  g_free (request);
  if (load->throughput && now < load->deadline)
    send_batch (device);
  else if (now >= load->deadline && worker->outstanding == 0)
    g_main_loop_quit (worker->loop);
}

static void
send_batch (Device *device)
{
  Load *load = device->load;
  g_autofree char *uri = g_strconcat (load->server, "/v1/sync", NULL);
  g_autofree char *header = g_strconcat ("Bearer ", device->token, NULL);
  g_autofree char *body = batch_body (device);
  g_autoptr(GBytes) bytes = NULL;
  Request *request = g_new0 (Request, 1);
  gsize length = strlen (body);

  request->device = device;
  request->msg = soup_message_new ("POST", uri);
  soup_message_headers_replace (soup_message_get_request_headers (request->msg),
                                "Authorization", header);
  /* libsoup opens a new connection for every POST unless told that it is idempotent (a reused
   * connection might have been closed by the server, and it will not resend a POST). A sync
   * batch is idempotent: the server deduplicates by UUID, so the app may say so too. */
  if (load->new_connections)
    {
      soup_message_add_flags (request->msg, SOUP_MESSAGE_NEW_CONNECTION);
      soup_message_headers_replace (soup_message_get_request_headers (request->msg),
                                    "Connection", "close");
    }
  else
    soup_message_add_flags (request->msg, SOUP_MESSAGE_IDEMPOTENT);
  bytes = g_bytes_new_take (g_steal_pointer (&body), length);
  soup_message_set_request_body_from_bytes (request->msg, "application/json", bytes);
  device->in_flight = TRUE;
  device->worker->outstanding++;
  request->sent = g_get_monotonic_time ();
  soup_session_send_and_read_async (device->session, request->msg, G_PRIORITY_DEFAULT, NULL,
                                    on_reply, request);
}

/* Each device's timer: the next tick is due at device->due (monotonic). */
static gboolean
on_tick (gpointer user_data)
{
  Device *device = user_data;
  Load *load = device->load;
  Worker *worker = device->worker;
  gint64 now = g_get_monotonic_time ();
  gint64 late = MAX (0, now - device->due);
  g_autoptr(GSource) next = NULL;

  g_array_append_val (worker->lateness_us, late);
  if (now >= load->deadline)
    {
      if (worker->outstanding == 0)
        g_main_loop_quit (worker->loop);
      return G_SOURCE_REMOVE;
    }
  if (device->in_flight)
    worker->skipped++;  /* the previous sync has not come back: a real client waits too */
  else
    send_batch (device);
  /* Ticks keep to their schedule (a late one does not shift the rest). */
  do
    device->due += (gint64) load->interval_ms * 1000;
  while (device->due <= now);
  next = g_timeout_source_new ((guint) ((device->due - now + 999) / 1000));
  g_source_set_callback (next, on_tick, device, NULL);
  g_source_attach (next, worker->context);
  return G_SOURCE_REMOVE;
}

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;
  Load *load = worker->load;

  g_main_context_push_thread_default (worker->context);
  for (guint i = 0; i < worker->devices->len; i++)
    {
      Device *device = g_ptr_array_index (worker->devices, i);

      /* Made here: a session belongs to the context it was made in. */
      device->session = soup_session_new_with_options ("timeout", 60, NULL);
      if (load->throughput)
        send_batch (device);
      else
        {
          g_autoptr(GSource) first = NULL;
          guint phase = g_random_int_range (0, load->interval_ms);

          device->due = load->started + (gint64) phase * 1000;
          first = g_timeout_source_new (phase);
          g_source_set_callback (first, on_tick, device, NULL);
          g_source_attach (first, worker->context);
        }
    }
  if (worker->devices->len > 0)
    g_main_loop_run (worker->loop);
  for (guint i = 0; i < worker->devices->len; i++)
    g_clear_object (&((Device *) g_ptr_array_index (worker->devices, i))->session);
  g_main_context_pop_thread_default (worker->context);
  return NULL;
}

static char *
enrol (Load *load, const char *customer, guint index)
{
  g_autofree char *uri = g_strconcat (load->server, "/v1/admin/enrolment-codes", NULL);
  g_autofree char *enrol_uri = g_strconcat (load->server, "/v1/devices/enrol", NULL);
  g_autofree char *header = g_strconcat ("Bearer ", load->admin_token, NULL);
  g_autofree char *request = g_strdup_printf ("{\"customer\":\"%s\"}", customer);
  g_autofree char *enrol_body = NULL;
  g_autoptr(SoupMessage) code_msg = soup_message_new ("POST", uri);
  g_autoptr(SoupMessage) enrol_msg = soup_message_new ("POST", enrol_uri);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) body = g_bytes_new (request, strlen (request));
  g_autoptr(GBytes) body2 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (code_msg), "Authorization",
                                header);
  soup_message_set_request_body_from_bytes (code_msg, "application/json", body);
  reply = soup_session_send_and_read (load->session, code_msg, NULL, &error);
  if (reply == NULL || soup_message_get_status (code_msg) != 201 ||
      !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   g_bytes_get_size (reply), NULL))
    g_error ("cannot make an enrolment code (HTTP %u): is --admin-token right and the customer "
             "known?", soup_message_get_status (code_msg));
  enrol_body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"load %u\"}",
                                json_object_get_string_member (
                                  json_node_get_object (json_parser_get_root (parser)), "code"),
                                index);
  body2 = g_bytes_new (enrol_body, strlen (enrol_body));
  soup_message_set_request_body_from_bytes (enrol_msg, "application/json", body2);
  g_clear_pointer (&reply, g_bytes_unref);
  reply = soup_session_send_and_read (load->session, enrol_msg, NULL, &error);
  if (reply == NULL || soup_message_get_status (enrol_msg) != 201 ||
      !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   g_bytes_get_size (reply), NULL))
    g_error ("cannot enrol a device");
  return g_strdup (json_object_get_string_member (
    json_node_get_object (json_parser_get_root (parser)), "token"));
}

/* This process's CPU time (user + system), in seconds. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Another process's CPU time (user + system, all its threads), in seconds; -1 when unknown. */
static double
process_cpu_seconds (gint pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (pid <= 0 || !g_file_get_contents (path, &text, NULL, NULL) ||
      !(after_name = strrchr (text, ')')))
    return -1;
  /* After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

static double
quantile_ms (GArray *sorted, double q)
{
  guint rank;

  if (sorted->len == 0)
    return 0;
  rank = (guint) MAX (1.0, (q * sorted->len) + 0.999999);  /* nearest rank */
  return g_array_index (sorted, gint64, MIN (rank, sorted->len) - 1) / 1000.0;
}

int
main (int argc, char **argv)
{
  g_autofree char *server = NULL, *admin_token_file = NULL, *customer = NULL, *mode = NULL;
  g_autofree char *database = NULL;
  gboolean new_connections = FALSE;
  gint devices = 500, concurrency = 8, events = 20, duration = 20, interval_ms = 1000;
  gint threads = 4, server_pid = 0;
  g_autofree char *trace_path = NULL;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "server URI", "URI" },
    { "admin-token-file", 0, 0, G_OPTION_ARG_FILENAME, &admin_token_file, "operator token", "FILE" },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, "customer id (default load-test)", "ID" },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, "create the customer in this database",
      "PATH-OR-URI" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode, "throughput or latency", "MODE" },
    { "devices", 0, 0, G_OPTION_ARG_INT, &devices, "simulated devices (latency mode)", "N" },
    { "concurrency", 0, 0, G_OPTION_ARG_INT, &concurrency, "devices sending (throughput)", "N" },
    { "events", 0, 0, G_OPTION_ARG_INT, &events, "events per batch", "N" },
    { "duration", 0, 0, G_OPTION_ARG_INT, &duration, "seconds", "S" },
    { "new-connections", 0, 0, G_OPTION_ARG_NONE, &new_connections,
      "a new TCP connection for every request (default: keep-alive, reused)", NULL },
    { "interval-ms", 0, 0, G_OPTION_ARG_INT, &interval_ms, "sync period per device (latency)", "MS" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "threads sharing the devices (default 4)", "N" },
    { "server-pid", 0, 0, G_OPTION_ARG_INT, &server_pid,
      "report this process's CPU time over the run (the server on this machine)", "PID" },
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &trace_path,
      "write every request's start and latency (ms since the start) to FILE", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— load on ekyc-server /v1/sync");
  g_autoptr(GError) error = NULL;
  g_autofree char *admin_token = NULL;
  Load load = { 0 };
  guint n_devices, n_threads, failed = 0, skipped = 0;
  guint64 events_acked = 0;
  Worker *workers;
  g_autoptr(GArray) latencies = NULL;
  g_autoptr(GArray) lateness = NULL;
  double elapsed, cpu_started, server_cpu_started, server_cpu;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || !server || !admin_token_file)
    {
      g_printerr ("ekyc-sync-load: %s\n", error ? error->message
                                                : "--server and --admin-token-file are required");
      return 2;
    }
  if (!g_file_get_contents (admin_token_file, &admin_token, NULL, &error))
    g_error ("%s", error->message);
  g_strstrip (admin_token);
  if (customer == NULL)
    customer = g_strdup ("load-test");
  if (database)
    {
      g_autoptr(EkycStorage) storage = ekyc_storage_open (database, &error);
      if (storage == NULL ||
          !ekyc_storage_exec (storage, "INSERT INTO customers (id, name, contract_status) "
                              "VALUES (?, ?, 'active') ON CONFLICT (id) DO NOTHING",
                              EKYC_SQL_PARAMS (customer, customer), NULL, &error))
        g_error ("%s", error->message);
    }

  load.server = server;
  load.admin_token = admin_token;
  load.throughput = g_strcmp0 (mode, "latency") != 0;
  load.new_connections = new_connections;
  load.events_per_batch = events;
  load.interval_ms = interval_ms;
  load.run_id = g_random_int ();
  load.session = soup_session_new_with_options ("max-conns", 2000, "max-conns-per-host", 2000,
                                                "timeout", 60, NULL);
  n_devices = load.throughput ? concurrency : devices;
  n_threads = (guint) CLAMP (threads, 1, 64);
  workers = g_new0 (Worker, n_threads);
  for (guint t = 0; t < n_threads; t++)
    {
      workers[t].load = &load;
      workers[t].context = g_main_context_new ();
      workers[t].loop = g_main_loop_new (workers[t].context, FALSE);
      workers[t].devices = g_ptr_array_new ();
      workers[t].latencies_us = g_array_new (FALSE, FALSE, sizeof (gint64));
      workers[t].lateness_us = g_array_new (FALSE, FALSE, sizeof (gint64));
      workers[t].trace = trace_path ? g_string_new (NULL) : NULL;
    }
  load.started = g_get_monotonic_time ();
  for (guint i = 0; i < n_devices; i++)
    {
      Device *device = g_new0 (Device, 1);
      device->load = &load;
      device->worker = &workers[i % n_threads];
      device->index = i;
      device->token = enrol (&load, customer, i);
      g_ptr_array_add (device->worker->devices, device);
    }

  /* Each enrolment POST opened a connection of its own (a POST is not resent on a reused one)
   * and the session kept them all idle: 1,000 connections for 500 devices that the server
   * would poll through the whole run, which no branch leaves behind. */
  soup_session_abort (load.session);
  g_print ("enrolled %u devices in %.1f s\n", n_devices,
           (g_get_monotonic_time () - load.started) / 1e6);
  load.started = g_get_monotonic_time ();
  cpu_started = cpu_seconds ();
  server_cpu_started = process_cpu_seconds (server_pid);
  load.deadline = load.started + (gint64) duration * G_USEC_PER_SEC;
  for (guint t = 0; t < n_threads; t++)
    workers[t].thread = g_thread_new ("load", worker_run, &workers[t]);
  latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  lateness = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint t = 0; t < n_threads; t++)
    {
      g_thread_join (workers[t].thread);
      g_array_append_vals (latencies, workers[t].latencies_us->data, workers[t].latencies_us->len);
      g_array_append_vals (lateness, workers[t].lateness_us->data, workers[t].lateness_us->len);
      events_acked += workers[t].events_acked;
      failed += workers[t].requests_failed;
      skipped += workers[t].skipped;
    }
  elapsed = (g_get_monotonic_time () - load.started) / 1e6;
  server_cpu = process_cpu_seconds (server_pid) - server_cpu_started;
  if (trace_path)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint t = 0; t < n_threads; t++)
        g_string_append (all, workers[t].trace->str);
      if (!g_file_set_contents (trace_path, all->str, all->len, &error))
        g_printerr ("ekyc-sync-load: %s\n", error->message);
    }

  g_array_sort (latencies, compare_int64);
  g_array_sort (lateness, compare_int64);
  g_print ("mode %s: %u devices, %u events per batch, %s connections, %u threads, %.1f s\n",
           load.throughput ? "throughput" : "latency", n_devices, events,
           new_connections ? "new" : "reused", n_threads, elapsed);
  g_print ("load generator CPU %.1f s in %.1f s (%.0f %% of one core)\n",
           cpu_seconds () - cpu_started, elapsed, 100 * (cpu_seconds () - cpu_started) / elapsed);
  if (server_pid > 0 && server_cpu_started >= 0)
    g_print ("server CPU %.1f s in %.1f s (%.0f %% of one core), %.2f ms a request answered\n",
             server_cpu, elapsed, 100 * server_cpu / elapsed,
             latencies->len ? 1e3 * server_cpu / latencies->len : 0.0);
  if (lateness->len > 0)
    g_print ("load generator timers late by ms: p50 %.1f, p99 %.1f, max %.1f\n",
             quantile_ms (lateness, 0.50), quantile_ms (lateness, 0.99),
             quantile_ms (lateness, 1.0));
  g_print ("requests ok %u, failed %u, skipped (previous still in flight) %u\n",
           latencies->len, failed, skipped);
  g_print ("events ingested %" G_GUINT64_FORMAT " = %.0f events/s\n", events_acked,
           events_acked / elapsed);
  g_print ("sync request latency ms: min %.1f, p50 %.1f, p95 %.1f, p99 %.1f, max %.1f\n",
           quantile_ms (latencies, 0.0),
           quantile_ms (latencies, 0.50), quantile_ms (latencies, 0.95),
           quantile_ms (latencies, 0.99), quantile_ms (latencies, 1.0));
  return failed == 0 ? 0 : 1;
}
