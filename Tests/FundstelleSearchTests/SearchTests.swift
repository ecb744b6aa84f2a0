import FundstelleAnalysis
import FundstelleExtract
import FundstelleIndex
import Testing
import TestSupport
@testable import FundstelleSearch

/// Builds an index of `docs` in a temporary folder and hands a searcher to `body`.
func withIndex(_ docs: [Document], _ body: (Searcher) throws -> Void) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let writer = try IndexWriter(directory: dir.path)
    for doc in docs { try writer.add(doc) }
    try writer.commit(root: "/")
    try body(Searcher(reader: try IndexReader.open(dir.path)))
}

let laws = [
    Document(path: "a.html", title: "Hilfe zum Lebensunterhalt",
             body: "Leistungsberechtigt sind Personen, die ihren Bedarf nicht decken können."),
    Document(path: "b.html", title: "Eingliederungshilfe",
             body: "Die Hilfe zum Lebensunterhalt wird neben der Eingliederungshilfe geleistet. Lebensunterhalt und Hilfe."),
    Document(path: "c.html", title: "Wohngeld", body: "Wohngeld erhalten Mieter. Die Fachkräfte der Wohngeldstelle beraten."),
    Document(path: "d.html", title: "Pflegegeld", body: "Pflegebedürftige erhalten Pflegegeld für die häusliche Pflege."),
    Document(path: "e.html", title: "Straßenreinigung", body: "Die Straße wird gereinigt. Gebühren für Anlieger."),
]

/// The hits with every required word (partial matches may follow them on a short page).
func completeHits(_ result: SearchResult) -> [String] { result.hits.prefix(result.complete).map(\.path) }

@Suite struct SearchTests {
    @Test func titleMatchRanksAboveBodyMatch() throws {
        try withIndex(laws) { searcher throws in
            let result = try searcher.search("Lebensunterhalt")
            #expect(result.hits.map(\.path) == ["a.html", "b.html"])
            #expect(result.total == 2 && !result.partial)
        }
    }

    /// Words are matched rarest first, each later one only on the documents that have the
    /// ones before (skipping through long lists): the documents found are exactly those with
    /// every word, and with none such, the partial matches come as before.
    @Test func conjunctionFindsExactlyTheDocumentsWithEveryWord() throws {
        let vocabulary = ["antrag", "bescheid", "frist", "gebühr", "klage", "miete", "pflege", "rente", "schule", "wohnung"]
        var random = SplitMix64(seed: 42)
        var docs: [Document] = []
        for i in 0..<900 {
            // Word k appears in about 1 of k + 1 documents: lists from ~900 down to ~80.
            let words = vocabulary.enumerated().filter { k, _ in random.next() % UInt64(k + 1) == 0 }.map(\.element)
            // A title of its own: documents with the same title and text would be indexed once.
            docs.append(Document(path: "d\(i).html", title: "Seite \(i)", body: (words + ["seite"]).joined(separator: " ")))
        }
        try withIndex(docs) { searcher throws in
            for _ in 0..<60 {
                let count = Int(random.next() % 3) + 2
                let query = (0..<count).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
                let expected = docs.filter { doc in query.allSatisfy { doc.body.split(separator: " ").contains(Substring($0)) } }.map(\.path)
                let result = try searcher.search(query.joined(separator: " "), limit: 1000)
                if expected.isEmpty {
                    #expect(result.partial, "\(query)")
                } else {
                    #expect(!result.partial && result.complete == expected.count, "\(query)")
                    #expect(Set(result.hits.prefix(result.complete).map(\.path)) == Set(expected), "\(query)")
                    // Fewer than a page have every word: partial matches follow, never before.
                    #expect(result.total == expected.count || expected.count < searcher.ranking.fillBelow, "\(query)")
                }
                let excluded = try searcher.search(query.dropLast().joined(separator: " ") + " -" + query.last!, limit: 1000)
                let withoutLast = docs.filter { doc in
                    let words = doc.body.split(separator: " ")
                    return query.dropLast().allSatisfy { words.contains(Substring($0)) } && !words.contains(Substring(query.last!))
                }
                if !withoutLast.isEmpty && !query.dropLast().contains(query.last!) {
                    #expect(Set(excluded.hits.prefix(excluded.complete).map(\.path)) == Set(withoutLast.map(\.path)), "\(query) NOT")
                    #expect(!excluded.hits.contains { docs[Int($0.path.dropFirst().dropLast(5))!].body.contains(query.last!) }, "\(query) NOT")
                }
            }
        }
    }

    /// Partial matches rank by score times (share of words)^partialCoordination: one rare word
    /// can beat two common ones, but not a page with far more of the query.
    @Test func partialMatchesWeighTheirScoreByTheShareOfWords() {
        var ranking = Ranking()
        ranking.partialCoordination = 0.5
        let partial = ranking.order(groups: 3, partial: true)
        #expect(partial(10, 0b001, 1, 6, 0b011, 2))  // 10 · √(1/3) = 5.8 > 6 · √(2/3) = 4.9
        #expect(!partial(10, 0b001, 1, 9, 0b111, 2))  // 5.8 < 9 · 1
        #expect(partial(5, 0b011, 1, 5, 0b110, 2))  // a tie goes by document order
        ranking.partialCoordination = 8  // nearly "most words first"
        #expect(!ranking.order(groups: 3, partial: true)(10, 0b001, 1, 6, 0b011, 2))
        // When every hit has every word, only the score counts.
        #expect(ranking.order(groups: 3, partial: false)(10, 0b001, 1, 6, 0b111, 2))
    }

