# Install rules (SHEAF_INSTALL, on when sheaf is the top-level project):
#   bin/sheaf                                   the CLI (with SHEAF_BUILD_CLI)
#   include/sheaf/                              the runtime headers, detail/ included
#   share/sheaf/sheaf_c.cpp                     the C interface's one source (sheaf::c)
#   share/cmake/sheaf/sheafConfig*.cmake        find_package(sheaf) -> sheaf::runtime
#   share/pkgconfig/sheaf.pc                    pkg-config --cflags --libs sheaf
#   share/man/man1/sheaf.1, sheaf-COMMAND.1     from the built CLI's --help (help2man)
#   share/bash-completion/completions/sheaf     reads the CLI's --help when completing
#   share/doc/sheaf/LICENSE, THIRD-PARTY.md     the terms (the CLI carries BSD-3-Clause data)
# The runtime is header-only, so its CMake package and .pc file are architecture-independent
# (share/). tests/downstream/run.sh installs into a temporary prefix and uses all of these.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY runtime/include/sheaf DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT runtime FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES LICENSE THIRD-PARTY.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(FILES runtime/src/sheaf_c.cpp DESTINATION ${CMAKE_INSTALL_DATADIR}/sheaf COMPONENT runtime)

# CMake package: sheaf::runtime (cmake/sheafConfig.cmake.in). 0.x: minor versions may break.
set(SHEAF_CMAKE_PACKAGE_DIR ${CMAKE_INSTALL_DATADIR}/cmake/sheaf)
configure_package_config_file(cmake/sheafConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/package/sheafConfig.cmake
                              INSTALL_DESTINATION ${SHEAF_CMAKE_PACKAGE_DIR}
                              PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/sheafConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/package/sheafConfig.cmake
              ${PROJECT_BINARY_DIR}/package/sheafConfigVersion.cmake
        DESTINATION ${SHEAF_CMAKE_PACKAGE_DIR} COMPONENT runtime)

# pkg-config: the prefix relative to the .pc file (${pcfiledir}), so the tree can move.
set(SHEAF_PC_DIR ${CMAKE_INSTALL_DATADIR}/pkgconfig)
if(IS_ABSOLUTE "${SHEAF_PC_DIR}")
  set(SHEAF_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH to_prefix "/root/${SHEAF_PC_DIR}" "/root")
  string(REGEX REPLACE "/$" "" to_prefix "${to_prefix}")
  set(SHEAF_PC_PREFIX "\${pcfiledir}/${to_prefix}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(SHEAF_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(SHEAF_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
set(SHEAF_PC_FLATBUFFERS_CFLAGS "")
if(NOT FLATBUFFERS_INCLUDE_DIR IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
  set(SHEAF_PC_FLATBUFFERS_CFLAGS " -I${FLATBUFFERS_INCLUDE_DIR}")
endif()
configure_file(cmake/sheaf.pc.in ${PROJECT_BINARY_DIR}/package/sheaf.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/sheaf.pc DESTINATION ${SHEAF_PC_DIR}
        COMPONENT runtime)

if(NOT SHEAF_BUILD_CLI)
  return()  # the rest documents and completes the CLI
endif()
install(TARGETS sheaf RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(FILES compiler/completion/sheaf.bash RENAME sheaf
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)

# Man pages, made at build time from the built CLI's --help (cmake/GenerateManPages.cmake):
# they follow every option and command without a copy of the help kept here.
option(SHEAF_MAN_PAGES "Generate and install man pages (needs help2man)" ON)
if(NOT SHEAF_MAN_PAGES)
  return()
endif()
if(CMAKE_CROSSCOMPILING)
  message(STATUS "man pages: not generated (a cross-built sheaf cannot run here to print its help)")
  return()
endif()
find_program(HELP2MAN help2man)
if(NOT HELP2MAN)
  message(FATAL_ERROR "help2man not found: the man pages are made with it (Debian: apt-get "
                      "install help2man, which scripts/setup does), or configure with "
                      "-DSHEAF_MAN_PAGES=OFF")
endif()
set(man_dir ${PROJECT_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${man_dir}/stamp
  COMMAND ${CMAKE_COMMAND} -DSHEAF=$<TARGET_FILE:sheaf>
          -DHELP2MAN=${HELP2MAN} -DOUT=${man_dir}/man1
          -P ${PROJECT_SOURCE_DIR}/cmake/GenerateManPages.cmake
  COMMAND ${CMAKE_COMMAND} -E touch ${man_dir}/stamp
  DEPENDS sheaf ${PROJECT_SOURCE_DIR}/cmake/GenerateManPages.cmake
  COMMENT "Generating man pages from sheaf --help (help2man)"
  VERBATIM)
add_custom_target(sheaf_man_pages ALL DEPENDS ${man_dir}/stamp)
install(DIRECTORY ${man_dir}/man1 DESTINATION ${CMAKE_INSTALL_MANDIR} COMPONENT cli
        FILES_MATCHING PATTERN "*.1")
