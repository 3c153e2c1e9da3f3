/* bench-utils.h — what the benchmark programs share: CPU time and quantiles
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CPU time of the whole process (all threads) so far, in milliseconds. */
double ekyc_bench_cpu_ms   (void);
/* The @q quantile (0–1) of an array of doubles, which it sorts; NAN when empty. */
double ekyc_bench_quantile (GArray *values, double q);

G_END_DECLS
