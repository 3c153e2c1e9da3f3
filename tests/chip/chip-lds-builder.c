/* chip-lds-builder.c — a test chip's files, certificates and keys, made with OpenSSL
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "ekyc/ekyc.h"
#include "ekyc/ekyc-chip.h"
#include "chip-lds-builder.h"

EkycTestChipSpec
ekyc_test_chip_spec_default (void)
{
  return (EkycTestChipSpec) {
    .document_number = "090123456",
    .id_number = "079090123456",
    .surname = "NGUYEN",
    .given_names = "VAN AN",
    .birth_yymmdd = "900115",
    .expiry_yymmdd = "300115",
    .sex = 'M',
    .full_name = "Nguyễn Văn An",
    .date_of_birth = "15/01/1990",
    .sex_text = "Nam",
    .nationality = "Việt Nam",
    .ethnicity = "Kinh",
    .religion = "Không",
    .place_of_origin = "Xã Phú Mỹ, Huyện Phú Tân, An Giang",
    .place_of_residence = "123 Đường Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh",
    .identifying_marks = "Nốt ruồi C:2cm trên trước mép phải",
    .issue_date = "10/08/2021",
    .expiry_date = "15/01/2030",
    .father_name = "Nguyễn Văn Bình",
    .mother_name = "Trần Thị Cúc",
    .spouse_name = "Lê Thị Dung",
    .old_id_number = "025123456",
    .portrait_path = NULL,
    .hash = "SHA256",
    .curve = "P-256",
    .csca_valid_from_days = -365,
    .csca_valid_to_days = 3650,
    .ds_valid_from_days = -30,
    .ds_valid_to_days = 3650,
    .with_dg15 = FALSE,
    .pace_parameter_id = 13,
    .pace_aes_bits = 128,
  };
}

static gboolean
ossl_fail (GError **error, const char *what)
{
  unsigned long e = ERR_get_error ();
  char buf[256] = "";

  ERR_error_string_n (e, buf, sizeof buf);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, buf);
  ERR_clear_error ();
  return FALSE;
}

/* ---- the data groups ----------------------------------------------------------------------- */

static char
check (const char *s, gsize n)
{
  int d = ekyc_mrz_check_digit (s, n);

  g_assert (d >= 0);
  return (char) ('0' + d);
}

static char *
mrz_name (const char *surname, const char *given)
{
  GString *s = g_string_new (surname);

  g_string_append (s, "<<");
  g_string_append (s, given);
  g_strdelimit (s->str, " ", '<');
  while (s->len < 30)
    g_string_append_c (s, '<');
  g_string_truncate (s, 30);
  return g_string_free (s, FALSE);
}

static GBytes *
build_dg1 (const EkycTestChipSpec *spec)
{
  g_autofree char *line1 = NULL, *line2 = NULL, *line3 = NULL, *composite = NULL, *mrz = NULL;
  g_autoptr(GByteArray) inner = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  char l1[31], l2[31];

  g_snprintf (l1, sizeof l1, "IDVNM%s%c%s<<", spec->document_number,
              check (spec->document_number, 9), spec->id_number);
  line1 = g_strdup_printf ("%s%c", l1, check (spec->id_number, 12));
  g_snprintf (l2, sizeof l2, "%s%c%c%s%cVNM<<<<<<<<<<<", spec->birth_yymmdd,
              check (spec->birth_yymmdd, 6), spec->sex, spec->expiry_yymmdd,
              check (spec->expiry_yymmdd, 6));
  composite = g_strdup_printf ("%.25s%.7s%.7s%.11s", line1 + 5, l2, l2 + 8, l2 + 18);
  line2 = g_strdup_printf ("%s%c", l2, check (composite, 50));
  line3 = mrz_name (spec->surname, spec->given_names);
  mrz = g_strconcat (line1, line2, line3, NULL);
  g_assert_cmpuint (strlen (mrz), ==, 90);
  ekyc_tlv_append (inner, 0x5F1F, (const guint8 *) mrz, 90);
  ekyc_tlv_append (out, 0x61, inner->data, inner->len);
  return g_byte_array_free_to_bytes (out);
}

