/* emu-chip.c — an ICAO 9303 chip (see emu-chip.h). References: ISO/IEC 7816-4 (APDU cases,
 * SELECT, READ BINARY, status words), ICAO 9303 Part 10 (file identifiers, short EF identifiers)
 * and Part 11 (BAC: 4.3 and 9.7; secure messaging: 9.8).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "emu-chip.h"

#include <string.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "emu-crypto.h"

#define SW_OK              0x9000
#define SW_END_OF_FILE     0x6282  /* end of file reached before Ne bytes */
#define SW_WRONG_KEY       0x6300  /* authentication failed */
#define SW_WRONG_LENGTH    0x6700
#define SW_SM_MISSING      0x6987  /* expected secure messaging data objects missing */
#define SW_SM_INCORRECT    0x6988  /* secure messaging data objects incorrect */
#define SW_NOT_ALLOWED     0x6982  /* security status not satisfied */
#define SW_NO_CHALLENGE    0x6985  /* conditions of use not satisfied */
#define SW_NO_CURRENT_EF   0x6986
#define SW_NOT_FOUND       0x6A82
#define SW_WRONG_P1P2      0x6A86
#define SW_OUT_OF_FILE     0x6B00
#define SW_WRONG_INS       0x6D00
#define SW_WRONG_CLA       0x6E00

static const guint8 emrtd_aid[] = { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };

typedef struct {
  guint16  fid;
  guint8   sfi;
  gboolean in_master_file;  /* EF.CardAccess lives in the MF, the LDS in the application */
  GBytes  *content;
} EmuFile;

struct _EmuChip {
  GArray  *files;          /* EmuFile */
  guint8   kenc[16], kmac[16];
  gboolean application_selected;
  int      current;        /* index into files, or -1 */
  gboolean challenge_issued;
  guint8   rnd_ic[8];
  gboolean authenticated;  /* BAC done: secure messaging on */
  guint8   ks_enc[16], ks_mac[16], ssc[8];
  guint    reads;
};

typedef struct {
  guint8        cla, ins, p1, p2;
  const guint8 *data;
  gsize         lc;
  gsize         ne;           /* 0: no Le field */
  gboolean      le_is_max;    /* Le field all zeros: "as much as there is" */
} Command;

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

/* One BER-TLV element (ISO/IEC 7816-4 5.2) at *pos; FALSE when it runs past END. */
static gboolean
read_tlv (const guint8 **pos, const guint8 *end, guint *tag, const guint8 **value, gsize *len)
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

static void
append_tlv (GByteArray *out, guint8 tag, const guint8 *value, gsize len)
{
  guint8 head[4] = { tag };
  guint n = 1;

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
  if (!read_tlv (&pos, end, &tag, &app, &app_len) || tag != 0x61
      || (pos = app, !read_tlv (&pos, app + app_len, &tag, &mrz, &mrz_len)) || tag != 0x5F1F)
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
  emu_derive_key (digest, 1, chip->kenc);
  emu_derive_key (digest, 2, chip->kmac);
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
  g_free (chip);
}

void
emu_chip_reset (EmuChip *chip)
{
  chip->application_selected = FALSE;
  chip->current = -1;
  chip->challenge_issued = FALSE;
  chip->authenticated = FALSE;
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
  emu_pad (padded);
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
  emu_pad (padded);
  if (!emu_retail_mac (chip->kmac, padded->data, padded->len, m_ic))
    return 0x6F00;
  g_byte_array_append (out, e_ic, 32);
  g_byte_array_append (out, m_ic, 8);
  /* K.seed = K.IFD ⊕ K.IC; SSC = RND.IC[4..7] ‖ RND.IFD[4..7] */
  for (guint i = 0; i < 16; i++)
    seed[i] = plain[16 + i] ^ k_ic[i];
  emu_derive_key (seed, 1, chip->ks_enc);
  emu_derive_key (seed, 2, chip->ks_mac);
  memcpy (chip->ssc, chip->rnd_ic + 4, 4);
  memcpy (chip->ssc + 4, plain + 4, 4);
  chip->authenticated = TRUE;
  return SW_OK;
}

