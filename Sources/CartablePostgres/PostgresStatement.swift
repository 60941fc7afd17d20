import PostgresNIO

/// A statement built a piece at a time: each value is bound as a parameter (`$1`, `$2`, …), never spliced into the
/// SQL text, so no value can change what the statement does.
struct PostgresStatement {
    private(set) var sql: String
    private var bindings = PostgresBindings()

    init(_ sql: String = "") {
        self.sql = sql
    }

    /// Binds `value` and returns its placeholder, e.g. `$3`.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds `value` or NULL and returns its placeholder.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
        if let value { bindings.append(value) } else { bindings.appendNull() }
        return "$\(bindings.count)"
    }

    /// Appends SQL text.
    mutating func append(_ text: String) {
        sql += text
    }

    /// The same statement under `EXPLAIN`: its plan, a line per row (to check which indexes a query walks).
    var explained: PostgresStatement {
        var copy = self
        copy.sql = "EXPLAIN " + sql
        return copy
    }

    /// The query to send.
    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}

extension PostgresStatement: ExpressibleByStringLiteral {
    init(stringLiteral value: String) {
        self.init(value)
    }
}