static void
append_u (GByteArray *a, guint32 v, guint n)
{
  for (guint i = n; i-- > 0;)
    {
      guint8 b = (guint8) (v >> (8 * i));
      g_byte_array_append (a, &b, 1);
    }
}

static GBytes *
build_dg2 (const guint8 *image, gsize length, gboolean jpeg2000)
{
  g_autoptr(GByteArray) record = g_byte_array_new ();
  g_autoptr(GByteArray) header = g_byte_array_new ();
  g_autoptr(GByteArray) bit = g_byte_array_new ();
  g_autoptr(GByteArray) group = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  static const guint8 one[] = { 0x01 };
  static const guint8 version[] = { 0x01, 0x01 }, type[] = { 0x02 }, owner[] = { 0x01, 0x01 },
                      format[] = { 0x00, 0x08 };

  /* ISO/IEC 19794-5: general header, facial information, image information, image. */
  g_byte_array_append (record, (const guint8 *) "FAC\0" "010\0", 8);
  append_u (record, 14 + 20 + 12 + (guint32) length, 4);
  append_u (record, 1, 2);
  append_u (record, 20 + 12 + (guint32) length, 4);
  append_u (record, 0, 2);          /* feature points */
  append_u (record, 1, 1);          /* gender: male */
  append_u (record, 0, 1);
  append_u (record, 0, 1);
  append_u (record, 0, 3);
  append_u (record, 0, 2);
  append_u (record, 0, 3);
  append_u (record, 0, 3);
  append_u (record, 1, 1);          /* full frontal */
  append_u (record, jpeg2000 ? 1 : 0, 1);
  append_u (record, 480, 2);
  append_u (record, 640, 2);
  append_u (record, 1, 1);
  append_u (record, 2, 1);
  append_u (record, 0, 2);
  append_u (record, 0, 2);
  g_byte_array_append (record, image, (guint) length);

  ekyc_tlv_append (header, 0x80, version, 2);
  ekyc_tlv_append (header, 0x81, type, 1);
  ekyc_tlv_append (header, 0x87, owner, 2);
  ekyc_tlv_append (header, 0x88, format, 2);
  ekyc_tlv_append (bit, 0xA1, header->data, header->len);
  ekyc_tlv_append (bit, 0x5F2E, record->data, record->len);
  ekyc_tlv_append (group, 0x02, one, 1);
  ekyc_tlv_append (group, 0x7F60, bit->data, bit->len);
  {
    g_autoptr(GByteArray) templates = g_byte_array_new ();
    ekyc_tlv_append (templates, 0x7F61, group->data, group->len);
    ekyc_tlv_append (out, 0x75, templates->data, templates->len);
  }
  return g_byte_array_free_to_bytes (out);
}

static void
dg13_field (GByteArray *out, guint8 number, const char *value)
{
  g_autoptr(GByteArray) seq = g_byte_array_new ();

  if (value == NULL)
    return;
  ekyc_tlv_append (seq, 0x02, &number, 1);
  ekyc_tlv_append (seq, 0x0C, (const guint8 *) value, strlen (value));
  ekyc_tlv_append (out, 0x30, seq->data, seq->len);
}

