internal import CZstd

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stored documents are kept in blocks of `documentsPerBlock`, each compressed with
/// Zstandard: text compresses about 3:1, and showing a hit decompresses one small block.
enum StoredBlocks {
    static let documentsPerBlock = 4

    /// Zstandard's level. Measured on 500 blocks of the social law dump's text against zlib
    /// at level 1 (which index format 5 used), one core: level 3 compresses to 2.97:1 at
    /// 184 MB/s and decompresses at 1.0 GB/s; zlib 2.73:1, 55 MB/s and 0.5 GB/s.
    static let level: Int32 = 3

    /// `bytes` compressed as one Zstandard frame.
    static func compress(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let bound = ZSTD_compressBound(bytes.count)
        var status = 0
        let out = [UInt8](unsafeUninitializedCapacity: bound) { output, count in
            status = bytes.withUnsafeBytes { input in
                ZSTD_compressCCtx(ZstdContexts.compression, output.baseAddress, bound, input.baseAddress, input.count, level)
            }
            count = ZSTD_isError(status) == 0 ? status : 0
        }
        precondition(ZSTD_isError(status) == 0, "zstd compression failed: \(String(cString: ZSTD_getErrorName(status)))")
        return out
    }

    /// Decompresses a block that must come to exactly `size` bytes.
    static func decompress(_ bytes: UnsafeRawBufferPointer, size: Int, file: String) throws(IndexError) -> [UInt8] {
        guard size >= 0, size <= 1 << 30 else { throw .corrupt(file: file, reason: "stored block size \(size)") }
        var status = 0
        let out = [UInt8](unsafeUninitializedCapacity: size) { output, count in
            status = ZSTD_decompressDCtx(ZstdContexts.decompression, output.baseAddress, size, bytes.baseAddress, bytes.count)
            count = ZSTD_isError(status) == 0 && status == size ? size : 0
        }
        guard ZSTD_isError(status) == 0, status == size else {
            let reason = ZSTD_isError(status) != 0 ? String(cString: ZSTD_getErrorName(status)) : "\(status) bytes, not \(size)"
            throw .corrupt(file: file, reason: "stored block does not decompress (zstd: \(reason))")
        }
        return out
    }
}

/// One Zstandard context of each kind per thread, made on first use and freed with the
/// thread: a context holds tables that are costly to set up for every small block (making
/// one per call halves the speed of decompressing 5 KB blocks).
private enum ZstdContexts {
    static let compressionKey = makeKey { _ = ZSTD_freeCCtx(OpaquePointer($0)) }
    static let decompressionKey = makeKey { _ = ZSTD_freeDCtx(OpaquePointer($0)) }

    static var compression: OpaquePointer {
        if let context = pthread_getspecific(compressionKey) { return OpaquePointer(context) }
        guard let context = ZSTD_createCCtx() else { fatalError("out of memory for a zstd context") }
        pthread_setspecific(compressionKey, UnsafeRawPointer(context))
        return context
    }

    static var decompression: OpaquePointer {
        if let context = pthread_getspecific(decompressionKey) { return OpaquePointer(context) }
        guard let context = ZSTD_createDCtx() else { fatalError("out of memory for a zstd context") }
        pthread_setspecific(decompressionKey, UnsafeRawPointer(context))
        return context
    }

    private static func makeKey(_ destructor: @convention(c) (UnsafeMutableRawPointer?) -> Void) -> pthread_key_t {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, destructor)
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }
}
