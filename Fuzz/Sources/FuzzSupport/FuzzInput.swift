import Foundation

/// The fuzzer's bytes, taken apart a piece at a time: a few bytes choose options, pieces separated by a 0x00 byte
/// become texts, and what is left is the body. Running out of bytes gives zeros and empty pieces, never a trap.
public struct FuzzInput {
    private var bytes: ArraySlice<UInt8>

    /// The bytes libFuzzer hands to `LLVMFuzzerTestOneInput`.
    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = ArraySlice(UnsafeBufferPointer(start: data, count: size))
    }

    /// Whether every byte has been taken.
    public var isEmpty: Bool { bytes.isEmpty }

    /// The next byte, or 0 at the end.
    public mutating func byte() -> UInt8 {
        bytes.popFirst() ?? 0
    }

    /// One of `options`, chosen by the next byte.
    public mutating func choose<T>(_ options: [T]) -> T {
        options[Int(byte()) % options.count]
    }

    /// The bytes up to the next 0x00 (which is dropped), or to the end.
    public mutating func piece() -> [UInt8] {
        guard let separator = bytes.firstIndex(of: 0) else { return rest() }
        let piece = Array(bytes[..<separator])
        bytes = bytes[(separator + 1)...]
        return piece
    }

    /// The next piece as text (invalid UTF-8 becomes U+FFFD).
    public mutating func text() -> String {
        String(decoding: piece(), as: UTF8.self)
    }

    /// Every byte not taken yet.
    public mutating func rest() -> [UInt8] {
        defer { bytes = [] }
        return Array(bytes)
    }
}

/// Stops the run when a property does not hold: libFuzzer reports the abort as a crash and saves the input.
public func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, line: UInt = #line) {
    guard condition() else {
        FileHandle.standardError.write(Data("property failed (line \(line)): \(message())\n".utf8))
        abort()
    }
}

/// Runs async code to its end from the fuzzer's synchronous callback.
public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await body()
        done.signal()
    }
    done.wait()
    return box.value!
}

/// Carries a result out of the task `runBlocking` waits for; the semaphore orders the write before the read.
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// libFuzzer's entry point for a program that has its own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with `callback`. SwiftPM links every executable target with `main` defined as its own
/// `<module>_main`, so each target defines that symbol and calls this, instead of libFuzzer's `main`.
public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}
