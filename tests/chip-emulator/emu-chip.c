/* emu-chip.c — an ICAO 9303 chip (see emu-chip.h): its files, the plain commands and BAC.
 * References: ISO/IEC 7816-4 (APDU cases, SELECT, READ BINARY, status words), ICAO 9303 Part 10
 * (file identifiers, short EF identifiers) and Part 11 (BAC: 4.3 and 9.7). Secure messaging is
 * in emu-sm.c, PACE in emu-pace.c, active authentication in emu-aa.c.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "emu-chip-private.h"

#include <string.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

static const guint8 emrtd_aid[] = { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };

/* ---------------------------------------------------------------------------------------- */
/* Loading */

static void
add_file (EmuChip *chip, const char *dir, const char *name, guint16 fid, guint8 sfi,
          gboolean in_master_file)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;
  gsize length = 0;
  EmuFile file = { fid, sfi, in_master_file, NULL };

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  file.content = g_bytes_new_take (contents, length);
  g_array_append_val (chip->files, file);
}

gboolean
emu_read_tlv (const guint8 **pos, const guint8 *end, guint *tag, const guint8 **value, gsize *len)
{
  const guint8 *p = *pos;
  gsize n = 0;

  if (p >= end)
    return FALSE;
  *tag = *p++;
  if ((*tag & 0x1F) == 0x1F)
    {
      if (p >= end)
        return FALSE;
      *tag = (*tag << 8) | *p++;
    }
  if (p >= end)
    return FALSE;
  if (*p < 0x80)
    n = *p++;
  else if (*p == 0x81 || *p == 0x82)
    {
      guint count = *p++ & 0x7F;

      if ((gsize) (end - p) < count)
        return FALSE;
      for (guint i = 0; i < count; i++)
        n = (n << 8) | *p++;
    }
  else
    return FALSE;
  if ((gsize) (end - p) < n)
    return FALSE;
  *value = p;
  *len = n;
  *pos = p + n;
  return TRUE;
}

void
emu_append_tlv (GByteArray *out, guint tag, const guint8 *value, gsize len)
{
  guint8 head[5];
  guint n = 0;

  if (tag > 0xFF)
    head[n++] = tag >> 8;
  head[n++] = tag & 0xFF;

  if (len < 0x80)
    head[n++] = len;
  else if (len < 0x100)
    {
      head[n++] = 0x81;
      head[n++] = len;
    }
  else
    {
      head[n++] = 0x82;
      head[n++] = len >> 8;
      head[n++] = len;
    }
  g_byte_array_append (out, head, n);
  g_byte_array_append (out, value, len);
}

static gboolean
bac_keys_from_dg1 (EmuChip *chip, GError **error)
{
  const EmuFile *dg1 = NULL;
  const guint8 *pos, *end, *app, *mrz;
  gsize app_len, mrz_len, size;
  guint tag;
  /* offsets of document number, date of birth, date of expiry (each followed by its digit) */
  gsize doc, birth, expiry;
  GString *info;
  guint8 digest[SHA_DIGEST_LENGTH];

  for (guint i = 0; i < chip->files->len; i++)
    if (g_array_index (chip->files, EmuFile, i).fid == 0x0101)
      dg1 = &g_array_index (chip->files, EmuFile, i);
  if (dg1 == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no DG1: the chip needs its MRZ");
      return FALSE;
    }
  pos = g_bytes_get_data (dg1->content, &size);
  end = pos + size;
  if (!emu_read_tlv (&pos, end, &tag, &app, &app_len) || tag != 0x61
      || (pos = app, !emu_read_tlv (&pos, app + app_len, &tag, &mrz, &mrz_len)) || tag != 0x5F1F)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "DG1 is not 61 { 5F1F MRZ }");
      return FALSE;
    }
  /* ICAO 9303 Parts 4–6: TD3 (2 × 44), TD2 (2 × 36), TD1 (3 × 30) */
  if (mrz_len == 88)
    doc = 44, birth = 57, expiry = 65;
  else if (mrz_len == 72)
    doc = 36, birth = 49, expiry = 57;
  else if (mrz_len == 90)
    doc = 5, birth = 30, expiry = 38;
  else
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "DG1's MRZ has %zu characters",
                   mrz_len);
      return FALSE;
    }
  /* 9303-11 9.7.1: MRZ_information = document number ‖ check digit ‖ birth ‖ check digit ‖
   * expiry ‖ check digit; the key seed is the first 16 bytes of its SHA-1. */
  info = g_string_new_len ((const char *) mrz + doc, 10);
  g_string_append_len (info, (const char *) mrz + birth, 7);
  g_string_append_len (info, (const char *) mrz + expiry, 7);
  SHA1 ((const guint8 *) info->str, info->len, digest);
  g_string_free (info, TRUE);
  memcpy (chip->mrz_hash, digest, sizeof chip->mrz_hash);
  emu_derive_key (digest, 1, chip->kenc);
  emu_derive_key (digest, 2, chip->kmac);
  return TRUE;
}

