internal import CZlib

/// gzip through zlib: inflating files and WARC records (several gzip members one after another
/// are one stream, as `wget --warc-file` writes them), and deflating, for tests and fixtures.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates every gzip member in `bytes`. Stops with an error past `limit` bytes of output,
    /// so a small file cannot expand into all of memory.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(ExtractError) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: gzip framing.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .badCompression("cannot start zlib")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, bytes.count * 4))
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        let result: Result<Void, ExtractError> = bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { return .failure(.badCompression("inflates to more than \(limit >> 20) MB")) }
                switch status {
                case Z_STREAM_END:
                    // Another member may follow (a WARC.gz is one member per record).
                    guard stream.avail_in > 0, stream.next_in.pointee == 0x1F else { return .success(()) }
                    guard inflateReset(&stream) == Z_OK else { return .failure(.badCompression("cannot continue")) }
                case Z_OK:
                    if produced == 0 && stream.avail_in == 0 { return .failure(.badCompression("truncated stream")) }
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 { return .failure(.badCompression("truncated stream")) }
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    return .failure(.badCompression(message))
                }
            }
        }
        try result.get()
        return output
    }

    /// Deflates `bytes` into one gzip member.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        var input = bytes
        let written = input.withUnsafeMutableBufferPointer { inp in
            output.withUnsafeMutableBufferPointer { out -> Int in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                _ = deflate(&stream, Z_FINISH)
                return out.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }
}
