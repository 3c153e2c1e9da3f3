/* ekyc-server-routes-contracts.c — contracts and their registration, renewal and cancellation
 * processes (4 steps each, time-stamped, with deadlines), overdue steps, renewal notices
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Who calls what (§3 of the brief):
 *   POST /v1/admin/contracts                  steps 1–2 of registration: signed, declared
 *   POST /v1/admin/contracts/{id}/renew       steps 1–2 of renewal: signed, renewed by the unit
 *   POST /v1/admin/contracts/{id}/cancel      steps 1–2 of cancellation: asked, cancelled
 *   POST /v1/admin/contracts/{id}/apply       step 3, operations: activate (credentials issued
 *                                             to the unit), extend, or disable
 *   POST /v1/admin/contracts/{id}/activate    step 3 when the open process is a registration
 *   POST /v1/admin/contracts/{id}/inform      step 4: the unit told the customer
 * Each takes optional "at" (and "signed_at" for step 1) in ISO 8601: operators record steps after
 * the fact. A contract has at most one open process.
 */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ekyc-business-error.h"
#include "ekyc-commission.h"
#include "ekyc-credentials.h"
#include "ekyc-server-business.h"
#include "ekyc-server-json.h"

#define MAX_ID 64
/* Steps may be recorded late, never in the future (beyond clock skew). */
#define FUTURE_SLACK_SECONDS 300

typedef struct {
  char        *id;
  char        *new_end_date;
  EkycProcess  process;
  gboolean     found;
} OpenProcess;

static void
open_process_clear (OpenProcess *open)
{
  g_clear_pointer (&open->id, g_free);
  g_clear_pointer (&open->new_end_date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OpenProcess, open_process_clear)

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gboolean
load_steps (EkycStorage *storage, const char *process_id, EkycProcess *process, GError **error)
{
  g_autoptr(EkycStorageRows) rows =
    ekyc_storage_query (storage, "SELECT step, due_at, done_at FROM process_steps "
                        "WHERE process_id = ?", EKYC_SQL_PARAMS (process_id), error);

  if (rows == NULL)
    return FALSE;
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      gint64 step = ekyc_storage_rows_get_int (rows, r, 0, 0);

      if (step < 1 || step > EKYC_PROCESS_N_STEPS)
        continue;
      process->due_at[step - 1] = ekyc_storage_rows_get_int (rows, r, 1, 0);
      process->done_at[step - 1] = ekyc_storage_rows_get_int (rows, r, 2, 0);
    }
  return TRUE;
}

static gboolean
load_open_process (EkycStorage *storage, const char *contract_id, OpenProcess *open,
                   GError **error)
{
  g_autoptr(EkycStorageRows) rows =
    ekyc_storage_query (storage, "SELECT id, kind, new_end_date FROM contract_processes "
                        "WHERE contract_id = ? AND completed_at IS NULL",
                        EKYC_SQL_PARAMS (contract_id), error);

  memset (open, 0, sizeof *open);
  if (rows == NULL)
    return FALSE;
  if (ekyc_storage_rows_get_count (rows) == 0)
    return TRUE;
  open->found = TRUE;
  open->id = g_strdup (ekyc_storage_rows_get (rows, 0, 0));
  open->new_end_date = g_strdup (ekyc_storage_rows_get (rows, 0, 2));
  if (!ekyc_process_kind_from_string (ekyc_storage_rows_get (rows, 0, 1), &open->process.kind))
    open->process.kind = EKYC_PROCESS_REGISTRATION;
  return load_steps (storage, open->id, &open->process, error);
}

