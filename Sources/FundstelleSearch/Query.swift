/// A parsed query: every group must match (AND); a group matches when any of its
/// alternatives does (OR); a document matching an excluded alternative is dropped.
///
/// Syntax: `word`, `"a phrase"`, `-word` / `-"a phrase"` (exclude), `a OR b`, `prefix*`,
/// `title:word` (also `headings:`, `body:`, `description:`), `path:folder/` (documents whose
/// path begins so), `fuzzy~` / `fuzzy~2` (edit distance), `site:host`, `date:2024-01..2024-06`, `year:2024`, `lang:de` (filters on
/// the document's site, date and language), `word^2` (a boost).
/// `OR` binds tighter than the implicit AND: `pflege OR betreuung kosten` is
/// (pflege OR betreuung) AND kosten.
public struct Query: Sendable, Equatable {
    public enum Alternative: Sendable, Equatable {
        case word(String)
        case phrase([String])
        /// `"hilfe pflege"~3`: the words in this order, at most this many other words between
        /// each two.
        case nearPhrase([String], Int)
        /// `pfleg*`: words that begin so.
        case prefix(String)
        /// `wohngelt~`, `wohngelt~2`: words within this edit distance (1 or 2).
        case fuzzy(String, Int)
        /// `title:wohngeld`: the word in one field only (the field's name as written).
        case inField(String, String)
        /// `path:soziales/`: documents whose path begins so.
        case pathPrefix(String)
        /// `date:2024-01-01..2024-12-31`, `date:>=2025`, `year:2024`, `lang:de`, `site:…` as a
        /// facet value: documents whose key `name:value` lies in the range (a filter).
        case meta(String, MetaRange)
        /// `word^2`: the alternative with its score multiplied.
        indirect case boosted(Alternative, Float)
    }

    /// A range of values of a meta key, compared as ISO text ("2024" covers "2024-05-03").
    public struct MetaRange: Sendable, Equatable {
        public var lower = "", lowerInclusive = true
        public var upper = "", upperInclusive = true

        /// "A..B", ">=A", ">A", "<=B", "<B", or "A" (A and everything that begins with it).
        public static func parse(_ text: String) -> MetaRange? {
            var r = MetaRange()
            if let dots = text.range(of: "..") {
                r.lower = String(text[..<dots.lowerBound])
                r.upper = String(text[dots.upperBound...])
            } else if text.hasPrefix(">=") { r.lower = String(text.dropFirst(2)) }
            else if text.hasPrefix(">") { r.lower = String(text.dropFirst()); r.lowerInclusive = false }
            else if text.hasPrefix("<=") { r.upper = String(text.dropFirst(2)) }
            else if text.hasPrefix("<") { r.upper = String(text.dropFirst()); r.upperInclusive = false }
            else { r.lower = text; r.upper = text }
            return r.lower.isEmpty && r.upper.isEmpty ? nil : r
        }

        /// Whether `value` lies in the range. With `byPrefix` (dates), a bound also covers the
        /// values that begin with it ("2024" covers "2024-05-03"); without (sites, languages),
        /// only itself ("stadt" is not "stadt-archiv").
        public func contains(_ value: String, byPrefix: Bool = true) -> Bool {
            if !lower.isEmpty {
                let within = byPrefix ? value.hasPrefix(lower) : value == lower
                if lowerInclusive ? (value < lower && !within) : (value <= lower || within) { return false }
            }
            if !upper.isEmpty {
                let within = byPrefix ? value.hasPrefix(upper) : value == upper
                if upperInclusive ? (value > upper && !within) : (value >= upper || within) { return false }
            }
            return true
        }
    }

    /// Meta keys `name:value` accepts (filters and facets).
    public static let metaNames: Set<String> = ["date", "year", "lang", "site"]

    /// Field names `field:word` accepts.
    public static let fieldNames: Set<String> = ["title", "headings", "body", "description"]

    public var groups: [[Alternative]] = []
    public var excluded: [Alternative] = []

    public init(groups: [[Alternative]] = [], excluded: [Alternative] = []) {
        self.groups = groups
        self.excluded = excluded
    }

    public var isEmpty: Bool { groups.isEmpty }

    /// What was wrong with the query text, each with its position (counted in characters from
    /// 1); the query still searches what it could read.
    public var warnings: [String] = []

