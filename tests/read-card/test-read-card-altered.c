/* test-read-card-altered.c — an altered print fails its check, a misread print does not
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The factory's --tamper prints one field from another identity and leaves the QR and MRZ as
 * they were: `read-card --full` must fail that field's "agree-…" check, by name. Cards whose
 * print the OCR garbles (the held-out look, seed 9393: an address read with the next field's
 * label and value in it, its parts out of order, a name's last letter lost at the line end) must
 * fail no "agree-…" check. The comparison itself is tested on those readings as strings too,
 * beside real differences of each kind.
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

#include "ekyc-card-agree-private.h"
#include "test-card-truth.h"
#include "test-utils.h"

static char *root;

/* ---- the comparison, on readings the OCR gave ---------------------------------------------- */

typedef struct {
  EkycCardReadField field;
  const char *codes, *printed;
  float confidence;
} Pair;

static void
test_misreadings_are_explained (void)
{
  static const Pair misread[] = {
    /* held-out look, seed 9393, easy, 0029, 0047, 0048; own look 5353 easy 0032 */
    { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
      "Số 115 Phan Chu Trinh, Phường Hương Sơ, Thành phố Huế, Thừa Thiên Huế",
      "Phường Hương Sơ, Nơi đăng ký khai sỉ, Trần Hưng Đạo", 0.93f },
    { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
      "Số 318 Phan Chu Trinh, Phường An Hải Bắc, Quận Sơn Trà, Đà Nẵng",
      "Phường An Hải Bắc, Số 318 Phan Chủ Trình, birth", 0.9f },
    { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
      "Số 24 Lý Thường Kiệt, Phường Đình Bảng, Thành phố Từ Sơn, Bắc Ninh",
      "Số, 0ƒresidence: Số, Phường Đình, 24Lý Thường Kiệt", 0.8f },
    /* a piece of the next label, cut off by a comma the OCR saw, in letters of no alphabet */
    { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
      "Số 115 Phan Chu Trinh, Phường Hương Sơ, Thành phố Huế, Thừa Thiên Huế",
      "Pløc‹, Phường Hương S0, Thành, / Place oƒ birth", 0.8f },
    /* a part garbled past the letters Vietnamese is written with */
    { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
      "Số 115 Phan Chu Trinh, Phường Hương Sơ, Thành phố Huế, Thừa Thiên Huế",
      "Pløc‹ df, Phường Hương S0, Thành, Place oƒ birth", 0.8f },
    /* the label with digits for its letters */
    { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
      "Số 318 Phan Chu Trinh, Phường An Hải Bắc, Quận Sơn Trà, Đà Nẵng",
      "PL4C‹ 0f r, Số 318 Phan Chu Trình, Phường", 0.8f },
    { EKYC_CARD_READ_FIELD_FULL_NAME, "BÙI ĐÌNH TÂM", "BÙI ĐÌNH TÂ", 0.9f },
    /* a name's word garbled past any syllable, one lost */
    { EKYC_CARD_READ_FIELD_FULL_NAME, "NGUYỄN THỊ GIANG", "NGUYỄN THỊ GTANG", 0.9f },
    { EKYC_CARD_READ_FIELD_FULL_NAME, "HUỲNH ĐÌNH QUỐC HUY", "HUỲNH QUỐC HUY", 0.9f },
    { EKYC_CARD_READ_FIELD_NATIONALITY, "Việt Nam", "XVWtNam", 0.8f },
    { EKYC_CARD_READ_FIELD_NATIONALITY, "Việt Nam", "Việt", 0.8f },
    /* one digit, read with low confidence */
    { EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, "1990-01-28", "1991-01-28", 0.4f },
    { EKYC_CARD_READ_FIELD_ID_NUMBER, "019071022410", "049071022410", 0.45f },
    /* the sex read with low confidence */
    { EKYC_CARD_READ_FIELD_SEX, "M", "F", 0.3f },
  };

  for (guint i = 0; i < G_N_ELEMENTS (misread); i++)
    {
      g_autofree char *why = NULL;

      g_test_message ("%s / %s", misread[i].codes, misread[i].printed);
      g_assert_true (_ekyc_card_print_explained (misread[i].field, misread[i].codes,
                                                 misread[i].printed, misread[i].confidence, &why));
      g_assert_nonnull (why);
    }
}

static void
test_other_values_are_not_explained (void)
{
  static const Pair other[] = {
    { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
      "Số 115 Phan Chu Trinh, Phường Hương Sơ, Thành phố Huế, Thừa Thiên Huế",
      "Số 81 Nguyễn Trãi, Xã Giao Thiện, Huyện Giao Thủy, Nam Định", 0.9f },
    /* another street in the same ward */
    { EKYC_CARD_READ_FIELD_PLACE_OF_RESIDENCE,
      "Số 115 Phan Chu Trinh, Phường Hương Sơ, Thành phố Huế, Thừa Thiên Huế",
      "Số 7 Lê Lợi, Phường Hương Sơ, Thành phố Huế, Thừa Thiên Huế", 0.9f },
    { EKYC_CARD_READ_FIELD_FULL_NAME, "BÙI ĐÌNH TÂM", "BÙI ĐÌNH TÂN", 0.9f },
    { EKYC_CARD_READ_FIELD_FULL_NAME, "BÙI ĐÌNH TÂM", "NGUYỄN VĂN AN", 0.9f },
    { EKYC_CARD_READ_FIELD_FULL_NAME, "BÙI TÂM", "BÙI ĐÌNH TÂM", 0.9f },
    { EKYC_CARD_READ_FIELD_NATIONALITY, "Việt Nam", "Trung Quốc", 0.9f },
    /* one digit read surely: a forger's change as much as a slip */
    { EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, "1990-01-28", "1991-01-28", 0.8f },
    { EKYC_CARD_READ_FIELD_ID_NUMBER, "019071022410", "049071022410", 0.9f },
    { EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, "1990-01-28", "1984-07-01", 0.7f },
    { EKYC_CARD_READ_FIELD_ID_NUMBER, "019071022410", "031084183374", 0.7f },
    { EKYC_CARD_READ_FIELD_SEX, "M", "F", 0.9f },
  };

  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_autofree char *why = NULL;

      g_test_message ("%s / %s", other[i].codes, other[i].printed);
      g_assert_false (_ekyc_card_print_explained (other[i].field, other[i].codes,
                                                  other[i].printed, other[i].confidence, &why));
      g_assert_nonnull (why);
    }
}

