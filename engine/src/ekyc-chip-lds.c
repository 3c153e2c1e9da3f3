/* ekyc-chip-lds.c — the LDS data groups: EF.COM, DG1 (MRZ), DG2 (portrait), DG13 (CCCD data)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * DG13 is the Vietnamese card's own data group; its layout (docs/chip-dg13.md) is a list of
 * SEQUENCEs, each an INTEGER field number followed by the field's strings. The parser walks
 * it by field number rather than by position, so a chip that leaves fields out, reorders them
 * or adds new ones still reads.
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-chip-private.h"
#include "ekyc-i18n-private.h"

gboolean
_ekyc_chip_data_error (GError **error, const char *file, const char *what)
{
  _ekyc_i18n_init ();
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_DATA_INVALID,
               _("The chip's %s is malformed (%s)."), file, what);
  return FALSE;
}

/* ---- EF.COM -------------------------------------------------------------------------------- */

/* The data-group tags of EF.COM's tag list (ICAO 9303 Part 10 Table 34). */
static int
dg_for_tag (guint8 tag)
{
  static const guint8 tags[16] = { 0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
                                   0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70 };

  for (int i = 0; i < 16; i++)
    if (tags[i] == tag)
      return i + 1;
  return 0;
}

gboolean
_ekyc_chip_parse_com (const guint8 *data, gsize length, char **lds_version, guint32 *present,
                      GError **error)
{
  EkycTlv root, tlv;
  GError *local = NULL;

  *present = 0;
  if (!ekyc_tlv_expect (data, length, 0x60, &root, &local))
    {
      _ekyc_chip_data_error (error, "EF.COM", local->message);
      g_error_free (local);
      return FALSE;
    }
  if (ekyc_tlv_find (&root, 0x5F01, &tlv, NULL) && tlv.length <= 8)
    *lds_version = g_strndup ((const char *) tlv.value, tlv.length);
  if (ekyc_tlv_find (&root, 0x5C, &tlv, NULL))
    for (gsize i = 0; i < tlv.length; i++)
      {
        int dg = dg_for_tag (tlv.value[i]);
        if (dg > 0)
          *present |= 1u << dg;
      }
  return TRUE;
}

/* ---- DG1 ----------------------------------------------------------------------------------- */

EkycMrz *
_ekyc_chip_parse_dg1 (const guint8 *data, gsize length, GError **error)
{
  EkycTlv root, mrz;
  GError *local = NULL;
  char lines[3][45];
  const char *line_ptrs[3] = { lines[0], lines[1], lines[2] };
  guint n_lines, width;

  if (!ekyc_tlv_expect (data, length, 0x61, &root, &local) ||
      !ekyc_tlv_find (&root, 0x5F1F, &mrz, &local))
    {
      _ekyc_chip_data_error (error, "DG1", local != NULL ? local->message : "no MRZ");
      g_clear_error (&local);
      return NULL;
    }
  switch (mrz.length)
    {
    case 90: n_lines = 3, width = 30; break;
    case 72: n_lines = 2, width = 36; break;
    case 88: n_lines = 2, width = 44; break;
    default:
      _ekyc_chip_data_error (error, "DG1", "MRZ of an unknown length");
      return NULL;
    }
  for (guint i = 0; i < n_lines; i++)
    {
      memcpy (lines[i], mrz.value + i * width, width);
      lines[i][width] = '\0';
      if (strlen (lines[i]) != width)
        {
          _ekyc_chip_data_error (error, "DG1", "NUL inside the MRZ");
          return NULL;
        }
    }
  return ekyc_mrz_parse (line_ptrs, n_lines, error);
}

/* ---- DG14 ---------------------------------------------------------------------------------- */

/* DG14 (tag 6E) holds a SET of SecurityInfos; ChipAuthenticationInfo has an OID under
 * id-CA = 0.4.0.127.0.7.2.2.3 (ICAO 9303 Part 11 §9.2.5). */