    /// Fewer than a page of documents with every word: the best partial matches follow them.
    @Test func partialMatchesFillAShortPage() throws {
        let docs = [Document(path: "both.html", body: "Pflegegeld im Urlaub weiterzahlen.")]
            + (0..<3).map { Document(path: "urlaub\($0).html", title: "Urlaub \($0)", body: "Urlaub für Beschäftigte, Nummer \($0).") }
            + (0..<2).map { Document(path: "pflege\($0).html", title: "Pflegegeld \($0)", body: "Pflegegeld monatlich, Fall \($0).") }
        try withIndex(docs) { searcher throws in
            let filled = try searcher.search("Pflegegeld Urlaub")
            #expect(!filled.partial && filled.complete == 1 && filled.total == 6)
            #expect(filled.hits.first?.path == "both.html")
            #expect(Set(filled.hits.dropFirst().map(\.path)) == ["urlaub0.html", "urlaub1.html", "urlaub2.html", "pflege0.html", "pflege1.html"])
            #expect(filled.json().contains("\"partial\":false,\"complete\":1,"))
            searcher.ranking.fillBelow = 1  // one complete match is a page: no filling
            let strict = try searcher.search("Pflegegeld Urlaub")
            #expect(strict.total == 1 && strict.complete == 1 && strict.hits.map(\.path) == ["both.html"])
        }
    }

    @Test func allWordsRequiredThenBestPartialMatches() throws {
        try withIndex(laws) { searcher throws in
            let all = try searcher.search("Wohngeld Mieter")
            #expect(all.hits.map(\.path) == ["c.html"] && !all.partial)
            // No document has both: the partial matches come, never zero hits.
            let partial = try searcher.search("Wohngeld Pflegegeld Pflege")
            #expect(partial.partial)
            #expect(partial.hits.first?.path == "d.html")  // two of three words
            #expect(Set(partial.hits.map(\.path)) == ["c.html", "d.html"])
            #expect(try searcher.search("Raumfahrt").total == 0)
        }
    }

    @Test func foldedAndInflectedSpellingsMatch() throws {
        try withIndex(laws) { searcher throws in
            #expect(try searcher.search("Fachkraefte").hits.map(\.path) == ["c.html"])
            #expect(try searcher.search("Strasse").hits.map(\.path) == ["e.html"])
            #expect(try searcher.search("PFLEGEGELDES").hits.map(\.path) == ["d.html"])
        }
    }

    @Test func phrasesExclusionsAndOr() throws {
        try withIndex(laws) { searcher throws in
            // Stop word inside the phrase counts: "zum" must stand between.
            #expect(Set(try searcher.search("\"Hilfe zum Lebensunterhalt\"").hits.map(\.path)) == ["a.html", "b.html"])
            #expect(try searcher.search("\"Lebensunterhalt Hilfe\"").total == 0)
            #expect(try searcher.search("\"Lebensunterhalt und Hilfe\"").hits.map(\.path) == ["b.html"])
            #expect(try searcher.search("Lebensunterhalt -Eingliederungshilfe").hits.map(\.path) == ["a.html"])
            #expect(try searcher.search("Lebensunterhalt -\"neben der\"").hits.map(\.path) == ["a.html"])
            #expect(Set(try searcher.search("Wohngeld OR Pflegegeld").hits.map(\.path)) == ["c.html", "d.html"])
            #expect(try searcher.search("erhalten Wohngeld OR Pflegegeld").total == 2)
            #expect(try searcher.search("erhalten Wohngeld").complete == 1)
        }
    }

    @Test func stopWordsAreNotRequired() throws {
        try withIndex(laws) { searcher throws in
            // "der" and "zum" are left out of the required words.
            #expect(try searcher.search("Hilfe zum Lebensunterhalt der").total == 2)
        }
    }

    @Test func pagingIsStableAndTotalExact() throws {
        let docs = (0..<25).map { Document(path: "p\($0)", title: "Seite \($0)", body: "Kindergeld " + String(repeating: "wort ", count: $0)) }
        try withIndex(docs) { searcher throws in
            let all = try searcher.search("Kindergeld", limit: 100)
            #expect(all.total == 25 && all.hits.count == 25)
            var paged: [String] = []
            for offset in stride(from: 0, to: 25, by: 7) {
                paged += try searcher.search("Kindergeld", limit: 7, offset: offset).hits.map(\.path)
            }
            #expect(paged == all.hits.map(\.path))
            // Shorter body ranks higher for the same frequency.
            #expect(all.hits.first?.path == "p0")
        }
    }

