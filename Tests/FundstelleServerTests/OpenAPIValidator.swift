import Foundation

/// Checks JSON values against the schemas of an OpenAPI 3.1 document: the subset of JSON
/// Schema the project's document uses ($ref, type, properties, required,
/// additionalProperties, items, prefixItems, minItems, maxItems, enum, pattern, minimum,
/// maximum, minLength, maxLength). Returns what does not fit, as JSON-pointer-like paths.
/// Immutable after `init`, so it can be shared between tests.
struct OpenAPIValidator: @unchecked Sendable {
    let document: [String: Any]

    init(_ data: Data) throws {
        guard let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ValidationFailure("the OpenAPI document is not a JSON object")
        }
        document = doc
    }

    struct ValidationFailure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// The schema the document gives for `GET path` answering `status` with `contentType`,
    /// or a failure when the document does not describe that response.
    func responseSchema(path: String, status: Int, contentType: String) throws -> [String: Any] {
        guard let paths = document["paths"] as? [String: Any],
              let item = paths[path] as? [String: Any], let get = item["get"] as? [String: Any],
              let responses = get["responses"] as? [String: Any] else {
            throw ValidationFailure("no GET \(path) in the document")
        }
        guard var response = responses[String(status)] as? [String: Any] else {
            throw ValidationFailure("GET \(path) does not document status \(status)")
        }
        if let ref = response["$ref"] as? String { response = try resolve(ref) }
        let mediaType = contentType.split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
        guard let content = response["content"] as? [String: Any], let media = content[mediaType] as? [String: Any],
              let schema = media["schema"] as? [String: Any] else {
            throw ValidationFailure("GET \(path) \(status) does not document content type \(mediaType)")
        }
        return schema
    }

    func resolve(_ ref: String) throws -> [String: Any] {
        guard ref.hasPrefix("#/") else { throw ValidationFailure("only local references: \(ref)") }
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            guard let object = node as? [String: Any], let next = object[String(part)] else {
                throw ValidationFailure("unresolved reference \(ref)")
            }
            node = next
        }
        guard let schema = node as? [String: Any] else { throw ValidationFailure("\(ref) is not an object") }
        return schema
    }

    /// Everything in `value` that `schema` does not allow.
    func errors(_ value: Any, _ schema: [String: Any], at path: String = "$") throws -> [String] {
        if let ref = schema["$ref"] as? String { return try errors(value, resolve(ref), at: path) }
        var found: [String] = []
        if let type = schema["type"] as? String, !Self.matches(value, type) {
            return ["\(path): expected \(type), got \(Swift.type(of: value))"]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { ($0 as? NSObject)?.isEqual(value) == true }) {
            found.append("\(path): \(value) is not one of \(allowed)")
        }
        if let s = value as? String {
            if let pattern = schema["pattern"] as? String, s.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): '\(s)' does not match \(pattern)")
            }
            if let n = schema["minLength"] as? Int, s.count < n { found.append("\(path): shorter than \(n)") }
            if let n = schema["maxLength"] as? Int, s.count > n { found.append("\(path): longer than \(n)") }
        }
        if let number = value as? NSNumber, !Self.isBool(number) {
            if let min = schema["minimum"] as? Double, number.doubleValue < min { found.append("\(path): \(number) < \(min)") }
            if let max = schema["maximum"] as? Double, number.doubleValue > max { found.append("\(path): \(number) > \(max)") }
        }
        if let array = value as? [Any] {
            if let n = schema["minItems"] as? Int, array.count < n { found.append("\(path): fewer than \(n) items") }
            if let n = schema["maxItems"] as? Int, array.count > n { found.append("\(path): more than \(n) items") }
            let prefix = schema["prefixItems"] as? [[String: Any]] ?? []
            for (i, element) in array.enumerated() {
                if i < prefix.count {
                    found += try errors(element, prefix[i], at: "\(path)[\(i)]")
                } else if let items = schema["items"] as? [String: Any] {
                    found += try errors(element, items, at: "\(path)[\(i)]")
                }
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): required '\(name)' is missing")
            }
            for (name, element) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] as? [String: Any] {
                    found += try errors(element, property, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += try errors(element, additional, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): '\(name)' is not in the schema")
                }
            }
        }
        return found
    }

    static func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "boolean": (value as? NSNumber).map(isBool) ?? false
        case "integer": (value as? NSNumber).map { !isBool($0) && $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": (value as? NSNumber).map { !isBool($0) } ?? false
        case "null": value is NSNull
        default: false
        }
    }

    /// JSONSerialization gives true and false as NSNumbers of type "c" (numbers never are).
    static func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }
}
