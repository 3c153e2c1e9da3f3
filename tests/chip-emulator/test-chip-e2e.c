/* test-chip-e2e.c — `ekyc-cli read-chip` end to end through a real PC/SC stack: a private pcscd
 * (its own reader.conf.d with one vsmartcard-vpcd reader on a free port, its socket in a temporary
 * directory bound over /run/pcscd in a private mount namespace) and the chip emulator on vpcd's
 * socket. Every child gets PR_SET_PDEATHSIG, so none outlives the test even when it aborts.
 *
 * The chips: "good" offers PACE (brainpoolP256r1, AES-128) and BAC, chip authentication (DG14)
 * and an ECDSA active authentication key (DG15); "nist" PACE on NIST P-256 with AES-256 and an
 * RSA key, no DG14; "bac" BAC only, with DG14; "altered" BAC only; "cloned" is "good"'s LDS with
 * other private keys; "ca-N" offer each chip authentication protocol (ECDH and DH, 3DES and
 * AES), each with its "ca-N-cloned".
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "chip-lds-builder.h"
#include "pcsc-stack.h"
#include "test-utils.h"

/* READ BINARY commands a full read of "good" takes with 2 KB chunks, and some room */
#define READS_EXTENDED 30

static EkycTestPcsc *pcsc;
static char *work_dir, *good_chip, *altered_chip, *bac_chip, *nist_chip, *cloned_chip;

/* Runs read-chip against a card the emulator serves from CHIP_DIR; returns the exit code. */
static int
read_chip_full (const char *chip_dir, const char *mrz_key, int remove_after_reads,
                EkycTestEmulatorFlags flags, JsonParser *parser, JsonObject **root)
{
  g_autofree char *trust = g_build_filename (chip_dir, "trust", NULL);
  const char *argv[] = { g_getenv ("EKYC_CLI"), "read-chip", "--mrz-key", mrz_key,
                         "--trust-dir", trust, "--timeout", "10", "--json", NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PCSCLITE_CSOCK_NAME", pcsc->socket_path, TRUE);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  GPid emulator = ekyc_test_pcsc_start_emulator_full (pcsc, chip_dir, remove_after_reads, flags);
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, ekyc_test_pcsc_die_with_parent, NULL,
                               &out, &err, &status, &error));
  ekyc_test_pcsc_stop_child (&emulator);
  ekyc_test_pcsc_wait_card (pcsc, FALSE);
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
  return read_chip_full (chip_dir, mrz_key, remove_after_reads, 0, parser, root);
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

  g_assert_cmpint (read_chip_full (good_chip, key, 0, EKYC_TEST_EMULATOR_REFUSE_PACE, parser, &root), ==, 0);
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

/* A card whose ATR announces extended Lc and Le is read in 2 KB chunks: the whole read (DG2 is
 * 12 KB) takes fewer READ BINARY commands than the emulator allows before it leaves the reader;
 * read 223 bytes at a time, the same card is gone before the end. */
static void
test_extended_length_reads_large_chunks (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (good_chip);
  JsonObject *root;

  g_assert_cmpint (read_chip_full (good_chip, key, READS_EXTENDED,
                                   EKYC_TEST_EMULATOR_EXTENDED_LENGTH, parser, &root), ==, 0);
  g_assert_cmpstr (passive_result (root), ==, "ok");
  g_assert_cmpstr (chip_auth_result (root), ==, "passed");
  g_clear_object (&parser);
  parser = json_parser_new ();
  g_assert_cmpint (read_chip_full (good_chip, key, READS_EXTENDED, 0, parser, &root), ==, 2);
  g_assert_cmpstr (error_code (root), ==, "chip-removed");
}

/* Taken off at the first READ BINARY, EF.CardAccess's: "removed", not a chip without PACE read
 * with BAC. */
static void
test_card_removed_reading_card_access (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (good_chip);
  JsonObject *root;

  g_assert_cmpint (read_chip (good_chip, key, -1, parser, &root), ==, 2);
  g_assert_cmpstr (error_code (root), ==, "chip-removed");
  g_assert_false (json_object_has_member (root, "access"));
}

/* read-chip with @extra arguments (NULL-terminated) against pcscd's socket @socket, whatever is
 * on the reader now; returns the exit code. */
static int
read_chip_plain (const char *const *extra, const char *socket, JsonParser *parser,
                 JsonObject **root)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PCSCLITE_CSOCK_NAME", socket, TRUE);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *base[] = { g_getenv ("EKYC_CLI"), "read-chip", "--mrz-key",
                         "090123456:900115:300115", "--json" };
  int status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (base); i++)
    g_ptr_array_add (argv, (gpointer) base[i]);
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT,
                               ekyc_test_pcsc_die_with_parent, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("read-chip: %s%s", out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  *root = json_node_get_object (json_parser_get_root (parser));
  return WEXITSTATUS (status);
}

static const char *
error_message (JsonObject *root)
{
  return json_object_get_string_member (json_object_get_object_member (root, "error"),
                                        "message");
}