GBytes *
ekyc_test_chip_build_dg13 (const EkycTestChipSpec *spec)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  const char *fields[] = {
    spec->id_number, spec->full_name, spec->date_of_birth, spec->sex_text, spec->nationality,
    spec->ethnicity, spec->religion, spec->place_of_origin, spec->place_of_residence,
    spec->identifying_marks, spec->issue_date, spec->expiry_date,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    dg13_field (body, (guint8) (i + 1), fields[i]);
  /* 13: the parents, each name in its own SEQUENCE. */
  {
    g_autoptr(GByteArray) seq = g_byte_array_new ();
    const guint8 number = 13;

    ekyc_tlv_append (seq, 0x02, &number, 1);
    for (int i = 0; i < 2; i++)
      {
        const char *name = i == 0 ? spec->father_name : spec->mother_name;
        g_autoptr(GByteArray) inner = g_byte_array_new ();

        ekyc_tlv_append (inner, 0x0C, (const guint8 *) (name ? name : ""),
                         name ? strlen (name) : 0);
        ekyc_tlv_append (seq, 0x30, inner->data, inner->len);
      }
    ekyc_tlv_append (body, 0x30, seq->data, seq->len);
  }
  dg13_field (body, 14, spec->spouse_name);
  dg13_field (body, 15, spec->old_id_number);
  ekyc_tlv_append (out, 0x6D, body->data, body->len);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
build_com (gboolean dg2, gboolean dg14, gboolean dg15)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) tags = g_byte_array_new ();
  guint8 t;

  ekyc_tlv_append (body, 0x5F01, (const guint8 *) "0107", 4);
  ekyc_tlv_append (body, 0x5F36, (const guint8 *) "040000", 6);
  t = 0x61, g_byte_array_append (tags, &t, 1);
  if (dg2)
    t = 0x75, g_byte_array_append (tags, &t, 1);
  t = 0x6D, g_byte_array_append (tags, &t, 1);
  if (dg14)
    t = 0x6E, g_byte_array_append (tags, &t, 1);
  if (dg15)
    t = 0x6F, g_byte_array_append (tags, &t, 1);
  ekyc_tlv_append (body, 0x5C, tags->data, tags->len);
  ekyc_tlv_append (out, 0x60, body->data, body->len);
  return g_byte_array_free_to_bytes (out);
}

/* EF.CardAccess: SET { PACEInfo { id-PACE-ECDH-GM-AES-CBC-CMAC-128 (-192, -256), version 2,
 * parameterId } } */
static GBytes *
build_card_access (int parameter_id, int aes_bits)
{
  guint8 oid[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, 0x02 };
  g_autoptr(GByteArray) info = g_byte_array_new ();
  g_autoptr(GByteArray) set = g_byte_array_new ();
  guint8 version = 2, id = (guint8) parameter_id;

  oid[sizeof oid - 1] = aes_bits == 256 ? 4 : aes_bits == 192 ? 3 : 2;

  ekyc_tlv_append (info, 0x06, oid, sizeof oid);
  ekyc_tlv_append (info, 0x02, &version, 1);
  ekyc_tlv_append (info, 0x02, &id, 1);
  ekyc_tlv_append (set, 0x30, info->data, info->len);
  {
    GByteArray *out = g_byte_array_new ();
    ekyc_tlv_append (out, 0x31, set->data, set->len);
    return g_byte_array_free_to_bytes (out);
  }
}

/* ---- keys, certificates, the SOD ----------------------------------------------------------- */

