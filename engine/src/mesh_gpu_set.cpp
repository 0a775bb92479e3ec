#include "mesh_gpu_set.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "engine/device.h"
#include "engine/image_limits.h"
#include "mesh_pipeline.h"
#include "mesh_shader_data.h"

namespace ps::engine {

namespace {

constexpr VkBufferUsageFlags kVertexUsage = VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
constexpr VkBufferUsageFlags kIndexUsage = VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
// A storage buffer (MeshPipeline's material set says why not a uniform buffer).
constexpr VkBufferUsageFlags kMaterialUsage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;

VkDeviceSize alignUp(VkDeviceSize value, VkDeviceSize alignment) { return (value + alignment - 1) / alignment * alignment; }

MeshMaterialData materialData(const scenes::MeshMaterial& m) {
  MeshMaterialData d;
  d.baseColorFactor = m.baseColorFactor;
  d.emissiveAndNormalScale = glm::vec4(m.emissiveFactor, m.normalScale);
  d.metallicRoughnessCutoff = glm::vec4(m.metallicFactor, m.roughnessFactor, m.alphaCutoff, 0.0f);
  d.flags = glm::uvec4(m.unlit ? 1u : 0u, static_cast<std::uint32_t>(m.alphaMode), m.normal ? 1u : 0u, 0u);
  return d;
}

// The triangles' indices of a primitive: its own, or 0..n-1 for a primitive without indices.
std::uint32_t indexCountOf(const scenes::MeshPrimitive& p) {
  if (!p.indices.empty()) return static_cast<std::uint32_t>(p.indices.size() / 3 * 3);
  return static_cast<std::uint32_t>(p.positions.size() / 3 * 3);
}

}  // namespace

MeshGpuSet::MeshGpuSet(const Device& device, MeshPipeline& pipeline, const MeshDefaultTextures& defaults,
                       const scenes::MeshScene& scene, FrameRecording& frame, const scenes::MeshImage* baseColor,
                       MeshRecycler* recycler) {
  auto makeBuffer = [&](VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible, std::string_view name) {
    return recycler ? recycler->buffer(device, size, usage, hostVisible, name)
                    : GpuBuffer(device, size, usage, hostVisible, name);
  };
  const VkCommandBuffer commands = frame.commands;
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device.physicalDevice(), &properties);

  // Material 0 is glTF's default material (a primitive without one), m + 1 is materials[m].
  std::vector<scenes::MeshMaterial> materials{scenes::MeshMaterial{}};
  materials.insert(materials.end(), scene.materials.begin(), scene.materials.end());

  // Each image as each material needs it: sRGB for colours, UNORM for the data textures.
  std::map<std::pair<int, bool>, std::size_t> textureOf;
  std::vector<std::pair<int, bool>> textureOrder;
  auto need = [&](const std::optional<scenes::TextureRef>& ref, bool srgb) {
    if (!ref) return;
    const std::pair<int, bool> key{ref->image, srgb};
    if (textureOf.emplace(key, textureOrder.size()).second) textureOrder.push_back(key);
  };
  // An override takes the place of the materials' own base colours: image -1 below.
  if (baseColor) need(scenes::TextureRef{-1}, true);
  for (const scenes::MeshMaterial& m : scene.materials) {
    if (!baseColor) need(m.baseColor, true);
    need(m.emissive, true);
    need(m.metallicRoughness, false);
    need(m.normal, false);
  }
  const bool blitSrgb = canBlitMips(device, VK_FORMAT_R8G8B8A8_SRGB);
  const bool blitLinear = canBlitMips(device, VK_FORMAT_R8G8B8A8_UNORM);
  constexpr VkImageUsageFlags kTextureUsage =
      VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  const VkExtent2D maxSrgb =
      imageLimit(device, VK_FORMAT_R8G8B8A8_SRGB, VK_IMAGE_TILING_OPTIMAL, kTextureUsage).maxExtent;
  const VkExtent2D maxLinear =
      imageLimit(device, VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TILING_OPTIMAL, kTextureUsage).maxExtent;
  std::vector<TextureUpload> uploads;
  uploads.reserve(textureOrder.size());
  auto imageOf = [&](int image) -> const scenes::MeshImage& {
    return image < 0 ? *baseColor : scene.images[static_cast<std::size_t>(image)];
  };
  for (const auto& [image, srgb] : textureOrder)
    uploads.emplace_back(imageOf(image),
                         srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM, srgb ? blitSrgb : blitLinear,
                         srgb ? maxSrgb : maxLinear);

