/* ekyc-audit-entry.c — one row of the append-only audit log
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekyc-audit-entry.h"
#include "ekyc-store-private.h"

struct _EkycAuditEntry
{
  GObject    parent_instance;

  gint64     sequence;
  GDateTime *at;
  char      *actor;
  char      *action;
  char      *case_id;
  char      *detail;
};

G_DEFINE_FINAL_TYPE (EkycAuditEntry, ekyc_audit_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQUENCE,
  PROP_AT,
  PROP_ACTOR,
  PROP_ACTION,
  PROP_CASE_ID,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ekyc_audit_entry_finalize (GObject *object)
{
  EkycAuditEntry *self = EKYC_AUDIT_ENTRY (object);

  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self->actor);
  g_free (self->action);
  g_free (self->case_id);
  g_free (self->detail);

  G_OBJECT_CLASS (ekyc_audit_entry_parent_class)->finalize (object);
}

static void
ekyc_audit_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EkycAuditEntry *self = EKYC_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_SEQUENCE: g_value_set_int64 (value, self->sequence); break;
    case PROP_AT: g_value_set_boxed (value, self->at); break;
    case PROP_ACTOR: g_value_set_string (value, self->actor); break;
    case PROP_ACTION: g_value_set_string (value, self->action); break;
    case PROP_CASE_ID: g_value_set_string (value, self->case_id); break;
    case PROP_DETAIL: g_value_set_string (value, self->detail); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_audit_entry_class_init (EkycAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ekyc_audit_entry_finalize;
  object_class->get_property = ekyc_audit_entry_get_property;

  properties[PROP_SEQUENCE] = g_param_spec_int64 ("sequence", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_AT] = g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, NULL, NULL, ro);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, ro);
  properties[PROP_CASE_ID] = g_param_spec_string ("case-id", NULL, NULL, NULL, ro);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekyc_audit_entry_init (EkycAuditEntry *self)
{
}

EkycAuditEntry *
_ekyc_audit_entry_new (gint64      sequence,
                       GDateTime  *at,
                       const char *actor,
                       const char *action,
                       const char *case_id,
                       const char *detail)
{
  EkycAuditEntry *self = g_object_new (EKYC_TYPE_AUDIT_ENTRY, NULL);

  self->sequence = sequence;
  self->at = g_date_time_ref (at);
  self->actor = g_strdup (actor);
  self->action = g_strdup (action);
  self->case_id = g_strdup (case_id);
  self->detail = g_strdup (detail);
  return self;
}

gint64
ekyc_audit_entry_get_sequence (EkycAuditEntry *self)
{
  g_return_val_if_fail (EKYC_IS_AUDIT_ENTRY (self), 0);
  return self->sequence;
}

GDateTime *
ekyc_audit_entry_get_at (EkycAuditEntry *self)
{
  g_return_val_if_fail (EKYC_IS_AUDIT_ENTRY (self), NULL);
  return self->at;
}

const char *
ekyc_audit_entry_get_actor (EkycAuditEntry *self)
{
  g_return_val_if_fail (EKYC_IS_AUDIT_ENTRY (self), NULL);
  return self->actor;
}

const char *
ekyc_audit_entry_get_action (EkycAuditEntry *self)
{
  g_return_val_if_fail (EKYC_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

const char *
ekyc_audit_entry_get_case_id (EkycAuditEntry *self)
{
  g_return_val_if_fail (EKYC_IS_AUDIT_ENTRY (self), NULL);
  return self->case_id;
}

const char *
ekyc_audit_entry_get_detail (EkycAuditEntry *self)
{
  g_return_val_if_fail (EKYC_IS_AUDIT_ENTRY (self), NULL);
  return self->detail;
}

const char *
ekyc_audit_entry_get_action_label (EkycAuditEntry *self)
{
  static const struct { const char *action; const char *label; } labels[] = {
    { "user-created", N_("User created") },
    { "signed-in", N_("Signed in") },
    { "sign-in-failed", N_("Sign-in failed") },
    { "case-created", N_("Case created") },
    { "case-updated", N_("Case updated") },
    { "case-viewed", N_("Case viewed") },
    { "case-approved", N_("Case approved") },
    { "case-rejected", N_("Case rejected") },
    { "policy-changed", N_("Decision policy changed") },
    { "settings-changed", N_("Settings changed") },
    { "cases-exported", N_("Cases exported") },
    { "evidence-purged", N_("Old evidence deleted") },
    { "sync-state-changed", N_("Sending state changed") },
  };

  g_return_val_if_fail (EKYC_IS_AUDIT_ENTRY (self), NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].action, self->action))
      return _(labels[i].label);
  return self->action;
}
