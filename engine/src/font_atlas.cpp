#include "engine/font_atlas.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include <stb/stb_truetype.h>

namespace ps::engine {

namespace {

std::vector<unsigned char> readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("font " + path.string() + ": cannot be opened");
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) throw std::runtime_error("font " + path.string() + ": empty file");
  return bytes;
}

}  // namespace

std::shared_ptr<const FontAtlas> FontAtlas::shared() {
  static const std::shared_ptr<const FontAtlas> atlas = load();
  return atlas;
}

std::shared_ptr<const FontAtlas> FontAtlas::load(const std::filesystem::path& fontFile, float bakedPixelHeight) {
  const std::vector<unsigned char> ttf = readFile(fontFile);
  stbtt_fontinfo info;
  const int offset = stbtt_GetFontOffsetForIndex(ttf.data(), 0);
  if (offset < 0 || stbtt_InitFont(&info, ttf.data(), offset) == 0)
    throw std::runtime_error("font " + fontFile.string() + ": not a TrueType font");
  std::shared_ptr<FontAtlas> atlas(new FontAtlas());
  atlas->baked_ = bakedPixelHeight;
  const float scale = stbtt_ScaleForPixelHeight(&info, bakedPixelHeight);
  int ascent = 0, descent = 0, gap = 0;
  stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
  atlas->ascent_ = static_cast<float>(ascent) * scale;
  atlas->descent_ = -static_cast<float>(descent) * scale;

  constexpr int count = static_cast<int>(kLast - kFirst + 1);
  std::vector<stbtt_bakedchar> baked(count);
  // Grows until every glyph fits: about 1024 x 512 at 48 px.
  for (std::uint32_t side = 256;; side *= 2) {
    atlas->width_ = side;
    atlas->height_ = side / 2;
    atlas->pixels_.assign(std::size_t{atlas->width_} * atlas->height_, 0);
    const int rows = stbtt_BakeFontBitmap(ttf.data(), offset, bakedPixelHeight, atlas->pixels_.data(),
                                          static_cast<int>(atlas->width_), static_cast<int>(atlas->height_),
                                          static_cast<int>(kFirst), count, baked.data());
    if (rows > 0) break;
    if (side >= 8192) throw std::runtime_error("font " + fontFile.string() + ": glyphs do not fit an 8192 atlas");
  }
  const glm::vec2 size(static_cast<float>(atlas->width_), static_cast<float>(atlas->height_));
  atlas->glyphs_.reserve(count);
  for (const stbtt_bakedchar& b : baked) {
    Glyph g;
    g.min = {b.xoff, b.yoff};
    g.max = g.min + glm::vec2(b.x1 - b.x0, b.y1 - b.y0);
    g.uvMin = glm::vec2(b.x0, b.y0) / size;
    g.uvMax = glm::vec2(b.x1, b.y1) / size;
    g.advance = b.xadvance;
    atlas->glyphs_.push_back(g);
  }
  return atlas;
}

const Glyph& FontAtlas::glyph(char32_t c) const {
  if (c < kFirst || c > kLast) c = U'?';
  return glyphs_[static_cast<std::size_t>(c - kFirst)];
}

float FontAtlas::widthOf(std::string_view utf8, float pixelHeight) const {
  float width = 0;
  for (const char32_t c : decodeUtf8(utf8)) width += glyph(c).advance;
  return width * pixelHeight / baked_;
}

std::vector<std::string> FontAtlas::wrap(std::string_view utf8, float pixelHeight, float maxWidthPx) const {
  std::vector<std::string> lines;
  std::string line;
  float lineWidth = 0;
  const float space = glyph(U' ').advance * pixelHeight / baked_;
  std::size_t at = 0;
  while (at <= utf8.size()) {
    const std::size_t end = std::min(utf8.find_first_of(" \n", at), utf8.size());
    const std::string_view word = utf8.substr(at, end - at);
    const float w = widthOf(word, pixelHeight);
    if (!line.empty() && lineWidth + space + w > maxWidthPx) {
      lines.push_back(std::move(line));
      line.clear();
      lineWidth = 0;
    }
    if (!line.empty()) {
      line += ' ';
      lineWidth += space;
    }
    line += word;
    lineWidth += w;
    if (end < utf8.size() && utf8[end] == '\n') {
      lines.push_back(std::move(line));
      line.clear();
      lineWidth = 0;
    }
    at = end + 1;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::u32string decodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || (extra > 0 && i + static_cast<std::size_t>(extra) >= s.size())) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    char32_t c = extra == 0 ? b : b & (0x3F >> extra);
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      const auto n = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((n & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      c = (c << 6) | (n & 0x3F);
    }
    if (!ok) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    out.push_back(c);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

}  // namespace ps::engine