static gboolean
save_steps (EkycStorage *storage, const char *process_id, const EkycProcess *process,
            GError **error)
{
  for (guint i = 0; i < EKYC_PROCESS_N_STEPS; i++)
    {
      g_autofree char *step = int_text (i + 1);
      g_autofree char *due = process->due_at[i] ? int_text (process->due_at[i]) : NULL;
      g_autofree char *done = process->done_at[i] ? int_text (process->done_at[i]) : NULL;

      if (!ekyc_storage_exec (storage,
                              "INSERT INTO process_steps (process_id, step, due_at, done_at) "
                              "VALUES (?, ?, ?, ?) ON CONFLICT (process_id, step) DO UPDATE SET "
                              "due_at = excluded.due_at, done_at = excluded.done_at",
                              EKYC_SQL_PARAMS (process_id, step, due, done), NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_process (EkycStorage *storage, const char *contract_id, const EkycProcess *process,
                const char *new_end_date, char **out_id, GError **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *started = int_text (process->done_at[0]);

  if (!ekyc_storage_exec (storage, "INSERT INTO contract_processes (id, contract_id, kind, "
                          "new_end_date, started_at) VALUES (?, ?, ?, ?, ?)",
                          EKYC_SQL_PARAMS (id, contract_id, ekyc_process_kind_to_string (process->kind),
                                           new_end_date, started), NULL, error)
      || !save_steps (storage, id, process, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

/* Reads "name" as an ISO 8601 time; @fallback when absent. FALSE after replying 400. */
static gboolean
get_time (EkycRequest *request, JsonObject *body, EkycCalendar *calendar, const char *name,
          gint64 fallback, gint64 *out)
{
  const char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!ekyc_json_get_string (request, body, NULL, name, FALSE, 64, &text))
    return FALSE;
  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (!ekyc_calendar_parse_time (calendar, text, out, &error))
    {
      _ekyc_business_reply_error (request, error);
      return FALSE;
    }
  if (*out > ekyc_request_get_now (request) + FUTURE_SLACK_SECONDS)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                _("“%s” is in the future: record a step once it is done."), name);
      return FALSE;
    }
  return TRUE;
}

static EkycContractStatus
status_today (const EkycBusinessContract *contract, EkycCalendar *calendar, gint64 now)
{
  GDate today;

  ekyc_calendar_local_date (calendar, now, &today);
  return ekyc_contract_status_at (contract->stored_state, &contract->end_date, &today);
}

static void
add_process_json (JsonBuilder *b, EkycCalendar *calendar, const char *id, const char *new_end,
                  const EkycProcess *process, gint64 now)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, ekyc_process_kind_to_string (process->kind));
  if (new_end != NULL)
    _ekyc_json_add_nullable_string (b, "new_end_date", new_end);
  json_builder_set_member_name (b, "next_step");
  json_builder_add_int_value (b, ekyc_process_next_step (process));
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint step = 1; step <= EKYC_PROCESS_N_STEPS; step++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "step");
      json_builder_add_int_value (b, step);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, ekyc_process_step_title (process->kind, step));
      json_builder_set_member_name (b, "actor");
      json_builder_add_string_value (b, ekyc_process_step_actor (process->kind, step));
      _ekyc_json_add_time (b, calendar, "due_at", process->due_at[step - 1]);
      _ekyc_json_add_time (b, calendar, "done_at", process->done_at[step - 1]);
      json_builder_set_member_name (b, "late");
      json_builder_add_boolean_value (b, ekyc_process_step_late (process, step));
      json_builder_set_member_name (b, "overdue");
      json_builder_add_boolean_value (b, ekyc_process_step_overdue (process, step, now));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The contract as JSON: its fields, its status today, and its processes. */
static JsonNode *
contract_to_json (EkycStorage *storage, EkycCalendar *calendar, const char *id, gint64 now,
                  GError **error)
{
  g_auto(EkycBusinessContract) contract = { 0 };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(EkycStorageRows) processes = NULL;
  g_autoptr(EkycStorageRows) extra = NULL;
  g_autofree char *start = NULL, *end = NULL, *notice_text = NULL;
  GDate notice;

  if (!_ekyc_business_contract_load (storage, id, &contract, error))
    return NULL;
  extra = ekyc_storage_query (storage, "SELECT account_login, credentials_issued_at, "
                              "cancelled_at FROM contracts WHERE id = ?", EKYC_SQL_PARAMS (id),
                              error);
  if (extra == NULL)
    return NULL;
  processes = ekyc_storage_query (storage, "SELECT id, kind, new_end_date FROM "
                                  "contract_processes WHERE contract_id = ? ORDER BY started_at",
                                  EKYC_SQL_PARAMS (id), error);
  if (processes == NULL)
    return NULL;
  start = ekyc_date_to_string (&contract.start_date);
  end = ekyc_date_to_string (&contract.end_date);
  ekyc_contract_renewal_notice_date (&contract.end_date, &notice);
  notice_text = ekyc_date_to_string (&notice);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, contract.id);
  json_builder_set_member_name (b, "customer");
  json_builder_add_string_value (b, contract.customer_id);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, contract.unit_id);
  _ekyc_json_add_nullable_string (b, "manager", contract.manager_id);
  json_builder_set_member_name (b, "plan");
  json_builder_add_string_value (b, ekyc_plan_to_string (contract.plan));
  json_builder_set_member_name (b, "pricing");
  json_builder_add_string_value (b, ekyc_pricing_to_string (contract.pricing));
  json_builder_set_member_name (b, "negotiated_monthly_vnd");
  json_builder_add_int_value (b, contract.negotiated_monthly_vnd);
  json_builder_set_member_name (b, "start_date");
  json_builder_add_string_value (b, start);
  json_builder_set_member_name (b, "end_date");
  json_builder_add_string_value (b, end);
  json_builder_set_member_name (b, "renewal_notice_date");
  json_builder_add_string_value (b, notice_text);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, ekyc_contract_status_to_string (status_today (&contract,
                                                                                 calendar, now)));
  _ekyc_json_add_nullable_string (b, "account_login", ekyc_storage_rows_get (extra, 0, 0));
  _ekyc_json_add_time (b, calendar, "credentials_issued_at",
                       ekyc_storage_rows_get_int (extra, 0, 1, 0));
  _ekyc_json_add_time (b, calendar, "cancelled_at", ekyc_storage_rows_get_int (extra, 0, 2, 0));
  json_builder_set_member_name (b, "processes");
  json_builder_begin_array (b);
  for (guint r = 0; r < ekyc_storage_rows_get_count (processes); r++)
    {
      EkycProcess process = { 0 };

      if (!ekyc_process_kind_from_string (ekyc_storage_rows_get (processes, r, 1), &process.kind)
          || !load_steps (storage, ekyc_storage_rows_get (processes, r, 0), &process, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                         "bad process kind");
          return NULL;
        }
      add_process_json (b, calendar, ekyc_storage_rows_get (processes, r, 0),
                        ekyc_storage_rows_get (processes, r, 2), &process, now);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
reply_contract (EkycRequest *request, EkycCalendar *calendar, const char *id, guint status,
                JsonNode *credentials)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = contract_to_json (ekyc_request_get_storage (request), calendar, id,
                                     ekyc_request_get_now (request), &error);

  if (node == NULL)
    {
      if (credentials != NULL)
        json_node_unref (credentials);
      return _ekyc_business_reply_error (request, error);
    }
  if (credentials != NULL)
    json_object_set_member (json_node_get_object (node), "credentials", credentials);
  ekyc_request_reply_json (request, status, node);
}

