/* ekyc-audit-entry.c — one row of the append-only audit log
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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

/* "decision=review fields=7 edits=0 checks=8" in words, or NULL if a part is not one of these. */
static char *
describe_case_saved (const char *detail)
{
  g_auto(GStrv) parts = g_strsplit (detail, " ", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  int decision = -1;
  guint64 fields = 0, edits = 0, checks = 0;
  gboolean has_fields = FALSE, has_edits = FALSE, has_checks = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *key = eq ? g_strndup (parts[i], eq - parts[i]) : NULL;
      const char *value = eq ? eq + 1 : NULL;
      guint64 *count = NULL;
      gboolean *has = NULL;

      if (key == NULL)
        return NULL;
      if (g_str_equal (key, "decision") && decision < 0)
        {
          if (!ekyc_enum_from_string (EKYC_TYPE_DECISION, value, &decision))
            return NULL;
          continue;
        }
      if (g_str_equal (key, "fields"))
        count = &fields, has = &has_fields;
      else if (g_str_equal (key, "edits"))
        count = &edits, has = &has_edits;
      else if (g_str_equal (key, "checks"))
        count = &checks, has = &has_checks;
      if (count == NULL || *has
          || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, count, NULL))
        return NULL;
      *has = TRUE;
    }
  if (decision >= 0)
    /* Translators: the decision of a saved case in its history, e.g. "Decision: REVIEW" */
    g_ptr_array_add (words, g_strdup_printf (_("Decision: %s"),
                                             ekyc_decision_to_label (decision)));
  if (has_fields && has_edits)
    /* Translators: in a case's history: how many fields were saved, how many the teller edited */
    g_ptr_array_add (words, g_strdup_printf (ngettext ("%u field, %u edited",
                                                       "%u fields, %u edited", (gulong) fields),
                                             (guint) fields, (guint) edits));
  else if (has_fields)
    g_ptr_array_add (words, g_strdup_printf (ngettext ("%u field", "%u fields", (gulong) fields),
                                             (guint) fields));
  else if (has_edits)
    g_ptr_array_add (words, g_strdup_printf (ngettext ("%u field edited", "%u fields edited",
                                                       (gulong) edits),
                                             (guint) edits));
  if (has_checks)
    g_ptr_array_add (words, g_strdup_printf (ngettext ("%u check", "%u checks", (gulong) checks),
                                             (guint) checks));
  if (words->len == 0)
    return NULL;
  g_ptr_array_add (words, NULL);
  return g_strjoinv (" · ", (char **) words->pdata);
}

char *
ekyc_audit_entry_dup_detail_label (EkycAuditEntry *self)
{
  char *words = NULL;
  int state;

  g_return_val_if_fail (EKYC_IS_AUDIT_ENTRY (self), NULL);

  if (self->detail == NULL || *self->detail == '\0')
    return NULL;
  if (g_str_equal (self->action, "case-created") || g_str_equal (self->action, "case-updated"))
    words = describe_case_saved (self->detail);
  else if (g_str_equal (self->action, "sync-state-changed")
           && ekyc_enum_from_string (EKYC_TYPE_SYNC_STATE, self->detail, &state))
    words = g_strdup (ekyc_sync_state_to_label (state));
  return words ? words : g_strdup (self->detail);
}
