/* ekyc-storage-private.h — what a storage backend implements
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-storage.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;
  void             (*close)       (EkycStorage *self);
  gboolean         (*exec)        (EkycStorage *self, const char *sql, const char *const *params,
                                   guint n_params, gint64 *changes, GError **error);
  EkycStorageRows *(*query)       (EkycStorage *self, const char *sql, const char *const *params,
                                   guint n_params, GError **error);
  gboolean         (*exec_script) (EkycStorage *self, const char *sql, GError **error);
  /* Serialises migrations between processes (PostgreSQL advisory lock); may be NULL. */
  gboolean         (*lock_schema)   (EkycStorage *self, GError **error);
  void             (*unlock_schema) (EkycStorage *self);
} EkycStorageBackendClass;

struct _EkycStorage {
  const EkycStorageBackendClass *klass;
  EkycStorageBackend backend;
  gboolean in_transaction;
  gpointer impl;
};

/* Rows are built by the backends: a flat array of cells, row-major. */
EkycStorageRows *_ekyc_storage_rows_new    (guint n_columns);
void             _ekyc_storage_rows_append (EkycStorageRows *rows, const char *cell);

EkycStorage *_ekyc_storage_sqlite_open     (const char *path, GError **error);
EkycStorage *_ekyc_storage_postgresql_open (const char *uri, GError **error);

G_END_DECLS
