/// What an HTML element means for text extraction.
enum HTMLElementRole {
    /// Text flows through; never splits a word (a, span, em, strong, b, i, sup, sub, abbr, unknown elements).
    case inline
    /// Ends a paragraph before and after (p, div, li, td, br, section, …).
    case block
    /// Content never shown as text (script, style, noscript, template, svg, …).
    case skipped
    case heading(level: Int)
    case title
    case head
    case html
    /// Keeps its line breaks (pre, listing).
    case preformatted
    /// Contributes its alt text.
    case image
    case meta
    case link
    case time

    static let byName: [String: HTMLElementRole] = {
        var roles: [String: HTMLElementRole] = [:]
        for name in blockNames { roles[name] = .block }
        for name in skippedNames { roles[name] = .skipped }
        for level in 1...6 { roles["h\(level)"] = .heading(level: level) }
        roles["title"] = .title
        roles["head"] = .head
        roles["html"] = .html
        roles["pre"] = .preformatted
        roles["listing"] = .preformatted
        roles["img"] = .image
        roles["meta"] = .meta
        roles["link"] = .link
        roles["time"] = .time
        return roles
    }()

    /// Names the content sniffer accepts as the start of an HTML page.
    static func isKnownElement(_ lowercasedName: String) -> Bool {
        byName[lowercasedName] != nil || inlineNames.contains(lowercasedName)
    }

    private static let blockNames = [
        "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "center",
        "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frameset", "frame", "header", "hgroup", "hr", "label", "legend", "li",
        "main", "menu", "nav", "noframes", "ol", "p", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul", "output", "search",
    ]

    private static let skippedNames = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "canvas", "audio", "video", "textarea", "input", "select", "datalist", "map", "base",
    ]

    private static let inlineNames: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font",
        "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
        "sup", "tt", "u", "var", "wbr", "nobr",
    ]
}