/* The reader's errors, each with its own code and a message that says what to do. */
static void
test_no_card_on_the_reader (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *extra[] = { "--timeout", "1", NULL };
  JsonObject *root;

  g_assert_cmpint (read_chip_plain (extra, pcsc->socket_path, parser, &root), ==, 2);
  g_assert_cmpstr (error_code (root), ==, "chip-no-card");
  g_assert_nonnull (strstr (error_message (root), "reader"));
}

static void
test_no_reader (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *no_socket = g_build_filename (work_dir, "no-pcscd", "pcscd.comm", NULL);
  const char *unknown[] = { "--reader", "Contactless Reader 99 00", "--timeout", "1", NULL };
  const char *none[] = { "--timeout", "1", NULL };
  JsonObject *root;

  /* a reader name that is not connected */
  g_assert_cmpint (read_chip_plain (unknown, pcsc->socket_path, parser, &root), ==, 2);
  g_assert_cmpstr (error_code (root), ==, "chip-no-reader");
  g_assert_nonnull (strstr (error_message (root), "Contactless Reader 99 00"));
  /* no smart card service at all */
  g_clear_object (&parser);
  parser = json_parser_new ();
  g_assert_cmpint (read_chip_plain (none, no_socket, parser, &root), ==, 2);
  g_assert_cmpstr (error_code (root), ==, "chip-no-reader");
  g_assert_nonnull (strstr (error_message (root), "pcscd"));
}

/* A card of another application (no eMRTD application, no EF.CardAccess): not an ID card. */
static void
test_wrong_card_is_not_icao (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *extra[] = { "--timeout", "10", NULL };
  JsonObject *root;
  GPid emulator = ekyc_test_pcsc_start_emulator_full (pcsc, good_chip, 0,
                                                     EKYC_TEST_EMULATOR_NOT_ICAO);
  int status;

  ekyc_test_pcsc_wait_card (pcsc, TRUE);
  status = read_chip_plain (extra, pcsc->socket_path, parser, &root);
  ekyc_test_pcsc_stop_child (&emulator);
  ekyc_test_pcsc_wait_card (pcsc, FALSE);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (error_code (root), ==, "chip-not-icao");
  g_assert_false (json_object_has_member (root, "access"));
}

/* Replaces the private key DIR/NAME with a fresh one of the same kind and domain parameters
 * (curve, or DH group). */
static void
write_new_key_like (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  EVP_PKEY *old_key = NULL, *key = NULL;
  EVP_PKEY_CTX *ctx;
  FILE *f = fopen (path, "r");

  g_assert_nonnull (f);
  old_key = PEM_read_PrivateKey (f, NULL, NULL, NULL);
  fclose (f);
  g_assert_nonnull (old_key);
  ctx = EVP_PKEY_CTX_new_from_pkey (NULL, old_key, NULL);
  g_assert_nonnull (ctx);
  g_assert_cmpint (EVP_PKEY_keygen_init (ctx), ==, 1);
  g_assert_cmpint (EVP_PKEY_keygen (ctx, &key), ==, 1);
  f = fopen (path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (PEM_write_PrivateKey (f, key, NULL, NULL, 0, NULL, NULL), ==, 1);
  fclose (f);
  EVP_PKEY_CTX_free (ctx);
  EVP_PKEY_free (key);
  EVP_PKEY_free (old_key);
}

/* FROM's files (and its trust store) with fresh private keys in aa-key.pem and ca-key.pem: what
 * a copy of the readable files onto another chip would be. */
static char *
make_cloned_chip (const char *from_dir, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trust_from = g_build_filename (from_dir, "trust", NULL);
  g_autoptr(GDir) dir = g_dir_open (from_dir, 0, &error);
  char *cloned = g_build_filename (work_dir, name, NULL);
  g_autofree char *trust = g_build_filename (cloned, "trust", NULL);
  const char *file;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (trust, 0700), ==, 0);
  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (from_dir, file, NULL);
      g_autofree char *to = g_build_filename (cloned, file, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (from, G_FILE_TEST_IS_DIR))
        continue;
      g_assert_true (g_file_get_contents (from, &contents, &length, &error));
      g_assert_true (g_file_set_contents (to, contents, (gssize) length, &error));
      if (g_str_equal (file, "aa-key.pem") || g_str_equal (file, "ca-key.pem"))
        write_new_key_like (cloned, file);
    }
  {
    g_autofree char *from = g_build_filename (trust_from, "csca.pem", NULL);
    g_autofree char *to = g_build_filename (trust, "csca.pem", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (from, &contents, &length, &error));
    g_assert_true (g_file_set_contents (to, contents, (gssize) length, &error));
  }
  return cloned;
}

/* ---- every chip authentication protocol ---------------------------------------------------- */

typedef struct {
  const char *protocol;
  const char *key_parameters;  /* curve or DH group */
  int         pace_parameter_id;  /* 0: BAC */
  char       *chip, *cloned;
} CaVariant;