static gboolean
exists (EkycStorage *storage, const char *sql, const char *id, GError **error)
{
  g_autoptr(EkycStorageRows) rows = ekyc_storage_query (storage, sql, EKYC_SQL_PARAMS (id), error);

  if (rows == NULL)
    return FALSE;
  return ekyc_storage_rows_get_count (rows) > 0;
}

static void
handle_declare (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) open_rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *negotiated_text = NULL, *now_text = NULL;
  const char *id = NULL, *customer = NULL, *unit = NULL, *manager = NULL;
  const char *plan_text = "saas", *pricing_text = "volume", *start = NULL, *end = NULL;
  gint64 negotiated = 0, signed_at = 0, at = 0;
  EkycPlan plan;
  EkycPricing pricing;
  EkycProcess process;
  GDate start_date, end_date;

  if (body == NULL
      || !ekyc_json_get_string (request, body, NULL, "id", TRUE, MAX_ID, &id)
      || !ekyc_json_get_string (request, body, NULL, "customer", TRUE, MAX_ID, &customer)
      || !ekyc_json_get_string (request, body, NULL, "unit", TRUE, MAX_ID, &unit)
      || !ekyc_json_get_string (request, body, NULL, "manager", FALSE, MAX_ID, &manager)
      || !ekyc_json_get_string (request, body, NULL, "plan", FALSE, 16, &plan_text)
      || !ekyc_json_get_string (request, body, NULL, "pricing", FALSE, 16, &pricing_text)
      || !ekyc_json_get_int (request, body, NULL, "negotiated_monthly_vnd", FALSE, 0,
                             G_GINT64_CONSTANT (1000000000000000), &negotiated)
      || !ekyc_json_get_string (request, body, NULL, "start_date", TRUE, 10, &start)
      || !ekyc_json_get_string (request, body, NULL, "end_date", TRUE, 10, &end))
    return;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                       _("A contract id may hold only letters, digits, “-”, "
                                         "“_” and “.”."));
  if (!ekyc_plan_from_string (plan_text, &plan, &error)
      || !ekyc_pricing_from_string (pricing_text, &pricing, &error)
      || !ekyc_date_parse (start, &start_date, &error)
      || !ekyc_date_parse (end, &end_date, &error)
      || !ekyc_contract_check_dates (&start_date, &end_date, &error))
    return _ekyc_business_reply_error (request, error);
  if (plan == EKYC_PLAN_ON_PREMISE && !json_object_has_member (body, "negotiated_monthly_vnd"))
    return ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                     _("An on-premise contract needs its negotiated monthly "
                                       "price: give “negotiated_monthly_vnd”."));
  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL)
    return _ekyc_business_reply_error (request, error);
  if (!get_time (request, body, calendar, "at", ekyc_request_get_now (request), &at)
      || !get_time (request, body, calendar, "signed_at", at, &signed_at))
    return;

  if (!exists (storage, "SELECT 1 FROM customers WHERE id = ?", customer, &error))
    return error ? _ekyc_business_reply_error (request, error)
                 : ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "not_found",
                                             _("There is no customer “%s”."), customer);
  if (!exists (storage, "SELECT 1 FROM units WHERE id = ?", unit, &error))
    return error ? _ekyc_business_reply_error (request, error)
                 : ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "not_found",
                                             _("There is no unit “%s”."), unit);
  if (manager != NULL && !exists (storage, "SELECT 1 FROM account_managers WHERE id = ?",
                                  manager, &error))
    return error ? _ekyc_business_reply_error (request, error)
                 : ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "not_found",
                                             _("There is no account manager “%s”."), manager);
  open_rows = ekyc_storage_query (storage, "SELECT id, end_date FROM contracts WHERE "
                                  "customer_id = ? AND state IN ('declared', 'active') AND "
                                  "end_date >= ?", EKYC_SQL_PARAMS (customer, start), &error);
  if (open_rows == NULL)
    return _ekyc_business_reply_error (request, error);
  if (ekyc_storage_rows_get_count (open_rows) > 0)
    return ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "invalid_transition",
                                     _("Customer “%s” already has contract “%s” until %s: renew "
                                       "it, or start the new one after it ends."), customer,
                                     ekyc_storage_rows_get (open_rows, 0, 0),
                                     ekyc_storage_rows_get (open_rows, 0, 1));
  ekyc_process_start (&process, EKYC_PROCESS_REGISTRATION, signed_at, calendar);
  if (!ekyc_process_complete_step (&process, 2, at, calendar, &error))
    return _ekyc_business_reply_error (request, error);

  negotiated_text = int_text (negotiated);
  now_text = int_text (ekyc_request_get_now (request));
  if (!ekyc_storage_begin (storage, &error)
      || !ekyc_storage_exec (storage, "INSERT INTO contracts (id, customer_id, unit_id, "
                             "manager_id, plan, pricing, negotiated_monthly_vnd, start_date, "
                             "end_date, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                             "'declared', ?)",
                             EKYC_SQL_PARAMS (id, customer, unit, manager,
                                              ekyc_plan_to_string (plan),
                                              ekyc_pricing_to_string (pricing), negotiated_text,
                                              start, end, now_text), NULL, &error)
      || !insert_process (storage, id, &process, NULL, NULL, &error)
      || !ekyc_storage_commit (storage, &error))
    {
      ekyc_storage_rollback (storage);
      return _ekyc_business_reply_error (request, error);
    }
  reply_contract (request, calendar, id, SOUP_STATUS_CREATED, NULL);
}

