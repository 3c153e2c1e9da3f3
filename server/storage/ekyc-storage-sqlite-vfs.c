/* ekyc-storage-sqlite-vfs.c — a sqlite VFS that writes a transaction's WAL frames in one go
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * sqlite appends each WAL frame with two write calls (its 24-byte header, then the page). The
 * sync writer's commit of a few batches is 20–90 frames, and on this machine (a virtual machine
 * where every system call is dear) a frame cost ~20 µs that way against ~2 µs as part of one
 * large write: half a millisecond of CPU per sync request (BENCHMARKS.md, "Server and sync").
 *
 * This VFS passes everything to the default one, except that writes to a WAL file that continue
 * the previous one are gathered in memory and written together before anything that needs them
 * on disk or in the file: a sync, a read of that range, a write elsewhere, a size query, a
 * truncation, closing. What sqlite reads back is always what it wrote.
 *
 * Correct only while every commit syncs the WAL (synchronous=FULL or EXTRA, which
 * _ekyc_storage_sqlite_open sets and nothing changes): the sync is what puts the frames in the
 * file before the commit is published in the WAL index for other connections. With
 * synchronous=NORMAL a commit publishes frames without a sync, and they could still be here. */
#define G_LOG_DOMAIN "ekyc-storage"
#include "config.h"

#include <string.h>

#include "ekyc-storage-sqlite-vfs.h"

#define INITIAL_BUFFER (256 * 1024)
#define MAX_BUFFER     (4 * 1024 * 1024)
/* The unix VFS writes at most 128 KiB - 1 at a time (it masks the length: more is written as
 * "disk full"). */
#define WRITE_CHUNK    (120 * 1024)

typedef struct {
  sqlite3_file base;         /* methods: ours */
  gboolean gather;           /* a WAL file */
  guchar *buffer;
  gsize buffer_size;
  gsize pending;             /* bytes gathered */
  sqlite3_int64 pending_at;  /* their offset in the file */
  sqlite3_file real[];       /* the default VFS's file, szOsFile bytes */
} GatherFile;

static sqlite3_vfs gather_vfs;
static sqlite3_vfs *default_vfs;

static int
flush (GatherFile *file)
{
  int rc = SQLITE_OK;

  for (gsize done = 0; done < file->pending && rc == SQLITE_OK; done += WRITE_CHUNK)
    rc = file->real->pMethods->xWrite (file->real, file->buffer + done,
                                       (int) MIN (WRITE_CHUNK, file->pending - done),
                                       file->pending_at + (sqlite3_int64) done);
  file->pending = 0;  /* after a failure too: sqlite abandons the transaction and rewrites */
  return rc;
}

static int
gather_close (sqlite3_file *base)
{
  GatherFile *file = (GatherFile *) base;
  int rc = flush (file);
  int close_rc = file->real->pMethods ? file->real->pMethods->xClose (file->real) : SQLITE_OK;

  g_free (file->buffer);
  file->buffer = NULL;
  return rc != SQLITE_OK ? rc : close_rc;
}

static int
gather_read (sqlite3_file *base, void *data, int amount, sqlite3_int64 offset)
{
  GatherFile *file = (GatherFile *) base;

  if (file->pending > 0 && offset < file->pending_at + (sqlite3_int64) file->pending &&
      offset + amount > file->pending_at)
    {
      int rc = flush (file);
      if (rc != SQLITE_OK)
        return rc;
    }
  return file->real->pMethods->xRead (file->real, data, amount, offset);
}

static gboolean
make_room (GatherFile *file, gsize amount)
{
  gsize size = file->buffer_size ? file->buffer_size : INITIAL_BUFFER;

  while (size < file->pending + amount)
    size *= 2;
  if (size > MAX_BUFFER)
    return FALSE;
  if (size != file->buffer_size)
    {
      file->buffer = g_realloc (file->buffer, size);
      file->buffer_size = size;
    }
  return TRUE;
}

static int
gather_write (sqlite3_file *base, const void *data, int amount, sqlite3_int64 offset)
{
  GatherFile *file = (GatherFile *) base;

  if (!file->gather)
    return file->real->pMethods->xWrite (file->real, data, amount, offset);
  if (file->pending > 0 &&
      (offset != file->pending_at + (sqlite3_int64) file->pending ||
       !make_room (file, amount)))
    {
      int rc = flush (file);
      if (rc != SQLITE_OK)
        return rc;
    }
  if (file->pending == 0)
    {
      if (!make_room (file, amount))
        return file->real->pMethods->xWrite (file->real, data, amount, offset);
      file->pending_at = offset;
    }
  memcpy (file->buffer + file->pending, data, amount);
  file->pending += amount;
  return SQLITE_OK;
}

