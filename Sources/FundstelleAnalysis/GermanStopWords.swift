/// A German stop-word list: the common function words (articles, pronouns,
/// prepositions, conjunctions, and forms of the auxiliary and modal verbs)
/// that carry little meaning for search.
///
/// Entries are lower-case and include both "dass" and the older "daß".
/// Lookups are allocation-free and touch no reference-counted storage: each word is packed
/// into two integers and found in a small open-addressing table (the decompounder asks
/// about every candidate part of every word it splits).
public enum GermanStopWords {
    /// True when the lower-cased UTF-8 word is a German stop word (der, die, und, zu, …).
    public static func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count > 0, word.count <= 16 else { return false }
        let key = pack(word)
        let table = self.table
        var slot = Self.slot(of: key)
        while true {
            let entry = table[slot]
            if entry == key { return true }
            if entry == (0, 0) { return false }
            slot = (slot + 1) & (tableSize - 1)
        }
    }

    public static func contains(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { contains($0) }
    }

    /// The list, lower-case, sorted by UTF-8 bytes: the function words and the abbreviations.
    public static let all: [String] = (functionWords + abbreviations).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

    /// Abbreviations that stand for function words ("bzw." for "beziehungsweise", "z. B." as one
    /// token "zb"); written without their dots, as the tokenizer sees them.
    static let abbreviations = ["bspw", "bzw", "dh", "evtl", "ggf", "idr", "sog", "ua", "usw", "uu", "vgl", "zb"]

    static let functionWords: [String] = [
        "ab", "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an",
        "andere", "anderem", "anderen", "anderer", "anderes", "ans", "auch", "auf", "aus", "außer",
        "bei", "beide", "beiden", "beim", "bin", "bis", "bist", "da", "dabei", "dafür", "daher",
        "damit", "dann", "darum", "das", "dass", "davon", "dazu", "daß", "dein", "deine", "deinem",
        "deinen", "deiner", "deines", "dem", "demselben", "den", "denen", "denn", "dennoch",
        "denselben", "der", "deren", "derselbe", "derselben", "des", "desselben", "dessen", "dich",
        "die", "dies", "diese", "dieselbe", "dieselben", "diesem", "diesen", "dieser", "dieses",
        "dir", "doch", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "einige",
        "einigen", "einiges", "entweder", "er", "es", "etwas", "euch", "euer", "eure", "eurem",
        "euren", "eurer", "eures", "falls", "für", "gegen", "gegenüber", "gewesen", "habe",
        "haben", "hast", "hat", "hatte", "hatten", "hinter", "hätte", "hätten", "ich", "ihm",
        "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres", "im", "in", "indem",
        "ins", "ist", "jede", "jedem", "jeden", "jeder", "jedes", "jedoch", "jene", "jenen",
        "jener", "jenes", "kann", "kein", "keine", "keinem", "keinen", "keiner", "keines",
        "können", "könnte", "man", "manche", "manchen", "mancher", "manches", "mein", "meine",
        "meinem", "meinen", "meiner", "meines", "mich", "mir", "mit", "muss", "musste", "müssen",
        "nach", "nachdem", "neben", "nicht", "nichts", "noch", "nur", "ob", "obwohl", "oder",
        "ohne", "sein", "seine", "seinem", "seinen", "seiner", "seines", "seit", "sich", "sie",
        "sind", "so", "sobald", "sodass", "solche", "solchen", "solcher", "solches", "soll",
        "sollen", "sollte", "sondern", "sowie", "sowohl", "statt", "trotz", "um", "und", "uns",
        "unser", "unsere", "unserem", "unseren", "unserer", "unseres", "unter", "vom", "von",
        "vor", "war", "waren", "warum", "was", "weder", "wegen", "weil", "welche", "welchem",
        "welchen", "welcher", "welches", "wem", "wen", "wenn", "wer", "werde", "werden", "wessen",
        "wie", "will", "wir", "wird", "wo", "wobei", "wodurch", "wurde", "wurden", "während",
        "wäre", "wären", "würde", "würden", "zu", "zum", "zur", "zwar", "zwischen", "über",
        // Interrogative adverbs: the question words people type ("Wann fanden … statt?").
        "wann", "weshalb", "weswegen", "wieso", "wofür", "woher", "wohin", "womit", "woran",
        "worauf", "woraus", "worin", "worum", "worüber", "wovon", "wozu",
    ]

    /// Slots of `table`: a power of two, about twice the number of words.
    private static let tableSize = 1024

    /// The words packed by `pack`, at the slot `slot(of:)` gives or the next free one after it;
    /// empty slots are (0, 0). Made once and kept for the life of the process; only read
    /// after it is made (hence safe to share between threads).
    nonisolated(unsafe) private static let table: UnsafeMutablePointer<(UInt64, UInt64)> = {
        precondition(all.count * 2 <= tableSize && all.allSatisfy { $0.utf8.count <= 16 })
        let table = UnsafeMutablePointer<(UInt64, UInt64)>.allocate(capacity: tableSize)
        table.initialize(repeating: (0, 0), count: tableSize)
        for word in all {
            var bytes = Array(word.utf8)
            let key = bytes.withUnsafeMutableBufferPointer { pack(UnsafeBufferPointer($0)) }
            var slot = slot(of: key)
            while table[slot] != (0, 0) { slot = (slot + 1) & (tableSize - 1) }
            table[slot] = key
        }
        return table
    }()

    /// A word of at most 16 bytes as two little-endian integers, zero-padded (no word holds a
    /// zero byte, so the packing is one-to-one).
    @inline(__always)
    private static func pack(_ word: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for i in 0..<min(word.count, 8) { low |= UInt64(word[i]) << (8 * UInt64(i)) }
        for i in min(word.count, 8)..<word.count { high |= UInt64(word[i]) << (8 * UInt64(i - 8)) }
        return (low, high)
    }

    @inline(__always)
    private static func slot(of key: (UInt64, UInt64)) -> Int {
        let h = (key.0 &* 0x9E37_79B9_7F4A_7C15) ^ (key.1 &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h >> 54)  // the top 10 bits: 0..<1024
    }
}
