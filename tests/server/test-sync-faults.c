/* test-sync-faults.c — exactly once: kill -9 the server and the client at random moments
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ekyc-sync-drill (a branch: queue verifications, sync, and with --chaos send duplicated,
 * replayed and reordered batches) runs against a real ekyc-server; each round kills the client,
 * the server or both with SIGKILL after a random delay, then restarts what died. At the end a
 * clean run drains the outbox, and the server's counts must equal what the client made: every
 * case and event once, every decided case billed once, abandoned ones not at all.
 * EKYC_FAULT_ROUNDS sets the rounds (default 30; BENCHMARKS.md has a run of 1,000 crashes). */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include "ekyc-sync-outbox.h"
#include "server-fixture.h"
#include "test-utils.h"

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn_drill (ServerFixture *server, const char *outbox, const char *token, gint64 total)
{
  g_autofree char *total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, EKYC_SYNC_DRILL_PATH,
                                         "--outbox", outbox, "--server", server->base_uri,
                                         "--token", token, "--total", total_text,
                                         "--per-step", "4", "--batch-size", "16", "--seed", "7",
                                         "--chaos", NULL);
  g_assert_no_error (error);
  return process;
}

static gboolean
alive (GSubprocess *process)
{
  return g_subprocess_get_identifier (process) != NULL;
}

/* The clean run's drill retries a server that is down for ever, like the app; a server that died
 * in the clean run (it should not) fails the test at once, with what it said, not at the
 * timeout. */
static void
wait_while_server_lives (GSubprocess *drill, ServerFixture *server)
{
  while (alive (drill))
    {
      if (!alive (server->process))
        {
          g_autofree char *path = g_build_filename (server->dir, "stderr", NULL);
          g_autofree char *said = NULL;

          g_file_get_contents (path, &said, NULL, NULL);
          g_subprocess_send_signal (drill, SIGKILL);
          g_error ("ekyc-server died during the clean run: %s", said ? said : "(no output)");
        }
      g_usleep (50000);
    }
  g_subprocess_wait (drill, NULL, NULL);
}

static void
test_exactly_once_under_crashes (void)
{
  const char *rounds_env = g_getenv ("EKYC_FAULT_ROUNDS");
  guint rounds = rounds_env ? (guint) g_ascii_strtoull (rounds_env, NULL, 10) : 30;
  gint64 total = MAX (200, rounds * 12);
  g_autoptr(ServerFixture) server = server_fixture_start (NULL);
  g_autofree char *device = NULL;
  g_autofree char *token = NULL;
  g_autofree char *outbox_path = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(GSubprocess) last = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycSyncOutbox) outbox = NULL;
  g_autofree char *made = NULL;
  guint server_kills = 0, client_kills = 0;
  gint64 start = g_get_monotonic_time ();

  server_fixture_add_customer (server, "bank-a", "active", 4102444800);
  token = server_fixture_enrol (server, "bank-a", &device);
  outbox_path = g_build_filename (server->dir, "branch-outbox.sqlite", NULL);

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GSubprocess) drill = spawn_drill (server, outbox_path, token, total);
      int victim = g_rand_int_range (rand, 0, 3);  /* 0 client, 1 server, 2 both */

      g_usleep (g_rand_int_range (rand, 5, 150) * 1000);
      if (victim != 0)
        {
          server_fixture_kill (server);
          server_kills++;
        }
      if (victim != 1 && alive (drill))
        {
          g_subprocess_send_signal (drill, SIGKILL);
          client_kills++;
        }
      if (victim == 1)
        {
          /* the client lives on through the server's restart, then dies too at a random
           * moment of its retries */
          server_fixture_restart (server);
          g_usleep (g_rand_int_range (rand, 0, 80) * 1000);
          if (alive (drill))
            {
              g_subprocess_send_signal (drill, SIGKILL);
              client_kills++;
            }
        }
      else if (victim == 2)
        server_fixture_restart (server);
      g_subprocess_wait (drill, NULL, NULL);
    }

  /* A clean run drains what is left. */
  {
    g_autoptr(EkycSyncOutbox) before = ekyc_sync_outbox_open (outbox_path, &error);
    g_autofree char *queued = NULL;

    g_assert_no_error (error);
    queued = ekyc_sync_outbox_get_state (before, "drill_next");
    g_test_message ("before the clean run: %s of %" G_GINT64_FORMAT " verifications queued, "
                    "%u items pending; server has %" G_GINT64_FORMAT " events", queued,
                    total, ekyc_sync_outbox_count_pending (before),
                    server_fixture_count (server, "usage_events", "device_id", device));
  }
  last = spawn_drill (server, outbox_path, token, total);
  wait_while_server_lives (last, server);
  g_assert_true (g_subprocess_get_if_exited (last));
  g_assert_cmpint (g_subprocess_get_exit_status (last), ==, 0);

  outbox = ekyc_sync_outbox_open (outbox_path, &error);
  g_assert_no_error (error);
  made = ekyc_sync_outbox_get_state (outbox, "drill_next");
  g_assert_cmpint (g_ascii_strtoll (made, NULL, 10), ==, total);
  g_assert_cmpuint (ekyc_sync_outbox_count_pending (outbox), ==, 0);
  g_assert_cmpuint (ekyc_sync_outbox_count_rejected (outbox), ==, 0);

  g_assert_cmpint (server_fixture_count (server, "cases", "device_id", device), ==, total);
  g_assert_cmpint (server_fixture_count (server, "usage_events", "device_id", device), ==,
                   2 * total);
  g_assert_cmpint (server_fixture_count (server, "billable_requests", "device_id", device), ==,
                   total - total / 5);
  g_test_message ("%u rounds, %u server kills, %u client kills (%u crashes), %" G_GINT64_FORMAT
                  " verifications, %.1f s", rounds, server_kills, client_kills,
                  server_kills + client_kills, total, (g_get_monotonic_time () - start) / 1e6);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  /* The isolated test directories hold no GSettings schemas for the desktop proxy settings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_add_func ("/sync/faults/exactly-once-under-crashes", test_exactly_once_under_crashes);
  return g_test_run ();
}