/* A private key the chip keeps (never readable): aa-key.pem for active authentication (DG15),
 * ca-key.pem for chip authentication (DG14). */
static gboolean
load_private_key (const char *dir, const char *name, EVP_PKEY **key, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *pem = NULL;
  gsize length;
  BIO *bio;

  if (!g_file_get_contents (path, &pem, &length, NULL))
    return TRUE;
  bio = BIO_new_mem_buf (pem, (int) length);
  *key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  BIO_free (bio);
  if (*key == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is not a PEM private key", path);
      return FALSE;
    }
  return TRUE;
}

EmuChip *
emu_chip_new (const char *dir, GError **error)
{
  g_autoptr(EmuChip) chip = g_new0 (EmuChip, 1);

  chip->files = g_array_new (FALSE, TRUE, sizeof (EmuFile));
  /* ICAO 9303 Part 10, table 39 and section 3.11 */
  add_file (chip, dir, "EF.CardAccess", 0x011C, 0x1C, TRUE);
  add_file (chip, dir, "EF.COM", 0x011E, 0x1E, FALSE);
  add_file (chip, dir, "EF.SOD", 0x011D, 0x1D, FALSE);
  for (guint n = 1; n <= 16; n++)
    {
      g_autofree char *name = g_strdup_printf ("DG%u", n);

      add_file (chip, dir, name, 0x0100 + n, n, FALSE);
    }
  if (!bac_keys_from_dg1 (chip, error))
    return NULL;
  chip->pace_infos = g_array_new (FALSE, TRUE, sizeof (EmuPaceInfo));
  for (guint i = 0; i < chip->files->len; i++)
    if (g_array_index (chip->files, EmuFile, i).fid == 0x011C)
      emu_pace_load_infos (chip, g_array_index (chip->files, EmuFile, i).content);
  if (!load_private_key (dir, "aa-key.pem", &chip->aa_key, error)
      || !load_private_key (dir, "ca-key.pem", &chip->ca_key, error))
    return NULL;
  emu_chip_reset (chip);
  return g_steal_pointer (&chip);
}

void
emu_chip_free (EmuChip *chip)
{
  if (chip == NULL)
    return;
  for (guint i = 0; i < chip->files->len; i++)
    g_bytes_unref (g_array_index (chip->files, EmuFile, i).content);
  g_array_free (chip->files, TRUE);
  g_clear_pointer (&chip->pace_infos, g_array_unref);
  g_clear_pointer (&chip->pace, emu_pace_free);
  EVP_PKEY_free (chip->aa_key);
  EVP_PKEY_free (chip->ca_key);
  g_free (chip);
}

void
emu_chip_set_refuse_pace (EmuChip *chip, gboolean refuse)
{
  chip->refuse_pace = refuse;
}

