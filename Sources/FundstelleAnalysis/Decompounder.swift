/// Splits German compounds into their parts using only the word frequencies of a corpus.
///
/// The method is that of Koehn & Knight (2003): of all ways to cut a word into known
/// words, take the one whose parts have the highest geometric mean of corpus
/// frequencies, and keep the word whole when its own frequency is higher still.
///
/// Made precise for German:
/// - A part must be a corpus word as written, less a linking element (-s-, -es-; -n-,
///   -en-, -er-, -e- where the part with it is a word too: "arbeits", "kinder"), less an
///   inflectional ending other than -er when it is the last part ("feindes"), or with an elided -e
///   restored ("schul" → "schule"). Words are looked up by their `GermanFolding` key, so
///   "ae"/"ä" and "ss"/"ß" spellings meet.
/// - A part has at least `minimumPartLength` letters (shorter ones only from the short
///   list in `GermanWordParts`: "amt", "tag", "öl") and enough occurrences: more for
///   short parts, which are often abbreviations or fragments in a corpus, fewer for long
///   ones. Stop words, particles and derivational affixes (ver-, be-, -ung, -heit, -lich,
///   … in `GermanWordParts`) are never parts, nor are strings no German word could be
///   ("hrung", "schw"); except that a suffix that is a word of its own may begin a compound
///   ("Haftprüfung", "Samenbank"), and a few prepositions too ("Zwischenbericht").
/// - The search is exhaustive (dynamic programming over cut positions, one row per
///   number of parts, up to `maximumParts`), with a small penalty per part beyond two.
///   The K&K test is then applied to each pair of neighbouring parts as well: a pair
///   that is itself a more frequent word stays together ("krankenhaus" in
///   "krankenhausleistungen"). Whole words and such pairs are counted by Snowball stem,
///   so an inflected form still counts as the word.
///
/// A part is reported as the byte range of the lower-cased input it covers (linking
/// element included, so the ranges tile the word and map back to offsets) and its
/// normalised form: the word it stands for ("arbeits" → "arbeit", "schul" → "schule";
/// a final part stays as written when the corpus has it: "einrichtungen").
///
/// `split` allocates a few small arrays per call and is meant to run once per distinct
/// word (cache its result per word when indexing).
public struct Decompounder: Sendable {
    /// One part of a split word.
    public struct Part: Sendable, Equatable {
        /// Bytes of the lower-cased word this part covers, linking element included.
        public var range: Range<Int>
        /// The part as a word of its own (lower-cased UTF-8).
        public var normalized: [UInt8]

        public init(range: Range<Int>, normalized: [UInt8]) {
            self.range = range
            self.normalized = normalized
        }

        /// `normalized` as a string.
        public var text: String { String(decoding: normalized, as: UTF8.self) }
    }

    /// Fewest letters (Unicode scalars) a part may have.
    public var minimumPartLength = 4
    /// Fewest occurrences a part needs in the corpus (see also the next two).
    public var minimumPartFrequency = 2
    /// Fewest occurrences a part of `minimumPartLength` letters or fewer needs.
    public var shortPartFrequency = 10
    /// Parts with at least this many letters need to occur only once in the corpus.
    public var rareWordLength = 8
    /// How much (natural log of frequency) a segmentation's geometric mean must gain for
    /// each part beyond two.
    public var partPenalty = 0.5
    /// Most parts a word is cut into.
    public var maximumParts = 6

    /// Frequencies per spelling key (`GermanFolding`: "fußball" and "fussball" meet), for
    /// deciding which parts are words.
    private let words: WordFrequencies
    /// Frequencies summed per Snowball stem, for whole words and merged neighbours.
    private let stems: WordFrequencies

    /// Linking elements (and, for a final part, inflectional endings), longest first.
    /// `standsAlone` marks -s-/-es-, which attach to any word; -e-, -n-, -en-, -er- are
    /// plural forms, so a non-final part ending in them must itself be a corpus word
    /// ("kinder", "sonnen"; not "regierunger"). `endsLastPart` marks those taken off a last
    /// part too: not -er, which there makes agent nouns and comparatives, and taking it off
    /// finds words inside others ("Fußballs-türmer" for Fußball-stürmer, "Protes-tierer").
    private static let links: [(bytes: [UInt8], standsAlone: Bool, endsLastPart: Bool)] = [
        ("es", true, true), ("en", false, true), ("er", false, false), ("s", true, true), ("n", false, true), ("e", false, true),
    ].map { (Array($0.0.utf8), $0.1, $0.2) }
    /// Endings a non-final part may have lost ("schul" for "schule").
    private static let elided: [[UInt8]] = ["e", "n"].map { Array($0.utf8) }