static int
gather_truncate (sqlite3_file *base, sqlite3_int64 size)
{
  GatherFile *file = (GatherFile *) base;
  int rc = flush (file);

  return rc != SQLITE_OK ? rc : file->real->pMethods->xTruncate (file->real, size);
}

static int
gather_sync (sqlite3_file *base, int flags)
{
  GatherFile *file = (GatherFile *) base;
  int rc = flush (file);

  return rc != SQLITE_OK ? rc : file->real->pMethods->xSync (file->real, flags);
}

static int
gather_file_size (sqlite3_file *base, sqlite3_int64 *size)
{
  GatherFile *file = (GatherFile *) base;
  int rc = flush (file);

  return rc != SQLITE_OK ? rc : file->real->pMethods->xFileSize (file->real, size);
}

static int
gather_lock (sqlite3_file *base, int level)
{
  GatherFile *file = (GatherFile *) base;
  return file->real->pMethods->xLock (file->real, level);
}

static int
gather_unlock (sqlite3_file *base, int level)
{
  GatherFile *file = (GatherFile *) base;
  return file->real->pMethods->xUnlock (file->real, level);
}

static int
gather_check_reserved_lock (sqlite3_file *base, int *out)
{
  GatherFile *file = (GatherFile *) base;
  return file->real->pMethods->xCheckReservedLock (file->real, out);
}

static int
gather_file_control (sqlite3_file *base, int op, void *arg)
{
  GatherFile *file = (GatherFile *) base;
  int rc;

  if (op == SQLITE_FCNTL_VFSNAME)
    {
      rc = file->real->pMethods->xFileControl (file->real, op, arg);
      if (rc == SQLITE_OK)
        *(char **) arg = sqlite3_mprintf ("%s/%z", gather_vfs.zName, *(char **) arg);
      return rc;
    }
  /* Anything else may look at the file: it sees what was written. */
  if ((rc = flush (file)) != SQLITE_OK)
    return rc;
  return file->real->pMethods->xFileControl (file->real, op, arg);
}

static int
gather_sector_size (sqlite3_file *base)
{
  GatherFile *file = (GatherFile *) base;
  return file->real->pMethods->xSectorSize (file->real);
}

static int
gather_device_characteristics (sqlite3_file *base)
{
  GatherFile *file = (GatherFile *) base;
  return file->real->pMethods->xDeviceCharacteristics (file->real);
}

static int
gather_shm_map (sqlite3_file *base, int region, int size, int extend, void volatile **out)
{
  GatherFile *file = (GatherFile *) base;
  return file->real->pMethods->xShmMap (file->real, region, size, extend, out);
}

static int
gather_shm_lock (sqlite3_file *base, int offset, int n, int flags)
{
  GatherFile *file = (GatherFile *) base;
  return file->real->pMethods->xShmLock (file->real, offset, n, flags);
}

static void
gather_shm_barrier (sqlite3_file *base)
{
  GatherFile *file = (GatherFile *) base;
  file->real->pMethods->xShmBarrier (file->real);
}

static int
gather_shm_unmap (sqlite3_file *base, int delete_flag)
{
  GatherFile *file = (GatherFile *) base;
  return file->real->pMethods->xShmUnmap (file->real, delete_flag);
}

static int
gather_fetch (sqlite3_file *base, sqlite3_int64 offset, int amount, void **out)
{
  GatherFile *file = (GatherFile *) base;
  int rc = flush (file);

  return rc != SQLITE_OK ? rc : file->real->pMethods->xFetch (file->real, offset, amount, out);
}

static int
gather_unfetch (sqlite3_file *base, sqlite3_int64 offset, void *page)
{
  GatherFile *file = (GatherFile *) base;
  return file->real->pMethods->xUnfetch (file->real, offset, page);
}

