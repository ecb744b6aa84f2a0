internal import CLibXML2

/// Decides which elements of a page are its content, from the figures of `PageLayout`.
///
/// 1. **Pruning.** Elements that name themselves template parts (nav, footer, `role=banner`,
///    `class="cookie-banner"`, … see `Boilerplate`) are left out with everything in them. A
///    header stays when it holds the page's h1 (an article's header, not the site's) or
///    paragraphs. A class or id name does not prune an element holding half the page's prose:
///    that is a wrapper with an unlucky name ("page has-sidebar"), not a box beside the
///    content. When pruning would take most of the prose, boxes (asides, "comments") stay:
///    they are the content (a forum's posts, an article in an `<aside>`).
/// 2. **The content root.** Of what remains, prose (paragraphs of running text) marks the
///    content. A `<main>` or `<article>` holding most of the prose is the root (the tightest
///    such); else the root is the deepest container that still holds most of the prose, found
///    by descending from the body into the child with the most prose. A page with hardly any
///    prose (a list, a form, a table) keeps its whole body as the root.
/// 3. **Link lists and lines.** Inside the root, blocks and lists that are mostly link text
///    with little else (menus the page did not name, tag lists) are left out, and so are short
///    lines of page furniture ("Foto: …", "Teilen", a date alone) and sections a line such as
///    "Mehr zum Thema" or "Über den Autor" introduces (`Boilerplate.line`). The lines of a
///    block of text (between `<br>`s) are read the same way, and a label ending in a colon
///    goes with the list it introduced when that list went ("Darstellung:").
///
/// Headings, paragraphs, lists, tables and captions inside the root stay; text outside the
/// root or in a left-out element is not the page's text (the extractor still reads dates and
/// the h1 from there for the page's metadata).
struct MainContent {
    /// `visible[i]`: element i is inside the content root and in no left-out element.
    let visible: [Bool]

    /// Share of the page's prose that the content root must hold.
    static let rootShare = 0.85
    /// Share of the prose a `<main>`/`<article>` must hold to be the root.
    static let semanticShare = 0.6
    /// Share of the prose an element marked `itemprop="articleBody"` must hold to be the root.
    static let articleBodyShare = 0.2
    /// Below this much prose (visible bytes) a page is a list or form: its body is the root.
    static let minimumProse: Int32 = 200
    /// Pruning may remove at most this share of a page's prose…
    static let prunedProseLimit = 0.3
    /// … unless a paragraph of prose remains: a short post above a long comment thread or
    /// beside full sidebars and an author box is still the content.
    static let remainingProse = PageLayout.paragraphLength
    /// A block is a link list when links are at least this share of its text…
    static let linkListShare = 0.6
    /// … and it has fewer visible bytes than this outside links.
    static let linkListPlainText: Int32 = 300
    /// Longest category label (visible bytes) that a class name leaves out ("Promis").
    static let shortLabel: Int32 = 40
    /// Longest label (visible bytes) that goes with the list it introduces.
    static let labelLength: Int32 = 60

