/* test-chip-crypto.c — BAC and PACE key derivation and secure messaging against the worked
 * examples of ICAO Doc 9303 Part 11 (Appendix D: BAC; Appendix G.1: PACE ECDH-GM)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every value below is the appendix's, byte for byte: a derivation or a message that differs in
 * one bit fails.
 */
#include "config.h"

#include <string.h>

#include "ekyc/ekyc.h"
#include "ekyc-chip-crypto-private.h"
#include "ekyc-chip-sm-private.h"
#include "test-utils.h"

static GBytes *
hex (const char *text)
{
  GByteArray *out = g_byte_array_new ();

  for (const char *p = text; *p != '\0';)
    {
      guint8 b;

      if (*p == ' ')
        {
          p++;
          continue;
        }
      g_assert_true (g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]));
      b = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      g_byte_array_append (out, &b, 1);
      p += 2;
    }
  return g_byte_array_free_to_bytes (out);
}

static char *
to_hex (const guint8 *data, gsize length)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (s, "%02X", data[i]);
  return g_string_free (s, FALSE);
}

#define assert_hex(data, length, expected) \
  G_STMT_START { \
    g_autofree char *_h = to_hex ((data), (length)); \
    g_assert_cmpstr (_h, ==, (expected)); \
  } G_STMT_END

/* Appendix D.2: the key seed and the basic access keys. */
static void
test_bac_keys (void)
{
  g_autoptr(GString) info = g_string_new (NULL);
  guint8 hash[20], kenc[16], kmac[16];

  g_assert_true (_ekyc_chip_mrz_information ("L898902C", "690806", "940623", info));
  g_assert_cmpstr (info->str, ==, "L898902C<369080619406236");
  _ekyc_chip_sha1 ((const guint8 *) info->str, info->len, hash);
  assert_hex (hash, 20, "239AB9CB282DAF66231DC5A4DF6BFBAEDF477565");
  _ekyc_chip_kdf (hash, 16, EKYC_CHIP_KDF_ENC, EKYC_CHIP_CIPHER_3DES, kenc);
  assert_hex (kenc, 16, "AB94FDECF2674FDFB9B391F85D7F76F2");
  _ekyc_chip_kdf (hash, 16, EKYC_CHIP_KDF_MAC, EKYC_CHIP_CIPHER_3DES, kmac);
  assert_hex (kmac, 16, "7962D9ECE03D1ACD4C76089DCE131543");

  /* Fields outside the MRZ alphabet or dates of the wrong shape are refused. */
  g_assert_false (_ekyc_chip_mrz_information ("l898902c", "690806", "940623", info));
  g_assert_false (_ekyc_chip_mrz_information ("L898902C", "69086", "940623", info));
  g_assert_false (_ekyc_chip_mrz_information ("", "690806", "940623", info));
}

/* Appendix D.3: mutual authentication, the session keys and the SSC. */
static void
test_bac_mutual_authentication (void)
{
  g_autoptr(GBytes) kenc = hex ("AB94FDECF2674FDFB9B391F85D7F76F2");
  g_autoptr(GBytes) kmac = hex ("7962D9ECE03D1ACD4C76089DCE131543");
  g_autoptr(GBytes) s = hex ("781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B");
  g_autoptr(GBytes) resp = hex ("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F"
                                "2F2D235D074D7449");
  g_autoptr(GByteArray) padded = g_byte_array_new ();
  guint8 eifd[32], mifd[8], r[32], mic[8], seed[16], ksenc[16], ksmac[16];
  const guint8 *kifd = (const guint8 *) g_bytes_get_data (s, NULL) + 16;
  const guint8 *rp = g_bytes_get_data (resp, NULL);

  g_assert_true (_ekyc_chip_cbc (EKYC_CHIP_CIPHER_3DES, g_bytes_get_data (kenc, NULL), TRUE, NULL,
                                 g_bytes_get_data (s, NULL), 32, eifd));
  assert_hex (eifd, 32, "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2");
  g_byte_array_append (padded, eifd, 32);
  _ekyc_chip_pad (padded, 8);
  g_assert_cmpuint (padded->len, ==, 40);
  g_assert_true (_ekyc_chip_mac (EKYC_CHIP_CIPHER_3DES, g_bytes_get_data (kmac, NULL),
                                 padded->data, padded->len, mifd));
  assert_hex (mifd, 8, "5F1448EEA8AD90A7");

  /* The chip's answer: its MAC, then R = RND.IC ‖ RND.IFD ‖ K.IC. */
  g_byte_array_set_size (padded, 0);
  g_byte_array_append (padded, rp, 32);
  _ekyc_chip_pad (padded, 8);
  g_assert_true (_ekyc_chip_mac (EKYC_CHIP_CIPHER_3DES, g_bytes_get_data (kmac, NULL),
                                 padded->data, padded->len, mic));
  g_assert_true (_ekyc_chip_equal (mic, rp + 32, 8));
  g_assert_true (_ekyc_chip_cbc (EKYC_CHIP_CIPHER_3DES, g_bytes_get_data (kenc, NULL), FALSE,
                                 NULL, rp, 32, r));
  assert_hex (r, 32, "4608F91988702212781723860C06C2260B4F80323EB3191CB04970CB4052790B");
  for (int i = 0; i < 16; i++)
    seed[i] = kifd[i] ^ r[16 + i];
  assert_hex (seed, 16, "0036D272F5C350ACAC50C3F572D23600");
  _ekyc_chip_kdf (seed, 16, EKYC_CHIP_KDF_ENC, EKYC_CHIP_CIPHER_3DES, ksenc);
  _ekyc_chip_kdf (seed, 16, EKYC_CHIP_KDF_MAC, EKYC_CHIP_CIPHER_3DES, ksmac);
  assert_hex (ksenc, 16, "979EC13B1CBFE9DCD01AB0FED307EAE5");
  assert_hex (ksmac, 16, "F1CB1F1FB5ADF208806B89DC579DC1F8");
}

