# Regenerates the schema header with stock flatc and compares it with the shipped copy.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${FLATC} --cpp --scoped-enums -o ${WORK} ${SCHEMA} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "flatc failed: ${rc}")
endif()
file(READ ${WORK}/sheaf_generated.h fresh)
file(READ ${SHIPPED} shipped)
if(NOT fresh STREQUAL shipped)
  message(FATAL_ERROR "runtime/include/sheaf/detail/sheaf_generated.h is stale: "
                      "run `cmake --build build --target regenerate_schema`")
endif()
message(STATUS "shipped schema header matches schema/sheaf.fbs")
