import Foundation
import Testing
@testable import Cartable

@Suite("Constituency finder")
struct ConstituencyFinderTests {
    static func seats(_ keys: String...) -> [Seat] {
        keys.map { key in
            let parts = key.split(separator: "-")
            return Seat(department: String(parts[0]), number: Int(parts[1])!)
        }
    }

    static func names(_ places: [Locality]) -> [String] { places.map(\.name) }

    @Test func aPostcodeOfOneCommuneInOneSeat() {
        let answer = ConstituencyFinder.lookUp(postcode: "91300")
        #expect(answer.seats == Self.seats("91-6"))
        #expect(Self.names(answer.localities) == ["Massy"])
        #expect(answer.seats.first?.name == "Essonne 6th constituency")
        #expect(ConstituencyFinder.lookUp(postcode: " 91 300 ") == answer, "written with a space, as on an envelope")
        // White space at the ends, ASCII or not, is trimmed; inside, only the envelope's one space is allowed.
        for written in ["91300", "\t91300 ", "\u{00A0}91300\u{2009}", "91 300"] {
            #expect(ConstituencyFinder.normalizedPostcode(written) == "91300", "\(written.debugDescription)")
        }
        for written in ["9130", "913000", "91\u{00A0}300", "9l300", "91300x"] {
            #expect(ConstituencyFinder.normalizedPostcode(written) == nil, "\(written.debugDescription)")
        }
    }

    @Test func aPostcodeServingCommunesOfTwoSeatsListsEachCommuneWithItsSeats() {
        let answer = ConstituencyFinder.lookUp(postcode: "01000")
        #expect(answer.seats == Self.seats("01-1", "01-4"))
        let byName = Dictionary(uniqueKeysWithValues: answer.localities.map { ($0.name, $0.seats) })
        #expect(byName == ["Bourg-en-Bresse": Self.seats("01-1", "01-4"), "Saint-Denis-lès-Bourg": Self.seats("01-1")])
        #expect(answer.localities.first { $0.name == "Bourg-en-Bresse" }?.isSplit == true)
    }

    @Test func aPostcodeReachingSeatsOfTwoDepartments() {
        // Vallons-de-l'Erdre (44) keeps part of its territory in a Maine-et-Loire seat.
        let answer = ConstituencyFinder.lookUp(postcode: "44540")
        #expect(answer.seats == Self.seats("44-6", "49-7"))
        #expect(Seat.names(answer.seats) == "Loire-Atlantique 6th constituency and Maine-et-Loire 7th constituency")
    }

    @Test(arguments: [
        ("75001", ["75-1"], "Paris 1er arrondissement"), ("75011", ["75-6", "75-7"], "Paris 11e arrondissement"),
        ("75116", ["75-4", "75-14"], "Paris 16e arrondissement"), ("69001", ["69-2"], "Lyon 1er arrondissement"),
        ("69003", ["69-3", "69-4"], "Lyon 3e arrondissement"), ("13001", ["13-4"], "Marseille 1er arrondissement"),
        ("13005", ["13-4", "13-5"], "Marseille 5e arrondissement"),
    ])
    func parisLyonAndMarseillePostcodesAreTheirArrondissements(postcode: String, seats: [String], arrondissement: String) {
        let answer = ConstituencyFinder.lookUp(postcode: postcode)
        #expect(answer.seats.map(\.description) == seats)
        #expect(answer.localities.map(\.name) == [arrondissement])
        #expect(answer.localities.allSatisfy { $0.kind == .arrondissement })
    }

    @Test(arguments: [
        ("20000", ["2A-1", "2A-2"], "Ajaccio", "2A"), ("20200", ["2B-1"], "Bastia", "2B"),
        ("97400", ["974-1", "974-6"], "Saint-Denis", "974"), ("97133", ["977-1"], "Saint-Barthélémy", "977"),
        ("97150", ["977-1"], "Saint-Martin", "977"), ("98000", ["99-5"], "MONACO", "99"),
    ])
    func corsicaOverseasAndMonaco(postcode: String, seats: [String], place: String, department: String) {
        let answer = ConstituencyFinder.lookUp(postcode: postcode)
        #expect(answer.seats.map(\.description) == seats)
        let locality = answer.localities.first { $0.name == place }
        #expect(locality?.department == department)
    }

    @Test func unknownAndMalformedPostcodes() {
        #expect(ConstituencyFinder.lookUp(postcode: "00000") == .unknown(postcode: "00000"))
        #expect(ConstituencyFinder.lookUp(postcode: "91999") == .unknown(postcode: "91999"), "a CEDEX-like code La Poste's base lacks")
        for text in ["9130", "913000", "9130A", "", "  ", "91-300", "٩١٣٠٠"] {
            #expect(ConstituencyFinder.lookUp(postcode: text) == .malformed, "\(text)")
            #expect(ConstituencyFinder.lookUp(postcode: text).seats.isEmpty)
        }
    }

