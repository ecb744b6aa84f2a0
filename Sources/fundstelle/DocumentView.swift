import FundstelleSearch

extension DocumentView {
    /// Title, the metadata that is set, headings, a blank line, the text.
    func printHuman() {
        print(Terminal.bold(title.isEmpty ? path : title))
        let fields: [(String, String)] = [
            ("id", id), ("path", path), ("date", date), ("language", language), ("url", url),
            ("collection", collection), ("description", description),
        ]
        for (name, value) in fields where !value.isEmpty { print(Terminal.dim("\(name):".padding(12)) + value) }
        for h in headings { print(Terminal.dim("heading:".padding(12)) + h) }
        for path in duplicates { print(Terminal.dim("also at:".padding(12)) + path) }
        print("")
        print(text)
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
