/* test-chip-read.c — a whole read over a scripted transport: the reader's APDUs must be the
 * worked examples' byte for byte (ICAO 9303 Part 11 Appendix D for BAC and secure messaging,
 * Appendix G.1 for PACE), and the card's failures must give their own errors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>

#include "ekyc/ekyc.h"
#include "ekyc/ekyc-chip.h"
#include "ekyc-chip-private.h"
#include "test-utils.h"

typedef struct {
  const char *const *script;  /* command, answer, command, answer… (hex), NULL-terminated */
  guint       position;
  guint       extra;          /* commands after the script, answered 6A82 (or "removed") */
  gboolean    remove_after_script;
} Script;

static GByteArray *
hex (const char *text)
{
  GByteArray *out = g_byte_array_new ();

  for (const char *p = text; *p != '\0'; p += 2)
    {
      guint8 b = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      g_byte_array_append (out, &b, 1);
    }
  return out;
}

static char *
to_hex (const guint8 *data, gsize length)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (s, "%02X", data[i]);
  return g_string_free (s, FALSE);
}

static gboolean
scripted_transmit (const guint8 *command, gsize length, GByteArray *response, gpointer user_data,
                   GError **error)
{
  Script *s = user_data;
  g_autofree char *sent = to_hex (command, length);
  g_autoptr(GByteArray) answer = NULL;

  if (s->script[s->position] == NULL)
    {
      s->extra++;
      if (s->remove_after_script)
        {
          g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_CHIP_REMOVED, "removed");
          return FALSE;
        }
      answer = hex ("6A82");
    }
  else
    {
      g_assert_cmpstr (sent, ==, s->script[s->position]);
      answer = hex (s->script[s->position + 1]);
      s->position += 2;
    }
  g_byte_array_append (response, answer->data, answer->len);
  return TRUE;
}

static EkycChipCard *
scripted_card (Script *script, const char *fixed_random_hex, GByteArray **random_out)
{
  EkycChipCard *card = ekyc_chip_card_new_for_transmit (scripted_transmit, script, NULL, FALSE);

  if (fixed_random_hex != NULL)
    {
      *random_out = hex (fixed_random_hex);
      card->fixed_random = (*random_out)->data;
      card->fixed_random_length = (*random_out)->len;
    }
  return card;
}

/* Appendix D: the key L898902C / 690806 / 940623; the chip offers no PACE. */
static const char *const bac_script[] = {
  "00A4000C023F00", "9000",                      /* SELECT MF */
  "00A4020C02011C", "6A82",                      /* no EF.CardAccess… */
  "00B09C0000", "6A82",                          /* …not even by short file identifier */
  "00A4040C07A0000002471001", "9000",            /* the eMRTD application */
  "0084000008", "4608F919887022129000",          /* GET CHALLENGE */
  "008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728",
  "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000",
  "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800", "990290008E08FA855A5D4C50A8ED9000",
  "0CB000000D9701048E08ED6705417E96BA5500",
  "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000",
  "0CB000040D9701128E082EA28A70F3C7B53500",
  "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000",
  NULL,
};

static void
record_progress (EkycChipStep step, gsize done, gsize total, gpointer user_data)
{
  GString *log = user_data;

  g_assert_cmpuint (done, <=, total);
  g_string_append_printf (log, "%s %zu/%zu;", ekyc_chip_step_name (step), done, total);
}

