/* ekyc-server-routes-tickets.c — support tickets: branches open and follow theirs, the call
 * centre handles them (received → in progress with a call-back time → resolved, customer
 * notified → closed, or reopened)
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Device routes see only their customer's tickets and may close or reopen (the customer's
 * review); the operator's routes may do everything. Every change is kept in ticket_events.
 */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ekyc-business-error.h"
#include "ekyc-server-business.h"
#include "ekyc-server-json.h"
#include "ekyc-ticket.h"

#define TICKET_COLUMNS \
  "id, customer_id, device_id, branch, category, subject, description, state, received_at, " \
  "callback_at, resolved_at, notified_at, closed_at, reopen_count, answer"

static char *
int_text (gint64 value)
{
  return value != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;
}

static void
ticket_from_row (EkycStorageRows *rows, guint r, EkycTicket *ticket)
{
  memset (ticket, 0, sizeof *ticket);
  ekyc_ticket_category_from_string (ekyc_storage_rows_get (rows, r, 4), &ticket->category, NULL);
  ekyc_ticket_state_from_string (ekyc_storage_rows_get (rows, r, 7), &ticket->state);
  ticket->received_at = ekyc_storage_rows_get_int (rows, r, 8, 0);
  ticket->callback_at = ekyc_storage_rows_get_int (rows, r, 9, 0);
  ticket->resolved_at = ekyc_storage_rows_get_int (rows, r, 10, 0);
  ticket->notified_at = ekyc_storage_rows_get_int (rows, r, 11, 0);
  ticket->closed_at = ekyc_storage_rows_get_int (rows, r, 12, 0);
  ticket->reopen_count = (guint) ekyc_storage_rows_get_int (rows, r, 13, 0);
}

static void
add_ticket_json (JsonBuilder *b, EkycCalendar *calendar, EkycStorageRows *rows, guint r)
{
  EkycTicket ticket;

  ticket_from_row (rows, r, &ticket);
  json_builder_begin_object (b);
  _ekyc_json_add_nullable_string (b, "id", ekyc_storage_rows_get (rows, r, 0));
  _ekyc_json_add_nullable_string (b, "customer", ekyc_storage_rows_get (rows, r, 1));
  _ekyc_json_add_nullable_string (b, "device", ekyc_storage_rows_get (rows, r, 2));
  _ekyc_json_add_nullable_string (b, "branch", ekyc_storage_rows_get (rows, r, 3));
  json_builder_set_member_name (b, "category");
  json_builder_add_string_value (b, ekyc_ticket_category_to_string (ticket.category));
  json_builder_set_member_name (b, "hotline");
  json_builder_add_string_value (b, ekyc_ticket_category_hotline (ticket.category));
  _ekyc_json_add_nullable_string (b, "subject", ekyc_storage_rows_get (rows, r, 5));
  _ekyc_json_add_nullable_string (b, "description", ekyc_storage_rows_get (rows, r, 6));
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, ekyc_ticket_state_to_string (ticket.state));
  json_builder_set_member_name (b, "state_text");
  json_builder_add_string_value (b, ekyc_ticket_state_describe (ticket.state));
  _ekyc_json_add_time (b, calendar, "received_at", ticket.received_at);
  _ekyc_json_add_time (b, calendar, "callback_at", ticket.callback_at);
  _ekyc_json_add_time (b, calendar, "resolved_at", ticket.resolved_at);
  _ekyc_json_add_time (b, calendar, "notified_at", ticket.notified_at);
  _ekyc_json_add_time (b, calendar, "closed_at", ticket.closed_at);
  json_builder_set_member_name (b, "reopen_count");
  json_builder_add_int_value (b, ticket.reopen_count);
  _ekyc_json_add_nullable_string (b, "answer", ekyc_storage_rows_get (rows, r, 14));
  json_builder_end_object (b);
}

