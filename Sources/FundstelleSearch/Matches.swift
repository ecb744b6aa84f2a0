/// The documents one query item (a term or a phrase) matches, in increasing global
/// document order, each with its BM25F pseudo-frequency tf'.
struct Matches {
    var docs: [Int32] = []
    var weights: [Float] = []
    /// For matches restricted to candidates: about how many documents of the whole index
    /// hold the item (from the lists' own counts), nil when unknown.
    var documentFrequency: Int?

    var count: Int { docs.count }

    /// Documents in both, with the weights added. O(a + b).
    static func intersection(_ a: Matches, _ b: Matches) -> Matches {
        var r = Matches()
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a.docs[i] < b.docs[j] { i += 1 } else if a.docs[i] > b.docs[j] { j += 1 } else {
                r.docs.append(a.docs[i])
                r.weights.append(a.weights[i] + b.weights[j])
                i += 1
                j += 1
            }
        }
        return r
    }

    /// Documents in either; where both have one, the weights added. O(a + b).
    static func sum(_ a: Matches, _ b: Matches) -> Matches {
        var r = Matches()
        r.docs.reserveCapacity(max(a.count, b.count))
        r.weights.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a.docs[i] < b.docs[j]) {
                r.docs.append(a.docs[i]); r.weights.append(a.weights[i]); i += 1
            } else if i >= a.count || b.docs[j] < a.docs[i] {
                r.docs.append(b.docs[j]); r.weights.append(b.weights[j]); j += 1
            } else {
                r.docs.append(a.docs[i]); r.weights.append(a.weights[i] + b.weights[j]); i += 1; j += 1
            }
        }
        return r
    }

    /// Documents in either; where both have one, `a`'s weight. O(a + b).
    static func union(_ a: Matches, _ b: Matches) -> Matches {
        var r = Matches()
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a.docs[i] < b.docs[j]) {
                r.docs.append(a.docs[i]); r.weights.append(a.weights[i]); i += 1
            } else if i >= a.count || b.docs[j] < a.docs[i] {
                r.docs.append(b.docs[j]); r.weights.append(b.weights[j]); j += 1
            } else {
                r.docs.append(a.docs[i]); r.weights.append(a.weights[i]); i += 1; j += 1
            }
        }
        return r
    }
}
