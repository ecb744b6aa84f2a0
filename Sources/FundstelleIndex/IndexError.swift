/// Errors of the index, each naming the file or folder it concerns.
public enum IndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No commit in the folder: nothing was ever indexed there.
    case missing(directory: String)
    /// A file of the index fails its checks (truncated, foreign, wrong checksum).
    case corrupt(file: String, reason: String)
    /// Written by a newer or older Fundstelle whose format this one cannot read.
    case unsupportedVersion(file: String, version: UInt32)
    /// Another process holds the writer's lock.
    case locked(directory: String)
    /// A system call failed.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let dir):
            "no index in '\(dir)'"
        case .corrupt(let file, let reason):
            "index file '\(file)' is damaged: \(reason)"
        case .unsupportedVersion(let file, let version):
            "index file '\(file)' has format version \(version), this build reads version \(IndexFormat.version)"
        case .locked(let dir):
            "another process is writing the index in '\(dir)' (it holds '\(dir)/write.lock')"
        case .io(let path, let reason):
            "'\(path)': \(reason)"
        }
    }
}

/// Constants of the on-disk format (see FORMAT.md).
public enum IndexFormat {
    public static let version: UInt32 = 9
    static let segmentMagic: UInt32 = 0x4745_5346  // "FSEG" little-endian
    static let commitMagic: UInt32 = 0x544D_4346  // "FCMT"
    static let footerMagic: UInt32 = 0x444E_4546  // "FEND"
    static let termsPerBlock = 32
}
