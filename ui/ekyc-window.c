/* ekyc-window.c — the main window: sign-in, the verification flow, cases, review
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-account-page.h"
#include "ekyc-case-list-page.h"
#include "ekyc-chip-panel.h"
#include "ekyc-image-texture.h"
#include "ekyc-review-page.h"
#include "ekyc-sign-in-page.h"
#include "ekyc-sync-indicator.h"
#include "ekyc-application-private.h"
#include "ekyc-scan-import.h"
#include "ekyc-window-private.h"

struct _EkycWindow
{
  AdwApplicationWindow parent_instance;

  EkycApplication   *app;
  EkycVerification  *verification;
  EkycWindowCapture *capture;
  GCancellable      *cancellable;       /* the verification's work; restarting cancels it */
  GCancellable      *store_cancellable; /* store calls; cancelled when the window goes */
  GCancellable      *query_cancellable; /* the case list's last search: a newer one wins */
  GCancellable      *load_cancellable;  /* the review case opening: a newer choice wins */
  guint              n_store_calls;     /* store calls in flight */
  gboolean           locked_by_hand;    /* win.lock (Ctrl+L) locked the session, not the timer */

  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *main_stack;
  AdwViewStack      *view_stack;
  GtkStack          *flow_stack;
  GtkLabel          *user_label;
  EkycSignInPage    *sign_in_page;
  EkycCapturePage   *front_page;
  EkycCapturePage   *back_page;
  EkycCapturePage   *selfie_page;
  EkycResultPage    *result_page;
  EkycChipPanel     *chip_panel;
  GtkStack          *cases_stack;
  EkycCaseListPage  *case_list_page;
  EkycCaseDetailPage *case_detail_page;
  EkycWindowCases   *cases;
  EkycReviewPage    *review_page;
  AdwViewStackPage  *review_stack_page;
  EkycAccountPage   *account_page;
  EkycSyncIndicator *sync_indicator;
  guint              sync_refresh_id;
  GPtrArray         *toasts;            /* shown or queued, until dismissed */
};

