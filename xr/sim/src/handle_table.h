#pragma once
// Live objects of one handle type, keyed by the handle's value. Values are never
// reused, so a stale or made-up handle is simply not found (XR_ERROR_HANDLE_INVALID).
#include <cstdint>
#include <map>
#include <memory>

namespace ps::sim {

template <typename T>
class HandleTable {
 public:
  void add(std::uint64_t id, std::shared_ptr<T> obj) { objects_[id] = std::move(obj); }
  std::shared_ptr<T> find(std::uint64_t id) const {
    const auto it = objects_.find(id);
    return it == objects_.end() ? nullptr : it->second;
  }
  void erase(std::uint64_t id) { objects_.erase(id); }
  template <typename Pred>
  void eraseIf(Pred pred) {
    std::erase_if(objects_, [&](const auto& kv) { return pred(*kv.second); });
  }
  template <typename F>
  void forEach(F f) const {
    for (const auto& [id, obj] : objects_) f(*obj);
  }

 private:
  std::map<std::uint64_t, std::shared_ptr<T>> objects_;
};

template <typename H>
std::uint64_t toId(H handle) {
  return reinterpret_cast<std::uint64_t>(handle);
}
template <typename H>
H toHandle(std::uint64_t id) {
  return reinterpret_cast<H>(id);
}

}  // namespace ps::sim
