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
        writeAll(STDERR_FILENO, message + "\n")
    }

    /// Writes to stderr as it is (progress lines).
    static func status(_ s: String) {
        writeAll(STDERR_FILENO, s)
    }

    /// Writes a line to stdout at once, unbuffered: for answers a script waits for.
    static func line(_ s: String) {
        writeAll(STDOUT_FILENO, s + "\n")
    }

    /// Writes all of `s` to the file descriptor (a pipe may take it in parts); gives up on an
    /// error other than an interruption (a closed pipe: the reader is gone).
    private static func writeAll(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                done += n
            }
        }
    }
}
