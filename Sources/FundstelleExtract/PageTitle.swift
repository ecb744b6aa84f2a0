/// Chooses a page's title among what it offers: the `<title>`, which usually ends with the
/// site's name ("Wohngeld beantragen | Stadt Offenbach"); the Open Graph title; the first h1.
enum PageTitle {
    /// Separators between a headline and a site name, as sites write them.
    private static let separators = [" | ", " – ", " — ", " - ", " :: ", " » ", " « ", " · ", " // ", " •"]
    /// Separators that hardly ever stand inside a headline: what follows them is the site.
    private static let siteSeparators: Set<String> = [" | ", " :: ", " » ", " « ", " // ", " •"]

    /// The headline and the site name of a title, when it has a site suffix: cut at the last
    /// separator — always at a pipe-like one, at a dash only when what comes before is longer.
    static func split(_ title: String) -> (headline: String, site: String)? {
        var cut: (range: Range<String.Index>, separator: String)?
        for separator in separators {
            if let r = lastRange(of: separator, in: title), cut.map({ r.lowerBound > $0.range.lowerBound }) ?? true {
                cut = (r, separator)
            }
        }
        // "Headline | Section | Site": with several pipe-like separators the first one ends the headline.
        if let last = cut, siteSeparators.contains(last.separator) {
            for separator in siteSeparators {
                if let r = firstRange(of: separator, in: title), r.lowerBound < cut!.range.lowerBound { cut = (r, separator) }
            }
        }
        guard let cut else { return nil }
        let head = title[..<cut.range.lowerBound], tail = title[cut.range.upperBound...]
        guard !head.isEmpty, siteSeparators.contains(cut.separator) || head.count > tail.count else { return nil }
        return (String(head), String(tail))
    }

    /// The last occurrence of `needle` in `text`, compared byte for byte.
    private static func lastRange(of needle: String, in text: String) -> Range<String.Index>? {
        byteOffset(of: needle, in: text, last: true).map { range(at: $0, length: needle.utf8.count, in: text) }
    }

    /// The first occurrence of `needle` in `text`, compared byte for byte.
    private static func firstRange(of needle: String, in text: String) -> Range<String.Index>? {
        byteOffset(of: needle, in: text, last: false).map { range(at: $0, length: needle.utf8.count, in: text) }
    }

    /// Where `needle` starts in `text`'s UTF-8, its first or its last occurrence. On the
    /// bytes themselves: every page's title is searched for ten separators.
    private static func byteOffset(of needle: String, in text: String, last: Bool) -> Int? {
        var text = text, needle = needle
        return text.withUTF8 { h in
            needle.withUTF8 { n -> Int? in
                guard let first = n.first, h.count >= n.count else { return nil }
                func matches(_ s: Int) -> Bool {
                    guard h[s] == first else { return false }
                    for k in 1..<n.count where h[s + k] != n[k] { return false }
                    return true
                }
                let starts = 0...(h.count - n.count)
                return last ? starts.reversed().first(where: matches) : starts.first(where: matches)
            }
        }
    }

