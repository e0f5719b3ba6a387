# kk_add_test(NAME name SOURCES ... LIBS ... [LABELS ...]): one GoogleTest executable, one ctest.
find_package(GTest REQUIRED)
function(kk_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main
                                            GTest::gmock)
    target_compile_definitions(${T_NAME} PRIVATE
        KK_SOURCE_DIR="${PROJECT_SOURCE_DIR}" KK_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${T_NAME} COMMAND ${T_NAME} --gtest_color=no)
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 600)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "KK_SOURCE_DIR=${PROJECT_SOURCE_DIR};KK_BINARY_DIR=${PROJECT_BINARY_DIR}")
    if(T_LABELS)
        set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
    endif()
endfunction()
