/* ekyc-case.c — one customer's verification: card fields, evidence, scores, checks, decision
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekyc-case-private.h"

typedef struct {
  char            *name;
  char            *value;
  EkycFieldSource  source;
  char            *original;         /* the reader's value, kept across edits */
  EkycFieldSource  original_source;
} Field;

typedef struct {
  char   *mime_type;
  GBytes *data;
} Evidence;

struct _EkycCase
{
  GObject          parent_instance;

  char            *id;
  GDateTime       *created_at;
  char            *teller;

  GPtrArray       *fields;   /* Field */
  GPtrArray       *edits;    /* EkycFieldEdit */
  GPtrArray       *checks;   /* EkycCaseCheck */
  Evidence         evidence[EKYC_N_EVIDENCE_KINDS];
  gboolean         evidence_purged;
  GDateTime       *evidence_purged_at;

  gboolean         has_similarity;
  double           similarity;
  gboolean         has_passive_liveness;
  double           passive_liveness;
  EkycCheckOutcome active_liveness;

  EkycDecision     decision;
  char           **reasons;

  EkycReviewState  review_state;
  char            *reviewer;
  char            *review_note;
  GDateTime       *reviewed_at;

  EkycSyncState    sync_state;
};

G_DEFINE_FINAL_TYPE (EkycCase, ekyc_case, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (EkycCaseCheck, ekyc_case_check, ekyc_case_check_copy, ekyc_case_check_free)
G_DEFINE_BOXED_TYPE (EkycFieldEdit, ekyc_field_edit, ekyc_field_edit_copy, ekyc_field_edit_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_TELLER,
  PROP_FULL_NAME,
  PROP_ID_NUMBER,
  PROP_HAS_SIMILARITY,
  PROP_SIMILARITY,
  PROP_HAS_PASSIVE_LIVENESS,
  PROP_PASSIVE_LIVENESS,
  PROP_ACTIVE_LIVENESS,
  PROP_DECISION,
  PROP_REASONS,
  PROP_REVIEW_STATE,
  PROP_REVIEWER,
  PROP_REVIEW_NOTE,
  PROP_REVIEWED_AT,
  PROP_SYNC_STATE,
  PROP_EVIDENCE_PURGED,
  PROP_EVIDENCE_PURGED_AT,
  N_PROPS
};

enum {
  FIELDS_CHANGED,
  CHECKS_CHANGED,
  EVIDENCE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

EkycCaseCheck *
ekyc_case_check_copy (const EkycCaseCheck *check)
{
  EkycCaseCheck *copy;

  g_return_val_if_fail (check != NULL, NULL);

  copy = g_new0 (EkycCaseCheck, 1);
  copy->name = g_strdup (check->name);
  copy->outcome = check->outcome;
  copy->detail = g_strdup (check->detail);
  return copy;
}

void
ekyc_case_check_free (EkycCaseCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->name);
  g_free (check->detail);
  g_free (check);
}

EkycFieldEdit *
ekyc_field_edit_copy (const EkycFieldEdit *edit)
{
  EkycFieldEdit *copy;

  g_return_val_if_fail (edit != NULL, NULL);

  copy = g_new0 (EkycFieldEdit, 1);
  copy->field = g_strdup (edit->field);
  copy->old_value = g_strdup (edit->old_value);
  copy->new_value = g_strdup (edit->new_value);
  copy->user = g_strdup (edit->user);
  copy->at = edit->at ? g_date_time_ref (edit->at) : NULL;
  return copy;
}

void
ekyc_field_edit_free (EkycFieldEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->field);
  g_free (edit->old_value);
  g_free (edit->new_value);
  g_free (edit->user);
  g_clear_pointer (&edit->at, g_date_time_unref);
  g_free (edit);
}

static void
field_free (Field *field)
{
  g_free (field->name);
  g_free (field->value);
  g_free (field->original);
  g_free (field);
}

static Field *
find_field (EkycCase *self, const char *name)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      if (g_str_equal (field->name, name))
        return field;
    }
  return NULL;
}

