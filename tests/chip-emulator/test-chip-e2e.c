/* test-chip-e2e.c — `ekyc-cli read-chip` end to end through a real PC/SC stack: a private pcscd
 * (its own reader.conf.d with one vsmartcard-vpcd reader on a free port, its socket in a temporary
 * directory bound over /run/pcscd in a private mount namespace) and the chip emulator on vpcd's
 * socket. Every child gets PR_SET_PDEATHSIG, so none outlives the test even when it aborts.
 *
 * The chips: "good" offers PACE (brainpoolP256r1, AES-128) and BAC, chip authentication (DG14)
 * and an ECDSA active authentication key (DG15); "nist" PACE on NIST P-256 with AES-256 and an
 * RSA key, no DG14; "bac" BAC only, with DG14; "altered" BAC only; "cloned" is "good"'s LDS with
 * other private keys.
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
#include <json-glib/json-glib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <winscard.h>

#include "chip-lds-builder.h"
#include "test-utils.h"

#define VPCD_DRIVER "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"

static char *work_dir, *socket_path, *good_chip, *altered_chip, *bac_chip, *nist_chip, *cloned_chip;
static int vpcd_port;
static GPid pcscd_pid;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
stop (GPid *pid)
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
try_start_pcscd (gboolean *bound)
{
  g_autofree char *conf_dir = g_build_filename (work_dir, "reader.conf.d", NULL);
  g_autofree char *run_dir = g_build_filename (work_dir, "run", NULL);
  g_autofree char *conf_file = g_build_filename (conf_dir, "vpcd", NULL);
  g_autofree char *log_path = g_build_filename (work_dir, "pcscd.log", NULL);
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
  g_clear_pointer (&socket_path, g_free);
  vpcd_port = free_port ();
  g_assert_cmpint (g_mkdir_with_parents (conf_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (run_dir, 0700), ==, 0);
  conf = g_strdup_printf ("FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x%04X\n"
                          "LIBPATH " VPCD_DRIVER "\nCHANNELID 0x%04X\n", vpcd_port, vpcd_port);
  g_assert_true (g_file_set_contents (conf_file, conf, -1, &error));
  if (isolated)
    {
      script = g_strdup_printf ("mkdir -p /run/pcscd && mount --bind '%s' /run/pcscd && "
                                "exec pcscd --foreground --config '%s' >'%s/pcscd.log' 2>&1",
                                run_dir, conf_dir, work_dir);
      argv[6] = script;
      socket_path = g_build_filename (run_dir, "pcscd.comm", NULL);
      g_unlink (socket_path);
    }
  else
    {
      script = g_strdup_printf ("mkdir -p /run/pcscd && "
                                "exec pcscd --foreground --config '%s' >'%s/pcscd.log' 2>&1",
                                conf_dir, work_dir);
      shared_argv[2] = script;
      socket_path = g_strdup ("/run/pcscd/pcscd.comm");
    }
  g_assert_true (g_spawn_async (NULL, (char **) (isolated ? argv : shared_argv), NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                die_with_parent, NULL, &pcscd_pid, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 100 && !g_file_test (socket_path, G_FILE_TEST_EXISTS); i++)
    g_usleep (100000);
  if (g_file_test (socket_path, G_FILE_TEST_EXISTS)
      && (!g_file_get_contents (log_path, &log, NULL, NULL)
          || strstr (log, "Address already in use") == NULL))
    return TRUE;
  g_test_message ("pcscd with vpcd on port %d did not start: %s", vpcd_port,
                  log != NULL ? log : "no socket");
  stop (&pcscd_pid);
  *bound = FALSE;
  return FALSE;
}

static gboolean
start_pcscd (void)
{
  gboolean bound = FALSE;

  for (int attempt = 0; attempt < 5; attempt++)
    {
      if (try_start_pcscd (&bound))
        return TRUE;
      if (bound)
        return FALSE;  /* no place for pcscd at all */
    }
  g_assert_not_reached ();
}

/* A chroot with the system's pcscd running: nowhere to put our own. */
static void
test_no_place_for_pcscd (void)
{
  g_test_skip ("no private mount namespace here and the system's pcscd holds /run/pcscd");
}

