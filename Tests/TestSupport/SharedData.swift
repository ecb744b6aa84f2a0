import Foundation

/// Finds `../shared/data` beside the package (or `$FUNDSTELLE_SHARED/data`). Tests that need
/// data that is not ours read it from there and skip when it is absent.
public enum SharedData {
    public static let root: String? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["FUNDSTELLE_SHARED"], fm.fileExists(atPath: env + "/data") {
            return env + "/data"
        }
        // Walk up from this file (symbolic links resolved) to the folder with Package.swift.
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if fm.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let data = url.deletingLastPathComponent().appendingPathComponent("shared/data").path
                return fm.fileExists(atPath: data) ? data : nil
            }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    /// The path of `relative` under the shared data folder, when it exists.
    public static func path(_ relative: String) -> String? {
        guard let root else { return nil }
        let p = root + "/" + relative
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// The package's own root folder (for `Corpus/`).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()
}