/* Replies with ticket @id; when @customer is given, another customer's ticket is not found. */
static void
reply_ticket (EkycRequest *request, const char *id, const char *customer, guint status)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(EkycStorageRows) events = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL)
    return _ekyc_business_reply_error (request, error);
  rows = ekyc_storage_query (storage, "SELECT " TICKET_COLUMNS " FROM tickets WHERE id = ?",
                             EKYC_SQL_PARAMS (id), &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  if (ekyc_storage_rows_get_count (rows) == 0
      || (customer != NULL && g_strcmp0 (ekyc_storage_rows_get (rows, 0, 1), customer) != 0))
    return ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "not_found",
                                     _("There is no ticket “%s”."), id);
  events = ekyc_storage_query (storage, "SELECT at, action, actor, note FROM ticket_events "
                               "WHERE ticket_id = ? ORDER BY at, action", EKYC_SQL_PARAMS (id),
                               &error);
  if (events == NULL)
    return _ekyc_business_reply_error (request, error);
  add_ticket_json (b, calendar, rows, 0);
  node = json_builder_get_root (b);
  json_builder_reset (b);
  json_builder_begin_array (b);
  for (guint r = 0; r < ekyc_storage_rows_get_count (events); r++)
    {
      json_builder_begin_object (b);
      _ekyc_json_add_time (b, calendar, "at", ekyc_storage_rows_get_int (events, r, 0, 0));
      _ekyc_json_add_nullable_string (b, "action", ekyc_storage_rows_get (events, r, 1));
      _ekyc_json_add_nullable_string (b, "actor", ekyc_storage_rows_get (events, r, 2));
      _ekyc_json_add_nullable_string (b, "note", ekyc_storage_rows_get (events, r, 3));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_object_set_member (json_node_get_object (node), "events", json_builder_get_root (b));
  ekyc_request_reply_json (request, status, node);
}

static gboolean
add_event (EkycStorage *storage, const char *id, gint64 at, const char *action,
           const char *actor, const char *note, GError **error)
{
  g_autofree char *at_text = int_text (at);

  return ekyc_storage_exec (storage, "INSERT INTO ticket_events (ticket_id, at, action, actor, "
                            "note) VALUES (?, ?, ?, ?, ?)",
                            EKYC_SQL_PARAMS (id, at_text, action, actor, note), NULL, error);
}

static void
open_ticket (EkycRequest *request, const char *customer, const char *device, const char *actor)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(EkycStorageRows) known = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now_text = NULL;
  const char *category_text = NULL, *subject = NULL, *description = "", *branch = NULL;
  EkycTicketCategory category;
  EkycTicket ticket;

  if (body == NULL
      || (customer == NULL
          && !ekyc_json_get_string (request, body, NULL, "customer", TRUE, 64, &customer))
      || !ekyc_json_get_string (request, body, NULL, "category", TRUE, 32, &category_text)
      || !ekyc_json_get_string (request, body, NULL, "subject", TRUE, 200, &subject)
      || !ekyc_json_get_string (request, body, NULL, "description", FALSE, 4000, &description)
      || !ekyc_json_get_string (request, body, NULL, "branch", FALSE, 200, &branch))
    return;
  if (!ekyc_ticket_category_from_string (category_text, &category, &error))
    return _ekyc_business_reply_error (request, error);
  if (*subject == '\0')
    return ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                     _("A ticket needs a subject: say in a few words what the "
                                       "request is about."));
  known = ekyc_storage_query (storage, "SELECT 1 FROM customers WHERE id = ?",
                             EKYC_SQL_PARAMS (customer), &error);
  if (known == NULL)
    return _ekyc_business_reply_error (request, error);
  if (ekyc_storage_rows_get_count (known) == 0)
    return ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "not_found",
                                     _("There is no customer “%s”."), customer);
  ekyc_ticket_receive (&ticket, category, ekyc_request_get_now (request));
  now_text = int_text (ticket.received_at);
  if (!ekyc_storage_begin (storage, &error)
      || !ekyc_storage_exec (storage, "INSERT INTO tickets (id, customer_id, device_id, branch, "
                             "category, subject, description, state, received_at) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             EKYC_SQL_PARAMS (id, customer, device, branch,
                                              ekyc_ticket_category_to_string (category), subject,
                                              description, ekyc_ticket_state_to_string (ticket.state),
                                              now_text), NULL, &error)
      || !add_event (storage, id, ticket.received_at, "receive", actor, NULL, &error)
      || !ekyc_storage_commit (storage, &error))
    {
      ekyc_storage_rollback (storage);
      return _ekyc_business_reply_error (request, error);
    }
  reply_ticket (request, id, NULL, SOUP_STATUS_CREATED);
}

