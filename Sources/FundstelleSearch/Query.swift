/// A parsed query: every group must match (AND); a group matches when any of its
/// alternatives does (OR); a document matching an excluded alternative is dropped.
///
/// Syntax: `word`, `"a phrase"`, `-word` / `-"a phrase"` (exclude), `a OR b`.
/// `OR` binds tighter than the implicit AND: `pflege OR betreuung kosten` is
/// (pflege OR betreuung) AND kosten.
public struct Query: Sendable, Equatable {
    public enum Alternative: Sendable, Equatable {
        case word(String)
        case phrase([String])
    }

    public var groups: [[Alternative]] = []
    public var excluded: [Alternative] = []

    public init(groups: [[Alternative]] = [], excluded: [Alternative] = []) {
        self.groups = groups
        self.excluded = excluded
    }

    public var isEmpty: Bool { groups.isEmpty }

    /// Parses query text. Never fails: an unclosed quote runs to the end, a stray `OR` or `-`
    /// is ignored.
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
                i += 1
                var phrase = String.UnicodeScalarView()
                while i < scalars.count, scalars[i] != "\"", scalars[i] != "“", scalars[i] != "”" {
                    phrase.append(scalars[i])
                    i += 1
                }
                i += 1
                let words = String(phrase).split(whereSeparator: { $0.isWhitespace }).map(String.init)
                guard !words.isEmpty else { continue }
                item = words.count == 1 ? .word(words[0]) : .phrase(words)
            } else {
                var word = String.UnicodeScalarView()
                while i < scalars.count, !isSpace(scalars[i]) {
                    word.append(scalars[i])
                    i += 1
                }
                let w = String(word)
                if w == "OR" && !negated {
                    joinNext = lastWasRequired
                    continue
                }
                item = .word(w)
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
        return query
    }
}
