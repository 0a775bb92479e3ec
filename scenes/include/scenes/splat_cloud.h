#pragma once
// A cloud of 3D Gaussian splats as plain CPU data: what media/ decodes a splat file (INRIA
// .ply, SuperSplat's compressed .ply, Niantic .spz) into, and what the engine's splat layer
// draws. Values are stored activated, as the splatting equations use them, not as files store
// them: a scale is a standard deviation in metres (files store its log), an opacity is in
// [0, 1] (files store a logit), a rotation is a unit quaternion.
//
// Colour is view-dependent through real spherical harmonics of degree 0..3, in the capture's
// own display-encoded space (blending happens in that space, as the reference rasterisers do):
//   colour(dir) = baseColor + sum over l = 1..degree, m = -l..l of SH_lm(dir) * sh[k]
// with baseColor = 0.5 + C0 * f_dc (C0 = 0.28209479177387814), dir the unit vector from the
// eye to the splat's centre in the cloud's space, and SH_lm the basis with the constants and
// the signs of the reference implementation (graphdeco-inria's computeColorFromSH). The result
// is clamped below at 0.
//
// Conventions: right-handed, metres, the capture's own axes (the shot places the cloud with a
// transform; INRIA captures are usually Y down, which the placement turns). Already validated
// by whoever filled it: every value finite, sizes consistent (see check()), so the engine
// checks nothing again.
#include <cstddef>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

namespace ps::scenes {

// Coefficients per colour channel beyond the base colour: 0, 3, 8 or 15 for degree 0..3.
constexpr std::size_t shRestPerChannel(int degree) { return static_cast<std::size_t>((degree + 1) * (degree + 1) - 1); }
inline constexpr int kMaxShDegree = 3;
inline constexpr double kShC0 = 0.28209479177387814;

struct SplatBounds {
  glm::vec3 min{0.0f}, max{0.0f};  // of the centres; both zero for an empty cloud
};

struct SplatCloud {
  int shDegree = 0;  // 0..3
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> scales;     // standard deviations along the rotated axes, metres (> 0)
  std::vector<glm::quat> rotations;  // unit length; glm's (w, x, y, z)
  std::vector<float> opacities;      // [0, 1]
  std::vector<glm::vec3> baseColors; // 0.5 + C0 * f_dc, display-encoded; may lie outside [0, 1]
  // shRestPerChannel(shDegree) * 3 floats per splat, splat-major, then coefficient (k = 1 ..),
  // then channel (r, g, b): sh[(i * rest + (k - 1)) * 3 + c]. Files that store the rest
  // channel-major (INRIA's f_rest_*) are reordered by the reader.
  std::vector<float> sh;

  std::size_t size() const { return positions.size(); }
  bool empty() const { return positions.empty(); }
  // Reserves and clears every array for `count` splats of `degree`.
  void resize(std::size_t count, int degree);
  // "" when the arrays agree with size() and shDegree and every value is finite and in range
  // (scale > 0, opacity in [0, 1], rotation of unit length within 1e-3), else a sentence
  // naming the first splat and field at fault.
  std::string check() const;
  SplatBounds bounds() const;
  // Bytes of the arrays (what a sequence's memory budget counts).
  std::size_t bytes() const;
};

// Reorders the splats, most important first: by opacity times the area of the splat's two
// largest axes (what it covers at a given distance), ties kept in their order. What a budget
// that keeps a cloud's first splats should keep.
void sortByImportance(SplatCloud& cloud);

// The view-dependent colour of splat i seen along unit `dir` (eye to centre), clamped below at
// 0: the CPU form of what the splat shaders evaluate, for tests, picking and generators.
glm::vec3 splatColor(const SplatCloud& cloud, std::size_t i, const glm::vec3& dir);

}  // namespace ps::scenes
