/* test-storage-sqlite.c — the sqlite backend writes a commit's WAL frames together: what it
 * commits is what another connection, and the file reopened, read back
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "storage/ekyc-storage.h"
#include "test-utils.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ekyc-storage-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "db.sqlite", NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  ekyc_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A row's payload: @size bytes that depend on @n, so a frame written at the wrong place or
 * half written does not read back the same. */
static char *
payload (guint n, gsize size)
{
  char *text = g_malloc (size + 1);

  for (gsize i = 0; i < size; i++)
    text[i] = 'a' + (n * 7 + i * 13 + i / 97) % 26;
  text[size] = '\0';
  return text;
}

static void
insert_rows (EkycStorage *storage, guint first, guint count, gsize size)
{
  g_autoptr(GError) error = NULL;

  for (guint n = first; n < first + count; n++)
    {
      g_autofree char *key = g_strdup_printf ("%08x-row", g_int_hash (&n));
      g_autofree char *value = payload (n, size);
      g_autofree char *number = g_strdup_printf ("%u", n);

      gboolean ok = ekyc_storage_exec (storage, "INSERT INTO items (id, n, value) "
                                       "VALUES (?, ?, ?)",
                                       EKYC_SQL_PARAMS (key, number, value), NULL, &error);

      g_assert_no_error (error);
      g_assert_true (ok);
    }
}

/* Every row 0..@count-1 is there with its own payload, and no other. */
static void
assert_rows (EkycStorage *storage, guint count, gsize size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows = ekyc_storage_query (storage, "SELECT n, value FROM items "
                                                        "ORDER BY n", EKYC_SQL_NO_PARAMS,
                                                        &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ekyc_storage_rows_get_count (rows), ==, count);
  for (guint n = 0; n < count; n++)
    {
      g_autofree char *want = payload (n, size);

      g_assert_cmpint (ekyc_storage_rows_get_int (rows, n, 0, -1), ==, n);
      g_assert_cmpstr (ekyc_storage_rows_get (rows, n, 1), ==, want);
    }
}

static void
assert_intact (EkycStorage *storage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows = ekyc_storage_query (storage, "PRAGMA integrity_check",
                                                        EKYC_SQL_NO_PARAMS, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ekyc_storage_rows_get (rows, 0, 0), ==, "ok");
}

/* Small and large commits (one of ~12 MiB of WAL: more than the gathering buffer, written in
 * chunks), a savepoint rolled back in the middle of one, a reader on another connection, a
 * checkpoint, and the file reopened. */
static void
test_commits_read_back (Fixture *fixture, gconstpointer data)
{
  const gsize size = 1500;
  g_autoptr(EkycStorage) writer = ekyc_storage_open (fixture->path, NULL);
  g_autoptr(EkycStorage) reader = ekyc_storage_open (fixture->path, NULL);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_nonnull (writer);
  g_assert_nonnull (reader);
  /* A small page cache: the writer spills pages into the WAL before its commit, rewrites them
   * and reads them back (the frames may still be gathered in memory). */
  g_assert_true (ekyc_storage_exec_script (writer, "PRAGMA wal_autocheckpoint=0;"
                                           "PRAGMA cache_size=16;"
                                           "CREATE TABLE items (id TEXT PRIMARY KEY, "
                                           "n INTEGER NOT NULL, value TEXT NOT NULL);"
                                           "CREATE INDEX items_value ON items (value)",
                                           &error));
  g_assert_no_error (error);

  /* one row a commit */
  for (guint i = 0; i < 20; i++)
    {
      g_assert_true (ekyc_storage_begin (writer, &error));
      insert_rows (writer, count, 1, size);
      g_assert_true (ekyc_storage_commit (writer, &error));
      count++;
      assert_rows (reader, count, size);
    }

  /* a savepoint undone inside a transaction, the rest kept */
  g_assert_true (ekyc_storage_begin (writer, &error));
  insert_rows (writer, count, 50, size);
  g_assert_true (ekyc_storage_exec_script (writer, "SAVEPOINT batch", &error));
  insert_rows (writer, count + 50, 400, size);
  g_assert_true (ekyc_storage_exec_script (writer, "ROLLBACK TO SAVEPOINT batch;"
                                           "RELEASE SAVEPOINT batch", &error));
  insert_rows (writer, count + 50, 50, size);
  g_assert_true (ekyc_storage_commit (writer, &error));
  g_assert_no_error (error);
  count += 100;
  assert_rows (reader, count, size);

  /* a large commit: the table, its key and the payload index take thousands of pages */
  g_assert_true (ekyc_storage_begin (writer, &error));
  insert_rows (writer, count, 3000, size);
  g_assert_true (ekyc_storage_commit (writer, &error));
  g_assert_no_error (error);
  count += 3000;
  assert_rows (reader, count, size);

  /* a transaction given up leaves nothing */
  g_assert_true (ekyc_storage_begin (writer, &error));
  insert_rows (writer, count, 200, size);
  ekyc_storage_rollback (writer);
  assert_rows (reader, count, size);

  /* the WAL copied into the database by another connection, then more commits after it */
  g_assert_true (ekyc_storage_exec_script (reader, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (ekyc_storage_begin (writer, &error));
      insert_rows (writer, count, 30, size);
      g_assert_true (ekyc_storage_commit (writer, &error));
      count += 30;
    }
  assert_rows (reader, count, size);
  assert_intact (reader);

  g_clear_pointer (&reader, ekyc_storage_free);
  g_clear_pointer (&writer, ekyc_storage_free);
  writer = ekyc_storage_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_rows (writer, count, size);
  assert_intact (writer);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add ("/storage/sqlite/commits-read-back", Fixture, NULL, fixture_set_up,
              test_commits_read_back, fixture_tear_down);
  return g_test_run ();
}