static GPid
start_emulator (const char *chip_dir, int remove_after_reads, gboolean refuse_pace)
{
  g_autofree char *port = g_strdup_printf ("%d", vpcd_port);
  g_autofree char *removal = g_strdup_printf ("%d", remove_after_reads);
  const char *argv[] = { g_getenv ("EKYC_CHIP_EMULATOR"), "--files", chip_dir, "--port", port,
                         "--remove-after-reads", removal,
                         refuse_pace ? "--refuse-pace" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  /* its "connected" line must not mix with the TAP output */
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                die_with_parent, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* After an emulator stops, pcscd goes on seeing its card until it polls the reader again; a
 * read-chip started before that talks to a card that is no longer there (and, when the next
 * emulator has just connected, finds no EF.CardAccess). Waits until pcscd reports the reader
 * empty, through the same PC/SC socket read-chip uses. */
static void
wait_until_reader_empty (void)
{
  SCARDCONTEXT context;
  char readers[1024];
  DWORD length = sizeof readers;
  SCARD_READERSTATE state = { 0 };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_setenv ("PCSCLITE_CSOCK_NAME", socket_path, TRUE);
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
      if (state.dwEventState & SCARD_STATE_EMPTY)
        break;
      state.dwCurrentState = state.dwEventState & ~SCARD_STATE_CHANGED;
    }
  g_assert_true (state.dwEventState & SCARD_STATE_EMPTY);
  SCardReleaseContext (context);
}

/* Runs read-chip against a card the emulator serves from CHIP_DIR; returns the exit code. */
static int
read_chip_full (const char *chip_dir, const char *mrz_key, int remove_after_reads,
                gboolean refuse_pace, JsonParser *parser, JsonObject **root)
{
  g_autofree char *trust = g_build_filename (chip_dir, "trust", NULL);
  const char *argv[] = { g_getenv ("EKYC_CLI"), "read-chip", "--mrz-key", mrz_key,
                         "--trust-dir", trust, "--timeout", "10", "--json", NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PCSCLITE_CSOCK_NAME", socket_path, TRUE);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  GPid emulator = start_emulator (chip_dir, remove_after_reads, refuse_pace);
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, die_with_parent, NULL,
                               &out, &err, &status, &error));
  stop (&emulator);
  wait_until_reader_empty ();
  g_assert_no_error (error);
  g_test_message ("read-chip: %s%s", out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  *root = json_node_get_object (json_parser_get_root (parser));
  return WEXITSTATUS (status);
}

static int
read_chip (const char *chip_dir, const char *mrz_key, int remove_after_reads,
           JsonParser *parser, JsonObject **root)
{
  return read_chip_full (chip_dir, mrz_key, remove_after_reads, FALSE, parser, root);
}

/* The "checks" entry NAME: 1 passed, 0 failed, -1 absent. */
static int
check_result (JsonObject *root, const char *name)
{
  JsonArray *checks = json_object_get_array_member (root, "checks");

  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);

      if (g_str_equal (json_object_get_string_member (check, "name"), name))
        return json_object_get_boolean_member (check, "passed") ? 1 : 0;
    }
  return -1;
}

static const char *
chip_auth_result (JsonObject *root)
{
  return json_object_get_string_member (
    json_object_get_object_member (root, "chip_authentication"), "result");
}

static const char *
error_code (JsonObject *root)
{
  g_assert_true (json_object_has_member (root, "error"));
  return json_object_get_string_member (json_object_get_object_member (root, "error"), "code");
}

static const char *
passive_result (JsonObject *root)
{
  return json_object_get_string_member (
    json_object_get_object_member (root, "passive_authentication"), "result");
}

static char *
mrz_key_of (const char *chip_dir)
{
  g_autofree char *path = g_build_filename (chip_dir, "mrz-key.txt", NULL);
  char *key = NULL;

  g_assert_true (g_file_get_contents (path, &key, NULL, NULL));
  return g_strstrip (key);
}