G_DEFINE_FINAL_TYPE (EkycWindow, ekyc_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *const step_names[] = { "front", "back", "selfie", "result" };

static EkycCapturePage *
capture_page (EkycWindow *self, guint step)
{
  EkycCapturePage *pages[] = { self->front_page, self->back_page, self->selfie_page };

  g_assert (step <= EKYC_STEP_SELFIE);
  return pages[step];
}

static void
toast_dismissed (AdwToast *toast, EkycWindow *self)
{
  if (self->toasts != NULL)  /* NULL once disposed */
    g_ptr_array_remove (self->toasts, toast);
}

static void
toast (EkycWindow *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_ekyc_window_toast (EkycWindow *self, const char *message)
{
  toast (self, message);
}

void
_ekyc_window_dismiss_toasts (EkycWindow *self)
{
  /* Oldest first: the overlay shows the next queued one as each goes. */
  while (self->toasts->len > 0)
    adw_toast_dismiss (g_ptr_array_index (self->toasts, 0));
}

/* Every store call in flight holds a reference to the window and counts here. */
static EkycWindow *
store_call_begin (EkycWindow *self)
{
  self->n_store_calls++;
  return g_object_ref (self);
}

static void
store_call_end (EkycWindow *self)
{
  g_assert (self->n_store_calls > 0);
  self->n_store_calls--;
}

EkycWindow *
_ekyc_window_store_call_begin (EkycWindow *self)
{
  return store_call_begin (self);
}

void
_ekyc_window_store_call_end (EkycWindow *self)
{
  store_call_end (self);
}

/* A new cancellable for a call that replaces the one in flight. */
static GCancellable *
replace_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
  return *cancellable;
}

static void
go_to_step (EkycWindow *self, guint step)
{
  g_autoptr(GError) blocked = NULL;

  gtk_stack_set_visible_child_name (self->flow_stack, step_names[step]);
  if (step == EKYC_STEP_FRONT
      && !ekyc_application_check_new_verification (self->app, &blocked))
    {
      /* The contract ended: no new verification starts, so the camera stays off. */
      _ekyc_window_capture_stop (self->capture);
      ekyc_capture_page_set_problem (self->front_page, blocked->message, FALSE);
      return;
    }
  if (step <= EKYC_STEP_SELFIE)
    {
      EkycCapturePage *page = capture_page (self, step);

      _ekyc_window_capture_show (self->capture, page);
      gtk_widget_grab_focus (GTK_WIDGET (page));
    }
  else
    {
      EkycDecisionPolicy policy;
      gboolean passed = FALSE;
      g_autofree char *detail = NULL;
      gboolean done;

      _ekyc_window_capture_stop (self->capture);
      done = _ekyc_window_capture_liveness (self->capture, &passed, &detail);
      if (done)
        ekyc_verification_set_active_liveness (self->verification, TRUE, passed, detail);
      /* A failed (or never finished) liveness can be tried again from here. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.retry-selfie", !(done && passed));
      ekyc_application_get_policy (self->app, &policy);
      ekyc_result_page_set_verification (self->result_page, self->verification, &policy);
    }
}

guint
ekyc_window_get_step (EkycWindow *self)
{
  const char *name;

  g_return_val_if_fail (EKYC_IS_WINDOW (self), 0);
  name = gtk_stack_get_visible_child_name (self->flow_stack);
  for (guint i = 0; i < G_N_ELEMENTS (step_names); i++)
    if (g_strcmp0 (name, step_names[i]) == 0)
      return i;
  return 0;
}

typedef struct {
  EkycWindow *self;
  guint       step;
} SubmitData;

static void
submit_done (GObject *object, GAsyncResult *result, gpointer data)
{
  SubmitData *sd = data;
  g_autoptr(EkycWindow) self = sd->self;
  guint step = sd->step;
  EkycVerification *verification = EKYC_VERIFICATION (object);
  g_autoptr(GError) error = NULL;
  EkycCapturePage *page = capture_page (self, step);
  gboolean ok = ekyc_verification_submit_finish (verification, result, &error);

  g_free (sd);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || verification != self->verification)
    return;
  ekyc_capture_page_set_busy (page, FALSE);
  if (!ok)
    {
      /* The picture is kept: the teller retakes it or goes on with it. */
      ekyc_capture_page_set_problem (page, error->message, TRUE);
      return;
    }
  ekyc_capture_page_set_problem (page, NULL, FALSE);
  /* the back's valid MRZ opens the chip: read it beside the selfie step */
  if (step == EKYC_STEP_BACK)
    ekyc_chip_panel_start (self->chip_panel, verification,
                           ekyc_application_get_engine (self->app),
                           ekyc_application_get_settings (self->app));
  go_to_step (self, step + 1);
}

/* A chip read that ends after the result is shown changes it. */
static void
chip_finished (EkycChipPanel *panel, EkycWindow *self)
{
  EkycDecisionPolicy policy;

  if (ekyc_window_get_step (self) != 3)
    return;
  ekyc_application_get_policy (self->app, &policy);
  ekyc_result_page_set_verification (self->result_page, self->verification, &policy);
}

void
_ekyc_window_submit (EkycWindow *self, EkycImage *image)
{
  guint step = ekyc_window_get_step (self);
  EkycCapturePage *page;
  SubmitData *sd;

  g_assert (EKYC_IS_WINDOW (self));
  if (step > EKYC_STEP_SELFIE)
    return;
  page = capture_page (self, step);
  if (ekyc_capture_page_get_busy (page))
    return;
  if (step == EKYC_STEP_FRONT)
    {
      g_autoptr(GError) blocked = NULL;

      if (!ekyc_application_check_new_verification (self->app, &blocked))
        {
          ekyc_capture_page_set_problem (page, blocked->message, FALSE);
          return;
        }
    }
  ekyc_capture_page_set_busy (page, TRUE);
  ekyc_capture_page_set_problem (page, NULL, FALSE);
  sd = g_new0 (SubmitData, 1);
  sd->self = g_object_ref (self);
  sd->step = step;
  ekyc_verification_submit_async (self->verification, ekyc_application_get_engine (self->app),
                                  step, image, self->cancellable, submit_done, sd);
}

static void
capture_requested (EkycCapturePage *page, EkycWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = _ekyc_window_capture_take (self->capture, &error);

  if (image == NULL)
    {
      ekyc_capture_page_set_problem (page, error->message, FALSE);
      return;
    }
  _ekyc_window_submit (self, image);
}

typedef struct {
  EkycWindow *self;
  guint       step;
} ImportData;

static void
scan_imported (GObject *object, GAsyncResult *result, gpointer data)
{
  ImportData *id = data;
  g_autoptr(EkycWindow) self = id->self;
  guint step = id->step;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStill) still = ekyc_scan_import_finish (result, &error);
  EkycCapturePage *page;

  g_free (id);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  page = capture_page (self, step);
  ekyc_capture_page_set_busy (page, FALSE);
  if (ekyc_window_get_step (self) != step)
    return;
  if (still == NULL)
    {
      /* What was captured before stays; the teller picks another file or the camera. */
      ekyc_capture_page_set_problem (page, error->message, FALSE);
      return;
    }
  _ekyc_window_submit (self, ekyc_still_get_image (still));
}

