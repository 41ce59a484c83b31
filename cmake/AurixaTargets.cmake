include(GoogleTest)

# aurixa_add_test(NAME name SOURCES a_test.cpp ... LIBS lib ...)
# One GoogleTest binary; its tests are discovered at ctest time so the build stays fast.
function(aurixa_add_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  gtest_discover_tests(${T_NAME} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "AURIXA_BIN=$<TARGET_FILE:aurixa>;AURIXA_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