static void
test_good_chip_reads_and_verifies (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (good_chip);
  JsonObject *root, *files, *timings;

  g_assert_cmpint (read_chip (good_chip, key, 0, parser, &root), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "access"), ==, "pace");
  g_assert_cmpstr (json_object_get_string_member (root, "access_detail"), ==,
                   "PACE ECDH-GM AES-128 brainpoolP256r1");
  g_assert_cmpint (check_result (root, "active-authentication"), ==, 1);
  /* chip authentication ran, and the reads after it (EF.COM again, active authentication)
   * went through under the new keys */
  g_assert_cmpstr (chip_auth_result (root), ==, "passed");
  g_assert_cmpint (check_result (root, "chip-authentication"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "id_number"), ==, "079090123456");
  g_assert_cmpstr (json_object_get_string_member (root, "full_name"), ==, "Nguyễn Văn An");
  g_assert_cmpstr (json_object_get_string_member (root, "date_of_birth"), ==, "1990-01-15");
  g_assert_cmpstr (json_object_get_string_member (root, "date_of_expiry"), ==, "2030-01-15");
  g_assert_cmpstr (json_object_get_string_member (root, "father_name"), ==, "Nguyễn Văn Bình");
  g_assert_cmpstr (json_object_get_string_member (root, "place_of_origin"), ==,
                   "Xã Phú Mỹ, Huyện Phú Tân, An Giang");
  files = json_object_get_object_member (root, "files");
  g_assert_true (json_object_has_member (files, "DG1"));
  g_assert_true (json_object_has_member (files, "DG2"));
  g_assert_true (json_object_has_member (files, "DG13"));
  g_assert_true (json_object_has_member (files, "EF.SOD"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (root, "portrait"), "format"), ==, "jpeg");
  g_assert_cmpstr (passive_result (root), ==, "ok");
  timings = json_object_get_object_member (root, "timings_ms");
  for (GList *l = json_object_get_members (timings), *m = l; m != NULL; m = m->next)
    {
      g_test_message ("timing %s: %.1f ms", (char *) m->data,
                      json_object_get_double_member (timings, m->data));
      if (m->next == NULL)
        g_list_free (l);
    }
}

/* PACE on NIST P-256 with AES-256 secure messaging; active authentication with RSA (ISO/IEC
 * 9796-2). */
static void
test_nist_aes256_rsa_chip (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (nist_chip);
  JsonObject *root;

  g_assert_cmpint (read_chip (nist_chip, key, 0, parser, &root), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "access"), ==, "pace");
  g_assert_cmpstr (json_object_get_string_member (root, "access_detail"), ==,
                   "PACE ECDH-GM AES-256 NIST P-256");
  g_assert_cmpstr (json_object_get_string_member (root, "full_name"), ==, "Nguyễn Văn An");
  g_assert_cmpstr (passive_result (root), ==, "ok");
  g_assert_cmpint (check_result (root, "active-authentication"), ==, 1);
  /* no DG14: a named "not performed", not a pass and not a check */
  g_assert_cmpstr (chip_auth_result (root), ==, "not-performed");
  g_assert_cmpint (check_result (root, "chip-authentication"), ==, -1);
}

/* A chip without EF.CardAccess is opened with BAC; chip authentication switches its 3DES session
 * to AES; without DG15 there is no active authentication to report. */
static void
test_bac_only_chip (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (bac_chip);
  JsonObject *root;

  g_assert_cmpint (read_chip (bac_chip, key, 0, parser, &root), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "access"), ==, "bac");
  g_assert_cmpstr (json_object_get_string_member (root, "id_number"), ==, "079090123456");
  g_assert_cmpstr (passive_result (root), ==, "ok");
  g_assert_cmpint (check_result (root, "active-authentication"), ==, -1);
  g_assert_cmpstr (chip_auth_result (root), ==, "passed");
}

/* The chip lists PACE but refuses MSE:Set AT: the reader falls back to BAC and says why. */
static void
test_refused_pace_falls_back_to_bac (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (good_chip);
  JsonObject *root;

  g_assert_cmpint (read_chip_full (good_chip, key, 0, TRUE, parser, &root), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "access"), ==, "bac");
  g_assert_nonnull (strstr (json_object_get_string_member (root, "access_detail"), "PACE"));
  g_assert_cmpstr (json_object_get_string_member (root, "full_name"), ==, "Nguyễn Văn An");
  g_assert_cmpint (check_result (root, "active-authentication"), ==, 1);
}

