/// Turns a token's bytes into its normalised form: lower-cased (soft hyphens dropped),
/// gender joiners removed ("Bürger*innen" → "bürgerinnen"), numbers in one spelling
/// ("1.234,56" → "1234,56", "03.07.2025" and "3.7.2025" → "2025-07-03").
public enum TokenNormalizer {
    public static func normalize(_ word: UnsafeBufferPointer<UInt8>, flags: TokenFlags, into out: inout [UInt8]) {
        Lowercaser.lowercase(word, into: &out)
        if flags.contains(.gendered) {
            out.removeAll { $0 == 0x2A || $0 == 0x3A || $0 == 0x5F || $0 == 0x2F || $0 == 0x2D }
        }
        if flags.contains(.number) { normalizeNumber(&out) }
        if flags.contains(.abbreviation) { out.removeAll { $0 == 0x2E || $0 == 0x20 } }
    }

    /// The masculine base of a normalised gender-inclusive form: "bürgerinnen" → "bürger",
    /// "mitarbeiterin" → "mitarbeiter"; nil when it has neither ending.
    public static func genderBase(_ s: [UInt8]) -> ArraySlice<UInt8>? {
        for ending in ["innen", "in"] {
            let e = Array(ending.utf8)
            if s.count > e.count + 2, s.suffix(e.count).elementsEqual(e) { return s.dropLast(e.count) }
        }
        return nil
    }

    /// German dates to ISO; thousands dots removed when every group after a dot has three digits.
    static func normalizeNumber(_ s: inout [UInt8]) {
        guard s.contains(0x2E) else { return }
        let groups = s.split(separator: 0x2E, omittingEmptySubsequences: false)
        if groups.count == 3, (1...2).contains(groups[0].count), (1...2).contains(groups[1].count), groups[2].count == 4,
           let day = number(groups[0]), let month = number(groups[1]), (1...31).contains(day), (1...12).contains(month)
        {
            var iso = Array(groups[2])
            iso.append(0x2D)
            if month < 10 { iso.append(0x30) }
            iso.append(contentsOf: String(month).utf8)
            iso.append(0x2D)
            if day < 10 { iso.append(0x30) }
            iso.append(contentsOf: String(day).utf8)
            s = iso
            return
        }
        let thousands = groups.dropFirst().allSatisfy { group in
            let digits = group.prefix { $0 != 0x2C }
            return digits.count == 3
        }
        if thousands { s.removeAll { $0 == 0x2E } }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for d in digits {
            guard d &- 0x30 < 10 else { return nil }
            v = v * 10 + Int(d - 0x30)
        }
        return v
    }
}