static gboolean
replace_str (char **slot, const char *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
notify_field (EkycCase *self, const char *name)
{
  if (g_str_equal (name, EKYC_FIELD_FULL_NAME))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_NAME]);
  else if (g_str_equal (name, EKYC_FIELD_ID_NUMBER))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID_NUMBER]);
  g_signal_emit (self, signals[FIELDS_CHANGED], 0, name);
}

static void
ekyc_case_finalize (GObject *object)
{
  EkycCase *self = EKYC_CASE (object);

  g_free (self->id);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->evidence_purged_at, g_date_time_unref);
  g_free (self->teller);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->edits);
  g_ptr_array_unref (self->checks);
  for (guint i = 0; i < EKYC_N_EVIDENCE_KINDS; i++)
    {
      g_free (self->evidence[i].mime_type);
      g_clear_pointer (&self->evidence[i].data, g_bytes_unref);
    }
  g_strfreev (self->reasons);
  g_free (self->reviewer);
  g_free (self->review_note);
  g_clear_pointer (&self->reviewed_at, g_date_time_unref);

  G_OBJECT_CLASS (ekyc_case_parent_class)->finalize (object);
}

static void
ekyc_case_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EkycCase *self = EKYC_CASE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_CREATED_AT: g_value_set_boxed (value, self->created_at); break;
    case PROP_TELLER: g_value_set_string (value, self->teller); break;
    case PROP_FULL_NAME: g_value_set_string (value, ekyc_case_get_full_name (self)); break;
    case PROP_ID_NUMBER: g_value_set_string (value, ekyc_case_get_id_number (self)); break;
    case PROP_HAS_SIMILARITY: g_value_set_boolean (value, self->has_similarity); break;
    case PROP_SIMILARITY: g_value_set_double (value, self->similarity); break;
    case PROP_HAS_PASSIVE_LIVENESS: g_value_set_boolean (value, self->has_passive_liveness); break;
    case PROP_PASSIVE_LIVENESS: g_value_set_double (value, self->passive_liveness); break;
    case PROP_ACTIVE_LIVENESS: g_value_set_enum (value, self->active_liveness); break;
    case PROP_DECISION: g_value_set_enum (value, self->decision); break;
    case PROP_REASONS: g_value_set_boxed (value, self->reasons); break;
    case PROP_REVIEW_STATE: g_value_set_enum (value, self->review_state); break;
    case PROP_REVIEWER: g_value_set_string (value, self->reviewer); break;
    case PROP_REVIEW_NOTE: g_value_set_string (value, self->review_note); break;
    case PROP_REVIEWED_AT: g_value_set_boxed (value, self->reviewed_at); break;
    case PROP_SYNC_STATE: g_value_set_enum (value, self->sync_state); break;
    case PROP_EVIDENCE_PURGED: g_value_set_boolean (value, self->evidence_purged); break;
    case PROP_EVIDENCE_PURGED_AT: g_value_set_boxed (value, self->evidence_purged_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_case_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EkycCase *self = EKYC_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;
    case PROP_TELLER:
      self->teller = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_case_constructed (GObject *object)
{
  EkycCase *self = EKYC_CASE (object);

  G_OBJECT_CLASS (ekyc_case_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = g_uuid_string_random ();
  if (self->created_at == NULL)
    self->created_at = g_date_time_new_now_utc ();
  if (self->teller == NULL)
    self->teller = g_strdup ("");
}

static void
ekyc_case_class_init (EkycCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ekyc_case_finalize;
  object_class->get_property = ekyc_case_get_property;
  object_class->set_property = ekyc_case_set_property;
  object_class->constructed = ekyc_case_constructed;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, co);
  properties[PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL,
                                                    G_TYPE_DATE_TIME, co);
  properties[PROP_TELLER] = g_param_spec_string ("teller", NULL, NULL, NULL, co);
  properties[PROP_FULL_NAME] = g_param_spec_string ("full-name", NULL, NULL, NULL, ro);
  properties[PROP_ID_NUMBER] = g_param_spec_string ("id-number", NULL, NULL, NULL, ro);
  properties[PROP_HAS_SIMILARITY] = g_param_spec_boolean ("has-similarity", NULL, NULL,
                                                          FALSE, ro);
  properties[PROP_SIMILARITY] = g_param_spec_double ("similarity", NULL, NULL,
                                                     -1.0, 1.0, 0.0, ro);
  properties[PROP_HAS_PASSIVE_LIVENESS] = g_param_spec_boolean ("has-passive-liveness", NULL,
                                                                NULL, FALSE, ro);
  properties[PROP_PASSIVE_LIVENESS] = g_param_spec_double ("passive-liveness", NULL, NULL,
                                                           0.0, 1.0, 0.0, ro);
  properties[PROP_ACTIVE_LIVENESS] = g_param_spec_enum ("active-liveness", NULL, NULL,
                                                        EKYC_TYPE_CHECK_OUTCOME,
                                                        EKYC_CHECK_OUTCOME_NOT_RUN, ro);
  properties[PROP_DECISION] = g_param_spec_enum ("decision", NULL, NULL, EKYC_TYPE_DECISION,
                                                 EKYC_DECISION_NONE, ro);
  properties[PROP_REASONS] = g_param_spec_boxed ("reasons", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_REVIEW_STATE] = g_param_spec_enum ("review-state", NULL, NULL,
                                                     EKYC_TYPE_REVIEW_STATE,
                                                     EKYC_REVIEW_STATE_NONE, ro);
  properties[PROP_REVIEWER] = g_param_spec_string ("reviewer", NULL, NULL, NULL, ro);
  properties[PROP_REVIEW_NOTE] = g_param_spec_string ("review-note", NULL, NULL, NULL, ro);
  properties[PROP_REVIEWED_AT] = g_param_spec_boxed ("reviewed-at", NULL, NULL,
                                                     G_TYPE_DATE_TIME, ro);
  properties[PROP_SYNC_STATE] = g_param_spec_enum ("sync-state", NULL, NULL,
                                                   EKYC_TYPE_SYNC_STATE,
                                                   EKYC_SYNC_STATE_PENDING, ro);
  properties[PROP_EVIDENCE_PURGED] = g_param_spec_boolean ("evidence-purged", NULL, NULL,
                                                           FALSE, ro);
  properties[PROP_EVIDENCE_PURGED_AT] = g_param_spec_boxed ("evidence-purged-at", NULL, NULL,
                                                            G_TYPE_DATE_TIME, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (const char *field_name) */
  signals[FIELDS_CHANGED] = g_signal_new ("fields-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CHECKS_CHANGED] = g_signal_new ("checks-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  /* (EkycEvidenceKind kind) */
  signals[EVIDENCE_CHANGED] = g_signal_new ("evidence-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, EKYC_TYPE_EVIDENCE_KIND);
}

static void
ekyc_case_init (EkycCase *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_field_edit_free);
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_case_check_free);
  self->reasons = g_new0 (char *, 1);
}

EkycCase *
ekyc_case_new (const char *teller)
{
  g_return_val_if_fail (teller != NULL, NULL);

  return g_object_new (EKYC_TYPE_CASE, "teller", teller, NULL);
}

EkycCase *
_ekyc_case_new_with_id (const char *id, GDateTime *created_at, const char *teller)
{
  return g_object_new (EKYC_TYPE_CASE, "id", id, "created-at", created_at, "teller", teller,
                       NULL);
}

const char *
ekyc_case_get_id (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return self->id;
}

GDateTime *
ekyc_case_get_created_at (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return self->created_at;
}

const char *
ekyc_case_get_teller (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return self->teller;
}

const char *
ekyc_case_get_full_name (EkycCase *self)
{
  return ekyc_case_get_field (self, EKYC_FIELD_FULL_NAME);
}

const char *
ekyc_case_get_id_number (EkycCase *self)
{
  return ekyc_case_get_field (self, EKYC_FIELD_ID_NUMBER);
}

void
ekyc_case_set_field (EkycCase        *self,
                     const char      *name,
                     const char      *value,
                     EkycFieldSource  source)
{
  Field *field;

  g_return_if_fail (EKYC_IS_CASE (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  field = find_field (self, name);
  if (field == NULL)
    {
      field = g_new0 (Field, 1);
      field->name = g_strdup (name);
      g_ptr_array_add (self->fields, field);
    }
  else if (g_strcmp0 (field->value, value) == 0 && field->source == source)
    return;
  g_free (field->value);
  field->value = g_strdup (value);
  field->source = source;
  g_free (field->original);
  field->original = g_strdup (value);
  field->original_source = source;
  notify_field (self, name);
}

gboolean
ekyc_case_edit_field (EkycCase    *self,
                      const char  *name,
                      const char  *value,
                      const char  *user,
                      GError     **error)
{
  EkycFieldEdit *edit;
  Field *field;

  g_return_val_if_fail (EKYC_IS_CASE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*name == '\0' || value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The corrected value is not valid text."));
      return FALSE;
    }

  field = find_field (self, name);
  if (field != NULL && g_strcmp0 (field->value, value) == 0)
    return TRUE;

  edit = g_new0 (EkycFieldEdit, 1);
  edit->field = g_strdup (name);
  edit->old_value = field ? g_strdup (field->value) : NULL;
  edit->new_value = g_strdup (value);
  edit->user = g_strdup (user);
  edit->at = g_date_time_new_now_utc ();
  g_ptr_array_add (self->edits, edit);

  if (field == NULL)
    {
      field = g_new0 (Field, 1);
      field->name = g_strdup (name);
      field->original_source = EKYC_FIELD_SOURCE_TELLER;
      g_ptr_array_add (self->fields, field);
    }
  g_free (field->value);
  field->value = g_strdup (value);
  field->source = EKYC_FIELD_SOURCE_TELLER;
  notify_field (self, name);
  return TRUE;
}

const char *
ekyc_case_get_field (EkycCase *self, const char *name)
{
  Field *field;

  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  field = find_field (self, name);
  return field ? field->value : NULL;
}

EkycFieldSource
ekyc_case_get_field_source (EkycCase *self, const char *name)
{
  Field *field;

  g_return_val_if_fail (EKYC_IS_CASE (self), EKYC_FIELD_SOURCE_TELLER);
  g_return_val_if_fail (name != NULL, EKYC_FIELD_SOURCE_TELLER);

  field = find_field (self, name);
  return field ? field->source : EKYC_FIELD_SOURCE_TELLER;
}

const char *
ekyc_case_get_field_original (EkycCase *self, const char *name)
{
  Field *field;

  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  field = find_field (self, name);
  return field ? field->original : NULL;
}

char **
ekyc_case_dup_field_names (EkycCase *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    g_strv_builder_add (builder, ((Field *) g_ptr_array_index (self->fields, i))->name);
  return g_strv_builder_end (builder);
}

GPtrArray *
ekyc_case_get_edits (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return self->edits;
}

void
_ekyc_case_restore_field (EkycCase        *self,
                          const char      *name,
                          const char      *value,
                          EkycFieldSource  source,
                          const char      *original,
                          EkycFieldSource  original_source)
{
  Field *field = find_field (self, name);

  if (field == NULL)
    {
      field = g_new0 (Field, 1);
      field->name = g_strdup (name);
      g_ptr_array_add (self->fields, field);
    }
  g_free (field->value);
  field->value = g_strdup (value);
  field->source = source;
  g_free (field->original);
  field->original = g_strdup (original);
  field->original_source = original_source;
}

gboolean
_ekyc_case_get_field_info (EkycCase         *self,
                           guint             index,
                           const char      **name,
                           const char      **value,
                           EkycFieldSource  *source,
                           const char      **original,
                           EkycFieldSource  *original_source)
{
  Field *field;

  if (index >= self->fields->len)
    return FALSE;
  field = g_ptr_array_index (self->fields, index);
  *name = field->name;
  *value = field->value;
  *source = field->source;
  *original = field->original;
  *original_source = field->original_source;
  return TRUE;
}

void
_ekyc_case_restore_edit (EkycCase *self, const EkycFieldEdit *edit)
{
  g_ptr_array_add (self->edits, ekyc_field_edit_copy (edit));
}

void
ekyc_case_set_evidence (EkycCase         *self,
                        EkycEvidenceKind  kind,
                        const char       *mime_type,
                        GBytes           *data)
{
  Evidence *evidence;

  g_return_if_fail (EKYC_IS_CASE (self));
  g_return_if_fail (kind < EKYC_N_EVIDENCE_KINDS);

  evidence = &self->evidence[kind];
  g_clear_pointer (&evidence->mime_type, g_free);
  g_clear_pointer (&evidence->data, g_bytes_unref);
  if (data != NULL)
    {
      evidence->mime_type = g_strdup (mime_type ? mime_type : "application/octet-stream");
      evidence->data = g_bytes_ref (data);
    }
  g_signal_emit (self, signals[EVIDENCE_CHANGED], 0, kind);
}

GBytes *
ekyc_case_get_evidence (EkycCase         *self,
                        EkycEvidenceKind  kind,
                        const char      **mime_type)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  g_return_val_if_fail (kind < EKYC_N_EVIDENCE_KINDS, NULL);

  if (mime_type != NULL)
    *mime_type = self->evidence[kind].mime_type;
  return self->evidence[kind].data;
}

gboolean
ekyc_case_get_evidence_purged (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), FALSE);
  return self->evidence_purged;
}

void
_ekyc_case_set_evidence_purged (EkycCase *self, gboolean purged)
{
  purged = !!purged;
  if (self->evidence_purged == purged)
    return;
  self->evidence_purged = purged;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE_PURGED]);
}