static void
test_wrong_key_is_refused (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  /* one digit of the document number off: PACE's tokens differ (the chip answers 6300 to the
   * last GENERAL AUTHENTICATE), then BAC's MUTUAL AUTHENTICATE answers 6300 */
  g_assert_cmpint (read_chip (good_chip, "090123457:900115:300115", 0, parser, &root), ==, 2);
  g_assert_cmpstr (error_code (root), ==, "chip-access-denied");
  /* and on a BAC-only chip */
  g_clear_object (&parser);
  parser = json_parser_new ();
  g_assert_cmpint (read_chip (bac_chip, "090123457:900115:300115", 0, parser, &root), ==, 2);
  g_assert_cmpstr (error_code (root), ==, "chip-access-denied");
}

/* Same LDS, same SOD, so passive authentication passes; but the private keys are not the ones
 * DG14 and DG15 publish: chip authentication and active authentication catch the clone. */
static void
test_cloned_chip_fails_active_authentication (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (cloned_chip);
  JsonObject *root;

  g_assert_cmpint (read_chip (cloned_chip, key, 0, parser, &root), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "access"), ==, "pace");
  g_assert_cmpstr (passive_result (root), ==, "ok");
  g_assert_cmpint (check_result (root, "active-authentication"), ==, 0);
  g_assert_cmpstr (chip_auth_result (root), ==, "failed");
  g_assert_cmpint (check_result (root, "chip-authentication"), ==, 0);
}

static void
test_altered_dg_fails_passive_authentication (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (altered_chip);
  JsonObject *root;

  g_assert_cmpint (read_chip (altered_chip, key, 0, parser, &root), ==, 1);
  g_assert_cmpstr (passive_result (root), ==, "hash-mismatch");
}

static void
test_card_removed_mid_read (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (good_chip);
  JsonObject *root;

  /* the emulator leaves after the third READ BINARY under secure messaging */
  g_assert_cmpint (read_chip (good_chip, key, 3, parser, &root), ==, 2);
  g_assert_cmpstr (error_code (root), ==, "chip-removed");
}

/* GOOD's files with fresh private keys in aa-key.pem and ca-key.pem: what a copy of the
 * readable files onto another chip would be. */
static void
write_new_key (const char *dir, const char *name, const char *curve)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  EVP_PKEY *key = EVP_PKEY_Q_keygen (NULL, NULL, "EC", curve);
  FILE *f;

  g_assert_nonnull (key);
  f = fopen (path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (PEM_write_PrivateKey (f, key, NULL, NULL, 0, NULL, NULL), ==, 1);
  fclose (f);
  EVP_PKEY_free (key);
}

static void
make_cloned_chip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (good_chip, 0, &error);
  const char *name;

  g_assert_no_error (error);
  cloned_chip = g_build_filename (work_dir, "cloned", NULL);
  g_assert_cmpint (g_mkdir_with_parents (cloned_chip, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (good_chip, name, NULL);
      g_autofree char *to = g_build_filename (cloned_chip, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (from, G_FILE_TEST_IS_DIR))
        continue;  /* the trust store: the same CSCA, see below */
      g_assert_true (g_file_get_contents (from, &contents, &length, &error));
      g_assert_true (g_file_set_contents (to, contents, (gssize) length, &error));
    }
  write_new_key (cloned_chip, "aa-key.pem", "P-256");
  write_new_key (cloned_chip, "ca-key.pem", "brainpoolP256r1");
  {
    g_autofree char *from = g_build_filename (good_chip, "trust", "csca.pem", NULL);
    g_autofree char *trust = g_build_filename (cloned_chip, "trust", NULL);
    g_autofree char *to = g_build_filename (trust, "csca.pem", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_cmpint (g_mkdir_with_parents (trust, 0700), ==, 0);
    g_assert_true (g_file_get_contents (from, &contents, &length, &error));
    g_assert_true (g_file_set_contents (to, contents, (gssize) length, &error));
  }
}

static char *
build_chip (EkycTestChipSpec *spec, const char *name)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_build_filename (work_dir, name, NULL);

  g_assert_true (ekyc_test_chip_build (spec, dir, &error));
  g_assert_no_error (error);
  return dir;
}