    init(_ layout: PageLayout) {
        let n = layout.count
        guard n > 0, layout.body >= 0 else {
            visible = []
            return
        }
        let parent = layout.parent
        // Figures of whole subtrees, every element counted (children follow their parents).
        var text = layout.ownText, prose = layout.ownProse, hasH1 = layout.isTopHeading
        for i in stride(from: n - 1, to: 0, by: -1) where parent[i] >= 0 {
            let p = Int(parent[i])
            text[p] += text[i]
            prose[p] += prose[i]
            if hasH1[i] { hasH1[p] = true }
        }
        let body = layout.body
        let pageProse = prose[body]

        var pruned = [Bool](repeating: false, count: n)
        for i in 0..<n {
            guard let reason = layout.boilerplate[i] else { continue }
            switch reason {
            case .template, .box:
                pruned[i] = !layout.boilerplateByName[i]
                    || (pageProse >= Self.minimumProse ? prose[i] * 2 < pageProse : text[i] * 2 < text[body])
            case .header:
                // A site header holds a logo, links and a search box, never paragraphs.
                pruned[i] = !hasH1[i] && prose[i] < Self.minimumProse
            case .label:
                pruned[i] = text[i] <= Self.shortLabel && prose[i] == 0 && !hasH1[i]
            }
        }

        // The same figures without the pruned subtrees.
        func clean(_ pruned: [Bool]) -> (text: [Int32], links: [Int32], prose: [Int32]) {
            var text = layout.ownText, links = layout.ownLinkText, prose = layout.ownProse
            for i in stride(from: n - 1, to: 0, by: -1) where parent[i] >= 0 && !pruned[i] {
                let p = Int(parent[i])
                text[p] += text[i]
                links[p] += links[i]
                prose[p] += prose[i]
            }
            return (text, links, prose)
        }
        var (cleanText, cleanLinks, cleanProse) = clean(pruned)
        // Pruning that takes most of the prose mistook the content for a box beside it (a
        // forum's posts named "comment", an article in an <aside>): boxes with paragraphs stay then.
        if pageProse >= Self.minimumProse, Double(cleanProse[body]) < Self.prunedProseLimit * Double(pageProse),
           cleanProse[body] < Self.remainingProse {
            for i in 0..<n where pruned[i] && layout.boilerplate[i] == .box && prose[i] >= PageLayout.paragraphLength {
                pruned[i] = false
            }
            (cleanText, cleanLinks, cleanProse) = clean(pruned)
        }
        var insidePruned = pruned
        for i in 0..<n where parent[i] >= 0 && insidePruned[Int(parent[i])] { insidePruned[i] = true }

        var root = body
        let contentProse = cleanProse[body]
        if contentProse >= Self.minimumProse {
            // A <main> is the page's own statement of its content; articles inside it are often
            // boxes of one page (a recipe's ingredients, its steps), so main wins over article.
            var semantic = -1
            // schema.org's articleBody names the article's text outright: it wins when it holds
            // a fair share of the prose, even where comments below it hold more (taz.de).
            for i in 0..<n where !insidePruned[i] && layout.kind[i] == .article
                && Double(cleanProse[i]) >= Self.articleBodyShare * Double(contentProse)
                && layout.nodes[i].attributeValue("itemprop").map({ fundstelle_xmlStrcasecmp($0, "articlebody") == 0 }) == true {
                if semantic < 0 || cleanProse[i] > cleanProse[semantic] { semantic = i }
            }
            for kind in [PageLayout.Kind.main, .article] where semantic < 0 {
                for i in 0..<n where !insidePruned[i] && layout.kind[i] == kind {
                    guard Double(cleanProse[i]) >= Self.semanticShare * Double(contentProse) else { continue }
                    if semantic < 0 || cleanText[i] < cleanText[semantic] { semantic = i }
                }
            }
            if semantic >= 0 {
                root = semantic
            } else {
                var bestChild = [Int](repeating: -1, count: n)
                for i in 0..<n where parent[i] >= 0 && !pruned[i] {
                    let p = Int(parent[i])
                    if bestChild[p] < 0 || cleanProse[i] > cleanProse[bestChild[p]] { bestChild[p] = i }
                }
                while bestChild[root] >= 0 {
                    let child = bestChild[root]
                    guard Double(cleanProse[child]) >= Self.rootShare * Double(contentProse),
                          Self.isContainer(layout.nodes[child]) else { break }
                    root = child
                }
            }
        }

        var visible = [Bool](repeating: false, count: n)
        var cut = [Bool](repeating: false, count: n)
        for i in root..<n {
            guard i == root || (parent[i] >= 0 && visible[Int(parent[i])]) else { continue }
            if insidePruned[i] || cut[i] { continue }
            if i != root, layout.isBlock[i] || layout.kind[i] == .list, cleanText[i] > 0,
               Double(cleanLinks[i]) >= Self.linkListShare * Double(cleanText[i]),
               cleanText[i] - cleanLinks[i] < Self.linkListPlainText {
                continue
            }
            // Lines are read where their text is (a block with text of its own), so nested blocks
            // are not read again and again.
            if i != root, layout.blockOwnText[i] > 0, cleanText[i] <= Boilerplate.lineLength,
               let line = Boilerplate.line(Self.text(of: layout.nodes[i], leavingOut: insidePruned)) {
                if line == .sectionIntro { Self.cutFollowingSiblings(of: i, layout: layout, text: cleanText, cut: &cut) }
                continue
            }
            // A link that is a line of furniture ("weiterlesen", "zurück zur Übersicht") outside
            // running text (in a sentence, a link saying "Kontakt" is a word of it).
            if layout.isLink[i], cleanText[i] <= Int32(Boilerplate.shortLineLength), !Self.isInProse(i, layout: layout),
               Boilerplate.line(Self.text(of: layout.nodes[i], leavingOut: insidePruned)) == .furniture {
                continue
            }
            visible[i] = true
        }
        /// Leaves out element i and everything in it (its subtree: the elements after it whose
        /// parent is it or after it).
        func leaveOut(_ i: Int) {
            visible[i] = false
            var j = i + 1
            while j < n, Int(parent[j]) >= i {
                visible[j] = false
                j += 1
            }
        }
        // A label ("Darstellung:", "Teilen auf:") whose list was left out goes with it: a short
        // element ending in a colon after which every sibling was left out, one with text.
        for i in (root + 1)..<max(root + 1, n) where visible[i] && cleanText[i] > 0 && cleanText[i] <= Self.labelLength {
            guard parent[i] >= 0, visible[Int(parent[i])] else { continue }
            var sibling = Self.nextElement(after: layout.nodes[i])
            var leftOutText = false
            while let current = sibling, let j = PageLayout.index(of: current), !visible[j] {
                if cleanText[j] > 0 { leftOutText = true }
                sibling = Self.nextElement(after: current)
            }
            guard sibling == nil, leftOutText,
                  Self.text(of: layout.nodes[i], leavingOut: insidePruned).last(where: { $0 > 0x20 }) == UInt8(ascii: ":")
            else { continue }
            leaveOut(i)
        }
        // Lines in a block of text (between two <br>, or a <br> and the block's edge) are read
        // as blocks are: two links or more with no text between them but separators are a menu
        // ("Online-Pressemappe | RSS-Feed abonnieren"), and a line of elements alone may be
        // furniture ("ANZEIGE – …", "Foto: …").
        for b in root..<n where visible[b] && layout.isBlock[b] && layout.blockOwnText[b] > 0 {
            var line: [Int] = []
            var links = 0, plain = 0, loose = 0  // loose: plain bytes of text nodes
            func endLine() {
                if links >= 2, plain <= 2 * (links - 1) {
                    for j in line { leaveOut(j) }
                } else if !line.isEmpty, loose == 0, plain <= Int(Boilerplate.shortLineLength) {
                    var text: [UInt8] = []
                    for j in line { text += Self.text(of: layout.nodes[j], leavingOut: insidePruned) + [0x20] }
                    if Boilerplate.line(text) != nil {  // furniture, or a line that introduces more ("Weitere Informationen hierzu …")
                        for j in line { leaveOut(j) }
                    }
                }
                line.removeAll(keepingCapacity: true)
                links = 0
                plain = 0
                loose = 0
            }
            var child = layout.nodes[b].pointee.children
            while let node = child {
                child = node.pointee.next
                if node.isText {
                    let bytes = Self.plainBytes(node)
                    plain += bytes
                    loose += bytes
                    continue
                }
                guard let j = PageLayout.index(of: node) else { continue }
                if layout.isBlock[j] {
                    endLine()
                    continue
                }
                guard visible[j] else { continue }
                line.append(j)
                if cleanLinks[j] > 0 { links += 1 }  // a link, or an element holding one
                plain += Int(cleanText[j] - cleanLinks[j])
            }
            endLine()
        }
        // The lede: an element schema.org marks as the article's description that stands before
        // the root (an excerpt between the headline and the text) is the page's too.
        if root != body {
            var ancestorOfRoot = [Bool](repeating: false, count: n)
            var a = Int(parent[root])
            while a >= 0 { ancestorOfRoot[a] = true; a = Int(parent[a]) }
            var lede = -1
            for i in body..<root where !ancestorOfRoot[i] && !insidePruned[i] && cleanProse[i] > 0
                && layout.nodes[i].attributeValue("itemprop").map({ fundstelle_xmlStrcasecmp($0, "description") == 0 }) == true {
                lede = i
            }
            if lede >= 0 {
                visible[lede] = true
                for i in (lede + 1)..<root where parent[i] >= 0 && visible[Int(parent[i])] && !insidePruned[i] { visible[i] = true }
            }
        }
        self.visible = visible
    }

