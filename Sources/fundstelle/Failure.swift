import ArgumentParser
import FundstelleIndex

/// A runtime failure: printed as `fundstelle: message` on stderr, exit code 1.
struct Failure: Error, CustomStringConvertible {
    var description: String

    init(_ message: String) { description = message }

    /// Index errors with the hint a person needs to fix them.
    init(_ error: IndexError, directory: String) {
        switch error {
        case .missing:
            description = "no index in '\(directory)'. Build one with: fundstelle index [PATH...] --index \(directory)"
        case .corrupt, .unsupportedVersion:
            description = "\(error). Rebuild the index with: fundstelle index [PATH...] --index \(directory)"
        default:
            description = error.description
        }
    }
}

/// Runs `body`, turning a `Failure` into a message on stderr and exit code 1.
func failing(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as Failure {
        Terminal.error("fundstelle: \(failure.description)")
        throw ExitCode.failure
    }
}

func openIndex(_ directory: String) throws -> IndexReader {
    try indexCall(directory) { () throws(IndexError) in try IndexReader.open(directory) }
}

/// Runs an index operation, turning its error into a `Failure` that says how to fix it.
func indexCall<T>(_ directory: String, _ body: () throws(IndexError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw Failure(error, directory: directory)
    }
}
