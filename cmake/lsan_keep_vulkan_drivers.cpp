// Linked into every executable of a sanitizer build (cmake/Sanitizers.cmake), never otherwise.
//
// lavapipe leaks a few hundred bytes per VkInstance inside the driver (see tests/lsan.supp).
// The Vulkan loader unloads the driver when the instance goes, after which LeakSanitizer can
// no longer name the library of those leaks and no suppression matches; loading the driver
// with RTLD_NODELETE keeps it mapped until exit. Harmless where lavapipe is absent.
//
// The simulated OpenXR runtime brings spdlog into a test that does not link it, and the
// OpenXR loader unloads both with the last instance. Once the runtime has logged on a thread,
// that thread's dynamic TLS block for spdlog dangles, and LeakSanitizer's exit-time scan of
// it crashes ("Tracer caught signal 11"). Kept loaded, its TLS stays valid.
#include <dlfcn.h>

extern "C" const char* __lsan_default_options() { return "suppressions=" PS_LSAN_SUPPRESSIONS; }

namespace {
[[maybe_unused]] void* const keepLavapipeLoaded = dlopen("libvulkan_lvp.so", RTLD_NOW | RTLD_NODELETE);
[[maybe_unused]] void* const keepSpdlogLoaded = dlopen(PS_LSAN_KEEP_SPDLOG, RTLD_NOW | RTLD_NODELETE);
}  // namespace
