internal import CLibXML2

/// Recognises the parts of a page that are there on every page of a site, by what the page
/// calls them: navigation, headers and footers, cookie notices, breadcrumbs, share and print
/// links, related-links boxes, advertising. Names are read from the element, its ARIA role and
/// the words of its `class` and `id` ("main-nav", "c-cookie-banner", "footerLinks").
enum Boilerplate {
    enum Reason: Equatable {
        /// Never content: nav, footer, dialog, menu, form controls by element name; ARIA
        /// landmarks that are not content (navigation, contentinfo, search, …); class and id
        /// words of navigation, cookie notices, sharing, advertising.
        case template
        /// A `<header>`, `role=banner` or header-named block: kept when it holds the page's h1.
        case header
        /// Usually beside the content, sometimes the content itself: `<aside>`, comments,
        /// related links, sidebars, widgets. Kept when pruning them would take most of the prose.
        case box
        /// A label naming the page's category or section above its headline ("post--category":
        /// "Promis"): left out when it is no more than a few words, never a wrapper.
        case label
    }

    /// The verdict on an element, and whether it came from its class or id (which may name a
    /// wrapper of the whole page: "page has-sidebar").
    static func reason(_ element: xmlNodePtr, name: String) -> (reason: Reason, byName: Bool)? {
        if let reason = reasonByElement(element, name: name) { return (reason, false) }
        // The content's own elements name themselves by topic ("category-empfehlung", "tag-x").
        if name == "article" || name == "main" { return nil }
        var label = false  // the weakest verdict: the other attribute may name more
        for attribute in [element.attributeValue("class"), element.attributeValue("id")] {
            guard let value = attribute else { continue }
            if anyToken(of: value, in: headerNames) { return (.header, true) }
            switch reason(forNames: value) {
            case .label?: label = true
            case let reason?: return (reason, true)
            case nil: break
            }
        }
        return label ? (.label, true) : nil
    }

    /// Whether a whitespace-separated token of `value`, lower-cased, is in `set`.
    private static func anyToken(of value: UnsafePointer<UInt8>, in set: ByteWords) -> Bool {
        var token: [UInt8] = []
        var p = value
        while true {
            let b = p.pointee
            if b <= 0x20 {
                if !token.isEmpty {
                    if set.contains(token) { return true }
                    token.removeAll(keepingCapacity: true)
                }
                if b == 0 { return false }
            } else {
                token.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            }
            p += 1
        }
    }

    private static func reasonByElement(_ element: xmlNodePtr, name: String) -> Reason? {
        switch name {
        case "nav", "footer", "dialog", "menu", "button", "select", "label": return .template
        case "aside": return .box
        case "header": return .header
        default: break
        }
        if let value = element.attributeValue("role") {
            let role = Array(UnsafeBufferPointer(start: value, count: Int(fundstelle_xmlStrlen(value)))).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if landmarkRoles.contains(role) {
                return role == Array("banner".utf8) ? .header : role == Array("complementary".utf8) ? .box : .template
            }
        }
        if let hidden = element.attributeValue("aria-hidden"), fundstelle_xmlStrcasecmp(hidden, "true") == 0 { return .template }
        return nil
    }

    /// A kicker or date line inside a heading, by its class ("dachzeile", "roofline", "topline").
    static func isKicker(_ element: xmlNodePtr) -> Bool {
        guard let classes = element.attributeValue("class") else { return false }
        var found = false
        forEachWord(of: classes, splittingCamelCase: false) { word, _ in
            if kickerWords.contains(word) { found = true }
            return !found
        }
        return found
    }

    private static let kickerWords = bytesSet([
        "kicker", "topline", "toptitle", "dachzeile", "roofline", "overline", "supertitle", "eyebrow",
        "spitzmarke", "subtitle", "subheading", "sub", "date", "h1small", "pretitle", "preheadline",
    ])

