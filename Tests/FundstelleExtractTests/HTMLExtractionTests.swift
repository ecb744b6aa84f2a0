import Testing
import FundstelleExtract

@Suite("HTML text and metadata")
struct HTMLExtractionTests {
    @Test func scriptsStylesAndCommentsAreSkipped() throws {
        let document = try Fixtures.single(Fixtures.page(
            body: """
                <p>Vorher</p><script>var geheim = "nein";</script><style>p { color: red }</style>
                <noscript>Bitte JavaScript aktivieren</noscript><template><p>Vorlage</p></template>
                <!-- Kommentar --><p>Nachher</p><div hidden>Versteckt</div>
                """,
            head: "<script>var kopf = 1;</script><style>body {}</style>"))
        #expect(document.body == "Vorher\nNachher")
    }

    @Test func titleIsTrimmedAndCollapsed() throws {
        let document = try Fixtures.single(Fixtures.page(
            body: "<h2>Überschrift</h2><p>Text</p>", head: "<title>\n   Wohngeld  \n beantragen </title>"))
        #expect(document.title == "Wohngeld beantragen")
        #expect(document.headings == ["Überschrift"])
    }

    /// The content's h1 is the page's own headline, over a shorter or different `<title>`.
    @Test func contentHeadlineIsTheTitle() throws {
        let document = try Fixtures.single(Fixtures.page(
            body: "<h1>Wohngeld beantragen: so geht es</h1><p>Text</p>", head: "<title>Wohngeld | Stadt Musterstadt</title>"))
        #expect(document.title == "Wohngeld beantragen: so geht es")
        let blog = try Fixtures.single(Fixtures.page(
            body: "<h1>Musterstadt</h1><p>Text</p>", head: "<title>Wohngeld | Musterstadt</title>"))
        #expect(blog.title == "Wohngeld")
    }

    @Test func titleFallsBackToFirstH1() throws {
        let document = try Fixtures.single(Fixtures.page(
            body: "<h2>Vorspann</h2><h1>Bürgergeld</h1><p>Text</p><h1>Zweite</h1>"))
        #expect(document.title == "Bürgergeld")
        #expect(document.headings == ["Vorspann", "Zweite"])
    }