void
emu_chip_set_not_icao (EmuChip *chip, gboolean not_icao)
{
  chip->not_icao = not_icao;
}

void
emu_chip_drop_session (EmuChip *chip)
{
  chip->application_selected = FALSE;
  chip->current = -1;
  chip->challenge_issued = FALSE;
  chip->authenticated = FALSE;
  memset (&chip->sm, 0, sizeof chip->sm);
  memset (&chip->next_sm, 0, sizeof chip->next_sm);
  chip->sm_switch_pending = FALSE;
  chip->ca_key_length = 0;
  g_clear_pointer (&chip->pace, emu_pace_free);
}

void
emu_chip_reset (EmuChip *chip)
{
  emu_chip_drop_session (chip);
}

guint
emu_chip_reads (EmuChip *chip)
{
  return chip->reads;
}

/* ---------------------------------------------------------------------------------------- */
/* Plain commands */

static void
put_sw (GByteArray *out, guint sw)
{
  guint8 b[2] = { sw >> 8, sw & 0xFF };

  g_byte_array_append (out, b, 2);
}

/* The file that FID (or SFI when FID is 0) names where the chip stands now, or -1. */
static int
find_file (EmuChip *chip, guint16 fid, guint8 sfi)
{
  for (guint i = 0; i < chip->files->len; i++)
    {
      const EmuFile *f = &g_array_index (chip->files, EmuFile, i);

      if (f->in_master_file == chip->application_selected)
        continue;
      if ((fid != 0 && f->fid == fid) || (fid == 0 && f->sfi == sfi))
        return (int) i;
    }
  return -1;
}

static guint
select_file (EmuChip *chip, const Command *c)
{
  if (c->p1 == 0x04)
    {
      if (c->lc == sizeof emrtd_aid && memcmp (c->data, emrtd_aid, sizeof emrtd_aid) == 0)
        {
          chip->application_selected = TRUE;
          chip->current = -1;
          return SW_OK;
        }
      return SW_NOT_FOUND;
    }
  if (c->p1 == 0x00 || c->p1 == 0x02)
    {
      guint16 fid;
      int index;

      if (c->p1 == 0x00 && c->lc == 0)
        fid = 0x3F00;
      else if (c->lc != 2)
        return SW_WRONG_LENGTH;
      else
        fid = (c->data[0] << 8) | c->data[1];
      if (fid == 0x3F00 && c->p1 == 0x00)
        {
          chip->application_selected = FALSE;
          chip->current = -1;
          return SW_OK;
        }
      index = find_file (chip, fid, 0);
      if (index < 0)
        return SW_NOT_FOUND;
      chip->current = index;
      return SW_OK;
    }
  return SW_WRONG_P1P2;
}

static guint
read_binary (EmuChip *chip, const Command *c, GByteArray *out)
{
  const EmuFile *file;
  const guint8 *content;
  gsize size, offset, n;

  if (c->p1 & 0x80)
    {
      int index;

      if (c->p1 & 0x60)
        return SW_WRONG_P1P2;
      index = find_file (chip, 0, c->p1 & 0x1F);
      if (index < 0)
        return SW_NOT_FOUND;
      chip->current = index;
      offset = c->p2;
    }
  else
    offset = ((gsize) c->p1 << 8) | c->p2;
  if (chip->current < 0)
    return SW_NO_CURRENT_EF;
  file = &g_array_index (chip->files, EmuFile, chip->current);
  if (!file->in_master_file && !chip->authenticated)
    return SW_NOT_ALLOWED;
  if (c->ne == 0)
    return SW_WRONG_LENGTH;
  content = g_bytes_get_data (file->content, &size);
  if (offset >= size)
    return SW_OUT_OF_FILE;
  n = MIN (c->ne, size - offset);
  g_byte_array_append (out, content + offset, n);
  if (chip->authenticated)
    chip->reads++;
  return n < c->ne && !c->le_is_max ? SW_END_OF_FILE : SW_OK;
}