/* The file is decoded on a worker (a scan may be a 20-megapixel TIFF), then read as a capture. */
void
ekyc_window_import_file (EkycWindow *self, GFile *file)
{
  ImportData *id;
  EkycCapturePage *page;
  guint step;

  g_return_if_fail (EKYC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  step = ekyc_window_get_step (self);
  if (step > EKYC_STEP_SELFIE)
    return;
  page = capture_page (self, step);
  if (ekyc_capture_page_get_busy (page))
    return;
  ekyc_capture_page_set_problem (page, NULL, FALSE);
  ekyc_capture_page_set_busy (page, TRUE);
  id = g_new0 (ImportData, 1);
  id->self = g_object_ref (self);
  id->step = step;
  ekyc_scan_import_async (file, NULL, EKYC_CAPTURE_MODE_NONE, self->cancellable, scan_imported,
                          id);
}

static void
import_response (GtkNativeDialog *dialog, int response, EkycWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      ekyc_window_import_file (self, file);
    }
  g_object_unref (dialog);
}

static void
import_requested (EkycCapturePage *page, EkycWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import a Scan or Photo"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
skip_requested (EkycCapturePage *page, EkycWindow *self)
{
  go_to_step (self, ekyc_capture_page_get_step (page) + 1);
}

static void
continue_requested (EkycCapturePage *page, EkycWindow *self)
{
  ekyc_capture_page_set_problem (page, NULL, FALSE);
  go_to_step (self, ekyc_capture_page_get_step (page) + 1);
}

static void
restart_flow (EkycWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->verification, NULL);
  self->verification = ekyc_verification_new ();
  ekyc_chip_panel_reset (self->chip_panel);
  for (guint i = 0; i <= EKYC_STEP_SELFIE; i++)
    {
      ekyc_capture_page_set_busy (capture_page (self, i), FALSE);
      ekyc_capture_page_set_problem (capture_page (self, i), NULL, FALSE);
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "verify");
  go_to_step (self, EKYC_STEP_FRONT);
}

static void
flow_back (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycWindow *self = EKYC_WINDOW (widget);
  guint step = ekyc_window_get_step (self);

  if (step > 0)
    go_to_step (self, step - 1);
}

/* Try Again on the result page: the selfie step anew, with a challenge sequence other than the
 * one that failed; the card sides stay. */
static void
flow_retry_selfie (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycWindow *self = EKYC_WINDOW (widget);

  if (ekyc_window_get_step (self) != EKYC_STEP_SELFIE + 1)
    return;
  _ekyc_window_capture_retry_liveness (self->capture);
  ekyc_capture_page_set_problem (self->selfie_page, NULL, FALSE);
  go_to_step (self, EKYC_STEP_SELFIE);
}

static void
flow_restart (GtkWidget *widget, const char *action_name, GVariant *param)
{
  restart_flow (EKYC_WINDOW (widget));
}

typedef struct {
  EkycWindow       *self;
  EkycVerification *verification;
} SaveData;