static X509 *
make_cert (EVP_PKEY *key, EVP_PKEY *issuer_key, X509 *issuer, const char *cn, gboolean ca,
           int from_days, int to_days, long serial)
{
  X509 *cert = X509_new ();
  X509_NAME *name = X509_NAME_new ();
  X509V3_CTX ctx;
  X509_EXTENSION *ext;

  X509_set_version (cert, 2);
  ASN1_INTEGER_set (X509_get_serialNumber (cert), serial);
  X509_NAME_add_entry_by_txt (name, "C", MBSTRING_ASC, (const unsigned char *) "VN", -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "O", MBSTRING_ASC, (const unsigned char *) "ekyc tests",
                              -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_ASC, (const unsigned char *) cn, -1, -1, 0);
  X509_set_subject_name (cert, name);
  X509_set_issuer_name (cert, issuer != NULL ? X509_get_subject_name (issuer) : name);
  X509_time_adj_ex (X509_getm_notBefore (cert), from_days, 0, NULL);
  X509_time_adj_ex (X509_getm_notAfter (cert), to_days, 0, NULL);
  X509_set_pubkey (cert, key);
  X509V3_set_ctx (&ctx, issuer != NULL ? issuer : cert, cert, NULL, NULL, 0);
  ext = X509V3_EXT_conf_nid (NULL, &ctx, NID_basic_constraints,
                             ca ? "critical,CA:TRUE,pathlen:0" : "critical,CA:FALSE");
  X509_add_ext (cert, ext, -1);
  X509_EXTENSION_free (ext);
  ext = X509V3_EXT_conf_nid (NULL, &ctx, NID_key_usage,
                             ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  X509_add_ext (cert, ext, -1);
  X509_EXTENSION_free (ext);
  X509_NAME_free (name);
  if (X509_sign (cert, issuer_key, EVP_sha256 ()) == 0)
    {
      X509_free (cert);
      return NULL;
    }
  return cert;
}

static GBytes *
build_sod (const EkycTestChipSpec *spec, GBytes *const *dgs, X509 *ds, EVP_PKEY *ds_key,
           GError **error)
{
  static const guint8 sha_oids[][10] = {
    { 5, 0x2B, 0x0E, 0x03, 0x02, 0x1A },
    { 9, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 },
    { 9, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 },
    { 9, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 },
  };
  const char *hash = spec->hash != NULL ? spec->hash : "SHA256";
  int h = g_str_equal (hash, "SHA1") ? 0 : g_str_equal (hash, "SHA384") ? 2
        : g_str_equal (hash, "SHA512") ? 3 : 1;
  g_autoptr(GByteArray) alg = g_byte_array_new ();
  g_autoptr(GByteArray) list = g_byte_array_new ();
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) lds = g_byte_array_new ();
  EVP_MD *md = EVP_MD_fetch (NULL, hash, NULL);
  guint8 version = 0;
  BIO *in;
  CMS_ContentInfo *cms;
  unsigned char *der = NULL;
  int der_length;
  GByteArray *out;

  ekyc_tlv_append (alg, 0x06, sha_oids[h] + 1, sha_oids[h][0]);
  for (int dg = 1; dg <= 16; dg++)
    {
      g_autoptr(GByteArray) entry = g_byte_array_new ();
      guint8 digest[EVP_MAX_MD_SIZE], number = (guint8) dg;
      unsigned int n = 0;

      if (dgs[dg] == NULL)
        continue;
      EVP_Digest (g_bytes_get_data (dgs[dg], NULL), g_bytes_get_size (dgs[dg]), digest, &n, md,
                  NULL);
      ekyc_tlv_append (entry, 0x02, &number, 1);
      ekyc_tlv_append (entry, 0x04, digest, n);
      ekyc_tlv_append (list, 0x30, entry->data, entry->len);
    }
  EVP_MD_free (md);
  ekyc_tlv_append (body, 0x02, &version, 1);
  ekyc_tlv_append (body, 0x30, alg->data, alg->len);
  ekyc_tlv_append (body, 0x30, list->data, list->len);
  ekyc_tlv_append (lds, 0x30, body->data, body->len);

  in = BIO_new_mem_buf (lds->data, (int) lds->len);
  cms = CMS_sign (ds, ds_key, NULL, NULL, CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP);
  if (cms == NULL ||
      CMS_set1_eContentType (cms, OBJ_txt2obj ("2.23.136.1.1.1", 1)) != 1 ||
      CMS_final (cms, in, NULL, CMS_BINARY) != 1 ||
      (der_length = i2d_CMS_ContentInfo (cms, &der)) <= 0)
    {
      BIO_free (in);
      CMS_ContentInfo_free (cms);
      ossl_fail (error, "CMS signature");
      return NULL;
    }
  BIO_free (in);
  CMS_ContentInfo_free (cms);
  out = g_byte_array_new ();
  ekyc_tlv_append (out, 0x77, der, (gsize) der_length);
  OPENSSL_free (der);
  return g_byte_array_free_to_bytes (out);
}

