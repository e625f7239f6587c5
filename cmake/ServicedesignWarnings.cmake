# Strict warnings for servicedesign's own targets only; consumers' flags are never touched.
function(servicedesign_set_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${SERVICEDESIGN_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                           -Wno-sign-conversion $<$<BOOL:${SERVICEDESIGN_WERROR}>:-Werror>)
  endif()
endfunction()