    /// Hidden by inline style (`display: none`, `visibility: hidden`) or by a class that means
    /// nothing else ("hidden", "d-none", "sr-only": text for screen readers, such as skip links).
    static func isHiddenByAttributes(_ element: xmlNodePtr) -> Bool {
        if let classes = element.attributeValue("class"), anyToken(of: classes, in: hiddenClasses) { return true }
        guard let style = element.attributeValue("style") else { return false }
        var compact: [UInt8] = []
        var p = style
        while p.pointee != 0, compact.count < 512 {
            let b = p.pointee
            if b > 0x20 { compact.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
            p += 1
        }
        return compact.contains(subsequence: displayNone) || compact.contains(subsequence: visibilityHidden)
    }

    private static let hiddenClasses = bytesSet([
        "hidden", "d-none", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
        "element-invisible", "invisible", "hide", "hidecompletely", "is-hidden", "u-hidden",
    ])

    private static func bytesSet(_ words: [String]) -> ByteWords { ByteWords(words) }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    /// The verdict on a class or id attribute: its words (split at spaces, "-", "_" and
    /// lower-to-upper case changes) against the word lists. An advertising word in a BEM
    /// modifier (after "--", as in "TestReport__Section--Ads") says the block has ad slots
    /// inside, not that it is one. (Other modifiers count: Drupal names types in them,
    /// "paragraph--type--recommended-articles".)
    static func reason(forNames value: UnsafePointer<UInt8>) -> Reason? {
        var verdict: Reason?
        var label = false
        // A word written in two parts ("news-letter", "side_bar") counts as the word: `joined`
        // is the previous word and this one.
        var joined: [UInt8] = []
        forEachWord(of: value, splittingCamelCase: true) { word, inModifier in
            if inModifier && advertisingWords.contains(word) { return true }
            if templateWords.contains(word) { verdict = .template } else if boxWords.contains(word) { verdict = .box }
            if verdict == nil, labelWords.contains(word) { label = true }
            if verdict == nil, !joined.isEmpty {
                joined.append(contentsOf: word)
                if templateWords.contains(joined) { verdict = .template } else if boxWords.contains(joined) { verdict = .box }
            }
            joined.removeAll(keepingCapacity: true)
            joined.append(contentsOf: word)
            return verdict == nil
        }
        // A quote set in a box ("widget quote") is the article's: the box words give way.
        if verdict == .box {
            forEachWord(of: value, splittingCamelCase: true) { word, _ in
                if quoteWords.contains(word) { verdict = nil }
                return verdict != nil
            }
        }
        return verdict ?? (label ? .label : nil)
    }

    /// Words of class values that name a category or section label.
    private static let labelWords = bytesSet(["category", "categories", "kategorie", "kategorien", "rubrik", "ressort"])

    /// Words of class values that name a quotation of the article's text.
    private static let quoteWords = bytesSet(["quote", "blockquote", "pullquote", "zitat", "citation"])

    private static let advertisingWords = bytesSet(["ad", "ads", "advert", "advertisement", "anzeige", "werbung"])

    /// Calls `body` with each lower-cased word of a class or id value (letters and digits, and
    /// any non-ASCII byte; split at everything else, and at lower-to-upper case changes when
    /// asked) until it returns false; also whether the word stands after a "--" in its class
    /// name (a BEM modifier).
    private static func forEachWord(
        of value: UnsafePointer<UInt8>, splittingCamelCase: Bool, _ body: ([UInt8], Bool) -> Bool
    ) {
        var word: [UInt8] = []
        var previousLower = false
        var dashes = 0, inModifier = false, wordInModifier = false
        var p = value
        while true {
            let b = p.pointee
            let isUpper = b >= 0x41 && b <= 0x5A, isLower = b >= 0x61 && b <= 0x7A
            let inWord = isUpper || isLower || (b >= 0x30 && b <= 0x39) || (splittingCamelCase && b >= 0x80)
            if !inWord || (splittingCamelCase && isUpper && previousLower) {
                if !word.isEmpty {
                    guard body(word, wordInModifier) else { return }
                    word.removeAll(keepingCapacity: true)
                }
            }
            if b == 0 { return }
            if b == 0x2D { dashes += 1; if dashes >= 2 { inModifier = true } } else { dashes = 0 }
            if b <= 0x20 { inModifier = false }
            if inWord {
                if word.isEmpty { wordInModifier = inModifier }
                word.append(isUpper ? b | 0x20 : b)
            }
            previousLower = isLower
            p += 1
        }
    }

    private static let landmarkRoles = bytesSet([
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
        "toolbar", "dialog", "alertdialog", "tablist",
    ])

    /// Whole class or id values that name the site's header. Only whole values: "table-header"
    /// and "recipe-header" are parts of the content.
    private static let headerNames = bytesSet([
        "header", "site-header", "page-header", "main-header", "global-header", "siteheader",
        "pageheader", "header-wrapper", "header-container", "masthead", "kopfzeile", "kopfbereich",
        "l-header", "c-header", "top-header", "navbar-header",
    ])

    /// Words of class and id values that name template parts. Words, not substrings: "nav"
    /// must not catch "canvas", nor "ad" "download".
    private static let templateWords = bytesSet([
        // navigation
        "nav", "navi", "navbar", "navigation", "menu", "menue", "menü", "submenu", "megamenu",
        "breadcrumb", "breadcrumbs", "crumbs", "brotkrumen", "pagination", "pager", "paging",
        "skip", "skiplink", "skiplinks", "sprungmarke", "sprungmarken", "jumpmarks", "toplink",
        "totop", "backtotop", "offcanvas", "sitemap",
        // page frame
        "footer", "fusszeile", "fußzeile", "topbar", "toolbar", "statusbar",
        // notices
        "cookie", "cookies", "cookiebanner", "consent", "gdpr", "dsgvo",
        "modal", "popup", "overlay", "lightbox", "newsletter", "subscribe", "abo", "paywall",
        "login", "signin",
        // share, social
        "share", "sharing", "shariff", "socialmedia", "social", "socials", "bookmark", "bookmarks",
        // advertising
        "ad", "ads", "advert", "advertisement", "anzeige", "werbung", "banner", "sponsor",
        "sponsored", "promo", "outbrain", "taboola",
        // picture credits ("figure__copyright", "credits-credit")
        "copyright", "credit", "credits", "bildnachweis", "bildnachweise",
        // page tools
        "search", "suche", "searchform", "langswitch", "languages", "sprachwahl", "accessibility",
        "barrierefreiheit", "visuallyhidden",
    ])

    /// Words of boxes that are usually beside the content but may be it (a forum's posts are
    /// "comments").
    private static let boxWords = bytesSet([
        "sidebar", "marginal", "marginalspalte", "randspalte", "aside",
        "related", "recommended", "recommendation", "recommendations", "empfehlung",
        "empfehlungen", "mehrzumthema", "weitere", "teaserlist", "widget", "widgets", "follow",
        "comment", "comments", "kommentar", "kommentare", "discussion", "tags", "tagcloud",
        "keywords", "rating", "feedback", "author", "authors", "autor", "autorin", "autoren",
        "byline", "bio", "biography", "authorbox", "netiquette",
        // embedded posts of social networks; "yet another related posts plugin"; teasers of other pages
        "tweet", "yarpp", "teaser",
        // "simple author box", a WordPress plugin
        "saboxplugin",
    ])
}

extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard let first = subsequence.first else { return true }
        guard subsequence.count <= count else { return false }
        var i = 0
        while i + subsequence.count <= count {
            if self[i] == first, self[i..<(i + subsequence.count)].elementsEqual(subsequence) { return true }
            i += 1
        }
        return false
    }
}

