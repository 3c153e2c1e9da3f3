/* ekyc-application-store.c — the application's link to the case store: accounts, saving a
 * verification as a case, the case list, the review queue
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc"
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ekyc-application-private.h"
#include "ekyc-store.h"

/* The verification's field names as app/case names them. */
static const char *const case_field_names[EKYC_N_CARD_FIELDS] = {
  [EKYC_CARD_FIELD_ID_NUMBER] = EKYC_FIELD_ID_NUMBER,
  [EKYC_CARD_FIELD_FULL_NAME] = EKYC_FIELD_FULL_NAME,
  [EKYC_CARD_FIELD_BIRTH_DATE] = EKYC_FIELD_BIRTH_DATE,
  [EKYC_CARD_FIELD_SEX] = EKYC_FIELD_SEX,
  [EKYC_CARD_FIELD_RESIDENCE] = EKYC_FIELD_RESIDENCE,
  [EKYC_CARD_FIELD_ISSUE_DATE] = EKYC_FIELD_ISSUE_DATE,
  [EKYC_CARD_FIELD_EXPIRY_DATE] = EKYC_FIELD_EXPIRY_DATE,
  [EKYC_CARD_FIELD_OLD_ID_NUMBER] = EKYC_FIELD_OLD_ID_NUMBER,
};

GObject *
_ekyc_application_open_store (GError **error)
{
  g_autofree char *path = g_strdup (g_getenv ("EKYC_STORE_PATH"));
  EkycStoreFlags flags = g_getenv ("EKYC_STORE_NO_KEYRING") ? EKYC_STORE_FLAGS_NO_KEYRING
                                                           : EKYC_STORE_FLAGS_NONE;

  if (path == NULL)
    path = ekyc_store_default_path ();
  return G_OBJECT (ekyc_store_open (path, flags, NULL, error));
}

const char *
_ekyc_application_store_path (GObject *store)
{
  return ekyc_store_get_path (EKYC_STORE (store));
}

gboolean
_ekyc_application_store_needs_first_user (GObject *store)
{
  return ekyc_store_needs_first_user (EKYC_STORE (store));
}

GObject *
_ekyc_application_store_sign_in (GObject *store, const char *user, const char *password,
                                 gboolean *supervisor, GError **error)
{
  EkycSession *session;

  /* The first user of a new store is its supervisor. */
  if (ekyc_store_needs_first_user (EKYC_STORE (store))
      && !ekyc_store_create_user (EKYC_STORE (store), NULL, user, user, password,
                                  EKYC_ROLE_SUPERVISOR, NULL, error))
    return NULL;
  session = ekyc_store_sign_in (EKYC_STORE (store), user, password, NULL, error);
  if (session != NULL)
    *supervisor = ekyc_session_is_supervisor (session);
  return G_OBJECT (session);
}

typedef struct {
  char *user;
  char *password;
} SignInCall;

static void
sign_in_call_free (SignInCall *call)
{
  g_free (call->user);
  if (call->password != NULL)
    memset (call->password, 0, strlen (call->password));
  g_free (call->password);
  g_free (call);
}

/* Argon2id takes about half a second: never on the main thread. */
static void
sign_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SignInCall *call = data;
  GError *error = NULL;
  gboolean supervisor = FALSE;
  GObject *session = _ekyc_application_store_sign_in (source, call->user, call->password,
                                                      &supervisor, &error);

  if (session == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, session, g_object_unref);
}

void
_ekyc_application_store_sign_in_async (GObject *store, const char *user, const char *password,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  SignInCall *call = g_new0 (SignInCall, 1);

  call->user = g_strdup (user);
  call->password = g_strdup (password);
  g_task_set_source_tag (task, _ekyc_application_store_sign_in_async);
  g_task_set_task_data (task, call, (GDestroyNotify) sign_in_call_free);
  g_task_run_in_thread (task, sign_in_thread);
}

GObject *
_ekyc_application_store_sign_in_finish (GObject *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_ekyc_application_session_is_supervisor (GObject *session)
{
  return ekyc_session_is_supervisor (EKYC_SESSION (session));
}

static GBytes *
encode (EkycImage *image)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  int fd = g_file_open_tmp ("ekyc-evidence-XXXXXX.jpg", &path, NULL);

  if (fd < 0)
    return NULL;
  close (fd);
  if (ekyc_image_save_jpeg (image, path, 90, NULL))
    g_file_get_contents (path, &data, &length, NULL);
  g_unlink (path);
  return data ? g_bytes_new_take (g_steal_pointer (&data), length) : NULL;
}

