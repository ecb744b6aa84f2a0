/// Plain-text files: the first non-empty line is the title; the rest is the body, where a blank
/// line separates paragraphs and single line breaks (hard wrapping) join into spaces.
enum PlainTextExtractor {
    static func extract(_ utf8: [UInt8], path: String) -> Document {
        var title = TextBuffer(paragraphSeparator: 0x20)
        var body = TextBuffer(capacity: utf8.count)
        utf8.withUnsafeBufferPointer { text in
            for line in text.split(separator: 0x0A, omittingEmptySubsequences: false) {
                let line = UnsafeBufferPointer(rebasing: line)
                if title.isEmpty {
                    title.append(line)
                } else if line.allSatisfy(\.isASCIIWhitespace) {
                    body.endParagraph()
                } else {
                    body.separateWords()
                    body.append(line)
                }
            }
        }
        return Document(path: path, title: title.text, body: body.text)
    }
}
