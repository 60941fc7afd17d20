import GRDBSQLite

/// The text parameters of one statement run, gathered in one reusable buffer and bound without SQLite copying them
/// (`SQLITE_STATIC`): enqueueing a million rows binds ten texts each, and SQLite's own copy of each text (what
/// `SQLITE_TRANSIENT` asks for) is an allocation, a free and a lock of its memory statistics.
struct SQLiteTextParameters {
    private var bytes: [UInt8] = []
    private var texts: [(position: Int32, start: Int, count: Int)] = []

    /// Forgets the texts of the last run, keeping the memory.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
    }

    /// `text` for the parameter at `position` (1-based).
    mutating func append(_ text: String, at position: Int32) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        texts.append((position, start, bytes.count - start))
    }

    /// The text written in `pieces`, in order, for the parameter at `position`: a text made only to be bound is
    /// then never made as a string.
    mutating func append(at position: Int32, pieces write: ((String) -> Void) -> Void) {
        let start = bytes.count
        write { bytes.append(contentsOf: $0.utf8) }
        texts.append((position, start, bytes.count - start))
    }

    /// Binds every text to `statement` and runs `body` (which steps it) while the texts stay where they are bound.
    /// The statement must be reset or its parameters bound again before it runs again.
    mutating func withBound<Result>(to statement: OpaquePointer, _ body: () throws -> Result) rethrows -> Result {
        // A byte past the texts, so that an empty text points somewhere (a NULL pointer would bind SQL NULL).
        bytes.append(0)
        defer { bytes.removeLast() }
        return try bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            for text in texts {
                sqlite3_bind_text(statement, text.position, base + text.start, Int32(text.count), nil)
            }
            return try body()
        }
    }
}