typedef struct {
  EkycChipApdu apdu;
  const char  *protected_apdu;
  const char  *response;
  const char  *plain;
} SmStep;

static void
run_sm_steps (EkycChipSm *sm, const SmStep *steps, guint n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GByteArray) out = g_byte_array_new ();
      g_autoptr(GByteArray) data = g_byte_array_new ();
      g_autoptr(GBytes) response = NULL;
      g_autoptr(GError) error = NULL;
      guint16 sw = 0;

      g_assert_true (_ekyc_chip_sm_wrap (sm, &steps[i].apdu, out));
      assert_hex (out->data, out->len, steps[i].protected_apdu);
      if (steps[i].response == NULL)
        continue;
      response = hex (steps[i].response);
      g_assert_true (_ekyc_chip_sm_unwrap (sm, g_bytes_get_data (response, NULL),
                                           g_bytes_get_size (response), data, &sw, &error));
      g_assert_no_error (error);
      g_assert_cmphex (sw, ==, 0x9000);
      assert_hex (data->data, data->len, steps[i].plain);
    }
}

/* Appendix D.4: SELECT EF.COM and two READ BINARY under 3DES secure messaging. */
static void
test_bac_secure_messaging (void)
{
  g_autoptr(GBytes) ksenc = hex ("979EC13B1CBFE9DCD01AB0FED307EAE5");
  g_autoptr(GBytes) ksmac = hex ("F1CB1F1FB5ADF208806B89DC579DC1F8");
  g_autoptr(GBytes) ssc = hex ("887022120C06C226");
  static const guint8 ef_com[] = { 0x01, 0x1E };
  const SmStep steps[] = {
    { { 0x00, 0xA4, 0x02, 0x0C, ef_com, 2, -1, FALSE },
      "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800",
      "990290008E08FA855A5D4C50A8ED9000", "" },
    { { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 4, FALSE },
      "0CB000000D9701048E08ED6705417E96BA5500",
      "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000", "60145F01" },
    { { 0x00, 0xB0, 0x00, 0x04, NULL, 0, 0x12, FALSE },
      "0CB000040D9701128E082EA28A70F3C7B53500",
      "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000",
      "04303130365F36063034303030305C026175" },
  };
  EkycChipSm sm;

  _ekyc_chip_sm_init (&sm, EKYC_CHIP_CIPHER_3DES, g_bytes_get_data (ksenc, NULL),
                      g_bytes_get_data (ksmac, NULL), g_bytes_get_data (ssc, NULL), 8);
  run_sm_steps (&sm, steps, G_N_ELEMENTS (steps));
  assert_hex (sm.ssc, 8, "887022120C06C22C");
}

