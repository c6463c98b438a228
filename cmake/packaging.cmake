# The Debian package (cpack -G DEB in the build directory): every program,
# the assets under share/kotak, the units, the example configs as conffiles
# in /etc/kotak, and the system user. Dependencies on shared libraries are
# found by dpkg-shlibdeps; the rest are listed here. Installing does not
# enable any service: a kiosk enables kotak-kiosk and kotak-sync.timer, a
# server kotak-server (docs/server.md, docs/sync.md).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "kotak")
set(CPACK_PACKAGE_VENDOR "Kotak Saran Digital")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "patient feedback kiosk, sync agent and server for puskesmas")
set(CPACK_PACKAGE_DESCRIPTION
    "Kotak replaces the suggestion box of an Indonesian community health centre: a touchscreen kiosk (kotak-kiosk), its courier (kotak-sync) and the central collector (kotak-server).")
set(CPACK_PACKAGE_CONTACT "Kotak maintainers <kotak@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# A cross build (cmake/arm64-linux-gnu.cmake) makes the package of its
# target: kotak_<version>_arm64.deb, its dependencies found by dpkg-shlibdeps
# among the :arm64 libraries. dpkg-shlibdeps learns the architecture from
# DEB_HOST_ARCH (it then reads the binaries with aarch64-linux-gnu-objdump
# and the :arm64 packages' symbols files); CPack reads this config file when
# it runs, so a plain `cpack` in the build directory sets it.
if(KOTAK_DEB_ARCHITECTURE)
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "${KOTAK_DEB_ARCHITECTURE}")
  file(WRITE "${CMAKE_BINARY_DIR}/debian/cpack_architecture.cmake"
       "set(ENV{DEB_HOST_ARCH} \"${KOTAK_DEB_ARCHITECTURE}\")\n")
  set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_BINARY_DIR}/debian/cpack_architecture.cmake")
endif()
set(CPACK_STRIP_FILES ON)
# systemd-sysusers and systemd-tmpfiles run from postinst.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "systemd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-core, ca-certificates")
# SMS answers to patients go through gammu-smsd's spool (docs/dashboard.md).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gammu-smsd")
set(KOTAK_CONFFILES "")
foreach(config kiosk sync server)
  string(APPEND KOTAK_CONFFILES "${CMAKE_INSTALL_FULL_SYSCONFDIR}/kotak/${config}.toml\n")
endforeach()
string(APPEND KOTAK_CONFFILES "${CMAKE_INSTALL_FULL_SYSCONFDIR}/pam.d/kotak-kiosk\n")
file(WRITE "${CMAKE_BINARY_DIR}/debian/conffiles" "${KOTAK_CONFFILES}")
foreach(script postinst prerm postrm)
  configure_file("${CMAKE_SOURCE_DIR}/cmake/debian/${script}"
                 "${CMAKE_BINARY_DIR}/debian/${script}" @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                  WORLD_READ WORLD_EXECUTE)
endforeach()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_BINARY_DIR}/debian/conffiles;${CMAKE_BINARY_DIR}/debian/postinst;${CMAKE_BINARY_DIR}/debian/prerm;${CMAKE_BINARY_DIR}/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
