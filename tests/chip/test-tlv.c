/* test-tlv.c — the BER-TLV reader on good input and on bad input: truncated, lengths that lie,
 * garbage
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>

#include "ekyc/ekyc.h"
#include "test-utils.h"

static void
test_reads_nested_elements (void)
{
  /* EF.COM of ICAO 9303 Part 11 Appendix D: 60 14 { 5F01 "0106", 5F36 "040000", 5C "aU" }. */
  static const guint8 com[] = {
    0x60, 0x14, 0x5F, 0x01, 0x04, 0x30, 0x31, 0x30, 0x36, 0x5F, 0x36, 0x06, 0x30, 0x34, 0x30,
    0x30, 0x30, 0x30, 0x5C, 0x02, 0x61, 0x75,
  };
  g_autoptr(GError) error = NULL;
  EkycTlv root, child;

  g_assert_true (ekyc_tlv_expect (com, sizeof com, 0x60, &root, &error));
  g_assert_no_error (error);
  g_assert_true (root.constructed);
  g_assert_cmpuint (root.length, ==, 0x14);
  g_assert_cmpuint (root.header_length, ==, 2);
  g_assert_true (ekyc_tlv_find (&root, 0x5F01, &child, &error));
  g_assert_cmpmem (child.value, child.length, "0106", 4);
  g_assert_true (ekyc_tlv_find (&root, 0x5C, &child, &error));
  g_assert_cmpmem (child.value, child.length, "au", 2);
  g_assert_false (ekyc_tlv_find (&root, 0x5F1F, &child, &error));
  g_assert_no_error (error);
}

static void
test_long_lengths_round_trip (void)
{
  const gsize sizes[] = { 0, 1, 127, 128, 255, 256, 65535, 65536, 70000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GByteArray) out = g_byte_array_new ();
      g_autofree guint8 *value = g_malloc0 (sizes[i] + 1);
      g_autoptr(GError) error = NULL;
      EkycTlv tlv;

      ekyc_tlv_append (out, 0x7F61, value, sizes[i]);
      g_assert_true (ekyc_tlv_read (out->data, out->len, &tlv, &error));
      g_assert_no_error (error);
      g_assert_cmphex (tlv.tag, ==, 0x7F61);
      g_assert_cmpuint (tlv.length, ==, sizes[i]);
      g_assert_cmpuint (tlv.header_length + tlv.length, ==, out->len);
    }
}

static void
assert_refused (const guint8 *data, gsize size)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *copy = g_memdup2 (data, size);
  EkycTlv tlv;

  g_assert_false (ekyc_tlv_read (copy, size, &tlv, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_DATA_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_bad_input_is_refused (void)
{
  static const guint8 truncated_tag[] = { 0x5F };
  static const guint8 long_tag[] = { 0x5F, 0x81, 0x81, 0x81, 0x01, 0x00 };
  static const guint8 no_length[] = { 0x60 };
  static const guint8 lying_length[] = { 0x60, 0x05, 0x01, 0x02 };
  static const guint8 lying_long_length[] = { 0x77, 0x82, 0x10, 0x00, 0x30 };
  static const guint8 truncated_length[] = { 0x77, 0x82, 0x10 };
  static const guint8 indefinite[] = { 0x30, 0x80, 0x00, 0x00 };
  static const guint8 five_byte_length[] = { 0x30, 0x85, 0, 0, 0, 0, 1, 0 };
  static const guint8 huge[] = { 0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF };

  assert_refused (NULL, 0);
  assert_refused (truncated_tag, sizeof truncated_tag);
  assert_refused (long_tag, sizeof long_tag);
  assert_refused (no_length, sizeof no_length);
  assert_refused (lying_length, sizeof lying_length);
  assert_refused (lying_long_length, sizeof lying_long_length);
  assert_refused (truncated_length, sizeof truncated_length);
  assert_refused (indefinite, sizeof indefinite);
  assert_refused (five_byte_length, sizeof five_byte_length);
  assert_refused (huge, sizeof huge);
}

/* An iterator stops with an error at a lying child, never reading past its parent. */
static void
test_iterator_stops_at_lying_child (void)
{
  static const guint8 parent[] = { 0x30, 0x06, 0x02, 0x01, 0x05, 0x0C, 0x09, 0x41 };
  g_autoptr(GError) error = NULL;
  EkycTlvIter iter;
  EkycTlv tlv;
  guint n = 0;

  ekyc_tlv_iter_init (&iter, parent + 2, 6);
  while (ekyc_tlv_iter_next (&iter, &tlv, &error))
    n++;
  g_assert_cmpuint (n, ==, 1);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_CHIP_DATA_INVALID);
}

/* Random bytes never crash the reader and any success stays inside the buffer. */
static void
test_garbage (void)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (int round = 0; round < 20000; round++)
    {
      guint8 buf[24];
      gsize size = (gsize) g_rand_int_range (rand, 0, sizeof buf + 1);
      EkycTlvIter iter;
      EkycTlv tlv;
      GError *error = NULL;

      for (gsize i = 0; i < size; i++)
        buf[i] = (guint8) g_rand_int (rand);
      ekyc_tlv_iter_init (&iter, buf, size);
      while (ekyc_tlv_iter_next (&iter, &tlv, &error))
        {
          g_assert_true (tlv.value >= buf && tlv.value + tlv.length <= buf + size);
        }
      g_clear_error (&error);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/chip/tlv/reads-nested-elements", test_reads_nested_elements);
  g_test_add_func ("/chip/tlv/long-lengths-round-trip", test_long_lengths_round_trip);
  g_test_add_func ("/chip/tlv/bad-input-is-refused", test_bad_input_is_refused);
  g_test_add_func ("/chip/tlv/iterator-stops-at-lying-child", test_iterator_stops_at_lying_child);
  g_test_add_func ("/chip/tlv/garbage", test_garbage);
  return g_test_run ();
}
