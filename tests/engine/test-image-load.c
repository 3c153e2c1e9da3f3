/* test-image-load.c — decoding files and wrapping frames: every bad input gets its own error
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Bad files are made at run time in a temporary directory from the shared photos (cut in half)
 * or from crafted headers; nothing personal is committed.
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <ekyc/ekyc.h>

#include "ekyc-image-probe.h"
#include "test-utils.h"

static char       *tmp_dir;
static EkycEngine *engine;

/* ---- helpers ---------------------------------------------------------------------------- */

static EkycEngine *
get_engine (void)
{
  if (engine == NULL)
    {
      g_autoptr(GError) error = NULL;
      engine = ekyc_engine_new (ekyc_test_model_dir (), &error);
      g_assert_no_error (error);
    }
  return engine;
}

static char *
write_tmp (const char *name, const guint8 *data, gsize len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
  return path;
}

static GBytes *
read_shared (const char *folder, const char *name)
{
  g_autofree char *path = ekyc_test_shared_path (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (path == NULL)
    return NULL;
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* Asserts @error is EKYC_ERROR/@code with a non-empty message, then frees it. */
#define assert_ekyc_error(err, expected)                                                \
  G_STMT_START {                                                                         \
    g_assert_error ((err), EKYC_ERROR, (int) (expected));                                \
    g_assert_nonnull ((err)->message);                                                   \
    g_assert_cmpuint (strlen ((err)->message), >, 10);                                   \
    g_test_message ("%s: %s", ekyc_error_code_name ((err)->code), (err)->message);       \
    g_clear_error (&(err));                                                              \
  } G_STMT_END

static void
load_file_expecting (const char *path, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, &error);

  g_assert_null (image);
  g_assert_nonnull (error);
  /* The user must be told which file is wrong. */
  if (code != EKYC_ERROR_NOT_AN_IMAGE || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_assert_nonnull (strstr (error->message, base));
    }
  assert_ekyc_error (error, code);
}

static void
decode_expecting (const guint8 *data, gsize len, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = ekyc_image_new_from_encoded (data, len, &error);

  g_assert_null (image);
  assert_ekyc_error (error, code);
}

static void
probe_expecting (const guint8 *data, gsize len, int code)
{
  g_autoptr(GError) error = NULL;
  EkycImageInfo info;

  g_assert_false (_ekyc_image_probe (data, len, &info, &error));
  assert_ekyc_error (error, code);
}

/* A JPEG made of headers only: SOI, SOF0 of @width × @height (3 components), SOS, two bytes of
 * "scan data", EOI. Complete as far as the container goes; no decoder can make pixels of it. */
static GByteArray *
crafted_jpeg (guint16 width, guint16 height)
{
  const guint8 head[] = {
    0xFF, 0xD8,                                            /* SOI */
    0xFF, 0xC0, 0x00, 0x11, 0x08,                          /* SOF0, length 17, 8 bits */
    height >> 8, height & 0xFF, width >> 8, width & 0xFF,
    0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00,
    0x00, 0x00,                                            /* scan data */
    0xFF, 0xD9,                                            /* EOI */
  };
  GByteArray *jpeg = g_byte_array_new ();

  g_byte_array_append (jpeg, head, sizeof head);
  return jpeg;
}

/* ---- a minimal PNG writer (stored deflate blocks), to test PNG without committing files ---- */

static guint32
crc32_update (guint32 crc, const guint8 *p, gsize n)
{
  crc = ~crc;
  while (n--)
    {
      crc ^= *p++;
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
  return ~crc;
}

static void
put_be32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (a, b, 4);
}

static void
put_chunk (GByteArray *png, const char *type, const guint8 *data, gsize len)
{
  guint32 crc;

  put_be32 (png, len);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (png, data, len);
  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, len);
  put_be32 (png, crc);
}

/* An 8-bit RGB PNG of @rgb (tightly packed rows), or only its header claiming @claim_w × @claim_h
 * when those are non-zero. */
