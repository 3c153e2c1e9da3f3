/* ekyc-case-list.c — a live GListModel of the cases that match a search and filters
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-case-list"

#include "config.h"

#include "ekyc-case-list.h"

struct _EkycCaseList
{
  GObject        parent_instance;

  EkycStore     *store;
  EkycSession   *session;
  EkycCaseQuery *query;
  GListModel    *items;
  GCancellable  *cancellable;  /* of the running query: a newer one cancels it */
  guint          refresh_source;
  gboolean       loading;
  char          *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EkycCaseList, ekyc_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_SEARCH_TEXT,
  PROP_DECISION,
  PROP_REVIEW_STATE,
  PROP_SYNC_STATE,
  PROP_FROM,
  PROP_TO,
  PROP_LOADING,
  PROP_ERROR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return EKYC_TYPE_CASE;
}

static guint
get_n_items (GListModel *model)
{
  EkycCaseList *self = EKYC_CASE_LIST (model);

  return self->items ? g_list_model_get_n_items (self->items) : 0;
}

static gpointer
get_item (GListModel *model, guint position)
{
  EkycCaseList *self = EKYC_CASE_LIST (model);

  return self->items ? g_list_model_get_item (self->items, position) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
set_loading (EkycCaseList *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (EkycCaseList *self, const char *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
on_query_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(EkycCaseList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  guint removed, added;

  items = ekyc_store_query_cases_finish (EKYC_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  if (items == NULL)
    {
      set_error (self, error->message);
      return;
    }
  set_error (self, NULL);
  removed = get_n_items (G_LIST_MODEL (self));
  g_set_object (&self->items, items);
  added = get_n_items (G_LIST_MODEL (self));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
ekyc_case_list_refresh (EkycCaseList *self)
{
  g_return_if_fail (EKYC_IS_CASE_LIST (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  set_loading (self, TRUE);
  ekyc_store_query_cases_async (self->store, self->session, self->query, self->cancellable,
                                on_query_done, g_object_ref (self));
}

static gboolean
refresh_now (gpointer user_data)
{
  EkycCaseList *self = user_data;

  self->refresh_source = 0;
  ekyc_case_list_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Typing in the search entry changes the query at every key: query once it settles. */
static void
queue_refresh (EkycCaseList *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (150, refresh_now, self);
}

static void
on_case_changed (EkycCaseList *self, const char *case_id)
{
  queue_refresh (self);
}

static void
ekyc_case_list_dispose (GObject *object)
{
  EkycCaseList *self = EKYC_CASE_LIST (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->items);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ekyc_case_list_parent_class)->dispose (object);
}

static void
ekyc_case_list_finalize (GObject *object)
{
  EkycCaseList *self = EKYC_CASE_LIST (object);

  ekyc_case_query_free (self->query);
  g_free (self->error);

  G_OBJECT_CLASS (ekyc_case_list_parent_class)->finalize (object);
}

static void
ekyc_case_list_constructed (GObject *object)
{
  EkycCaseList *self = EKYC_CASE_LIST (object);

  G_OBJECT_CLASS (ekyc_case_list_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "case-changed", G_CALLBACK (on_case_changed), self,
                           G_CONNECT_SWAPPED);
  ekyc_case_list_refresh (self);
}

static void
ekyc_case_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EkycCaseList *self = EKYC_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_SEARCH_TEXT: g_value_set_string (value, self->query->text); break;
    case PROP_DECISION: g_value_set_int (value, self->query->decision); break;
    case PROP_REVIEW_STATE: g_value_set_int (value, self->query->review_state); break;
    case PROP_SYNC_STATE: g_value_set_int (value, self->query->sync_state); break;
    case PROP_FROM: g_value_set_boxed (value, self->query->from); break;
    case PROP_TO: g_value_set_boxed (value, self->query->to); break;
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    case PROP_ERROR: g_value_set_string (value, self->error); break;
    case PROP_N_ITEMS: g_value_set_uint (value, get_n_items (G_LIST_MODEL (self))); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_case_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EkycCaseList *self = EKYC_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_SESSION: self->session = g_value_dup_object (value); break;
    case PROP_SEARCH_TEXT: ekyc_case_list_set_search_text (self, g_value_get_string (value)); break;
    case PROP_DECISION: ekyc_case_list_set_decision (self, g_value_get_int (value)); break;
    case PROP_REVIEW_STATE: ekyc_case_list_set_review_state (self, g_value_get_int (value)); break;
    case PROP_SYNC_STATE: ekyc_case_list_set_sync_state (self, g_value_get_int (value)); break;
    case PROP_FROM: ekyc_case_list_set_from (self, g_value_get_boxed (value)); break;
    case PROP_TO: ekyc_case_list_set_to (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_case_list_class_init (EkycCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ekyc_case_list_dispose;
  object_class->finalize = ekyc_case_list_finalize;
  object_class->constructed = ekyc_case_list_constructed;
  object_class->get_property = ekyc_case_list_get_property;
  object_class->set_property = ekyc_case_list_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, EKYC_TYPE_STORE, co);
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, EKYC_TYPE_SESSION, co);
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, rw);
  properties[PROP_DECISION] = g_param_spec_int ("decision", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_REVIEW_STATE] = g_param_spec_int ("review-state", NULL, NULL, -1, G_MAXINT,
                                                    -1, rw);
  properties[PROP_SYNC_STATE] = g_param_spec_int ("sync-state", NULL, NULL, -1, G_MAXINT, -1,
                                                  rw);
  properties[PROP_FROM] = g_param_spec_boxed ("from", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_TO] = g_param_spec_boxed ("to", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekyc_case_list_init (EkycCaseList *self)
{
  self->query = ekyc_case_query_new ();
}

EkycCaseList *
ekyc_case_list_new (EkycStore *store, EkycSession *session)
{
  g_return_val_if_fail (EKYC_IS_STORE (store), NULL);
  g_return_val_if_fail (EKYC_IS_SESSION (session), NULL);

  return g_object_new (EKYC_TYPE_CASE_LIST, "store", store, "session", session, NULL);
}

EkycCaseList *
ekyc_case_list_new_review_queue (EkycStore *store, EkycSession *session)
{
  g_return_val_if_fail (EKYC_IS_STORE (store), NULL);
  g_return_val_if_fail (EKYC_IS_SESSION (session), NULL);

  return g_object_new (EKYC_TYPE_CASE_LIST, "store", store, "session", session,
                       "review-state", EKYC_REVIEW_STATE_PENDING, NULL);
}

const char *
ekyc_case_list_get_search_text (EkycCaseList *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST (self), NULL);
  return self->query->text;
}

void
ekyc_case_list_set_search_text (EkycCaseList *self, const char *text)
{
  g_return_if_fail (EKYC_IS_CASE_LIST (self));

  if (g_strcmp0 (self->query->text, text) == 0)
    return;
  g_free (self->query->text);
  self->query->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
  if (self->store != NULL)
    queue_refresh (self);
}

#define DEFINE_INT_FILTER(field, PROP)                                        \
int                                                                           \
ekyc_case_list_get_##field (EkycCaseList *self)                               \
{                                                                             \
  g_return_val_if_fail (EKYC_IS_CASE_LIST (self), -1);                        \
  return self->query->field;                                                  \
}                                                                             \
void                                                                          \
ekyc_case_list_set_##field (EkycCaseList *self, int value)                    \
{                                                                             \
  g_return_if_fail (EKYC_IS_CASE_LIST (self));                                \
  value = MAX (value, -1);                                                    \
  if (self->query->field == value)                                            \
    return;                                                                   \
  self->query->field = value;                                                 \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);               \
  if (self->store != NULL)                                                    \
    queue_refresh (self);                                                     \
}

DEFINE_INT_FILTER (decision, PROP_DECISION)
DEFINE_INT_FILTER (review_state, PROP_REVIEW_STATE)
DEFINE_INT_FILTER (sync_state, PROP_SYNC_STATE)

#define DEFINE_DATE_FILTER(field, PROP)                                       \
GDateTime *                                                                   \
ekyc_case_list_get_##field (EkycCaseList *self)                               \
{                                                                             \
  g_return_val_if_fail (EKYC_IS_CASE_LIST (self), NULL);                      \
  return self->query->field;                                                  \
}                                                                             \
void                                                                          \
ekyc_case_list_set_##field (EkycCaseList *self, GDateTime *value)             \
{                                                                             \
  g_return_if_fail (EKYC_IS_CASE_LIST (self));                                \
  if (self->query->field == value                                             \
      || (self->query->field && value                                         \
          && g_date_time_equal (self->query->field, value)))                  \
    return;                                                                   \
  g_clear_pointer (&self->query->field, g_date_time_unref);                   \
  self->query->field = value ? g_date_time_ref (value) : NULL;                \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);               \
  if (self->store != NULL)                                                    \
    queue_refresh (self);                                                     \
}

DEFINE_DATE_FILTER (from, PROP_FROM)
DEFINE_DATE_FILTER (to, PROP_TO)

gboolean
ekyc_case_list_get_loading (EkycCaseList *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST (self), FALSE);
  return self->loading;
}

const char *
ekyc_case_list_get_error (EkycCaseList *self)
{
  g_return_val_if_fail (EKYC_IS_CASE_LIST (self), NULL);
  return self->error;
}
