internal import CZlib

/// Stored documents are kept in blocks of `documentsPerBlock`, each deflated with zlib: text
/// compresses about 3:1, and showing a hit inflates one small block.
enum StoredBlocks {
    static let documentsPerBlock = 4

    /// Deflates `bytes` (zlib format, level 1: on the social law dump the index takes 4.2 s
    /// instead of 6.0 s at the default level 6, for 21.0 MB instead of 20.1 MB).
    static func deflate(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var bound = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let status = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                compress2(output.baseAddress, &bound, input.baseAddress, uLong(input.count), 1)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        out.removeSubrange(Int(bound)...)
        return out
    }

    /// Inflates a block that must come to exactly `size` bytes.
    static func inflate(_ bytes: UnsafeRawBufferPointer, size: Int, file: String) throws(IndexError) -> [UInt8] {
        guard size >= 0, size <= 1 << 30 else { throw .corrupt(file: file, reason: "stored block size \(size)") }
        var out = [UInt8](repeating: 0, count: size)
        var length = uLong(size)
        let status = out.withUnsafeMutableBufferPointer { output in
            uncompress(output.baseAddress, &length, bytes.bindMemory(to: UInt8.self).baseAddress, uLong(bytes.count))
        }
        guard status == Z_OK, Int(length) == size else {
            throw .corrupt(file: file, reason: "stored block does not inflate (zlib \(status))")
        }
        return out
    }
}
