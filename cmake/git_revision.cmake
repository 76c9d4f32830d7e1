# The git revision is baked into every output (provenance). It is regenerated
# at every build, and the source is rewritten only when the revision changes,
# so an unchanged tree does not relink.
set(BETARELAX_GIT_REVISION_CPP "${CMAKE_BINARY_DIR}/generated/git_revision.cpp")
add_custom_target(betarelax_git_revision
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${BETARELAX_GIT_REVISION_CPP}
          -P ${CMAKE_SOURCE_DIR}/cmake/write_git_revision.cmake
  BYPRODUCTS ${BETARELAX_GIT_REVISION_CPP}
  COMMENT "Recording the git revision")
