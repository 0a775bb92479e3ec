# Everything comes from Debian packages installed by tools/setup.sh.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(Vulkan REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(glm REQUIRED)
find_package(CLI11 REQUIRED)
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET libavformat libavcodec libavutil libswresample)
# OpenAL Soft: the soundtrack's output (loopback rendering in tests)
pkg_check_modules(OPENAL REQUIRED IMPORTED_TARGET openal)
pkg_check_modules(OPENXR REQUIRED IMPORTED_TARGET openxr)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)  # sd_notify: Type=notify and the watchdog
if(PERFECTSHOT_TESTS)
  find_package(GTest REQUIRED)
endif()
# stb ships its implementation compiled (libstb)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(DRACO REQUIRED IMPORTED_TARGET draco)  # KHR_draco_mesh_compression
find_package(meshoptimizer REQUIRED CONFIG)  # EXT_meshopt_compression
find_package(assimp REQUIRED CONFIG)  # OBJ and PLY captures read by perfectshot prep
