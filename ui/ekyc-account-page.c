/* ekyc-account-page.c — the branch's account with the operator: contract, this month's requests
 * and bill, support tickets, hotlines (cached for offline use)
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ekyc-account-page.h"

struct _EkycAccountPage
{
  GtkWidget        parent_instance;

  EkycSyncService *service;
  GCancellable    *cancellable;
  gboolean         busy;
  char            *error;

  GtkWidget       *scroller;
  GtkLabel        *warning_label;
  AdwActionRow    *status_row;
  AdwActionRow    *end_row;
  AdwActionRow    *requests_row;
  AdwActionRow    *bill_row;
  GtkLabel        *requests_label;
  GtkLabel        *bill_label;
  GtkListBox      *tickets_list;
  GtkWidget       *ticket_form;
  AdwComboRow     *category_row;
  AdwEntryRow     *subject_row;
  AdwEntryRow     *description_row;
  AdwActionRow    *send_row;
  GtkWidget       *send_button;
  GtkWidget       *new_ticket_button;
  GtkLabel        *as_of_label;
  GtkWidget       *refresh_button;
  guint            n_tickets;
  guint            n_to_confirm;
  guint            periodic_id;   /* while the page is shown */
  guint            after_sync_id; /* a refresh soon after a sync */
};

/* While the page is shown it is fetched again this often, and shortly after every sync. */
#define REFRESH_SECONDS    300
#define AFTER_SYNC_SECONDS 1

G_DEFINE_FINAL_TYPE (EkycAccountPage, ekyc_account_page, GTK_TYPE_WIDGET)

static const char *const categories[] = { "consulting", "technical", "complaint" };

