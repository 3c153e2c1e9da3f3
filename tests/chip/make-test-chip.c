/* make-test-chip.c — writes a test chip (LDS files, EF.SOD, CSCA, document signer, keys) into a
 * directory, for the chip emulator and for manual runs of `ekyc-cli read-chip`
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdlib.h>

#include "chip-lds-builder.h"

int
main (int argc, char **argv)
{
  EkycTestChipSpec spec = ekyc_test_chip_spec_default ();
  gboolean no_pace = FALSE, dg14 = FALSE, dg15 = FALSE, expired_csca = FALSE;
  int pace_parameter = 13, pace_aes = 128, aa_rsa = 0;
  g_autofree char *portrait = NULL, *hash = NULL, *curve = NULL;
  g_autofree char *ca_protocol = NULL, *ca_curve = NULL;
  g_autofree char *document_number = NULL, *birth = NULL, *expiry = NULL;
  GOptionEntry entries[] = {
    { "no-pace", 0, 0, G_OPTION_ARG_NONE, &no_pace, "No EF.CardAccess (BAC only)", NULL },
    { "pace-parameter", 0, 0, G_OPTION_ARG_INT, &pace_parameter,
      "PACE domain parameter id (13 brainpoolP256r1, 12 NIST P-256)", "ID" },
    { "pace-aes", 0, 0, G_OPTION_ARG_INT, &pace_aes, "PACE AES key size: 128, 192, 256",
      "BITS" },
    { "dg14", 0, 0, G_OPTION_ARG_NONE, &dg14,
      "Add chip authentication (DG14, ECDH brainpoolP256r1, AES-128)", NULL },
    { "ca-protocol", 0, 0, G_OPTION_ARG_STRING, &ca_protocol,
      "With --dg14: id-CA-{ECDH,DH}-{3DES-CBC-CBC,AES-CBC-CMAC-{128,192,256}}", "OID-NAME" },
    { "ca-curve", 0, 0, G_OPTION_ARG_STRING, &ca_curve,
      "With --dg14: the CA key's curve (ECDH) or DH group (dh_2048_224, dh_1024_160…)", "NAME" },
    { "dg15", 0, 0, G_OPTION_ARG_NONE, &dg15, "Add an active-authentication key (DG15)", NULL },
    { "aa-rsa", 0, 0, G_OPTION_ARG_INT, &aa_rsa, "Make that key RSA of BITS (default EC P-256)",
      "BITS" },
    { "portrait", 0, 0, G_OPTION_ARG_FILENAME, &portrait, "JPEG or JPEG 2000 for DG2", "FILE" },
    { "hash", 0, 0, G_OPTION_ARG_STRING, &hash, "SOD hash: SHA1, SHA256, SHA384, SHA512", "H" },
    { "curve", 0, 0, G_OPTION_ARG_STRING, &curve, "CSCA/DS curve (OpenSSL name)", "NAME" },
    { "expired-csca", 0, 0, G_OPTION_ARG_NONE, &expired_csca, "Make the CSCA expired", NULL },
    { "document-number", 0, 0, G_OPTION_ARG_STRING, &document_number, "9 characters", "DOC" },
    { "birth", 0, 0, G_OPTION_ARG_STRING, &birth, "YYMMDD", "DATE" },
    { "expiry", 0, 0, G_OPTION_ARG_STRING, &expiry, "YYMMDD", "DATE" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("make-test-chip: %s\n", error != NULL ? error->message : "give one DIR");
      return 2;
    }
  spec.pace_parameter_id = no_pace ? 0 : pace_parameter;
  spec.pace_aes_bits = pace_aes;
  spec.with_dg14 = dg14 || ca_protocol != NULL;
  spec.ca_protocol = ca_protocol;
  spec.ca_curve = ca_curve;
  spec.with_dg15 = dg15 || aa_rsa > 0;
  spec.aa_rsa_bits = aa_rsa;
  spec.portrait_path = portrait;
  if (hash != NULL)
    spec.hash = hash;
  if (curve != NULL)
    spec.curve = curve;
  if (document_number != NULL)
    spec.document_number = document_number;
  if (birth != NULL)
    spec.birth_yymmdd = birth;
  if (expiry != NULL)
    spec.expiry_yymmdd = expiry;
  if (expired_csca)
    spec.csca_valid_from_days = -3650, spec.csca_valid_to_days = -1;
  if (!ekyc_test_chip_build (&spec, argv[1], &error))
    {
      g_printerr ("make-test-chip: %s\n", error->message);
      return 1;
    }
  return 0;
}
