# Debian packages (`make package`): cpack's DEB generator, one package per component.
#   gridhall         the desktop app (zh_CN and en are compiled into it), its desktop entry,
#                    icons in the hicolor sizes, AppStream metainfo, man pages, and
#                    gridhall-cameras, the demo's synthetic camera streams
#   gridhall-server  the server, the simulator, the systemd unit, /etc/gridhall/server.conf
#                    (a conffile), the service's user (postinst), man pages
# Installed under /usr; the unit and the configuration keep their absolute places. The
# packages' library dependencies come from dpkg-shlibdeps, so `apt install ./….deb` pulls them.

set(GRIDHALL_APP_ID org.gridhall.GridHall)
set(GRIDHALL_MAINTAINER "GridHall maintainers <maintainers@gridhall.example>")
set(GRIDHALL_PACKAGE_REVISION 1)
set(GRIDHALL_PKG_DIR ${PROJECT_BINARY_DIR}/packaging)
# `make package` builds first; cpack then installs what is built instead of building all.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

# --- programs ----------------------------------------------------------------------------
install(TARGETS gridhall RUNTIME DESTINATION bin COMPONENT desktop)
# The demo's camera streams: `gridhall --demo` runs it from beside itself.
install(TARGETS gridhall-cameras RUNTIME DESTINATION bin COMPONENT desktop)
install(TARGETS gridhall-server gridhall-sim RUNTIME DESTINATION bin COMPONENT server)