static GByteArray *
make_png (const guint8 *rgb, guint32 width, guint32 height, guint32 claim_w, guint32 claim_h)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  g_autoptr(GByteArray) ihdr = g_byte_array_new ();
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GByteArray) z = g_byte_array_new ();
  GByteArray *png = g_byte_array_new ();
  const guint8 ihdr_tail[] = { 8, 2, 0, 0, 0 }; /* 8 bits, RGB, deflate, no filter, no interlace */
  guint32 a = 1, b = 0;
  const guint8 zhead[] = { 0x78, 0x01 };

  g_byte_array_append (png, signature, sizeof signature);
  put_be32 (ihdr, claim_w ? claim_w : width);
  put_be32 (ihdr, claim_h ? claim_h : height);
  g_byte_array_append (ihdr, ihdr_tail, sizeof ihdr_tail);
  put_chunk (png, "IHDR", ihdr->data, ihdr->len);

  for (guint32 y = 0; y < height; y++)
    {
      const guint8 filter = 0;
      g_byte_array_append (raw, &filter, 1);
      g_byte_array_append (raw, rgb + (gsize) y * width * 3, width * 3);
    }
  g_byte_array_append (z, zhead, 2);
  for (guint off = 0; off < raw->len;)
    {
      guint16 n = MIN (raw->len - off, 65535u);
      guint8 block[5] = { off + n >= raw->len, n & 0xFF, n >> 8, ~n & 0xFF, (~n >> 8) & 0xFF };
      g_byte_array_append (z, block, 5);
      g_byte_array_append (z, raw->data + off, n);
      off += n;
    }
  for (guint i = 0; i < raw->len; i++)
    a = (a + raw->data[i]) % 65521, b = (b + a) % 65521;
  put_be32 (z, (b << 16) | a);
  put_chunk (png, "IDAT", z->data, z->len);
  put_chunk (png, "IEND", NULL, 0);
  return png;
}

/* A decoded shared photo as a BGR image (the engine's decoder output). */
static EkycImage *
load_shared (const char *folder, const char *name)
{
  g_autofree char *path = ekyc_test_shared_path (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  EkycImage *image;

  if (path == NULL)
    return NULL;
  image = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_image_get_format (image), ==, EKYC_PIXEL_FORMAT_BGR);
  return image;
}

/* ---- files -------------------------------------------------------------------------------- */

static void
test_missing_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-photo.jpg", NULL);
  load_file_expecting (path, EKYC_ERROR_FILE_NOT_FOUND);
}

static void
test_directory (void)
{
  load_file_expecting (tmp_dir, EKYC_ERROR_NOT_AN_IMAGE);
}

static void
test_text_file (void)
{
  const char *text = "img1,img2,label\nimg1.jpg,img2.jpg,1\n";
  g_autofree char *path = write_tmp ("pairs.jpg", (const guint8 *) text, strlen (text));
  load_file_expecting (path, EKYC_ERROR_NOT_AN_IMAGE);
}

static void
test_empty_file (void)
{
  g_autofree char *path = write_tmp ("empty.jpg", (const guint8 *) "", 0);
  load_file_expecting (path, EKYC_ERROR_FILE_EMPTY);
  decode_expecting ((const guint8 *) "", 0, EKYC_ERROR_FILE_EMPTY);
}

static void
test_truncated_jpeg (void)
{
  g_autoptr(GBytes) whole = read_shared ("faces", "deepface/img10.jpg");
  g_autofree char *path = NULL;
  const guint8 *d;
  gsize len;

  if (whole == NULL)
    return;
  d = g_bytes_get_data (whole, &len);
  /* The whole file loads, so the error below is the cut's. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EkycImage) image = ekyc_image_new_from_encoded (d, len, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ekyc_image_get_width (image), ==, 408);
    g_assert_cmpint (ekyc_image_get_height (image), ==, 594);
  }
  path = write_tmp ("half.jpg", d, len / 2);
  load_file_expecting (path, EKYC_ERROR_IMAGE_TRUNCATED);
  /* Cut inside the headers, and just before the end-of-image marker. */
  decode_expecting (d, 300, EKYC_ERROR_IMAGE_TRUNCATED);
  decode_expecting (d, len - 2, EKYC_ERROR_IMAGE_TRUNCATED);
  decode_expecting (d, 4, EKYC_ERROR_IMAGE_TRUNCATED);
}

