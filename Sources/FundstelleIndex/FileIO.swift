#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, throwing wrappers over the POSIX calls the index needs: every error names its path.
enum FileIO {
    static func errorText() -> String { String(cString: strerror(errno)) }

    static func fsyncDirectory(_ path: String) throws(IndexError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(path: path, reason: errorText()) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: path, reason: "fsync: \(errorText())") }
    }

    static func makeDirectory(_ path: String) throws(IndexError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw .io(path: path, reason: "exists and is not a folder") }
            return
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .io(path: path, reason: errorText()) }
    }

    static func listDirectory(_ path: String) throws(IndexError) -> [String] {
        guard let dir = opendir(path) else {
            if errno == ENOENT { throw .missing(directory: path) }
            throw .io(path: path, reason: errorText())
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func fileSize(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }

    /// Writes `bytes` to a new file (replacing one of the same name) and fsyncs it.
    static func writeDurably(_ path: String, _ bytes: [UInt8]) throws(IndexError) {
        let out = try OutputFile(path)
        try out.write(bytes)
        try out.finish()
    }
}

/// A file being written: appends, keeps a running CRC-32, fsyncs on finish. Writes go through
/// a buffer: a segment is written a few bytes per term, and a system call per term made
/// writing the full dump's segments take seconds.
final class OutputFile {
    let path: String
    private var fd: Int32
    private(set) var offset = 0
    private(set) var crc: UInt32 = 0
    private var buffer: [UInt8] = []
    /// Bytes gathered before they are written; larger pieces are written directly.
    static let bufferSize = 1 << 20

    init(_ path: String) throws(IndexError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .io(path: path, reason: FileIO.errorText()) }
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { if fd >= 0 { close(fd) } }

    func write(_ data: UnsafeRawBufferPointer) throws(IndexError) {
        guard data.count > 0 else { return }
        crc = CRC32.checksum(data, seed: crc)
        offset += data.count
        if buffer.count + data.count > Self.bufferSize { try flushBuffer() }
        if data.count >= Self.bufferSize {
            try writeAll(data)
        } else {
            buffer.append(contentsOf: data)
        }
    }

    func write(_ bytes: [UInt8]) throws(IndexError) {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { raw in Result { () throws(IndexError) in try write(raw) } }.get()
    }

    private func flushBuffer() throws(IndexError) {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { raw in Result { () throws(IndexError) in try writeAll(raw) } }.get()
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ data: UnsafeRawBufferPointer) throws(IndexError) {
        var done = 0
        while done < data.count {
            let n = Glibc.write(fd, data.baseAddress! + done, data.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: "write: \(FileIO.errorText())")
            }
            done += n
        }
    }

    /// Writes what is buffered, fsyncs and closes.
    func finish() throws(IndexError) {
        try flushBuffer()
        guard fsync(fd) == 0 else { throw .io(path: path, reason: "fsync: \(FileIO.errorText())") }
        guard close(fd) == 0 else { fd = -1; throw .io(path: path, reason: "close: \(FileIO.errorText())") }
        fd = -1
    }
}
