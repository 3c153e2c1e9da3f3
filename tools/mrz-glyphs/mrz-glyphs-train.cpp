/* mrz-glyphs-train.cpp — build-time tool: trains the MRZ reader's glyph classifier on OCR-B
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   mrz-glyphs-train OUTPUT.c
 *
 * Renders random MRZ-like lines in the installed OCR-B font (fonts-ocr-b), degrades them the way
 * cameras and printers do (stroke weight, width, slant, rotation, low resolution, blur, noise,
 * uneven light, JPEG), cuts them into cells with the reader's own line code
 * (engine/cv/ekyc-cv-mrz-line.cpp), projects the cells on their principal components and
 * keeps k-means prototypes per character (a linear discriminant was tried: 85 % right on the
 * training cells against 99 % for nearest neighbours). Writes the model as C arrays
 * (ekyc-cv-mrz-model.h). The random generators are seeded: the output is the same on every
 * build.
 */
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <pango/pangocairo.h>

#include "ekyc-cv-mrz-line.hpp"
#include "ekyc-cv-mrz-model.h"

namespace {

/* OCR-B, as the cards print it, and monospaced faces of other designs (a sans with a dotted 0,
 * Courier New's metric twin, a Courier-like slab serif, a narrow sans): an MRZ rendered in
 * another face than OCR-B (what "Courier" or "monospace" resolve to on Debian) is still read.
 * Each must be installed (fonts-ocr-b, fonts-dejavu-core, fonts-liberation2,
 * fonts-freefont-ttf, fonts-noto-mono). */
const char *const font_families[] = { "OCR B", "OCR B S", "DejaVu Sans Mono", "Liberation Mono",
                                      "FreeMono", "Noto Sans Mono" };
const int n_lines_per_font = 900;

struct Rng {
  std::mt19937 gen{ 20261125 };
  double uniform (double lo, double hi) { return std::uniform_real_distribution<> (lo, hi) (gen); }
  int integer (int lo, int hi) { return std::uniform_int_distribution<> (lo, hi) (gen); }
  bool chance (double p) { return uniform (0, 1) < p; }
};

/* Letters, digits and filler runs in the proportions of real MRZ lines. */
std::string
random_line (Rng &rng, int n)
{
  std::string s;
  while ((int) s.size () < n)
    {
      int kind = rng.integer (0, 3);
      int len = kind == 3 ? rng.integer (1, 10) : rng.integer (2, 9);
      for (int i = 0; i < len && (int) s.size () < n; i++)
        s += kind == 0 ? (char) ('0' + rng.integer (0, 9))
           : kind == 3 ? '<'
           : kind == 1 ? (char) ('A' + rng.integer (0, 25))
           : ekyc_mrz_alphabet[rng.integer (0, EKYC_MRZ_N_CLASSES - 1)];
    }
  return s;
}

/* Renders @text black on white with capitals @cap px high; returns the image, sets the line's
 * vertical centre. */
cv::Mat
render (const char *family, const std::string &text, double cap, double *centre_y)
{
  /* Measure the capital height of a 100 px font once per call (cheap next to the rest). */
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *ctx = pango_font_map_create_context (map);
  PangoLayout *layout = pango_layout_new (ctx);
  PangoFontDescription *desc = pango_font_description_new ();
  PangoRectangle ink_rect, logical;

  pango_font_description_set_family (desc, family);
  pango_font_description_set_absolute_size (desc, 100.0 * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, "H", -1);
  pango_layout_get_pixel_extents (layout, &ink_rect, nullptr);
  double size = 100.0 * cap / ink_rect.height;
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text.c_str (), -1);
  pango_layout_get_pixel_extents (layout, &ink_rect, &logical);

