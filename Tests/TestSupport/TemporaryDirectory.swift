import Foundation

/// A fresh folder under the system's temporary folder, removed by `remove()`.
public struct TemporaryDirectory {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "fundstelle-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