    private static func range(at offset: Int, length: Int, in text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: length)
    }

    /// Case-insensitive containment (ASCII letters and Ä Ö Ü folded; `String.lowercased()`
    /// costs more than the rest of the title choice together), with typographic quotes and
    /// dashes taken as plain ones: the h1 says „Arschloch“ where og:title says "Arschloch".
    private static func containsIgnoringCase(_ text: String, _ part: String) -> Bool {
        plain(text).contains(subsequence: plain(part))
    }

    /// Lower-cased bytes (see `Boilerplate.lowercasedBytes`) with „ “ ” « » as '"', ‘ ’ as "'"
    /// and – — as "-". On bytes: this runs for every page.
    private static func plain(_ text: String) -> [UInt8] {
        let bytes = Boilerplate.lowercasedBytes(text)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 {
                switch bytes[i + 2] {
                case 0x9C, 0x9D, 0x9E: out.append(0x22); i += 3; continue
                case 0x98, 0x99: out.append(0x27); i += 3; continue
                case 0x93, 0x94: out.append(0x2D); i += 3; continue
                default: break
                }
            } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xAB || bytes[i + 1] == 0xBB {
                out.append(0x22)
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    /// `title` without a trailing site name.
    static func withoutSiteSuffix(_ title: String) -> String { split(title)?.headline ?? title }

    /// The headline: the first h1 when the headline part of the other titles contains it (it is
    /// then the page's own wording; a blog's h1 is often its name, which only the suffix
    /// repeats), else the first h1 of the page's main content (`contentHeading`) unless the
    /// site's name contains it, else the Open Graph title, else the `<title>`, each without a
    /// site suffix; the h1 when nothing else is there.
    static func choose(title: String, socialTitle: String, firstHeading: String?, contentHeading: String? = nil) -> String {
        let chosen = chooseHeadline(title: withoutDatePrefix(title), socialTitle: withoutDatePrefix(socialTitle),
                                    firstHeading: firstHeading, contentHeading: contentHeading)
        // "Home", "Startseite", "Blog": the name of a kind of page, not of this one.
        if genericTitles.contains(String(decoding: Boilerplate.lowercasedBytes(chosen), as: UTF8.self)),
           let h1 = contentHeading ?? firstHeading, h1.count >= 3, h1 != chosen {
            return h1
        }
        return chosen
    }

    private static let genericTitles: Set<String> = [
        "home", "startseite", "start", "willkommen", "herzlich willkommen", "index", "blog", "news", "aktuelles",
    ]

    /// `title` without a leading date and separator ("08.11.2021 | Online-Fachtag …"), which
    /// some sites put first.
    static func withoutDatePrefix(_ title: String) -> String {
        for separator in [" | ", " – ", " - ", ": "] {
            guard let r = firstRange(of: separator, in: title) else { continue }
            let head = title[..<r.lowerBound]
            if head.count >= 4, head.allSatisfy({ $0.isNumber || $0 == "." || $0 == "/" || $0 == "-" }),
               head.contains(where: \.isNumber), title[r.upperBound...].contains(where: \.isLetter) {
                return String(title[r.upperBound...])
            }
        }
        return title
    }

    private static func chooseHeadline(title: String, socialTitle: String, firstHeading: String?, contentHeading: String?) -> String {
        let parts = split(title)
        let stripped = parts?.headline ?? title
        // The site's name, as the <title> revealed it, comes off the Open Graph title too.
        var social = socialTitle
        if let site = parts?.site, social.count > site.count, social.hasSuffix(site) {
            social.removeLast(site.count)
            while let last = social.last, last == " " || "|-–—:»·/•".contains(last) { social.removeLast() }
        }
        social = withoutSiteSuffix(social)
        let isSiteName = { (h1: String) in parts.map { containsIgnoringCase($0.site, h1) } ?? false }
        // …unless the title only ends with it, after a separator: then the h1 is the site's name
        // ("Need for Speed – Insubordinantes Denken" with the blog's name as its first h1).
        let endsTitle = { (h1: String) in
            separators.contains { plain(title).reversed().starts(with: plain($0 + h1).reversed()) } && !containsIgnoringCase(social, h1)
        }
        if let h1 = firstHeading, h1.count >= 3,
           containsIgnoringCase(stripped, h1) || containsIgnoringCase(social, h1), !endsTitle(h1) {
            return h1
        }
        // The h1 says the headline and goes on ("… Kapazität" in the <title>, "… Kapazität in
        // Tennessee" in the h1): the sites shorten the <title>, not the h1.
        for headline in [social, stripped] where headline.count >= 12 {
            if let h1 = contentHeading ?? firstHeading, h1.count > headline.count, h1.count <= 2 * headline.count,
               plain(h1).starts(with: plain(headline)) {
                return h1
            }
        }
        // The headline of the content: the page's own words for what it is ("Eignet sich eine
        // Wärmepumpe im Altbau?" where the <title> says "Wärmepumpe im Altbau"), unless it is
        // only the site's name.
        if let h1 = contentHeading, h1.count >= 3, !isSiteName(h1) {
            return h1
        }
        if !social.isEmpty { return social }
        if !stripped.isEmpty { return stripped }
        return firstHeading ?? ""
    }
}
