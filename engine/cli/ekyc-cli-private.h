/* ekyc-cli-private.h — what the subcommands of ekyc-cli share
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <ekyc/ekyc.h>

G_BEGIN_DECLS

/* Exit codes of every subcommand (verify: 0 match, 1 no match). */
enum {
  EKYC_CLI_EXIT_OK = 0,
  EKYC_CLI_EXIT_NO_MATCH = 1,
  EKYC_CLI_EXIT_ERROR = 2,
};

int ekyc_cli_verify        (int argc, char **argv);
int ekyc_cli_eval_faces    (int argc, char **argv);
int ekyc_cli_eval_liveness (int argc, char **argv);
int ekyc_cli_bench         (int argc, char **argv);
int ekyc_cli_read_card     (int argc, char **argv);
int ekyc_cli_eval_cards    (int argc, char **argv);
int ekyc_cli_read_chip     (int argc, char **argv);

/* Loads the engine, timing it. */
EkycEngine *ekyc_cli_load_engine (const char *model_dir, const char *embedder, double *ms_out,
                                  GError **error);
/* Prints @error (as JSON when @json) on the right stream; returns EKYC_CLI_EXIT_ERROR. */
int         ekyc_cli_fail        (gboolean json, const char *what, const GError *error);
/* Prints the builder's root pretty-printed on stdout. */
void        ekyc_cli_print_json  (JsonBuilder *builder);
double      ekyc_cli_ms_since    (gint64 start_us);
/* Peak resident set size of this process, in MiB. */
double      ekyc_cli_peak_rss_mib (void);
/* The nearest-rank quantile @q (0..1) of @values (doubles; sorted in place); 0 when empty. */
double      ekyc_cli_quantile     (GArray *values, double q);
/* Joins ROOT and a relative path from a CSV (absolute paths are kept). */
char       *ekyc_cli_resolve      (const char *root, const char *path);
/* One job on one image: returns a g_malloc'd result, or NULL with @error set. Called from
 * several threads at once. */
typedef gpointer (*EkycCliImageFunc) (EkycEngine *engine, const EkycImage *image,
                                      gpointer user_data, GError **error);

/* Runs @func once per distinct file of @paths, on @n_threads threads. Returns an array parallel
 * to @paths (NULL where loading or @func failed; its EkycError code is in @codes, an int array
 * resized to match). The results belong to *@owner_out (g_ptr_array_unref it after). */
GPtrArray  *ekyc_cli_map_images   (EkycEngine *engine, GPtrArray *paths, EkycCliImageFunc func,
                                   gpointer user_data, int n_threads, GArray *codes,
                                   GPtrArray **owner_out);

/* TRUE when @code means the file itself could not be read (missing, empty, not an image,
 * truncated, too large): in an evaluation that is a wrong path or a broken data set, not a
 * face the engine failed on. */
gboolean    ekyc_cli_is_file_error (int code);

/* ---- card reading (ekyc-cli-read-card.c; eval-cards reuses it) ---- */

typedef struct {
  EkycCardReading     *reading;       /* the merged card */
  EkycCardSideReading *sides[2];      /* as given: [0] the first photo, [1] the second (nullable) */
  const char          *side_names[2]; /* "front"/"back" as read, or as given when unknown */
  double               ms_load, ms_detect, ms_qr, ms_mrz, ms_ocr, ms_merge, ms_total;
  double               ms_cpu;        /* CPU time of the read, all threads (getrusage) */
} EkycCliCard;

/* Reads the card on @first and (nullable) @second photo — either may be the front — with
 * @reader (ekyc_card_reader_read_card() with @flags: both sides at once, print OCR only where
 * the codes leave a field), or only the @payload given instead of a QR code (tests), and runs
 * every check on @today. Returns NULL with @error set (and *@failed_input naming the file) when a file cannot
 * be read or shows no readable Vietnamese ID card (EKYC_ERROR). */
EkycCliCard *ekyc_cli_read_card_files (EkycCardReader *reader, const char *first,
                                       const char *second, const char *payload,
                                       EkycCardReadFlags flags, const EkycCardDate *today,
                                       const char **failed_input, GError **error);
void         ekyc_cli_card_free       (EkycCliCard *card);
/* The date of --today: @text as "YYYY-MM-DD" (exactly, a valid date), or the local date when
 * @text is NULL; a G_OPTION_ERROR for anything else. */
gboolean     ekyc_cli_today           (const char *text, EkycCardDate *date, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycCliCard, ekyc_cli_card_free)

G_END_DECLS
