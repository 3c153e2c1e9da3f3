/* test-cli.c — ekyc-cli as a user runs it: exit codes, JSON output, evaluation files
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the built binary ($EKYC_CLI) on the shared data. Exit codes: 0 match / success,
 * 1 no match, 2 error (with {"error": {"code": …}} under --json).
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-utils.h"

static char *tmp_dir;

typedef struct {
  int   status;  /* exit code */
  char *out, *err;
  JsonNode *json; /* stdout parsed, when it is JSON */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->json, json_node_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs ekyc-cli with the NULL-terminated arguments after the program name. */
static void
run_cli (Run *run, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *cli = g_getenv ("EKYC_CLI");
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status)); /* no crash, no abort */
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d; stderr: %s", run->status, run->err);
  if (json_parser_load_from_data (parser, run->out, -1, NULL) &&
      json_parser_get_root (parser) != NULL)
    run->json = json_node_copy (json_parser_get_root (parser));
}

/* The node at a dotted path ("selfie.liveness.score") of @root, or NULL. */
static JsonNode *
member (JsonNode *root, const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      JsonObject *o;
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      o = json_node_get_object (node);
      if (!json_object_has_member (o, parts[i]))
        return NULL;
      node = json_object_get_member (o, parts[i]);
    }
  return node;
}

static double
number (JsonNode *root, const char *path)
{
  JsonNode *node = member (root, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    g_error ("JSON has no number at %s", path);
  return json_node_get_double (node);
}

static const char *
string (JsonNode *root, const char *path)
{
  JsonNode *node = member (root, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("JSON has no string at %s", path);
  return json_node_get_string (node);
}

static void
assert_json_error (const Run *run, const char *code)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (run->json);
  g_assert_cmpstr (string (run->json, "error.code"), ==, code);
  g_assert_cmpuint (strlen (string (run->json, "error.message")), >, 10);
  /* The same error is told to a person on stderr, with its code. */
  g_assert_nonnull (strstr (run->err, code));
}

static char *
deepface (const char *name)
{
  return ekyc_test_shared_path ("faces", "deepface", name, NULL);
}

/* ---- verify ------------------------------------------------------------------------------- */

static void
test_verify_genuine (void)
{
  g_autofree char *doc = deepface ("img27.jpg"), *selfie = deepface ("img28.jpg");
  g_auto(Run) run;

  if (doc == NULL || selfie == NULL)
    return;
  run_cli (&run, "verify", "--document", doc, "--selfie", selfie, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "MATCH"));
  g_assert_null (strstr (run.out, "NO MATCH"));
}

static void
test_verify_impostor (void)
{
  g_autofree char *doc = deepface ("img10.jpg"), *selfie = deepface ("img12.jpg");
  g_auto(Run) run;

  if (doc == NULL || selfie == NULL)
    return;
  run_cli (&run, "verify", "-d", doc, "-s", selfie, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "NO MATCH"));
}