  // The staging buffer's layout: vertices, indices, material blocks, skin vertices and morph
  // offsets (for a scene that deforms), textures.
  std::size_t vertexCount = 0, indexCount = 0, deltaCount = 0;
  bool deforms = false;
  for (const scenes::Mesh& mesh : scene.meshes)
    for (const scenes::MeshPrimitive& p : mesh.primitives) {
      if (indexCountOf(p) == 0) continue;
      vertexCount += p.positions.size();
      indexCount += indexCountOf(p);
      deltaCount += p.targets.size() * p.positions.size();
      deforms = deforms || !p.joints.empty() || !p.targets.empty();
    }
  const VkDeviceSize vertexBytes = vertexCount * sizeof(MeshVertex);
  const VkDeviceSize indexBytes = indexCount * sizeof(std::uint32_t);
  const VkDeviceSize materialStride =
      alignUp(sizeof(MeshMaterialData), std::max<VkDeviceSize>(properties.limits.minStorageBufferOffsetAlignment, 16));
  const VkDeviceSize materialBytes = materialStride * materials.size();
  const VkDeviceSize indexAt = alignUp(vertexBytes, 16);
  const VkDeviceSize materialAt = alignUp(indexAt + indexBytes, 16);
  const VkDeviceSize skinAt = alignUp(materialAt + materialBytes, 16);
  const VkDeviceSize skinBytes = deforms ? vertexCount * sizeof(MeshSkinVertex) : 0;
  const VkDeviceSize deltaAt = alignUp(skinAt + skinBytes, 16);
  // At least one entry: a scene skinned but not morphed still binds a Targets buffer.
  const VkDeviceSize deltaBytes = deforms ? std::max<std::size_t>(deltaCount, 1) * sizeof(MeshMorphDelta) : 0;
  VkDeviceSize stagingBytes = alignUp(deltaAt + deltaBytes, 16);
  std::vector<VkDeviceSize> textureAt;
  for (const TextureUpload& u : uploads) {
    textureAt.push_back(stagingBytes);
    stagingBytes = alignUp(stagingBytes + u.stagingBytes(), 16);
  }
  GpuBuffer staging = makeBuffer(stagingBytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true, "mesh set staging");

  // Vertices and indices, primitive after primitive.
  auto* vertexOut = reinterpret_cast<MeshVertex*>(staging.mapped());
  auto* indexOut = reinterpret_cast<std::uint32_t*>(staging.mapped() + indexAt);
  auto* skinOut = reinterpret_cast<MeshSkinVertex*>(staging.mapped() + skinAt);
  auto* deltaOut = reinterpret_cast<MeshMorphDelta*>(staging.mapped() + deltaAt);
  std::size_t vertexAt = 0, indexNext = 0, deltaNext = 0;
  meshes_.resize(scene.meshes.size());
  for (std::size_t m = 0; m < scene.meshes.size(); ++m) {
    for (const scenes::MeshPrimitive& p : scene.meshes[m].primitives) {
      const std::uint32_t count = indexCountOf(p);
      if (count == 0) continue;
      const std::size_t n = p.positions.size();
      for (std::size_t i = 0; i < n; ++i) {
        MeshVertex v;
        v.position = p.positions[i];
        if (!p.normals.empty()) v.normal = p.normals[i];
        if (!p.uvs.empty()) v.uv = p.uvs[i];
        if (!p.tangents.empty()) v.tangent = p.tangents[i];
        std::memcpy(&vertexOut[vertexAt + i], &v, sizeof v);
      }
      if (deforms)
        for (std::size_t i = 0; i < n; ++i) {
          MeshSkinVertex sv;
          if (!p.joints.empty()) {
            sv.joints = p.joints[i];
            sv.weights = p.weights[i];
          }
          std::memcpy(&skinOut[vertexAt + i], &sv, sizeof sv);
        }
      for (std::size_t t = 0; t < p.targets.size(); ++t)
        for (std::size_t i = 0; i < n; ++i) {
          const scenes::MorphTarget& target = p.targets[t];
          MeshMorphDelta d;
          if (!target.positions.empty()) d.position = glm::vec4(target.positions[i], 0.0f);
          if (!target.normals.empty()) d.normal = glm::vec4(target.normals[i], 0.0f);
          std::memcpy(&deltaOut[deltaNext + t * n + i], &d, sizeof d);
        }
      if (!p.indices.empty()) {
        std::memcpy(indexOut + indexNext, p.indices.data(), count * sizeof(std::uint32_t));
      } else {
        for (std::uint32_t i = 0; i < count; ++i) indexOut[indexNext + i] = i;
      }
      MeshGpuPrimitive g;
      g.firstIndex = static_cast<std::uint32_t>(indexNext);
      g.indexCount = count;
      g.vertexOffset = static_cast<std::int32_t>(vertexAt);
      g.materialSet = static_cast<std::uint32_t>(p.material + 1);
      const scenes::MeshMaterial& material = materials[g.materialSet];
      g.blend = material.alphaMode == scenes::AlphaMode::Blend;
      g.doubleSided = material.doubleSided;
      g.unlit = material.unlit;
      g.centre = 0.5f * (p.boundsMin + p.boundsMax);
      g.skinned = !p.joints.empty();
      g.targetCount = static_cast<std::uint32_t>(p.targets.size());
      g.morphBase = static_cast<std::uint32_t>(deltaNext);
      g.vertexCount = static_cast<std::uint32_t>(n);
      deltaNext += p.targets.size() * n;
      meshes_[m].push_back(g);
      vertexAt += n;
      indexNext += count;
    }
  }
  for (std::size_t i = 0; i < materials.size(); ++i) {
    const MeshMaterialData data = materialData(materials[i]);
    std::memcpy(staging.mapped() + materialAt + i * materialStride, &data, sizeof data);
  }

