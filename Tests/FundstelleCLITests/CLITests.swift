import Foundation
import Testing
import TestSupport

/// Runs the built `fundstelle` binary, as a user or a script would.
struct CLI {
    static let binary: String = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for dir in [besideTests, besideTests.deletingLastPathComponent(), URL(fileURLWithPath: SharedData.packageRoot + "/.build/debug")] {
            let candidate = dir.appendingPathComponent("fundstelle").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return SharedData.packageRoot + "/.build/debug/fundstelle"
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `fundstelle` (or `executable`) with `arguments`.
    static func run(_ arguments: [String], stdin: String? = nil, in directory: String? = nil, executable: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Output goes to files, input comes from one: no pipe can fill up and block.
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let files = ["in", "out", "err"].map { scratch.path + "/" + $0 }
        try Data((stdin ?? "").utf8).write(to: URL(fileURLWithPath: files[0]))
        for f in files.dropFirst() { _ = FileManager.default.createFile(atPath: f, contents: nil) }
        process.standardInput = FileHandle(forReadingAtPath: files[0])
        process.standardOutput = FileHandle(forWritingAtPath: files[1])
        process.standardError = FileHandle(forWritingAtPath: files[2])
        try process.run()
        process.waitUntilExit()
        let stdoutData = try Data(contentsOf: URL(fileURLWithPath: files[1]))
        let stderrData = try Data(contentsOf: URL(fileURLWithPath: files[2]))
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// A small site: two pages in a folder, a law XML, and a binary file that must be skipped.
func makeSite(_ root: String) throws {
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/site/soziales", withIntermediateDirectories: true)
    try """
        <!DOCTYPE html><html lang="de"><head><title>Pflegeberatung</title>
        <meta name="description" content="Beratung zur Pflege"></head>
        <body><h1>Pflegeberatung im Sozialamt</h1>
        <p>Die Fachkräfte beraten Angehörige zu Pflegeeinrichtungen und zum Pflegegeld.</p></body></html>
        """.write(toFile: root + "/site/soziales/pflege.html", atomically: false, encoding: .utf8)
    try """
        <html><head><title>Wohngeld</title></head><body><p>Wohngeld hilft beim Wohnen.
        Anträge stellen Sie im Bürgerbüro.</p><script>var pflege = 1;</script></body></html>
        """.write(toFile: root + "/site/wohngeld.html", atomically: false, encoding: .utf8)
    try """
        <?xml version="1.0" encoding="UTF-8"?>
        <dokumente><norm doknr="KOPF"><metadaten><jurabk>TestG</jurabk><langue>Testgesetz</langue></metadaten></norm>
        <norm doknr="N1"><metadaten><jurabk>TestG</jurabk><enbez>§ 1</enbez><titel>Pflegegeld</titel></metadaten>
        <textdaten><text format="XML"><Content><P>Pflegebedürftige erhalten Pflegegeld.</P></Content></text></textdaten></norm>
        </dokumente>
        """.write(toFile: root + "/site/gesetz.xml", atomically: false, encoding: .utf8)
    try Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x89]).write(to: URL(fileURLWithPath: root + "/site/bild.png"))
}

@Suite(.serialized) struct ArchiveCLITests {
    /// A gzipped WARC in a folder is found by its content and indexed page by page.
    @Test func indexesAWARCArchive() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/crawl", withIntermediateDirectories: true)
        func record(_ uri: String, _ html: String) -> [UInt8] {
            let body = Array(html.utf8)
            let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".utf8) + body
            let head = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: \(uri)\r\nContent-Length: \(block.count)\r\n\r\n"
            return Array(head.utf8) + block + Array("\r\n\r\n".utf8)
        }
        let warc = record("https://stadt.example/wohngeld", "<html><head><title>Wohngeld</title></head><body><p>Zuschuss zur Miete.</p></body></html>")
            + record("https://stadt.example/pflege", "<html><head><title>Pflege</title></head><body><p>Pflegeberatung der Stadt.</p></body></html>")
        // Written with the system's gzip, one member for the whole file.
        try Data(warc).write(to: URL(fileURLWithPath: dir.path + "/crawl/site.warc"))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [dir.path + "/crawl/site.warc"]
        try gzip.run()
        gzip.waitUntilExit()
        let indexed = try CLI.run(["index", dir.path + "/crawl", "--index", dir.path + "/idx"])
        #expect(indexed.status == 0 && indexed.stdout.contains("Indexed 2 documents from 1 file"), "\(indexed.stdout)")
        let hit = try CLI.run(["search", "Miete", "--index", dir.path + "/idx", "--json"])
        #expect(hit.stdout.contains("\"path\":\"site.warc.gz#https://stadt.example/wohngeld\""))
    }
}

