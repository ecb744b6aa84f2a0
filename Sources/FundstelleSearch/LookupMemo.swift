import FundstelleAnalysis
import FundstelleIndex

/// The dictionary look-ups of one search, remembered. A query asks for the same key of the
/// same segment several times (to order its words by cost, to match them, for the spelling
/// bonuses, for proximity), and a look-up is a binary search and a block scan. Segments never
/// change, so a remembered answer is the answer; `reset` keeps the memory of one search only.
struct LookupMemo {
    private struct Entry {
        var segment: ObjectIdentifier
        var start: Int32, count: Int32  // the key's bytes in `arena`
        var info: TermInfo?
    }

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    /// Hash slots: an index into `entries`, or -1. The length is a power of two.
    private var slots = [Int32](repeating: -1, count: 256)

    /// Forgets every answer.
    mutating func reset() {
        guard !entries.isEmpty else { return }
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = -1 }
    }

    /// `segment`'s term info for `term` as `kind` in `field`, looked up once per search.
    mutating func lookup(
        _ segment: SegmentReader, _ field: Field, _ kind: TermKind, _ term: [UInt8]
    ) throws(IndexError) -> TermInfo? {
        let id = ObjectIdentifier(segment)
        let prefix = field.keyPrefix(kind)
        var slot = term.withUnsafeBufferPointer { Self.hash(id, prefix, $0) } & (slots.count - 1)
        while slots[slot] >= 0 {
            let e = entries[Int(slots[slot])]
            if e.segment == id, Int(e.count) == term.count + 1, arena[Int(e.start)] == prefix,
               arena[Int(e.start) + 1 ..< Int(e.start + e.count)].elementsEqual(term) {
                return e.info
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        let info = try segment.lookup(field, kind, term)
        slots[slot] = Int32(entries.count)
        entries.append(Entry(segment: id, start: Int32(arena.count), count: Int32(term.count + 1), info: info))
        arena.append(prefix)
        arena.append(contentsOf: term)
        if entries.count * 2 > slots.count { grow() }
        return info
    }

    /// Doubles the slots and places every entry again.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (i, e) in entries.enumerated() {
            let start = Int(e.start)
            var slot = arena.withUnsafeBufferPointer {
                Self.hash(e.segment, $0[start], UnsafeBufferPointer(rebasing: $0[(start + 1)..<(start + Int(e.count))]))
            } & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(i)
        }
    }

    /// Where a key starts looking for its slot: the term's hash mixed with the key prefix and
    /// the segment's address.
    private static func hash(_ segment: ObjectIdentifier, _ prefix: UInt8, _ term: UnsafeBufferPointer<UInt8>) -> Int {
        let h = (ByteHash.hash(term) ^ UInt64(prefix)) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt(bitPattern: segment))
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}
