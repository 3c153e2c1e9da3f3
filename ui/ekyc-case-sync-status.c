/* ekyc-case-sync-status.c — a case's way to the central server in words: whether its result
 * synced, and where its evidence images are (kept in the branch, uploaded, pending, failed)
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-case-sync-status.h"

gboolean
ekyc_case_sync_has_server (EkycSyncService *sync)
{
  g_return_val_if_fail (sync == NULL || EKYC_IS_SYNC_SERVICE (sync), FALSE);

  return sync != NULL && ekyc_sync_service_get_server_url (sync) != NULL
         && ekyc_sync_service_get_enrolled (sync);
}

const char *
ekyc_case_evidence_label (EkycSyncEvidenceState state)
{
  switch (state)
    {
    case EKYC_SYNC_EVIDENCE_STATE_PENDING: return _("Images waiting to upload");
    case EKYC_SYNC_EVIDENCE_STATE_UPLOADED: return _("Images uploaded");
    case EKYC_SYNC_EVIDENCE_STATE_KEPT: return _("Images kept in the branch");
    case EKYC_SYNC_EVIDENCE_STATE_PURGED: return _("Images purged before upload");
    case EKYC_SYNC_EVIDENCE_STATE_GONE: return _("Images not uploaded");
    case EKYC_SYNC_EVIDENCE_STATE_FAILED: return _("Image upload failed");
    case EKYC_SYNC_EVIDENCE_STATE_NONE:
    default: return "";
    }
}

static char *
dup_case_id (GObject *kase)
{
  char *id = NULL;

  if (kase != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (kase), "id"))
    g_object_get (kase, "id", &id, NULL);
  return id;
}

/* The case's "sync-state" as its nick ("pending", "synced", "failed"), or NULL. */
static char *
dup_sync_nick (GObject *kase)
{
  GParamSpec *pspec;
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;
  int v = 0;

  if (kase == NULL)
    return NULL;
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (kase), "sync-state");
  if (pspec == NULL || !G_TYPE_IS_ENUM (pspec->value_type))
    return NULL;
  g_object_get (kase, "sync-state", &v, NULL);
  klass = g_type_class_ref (pspec->value_type);
  value = g_enum_get_value (klass, v);
  return value ? g_strdup (value->value_nick) : NULL;
}

char *
ekyc_case_describe_result_sync (GObject *kase, EkycSyncService *sync)
{
  g_autofree char *nick = dup_sync_nick (kase);
  g_autofree char *id = dup_case_id (kase);
  g_autofree char *reason = NULL;

  g_return_val_if_fail (kase == NULL || G_IS_OBJECT (kase), NULL);
  g_return_val_if_fail (sync == NULL || EKYC_IS_SYNC_SERVICE (sync), NULL);

  if (g_strcmp0 (nick, "synced") == 0)
    return g_strdup (_("Result: sent to the central server."));
  if (g_strcmp0 (nick, "failed") == 0)
    {
      if (sync != NULL && id != NULL)
        reason = ekyc_sync_service_dup_case_rejection (sync, id);
      return reason ? g_strdup_printf (_("Result: the server refused it: %s"), reason)
                    : g_strdup (_("Result: the server refused it."));
    }
  if (!ekyc_case_sync_has_server (sync))
    return g_strdup (_("Result: stays on this computer (not connected to a central server)."));
  return g_strdup (_("Result: waiting to be sent."));
}

char *
ekyc_case_describe_evidence (GObject *kase, EkycSyncService *sync)
{
  g_autofree char *id = dup_case_id (kase);
  g_autofree char *reason = NULL;
  guint n = 0;
  EkycSyncEvidenceState state;

  g_return_val_if_fail (kase == NULL || G_IS_OBJECT (kase), NULL);
  g_return_val_if_fail (sync == NULL || EKYC_IS_SYNC_SERVICE (sync), NULL);

  if (sync == NULL || id == NULL)
    return g_strdup (_("Evidence images: kept on this computer."));
  state = ekyc_sync_service_get_case_evidence (sync, id, &n, &reason);
  /* What already happened stays true; what would wait for a sync never comes. */
  if (!ekyc_case_sync_has_server (sync)
      && (state == EKYC_SYNC_EVIDENCE_STATE_NONE || state == EKYC_SYNC_EVIDENCE_STATE_PENDING))
    return g_strdup (_("Evidence images: stay on this computer (not connected to a central "
                       "server)."));
  switch (state)
    {
    case EKYC_SYNC_EVIDENCE_STATE_PENDING:
      return reason ? g_strdup_printf (_("Evidence images: waiting to upload; the last try "
                                         "failed: %s"), reason)
                    : g_strdup (_("Evidence images: waiting to upload."));
    case EKYC_SYNC_EVIDENCE_STATE_UPLOADED:
      return g_strdup_printf (ngettext ("Evidence images: %u image uploaded to the central "
                                        "server.",
                                        "Evidence images: %u images uploaded to the central "
                                        "server.", n), n);
    case EKYC_SYNC_EVIDENCE_STATE_KEPT:
      return g_strdup (_("Evidence images: kept in the branch, as the customer’s policy says."));
    case EKYC_SYNC_EVIDENCE_STATE_PURGED:
      return g_strdup (_("Evidence images: purged by the retention period before they could be "
                         "uploaded."));
    case EKYC_SYNC_EVIDENCE_STATE_GONE:
      return reason ? g_strdup_printf (_("Evidence images: not uploaded: %s"), reason)
                    : g_strdup (_("Evidence images: not uploaded."));
    case EKYC_SYNC_EVIDENCE_STATE_FAILED:
      return reason ? g_strdup_printf (_("Evidence images: upload failed: %s"), reason)
                    : g_strdup (_("Evidence images: upload failed."));
    case EKYC_SYNC_EVIDENCE_STATE_NONE:
    default:
      return g_strdup (_("Evidence images: on this computer; whether they are uploaded is "
                         "decided once the result is sent."));
    }
}
