/// The analyzer's index term for a German word: a conflation key that groups the inflected
/// forms of a word more completely than the Snowball stem does, at about the same precision.
///
/// It is a variant of CISTEM (Weissweiler & Fraser 2017) with changes measured on CISTEM's gold
/// standards (`fundstelle-bench conflation`):
/// 1. Spelling: ä/ae → a, ö/oe → o, ü/ue → u ("ue" stays after a vowel or q, as in "feuer",
///    "quelle"; likewise "ae"/"oe" after a vowel), ß → ss. So "Fachkraefte" = "Fachkräfte" and
///    umlaut plurals meet their singular ("Äser" / "Aas" still differ by the vowel length).
/// 2. "ge" is removed only from participle shapes: at least six letters, ending in -t, -te(n|m|r|s)
///    or -en, -ene(n|m|r|s), -ne(n|m|r|s) ("gefolgt" → "folgt"). CISTEM drops every leading "ge",
///    which merges "Gefolge" with "Folge" and "Gesetz" with "setzen".
/// 3. CISTEM's suffix loop on protected units ("sch", "ei", "ie" and the second letter of a
///    doubled letter are single units that no rule strips): while the word is longer than three
///    units, remove -em/-er/-nd (longer than five units), else -t, else -e, -s or -n; but not an
///    -n after a vowel other than e ("Laune", "Zahn", "klein" keep their n), so
///    "Laune"/"Laus"/"Laut" stay apart.
/// 4. One derivational suffix, as in Snowball: "-keit" (its t is gone after step 3) when it
///    starts in Snowball's region R2, followed by step 3 again ("Achtsamkeit" → "achtsam").
/// 5. An unstressed e before a final l, n or r after a consonant is dropped, so elided forms
///    meet the full ones ("abbröckle"/"abbröckeln", "dunkle"/"dunkel").
///
/// Tried and left out because each cost more precision than it gained recall: the other
/// Snowball derivational suffixes (-ung, -heit, -lich, -isch, -ig, -haft, -bar, -los, -sam),
/// CISTEM's rules applied to the Snowball stem, keeping -s or -t after a vowel.
///
/// Works on the UTF-8 bytes of a lower-cased word. Only ASCII letters are ever removed, so a
/// valid UTF-8 word gives a valid UTF-8 term; other bytes pass through unchanged and no input
/// traps (the control bytes 1–4, which no token contains, serve as internal units and may come
/// out expanded). Deterministic; allocates nothing once `out` has grown to the longest word.
public enum GermanConflation {
    // Units standing for protected letter groups (bytes never found in a word).
    private static let sch: UInt8 = 1
    private static let ei: UInt8 = 2
    private static let ie: UInt8 = 3
    private static let doubled: UInt8 = 4

    /// Clears `out` and writes the index term of `word` (lower-cased UTF-8) into it.
    public static func indexTerm(_ word: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        fold(word, into: &out)
        dropParticiplePrefix(&out)
        let r2 = regionR2(out)
        protect(&out)
        stripInflection(&out)
        if endsWithKeit(out), unexpandedCount(out) - 3 >= r2 {
            out.removeLast(2)  // "k" and the unit "ei"
            stripInflection(&out)
        }
        expand(&out)
        elide(&out)
    }

