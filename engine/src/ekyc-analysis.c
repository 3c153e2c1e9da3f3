/* ekyc-analysis.c — one call from an image to a comparable face: pick the subject, then the rest
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-face"
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc-engine-private.h"
#include "ekyc-face-detect-private.h"

/* In a selfie, another face at least this fraction of the subject's width is a second person
 * in front of the camera, not a face in the background. */
#define SECOND_FACE_RATIO 0.5f
/* On a document or photo, faces at least this fraction of the largest compete for "the subject",
 * and the one nearest the centre wins (a card's ghost portrait is far smaller; a bystander cut by
 * the edge of a photo is off-centre). */
#define SUBJECT_SIZE_RATIO 0.6f

static gsize
pick_subject (const EkycFaceDetection *faces, gsize n_faces, int width, int height)
{
  gsize best = 0;
  double best_distance = G_MAXDOUBLE;

  for (gsize i = 0; i < n_faces; i++)
    {
      const EkycRect *b = &faces[i].box;
      double d;
      if (b->width < SUBJECT_SIZE_RATIO * faces[0].box.width)
        continue;
      d = hypot (b->x + b->width / 2 - width / 2.0, b->y + b->height / 2 - height / 2.0);
      if (d < best_distance)
        best = i, best_distance = d;
    }
  return best;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

gboolean
ekyc_engine_analyze_face (EkycEngine *engine, const EkycImage *image, EkycFaceSource source,
                          EkycFaceAnalysis *out, GError **error)
{
  g_autofree EkycFaceDetection *faces = NULL;
  gsize n_faces = 0;
  gint64 t;
  EkycPoint pts[5];
  float iod;

  g_return_val_if_fail (engine != NULL && image != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if ((guint) ekyc_image_get_width (image) < EKYC_IMAGE_MIN_SIDE ||
      (guint) ekyc_image_get_height (image) < EKYC_IMAGE_MIN_SIDE)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_IMAGE_TOO_SMALL,
                   _("The picture is too small (%d × %d pixels) to hold a face."),
                   ekyc_image_get_width (image), ekyc_image_get_height (image));
      return FALSE;
    }

  t = g_get_monotonic_time ();
  if (!_ekyc_detect_faces_raw (engine, image, TRUE, &faces, &n_faces, error))
    return FALSE;
  out->ms_detect = ms_since (t);
  out->n_faces = n_faces;
  if (n_faces == 0)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NO_FACE,
                   source == EKYC_FACE_SOURCE_SELFIE
                   ? _("No face was found in the selfie. Face the camera in good light.")
                   : _("No face was found on the document. Make sure the portrait is visible "
                       "and not covered by glare."));
      return FALSE;
    }
  if (source == EKYC_FACE_SOURCE_SELFIE && n_faces > 1 &&
      faces[1].box.width >= SECOND_FACE_RATIO * faces[0].box.width)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MULTIPLE_FACES,
                   _("%u faces are in the selfie. Only the customer may be in front of the "
                     "camera."), (guint) n_faces);
      return FALSE;
    }
  out->detection = faces[pick_subject (faces, n_faces, ekyc_image_get_width (image),
                                      ekyc_image_get_height (image))];

  t = g_get_monotonic_time ();
  if (!ekyc_engine_face_landmarks (engine, image, &out->detection, &out->landmarks, error))
    return FALSE;
  out->ms_landmarks = ms_since (t);

  ekyc_face_landmarks_get_five_points (&out->landmarks, pts);
  iod = hypotf (pts[1].x - pts[0].x, pts[1].y - pts[0].y);
  if (iod < EKYC_MIN_INTEROCULAR)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_FACE_TOO_SMALL,
                   _("The face is too small to compare (%.0f pixels between the eyes, at least "
                     "%.0f needed). Move closer or use a sharper scan."),
                   iod, EKYC_MIN_INTEROCULAR);
      return FALSE;
    }

  t = g_get_monotonic_time ();
  if (!ekyc_engine_embed_face (engine, image, &out->landmarks, &out->embedding, error))
    return FALSE;
  out->ms_embed = ms_since (t);

  t = g_get_monotonic_time ();
  if (!ekyc_engine_face_quality (engine, image, &out->landmarks, &out->quality, error))
    return FALSE;
  out->ms_quality = ms_since (t);

  if (source == EKYC_FACE_SOURCE_SELFIE)
    {
      t = g_get_monotonic_time ();
      if (!ekyc_engine_passive_liveness (engine, image, &out->detection, &out->liveness, error))
        return FALSE;
      out->ms_liveness = ms_since (t);
      out->has_liveness = TRUE;
    }
  return TRUE;
}
