internal import CLibXML2

/// Something worked out once per element name (its role, the name as a String). libxml2
/// interns element names in the document's dictionary, so after the first element of a name
/// the value is found by pointer, without building a String per element: in a small
/// open-addressing table of pointers (a page has a few dozen distinct names), cheaper than
/// hashing each pointer into a `Dictionary`.
struct ElementNameCache<Role> {
    private let make: (UnsafePointer<xmlChar>) -> Role
    private let fallback: Role
    private static var slots: Int { 256 }
    private var names = [UnsafePointer<xmlChar>?](repeating: nil, count: slots)
    private var found: [Role]
    private var filled = 0

    /// `make` works a name's value out; `fallback` is for an element without a name.
    init(fallback: Role, make: @escaping (UnsafePointer<xmlChar>) -> Role) {
        self.make = make
        self.fallback = fallback
        found = [Role](repeating: fallback, count: Self.slots)
    }

    /// Roles by lower-case name, `fallback` for the names `roles` lacks.
    init(roles: [String: Role], fallback: Role) {
        self.init(fallback: fallback) { roles[String(cString: $0)] ?? fallback }
    }

    mutating func role(of element: xmlNodePtr) -> Role {
        guard let name = element.pointee.name else { return fallback }
        let mask = Self.slots - 1
        var slot = Int(bitPattern: UInt(bitPattern: name) >> 4) & mask
        while let known = names[slot] {
            if known == name { return found[slot] }
            slot = (slot + 1) & mask
        }
        let role = make(name)
        // Kept while the table is at most half full; beyond that (a page of hundreds of
        // made-up element names) the rest are looked up by string each time.
        if filled < Self.slots / 2 {
            names[slot] = name
            found[slot] = role
            filled += 1
        }
        return role
    }
}
