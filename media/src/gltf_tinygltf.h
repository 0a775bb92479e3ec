#pragma once
// tinygltf, as every file of the loader includes it: no file system of its own (the loader
// hands it callbacks confined to the package), no image decoding (stb is called here, after
// validation), external images left for the loader to read. The macros are set for the whole
// library in CMake so that every translation unit sees the same declarations.
#include <fstream>  // tinygltf uses it without including it when TINYGLTF_NO_FS is set

#include <tiny_gltf.h>
