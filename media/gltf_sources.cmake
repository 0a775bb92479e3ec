# The glTF loader's sources, shared by the media library and the fuzz project (which builds
# it with clang and libFuzzer's instrumentation, without FFmpeg).
set(PS_GLTF_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_glb.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_package_path.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_data_uri.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_prepass.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_compression_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_meshopt.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_draco.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_quantization.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_texture_transform.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_parse.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_accessor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_primitive.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_material.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_image.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_nodes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_accessor_kind.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_deform.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_skin.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/gltf_animation.cpp
)

# ps_add_gltf_library(name): the loader as a static library; needs ps_scenes, nlohmann_json,
# PkgConfig::STB, PkgConfig::DRACO and meshoptimizer::meshoptimizer defined. tinygltf is header-only here (compiled in gltf_parse.cpp), so the
# sanitizers and the fuzzer see into it.
function(ps_add_gltf_library name)
  add_library(${name} STATIC ${PS_GLTF_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/include)
  target_link_libraries(${name} PUBLIC ps_scenes PRIVATE nlohmann_json::nlohmann_json PkgConfig::STB
    PkgConfig::DRACO meshoptimizer::meshoptimizer)
  target_compile_definitions(${name} PRIVATE TINYGLTF_NO_STB_IMAGE TINYGLTF_NO_STB_IMAGE_WRITE TINYGLTF_NO_FS
    TINYGLTF_NO_EXTERNAL_IMAGE)
  ps_set_warnings(${name})
endfunction()
