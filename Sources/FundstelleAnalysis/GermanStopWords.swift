/// A German stop-word list: the common function words (articles, pronouns,
/// prepositions, conjunctions, and forms of the auxiliary and modal verbs)
/// that carry little meaning for search.
///
/// Entries are lower-case and include both "dass" and the older "daß".
/// Lookups are allocation-free: the list is packed once into one byte
/// string sorted by UTF-8 bytes and searched by bisection.
public enum GermanStopWords {
    /// True when the lower-cased UTF-8 word is a German stop word (der, die, und, zu, …).
    public static func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let (bytes, starts) = packed
        return bytes.withUnsafeBufferPointer { bytes in
            var low = 0
            var high = starts.count - 1  // number of words
            while low < high {
                let mid = (low + high) / 2
                let entry = UnsafeBufferPointer(rebasing: bytes[starts[mid]..<starts[mid + 1]])
                let order = compare(entry, word)
                if order == 0 { return true }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return false
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

    /// `all` as one run of UTF-8 bytes, sorted bytewise, plus the offset where
    /// each word starts (with the total length appended as the last entry).
    private static let packed: (bytes: [UInt8], starts: [Int]) = {
        let words = all.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        for word in words {
            bytes += word
            starts.append(bytes.count)
        }
        return (bytes, starts)
    }()

    /// Bytewise three-way comparison: negative, zero or positive as `a` sorts
    /// before, equal to, or after `b`.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        for i in 0..<min(a.count, b.count) where a[i] != b[i] {
            return Int(a[i]) - Int(b[i])
        }
        return a.count - b.count
    }
}
