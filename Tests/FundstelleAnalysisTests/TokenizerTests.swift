import Testing
import TestSupport
@testable import FundstelleAnalysis

@Suite struct TokenizerTests {
    /// (text, [(token, start, end, position)]), offsets in UTF-8 bytes.
    @Test func tokensOffsetsAndPositions() {
        let text = "Die Fachkräfte (§ 6) prüfen „Straße“ – 2025!"
        let tokens = Tokenizer.tokens(text)
        let utf8 = Array(text.utf8)
        let words = tokens.map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) }
        #expect(words == ["Die", "Fachkräfte", "§", "6", "prüfen", "Straße", "2025"])
        #expect(tokens.map(\.position) == [0, 1, 2, 3, 4, 5, 6])
        #expect(tokens[2].flags == .section && tokens[3].flags == .number)
        #expect(tokens[1].start == 4 && tokens[1].end == 4 + "Fachkräfte".utf8.count)
    }

    @Test func nonLatinLettersAndCombiningMarks() {
        let text = "Ελλάδα Москва e\u{301}te 東京"
        let words = Tokenizer.tokens(text).map { t in
            String(decoding: Array(text.utf8)[t.start..<t.end], as: UTF8.self)
        }
        #expect(words == ["Ελλάδα", "Москва", "e\u{301}te", "東京"])
    }

    @Test func softHyphenStaysInsideTheWord() {
        #expect(Tokenizer.tokens("Pflege\u{AD}einrichtung").count == 1)
        var analyzer = Analyzer()
        #expect(analyzer.analyze("Pflege\u{AD}einrichtung")[0].normalized == "pflegeeinrichtung")
    }

    @Test func firstPositionIsHonoured() {
        var text = "a b c"
        let last = text.withUTF8 { buffer in Tokenizer.tokenize(buffer, firstPosition: 100) { _ in } }
        #expect(last == 103)
    }

    /// Seeded random bytes, valid or not: offsets stay in bounds and increase, nothing traps.
    @Test func randomBytesGiveTokensInBounds() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let bytes = (0..<Int(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var previousEnd = 0
            var position = 0
            _ = bytes.withUnsafeBufferPointer { buffer in
                Tokenizer.tokenize(buffer) { token in
                    #expect(token.start >= previousEnd && token.start < token.end && token.end <= buffer.count)
                    #expect(token.position == position)
                    previousEnd = token.end
                    position += 1
                }
            }
        }
    }
}

/// The forms of German administrative text: (input, [normalised form of each token], [flags]).
@Suite struct GermanTokenTests {
    @Test(arguments: [
        ("Bürger*innen", ["bürgerinnen"]), ("Bürger:innen", ["bürgerinnen"]), ("Bürger_innen", ["bürgerinnen"]),
        ("Bürger/innen", ["bürgerinnen"]), ("Pfleger/-innen", ["pflegerinnen"]), ("BürgerInnen", ["bürgerinnen"]),
        ("Mitarbeiter*in", ["mitarbeiterin"]), ("und/oder", ["und", "oder"]), ("Ärzt*innen", ["ärztinnen"]),
        ("1.234,56 €", ["1234,56"]), ("03.07.2025", ["2025-07-03"]), ("3.7.2025", ["2025-07-03"]),
        ("2025-07-03", ["2025-07-03"]), ("Version 2.5", ["version", "2.5"]), ("§§ 41 ff.", ["§§", "41", "ff"]),
        ("z. B.", ["zb"]), ("u.a.", ["ua"]), ("i. d. R.", ["idr"]), ("z. B. u. a.", ["zb", "ua"]),
        ("A. Müller", ["a", "müller"]), ("Abs. 1 Satz 2", ["abs", "1", "satz", "2"]), ("E-Mail", ["e", "mail"]),
    ])
    func normalisedForms(_ input: String, _ expected: [String]) {
        var analyzer = Analyzer()
        #expect(analyzer.analyze(input).map(\.normalized) == expected)
    }

    @Test func writtenDatesAreAlsoISODates() {
        var a = Analyzer()
        let tokens = a.analyze("am 3. Juli 2025 und am 15. März 2024; 3. Kapitel 2025")
        #expect(tokens.first { $0.text == "3" }?.expansions == ["2025-07-03"])
        #expect(tokens.first { $0.text == "15" }?.expansions == ["2024-03-15"])
        #expect(tokens.filter { !$0.expansions.isEmpty }.count == 2)
    }

    @Test func truncatedWordsAreFlagged() {
        let tokens = Tokenizer.tokens("Sozial- und Jugendamt, Kinder-, Jugend- und Familienhilfe; Arbeitgeber und -nehmer")
        let flagged = tokens.filter { !$0.flags.isEmpty }.map(\.flags)
        #expect(flagged == [.truncatedEnd, .truncatedEnd, .truncatedEnd, .truncatedStart])
    }

    @Test func bookNumbersOfTheSozialgesetzbuch() {
        var a = Analyzer()
        let roman = a.analyze("§ 27 SGB XII").map(\.stem)
        let arabic = a.analyze("§ 27 SGB 12").map(\.stem)
        #expect(roman == ["§", "27", "sgb", "12"] && roman == arabic)
        #expect(a.analyze("SGB IX").map(\.stem) == ["sgb", "9"])
        #expect(a.analyze("Kapitel XII").map(\.stem) == [a.analyze("Kapitel")[0].stem, "xii"])  // only after SGB
    }

