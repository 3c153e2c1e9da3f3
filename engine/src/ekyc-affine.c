/* ekyc-affine.c — the little geometry the engine needs: rotated square crops as affine maps
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-engine"
#include "config.h"

#include <math.h>

#include "ekyc-engine-private.h"

/* A square of @side pixels centred on (@cx, @cy), rotated by @angle radians (counter-clockwise in
 * image coordinates, y down), sampled into an @out_size square: returns the map from output
 * pixel to image pixel. @flip_x mirrors the output left-right. */
void
_ekyc_affine_from_square (double cx, double cy, double side, double angle, int out_size,
                          gboolean flip_x, double m[6])
{
  double s = side / out_size;
  double c = cos (angle) * s, n = sin (angle) * s;
  double fx = flip_x ? -1.0 : 1.0;
  double h = out_size / 2.0;

  /* image = centre + R(angle) · s · (u - h, v - h), with u mirrored when flipping */
  m[0] = c * fx;
  m[1] = -n;
  m[3] = n * fx;
  m[4] = c;
  m[2] = cx - (m[0] * h + m[1] * h);
  m[5] = cy - (m[3] * h + m[4] * h);
}

void
_ekyc_affine_apply (const double a[6], double x, double y, double *ox, double *oy)
{
  *ox = a[0] * x + a[1] * y + a[2];
  *oy = a[3] * x + a[4] * y + a[5];
}