static void
test_damaged_jpeg (void)
{
  const guint8 bad[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 'J', 'F', 0x12, 0x34, 0x56, 0x78 };
  probe_expecting (bad, sizeof bad, EKYC_ERROR_NOT_AN_IMAGE);
  decode_expecting (bad, sizeof bad, EKYC_ERROR_NOT_AN_IMAGE);
}

static void
test_png_round_trip (void)
{
  const guint32 w = 67, h = 41;
  g_autofree guint8 *rgb = g_malloc ((gsize) w * h * 3);
  g_autoptr(GByteArray) png = NULL;
  g_autoptr(EkycImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const guint8 *px;
  gsize stride;

  for (guint32 y = 0; y < h; y++)
    for (guint32 x = 0; x < w; x++)
      {
        guint8 *p = rgb + ((gsize) y * w + x) * 3;
        p[0] = x * 3, p[1] = y * 5, p[2] = (x * y) & 0xFF;
      }
  png = make_png (rgb, w, h, 0, 0);
  path = write_tmp ("gradient.png", png->data, png->len);
  image = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_image_get_width (image), ==, w);
  g_assert_cmpint (ekyc_image_get_height (image), ==, h);
  g_assert_cmpint (ekyc_image_get_format (image), ==, EKYC_PIXEL_FORMAT_BGR);
  /* PNG is lossless: every pixel comes back, in BGR order. */
  px = ekyc_image_get_pixels (image);
  stride = ekyc_image_get_stride (image);
  for (guint32 y = 0; y < h; y++)
    for (guint32 x = 0; x < w; x++)
      {
        const guint8 *p = rgb + ((gsize) y * w + x) * 3, *q = px + y * stride + x * 3;
        if (p[0] != q[2] || p[1] != q[1] || p[2] != q[0])
          g_error ("pixel (%u, %u) is %u,%u,%u (BGR), expected %u,%u,%u", x, y, q[0], q[1], q[2],
                   p[2], p[1], p[0]);
      }
}

static void
test_truncated_png (void)
{
  const guint32 w = 64, h = 48;
  g_autofree guint8 *rgb = g_malloc0 ((gsize) w * h * 3);
  g_autoptr(GByteArray) png = make_png (rgb, w, h, 0, 0);
  g_autoptr(GBytes) real = read_shared ("mrz", "passporteye/0_id-esp.png");
  g_autofree char *path = write_tmp ("half.png", png->data, png->len / 2);

  load_file_expecting (path, EKYC_ERROR_IMAGE_TRUNCATED);
  decode_expecting (png->data, 20, EKYC_ERROR_IMAGE_TRUNCATED);
  decode_expecting (png->data, png->len - 1, EKYC_ERROR_IMAGE_TRUNCATED);
  if (real != NULL)
    {
      gsize len;
      const guint8 *d = g_bytes_get_data (real, &len);
      g_autoptr(GError) error = NULL;
      g_autoptr(EkycImage) image = ekyc_image_new_from_encoded (d, len, &error);

      g_assert_no_error (error);
      decode_expecting (d, len / 2, EKYC_ERROR_IMAGE_TRUNCATED);
      decode_expecting (d, len - 12, EKYC_ERROR_IMAGE_TRUNCATED); /* without IEND */
    }
}

