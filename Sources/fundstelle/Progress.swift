#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of an indexing run on stderr: a bar redrawn in place on a terminal,
/// otherwise a plain line every 10 %.
struct Progress {
    let total: Int
    let interactive = Terminal.stderrIsTerminal
    private var lastDraw: Double = 0
    private var lastDecile = 0
    private let started = Progress.now()

    init(total: Int) { self.total = total }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Says that a segment is being written (the bar would otherwise stand still for seconds).
    func writingSegment(_ number: Int, documents: Int) {
        let seconds = Int((Progress.now() - started).rounded())
        let line = "writing segment \(number): analysing \(documents) documents, splitting compounds, \(seconds) s"
        Terminal.status(interactive ? "\r\u{1B}[K\(line)\n" : line + "\n")
    }

    mutating func update(done: Int, documents: Int) {
        guard total > 0 else { return }
        if interactive {
            let t = Progress.now()
            guard t - lastDraw >= 0.1 || done == total else { return }
            lastDraw = t
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            Terminal.status("\r\(bar) \(done)/\(total) files, \(documents) documents")
            if done == total { Terminal.status("\n") }
        } else {
            let decile = 10 * done / total
            guard decile > lastDecile else { return }
            lastDecile = decile
            let seconds = (Progress.now() - started).rounded()
            Terminal.status("indexed \(done)/\(total) files (\(decile * 10) %), \(documents) documents, \(Int(seconds)) s\n")
        }
    }
}