    @Test func snippetHighlightsEveryMatchedSpelling() throws {
        let body = String(repeating: "Vorrede ohne Bezug. ", count: 30)
            + "Hier stehen die Fachkräfte und eine Fachkraft der Straße." + String(repeating: " Nachwort.", count: 30)
        try withIndex([Document(path: "x", title: "t", body: body)]) { searcher throws in
            let hit = try #require(try searcher.search("Fachkraefte Strasse").hits.first)
            let scalars = Array(hit.snippet.unicodeScalars)
            let marked = hit.highlights.map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) }
            #expect(marked == ["Fachkräfte", "Fachkraft", "Straße"])
            #expect(hit.snippet.hasPrefix("…") && hit.snippet.hasSuffix("…"))
            #expect(hit.snippet.unicodeScalars.count <= searcher.snippetLength + 2)
        }
    }

    /// Long pages get their snippets on all cores; each hit is what one core alone makes.
    @Test func snippetsOnAllCoresEqualThoseOnOne() throws {
        let docs = (0..<12).map { i in
            let filler = String(repeating: "Text ohne Bezug Nummer \(i) über Gebühren. ", count: 400 + 37 * i)
            let middle = i % 3 == 0 ? "Die Fachkräfte der Pflegeeinrichtung beraten. " : "Eine Pflegefachkraft berät. "
            return Document(path: "p\(i).html", title: "Pflege \(i)", body: filler + middle + filler.prefix(900 * (i % 4)))
        }
        try withIndex(docs) { searcher throws in
            searcher.parallelSnippetBytes = .max
            let one = try searcher.search("Pflege Fachkraft", limit: 12)
            searcher.parallelSnippetBytes = 0
            let all = try searcher.search("Pflege Fachkraft", limit: 12)
            #expect(one.hits.count == 12)
            #expect(one.hits.allSatisfy { !$0.highlights.isEmpty })
            #expect(all.hits == one.hits)
            // And again, with the helper analyzers' caches warm.
            #expect(try searcher.search("Pflege Fachkraft", limit: 12).hits == one.hits)
        }
    }

    /// Folding conflates distinct words; the exact spelling ranks first, then the folded one.
    @Test func exactSpellingAboveFoldedAboveStemmed() throws {
        let docs = [
            Document(path: "masse", title: "Seite", body: "Die Masse der Anträge wächst."),
            Document(path: "massen", title: "Seite", body: "Die Massen der Anträge wachsen."),
            Document(path: "maße", title: "Seite", body: "Die Maße der Anträge wachsen."),
        ]
        try withIndex(docs) { searcher throws in
            #expect(try searcher.search("Maße").hits.map(\.path) == ["maße", "masse", "massen"])
            #expect(try searcher.search("Masse").hits.map(\.path).first == "masse")
            #expect(try searcher.search("Massen").hits.map(\.path).first == "massen")
        }
    }

    /// With many documents holding every word, the spelling bonuses are added once the
    /// documents with all words are known (see `run`); the order must be that of a bonus added
    /// as each word is matched: exact spelling, then folded, then stemmed.
    @Test func spellingBonusInAConjunction() throws {
        var docs: [Document] = []
        for (i, form) in ["Masse", "Massen", "Maße"].enumerated() {
            for k in 0..<6 {
                docs.append(Document(path: "\(form)-\(k)", title: "Seite \(i * 6 + k)", body: "Die \(form) der Anträge wächst am Tag \(k)."))
            }
        }
        try withIndex(docs) { searcher throws in
            let result = try searcher.search("Maße Anträge", limit: 18)
            #expect(result.total == 18 && !result.partial)
            let forms = result.hits.map { $0.path.split(separator: "-")[0] }
            #expect(forms == Array(repeating: "Maße", count: 6) + Array(repeating: "Masse", count: 6) + Array(repeating: "Massen", count: 6))
            #expect(try searcher.search("Masse Anträge", limit: 6).hits.allSatisfy { $0.path.hasPrefix("Masse-") })
        }
    }

    /// A search remembers its dictionary look-ups (`LookupMemo`): every answer, found or not,
    /// must be the segment's own, across segments, after the table grows, and after a reset.
    @Test func lookupMemoAnswersAsTheSegments() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A small RAM budget: several segments.
        let writer = try IndexWriter(directory: dir.path, ramBudget: 4_000)
        var words: [String] = []
        for i in 0..<200 {
            let word = "wort\(i)x"
            words.append(word)
            try writer.add(Document(path: "d\(i).html", title: "Titel \(i % 7)", body: "\(word) und Pflege \(i % 13)"))
        }
        try writer.commit(root: "/")
        let reader = try IndexReader.open(dir.path)
        #expect(reader.segments.count >= 2)
        var memo = LookupMemo()
        let terms = (words + ["pfleg", "titel", "und", "fehlt", "", "wort"]).map { Array($0.utf8) }
        for round in 0..<3 {
            if round == 2 { memo.reset() }
            for segment in reader.segments {
                for field in [Field.title, .body] {
                    for kind in [TermKind.stem, .exact] {
                        for term in terms {
                            #expect(try memo.lookup(segment, field, kind, term) == segment.lookup(field, kind, term))
                        }
                    }
                }
            }
        }
    }

    @Test func genderFormsAndLegalCitations() throws {
        let docs = [
            Document(path: "a", title: "Beratung", body: "Alle Bürger*innen können Anträge stellen."),
            Document(path: "b", title: "Leistungsberechtigte", headings: ["SGB 12"], body: "Nach § 27 SGB XII erhalten Personen Hilfe."),
            Document(path: "c", title: "Termine", body: "Die Frist endet am 03.07.2025 um 12 Uhr."),
        ]
        try withIndex(docs) { searcher throws in
            for query in ["Bürger", "Bürgerin", "Bürgerinnen", "Bürger:innen", "BürgerInnen"] {
                #expect(try searcher.search(query).hits.map(\.path) == ["a"], "\(query)")
            }
            for query in ["§ 27 SGB XII", "SGB XII § 27", "SGB 12 § 27", "27 SGB XII"] {
                let result = try searcher.search(query)
                #expect(completeHits(result) == ["b"] && !result.partial, "\(query)")
            }
            #expect(try searcher.search("2025-07-03").hits.map(\.path) == ["c"])
            #expect(try searcher.search("3. Juli 2025").hits.map(\.path) == ["c"])
            #expect(try searcher.search("3.7.2025").hits.map(\.path) == ["c"])
        }
    }

    /// A law's norm carries its citation as a heading (`LawExtractor`), so a cited norm ranks
    /// above norms of the same law whose text is full of the same numbers.
    @Test func citedNormRanksFirst() throws {
        let docs = [
            Document(path: "pflegegrade", title: "§ 61b Pflegegrade", headings: ["§ 61b SGB 12", "Siebtes Kapitel Hilfe zur Pflege"],
                     body: "Pflegegrad 2: ab 12,5 bis unter 27 Gesamtpunkte, Pflegegrad 3: ab 27 bis unter 47,5 Gesamtpunkte; nach 27 Monaten wird neu begutachtet."),
            Document(path: "norm", title: "§ 27 Leistungsberechtigte", headings: ["§ 27 SGB 12", "Drittes Kapitel Hilfe zum Lebensunterhalt"],
                     body: "Hilfe zum Lebensunterhalt ist Personen zu leisten, die ihren notwendigen Lebensunterhalt nicht aus eigenen Kräften bestreiten können."),
            Document(path: "other-law", title: "§ 27 Leistungen für Auszubildende", headings: ["§ 27 SGB 2"],
                     body: "Auszubildende erhalten Leistungen nach Maßgabe der folgenden Absätze; § 12 gilt entsprechend."),
        ]
        try withIndex(docs) { searcher throws in
            for query in ["§ 27 SGB XII", "SGB XII § 27", "27 SGB XII"] {
                #expect(try searcher.search(query).hits.first?.path == "norm", "\(query)")
            }
        }
    }

    /// Compounds split with the corpus' own word counts: parts find the compound (below the
    /// whole word), a compound finds documents with all its parts (below itself), ellipses
    /// are completed.
    @Test func compoundsAndEllipses() throws {
        let filler = Document(path: "z", title: "Wörter", body: String(repeating: "Amt Arbeit Geber Jugend Pflege Einrichtungen ", count: 12))
        let docs = [
            Document(path: "compound", title: "Heime", body: "Die Pflegeeinrichtungen im Landkreis sind voll."),
            Document(path: "pflege", title: "Zuhause", body: "Die Pflege zu Hause ist wichtig."),
            Document(path: "parts", title: "Angebote", body: "Einrichtungen für die häusliche Pflege und mehr."),
            Document(path: "ellipsis", title: "Ämter", body: "Das Sozial- und Jugendamt berät Arbeitgeber und -nehmer."),
            filler,
        ]
        try withIndex(docs) { searcher throws in
            let pflege = try searcher.search("Pflege", limit: 10).hits.map(\.path)
            #expect(pflege.contains("compound"))
            #expect(pflege.firstIndex(of: "pflege")! < pflege.firstIndex(of: "compound")!)
            #expect(try searcher.search("Einrichtung").hits.map(\.path).contains("compound"))
            let compound = try searcher.search("Pflegeeinrichtungen").hits.map(\.path)
            #expect(compound.first == "compound" && compound.contains("parts"))
            #expect(try searcher.search("Sozialamt").hits.map(\.path) == ["ellipsis"])
            #expect(try searcher.search("Jugendamt").hits.map(\.path) == ["ellipsis", "z"])  // z holds both parts
            #expect(try searcher.search("Arbeitnehmer").hits.map(\.path) == ["ellipsis"])
            // The whole compound lights up for its part.
            let hit = try #require(try searcher.search("Pflege").hits.first { $0.path == "compound" })
            let scalars = Array(hit.snippet.unicodeScalars)
            #expect(hit.highlights.map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) } == ["Pflegeeinrichtungen"])
            // And for its last part, though no query term starts with its first letter.
            let last = try #require(try searcher.search("Einrichtung").hits.first { $0.path == "compound" })
            let lastScalars = Array(last.snippet.unicodeScalars)
            #expect(last.highlights.map { String(String.UnicodeScalarView(lastScalars[$0[0]..<$0[1]])) } == ["Pflegeeinrichtungen"])
        }
    }

    @Test func queryParser() {
        let q = Query.parse("a \"b c\" -d OR e -\"f g\" OR")
        #expect(q.groups == [[.word("a")], [.phrase(["b", "c"])], [.word("e")]])
        #expect(q.excluded == [.word("d"), .phrase(["f", "g"])])
        #expect(Query.parse("\"unclosed phrase").groups == [[.phrase(["unclosed", "phrase"])]])
        #expect(Query.parse("  ").isEmpty)
        #expect(Query.parse("x OR y z").groups == [[.word("x"), .word("y")], [.word("z")]])
        // A minus glued to a closing quote is a hyphen, not a leaving out.
        let glued = Query.parse("als „Model C“-Schulen bezeichnet")
        #expect(glued.groups == [[.word("als")], [.phrase(["Model", "C"])], [.word("Schulen")], [.word("bezeichnet")]])
        #expect(glued.excluded.isEmpty)
        #expect(Query.parse("\"a b\" -c").excluded == [.word("c")])
    }

    @Test func parenthesesGroup() throws {
        // A group inside an OR is multiplied out: (a b) OR c → (a OR c) (b OR c).
        #expect(Query.parse("(hilfe pflege) OR wohngeld").groups
                == [[.word("hilfe"), .word("wohngeld")], [.word("pflege"), .word("wohngeld")]])
        #expect(Query.parse("(pflege OR betreuung) kosten").groups == [[.word("pflege"), .word("betreuung")], [.word("kosten")]])
        #expect(Query.parse("wohngeld OR (a OR b)").groups == [[.word("wohngeld"), .word("a"), .word("b")]])
        let left = Query.parse("wohngeld -(miete OR antrag)")
        #expect(left.groups == [[.word("wohngeld")]] && left.excluded == [.word("miete"), .word("antrag")])
        // A parenthesis inside a word is the word's ("Bürger(innen)").
        #expect(Query.parse("Bürger(innen) x").groups == [[.word("Bürger(innen)")], [.word("x")]])
        // Too many combinations: read as any of the words, and said so.
        let wide = Query.parse("(a b c d e f g h) OR (i j k l m n o p) OR (q r)")
        #expect(wide.groups.count == 1 && wide.groups[0].count == 18 && wide.warnings.count == 1)
        try withIndex(laws) { searcher throws in
            #expect(Set(try searcher.search("(Wohngeld Mieter) OR Pflegegeld").hits.map(\.path)) == ["c.html", "d.html"])
            #expect(completeHits(try searcher.search("(Wohngeld Pflegegeld) OR Straße")) == ["e.html"])
            #expect(Set(try searcher.search("(Wohngeld OR Pflegegeld) erhalten").hits.map(\.path)) == ["c.html", "d.html"])
        }
    }

    @Test func jsonShape() throws {
        try withIndex(laws) { searcher throws in
            let json = try searcher.search("Wohngeld").json()
            #expect(json.hasPrefix("{\"query\":\"Wohngeld\",\"total\":1,\"partial\":false,\"complete\":1,\"took_ms\":"))
            #expect(json.contains("\"hits\":[{\"id\":\"") && json.contains("\"path\":\"c.html\""))
            #expect(json.contains("\"highlights\":[[0,8]"))
        }
    }
}

