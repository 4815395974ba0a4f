#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns one iconv conversion descriptor and closes it when released.
///
/// A class so that `iconv_close` runs exactly once, in `deinit`, whatever path the owner takes
/// out (errors included). Not `Sendable`: an iconv descriptor must not be used by two threads
/// at once.
final class IconvConverter {
    /// How a call to ``convert(_:appendingTo:)`` ended.
    enum Outcome: Equatable {
        /// All input was converted.
        case complete
        /// The input ends inside a multibyte sequence (iconv's EINVAL); `consumed` bytes were
        /// converted and the rest must be retried with more input.
        case incomplete(consumed: Int)
        /// The byte sequence at offset `consumed` is invalid or has no form in the target
        /// encoding (iconv's EILSEQ); everything before it was converted.
        case invalid(consumed: Int)
    }

    private let descriptor: iconv_t

    /// Opens a converter, or returns nil when the C library has no such conversion (e.g. a
    /// container without glibc's gconv modules).
    init?(to target: String, from source: String) {
        guard let descriptor = iconv_open(target, source),
              Int(bitPattern: descriptor) != -1 else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        iconv_close(descriptor)
    }

    /// Converts `input`, appending the result to `output`.
    ///
    /// The output is grown as needed (iconv's E2BIG), so the caller never loses bytes.
    func convert(_ input: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) -> Outcome {
        guard let inputBase = input.baseAddress, !input.isEmpty else { return .complete }
        // iconv takes `char **` but never writes through the input pointer.
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inputBase)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        // 3 output bytes per input byte covers CP932→UTF-8 (a half-width kana byte becomes 3
        // bytes) and every UTF-8→CP932 case; E2BIG handling below covers anything else.
        var reserve = input.count * 3 + 16
        while true {
            var result = 0
            var error: Int32 = 0
            // Written into uninitialised memory: zero-filling first would cost as much as the
            // conversion itself in debug builds.
            let converted = [UInt8](unsafeUninitializedCapacity: reserve) { buffer, initialized in
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = reserve
                result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                error = result == -1 ? errno : 0
                initialized = reserve - outLeft
            }
            if output.isEmpty {
                output = converted
            } else {
                output.append(contentsOf: converted)
            }
            let consumed = input.count - inLeft
            if result != -1 { return .complete }
            switch error {
            case E2BIG:
                reserve *= 2
            case EINVAL:
                return .incomplete(consumed: consumed)
            default:
                // EILSEQ, or anything unexpected: stop at the offending byte.
                return .invalid(consumed: consumed)
            }
        }
    }
}
