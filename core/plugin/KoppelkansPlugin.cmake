# kk_add_plugin(ID id SOURCES ... LIBS ... [SOURCE_DIR dir] [OUTPUT_DIR dir] [NO_INSTALL])
# Builds a plugin as a loadable module named kk_<id>.so into <OUTPUT_DIR>/<id>/ (default
# ${CMAKE_BINARY_DIR}/plugins, where developer builds of the CLI and the workbench find it)
# and copies plugin.json, data/ and scripts/ from SOURCE_DIR (default: the current source
# folder) beside it. The
# module links its own copies of the core libraries but exports only kk_plugin_entry
# (--exclude-libs), so it never clashes with the host's symbols.
function(kk_add_plugin)
    cmake_parse_arguments(P "NO_INSTALL" "ID;OUTPUT_DIR;SOURCE_DIR" "SOURCES;LIBS" ${ARGN})
    if(NOT P_OUTPUT_DIR)
        set(P_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins)
    endif()
    if(NOT P_SOURCE_DIR)
        set(P_SOURCE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    endif()
    set(target kk_${P_ID})
    set(dir ${P_OUTPUT_DIR}/${P_ID})
    add_library(${target} MODULE ${P_SOURCES})
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        LIBRARY_OUTPUT_DIRECTORY ${dir}
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)
    target_link_libraries(${target} PRIVATE ${P_LIBS})
    target_link_options(${target} PRIVATE "LINKER:--exclude-libs,ALL")
    set(copies)
    if(EXISTS ${P_SOURCE_DIR}/plugin.json)
        list(APPEND copies COMMAND ${CMAKE_COMMAND} -E copy_if_different
             ${P_SOURCE_DIR}/plugin.json ${dir}/plugin.json)
    endif()
    foreach(sub data scripts)
        if(IS_DIRECTORY ${P_SOURCE_DIR}/${sub})
            list(APPEND copies COMMAND ${CMAKE_COMMAND} -E copy_directory
                 ${P_SOURCE_DIR}/${sub} ${dir}/${sub})
        endif()
    endforeach()
    if(copies)
        add_custom_command(TARGET ${target} POST_BUILD ${copies} VERBATIM)
    endif()
    if(NOT P_NO_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION ${KK_PLUGIN_INSTALL_DIR}/${P_ID})
        install(FILES ${P_SOURCE_DIR}/plugin.json
                DESTINATION ${KK_PLUGIN_INSTALL_DIR}/${P_ID})
        foreach(sub data scripts)
            if(IS_DIRECTORY ${P_SOURCE_DIR}/${sub})
                install(DIRECTORY ${P_SOURCE_DIR}/${sub}
                        DESTINATION ${KK_PLUGIN_INSTALL_DIR}/${P_ID})
            endif()
        endforeach()
    endif()
endfunction()
