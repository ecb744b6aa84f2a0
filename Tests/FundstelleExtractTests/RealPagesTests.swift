import Foundation
import Testing
import FundstelleExtract

/// Extracts the real pages in `../shared/data` when they are present.
@Suite("Real pages")
struct RealPagesTests {
    static let mojibake = ["Ã¤", "Ã¶", "Ã¼", "ÃŸ", "Ã„", "Ã–", "Ãœ"]

    @Test(.enabled(if: Fixtures.sharedDirectory()?.appendingPathComponent("data/web-de/pages") != nil))
    func webPagesExtractWithoutMojibake() throws {
        try checkAll(in: "data/web-de/pages", minimumCount: 300)
    }

    @Test(.enabled(if: Fixtures.sharedDirectory() != nil))
    func lawPagesExtractWithoutMojibake() throws {
        let documents = try checkAll(in: "data/gii-html", minimumCount: 1)
        for document in documents {
            #expect(document.title.contains("§"))
            #expect(document.language == "de")
        }
    }

    /// Every file yields a document; no mojibake appears that the file does not itself contain
    /// (a few real pages carry double-encoded text in their source).
    @discardableResult
    private func checkAll(in folder: String, minimumCount: Int) throws -> [Document] {
        guard let directory = Fixtures.sharedDirectory()?.appendingPathComponent(folder),
              FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let files = Fixtures.files(under: directory)
        #expect(files.count >= minimumCount)
        var all: [Document] = []
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file.url))
            let documents: [Document]
            do {
                documents = try Extractor().extract(bytes, path: file.path)
            } catch {
                guard error == .noindex else { throw error }
                continue  // the page asks not to be indexed
            }
            #expect(documents.count == 1, "\(file.path)")
            let source = String(decoding: bytes, as: UTF8.self)
            for document in documents {
                let text = ([document.title, document.body, document.description] + document.headings).joined(separator: "\n")
                for pattern in Self.mojibake where text.contains(pattern) && !source.contains(pattern) {
                    Issue.record("\(file.path): mojibake \(pattern)")
                }
                #expect(!document.body.isEmpty, "\(file.path)")
            }
            all += documents
        }
        return all
    }
}