static void
test_bac_read_matches_appendix_d (void)
{
  Script script = { bac_script };
  g_autoptr(GByteArray) random = NULL;
  g_autoptr(EkycChipCard) card = scripted_card (&script,
    "781723860C06C2260B795240CB7049B01C19B33E32804F0B", &random);
  g_autoptr(GString) progress = g_string_new (NULL);
  EkycChipReadOptions options = { .progress = record_progress, .progress_data = progress };
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycChipDocument) doc = NULL;
  EkycChipKey key;

  g_assert_true (ekyc_chip_key_parse ("L898902C<:690806:940623", &key, &error));
  doc = ekyc_chip_read (card, &key, &options, &error);
  /* Every command of the appendix was sent as printed there; EF.COM was read whole (the
   * appendix's 4 + 18 bytes). The appendix's chip has nothing more, so DG1 is missing. */
  g_assert_null (script.script[script.position]);
  g_assert_null (doc);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_DATA_INVALID);
  g_test_message ("%s", progress->str);
  g_assert_nonnull (strstr (progress->str, "access 1/1;read-com 4/22;read-com 22/22;"));
  g_assert_cmphex (card->sm.ssc[7], >, 0x2C);   /* secure messaging went on */
}

/* Appendix G.1: MRZ T22000129 / 640812 / 101031, brainpoolP256r1, then the first protected
 * command under the PACE session keys. */
static const char *const pace_script[] = {
  "00A4000C023F00", "9000",
  "00A4020C02011C", "9000",
  "00B0000004", "311430129000",
  "00B0000412", "060A04007F0007020204020202010202010D9000",
  "0022C1A412800A04007F0007020204020283010184010D", "9000",
  "10860000027C0000", "7C12801095A3A016522EE98D01E76CB6B98B42C39000",
  "10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
  "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00",
  "7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AA"
  "A9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C549000",
  "10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
  "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200",
  "7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277"
  "A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F0949000",
  "008600000C7C0A8508C2B0BD78D94BA86600", "7C0A86083ABB9674BCE93C089000",
  "0CA4040C1D871101752F676B09FAC86A87D632749A49C7CC8E08C18BA1FCE707BD9F00",
  "990290008E08BEA7B381C494A0799000",
  NULL,
};

static void
test_pace_matches_appendix_g1 (void)
{
  Script script = { pace_script };
  g_autoptr(GByteArray) random = NULL;
  g_autoptr(EkycChipCard) card = scripted_card (&script,
    "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99"
    "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595", &random);
  g_autoptr(GString) progress = g_string_new (NULL);
  EkycChipReadOptions options = { .progress = record_progress, .progress_data = progress };
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycChipDocument) doc = NULL;
  EkycChipKey key;

  g_assert_true (ekyc_chip_key_parse ("T22000129:640812:101031", &key, &error));
  doc = ekyc_chip_read (card, &key, &options, &error);
  g_assert_null (script.script[script.position]);
  g_assert_nonnull (strstr (progress->str, "access 1/1;"));
  g_assert_true (card->secure);
  g_assert_true (card->sm.cipher == EKYC_CHIP_CIPHER_AES128);
  g_assert_null (doc);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_DATA_INVALID);
}

/* The same exchange with a chip that reads EF.CardAccess only by short file identifier. */
static void
test_pace_card_access_by_sfi (void)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  g_autoptr(GByteArray) random = NULL;
  g_autoptr(EkycChipCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycChipDocument) doc = NULL;
  Script script = { NULL };
  EkycChipKey key;

  g_ptr_array_add (steps, "00A4000C023F00");
  g_ptr_array_add (steps, "6D00");
  g_ptr_array_add (steps, "00A4020C02011C");
  g_ptr_array_add (steps, "6A82");
  g_ptr_array_add (steps, "00B09C0000");
  g_ptr_array_add (steps, "31143012060A04007F0007020204020202010202010D9000");
  for (guint i = 8; pace_script[i] != NULL; i++)
    g_ptr_array_add (steps, (gpointer) pace_script[i]);
  g_ptr_array_add (steps, NULL);
  script.script = (const char *const *) steps->pdata;
  card = scripted_card (&script,
    "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99"
    "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595", &random);
  g_assert_true (ekyc_chip_key_parse ("T22000129:640812:101031", &key, &error));
  doc = ekyc_chip_read (card, &key, NULL, &error);
  g_assert_null (script.script[script.position]);
  g_assert_true (card->secure);
  g_assert_true (card->sm.cipher == EKYC_CHIP_CIPHER_AES128);
}

