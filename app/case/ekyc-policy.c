/* ekyc-policy.c — turns a case's facts into PASS, REVIEW or FAIL, with reasons
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-policy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ekyc-policy.h"

#define POLICY_JSON_VERSION 1

struct _EkycPolicy
{
  GObject    parent_instance;

  double     match_threshold;
  double     review_threshold;
  double     passive_liveness_threshold;
  gboolean   require_passive_liveness;
  gboolean   require_active_liveness;
  char     **required_checks;
};

G_DEFINE_FINAL_TYPE (EkycPolicy, ekyc_policy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MATCH_THRESHOLD,
  PROP_REVIEW_THRESHOLD,
  PROP_PASSIVE_LIVENESS_THRESHOLD,
  PROP_REQUIRE_PASSIVE_LIVENESS,
  PROP_REQUIRE_ACTIVE_LIVENESS,
  PROP_REQUIRED_CHECKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const default_required_checks[] = {
  "qr-payload", "id-number", "dates-valid", "not-expired", "age-14", "card-back", NULL
};

static void
ekyc_policy_finalize (GObject *object)
{
  EkycPolicy *self = EKYC_POLICY (object);

  g_strfreev (self->required_checks);

  G_OBJECT_CLASS (ekyc_policy_parent_class)->finalize (object);
}

static void
ekyc_policy_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EkycPolicy *self = EKYC_POLICY (object);

  switch (prop_id)
    {
    case PROP_MATCH_THRESHOLD: g_value_set_double (value, self->match_threshold); break;
    case PROP_REVIEW_THRESHOLD: g_value_set_double (value, self->review_threshold); break;
    case PROP_PASSIVE_LIVENESS_THRESHOLD:
      g_value_set_double (value, self->passive_liveness_threshold);
      break;
    case PROP_REQUIRE_PASSIVE_LIVENESS:
      g_value_set_boolean (value, self->require_passive_liveness);
      break;
    case PROP_REQUIRE_ACTIVE_LIVENESS:
      g_value_set_boolean (value, self->require_active_liveness);
      break;
    case PROP_REQUIRED_CHECKS: g_value_set_boxed (value, self->required_checks); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_policy_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EkycPolicy *self = EKYC_POLICY (object);

  switch (prop_id)
    {
    case PROP_MATCH_THRESHOLD:
      ekyc_policy_set_match_threshold (self, g_value_get_double (value));
      break;
    case PROP_REVIEW_THRESHOLD:
      ekyc_policy_set_review_threshold (self, g_value_get_double (value));
      break;
    case PROP_PASSIVE_LIVENESS_THRESHOLD:
      ekyc_policy_set_passive_liveness_threshold (self, g_value_get_double (value));
      break;
    case PROP_REQUIRE_PASSIVE_LIVENESS:
      ekyc_policy_set_require_passive_liveness (self, g_value_get_boolean (value));
      break;
    case PROP_REQUIRE_ACTIVE_LIVENESS:
      ekyc_policy_set_require_active_liveness (self, g_value_get_boolean (value));
      break;
    case PROP_REQUIRED_CHECKS:
      ekyc_policy_set_required_checks (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_policy_class_init (EkycPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ekyc_policy_finalize;
  object_class->get_property = ekyc_policy_get_property;
  object_class->set_property = ekyc_policy_set_property;

  properties[PROP_MATCH_THRESHOLD] =
    g_param_spec_double ("match-threshold", NULL, NULL, -1.0, 1.0,
                         EKYC_POLICY_DEFAULT_MATCH_THRESHOLD, rw);
  properties[PROP_REVIEW_THRESHOLD] =
    g_param_spec_double ("review-threshold", NULL, NULL, -1.0, 1.0,
                         EKYC_POLICY_DEFAULT_REVIEW_THRESHOLD, rw);
  properties[PROP_PASSIVE_LIVENESS_THRESHOLD] =
    g_param_spec_double ("passive-liveness-threshold", NULL, NULL, 0.0, 1.0,
                         EKYC_POLICY_DEFAULT_LIVENESS_THRESHOLD, rw);
  properties[PROP_REQUIRE_PASSIVE_LIVENESS] =
    g_param_spec_boolean ("require-passive-liveness", NULL, NULL, TRUE, rw);
  properties[PROP_REQUIRE_ACTIVE_LIVENESS] =
    g_param_spec_boolean ("require-active-liveness", NULL, NULL, TRUE, rw);
  properties[PROP_REQUIRED_CHECKS] =
    g_param_spec_boxed ("required-checks", NULL, NULL, G_TYPE_STRV, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekyc_policy_init (EkycPolicy *self)
{
  self->match_threshold = EKYC_POLICY_DEFAULT_MATCH_THRESHOLD;
  self->review_threshold = EKYC_POLICY_DEFAULT_REVIEW_THRESHOLD;
  self->passive_liveness_threshold = EKYC_POLICY_DEFAULT_LIVENESS_THRESHOLD;
  self->require_passive_liveness = TRUE;
  self->require_active_liveness = TRUE;
  self->required_checks = g_strdupv ((char **) default_required_checks);
}

EkycPolicy *
ekyc_policy_new (void)
{
  return g_object_new (EKYC_TYPE_POLICY, NULL);
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

gboolean
ekyc_policy_validate (EkycPolicy *self, GError **error)
{
  g_return_val_if_fail (EKYC_IS_POLICY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->review_threshold > self->match_threshold)
    return invalid (error, _("The review threshold must not be above the match threshold."));
  for (guint i = 0; self->required_checks[i] != NULL; i++)
    if (*self->required_checks[i] == '\0')
      return invalid (error, _("A required check has no name."));
  return TRUE;
}

static gboolean
read_double (JsonObject *object, const char *member, double min, double max, double *out,
             GError **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_DOUBLE
          && json_node_get_value_type (node) != G_TYPE_INT64))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy's “%s” must be a number."), member);
      return FALSE;
    }
  value = json_node_get_double (node);
  if (!(value >= min && value <= max))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy's “%s” must be between %g and %g."), member, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
read_boolean (JsonObject *object, const char *member, gboolean *out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy's “%s” must be true or false."), member);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

EkycPolicy *
ekyc_policy_new_from_json (const char *json, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EkycPolicy) policy = ekyc_policy_new ();
  g_autoptr(GError) parse_error = NULL;
  JsonObject *object;
  JsonNode *checks;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &parse_error)
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The policy is not a valid JSON object."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  if (!read_double (object, "match-threshold", -1.0, 1.0, &policy->match_threshold, error)
      || !read_double (object, "review-threshold", -1.0, 1.0, &policy->review_threshold, error)
      || !read_double (object, "passive-liveness-threshold", 0.0, 1.0,
                       &policy->passive_liveness_threshold, error)
      || !read_boolean (object, "require-passive-liveness", &policy->require_passive_liveness,
                        error)
      || !read_boolean (object, "require-active-liveness", &policy->require_active_liveness,
                        error))
    return NULL;

  checks = json_object_get_member (object, "required-checks");
  if (checks != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (checks))
        {
          invalid (error, _("The policy's “required-checks” must be a list of check names."));
          return NULL;
        }
      array = json_node_get_array (checks);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            {
              invalid (error,
                       _("The policy's “required-checks” must be a list of check names."));
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (item));
        }
      g_strfreev (policy->required_checks);
      policy->required_checks = g_strv_builder_end (builder);
    }

  if (!ekyc_policy_validate (policy, error))
    return NULL;
  return g_steal_pointer (&policy);
}

char *
ekyc_policy_to_json (EkycPolicy *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (EKYC_IS_POLICY (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, POLICY_JSON_VERSION);
  json_builder_set_member_name (builder, "match-threshold");
  json_builder_add_double_value (builder, self->match_threshold);
  json_builder_set_member_name (builder, "review-threshold");
  json_builder_add_double_value (builder, self->review_threshold);
  json_builder_set_member_name (builder, "passive-liveness-threshold");
  json_builder_add_double_value (builder, self->passive_liveness_threshold);
  json_builder_set_member_name (builder, "require-passive-liveness");
  json_builder_add_boolean_value (builder, self->require_passive_liveness);
  json_builder_set_member_name (builder, "require-active-liveness");
  json_builder_add_boolean_value (builder, self->require_active_liveness);
  json_builder_set_member_name (builder, "required-checks");
  json_builder_begin_array (builder);
  for (guint i = 0; self->required_checks[i] != NULL; i++)
    json_builder_add_string_value (builder, self->required_checks[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

#define DEFINE_DOUBLE_ACCESSORS(field, PROP)                                  \
double                                                                        \
ekyc_policy_get_##field (EkycPolicy *self)                                    \
{                                                                             \
  g_return_val_if_fail (EKYC_IS_POLICY (self), 0.0);                          \
  return self->field;                                                         \
}                                                                             \
void                                                                          \
ekyc_policy_set_##field (EkycPolicy *self, double value)                      \
{                                                                             \
  g_return_if_fail (EKYC_IS_POLICY (self));                                   \
  if (self->field == value)                                                   \
    return;                                                                   \
  self->field = value;                                                        \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);               \
}

#define DEFINE_BOOLEAN_ACCESSORS(field, PROP)                                 \
gboolean                                                                      \
ekyc_policy_get_##field (EkycPolicy *self)                                    \
{                                                                             \
  g_return_val_if_fail (EKYC_IS_POLICY (self), FALSE);                        \
  return self->field;                                                         \
}                                                                             \
void                                                                          \
ekyc_policy_set_##field (EkycPolicy *self, gboolean value)                    \
{                                                                             \
  g_return_if_fail (EKYC_IS_POLICY (self));                                   \
  value = !!value;                                                            \
  if (self->field == value)                                                   \
    return;                                                                   \
  self->field = value;                                                        \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);               \
}

DEFINE_DOUBLE_ACCESSORS (match_threshold, PROP_MATCH_THRESHOLD)
DEFINE_DOUBLE_ACCESSORS (review_threshold, PROP_REVIEW_THRESHOLD)
DEFINE_DOUBLE_ACCESSORS (passive_liveness_threshold, PROP_PASSIVE_LIVENESS_THRESHOLD)
DEFINE_BOOLEAN_ACCESSORS (require_passive_liveness, PROP_REQUIRE_PASSIVE_LIVENESS)
DEFINE_BOOLEAN_ACCESSORS (require_active_liveness, PROP_REQUIRE_ACTIVE_LIVENESS)

const char * const *
ekyc_policy_get_required_checks (EkycPolicy *self)
{
  g_return_val_if_fail (EKYC_IS_POLICY (self), NULL);
  return (const char * const *) self->required_checks;
}

void
ekyc_policy_set_required_checks (EkycPolicy *self, const char * const *checks)
{
  const char * const empty[] = { NULL };

  g_return_if_fail (EKYC_IS_POLICY (self));

  if (checks == NULL)
    checks = empty;
  if (g_strv_equal ((const char * const *) self->required_checks, checks))
    return;
  g_strfreev (self->required_checks);
  self->required_checks = g_strdupv ((char **) checks);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED_CHECKS]);
}

static void
raise_to (EkycDecision *decision, EkycDecision at_least)
{
  /* NONE < PASS < REVIEW < FAIL in severity, the order of the enum. */
  if (at_least > *decision)
    *decision = at_least;
}

