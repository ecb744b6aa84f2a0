/// How `fundstelle serve` runs: where the index is, where to listen, and the limits it keeps.
public struct ServerConfiguration: Sendable {
    /// The index folder.
    public var directory: String
    public var host = "127.0.0.1"
    public var port = 8080
    /// Longest `q` accepted, in UTF-8 bytes; longer gives 400 (the searcher itself cuts at 4096).
    public var maximumQueryBytes = 4096
    /// Largest `limit` of one request.
    public var maximumLimit = 100
    /// Largest `offset` (deeper pages are not useful and cost a sort of every match).
    public var maximumOffset = 10_000
    /// How long one search may run; longer gives 503.
    public var timeBudget: Duration = .seconds(2)
    /// Requests handled at once; more give 503 with Retry-After.
    public var maximumConcurrentRequests = 256
    /// Origins allowed to call the API from a browser (CORS). Empty: CORS off; "*": any origin.
    public var corsOrigins: [String] = []
    /// How often a request looks for a newer commit of the index (a directory listing).
    public var reloadInterval: Duration = .milliseconds(500)

    public init(directory: String) { self.directory = directory }
}
