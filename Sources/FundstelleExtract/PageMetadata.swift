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
    private var canonicalURL: String?
    private var socialURL: String?
    /// `og:title`, else `twitter:title`.
    private(set) var socialTitle = ""

    /// `<meta name=description>`, else Open Graph / Twitter description.
    var description: String { metaDescription ?? socialDescription ?? "" }
    /// `<html lang>`/`xml:lang`, else the Content-Language meta tag.
    var language: String { rootLanguage ?? declaredLanguage ?? "" }
    /// A date meta tag, else the first `<time datetime>`.
    var date: String { metaDate ?? timeDate ?? "" }
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

    private static let dateKeys: Set<String> = [
        "date", "dcterms.date", "dc.date", "dc.date.issued", "dcterms.issued", "dc.date.created",
        "dcterms.created", "article:published_time", "og:published_time", "datepublished",
        "publishdate", "publish-date", "pubdate",
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
