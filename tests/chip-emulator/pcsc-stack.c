/* pcsc-stack.c — a private pcscd with a vpcd reader and the chip emulator, for tests (see
 * pcsc-stack.h)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <winscard.h>

#include "pcsc-stack.h"

#define VPCD_DRIVER "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"

void
ekyc_test_pcsc_die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
ekyc_test_pcsc_stop_child (GPid *pid)
{
  if (*pid <= 0)
    return;
  kill (*pid, SIGTERM);
  waitpid (*pid, NULL, 0);
  g_spawn_close_pid (*pid);
  *pid = 0;
}

static int
free_port (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0), port;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  port = ntohs (addr.sin_port);
  close (fd);
  return port;
}

/* Whether this process can give pcscd a private mount namespace: not inside a chroot (e.g.
 * ../shared/tools/fresh-debian-check), where "/" is no mount point and unshare cannot make it
 * private. */
static gboolean
private_mounts_possible (void)
{
  const char *argv[] = { "unshare", "--mount", "--propagation", "private", "true", NULL };
  int status = -1;

  if (getuid () != 0)
    return TRUE;   /* the user namespace path below does not touch "/" */
  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

/* pcscd in its own mount namespace with /run/pcscd bound to WORK_DIR/run; the client finds it
 * through PCSCLITE_CSOCK_NAME (pcsc-lite 1.9.9's daemon ignores that variable, its client
 * honours it). Where no private namespace can be made, and no pcscd of the system holds
 * /run/pcscd, our pcscd uses /run/pcscd itself (EKYC_TEST_PCSCD_NO_NAMESPACE=1 forces that, to
 * try it). Returns FALSE when neither is possible. *BOUND is FALSE when vpcd could not listen
 * on its port (another process took it between free_port () and vpcd's bind: other tests on
 * this machine open loopback ports too); the caller tries another. */
static gboolean
try_start_pcscd (EkycTestPcsc *pcsc, gboolean *bound)
{
  g_autofree char *conf_dir = g_build_filename (pcsc->work_dir, "reader.conf.d", NULL);
  g_autofree char *run_dir = g_build_filename (pcsc->work_dir, "run", NULL);
  g_autofree char *conf_file = g_build_filename (conf_dir, "vpcd", NULL);
  g_autofree char *log_path = g_build_filename (pcsc->work_dir, "pcscd.log", NULL);
  g_autofree char *conf = NULL, *script = NULL, *log = NULL;
  g_autoptr(GError) error = NULL;
  gboolean root = getuid () == 0;
  gboolean isolated = private_mounts_possible ()
                      && g_getenv ("EKYC_TEST_PCSCD_NO_NAMESPACE") == NULL;
  const char *argv[] = { "unshare", root ? "--mount" : "--user", root ? "--propagation" : "--map-root-user",
                         root ? "private" : "--mount", "sh", "-c", NULL, NULL };
  const char *shared_argv[] = { "sh", "-c", NULL, NULL };

  *bound = TRUE;
  if (!isolated && g_file_test ("/run/pcscd/pcscd.comm", G_FILE_TEST_EXISTS))
    return FALSE;
  g_clear_pointer (&pcsc->socket_path, g_free);
  pcsc->vpcd_port = free_port ();
  g_assert_cmpint (g_mkdir_with_parents (conf_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (run_dir, 0700), ==, 0);
  conf = g_strdup_printf ("FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x%04X\n"
                          "LIBPATH " VPCD_DRIVER "\nCHANNELID 0x%04X\n", pcsc->vpcd_port, pcsc->vpcd_port);
  g_assert_true (g_file_set_contents (conf_file, conf, -1, &error));
  if (isolated)
    {
      script = g_strdup_printf ("mkdir -p /run/pcscd && mount --bind '%s' /run/pcscd && "
                                "exec pcscd --foreground --config '%s' >'%s/pcscd.log' 2>&1",
                                run_dir, conf_dir, pcsc->work_dir);
      argv[6] = script;
      pcsc->socket_path = g_build_filename (run_dir, "pcscd.comm", NULL);
      g_unlink (pcsc->socket_path);
    }
  else
    {
      script = g_strdup_printf ("mkdir -p /run/pcscd && "
                                "exec pcscd --foreground --config '%s' >'%s/pcscd.log' 2>&1",
                                conf_dir, pcsc->work_dir);
      shared_argv[2] = script;
      pcsc->socket_path = g_strdup ("/run/pcscd/pcscd.comm");
    }
  g_assert_true (g_spawn_async (NULL, (char **) (isolated ? argv : shared_argv), NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                ekyc_test_pcsc_die_with_parent, NULL, &pcsc->pcscd_pid, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 100 && !g_file_test (pcsc->socket_path, G_FILE_TEST_EXISTS); i++)
    g_usleep (100000);
  if (g_file_test (pcsc->socket_path, G_FILE_TEST_EXISTS)
      && (!g_file_get_contents (log_path, &log, NULL, NULL)
          || strstr (log, "Address already in use") == NULL))
    return TRUE;
  g_test_message ("pcscd with vpcd on port %d did not start: %s", pcsc->vpcd_port,
                  log != NULL ? log : "no socket");
  ekyc_test_pcsc_stop_child (&pcsc->pcscd_pid);
  *bound = FALSE;
  return FALSE;
}

static gboolean
start_pcscd (EkycTestPcsc *pcsc)
{
  gboolean bound = FALSE;

  for (int attempt = 0; attempt < 5; attempt++)
    {
      if (try_start_pcscd (pcsc, &bound))
        return TRUE;
      if (bound)
        return FALSE;  /* no place for pcscd at all */
    }
  g_assert_not_reached ();
}

GPid
ekyc_test_pcsc_start_emulator (EkycTestPcsc *pcsc, const char *chip_dir,
                               int remove_after_reads, gboolean refuse_pace)
{
  return ekyc_test_pcsc_start_emulator_full (pcsc, chip_dir, remove_after_reads,
                                             refuse_pace ? EKYC_TEST_EMULATOR_REFUSE_PACE : 0);
}

GPid
ekyc_test_pcsc_start_emulator_full (EkycTestPcsc *pcsc, const char *chip_dir,
                                    int remove_after_reads, EkycTestEmulatorFlags flags)
{
  g_autofree char *port = g_strdup_printf ("%d", pcsc->vpcd_port);
  g_autofree char *removal = g_strdup_printf ("%d", MAX (remove_after_reads, 0));
  const char *args[] = { g_getenv ("EKYC_CHIP_EMULATOR"), "--files", chip_dir, "--port", port,
                         "--remove-after-reads", removal };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  for (guint i = 0; i < G_N_ELEMENTS (args); i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  if (remove_after_reads < 0)
    g_ptr_array_add (argv, "--remove-at-first-read");
  if (flags & EKYC_TEST_EMULATOR_REFUSE_PACE)
    g_ptr_array_add (argv, "--refuse-pace");
  if (flags & EKYC_TEST_EMULATOR_NOT_ICAO)
    g_ptr_array_add (argv, "--not-icao");
  if (flags & EKYC_TEST_EMULATOR_EXTENDED_LENGTH)
    g_ptr_array_add (argv, "--extended-length");
  g_ptr_array_add (argv, NULL);
  /* its "connected" line must not mix with the TAP output */
  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                ekyc_test_pcsc_die_with_parent, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* After an emulator stops, pcscd goes on seeing its card until it polls the reader again; a
 * read started before that talks to a card that is no longer there (and, when the next
 * emulator has just connected, finds no EF.CardAccess). Waits through the same PC/SC socket
 * the readers use. */
void
ekyc_test_pcsc_wait_card (EkycTestPcsc *pcsc, gboolean present)
{
  SCARDCONTEXT context;
  char readers[1024];
  DWORD length = sizeof readers;
  SCARD_READERSTATE state = { 0 };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_setenv ("PCSCLITE_CSOCK_NAME", pcsc->socket_path, TRUE);
  g_assert_cmpint (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context), ==,
                   SCARD_S_SUCCESS);
  g_assert_cmpint (SCardListReaders (context, NULL, readers, &length), ==, SCARD_S_SUCCESS);
  state.szReader = readers;  /* the first (and only) reader */
  state.dwCurrentState = SCARD_STATE_UNAWARE;
  while (g_get_monotonic_time () < deadline)
    {
      LONG rv = SCardGetStatusChange (context, 200, &state, 1);

      if (rv != SCARD_S_SUCCESS && rv != (LONG) SCARD_E_TIMEOUT)
        break;
      if (state.dwEventState & (present ? SCARD_STATE_PRESENT : SCARD_STATE_EMPTY))
        break;
      state.dwCurrentState = state.dwEventState & ~SCARD_STATE_CHANGED;
    }
  g_assert_true (state.dwEventState & (present ? SCARD_STATE_PRESENT : SCARD_STATE_EMPTY));
  SCardReleaseContext (context);
}


const char *
ekyc_test_pcsc_unavailable (void)
{
  if (!g_file_test ("/usr/sbin/pcscd", G_FILE_TEST_IS_EXECUTABLE)
      || !g_file_test (VPCD_DRIVER, G_FILE_TEST_EXISTS))
    return "pcscd or vsmartcard-vpcd is not installed (tools/bootstrap.sh installs them)";
  if (g_getenv ("EKYC_CHIP_EMULATOR") == NULL)
    return "EKYC_CHIP_EMULATOR is not set";
  return NULL;
}

EkycTestPcsc *
ekyc_test_pcsc_start (const char *work_dir, const char **skip_reason)
{
  EkycTestPcsc *pcsc = g_new0 (EkycTestPcsc, 1);

  *skip_reason = NULL;
  pcsc->work_dir = g_strdup (work_dir);
  if (!start_pcscd (pcsc))
    {
      *skip_reason = "no private mount namespace here and the system's pcscd holds /run/pcscd";
      ekyc_test_pcsc_stop (pcsc);
      return NULL;
    }
  g_setenv ("PCSCLITE_CSOCK_NAME", pcsc->socket_path, TRUE);
  return pcsc;
}

void
ekyc_test_pcsc_stop (EkycTestPcsc *pcsc)
{
  if (pcsc == NULL)
    return;
  ekyc_test_pcsc_stop_child (&pcsc->pcscd_pid);
  g_free (pcsc->work_dir);
  g_free (pcsc->socket_path);
  g_free (pcsc);
}
