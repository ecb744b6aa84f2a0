internal import CLibXML2

/// Read-only helpers on libxml2 nodes that avoid copying: names and attribute values are
/// returned as pointers into the document, valid until it is freed.
extension UnsafeMutablePointer where Pointee == xmlNode {
    var isElement: Bool { pointee.type == XML_ELEMENT_NODE }

    /// Text and CDATA nodes.
    var isText: Bool { pointee.type == XML_TEXT_NODE || pointee.type == XML_CDATA_SECTION_NODE }

    /// Exact (case-sensitive) element name comparison, for XML vocabularies.
    func hasName(_ name: StaticString) -> Bool {
        guard let own = pointee.name else { return false }
        return fundstelle_xmlStrEqual(own, name.utf8Start) != 0
    }

    /// The text of the attribute (name compared case-insensitively); nil when absent or empty.
    func attributeValue(_ name: StaticString) -> UnsafePointer<UInt8>? {
        guard let attribute = findAttribute(name), let text = attribute.pointee.children,
              let content = text.pointee.content else { return nil }
        return UnsafePointer(content)
    }

    /// The attribute's text as a String, whitespace-trimmed; nil when absent or blank.
    func attribute(_ name: StaticString) -> String? {
        guard let value = attributeValue(name) else { return nil }
        let text = String(cString: value).trimmingASCIIWhitespace()
        return text.isEmpty ? nil : text
    }

    func hasAttribute(_ name: StaticString) -> Bool {
        findAttribute(name) != nil
    }

    /// The first child element with this exact name.
    func child(named name: StaticString) -> xmlNodePtr? {
        firstChildElement { $0.hasName(name) }
    }

    /// The first child element that `matches`.
    func firstChildElement(where matches: (xmlNodePtr) -> Bool) -> xmlNodePtr? {
        var child = pointee.children
        while let node = child {
            if node.isElement, matches(node) { return node }
            child = node.pointee.next
        }
        return nil
    }

    /// Name comparison without the namespace prefix ("content:encoded" has local name "encoded").
    func hasLocalName(_ name: String) -> Bool {
        guard let own = pointee.name else { return false }
        return String(cString: own) == name
    }

    /// The first child element with this local name.
    func firstChild(named name: String) -> xmlNodePtr? {
        firstChildElement { $0.hasLocalName(name) }
    }

    /// The first element below this one (document order) with this local name.
    func firstDescendant(named name: String) -> xmlNodePtr? {
        var found: xmlNodePtr?
        forEachDescendant { node in
            if found != nil { return false }
            if node.hasLocalName(name) {
                found = node
                return false
            }
            return true
        }
        return found
    }

    /// Visits the elements below this one in document order; `visit` returns whether to go
    /// into the element's children. Iterative, so depth costs no stack.
    func forEachDescendant(_ visit: (xmlNodePtr) -> Bool) {
        withoutActuallyEscaping(visit) { visit in
            var visitor = DescendantVisitor(root: self, visit: visit)
            TreeWalker.walk(self, with: &visitor)
        }
    }

    /// The element children, in order.
    var childElements: [xmlNodePtr] {
        var elements: [xmlNodePtr] = []
        var child = pointee.children
        while let node = child {
            if node.isElement { elements.append(node) }
            child = node.pointee.next
        }
        return elements
    }

    private func findAttribute(_ name: StaticString) -> UnsafeMutablePointer<xmlAttr>? {
        var attribute = pointee.properties
        while let current = attribute {
            if fundstelle_xmlStrcasecmp(current.pointee.name, name.utf8Start) == 0 { return current }
            attribute = current.pointee.next
        }
        return nil
    }
}

/// Calls a closure for each element below `root`; what it returns decides whether to descend.
private struct DescendantVisitor: TreeVisitor {
    let root: xmlNodePtr
    let visit: (xmlNodePtr) -> Bool

    mutating func enter(_ node: xmlNodePtr) -> Bool {
        guard node.isElement else { return false }
        return node == root || visit(node)
    }

    mutating func leave(_ node: xmlNodePtr) {}
}