static gboolean
write_pem (const char *path, X509 *cert, EVP_PKEY *key, gboolean public_only, GError **error)
{
  BIO *bio = BIO_new_file (path, "w");
  gboolean ok;

  if (bio == NULL)
    return ossl_fail (error, path);
  ok = cert != NULL ? PEM_write_bio_X509 (bio, cert) == 1
     : public_only ? PEM_write_bio_PUBKEY (bio, key) == 1
     : PEM_write_bio_PrivateKey (bio, key, NULL, NULL, 0, NULL, NULL) == 1;
  BIO_free (bio);
  return ok ? TRUE : ossl_fail (error, path);
}

static gboolean
write_file (const char *dir, const char *name, GBytes *bytes, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), error);
}

/* The OID of a chip authentication protocol named as TR-03110 names it, e.g.
 * "id-CA-DH-3DES-CBC-CBC": id-CA = 0.4.0.127.0.7.2.2.3, then 1 DH or 2 ECDH, then 1 3DES or
 * 2–4 AES-128/192/256. FALSE for another name. */
static gboolean
ca_protocol_oid (const char *name, guint8 oid[10])
{
  static const guint8 id_ca[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03 };
  static const char *const ciphers[] = { "3DES-CBC-CBC", "AES-CBC-CMAC-128", "AES-CBC-CMAC-192",
                                         "AES-CBC-CMAC-256" };
  const char *rest;

  memcpy (oid, id_ca, sizeof id_ca);
  if (g_str_has_prefix (name, "id-CA-ECDH-"))
    oid[8] = 2, rest = name + strlen ("id-CA-ECDH-");
  else if (g_str_has_prefix (name, "id-CA-DH-"))
    oid[8] = 1, rest = name + strlen ("id-CA-DH-");
  else
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (ciphers); i++)
    if (g_str_equal (rest, ciphers[i]))
      {
        oid[9] = (guint8) (i + 1);
        return TRUE;
      }
  return FALSE;
}

/* DG14 (9303-11 9.2.5): SET { ChipAuthenticationInfo { id-CA-…, 1 },
 * ChipAuthenticationPublicKeyInfo { id-PK-ECDH or id-PK-DH, SubjectPublicKeyInfo } } */
static GBytes *
build_dg14 (EVP_PKEY *key, const guint8 id_ca[10])
{
  guint8 id_pk[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x01, 0x02 };
  g_autoptr(GByteArray) ca_info = g_byte_array_new ();
  g_autoptr(GByteArray) pk_info = g_byte_array_new ();
  g_autoptr(GByteArray) set = g_byte_array_new ();
  g_autoptr(GByteArray) infos = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  unsigned char *der = NULL;
  int n = i2d_PUBKEY (key, &der);
  const guint8 version = 1;

  g_assert (n > 0);
  id_pk[8] = id_ca[8];  /* the same key agreement: 1 DH, 2 ECDH */
  ekyc_tlv_append (ca_info, 0x06, id_ca, 10);
  ekyc_tlv_append (ca_info, 0x02, &version, 1);
  ekyc_tlv_append (pk_info, 0x06, id_pk, sizeof id_pk);
  g_byte_array_append (pk_info, der, (guint) n);
  OPENSSL_free (der);
  ekyc_tlv_append (infos, 0x30, ca_info->data, ca_info->len);
  ekyc_tlv_append (infos, 0x30, pk_info->data, pk_info->len);
  ekyc_tlv_append (set, 0x31, infos->data, infos->len);
  ekyc_tlv_append (out, 0x6E, set->data, set->len);
  return g_byte_array_free_to_bytes (out);
}