/* A chip that offers PACE in EF.CardAccess but refuses it: the reader falls back to BAC, and the
 * BAC exchange is Appendix D's again. */
static void
test_pace_refused_falls_back_to_bac (void)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  g_autoptr(GByteArray) random = NULL;
  g_autoptr(EkycChipCard) card = NULL;
  g_autoptr(GString) progress = g_string_new (NULL);
  EkycChipReadOptions options = { .progress = record_progress, .progress_data = progress };
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycChipDocument) doc = NULL;
  Script script = { NULL };
  EkycChipKey key;

  for (guint i = 0; i < 8; i++)      /* EF.CardAccess as in G.1 */
    g_ptr_array_add (steps, (gpointer) pace_script[i]);
  g_ptr_array_add (steps, "0022C1A412800A04007F0007020204020283010184010D");
  g_ptr_array_add (steps, "6A80");
  for (guint i = 6; bac_script[i] != NULL; i++)   /* from SELECT of the application on */
    g_ptr_array_add (steps, (gpointer) bac_script[i]);
  g_ptr_array_add (steps, NULL);
  script.script = (const char *const *) steps->pdata;
  card = scripted_card (&script, "781723860C06C2260B795240CB7049B01C19B33E32804F0B", &random);
  g_assert_true (ekyc_chip_key_parse ("L898902C:690806:940623", &key, &error));
  doc = ekyc_chip_read (card, &key, &options, &error);
  g_assert_null (script.script[script.position]);
  g_assert_nonnull (strstr (progress->str, "access 1/1;read-com 4/22;read-com 22/22;"));
  g_assert_true (card->sm.cipher == EKYC_CHIP_CIPHER_3DES);
}

