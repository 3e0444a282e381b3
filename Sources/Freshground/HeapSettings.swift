import CHeap

/// How the C heap keeps memory the server has freed.
///
/// glibc gives the free memory at the top of a thread's heap back to the kernel as soon as more than 128 KiB of it
/// is free, and the next allocation there takes it back a page at a time, each page a fault the kernel must fill
/// with zeros. SQLite allocates about 80 KiB for every temporary b-tree a statement opens (window functions,
/// `DISTINCT`, `IN (SELECT …)`) and frees it when the statement ends, so the signed-in home page paid about 85
/// page faults per request, a fifth of its CPU (BENCHMARKS.md, "Issue 18, 2026-12-06 (2)"). Keeping up to
/// `keptFree` free per heap, and serving blocks up to `mappedAbove` from the heap instead of their own mapping,
/// turns that back into plain reuse. The cost is memory a quiet server keeps after a busy minute, at most
/// `keptFree` for each of glibc's heaps.
package enum HeapSettings {
    /// Free memory a heap keeps at its top before giving any back to the kernel.
    package static let keptFree: Int32 = 8 << 20
    /// Blocks at least this large get a mapping of their own, given back as soon as they are freed.
    package static let mappedAbove: Int32 = 2 << 20

    /// Sets both for the whole process; true when the C library took them (always false off glibc).
    @discardableResult
    package static func apply() -> Bool {
        freshground_heap_keep_freed(keptFree, mappedAbove) == 1
    }
}
