import Testing
@testable import Cartable

@Suite("Departments")
struct DepartmentTests {
    @Test(arguments: [
        ("2A", "2A"), ("2a", "2A"), ("02b", "2B"), ("099", "99"), ("99", "99"), ("999", "99"),
        ("1", "01"), ("01", "01"), ("75", "75"), ("974", "974"), ("0974", "974"), (" 91 ", "91"),
    ])
    func codesAreUnified(raw: String, expected: String) {
        #expect(Department.normalizedCode(raw) == expected)
    }

    @Test("every code with a name is its own unified form, also when read the long way (spaces, leading zeros, case)")
    func namedCodesAreUnified() {
        for code in Department.names.keys {
            #expect(Department.normalizedCode(code) == code)
            #expect(Department.normalizedCode(" 0\(code.lowercased()) ") == code, "\(code)")
        }
    }

    @Test(arguments: ["20", "96", "00", "978", "2C", "", "abc", "100"])
    func nonCodesAreRefused(raw: String) {
        #expect(Department.normalizedCode(raw) == nil)
    }

    @Test("the name read from a code's bytes is the table's, for every code; any other 2- or 3-character text has none")
    func namesByBytesAgreeWithTheTable() {
        for (code, name) in Department.names {
            #expect(Department.name(ofUnifiedCode: code) == name, "\(code)")
        }
        let characters = (0...9).map(String.init) + ["A", "B", "a", "b", " ", "é"]
        var others = 0
        for first in characters {
            for second in characters {
                for code in [first + second] + characters.map({ first + second + $0 }) where Department.names[code] == nil {
                    #expect(Department.name(ofUnifiedCode: code) == nil, "\(code)")
                    others += 1
                }
            }
        }
        #expect(others > 4_000)
        #expect(Department.name(ofUnifiedCode: "0974") == nil && Department.name(ofUnifiedCode: "1") == nil)
    }

    @Test(arguments: [
        ("20000", "2A"), ("20167", "2A"), ("20200", "2B"), ("20600", "2B"), ("97400", "974"), ("97100", "971"),
        ("97133", "977"), ("97150", "977"), ("98800", "988"), ("91000", "91"), ("75011", "75"), ("01000", "01"),
    ])
    func postcodesMapToTheirDepartment(postcode: String, code: String) {
        #expect(Department(postcode: postcode)?.code == code)
    }

    @Test(arguments: ["9100", "910000", "98000", "99000", "00100", "abcde"])
    func notPostcodesOfADeputysDepartment(postcode: String) {
        #expect(Department(postcode: postcode) == nil)
    }

    @Test func everyDepartmentHasANameAndTheAssemblyHas107() {
        #expect(Department.all.count == 107)
        #expect(Department(code: "2a")?.name == "Corse-du-Sud")
        #expect(Department(code: "099")?.name == "Français établis hors de France")
    }
}