extension Boilerplate {
    /// What a short block of text says about itself.
    enum Line {
        /// Introduces a block of links or teasers that is not the page's ("Mehr zum Thema",
        /// "Das könnte Sie auch interessieren", "Über den Autor"): it and what follows it go.
        case sectionIntro
        /// A line of the template or of the page's furniture ("Foto: …", "Teilen", "Anzeige",
        /// "zurück zur Übersicht"): it goes.
        case furniture
    }

    /// Blocks up to this many visible bytes are read as lines (credit lines up to `creditLineLength`).
    static let lineLength = 250
    /// Lines that introduce a section or are furniture are at most this long.
    static let shortLineLength = 120

    /// The verdict on a short block's text (UTF-8), or nil for content. Works on bytes: the
    /// extractor reads every short block of every page through here.
    static func line(_ text: [UInt8]) -> Line? {
        let normalized = normalizedLine(text)
        guard !normalized.isEmpty else { return nil }
        let hasCredit = normalized.count <= creditLineLength && creditMarks.contains { normalized.contains(subsequence: $0) }
        if normalized.count > shortLineLength {
            return hasCredit || callsToAction.contains(where: { normalized.starts(with: $0) }) ? .furniture : nil
        }
        if sectionIntros.contains(where: { normalized.starts(with: $0) }) { return .sectionIntro }
        if furnitureLines.contains(normalized) || furniturePrefixes.contains(where: { normalized.starts(with: $0) })
            || callsToAction.contains(where: { normalized.starts(with: $0) }) {
            return .furniture
        }
        if normalized.count(where: { $0 &- 0x30 < 10 }) >= 4,
           DateNormalizer.wholeLine(String(decoding: normalized, as: UTF8.self)) != nil {
            return .furniture
        }
        return hasCredit ? .furniture : nil
    }

