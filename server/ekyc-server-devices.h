/* ekyc-server-devices.h — device enrolment: one-time codes, revocable tokens
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The operator makes a one-time code for a customer (a branch); the device trades it for a
 * token and its own id. Only SHA-256 hashes of codes and tokens are stored. A revoked device's
 * token is refused from the next request on. ekyc-admin calls these functions directly. */
#pragma once

#include "ekyc-server.h"

G_BEGIN_DECLS

#define EKYC_DEVICES_ERROR (ekyc_devices_error_quark ())

typedef enum {
  EKYC_DEVICES_ERROR_UNKNOWN_CUSTOMER,
  EKYC_DEVICES_ERROR_BAD_CODE,      /* unknown, already used or expired */
  EKYC_DEVICES_ERROR_NOT_FOUND,
} EkycDevicesError;

typedef enum {
  EKYC_DEVICE_AUTH_OK,
  EKYC_DEVICE_AUTH_UNKNOWN,
  EKYC_DEVICE_AUTH_REVOKED,
  EKYC_DEVICE_AUTH_ERROR,           /* storage failed; @error is set */
} EkycDeviceAuth;

GQuark ekyc_devices_error_quark (void);

/* Schema and routes (from ekyc-server-modules.c). */
void ekyc_devices_register_migrations (void);
void ekyc_devices_register_routes (EkycServer *server);

/**
 * ekyc_devices_create_code:
 * @branch: (nullable): free text naming the branch the device serves
 * @ttl_seconds: how long the code stays valid
 *
 * Returns: (transfer full): the code, "XXXX-XXXX-XXXX" (no 0/O/1/I), shown once; NULL with
 * EKYC_DEVICES_ERROR_UNKNOWN_CUSTOMER or a storage error.
 */
char *ekyc_devices_create_code (EkycStorage *storage, const char *customer_id, const char *branch,
                                gint64 now, gint64 ttl_seconds, GError **error);

/* Trades a code for a device: fills the new device id, its customer and its token (transfer
 * full). EKYC_DEVICES_ERROR_BAD_CODE when the code is unknown, used or expired. */
gboolean ekyc_devices_enrol (EkycStorage *storage, const char *code, const char *name, gint64 now,
                             char **device_id, char **customer_id, char **token, GError **error);

/* Revokes a device (idempotent); EKYC_DEVICES_ERROR_NOT_FOUND for an unknown id. */
gboolean ekyc_devices_revoke (EkycStorage *storage, const char *device_id, gint64 now,
                              GError **error);

/* Looks a bearer token up; on OK fills the device and customer ids (transfer full). */
EkycDeviceAuth ekyc_devices_authenticate (EkycStorage *storage, const char *token,
                                          char **device_id, char **customer_id, GError **error);

G_END_DECLS
