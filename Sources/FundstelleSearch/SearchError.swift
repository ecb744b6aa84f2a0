import FundstelleIndex

/// Why a search gave no result.
public enum SearchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The index could not be read.
    case index(IndexError)
    /// The search ran past `Searcher.timeBudget` and stopped.
    case overTimeBudget(Duration)

    public var description: String {
        switch self {
        case .index(let error):
            error.description
        case .overTimeBudget(let budget):
            "the query took longer than its time budget of \(budget.components.seconds * 1000 + budget.components.attoseconds / 1_000_000_000_000_000) ms"
        }
    }
}
