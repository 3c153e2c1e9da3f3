/* ekyc-sync-drill.c — a branch that verifies and syncs, to be killed at random moments
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Queues verification i = next… (a case and its two usage events; every fifth one abandoned)
 * a few at a time, each step in one outbox transaction with the counter "drill_next", and syncs
 * with EkycSyncClient in small batches. With --chaos it also sends batches the client does not
 * account for: the same batch twice, old acknowledged batches again, and pending items shuffled
 * into a different order, all of which the server must take as duplicates. Killed with -9 at
 * any moment, it resumes from the outbox. Exits 0 once all --total verifications were queued and
 * the outbox is empty.
 *
 * Expected server counts for the device: cases = total, events = 2 × total,
 * billable = total − total / 5. */
#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>

#include "ekyc-sync-client.h"
#include "ekyc-sync-outbox.h"

#define BASE_TIME 1764000000

static void
ids (guint32 seed, guint64 i, char case_id[37], char started[37], char ended[37])
{
  g_snprintf (case_id, 37, "%08x-0000-4000-8000-%012" G_GINT64_MODIFIER "x", seed, i);
  g_snprintf (started, 37, "%08x-0001-4000-8000-%012" G_GINT64_MODIFIER "x", seed, i);
  g_snprintf (ended, 37, "%08x-0002-4000-8000-%012" G_GINT64_MODIFIER "x", seed, i);
}

static gboolean
queue_verification (EkycSyncOutbox *outbox, guint32 seed, guint64 i, GError **error)
{
  static const char *const decisions[] = { "pass", "review", "fail" };
  char case_id[37], started[37], ended[37];
  gboolean abandoned = i % 5 == 4;
  gint64 at = BASE_TIME + (gint64) i;

  ids (seed, i, case_id, started, ended);
  return ekyc_sync_outbox_add_event (outbox, started, "started", case_id, at, error) &&
         ekyc_sync_outbox_add_case (outbox, case_id, at, abandoned ? NULL : decisions[i % 3],
                                    at + 1, NULL, error) &&
         ekyc_sync_outbox_add_event (outbox, ended, abandoned ? "abandoned" : "decided",
                                     case_id, at + 1, error);
}

static guint
raw_post (SoupSession *session, const char *server, const char *token, const char *body)
{
  g_autofree char *uri = g_strconcat (server, "/v1/sync", NULL);
  g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  return reply ? soup_message_get_status (msg) : 0;
}

static void
shuffle (JsonArray *array, GRand *rand, JsonBuilder *builder)
{
  guint n = json_array_get_length (array);
  g_autofree guint *order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i), t = order[i - 1];
      order[i - 1] = order[j];
      order[j] = t;
    }
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_value (builder, json_node_copy (json_array_get_element (array, order[i])));
  json_builder_end_array (builder);
}