@Suite struct CompletionAndBudgetTests {
    @Test func completionsCompleteTheLastWordMostFrequentFirst() throws {
        let docs = laws + [Document(path: "f.html", title: "Pflegegeld", body: "Das Pflegegeld wird monatlich gezahlt.")]
        try withIndex(docs) { searcher throws in
            let completions = try searcher.completions(for: "häusliche Pfleg", limit: 3)
            #expect(completions.first == "häusliche pflegegeld")  // in two documents
            #expect(Set(completions) == ["häusliche pflegegeld", "häusliche pflegebedürftige", "häusliche pflege"])
            #expect(try searcher.completions(for: "pflegeg").map { $0 } == ["pflegegeld"])
            #expect(try searcher.completions(for: "p").isEmpty)  // one letter asks for nothing
            #expect(try searcher.completions(for: "xyz").isEmpty)
        }
    }

    @Test func searchPastItsTimeBudgetStops() throws {
        try withIndex(laws) { searcher throws in
            searcher.timeBudget = .zero
            #expect(throws: SearchError.overTimeBudget(.zero)) { try searcher.search("Hilfe Lebensunterhalt") }
            searcher.timeBudget = .seconds(10)
            #expect(try searcher.search("Hilfe Lebensunterhalt").total == 2)
        }
    }

