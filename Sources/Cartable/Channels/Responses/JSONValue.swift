/// A tiny JSON writer for request bodies: fields keep the order given (so bodies are deterministic and
/// signatures reproducible), strings are escaped per RFC 8259, non-ASCII stays UTF-8.
enum JSONValue: Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// An object without the fields whose value is `nil`.
    static func object(dropping fields: [(String, JSONValue?)]) -> JSONValue {
        .object(fields.compactMap { name, value in value.map { (name, $0) } })
    }

    /// The serialized text.
    var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .string(let string):
            Self.writeString(string, to: &output)
        case .integer(let number):
            output += String(number)
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .object(let fields):
            output += "{"
            for (index, (name, value)) in fields.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(name, to: &output)
                output += ":"
                value.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ string: String, to output: inout String) {
        output += JSONText.string(string)
    }
}