char *
_ekyc_chip_describe_dg14 (const guint8 *data, gsize length)
{
  static const guint8 id_ca[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03 };
  static const char *const ciphers[] = { NULL, "3DES-CBC-CBC", "AES-CBC-CMAC-128",
                                          "AES-CBC-CMAC-192", "AES-CBC-CMAC-256" };
  EkycTlv root, set, info, oid;
  EkycTlvIter iter;

  if (!ekyc_tlv_expect (data, length, 0x6E, &root, NULL) ||
      !ekyc_tlv_expect (root.value, root.length, 0x31, &set, NULL))
    return g_strdup ("DG14 is malformed");
  ekyc_tlv_iter_init (&iter, set.value, set.length);
  while (ekyc_tlv_iter_next (&iter, &info, NULL))
    if (info.tag == 0x30 && ekyc_tlv_expect (info.value, info.length, 0x06, &oid, NULL) &&
        oid.length == sizeof id_ca + 2 && memcmp (oid.value, id_ca, sizeof id_ca) == 0 &&
        (oid.value[8] == 1 || oid.value[8] == 2) && oid.value[9] >= 1 && oid.value[9] <= 4)
      return g_strdup_printf ("id-CA-%s-%s offered, not performed",
                              oid.value[8] == 1 ? "DH" : "ECDH", ciphers[oid.value[9]]);
  return g_strdup ("DG14 offers no chip authentication");
}

/* ---- DG2 ----------------------------------------------------------------------------------- */

static const guint8 jpeg_magic[] = { 0xFF, 0xD8, 0xFF };
static const guint8 jp2_magic[] = { 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20 };
static const guint8 j2k_magic[] = { 0xFF, 0x4F, 0xFF, 0x51 };

static EkycChipImageFormat
sniff_image (const guint8 *data, gsize length)
{
  if (length >= sizeof jpeg_magic && memcmp (data, jpeg_magic, sizeof jpeg_magic) == 0)
    return EKYC_CHIP_IMAGE_JPEG;
  if ((length >= sizeof jp2_magic && memcmp (data, jp2_magic, sizeof jp2_magic) == 0) ||
      (length >= sizeof j2k_magic && memcmp (data, j2k_magic, sizeof j2k_magic) == 0))
    return EKYC_CHIP_IMAGE_JPEG2000;
  return EKYC_CHIP_IMAGE_UNKNOWN;
}

static guint32
be (const guint8 *p, guint n)
{
  guint32 v = 0;

  for (guint i = 0; i < n; i++)
    v = v << 8 | p[i];
  return v;
}

/* ISO/IEC 19794-5:2005 facial record: "FAC\0", version, record length, image count; then per
 * image a 20-byte information block, 8 bytes per feature point, a 12-byte image information
 * block and the image. */
static gboolean
parse_iso19794_5 (const guint8 *p, gsize n, EkycChipPortrait *portrait)
{
  gsize pos = 14, block_length, points, image_offset;

  if (n < 14 + 20 + 12 || memcmp (p, "FAC\0", 4) != 0)
    return FALSE;
  if (be (p + 12, 2) == 0)
    return FALSE;
  block_length = be (p + pos, 4);
  points = be (p + pos + 4, 2);
  image_offset = pos + 20 + points * 8;
  if (block_length > n - pos || image_offset + 12 > n || image_offset + 12 > pos + block_length)
    return FALSE;
  portrait->width = (int) be (p + image_offset + 2, 2);
  portrait->height = (int) be (p + image_offset + 4, 2);
  image_offset += 12;
  portrait->format = sniff_image (p + image_offset, pos + block_length - image_offset);
  if (portrait->format == EKYC_CHIP_IMAGE_UNKNOWN)
    return FALSE;
  portrait->image = g_bytes_new (p + image_offset, pos + block_length - image_offset);
  return TRUE;
}

/* Depth-first search for the biometric data block (5F2E or 7F2E). */
static gboolean
find_bdb (const guint8 *data, gsize length, guint depth, EkycTlv *out)
{
  EkycTlvIter iter;
  EkycTlv tlv;

  if (depth > 6)
    return FALSE;
  ekyc_tlv_iter_init (&iter, data, length);
  while (ekyc_tlv_iter_next (&iter, &tlv, NULL))
    {
      if (tlv.tag == 0x5F2E || tlv.tag == 0x7F2E)
        {
          *out = tlv;
          return TRUE;
        }
      if (tlv.constructed && find_bdb (tlv.value, tlv.length, depth + 1, out))
        return TRUE;
    }
  return FALSE;
}

