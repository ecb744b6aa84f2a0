import Testing
import FundstelleExtract

/// Main content against the template around it: what a city page looks like.
@Suite("Main content")
struct MainContentTests {
    /// Prose long enough to count as paragraphs of running text.
    static let paragraph1 = "Wohngeld ist ein Zuschuss zur Miete oder zur Belastung bei selbst genutztem Wohneigentum. Es wird auf Antrag gezahlt, wenn das Einkommen des Haushalts gering ist."
    static let paragraph2 = "Den Antrag stellen Sie bei der Wohngeldstelle Ihrer Stadt. Bringen Sie Nachweise über Einkommen, Miete und die Zahl der Haushaltsmitglieder mit, damit die Bearbeitung schnell geht."

    static func cityPage(content: String) -> String {
        Fixtures.page(body: """
            <a class="skip" href="#inhalt">Inhalt anspringen</a>
            <div class="cookie-banner"><p>Wir verwenden Cookies, um Ihnen die bestmögliche Nutzung unserer Website zu ermöglichen und unsere Kommunikation zu verbessern.</p><button>Alle akzeptieren</button></div>
            <header><a href="/">Stadt Musterstadt</a><ul><li><a href="/ls">Leichte Sprache</a></li><li><a href="/gs">Gebärdensprache</a></li></ul></header>
            <nav><ul><li><a href="/a">Rathaus</a></li><li><a href="/b">Soziales</a></li><li><a href="/c">Kultur</a></li></ul></nav>
            <div class="breadcrumb"><a href="/">Startseite</a> &gt; <a href="/s">Soziales</a> &gt; Wohngeld</div>
            \(content)
            <aside><h2>Kontakt</h2><p>Wohngeldstelle, Rathausplatz 1, Telefon 0123 456789, montags bis freitags von 8 bis 12 Uhr geöffnet.</p></aside>
            <footer><ul><li><a href="/e">Erläuterungen und Hinweise</a></li><li><a href="/b">Bildnachweise</a></li><li><a href="/bf">Barrierefreiheit</a></li><li><a href="/i">Impressum</a></li></ul></footer>
            """, head: "<title>Wohngeld | Stadt Musterstadt</title>")
    }

    @Test func templateAroundTheContentIsDropped() throws {
        let document = try Fixtures.single(Self.cityPage(content: """
            <div id="inhalt"><h1>Wohngeld</h1><p>\(Self.paragraph1)</p><h2>Antrag</h2><p>\(Self.paragraph2)</p>
            <ul><li>Personalausweis</li><li>Mietvertrag</li></ul><figure><img src="x.jpg" alt="Formular Wohngeldantrag"><figcaption>Der Antrag</figcaption></figure></div>
            """))
        #expect(document.title == "Wohngeld")
        #expect(document.headings == ["Antrag"])
        for kept in ["Wohngeld ist ein Zuschuss", "Bringen Sie Nachweise", "Personalausweis", "Formular Wohngeldantrag", "Der Antrag"] {
            #expect(document.body.contains(kept), "\(kept)")
        }
        for dropped in ["Inhalt anspringen", "Cookies", "akzeptieren", "Leichte Sprache", "Rathaus\n", "Startseite", "Kontakt", "Telefon", "Barrierefreiheit", "Impressum", "Bildnachweise"] {
            #expect(!document.body.contains(dropped), "\(dropped)")
        }
    }

