/* ekyc-chip-session.h — reads the chip of an ID card for the app: the engine's ekyc_chip_read()
 * on a worker thread, progress on the caller's main context, cancellable
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gio/gio.h>
#include <ekyc/ekyc.h>
#include <ekyc/ekyc-chip.h>

G_BEGIN_DECLS

#define EKYC_TYPE_CHIP_SESSION (ekyc_chip_session_get_type ())
G_DECLARE_FINAL_TYPE (EkycChipSession, ekyc_chip_session, EKYC, CHIP_SESSION, GObject)

/* Properties (notify on change, on the thread that started the read): "trust-dir" (the CSCA
 * certificates for passive authentication, nullable), "busy" (a read is running), "fraction"
 * (0..1 of the current read), "step" (the engine's step name, e.g. "read-dg2", or NULL).
 * Signal "progress" (EkycChipStep step, double fraction) on each step of the read. */

EkycChipSession  *ekyc_chip_session_new           (const char *trust_dir);
const char       *ekyc_chip_session_get_trust_dir (EkycChipSession *self);
gboolean          ekyc_chip_session_get_busy      (EkycChipSession *self);
double            ekyc_chip_session_get_fraction  (EkycChipSession *self);
const char       *ekyc_chip_session_get_step      (EkycChipSession *self);

/* Opens the card on @reader (nullable: the first with a card) through pcsc-lite, waiting up to
 * @timeout_ms for it, and reads it with @key. One read at a time: a second one while busy fails
 * with G_IO_ERROR_BUSY. Cancelling returns G_IO_ERROR_CANCELLED at once; the card exchange in
 * progress ends on the worker and its result is dropped. */
void              ekyc_chip_session_read_async    (EkycChipSession     *self,
                                                   const char          *reader,
                                                   const EkycChipKey   *key,
                                                   guint                timeout_ms,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The same through @card (transfer full), e.g. a test's emulated chip. */
void              ekyc_chip_session_read_card_async (EkycChipSession     *self,
                                                     EkycChipCard        *card,
                                                     const EkycChipKey   *key,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* Errors: the engine's (EKYC_ERROR_CHIP_NO_READER, _NO_CARD, _ACCESS_DENIED, _REMOVED…),
 * G_IO_ERROR_CANCELLED, G_IO_ERROR_BUSY.
 * Returns: (transfer full) (nullable): the document, whatever its checks found. */
EkycChipDocument *ekyc_chip_session_read_finish   (EkycChipSession  *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);

G_END_DECLS
