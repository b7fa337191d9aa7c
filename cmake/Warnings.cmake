# Warning sets (STYLE B6). -Werror only when SHEAF_WERROR is on (CI).
set(SHEAF_WARNINGS
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wimplicit-fallthrough -Wformat=2 -Wundef -Wnull-dereference -Wold-style-cast)
set(SHEAF_RUNTIME_WARNINGS ${SHEAF_WARNINGS} -Wconversion -Wsign-conversion -Wdouble-promotion)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND SHEAF_RUNTIME_WARNINGS -Wcast-align=strict)
endif()
if(SHEAF_WERROR)
  list(APPEND SHEAF_WARNINGS -Werror)
  list(APPEND SHEAF_RUNTIME_WARNINGS -Werror)
endif()

# sheaf_warnings(target [RUNTIME]): apply the compiler or the stricter runtime set.
function(sheaf_warnings target)
  if(ARGN STREQUAL "RUNTIME")
    target_compile_options(${target} PRIVATE ${SHEAF_RUNTIME_WARNINGS})
  else()
    target_compile_options(${target} PRIVATE ${SHEAF_WARNINGS})
  endif()
endfunction()