    @Test func headingsInOrderAndNotInBody() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <h1>Titel <small>der Seite</small></h1><p>Einleitung</p>
            <h2>Erster <em>Teil</em></h2><p>Inhalt eins</p>
            <section><h3>Unterpunkt</h3><p>Inhalt zwei</p></section>
            <h6>Klein</h6>
            """, head: "<title>Seite</title>"))
        #expect(document.title == "Titel der Seite")
        #expect(document.headings == ["Erster Teil", "Unterpunkt", "Klein"])
        #expect(document.body == "Einleitung\nInhalt eins\nInhalt zwei")
    }

    @Test func headingEqualToTitleIsNotRepeated() throws {
        let document = try Fixtures.single(Fixtures.page(
            body: "<h1>Kindergeld</h1><p>Text</p><h2>Antrag</h2>", head: "<title>Kindergeld</title>"))
        #expect(document.headings == ["Antrag"])
    }

    @Test func inlineElementsNeverSplitWords() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <p>Sozial<b>hilfe</b> und Wohn<span>geld</span>, <a href="#">Grund</a><em>sicherung</em>,
            H<sub>2</sub>O, m<sup>2</sup>, <abbr title="Sozialgesetzbuch">SGB</abbr><strong>II</strong>,
            Zu&shy;schuss</p>
            """))
        #expect(document.body == "Sozialhilfe und Wohngeld, Grundsicherung, H2O, m2, SGBII, Zuschuss")
    }

    @Test func blocksSeparateParagraphs() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <div>Eins</div><div>Zwei<br>Drei</div><ul><li>Vier</li><li>Fünf</li></ul>
            <table><tr><td>Sechs</td><td>Sieben</td></tr></table><p>Acht</p><blockquote>Neun</blockquote>
            <dl><dt>Zehn</dt><dd>Elf</dd></dl><figure><img src="x.png" alt="Bild"><figcaption>Zwölf</figcaption></figure>
            """))
        #expect(document.body == "Eins\nZwei\nDrei\nVier\nFünf\nSechs\nSieben\nAcht\nNeun\nZehn\nElf\nBild\nZwölf")
    }

    @Test func whitespaceCollapsesWithinParagraphs() throws {
        let document = try Fixtures.single(Fixtures.page(body: "<p>  viel \n\t  Raum&nbsp;&nbsp;hier  </p>\n\n<p>\n</p><p>Ende</p>"))
        #expect(document.body == "viel Raum hier\nEnde")
    }

    @Test func preformattedTextKeepsLines() throws {
        let document = try Fixtures.single(Fixtures.page(body: "<pre>Zeile 1\nZeile   2</pre><p>Danach</p>"))
        #expect(document.body == "Zeile 1\nZeile 2\nDanach")
    }

    @Test func imageAltTextIsBodyText() throws {
        let document = try Fixtures.single(Fixtures.page(body: "<p>Logo:<img src=\"a.png\" alt=\"Bundesagentur für Arbeit\">Start</p>"))
        #expect(document.body == "Logo: Bundesagentur für Arbeit Start")
    }

    @Test func metadata() throws {
        let document = try Fixtures.single("""
            <!DOCTYPE html><html lang="de-DE"><head><meta charset="utf-8"><title>Seite</title>
            <meta name="description" content="  Alles zum   Wohngeld ">
            <meta name="date" content="2025-07-03T10:15:00+02:00">
            <link rel="canonical" href="https://example.org/wohngeld">
            <meta property="og:url" content="https://example.org/og">
            </head><body><p>Text</p><time datetime="2020-01-01">1. Januar</time></body></html>
            """)
        #expect(document.description == "Alles zum Wohngeld")
        #expect(document.language == "de-DE")
        #expect(document.date == "2025-07-03")
        #expect(document.url == "https://example.org/wohngeld")
        #expect(document.body == "Text\n1. Januar")
    }

    @Test(arguments: [
        ("<meta name=\"dcterms.date\" content=\"2024-02-29\">", "2024-02-29"),
        ("<meta name=\"DC.date\" content=\"03.07.2025\">", "2025-07-03"),
        ("<meta property=\"article:published_time\" content=\"2023-11-06T08:00:00Z\">", "2023-11-06"),
        ("<meta name=\"date\" content=\"2019-10\">", "2019-10"),
        ("<meta name=\"date\" content=\"irgendwann\">", ""),
    ])
    func dateMetaTags(tag: String, expected: String) throws {
        #expect(try Fixtures.single(Fixtures.page(body: "<p>x</p>", head: tag)).date == expected)
    }

    @Test func timeElementDateAndOpenGraphFallbacks() throws {
        let document = try Fixtures.single("""
            <html xml:lang="de"><head><meta property="og:url" content="https://example.org/og">
            <meta property="og:description" content="OG-Beschreibung"></head>
            <body><p>Stand: <time datetime="2025-07-03T12:00">3. Juli</time></p></body></html>
            """)
        #expect(document.date == "2025-07-03")
        #expect(document.url == "https://example.org/og")
        #expect(document.description == "OG-Beschreibung")
        #expect(document.language == "de")
    }

    @Test func contentLanguageMetaWhenHTMLHasNoLang() throws {
        let document = try Fixtures.single(Fixtures.page(
            body: "<p>x</p>", head: "<meta http-equiv=\"content-language\" content=\"de_AT, en\">"))
        #expect(document.language == "de-AT")
    }

    @Test func malformedLanguageIsIgnored() throws {
        let document = try Fixtures.single("""
            <html lang="lang="de-DE""><head><meta http-equiv="content-language" content="de"></head><body>x</body></html>
            """)
        #expect(document.language == "de")
    }

    /// An early `</html>` makes libxml2 start a second top-level `<html>`; its text counts too.
    @Test func textAfterEarlyClosingHTMLTag() throws {
        let document = try Fixtures.single(
            "<!DOCTYPE html><html><head><title>T</title></head></html>\n<html><body><p>Zweiter Teil</p></body></html>")
        #expect(document.title == "T")
        #expect(document.body == "Zweiter Teil")
    }

    @Test func deepNestingDoesNotCrash() throws {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "tief"
            + String(repeating: "</div>", count: depth) + "<p>Ende</p></body></html>"
        let document = try Fixtures.single(html)
        #expect(document.body.hasSuffix("Ende"))
    }

    /// An XHTML law page (XML-ish doctype, ISO-8859-1) goes through the HTML path.
    @Test func xhtmlLawPageUsesHTMLPath() throws {
        let bytes = Fixtures.latin1("""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de"><head>
            <meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />
            <title>&#167; 27 SGB 12 - Einzelnorm</title></head><body>
            <h1>Sozialgesetzbuch<br /><span class="jnenbez">&#167; 27</span>&#160;<span>Leistungsberechtigte</span></h1>
            <div class="jurAbsatz">(1) Hilfe zum Lebensunterhalt ist Personen zu leisten, die ihren notwendigen Lebensunterhalt nicht aus eigenen Kr\u{E4}ften bestreiten k&#246;nnen.</div>
            </body></html>
            """)
        let document = try Fixtures.single(bytes, path: "sgb_12/__27.html")
        #expect(document.title == "Sozialgesetzbuch § 27 Leistungsberechtigte")
        #expect(document.headings.isEmpty)
        #expect(document.language == "de")
        #expect(document.body.contains("eigenen Kräften bestreiten können."))
    }

    @Test func pageStartingWithTextIsStillHTML() throws {
        let document = try Fixtures.single("Warning: deprecated in /www/x.php <html><body><p>Inhalt</p></body></html>")
        #expect(document.body.hasSuffix("Inhalt"))
    }
}
