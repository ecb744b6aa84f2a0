internal import CLibXML2

/// Receives the nodes of a libxml2 tree in document order.
protocol TreeVisitor {
    /// Called on reaching a node. Return true to descend into an element's children; a node
    /// for which this returns true later gets exactly one `leave`.
    mutating func enter(_ node: xmlNodePtr) -> Bool
    mutating func leave(_ node: xmlNodePtr)
}

/// The text nodes below an element, joined (each followed by a space when `separated`), up to
/// `limit` bytes; `descend` decides which elements' contents count.
enum TreeText {
    static func bytes(
        of element: xmlNodePtr, limit: Int = .max, separated: Bool = false, descend: (xmlNodePtr) -> Bool = { _ in true }
    ) -> [UInt8] {
        withoutActuallyEscaping(descend) { descend in
            var reader = Reader(limit: limit, separated: separated, descend: descend)
            TreeWalker.walk(element, with: &reader)
            return reader.bytes
        }
    }

    private struct Reader: TreeVisitor {
        let limit: Int
        let separated: Bool
        let descend: (xmlNodePtr) -> Bool
        var bytes: [UInt8] = []

        mutating func enter(_ node: xmlNodePtr) -> Bool {
            if node.isText, let content = node.pointee.content, bytes.count < limit {
                var p = content
                while p.pointee != 0, bytes.count < limit {
                    bytes.append(p.pointee)
                    p += 1
                }
                if separated { bytes.append(0x20) }
            }
            return node.isElement && descend(node)
        }

        mutating func leave(_ node: xmlNodePtr) {}
    }
}

/// Depth-first traversal without recursion or a stack: it follows the tree's own
/// `children`/`next`/`parent` links, so a page nested 100,000 levels deep costs nothing extra.
enum TreeWalker {
    static func walk<Visitor: TreeVisitor>(_ root: xmlNodePtr, with visitor: inout Visitor) {
        var current = root
        while true {
            let entered = visitor.enter(current)
            // Only elements: an entity reference's children belong to the entity declaration,
            // whose parent links do not lead back here.
            if entered, current.isElement, let child = current.pointee.children {
                current = child
                continue
            }
            if entered { visitor.leave(current) }
            while current != root, current.pointee.next == nil, let parent = current.pointee.parent {
                current = parent
                visitor.leave(current)
            }
            guard current != root, let next = current.pointee.next else { return }
            current = next
        }
    }
}