/* Renewal and cancellation: steps 1–2 of a new process. */
static void
start_process (EkycRequest *request, EkycProcessKind kind)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *id = ekyc_request_get_param (request, "id");
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_auto(EkycBusinessContract) contract = { 0 };
  g_auto(OpenProcess) open = { 0 };
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  const char *new_end = NULL;
  gint64 signed_at = 0, at = 0;
  EkycProcess process;
  GDate new_end_date;

  if (body == NULL
      || (kind == EKYC_PROCESS_RENEWAL
          && !ekyc_json_get_string (request, body, NULL, "end_date", TRUE, 10, &new_end)))
    return;
  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL || !_ekyc_business_contract_load (storage, id, &contract, &error))
    return _ekyc_business_reply_error (request, error);
  if (!get_time (request, body, calendar, "at", ekyc_request_get_now (request), &at)
      || !get_time (request, body, calendar, "signed_at", at, &signed_at))
    return;
  if (!ekyc_contract_check_action (status_today (&contract, calendar,
                                                 ekyc_request_get_now (request)),
                                   kind == EKYC_PROCESS_RENEWAL ? EKYC_CONTRACT_RENEW
                                                                : EKYC_CONTRACT_CANCEL, &error))
    return _ekyc_business_reply_error (request, error);
  if (!load_open_process (storage, id, &open, &error))
    return _ekyc_business_reply_error (request, error);
  if (open.found)
    return ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "invalid_transition",
                                     _("Contract “%s” has a %s still open (next: step %u): "
                                       "finish it first."), id,
                                     ekyc_process_kind_to_string (open.process.kind),
                                     ekyc_process_next_step (&open.process));
  if (kind == EKYC_PROCESS_RENEWAL)
    {
      if (!ekyc_date_parse (new_end, &new_end_date, &error))
        return _ekyc_business_reply_error (request, error);
      if (g_date_compare (&new_end_date, &contract.end_date) <= 0)
        return ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                         _("A renewal must end after the current end date."));
    }
  ekyc_process_start (&process, kind, signed_at, calendar);
  if (!ekyc_process_complete_step (&process, 2, at, calendar, &error))
    return _ekyc_business_reply_error (request, error);
  if (!ekyc_storage_begin (storage, &error)
      || !insert_process (storage, id, &process, new_end, NULL, &error)
      || !ekyc_storage_commit (storage, &error))
    {
      ekyc_storage_rollback (storage);
      return _ekyc_business_reply_error (request, error);
    }
  reply_contract (request, calendar, id, SOUP_STATUS_CREATED, NULL);
}

static void
handle_renew (EkycRequest *request, gpointer user_data)
{
  start_process (request, EKYC_PROCESS_RENEWAL);
}

static void
handle_cancel (EkycRequest *request, gpointer user_data)
{
  start_process (request, EKYC_PROCESS_CANCELLATION);
}

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static gboolean
queue_message (EkycStorage *storage, const char *id, const char *contract_id,
               const char *recipient_kind, const char *recipient_id, const char *kind,
               const char *subject, const char *message, gint64 now, gint64 *changes,
               GError **error)
{
  g_autofree char *now_text = int_text (now);

  return ekyc_storage_exec (storage, "INSERT INTO outbox (id, contract_id, recipient_kind, "
                            "recipient_id, kind, subject, body, created_at) VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            EKYC_SQL_PARAMS (id, contract_id, recipient_kind, recipient_id, kind,
                                             subject, message, now_text), changes, error);
}

