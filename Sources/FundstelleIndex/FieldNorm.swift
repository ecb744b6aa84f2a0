#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One byte per field and document for its length in tokens: exact up to 31, then
/// logarithmic steps of 2^(1/16) (about 4.4 %), up to ~490,000 tokens.
public enum FieldNorm {
    public static func encode(_ length: Int) -> UInt8 {
        if length < 32 { return UInt8(length) }
        let step = (log2(Double(length)) - 5) * 16
        return UInt8(min(255, 32 + Int(step)))
    }

    /// The representative length of each byte value.
    public static let decodeTable: [Float] = (0..<256).map { b in
        b < 32 ? Float(b) : Float(pow(2, 5 + Double(b - 32) / 16))
    }
}
