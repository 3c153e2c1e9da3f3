/* ekyc-server-business.h — the business module of ekyc-server: tables, routes and what its route
 * files share (units, customers, contracts and their processes, bills, commissions, tickets)
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The rules themselves live in server/business/ (plain C, tested alone); these files store their
 * state through the storage interface and expose it over HTTP. Routes under /v1/admin need the
 * operator's token; /v1/account and /v1/tickets serve enrolled devices for their own customer.
 */
#pragma once

#include "ekyc-server.h"
#include "ekyc-contract.h"
#include "ekyc-pricing.h"
#include "ekyc-working-days.h"

G_BEGIN_DECLS

void ekyc_business_register_migrations (void);
void ekyc_business_register_routes (EkycServer *server);

/* The route files' registration (ekyc_business_register_routes calls them). */
void _ekyc_business_parties_routes (EkycServer *server);
void _ekyc_business_contracts_routes (EkycServer *server);
void _ekyc_business_bills_routes (EkycServer *server);
void _ekyc_business_tickets_routes (EkycServer *server);

/* The operator's calendar: Asia/Ho_Chi_Minh with the holidays of the `holidays` table. */
EkycCalendar *_ekyc_business_calendar (EkycStorage *storage, GError **error);

/* Replies with the right status for @error: EKYC_BUSINESS_ERROR → 400/409/404 with its code,
 * a storage constraint → 409, other storage errors → 503. */
void _ekyc_business_reply_error (EkycRequest *request, const GError *error);

/* Adds "name": value, or null when @value is 0 (unset timestamps). */
void _ekyc_json_add_time (JsonBuilder *builder, EkycCalendar *calendar, const char *name,
                          gint64 value);
/* Adds "name": text or null. */
void _ekyc_json_add_nullable_string (JsonBuilder *builder, const char *name, const char *text);

/* A customer's contract in force during [@from, @to) (local dates), the latest started. */
typedef struct {
  char              *id;
  char              *customer_id;
  char              *unit_id;
  char              *unit_kind;
  char              *manager_id;
  EkycPlan           plan;
  EkycPricing        pricing;
  gint64             negotiated_monthly_vnd;
  GDate              start_date;
  GDate              end_date;
  EkycContractStatus stored_state;
} EkycBusinessContract;

void     _ekyc_business_contract_clear (EkycBusinessContract *contract);
/* Fills @contract from the row of contracts @id; FALSE with EKYC_BUSINESS_ERROR_NOT_FOUND. */
gboolean _ekyc_business_contract_load (EkycStorage *storage, const char *id,
                                       EkycBusinessContract *contract, GError **error);
/* The contract of @customer_id that covers some day of @year-@month (the latest started), or
 * FALSE with EKYC_BUSINESS_ERROR_NOT_FOUND. Cancelled contracts count until they were cancelled
 * (usage before cancellation is billed). */
gboolean _ekyc_business_contract_for_month (EkycStorage *storage, const char *customer_id,
                                            int year, int month,
                                            EkycBusinessContract *contract, GError **error);
/* The customer's current contract (not cancelled, latest started), or NULL id when none. */
gboolean _ekyc_business_contract_current (EkycStorage *storage, const char *customer_id,
                                          EkycBusinessContract *contract, gboolean *found,
                                          GError **error);

/* A month's bill for one customer. */
typedef struct {
  char          *customer_id;
  char          *contract_id;   /* NULL: no contract covers the month (amount 0) */
  EkycPlan       plan;
  int            year, month;
  gint64         period_start, period_end;
  guint64        requests;
  EkycPriceQuote quote;
} EkycBill;

void     _ekyc_bill_clear (EkycBill *bill);
/* Counts the customer's billable requests (decisions, once each) decided in the month, local
 * time, and prices them by the contract of the month. */
gboolean _ekyc_bill_compute (EkycStorage *storage, EkycCalendar *calendar,
                             const char *customer_id, int year, int month, EkycBill *bill,
                             GError **error);
/* Adds the bill's members to the object being built. */
void     _ekyc_bill_to_json (const EkycBill *bill, EkycCalendar *calendar, JsonBuilder *builder);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EkycBusinessContract, _ekyc_business_contract_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EkycBill, _ekyc_bill_clear)

G_END_DECLS
