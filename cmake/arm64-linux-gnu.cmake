# Cross-building Kotak for arm64 on an amd64 Debian 12: a Raspberry Pi
# 3B+/4/5 runs Raspberry Pi OS 64-bit, which is Debian 12 for arm64, so
# Debian's own cross compiler and its :arm64 libraries (multiarch) build the
# same programs the Pi would build itself. `scripts/install-deps arm64`
# installs them; `make deb-arm64` and `make test-arm64` use this file
# (or: cmake --preset arm64, see CMakePresets.json).
#
# The tests run the arm64 programs under qemu-user. binfmt_misc is not there
# in containers or in CI, so the emulator is named here: ctest puts it in
# front of every test program, and the tests start the programs they spawn
# through it (tests/CMakeLists.txt, kotak_test_program).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# pkgconf's cross personality: the .pc files of the :arm64 packages, with
# the same /usr/include (multiarch keeps one set of headers).
set(PKG_CONFIG_EXECUTABLE /usr/bin/aarch64-linux-gnu-pkg-config CACHE FILEPATH "")
set(CMAKE_CROSSCOMPILING_EMULATOR /usr/bin/qemu-aarch64-static)
# The architecture of the Debian package (cmake/packaging.cmake).
set(KOTAK_DEB_ARCHITECTURE arm64)
