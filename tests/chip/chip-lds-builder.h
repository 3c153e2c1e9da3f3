/* chip-lds-builder.h — builds a test chip's content with OpenSSL: a CSCA and a document signer,
 * EF.COM, DG1, DG2, DG13, DG15, EF.SOD and EF.CardAccess, written as files
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shared by the reader's tests and the chip emulator: both load the same files, so the
 * emulator need not know how they were made. See README.md ("Chip test data").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  /* MRZ (DG1) and the access key */
  const char *document_number;   /* 9 characters; the CCCD's last 9 ID digits */
  const char *id_number;         /* 12 digits (DG1 optional data, DG13 field 1) */
  const char *surname, *given_names;  /* MRZ names, A–Z */
  const char *birth_yymmdd, *expiry_yymmdd;
  char        sex;               /* 'M' or 'F' */
  /* DG13 (UTF-8) */
  const char *full_name, *date_of_birth, *sex_text, *nationality, *ethnicity, *religion,
             *place_of_origin, *place_of_residence, *identifying_marks, *issue_date,
             *expiry_date, *father_name, *mother_name, *spouse_name, *old_id_number;
  /* DG2: a JPEG (or JPEG 2000) file wrapped in an ISO 19794-5 record; NULL: no DG2 */
  const char *portrait_path;
  /* EF.SOD */
  const char *hash;              /* "SHA256" (default), "SHA1", "SHA384", "SHA512" */
  const char *curve;             /* signer and CSCA keys: "P-256" (default) or an OpenSSL name */
  const char *csca_name;         /* the CSCA's common name (default "CSCA Test VN") */
  int         csca_valid_from_days, csca_valid_to_days;  /* relative to now; default −365, 3650 */
  int         ds_valid_from_days, ds_valid_to_days;      /* default −30, 3650 */
  gboolean    with_dg14;         /* DG14 offering chip authentication with ca_protocol and a key
                                  * on ca_curve (private half ca-key.pem) */
  const char *ca_protocol;       /* "id-CA-{ECDH,DH}-{3DES-CBC-CBC,AES-CBC-CMAC-{128,192,256}}";
                                  * NULL: id-CA-ECDH-AES-CBC-CMAC-128 */
  const char *ca_curve;          /* OpenSSL name of the curve (ECDH; NULL: brainpoolP256r1) or
                                  * of the DH group (DH; NULL: dh_2048_224, RFC 5114 2.3) */
  gboolean    with_dg15;         /* an active-authentication key in DG15 */
  int         aa_rsa_bits;       /* 0: that key is EC P-256; else RSA with this modulus size */
  /* EF.CardAccess: PACE ECDH-GM AES with this standardized domain parameter id
   * (13 = brainpoolP256r1, 12 = NIST P-256); 0 leaves EF.CardAccess out (BAC only). */
  int         pace_parameter_id;
  int         pace_aes_bits;     /* 128 (default; 0 means 128), 192 or 256 */
} EkycTestChipSpec;

/* A Vietnamese CCCD holder with every DG13 field filled, diacritics included. */
EkycTestChipSpec ekyc_test_chip_spec_default (void);

/**
 * ekyc_test_chip_build:
 * Makes a new CSCA and document signer and writes into @dir (created if needed):
 *   EF.COM  EF.SOD  EF.CardAccess  DG1  DG2  DG13  [DG14] [DG15]  the files' exact bytes
 *   csca.pem csca-key.pem ds.pem ds-key.pem [ca-key.pem] [aa-key.pem]  certificates, PEM keys
 *   trust/csca.pem                                          a trust store holding the CSCA
 *   mrz-key.txt                                             DOCNO:YYMMDD:YYMMDD
 * Returns: FALSE with @error on failure (an OpenSSL or file error).
 */
gboolean ekyc_test_chip_build (const EkycTestChipSpec *spec, const char *dir, GError **error);

/* Just the DG13 file for @spec (for parser tests). */
GBytes  *ekyc_test_chip_build_dg13 (const EkycTestChipSpec *spec);

/* Reads the files ekyc_test_chip_build() wrote into an array indexed by EkycChipFile
 * (EKYC_CHIP_N_FILES long; absent files NULL). Free with ekyc_test_chip_files_free(). */
GBytes **ekyc_test_chip_load_files (const char *dir);
void     ekyc_test_chip_files_free (GBytes **files);
/* Removes @dir and everything under it (what ekyc_test_chip_build() wrote). */
void     ekyc_test_chip_remove     (const char *dir);

G_END_DECLS
