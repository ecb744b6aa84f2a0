import Testing
import FundstelleExtract

@Suite("gii-norm law XML")
struct LawXMLTests {
    static let fixture = """
        <?xml version="1.0" encoding="UTF-8"?>
        <dokumente builddate="20260422215536" doknr="BJNR000000001">
        <norm doknr="BJNR000000001"><metadaten><jurabk>TestG</jurabk>
          <ausfertigung-datum manuell="ja">2003-12-27</ausfertigung-datum>
          <langue>Gesetz zur Prüfung von Tests (Testgesetz)</langue></metadaten>
          <textdaten><fussnoten><Content><P>Textnachweis ab: 1.1.2005</P></Content></fussnoten></textdaten></norm>
        <norm doknr="BJNR000000001BJNE000100000"><metadaten><jurabk>TestG</jurabk><enbez>Inhaltsverzeichnis</enbez></metadaten>
          <textdaten><text format="XML"><Content><P><table><tgroup cols="2"><tbody><row><entry>§ 1</entry><entry>Zweck</entry></row></tbody></tgroup></table></P></Content></text></textdaten></norm>
        <norm doknr="BJNR000000001BJNG000100000"><metadaten><jurabk>TestG</jurabk>
          <gliederungseinheit><gliederungskennzahl>010</gliederungskennzahl><gliederungsbez>Erstes Kapitel</gliederungsbez>
          <gliederungstitel>Allgemeine Vorschriften</gliederungstitel></gliederungseinheit></metadaten>
          <textdaten><text format="XML"><Content><P></P></Content></text></textdaten></norm>
        <norm doknr="BJNR000000001BJNE000200000"><metadaten><jurabk>TestG</jurabk><enbez>§ 1</enbez><titel format="parat">Zweck</titel></metadaten>
          <textdaten><text format="XML"><Content><P>(1) Dieses Gesetz regelt <B>Tests</B>.</P><P>(2) Leistungen sind:<DL Type="arabic"><DT>1.</DT><DD><LA>Beratung,</LA></DD><DT>2.</DT><DD><LA>Geldleistungen.</LA></DD></DL></P></Content></text>
          <fussnoten><Content><P>(+++ Fußnote zur Norm +++)</P></Content></fussnoten></textdaten></norm>
        <norm doknr="BJNR000000001BJNG000200000"><metadaten><jurabk>TestG</jurabk>
          <gliederungseinheit><gliederungskennzahl>020</gliederungskennzahl><gliederungsbez>Zweites Kapitel</gliederungsbez>
          <gliederungstitel>Leistungen</gliederungstitel></gliederungseinheit></metadaten>
          <textdaten><text format="XML"><Content><P></P></Content></text></textdaten></norm>
        <norm doknr="BJNR000000001BJNG000300000"><metadaten><jurabk>TestG</jurabk>
          <gliederungseinheit><gliederungskennzahl>020010</gliederungskennzahl><gliederungsbez>Erster Abschnitt</gliederungsbez>
          <gliederungstitel>Geld</gliederungstitel></gliederungseinheit></metadaten>
          <textdaten><text format="XML"><Content><P></P></Content></text></textdaten></norm>
        <norm doknr="BJNR000000001BJNE000300000"><metadaten><jurabk>TestG</jurabk><enbez>§ 2</enbez><titel>Höhe</titel></metadaten>
          <textdaten><text format="XML"><Content><P>Die Leistung<FnR ID="F1"/> beträgt<BR/>monatlich 10 Euro.</P>
          <table><tgroup cols="2"><tbody><row><entry>Stufe</entry><entry>Betrag</entry></row><row><entry>1</entry><entry>10</entry></row></tbody></tgroup></table>
          <P><noindex>(Fundstelle: BGBl. I 2012, 1546)</noindex></P></Content>
          <Footnotes><Footnote ID="F1">Nicht indexieren.</Footnote></Footnotes></text></textdaten></norm>
        <norm doknr="BJNR000000001BJNE000400000"><metadaten><jurabk>TestG</jurabk><enbez>§ 3</enbez><titel>(weggefallen)</titel></metadaten>
          <textdaten><text format="XML"><Content><P> </P></Content></text></textdaten></norm>
        <norm doknr="BJNR000000001BJNE000500000"><metadaten><jurabk>TestG</jurabk><titel>Schlussformel</titel></metadaten>
          <textdaten><text format="XML"><Content><P>Der Bundespräsident</P></Content></text></textdaten></norm>
        </dokumente>
        """

    let documents: [Document]

    init() throws {
        documents = try Extractor().extract(Array(Self.fixture.utf8), path: "testg.xml")
    }

    @Test func oneDocumentPerNormWithText() {
        #expect(documents.map(\.path) == [
            "testg.xml#BJNR000000001BJNE000200000",
            "testg.xml#BJNR000000001BJNE000300000",
            "testg.xml#BJNR000000001BJNE000500000",
        ])
    }

    @Test func titlesJoinNumberAndHeading() {
        #expect(documents.map(\.title) == ["§ 1 Zweck", "§ 2 Höhe", "Schlussformel"])
    }

    @Test func lawLevelFields() {
        for document in documents {
            #expect(document.collection == "Gesetz zur Prüfung von Tests (Testgesetz)")
            #expect(document.date == "2003-12-27")
            #expect(document.language == "de")
        }
    }

    /// The norm's citation (number and the law's abbreviation, as a user types it), then its chapters.
    @Test func headingsAreCitationAndChapterPath() {
        #expect(documents[0].headings == ["§ 1 TestG", "Erstes Kapitel Allgemeine Vorschriften"])
        #expect(documents[1].headings == ["§ 2 TestG", "Zweites Kapitel Leistungen", "Erster Abschnitt Geld"])
    }

    @Test func bodyParagraphsListsAndTables() {
        #expect(documents[0].body == "(1) Dieses Gesetz regelt Tests.\n(2) Leistungen sind:\n1. Beratung,\n2. Geldleistungen.")
        #expect(documents[1].body == "Die Leistung beträgt\nmonatlich 10 Euro.\nStufe Betrag\n1 10")
    }

    @Test func footnotesAreExcluded() {
        let text = documents.map(\.body).joined(separator: "\n")
        #expect(!text.contains("Fußnote"))
        #expect(!text.contains("Nicht indexieren"))
        #expect(!text.contains("Textnachweis"))
    }

    @Test func collectionFallsBackToAbbreviation() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?><dokumente><norm doknr="A"><metadaten><jurabk>KurzG</jurabk></metadaten></norm>
            <norm doknr="B"><metadaten><jurabk>KurzG</jurabk><enbez>§ 1</enbez></metadaten>
            <textdaten><text><Content><P>Text.</P></Content></text></textdaten></norm></dokumente>
            """
        let documents = try Extractor().extract(Array(xml.utf8), path: "kurzg.xml")
        #expect(documents.map(\.collection) == ["KurzG"])
        #expect(documents.map(\.title) == ["§ 1"])
        #expect(documents.map(\.date) == [""])
    }
}
