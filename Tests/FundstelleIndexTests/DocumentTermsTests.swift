import FundstelleAnalysis
import FundstelleExtract
import Testing
import TestSupport
@testable import FundstelleIndex

/// `DocumentTerms` groups a document's key occurrences on the analysing thread: each distinct
/// key once, with its frequency, its hash and its positions ascending and encoded.
@Suite struct DocumentTermsTests {
    /// The truth: every key the analyzer gives for the document's text fields, with the
    /// positions of its occurrences, collected the plain way.
    static func occurrences(of doc: Document, decompounder: Decompounder) -> [[UInt8]: [Int32]] {
        var analyzer = Analyzer(decompounder: decompounder)
        var found: [[UInt8]: [Int32]] = [:]
        for field in Field.text {
            var position = 0
            for value in DocumentTerms.values(of: field, in: doc) where !value.isEmpty {
                var text = value
                let next = text.withUTF8 { utf8 in
                    analyzer.analyze(utf8, firstPosition: position) { term in
                        let prefix = term.kind == .split ? Field.title.keyPrefix(.split) : field.keyPrefix(term.kind)
                        found[[prefix] + Array(term.bytes), default: []].append(Int32(term.token.position))
                    }
                }
                position = next + DocumentTerms.valueGap
            }
        }
        found[[Field.path.keyPrefix(.stem)] + Array(doc.path.utf8), default: []].append(0)
        for key in DocumentTerms.metaKeys(of: doc) { found[[Field.meta.keyPrefix(.stem)] + Array(key.utf8), default: []].append(0) }
        return found
    }

    @Test func distinctKeysWithTheirFrequenciesAndPositions() {
        var rng = SplitMix64(seed: 7)
        let words = ["Pflege", "Hilfe", "Sozial- und Jugendamt", "Bürger*innen", "Kinder-, Jugend- und Familienhilfe",
                     "Fachkräfte", "Straße", "Arbeitgeber und -nehmer", "§ 27 SGB XII", "03.07.2025", "Jugend- und Jugendamt"]
        // One scratch for all: a large document (its table grows) between small ones.
        var scratch = DocumentTerms.Scratch()
        // A decompounder that knows the parts, so compounds are split and ellipses completed:
        // a completion comes after the words that follow it, so in "Jugend- und Jugendamt" the
        // stem of "Jugendamt" comes at position 2, then at 0.
        var frequencies = WordFrequencies()
        for word in ["sozial", "amt", "jugend", "kinder", "familie", "familien", "hilfe", "arbeit", "geber", "nehmer"] {
            frequencies.add(word, amount: 50)
        }
        let decompounder = Decompounder(frequencies: frequencies)
        var outOfOrder = 0
        for (i, count) in [3, 40, 2_000, 5, 700, 1].enumerated() {
            let body = (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            let doc = Document(path: "d\(i).html", title: "Titel \(i) Pflege", headings: ["Hilfe", "Pflege Hilfe"], body: body, date: "2025-07-03")
            // Analyzers of their own: one records a word's split only the first time it splits it.
            var analyzer = Analyzer(decompounder: decompounder)
            let terms = DocumentTerms(doc, analyzer: &analyzer, scratch: &scratch)
            var expected = Self.occurrences(of: doc, decompounder: decompounder)
            outOfOrder += expected.values.filter { $0 != $0.sorted() }.count
            var seen = 0
            terms.forEach { key, hash, freq, positions in
                let key = Array(key)
                seen += 1
                #expect(hash == key.withUnsafeBufferPointer(ByteHash.hash))
                guard let want = expected.removeValue(forKey: key) else {
                    Issue.record("unexpected or repeated key \(key) in document \(i)")
                    return
                }
                #expect(freq == want.count, "frequency of \(key) in document \(i)")
                var decoded: [Int32] = []
                var reader = ByteReader(UnsafeRawBufferPointer(positions), offset: 0, file: "test")
                var last: Int32 = 0
                while !reader.isAtEnd {
                    last &+= Int32(truncatingIfNeeded: try! reader.int())
                    decoded.append(last)
                }
                if Field.hasPositions(keyPrefix: key[0]) {
                    #expect(decoded == want.sorted(), "positions of \(key) in document \(i)")
                } else {
                    #expect(decoded.isEmpty)
                }
            }
            #expect(expected.isEmpty, "keys missing from document \(i): \(expected.count)")
            #expect(seen > 0)
        }
        #expect(outOfOrder > 0, "no key came with its positions out of order: the sorting was not tested")
    }
}

@Suite struct TermTableTests {
    /// Keys sorted by their first eight bytes, then in full, come out in memcmp order: keys
    /// that are prefixes of others, share more than eight bytes, or hold zero bytes (split records).
    @Test func sortedIDsAreInByteOrder() {
        var rng = SplitMix64(seed: 11)
        var table = TermTable()
        var keys: [[UInt8]] = []
        let alphabet: [UInt8] = [0, 1, 0x61, 0x62, 0xC3, 0xFF]
        for _ in 0..<3_000 {
            let shared = Array("0123456789".utf8.prefix(Int(rng.next() % 11)))
            let tail = (0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let key = shared + tail
            let before = table.count
            let id = key.withUnsafeBufferPointer { table.intern($0, hash: ByteHash.hash($0)) }
            if table.count > before { keys.append(key) }
            #expect(Int(id) < table.count)
        }
        let sorted = table.sortedIDs().map { id in keys[Int(id)] }
        #expect(sorted == keys.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
