internal import CLibXML2
internal import Glibc

/// Walks a parsed HTML document once and gathers title, headings, body text and metadata.
///
/// With a `MainContent` decision, only the content's text becomes body and headings; the
/// rest of the page is still read for metadata (`<time>`) and for the first h1 (the title).
struct HTMLTextCollector: TreeVisitor {
    private var roles = ElementNameCache(roles: HTMLElementRole.byName, fallback: .inline)
    private(set) var metadata = PageMetadata()
    private var body: TextBuffer
    private var titleText = TextBuffer(paragraphSeparator: 0x20)
    /// The content's headings in order, with the length of the body text where each stands
    /// (`bodyMark`), the number of text nodes left out of the content before it (`hiddenMark`)
    /// and, for a kicker, that it belongs to the heading after it.
    private var allHeadings: [(level: Int, text: String, bodyMark: Int, hiddenMark: Int, isKicker: Bool)] = []
    /// Text nodes (not only white space) and headings outside the content so far.
    private var hiddenTexts = 0
    /// The text of the page's first h1, wherever it stands.
    private(set) var firstTopHeading: String?
    /// The text of the first h1 in the page's content.
    private(set) var firstContentHeading: String?
    private var heading = TextBuffer(paragraphSeparator: 0x20)
    /// Per layout element: whether its text is the page's text (nil: all of it is).
    private let visibleElements: [Bool]?
    /// Whether text at the current point of the walk is content.
    private var isVisible = true

    private var headDepth = 0
    private var headingDepth = 0
    private var headingLevel = 0
    /// A kicker inside a heading ("<h1><span class=dachzeile>Interne Unterlagen</span> Daten
    /// gehackt</h1>"): its text is a heading of its own, not part of the headline.
    private var kicker: xmlNodePtr?
    private var kickerText = TextBuffer(paragraphSeparator: 0x20)
    private var headingIsVisible = true
    private var preformattedDepth = 0
    private var titleDepth = 0
    private var titleSeen = false
    /// The `<a href>` being read, its target as written, and its text so far.
    private var link: xmlNodePtr?
    private var linkHref = ""
    private var linkText = TextBuffer(paragraphSeparator: 0x20)
    /// The page's links (target as written, text), in document order, content or not: a
    /// menu's or a table of contents' words name the pages they point to.
    private(set) var links: [(href: String, text: String)] = []

    init(expectedTextSize: Int, content: MainContent? = nil) {
        body = TextBuffer(capacity: expectedTextSize)
        visibleElements = content?.visible
        isVisible = content == nil
    }

    /// Whitespace-collapsed text of the first `<title>`.
    var title: String { titleText.text }
    var bodyText: String { body.text }
    var isBodyEmpty: Bool { body.isEmpty }

    /// The content's headings, less those that head only what the content left out: a
    /// heading whose section (up to the next heading of its level or above) holds no body
    /// text but text outside the content headed a related-links box, a widget, a teaser list
    /// ("Top 5 Energie", "Empfehlung der Redaktion") and goes with it. (Headings in a row with
    /// nothing between them stay: some pages set paragraphs as headings.) A kicker stays or
    /// goes with its heading.
    var headings: [(level: Int, text: String)] {
        let end = body.bytes.count
        var keep = [Bool](repeating: false, count: allHeadings.count)
        for i in allHeadings.indices.reversed() {
            let h = allHeadings[i]
            if h.isKicker {
                keep[i] = i + 1 < allHeadings.count && keep[i + 1]
                continue
            }
            var next = (body: end, hidden: hiddenTexts)
            for j in (i + 1)..<max(i + 1, allHeadings.count) where !allHeadings[j].isKicker && allHeadings[j].level <= h.level {
                next = (allHeadings[j].bodyMark, allHeadings[j].hiddenMark)
                break
            }
            keep[i] = next.body > h.bodyMark || next.hidden == h.hiddenMark
        }
        return allHeadings.indices.filter { keep[$0] }.map { (allHeadings[$0].level, allHeadings[$0].text) }
    }

    mutating func enter(_ node: xmlNodePtr) -> Bool {
        if node.isText {
            if let content = node.pointee.content { appendText(content) }
            return false
        }
        guard node.isElement else { return false }
        let role = roles.value(of: node)
        if case .skipped = role {
            if node.hasName("script"), let text = node.pointee.children, let content = text.pointee.content,
               Self.isStructuredData(type: node.attribute("type"), content: content) {
                metadata.readStructuredData(content)
            }
            return false
        }
        if headDepth == 0, node.hasAttribute("hidden") { return false }
        if let visibleElements {
            if let index = PageLayout.index(of: node) {
                isVisible = visibleElements[index]
            } else if headDepth == 0, !Self.isHeadElement(role) {
                return false  // hidden by its style: the layout did not go in
            }
        }
        if headingDepth > 0, kicker == nil, Boilerplate.isKicker(node) { kicker = node }
        if link == nil, headDepth == 0, links.count < LinkTarget.maximumLinks, node.hasName("a"), let href = node.attribute("href") {
            link = node
            linkHref = href
            linkText.removeAll()
        }
        enterElement(node, role: role)
        return true
    }

    private static func isHeadElement(_ role: HTMLElementRole) -> Bool {
        switch role {
        case .head, .title, .meta, .link: true
        default: false
        }
    }

