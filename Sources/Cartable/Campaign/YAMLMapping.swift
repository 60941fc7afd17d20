import Yams

/// The entries of a YAML mapping, by key, keeping the key nodes for locations.
struct YAMLMapping {
    private(set) var keys: [String] = []
    /// Unknown keys that look like a typo of a known one, by the known key: `["templates": "templtes"]`.
    var typos: [String: String] = [:]
    private var values: [String: (keyNode: Node, value: Node)] = [:]

    mutating func append(key: String, keyNode: Node, value: Node) {
        keys.append(key)
        values[key] = (keyNode, value)
    }

    /// The value under `key`, ignoring explicit nulls (`key:` with nothing after it).
    subscript(key: String) -> Node? {
        guard let value = values[key]?.value, !YAMLReader.isNull(value) else { return nil }
        return value
    }

    /// The value under `key`, null or not.
    func node(_ key: String) -> Node? { values[key]?.value }

    /// The node of the key itself, for errors about the key.
    func keyNode(_ key: String) -> Node? { values[key]?.keyNode }

    /// Every entry, in file order.
    var entries: [(key: String, keyNode: Node, value: Node)] {
        keys.compactMap { key in values[key].map { (key, $0.keyNode, $0.value) } }
    }
}
