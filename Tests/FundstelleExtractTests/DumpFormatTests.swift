import Testing
import FundstelleExtract

/// XML files of many records, pages that refuse indexing, and hostile XML.
@Suite("Dump formats and safety")
struct DumpFormatTests {
    @Test func rssItemsAreDocuments() throws {
        let feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <title>Stadt Musterstadt – Aktuelles</title><language>de</language>
            <item><title>Wohngeld-Plus ab Januar</title><link>https://stadt.example/wohngeld</link>
            <pubDate>Tue, 03 Jan 2023 09:00:00 +0100</pubDate>
            <description>&lt;p&gt;Mehr Haushalte erhalten &lt;b&gt;Wohn&lt;/b&gt;geld.&lt;/p&gt;</description></item>
            <item><title>Pflegestützpunkt zieht um</title><guid>p-17</guid>
            <content:encoded><![CDATA[<p>Der Pflegestützpunkt berät ab Februar im Rathaus.</p>]]></content:encoded></item>
            </channel></rss>
            """
        let docs = try Extractor().extract(Array(feed.utf8), path: "feed.xml")
        #expect(docs.map(\.path) == ["feed.xml#https://stadt.example/wohngeld", "feed.xml#p-17"])
        #expect(docs[0].title == "Wohngeld-Plus ab Januar")
        #expect(docs[0].body == "Mehr Haushalte erhalten Wohngeld.")
        #expect(docs[0].date == "2023-01-03")
        #expect(docs[0].url == "https://stadt.example/wohngeld")
        #expect(docs[0].collection == "Stadt Musterstadt – Aktuelles" && docs[0].language == "de")
        #expect(docs[1].body == "Der Pflegestützpunkt berät ab Februar im Rathaus.")
    }

    @Test func atomEntriesAreDocuments() throws {
        let feed = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Sozialamt</title>
            <entry><title>Sprechzeiten</title><link rel="alternate" href="https://stadt.example/zeiten"/>
            <link rel="edit" href="https://stadt.example/edit/1"/><published>2024-05-02T08:00:00Z</published>
            <summary type="html">&lt;p&gt;Montags geschlossen.&lt;/p&gt;</summary></entry></feed>
            """
        let docs = try Extractor().extract(Array(feed.utf8), path: "atom.xml")
        #expect(docs.count == 1)
        #expect(docs.first?.url == "https://stadt.example/zeiten")
        #expect(docs.first?.date == "2024-05-02")
        #expect(docs.first?.body == "Montags geschlossen.")
        #expect(docs.first?.language == "de")
    }

    @Test func recordOptionSplitsAnExport() throws {
        let export = """
            <export><angebot id="a1"><name>Schuldnerberatung</name><datum>01.02.2024</datum><text>Beratung bei Schulden.</text></angebot>
            <angebot id="a2"><name>Tafel</name><text>Lebensmittel für Bedürftige.</text></angebot></export>
            """
        let docs = try Extractor(recordElement: "angebot").extract(Array(export.utf8), path: "export.xml")
        #expect(docs.map(\.path) == ["export.xml#a1", "export.xml#a2"])
        #expect(docs.map(\.title) == ["Schuldnerberatung", "Tafel"])
        #expect(docs[0].date == "2024-02-01")
        #expect(docs[1].body.contains("Lebensmittel für Bedürftige."))
        #expect(throws: ExtractError.noRecords(element: "eintrag")) {
            try Extractor(recordElement: "eintrag").extract(Array(export.utf8), path: "export.xml")
        }
        // Without the option the export is one document.
        #expect(try Extractor().extract(Array(export.utf8), path: "export.xml").count == 1)
    }

    @Test func sitemapsAndNoindexPagesAreRefused() {
        let sitemap = #"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://stadt.example/</loc></url></urlset>"#
        #expect(throws: ExtractError.sitemap) { try Extractor().extract(Array(sitemap.utf8), path: "sitemap.xml") }
        let page = #"<html><head><meta name="robots" content="NOINDEX, follow"></head><body><p>Intern</p></body></html>"#
        #expect(throws: ExtractError.noindex) { try Extractor().extract(Array(page.utf8), path: "intern.html") }
    }

    @Test func mirrorPathGivesTheURL() throws {
        let page = Fixtures.page(body: "<p>Text</p>")
        #expect(try Fixtures.single(page, path: "www.stadt.example/soziales/wohngeld.html").url == "https://www.stadt.example/soziales/wohngeld.html")
        #expect(try Fixtures.single(page, path: "soziales/wohngeld.html").url == "")
    }

    /// Entity expansion bombs are not expanded: the file is refused or yields bounded text.
    @Test func billionLaughsIsBounded() {
        var dtd = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        for i in 1...9 {
            let previous = i == 1 ? "lol" : "lol\(i - 1)"
            dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let bomb = dtd + "]><lolz>&lol9;</lolz>"
        do {
            let docs = try Extractor().extract(Array(bomb.utf8), path: "lolz.xml")
            #expect(docs.allSatisfy { $0.body.utf8.count < 10_000 })
        } catch {
            #expect(!error.description.isEmpty)
        }
    }

    /// XML nested deeper than libxml2's limit (256) is refused with the reason, not a crash.
    /// (HTML of any depth is read: the tree walk needs no stack; see `deepNestingDoesNotCrash`.)
    @Test func deepXMLIsRefused() throws {
        let deep = "<?xml version=\"1.0\"?>" + String(repeating: "<e>", count: 5_000) + "x" + String(repeating: "</e>", count: 5_000)
        do {
            _ = try Extractor().extract(Array(deep.utf8), path: "deep.xml")
            Issue.record("deep XML was accepted")
        } catch {
            #expect(error.description.contains("depth"))
        }
    }
}
