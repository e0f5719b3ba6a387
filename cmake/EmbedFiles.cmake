# Embeds text files (SQL migrations) into a generated C++ source at build time.
# kk_embed_migrations(OUTPUT file.cpp FUNCTION ns::name FILES a.sql b.sql ...)
# generates `const std::vector<kk::Migration>& <FUNCTION>()` with one Migration per file; the
# version is the number the file name starts with (0001_initial.sql -> 1).
function(kk_embed_migrations)
    cmake_parse_arguments(E "" "OUTPUT;FUNCTION" "FILES" ${ARGN})
    set(abs_files)
    foreach(f IN LISTS E_FILES)
        get_filename_component(a ${f} ABSOLUTE)
        list(APPEND abs_files ${a})
    endforeach()
    list(JOIN abs_files "|" files_arg)
    add_custom_command(
        OUTPUT ${E_OUTPUT}
        COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DFUNCTION=${E_FUNCTION}
                "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
        DEPENDS ${abs_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
        COMMENT "Embedding migrations into ${E_OUTPUT}"
        VERBATIM)
endfunction()
