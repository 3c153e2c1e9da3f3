/* ekyc-scan-import.c — a document scan from a file, analysed like a camera still
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-capture-private.h"
#include "ekyc-scan-import.h"

typedef struct {
  EkycEngine      *engine;
  EkycCaptureMode  mode;
} ImportData;

EkycStill *
ekyc_scan_import_file (GFile *file, EkycEngine *engine, EkycCaptureMode mode,
                       GCancellable *cancellable, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(EkycImage) image = NULL;
  g_autoptr(EkycFrameAnalysis) analysis = NULL;
  EkycAnalyzer *analyzer;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  path = g_file_get_path (file);
  name = g_file_get_basename (file);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_FILE_NOT_FOUND,
                   _("The file “%s” cannot be opened: check that it exists."), name);
      return NULL;
    }
  image = _ekyc_capture_decode_image (path, error);
  if (image == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (mode != EKYC_CAPTURE_MODE_NONE)
    {
      analyzer = _ekyc_analyzer_new (engine);
      analysis = _ekyc_analyzer_run (analyzer, image, mode, EKYC_CARD_SIDE_UNKNOWN, 0, 1);
      _ekyc_analyzer_free (analyzer);
    }
  return ekyc_still_new_from_image (image, analysis, FALSE, name);
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  EkycStill *still = ekyc_scan_import_file (G_FILE (source), data->engine, data->mode,
                                            cancellable, &error);

  if (still == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, still, g_object_unref);
}

void
ekyc_scan_import_async (GFile *file, EkycEngine *engine, EkycCaptureMode mode,
                        GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportData, 1);
  data->engine = engine;
  data->mode = mode;
  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, ekyc_scan_import_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, import_thread);
}

EkycStill *
ekyc_scan_import_finish (GAsyncResult *result, GError **error)
{
  /* The task's source object is the file. */
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ekyc_scan_import_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
