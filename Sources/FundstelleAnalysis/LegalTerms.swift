/// Conventions of German legal citations the analyzer knows.
enum LegalTerms {
    static let sgb: [UInt8] = Array("sgb".utf8)

    /// The value of a lower-case roman numeral from 1 to 39 ("xii" → 12), nil for anything else.
    /// Books of the Sozialgesetzbuch are cited either way: "SGB XII" and "SGB 12" are one book.
    static func romanNumeral(_ s: [UInt8]) -> Int? {
        guard !s.isEmpty, s.count <= 7 else { return nil }
        var i = 0
        var value = 0
        while i < s.count && s[i] == 0x78 { value += 10; i += 1 }  // x
        if value > 30 { return nil }
        let rest = String(decoding: s[i...], as: UTF8.self)
        let units = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
        guard let u = units.firstIndex(of: rest) else { return nil }
        value += u
        return value > 0 ? value : nil
    }
}
