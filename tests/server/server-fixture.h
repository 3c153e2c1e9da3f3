/* server-fixture.h — a real ekyc-server process on loopback for the server and sync tests
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The database is a fresh sqlite file in a temporary directory, or, when EKYC_TEST_POSTGRESQL
 * holds a postgresql:// URI of a server the test may use, a fresh PostgreSQL database. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "storage/ekyc-storage.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;
  char *database;        /* file path or postgresql:// URI */
  char *admin_token;
  char *log_path;
  GPtrArray *extra_args;
  GSubprocess *process;
  guint port;
  gboolean https;
  char *base_uri;
  SoupSession *session;
  EkycStorage *storage;  /* a direct connection, for seeding and for counting */
} ServerFixture;

/* Starts the server (@extra_args: more options, NULL-terminated, or NULL); aborts the test
 * when it does not come up. */
ServerFixture *server_fixture_start (const char *const *extra_args);
void           server_fixture_free  (ServerFixture *self);
/* kill -9, then start again on the same port and database. */
void           server_fixture_kill (ServerFixture *self);
void           server_fixture_restart (ServerFixture *self);

/* Sends a request; returns the status (0 on a transport error) and the body in @out_body. */
guint server_fixture_send (ServerFixture *self, const char *method, const char *path,
                           const char *token, const char *content_type, const char *body,
                           gssize length, char **out_body);
/* A request to send with server_fixture_send_all () (@token, @body nullable). */
SoupMessage *server_fixture_message (ServerFixture *self, const char *method, const char *path,
                                     const char *token, const char *content_type, GBytes *body);
/* Sends every SoupMessage of @messages at once — each on a connection of its own when
 * @own_connections — and waits for all the answers (the status stays on each message). Returns
 * the replies parsed as JSON objects, in the order of @messages (NULL where not JSON); free each
 * with json_object_unref () and the array with g_free (). */
JsonObject **server_fixture_send_all (ServerFixture *self, GPtrArray *messages,
                                      gboolean own_connections);
/* Sends JSON (or nothing when @json is NULL) and parses the JSON reply (NULL if not JSON). */
JsonObject *server_fixture_json (ServerFixture *self, const char *method, const char *path,
                                 const char *token, const char *json, guint *out_status);
/* The same with the admin token, for the operator's set-up steps: any status but 2xx ends the
 * test. */
JsonObject *server_fixture_admin (ServerFixture *self, const char *method, const char *path,
                                  const char *json);

/* Adds a customer with a contract status and end (seconds since the epoch, 0: none). */
void  server_fixture_add_customer (ServerFixture *self, const char *id, const char *status,
                                   gint64 ends_at);
/* Through the operator's API: customer "bank-a", the regional company "cty-kv1" and its contract
 * "hd-1" from today for a year, activated — what a branch app needs before it enrols. */
void  server_fixture_add_active_contract (ServerFixture *self);
/* Makes a code for @customer and enrols a device with it; returns its token. */
char *server_fixture_enrol (ServerFixture *self, const char *customer, char **out_device_id);
/* Counts rows of @table where @column = @value. */
gint64 server_fixture_count (ServerFixture *self, const char *table, const char *column,
                             const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerFixture, server_fixture_free)

G_END_DECLS
