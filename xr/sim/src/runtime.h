#pragma once
// The process's one runtime: handle tables and the lock every entry point takes.
// It has to be process-wide: the loader calls plain C entry points and passes no
// context, so the handle value is the only way back to an object.
#include <cstdint>
#include <exception>
#include <mutex>
#include <new>

#include "frame_timing.h"
#include "handle_table.h"
#include "log.h"
#include "xr_headers.h"

namespace ps::sim {

struct Instance;
struct Session;
struct Space;
class Swapchain;
struct ActionSet;
struct Action;

struct Runtime {
  // One lock for all state: OpenXR may be called from several threads, and the
  // calls are short except xrWaitFrame, which drops the lock while it sleeps.
  std::mutex mutex;
  HandleTable<Instance> instances;
  HandleTable<Session> sessions;
  HandleTable<Space> spaces;
  HandleTable<Swapchain> swapchains;
  HandleTable<ActionSet> actionSets;
  HandleTable<Action> actions;
  SteadyClock clock;

  std::uint64_t newId() { return nextId_++; }

 private:
  std::uint64_t nextId_ = 0x5053000001;  // "PS": easy to spot in a debugger
};

Runtime& runtime();

// A scripted outage: xrCreateInstance fails until this XrTime. Kept in the process's environment
// (PERFECTSHOT_SIM_AWAY_UNTIL_NS), not in the runtime's memory: the loader unloads the runtime
// with its last instance, and the outage must outlast that.
void setAwayUntil(std::int64_t ns);
bool away(std::int64_t nowNs);

// Entry points run their body through this so no exception crosses the C boundary.
template <typename F>
XrResult guarded(const char* call, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return XR_ERROR_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    log().error("{}: {}", call, e.what());
    return XR_ERROR_RUNTIME_FAILURE;
  } catch (...) {
    log().error("{}: unknown exception", call);
    return XR_ERROR_RUNTIME_FAILURE;
  }
}

// The two-call idiom: capacity 0 asks for the count; too small a buffer is an error.
template <typename T, typename Src, typename Fill>
XrResult fillArray(std::uint32_t capacity, std::uint32_t* countOut, T* out, const Src& src, Fill fill) {
  if (countOut == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *countOut = static_cast<std::uint32_t>(src.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < src.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  if (out == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  for (std::size_t i = 0; i < src.size(); ++i) fill(out[i], src[i]);
  return XR_SUCCESS;
}

// Writes a string with the two-call idiom (count includes the terminator).
XrResult fillString(std::uint32_t capacity, std::uint32_t* countOut, char* buffer, const std::string& s);

}  // namespace ps::sim
