/// A link from one page to another, as the page wrote it: where it points and what it says.
///
/// The text of the links that point to a page ("anchor text") names that page the way its
/// neighbours see it: a table of contents lists each page's heading, a menu names a page
/// in the words people look for. The index gathers it for each target (see `LinkTarget`).
public struct Link: Sendable, Equatable, Codable {
    /// The target as a key of `LinkTarget`: "//host/path" for a URL, else a path relative
    /// to the indexed root.
    public var target: String
    /// The link's text (image links: their alt text), whitespace collapsed.
    public var text: String

    public init(target: String, text: String) {
        self.target = target
        self.text = text
    }
}

/// Turns the targets of links and the addresses of documents into one kind of key, so a
/// link can be matched with the document it points to.
///
/// A URL key is "//" + host (lower-cased) + path (+ "?query"), without scheme, port, fragment
/// or a final "index.html"/"/"; a path key is a path relative to the indexed root, with "."
/// and ".." resolved and the same ending removed. Percent escapes are decoded in both, so
/// "F%C3%B6rderung.html" and "Förderung.html" meet.
public enum LinkTarget {
    /// Most links kept per page (a sitemap page lists many; past this they add nothing).
    public static let maximumLinks = 2000
    /// Longest link text kept, in bytes.
    public static let maximumTextLength = 200

    /// The key of the target of `href` on the page at `path` (relative to the root) whose
    /// URL is `url` ("" when unknown); nil for links that lead to no document (fragments of
    /// the same page, mail, scripts, other schemes, paths above the root).
    ///
    /// Works on UTF-8 bytes: a page has dozens of links and the indexer reads them all.
    public static func resolve(_ href: String, path: String, url: String) -> String? {
        var reference = Array(href.utf8)
        while let last = reference.last, last.isASCIIWhitespace { reference.removeLast() }
        let start = reference.firstIndex { !$0.isASCIIWhitespace } ?? reference.count
        if start > 0 { reference.removeFirst(start) }
        guard let first = reference.first, first != hash else { return nil }
        if let h = reference.firstIndex(of: hash) { reference.removeSubrange(h...) }
        if let scheme = schemeLength(reference) {
            guard isHTTP(reference[..<scheme]) else { return nil }
            return urlKey(reference)
        }
        if reference.starts(with: [slash, slash]) { return urlKey(Array("https:".utf8) + reference) }
        let base = Array(url.utf8)
        if let parts = splitURL(base) {
            // Relative to the page's URL.
            var joined: [UInt8]
            if first == slash {
                joined = reference
            } else if first == question {
                joined = parts.path + reference
            } else {
                joined = directory(of: parts.path) + reference
            }
            guard let resolved = removeDotSegments(&joined, absolute: true) else { return nil }
            return key(host: parts.host, path: resolved)
        }
        // Relative to the page's path in the indexed folder (a mirror without URLs).
        guard !path.utf8.contains(hash) else { return nil }
        var joined = first == slash ? Array(reference.dropFirst()) : directory(of: Array(path.utf8)) + reference
        guard let resolved = removeDotSegments(&joined, absolute: false) else { return nil }
        return String(decoding: normalized(resolved), as: UTF8.self)
    }

    /// The key a document is found under by its path (relative to the root); nil for records
    /// inside a file ("laws.xml#id"), which no link reaches by path.
    public static func key(path: String) -> String? {
        var bytes = Array(path.utf8)
        guard !bytes.isEmpty, !bytes.contains(hash), let resolved = removeDotSegments(&bytes, absolute: false) else { return nil }
        return String(decoding: normalized(resolved), as: UTF8.self)
    }

    /// The key a document is found under by its URL; nil when `url` is no http(s) URL.
    public static func key(url: String) -> String? {
        var bytes = Array(url.utf8)
        guard let scheme = schemeLength(bytes), isHTTP(bytes[..<scheme]) else { return nil }
        if let h = bytes.firstIndex(of: hash) { bytes.removeSubrange(h...) }
        return urlKey(bytes)
    }

    // MARK: Pieces

    private static let slash = UInt8(ascii: "/"), hash = UInt8(ascii: "#"), question = UInt8(ascii: "?")
    private static let dot = UInt8(ascii: "."), colon = UInt8(ascii: ":")

    /// "//host/path?query" of an absolute http(s) URL.
    private static func urlKey(_ url: [UInt8]) -> String? {
        guard var parts = splitURL(url), let path = removeDotSegments(&parts.path, absolute: true) else { return nil }
        return key(host: parts.host, path: path)
    }

    private static func key(host: [UInt8], path: [UInt8]) -> String {
        String(decoding: [slash, slash] + host + normalized(path), as: UTF8.self)
    }

