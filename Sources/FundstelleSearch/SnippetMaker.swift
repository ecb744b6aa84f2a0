import FundstelleAnalysis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts the passage of a document's text that holds the most query terms, and marks them.
///
/// The text is analysed with the same chain as the query, so a highlight covers every
/// spelling the index matched ("Fachkraefte" lights up "Fachkräfte"). Offsets of the
/// highlights are counted in Unicode code points of the snippet.
struct SnippetMaker: Sendable {
    let terms: [[UInt8]]
    /// Target length in bytes of UTF-8 (about as many characters for German text).
    let length: Int
    /// Which words may stem to a term: only those are stemmed.
    private let filter: TermPrefilter

    init(terms: Set<[UInt8]>, length: Int) {
        self.terms = terms.sorted { $0.lexicographicallyPrecedes($1) }
        self.length = length
        filter = TermPrefilter(terms: self.terms)
    }

    struct Snippet {
        var text: String
        var highlights: [[Int]]
    }

    func make(_ body: String, analyzer: inout Analyzer) -> Snippet {
        var text = body
        return text.withUTF8 { utf8 in make(utf8, analyzer: &analyzer) }
    }

    /// The index of the query term `stem` is, or of one it begins or ends with (at least four
    /// bytes: "pflegeeinrichtung" lights up for "pfleg"), if any. No allocation.
    private func termIndex(_ stem: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, t) in terms.enumerated() where t.count <= stem.count && (t.count == stem.count || t.count >= 4) {
            let found = t.withUnsafeBufferPointer { term in
                memcmp(term.baseAddress!, stem.baseAddress!, term.count) == 0
                    || memcmp(term.baseAddress!, stem.baseAddress! + stem.count - term.count, term.count) == 0
            }
            if found { return i }
        }
        return nil
    }

    /// The snippet of UTF-8 text `utf8` (bytes that are no UTF-8 come out as U+FFFD).
    func make(_ utf8: UnsafeBufferPointer<UInt8>, analyzer: inout Analyzer) -> Snippet {
        var tokens: [Token] = []
        tokens.reserveCapacity(utf8.count / 6)  // German text: about a token per 7 bytes
        var matched: [Int] = []  // indices into tokens
        var matchedTerm: [Int] = []  // which query term, for variety
        analyzer.stems(utf8, admittedBy: filter, tokens: &tokens) { index, stem in
            if !stem.isEmpty, let i = termIndex(stem) {
                matched.append(index)
                matchedTerm.append(i)
            }
        }
        guard !tokens.isEmpty else { return Snippet(text: "", highlights: []) }

        // Best window: the most distinct terms, then the most matches, within `length` bytes.
        var bestStart = 0, bestEnd = 0, bestScore = -1
        for (i, first) in matched.enumerated() {
            var seen = Set<Int>()
            var j = i
            while j < matched.count && tokens[matched[j]].end - tokens[first].start <= length {
                seen.insert(matchedTerm[j])
                j += 1
            }
            let score = seen.count * 1000 + (j - i)
            if score > bestScore {
                bestScore = score
                bestStart = first
                bestEnd = matched[j - 1]
            }
        }
        // Widen the window to about `length` bytes: half the room before the matches, the rest after.
        var from = matched.isEmpty ? 0 : bestStart
        var to = matched.isEmpty ? 0 : bestEnd
        let room = length - (tokens[to].end - tokens[from].start)
        let leftLimit = tokens[from].start - room / 2
        while from > 0 && tokens[from - 1].start >= leftLimit { from -= 1 }
        while to + 1 < tokens.count && tokens[to + 1].end - tokens[from].start <= length { to += 1 }
        while from > 0 && tokens[to].end - tokens[from - 1].start <= length { from -= 1 }
        let startByte = from == 0 ? 0 : tokens[from].start
        let endByte = to == tokens.count - 1 ? utf8.count : tokens[to].end
        var out: [UInt8] = []
        out.reserveCapacity(endByte - startByte + 8)
        let ellipsis: [UInt8] = Array("…".utf8)
        var shift = 0  // code points before the cut text
        if startByte > 0 {
            out += ellipsis
            shift = 1
        }
        for b in utf8[startByte..<endByte] { out.append(b == 0x0A || b == 0x09 || b == 0x0D ? 0x20 : b) }
        if endByte < utf8.count { out += ellipsis }

        var highlights: [[Int]] = []
        var codePoint = shift
        var cursor = startByte
        for index in matched where index >= from && index <= to {
            let t = tokens[index]
            codePoint += count(utf8, cursor, t.start)
            let start = codePoint
            codePoint += count(utf8, t.start, t.end)
            cursor = t.end
            highlights.append([start, codePoint])
        }
        return Snippet(text: String(decoding: out, as: UTF8.self), highlights: highlights)
    }

    private func count(_ utf8: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        for i in from..<to where utf8[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