# --- desktop entry, metainfo, icons ----------------------------------------------------
install(FILES ${PROJECT_SOURCE_DIR}/deploy/${GRIDHALL_APP_ID}.desktop DESTINATION share/applications COMPONENT desktop)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/${GRIDHALL_APP_ID}.metainfo.xml DESTINATION share/metainfo COMPONENT desktop)
set(icon_svg ${PROJECT_SOURCE_DIR}/resources/appicon/${GRIDHALL_APP_ID}.svg)
install(FILES ${icon_svg} DESTINATION share/icons/hicolor/scalable/apps COMPONENT desktop)
# The PNG sizes are rendered from the one SVG at build time.
find_program(GRIDHALL_RSVG_CONVERT rsvg-convert)
set(packaging_outputs)
if(GRIDHALL_RSVG_CONVERT)
  foreach(size 16 22 24 32 48 64 128 256 512)
    set(png ${GRIDHALL_PKG_DIR}/icons/${size}x${size}/${GRIDHALL_APP_ID}.png)
    add_custom_command(OUTPUT ${png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${GRIDHALL_PKG_DIR}/icons/${size}x${size}
      COMMAND ${GRIDHALL_RSVG_CONVERT} --width ${size} --height ${size} --output ${png} ${icon_svg}
      DEPENDS ${icon_svg} VERBATIM)
    list(APPEND packaging_outputs ${png})
    install(FILES ${png} DESTINATION share/icons/hicolor/${size}x${size}/apps COMPONENT desktop)
  endforeach()
else()
  message(STATUS "rsvg-convert (librsvg2-bin) not found: `make package` needs it for the icons")
endif()

# --- man pages, gzipped as Debian wants them ------------------------------------------
# Section 1: the desktop app and its subcommands, the simulator; section 8: the server and
# each of its commands.
file(GLOB man_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/man/*.1 ${PROJECT_SOURCE_DIR}/docs/man/*.8)
foreach(page ${man_sources})
  get_filename_component(name ${page} NAME)
  string(REGEX REPLACE "^.*\\.([18])$" "\\1" section ${name})
  set(gz ${GRIDHALL_PKG_DIR}/man/${name}.gz)
  add_custom_command(OUTPUT ${gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${GRIDHALL_PKG_DIR}/man
    COMMAND sh -c "gzip -9n -c \"$1\" > \"$2\"" gzip ${page} ${gz}
    DEPENDS ${page} VERBATIM)
  list(APPEND packaging_outputs ${gz})
  if(name MATCHES "^gridhall(-report|-heatmap|-cameras)?\\.1$")
    set(component desktop)
  else()
    set(component server)
  endif()
  install(FILES ${gz} DESTINATION share/man/man${section} COMPONENT ${component})
endforeach()

# --- the service ----------------------------------------------------------------------
install(FILES ${PROJECT_SOURCE_DIR}/deploy/gridhall-server.service DESTINATION /lib/systemd/system COMPONENT server)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/server.conf DESTINATION /etc/gridhall COMPONENT server)
# What the IT office follows on the machine: installing, several instances, HAProxy, backups.
install(FILES ${PROJECT_SOURCE_DIR}/docs/DEPLOY.md ${PROJECT_SOURCE_DIR}/docs/OPERATIONS.md
  DESTINATION share/doc/gridhall-server COMPONENT server)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/haproxy.cfg DESTINATION share/doc/gridhall-server/examples COMPONENT server)
# The Monday report (docs/REPORTS.md) runs `gridhall report`, so its units ship with the app;
# they are enabled by hand on the machine that also runs the server (its user and database).
install(FILES ${PROJECT_SOURCE_DIR}/deploy/gridhall-report.service ${PROJECT_SOURCE_DIR}/deploy/gridhall-report.timer
  DESTINATION /lib/systemd/system COMPONENT desktop)
install(FILES ${PROJECT_SOURCE_DIR}/docs/REPORTS.md DESTINATION share/doc/gridhall COMPONENT desktop)
file(MAKE_DIRECTORY ${GRIDHALL_PKG_DIR}/server-control)
foreach(script postinst prerm postrm)
  configure_file(${PROJECT_SOURCE_DIR}/deploy/debian/gridhall-server.${script}
    ${GRIDHALL_PKG_DIR}/server-control/${script} COPYONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()
file(WRITE ${GRIDHALL_PKG_DIR}/server-control/conffiles "/etc/gridhall/server.conf\n")

# --- copyright and changelog of each package ------------------------------------------
foreach(pkg gridhall gridhall-server)
  if(pkg STREQUAL gridhall)
    set(component desktop)
  else()
    set(component server)
  endif()
  set(PACKAGE ${pkg})
  set(VERSION ${PROJECT_VERSION}-${GRIDHALL_PACKAGE_REVISION})
  set(MAINTAINER ${GRIDHALL_MAINTAINER})
  configure_file(${PROJECT_SOURCE_DIR}/deploy/debian/changelog.in ${GRIDHALL_PKG_DIR}/${pkg}/changelog.Debian @ONLY)
  set(gz ${GRIDHALL_PKG_DIR}/${pkg}/changelog.Debian.gz)
  add_custom_command(OUTPUT ${gz}
    COMMAND sh -c "gzip -9n -c \"$1\" > \"$2\"" gzip ${GRIDHALL_PKG_DIR}/${pkg}/changelog.Debian ${gz}
    DEPENDS ${GRIDHALL_PKG_DIR}/${pkg}/changelog.Debian VERBATIM)
  list(APPEND packaging_outputs ${gz})
  install(FILES ${gz} ${PROJECT_SOURCE_DIR}/deploy/debian/copyright DESTINATION share/doc/${pkg} COMPONENT ${component})
endforeach()

add_custom_target(packaging_files ALL DEPENDS ${packaging_outputs})

# --- cpack ------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL desktop server)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_NAME gridhall)
set(CPACK_PACKAGE_VENDOR "GridHall")
set(CPACK_PACKAGE_CONTACT ${GRIDHALL_MAINTAINER})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${GRIDHALL_PACKAGE_REVISION})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${GRIDHALL_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME gridhall)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION misc)
# Chinese text needs a CJK font; Qt's own dialogs are translated by qt6-translations-l10n;
# the camera view plays RTSP H.264 through Qt Multimedia's GStreamer backend (rtspsrc and
# the depayloader in -good, h264parse in -bad, the decoder in -libav), plugins dpkg-shlibdeps
# cannot see. The demo's gridhall-cameras encodes with x264enc (-ugly) after videotestsrc and
# the text overlays (-base).
set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "fonts-noto-cjk | fonts-wqy-microhei, qt6-translations-l10n, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good, gstreamer1.0-plugins-bad, gstreamer1.0-plugins-ugly, gstreamer1.0-libav")
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SUGGESTS "gridhall-server")
set(CPACK_DEBIAN_DESKTOP_DESCRIPTION "workstation and video wall of a grid governance command hall
GridHall is the desktop application of the district and street command
centres of grid-based urban governance: the district map with its grid
cells, the case queues along the closed loop, field workers' live positions
and tracks, the KPI dashboard and the weekly report for leaders, and the
hall's video wall.
.
It keeps a local replica of the hall's server (package gridhall-server), so
the desk keeps working through a lost link. Chinese (zh_CN) and English.")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME gridhall-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql, haproxy")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
  "${GRIDHALL_PKG_DIR}/server-control/postinst;${GRIDHALL_PKG_DIR}/server-control/prerm;${GRIDHALL_PKG_DIR}/server-control/postrm;${GRIDHALL_PKG_DIR}/server-control/conffiles")
set(CPACK_DEBIAN_SERVER_DESCRIPTION "sync server of a grid governance command hall, as a service
gridhall-server holds a command hall's areas, grid cells, workers, cases,
users and tamper-evident audit log in SQLite or PostgreSQL and serves them
to the hall's workstations, video walls and field handhelds over WebSocket
(TLS for anything beyond loopback). It runs as the systemd service
gridhall-server under its own user, configured in /etc/gridhall/server.conf.
.
The package also holds gridhall-sim, which plays a district's field workers'
handhelds against the server for trials and load tests.")

include(CPack)
