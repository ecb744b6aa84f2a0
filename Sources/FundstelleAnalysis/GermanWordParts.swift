/// Small hand-written lists of German word parts that guide the decompounder.
///
/// `shortList` names the few words shorter than four letters that are common compound
/// parts; `onsets` the consonant clusters a German word may begin with. `bound` holds
/// derivational prefixes, suffixes and verb particles: strings that occur as words of
/// their own in a corpus (as truncations, abbreviations, names) but that in the middle of
/// a word are almost always part of a derived word, not of a compound ("Verwaltung" is
/// not ver + waltung, "Freiheit" is not frei + heit). A decompounder must never cut them
/// off as parts. Stop words are rejected too.
enum GermanWordParts {
    /// Lower-cased bound morphemes and particles.
    static let boundList: [String] = prefixList + suffixList

    /// Derivational prefixes and verb particles: never a part.
    static let prefixList: [String] = [
        // Prefixes and particles.
        "ab", "an", "auf", "aus", "be", "bei", "dar", "ein", "emp", "ent", "er", "ge", "her", "hin",
        "miss", "mit", "nach", "un", "ur", "ver", "vor", "zer", "zu", "zurück", "wider",
        "fort", "los", "hervor", "heraus", "voran", "vorbei", "empor", "inne", "dazu",
        // Particle + ge- of participles ("aufgemacht" is not aufge + macht).
        "abge", "ange", "aufge", "ausge", "beige", "einge", "mitge", "nachge", "umge", "vorge", "zuge",
    ]

    /// Derivational suffixes: never a part after the first. Some are words of their own too
    /// ("Haft", "Samen", "Weise"), and a word can begin with them ("Haftprüfung").
    static let suffixList: [String] = [
        // Derivational suffixes with their inflected forms.
        "ung", "ungen", "heit", "heiten", "keit", "keiten", "lich", "liche", "lichen", "licher",
        "liches", "schaft", "schaften", "ling", "linge", "lingen", "nis", "nisse", "nissen", "tum",
        "tümer", "isch", "ische", "ischen", "ischer", "isches", "bar", "bare", "baren", "barer",
        "sam", "same", "samen", "haft", "hafte", "haften", "chen", "chens", "lein", "leins", "ion", "ionen", "tion",
        "tionen", "ität", "itäten", "ismus", "ist", "isten", "ieren", "iert", "ierte", "ierten",
        "erei", "ereien", "ei", "eien", "enz", "enzen", "anz", "anzen", "ant", "anten",
        "enten", "ig", "ige", "igen", "iger", "iges", "ern", "end", "ende", "enden", "ender",
        "endes", "ler", "lern", "ner", "ium", "ien", "ial", "ell", "elle", "ellen", "iv", "ive",
        "iven", "uren", "eur", "eure", "euren", "ös", "öse", "ösen", "innen", "in", "rung",
        "rungen", "ungs", "weise", "mäßig", "artig", "lose", "losen", "loser", "loses",
        // The remaining inflected forms of the adjective suffixes above.
        "hafter", "haftes", "haftem", "samer", "sames", "samem", "bares", "barem", "lichem",
        "ischem", "igem", "losem",
    ]

    /// `boundList` as a hash table (each entry counted once).
    static let bound = table(boundList)

    /// Short words that are common compound parts ("Amtsgericht", "Zugführer", "Ölpreis").
    /// Parts shorter than `Decompounder.minimumPartLength` must be one of these.
    static let shortList: [String] = [
        "akt", "alt", "amt", "arm", "art", "bad", "bau", "bio", "box", "bus", "dom", "eid", "eis",
        "erz", "fan", "fax", "gas", "gut", "hai", "hof", "hut", "job", "kuh", "kur", "lob", "mai",
        "mut", "neu", "not", "ohr", "öl", "ort", "ost", "pol", "rad", "rat", "rot", "ruf", "sau",
        "see", "sex", "ski", "sog", "süd", "tag", "tal", "tat", "tee", "tod", "ton", "tür", "typ",
        "uhr", "wal", "web", "weg", "wut", "zoo", "zug", "cup", "pop", "uni", "öko", "duo",
    ]

    /// Fewest letters a part can have at all (the shortest entry of `shortList`).
    static let shortestWord = 2

    /// `shortList` as a hash table.
    static let short = table(shortList)

    /// True when `word` (lower-cased UTF-8) is a known short compound part.
    static func isShortWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        short.frequency(of: word) > 0
    }

    /// Consonant clusters a German word may begin with (besides a single consonant).
    static let onsets: [String] = [
        "bl", "br", "ch", "chr", "dr", "fl", "fr", "gl", "gn", "gr", "kl", "kn", "kr", "pf", "pfl",
        "pfr", "ph", "pl", "pr", "ps", "qu", "rh", "sch", "schl", "schm", "schn", "schr", "schw",
        "sk", "sl", "sm", "sn", "sp", "spl", "spr", "st", "str", "sz", "th", "thr", "tr", "ts",
        "tsch", "wr", "zw", "sc", "sh", "scr", "skr", "sw", "kh", "dsch",
    ]

    /// `onsets` as a hash table.
    static let onsetTable = table(onsets)

    /// True when `part` has a vowel and begins the way a German word can ("hrung",
    /// "schw", "lter" do not).
    static func looksLikeWord(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < part.count, !isVowelStart(part, i) { i += 1 }
        guard i < part.count else { return false }
        return i <= 1 || onsetTable.frequency(of: UnsafeBufferPointer(rebasing: part[..<i])) > 0
    }

    /// True when the byte at `i` starts a vowel: a e i o u y, or ä ö ü á à é è (C3 xx).
    private static func isVowelStart(_ part: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        switch part[i] {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"):
            return true
        case 0xC3:
            guard i + 1 < part.count else { return false }
            switch part[i + 1] {
            case 0xA4, 0xB6, 0xBC, 0xA1, 0xA0, 0xA9, 0xA8: return true
            default: return false
            }
        default:
            return false
        }
    }

    /// Free words (prepositions, adverbs) that begin many compounds though they are stop
    /// words or particles elsewhere: "Nichterfüllung", "Zwischenbericht", "Gegenvorschlag",
    /// "Unterbringung"'s neighbours "Unterstrukturen". Allowed as a first part only.
    static let firstPartList: [String] = [
        "nicht", "zwischen", "gegen", "neben", "außen", "innen",
    ]

    static let firstParts = table(firstPartList)

    static func isFirstPart(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        firstParts.frequency(of: part) > 0
    }

    /// True when `part` (lower-cased UTF-8) may not be a part of a compound.
    static func isBound(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        bound.frequency(of: part) > 0 || (GermanStopWords.contains(part) && nounHomographs.frequency(of: part) == 0)
    }

    /// Stop words that are nouns too ("Waren": goods; "Würde": dignity), and as such compound
    /// parts ("Warenwert", "Menschenwürde").
    static let nounHomographs = table(["waren", "würde"])

    /// `suffixList` as a hash table.
    static let suffixes = table(suffixList)

    /// True when `part` is a derivational suffix (and no stop word): a word may begin with it
    /// where it is a word of its own.
    static func isSuffix(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        suffixes.frequency(of: part) > 0 && !GermanStopWords.contains(part)
    }

    /// A hash table of `words` (each counted once), for the membership tests above.
    private static func table(_ words: [String]) -> WordFrequencies {
        var table = WordFrequencies()
        for word in words where table.frequency(of: word) == 0 { table.add(word) }
        return table
    }
}
