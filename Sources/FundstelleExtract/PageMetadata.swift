internal import CLibXML2

/// Collects what an HTML page says about itself (meta and link tags, `<html lang>`, `<time>`)
/// and decides between competing statements.
struct PageMetadata {
    private var metaDescription: String?
    private var socialDescription: String?
    private var rootLanguage: String?
    private var declaredLanguage: String?
    private var metaDate: String?
    private var timeDate: String?
    private var structuredDate: String?
    /// Dates printed alone in a text node ("03.07.2025", "3. Juli 2025, 10:15 Uhr"): the first
    /// before the page's h1 and the first after it (a byline under the headline).
    private var textDateBeforeHeading: String?
    private var textDateAfterHeading: String?
    private var canonicalURL: String?
    private var socialURL: String?
    /// `<meta name="robots">` (or "googlebot") with `noindex` or `none`.
    private(set) var noindex = false
    /// `og:title`, else `twitter:title`.
    private(set) var socialTitle = ""

    /// `<meta name=description>`, else Open Graph / Twitter description.
    var description: String { metaDescription ?? socialDescription ?? "" }
    /// `<html lang>`/`xml:lang`, else the Content-Language meta tag.
    var language: String { rootLanguage ?? declaredLanguage ?? "" }
    /// The page's date, from the most to the least deliberate statement: a date meta tag,
    /// JSON-LD `datePublished`, a date in the canonical URL's path (/2017/06/29/), the first
    /// `<time datetime>`, a date printed alone after the h1, before it.
    var date: String {
        metaDate ?? structuredDate ?? Self.dateInURL(url) ?? timeDate ?? textDateAfterHeading ?? textDateBeforeHeading ?? ""
    }
    /// `<link rel=canonical>`, else `og:url`.
    var url: String { canonicalURL ?? socialURL ?? "" }

    mutating func readRoot(_ element: xmlNodePtr) {
        rootLanguage = rootLanguage ?? (element.attribute("lang") ?? element.attribute("xml:lang")).flatMap(Self.languageTag)
    }

    mutating func readMeta(_ element: xmlNodePtr) {
        guard let content = element.attribute("content") else { return }
        let key = (element.attribute("name") ?? element.attribute("property") ?? element.attribute("itemprop"))?.lowercased()
        if let equiv = element.attribute("http-equiv")?.lowercased(), equiv == "content-language" {
            declaredLanguage = declaredLanguage ?? Self.languageTag(content)
        }
        guard let key else { return }
        switch key {
        case "description":
            metaDescription = metaDescription ?? TextBuffer.collapsed(content)
        case "og:description", "twitter:description":
            socialDescription = socialDescription ?? TextBuffer.collapsed(content)
        case "og:title", "twitter:title":
            if socialTitle.isEmpty { socialTitle = TextBuffer.collapsed(content) }
        case "robots", "googlebot":
            let directives = content.lowercased().split(whereSeparator: { $0 == "," || $0 == " " })
            if directives.contains("noindex") || directives.contains("none") { noindex = true }
        case "og:url":
            socialURL = socialURL ?? content
        case "language", "content-language", "dc.language", "dcterms.language":
            declaredLanguage = declaredLanguage ?? Self.languageTag(content)
        case _ where Self.dateKeys.contains(key):
            metaDate = metaDate ?? DateNormalizer.normalize(content)
        default:
            break
        }
    }

    mutating func readLink(_ element: xmlNodePtr) {
        guard canonicalURL == nil, let rel = element.attribute("rel")?.lowercased(),
              rel.split(separator: " ").contains("canonical") else { return }
        canonicalURL = element.attribute("href")
    }

    mutating func readTime(_ element: xmlNodePtr) {
        guard timeDate == nil, let value = element.attribute("datetime") else { return }
        timeDate = DateNormalizer.normalize(value)
    }

    /// Reads `datePublished` (else `dateCreated`, `uploadDate`) from a JSON-LD script's text.
    mutating func readStructuredData(_ text: UnsafePointer<UInt8>) {
        guard structuredDate == nil else { return }
        let json = String(cString: text)
        for key in ["\"datePublished\"", "\"dateCreated\"", "\"uploadDate\""] {
            guard let keyRange = json.firstRange(of: key) else { continue }
            let rest = json[keyRange.upperBound...].drop(while: { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            guard rest.first == "\"" else { continue }
            let value = rest.dropFirst().prefix(while: { $0 != "\"" })
            if let date = DateNormalizer.normalize(String(value)) {
                structuredDate = date
                return
            }
        }
    }

    /// Looks at a short text node for a date printed alone.
    mutating func readText(_ text: UnsafePointer<UInt8>, length: Int, afterHeading: Bool) {
        guard afterHeading ? textDateAfterHeading == nil : textDateBeforeHeading == nil else { return }
        let line = String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)
        // "Hamburg, 2. November 2021": a dateline may name the place first.
        let afterPlace = line.firstIndex(of: ",").map { String(line[line.index(after: $0)...]) }
        guard let date = DateNormalizer.wholeLine(line) ?? afterPlace.flatMap(DateNormalizer.wholeLine),
              date.utf8.count == 10  // a year alone is more often a number than the page's date
        else { return }
        if afterHeading { textDateAfterHeading = date } else { textDateBeforeHeading = date }
    }

    /// A date in a URL's path: /2017/06/29/ or /2017-06-29-.
    static func dateInURL(_ url: String) -> String? {
        let parts = url.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "_" || $0 == "." })
        guard parts.count >= 3 else { return nil }
        for i in 0..<(parts.count - 2) {
            guard parts[i].count == 4, let year = Int(parts[i]), (1990...2099).contains(year),
                  parts[i + 1].count == 2, let month = Int(parts[i + 1]), (1...12).contains(month),
                  parts[i + 2].count == 2, let day = Int(parts[i + 2]), (1...31).contains(day) else { continue }
            return "\(parts[i])-\(parts[i + 1])-\(parts[i + 2])"
        }
        return nil
    }

    private static let dateKeys: Set<String> = [
        "date", "dcterms.date", "dc.date", "dc.date.issued", "dcterms.issued", "dc.date.created",
        "dcterms.created", "article:published_time", "og:published_time", "datepublished",
        "publishdate", "publish-date", "pubdate", "article:published", "sailthru.date",
        "parsely-pub-date", "date.available", "dc.date.available", "zdf:publicationdate",
    ]

    /// The first tag of a list such as `de-DE, en`, with `_` written as `-`; nil unless it looks
    /// like a language tag (a 2–3 letter language subtag, then letter/digit subtags).
    private static func languageTag(_ value: String) -> String? {
        let first = value.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).first ?? ""
        let tag = String(first.map { $0 == "_" ? "-" : $0 })
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = subtags.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLetter }),
              subtags.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return tag
    }
}