static guint
get_challenge (EmuChip *chip, const Command *c, GByteArray *out)
{
  if (c->p1 != 0 || c->p2 != 0)
    return SW_WRONG_P1P2;
  if (c->ne != 8)
    return SW_WRONG_LENGTH;
  if (RAND_bytes (chip->rnd_ic, 8) != 1)
    return 0x6F00;
  chip->challenge_issued = TRUE;
  g_byte_array_append (out, chip->rnd_ic, 8);
  return SW_OK;
}

/* 9303-11 4.3 and 9.7: MUTUAL AUTHENTICATE with E.IFD ‖ M.IFD. */
static guint
mutual_authenticate (EmuChip *chip, const Command *c, GByteArray *out)
{
  guint8 mac[8], plain[32], response[32], k_ic[16], seed[20], e_ic[32], m_ic[8];
  g_autoptr(GByteArray) padded = g_byte_array_new ();

  if (c->p1 != 0 || c->p2 != 0)
    return SW_WRONG_P1P2;
  if (c->lc != 40)
    return SW_WRONG_LENGTH;
  if (!chip->challenge_issued)
    return SW_NO_CHALLENGE;
  chip->challenge_issued = FALSE;
  g_byte_array_append (padded, c->data, 32);
  emu_pad (padded, 8);
  if (!emu_retail_mac (chip->kmac, padded->data, padded->len, mac)
      || CRYPTO_memcmp (mac, c->data + 32, 8) != 0)
    return SW_WRONG_KEY;
  if (!emu_des3_cbc (chip->kenc, FALSE, c->data, 32, plain)
      || CRYPTO_memcmp (plain + 8, chip->rnd_ic, 8) != 0)
    return SW_WRONG_KEY;
  if (RAND_bytes (k_ic, 16) != 1)
    return 0x6F00;
  /* R = RND.IC ‖ RND.IFD ‖ K.IC */
  memcpy (response, chip->rnd_ic, 8);
  memcpy (response + 8, plain, 8);
  memcpy (response + 16, k_ic, 16);
  g_byte_array_set_size (padded, 0);
  if (!emu_des3_cbc (chip->kenc, TRUE, response, 32, e_ic))
    return 0x6F00;
  g_byte_array_append (padded, e_ic, 32);
  emu_pad (padded, 8);
  if (!emu_retail_mac (chip->kmac, padded->data, padded->len, m_ic))
    return 0x6F00;
  g_byte_array_append (out, e_ic, 32);
  g_byte_array_append (out, m_ic, 8);
  /* K.seed = K.IFD ⊕ K.IC; SSC = RND.IC[4..7] ‖ RND.IFD[4..7] */
  for (guint i = 0; i < 16; i++)
    seed[i] = plain[16 + i] ^ k_ic[i];
  memset (&chip->sm, 0, sizeof chip->sm);
  chip->sm.key_length = 16;
  emu_derive_key (seed, 1, chip->sm.kenc);
  emu_derive_key (seed, 2, chip->sm.kmac);
  memcpy (chip->sm.ssc, chip->rnd_ic + 4, 4);
  memcpy (chip->sm.ssc + 4, plain + 4, 4);
  chip->authenticated = TRUE;
  return SW_OK;
}

