/* test-business-server.c — the business routes on a real ekyc-server on loopback, driven the way
 * the operator drives them (the ekyc-admin program) and the way branches do (device routes and
 * the sync ingest): contract processes and deadlines, renewal notices, bills from synced usage,
 * commissions, tickets
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "server-fixture.h"
#include "test-utils.h"

typedef struct {
  ServerFixture *server;
  char          *token_file;
  char         **envp;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->server = server_fixture_start (NULL);
  f->token_file = g_build_filename (f->server->dir, "admin-token", NULL);
  f->envp = g_get_environ ();
  f->envp = g_environ_setenv (f->envp, "EKYC_SERVER_URL", f->server->base_uri, TRUE);
  f->envp = g_environ_setenv (f->envp, "EKYC_ADMIN_TOKEN_FILE", f->token_file, TRUE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->server, server_fixture_free);
  g_clear_pointer (&f->token_file, g_free);
  g_clear_pointer (&f->envp, g_strfreev);
}

/* Runs `ekyc-admin ARGS… --json`; returns the exit status and the JSON reply in @out. */
static int
admin_v (Fixture *f, JsonObject **out, char **err_out, const char *first, va_list args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out_text = NULL, *err_text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("EKYC_ADMIN"));
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, (gpointer) "--json");
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, f->envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out_text, &err_text, &status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (status))
    g_printerr ("ekyc-admin %s died (status %d): %s\n", first, status, err_text);
  g_assert_true (WIFEXITED (status));
  if (out != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      *out = NULL;
      if (json_parser_load_from_data (parser, out_text, -1, NULL)
          && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        *out = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err_text);
  else if (WEXITSTATUS (status) != 0)
    g_test_message ("ekyc-admin %s: %s", first, err_text);
  return WEXITSTATUS (status);
}

static int
admin (Fixture *f, JsonObject **out, const char *first, ...) G_GNUC_NULL_TERMINATED;

static int
admin (Fixture *f, JsonObject **out, const char *first, ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = admin_v (f, out, NULL, first, args);
  va_end (args);
  return status;
}

/* Runs a command that must fail; returns the stable error code of the reply. */
static char *
admin_error (Fixture *f, const char *first, ...) G_GNUC_NULL_TERMINATED;

static char *
admin_error (Fixture *f, const char *first, ...)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int status;

  va_start (args, first);
  status = admin_v (f, &reply, &err, first, args);
  va_end (args);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (reply);
  g_assert_cmpuint (strlen (err), >, 10);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (reply, "error"),
                                                  "code"));
}

static void
must (Fixture *f, const char *first, ...) G_GNUC_NULL_TERMINATED;

static void
must (Fixture *f, const char *first, ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = admin_v (f, NULL, NULL, first, args);
  va_end (args);
  g_assert_cmpint (status, ==, 0);
}

static void
add_parties (Fixture *f)
{
  must (f, "customer", "add", "--id", "VCB", "--name", "Ngân hàng Ngoại thương", NULL);
  must (f, "customer", "add", "--id", "BVH", "--name", "Bảo hiểm Bảo Việt", NULL);
  must (f, "unit", "add", "--id", "ITC", "--name", "Trung tâm CNTT", "--kind", "it-centre", NULL);
  must (f, "unit", "add", "--id", "AG1", "--name", "Đại lý 1", "--kind", "agent", "--parent", "ITC",
        NULL);
  must (f, "unit", "add", "--id", "HN", "--name", "Công ty khu vực Hà Nội", "--kind",
        "regional-company", NULL);
  must (f, "manager", "add", "--id", "KAM1", "--name", "Nguyễn Văn A", "--role", "kam", "--unit",
        "HN", NULL);
}

static char *
iso_days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
date_in_days (int days)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static JsonObject *
step_of (JsonObject *contract, guint process, guint step)
{
  JsonArray *processes = json_object_get_array_member (contract, "processes");
  JsonObject *p = json_array_get_object_element (processes, process);

  return json_array_get_object_element (json_object_get_array_member (p, "steps"), step - 1);
}