static void
verification_saved (GObject *object, GAsyncResult *result, gpointer data)
{
  SaveData *sd = data;
  g_autoptr(EkycWindow) self = sd->self;
  g_autoptr(EkycVerification) verification = sd->verification;
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = ekyc_application_save_verification_finish (EKYC_APPLICATION (object),
                                                                        result, &error);
  g_autofree char *message = NULL;
  gboolean current;

  g_free (sd);
  store_call_end (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  current = verification == self->verification && ekyc_window_get_step (self) == EKYC_STEP_SELFIE + 1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.save", TRUE);
  if (case_id == NULL)
    {
      message = g_strdup_printf (_("The case was not saved: %s"), error->message);
      if (current)
        ekyc_result_page_set_saved (self->result_page, FALSE, message);
      else
        toast (self, message);
      return;
    }
  {
    const char *name = ekyc_verification_get_field (verification, EKYC_CARD_FIELD_FULL_NAME);

    /* The holder's name tells the teller which case; the case id means nothing to them. */
    message = name && *name ? g_strdup_printf (_("The case of %s was saved."), name)
                            : g_strdup (_("The case was saved."));
  }
  if (current)
    ekyc_result_page_set_saved (self->result_page, TRUE, message);
  toast (self, message);
  _ekyc_window_refresh_cases (self);
}

static void
flow_save (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycWindow *self = EKYC_WINDOW (widget);
  SaveData *sd;

  if (ekyc_window_get_step (self) != EKYC_STEP_SELFIE + 1)
    return;
  /* Saving encodes the evidence and writes the case in a worker; Save waits meanwhile. */
  gtk_widget_action_set_enabled (widget, "flow.save", FALSE);
  ekyc_result_page_set_saved (self->result_page, TRUE, _("Saving the case…"));
  sd = g_new0 (SaveData, 1);
  sd->self = store_call_begin (self);
  sd->verification = g_object_ref (self->verification);
  ekyc_application_save_verification_async (self->app, self->verification,
                                            self->store_cancellable, verification_saved, sd);
}

static void
cases_queried (GObject *object, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = ekyc_application_query_cases_finish (EKYC_APPLICATION (object),
                                                                     result, &error);
  EkycSyncService *sync = ekyc_application_get_sync (EKYC_APPLICATION (object));

  store_call_end (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ekyc_case_list_page_set_loading (self->case_list_page, FALSE);
  if (sync != NULL)
    {
      g_autoptr(GHashTable) states =
        ekyc_sync_evidence_dup_case_states (ekyc_sync_service_get_evidence (sync));

      ekyc_case_list_page_set_evidence_states (self->case_list_page, states);
    }
  ekyc_case_list_page_set_model (self->case_list_page, cases, cases ? NULL : error->message);
  if (cases != NULL)
    _ekyc_window_cases_list_changed (self->cases, cases);
}

static void
queue_queried (GObject *object, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) queue = ekyc_application_query_cases_finish (EKYC_APPLICATION (object),
                                                                     result, &error);

  store_call_end (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ekyc_review_page_set_queue (self->review_page, queue,
                              queue ? _("No case is waiting for review.") : error->message);
}

/* The case list's search and filters, as the store takes them. */
void
_ekyc_window_case_query (EkycWindow *self, char **text, int *decision, int *review_state,
                         int *sync_state)
{
  static const int review_states[] = { -1, 1, 2, 3 };
  static const int sync_states[] = { -1, 0, 1, 2 };
  guint decision_filter = ekyc_case_list_page_get_decision_filter (self->case_list_page);

  *text = g_strdup (ekyc_case_list_page_get_search (self->case_list_page));
  *decision = decision_filter == 0 ? -1 : (int) decision_filter;
  *review_state = review_states[MIN (3u, ekyc_case_list_page_get_review_filter (self->case_list_page))];
  *sync_state = sync_states[MIN (3u, ekyc_case_list_page_get_sync_filter (self->case_list_page))];
}

/* Searches the store in a worker; a newer search cancels the one in flight. */
void
_ekyc_window_refresh_cases (EkycWindow *self)
{
  g_autofree char *text = NULL;
  int decision, review_state, sync_state;
  GCancellable *cancellable;

  if (!ekyc_application_get_has_accounts (self->app) || !ekyc_application_get_signed_in (self->app))
    return;
  _ekyc_window_case_query (self, &text, &decision, &review_state, &sync_state);
  cancellable = replace_cancellable (&self->query_cancellable);
  ekyc_case_list_page_set_loading (self->case_list_page, TRUE);
  ekyc_application_query_cases_async (self->app, text, decision, review_state, sync_state,
                                      cancellable, cases_queried, store_call_begin (self));
  if (!ekyc_application_get_supervisor (self->app))
    return;
  ekyc_application_query_cases_async (self->app, NULL, -1, 1, -1, cancellable, queue_queried,
                                      store_call_begin (self));
}

/* The chip's photo as a texture: JPEG through GDK, JPEG 2000 (which GDK does not read) through
 * the engine. NULL when it does not decode (the page then shows what the chip proved, without
 * the photo). */
GdkPaintable *
_ekyc_window_chip_portrait (GBytes *bytes, const char *mime_type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = NULL;
  GdkTexture *texture = NULL;

  if (g_strcmp0 (mime_type, "image/jp2") != 0)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  else if ((image = ekyc_image_new_from_encoded (g_bytes_get_data (bytes, NULL),
                                                 g_bytes_get_size (bytes), &error)) != NULL)
    texture = ekyc_texture_new_for_image (image);
  if (texture == NULL)
    g_message ("the chip's photo (%s) does not decode: %s", mime_type, error->message);
  return GDK_PAINTABLE (texture);
}

static void
review_case_loaded (GObject *object, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) full = ekyc_application_load_case_finish (EKYC_APPLICATION (object), result,
                                                              &error);
  g_autoptr(GdkPaintable) card = NULL, selfie = NULL, chip = NULL;
  g_autoptr(GBytes) chip_bytes = NULL;
  g_autofree char *reasons = NULL, *proven = NULL;
  const char *chip_mime = NULL;
  gboolean chip_verified = FALSE;

  store_call_end (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ekyc_review_page_set_busy (self->review_page, FALSE);
  if (full == NULL)
    {
      ekyc_review_page_set_error (self->review_page, error->message);
      return;
    }
  card = _ekyc_application_case_evidence (full, FALSE);
  selfie = _ekyc_application_case_evidence (full, TRUE);
  reasons = _ekyc_application_case_reasons (full);
  ekyc_review_page_show_case (self->review_page, full, card, selfie, reasons);
  if (_ekyc_application_case_chip (full, &chip_bytes, &chip_mime, &chip_verified, &proven))
    {
      chip = _ekyc_window_chip_portrait (chip_bytes, chip_mime);
      ekyc_review_page_show_chip (self->review_page, chip, chip_verified, proven);
    }
}

static void
review_case_selected (EkycReviewPage *page, GObject *kase, EkycWindow *self)
{
  ekyc_review_page_set_busy (page, TRUE);
  ekyc_application_load_case_async (self->app, kase, replace_cancellable (&self->load_cancellable),
                                    review_case_loaded, store_call_begin (self));
}

typedef struct {
  EkycWindow *self;
  gboolean    approve;
} ReviewData;

static void
review_saved (GObject *object, GAsyncResult *result, gpointer data)
{
  ReviewData *rd = data;
  g_autoptr(EkycWindow) self = rd->self;
  gboolean approve = rd->approve;
  g_autoptr(GError) error = NULL;
  gboolean ok = ekyc_application_review_case_finish (EKYC_APPLICATION (object), result, &error);

  g_free (rd);
  store_call_end (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ekyc_review_page_set_busy (self->review_page, FALSE);
  if (!ok)
    {
      ekyc_review_page_set_error (self->review_page, error->message);
      return;
    }
  toast (self, approve ? _("The case was approved.") : _("The case was rejected."));
  _ekyc_window_refresh_cases (self);
}

static void
review_decided (EkycReviewPage *page, GObject *kase, gboolean approve, const char *note,
                EkycWindow *self)
{
  ReviewData *rd = g_new0 (ReviewData, 1);

  rd->self = store_call_begin (self);
  rd->approve = approve;
  ekyc_review_page_set_busy (page, TRUE);
  ekyc_application_review_case_async (self->app, kase, approve, note, self->store_cancellable,
                                      review_saved, rd);
}

static void
show_view (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycWindow *self = EKYC_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (g_str_equal (name, "review") && !ekyc_application_get_supervisor (self->app))
    {
      toast (self, _("Only a supervisor can review cases."));
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
search_cases (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycWindow *self = EKYC_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  gtk_widget_grab_focus (GTK_WIDGET (self->case_list_page));
}

static void
update_session (EkycWindow *self)
{
  gboolean signed_in = ekyc_application_get_signed_in (self->app);
  gboolean supervisor = ekyc_application_get_supervisor (self->app);
  gboolean locked = ekyc_application_get_locked (self->app);
  const char *user = ekyc_application_get_user_name (self->app);

  gtk_label_set_label (self->user_label, user ? user : "");
  adw_view_stack_page_set_visible (self->review_stack_page, supervisor);
  ekyc_case_detail_page_set_supervisor (self->case_detail_page, supervisor);
  if (locked || !signed_in)
    _ekyc_window_cases_show_list (self->cases);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-cases",
                                 signed_in && supervisor && !locked);
  if (locked)
    {
      guint timeout = ekyc_application_get_lock_timeout (self->app);

      /* The session locked itself (the store's timeout) or was locked: only its user's
       * password goes on, and nothing stays on screen meanwhile. */
      ekyc_sign_in_page_set_locked (self->sign_in_page, user,
                                    self->locked_by_hand ? 0 : MAX (1, (timeout + 59) / 60));
      _ekyc_window_capture_stop (self->capture);
      gtk_widget_set_visible (GTK_WIDGET (self->switcher_title), FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
      return;
    }
  self->locked_by_hand = FALSE;
  /* Signed out from the lock page: the next person signs in, no "Locked" left over. */
  if (!signed_in)
    ekyc_sign_in_page_set_locked (self->sign_in_page, NULL, 0);
  gtk_stack_set_visible_child_name (self->main_stack, signed_in ? "work" : "sign-in");
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_title), signed_in);
  if (!signed_in && ekyc_application_get_needs_first_user (self->app))
    ekyc_sign_in_page_set_first_user (self->sign_in_page);
  if (signed_in)
    {
      go_to_step (self, ekyc_window_get_step (self));
      _ekyc_window_refresh_cases (self);
    }
  else
    _ekyc_window_capture_stop (self->capture);
}

static void
lock_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycWindow *self = EKYC_WINDOW (widget);

  /* Without accounts nobody could unlock: there is nothing to lock. */
  if (!ekyc_application_get_signed_in (self->app) || !ekyc_application_get_has_accounts (self->app))
    return;
  if (!ekyc_application_get_locked (self->app))
    self->locked_by_hand = TRUE;
  ekyc_application_lock (self->app);
}

static void
signed_in (GObject *object, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycWindow) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ekyc_application_sign_in_finish (EKYC_APPLICATION (object), result, &error);

  store_call_end (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ekyc_sign_in_page_set_busy (self->sign_in_page, FALSE);
  if (!ok)
    {
      ekyc_sign_in_page_set_error (self->sign_in_page, error->message);
      return;
    }
  ekyc_sign_in_page_clear (self->sign_in_page);
  ekyc_sign_in_page_set_locked (self->sign_in_page, NULL, 0);
  update_session (self);
}

/* The password is checked with Argon2id (about half a second) in a worker: the window stays
 * live and shows a spinner meanwhile. */
static void
sign_in_submitted (EkycSignInPage *page, const char *user, const char *password,
                   EkycWindow *self)
{
  ekyc_sign_in_page_set_busy (page, TRUE);
  ekyc_application_sign_in_async (self->app, user, password, self->store_cancellable, signed_in,
                                  store_call_begin (self));
}

static gboolean
any_input (EkycWindow *self)
{
  ekyc_application_touch (self->app);
  return FALSE;
}

static void
engine_ready (EkycWindow *self)
{
  const char *error = ekyc_application_get_engine_error (self->app);

  if (error != NULL)
    toast (self, error);
  _ekyc_window_capture_source_changed (self->capture);
}

static void
source_changed (EkycWindow *self)
{
  _ekyc_window_capture_source_changed (self->capture);
}

static void
ekyc_window_dispose (GObject *object)
{
  EkycWindow *self = EKYC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->store_cancellable);
  g_clear_object (&self->store_cancellable);
  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->sync_refresh_id, g_source_remove);
  g_clear_pointer (&self->capture, _ekyc_window_capture_free);
  g_clear_pointer (&self->cases, _ekyc_window_cases_free);
  g_clear_object (&self->verification);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_WINDOW);
  G_OBJECT_CLASS (ekyc_window_parent_class)->dispose (object);
}

