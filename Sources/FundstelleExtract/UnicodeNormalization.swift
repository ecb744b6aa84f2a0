/// NFC normalisation of extracted text. Most German text is already NFC (it uses precomposed
/// umlauts), so a byte scan first proves that cheaply and the standard library's normaliser
/// (`String._nfcCodeUnits`; no Foundation, so no ICU at start-up) runs only otherwise.
enum UnicodeNormalization {
    static func nfc(_ utf8: [UInt8]) -> String {
        let string = String(decoding: utf8, as: UTF8.self)
        return isKnownNFC(utf8) ? string : String(decoding: string._nfcCodeUnits, as: UTF8.self)
    }

    /// True when every character lies in a range where no character decomposes or combines
    /// under NFC: U+0000–U+02FF (ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers),
    /// and U+2002–U+20CF (punctuation such as dashes and quotes, super/subscripts, currency such
    /// as €). False means "unknown", not "not NFC".
    private static func isKnownNFC(_ utf8: [UInt8]) -> Bool {
        utf8.withUnsafeBufferPointer { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                switch byte {
                case 0..<0xC0:
                    index += 1  // ASCII or a continuation byte of an accepted sequence
                case 0xC2...0xCB:
                    index += 2
                case 0xE2 where index + 2 < count && isStablePunctuation(bytes[index + 1], bytes[index + 2]):
                    index += 3
                default:
                    return false
                }
            }
            return true
        }
    }

    /// U+2002–U+20CF, i.e. E2 80 82 … E2 83 8F.
    private static func isStablePunctuation(_ second: UInt8, _ third: UInt8) -> Bool {
        switch second {
        case 0x80: third >= 0x82
        case 0x81, 0x82: true
        case 0x83: third < 0x90
        default: false
        }
    }
}
