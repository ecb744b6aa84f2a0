import Hummingbird

/// Response bodies the server sends, all UTF-8.
enum Responses {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, type: "application/json; charset=utf-8", status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, type: "text/html; charset=utf-8", status: status)
    }

    static func problem(_ problem: ProblemDetails, instance: String) -> Response {
        var response = body(problem.json(instance: instance), type: "application/problem+json; charset=utf-8", status: problem.status)
        if let seconds = problem.retryAfter { response.headers[.retryAfter] = String(seconds) }
        if let allow = problem.allow { response.headers[.allow] = allow }
        return response
    }

    static func body(_ text: String, type: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: type, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