static void
ekyc_window_class_init (EkycWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ekyc_window_dispose;

  g_type_ensure (EKYC_TYPE_SIGN_IN_PAGE);
  g_type_ensure (EKYC_TYPE_CAPTURE_PAGE);
  g_type_ensure (EKYC_TYPE_RESULT_PAGE);
  g_type_ensure (EKYC_TYPE_CHIP_PANEL);
  g_type_ensure (EKYC_TYPE_CASE_LIST_PAGE);
  g_type_ensure (EKYC_TYPE_CASE_DETAIL_PAGE);
  g_type_ensure (EKYC_TYPE_REVIEW_PAGE);
  g_type_ensure (EKYC_TYPE_ACCOUNT_PAGE);
  g_type_ensure (EKYC_TYPE_SYNC_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/ekyc/Ekyc/ekyc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, flow_stack);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, user_label);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, front_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, back_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, selfie_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, result_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, chip_panel);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, cases_stack);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, case_list_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, case_detail_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, review_stack_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, account_page);
  gtk_widget_class_bind_template_child (widget_class, EkycWindow, sync_indicator);

  gtk_widget_class_install_action (widget_class, "flow.back", NULL, flow_back);
  gtk_widget_class_install_action (widget_class, "flow.restart", NULL, flow_restart);
  gtk_widget_class_install_action (widget_class, "flow.retry-selfie", NULL, flow_retry_selfie);
  gtk_widget_class_install_action (widget_class, "flow.save", NULL, flow_save);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_cases);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "win.export-cases", NULL,
                                   _ekyc_window_export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "flow.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "flow.restart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "flow.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "verify");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "cases");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "review");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-cases", NULL);
}

