/* ekyc-storage-sqlite-vfs.h — the sqlite VFS the server's connections use
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers (once) the VFS that writes a commit's WAL frames in one go and names it, for
 * sqlite3_open_v2 (). Needs synchronous=FULL on every connection (ekyc-storage-sqlite-vfs.c). */
const char *_ekyc_storage_sqlite_vfs_name (void);

G_END_DECLS
