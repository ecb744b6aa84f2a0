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
