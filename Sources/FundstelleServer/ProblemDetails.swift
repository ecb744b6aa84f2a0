import FundstelleSearch
import HTTPTypes

/// An error answer as an RFC 9457 problem document:
/// `{"type","title","status","detail","instance"?,"parameter"?}` as `application/problem+json`.
struct ProblemDetails: Error, Sendable, Equatable {
    var status: HTTPResponse.Status
    var detail: String
    /// The request parameter at fault, when one is.
    var parameter: String?
    /// Seconds after which a retry may succeed (sent as Retry-After).
    var retryAfter: Int?
    /// The methods allowed (sent as Allow with 405).
    var allow: String?

    static func badParameter(_ name: String, _ detail: String) -> ProblemDetails {
        ProblemDetails(status: .badRequest, detail: "parameter '\(name)': \(detail)", parameter: name)
    }

    static func notFound(_ detail: String) -> ProblemDetails {
        ProblemDetails(status: .notFound, detail: detail)
    }

    /// The problem's type: a short name under the server's own `/problems/`, so a client can
    /// tell the kinds apart without parsing `detail`.
    var type: String {
        switch status.code {
        case 400: "/problems/bad-parameter"
        case 404: "/problems/not-found"
        case 405: "/problems/method-not-allowed"
        case 503: "/problems/unavailable"
        default: "about:blank"
        }
    }

    func json(instance: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string(type, key: "type")
        w.string(status.reasonPhrase, key: "title")
        w.number(status.code, key: "status")
        w.string(detail, key: "detail")
        w.string(instance, key: "instance")
        if let parameter { w.string(parameter, key: "parameter") }
        w.endObject()
        return w.output
    }
}
