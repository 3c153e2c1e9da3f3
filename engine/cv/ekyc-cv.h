/* ekyc-cv.h — the engine's only door into OpenCV: plain C declarations of the C++ shim
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything here is internal (prefix _ekyc_cv_). Each function catches every C++ exception and
 * reports failure through its return value and a g_malloc'd message (*error_message, may be NULL).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A read-only view of 8-bit pixels; channels 1, 3 or 4 with the given order. */
typedef enum {
  EKYC_CV_ORDER_GRAY,
  EKYC_CV_ORDER_RGB,
  EKYC_CV_ORDER_BGR,
  EKYC_CV_ORDER_RGBA,
  EKYC_CV_ORDER_BGRA,
  EKYC_CV_ORDER_ARGB,
  EKYC_CV_ORDER_ABGR,
} EkycCvOrder;

typedef struct {
  const uint8_t *pixels;
  int            width, height;
  size_t         stride;
  EkycCvOrder    order;
} EkycCvView;

/* How a model wants its input: NCHW float, value = (pixel - mean) * scale, channel order. */
typedef struct {
  int   width, height;
  int   rgb;          /* 1: R,G,B planes; 0: B,G,R */
  float mean, scale;
  float channel_mean[3]; /* per plane, in blob order; used instead of mean when not all zero */
  int   border_replicate; /* 1: replicate edge pixels outside the image; 0: black */
} EkycCvBlobSpec;

typedef struct _EkycCvNet EkycCvNet;

EkycCvNet *_ekyc_cv_net_load (const char *onnx_path, int n_outputs, const char *const *output_names,
                              char **error_message);
void       _ekyc_cv_net_free (EkycCvNet *net);
/* Input: one NCHW blob of c × h × w floats. Outputs: copied into caller buffers of the given
 * sizes (floats); fails when a size differs from what the model produced. Not thread-safe
 * for one net. */
int        _ekyc_cv_net_forward (EkycCvNet *net, const float *input, int c, int h, int w,
                                 float *const *outputs, const size_t *output_sizes,
                                 char **error_message);

/* Samples the view through the 2×3 affine @dst_to_src (maps blob pixel → image pixel, bilinear)
 * into @blob (spec->width × spec->height × 3 floats, NCHW). */
int _ekyc_cv_warp_to_blob (const EkycCvView *view, const double dst_to_src[6],
                           const EkycCvBlobSpec *spec, float *blob, char **error_message);

/* Same warp into an 8-bit BGR buffer (width × height × 3, tightly packed). */
int _ekyc_cv_warp_to_bgr (const EkycCvView *view, const double dst_to_src[6], int width,
                          int height, int border_replicate, uint8_t *bgr, char **error_message);

/* Decodes an encoded image into a g_malloc'd BGR buffer (stride = width × 3), honouring EXIF
 * orientation. */
int _ekyc_cv_decode (const uint8_t *data, size_t length, uint8_t **bgr_out, int *width_out,
                     int *height_out, char **error_message);

/* Writes a JPEG. */
int _ekyc_cv_write_jpeg (const EkycCvView *view, const char *path, int quality,
                         char **error_message);

/* Grey-level statistics of a region sampled through @dst_to_src into size × size pixels (so
 * sharpness is measured at a fixed scale): mean luma, variance of the Laplacian, fraction of
 * pixels >= 250. */
int _ekyc_cv_region_stats (const EkycCvView *view, const double dst_to_src[6], int size,
                           double *mean_luma, double *laplacian_variance, double *overexposed,
                           char **error_message);

/* MRZ reading (ekyc-cv-mrz.cpp). One text block read as 2 or 3 lines of fixed-pitch characters,
 * each with its EKYC_CV_MRZ_NBEST likeliest characters; each block's lines are read twice in a
 * row, by OCR-B's glyphs, then by those of every face the classifier knows. */
#define EKYC_CV_MRZ_NBEST 4
#define EKYC_CV_MRZ_MAX_READINGS 12
typedef struct {
  int    n_lines, n_chars;
  char   alt[3][44][EKYC_CV_MRZ_NBEST];   /* alt[l][c][0] is the best reading */
  float  prob[3][44][EKYC_CV_MRZ_NBEST];  /* posterior of each alternative, 0..1 */
  double corners[8];                      /* the block, clockwise from its top-left */
} EkycCvMrzText;