static void
test_verify_json_match (void)
{
  g_autofree char *doc = deepface ("img27.jpg"), *selfie = deepface ("img28.jpg");
  static const char *const stages[] = { "decode", "detect", "landmarks", "embed", "quality",
                                        "liveness" };
  g_auto(Run) run;
  double similarity, threshold, live;

  if (doc == NULL || selfie == NULL)
    return;
  run_cli (&run, "verify", "--json", "--document", doc, "--selfie", selfie, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (run.json);
  g_assert_cmpstr (string (run.json, "decision"), ==, "match");
  g_assert_true (json_node_get_boolean (member (run.json, "match")));
  similarity = number (run.json, "similarity");
  threshold = number (run.json, "threshold");
  g_assert_cmpfloat (similarity, >=, threshold);
  g_assert_cmpfloat (similarity, <=, 1.0);
  g_assert_cmpfloat (threshold, >, 0);
  live = number (run.json, "selfie.liveness.score");
  g_assert_cmpfloat (live, >=, 0);
  g_assert_cmpfloat (live, <=, 1);
  /* Liveness is judged on the selfie only. */
  g_assert_null (member (run.json, "document.liveness"));
  g_assert_cmpfloat (number (run.json, "document.faces"), ==, 1);
  g_assert_cmpstr (string (run.json, "selfie.file"), ==, selfie);
  g_assert_cmpfloat (number (run.json, "timings_ms.load_models"), >, 0);
  g_assert_cmpfloat (number (run.json, "timings_ms.verify"), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *path = g_strdup_printf ("selfie.timings_ms.%s", stages[i]);
      g_assert_cmpfloat (number (run.json, path), >, 0);
    }
}

static void
test_verify_missing_file (void)
{
  g_autofree char *doc = deepface ("img27.jpg");
  g_autofree char *missing = g_build_filename (tmp_dir, "not-there.jpg", NULL);
  g_auto(Run) run;

  if (doc == NULL)
    return;
  run_cli (&run, "verify", "--json", "--document", doc, "--selfie", missing, NULL);
  assert_json_error (&run, "file-not-found");
  g_assert_cmpstr (string (run.json, "error.input"), ==, "selfie");
  g_assert_nonnull (strstr (string (run.json, "error.message"), "not-there.jpg"));
}

static void
test_verify_truncated (void)
{
  g_autofree char *doc = deepface ("img27.jpg"), *selfie = deepface ("img28.jpg");
  g_autofree char *half = g_build_filename (tmp_dir, "half.jpg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run;
  gsize len;

  if (doc == NULL || selfie == NULL)
    return;
  g_assert_true (g_file_get_contents (doc, &contents, &len, &error));
  g_assert_true (g_file_set_contents (half, contents, len / 2, &error));
  run_cli (&run, "verify", "--json", "--document", half, "--selfie", selfie, NULL);
  assert_json_error (&run, "image-truncated");
  g_assert_cmpstr (string (run.json, "error.input"), ==, "document");
}

static void
test_verify_couple_selfie (void)
{
  g_autofree char *doc = deepface ("img27.jpg"), *couple = deepface ("couple.jpg");
  g_auto(Run) run;

  if (doc == NULL || couple == NULL)
    return;
  run_cli (&run, "verify", "--json", "--document", doc, "--selfie", couple, NULL);
  assert_json_error (&run, "multiple-faces");
}

static void
test_verify_bad_usage (void)
{
  g_autofree char *doc = deepface ("img27.jpg");
  g_auto(Run) a, b, c, d, e, f;

  if (doc == NULL)
    return;
  run_cli (&a, "verify", NULL);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_nonnull (strstr (a.err, "--document"));
  run_cli (&b, "verify", "--document", doc, NULL);
  g_assert_cmpint (b.status, ==, 2);
  run_cli (&c, "verify", "--no-such-option", NULL);
  g_assert_cmpint (c.status, ==, 2);
  run_cli (&d, "verify", "--json", "--fmr", "2", "-d", doc, "-s", doc, NULL);
  g_assert_cmpint (d.status, ==, 2);
  g_assert_nonnull (d.json);
  g_assert_nonnull (member (d.json, "error.code"));
  run_cli (&e, "no-such-command", NULL);
  g_assert_cmpint (e.status, ==, 2);
  run_cli (&f, NULL);
  g_assert_cmpint (f.status, ==, 2);
  g_assert_nonnull (strstr (f.err, "Usage"));
}

static void
test_help_and_version (void)
{
  g_auto(Run) help, version;

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "verify"));
  g_assert_nonnull (strstr (help.out, "eval-faces"));
  run_cli (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_true (g_str_has_prefix (version.out, "ekyc-cli "));
}

/* ---- eval-faces --------------------------------------------------------------------------- */

/* Eight deepface pairs (four genuine, four impostor, labels from deepface-pairs.csv), small
 * photos to keep the test quick; named relative to faces/deepface. */
static const char *const pairs[][3] = {
  { "img27.jpg", "img28.jpg", "1" },
  { "img10.jpg", "img12.jpg", "0" },
  { "img11.jpg", "img5.jpg", "1" },
  { "img16.jpg", "img21.jpg", "0" },
  { "img43.jpg", "img44.jpg", "1" },
  { "img14.jpg", "img5.jpg", "0" },
  { "img50.jpg", "img51.jpg", "1" },
  { "img25.jpg", "img29.jpg", "0" },
};

static void
check_eval_faces (gboolean with_folds)
{
  g_autofree char *root = ekyc_test_shared_path ("faces", "deepface", NULL);
  g_autofree char *csv = g_build_filename (tmp_dir, with_folds ? "folds.csv" : "pairs.csv", NULL);
  g_autofree char *scores = g_build_filename (tmp_dir, "scores.csv", NULL);
  g_autofree char *written = NULL;
  g_autoptr(GString) text = g_string_new (with_folds ? "fold,img1,img2,label\n"
                                                     : "img1,img2,label\n");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) run;
  double accuracy;
  guint n_lines = 0;

  if (root == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      if (with_folds)
        g_string_append_printf (text, "%u,", 1 + i / 4); /* two folds, each with both labels */
      g_string_append_printf (text, "%s,%s,%s\n", pairs[i][0], pairs[i][1], pairs[i][2]);
    }
  g_assert_true (g_file_set_contents (csv, text->str, text->len, &error));
  g_unlink (scores);

  run_cli (&run, "eval-faces", "--json", "--pairs", csv, "--root", root, "--scores", scores,
           "--threads", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (run.json);
  g_assert_cmpfloat (number (run.json, "pairs"), ==, G_N_ELEMENTS (pairs));
  g_assert_cmpfloat (number (run.json, "genuine"), ==, 4);
  g_assert_cmpfloat (number (run.json, "impostor"), ==, 4);
  g_assert_cmpfloat (number (run.json, "failed_images"), ==, 0);
  g_assert_cmpfloat (number (run.json, "folds"), ==, with_folds ? 2 : 0);
  accuracy = number (run.json, "accuracy");
  g_assert_cmpfloat (accuracy, >=, 0);
  g_assert_cmpfloat (accuracy, <=, 1);
  /* These pairs are easy: a working engine separates them all. */
  g_assert_cmpfloat (accuracy, ==, 1);
  g_assert_cmpfloat (number (run.json, "eer"), ==, 0);

  /* One line per pair, in order, with a score that agrees with the label. */
  g_assert_true (g_file_get_contents (scores, &written, NULL, &error));
  lines = g_strsplit (written, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "img1,img2,label,score");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++, n_lines++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      double score;

      g_assert_cmpuint (g_strv_length (f), ==, 4);
      g_assert_cmpstr (f[0], ==, pairs[i - 1][0]);
      g_assert_cmpstr (f[1], ==, pairs[i - 1][1]);
      g_assert_cmpstr (f[2], ==, pairs[i - 1][2]);
      score = g_ascii_strtod (f[3], NULL);
      g_assert_cmpfloat (score, >=, -1);
      g_assert_cmpfloat (score, <=, 1);
      if (f[2][0] == '1')
        g_assert_cmpfloat (score, >, number (run.json, "operating_threshold"));
      else
        g_assert_cmpfloat (score, <, number (run.json, "operating_threshold"));
    }
  g_assert_cmpuint (n_lines, ==, G_N_ELEMENTS (pairs));
}

