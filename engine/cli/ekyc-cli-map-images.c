/* ekyc-cli-map-images.c — run one engine job over many image files on a few threads
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <unistd.h>

#include "ekyc-cli-private.h"

typedef struct {
  EkycEngine       *engine;
  EkycCliImageFunc  func;
  gpointer          user_data;
  GPtrArray        *paths;     /* distinct paths */
  GPtrArray        *results;   /* parallel to paths */
  GArray           *codes;     /* int, 0 = ok */
  GMutex            lock;
  guint             done;
} Job;

static void
run_one (gpointer data, gpointer user_data)
{
  Job *job = user_data;
  guint index = GPOINTER_TO_UINT (data) - 1;
  const char *path = g_ptr_array_index (job->paths, index);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, &error);
  gpointer result = NULL;

  if (image != NULL)
    result = job->func (job->engine, image, job->user_data, &error);

  g_mutex_lock (&job->lock);
  job->results->pdata[index] = result;
  if (result == NULL)
    g_array_index (job->codes, int, index) =
      error->domain == EKYC_ERROR ? error->code : EKYC_ERROR_INTERNAL;
  job->done++;
  if (isatty (2) && (job->done % 50 == 0 || job->done == job->paths->len))
    g_printerr ("\r%u/%u images", job->done, job->paths->len);
  g_mutex_unlock (&job->lock);
}

GPtrArray *
ekyc_cli_map_images (EkycEngine *engine, GPtrArray *paths, EkycCliImageFunc func,
                     gpointer user_data, int n_threads, GArray *codes, GPtrArray **owner_out)
{
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) distinct = g_ptr_array_new ();
  GPtrArray *out = g_ptr_array_new ();
  Job job = { engine, func, user_data, distinct };
  GThreadPool *pool;

  for (guint i = 0; i < paths->len; i++)
    if (!g_hash_table_contains (index_of, paths->pdata[i]))
      {
        g_hash_table_insert (index_of, paths->pdata[i], GUINT_TO_POINTER (distinct->len));
        g_ptr_array_add (distinct, paths->pdata[i]);
      }

  job.results = g_ptr_array_new_full (distinct->len, g_free);
  g_ptr_array_set_size (job.results, distinct->len);
  job.codes = g_array_sized_new (FALSE, TRUE, sizeof (int), distinct->len);
  g_array_set_size (job.codes, distinct->len);
  g_mutex_init (&job.lock);
  pool = g_thread_pool_new (run_one, &job, MAX (n_threads, 1), TRUE, NULL);
  for (guint i = 0; i < distinct->len; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&job.lock);
  if (isatty (2))
    g_printerr ("\n");

  g_array_set_size (codes, paths->len);
  for (guint i = 0; i < paths->len; i++)
    {
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, paths->pdata[i]));
      g_ptr_array_add (out, job.results->pdata[k]);
      g_array_index (codes, int, i) = g_array_index (job.codes, int, k);
    }
  g_array_unref (job.codes);
  /* Repeated paths share one result: the caller frees them all through *owner_out. */
  *owner_out = job.results;
  return out;
}

gboolean
ekyc_cli_is_file_error (int code)
{
  switch (code)
    {
    case EKYC_ERROR_FILE_NOT_FOUND:
    case EKYC_ERROR_FILE_EMPTY:
    case EKYC_ERROR_NOT_AN_IMAGE:
    case EKYC_ERROR_IMAGE_TRUNCATED:
    case EKYC_ERROR_IMAGE_TOO_LARGE:
      return TRUE;
    default:
      return FALSE;
    }
}