    /// A heading whose section the content left out (a related-links box under "Mehr zum
    /// Thema") goes with it; headings in a row with nothing left out between them stay, and
    /// so does a heading whose subsections hold the text.
    @Test func headingOfALeftOutSectionGoes() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <article><h1>Wohngeld</h1><p>\(Self.paragraph1)</p>
            <h2>Mehr zum Thema</h2><div class="related"><ul><li><a href="/a">Wohngeldrechner</a></li><li><a href="/b">Mietspiegel</a></li></ul></div>
            <h2>Antrag</h2><h3>Unterlagen</h3><p>\(Self.paragraph2)</p>
            <h3>Erster Satz, als Überschrift gesetzt.</h3><h3>Zweiter Satz, ebenso.</h3>
            <h2>Top 5 Soziales</h2><aside><ol><li><a href="/c">Kita-Gebühren</a></li><li><a href="/d">Elterngeld</a></li></ol></aside></article>
            """))
        #expect(document.headings == ["Antrag", "Unterlagen", "Erster Satz, als Überschrift gesetzt.", "Zweiter Satz, ebenso."])
        #expect(!document.body.contains("Wohngeldrechner") && !document.body.contains("Elterngeld"))
    }

    /// A label ending in a colon goes with the list it introduces when that list was left
    /// out (a list of links), and stays before a list of content.
    @Test func labelOfALeftOutListGoes() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <article><h1>Wohngeld</h1><p>\(Self.paragraph1)</p>
            <div><span>Darstellung:</span><ul><li><a href="/a">Auto</a></li><li><a href="/b">Mobil</a></li><li><a href="/c">Desktop</a></li></ul></div>
            <p>\(Self.paragraph2)</p><div><span>Unterlagen:</span><ul><li>Personalausweis</li><li>Mietvertrag</li></ul></div></article>
            """))
        #expect(!document.body.contains("Darstellung") && !document.body.contains("Mobil"))
        #expect(document.body.contains("Unterlagen:") && document.body.contains("Mietvertrag"))
    }

    /// A line of links between line breaks of a text block is a menu and goes, and a line of
    /// furniture too; a line with words around its links stays.
    @Test func lineOfLinksInsideATextBlockGoes() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <article><h1>Wohngeld</h1><div>\(Self.paragraph1)<br><br>
            <a href="/presse">Pressemappe der Stadt</a> <span>|</span> <a href="/rss">RSS-Feed abonnieren</a><br><br>
            Mehr dazu im <a href="/antrag">Antragsformular</a> und in der <a href="/faq">Liste der Fragen</a>.<br>
            <b>ANZEIGE - Jetzt Tickets sichern:</b><br><b>Wichtig:</b> Fristen beachten.<br>
            <a href="/forum">Weitere Informationen hierzu gibt es in Kürze auf unserer Website.</a><br>
            \(Self.paragraph2)</div></article>
            """))
        #expect(!document.body.contains("Pressemappe") && !document.body.contains("RSS-Feed"))
        // A line of elements alone is read as a block is: an advertisement's label is furniture.
        #expect(!document.body.contains("Tickets") && document.body.contains("Wichtig: Fristen beachten."))
        #expect(!document.body.contains("in Kürze"))  // a line pointing elsewhere ("Weitere Informationen hierzu …")
        #expect(document.body.contains("Mehr dazu im Antragsformular und in der Liste der Fragen"))
        #expect(document.body.contains("Wohngeld ist ein Zuschuss") && document.body.contains("Bringen Sie Nachweise"))
    }

    /// A short label named for the page's category ("post--category": "Promis") goes; an
    /// element with that name holding the text stays; a line of punctuation alone goes.
    @Test func categoryLabelAndPunctuationLinesGo() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <div class="single"><div class="post--category"><span>Promis</span></div><h1>Wohngeld steigt</h1>
            <div class="category" id="navigation"><span>Rathaus und Bürgerservice, Soziales und Gesundheit</span></div>
            <div class="category-content"><p>\(Self.paragraph1)</p><p>***</p></div><div class="text"><p>\(Self.paragraph2)</p><p>, , ,</p></div></div>
            """))
        #expect(!document.body.contains("Promis"))
        #expect(!document.body.contains("Rathaus"))  // the id names navigation: the class's category gives way
        #expect(document.body.contains("Wohngeld ist ein Zuschuss") && document.body.contains("Bringen Sie Nachweise"))
        #expect(!document.body.contains("***") && !document.body.contains(", , ,"))
        let code = try Fixtures.single(Fixtures.page(body: "<article><h1>Beispiel</h1><p>\(Self.paragraph1)</p><pre>Frist   30 Tage\n-----   -------</pre></article>"))
        #expect(code.body.hasSuffix("Frist 30 Tage\n----- -------"))  // a preformatted block's lines all stay
        #expect(!document.body.contains("\n\n") && !document.body.hasSuffix("\n"))
    }

    @Test func mainElementIsTheContent() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <div class="wrapper"><div class="col"><p>\(Self.paragraph2) Randspalte ohne Namen.</p></div>
            <main><h1>Wohngeld</h1><p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p></main></div>
            """))
        #expect(document.body.contains("Wohngeld ist ein Zuschuss"))
        #expect(!document.body.contains("Randspalte"))
    }

    @Test func articleBodyMarkupWinsOverLongerReaderPosts() throws {
        // The posts below hold most of the page's prose; schema.org's articleBody says which
        // text is the article.
        let post = "<li class=\"member\"><p>Ich sehe das ganz anders als die Autorin, denn die Lage ist viel komplizierter, als es in dem Text dargestellt wird, und das sollte man auch sagen.</p></li>"
        let document = try Fixtures.single(Fixtures.page(body: """
            <div class="page"><div class="rack"><article itemprop="articleBody"><h1>Wohngeld steigt</h1>
            <p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p></article></div>
            <div class="rack"><ul class="thread">\(String(repeating: post, count: 6))</ul></div></div>
            """))
        #expect(document.body.contains("Wohngeld ist ein Zuschuss") && document.body.contains("Bringen Sie Nachweise"))
        #expect(!document.body.contains("Ich sehe das ganz anders"))
    }

    @Test func theLedeBeforeTheArticleTextStays() throws {
        // schema.org's description marks the excerpt between the headline and the text; a
        // teaser elsewhere on the page without that mark stays out.
        let document = try Fixtures.single(Fixtures.page(body: """
            <div class="wrap"><h1>Wohngeld steigt</h1>
            <div class="entry-excerpt" itemprop="description"><p>Ab Januar bekommen mehr Haushalte Wohngeld, und die Beträge steigen im Schnitt um ein Drittel.</p></div>
            <div class="entry-content">\(String(repeating: "<p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p>", count: 4))</div></div>
            <div class="more"><div class="teaser"><p>Ein ganz anderer Artikel über den Winterdienst der Stadt und seine neuen Fahrzeuge.</p></div></div>
            """))
        #expect(document.body.contains("Ab Januar bekommen mehr Haushalte Wohngeld"))
        #expect(document.body.contains("Wohngeld ist ein Zuschuss") && document.body.contains("Bringen Sie Nachweise"))
        #expect(!document.body.contains("Winterdienst"))
    }

    @Test func aQuoteSetInAWidgetIsTheArticles() throws {
        // "widget" names a box beside the content; with "quote" it is a quotation of the article.
        let document = try Fixtures.single(Fixtures.page(body: """
            <main><h1>Wohngeld steigt</h1><p>\(Self.paragraph1)</p>
            <div class="widget quote longtext"><h6>«Wir wissen, wo man in Offenbach schnell Hilfe bekommt.» Und wir sagen es allen, die in der Stadt eine Wohnung suchen und nicht weiterwissen.</h6></div>
            <p>\(Self.paragraph2)</p>
            <div class="widget"><p>Das Wetter in Offenbach: sonnig, am Abend Regen.</p></div></main>
            """))
        let text = (document.headings + [document.body]).joined(separator: "\n")  // the quote is an h6
        #expect(text.contains("wo man in Offenbach schnell Hilfe bekommt"))
        #expect(!text.contains("Das Wetter in Offenbach"))
    }

    @Test func aBlockWithAdSlotsInsideIsNoAd() throws {
        // BEM: "--Ads" is a modifier (the section has ad slots), the section is the test report.
        let document = try Fixtures.single(Fixtures.page(body: """
            <main><h1>Grill im Test</h1>
            <section class="TestReport__Section TestReport__Section--Ads"><p>\(Self.paragraph1)</p><div class="ad-slot">Anzeige</div></section>
            <section class="TestReport__Section TestReport__Section--Ads"><p>\(Self.paragraph2)</p></section>
            <div class="paragraph--type--recommended-articles"><p>Lesen Sie auch unseren großen Vergleich aller Gasgrills, die wir in diesem Sommer ausführlich getestet haben.</p></div>
            </main>
            """))
        #expect(document.body.contains("Wohngeld ist ein Zuschuss") && document.body.contains("Bringen Sie Nachweise"))
        #expect(!document.body.contains("Anzeige"))
        #expect(!document.body.contains("Lesen Sie auch"))  // other modifiers still count (Drupal)
    }

    @Test func relatedLinksAndFurnitureLinesAreDropped() throws {
        let document = try Fixtures.single(Self.cityPage(content: """
            <article><h1>Wohngeld</h1><p class="date">03.07.2025</p><p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p>
            <p>Foto: Stadt Musterstadt</p>
            <ul><li><a href="/x">Antrag auf Wohngeld (PDF)</a></li><li><a href="/y">Merkblatt Wohngeld (PDF)</a></li></ul>
            <h3>Mehr zum Thema</h3><div><p>Kinderzuschlag: eine Leistung für Familien mit kleinem Einkommen, die beantragt werden muss.</p></div>
            <p><a href="/z">Teilen</a></p>
            <h2>Die neuesten Meldungen</h2><div><p>Elterngeld: die Stadt hat ihre Sprechzeiten für die Beratung im Sommer geändert.</p></div></article>
            """))
        #expect(document.body.contains("Wohngeld ist ein Zuschuss"))
        for dropped in ["03.07.2025", "Foto:", "Merkblatt", "Mehr zum Thema", "Kinderzuschlag", "Teilen", "Meldungen", "Elterngeld"] {
            #expect(!(document.body + document.headings.joined()).contains(dropped), "\(dropped)")
        }
    }

    /// A picture's credit named by its class, an embedded post of a social network, a
    /// related-posts plugin's list and a teaser of another page are not the article's text;
    /// the caption itself is.
    @Test func creditsEmbeddedPostsAndRelatedPostsAreDropped() throws {
        let document = try Fixtures.single(Self.cityPage(content: """
            <article><h1>Wohngeld</h1><p>\(Self.paragraph1)</p>
            <figure><img src="x.jpg" alt=""><figcaption>Die Wohngeldstelle im Rathaus <span class="figure__copyright">Max Mustermann</span></figcaption></figure>
            <p>\(Self.paragraph2)</p>
            <blockquote class="twitter-tweet"><p>Heute beraten wir im Rathaus zum neuen Wohngeld, kommen Sie vorbei</p></blockquote>
            <div class="yarpp yarpp-related"><a href="/k">Kinderzuschlag für Familien</a></div></article>
            <div class="c-teaser"><h3>Elterngeld</h3><p>Wer sein Kind nach der Geburt selbst betreut, erhält Elterngeld als Ersatz für das fehlende Einkommen.</p></div>
            """))
        #expect(document.body.contains("Die Wohngeldstelle im Rathaus"))
        for dropped in ["Mustermann", "kommen Sie vorbei", "Kinderzuschlag", "Elterngeld"] {
            #expect(!document.body.contains(dropped), "\(dropped)")
        }
    }

    /// A forum names its posts "comment"; when pruning by name would take most of the prose,
    /// such names are not trusted.
    @Test func contentNamedLikeBoilerplateIsKept() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <nav><a href="/">Forum</a></nav>
            <div class="comment"><p>\(Self.paragraph1)</p></div><div class="comment"><p>\(Self.paragraph2)</p></div>
            <div class="comment"><p>Danke, das hat geholfen. Ich habe den Antrag gestern abgegeben und warte jetzt auf den Bescheid.</p></div>
            """))
        #expect(document.body.contains("Wohngeld ist ein Zuschuss"))
        #expect(document.body.contains("Bringen Sie Nachweise"))
        #expect(!document.body.contains("Forum"))
    }

    /// A post of a few paragraphs above a longer comment thread is still the content: the
    /// comments go. (Only when pruning would leave less than 400 bytes of prose do boxes stay.)
    @Test func aShortPostKeepsItsCommentsOut() throws {
        let comment = "Vielen Dank für den Hinweis, genau diese Frage hatte ich auch schon beim Amt gestellt und keine Antwort bekommen."
        let document = try Fixtures.single(Fixtures.page(body: """
            <article><h1>Wohngeld</h1><p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p><p>\(Self.paragraph1)</p></article>
            <div class="comments">\(String(repeating: "<div class=\"comment\"><p>\(comment)</p></div>", count: 16))</div>
            """))
        #expect(document.body.contains("Wohngeld ist ein Zuschuss"))
        #expect(!document.body.contains("Vielen Dank"))
    }

    @Test func aShortPostKeepsItsAuthorBoxAndSidebarOut() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <article><h1>Zapfsäulen</h1><div class="entry-content"><p>Ich würde ja in smarte Zapfsäulen investieren.</p></div>
            <div class="entry-author"><p class="author-bio">\(Self.paragraph2) Über mich.</p></div>
            <div class="saboxplugin-wrap"><p>\(Self.paragraph2) Folgt mir.</p></div></article>
            <div class="sidebar"><p>\(Self.paragraph1)</p><p>\(Self.paragraph2) Am Rand.</p></div>
            """))
        #expect(document.body.contains("smarte Zapfsäulen"))
        for dropped in ["Über mich", "Folgt mir", "Wohngeld ist ein Zuschuss", "Am Rand"] {
            #expect(!document.body.contains(dropped), "\(dropped)")
        }
    }

    @Test func furnitureLinksCallsToActionAndHiddenBoxesAreDropped() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <article><h1>Wohngeld</h1><p>\(Self.paragraph1) Fragen? <a href="/k">Kontakt</a> aufnehmen.</p>
            <div class="infobox"><span class="hideCompletely">Weitere Informationen</span><p>\(Self.paragraph2)</p></div>
            <p>Mit diesem Button kannst du diese Seite zu einer Liste der Suchmaschine hinzufügen. Dazu musst du dich auf der Seite einloggen.</p>
            <div class="news-letter-section"><p>Wir haben viele spannende Themen für dich: jetzt eintragen und nichts mehr verpassen, jede Woche neu.</p></div>
            <a href="/presse">zurück zur Listenansicht</a></article>
            """))
        for kept in ["Wohngeld ist ein Zuschuss", "Kontakt aufnehmen", "Bringen Sie Nachweise"] {
            #expect(document.body.contains(kept), "\(kept)")
        }
        for dropped in ["Weitere Informationen", "Mit diesem Button", "spannende Themen", "Listenansicht"] {
            #expect(!document.body.contains(dropped), "\(dropped)")
        }
    }

    /// A page without prose (a list of offices) keeps its lists and tables; one that shows
    /// nothing but its template keeps all of its text rather than none.
    @Test func pagesWithoutProseKeepTheirText() throws {
        let table = try Fixtures.single(Self.cityPage(content: """
            <h1>Ämter</h1><table><tr><td>Sozialamt</td><td>Raum 12</td></tr><tr><td>Jugendamt</td><td>Raum 14</td></tr></table>
            """))
        #expect(table.body.contains("Sozialamt\nRaum 12\nJugendamt"))
        #expect(!table.body.contains("Impressum"))
        let empty = try Fixtures.single(Fixtures.page(body: "<nav><a href=\"/\">Startseite</a></nav><div id=\"app\"></div>"))
        #expect(empty.body == "Startseite")
    }

    @Test func articleHeaderWithTheHeadlineStays() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <header class="site-header"><a href="/">Logo</a></header>
            <article><header><h1>Pflegegeld steigt</h1><p>Die Leistungen der Pflegeversicherung werden zum Jahreswechsel angepasst.</p></header>
            <p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p></article>
            """))
        #expect(document.title == "Pflegegeld steigt")
        #expect(document.body.contains("zum Jahreswechsel angepasst"))
        #expect(!document.body.contains("Logo"))
    }
}

@Suite("Page dates")
struct PageDateTests {
    private func date(_ body: String, head: String = "") throws -> String {
        try Fixtures.single(Fixtures.page(body: body, head: head)).date
    }

    @Test func structuredDataAndURLAndPrintedDates() throws {
        #expect(try date("<p>x</p>", head: #"<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2024-02-01","datePublished":"2024-01-31T10:00:00+01:00"}</script>"#) == "2024-01-31")
        #expect(try date("<p>x</p>", head: #"<script>{"@context":"https://schema.org","datePublished":"2023-05-06"}</script>"#) == "2023-05-06")
        #expect(try date("<p>x</p>", head: #"<link rel="canonical" href="https://example.org/2017/06/29/wireshark/">"#) == "2017-06-29")
        #expect(try date("<h1>Titel</h1><p class=meta>03.02.2022 15:34</p><p>Text</p>") == "2022-02-03")
        #expect(try date("<h1>Titel</h1><span>Stand:\t05. Februar 2020</span>") == "2020-02-05")
        #expect(try date("<h1>Titel</h1><p><span>Hamburg, 2. November 2021</span></p>") == "2021-11-02")
        #expect(try date("<h1>Titel</h1><div>Gespeichert von <b>x</b> am 24. Juli 2017 - 18:55</div>") == "2017-07-24")
        // The byline under the headline wins over a date before it (a ticker, a sidebar).
        #expect(try date("<p>01.01.2020</p><h1>Titel</h1><p>Montag, 3. Juli 2025</p>") == "2025-07-03")
        // A year alone, or a date inside a sentence, is no page date.
        #expect(try date("<h1>Titel</h1><p>2022</p><p>Seit dem 01.01.2023 gilt das neue Wohngeld für alle Haushalte.</p>") == "")
    }
}

@Suite("Headlines")
struct HeadlineTests {
    /// A kicker inside the h1 is a heading of its own, not part of the title.
    @Test func kickerInTheHeadline() throws {
        let document = try Fixtures.single(Fixtures.page(body: """
            <article><h1><span class="dachzeile">Interne Unterlagen im Netz</span> <span class="headline">Daten von Rheinmetall gehackt</span></h1>
            <p>\(MainContentTests.paragraph1)</p><p>\(MainContentTests.paragraph2)</p></article>
            """, head: "<title>Interne Unterlagen im Netz: Daten von Rheinmetall gehackt | tagesschau.de</title>"))
        #expect(document.title == "Daten von Rheinmetall gehackt")
        #expect(document.headings.contains("Interne Unterlagen im Netz"))
        let colon = try Fixtures.single(Fixtures.page(body: """
            <article><h1><span class="kicker">Corona</span>: Wie Firmen schützen</h1><p>\(MainContentTests.paragraph1)</p></article>
            """))
        #expect(colon.title == "Wie Firmen schützen")
    }

    /// "Headline | Section | Site": the first pipe ends the headline; quotes and dashes of
    /// either kind match when the h1 is compared with the title.
    @Test func titleParts() throws {
        let forum = try Fixtures.single(Fixtures.page(
            body: "<p>Text</p>", head: "<title>kein App Store mehr über Mobile Daten | iPhone | Forum</title>"))
        #expect(forum.title == "kein App Store mehr über Mobile Daten")
        let quoted = try Fixtures.single(Fixtures.page(
            body: "<header><h1>„Arschloch“: Danni trennt sich</h1></header><div><p>Kurz.</p></div>",
            head: #"<meta property="og:title" content="&quot;Arschloch&quot;: Danni trennt sich">"#))
        #expect(quoted.title == "„Arschloch“: Danni trennt sich")
    }
}
