#ifndef FRESHGROUND_CHEAP_H
#define FRESHGROUND_CHEAP_H

/// Sets glibc's trim threshold (free memory a heap keeps at its top) and mmap threshold (the size from which a
/// block gets a mapping of its own), in bytes, for the whole process. `mallopt` is declared in <malloc.h>, which
/// Swift's Glibc module leaves out, hence this C function. Returns 1 when both were taken; 0 otherwise, and always
/// 0 off glibc.
int freshground_heap_keep_freed(int keptFree, int mappedAbove);

#endif
