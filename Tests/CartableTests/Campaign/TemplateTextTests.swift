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

    @Test func sectionAndCommentTagsAloneOnTheirLineTakeTheLineWithThem() {
        // Mustache spec, sections.yml and comments.yml: "Standalone Lines", "Indented Standalone Lines",
        // "Standalone Line Endings" (\r\n is one line end), "Standalone Without Newline".
        let values = ["group": "SOC"]
        #expect(TemplateText("| This Is\n{{#group}}\n|\n{{/group}}\n| A Line").render(values) == "| This Is\n|\n| A Line")
        #expect(TemplateText("| This Is\n  {{#group}}\n|\n  {{/group}}\n| A Line").render(values) == "| This Is\n|\n| A Line")
        #expect(TemplateText("|\r\n{{#group}}\r\n{{/group}}\r\n|").render(values) == "|\r\n|")
        #expect(TemplateText("|\r\n{{! comment }}\r\n|").render(values) == "|\r\n|")
        #expect(TemplateText("#{{^group}}\n/\n  {{/group}}").render([:]) == "#\n/\n")
        #expect(TemplateText(" {{#group}}{{/group}} \n").render(values) == "  \n", "two tags on a line are not standalone")
        #expect(TemplateText("Bonjour {{name}}\n{{#group}}x{{/group}}").render(values) == "Bonjour \nx", "nor is a tag with text")
    }
}
