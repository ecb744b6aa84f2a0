#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Converts rarer declared charsets (iso-8859-15, windows-1250, koi8-r, shift_jis, …) to UTF-8
/// with the C library's iconv. Undecodable bytes become U+FFFD.
enum IconvDecoder {
    static func canDecode(from label: String) -> Bool {
        guard let converter = open(label) else { return false }
        iconv_close(converter)
        return true
    }

    /// Nil when iconv does not know the label.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, from label: String) -> [UInt8]? {
        guard let converter = open(label) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 64)
        var written = 0
        var consumed = 0
        while consumed < bytes.count {
            let (read, wrote, status) = convertChunk(converter, bytes, from: consumed, into: &output, at: written)
            consumed += read
            written += wrote
            switch status {
            case .done: break
            case .outputFull: output.append(contentsOf: repeatElement(0, count: output.count))
            case .invalidInput:
                consumed += 1
                if output.count - written < 3 { output.append(contentsOf: repeatElement(0, count: 64)) }
                output.replaceSubrange(written..<written + 3, with: [0xEF, 0xBF, 0xBD])
                written += 3
            case .truncatedInput: consumed = bytes.count
            }
        }
        output.removeSubrange(written...)
        return output
    }

    private enum Status { case done, outputFull, invalidInput, truncatedInput }

    private static func open(_ label: String) -> iconv_t? {
        let converter = iconv_open("UTF-8", label)
        return Int(bitPattern: converter) == -1 ? nil : converter
    }

    /// One `iconv` call from input offset `start` into `output` at `outputStart`.
    private static func convertChunk(
        _ converter: iconv_t, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
        into output: inout [UInt8], at outputStart: Int
    ) -> (read: Int, wrote: Int, status: Status) {
        let inputStart = UnsafeMutableRawPointer(mutating: bytes.baseAddress! + start)
            .assumingMemoryBound(to: CChar.self)
        var inputLeft = bytes.count - start
        let outputCapacity = output.count - outputStart
        var outputLeft = outputCapacity
        let result = output.withUnsafeMutableBytes { raw -> Int in
            var input: UnsafeMutablePointer<CChar>? = inputStart
            var outputPointer: UnsafeMutablePointer<CChar>? = (raw.baseAddress! + outputStart)
                .assumingMemoryBound(to: CChar.self)
            return iconv(converter, &input, &inputLeft, &outputPointer, &outputLeft)
        }
        let read = bytes.count - start - inputLeft
        let wrote = outputCapacity - outputLeft
        guard result == -1 else { return (read, wrote, .done) }
        switch errno {
        case E2BIG: return (read, wrote, .outputFull)
        case EINVAL: return (read, wrote, .truncatedInput)
        default: return (read, wrote, .invalidInput)
        }
    }
}