/* Peak RSS, for the allocation checks below. */
static glong
max_rss_kib (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
test_huge_jpeg_header (void)
{
  g_autoptr(GByteArray) huge = crafted_jpeg (20000, 20000);
  g_autoptr(GByteArray) wide = crafted_jpeg (8000, 6000); /* each side fine, 48 Mpx is not */
  g_autoptr(GByteArray) small = crafted_jpeg (100, 100);
  g_autofree char *path = write_tmp ("bomb.jpg", huge->data, huge->len);
  g_autoptr(GError) error = NULL;
  EkycImageInfo info;
  glong rss_before = max_rss_kib ();

  /* The probe reads the size from the header... */
  g_assert_false (_ekyc_image_probe (huge->data, huge->len, &info, &error));
  g_assert_cmpint (info.kind, ==, EKYC_IMAGE_KIND_JPEG);
  g_assert_cmpuint (info.width, ==, 20000);
  g_assert_cmpuint (info.height, ==, 20000);
  assert_ekyc_error (error, EKYC_ERROR_IMAGE_TOO_LARGE);

  load_file_expecting (path, EKYC_ERROR_IMAGE_TOO_LARGE);
  decode_expecting (huge->data, huge->len, EKYC_ERROR_IMAGE_TOO_LARGE);
  decode_expecting (wide->data, wide->len, EKYC_ERROR_IMAGE_TOO_LARGE);
  /* ...and the decoder never ran: the same header at 100 × 100 reaches it and fails there. */
  g_assert_true (_ekyc_image_probe (small->data, small->len, &info, NULL));
  decode_expecting (small->data, small->len, EKYC_ERROR_NOT_AN_IMAGE);
  /* 1.2 GB of pixels were not touched. */
  g_assert_cmpint (max_rss_kib () - rss_before, <, 64 * 1024);
}

/* Under an address-space limit far below the claimed 1.2 GB, a decoder that allocated first
 * would fail (or abort) instead of reporting the size. */
static void
test_huge_jpeg_under_memory_limit (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("an address-space limit does not work with AddressSanitizer");
#else
  if (g_test_subprocess ())
    {
      g_autoptr(GByteArray) huge = crafted_jpeg (20000, 20000);
      g_autoptr(GError) error = NULL;
      g_autofree char *status = NULL;
      const char *vm;
      struct rlimit limit;
      EkycImage *image;

      g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
      vm = strstr (status, "VmSize:");
      g_assert_nonnull (vm);
      limit.rlim_cur = limit.rlim_max = (g_ascii_strtoull (vm + 7, NULL, 10) + 256 * 1024) * 1024;
      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
      image = ekyc_image_new_from_encoded (huge->data, huge->len, &error);
      g_assert_null (image);
      g_assert_error (error, EKYC_ERROR, EKYC_ERROR_IMAGE_TOO_LARGE);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
#endif
}

static void
test_huge_png_header (void)
{
  guint8 pixel[3] = { 0 };
  g_autoptr(GByteArray) png = make_png (pixel, 1, 1, 20000, 20000);
  g_autoptr(GByteArray) tall = make_png (pixel, 1, 1, 1, 70000); /* one side too long */
  EkycImageInfo info;

  g_assert_false (_ekyc_image_probe (png->data, png->len, &info, NULL));
  g_assert_cmpint (info.kind, ==, EKYC_IMAGE_KIND_PNG);
  g_assert_cmpuint (info.width, ==, 20000);
  decode_expecting (png->data, png->len, EKYC_ERROR_IMAGE_TOO_LARGE);
  decode_expecting (tall->data, tall->len, EKYC_ERROR_IMAGE_TOO_LARGE);
}

static void
test_short_webp (void)
{
  /* RIFF/WEBP/VP8 headers cut at 30 and 31 bytes, with a RIFF size that says they are whole:
   * the probe must not read past the end (AddressSanitizer checks this). */
  for (gsize len = 30; len <= 31; len++)
    {
      guint8 *d = g_malloc0 (len);
      g_autoptr(GError) error = NULL;
      g_autoptr(EkycImage) image = NULL;

      memcpy (d, "RIFF", 4);
      d[4] = len - 8;
      memcpy (d + 8, "WEBPVP8 ", 8);
      image = ekyc_image_new_from_encoded (d, len, &error);
      g_assert_null (image);
      g_assert_nonnull (error);
      g_assert_true (error->domain == EKYC_ERROR);
      g_free (d);
    }
}

static void
test_exif_orientation (void)
{
  /* APP1 Exif, big-endian TIFF, one IFD entry: Orientation (0x0112) = 6 (rotate 90° clockwise). */
  static const guint8 app1[] = {
    0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
    0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  g_autoptr(GBytes) jpeg = read_shared ("faces", "deepface/img10.jpg");
  g_autoptr(GByteArray) rotated = g_byte_array_new ();
  g_autoptr(EkycImage) upright = NULL, turned = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *d, *a, *b;
  gsize len, sa, sb;
  int w, h, bad = 0;

  if (jpeg == NULL)
    return;
  d = g_bytes_get_data (jpeg, &len);
  g_assert_null (memmem (d, MIN (len, 4096), "Exif", 4)); /* the photo has no orientation */
  g_byte_array_append (rotated, d, 2);
  g_byte_array_append (rotated, app1, sizeof app1);
  g_byte_array_append (rotated, d + 2, len - 2);

  upright = ekyc_image_new_from_encoded (d, len, &error);
  g_assert_no_error (error);
  turned = ekyc_image_new_from_encoded (rotated->data, rotated->len, &error);
  g_assert_no_error (error);
  w = ekyc_image_get_width (upright), h = ekyc_image_get_height (upright);
  g_assert_cmpint (ekyc_image_get_width (turned), ==, h);
  g_assert_cmpint (ekyc_image_get_height (turned), ==, w);
  /* Turned 90° clockwise: the source's left column is the top row, read bottom to top. */
  a = ekyc_image_get_pixels (upright), sa = ekyc_image_get_stride (upright);
  b = ekyc_image_get_pixels (turned), sb = ekyc_image_get_stride (turned);
  for (int y = 0; y < w; y += 7)
    for (int x = 0; x < h; x += 7)
      bad += memcmp (b + y * sb + x * 3, a + (h - 1 - x) * sa + y * 3, 3) != 0;
  g_assert_cmpint (bad, ==, 0);
}

static void
test_save_jpeg_round_trip (void)
{
  g_autoptr(EkycImage) photo = load_shared ("faces", "deepface/img10.jpg");
  g_autoptr(EkycImage) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "saved.jpg", NULL);

  if (photo == NULL)
    return;
  g_assert_true (ekyc_image_save_jpeg (photo, path, 90, &error));
  g_assert_no_error (error);
  again = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_image_get_width (again), ==, ekyc_image_get_width (photo));
  g_assert_cmpint (ekyc_image_get_height (again), ==, ekyc_image_get_height (photo));
}

/* ---- frames in memory --------------------------------------------------------------------- */

static void
test_memory_bad_arguments (void)
{
  guint8 pixels[16 * 16 * 4] = { 0 };
  static const struct {
    gboolean null_pixels;
    int width, height;
    gsize stride;
    int format;
  } cases[] = {
    { TRUE, 16, 16, 48, EKYC_PIXEL_FORMAT_BGR },
    { FALSE, 16, 16, 47, EKYC_PIXEL_FORMAT_BGR },   /* stride shorter than a row */
    { FALSE, 16, 16, 63, EKYC_PIXEL_FORMAT_RGBA },
    { FALSE, 16, 16, 15, EKYC_PIXEL_FORMAT_GRAY8 },
    { FALSE, 16, 16, 0, EKYC_PIXEL_FORMAT_RGB },
    { FALSE, 0, 16, 48, EKYC_PIXEL_FORMAT_BGR },
    { FALSE, 16, 0, 48, EKYC_PIXEL_FORMAT_BGR },
    { FALSE, -16, 16, 48, EKYC_PIXEL_FORMAT_BGR },
    { FALSE, 16, -1, 48, EKYC_PIXEL_FORMAT_BGR },
    { FALSE, 16, 16, 64, 99 },                      /* no such format */
    { FALSE, 16, 16, 64, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EkycImage) borrowed = NULL, copied = NULL;
      const guint8 *p = cases[i].null_pixels ? NULL : pixels;

      g_test_message ("case %u", i);
      borrowed = ekyc_image_new_from_memory (p, cases[i].width, cases[i].height, cases[i].stride,
                                             cases[i].format, NULL, NULL, &error);
      g_assert_null (borrowed);
      assert_ekyc_error (error, EKYC_ERROR_INVALID_ARGUMENT);
      copied = ekyc_image_new_from_memory_copy (p, cases[i].width, cases[i].height,
                                                cases[i].stride, cases[i].format, &error);
      g_assert_null (copied);
      assert_ekyc_error (error, EKYC_ERROR_INVALID_ARGUMENT);
    }
  /* A frame with more pixels than the engine accepts (nothing is read from @pixels). */
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (ekyc_image_new_from_memory (pixels, 8000, 6000, 8000 * 3,
                                               EKYC_PIXEL_FORMAT_BGR, NULL, NULL, &error));
    assert_ekyc_error (error, EKYC_ERROR_IMAGE_TOO_LARGE);
  }
}