static void
add_evidence (EkycCase *kase, EkycEvidenceKind kind, EkycImage *image)
{
  g_autoptr(GBytes) bytes = image ? encode (image) : NULL;

  if (bytes != NULL)
    ekyc_case_set_evidence (kase, kind, "image/jpeg", bytes);
}

/* The chip's portrait and security object as the chip gave them (its verdict is the check
 * "chip"). */
static void
add_chip_evidence (EkycCase *kase, const EkycChipDocument *chip)
{
  if (chip == NULL)
    return;
  if (chip->portrait.image != NULL)
    ekyc_case_set_evidence (kase, EKYC_EVIDENCE_CHIP_PORTRAIT,
                            chip->portrait.format == EKYC_CHIP_IMAGE_JPEG2000 ? "image/jp2"
                                                                             : "image/jpeg",
                            chip->portrait.image);
  if (chip->files[EKYC_CHIP_FILE_SOD] != NULL)
    ekyc_case_set_evidence (kase, EKYC_EVIDENCE_CHIP_SOD, "application/pkcs7-mime",
                            chip->files[EKYC_CHIP_FILE_SOD]);
}

/* The case of @v without its evidence, and the pictures to encode as evidence (off the main
 * thread: JPEG encoding takes tens of milliseconds per picture). */
typedef struct {
  EkycStore   *store;
  EkycSession *session;
  EkycCase    *kase;
  EkycImage   *images[EKYC_N_EVIDENCE_KINDS];
} SaveCall;

static void
save_call_free (SaveCall *call)
{
  g_clear_object (&call->store);
  g_clear_object (&call->session);
  g_clear_object (&call->kase);
  for (guint i = 0; i < G_N_ELEMENTS (call->images); i++)
    g_clear_pointer (&call->images[i], ekyc_image_unref);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveCall, save_call_free)

static void
keep_image (SaveCall *call, EkycEvidenceKind kind, EkycImage *image)
{
  g_assert (kind < G_N_ELEMENTS (call->images));
  call->images[kind] = image ? ekyc_image_ref (image) : NULL;
}

static SaveCall *
save_call_new (GObject *store, GObject *session, EkycVerification *v, GError **error)
{
  const char *user = ekyc_session_get_username (EKYC_SESSION (session));
  g_autoptr(SaveCall) call = g_new0 (SaveCall, 1);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  GPtrArray *checks = ekyc_verification_get_checks (v);
  static const EkycDecision decisions[] = { EKYC_DECISION_PASS, EKYC_DECISION_REVIEW,
                                            EKYC_DECISION_FAIL };
  double similarity = ekyc_verification_get_similarity (v);
  double liveness = ekyc_verification_get_liveness_score (v);
  EkycCase *kase;

  call->store = EKYC_STORE (g_object_ref (store));
  call->session = EKYC_SESSION (g_object_ref (session));
  call->kase = kase = ekyc_case_new (user);
  for (EkycCardField f = 0; f < EKYC_N_CARD_FIELDS; f++)
    {
      const char *original = ekyc_verification_get_original (v, f);
      const char *value = ekyc_verification_get_field (v, f);

      if (original != NULL)
        ekyc_case_set_field (kase, case_field_names[f], original,
                             ekyc_verification_get_field_source (v, f) == EKYC_CARD_SOURCE_CHIP
                             ? EKYC_FIELD_SOURCE_CHIP : EKYC_FIELD_SOURCE_QR);
      if (ekyc_verification_field_edited (v, f) && value != NULL
          && !ekyc_case_edit_field (kase, case_field_names[f], value, user, error))
        return NULL;
    }
  keep_image (call, EKYC_EVIDENCE_CARD_FRONT, ekyc_verification_get_image (v, EKYC_STEP_FRONT));
  keep_image (call, EKYC_EVIDENCE_CARD_BACK, ekyc_verification_get_image (v, EKYC_STEP_BACK));
  keep_image (call, EKYC_EVIDENCE_CARD_PORTRAIT, ekyc_verification_get_face (v, EKYC_STEP_FRONT));
  keep_image (call, EKYC_EVIDENCE_SELFIE, ekyc_verification_get_face (v, EKYC_STEP_SELFIE));
  add_chip_evidence (kase, ekyc_verification_get_chip (v));
  if (!isnan (similarity))
    ekyc_case_set_similarity (kase, similarity);
  if (!isnan (liveness))
    ekyc_case_set_passive_liveness (kase, liveness);
  for (guint i = 0; i < checks->len; i++)
    {
      EkycCheck *c = g_ptr_array_index (checks, i);

      ekyc_case_set_check (kase, c->id, c->outcome == EKYC_VERDICT_PASS
                                        ? EKYC_CHECK_OUTCOME_PASSED
                                        : c->outcome == EKYC_VERDICT_NOT_CHECKED
                                        ? EKYC_CHECK_OUTCOME_NOT_RUN
                                        : c->outcome == EKYC_VERDICT_REVIEW
                                        ? EKYC_CHECK_OUTCOME_REVIEW : EKYC_CHECK_OUTCOME_FAILED,
                           c->detail);
      if (c->outcome != EKYC_VERDICT_PASS && c->outcome != EKYC_VERDICT_NOT_CHECKED)
        g_ptr_array_add (reasons, c->id);
    }
  if (reasons->len == 0)
    g_ptr_array_add (reasons, "all-passed");
  g_ptr_array_add (reasons, NULL);
  ekyc_case_set_decision (kase, decisions[ekyc_verification_get_decision (v)],
                          (const char * const *) reasons->pdata);
  return g_steal_pointer (&call);
}