static guint
execute (EmuChip *chip, const Command *c, GByteArray *out)
{
  if ((c->cla & ~0x0C) != 0x00)
    return SW_WRONG_CLA;
  switch (c->ins)
    {
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
static gboolean
parse_command (const guint8 *a, gsize len, Command *c)
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

/* ---------------------------------------------------------------------------------------- */
/* Secure messaging (9303-11 9.8) */

static void
increment_ssc (EmuChip *chip)
{
  for (int i = 7; i >= 0; i--)
    if (++chip->ssc[i] != 0)
      break;
}

/* The ending of a session: any secure-messaging error drops the session keys (9303-11 9.8.4). */
static GBytes *
sm_abort (EmuChip *chip, guint sw)
{
  guint8 b[2] = { sw >> 8, sw & 0xFF };

  chip->authenticated = FALSE;
  chip->application_selected = FALSE;
  chip->current = -1;
  return g_bytes_new (b, 2);
}

static GBytes *
sm_transmit (EmuChip *chip, const guint8 *apdu, gsize len)
{
  Command wrapped, plain;
  const guint8 *pos, *end, *value, *do87 = NULL, *do97 = NULL, *do8e = NULL, *start8e = NULL;
  gsize vlen, len87 = 0, len97 = 0, len8e = 0;
  gboolean odd_ins;
  guint tag;
  g_autoptr(GByteArray) mac_input = g_byte_array_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) response = g_byte_array_new ();
  guint8 header[4], mac[8], sw_bytes[2];
  guint sw;

  if (!parse_command (apdu, len, &wrapped) || (wrapped.cla & 0x0C) != 0x0C)
    return sm_abort (chip, SW_SM_MISSING);
  /* DO87 (DO85 for an odd INS), then DO97, then DO8E last */
  odd_ins = wrapped.ins % 2 == 1;
  pos = wrapped.data;
  end = wrapped.data + wrapped.lc;
  while (pos < end)
    {
      const guint8 *here = pos;

      if (do8e != NULL || !read_tlv (&pos, end, &tag, &value, &vlen))
        return sm_abort (chip, SW_SM_INCORRECT);
      if (tag == (odd_ins ? 0x85u : 0x87u) && do87 == NULL && do97 == NULL)
        do87 = value, len87 = vlen;
      else if (tag == 0x97 && do97 == NULL)
        do97 = value, len97 = vlen;
      else if (tag == 0x8E)
        do8e = value, len8e = vlen, start8e = here;
      else
        return sm_abort (chip, SW_SM_INCORRECT);
    }
  if (do8e == NULL)
    return sm_abort (chip, SW_SM_MISSING);
  if (len8e != 8 || len97 > 2
      || (do87 != NULL && (len87 < 8 || (len87 - (odd_ins ? 0 : 1)) % 8 != 0)))
    return sm_abort (chip, SW_SM_INCORRECT);

  /* MAC over SSC ‖ padded header ‖ DO87 ‖ DO97, padded */
  increment_ssc (chip);
  g_byte_array_append (mac_input, chip->ssc, 8);
  header[0] = wrapped.cla, header[1] = wrapped.ins, header[2] = wrapped.p1, header[3] = wrapped.p2;
  g_byte_array_append (mac_input, header, 4);
  emu_pad (mac_input);
  if (start8e > wrapped.data)
    {
      g_byte_array_append (mac_input, wrapped.data, start8e - wrapped.data);
      emu_pad (mac_input);
    }
  if (!emu_retail_mac (chip->ks_mac, mac_input->data, mac_input->len, mac)
      || CRYPTO_memcmp (mac, do8e, 8) != 0)
    return sm_abort (chip, SW_SM_INCORRECT);

  /* the plain command */
  if (do87 != NULL)
    {
      gboolean indicator = !odd_ins;  /* DO87 carries the padding indicator 01 first */
      const guint8 *cryptogram = do87 + (indicator ? 1 : 0);
      gsize clen = len87 - (indicator ? 1 : 0);
      gssize plain_len;

      if (indicator && do87[0] != 0x01)
        return sm_abort (chip, SW_SM_INCORRECT);
      g_byte_array_set_size (data, clen);
      if (!emu_des3_cbc (chip->ks_enc, FALSE, cryptogram, clen, data->data)
          || (plain_len = emu_unpad_length (data->data, clen)) < 0)
        return sm_abort (chip, SW_SM_INCORRECT);
      g_byte_array_set_size (data, plain_len);
    }
  plain = wrapped;
  plain.cla = wrapped.cla & ~0x0C;
  plain.data = data->data;
  plain.lc = data->len;
  plain.ne = 0;
  plain.le_is_max = FALSE;
  if (do97 != NULL)
    {
      guint le = len97 == 0 ? 0 : len97 == 1 ? do97[0] : (do97[0] << 8) | do97[1];

      plain.le_is_max = le == 0;
      plain.ne = le != 0 ? le : len97 == 2 ? 65536 : 256;
    }
  sw = execute (chip, &plain, out);

  /* the protected response: DO87 ‖ DO99 ‖ DO8E */
  increment_ssc (chip);
  if (out->len > 0)
    {
      g_autoptr(GByteArray) cipher = g_byte_array_new ();

      emu_pad (out);
      g_byte_array_set_size (cipher, out->len + 1);
      cipher->data[0] = 0x01;
      emu_des3_cbc (chip->ks_enc, TRUE, out->data, out->len, cipher->data + 1);
      append_tlv (response, 0x87, cipher->data, cipher->len);
    }
  sw_bytes[0] = sw >> 8, sw_bytes[1] = sw & 0xFF;
  append_tlv (response, 0x99, sw_bytes, 2);
  g_byte_array_set_size (mac_input, 0);
  g_byte_array_append (mac_input, chip->ssc, 8);
  g_byte_array_append (mac_input, response->data, response->len);
  emu_pad (mac_input);
  emu_retail_mac (chip->ks_mac, mac_input->data, mac_input->len, mac);
  append_tlv (response, 0x8E, mac, 8);
  put_sw (response, sw);
  return g_bytes_new (response->data, response->len);
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
        return sm_abort (chip, SW_SM_MISSING);
      return sm_transmit (chip, apdu, len);
    }
  if (!parse_command (apdu, len, &c))
    sw = SW_WRONG_LENGTH;
  else if ((c.cla & 0x0C) == 0x0C)
    sw = SW_SM_MISSING;  /* no session keys yet */
  else
    sw = execute (chip, &c, out);
  put_sw (out, sw);
  return g_bytes_new (out->data, out->len);
}
