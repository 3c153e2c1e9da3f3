/* ekyc-chip-passive.c — passive authentication: data-group hashes against EF.SOD, the SOD's CMS
 * signature, and the document signer's chain to a trusted CSCA (ICAO 9303 Part 11 §5.1)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The three findings are kept apart: a changed data group, a bad signature and an unknown or
 * expired CSCA are different answers, and none of them is a pass.
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <string.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-chip-crypto-private.h"
#include "ekyc-chip-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CMS_ContentInfo, CMS_ContentInfo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE, X509_STORE_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE_CTX, X509_STORE_CTX_free)

const char *
ekyc_chip_passive_result_name (EkycChipPassiveResult result)
{
  switch (result)
    {
    case EKYC_CHIP_PA_OK: return "ok";
    case EKYC_CHIP_PA_NOT_RUN: return "not-run";
    case EKYC_CHIP_PA_SOD_INVALID: return "sod-invalid";
    case EKYC_CHIP_PA_HASH_MISMATCH: return "hash-mismatch";
    case EKYC_CHIP_PA_HASH_MISSING: return "hash-missing";
    case EKYC_CHIP_PA_SIGNATURE_INVALID: return "signature-invalid";
    case EKYC_CHIP_PA_CSCA_MISSING: return "csca-missing";
    case EKYC_CHIP_PA_CSCA_UNKNOWN: return "csca-unknown";
    case EKYC_CHIP_PA_CSCA_EXPIRED: return "csca-expired";
    case EKYC_CHIP_PA_DS_EXPIRED: return "ds-expired";
    case EKYC_CHIP_PA_CHAIN_INVALID: return "chain-invalid";
    default: return "unknown";
    }
}

/* DER contents of the hash algorithm OIDs LDSSecurityObject uses. */
static const struct {
  const char  *name;
  const guint8 oid[9];
  guint        length;
} hash_oids[] = {
  { "SHA1",   { 0x2B, 0x0E, 0x03, 0x02, 0x1A }, 5 },
  { "SHA224", { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04 }, 9 },
  { "SHA256", { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 }, 9 },
  { "SHA384", { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 }, 9 },
  { "SHA512", { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 }, 9 },
};

typedef struct {
  const char  *hash;                 /* OpenSSL digest name */
  const guint8 *dg_hash[17];         /* index = DG number; points into the LDS object */
  gsize         dg_hash_length[17];
} LdsObject;

/* LDSSecurityObject ::= SEQUENCE { version, hashAlgorithm AlgorithmIdentifier,
 *   dataGroupHashValues SEQUENCE OF SEQUENCE { dataGroupNumber INTEGER, hashValue OCTET STRING },
 *   ldsVersionInfo OPTIONAL } */
static gboolean
parse_lds_object (const guint8 *data, gsize length, LdsObject *out)
{
  EkycTlvIter iter, hashes;
  EkycTlv root, version, algorithm, oid, list, entry;

  memset (out, 0, sizeof *out);
  if (!ekyc_tlv_expect (data, length, 0x30, &root, NULL))
    return FALSE;
  ekyc_tlv_iter_init (&iter, root.value, root.length);
  if (!ekyc_tlv_iter_next (&iter, &version, NULL) || version.tag != 0x02 ||
      !ekyc_tlv_iter_next (&iter, &algorithm, NULL) || algorithm.tag != 0x30 ||
      !ekyc_tlv_iter_next (&iter, &list, NULL) || list.tag != 0x30 ||
      !ekyc_tlv_expect (algorithm.value, algorithm.length, 0x06, &oid, NULL))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (hash_oids); i++)
    if (oid.length == hash_oids[i].length && memcmp (oid.value, hash_oids[i].oid, oid.length) == 0)
      out->hash = hash_oids[i].name;
  if (out->hash == NULL)
    return FALSE;
  ekyc_tlv_iter_init (&hashes, list.value, list.length);
  while (ekyc_tlv_iter_next (&hashes, &entry, NULL))
    {
      EkycTlv number, value;

      if (entry.tag != 0x30 ||
          !ekyc_tlv_expect (entry.value, entry.length, 0x02, &number, NULL) ||
          number.length != 1 || number.value[0] < 1 || number.value[0] > 16 ||
          !ekyc_tlv_expect (number.value + number.length,
                            entry.length - number.header_length - number.length, 0x04, &value,
                            NULL))
        return FALSE;
      out->dg_hash[number.value[0]] = value.value;
      out->dg_hash_length[number.value[0]] = value.length;
    }
  return hashes.offset == hashes.size;
}

static char *
one_line_name (const X509_NAME *name)
{
  char *text = X509_NAME_oneline (name, NULL, 0);
  char *copy = g_strdup (text != NULL ? text : "");

  OPENSSL_free (text);
  return copy;
}