/* Applies @action_text to ticket @id (of @customer when given), as @actor. */
static void
act_on_ticket (EkycRequest *request, const char *id, const char *customer,
               const char *action_text, const char *actor)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *callback_text = NULL, *resolved = NULL, *notified = NULL, *closed = NULL;
  g_autofree char *reopens = NULL;
  const char *callback_iso = NULL, *answer = NULL, *note = NULL, *old_state;
  gint64 callback_at = 0, changes = 0, now = ekyc_request_get_now (request);
  EkycTicketAction action;
  EkycTicket ticket;

  if (body == NULL
      || !ekyc_json_get_string (request, body, NULL, "callback_at", FALSE, 64, &callback_iso)
      || !ekyc_json_get_string (request, body, NULL, "answer", FALSE, 4000, &answer)
      || !ekyc_json_get_string (request, body, NULL, "note", FALSE, 4000, &note))
    return;
  if (!ekyc_ticket_action_from_string (action_text, &action, &error))
    return ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "%s",
                                     error->message);
  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL
      || (callback_iso != NULL
          && !ekyc_calendar_parse_time (calendar, callback_iso, &callback_at, &error)))
    return _ekyc_business_reply_error (request, error);
  rows = ekyc_storage_query (storage, "SELECT " TICKET_COLUMNS " FROM tickets WHERE id = ?",
                             EKYC_SQL_PARAMS (id), &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  if (ekyc_storage_rows_get_count (rows) == 0
      || (customer != NULL && g_strcmp0 (ekyc_storage_rows_get (rows, 0, 1), customer) != 0))
    return ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "not_found",
                                     _("There is no ticket “%s”."), id);
  ticket_from_row (rows, 0, &ticket);
  old_state = ekyc_storage_rows_get (rows, 0, 7);
  if (!ekyc_ticket_apply (&ticket, action, now, callback_at, &error))
    return _ekyc_business_reply_error (request, error);

  callback_text = int_text (ticket.callback_at);
  resolved = int_text (ticket.resolved_at);
  notified = int_text (ticket.notified_at);
  closed = int_text (ticket.closed_at);
  reopens = g_strdup_printf ("%u", ticket.reopen_count);
  if (!ekyc_storage_begin (storage, &error)
      /* The state in the WHERE clause refuses a concurrent change made since the read. */
      || !ekyc_storage_exec (storage, "UPDATE tickets SET state = ?, callback_at = ?, "
                             "resolved_at = ?, notified_at = ?, closed_at = ?, reopen_count = ?, "
                             "answer = COALESCE(?, answer) WHERE id = ? AND state = ?",
                             EKYC_SQL_PARAMS (ekyc_ticket_state_to_string (ticket.state),
                                              callback_text, resolved, notified, closed, reopens,
                                              answer, id, old_state), &changes, &error)
      || (changes == 1
          && !add_event (storage, id, now, action_text, actor, note != NULL ? note : answer,
                         &error))
      || !ekyc_storage_commit (storage, &error))
    {
      ekyc_storage_rollback (storage);
      return _ekyc_business_reply_error (request, error);
    }
  if (changes != 1)
    return ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "invalid_transition",
                                     _("The ticket changed meanwhile; reload it and try again."));
  reply_ticket (request, id, customer, SOUP_STATUS_OK);
}