gboolean
ekyc_chip_parse_dg2 (const guint8 *data, gsize length, EkycChipPortrait *portrait,
                     GError **error)
{
  EkycTlv root, bdb;
  GError *local = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (portrait != NULL, FALSE);

  memset (portrait, 0, sizeof *portrait);
  if (!ekyc_tlv_expect (data, length, 0x75, &root, &local))
    {
      _ekyc_chip_data_error (error, "DG2", local->message);
      g_error_free (local);
      return FALSE;
    }
  if (!find_bdb (root.value, root.length, 0, &bdb))
    return _ekyc_chip_data_error (error, "DG2", "no biometric data block");
  if (parse_iso19794_5 (bdb.value, bdb.length, portrait))
    return TRUE;
  /* Another record format (ISO 39794-5, vendor headers): the first image signature inside. */
  for (gsize i = 0; i + 8 <= bdb.length; i++)
    {
      EkycChipImageFormat format = sniff_image (bdb.value + i, bdb.length - i);

      if (format != EKYC_CHIP_IMAGE_UNKNOWN)
        {
          portrait->format = format;
          portrait->image = g_bytes_new (bdb.value + i, bdb.length - i);
          return TRUE;
        }
    }
  return _ekyc_chip_data_error (error, "DG2", "no JPEG or JPEG 2000 image");
}

/* ---- DG13 ---------------------------------------------------------------------------------- */

#define DG13_MAX_DEPTH 8

static gboolean
is_string_tag (guint32 tag)
{
  /* UTF8String, NumericString, PrintableString, T61String, IA5String, VisibleString,
   * BMPString is skipped (none seen on the card). */
  return tag == 0x0C || tag == 0x12 || tag == 0x13 || tag == 0x14 || tag == 0x16 || tag == 0x1A;
}

/* The field number of a SEQUENCE that starts with a small INTEGER, or 0. */
static int
field_number (const EkycTlv *seq)
{
  EkycTlv first;

  if (seq->tag != 0x30 || !ekyc_tlv_read (seq->value, seq->length, &first, NULL))
    return 0;
  if (first.tag != 0x02 || first.length != 1 || first.value[0] == 0 || first.value[0] > 64)
    return 0;
  return first.value[0];
}