static void
test_eval_faces_without_folds (void)
{
  check_eval_faces (FALSE);
}

static void
test_eval_faces_with_folds (void)
{
  check_eval_faces (TRUE);
}

static void
test_eval_faces_bad_csv (void)
{
  g_autofree char *csv = g_build_filename (tmp_dir, "bad.csv", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "none.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Run) a, b;

  g_assert_true (g_file_set_contents (csv, "first,second\na.jpg,b.jpg\n", -1, &error));
  run_cli (&a, "eval-faces", "--json", "--pairs", csv, NULL);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_nonnull (member (a.json, "error.message"));
  run_cli (&b, "eval-faces", "--pairs", missing, NULL);
  g_assert_cmpint (b.status, ==, 2);
}

static void
test_eval_faces_wrong_root (void)
{
  g_autofree char *csv = g_build_filename (tmp_dir, "wrong-root.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Run) run;

  /* The images do not exist under --root: a wrong path, not 50 % accuracy. */
  g_assert_true (g_file_set_contents (csv, "img1,img2,label\nimg1.jpg,img2.jpg,1\n", -1, &error));
  run_cli (&run, "eval-faces", "--json", "--pairs", csv, "--root", tmp_dir, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (string (run.json, "error.code"), ==, "file-not-found");
}

/* ---- eval-liveness and bench -------------------------------------------------------------- */

static void
test_eval_liveness (void)
{
  g_autofree char *labels = ekyc_test_shared_path ("liveness", "silent-face", "labels.csv", NULL);
  g_autofree char *scores = g_build_filename (tmp_dir, "liveness.csv", NULL);
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run;
  double apcer, bpcer;

  if (labels == NULL)
    return;
  run_cli (&run, "eval-liveness", "--json", "--labels", labels, "--scores", scores, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (run.json);
  g_assert_cmpfloat (number (run.json, "bona_fide"), ==, 1);
  g_assert_cmpfloat (number (run.json, "attacks"), ==, 2);
  g_assert_cmpfloat (number (run.json, "failed_images"), ==, 0);
  apcer = number (run.json, "apcer");
  bpcer = number (run.json, "bpcer");
  g_test_message ("silent-face: APCER %.3f, BPCER %.3f", apcer, bpcer);
  g_assert_cmpfloat (apcer, >=, 0);
  g_assert_cmpfloat (apcer, <=, 1);
  g_assert_cmpfloat (bpcer, >=, 0);
  g_assert_cmpfloat (bpcer, <=, 1);
  g_assert_true (g_file_get_contents (scores, &written, NULL, &error));
  g_assert_true (g_str_has_prefix (written, "image,label,score\n"));
  g_assert_nonnull (strstr (written, "image_T1.jpg,live,"));
}

/* A folder of symbolic links to shared photos, for `bench --root`. */
static char *
photo_folder (const char *name, const char *const *links, const char *const *targets, guint n)
{
  g_autofree char *shared = ekyc_test_shared_path ("faces", "deepface", NULL);
  char *dir;

  if (shared == NULL)
    return NULL;
  dir = g_build_filename (tmp_dir, name, NULL);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *target = g_build_filename (shared, targets[i], NULL);
      g_autofree char *link = g_build_filename (dir, links[i], NULL);
      g_assert_cmpint (symlink (target, link), ==, 0);
    }
  return dir;
}

static void
test_bench (void)
{
  static const char *const stages[] = { "detect", "landmarks", "detect+landmarks", "track", "embed",
                                        "liveness", "quality", "verify-two-stills" };
  static const char *const threads[] = { "1", "2" };
  static const char *const names[] = { "img27.jpg", "img28.jpg" };
  /* Only two single-person photos, so that whichever comes first, every stage runs. */
  g_autofree char *root = photo_folder ("bench", names, names, G_N_ELEMENTS (names));
  g_auto(Run) run;
  JsonObject *by_thread;

  if (root == NULL)
    return;
  run_cli (&run, "bench", "--images", "2", "--runs", "1", "--json", "--root", root, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (run.json);
  g_assert_cmpfloat (number (run.json, "frames"), ==, 2);
  g_assert_cmpstr (string (run.json, "frame_size"), ==, "640x480");
  g_assert_cmpfloat (number (run.json, "load_models_ms"), >, 0);
  g_assert_cmpfloat (number (run.json, "peak_rss_mib"), >, 0);
  g_assert_nonnull (member (run.json, "threads"));
  by_thread = json_node_get_object (member (run.json, "threads"));
  g_assert_cmpuint (json_object_get_size (by_thread), ==, G_N_ELEMENTS (threads));
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      JsonObject *s;
      g_assert_true (json_object_has_member (by_thread, threads[t]));
      s = json_object_get_object_member (by_thread, threads[t]);
      g_assert_cmpuint (json_object_get_size (s), ==, G_N_ELEMENTS (stages));
      for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
        {
          JsonObject *stage;
          g_test_message ("threads %s, stage %s", threads[t], stages[i]);
          g_assert_true (json_object_has_member (s, stages[i]));
          stage = json_object_get_object_member (s, stages[i]);
          g_assert_cmpint (json_object_get_int_member (stage, "n"), >, 0);
          g_assert_cmpfloat (json_object_get_double_member (stage, "median_ms"), >, 0);
          g_assert_cmpfloat (json_object_get_double_member (stage, "p95_ms"), >=,
                             json_object_get_double_member (stage, "median_ms"));
        }
    }
}

static void
test_bench_takes_first_names (void)
{
  /* `--images 2` must take a1 and a2 (one person each); the z* photos hold several people, so
   * the selfie of the verify stage fails if one of them is taken and the stage counts 0. */
  static const char *const names[] = { "a1.jpg", "a2.jpg", "z1.jpg", "z2.jpg", "z3.jpg",
                                       "z4.jpg", "z5.jpg", "z6.jpg" };
  static const char *const targets[] = { "img27.jpg", "img28.jpg", "selfie-many-people.jpg",
                                         "couple.jpg", "selfie-many-people.jpg", "couple.jpg",
                                         "selfie-many-people.jpg", "couple.jpg" };
  g_autofree char *root = photo_folder ("bench-order", names, targets, G_N_ELEMENTS (names));
  g_auto(Run) run;
  double n;

  if (root == NULL)
    return;
  run_cli (&run, "bench", "--images", "2", "--runs", "1", "--json", "--root", root, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpfloat (number (run.json, "frames"), ==, 2);
  n = number (run.json, "threads.1.verify-two-stills.n");
  g_assert_cmpfloat (n, ==, 1);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  ekyc_test_init (&argc, &argv);
  tmp_dir = g_dir_make_tmp ("ekyc-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/verify/genuine-pair-exits-0", test_verify_genuine);
  g_test_add_func ("/cli/verify/impostor-pair-exits-1", test_verify_impostor);
  g_test_add_func ("/cli/verify/json-match-has-decision-scores-liveness-and-timings",
                   test_verify_json_match);
  g_test_add_func ("/cli/verify/missing-file-exits-2-with-file-not-found",
                   test_verify_missing_file);
  g_test_add_func ("/cli/verify/truncated-jpeg-exits-2-with-image-truncated",
                   test_verify_truncated);
  g_test_add_func ("/cli/verify/couple-as-selfie-exits-2-with-multiple-faces",
                   test_verify_couple_selfie);
  g_test_add_func ("/cli/verify/bad-usage-exits-2", test_verify_bad_usage);
  g_test_add_func ("/cli/help-and-version-exit-0", test_help_and_version);
  g_test_add_func ("/cli/eval-faces/pairs-without-folds-score-every-pair",
                   test_eval_faces_without_folds);
  g_test_add_func ("/cli/eval-faces/pairs-with-folds-score-every-pair",
                   test_eval_faces_with_folds);
  g_test_add_func ("/cli/eval-faces/bad-pairs-file-exits-2", test_eval_faces_bad_csv);
  g_test_add_func ("/cli/eval-faces/images-missing-under-root-exit-2",
                   test_eval_faces_wrong_root);
  g_test_add_func ("/cli/eval-liveness/silent-face-labels-give-apcer-and-bpcer",
                   test_eval_liveness);
  g_test_add_func ("/cli/bench/two-images-one-run-report-every-stage", test_bench);
  g_test_add_func ("/cli/bench/images-are-the-first-by-name", test_bench_takes_first_names);

  ret = g_test_run ();

  ekyc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