static void
list_tickets (EkycRequest *request, const char *customer)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *state = ekyc_request_get_query (request, "state");
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;

  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL)
    return _ekyc_business_reply_error (request, error);
  /* Four constant statements rather than "? IS NULL OR …", whose parameter type PostgreSQL
   * cannot infer. */
  if (customer != NULL && state != NULL)
    rows = ekyc_storage_query (storage, "SELECT " TICKET_COLUMNS " FROM tickets WHERE "
                               "customer_id = ? AND state = ? ORDER BY received_at, id",
                               EKYC_SQL_PARAMS (customer, state), &error);
  else if (customer != NULL)
    rows = ekyc_storage_query (storage, "SELECT " TICKET_COLUMNS " FROM tickets WHERE "
                               "customer_id = ? ORDER BY received_at, id",
                               EKYC_SQL_PARAMS (customer), &error);
  else if (state != NULL)
    rows = ekyc_storage_query (storage, "SELECT " TICKET_COLUMNS " FROM tickets WHERE "
                               "state = ? ORDER BY received_at, id", EKYC_SQL_PARAMS (state),
                               &error);
  else
    rows = ekyc_storage_query (storage, "SELECT " TICKET_COLUMNS " FROM tickets "
                               "ORDER BY received_at, id", EKYC_SQL_NO_PARAMS, &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tickets");
  json_builder_begin_array (b);
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    add_ticket_json (b, calendar, rows, r);
  json_builder_end_array (b);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

/* --- device routes --- */

static void
handle_device_open (EkycRequest *request, gpointer user_data)
{
  g_autofree char *actor = g_strdup_printf ("device:%s", ekyc_request_get_device_id (request));

  open_ticket (request, ekyc_request_get_customer_id (request),
               ekyc_request_get_device_id (request), actor);
}

static void
handle_device_list (EkycRequest *request, gpointer user_data)
{
  list_tickets (request, ekyc_request_get_customer_id (request));
}

static void
handle_device_show (EkycRequest *request, gpointer user_data)
{
  reply_ticket (request, ekyc_request_get_param (request, "id"),
                ekyc_request_get_customer_id (request), SOUP_STATUS_OK);
}

static void
handle_device_review (EkycRequest *request, gpointer user_data)
{
  const char *action = user_data;
  g_autofree char *actor = g_strdup_printf ("device:%s", ekyc_request_get_device_id (request));

  act_on_ticket (request, ekyc_request_get_param (request, "id"),
                 ekyc_request_get_customer_id (request), action, actor);
}

/* --- operator routes --- */

static void
handle_admin_open (EkycRequest *request, gpointer user_data)
{
  open_ticket (request, NULL, NULL, "operator");
}

static void
handle_admin_list (EkycRequest *request, gpointer user_data)
{
  list_tickets (request, ekyc_request_get_query (request, "customer"));
}

static void
handle_admin_show (EkycRequest *request, gpointer user_data)
{
  reply_ticket (request, ekyc_request_get_param (request, "id"), NULL, SOUP_STATUS_OK);
}

static void
handle_admin_act (EkycRequest *request, gpointer user_data)
{
  act_on_ticket (request, ekyc_request_get_param (request, "id"), NULL,
                 ekyc_request_get_param (request, "action"), "operator");
}

void
_ekyc_business_tickets_routes (EkycServer *server)
{
  ekyc_server_add_route (server, "POST", "/v1/tickets", EKYC_ROUTE_DEVICE, handle_device_open,
                         NULL);
  ekyc_server_add_route (server, "GET", "/v1/tickets", EKYC_ROUTE_DEVICE, handle_device_list,
                         NULL);
  ekyc_server_add_route (server, "GET", "/v1/tickets/{id}", EKYC_ROUTE_DEVICE,
                         handle_device_show, NULL);
  ekyc_server_add_route (server, "POST", "/v1/tickets/{id}/close", EKYC_ROUTE_DEVICE,
                         handle_device_review, (gpointer) "close");
  ekyc_server_add_route (server, "POST", "/v1/tickets/{id}/reopen", EKYC_ROUTE_DEVICE,
                         handle_device_review, (gpointer) "reopen");
  ekyc_server_add_route (server, "POST", "/v1/admin/tickets", EKYC_ROUTE_ADMIN,
                         handle_admin_open, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/tickets", EKYC_ROUTE_ADMIN,
                         handle_admin_list, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/tickets/{id}", EKYC_ROUTE_ADMIN,
                         handle_admin_show, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/tickets/{id}/{action}", EKYC_ROUTE_ADMIN,
                         handle_admin_act, NULL);
}
