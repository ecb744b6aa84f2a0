import FundstelleAnalysis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fundstelle-bench compounds`: accuracy and speed of `Decompounder` on the public
/// compound-splitting test lists, with word frequencies counted from a German corpus.
///
/// The corpus (XML/HTML/text files) is reduced to text crudely — tags and entities
/// become spaces — and counted with `WordFrequencies.addText`. The test lists are never
/// counted. With `--frequencies FILE` the table is read from FILE when it exists, and
/// otherwise counted and written there, so repeated runs skip the counting.
struct CompoundsBenchmark {
    var corpus: [String]
    var frequencyFile: String?
    var jwordsplitter: String?
    var dweiss: String?
    var showErrors: Int
    var minimumSplit: Double?
    var minimumWhole: Double?
    var minimumPartFrequency: Int?
    var minimumPartLength: Int?
    var shortPartFrequency: Int?
    var rareWordLength: Int?
    var partPenalty: Double?

    init(arguments: [String]) throws {
        let a = try Arguments(arguments, options: ["frequencies", "jwordsplitter", "dweiss", "show-errors", "min-split", "min-whole", "min-part-frequency", "min-part-length", "short-part-frequency", "rare-word-length", "part-penalty"])
        corpus = a.positional
        frequencyFile = a.string("frequencies")
        jwordsplitter = a.string("jwordsplitter")
        dweiss = a.string("dweiss")
        showErrors = try a.int("show-errors", default: 0, range: 0...100_000)
        minimumSplit = try a.double("min-split")
        minimumWhole = try a.double("min-whole")
        minimumPartFrequency = try a.string("min-part-frequency").map { _ in try a.int("min-part-frequency", default: 0, range: 1...1_000_000) }
        minimumPartLength = try a.string("min-part-length").map { _ in try a.int("min-part-length", default: 0, range: 1...20) }
        shortPartFrequency = try a.string("short-part-frequency").map { _ in try a.int("short-part-frequency", default: 0, range: 1...1_000_000) }
        rareWordLength = try a.string("rare-word-length").map { _ in try a.int("rare-word-length", default: 0, range: 1...40) }
        partPenalty = try a.double("part-penalty")
        guard jwordsplitter != nil || dweiss != nil else { throw UsageError("compounds needs --jwordsplitter FILE and/or --dweiss FILE") }
        guard !corpus.isEmpty || frequencyFile.map(isReadable) == true else {
            throw UsageError("compounds needs corpus FILE|DIR... or an existing --frequencies FILE")
        }
    }

    func run() throws -> Int32 {
        let frequencies = try loadFrequencies()
        let started = now()
        var decompounder = Decompounder(frequencies: frequencies)
        if let n = minimumPartFrequency { decompounder.minimumPartFrequency = n }
        if let n = minimumPartLength { decompounder.minimumPartLength = n }
        if let n = shortPartFrequency { decompounder.shortPartFrequency = n }
        if let n = rareWordLength { decompounder.rareWordLength = n }
        if let x = partPenalty { decompounder.partPenalty = x }
        print("stem table: \(fixed(now() - started, 2)) s")
        var failed = false
        var allWords: [[UInt8]] = []

        if let path = jwordsplitter {
            let (split, whole, hyphenatedSplit, words) = try evaluateJWordSplitter(path, decompounder)
            allWords += words
            print("jwordsplitter \(path):")
            print("  must split:  \(split.correct)/\(split.total) exact = \(fixed(split.rate * 100, 1)) %")
            print("  stay whole:  \(whole.correct)/\(whole.total) = \(fixed(whole.rate * 100, 1)) % (hyphenated words left whole as the list does)")
            let strict = Score(correct: whole.correct - hyphenatedSplit, total: whole.total)
            print("               \(strict.correct)/\(strict.total) = \(fixed(strict.rate * 100, 1)) % when the \(hyphenatedSplit) hyphenated words with a split token count as errors")
            if let m = minimumSplit, split.rate < m { failed = true; printError("must-split accuracy below \(m)") }
            if let m = minimumWhole, whole.rate < m { failed = true; printError("stay-whole accuracy below \(m)") }
        }
        if let path = dweiss {
            let (result, words) = try evaluateDWeiss(path, decompounder)
            allWords += words
            print("dweiss \(path):")
            print("  exact:       \(result.correct)/\(result.total) = \(fixed(result.rate * 100, 1)) %")
        }

        // Speed: every test word split once per pass, no cache, fastest of three passes.
        var fastest = Double.infinity
        var parts = 0
        for _ in 0..<3 {
            let t = now()
            parts = 0
            for word in allWords { parts += word.withUnsafeBufferPointer { decompounder.split($0).count } }
            fastest = min(fastest, now() - t)
        }
        print("speed: \(allWords.count) words in \(fixed(fastest * 1000, 1)) ms = \(Int(Double(allWords.count) / fastest)) words/s (\(parts) parts)")
        return failed ? 1 : 0
    }

    /// A count of correct answers.
    struct Score {
        var correct = 0
        var total = 0
        var rate: Double { total == 0 ? 0 : Double(correct) / Double(total) }
    }

    // MARK: - Frequencies

    private func loadFrequencies() throws -> WordFrequencies {
        if let file = frequencyFile, isReadable(file) {
            let table = try WordFrequencies(decoding: readFile(file))
            print("frequencies: \(table.count) words, \(table.total) tokens (read from \(file))")
            return table
        }
        var table = WordFrequencies()
        var files: [String] = []
        for p in corpus { files += try listFiles(p, extensions: ["xml", "html", "htm", "xhtml", "txt"]) }
        let started = now()
        var bytes = 0
        for file in files {
            var text = try readFile(file)
            bytes += text.count
            Self.stripMarkup(&text)
            text.withUnsafeBufferPointer { table.addText($0) }
        }
        print("frequencies: \(table.count) words, \(table.total) tokens from \(files.count) files, \(bytes / 1_000_000) MB in \(fixed(now() - started, 1)) s")
        if let file = frequencyFile { try writeFile(file, table.encoded()) }
        return table
    }

    /// Letters written as named entities in the web pages.
    private static let letterEntities: [String: String] = [
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "ccedil": "ç", "shy": "",
    ]

    /// Text of markup, crudely: tags (`<…>`) become a space, letter entities (`&auml;`,
    /// `&#252;`, `&#xFC;`) their letter, other entities a space.
    static func stripMarkup(_ text: inout [UInt8]) {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        let n = text.count
        while i < n {
            let b = text[i]
            if b == UInt8(ascii: "<") {
                while i < n && text[i] != UInt8(ascii: ">") { i += 1 }
                out.append(0x20)
            } else if b == UInt8(ascii: "&") {
                var j = i + 1
                while j < n && j - i < 12 && text[j] != UInt8(ascii: ";") && text[j] != 0x20 { j += 1 }
                guard j < n && text[j] == UInt8(ascii: ";") else { out.append(b); i += 1; continue }
                out += entityText(String(decoding: text[(i + 1)..<j], as: UTF8.self))
                i = j
            } else {
                out.append(b)
            }
            i += 1
        }
        text = out
    }

    /// The UTF-8 for the entity `name` (without & and ;): a letter, or a space.
    private static func entityText(_ name: String) -> [UInt8] {
        if let letter = letterEntities[name] { return Array(letter.utf8) }
        var code: UInt32?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            code = UInt32(name.dropFirst(2), radix: 16)
        } else if name.hasPrefix("#") {
            code = UInt32(name.dropFirst())
        }
        if let code, let scalar = Unicode.Scalar(code), scalar.properties.isAlphabetic {
            return Array(String(Character(scalar)).utf8)
        }
        return code == 0xAD ? [] : [0x20]
    }

    // MARK: - Test lists

    /// `test-de-large.txt`: "Part, part, part" for words that must split (surface parts,
    /// linking element on the left part), the word alone for words that must stay whole.
    /// A must-split word counts when the parts match exactly; a stay-whole word when no
    /// token of it is split.
    private func evaluateJWordSplitter(_ path: String, _ decompounder: Decompounder) throws -> (Score, Score, Int, [[UInt8]]) {
        var split = Score(), whole = Score()
        var hyphenatedSplit = 0
        var words: [[UInt8]] = []
        var shown = 0
        for line in try lines(path) {
            let expected = line.split(separator: ",").map { Lowercaser.lowercase($0.trimmingSpaces) }
            let word = expected.joined()
            // The list leaves hyphenated words alone (the hyphen already marks the parts);
            // `hyphenatedSplit` counts the ones whose tokens we would split anyway.
            let found = splitTokens(word, decompounder)
            words.append(Array(word.utf8))
            let isHyphenated = word.contains("-")
            if isHyphenated && found.contains(where: \.isPart) { hyphenatedSplit += 1 }
            let ok = expected.count > 1 ? found.map(\.surface) == expected : isHyphenated || !found.contains(where: \.isPart)
            if expected.count > 1 {
                split.total += 1
                if ok { split.correct += 1 }
            } else {
                whole.total += 1
                if ok { whole.correct += 1 }
            }
            if !ok && shown < showErrors {
                shown += 1
                print("  ✗ \(expected.joined(separator: "+")) ← \(found.map(\.surface).joined(separator: "+"))")
            }
        }
        return (split, whole, hyphenatedSplit, words)
    }

    /// `test-compounds.utf8`: "word part.part[,alternative…]"; a part matches when it is our
    /// part as written or as normalised (the list writes linking elements either way).
    private func evaluateDWeiss(_ path: String, _ decompounder: Decompounder) throws -> (Score, [[UInt8]]) {
        var score = Score()
        var words: [[UInt8]] = []
        for line in try lines(path) where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            guard fields.count == 2 else { continue }
            let word = Lowercaser.lowercase(String(fields[0]))
            words.append(Array(word.utf8))
            let found = splitTokens(word, decompounder)
            let alternatives = fields[1].split(separator: ",").map { $0.split(separator: ".").map(String.init) }
            let ok = alternatives.contains { parts in
                parts.count == found.count && (parts.count > 1 || !found[0].isPart) && zip(parts, found).allSatisfy { $0 == $1.surface || $0 == $1.normalized }
            }
            score.total += 1
            if ok { score.correct += 1 }
            if !ok && showErrors > 0 {
                print("  ✗ \(fields[1]) ← \(found.map(\.surface).joined(separator: "+"))")
            }
        }
        return (score, words)
    }

    /// One piece of a tested word: a part, or a token that stayed whole.
    struct Piece {
        var surface: String
        var normalized: String
        var isPart: Bool
    }

    /// The parts of every token of `word` (a token that stays whole is one piece).
    private func splitTokens(_ word: String, _ decompounder: Decompounder) -> [Piece] {
        var result: [Piece] = []
        var copy = word
        _ = copy.withUTF8 { bytes in
            Tokenizer.tokenize(bytes) { token in
                let text = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
                let parts = decompounder.split(text)
                if parts.isEmpty {
                    let s = String(decoding: text, as: UTF8.self)
                    result.append(Piece(surface: s, normalized: s, isPart: false))
                }
                for part in parts {
                    let surface = String(decoding: UnsafeBufferPointer(rebasing: text[part.range]), as: UTF8.self)
                    result.append(Piece(surface: surface, normalized: part.text, isPart: true))
                }
            }
        }
        return result
    }

    /// Non-empty lines that are not comments.
    private func lines(_ path: String) throws -> [String] {
        String(decoding: try readFile(path), as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { String($0).trimmingSpaces }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}

private func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

/// Writes `bytes` to `path`, replacing it.
private func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw Failure("cannot write \(path)") }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        guard written > 0 else { throw Failure("cannot write \(path)") }
        offset += written
    }
}

private extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