static void
test_bad_operator_input (Fixture *f, gconstpointer data)
{
  g_autofree char *kind = NULL, *orphan = NULL, *dup = NULL, *dates = NULL, *missing = NULL;
  g_autofree char *month = NULL;
  g_autofree char *bad_token = g_build_filename (f->server->dir, "bad-token", NULL);
  g_autoptr(JsonObject) reply = NULL;
  char **saved = f->envp;

  add_parties (f);
  kind = admin_error (f, "unit", "add", "--id", "X", "--name", "X", "--kind", "bank", NULL);
  g_assert_cmpstr (kind, ==, "invalid_input");
  orphan = admin_error (f, "unit", "add", "--id", "AG9", "--name", "X", "--kind", "agent",
                        "--parent", "HN", NULL);
  g_assert_cmpstr (orphan, ==, "invalid_input");
  dup = admin_error (f, "customer", "add", "--id", "VCB", "--name", "again", NULL);
  g_assert_cmpstr (dup, ==, "exists");
  dates = admin_error (f, "contract", "declare", "--id", "HD-X", "--customer", "VCB", "--unit",
                       "HN", "--start", "2026-12-01", "--end", "2026-11-30", NULL);
  g_assert_cmpstr (dates, ==, "invalid_input");
  missing = admin_error (f, "contract", "declare", "--id", "HD-X", "--customer", "NOBODY",
                         "--unit", "HN", "--start", "2026-01-01", "--end", "2026-12-31", NULL);
  g_assert_cmpstr (missing, ==, "not_found");
  month = admin_error (f, "bill", "--customer", "VCB", "--month", "2026-13", NULL);
  g_assert_cmpstr (month, ==, "invalid_input");
  /* Nothing of the refused requests was stored. */
  g_assert_cmpint (admin (f, &reply, "contract", "list", NULL), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply, "contracts")), ==,
                    0);

  /* A wrong operator token is refused. */
  g_assert_true (g_file_set_contents (bad_token, "not-the-operator-token", -1, NULL));
  f->envp = g_environ_setenv (g_strdupv (saved), "EKYC_ADMIN_TOKEN_FILE", bad_token, TRUE);
  g_assert_cmpint (admin (f, NULL, "customer", "list", NULL), ==, 1);
  g_strfreev (f->envp);
  f->envp = saved;
}

/* Registration, renewal and cancellation, step by step, through ekyc-admin; what a device of the
 * customer is told at each stage. */
