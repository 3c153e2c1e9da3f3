/* test-chip-session.c — the app's EkycChipSession reading the emulated chip (the emulator's code
 * in-process, no pcscd): the read runs on a worker, progress arrives on the main thread in
 * order, the document carries what was proven; a wrong key, a second read while busy and a
 * cancel each give their own error.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-chip-session.h"
#include "chip-lds-builder.h"
#include "emu-chip.h"
#include "test-utils.h"

static char *chip_dir;

static gboolean
emulated_transmit (const guint8 *command, gsize length, GByteArray *response, gpointer user_data,
                   GError **error)
{
  g_autoptr(GBytes) answer = emu_chip_transmit (user_data, command, length);

  g_byte_array_append (response, g_bytes_get_data (answer, NULL),
                       (guint) g_bytes_get_size (answer));
  return TRUE;
}

static EkycChipCard *
emulated_card (void)
{
  g_autoptr(GError) error = NULL;
  EmuChip *chip = emu_chip_new (chip_dir, &error);

  g_assert_no_error (error);
  return ekyc_chip_card_new_for_transmit (emulated_transmit, chip,
                                          (GDestroyNotify) emu_chip_free, TRUE);
}

/* A card whose first answer waits until the test opens the gate: the worker is stuck inside the
 * read for as long as the test needs. */
typedef struct {
  EmuChip *chip;
  GMutex   lock;
  GCond    changed;
  gboolean open;
} Gate;

static Gate gate;

static gboolean
gated_transmit (const guint8 *command, gsize length, GByteArray *response, gpointer user_data,
                GError **error)
{
  g_mutex_lock (&gate.lock);
  while (!gate.open)
    g_cond_wait (&gate.changed, &gate.lock);
  g_mutex_unlock (&gate.lock);
  return emulated_transmit (command, length, response, gate.chip, error);
}

static void
open_gate (void)
{
  g_mutex_lock (&gate.lock);
  gate.open = TRUE;
  g_cond_broadcast (&gate.changed);
  g_mutex_unlock (&gate.lock);
}

static void
parse_key (const char *text, EkycChipKey *key)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_chip_key_parse (text, key, &error));
  g_assert_no_error (error);
}

typedef struct {
  GMainLoop        *loop;
  EkycChipDocument *document;
  GError           *error;
  guint             progress_count;
  double            last_fraction;
  gboolean          off_main_thread;
  gboolean          went_backwards;
} Run;