GDateTime *
ekyc_case_get_evidence_purged_at (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return self->evidence_purged_at;
}

void
_ekyc_case_set_evidence_purged_at (EkycCase *self, GDateTime *at)
{
  _ekyc_case_set_evidence_purged (self, at != NULL);
  if (self->evidence_purged_at == at
      || (self->evidence_purged_at != NULL && at != NULL
          && g_date_time_equal (self->evidence_purged_at, at)))
    return;
  g_clear_pointer (&self->evidence_purged_at, g_date_time_unref);
  self->evidence_purged_at = at ? g_date_time_ref (at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE_PURGED_AT]);
}

void
ekyc_case_set_similarity (EkycCase *self, double similarity)
{
  g_return_if_fail (EKYC_IS_CASE (self));

  similarity = CLAMP (similarity, -1.0, 1.0);
  if (self->has_similarity && self->similarity == similarity)
    return;
  self->similarity = similarity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIMILARITY]);
  if (!self->has_similarity)
    {
      self->has_similarity = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SIMILARITY]);
    }
}

void
_ekyc_case_clear_similarity (EkycCase *self)
{
  if (!self->has_similarity)
    return;
  self->has_similarity = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SIMILARITY]);
}

gboolean
ekyc_case_get_has_similarity (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), FALSE);
  return self->has_similarity;
}

