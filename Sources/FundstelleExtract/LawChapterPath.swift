/// The chapter, section, … a norm stands in, from the structure norms (`<gliederungseinheit>`)
/// seen so far. Their `gliederungskennzahl` nests by prefix: "030" (Drittes Kapitel) contains
/// "030010" (Erster Abschnitt).
struct LawChapterPath {
    private var levels: [(number: String, heading: String)] = []

    /// Outermost first, e.g. ["Drittes Kapitel Hilfe zum Lebensunterhalt", "Erster Abschnitt …"].
    var headings: [String] { levels.map(\.heading) }

    /// Replaces the unit at this depth (and anything deeper) with a new one.
    mutating func enter(number: String, heading: String) {
        levels.removeAll { !number.hasPrefix($0.number) || $0.number == number }
        levels.append((number, heading))
    }
}
