/// Conventions of German legal citations the analyzer knows.
enum LegalTerms {
    /// German month names (lower-case, also "märz" folded as "marz"), January first.
    static let months: [[UInt8]: Int] = {
        let names = ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
                     "oktober", "november", "dezember"]
        var table: [[UInt8]: Int] = [:]
        for (i, name) in names.enumerated() { table[Array(name.utf8)] = i + 1 }
        table[Array("marz".utf8)] = 3
        table[Array("jänner".utf8)] = 1
        return table
    }()

    /// "2025-07-03" for day 3, month 7, year 2025; nil for a day the month cannot have.
    static func isoDate(day: Int, month: Int, year: Int) -> [UInt8]? {
        guard (1...31).contains(day), (1...12).contains(month), (1000...2999).contains(year) else { return nil }
        let mm = month < 10 ? "0\(month)" : "\(month)", dd = day < 10 ? "0\(day)" : "\(day)"
        return Array("\(year)-\(mm)-\(dd)".utf8)
    }

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
