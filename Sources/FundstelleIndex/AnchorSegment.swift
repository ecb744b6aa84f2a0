import FundstelleAnalysis
import FundstelleExtract

/// The anchor segment of a commit: for each document that other pages link to, the texts of
/// those links, indexed as the field `.anchor` of a document whose stable id is the target's
/// global number in that commit.
///
/// Links cross segments (a table of contents written last points to pages written first)
/// and change when the linking page changes, so the anchor segment is built anew at every
/// commit from the links every live document keeps in its segment. Each page counts once
/// per (target, text); a target keeps its `maximumTexts` most frequent texts.
enum AnchorSegment {
    /// Most distinct link texts kept per target, the most frequent first.
    static let maximumTexts = 16

    /// A segment of the commit, where its documents start in the global numbering, and its
    /// deletion bits (nil: none deleted).
    struct Source {
        var reader: SegmentReader
        var base: Int
        var deletions: [UInt8]?

        func isLive(_ local: Int) -> Bool {
            guard let deletions else { return true }
            return deletions[local >> 3] & (1 << UInt8(local & 7)) == 0
        }
    }

    /// Per target document (global number, ascending): the texts of the links to it.
    static func gather(_ sources: [Source]) throws(IndexError) -> [(doc: Int, texts: [String])] {
        var documentByKey: [UInt64: Int32] = [:]
        for source in sources {
            for local in 0..<source.reader.documentCount where source.isLive(local) {
                let keys = source.reader.linkKeys(local)
                let doc = Int32(source.base + local)
                if keys.path != 0 { documentByKey[keys.path] = doc }
                if keys.url != 0 { documentByKey[keys.url] = doc }
            }
        }
        guard !documentByKey.isEmpty else { return [] }
        var counts: [Int32: [String: Int]] = [:]
        var seen = Set<TargetText>()
        for source in sources {
            for (local, links) in try source.reader.links().enumerated() where !links.isEmpty && source.isLive(local) {
                let from = Int32(source.base + local)
                seen.removeAll(keepingCapacity: true)
                for link in links {
                    guard let target = documentByKey[FNV1a.hash(link.target.utf8)], target != from,
                          seen.insert(TargetText(target: target, text: link.text)).inserted
                    else { continue }
                    counts[target, default: [:]][link.text, default: 0] += 1
                }
            }
        }
        return counts.keys.sorted().map { target in
            let texts = counts[target]!.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return (Int(target), texts.prefix(maximumTexts).map(\.key))
        }
    }

    private struct TargetText: Hashable {
        var target: Int32
        var text: String
    }

    /// Writes the anchor segment of `targets` (what `gather` found) to `path` (fsynced),
    /// splitting compounds with `decompounder`, except the words `knownSplits` holds (split
    /// alike in every segment of a run). Returns its size.
    static func write(
        _ targets: [(doc: Int, texts: [String])], to path: String, decompounder: Decompounder,
        knownSplits: SplitTable = SplitTable()
    ) throws(IndexError) -> Int {
        var builder = SegmentBuilder()
        // The link texts' words, split ahead once each on all cores (those `knownSplits` lacks:
        // after an update most of them) rather than by each analysing thread as it meets them.
        var vocabulary = WordFrequencies()
        for (doc, texts) in targets {
            var anchorDocument = Document(path: "")
            anchorDocument.anchors = texts
            builder.add(anchorDocument, id: UInt64(doc))
            for text in texts {
                var text = text
                text.withUTF8 { vocabulary.addText($0) }
            }
        }
        return try builder.write(to: path, decompounder: decompounder, vocabulary: vocabulary, knownSplits: knownSplits)
    }
}
