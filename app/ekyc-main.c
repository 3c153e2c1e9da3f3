/* ekyc-main.c — the desktop app's entry point: translations, then the application
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc"
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "ekyc-application.h"

/* The users read Vietnamese: without a language chosen in the environment, speak Vietnamese. */
static void
default_to_vietnamese (void)
{
  static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *value = g_getenv (vars[i]);

      if (value != NULL && *value != '\0' && g_strcmp0 (value, "C") != 0
          && g_strcmp0 (value, "POSIX") != 0 && !g_str_has_prefix (value, "C."))
        return;
    }
  g_setenv ("LANGUAGE", "vi", TRUE);
}

int
main (int argc, char *argv[])
{
  g_autoptr(EkycApplication) app = NULL;

  default_to_vietnamese ();
  setlocale (LC_ALL, "");
  /* gettext ignores LANGUAGE in the plain C locale: take C.UTF-8 instead. */
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  ekyc_application_bind_translations ();

  app = ekyc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