static void
count_destroy (gpointer data)
{
  (*(int *) data)++;
}

static void
test_memory_borrow_and_copy (void)
{
  const int w = 5, h = 3;
  const gsize stride = 32; /* padded rows */
  guint8 pixels[3 * 32];
  int destroyed = 0;
  EkycImage *borrowed;
  g_autoptr(EkycImage) copied = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < sizeof pixels; i++)
    pixels[i] = i;
  borrowed = ekyc_image_new_from_memory (pixels, w, h, stride, EKYC_PIXEL_FORMAT_BGR,
                                         count_destroy, &destroyed, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_image_get_pixels (borrowed) == pixels);
  g_assert_cmpuint (ekyc_image_get_stride (borrowed), ==, stride);
  ekyc_image_ref (borrowed);
  ekyc_image_unref (borrowed);
  g_assert_cmpint (destroyed, ==, 0);
  ekyc_image_unref (borrowed);
  g_assert_cmpint (destroyed, ==, 1);

  copied = ekyc_image_new_from_memory_copy (pixels, w, h, stride, EKYC_PIXEL_FORMAT_BGR, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_image_get_pixels (copied) != pixels);
  memset (pixels, 0, sizeof pixels); /* the copy must not see this */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w * 3; x++)
      g_assert_cmpuint (ekyc_image_get_pixels (copied)[y * ekyc_image_get_stride (copied) + x],
                        ==, y * stride + x);
}