    @Test func hitsCarryThePageAddress() throws {
        let docs = [Document(path: "a.html", title: "Wohngeld", url: "https://www.stadt.example/wohngeld")]
        try withIndex(docs) { searcher throws in
            let result = try searcher.search("wohngeld")
            #expect(result.hits.first?.url == "https://www.stadt.example/wohngeld")
            #expect(result.json().contains(#""url":"https://www.stadt.example/wohngeld""#))
        }
    }
}

@Suite struct QueryWordTests {
    @Test func hyphenatedQueryWordRequiresEachPart() throws {
        let docs = [
            Document(path: "a.html", title: "Arbeitszeit", body: "Jugendliche dürfen nur an fünf Tagen in der Woche beschäftigt werden."),
            Document(path: "b.html", title: "Urlaub", body: "Der Urlaub beträgt fünf Wochen."),
        ]
        try withIndex(docs) { searcher throws in
            // Not a phrase: the parts need not stand together, but all must be there.
            #expect(completeHits(try searcher.search("Fünf-Tage-Woche")) == ["a.html"])
            #expect(!(try searcher.search("Fünf-Tage-Woche").partial))
        }
    }

    @Test func compoundTheIndexNeverSawIsSplitAtQueryTime() throws {
        let docs = [
            Document(path: "a.html", title: "Zuordnung", body: "Für die Zuordnung gelten folgende Grundsätze: die Kosten werden zugeordnet."),
            Document(path: "b.html", title: "Grundsätze", body: "Allgemeine Grundsätze der Zuordnung und der Bewertung."),
            Document(path: "c.html", title: "Bewertung", body: "Die Bewertung folgt dem Zeitwert."),
            // Both parts, but far apart: not what the compound means.
            Document(path: "d.html", title: "Verfahren", body: "Die Zuordnung erfolgt jährlich durch das Amt, das die Listen führt, prüft, ergänzt, veröffentlicht und allen Beteiligten in der Stadt und im Landkreis rechtzeitig vor Beginn des neuen Jahres zusendet; Grundsätze gibt es keine."),
        ]
        try withIndex(docs) { searcher throws in
            // No page has "Zuordnungsgrundsätze": its parts are required instead, near each other.
            let result = try searcher.search("Zuordnungsgrundsätze")
            #expect(Set(result.hits.map(\.path)) == ["a.html", "b.html"])
            #expect(result.hits.first.map { $0.highlights.count >= 2 } == true)  // the parts light up
            // A word that matches as it is, is not split.
            #expect(try searcher.search("Bewertung").hits.map(\.path).sorted() == ["b.html", "c.html"])
        }
    }
}

