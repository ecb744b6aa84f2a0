/// Turns the date strings pages state into `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
///
/// Accepts ISO 8601 dates and timestamps (`2025-07-03`, `2025-07-03T10:15:00+02:00`,
/// `2025-07`, `2025`) and German numeric dates (`03.07.2025`, `3.7.2025 10:15`).
enum DateNormalizer {
    static func normalize(_ raw: String) -> String? {
        let text = Array(raw.trimmingASCIIWhitespace().utf8)
        return iso(text) ?? german(text)
    }

    private static func iso(_ text: [UInt8]) -> String? {
        var reader = NumberReader(text)
        guard let year = reader.number(digits: 4...4), isPlausible(year: year) else { return nil }
        guard reader.skip(UInt8(ascii: "-")) || reader.skip(UInt8(ascii: "/")) else {
            return reader.atEndOrNonDigit ? format(year) : nil
        }
        guard let month = reader.number(digits: 1...2), (1...12).contains(month) else { return nil }
        guard reader.skip(UInt8(ascii: "-")) || reader.skip(UInt8(ascii: "/")) else {
            return reader.atEndOrNonDigit ? format(year, month) : nil
        }
        guard let day = reader.number(digits: 1...2), (1...31).contains(day), reader.atEndOrNonDigit else { return nil }
        return format(year, month, day)
    }

    private static func german(_ text: [UInt8]) -> String? {
        var reader = NumberReader(text)
        guard let day = reader.number(digits: 1...2), (1...31).contains(day), reader.skip(UInt8(ascii: ".")),
              let month = reader.number(digits: 1...2), (1...12).contains(month), reader.skip(UInt8(ascii: ".")),
              let year = reader.number(digits: 4...4), isPlausible(year: year), reader.atEndOrNonDigit
        else { return nil }
        return format(year, month, day)
    }

    private static func isPlausible(year: Int) -> Bool { (1000...2999).contains(year) }

    private static func format(_ year: Int, _ month: Int? = nil, _ day: Int? = nil) -> String {
        var text = String(year)
        for part in [month, day].compactMap({ $0 }) {
            text += part < 10 ? "-0\(part)" : "-\(part)"
        }
        return text
    }

    /// Reads unsigned decimal numbers and separators from ASCII bytes.
    private struct NumberReader {
        private let text: [UInt8]
        private var index = 0

        init(_ text: [UInt8]) { self.text = text }

        var atEndOrNonDigit: Bool { index >= text.count || !isDigit(text[index]) }

        mutating func number(digits: ClosedRange<Int>) -> Int? {
            var value = 0
            var count = 0
            while index < text.count, isDigit(text[index]), count < digits.upperBound {
                value = value * 10 + Int(text[index] - UInt8(ascii: "0"))
                index += 1
                count += 1
            }
            return digits.contains(count) && atEndOrNonDigit ? value : nil
        }

        mutating func skip(_ separator: UInt8) -> Bool {
            guard index < text.count, text[index] == separator else { return false }
            index += 1
            return true
        }

        private func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    }
}