    /// Whether the nearest block around element `index` is a paragraph of prose.
    private static func isInProse(_ index: Int, layout: PageLayout) -> Bool {
        var block = Int(layout.parent[index])
        while block >= 0, !layout.isBlock[block] { block = Int(layout.parent[block]) }
        return block >= 0 && layout.ownProse[block] > 0
    }

    /// Marks the element siblings after `index` (or after its nearest ancestor that has some,
    /// climbing only through short blocks) up to the next heading: the links and teasers a
    /// "Mehr zum Thema" introduces.
    private static func cutFollowingSiblings(of index: Int, layout: PageLayout, text: [Int32], cut: inout [Bool]) {
        var node = layout.nodes[index]
        while nextElement(after: node) == nil, let parent = node.pointee.parent,
              let p = PageLayout.index(of: parent), text[p] <= Int32(Boilerplate.shortLineLength) * 2 {
            node = parent
        }
        var sibling = nextElement(after: node)
        while let current = sibling {
            if let j = PageLayout.index(of: current) {
                if layout.kind[j] == .heading { return }
                cut[j] = true
            }
            sibling = nextElement(after: current)
        }
    }

    /// Bytes of a text node other than white space and the separators of a menu ("|", "·", "•", "-", "–", "/").
    private static func plainBytes(_ node: xmlNodePtr) -> Int {
        guard var p = node.pointee.content else { return 0 }
        var count = 0
        while p.pointee != 0 {
            let b = p.pointee
            if b == 0xC2, p[1] == 0xB7 || p[1] == 0xA0 {  // · and no-break space
                p += 2
                continue
            }
            if b == 0xE2, p[1] == 0x80, p[2] == 0xA2 || p[2] == 0x93 {  // • and –
                p += 3
                continue
            }
            if b > 0x20, b != UInt8(ascii: "|"), b != UInt8(ascii: "-"), b != UInt8(ascii: "/") { count += 1 }
            p += 1
        }
        return count
    }

    private static func nextElement(after node: xmlNodePtr) -> xmlNodePtr? {
        var next = node.pointee.next
        while let current = next, !current.isElement { next = current.pointee.next }
        return next
    }

    /// The text of a short element (its text nodes joined, up to a few hundred bytes), without
    /// that of the elements `leavingOut` marks (a button's label is not the line's).
    static func text(of element: xmlNodePtr, leavingOut: [Bool]) -> [UInt8] {
        TreeText.bytes(of: element, limit: 600, separated: true) { node in
            guard let index = PageLayout.index(of: node) else { return false }
            return !leavingOut[index]
        }
    }

    /// Elements whose children can be the content root: generic containers and layout tables,
    /// not paragraphs or list items (the root should hold a whole text, not one paragraph of it).
    private static func isContainer(_ node: xmlNodePtr) -> Bool {
        guard let name = node.pointee.name else { return false }
        for candidate in containerNames where fundstelle_xmlStrEqual(name, candidate.utf8Start) != 0 { return true }
        return false
    }

    private static let containerNames: [StaticString] = [
        "div", "section", "main", "article", "form", "span", "center", "font", "table", "tbody",
        "tr", "td", "body",
    ]
}
