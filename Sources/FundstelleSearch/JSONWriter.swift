/// Writes compact JSON in the order the fields are given (scripts and people read it in
/// that order). Strings are escaped per RFC 8259; non-ASCII is written as UTF-8.
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma = [false]

    public init() { output.reserveCapacity(1024) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    public mutating func endArray() { close("]") }

    private mutating func open(_ key: String?, _ bracket: String) {
        separate()
        if let key { writeKey(key) }
        output += bracket
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        needsComma.removeLast()
        output += bracket
    }

    private mutating func writeKey(_ key: String) {
        JSONWriter.quote(key, into: &output)
        output += ":"
    }

    public mutating func string(_ value: String, key: String? = nil) {
        separate()
        if let key { writeKey(key) }
        JSONWriter.quote(value, into: &output)
    }

    /// An array of strings.
    public mutating func strings(_ values: [String], key: String? = nil) {
        beginArray(key)
        for value in values { string(value) }
        endArray()
    }

    public mutating func number(_ value: Int, key: String? = nil) {
        separate()
        if let key { writeKey(key) }
        output += String(value)
    }

    /// Finite doubles with up to `digits` decimals; NaN and infinity become null.
    public mutating func number(_ value: Double, digits: Int = 4, key: String? = nil) {
        separate()
        if let key { writeKey(key) }
        guard value.isFinite else { output += "null"; return }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        output += rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    public mutating func bool(_ value: Bool, key: String? = nil) {
        separate()
        if let key { writeKey(key) }
        output += value ? "true" : "false"
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension SearchResult {
    /// The JSON shape of `fundstelle search --json` (and of the HTTP API):
    /// `{"query","total","partial","complete","took_ms","hits":[{"id","path","url","title","date","score","snippet","highlights","duplicates"?}]}`
    /// (`duplicates`, other paths with the same content, only when there are some).
    public func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string(query, key: "query")
        w.number(total, key: "total")
        w.bool(partial, key: "partial")
        w.number(complete, key: "complete")
        if truncated { w.bool(true, key: "truncated") }
        if let suggestion { w.string(suggestion, key: "did_you_mean") }
        if !warnings.isEmpty { w.strings(warnings, key: "warnings") }
        w.number(tookMilliseconds, digits: 3, key: "took_ms")
        w.beginArray("hits")
        for hit in hits {
            w.beginObject()
            w.string(hit.id, key: "id")
            w.string(hit.path, key: "path")
            w.string(hit.url, key: "url")
            w.string(hit.title, key: "title")
            w.string(hit.date, key: "date")
            w.number(Double(hit.score), digits: 4, key: "score")
            w.string(hit.snippet, key: "snippet")
            w.beginArray("highlights")
            for h in hit.highlights {
                w.beginArray()
                for v in h { w.number(v) }
                w.endArray()
            }
            w.endArray()
            if !hit.duplicates.isEmpty { w.strings(hit.duplicates, key: "duplicates") }
            if !hit.explanation.isEmpty {
                w.beginObject("explain")
                w.number(Double(hit.proximity), digits: 4, key: "proximity")
                w.beginArray("items")
                for e in hit.explanation {
                    w.beginObject()
                    w.string(e.item, key: "item")
                    w.number(Double(e.score), digits: 4, key: "score")
                    w.number(Double(e.idf), digits: 4, key: "idf")
                    w.beginObject("fields")
                    for f in e.fields { w.number(Double(f.tf), digits: 4, key: f.field) }
                    w.endObject()
                    w.number(Double(e.exactBonus), digits: 4, key: "exact_bonus")
                    w.number(Double(e.foldedBonus), digits: 4, key: "folded_bonus")
                    w.endObject()
                }
                w.endArray()
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        if !facets.isEmpty {
            w.beginObject("facets")
            for facet in facets {
                w.beginArray(facet.name)
                for (value, count) in facet.values {
                    w.beginArray()
                    w.string(value)
                    w.number(count)
                    w.endArray()
                }
                w.endArray()
            }
            w.endObject()
        }
        w.endObject()
        return w.output
    }
}
