/// Small helpers for writing HTML by hand.
enum HTML {
    /// `text` safe inside an element or a quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The snippet escaped, with each `[start, end)` range (in code points) in `<mark>`.
    static func highlighted(_ snippet: String, _ ranges: [[Int]]) -> String {
        let scalars = Array(snippet.unicodeScalars)
        var out = ""
        var at = 0
        for r in ranges.sorted(by: { $0[0] < $1[0] }) where r.count == 2 {
            let start = min(max(r[0], at), scalars.count), end = min(max(r[1], start), scalars.count)
            out += escape(String(String.UnicodeScalarView(scalars[at..<start])))
            out += "<mark>" + escape(String(String.UnicodeScalarView(scalars[start..<end]))) + "</mark>"
            at = end
        }
        out += escape(String(String.UnicodeScalarView(scalars[at...])))
        return out
    }

    static let months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                         "September", "Oktober", "November", "Dezember"]

    /// An ISO date as Germans write it: "2025-07-03" → "3. Juli 2025", "2025-07" → "Juli 2025".
    static func germanDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").map { Int($0) }
        guard let year = parts.first ?? nil else { return iso }
        if parts.count >= 2, let m = parts[1], (1...12).contains(m) {
            if parts.count >= 3, let d = parts[2], (1...31).contains(d) { return "\(d). \(months[m - 1]) \(year)" }
            return "\(months[m - 1]) \(year)"
        }
        return String(year)
    }

    /// A German number with thousands dots: 12894 → "12.894".
    static func number(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(c)
        }
        return out
    }
}
