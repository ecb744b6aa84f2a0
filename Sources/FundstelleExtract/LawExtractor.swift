internal import CLibXML2

/// gii-norm law files (gesetze-im-internet.de XML): one document per norm with text.
///
/// The first `<norm>` is the law's header (abbreviation, full name, date of enactment); the
/// table-of-contents norm ("Inhaltsverzeichnis"), structure-only norms (chapter headings) and
/// norms without text yield no document of their own.
struct LawExtractor {
    private let path: String
    private var bodyText = LawTextCollector(paragraphSeparator: 0x0A)
    private var lineText = LawTextCollector(paragraphSeparator: 0x20)
    private var chapters = LawChapterPath()
    private var abbreviation = ""
    private var lawName = ""
    private var date = ""

    init(path: String) {
        self.path = path
    }

    consuming func extract(_ root: xmlNodePtr) -> [Document] {
        let norms = root.childElements.filter { $0.hasName("norm") }
        guard let header = norms.first else { return [] }
        readHeader(header)
        var documents: [Document] = []
        for norm in norms.dropFirst() {
            if let document = document(for: norm) { documents.append(document) }
        }
        return documents
    }

    private mutating func readHeader(_ norm: xmlNodePtr) {
        let metadata = norm.child(named: "metadaten")
        abbreviation = lineText.text(of: metadata?.child(named: "jurabk"))
        lawName = lineText.text(of: metadata?.child(named: "langue"))
        date = DateNormalizer.normalize(lineText.text(of: metadata?.child(named: "ausfertigung-datum"))) ?? ""
    }

    private mutating func document(for norm: xmlNodePtr) -> Document? {
        let metadata = norm.child(named: "metadaten")
        if let unit = metadata?.child(named: "gliederungseinheit") { enterChapter(unit) }
        let number = lineText.text(of: metadata?.child(named: "enbez"))
        guard number != "Inhaltsverzeichnis",
              let content = norm.child(named: "textdaten")?.child(named: "text")?.child(named: "Content")
        else { return nil }
        let body = bodyText.text(of: content)
        guard !body.isEmpty else { return nil }
        let normAbbreviation = lineText.text(of: metadata?.child(named: "jurabk"))
        let jurabk = normAbbreviation.isEmpty ? abbreviation : normAbbreviation
        let heading = [number, lineText.text(of: metadata?.child(named: "titel"))]
            .filter { !$0.isEmpty }.joined(separator: " ")
        // The norm's citation ("§ 27 SGB 12"), as a user types it: its words stand together.
        let citation = [number, jurabk].filter { !$0.isEmpty }.joined(separator: " ")
        let doknr = norm.attribute("doknr") ?? ""
        return Document(
            path: "\(path)#\(doknr)", title: heading.isEmpty ? chapters.headings.last ?? jurabk : heading,
            headings: [citation].filter { !$0.isEmpty } + chapters.headings, body: body,
            language: "de", date: date, collection: lawName.isEmpty ? jurabk : lawName)
    }

    private mutating func enterChapter(_ unit: xmlNodePtr) {
        let heading = [
            lineText.text(of: unit.child(named: "gliederungsbez")),
            lineText.text(of: unit.child(named: "gliederungstitel")),
        ].filter { !$0.isEmpty }.joined(separator: " ")
        guard !heading.isEmpty else { return }
        chapters.enter(number: lineText.text(of: unit.child(named: "gliederungskennzahl")), heading: heading)
    }
}