typedef struct {
  EkycPixelFormat format;
  int             bpp;
  int             order[4]; /* source channel (0 B, 1 G, 2 R, 3 alpha) of each output byte */
  gsize           padding;  /* extra bytes per row */
} FormatCase;

static void
test_formats_same_face (void)
{
  static const FormatCase cases[] = {
    { EKYC_PIXEL_FORMAT_BGR, 3, { 0, 1, 2 }, 0 },
    { EKYC_PIXEL_FORMAT_RGB, 3, { 2, 1, 0 }, 0 },
    { EKYC_PIXEL_FORMAT_BGRA, 4, { 0, 1, 2, 3 }, 0 },
    { EKYC_PIXEL_FORMAT_RGBA, 4, { 2, 1, 0, 3 }, 0 },
    { EKYC_PIXEL_FORMAT_ARGB, 4, { 3, 2, 1, 0 }, 0 },
    { EKYC_PIXEL_FORMAT_ABGR, 4, { 3, 0, 1, 2 }, 0 },
    { EKYC_PIXEL_FORMAT_RGB, 3, { 2, 1, 0 }, 13 },
    { EKYC_PIXEL_FORMAT_BGRA, 4, { 0, 1, 2, 3 }, 64 },
  };
  g_autoptr(EkycImage) photo = load_shared ("faces", "deepface/img10.jpg");
  EkycFaceDetection reference = { 0 };
  const guint8 *src;
  gsize src_stride;
  int w, h;

  if (photo == NULL)
    return;
  w = ekyc_image_get_width (photo), h = ekyc_image_get_height (photo);
  src = ekyc_image_get_pixels (photo), src_stride = ekyc_image_get_stride (photo);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const FormatCase *c = &cases[i];
      gsize stride = (gsize) w * c->bpp + c->padding;
      guint8 *buf = g_malloc (stride * h);
      g_autoptr(EkycImage) image = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree EkycFaceDetection *faces = NULL;
      gsize n = 0;

      /* Alpha is 0 on purpose: the engine must ignore the 4th byte, not blend with it. */
      memset (buf, 0xAB, stride * h);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            const guint8 *s = src + y * src_stride + x * 3;
            guint8 *d = buf + y * stride + x * c->bpp;
            for (int k = 0; k < c->bpp; k++)
              d[k] = c->order[k] == 3 ? 0 : s[c->order[k]];
          }
      image = ekyc_image_new_from_memory (buf, w, h, stride, c->format, g_free, buf, &error);
      g_assert_no_error (error);
      g_assert_true (ekyc_engine_detect_faces (get_engine (), image, &faces, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 1);
      g_test_message ("format %d, stride %zu: box %.1f %.1f %.1f %.1f", c->format, stride,
                      faces[0].box.x, faces[0].box.y, faces[0].box.width, faces[0].box.height);
      if (i == 0)
        {
          reference = faces[0];
          continue;
        }
      g_assert_cmpfloat_with_epsilon (faces[0].box.x, reference.box.x, 1.0);
      g_assert_cmpfloat_with_epsilon (faces[0].box.y, reference.box.y, 1.0);
      g_assert_cmpfloat_with_epsilon (faces[0].box.width, reference.box.width, 1.0);
      g_assert_cmpfloat_with_epsilon (faces[0].box.height, reference.box.height, 1.0);
    }
}

