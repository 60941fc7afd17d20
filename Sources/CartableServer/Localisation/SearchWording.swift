import Cartable

/// How the page says what a search understood and what would narrow it down, in the visitor's language: the
/// library's own English (``SearchReading/description``), or French written here.
extension Language {
    /// `postcode 91300 → Essonne 6th constituency`, `code postal 91300 → Essonne, 6e circonscription`.
    func text(_ reading: SearchReading) -> String {
        switch self {
        case .english: reading.description
        case .french: FrenchSearchWording.text(reading)
        }
    }

    /// `postcode 01000 spans 2 constituencies; …`, `le code postal 01000 couvre 2 circonscriptions ; …`.
    func text(_ advice: SearchAdvice) -> String {
        switch self {
        case .english: advice.description
        case .french: FrenchSearchWording.text(advice)
        }
    }
}

/// The French of ``SearchReading`` and ``SearchAdvice``, seats written as in French: `Essonne, 6e circonscription`.
enum FrenchSearchWording {
    static func text(_ reading: SearchReading) -> String {
        switch reading {
        case .notAPostcode(let written):
            return "« \(written) » n’est pas un code postal (cinq chiffres, par exemple 91300)"
        case .unknownPostcode(let postcode):
            return "le code postal \(postcode) n’est pas dans la base de La Poste"
        case .unknownPostcodeInDepartment(let postcode, let department):
            return "le code postal \(postcode) n’est pas dans la base de La Poste (un code CEDEX ?) → département \(department.code) "
                + "(\(department.name)), d’après ses premiers chiffres"
        case .postcodeWithoutSeat(let postcode, let places):
            return "code postal \(postcode) → \(list(places)), sans circonscription"
        case .postcode(let postcode, let seats, let wholeDepartments):
            return "code postal \(postcode) → \(names(seats))" + (wholeDepartments ? withoutNumbers(seats) : "")
        case .place(let place, let wholeDepartments):
            let kind = switch place.kind {
            case .commune: "commune \(place.department.map { "\(place.name) (\($0))" } ?? place.name)"
            case .arrondissement: place.name
            case .consularPost: "poste consulaire \(place.name)"
            }
            return "\(kind) → " + (place.seats.isEmpty ? "aucune circonscription" : names(place.seats))
                + (place.isSplit ? ", partagée rue par rue" : "") + (wholeDepartments ? withoutNumbers(place.seats) : "")
        case .places(let count, let named, let departments, let seatCount, let wholeDepartments):
            return "\(count) lieux nommés « \(named) » (dans \(list(departments))) → \(seatCount) circonscriptions"
                + (wholeDepartments ? " (cette liste ne numérote pas les circonscriptions : tous les députés de leurs départements)" : "")
        case .department(let department):
            return "département \(department.code) (\(department.name))"
        case .departmentCode(let code):
            return "département \(code)"
        case .group(let group):
            return "groupe \(group.uppercased())"
        case .name(let name):
            return "nom « \(name) »"
        }
    }

    static func text(_ advice: SearchAdvice) -> String {
        switch advice {
        case .postcodeSpans(let postcode, let seatCount, let places):
            let spans = "le code postal \(postcode) couvre \(seatCount) circonscriptions"
            if places.count == 1 {
                return "\(spans) : une limite traverse \(list(places[0].names)) rue par rue, seule l’adresse dit quel député est le vôtre ; "
                    + "chacun est proposé"
            }
            let parts = places.map { group in
                let shown = SearchAdvice.namesListed
                let names = group.names.count > shown
                    ? group.names.prefix(shown - 1).joined(separator: ", ") + " et \(group.names.count - shown + 1) autres"
                    : list(group.names)
                return self.names(group.seats) + (group.seats.count > 1 ? ", partagée rue par rue" : "") + " — " + names
            }
            return "\(spans) ; la commune les départage : " + parts.joined(separator: " ; ")
        case .homonyms(let count, let named):
            return "\(count) lieux s’appellent « \(named) » : le département ou le code postal dit lequel est le vôtre"
        case .formerCommunes(let named, let communes):
            return "« \(named) » regroupe \(list(communes)), qui votent dans des circonscriptions différentes "
                + "(la carte est antérieure à la fusion) : votre ancienne commune dit laquelle est la vôtre"
        case .splitPlace(let name, let seatCount):
            return "une limite de circonscription traverse \(name) rue par rue : seule l’adresse dit lequel de ses \(seatCount) députés "
                + "est le vôtre, chacun est donc proposé"
        }
    }

    /// Seats grouped by department, in order: `Ain, 1re et 4e circonscriptions`,
    /// `Loire-Atlantique, 6e circonscription et Maine-et-Loire, 7e circonscription`.
    static func names(_ seats: [Seat]) -> String {
        let parts = Seat.byDepartment(seats).map { code, numbers in
            let name = Department(code: code)?.name ?? code
            return "\(name), \(list(numbers.map(ordinal))) \(numbers.count == 1 ? "circonscription" : "circonscriptions")"
        }
        return list(parts)
    }

    /// `1re`, `2e`, `11e`: the feminine ordinal, as a circonscription takes.
    static func ordinal(_ number: Int) -> String {
        number == 1 ? "1re" : "\(number)e"
    }

    /// `a`, `a et b`, `a, b et c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " et " + items[items.count - 1]
    }

    /// ` (cette liste ne numérote pas les circonscriptions : tous les députés du département Essonne (91))`.
    private static func withoutNumbers(_ seats: [Seat]) -> String {
        let departments = SearchReading.departments(of: seats)
        let which = departments.count == 1 ? "du département" : "des départements"
        return " (cette liste ne numérote pas les circonscriptions : tous les députés \(which) \(list(departments)))"
    }
}
