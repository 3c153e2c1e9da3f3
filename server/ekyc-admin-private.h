/* ekyc-admin-private.h — what the ekyc-admin subcommands share
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <stdio.h>
#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

enum {
  EKYC_ADMIN_EXIT_OK = 0,
  EKYC_ADMIN_EXIT_ERROR = 1,
  EKYC_ADMIN_EXIT_USAGE = 2,
};

int ekyc_admin_price (int argc, char **argv);
int ekyc_admin_evidence_policy (int argc, char **argv);

/* Commands that go through ekyc-server (ekyc-admin-commands.c). */
gboolean ekyc_admin_is_server_command (const char *group);
int      ekyc_admin_run_server_command (int argc, char **argv);
void     ekyc_admin_print_command_list (FILE *out);

/* Prints @error (as a JSON object on stdout when @json, always on stderr) and returns
 * EKYC_ADMIN_EXIT_ERROR. */
int  ekyc_admin_fail (gboolean json, const GError *error);
/* Prints a usage error from option parsing and returns EKYC_ADMIN_EXIT_USAGE. */
int  ekyc_admin_usage_error (const char *command, const GError *error);
/* Prints the builder's root, pretty, on stdout. */
void ekyc_admin_print_json (JsonBuilder *builder);
/* Parses a non-negative decimal count; a translated EKYC_BUSINESS_ERROR_INVALID_INPUT naming
 * @option otherwise. */
gboolean ekyc_admin_parse_count (const char *option, const char *text, guint64 *value,
                                 GError **error);

G_END_DECLS