/* Encodes the evidence and saves the case; returns its id. Runs on any thread. */
static char *
save_call_run (SaveCall *call, GCancellable *cancellable, GError **error)
{
  for (guint kind = 0; kind < G_N_ELEMENTS (call->images); kind++)
    add_evidence (call->kase, kind, call->images[kind]);
  if (!ekyc_store_save_case (call->store, call->session, call->kase, cancellable, error))
    return NULL;
  return g_strdup (ekyc_case_get_id (call->kase));
}

gboolean
_ekyc_application_store_save (GObject *store, GObject *session, EkycVerification *v,
                              char **case_id, GError **error)
{
  g_autoptr(SaveCall) call = save_call_new (store, session, v, error);
  g_autofree char *id = call ? save_call_run (call, NULL, error) : NULL;

  if (id == NULL)
    return FALSE;
  if (case_id != NULL)
    *case_id = g_steal_pointer (&id);
  return TRUE;
}

static void
save_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  char *id = save_call_run (data, cancellable, &error);

  if (id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, id, g_free);
}

void
_ekyc_application_store_save_async (GObject *store, GObject *session, EkycVerification *v,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  SaveCall *call = save_call_new (store, session, v, &error);

  g_task_set_source_tag (task, _ekyc_application_store_save_async);
  if (call == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, call, (GDestroyNotify) save_call_free);
  g_task_run_in_thread (task, save_thread);
}

