#pragma once
// A CPU reference renderer for Gaussian splats, in double precision, written from the published
// equations (Kerbl et al. 2023, "3D Gaussian Splatting for Real-Time Radiance Field Rendering";
// Zwicker et al. 2002, "EWA Splatting") and independent of any shader code: what the GPU splat
// layer is tested against. Slow and exact; meant for fixtures of a few thousand splats.
//
// Conventions (shared with the GPU splat layer):
//  - Eye space: x right, y up, -z forward. The view depth of a point is t = -z_eye (distance
//    along the view axis); tanX = x_eye / t, tanY = y_eye / t.
//  - Pixels: x right, y down, pixel (i, j) has its centre at (i + 0.5, j + 0.5). A point maps to
//      px = (tanX - tanLeft) / (tanRight - tanLeft) * width
//      py = (tanUp - tanY)   / (tanUp - tanDown)    * height
//  - A splat whose centre has t <= nearM is culled (it contributes nothing).
//  - 3D covariance: Sigma = R S S^T R^T (R from the unit quaternion, S = diag(scale)), then
//    M Sigma M^T with M the linear part of worldToEye * cloudToWorld (rotation and uniform scale).
//  - 2D covariance: J Sigma_eye J^T + 0.3 I (px^2), J the Jacobian of (px, py) with respect to
//    eye space at the centre, in pixels:
//      J = [ sx/t   0     sx*tanXc/t ]      sx = width  / (tanRight - tanLeft)
//          [ 0     -sy/t -sy*tanYc/t ]      sy = height / (tanUp - tanDown)
//    where tanXc, tanYc are the centre's tanX, tanY clamped to [1.3 tanLeft, 1.3 tanRight] and
//    [1.3 tanDown, 1.3 tanUp] (as the reference rasteriser clamps them); the centre itself is
//    projected unclamped.
//  - Footprint: a square of r = ceil(3 sqrt(lambdaMax)) pixels around the projected centre, with
//    lambdaMax the larger eigenvalue of the 2D covariance: pixel centres c with |c.x - px| <= r
//    and |c.y - py| <= r.
//  - Opacity at a pixel centre c, d = c - (px, py): alpha = min(0.99, opacity exp(-1/2 d^T
//    Sigma2D^-1 d)); a splat whose alpha is below 1/255 there is skipped.
//  - Order: per pixel, splats by t ascending (this eye's own depth; ties by index in the cloud),
//    composited front to back: C = sum c_i alpha_i T_i, T_i = prod_{j<i} (1 - alpha_j), T_0 = 1.
//    Compositing stops before the splat that would take T below 1e-4 (that splat is not added).
//    Then C += T * background.
//  - Colour: degree 0..3 real spherical harmonics with the reference rasteriser's constants and
//    signs (scenes::splatColor's basis), evaluated in double for dir = normalise(centre - eye),
//    in the cloud's space (the eye position mapped by the inverse of cloudToWorld); clamped below
//    at 0 per splat, not above (an image's colour may exceed 1; toImage8 clamps).
//  - Depth: the transmittance-weighted view depth sum(alpha_i T_i t_i) / sum(alpha_i T_i) over
//    the splats composited; NaN where nothing was composited.
#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "image.h"
#include "scenes/splat_cloud.h"

namespace ps::test {

struct ReferenceCamera {
  glm::dmat4 worldToEye{1.0};  // x right, y up, -z forward
  // Tangents of the field-of-view angles; left and down are negative.
  double tanLeft = -1.0, tanRight = 1.0, tanUp = 1.0, tanDown = -1.0;
  int width = 0, height = 0;
  double nearM = 0.05;
};

struct ReferenceImage {
  int width = 0, height = 0;
  std::vector<glm::dvec3> color;  // row-major from the top; display-encoded, over the background
  std::vector<double> alpha;      // 1 - final transmittance
  std::vector<double> depth;      // transmittance-weighted view depth; NaN where nothing was drawn

  std::size_t index(int x, int y) const { return static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x); }
};

ReferenceImage renderSplatsReference(const scenes::SplatCloud& cloud, const glm::dmat4& cloudToWorld,
                                     const ReferenceCamera& camera, glm::dvec3 background);

// The colour of splat i seen along unit `dir` (eye to centre, cloud space), in double, clamped
// below at 0: the reference's own SH evaluation.
glm::dvec3 referenceSplatColor(const scenes::SplatCloud& cloud, std::size_t i, const glm::dvec3& dir);

// Where a point in world space lands: pixel coordinates (x, y) and view depth t (z).
glm::dvec3 referenceProject(const ReferenceCamera& camera, const glm::dvec3& world);

// A symmetric camera at `eye` looking at `target` (world up +y), of horizontal field of view
// `fovXDegrees` and square pixels.
ReferenceCamera referenceLookAt(const glm::dvec3& eye, const glm::dvec3& target, double fovXDegrees, int width,
                                int height);

// 8-bit RGB: colour clamped to [0, 1], rounded.
Image toImage8(const ReferenceImage& image);
// PSNR over RGB of two images of one size, each colour clamped to [0, 1], peak 1. Infinity when
// identical. Throws std::runtime_error when the sizes differ.
double psnr(const ReferenceImage& a, const ReferenceImage& b);

}  // namespace ps::test