    /// The linking elements and endings a part may carry, and the endings it may have lost:
    /// what a caller that supplies counts for the words a split asks about must look up.
    public static var linkingElements: [[UInt8]] { links.map(\.bytes) }
    public static var elidedEndings: [[UInt8]] { elided }

    /// Builds the spelling-key and stem tables from `frequencies` (one pass over its entries).
    public init(frequencies: WordFrequencies) {
        var folded = WordFrequencies()
        var key: [UInt8] = []
        var stems = WordFrequencies()
        var stemmer = GermanStemmer()
        var stem: [UInt8] = []
        frequencies.forEach { word, count in
            GermanFolding.fold(word, into: &key)
            key.withUnsafeBufferPointer { folded.add($0, amount: UInt32(clamping: count)) }
            // "sicherheit" and "sich" share a stem; the stop word must not lend its count.
            guard !GermanStopWords.contains(word) else { return }
            stemmer.stem(word, into: &stem)
            stem.withUnsafeBufferPointer { stems.add($0, amount: UInt32(clamping: count)) }
        }
        self.stems = stems
        words = folded
    }

    /// Whether `word` (lower-cased UTF-8) occurs in the corpus often enough to count as a part.
    public func isWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var scratch: [UInt8] = []
        return frequency(of: word, scratch: &scratch) >= minimumPartFrequency
    }

    /// Buffers `split` works in. A caller that splits many words keeps one (one per thread):
    /// the splits then allocate little more than their results.
    public struct Workspace {
        fileprivate struct Buffers {
            var cuts: [Int] = []
            /// Per part (i, j): NaN before it is scored, -∞ when it is no part, else its log frequency.
            var scores: [Double] = []
            var best: [Double] = []
            var back: [Int] = []
            var stemmer = GermanStemmer()
            var stem: [UInt8] = []
            var form: [UInt8] = []
            var scratch: [UInt8] = []

            /// Corpus frequency in `stems` of the stem of `bytes`. (A method, so the stemmer
            /// and its output are two properties of one value the split has borrowed.)
            mutating func stemFrequency(_ bytes: UnsafeBufferPointer<UInt8>, in stems: WordFrequencies) -> Int {
                stemmer.stem(bytes, into: &stem)
                return stem.withUnsafeBufferPointer { stems.frequency(of: $0) }
            }
        }
        fileprivate var buffers: Buffers? = Buffers()

        public init() {}
    }

    /// The parts of `word` (lower-cased UTF-8), or [] when it should stay whole.
    public func split(_ word: UnsafeBufferPointer<UInt8>) -> [Part] {
        var workspace = Workspace()
        return split(word, in: &workspace)
    }

    /// The parts of `word` (lower-cased UTF-8), or [] when it should stay whole, worked out
    /// in `workspace`'s buffers.
    public func split(_ word: UnsafeBufferPointer<UInt8>, in workspace: inout Workspace) -> [Part] {
        // The buffers are moved out of the workspace for the call and back at its end.
        var w = workspace.buffers ?? Workspace.Buffers()
        workspace.buffers = nil  // w's arrays are now referenced once: no copy on write
        defer { workspace.buffers = w }
        // Cut positions: byte offsets where a scalar starts, plus the end.
        w.cuts.removeAll(keepingCapacity: true)
        for (i, b) in word.enumerated() where b & 0xC0 != 0x80 {
            guard Self.isLetter(b) else { return [] }  // digits, punctuation: leave alone
            w.cuts.append(i)
        }
        w.cuts.append(word.count)
        let m = w.cuts.count - 1  // letters
        let minLength = max(1, minimumPartLength)
        guard m >= 2 * GermanWordParts.shortestWord, maximumParts >= 2 else { return [] }

        /// Corpus frequency of the stem of `bytes`.
        func stemFrequency(_ bytes: UnsafeBufferPointer<UInt8>) -> Int { w.stemFrequency(bytes, in: stems) }
        /// log frequency of the part cuts[i]..<cuts[j], or nil when it is no part.
        w.scores.removeAll(keepingCapacity: true)
        w.scores.append(contentsOf: repeatElement(Double.nan, count: (m + 1) * (m + 1)))
        func score(_ i: Int, _ j: Int) -> Double? {
            let key = i * (m + 1) + j
            if !w.scores[key].isNaN { return w.scores[key] == -Double.infinity ? nil : w.scores[key] }
            w.scores[key] = -Double.infinity
            let part = UnsafeBufferPointer(rebasing: word[w.cuts[i]..<w.cuts[j]])
            guard (i == 0 && j < m && (GermanWordParts.isFirstPart(part) || GermanWordParts.isSuffix(part))) || !GermanWordParts.isBound(part),
                  GermanWordParts.looksLikeWord(part) else { return nil }
            // The part itself (less a linking element, or with an elided ending restored)
            // must be a corpus word: stems alone are too loose ("vere" → "ver").
            let known = knownForm(part, isLast: j == m, in: &w)
            // Long words are rarely noise, so one occurrence is enough for them.
            // Four-letter strings are often abbreviations or fragments ("begi", "selb"):
            // real four-letter parts (haus, land, zeit) are common words.
            let letters = Self.letterCount(part)
            let required = letters >= rareWordLength ? 1 : letters <= minLength ? shortPartFrequency : max(1, minimumPartFrequency)
            guard known >= required else { return nil }
            guard letters >= minLength || w.form.withUnsafeBufferPointer(GermanWordParts.isShortWord) else { return nil }
            w.scores[key] = Self.log(Double(known))
            return w.scores[key]
        }

        // best[k][j]: highest sum of log frequencies cutting cuts[0]..<cuts[j] into k parts.
        let maxParts = min(maximumParts, m / GermanWordParts.shortestWord)
        // best[k * (m + 1) + j], back[…]: the same as rows, one per number of parts.
        let unset = -Double.infinity
        let row = m + 1
        w.best.removeAll(keepingCapacity: true)
        w.best.append(contentsOf: repeatElement(unset, count: (maxParts + 1) * row))
        w.back.removeAll(keepingCapacity: true)
        w.back.append(contentsOf: repeatElement(-1, count: (maxParts + 1) * row))
        w.best[0] = 0
        for k in 1...maxParts {
            for i in 0...m where w.best[(k - 1) * row + i] > unset {
                var j = i + GermanWordParts.shortestWord
                while j <= m {
                    // Parts before the last must leave room for it.
                    if j == m || m - j >= GermanWordParts.shortestWord, let s = score(i, j) {
                        let total = w.best[(k - 1) * row + i] + s
                        if total > w.best[k * row + j] {
                            w.best[k * row + j] = total
                            w.back[k * row + j] = i
                        }
                    }
                    j += 1
                }
            }
        }

        var bestK = 0
        var bestMean = unset
        for k in 2...maxParts where w.best[k * row + m] > unset {
            // Each part beyond two must pay its way: short frequent words otherwise
            // fragment a word ("hubschraub+erbe+satzungen").
            let mean = w.best[k * row + m] / Double(k) - partPenalty * Double(k - 2)
            if mean > bestMean {
                bestMean = mean
                bestK = k
            }
        }
        guard bestK >= 2 else { return [] }
        var bounds: [Int] = [m]
        var j = m
        for k in stride(from: bestK, to: 0, by: -1) {
            j = w.back[k * row + j]
            bounds.append(j)
        }
        bounds.reverse()

        // Koehn & Knight's test, applied to every pair of neighbours and then to the whole
        // word: a run of parts that is itself a word more frequent than the geometric mean
        // of its parts stays together ("haushalt" is not haus + halt).
        var merged = true
        while merged && bounds.count > 2 {
            merged = false
            for p in 0..<(bounds.count - 2) {
                guard let a = score(bounds[p], bounds[p + 1]), let b = score(bounds[p + 1], bounds[p + 2]) else { continue }
                let together = stemFrequency(UnsafeBufferPointer(rebasing: word[w.cuts[bounds[p]]..<w.cuts[bounds[p + 2]]]))
                if together > 0, Self.log(Double(together)) >= (a + b) / 2 {
                    bounds.remove(at: p + 1)
                    merged = true
                    break
                }
            }
        }
        let partCount = bounds.count - 1
        guard partCount >= 2 else { return [] }
        var mean = 0.0
        for p in 0..<partCount { mean += score(bounds[p], bounds[p + 1]) ?? 0 }
        mean /= Double(partCount)
        let whole = stemFrequency(word)
        if whole > 0, Self.log(Double(whole)) >= mean { return [] }

        var parts: [Part] = []
        parts.reserveCapacity(partCount)
        for p in 0..<partCount {
            let range = w.cuts[bounds[p]]..<w.cuts[bounds[p + 1]]
            _ = knownForm(UnsafeBufferPointer(rebasing: word[range]), isLast: p == partCount - 1, in: &w)
            parts.append(Part(range: range, normalized: w.form))
        }
        return parts
    }

    /// Convenience for tests and tools: the normalised parts of a lower-cased word.
    public func split(_ word: String) -> [String] {
        var word = word
        return word.withUTF8 { split($0).map(\.text) }
    }

    /// `knownForm` into a split's buffers (its `form` holds the word).
    private func knownForm(_ surface: UnsafeBufferPointer<UInt8>, isLast: Bool, in buffers: inout Workspace.Buffers) -> Int {
        knownForm(surface, isLast: isLast, into: &buffers.form, scratch: &buffers.scratch)
    }

    /// The word a part stands for, written to `form`, and its corpus frequency (0 when
    /// none is known; `form` is then the part as written). Candidates: the part as written,
    /// the part less a linking element or inflectional ending ("arbeits" → "arbeit",
    /// "feindes" → "feind"), and the part with an elided -e/-n restored ("schul" →
    /// "schule"); the most frequent wins, except that a final part known as written stays
    /// as written ("einrichtungen").
    private func knownForm(
        _ surface: UnsafeBufferPointer<UInt8>, isLast: Bool, into form: inout [UInt8], scratch: inout [UInt8]
    ) -> Int {
        form.replaceSubrange(form.indices, with: surface)  // one call: cheaper than removeAll and append
        let asWritten = isLongEnough(surface) ? frequency(of: surface, scratch: &scratch) : 0
        if isLast && asWritten >= max(1, minimumPartFrequency) { return asWritten }
        var best = asWritten
        for (link, standsAlone, endsLastPart) in Self.links where surface.count - link.count >= 2 && surface.reversed().starts(with: link.reversed()) {
            if isLast ? !endsLastPart : (!standsAlone && asWritten == 0) { continue }
            let core = UnsafeBufferPointer(rebasing: surface[..<(surface.count - link.count)])
            guard isLongEnough(core) else { continue }
            let f = frequency(of: core, scratch: &scratch)
            if f > best {
                best = f
                form.replaceSubrange(form.indices, with: core)
            }
        }
        if best > 0 || isLast || Self.letterCount(surface) < max(1, minimumPartLength) { return best }
        for ending in Self.elided {
            form.replaceSubrange(form.indices, with: surface)
            form.append(contentsOf: ending)
            let f = form.withUnsafeBufferPointer { frequency(of: $0, scratch: &scratch) }
            if f > 0 { return f }
        }
        form.replaceSubrange(form.indices, with: surface)
        return 0
    }

    /// Corpus frequency of the spelling key of `word`; `scratch` holds the key.
    private func frequency(of word: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> Int {
        if scratch.count < word.count { scratch = [UInt8](repeating: 0, count: max(64, 2 * word.count)) }
        guard let length = scratch.withUnsafeMutableBufferPointer({ GermanFolding.key(of: word, into: $0) }) else {
            GermanFolding.fold(word, into: &scratch)
            return scratch.withUnsafeBufferPointer { words.frequency(of: $0) }
        }
        return scratch.withUnsafeBufferPointer { words.frequency(of: UnsafeBufferPointer(rebasing: $0[..<length])) }
    }

    /// True when `word` has `minimumPartLength` letters or is a known short part.
    private func isLongEnough(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        Self.letterCount(word) >= max(1, minimumPartLength) || GermanWordParts.isShortWord(word)
    }

    /// Number of Unicode scalars in UTF-8 `bytes`.
    private static func letterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Bytes that may appear in a splittable word: ASCII letters and any non-ASCII byte.
    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool {
        b >= 0x80 || (b | 0x20) &- 0x61 < 26
    }

    /// Natural logarithm without Foundation: x = 2^e · f with f in [1, 2), so
    /// ln x = e · ln 2 + ln f, and ln f = 2 atanh((f − 1)/(f + 1)) by its series
    /// (|t| ≤ 1/3, so twelve terms are exact to double precision).
    private static func log(_ x: Double) -> Double {
        let e = Double(x.exponent)
        let f = x.significand
        let t = (f - 1) / (f + 1)
        let t2 = t * t
        var term = t
        var sum = 0.0
        var k = 1.0
        for _ in 0..<12 {
            sum += term / k
            term *= t2
            k += 2
        }
        return e * 0.693_147_180_559_945_3 + 2 * sum
    }
}
