import Testing
import FundstelleExtract

@Suite("Links and their targets")
struct LinkTests {
    @Test func relativeLinksResolveAgainstThePagePath() {
        let resolve = { (href: String) in LinkTarget.resolve(href, path: "sgb_12/__27.html", url: "") }
        #expect(resolve("__28.html") == "sgb_12/__28.html")
        #expect(resolve("./__28.html#absatz2") == "sgb_12/__28.html")
        #expect(resolve("../sgb_2/index.html") == "sgb_2")
        #expect(resolve("../sgb_2/") == "sgb_2")
        #expect(resolve("/impressum.html") == "impressum.html")
        #expect(resolve("F%C3%B6rderung.html") == "sgb_12/Förderung.html")
        #expect(resolve("../../oben.html") == nil)  // above the root
        for nowhere in ["#Seitenanfang", "", "  ", "mailto:amt@stadt.example", "javascript:window.print()", "tel:+49301234", "ftp://x.example/a"] {
            #expect(resolve(nowhere) == nil, "\(nowhere)")
        }
    }

    @Test func linksOnPagesWithAURLResolveToURLKeys() {
        let url = "https://www.Stadt.example/soziales/wohngeld.html"
        let resolve = { (href: String) in LinkTarget.resolve(href, path: "www.stadt.example/soziales/wohngeld.html", url: url) }
        #expect(resolve("antrag.html") == "//www.stadt.example/soziales/antrag.html")
        #expect(resolve("/") == "//www.stadt.example")
        #expect(resolve("../index.php?id=5") == "//www.stadt.example/index.php?id=5")
        #expect(resolve("?seite=2") == "//www.stadt.example/soziales/wohngeld.html?seite=2")
        #expect(resolve("HTTP://WWW.STADT.EXAMPLE:443/soziales/") == "//www.stadt.example/soziales")
        #expect(resolve("//andere.example/a/../b.html") == "//andere.example/b.html")
        // A document is found under the same keys.
        #expect(LinkTarget.key(url: "https://www.stadt.example/soziales/index.html") == "//www.stadt.example/soziales")
        #expect(LinkTarget.key(path: "sgb_2/index.html") == "sgb_2")
        #expect(LinkTarget.key(path: "gesetze.xml#BJNR1") == nil)
        #expect(LinkTarget.key(url: "urn:isbn:123") == nil)
    }

    @Test func everyLinkOfThePageIsKeptWithItsText() throws {
        let document = try Fixtures.single(
            Fixtures.page(body: """
                <nav><ul><li><a href="wohngeld.html">Wohngeld   beantragen</a></li>
                <li><a href="/"><img src="logo.png" alt="Startseite der Stadt"></a></li>
                <li><a href="page.html">Diese Seite</a></li><li><a href="#top">nach oben</a></li>
                <li><a href="leer.html"> </a></li></ul></nav>
                <main><h1>Hilfen</h1><p>Siehe <a href="sub/pflege.html">Hilfe zur <b>Pflege</b></a> und
                <a href="mailto:amt@stadt.example">Mail</a>.</p></main>
                """),
            path: "soziales/page.html")
        #expect(document.links == [
            Link(target: "soziales/wohngeld.html", text: "Wohngeld beantragen"),
            Link(target: "", text: "Startseite der Stadt"),
            Link(target: "soziales/sub/pflege.html", text: "Hilfe zur Pflege"),
        ])
    }
}