    @Test(arguments: [
        ("Fachkräfte", "fachkrafte"), ("Fachkraefte", "fachkrafte"), ("Straße", "strasse"), ("Schlüter", "schluter"),
        ("Schlueter", "schluter"), ("Feuer", "feuer"), ("Quelle", "quelle"), ("Café", "cafe"), ("Mauer", "mauer"),
    ])
    func folding(_ word: String, _ key: String) {
        #expect(GermanFolding.fold(word.lowercased()) == key)
    }

    /// Bytes that are no UTF-8 fold as U+FFFD (three bytes for one: the key is longer than the
    /// word then); other scripts and a literal U+FFFD stay as they are.
    @Test(arguments: [
        ([0x61, 0xFF, 0x62, 0x75, 0x65], [0x61, 0xEF, 0xBF, 0xBD, 0x62, 0x75]),  // a, invalid, "bue" → a, U+FFFD, "bu"
        ([0xC3, 0xA4, 0x68, 0xC3], [0x61, 0x68, 0xEF, 0xBF, 0xBD]),  // "äh" and a truncated sequence
        (Array("σοφία".utf8), Array("σοφία".utf8)),
        ([0xEF, 0xBF, 0xBD, 0xC3, 0x9F], [0xEF, 0xBF, 0xBD, 0x73, 0x73]),  // U+FFFD, ß
    ] as [([UInt8], [UInt8])])
    func foldingBytes(_ word: [UInt8], _ key: [UInt8]) {
        var out: [UInt8] = [1, 2, 3]
        word.withUnsafeBufferPointer { GermanFolding.fold($0, into: &out) }
        #expect(out == key)
    }
}

@Suite struct LowercaserTests {
    @Test(arguments: [
        ("FACHKRÄFTE", "fachkräfte"), ("Straße", "straße"), ("ÖSTERREICH", "österreich"),
        ("ÜBER", "über"), ("ẞ", "ß"), ("ΣΟΦΊΑ", "σοφία"), ("ÉCOLE", "école"), ("×", "×"), ("Ǆ", "ǆ"),
    ])
    func lowercases(_ input: String, _ expected: String) {
        #expect(Lowercaser.lowercase(input) == expected)
    }

    @Test func neverLonger() {
        for word in ["ÄÖÜ", "ABC", "Ωmega", "ẞ"] {
            #expect(Lowercaser.lowercase(word).utf8.count <= word.utf8.count + 1)
        }
    }
}

@Suite struct AnalyzerTests {
    @Test func foldedAndInflectedFormsShareAStem() {
        var a = Analyzer()
        #expect(a.term("Fachkraefte") == a.term("Fachkräfte"))
        #expect(a.term("Straße") == a.term("Strasse"))
        #expect(a.term("Leistungen") == a.term("Leistung"))
        #expect(a.term("Pflegeeinrichtungen") == a.term("Pflegeeinrichtung"))
    }

    @Test func stopWordsAreFlaggedButKeepPositions() {
        var a = Analyzer()
        let tokens = a.analyze("Hilfe zum Lebensunterhalt")
        #expect(tokens.map(\.position) == [0, 1, 2])
        #expect(tokens.map(\.isStopWord) == [false, true, false])
    }
}

/// `TermPrefilter` may admit words that do not stem to a term, never leave out one that does.
@Suite struct TermPrefilterTests {
    @Test func admitsEveryWordWhoseStemMatchesATerm() {
        var analyzer = Analyzer()
        let queries = ["Prüfung", "Rücklage", "Gläubiger", "Tätigkeit", "Straße", "Pflege", "Maße", "Öl", "Gefolgt", "Abbruch"]
        let terms = queries.map { analyzer.term($0) }
        let filter = TermPrefilter(terms: terms)
        let text = """
            Modulprüfungen Meisterprüfung Prüfungsamt PRÜFUNG Kapitalrücklagen Gewinnrücklage Insolvenzgläubiger
            Erwerbstätigkeit Haupttätigkeiten Straßenreinigung Großstraße Hauptstrasse Pflegeeinrichtungen Altenpflege
            Abmaße Heizöl Ölpreis gefolgt Abbruchkosten Gebäudeabbruch Modulpruefungen Aerzte Pflegefachkräfte
            Kapitalruecklagen Insolvenzglaeubiger Nebentaetigkeit
            """
        var checked = 0
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) {
            let stem = analyzer.term(word)
            let matches = terms.contains { t in
                t == stem || (t.count >= 4 && t.count <= stem.count && (stem.starts(with: t) || stem.reversed().starts(with: t.reversed())))
            }
            guard matches else { continue }
            checked += 1
            var bytes = Array(word.utf8)
            #expect(bytes.withUnsafeMutableBufferPointer { filter.admits(UnsafeBufferPointer($0)) }, "\(word) stems to a term")
        }
        #expect(checked >= 20)
    }

    @Test func spellingsOfAnAnchor() {
        let spellings = TermPrefilter.spellings(Array("ruf".utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(Set(spellings) == ["ruf", "rüf", "ruef"])
        let ss = TermPrefilter.spellings(Array("ass".utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(Set(ss) == ["ass", "aß", "äss", "äß", "aess", "aeß"])
    }
}