/* ---- read-card on factory cards ------------------------------------------------------------ */

/* `read-card --json [--full] FRONT BACK` on card @index of @dir; its exit status in @status. */
static JsonObject *
read_card (const char *dir, int index, gboolean full, int *status)
{
  g_autofree char *front = g_strdup_printf ("%s/%04d-front.jpg", dir, index);
  g_autofree char *back = g_strdup_printf ("%s/%04d-back.jpg", dir, index);
  const char *argv[] = { g_getenv ("EKYC_CLI"), "read-card", "--json", "--today", "2025-07-01",
                         front, back, full ? "--full" : NULL, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
find_check (JsonObject *reading, const char *name)
{
  JsonArray *checks = json_object_get_array_member (reading, "checks");

  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *c = json_array_get_object_element (checks, i);
      if (g_str_equal (json_object_get_string_member (c, "name"), name))
        return c;
    }
  return NULL;
}

static void
test_altered_print_fails (gconstpointer data)
{
  const char *field = data;
  g_autofree char *dir = g_build_filename (root, field, NULL);
  g_autofree char *check_name = g_strdup_printf ("agree-%s", field);
  const char *const extra[] = { "--count", "2", "--difficulty", "clean", "--seed", "4711",
                                "--tamper", field, NULL };

  g_strdelimit (check_name, "_", '-');
  if (!ekyc_test_run_card_factory (dir, "lfw", extra))
    return;
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) truth = ekyc_test_load_card_truth (dir, i);
      JsonObject *tampered = json_object_get_object_member (truth, "tampered");
      g_autoptr(JsonObject) reading = NULL;
      JsonObject *check;
      int status;

      g_assert_cmpstr (json_object_get_string_member (tampered, "field"), ==, field);
      reading = read_card (dir, i, TRUE, &status);
      check = find_check (reading, check_name);
      g_test_message ("card %d: printed %s, %s", i,
                      json_object_get_string_member (tampered, "printed"),
                      check ? json_object_get_string_member (check, "detail") : "no check");
      g_assert_cmpint (status, ==, 1);
      g_assert_nonnull (check);
      g_assert_false (json_object_get_boolean_member (check, "passed"));
      /* the codes' value is the one given */
      g_assert_cmpstr (json_object_get_string_member (reading, field), ==,
                       json_object_get_string_member (truth, field));
    }
}

/* Valid cards whose print the OCR garbled: no "agree-…" check fails, in either mode. */
static void
test_misread_print_passes (void)
{
  g_autofree char *dir = g_build_filename (root, "misread", NULL);
  const char *const extra[] = { "--count", "20", "--first", "29", "--difficulty", "easy",
                                "--seed", "9393", "--other-look", NULL };
  const int cards[] = { 29, 47, 48 };

  if (!ekyc_test_run_card_factory (dir, "lfw", extra))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    for (int full = 0; full < 2; full++)
      {
        g_autoptr(JsonObject) reading = NULL;
        JsonArray *checks;
        int status;

        reading = read_card (dir, cards[i], full, &status);
        g_assert_cmpint (status, <=, 1);
        checks = json_object_get_array_member (reading, "checks");
        for (guint c = 0; c < json_array_get_length (checks); c++)
          {
            JsonObject *check = json_array_get_object_element (checks, c);
            const char *name = json_object_get_string_member (check, "name");

            if (!g_str_has_prefix (name, "agree-"))
              continue;
            g_test_message ("card %d%s: %s: %s", cards[i], full ? " --full" : "", name,
                            json_object_get_string_member (check, "detail"));
            g_assert_true (json_object_get_boolean_member (check, "passed"));
          }
      }
}

int
main (int argc, char **argv)
{
  static const char *const fields[] = {
    "full_name", "id_number", "date_of_birth", "sex", "place_of_residence",
  };
  int status;

  ekyc_test_init (&argc, &argv);
  root = g_dir_make_tmp ("read-card-altered-XXXXXX", NULL);
  g_assert_nonnull (root);

  g_test_add_func ("/card-agree/misreadings-are-explained", test_misreadings_are_explained);
  g_test_add_func ("/card-agree/other-values-are-not-explained",
                   test_other_values_are_not_explained);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *path = g_strdup_printf ("/read-card/altered-print/%s-fails-its-check",
                                               fields[i]);
      g_test_add_data_func (path, fields[i], test_altered_print_fails);
    }
  g_test_add_func ("/read-card/misread-print-fails-no-agreement-check",
                   test_misread_print_passes);
  status = g_test_run ();
  ekyc_test_remove_tree (root);
  g_free (root);
  return status;
}