static void
ekyc_window_init (EkycWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->store_cancellable = g_cancellable_new ();
  self->verification = ekyc_verification_new ();
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->chip_panel, "finished", G_CALLBACK (chip_finished), self, 0);
  for (guint i = 0; i <= EKYC_STEP_SELFIE; i++)
    {
      EkycCapturePage *page = capture_page (self, i);

      g_signal_connect (page, "capture", G_CALLBACK (capture_requested), self);
      g_signal_connect (page, "import", G_CALLBACK (import_requested), self);
      g_signal_connect (page, "skip", G_CALLBACK (skip_requested), self);
      g_signal_connect (page, "continue", G_CALLBACK (continue_requested), self);
    }
  g_signal_connect (self->sign_in_page, "submit", G_CALLBACK (sign_in_submitted), self);
  ekyc_case_list_page_set_model (self->case_list_page, NULL,
                                 _("Saved cases appear here. This build has no case store yet."));
  ekyc_review_page_set_queue (self->review_page, NULL,
                              _("Cases sent to review appear here. This build has no case store "
                                "yet."));
  g_signal_connect_swapped (self->case_list_page, "query-changed",
                            G_CALLBACK (_ekyc_window_refresh_cases), self);
  self->cases = _ekyc_window_cases_new (self, self->cases_stack, self->case_list_page,
                                        self->case_detail_page);
  g_signal_connect (self->review_page, "case-selected", G_CALLBACK (review_case_selected), self);
  g_signal_connect (self->review_page, "review", G_CALLBACK (review_decided), self);
}