    mutating func leave(_ node: xmlNodePtr) {
        if node == kicker { kicker = nil }
        if node == link {
            link = nil
            if !linkText.isEmpty {
                var text = linkText.text
                if text.utf8.count > LinkTarget.maximumTextLength {
                    text = String(decoding: text.utf8.prefix(LinkTarget.maximumTextLength), as: UTF8.self)
                }
                links.append((linkHref, text))
            }
        }
        defer {
            if let visibleElements, let parent = node.pointee.parent, let index = PageLayout.index(of: parent) {
                isVisible = visibleElements[index]
            }
        }
        switch roles.value(of: node) {
        case .block: endParagraph()
        case .heading: leaveHeading()
        case .title:
            titleDepth -= 1
            titleSeen = true
        case .head: headDepth -= 1
        case .preformatted:
            preformattedDepth -= 1
            endParagraph(keepingFiller: true)  // a preformatted block's last line stays, "-----" too
        case .inline, .skipped, .html, .image, .meta, .link, .time: break
        }
    }

    private mutating func enterElement(_ node: xmlNodePtr, role: HTMLElementRole) {
        switch role {
        case .block: endParagraph()
        case .heading(let level): enterHeading(level: level)
        case .title: titleDepth += 1
        case .head: headDepth += 1
        case .html: metadata.readRoot(node)
        case .preformatted:
            endParagraph()
            preformattedDepth += 1
        case .image: appendAlternativeText(of: node)
        case .meta: metadata.readMeta(node)
        case .link: metadata.readLink(node)
        case .time: metadata.readTime(node)
        case .inline, .skipped: break
        }
    }

    private mutating func appendText(_ content: UnsafePointer<UInt8>) {
        if headDepth == 0, titleDepth == 0 { lookForDate(content) }
        if link != nil { linkText.append(cString: content) }
        if titleDepth > 0 {
            if !titleSeen { titleText.append(cString: content) }
        } else if headDepth > 0 {
            return
        } else if headingDepth > 0 {
            if kicker != nil { kickerText.append(cString: content) } else { heading.append(cString: content) }
        } else if isVisible {
            body.append(cString: content, keepingLineBreaks: preformattedDepth > 0)
        } else if Self.hasText(content) {
            hiddenTexts += 1
        }
    }

    private static func hasText(_ content: UnsafePointer<UInt8>) -> Bool {
        var p = content
        while p.pointee != 0 {
            if p.pointee > 0x20 { return true }
            p += 1
        }
        return false
    }

    /// JSON-LD: a script of type application/ld+json, or an untyped one holding a schema.org object.
    private static func isStructuredData(type: String?, content: UnsafePointer<UInt8>) -> Bool {
        if let type { return type.lowercased().contains("ld+json") }
        var p = content
        while p.pointee != 0, p.pointee <= 0x20 { p += 1 }
        return p.pointee == UInt8(ascii: "{") && strstr(p, "schema.org") != nil
    }

    /// A short text node with enough digits for a date may be the page's printed date.
    private mutating func lookForDate(_ content: UnsafePointer<UInt8>) {
        var start = content
        while start.pointee != 0, start.pointee <= 0x20 { start += 1 }
        var length = 0, end = 0, digits = 0
        while start[length] != 0 {
            let byte = start[length]
            if byte &- 0x30 < 10 { digits += 1 }
            length += 1
            if byte > 0x20 { end = length }
            if end > 64 { return }
        }
        guard digits >= 4 else { return }
        metadata.readText(start, length: end, afterHeading: firstTopHeading != nil)
    }

    private mutating func appendAlternativeText(of image: xmlNodePtr) {
        if link != nil, headDepth == 0, let alt = image.attributeValue("alt") {
            linkText.separateWords()
            linkText.append(cString: alt)
            linkText.separateWords()
        }
        guard headDepth == 0, titleDepth == 0, isVisible || headingDepth > 0, let alt = image.attributeValue("alt") else { return }
        if headingDepth > 0 {
            heading.separateWords()
            heading.append(cString: alt)
            heading.separateWords()
        } else {
            body.separateWords()
            body.append(cString: alt)
            body.separateWords()
        }
    }

    private mutating func endParagraph(keepingFiller: Bool = false) {
        if headingDepth > 0 {
            heading.separateWords()
        } else {
            body.endParagraph(keepingFiller: keepingFiller || preformattedDepth > 0)
        }
    }

    private mutating func enterHeading(level: Int) {
        if headingDepth == 0 {
            body.endParagraph()
            heading.removeAll()
            kickerText.removeAll()
            headingLevel = level
            headingIsVisible = isVisible
        }
        headingDepth += 1
    }

    private mutating func leaveHeading() {
        headingDepth -= 1
        guard headingDepth == 0 else { return }
        let mark = body.bytes.count
        if !headingIsVisible, !heading.isEmpty || !kickerText.isEmpty { hiddenTexts += 1 }
        // A kicker without a headline after it is a heading of its own.
        if !kickerText.isEmpty, headingIsVisible { allHeadings.append((headingLevel + 1, kickerText.text, mark, hiddenTexts, !heading.isEmpty)) }
        guard !heading.isEmpty else { return }
        var text = heading.text
        // What a kicker leaves behind: ": Wie Firmen …".
        if !kickerText.isEmpty {
            text = String(text.drop { $0 == ":" || $0 == "-" || $0 == "–" || $0 == "|" || $0 == " " })
        }
        if headingLevel == 1, firstTopHeading == nil { firstTopHeading = text }
        if headingLevel == 1, headingIsVisible, firstContentHeading == nil { firstContentHeading = text }
        if headingIsVisible { allHeadings.append((headingLevel, text, mark, hiddenTexts, false)) }
        body.endParagraph()
    }
}
