import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output helpers: colour only on a terminal (and not under NO_COLOR), buffered stdout.
enum Terminal {
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    static let colour = stdoutIsTerminal && getenv("NO_COLOR") == nil

    static func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    static func dim(_ s: String) -> String { colour ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
    static func green(_ s: String) -> String { colour ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
    static func highlight(_ s: String) -> String { colour ? "\u{1B}[1;33m\(s)\u{1B}[0m" : s }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Writes to stderr as it is (progress lines).
    static func status(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }

    /// Writes a line to stdout at once, unbuffered: for answers a script waits for.
    static func line(_ s: String) {
        FileHandle.standardOutput.write(Data((s + "\n").utf8))
    }
}
