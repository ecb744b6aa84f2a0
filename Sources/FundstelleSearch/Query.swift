/// A parsed query: every group must match (AND); a group matches when any of its
/// alternatives does (OR); a document matching an excluded alternative is dropped.
///
/// Syntax: `word`, `"a phrase"`, `-word` / `-"a phrase"` (exclude), `a OR b`, `prefix*`,
/// `title:word` (also `headings:`, `body:`, `description:`, `anchor:` for the texts of links
/// to the page), `path:folder/` (documents whose
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
            if let dots = text.firstRange(of: "..") {
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

    /// Whether `text` is one filter as `--filter` and the API's `filter=` take it: NAME:VALUE
    /// with a meta name (site, year, date, lang), a value, and no space.
    public static func isFilter(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), metaNames.contains(String(text[..<colon])) else { return false }
        return text.index(after: colon) < text.endIndex && !text.contains(" ")
    }

    /// Field names `field:word` accepts.
    public static let fieldNames: Set<String> = ["title", "headings", "body", "description", "anchor"]

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

    /// Parses query text. Never fails: an unclosed quote runs to the end, a stray `OR`, `-` or
    /// `)` is ignored, an unclosed `(` closes at the end; each such repair adds a warning.
    ///
    /// Words are required (AND), `OR` joins its neighbours and binds tighter, `-` leaves out,
    /// and parentheses group: `(hilfe pflege) OR wohngeld`. The result is in conjunctive form
    /// (each group one required choice), so a group inside an OR is multiplied out:
    /// (a b) OR c → (a OR c) (b OR c).
    public static func parse(_ text: String) -> Query {
        var query = Query()
        var parser = Parser(tokens: scan(text, warnings: &query.warnings))
        let tree = parser.sequence(depth: 0)
        query.warnings += parser.warnings
        var excluded: [Alternative] = []
        query.groups = conjunctive(tree, excluded: &excluded, warnings: &query.warnings)
        query.excluded = excluded
        if query.warnings.count > maximumWarnings {  // 1,000 stray ")" need not be told 1,000 times
            let more = query.warnings.count - maximumWarnings
            query.warnings = Array(query.warnings.prefix(maximumWarnings)) + ["and \(more) more repairs of the same kinds"]
        }
        return query
    }

    /// Most warnings one query reports.
    static let maximumWarnings = 10
    /// Deepest nesting of parentheses read as groups; deeper ones only separate words.
    static let maximumDepth = 100
    /// Most groups multiplying out an OR of groups may make before it is read more loosely.
    static let maximumClauses = 64

    /// A query read into its structure, before it is brought into conjunctive form.
    indirect enum Node {
        case item(Alternative)
        case all([Node])
        case any([Node])
        case not(Node, position: Int)
    }

    enum Token {
        case item(Alternative, negated: Bool)
        case or(position: Int)
        case open(negated: Bool, position: Int)
        case close(position: Int)
    }

    /// The query text as words, phrases, `OR` and parentheses (positions count characters from 1).
    static func scan(_ text: String, warnings: inout [String]) -> [Token] {
        var tokens: [Token] = []
        var scalars = Array(text.unicodeScalars)
        scalars.append(" ")
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
        while i < scalars.count {
            if isSpace(scalars[i]) { i += 1; continue }
            if scalars[i] == ")" { tokens.append(.close(position: i + 1)); i += 1; continue }
            var negated = false
            if scalars[i] == "-", i + 1 < scalars.count, !isSpace(scalars[i + 1]) {
                // A minus leaves out only at the start of a word: one glued to a closing quote
                // ("„Model C“-Schulen") joins, as a hyphen does.
                let glued = i > 0 && !isSpace(scalars[i - 1]) && scalars[i - 1] != "("
                negated = !glued
                i += 1
            }
            if scalars[i] == "(" {
                tokens.append(.open(negated: negated, position: i + 1))
                i += 1
                continue
            }
            if scalars[i] == "\"" || scalars[i] == "„" || scalars[i] == "“" {
                let opening = i
                i += 1
                var phrase = String.UnicodeScalarView()
                while i < scalars.count, scalars[i] != "\"", scalars[i] != "“", scalars[i] != "”" {
                    phrase.append(scalars[i])
                    i += 1
                }
                if i >= scalars.count {  // no closing quote before the end
                    warnings.append("unclosed quote at position \(opening + 1): the phrase runs to the end")
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
                let item: Alternative = words.count == 1 ? .word(words[0]) : slop > 0 ? .nearPhrase(words, slop) : .phrase(words)
                tokens.append(.item(item, negated: negated))
                continue
            }
            // A word runs to the next space, or to a ")" that closes a group ("(a b)"), not
            // one of its own ("Bürger(innen)").
            let start = i
            var word = String.UnicodeScalarView()
            var opened = 0
            while i < scalars.count, !isSpace(scalars[i]) {
                if scalars[i] == "(" { opened += 1 }
                if scalars[i] == ")" {
                    if opened == 0 { break }
                    opened -= 1
                }
                word.append(scalars[i])
                i += 1
            }
            let w = String(word)
            if w == "OR" && !negated {
                tokens.append(.or(position: start + 1))
                continue
            }
            guard let parsed = Self.word(w, ignoring: { warnings.append("'\(w)' at position \(start + 1): \($0): ignored") }) else { continue }
            tokens.append(.item(parsed, negated: negated))
        }
        return tokens
    }

    /// Reads tokens into a tree, repairing what is out of place.
    struct Parser {
        var tokens: [Token]
        var at = 0
        var warnings: [String] = []

        /// Items up to a `)` that closes this depth, or the end.
        mutating func sequence(depth: Int) -> Node {
            var children: [Node] = []
            while at < tokens.count {
                switch tokens[at] {
                case .close(let position):
                    if depth > 0 { return .all(children) }
                    warnings.append("')' at position \(position) closes nothing: ignored")
                    at += 1
                case .or(let position):
                    at += 1
                    guard let last = children.last, !Self.isNegation(last) else {
                        warnings.append("OR at position \(position) has no word before it: ignored")
                        continue
                    }
                    guard let next = unary(depth: depth) else {
                        warnings.append("OR at the end has no word after it: ignored")
                        continue
                    }
                    if Self.isNegation(next) {  // "a OR -b": a, and without b
                        children.append(next)
                        continue
                    }
                    if case .any(let choices) = last {
                        children[children.count - 1] = .any(choices + [next])
                    } else {
                        children[children.count - 1] = .any([last, next])
                    }
                default:
                    if let node = unary(depth: depth) { children.append(node) }
                }
            }
            return .all(children)
        }

        /// One item or one group in parentheses (negated or not); nil at a `)`, an `OR` or the end.
        mutating func unary(depth: Int) -> Node? {
            guard at < tokens.count else { return nil }
            switch tokens[at] {
            case .item(let item, let negated):
                at += 1
                return negated ? .not(.item(item), position: 0) : .item(item)
            case .open(let negated, let position):
                at += 1
                let inner: Node
                if depth >= Query.maximumDepth {
                    inner = .all([])  // too deep: what follows reads as if the "(" were not there
                } else {
                    inner = sequence(depth: depth + 1)
                    if at < tokens.count, case .close = tokens[at] {
                        at += 1
                    } else {
                        warnings.append("'(' at position \(position) is not closed: closed at the end")
                    }
                }
                return negated ? .not(inner, position: position) : inner
            case .or, .close:
                return nil
            }
        }

        static func isNegation(_ node: Node) -> Bool {
            if case .not = node { return true }
            return false
        }
    }

    /// The tree as required groups of alternatives and left-out alternatives.
    static func conjunctive(_ node: Node, excluded: inout [Alternative], warnings: inout [String]) -> [[Alternative]] {
        switch node {
        case .item(let item):
            return [[item]]
        case .all(let children):
            return children.flatMap { conjunctive($0, excluded: &excluded, warnings: &warnings) }
        case .any(let choices):
            // (a b) OR c → (a OR c) (b OR c): every way of taking one group from each choice.
            var clauses: [[Alternative]] = [[]]
            for choice in choices {
                let groups = conjunctive(choice, excluded: &excluded, warnings: &warnings)
                guard !groups.isEmpty else { continue }
                if clauses.count * groups.count > maximumClauses {
                    warnings.append("an OR of groups makes more than \(maximumClauses) combinations: any of its words counts")
                    return [choices.flatMap { conjunctive($0, excluded: &excluded, warnings: &warnings).flatMap { $0 } }]
                }
                clauses = clauses.flatMap { clause in groups.map { clause + $0 } }
            }
            return clauses == [[]] ? [] : clauses
        case .not(let inner, let position):
            var ignored: [Alternative] = []
            let groups = conjunctive(inner, excluded: &ignored, warnings: &warnings)
            if groups.count > 1 {
                warnings.append("-( … ) at position \(position) holds several required words: pages with any of them are left out")
            }
            excluded += groups.flatMap { $0 }
            return []
        }
    }

    /// One bare word of the query: a boost, a field, a path prefix or a prefix, else the word.
    /// Nil for what asks for nothing (a bare `*`), or for what it cannot ask, which `ignoring`
    /// is told the reason of.
    static func word(_ text: String, ignoring: (String) -> Void = { _ in }) -> Alternative? {
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
            guard stem.count >= 2 else {  // a bare "*" or "a*" would match everything
                if !stem.isEmpty { ignoring("a prefix needs at least 2 letters before '*'") }
                return nil
            }
            item = .prefix(String(stem))
        } else {
            item = .word(String(w))
        }
        if let boost { item = .boosted(item, boost) }
        return item
    }
}

extension String {
    /// The string without white space at either end (spaces, tabs, line breaks, NBSP).
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
