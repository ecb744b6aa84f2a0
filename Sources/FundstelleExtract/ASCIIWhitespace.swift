/// Whitespace helpers for labels and attribute values (ASCII whitespace only, as in HTML).
extension String {
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
        let last = utf8.lastIndex(where: { !$0.isASCIIWhitespace })!
        return String(self[first...last])
    }
}

extension UInt8 {
    /// Space, tab, line feed, form feed, carriage return.
    var isASCIIWhitespace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D
    }

    /// The byte lowercased if it is an ASCII capital letter.
    var asciiLowercased: UInt8 {
        (0x41...0x5A).contains(self) ? self | 0x20 : self
    }

    var isASCIILetter: Bool {
        (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
