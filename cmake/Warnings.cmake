# ps_set_warnings(target): the project's warning set, as errors when PERFECTSHOT_WERROR is on.
function(ps_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference)
  if(PERFECTSHOT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
