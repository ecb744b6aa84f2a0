import FundstelleAnalysis
import FundstelleIndex

extension Searcher {
    /// Most dictionary keys one completion walks, so a short prefix on a large index stays cheap.
    public static let completionScanLimit = 20_000

    /// As-you-type completions: `text` with its last word completed to words of the index
    /// (as written, lower-cased) that begin so, the words in most titles and bodies first.
    /// The last word needs 2 letters or more. O(keys with the prefix), at most
    /// `completionScanLimit` per field and segment.
    public func completions(for text: String, limit: Int = 8) throws(IndexError) -> [String] {
        let head: Substring
        let last: Substring
        if let space = text.lastIndex(of: " ") {
            (head, last) = (text[...space], text[text.index(after: space)...])
        } else {
            (head, last) = ("", text[...])
        }
        let prefix = Array(Lowercaser.lowercase(String(last)).utf8)
        guard prefix.count >= 2, limit > 0 else { return [] }
        var frequency: [[UInt8]: Int] = [:]
        for segment in reader.segments {
            for field in [Field.title, .headings, .body] {
                var seen = 0
                try segment.forEachKey(withPrefix: [field.keyPrefix(.exact)] + prefix) { (key, info) throws(IndexError) in
                    frequency[Array(key[1...]), default: 0] += info.docFreq
                    seen += 1
                    return seen < Self.completionScanLimit
                }
            }
        }
        let best = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
        return best.prefix(limit).map { head + String(decoding: $0.key, as: UTF8.self) }
    }
}