double
ekyc_case_get_similarity (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), 0.0);
  return self->similarity;
}

void
ekyc_case_set_passive_liveness (EkycCase *self, double score)
{
  g_return_if_fail (EKYC_IS_CASE (self));

  score = CLAMP (score, 0.0, 1.0);
  if (self->has_passive_liveness && self->passive_liveness == score)
    return;
  self->passive_liveness = score;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSIVE_LIVENESS]);
  if (!self->has_passive_liveness)
    {
      self->has_passive_liveness = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PASSIVE_LIVENESS]);
    }
}

void
_ekyc_case_clear_passive_liveness (EkycCase *self)
{
  if (!self->has_passive_liveness)
    return;
  self->has_passive_liveness = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PASSIVE_LIVENESS]);
}

gboolean
ekyc_case_get_has_passive_liveness (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), FALSE);
  return self->has_passive_liveness;
}

double
ekyc_case_get_passive_liveness (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), 0.0);
  return self->passive_liveness;
}

void
ekyc_case_set_active_liveness (EkycCase         *self,
                               EkycCheckOutcome  outcome,
                               const char       *detail)
{
  g_return_if_fail (EKYC_IS_CASE (self));

  ekyc_case_set_check (self, EKYC_CHECK_ACTIVE_LIVENESS, outcome, detail);
}