/* A DH key (X9.42, with q, as DG14 publishes it) in the named group. */
static EVP_PKEY *
dh_keygen (const char *group)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name (NULL, "DHX", NULL);
  OSSL_PARAM params[] = {
    OSSL_PARAM_construct_utf8_string (OSSL_PKEY_PARAM_GROUP_NAME, (char *) group, 0),
    OSSL_PARAM_construct_end (),
  };
  EVP_PKEY *key = NULL;

  if (ctx == NULL || EVP_PKEY_keygen_init (ctx) != 1 || EVP_PKEY_CTX_set_params (ctx, params) != 1
      || EVP_PKEY_keygen (ctx, &key) != 1)
    key = NULL;
  EVP_PKEY_CTX_free (ctx);
  return key;
}

/* DG15: SubjectPublicKeyInfo of the chip's active-authentication key. */
static GBytes *
build_dg15 (EVP_PKEY *key)
{
  unsigned char *der = NULL;
  int n = i2d_PUBKEY (key, &der);
  GByteArray *out = g_byte_array_new ();

  g_assert (n > 0);
  ekyc_tlv_append (out, 0x6F, der, (gsize) n);
  OPENSSL_free (der);
  return g_byte_array_free_to_bytes (out);
}

gboolean
ekyc_test_chip_build (const EkycTestChipSpec *spec, const char *dir, GError **error)
{
  const char *curve = spec->curve != NULL ? spec->curve : "P-256";
  EVP_PKEY *csca_key = NULL, *ds_key = NULL, *aa_key = NULL, *ca_key = NULL;
  X509 *csca = NULL, *ds = NULL;
  GBytes *dgs[17] = { NULL };
  g_autoptr(GBytes) com = NULL, sod = NULL, card_access = NULL;
  g_autofree char *trust = g_build_filename (dir, "trust", NULL);
  g_autofree char *path = NULL;
  g_autofree char *key_text = NULL;
  gboolean ok = FALSE;

  if (g_mkdir_with_parents (trust, 0755) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", trust,
                   g_strerror (errno));
      return FALSE;
    }
  csca_key = EVP_PKEY_Q_keygen (NULL, NULL, "EC", curve);
  ds_key = EVP_PKEY_Q_keygen (NULL, NULL, "EC", curve);
  if (csca_key == NULL || ds_key == NULL)
    {
      ossl_fail (error, "key generation");
      goto out;
    }
  csca = make_cert (csca_key, csca_key, NULL,
                    spec->csca_name != NULL ? spec->csca_name : "CSCA Test VN", TRUE, spec->csca_valid_from_days,
                    spec->csca_valid_to_days, 1);
  ds = csca != NULL ? make_cert (ds_key, csca_key, csca, "DS Test VN", FALSE,
                                 spec->ds_valid_from_days, spec->ds_valid_to_days, 2) : NULL;
  if (ds == NULL)
    {
      ossl_fail (error, "certificates");
      goto out;
    }

  dgs[1] = build_dg1 (spec);
  if (spec->portrait_path != NULL)
    {
      g_autofree char *image = NULL;
      gsize length;

      if (!g_file_get_contents (spec->portrait_path, &image, &length, error))
        goto out;
      dgs[2] = build_dg2 ((const guint8 *) image, length,
                          length > 4 && (guint8) image[0] != 0xFF);
    }
  dgs[13] = ekyc_test_chip_build_dg13 (spec);
  if (spec->with_dg14)
    {
      guint8 id_ca[10];

      if (!ca_protocol_oid (spec->ca_protocol != NULL ? spec->ca_protocol
                            : "id-CA-ECDH-AES-CBC-CMAC-128", id_ca))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "unknown chip authentication protocol %s", spec->ca_protocol);
          goto out;
        }
      ca_key = id_ca[8] == 2
               ? EVP_PKEY_Q_keygen (NULL, NULL, "EC",
                                    spec->ca_curve != NULL ? spec->ca_curve : "brainpoolP256r1")
               : dh_keygen (spec->ca_curve != NULL ? spec->ca_curve : "dh_2048_224");
      if (ca_key == NULL)
        {
          ossl_fail (error, "chip authentication key");
          goto out;
        }
      dgs[14] = build_dg14 (ca_key, id_ca);
    }
  if (spec->with_dg15)
    {
      aa_key = spec->aa_rsa_bits > 0
               ? EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) spec->aa_rsa_bits)
               : EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-256");
      dgs[15] = build_dg15 (aa_key);
    }
  com = build_com (dgs[2] != NULL, dgs[14] != NULL, dgs[15] != NULL);
  sod = build_sod (spec, dgs, ds, ds_key, error);
  if (sod == NULL)
    goto out;

  if (!write_file (dir, "EF.COM", com, error) || !write_file (dir, "EF.SOD", sod, error))
    goto out;
  for (int dg = 1; dg <= 16; dg++)
    {
      g_autofree char *name = g_strdup_printf ("DG%d", dg);

      if (dgs[dg] != NULL && !write_file (dir, name, dgs[dg], error))
        goto out;
    }
  if (spec->pace_parameter_id != 0)
    {
      card_access = build_card_access (spec->pace_parameter_id, spec->pace_aes_bits);
      if (!write_file (dir, "EF.CardAccess", card_access, error))
        goto out;
    }
  {
    g_autofree char *p1 = g_build_filename (dir, "csca.pem", NULL);
    g_autofree char *p2 = g_build_filename (dir, "csca-key.pem", NULL);
    g_autofree char *p3 = g_build_filename (dir, "ds.pem", NULL);
    g_autofree char *p4 = g_build_filename (dir, "ds-key.pem", NULL);
    g_autofree char *p5 = g_build_filename (trust, "csca.pem", NULL);
    g_autofree char *p6 = g_build_filename (dir, "aa-key.pem", NULL);
    g_autofree char *p7 = g_build_filename (dir, "ca-key.pem", NULL);

    if (!write_pem (p1, csca, NULL, FALSE, error) || !write_pem (p2, NULL, csca_key, FALSE, error) ||
        !write_pem (p3, ds, NULL, FALSE, error) || !write_pem (p4, NULL, ds_key, FALSE, error) ||
        !write_pem (p5, csca, NULL, FALSE, error) ||
        (aa_key != NULL && !write_pem (p6, NULL, aa_key, FALSE, error)) ||
        (ca_key != NULL && !write_pem (p7, NULL, ca_key, FALSE, error)))
      goto out;
  }
  key_text = g_strdup_printf ("%s:%s:%s\n", spec->document_number, spec->birth_yymmdd,
                              spec->expiry_yymmdd);
  path = g_build_filename (dir, "mrz-key.txt", NULL);
  ok = g_file_set_contents (path, key_text, -1, error);