static guint
load_certificates (X509_STORE *store, const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      BIO *bio;
      X509 *cert;
      gboolean any = FALSE;

      if (!g_file_get_contents (path, &contents, &length, NULL) || length > 1024 * 1024)
        continue;
      bio = BIO_new_mem_buf (contents, (int) length);
      while ((cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) != NULL)
        {
          n += X509_STORE_add_cert (store, cert) == 1;
          X509_free (cert);
          any = TRUE;
        }
      BIO_free (bio);
      if (!any)
        {
          const unsigned char *p = (const unsigned char *) contents;
          cert = d2i_X509 (NULL, &p, (long) length);
          if (cert != NULL)
            n += X509_STORE_add_cert (store, cert) == 1;
          X509_free (cert);
        }
    }
  ERR_clear_error ();
  return n;
}

static void
set_result (EkycChipPassive *pa, EkycChipPassiveResult result, char *detail)
{
  pa->result = result;
  g_free (pa->detail);
  pa->detail = detail;
}

static void
check_chain (EkycChipPassive *pa, X509 *ds, STACK_OF (X509) *extra, const char *trust_dir,
             gint64 verify_time)
{
  g_autoptr(X509_STORE) store = X509_STORE_new ();
  g_autoptr(X509_STORE_CTX) ctx = X509_STORE_CTX_new ();
  int err, depth;
  X509 *issuer;  /* the chain's top, when it verifies */

  if (trust_dir == NULL || load_certificates (store, trust_dir) == 0)
    {
      set_result (pa, EKYC_CHIP_PA_CSCA_MISSING,
                  trust_dir == NULL ? g_strdup ("no CSCA trust store configured")
                  : g_strdup_printf ("no CSCA certificate in %s", trust_dir));
      return;
    }
  X509_STORE_CTX_init (ctx, store, ds, extra);
  if (verify_time != 0)
    X509_STORE_CTX_set_time (ctx, 0, (time_t) verify_time);
  if (X509_verify_cert (ctx) == 1)
    {
      STACK_OF (X509) *chain = X509_STORE_CTX_get0_chain (ctx);

      pa->chain_ok = TRUE;
      issuer = sk_X509_value (chain, sk_X509_num (chain) - 1);
      pa->csca_subject = one_line_name (X509_get_subject_name (issuer));
      return;
    }
  err = X509_STORE_CTX_get_error (ctx);
  depth = X509_STORE_CTX_get_error_depth (ctx);
  switch (err)
    {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      set_result (pa, EKYC_CHIP_PA_CSCA_UNKNOWN,
                  g_strdup ("no trusted CSCA issued the document signer certificate"));
      return;
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      if (depth > 0 && X509_STORE_CTX_get_current_cert (ctx) != NULL)
        pa->csca_subject =
          one_line_name (X509_get_subject_name (X509_STORE_CTX_get_current_cert (ctx)));
      set_result (pa, depth > 0 ? EKYC_CHIP_PA_CSCA_EXPIRED : EKYC_CHIP_PA_DS_EXPIRED,
                  g_strdup_printf ("%s certificate %s", depth > 0 ? "CSCA" : "document signer",
                                   err == X509_V_ERR_CERT_HAS_EXPIRED ? "has expired"
                                   : "is not yet valid"));
      return;
    default:
      set_result (pa, EKYC_CHIP_PA_CHAIN_INVALID,
                  g_strdup_printf ("certificate chain: %s (depth %d)",
                                   X509_verify_cert_error_string (err), depth));
      return;
    }
}

/* The signer's certificate among the CMS certificates, whether or not the signature holds. */
static X509 *
find_signer (CMS_ContentInfo *cms, STACK_OF (X509) *certs)
{
  STACK_OF (CMS_SignerInfo) *infos = CMS_get0_SignerInfos (cms);

  if (infos == NULL || sk_CMS_SignerInfo_num (infos) < 1 || certs == NULL)
    return NULL;
  for (int i = 0; i < sk_X509_num (certs); i++)
    if (CMS_SignerInfo_cert_cmp (sk_CMS_SignerInfo_value (infos, 0), sk_X509_value (certs, i)) == 0)
      return sk_X509_value (certs, i);
  return NULL;
}