static void
run_failing (const char *const *steps, gboolean remove, const char *key_text, int code)
{
  Script script = { steps, 0, 0, remove };
  g_autoptr(GByteArray) random = NULL;
  g_autoptr(EkycChipCard) card = scripted_card (&script,
    "781723860C06C2260B795240CB7049B01C19B33E32804F0B", &random);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycChipDocument) doc = NULL;
  EkycChipKey key;

  g_assert_true (ekyc_chip_key_parse (key_text, &key, NULL));
  doc = ekyc_chip_read (card, &key, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, EKYC_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_wrong_card (void)
{
  static const char *const steps[] = {
    "00A4000C023F00", "9000",
    "00A4020C02011C", "6A82",
    "00B09C0000", "6A82",
    "00A4040C07A0000002471001", "6A82",
    NULL,
  };

  run_failing (steps, FALSE, "L898902C:690806:940623", EKYC_ERROR_CHIP_NOT_ICAO);
}

static void
test_wrong_key (void)
{
  /* The appendix's chip with another expiry date: what the reader sends to EXTERNAL
   * AUTHENTICATE is not in the script, and the chip refuses it (the script's 6A82 after its
   * end; a real chip says 6300). */
  static const char *const steps[] = {
    "00A4000C023F00", "9000",
    "00A4020C02011C", "6A82",
    "00B09C0000", "6A82",
    "00A4040C07A0000002471001", "9000",
    "0084000008", "4608F919887022129000",
    NULL,
  };

  run_failing (steps, FALSE, "L898902C:690806:940624", EKYC_ERROR_CHIP_ACCESS_DENIED);
}

static void
test_card_removed_mid_read (void)
{
  /* The card leaves after EF.COM's first chunk. */
  static const char *const steps[] = {
    "00A4000C023F00", "9000",
    "00A4020C02011C", "6A82",
    "00B09C0000", "6A82",
    "00A4040C07A0000002471001", "9000",
    "0084000008", "4608F919887022129000",
    "008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728",
    "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000",
    "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800", "990290008E08FA855A5D4C50A8ED9000",
    "0CB000000D9701048E08ED6705417E96BA5500",
    "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000",
    NULL,
  };

  run_failing (steps, TRUE, "L898902C:690806:940623", EKYC_ERROR_CHIP_REMOVED);
}

/* Taken off while the reader looks for PACE: the read stops there, with "removed", and does not
 * go on to BAC as for a chip that has no EF.CardAccess. */
static void
test_card_removed_reading_card_access (void)
{
  static const char *const steps[] = {
    "00A4000C023F00", "9000",
    "00A4020C02011C", "9000",   /* EF.CardAccess is there… */
    NULL,                       /* …and the card leaves at its first READ BINARY */
  };
  Script script = { steps, 0, 0, TRUE };
  g_autoptr(EkycChipCard) card = scripted_card (&script, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycChipDocument) doc = NULL;
  EkycChipKey key;

  g_assert_true (ekyc_chip_key_parse ("L898902C:690806:940623", &key, NULL));
  doc = ekyc_chip_read (card, &key, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_REMOVED);
  g_assert_cmpuint (script.extra, ==, 1);   /* nothing after the failed READ BINARY */
}

static void
test_tampered_secure_messaging (void)
{
  /* The chip's answer to READ BINARY with one MAC bit changed. */
  static const char *const steps[] = {
    "00A4000C023F00", "9000",
    "00A4020C02011C", "6A82",
    "00B09C0000", "6A82",
    "00A4040C07A0000002471001", "9000",
    "0084000008", "4608F919887022129000",
    "008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728",
    "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000",
    "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800", "990290008E08FA855A5D4C50A8ED9000",
    "0CB000000D9701048E08ED6705417E96BA5500",
    "8709019FF0EC34F9922651990290008E08AD55CC17140B2DEC9000",
    NULL,
  };

  run_failing (steps, FALSE, "L898902C:690806:940623", EKYC_ERROR_CHIP_COMMUNICATION);
}

/* A card that answers random bytes to everything never crashes the reader. */
static gboolean
garbage_transmit (const guint8 *command, gsize length, GByteArray *response, gpointer user_data,
                  GError **error)
{
  GRand *rand = user_data;
  guint n = (guint) g_rand_int_range (rand, 0, 48);

  for (guint i = 0; i < n; i++)
    {
      guint8 b = (guint8) g_rand_int (rand);
      g_byte_array_append (response, &b, 1);
    }
  if (g_rand_boolean (rand) && n >= 2)
    {
      response->data[n - 2] = 0x90;
      response->data[n - 1] = 0x00;
    }
  return TRUE;
}

static void
test_garbage_answers (void)
{
  EkycChipKey key;

  g_assert_true (ekyc_chip_key_parse ("L898902C:690806:940623", &key, NULL));
  for (int seed = 0; seed < 300; seed++)
    {
      GRand *rand = g_rand_new_with_seed ((guint32) seed);
      g_autoptr(EkycChipCard) card =
        ekyc_chip_card_new_for_transmit (garbage_transmit, rand, (GDestroyNotify) g_rand_free,
                                         seed % 2 == 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(EkycChipDocument) doc = ekyc_chip_read (card, &key, NULL, &error);

      g_assert_null (doc);
      g_assert_nonnull (error);
      g_assert_true (error->domain == EKYC_ERROR);
    }
}

/* A plain (unprotected) file server for _ekyc_chip_read_file(): SELECT, READ BINARY B0 with the
 * offset in P1-P2, and B1 with the offset in DO'54' beyond 32 KiB. */
typedef struct {
  GByteArray *file;
  guint       b1_reads;
  guint       max_le;
} FileServer;

static gboolean
file_server (const guint8 *command, gsize length, GByteArray *response, gpointer user_data,
             GError **error)
{
  FileServer *fs = user_data;
  static const guint8 ok[] = { 0x90, 0x00 };
  gsize offset, le;

  if (command[1] == 0xA4)
    {
      g_byte_array_append (response, ok, 2);
      return TRUE;
    }
  if (command[1] == 0xB0)
    {
      offset = (gsize) (command[2] << 8 | command[3]);
      g_assert_cmpuint (offset, <=, 0x7FFF);
      le = length == 5 ? command[4] : (gsize) (command[5] << 8 | command[6]);
    }
  else
    {
      gboolean extended = command[4] == 0;
      const guint8 *do54 = command + (extended ? 7 : 5);

      g_assert_cmphex (command[1], ==, 0xB1);
      g_assert_cmphex (do54[0], ==, 0x54);
      offset = (gsize) (do54[2] << 16 | do54[3] << 8 | do54[4]);
      le = extended ? (gsize) (command[length - 2] << 8 | command[length - 1])
                    : command[length - 1];
      fs->b1_reads++;
    }
  if (command[1] == 0xB0)
    fs->max_le = MAX (fs->max_le, (guint) le);
  if (command[1] == 0xB1)
    ekyc_tlv_append (response, 0x53, fs->file->data + offset,
                     MIN (le - 4, fs->file->len - offset));
  else
    g_byte_array_append (response, fs->file->data + offset,
                         (guint) MIN (le, fs->file->len - offset));
  g_byte_array_append (response, ok, 2);
  return TRUE;
}

static void
test_large_file_short_and_extended (void)
{
  for (int extended = 0; extended < 2; extended++)
    {
      g_autoptr(GByteArray) file = g_byte_array_new ();
      g_autofree guint8 *value = g_malloc (40000);
      FileServer fs = { file };
      g_autoptr(EkycChipCard) card = ekyc_chip_card_new_for_transmit (file_server, &fs, NULL,
                                                                      extended);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) read = NULL;

      for (int i = 0; i < 40000; i++)
        value[i] = (guint8) (i * 7);
      ekyc_tlv_append (file, 0x75, value, 40000);
      read = _ekyc_chip_read_file (card, 0x0102, EKYC_CHIP_STEP_READ_DG2, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (read, NULL), g_bytes_get_size (read), file->data,
                       file->len);
      g_assert_cmpuint (fs.b1_reads, >, 0);
      g_assert_cmpuint (fs.max_le, ==, extended ? 0x800 : 0xDF);
    }
}

static void
test_key_parse (void)
{
  g_autoptr(GError) error = NULL;
  EkycChipKey key;

  g_assert_true (ekyc_chip_key_parse ("123456789:900115:300115", &key, &error));
  g_assert_cmpstr (key.document_number, ==, "123456789");
  g_assert_cmpstr (key.birth_date, ==, "900115");
  g_assert_false (ekyc_chip_key_parse ("123456789:9001:300115", &key, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ekyc_chip_key_parse ("12345-789:900115:300115", &key, &error));
  g_clear_error (&error);
  g_assert_false (ekyc_chip_key_parse ("123456789:900115", &key, &error));
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/chip/read/bac-matches-appendix-d", test_bac_read_matches_appendix_d);
  g_test_add_func ("/chip/read/pace-matches-appendix-g1", test_pace_matches_appendix_g1);
  g_test_add_func ("/chip/read/pace-card-access-by-sfi", test_pace_card_access_by_sfi);
  g_test_add_func ("/chip/read/pace-refused-falls-back-to-bac",
                   test_pace_refused_falls_back_to_bac);
  g_test_add_func ("/chip/read/wrong-card", test_wrong_card);
  g_test_add_func ("/chip/read/wrong-key", test_wrong_key);
  g_test_add_func ("/chip/read/card-removed-mid-read", test_card_removed_mid_read);
  g_test_add_func ("/chip/read/card-removed-reading-card-access",
                   test_card_removed_reading_card_access);
  g_test_add_func ("/chip/read/tampered-secure-messaging", test_tampered_secure_messaging);
  g_test_add_func ("/chip/read/garbage-answers", test_garbage_answers);
  g_test_add_func ("/chip/read/key-parse", test_key_parse);
  g_test_add_func ("/chip/read/large-file-short-and-extended", test_large_file_short_and_extended);
  return g_test_run ();
}
