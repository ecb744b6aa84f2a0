internal import CLibXML2

/// Renders gii-norm text markup (`<P>`, `<DL>`, tables, `<BR/>`) as paragraphs or, for
/// metadata such as `<titel>`, as one line. Reused for every norm of a file.
struct LawTextCollector: TreeVisitor {
    private var roles = ElementNameCache(roles: LawElementRole.byName, fallback: .inline)
    private var buffer: TextBuffer
    private var preformattedDepth = 0

    /// `paragraphSeparator` "\n" for a norm's body, a space for one-line metadata.
    init(paragraphSeparator: UInt8) {
        buffer = TextBuffer(paragraphSeparator: paragraphSeparator)
    }

    /// The text of the element and its descendants; "" when `element` is nil.
    mutating func text(of element: xmlNodePtr?) -> String {
        guard let element else { return "" }
        buffer.removeAll()
        preformattedDepth = 0
        TreeWalker.walk(element, with: &self)
        return buffer.text
    }

    mutating func enter(_ node: xmlNodePtr) -> Bool {
        if node.isText, let content = node.pointee.content {
            buffer.append(cString: content, keepingLineBreaks: preformattedDepth > 0)
            return false
        }
        guard node.isElement else { return false }
        switch roles.value(of: node) {
        case .skipped: return false
        case .block: buffer.endParagraph()
        case .preformatted:
            buffer.endParagraph()
            preformattedDepth += 1
        case .inline, .term, .item, .cell: break
        }
        return true
    }

    mutating func leave(_ node: xmlNodePtr) {
        switch roles.value(of: node) {
        case .block, .item: buffer.endParagraph()
        case .term, .cell: buffer.separateWords()
        case .preformatted:
            preformattedDepth -= 1
            buffer.endParagraph()
        case .inline, .skipped: break
        }
    }
}
