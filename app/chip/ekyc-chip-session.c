/* ekyc-chip-session.c — reads the chip of an ID card on a worker thread (see ekyc-chip-session.h)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include "ekyc-chip-session.h"

#include <glib/gi18n.h>

struct _EkycChipSession {
  GObject       parent_instance;
  char         *trust_dir;
  gboolean      busy;
  double        fraction;
  const char   *step;          /* static, from ekyc_chip_step_name () */
  guint         generation;    /* of the current read; late progress of older reads is dropped */
  GMainContext *context;       /* where the read was started */
};

G_DEFINE_FINAL_TYPE (EkycChipSession, ekyc_chip_session, G_TYPE_OBJECT)

enum { PROP_0, PROP_TRUST_DIR, PROP_BUSY, PROP_FRACTION, PROP_STEP, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What the worker needs; the card is used on the worker only. */
typedef struct {
  EkycChipSession *self;        /* a reference, released on the main context */
  EkycChipCard    *card;        /* NULL: open through pcsc-lite */
  char            *reader;
  guint            timeout_ms;
  EkycChipKey      key;
  char            *trust_dir;
  guint            generation;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_pointer (&data->card, ekyc_chip_card_free);
  g_free (data->reader);
  g_free (data->trust_dir);
  memset (&data->key, 0, sizeof data->key);
  g_clear_object (&data->self);
  g_free (data);
}

typedef struct {
  EkycChipSession *self;
  guint            generation;
  EkycChipStep     step;
  double           fraction;
  gboolean         finished;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->self);
  g_free (p);
}

static void
set_state (EkycChipSession *self, gboolean busy, double fraction, const char *step)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (self->step, step) != 0)
    {
      self->step = step;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
apply_progress (gpointer data)
{
  Progress *p = data;
  EkycChipSession *self = p->self;

  if (p->generation != self->generation || !self->busy)
    return G_SOURCE_REMOVE;
  set_state (self, TRUE, MAX (self->fraction, p->fraction), ekyc_chip_step_name (p->step));
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, p->step, self->fraction);
  return G_SOURCE_REMOVE;
}

/* The engine's progress callback, on the worker: a step is 1/N of the read, its done/total the
 * part inside it (DG2's chunks). */
static void
on_engine_progress (EkycChipStep step, gsize done, gsize total, gpointer user_data)
{
  ReadData *data = user_data;
  Progress *p = g_new0 (Progress, 1);
  double inside = total > 0 ? (double) done / (double) total : 0.0;

  p->self = g_object_ref (data->self);
  p->generation = data->generation;
  p->step = step;
  p->fraction = CLAMP (((double) step + inside) / EKYC_CHIP_N_STEPS, 0.0, 1.0);
  g_main_context_invoke_full (data->self->context, G_PRIORITY_DEFAULT, apply_progress, p,
                              progress_free);
}

static void
read_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ReadData *data = task_data;
  EkycChipReadOptions options = { 0 };
  g_autoptr(EkycChipCard) card = g_steal_pointer (&data->card);
  EkycChipDocument *document;
  GError *error = NULL;

  if (card == NULL)
    card = ekyc_chip_card_open (data->reader, data->timeout_ms, &error);
  if (card == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  options.trust_dir = data->trust_dir;
  options.progress = on_engine_progress;
  options.progress_data = data;
  document = ekyc_chip_read (card, &data->key, &options, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, (GDestroyNotify) ekyc_chip_document_free);
}

static void
start_read (EkycChipSession *self, EkycChipCard *card, const char *reader,
            const EkycChipKey *key, guint timeout_ms, GCancellable *cancellable,
            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ReadData *data;

  g_task_set_source_tag (task, start_read);
  if (self->busy)
    {
      g_clear_pointer (&card, ekyc_chip_card_free);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The chip is already being read."));
      return;
    }
  data = g_new0 (ReadData, 1);
  data->self = g_object_ref (self);
  data->card = card;
  data->reader = g_strdup (reader);
  data->timeout_ms = timeout_ms;
  data->key = *key;
  data->trust_dir = g_strdup (self->trust_dir);
  data->generation = ++self->generation;
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  /* the worker keeps running the card exchange; the caller hears of the cancel at once */
  g_task_set_return_on_cancel (task, TRUE);
  set_state (self, TRUE, 0.0, NULL);
  g_task_run_in_thread (task, read_in_thread);
}

void
ekyc_chip_session_read_async (EkycChipSession *self, const char *reader, const EkycChipKey *key,
                              guint timeout_ms, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (EKYC_IS_CHIP_SESSION (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_read (self, NULL, reader, key, timeout_ms, cancellable, callback, user_data);
}

void
ekyc_chip_session_read_card_async (EkycChipSession *self, EkycChipCard *card,
                                   const EkycChipKey *key, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (EKYC_IS_CHIP_SESSION (self));
  g_return_if_fail (card != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_read (self, card, NULL, key, 0, cancellable, callback, user_data);
}

EkycChipDocument *
ekyc_chip_session_read_finish (EkycChipSession *self, GAsyncResult *result, GError **error)
{
  GTask *task = G_TASK (result);
  ReadData *data;
  EkycChipDocument *document;

  g_return_val_if_fail (EKYC_IS_CHIP_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (task);
  document = g_task_propagate_pointer (task, error);
  /* the read this result belongs to is over (a BUSY refusal has no data and changes nothing) */
  if (data != NULL && data->generation == self->generation)
    set_state (self, FALSE, document != NULL ? 1.0 : 0.0, NULL);
  return document;
}

const char *
ekyc_chip_session_get_trust_dir (EkycChipSession *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_SESSION (self), NULL);
  return self->trust_dir;
}

gboolean
ekyc_chip_session_get_busy (EkycChipSession *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_SESSION (self), FALSE);
  return self->busy;
}

double
ekyc_chip_session_get_fraction (EkycChipSession *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_SESSION (self), 0.0);
  return self->fraction;
}

const char *
ekyc_chip_session_get_step (EkycChipSession *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_SESSION (self), NULL);
  return self->step;
}

EkycChipSession *
ekyc_chip_session_new (const char *trust_dir)
{
  return g_object_new (EKYC_TYPE_CHIP_SESSION, "trust-dir", trust_dir, NULL);
}

static void
ekyc_chip_session_finalize (GObject *object)
{
  EkycChipSession *self = EKYC_CHIP_SESSION (object);

  g_free (self->trust_dir);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (ekyc_chip_session_parent_class)->finalize (object);
}

static void
ekyc_chip_session_get_property (GObject *object, guint prop_id, GValue *value,
                                GParamSpec *pspec)
{
  EkycChipSession *self = EKYC_CHIP_SESSION (object);

  switch (prop_id)
    {
    case PROP_TRUST_DIR: g_value_set_string (value, self->trust_dir); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_FRACTION: g_value_set_double (value, self->fraction); break;
    case PROP_STEP: g_value_set_string (value, self->step); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_chip_session_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  EkycChipSession *self = EKYC_CHIP_SESSION (object);

  switch (prop_id)
    {
    case PROP_TRUST_DIR:
      g_free (self->trust_dir);
      self->trust_dir = g_value_dup_string (value);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_chip_session_class_init (EkycChipSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ekyc_chip_session_finalize;
  object_class->get_property = ekyc_chip_session_get_property;
  object_class->set_property = ekyc_chip_session_set_property;

  properties[PROP_TRUST_DIR] =
    g_param_spec_string ("trust-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_DOUBLE);
}

static void
ekyc_chip_session_init (EkycChipSession *self)
{
}
