#define TINYGLTF_IMPLEMENTATION
#include "gltf_parse.h"

#include <fstream>
#include <iterator>

#include "gltf_glb.h"
#include "gltf_package_path.h"
#include "scenes/printable.h"

namespace ps::media::gltf {

namespace {

std::string expandNothing(const std::string& path, void*) { return path; }

bool fileInPackage(const std::string& path, void* user) {
  const auto* ctx = static_cast<const Context*>(user);
  std::error_code ec;
  return insidePackage(path, ctx->packageRoot) && std::filesystem::is_regular_file(path, ec);
}

bool readInPackage(std::vector<unsigned char>* out, std::string* err, const std::string& path, void* user) {
  const auto* ctx = static_cast<const Context*>(user);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!insidePackage(path, ctx->packageRoot) || ec || size > ctx->limits.maxFileBytes) {
    if (err) *err += "refused to read " + path + "\n";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  out->resize(static_cast<std::size_t>(size));  // one read, not a byte at a time
  in.read(reinterpret_cast<char*>(out->data()), static_cast<std::streamsize>(size));
  return in && static_cast<std::uintmax_t>(in.gcount()) == size;
}

bool writeNothing(std::string* err, const std::string&, const std::vector<unsigned char>&, void*) {
  if (err) *err += "the loader writes no files\n";
  return false;
}

// Keeps the encoded bytes of data-URI images; images in buffer views are taken from their
// (validated) views later, so the pointer tinygltf passes for them is never read.
bool keepEncoded(tinygltf::Image* image, const int, std::string*, std::string*, int, int, const unsigned char* bytes,
                 int size, void*) {
  if (image->bufferView >= 0 || size <= 0) return true;
  image->image.assign(bytes, bytes + size);
  image->as_is = true;
  return true;
}

// tinygltf's messages are lines; one diagnostic line holds them all.
std::string oneLine(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      if (!out.empty() && out.back() != ' ') out += "; ";
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
  return scenes::printable(out);
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// The GLB again with another JSON chunk (the placeholders for compressed data), same BIN chunk.
Result<std::vector<std::uint8_t>> withJson(std::span<const std::uint8_t> whole, const std::string& text, Context& ctx) {
  auto chunks = splitGlb(whole, ctx);
  if (!chunks) return chunks.error();
  const std::size_t jsonLength = (text.size() + 3) / 4 * 4, binLength = (chunks->bin.size() + 3) / 4 * 4;
  const std::size_t total = 12 + 8 + jsonLength + (chunks->hasBin ? 8 + binLength : 0);
  if (total > UINT32_MAX) return ctx.error("", "too large for a GLB once its compressed data is described");
  std::vector<std::uint8_t> out;
  out.reserve(total);
  put32(out, 0x46546C67u);  // "glTF"
  put32(out, 2);
  put32(out, static_cast<std::uint32_t>(total));
  put32(out, static_cast<std::uint32_t>(jsonLength));
  put32(out, 0x4E4F534Au);  // "JSON"
  out.insert(out.end(), text.begin(), text.end());
  out.resize(out.size() + jsonLength - text.size(), ' ');
  if (chunks->hasBin) {
    put32(out, static_cast<std::uint32_t>(binLength));
    put32(out, 0x004E4942u);  // "BIN"
    out.insert(out.end(), chunks->bin.begin(), chunks->bin.end());
    out.resize(out.size() + binLength - chunks->bin.size(), 0);
  }
  return out;
}

}  // namespace

Result<tinygltf::Model> parseModel(std::span<const std::uint8_t> whole, const Container& c, Context& ctx) {
  tinygltf::TinyGLTF loader;
  loader.SetFsCallbacks(tinygltf::FsCallbacks{&fileInPackage, &expandNothing, &readInPackage, &writeNothing, &ctx});
  loader.SetImageLoader(&keepEncoded, nullptr);
  tinygltf::Model model;
  std::string err, warn;
  const std::string base = ctx.baseDir.string();
  // A document with compressed data is parsed with its placeholders (gltf_compression.h).
  std::vector<std::uint8_t> rebuilt;
  Container placeheld = c;
  if (const auto& text = ctx.compression.tinygltfJson) {
    if (c.glb) {
      auto glb = withJson(whole, *text, ctx);
      if (!glb) return glb.error();
      rebuilt = std::move(glb).value();
      whole = rebuilt;
    } else {
      placeheld.json = std::span(reinterpret_cast<const std::uint8_t*>(text->data()), text->size());
    }
  }
  const bool parsed =
      c.glb ? loader.LoadBinaryFromMemory(&model, &err, &warn, whole.data(), static_cast<unsigned>(whole.size()), base)
            : loader.LoadASCIIFromString(&model, &err, &warn, reinterpret_cast<const char*>(placeheld.json.data()),
                                         static_cast<unsigned>(placeheld.json.size()), base);
  if (!warn.empty()) ctx.warn("", "tinygltf: " + oneLine(warn));
  if (!parsed) return ctx.error("", "tinygltf cannot parse it: " + (err.empty() ? std::string("no reason given") : oneLine(err)));
  return model;
}

}  // namespace ps::media::gltf
