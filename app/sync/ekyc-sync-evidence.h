/* ekyc-sync-evidence.h — uploads a synced case's evidence images once, when the customer's policy
 * asks for them
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Evidence stays in the branch unless the customer's policy (GET /v1/evidence/policy) says
 * otherwise. A case the server acknowledged enters `sync_evidence_cases` (a trigger on the
 * outbox, in the same transaction as the acknowledgement). When there are such cases, the
 * uploader asks the policy: off, they are marked "kept" and nothing leaves; on, each image is
 * read through the loader the application gave (the images are sealed in the case store, which
 * only the application opens) and PUT to /v1/evidence/{case}/{kind}. Each image the server
 * acknowledged is remembered in `sync_evidence_uploads`, so a crash or a failed upload resumes
 * where it stopped; the server answers a repeated image with 200 and stores nothing new.
 * Purged evidence (retention) is skipped.
 *
 * The uploads run in a worker thread, one run at a time, retried with backoff after a network
 * or server failure; properties change on the main context of the thread that made the object.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char   *kind;          /* "card-front", "card-back", "card-portrait", "selfie"… */
  char   *content_type;  /* "image/jpeg" */
  GBytes *data;
} EkycSyncEvidenceImage;

EkycSyncEvidenceImage *ekyc_sync_evidence_image_new  (const char *kind, const char *content_type,
                                                      GBytes *data);
void                   ekyc_sync_evidence_image_free (EkycSyncEvidenceImage *image);

/**
 * EkycSyncEvidenceLoader:
 * @case_id: the case
 * @images: (element-type EkycSyncEvidenceImage): add the case's images here
 * @purged: (out): set when retention already deleted the case's evidence
 *
 * Reads a case's evidence images. Called in the uploader's worker thread. Returns FALSE with
 * G_IO_ERROR_NOT_FOUND when the case is not in the store (it is then skipped), or another error
 * (the run stops and is retried later).
 */
typedef gboolean (*EkycSyncEvidenceLoader) (const char   *case_id,
                                            GPtrArray    *images,
                                            gboolean     *purged,
                                            gpointer      user_data,
                                            GCancellable *cancellable,
                                            GError      **error);

/* Where one case's evidence images stand. */
typedef enum {
  EKYC_SYNC_EVIDENCE_STATE_NONE,      /* the case's result is not on the server yet: undecided */
  EKYC_SYNC_EVIDENCE_STATE_PENDING,   /* to upload; the reason says why the last try failed */
  EKYC_SYNC_EVIDENCE_STATE_UPLOADED,  /* every image the policy asks for is on the server */
  EKYC_SYNC_EVIDENCE_STATE_KEPT,      /* the customer's policy keeps them in the branch */
  EKYC_SYNC_EVIDENCE_STATE_PURGED,    /* retention deleted them before they could go */
  EKYC_SYNC_EVIDENCE_STATE_GONE,      /* the case is no longer in the case store */
  EKYC_SYNC_EVIDENCE_STATE_FAILED,    /* the server refused them for good; the reason says why */
} EkycSyncEvidenceState;

#define EKYC_TYPE_SYNC_EVIDENCE (ekyc_sync_evidence_get_type ())
G_DECLARE_FINAL_TYPE (EkycSyncEvidence, ekyc_sync_evidence, EKYC, SYNC_EVIDENCE, GObject)

/* Properties (read-only): "pending" (cases waiting for their images), "uploaded" (images the
 * server acknowledged, ever), "busy" (a run is under way), "last-error". */

/* Opens the upload tables in the sqlite file @db_path (the case store's). G_IO_ERROR. */
EkycSyncEvidence *ekyc_sync_evidence_new (const char *db_path, GError **error);

/* Without a loader nothing is uploaded (cases wait). */
void     ekyc_sync_evidence_set_loader (EkycSyncEvidence       *self,
                                        EkycSyncEvidenceLoader  loader,
                                        gpointer                user_data,
                                        GDestroyNotify          destroy);
/* The server to upload to; NULL @server_uri or @token stops uploading. */
void     ekyc_sync_evidence_set_server (EkycSyncEvidence *self, const char *server_uri,
                                        const char *token);
/* Cases were acknowledged (or the policy may have changed): run soon. */
void     ekyc_sync_evidence_kick       (EkycSyncEvidence *self);
/* Cancels a run under way and waits for it; nothing runs until the next set_server(). */
void     ekyc_sync_evidence_stop       (EkycSyncEvidence *self);

/**
 * ekyc_sync_evidence_run:
 *
 * One run, blocking (the worker thread calls it; tests may too): asks the policy and uploads
 * every pending case's images. @n_uploaded counts the images the server acknowledged in this
 * run. FALSE with EKYC_SYNC_ERROR (NETWORK, SERVER, UNAUTHORIZED) when a retry may cure it.
 */
gboolean ekyc_sync_evidence_run (EkycSyncEvidence *self, const char *server_uri,
                                 const char *token, guint *n_uploaded,
                                 GCancellable *cancellable, GError **error);

/**
 * ekyc_sync_evidence_get_case_state:
 * @n_uploaded: (out) (optional): images of the case the server acknowledged
 * @reason: (out) (optional) (transfer full): for PENDING, FAILED and GONE, why (translated;
 *   NULL when there is nothing to say)
 *
 * Reads the upload tables (main thread or any, the connection is serialized).
 */
EkycSyncEvidenceState ekyc_sync_evidence_get_case_state (EkycSyncEvidence *self,
                                                         const char       *case_id,
                                                         guint            *n_uploaded,
                                                         char            **reason);
/* (transfer full): every case with a state other than NONE, case id (char *) → state
 * (GUINT_TO_POINTER), for a list of cases. */
GHashTable  *ekyc_sync_evidence_dup_case_states (EkycSyncEvidence *self);

guint        ekyc_sync_evidence_get_pending    (EkycSyncEvidence *self);
guint        ekyc_sync_evidence_get_uploaded   (EkycSyncEvidence *self);
gboolean     ekyc_sync_evidence_get_busy       (EkycSyncEvidence *self);
const char  *ekyc_sync_evidence_get_last_error (EkycSyncEvidence *self);

G_END_DECLS