    /// Parses query text. Never fails: an unclosed quote runs to the end, a stray `OR` or `-`
    /// is ignored, parentheses only separate words; each such repair adds a warning.
    public static func parse(_ text: String) -> Query {
        var query = Query()
        var joinNext = false
        var lastWasRequired = false  // OR joins only two required items
        var scalars = Array(text.unicodeScalars)
        scalars.append(" ")
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
        while i < scalars.count {
            if isSpace(scalars[i]) { i += 1; continue }
            var negated = false
            if scalars[i] == "-", i + 1 < scalars.count, !isSpace(scalars[i + 1]) {
                negated = true
                i += 1
            }
            let item: Alternative
            if scalars[i] == "\"" || scalars[i] == "„" || scalars[i] == "“" {
                let opening = i
                i += 1
                var phrase = String.UnicodeScalarView()
                while i < scalars.count, scalars[i] != "\"", scalars[i] != "“", scalars[i] != "”" {
                    phrase.append(scalars[i])
                    i += 1
                }
                if i >= scalars.count {  // no closing quote before the end
                    query.warnings.append("unclosed quote at position \(opening + 1): the phrase runs to the end")
                }
                i += 1
                // "…"~N: a slop of N words.
                var slop = 0
                if i < scalars.count, scalars[i] == "~" {
                    var digits = ""
                    var j = i + 1
                    while j < scalars.count, let d = scalars[j].properties.numericType, d == .decimal, digits.count < 2 {
                        digits.unicodeScalars.append(scalars[j])
                        j += 1
                    }
                    if let n = Int(digits) { slop = min(n, 50); i = j }
                }
                let words = String(phrase).split(whereSeparator: { $0.isWhitespace }).map(String.init)
                guard !words.isEmpty else { continue }
                item = words.count == 1 ? .word(words[0]) : slop > 0 ? .nearPhrase(words, slop) : .phrase(words)
            } else {
                var word = String.UnicodeScalarView()
                while i < scalars.count, !isSpace(scalars[i]) {
                    word.append(scalars[i])
                    i += 1
                }
                let w = String(word)
                if w == "OR" && !negated {
                    if !lastWasRequired || joinNext {
                        query.warnings.append("OR at position \(i - 1) has no word before it: ignored")
                    }
                    joinNext = lastWasRequired
                    continue
                }
                guard let parsed = Self.word(w) else { continue }
                item = parsed
            }
            lastWasRequired = !negated
            if negated {
                query.excluded.append(item)
            } else if joinNext {
                query.groups[query.groups.count - 1].append(item)
            } else {
                query.groups.append([item])
            }
            joinNext = false
        }
        if joinNext { query.warnings.append("OR at the end has no word after it: ignored") }
        var depth = 0
        for (position, scalar) in text.unicodeScalars.enumerated() {
            if scalar == "(" { depth += 1 }
            if scalar == ")" {
                depth -= 1
                if depth < 0 {
                    query.warnings.append("')' at position \(position + 1) closes nothing: parentheses only separate words")
                    depth = 0
                }
            }
        }
        if depth > 0 { query.warnings.append("\(depth) '(' not closed: parentheses only separate words") }
        return query
    }

    /// One bare word of the query: a boost, a field, a path prefix or a prefix, else the word.
    /// Nil for what asks for nothing (a bare `*`).
    static func word(_ text: String) -> Alternative? {
        var w = Substring(text)
        var boost: Float?
        if let caret = w.lastIndex(of: "^"), let b = Float(w[w.index(after: caret)...]), b > 0, b <= 100, caret > w.startIndex {
            boost = b
            w = w[..<caret]
        }
        var item: Alternative
        if let colon = w.firstIndex(of: ":"), colon > w.startIndex, w.index(after: colon) < w.endIndex {
            let name = w[..<colon].lowercased(), value = String(w[w.index(after: colon)...])
            if name == "path" {
                item = .pathPrefix(value)
            } else if metaNames.contains(name), let range = MetaRange.parse(value) {
                item = .meta(name, range)
            } else if fieldNames.contains(name) {
                item = .inField(name, value)
            } else {
                item = .word(String(w))
            }
        } else if let tilde = w.lastIndex(of: "~"), tilde > w.startIndex,
                  let distance = w[w.index(after: tilde)...].isEmpty ? 1 : Int(w[w.index(after: tilde)...]),
                  (1...2).contains(distance), w.distance(from: w.startIndex, to: tilde) >= 3 {
            item = .fuzzy(String(w[..<tilde]), distance)
        } else if w.hasSuffix("*") {
            let stem = w.drop { $0 == "*" }.dropLast()
            guard stem.count >= 2 else { return nil }  // a bare "*" or "a*" would match everything
            item = .prefix(String(stem))
        } else {
            item = .word(String(w))
        }
        if let boost { item = .boosted(item, boost) }
        return item
    }
}
