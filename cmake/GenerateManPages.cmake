# Man pages from the built CLI's own help, at build time (cmake/Install.cmake runs this):
#   cmake -DSHEAF=path/to/sheaf -DHELP2MAN=help2man -DOUT=dir -P GenerateManPages.cmake
# Writes OUT/sheaf.1 from `sheaf --help` and OUT/sheaf-COMMAND.1 from `sheaf COMMAND --help` for
# every command that `sheaf --help` lists, so that the pages follow the CLI without a list kept
# here. help2man reads CLI11's layout as it is (Usage, Positionals, Options, Subcommands).
# The date in the pages is SOURCE_DATE_EPOCH's when it is set (help2man reads it).
foreach(var SHEAF HELP2MAN OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "GenerateManPages.cmake: -D${var}=... is required")
  endif()
endforeach()

# sheaf_help(out_var args...): the help text, or a fatal error if the command fails.
function(sheaf_help out_var)
  execute_process(COMMAND ${SHEAF} ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE rc
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR text STREQUAL "")
    message(FATAL_ERROR "`sheaf ${ARGN} --help` failed (${rc}): ${err}")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND ${SHEAF} --version OUTPUT_VARIABLE version RESULT_VARIABLE rc
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0 OR NOT version MATCHES "^sheaf ([^ \n]+)$")
  message(FATAL_ERROR "`sheaf --version` gave \"${version}\" (${rc}), not \"sheaf VERSION\"")
endif()
set(version "${CMAKE_MATCH_1}")

# The commands and their one-line descriptions: the "Subcommands:" block of `sheaf --help`
# ("SUBCOMMANDS:" from CLI11 2.5).
sheaf_help(top_help)
string(REGEX MATCH "\n(Subcommands|SUBCOMMANDS):\n(  [^\n]*\n)+" block "${top_help}")
string(REPLACE ";" "<semicolon>" block "${block}")  # a CMake list separator
string(REGEX MATCHALL "\n  [a-z][a-z0-9-]* +[^\n]*" lines "${block}")
set(commands "")
foreach(line IN LISTS lines)
  string(REGEX MATCH "^\n  ([a-z][a-z0-9-]*) +(.*)$" unused "${line}")
  list(APPEND commands "${CMAKE_MATCH_1}")
  set(summary_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
endforeach()
if(NOT commands)
  message(FATAL_ERROR "`sheaf --help` lists no commands under \"Subcommands:\"")
endif()

file(MAKE_DIRECTORY "${OUT}")
file(GLOB stale "${OUT}/*.1")
if(stale)
  file(REMOVE ${stale})  # a removed command loses its page
endif()

# help2man_page(name description help_option include_text)
function(help2man_page name description help_option include_text)
  set(include_file "${OUT}/${name}.h2m")
  file(WRITE "${include_file}" "${include_text}")
  execute_process(
    COMMAND ${HELP2MAN} --no-info --section=1 --manual=sheaf "--source=sheaf ${version}"
            "--version-string=${name} ${version}" "--help-option=${help_option}"
            "--name=${description}" "--include=${include_file}" "--output=${OUT}/${name}.1"
            ${SHEAF}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  file(REMOVE "${include_file}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed for ${name} (${rc}): ${err}")
  endif()
  # CLI11 writes "-o,--output" with no space, so help2man sets only "-o" in bold: set the long
  # name in bold too, after ", " (as in "-o, --output").
  file(READ "${OUT}/${name}.1" page)
  string(REGEX REPLACE "(\\\\fB\\\\-[A-Za-z0-9]\\\\fR), *(\\\\-\\\\-[-A-Za-z0-9\\\\]+)"
         "\\1, \\\\fB\\2\\\\fR" page "${page}")
  file(WRITE "${OUT}/${name}.1" "${page}")
endfunction()

set(see_also "")
foreach(command IN LISTS commands)
  sheaf_help(unused ${command})  # help2man does not check the exit status: check it here
  string(REPLACE "<semicolon>" ";" summary "${summary_${command}}")
  string(REGEX REPLACE "\\.$" "" summary "${summary}")
  help2man_page(sheaf-${command} "${summary}" "${command} --help"
                "[SEE ALSO]\n.BR sheaf (1)\n")
  list(APPEND see_also ".BR sheaf-${command} (1)")
endforeach()

string(REGEX MATCH "^sheaf: ([^\n]*)" unused "${top_help}")
set(summary "${CMAKE_MATCH_1}")
if(summary STREQUAL "")
  set(summary "document compiler and bundle reader")
endif()
list(JOIN see_also ",\n" see_also)
# EXIT STATUS and DIAGNOSTICS from the code registry (compiler/diag/codes.def), the same source
# as README's list: `sheaf codes --man` writes them as help2man include sections.
execute_process(COMMAND ${SHEAF} codes --man OUTPUT_VARIABLE codes_sections RESULT_VARIABLE rc
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT codes_sections MATCHES "\\[EXIT STATUS\\]")
  message(FATAL_ERROR "`sheaf codes --man` failed (${rc}): ${err}")
endif()
help2man_page(sheaf "${summary}" "--help" "${codes_sections}[SEE ALSO]\n${see_also}\n")
list(LENGTH commands count)
list(JOIN commands ", " commands)
message(STATUS "man pages: sheaf.1 and ${count} commands (${commands}) in ${OUT}")
