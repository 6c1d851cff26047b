# archipel_embed(TARGET target BASE dir FILES f1 f2 ...)
# Generates a source file holding the files' bytes, looked up at run time by their path relative
# to BASE (see core/include/archipel/core/resources.hpp). The data ships inside the binary, so an
# uninstalled `archipel` still has its schemas and grid standards.
set(ARCHIPEL_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_script.cmake)

function(archipel_embed)
  cmake_parse_arguments(ARG "" "TARGET;BASE" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_embedded.cpp)
  set(abs_files)
  foreach(f IN LISTS ARG_FILES)
    list(APPEND abs_files ${ARG_BASE}/${f})
  endforeach()
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DBASE=${ARG_BASE} "-DFILES=${ARG_FILES}"
            -P ${ARCHIPEL_EMBED_SCRIPT}
    DEPENDS ${abs_files} ${ARCHIPEL_EMBED_SCRIPT}
    COMMENT "Embedding ${ARG_TARGET} resources" VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE ${out})
endfunction()