static gboolean
collect_strings (const guint8 *data, gsize length, guint depth, GPtrArray *out, GError **error)
{
  EkycTlvIter iter;
  EkycTlv tlv;

  if (depth > DG13_MAX_DEPTH)
    return _ekyc_chip_data_error (error, "DG13", "nested too deep");
  ekyc_tlv_iter_init (&iter, data, length);
  while (ekyc_tlv_iter_next (&iter, &tlv, error))
    {
      if (is_string_tag (tlv.tag))
        {
          g_autofree char *valid = g_utf8_make_valid ((const char *) tlv.value,
                                                      (gssize) tlv.length);
          char *nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);

          g_ptr_array_add (out, g_strstrip (nfc != NULL ? nfc : g_strdup ("")));
        }
      else if (tlv.constructed && field_number (&tlv) == 0 &&
               !collect_strings (tlv.value, tlv.length, depth + 1, out, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static char *
iso_from_ddmmyyyy (const char *text)
{
  int d, m, y;

  if (text == NULL || strlen (text) != 10 || text[2] != '/' || text[5] != '/')
    return NULL;
  for (int i = 0; i < 10; i++)
    if (i != 2 && i != 5 && !g_ascii_isdigit (text[i]))
      return NULL;
  d = atoi (text), m = atoi (text + 3), y = atoi (text + 6);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

static void
take_field (EkycChipVnData *vn, int number, GPtrArray *strings)
{
  char **slot = NULL;

  if (strings->len == 0)
    return;
  switch (number)
    {
    case 1: slot = &vn->id_number; break;
    case 2: slot = &vn->full_name; break;
    case 3: slot = &vn->date_of_birth; break;
    case 4: slot = &vn->sex; break;
    case 5: slot = &vn->nationality; break;
    case 6: slot = &vn->ethnicity; break;
    case 7: slot = &vn->religion; break;
    case 8: slot = &vn->place_of_origin; break;
    case 9: slot = &vn->place_of_residence; break;
    case 10: slot = &vn->identifying_marks; break;
    case 11: slot = &vn->issue_date; break;
    case 12: slot = &vn->expiry_date; break;
    case 13:
      if (vn->father_name == NULL)
        vn->father_name = g_strdup (g_ptr_array_index (strings, 0));
      if (strings->len > 1 && vn->mother_name == NULL)
        vn->mother_name = g_strdup (g_ptr_array_index (strings, 1));
      return;
    case 14: slot = &vn->spouse_name; break;
    case 15: slot = &vn->old_id_number; break;
    default: return;  /* 16 and beyond: not documented well enough to name (docs/chip-dg13.md) */
    }
  if (*slot == NULL)
    *slot = g_strdup (g_ptr_array_index (strings, 0));
}

static gboolean
walk_dg13 (const guint8 *data, gsize length, guint depth, EkycChipVnData *vn, guint *n_fields,
           GError **error)
{
  EkycTlvIter iter;
  EkycTlv tlv;

  if (depth > DG13_MAX_DEPTH)
    return _ekyc_chip_data_error (error, "DG13", "nested too deep");
  ekyc_tlv_iter_init (&iter, data, length);
  while (ekyc_tlv_iter_next (&iter, &tlv, error))
    {
      int number = field_number (&tlv);

      if (number > 0)
        {
          g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
          EkycTlv first;

          g_assert (ekyc_tlv_read (tlv.value, tlv.length, &first, NULL));
          if (!collect_strings (tlv.value + first.header_length + first.length,
                                tlv.length - first.header_length - first.length, depth + 1,
                                strings, error))
            return FALSE;
          take_field (vn, number, strings);
          (*n_fields)++;
        }
      else if (tlv.constructed && !walk_dg13 (tlv.value, tlv.length, depth + 1, vn, n_fields,
                                              error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

EkycChipVnData *
ekyc_chip_parse_dg13 (const guint8 *data, gsize length, GError **error)
{
  g_autoptr(EkycChipVnData) vn = NULL;
  GError *local = NULL;
  EkycTlv root;
  guint n_fields = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!ekyc_tlv_expect (data, length, 0x6D, &root, &local))
    {
      _ekyc_chip_data_error (error, "DG13", local->message);
      g_error_free (local);
      return NULL;
    }
  vn = g_new0 (EkycChipVnData, 1);
  if (!walk_dg13 (root.value, root.length, 0, vn, &n_fields, &local))
    {
      _ekyc_chip_data_error (error, "DG13", local->message);
      g_error_free (local);
      return NULL;
    }
  if (n_fields == 0)
    {
      _ekyc_chip_data_error (error, "DG13", "no numbered field");
      return NULL;
    }
  vn->date_of_birth_iso = iso_from_ddmmyyyy (vn->date_of_birth);
  vn->issue_date_iso = iso_from_ddmmyyyy (vn->issue_date);
  vn->expiry_date_iso = iso_from_ddmmyyyy (vn->expiry_date);
  return g_steal_pointer (&vn);
}

void
ekyc_chip_vn_data_free (EkycChipVnData *vn)
{
  if (vn == NULL)
    return;
  g_free (vn->id_number);
  g_free (vn->full_name);
  g_free (vn->date_of_birth);
  g_free (vn->sex);
  g_free (vn->nationality);
  g_free (vn->ethnicity);
  g_free (vn->religion);
  g_free (vn->place_of_origin);
  g_free (vn->place_of_residence);
  g_free (vn->identifying_marks);
  g_free (vn->issue_date);
  g_free (vn->expiry_date);
  g_free (vn->father_name);
  g_free (vn->mother_name);
  g_free (vn->spouse_name);
  g_free (vn->old_id_number);
  g_free (vn->date_of_birth_iso);
  g_free (vn->issue_date_iso);
  g_free (vn->expiry_date_iso);
  g_free (vn);
}
