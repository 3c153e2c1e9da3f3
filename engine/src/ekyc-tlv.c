/* ekyc-tlv.c — BER-TLV reading and writing for chip data (APDUs, LDS files, CMS)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every read is bounded by the caller's buffer: an element whose length points past the end is
 * an error, never a read past it. Only definite lengths exist in ICAO 9303 and DER, so the
 * indefinite form (0x80) is refused.
 */
#define G_LOG_DOMAIN "ekyc-chip"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-tlv.h"
#include "ekyc-i18n-private.h"

static gboolean
fail (GError **error, const char *what)
{
  _ekyc_i18n_init ();
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_DATA_INVALID,
               _("The chip's data is malformed (%s)."), what);
  return FALSE;
}

gboolean
ekyc_tlv_read (const guint8 *data, gsize size, EkycTlv *out, GError **error)
{
  gsize pos = 0;
  guint32 tag;
  gsize length;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (size == 0)
    return fail (error, "empty element");
  tag = data[pos++];
  if ((tag & 0x1F) == 0x1F)
    {
      guint n = 1;
      do
        {
          if (pos >= size)
            return fail (error, "truncated tag");
          if (++n > EKYC_TLV_MAX_TAG_BYTES)
            return fail (error, "tag too long");
          tag = (tag << 8) | data[pos];
        }
      while (data[pos++] & 0x80);
    }
  if (pos >= size)
    return fail (error, "missing length");
  length = data[pos++];
  if (length == 0x80)
    return fail (error, "indefinite length");
  if (length > 0x80)
    {
      guint n = (guint) length & 0x7F;

      if (n > 4)
        return fail (error, "length field too long");
      if (size - pos < n)
        return fail (error, "truncated length");
      length = 0;
      for (guint i = 0; i < n; i++)
        length = (length << 8) | data[pos++];
    }
  if (length > EKYC_TLV_MAX_LENGTH)
    return fail (error, "length too large");
  if (size - pos < length)
    return fail (error, "length points past the end");

  out->tag = tag;
  out->constructed = (data[0] & 0x20) != 0;
  out->value = data + pos;
  out->length = length;
  out->header_length = pos;
  return TRUE;
}

gboolean
ekyc_tlv_expect (const guint8 *data, gsize size, guint32 tag, EkycTlv *out, GError **error)
{
  if (!ekyc_tlv_read (data, size, out, error))
    return FALSE;
  if (out->tag != tag)
    {
      g_autofree char *what = g_strdup_printf ("tag %X where %X was expected", out->tag, tag);
      return fail (error, what);
    }
  return TRUE;
}

void
ekyc_tlv_iter_init (EkycTlvIter *iter, const guint8 *data, gsize size)
{
  g_return_if_fail (iter != NULL);
  iter->data = data;
  iter->size = data != NULL ? size : 0;
  iter->offset = 0;
}

gboolean
ekyc_tlv_iter_next (EkycTlvIter *iter, EkycTlv *out, GError **error)
{
  g_return_val_if_fail (iter != NULL && out != NULL, FALSE);

  while (iter->offset < iter->size &&
         (iter->data[iter->offset] == 0x00 || iter->data[iter->offset] == 0xFF))
    iter->offset++;
  if (iter->offset >= iter->size)
    return FALSE;
  if (!ekyc_tlv_read (iter->data + iter->offset, iter->size - iter->offset, out, error))
    {
      iter->offset = iter->size;
      return FALSE;
    }
  iter->offset += out->header_length + out->length;
  return TRUE;
}

gboolean
ekyc_tlv_find (const EkycTlv *parent, guint32 tag, EkycTlv *out, GError **error)
{
  EkycTlvIter iter;
  GError *local = NULL;

  g_return_val_if_fail (parent != NULL && out != NULL, FALSE);

  ekyc_tlv_iter_init (&iter, parent->value, parent->length);
  while (ekyc_tlv_iter_next (&iter, out, &local))
    if (out->tag == tag)
      return TRUE;
  if (local != NULL)
    g_propagate_error (error, local);
  return FALSE;
}

void
ekyc_tlv_append_header (GByteArray *out, guint32 tag, gsize length)
{
  guint8 buf[9];
  guint n = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (length <= G_MAXUINT32);

  if (tag > 0xFFFF)
    buf[n++] = (guint8) (tag >> 16);
  if (tag > 0xFF)
    buf[n++] = (guint8) (tag >> 8);
  buf[n++] = (guint8) tag;
  if (length < 0x80)
    buf[n++] = (guint8) length;
  else if (length <= 0xFF)
    {
      buf[n++] = 0x81;
      buf[n++] = (guint8) length;
    }
  else if (length <= 0xFFFF)
    {
      buf[n++] = 0x82;
      buf[n++] = (guint8) (length >> 8);
      buf[n++] = (guint8) length;
    }
  else if (length <= 0xFFFFFF)
    {
      buf[n++] = 0x83;
      buf[n++] = (guint8) (length >> 16);
      buf[n++] = (guint8) (length >> 8);
      buf[n++] = (guint8) length;
    }
  else
    {
      buf[n++] = 0x84;
      buf[n++] = (guint8) (length >> 24);
      buf[n++] = (guint8) (length >> 16);
      buf[n++] = (guint8) (length >> 8);
      buf[n++] = (guint8) length;
    }
  g_byte_array_append (out, buf, n);
}

void
ekyc_tlv_append (GByteArray *out, guint32 tag, const guint8 *value, gsize length)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (value != NULL || length == 0);

  ekyc_tlv_append_header (out, tag, length);
  if (length > 0)
    g_byte_array_append (out, value, (guint) length);
}
