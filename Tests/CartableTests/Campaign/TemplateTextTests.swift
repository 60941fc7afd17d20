import Testing
@testable import Cartable

@Suite("Templates")
struct TemplateTextTests {
    @Test func variablesSectionsAndInvertedSections() {
        let template = TemplateText("{{#group}}Groupe {{group}}. {{/group}}{{^group}}Sans groupe. {{/group}}Bonjour {{name}}{{! note }}!")
        #expect(template.problems.isEmpty)
        #expect(template.render(["group": "SOC", "name": "Jérôme"]) == "Groupe SOC. Bonjour Jérôme!")
        #expect(template.render(["name": "Jean"]) == "Sans groupe. Bonjour Jean!")
        #expect(template.render(["group": "", "name": "Jean"]) == "Sans groupe. Bonjour Jean!")
        #expect(template.fields.map(\.name) == ["group", "group", "group", "name"])
    }

    @Test func tripleAndAmpersandTagsRenderLikePlainOnes() {
        #expect(TemplateText("{{{link}}} {{& link}}").render(["link": "https://a.b/?x=1&y=2"]) == "https://a.b/?x=1&y=2 https://a.b/?x=1&y=2")
    }

    @Test func syntaxProblemsAreReportedWithTheirTag() {
        #expect(TemplateText("Bonjour {{name").problems.map(\.tag) == ["{{name"])
        #expect(TemplateText("{{#a}}x").problems.map(\.message) == ["section '{{#a}}' is never closed with '{{/a}}'"])
        #expect(TemplateText("x{{/a}}").problems.count == 1)
        #expect(TemplateText("{{}}").problems.map(\.message) == ["empty placeholder '{{}}'"])
        #expect(TemplateText("{ {name} }").problems.isEmpty)
    }

    @Test func tagAtOffsetGivesTheTagAsWritten() {
        let template = TemplateText("ab {{#x}}y{{/x}}")
        #expect(template.tag(at: 3) == "{{#x}}")
    }

    @Test func handleOutsideSections() {
        #expect(TemplateText("Hi {{handle}}").alwaysRenders("handle"))
        #expect(!TemplateText("Hi {{#handle}}{{handle}}{{/handle}}").alwaysRenders("handle"))
    }
}
