/* ekyc-application-privacy.c — the store's privacy duties that the app runs: purging evidence
 * past the retention period (at start and every six hours) and a supervisor's export of cases
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc"
#include "config.h"

#include "ekyc-application-private.h"
#include "ekyc-store.h"

#define PURGE_INTERVAL_SECONDS (6 * 60 * 60)

typedef struct _Retention Retention;
struct _Retention {
  EkycStore *store;
  gboolean   running;
  gboolean   again;      /* asked for while running: purge once more when it ends */
  guint      timeout_id;
};

static gboolean purge_now (gpointer data);

static void
purge_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Retention *retention = data;
  g_autoptr(GError) error = NULL;
  int count = ekyc_store_purge_expired_finish (EKYC_STORE (source), result, &error);

  retention->running = FALSE;
  /* Counts only: case ids and names are personal data and stay out of the log. */
  if (count < 0)
    g_warning ("Purging the evidence past the retention period failed: %s", error->message);
  else if (count > 0)
    g_message ("Purged the evidence of %d case(s) past the retention period", count);
  if (retention->again)
    {
      retention->again = FALSE;
      purge_now (retention);
    }
}

static gboolean
purge_now (gpointer data)
{
  Retention *retention = data;

  if (retention->running)
    retention->again = TRUE;
  else
    {
      retention->running = TRUE;
      ekyc_store_purge_expired_async (retention->store, NULL, NULL, purge_done, retention);
    }
  return G_SOURCE_CONTINUE;
}

void
_ekyc_application_retention_purge_now (Retention *retention)
{
  if (retention != NULL)
    purge_now (retention);
}

Retention *
_ekyc_application_retention_start (GObject *store)
{
  Retention *retention = g_new0 (Retention, 1);

  retention->store = EKYC_STORE (g_object_ref (store));
  purge_now (retention);
  retention->timeout_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, PURGE_INTERVAL_SECONDS,
                                                      purge_now, retention, NULL);
  return retention;
}

void
_ekyc_application_retention_stop (Retention *retention)
{
  if (retention == NULL)
    return;
  g_clear_handle_id (&retention->timeout_id, g_source_remove);
  retention->again = FALSE;
  /* A purge is one transaction on the store's thread: let it finish rather than exit under it. */
  while (retention->running)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&retention->store);
  g_free (retention);
}

gboolean
_ekyc_application_retention_running (Retention *retention)
{
  return retention != NULL && retention->running;
}

void
_ekyc_application_store_export_async (GObject *store, GObject *session, const char *text,
                                      int decision, int review_state, int sync_state,
                                      const char * const *case_ids, GFile *destination,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(EkycCaseQuery) query = ekyc_case_query_new ();

  query->text = text && *text ? g_strdup (text) : NULL;
  query->decision = decision;
  query->review_state = review_state;
  query->sync_state = sync_state;
  query->ids = g_strdupv ((char **) case_ids);
  ekyc_store_export_cases_async (EKYC_STORE (store), session ? EKYC_SESSION (session) : NULL,
                                 query, destination, cancellable, callback, user_data);
}

gboolean
_ekyc_application_store_export_finish (GObject *store, GAsyncResult *result, GError **error)
{
  return ekyc_store_export_cases_finish (EKYC_STORE (store), result, error);
}