void
ekyc_chip_verify_passive (EkycChipDocument *document, const char *trust_dir, gint64 verify_time)
{
  EkycChipPassive *pa;
  g_autoptr(CMS_ContentInfo) cms = NULL;
  STACK_OF (X509) *certs = NULL;
  ASN1_OCTET_STRING **content;
  const guint8 *p;
  EkycTlv sod;
  LdsObject lds;
  X509 *ds;
  BIO *sink;

  g_return_if_fail (document != NULL);

  pa = &document->passive;
  g_clear_pointer (&pa->detail, g_free);
  g_clear_pointer (&pa->hash_algorithm, g_free);
  g_clear_pointer (&pa->signer_subject, g_free);
  g_clear_pointer (&pa->csca_subject, g_free);
  memset (pa, 0, sizeof *pa);

  if (document->files[EKYC_CHIP_FILE_SOD] == NULL)
    {
      set_result (pa, EKYC_CHIP_PA_SOD_INVALID, g_strdup ("the chip has no EF.SOD"));
      return;
    }
  p = g_bytes_get_data (document->files[EKYC_CHIP_FILE_SOD], NULL);
  if (!ekyc_tlv_expect (p, g_bytes_get_size (document->files[EKYC_CHIP_FILE_SOD]), 0x77, &sod,
                        NULL))
    {
      set_result (pa, EKYC_CHIP_PA_SOD_INVALID, g_strdup ("EF.SOD is not a tag-77 object"));
      return;
    }
  p = sod.value;
  cms = d2i_CMS_ContentInfo (NULL, &p, (long) sod.length);
  if (cms == NULL || OBJ_obj2nid (CMS_get0_type (cms)) != NID_pkcs7_signed ||
      (content = CMS_get0_content (cms)) == NULL || *content == NULL ||
      !parse_lds_object (ASN1_STRING_get0_data (*content), (gsize) ASN1_STRING_length (*content),
                         &lds))
    {
      ERR_clear_error ();
      set_result (pa, EKYC_CHIP_PA_SOD_INVALID,
                  g_strdup ("EF.SOD is not a CMS SignedData holding an LDS security object"));
      return;
    }
  pa->hash_algorithm = g_strdup (lds.hash);

  /* 1. Every data group read has the SOD's hash. */
  pa->hashes_ok = TRUE;
  for (int dg = 1; dg <= 16; dg++)
    {
      GBytes *file = document->files[EKYC_CHIP_FILE_DG (dg)];
      guint8 digest[64];
      guint n;

      if (file == NULL)
        continue;
      n = _ekyc_chip_digest (lds.hash, g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                             digest);
      if (lds.dg_hash[dg] == NULL)
        {
          pa->hashes_ok = FALSE;
          if (pa->mismatched_dg == 0)
            {
              pa->mismatched_dg = dg;
              set_result (pa, EKYC_CHIP_PA_HASH_MISSING,
                          g_strdup_printf ("DG%d has no hash in EF.SOD", dg));
            }
        }
      else if (n == 0 || n != lds.dg_hash_length[dg] ||
               !_ekyc_chip_equal (digest, lds.dg_hash[dg], n))
        {
          pa->hashes_ok = FALSE;
          if (pa->mismatched_dg == 0 || pa->result != EKYC_CHIP_PA_HASH_MISMATCH)
            {
              pa->mismatched_dg = dg;
              set_result (pa, EKYC_CHIP_PA_HASH_MISMATCH,
                          g_strdup_printf ("DG%d does not match its %s hash in EF.SOD", dg,
                                           lds.hash));
            }
        }
      else
        pa->hashes_checked++;
    }

  /* 2. The SOD's signature under the document signer certificate it carries. */
  certs = CMS_get1_certs (cms);
  ds = find_signer (cms, certs);
  if (ds != NULL)
    pa->signer_subject = one_line_name (X509_get_subject_name (ds));
  sink = BIO_new (BIO_s_null ());
  pa->signature_ok = ds != NULL &&
    CMS_verify (cms, NULL, NULL, NULL, sink, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;
  BIO_free (sink);
  ERR_clear_error ();

  /* 3. The document signer certificate chains to a trusted CSCA. */
  if (ds != NULL)
    {
      EkycChipPassive chain = { .result = EKYC_CHIP_PA_OK };

      check_chain (&chain, ds, NULL, trust_dir, verify_time);
      pa->chain_ok = chain.chain_ok;
      pa->csca_subject = chain.csca_subject;
      if (pa->hashes_ok && pa->signature_ok)
        set_result (pa, chain.result, chain.detail);
      else
        g_free (chain.detail);
    }
  sk_X509_pop_free (certs, X509_free);

  if (!pa->hashes_ok)
    return;
  if (!pa->signature_ok)
    {
      set_result (pa, EKYC_CHIP_PA_SIGNATURE_INVALID,
                  g_strdup (ds == NULL ? "EF.SOD carries no document signer certificate"
                            : "the EF.SOD signature does not verify under its document signer "
                              "certificate"));
      return;
    }
  if (pa->chain_ok)
    set_result (pa, EKYC_CHIP_PA_OK,
                g_strdup_printf ("%u data group hashes match; signature and chain to the CSCA "
                                 "verify", pa->hashes_checked));
}