/* Steps 3 and 4 of the open process. @only_registration: the `activate` route. */
static void
advance_process (EkycRequest *request, guint step, gboolean only_registration)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *id = ekyc_request_get_param (request, "id");
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_auto(EkycBusinessContract) contract = { 0 };
  g_auto(OpenProcess) open = { 0 };
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at_text = NULL, *login = NULL, *secret = NULL, *secret_hash = NULL;
  g_autofree char *message_id = NULL, *subject = NULL, *message = NULL;
  JsonNode *credentials = NULL;
  EkycContractStatus status;
  gint64 at = 0;
  guint next;

  if (body == NULL)
    return;
  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL || !_ekyc_business_contract_load (storage, id, &contract, &error)
      || !load_open_process (storage, id, &open, &error))
    return _ekyc_business_reply_error (request, error);
  if (!get_time (request, body, calendar, "at", ekyc_request_get_now (request), &at))
    return;
  if (!open.found)
    return ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "invalid_transition",
                                     _("Contract “%s” has no open process: declare, renew or "
                                       "cancel it first."), id);
  if (only_registration && open.process.kind != EKYC_PROCESS_REGISTRATION)
    return ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "invalid_transition",
                                     _("Contract “%s” is in a %s, not a registration: use "
                                       "“apply”."), id,
                                     ekyc_process_kind_to_string (open.process.kind));
  next = ekyc_process_next_step (&open.process);
  if (next != step)
    return ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "invalid_transition",
                                     _("The %s of contract “%s” waits for step %u (%s), not "
                                       "step %u."), ekyc_process_kind_to_string (open.process.kind),
                                     id, next, ekyc_process_step_title (open.process.kind, next),
                                     step);
  status = status_today (&contract, calendar, ekyc_request_get_now (request));
  if (step == 3)
    {
      EkycContractAction action = open.process.kind == EKYC_PROCESS_REGISTRATION
                                  ? EKYC_CONTRACT_ACTIVATE
                                  : open.process.kind == EKYC_PROCESS_RENEWAL
                                  ? EKYC_CONTRACT_RENEW : EKYC_CONTRACT_CANCEL;
      if (!ekyc_contract_check_action (status, action, &error))
        return _ekyc_business_reply_error (request, error);
    }
  if (!ekyc_process_complete_step (&open.process, step, at, calendar, &error))
    return _ekyc_business_reply_error (request, error);

  at_text = int_text (at);
  if (!ekyc_storage_begin (storage, &error))
    return _ekyc_business_reply_error (request, error);
  if (step == 3 && open.process.kind == EKYC_PROCESS_REGISTRATION)
    {
      /* Operations creates the customer's account and sends it to the contracting unit. */
      secret = ekyc_credentials_new_secret (24, &error);
      if (secret == NULL)
        goto failed;
      login = ekyc_credentials_login_for (contract.customer_id, contract.id);
      secret_hash = sha256_hex (secret);
      if (!ekyc_storage_exec (storage, "UPDATE contracts SET state = 'active', account_login = ?, "
                              "account_secret_hash = ?, credentials_issued_at = ? WHERE id = ?",
                              EKYC_SQL_PARAMS (login, secret_hash, at_text, id), NULL, &error))
        goto failed;
      message_id = g_strdup_printf ("account/%s", id);
      subject = g_strdup_printf (_("Account created for contract %s"), id);
      message = g_strdup_printf (_("The eKYC account of customer %s (contract %s) is ready. "
                                   "Login: %s. The password was handed to the unit once, at "
                                   "creation. Send the account details to the customer now."),
                                 contract.customer_id, id, login);
      if (!queue_message (storage, message_id, id, "unit", contract.unit_id, "account-created",
                          subject, message, at, NULL, &error))
        goto failed;
      {
        g_autoptr(JsonBuilder) b = json_builder_new ();
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "login");
        json_builder_add_string_value (b, login);
        json_builder_set_member_name (b, "secret");
        json_builder_add_string_value (b, secret);
        json_builder_set_member_name (b, "issued_to_unit");
        json_builder_add_string_value (b, contract.unit_id);
        json_builder_end_object (b);
        credentials = json_builder_get_root (b);
      }
    }
  else if (step == 3 && open.process.kind == EKYC_PROCESS_RENEWAL)
    {
      if (!ekyc_storage_exec (storage, "UPDATE contracts SET state = 'active', end_date = ? "
                              "WHERE id = ?", EKYC_SQL_PARAMS (open.new_end_date, id), NULL,
                              &error))
        goto failed;
    }
  else if (step == 3)
    {
      if (!ekyc_storage_exec (storage, "UPDATE contracts SET state = 'cancelled', "
                              "cancelled_at = ? WHERE id = ?", EKYC_SQL_PARAMS (at_text, id),
                              NULL, &error))
        goto failed;
    }
  if (!save_steps (storage, open.id, &open.process, &error))
    goto failed;
  if (step == EKYC_PROCESS_N_STEPS
      && !ekyc_storage_exec (storage, "UPDATE contract_processes SET completed_at = ? "
                             "WHERE id = ?", EKYC_SQL_PARAMS (at_text, open.id), NULL, &error))
    goto failed;
  if (!ekyc_storage_commit (storage, &error))
    goto failed;
  reply_contract (request, calendar, id, SOUP_STATUS_OK, credentials);
  return;

failed:
  ekyc_storage_rollback (storage);
  if (credentials != NULL)
    json_node_unref (credentials);
  _ekyc_business_reply_error (request, error);
}

static void
handle_apply (EkycRequest *request, gpointer user_data)
{
  advance_process (request, 3, FALSE);
}

static void
handle_activate (EkycRequest *request, gpointer user_data)
{
  advance_process (request, 3, TRUE);
}

static void
handle_inform (EkycRequest *request, gpointer user_data)
{
  advance_process (request, 4, FALSE);
}

static void
handle_show (EkycRequest *request, gpointer user_data)
{
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;

  calendar = _ekyc_business_calendar (ekyc_request_get_storage (request), &error);
  if (calendar == NULL)
    return _ekyc_business_reply_error (request, error);
  reply_contract (request, calendar, ekyc_request_get_param (request, "id"), SOUP_STATUS_OK, NULL);
}