    /// The UTF-8 of `text` with ASCII letters and Ä Ö Ü lower-cased.
    static func lowercasedBytes(_ text: String) -> [UInt8] {
        var out = Array(text.utf8)
        var i = 0
        while i < out.count {
            let b = out[i]
            if b >= 0x41 && b <= 0x5A {
                out[i] = b | 0x20
            } else if b == 0xC3, i + 1 < out.count, out[i + 1] == 0x84 || out[i + 1] == 0x96 || out[i + 1] == 0x9C {
                out[i + 1] += 0x20
                i += 1
            }
            i += 1
        }
        return out
    }

    /// Whitespace (ASCII and no-break space) collapsed, ends trimmed, ASCII and Ä Ö Ü
    /// lower-cased, trailing ": ? ! ." dropped.
    static func normalizedLine(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var space = false
        var i = 0
        while i < text.count {
            var b = text[i]
            if b <= 0x20 || (b == 0xC2 && i + 1 < text.count && text[i + 1] == 0xA0) {
                space = true
                i += b == 0xC2 ? 2 : 1
                continue
            }
            if space, !out.isEmpty { out.append(0x20) }
            space = false
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            out.append(b)
            // Ä Ö Ü (C3 84, C3 96, C3 9C) → ä ö ü
            if b == 0xC3, i + 1 < text.count, [0x84, 0x96, 0x9C].contains(text[i + 1]) {
                out.append(text[i + 1] + 0x20)
                i += 2
                continue
            }
            i += 1
        }
        while let last = out.last, last == 0x3A || last == 0x3F || last == 0x21 || last == 0x2E || last == 0x20 {
            out.removeLast()
        }
        return out
    }