static const char *
status_label (const char *status)
{
  static const struct { const char *status; const char *label; } labels[] = {
    { "active", N_("Active") },
    { "expiring", N_("Active, ending within a month") },
    { "expired", N_("Expired") },
    { "cancelled", N_("Cancelled") },
    { "declared", N_("Signed, not active yet") },
    { "none", N_("No contract") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (status, labels[i].status) == 0)
      return _(labels[i].label);
  return _("Not known yet");
}

static const char *
ticket_state_label (const char *state)
{
  static const struct { const char *state; const char *label; } labels[] = {
    { "received", N_("Received") },
    { "in-progress", N_("In progress") },
    { "resolved", N_("Resolved: please confirm") },
    { "closed", N_("Closed") },
    { "reopened", N_("Reopened") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (state, labels[i].state) == 0)
      return _(labels[i].label);
  return state ? state : "";
}

static const char *
category_label (const char *category)
{
  if (g_strcmp0 (category, "consulting") == 0)
    return _("Product consulting");
  if (g_strcmp0 (category, "technical") == 0)
    return _("Technical support");
  return _("Complaint");
}

/* "2026-12-31" → "31/12/2026" */
static char *
format_date (const char *iso_date)
{
  g_autoptr(GDate) date = g_date_new ();

  if (iso_date == NULL)
    return g_strdup ("—");
  g_date_set_parse (date, iso_date);
  if (!g_date_valid (date) || strlen (iso_date) != 10)
    return g_strdup (iso_date);
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

static char *
format_time (const char *iso_time)
{
  g_autoptr(GDateTime) parsed = iso_time ? g_date_time_new_from_iso8601 (iso_time, NULL) : NULL;
  g_autoptr(GDateTime) local = parsed ? g_date_time_to_local (parsed) : NULL;

  return local ? g_date_time_format (local, "%d/%m/%Y %H:%M") : g_strdup ("");
}

/* Money as the brief writes it: 10.800.000 VND. */
static char *
format_vnd (gint64 amount)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (amount));
  g_autoptr(GString) out = g_string_new (amount < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, " VND");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
show_warning (EkycAccountPage *self, JsonObject *contract, const char *end_date)
{
  const char *status = contract ? json_object_get_string_member_with_default (contract, "status",
                                                                              NULL) : NULL;
  gboolean notice = contract && json_object_get_boolean_member_with_default (contract,
                                                                             "renewal_notice",
                                                                             FALSE);
  g_autofree char *end = format_date (end_date);
  g_autofree char *text = NULL;
  g_autoptr(GError) blocked = NULL;

  if (self->service != NULL
      && !ekyc_sync_service_check_new_verification (self->service, &blocked))
    text = g_strdup (blocked->message);
  else if (notice || g_strcmp0 (status, "expiring") == 0)
    text = g_strdup_printf (_("The contract ends on %s. To renew it in time, call product "
                              "consulting: 0936 110 116."), end);
  gtk_label_set_label (self->warning_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), text != NULL);
}

static void review_clicked (GtkButton *button, EkycAccountPage *self);

/* A resolved ticket waits for the branch's word: satisfied (closed) or not (reopened). */
static void
add_review_buttons (EkycAccountPage *self, GtkWidget *row, const char *id)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *yes = gtk_button_new_with_mnemonic (_("_Satisfied"));
  GtkWidget *no = gtk_button_new_with_mnemonic (_("_Not Satisfied"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (yes, _("The answer solved the problem: close the ticket"));
  gtk_widget_set_tooltip_text (no, _("The problem is not solved: reopen the ticket"));
  gtk_widget_add_css_class (yes, "suggested-action");
  g_object_set_data_full (G_OBJECT (yes), "ticket-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (no), "ticket-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (yes), "satisfied", GINT_TO_POINTER (TRUE));
  g_signal_connect (yes, "clicked", G_CALLBACK (review_clicked), self);
  g_signal_connect (no, "clicked", G_CALLBACK (review_clicked), self);
  gtk_box_append (GTK_BOX (box), yes);
  gtk_box_append (GTK_BOX (box), no);
  gtk_widget_set_sensitive (box, !self->busy);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
}

static GtkWidget *
ticket_row (EkycAccountPage *self, JsonObject *ticket)
{
  GtkWidget *row = adw_action_row_new ();
  const char *state = json_object_get_string_member_with_default (ticket, "state", NULL);
  const char *hotline = json_object_get_string_member_with_default (ticket, "hotline", NULL);
  const char *id = json_object_get_string_member_with_default (ticket, "id", NULL);
  g_autofree char *received = format_time (json_object_get_string_member_with_default (
    ticket, "received_at", NULL));
  g_autofree char *callback = format_time (json_object_get_string_member_with_default (
    ticket, "callback_at", NULL));
  const char *answer = json_object_get_string_member_with_default (ticket, "answer", NULL);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 json_object_get_string_member_with_default (ticket, "subject",
                                                                             ""));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: a ticket's category, state and when it was received */
  g_string_printf (subtitle, _("%s · %s · received %s"),
                   category_label (json_object_get_string_member_with_default (ticket,
                                                                               "category", NULL)),
                   ticket_state_label (json_object_get_string_member_with_default (ticket,
                                                                                   "state", NULL)),
                   received);
  if (*callback != '\0')
    g_string_append_printf (subtitle, _(" · call-back by %s"), callback);
  if (hotline != NULL && g_strcmp0 (state, "closed") != 0)
    /* Translators: the hotline of the ticket's category */
    g_string_append_printf (subtitle, _(" · hotline %s"), hotline);
  if (answer != NULL && *answer != '\0')
    g_string_append_printf (subtitle, "\n%s", answer);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  if (g_strcmp0 (state, "resolved") == 0 && id != NULL)
    {
      add_review_buttons (self, row, id);
      self->n_to_confirm++;
    }
  return row;
}

static void
show_tickets (EkycAccountPage *self, JsonArray *tickets)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tickets_list))) != NULL)
    gtk_list_box_remove (self->tickets_list, child);
  self->n_tickets = tickets ? json_array_get_length (tickets) : 0;
  self->n_to_confirm = 0;
  for (guint i = 0; i < self->n_tickets; i++)
    {
      JsonNode *node = json_array_get_element (tickets, i);
      if (JSON_NODE_HOLDS_OBJECT (node))
        gtk_list_box_append (self->tickets_list, ticket_row (self, json_node_get_object (node)));
    }
  if (self->n_tickets == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No ticket yet"));
      gtk_list_box_append (self->tickets_list, row);
    }
}