out:
  for (int dg = 0; dg <= 16; dg++)
    g_clear_pointer (&dgs[dg], g_bytes_unref);
  X509_free (csca);
  X509_free (ds);
  EVP_PKEY_free (csca_key);
  EVP_PKEY_free (ds_key);
  EVP_PKEY_free (aa_key);
  EVP_PKEY_free (ca_key);
  return ok;
}

GBytes **
ekyc_test_chip_load_files (const char *dir)
{
  GBytes **files = g_new0 (GBytes *, EKYC_CHIP_N_FILES);

  for (int i = 0; i < EKYC_CHIP_N_FILES; i++)
    {
      g_autofree char *path = g_build_filename (dir, ekyc_chip_file_name ((EkycChipFile) i), NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_get_contents (path, &contents, &length, NULL))
        files[i] = g_bytes_new_take (g_steal_pointer (&contents), length);
    }
  return files;
}

void
ekyc_test_chip_files_free (GBytes **files)
{
  for (int i = 0; files != NULL && i < EKYC_CHIP_N_FILES; i++)
    g_clear_pointer (&files[i], g_bytes_unref);
  g_free (files);
}

void
ekyc_test_chip_remove (const char *dir)
{
  g_autoptr(GDir) d = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ekyc_test_chip_remove (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_rmdir (dir);
}