/* Finds MRZ-like blocks of 2 or 3 long parallel text lines in @view (upside down when @flip)
 * and reads up to @max of them, likeliest block first. *n_blocks: blocks found (some may not
 * cut into characters); *n_read: readings written. */
int _ekyc_cv_mrz_read (const EkycCvView *view, int flip, EkycCvMrzText *out, int max,
                       int *n_blocks, int *n_read, char **error_message);

/* Sets OpenCV's thread count (0: its default). */
void _ekyc_cv_set_num_threads (int n);

/* Card detection (ekyc-cv-card.cpp). Corners clockwise from the card's top-left, in pixel-edge
 * coordinates (the image's top-left pixel covers [0,1] × [0,1]). */
typedef struct {
  int    found;
  double corners[8];     /* x0, y0, … x3, y3 */
  int    border_sides;   /* bit i: side i (corner i → i+1) lies on the frame edge */
  double coarse_score;   /* 0..1: edge support, aspect and area of the coarse quad */
  double edge_support;   /* 0..1: fraction of refinement samples on the fitted lines */
} EkycCvCardQuad;

/* Finds the most card-like quadrilateral; out->found = 0 when there is none. */
int _ekyc_cv_card_find (const EkycCvView *view, EkycCvCardQuad *out, char **error_message);
/* Warps the quad @corners onto a width × height BGR buffer (tightly packed). */
int _ekyc_cv_card_warp (const EkycCvView *view, const double corners[8], int width, int height,
                        uint8_t *bgr, char **error_message);
/* Statistics of the card rectified to 500 px wide, margins left out. */
typedef struct {
  double sharpness;        /* variance of the Laplacian */
  double brightness;       /* mean luma */
  double glare;            /* fraction of pixels in saturated blobs far above the median */
  /* How periodic the ink is at the MRZ's character pitch where a back's MRZ lies (about
   * 0.9 or more on a back, 0.21 at most elsewhere), on the card as seen and turned half a turn. */
  double mrz_pitch;
  double mrz_pitch_turned;
  /* Mean redness (R − max (G, B), 0..255) where both layouts' red national emblem lies, at
   * the top left, and where it lies on the card turned half a turn (the bottom right). */
  double emblem_red;
  double emblem_red_turned;
} EkycCvCardStats;

int _ekyc_cv_card_stats (const EkycCvView *view, const double corners[8], EkycCvCardStats *out,
                         char **error_message);

/* Frames (ekyc-cv-frame.cpp). Cuts @crop (x, y, width, height in pixels, clipped to the view)
 * out of @view, scales it to @width × @height (area-averaged when smaller), adds a border
 * |@pad| pixels wide (@pad > 0: its edge pixels repeated; < 0: mid-grey) and turns the result
 * @quarter_turns × 90° clockwise, into a new
 * g_malloc'd BGR buffer (stride = *width_out × 3). */
int _ekyc_cv_frame_transform (const EkycCvView *view, const int crop[4], int width, int height,
                              int pad, int quarter_turns, uint8_t **bgr_out, int *width_out,
                              int *height_out, char **error_message);

/* QR reading (ekyc-cv-qr.cpp). Samples the part @region (x0, y0, x1, y1 as fractions of the
 * quad's unit square) of the quadrilateral @corners (pixel-edge coordinates, clockwise from its
 * top-left) into a width × height grey buffer with bicubic interpolation; sharpens it with an
 * unsharp mask, (1 + amount) · grey − amount · Gaussian(grey, sigma px), when amount > 0.
 * @to_image receives the homography (3×3, row-major) from the buffer's pixel-edge coordinates
 * to the view's. */
int _ekyc_cv_qr_sample (const EkycCvView *view, const double corners[8], const double region[4],
                        int width, int height, double sigma, double amount, uint8_t *grey_out,
                        double to_image[9], char **error_message);
/* Whether a width × height grey buffer shows a QR code's three finder patterns (the 1:1:3:1:1
 * dark-light rings, across and down through one centre, on several rows, at the corners of a
 * right angle of equal legs), binarised against the mean of a @block px square around each
 * pixel (about two finder patterns wide): 1 yes, 0 no, -1 on error. */
int _ekyc_cv_qr_has_finders (const uint8_t *grey, int width, int height, int block,
                             char **error_message);

#ifdef __cplusplus
}
#endif