    /// Convenience for tests and tools.
    public static func indexTerm(_ word: String) -> String {
        var out: [UInt8] = []
        var copy = word
        copy.withUTF8 { indexTerm($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Steps

    /// Step 1: umlauts, their transliterations and ß.
    private static func fold(_ word: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let n = word.count
        var i = 0
        while i < n {
            let b = word[i]
            if b == 0x65 /* e */, i > 0, isAOU(word[i - 1]), i < 2 || !isVowelOrQ(word[i - 2]) {
                i += 1
                continue
            }
            if b == 0xC3, i + 1 < n {
                switch word[i + 1] {
                case 0xA4: out.append(0x61)  // ä
                case 0xB6: out.append(0x6F)  // ö
                case 0xBC: out.append(0x75)  // ü
                case 0x9F: out.append(0x73); out.append(0x73)  // ß
                default: out.append(b); out.append(word[i + 1])
                }
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
    }

    /// Step 2: "ge" of a participle.
    private static func dropParticiplePrefix(_ w: inout [UInt8]) {
        let n = w.count
        guard n >= 6, w[0] == 0x67, w[1] == 0x65 else { return }  // g e
        func isTOrN(_ b: UInt8) -> Bool { b == 0x74 || b == 0x6E }
        let last = w[n - 1]
        let participle: Bool
        switch last {
        case 0x74: participle = true  // -t
        case 0x6E: participle = w[n - 2] == 0x65  // -en
        case 0x65: participle = isTOrN(w[n - 2])  // -te, -ne
        case 0x6D, 0x72, 0x73: participle = w[n - 2] == 0x65 && isTOrN(w[n - 3])  // -tem, -ner, …
        default: participle = false
        }
        if participle { w.removeFirst(2) }
    }

    /// Snowball's R2 start on the folded word (R1 at least 3), in letters from the start.
    private static func regionR2(_ w: [UInt8]) -> Int {
        func after(_ start: Int) -> Int {
            var i = start + 1
            while i < w.count {
                if !isVowel(w[i]), isVowel(w[i - 1]) { return i + 1 }
                i += 1
            }
            return w.count
        }
        let r1 = max(after(0), 3)
        return r1 < w.count ? after(r1) : w.count
    }

    /// Replaces "sch", "ei", "ie" by one unit each and the second of two equal ASCII letters by
    /// `doubled`, in place.
    private static func protect(_ w: inout [UInt8]) {
        var read = 0
        var write = 0
        let n = w.count
        while read < n {
            let b = w[read]
            if b == 0x73, read + 2 < n, w[read + 1] == 0x63, w[read + 2] == 0x68 {  // sch
                w[write] = sch
                read += 3
            } else if b == 0x65, read + 1 < n, w[read + 1] == 0x69 {  // ei
                w[write] = ei
                read += 2
            } else if b == 0x69, read + 1 < n, w[read + 1] == 0x65 {  // ie
                w[write] = ie
                read += 2
            } else if write > 0, b < 0x80, b > doubled, w[write - 1] == b {
                w[write] = doubled
                read += 1
            } else {
                w[write] = b
                read += 1
            }
            write += 1
        }
        w.removeLast(n - write)
    }

    /// Step 3: the suffix loop.
    private static func stripInflection(_ w: inout [UInt8]) {
        while w.count > 3 {
            let n = w.count
            let last = w[n - 1]
            if n > 5, w[n - 2] == 0x65, last == 0x6D || last == 0x72 {  // em er
                w.removeLast(2)
            } else if n > 5, w[n - 2] == 0x6E, last == 0x64 {  // nd
                w.removeLast(2)
            } else if last == 0x74 || last == 0x65 || last == 0x73 {  // t e s
                w.removeLast()
            } else if last == 0x6E, !isVowelUnitOtherThanE(w[n - 2]) {  // n
                w.removeLast()
            } else {
                return
            }
        }
    }

    /// Whether the protected word ends in "k" + unit "ei".
    private static func endsWithKeit(_ w: [UInt8]) -> Bool {
        w.count >= 2 && w[w.count - 1] == ei && w[w.count - 2] == 0x6B
    }

    /// The length in letters of a protected word.
    private static func unexpandedCount(_ w: [UInt8]) -> Int {
        var n = 0
        for b in w { n += b == sch ? 3 : (b == ei || b == ie) ? 2 : 1 }
        return n
    }

    /// Back from units to letters, in place (growing the array at most to the folded length).
    private static func expand(_ w: inout [UInt8]) {
        let extra = unexpandedCount(w) - w.count
        var write = w.count + extra
        var read = w.count
        w.append(contentsOf: repeatElement(0, count: extra))
        while read > 0 {
            read -= 1
            let b = w[read]
            switch b {
            case sch:
                write -= 3
                w[write] = 0x73; w[write + 1] = 0x63; w[write + 2] = 0x68
            case ei:
                write -= 2
                w[write] = 0x65; w[write + 1] = 0x69
            case ie:
                write -= 2
                w[write] = 0x69; w[write + 1] = 0x65
            default:
                write -= 1
                w[write] = b
            }
        }
        // Doubled letters copy their left neighbour, left to right (a run of them copies along).
        var i = 1
        while i < w.count {
            if w[i] == doubled { w[i] = w[i - 1] }
            i += 1
        }
    }

    /// Step 5: consonant + "e" + l/n/r at the end → consonant + l/n/r.
    private static func elide(_ w: inout [UInt8]) {
        let n = w.count
        guard n >= 4, w[n - 2] == 0x65, w[n - 1] == 0x6C || w[n - 1] == 0x6E || w[n - 1] == 0x72,
              !isVowel(w[n - 3]) else { return }
        w.remove(at: n - 2)
    }

    // MARK: - Letter classes

    @inline(__always)
    private static func isVowel(_ b: UInt8) -> Bool {
        switch b {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: true  // a e i o u y
        default: false
        }
    }

    @inline(__always)
    private static func isAOU(_ b: UInt8) -> Bool { b == 0x61 || b == 0x6F || b == 0x75 }

    @inline(__always)
    private static func isVowelOrQ(_ b: UInt8) -> Bool { isVowel(b) || b == 0x71 }

    /// a i o u y and the units "ei", "ie": an -n after them is part of the stem.
    @inline(__always)
    private static func isVowelUnitOtherThanE(_ b: UInt8) -> Bool {
        b == ei || b == ie || (isVowel(b) && b != 0x65)
    }
}