    @Test func placesWithoutASeat() {
        // Clipperton has no constituency; the answer says so instead of inventing one.
        let answer = ConstituencyFinder.lookUp(postcode: "98799")
        #expect(answer.localities.map(\.name) == ["ILE DE CLIPPERTON"])
        #expect(answer.seats.isEmpty)
    }

    @Test(arguments: ["Évry-Courcouronnes", "evry courcouronnes", "EVRY-COURCOURONNES", "  Evry - Courcouronnes "])
    func aCommuneNameWithOrWithoutAccents(name: String) {
        let places = ConstituencyFinder.localities(named: name)
        #expect(places.map(\.code) == ["91228"])
        #expect(places.first?.seats == Self.seats("91-1"))
        #expect(places.first?.label == "Évry-Courcouronnes (91)")
    }

    @Test(arguments: ["Saint-Denis", "St Denis", "ST-DENIS", "saint denis"])
    func homonymsAllComeBackWithTheirDepartments(name: String) {
        let places = ConstituencyFinder.localities(named: name)
        #expect(places.contains { $0.code == "93066" && $0.seats == Self.seats("93-1", "93-2") })
        #expect(places.contains { $0.code == "97411" && $0.seats == Self.seats("974-1", "974-6") })
        #expect(places.contains { $0.code == "11339" && $0.department == "11" })
        #expect(places.allSatisfy { $0.kind == .commune })
    }

    @Test(arguments: [
        ("Paris 11e", "75111"), ("paris 11", "75111"), ("Paris 11ème arrondissement", "75111"), ("PARIS 11", "75111"),
        ("Lyon 3e", "69383"), ("Lyon 03", "69383"), ("Marseille 1er", "13201"), ("marseille 1", "13201"),
    ])
    func arrondissementsByName(name: String, code: String) {
        #expect(ConstituencyFinder.localities(named: name).map(\.code) == [code])
    }

    @Test func theWholeCityIsSplitBetweenAllItsSeats() {
        let paris = ConstituencyFinder.localities(named: "Paris")
        #expect(paris.map(\.code) == ["75056"])
        #expect(paris.first?.seats.count == 18)
        #expect(ConstituencyFinder.localities(named: "Paris 21e").isEmpty, "Paris has twenty arrondissements")
    }

    @Test func consularPostsAbroad() {
        #expect(ConstituencyFinder.localities(named: "Londres").map(\.seats) == [Self.seats("99-3")])
        #expect(ConstituencyFinder.localities(named: "Londres").first?.kind == .consularPost)
        // Vienne is a commune of Isère and a consular post in Austria: both, never one guessed.
        let vienne = ConstituencyFinder.localities(named: "Vienne")
        #expect(vienne.map(\.kind) == [.commune, .consularPost])
        #expect(vienne.map(\.seats) == [Self.seats("38-8"), Self.seats("99-7")])
    }

    @Test func aNameOnlyLaPosteKnowsGivesTheCommunesOf2021ItCovers() {
        // Culoz-Béon was made of Culoz and Béon in 2025; they still vote in their own seats.
        let places = ConstituencyFinder.localities(named: "Culoz-Béon")
        #expect(places.map(\.name).sorted() == ["Béon", "Culoz"])
        #expect(Set(places.flatMap(\.seats)) == Set(Self.seats("01-3", "01-5")))
    }

    @Test func namesNoPlaceBears() {
        #expect(ConstituencyFinder.localities(named: "guedj").isEmpty)
        #expect(ConstituencyFinder.localities(named: "Évry-Courc").isEmpty, "exact names only: no prefix matching")
        #expect(ConstituencyFinder.localities(named: "Évry").map(\.code) == ["89162"], "Évry of Yonne, not Évry-Courcouronnes")
        #expect(ConstituencyFinder.localities(named: "").isEmpty)
        #expect(ConstituencyFinder.localities(named: "—").isEmpty)
    }

    @Test func seatsAreWrittenForPeople() {
        #expect(Self.seats("91-6").first?.description == "91-6")
        #expect(Seat.names(Self.seats("31-9", "31-1", "31-2", "31-3", "31-4"))
            == "Haute-Garonne 1st, 2nd, 3rd, 4th and 9th constituencies")
        #expect(Seat.names(Self.seats("99-11", "99-2", "99-3")) == "Français établis hors de France 2nd, 3rd and 11th constituencies")
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 111].map(Seat.ordinal)
            == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "111th"])
    }
}