/* Pending items in another order, in a batch the client does not know about. */
static char *
reordered (const char *body, GRand *rand)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, body, -1, NULL))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "events");
  shuffle (json_object_get_array_member (object, "events"), rand, builder);
  json_builder_set_member_name (builder, "cases");
  shuffle (json_object_get_array_member (object, "cases"), rand, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
chaos (EkycSyncOutbox *outbox, SoupSession *session, const char *server, const char *token,
       GRand *rand, GPtrArray *sent)
{
  int what = g_rand_int_range (rand, 0, 4);
  g_autoptr(EkycSyncBatch) batch = NULL;

  if (what == 0 && sent->len > 0)
    {
      /* an old, acknowledged batch again */
      raw_post (session, server, token,
                g_ptr_array_index (sent, g_rand_int_range (rand, 0, sent->len)));
      return;
    }
  batch = ekyc_sync_outbox_take_batch (outbox, g_rand_int_range (rand, 1, 60), NULL);
  if (batch == NULL)
    return;
  if (what == 1)
    {
      g_autofree char *body = reordered (batch->body, rand);
      if (body)
        raw_post (session, server, token, body);
    }
  else
    {
      /* the batch the client is about to send, sent before it (the client's copy is then a
       * duplicate), sometimes twice */
      raw_post (session, server, token, batch->body);
      if (what == 3)
        raw_post (session, server, token, batch->body);
    }
  g_ptr_array_add (sent, g_strdup (batch->body));
  if (sent->len > 32)
    g_ptr_array_remove_index_fast (sent, g_rand_int_range (rand, 0, sent->len));
}

int
main (int argc, char **argv)
{
  g_autofree char *outbox_path = NULL, *server = NULL, *token = NULL;
  gint64 total = 100;
  gint per_step = 5, batch_size = 20, seed = 1;
  gboolean use_chaos = FALSE;
  GOptionEntry entries[] = {
    { "outbox", 0, 0, G_OPTION_ARG_FILENAME, &outbox_path, "the outbox sqlite file", "PATH" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "server URI", "URI" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "device token", "TOKEN" },
    { "total", 0, 0, G_OPTION_ARG_INT64, &total, "verifications to make in all", "N" },
    { "per-step", 0, 0, G_OPTION_ARG_INT, &per_step, "verifications queued per step", "N" },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &batch_size, "items per sync batch", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "id namespace and randomness", "N" },
    { "chaos", 0, 0, G_OPTION_ARG_NONE, &use_chaos, "duplicate, replay and reorder batches", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a branch under fault injection");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycSyncOutbox) outbox = NULL;
  g_autoptr(EkycSyncClient) client = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = NULL;
  g_autofree char *saved = NULL;
  gint64 next;
  guint attempt = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || !outbox_path || !server ||
      !token)
    {
      g_printerr ("ekyc-sync-drill: %s\n", error ? error->message : "--outbox, --server and "
                  "--token are required");
      return 2;
    }
  outbox = ekyc_sync_outbox_open (outbox_path, &error);
  if (outbox == NULL)
    {
      g_printerr ("ekyc-sync-drill: %s\n", error->message);
      return 1;
    }
  client = g_object_new (EKYC_TYPE_SYNC_CLIENT, "outbox", outbox, "server-uri", server,
                         "token", token, "batch-size", (guint) batch_size, NULL);
  session = soup_session_new_with_options ("timeout", 10, NULL);
  rand = g_rand_new_with_seed ((guint32) g_get_real_time () ^ (guint32) getpid ());
  saved = ekyc_sync_outbox_get_state (outbox, "drill_next");
  next = saved ? g_ascii_strtoll (saved, NULL, 10) : 0;

  for (;;)
    {
      if (next < total)
        {
          g_autofree char *value = NULL;
          gint64 end = MIN (total, next + per_step);

          if (!ekyc_sync_outbox_begin (outbox, &error))
            break;
          for (gint64 i = next; i < end; i++)
            if (!queue_verification (outbox, (guint32) seed, i, &error))
              break;
          value = g_strdup_printf ("%" G_GINT64_FORMAT, end);
          if (error || !ekyc_sync_outbox_set_state (outbox, "drill_next", value, &error))
            {
              ekyc_sync_outbox_rollback (outbox);
              break;
            }
          if (!ekyc_sync_outbox_commit (outbox, &error))
            break;
          next = end;
        }
      if (use_chaos && g_rand_int_range (rand, 0, 3) == 0)
        chaos (outbox, session, server, token, rand, sent);
      if (!ekyc_sync_client_sync (client, NULL, &error))
        {
          if (g_error_matches (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_UNAUTHORIZED) ||
              g_error_matches (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_REJECTED) ||
              g_error_matches (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL))
            break;
          /* the server is down or restarting: back off, like the app */
          g_usleep (1000 * ekyc_sync_backoff_delay_ms (attempt++, 5, 200, g_rand_int (rand)));
          g_clear_error (&error);
          continue;
        }
      attempt = 0;
      if (next >= total && ekyc_sync_outbox_count_pending (outbox) == 0)
        {
          g_print ("drill done: %" G_GINT64_FORMAT " verifications, %u rejected\n", next,
                   ekyc_sync_outbox_count_rejected (outbox));
          return ekyc_sync_outbox_count_rejected (outbox) == 0 ? 0 : 3;
        }
    }
  g_printerr ("ekyc-sync-drill: %s\n", error ? error->message : "stopped");
  return 1;
}