/* Shows the cached account (or nothing yet), its age and the last error. */
static void
update (EkycAccountPage *self)
{
  JsonObject *account = self->service ? ekyc_sync_service_get_account (self->service) : NULL;
  JsonObject *contract = account && json_object_has_member (account, "contract")
                         ? json_object_get_object_member (account, "contract") : NULL;
  JsonObject *month = account && json_object_has_member (account, "this_month")
                      ? json_object_get_object_member (account, "this_month") : NULL;
  gint64 at = self->service ? ekyc_sync_service_get_account_time (self->service) : 0;
  const char *end_date = account ? json_object_get_string_member_with_default (account,
                                                                               "end_date", NULL)
                                 : NULL;
  g_autofree char *end = format_date (end_date);
  g_autofree char *requests = NULL;
  g_autofree char *bill = NULL;
  g_autofree char *as_of = NULL;

  adw_action_row_set_subtitle (self->status_row, status_label (
    contract ? json_object_get_string_member_with_default (contract, "status", NULL)
             : self->service ? ekyc_sync_service_get_contract_status (self->service) : NULL));
  adw_action_row_set_subtitle (self->end_row, end);
  requests = month ? g_strdup_printf ("%" G_GINT64_FORMAT,
                                      json_object_get_int_member_with_default (month, "requests",
                                                                               0))
                   : g_strdup ("—");
  bill = month ? format_vnd (json_object_get_int_member_with_default (month, "amount_vnd", 0))
               : g_strdup ("—");
  gtk_label_set_label (self->requests_label, requests);
  gtk_label_set_label (self->bill_label, bill);
  show_warning (self, contract, end_date);
  show_tickets (self, self->service ? ekyc_sync_service_get_tickets (self->service) : NULL);

  if (self->service == NULL)
    as_of = g_strdup (_("There is no case store, so there is no account."));
  else if (at > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (at);
      g_autofree char *text = g_date_time_format (when, "%d/%m/%Y %H:%M");
      /* Translators: %s is the date and time the account was fetched */
      as_of = g_strdup_printf (_("As of %s."), text);
    }
  else
    as_of = g_strdup (_("Not fetched from the server yet."));
  if (self->busy)
    {
      char *more = g_strconcat (as_of, " ", _("Refreshing…"), NULL);
      g_free (as_of);
      as_of = more;
    }
  else if (self->error != NULL)
    {
      char *more = g_strconcat (as_of, " ", self->error, NULL);
      g_free (as_of);
      as_of = more;
    }
  gtk_label_set_label (self->as_of_label, as_of);
  gtk_widget_set_sensitive (self->refresh_button, self->service != NULL && !self->busy);
  gtk_widget_set_sensitive (self->send_button, self->service != NULL && !self->busy);
}

static void
set_error (EkycAccountPage *self, const char *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
}

static void
refresh_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycAccountPage) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == ekyc_sync_service_open_ticket_async)
    ok = ekyc_sync_service_open_ticket_finish (EKYC_SYNC_SERVICE (source), result, &error);
  else if (g_task_get_source_tag (G_TASK (result)) == ekyc_sync_service_review_ticket_async)
    ok = ekyc_sync_service_review_ticket_finish (EKYC_SYNC_SERVICE (source), result, &error);
  else
    ok = ekyc_sync_service_refresh_account_finish (EKYC_SYNC_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  set_error (self, ok ? NULL : error->message);
  if (ok && g_task_get_source_tag (G_TASK (result)) == ekyc_sync_service_open_ticket_async)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->subject_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->description_row), "");
      gtk_widget_set_visible (self->ticket_form, FALSE);
    }
  update (self);
}

