/* ekyc-tlv.h — BER-TLV (ISO/IEC 7816-4, ASN.1 DER) reading and writing, bounded and allocation-free
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"

EKYC_BEGIN_DECLS

/**
 * EkycTlv:
 * One BER-TLV element inside a caller's buffer: @value points into that buffer (it is borrowed,
 * never copied). @tag keeps the tag bytes as read, so 0x5F1F stays 0x5F1F and 0x7F61 0x7F61.
 * @header_length + @length is the element's whole size.
 */
typedef struct {
  guint32       tag;
  gboolean      constructed;   /* bit 6 of the first tag byte */
  const guint8 *value;
  gsize         length;
  gsize         header_length;
} EkycTlv;

/* The longest tag the reader accepts, in bytes (ICAO 9303 needs 2; ASN.1 allows more). */
#define EKYC_TLV_MAX_TAG_BYTES 3
/* The largest length the reader accepts: 16 MiB, far above any LDS file. */
#define EKYC_TLV_MAX_LENGTH (16u * 1024u * 1024u)

/**
 * ekyc_tlv_read:
 * Reads the element at the start of @data (@size bytes). The element must fit entirely in
 * @size: a length that points past the end, an indefinite length (0x80), a length coded on more
 * than 4 bytes or above %EKYC_TLV_MAX_LENGTH, a tag longer than %EKYC_TLV_MAX_TAG_BYTES or an
 * empty buffer are errors.
 * Errors: %EKYC_ERROR_CHIP_DATA_INVALID naming what is wrong.
 * Returns: %TRUE with @out filled. Thread-safe.
 */
EKYC_API gboolean ekyc_tlv_read (const guint8 *data, gsize size, EkycTlv *out, GError **error);

/**
 * ekyc_tlv_expect:
 * ekyc_tlv_read() that also requires the tag to be @tag.
 */
EKYC_API gboolean ekyc_tlv_expect (const guint8 *data, gsize size, guint32 tag, EkycTlv *out,
                                   GError **error);

/**
 * EkycTlvIter:
 * Walks the elements that follow each other in a value (the children of a constructed element).
 * Initialise with ekyc_tlv_iter_init(); the buffer is borrowed.
 */
typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         offset;
} EkycTlvIter;

EKYC_API void     ekyc_tlv_iter_init (EkycTlvIter *iter, const guint8 *data, gsize size);
/* The next element: %TRUE with @out filled, %FALSE at the end (error unset) or on malformed data
 * (error set). Bytes 0x00 and 0xFF between elements are padding (ISO 7816-4) and are skipped. */
EKYC_API gboolean ekyc_tlv_iter_next (EkycTlvIter *iter, EkycTlv *out, GError **error);

/**
 * ekyc_tlv_find:
 * The first direct child of @parent (its value) tagged @tag.
 * Returns: %TRUE when found; %FALSE when absent (error unset) or malformed (error set).
 */
EKYC_API gboolean ekyc_tlv_find (const EkycTlv *parent, guint32 tag, EkycTlv *out, GError **error);

/**
 * ekyc_tlv_append:
 * Appends tag @tag, a DER length and @length bytes of @value to @out (a byte array).
 * Used to build APDU data, EF contents and test files.
 */
EKYC_API void ekyc_tlv_append (GByteArray *out, guint32 tag, const guint8 *value, gsize length);
/* Appends only the tag and the DER length (the value follows). */
EKYC_API void ekyc_tlv_append_header (GByteArray *out, guint32 tag, gsize length);

EKYC_END_DECLS