EkycCheckOutcome
ekyc_case_get_active_liveness (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), EKYC_CHECK_OUTCOME_NOT_RUN);
  return self->active_liveness;
}

void
ekyc_case_set_check (EkycCase         *self,
                     const char       *name,
                     EkycCheckOutcome  outcome,
                     const char       *detail)
{
  EkycCaseCheck *check = NULL;

  g_return_if_fail (EKYC_IS_CASE (self));
  g_return_if_fail (name != NULL && *name != '\0');

  for (guint i = 0; i < self->checks->len && check == NULL; i++)
    if (g_str_equal (((EkycCaseCheck *) g_ptr_array_index (self->checks, i))->name, name))
      check = g_ptr_array_index (self->checks, i);
  if (check == NULL)
    {
      check = g_new0 (EkycCaseCheck, 1);
      check->name = g_strdup (name);
      g_ptr_array_add (self->checks, check);
    }
  check->outcome = outcome;
  g_free (check->detail);
  check->detail = g_strdup (detail);

  if (g_str_equal (name, EKYC_CHECK_ACTIVE_LIVENESS) && self->active_liveness != outcome)
    {
      self->active_liveness = outcome;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_LIVENESS]);
    }
  g_signal_emit (self, signals[CHECKS_CHANGED], 0);
}