static void
handle_list (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *customer = ekyc_request_get_query (request, "customer");
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;

  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL)
    return _ekyc_business_reply_error (request, error);
  rows = customer != NULL
    ? ekyc_storage_query (storage, "SELECT id FROM contracts WHERE customer_id = ? "
                          "ORDER BY start_date, id", EKYC_SQL_PARAMS (customer), &error)
    : ekyc_storage_query (storage, "SELECT id FROM contracts ORDER BY customer_id, start_date, id",
                          EKYC_SQL_NO_PARAMS, &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "contracts");
  json_builder_begin_array (b);
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      JsonNode *node = contract_to_json (storage, calendar, ekyc_storage_rows_get (rows, r, 0),
                                         ekyc_request_get_now (request), &error);
      if (node == NULL)
        return _ekyc_business_reply_error (request, error);
      json_builder_add_value (b, node);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

/* Places a renewal notice for the customer and for the unit of every active contract whose
 * notice date has come; once per contract end date (the outbox id says which). Returns how many
 * messages were placed. */
static gboolean
sweep_renewal_notices (EkycStorage *storage, gint64 now, gint64 *placed, GError **error)
{
  g_autoptr(EkycCalendar) calendar = _ekyc_business_calendar (storage, error);
  g_autoptr(EkycStorageRows) rows = NULL;
  GDate today;

  *placed = 0;
  if (calendar == NULL)
    return FALSE;
  rows = ekyc_storage_query (storage, "SELECT id, customer_id, unit_id, end_date FROM contracts "
                             "WHERE state = 'active'", EKYC_SQL_NO_PARAMS, error);
  if (rows == NULL)
    return FALSE;
  ekyc_calendar_local_date (calendar, now, &today);
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      const char *id = ekyc_storage_rows_get (rows, r, 0);
      const char *end = ekyc_storage_rows_get (rows, r, 3);
      const char *recipients[2][2] = {
        { "customer", ekyc_storage_rows_get (rows, r, 1) },
        { "unit", ekyc_storage_rows_get (rows, r, 2) },
      };
      GDate end_date, notice;

      if (!ekyc_date_parse (end, &end_date, NULL))
        continue;
      ekyc_contract_renewal_notice_date (&end_date, &notice);
      if (g_date_compare (&today, &notice) < 0 || g_date_compare (&today, &end_date) > 0)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (recipients); i++)
        {
          g_autofree char *message_id = g_strdup_printf ("renewal-notice/%s/%s/%s", id, end,
                                                         recipients[i][0]);
          g_autofree char *subject = g_strdup_printf (_("Contract %s ends on %s"), id, end);
          g_autofree char *message =
            g_strdup_printf (_("The eKYC contract %s of customer %s ends on %s. To keep the "
                               "service without interruption, sign a renewal contract with the "
                               "contracting unit (%s) before that date. Product consulting: "
                               "hotline 0936 110 116."), id, recipients[0][1], end,
                             recipients[1][1]);
          gint64 changes = 0;

          if (!queue_message (storage, message_id, id, recipients[i][0], recipients[i][1],
                              "renewal-notice", subject, message, now, &changes, error))
            return FALSE;
          *placed += changes;
        }
    }
  return TRUE;
}

static const char *
process_name (EkycProcessKind kind)
{
  static const char *const names[] = {
    [EKYC_PROCESS_REGISTRATION] = N_("new registration"),
    [EKYC_PROCESS_RENEWAL] = N_("renewal"),
    [EKYC_PROCESS_CANCELLATION] = N_("cancellation"),
  };

  return (guint) kind < G_N_ELEMENTS (names) ? _(names[kind]) : "";
}

/* The outbox id of the reminder about one overdue step: once per step of a process. */
static char *
overdue_message_id (const char *process_id, gint64 step)
{
  return g_strdup_printf ("overdue-step/%s/%" G_GINT64_FORMAT, process_id, step);
}

/* The steps not done past their 1-working-day deadline, oldest deadline first:
 * contract, customer, unit, process kind, step, due_at, process id. */
static EkycStorageRows *
query_overdue_steps (EkycStorage *storage, gint64 now, GError **error)
{
  g_autofree char *now_text = int_text (now);

  return ekyc_storage_query (storage,
                             "SELECT c.id, c.customer_id, c.unit_id, p.kind, s.step, s.due_at, p.id "
                             "FROM process_steps s "
                             "JOIN contract_processes p ON p.id = s.process_id "
                             "JOIN contracts c ON c.id = p.contract_id "
                             "WHERE s.done_at IS NULL AND s.due_at IS NOT NULL AND s.due_at < ? "
                             "ORDER BY s.due_at, c.id", EKYC_SQL_PARAMS (now_text), error);
}

/* Places a reminder for the contracting unit of every overdue step of a registration, renewal
 * or cancellation, once per step (the outbox id says which); the unit either does its step or
 * chases the one who has to. */
