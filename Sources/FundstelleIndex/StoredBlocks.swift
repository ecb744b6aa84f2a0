internal import CZstd

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stored documents are compressed with Zstandard in blocks. A segment with enough text
/// compresses each record alone with a dictionary trained on its own records
/// (`StoredDictionary`), so showing a hit decompresses that document, not the block around
/// it; a segment of little text (a small update, the anchor segment's empty records) keeps
/// `blockWithoutDictionary` records per block. Measured on the 8,791 records of a full-dump
/// segment, level 3: blocks of 4 records without a dictionary 2.76:1; one record each, no
/// dictionary 2.08:1; one record each with a 64 KiB dictionary trained on 1 MB of them 3.21:1.
enum StoredBlocks {
    /// Records per block in a segment without a dictionary.
    static let blockWithoutDictionary = 16

    /// Records per block with and without a dictionary.
    static func documentsPerBlock(dictionary: StoredDictionary?) -> Int { dictionary == nil ? blockWithoutDictionary : 1 }

    /// Zstandard's level. Measured on 500 blocks of the social law dump's text against zlib
    /// at level 1 (which index format 5 used), one core: level 3 compresses to 2.97:1 at
    /// 184 MB/s and decompresses at 1.0 GB/s; zlib 2.73:1, 55 MB/s and 0.5 GB/s.
    static let level: Int32 = 3

    /// `bytes` compressed as one Zstandard frame, with `dictionary` when given.
    static func compress(_ bytes: ArraySlice<UInt8>, dictionary: StoredDictionary? = nil) -> [UInt8] {
        let bound = ZSTD_compressBound(bytes.count)
        var status = 0
        let out = [UInt8](unsafeUninitializedCapacity: bound) { output, count in
            status = bytes.withUnsafeBytes { input in
                if let compression = dictionary?.compression {
                    ZSTD_compress_usingCDict(ZstdContexts.compression, output.baseAddress, bound, input.baseAddress, input.count, compression)
                } else {
                    ZSTD_compressCCtx(ZstdContexts.compression, output.baseAddress, bound, input.baseAddress, input.count, level)
                }
            }
            count = ZSTD_isError(status) == 0 ? status : 0
        }
        precondition(ZSTD_isError(status) == 0, "zstd compression failed: \(String(cString: ZSTD_getErrorName(status)))")
        return out
    }

    /// Decompresses a block that must come to exactly `size` bytes, with the dictionary it
    /// was compressed with.
    static func decompress(
        _ bytes: UnsafeRawBufferPointer, size: Int, dictionary: StoredDictionary? = nil, file: String
    ) throws(IndexError) -> [UInt8] {
        guard size >= 0, size <= 1 << 30 else { throw .corrupt(file: file, reason: "stored block size \(size)") }
        var status = 0
        let out = [UInt8](unsafeUninitializedCapacity: size) { output, count in
            if let decompression = dictionary?.decompression {
                status = ZSTD_decompress_usingDDict(ZstdContexts.decompression, output.baseAddress, size, bytes.baseAddress, bytes.count, decompression)
            } else {
                status = ZSTD_decompressDCtx(ZstdContexts.decompression, output.baseAddress, size, bytes.baseAddress, bytes.count)
            }
            count = ZSTD_isError(status) == 0 && status == size ? size : 0
        }
        guard ZSTD_isError(status) == 0, status == size else {
            let reason = ZSTD_isError(status) != 0 ? String(cString: ZSTD_getErrorName(status)) : "\(status) bytes, not \(size)"
            throw .corrupt(file: file, reason: "stored block does not decompress (zstd: \(reason))")
        }
        return out
    }
}

/// A Zstandard dictionary for one segment's stored records: trained on a sample of them
/// (`ZDICT_trainFromBuffer`, Zstandard's own trainer) when the segment is written, kept in the
/// segment, and prepared once for compressing or decompressing (the prepared tables are
/// read-only, so one instance serves every thread).
final class StoredDictionary: @unchecked Sendable {
    /// The dictionary's bytes, as the segment holds them (for writing; empty when reading).
    let bytes: [UInt8]
    fileprivate let compression: OpaquePointer?
    fileprivate let decompression: OpaquePointer?

    /// Dictionary size, and at most this many bytes of records to train it on (a sample of
    /// evenly spaced records): 1 MB trains a 64 KiB dictionary in ~0.08 s to within 0.2 %
    /// of what 2 MB gives.
    static let capacity = 64 * 1024
    static let sampleBytes = 1 << 20
    /// Records take no dictionary below this much text in all (too few to learn from, and
    /// a dictionary would cost more than it saves), nor when they are this short on average
    /// (the anchor segment's records, a few empty strings each, cost a frame's header apiece
    /// alone but next to nothing in blocks).
    static let minimumTotal = 256 * 1024
    static let minimumAverage = 200

    /// Prepared for compressing: `bytes` are copied into the prepared tables.
    private init(writing bytes: [UInt8]) {
        self.bytes = bytes
        compression = bytes.withUnsafeBytes { raw in ZSTD_createCDict(raw.baseAddress, raw.count, StoredBlocks.level) }
        decompression = nil
    }

    /// Prepared for decompressing: `bytes` (the segment's mapped section) are copied into the
    /// prepared tables.
    private init(reading bytes: UnsafeRawBufferPointer) {
        self.bytes = []
        compression = nil
        decompression = ZSTD_createDDict(bytes.baseAddress, bytes.count)
    }

    deinit {
        if let compression { ZSTD_freeCDict(compression) }
        if let decompression { ZSTD_freeDDict(decompression) }
    }

    /// A dictionary for reading records compressed with `bytes`; nil for none (empty), and an
    /// error for bytes that are no dictionary.
    static func reading(_ bytes: UnsafeRawBufferPointer, file: String) throws(IndexError) -> StoredDictionary? {
        guard bytes.count > 0 else { return nil }
        let dictionary = StoredDictionary(reading: bytes)
        guard dictionary.decompression != nil else { throw .corrupt(file: file, reason: "stored dictionary is not a Zstandard dictionary") }
        return dictionary
    }

    /// A dictionary trained on the records of `stream` (record i spans offsets[i]..<offsets[i+1]),
    /// or nil when they are too few or the trainer finds nothing to learn.
    static func trained(on stream: [UInt8], offsets: [UInt64]) -> StoredDictionary? {
        let records = offsets.count - 1
        guard records >= 16, Int(offsets[records]) >= max(minimumTotal, minimumAverage * records) else { return nil }
        let step = max(1, Int(offsets[records]) / sampleBytes)
        var samples: [UInt8] = []
        var sizes: [Int] = []
        for r in stride(from: 0, to: records, by: step) {
            let record = stream[Int(offsets[r])..<Int(offsets[r + 1])]
            samples += record
            sizes.append(record.count)
        }
        var dictionary = [UInt8](repeating: 0, count: capacity)
        let size = dictionary.withUnsafeMutableBytes { out in
            samples.withUnsafeBytes { input in
                ZDICT_trainFromBuffer(out.baseAddress, out.count, input.baseAddress, sizes, UInt32(sizes.count))
            }
        }
        guard ZDICT_isError(size) == 0, size > 0 else { return nil }
        let made = StoredDictionary(writing: Array(dictionary[..<size]))
        return made.compression == nil ? nil : made
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