static void
test_contract_lifecycle (Fixture *f, gconstpointer data)
{
  g_autofree char *end = date_in_days (200), *later_end = date_in_days (565);
  g_autofree char *signed_at = iso_days_ago (3), *declared_at = iso_days_ago (2);
  g_autofree char *again = NULL, *early = NULL, *renew_declared = NULL, *order = NULL;
  g_autofree char *device = NULL, *token = NULL;
  g_autoptr(JsonObject) declared = NULL, active = NULL, informed = NULL, renewing = NULL;
  g_autoptr(JsonObject) renewed = NULL, cancelled = NULL, account = NULL;
  JsonObject *credentials;
  guint status = 0;

  add_parties (f);
  token = server_fixture_enrol (f->server, "VCB", &device);
  g_assert_cmpint (admin (f, &declared, "contract", "declare", "--id", "HD-2026-001", "--customer",
                          "VCB", "--unit", "HN", "--manager", "KAM1", "--start", "2026-01-01",
                          "--end", end, "--pricing", "graduated", "--signed-at", signed_at,
                          "--at", declared_at, NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (declared, "status"), ==, "declared");
  g_assert_true (json_object_get_null_member (step_of (declared, 0, 1), "due_at"));
  g_assert_false (json_object_get_null_member (step_of (declared, 0, 2), "done_at"));
  g_assert_false (json_object_get_null_member (step_of (declared, 0, 3), "due_at"));

  /* Declared, not active: the device may not verify yet. */
  account = server_fixture_json (f->server, "GET", "/v1/account", token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (account,
                                                                                "contract"),
                                                 "blocks_new_verifications"));
  g_clear_pointer (&account, json_object_unref);

  /* Renewal and step 4 are refused while the registration waits for operations. */
  renew_declared = admin_error (f, "contract", "renew", "--id", "HD-2026-001", "--end", later_end,
                                NULL);
  g_assert_cmpstr (renew_declared, ==, "invalid_transition");
  order = admin_error (f, "contract", "inform", "--id", "HD-2026-001", NULL);
  g_assert_cmpstr (order, ==, "invalid_transition");

  /* Step 3: the account is created and handed to the unit, once. */
  g_assert_cmpint (admin (f, &active, "contract", "activate", "--id", "HD-2026-001", NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (active, "status"), ==, "active");
  credentials = json_object_get_object_member (active, "credentials");
  g_assert_nonnull (credentials);
  g_assert_cmpstr (json_object_get_string_member (credentials, "login"), ==, "vcb.hd-2026-001");
  g_assert_cmpuint (strlen (json_object_get_string_member (credentials, "secret")), ==, 48);
  g_assert_cmpstr (json_object_get_string_member (credentials, "issued_to_unit"), ==, "HN");
  again = admin_error (f, "contract", "activate", "--id", "HD-2026-001", NULL);
  g_assert_cmpstr (again, ==, "invalid_transition");
  g_assert_cmpint (admin (f, &informed, "contract", "inform", "--id", "HD-2026-001", NULL), ==, 0);
  g_assert_false (json_object_get_null_member (step_of (informed, 0, 4), "done_at"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (informed, "processes"), 0), "next_step"), ==, 0);

  account = server_fixture_json (f->server, "GET", "/v1/account", token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (account,
                                                                                 "contract"),
                                                  "blocks_new_verifications"));
  g_assert_cmpstr (json_object_get_string_member (account, "end_date"), ==, end);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (account,
                                                                                 "hotlines"),
                                                  "technical"), ==, "0896 151 617");
  g_clear_pointer (&account, json_object_unref);

  /* Renewal: a date before the current end is refused; the new end applies at step 3. */
  early = admin_error (f, "contract", "renew", "--id", "HD-2026-001", "--end", "2026-02-01", NULL);
  g_assert_cmpstr (early, ==, "invalid_input");
  g_assert_cmpint (admin (f, &renewing, "contract", "renew", "--id", "HD-2026-001", "--end",
                          later_end, NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (renewing, "end_date"), ==, end);
  g_assert_cmpint (admin (f, &renewed, "contract", "apply", "--id", "HD-2026-001", NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (renewed, "end_date"), ==, later_end);
  must (f, "contract", "inform", "--id", "HD-2026-001", NULL);

  /* Cancellation: the device is blocked from step 3 on. */
  must (f, "contract", "cancel", "--id", "HD-2026-001", NULL);
  g_assert_cmpint (admin (f, &cancelled, "contract", "apply", "--id", "HD-2026-001", NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (cancelled, "status"), ==, "cancelled");
  account = server_fixture_json (f->server, "GET", "/v1/account", token, NULL, &status);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (account,
                                                                                 "contract"),
                                                  "status"), ==, "cancelled");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (account,
                                                                                "contract"),
                                                 "blocks_new_verifications"));
}

static guint
count_kind (JsonObject *outbox, const char *kind, const char *contract)
{
  JsonArray *messages = json_object_get_array_member (outbox, "messages");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *m = json_array_get_object_element (messages, i);

      if (g_str_equal (json_object_get_string_member (m, "kind"), kind)
          && g_str_equal (json_object_get_string_member (m, "contract"), contract))
        n++;
    }
  return n;
}