@Suite struct ProximityTests {
    /// Words next to each other in the query's order rank above the same words apart, and
    /// stop words count for it ("was genau sie hat").
    @Test func neighboursRankFirst() throws {
        let docs = [
            Document(path: "apart.html", body: "Sie hat gesagt, was der Arzt meinte: genau."),
            Document(path: "together.html", body: "Niemand weiß, was genau sie hat, sagte der Arzt."),
        ]
        try withIndex(docs) { searcher throws in
            #expect(try searcher.search("was genau sie hat").hits.first?.path == "together.html")
            var flat = searcher.ranking
            flat.proximityBonus = 0
            searcher.ranking = flat
            #expect(try searcher.search("was genau sie hat").hits.first?.path != "together.html")
        }
    }
}

@Suite struct QueryOperatorTests {
    @Test func parsing() throws {
        #expect(Query.parse("pfleg* title:wohngeld path:www.stadt.example hilfe^2 *").groups == [
            [.prefix("pfleg")], [.inField("title", "wohngeld")], [.pathPrefix("www.stadt.example")],
            [.boosted(.word("hilfe"), 2)],
        ])
        let range = try #require(Query.MetaRange.parse("2024-02..2024-06"))
        #expect(range.contains("2024-02-01") && range.contains("2024-06-30") && range.contains("2024-04"))
        #expect(!range.contains("2024-01-31") && !range.contains("2024-07-01"))
        let after = try #require(Query.MetaRange.parse(">2024"))
        #expect(after.contains("2025-01-01") && !after.contains("2024-12-31"))
        let before = try #require(Query.MetaRange.parse("<2024-07"))
        #expect(before.contains("2024-06-30") && !before.contains("2024-07-01"))
        #expect(Query.parse("a* foo:bar x^0").groups == [[.word("foo:bar")], [.word("x^0")]])
    }

    @Test func filtersAndFacets() throws {
        let docs = [
            Document(path: "a/1.html", body: "Wohngeld alt", language: "de", date: "2023-05-01"),
            Document(path: "a/2.html", body: "Wohngeld neu", language: "de-DE", date: "2024-03-15"),
            Document(path: "b/3.html", body: "Wohngeld english", language: "en", date: "2024-11-02"),
            Document(path: "b/4.html", body: "Pflege", language: "de", date: "2024-01-01"),
        ]
        try withIndex(docs) { searcher throws in
            #expect(Set(try searcher.search("wohngeld year:2024").hits.map(\.path)) == ["a/2.html", "b/3.html"])
            #expect(Set(try searcher.search("wohngeld lang:de").hits.map(\.path)) == ["a/1.html", "a/2.html"])
            #expect(try searcher.search("wohngeld date:2024-01..2024-06").hits.map(\.path) == ["a/2.html"])
            #expect(try searcher.search("wohngeld date:<2024").hits.map(\.path) == ["a/1.html"])
            #expect(try searcher.search("wohngeld site:b").hits.map(\.path) == ["b/3.html"])
            let result = try searcher.search("wohngeld", facets: true)
            let byName = Dictionary(uniqueKeysWithValues: result.facets.map { ($0.name, $0.values.map { "\($0.value)=\($0.count)" }) })
            #expect(byName["site"] == ["a=2", "b=1"])
            #expect(byName["year"] == ["2024=2", "2023=1"])
            #expect(byName["lang"] == ["de=2", "en=1"])
            #expect(result.json().contains(#""facets":{"site":[["a",2],["b",1]]"#))
        }
    }

    @Test func prefixFieldPathAndBoost() throws {
        let docs = laws + [
            Document(path: "stadt/wohngeld.html", title: "Antrag", body: "Wohngeld beantragen Sie im Bürgerbüro."),
            Document(path: "stadt/pflege.html", title: "Wohngeld und Pflege", body: "Pflegegeld und Wohngeld."),
            Document(path: "stadt-archiv/wohngeld.html", title: "Wohngeld 1990", body: "Wohngeld früher."),
        ]
        try withIndex(docs) { searcher throws in
            // Prefix: every word that begins so.
            #expect(Set(try searcher.search("pflege*").hits.map(\.path)) == ["d.html", "stadt/pflege.html"])
            // A field: only where the word stands in the title.
            #expect(Set(try searcher.search("title:wohngeld").hits.map(\.path)) == ["c.html", "stadt/pflege.html", "stadt-archiv/wohngeld.html"])
            // A path prefix filters; excluded, it removes.
            #expect(Set(try searcher.search("wohngeld path:stadt/").hits.map(\.path)) == ["stadt/wohngeld.html", "stadt/pflege.html"])
            #expect(Set(try searcher.search("wohngeld site:stadt").hits.map(\.path)) == ["stadt/wohngeld.html", "stadt/pflege.html"])
            #expect(Set(try searcher.search("wohngeld site:stadt-archiv").hits.map(\.path)) == ["stadt-archiv/wohngeld.html"])
            #expect(Set(try searcher.search("wohngeld -path:stadt").hits.map(\.path)) == ["c.html"])
            // A boost changes the order.
            let plain = completeHits(try searcher.search("wohngeld pflegegeld"))
            #expect(plain == ["stadt/pflege.html"])
            let boosted = try searcher.search("wohngeld^5 OR pflegegeld").hits.map(\.path)
            #expect(boosted.first != "d.html" && boosted.contains("d.html"))
            // Fuzzy: within one edit, same first letter.
            #expect(Set(try searcher.search("wohngelt~").hits.map(\.path)) == ["c.html", "stadt/wohngeld.html", "stadt/pflege.html", "stadt-archiv/wohngeld.html"])
            #expect(try searcher.search("wohnxxxx~").total == 0)
            #expect(Query.parse("wohngelt~2 ab~").groups == [[.fuzzy("wohngelt", 2)], [.word("ab~")]])
            // A phrase with slop: words in order with up to N others between.
            #expect(try searcher.search("\"Hilfe Lebensunterhalt\"").total == 0)
            #expect(Set(try searcher.search("\"Hilfe Lebensunterhalt\"~1").hits.map(\.path)) == ["a.html", "b.html"])
            #expect(try searcher.search("\"Lebensunterhalt Hilfe\"~1").hits.map(\.path) == ["b.html"])
            #expect(Query.parse("\"a b\"~3 x").groups == [[.nearPhrase(["a", "b"], 3)], [.word("x")]])
            // A bare star asks for nothing.
            #expect(try searcher.search("*").total == 0)
        }
    }
}

