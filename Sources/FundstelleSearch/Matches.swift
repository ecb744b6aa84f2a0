/// The documents one query item (a term or a phrase) matches, in increasing global
/// document order, each with its BM25F pseudo-frequency tf'.
struct Matches {
    var docs: [Int32] = []
    var weights: [Float] = []

    var count: Int { docs.count }
}