static void
test_fitted_size (void)
{
  static const int sizes[][2] = { { 640, 480 }, { 480, 640 }, { 100, 100 }, { 1, 1 }, { 333, 17 } };
  g_autoptr(EkycImage) photo = load_shared ("faces", "deepface/img10.jpg"); /* 408 × 594 */
  g_autoptr(GError) error = NULL;

  if (photo == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(EkycImage) fitted = ekyc_image_new_fitted (photo, sizes[i][0], sizes[i][1],
                                                           &error);
      g_assert_no_error (error);
      g_assert_cmpint (ekyc_image_get_width (fitted), ==, sizes[i][0]);
      g_assert_cmpint (ekyc_image_get_height (fitted), ==, sizes[i][1]);
      g_assert_cmpint (ekyc_image_get_format (fitted), ==, EKYC_PIXEL_FORMAT_BGR);
      g_assert_cmpuint (ekyc_image_get_stride (fitted), >=, (gsize) sizes[i][0] * 3);
    }
  /* A portrait in a landscape frame: black bars left and right, the photo in the middle. */
  {
    g_autoptr(EkycImage) frame = ekyc_image_new_fitted (photo, 640, 480, &error);
    const guint8 *p = ekyc_image_get_pixels (frame);
    gsize stride = ekyc_image_get_stride (frame);
    int photo_w = 408 * 480 / 594; /* 329 */
    guint64 bars = 0, middle = 0;

    for (int y = 0; y < 480; y++)
      {
        for (int x = 0; x < (640 - photo_w) / 2 - 2; x++)
          bars += p[y * stride + x * 3] + p[y * stride + (639 - x) * 3];
        middle += p[y * stride + 320 * 3 + 1];
      }
    g_assert_cmpuint (bars, ==, 0);
    g_assert_cmpuint (middle / 480, >, 20);
  }
  g_assert_null (ekyc_image_new_fitted (photo, 0, 480, &error));
  assert_ekyc_error (error, EKYC_ERROR_INVALID_ARGUMENT);
  g_assert_null (ekyc_image_new_fitted (photo, 640, -1, &error));
  assert_ekyc_error (error, EKYC_ERROR_INVALID_ARGUMENT);
}