extension DateNormalizer {
    /// The date when `line` is nothing but a date as pages print them: "03.07.2025",
    /// "3. Juli 2025", "Montag, 3. Juli 2025", "2025-07-03", each optionally with a time of
    /// day ("12.12.2022, 08:30 Uhr"). Nil when anything else is in the line.
    static func wholeLine(_ line: String) -> String? {
        var words = String(decoding: Boilerplate.lowercasedBytes(line), as: UTF8.self).split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "|" })
            .map { $0.hasSuffix(":") && !$0.contains(where: \.isNumber) ? String($0.dropLast()) : String($0) }
        // A byline after the date: "06.11.2023 13:30 von Olga".
        if let by = words.firstIndex(where: { $0 == "von" || $0 == "by" }), by > 0 { words.removeSubrange(by...) }
        // Trailing time of day: "08:30", "08:30 uhr", "um 09:25", "- 18:55".
        while let last = words.last,
              last == "uhr" || last == "um" || last == "-" || last == "–" || (last.contains(":") && last.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") })) {
            words.removeLast()
        }
        // Leading words of a date line: "Stand:", "Erschienen am", "Montag,".
        while let first = words.first, leadWords.contains(first) || weekdays.contains(withoutDots(first)) {
            words.removeFirst()
        }
        switch words.count {
        case 1:
            let bytes = Array(words[0].utf8)
            guard bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D }) else { return nil }
            return normalize(words[0]) ?? shortYear(words[0])
        case 2, 3:
            // "3. juli 2025", "3.juli 2025", "juli 2025", "april 19 2019"
            if words.count == 3, monthNames[words[0]] != nil, let day = Int(words[1]) {
                return germanWithMonthName("\(day). \(words[0]) \(words[2])")
            }
            return germanWithMonthName(words.joined(separator: " "))
        default:
            return nil
        }
    }

    /// "31.10.23": years 00–35 are 2000–2035, the others 1936–1999.
    private static func shortYear(_ text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 2, parts[0].count <= 2, parts[1].count <= 2,
              let day = Int(parts[0]), let month = Int(parts[1]), let short = Int(parts[2]),
              (1...31).contains(day), (1...12).contains(month) else { return nil }
        let year = short <= 35 ? 2000 + short : 1900 + short
        return normalize("\(day).\(month).\(year)")
    }

    private static let leadWords: Set<String> = [
        "stand", "vom", "am", "den", "datum", "erschienen", "veröffentlicht", "aktualisiert", "publiziert",
        "erstellt", "zuletzt", "geändert", "posted", "on", "published", "updated", "veröffentlichung",
    ]

    /// The word without the dots at its ends ("Mo." → "Mo").
    private static func withoutDots<S: StringProtocol>(_ word: S) -> String {
        String(word.drop { $0 == "." }.reversed().drop { $0 == "." }.reversed())
    }

    /// "3. Juli 2025", "03. Februar 2020", "3 Juli 2025", "Juli 2025" (lower-cased).
    static func germanWithMonthName(_ text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).joined(separator: ". ").split(separator: " ").map(String.init)
        var day: Int?
        var rest = parts[...]
        if let first = rest.first {
            let digits = first.hasSuffix(".") ? String(first.dropLast()) : first
            if let d = Int(digits), (1...31).contains(d), digits.count <= 2 {
                day = d
                rest = rest.dropFirst()
            }
        }
        guard rest.count == 2, let month = monthNames[withoutDots(rest[rest.startIndex])],
              rest.last!.count == 4, let year = Int(rest.last!), (1000...2999).contains(year) else { return nil }
        var text = "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
        if let day { text += day < 10 ? "-0\(day)" : "-\(day)" }
        return text
    }

    /// RFC 822 dates of RSS: "Mon, 03 Jul 2025 10:00:00 +0200" (weekday and time optional).
    static func rfc822(_ text: String) -> String? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        for i in words.indices where i + 2 < words.count {
            guard let day = Int(words[i]), (1...31).contains(day), let month = monthNames[words[i + 1]],
                  words[i + 2].count == 4, let year = Int(words[i + 2]), (1000...2999).contains(year) else { continue }
            return "\(year)-" + (month < 10 ? "0\(month)" : "\(month)") + (day < 10 ? "-0\(day)" : "-\(day)")
        }
        return nil
    }

    private static let weekdays: Set<String> = [
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "sonnabend",
        "mo", "di", "mi", "do", "fr", "sa", "so",
    ]

    private static let monthNames: [String: Int] = [
        "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "april": 4,
        "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
        "dezember": 12, "dez": 12, "january": 1, "february": 2, "march": 3, "may": 5, "june": 6,
        "july": 7, "october": 10, "oct": 10, "december": 12, "dec": 12,
    ]
}
