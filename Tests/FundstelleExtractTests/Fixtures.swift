import Foundation
import FundstelleExtract
import TestSupport

/// Helpers shared by the extractor tests.
enum Fixtures {
    /// Extracts a file that must yield exactly one document.
    static func single(_ bytes: [UInt8], path: String = "page.html") throws -> Document {
        let documents = try Extractor().extract(bytes, path: path)
        guard documents.count == 1 else { throw UnexpectedCount(count: documents.count) }
        return documents[0]
    }

    static func single(_ text: String, path: String = "page.html") throws -> Document {
        try single(Array(text.utf8), path: path)
    }

    /// Wraps body markup in a minimal UTF-8 page.
    static func page(body: String, head: String = "") -> String {
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\(head)</head><body>\(body)</body></html>"
    }

    /// Latin-1 bytes for a string whose characters are all below U+0100.
    static func latin1(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { UInt8($0.value) }
    }

    /// The project's `shared` folder (the parent of `SharedData.root`), nil when absent.
    static func sharedDirectory() -> URL? {
        SharedData.root.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
    }

    /// All regular files below a folder, with paths relative to it.
    static func files(under directory: URL) -> [(path: String, url: URL)] {
        guard let enumerator = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [(String, URL)] = []
        let prefix = directory.resolvingSymlinksInPath().path + "/"
        for case let url as URL in enumerator
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append((String(url.resolvingSymlinksInPath().path.dropFirst(prefix.count)), url))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    struct UnexpectedCount: Error {
        var count: Int
    }
}
