internal import CLibXML2

/// Maps element names to what the extractor does with them. libxml2 interns element names in
/// the document's dictionary, so after the first lookup of a name the role is found by pointer,
/// without building a String per element.
struct ElementRoleCache<Role> {
    private let roles: [String: Role]
    private let fallback: Role
    private var byNamePointer: [UnsafePointer<xmlChar>: Role] = [:]

    init(roles: [String: Role], fallback: Role) {
        self.roles = roles
        self.fallback = fallback
    }

    mutating func role(of element: xmlNodePtr) -> Role {
        guard let name = element.pointee.name else { return fallback }
        if let role = byNamePointer[name] { return role }
        let role = roles[String(cString: name)] ?? fallback
        byNamePointer[name] = role
        return role
    }
}
