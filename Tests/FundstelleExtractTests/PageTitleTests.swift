import Testing
@testable import FundstelleExtract

@Suite struct PageTitleTests {
    @Test(arguments: [
        ("Wohngeld beantragen | Stadt Offenbach", "Wohngeld beantragen"),
        ("Reparaturcafé am 31. Januar – Stadt Ahlen", "Reparaturcafé am 31. Januar"),
        ("Kita-Platz finden - Jugendamt - Stadt Köln", "Kita-Platz finden - Jugendamt"),
        ("Startseite", "Startseite"),
        ("Hilfe zur Pflege | Stadt Musterstadt am Main", "Hilfe zur Pflege"),
        ("Pflege – Informationen für Angehörige und Betroffene", "Pflege – Informationen für Angehörige und Betroffene"),
    ])
    func siteSuffixGoes(_ title: String, _ expected: String) {
        #expect(PageTitle.withoutSiteSuffix(title) == expected)
    }

    @Test func headlineChoice() {
        // The h1 when the headline part of the title holds it.
        #expect(PageTitle.choose(title: "Pflegegeld | Sozialamt", socialTitle: "", firstHeading: "Pflegegeld") == "Pflegegeld")
        // A blog's h1 is its name, repeated in the suffix: not the headline.
        #expect(PageTitle.choose(title: "Nach langer Zeit mal wieder | Ein Hundetagebuch", socialTitle: "",
                                 firstHeading: "Ein Hundetagebuch") == "Nach langer Zeit mal wieder")
        #expect(PageTitle.choose(title: "Startseite", socialTitle: "Elterngeld beantragen - Stadt Ulm", firstHeading: nil)
                == "Elterngeld beantragen")
        #expect(PageTitle.choose(title: "", socialTitle: "", firstHeading: "Kindergeld") == "Kindergeld")
        // The h1 goes on where the title stops: the title was shortened.
        #expect(PageTitle.choose(title: "Neue Kita in der Weststadt eröffnet - Stadt Ulm", socialTitle: "",
                                 firstHeading: "Neue Kita in der Weststadt eröffnet mit 80 Plätzen") == "Neue Kita in der Weststadt eröffnet mit 80 Plätzen")
        // An h1 that only the end of the title repeats is the site's name.
        #expect(PageTitle.choose(title: "Need for Speed – Insubordinantes Denken", socialTitle: "Need for Speed",
                                 firstHeading: "Insubordinantes Denken") == "Need for Speed")
        // A date in front is not the headline; "Home" is no page's name.
        #expect(PageTitle.choose(title: "08.11.2021 | Online-Fachtag zum Intersex Day: Regenbogenportal", socialTitle: "",
                                 firstHeading: "Online-Fachtag zum Intersex Day") == "Online-Fachtag zum Intersex Day")
        #expect(PageTitle.choose(title: "Home", socialTitle: "", firstHeading: "Time to say goodbye.") == "Time to say goodbye.")
    }

    @Test func pageTitleFromMarkup() throws {
        let html = """
            <html><head><title>Hilfe zur Pflege | Stadt Musterstadt</title>
            <meta property="og:title" content="Hilfe zur Pflege – Stadt Musterstadt"></head>
            <body><nav><h1>Stadt Musterstadt</h1></nav><h1>Hilfe zur Pflege</h1><p>Text.</p></body></html>
            """
        let doc = try #require(try Extractor().extract(Array(html.utf8), path: "p.html").first)
        #expect(doc.title == "Hilfe zur Pflege")
    }
}
