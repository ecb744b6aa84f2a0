/// What an element inside a gii-norm `<Content>` means for the norm's text.
enum LawElementRole {
    case inline
    /// Ends a line: paragraphs, list items, table rows and titles, `<BR/>`.
    case block
    /// A list label (`<DT>1.</DT>`): stays on the line of its item, followed by a space.
    case term
    /// A list item (`<DD><LA>…</LA></DD>`): continues the line of its label and ends it.
    case item
    /// A table cell: cells of one row share a line, separated by spaces.
    case cell
    /// `<pre>`: keeps its line breaks.
    case preformatted
    /// Footnotes, footnote references, `noindex` annotations, images and table layout.
    case skipped

    static let byName: [String: LawElementRole] = {
        var roles: [String: LawElementRole] = [:]
        for name in blockNames { roles[name] = .block }
        for name in skippedNames { roles[name] = .skipped }
        roles["DT"] = .term
        roles["DD"] = .item
        roles["LA"] = .item
        roles["entry"] = .cell
        roles["pre"] = .preformatted
        return roles
    }()

    private static let blockNames = [
        "Content", "P", "DL", "BR", "table", "tgroup", "thead", "tbody", "row",
        "Title", "Subtitle", "Ident", "TOC",
    ]

    private static let skippedNames = [
        "Footnotes", "Footnote", "FnR", "FnArea", "fussnoten", "noindex", "colspec", "IMG", "FILE",
    ]
}
