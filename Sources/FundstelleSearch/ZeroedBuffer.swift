#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed number of zeros, one per document, from `calloc`. A large allocation comes from
/// fresh pages that the kernel fills in only where they are written, so a buffer as long as
/// the index costs a query only the pages of the documents it touches. (An array made with
/// `[Float](repeating: 0, count:)` writes every element, and so faults in every page.)
final class ZeroedBuffer<Element: BitwiseCopyable> {
    let count: Int
    private let base: UnsafeMutablePointer<Element>

    init(count: Int) {
        precondition(count >= 0)
        self.count = count
        guard let memory = calloc(max(count, 1), MemoryLayout<Element>.stride) else {
            fatalError("out of memory: \(count) × \(MemoryLayout<Element>.stride) bytes")
        }
        base = memory.bindMemory(to: Element.self, capacity: max(count, 1))
    }

    deinit { free(base) }

    /// The memory itself, for loops that must not pay a bounds check per element (they check
    /// their own bounds); valid while the buffer lives.
    var pointer: UnsafeMutablePointer<Element> { base }

    subscript(index: Int) -> Element {
        @inline(__always) get {
            precondition(index >= 0 && index < count, "index out of range")
            return base[index]
        }
        @inline(__always) set {
            precondition(index >= 0 && index < count, "index out of range")
            base[index] = newValue
        }
    }
}
