import Foundation

/// A French département (or overseas collectivity, or the constituencies of French people abroad) as the
/// Assemblée nationale divides its seats, identified by a unified code.
///
/// Sources write the same code several ways: NosDéputés `2A`, `999`, `01`; Datan `2a`, `099`, `01`.
/// ``Department/normalizedCode(_:)`` unifies them: two digits for metropolitan départements (`01`...`95`),
/// `2A`/`2B` for Corsica, three digits for overseas (`971`...`988`) and `99` for the French abroad.
public struct Department: Sendable, Hashable, Codable {
    /// The unified code: `01`, `2A`, `974`, `99`.
    public var code: String
    /// The name, e.g. `Essonne`, `Corse-du-Sud`, `Français établis hors de France`.
    public var name: String

    /// Creates a department from its unified code and name.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// The department with that code, written any of the ways sources write it (`2a`, `099`, `1`).
    public init?(code raw: String) {
        // Most sources already write the unified code: its bytes find its name.
        if let name = Self.name(ofUnifiedCode: raw) {
            self.init(code: raw, name: name)
            return
        }
        guard let code = Self.normalizedCode(raw), let name = Self.names[code] else { return nil }
        self.init(code: code, name: name)
    }

    /// The unified form of a department code, or `nil` when it is not one.
    ///
    /// `2a` → `2A`, `099` and `999` → `99`, `1` → `01`, `0974` → `974`. `20` (Corsica before 1976) is not a code
    /// any more: it cannot be split into `2A` or `2B`, so it is refused.
    public static func normalizedCode(_ raw: String) -> String? {
        // Most sources already write the unified code: every key of `names` is one.
        if name(ofUnifiedCode: raw) != nil { return raw }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let withoutZeros = String(trimmed.drop { $0 == "0" })
        if withoutZeros == "2A" || withoutZeros == "2B" { return withoutZeros }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(trimmed) else {
            return nil
        }
        switch number {
        case 1...19, 21...95: return number < 10 ? "0\(number)" : "\(number)"
        case 99, 999: return "99"
        case 971...989: return names["\(number)"] == nil ? nil : "\(number)"
        default: return nil
        }
    }

    /// The department a French postcode belongs to, by its first digits.
    ///
    /// Mostly the first two digits; Corsica shares `20`: `200xx`–`201xx` are Corse-du-Sud (`2A`) and `202xx` and
    /// above Haute-Corse (`2B`); overseas postcodes take three digits (`97400` → `974`), and Saint-Barthélemy
    /// (`97133`) and Saint-Martin (`97150`), under Guadeloupe's prefix, form their own constituency (`977`).
    /// A few communes have a postcode of the neighbouring department; the first-digits rule ignores them.
    public init?(postcode raw: String) {
        let postcode = raw.trimmingCharacters(in: .whitespaces)
        guard postcode.count == 5, postcode.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let digits = Array(postcode)
        let two = String(digits[0...1])
        let three = String(digits[0...2])
        let code: String
        switch two {
        case "20": code = digits[2] < "2" ? "2A" : "2B"
        case "97": code = (postcode == "97133" || postcode == "97150") ? "977" : three
        case "98": code = three
        default: code = two
        }
        guard code != "99", let name = Self.names[code] else { return nil }
        self.init(code: code, name: name)
    }

    /// Every department with a seat in the Assemblée nationale, ordered by code.
    public static var all: [Department] {
        names.map { Department(code: $0.key, name: $0.value) }.sorted { $0.code < $1.code }
    }

    /// The name of the department whose unified code `code` is, or `nil` when `code` is not one. Read from the code's
    /// bytes, without hashing it: a large list's reading looked up `names` once a row, a thirtieth of its time.
    static func name(ofUnifiedCode code: String) -> String? {
        slot(ofUnifiedCode: code).flatMap { namesBySlot[$0] }
    }

    /// Where a code written as a unified one would be in ``namesBySlot``: `00`–`99` at 0–99, `2A` and `2B` at 100 and
    /// 101, `970`–`989` at 102–121; `nil` for any other text.
    private static func slot(ofUnifiedCode code: String) -> Int? {
        code.withUTF8Bytes { bytes in
            func digit(_ byte: UInt8) -> Int? { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte &- UInt8(ascii: "0")) : nil }
            switch bytes.count {
            case 2:
                if bytes[0] == UInt8(ascii: "2"), bytes[1] == UInt8(ascii: "A") || bytes[1] == UInt8(ascii: "B") {
                    return 100 + Int(bytes[1] - UInt8(ascii: "A"))
                }
                guard let tens = digit(bytes[0]), let units = digit(bytes[1]) else { return nil }
                return tens * 10 + units
            case 3:
                guard bytes[0] == UInt8(ascii: "9"), let tens = digit(bytes[1]), let units = digit(bytes[2]), (7...8).contains(tens) else {
                    return nil
                }
                return 102 + (tens - 7) * 10 + units
            default:
                return nil
            }
        }
    }

    /// `names` by ``slot(ofUnifiedCode:)``.
    private static let namesBySlot: [String?] = {
        var slots = [String?](repeating: nil, count: 122)
        for (code, name) in names {
            guard let slot = slot(ofUnifiedCode: code) else { preconditionFailure("'\(code)' is not a unified code") }
            slots[slot] = name
        }
        return slots
    }()

    static let names: [String: String] = [
        "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
        "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube", "11": "Aude",
        "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente",
        "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse",
        "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
        "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne", "32": "Gers",
        "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire",
        "38": "Isère", "39": "Jura", "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire",
        "44": "Loire-Atlantique", "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère",
        "49": "Maine-et-Loire", "50": "Manche", "51": "Marne", "52": "Haute-Marne", "53": "Mayenne",
        "54": "Meurthe-et-Moselle", "55": "Meuse", "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord",
        "60": "Oise", "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques",
        "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône",
        "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie",
        "75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres",
        "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse", "85": "Vendée",
        "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne", "90": "Territoire de Belfort",
        "91": "Essonne", "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne",
        "95": "Val-d'Oise", "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "Réunion",
        "975": "Saint-Pierre-et-Miquelon", "976": "Mayotte", "977": "Saint-Barthélemy et Saint-Martin",
        "986": "Wallis-et-Futuna", "987": "Polynésie française", "988": "Nouvelle-Calédonie",
        "99": "Français établis hors de France",
    ]
}