static void
on_progress (EkycChipSession *session, int step, double fraction, Run *run)
{
  if (g_main_context_default () != g_main_context_get_thread_default ()
      && g_main_context_get_thread_default () != NULL)
    run->off_main_thread = TRUE;
  if (!g_main_context_is_owner (g_main_context_default ()))
    run->off_main_thread = TRUE;
  if (fraction < run->last_fraction)
    run->went_backwards = TRUE;
  run->last_fraction = fraction;
  run->progress_count++;
  g_assert_true (ekyc_chip_session_get_busy (session));
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  run->document = ekyc_chip_session_read_finish (EKYC_CHIP_SESSION (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_reads_with_progress (void)
{
  g_autoptr(EkycChipSession) session = NULL;
  g_autofree char *trust = g_build_filename (chip_dir, "trust", NULL);
  g_autofree char *key_text = NULL, *key_path = g_build_filename (chip_dir, "mrz-key.txt", NULL);
  EkycChipKey key;
  Run run = { g_main_loop_new (NULL, FALSE) };

  session = ekyc_chip_session_new (trust);
  g_assert_true (g_file_get_contents (key_path, &key_text, NULL, NULL));
  parse_key (g_strstrip (key_text), &key);
  g_signal_connect (session, "progress", G_CALLBACK (on_progress), &run);
  ekyc_chip_session_read_card_async (session, emulated_card (), &key, NULL, on_read, &run);
  g_assert_true (ekyc_chip_session_get_busy (session));
  g_main_loop_run (run.loop);

  g_assert_no_error (run.error);
  g_assert_nonnull (run.document);
  g_assert_cmpint (run.document->access, ==, EKYC_CHIP_ACCESS_PACE);
  g_assert_cmpstr (run.document->vn->full_name, ==, "Nguyễn Văn An");
  g_assert_cmpint (run.document->passive.result, ==, EKYC_CHIP_PA_OK);
  g_assert_cmpint (run.document->chip_auth, ==, EKYC_CHIP_CHECK_PASSED);
  g_assert_cmpint (run.document->active_auth, ==, EKYC_CHIP_CHECK_PASSED);
  g_assert_nonnull (run.document->portrait.image);
  /* progress: on the main thread, never backwards; the session idle and full at the end */
  g_assert_cmpuint (run.progress_count, >, 5);
  g_assert_false (run.off_main_thread);
  g_assert_false (run.went_backwards);
  g_assert_false (ekyc_chip_session_get_busy (session));
  g_assert_cmpfloat (ekyc_chip_session_get_fraction (session), ==, 1.0);
  ekyc_chip_document_free (run.document);
  g_main_loop_unref (run.loop);
}

static void
test_wrong_key (void)
{
  g_autoptr(EkycChipSession) session = ekyc_chip_session_new (NULL);
  EkycChipKey key;
  Run run = { g_main_loop_new (NULL, FALSE) };

  parse_key ("090123457:900115:300115", &key);
  ekyc_chip_session_read_card_async (session, emulated_card (), &key, NULL, on_read, &run);
  g_main_loop_run (run.loop);
  g_assert_null (run.document);
  g_assert_error (run.error, EKYC_ERROR, EKYC_ERROR_CHIP_ACCESS_DENIED);
  g_assert_false (ekyc_chip_session_get_busy (session));
  g_clear_error (&run.error);
  g_main_loop_unref (run.loop);
}

static void
test_busy_and_cancel (void)
{
  g_autoptr(EkycChipSession) session = ekyc_chip_session_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *key_text = NULL, *key_path = g_build_filename (chip_dir, "mrz-key.txt", NULL);
  EkycChipKey key;
  Run first = { g_main_loop_new (NULL, FALSE) }, second = { g_main_loop_new (NULL, FALSE) };

  g_assert_true (g_file_get_contents (key_path, &key_text, NULL, NULL));
  parse_key (g_strstrip (key_text), &key);
  gate.chip = emu_chip_new (chip_dir, NULL);
  g_assert_nonnull (gate.chip);
  ekyc_chip_session_read_card_async (session,
                                     ekyc_chip_card_new_for_transmit (gated_transmit, NULL, NULL,
                                                                      TRUE),
                                     &key, cancellable, on_read, &first);
  /* a second read while the first runs is refused, and the first goes on */
  ekyc_chip_session_read_card_async (session, emulated_card (), &key, NULL, on_read, &second);
  g_main_loop_run (second.loop);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_true (ekyc_chip_session_get_busy (session));
  /* cancelling answers at once, though the worker is still stuck in the card exchange */
  g_cancellable_cancel (cancellable);
  g_main_loop_run (first.loop);
  g_assert_null (first.document);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ekyc_chip_session_get_busy (session));
  /* the worker then ends; its late progress changes nothing */
  open_gate ();
  for (int i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  g_assert_false (ekyc_chip_session_get_busy (session));
  g_clear_error (&first.error);
  g_clear_error (&second.error);
  g_main_loop_unref (first.loop);
  g_main_loop_unref (second.loop);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *portrait = NULL;
  g_autofree char *work = NULL;
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  int result;

  ekyc_test_init (&argc, &argv);
  work = g_dir_make_tmp ("ekyc-chip-session-XXXXXX", &error);
  g_assert_no_error (error);
  portrait = ekyc_test_shared_path ("faces", "dlib-johns", "John_Savage", "000296_01099007.jpg",
                                    NULL);
  spec.portrait_path = portrait;
  spec.with_dg14 = TRUE;
  spec.with_dg15 = TRUE;
  chip_dir = g_build_filename (work, "chip", NULL);
  g_assert_true (ekyc_test_chip_build (&spec, chip_dir, &error));
  g_assert_no_error (error);

  g_test_add_func ("/chip/session/reads-with-progress", test_reads_with_progress);
  g_test_add_func ("/chip/session/wrong-key", test_wrong_key);
  g_test_add_func ("/chip/session/busy-and-cancel", test_busy_and_cancel);
  result = g_test_run ();
  ekyc_test_chip_remove (work);
  g_free (chip_dir);
  return result;
}
