# Cross build of the runtime, its tests and the small reader for arm-linux-gnueabihf (Debian's cross compiler;
# zstd's decoder compiled from build-deps/zstd), run under qemu-arm. Used by tests/cross/run.sh with
# -DSHEAF_RUNTIME_ONLY=ON. Executables are dynamic (the no-heap test interposes malloc, which
# static glibc forbids): qemu-arm -L /usr/arm-linux-gnueabihf finds the target's loader and libstdc++.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -L /usr/arm-linux-gnueabihf)
# Headers and CMake packages of architecture-independent -dev packages (FlatBuffers, Catch2)
# live under /usr; libraries come from the multiarch directory of the target.
set(CMAKE_FIND_ROOT_PATH /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
