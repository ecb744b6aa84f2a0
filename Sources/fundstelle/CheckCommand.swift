import ArgumentParser
import FundstelleIndex

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify an index: checksums, dictionary order, every posting list, every stored document.",
        discussion: """
            Reads the whole index. Prints what was checked and exits 0 when all is well;
            names the damaged file and exits 1 otherwise. A damaged index is repaired by
            indexing again (the previous commit stays readable until a new one is
            complete).
            """
    )

    @OptionGroup var location: IndexLocation

    func run() throws {
        try failing {
            let clock = ContinuousClock()
            let started = clock.now
            let reader = try openIndex(location.directory)
            let report = try indexCall(location.directory) { () throws(IndexError) in try reader.check() }
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("OK: \(location.directory), generation \(reader.generation): \(report.segments) segment\(report.segments == 1 ? "" : "s"), \(report.documents) documents (\(report.deleted) deleted), \(report.keys) keys, \(report.postings) postings, \(formatBytes(report.bytes)) checked in \(fixed(seconds, digits: 2)) s")
        }
    }
}