  int margin = (int) (2 * cap);
  int w = logical.width + 2 * margin, h = logical.height + 2 * margin;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, margin, margin);
  pango_cairo_update_context (cr, ctx);
  pango_cairo_show_layout (cr, layout);
  cairo_surface_flush (surface);

  cv::Mat bgra (h, w, CV_8UC4, cairo_image_surface_get_data (surface),
                (size_t) cairo_image_surface_get_stride (surface)), gray;
  cv::cvtColor (bgra, gray, cv::COLOR_BGRA2GRAY);
  /* "H" ink: its vertical centre is the line's. */
  PangoLayout *h_layout = pango_layout_new (ctx);
  pango_layout_set_font_description (h_layout, desc);
  pango_layout_set_text (h_layout, "H", -1);
  PangoRectangle h_ink;
  pango_layout_get_pixel_extents (h_layout, &h_ink, nullptr);
  *centre_y = margin + h_ink.y + h_ink.height / 2.0;

  g_object_unref (h_layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  pango_font_description_free (desc);
  g_object_unref (layout);
  g_object_unref (ctx);
  return gray;
}

/* One rendered line, degraded, brought back to the reader's scale; false if unusable. */
bool
degraded_line (Rng &rng, const char *family, const std::string &text, cv::Mat &out,
               double *centre_y)
{
  const double hi_cap = 48.0;
  double cy;
  cv::Mat img = render (family, text, hi_cap, &cy);

  /* Stroke weight. */
  int weight = rng.integer (-2, 2);
  if (weight != 0)
    {
      cv::Mat k = cv::getStructuringElement (cv::MORPH_ELLIPSE,
                                             cv::Size (2 * std::abs (weight) + 1,
                                                       2 * std::abs (weight) + 1));
      if (weight > 0)
        cv::erode (img, img, k);   /* dark ink grows */
      else
        cv::dilate (img, img, k);
    }
  /* Width, slant, rotation and the final resolution, as one affine. */
  double target_cap = rng.uniform (9.0, 30.0);
  double s = target_cap / hi_cap;
  double sx = s * rng.uniform (0.88, 1.12), shear = rng.uniform (-0.08, 0.08);
  double angle = rng.uniform (-1.5, 1.5) * CV_PI / 180;
  double ca = std::cos (angle), sa = std::sin (angle);
  cv::Matx23d m (ca * sx, -sa * s + shear * s, 0, sa * sx, ca * s, 0);
  cv::Size small_size ((int) (img.cols * sx) + 4, (int) (img.rows * s) + 4);
  cv::Mat small;
  cv::warpAffine (img, small, m, small_size, cv::INTER_AREA, cv::BORDER_REPLICATE);
  double small_cy = sa * sx * (img.cols / 2.0) + ca * s * cy;

  /* Contrast, uneven light, blur, noise, JPEG. */
  small.convertTo (small, CV_32F);
  double paper = rng.uniform (150, 255), ink = rng.uniform (0, std::min (110.0, paper - 50));
  small = ink + (paper - ink) * small / 255.0;
  double gx = rng.uniform (-0.25, 0.25) / small.cols;
  for (int c = 0; c < small.cols; c++)
    small.col (c) *= 1.0 + gx * (c - small.cols / 2.0);
  double sigma = rng.chance (0.8) ? rng.uniform (0.0, 1.1) : 0.0;
  if (sigma > 0.15)
    cv::GaussianBlur (small, small, cv::Size (0, 0), sigma);
  cv::Mat noise (small.size (), CV_32F);
  cv::randn (noise, 0, rng.uniform (0, 8));
  small += noise;
  small.convertTo (small, CV_8U);
  if (rng.chance (0.4))
    {
      std::vector<uchar> buf;
      cv::imencode (".jpg", small, buf, { cv::IMWRITE_JPEG_QUALITY, rng.integer (40, 90) });
      small = cv::imdecode (buf, cv::IMREAD_GRAYSCALE);
    }
  /* Back to the reader's scale, where capitals are about EKYC_MRZ_LINE_HEIGHT high. */
  double up = EKYC_MRZ_LINE_HEIGHT * rng.uniform (0.88, 1.12) / target_cap;
  cv::resize (small, out, cv::Size (), up, up, cv::INTER_CUBIC);
  *centre_y = small_cy * up + rng.uniform (-3, 3);
  return !out.empty ();
}

