/* ekyc-case-row.c — one case in a list: name, ID number, date, decision, review and sync state,
 * where its evidence images are
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ekyc-application.h"
#include "ekyc-case-row.h"
#include "ekyc-case-sync-status.h"

static char *
dup_string_property (GObject *object, const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  char *value = NULL;

  if (pspec != NULL && pspec->value_type == G_TYPE_STRING)
    g_object_get (object, name, &value, NULL);
  return value;
}

static char *
dup_date_property (GObject *object, const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  g_autoptr(GDateTime) date = NULL;

  if (pspec == NULL || pspec->value_type != G_TYPE_DATE_TIME)
    return NULL;
  g_object_get (object, name, &date, NULL);
  /* Translators: a case's date and time in the list, see g_date_time_format() */
  return date ? g_date_time_format (date, _("%d/%m/%Y %H:%M")) : NULL;
}

/* An enum property as its nick ("review"), or an int one as NULL. */
static char *
dup_enum_nick (GObject *object, const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;
  int v = 0;

  if (pspec == NULL || !G_TYPE_IS_ENUM (pspec->value_type))
    return NULL;
  g_object_get (object, name, &v, NULL);
  klass = g_type_class_ref (pspec->value_type);
  value = g_enum_get_value (klass, v);
  return value ? g_strdup (value->value_nick) : NULL;
}

static const char *
label_for (const char *kind, const char *nick)
{
  static const struct { const char *kind, *nick, *label; } labels[] = {
    { "decision", "pass", N_("PASS") },
    { "decision", "review", N_("REVIEW") },
    { "decision", "fail", N_("FAIL") },
    { "review", "pending", N_("Waiting for review") },
    { "review", "approved", N_("Approved") },
    { "review", "rejected", N_("Rejected") },
    { "sync", "pending", N_("Not sent") },
    { "sync", "synced", N_("Sent") },
    { "sync", "failed", N_("Sending failed") },
  };

  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (kind, labels[i].kind) && g_str_equal (nick, labels[i].nick))
      return _(labels[i].label);
  return "";
}

/* A result not sent yet, on a computer connected to no central server, is never "not sent":
 * it stays here (as the header and the review page say). */
static const char *
sync_label (const char *nick)
{
  GApplication *app = g_application_get_default ();
  EkycSyncService *sync = EKYC_IS_APPLICATION (app)
                          ? ekyc_application_get_sync (EKYC_APPLICATION (app)) : NULL;

  if (g_strcmp0 (nick, "pending") == 0 && !ekyc_case_sync_has_server (sync))
    /* Translators: a case in the list whose result is kept here: no central server is set up */
    return _("Kept on this computer");
  return label_for ("sync", nick);
}

GtkWidget *
ekyc_case_row_new (GObject *kase, const char *evidence)
{
  g_autofree char *name = dup_string_property (kase, "full-name");
  g_autofree char *number = dup_string_property (kase, "id-number");
  g_autofree char *date = dup_date_property (kase, "created-at");
  g_autofree char *decision = dup_enum_nick (kase, "decision");
  g_autofree char *review = dup_enum_nick (kase, "review-state");
  g_autofree char *sync = dup_enum_nick (kase, "sync-state");
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  g_return_val_if_fail (G_IS_OBJECT (kase), NULL);

  {
    /* Only what the case has: no empty part between two dots. */
    const char *parts[] = { number ? number : "—", date, label_for ("review", review),
                            sync_label (sync), evidence };
    g_autoptr(GStrvBuilder) shown = g_strv_builder_new ();
    g_auto(GStrv) strv = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (parts[i] != NULL && *parts[i] != '\0')
        g_strv_builder_add (shown, parts[i]);
    strv = g_strv_builder_end (shown);
    subtitle = g_strjoinv (" · ", strv);
  }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 name && *name ? name : _("(no name)"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (decision != NULL)
    {
      g_autofree char *css = g_strdup_printf ("decision-%s", decision);
      GtkWidget *label = gtk_label_new (label_for ("decision", decision));

      gtk_widget_add_css_class (label, css);
      gtk_widget_add_css_class (label, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}
