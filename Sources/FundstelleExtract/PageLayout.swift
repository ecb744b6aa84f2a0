internal import CLibXML2

/// What one walk over a parsed HTML page learns about each element of its body: how much
/// visible text it holds, how much of that is link text, how much is prose (paragraphs of
/// running text), and what its name and attributes say it is. `MainContent` decides from this
/// which elements are the page's content.
///
/// Elements are numbered in document order; libxml2's spare `_private` field of each element
/// carries its number + 1, so later walks find an element's figures without a lookup table.
/// Text is measured in visible (non-whitespace) bytes of UTF-8.
struct PageLayout {
    /// Kinds of element that matter to the content decision.
    enum Kind: UInt8 {
        case other
        /// `<main>`, `role=main`.
        case main
        /// `<article>`, `role=article`, `itemprop=articleBody`.
        case article
        case body
        case heading
        /// Lists and tables: often menus or link collections.
        case list
    }

    private(set) var nodes: [xmlNodePtr] = []
    private(set) var parent: [Int32] = []
    private(set) var kind: [Kind] = []
    /// Visible bytes of the text nodes directly in the element.
    private(set) var ownText: [Int32] = []
    /// Of `ownText`, the bytes inside links.
    private(set) var ownLinkText: [Int32] = []
    /// For a block whose own text (that of all its inline descendants, not of nested blocks)
    /// is long and mostly not links — prose — that text less its links; else 0.
    private(set) var ownProse: [Int32] = []
    /// For a block, the visible bytes of its own text (that of its inline descendants); else 0.
    private(set) var blockOwnText: [Int32] = []
    /// Why the element is boilerplate by its name or attributes, or nil.
    private(set) var boilerplate: [Boilerplate.Reason?] = []
    /// Whether `boilerplate` comes from the element's class or id.
    private(set) var boilerplateByName: [Bool] = []
    /// The element is an h1.
    private(set) var isTopHeading: [Bool] = []
    /// Whether the element is a link (`<a href>`).
    private(set) var isLink: [Bool] = []
    /// Whether the element is a block (its text forms paragraphs of its own).
    private(set) var isBlock: [Bool] = []
    /// The `<body>` (or the first element, when tag soup has none).
    private(set) var body: Int = -1

    var count: Int { nodes.count }

    /// The element's number, or nil for nodes the layout does not cover (head, skipped elements, text).
    static func index(of node: xmlNodePtr) -> Int? {
        guard let mark = node.pointee._private else { return nil }
        return Int(bitPattern: mark) - 1
    }

    /// Measures the elements under `roots` (the top-level elements of a document).
    static func measure(_ roots: [xmlNodePtr]) -> PageLayout {
        var measurer = Measurer()
        for root in roots { TreeWalker.walk(root, with: &measurer) }
        if measurer.layout.body < 0, !measurer.layout.nodes.isEmpty { measurer.layout.body = 0 }
        return measurer.layout
    }

    /// Fewest own visible bytes for a block to count as prose (about a sentence).
    static let proseLength: Int32 = 80
    /// A `<p>` counts as prose from this length on.
    static let paragraphLength: Int32 = 30

    private struct Measurer: TreeVisitor {
        var layout = PageLayout()
        private var roles = ElementNameCache(roles: HTMLElementRole.byName, fallback: .inline)
        /// Open elements of the layout, innermost last.
        private var open: [Int] = []
        /// Open block elements, innermost last, with their own text so far.
        private var blocks: [(index: Int, own: Int32, ownLinks: Int32, isParagraph: Bool)] = []
        private var linkDepth = 0

        mutating func enter(_ node: xmlNodePtr) -> Bool {
            if node.isText {
                countText(node)
                return false
            }
            guard node.isElement else { return false }
            node.pointee._private = nil
            let role = roles.value(of: node)
            switch role {
            case .skipped, .head, .title, .meta, .link: return false
            default: break
            }
            if node.hasAttribute("hidden") || Boilerplate.isHiddenByAttributes(node) { return false }
            let index = layout.nodes.count
            node.pointee._private = UnsafeMutableRawPointer(bitPattern: index + 1)
            let name = elementName(node)
            layout.nodes.append(node)
            layout.parent.append(Int32(open.last ?? -1))
            layout.kind.append(Self.kind(of: node, name: name, role: role))
            layout.ownText.append(0)
            layout.ownLinkText.append(0)
            layout.ownProse.append(0)
            layout.blockOwnText.append(0)
            let verdict = name == "body" || name == "html" ? nil : Boilerplate.reason(node, name: name)
            layout.boilerplate.append(verdict?.reason)
            layout.boilerplateByName.append(verdict?.byName ?? false)
            layout.isTopHeading.append(name == "h1")
            if name == "body", layout.body < 0 { layout.body = index }
            let isLink = name == "a" && node.hasAttribute("href")
            layout.isLink.append(isLink)
            if isLink { linkDepth += 1 }
            var block = false
            switch role {
            case .block, .heading, .preformatted, .html: block = true
            default: break
            }
            layout.isBlock.append(block)
            if block { blocks.append((index, 0, 0, name == "p")) }
            open.append(index)
            return true
        }

        mutating func leave(_ node: xmlNodePtr) {
            guard let index = PageLayout.index(of: node), index == open.last else { return }
            open.removeLast()
            if node.pointee.name.map({ fundstelle_xmlStrEqual($0, "a") != 0 }) == true, node.hasAttribute("href") { linkDepth -= 1 }
            if let last = blocks.last, last.index == index {
                blocks.removeLast()
                let plain = last.own - last.ownLinks
                layout.blockOwnText[index] = last.own
                let minimum = last.isParagraph ? PageLayout.paragraphLength : PageLayout.proseLength
                if last.own >= minimum, last.ownLinks * 2 < last.own, layout.kind[index] != .heading {
                    layout.ownProse[index] = plain
                }
            }
        }

        /// Element names as Strings, made once per distinct name (libxml2 interns names).
        private var names = ElementNameCache(fallback: "") { String(cString: $0) }

        private mutating func elementName(_ node: xmlNodePtr) -> String { names.value(of: node) }

        private mutating func countText(_ node: xmlNodePtr) {
            guard let content = node.pointee.content, let current = open.last else { return }
            var visible: Int32 = 0
            var p = content
            while p.pointee != 0 {
                if p.pointee > 0x20 { visible += 1 }
                p += 1
            }
            guard visible > 0 else { return }
            layout.ownText[current] += visible
            if linkDepth > 0 { layout.ownLinkText[current] += visible }
            if !blocks.isEmpty {
                blocks[blocks.count - 1].own += visible
                if linkDepth > 0 { blocks[blocks.count - 1].ownLinks += visible }
            }
        }

        private static func kind(of node: xmlNodePtr, name: String, role: HTMLElementRole) -> Kind {
            let ariaRole = node.attributeValue("role")
            if name == "main" || ariaRole.map({ fundstelle_xmlStrcasecmp($0, "main") == 0 }) == true { return .main }
            if name == "article" || ariaRole.map({ fundstelle_xmlStrcasecmp($0, "article") == 0 }) == true
                || node.attributeValue("itemprop").map({ fundstelle_xmlStrcasecmp($0, "articlebody") == 0 }) == true {
                return .article
            }
            if name == "body" { return .body }
            if case .heading = role { return .heading }
            switch name {
            case "ul", "ol", "dl", "table", "menu": return .list
            default: return .other
            }
        }
    }
}