EkycWindow *
ekyc_window_new (EkycApplication *app)
{
  EkycWindow *self;
  GtkEventController *keys, *clicks;
  GSettings *settings;

  g_return_val_if_fail (EKYC_IS_APPLICATION (app), NULL);

  self = g_object_new (EKYC_TYPE_WINDOW, "application", app, NULL);
  self->app = app;
  settings = ekyc_application_get_settings (app);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  self->capture = _ekyc_window_capture_new (self);
  g_signal_connect_object (app, "notify::signed-in", G_CALLBACK (update_session), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::supervisor", G_CALLBACK (update_session), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::engine-ready", G_CALLBACK (engine_ready), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::source", G_CALLBACK (source_changed), self,
                           G_CONNECT_SWAPPED);
  _ekyc_window_sync_init (self, ekyc_application_get_sync (app));

  /* Any key or click restarts the session's inactivity clock; the session locks itself. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (any_input), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  clicks = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (clicks, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (clicks, "pressed", G_CALLBACK (any_input), self);
  gtk_widget_add_controller (GTK_WIDGET (self), clicks);
  g_signal_connect_object (app, "notify::locked", G_CALLBACK (update_session), self,
                           G_CONNECT_SWAPPED);

  update_session (self);
  return self;
}

GtkWidget *
ekyc_window_get_step_page (EkycWindow *self, guint step)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  g_return_val_if_fail (step <= 3, NULL);
  return step == 3 ? GTK_WIDGET (self->result_page) : GTK_WIDGET (capture_page (self, step));
}

EkycChipPanel *
ekyc_window_get_chip_panel (EkycWindow *self)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  return self->chip_panel;
}

EkycResultPage *
ekyc_window_get_result_page (EkycWindow *self)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  return self->result_page;
}

const char *
ekyc_window_get_page_name (EkycWindow *self)
{
  const char *view;

  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "sign-in") == 0)
    return "sign-in";
  view = adw_view_stack_get_visible_child_name (self->view_stack);
  if (g_strcmp0 (view, "verify") == 0)
    return step_names[ekyc_window_get_step (self)];
  if (g_strcmp0 (view, "cases") == 0 && _ekyc_window_cases_showing_case (self->cases))
    return "case";
  return view;
}

void
ekyc_window_show_page (EkycWindow *self, const char *name)
{
  g_return_if_fail (EKYC_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->switcher_title), !g_str_equal (name, "sign-in"));
  if (g_str_equal (name, "sign-in"))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "work");
  if (g_str_equal (name, "cases") || g_str_equal (name, "review")
      || g_str_equal (name, "account"))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, name);
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "verify");
  for (guint i = 0; i < G_N_ELEMENTS (step_names); i++)
    if (g_str_equal (name, step_names[i]))
      go_to_step (self, i);
}

EkycVerification *
ekyc_window_get_verification (EkycWindow *self)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  return self->verification;
}

void
ekyc_window_select_first_review_case (EkycWindow *self)
{
  g_return_if_fail (EKYC_IS_WINDOW (self));
  ekyc_review_page_select_first (self->review_page);
}

void
_ekyc_window_contract_changed (EkycWindow *self)
{
  if (ekyc_window_get_step (self) != EKYC_STEP_FRONT
      || !ekyc_application_get_signed_in (self->app))
    return;
  ekyc_capture_page_set_problem (self->front_page, NULL, FALSE);
  go_to_step (self, EKYC_STEP_FRONT);
}

static gboolean
refresh_after_sync (gpointer data)
{
  EkycWindow *self = data;

  self->sync_refresh_id = 0;
  _ekyc_window_refresh_cases (self);
  return G_SOURCE_REMOVE;
}

/* The case list shows the sync state; a burst of progress refreshes it once. */
static void
sync_progressed (EkycWindow *self)
{
  if (self->sync_refresh_id == 0)
    self->sync_refresh_id = g_timeout_add (500, refresh_after_sync, self);
}

static void
view_changed (EkycWindow *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "account") == 0)
    ekyc_account_page_refresh (self->account_page);
}