/* A response whose MAC is off by one bit is refused, and its data is not returned. */
static void
test_sm_rejects_wrong_mac (void)
{
  g_autoptr(GBytes) ksenc = hex ("979EC13B1CBFE9DCD01AB0FED307EAE5");
  g_autoptr(GBytes) ksmac = hex ("F1CB1F1FB5ADF208806B89DC579DC1F8");
  g_autoptr(GBytes) ssc = hex ("887022120C06C228");
  g_autoptr(GBytes) response = hex ("8709019FF0EC34F9922651990290008E08AD55CC17140B2DEC9000");
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  EkycChipApdu apdu = { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 4, FALSE };
  EkycChipSm sm;
  guint16 sw = 0;

  _ekyc_chip_sm_init (&sm, EKYC_CHIP_CIPHER_3DES, g_bytes_get_data (ksenc, NULL),
                      g_bytes_get_data (ksmac, NULL), g_bytes_get_data (ssc, NULL), 8);
  g_assert_true (_ekyc_chip_sm_wrap (&sm, &apdu, out));
  g_assert_false (_ekyc_chip_sm_unwrap (&sm, g_bytes_get_data (response, NULL),
                                        g_bytes_get_size (response), data, &sw, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_COMMUNICATION);
  g_assert_cmpuint (data->len, ==, 0);
}

/* Appendix G.1: the MRZ password and K_pi, the nonce, and the session keys from the shared
 * secret. (The elliptic-curve steps run in test-chip-pace.) */
static void
test_pace_keys (void)
{
  g_autoptr(GString) info = g_string_new (NULL);
  g_autoptr(GBytes) z = hex ("95A3A016522EE98D01E76CB6B98B42C3");
  g_autoptr(GBytes) shared = hex ("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925");
  guint8 k[20], kpi[16], s[16], ksenc[16], ksmac[16];

  g_assert_true (_ekyc_chip_mrz_information ("T22000129", "640812", "101031", info));
  _ekyc_chip_sha1 ((const guint8 *) info->str, info->len, k);
  assert_hex (k, 20, "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD");
  _ekyc_chip_kdf (k, 20, EKYC_CHIP_KDF_PI, EKYC_CHIP_CIPHER_AES128, kpi);
  assert_hex (kpi, 16, "89DED1B26624EC1E634C1989302849DD");
  g_assert_true (_ekyc_chip_cbc (EKYC_CHIP_CIPHER_AES128, kpi, FALSE, NULL,
                                 g_bytes_get_data (z, NULL), 16, s));
  assert_hex (s, 16, "3F00C4D39D153F2B2A214A078D899B22");
  _ekyc_chip_kdf (g_bytes_get_data (shared, NULL), 32, EKYC_CHIP_KDF_ENC,
                  EKYC_CHIP_CIPHER_AES128, ksenc);
  _ekyc_chip_kdf (g_bytes_get_data (shared, NULL), 32, EKYC_CHIP_KDF_MAC,
                  EKYC_CHIP_CIPHER_AES128, ksmac);
  assert_hex (ksenc, 16, "F5F0E35C0D7161EE6724EE513A0D9A7F");
  assert_hex (ksmac, 16, "FE251C7858B356B24514B3BD5F4297D1");
}

/* AES secure messaging with the G.1 session keys, SSC 0: SELECT of the eMRTD application.
 * (Not in the appendix itself: a vector published with an independent implementation, which
 * this one must agree with.) */
static void
test_aes_secure_messaging (void)
{
  g_autoptr(GBytes) ksenc = hex ("F5F0E35C0D7161EE6724EE513A0D9A7F");
  g_autoptr(GBytes) ksmac = hex ("FE251C7858B356B24514B3BD5F4297D1");
  static const guint8 aid[] = { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };
  static const guint8 zero[16] = { 0 };
  const SmStep steps[] = {
    { { 0x00, 0xA4, 0x04, 0x0C, aid, sizeof aid, -1, FALSE },
      "0CA4040C1D871101752F676B09FAC86A87D632749A49C7CC8E08C18BA1FCE707BD9F00",
      NULL, NULL },
  };
  EkycChipSm sm;

  _ekyc_chip_sm_init (&sm, EKYC_CHIP_CIPHER_AES128, g_bytes_get_data (ksenc, NULL),
                      g_bytes_get_data (ksmac, NULL), zero, 16);
  run_sm_steps (&sm, steps, G_N_ELEMENTS (steps));
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/chip/bac/key-seed-kenc-kmac", test_bac_keys);
  g_test_add_func ("/chip/bac/mutual-authentication", test_bac_mutual_authentication);
  g_test_add_func ("/chip/bac/secure-messaging-appendix-d4", test_bac_secure_messaging);
  g_test_add_func ("/chip/sm/rejects-wrong-mac", test_sm_rejects_wrong_mac);
  g_test_add_func ("/chip/pace/password-nonce-session-keys", test_pace_keys);
  g_test_add_func ("/chip/pace/aes-secure-messaging", test_aes_secure_messaging);
  return g_test_run ();
}
