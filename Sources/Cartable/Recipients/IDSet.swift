import Foundation

/// The ids a streamed list has given so far, to reject a duplicate as it is read: the ids themselves, and an open
/// hash table of their positions, with a hash of their UTF-8 bytes made eight bytes at a time.
///
/// `Set<String>` did the same at a tenth of reading a large list: its hash (SipHash, seeded per process) walks a string
/// byte by byte and is built for keys an attacker chooses, which a list's own ids are not. Ids compare by their bytes;
/// the reader makes every value NFC, so two ids that are the same text have the same bytes.
///
/// Memory: each id (16 bytes, plus a heap copy of an id longer than 15 UTF-8 bytes, in an array that grows by
/// doubling) and a slot of 8 bytes, the table kept at most three quarters full: about 27 to 48 bytes an id.
struct IDSet: ~Copyable {
    private var ids: [String] = []
    /// Per slot: 0 when empty, else the hash's high 32 bits and the id's position in `ids` plus one.
    private var slots: ZeroedPages
    private var mask: Int

    /// A set with room for `capacity` ids before it grows.
    init(minimumCapacity capacity: Int = 0) {
        var size = 16
        while 3 * size < 4 * capacity { size *= 2 }
        slots = ZeroedPages(count: size)
        mask = size - 1
        ids.reserveCapacity(capacity)
    }

    /// How many ids the set holds.
    var count: Int { ids.count }

    /// Adds `id`; `false` when the set already had it.
    mutating func insert(_ id: String) -> Bool {
        let hash = Self.hash(id)
        if let slot = emptySlot(for: id, hash: hash) {
            if 4 * (ids.count + 1) > 3 * slots.count {
                grow()
                return insert(id)
            }
            ids.append(id)
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(ids.count)
            return true
        }
        return false
    }

    /// Starts loading the table's slot for `id` into the processor's cache, so that inserting it a little later does
    /// not wait on memory: in a large set nearly every slot read misses the cache, and the wait was a sixth of reading
    /// a million-row list.
    func prefetch(_ id: String) {
        slots.prefetch(Int(truncatingIfNeeded: Self.hash(id)) & mask)
    }

    /// Whether the set has `id`.
    func contains(_ id: String) -> Bool {
        emptySlot(for: id, hash: Self.hash(id)) == nil
    }

    /// The empty slot where `id` would go, or `nil` when the set has it.
    private func emptySlot(for id: String, hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = hash & 0xFFFF_FFFF_0000_0000
        while true {
            let entry = slots[slot]
            if entry == 0 { return slot }
            if entry & 0xFFFF_FFFF_0000_0000 == tag, Self.sameBytes(ids[Int(entry & 0xFFFF_FFFF) - 1], id) { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Doubles the table and puts every id back.
    private mutating func grow() {
        let size = slots.count * 2
        slots = ZeroedPages(count: size)
        mask = size - 1
        for (index, id) in ids.enumerated() {
            let hash = Self.hash(id)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(index + 1)
        }
    }

    private static func sameBytes(_ left: String, _ right: String) -> Bool {
        left.withUTF8Bytes { left in
            right.withUTF8Bytes { right in
                left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
    }

    /// A 64-bit hash of the id's UTF-8 bytes: each eight bytes mixed in with a multiplication, then the bits spread
    /// (MurmurHash3's finaliser), so that both the slot (low bits) and the tag (high bits) vary with every byte.
    static func hash(_ id: String) -> UInt64 {
        id.withUTF8Bytes { bytes in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
            var index = 0
            let raw = UnsafeRawBufferPointer(bytes)
            while index + 8 <= bytes.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 29
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            hash ^= hash >> 33
            hash &*= 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 33
            return hash
        }
    }
}