guint
emu_chip_execute (EmuChip *chip, const Command *c, GByteArray *out)
{
  /* CLA: b5 command chaining (ISO/IEC 7816-4 5.4.1), b4–b3 secure messaging */
  if ((c->cla & ~0x1C) != 0x00)
    return SW_WRONG_CLA;
  if ((c->cla & 0x10) && c->ins != 0x86)
    return SW_NO_CHAINING;
  /* a PACE run is over as soon as anything else comes between its steps */
  if (chip->pace != NULL && c->ins != 0x86)
    g_clear_pointer (&chip->pace, emu_pace_free);
  if (chip->ca_key_length != 0 && c->ins != 0x86)
    chip->ca_key_length = 0;
  if (chip->not_icao)
    {
      if (c->ins == 0xA4 && c->p1 == 0x00 && c->lc == 0)
        return SW_OK;  /* the master file */
      return c->ins == 0xA4 || c->ins == 0xB0 ? SW_NOT_FOUND : SW_WRONG_INS;
    }
  switch (c->ins)
    {
    case 0x22:
      if (c->p1 == 0x41 && c->p2 == 0xA6)
        return emu_ca_set_kat (chip, c);
      if (c->p1 == 0x41 && c->p2 == 0xA4)
        return emu_ca_set_at (chip, c);
      return emu_pace_set_at (chip, c);
    case 0x86:
      if (chip->ca_key_length != 0)
        return emu_ca_general_authenticate (chip, c, out);
      return emu_pace_general_authenticate (chip, c, out);
    case 0x88: return emu_aa_internal_authenticate (chip, c, out);
    case 0xA4: return select_file (chip, c);
    case 0xB0: return read_binary (chip, c, out);
    case 0x84: return get_challenge (chip, c, out);
    case 0x82:
      if (chip->authenticated)
        return SW_NO_CHALLENGE;
      return mutual_authenticate (chip, c, out);
    default: return SW_WRONG_INS;
    }
}

/* ISO/IEC 7816-4 5.1: the four cases, short and extended. */
gboolean
emu_parse_command (const guint8 *a, gsize len, Command *c)
{
  memset (c, 0, sizeof *c);
  if (len < 4)
    return FALSE;
  c->cla = a[0], c->ins = a[1], c->p1 = a[2], c->p2 = a[3];
  if (len == 4)
    return TRUE;
  if (len == 5)
    {
      c->ne = a[4] == 0 ? 256 : a[4];
      c->le_is_max = a[4] == 0;
      return TRUE;
    }
  if (a[4] != 0)
    {
      c->lc = a[4];
      c->data = a + 5;
      if (len == 5 + c->lc)
        return TRUE;
      if (len == 6 + c->lc)
        {
          c->ne = a[len - 1] == 0 ? 256 : a[len - 1];
          c->le_is_max = a[len - 1] == 0;
          return TRUE;
        }
      return FALSE;
    }
  if (len == 7)
    {
      guint le = (a[5] << 8) | a[6];

      c->ne = le == 0 ? 65536 : le;
      c->le_is_max = le == 0;
      return TRUE;
    }
  c->lc = (a[5] << 8) | a[6];
  c->data = a + 7;
  if (c->lc == 0)
    return FALSE;
  if (len == 7 + c->lc)
    return TRUE;
  if (len == 9 + c->lc)
    {
      guint le = (a[len - 2] << 8) | a[len - 1];

      c->ne = le == 0 ? 65536 : le;
      c->le_is_max = le == 0;
      return TRUE;
    }
  return FALSE;
}

GBytes *
emu_chip_transmit (EmuChip *chip, const guint8 *apdu, gsize len)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  Command c;
  guint sw;

  if (chip->authenticated)
    {
      /* once secure messaging is on, a plain command ends it (9303-11 9.8.4) */
      if (len < 1 || (apdu[0] & 0x0C) != 0x0C)
        {
          emu_chip_drop_session (chip);
          put_sw (out, SW_SM_MISSING);
          return g_bytes_new (out->data, out->len);
        }
      return emu_sm_transmit (chip, apdu, len);
    }
  if (!emu_parse_command (apdu, len, &c))
    sw = SW_WRONG_LENGTH;
  else if ((c.cla & 0x0C) == 0x0C)
    sw = SW_SM_MISSING;  /* no session keys yet */
  else
    sw = emu_chip_execute (chip, &c, out);
  put_sw (out, sw);
  return g_bytes_new (out->data, out->len);
}
