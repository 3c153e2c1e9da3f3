/* ekyc-engine.h — the engine handle: every model, loaded once
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"

EKYC_BEGIN_DECLS

/**
 * EkycEngine:
 * Holds every loaded model. Create one per process with ekyc_engine_new() and share it.
 *
 * Threads: every ekyc_engine_* and ekyc_face_* function may be called from any thread, and from
 * several threads at once (the capture thread analysing preview frames while the UI thread
 * verifies a still, say). Each model runs one inference at a time under its own lock, so two
 * threads using different models (detection and embedding) run in parallel; two threads using
 * the same model take turns. ekyc_engine_free() must not race with any other call.
 */
typedef struct _EkycEngine EkycEngine;

/**
 * ekyc_engine_new:
 * @model_dir: (nullable): where the models are; %NULL looks in $EKYC_MODEL_DIR, then beside the
 *   running program (../share/ekyc/models), then in the configured data directory.
 * Loads every model. Fails with %EKYC_ERROR_MODEL_MISSING (the message names the file and the
 * directories searched) or %EKYC_ERROR_MODEL_INVALID.
 * Returns: (transfer full) (nullable): the engine, free with ekyc_engine_free().
 */
EKYC_API EkycEngine *ekyc_engine_new (const char *model_dir, GError **error);
EKYC_API void        ekyc_engine_free (EkycEngine *engine);

/**
 * ekyc_engine_new_with_embedder:
 * Like ekyc_engine_new() with another face embedder than the default (for evaluation: see
 * ekyc_engine_list_embedders()); %NULL means the default.
 */
EKYC_API EkycEngine *ekyc_engine_new_with_embedder (const char *model_dir, const char *embedder,
                                                    GError **error);

/* (transfer none): the names of the embedders the engine can load, %NULL-terminated; the first is
 * the default. */
EKYC_API const char *const *ekyc_engine_list_embedders (void);
/* (transfer none): the embedder this engine uses. */
EKYC_API const char        *ekyc_engine_get_embedder (const EkycEngine *engine);

/* (transfer none): the directory the models were loaded from. */
EKYC_API const char *ekyc_engine_get_model_dir (const EkycEngine *engine);

/**
 * ekyc_engine_set_num_threads:
 * How many threads OpenCV may use inside one inference (process-wide, as OpenCV's setting is).
 * 0 lets OpenCV choose. Not thread-safe: call it before starting work.
 */
EKYC_API void ekyc_engine_set_num_threads (int n_threads);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycEngine, ekyc_engine_free)

EKYC_END_DECLS
