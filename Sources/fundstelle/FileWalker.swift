#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the files below the paths given to `fundstelle index`, in byte order of their
/// relative path, so the same tree always gives the same document order.
///
/// Hidden files and folders (names starting with ".") are left out. Symbolic links to
/// folders are not followed (a mirror's links must not lead out of it, nor in circles); links
/// to files are when the file is inside the folder being walked, and reported otherwise.
struct FileWalker {
    struct Entry {
        /// Path to open.
        var path: String
        /// Path relative to the indexed root, as the index stores it.
        var relative: String
        var size: Int
        /// Modification time, nanoseconds since 1970.
        var modified: Int64 = 0
    }

    static func modified(_ st: stat) -> Int64 {
        Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }

    struct Problem: Error {
        var path: String
        var reason: String
    }

    private(set) var entries: [Entry] = []
    private(set) var problems: [Problem] = []
    /// The real path of the folder being walked, for confining symbolic links.
    private var confinement = ""

    /// The root the relative paths are taken from: the single folder given, else the current folder.
    static func root(for paths: [String]) -> String {
        if paths.count == 1, isDirectory(paths[0]) { return paths[0] }
        return "."
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    init(paths: [String]) {
        let root = FileWalker.root(for: paths)
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else {
                problems.append(Problem(path: path, reason: String(cString: strerror(errno))))
                continue
            }
            if st.st_mode & S_IFMT == S_IFDIR {
                confinement = FileWalker.realPath(path) ?? path
                walk(path, relative: path == root ? "" : FileWalker.relative(path, to: root))
            } else {
                entries.append(Entry(path: path, relative: FileWalker.relative(path, to: root), size: Int(st.st_size), modified: FileWalker.modified(st)))
            }
        }
        entries.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func relative(_ path: String, to root: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        if root != ".", p.hasPrefix(root + "/") { p.removeFirst(root.count + 1) }
        return p
    }

    private mutating func walk(_ directory: String, relative: String) {
        guard let dir = opendir(directory) else {
            problems.append(Problem(path: directory, reason: String(cString: strerror(errno))))
            return
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(dir)
        for name in names {
            let path = directory + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else {
                problems.append(Problem(path: path, reason: String(cString: strerror(errno))))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, relative: rel)
            case S_IFREG:
                entries.append(Entry(path: path, relative: rel, size: Int(st.st_size), modified: FileWalker.modified(st)))
            case S_IFLNK:
                var target = stat()
                guard stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG else { continue }
                guard let real = FileWalker.realPath(path), real.hasPrefix(confinement + "/") else {
                    problems.append(Problem(path: path, reason: "symbolic link leads out of the indexed folder"))
                    continue
                }
                entries.append(Entry(path: path, relative: rel, size: Int(target.st_size), modified: FileWalker.modified(target)))
            default:
                break
            }
        }
    }
}

/// Reads a whole file. Throws a readable reason.
func readFile(_ path: String) throws(FileWalker.Problem) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw FileWalker.Problem(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw FileWalker.Problem(path: path, reason: String(cString: strerror(errno))) }
    // Read into uninitialised memory: zero-filling the buffer first cost as much as the read.
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: Int(st.st_size)) { buffer, count in
        var done = 0
        while done < buffer.count {
            let n = read(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            if n == 0 { break }
            done += n
        }
        count = done
    }
    if failure != 0 { throw FileWalker.Problem(path: path, reason: String(cString: strerror(failure))) }
    return bytes
}
