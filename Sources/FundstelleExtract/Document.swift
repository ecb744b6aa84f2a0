/// What the extractor hands on: the text and metadata of one page or one record inside a file.
///
/// All strings are NFC-normalised UTF-8. `body` keeps paragraph breaks as "\n"; it is what
/// snippets are cut from, so the index stores it as it is here.
public struct Document: Sendable, Equatable, Codable {
    /// Path relative to the indexed root, `#fragment` appended for a record inside one file
    /// (for example `sgb_12.xml#BJNR302300003BJNE002802360`).
    public var path: String
    public var title: String
    /// Headings of the page (h1–h6), in document order, without the title itself.
    public var headings: [String]
    public var body: String
    public var description: String
    /// BCP 47 language tag as the page states it (`de`, `de-DE`), empty when unknown.
    public var language: String
    /// The page's own date as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), empty when it states none.
    public var date: String
    /// Canonical URL when the page names one, empty otherwise.
    public var url: String
    /// The larger work a record belongs to: for a law norm the law's name
    /// ("Sozialgesetzbuch (SGB) Zwölftes Buch (XII) - Sozialhilfe - …"), empty for plain pages.
    public var collection: String
    /// Other paths with the same content (title and text), which the index keeps as one document.
    public var duplicates: [String] = []
    /// The page's links to other pages (resolved targets), whose texts the index gathers
    /// for the pages they point to.
    public var links: [Link] = []
    /// The texts of links that point to this document from others: not the extractor's to
    /// fill, but the index's, which sees all pages (see `LinkTarget`).
    public var anchors: [String] = []

    public init(
        path: String, title: String = "", headings: [String] = [], body: String = "",
        description: String = "", language: String = "", date: String = "", url: String = "",
        collection: String = ""
    ) {
        self.path = path
        self.title = title
        self.headings = headings
        self.body = body
        self.description = description
        self.language = language
        self.date = date
        self.url = url
        self.collection = collection
    }
}