static void
test_overdue_steps (Fixture *f, gconstpointer data)
{
  g_autofree char *end = date_in_days (300);
  g_autofree char *long_ago = iso_days_ago (12), *declared_ago = iso_days_ago (11);
  g_autoptr(JsonObject) overdue = NULL, after = NULL, swept = NULL, swept_again = NULL;
  g_autoptr(JsonObject) outbox = NULL, reminded = NULL, cancelling = NULL, outbox_after = NULL;
  JsonArray *list;
  JsonObject *item, *message;

  add_parties (f);
  /* Declared 11 days ago and never activated: step 3 is overdue. A fresh contract is not. */
  must (f, "contract", "declare", "--id", "HD-OLD", "--customer", "VCB", "--unit", "AG1",
        "--start", "2026-01-01", "--end", end, "--signed-at", long_ago, "--at", declared_ago, NULL);
  must (f, "contract", "declare", "--id", "HD-NEW", "--customer", "BVH", "--unit", "HN",
        "--start", "2026-01-01", "--end", end, NULL);
  g_assert_cmpint (admin (f, &overdue, "overdue", NULL), ==, 0);
  list = json_object_get_array_member (overdue, "overdue");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  item = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "contract"), ==, "HD-OLD");
  g_assert_cmpint (json_object_get_int_member (item, "step"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (item, "actor"), ==, "operations");
  g_assert_cmpint (json_object_get_int_member (item, "overdue_seconds"), >, 24 * 3600);
  g_assert_true (json_object_get_null_member (item, "reminder"));

  /* The sweep places one reminder for the contracting unit, once. */
  g_assert_cmpint (admin (f, &swept, "notices", NULL), ==, 0);
  g_assert_cmpint (json_object_get_int_member (swept, "overdue_reminders"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (swept, "renewal_notices"), ==, 0);
  g_assert_cmpint (admin (f, &swept_again, "notices", NULL), ==, 0);
  g_assert_cmpint (json_object_get_int_member (swept_again, "placed"), ==, 0);
  g_assert_cmpint (admin (f, &outbox, "outbox", "--contract", "HD-OLD", NULL), ==, 0);
  g_assert_cmpuint (count_kind (outbox, "overdue-step", "HD-OLD"), ==, 1);
  message = json_array_get_object_element (json_object_get_array_member (outbox, "messages"), 0);
  g_assert_cmpstr (json_object_get_string_member (message, "recipient_kind"), ==, "unit");
  g_assert_cmpstr (json_object_get_string_member (message, "recipient"), ==, "AG1");
  g_assert_nonnull (strstr (json_object_get_string_member (message, "subject"), "HD-OLD"));
  g_assert_nonnull (strstr (json_object_get_string_member (message, "body"), "VCB"));
  g_assert_cmpint (admin (f, &reminded, "overdue", NULL), ==, 0);
  item = json_array_get_object_element (json_object_get_array_member (reminded, "overdue"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "reminder"), ==,
                   json_object_get_string_member (message, "id"));
  g_assert_false (json_object_get_null_member (item, "reminded_at"));

  must (f, "contract", "activate", "--id", "HD-OLD", NULL);
  g_assert_cmpint (admin (f, &after, "overdue", NULL), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "overdue")), ==, 0);

  /* A cancellation asked 12 days ago and entered the next day, never applied: the restarted
   * server places the unit's reminder by itself. */
  must (f, "contract", "inform", "--id", "HD-OLD", NULL);
  must (f, "contract", "cancel", "--id", "HD-OLD", "--signed-at", long_ago, "--at", declared_ago,
        NULL);
  server_fixture_kill (f->server);
  server_fixture_restart (f->server);
  g_assert_cmpint (admin (f, &cancelling, "overdue", NULL), ==, 0);
  list = json_object_get_array_member (cancelling, "overdue");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  item = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "process"), ==, "cancellation");
  g_assert_cmpint (json_object_get_int_member (item, "step"), ==, 3);
  g_assert_nonnull (json_object_get_string_member (item, "reminder"));
  g_assert_cmpint (admin (f, &outbox_after, "outbox", "--contract", "HD-OLD", "--state",
                          "pending", NULL), ==, 0);
  g_assert_cmpuint (count_kind (outbox_after, "overdue-step", "HD-OLD"), ==, 2);
}

