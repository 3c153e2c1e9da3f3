/* ekyc-preview.c — the live picture with its guide: a card outline or a face oval
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-preview"
#include "config.h"

#include "ekyc-capture-paintable.h"
#include "ekyc-preview.h"

struct _EkycPreview
{
  GtkWidget         parent_instance;

  GdkPaintable     *paintable;
  EkycPreviewGuide  guide;
  gboolean          guide_ok;
  gboolean          mirrored;
};

G_DEFINE_FINAL_TYPE (EkycPreview, ekyc_preview, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_PAINTABLE, PROP_GUIDE, PROP_GUIDE_OK, PROP_MIRRORED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
contents_changed (EkycPreview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
size_changed (EkycPreview *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The guide is drawn over the picture as shown (letterboxed inside the widget), centred on it:
 * an ID-1 card (85.6 × 54 mm) where a well-framed card is (ekyc_capture_card_guide()), or a
 * face oval. */
static void
append_guide (EkycPreview *self, GtkSnapshot *snapshot, float width, float height,
              const graphene_rect_t *picture)
{
  GdkRGBA colour = self->guide_ok ? (GdkRGBA) { 0.18f, 0.76f, 0.49f, 1.0f }
                                  : (GdkRGBA) { 1.0f, 1.0f, 1.0f, 0.9f };
  GdkRGBA shade = { 0, 0, 0, 0.35f };
  float line = self->guide_ok ? 6.0f : 3.0f;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  GskRoundedRect hole;
  float pw = picture->size.width, ph = picture->size.height;
  float cx = picture->origin.x + pw / 2, cy = picture->origin.y + ph / 2;
  float w, h;

  if (self->guide == EKYC_PREVIEW_GUIDE_CARD)
    {
      graphene_rect_t guide;

      ekyc_capture_card_guide (pw, ph, &guide);
      graphene_rect_offset (&guide, picture->origin.x, picture->origin.y);
      /* ID-1 corners are rounded 3.18 mm on 85.6 mm. */
      gsk_rounded_rect_init_from_rect (&hole, &guide, guide.size.width * 3.18f / 85.6f);
    }
  else
    {
      h = MIN (ph * 0.78f, pw * 0.9f / 0.72f);
      w = h * 0.72f;
      gsk_rounded_rect_init (&hole, &GRAPHENE_RECT_INIT (cx - w / 2, cy - h / 2, w, h),
                             &GRAPHENE_SIZE_INIT (w / 2, h / 2),
                             &GRAPHENE_SIZE_INIT (w / 2, h / 2),
                             &GRAPHENE_SIZE_INIT (w / 2, h / 2),
                             &GRAPHENE_SIZE_INIT (w / 2, h / 2));
    }

  /* Darken what lies outside the guide (an outset shadow covers exactly that), then outline it. */
  gtk_snapshot_push_clip (snapshot, &bounds);
  gtk_snapshot_append_outset_shadow (snapshot, &hole, &shade, 0, 0, MAX (width, height), 0);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &hole,
                              (float[4]) { line, line, line, line },
                              (GdkRGBA[4]) { colour, colour, colour, colour });
}

static void
ekyc_preview_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  EkycPreview *self = EKYC_PREVIEW (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  graphene_rect_t picture = GRAPHENE_RECT_INIT (0, 0, width, height);

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.1f, 0.1f, 0.1f, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->paintable != NULL)
    {
      double pw = gdk_paintable_get_intrinsic_width (self->paintable);
      double ph = gdk_paintable_get_intrinsic_height (self->paintable);
      double scale = (pw > 0 && ph > 0) ? MIN (width / pw, height / ph) : 1.0;
      double dw = pw > 0 ? pw * scale : width, dh = ph > 0 ? ph * scale : height;

      graphene_rect_init (&picture, (width - dw) / 2, (height - dh) / 2, dw, dh);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - dw) / 2, (height - dh) / 2));
      if (self->mirrored)
        {
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (dw, 0));
          gtk_snapshot_scale (snapshot, -1, 1);
        }
      gdk_paintable_snapshot (self->paintable, snapshot, dw, dh);
      gtk_snapshot_restore (snapshot);
    }
  if (self->guide != EKYC_PREVIEW_GUIDE_NONE)
    append_guide (self, snapshot, width, height, &picture);
}

