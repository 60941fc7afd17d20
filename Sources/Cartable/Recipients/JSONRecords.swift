import Foundation

/// Reads the records of a JSON recipient file: an array of objects, an object holding such an array
/// (`{"deputes": [...]}`), or objects wrapping one object each (`[{"depute": {...}}]`, as the NosDéputés API does).
/// Numbers and booleans become text; nested arrays and objects are kept aside for readers that need them.
enum JSONRecords {
    struct Parsed {
        var objects: [[String: Any]]
        var lines: [Int]
    }

    enum Failure: Error, CustomStringConvertible {
        case invalid(String)
        case noRecords

        var description: String {
            switch self {
            case .invalid(let reason): "not valid JSON: \(reason)"
            case .noRecords: "no array of objects found (expected [{...}, ...] or {\"key\": [{...}, ...]})"
            }
        }
    }

    /// The objects of the JSON file `path` holds in `data`, or a ``RecipientListError`` saying why it is not such a file.
    static func parse(_ data: Data, path: String) throws(RecipientListError) -> Parsed {
        do {
            return try parse(data, text: DecodedText(decoding: data).text)
        } catch {
            throw RecipientListError(path: path, reason: error.description)
        }
    }

    static func parse(_ data: Data, text: String) throws(Failure) -> Parsed {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .invalid((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")
        }
        guard var objects = recordArray(in: root) else { throw .noRecords }
        objects = objects.map { object in
            if object.count == 1, let inner = object.first?.value as? [String: Any] { return inner }
            return object
        }
        let lines = objectStartLines(in: text, depth: depthOfRecords(in: root))
        return Parsed(objects: objects, lines: lines.count == objects.count ? lines : [])
    }

    private static func recordArray(in root: Any) -> [[String: Any]]? {
        if let array = root as? [Any] {
            let objects = array.compactMap { $0 as? [String: Any] }
            return objects.count == array.count ? objects : nil
        }
        if let object = root as? [String: Any] {
            for key in object.keys.sorted() {
                if let array = object[key] as? [Any], !array.isEmpty, let objects = recordArray(in: array) {
                    return objects
                }
            }
        }
        return nil
    }

    /// Brace depth at which records start: 1 in a top-level array, 2 inside `{"key": [...]}`.
    private static func depthOfRecords(in root: Any) -> Int {
        root is [Any] ? 1 : 2
    }

    /// The line of each `{` opening at bracket depth `depth`, outside strings.
    private static func objectStartLines(in text: String, depth target: Int) -> [Int] {
        var lines: [Int] = []
        var depth = 0
        var line = 1
        var inString = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1 }
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            switch scalar {
            case "\"": inString = true
            case "{", "[":
                if scalar == "{" && depth == target { lines.append(line) }
                depth += 1
            case "}", "]": depth -= 1
            default: break
            }
        }
        return lines
    }

    /// A scalar JSON value as text; `nil` for arrays and objects.
    static func text(_ value: Any) -> String? {
        switch value {
        case let string as String: return string
        case is NSNull: return ""
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumbers of Objective-C type `c` (char), on Linux as on Darwin.
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            let double = number.doubleValue
            if double.rounded() == double, abs(double) < 1e15 { return String(Int64(double)) }
            return number.stringValue
        default: return nil
        }
    }

    /// The scalar values of an object as text, by key.
    static func flatten(_ object: [String: Any]) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in object {
            if let text = text(value) { values[key] = text }
        }
        return values
    }
}