static void
test_renewal_notice (Fixture *f, gconstpointer data)
{
  g_autofree char *soon = date_in_days (20), *far = date_in_days (90);
  g_autoptr(JsonObject) first = NULL, second = NULL, outbox = NULL;
  guint status = 0;
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) account = NULL;

  add_parties (f);
  must (f, "contract", "declare", "--id", "HD-SOON", "--customer", "VCB", "--unit", "AG1",
        "--start", "2026-01-01", "--end", soon, NULL);
  must (f, "contract", "activate", "--id", "HD-SOON", NULL);
  must (f, "contract", "declare", "--id", "HD-FAR", "--customer", "BVH", "--unit", "HN",
        "--start", "2026-01-01", "--end", far, NULL);
  must (f, "contract", "activate", "--id", "HD-FAR", NULL);

  g_assert_cmpint (admin (f, &first, "notices", NULL), ==, 0);
  g_assert_cmpint (admin (f, &second, "notices", NULL), ==, 0);
  g_assert_cmpint (json_object_get_int_member (second, "placed"), ==, 0);
  g_assert_cmpint (admin (f, &outbox, "outbox", NULL), ==, 0);
  /* One notice for the customer and one for the unit, once; none for the far contract. */
  g_assert_cmpuint (count_kind (outbox, "renewal-notice", "HD-SOON"), ==, 2);
  g_assert_cmpuint (count_kind (outbox, "renewal-notice", "HD-FAR"), ==, 0);
  g_assert_cmpuint (count_kind (outbox, "account-created", "HD-FAR"), ==, 1);

  token = server_fixture_enrol (f->server, "VCB", NULL);
  account = server_fixture_json (f->server, "GET", "/v1/account", token, NULL, &status);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (account,
                                                                                 "contract"),
                                                  "status"), ==, "expiring");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (account,
                                                                                "contract"),
                                                 "renewal_notice"));
}

/* The operator's delivery path: the pending list, marking a message sent (once), and the sweep
 * that runs by itself when the server starts. */
static void
test_outbox_delivery (Fixture *f, gconstpointer data)
{
  g_autofree char *soon = date_in_days (20);
  g_autoptr(JsonObject) pending = NULL, sent = NULL, again = NULL, after = NULL, sent_list = NULL;
  g_autofree char *unknown = NULL, *bad_state = NULL;
  const char *notice_id = NULL, *sent_at;
  JsonArray *messages;
  guint n_pending;

  add_parties (f);
  must (f, "contract", "declare", "--id", "HD-SOON", "--customer", "VCB", "--unit", "AG1",
        "--start", "2026-01-01", "--end", soon, NULL);
  must (f, "contract", "activate", "--id", "HD-SOON", NULL);

  /* No `notices` call: the restarted server sweeps at start. */
  server_fixture_kill (f->server);
  server_fixture_restart (f->server);
  g_assert_cmpint (admin (f, &pending, "outbox", "--state", "pending", NULL), ==, 0);
  g_assert_cmpuint (count_kind (pending, "renewal-notice", "HD-SOON"), ==, 2);
  messages = json_object_get_array_member (pending, "messages");
  n_pending = json_array_get_length (messages);
  for (guint i = 0; i < n_pending; i++)
    {
      JsonObject *m = json_array_get_object_element (messages, i);

      g_assert_true (json_object_get_null_member (m, "sent_at"));
      if (g_str_equal (json_object_get_string_member (m, "kind"), "renewal-notice"))
        notice_id = json_object_get_string_member (m, "id");
    }
  g_assert_nonnull (notice_id);

  g_assert_cmpint (admin (f, &sent, "outbox", "sent", "--id", notice_id, NULL), ==, 0);
  sent_at = json_object_get_string_member (sent, "sent_at");
  g_assert_nonnull (sent_at);
  g_assert_cmpint (admin (f, &again, "outbox", "sent", "--id", notice_id, NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (again, "sent_at"), ==, sent_at);

  g_assert_cmpint (admin (f, &after, "outbox", "--state", "pending", NULL), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "messages")), ==,
                    n_pending - 1);
  g_assert_cmpint (admin (f, &sent_list, "outbox", "--state", "sent", NULL), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sent_list, "messages")),
                    ==, 1);

  unknown = admin_error (f, "outbox", "sent", "--id", "no-such-message", NULL);
  g_assert_cmpstr (unknown, ==, "not_found");
  bad_state = admin_error (f, "outbox", "--state", "lost", NULL);
  g_assert_cmpstr (bad_state, ==, "out_of_range");
}