static void
ekyc_preview_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                      int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
ekyc_preview_dispose (GObject *object)
{
  ekyc_preview_set_paintable (EKYC_PREVIEW (object), NULL);
  G_OBJECT_CLASS (ekyc_preview_parent_class)->dispose (object);
}

static void
ekyc_preview_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EkycPreview *self = EKYC_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PAINTABLE: g_value_set_object (value, self->paintable); break;
    case PROP_GUIDE: g_value_set_int (value, self->guide); break;
    case PROP_GUIDE_OK: g_value_set_boolean (value, self->guide_ok); break;
    case PROP_MIRRORED: g_value_set_boolean (value, self->mirrored); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_preview_set_property (GObject *object, guint prop_id, const GValue *value,
                           GParamSpec *pspec)
{
  EkycPreview *self = EKYC_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PAINTABLE: ekyc_preview_set_paintable (self, g_value_get_object (value)); break;
    case PROP_GUIDE: ekyc_preview_set_guide (self, g_value_get_int (value)); break;
    case PROP_GUIDE_OK: ekyc_preview_set_guide_ok (self, g_value_get_boolean (value)); break;
    case PROP_MIRRORED: ekyc_preview_set_mirrored (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_preview_class_init (EkycPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekyc_preview_dispose;
  object_class->get_property = ekyc_preview_get_property;
  object_class->set_property = ekyc_preview_set_property;
  widget_class->snapshot = ekyc_preview_snapshot;
  widget_class->measure = ekyc_preview_measure;

  properties[PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GUIDE] =
    g_param_spec_int ("guide", NULL, NULL, EKYC_PREVIEW_GUIDE_NONE, EKYC_PREVIEW_GUIDE_FACE,
                      EKYC_PREVIEW_GUIDE_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GUIDE_OK] =
    g_param_spec_boolean ("guide-ok", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIRRORED] =
    g_param_spec_boolean ("mirrored", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ekyc_preview_init (EkycPreview *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
ekyc_preview_new (void)
{
  return g_object_new (EKYC_TYPE_PREVIEW, NULL);
}

GdkPaintable *
ekyc_preview_get_paintable (EkycPreview *self)
{
  g_return_val_if_fail (EKYC_IS_PREVIEW (self), NULL);
  return self->paintable;
}

void
ekyc_preview_set_paintable (EkycPreview *self, GdkPaintable *paintable)
{
  g_return_if_fail (EKYC_IS_PREVIEW (self));
  g_return_if_fail (paintable == NULL || GDK_IS_PAINTABLE (paintable));

  if (self->paintable == paintable)
    return;
  if (self->paintable != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->paintable, self);
      g_clear_object (&self->paintable);
    }
  if (paintable != NULL)
    {
      self->paintable = g_object_ref (paintable);
      g_signal_connect_swapped (paintable, "invalidate-contents",
                                G_CALLBACK (contents_changed), self);
      g_signal_connect_swapped (paintable, "invalidate-size", G_CALLBACK (size_changed), self);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAINTABLE]);
}

void
ekyc_preview_set_guide (EkycPreview *self, EkycPreviewGuide guide)
{
  g_return_if_fail (EKYC_IS_PREVIEW (self));
  if (self->guide == guide)
    return;
  self->guide = guide;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUIDE]);
}

void
ekyc_preview_set_guide_ok (EkycPreview *self, gboolean ok)
{
  g_return_if_fail (EKYC_IS_PREVIEW (self));
  ok = !!ok;
  if (self->guide_ok == ok)
    return;
  self->guide_ok = ok;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUIDE_OK]);
}

gboolean
ekyc_preview_get_guide_ok (EkycPreview *self)
{
  g_return_val_if_fail (EKYC_IS_PREVIEW (self), FALSE);
  return self->guide_ok;
}

void
ekyc_preview_set_mirrored (EkycPreview *self, gboolean mirrored)
{
  g_return_if_fail (EKYC_IS_PREVIEW (self));
  mirrored = !!mirrored;
  if (self->mirrored == mirrored)
    return;
  self->mirrored = mirrored;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIRRORED]);
}
