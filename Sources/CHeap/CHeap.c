#include "CHeap.h"
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>

int freshground_heap_keep_freed(int keptFree, int mappedAbove) {
    return mallopt(M_TRIM_THRESHOLD, keptFree) == 1 && mallopt(M_MMAP_THRESHOLD, mappedAbove) == 1;
}
#else
int freshground_heap_keep_freed(int keptFree, int mappedAbove) {
    (void)keptFree;
    (void)mappedAbove;
    return 0;
}
#endif