static gint64
unix_of (const char *iso)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return g_date_time_to_unix (t);
}

/* Posts @n "decided" events of distinct cases at @at (plus @n_abandoned abandoned ones) through
 * the sync route, in batches; @seed makes the UUIDs distinct between calls. */
static void
sync_decisions (Fixture *f, const char *token, guint n, guint n_abandoned, gint64 at, guint seed)
{
  guint sent = 0;

  while (sent < n + n_abandoned)
    {
      g_autoptr(GString) batch = g_string_new ("{\"events\": [");
      g_autoptr(JsonObject) reply = NULL;
      guint status = 0;

      for (guint i = 0; i < 2000 && sent < n + n_abandoned; i++, sent++)
        g_string_append_printf (batch, "%s{\"id\": \"%08x-0000-4000-8000-%012x\", "
                                "\"kind\": \"%s\", \"case\": \"%08x-1111-4000-8000-%012x\", "
                                "\"at\": %" G_GINT64_FORMAT "}", i ? ", " : "", seed, sent,
                                sent < n ? "decided" : "abandoned", seed, sent, at);
      g_string_append (batch, "]}");
      reply = server_fixture_json (f->server, "POST", "/v1/sync", token, batch->str, &status);
      g_assert_cmpuint (status, ==, 200);
    }
}

static JsonObject *
bill (Fixture *f, const char *customer, const char *month)
{
  JsonObject *reply = NULL;

  g_assert_cmpint (admin (f, &reply, "bill", "--customer", customer, "--month", month, NULL), ==,
                   0);
  return reply;
}

/* Bills from usage synced by devices: each decision once, abandoned attempts and re-uploads not
 * billed, each event in the month of its local time; volume and graduated pricing; commissions. */
