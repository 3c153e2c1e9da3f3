/* test-card-truth.c — the card factory's ground truth, for the tests that read its cards
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "test-card-truth.h"

static JsonObject *
load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

JsonObject *
ekyc_test_load_card_truth (const char *dir, int index)
{
  g_autofree char *name = g_strdup_printf ("%04d.json", index);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return load_json (path);
}

EkycImage *
ekyc_test_load_card_photo (const char *dir, int index, const char *side)
{
  g_autofree char *name = g_strdup_printf ("%04d-%s.jpg", index, side);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  EkycImage *image = ekyc_image_new_from_file (path, &error);

  g_assert_no_error (error);
  return image;
}