void
ekyc_account_page_refresh (EkycAccountPage *self)
{
  g_return_if_fail (EKYC_IS_ACCOUNT_PAGE (self));

  if (self->service == NULL || self->busy)
    return;
  self->busy = TRUE;
  update (self);
  ekyc_sync_service_refresh_account_async (self->service, self->cancellable, refresh_done,
                                           g_object_ref (self));
}

void
ekyc_account_page_open_ticket (EkycAccountPage *self, const char *category,
                               const char *subject, const char *description)
{
  g_return_if_fail (EKYC_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (category != NULL);

  if (self->service == NULL || self->busy)
    return;
  self->busy = TRUE;
  update (self);
  ekyc_sync_service_open_ticket_async (self->service, category, subject, description,
                                       self->cancellable, refresh_done, g_object_ref (self));
}

void
ekyc_account_page_review_ticket (EkycAccountPage *self, const char *ticket_id,
                                 gboolean satisfied)
{
  g_autofree char *id = NULL;

  g_return_if_fail (EKYC_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (ticket_id != NULL);

  if (self->service == NULL || self->busy)
    return;
  id = g_strdup (ticket_id);  /* the button holding it goes with the rows update() rebuilds */
  self->busy = TRUE;
  update (self);
  ekyc_sync_service_review_ticket_async (self->service, id, satisfied, NULL,
                                         self->cancellable, refresh_done, g_object_ref (self));
}

static void
review_clicked (GtkButton *button, EkycAccountPage *self)
{
  ekyc_account_page_review_ticket (self, g_object_get_data (G_OBJECT (button), "ticket-id"),
                                   GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                       "satisfied")));
}

