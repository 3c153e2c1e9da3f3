/* test-utils.h — what every test program shares: setup and locating the shared data
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets a hermetic environment (GSETTINGS_BACKEND=memory, GIO_USE_VFS=local), then g_test_init. */
void  ekyc_test_init (int *argc, char ***argv);
/* A path under the shared data directory ($EKYC_SHARED_DATA, set by meson to ../shared/data);
 * the test is skipped (and NULL returned) when the file is not there. */
char *ekyc_test_shared_path (const char *first, ...) G_GNUC_NULL_TERMINATED;
/* The model directory the build made ($EKYC_MODEL_DIR). */
const char *ekyc_test_model_dir (void);

/* Runs the synthetic card factory ($EKYC_SYNTH_CARDS) into @out: @count cards of both layouts at
 * @difficulty, from @seed, with LFW portraits from the shared data. Returns FALSE when the shared
 * faces are missing (the caller skips); aborts the test when the factory fails. */
gboolean ekyc_test_make_cards (const char *out, int count, const char *difficulty,
                               const char *seed);
/* Runs the factory into @out with portraits from the shared faces' @faces collection ("lfw",
 * "deepface") and the options @args (NULL-terminated; a later option wins over an earlier one).
 * FALSE when those faces are missing (the caller skips); aborts the test when the factory fails. */
gboolean ekyc_test_run_card_factory (const char *out, const char *faces,
                                     const char *const *args);

/* Removes @path and, for a directory, everything under it (symbolic links are removed, not
 * followed). NULL or a missing path is fine: tests call it in their clean-up. */
void ekyc_test_remove_tree (const char *path);

G_END_DECLS
