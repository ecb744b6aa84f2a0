import FundstelleIndex
import FundstelleSearch
import Synchronization

/// The index as the server sees it: the snapshot of the newest commit, replaced when a writer
/// in another process commits. A request takes the current snapshot and keeps it to the end,
/// so requests in flight finish on the commit they started with.
public final class IndexService: Sendable {
    public let directory: String
    let timeBudget: Duration
    let reloadInterval: Duration
    private let state: Mutex<(snapshot: IndexSnapshot, checked: ContinuousClock.Instant)>

    /// Opens the newest commit of `directory`; throws when there is none or it is damaged.
    public init(directory: String, timeBudget: Duration = .seconds(2), reloadInterval: Duration = .milliseconds(500)) throws(IndexError) {
        self.directory = directory
        self.timeBudget = timeBudget
        self.reloadInterval = reloadInterval
        let snapshot = IndexSnapshot(try IndexReader.open(directory), timeBudget: timeBudget)
        state = Mutex((snapshot, ContinuousClock.now))
    }

    /// The snapshot to answer a request from. At most once per `reloadInterval` this lists the
    /// index folder; when a newer commit is there, it is opened (outside the lock) and swapped
    /// in. When the new commit cannot be opened, the old snapshot goes on serving.
    public func current() -> IndexSnapshot {
        let now = ContinuousClock.now
        let (snapshot, due) = state.withLock { s -> (IndexSnapshot, Bool) in
            let due = now - s.checked >= reloadInterval
            if due { s.checked = now }
            return (s.snapshot, due)
        }
        guard due, let newest = try? IndexReader.newestGeneration(directory), newest != snapshot.reader.generation,
              let reader = try? IndexReader.open(directory) else { return snapshot }
        let fresh = IndexSnapshot(reader, timeBudget: timeBudget)
        return state.withLock { s in
            if s.snapshot.reader.generation < fresh.reader.generation { s.snapshot = fresh }
            return s.snapshot
        }
    }
}

/// One commit of the index with searchers for it. A `Searcher` keeps buffers between queries
/// and must not be shared, so each request borrows one from the pool and gives it back.
public final class IndexSnapshot: Sendable {
    public let reader: IndexReader
    private let idle = Mutex<[PooledSearcher]>([])
    private let statistics = Mutex<IndexStatistics?>(nil)
    let timeBudget: Duration

    init(_ reader: IndexReader, timeBudget: Duration) {
        self.reader = reader
        self.timeBudget = timeBudget
    }

    /// Runs `body` with a searcher no other request uses meanwhile.
    public func withSearcher<T, E: Error>(_ body: (Searcher) throws(E) -> T) throws(E) -> T {
        let pooled = idle.withLock { $0.popLast() } ?? PooledSearcher(reader: reader, timeBudget: timeBudget)
        defer { idle.withLock { $0.append(pooled) } }
        return try body(pooled.searcher)
    }

    /// What the snapshot holds, counted once (a walk of every dictionary).
    public func stats() throws(IndexError) -> IndexStatistics {
        if let known = statistics.withLock({ $0 }) { return known }
        let counted = try IndexStatistics(reader)
        statistics.withLock { $0 = counted }
        return counted
    }
}

/// A searcher in the pool. It is handed to one request at a time (the pool's lock hands it out
/// and takes it back), which is what makes moving it between threads safe.
final class PooledSearcher: @unchecked Sendable {
    let searcher: Searcher

    init(reader: IndexReader, timeBudget: Duration) {
        searcher = Searcher(reader: reader)
        searcher.timeBudget = timeBudget
    }
}
