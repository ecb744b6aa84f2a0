import ArgumentParser
import FundstelleAnalysis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct StemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stem",
        abstract: "Stem words: one per line on stdin, their Snowball German stems on stdout.",
        discussion: "The contract of Snowball's own `stemwords`: line N of the output is the stem of line N of the input."
    )

    func run() throws {
        var stemmer = GermanStemmer()
        var lower: [UInt8] = []
        var stem: [UInt8] = []
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        while let line = readLine() {
            var word = line
            word.withUTF8 { Lowercaser.lowercase($0, into: &lower) }
            lower.withUnsafeBufferPointer { stemmer.stem($0, into: &stem) }
            out.append(contentsOf: stem)
            out.append(0x0A)
            if out.count >= 1 << 16 { flush(&out) }
        }
        flush(&out)
    }

    private func flush(_ out: inout [UInt8]) {
        print(String(decoding: out, as: UTF8.self), terminator: "")
        out.removeAll(keepingCapacity: true)
    }
}
