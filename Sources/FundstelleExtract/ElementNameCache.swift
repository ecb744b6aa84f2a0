internal import CLibXML2

/// Something worked out once per element name (its role, the name as a String). libxml2
/// interns element names in the document's dictionary, so after the first element of a name
/// the value is found by pointer, without building a String per element: in a small
/// open-addressing table of pointers (a page has a few dozen distinct names), cheaper than
/// hashing each pointer into a `Dictionary`.
struct ElementNameCache<Value> {
    private let make: (UnsafePointer<xmlChar>) -> Value
    private let fallback: Value
    private static var slots: Int { 256 }
    private var names = [UnsafePointer<xmlChar>?](repeating: nil, count: slots)
    private var found: [Value]
    private var filled = 0

    /// `make` works a name's value out; `fallback` is for an element without a name.
    init(fallback: Value, make: @escaping (UnsafePointer<xmlChar>) -> Value) {
        self.make = make
        self.fallback = fallback
        found = [Value](repeating: fallback, count: Self.slots)
    }

    /// Roles by lower-case name, `fallback` for the names `roles` lacks.
    init(roles: [String: Value], fallback: Value) {
        self.init(fallback: fallback) { roles[String(cString: $0)] ?? fallback }
    }

    mutating func value(of element: xmlNodePtr) -> Value {
        guard let name = element.pointee.name else { return fallback }
        let mask = Self.slots - 1
        var slot = Int(bitPattern: UInt(bitPattern: name) >> 4) & mask
        while let known = names[slot] {
            if known == name { return found[slot] }
            slot = (slot + 1) & mask
        }
        let value = make(name)
        // Kept while the table is at most half full; beyond that (a page of hundreds of
        // made-up element names) the rest are looked up by string each time.
        if filled < Self.slots / 2 {
            names[slot] = name
            found[slot] = value
            filled += 1
        }
        return value
    }
}
