/* ekyc-server-main.c — `ekyc-server`: options, database, listening, signals
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "ekyc-server.h"
#include "ekyc-server-modules.h"

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static char *
read_admin_token (const char *path, GError **error)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  g_strstrip (contents);
  if (strlen (contents) < 16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The admin token in %s is shorter than 16 characters."), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

static gboolean
write_port_file (const char *path, guint port, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%u\n", port);
  return g_file_set_contents (path, text, -1, error);
}

int
main (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *address = NULL;
  g_autofree char *admin_token_file = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *log_file = NULL;
  g_autofree char *admin_token = NULL;
  gint port = 8080;
  gint http_threads = 0;
  gint idle_timeout = G_MININT;  /* unset */
  gint64 max_body = 0;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_STRING, &database,
      N_("sqlite file, or postgresql:// URI"), N_("PATH-OR-URI") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("TCP port (0: any free port; default 8080)"),
      N_("N") },
    { "address", 'a', 0, G_OPTION_ARG_STRING, &address,
      N_("address to listen on (default 127.0.0.1; 0.0.0.0 or :: for all)"), N_("IP") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("serve HTTPS with this PEM certificate"),
      N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("the certificate's PEM private key"),
      N_("FILE") },
    { "admin-token-file", 0, 0, G_OPTION_ARG_FILENAME, &admin_token_file,
      N_("enable /v1/admin routes with the token in this file"), N_("FILE") },
    { "max-body", 0, 0, G_OPTION_ARG_INT64, &max_body,
      N_("largest request body in bytes (default 4 MiB)"), N_("BYTES") },
    { "http-threads", 0, 0, G_OPTION_ARG_INT, &http_threads,
      N_("threads answering HTTP, each with its own connections (default: the CPUs, at least 4)"),
      N_("N") },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      N_("close a keep-alive connection that waits longer than this for its next request "
         "(default 75; 0: never)"), N_("SECONDS") },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file,
      N_("write the bound port here once listening"), N_("FILE") },
    { "log-file", 0, 0, G_OPTION_ARG_FILENAME, &log_file,
      N_("request log (one JSON line per request; default standard output, “none” for none)"),
      N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("print the version"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorage) storage = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  EkycServerConfig config = { 0 };
  EkycServer *server;
  FILE *log = stdout;
  guint bound_port = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("— the eKYC central server"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ekyc-server: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("ekyc-server %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (database == NULL)
    {
      g_printerr ("ekyc-server: %s\n", _("--database PATH-or-postgresql://URI is required"));
      return 2;
    }
  if (port < 0 || port > 65535 || max_body < 0)
    {
      g_printerr ("ekyc-server: %s\n", _("--port must be 0–65535 and --max-body positive"));
      return 2;
    }
  if (http_threads < 0 || http_threads > 256)
    {
      g_printerr ("ekyc-server: %s\n", _("--http-threads must be 1–256 (0: the default)"));
      return 2;
    }
  if (idle_timeout != G_MININT && (idle_timeout < 0 || idle_timeout > 86400))
    {
      g_printerr ("ekyc-server: %s\n", _("--idle-timeout must be 0–86400 seconds"));
      return 2;
    }
  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_printerr ("ekyc-server: %s\n", _("--tls-cert and --tls-key go together"));
      return 2;
    }
  if (tls_cert && !(certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error)))
    {
      g_printerr ("ekyc-server: %s: %s\n", tls_cert, error->message);
      return 1;
    }
  if (admin_token_file && !(admin_token = read_admin_token (admin_token_file, &error)))
    {
      g_printerr ("ekyc-server: %s\n", error->message);
      return 1;
    }
  if (log_file && g_str_equal (log_file, "none"))
    log = NULL;
  else if (log_file && !(log = fopen (log_file, "a")))
    {
      g_printerr ("ekyc-server: %s: %s\n", log_file, g_strerror (errno));
      return 1;
    }

  ekyc_server_modules_register_migrations ();
  storage = ekyc_storage_open (database, &error);
  if (storage == NULL || !ekyc_storage_migrate (storage, &error))
    {
      g_printerr ("ekyc-server: %s\n", error->message);
      return 1;
    }

  config.storage = storage;
  config.database = database;
  config.admin_token = admin_token;
  config.max_body_bytes = max_body;
  config.tls_certificate = certificate;
  config.log = log;
  config.http_threads = http_threads;
  /* the option's 0 (never) is the config's negative; unset is the config's default */
  config.idle_timeout = idle_timeout == G_MININT ? 0 : idle_timeout == 0 ? -1 : idle_timeout;
  server = ekyc_server_new (&config);
  ekyc_server_modules_register_routes (server);
  if (!ekyc_server_listen (server, address ? address : "127.0.0.1", port, &bound_port, &error) ||
      (port_file && !write_port_file (port_file, bound_port, &error)))
    {
      g_printerr ("ekyc-server: %s\n", error->message);
      ekyc_server_free (server);
      return 1;
    }
  g_printerr ("ekyc-server %s: %s on %s://%s:%u/ (%s, %u HTTP threads)\n", PACKAGE_VERSION,
              _("listening"), certificate ? "https" : "http", address ? address : "127.0.0.1",
              bound_port, ekyc_storage_get_backend_name (storage),
              http_threads ? (guint) http_threads : ekyc_server_default_http_threads ());

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);
  g_main_loop_run (loop);

  ekyc_server_free (server);
  if (log && log != stdout)
    fclose (log);
  return 0;
}
