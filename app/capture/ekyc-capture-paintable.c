/* ekyc-capture-paintable.c — the latest preview frame as a GdkPaintable, with guide overlays
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include "ekyc-capture-paintable.h"

struct _EkycCapturePaintable
{
  GObject            parent_instance;
  GdkTexture        *texture;
  EkycFrameAnalysis *analysis;
  gboolean           mirror;
  gboolean           show_overlay;
};

static void ekyc_capture_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EkycCapturePaintable, ekyc_capture_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      ekyc_capture_paintable_iface_init))

enum { PROP_0, PROP_TEXTURE, PROP_ANALYSIS, PROP_MIRROR, PROP_SHOW_OVERLAY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const GdkRGBA searching = { 1, 1, 1, 0.85f };
static const GdkRGBA good = { 0.18f, 0.76f, 0.49f, 1 };

void
ekyc_capture_card_guide (double width, double height, graphene_rect_t *out)
{
  double w = MIN (width * 0.86, height * 0.94 * EKYC_CARD_ASPECT), h = w / EKYC_CARD_ASPECT;

  graphene_rect_init (out, (width - w) / 2, (height - h) / 2, w, h);
}

static void
stroke_path (GtkSnapshot *snapshot, cairo_t *cr, const GdkRGBA *color)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_stroke (cr);
}

static void
draw_overlay (EkycCapturePaintable *self, GtkSnapshot *snapshot, double width, double height)
{
  const EkycFrameAnalysis *a = self->analysis;
  const GdkRGBA *color = a->good ? &good : &searching;
  double sx = width / a->width, sy = height / a->height;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_scale (cr, sx, sy);
  cairo_set_line_width (cr, 4 / MIN (sx, sy));
  if (a->mode == EKYC_CAPTURE_MODE_CARD)
    {
      if (a->has_card)
        {
          for (int i = 0; i < 4; i++)
            cairo_line_to (cr, a->card.corners[i].x, a->card.corners[i].y);
          cairo_close_path (cr);
        }
      else
        {
          graphene_rect_t guide;

          ekyc_capture_card_guide (a->width, a->height, &guide);
          cairo_rectangle (cr, guide.origin.x, guide.origin.y, guide.size.width,
                           guide.size.height);
        }
      stroke_path (snapshot, cr, color);
    }
  else if (a->mode == EKYC_CAPTURE_MODE_FACE)
    {
      double cx = a->width / 2.0, cy = a->height / 2.0, ry = a->height * 0.36, rx = ry * 0.75;

      if (a->has_face)
        {
          cx = a->landmarks.box.x + a->landmarks.box.width / 2;
          cy = a->landmarks.box.y + a->landmarks.box.height / 2;
          rx = a->landmarks.box.width * 0.65;
          ry = a->landmarks.box.height * 0.7;
        }
      cairo_save (cr);
      cairo_translate (cr, cx, cy);
      cairo_scale (cr, rx, ry);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      stroke_path (snapshot, cr, color);
      if (a->has_face)
        {
          gdk_cairo_set_source_rgba (cr, color);
          for (int i = 0; i < EKYC_MESH_N_POINTS; i += 3)
            cairo_rectangle (cr, a->landmarks.mesh[i][0] - 1, a->landmarks.mesh[i][1] - 1, 2, 2);
          cairo_fill (cr);
        }
    }
  cairo_destroy (cr);
}

static void
ekyc_capture_paintable_snapshot (GdkPaintable *paintable, GdkSnapshot *gdk_snapshot,
                                 double width, double height)
{
  EkycCapturePaintable *self = EKYC_CAPTURE_PAINTABLE (paintable);
  GtkSnapshot *snapshot = GTK_SNAPSHOT (gdk_snapshot);

  if (self->texture == NULL)
    return;
  gtk_snapshot_save (snapshot);
  if (self->mirror)
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width, 0));
      gtk_snapshot_scale (snapshot, -1, 1);
    }
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->show_overlay && self->analysis != NULL && self->analysis->width > 0)
    draw_overlay (self, snapshot, width, height);
  gtk_snapshot_restore (snapshot);
}

static int
ekyc_capture_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  EkycCapturePaintable *self = EKYC_CAPTURE_PAINTABLE (paintable);
  return self->texture ? gdk_texture_get_width (self->texture) : 0;
}

static int
ekyc_capture_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  EkycCapturePaintable *self = EKYC_CAPTURE_PAINTABLE (paintable);
  return self->texture ? gdk_texture_get_height (self->texture) : 0;
}

static double
ekyc_capture_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  EkycCapturePaintable *self = EKYC_CAPTURE_PAINTABLE (paintable);

  if (self->texture == NULL)
    return 0;
  return (double) gdk_texture_get_width (self->texture) / gdk_texture_get_height (self->texture);
}

static void
ekyc_capture_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = ekyc_capture_paintable_snapshot;
  iface->get_intrinsic_width = ekyc_capture_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = ekyc_capture_paintable_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = ekyc_capture_paintable_get_intrinsic_aspect_ratio;
}

EkycCapturePaintable *
ekyc_capture_paintable_new (void)
{
  return g_object_new (EKYC_TYPE_CAPTURE_PAINTABLE, NULL);
}

void
ekyc_capture_paintable_set_texture (EkycCapturePaintable *self, GdkTexture *texture)
{
  gboolean size_changed;

  g_return_if_fail (EKYC_IS_CAPTURE_PAINTABLE (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  size_changed = self->texture == NULL || texture == NULL
                 || gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture)
                 || gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture);
  if (!g_set_object (&self->texture, texture))
    return;
  if (size_changed)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

GdkTexture *
ekyc_capture_paintable_get_texture (EkycCapturePaintable *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAINTABLE (self), NULL);
  return self->texture;
}

void
ekyc_capture_paintable_set_analysis (EkycCapturePaintable *self, EkycFrameAnalysis *analysis)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAINTABLE (self));

  if (self->analysis == analysis)
    return;
  g_clear_pointer (&self->analysis, ekyc_frame_analysis_unref);
  self->analysis = analysis ? ekyc_frame_analysis_ref (analysis) : NULL;
  if (self->show_overlay)
    gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
}

void
ekyc_capture_paintable_set_mirror (EkycCapturePaintable *self, gboolean mirror)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAINTABLE (self));

  mirror = !!mirror;
  if (self->mirror == mirror)
    return;
  self->mirror = mirror;
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIRROR]);
}

gboolean
ekyc_capture_paintable_get_mirror (EkycCapturePaintable *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAINTABLE (self), FALSE);
  return self->mirror;
}

void
ekyc_capture_paintable_set_show_overlay (EkycCapturePaintable *self, gboolean show)
{
  g_return_if_fail (EKYC_IS_CAPTURE_PAINTABLE (self));

  show = !!show;
  if (self->show_overlay == show)
    return;
  self->show_overlay = show;
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_OVERLAY]);
}

gboolean
ekyc_capture_paintable_get_show_overlay (EkycCapturePaintable *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE_PAINTABLE (self), FALSE);
  return self->show_overlay;
}

static void
ekyc_capture_paintable_finalize (GObject *object)
{
  EkycCapturePaintable *self = EKYC_CAPTURE_PAINTABLE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->analysis, ekyc_frame_analysis_unref);
  G_OBJECT_CLASS (ekyc_capture_paintable_parent_class)->finalize (object);
}

static void
ekyc_capture_paintable_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  EkycCapturePaintable *self = EKYC_CAPTURE_PAINTABLE (object);

  switch (prop_id)
    {
    case PROP_TEXTURE: g_value_set_object (value, self->texture); break;
    case PROP_ANALYSIS: g_value_set_boxed (value, self->analysis); break;
    case PROP_MIRROR: g_value_set_boolean (value, self->mirror); break;
    case PROP_SHOW_OVERLAY: g_value_set_boolean (value, self->show_overlay); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_capture_paintable_set_property (GObject *object, guint prop_id, const GValue *value,
                                     GParamSpec *pspec)
{
  EkycCapturePaintable *self = EKYC_CAPTURE_PAINTABLE (object);

  switch (prop_id)
    {
    case PROP_ANALYSIS: ekyc_capture_paintable_set_analysis (self, g_value_get_boxed (value)); break;
    case PROP_MIRROR: ekyc_capture_paintable_set_mirror (self, g_value_get_boolean (value)); break;
    case PROP_SHOW_OVERLAY:
      ekyc_capture_paintable_set_show_overlay (self, g_value_get_boolean (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_capture_paintable_class_init (EkycCapturePaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ekyc_capture_paintable_finalize;
  object_class->get_property = ekyc_capture_paintable_get_property;
  object_class->set_property = ekyc_capture_paintable_set_property;

  properties[PROP_TEXTURE] = g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANALYSIS] = g_param_spec_boxed ("analysis", NULL, NULL,
                                                  EKYC_TYPE_FRAME_ANALYSIS, rw);
  properties[PROP_MIRROR] = g_param_spec_boolean ("mirror", NULL, NULL, FALSE, rw);
  properties[PROP_SHOW_OVERLAY] = g_param_spec_boolean ("show-overlay", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekyc_capture_paintable_init (EkycCapturePaintable *self)
{
}
