/* pcsc-stack.h — a private PC/SC stack for tests: pcscd with one vsmartcard-vpcd reader, and the
 * chip emulator on vpcd's socket; shared by test-chip-e2e and the app's UI tests
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * pcscd runs in its own mount namespace with /run/pcscd bound to a folder of the test; its
 * clients find it through PCSCLITE_CSOCK_NAME. Every child gets PR_SET_PDEATHSIG, so none
 * outlives the test even when it aborts.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *work_dir;     /* where pcscd's configuration, socket and log live */
  char *socket_path;  /* pcscd's socket: PCSCLITE_CSOCK_NAME for the clients */
  int   vpcd_port;    /* where the emulator connects */
  GPid  pcscd_pid;
} EkycTestPcsc;

/* Why no PC/SC stack can run here (pcscd or vpcd missing), or NULL when one can. (static) */
const char   *ekyc_test_pcsc_unavailable (void);
/* Starts pcscd with a vpcd reader in @work_dir (created by the caller) and sets
 * PCSCLITE_CSOCK_NAME in this process. Returns NULL with @skip_reason (static) when there is no
 * place for a pcscd (a chroot where the system's pcscd holds /run/pcscd). */
EkycTestPcsc *ekyc_test_pcsc_start       (const char *work_dir, const char **skip_reason);
void          ekyc_test_pcsc_stop        (EkycTestPcsc *pcsc);
/* Serves the chip of @chip_dir (ekyc_test_chip_build ()) with the emulator $EKYC_CHIP_EMULATOR:
 * @remove_after_reads > 0 pulls the card after that many reads under access control, < 0 at the
 * first read of all (EF.CardAccess's); @refuse_pace makes it refuse
 * PACE. Stop it with ekyc_test_pcsc_stop_child (). */
GPid          ekyc_test_pcsc_start_emulator (EkycTestPcsc *pcsc, const char *chip_dir,
                                             int remove_after_reads, gboolean refuse_pace);
typedef enum {
  EKYC_TEST_EMULATOR_REFUSE_PACE     = 1 << 0,  /* --refuse-pace */
  EKYC_TEST_EMULATOR_NOT_ICAO        = 1 << 1,  /* --not-icao: a card of another application */
  EKYC_TEST_EMULATOR_EXTENDED_LENGTH = 1 << 2,  /* --extended-length: the ATR announces it */
} EkycTestEmulatorFlags;
/* The same with any of the emulator's options. */
GPid          ekyc_test_pcsc_start_emulator_full (EkycTestPcsc *pcsc, const char *chip_dir,
                                                  int remove_after_reads,
                                                  EkycTestEmulatorFlags flags);
/* SIGTERM, wait, close; sets *@pid to 0. */
void          ekyc_test_pcsc_stop_child  (GPid *pid);
/* Waits (up to 30 s) until pcscd reports the reader holding a card (@present) or empty. */
void          ekyc_test_pcsc_wait_card   (EkycTestPcsc *pcsc, gboolean present);
/* For g_spawn: the child dies with the test. */
void          ekyc_test_pcsc_die_with_parent (gpointer user_data);

G_END_DECLS