  // Device-local copies of the three.
  if (vertexBytes > 0) {
    vertices_ = makeBuffer(vertexBytes, kVertexUsage, false, "mesh vertices");
    indices_ = makeBuffer(indexBytes, kIndexUsage, false, "mesh indices");
    const VkBufferCopy vertexCopy{0, 0, vertexBytes};
    vkCmdCopyBuffer(commands, staging.handle(), vertices_.handle(), 1, &vertexCopy);
    const VkBufferCopy indexCopy{indexAt, 0, indexBytes};
    vkCmdCopyBuffer(commands, staging.handle(), indices_.handle(), 1, &indexCopy);
  }
  materials_ = makeBuffer(materialBytes, kMaterialUsage, false, "mesh materials");
  const VkBufferCopy materialCopy{materialAt, 0, materialBytes};
  vkCmdCopyBuffer(commands, staging.handle(), materials_.handle(), 1, &materialCopy);
  if (deforms && vertexBytes > 0) {
    skin_ = GpuBuffer(device, skinBytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, false,
                      "mesh skin vertices");
    deltas_ = GpuBuffer(device, deltaBytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                        false, "mesh morph targets");
    const VkBufferCopy skinCopy{skinAt, 0, skinBytes};
    vkCmdCopyBuffer(commands, staging.handle(), skin_.handle(), 1, &skinCopy);
    const VkBufferCopy deltaCopy{deltaAt, 0, deltaBytes};
    vkCmdCopyBuffer(commands, staging.handle(), deltas_.handle(), 1, &deltaCopy);
    deformPool_ = DescriptorPool(device, 1, {{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1}}, "mesh morph targets");
    deformSet_ = deformPool_.allocate(pipeline.deformSetLayout());
    const VkDescriptorBufferInfo info{deltas_.handle(), 0, VK_WHOLE_SIZE};
    VkWriteDescriptorSet write{};
    write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    write.dstSet = deformSet_;
    write.dstBinding = 0;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    write.pBufferInfo = &info;
    vkUpdateDescriptorSets(device.device(), 1, &write, 0, nullptr);
  }
  VkMemoryBarrier barrier{};
  barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_VERTEX_ATTRIBUTE_READ_BIT | VK_ACCESS_INDEX_READ_BIT | VK_ACCESS_SHADER_READ_BIT;
  vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_PIPELINE_STAGE_VERTEX_INPUT_BIT | VK_PIPELINE_STAGE_VERTEX_SHADER_BIT |
                           VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                       0, 1, &barrier, 0, nullptr, 0, nullptr);
  gpuBytes_ = vertexBytes + indexBytes + materialBytes + skin_.size() + deltas_.size();

  for (std::size_t i = 0; i < uploads.size(); ++i) {
    const scenes::MeshImage& image = imageOf(textureOrder[i].first);
    textures_.push_back(uploads[i].record(device, commands, staging, textureAt[i], "mesh texture " + image.name, recycler));
    gpuBytes_ += VkDeviceSize{image.width} * image.height * 4 * 4 / 3;  // a full chain is about 4/3 of level 0
  }
  if (recycler)
    recycler->recycle(frame.disposer, frame.serial, std::move(staging), VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  else
    frame.disposer.dispose(frame.serial, std::move(staging));

  // One descriptor set per material.
  const auto setCount = static_cast<std::uint32_t>(materials.size());
  pool_ = DescriptorPool(device, setCount,
                         {{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, setCount},
                          {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, setCount * MeshPipeline::kMaterialTextures}},
                         "mesh materials");
  for (std::size_t i = 0; i < materials.size(); ++i) {
    const scenes::MeshMaterial& m = materials[i];
    const VkDescriptorSet set = pool_.allocate(pipeline.materialSetLayout());
    materialSets_.push_back(set);
    const VkDescriptorBufferInfo block{materials_.handle(), i * materialStride, sizeof(MeshMaterialData)};
    auto imageInfo = [&](const std::optional<scenes::TextureRef>& ref, bool srgb, const GpuImage& fallback) {
      if (!ref) return VkDescriptorImageInfo{pipeline.sampler(scenes::TextureRef{}), fallback.view(),
                                             VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
      const GpuImage& texture = textures_[textureOf.at({ref->image, srgb})];
      return VkDescriptorImageInfo{pipeline.sampler(*ref), texture.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    };
    // The override is sampled clamped (an atlas does not repeat), with the material's filters.
    std::optional<scenes::TextureRef> base = m.baseColor;
    if (baseColor) {
      base = m.baseColor.value_or(scenes::TextureRef{});
      base->image = -1;
      base->wrapU = base->wrapV = scenes::TextureWrap::ClampToEdge;
    }
    const std::array<VkDescriptorImageInfo, MeshPipeline::kMaterialTextures> images{
        imageInfo(base, true, defaults.whiteSrgb),
        imageInfo(m.metallicRoughness, false, defaults.whiteLinear),
        imageInfo(m.normal, false, defaults.flatNormal),
        imageInfo(m.emissive, true, defaults.whiteSrgb),
    };
    std::array<VkWriteDescriptorSet, 1 + MeshPipeline::kMaterialTextures> writes{};
    for (std::uint32_t b = 0; b < writes.size(); ++b) {
      writes[b].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      writes[b].dstSet = set;
      writes[b].dstBinding = b;
      writes[b].descriptorCount = 1;
      if (b == 0) {
        writes[b].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[b].pBufferInfo = &block;
      } else {
        writes[b].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
        writes[b].pImageInfo = &images[b - 1];
      }
    }
    vkUpdateDescriptorSets(device.device(), static_cast<std::uint32_t>(writes.size()), writes.data(), 0, nullptr);
  }
}

void MeshGpuSet::recycle(MeshRecycler& recycler, Disposer& disposer, std::uint64_t lastUse) {
  recycler.recycle(disposer, lastUse, std::move(vertices_), kVertexUsage, false);
  recycler.recycle(disposer, lastUse, std::move(indices_), kIndexUsage, false);
  recycler.recycle(disposer, lastUse, std::move(materials_), kMaterialUsage, false);
  for (GpuImage& texture : textures_) recycler.recycle(disposer, lastUse, std::move(texture));
  textures_.clear();
  // The descriptor sets point at what went above; their pool goes when the frame is done.
  disposer.dispose(lastUse, std::move(pool_));
  disposer.dispose(lastUse, std::move(skin_));
  disposer.dispose(lastUse, std::move(deltas_));
  disposer.dispose(lastUse, std::move(deformPool_));
  deformSet_ = VK_NULL_HANDLE;
  materialSets_.clear();
  meshes_.clear();
  gpuBytes_ = 0;
}

std::span<const MeshGpuPrimitive> MeshGpuSet::primitives(int mesh) const {
  if (mesh < 0 || static_cast<std::size_t>(mesh) >= meshes_.size()) return {};
  return meshes_[static_cast<std::size_t>(mesh)];
}

}  // namespace ps::engine