EkycCheckOutcome
ekyc_case_get_check_outcome (EkycCase *self, const char *name)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), EKYC_CHECK_OUTCOME_NOT_RUN);
  g_return_val_if_fail (name != NULL, EKYC_CHECK_OUTCOME_NOT_RUN);

  for (guint i = 0; i < self->checks->len; i++)
    {
      EkycCaseCheck *check = g_ptr_array_index (self->checks, i);
      if (g_str_equal (check->name, name))
        return check->outcome;
    }
  return EKYC_CHECK_OUTCOME_NOT_RUN;
}

GPtrArray *
ekyc_case_get_checks (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return self->checks;
}

void
ekyc_case_set_decision (EkycCase           *self,
                        EkycDecision        decision,
                        const char * const *reasons)
{
  g_return_if_fail (EKYC_IS_CASE (self));

  if (self->decision != decision)
    {
      self->decision = decision;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION]);
    }
  if (!g_strv_equal ((const char * const *) self->reasons,
                     reasons ? reasons : (const char * const[]) { NULL }))
    {
      g_strfreev (self->reasons);
      self->reasons = reasons ? g_strdupv ((char **) reasons) : g_new0 (char *, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASONS]);
    }
}

EkycDecision
ekyc_case_get_decision (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), EKYC_DECISION_NONE);
  return self->decision;
}

const char * const *
ekyc_case_get_reasons (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return (const char * const *) self->reasons;
}

void
_ekyc_case_set_review (EkycCase        *self,
                       EkycReviewState  state,
                       const char      *reviewer,
                       const char      *note,
                       GDateTime       *at)
{
  if (self->review_state != state)
    {
      self->review_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_STATE]);
    }
  if (replace_str (&self->reviewer, reviewer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWER]);
  if (replace_str (&self->review_note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_NOTE]);
  if (self->reviewed_at != at)
    {
      g_clear_pointer (&self->reviewed_at, g_date_time_unref);
      self->reviewed_at = at ? g_date_time_ref (at) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWED_AT]);
    }
}

EkycReviewState
ekyc_case_get_review_state (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), EKYC_REVIEW_STATE_NONE);
  return self->review_state;
}

const char *
ekyc_case_get_reviewer (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return self->reviewer;
}

const char *
ekyc_case_get_review_note (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return self->review_note;
}

GDateTime *
ekyc_case_get_reviewed_at (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), NULL);
  return self->reviewed_at;
}

void
_ekyc_case_set_sync_state (EkycCase *self, EkycSyncState state)
{
  if (self->sync_state == state)
    return;
  self->sync_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATE]);
}

EkycSyncState
ekyc_case_get_sync_state (EkycCase *self)
{
  g_return_val_if_fail (EKYC_IS_CASE (self), EKYC_SYNC_STATE_PENDING);
  return self->sync_state;
}
