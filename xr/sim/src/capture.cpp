#include "capture.h"

#include <stb_image_write.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "log.h"

namespace ps::sim {
namespace {

// A host-visible buffer freed with its memory when it goes out of scope.
class HostBuffer {
 public:
  HostBuffer(VulkanDevice& vulkan, VkDeviceSize size) : vulkan_(vulkan) {
    const VulkanFunctions& fn = vulkan.fn();
    auto ci = vkStruct<VkBufferCreateInfo>(VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO);
    ci.size = size;
    ci.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    vkCheck(fn.CreateBuffer(vulkan.device(), &ci, nullptr, &buffer_), "vkCreateBuffer (capture)");
    vulkan.name(VK_OBJECT_TYPE_BUFFER, reinterpret_cast<std::uint64_t>(buffer_), "perfectshot-sim capture buffer");
    VkMemoryRequirements req{};
    fn.GetBufferMemoryRequirements(vulkan.device(), buffer_, &req);
    auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = vulkan.memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT);
    vkCheck(fn.AllocateMemory(vulkan.device(), &alloc, nullptr, &memory_), "vkAllocateMemory (capture)");
    vkCheck(fn.BindBufferMemory(vulkan.device(), buffer_, memory_, 0), "vkBindBufferMemory (capture)");
  }
  ~HostBuffer() {
    vulkan_.fn().DestroyBuffer(vulkan_.device(), buffer_, nullptr);
    if (memory_ != VK_NULL_HANDLE) vulkan_.fn().FreeMemory(vulkan_.device(), memory_, nullptr);
  }
  HostBuffer(const HostBuffer&) = delete;
  HostBuffer& operator=(const HostBuffer&) = delete;

  VkBuffer buffer() const { return buffer_; }
  // Copies the whole buffer out; invalidates first in case the memory is not coherent.
  std::vector<std::uint8_t> read(VkDeviceSize size) const {
    void* mapped = nullptr;
    vkCheck(vulkan_.fn().MapMemory(vulkan_.device(), memory_, 0, VK_WHOLE_SIZE, 0, &mapped), "vkMapMemory (capture)");
    auto range = vkStruct<VkMappedMemoryRange>(VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE);
    range.memory = memory_;
    range.size = VK_WHOLE_SIZE;
    const VkResult inv = vulkan_.fn().InvalidateMappedMemoryRanges(vulkan_.device(), 1, &range);
    std::vector<std::uint8_t> out(size);
    if (inv == VK_SUCCESS) std::memcpy(out.data(), mapped, size);
    vulkan_.fn().UnmapMemory(vulkan_.device(), memory_);
    vkCheck(inv, "vkInvalidateMappedMemoryRanges (capture)");
    return out;
  }

 private:
  VulkanDevice& vulkan_;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
};

void layoutBarrier(const VulkanDevice& vulkan, VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                   std::uint32_t layer, VkImageLayout from, VkImageLayout to, VkAccessFlags srcAccess,
                   VkAccessFlags dstAccess, VkPipelineStageFlags srcStage, VkPipelineStageFlags dstStage) {
  auto b = vkStruct<VkImageMemoryBarrier>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER);
  b.srcAccessMask = srcAccess;
  b.dstAccessMask = dstAccess;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {aspect, 0, 1, layer, 1};
  vulkan.fn().CmdPipelineBarrier(cmd, srcStage, dstStage, 0, 0, nullptr, 0, nullptr, 1, &b);
}

// Copies rect of one layer of `image` (one aspect) into a host buffer of `size` bytes, on the
// app's queue after its rendering; the image is back in `layout` afterwards.
std::vector<std::uint8_t> copyOut(VulkanDevice& vulkan, VkImage image, VkImageAspectFlags aspect, VkImageLayout layout,
                                  std::uint32_t arrayIndex, const XrRect2Di& rect, VkDeviceSize size) {
  const auto w = static_cast<std::uint32_t>(rect.extent.width);
  const auto h = static_cast<std::uint32_t>(rect.extent.height);
  const VkAccessFlags written = aspect == VK_IMAGE_ASPECT_COLOR_BIT
                                    ? VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_SHADER_WRITE_BIT
                                    : VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  HostBuffer buffer(vulkan, size);
  vulkan.submitAndWait(
      [&](VkCommandBuffer cmd) {
        // The app's rendering was submitted earlier on this queue; the barrier orders after it.
        layoutBarrier(vulkan, cmd, image, aspect, arrayIndex, layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                      written | VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT,
                      VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT);
        VkBufferImageCopy region{};
        region.imageSubresource = {aspect, 0, arrayIndex, 1};
        region.imageOffset = {rect.offset.x, rect.offset.y, 0};
        region.imageExtent = {w, h, 1};
        vulkan.fn().CmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer.buffer(), 1, &region);
        layoutBarrier(vulkan, cmd, image, aspect, arrayIndex, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, layout,
                      VK_ACCESS_TRANSFER_READ_BIT, 0, VK_PIPELINE_STAGE_TRANSFER_BIT,
                      VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT);
      },
      "capture copy");
  return buffer.read(size);
}

// A distance in metres for JSON, which has no infinity: null stands for it.
nlohmann::json metres(float z) { return std::isinf(z) ? nlohmann::json(nullptr) : nlohmann::json(z); }

nlohmann::json poseJson(const XrPosef& p) {
  return {{"position", {p.position.x, p.position.y, p.position.z}},
          {"orientation", {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w}}};
}

}  // namespace

