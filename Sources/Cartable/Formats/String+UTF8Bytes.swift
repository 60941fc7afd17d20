extension String {
    /// Calls `body` with the string's UTF-8 bytes, contiguous, without copying the string: `withUTF8` needs a `var`,
    /// and that copy retains the string's storage and releases it after, an atomic operation on memory that another
    /// thread may be touching too (a preview's texts are made on one thread and written on another). Only a string
    /// whose bytes are not contiguous (bridged) is copied.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
