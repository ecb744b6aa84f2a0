import FundstelleAnalysis

/// Interns byte strings to dense ids: an open-addressing hash table over one byte arena.
///
/// Keys are compared as bytes; no `String` and no per-key allocation. Lookup is O(length).
struct TermTable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int32] = []
    private(set) var lengths: [Int32] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { starts.count }

    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        Int(truncatingIfNeeded: ByteHash.hash(key))
    }

    /// The id of `key`, whose `ByteHash` is `hash`, adding it when new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if equals(Int(id), key) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(Int32(arena.count))
        lengths.append(Int32(key.count))
        arena.append(contentsOf: key)
        slots[slot] = id
        if starts.count * 2 > slots.count { grow() }
        return id
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = Int(lengths[id])
        guard n == key.count else { return false }
        let s = Int(starts[id])
        return arena.withUnsafeBufferPointer { a in
            guard n > 0 else { return true }
            return memcmp(a.baseAddress! + s, key.baseAddress!, n) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        arena.withUnsafeBufferPointer { a in
            for id in 0..<starts.count {
                let key = UnsafeBufferPointer(rebasing: a[Int(starts[id])..<Int(starts[id] + lengths[id])])
                var slot = TermTable.hash(key) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(id)
            }
        }
    }

    /// The bytes of term `id`, valid while the table is not mutated.
    func withKey<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { a in
            body(UnsafeBufferPointer(rebasing: a[Int(starts[id])..<Int(starts[id] + lengths[id])]))
        }
    }

    /// All ids ordered by their bytes (unsigned lexicographic).
    func sortedIDs() -> [Int32] {
        // Each key's first eight bytes as one big-endian number (zero-padded) order the keys
        // as memcmp does up to there; only keys that tie in them are compared in full.
        var keyed: [(prefix: UInt64, id: Int32)] = []
        keyed.reserveCapacity(starts.count)
        arena.withUnsafeBufferPointer { a in
            let base = a.baseAddress
            for id in 0..<starts.count {
                let start = Int(starts[id]), n = min(8, Int(lengths[id]))
                var prefix: UInt64 = 0
                for k in 0..<8 { prefix = prefix << 8 | UInt64(k < n ? base![start + k] : 0) }
                keyed.append((prefix, Int32(id)))
            }
            keyed.sort { x, y in
                if x.prefix != y.prefix { return x.prefix < y.prefix }
                let lx = Int(lengths[Int(x.id)]), ly = Int(lengths[Int(y.id)])
                let c = memcmp(base! + Int(starts[Int(x.id)]), base! + Int(starts[Int(y.id)]), min(lx, ly))
                return c != 0 ? c < 0 : lx < ly
            }
        }
        return keyed.map(\.id)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