static gboolean
sweep_overdue_steps (EkycStorage *storage, gint64 now, gint64 *placed, GError **error)
{
  g_autoptr(EkycCalendar) calendar = _ekyc_business_calendar (storage, error);
  g_autoptr(EkycStorageRows) rows = NULL;

  *placed = 0;
  if (calendar == NULL || (rows = query_overdue_steps (storage, now, error)) == NULL)
    return FALSE;
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      const char *contract = ekyc_storage_rows_get (rows, r, 0);
      const char *customer = ekyc_storage_rows_get (rows, r, 1);
      const char *unit = ekyc_storage_rows_get (rows, r, 2);
      gint64 step = ekyc_storage_rows_get_int (rows, r, 4, 1);
      g_autofree char *due = ekyc_calendar_format_time (calendar,
                                                        ekyc_storage_rows_get_int (rows, r, 5, 0));
      g_autofree char *message_id = overdue_message_id (ekyc_storage_rows_get (rows, r, 6), step);
      g_autofree char *subject = NULL, *message = NULL;
      EkycProcessKind kind = EKYC_PROCESS_REGISTRATION;
      gint64 changes = 0;

      if (step < 1 || step > EKYC_PROCESS_N_STEPS)
        continue;
      ekyc_process_kind_from_string (ekyc_storage_rows_get (rows, r, 3), &kind);
      /* Translators: the first %s is a contract id, the second "new registration", "renewal"
       * or "cancellation" */
      subject = g_strdup_printf (_("Contract %s: step %u of its %s is overdue"), contract,
                                 (guint) step, process_name (kind));
      message = g_strdup_printf (_("Step %u of the %s of contract %s (customer %s), “%s”, was "
                                   "due by %s (1 working day after the step before it) and is "
                                   "not recorded as done. Please complete it, or chase the one "
                                   "who has to, and record it with the operator."),
                                 (guint) step, process_name (kind), contract, customer,
                                 ekyc_process_step_title (kind, (guint) step), due);
      if (!queue_message (storage, message_id, contract, "unit", unit, "overdue-step", subject,
                          message, now, &changes, error))
        return FALSE;
      *placed += changes;
    }
  return TRUE;
}

static void
handle_renewal_notices (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gint64 notices = 0, reminders = 0;

  if (!sweep_renewal_notices (storage, ekyc_request_get_now (request), &notices, &error)
      || !sweep_overdue_steps (storage, ekyc_request_get_now (request), &reminders, &error))
    return _ekyc_business_reply_error (request, error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "placed");
  json_builder_add_int_value (b, notices + reminders);
  json_builder_set_member_name (b, "renewal_notices");
  json_builder_add_int_value (b, notices);
  json_builder_set_member_name (b, "overdue_reminders");
  json_builder_add_int_value (b, reminders);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

/* The overdue steps, each with the reminder placed for its unit (null until the sweep). */
static void
handle_overdue (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  gint64 now = ekyc_request_get_now (request);
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(EkycStorageRows) reminders = NULL;
  g_autoptr(GHashTable) reminded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;

  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL
      || (rows = query_overdue_steps (storage, now, &error)) == NULL
      || (reminders = ekyc_storage_query (storage, "SELECT id, created_at FROM outbox WHERE "
                                          "kind = 'overdue-step'", EKYC_SQL_NO_PARAMS,
                                          &error)) == NULL)
    return _ekyc_business_reply_error (request, error);
  for (guint r = 0; r < ekyc_storage_rows_get_count (reminders); r++)
    g_hash_table_insert (reminded, g_strdup (ekyc_storage_rows_get (reminders, r, 0)),
                         GINT_TO_POINTER (r + 1));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "overdue");
  json_builder_begin_array (b);
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      EkycProcessKind kind = EKYC_PROCESS_REGISTRATION;
      gint64 step = ekyc_storage_rows_get_int (rows, r, 4, 1);
      gint64 due = ekyc_storage_rows_get_int (rows, r, 5, 0);
      g_autofree char *message_id = overdue_message_id (ekyc_storage_rows_get (rows, r, 6), step);
      guint reminder_row = GPOINTER_TO_UINT (g_hash_table_lookup (reminded, message_id));

      ekyc_process_kind_from_string (ekyc_storage_rows_get (rows, r, 3), &kind);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "contract");
      json_builder_add_string_value (b, ekyc_storage_rows_get (rows, r, 0));
      json_builder_set_member_name (b, "customer");
      json_builder_add_string_value (b, ekyc_storage_rows_get (rows, r, 1));
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, ekyc_storage_rows_get (rows, r, 2));
      json_builder_set_member_name (b, "process");
      json_builder_add_string_value (b, ekyc_process_kind_to_string (kind));
      json_builder_set_member_name (b, "step");
      json_builder_add_int_value (b, step);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, ekyc_process_step_title (kind, (guint) CLAMP (step, 1, 4)));
      json_builder_set_member_name (b, "actor");
      json_builder_add_string_value (b, ekyc_process_step_actor (kind, (guint) CLAMP (step, 1, 4)));
      _ekyc_json_add_time (b, calendar, "due_at", due);
      json_builder_set_member_name (b, "overdue_seconds");
      json_builder_add_int_value (b, now - due);
      _ekyc_json_add_nullable_string (b, "reminder", reminder_row ? message_id : NULL);
      _ekyc_json_add_time (b, calendar, "reminded_at",
                           reminder_row ? ekyc_storage_rows_get_int (reminders, reminder_row - 1,
                                                                     1, 0) : 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

/* ?state=pending (not yet sent), sent or all (default), ?contract=ID. */
static void
handle_outbox (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *contract = ekyc_request_get_query (request, "contract");
  const char *state = ekyc_request_get_query (request, "state");
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const char *state_clause;

  if (state == NULL || g_str_equal (state, "all"))
    state_clause = "";
  else if (g_str_equal (state, "pending"))
    state_clause = " AND sent_at IS NULL";
  else if (g_str_equal (state, "sent"))
    state_clause = " AND sent_at IS NOT NULL";
  else
    return ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "out_of_range",
                                     _("The state must be pending, sent or all, not “%s”."),
                                     state);
  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL)
    return _ekyc_business_reply_error (request, error);
  /* Six constant texts at most: the statement cache keys on the SQL. */
  sql = g_strconcat ("SELECT id, contract_id, recipient_kind, recipient_id, kind, subject, body, "
                     "created_at, sent_at FROM outbox WHERE ",
                     contract != NULL ? "contract_id = ?" : "1 = 1", state_clause,
                     " ORDER BY created_at, id", NULL);
  rows = contract != NULL
    ? ekyc_storage_query (storage, sql, EKYC_SQL_PARAMS (contract), &error)
    : ekyc_storage_query (storage, sql, EKYC_SQL_NO_PARAMS, &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "messages");
  json_builder_begin_array (b);
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      static const char *const names[] = { "id", "contract", "recipient_kind", "recipient",
                                           "kind", "subject", "body" };

      json_builder_begin_object (b);
      for (guint c = 0; c < G_N_ELEMENTS (names); c++)
        _ekyc_json_add_nullable_string (b, names[c], ekyc_storage_rows_get (rows, r, c));
      _ekyc_json_add_time (b, calendar, "created_at", ekyc_storage_rows_get_int (rows, r, 7, 0));
      _ekyc_json_add_time (b, calendar, "sent_at", ekyc_storage_rows_get_int (rows, r, 8, 0));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