void
write_floats (FILE *f, const cv::Mat &m)
{
  for (int r = 0; r < m.rows; r++)
    {
      std::fprintf (f, "  {");
      for (int c = 0; c < m.cols; c++)
        std::fprintf (f, "%s%.6gf,", c % 8 == 0 ? "\n    " : " ", (double) m.at<float> (r, c));
      std::fprintf (f, "\n  },\n");
    }
}

void
write_model (const char *path, const cv::Mat &mean, const cv::Mat &components,
             const cv::Mat &prototypes, const double scale[EKYC_MRZ_N_GROUPS])
{
  FILE *f = std::fopen (path, "w");
  if (f == nullptr)
    {
      std::perror (path);
      std::exit (1);
    }
  std::fprintf (f, "/* Generated by tools/mrz-glyphs/mrz-glyphs-train from OCR-B and other "
                   "monospaced fonts: do not edit.\n"
                   " * SPDX-License-Identifier: LGPL-2.1-or-later */\n"
                   "#include \"ekyc-cv-mrz-model.h\"\n\n");
  std::fprintf (f, "const float _ekyc_mrz_model_mean[1][EKYC_MRZ_FEATURE_DIM] = {\n");
  write_floats (f, mean);
  std::fprintf (f, "};\n\nconst float _ekyc_mrz_model_components[EKYC_MRZ_PCA_DIM]"
                   "[EKYC_MRZ_FEATURE_DIM] = {\n");
  write_floats (f, components);
  std::fprintf (f, "};\n\n/* EKYC_MRZ_PROTOTYPES per group and class, classes in "
                   "ekyc_mrz_alphabet order */\n"
                   "const float _ekyc_mrz_model_prototypes[EKYC_MRZ_N_GROUPS * EKYC_MRZ_N_CLASSES"
                   " * EKYC_MRZ_PROTOTYPES][EKYC_MRZ_PCA_DIM] = {\n");
  write_floats (f, prototypes);
  std::fprintf (f, "};\n\nconst float _ekyc_mrz_model_distance_scale[EKYC_MRZ_N_GROUPS] = "
                   "{ %.6gf, %.6gf };\n", scale[0], scale[1]);
  std::fclose (f);
}

} // namespace

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      std::fprintf (stderr, "usage: %s OUTPUT.c\n", argv[0]);
      return 2;
    }
  cv::setNumThreads (1);
  cv::setRNGSeed (7);
  Rng rng;
  std::vector<float> all;
  std::vector<int> labels, groups;
  int lines_ok = 0, lines_total = 0;
  const int lengths[] = { 30, 36, 44 };

  for (const char *family : font_families)
    {
      int group = std::strncmp (family, "OCR B", 5) == 0 ? 0 : 1;

      /* Fail the build rather than train on a fallback font. */
      PangoFontDescription *desc = pango_font_description_from_string (family);
      PangoContext *ctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      PangoFont *font = pango_font_map_load_font (pango_cairo_font_map_get_default (), ctx, desc);
      PangoFontDescription *got = pango_font_describe (font);
      const char *got_family = pango_font_description_get_family (got);
      if (got_family == nullptr || g_ascii_strncasecmp (got_family, family, 5) != 0)
        {
          std::fprintf (stderr, "mrz-glyphs-train: font \"%s\" resolves to \"%s\": install "
                                "fonts-ocr-b fonts-dejavu-core fonts-liberation2 "
                                "fonts-freefont-ttf fonts-noto-mono\n",
                        family, got_family ? got_family : "?");
          return 1;
        }
      pango_font_description_free (got);
      g_object_unref (font);
      g_object_unref (ctx);
      pango_font_description_free (desc);

      for (int i = 0; i < n_lines_per_font; i++)
        {
          int n = lengths[rng.integer (0, 2)];
          std::string text = random_line (rng, n);
          cv::Mat line;
          double cy;
          std::vector<float> features;

          lines_total++;
          if (!degraded_line (rng, family, text, line, &cy))
            continue;
          cv::Mat ink = ekyc_mrz_ink_map (line, EKYC_MRZ_LINE_HEIGHT);
          if (!ekyc_mrz_line_features (ink, cy, EKYC_MRZ_LINE_HEIGHT, n, features))
            continue;
          lines_ok++;
          all.insert (all.end (), features.begin (), features.end ());
          for (char ch : text)
            {
              labels.push_back ((int) (std::strchr (ekyc_mrz_alphabet, ch) - ekyc_mrz_alphabet));
              groups.push_back (group);
            }
        }
    }

  const int dim = EKYC_MRZ_FEATURE_DIM, n = (int) labels.size ();
  if (const char *dump = g_getenv ("MRZ_GLYPHS_DUMP"))
    {
      /* For exploring the features: floats, then int labels. */
      FILE *f = std::fopen (dump, "wb");
      std::fwrite (all.data (), sizeof (float), all.size (), f);
      std::fwrite (labels.data (), sizeof (int), labels.size (), f);
      std::fclose (f);
    }
  cv::Mat x (n, dim, CV_32F, all.data ());

  /* Principal components of a subsample (OCR-B's cells, the first), then k-means prototypes
   * per group and class in that space. */
  cv::Mat subsample = x.rowRange (0, std::min (n, 20000));
  cv::PCA pca (subsample, cv::Mat (), cv::PCA::DATA_AS_ROW, EKYC_MRZ_PCA_DIM);
  cv::Mat z = pca.project (x);
  const int per_group = EKYC_MRZ_N_CLASSES * EKYC_MRZ_PROTOTYPES;
  cv::Mat prototypes (EKYC_MRZ_N_GROUPS * per_group, EKYC_MRZ_PCA_DIM, CV_32F);
  for (int g = 0; g < EKYC_MRZ_N_GROUPS; g++)
    for (int c = 0; c < EKYC_MRZ_N_CLASSES; c++)
      {
        cv::Mat members, bestLabels, centres;
        int first = g * per_group + c * EKYC_MRZ_PROTOTYPES;
        for (int i = 0; i < n; i++)
          if (labels[i] == c && groups[i] == g)
            members.push_back (z.row (i));
        if (members.rows < EKYC_MRZ_PROTOTYPES)
          {
            std::fprintf (stderr, "mrz-glyphs-train: too few samples of '%c'\n",
                          ekyc_mrz_alphabet[c]);
            return 1;
          }
        cv::kmeans (members, EKYC_MRZ_PROTOTYPES, bestLabels,
                    cv::TermCriteria (cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 20, 1e-4),
                    1, cv::KMEANS_PP_CENTERS, centres);
        centres.copyTo (prototypes.rowRange (first, first + EKYC_MRZ_PROTOTYPES));
      }

  /* Training accuracy and the distance scale for the probabilities, per way of reading: OCR-B's
   * cells by OCR-B's prototypes, every cell by every prototype. */
  double scale[EKYC_MRZ_N_GROUPS];
  for (int faces = 1; faces <= EKYC_MRZ_N_GROUPS; faces++)
    {
      int right = 0, counted = 0;
      double nearest_sum = 0;
      for (int i = 0; i < n; i++)
        {
          double best = 1e300;
          int best_class = -1;
          if (groups[i] >= faces)
            continue;
          for (int p = 0; p < faces * per_group; p++)
            {
              double d = cv::norm (z.row (i), prototypes.row (p), cv::NORM_L2SQR);
              if (d < best)
                best = d, best_class = (p % per_group) / EKYC_MRZ_PROTOTYPES;
            }
          right += best_class == labels[i];
          nearest_sum += best;
          counted++;
        }
      scale[faces - 1] = nearest_sum / counted;
      std::fprintf (stderr, "mrz-glyphs-train: %d/%d lines cut; %s: %d cells, %.2f %% right "
                            "on the training cells\n", lines_ok, lines_total,
                    faces == 1 ? "OCR-B's prototypes" : "every face's", counted,
                    100.0 * right / counted);
    }
  write_model (argv[1], pca.mean, pca.eigenvectors, prototypes, scale);
  return 0;
}
