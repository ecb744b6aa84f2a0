import Foundation
import Testing

import FundstelleAnalysis
import TestSupport

/// The Snowball sample vocabulary and its stems (`voc.txt`, `output.txt`),
/// kept outside the package in `shared/data/stemming/snowball-german/`.
private enum GoldenData {
    /// `../shared/data/stemming/snowball-german`, when both files are there.
    static let directory: URL? = {
        guard SharedData.path("stemming/snowball-german/voc.txt") != nil,
              let output = SharedData.path("stemming/snowball-german/output.txt") else { return nil }
        return URL(fileURLWithPath: output).deletingLastPathComponent()
    }()

    static var isAvailable: Bool { directory != nil }

    /// The lines of one data file as raw UTF-8 bytes.
    static func lines(of name: String) throws -> [[UInt8]] {
        let url = try #require(directory).appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}


@Suite struct GermanStemmerTests {
    @Test(.enabled(if: GoldenData.isAvailable, "Snowball German sample data not found"))
    func reproducesSnowballSampleVocabulary() throws {
        let words = try GoldenData.lines(of: "voc.txt")
        let stems = try GoldenData.lines(of: "output.txt")
        try #require(words.count == stems.count)
        #expect(words.count == 35_033)

        var stemmer = GermanStemmer()
        var output: [UInt8] = []
        var mismatches: [String] = []
        for (word, expected) in zip(words, stems) {
            word.withUnsafeBufferPointer { stemmer.stem($0, into: &output) }
            if output != expected {
                mismatches.append(
                    "\(String(decoding: word, as: UTF8.self)): expected \(String(decoding: expected, as: UTF8.self)), "
                        + "got \(String(decoding: output, as: UTF8.self))")
            }
        }
        let mismatchCount = mismatches.count
        #expect(mismatchCount == 0, "\(mismatchCount) of \(words.count) differ, e.g. \(mismatches.prefix(5))")
    }

    @Test(arguments: [
        // Inflection and the regions.
        ("aufeinanderfolgenden", "aufeinanderfolg"),
        ("kategorischen", "kategor"),
        ("derbsten", "derb"),  // -en, then -st after b with three letters before it
        ("bedürfnissen", "bedurfnis"),  // -en, then niss → nis
        ("kätzchen", "katzch"),
        ("käuflich", "kauflich"),  // -lich is not in R2
        // ß and the transliterated umlauts.
        ("straße", "strass"),
        ("strasse", "strass"),
        ("häuser", "haus"),
        ("haeuser", "haus"),
        ("quelle", "quell"),  // no ue → ü after q
        ("feuer", "feu"),  // u between vowels is a consonant, so no ue → ü
        // The Snowball 3.0 additions.
        ("system", "system"),
        ("systemen", "system"),
        ("wechseln", "wechsel"),  // -ln → -l
        ("lehrerinnen", "lehr"),
        ("arbeitet", "arbeit"),
        ("abgeleitet", "abgeleit"),
        ("planet", "planet"),  // -et is kept after plan
        ("untergeordnet", "untergeordnet"),
        // Short words, unknown letters.
        ("zu", "zu"),
        ("", ""),
        ("café", "café"),
        ("жизнь", "жизнь"),
    ])
    func stemsHandPickedWords(word: String, expected: String) {
        var stemmer = GermanStemmer()
        #expect(stemmer.stem(word) == expected)
    }

    @Test func reusesOutputAndStemmerAcrossCalls() {
        var stemmer = GermanStemmer()
        var output: [UInt8] = Array("leftover".utf8)
        let long = String(repeating: "abenteuerlich", count: 20)  // longer than the initial buffer
        for word in ["kinder", long, "kindern", "a"] {
            Array(word.utf8).withUnsafeBufferPointer { stemmer.stem($0, into: &output) }
            var fresh = GermanStemmer()
            #expect(String(decoding: output, as: UTF8.self) == fresh.stem(word))
        }
        #expect(output == Array("a".utf8))
    }

    @Test func neverTrapsOnArbitraryBytes() {
        var random = SplitMix64(seed: 0x5EED_F00D)
        // Bytes that matter to the algorithm or to UTF-8 decoding, plus anything at all.
        let interesting: [UInt8] = Array("aeiouyUYqsnrtlmigkhcd".utf8) + [0x00, 0x80, 0xBF, 0xC3, 0xA4, 0xB6, 0xBC, 0x9F,
                                                                        0xC0, 0xE0, 0xED, 0xF0, 0xF4, 0xFF]
        var stemmer = GermanStemmer()
        var output: [UInt8] = []
        for _ in 0..<50_000 {
            let length = Int.random(in: 0...24, using: &random)
            let bytes: [UInt8] = (0..<length).map { _ in
                Bool.random(using: &random)
                    ? interesting.randomElement(using: &random)!
                    : UInt8.random(in: 0...255, using: &random)
            }
            bytes.withUnsafeBufferPointer { stemmer.stem($0, into: &output) }
            if String(validating: bytes, as: UTF8.self) == nil {
                #expect(output == bytes)
            } else {
                #expect(String(validating: output, as: UTF8.self) != nil)
                #expect(output.count <= bytes.count)
            }
        }
    }

    @Test func neverTrapsOnArbitraryScalars() {
        var random = SplitMix64(seed: 42)
        let letters = Array("aeiouyäöüßqnrst".unicodeScalars)
        var stemmer = GermanStemmer()
        for _ in 0..<20_000 {
            var word = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...16, using: &random) {
                if Bool.random(using: &random) {
                    word.append(letters.randomElement(using: &random)!)
                } else if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &random)) {
                    word.append(scalar)
                }
            }
            _ = stemmer.stem(String(word))
        }
    }
}

@Suite struct GermanStopWordsTests {
    @Test func listIsLowerCaseSortedAndUnique() {
        let all = GermanStopWords.all
        #expect((130...300).contains(all.count))
        #expect(all == all.sorted())
        #expect(Set(all).count == all.count)
        #expect(all.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty })
    }

    @Test func findsEveryListedWordThroughTheByteInterface() {
        for word in GermanStopWords.all {
            let found = Array(word.utf8).withUnsafeBufferPointer { GermanStopWords.contains($0) }
            #expect(found, "\(word)")
        }
    }

    @Test func rejectsThePrefixesAndExtensionsOfListedWords() {
        let listed = Set(GermanStopWords.all)
        var checked = 0
        for word in GermanStopWords.all {
            let bytes = Array(word.utf8)
            var candidates = (1..<bytes.count).map { Array(bytes[..<$0]) }  // "de" of "der"
            candidates += [bytes + Array("n".utf8), bytes + Array("xyzxyzxyz".utf8), Array("a".utf8) + bytes]
            for candidate in candidates where !listed.contains(String(decoding: candidate, as: UTF8.self)) {
                #expect(!candidate.withUnsafeBufferPointer { GermanStopWords.contains($0) }, "\(String(decoding: candidate, as: UTF8.self))")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test(arguments: ["der", "die", "das", "und", "zu", "für", "über", "dass", "daß", "ich", "werden", "zwischen", "wann", "wieso", "wozu"])
    func recognisesStopWords(word: String) {
        #expect(GermanStopWords.contains(word))
    }

    @Test(arguments: ["", "haus", "stadt", "arbeit", "Der", "de", "derr", "zwischenzeit", "überall", "a"])
    func rejectsOtherWords(word: String) {
        #expect(!GermanStopWords.contains(word))
    }
}