@Suite struct ExplainTests {
    /// The parts of an explanation add up to the score: items and bonuses, times proximity.
    @Test func partsAddUpToTheScore() throws {
        try withIndex(laws) { searcher throws in
            let result = try searcher.search("Hilfe Lebensunterhalt", explain: true)
            #expect(!result.hits.isEmpty)
            for hit in result.hits {
                #expect(hit.explanation.count == 2)
                let sum = hit.explanation.reduce(Float(0)) { $0 + $1.score + $1.exactBonus + $1.foldedBonus } * hit.proximity
                #expect(abs(sum - hit.score) < 0.001 * max(1, hit.score), "\(hit.path): \(sum) vs \(hit.score)")
                #expect(hit.explanation.allSatisfy { !$0.fields.isEmpty })
            }
            let top = try #require(result.hits.first)
            #expect(top.path == "a.html" && top.explanation.contains { $0.fields.contains { $0.field == "title" } })
            #expect(result.json().contains(#""explain":{"proximity":"#))
            #expect(try searcher.search("Hilfe Lebensunterhalt").hits.allSatisfy(\.explanation.isEmpty))
        }
    }
}

@Suite struct HostileQueryTests {
    /// Huge, many-word, deeply parenthesised and empty queries end quickly with a documented
    /// truncation or no hits, never a crash.
    @Test func hostileQueriesAreBounded() throws {
        try withIndex(laws) { searcher throws in
            let huge = String(repeating: "wohngeld pflege ", count: 70_000)  // about 1 MB
            let cut = try searcher.search(huge)
            #expect(cut.truncated && cut.query.utf8.count <= Searcher.maximumQueryBytes)
            let many = (0..<10_000).map { "wort\($0)" }.joined(separator: " ")
            #expect(try searcher.search(many).truncated)
            let nested = String(repeating: "(", count: 1_000) + "wohngeld" + String(repeating: ")", count: 1_000)
            let deep = try searcher.search(nested)
            #expect(!deep.truncated && deep.total == 1 && deep.warnings.count <= 11)
            #expect(try searcher.search("*").total == 0)
            #expect(try searcher.search("").total == 0)
            #expect(!(try searcher.search("wohngeld").truncated))
        }
    }
}

