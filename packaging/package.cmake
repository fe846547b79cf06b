# The Debian package (`make package`, CPack's DEB generator): the binary in
# /usr/bin, the built dashboard (web/dist) in /usr/share/agencykpi/web where
# the binary looks for it (DefaultWebRoot), the systemd unit of `serve`, its
# options in /etc/default/agencykpi, and the scripts that create the system
# user agencykpi and /var/lib/agencykpi. Included from the top CMakeLists.txt.
# Installing the dashboard needs it built first (`make build` runs npm).

set(AGENCYKPI_WEB_DIST "${PROJECT_SOURCE_DIR}/web/dist")
install(CODE "
  if(NOT EXISTS \"${AGENCYKPI_WEB_DIST}/index.html\")
    message(FATAL_ERROR \"${AGENCYKPI_WEB_DIST}/index.html is missing: build the dashboard first (make build)\")
  endif()")
# Relative destinations land under the packaging prefix, /usr.
install(DIRECTORY "${AGENCYKPI_WEB_DIST}/" DESTINATION share/agencykpi/web)
install(FILES README.md docs/install.md docs/security.md docs/api.md DESTINATION share/doc/agencykpi)
# Absolute ones are the system's own places (Debian 12 units live in /lib).
install(FILES packaging/agencykpi.service DESTINATION /lib/systemd/system)
install(FILES packaging/agencykpi.default DESTINATION /etc/default RENAME agencykpi)

set(AGENCYKPI_PACKAGE_MAINTAINER "agencykpi maintainers <maintainers@agencykpi.invalid>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME agencykpi)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Sales KPIs of a field-sales agency: CLI and web dashboard")
# The Description field: the summary line, then this.
set(CPACK_PACKAGE_DESCRIPTION
    "agencykpi imports a field-sales agency's exports (contracts, missions, time\n"
    "sheets, invoices, expenses, store visits, objectives) and computes client\n"
    "recurrence, revenue per client, margin per mission and objective attainment,\n"
    "exact to the cent, with each brand's half-yearly review as PDF and XLSX.\n"
    "The agencykpi service serves the dashboard and the JSON API.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${AGENCYKPI_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # agencykpi_0.1.0_amd64.deb
# The libraries from dpkg-shlibdeps (dpkg-dev); besides them, the review
# PDF's font and useradd for the service's user.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, passwd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/packaging/debian/postinst"
    "${PROJECT_SOURCE_DIR}/packaging/debian/prerm"
    "${PROJECT_SOURCE_DIR}/packaging/debian/postrm"
    "${PROJECT_SOURCE_DIR}/packaging/debian/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
