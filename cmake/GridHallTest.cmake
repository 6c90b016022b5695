# gridhall_add_test(NAME name SOURCES a.cpp ... LIBS lib ...)
# One executable per test class, registered with CTest and run headless.
function(gridhall_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE
    GRIDHALL_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    GRIDHALL_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES
    TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8")
endfunction()

# gridhall_add_tests_in_dir(LIBS lib ...): one test per tst_*.cpp in the current folder.
function(gridhall_add_tests_in_dir)
  cmake_parse_arguments(T "" "TIMEOUT" "LIBS" ${ARGN})
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tst_*.cpp)
  foreach(src ${tests})
    get_filename_component(name ${src} NAME_WE)
    gridhall_add_test(NAME ${name} SOURCES ${src} LIBS ${T_LIBS} TIMEOUT ${T_TIMEOUT})
  endforeach()
endfunction()

# gridhall_add_bench(NAME name SOURCES ... LIBS ...): a benchmark program run by `make bench`,
# never by ctest. It prints `bench <name>: ... ok|short` lines.
function(gridhall_add_bench)
  cmake_parse_arguments(B "" "NAME" "SOURCES;LIBS" ${ARGN})
  add_executable(${B_NAME} ${B_SOURCES})
  target_link_libraries(${B_NAME} PRIVATE ${B_LIBS})
  set_target_properties(${B_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
endfunction()