static void
test_bills_from_synced_usage (Fixture *f, gconstpointer data)
{
  g_autofree char *vcb = NULL, *bvh = NULL;
  g_autoptr(JsonObject) vcb_oct = NULL, bvh_oct = NULL, vcb_nov = NULL, vcb_sep = NULL;
  g_autoptr(JsonObject) commissions = NULL;
  gint64 mid_october = unix_of ("2026-10-15T10:00:00+07:00");
  JsonArray *beneficiaries;
  g_autofree char *out = NULL;
  const char *args[] = { g_getenv ("EKYC_ADMIN"), "bill", "--customer", "VCB", "--month",
                         "2026-10", NULL };
  int status = 0;

  add_parties (f);
  must (f, "contract", "declare", "--id", "HD-VCB", "--customer", "VCB", "--unit", "AG1",
        "--start", "2026-01-01", "--end", "2027-12-31", NULL);
  must (f, "contract", "activate", "--id", "HD-VCB", NULL);
  must (f, "contract", "declare", "--id", "HD-BVH", "--customer", "BVH", "--unit", "HN",
        "--manager", "KAM1", "--start", "2026-01-01", "--end", "2027-12-31", "--pricing",
        "graduated", NULL);
  must (f, "contract", "activate", "--id", "HD-BVH", NULL);
  vcb = server_fixture_enrol (f->server, "VCB", NULL);
  bvh = server_fixture_enrol (f->server, "BVH", NULL);

  /* VCB, October in Hanoi: 11,999 mid-month, 1 at 00:00 on 1 October local (still 30 September
   * in UTC), 40 abandoned; 1 at 00:30 on 1 November local (still October in UTC). */
  sync_decisions (f, vcb, 11999, 40, mid_october, 1);
  sync_decisions (f, vcb, 1, 0, unix_of ("2026-09-30T17:00:00Z"), 2);
  sync_decisions (f, vcb, 1, 0, unix_of ("2026-10-31T17:30:00Z"), 3);
  /* The first batch again (a device that crashed mid-upload): nothing more is billed. */
  sync_decisions (f, vcb, 2000, 0, mid_october, 1);
  /* BVH, graduated: the brief's 12,000. */
  sync_decisions (f, bvh, 12000, 0, mid_october, 4);

  vcb_oct = bill (f, "VCB", "2026-10");
  g_assert_cmpint (json_object_get_int_member (vcb_oct, "requests"), ==, 12000);
  g_assert_cmpstr (json_object_get_string_member (vcb_oct, "pricing"), ==, "volume");
  g_assert_cmpint (json_object_get_int_member (vcb_oct, "amount_vnd"), ==, 10800000);
  bvh_oct = bill (f, "BVH", "2026-10");
  g_assert_cmpint (json_object_get_int_member (bvh_oct, "requests"), ==, 12000);
  g_assert_cmpint (json_object_get_int_member (bvh_oct, "amount_vnd"), ==, 11550000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bvh_oct, "lines")), ==, 3);
  vcb_nov = bill (f, "VCB", "2026-11");
  g_assert_cmpint (json_object_get_int_member (vcb_nov, "requests"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (vcb_nov, "amount_vnd"), ==, 1000);
  vcb_sep = bill (f, "VCB", "2026-09");
  g_assert_cmpint (json_object_get_int_member (vcb_sep, "requests"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (vcb_sep, "amount_vnd"), ==, 0);

  /* The text an operator reads. */
  g_assert_true (g_spawn_sync (NULL, (char **) args, f->envp, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "12,000 billable requests: 10,800,000 VND"));
  g_assert_nonnull (strstr (out, "tier 3: 12,000 × 900 = 10,800,000 VND"));

  /* Commissions for October: the agent 40 % of VCB's, the KAM 35 % of BVH's. */
  g_assert_cmpint (admin (f, &commissions, "commissions", "--month", "2026-10", NULL), ==, 0);
  beneficiaries = json_object_get_array_member (commissions, "beneficiaries");
  g_assert_cmpuint (json_array_get_length (beneficiaries), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *b = json_array_get_object_element (beneficiaries, i);
      const char *id = json_object_get_string_member (b, "id");

      if (g_str_equal (id, "AG1"))
        {
          g_assert_cmpstr (json_object_get_string_member (b, "kind"), ==, "agent");
          g_assert_cmpint (json_object_get_int_member (b, "revenue_vnd"), ==, 10800000);
          g_assert_cmpint (json_object_get_int_member (b, "commission_vnd"), ==, 4320000);
        }
      else
        {
          g_assert_cmpstr (id, ==, "KAM1");
          g_assert_cmpstr (json_object_get_string_member (b, "kind"), ==, "account-manager");
          g_assert_cmpint (json_object_get_int_member (b, "commission_vnd"), ==, 4042500);
        }
    }
  g_assert_cmpint (json_object_get_int_member (commissions, "total_commission_vnd"), ==,
                   4320000 + 4042500);
}

static void
test_tickets (Fixture *f, gconstpointer data)
{
  g_autofree char *vcb = NULL, *bvh = NULL, *callback = NULL, *path = NULL, *close_path = NULL;
  g_autofree char *reopen_path = NULL, *closed_again = NULL, *no_callback = NULL;
  g_autoptr(JsonObject) opened = NULL, other = NULL, started = NULL, resolved = NULL;
  g_autoptr(JsonObject) reopened = NULL, closed = NULL, listed = NULL, bad = NULL;
  g_autoptr(JsonObject) by_phone = NULL, bad_category = NULL;
  g_autoptr(GDateTime) in_two_hours = NULL;
  const char *id;
  guint status = 0;

  add_parties (f);
  vcb = server_fixture_enrol (f->server, "VCB", NULL);
  bvh = server_fixture_enrol (f->server, "BVH", NULL);

  opened = server_fixture_json (f->server, "POST", "/v1/tickets", vcb,
                                "{\"category\": \"technical\", \"subject\": \"Camera không nhận\","
                                " \"branch\": \"Hoàn Kiếm\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (opened, "state"), ==, "received");
  g_assert_cmpstr (json_object_get_string_member (opened, "hotline"), ==, "0896 151 617");
  id = json_object_get_string_member (opened, "id");
  path = g_strdup_printf ("/v1/tickets/%s", id);

  /* Another customer's device does not see it. */
  other = server_fixture_json (f->server, "GET", path, bvh, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  bad_category = server_fixture_json (f->server, "POST", "/v1/tickets", vcb,
                                      "{\"category\": \"sales\", \"subject\": \"x\"}", &status);
  g_assert_cmpuint (status, ==, 400);

  /* Support cannot solve it at once: a call-back time is required and promised. */
  no_callback = admin_error (f, "ticket", "start", "--id", id, "--callback-at",
                             "2020-01-01T00:00:00Z", NULL);
  g_assert_cmpstr (no_callback, ==, "invalid_input");
  in_two_hours = g_date_time_add_hours (g_date_time_new_now_utc (), 2);
  callback = g_date_time_format (in_two_hours, "%Y-%m-%dT%H:%M:%SZ");
  g_date_time_unref (in_two_hours);
  in_two_hours = NULL;
  g_assert_cmpint (admin (f, &started, "ticket", "start", "--id", id, "--callback-at", callback,
                          NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (started, "state"), ==, "in-progress");
  g_assert_false (json_object_get_null_member (started, "callback_at"));

  /* The customer cannot close a ticket still in progress. */
  close_path = g_strdup_printf ("/v1/tickets/%s/close", id);
  bad = server_fixture_json (f->server, "POST", close_path, vcb, "{}", &status);
  g_assert_cmpuint (status, ==, 409);

  g_assert_cmpint (admin (f, &resolved, "ticket", "resolve", "--id", id, "--answer",
                          "Cập nhật trình điều khiển camera", NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (resolved, "state"), ==, "resolved");
  g_assert_false (json_object_get_null_member (resolved, "notified_at"));

  /* Not satisfied: reopened from the branch; resolved again; satisfied: closed. */
  reopen_path = g_strdup_printf ("/v1/tickets/%s/reopen", id);
  reopened = server_fixture_json (f->server, "POST", reopen_path, vcb,
                                  "{\"note\": \"vẫn lỗi\"}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reopened, "state"), ==, "reopened");
  g_assert_cmpint (json_object_get_int_member (reopened, "reopen_count"), ==, 1);
  must (f, "ticket", "resolve", "--id", id, NULL);
  closed = server_fixture_json (f->server, "POST", close_path, vcb, "{}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (closed, "state"), ==, "closed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (closed, "events")), ==,
                    6);
  closed_again = admin_error (f, "ticket", "reopen", "--id", id, NULL);
  g_assert_cmpstr (closed_again, ==, "invalid_transition");

  /* A call taken by phone for the other customer; lists are per customer for devices. */
  g_assert_cmpint (admin (f, &by_phone, "ticket", "open", "--customer", "BVH", "--category",
                          "consulting", "--subject", "Bảng giá", NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (by_phone, "hotline"), ==, "0936 110 116");
  listed = server_fixture_json (f->server, "GET", "/v1/tickets", vcb, NULL, &status);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (listed, "tickets")), ==,
                    1);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/business-server/bad-operator-input", test_bad_operator_input);
  ADD ("/business-server/contract-lifecycle", test_contract_lifecycle);
  ADD ("/business-server/overdue-steps", test_overdue_steps);
  ADD ("/business-server/renewal-notice-once", test_renewal_notice);
  ADD ("/business-server/outbox-delivery", test_outbox_delivery);
  ADD ("/business-server/bills-from-synced-usage", test_bills_from_synced_usage);
  ADD ("/business-server/tickets", test_tickets);
#undef ADD
  return g_test_run ();
}
