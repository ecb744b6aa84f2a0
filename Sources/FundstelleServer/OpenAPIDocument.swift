import Foundation

/// `openapi.json` (kept beside this file, copied into the build as a resource): the
/// OpenAPI 3.1 description of the JSON endpoints, served at `/openapi.json`.
enum OpenAPIDocument {
    static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            return #"{"openapi":"3.1.0","info":{"title":"Fundstelle","version":"0"},"paths":{},"x-error":"openapi.json is missing from the build's resources"}"#
        }
        return text
    }()
}