EkycDecision
ekyc_policy_decide (EkycPolicy   *self,
                    EkycCase     *kase,
                    char       ***reasons_out)
{
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  EkycDecision decision = EKYC_DECISION_PASS;
  GPtrArray *checks;
  gboolean any_reason = FALSE;

  g_return_val_if_fail (EKYC_IS_POLICY (self), EKYC_DECISION_NONE);
  g_return_val_if_fail (EKYC_IS_CASE (kase), EKYC_DECISION_NONE);

#define REASON(severity, code) \
  G_STMT_START { raise_to (&decision, severity); g_strv_builder_add (reasons, code); \
                 any_reason = TRUE; } G_STMT_END

  if (!ekyc_case_get_has_similarity (kase))
    REASON (EKYC_DECISION_REVIEW, "face-not-compared");
  else if (ekyc_case_get_similarity (kase) < self->review_threshold)
    REASON (EKYC_DECISION_FAIL, "face-mismatch");
  else if (ekyc_case_get_similarity (kase) < self->match_threshold)
    REASON (EKYC_DECISION_REVIEW, "face-uncertain");

  if (self->require_passive_liveness)
    {
      if (!ekyc_case_get_has_passive_liveness (kase))
        REASON (EKYC_DECISION_REVIEW, "liveness-passive-missing");
      else if (ekyc_case_get_passive_liveness (kase) < self->passive_liveness_threshold)
        REASON (EKYC_DECISION_FAIL, "liveness-passive-failed");
    }

  if (self->require_active_liveness)
    {
      EkycCheckOutcome active = ekyc_case_get_active_liveness (kase);
      if (active == EKYC_CHECK_OUTCOME_FAILED)
        REASON (EKYC_DECISION_FAIL, "liveness-active-failed");
      else if (active == EKYC_CHECK_OUTCOME_REVIEW)
        REASON (EKYC_DECISION_REVIEW, "liveness-active-review");
      else if (active == EKYC_CHECK_OUTCOME_NOT_RUN)
        REASON (EKYC_DECISION_REVIEW, "liveness-active-missing");
    }

  for (guint i = 0; self->required_checks[i] != NULL; i++)
    {
      const char *name = self->required_checks[i];
      EkycCheckOutcome outcome = ekyc_case_get_check_outcome (kase, name);
      g_autofree char *code = NULL;

      if (g_str_equal (name, EKYC_CHECK_ACTIVE_LIVENESS) && self->require_active_liveness)
        continue;
      if (outcome == EKYC_CHECK_OUTCOME_FAILED)
        {
          code = g_strconcat ("check-failed:", name, NULL);
          REASON (EKYC_DECISION_FAIL, code);
        }
      else if (outcome == EKYC_CHECK_OUTCOME_REVIEW)
        {
          code = g_strconcat ("check-review:", name, NULL);
          REASON (EKYC_DECISION_REVIEW, code);
        }
      else if (outcome == EKYC_CHECK_OUTCOME_NOT_RUN)
        {
          code = g_strconcat ("check-missing:", name, NULL);
          REASON (EKYC_DECISION_REVIEW, code);
        }
    }

  checks = ekyc_case_get_checks (kase);
  for (guint i = 0; i < checks->len; i++)
    {
      EkycCaseCheck *check = g_ptr_array_index (checks, i);
      g_autofree char *code = NULL;

      if ((check->outcome != EKYC_CHECK_OUTCOME_FAILED
           && check->outcome != EKYC_CHECK_OUTCOME_REVIEW)
          || g_strv_contains ((const char * const *) self->required_checks, check->name)
          || g_str_equal (check->name, EKYC_CHECK_ACTIVE_LIVENESS))
        continue;
      code = g_strconcat (check->outcome == EKYC_CHECK_OUTCOME_REVIEW
                          ? "check-review:" : "check-failed:", check->name, NULL);
      REASON (EKYC_DECISION_REVIEW, code);
    }
#undef REASON

  if (!any_reason)
    g_strv_builder_add (reasons, "all-passed");
  if (reasons_out != NULL)
    *reasons_out = g_strv_builder_end (reasons);
  return decision;
}