/* A copy of GOOD with one MRZ name letter of DG1 changed after the SOD was signed (not a field
 * of the BAC key, so the chip still opens). */
static void
make_altered_chip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dg1_path = NULL, *contents = NULL;
  gsize length;
  char *name;
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();

  spec.pace_parameter_id = 0;
  altered_chip = g_build_filename (work_dir, "altered", NULL);
  g_assert_true (ekyc_test_chip_build (&spec, altered_chip, &error));
  g_assert_no_error (error);
  dg1_path = g_build_filename (altered_chip, "DG1", NULL);
  g_assert_true (g_file_get_contents (dg1_path, &contents, &length, &error));
  name = g_strstr_len (contents, length, "NGUYEN<<");
  g_assert_nonnull (name);
  name[5] = 'M';
  g_assert_true (g_file_set_contents (dg1_path, contents, length, &error));
}

static void
skip_without_pcsc_stack (void)
{
  g_test_skip ("pcscd or vsmartcard-vpcd is not installed (tools/bootstrap.sh installs them)");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *portrait = NULL;
  EkycTestChipSpec spec;
  int result;

  ekyc_test_init (&argc, &argv);
  if (!g_file_test ("/usr/sbin/pcscd", G_FILE_TEST_IS_EXECUTABLE)
      || !g_file_test (VPCD_DRIVER, G_FILE_TEST_EXISTS))
    {
      g_test_add_func ("/chip/e2e/needs-pcscd-and-vpcd", skip_without_pcsc_stack);
      return g_test_run ();
    }
  work_dir = g_dir_make_tmp ("ekyc-chip-e2e-XXXXXX", &error);
  g_assert_no_error (error);
  portrait = ekyc_test_shared_path ("faces", "dlib-johns", "John_Savage", "000296_01099007.jpg",
                                    NULL);
  spec = ekyc_test_chip_spec_default ();
  spec.pace_parameter_id = 13;
  spec.pace_aes_bits = 128;
  spec.with_dg14 = TRUE;
  spec.with_dg15 = TRUE;
  spec.portrait_path = portrait;
  good_chip = build_chip (&spec, "good");
  spec = ekyc_test_chip_spec_default ();
  spec.pace_parameter_id = 12;
  spec.pace_aes_bits = 256;
  spec.with_dg15 = TRUE;
  spec.aa_rsa_bits = 2048;
  nist_chip = build_chip (&spec, "nist");
  spec = ekyc_test_chip_spec_default ();
  spec.pace_parameter_id = 0;
  spec.with_dg14 = TRUE;
  spec.ca_curve = "P-256";
  bac_chip = build_chip (&spec, "bac");
  make_altered_chip ();
  make_cloned_chip ();
  if (!start_pcscd ())
    {
      g_test_add_func ("/chip/e2e/no-place-for-pcscd", test_no_place_for_pcscd);
      result = g_test_run ();
      ekyc_test_remove_tree (work_dir);
      return result;
    }

  g_test_add_func ("/chip/e2e/good-chip-reads-and-verifies", test_good_chip_reads_and_verifies);
  g_test_add_func ("/chip/e2e/nist-aes256-rsa-chip", test_nist_aes256_rsa_chip);
  g_test_add_func ("/chip/e2e/bac-only-chip", test_bac_only_chip);
  g_test_add_func ("/chip/e2e/refused-pace-falls-back-to-bac",
                   test_refused_pace_falls_back_to_bac);
  g_test_add_func ("/chip/e2e/wrong-key-is-refused", test_wrong_key_is_refused);
  g_test_add_func ("/chip/e2e/cloned-chip-fails-active-authentication",
                   test_cloned_chip_fails_active_authentication);
  g_test_add_func ("/chip/e2e/altered-dg-fails-passive-authentication",
                   test_altered_dg_fails_passive_authentication);
  g_test_add_func ("/chip/e2e/card-removed-mid-read", test_card_removed_mid_read);
  result = g_test_run ();
  stop (&pcscd_pid);
  ekyc_test_remove_tree (work_dir);
  g_free (work_dir);
  return result;
}
