internal import CLibXML2

/// Accumulates visible text as UTF-8 bytes the way a browser lays it out for reading:
/// runs of whitespace (including no-break and other Unicode spaces) collapse to one space,
/// paragraph ends become one separator byte, nothing leads or trails, and invisible
/// characters (soft hyphen, zero-width space, word joiner, BOM) vanish so they cannot split words.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []
    private let paragraphSeparator: UInt8
    private var pendingSpace = false
    private var pendingBreak = false
    /// Where the current paragraph's text begins in `bytes`.
    private var paragraphStart = 0

    /// `paragraphSeparator` is "\n" for bodies; a space for titles and headings, whose inner
    /// block boundaries only separate words.
    init(paragraphSeparator: UInt8 = 0x0A, capacity: Int = 0) {
        self.paragraphSeparator = paragraphSeparator
        bytes.reserveCapacity(capacity)
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// Ends the current paragraph; the separator appears only if more text follows. In a
    /// body, a paragraph of separators alone (", , ," left by links taken out, "***", "-----")
    /// says nothing and goes; a dash alone stays (a table's cell for "none"), and so does any
    /// line with `keepingFiller` (a line of preformatted text).
    mutating func endParagraph(keepingFiller: Bool = false) {
        if !keepingFiller, paragraphSeparator == 0x0A, paragraphStart < bytes.count, bytes[paragraphStart...] != [0x2D],
           bytes[paragraphStart...].allSatisfy(Self.isFiller) {
            bytes.removeSubrange(max(0, paragraphStart - 1)...)
            pendingSpace = false
        }
        paragraphStart = bytes.count  // the paragraph is judged: a later end finds it empty
        if !bytes.isEmpty { pendingBreak = true }
    }

    /// Separators, rules and stray punctuation: ", | * # = _ ~ + . - > ? / : ;" and spaces
    /// (not brackets: "[...]" marks an omission).
    private static func isFiller(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x2C, 0x7C, 0x2A, 0x23, 0x3D, 0x5F, 0x7E, 0x2B, 0x2E, 0x2D, 0x3E, 0x3F, 0x2F, 0x3A, 0x3B: true
        default: false
        }
    }

    /// Separates words, as whitespace would.
    mutating func separateWords() {
        pendingSpace = true
    }

    /// Empties the buffer, keeping its storage for reuse.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        paragraphStart = 0
        pendingSpace = false
        pendingBreak = false
    }

    /// The text so far, NFC-normalised.
    var text: String { UnicodeNormalization.nfc(bytes) }

    /// The string with whitespace collapsed and trimmed, NFC-normalised (for attribute values).
    static func collapsed(_ string: String) -> String {
        var buffer = TextBuffer(paragraphSeparator: 0x20)
        var copy = string
        copy.withUTF8 { buffer.append($0) }
        return buffer.text
    }

    /// Appends a NUL-terminated UTF-8 string, such as a libxml2 node's content.
    /// With `keepingLineBreaks` (inside `<pre>`), a line feed ends the paragraph.
    mutating func append(cString text: UnsafePointer<UInt8>, keepingLineBreaks: Bool = false) {
        append(UnsafeBufferPointer(start: text, count: Int(fundstelle_xmlStrlen(text))), keepingLineBreaks: keepingLineBreaks)
    }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>, keepingLineBreaks: Bool = false) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        var index = 0
        while index < count {
            let byte = base[index]
            if byte > 0x20, byte < 0x80 {
                // A run of visible ASCII goes over in one copy, not byte by byte.
                flushPending()
                var end = index + 1
                while end < count, base[end] > 0x20, base[end] < 0x80 { end += 1 }
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + index, count: end - index))
                index = end
            } else if byte <= 0x20 {
                if keepingLineBreaks, byte == 0x0A { endParagraph(keepingFiller: true) } else { pendingSpace = true }
                index += 1
            } else {
                index += appendNonASCII(base + index, available: count - index)
            }
        }
    }

    /// Handles one multi-byte UTF-8 sequence (input from libxml2 is valid UTF-8); returns its length.
    private mutating func appendNonASCII(_ start: UnsafePointer<UInt8>, available: Int) -> Int {
        let length = min(Self.sequenceLength(start[0]), available)
        switch Self.classify(start, length: length) {
        case .space:
            pendingSpace = true
        case .invisible:
            break
        case .visible:
            flushPending()
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
        }
        return length
    }

    private mutating func flushPending() {
        if pendingBreak || pendingSpace, !bytes.isEmpty {
            bytes.append(pendingBreak ? paragraphSeparator : 0x20)
            if pendingBreak { paragraphStart = bytes.count }
        }
        pendingBreak = false
        pendingSpace = false
    }

    private enum CharacterClass { case space, invisible, visible }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    private static func classify(_ start: UnsafePointer<UInt8>, length: Int) -> CharacterClass {
        switch (start[0], length) {
        case (0xC2, 2):
            switch start[1] {
            case 0xA0: return .space  // no-break space
            case 0xAD: return .invisible  // soft hyphen
            case 0x85: return .space  // next line
            default: return .visible
            }
        case (0xE2, 3) where start[1] == 0x80:
            switch start[2] {
            case 0x80...0x8A, 0xA8, 0xA9, 0xAF: return .space  // en/em/thin spaces, line/paragraph separator, narrow no-break space
            case 0x8B: return .invisible  // zero-width space
            default: return .visible
            }
        case (0xE2, 3) where start[1] == 0x81:
            switch start[2] {
            case 0x9F: return .space  // medium mathematical space
            case 0xA0: return .invisible  // word joiner
            default: return .visible
            }
        case (0xE3, 3) where start[1] == 0x80 && start[2] == 0x80: return .space  // ideographic space
        case (0xE1, 3) where start[1] == 0x9A && start[2] == 0x80: return .space  // ogham space mark
        case (0xEF, 3) where start[1] == 0xBB && start[2] == 0xBF: return .invisible  // zero-width no-break space (BOM)
        default: return .visible
        }
    }
}
