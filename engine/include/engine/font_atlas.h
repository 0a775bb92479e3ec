#pragma once
// A font rasterised once into an 8-bit coverage atlas (stb_truetype), for text drawn as
// textured quads in the eye pass (overlay_layer.h): Latin-1 (U+0020..U+00FF) baked at one pixel
// height, scaled when drawn; anything else shows as '?'. Plain CPU data: the layer uploads it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec2.hpp>

namespace ps::engine {

// The GUI's font (Debian's fonts-dejavu-core), so cards read like the panels.
inline const std::filesystem::path kDefaultFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

struct Glyph {
  // The glyph's box relative to the pen on the baseline, in pixels at the baked height (y down).
  glm::vec2 min{0.0f}, max{0.0f};
  glm::vec2 uvMin{0.0f}, uvMax{0.0f};  // in the atlas
  float advance = 0;                   // pixels at the baked height
};

class FontAtlas {
 public:
  static constexpr char32_t kFirst = 0x20, kLast = 0xFF;

  // Throws std::runtime_error naming the file when it cannot be read or is not a font.
  static std::shared_ptr<const FontAtlas> load(const std::filesystem::path& fontFile = kDefaultFontFile,
                                               float bakedPixelHeight = 48);
  // The default font, loaded once for the process on first use, from any thread (rasterising it
  // takes about 100 ms in a Debug build: an episode asks for it before its first frame, so its
  // first title card does not wait). Throws as load does, and tries again at the next call.
  static std::shared_ptr<const FontAtlas> shared();

  std::uint32_t width() const { return width_; }
  std::uint32_t height() const { return height_; }
  // width * height coverage bytes, rows top to bottom.
  const std::vector<std::uint8_t>& pixels() const { return pixels_; }
  float bakedPixelHeight() const { return baked_; }
  // Above and below the baseline at the baked height (descent positive, downward).
  float ascent() const { return ascent_; }
  float descent() const { return descent_; }
  // The glyph of a code point; '?' for one outside the atlas.
  const Glyph& glyph(char32_t codePoint) const;
  // The width of a line of UTF-8 text drawn `pixelHeight` tall.
  float widthOf(std::string_view utf8, float pixelHeight) const;
  // Lines of at most maxWidthPx, broken between words (a word wider than that is cut).
  std::vector<std::string> wrap(std::string_view utf8, float pixelHeight, float maxWidthPx) const;

 private:
  FontAtlas() = default;
  std::uint32_t width_ = 0, height_ = 0;
  std::vector<std::uint8_t> pixels_;
  float baked_ = 0, ascent_ = 0, descent_ = 0;
  std::vector<Glyph> glyphs_;  // kFirst..kLast
};

// UTF-8 to code points; a malformed sequence gives U+FFFD for each byte it spoils.
std::u32string decodeUtf8(std::string_view utf8);

}  // namespace ps::engine
