/// Remembers, per normalised word, what the expensive steps made of it: its index term
/// (`GermanConflation`), its folded
/// form and whether it is a stop word. German text repeats its vocabulary, so most tokens are
/// answered by one hash look-up instead of folding and stemming again.
///
/// Open addressing over one byte arena; bounded: when it holds `capacity` words it starts
/// over. Deterministic: a cached answer is the same as a computed one.
///
/// A class, not a struct: the analyzer reads it inside closures on every token, and a struct
/// with seven buffers was copied (seven retains and releases) each time — a quarter of the
/// indexer's cycles. Copies of an `Analyzer` therefore share their cache; give each thread its
/// own analyzer.
final class WordCache {
    struct Entry {
        var keyStart: Int32
        var keyLength: Int32
        var stemStart: Int32
        var stemLength: Int32
        /// -1 when the folded form equals the word.
        var foldedStart: Int32
        var foldedLength: Int32
        var isStopWord: Bool
        /// Where the index terms of the word's compound parts are in `parts` (count 0: whole word).
        var partsStart: Int32 = 0
        var partsCount: Int32 = 0
        /// Byte offset where the last part begins in the word ("amt" in "jugendamt"), -1 for a
        /// word that does not split.
        var headOffset: Int32 = -1
    }

    private var arena: [UInt8] = []
    private(set) var entries: [Entry] = []
    /// Arena ranges of part terms, `partsCount` of them from an entry's `partsStart`.
    private var parts: [(start: Int32, length: Int32)] = []
    /// Splits compounds when set (the index sets it; a query's analyzer has none).
    var decompounder: Decompounder? {
        didSet { splitsCompounds = decompounder != nil }
    }
    /// `decompounder != nil`, asked once per token without copying the decompounder's tables.
    private(set) var splitsCompounds = false
    /// Splits computed ahead for the vocabulary, consulted before the decompounder.
    var splitTable: SplitTable?
    /// The decompounder's buffers, kept from word to word.
    private var splitWorkspace = Decompounder.Workspace()
    /// Whether the last `entry` call computed its entry (a word not seen since the last reset).
    private(set) var lastWasNew = false
    /// Open-addressing table of entry numbers (-1: empty), at most half full: it starts small
    /// and doubles up to twice `capacity`, so a query's analyzer, which sees a few words, does
    /// not pay for the table of an indexer's (a megabyte of page faults per process).
    private var slots: [Int32]
    private let capacity: Int

    init(capacity: Int = 1 << 17) {
        self.capacity = capacity
        slots = [Int32](repeating: -1, count: min(capacity * 2, Self.initialSlots))
    }

    private static let initialSlots = 1 << 10

    private func slot(forHash h: UInt64) -> Int {
        Int(truncatingIfNeeded: h ^ (h >> 32)) & (slots.count - 1)
    }

    /// Doubles the table and puts every entry back.
    private func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, e) in entries.enumerated() {
            var slot = withBytes(e.keyStart, e.keyLength) { self.slot(forHash: ByteHash.hash($0)) }
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// The entry of `word`, computed on a miss (with `scratch` as working space).
    func entry(
        _ word: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]
    ) -> Entry {
        let h = ByteHash.hash(word)
        var mask = slots.count - 1
        var slot = self.slot(forHash: h)
        while true {
            let id = slots[slot]
            if id < 0 { break }
            let e = entries[Int(id)]
            if Int(e.keyLength) == word.count, arena.withUnsafeBufferPointer({ a in
                memcmp(a.baseAddress! + Int(e.keyStart), word.baseAddress!, word.count) == 0
            }) {
                lastWasNew = false
                return e
            }
            slot = (slot + 1) & mask
        }
        if entries.count >= capacity {
            entries.removeAll(keepingCapacity: true)
            arena.removeAll(keepingCapacity: true)
            parts.removeAll(keepingCapacity: true)
            for i in slots.indices { slots[i] = -1 }
            slot = self.slot(forHash: h)
        } else if (entries.count + 1) * 2 > slots.count {
            grow()
            mask = slots.count - 1
            slot = self.slot(forHash: h)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
        }
        var e = Entry(keyStart: Int32(arena.count), keyLength: Int32(word.count), stemStart: 0, stemLength: 0,
                      foldedStart: -1, foldedLength: 0, isStopWord: GermanStopWords.contains(word))
        arena.append(contentsOf: word)
        GermanFolding.fold(word, into: &scratch)
        if !scratch.elementsEqual(word) {
            e.foldedStart = Int32(arena.count)
            e.foldedLength = Int32(scratch.count)
            arena.append(contentsOf: scratch)
        }
        GermanConflation.indexTerm(word, into: &scratch)  // the index term (see GermanConflation)
        e.stemStart = Int32(arena.count)
        e.stemLength = Int32(scratch.count)
        arena.append(contentsOf: scratch)
        if let decompounder, word.count >= SplitTable.minimumLength {
            let known = splitTable?.lookUp(Array(word))
            if let split = known ?? SplitTable.split(word, with: decompounder, in: &splitWorkspace) {
                e.partsStart = Int32(parts.count)
                e.headOffset = Int32(split.headOffset)
                for term in split.parts {
                    parts.append((Int32(arena.count), Int32(term.count)))
                    arena.append(contentsOf: term)
                }
                e.partsCount = Int32(split.parts.count)
            }
        }
        slots[slot] = Int32(entries.count)
        entries.append(e)
        lastWasNew = true
        return e
    }

    /// Calls `body` with the index term of each compound part of `entry`.
    func forEachPart(of entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard entry.partsCount > 0 else { return }
        for i in Int(entry.partsStart)..<Int(entry.partsStart + entry.partsCount) {
            withBytes(parts[i].start, parts[i].length, body)
        }
    }

    /// Calls `body` with the arena bytes `start ..< start + length`.
    func withBytes<R>(_ start: Int32, _ length: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { a in
            body(UnsafeBufferPointer(rebasing: a[Int(start)..<Int(start + length)]))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
