// CPrefetch is a header of inline functions (include/CPrefetch.h); a C target needs one source file to build.
#include "CPrefetch.h"
