# Fails naming every ctest test without a label (tests/CMakeLists.txt "Test tiers"): a test
# without one would run in no tier but the full one. Run by ctest as test_labels.
execute_process(COMMAND ${CTEST} --test-dir ${BUILD_DIR} -N -LE . OUTPUT_VARIABLE listing
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ctest -N failed (${rc}):\n${listing}")
endif()
string(REGEX MATCHALL "Test +#[0-9]+: [^\n]+" unlabelled "${listing}")
if(unlabelled)
  list(JOIN unlabelled "\n  " lines)
  message(FATAL_ERROR "tests without a ctest label (add one in tests/CMakeLists.txt):\n  ${lines}")
endif()
string(REGEX MATCH "Total Tests: 0" none "${listing}")
if(NOT none)
  message(FATAL_ERROR "could not read the unlabelled tests from:\n${listing}")
endif()
message(STATUS "every test has a label")