char *
_ekyc_application_store_save_finish (GObject *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static EkycCaseQuery *
make_query (const char *text, int decision, int review_state, int sync_state)
{
  EkycCaseQuery *query = ekyc_case_query_new ();

  query->text = text && *text ? g_strdup (text) : NULL;
  query->decision = decision;
  query->review_state = review_state;
  query->sync_state = sync_state;
  query->limit = 500;
  return query;
}

GListModel *
_ekyc_application_store_query (GObject *store, GObject *session, const char *text,
                               int decision, int review_state, int sync_state, GError **error)
{
  g_autoptr(EkycCaseQuery) query = make_query (text, decision, review_state, sync_state);

  return ekyc_store_query_cases (EKYC_STORE (store), EKYC_SESSION (session), query, NULL,
                                 error);
}

void
_ekyc_application_store_query_async (GObject *store, GObject *session, const char *text,
                                     int decision, int review_state, int sync_state,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr(EkycCaseQuery) query = make_query (text, decision, review_state, sync_state);

  ekyc_store_query_cases_async (EKYC_STORE (store), EKYC_SESSION (session), query, cancellable,
                                callback, user_data);
}

GListModel *
_ekyc_application_store_query_finish (GObject *store, GAsyncResult *result, GError **error)
{
  return ekyc_store_query_cases_finish (EKYC_STORE (store), result, error);
}

void
_ekyc_application_store_load_async (GObject *store, GObject *session, GObject *kase,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  ekyc_store_load_case_async (EKYC_STORE (store), EKYC_SESSION (session),
                              ekyc_case_get_id (EKYC_CASE (kase)), cancellable, callback,
                              user_data);
}

GObject *
_ekyc_application_store_load_finish (GObject *store, GAsyncResult *result, GError **error)
{
  return G_OBJECT (ekyc_store_load_case_finish (EKYC_STORE (store), result, error));
}

void
_ekyc_application_store_review_async (GObject *store, GObject *session, GObject *kase,
                                      gboolean approve, const char *note,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  ekyc_store_review_case_async (EKYC_STORE (store), EKYC_SESSION (session),
                                ekyc_case_get_id (EKYC_CASE (kase)),
                                approve ? EKYC_REVIEW_STATE_APPROVED : EKYC_REVIEW_STATE_REJECTED,
                                note, cancellable, callback, user_data);
}

gboolean
_ekyc_application_store_review_finish (GObject *store, GAsyncResult *result, GError **error)
{
  return ekyc_store_review_case_finish (EKYC_STORE (store), result, error);
}

GObject *
_ekyc_application_store_load (GObject *store, GObject *session, GObject *kase, GError **error)
{
  return G_OBJECT (ekyc_store_load_case (EKYC_STORE (store), EKYC_SESSION (session),
                                         ekyc_case_get_id (EKYC_CASE (kase)), NULL, error));
}

/* Viewing a case: the case (recorded as "case-viewed") and then its audit history, which so
 * ends with this very viewing. */
typedef struct {
  EkycStore   *store;
  EkycSession *session;
  char        *case_id;
} ViewCall;

static void
view_call_free (ViewCall *call)
{
  g_clear_object (&call->store);
  g_clear_object (&call->session);
  g_free (call->case_id);
  g_free (call);
}

static void
view_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ViewCall *call = data;
  GError *error = NULL;
  g_autoptr(EkycCase) kase = ekyc_store_view_case (call->store, call->session, call->case_id,
                                                   cancellable, &error);
  g_autoptr(GListModel) history = NULL;
  GPtrArray *view;

  if (kase != NULL)
    history = ekyc_store_list_audit (call->store, call->session, call->case_id, &error);
  if (history == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  view = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (view, g_steal_pointer (&kase));
  g_ptr_array_add (view, g_steal_pointer (&history));
  g_task_return_pointer (task, view, (GDestroyNotify) g_ptr_array_unref);
}

void
_ekyc_application_store_view_async (GObject *store, GObject *session, GObject *kase,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ViewCall *call = g_new0 (ViewCall, 1);

  call->store = EKYC_STORE (g_object_ref (store));
  call->session = EKYC_SESSION (g_object_ref (session));
  call->case_id = g_strdup (ekyc_case_get_id (EKYC_CASE (kase)));
  g_task_set_source_tag (task, _ekyc_application_store_view_async);
  g_task_set_task_data (task, call, (GDestroyNotify) view_call_free);
  g_task_run_in_thread (task, view_thread);
}

GPtrArray *
_ekyc_application_store_view_finish (GObject *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

GdkPaintable *
_ekyc_application_case_evidence (GObject *kase, gboolean selfie)
{
  GBytes *bytes = ekyc_case_get_evidence (EKYC_CASE (kase), selfie ? EKYC_EVIDENCE_SELFIE
                                                                   : EKYC_EVIDENCE_CARD_PORTRAIT,
                                          NULL);

  return bytes ? GDK_PAINTABLE (gdk_texture_new_from_bytes (bytes, NULL)) : NULL;
}

gboolean
_ekyc_application_case_chip (GObject *kase, GBytes **portrait, const char **mime_type,
                             gboolean *verified, char **proven)
{
  GPtrArray *checks = ekyc_case_get_checks (EKYC_CASE (kase));
  GBytes *bytes = ekyc_case_get_evidence (EKYC_CASE (kase), EKYC_EVIDENCE_CHIP_PORTRAIT,
                                          mime_type);

  *portrait = bytes ? g_bytes_ref (bytes) : NULL;
  *verified = FALSE;
  *proven = NULL;
  if (bytes == NULL)
    return FALSE;
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      EkycCaseCheck *c = g_ptr_array_index (checks, i);

      if (!g_str_equal (c->name, "chip"))
        continue;
      *verified = c->outcome == EKYC_CHECK_OUTCOME_PASSED;
      *proven = g_strdup (c->detail);
    }
  return TRUE;
}

char *
_ekyc_application_case_reasons (GObject *kase)
{
  GPtrArray *checks = ekyc_case_get_checks (EKYC_CASE (kase));
  GString *s = g_string_new (NULL);

  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      EkycCaseCheck *c = g_ptr_array_index (checks, i);

      if (c->outcome == EKYC_CHECK_OUTCOME_PASSED || c->outcome == EKYC_CHECK_OUTCOME_NOT_RUN)
        continue;
      g_string_append_printf (s, "%s%s", s->len ? "\n" : "", c->detail ? c->detail : c->name);
    }
  return g_string_free (s, FALSE);
}