EkycDecision
ekyc_policy_apply (EkycPolicy *self, EkycCase *kase)
{
  g_auto(GStrv) reasons = NULL;
  EkycDecision decision;

  g_return_val_if_fail (EKYC_IS_POLICY (self), EKYC_DECISION_NONE);
  g_return_val_if_fail (EKYC_IS_CASE (kase), EKYC_DECISION_NONE);

  decision = ekyc_policy_decide (self, kase, &reasons);
  ekyc_case_set_decision (kase, decision, (const char * const *) reasons);
  return decision;
}

static const char *
describe_check (const char *name)
{
  static const struct { const char *name; const char *label; } checks[] = {
    { "qr-payload", N_("the card's QR code") },
    { "id-number", N_("the ID number") },
    { "dates-valid", N_("the card's dates") },
    { "issued-from-14", N_("the age at issue") },
    { "not-expired", N_("the card's expiry") },
    { "age-14", N_("the holder's age") },
    { "card-back", N_("the back of the card") },
    { EKYC_CHECK_ACTIVE_LIVENESS, N_("the liveness challenge") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (checks); i++)
    if (g_str_equal (checks[i].name, name))
      return _(checks[i].label);
  return name;
}

char *
ekyc_policy_describe_reason (const char *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);

  if (g_str_equal (reason, "all-passed"))
    return g_strdup (_("Every required check passed."));
  if (g_str_equal (reason, "face-not-compared"))
    return g_strdup (_("The faces were not compared."));
  if (g_str_equal (reason, "face-mismatch"))
    return g_strdup (_("The selfie does not match the card portrait."));
  if (g_str_equal (reason, "face-uncertain"))
    return g_strdup (_("The selfie and the card portrait match only weakly."));
  if (g_str_equal (reason, "liveness-passive-missing"))
    return g_strdup (_("The selfie was not checked for liveness."));
  if (g_str_equal (reason, "liveness-passive-failed"))
    return g_strdup (_("The selfie looks like a photo or a screen, not a live person."));
  if (g_str_equal (reason, "liveness-active-failed"))
    return g_strdup (_("The customer did not complete the liveness challenge."));
  if (g_str_equal (reason, "liveness-active-review"))
    return g_strdup (_("The liveness challenge needs a person's review."));
  if (g_str_equal (reason, "liveness-active-missing"))
    return g_strdup (_("The liveness challenge was not done."));
  if (g_str_has_prefix (reason, "check-failed:"))
    return g_strdup_printf (_("The check of %s failed."),
                            describe_check (reason + strlen ("check-failed:")));
  if (g_str_has_prefix (reason, "check-review:"))
    return g_strdup_printf (_("The check of %s needs a person's review."),
                            describe_check (reason + strlen ("check-review:")));
  if (g_str_has_prefix (reason, "check-missing:"))
    return g_strdup_printf (_("The check of %s was not done."),
                            describe_check (reason + strlen ("check-missing:")));
  return g_strdup (reason);
}
