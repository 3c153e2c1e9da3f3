/* ekyc-frame-analysis.c — the reference-counted result of analysing one frame
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include "ekyc-frame-analysis.h"

G_DEFINE_BOXED_TYPE (EkycFrameAnalysis, ekyc_frame_analysis, ekyc_frame_analysis_ref,
                     ekyc_frame_analysis_unref)

EkycFrameAnalysis *
ekyc_frame_analysis_new (void)
{
  EkycFrameAnalysis *self = g_new0 (EkycFrameAnalysis, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

EkycFrameAnalysis *
ekyc_frame_analysis_ref (EkycFrameAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ekyc_frame_analysis_unref (EkycFrameAnalysis *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    g_free (self);
}

const char *
ekyc_frame_analysis_get_message (const EkycFrameAnalysis *self)
{
  g_return_val_if_fail (self != NULL, "");
  return ekyc_capture_hint_get_message (self->hint);
}
