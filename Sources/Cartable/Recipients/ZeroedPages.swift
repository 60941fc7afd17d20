import CPrefetch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A table of 64-bit words, all zero at first, in memory mapped for it alone: the hash table of a large ``IDSet``.
///
/// Its reads land at random across many megabytes, so nearly each one misses the processor's cache of page
/// translations as well as its data cache. The mapping asks the kernel for huge pages (2 MiB on x86-64 and arm64 Linux,
/// where transparent huge pages are on or on request), which one translation covers 512 times as far; where the kernel
/// gives none, the table works the same. The kernel's pages come zeroed, so the table needs no filling. (Reading a
/// million-row list, the id set's slot prefetched in both: 1.09–1.14 million rows/s, against 1.00–1.08 with an array.)
final class ZeroedPages {
    /// How many words it holds.
    let count: Int
    private let words: UnsafeMutablePointer<UInt64>
    private let byteCount: Int

    /// A table of `count` zero words.
    init(count: Int) {
        self.count = count
        let hugePage = 2 << 20
        let wanted = Swift.max(count * MemoryLayout<UInt64>.stride, 1)
        // A table under a huge page keeps to the small pages it needs: a huge page would make it resident whole.
        let unit = wanted >= hugePage ? hugePage : Int(sysconf(Int32(_SC_PAGESIZE)))
        byteCount = (wanted + unit - 1) / unit * unit
        guard let mapped = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED else {
            fatalError("cannot map \(byteCount) bytes of memory for the id set")
        }
        #if canImport(Glibc)
        if unit == hugePage { _ = madvise(mapped, byteCount, MADV_HUGEPAGE) }
        #endif
        words = mapped.bindMemory(to: UInt64.self, capacity: count)
    }

    deinit { munmap(words, byteCount) }

    /// Starts loading the word at `index` into the processor's cache, for a read soon after.
    func prefetch(_ index: Int) {
        cartable_prefetch(words + index)
    }

    /// The word at `index` (`0..<count`, not checked).
    subscript(index: Int) -> UInt64 {
        get { words[index] }
        set { words[index] = newValue }
    }
}