    private static let sectionIntros = bytesList([
        "mehr zum thema", "mehr zu diesem thema", "mehr aus", "auch interessant", "ebenfalls interessant",
        "das könnte sie auch interessieren", "das könnte dich auch interessieren",
        "das thema könnte dich auch interessieren", "das könnte sie interessieren",
        "das könnte dich interessieren", "dies könnte sie auch interessieren", "schon gelesen",
        "weitere artikel", "weitere beiträge", "weitere nachrichten", "weitere meldungen",
        "ähnliche artikel", "ähnliche beiträge", "verwandte artikel", "verwandte beiträge",
        "verwandte themen", "themen im artikel", "über den autor", "über die autorin",
        "zum autor", "zur autorin", "empfehlungen aus dem", "empfehlungen der redaktion",
        "kommentierte artikel", "meistgelesen", "meist gelesen", "beliebte artikel", "lesen sie auch",
        "lesen sie mehr", "lies auch", "artikel teilen", "beitrag teilen", "diese seite teilen",
        "seite teilen", "den artikel mit anderen teilen", "möchten sie den artikel teilen",
        "war der artikel nützlich", "war dieser artikel hilfreich", "war diese seite hilfreich",
        "kommentare", "kommentar schreiben", "kommentieren", "diskutieren sie mit", "diskutiere mit",
        "schreiben sie einen kommentar", "hinterlasse einen kommentar", "antwort hinterlassen",
        "verpasse keine news", "newsletter abonnieren", "jetzt newsletter", "unterstütze",
        "quellenangaben", "bildnachweis", "bildnachweise", "bildquellen", "alle artikel zu",
        "alle beiträge zu", "alle blogbeiträge", "weitere informationen hierzu", "mehr interessantes",
        "neueste beiträge", "neueste artikel", "das könnte dich auch noch interessieren",
        "das könnte sie auch noch interessieren", "mehr kolumnen", "meldungen aus", "top themen",
        "top-themen", "aktuelle beiträge", "beliebte beiträge", "mehr themen", "weitere themen",
        "die neuesten", "neueste meldungen", "neueste nachrichten", "unsere empfehlungen",
    ])

    private static let furnitureLines = bytesSet([
        "teilen", "drucken", "merken", "kommentieren", "zurück", "nach oben", "zum seitenanfang",
        "seitenanfang", "weiterlesen", "mehr lesen", "mehr erfahren", "anzeige", "- anzeige -",
        "-anzeige-", "- anzeige-", "werbung", "beitragsbild", "inhaltsverzeichnis",
        "please reload captcha", "kontakt", "news", "letzte änderung", "darstellung",
    ])

    private static let furniturePrefixes = bytesList([
        "foto:", "fotos:", "foto ©", "bild:", "bilder:", "bildquelle", "quelle: foto", "©", "(c) ",
        "copyright", "credit:", "beitragsbild", "zum vergrößern", "kategorie:", "kategorien:",
        "tags:", "schlagworte:", "schlagwörter:", "themen:", "letzte änderung", "zuletzt aktualisiert",
        "zurück zur", "zurück zum", "this entry was posted", "veröffentlicht am", "erstellt am",
        "aktualisiert am", "stand:", "lesezeit", "anzeige -", "dieses skript als pdf",
        "als pdf herunterladen", "zeige alle beiträge von", "alle beiträge von", "erschienen in",
        "time limit is exhausted", "sofern nicht anders",
    ])

    /// Openings of lines, and of blocks up to `lineLength`, that ask the reader to do something
    /// on the site (log in, comment, press a button) rather than tell them anything.
    private static let callsToAction = bytesList([
        "mit diesem button", "diskutieren sie mit", "diskutiere mit", "sie müssen sich anmelden",
        "sie müssen sich einloggen", "sie müssen angemeldet", "bitte registrieren sie sich",
        "um kommentare zu schreiben", "kommentar verfassen", "schreibe einen kommentar",
        "schreiben sie einen kommentar", "hinterlasse einen kommentar",
    ])

    /// Words that mark a short block as a picture's credit line wherever they stand in it.
    private static let creditMarks = bytesList(["©", "foto:", "fotos:", "bild:", "(c) ", "quelle: foto", "bildquelle"])

    private static func bytesList(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    /// Blocks up to this many visible bytes are checked for a credit mark.
    static let creditLineLength = 250
}
