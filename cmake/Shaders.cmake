find_program(GLSLC glslc REQUIRED)

# ps_add_shaders(target DIR out_dir SOURCES a.vert b.frag ...)
# Compiles GLSL to SPIR-V at build time and exposes PS_SHADER_DIR to the target.
function(ps_add_shaders target)
  cmake_parse_arguments(ARG "" "DIR" "SOURCES" ${ARGN})
  set(outputs)
  # What the shaders #include (GL_GOOGLE_include_directive): any change rebuilds them all.
  file(GLOB shader_includes ${CMAKE_CURRENT_SOURCE_DIR}/shaders/*.glsl)
  foreach(src ${ARG_SOURCES})
    get_filename_component(name ${src} NAME)
    set(out ${ARG_DIR}/${name}.spv)
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${ARG_DIR}
      COMMAND ${GLSLC} --target-env=vulkan1.1 -O -Werror -o ${out} ${CMAKE_CURRENT_SOURCE_DIR}/${src}
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${src} ${shader_includes}
      COMMENT "glslc ${src}" VERBATIM)
    list(APPEND outputs ${out})
  endforeach()
  add_custom_target(${target}_shaders DEPENDS ${outputs})
  add_dependencies(${target} ${target}_shaders)
endfunction()
