import Testing
import TestSupport
@testable import FundstelleAnalysis

@Suite struct GermanConflationTests {
    private func term(_ word: String) -> String { GermanConflation.indexTerm(word) }

    @Test func inflectedFormsMeet() {
        #expect(term("fachkraefte") == "fachkraf")
        #expect(term("fachkräfte") == term("fachkraft"))
        #expect(term("leistungen") == term("leistung"))
        #expect(term("pflegeeinrichtungen") == term("pflegeeinrichtung"))
        #expect(term("abbröckle") == term("abbröckeln"))  // elided e
        #expect(term("dunkle") == term("dunkel"))
        #expect(term("gefolgt") == term("folgten"))  // participle "ge"
        #expect(term("banken") == term("bänke"))  // umlaut plural: one spelling "Bank"
        #expect(term("achtsamkeit") == term("achtsamer"))
        #expect(term("schön") == term("schon"))  // folded anyway
    }

    @Test func differentWordsStayApart() {
        #expect(term("gefolge") != term("folge"))  // "ge" of a noun stays
        #expect(term("gesetz") != term("setzen"))
        #expect(term("laune") != term("laus"))  // -n after a vowel stays
        #expect(term("braun") != term("brause"))
        #expect(term("arm") != term("armut"))  // derivation, not inflection
        #expect(term("leistung") != term("leisten"))  // -ung is kept: costs precision
    }

    @Test func analyzerUsesTheIndexTerm() {
        var analyzer = Analyzer()
        #expect(analyzer.term("Fachkraefte") == Array("fachkraf".utf8))
        #expect(analyzer.term("2025") == Array("2025".utf8))
        #expect(analyzer.term("§") == analyzer.term("§"))
    }

    /// The analyzer's word cache starts small and grows: one analyzer that has seen thousands
    /// of words answers each the way a fresh one does (the cache never mixes words up).
    @Test func aLongUsedAnalyzerAnswersLikeAFreshOne() {
        func letters(_ i: Int) -> String {  // 0 → "a", 25 → "z", 26 → "ba", …
            var i = i, s = ""
            repeat { s = String(UnicodeScalar(UInt8(97 + i % 26))) + s; i /= 26 } while i > 0
            return s
        }
        let words = (0..<6_000).map { "Pflegestufe" + letters($0) }
        #expect(Set(words).count == words.count)
        var used = Analyzer()
        for round in 0..<2 {
            for word in words {
                var fresh = Analyzer()
                #expect(used.term(word) == fresh.term(word), "\(word), round \(round)")
            }
        }
    }

    @Test func arbitraryBytesNeverTrap() {
        var rng = SplitMix64(seed: 42)
        var out: [UInt8] = []
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 24)
            let bytes = (0..<length).map { _ in
                rng.next() % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : Array("geschieinetäßü".utf8)[Int(rng.next() % 16)]
            }
            bytes.withUnsafeBufferPointer { GermanConflation.indexTerm($0, into: &out) }
            #expect(out.count <= 3 * bytes.count)  // control bytes 1–4 are internal units
        }
    }

    /// Pairwise F1 on CISTEM's gold clusters, above Snowball's and CISTEM's (0.2836 / 0.8348).
    @Test(.enabled(if: SharedData.path("stemming/cistem-gold/goldstandard1.txt") != nil
                   && SharedData.path("stemming/cistem-gold/goldstandard2.txt") != nil))
    func goldStandardF1() throws {
        for (file, minimum, minimumPrecision) in [("goldstandard1.txt", 0.2840, 0.85), ("goldstandard2.txt", 0.8350, 0.80)] {
            let path = try #require(SharedData.path("stemming/cistem-gold/" + file))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var seen = Set<String>()
            var byTerm: [String: Int] = [:]
            var byClusterAndTerm: [String: Int] = [:]
            var gold = 0.0
            var analyzer = Analyzer()
            func pairs(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
            for (c, line) in text.split(separator: "\n").enumerated() {
                let words = line.split(separator: " ").map(String.init).filter { seen.insert($0).inserted }
                gold += pairs(words.count)
                for word in words {
                    let t = String(decoding: analyzer.term(word), as: UTF8.self)
                    byTerm[t, default: 0] += 1
                    byClusterAndTerm["\(c)\u{1}\(t)", default: 0] += 1
                }
            }
            let correct = byClusterAndTerm.values.reduce(0.0) { $0 + pairs($1) }
            let precision = correct / byTerm.values.reduce(0.0) { $0 + pairs($1) }
            let recall = correct / gold
            let f1 = 2 * precision * recall / (precision + recall)
            #expect(f1 > minimum, "\(file): F1 \(f1)")
            #expect(precision > minimumPrecision, "\(file): precision \(precision)")
        }
    }
}
