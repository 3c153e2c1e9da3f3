/* ekyc-engine.c — the engine handle: find the model directory, load every model once, run them
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-engine"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekyc-engine-private.h"
#include "ekyc-i18n-private.h"
#include "ekyc-image-private.h"

/* Where an installed program finds its models: beside itself first, so that an installed tree
 * can be moved, then the configured data directory. */
static char *
default_model_dir (void)
{
  const char *env = g_getenv ("EKYC_MODEL_DIR");
  g_autofree char *exe = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *bindir = g_path_get_dirname (exe);
      g_autofree char *candidate = g_build_filename (bindir, EKYC_MODEL_DIR_FROM_BINDIR, NULL);
      g_autofree char *probe = g_build_filename (candidate, ekyc_detector_spec.file, NULL);
      if (g_file_test (probe, G_FILE_TEST_IS_REGULAR))
        return g_canonicalize_filename (candidate, NULL);
    }
  return g_strdup (EKYC_MODEL_DIR);
}

static gboolean
model_load (EkycModel *model, const EkycModelSpec *spec, const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, spec->file, NULL);
  g_autofree char *message = NULL;

  model->spec = spec;
  g_mutex_init (&model->lock);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MODEL_MISSING,
                   _("The model file “%s” is not installed. Set EKYC_MODEL_DIR or reinstall "
                     "ekyc (models are built by tools/fetch-models.sh and meson)."), path);
      return FALSE;
    }
  model->net = _ekyc_cv_net_load (path, spec->n_outputs, spec->outputs, &message);
  if (model->net == NULL)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MODEL_INVALID,
                   _("The model file “%s” cannot be loaded: %s"), path, message);
      return FALSE;
    }
  return TRUE;
}

static void
model_clear (EkycModel *model)
{
  if (model->spec == NULL)
    return;
  g_clear_pointer (&model->net, _ekyc_cv_net_free);
  g_mutex_clear (&model->lock);
  model->spec = NULL;
}

gboolean
_ekyc_model_run (EkycModel *model, const float *blob, float *const *outputs, GError **error)
{
  g_autofree char *message = NULL;
  const EkycModelSpec *spec = model->spec;
  int ok;

  g_mutex_lock (&model->lock);
  ok = _ekyc_cv_net_forward (model->net, blob, 3, spec->input.height, spec->input.width,
                             outputs, spec->output_sizes, &message);
  g_mutex_unlock (&model->lock);
  if (!ok)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s: %s", spec->file, message);
      return FALSE;
    }
  return TRUE;
}

float *
_ekyc_model_make_blob (EkycModel *model, const EkycImage *image, const double dst_to_src[6],
                       GError **error)
{
  const EkycCvBlobSpec *in = &model->spec->input;
  g_autofree float *blob = g_new (float, (gsize) 3 * in->width * in->height);
  g_autofree char *message = NULL;
  EkycCvView view;

  _ekyc_image_get_view (image, &view);
  if (!_ekyc_cv_warp_to_blob (&view, dst_to_src, in, blob, &message))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s", message);
      return NULL;
    }
  return g_steal_pointer (&blob);
}

struct _EkycHelperTask
{
  gboolean (*func) (gpointer data, GError **error);
  gpointer  data;
  gboolean  done, ok;
  GError   *error;
  GMutex    lock;
  GCond     cond;
};

static void
run_helper_task (gpointer data, gpointer user_data)
{
  EkycHelperTask *task = data;
  gboolean ok = task->func (task->data, &task->error);

  g_mutex_lock (&task->lock);
  task->ok = ok;
  task->done = TRUE;
  g_cond_signal (&task->cond);
  g_mutex_unlock (&task->lock);
}

EkycHelperTask *
_ekyc_engine_spawn (EkycEngine *engine, gboolean (*func) (gpointer, GError **), gpointer data)
{
  EkycHelperTask *task = g_new0 (EkycHelperTask, 1);

  task->func = func;
  task->data = data;
  g_mutex_init (&task->lock);
  g_cond_init (&task->cond);
  g_thread_pool_push (engine->helper, task, NULL);
  return task;
}

gboolean
_ekyc_engine_join (EkycHelperTask *task, GError **error)
{
  gboolean ok;

  g_mutex_lock (&task->lock);
  while (!task->done)
    g_cond_wait (&task->cond, &task->lock);
  g_mutex_unlock (&task->lock);
  ok = task->ok;
  if (!ok)
    g_propagate_error (error, task->error);
  g_mutex_clear (&task->lock);
  g_cond_clear (&task->cond);
  g_free (task);
  return ok;
}

EkycEngine *
ekyc_engine_new_with_embedder (const char *model_dir, const char *embedder, GError **error)
{
  g_autoptr(EkycEngine) self = g_new0 (EkycEngine, 1);

  _ekyc_i18n_init ();
  self->embedder_spec = _ekyc_embedder_find (embedder ? embedder : _ekyc_embedder_list ()[0]->name);
  if (self->embedder_spec == NULL)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT,
                   _("Unknown face embedder “%s”."), embedder);
      return NULL;
    }
  self->model_dir = model_dir ? g_strdup (model_dir) : default_model_dir ();
  self->liveness_threshold = 0.5f;
  self->helper = g_thread_pool_new (run_helper_task, NULL, 1, FALSE, NULL);
  if (!model_load (&self->detector, &ekyc_detector_spec, self->model_dir, error) ||
      !model_load (&self->detector_far, &ekyc_detector_far_spec, self->model_dir, error) ||
      !model_load (&self->mesh, &ekyc_mesh_spec, self->model_dir, error) ||
      !model_load (&self->iris, &ekyc_iris_spec, self->model_dir, error) ||
      !model_load (&self->iris_left, &ekyc_iris_spec, self->model_dir, error) ||
      !model_load (&self->embedder, &self->embedder_spec->model, self->model_dir, error) ||
      !model_load (&self->liveness, &ekyc_liveness_spec, self->model_dir, error))
    return NULL;
  return g_steal_pointer (&self);
}

EkycEngine *
ekyc_engine_new (const char *model_dir, GError **error)
{
  return ekyc_engine_new_with_embedder (model_dir, NULL, error);
}

void
ekyc_engine_free (EkycEngine *self)
{
  if (self == NULL)
    return;
  model_clear (&self->detector);
  model_clear (&self->detector_far);
  model_clear (&self->mesh);
  model_clear (&self->iris);
  model_clear (&self->iris_left);
  if (self->helper != NULL)
    g_thread_pool_free (self->helper, FALSE, TRUE);
  model_clear (&self->embedder);
  model_clear (&self->liveness);
  g_free (self->model_dir);
  g_free (self);
}

const char *
ekyc_engine_get_model_dir (const EkycEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->model_dir;
}

const char *
ekyc_engine_get_embedder (const EkycEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->embedder_spec->name;
}

void
ekyc_engine_set_num_threads (int n_threads)
{
  _ekyc_cv_set_num_threads (n_threads);
}
