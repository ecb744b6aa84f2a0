import FundstelleAnalysis

/// `fundstelle-bench conflation FILE...`: how well stems group the word forms that belong
/// together. Each line of FILE is one gold cluster of forms (CISTEM's gold standards). For each
/// stemmer, pairwise precision (pairs with one stem that share a cluster), recall (pairs of a
/// cluster that share a stem) and F1. Compared: plain Snowball German on the lower-cased word,
/// CISTEM (Weissweiler & Fraser 2017, written here from the published algorithm), and
/// Fundstelle's index term (the analyzer's stem).
struct ConflationBenchmark {
    var files: [String]

    init(arguments: [String]) throws {
        let a = try Arguments(arguments, options: [], flags: [])
        guard !a.positional.isEmpty else { throw UsageError("conflation needs at least one gold FILE") }
        files = a.positional
    }

    func run() throws -> Int32 {
        var failed = false
        for file in files {
            let text = String(decoding: try readFile(file), as: UTF8.self)
            var seen = Set<String>()
            var clusters: [[String]] = []
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init).filter { seen.insert($0).inserted }
                if !words.isEmpty { clusters.append(words) }
            }
            var snowball = GermanStemmer()
            var analyzer = Analyzer()
            let stemmers: [(String, (String) -> String)] = [
                ("Snowball German", { snowball.stem(Lowercaser.lowercase($0)) }),
                ("CISTEM", { Cistem.stem($0) }),
                ("Fundstelle index term", { String(decoding: analyzer.term($0), as: UTF8.self) }),
            ]
            print("\(file): \(clusters.count) clusters, \(seen.count) word forms")
            print("  \("stemmer".padded(24)) \("precision".leftPadded(9)) \("recall".leftPadded(9)) \("F1".leftPadded(9))")
            for (name, stem) in stemmers {
                let s = Self.score(clusters, stem)
                print("  \(name.padded(24)) \(fixed(s.precision, 4).leftPadded(9)) \(fixed(s.recall, 4).leftPadded(9)) \(fixed(s.f1, 4).leftPadded(9))")
                print("RESULT file=\(file.split(separator: "/").last!) stemmer=\(name.replacingOccurrences(of: " ", with: "_")) precision=\(fixed(s.precision, 4)) recall=\(fixed(s.recall, 4)) f1=\(fixed(s.f1, 4))")
                if s.f1 <= 0 { failed = true }
            }
        }
        return failed ? 1 : 0
    }

    /// Pairwise scores, counted through group sizes: O(words).
    static func score(_ clusters: [[String]], _ stem: (String) -> String) -> (precision: Double, recall: Double, f1: Double) {
        func pairs(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
        var byStem: [String: Int] = [:]
        var byClusterAndStem: [String: Int] = [:]
        var gold = 0.0
        for (c, cluster) in clusters.enumerated() {
            gold += pairs(cluster.count)
            for word in cluster {
                let s = stem(word)
                byStem[s, default: 0] += 1
                byClusterAndStem["\(c)\u{1}\(s)", default: 0] += 1
            }
        }
        let predicted = byStem.values.reduce(0.0) { $0 + pairs($1) }
        let correct = byClusterAndStem.values.reduce(0.0) { $0 + pairs($1) }
        let precision = predicted > 0 ? correct / predicted : 0
        let recall = gold > 0 ? correct / gold : 0
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        return (precision, recall, f1)
    }
}

/// CISTEM, the stemmer of Weissweiler & Fraser (2017), case-insensitive variant, as the paper
/// describes it: fold umlauts and ß, drop a "ge" prefix before four or more letters, protect
/// "sch", "ei", "ie" and doubled letters, then strip -em/-er/-nd (words over five letters), -t,
/// and -e/-s/-n while longer than three letters.
enum Cistem {
    static func stem(_ input: String) -> String {
        var w = Array(Lowercaser.lowercase(input).unicodeScalars.map { s -> Character in
            switch s {
            case "ü": "u"
            case "ö": "o"
            case "ä": "a"
            default: Character(s)
            }
        })
        w = Array(String(w).replacingOccurrences(of: "ß", with: "ss"))
        if w.count >= 6, w[0] == "g", w[1] == "e" { w.removeFirst(2) }
        var s = String(w).replacingOccurrences(of: "sch", with: "$").replacingOccurrences(of: "ei", with: "%")
            .replacingOccurrences(of: "ie", with: "&")
        var chars = Array(s)
        for i in 1..<max(1, chars.count) where chars[i] == chars[i - 1] && chars[i] != "*" { chars[i] = "*" }
        while chars.count > 3 {
            let last2 = String(chars.suffix(2))
            if chars.count > 5, last2 == "em" || last2 == "er" || last2 == "nd" {
                chars.removeLast(2)
                continue
            }
            if chars.last == "t" {
                chars.removeLast()
                continue
            }
            if let l = chars.last, l == "e" || l == "s" || l == "n" {
                chars.removeLast()
                continue
            }
            break
        }
        for i in chars.indices where chars[i] == "*" && i > 0 { chars[i] = chars[i - 1] }
        s = String(chars).replacingOccurrences(of: "$", with: "sch").replacingOccurrences(of: "%", with: "ei")
            .replacingOccurrences(of: "&", with: "ie")
        return s
    }
}
