internal import CLibXML2

/// Walks a parsed HTML document once and gathers title, headings, body text and metadata.
struct HTMLTextCollector: TreeVisitor {
    private var roles = ElementRoleCache(roles: HTMLElementRole.byName, fallback: .inline)
    private(set) var metadata = PageMetadata()
    private var body: TextBuffer
    private var heading = TextBuffer(paragraphSeparator: 0x20)
    private var titleText = TextBuffer(paragraphSeparator: 0x20)
    private(set) var headings: [(level: Int, text: String)] = []

    private var headDepth = 0
    private var headingDepth = 0
    private var headingLevel = 0
    private var preformattedDepth = 0
    private var titleDepth = 0
    private var titleSeen = false

    init(expectedTextSize: Int) {
        body = TextBuffer(capacity: expectedTextSize)
    }

    /// Whitespace-collapsed text of the first `<title>`.
    var title: String { titleText.text }
    var bodyText: String { body.text }

    mutating func enter(_ node: xmlNodePtr) -> Bool {
        if node.isText {
            if let content = node.pointee.content { appendText(content) }
            return false
        }
        guard node.isElement else { return false }
        let role = roles.role(of: node)
        if case .skipped = role { return false }
        if headDepth == 0, node.hasAttribute("hidden") { return false }
        enterElement(node, role: role)
        return true
    }

    mutating func leave(_ node: xmlNodePtr) {
        switch roles.role(of: node) {
        case .block: endParagraph()
        case .heading: leaveHeading()
        case .title:
            titleDepth -= 1
            titleSeen = true
        case .head: headDepth -= 1
        case .preformatted:
            preformattedDepth -= 1
            endParagraph()
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
        if titleDepth > 0 {
            if !titleSeen { titleText.append(cString: content) }
        } else if headDepth > 0 {
            return
        } else if headingDepth > 0 {
            heading.append(cString: content)
        } else {
            body.append(cString: content, keepingLineBreaks: preformattedDepth > 0)
        }
    }

    private mutating func appendAlternativeText(of image: xmlNodePtr) {
        guard headDepth == 0, titleDepth == 0, let alt = image.attributeValue("alt") else { return }
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

    private mutating func endParagraph() {
        if headingDepth > 0 { heading.separateWords() } else { body.endParagraph() }
    }

    private mutating func enterHeading(level: Int) {
        if headingDepth == 0 {
            body.endParagraph()
            heading.removeAll()
            headingLevel = level
        }
        headingDepth += 1
    }

    private mutating func leaveHeading() {
        headingDepth -= 1
        guard headingDepth == 0 else { return }
        if !heading.isEmpty { headings.append((headingLevel, heading.text)) }
        body.endParagraph()
    }
}