@Suite(.serialized) struct CLITests {
    @Test func indexSearchShowStats() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeSite(dir.path)
        let index = dir.path + "/idx"

        let indexed = try CLI.run(["index", dir.path + "/site", "--index", index])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains("Indexed 3 documents from 3 files"))
        #expect(indexed.stdout.contains("Skipped 1 file") && indexed.stdout.contains("bild.png"))

        // JSON shape: the keys, their types, and highlights that lie inside the snippet.
        let search = try CLI.run(["search", "Fachkraefte", "--index", index, "--json"])
        #expect(search.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "Fachkraefte")
        #expect(object["total"] as? Int == 1)
        #expect(object["took_ms"] is Double || object["took_ms"] is Int)
        let hits = try #require(object["hits"] as? [[String: Any]])
        let hit = try #require(hits.first)
        #expect(hit["path"] as? String == "soziales/pflege.html")
        #expect(hit["title"] as? String == "Pflegeberatung im Sozialamt")
        #expect((hit["id"] as? String)?.count == 16)
        #expect(hit["score"] is Double)
        #expect(hit["date"] is String)
        let snippet = try #require(hit["snippet"] as? String)
        let highlights = try #require(hit["highlights"] as? [[Int]])
        #expect(!highlights.isEmpty)
        let scalars = Array(snippet.unicodeScalars)
        for h in highlights {
            #expect(h.count == 2 && 0 <= h[0] && h[0] < h[1] && h[1] <= scalars.count)
            let word = String(String.UnicodeScalarView(scalars[h[0]..<h[1]])).lowercased()
            #expect(word == "fachkräfte")
        }

        // The human answer quotes the query once, a phrase query included.
        #expect(try CLI.run(["search", "Fachkraefte", "--index", index]).stdout.contains("1 hit for \"Fachkraefte\","))
        #expect(try CLI.run(["search", "\"Fachkräfte\"", "--index", index]).stdout.contains(" for \"Fachkräfte\","))

        // A script's batch: one JSON line per query line, in order.
        let batch = try CLI.run(["search", "--batch", "-", "--json", "--index", index], stdin: "Wohngeld\nPflegegeld\nxyzzy\n")
        let lines = batch.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let totals = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["total"] as? Int
        }
        #expect(totals == [1, 2, 0])

        let law = try CLI.run(["search", "Pflegegeld", "--index", index, "--json", "--limit", "1"])
        let lawHit = try #require(((try JSONSerialization.jsonObject(with: Data(law.stdout.utf8)) as? [String: Any])?["hits"] as? [[String: Any]])?.first)
        #expect(lawHit["path"] as? String == "gesetz.xml#N1")
        #expect(lawHit["title"] as? String == "§ 1 Pflegegeld")

        // show by path and by id give the same document.
        let byPath = try CLI.run(["show", "soziales/pflege.html", "--index", index, "--json"])
        let byID = try CLI.run(["show", hit["id"] as! String, "--index", index, "--json"])
        #expect(byPath.status == 0 && byPath.stdout == byID.stdout)
        #expect(byPath.stdout.contains("Fachkräfte"))

        let stats = try CLI.run(["stats", "--index", index, "--json"])
        let statsObject = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(statsObject["documents"] as? Int == 3)
        // The size is every file of the index but the lock: segments, manifest, commit.
        let files = try FileManager.default.contentsOfDirectory(atPath: index).filter { $0 != "write.lock" }
        let onDisk = try files.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: index + "/" + $1)[.size] as? Int) ?? 0) }
        #expect(files.contains("files_1") && statsObject["size_bytes"] as? Int == onDisk, "\(files)")

        // Script text is not indexed.
        #expect(try CLI.run(["search", "var", "--index", index, "--json"]).stdout.contains("\"total\":0"))
    }

    /// A plain search skips ArgumentParser (`SearchRun(quick:)`); written with `--name=value`
    /// the same search goes through it. Both must print the same, fail the same, and a list
    /// the quick parser refuses must still be parsed (or explained) by ArgumentParser.
    @Test func quickAndParsedSearchesAgree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeSite(dir.path)
        let index = dir.path + "/idx"
        #expect(try CLI.run(["index", dir.path + "/site", "--index", index]).status == 0)
        let batch = dir.path + "/queries.txt"
        try "Pflegegeld\nWohngeld Antrag\n".write(toFile: batch, atomically: false, encoding: .utf8)
        func same(_ text: String) -> String {
            text.replacingOccurrences(of: #""took_ms":[0-9.]+"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"[0-9.]+ ms"#, with: "", options: .regularExpression)
        }
        let pairs: [([String], [String])] = [
            (["Pflege", "--json", "--index", index], ["--index=\(index)", "--json", "Pflege"]),
            (["Pflegegeld", "Antrag", "--limit", "1", "--offset", "1", "--json", "--index", index],
             ["--limit=1", "--offset=1", "--json", "--index=\(index)", "Pflegegeld", "Antrag"]),
            (["--index", index, "Fachkraefte", "--explain"], ["--index=\(index)", "--explain", "Fachkraefte"]),
            (["--batch", batch, "--json", "--index", index], ["--batch=\(batch)", "--json", "--index=\(index)"]),
            (["Pflege", "--facets", "--filter", "lang:de", "--filter", "year:2000..2100", "--json", "--index", index],
             ["Pflege", "--facets", "--filter=lang:de", "--filter=year:2000..2100", "--json", "--index=\(index)"]),
            (["Pflege", "--index", dir.path + "/none"], ["Pflege", "--index=\(dir.path)/none"]),
        ]
        for (quick, parsed) in pairs {
            let a = try CLI.run(["search"] + quick), b = try CLI.run(["search"] + parsed)
            #expect(a.status == b.status && same(a.stdout) == same(b.stdout) && a.stderr == b.stderr, "\(quick)")
            #expect(!a.stdout.isEmpty || !a.stderr.isEmpty)
        }
        // Refused by the quick parser, parsed or explained by ArgumentParser.
        #expect(try CLI.run(["search", "Pflege", "--limit", "20000", "--index", index]).stderr.contains("--limit must be between"))
        let twice = try CLI.run(["search", "Pflege", "--json", "--json", "--limit", "9", "--limit", "2", "--index", index])
        let once = try CLI.run(["search", "Pflege", "--json", "--limit", "2", "--index", index])
        #expect(twice.status == 0 && same(twice.stdout) == same(once.stdout))
        #expect(try CLI.run(["search", "--frobnicate", "Pflege"]).stderr.contains("--frobnicate"))
        #expect(try CLI.run(["search", "--index", index, "--", "-Pflege", "Pflegegeld"]).status == 0)
    }

    @Test func missingOrDamagedIndexSaysHowToBuildIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = try CLI.run(["search", "Pflege", "--index", dir.path + "/none"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no index in") && missing.stderr.contains("fundstelle index"))

        try makeSite(dir.path)
        let index = dir.path + "/idx"
        #expect(try CLI.run(["index", dir.path + "/site", "--index", index]).status == 0)
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: index).first { $0.hasSuffix(".seg") })
        let checked = try CLI.run(["check", "--index", index])
        #expect(checked.status == 0 && checked.stdout.hasPrefix("OK: ") && checked.stdout.contains("3 documents"), "\(checked.stdout)")
        // One flipped byte in the middle: the checksum finds it.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: index + "/" + segment)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: index + "/" + segment))
        let flipped = try CLI.run(["check", "--index", index])
        #expect(flipped.status == 1 && flipped.stderr.contains(segment) && flipped.stderr.contains("checksum"))
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: index + "/" + segment))
        let damaged = try CLI.run(["search", "Pflege", "--index", index])
        #expect(damaged.status == 1)
        #expect(damaged.stderr.contains(segment) && damaged.stderr.contains("Rebuild"))
    }

    @Test func usageErrorsAndNothingToIndex() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["search", "x", "--limit", "-3"]).status == 64)
        // A search's usage errors and help name the whole command, as any other command's do
        // (the search command parses alone when it can; see Main.parseCommand).
        let unknown = try CLI.run(["search", "x", "--frobnicate"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--frobnicate") && unknown.stderr.contains("fundstelle search"))
        #expect(try CLI.run(["search", "--help"]).stdout.contains("USAGE: fundstelle search"))
        #expect(try CLI.run(["frobnicate"]).status == 64)
        let empty = try CLI.run(["index", dir.path, "--index", dir.path + "/idx"])
        #expect(empty.status == 1 && empty.stderr.contains("no files to index"))
        let help = try CLI.run(["--help"])
        for command in ["index", "search", "show", "stats", "extract", "analyze", "stem", "EXIT CODES"] {
            #expect(help.stdout.contains(command))
        }
    }

    /// ArgumentParser wraps help text at 80 columns when it prints to a pipe or a narrow
    /// terminal. A longer line followed by another line of the same paragraph then leaves a
    /// stub behind ("higher)", "segment)"): each command's discussion keeps its lines within
    /// 80 columns unless the line ends its paragraph (ArgumentParser reflows those itself).
    @Test func helpTextFitsEightyColumns() throws {
        let dump = try CLI.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var commands = [try #require(json["command"] as? [String: Any])]
        var checked = 0
        while let command = commands.popLast() {
            commands += command["subcommands"] as? [[String: Any]] ?? []
            let lines = (command["discussion"] as? String ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() where line.count > 80 {
                let endsParagraph = i + 1 == lines.count || lines[i + 1].allSatisfy(\.isWhitespace)
                #expect(endsParagraph, "\(command["commandName"] ?? "?"): \(line)")
            }
            checked += 1
        }
        #expect(checked >= 9)
    }

    @Test func extractAnalyzeStem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeSite(dir.path)
        let extracted = try CLI.run(["extract", dir.path + "/site/soziales/pflege.html", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(extracted.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Pflegeberatung im Sozialamt")
        #expect(object["lang"] as? String == "de")
        #expect(object["description"] as? String == "Beratung zur Pflege")
        #expect((object["text"] as? String)?.contains("Fachkräfte beraten") == true)
        for key in ["path", "date", "url"] { #expect(object[key] is String) }

        let analyzed = try CLI.run(["analyze", "--json", "Die Fachkraefte"])
        let tokens = try #require(try JSONSerialization.jsonObject(with: Data(analyzed.stdout.utf8)) as? [[String: Any]])
        #expect(tokens.count == 2)
        #expect(tokens[1]["start"] as? Int == 4 && tokens[1]["end"] as? Int == 15 && tokens[1]["position"] as? Int == 1)
        #expect(tokens[1]["stem"] as? String == "fachkraf")  // the index term; `stem` gives Snowball's
        #expect(tokens[0]["stopword"] as? Bool == true)

        let stems = try CLI.run(["stem"], stdin: "häuser\nstraße\nlehrerinnen\n")
        #expect(stems.stdout == "haus\nstrass\nlehr\n")
    }

    /// The stem command against Snowball's reference output, through the real binary.
    @Test(.enabled(if: SharedData.path("stemming/snowball-german/voc.txt") != nil))
    func stemCommandMatchesSnowball() throws {
        let voc = try String(contentsOfFile: SharedData.path("stemming/snowball-german/voc.txt")!, encoding: .utf8)
        let expected = try String(contentsOfFile: SharedData.path("stemming/snowball-german/output.txt")!, encoding: .utf8)
        let got = try CLI.run(["stem"], stdin: voc)
        #expect(got.stdout == expected)
    }
}

@Suite struct MirrorTests {
    /// A mirror with a copy of a page, a link to a page in it, a link out of it, a sitemap and a
    /// noindex page: the copies are one hit listing both paths, the rest is reported.
    @Test func copiesLinksSitemapsAndNoindex() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fm = FileManager.default
        let site = dir.path + "/mirror/www.stadt.example"
        try fm.createDirectory(atPath: site + "/soziales", withIntermediateDirectories: true)
        let page = "<html><head><title>Wohngeld</title></head><body><h1>Wohngeld</h1><p>Zuschuss zur Miete für Haushalte mit kleinem Einkommen.</p></body></html>"
        try page.write(toFile: site + "/soziales/wohngeld.html", atomically: false, encoding: .utf8)
        try page.write(toFile: site + "/soziales/wohngeld-kopie.html", atomically: false, encoding: .utf8)
        try "<html><body><p>Geheimer Entwurf</p></body></html>".write(toFile: dir.path + "/draussen.html", atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: site + "/raus.html", withDestinationPath: "../../draussen.html")
        try "<html><head><meta name=\"robots\" content=\"noindex\"></head><body><p>Intern</p></body></html>"
            .write(toFile: site + "/intern.html", atomically: false, encoding: .utf8)
        try "<?xml version=\"1.0\"?><urlset><url><loc>https://www.stadt.example/</loc></url></urlset>"
            .write(toFile: site + "/sitemap.xml", atomically: false, encoding: .utf8)
        let index = dir.path + "/idx"

        let indexed = try CLI.run(["index", dir.path + "/mirror", "--index", index])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains("Indexed 1 documents from 2 files"), "\(indexed.stdout)")
        #expect(indexed.stdout.contains("raus.html: symbolic link leads out of the indexed folder"))
        #expect(indexed.stdout.contains("intern.html: robots meta tag says noindex"))
        #expect(indexed.stdout.contains("sitemap.xml: sitemap"))

        let search = try CLI.run(["search", "Miete", "--index", index, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
        let hit = try #require((object["hits"] as? [[String: Any]])?.first)
        #expect(hit["path"] as? String == "www.stadt.example/soziales/wohngeld-kopie.html")
        #expect(hit["duplicates"] as? [String] == ["www.stadt.example/soziales/wohngeld.html"])
        // The copy's path shows the document and filters to it, as the first path does.
        let shown = try CLI.run(["show", "www.stadt.example/soziales/wohngeld.html", "--index", index])
        #expect(shown.status == 0 && shown.stdout.contains("Zuschuss zur Miete"), "\(shown.stderr)")
        #expect(try CLI.run(["search", "Miete path:www.stadt.example/soziales/wohngeld.html", "--index", index]).stdout.contains("1 hit"))
        #expect(try CLI.run(["search", "Geheimer", "--index", index]).stdout.contains("0 hits"))
    }
}

@Suite struct UpdateTests {
    static func page(_ title: String, _ text: String) -> String {
        "<html><body><h1>\(title)</h1><p>\(text)</p></body></html>"
    }

    /// Indexing a folder again reads only what changed: new, changed and removed files, and
    /// files touched without change are unchanged; --full rebuilds.
    @Test func indexingAgainUpdates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let site = dir.path + "/site"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        for i in 1...5 {
            try Self.page("Seite \(i)", "Wohngeld Antrag Nummer \(i) mit Unterlagen.").write(toFile: site + "/p\(i).html", atomically: false, encoding: .utf8)
        }
        let index = dir.path + "/idx"
        #expect(try CLI.run(["index", site, "--index", index]).stdout.contains("Indexed 5 documents"))
        #expect(try CLI.run(["index", site, "--index", index]).stdout.contains("Up to date: 5 files unchanged"))

        try Self.page("Seite 2 neu", "Pflegegeld statt Wohngeld.").write(toFile: site + "/p2.html", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: site + "/p3.html")
        try Self.page("Seite 6", "Kinderzuschlag.").write(toFile: site + "/p6.html", atomically: false, encoding: .utf8)
        // Same bytes, new time: unchanged by its content hash.
        try Self.page("Seite 4", "Wohngeld Antrag Nummer 4 mit Unterlagen.").write(toFile: site + "/p4.html", atomically: false, encoding: .utf8)
        let updated = try CLI.run(["index", site, "--index", index])
        #expect(updated.stdout.contains("1 new, 1 changed, 1 removed, 3 unchanged files"), "\(updated.stdout)")
        // p4, read and found unchanged, counts once in the progress (it said 6/5 files, 120 %).
        #expect(updated.stderr.contains("indexed 5/5 files (100 %)") && !updated.stderr.contains("6/5"), "\(updated.stderr)")

        let wohngeld = try CLI.run(["search", "Wohngeld", "--index", index, "--json", "--limit", "20"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(wohngeld.stdout.utf8)) as? [String: Any])
        let paths = Set((object["hits"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths == ["p1.html", "p2.html", "p4.html", "p5.html"])
        #expect(try CLI.run(["show", "p3.html", "--index", index]).status == 1)
        #expect(try CLI.run(["search", "Kinderzuschlag", "--index", index]).stdout.contains("p6.html"))
        let checked = try CLI.run(["check", "--index", index])
        #expect(checked.status == 0 && checked.stdout.contains("(2 deleted)"), "\(checked.stdout)")

        let rebuilt = try CLI.run(["index", site, "--index", index, "--full"])
        #expect(rebuilt.stdout.contains("Indexed 5 documents from 5 files"), "\(rebuilt.stdout)")
        #expect(try CLI.run(["check", "--index", index]).stdout.contains("(0 deleted)"))
    }

    /// A changed file of many records (a feed) is updated record by record: the items that
    /// stayed the same are not indexed again; the changed one is replaced, the gone one deleted,
    /// the new one added.
    @Test func aChangedFeedIsUpdatedRecordByRecord() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let site = dir.path + "/site"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        func feed(_ items: [(id: String, title: String, text: String)]) -> String {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Stadt Neuigkeiten</title>"
                + items.map { "<item><title>\($0.title)</title><guid>\($0.id)</guid><description>\($0.text)</description></item>" }.joined()
                + "</channel></rss>"
        }
        let a = (id: "a", title: "Wohngeld neu", text: "Der Antrag auf Wohngeld geht jetzt online.")
        let b = (id: "b", title: "Pflegestützpunkt", text: "Der Pflegestützpunkt berät montags.")
        let c = (id: "c", title: "Kita-Anmeldung", text: "Die Kitaplatzvergabe beginnt im März.")
        let d = (id: "d", title: "Seniorentreff", text: "Der Seniorentreff öffnet dienstags.")
        try feed([a, b, c, d]).write(toFile: site + "/feed.xml", atomically: false, encoding: .utf8)
        try UpdateTests.page("Seite", "Eine Seite ohne Feed.").write(toFile: site + "/seite.html", atomically: false, encoding: .utf8)
        let index = dir.path + "/idx"
        #expect(try CLI.run(["index", site, "--index", index]).stdout.contains("Indexed 5 documents"))

        let b2 = (id: "b", title: "Pflegestützpunkt", text: "Der Pflegestützpunkt berät jetzt auch freitags.")
        let e = (id: "e", title: "Schuldnerberatung", text: "Die Schuldnerberatung hat neue Sprechzeiten.")
        try feed([a, b2, d, e]).write(toFile: site + "/feed.xml", atomically: false, encoding: .utf8)
        let updated = try CLI.run(["index", site, "--index", index])
        #expect(updated.stdout.contains("0 new, 1 changed, 0 removed, 1 unchanged file"), "\(updated.stdout)")
        #expect(updated.stdout.contains("Records of changed files: 1 new, 1 changed, 1 removed, 2 unchanged"), "\(updated.stdout)")
        // Only the changed item's old version and the gone item are deleted: the others stayed.
        let checked = try CLI.run(["check", "--index", index])
        #expect(checked.status == 0 && checked.stdout.contains("(2 deleted)"), "\(checked.stdout)")
        #expect(try CLI.run(["search", "freitags", "--index", index]).stdout.contains("feed.xml#b"))
        #expect(try CLI.run(["search", "Schuldnerberatung", "--index", index]).stdout.contains("feed.xml#e"))
        #expect(try CLI.run(["search", "Kitaplatzvergabe", "--index", index]).stdout.hasPrefix("0 hits"))
        #expect(try CLI.run(["search", "Wohngeld", "--index", index]).stdout.contains("feed.xml#a"))
        #expect(try CLI.run(["search", "Seniorentreff", "--index", index]).stdout.contains("feed.xml#d"))
        // Indexing again finds nothing to do, and the items are there once each.
        #expect(try CLI.run(["index", site, "--index", index]).stdout.contains("Up to date: 2 files unchanged"))
        let stats = try CLI.run(["stats", "--json", "--index", index])
        let json = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(json?["documents"] as? Int == 5)
    }
}

@Suite struct CrashTests {
    /// `stats --json` of an index: its generation and live documents.
    private static func state(_ index: String) throws -> (generation: Int, documents: Int) {
        let out = try CLI.run(["stats", "--json", "--index", index])
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        return (json?["generation"] as? Int ?? -1, json?["documents"] as? Int ?? -1)
    }

    /// Killed (SIGKILL) at 24 random moments while it rebuilds the index from one folder or the
    /// other, the writer leaves each time an index that passes `check` and holds exactly the
    /// documents of the last commit: the old folder's when the kill came first, the new one's
    /// when the commit did.
    @Test func killedAtRandomMomentsTheIndexHoldsExactlyTheLastCommit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Two folders of about the same size; only the second one's pages carry the marker word.
        let folders = [dir.path + "/amt", dir.path + "/seiten"]
        for (f, folder) in folders.enumerated() {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for i in 0..<(f == 0 ? 100 : 120) {
                let text = (0..<40).map { "Absatz \($0) der Seite \(i) über Wohngeld, Pflege und Beratung im Stadtteil \(i % 7)." }.joined(separator: " ")
                try "<html><head><title>Seite \(f)-\(i)</title></head><body><p>\(f == 1 ? "Killtestmarke " : "")\(text)</p></body></html>"
                    .write(toFile: folder + "/seite\(i).html", atomically: false, encoding: .utf8)
            }
        }
        // Each folder's documents, and how long an undisturbed rebuild takes.
        let counts = try folders.indices.map { f -> Int in
            let index = dir.path + "/ref\(f)"
            #expect(try CLI.run(["index", folders[f], "--index", index]).status == 0)
            return try Self.state(index).documents
        }
        #expect(counts == [100, 120])
        let index = dir.path + "/idx"
        let started = Date()
        #expect(try CLI.run(["index", folders[1], "--index", index]).status == 0)
        let runtime = Date().timeIntervalSince(started)
        var current = (folder: 1, generation: try Self.state(index).generation)

        var random = SplitMix64(seed: 2026)
        var killed = 0, committedFirst = 0
        for round in 0..<24 {
            let folder = round % 2 == 0 ? 0 : 1  // always the other folder than the last commit's
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["index", folders[folder], "--index", index, "--full"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Anywhere in a rebuild, and now and then just after it.
            Thread.sleep(forTimeInterval: runtime * 1.1 * Double(random.next() % 1000) / 1000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 }

            let checked = try CLI.run(["check", "--index", index])
            #expect(checked.status == 0, "round \(round): \(checked.stderr)")
            let now = try Self.state(index)
            if now.generation != current.generation {
                #expect(now.generation > current.generation, "round \(round)")
                current = (folder, now.generation)
                committedFirst += 1
            }
            #expect(now.documents == counts[current.folder], "round \(round): \(now.documents) documents")
            let marked = try CLI.run(["search", "Killtestmarke", "--json", "--limit", "0", "--index", index])
            #expect(marked.stdout.contains("\"total\":\(current.folder == 1 ? 120 : 0),"), "round \(round)")
        }
        print("CrashTests: \(killed) of 24 writers killed mid-run; \(committedFirst) had committed first")
        #expect(killed >= 12)  // most kills land inside a run (a slow machine may stretch some runs)
    }

    /// A disk that fills up while the index is rebuilt: the run fails with an error naming the
    /// file, the last commit stays as it was (`check` passes, same documents), the files the run
    /// wrote are gone, so their space is free again, and the next run works. A file-size limit
    /// (`ulimit -f`, its signal ignored) stands in for the full disk: `write` fails the same way,
    /// with EFBIG instead of ENOSPC.
    @Test func fullDiskFailsTheRunAndKeepsTheLastCommit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let corpus = SharedData.packageRoot + "/Corpus"
        let index = dir.path + "/idx"
        #expect(try CLI.run(["index", corpus + "/gesetze-im-internet", "--index", index]).status == 0)
        let before = try Self.state(index)
        let committed = Set(try FileManager.default.contentsOfDirectory(atPath: index))
        // The segments a rebuild writes with a small RAM budget: the first must fit under the
        // second limit, a later, larger one must not.
        let reference = dir.path + "/ref"
        let referenceRun = try CLI.run(["index", corpus, "--index", reference, "--ram-budget", "2"])
        #expect(referenceRun.status == 0)
        // Each segment's pause is announced, so the progress does not seem to hang.
        #expect(referenceRun.stderr.contains("writing segment 1: analysing ") && referenceRun.stderr.contains("writing segment 2: analysing "))
        let sizes = try FileManager.default.contentsOfDirectory(atPath: reference).filter { $0.hasSuffix(".seg") }
            .map { try FileManager.default.attributesOfItem(atPath: reference + "/" + $0)[.size] as? Int ?? 0 }
        let first = try FileManager.default.attributesOfItem(atPath: reference + "/s1_0.seg")[.size] as? Int ?? 0
        #expect(sizes.contains { $0 > first + 1024 })
        for kilobytes in [16, first / 1024 + 1] {
            let run = try CLI.run([
                "-c", "trap '' XFSZ; ulimit -f \(kilobytes); exec \"$0\" \"$@\"", CLI.binary,
                "index", corpus, "--index", index, "--full", "--ram-budget", "2",
            ], executable: "/bin/bash")
            #expect(run.status != 0, "limit \(kilobytes) KB")
            #expect(run.stderr.contains(index) && run.stderr.contains("File too large"), "\(run.stderr)")
            #expect(try Self.state(index) == before)
            #expect(try CLI.run(["check", "--index", index]).status == 0)
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: index)) == committed, "limit \(kilobytes) KB")
        }
        let again = try CLI.run(["index", corpus + "/gesetze-im-internet", "--index", index, "--full"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.state(index).generation == before.generation + 1)
    }

    /// A writer killed (SIGKILL) in the middle of indexing leaves a readable, consistent index:
    /// the previous commit, or the new one if it got that far. Nothing half-written is read.
    @Test func killedWriterLeavesTheIndexIntact() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let index = dir.path + "/idx"
        let corpus = SharedData.packageRoot + "/Corpus"
        let first = try CLI.run(["index", corpus + "/gesetze-im-internet", "--index", index])
        #expect(first.status == 0, "\(first.stderr)")
        for delay in [0.2, 0.6, 1.2] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["index", corpus, "--index", index, "--full"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let checked = try CLI.run(["check", "--index", index])
            #expect(checked.status == 0, "after a kill at \(delay) s: \(checked.stderr)")
            #expect(try CLI.run(["search", "Leistungsberechtigte", "--index", index]).stdout.contains("hits"))
        }
        // The next writer is not locked out by the dead one, and cleans up after it.
        let again = try CLI.run(["index", corpus, "--index", index, "--full"])
        #expect(again.status == 0, "\(again.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