@Suite struct DidYouMeanTests {
    @Test func suggestionsFromTheIndexTerms() throws {
        try withIndex(laws) { searcher throws in
            #expect(try searcher.search("Lebensunterhald").suggestion == "lebensunterhalt")
            #expect(try searcher.search("Wohngeldmieter").suggestion == "wohngeld mieter")
            #expect(try searcher.search("Hilfe zum Lebensunterhalt").suggestion == nil)
            #expect(try searcher.search("Xylophon").suggestion == nil)
            #expect(try searcher.search("Lebensunterhald").json().contains(#""did_you_mean":"lebensunterhalt""#))
        }
        #expect(Searcher.editDistance(Array("miete".utf8), Array("mite".utf8), limit: 2) == 1)
        #expect(Searcher.editDistance(Array("abc".utf8), Array("xyz".utf8), limit: 2) == nil)
    }
}

@Suite struct CandidateListTests {
    /// The documents of a group's lists (each ascending, one after the other) come out once
    /// each, ascending, as a set would give them.
    @Test func listsJoinSortedAndUnique() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<200 {
            var joined: [Int32] = []
            for _ in 0..<Int(rng.next() % 4) {
                joined += Set((0..<Int(rng.next() % 30)).map { _ in Int32(rng.next() % 60) }).sorted()
            }
            #expect(Searcher.sortedUnique(joined) == Set(joined).sorted(), "\(joined)")
        }
        #expect(Searcher.sortedUnique([]) == [])
        #expect(Searcher.sortedUnique([3, 3]) == [3])
    }
}

@Suite struct QueryWarningTests {
    /// A query with a mistake is read as far as it can be and says what it repaired, where.
    @Test func mistakesAreReportedWithTheirPosition() throws {
        let unclosed = Query.parse("pflege \"hilfe zum")
        #expect(unclosed.groups == [[.word("pflege")], [.phrase(["hilfe", "zum"])]])
        #expect(unclosed.warnings == ["unclosed quote at position 8: the phrase runs to the end"])
        #expect(Query.parse("OR pflege").warnings == ["OR at position 1 has no word before it: ignored"])
        #expect(Query.parse("pflege OR").warnings == ["OR at the end has no word after it: ignored"])
        #expect(Query.parse("(pflege").warnings == ["'(' at position 1 is not closed: closed at the end"])
        #expect(Query.parse("pflege)").warnings == ["')' at position 7 closes nothing: ignored"])
        #expect(Query.parse("(pflege OR betreuung) \"a b\"").warnings.isEmpty)
        let short = Query.parse("pflege a*")
        #expect(short.groups == [[.word("pflege")]])
        #expect(short.warnings == ["'a*' at position 8: a prefix needs at least 2 letters before '*': ignored"])
        #expect(Query.parse("pflege *").warnings.isEmpty)  // a bare "*" asks for nothing, as documented
        try withIndex(laws) { searcher throws in
            let result = try searcher.search("\"Wohngeld erhalten")
            #expect(result.warnings.count == 1 && result.hits.map(\.path) == ["c.html"])
            #expect(result.json().contains(#""warnings":["unclosed quote at position 1"#))
        }
    }
}

@Suite struct SortPrefixTests {
    @Test func prefixIsTheFullSortsPrefix() {
        var rng = SplitMix64(seed: 11)
        for n in [0, 1, 5, 99, 1000] {
            for k in [0, 1, 10, 100] {
                let values = (0..<n).map { _ in Int.random(in: 0..<50, using: &rng) * 1000 + Int.random(in: 0..<1000, using: &rng) }
                // Ties broken by value's last digits, as the searcher breaks them by document.
                let order = { (a: Int, b: Int) in a / 1000 != b / 1000 ? a / 1000 > b / 1000 : a < b }
                var partial = values
                partial.sortPrefix(k, by: order)
                let full = values.sorted(by: order)
                #expect(Array(partial.prefix(k)) == Array(full.prefix(k)), "n \(n), k \(k)")
                #expect(partial.sorted() == values.sorted())  // nothing lost or doubled
            }
        }
    }
}
