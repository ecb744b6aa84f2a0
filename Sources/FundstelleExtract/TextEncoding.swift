/// A character encoding the extractor can convert to UTF-8.
public enum TextEncoding: Sendable, Equatable, CustomStringConvertible {
    case utf8
    case utf16LittleEndian
    case utf16BigEndian
    /// Also used for the labels iso-8859-1, latin1 and us-ascii, as browsers do.
    case windows1252
    /// Bytes that are not valid UTF-8 although declared so (or with nothing declared): valid UTF-8
    /// sequences are kept and every other byte is read as windows-1252.
    case utf8WithWindows1252Fallback
    /// A rarer declared charset, converted with iconv; holds the label as declared (lowercased).
    case other(String)

    /// Maps a declared charset label (`<meta charset>`, XML declaration) to an encoding;
    /// nil when the label names nothing this system can decode.
    init?(label rawLabel: String) {
        let label = rawLabel.trimmingASCIIWhitespace().lowercased()
        if Self.utf8Labels.contains(label) {
            self = .utf8
        } else if Self.windows1252Labels.contains(label) {
            self = .windows1252
        } else if label.hasPrefix("utf-16") || label.hasPrefix("utf16") || label == "unicode" {
            // A UTF-16 label on bytes without a UTF-16 byte order mark is a lie (the label
            // itself was readable as ASCII); browsers decode such pages as UTF-8.
            self = .utf8
        } else if !label.isEmpty, IconvDecoder.canDecode(from: label) {
            self = .other(label)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LittleEndian: "UTF-16LE"
        case .utf16BigEndian: "UTF-16BE"
        case .windows1252: "windows-1252"
        case .utf8WithWindows1252Fallback: "UTF-8 with windows-1252 fallback"
        case .other(let label): label
        }
    }

    private static let utf8Labels: Set<String> = ["utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"]
    private static let windows1252Labels: Set<String> = [
        "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591",
        "iso_8859-1:1987", "iso-ir-100", "latin1", "latin-1", "l1", "csisolatin1", "cp819", "ibm819",
        "us-ascii", "ascii", "ansi_x3.4-1968", "iso-646.irv:1991", "cp367", "ibm367", "csascii",
    ]
}