/* JPEG 2000, as a chip's DG2 may hold the portrait: a JP2 file and the same picture as a raw
 * codestream (tests/data/pattern.*: 96 × 128, lossless, a red block at x 20..59, y 40..79 on
 * gradients) decode to their pixels; cut short, they are refused as truncated. */
static void
test_jpeg2000_decodes (void)
{
  const char *names[] = { "pattern.jp2", "pattern.j2k" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *path = g_test_get_filename (G_TEST_DIST, "data", names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, &error);
      g_autofree char *data = NULL;
      gsize len = 0;
      const guint8 *px;
      gsize stride;

      g_assert_no_error (error);
      g_assert_cmpint (ekyc_image_get_width (image), ==, 96);
      g_assert_cmpint (ekyc_image_get_height (image), ==, 128);
      g_assert_cmpint (ekyc_image_get_format (image), ==, EKYC_PIXEL_FORMAT_BGR);
      px = ekyc_image_get_pixels (image);
      stride = ekyc_image_get_stride (image);
      /* inside the red block: B 0, G 0, R 255 */
      g_assert_cmpuint (px[60 * stride + 40 * 3 + 0], ==, 0);
      g_assert_cmpuint (px[60 * stride + 40 * 3 + 2], ==, 255);
      /* outside: B = 2y, G = 2x, R = 100 */
      g_assert_cmpuint (px[10 * stride + 10 * 3 + 0], ==, 20);
      g_assert_cmpuint (px[10 * stride + 30 * 3 + 1], ==, 60);
      g_assert_cmpuint (px[100 * stride + 90 * 3 + 2], ==, 100);

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      decode_expecting ((const guint8 *) data, len / 2, EKYC_ERROR_IMAGE_TRUNCATED);
      decode_expecting ((const guint8 *) data, len - 2, EKYC_ERROR_IMAGE_TRUNCATED);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  ekyc_test_init (&argc, &argv);
  tmp_dir = g_dir_make_tmp ("ekyc-image-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/image/load/missing-file-is-not-found", test_missing_file);
  g_test_add_func ("/image/load/directory-is-not-an-image", test_directory);
  g_test_add_func ("/image/load/text-file-is-not-an-image", test_text_file);
  g_test_add_func ("/image/load/empty-file-is-empty", test_empty_file);
  g_test_add_func ("/image/load/truncated-jpeg-is-refused", test_truncated_jpeg);
  g_test_add_func ("/image/load/jpeg-with-bad-marker-is-not-an-image", test_damaged_jpeg);
  g_test_add_func ("/image/load/png-gives-back-every-pixel", test_png_round_trip);
  g_test_add_func ("/image/load/truncated-png-is-refused", test_truncated_png);
  g_test_add_func ("/image/load/huge-jpeg-header-is-too-large", test_huge_jpeg_header);
  g_test_add_func ("/image/load/huge-jpeg-header-is-refused-before-allocating",
                   test_huge_jpeg_under_memory_limit);
  g_test_add_func ("/image/load/huge-png-header-is-too-large", test_huge_png_header);
  g_test_add_func ("/image/load/short-webp-header-is-refused-in-bounds", test_short_webp);
  g_test_add_func ("/image/load/exif-orientation-is-applied", test_exif_orientation);
  g_test_add_func ("/image/load/jpeg2000-decodes", test_jpeg2000_decodes);
  g_test_add_func ("/image/save/jpeg-reloads-at-the-same-size", test_save_jpeg_round_trip);
  g_test_add_func ("/image/memory/bad-arguments-are-invalid", test_memory_bad_arguments);
  g_test_add_func ("/image/memory/borrows-or-copies-as-told", test_memory_borrow_and_copy);
  g_test_add_func ("/image/memory/every-pixel-format-finds-the-same-face",
                   test_formats_same_face);
  g_test_add_func ("/image/fitted/has-exactly-the-size-asked", test_fitted_size);

  ret = g_test_run ();

  g_clear_pointer (&engine, ekyc_engine_free);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