bool captureImage(VulkanDevice& vulkan, VkImage image, VkFormat format, VkImageLayout layout, std::uint32_t arrayIndex,
                  const XrRect2Di& rect, const std::string& path) {
  bool swapRB = false;
  switch (format) {
    case VK_FORMAT_R8G8B8A8_SRGB: case VK_FORMAT_R8G8B8A8_UNORM: break;
    case VK_FORMAT_B8G8R8A8_SRGB: case VK_FORMAT_B8G8R8A8_UNORM: swapRB = true; break;
    default:
      log().warn("capture: format {} is not captured (only 8-bit RGBA/BGRA)", static_cast<int>(format));
      return false;
  }
  const auto w = static_cast<std::uint32_t>(rect.extent.width);
  const auto h = static_cast<std::uint32_t>(rect.extent.height);
  std::vector<std::uint8_t> pixels =
      copyOut(vulkan, image, VK_IMAGE_ASPECT_COLOR_BIT, layout, arrayIndex, rect, VkDeviceSize{w} * h * 4);
  if (swapRB)
    for (std::size_t i = 0; i + 3 < pixels.size(); i += 4) std::swap(pixels[i], pixels[i + 2]);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  if (stbi_write_png(path.c_str(), static_cast<int>(w), static_cast<int>(h), 4, pixels.data(), static_cast<int>(w * 4)) == 0) {
    log().error("capture: cannot write {}", path);
    return false;
  }
  log().info("capture: wrote {}", path);
  return true;
}

bool captureDepth(VulkanDevice& vulkan, VkImage image, VkFormat format, VkImageLayout layout, std::uint32_t arrayIndex,
                  const XrRect2Di& rect, const std::string& path) {
  if (format != VK_FORMAT_D32_SFLOAT && format != VK_FORMAT_D16_UNORM) {
    log().warn("capture: depth format {} is not captured (only D32_SFLOAT and D16_UNORM)", static_cast<int>(format));
    return false;
  }
  const auto w = static_cast<std::uint32_t>(rect.extent.width);
  const auto h = static_cast<std::uint32_t>(rect.extent.height);
  const std::size_t texel = format == VK_FORMAT_D32_SFLOAT ? 4 : 2;
  const std::vector<std::uint8_t> raw =
      copyOut(vulkan, image, VK_IMAGE_ASPECT_DEPTH_BIT, layout, arrayIndex, rect, VkDeviceSize{w} * h * texel);
  std::vector<float> depth(std::size_t{w} * h);
  for (std::size_t i = 0; i < depth.size(); ++i) {
    if (texel == 4) {
      std::memcpy(&depth[i], &raw[i * 4], 4);
    } else {
      std::uint16_t v = 0;
      std::memcpy(&v, &raw[i * 2], 2);
      depth[i] = static_cast<float>(v) / 65535.0f;
    }
  }
  static_assert(std::endian::native == std::endian::little, "PFM with scale -1 is little-endian");
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << "Pf\n" << w << ' ' << h << "\n-1.0\n";
  for (std::uint32_t row = h; row-- > 0;)  // PFM stores the bottom row first
    out.write(reinterpret_cast<const char*>(&depth[std::size_t{row} * w]), static_cast<std::streamsize>(w * 4));
  out.close();
  if (!out) {
    log().error("capture: cannot write {}", path);
    return false;
  }
  log().info("capture: wrote {}", path);
  return true;
}

void writeCaptureJson(const std::string& dir, std::uint64_t frame, XrTime displayTime,
                      const std::vector<CapturedImage>& images) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& img : images) {
    nlohmann::json j{{"file", img.file},
                     {"kind", img.kind},
                     {"rect", {{"x", img.rect.offset.x}, {"y", img.rect.offset.y},
                               {"width", img.rect.extent.width}, {"height", img.rect.extent.height}}},
                     {"array_index", img.arrayIndex},
                     {"pose_in_layer_space", poseJson(img.poseInLayerSpace)},
                     {"pose_in_stage", poseJson(img.poseInStage)}};
    if (img.kind == "quad")
      j["size_m"] = {img.size.width, img.size.height};
    else if (img.kind == "equirect")
      j["equirect"] = {{"radius_m", img.radius},
                       {"central_horizontal_angle_rad", img.centralHorizontalAngle},
                       {"upper_vertical_angle_rad", img.upperVerticalAngle},
                       {"lower_vertical_angle_rad", img.lowerVerticalAngle}};
    else
      j["fov_rad"] = {{"left", img.fov.angleLeft}, {"right", img.fov.angleRight},
                      {"up", img.fov.angleUp}, {"down", img.fov.angleDown}};
    if (img.depth) {
      const CapturedDepth& d = *img.depth;
      j["depth"] = {{"file", d.file},
                    {"rect", {{"x", d.rect.offset.x}, {"y", d.rect.offset.y},
                              {"width", d.rect.extent.width}, {"height", d.rect.extent.height}}},
                    {"array_index", d.arrayIndex},
                    {"min_depth", d.minDepth},
                    {"max_depth", d.maxDepth},
                    {"near_z_m", metres(d.nearZ)},
                    {"far_z_m", metres(d.farZ)}};
    }
    list.push_back(std::move(j));
  }
  const nlohmann::json doc{{"frame", frame}, {"display_time_ns", displayTime}, {"images", list}};
  const std::string path = dir + "/frame_" + std::to_string(frame) + ".json";
  std::ofstream out(path);
  out << doc.dump(2) << '\n';
  if (!out) log().error("capture: cannot write {}", path);
}

}  // namespace ps::sim