static gboolean
periodic_refresh (gpointer data)
{
  ekyc_account_page_refresh (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
refresh_after_sync (gpointer data)
{
  EkycAccountPage *self = data;

  self->after_sync_id = 0;
  ekyc_account_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* A sync went through: the month's requests, the bill and the contract may have moved. A burst
 * of batches makes one refresh. */
static void
synced (EkycAccountPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->after_sync_id != 0)
    return;
  self->after_sync_id = g_timeout_add_seconds (AFTER_SYNC_SECONDS, refresh_after_sync, self);
}

static void
ekyc_account_page_map (GtkWidget *widget)
{
  EkycAccountPage *self = EKYC_ACCOUNT_PAGE (widget);
  gint64 age;

  GTK_WIDGET_CLASS (ekyc_account_page_parent_class)->map (widget);
  if (self->periodic_id == 0)
    self->periodic_id = g_timeout_add_seconds (REFRESH_SECONDS, periodic_refresh, self);
  age = self->service ? g_get_real_time () / G_USEC_PER_SEC
                        - ekyc_sync_service_get_account_time (self->service) : 0;
  if (age >= REFRESH_SECONDS)
    ekyc_account_page_refresh (self);
}

static void
ekyc_account_page_unmap (GtkWidget *widget)
{
  EkycAccountPage *self = EKYC_ACCOUNT_PAGE (widget);

  g_clear_handle_id (&self->periodic_id, g_source_remove);
  g_clear_handle_id (&self->after_sync_id, g_source_remove);
  GTK_WIDGET_CLASS (ekyc_account_page_parent_class)->unmap (widget);
}

static void
refresh_clicked (EkycAccountPage *self)
{
  ekyc_account_page_refresh (self);
}

static void
new_ticket_clicked (EkycAccountPage *self)
{
  gtk_widget_set_visible (self->ticket_form, !gtk_widget_get_visible (self->ticket_form));
  if (gtk_widget_get_visible (self->ticket_form))
    gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

static void
send_clicked (EkycAccountPage *self)
{
  guint category = adw_combo_row_get_selected (self->category_row);

  ekyc_account_page_open_ticket (self, categories[MIN (category, G_N_ELEMENTS (categories) - 1)],
                                 gtk_editable_get_text (GTK_EDITABLE (self->subject_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
}

void
ekyc_account_page_set_service (EkycAccountPage *self, EkycSyncService *service)
{
  g_return_if_fail (EKYC_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (service == NULL || EKYC_IS_SYNC_SERVICE (service));

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  if (service != NULL)
    {
      g_signal_connect_object (service, "notify::contract-status", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (service, "notify::last-sync", G_CALLBACK (synced), self,
                               G_CONNECT_SWAPPED);
    }
  update (self);
}

gboolean
ekyc_account_page_get_busy (EkycAccountPage *self)
{
  g_return_val_if_fail (EKYC_IS_ACCOUNT_PAGE (self), FALSE);
  return self->busy;
}

const char *
ekyc_account_page_get_status_text (EkycAccountPage *self)
{
  g_return_val_if_fail (EKYC_IS_ACCOUNT_PAGE (self), NULL);
  return adw_action_row_get_subtitle (self->status_row);
}

const char *
ekyc_account_page_get_requests_text (EkycAccountPage *self)
{
  g_return_val_if_fail (EKYC_IS_ACCOUNT_PAGE (self), NULL);
  return gtk_label_get_label (self->requests_label);
}

const char *
ekyc_account_page_get_bill_text (EkycAccountPage *self)
{
  g_return_val_if_fail (EKYC_IS_ACCOUNT_PAGE (self), NULL);
  return gtk_label_get_label (self->bill_label);
}

const char *
ekyc_account_page_get_as_of_text (EkycAccountPage *self)
{
  g_return_val_if_fail (EKYC_IS_ACCOUNT_PAGE (self), NULL);
  return gtk_label_get_label (self->as_of_label);
}

const char *
ekyc_account_page_get_warning_text (EkycAccountPage *self)
{
  g_return_val_if_fail (EKYC_IS_ACCOUNT_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->warning_label))
         ? gtk_label_get_label (self->warning_label) : NULL;
}

guint
ekyc_account_page_get_n_tickets (EkycAccountPage *self)
{
  g_return_val_if_fail (EKYC_IS_ACCOUNT_PAGE (self), 0);
  return self->n_tickets;
}

guint
ekyc_account_page_get_n_to_confirm (EkycAccountPage *self)
{
  g_return_val_if_fail (EKYC_IS_ACCOUNT_PAGE (self), 0);
  return self->n_to_confirm;
}

static void
ekyc_account_page_dispose (GObject *object)
{
  EkycAccountPage *self = EKYC_ACCOUNT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  g_clear_handle_id (&self->after_sync_id, g_source_remove);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_ACCOUNT_PAGE);
  G_OBJECT_CLASS (ekyc_account_page_parent_class)->dispose (object);
}

static void
ekyc_account_page_finalize (GObject *object)
{
  g_free (EKYC_ACCOUNT_PAGE (object)->error);
  G_OBJECT_CLASS (ekyc_account_page_parent_class)->finalize (object);
}

static void
ekyc_account_page_class_init (EkycAccountPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ekyc_account_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = ekyc_account_page_finalize;
  widget_class->map = ekyc_account_page_map;
  widget_class->unmap = ekyc_account_page_unmap;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/ekyc/Ekyc/ekyc-account-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, warning_label);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, end_row);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, requests_row);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, bill_row);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, tickets_list);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, ticket_form);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, category_row);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, send_row);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, new_ticket_button);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, EkycAccountPage, refresh_button);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked);
  gtk_widget_class_bind_template_callback (widget_class, new_ticket_clicked);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked);
}

/* The figures sit at the end of their rows, large enough to read across the counter. */
static GtkWidget *
add_value_label (AdwActionRow *row)
{
  GtkWidget *label = gtk_label_new ("—");

  gtk_widget_add_css_class (label, "title-3");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (row, label);
  return label;
}

static void
ekyc_account_page_init (EkycAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->requests_label = GTK_LABEL (add_value_label (self->requests_row));
  self->bill_label = GTK_LABEL (add_value_label (self->bill_row));
  update (self);
}