    /// Host (lower-cased, without port or user) and path with query ("/" when empty).
    private static func splitURL(_ url: [UInt8]) -> (host: [UInt8], path: [UInt8])? {
        guard let scheme = schemeLength(url), url.count >= scheme + 3, url[scheme + 1] == slash, url[scheme + 2] == slash else { return nil }
        let hostStart = scheme + 3
        let hostEnd = url[hostStart...].firstIndex { $0 == slash || $0 == question } ?? url.count
        var host = url[hostStart..<hostEnd]
        if let at = host.lastIndex(of: UInt8(ascii: "@")) { host = host[(at + 1)...] }
        if let port = host.lastIndex(of: colon), !host.contains(UInt8(ascii: "]")) { host = host[..<port] }
        guard !host.isEmpty else { return nil }
        var path = Array(url[hostEnd...])
        if path.first != slash { path.insert(slash, at: 0) }
        return (host.map(\.asciiLowercased), path)
    }

    /// The length of the scheme of an absolute reference ("https" → 5), nil for a relative one.
    private static func schemeLength(_ reference: [UInt8]) -> Int? {
        guard let first = reference.first, first.isASCIILetter else { return nil }
        for (i, b) in reference.enumerated().dropFirst() {
            if b == colon { return i }
            guard b.isASCIILetter || (b &- 0x30) < 10 || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == dot else { return nil }
        }
        return nil
    }

    private static func isHTTP(_ scheme: ArraySlice<UInt8>) -> Bool {
        let lower = scheme.map(\.asciiLowercased)
        return lower.elementsEqual("http".utf8) || lower.elementsEqual("https".utf8)
    }

    /// Everything up to and including the last "/" of the path part (the query left out).
    private static func directory(of path: [UInt8]) -> [UInt8] {
        let end = path.firstIndex(of: question) ?? path.count
        guard let last = path[..<end].lastIndex(of: slash) else { return [] }
        return Array(path[...last])
    }

    /// Resolves "." and ".." segments (RFC 3986, 5.2.4) and decodes percent escapes; nil
    /// when a relative path climbs above the root.
    private static func removeDotSegments(_ path: inout [UInt8], absolute: Bool) -> [UInt8]? {
        let queryStart = path.firstIndex(of: question) ?? path.count
        var output: [UInt8] = []
        output.reserveCapacity(path.count)
        // Segment starts in `output`, to drop the last on "..".
        var starts: [Int] = []
        var i = 0
        while true {
            let end = path[i..<queryStart].firstIndex(of: slash) ?? queryStart
            let isLast = end == queryStart
            let length = end - i
            if length == 1 && path[i] == dot {
                if isLast { starts.append(output.count) }
            } else if length == 2 && path[i] == dot && path[i + 1] == dot {
                if starts.count <= (absolute ? 1 : 0) {
                    if !absolute { return nil }
                } else {
                    output.removeSubrange((starts.removeLast() - (starts.isEmpty ? 0 : 1))...)
                }
                if isLast {
                    if !starts.isEmpty || !output.isEmpty { output.append(slash) }
                    starts.append(output.count)
                }
            } else {
                if !starts.isEmpty { output.append(slash) }
                starts.append(output.count)
                output.append(contentsOf: path[i..<end])
            }
            if isLast { break }
            i = end + 1
        }
        percentDecode(&output)
        output.append(contentsOf: path[queryStart...])
        return output
    }

    /// Without a final "index.html" (or .htm, .php, …; not before a query) and without a final "/".
    private static func normalized(_ path: [UInt8]) -> [UInt8] {
        var path = path
        if !path.contains(question) {
            for index in indexNames where path.count >= index.count && path.suffix(index.count).elementsEqual(index)
                && (path.count == index.count || path[path.count - index.count - 1] == slash) {
                path.removeLast(index.count)
                break
            }
        }
        let queryStart = path.firstIndex(of: question) ?? path.count
        var end = queryStart
        while end > 0, path[end - 1] == slash { end -= 1 }
        if end < queryStart { path.removeSubrange(end..<queryStart) }
        return path
    }

    private static let indexNames = ["index.html", "index.htm", "index.php", "index.shtml", "default.htm", "default.aspx"].map { Array($0.utf8) }

    /// `%XX` escapes decoded when the result is UTF-8; otherwise the bytes as they were.
    private static func percentDecode(_ bytes: inout [UInt8]) {
        guard bytes.contains(UInt8(ascii: "%")) else { return }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                decoded.append(high << 4 | low)
                i += 3
            } else {
                decoded.append(bytes[i])
                i += 1
            }
        }
        if String(validating: decoded, as: UTF8.self) != nil { bytes = decoded }
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