/* The operator (or the mail gateway) delivered a message: it leaves the pending list. Marking
 * it again changes nothing and answers the first time. The id goes in the body: message ids
 * hold slashes ("renewal-notice/HD-1/2026-12-31/customer"). */
static void
handle_outbox_sent (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  const char *id = NULL;
  g_autofree char *now = int_text (ekyc_request_get_now (request));
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;

  if (body == NULL || !ekyc_json_get_string (request, body, NULL, "id", TRUE, 256, &id))
    return;
  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL ||
      !ekyc_storage_exec (storage, "UPDATE outbox SET sent_at = ? WHERE id = ? AND "
                          "sent_at IS NULL", EKYC_SQL_PARAMS (now, id), NULL, &error) ||
      !(rows = ekyc_storage_query (storage, "SELECT sent_at FROM outbox WHERE id = ?",
                                   EKYC_SQL_PARAMS (id), &error)))
    return _ekyc_business_reply_error (request, error);
  if (ekyc_storage_rows_get_count (rows) == 0)
    return ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "not_found",
                                     _("No message “%s” in the outbox."), id);
  json_builder_begin_object (b);
  _ekyc_json_add_nullable_string (b, "id", id);
  _ekyc_json_add_time (b, calendar, "sent_at", ekyc_storage_rows_get_int (rows, 0, 0, 0));
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

static gboolean
sweep_timer (gpointer user_data)
{
  EkycServer *server = user_data;
  g_autoptr(GError) error = NULL;
  gint64 placed = 0;

  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!sweep_renewal_notices (ekyc_server_get_storage (server), now, &placed, &error))
    g_warning ("renewal notices: %s", error->message);
  else if (placed > 0)
    g_message ("renewal notices: %" G_GINT64_FORMAT " placed in the outbox", placed);
  g_clear_error (&error);
  if (!sweep_overdue_steps (ekyc_server_get_storage (server), now, &placed, &error))
    g_warning ("overdue steps: %s", error->message);
  else if (placed > 0)
    g_message ("overdue steps: %" G_GINT64_FORMAT " reminders placed in the outbox", placed);
  return G_SOURCE_CONTINUE;
}

void
_ekyc_business_contracts_routes (EkycServer *server)
{
  ekyc_server_add_route (server, "POST", "/v1/admin/contracts", EKYC_ROUTE_ADMIN, handle_declare,
                         NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/contracts", EKYC_ROUTE_ADMIN, handle_list,
                         NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/contracts/{id}", EKYC_ROUTE_ADMIN, handle_show,
                         NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/contracts/{id}/renew", EKYC_ROUTE_ADMIN,
                         handle_renew, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/contracts/{id}/cancel", EKYC_ROUTE_ADMIN,
                         handle_cancel, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/contracts/{id}/activate", EKYC_ROUTE_ADMIN,
                         handle_activate, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/contracts/{id}/apply", EKYC_ROUTE_ADMIN,
                         handle_apply, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/contracts/{id}/inform", EKYC_ROUTE_ADMIN,
                         handle_inform, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/overdue", EKYC_ROUTE_ADMIN, handle_overdue,
                         NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/renewal-notices", EKYC_ROUTE_ADMIN,
                         handle_renewal_notices, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/outbox", EKYC_ROUTE_ADMIN, handle_outbox,
                         NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/outbox/sent", EKYC_ROUTE_ADMIN,
                         handle_outbox_sent, NULL);
  /* The notice sweep also runs by itself, at start and hourly after (a server restarted daily
   * still sweeps); the outbox ids make it once per contract end date even with several servers
   * on one PostgreSQL. */
  sweep_timer (server);
  g_timeout_add_seconds (3600, sweep_timer, server);
}