static CaVariant ca_variants[] = {
  { "id-CA-ECDH-3DES-CBC-CBC", "brainpoolP256r1", 0 },
  { "id-CA-ECDH-AES-CBC-CMAC-192", "P-384", 13 },
  { "id-CA-ECDH-AES-CBC-CMAC-256", "brainpoolP384r1", 12 },
  { "id-CA-DH-3DES-CBC-CBC", "dh_1024_160", 0 },
  { "id-CA-DH-3DES-CBC-CBC", "dh_2048_224", 13 },
  { "id-CA-DH-AES-CBC-CMAC-128", "dh_1024_160", 0 },
  { "id-CA-DH-AES-CBC-CMAC-192", "dh_2048_224", 13 },
  { "id-CA-DH-AES-CBC-CMAC-256", "dh_2048_256", 12 },
};

/* The chip proves the key DG14 publishes, whichever protocol, after BAC or PACE: the reads
 * after chip authentication (EF.COM again, DG15's active authentication) go through under the
 * new keys. A copy of its files with another private key fails with a reason of its own. */
static void
test_chip_authentication_variant (gconstpointer data)
{
  const CaVariant *variant = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = mrz_key_of (variant->chip);
  JsonObject *root, *ca;

  g_assert_cmpint (read_chip (variant->chip, key, 0, parser, &root), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "access"), ==,
                   variant->pace_parameter_id != 0 ? "pace" : "bac");
  g_assert_cmpstr (passive_result (root), ==, "ok");
  ca = json_object_get_object_member (root, "chip_authentication");
  g_assert_cmpstr (json_object_get_string_member (ca, "result"), ==, "passed");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (ca, "detail"),
                                   variant->protocol));
  g_assert_cmpint (check_result (root, "chip-authentication"), ==, 1);
  g_assert_cmpint (check_result (root, "active-authentication"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "full_name"), ==, "Nguyễn Văn An");

  g_clear_object (&parser);
  parser = json_parser_new ();
  g_assert_cmpint (read_chip (variant->cloned, key, 0, parser, &root), ==, 1);
  g_assert_cmpstr (passive_result (root), ==, "ok");
  ca = json_object_get_object_member (root, "chip_authentication");
  g_assert_cmpstr (json_object_get_string_member (ca, "result"), ==, "failed");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (ca, "detail"),
                                   variant->protocol));
  g_assert_nonnull (strstr (json_object_get_string_member (ca, "detail"),
                            "possibly a cloned chip"));
  g_assert_cmpint (check_result (root, "chip-authentication"), ==, 0);
}

static void
make_ca_variants (const char *portrait)
{
  for (guint i = 0; i < G_N_ELEMENTS (ca_variants); i++)
    {
      CaVariant *v = &ca_variants[i];
      EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
      g_autofree char *name = g_strdup_printf ("ca-%u", i);
      g_autofree char *cloned = g_strdup_printf ("ca-%u-cloned", i);
      g_autoptr(GError) error = NULL;

      spec.pace_parameter_id = v->pace_parameter_id;
      spec.with_dg14 = spec.with_dg15 = TRUE;
      spec.ca_protocol = v->protocol;
      spec.ca_curve = v->key_parameters;
      spec.portrait_path = portrait;
      v->chip = g_build_filename (work_dir, name, NULL);
      g_assert_true (ekyc_test_chip_build (&spec, v->chip, &error));
      g_assert_no_error (error);
      v->cloned = make_cloned_chip (v->chip, cloned);
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
skip_test (gconstpointer reason)
{
  g_test_skip (reason);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *portrait = NULL;
  EkycTestChipSpec spec;
  const char *skip = NULL;
  int result;

  ekyc_test_init (&argc, &argv);
  skip = ekyc_test_pcsc_unavailable ();
  if (skip != NULL)
    {
      g_test_add_data_func ("/chip/e2e/needs-pcscd-and-vpcd", skip, skip_test);
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
  cloned_chip = make_cloned_chip (good_chip, "cloned");
  make_ca_variants (portrait);
  pcsc = ekyc_test_pcsc_start (work_dir, &skip);
  if (pcsc == NULL)
    {
      g_test_add_data_func ("/chip/e2e/no-place-for-pcscd", skip, skip_test);
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
  for (guint i = 0; i < G_N_ELEMENTS (ca_variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/chip/e2e/chip-authentication/%s/%s",
                                               ca_variants[i].protocol,
                                               ca_variants[i].key_parameters);

      g_test_add_data_func (path, &ca_variants[i], test_chip_authentication_variant);
    }
  g_test_add_func ("/chip/e2e/no-card-on-the-reader", test_no_card_on_the_reader);
  g_test_add_func ("/chip/e2e/no-reader", test_no_reader);
  g_test_add_func ("/chip/e2e/wrong-card-is-not-icao", test_wrong_card_is_not_icao);
  g_test_add_func ("/chip/e2e/card-removed-mid-read", test_card_removed_mid_read);
  g_test_add_func ("/chip/e2e/extended-length-reads-large-chunks",
                   test_extended_length_reads_large_chunks);
  g_test_add_func ("/chip/e2e/card-removed-reading-card-access",
                   test_card_removed_reading_card_access);
  result = g_test_run ();
  ekyc_test_pcsc_stop (pcsc);
  ekyc_test_remove_tree (work_dir);
  g_free (work_dir);
  return result;
}