/* The methods are the real file's version at most (a version-1 file has no shared memory). */
static const sqlite3_io_methods gather_methods_v3 = {
  3,
  gather_close, gather_read, gather_write, gather_truncate, gather_sync, gather_file_size,
  gather_lock, gather_unlock, gather_check_reserved_lock, gather_file_control,
  gather_sector_size, gather_device_characteristics,
  gather_shm_map, gather_shm_lock, gather_shm_barrier, gather_shm_unmap,
  gather_fetch, gather_unfetch,
};
static const sqlite3_io_methods gather_methods_v2 = {
  2,
  gather_close, gather_read, gather_write, gather_truncate, gather_sync, gather_file_size,
  gather_lock, gather_unlock, gather_check_reserved_lock, gather_file_control,
  gather_sector_size, gather_device_characteristics,
  gather_shm_map, gather_shm_lock, gather_shm_barrier, gather_shm_unmap,
  NULL, NULL,
};
static const sqlite3_io_methods gather_methods_v1 = {
  1,
  gather_close, gather_read, gather_write, gather_truncate, gather_sync, gather_file_size,
  gather_lock, gather_unlock, gather_check_reserved_lock, gather_file_control,
  gather_sector_size, gather_device_characteristics,
  NULL, NULL, NULL, NULL, NULL, NULL,
};

static int
gather_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *base, int flags, int *out_flags)
{
  GatherFile *file = (GatherFile *) base;
  int rc;

  memset (file, 0, sizeof *file);
  rc = default_vfs->xOpen (default_vfs, name, file->real, flags, out_flags);
  if (file->real->pMethods == NULL)
    return rc;  /* nothing to close: sqlite will not call ours either */
  switch (file->real->pMethods->iVersion)
    {
    case 1: file->base.pMethods = &gather_methods_v1; break;
    case 2: file->base.pMethods = &gather_methods_v2; break;
    default: file->base.pMethods = &gather_methods_v3; break;
    }
  file->gather = rc == SQLITE_OK && (flags & SQLITE_OPEN_WAL) != 0;
  return rc;
}

/* The rest is the default VFS's. */
static int
gather_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return default_vfs->xDelete (default_vfs, name, sync_dir);
}

static int
gather_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return default_vfs->xAccess (default_vfs, name, flags, out);
}

static int
gather_full_pathname (sqlite3_vfs *vfs, const char *name, int size, char *out)
{
  return default_vfs->xFullPathname (default_vfs, name, size, out);
}

static void *
gather_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return default_vfs->xDlOpen (default_vfs, name);
}

static void
gather_dl_error (sqlite3_vfs *vfs, int size, char *out)
{
  default_vfs->xDlError (default_vfs, size, out);
}

static void (*gather_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return default_vfs->xDlSym (default_vfs, handle, symbol);
}

static void
gather_dl_close (sqlite3_vfs *vfs, void *handle)
{
  default_vfs->xDlClose (default_vfs, handle);
}

static int
gather_randomness (sqlite3_vfs *vfs, int size, char *out)
{
  return default_vfs->xRandomness (default_vfs, size, out);
}

static int
gather_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return default_vfs->xSleep (default_vfs, microseconds);
}

static int
gather_current_time (sqlite3_vfs *vfs, double *out)
{
  return default_vfs->xCurrentTime (default_vfs, out);
}

static int
gather_get_last_error (sqlite3_vfs *vfs, int size, char *out)
{
  return default_vfs->xGetLastError ? default_vfs->xGetLastError (default_vfs, size, out) : 0;
}

static int
gather_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return default_vfs->xCurrentTimeInt64 (default_vfs, out);
}

const char *
_ekyc_storage_sqlite_vfs_name (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      default_vfs = sqlite3_vfs_find (NULL);
      g_assert (default_vfs != NULL && default_vfs->iVersion >= 2);
      gather_vfs = (sqlite3_vfs) {
        .iVersion = 2,
        .szOsFile = (int) sizeof (GatherFile) + default_vfs->szOsFile,
        .mxPathname = default_vfs->mxPathname,
        .zName = "ekyc-gathered-wal",
        .xOpen = gather_open,
        .xDelete = gather_delete,
        .xAccess = gather_access,
        .xFullPathname = gather_full_pathname,
        .xDlOpen = gather_dl_open,
        .xDlError = gather_dl_error,
        .xDlSym = gather_dl_sym,
        .xDlClose = gather_dl_close,
        .xRandomness = gather_randomness,
        .xSleep = gather_sleep,
        .xCurrentTime = gather_current_time,
        .xGetLastError = gather_get_last_error,
        .xCurrentTimeInt64 = gather_current_time_int64,
      };
      if (sqlite3_vfs_register (&gather_vfs, 0) != SQLITE_OK)
        g_error ("cannot register the sqlite VFS %s", gather_vfs.zName);
      g_once_init_leave (&registered, 1);
    }
  return gather_vfs.zName;
}
