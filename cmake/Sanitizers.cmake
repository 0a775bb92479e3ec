if(PERFECTSHOT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# ps_sanitizer_support(target): for executables; in sanitizer builds, links the pieces that let
# LeakSanitizer tell system drivers' leaks from ours (cmake/lsan_keep_vulkan_drivers.cpp).
function(ps_sanitizer_support target)
  if(PERFECTSHOT_SANITIZE)
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/cmake/lsan_keep_vulkan_drivers.cpp)
    target_compile_definitions(${target} PRIVATE PS_LSAN_SUPPRESSIONS="${PROJECT_SOURCE_DIR}/tests/lsan.supp"
      PS_LSAN_KEEP_SPDLOG="$<TARGET_SONAME_FILE_NAME:spdlog::spdlog>")
    target_link_libraries(${target} PRIVATE ${CMAKE_DL_LIBS})
  endif()
endfunction()