EkycAccountPage *
ekyc_window_get_account_page (EkycWindow *self)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  return self->account_page;
}

/* The header and the Account page follow the sync service; the case list shows what was sent. */
void
_ekyc_window_sync_init (EkycWindow *self, EkycSyncService *sync)
{
  ekyc_sync_indicator_set_service (self->sync_indicator, sync);
  ekyc_account_page_set_service (self->account_page, sync);
  ekyc_review_page_set_sync_service (self->review_page, sync);
  ekyc_case_detail_page_set_sync_service (self->case_detail_page, sync);
  if (sync == NULL)
    return;
  /* The lists say where each case's evidence images are: an upload run refreshes them too. */
  g_signal_connect_object (ekyc_sync_service_get_evidence (sync), "notify::busy",
                           G_CALLBACK (sync_progressed), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (view_changed), self);
  g_signal_connect_object (sync, "notify::pending", G_CALLBACK (sync_progressed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "notify::blocks-new-verifications",
                           G_CALLBACK (_ekyc_window_contract_changed), self, G_CONNECT_SWAPPED);
}

gboolean
ekyc_window_get_busy (EkycWindow *self)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), FALSE);
  return self->n_store_calls > 0;
}

EkycSignInPage *
ekyc_window_get_sign_in_page (EkycWindow *self)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  return self->sign_in_page;
}

EkycCaseListPage *
ekyc_window_get_case_list_page (EkycWindow *self)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  return self->case_list_page;
}

EkycCaseDetailPage *
ekyc_window_get_case_detail_page (EkycWindow *self)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  return self->case_detail_page;
}

EkycReviewPage *
ekyc_window_get_review_page (EkycWindow *self)
{
  g_return_val_if_fail (EKYC_IS_WINDOW (self), NULL);
  return self->review_page;
}
