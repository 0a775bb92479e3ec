#include "media/gltf_loader.h"

#include <fstream>
#include <iterator>
#include <system_error>

#include "gltf_accessor.h"
#include "gltf_animation.h"
#include "gltf_context.h"
#include "gltf_decompress.h"
#include "gltf_glb.h"
#include "gltf_image.h"
#include "gltf_material.h"
#include "gltf_nodes.h"
#include "gltf_package_path.h"
#include "gltf_parse.h"
#include "gltf_prepass.h"
#include "gltf_primitive.h"
#include "gltf_skin.h"
#include "scenes/printable.h"

namespace ps::media {

namespace fs = std::filesystem;
using scenes::quote;

namespace {

Result<GltfSet> decode(std::span<const std::uint8_t> bytes, gltf::Context& ctx) {
  if (bytes.size() > ctx.limits.maxFileBytes)
    return ctx.error("", std::to_string(bytes.size()) + " bytes, over the limit of " +
                             std::to_string(ctx.limits.maxFileBytes));
  if (!gltf::insidePackage(ctx.baseDir, ctx.packageRoot))
    return ctx.error("", "its folder " + quote(ctx.baseDir.string()) + " is outside the package folder " +
                             quote(ctx.packageRoot.string()));
  gltf::Container container;
  if (gltf::isGlb(bytes)) {
    auto chunks = gltf::splitGlb(bytes, ctx);
    if (!chunks) return chunks.error();
    container = {chunks->json, true, chunks->hasBin, chunks->bin.size()};
  } else {
    if (bytes.empty()) return ctx.error("", "the file is empty");
    container.json = bytes;
  }
  if (Status s = gltf::prepass(container, ctx); !s) return s.error();
  auto model = gltf::parseModel(bytes, container, ctx);
  if (!model) return model.error();
  if (Status s = gltf::decompress(*model, ctx); !s) return s.error();
  if (Status s = gltf::checkAccessors(*model, ctx); !s) return s.error();

  GltfSet set;
  auto materials = gltf::readMaterials(*model, ctx);
  if (!materials) return materials.error();
  set.scene.materials = std::move(materials).value();
  gltf::Totals totals;
  for (std::size_t m = 0; m < model->meshes.size(); ++m) {
    auto mesh = gltf::readMesh(*model, m, ctx, totals);
    if (!mesh) return mesh.error();
    set.scene.meshes.push_back(std::move(mesh).value());
  }
  if (Status s = gltf::readNodes(*model, ctx, set.scene); !s) return s.error();
  if (Status s = gltf::readSkins(*model, ctx, set.scene); !s) return s.error();
  if (Status s = gltf::readAnimations(*model, ctx, set.scene); !s) return s.error();
  // Last, as the costliest step: nothing is decoded for a set refused on its structure.
  auto images = gltf::decodeImages(*model, ctx);
  if (!images) return images.error();
  set.scene.images = std::move(images).value();
  set.warnings = std::move(ctx.warnings);
  return set;
}

}  // namespace

Result<GltfSet> loadGltfBytes(std::span<const std::uint8_t> bytes, const std::string& name, const fs::path& baseDir,
                              const fs::path& packageRoot, const GltfLimits& limits) {
  gltf::Context ctx;
  ctx.file = name;
  ctx.baseDir = baseDir.empty() ? fs::path(".") : baseDir;
  ctx.packageRoot = packageRoot.empty() ? fs::path(".") : packageRoot;
  ctx.limits = limits;
  return decode(bytes, ctx);
}

Result<GltfSet> loadGltf(const fs::path& file, const fs::path& packageRoot, const GltfLimits& limits) {
  const std::string name = file.string();
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (ec || !fs::exists(status)) return Error{scenes::printable(name), "the file does not exist", {}};
  if (!fs::is_regular_file(status)) return Error{scenes::printable(name), "not a regular file", {}};
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) return Error{scenes::printable(name), "cannot be read: " + ec.message(), {}};
  if (size > limits.maxFileBytes)
    return Error{scenes::printable(name),
                 std::to_string(size) + " bytes, over the limit of " + std::to_string(limits.maxFileBytes), {}};
  // One read of the size just found: a mesh sequence reads a file per frame, and byte-wise
  // stream iteration cost more than decoding them. A file that changed size since is refused.
  std::ifstream in(file, std::ios::binary);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
  if (!in || static_cast<std::uintmax_t>(in.gcount()) != size || in.peek() != std::ifstream::traits_type::eof())
    return Error{scenes::printable(name), "cannot be read (or changed size while it was read)", {}};
  return loadGltfBytes(bytes, name, file.parent_path(), packageRoot, limits);
}

}  // namespace ps::media