gboolean
_ekyc_application_store_review (GObject *store, GObject *session, GObject *kase,
                                gboolean approve, const char *note, GError **error)
{
  return ekyc_store_review_case (EKYC_STORE (store), EKYC_SESSION (session),
                                 ekyc_case_get_id (EKYC_CASE (kase)),
                                 approve ? EKYC_REVIEW_STATE_APPROVED : EKYC_REVIEW_STATE_REJECTED,
                                 note, NULL, error);
}

GListModel *
_ekyc_application_store_audit (GObject *store, GObject *session, const char *case_id,
                               GError **error)
{
  return ekyc_store_list_audit (EKYC_STORE (store), EKYC_SESSION (session), case_id, error);
}

/* ---- the one policy: the store's, which a supervisor changes ---- */

GObject *
_ekyc_application_store_load_policy (GObject *store, GError **error)
{
  if (store == NULL)
    return G_OBJECT (ekyc_policy_new ());
  return G_OBJECT (ekyc_store_load_policy (EKYC_STORE (store), error));
}

gboolean
_ekyc_application_store_save_policy (GObject *store, GObject *session, GObject *policy,
                                     GError **error)
{
  return ekyc_store_save_policy (EKYC_STORE (store), EKYC_SESSION (session),
                                 EKYC_POLICY (policy), error);
}

GObject *
_ekyc_application_policy_copy (GObject *policy)
{
  g_autofree char *json = ekyc_policy_to_json (EKYC_POLICY (policy));
  EkycPolicy *copy = ekyc_policy_new_from_json (json, NULL);

  g_assert (copy != NULL);
  return G_OBJECT (copy);
}

/* The verification's decision under @policy (an EkycPolicy). */
void
_ekyc_application_decision_policy (GObject *policy, EkycDecisionPolicy *out)
{
  EkycPolicy *p = EKYC_POLICY (policy);
  const char * const *required = ekyc_policy_get_required_checks (p);

  out->match_fmr = 1e-3;
  out->match_threshold = ekyc_policy_get_match_threshold (p);
  out->review_margin = MAX (0.0, ekyc_policy_get_match_threshold (p)
                                 - ekyc_policy_get_review_threshold (p));
  out->liveness_threshold = ekyc_policy_get_passive_liveness_threshold (p);
  out->require_active_liveness = ekyc_policy_get_require_active_liveness (p);
  out->require_back = required != NULL && g_strv_contains (required, "card-back");
  out->require_chip = required != NULL && g_strv_contains (required, "chip");
}

/* ---- the evidence retention: the store's, which a supervisor changes ---- */

guint
_ekyc_application_store_get_retention_days (GObject *store)
{
  if (store == NULL)
    return EKYC_STORE_DEFAULT_RETENTION_DAYS;
  return ekyc_store_get_retention_days (EKYC_STORE (store));
}

gboolean
_ekyc_application_store_set_retention_days (GObject *store, GObject *session, guint days,
                                            GError **error)
{
  return ekyc_store_set_retention_days (EKYC_STORE (store), EKYC_SESSION (session), days, error);
}

/* ---- the inactivity lock: the store's timeout, enforced by the session ---- */

guint
_ekyc_application_store_get_lock_timeout (GObject *store)
{
  if (store == NULL)
    return EKYC_SESSION_DEFAULT_LOCK_TIMEOUT;
  return ekyc_store_get_lock_timeout (EKYC_STORE (store));
}

gboolean
_ekyc_application_store_set_lock_timeout (GObject *store, GObject *session, guint seconds,
                                          GError **error)
{
  return ekyc_store_set_lock_timeout (EKYC_STORE (store), EKYC_SESSION (session), seconds, error);
}

gboolean
_ekyc_application_session_get_locked (GObject *session)
{
  return ekyc_session_get_locked (EKYC_SESSION (session));
}

void
_ekyc_application_session_lock (GObject *session)
{
  ekyc_session_lock (EKYC_SESSION (session));
}

void
_ekyc_application_session_touch (GObject *session)
{
  ekyc_session_touch (EKYC_SESSION (session));
}
