#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func printError(_ text: String) {
    var line = text.hasSuffix("\n") ? text : text + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Options in the form `--name value` and flags `--name`; everything else is positional.
struct Arguments {
    private(set) var options: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positional: [String] = []

    init(_ arguments: [String], options known: Set<String>, flags knownFlags: Set<String> = []) throws {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" {
                positional.append(contentsOf: arguments[(i + 1)...])
                break
            }
            if a.hasPrefix("--") {
                var name = String(a.dropFirst(2))
                var value: String?
                if let eq = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if knownFlags.contains(name) {
                    guard value == nil else { throw UsageError("--\(name) takes no value") }
                    flags.insert(name)
                } else if known.contains(name) {
                    if value == nil {
                        i += 1
                        guard i < arguments.count else { throw UsageError("--\(name) needs a value") }
                        value = arguments[i]
                    }
                    options[name] = value
                } else {
                    throw UsageError("unknown option --\(name)")
                }
            } else {
                positional.append(a)
            }
            i += 1
        }
    }

    func string(_ name: String) -> String? { options[name] }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = options[name] else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw UsageError("--\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    func double(_ name: String) throws -> Double? {
        guard let text = options[name] else { return nil }
        guard let x = Double(text), x.isFinite, x >= 0 else { throw UsageError("--\(name) must be a number ≥ 0") }
        return x
    }
}

/// Reads a whole file.
func readFile(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else {
        throw Failure("cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if n > 0 { result.append(contentsOf: chunk[0..<n]) }
        if n < chunk.count {
            if ferror(file) != 0 { throw Failure("cannot read '\(path)': \(String(cString: strerror(errno)))") }
            break
        }
    }
    return result
}

func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// The files under `path` (itself when it is a file), sorted, hidden entries left out.
func listFiles(_ path: String, extensions: Set<String>) throws -> [String] {
    guard isDirectory(path) else { return [path] }
    guard let dir = opendir(path) else { throw Failure("cannot open '\(path)': \(String(cString: strerror(errno)))") }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if !name.hasPrefix(".") { names.append(name) }
    }
    closedir(dir)
    var result: [String] = []
    for name in names.sorted() {
        let full = path.hasSuffix("/") ? path + name : path + "/" + name
        if isDirectory(full) {
            result += try listFiles(full, extensions: extensions)
        } else if let dot = name.lastIndex(of: "."), extensions.contains(name[name.index(after: dot)...].lowercased()) {
            result.append(full)
        }
    }
    return result
}

/// Monotonic time in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Nearest-rank percentile of sorted values (p in 0...100).
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// `x` with `digits` decimals.
func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return String(x) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let negative = x < 0
    let n = Int((abs(x) * scale).rounded())
    let whole = n / Int(scale)
    var text = String(whole)
    if digits > 0 {
        var frac = String(n % Int(scale))
        while frac.count < digits { frac = "0" + frac }
        text += "." + frac
    }
    return negative && n != 0 ? "-" + text : text
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
