/* ekyc-sync-request.c — one blocking JSON request of a device to ekyc-server
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-sync"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "ekyc-sync-messages.h"
#include "ekyc-sync-request.h"

JsonNode *
ekyc_sync_request (const char *server_uri, const char *token, const char *method,
                   const char *path, const char *body, GCancellable *cancellable,
                   GError **error)
{
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status;

  g_return_val_if_fail (server_uri != NULL && method != NULL && path != NULL, NULL);

  base = g_strdup (server_uri);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  uri = g_strconcat (base, path, NULL);
  msg = soup_message_new (method, uri);
  if (msg == NULL)
    {
      g_set_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL,
                   _("“%s” is not a server address."), server_uri);
      return NULL;
    }
  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    header);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  session = soup_session_new_with_options ("timeout", 30, "user-agent",
                                           "ekyc-sync/" PACKAGE_VERSION, NULL);
  reply = soup_session_send_and_read (session, msg, cancellable, &local);
  if (reply == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_NETWORK,
                     _("The server cannot be reached: %s"), local->message);
      return NULL;
    }
  status = soup_message_get_status (msg);
  if (status < 200 || status >= 300)
    {
      g_autofree char *message = ekyc_sync_describe_error_reply (g_bytes_get_data (reply, NULL),
                                                                 g_bytes_get_size (reply),
                                                                 status);
      EkycSyncError code = status == SOUP_STATUS_UNAUTHORIZED ? EKYC_SYNC_ERROR_UNAUTHORIZED
                           : status >= 500                    ? EKYC_SYNC_ERROR_SERVER
                                                              : EKYC_SYNC_ERROR_REJECTED;
      g_set_error_literal (error, EKYC_SYNC_ERROR, code, message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   g_bytes_get_size (reply), NULL)
      || json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL,
                           _("The server’s answer is not understood."));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}
